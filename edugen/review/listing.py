"""Reading the gate: items and plans to review (for a class, student, week or school), one
object in full with what its checks find now, and its status history."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import Session

from edugen.errors import NotFoundError
from edugen.profiles.models import (
    Assignment,
    ContentStatus,
    Enrollment,
    Item,
    ItemReview,
    Plan,
    SchoolClass,
    StatusChange,
    Student,
)
from edugen.review.refs import get_item, get_plan, parse_ref, plan_ref
from edugen.review.status import check_school, item_status, schools_of
from edugen.review.views import (
    PlanItemStatus,
    ReviewItem,
    ReviewPlan,
    StatusChangeRow,
    item_view,
    review_item,
)
from edugen.validators.items import item_problems, plan_problems


def _class_students(session: Session, class_id: str) -> Select[Any]:
    if session.get(SchoolClass, class_id) is None:
        raise NotFoundError(f"no class with id {class_id!r}")
    return (
        select(Enrollment.student_id)
        .join(Student, Student.id == Enrollment.student_id)
        .where(Enrollment.class_id == class_id, Enrollment.active, Student.active)
    )


def _check_student(session: Session, student_id: str) -> None:
    if session.get(Student, student_id) is None:
        raise NotFoundError(f"no student with id {student_id!r}")


def _narrow(
    session: Session,
    stmt: Any,
    columns: tuple[Any, Any, Any],
    *,
    status: str | None,
    class_id: str | None,
    student_id: str | None,
    student_ids: Sequence[str] | None,
    week: str | None,
) -> Any:
    """`stmt` kept to one status (without one, every status but retired), a class's active
    students, one student, some students and a week; `columns` are the statement's status,
    student id and week columns."""
    status_column, student_column, week_column = columns
    if status is not None:
        stmt = stmt.where(status_column == ContentStatus(status))
    else:
        stmt = stmt.where(status_column != ContentStatus.retired)
    if class_id is not None:
        stmt = stmt.where(student_column.in_(_class_students(session, class_id)))
    if student_id is not None:
        _check_student(session, student_id)
        stmt = stmt.where(student_column == student_id)
    if student_ids is not None:
        stmt = stmt.where(student_column.in_(list(student_ids)))
    if week is not None:
        stmt = stmt.where(week_column == week)
    return stmt


def list_items(
    *,
    session: Session,
    class_id: str | None = None,
    student_id: str | None = None,
    status: str | None = None,
    week: str | None = None,
    school_id: str | None = None,
    student_ids: Sequence[str] | None = None,
) -> list[ReviewItem]:
    """Items, each once, in the order they were served. A class, student or school filter
    keeps the items served to its (active) students; with a school, the status is the
    school's. Without a status, every status but retired."""
    # Any: the statement gains a column below, and the status is a column or a coalesce.
    stmt: Any = select(Item, Assignment.student_id, Assignment.week)
    effective: Any = Item.status
    if school_id is not None:
        check_school(session, school_id)
        effective = func.coalesce(ItemReview.status, Item.status)
        stmt = (
            stmt.add_columns(ItemReview.status)
            .join(Assignment, Assignment.item_id == Item.id)
            .join(Student, Student.id == Assignment.student_id)
            .outerjoin(
                ItemReview, and_(ItemReview.item_id == Item.id, ItemReview.school_id == school_id)
            )
            .where(Student.school_id == school_id)
        )
    else:
        stmt = stmt.add_columns(Item.status).outerjoin(Assignment, Assignment.item_id == Item.id)
    stmt = _narrow(
        session, stmt, (effective, Assignment.student_id, Assignment.week),
        status=status, class_id=class_id, student_id=student_id, student_ids=student_ids,
        week=week,
    )  # fmt: skip
    stmt = stmt.order_by(Assignment.id.is_(None), Assignment.id, Item.id)
    found: dict[str, ReviewItem] = {}
    for item, sid, item_week, own in session.execute(stmt):
        row = found.get(item.id)
        if row is None:
            row = found[item.id] = review_item(item, own.value if own is not None else None)
            row.student_id, row.week = sid, item_week
        if sid is not None and sid not in row.students:
            row.students.append(sid)
    return list(found.values())


