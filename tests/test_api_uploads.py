"""Uploads under attack, over a real uvicorn server: a key writes only its own school's rows,
bombs and trickles are refused, and bad text is a file:line: field problem, not a 500.

One server per database (SQLite, PostgreSQL) holding two schools from the test roster: sch1
(`a`) and a copy with every id prefixed `b-` (`b`), each with its own key.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from edugen.profiles.db import Database
from edugen.profiles.models import Base
from tests import rosters
from tests.conftest import _postgres_database
from tests.live_server import cli_at, edugen_serve, make_key

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 3
ID_COLUMNS = ("sourcedId", "parentSourcedId")


def b_tables(tables: rosters.Tables) -> None:
    """School B: the test roster with every id prefixed `b-` and other names."""
    for rows in tables.values():
        for row in rows:
            for column, value in list(row.items()):
                if column in ID_COLUMNS or column.endswith(("SourcedId", "SourcedIds")):
                    row[column] = ",".join(f"b-{v}" for v in value.split(",")) if value else ""
            if "givenName" in row:
                row["givenName"] = "Zed" + row["givenName"]
    tables["orgs.csv"][1]["name"] = "Shelbyville High"


@dataclass
class Server:
    url: str
    a_key: str
    b_key: str
    db_url: str

    def post(self, key: str, path: str, body: bytes, **params: Any) -> httpx.Response:
        with httpx.Client(base_url=self.url, timeout=120) as c:
            return c.post(
                path,
                content=body,
                params=params,
                headers={"Authorization": f"Bearer {key}", "Content-Type": "application/zip"},
            )

    def snapshot(self) -> str:
        db = Database(self.db_url)
        try:
            with db.begin() as session:
                return "\n".join(
                    repr(tuple(row))
                    for table in Base.metadata.sorted_tables
                    if table.name != "api_keys"
                    for row in session.execute(select(table).order_by(*table.primary_key))
                )
        finally:
            db.dispose()


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    home = tmp_path_factory.mktemp("uploads-home")
    databases: Generator[str, None, None] | None = None
    if request.param == "sqlite":
        db_url = f"sqlite:///{home / 'edugen.db'}"
    else:
        made = _postgres_database()
        db_url = next(made)
        databases = made  # type: ignore[assignment]
    try:
        with cli_at(home, db_url) as run:
            for name, edit in (("a", None), ("b", b_tables)):
                path = rosters.write_zip(home / f"{name}.zip", rosters.bundle(edit=edit))
                done = run("import", "oneroster", str(path))
                assert done.exit_code == 0, done.output
            a_key, b_key = make_key(run, "sch1"), make_key(run, "b-sch1")
        options = ("--max-upload", "8", "--upload-timeout", str(TIMEOUT_S))
        with edugen_serve(home, db_url, *options) as url:
            yield Server(url, a_key, b_key, db_url)
    finally:
        if databases is not None:
            databases.close()


def _zip(tmp_path: Path, edit: Callable[[rosters.Tables], None] | None = None) -> bytes:
    return rosters.write_zip(tmp_path / "up.zip", rosters.bundle(edit=edit)).read_bytes()


def _user(tables: rosters.Tables, sourced_id: str, role: str, given: str = "Eve") -> None:
    tables["users.csv"].append(
        {"sourcedId": sourced_id, "givenName": given, "familyName": "Mallory",
         "primaryOrgSourcedId": "sch1", "status": "active"}
    )  # fmt: skip
    tables["roles.csv"].append(
        {"sourcedId": f"r-{sourced_id}", "userSourcedId": sourced_id, "roleType": "primary",
         "role": role, "orgSourcedId": "sch1", "status": "active"}
    )  # fmt: skip


def _enroll(tables: rosters.Tables, id_: str, class_id: str, user: str, role: str) -> None:
    tables["enrollments.csv"].append(
        {"sourcedId": id_, "classSourcedId": class_id, "schoolSourcedId": "sch1",
         "userSourcedId": user, "role": role, "status": "active"}
    )  # fmt: skip


def _rename_b_school(t: rosters.Tables) -> None:
    t["orgs.csv"].append({"sourcedId": "b-sch1", "name": "Hacked", "type": "district"})


def _retitle_b_term(t: rosters.Tables) -> None:
    t["academicSessions.csv"].append(
        {"sourcedId": "b-t1", "title": "Hacked", "type": "term", "startDate": "2024-08-15",
         "endDate": "2024-12-20"}
    )  # fmt: skip


def _move_b_course(t: rosters.Tables) -> None:
    t["courses.csv"].append({"sourcedId": "b-c-math6", "title": "Math 6", "orgSourcedId": "sch1"})


ATTACKS: dict[str, Callable[[rosters.Tables], None]] = {
    "rename and retype B's school org": _rename_b_school,
    "move B's teacher to A": lambda t: _user(t, "b-u-t1", "teacher"),
    "take B's student as A's": lambda t: _user(t, "b-u-s1", "student"),
    "add A's teacher to B's class": lambda t: _enroll(t, "e-x", "b-cl-6a", "u-t1", "teacher"),
    "add A's student to B's class": lambda t: _enroll(t, "e-y", "b-cl-6a", "u-s2", "student"),
    "re-point B's enrollment id": lambda t: _enroll(t, "b-e-s1", "cl-6b", "u-s2", "student"),
    "re-point B's class-teacher id": lambda t: _enroll(t, "b-e-t1", "cl-6b", "u-t1", "teacher"),
    "move B's course": _move_b_course,
    "retitle B's term": _retitle_b_term,
    "point A's class at B's course": lambda t: t["classes.csv"][0].update(
        courseSourcedId="b-c-math6"
    ),
}


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_a_key_cannot_touch_another_schools_roster_rows(
    server: Server, tmp_path: Path, attack: str
) -> None:
    before = server.snapshot()
    for dry_run in (True, False):
        refused = server.post(
            server.a_key, "/v1/imports/oneroster", _zip(tmp_path, ATTACKS[attack]),
            dry_run=str(dry_run).lower(),
        )  # fmt: skip
        assert refused.status_code == 422, refused.text
        assert "Shelbyville" not in refused.text and "Zed" not in refused.text
        assert refused.json()["problems"], refused.text
        for problem in refused.json()["problems"]:
            assert problem["message"].startswith("unknown ") or problem["message"].endswith(
                "is not a row of this key's school; this key cannot write it"
            ), problem
    assert server.snapshot() == before
    # Each school's own bundle still goes through with its own key.
    assert server.post(server.a_key, "/v1/imports/oneroster", _zip(tmp_path)).status_code == 200
    own = server.post(server.b_key, "/v1/imports/oneroster", _zip(tmp_path, b_tables))
    assert own.status_code == 200, own.text


def test_another_schools_id_reads_exactly_like_an_unknown_one(
    server: Server, tmp_path: Path
) -> None:
    answers = []
    for class_id in ("b-cl-6a", "no-such-class"):

        def edit(t: rosters.Tables, c: str = class_id) -> None:
            _enroll(t, "e-z", c, "u-s2", "student")

        sent = server.post(
            server.a_key, "/v1/imports/oneroster", _zip(tmp_path, edit), dry_run="true"
        )
        assert sent.status_code == 422
        answers.append(sent.text.replace(class_id, "ID"))
    assert answers[0] == answers[1]
    assert "unknown class 'ID'" in answers[0]


def test_a_zip_member_lying_about_its_size_is_refused_in_bounded_memory(
    server: Server, tmp_path: Path
) -> None:
    measured = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "roster_upload.py"), "--bomb", "1500"],
        capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    result = json.loads(measured.stdout)
    assert result["exit"] == 1 and "users.csv" in result["output"], result
    assert result["peak_mb"] < 300, result
    # The same kind of zip over HTTP: a 4xx naming the member.
    sys.path.insert(0, str(ROOT / "bench"))
    from roster_upload import lying_zip

    bomb = lying_zip(tmp_path / "bomb.zip", 200).read_bytes()
    refused = server.post(server.a_key, "/v1/imports/oneroster", bomb)
    assert refused.status_code == 422 and "users.csv" in refused.text, refused.text


@pytest.mark.parametrize(
    ("column", "value"),
    [("givenName", "Al\x00ice"), ("familyName", "Sm\x85ith"), ("givenName", "Bo\x7fb"),
     ("preferredGivenName", "Al\nly")],
)  # fmt: skip
def test_control_characters_are_a_file_line_field_problem(
    server: Server, tmp_path: Path, column: str, value: str
) -> None:
    def edit(t: rosters.Tables) -> None:
        t["users.csv"][1][column] = value

    refused = server.post(server.a_key, "/v1/imports/oneroster", _zip(tmp_path, edit))
    assert refused.status_code == 422, refused.text
    problems = refused.json()["problems"]
    assert {(p["file"], p["line"], p["field"]) for p in problems} == {
        ("export/users.csv", 3, column)
    }, problems
    assert "Bob" not in refused.text  # no batch contents, no database traceback


def test_deeply_nested_xapi_is_a_4xx(server: Server) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    with httpx.Client(base_url=server.url, timeout=60) as c:
        sent = c.post(
            "/v1/imports/results",
            content=deep,
            headers={"Authorization": f"Bearer {server.a_key}", "Content-Type": "application/json"},
        )
    assert sent.status_code == 422, sent.text
    assert sent.json()["problems"][0]["file"] == "results.json"
    assert "nested more than" in sent.text


def test_a_trickled_upload_is_cut_off_with_408(server: Server) -> None:
    host, port = server.url.removeprefix("http://").split(":")
    started = time.monotonic()
    with socket.create_connection((host, int(port)), timeout=TIMEOUT_S + 10) as conn:
        conn.sendall(
            b"POST /v1/imports/oneroster HTTP/1.1\r\nHost: x\r\nContent-Type: application/zip\r\n"
            + f"Authorization: Bearer {server.a_key}\r\nContent-Length: 100000\r\n\r\n".encode()
        )
        answer = b""
        try:
            while time.monotonic() - started < TIMEOUT_S + 8:
                conn.sendall(b"x")
                conn.settimeout(0.5)
                try:
                    data = conn.recv(4096)
                except TimeoutError:
                    continue
                if not data:
                    break
                answer += data
                if b"\r\n\r\n" in answer:
                    break
        except (BrokenPipeError, ConnectionResetError):
            pass
    elapsed = time.monotonic() - started
    assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    assert TIMEOUT_S - 0.5 <= elapsed < TIMEOUT_S + 3, elapsed
