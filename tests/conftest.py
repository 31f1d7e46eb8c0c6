"""Test isolation: every test gets its own EDUGEN_HOME and a fresh database."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner, Result
from lxml import etree

from edugen.cli import cli

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from edugen.profiles.models import Item

ROOT = Path(__file__).resolve().parent.parent
# The XSDs the export tests validate against travel with the repository (see its NOTICE.md).
SCHEMAS = ROOT / "tests" / "schemas"
POSTGRES_ENV = "EDUGEN_TEST_POSTGRES_URL"

Run = Callable[..., Result]


def xml_schema(relative: str) -> etree.XMLSchema:
    """An XSD under tests/schemas, parsed from its file so its relative imports resolve offline."""
    return etree.XMLSchema(etree.parse(str(SCHEMAS / relative)))


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    monkeypatch.setenv("EDUGEN_HOME", str(path))
    monkeypatch.delenv("EDUGEN_DATABASE_URL", raising=False)
    monkeypatch.delenv("EDUGEN_MODEL", raising=False)
    return path


@pytest.fixture
def db_url(home: Path) -> str:
    """A fresh SQLite database (created and migrated on first use)."""
    return f"sqlite:///{home / 'edugen.db'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database on the server named by EDUGEN_TEST_POSTGRES_URL."""
    yield from _postgres_database()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_db_url(request: pytest.FixtureRequest, home: Path) -> Iterator[str]:
    """The database suite runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{home / 'edugen.db'}"
    else:
        yield from _postgres_database()


def _postgres_database() -> Iterator[str]:
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        if os.environ.get("CI"):
            pytest.fail(f"{POSTGRES_ENV} is not set; .ci/run sets it")
        pytest.skip(f"{POSTGRES_ENV} not set")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"edugen_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def make_runner(url: str) -> Run:
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Result:
        return runner.invoke(
            cli, ["--db", url, *[str(a) for a in args]], input=input, catch_exceptions=False
        )

    return run


@pytest.fixture
def run(db_url: str) -> Run:
    """Invoke the CLI against the test's SQLite database: run("students", "list", "--json")."""
    return make_runner(db_url)


@pytest.fixture
def any_run(any_db_url: str) -> Run:
    """Invoke the CLI against SQLite and, in a second run of the test, PostgreSQL."""
    return make_runner(any_db_url)


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    """Write a test input file (text as UTF-8, or raw bytes) and return its path."""
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def count_rows(url: str, model: type) -> int:
    """How many rows of a model's table the database at `url` holds."""
    from sqlalchemy import func, select

    from edugen.profiles.db import Database

    db = Database(url)
    try:
        with db.begin() as session:
            return session.scalar(select(func.count()).select_from(model)) or 0
    finally:
        db.dispose()


def assert_input_rejected(result: Result, *messages: str) -> str:
    """An import refused its input: non-zero exit, each message shown, nothing written."""
    assert result.exit_code != 0, result.output
    for message in messages:
        assert message in result.output, result.output
    assert "Nothing was written." in result.output
    return result.output


DEMO_WEEK = "2026-W49"


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo school for week DEMO_WEEK, loaded once per test module."""
    home = tmp_path_factory.mktemp("demo-home")
    path = home / "edugen.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("EDUGEN_HOME", str(home))
        result = make_runner(f"sqlite:///{path}")("demo", "--week", DEMO_WEEK)
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def demo_url(home: Path, demo_template: Path) -> str:
    """A copy of the demo school's database, the test's own."""
    target = home / "edugen.db"
    shutil.copy(demo_template, target)
    return f"sqlite:///{target}"


@pytest.fixture
def demo(demo_url: str) -> Run:
    """Invoke the CLI against the test's copy of the demo school."""
    return make_runner(demo_url)


def add_students(session: Session, count: int) -> None:
    """School `sch` with students s1..s<count> (pseudonym P<n>, family name Family<n>)."""
    from edugen.profiles.models import Org, Student

    session.add(Org(id="sch", name="School", type="school"))
    session.flush()
    for n in range(1, count + 1):
        session.add(
            Student(
                id=f"s{n}",
                school_id="sch",
                pseudonym=f"P{n}",
                given_name="Given",
                family_name=f"Family{n}",
            )
        )


def ratio_item(item_id: str) -> Item:
    """A numeric bank item of topic T1: 3:6 = 1:?, answer 2."""
    from edugen.profiles.models import Item, ItemKind, ItemSource

    return Item(
        id=item_id,
        topic_code="T1",
        kind=ItemKind.numeric,
        stem="3:6 = 1:?",
        answer="2",
        source=ItemSource.bank,
        created_at=datetime.now(UTC),
    )


def results_school(run: Run, url: str, tmp_path: Path, curriculum: str, *items: Item) -> str:
    """The school results are imported into: topics from `curriculum` (through the CLI),
    students s1 and s2, bank item q1 of T1 (3:6 = 1:?, answer 2) and `items`; returns `url`."""
    from edugen.profiles.db import Database

    assert run("import", "curriculum", write(tmp_path, "topics.csv", curriculum)).exit_code == 0
    db = Database(url)
    try:
        with db.begin() as session:
            add_students(session, 2)
            session.add(ratio_item("q1"))
            session.add_all(items)
    finally:
        db.dispose()
    return url
