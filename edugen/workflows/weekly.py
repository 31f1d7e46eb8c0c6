"""The weekly run for a school, class or shard: resumable, idempotent, one at a time.

Steps: find the school → record the run → take the lock (`lock.RunLock`) → import any
results → generate every student not yet done, in batches saved as they complete (a
failing batch is retried student by student), beating the lock's heartbeat → each class's
week → auto-approve where the school says so → export complete classes → record the
outcome and release the lock.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from edugen import config, review, weeks
from edugen.backends import base as backends
from edugen.errors import EdugenError, UsageError
from edugen.profiles import generated
from edugen.profiles import runs as run_store
from edugen.profiles.db import Database
from edugen.prompts.personalize import Progress
from edugen.prompts.runner import LogCallback
from edugen.workflows import files
from edugen.workflows.export import plan_export, safe_file_stem
from edugen.workflows.generate import generate_week
from edugen.workflows.imports import import_files
from edugen.workflows.lock import LOCK_TIMEOUT, RunLock
from edugen.workflows.parts import class_week

WEEKLY_BATCH = 16
# A heartbeat at most this often, from inside a batch too (a real model's batch is slow).
_HEARTBEAT_EVERY = timedelta(seconds=30)
WEEKLY_DOCUMENT_FORMAT = "html"
WEEKLY_LMS_FORMATS = ("qti21",)

__all__ = ["LOCK_TIMEOUT", "WEEKLY_BATCH", "WeeklyResult", "in_shard", "parse_shard", "weekly_run"]


@dataclass
class WeeklyResult:
    """What a weekly run did; `failed` maps a student id (or "class:ID") to its error."""

    week: str
    school_id: str
    shard: str
    run_id: int | None
    students: list[str] = field(default_factory=list)
    done: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    class_weeks: list[str] = field(default_factory=list)
    approved: dict[str, int] = field(default_factory=dict)
    exported: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def status(self) -> str:
        return "partial" if self.failed else "succeeded"

    def counts(self) -> dict[str, Any]:
        return {
            "students": len(self.students),
            "done": len(self.done),
            "skipped": len(self.skipped),
            "failed": len(self.failed),
            "failed_students": dict(self.failed),
            "class_weeks": len(self.class_weeks),
            "approved": self.approved,
            "exported": len(self.exported),
        }


def parse_shard(text: str | None) -> str:
    """The shard as K/N, checked (1 ≤ K ≤ N); "" for no sharding."""
    if not text:
        return ""
    k, sep, n = text.partition("/")
    if not sep or not k.isdigit() or not n.isdigit() or not 1 <= int(k) <= int(n):
        raise UsageError(f"--shard {text!r}: write K/N with 1 ≤ K ≤ N, e.g. 1/2")
    return "" if int(n) == 1 else f"{int(k)}/{int(n)}"


def in_shard(key: str, shard: str) -> bool:
    """Stable across runs, machines and Python versions (crc32, not hash())."""
    if not shard:
        return True
    k, n = (int(x) for x in shard.split("/"))
    return zlib.crc32(key.encode("utf-8")) % n == k - 1


@dataclass
class _Job:
    """One weekly run's fixed inputs, passed to its steps."""

    db: Database
    week: str
    class_id: str | None
    backend: backends.Backend
    log: LogCallback | None
    settings: config.GenerateSettings | None
    say: Callable[[str], None]


