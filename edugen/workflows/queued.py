"""A weekly run as queued tasks for many workers: every step idempotent, the run row the ledger.

Steps: `enqueue_week` (PostgreSQL only; skip students already done; split each class into
batches, a student in one batch only; record the plan in the run; take the school's lock
for the queue; send the first `max_in_flight` batches) → `run_batch` per batch (an
advisory lock on (run, batch) keeps a duplicate delivery out; probe a model server; generate
through `weekly.generate_batch`; then, under the run row's lock, record done/failed and
timings, release the next waiting batch and send the finish of each class whose batches
are all done) → `finish_class` per class (class week, approval, export) → the last class
finishes the run and drops the lock. A task delivered twice, or redelivered after its
worker died, finds its work done or half done and completes it: it re-sends what it had
released, so nothing waits forever, and a student's stored plan is never made twice.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from edugen import config
from edugen.backends import base as backends
from edugen.errors import EdugenError, UsageError
from edugen.profiles import generated
from edugen.profiles import runs as run_store
from edugen.profiles.db import Database
from edugen.profiles.models import GenerationRun, RunStatus
from edugen.prompts.runner import LogCallback
from edugen.workflows.generate import generate_week
from edugen.workflows.lock import LOCK_TIMEOUT, RunLock
from edugen.workflows.weekly import auto_approve, export_class, generate_batch, save_class_week

# Only a model server can be down while the worker is up; an in-process backend's failure
# fails its batch like any other error (and the fake one's answers must not shift).
REMOTE_BACKENDS = frozenset({"openai"})
# Send(kind, run_id, key): queue one "batch" (key: its index) or "class" (key: class id).
Send = Callable[[str, int, int | str], None]


class Busy(EdugenError):
    """Another live task holds this batch or class; try again later."""


class ModelUnavailable(EdugenError):
    """The model server did not answer the probe; retried with backoff, then failed."""


@dataclass
class Enqueued:
    """What `enqueue_week` put on the queue."""

    run_id: int
    week: str
    school_id: str
    students: int
    skipped: int
    batches: int
    classes: list[str]
    sent: int


def require_postgres(db: Database) -> None:
    """Workers on several machines share one database: a SQLite file cannot be it."""
    if db.engine.dialect.name != "postgresql":
        raise UsageError(
            "queued runs and workers need PostgreSQL, shared by every worker: give "
            "--db postgresql+psycopg://USER@HOST/DB (or EDUGEN_DATABASE_URL); "
            f"this database is {db.engine.dialect.name}, a file on one machine"
        )


def enqueue_week(
    *,
    db: Database,
    week: str,
    send: Send,
    backend_name: str,
    backend_options: dict[str, Any],
    settings: config.WorkersSettings,
    school_id: str | None = None,
    class_id: str | None = None,
    export_to: Path | None = None,
    include_drafts: bool = False,
    lock_timeout: timedelta = LOCK_TIMEOUT,
    log: bool = True,
) -> Enqueued:
    """Record the run, take the school's lock for the queue, send the first batches."""
    require_postgres(db)
    if bool(school_id) == bool(class_id):
        raise UsageError("give --school ID or --class ID (one of them)")
    with db.begin() as session:
        if class_id is not None:
            school_id = run_store.class_school(session=session, class_id=class_id)
            classes = [class_id]
        else:
            assert school_id is not None
            run_store.require_school(session=session, school_id=school_id)
            classes = run_store.active_classes(session=session, school_id=school_id)
        members = {c: run_store.active_students(session=session, class_id=c) for c in classes}
        everyone = sorted({s for ids in members.values() for s in ids})
        planned = run_store.planned_students(session=session, student_ids=everyone, week=week)
    batches: list[list[Any]] = []
    owned: set[str] = set()
    for cid in classes:
        # A student in two classes is generated once, in the first class's batch.
        todo = [s for s in members[cid] if s not in planned and s not in owned]
        owned.update(todo)
        for start in range(0, len(todo), settings.batch_size):
            batches.append([cid, todo[start : start + settings.batch_size]])
    where = {s: i for i, (_cid, ids) in enumerate(batches) for s in ids}
    plan: dict[str, Any] = {
        "holder": "",
        "batches": batches,
        "classes": {
            c: {"students": ids, "batches": sorted({where[s] for s in ids if s in where})}
            for c, ids in members.items()
        },
    }
    with db.begin() as session:
        run_id = generated.start_run(
            session=session,
            kind="weekly",
            params={
                "queued": True,
                "backend": backend_name,
                "backend_options": backend_options,
                "batch_size": settings.batch_size,
                "max_in_flight": settings.max_in_flight,
                "export_to": str(export_to) if export_to else None,
                "include_drafts": include_drafts,
                "log": log,
            },
            school_id=school_id,
            class_id=class_id,
            week=week,
        )
    lock = RunLock(db, school_id=school_id, shard="", run_id=run_id, timeout=lock_timeout)
    # No process holds a queued run: its lock lives on heartbeats from the tasks (a host
    # named "queue" is never this one, so only a missed heartbeat makes it stale).
    lock.holder = f"queue:run-{run_id}:{lock.holder.rpartition(':')[2]}"
    plan["holder"] = lock.holder
    first = list(range(len(batches)))[: settings.max_in_flight]
    empty = [c for c, info in plan["classes"].items() if not info["batches"]]
    with _ledger(db, run_id) as (run, counts):
        run.params = {**run.params, "plan": plan}
        counts.update(
            students=len(everyone),
            done=0,
            skipped=len(planned),
            failed=0,
            failed_students={},
            class_weeks=0,
            approved={},
            exported=0,
            notes=[],
            classes={
                c: {
                    "students": len(ids),
                    "done": len([s for s in ids if s in planned]),
                    "failed": 0,
                    "status": "queued",
                    "error": None,
                }
                for c, ids in members.items()
            },
            tasks={},
            queue={
                "pending": list(range(len(first), len(batches))),
                "done": [],
                "released": {},
                "finished": [],
            },
        )
    try:
        lock.acquire()
    except BaseException as exc:
        _fail_run(db, run_id, f"{type(exc).__name__}: {exc}")
        raise
    try:
        for index in first:
            send("batch", run_id, index)
        for cid in empty:
            send("class", run_id, cid)
    except Exception as exc:
        lock.release()
        _fail_run(db, run_id, f"could not queue the run: {type(exc).__name__}: {exc}")
        raise EdugenError(f"could not queue the run: {type(exc).__name__}: {exc}") from exc
    return Enqueued(
        run_id=run_id,
        week=week,
        school_id=school_id,
        students=len(everyone),
        skipped=len(planned),
        batches=len(batches),
        classes=classes,
        sent=len(first) + len(empty),
    )


