"""Who is asking: the session cookie, the CSRF token every changing form carries, and the
sign-in backoff; a page without a signed-in teacher sends the browser to /login.

A session is a random token in an HttpOnly, SameSite=Lax cookie (Secure over https); the
database keeps only its hash (edugen.profiles.teachers). A form's CSRF token is an HMAC,
under a secret kept in EDUGEN_HOME, of the session token (or, before sign-in, of a random
pre-session cookie), so a page from another site can neither read nor forge it.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated
from urllib.parse import parse_qsl

from fastapi import Depends, Request, Response

from edugen import config
from edugen.profiles import teachers
from edugen.profiles.db import Database
from edugen.profiles.teachers import TeacherInfo

SESSION_COOKIE = "edugen_session"
PRE_COOKIE = "edugen_pre"
SECRET_FILE = "web-secret"
MAX_FORM = 256 * 1024
# Failures per (email, address) before sign-in slows down, and the longest wait.
FREE_TRIES, MAX_WAIT_S = 3, 300.0


class NotSignedIn(Exception):
    """The page needs a signed-in teacher (answered with a redirect to /login)."""


class CsrfRefused(Exception):
    """A changing request without a valid CSRF token (answered with 403)."""


def load_secret(home: Path | None = None) -> bytes:
    """The HMAC secret: made once in the data directory, readable by its owner only."""
    path = (home or config.data_dir()) / SECRET_FILE
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        data = path.read_bytes().strip()
        if len(data) >= 32:
            return data
        raise
    with os.fdopen(fd, "wb") as handle:
        secret = secrets.token_hex(32).encode("ascii")
        handle.write(secret)
    return secret


def csrf_for(secret: bytes, basis: str) -> str:
    return hmac.new(secret, f"csrf|{basis}".encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Visitor:
    """A request's signed-in teacher (or None) and the CSRF token its forms carry."""

    teacher: TeacherInfo | None
    csrf: str
    new_pre: str | None  # a pre-session cookie to set on this response


def _db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def _secret(request: Request) -> bytes:
    secret: bytes = request.app.state.web_secret
    return secret


def visitor(request: Request) -> Visitor:
    token = request.cookies.get(SESSION_COOKIE, "")
    teacher = None
    if token:
        with _db(request).begin() as session:
            teacher = teachers.session_teacher(session=session, token=token)
    if teacher is not None:
        return Visitor(teacher, csrf_for(_secret(request), f"s|{token}"), None)
    pre = request.cookies.get(PRE_COOKIE, "")
    new_pre = None
    if len(pre) < 20 or len(pre) > 100:
        pre = new_pre = secrets.token_urlsafe(24)
    return Visitor(None, csrf_for(_secret(request), f"p|{pre}"), new_pre)


def signed_in(request: Request) -> TeacherInfo:
    found = visitor(request).teacher
    if found is None:
        raise NotSignedIn()
    return found


Teacher = Annotated[TeacherInfo, Depends(signed_in)]


async def read_form(request: Request) -> dict[str, str]:
    """A urlencoded form (a repeated field keeps its last value); CSRF checked first."""
    body = await request.body()
    if len(body) > MAX_FORM:
        raise CsrfRefused("the form is too large")
    fields = dict(parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True))
    expected = visitor(request).csrf
    if not hmac.compare_digest(fields.get("csrf", ""), expected):
        raise CsrfRefused("the form's security token is missing or out of date; reload the page")
    return fields


def secure(request: Request) -> bool:
    return request.url.scheme == "https"


def set_cookie(request: Request, response: Response, name: str, value: str, max_age: int) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite="lax",
        secure=secure(request),
    )


class Backoff:
    """Sign-in failures per (email, address): after FREE_TRIES each one doubles the wait."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: dict[tuple[str, str], tuple[int, float]] = {}

    def wait(self, key: tuple[str, str]) -> float:
        """Seconds until this pair may try again (0: now)."""
        with self._lock:
            _, until = self._seen.get(key, (0, 0.0))
        return max(0.0, until - time.monotonic())

    def failed(self, key: tuple[str, str]) -> None:
        with self._lock:
            if len(self._seen) > 10_000:  # bounded: forget the pairs no longer waiting
                now = time.monotonic()
                self._seen = {k: v for k, v in self._seen.items() if v[1] > now}
            count, _ = self._seen.get(key, (0, 0.0))
            count += 1
            wait = 0.0 if count < FREE_TRIES else min(MAX_WAIT_S, 2.0 ** (count - FREE_TRIES + 1))
            self._seen[key] = (count, time.monotonic() + wait)

    def succeeded(self, key: tuple[str, str]) -> None:
        with self._lock:
            self._seen.pop(key, None)
