"""edugen weekly: idempotent per (student, week), resumable after SIGKILL, one run per school
(a database lock a dead run's successor takes over), shardable across machines; runs and
plans read back.

The demo school is loaded once per module and copied for each test; the fake backend
stands in for the model. The kill and shard tests start real `edugen` processes.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from edugen.profiles.db import Database
from edugen.profiles.models import (
    Assignment,
    ClassWeekRow,
    GenerationRun,
    Item,
    Org,
    Plan,
    RunLock,
    Student,
)
from tests.conftest import DEMO_WEEK, Run, _postgres_database, make_runner

WEEK = DEMO_WEEK
CLASS = "demo-6a"
FAKE = ("--backend", "fake", "--no-log")
EDUGEN = str(Path(sys.executable).with_name("edugen"))


def weekly(run: Run, *args: str) -> Any:
    return run("weekly", "--class", CLASS, "--week", WEEK, *FAKE, *args)


def snapshot(url: str) -> dict[str, Any]:
    """What the week stored: plans per student, assignments, items, class weeks."""
    db = Database(url)
    try:
        with db.begin() as session:
            plans: dict[str, int] = dict(
                session.execute(
                    select(Plan.student_id, func.count())
                    .where(Plan.week == WEEK)
                    .group_by(Plan.student_id)
                ).all()
            )
            assigned = sorted(
                session.execute(
                    select(Assignment.student_id, Assignment.item_id).where(Assignment.week == WEEK)
                ).all()
            )
            return {
                "plans": plans,
                "assignments": [tuple(a) for a in assigned],
                "items": session.scalar(select(func.count()).select_from(Item)),
                "class_weeks": session.scalar(select(func.count()).select_from(ClassWeekRow)),
                "locks": session.scalar(select(func.count()).select_from(RunLock)),
            }
    finally:
        db.dispose()


def active_ids(url: str) -> set[str]:
    result = make_runner(url)("plans", "list", "--class", CLASS, "--week", WEEK, "--json")
    assert result.exit_code == 0, result.output
    db = Database(url)
    try:
        with db.begin() as session:
            from edugen.profiles import runs

            return set(runs.active_students(session=session, class_id=CLASS))
    finally:
        db.dispose()


# --- the required interface -------------------------------------------------------------


def test_weekly_stores_every_plan_and_a_second_run_changes_nothing(
    demo: Run, demo_url: str
) -> None:
    first = weekly(demo, "--json")
    assert first.exit_code == 0, first.output
    report = json.loads(first.stdout)
    assert len(report["done"]) == 25 and report["skipped"] == [] and report["failed"] == {}
    assert report["class_weeks"] == [CLASS]
    before = snapshot(demo_url)
    assert set(before["plans"]) == active_ids(demo_url)
    assert set(before["plans"].values()) == {1}
    assert before["locks"] == 0

    again = weekly(demo, "--json")
    assert again.exit_code == 0, again.output
    report = json.loads(again.stdout)
    assert report["done"] == [] and len(report["skipped"]) == 25
    assert snapshot(demo_url) == before

    listed = demo("plans", "list", "--class", CLASS, "--week", WEEK, "--json")
    assert listed.exit_code == 0, listed.output
    plans = json.loads(listed.stdout)["plans"]
    assert len(plans) == 25
    assert {p["student_id"] for p in plans} == set(before["plans"])
    assert all(p["status"] == "draft" and p["week"] == WEEK for p in plans)
    assert sum(p["items"] for p in plans) == len(before["assignments"])


def test_runs_are_recorded_with_their_counts(demo: Run) -> None:
    assert weekly(demo).exit_code == 0
    assert weekly(demo).exit_code == 0
    listed = demo("runs", "list", "--kind", "weekly", "--json")
    assert listed.exit_code == 0, listed.output
    runs = json.loads(listed.stdout)["runs"]
    assert [r["status"] for r in runs] == ["succeeded", "succeeded"]
    latest, first = runs
    assert first["counts"]["done"] == 25 and latest["counts"]["skipped"] == 25
    shown = demo("runs", "show", str(first["id"]), "--json")
    assert json.loads(shown.stdout)["week"] == WEEK
    text = demo("runs", "show", str(first["id"]))
    assert "status: succeeded" in text.output
    assert demo("runs", "show", "9999").exit_code == 1


def test_dry_run_writes_nothing(demo: Run, demo_url: str) -> None:
    before = snapshot(demo_url)
    result = weekly(demo, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "25 students to do" in result.output
    assert snapshot(demo_url) == before
    assert json.loads(demo("runs", "list", "--json").stdout)["runs"] == []


def test_usage_errors_exit_2(demo: Run) -> None:
    assert weekly(demo, "--shard", "3/2").exit_code == 2
    assert weekly(demo, "--shard", "x").exit_code == 2
    both = demo("weekly", "--class", CLASS, "--school", "demo-school", "--week", WEEK, *FAKE)
    assert both.exit_code == 2
    assert demo("weekly", "--class", CLASS, "--week", "2026-49", *FAKE).exit_code == 2


def test_a_failing_student_is_listed_exit_1_and_the_rest_done(demo: Run, demo_url: str) -> None:
    db = Database(demo_url)
    with db.begin() as session:
        student = session.get(Student, "demo-s003")
        assert student is not None
        student.minutes_per_day = -5  # the plan builder refuses it
    db.dispose()
    result = weekly(demo, "--batch-size", "8")
    assert result.exit_code == 1, result.output
    assert "FAILED demo-s003" in result.output
    stored = snapshot(demo_url)
    assert len(stored["plans"]) == 24 and "demo-s003" not in stored["plans"]
    (run,) = json.loads(demo("runs", "list", "--kind", "weekly", "--json").stdout)["runs"]
    assert run["status"] == "partial" and run["counts"]["failed"] == 1


def test_auto_approval_approves_verified_items_and_their_plans(
    demo: Run, demo_url: str, home: Path
) -> None:
    db = Database(demo_url)
    with db.begin() as session:
        school = session.get(Org, "demo-school")
        assert school is not None
        school.auto_approve_verified = True
    db.dispose()
    out = home / "out"
    result = weekly(demo, "--export-to", str(out))
    assert result.exit_code == 0, result.output
    listed = demo("plans", "list", "--class", CLASS, "--week", WEEK, "--json")
    assert {p["status"] for p in json.loads(listed.stdout)["plans"]} == {"approved"}
    # Approved, so exported without --include-drafts: plans, class week, LMS package.
    folder = out / WEEK / CLASS
    assert (folder / "items-qti21.zip").is_file()
    assert len(list((folder / "plans").glob("*.html"))) >= 25, result.output
    assert any((folder / "class").iterdir())


def test_drafts_are_exported_only_when_asked(demo: Run, home: Path) -> None:
    out = home / "out"
    result = weekly(demo, "--export-to", str(out))
    assert result.exit_code == 0, result.output
    assert "not exported" in result.output and not out.exists()
    result = weekly(demo, "--export-to", str(out), "--include-drafts")
    assert result.exit_code == 0, result.output
    assert (out / WEEK / CLASS / "items-qti21.zip").is_file()


# --- the lock ---------------------------------------------------------------------------


def put_lock(url: str, holder: str, heartbeat: datetime) -> None:
    db = Database(url)
    with db.begin() as session:
        session.add(
            RunLock(
                school_id="demo-school",
                shard="",
                holder=holder,
                acquired_at=heartbeat,
                heartbeat_at=heartbeat,
            )
        )
    db.dispose()


def test_a_live_run_holds_the_lock_with_a_clear_message(demo: Run, demo_url: str) -> None:
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        put_lock(demo_url, f"{socket.gethostname()}:{alive.pid}", datetime.now(UTC))
        result = weekly(demo)
    finally:
        alive.kill()
        alive.wait()
    assert result.exit_code == 1
    assert "another weekly run holds the lock for school demo-school" in result.output
    assert snapshot(demo_url)["plans"] == {}
    (run,) = json.loads(demo("runs", "list", "--json").stdout)["runs"]
    assert run["status"] == "failed"


def test_a_dead_runs_lock_is_recovered(demo: Run, demo_url: str) -> None:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    put_lock(demo_url, f"{socket.gethostname()}:{gone.pid}", datetime.now(UTC))
    result = weekly(demo)
    assert result.exit_code == 0, result.output
    assert "recovered the lock" in result.output and "is gone" in result.output


def test_a_lock_without_heartbeat_past_the_timeout_is_recovered(demo: Run, demo_url: str) -> None:
    put_lock(demo_url, "elsewhere:1", datetime.now(UTC) - timedelta(minutes=11))
    result = weekly(demo)
    assert result.exit_code == 0, result.output
    assert "no heartbeat" in result.output
    assert snapshot(demo_url)["locks"] == 0


# --- killed and started again -----------------------------------------------------------


def sqlite_plans(path: Path) -> int:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30) as conn:
        return int(conn.execute("SELECT count(*) FROM plans").fetchone()[0])


def cli_args(url: str, *args: str) -> list[str]:
    return [EDUGEN, "--db", url, *args]


def test_a_run_killed_at_a_random_moment_is_finished_by_the_next(
    home: Path, demo_template: Path
) -> None:
    clean, killed = home / "clean.db", home / "killed.db"
    shutil.copy(demo_template, clean)
    shutil.copy(demo_template, killed)
    args = ("weekly", "--class", CLASS, "--week", WEEK, *FAKE, "--batch-size", "2")
    env = {**os.environ, "EDUGEN_HOME": str(home)}
    subprocess.run(cli_args(f"sqlite:///{clean}", *args), env=env, check=True, capture_output=True)

    threshold = random.randint(2, 18)
    proc = subprocess.Popen(
        cli_args(f"sqlite:///{killed}", *args),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while sqlite_plans(killed) < threshold and proc.poll() is None:
        assert time.monotonic() < deadline, "the run saved nothing"
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, f"finished before the kill (at {threshold})"
    saved = sqlite_plans(killed)
    assert 0 < saved < 25, (threshold, saved)

    rerun = subprocess.run(
        cli_args(f"sqlite:///{killed}", *args, "--json"), env=env, capture_output=True, text=True
    )
    assert rerun.returncode == 0, rerun.stderr
    assert "recovered the lock" in rerun.stderr
    report = json.loads(rerun.stdout)
    assert len(report["skipped"]) >= saved - 2 and report["failed"] == {}

    after, expected = snapshot(f"sqlite:///{killed}"), snapshot(f"sqlite:///{clean}")
    assert set(after["plans"].values()) == {1}  # one current plan each, nothing superseded
    assert after == expected, f"killed after {saved} plans"
    db = Database(f"sqlite:///{killed}")
    with db.begin() as session:
        statuses = [
            r.status.value
            for r in session.scalars(
                select(GenerationRun)
                .where(GenerationRun.kind == "weekly")
                .order_by(GenerationRun.id)
            )
        ]
    db.dispose()
    assert statuses == ["failed", "succeeded"]  # the killed run is marked interrupted


# --- shards on PostgreSQL ---------------------------------------------------------------


@pytest.fixture
def second_postgres_url() -> Iterator[str]:
    yield from _postgres_database()


@pytest.mark.postgres
def test_two_shards_together_store_what_one_run_does(
    home: Path, postgres_url: str, second_postgres_url: str
) -> None:
    env = {**os.environ, "EDUGEN_HOME": str(home)}
    for url in (postgres_url, second_postgres_url):
        loaded = make_runner(url)("demo", "--week", WEEK)
        assert loaded.exit_code == 0, loaded.output
    args = ("weekly", "--class", CLASS, "--week", WEEK, *FAKE, "--batch-size", "4", "--json")
    subprocess.run(cli_args(second_postgres_url, *args), env=env, check=True, capture_output=True)

    shards = [
        subprocess.Popen(
            cli_args(postgres_url, *args, "--shard", shard),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for shard in ("1/2", "2/2")
    ]
    outputs = [proc.communicate(timeout=300) for proc in shards]
    for proc, (_out, err) in zip(shards, outputs, strict=True):
        assert proc.returncode == 0, err
    done = [set(json.loads(out)["done"]) for out, _ in outputs]
    assert done[0] and done[1] and not done[0] & done[1]
    assert done[0] | done[1] == active_ids(postgres_url)

    together, single = snapshot(postgres_url), snapshot(second_postgres_url)
    assert together == single
    assert set(together["plans"].values()) == {1} and together["locks"] == 0


# --- progress and the lock's holder -----------------------------------------------------


def test_progress_goes_to_stderr_one_line_per_batch_when_not_a_terminal(demo: Run) -> None:
    result = weekly(demo, "--batch-size", "10", "--json")
    assert result.exit_code == 0, result.output
    # A cron log gets plain lines, one per batch: "students 10/25, 3 s, 3.1/s".
    done = re.findall(r"^students (\d+)/25, \d+ s(?:, [\d.]+/s)?$", result.stderr, re.MULTILINE)
    assert done == ["0", "10", "20", "25"], result.stderr
    assert json.loads(result.stdout)["run_id"]  # stdout stays the report alone


def test_two_runs_in_one_process_never_both_hold_the_lock(demo_url: str) -> None:
    # `edugen serve` runs weekly jobs in threads of one process: same host, same pid.
    from edugen.errors import EdugenError
    from edugen.workflows.lock import RunLock as Lock

    db = Database(demo_url)
    try:
        first = Lock(db, school_id="demo-school", shard="", run_id=None)
        second = Lock(db, school_id="demo-school", shard="", run_id=None)
        assert first.holder != second.holder
        with first:
            with pytest.raises(EdugenError, match="another weekly run holds the lock"):
                second.acquire()
            first.heartbeat()  # still ours
        with second:  # released: the next run takes it
            pass
        with db.begin() as session:
            assert session.scalar(select(func.count()).select_from(RunLock)) == 0
    finally:
        db.dispose()


def test_the_weekly_class_week_lists_what_the_plans_could_not_serve(
    demo: Run, demo_url: str, tmp_path: Path
) -> None:
    from edugen.profiles import generated

    topics = tmp_path / "more.csv"
    topics.write_text(
        "code,subject,grade,title,prerequisites\n6.SP.Z.9,math,6,A topic without items,\n",
        encoding="utf-8",
    )
    assert demo("import", "curriculum", str(topics)).exit_code == 0
    made = demo("controls", "set", "--student", "demo-s004", "6.SP.Z.9", "--assign")
    assert made.exit_code == 0, made.output
    result = weekly(demo)
    assert result.exit_code == 0, result.output
    db = Database(demo_url)
    try:
        with db.begin() as session:
            week = generated.class_week(session=session, class_id=CLASS, week=WEEK)
    finally:
        db.dispose()
    # (a foundation no family covers yet may be listed too)
    unserved = {u.topic: u for u in week.unserved}["6.SP.Z.9"]
    assert unserved.assigned_to == ["demo-s004"]
    assert "Not served this week: A topic without items" in week.summary
