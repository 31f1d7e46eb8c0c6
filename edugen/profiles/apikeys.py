"""API keys (stored as a SHA-256 hash, each scoped to one school) and what a key may see."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from edugen.errors import NotFoundError, UsageError
from edugen.profiles.models import (
    ApiKey,
    Assignment,
    GenerationRun,
    Item,
    Org,
    Plan,
    SchoolClass,
    Student,
)

KEY_PREFIX = "edu_"
# Characters of the key kept in clear, enough to tell keys apart in `apikey list`.
SHOWN = 12


@dataclass(frozen=True)
class KeyInfo:
    id: int
    school_id: str
    name: str
    prefix: str
    created_at: datetime
    revoked_at: datetime | None


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _info(row: ApiKey) -> KeyInfo:
    return KeyInfo(row.id, row.school_id, row.name, row.prefix, row.created_at, row.revoked_at)


def create_key(*, session: Session, school_id: str, name: str) -> tuple[KeyInfo, str]:
    """A new key for the school: (its record, the key itself, which is never stored)."""
    if not name.strip():
        raise UsageError("give the key a name (--name)")
    school = session.get(Org, school_id)
    if school is None or school.type != "school":
        raise NotFoundError(f"no school with id {school_id!r}")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    row = ApiKey(
        school_id=school_id,
        name=name.strip(),
        prefix=key[:SHOWN],
        key_hash=hash_key(key),
        created_at=datetime.now(UTC),
    )
    session.add(row)
    session.flush()
    return _info(row), key


def list_keys(*, session: Session, school_id: str | None = None) -> list[KeyInfo]:
    stmt = select(ApiKey).order_by(ApiKey.id)
    if school_id is not None:
        stmt = stmt.where(ApiKey.school_id == school_id)
    return [_info(row) for row in session.scalars(stmt)]


def revoke_key(*, session: Session, key_id: int) -> KeyInfo:
    row = session.get(ApiKey, key_id)
    if row is None:
        raise NotFoundError(f"no API key with id {key_id}")
    if row.revoked_at is None:
        row.revoked_at = datetime.now(UTC)
    return _info(row)


def authenticate(*, session: Session, key: str) -> KeyInfo | None:
    """The live key matching `key`, else None.

    Looked up by its hash, so no comparison ever runs on the secret itself.
    """
    if not key.startswith(KEY_PREFIX) or len(key) > 200:
        return None
    row = session.scalars(select(ApiKey).where(ApiKey.key_hash == hash_key(key))).first()
    if row is None or row.revoked_at is not None:
        return None
    return _info(row)


# --- scope: what one school's key may see. Anything else reads as "not found". ---------


def school_name(*, session: Session, school_id: str) -> str:
    org = session.get(Org, school_id)
    return org.name if org is not None else school_id


def require_student(*, session: Session, school_id: str, student_id: str) -> None:
    student = session.get(Student, student_id)
    if student is None or student.school_id != school_id:
        raise NotFoundError(f"no student with id {student_id!r}")


def require_class(*, session: Session, school_id: str, class_id: str) -> None:
    school_class = session.get(SchoolClass, class_id)
    if school_class is None or school_class.school_id != school_id:
        raise NotFoundError(f"no class with id {class_id!r}")


def school_student_ids(*, session: Session, school_id: str) -> list[str]:
    return list(
        session.scalars(
            select(Student.id).where(Student.school_id == school_id).order_by(Student.id)
        )
    )


def unknown_students(*, session: Session, school_id: str, student_ids: Collection[str]) -> set[str]:
    """The ids among `student_ids` that are not students of the school."""
    wanted = set(student_ids)
    found: set[str] = set()
    ids = sorted(wanted)
    for start in range(0, len(ids), 500):
        found.update(
            session.scalars(
                select(Student.id).where(
                    Student.id.in_(ids[start : start + 500]), Student.school_id == school_id
                )
            )
        )
    return wanted - found


def foreign_ids(
    *,
    session: Session,
    school_id: str,
    model: type[Student] | type[SchoolClass],
    ids: Collection[str],
) -> set[str]:
    """Ids of `model` rows already stored under another school (an import must not take them)."""
    found: set[str] = set()
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), 500):
        found.update(
            session.scalars(
                select(model.id).where(
                    model.id.in_(ordered[start : start + 500]),
                    model.school_id.is_not(None),
                    model.school_id != school_id,
                )
            )
        )
    return found


def require_plan(*, session: Session, school_id: str, plan_id: int) -> Plan:
    plan = session.get(Plan, plan_id)
    student = session.get(Student, plan.student_id) if plan is not None else None
    if plan is None or student is None or student.school_id != school_id:
        raise NotFoundError(f"no plan with id {plan_id}")
    return plan


def require_item(*, session: Session, school_id: str, item_id: str) -> Item:
    """The item, if it was assigned to a student of the school."""
    seen = session.scalars(
        select(Assignment.id)
        .join(Student, Student.id == Assignment.student_id)
        .where(Assignment.item_id == item_id, Student.school_id == school_id)
        .limit(1)
    ).first()
    item = session.get(Item, item_id) if seen is not None else None
    if item is None:
        raise NotFoundError(f"no item with id {item_id!r}")
    return item


def require_run(*, session: Session, school_id: str, run_id: int) -> GenerationRun:
    run = session.get(GenerationRun, run_id)
    owner = run.school_id if run is not None else None
    if run is not None and owner is None and run.class_id is not None:
        school_class = session.get(SchoolClass, run.class_id)
        owner = school_class.school_id if school_class is not None else None
    if run is None or owner != school_id:
        raise NotFoundError(f"no run with id {run_id}")
    return run
