"""edugen eval learner|model."""

from __future__ import annotations

from pathlib import Path

import click

from edugen.cli.model import model_option
from edugen.cli.options import echo_json, echo_table, json_option
from edugen.learner import evaluate

existing_file = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.group("eval")
def command() -> None:
    """Measure how well the models predict real answers.

    \b
    Example:
      edugen eval learner --train train.tsv --test test.tsv
      edugen eval model lesson.txt
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
@model_option
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
    file: Path, model: str | None, window: int | None, stride: int | None, as_json: bool
) -> None:
    """Measure the model's perplexity on a UTF-8 text file (sliding window).

    Each token is predicted once, with up to WINDOW - STRIDE tokens of context carried
    over from the previous window. Lower is better; compare models on the same text.

    \b
    Example:
      edugen eval model lesson.txt
      edugen eval model lesson.txt --model ./my-model --window 512 --stride 256 --json
    """
    from edugen.backends.perplexity import perplexity_of_file

    result = perplexity_of_file(file, model=model, window=window, stride=stride)
    if as_json:
        echo_json(result.to_dict())
        return
    click.echo(f"perplexity  {result.perplexity:.3f}")
    click.echo(f"tokens      {result.tokens}")
    click.echo(f"windows     {result.windows} (window {result.window}, stride {result.stride})")
    click.echo(f"model       {result.model}")
