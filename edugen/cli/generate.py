"""edugen generate questions|resources|plan: a week's personalized content, saved as drafts."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

import click

from edugen import config, weeks
from edugen.cli.logs import log_option, prompt_logger
from edugen.cli.options import (
    AppContext,
    adapter_option,
    backend_option_values,
    backend_options,
    compose,
    echo_json,
    json_option,
    pass_app,
    printable,
)
from edugen.cli.progress import Progress
from edugen.errors import UsageError
from edugen.workflows.backend import make_backend
from edugen.workflows.generate import WeekResult, generate_week

who_options = compose(
    click.option(
        "--student",
        "student_ids",
        multiple=True,
        metavar="ID",
        help="A student to generate for (repeatable).",
    ),
    click.option("--class", "class_id", metavar="ID", help="Every active student of a class."),
    click.option("--week", metavar="YYYY-Www", help="ISO week (default: this week)."),
)
common_options = compose(
    backend_options,
    adapter_option,
    click.option(
        "--framing",
        type=click.Choice(["scene", "retell", "plain"]),
        help="How questions are personalized (default: [generate] framing in edugen.toml, "
        "else plain on the built-in model and scene on any other).",
    ),
    click.option(
        "--texts",
        type=click.Choice(["model", "plain"]),
        help="Who writes the notes to students, the resources' reasons and the class "
        "sentence: the model (checked, with the plain text as fallback) or nobody (the plain "
        "text). Default: [generate] texts in edugen.toml, else plain on the built-in model "
        "and model on any other.",
    ),
    click.option(
        "--hints",
        type=click.Choice(["model", "solution", "off"]),
        help="Who writes hints: the model (checked, with the worked solution as fallback), "
        "the worked solution's first step, or nobody (default: [generate] hints in "
        f"edugen.toml, else {config.GenerateSettings().hints}).",
    ),
    click.option(
        "--model-items",
        is_flag=True,
        default=None,
        help="Let the model write whole questions for topics no item family or bank item "
        "covers (stored unverified; meant for a larger model than the built-in one).",
    ),
    click.option(
        "--no-save", is_flag=True, help="Show what would be made; store nothing as drafts."
    ),
    log_option,
    json_option,
)


@click.group("generate")
def command() -> None:
    """Make a week's practice questions, resource picks and study plans (saved as drafts).

    Answer keys come from verified item families or the teacher's bank, never from the
    model; the model writes the personal framing, hints, reasons and notes, and every
    output is checked (numbers, reading level, names, links) with a plain fallback.

    \b
    Example:
      edugen generate questions --student demo-s004 --count 10 --json
      edugen generate plan --class demo-6a --week 2026-W49
    """


@dataclass(frozen=True)
class Request:
    """What every generate command takes: who, which week, with what, and how."""

    student_ids: tuple[str, ...]
    class_id: str | None
    week: str | None
    backend_name: str | None
    options: tuple[str, ...]
    adapter: str | None
    framing: str | None
    texts: str | None
    hints: str | None
    model_items: bool | None
    no_save: bool
    no_log: bool


def _request(opts: dict[str, Any]) -> Request:
    return Request(**{f.name: opts[f.name] for f in fields(Request)})


def _run(app: AppContext, parts: list[str], r: Request, overrides: dict[str, Any]) -> WeekResult:
    student_ids, class_id, week = r.student_ids, r.class_id, r.week
    if bool(student_ids) == bool(class_id):
        raise UsageError("give --student ID (one or more) or --class ID")
    settings = config.generate_settings()
    changes = {k: v for k, v in overrides.items() if v is not None}
    if r.framing:
        changes["framing"] = r.framing
    if r.texts:
        changes["texts"] = r.texts
    if r.hints:
        changes["hints"] = r.hints
    if r.model_items:
        changes["model_items"] = True
    settings = settings.model_copy(update=changes)
    week = week or weeks.current_week()
    weeks.parse_week(week)
    backend = make_backend(settings, r.backend_name, backend_option_values(r.options, r.adapter))
    progress = Progress()
    try:
        result = generate_week(
            db=app.db,
            week=week,
            parts=parts,
            backend=backend,
            log=prompt_logger(app, r.no_log),
            student_ids=list(student_ids),
            class_id=class_id,
            settings=settings,
            save=not r.no_save,
            progress=progress if class_id or len(student_ids) > 1 else None,
        )
    finally:
        progress.close()
        backend.close()
    _report(result)
    return result


def _report(result: WeekResult) -> None:
    """A line per template on stderr: accepted at once, after retries, replaced."""
    for tally in result.tallies.values():
        click.echo(
            f"{tally.template}: {tally.jobs} written — {tally.first_try} accepted at once, "
            f"{tally.after_retry} after a retry, {tally.fallback} replaced by the plain "
            f"fallback ({tally.requests} requests, {tally.seconds:.1f} s)",
            err=True,
        )
    for sw in result.students:
        for topic, why in sw.gaps.items():
            click.echo(f"{sw.student.id}: no questions for {topic}: {why}", err=True)
    if result.run_id is not None:
        click.echo(f"saved as drafts (run {result.run_id}); review with `edugen review`", err=True)


def _item_json(student_id: str, item: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"student_id": student_id, **item.model_dump(mode="json")}
    data.pop("provenance", None)
    return data


@command.command()
@who_options
@click.option(
    "--count",
    type=click.IntRange(1, 100),
    help="Questions per student (default: as many as the student's minutes hold, 5 to 30).",
)
@common_options
@pass_app
def questions(app: AppContext, count: int | None, as_json: bool, **opts: Any) -> None:
    """Practice questions with verified answer keys, framed for each student.

    \b
    Example:
      edugen generate questions --student demo-s004 --count 10 --json
      edugen generate questions --class demo-6a --backend fake --no-log
    """
    result = _run(app, ["questions"], _request(opts), {"questions": count})
    if as_json:
        echo_json(
            {
                "week": result.week,
                "items": [_item_json(sw.student.id, i) for sw in result.students for i in sw.items],
            }
        )
        return
    for sw in result.students:
        click.echo(
            printable(f"# {sw.student.given_name} {sw.student.family_name} ({sw.student.id})")
        )
        for n, item in enumerate(sw.items, 1):
            tag = "verified" if item.verified else "UNVERIFIED"
            click.echo(f"\n{n}. [{item.topic} tier {item.tier}, {item.kind}, {tag}] {item.stem}")
            for letter, option in zip("ABCDEFGH", item.options or [], strict=False):
                click.echo(f"   {letter}) {option}")
            click.echo(f"   answer: {item.answer}")
            if item.hint:
                click.echo(f"   hint: {item.hint}")
        click.echo()


@command.command()
@who_options
@click.option("--count", type=click.IntRange(1, 10), help="Resources per student (default: 3).")
@common_options
@pass_app
def resources(app: AppContext, count: int | None, as_json: bool, **opts: Any) -> None:
    """Resources from the catalog for each student's topics, with a sentence on why.

    Only catalog resources can come out: the model picks among the ids it is given.

    \b
    Example:
      edugen generate resources --student demo-s004
    """
    result = _run(app, ["resources"], _request(opts), {"resources": count})
    if as_json:
        echo_json(
            {
                "week": result.week,
                "resources": [
                    {"student_id": sw.student.id, **r.model_dump(mode="json")}
                    for sw in result.students
                    for r in sw.resources
                ],
            }
        )
        return
    for sw in result.students:
        click.echo(
            printable(f"# {sw.student.given_name} {sw.student.family_name} ({sw.student.id})")
        )
        for r in sw.resources:
            click.echo(f"- {r.title} ({r.type}) {r.url}\n  {r.why}\n  [{r.reason}]")
        click.echo()


@command.command()
@who_options
@click.option(
    "--count",
    type=click.IntRange(0, 100),
    help="Questions per student (default: as many as the student's minutes hold, 5 to 30).",
)
@common_options
@pass_app
def plan(app: AppContext, count: int | None, as_json: bool, **opts: Any) -> None:
    """The whole week: questions, resources, a day-by-day plan and a note to each student;
    for a class, also the teacher's summary (stuck, misconceptions, small groups).

    \b
    Example:
      edugen generate plan --class demo-6a --week 2026-W49
      edugen generate plan --student demo-s004 --json
    """
    result = _run(app, ["plan"], _request(opts), {"questions": count})
    if as_json:
        echo_json(
            {
                "week": result.week,
                "plans": [
                    {
                        **(sw.plan.model_dump(mode="json") if sw.plan else {}),
                        "items": [_item_json(sw.student.id, i) for i in sw.items],
                    }
                    for sw in result.students
                ],
                "class_week": result.class_week.model_dump(mode="json")
                if result.class_week
                else None,
            }
        )
        return
    for sw in result.students:
        if sw.plan is None:
            continue
        click.echo(
            printable(f"# {sw.student.given_name} {sw.student.family_name}")
            + f" — week {result.week}"
        )
        click.echo(sw.plan.summary)
        if sw.plan.changes_note:
            click.echo(f"  What changed: {sw.plan.changes_note}")
        for change in sw.plan.changes:
            click.echo(f"  * {change.title}: {change.change} — {change.why}")
        for day in sw.plan.days:
            tasks = "; ".join(f"{t.title} ({t.kind}, {t.minutes} min)" for t in day.tasks)
            click.echo(f"  {day.day:<9} {day.minutes:>3} min  {tasks or 'rest'}")
        for gap in sw.plan.gaps:
            assigned = " (assigned)" if gap.assigned else ""
            click.echo(f"  Not in the plan: {gap.title}{assigned} — {gap.why}")
        click.echo()
    if result.class_week is not None:
        cw = result.class_week
        click.echo(f"## Class {cw.title}: {cw.summary}\nNext: {cw.next_steps}")
        for group in cw.groups:
            click.echo(f"  group on {group.title}: {', '.join(group.student_ids)} — {group.focus}")
