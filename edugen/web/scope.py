"""What a teacher may see: their school's classes (only theirs when the account names some)
and those classes' students, items and plans; anything else is "not found", as in the API."""

from __future__ import annotations

from sqlalchemy.orm import Session

from edugen import review
from edugen.errors import NotFoundError
from edugen.profiles import apikeys, queries
from edugen.profiles.models import Plan
from edugen.profiles.teachers import TeacherInfo
from edugen.schemas import ClassSummary


def classes(*, session: Session, teacher: TeacherInfo) -> list[ClassSummary]:
    found = queries.list_classes(session=session, school_id=teacher.school_id)
    return [c for c in found if not teacher.class_ids or c.id in teacher.class_ids]


def require_class(*, session: Session, teacher: TeacherInfo, class_id: str) -> None:
    apikeys.require_class(session=session, school_id=teacher.school_id, class_id=class_id)
    if teacher.class_ids and class_id not in teacher.class_ids:
        raise NotFoundError(f"no class with id {class_id!r}")


def require_student(*, session: Session, teacher: TeacherInfo, student_id: str) -> None:
    apikeys.require_student(session=session, school_id=teacher.school_id, student_id=student_id)
    if teacher.class_ids:
        mine = set(queries.get_student(session=session, student_id=student_id).class_ids)
        if not mine & set(teacher.class_ids):
            raise NotFoundError(f"no student with id {student_id!r}")


def require_class_item(
    *, session: Session, teacher: TeacherInfo, class_id: str, item_id: str
) -> None:
    """The item was served to a student of this class (of the teacher's school)."""
    require_class(session=session, teacher=teacher, class_id=class_id)
    apikeys.require_item(session=session, school_id=teacher.school_id, item_id=item_id)
    shown = review.list_items(session=session, class_id=class_id, school_id=teacher.school_id)
    if not any(i.id == item_id for i in shown):
        raise NotFoundError(f"no item with id {item_id!r}")


def require_class_plan(
    *, session: Session, teacher: TeacherInfo, class_id: str, plan_id: int
) -> Plan:
    require_class(session=session, teacher=teacher, class_id=class_id)
    plan = apikeys.require_plan(session=session, school_id=teacher.school_id, plan_id=plan_id)
    students = {s.id for s in queries.list_students(session=session, class_id=class_id)}
    if plan.student_id not in students:
        raise NotFoundError(f"no plan with id {plan_id}")
    return plan


def require_run(*, session: Session, teacher: TeacherInfo, class_id: str, run_id: int) -> None:
    require_class(session=session, teacher=teacher, class_id=class_id)
    run = apikeys.require_run(session=session, school_id=teacher.school_id, run_id=run_id)
    if run.class_id != class_id:
        raise NotFoundError(f"no run with id {run_id}")


def who(teacher: TeacherInfo) -> str:
    """A web decision is recorded under the signed-in account, never a name a form sent."""
    return f"teacher:{teacher.id} {teacher.email}"[:255]
