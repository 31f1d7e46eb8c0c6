"""edugen db upgrade|downgrade|current|check."""

from __future__ import annotations

import click

from edugen.cli.options import AppContext, pass_app
from edugen.profiles import db as profiles_db


@click.group("db")
def command() -> None:
    """Manage the database schema (Alembic migrations).

    \b
    Example:
      edugen db current
    """


@command.command()
@click.argument("revision", default="head")
@pass_app
def upgrade(app: AppContext, revision: str) -> None:
    """Upgrade the schema to REVISION (default: head).

    \b
    Example:
      edugen db upgrade
    """
    engine = profiles_db.make_engine(app.db_url)
    profiles_db.upgrade(engine, revision)
    click.echo(f"database at {profiles_db.current_revision(engine)}")


@command.command()
@click.argument("revision")
@pass_app
def downgrade(app: AppContext, revision: str) -> None:
    """Downgrade the schema to REVISION ("base" removes every table).

    \b
    Example:
      edugen db downgrade base
    """
    engine = profiles_db.make_engine(app.db_url)
    profiles_db.downgrade(engine, revision)
    click.echo(f"database at {profiles_db.current_revision(engine) or 'base'}")


@command.command()
@pass_app
def current(app: AppContext) -> None:
    """Print the schema revision the database is at, and the newest one.

    \b
    Example:
      edugen db current
    """
    engine = profiles_db.make_engine(app.db_url)
    click.echo(f"current: {profiles_db.current_revision_safe(engine) or 'base (empty)'}")
    click.echo(f"head:    {profiles_db.head_revision()}")


@command.command()
@pass_app
def check(app: AppContext) -> None:
    """Check that the models match the migrations (no drift); exit 1 if not.

    \b
    Example:
      edugen db check
    """
    engine = profiles_db.make_engine(app.db_url)
    if profiles_db.current_revision_safe(engine) != profiles_db.head_revision():
        profiles_db.upgrade(engine)
    profiles_db.check(engine)
    click.echo("no drift: the models match the migrations")
