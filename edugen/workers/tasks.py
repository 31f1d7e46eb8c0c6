"""Celery tasks: thin wrappers over workflows.queued, with retries and backoff kept here.

Each worker process opens its own database (the worker's --db or EDUGEN_DATABASE_URL,
never a URL from a message) and keeps one backend per run's backend settings. A task that
fails is tried again after `backoff` (the first wait doubled each time), up to
[workers] model_retries; then its students and class are marked failed with the reason.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Sequence
from typing import Any

from celery import Task
from sqlalchemy import func, select

from edugen import config
from edugen.backends import base as backends
from edugen.profiles import prompt_log
from edugen.profiles.db import Database
from edugen.prompts.runner import LogCallback, LogEntry
from edugen.workers.app import app
from edugen.workflows import queued

log = logging.getLogger(__name__)
BUSY_WAIT_S = 5.0
# A session advisory lock key of its own ("edugen" in ASCII), apart from queued's (run, key).
MIGRATION_LOCK = 0x656475676E

_database_url: str | None = None
_open: dict[int, Database] = {}
_backends: dict[str, backends.Backend] = {}


def use_database(url: str | None) -> Database:
    """Open the database every task of this worker uses (PostgreSQL only), migrated."""
    global _database_url
    _database_url = url
    plain = Database(url, migrate=False)
    try:
        queued.require_postgres(plain)
        # Workers started together on a database behind the code would race to migrate it.
        with plain.engine.connect() as conn:
            conn.execute(select(func.pg_advisory_lock(MIGRATION_LOCK)))
            try:
                return _db()
            finally:
                conn.execute(select(func.pg_advisory_unlock(MIGRATION_LOCK)))
    finally:
        plain.dispose()


def _db() -> Database:
    # One engine per process: a pool's connections must not cross a fork.
    pid = os.getpid()
    if pid not in _open:
        _open[pid] = Database(_database_url)
    return _open[pid]


def _backend(db: Database, run_id: int) -> tuple[backends.Backend, LogCallback | None]:
    from edugen.profiles.models import GenerationRun

    with db.begin() as session:
        run = session.get(GenerationRun, run_id)
        params = dict(run.params) if run is not None else {}
    name = params.get("backend") or config.generate_settings().backend
    options = params.get("backend_options") or {}
    key = json.dumps([name, options], sort_keys=True)
    if key not in _backends:
        _backends[key] = backends.create(name, options)
    return _backends[key], (_prompt_log(db, run_id) if params.get("log", True) else None)


def _prompt_log(db: Database, run_id: int) -> LogCallback:
    def record(entries: Sequence[LogEntry]) -> None:
        with db.begin() as session:
            prompt_log.record(session=session, entries=entries, run_id=run_id)

    return record


def send(kind: str, run_id: int, key: int | str) -> None:
    """Queue one batch or class-finish task (the `Send` of workflows.queued)."""
    task = batch if kind == "batch" else finish_class
    task.apply_async(args=(run_id, key))


def _retry(task: Task, exc: Exception, give_up: Any) -> None:
    settings = config.workers_settings()
    tries = task.request.retries
    if tries >= settings.model_retries:
        give_up(f"{type(exc).__name__}: {exc} (gave up after {tries + 1} tries)")
        return
    wait = queued.backoff(tries, settings)
    log.warning("%s %s: %s; try %d in %.1f s", task.name, task.request.args, exc, tries + 2, wait)
    raise task.retry(exc=exc, countdown=wait, max_retries=None)


@app.task(bind=True, name="edugen.weekly.batch", acks_late=True, reject_on_worker_lost=True)
def batch(self: Task, run_id: int, index: int) -> None:
    """Generate one batch of a queued run's students."""
    db = _db()
    worker = self.request.hostname or "worker"
    try:
        backend, prompts = _backend(db, run_id)
        queued.run_batch(
            db=db,
            run_id=run_id,
            index=index,
            send=send,
            backend=backend,
            log=prompts,
            worker=worker,
            say=log.warning,
        )
    except queued.Busy:
        # Its holder is alive; if it dies, this message brings the batch back.
        raise self.retry(countdown=BUSY_WAIT_S, max_retries=None) from None
    except Exception as exc:  # noqa: BLE001 - retried with backoff, then recorded
        _retry(
            self,
            exc,
            lambda why: queued.fail_batch(
                db=db, run_id=run_id, index=index, reason=why, send=send, worker=worker
            ),
        )


@app.task(bind=True, name="edugen.weekly.finish_class", acks_late=True, reject_on_worker_lost=True)
def finish_class(self: Task, run_id: int, class_id: str) -> None:
    """A queued run's class: class week, approval, export; the last one finishes the run."""
    db = _db()
    worker = self.request.hostname or "worker"
    try:
        backend, prompts = _backend(db, run_id)
        queued.finish_class(
            db=db,
            run_id=run_id,
            class_id=class_id,
            send=send,
            backend=backend,
            log=prompts,
            worker=worker,
        )
    except queued.Busy:
        raise self.retry(countdown=BUSY_WAIT_S, max_retries=None) from None
    except Exception as exc:  # noqa: BLE001 - retried with backoff, then recorded
        _retry(
            self,
            exc,
            lambda why: queued.fail_class(
                db=db, run_id=run_id, class_id=class_id, reason=why, worker=worker
            ),
        )
