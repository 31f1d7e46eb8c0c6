"""edugen runs list|show: what generation and weekly runs did, and how they ended."""

from __future__ import annotations

import click

from edugen.cli.options import AppContext, echo_json, echo_table, json_option, pass_app
from edugen.profiles import runs as run_store


@click.group("runs")
def command() -> None:
    """Every generation and weekly run: when, for whom, and how it ended.

    \b
    Example:
      edugen runs list --kind weekly
      edugen runs show 12 --json
    """


@command.command("list")
@click.option("--kind", type=click.Choice(["weekly", "generate"]), help="Only runs of this kind.")
@click.option("--week", metavar="YYYY-Www", help="Only runs for this week.")
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True)
@json_option
@pass_app
def list_(app: AppContext, kind: str | None, week: str | None, limit: int, as_json: bool) -> None:
    """List the newest runs first.

    \b
    Example:
      edugen runs list --kind weekly --week 2026-W49 --json
    """
    with app.db.begin() as session:
        found = run_store.list_runs(session=session, kind=kind, week=week, limit=limit)
    if as_json:
        echo_json({"runs": found})
        return
    rows = [
        {
            **r,
            "scope": r["class_id"] or r["school_id"] or "",
            "done": _done(r["counts"]),
            "started": r["started_at"][:19],
        }
        for r in found
    ]
    echo_table(rows, ["id", "kind", "week", "scope", "shard", "status", "done", "started"])


def _done(counts: dict[str, object]) -> str:
    if "done" in counts:
        skipped, failed = counts.get("skipped", 0), counts.get("failed", 0)
        return f"{counts['done']} done, {skipped} skipped, {failed} failed"
    if "students" in counts:
        return f"{counts['students']} students"
    return ""


@command.command()
@click.argument("run_id", type=int)
@json_option
@pass_app
def show(app: AppContext, run_id: int, as_json: bool) -> None:
    """Show one run: its parameters, counts, outcome and any error.

    \b
    Example:
      edugen runs show 12
    """
    with app.db.begin() as session:
        run = run_store.get_run(session=session, run_id=run_id)
    if as_json:
        echo_json(run)
        return
    for key in ("id", "kind", "status", "week", "school_id", "class_id", "shard"):
        if run[key] is not None:
            click.echo(f"{key}: {run[key]}")
    click.echo(f"started: {run['started_at']}")
    click.echo(f"finished: {run['finished_at'] or '(not finished)'}")
    for key, value in run["counts"].items():
        if key == "failed_students":
            for who, why in value.items():
                click.echo(f"failed {who}: {why}")
        elif key == "classes":  # a queued run's classes, as the workers report them
            for cid, c in value.items():
                click.echo(
                    f"class {cid}: {c['done']}/{c['students']} done, {c['failed']} failed, "
                    f"{c['status']}" + (f" ({c['error']})" if c["error"] else "")
                )
        elif key == "tasks":
            took = [t["seconds"] for t in value.values()]
            if took:
                click.echo(
                    f"tasks: {len(took)} done, {sum(took) / len(took):.2f} s mean, "
                    f"{max(took):.2f} s longest"
                )
        elif key == "queue":
            click.echo(f"waiting batches: {len(value['pending'])}")
        elif key != "templates":
            click.echo(f"{key}: {value}")
    if run["error"]:
        click.echo(f"error: {run['error']}")
