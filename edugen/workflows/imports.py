"""Importing school files: parse and validate every file, then write all of it or none.

Steps: look the kind up in `IMPORTERS` → its parser reads and checks every row
(InputError with file, line and field) → its writer stores the batch in one transaction
(rolled back for a dry run). An upload under a school's API key goes the same way, its
kind's `scoped` writer holding every row to that school inside the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from edugen.errors import InputError, UsageError
from edugen.importers import curriculum, items, oneroster, profiles, resources, results
from edugen.importers.common import InputProblems
from edugen.profiles import apikeys, attempts, bank, catalog, roster
from edugen.profiles import curriculum as curriculum_store
from edugen.profiles.db import Database
from edugen.schemas import ImportSummary


@dataclass(frozen=True)
class Importer:
    """One kind of school file: how it is read (pure) and how a read batch is stored."""

    parse: Callable[[list[Path]], Any]
    write: Callable[..., ImportSummary]  # write(*, session, batch), in the caller's transaction
    # scoped(*, session, batch, school_id): the write for one school's API key, refusing rows
    # of other schools (they read as unknown); None where a key may not upload this kind.
    scoped: Callable[..., ImportSummary] | None = None


def check_results(*, session: Session, school_id: str, batch: results.ResultsBatch) -> None:
    """Answers may name only this school's students (any other reads as unknown)."""
    unknown = apikeys.unknown_students(
        session=session, school_id=school_id, student_ids=set(batch.students)
    )
    if not unknown:
        return
    problems = InputProblems()
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


def _school_results(
    *, session: Session, batch: results.ResultsBatch, school_id: str
) -> ImportSummary:
    check_results(session=session, school_id=school_id, batch=batch)
    return attempts.apply(session=session, batch=batch)


IMPORTERS: dict[str, Importer] = {
    "oneroster": Importer(oneroster.parse, roster.apply_roster, roster.apply_roster),
    "results": Importer(results.parse, attempts.apply, _school_results),
    # `edugen import results --from SOURCE`: the same writer, the source named not detected.
    **{
        f"results-{s}": Importer(results.parser(s), attempts.apply, _school_results)
        for s in results.SOURCES
    },
    "curriculum": Importer(curriculum.parse, curriculum_store.apply),
    "resources": Importer(resources.parse, catalog.apply),
    "profiles": Importer(profiles.parse, roster.apply_profiles),
    "items": Importer(items.parse, bank.apply),
}


def import_files(
    kind: str,
    paths: Sequence[Path],
    *,
    db: Database,
    dry_run: bool = False,
    school_id: str | None = None,
) -> ImportSummary:
    """Parse and validate every file, then write all of it in one transaction (or none of it).

    With `school_id` (an API key's school) the files are parsed once the same way, and the
    kind's scoped writer checks every row against that school in the writing transaction.
    """
    importer = IMPORTERS.get(kind)
    if importer is None:
        raise UsageError(f"unknown import kind {kind!r}; choose one of {', '.join(IMPORTERS)}")
    writer = importer.write if school_id is None else importer.scoped
    if writer is None:
        scoped = ", ".join(k for k, i in IMPORTERS.items() if i.scoped is not None)
        raise UsageError(f"a school's uploads are one of {scoped}, not {kind!r}")
    scope = {} if school_id is None else {"school_id": school_id}
    batch = importer.parse(list(paths))
    with db.begin(dry_run=dry_run) as session:
        summary: ImportSummary = writer(session=session, batch=batch, **scope)
        summary.dry_run = dry_run
    return summary
