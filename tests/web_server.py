"""A real `edugen serve` on 127.0.0.1 for the web tests: the demo school (a plan and its
questions made for one student) and a second school, with a teacher account for each."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests import rosters
from tests.conftest import make_runner

WEEK = "2026-W49"
DEMO_CLASS, OTHER_DEMO_CLASS = "demo-6a", "demo-6b"
DEMO_STUDENT = "demo-s004"  # in demo-6a
PASSWORD = "a long enough password"
DEMO_TEACHER = "ada@maple.example"  # every class of the demo school
CLASS_TEACHER = "ben@maple.example"  # demo-6a only
OTHER_TEACHER = "cy@other.example"  # school sch1
EDUGEN = Path(sys.executable).parent / "edugen"
CSRF = re.compile(r'name="csrf" value="([0-9a-f]{64})"')


@dataclass
class WebServer:
    url: str
    home: Path
    db_url: str

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=60, follow_redirects=False)

    @contextmanager
    def signed_in(self, email: str, password: str = PASSWORD) -> Iterator[httpx.Client]:
        with self.client() as client:
            answer = sign_in(client, email, password)
            assert answer.status_code == 303, answer.text
            yield client


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found is not None, html
    return found.group(1)


def sign_in(client: httpx.Client, email: str, password: str) -> httpx.Response:
    token = csrf_of(client.get("/login").text)
    return client.post("/login", data={"email": email, "password": password, "csrf": token})


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _prepare(home: Path, db_url: str) -> None:
    run = make_runner(db_url)
    assert run("demo", "--week", WEEK).exit_code == 0
    roster = rosters.write_zip(home / "sch1.zip", rosters.bundle())
    assert run("import", "oneroster", str(roster)).exit_code == 0
    made = run(
        "generate", "plan", "--student", DEMO_STUDENT, "--week", WEEK,
        "--backend", "fake", "--no-log", "--json",
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    for email, options in (
        (DEMO_TEACHER, ["--school", "demo-school"]),
        (CLASS_TEACHER, ["--school", "demo-school", "--class", DEMO_CLASS]),
        (OTHER_TEACHER, ["--school", "sch1"]),
    ):
        added = run("teacher", "add", email, *options, "--password-stdin", input=PASSWORD)
        assert added.exit_code == 0, added.output


@contextmanager
def serve(home: Path, db_url: str) -> Iterator[WebServer]:
    """Prepare the data (EDUGEN_HOME=home, the fake backend) and serve it until the end."""
    (home / "edugen.toml").write_text('[generate]\nbackend = "fake"\n', encoding="utf-8")
    saved = {k: os.environ.get(k) for k in ("EDUGEN_HOME", "EDUGEN_DATABASE_URL")}
    os.environ["EDUGEN_HOME"] = str(home)
    os.environ.pop("EDUGEN_DATABASE_URL", None)
    try:
        _prepare(home, db_url)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    port = _free_port()
    env = {**os.environ, "EDUGEN_HOME": str(home)}
    env.pop("EDUGEN_DATABASE_URL", None)
    log = (home / "server.log").open("wb")
    proc = subprocess.Popen(
        [str(EDUGEN), "--db", db_url, "serve", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/login", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError((home / "server.log").read_text(errors="replace"))
            time.sleep(0.2)
        yield WebServer(url, home, db_url)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
