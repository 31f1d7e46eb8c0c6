"""edugen weekly: the scheduled run: every active student's week, resumable and idempotent."""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

import click

from edugen import config, weeks
from edugen.cli.logs import log_option, prompt_logger
from edugen.cli.options import (
    AppContext,
    adapter_option,
    backend_option_values,
    backend_options,
    echo_json,
    json_option,
    pass_app,
)
from edugen.cli.progress import Progress
from edugen.workflows.backend import make_backend
from edugen.workflows.weekly import LOCK_TIMEOUT, WEEKLY_BATCH, WeeklyResult, weekly_run


@click.command("weekly")
@click.option("--school", "school_id", metavar="ID", help="Every active student of a school.")
@click.option("--class", "class_id", metavar="ID", help="Every active student of one class.")
@click.option("--week", metavar="YYYY-Www", help="ISO week (default: this week).")
@click.option(
    "--shard",
    metavar="K/N",
    help="Run only shard K of N (students split by a stable hash), so N machines sharing "
    "one PostgreSQL database can run the week together.",
)
@click.option(
    "--results",
    "results",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A results file (CSV or xAPI) to take in first; updates mastery (repeatable).",
)
@click.option(
    "--export-to",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for each complete class's documents and LMS package (OUT/WEEK/CLASS/).",
)
@click.option(
    "--include-drafts", is_flag=True, help="Export drafts too (marked DRAFT); else approved only."
)
@click.option(
    "--batch-size",
    type=click.IntRange(1, 200),
    default=WEEKLY_BATCH,
    show_default=True,
    help="Students generated together; each batch is saved as it completes.",
)
@click.option(
    "--lock-timeout",
    type=click.IntRange(10),
    default=int(LOCK_TIMEOUT.total_seconds()),
    show_default=True,
    metavar="SECONDS",
    help="Take over a lock whose run has sent no heartbeat for this long.",
)
@click.option(
    "--dry-run", is_flag=True, help="Say who would be done and who skipped; write nothing."
)
@click.option(
    "--queue",
    is_flag=True,
    help="Queue the week for `edugen worker`s (Celery; PostgreSQL) instead of running it here.",
)
@backend_options
@adapter_option
@log_option
@json_option
@pass_app
def command(
    app: AppContext,
    school_id: str | None,
    class_id: str | None,
    week: str | None,
    shard: str | None,
    results: tuple[Path, ...],
    export_to: Path | None,
    include_drafts: bool,
    batch_size: int,
    lock_timeout: int,
    dry_run: bool,
    queue: bool,
    backend_name: str | None,
    options: tuple[str, ...],
    adapter: str | None,
    no_log: bool,
    as_json: bool,
) -> None:
    """Make the week for every active student: plan, generate, check and store.

    Students whose plan for the week is already stored are skipped, so running it again
    changes nothing and a run that was killed is finished by the next one. One run at a
    time per school (a database lock; a dead run's lock is taken over). Exit status: 0 all
    done, 1 some students failed (listed; the rest are done), 2 usage.

    \b
    Example:
      edugen weekly --class demo-6a --week 2026-W49
      edugen weekly --school demo-school --shard 1/2 --export-to /srv/edugen/out
      edugen weekly --school demo-school --results results.csv --dry-run
    """
    week = week or weeks.current_week()
    if queue:
        from edugen.cli.worker import enqueue

        enqueue(
            app,
            school_id=school_id,
            class_id=class_id,
            week=week,
            backend_name=backend_name,
            options=backend_option_values(options, adapter),
            export_to=export_to,
            include_drafts=include_drafts,
            lock_timeout=lock_timeout,
            no_log=no_log,
            as_json=as_json,
        )
        return
    settings = config.generate_settings()
    backend = make_backend(settings, backend_name, backend_option_values(options, adapter))
    progress = Progress()
    try:
        result = weekly_run(
            db=app.db,
            week=week,
            backend=backend,
            log=prompt_logger(app, no_log),
            school_id=school_id,
            class_id=class_id,
            shard=shard or "",
            settings=settings,
            batch_size=batch_size,
            results=list(results),
            export_to=export_to,
            include_drafts=include_drafts,
            dry_run=dry_run,
            lock_timeout=timedelta(seconds=lock_timeout),
            progress=progress,
            notify=lambda message: click.echo(message, err=True),
        )
    finally:
        progress.close()
        backend.close()
    _report(result, as_json)
    if result.failed:
        sys.exit(1)


def _report(result: WeeklyResult, as_json: bool) -> None:
    if as_json:
        echo_json(
            {
                "run_id": result.run_id,
                "week": result.week,
                "school_id": result.school_id,
                "shard": result.shard or None,
                "dry_run": result.dry_run,
                "status": result.status,
                "students": len(result.students),
                "done": result.done,
                "skipped": result.skipped,
                "failed": result.failed,
                "class_weeks": result.class_weeks,
                "approved": result.approved,
                "exported": [str(p) for p in result.exported],
                "notes": result.notes,
            }
        )
    where = f"school {result.school_id}" + (f", shard {result.shard}" if result.shard else "")
    if result.dry_run:
        todo = len(result.students) - len(result.skipped)
        click.echo(
            f"dry run, week {result.week}, {where}: {todo} students to do, "
            f"{len(result.skipped)} already done; nothing written",
            err=True,
        )
        return
    click.echo(
        f"week {result.week}, {where} (run {result.run_id}): {len(result.done)} done, "
        f"{len(result.skipped)} already done, {len(result.failed)} failed"
        + (f"; class weeks: {', '.join(result.class_weeks)}" if result.class_weeks else "")
        + (
            f"; auto-approved {result.approved['items']} items, {result.approved['plans']} plans"
            if result.approved
            else ""
        ),
        err=True,
    )
    for note in result.notes:
        click.echo(f"  {note}", err=True)
    if result.exported:
        click.echo(f"  exported {len(result.exported)} files", err=True)
    for who, why in result.failed.items():
        click.echo(f"  FAILED {who}: {why}", err=True)
    if result.failed:
        click.echo("  run it again to retry the failed students; the rest are kept", err=True)
