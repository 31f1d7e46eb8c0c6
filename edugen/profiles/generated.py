"""Store what generation made (draft items, assignments, plans, class weeks) and read it back.

Saving is idempotent per (student, week): the same items and plan saved again change
nothing; a different plan for the week supersedes the earlier one, and items served that
week but no longer in the set lose their assignment (and, if nobody else was served them
and they are still drafts, go).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, select
from sqlalchemy.orm import Session

from edugen import weeks
from edugen.errors import NotFoundError
from edugen.profiles.models import (
    Assignment,
    ClassWeekRow,
    ContentStatus,
    GenerationRun,
    Item,
    ItemKind,
    ItemReview,
    ItemSource,
    Plan,
    RunStatus,
    Student,
)
from edugen.schemas import ClassWeek, Figure, PracticeItem, Provenance, WeeklyPlan

CHUNK = 500
# Statuses that take an item or plan out of circulation.
OUT = (ContentStatus.rejected, ContentStatus.retired)


def _chunks(values: Sequence[str]) -> list[Sequence[str]]:
    return [values[i : i + CHUNK] for i in range(0, len(values), CHUNK)]


def weeks_before(week: str, count: int) -> list[str]:
    """The `count` ISO weeks before `week`, newest first."""
    monday = weeks.parse_week(week)
    return [weeks.format_week(monday - timedelta(weeks=k)) for k in range(1, count + 1)]


def recent_fingerprints(
    *, session: Session, student_ids: Sequence[str], week: str, weeks_back: int
) -> dict[str, set[str]]:
    """Per student, the fingerprints of the items served in the `weeks_back` weeks before."""
    found: dict[str, set[str]] = {sid: set() for sid in student_ids}
    earlier = weeks_before(week, weeks_back)
    if not earlier:
        return found
    for chunk in _chunks(list(student_ids)):
        rows = session.execute(
            select(Assignment.student_id, Item.fingerprint)
            .join(Item, Item.id == Assignment.item_id)
            .where(Assignment.student_id.in_(chunk), Assignment.week.in_(earlier))
        )
        for student_id, fingerprint in rows:
            if fingerprint:
                found[student_id].add(fingerprint)
    return found


def bank_items(*, session: Session, topics: Collection[str]) -> dict[str, list[PracticeItem]]:
    """The teacher's bank items for these topics (not rejected or retired), by topic."""
    found: dict[str, list[PracticeItem]] = {}
    for chunk in _chunks(sorted(topics)):
        stmt = (
            select(Item)
            .where(
                Item.source == ItemSource.bank,
                Item.topic_code.in_(chunk),
                Item.status.not_in(OUT),
            )
            .order_by(Item.id)
        )
        for item in session.scalars(stmt):
            found.setdefault(item.topic_code, []).append(to_practice(item))
    return found


def bank_topics(*, session: Session) -> set[str]:
    """The topics the teacher's bank has items for (not rejected or retired)."""
    stmt = select(Item.topic_code).where(Item.source == ItemSource.bank, Item.status.not_in(OUT))
    return set(session.scalars(stmt.distinct()))


def to_practice(item: Item, topic_title: str = "") -> PracticeItem:
    provenance = dict(item.provenance or {})
    return PracticeItem(
        id=item.id,
        topic=item.topic_code,
        topic_title=topic_title or provenance.get("topic_title", ""),
        kind=item.kind.value,
        tier=item.tier,
        stem=item.stem,
        options=list(item.options) if item.options is not None else None,
        answer=item.answer,
        tolerance=item.tolerance,
        rubric=item.rubric,
        solution=item.solution.split("\n") if item.solution else [],
        hint=item.hint,
        verified=item.verified,
        source=item.source.value,
        family=item.family,
        seed=item.seed,
        status=item.status.value,
        misconceptions=provenance.get("misconceptions", {}),
        provenance=Provenance.model_validate(provenance),
        figure=Figure.model_validate(item.figure) if item.figure else None,
    )


def _values(item: PracticeItem, fingerprint: str, now: datetime) -> dict[str, Any]:
    provenance = {
        **item.provenance.stored(),
        "misconceptions": item.misconceptions,
        "topic_title": item.topic_title,
    }
    return {
        "topic_code": item.topic,
        "kind": ItemKind(item.kind),
        "tier": item.tier,
        "stem": item.stem,
        "options": item.options,
        "answer": item.answer,
        "tolerance": item.tolerance,
        "solution": "\n".join(item.solution) or None,
        "hint": item.hint,
        "rubric": item.rubric,
        "source": ItemSource(item.source),
        "family": item.family,
        "seed": item.seed,
        "verified": item.verified,
        "provenance": provenance,
        "fingerprint": fingerprint,
        "figure": item.figure.model_dump(mode="json") if item.figure else None,
    }