def superseded_ids() -> Select[Any]:
    return select(Plan.supersedes_id).where(Plan.supersedes_id.is_not(None))


def list_plans(
    *,
    session: Session,
    class_id: str | None = None,
    student_id: str | None = None,
    status: str | None = None,
    week: str | None = None,
    school_id: str | None = None,
    student_ids: Sequence[str] | None = None,
) -> list[ReviewPlan]:
    """Plans by student and week (newest last); without a status, every status but retired."""
    stmt = select(Plan)
    if school_id is not None:
        check_school(session, school_id)
        stmt = stmt.join(Student, Student.id == Plan.student_id).where(
            Student.school_id == school_id
        )
    stmt = _narrow(
        session, stmt, (Plan.status, Plan.student_id, Plan.week),
        status=status, class_id=class_id, student_id=student_id, student_ids=student_ids,
        week=week,
    )  # fmt: skip
    superseded = set(session.scalars(superseded_ids()))
    return [
        review_plan(plan, current=plan.id not in superseded)
        for plan in session.scalars(stmt.order_by(Plan.student_id, Plan.week, Plan.id))
    ]


def review_plan(plan: Plan, *, current: bool) -> ReviewPlan:
    return ReviewPlan(
        id=plan_ref(plan.id),
        plan_id=plan.id,
        student_id=plan.student_id,
        week=plan.week,
        status=plan.status.value,
        supersedes=plan_ref(plan.supersedes_id) if plan.supersedes_id is not None else None,
        current=current,
        summary=str((plan.content or {}).get("summary") or ""),
        content=dict(plan.content or {}),
    )


def show(*, session: Session, ref: str, school_id: str | None = None) -> ReviewItem | ReviewPlan:
    """An item or a plan in full, with what its checks find now and its status history."""
    kind, key = parse_ref(ref)
    if school_id is not None:
        check_school(session, school_id)
    if kind == "plan":
        plan = get_plan(session, key)
        superseded = set(session.scalars(superseded_ids()))
        found = review_plan(plan, current=plan.id not in superseded)
        found.problems = plan_problems(found.content, current=found.current)
        ids = [str(i) for i in found.content.get("item_ids", [])]
        items = {i.id: i for i in session.scalars(select(Item).where(Item.id.in_(ids)))}
        found.items = [
            PlanItemStatus(
                id=i,
                status=item_status(session=session, item=items[i], school_id=school_id).value
                if i in items
                else None,
                verified=items[i].verified if i in items else None,
            )
            for i in ids
        ]
        found.history = history(session=session, ref=ref)
        return found
    item = get_item(session, key)
    shown = review_item(item, item_status(session=session, item=item, school_id=school_id).value)
    shown.schools = schools_of(session=session, item_id=item.id)
    first = session.execute(
        select(Assignment.student_id, Assignment.week)
        .where(Assignment.item_id == item.id)
        .order_by(Assignment.id)
    ).all()
    if first:
        shown.student_id, shown.week = first[0]
        shown.students = list(dict.fromkeys(sid for sid, _ in first))
    shown.problems = item_problems(item_view(item))
    shown.history = history(session=session, ref=ref)
    return shown


def history(*, session: Session, ref: str) -> list[StatusChangeRow]:
    """Every recorded status change of an item or plan, oldest first."""
    kind, key = parse_ref(ref)
    rows = session.scalars(
        select(StatusChange)
        .where(StatusChange.object_type == kind, StatusChange.object_id == key)
        .order_by(StatusChange.at, StatusChange.id)
    )
    return [
        StatusChangeRow(
            object_type=r.object_type,
            object_id=plan_ref(int(r.object_id)) if r.object_type == "plan" else r.object_id,
            school_id=r.school_id,
            from_status=r.from_status,
            to_status=r.to_status,
            who=r.who,
            why=r.why,
            at=r.at,
        )
        for r in rows
    ]
