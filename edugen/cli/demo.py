"""edugen demo."""

from __future__ import annotations

import click

from edugen import weeks
from edugen.cli.options import AppContext, echo_json, json_option, pass_app
from edugen.cli.progress import Progress
from edugen.demo.school import SCHOOL_ID
from edugen.exporters import documents
from edugen.workflows.demo import load_demo
from edugen.workflows.planning import plan_school


@click.command("demo")
@click.option("--reset", is_flag=True, help="Remove the demo school first and load it afresh.")
@click.option("--week", metavar="YYYY-Www", help="The week to plan for (default: this week).")
@json_option
@pass_app
def command(app: AppContext, reset: bool, week: str | None, as_json: bool) -> None:
    """Load the demo school and print each student's next topics.

    The demo school has five math classes of 25 invented students (one in grade 4,
    two in grade 6, one in grade 7, one in grade 8), a grades 3-8 curriculum keyed to
    CCSS codes, a catalog of free resources and six weeks of simulated answers through
    each class's own grade. Loading it again changes nothing.

    \b
    Example:
      edugen demo --week 2026-W49
    """
    week = week or weeks.current_week()
    weeks.parse_week(week)
    with Progress() as progress:
        summaries = load_demo(db=app.db, week=week, reset=reset, progress=progress)
    for summary in summaries:
        click.echo(summary.describe(), err=True)
    report = plan_school(db=app.db, school_id=SCHOOL_ID, week=week)
    if as_json:
        echo_json(report.model_dump())
    else:
        click.echo(documents.render("next_topics.md.j2", report=report), nl=False)
