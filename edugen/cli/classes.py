"""edugen classes list|show."""

from __future__ import annotations

import click

from edugen.cli.options import AppContext, echo_json, echo_table, json_option, pass_app, printable
from edugen.profiles import queries


@click.group("classes")
def command() -> None:
    """List and inspect classes.

    \b
    Example:
      edugen classes list
    """


@command.command("list")
@click.option("--school", "school_id", metavar="ID", help="Only classes of this school.")
@json_option
@pass_app
def list_(app: AppContext, school_id: str | None, as_json: bool) -> None:
    """List classes with their grade and number of students.

    \b
    Example:
      edugen classes list --json
    """
    with app.db.begin() as session:
        classes = queries.list_classes(session=session, school_id=school_id)
    if as_json:
        echo_json([c.model_dump() for c in classes])
    else:
        echo_table(
            [c.model_dump() for c in classes],
            ["id", "title", "school_id", "grade", "student_count"],
        )


@command.command()
@click.argument("class_id")
@json_option
@pass_app
def show(app: AppContext, class_id: str, as_json: bool) -> None:
    """Show a class: its teachers and enrolled students.

    \b
    Example:
      edugen classes show demo-6a --json
    """
    with app.db.begin() as session:
        detail = queries.get_class(session=session, class_id=class_id)
    if as_json:
        echo_json(detail.model_dump())
        return
    click.echo(printable(f"{detail.title} ({detail.id}), school {detail.school_id}"))
    click.echo(f"teachers: {', '.join(printable(t) for t in detail.teachers) or '-'}")
    click.echo(f"{detail.student_count} students:")
    echo_table(
        [s.model_dump() for s in detail.students], ["id", "given_name", "family_name", "grade"]
    )
