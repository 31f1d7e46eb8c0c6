"""edugen topics show|class: the planner's picks for the week, with reasons (`plan` is an alias)."""

from __future__ import annotations

import click

from edugen import weeks
from edugen.cli.options import (
    AppContext,
    echo_json,
    hidden_alias,
    json_option,
    pass_app,
    printable,
)
from edugen.workflows.planning import plan_class, plan_students

week_option = click.option(
    "--week", metavar="YYYY-Www", help="ISO week to plan (default: this week)."
)


@click.group("topics")
def command() -> None:
    """Show what each student should work on next, and why.

    \b
    Example:
      edugen topics show demo-s004 --week 2026-W49
      edugen topics class demo-6a
    """


@command.command()
@click.argument("student_id")
@week_option
@json_option
@pass_app
def show(app: AppContext, student_id: str, week: str | None, as_json: bool) -> None:
    """A student's picks for the week: topic, kind, tier and the reason for each.

    \b
    Example:
      edugen topics show demo-s004 --week 2026-W49 --json
    """
    week = week or weeks.current_week()
    (plan,) = plan_students(db=app.db, student_ids=[student_id], week=week)
    if as_json:
        echo_json(plan.model_dump(mode="json"))
        return
    click.echo(
        printable(f"{plan.name} ({plan.student_id})")
        + f", week {plan.week}, {plan.answers} answers so far"
    )
    for i, pick in enumerate(plan.picks, 1):
        tier = f", tier {pick.tier}" if pick.tier else ""
        click.echo(printable(f"{i}. {pick.code} {pick.title} [{pick.kind}{tier}]"))
        click.echo(f"   {printable(pick.reason)}")
    if not plan.picks:
        click.echo("nothing to plan: every topic is mastered, excluded or waits on a prerequisite")


@command.command("class")
@click.argument("class_id")
@week_option
@json_option
@pass_app
def class_(app: AppContext, class_id: str, week: str | None, as_json: bool) -> None:
    """The class view: who is ready for what, and who is stuck on which prerequisite.

    \b
    Example:
      edugen topics class demo-6a --week 2026-W49
    """
    week = week or weeks.current_week()
    view = plan_class(db=app.db, class_id=class_id, week=week)
    if as_json:
        echo_json(view.model_dump(mode="json"))
        return
    names = {s.student_id: s.name for s in view.students}
    click.echo(
        printable(f"{view.title} ({view.id})")
        + f", week {view.week}, {len(view.students)} students"
    )
    click.echo("\nReady to work on:")
    for topic, ids in sorted(view.ready.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        click.echo(f"  {topic:<12} {len(ids):>2}  " + printable(", ".join(names[i] for i in ids)))
    click.echo("\nStuck:")
    for s in view.stuck:
        click.echo(
            f"  {printable(s.name)}: {s.misses} misses in a row on {s.topic}; "
            f"back to {s.prerequisite}"
        )
    if not view.stuck:
        click.echo("  nobody")


# The group's name before the glossary's renames; hidden, kept for one release.
plan_alias = hidden_alias(command, "plan", "topics")
