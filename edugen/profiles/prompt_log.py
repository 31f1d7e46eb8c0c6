"""The prompt log: every prompt sent to a model and what came back (DESIGN.md §4)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from edugen.errors import NotFoundError
from edugen.profiles.models import PromptLog
from edugen.prompts.log import LogEntry, LogRecord

__all__ = ["LogEntry", "LogRecord", "get_entry", "list_entries", "record"]


def record(
    *, session: Session, entries: Sequence[LogEntry], run_id: int | None = None
) -> list[int]:
    """Store `entries` (optionally as part of generation run `run_id`); their new ids."""
    now = datetime.now(UTC)
    rows = [
        PromptLog(
            run_id=run_id,
            template=e.template[:255],
            template_hash=e.template_hash,
            backend=e.backend[:64],
            model=e.model[:512],
            options=e.options,
            seed=e.seed,
            prompt=e.prompt,
            output=e.output,
            prompt_tokens=e.prompt_tokens,
            completion_tokens=e.completion_tokens,
            latency_ms=e.latency_ms,
            outcome=e.outcome,
            created_at=now,
        )
        for e in entries
    ]
    session.add_all(rows)
    session.flush()
    return [row.id for row in rows]


def list_entries(
    *,
    session: Session,
    limit: int = 20,
    template: str | None = None,
    outcome: str | None = None,
) -> list[LogRecord]:
    """The newest entries first, optionally only one template's or one outcome's."""
    stmt = select(PromptLog).order_by(PromptLog.id.desc()).limit(limit)
    if template is not None:
        stmt = stmt.where(PromptLog.template == template)
    if outcome is not None:
        stmt = stmt.where(PromptLog.outcome == outcome)
    return [_record(row) for row in session.scalars(stmt)]


def get_entry(*, session: Session, entry_id: int) -> LogRecord:
    row = session.get(PromptLog, entry_id)
    if row is None:
        raise NotFoundError(f"no prompt log entry with id {entry_id}")
    return _record(row)


def _record(row: PromptLog) -> LogRecord:
    created = row.created_at
    if created.tzinfo is None:  # SQLite hands back naive datetimes; they were stored in UTC
        created = created.replace(tzinfo=UTC)
    return LogRecord.model_validate(
        {
            "id": row.id,
            "run_id": row.run_id,
            "template": row.template,
            "template_hash": row.template_hash,
            "backend": row.backend,
            "model": row.model,
            "options": row.options or {},
            "seed": row.seed,
            "prompt": row.prompt,
            "output": row.output,
            "prompt_tokens": row.prompt_tokens,
            "completion_tokens": row.completion_tokens,
            "latency_ms": row.latency_ms,
            "outcome": row.outcome,
            "created_at": created,
        }
    )
