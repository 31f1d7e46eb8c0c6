"""Write validated records so that re-importing the same data changes nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from sqlalchemy import inspect, select, tuple_
from sqlalchemy.orm import Session

from edugen.profiles.models import Base
from edugen.schemas import ImportSummary

CHUNK = 500


def upsert(
    session: Session,
    model: type[Base],
    rows: Iterable[dict[str, Any]],
    *,
    summary: ImportSummary,
    entity: str,
    create_only: Mapping[str, Any] | None = None,
    on_update: Callable[[Any], None] | None = None,
) -> None:
    """Insert new rows, update rows whose values differ, count the rest as unchanged.

    Rows are dicts of column values including the primary key. `create_only` values are
    set on new rows only (e.g. a first status); `on_update` is called on each changed row.
    """
    counts = summary.entity(entity)
    pk_cols = [str(c.key) for c in inspect(model).primary_key]
    # A chunk at a time, flushed: the session keeps only weak references to flushed rows,
    # so memory holds one chunk of ORM objects, not the whole roster.
    for chunk in _chunks(rows):
        keys = [tuple(r[k] for k in pk_cols) for r in chunk]
        if len(pk_cols) == 1:
            stmt = select(model).where(getattr(model, pk_cols[0]).in_([k[0] for k in keys]))
        else:
            stmt = select(model).where(tuple_(*(getattr(model, k) for k in pk_cols)).in_(keys))
        existing = {tuple(getattr(obj, k) for k in pk_cols): obj for obj in session.scalars(stmt)}
        for key, row in zip(keys, chunk, strict=True):
            found = existing.get(key)
            if found is None:
                session.add(model(**row, **(create_only or {})))
                counts.created += 1
                continue
            changed = False
            for column, value in row.items():
                if getattr(found, column) != value:
                    setattr(found, column, value)
                    changed = True
            if changed:
                counts.updated += 1
                if on_update is not None:
                    on_update(found)
            else:
                counts.unchanged += 1
        session.flush()


def _chunks(rows: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
