"""edugen worker: a Celery worker for queued weekly runs; `weekly --queue` sends them work."""

from __future__ import annotations

import os
import socket
from datetime import timedelta
from pathlib import Path
from typing import Any

import click

from edugen import config
from edugen.cli.options import AppContext, echo_json, pass_app


@click.command("worker")
@click.option(
    "--concurrency",
    type=click.IntRange(1, 256),
    default=1,
    show_default=True,
    help="Tasks this worker runs at once (processes). The openai backend's own "
    "`concurrency` option caps each one's requests to the model server.",
)
@click.option(
    "--name", metavar="NAME", help="Node name shown by Celery monitors (default: edugen-PID@HOST)."
)
@click.option(
    "--loglevel",
    type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"]),
    default="INFO",
    show_default=True,
)
@pass_app
def command(app: AppContext, concurrency: int, name: str | None, loglevel: str) -> None:
    """Run a Celery worker that takes queued weekly runs' tasks until stopped.

    The broker comes from EDUGEN_BROKER_URL or [workers] broker_url in edugen.toml; the
    database must be PostgreSQL, the same one every worker and `weekly --queue` use. Start
    as many workers, on as many machines, as the week needs; stop one with Ctrl-C (its
    task finishes) or lose it (its task goes back to the queue for another).

    \b
    Example:
      EDUGEN_BROKER_URL=amqp://guest:guest@mq// \\
        edugen --db postgresql+psycopg://edugen@db/edugen worker --concurrency 2
      edugen --db postgresql+psycopg://edugen@db/edugen weekly --school s1 --queue
    """
    from edugen.workers import tasks
    from edugen.workers.app import check_broker, configured

    settings = config.workers_settings()
    celery = configured(settings)
    tasks.use_database(app.db_url)
    check_broker(celery)
    worker = celery.Worker(
        hostname=name or f"edugen-{os.getpid()}@{socket.gethostname()}",
        concurrency=concurrency,
        loglevel=loglevel,
        queues=[settings.queue],
    )
    worker.start()
    if worker.exitcode:
        raise click.exceptions.Exit(worker.exitcode)


def enqueue(
    app: AppContext,
    *,
    school_id: str | None,
    class_id: str | None,
    week: str,
    backend_name: str | None,
    options: dict[str, Any],
    export_to: Path | None,
    include_drafts: bool,
    lock_timeout: int,
    no_log: bool,
    as_json: bool,
) -> None:
    """`edugen weekly --queue`: record the run and queue its first tasks for the workers."""
    from edugen.workers.enqueue import queue_week

    queued = queue_week(
        app.db,
        week=week,
        school_id=school_id,
        class_id=class_id,
        backend_name=backend_name,
        backend_options=options,
        export_to=export_to.resolve() if export_to else None,
        include_drafts=include_drafts,
        lock_timeout=timedelta(seconds=lock_timeout),
        log=not no_log,
    )
    if as_json:
        echo_json(queued.__dict__)
    click.echo(
        f"week {queued.week}, school {queued.school_id} (run {queued.run_id}): queued "
        f"{queued.students - queued.skipped} students in {queued.batches} batches over "
        f"{len(queued.classes)} classes, {queued.skipped} already done; follow it with "
        f"`edugen runs show {queued.run_id}`",
        err=True,
    )
