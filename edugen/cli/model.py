"""edugen model info|warm|clear-cache."""

from __future__ import annotations

import click

from edugen.backends import model_files
from edugen.cli.options import echo_json, json_option

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
    details = model_files.describe(model_files.resolve(model))
    if as_json:
        echo_json(details)
        return
    width = max(len(k) for k in details)
    for key, value in details.items():
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
