"""Checks that an upload touches only the key's school, before anything is written."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from edugen.errors import InputError
from edugen.importers import oneroster, results
from edugen.importers.common import Problems
from edugen.profiles import apikeys
from edugen.profiles.models import SchoolClass, Student


def check_roster(*, session: Session, school_id: str, path: Path) -> None:
    """A roster may hold only this school, its classes, and people of this school."""
    batch = oneroster.parse([path])
    problems = Problems()
    for org in batch.orgs:
        if org.type == "school" and org.id != school_id:
            problems.add(
                org.source.file, org.source.line, "sourcedId",
                f"school {org.id!r} is not the school of this API key ({school_id!r})",
            )  # fmt: skip
    for c in batch.classes:
        if c.school_id != school_id:
            problems.add(
                c.source.file, c.source.line, "schoolSourcedId",
                f"class {c.id!r} belongs to school {c.school_id!r}, not {school_id!r}",
            )  # fmt: skip
    people: list[oneroster.StudentRecord | oneroster.TeacherRecord] = [
        *batch.students,
        *batch.teachers,
    ]
    for person in people:
        if person.school_id not in (None, school_id):
            problems.add(
                person.source.file, person.source.line, "orgSourcedIds",
                f"user {person.id!r} belongs to school {person.school_id!r}, not {school_id!r}",
            )  # fmt: skip
    taken_students = apikeys.foreign_ids(
        session=session, school_id=school_id, model=Student, ids=[s.id for s in batch.students]
    )
    taken_classes = apikeys.foreign_ids(
        session=session, school_id=school_id, model=SchoolClass, ids=[c.id for c in batch.classes]
    )
    for s in batch.students:
        if s.id in taken_students:
            problems.add(
                s.source.file, s.source.line, "sourcedId",
                f"user {s.id!r} is stored under another school; this key cannot change it",
            )  # fmt: skip
    for c in batch.classes:
        if c.id in taken_classes:
            problems.add(
                c.source.file, c.source.line, "sourcedId",
                f"class {c.id!r} is stored under another school; this key cannot change it",
            )  # fmt: skip
    # Enrollments may point at classes and students stored before: they must be this school's.
    in_batch_classes = {c.id for c in batch.classes}
    in_batch_students = {s.id for s in batch.students}
    outside_classes = {
        e.class_id for e in batch.enrollments if e.class_id not in in_batch_classes
    } | {t.class_id for t in batch.class_teachers if t.class_id not in in_batch_classes}
    outside_students = {
        e.student_id for e in batch.enrollments if e.student_id not in in_batch_students
    }
    foreign_classes = apikeys.foreign_ids(
        session=session, school_id=school_id, model=SchoolClass, ids=outside_classes
    )
    foreign_students = apikeys.foreign_ids(
        session=session, school_id=school_id, model=Student, ids=outside_students
    )
    for e in batch.enrollments:
        if e.class_id in foreign_classes:
            problems.add(e.source.file, e.source.line, "classSourcedId", f"no class {e.class_id!r}")
        if e.student_id in foreign_students:
            problems.add(e.source.file, e.source.line, "userSourcedId", f"no user {e.student_id!r}")
    problems.raise_if_any()


def check_results(*, session: Session, school_id: str, path: Path) -> None:
    """Answers may name only this school's students (any other reads as unknown)."""
    batch = results.parse([path])
    unknown = apikeys.unknown_students(
        session=session, school_id=school_id, student_ids=set(batch.students)
    )
    if not unknown:
        return
    problems = Problems()
    for row, student_id in enumerate(batch.students):
        if student_id in unknown:
            problems.add(
                batch.file,
                batch.lines[row] if row < len(batch.lines) else None,
                batch.field_name(row, "student_id"),
                f"no student {student_id!r} in this school",
            )
            if len(problems.items) >= InputError.shown:
                break
    problems.raise_if_any()