def run_batch(
    *,
    db: Database,
    run_id: int,
    index: int,
    send: Send,
    backend: backends.Backend,
    log: LogCallback | None,
    worker: str,
    say: Callable[[str], None] | None = None,
) -> None:
    """Generate one batch's students not yet done, record them, send what follows."""
    say = say or (lambda _message: None)
    started = time.perf_counter()
    with _exclusive(db, run_id, index):
        run = _read(db, run_id)
        if run is None:
            return
        batches = run["params"]["plan"]["batches"]
        cid, ids = batches[index]
        failed: dict[str, str] = {}
        if index not in run["counts"]["queue"]["done"]:
            if not _beat(db, run_id, run, f"batch {index} of {cid}"):
                return
            if backend.name in REMOTE_BACKENDS:
                probe(backend)
            with db.begin() as session:
                planned = run_store.planned_students(
                    session=session, student_ids=ids, week=run["week"]
                )
            todo = [s for s in ids if s not in planned]
            if todo:
                settings = config.generate_settings()

                def generate(student_ids: list[str]) -> None:
                    generate_week(
                        db=db,
                        week=run["week"],
                        parts=["plan"],
                        backend=backend,
                        log=log,
                        student_ids=student_ids,
                        settings=settings,
                        run_id=run_id,
                    )

                _done, failed = generate_batch(generate, todo, say)
        _record_batch(db, run_id, index, failed, None, worker, started, send)


def fail_batch(
    *, db: Database, run_id: int, index: int, reason: str, send: Send, worker: str
) -> None:
    """A batch given up on (its model server never answered): its students and class fail."""
    with _exclusive(db, run_id, index):
        run = _read(db, run_id)
        if run is None:
            return
        _cid, ids = run["params"]["plan"]["batches"][index]
        with db.begin() as session:
            planned = run_store.planned_students(session=session, student_ids=ids, week=run["week"])
        failed = {s: reason for s in ids if s not in planned}
        _record_batch(db, run_id, index, failed, reason, worker, time.perf_counter(), send)


