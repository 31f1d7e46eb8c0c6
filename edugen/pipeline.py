"""The one place that wires the stages together; the CLI and the API call these functions."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from edugen.errors import UsageError
from edugen.importers import KINDS
from edugen.profiles.db import Database
from edugen.schemas import ImportSummary


def open_db(url: str | None = None) -> Database:
    return Database(url)


def _writer(spec: str) -> Any:
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def import_files(
    kind: str, paths: Sequence[Path], *, db: Database, dry_run: bool = False
) -> ImportSummary:
    """Parse and validate every file, then write all of it in one transaction (or none of it)."""
    if kind not in KINDS:
        raise UsageError(f"unknown import kind {kind!r}; choose one of {', '.join(KINDS)}")
    importer = importlib.import_module(f"edugen.importers.{kind}")
    batch = importer.parse(list(paths))
    apply = _writer(importer.WRITER)
    with db.begin(dry_run=dry_run) as session:
        summary: ImportSummary = apply(session=session, batch=batch)
        summary.dry_run = dry_run
    return summary
