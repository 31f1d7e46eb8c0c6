"""The HTTP API, served for real by uvicorn on 127.0.0.1 and spoken to over HTTP.

One server per module, over a copy of the demo school plus a second school (from the test
roster), with one key for each school.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests import rosters
from tests.conftest import make_runner
from tests.live_server import DEMO_STUDENT, WEEK, cli_at, edugen_serve, load_demo_and_sch1, make_key

DEMO_CLASS = "demo-6a"


@dataclass
class Server:
    url: str
    demo_key: str  # the demo school's
    other_key: str  # school sch1's
    home: Path
    db_url: str

    def client(self, key: str | None = None, **headers: str) -> httpx.Client:
        if key is not None:
            headers.setdefault("Authorization", f"Bearer {key}")
        return httpx.Client(base_url=self.url, headers=headers, timeout=60)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    home = tmp_path_factory.mktemp("api-home")
    (home / "edugen.toml").write_text('[generate]\nbackend = "fake"\n', encoding="utf-8")
    db_url = f"sqlite:///{home / 'edugen.db'}"
    with cli_at(home, db_url) as run:
        load_demo_and_sch1(run, home)
        demo_key, other_key = make_key(run, "demo-school"), make_key(run, "sch1")
    with edugen_serve(home, db_url, "--max-upload", "1") as url:
        yield Server(url, demo_key, other_key, home, db_url)


def _demo_item(server: Server) -> str:
    with server.client(server.demo_key) as c:
        found = c.get("/v1/items", params={"week": WEEK, "student_id": DEMO_STUDENT})
    assert found.status_code == 200, found.text
    (student,) = found.json()
    return str(student["items"][0]["id"])


def test_every_request_needs_a_live_key_and_the_schema_is_served(server: Server) -> None:
    with server.client() as c:
        schema = c.get("/openapi.json")
        assert schema.status_code == 200 and "/v1/students" in schema.json()["paths"]
        none = c.get("/v1/students")
        assert none.status_code == 401 and none.headers["www-authenticate"] == "Bearer"
        assert c.get("/v1/students", headers={"X-API-Key": "edu_wrong"}).status_code == 401
        bearer = c.get("/v1/school", headers={"Authorization": f"Bearer {server.demo_key}"})
        assert bearer.json()["id"] == "demo-school"
        header = c.get("/v1/school", headers={"X-API-Key": server.other_key})
        assert header.json()["id"] == "sch1"


def test_a_revoked_key_is_refused_and_only_a_hash_is_stored(server: Server) -> None:
    run = make_runner(server.db_url)
    key = make_key(run, "sch1")
    raw = (server.home / "edugen.db").read_bytes()
    assert key.encode() not in raw
    with server.client(key) as c:
        assert c.get("/v1/school").status_code == 200
        listed = json.loads(run("apikey", "list", "--json").stdout)
        (mine,) = [k for k in listed if key.startswith(k["prefix"].rstrip("…"))]
        assert run("apikey", "revoke", str(mine["id"])).exit_code == 0
        assert c.get("/v1/school").status_code == 401


def test_a_key_sees_only_its_own_school(server: Server) -> None:
    item = _demo_item(server)
    with server.client(server.demo_key) as c:
        plan_ids = [p["id"] for p in c.get("/v1/plans", params={"week": WEEK}).json()]
    with server.client(server.other_key) as c:
        students = {s["id"] for s in c.get("/v1/students").json()}
        assert students == set(rosters.STUDENTS)
        assert {k["id"] for k in c.get("/v1/classes").json()} == {"cl-6a", "cl-6b"}
        for path in (
            f"/v1/students/{DEMO_STUDENT}",
            f"/v1/classes/{DEMO_CLASS}",
            f"/v1/items/{item}",
            f"/v1/plans/{plan_ids[0]}",
        ):
            assert c.get(path).status_code == 404, path
        assert c.post(f"/v1/items/{item}/approve").status_code == 404
        assert c.get("/v1/students", params={"class_id": DEMO_CLASS}).status_code == 404
        found = c.get("/v1/items", params={"week": WEEK, "student_id": DEMO_STUDENT})
        assert found.status_code == 404
        export = c.get(
            "/v1/exports/items",
            params={"week": WEEK, "student_id": DEMO_STUDENT, "format": "json"},
        )
        assert export.status_code == 404
        run = c.post(f"/v1/classes/{DEMO_CLASS}/runs", json={"week": WEEK})
        assert run.status_code == 404


def test_list_students_plans_items_and_approve_an_item(server: Server) -> None:
    item = _demo_item(server)
    with server.client(server.demo_key) as c:
        students = c.get("/v1/students", params={"class_id": DEMO_CLASS}).json()
        assert DEMO_STUDENT in {s["id"] for s in students} and len(students) == 25
        assert c.get(f"/v1/students/{DEMO_STUDENT}").json()["class_ids"]
        (plan,) = c.get("/v1/plans", params={"week": WEEK}).json()
        assert plan["student_id"] == DEMO_STUDENT
        assert c.get(f"/v1/plans/{plan['id']}").json()["content"]["week"] == WEEK
        before = c.get(f"/v1/items/{item}").json()
        assert before["status"] == "draft"
        approved = c.post(f"/v1/items/{item}/approve", json={"why": "ok"})
        assert approved.status_code == 200, approved.text
        assert approved.json() == {
            "id": item, "from_status": "draft", "to_status": "approved", "changed": True,
        }  # fmt: skip
        assert c.get(f"/v1/items/{item}").json()["status"] == "approved"
        export = c.get(
            "/v1/exports/items",
            params={"week": WEEK, "student_id": DEMO_STUDENT, "format": "gift"},
        )
        assert export.status_code == 200, export.text
        assert export.headers["content-type"].startswith("text/plain")
        # "questions", the old name of the export, still gives the same file for a release.
        old = c.get(
            "/v1/exports/questions",
            params={"week": WEEK, "student_id": DEMO_STUDENT, "format": "gift"},
        )
        assert old.status_code == 200 and old.content == export.content


def test_upload_a_roster_zip_and_results(server: Server, tmp_path: Path) -> None:
    zipped = rosters.write_zip(tmp_path / "r.zip", rosters.bundle())
    results = "student_id,topic,correct,timestamp\nu-s1,5.NF.B.4,1,2026-11-30T10:00:00Z\n"
    with server.client(server.other_key) as c:
        roster = c.post(
            "/v1/imports/oneroster",
            content=zipped.read_bytes(),
            headers={"Content-Type": "application/zip"},
        )
        assert roster.status_code == 200, roster.text
        assert roster.json()["kind"] == "oneroster"
        answers = c.post(
            "/v1/imports/results", content=results, headers={"Content-Type": "text/csv"}
        )
        assert answers.status_code == 200, answers.text
        assert answers.json()["counts"]["attempts"]["created"] == 1
        # the results summary in full, as the CLI prints it
        assert answers.json()["learned"] == 1, answers.json()
        assert answers.json()["voided_statements"] == 0 and answers.json()["matched"] == {}
        # A roster of another school, or answers of another school's student: refused.
        demo_roster = c.post(
            "/v1/imports/oneroster",
            content=_demo_roster(tmp_path),
            headers={"Content-Type": "application/zip"},
        )
        assert demo_roster.status_code == 422
        assert "schoolSourcedId" in demo_roster.text
        stolen = c.post(
            "/v1/imports/results",
            content=results.replace("u-s1", DEMO_STUDENT),
            headers={"Content-Type": "text/csv"},
        )
        assert stolen.status_code == 422 and "student_id" in stolen.text


def _demo_roster(tmp_path: Path) -> bytes:
    import zipfile

    from edugen.demo import school

    folder = school.write_oneroster(tmp_path / "demo-roster")
    path = tmp_path / "demo.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for file in sorted(folder.iterdir()):
            archive.write(file, file.name)
    return path.read_bytes()


def test_malformed_bodies_get_a_4xx_naming_the_field(server: Server) -> None:
    with server.client(server.demo_key) as c:
        bad_week = c.post(f"/v1/classes/{DEMO_CLASS}/runs", json={"week": "next week"})
        assert bad_week.status_code == 422 and "week" in bad_week.text
        bad_json = c.post(
            f"/v1/classes/{DEMO_CLASS}/runs",
            content=b"{not json",
            headers={"Content-Type": "application/json"},
        )
        assert bad_json.status_code == 422
        who = c.post("/v1/items/x/approve", json={"who": 5})
        assert who.status_code == 422 and "who" in who.text
        csv = c.post(
            "/v1/imports/results",
            content="student_id,topic,correct,timestamp\nx,y,maybe,then\n",
            headers={"Content-Type": "text/csv"},
        )
        assert csv.status_code == 422
        problems = csv.json()["problems"]
        assert problems and all(p["file"] == "results.csv" for p in problems)
        assert {"correct", "timestamp"} & {p["field"] for p in problems}
        empty = c.post("/v1/imports/oneroster", content=b"")
        assert empty.status_code == 400 and "body" in empty.text
        big = c.post("/v1/imports/oneroster", content=b"x" * (1024 * 1024 + 1))
        assert big.status_code == 413


def test_a_weekly_run_for_a_class_is_started_and_polled(server: Server) -> None:
    with server.client(server.other_key) as c:
        started = c.post("/v1/classes/cl-6a/runs", json={"week": WEEK})
        assert started.status_code == 202, started.text
        run_id = started.json()["id"]
        deadline = time.monotonic() + 120
        while (status := c.get(f"/v1/runs/{run_id}").json())["status"] == "running":
            assert time.monotonic() < deadline, status
            time.sleep(0.5)
        assert status["status"] == "succeeded", status
        assert status["kind"] == "weekly" and status["counts"]["done"] >= 1, status
        # The same week again: every student is done already, nothing is redone.
        again = c.post("/v1/classes/cl-6a/runs", json={"week": WEEK})
        assert again.status_code == 202, again.text
        again_id = again.json()["id"]
        while (status := c.get(f"/v1/runs/{again_id}").json())["status"] == "running":
            assert time.monotonic() < deadline, status
            time.sleep(0.5)
        assert status["status"] == "succeeded" and status["counts"]["done"] == 0, status
    with server.client(server.demo_key) as c:
        assert c.get(f"/v1/runs/{run_id}").status_code == 404


@pytest.mark.slow
def test_a_bounded_schemathesis_run_finds_no_server_error(server: Server) -> None:
    command = [
        str(Path(sys.executable).parent / "schemathesis"),
        "run",
        f"{server.url}/openapi.json",
        "--checks", "not_a_server_error",
        "--max-examples", "20",
        "--header", f"X-API-Key: {server.demo_key}",
        "--request-timeout", "30",
        "--workers", "1",
        "--generation-deterministic",
        "--suppress-health-check", "all",
    ]  # fmt: skip
    # Run in the test's folder: schemathesis keeps a .schemathesis/ cache where it runs.
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=server.home)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
