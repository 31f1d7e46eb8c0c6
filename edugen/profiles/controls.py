"""Teacher controls: topic priorities and exclusions per class, overrides per student."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import CursorResult, delete, select
from sqlalchemy.orm import Session

from edugen.errors import NotFoundError, UsageError
from edugen.profiles.models import (
    ClassTopicSetting,
    Enrollment,
    SchoolClass,
    Student,
    StudentTopicOverride,
    Topic,
)
from edugen.schemas import TopicControl, TopicControlRow

__all__ = ["TopicControlRow", "clear_control", "effective_controls", "list_controls", "set_control"]


def _check(
    session: Session, *, class_id: str | None, student_id: str | None, topic: str | None
) -> None:
    if (class_id is None) == (student_id is None):
        raise UsageError("name exactly one of --class or --student")
    if class_id is not None and session.get(SchoolClass, class_id) is None:
        raise NotFoundError(f"no class with id {class_id!r}")
    if student_id is not None and session.get(Student, student_id) is None:
        raise NotFoundError(f"no student with id {student_id!r}")
    if topic is not None and session.get(Topic, topic) is None:
        raise NotFoundError(f"no topic with code {topic!r}")


def set_control(
    *,
    session: Session,
    topic: str,
    class_id: str | None = None,
    student_id: str | None = None,
    priority: int | None = None,
    excluded: bool | None = None,
    forced: bool | None = None,
) -> TopicControlRow:
    """Create or change one control; fields left None keep their value."""
    _check(session, class_id=class_id, student_id=student_id, topic=topic)
    if class_id is not None:
        if forced is not None:
            raise UsageError("--assign is for one student; for a class use --priority")
        row: ClassTopicSetting | StudentTopicOverride | None = session.get(
            ClassTopicSetting, (class_id, topic)
        )
        if row is None:
            row = ClassTopicSetting(class_id=class_id, topic_code=topic, priority=0, excluded=False)
            session.add(row)
    else:
        row = session.get(StudentTopicOverride, (student_id, topic))
        if row is None:
            row = StudentTopicOverride(
                student_id=student_id, topic_code=topic, priority=0, excluded=False, forced=False
            )
            session.add(row)
        if forced is not None:
            row.forced = forced
    if priority is not None:
        row.priority = priority
    if excluded is not None:
        row.excluded = excluded
    session.flush()
    return _row(row)


def clear_control(
    *, session: Session, topic: str, class_id: str | None = None, student_id: str | None = None
) -> bool:
    _check(session, class_id=class_id, student_id=student_id, topic=topic)
    if class_id is not None:
        result = session.execute(
            delete(ClassTopicSetting).where(
                ClassTopicSetting.class_id == class_id, ClassTopicSetting.topic_code == topic
            )
        )
    else:
        result = session.execute(
            delete(StudentTopicOverride).where(
                StudentTopicOverride.student_id == student_id,
                StudentTopicOverride.topic_code == topic,
            )
        )
    return bool(cast(CursorResult[Any], result).rowcount)


def list_controls(
    *, session: Session, class_id: str | None = None, student_id: str | None = None
) -> list[TopicControlRow]:
    _check(session, class_id=class_id, student_id=student_id, topic=None)
    if class_id is not None:
        rows: list[ClassTopicSetting | StudentTopicOverride] = list(
            session.scalars(
                select(ClassTopicSetting)
                .where(ClassTopicSetting.class_id == class_id)
                .order_by(ClassTopicSetting.topic_code)
            )
        )
    else:
        rows = list(
            session.scalars(
                select(StudentTopicOverride)
                .where(StudentTopicOverride.student_id == student_id)
                .order_by(StudentTopicOverride.topic_code)
            )
        )
    return [_row(r) for r in rows]


def effective_controls(
    *, session: Session, student_ids: list[str]
) -> dict[str, dict[str, TopicControl]]:
    """Per student, the controls in force: the student's own override wins over any class's.

    A student in several classes gets the highest class priority, and a topic excluded by
    any of their classes is excluded.
    """
    result: dict[str, dict[str, TopicControl]] = {sid: {} for sid in student_ids}
    class_rows = session.execute(
        select(Enrollment.student_id, ClassTopicSetting)
        .join(ClassTopicSetting, ClassTopicSetting.class_id == Enrollment.class_id)
        .where(Enrollment.student_id.in_(student_ids), Enrollment.active)
    )
    for sid, setting in class_rows:
        current = result[sid].get(setting.topic_code)
        result[sid][setting.topic_code] = TopicControl(
            priority=max(setting.priority, current.priority) if current else setting.priority,
            excluded=setting.excluded or (current.excluded if current else False),
        )
    for override in session.scalars(
        select(StudentTopicOverride).where(StudentTopicOverride.student_id.in_(student_ids))
    ):
        result[override.student_id][override.topic_code] = TopicControl(
            priority=override.priority, excluded=override.excluded, forced=override.forced
        )
    return result


def _row(row: ClassTopicSetting | StudentTopicOverride) -> TopicControlRow:
    if isinstance(row, ClassTopicSetting):
        return TopicControlRow(
            scope="class",
            owner=row.class_id,
            topic=row.topic_code,
            priority=row.priority,
            excluded=row.excluded,
        )
    return TopicControlRow(
        scope="student",
        owner=row.student_id,
        topic=row.topic_code,
        priority=row.priority,
        excluded=row.excluded,
        forced=row.forced,
    )
