"""edugen review list|show|approve|reject|reopen|edit: the teacher's gate before students."""

from __future__ import annotations

from typing import Any

import click

from edugen import review
from edugen.cli.options import AppContext, echo_json, echo_table, json_option, pass_app
from edugen.errors import UsageError
from edugen.review import STEM_CUT, ReviewItem, ReviewPlan

STATUSES = ["draft", "approved", "published", "rejected", "retired"]

who_option = click.option(
    "--who",
    envvar="EDUGEN_REVIEWER",
    metavar="NAME",
    help="Who is deciding, for the record (default: env EDUGEN_REVIEWER, else your login).",
)
scope_options = [
    click.option("--class", "class_id", metavar="ID", help="Only the class's active students."),
    click.option("--student", "student_id", metavar="ID", help="Only this student."),
    click.option("--week", metavar="YYYY-Www", help="Only this ISO week."),
]
school_option = click.option(
    "--school",
    "school_id",
    metavar="ID",
    help="As this school sees it: its students' items, its own status (a shared item can be "
    "approved for one school only). Without it: the item's status for every school.",
)
kind_option = click.option(
    "--kind",
    type=click.Choice(["items", "plans"]),
    default="items",
    show_default=True,
    help="Questions (items) or weekly plans.",
)


def _scope(f: Any) -> Any:
    for option in reversed(scope_options):
        f = option(f)
    return f


@click.group("review")
def command() -> None:
    """Look over generated questions and plans, then approve, reject or edit them.

    Everything generated starts as a draft; only approved content goes to students.
    Items are named by their id, plans as plan:<number> (see `review list --kind plans`).
    Every status change is recorded with who, when and why.

    \b
    Example:
      edugen review list --class demo-6a --status draft
      edugen review approve --all-valid --class demo-6a
      edugen review reject gen-771da50506b329672233 --reason "too easy for this group"
    """


