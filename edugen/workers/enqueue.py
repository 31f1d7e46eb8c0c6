"""Queue a week for the workers: the one path `edugen weekly --queue` and the API share.

Steps: the database must be PostgreSQL, the broker must answer, the backend's name and
options must make a backend (checked here, made again by each worker), then the run is
recorded and its first batches sent (workflows.queued.enqueue_week).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from edugen import config
from edugen.profiles.db import Database
from edugen.workflows.backend import make_backend
from edugen.workflows.queued import LOCK_TIMEOUT, Enqueued, enqueue_week, require_postgres


def broker_configured() -> bool:
    """Whether a broker is set (EDUGEN_BROKER_URL or [workers] broker_url)."""
    return bool(config.workers_settings().broker_url)


def queue_week(
    db: Database,
    *,
    week: str,
    school_id: str | None = None,
    class_id: str | None = None,
    backend_name: str | None = None,
    backend_options: dict[str, Any] | None = None,
    export_to: Path | None = None,
    include_drafts: bool = False,
    lock_timeout: timedelta = LOCK_TIMEOUT,
    log: bool = True,
) -> Enqueued:
    """Record the week's run and send its first tasks; the workers do the rest."""
    from edugen.workers import tasks
    from edugen.workers.app import check_broker, configured

    settings = config.workers_settings()
    require_postgres(db)
    check_broker(configured(settings))
    backend = make_backend(config.generate_settings(), backend_name, backend_options or {})
    backend.close()
    return enqueue_week(
        db=db,
        week=week,
        send=tasks.send,
        backend_name=backend.name,
        backend_options=backend.options.model_dump(mode="json", exclude_unset=True),
        settings=settings,
        school_id=school_id,
        class_id=class_id,
        export_to=export_to,
        include_drafts=include_drafts,
        lock_timeout=lock_timeout,
        log=log,
    )
