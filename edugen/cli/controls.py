"""edugen controls show|set|clear: a teacher's say over topics."""

from __future__ import annotations

import click

from edugen.cli.options import AppContext, echo_json, echo_table, json_option, pass_app
from edugen.profiles import controls

scope_options = [
    click.option("--class", "class_id", metavar="ID", help="Apply to a whole class."),
    click.option(
        "--student", "student_id", metavar="ID", help="Apply to one student (wins over the class)."
    ),
]


def _scope(f):
    for option in reversed(scope_options):
        f = option(f)
    return f


@click.group("controls")
def command() -> None:
    """Prioritise, exclude or assign topics for a class or a student.

    \b
    Example:
      edugen controls set --class demo-6a 6.RP.A.3.c --priority 2
      edugen controls set --student demo-s004 6.G.A.1 --exclude
    """


@command.command("set")
@click.argument("topic")
@_scope
@click.option(
    "--priority", type=click.IntRange(-5, 5), help="Rank the topic higher (up to 5) or lower."
)
@click.option(
    "--exclude/--include", "excluded", default=None, help="Keep the topic out of plans, or back in."
)
@click.option(
    "--assign/--unassign",
    "forced",
    default=None,
    help="Student only: put the topic in the plan even if not ready.",
)
@json_option
@pass_app
def set_(
    app: AppContext,
    topic: str,
    class_id: str | None,
    student_id: str | None,
    priority: int | None,
    excluded: bool | None,
    forced: bool | None,
    as_json: bool,
) -> None:
    """Set a topic's priority, exclusion or assignment.

    \b
    Example:
      edugen controls set --class demo-6b 6.EE.A.2 --priority 3
    """
    if priority is None and excluded is None and forced is None:
        raise click.UsageError(
            "say what to set: --priority, --exclude/--include or --assign/--unassign"
        )
    with app.db.begin() as session:
        row = controls.set_control(
            session=session,
            topic=topic,
            class_id=class_id,
            student_id=student_id,
            priority=priority,
            excluded=excluded,
            forced=forced,
        )
    if as_json:
        echo_json(row.model_dump())
    else:
        click.echo(_describe(row))


@command.command()
@click.argument("topic")
@_scope
@pass_app
def clear(app: AppContext, topic: str, class_id: str | None, student_id: str | None) -> None:
    """Remove a control, so the topic is planned normally again.

    \b
    Example:
      edugen controls clear --class demo-6a 6.RP.A.3.c
    """
    with app.db.begin() as session:
        removed = controls.clear_control(
            session=session, topic=topic, class_id=class_id, student_id=student_id
        )
    click.echo("removed" if removed else "there was no control for that topic")


@command.command()
@_scope
@json_option
@pass_app
def show(app: AppContext, class_id: str | None, student_id: str | None, as_json: bool) -> None:
    """List the controls of a class or a student.

    \b
    Example:
      edugen controls show --class demo-6a
    """
    with app.db.begin() as session:
        rows = controls.list_controls(session=session, class_id=class_id, student_id=student_id)
    if as_json:
        echo_json([r.model_dump() for r in rows])
    else:
        echo_table([r.model_dump() for r in rows], ["topic", "priority", "excluded", "forced"])


def _describe(row: controls.TopicControlRow) -> str:
    parts = [f"priority {row.priority:+d}"]
    if row.excluded:
        parts.append("excluded")
    if row.forced:
        parts.append("assigned")
    return f"{row.scope} {row.owner}, topic {row.topic}: " + ", ".join(parts)
