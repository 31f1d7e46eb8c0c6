"""Write checked roster and profile batches: look up what the batch refers to, then upsert."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, tuple_
from sqlalchemy.orm import InstrumentedAttribute, Session

from edugen.importers.common import InputProblems
from edugen.profiles import ownership
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
from edugen.profiles.upsert import CHUNK, upsert
from edugen.schemas import ImportSummary
from edugen.validators.text import check_roster_names

if TYPE_CHECKING:
    from edugen.importers.oneroster import Record, RefKind, RosterBatch, Source
    from edugen.importers.profiles import ProfilesBatch

REF_MODELS: dict[RefKind, tuple[type[Base], ...]] = {
    "org": (Org,),
    "academic session": (AcademicSession,),
    "course": (Course,),
    "class": (SchoolClass,),
    "student": (Student,),
    "teacher": (Teacher,),
    "user": (Student, Teacher),
}
PSEUDONYM_PREFIX = "S-"
# No 0/o, 1/l/i: pseudonyms are read aloud and copied by hand.
PSEUDONYM_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
PSEUDONYM_LENGTH = 8


def apply_roster(
    *, session: Session, batch: RosterBatch, school_id: str | None = None
) -> ImportSummary:
    """Store a roster batch; raise InputError, before writing, if it refers to unknown rows.

    With `school_id` (an API key's school) every row must be that school's or new, and rows
    of other schools read as unknown (see profiles.ownership).
    """
    problems = InputProblems()
    hidden: dict[RefKind, set[str]] = {}
    if school_id is not None:
        hidden = ownership.check_roster_scope(
            session=session, batch=batch, school_id=school_id, problems=problems
        )
    _check_refs(session, batch, problems, hidden)
    enrollments = [(e.id, e.class_id, e.student_id, e.source) for e in batch.enrollments]
    _check_pairs(session, Enrollment, Enrollment.student_id, enrollments, problems)
    teachers = [(t.id, t.class_id, t.teacher_id, t.source) for t in batch.class_teachers]
    _check_pairs(session, ClassTeacher, ClassTeacher.teacher_id, teachers, problems)
    problems.raise_if_any()

    summary = ImportSummary(kind="oneroster")
    # Parents before the rows that point at them, so foreign keys hold at every flush.
    # Rows are made as they are written (generators): one chunk of dicts at a time.
    steps: list[tuple[type[Base], str, Sequence[Record], Iterable[dict[str, Any]]]] = [
        (Org, "orgs", batch.orgs, _values(batch.orgs)),
        (AcademicSession, "academic_sessions", batch.sessions, _values(batch.sessions)),
        (Course, "courses", batch.courses, _values(batch.courses)),
        (SchoolClass, "classes", batch.classes, _values(batch.classes)),
        (Teacher, "teachers", batch.teachers, _values(batch.teachers)),
        (Student, "students", batch.students, _student_rows(session, batch)),
        (Enrollment, "enrollments", batch.enrollments, _values(batch.enrollments)),
        (ClassTeacher, "class_teachers", batch.class_teachers, _values(batch.class_teachers)),
    ]
    for model, entity, records, rows in steps:
        if records:
            upsert(session, model, rows, summary=summary, entity=entity)
    return summary


def apply_profiles(*, session: Session, batch: ProfilesBatch) -> ImportSummary:
    """Update the profile fields of existing students; unknown students are an InputError."""
    problems = InputProblems()
    known = _existing(session, Student, [r.student_id for r in batch.records])
    for record in batch.records:
        if record.student_id not in known:
            problems.add(
                record.file,
                record.line,
                "student_id",
                f"no student {record.student_id!r}; import the roster first",
            )
    _check_no_names(session, batch, problems)
    problems.raise_if_any()
    summary = ImportSummary(kind="profiles")
    rows = [{"id": r.student_id, **r.values} for r in batch.records]
    upsert(session, Student, rows, summary=summary, entity="students")
    return summary


# Given names that are also everyday words: an interest may say "art" or "rose gardens".
# Full names still count; these alone do not.
ORDINARY_NAMES = frozenset(
    "amber april art august autumn bill brook buddy candy chase chip coral crystal daisy dawn "
    "dusty faith forest ginger grace hope hunter iris ivy jade jay joy june mark may pat pearl "
    "rich river robin rocky rose ruby sage sky skye stone storm summer sunny will".split()
)


def _check_no_names(session: Session, batch: ProfilesBatch, problems: InputProblems) -> None:
    """Interests go into prompts, which carry no names: a roster name in one is refused.

    Names are every student's and teacher's given + family name, and given or preferred
    names of three letters or more that are not everyday words (ORDINARY_NAMES).
    """
    records = [r for r in batch.records if r.values.get("interests")]
    if not records:
        return
    names: set[str] = set()
    people: list[tuple[str, str, str | None]] = [
        *session.execute(select(Student.given_name, Student.family_name, Student.preferred_name)),
        *(
            (g, f, None)
            for g, f in session.execute(select(Teacher.given_name, Teacher.family_name))
        ),
    ]
    for given, family, preferred in people:
        names.add(f"{given} {family}")
        if preferred:
            names.add(f"{preferred} {family}")
        for first in (given, preferred):
            if first and len(first) >= 3 and first.casefold() not in ORDINARY_NAMES:
                names.add(first)
    for record in records:
        for found in check_roster_names("; ".join(record.values["interests"]), sorted(names)):
            problems.add(
                record.file,
                record.line,
                "interests",
                f"{found.message}; interests go into prompts, which never carry names",
            )


def _values(records: Sequence[Record]) -> Iterator[dict[str, Any]]:
    return (record.values() for record in records)


def _student_rows(session: Session, batch: RosterBatch) -> Iterator[dict[str, Any]]:
    """Student rows; new students get a fresh pseudonym, existing ones keep theirs."""
    existing = _existing(session, Student, [s.id for s in batch.students])
    new = [s.id for s in batch.students if s.id not in existing]
    pseudonyms = dict(zip(new, _new_pseudonyms(session, len(new)), strict=True))
    for student in batch.students:
        row = student.values()
        if student.id in pseudonyms:
            row["pseudonym"] = pseudonyms[student.id]
        yield row


def new_pseudonym() -> str:
    """A random opaque pseudonym; it carries nothing about the student."""
    body = "".join(secrets.choice(PSEUDONYM_ALPHABET) for _ in range(PSEUDONYM_LENGTH))
    return PSEUDONYM_PREFIX + body


def _new_pseudonyms(session: Session, count: int) -> list[str]:
    """`count` distinct pseudonyms that no stored student has."""
    chosen: set[str] = set()
    while len(chosen) < count:
        fresh = {new_pseudonym() for _ in range(count - len(chosen))} - chosen
        taken = set()
        for chunk in _chunks(sorted(fresh)):
            taken |= set(
                session.scalars(select(Student.pseudonym).where(Student.pseudonym.in_(chunk)))
            )
        chosen |= fresh - taken
    return sorted(chosen)


def _check_refs(
    session: Session,
    batch: RosterBatch,
    problems: InputProblems,
    hidden: dict[RefKind, set[str]] | None = None,
) -> None:
    """Every reference the bundle left open must name a row already in the database (and not
    one `hidden` from the writer: those read exactly as missing ones)."""
    wanted: dict[RefKind, set[str]] = {}
    for ref in batch.refs:
        wanted.setdefault(ref.kind, set()).add(ref.id)
    found = {
        kind: set().union(*(_existing(session, model, ids) for model in REF_MODELS[kind]))
        - (hidden or {}).get(kind, set())
        for kind, ids in wanted.items()
    }
    for ref in batch.refs:
        if ref.id not in found[ref.kind]:
            problems.add(
                ref.source.file,
                ref.source.line,
                ref.field,
                f"unknown {ref.kind} {ref.id!r}: not in {ref.looked_in} nor in the database",
            )


def _check_pairs(
    session: Session,
    model: type[Enrollment] | type[ClassTeacher],
    person: InstrumentedAttribute[str],
    records: Sequence[tuple[str, str, str, Source]],
    problems: InputProblems,
) -> None:
    """A (class, person) pair stored under another sourcedId would break the unique constraint.

    `records` are (enrollment id, class id, person id, source).
    """
    mine = {(class_id, person_id): (id_, source) for id_, class_id, person_id, source in records}
    batch_ids = {id_ for id_, _, _, _ in records}
    for chunk in _chunks(list(mine)):
        stmt = select(model.id, model.class_id, person).where(
            tuple_(model.class_id, person).in_(chunk)
        )
        for stored_id, class_id, person_id in session.execute(stmt):
            id_, source = mine[(class_id, person_id)]
            # A stored row this batch moves to another pair frees its pair first; no clash.
            if stored_id == id_ or stored_id in batch_ids:
                continue
            problems.add(
                source.file,
                source.line,
                "sourcedId",
                f"{person_id!r} is already in class {class_id!r} under the enrollment"
                f" {stored_id!r}; keep enrollment sourcedIds stable between exports",
            )


def _existing(session: Session, model: type[Base], ids: Iterable[str]) -> set[str]:
    """Which of `ids` are primary keys of `model` rows."""
    column = model.__mapper__.primary_key[0]
    found: set[str] = set()
    for chunk in _chunks(sorted(set(ids))):
        found |= set(session.scalars(select(column).where(column.in_(chunk))))
    return found


def _chunks(items: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]
