"""Teacher accounts and their web sessions: argon2id password hashes, one school each, and
optionally only some of its classes; a session is a random token stored only as a hash."""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from edugen.errors import NotFoundError, UsageError
from edugen.profiles.models import Org, SchoolClass, TeacherAccount, WebSession

# argon2-cffi's defaults are RFC 9106's low-memory profile of argon2id (64 MiB, 3 passes).
HASHER = PasswordHasher()
# Checked against when the email is unknown, so a wrong email costs what a wrong password does.
_DUMMY_HASH = HASHER.hash("edugen: no such teacher")
EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,255}$")
MIN_PASSWORD, MAX_PASSWORD = 8, 1024
SESSION_DAYS = 7


@dataclass(frozen=True)
class TeacherInfo:
    id: int
    email: str
    school_id: str
    class_ids: tuple[str, ...]  # empty: every class of the school
    created_at: datetime


def _info(row: TeacherAccount) -> TeacherInfo:
    return TeacherInfo(row.id, row.email, row.school_id, tuple(row.class_ids), row.created_at)


def normalise_email(email: str) -> str:
    found = email.strip().lower()
    if not EMAIL.match(found):
        raise UsageError(f"{email!r} is not an email address")
    return found


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise UsageError(f"the password must be at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise UsageError(f"the password must be at most {MAX_PASSWORD} characters")
    return password


def _find(session: Session, email: str) -> TeacherAccount:
    row = session.scalars(
        select(TeacherAccount).where(TeacherAccount.email == normalise_email(email))
    ).first()
    if row is None:
        raise NotFoundError(f"no teacher account for {email.strip()!r}")
    return row


def add_teacher(
    *, session: Session, email: str, school_id: str, class_ids: Sequence[str], password: str
) -> TeacherInfo:
    """A new account; every class named must be one of the school's."""
    address = normalise_email(email)
    school = session.get(Org, school_id)
    if school is None or school.type != "school":
        raise NotFoundError(f"no school with id {school_id!r}")
    classes = list(dict.fromkeys(class_ids))
    for class_id in classes:
        found = session.get(SchoolClass, class_id)
        if found is None or found.school_id != school_id:
            raise NotFoundError(f"no class with id {class_id!r} in school {school_id!r}")
    if session.scalars(select(TeacherAccount.id).where(TeacherAccount.email == address)).first():
        raise UsageError(f"a teacher account for {address} exists already")
    now = datetime.now(UTC)
    row = TeacherAccount(
        email=address,
        school_id=school_id,
        class_ids=classes,
        password_hash=HASHER.hash(check_password(password)),
        created_at=now,
        password_changed_at=now,
    )
    session.add(row)
    session.flush()
    return _info(row)


def list_teachers(*, session: Session, school_id: str | None = None) -> list[TeacherInfo]:
    stmt = select(TeacherAccount).order_by(TeacherAccount.email)
    if school_id is not None:
        stmt = stmt.where(TeacherAccount.school_id == school_id)
    return [_info(row) for row in session.scalars(stmt)]


def remove_teacher(*, session: Session, email: str) -> TeacherInfo:
    """Delete the account and, with it, every session it had."""
    row = _find(session, email)
    info = _info(row)
    session.execute(delete(WebSession).where(WebSession.account_id == row.id))
    session.delete(row)
    return info


def set_password(*, session: Session, email: str, password: str) -> TeacherInfo:
    """A new password; every browser signed in with the old one is signed out."""
    row = _find(session, email)
    row.password_hash = HASHER.hash(check_password(password))
    row.password_changed_at = datetime.now(UTC)
    session.execute(delete(WebSession).where(WebSession.account_id == row.id))
    return _info(row)


def verify(*, session: Session, email: str, password: str) -> TeacherInfo | None:
    """The account if the password is its own, else None (whatever was wrong)."""
    try:
        address = normalise_email(email)
    except UsageError:
        address = ""
    row = (
        session.scalars(select(TeacherAccount).where(TeacherAccount.email == address)).first()
        if address
        else None
    )
    try:
        HASHER.verify(row.password_hash if row is not None else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None:
        return None
    if HASHER.check_needs_rehash(row.password_hash):
        row.password_hash = HASHER.hash(password)
    return _info(row)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def open_session(*, session: Session, teacher_id: int) -> str:
    """A new session for the teacher: the token for the cookie (only its hash is kept)."""
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    session.add(
        WebSession(
            token_hash=_token_hash(token),
            account_id=teacher_id,
            created_at=now,
            expires_at=now + timedelta(days=SESSION_DAYS),
        )
    )
    # Expired rows go when anyone signs in, so the table never grows without bound.
    session.execute(delete(WebSession).where(WebSession.expires_at < now))
    return token


def session_teacher(*, session: Session, token: str) -> TeacherInfo | None:
    """The teacher a live session token belongs to, else None."""
    if not token or len(token) > 100:
        return None
    row = session.get(WebSession, _token_hash(token))
    if row is None:
        return None
    expires = row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(tzinfo=UTC)
    if expires < datetime.now(UTC):
        return None
    account = session.get(TeacherAccount, row.account_id)
    return _info(account) if account is not None else None


def close_session(*, session: Session, token: str) -> None:
    session.execute(delete(WebSession).where(WebSession.token_hash == _token_hash(token)))
