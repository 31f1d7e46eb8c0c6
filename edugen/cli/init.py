"""edugen init."""

from __future__ import annotations

import click

from edugen.cli.options import AppContext, pass_app
from edugen.config import data_dir
from edugen.profiles.db import current_revision


@click.command("init")
@pass_app
def command(app: AppContext) -> None:
    """Create the data directory and the database, migrated to the newest schema.

    \b
    Example:
      EDUGEN_HOME=~/edugen-data edugen init
    """
    home = data_dir()
    revision = current_revision(app.db.engine)
    click.echo(f"data dir: {home}")
    click.echo(f"database: {app.db.engine.url.render_as_string(hide_password=True)}")
    click.echo(f"schema:   {revision} (head)")