def finish_class(
    *,
    db: Database,
    run_id: int,
    class_id: str,
    send: Send,
    backend: backends.Backend,
    log: LogCallback | None,
    worker: str,
) -> None:
    """The class week, the school's auto-approval and the export for one class; the last
    class to finish finishes the run and drops the school's lock."""
    started = time.perf_counter()
    run = _read(db, run_id)
    if run is None:
        return
    classes = list(run["params"]["plan"]["classes"])
    with _exclusive(db, run_id, -1 - classes.index(class_id)):
        run = _read(db, run_id)
        if run is None or class_id in run["counts"]["queue"]["finished"]:
            return
        if not _beat(db, run_id, run, f"class {class_id}"):
            return
        week, params = run["week"], run["params"]
        ids = params["plan"]["classes"][class_id]["students"]
        error = None
        try:
            with db.begin() as session:
                stored = run_store.class_weeks_stored(
                    session=session, class_ids=[class_id], week=week
                )
            if class_id not in stored:
                save_class_week(
                    db=db,
                    class_id=class_id,
                    week=week,
                    backend=backend,
                    log=log,
                    settings=config.generate_settings(),
                    run_id=run_id,
                )
        except Exception as exc:  # noqa: BLE001 - recorded as the single-process run does
            error = f"{type(exc).__name__}: {exc}"
        with db.begin() as session:
            approved = (
                auto_approve(session=session, student_ids=ids, week=week)
                if run_store.auto_approves(session=session, school_id=run["school_id"])
                else {}
            )
            active = run_store.active_students(session=session, class_id=class_id)
            missing = len(active) - len(
                run_store.planned_students(session=session, student_ids=active, week=week)
            )
        written: list[Path] = []
        notes: list[str] = []
        if params["export_to"] and missing:
            notes.append(f"{class_id}: not exported, {missing} students still to do")
        elif params["export_to"] and active:
            written, notes = export_class(
                db=db,
                week=week,
                class_id=class_id,
                export_to=Path(params["export_to"]),
                include_drafts=params["include_drafts"],
            )
        _record_class(
            db,
            run_id,
            class_id,
            error,
            approved,
            len(written),
            notes,
            _timing(started, worker, len(ids)),
        )


def fail_class(*, db: Database, run_id: int, class_id: str, reason: str, worker: str) -> None:
    """A class given up on after its retries: recorded failed, so the run still ends."""
    _record_class(db, run_id, class_id, reason, {}, 0, [], _timing(time.perf_counter(), worker, 0))


def _record_class(
    db: Database,
    run_id: int,
    class_id: str,
    error: str | None,
    approved: dict[str, int],
    exported: int,
    notes: list[str],
    timing: dict[str, Any],
) -> None:
    """Count a class once; the last class finishes the run and drops the school's lock."""
    with _ledger(db, run_id) as (row, counts):
        queue = counts["queue"]
        if class_id in queue["finished"] or row.status != RunStatus.running:
            return
        queue["finished"].append(class_id)
        state = counts["classes"][class_id]
        if error is not None:
            counts["failed_students"][f"class:{class_id}"] = error
            # A batch's reason (its model server, say) is the first cause: kept.
            state["status"], state["error"] = "failed", state["error"] or error
        else:
            counts["class_weeks"] += 1
            if state["status"] != "failed":
                state["status"] = "done"
        for name, n in approved.items():
            counts["approved"][name] = counts["approved"].get(name, 0) + n
        counts["exported"] += exported
        counts["notes"] += notes
        counts["tasks"][f"class {class_id}"] = timing
        counts["failed"] = len(counts["failed_students"])
        if len(queue["finished"]) == len(row.params["plan"]["classes"]):
            _finish(row, counts, row.params["plan"]["holder"])


def probe(backend: backends.Backend) -> None:
    """One tiny request; ModelUnavailable with the server's error when it does not answer."""
    (result,) = backend.generate(
        [
            backends.GenerationRequest(
                messages=[backends.Message(role="user", content="ping")],
                max_tokens=1,
                temperature=0.0,
            )
        ]
    )
    if result.error:
        raise ModelUnavailable(f"the model server did not answer: {result.error}")


def backoff(tries: int, settings: config.WorkersSettings) -> float:
    """Seconds before the next try: the first wait, doubled each time, capped."""
    return float(min(settings.retry_backoff_s * 2**tries, settings.retry_backoff_max_s))


# --- the ledger: the run row, read and changed under its lock -----------------------------


def _read(db: Database, run_id: int) -> dict[str, Any] | None:
    """The run as a plain dict, or None once it is over (a late task then does nothing)."""
    with db.begin() as session:
        run = session.get(GenerationRun, run_id)
        if run is None or "plan" not in run.params:
            raise EdugenError(f"run {run_id} is not a queued run in this database")
        if run.status != RunStatus.running:
            return None
        return {
            "week": run.week,
            "school_id": run.school_id,
            "params": run.params,
            "counts": run.counts,
        }


