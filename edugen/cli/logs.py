"""edugen logs list|show: the prompt log, and the --no-log switch generating commands take."""

from __future__ import annotations

from collections.abc import Sequence

import click

from edugen.cli.options import AppContext, echo_json, echo_table, json_option, pass_app
from edugen.profiles import prompt_log
from edugen.prompts.log import LogEntry
from edugen.prompts.runner import LogCallback

log_option = click.option(
    "--no-log",
    is_flag=True,
    help="Keep no record of the prompts and outputs (the prompt log is on by default).",
)


def prompt_logger(app: AppContext, no_log: bool, run_id: int | None = None) -> LogCallback | None:
    """The runner's log callback for a command with `log_option`: None when --no-log."""
    if no_log:
        return None

    def log(entries: Sequence[LogEntry]) -> None:
        # Its own unit of work, so the log keeps what was sent even if the caller rolls back.
        with app.db.begin() as session:
            prompt_log.record(session=session, entries=entries, run_id=run_id)

    return log


@click.group("logs")
def command() -> None:
    """Read the prompt log: every prompt sent to a model and what came back.

    \b
    Example:
      edugen logs list --template hint
      edugen logs show 42
    """


@command.command("list")
@click.option(
    "--limit", type=click.IntRange(1, 10_000), default=20, show_default=True, help="How many."
)
@click.option("--template", metavar="NAME", help="Only this template's entries.")
@click.option(
    "--outcome",
    type=click.Choice(["accepted", "invalid", "error"]),
    help="Only entries with this outcome.",
)
@json_option
@pass_app
def list_(
    app: AppContext, limit: int, template: str | None, outcome: str | None, as_json: bool
) -> None:
    """List the newest prompt log entries (with --json: prompts and outputs in full).

    \b
    Example:
      edugen logs list --limit 5 --json
    """
    with app.db.begin() as session:
        entries = prompt_log.list_entries(
            session=session, limit=limit, template=template, outcome=outcome
        )
    if as_json:
        echo_json([e.model_dump(mode="json") for e in entries])
        return
    rows = [
        {
            **e.model_dump(),
            "created_at": e.created_at.isoformat(timespec="seconds"),
            "latency_ms": None if e.latency_ms is None else f"{e.latency_ms:.0f}",
        }
        for e in entries
    ]
    echo_table(rows, ["id", "created_at", "template", "backend", "model", "outcome", "latency_ms"])


@command.command()
@click.argument("entry_id", metavar="ID", type=int)
@json_option
@pass_app
def show(app: AppContext, entry_id: int, as_json: bool) -> None:
    """Show one entry: where the prompt came from, the prompt, and the output.

    \b
    Example:
      edugen logs show 42
    """
    with app.db.begin() as session:
        entry = prompt_log.get_entry(session=session, entry_id=entry_id)
    if as_json:
        echo_json(entry.model_dump(mode="json"))
        return
    data = entry.model_dump(mode="json", exclude={"prompt", "output"})
    for key, value in data.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k}={v}" for k, v in value.items()) or "-"
        click.echo(f"{key.replace('_', ' ') + ':':<19}{'-' if value is None else value}")
    click.echo("\n--- prompt ---")
    click.echo(entry.prompt)
    click.echo("\n--- output ---")
    click.echo(entry.output if entry.output is not None else "(none)")
