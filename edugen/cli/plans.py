"""edugen plans list: the plans stored for a class's week."""

from __future__ import annotations

import click

from edugen import weeks
from edugen.cli.options import AppContext, echo_json, echo_table, json_option, pass_app
from edugen.profiles import runs as run_store


@click.group("plans")
def command() -> None:
    """The weekly plans stored for students (drafts until reviewed).

    \b
    Example:
      edugen plans list --class demo-6a --week 2026-W49
    """


@command.command("list")
@click.option("--class", "class_id", required=True, metavar="ID", help="The class.")
@click.option("--week", metavar="YYYY-Www", help="ISO week (default: this week).")
@json_option
@pass_app
def list_(app: AppContext, class_id: str, week: str | None, as_json: bool) -> None:
    """List each active student's current plan for the week, with its status and counts.

    \b
    Example:
      edugen plans list --class demo-6a --week 2026-W49 --json
    """
    week = week or weeks.current_week()
    weeks.parse_week(week)
    with app.db.begin() as session:
        found = run_store.class_plans(session=session, class_id=class_id, week=week)
    if as_json:
        echo_json({"class_id": class_id, "week": week, "plans": found})
        return
    echo_table(
        found, ["id", "student_id", "week", "status", "tasks", "items", "minutes", "created_at"]
    )
