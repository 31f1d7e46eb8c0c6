"""The schema: empty → head → base → head on SQLite and PostgreSQL, no drift, FKs enforced."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from edugen.profiles import db as profiles_db
from edugen.profiles.models import Base


def _tables(engine) -> set[str]:
    return set(inspect(engine).get_table_names()) - {"alembic_version"}


def test_upgrade_downgrade_upgrade(any_db_url: str) -> None:
    engine = profiles_db.make_engine(any_db_url)
    try:
        assert _tables(engine) == set()
        profiles_db.upgrade(engine)
        assert profiles_db.current_revision(engine) == profiles_db.head_revision()
        assert _tables(engine) == set(Base.metadata.tables)
        profiles_db.downgrade(engine, "base")
        assert _tables(engine) == set()
        assert profiles_db.current_revision(engine) is None
        profiles_db.upgrade(engine)
        assert _tables(engine) == set(Base.metadata.tables)
        profiles_db.check(engine)  # raises on drift between models and migrations
    finally:
        engine.dispose()


def test_an_items_worked_steps_move_from_explanation_to_solution(any_db_url: str) -> None:
    """Revision 0010 renames items.explanation to solution, keeping every item's steps."""
    engine = profiles_db.make_engine(any_db_url)
    try:
        profiles_db.upgrade(engine, "0009")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO topics (code, subject, grade, title) "
                    "VALUES ('6.RP.A.1', 'math', '6', 'Ratios')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO items (id, topic_code, kind, tier, stem, answer, explanation,"
                    " source, verified, status, provenance, created_at) VALUES ('bank:q1',"
                    " '6.RP.A.1', 'numeric', 2, 'Half of 8?', '4', 'Half of 8 is 4.', 'bank',"
                    " true, 'draft', '{}', '2026-12-01 00:00:00')"
                )
            )
        profiles_db.upgrade(engine)
        columns = {c["name"] for c in inspect(engine).get_columns("items")}
        assert "solution" in columns and "explanation" not in columns
        with engine.connect() as connection:
            steps = connection.execute(text("SELECT solution FROM items")).scalar_one()
        assert steps == "Half of 8 is 4."
        profiles_db.downgrade(engine, "0009")
        with engine.connect() as connection:
            old = connection.execute(text("SELECT explanation FROM items")).scalar_one()
        assert old == "Half of 8 is 4."
    finally:
        engine.dispose()


def test_cli_db_commands(any_run) -> None:
    result = any_run("db", "current")
    assert result.exit_code == 0, result.output
    assert "current: base (empty)" in result.stdout
    assert any_run("db", "upgrade").exit_code == 0
    assert f"current: {profiles_db.head_revision()}" in any_run("db", "current").stdout
    result = any_run("db", "check")
    assert result.exit_code == 0 and "no drift" in result.stdout
    assert "database at base" in any_run("db", "downgrade", "base").stdout


def test_every_command_opens_the_database_migrated(run, db_url: str) -> None:
    assert run("students", "list", "--json").exit_code == 0
    engine = profiles_db.make_engine(db_url)
    try:
        assert profiles_db.current_revision(engine) == profiles_db.head_revision()
    finally:
        engine.dispose()


def test_sqlite_enforces_foreign_keys(db_url: str) -> None:
    database = profiles_db.Database(db_url)
    try:
        with pytest.raises(IntegrityError):
            with database.begin() as session:
                session.execute(
                    text(
                        "INSERT INTO enrollments (id, class_id, student_id, active) "
                        "VALUES ('e1', 'no-such-class', 'no-such-student', 1)"
                    )
                )
    finally:
        database.dispose()


def test_init_reports_data_dir_and_schema(run, home) -> None:
    result = run("init")
    assert result.exit_code == 0, result.output
    assert str(home) in result.stdout
    assert profiles_db.head_revision() in result.stdout


def test_unreachable_database_is_a_clean_error(run) -> None:
    from click.testing import CliRunner

    from edugen.cli import cli

    result = CliRunner().invoke(
        cli, ["--db", "postgresql+psycopg://nobody@127.0.0.1:1/none", "students", "list"]
    )
    assert result.exit_code == 1
    assert "cannot open the database" in result.output
    assert "Traceback" not in result.output
