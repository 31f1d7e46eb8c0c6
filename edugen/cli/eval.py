"""edugen eval learner|model|generation."""

from __future__ import annotations

from pathlib import Path

import click

from edugen.cli.model import model_option
from edugen.cli.options import (
    adapter_option,
    backend_option_values,
    backend_options,
    echo_json,
    echo_table,
    json_option,
    tuning_jobs_option,
)
from edugen.learner import evaluate

existing_file = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.group("eval")
def command() -> None:
    """Measure how well the models predict real answers.

    \b
    Example:
      edugen eval learner --train train.tsv --test test.tsv
      edugen eval model lesson.txt
      edugen eval generation --limit 10
    """


@command.command("learner")
@click.option(
    "--train",
    "train",
    type=existing_file,
    required=True,
    metavar="FILE",
    help="Answer log to learn from.",
)
@click.option(
    "--test",
    "test",
    type=existing_file,
    required=True,
    metavar="FILE",
    help="Answer log of new students, predicted answer by answer.",
)
@click.option(
    "--no-item-ids",
    is_flag=True,
    help="Ignore item ids: only skill and tier known, as for freshly generated items.",
)
@json_option
def learner(train: Path, test: Path, no_item_ids: bool, as_json: bool) -> None:
    """Learn from one answer log, then predict each answer of another before seeing it.

    Logs are tab separated with a header: user_id, item_id, timestamp, correct (0/1),
    skill_id; rows in time order (timestamp is ignored). Test students count as new
    students even where ids repeat. Prints AUC, log loss, accuracy at 0.5 and a
    10-bin calibration table.

    \b
    Example:
      edugen eval learner --train statics/preprocessed_data_train.csv \\
        --test statics/preprocessed_data_test.csv --json
    """
    result = evaluate.evaluate_files(train, test, item_ids=not no_item_ids)
    if as_json:
        echo_json(result.to_dict())
        return
    click.echo(f"AUC       {result.auc:.4f}")
    click.echo(f"log loss  {result.log_loss:.4f}")
    click.echo(f"accuracy  {result.accuracy:.4f}")
    click.echo(f"n         {result.n}")
    click.echo("")
    echo_table(
        [
            {
                "predicted": f"{b.low:.1f}-{b.high:.1f}",
                "count": b.count,
                "mean predicted": _rate(b.mean_predicted),
                "observed": _rate(b.observed_rate),
            }
            for b in result.calibration
        ],
        ["predicted", "count", "mean predicted", "observed"],
    )


