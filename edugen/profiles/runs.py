"""The weekly run's bookkeeping: per-school run locks, who is done for a week, runs and plans.

A lock is a `run_locks` row keyed by (school, shard): "" for a whole-school run, "K/N" for
one shard, so the N shards of one split run can hold their locks side by side while any
other run of that school is kept out.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, func, select, update
from sqlalchemy.orm import Session

from edugen.errors import NotFoundError
from edugen.profiles.generated import OUT
from edugen.profiles.models import (
    Assignment,
    ClassWeekRow,
    Enrollment,
    GenerationRun,
    Org,
    Plan,
    RunLock,
    RunStatus,
    SchoolClass,
    Student,
)

CHUNK = 500


def this_holder() -> str:
    """Who holds a lock: host, process id and a token of this run (host:pid:token).

    Host and pid let a dead process on this host be recognised; the token tells apart
    runs in threads of one process (`edugen serve`), which share host and pid.
    """
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex}"


def _host_pid(holder: str) -> tuple[str, str]:
    """The host and pid of a holder, whether written host:pid:token or (older) host:pid."""
    head, _, last = holder.rpartition(":")
    if head and (len(last) == 32 or not last.isdigit()):
        holder = head  # drop the token (32 hex digits; a pid is never that long)
    host, _, pid = holder.rpartition(":")
    return host, pid


@dataclass(frozen=True)
class LockInfo:
    school_id: str
    shard: str
    run_id: int | None
    holder: str
    acquired_at: datetime
    heartbeat_at: datetime


def shards_conflict(a: str, b: str) -> bool:
    """Two runs of one school may overlap only as different shards of the same split."""
    if not a or not b or a == b:
        return True
    return a.split("/")[1] != b.split("/")[1]


def _aware(at: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything stored is UTC.
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def stale_reason(lock: LockInfo, *, now: datetime, timeout: timedelta) -> str | None:
    """Why a lock's holder is taken for dead, or None while it may still be alive."""
    host, pid = _host_pid(lock.holder)
    if host == socket.gethostname() and pid.isdigit() and not _alive(int(pid)):
        return f"its process {pid} on this host is gone"
    idle = now - _aware(lock.heartbeat_at)
    if idle > timeout:
        limit = int(timeout.total_seconds())
        return f"no heartbeat for {int(idle.total_seconds())} s (timeout {limit} s)"
    return None


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def school_locks(*, session: Session, school_id: str) -> list[LockInfo]:
    return [
        LockInfo(
            school_id=r.school_id,
            shard=r.shard,
            run_id=r.run_id,
            holder=r.holder,
            acquired_at=_aware(r.acquired_at),
            heartbeat_at=_aware(r.heartbeat_at),
        )
        for r in session.scalars(select(RunLock).where(RunLock.school_id == school_id))
    ]


def insert_lock(
    *, session: Session, school_id: str, shard: str, holder: str, run_id: int | None
) -> None:
    """Add the lock row; the (school, shard) key makes a second insert fail on commit."""
    now = datetime.now(UTC)
    session.add(
        RunLock(
            school_id=school_id,
            shard=shard,
            holder=holder,
            run_id=run_id,
            acquired_at=now,
            heartbeat_at=now,
        )
    )
    session.flush()


def drop_lock(*, session: Session, school_id: str, shard: str, holder: str) -> bool:
    """Remove a lock if `holder` still holds it (compare and delete); whether it did."""
    gone = session.execute(
        delete(RunLock).where(
            RunLock.school_id == school_id, RunLock.shard == shard, RunLock.holder == holder
        )
    )
    return bool(getattr(gone, "rowcount", 0))


def heartbeat(*, session: Session, school_id: str, shard: str, holder: str) -> bool:
    """Refresh the lock's heartbeat; False when the lock is no longer ours."""
    done = session.execute(
        update(RunLock)
        .where(RunLock.school_id == school_id, RunLock.shard == shard, RunLock.holder == holder)
        .values(heartbeat_at=datetime.now(UTC))
    )
    return bool(getattr(done, "rowcount", 0))


def mark_interrupted(*, session: Session, run_id: int, why: str) -> None:
    """A run whose lock was taken over never finished: record that."""
    run = session.get(GenerationRun, run_id)
    if run is not None and run.status == RunStatus.running:
        run.status = RunStatus.failed
        run.error = why
        run.finished_at = datetime.now(UTC)


# --- scope -------------------------------------------------------------------------------


def school_ids(*, session: Session) -> list[str]:
    """Schools with at least one active class."""
    return sorted(
        session.scalars(select(SchoolClass.school_id).where(SchoolClass.active).distinct())
    )


def class_school(*, session: Session, class_id: str) -> str:
    school_class = session.get(SchoolClass, class_id)
    if school_class is None:
        raise NotFoundError(f"no class with id {class_id!r}")
    return school_class.school_id


def require_school(*, session: Session, school_id: str) -> None:
    if session.get(Org, school_id) is None:
        raise NotFoundError(f"no school with id {school_id!r}")


