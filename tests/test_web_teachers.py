"""Teacher accounts through the CLI: argon2id hashes only, one school and its own classes."""

from __future__ import annotations

import json

from edugen.profiles import teachers
from edugen.profiles.db import Database
from edugen.profiles.models import TeacherAccount, WebSession
from tests.conftest import Run, count_rows

PASSWORD = "correct horse battery"


def _demo(run: Run) -> None:
    assert run("demo", "--week", "2026-W49").exit_code == 0


def test_an_account_is_added_listed_and_its_password_stored_only_as_argon2id(
    any_run: Run, any_db_url: str
) -> None:
    _demo(any_run)
    added = any_run(
        "teacher", "add", "Ada@School.Example", "--school", "demo-school",
        "--class", "demo-6a", "--password-stdin", input=PASSWORD + "\n",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    listed = json.loads(any_run("teacher", "list", "--json").stdout)
    assert listed == [
        {
            "email": "ada@school.example",
            "school_id": "demo-school",
            "classes": ["demo-6a"],
            "created_at": listed[0]["created_at"],
        }
    ]
    db = Database(any_db_url)
    try:
        with db.begin() as session:
            (row,) = session.query(TeacherAccount).all()
            assert row.password_hash.startswith("$argon2id$")
            assert PASSWORD not in row.password_hash
            assert teachers.verify(session=session, email="ADA@school.example ", password=PASSWORD)
            assert teachers.verify(session=session, email=row.email, password="wrong one!") is None
            assert (
                teachers.verify(session=session, email="nobody@x.example", password=PASSWORD)
                is None
            )
    finally:
        db.dispose()


def test_bad_accounts_are_refused_and_nothing_is_written(run: Run, db_url: str) -> None:
    _demo(run)
    cases = [
        (["--school", "no-such-school"], PASSWORD, "no school with id 'no-such-school'"),
        (["--school", "demo-school", "--class", "nope"], PASSWORD, "no class with id 'nope'"),
        (["--school", "demo-school"], "short", "at least 8 characters"),
    ]
    for options, password, message in cases:
        result = run(
            "teacher", "add", "b@x.example", *options, "--password-stdin", input=password + "\n"
        )
        assert result.exit_code != 0 and message in result.output, result.output
    no_stdin = run("teacher", "add", "b@x.example", "--school", "demo-school")
    assert no_stdin.exit_code == 2 and "--password-stdin" in no_stdin.output
    bad_email = run(
        "teacher", "add", "not-an-email", "--school", "demo-school", "--password-stdin",
        input=PASSWORD,
    )  # fmt: skip
    assert bad_email.exit_code == 2 and "not an email address" in bad_email.output
    assert count_rows(db_url, TeacherAccount) == 0
    args = ["teacher", "add", "b@x.example", "--school", "demo-school", "--password-stdin"]
    assert run(*args, input=PASSWORD).exit_code == 0
    again = run(*args, input=PASSWORD)
    assert again.exit_code == 2 and "exists already" in again.output


def test_a_new_password_or_removal_signs_every_browser_out(run: Run, db_url: str) -> None:
    _demo(run)
    args = ["teacher", "add", "c@x.example", "--school", "demo-school", "--password-stdin"]
    assert run(*args, input=PASSWORD).exit_code == 0
    db = Database(db_url)
    try:
        with db.begin() as session:
            (info,) = teachers.list_teachers(session=session)
            token = teachers.open_session(session=session, teacher_id=info.id)
        with db.begin() as session:
            assert teachers.session_teacher(session=session, token=token) == info
        changed = run(
            "teacher", "set-password", "c@x.example", "--password-stdin", input="another pass\n"
        )
        assert changed.exit_code == 0, changed.output
        with db.begin() as session:
            assert teachers.session_teacher(session=session, token=token) is None
            assert teachers.verify(session=session, email="c@x.example", password="another pass")
            teachers.open_session(session=session, teacher_id=info.id)
        assert count_rows(db_url, WebSession) == 1
        assert run("teacher", "remove", "c@x.example").exit_code == 0
        assert count_rows(db_url, WebSession) == 0 and count_rows(db_url, TeacherAccount) == 0
        gone = run("teacher", "remove", "c@x.example")
        assert gone.exit_code == 1 and "no teacher account" in gone.output
    finally:
        db.dispose()
