"""Runs started through the API at the same moment (threads of one `edugen serve` process)
never overlap: one holds the school's lock, the others fail naming it, and every student
ends the week with exactly one plan (issue #17.4), on SQLite and PostgreSQL."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from sqlalchemy import func, select

from edugen.profiles.db import Database
from edugen.profiles.models import Plan
from tests.conftest import make_runner
from tests.live_server import WEEK, edugen_serve, make_key

CLASS = "demo-6a"


def test_four_simultaneous_runs_leave_one_plan_per_student(home: Path, any_db_url: str) -> None:
    (home / "edugen.toml").write_text('[generate]\nbackend = "fake"\n', encoding="utf-8")
    run = make_runner(any_db_url)
    assert run("demo", "--week", WEEK).exit_code == 0
    key = make_key(run, "demo-school")
    headers = {"Authorization": f"Bearer {key}"}
    with (
        edugen_serve(home, any_db_url) as url,
        httpx.Client(base_url=url, headers=headers, timeout=120) as client,
    ):

        def start(_: int) -> httpx.Response:
            return client.post(f"/v1/classes/{CLASS}/runs", json={"week": WEEK})

        with ThreadPoolExecutor(4) as pool:
            answers = list(pool.map(start, range(4)))
        assert all(a.status_code in (202, 409) for a in answers), [a.text for a in answers]
        ids = [a.json()["id"] for a in answers if a.status_code == 202]
        assert ids
        deadline = time.monotonic() + 300
        while True:
            runs = [client.get(f"/v1/runs/{i}").json() for i in ids]
            if all(r["status"] != "running" for r in runs):
                break
            assert time.monotonic() < deadline, runs
            time.sleep(0.2)
    succeeded = [r for r in runs if r["status"] == "succeeded"]
    assert succeeded, runs
    for r in runs:
        if r["status"] != "succeeded":
            assert "lock" in (r["error"] or ""), r
    db = Database(any_db_url)
    try:
        with db.begin() as session:
            per_student = session.execute(
                select(Plan.student_id, func.count())
                .where(Plan.week == WEEK)
                .group_by(Plan.student_id)
            ).all()
    finally:
        db.dispose()
    assert len(per_student) >= 25
    assert {n for _, n in per_student} == {1}, per_student
