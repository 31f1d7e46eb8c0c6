"""edugen students list|show."""

from __future__ import annotations

import click

from edugen.cli.options import AppContext, echo_json, echo_table, json_option, pass_app, printable
from edugen.profiles import queries


@click.group("students")
def command() -> None:
    """List and inspect students.

    \b
    Example:
      edugen students list --class demo-6a
    """


@command.command("list")
@click.option("--class", "class_id", metavar="ID", help="Only students enrolled in this class.")
@json_option
@pass_app
def list_(app: AppContext, class_id: str | None, as_json: bool) -> None:
    """List students (a table, or a JSON list with --json).

    \b
    Example:
      edugen students list --json
    """
    with app.db.begin() as session:
        students = queries.list_students(session=session, class_id=class_id)
    if as_json:
        echo_json([s.model_dump() for s in students])
    else:
        echo_table(
            [s.model_dump() for s in students],
            ["id", "given_name", "family_name", "grade", "pseudonym"],
        )


@command.command()
@click.argument("student_id")
@json_option
@pass_app
def show(app: AppContext, student_id: str, as_json: bool) -> None:
    """Show one student's profile and classes.

    \b
    Example:
      edugen students show demo-s001 --json
    """
    with app.db.begin() as session:
        student = queries.get_student(session=session, student_id=student_id)
    if as_json:
        echo_json(student.model_dump())
        return
    for key, value in student.model_dump().items():
        if isinstance(value, list):
            value = ", ".join(printable(v) for v in value) or "-"
        shown = "-" if value is None else printable(value)
        click.echo(f"{key.replace('_', ' ') + ':':<17}{shown}")
