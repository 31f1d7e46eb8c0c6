"""Importing school files: parse and validate every file, then write all of it or none.

Steps: look the kind up in `IMPORTERS` → its parser reads and checks every row
(InputError with file, line and field) → its writer stores the batch in one transaction
(rolled back for a dry run).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from edugen.errors import UsageError
from edugen.importers import curriculum, items, oneroster, profiles, resources, results
from edugen.profiles import attempts, bank, catalog, roster
from edugen.profiles import curriculum as curriculum_store
from edugen.profiles.db import Database
from edugen.schemas import ImportSummary


@dataclass(frozen=True)
class Importer:
    """One kind of school file: how it is read (pure) and how a read batch is stored."""

    parse: Callable[[list[Path]], Any]
    write: Callable[..., ImportSummary]  # write(*, session, batch), in the caller's transaction


IMPORTERS: dict[str, Importer] = {
    "oneroster": Importer(oneroster.parse, roster.apply_roster),
    "results": Importer(results.parse, attempts.apply),
    # `edugen import results --from SOURCE`: the same writer, the source named not detected.
    **{f"results-{s}": Importer(results.parser(s), attempts.apply) for s in results.SOURCES},
    "curriculum": Importer(curriculum.parse, curriculum_store.apply),
    "resources": Importer(resources.parse, catalog.apply),
    "profiles": Importer(profiles.parse, roster.apply_profiles),
    "items": Importer(items.parse, bank.apply),
}


def import_files(
    kind: str, paths: Sequence[Path], *, db: Database, dry_run: bool = False
) -> ImportSummary:
    """Parse and validate every file, then write all of it in one transaction (or none of it)."""
    importer = IMPORTERS.get(kind)
    if importer is None:
        raise UsageError(f"unknown import kind {kind!r}; choose one of {', '.join(IMPORTERS)}")
    batch = importer.parse(list(paths))
    with db.begin(dry_run=dry_run) as session:
        summary: ImportSummary = importer.write(session=session, batch=batch)
        summary.dry_run = dry_run
    return summary
