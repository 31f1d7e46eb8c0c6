"""One review gate: the weekly auto-approval approves exactly what `review approve --all-valid`
would, and a second current plan for a (student, week) is refused by the database itself."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from edugen.profiles import db as profiles_db
from edugen.profiles.db import Database
from edugen.profiles.models import Item, Org, Plan, StatusChange, Student
from tests.conftest import DEMO_WEEK, Run, make_runner

WEEK = DEMO_WEEK
CLASS = "demo-6a"
FAKE = ("--backend", "fake", "--no-log")


def _ok(result: Any) -> Any:
    assert result.exit_code == 0, result.output
    return result


def _approved_by_weekly(url: str) -> tuple[set[str], set[str]]:
    db = Database(url)
    try:
        with db.begin() as session:
            rows = session.scalars(
                select(StatusChange).where(StatusChange.to_status == "approved")
            ).all()
            assert {r.who for r in rows} == {"edugen weekly"}
            assert {r.school_id for r in rows if r.object_type == "item"} == {"demo-school"}
            items = {r.object_id for r in rows if r.object_type == "item"}
            plans = {f"plan:{r.object_id}" for r in rows if r.object_type == "plan"}
            return items, plans
    finally:
        db.dispose()


def test_weekly_auto_approval_is_approve_all_valid(demo: Run, demo_url: str, home: Path) -> None:
    _ok(demo("weekly", "--class", CLASS, "--week", WEEK, *FAKE))
    listed = json.loads(_ok(demo("review", "list", "--week", WEEK, "--json")).stdout)["items"]
    bad = next(i for i in listed if i["source"] != "bank" and i["verified"])
    db = Database(demo_url)
    with db.begin() as session:
        row = session.get(Item, bad["id"])
        assert row is not None
        row.provenance = {**row.provenance, "framing": {"outcome": "invalid"}}
    db.dispose()
    # The same week twice: one gets the school's auto-approval, the other the CLI's.
    twin = home / "twin.db"
    shutil.copy(home / "edugen.db", twin)
    cli = make_runner(f"sqlite:///{twin}")

    db = Database(demo_url)
    with db.begin() as session:
        school = session.get(Org, "demo-school")
        assert school is not None
        school.auto_approve_verified = True
    db.dispose()
    again = _ok(demo("weekly", "--class", CLASS, "--week", WEEK, *FAKE, "--json"))
    weekly_items, weekly_plans = _approved_by_weekly(demo_url)

    by_cli = json.loads(
        _ok(cli("review", "approve", "--all-valid", "--week", WEEK, "--json")).stdout
    )
    cli_items = {c["id"] for c in by_cli["changes"] if c["changed"]}
    plans = json.loads(
        _ok(
            cli("review", "approve", "--all-valid", "--kind", "plans", "--week", WEEK, "--json")
        ).stdout
    )
    cli_plans = {c["id"] for c in plans["changes"] if c["changed"]}

    assert weekly_items and weekly_items == cli_items
    assert weekly_plans and weekly_plans == cli_plans
    assert bad["id"] not in weekly_items and bad["id"] in by_cli["skipped"]
    assert "framing: outcome 'invalid'" in by_cli["skipped"][bad["id"]]
    assert json.loads(again.stdout)["approved"] == {
        "items": len(weekly_items),
        "plans": len(weekly_plans),
    }
    for args in ((), ("--school", "demo-school")):
        shown = json.loads(_ok(demo("review", "show", bad["id"], *args, "--json")).stdout)
        assert shown["status"] == "draft"
        assert "framing: outcome 'invalid'" in shown["problems"]
    good = next(iter(weekly_items))
    shown = json.loads(
        _ok(demo("review", "show", good, "--school", "demo-school", "--json")).stdout
    )
    assert shown["status"] == "approved" and shown["schools"] == {"demo-school": "approved"}


def _student(session: Any) -> str:
    session.add(Org(id="sch", name="School", type="school"))
    session.add(Student(id="s1", school_id="sch", pseudonym="P-1", given_name="A", family_name="B"))
    session.flush()
    return "s1"


def _plan(student_id: str, supersedes: int | None = None) -> Plan:
    return Plan(
        student_id=student_id,
        week=WEEK,
        content={},
        supersedes_id=supersedes,
        created_at=datetime.now(UTC),
    )


def test_a_second_current_plan_is_refused_by_the_database(any_db_url: str) -> None:
    db = Database(any_db_url)
    try:
        with db.begin() as session:
            sid = _student(session)
            first = _plan(sid)
            session.add(first)
            session.flush()
            session.add(_plan(sid, supersedes=first.id))  # a later plan: fine
        with pytest.raises(IntegrityError):
            with db.begin() as session:
                session.add(_plan(sid))  # a second first plan for the week
        with pytest.raises(IntegrityError):
            with db.begin() as session:
                (first_id,) = session.scalars(
                    select(Plan.id).where(Plan.supersedes_id.is_(None))
                ).all()
                session.add(_plan(sid, supersedes=first_id))  # the first superseded twice
        with db.begin() as session:
            assert len(session.scalars(select(Plan)).all()) == 2
    finally:
        db.dispose()


def test_the_migration_chains_duplicate_plans_and_downgrades(any_db_url: str) -> None:
    engine = profiles_db.make_engine(any_db_url)
    try:
        profiles_db.upgrade(engine, "0005")
        now = datetime.now(UTC)
        with engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO orgs (id, name, type, active, auto_approve_verified) "
                "VALUES ('sch', 'School', 'school', true, false)"
            )
            conn.exec_driver_sql(
                "INSERT INTO students (id, school_id, pseudonym, given_name, family_name, "
                "language, interests, accommodations, minutes_per_day, active, ability, "
                "ability_var, answer_count, correct_count) VALUES ('s1', 'sch', 'P-1', 'A', "
                "'B', 'en', '[]', '[]', 20, true, 0, 1, 0, 0)"
            )
            for _ in range(3):  # three racing writers, each storing a first plan
                conn.exec_driver_sql(
                    "INSERT INTO plans (student_id, week, content, status, created_at) "
                    "VALUES ('s1', %s, '{}', 'draft', %s)"
                    if engine.dialect.name == "postgresql"
                    else "INSERT INTO plans (student_id, week, content, status, created_at) "
                    "VALUES ('s1', ?, '{}', 'draft', ?)",
                    (WEEK, now),
                )
        profiles_db.upgrade(engine)
        with engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT id, supersedes_id FROM plans ORDER BY id").all()
        ids = [r[0] for r in rows]
        assert [r[1] for r in rows] == [None, ids[0], ids[1]]  # the newest is current
        profiles_db.downgrade(engine, "0005")
        assert profiles_db.current_revision(engine) == "0005"
        profiles_db.upgrade(engine)
        profiles_db.check(engine)
    finally:
        engine.dispose()