def _rate(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


@command.command("model")
@click.argument("file", type=existing_file)
@click.option(
    "--references",
    type=existing_file,
    metavar="REFS",
    help="Reference lines: adds BLEU, chrF and ROUGE-L of FILE's lines against them, line "
    "by line (both files must have the same number of lines).",
)
@click.option(
    "--perplexity/--no-perplexity",
    default=True,
    show_default=True,
    help="Measure the model's perplexity on FILE (loads the model).",
)
@model_option
@adapter_option
@click.option(
    "--window",
    type=click.IntRange(min=2),
    metavar="N",
    help="Tokens per window (default: 1024, or the model's context if shorter).",
)
@click.option(
    "--stride",
    type=click.IntRange(min=1),
    metavar="N",
    help="Tokens each window moves on by (default: half the window).",
)
@json_option
def model(
    file: Path,
    references: Path | None,
    perplexity: bool,
    model: str | None,
    adapter: str | None,
    window: int | None,
    stride: int | None,
    as_json: bool,
) -> None:
    """Measure the model's perplexity on a UTF-8 text file (sliding window), and with
    --references how close the file's lines are to reference lines.

    Each token is predicted once, with up to WINDOW - STRIDE tokens of context carried
    over from the previous window. Lower is better; compare models on the same text. The
    model has the active adapter merged in (`edugen model use`) unless --adapter names
    another, or none. With --references, line i of FILE is scored against line i of REFS:
    BLEU and chrF (sacrebleu's corpus scores, 0-100) and ROUGE-L (mean F-measure, 0-1).
    Files with different numbers of lines are an error naming both.

    \b
    Example:
      edugen eval model lesson.txt
      edugen eval model lesson.txt --model ./my-model --window 512 --stride 256 --json
      edugen eval model outputs.txt --references references.txt --json
      edugen eval model lesson.txt --adapter tuned     # the tuned model's perplexity
    """
    from edugen.backends.overlap import overlap_of_files

    if not perplexity and references is None:
        raise click.UsageError("nothing to measure: give --references or leave out --no-perplexity")
    # The cheap check first: a line-count mismatch fails before the model loads.
    scores = overlap_of_files(file, references).to_dict() if references is not None else {}
    result: dict[str, object] = {}
    if perplexity:
        from edugen.backends.perplexity import perplexity_of_file

        measured = perplexity_of_file(
            file, model=model, window=window, stride=stride, adapter=adapter
        )
        result.update(measured.to_dict())
    result.update(scores)
    if as_json:
        echo_json(result)
        return
    if perplexity:
        click.echo(f"perplexity  {result['perplexity']:.3f}")
        click.echo(f"tokens      {result['tokens']}")
        click.echo(
            f"windows     {result['windows']} (window {result['window']}, "
            f"stride {result['stride']})"
        )
        click.echo(f"model       {result['model']}")
        if result["adapter"]:
            click.echo(f"adapter     {result['adapter']}")
    if scores:
        click.echo(f"bleu        {scores['bleu']:.2f}")
        click.echo(f"chrf        {scores['chrf']:.2f}")
        click.echo(f"rouge_l     {scores['rouge_l']:.4f}")
        click.echo(f"lines       {scores['lines']}")


@command.command("generation")
@backend_options
@adapter_option
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    metavar="N",
    help="The first N held-out prompts of each job (default: all).",
)
@tuning_jobs_option("Only this job (repeatable; default: all five).")
@click.option(
    "--texts",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR",
    help="Write each job's first-try outputs and the references, one line a prompt, to "
    "DIR/JOB.outputs.txt and DIR/JOB.references.txt (for eval model --references), and "
    "each prompt's outcome (first try, after N tries, or fallback and why) to "
    "DIR/JOB.outcomes.txt.",
)
@json_option
def generation(
    backend_name: str | None,
    options: tuple[str, ...],
    adapter: str | None,
    limit: int | None,
    jobs: tuple[str, ...],
    texts: Path | None,
    as_json: bool,
) -> None:
    """Run the shipped held-out prompts through the backend, checked as a week's are.

    Each job (scene, rationale, plan_note, class_summary, hint) goes through the same
    calls, checks (the grounded ones too), retries and fallback as generation: prints per
    job the share of prompts accepted at the first try and the share that ended in the
    plain fallback. Nothing goes to the database or the prompt log.

    \b
    Example:
      edugen eval generation --limit 20
      edugen eval generation --adapter tuned --json
      edugen eval generation --adapter none --json      # the base model alone
      edugen eval generation --backend fake --json
      edugen eval generation --texts held-out/ && edugen eval model held-out/scene.outputs.txt \\
        --references held-out/scene.references.txt --json
    """
    from edugen.workflows.evaluation import JobScore, evaluate_generation_with

    values = backend_option_values(options, adapter)

    def done(job: JobScore) -> None:
        click.echo(
            f"{job.job}: {job.first_try} of {job.prompts} accepted at the first try, "
            f"{job.fallback} fell back",
            err=True,
        )

    score = evaluate_generation_with(
        backend_name, values, jobs=jobs or None, limit=limit, on_job=done
    )
    if texts is not None:
        from edugen.workflows.files import write_atomic

        texts.mkdir(parents=True, exist_ok=True)
        for job, (outputs, refs, outcomes) in score.texts.items():
            for name, lines in (("outputs", outputs), ("references", refs), ("outcomes", outcomes)):
                write_atomic(texts / f"{job}.{name}.txt", "".join(f"{x}\n" for x in lines).encode())
    if as_json:
        echo_json(score.to_dict())
        return
    click.echo(f"backend {score.backend} ({score.model}), {score.split} prompts")
    echo_table(
        [
            {
                "job": job,
                "prompts": s.prompts,
                "first try": f"{s.first_try_acceptance:.3f}",
                "after retry": s.after_retry,
                "fallback": f"{s.fallback_share:.3f}",
            }
            for job, s in score.jobs.items()
        ],
        ["job", "prompts", "first try", "after retry", "fallback"],
    )
