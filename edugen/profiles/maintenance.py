"""Removing a whole school (used by `edugen demo --reset`)."""

from __future__ import annotations

from sqlalchemy import ColumnElement, delete, select, true
from sqlalchemy.orm import Session

from edugen.profiles.models import (
    AcademicSession,
    Attempt,
    ClassTeacher,
    Course,
    Enrollment,
    GenerationRun,
    Org,
    SchoolClass,
    Student,
    Teacher,
)


def delete_school(*, session: Session, school_id: str) -> bool:
    """Delete a school with its classes, people, answers and the terms only it used."""
    school = session.get(Org, school_id)
    if school is None:
        return False
    parent_org = school.parent_id
    class_ids = select(SchoolClass.id).where(SchoolClass.school_id == school_id)
    student_ids = select(Student.id).where(Student.school_id == school_id)
    term_ids = _session_ids(session, SchoolClass.school_id == school_id, Course.org_id == school_id)
    session.execute(delete(Attempt).where(Attempt.student_id.in_(student_ids)))
    session.execute(delete(Enrollment).where(Enrollment.class_id.in_(class_ids)))
    session.execute(delete(ClassTeacher).where(ClassTeacher.class_id.in_(class_ids)))
    session.execute(delete(GenerationRun).where(GenerationRun.school_id == school_id))
    session.execute(delete(SchoolClass).where(SchoolClass.school_id == school_id))
    session.execute(delete(Course).where(Course.org_id == school_id))
    session.execute(delete(Student).where(Student.school_id == school_id))
    session.execute(delete(Teacher).where(Teacher.school_id == school_id))
    session.execute(delete(Org).where(Org.id == school_id))
    unused = term_ids - _session_ids(session, true(), true())
    if unused:
        # Terms before the school years they belong to.
        in_unused = AcademicSession.id.in_(unused)
        session.execute(
            delete(AcademicSession).where(in_unused, AcademicSession.parent_id.is_not(None))
        )
        session.execute(delete(AcademicSession).where(in_unused))
    if parent_org and not session.scalar(
        select(Org.id).where(Org.parent_id == parent_org).limit(1)
    ):
        session.execute(delete(Org).where(Org.id == parent_org))
    session.flush()
    return True


def _session_ids(
    session: Session, class_filter: ColumnElement[bool], course_filter: ColumnElement[bool]
) -> set[str]:
    """Academic sessions (and their parent years) referenced by the matching classes and courses."""
    ids = {
        t
        for terms in session.scalars(select(SchoolClass.term_ids).where(class_filter))
        for t in terms
    }
    ids |= {y for y in session.scalars(select(Course.school_year_id).where(course_filter)) if y}
    parents = session.scalars(select(AcademicSession.parent_id).where(AcademicSession.id.in_(ids)))
    return ids | {p for p in parents if p}
