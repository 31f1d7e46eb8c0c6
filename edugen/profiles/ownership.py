"""Which school owns each stored roster row: a school's key writes only its own rows or new ones.

A row's owners are the schools it belongs to: a school org and whatever sits under it, a
class's school, a person's school, an enrollment's class and person. District-level rows (a
district org, an academic session, a district course) may serve several schools: a key may
name them and send them again unchanged, never change them. A reference to a row the key
may not see reads exactly like a reference to a row that does not exist.

Steps: load the owners of every stored row the batch names (by id or by reference), refuse
each definition of a row owned by another school, and return the referenced ids to hide.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from edugen.importers.common import InputProblems
from edugen.profiles.models import (
    AcademicSession,
    Base,
    ClassTeacher,
    Course,
    Enrollment,
    Org,
    SchoolClass,
    Student,
    Teacher,
)
from edugen.profiles.upsert import CHUNK

if TYPE_CHECKING:
    from edugen.importers.oneroster import Record, RefKind, RosterBatch

NOT_YOURS = "is not a row of this key's school; this key cannot write it"


@dataclass
class _Owners:
    """Owners of stored rows, per kind; an id absent from a map is not stored."""

    orgs: dict[str, set[str]] = field(default_factory=dict)
    # Orgs under no school (districts, states): shared by the schools below them.
    shared_orgs: set[str] = field(default_factory=set)
    sessions: dict[str, set[str]] = field(default_factory=dict)
    courses: dict[str, set[str]] = field(default_factory=dict)
    shared_courses: set[str] = field(default_factory=set)
    classes: dict[str, set[str]] = field(default_factory=dict)
    students: dict[str, set[str]] = field(default_factory=dict)
    teachers: dict[str, set[str]] = field(default_factory=dict)


def check_roster_scope(
    *, session: Session, batch: RosterBatch, school_id: str, problems: InputProblems
) -> dict[RefKind, set[str]]:
    """Add a problem for every row of `batch` the school may not write; return the ids its
    references may not see, per reference kind (to be reported as unknown)."""
    owners = _load(session)
    _check_definitions(session, batch, school_id, owners, problems)
    hidden: dict[RefKind, set[str]] = {}
    for ref in batch.refs:
        if not _visible(ref.kind, ref.id, school_id, owners):
            hidden.setdefault(ref.kind, set()).add(ref.id)
    return hidden


def _load(session: Session) -> _Owners:
    owners = _Owners()
    orgs = {id_: (type_, parent) for id_, type_, parent in session.execute(
        select(Org.id, Org.type, Org.parent_id))}  # fmt: skip
    below: dict[str, set[str]] = {}
    for org_id, (type_, _) in orgs.items():
        if type_ != "school":
            continue
        seen: set[str] = set()
        current = orgs[org_id][1]
        while current is not None and current in orgs and current not in seen:
            seen.add(current)
            below.setdefault(current, set()).add(org_id)
            current = orgs[current][1]
    for org_id in orgs:
        school = _nearest_school(org_id, orgs)
        if school is not None:
            owners.orgs[org_id] = {school}
        else:
            owners.orgs[org_id] = below.get(org_id, set())
            owners.shared_orgs.add(org_id)
    for class_id, school_id, course_id, term_ids in session.execute(
        select(SchoolClass.id, SchoolClass.school_id, SchoolClass.course_id, SchoolClass.term_ids)
    ):
        owners.classes[class_id] = {school_id}
        for term_id in term_ids or ():
            owners.sessions.setdefault(term_id, set()).add(school_id)
        if course_id is not None:
            owners.courses.setdefault(course_id, set()).add(school_id)
    for course_id, org_id, year_id in session.execute(
        select(Course.id, Course.org_id, Course.school_year_id)
    ):
        mine = owners.courses.setdefault(course_id, set())
        mine |= owners.orgs.get(org_id, set())
        if org_id in owners.shared_orgs:
            owners.shared_courses.add(course_id)
        if year_id is not None:
            owners.sessions.setdefault(year_id, set()).update(mine)
    # (A Result has keys(), so dict() would take it for a mapping.)
    parents = {
        id_: parent
        for id_, parent in session.execute(select(AcademicSession.id, AcademicSession.parent_id))
    }
    for session_id in parents:
        owners.sessions.setdefault(session_id, set())
    # A school that uses a term uses its school year too.
    for session_id in list(parents):
        users = set(owners.sessions[session_id])
        seen = {session_id}
        current = parents[session_id]
        while users and current is not None and current in parents and current not in seen:
            seen.add(current)
            owners.sessions[current] |= users
            current = parents[current]
    for model, target in ((Student, owners.students), (Teacher, owners.teachers)):
        for person_id, person_school in session.execute(select(model.id, model.school_id)):
            target[person_id] = {person_school} if person_school is not None else set()
    return owners


def _nearest_school(org_id: str, orgs: dict[str, tuple[str, str | None]]) -> str | None:
    seen: set[str] = set()
    current: str | None = org_id
    while current is not None and current in orgs and current not in seen:
        seen.add(current)
        if orgs[current][0] == "school":
            return current
        current = orgs[current][1]
    return None


def _visible(kind: RefKind, id_: str, school_id: str, owners: _Owners) -> bool:
    """May the school point at this stored row? (Unstored ids are the writer's to report.)"""
    if kind == "org":
        found = owners.orgs.get(id_)
        # A district under no school yet is no one's; a school's rows are its own.
        return found is None or not found or school_id in found
    if kind == "academic session":
        users = owners.sessions.get(id_)
        return users is None or not users or school_id in users
    if kind == "course":
        users = owners.courses.get(id_)
        return users is None or not users or school_id in users
    maps = {
        "class": (owners.classes,),
        "student": (owners.students,),
        "teacher": (owners.teachers,),
        "user": (owners.students, owners.teachers),
    }[kind]
    for stored in maps:
        if id_ in stored:
            return stored[id_] <= {school_id}
    return True


def _check_definitions(
    session: Session, batch: RosterBatch, school_id: str, owners: _Owners, problems: InputProblems
) -> None:
    def refuse(record: Record) -> None:
        problems.add(record.source.file, record.source.line, "sourcedId",
                     f"{record.values()['id']!r} {NOT_YOURS}")  # fmt: skip

    for org in batch.orgs:
        if org.id == school_id and org.type != "school":
            problems.add(org.source.file, org.source.line, "type",
                         f"{org.id!r} is this key's school; its type stays school")  # fmt: skip
        elif org.type == "school" and org.id != school_id:
            problems.add(org.source.file, org.source.line, "sourcedId",
                         f"school {org.id!r} is not the school of this API key")  # fmt: skip
        elif org.id in owners.orgs:
            found = owners.orgs[org.id]
            if org.id in owners.shared_orgs and found - {school_id}:
                if not _unchanged(session, Org, org):
                    refuse(org)
            elif found - {school_id}:
                refuse(org)
    for record in batch.sessions:
        users = owners.sessions.get(record.id)
        if users and users - {school_id} and not _unchanged(session, AcademicSession, record):
            refuse(record)
    for course in batch.courses:
        users = owners.courses.get(course.id)
        if not users or users <= {school_id}:
            continue
        if course.id not in owners.shared_courses or not _unchanged(session, Course, course):
            refuse(course)
    for c in batch.classes:
        if c.school_id != school_id:
            problems.add(c.source.file, c.source.line, "schoolSourcedId",
                         f"class {c.id!r} is not of this key's school")  # fmt: skip
        elif owners.classes.get(c.id, set()) - {school_id}:
            refuse(c)
    people: list[Any] = [
        *((s, owners.students) for s in batch.students),
        *((t, owners.teachers) for t in batch.teachers),
    ]
    for person, stored in people:
        if person.school_id not in (None, school_id):
            problems.add(person.source.file, person.source.line, "orgSourcedIds",
                         f"user {person.id!r} is not of this key's school")  # fmt: skip
        elif stored.get(person.id, set()) - {school_id}:
            refuse(person)
    # A person stored as a teacher cannot come back as a student of this school, or the
    # other way round, unless they are this school's.
    crossed: list[Any] = [
        *((s, owners.teachers) for s in batch.students),
        *((t, owners.students) for t in batch.teachers),
    ]
    for person, other in crossed:
        if other.get(person.id, set()) - {school_id}:
            refuse(person)
    linked: list[tuple[type[Enrollment] | type[ClassTeacher], dict[str, Any], dict[str, set[str]]]]
    linked = [
        (Enrollment, {e.id: e for e in batch.enrollments}, owners.students),
        (ClassTeacher, {t.id: t for t in batch.class_teachers}, owners.teachers),
    ]
    for model, records, person_owners in linked:
        for id_, class_id, person_id in _stored_pairs(session, model, records):
            found = owners.classes.get(class_id, set()) | person_owners.get(person_id, set())
            if found - {school_id}:
                refuse(records[id_])


def _stored_pairs(
    session: Session, model: type[Enrollment] | type[ClassTeacher], ids: Iterable[str]
) -> list[tuple[str, str, str]]:
    person = Enrollment.student_id if model is Enrollment else ClassTeacher.teacher_id
    ordered = sorted(set(ids))
    found: list[tuple[str, str, str]] = []
    for start in range(0, len(ordered), CHUNK):
        stmt = select(model.id, model.class_id, person).where(
            model.id.in_(ordered[start : start + CHUNK])
        )
        found.extend((a, b, c) for a, b, c in session.execute(stmt))
    return found


def _unchanged(session: Session, model: type[Base], record: Record) -> bool:
    stored = session.get(model, record.values()["id"])
    return stored is not None and all(
        getattr(stored, column) == value for column, value in record.values().items()
    )
