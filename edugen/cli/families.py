"""edugen families list: the verified item families, from the registry (no model, no database)."""

from __future__ import annotations

import click

from edugen.cli.options import echo_json, echo_table, json_option
from edugen.planner.picks import grade_number


@click.group("families")
def command() -> None:
    """The item families that write verified questions, by topic code.

    \b
    Example:
      edugen families list --grade 6
    """


@command.command("list")
@click.option("--grade", metavar="G", help="Only families of this grade (6, 06 or K).")
@json_option
def list_(grade: str | None, as_json: bool) -> None:
    """List each family: topic code, grade, tiers, kinds, and whether it draws a figure.

    \b
    Example:
      edugen families list --grade 7 --json
    """
    from edugen.content.families import catalog  # sympy: loaded only when asked

    # Rosters write grade 6 as "06" and kindergarten as "KG"; topic codes as "6" and "K".
    number = grade_number(grade) if grade is not None else None
    wanted = None if number is None else "K" if number == 0 else str(number)
    rows = [f.model_dump() for f in catalog.catalog(wanted)]
    if as_json:
        echo_json(rows)
    else:
        echo_table(rows, ["name", "topic", "grade", "tiers", "kinds", "figure_kinds"])
