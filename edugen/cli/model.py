"""edugen model info|warm|clear-cache|tune|use."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from edugen.backends import adapters, model_files
from edugen.cli.options import AppContext, echo_json, json_option, pass_app, tuning_jobs_option
from edugen.cli.progress import Progress
from edugen.errors import EdugenError

model_option = click.option(
    "--model",
    "model",
    metavar="MODEL",
    help="A model folder, a .gguf file, or a Hugging Face id already in the local cache "
    "(default: EDUGEN_MODEL, else the built-in SmolLM2-135M-Instruct).",
)


@click.group("model")
def command() -> None:
    """Show, load and cache the generation model.

    \b
    Example:
      edugen model info
      edugen model warm
      edugen model tune --from-approved --out school
      edugen model use school
    """


@command.command("info")
@model_option
@json_option
def info(model: str | None, as_json: bool) -> None:
    """Print which model runs, its cache and the library versions.

    \b
    Example:
      edugen model info --json
      EDUGEN_MODEL=./my-model edugen model info
    """
    source = model_files.resolve(model)
    details = model_files.describe(source)
    active = adapters.active_name()
    try:
        details["adapter"] = adapters.get(active).describe() if active else None
    except EdugenError as exc:  # say what is wrong with it rather than fail the whole info
        details["adapter"] = {"name": active, "error": str(exc)}
    if as_json:
        echo_json(details)
        return
    width = max(len(k) for k in details)
    for key, value in details.items():
        if isinstance(value, dict):
            value = (
                f"{value['name']} ({value['error']})"
                if "error" in value
                else f"{value['name']} ({value['steps']} steps, {value['path']})"
            )
        shown = (
            "" if value is None else "yes" if value is True else "no" if value is False else value
        )
        click.echo(f"{key.ljust(width)}  {shown}".rstrip())


@command.command("warm")
@model_option
@click.option("--threads", type=click.IntRange(min=1), help="torch CPU threads.")
@json_option
def warm(model: str | None, threads: int | None, as_json: bool) -> None:
    """Load the model once, so later runs start fast (a GGUF is dequantized and cached).

    \b
    Example:
      edugen model warm
    """
    from edugen.backends.transformers_backend import load

    loaded = load(model_files.resolve(model), threads=threads)
    how = (
        f"dequantized and cached in {loaded.cache}"
        if loaded.dequantized
        else f"from the cache {loaded.cache}"
        if loaded.cache is not None
        else f"from {loaded.source.path}"
    )
    if as_json:
        echo_json(
            {
                "model": loaded.source.name,
                "seconds": round(loaded.seconds, 3),
                "dequantized": loaded.dequantized,
                "cache_dir": str(loaded.cache) if loaded.cache is not None else None,
            }
        )
        return
    click.echo(f"loaded {loaded.source.name} in {loaded.seconds:.1f} s ({how})")


@command.command("clear-cache")
def clear_cache() -> None:
    """Remove the cached (dequantized) models of this data dir; the next load rebuilds them.

    \b
    Example:
      edugen model clear-cache
    """
    removed = model_files.clear_cache()
    noun = "entry" if len(removed) == 1 else "entries"
    click.echo(f"removed {len(removed)} cache {noun} from {model_files.cache_root()}")


@command.command("tune")
@model_option
@click.option(
    "--from-approved",
    is_flag=True,
    help="Also learn from the texts teachers approved or edited (from the prompt log).",
)
@click.option(
    "--examples",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help='Train on this JSONL file ({"messages": [...], "completion": "..."} a line) '
    "instead of the shipped training set.",
)
@tuning_jobs_option(
    "Only this job's examples of the shipped training set (repeatable; default: all)."
)
@click.option(
    "--max-steps",
    type=click.IntRange(min=1),
    default=300,
    show_default=True,
    help="Training steps in all, those of earlier runs of this adapter included.",
)
@click.option(
    "--out",
    "name",
    default="tuned",
    show_default=True,
    metavar="NAME",
    help="The adapter's name (a folder under <data dir>/adapters/).",
)
@click.option(
    "--rank", type=click.IntRange(1, 256), default=8, show_default=True, help="LoRA rank."
)
@click.option("--alpha", type=click.IntRange(min=1), help="LoRA alpha (default: twice the rank).")
@click.option(
    "--learning-rate",
    type=click.FloatRange(0, 1, min_open=True),
    default=1e-3,
    show_default=True,
    help="AdamW's rate after a 10-step warm-up.",
)
@click.option(
    "--batch-size",
    type=click.IntRange(1, 1024),
    default=4,
    show_default=True,
    help="Examples a step.",
)
@click.option(
    "--max-length",
    type=click.IntRange(min=8),
    default=1024,
    show_default=True,
    help="Longer examples (prompt and completion, in tokens) are skipped.",
)
@click.option(
    "--save-every",
    type=click.IntRange(min=1),
    default=50,
    show_default=True,
    metavar="STEPS",
    help="Save a checkpoint every STEPS steps (and at the end).",
)
@click.option(
    "--device",
    type=click.Choice(["auto", "cpu", "cuda"]),
    default="auto",
    show_default=True,
    help="Where to train; auto: a GPU when torch sees one, else the CPU.",
)
@click.option("--threads", type=click.IntRange(min=1), help="torch CPU threads.")
@click.option(
    "--restart", is_flag=True, help="Drop the adapter's checkpoint and tune from the start."
)
@json_option
@pass_app
def tune(
    app: AppContext,
    model: str | None,
    from_approved: bool,
    examples: Path | None,
    jobs: tuple[str, ...],
    name: str,
    restart: bool,
    as_json: bool,
    **knobs: Any,
) -> None:
    """Tune the model with LoRA on the training set into an adapter (resumable).

    Trains on the CPU, or a GPU when there is one. A checkpoint is saved every
    --save-every steps in the adapter's folder; the same command run again continues from
    it, and a larger --max-steps tunes on from where the last run ended. The adapter is
    keyed to the base model's hash; make it the default with `edugen model use NAME`.

    \b
    Example:
      edugen model tune --max-steps 300 --out tuned
      edugen model tune --job scene --job rationale --job plan_note --out tuned
      edugen model tune --from-approved --out school --json
    """
    from edugen.backends.lora import TuneSettings
    from edugen.workflows.tune import tune as run_tune

    adapters.check_name(name)
    if jobs and examples is not None:
        raise click.UsageError("--job chooses from the shipped training set; not with --examples")
    if knobs["alpha"] is None:
        knobs["alpha"] = 2 * knobs["rank"]
    settings = TuneSettings(**knobs)
    progress = Progress()
    every = 1 if progress.terminal else max(1, settings.max_steps // 20)

    def report(stage: str, done: int, total: int) -> None:
        if progress.terminal or done % every == 0 or done == total:
            progress(stage, done, total)

    try:
        result = run_tune(
            db=app.db if from_approved else None,
            name=name,
            model=model,
            settings=settings,
            examples=examples,
            jobs=jobs or None,
            from_approved=from_approved,
            restart=restart,
            progress=report,
        )
    finally:
        progress.close()
    if as_json:
        echo_json(result.to_dict())
        return
    since = f" (resumed at step {result.resumed_from})" if result.resumed_from else ""
    click.echo(
        f"adapter {result.adapter}: {result.steps} steps{since} on {result.examples} examples, "
        f"loss {result.first_loss} -> {result.last_loss}, {result.seconds:.0f} s on "
        f"{result.device}, peak {result.peak_memory_mb:.0f} MB"
    )
    click.echo(f"written to {result.path}; use it with `edugen model use {result.adapter}`")


@command.command("use")
@click.argument("name", required=False)
@click.option("--none", "clear", is_flag=True, help="Use no adapter: the base model alone.")
@model_option
@json_option
def use(name: str | None, clear: bool, model: str | None, as_json: bool) -> None:
    """Make an adapter the one generation applies in this data directory (or none).

    The adapter must have been tuned on the model that runs (see `edugen model info`).
    A generating command's --adapter NAME (or --adapter none) wins over it.

    \b
    Example:
      edugen model use tuned
      edugen model use --none
    """
    if clear == (name is not None):
        raise click.UsageError("give an adapter NAME, or --none")
    if clear:
        adapters.set_active(None)
        if as_json:
            echo_json({"adapter": None})
        else:
            click.echo("no adapter: generation uses the base model alone")
        return
    assert name is not None
    adapter = adapters.get(name)
    adapters.check_base(adapter, model_files.resolve(model))
    adapters.set_active(adapter.name)
    if as_json:
        echo_json({"adapter": adapter.name, "path": str(adapter.path)})
        return
    click.echo(f"generation now applies adapter {adapter.name} ({adapter.path})")
