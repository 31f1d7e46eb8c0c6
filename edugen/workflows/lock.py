"""The weekly run's lock on a school (or a shard of it), as one object.

Steps: acquire (insert our row, then give way to a live conflicting holder or take over a
dead one) → heartbeat while working (a lock lost to a takeover stops the run) → release.
Use it as a context manager: `with RunLock(...) as lock: ... lock.heartbeat()`. The
holder is unique per RunLock (host:pid:token), so runs in threads of one process never
mistake each other's lock for their own.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from types import TracebackType

from sqlalchemy.exc import IntegrityError

from edugen.errors import EdugenError
from edugen.profiles import runs as run_store
from edugen.profiles.db import Database

LOCK_TIMEOUT = timedelta(minutes=10)


class RunLock:
    """One run's hold on the (school, shard) lock."""

    def __init__(
        self,
        db: Database,
        *,
        school_id: str,
        shard: str,
        run_id: int | None,
        timeout: timedelta = LOCK_TIMEOUT,
        say: Callable[[str], None] | None = None,
    ) -> None:
        self.db = db
        self.school_id = school_id
        self.shard = shard
        self.run_id = run_id
        self.timeout = timeout
        self.say = say or (lambda _message: None)
        self.holder = run_store.this_holder()
        self.held = False

    def __enter__(self) -> RunLock:
        if not self.held:
            self.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()

    def acquire(self) -> None:
        """Insert our lock row; then give way to (or take over from) any conflicting holder.

        Insert-then-check in separate transactions: of two runs that race, at least one
        sees the other and backs off, so two never proceed together.
        """
        for _attempt in range(3):
            try:
                with self.db.begin() as session:
                    run_store.insert_lock(
                        session=session,
                        school_id=self.school_id,
                        shard=self.shard,
                        holder=self.holder,
                        run_id=self.run_id,
                    )
            except IntegrityError:
                pass  # our exact key is held: treated below like any other conflicting lock
            if self._settle():
                self.held = True
                return
        raise EdugenError(
            f"could not take the weekly run lock for school {self.school_id}; try again"
        )

    def _settle(self) -> bool:
        """Back off from a live holder, take over dead ones; whether our row is in place."""
        school_id, shard, holder, timeout = self.school_id, self.shard, self.holder, self.timeout
        with self.db.begin() as session:
            others = [
                lock
                for lock in run_store.school_locks(session=session, school_id=school_id)
                if lock.holder != holder and run_store.shards_conflict(lock.shard, shard)
            ]
            now = datetime.now(UTC)
            live = [
                lock
                for lock in others
                if run_store.stale_reason(lock, now=now, timeout=timeout) is None
            ]
            if live:
                run_store.drop_lock(
                    session=session, school_id=school_id, shard=shard, holder=holder
                )
                lock = live[0]
                raise EdugenError(
                    f"another weekly run holds the lock for school {school_id}"
                    + (f" (shard {lock.shard})" if lock.shard else "")
                    + f": run {lock.run_id} by {lock.holder}, since "
                    f"{lock.acquired_at:%Y-%m-%d %H:%M:%S} UTC, last heartbeat "
                    f"{lock.heartbeat_at:%H:%M:%S} UTC. Wait for it to finish; a lock whose "
                    f"holder died is taken over once it is {int(timeout.total_seconds())} s "
                    "without a heartbeat (--lock-timeout)."
                )
            for lock in others:
                why = run_store.stale_reason(lock, now=now, timeout=timeout)
                if run_store.drop_lock(
                    session=session, school_id=school_id, shard=lock.shard, holder=lock.holder
                ):
                    self.say(
                        f"recovered the lock of run {lock.run_id} ({lock.holder}): {why}; "
                        "finishing its work"
                    )
                    if lock.run_id is not None:
                        run_store.mark_interrupted(
                            session=session,
                            run_id=lock.run_id,
                            why=f"interrupted: lock recovered by run {self.run_id} ({why})",
                        )
            return any(
                lock.holder == holder and lock.shard == shard
                for lock in run_store.school_locks(session=session, school_id=school_id)
            )

    def heartbeat(self) -> None:
        """Refresh the lock; an EdugenError when it was taken over (the run must stop)."""
        with self.db.begin() as session:
            ours = run_store.heartbeat(
                session=session, school_id=self.school_id, shard=self.shard, holder=self.holder
            )
        if not ours:
            raise EdugenError(
                f"this run lost its lock for school {self.school_id} (taken over as stale); "
                "stopping so two runs do not overlap"
            )

    def release(self) -> None:
        """Drop the lock if it is still ours (a lock taken over is left to its new holder)."""
        if not self.held:
            return
        with self.db.begin() as session:
            run_store.drop_lock(
                session=session, school_id=self.school_id, shard=self.shard, holder=self.holder
            )
        self.held = False