def _cut(text: str, width: int = STEM_CUT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@command.command("list")
@_scope
@click.option(
    "--status", type=click.Choice(STATUSES), help="Only this status (default: all but retired)."
)
@kind_option
@school_option
@json_option
@pass_app
def list_(
    app: AppContext,
    class_id: str | None,
    student_id: str | None,
    week: str | None,
    status: str | None,
    kind: str,
    school_id: str | None,
    as_json: bool,
) -> None:
    """List items (or plans) to review: a table, or {"items": [...]} with --json.

    \b
    Example:
      edugen review list --class demo-6a --json
      edugen review list --kind plans --week 2026-W49 --status draft
    """
    scope = {"class_id": class_id, "student_id": student_id, "week": week, "school_id": school_id}
    if kind == "plans":
        with app.db.begin() as session:
            plans = review.list_plans(session=session, status=status, **scope)
        if as_json:
            echo_json({"plans": [p.listing() for p in plans]})
            return
        echo_table(
            [{**p.listing(), "summary": _cut(p.summary)} for p in plans],
            ["id", "student_id", "week", "status", "current", "summary"],
        )
        return
    with app.db.begin() as session:
        items = review.list_items(session=session, status=status, **scope)
    if as_json:
        echo_json({"items": [i.listing() for i in items]})
        return
    echo_table(
        [
            {
                "id": i.id,
                "student": i.student_id,
                "week": i.week,
                "topic": i.topic,
                "kind": i.kind,
                "status": i.status,
                "verified": "yes" if i.verified else "NO",
                "stem": _cut(i.stem),
            }
            for i in items
        ],
        ["id", "student", "week", "topic", "kind", "status", "verified", "stem"],
    )


@command.command()
@click.argument("ref", metavar="ID")
@school_option
@json_option
@pass_app
def show(app: AppContext, ref: str, school_id: str | None, as_json: bool) -> None:
    """Show one item (key, solution, hint, checks) or plan (plan:<number>) in full.

    \b
    Example:
      edugen review show gen-771da50506b329672233
      edugen review show plan:12 --json
    """
    with app.db.begin() as session:
        found = review.show(session=session, ref=ref, school_id=school_id)
    if as_json:
        echo_json(found.model_dump(mode="json"))
    elif isinstance(found, ReviewPlan):
        _show_plan(found)
    else:
        _show_item(found)


def _show_item(item: ReviewItem) -> None:
    where = f", {item.student_id} {item.week}" if item.student_id else ""
    click.echo(f"{item.id}  [{item.status}, {'verified' if item.verified else 'NOT verified'}]")
    click.echo(f"{item.topic} {item.topic_title} — tier {item.tier}, {item.kind}{where}")
    if item.schools:
        click.echo("schools: " + ", ".join(f"{k} {v}" for k, v in item.schools.items()))
    click.echo(f"\n{item.stem}")
    if item.figure is not None:
        click.echo(f"figure attached ({item.figure.kind}): {item.figure.alt}")
    for letter, option in zip("ABCDEFGH", item.options or [], strict=False):
        mark = "*" if option == item.answer else " "
        click.echo(f" {mark}{letter}) {option}")
    click.echo(f"\nanswer: {item.answer}")
    if item.tolerance is not None:
        click.echo(f"tolerance: {item.tolerance:g}")
    if item.rubric:
        click.echo(f"rubric: {item.rubric}")
    if item.hint:
        click.echo(f"hint: {item.hint}")
    if item.solution:
        click.echo("solution:")
        for step in item.solution:
            click.echo(f"  {step}")
    if item.outcomes:
        click.echo("written: " + ", ".join(f"{k} {v}" for k, v in item.outcomes.items()))
    click.echo("checks: " + ("ok" if not item.problems else "; ".join(item.problems)))
    _show_history(item.history)


def _show_plan(plan: ReviewPlan) -> None:
    click.echo(f"{plan.id}  [{plan.status}{'' if plan.current else ', superseded'}]")
    click.echo(f"{plan.student_id}, week {plan.week}")
    click.echo(f"\n{plan.summary}")
    for change in plan.content.get("changes", []):
        click.echo(f"  * {change.get('title')}: {change.get('change')} — {change.get('why')}")
    for day in plan.content.get("days", []):
        tasks = "; ".join(
            f"{t.get('title')} ({t.get('kind')}, {t.get('minutes')} min)"
            for t in day.get("tasks", [])
        )
        click.echo(f"  {day.get('day', ''):<9} {day.get('minutes', 0):>3} min  {tasks or 'rest'}")
    for r in plan.content.get("resources", []):
        click.echo(f"  resource: {r.get('title')} {r.get('url')}")
    if plan.items:
        click.echo("items: " + ", ".join(f"{i.id} ({i.status or 'gone'})" for i in plan.items))
    click.echo("checks: " + ("ok" if not plan.problems else "; ".join(plan.problems)))
    _show_history(plan.history)


def _show_history(rows: list[Any]) -> None:
    for row in rows:
        why = f" — {row.why}" if row.why else ""
        school = f" [{row.school_id}]" if row.school_id else ""
        click.echo(
            f"  {row.at:%Y-%m-%d %H:%M} {row.who}{school}: "
            f"{row.from_status or '-'} → {row.to_status}{why}"
        )


def _report(changes: list[Any], as_json: bool, extra: dict[str, Any] | None = None) -> None:
    if as_json:
        echo_json({"changes": [c.model_dump() for c in changes], **(extra or {})})
        return
    for c in changes:
        if c.changed:
            click.echo(f"{c.id}: {c.from_status} → {c.to_status}")
        else:
            click.echo(f"{c.id}: already {c.to_status}")


def _set(
    app: AppContext,
    refs: tuple[str, ...],
    to: str,
    who: str | None,
    why: str | None,
    school_id: str | None,
    as_json: bool,
) -> None:
    """One status change, all or none, in one unit of work."""
    with app.db.begin() as session:
        changes = review.change_status(
            session=session, refs=refs, to=to, who=review.reviewer(who), why=why,
            school_id=school_id,
        )  # fmt: skip
    _report(changes, as_json)


@command.command()
@click.argument("refs", nargs=-1, metavar="ID...")
@click.option(
    "--all-valid",
    is_flag=True,
    help="Every draft in scope that is verified and passes its checks (with --class, "
    "--student, --week, --kind).",
)
@_scope
@kind_option
@school_option
@who_option
@json_option
@pass_app
def approve(
    app: AppContext,
    refs: tuple[str, ...],
    all_valid: bool,
    class_id: str | None,
    student_id: str | None,
    week: str | None,
    kind: str,
    school_id: str | None,
    who: str | None,
    as_json: bool,
) -> None:
    """Approve items or plans (plan:<number>) for students, or every valid draft at once.

    \b
    Example:
      edugen review approve gen-771da50506b329672233 plan:12
      edugen review approve --all-valid --class demo-6a --week 2026-W49
    """
    if all_valid == bool(refs):
        raise UsageError("name the ids to approve, or give --all-valid (not both)")
    if not all_valid and (class_id or student_id or week or kind != "items"):
        raise UsageError("--class, --student, --week and --kind go with --all-valid")
    if refs:
        _set(app, refs, "approved", who, None, school_id, as_json)
        return
    with app.db.begin() as session:
        report = review.approve_valid(
            session=session,
            who=review.reviewer(who),
            kind="plan" if kind == "plans" else "item",
            class_id=class_id,
            student_id=student_id,
            week=week,
            school_id=school_id,
        )
    _report(report.changes, as_json, {"skipped": report.skipped})
    if not as_json:
        for ref, problems in report.skipped.items():
            click.echo(f"{ref}: left as draft: {'; '.join(problems)}", err=True)
        click.echo(
            f"approved {sum(c.changed for c in report.changes)}, "
            f"left {len(report.skipped)} drafts for a closer look",
            err=True,
        )


@command.command()
@click.argument("refs", nargs=-1, required=True, metavar="ID...")
@click.option("--reason", required=True, metavar="TEXT", help="Why (kept in the record).")
@school_option
@who_option
@json_option
@pass_app
def reject(
    app: AppContext,
    refs: tuple[str, ...],
    reason: str,
    school_id: str | None,
    who: str | None,
    as_json: bool,
) -> None:
    """Reject items or plans (plan:<number>) so they never reach students.

    \b
    Example:
      edugen review reject gen-771da50506b329672233 --reason "uses a context the class dislikes"
    """
    _set(app, refs, "rejected", who, reason, school_id, as_json)


@command.command()
@click.argument("refs", nargs=-1, required=True, metavar="ID...")
@click.option("--reason", metavar="TEXT", help="Why (kept in the record).")
@school_option
@who_option
@json_option
@pass_app
def reopen(
    app: AppContext,
    refs: tuple[str, ...],
    reason: str | None,
    school_id: str | None,
    who: str | None,
    as_json: bool,
) -> None:
    """Send approved or rejected items or plans back to draft for another look.

    \b
    Example:
      edugen review reopen gen-771da50506b329672233 --reason "second look after the quiz"
    """
    _set(app, refs, "draft", who, reason, school_id, as_json)


@command.command()
@click.argument("ref", metavar="ID")
@who_option
@json_option
@pass_app
def edit(app: AppContext, ref: str, who: str | None, as_json: bool) -> None:
    """Edit an item in $EDITOR (a YAML view); it is checked before it is saved.

    The item goes back to draft. Changing its options, answer, solution, tolerance or the
    numbers in its stem makes a verified item unverified. An invalid edit is refused and
    nothing is saved.

    \b
    Example:
      EDITOR=nano edugen review edit gen-771da50506b329672233
    """
    with app.db.begin() as session:
        text = review.edit_text(session=session, ref=ref)
    edited = click.edit(text, extension=".yaml")
    result = None
    if edited is not None and edited != text:
        with app.db.begin() as session:
            result = review.apply_edit(
                session=session, ref=ref, text=edited, who=review.reviewer(who)
            )
    if as_json:
        echo_json({"edited": result.model_dump() if result else None})
    elif result is None:
        click.echo("no changes; nothing saved", err=True)
    else:
        click.echo(f"{result.id}: saved ({', '.join(result.fields)}); now {result.to_status}")
        if result.verified_before and not result.verified_after:
            click.echo(f"{result.id}: no longer verified — {result.why}", err=True)
