"""An upload is parsed once, then checked against the key's school and written in one transaction.

Steps: parse the saved file into a batch; open the unit of work; refuse every row that is
not the key's school's (other schools' rows read as unknown); write the same batch.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from edugen.errors import InputError, UsageError
from edugen.importers import oneroster, results
from edugen.importers.common import Problems
from edugen.profiles import apikeys, attempts, roster
from edugen.profiles.db import Database
from edugen.schemas import ImportSummary

KINDS = ("oneroster", "results")


def import_upload(
    *, db: Database, kind: str, path: Path, school_id: str, dry_run: bool
) -> ImportSummary:
    """Import one uploaded file for the key's school: all of it, or nothing and an InputError."""
    if kind == "oneroster":
        roster_batch = oneroster.parse([path])
        with db.begin(dry_run=dry_run) as session:
            summary = roster.apply_roster(
                session=session, batch=roster_batch, school_id=school_id
            )
    elif kind == "results":
        results_batch = results.parse([path])
        with db.begin(dry_run=dry_run) as session:
            check_results(session=session, school_id=school_id, batch=results_batch)
            summary = attempts.apply(session=session, batch=results_batch)
    else:
        raise UsageError(f"uploads are one of {', '.join(KINDS)}, not {kind!r}")
    summary.dry_run = dry_run
    return summary


def check_results(*, session: Session, school_id: str, batch: results.ResultsBatch) -> None:
    """Answers may name only this school's students (any other reads as unknown)."""
    unknown = apikeys.unknown_students(
        session=session, school_id=school_id, student_ids=set(batch.students)
    )
    if not unknown:
        return
    problems = Problems()
    for row, student_id in enumerate(batch.students):
        if student_id in unknown:
            problems.add(
                batch.file,
                batch.lines[row] if row < len(batch.lines) else None,
                batch.field_name(row, "student_id"),
                f"no student {student_id!r} in this school",
            )
            if len(problems.items) >= InputError.shown:
                break
    problems.raise_if_any()