def active_classes(*, session: Session, school_id: str) -> list[str]:
    return sorted(
        session.scalars(
            select(SchoolClass.id).where(SchoolClass.school_id == school_id, SchoolClass.active)
        )
    )


def active_students(
    *, session: Session, school_id: str | None = None, class_id: str | None = None
) -> list[str]:
    """Active students actively enrolled in the class, or in any active class of the school."""
    stmt = (
        select(Student.id)
        .join(Enrollment, Enrollment.student_id == Student.id)
        .join(SchoolClass, SchoolClass.id == Enrollment.class_id)
        .where(Student.active, Enrollment.active, SchoolClass.active)
    )
    if class_id is not None:
        stmt = stmt.where(Enrollment.class_id == class_id)
    if school_id is not None:
        stmt = stmt.where(SchoolClass.school_id == school_id)
    return sorted(set(session.scalars(stmt)))


def auto_approves(*, session: Session, school_id: str) -> bool:
    org = session.get(Org, school_id)
    return bool(org is not None and org.auto_approve_verified)


# --- done for the week -------------------------------------------------------------------


def planned_students(*, session: Session, student_ids: Sequence[str], week: str) -> set[str]:
    """Students with a plan stored for the week; plan and items are saved in one transaction,
    so a plan means the student's week is complete."""
    found: set[str] = set()
    for i in range(0, len(student_ids), CHUNK):
        found.update(
            session.scalars(
                select(Plan.student_id)
                .where(Plan.student_id.in_(student_ids[i : i + CHUNK]), Plan.week == week)
                .distinct()
            )
        )
    return found


def class_weeks_stored(*, session: Session, class_ids: Collection[str], week: str) -> set[str]:
    return set(
        session.scalars(
            select(ClassWeekRow.class_id).where(
                ClassWeekRow.class_id.in_(list(class_ids)), ClassWeekRow.week == week
            )
        )
    )


def students_by_school(
    *, session: Session, student_ids: Sequence[str]
) -> dict[str | None, list[str]]:
    """The students grouped by their school (None: none recorded), each group sorted."""
    schools: dict[str | None, list[str]] = {}
    for i in range(0, len(student_ids), CHUNK):
        for sid, school in session.execute(
            select(Student.id, Student.school_id).where(Student.id.in_(student_ids[i : i + CHUNK]))
        ):
            schools.setdefault(school, []).append(sid)
    return {school: sorted(ids) for school, ids in schools.items()}


# --- reading back ------------------------------------------------------------------------


def _run_dict(run: GenerationRun) -> dict[str, Any]:
    return {
        "id": run.id,
        "kind": run.kind,
        "school_id": run.school_id,
        "class_id": run.class_id,
        "week": run.week,
        "shard": run.shard,
        "status": run.status.value,
        "params": run.params,
        "counts": run.counts,
        "error": run.error,
        "started_at": _aware(run.started_at).isoformat(),
        "finished_at": _aware(run.finished_at).isoformat() if run.finished_at else None,
    }


def list_runs(
    *, session: Session, kind: str | None = None, week: str | None = None, limit: int = 50
) -> list[dict[str, Any]]:
    """The latest runs first."""
    stmt = select(GenerationRun).order_by(GenerationRun.id.desc()).limit(limit)
    if kind is not None:
        stmt = stmt.where(GenerationRun.kind == kind)
    if week is not None:
        stmt = stmt.where(GenerationRun.week == week)
    return [_run_dict(r) for r in session.scalars(stmt)]


def get_run(*, session: Session, run_id: int) -> dict[str, Any]:
    run = session.get(GenerationRun, run_id)
    if run is None:
        raise NotFoundError(f"no run {run_id}")
    return _run_dict(run)


def class_plans(*, session: Session, class_id: str, week: str) -> list[dict[str, Any]]:
    """The current plan of each active student of the class for the week, with counts."""
    class_school(session=session, class_id=class_id)
    ids = active_students(session=session, class_id=class_id)
    superseded = select(Plan.supersedes_id).where(Plan.supersedes_id.is_not(None))
    plans = session.scalars(
        select(Plan)
        .where(Plan.student_id.in_(ids), Plan.week == week, Plan.id.not_in(superseded))
        .order_by(Plan.student_id, Plan.id)
    ).all()
    counts = dict(
        session.execute(
            select(Assignment.student_id, func.count())
            .where(and_(Assignment.student_id.in_(ids), Assignment.week == week))
            .group_by(Assignment.student_id)
        ).all()
    )
    found = []
    for plan in plans:
        days = plan.content.get("days", [])
        found.append(
            {
                "id": plan.id,
                "student_id": plan.student_id,
                "week": plan.week,
                "status": plan.status.value,
                "created_at": _aware(plan.created_at).isoformat(),
                "run_id": plan.run_id,
                "withdrawn": plan.status in OUT,
                "tasks": sum(len(d.get("tasks", [])) for d in days),
                "minutes": sum(int(d.get("minutes", 0)) for d in days),
                "items": int(counts.get(plan.student_id, 0)),
                "summary": plan.content.get("summary", ""),
            }
        )
    return found