@contextmanager
def _ledger(db: Database, run_id: int) -> Iterator[tuple[GenerationRun, dict[str, Any]]]:
    """The run row locked and a copy of its counts, written back. FOR NO KEY UPDATE, so
    plans saved meanwhile (their run_id is a foreign key to it) are not held up."""
    with db.begin() as session:
        run = session.scalars(
            select(GenerationRun).where(GenerationRun.id == run_id).with_for_update(key_share=True)
        ).one()
        counts = copy.deepcopy(run.counts)
        yield run, counts
        # A new object, so the JSON column is written (in-place changes go unnoticed).
        run.counts = counts


@contextmanager
def _exclusive(db: Database, run_id: int, key: int) -> Iterator[None]:
    """A session advisory lock on (run, key): held by one live task; PostgreSQL drops it
    when the holder's connection dies, so a killed worker's batch is free at once."""
    with db.engine.connect() as conn:
        got = conn.execute(select(func.pg_try_advisory_lock(run_id, key))).scalar()
        conn.commit()
        if not got:
            raise Busy(f"run {run_id}: task {key} is being worked on by another worker")
        try:
            yield
        finally:
            conn.execute(select(func.pg_advisory_unlock(run_id, key)))
            conn.commit()


def _beat(db: Database, run_id: int, run: dict[str, Any], what: str) -> bool:
    """Refresh the school's lock; when another run took it over, this run stops here."""
    holder = run["params"]["plan"]["holder"]
    with db.begin() as session:
        if run_store.heartbeat(
            session=session, school_id=run["school_id"], shard="", holder=holder
        ):
            return True
    _fail_run(db, run_id, f"interrupted at {what}: the school's lock was taken over")
    return False


def _record_batch(
    db: Database,
    run_id: int,
    index: int,
    failed: dict[str, str],
    reason: str | None,
    worker: str,
    started: float,
    send: Send,
) -> None:
    """Count a batch once, release the next waiting batch, then send what follows."""
    with _ledger(db, run_id) as (row, counts):
        plan = row.params["plan"]
        cid, ids = plan["batches"][index]
        queue = counts["queue"]
        key = str(index)
        if index not in queue["done"]:
            queue["done"].append(index)
            counts["done"] += len(ids) - len(failed)
            counts["failed_students"].update(failed)
            counts["failed"] = len(counts["failed_students"])
            batch = set(ids)
            for c, info in plan["classes"].items():
                mine = batch.intersection(info["students"])
                if not mine:
                    continue
                state = counts["classes"][c]
                lost = len(mine.intersection(failed))
                state["done"] += len(mine) - lost
                state["failed"] += lost
                if reason is not None and c == cid:
                    state["status"], state["error"] = "failed", reason
                elif state["status"] == "queued":
                    state["status"] = "generating"
            counts["tasks"][f"batch {index}"] = _timing(started, worker, len(ids))
            queue["released"][key] = queue["pending"][:1]
            queue["pending"] = queue["pending"][1:]
        # Sent again when a redelivered task gets here: a duplicate finds its work done.
        batches = list(queue["released"].get(key, []))
        done = set(queue["done"])
        finals = [
            c
            for c, info in plan["classes"].items()
            if index in info["batches"] and done.issuperset(info["batches"])
        ]
    for following in batches:
        send("batch", run_id, following)
    for c in finals:
        send("class", run_id, c)


def _timing(started: float, worker: str, students: int) -> dict[str, Any]:
    return {
        "seconds": round(time.perf_counter() - started, 3),
        "worker": worker,
        "students": students,
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def _finish(row: GenerationRun, counts: dict[str, Any], holder: str) -> None:
    """Called inside the ledger: the run's outcome, and the school's lock dropped."""
    row.status = RunStatus.partial if counts["failed_students"] else RunStatus.succeeded
    row.finished_at = datetime.now(UTC)
    session = Session.object_session(row)
    assert session is not None
    run_store.drop_lock(session=session, school_id=row.school_id or "", shard="", holder=holder)


def _fail_run(db: Database, run_id: int, why: str) -> None:
    with db.begin() as session:
        run = session.get(GenerationRun, run_id)
        if run is not None and run.status == RunStatus.running:
            run.status, run.error = RunStatus.failed, why
            run.finished_at = datetime.now(UTC)
            holder = (run.params.get("plan") or {}).get("holder")
            if holder and run.school_id:
                run_store.drop_lock(
                    session=session, school_id=run.school_id, shard="", holder=holder
                )


__all__ = [
    "Busy",
    "Enqueued",
    "ModelUnavailable",
    "backoff",
    "enqueue_week",
    "fail_batch",
    "fail_class",
    "finish_class",
    "probe",
    "require_postgres",
    "run_batch",
]
