"""Planning: each student's picks for a week, a class's view of them, a school's classes.

Steps: read the students, curriculum, mastery and teachers' controls in one transaction →
the pure planner picks topics with reasons → a class adds who is ready for what and who
is stuck where; a school is its classes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time

from edugen import weeks
from edugen.planner import picks
from edugen.planner.picks import PlannerSettings
from edugen.profiles import controls as profile_controls
from edugen.profiles import generated, learner_store, queries
from edugen.profiles.db import Database
from edugen.schemas import (
    ClassTopics,
    SchoolTopics,
    StuckStudent,
    StudentSnapshot,
    StudentTopics,
)


def plan_students(
    *,
    db: Database,
    student_ids: list[str],
    week: str,
    settings: PlannerSettings | None = None,
) -> list[StudentTopics]:
    """Each student's picks for the week, with reasons, from the persisted learner state."""
    at = datetime.combine(weeks.parse_week(week), time(0), tzinfo=UTC)
    with db.begin() as session:
        students = queries.get_students(session=session, student_ids=student_ids)
        topics = queries.curriculum(session=session)
        snapshot = learner_store.mastery_snapshot(session=session, student_ids=student_ids, at=at)
        controls = profile_controls.effective_controls(session=session, student_ids=student_ids)
        served = _served(generated.bank_topics(session=session))
    settings = settings or picks.load_settings()
    result = []
    for s in students:
        student = StudentSnapshot(
            student_id=s.id,
            grade=picks.grade_number(s.grade) if s.grade else None,
            interests=s.interests,
            mastery=snapshot[s.id],
            controls=controls[s.id],
            now=at,
        )
        result.append(
            StudentTopics(
                student_id=s.id,
                name=f"{s.given_name} {s.family_name}",
                week=week,
                answers=sum(m.answers for m in snapshot[s.id].values()),
                picks=picks.plan_topics(topics, student, settings, served),
                mastery={
                    code: round(m.p_correct, 4) for code, m in snapshot[s.id].items() if m.answers
                },
            )
        )
    return result


def _served(bank: set[str]) -> Callable[[str], bool]:
    """Whether a topic has practice items: a verified family, or the teacher's bank. The
    families import sympy, so they are read only when a step back first asks."""
    known: set[str] | None = None

    def served(code: str) -> bool:
        nonlocal known
        if known is None:
            from edugen.content import families

            known = families.topics() | bank
        return code in known

    return served


def plan_class(
    *, db: Database, class_id: str, week: str, settings: PlannerSettings | None = None
) -> ClassTopics:
    """The class view: each student's picks, who is ready for what, who is stuck where."""
    with db.begin() as session:
        detail = queries.get_class(session=session, class_id=class_id)
    students = plan_students(
        db=db, student_ids=[s.id for s in detail.students], week=week, settings=settings
    )
    ready: dict[str, list[str]] = {}
    stuck: list[StuckStudent] = []
    for s in students:
        for pick in s.picks:
            if pick.kind in ("new", "continue", "assigned"):
                ready.setdefault(pick.code, []).append(s.student_id)
            elif pick.kind == "step back" and pick.stuck_on is not None:
                stuck.append(
                    StuckStudent(
                        student_id=s.student_id,
                        name=s.name,
                        topic=pick.stuck_on,
                        prerequisite=pick.code,
                        misses=pick.misses,
                    )
                )
    return ClassTopics(
        id=detail.id,
        title=detail.title,
        week=week,
        students=students,
        ready=dict(sorted(ready.items())),
        stuck=stuck,
    )


def plan_school(*, db: Database, school_id: str, week: str) -> SchoolTopics:
    """Every class of a school, planned."""
    with db.begin() as session:
        name = queries.school_name(session=session, school_id=school_id)
        classes = queries.list_classes(session=session, school_id=school_id)
    return SchoolTopics(
        school=name,
        week=week,
        classes=[plan_class(db=db, class_id=c.id, week=week) for c in classes],
    )
