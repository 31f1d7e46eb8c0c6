"""The edugen command line: thin commands over edugen.workflows."""

from __future__ import annotations

from typing import Any

import click

from edugen import __version__
from edugen.cli.options import AppContext
from edugen.errors import EdugenError, UsageError


class EdugenGroup(click.Group):
    """Turns EdugenError into a clean message and exit code, once, at the edge."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            raise click.UsageError(str(exc), ctx) from exc
        except EdugenError as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=EdugenGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="edugen")
@click.option(
    "--db",
    "db_url",
    envvar="EDUGEN_DATABASE_URL",
    metavar="URL",
    help="Database URL (default: SQLite in the data dir; env EDUGEN_DATABASE_URL).",
)
@click.pass_context
def cli(ctx: click.Context, db_url: str | None) -> None:
    """Personalized weekly practice from a school's rosters, answers and interests.

    \b
    Example:
      edugen demo            load a demo school and show each student's next topics
      edugen import oneroster roster.zip
      edugen students list --json
    """
    app = ctx.ensure_object(AppContext)
    app.db_url = db_url
    ctx.call_on_close(app.close)


def _register() -> None:
    from edugen.cli import (
        apikey,
        classes,
        controls,
        db,
        demo,
        eval,
        export,
        families,
        generate,
        imports,
        init,
        items,
        logs,
        model,
        plans,
        review,
        runs,
        serve,
        students,
        teacher,
        templates,
        topics,
        weekly,
        worker,
    )

    for module in (
        init,
        db,
        imports,
        students,
        classes,
        topics,
        controls,
        families,
        items,
        generate,
        review,
        export,
        demo,
        templates,
        logs,
        eval,
        model,
        serve,
        apikey,
        weekly,
        runs,
        plans,
        teacher,
        worker,
    ):
        cli.add_command(module.command)
    cli.add_command(topics.plan_alias)


_register()


def main() -> None:
    cli(prog_name="edugen")