def weekly_run(
    *,
    db: Database,
    week: str,
    backend: backends.Backend,
    log: LogCallback | None,
    school_id: str | None = None,
    class_id: str | None = None,
    shard: str = "",
    settings: config.GenerateSettings | None = None,
    batch_size: int = WEEKLY_BATCH,
    results: Sequence[Path] = (),
    export_to: Path | None = None,
    include_drafts: bool = False,
    dry_run: bool = False,
    lock_timeout: timedelta = LOCK_TIMEOUT,
    progress: Progress | None = None,
    notify: Callable[[str], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> WeeklyResult:
    """The week for every active student in scope, resumable and idempotent.

    `on_start` hears the run's id as soon as the run is recorded (the API answers with it
    while the run goes on).

    A student with a plan stored for the week is done and skipped, so a second run changes
    nothing and a run killed at any moment is finished by the next. Students go through
    generation in batches, each saved as it completes; a failing batch is retried student
    by student, and a student that still fails is recorded while the rest go on.
    """
    say = notify or (lambda _message: None)
    weeks.parse_week(week)
    shard = parse_shard(shard)
    if school_id and class_id:
        raise UsageError("give --school ID or --class ID, not both")
    school_id = _school(db, school_id, class_id)
    result = WeeklyResult(week=week, school_id=school_id, shard=shard, run_id=None, dry_run=dry_run)
    job = _Job(db, week, class_id, backend, log, settings, say)
    if dry_run:
        if results:
            import_files("results", results, db=db, dry_run=True)
        _scope(job, result)
        return result
    with db.begin() as session:
        result.run_id = generated.start_run(
            session=session,
            kind="weekly",
            params={
                "backend": backend.name,
                "batch_size": batch_size,
                "results": [str(p) for p in results],
                "export_to": str(export_to) if export_to else None,
            },
            school_id=school_id,
            class_id=class_id,
            week=week,
            shard=shard or None,
        )
    if on_start is not None:
        on_start(result.run_id)
    lock = RunLock(
        db, school_id=school_id, shard=shard, run_id=result.run_id, timeout=lock_timeout, say=say
    )
    try:
        lock.acquire()
    except BaseException as exc:
        _finish(db, result, "failed", f"{type(exc).__name__}: {exc}")
        raise
    with lock:
        try:
            if results:
                summary = import_files("results", results, db=db)
                say(summary.describe())
            _students(job, result, batch_size, lock, progress)
            _class_weeks(job, result, lock)
            with db.begin() as session:
                if run_store.auto_approves(session=session, school_id=school_id):
                    result.approved = auto_approve(
                        session=session, student_ids=result.students, week=week
                    )
            if export_to is not None:
                _export(job, result, export_to, include_drafts)
        except BaseException as exc:
            _finish(db, result, "failed", f"{type(exc).__name__}: {exc}")
            raise
        _finish(db, result, result.status, None)
    return result


def auto_approve(
    *, session: Session, student_ids: Sequence[str], week: str, who: str = "edugen weekly"
) -> dict[str, int]:
    """A school's auto-approval is `review approve --all-valid` for each student's school:
    the gate's one rule (review.approve_valid), its approvals counted by kind."""
    counts = {"items": 0, "plans": 0}
    schools = run_store.students_by_school(session=session, student_ids=student_ids)
    for school_id, ids in sorted(schools.items(), key=lambda kv: kv[0] or ""):
        report = review.approve_valid(
            session=session,
            who=who,
            kind="all",
            week=week,
            school_id=school_id,
            student_ids=ids,
            why="auto-approved: the school approves what passes every check",
        )
        for name, n in report.counts().items():
            counts[name] += n
    return counts


def _school(db: Database, school_id: str | None, class_id: str | None) -> str:
    """The school in scope: the class's, the one named, or the only one there is."""
    with db.begin() as session:
        if class_id is not None:
            return run_store.class_school(session=session, class_id=class_id)
        if school_id is not None:
            run_store.require_school(session=session, school_id=school_id)
            return school_id
        schools = run_store.school_ids(session=session)
        if len(schools) != 1:
            raise UsageError(
                "give --school ID or --class ID"
                + (f" (schools: {', '.join(schools)})" if schools else " (no schools yet)")
            )
        return schools[0]


def _finish(db: Database, result: WeeklyResult, status: str, error: str | None) -> None:
    if result.run_id is None:
        return
    with db.begin() as session:
        generated.finish_run(
            session=session,
            run_id=result.run_id,
            status=status,
            counts=result.counts(),
            error=error,
        )


def _scope(job: _Job, result: WeeklyResult) -> None:
    with job.db.begin() as session:
        everyone = run_store.active_students(
            session=session,
            school_id=None if job.class_id else result.school_id,
            class_id=job.class_id,
        )
        result.students = [s for s in everyone if in_shard(s, result.shard)]
        planned = run_store.planned_students(
            session=session, student_ids=result.students, week=result.week
        )
    result.skipped = [s for s in result.students if s in planned]


def _students(
    job: _Job, result: WeeklyResult, batch_size: int, lock: RunLock, progress: Progress | None
) -> None:
    _scope(job, result)
    todo = [s for s in result.students if s not in set(result.skipped)]
    total = len(result.students)
    last_beat = [datetime.now(UTC)]

    def inner(_stage: str, _done: int, _total: int) -> None:
        # Keep the lock fresh from inside a long batch.
        if datetime.now(UTC) - last_beat[0] > _HEARTBEAT_EVERY:
            last_beat[0] = datetime.now(UTC)
            lock.heartbeat()

    def tick() -> None:
        if progress is not None:
            progress("students", len(result.skipped) + len(result.done) + len(result.failed), total)

    def generate(student_ids: list[str]) -> None:
        generate_week(
            db=job.db,
            week=job.week,
            parts=["plan"],
            backend=job.backend,
            log=job.log,
            student_ids=student_ids,
            settings=job.settings,
            progress=inner,
            run_id=result.run_id,
        )

    tick()
    for start in range(0, len(todo), max(1, batch_size)):
        batch = todo[start : start + max(1, batch_size)]
        done, failed = generate_batch(generate, batch, job.say)
        result.done.extend(done)
        result.failed.update(failed)
        last_beat[0] = datetime.now(UTC)
        lock.heartbeat()
        tick()


def generate_batch(
    generate: Callable[[list[str]], None], batch: list[str], say: Callable[[str], None]
) -> tuple[list[str], dict[str, str]]:
    """One batch: the students together, then one by one if that fails; (done, failed).

    The weekly run and a queued run's batch task (`workflows.queued`) both go through here.
    """
    done: list[str] = []
    failed: dict[str, str] = {}
    try:
        generate(batch)
        done.extend(batch)
    except Exception as exc:  # noqa: BLE001 - retried one by one below
        say(f"batch of {len(batch)} failed ({type(exc).__name__}: {exc}); retrying one by one")
        for student_id in batch:
            try:
                generate([student_id])
                done.append(student_id)
            except Exception as one:  # noqa: BLE001 - recorded, the rest go on
                failed[student_id] = f"{type(one).__name__}: {one}"
    return done, failed


def save_class_week(
    *,
    db: Database,
    class_id: str,
    week: str,
    backend: backends.Backend,
    log: LogCallback | None,
    settings: config.GenerateSettings,
    run_id: int | None,
) -> None:
    """One class's teacher week, made from its stored plans and saved under the run."""
    report = class_week.make_alone(db, class_id, week, backend, log, settings)
    with db.begin() as session:
        generated.save_class_week(session=session, report=report, run_id=run_id)


def _classes(job: _Job, result: WeeklyResult) -> list[str]:
    with job.db.begin() as session:
        return (
            [job.class_id]
            if job.class_id is not None
            else run_store.active_classes(session=session, school_id=result.school_id)
        )


def _class_weeks(job: _Job, result: WeeklyResult, lock: RunLock) -> None:
    """The teacher's week for each class in scope (a school's classes split by shard)."""
    # Each class's week is written by exactly one shard.
    classes = [c for c in _classes(job, result) if in_shard(c, result.shard)]
    with job.db.begin() as session:
        stored = run_store.class_weeks_stored(session=session, class_ids=classes, week=job.week)
    settings = job.settings or config.generate_settings()
    for cid in classes:
        if cid in stored:
            continue
        try:
            save_class_week(
                db=job.db,
                class_id=cid,
                week=job.week,
                backend=job.backend,
                log=job.log,
                settings=settings,
                run_id=result.run_id,
            )
            result.class_weeks.append(cid)
        except Exception as exc:  # noqa: BLE001 - recorded, the rest go on
            result.failed[f"class:{cid}"] = f"{type(exc).__name__}: {exc}"
        lock.heartbeat()


def _export(job: _Job, result: WeeklyResult, export_to: Path, include_drafts: bool) -> None:
    """Each complete class's plans, class week and LMS package, under OUT/WEEK/CLASS/.

    Only a class whose active students all have their week is exported, so with shards the
    last shard to finish a class writes it (an earlier identical export is overwritten).
    """
    complete = []
    with job.db.begin() as session:
        for cid in _classes(job, result):
            ids = run_store.active_students(session=session, class_id=cid)
            planned = run_store.planned_students(session=session, student_ids=ids, week=job.week)
            if ids and len(planned) == len(ids):
                complete.append(cid)
            elif ids:
                result.notes.append(
                    f"{cid}: not exported, {len(ids) - len(planned)} students still to do"
                )
    for cid in complete:
        written, notes = export_class(
            db=job.db,
            week=job.week,
            class_id=cid,
            export_to=export_to,
            include_drafts=include_drafts,
        )
        result.exported.extend(written)
        result.notes.extend(notes)


def export_class(
    *, db: Database, week: str, class_id: str, export_to: Path, include_drafts: bool
) -> tuple[list[Path], list[str]]:
    """One complete class's plans, class week and LMS package; (files written, notes)."""
    jobs = [("plan", WEEKLY_DOCUMENT_FORMAT, "plans"), ("class", WEEKLY_DOCUMENT_FORMAT, "class")]
    jobs += [("items", fmt, f"items-{fmt}.zip") for fmt in WEEKLY_LMS_FORMATS]
    folder = export_to / safe_file_stem(week) / safe_file_stem(class_id)
    exported: list[Path] = []
    notes: list[str] = []
    for what, fmt, name in jobs:
        try:
            export = plan_export(
                db=db,
                what=what,
                week=week,
                format=fmt,
                class_id=class_id,
                include_drafts=include_drafts,
            )
            exported.extend(files.write_export(folder / name, export, force=True))
        except EdugenError as exc:
            notes.append(f"{class_id}: {what} not exported: {exc}")
    return exported, notes
