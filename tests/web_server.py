"""A real `edugen serve` on 127.0.0.1 for the web tests: the demo school (a plan and its
questions made for one student) and a second school, with a teacher account for each."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.live_server import DEMO_STUDENT as DEMO_STUDENT
from tests.live_server import WEEK as WEEK
from tests.live_server import cli_at, edugen_serve, load_demo_and_sch1

DEMO_CLASS, OTHER_DEMO_CLASS = "demo-6a", "demo-6b"
PASSWORD = "a long enough password"
DEMO_TEACHER = "ada@maple.example"  # every class of the demo school
CLASS_TEACHER = "ben@maple.example"  # demo-6a only
OTHER_TEACHER = "cy@other.example"  # school sch1
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


def _prepare(home: Path, db_url: str) -> None:
    with cli_at(home, db_url) as run:
        load_demo_and_sch1(run, home)
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
    _prepare(home, db_url)
    with edugen_serve(home, db_url) as url:
        yield WebServer(url, home, db_url)