def save_items(
    *,
    session: Session,
    student_id: str,
    week: str,
    items: Sequence[tuple[PracticeItem, str]],
    plan_id: int | None = None,
) -> int:
    """Store a student's items for the week (each with its fingerprint) and assign them.

    New items are drafts; an unchanged item is left as it is; a draft whose text changed is
    rewritten. An item a teacher has reviewed or edited is never rewritten. Returns how
    many items were new or changed.
    """
    now = datetime.now(UTC)
    ids = [item.id for item, _ in items]
    existing = {
        i.id: i
        for chunk in _chunks(ids)
        for i in session.scalars(select(Item).where(Item.id.in_(chunk)))
    }
    # A school's own review counts as a teacher's look, like the item's own status.
    reviewed = {
        i
        for chunk in _chunks(ids)
        for i in session.scalars(select(ItemReview.item_id).where(ItemReview.item_id.in_(chunk)))
    }
    changed = 0
    for item, fingerprint in items:
        if item.source == "bank":
            continue  # the teacher's own item: served as it is, never rewritten
        values = _values(item, fingerprint, now)
        row = existing.get(item.id)
        if row is None:
            session.add(Item(id=item.id, status=ContentStatus.draft, created_at=now, **values))
            changed += 1
        elif (
            row.status != ContentStatus.draft
            or (row.provenance or {}).get("edits")
            or row.id in reviewed
        ):
            continue  # a teacher reviewed or edited it: generating again keeps their work
        elif any(getattr(row, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(row, key, value)
            row.status = ContentStatus.draft
            changed += 1
    session.flush()
    assigned = {
        a.item_id: a
        for a in session.scalars(
            select(Assignment).where(Assignment.student_id == student_id, Assignment.week == week)
        )
    }
    for item_id in ids:
        if item_id in assigned:
            assigned[item_id].plan_id = (
                plan_id if plan_id is not None else assigned[item_id].plan_id
            )
        else:
            session.add(
                Assignment(student_id=student_id, item_id=item_id, week=week, plan_id=plan_id)
            )
    dropped = [item_id for item_id in assigned if item_id not in set(ids)]
    if dropped:
        session.execute(
            delete(Assignment).where(
                Assignment.student_id == student_id,
                Assignment.week == week,
                Assignment.item_id.in_(dropped),
            )
        )
        session.flush()
        _delete_orphan_drafts(session, dropped)
    session.flush()
    return changed


def _delete_orphan_drafts(session: Session, item_ids: Sequence[str]) -> None:
    still = set(session.scalars(select(Assignment.item_id).where(Assignment.item_id.in_(item_ids))))
    gone = [i for i in item_ids if i not in still]
    if gone:
        session.execute(
            delete(Item).where(
                Item.id.in_(gone),
                Item.source != ItemSource.bank,
                Item.status == ContentStatus.draft,
            )
        )


def current_plan(*, session: Session, student_id: str, week: str) -> Plan | None:
    """The student's plan for the week that no later plan supersedes."""
    superseded = select(Plan.supersedes_id).where(Plan.supersedes_id.is_not(None))
    return session.scalars(
        select(Plan)
        .where(Plan.student_id == student_id, Plan.week == week, Plan.id.not_in(superseded))
        .order_by(Plan.id.desc())
    ).first()


def previous_plan(*, session: Session, student_id: str, week: str) -> WeeklyPlan | None:
    """The student's latest plan for a week before `week` (not rejected), if any."""
    superseded = select(Plan.supersedes_id).where(Plan.supersedes_id.is_not(None))
    row = session.scalars(
        select(Plan)
        .where(
            Plan.student_id == student_id,
            Plan.week < week,
            Plan.status.not_in(OUT),
            Plan.id.not_in(superseded),
        )
        .order_by(Plan.week.desc(), Plan.id.desc())
    ).first()
    return WeeklyPlan.model_validate(row.content) if row is not None else None


def save_plan(*, session: Session, plan: WeeklyPlan, run_id: int | None = None) -> tuple[int, bool]:
    """Store the plan for its (student, week); (plan id, whether anything changed).

    The same plan again is a no-op; a different one supersedes the current plan.
    """
    content = plan.model_dump(mode="json")
    current = current_plan(session=session, student_id=plan.student_id, week=plan.week)
    if current is not None and current.content == content:
        return current.id, False
    row = Plan(
        student_id=plan.student_id,
        week=plan.week,
        content=content,
        status=ContentStatus.draft,
        supersedes_id=current.id if current is not None else None,
        run_id=run_id,
        created_at=datetime.now(UTC),
    )
    session.add(row)
    if current is not None and current.status == ContentStatus.draft:
        current.status = ContentStatus.retired
    session.flush()
    return row.id, True


def recent_resources(
    *, session: Session, student_ids: Sequence[str], week: str, weeks_back: int
) -> dict[str, set[int]]:
    """Per student, the resource ids their plans recommended in the weeks before `week`."""
    found: dict[str, set[int]] = {sid: set() for sid in student_ids}
    earlier = weeks_before(week, weeks_back)
    for chunk in _chunks(list(student_ids)):
        for student_id, content in session.execute(
            select(Plan.student_id, Plan.content).where(
                Plan.student_id.in_(chunk), Plan.week.in_(earlier), Plan.status.not_in(OUT)
            )
        ):
            found[student_id].update(r["resource_id"] for r in content.get("resources", []))
    return found


def save_class_week(*, session: Session, report: ClassWeek, run_id: int | None = None) -> bool:
    """Store the class's week (one per class and week); whether anything changed."""
    content = report.model_dump(mode="json")
    row = session.scalars(
        select(ClassWeekRow).where(
            ClassWeekRow.class_id == report.class_id, ClassWeekRow.week == report.week
        )
    ).first()
    if row is not None and row.content == content:
        return False
    if row is None:
        session.add(
            ClassWeekRow(
                class_id=report.class_id,
                week=report.week,
                content=content,
                run_id=run_id,
                created_at=datetime.now(UTC),
            )
        )
    else:
        row.content, row.run_id, row.created_at = content, run_id, datetime.now(UTC)
    session.flush()
    return True


def class_week(*, session: Session, class_id: str, week: str) -> ClassWeek:
    row = session.scalars(
        select(ClassWeekRow).where(ClassWeekRow.class_id == class_id, ClassWeekRow.week == week)
    ).first()
    if row is None:
        raise NotFoundError(f"no class week stored for {class_id!r} in {week}")
    return ClassWeek.model_validate(row.content)


def start_run(
    *,
    session: Session,
    kind: str,
    params: Mapping[str, Any],
    class_id: str | None = None,
    school_id: str | None = None,
    week: str | None = None,
    shard: str | None = None,
) -> int:
    run = GenerationRun(
        kind=kind,
        params=dict(params),
        class_id=class_id,
        school_id=school_id,
        week=week,
        shard=shard,
        status=RunStatus.running,
        started_at=datetime.now(UTC),
    )
    session.add(run)
    session.flush()
    return run.id


def finish_run(
    *,
    session: Session,
    run_id: int,
    status: str,
    counts: Mapping[str, Any],
    error: str | None = None,
) -> None:
    run = session.get(GenerationRun, run_id)
    if run is None:
        raise NotFoundError(f"no run {run_id}")
    run.status, run.counts, run.error = RunStatus(status), dict(counts), error
    run.finished_at = datetime.now(UTC)


def week_items(
    *, session: Session, student_ids: Sequence[str], week: str
) -> dict[str, list[PracticeItem]]:
    """Per student, the items assigned for the week, in the order they were assigned, each
    with its status as the student's school sees it (a school's own review, else the item's)."""
    found: dict[str, list[PracticeItem]] = {sid: [] for sid in student_ids}
    for chunk in _chunks(list(student_ids)):
        rows = session.execute(
            select(Assignment.student_id, Item, ItemReview.status)
            .join(Item, Item.id == Assignment.item_id)
            .join(Student, Student.id == Assignment.student_id)
            .outerjoin(
                ItemReview,
                and_(ItemReview.item_id == Item.id, ItemReview.school_id == Student.school_id),
            )
            .where(and_(Assignment.student_id.in_(chunk), Assignment.week == week))
            .order_by(Assignment.student_id, Assignment.id)
        )
        for student_id, item, own in rows:
            practice = to_practice(item)
            if own is not None:
                practice = practice.model_copy(update={"status": own.value})
            found[student_id].append(practice)
    return found
