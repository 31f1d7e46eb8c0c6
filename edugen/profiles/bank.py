"""Write a teacher's question bank: items keyed by "bank:" + the teacher's id."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from edugen.importers.common import InputProblems
from edugen.importers.items import ItemRecord, ItemsBatch
from edugen.profiles.models import ContentStatus, Item, ItemKind, ItemReview, ItemSource, Topic
from edugen.profiles.upsert import upsert
from edugen.schemas import ImportSummary


def apply(*, session: Session, batch: ItemsBatch) -> ImportSummary:
    """Insert new bank items, update changed ones, count the rest; unknown topics fail it all."""
    summary = ImportSummary(kind="items")
    known = set(session.scalars(select(Topic.code)))
    problems = InputProblems()
    for record in batch.items:
        if record.topic not in known:
            problems.add(record.file, record.line, "topic", f"unknown topic {record.topic!r}")
    problems.raise_if_any()

    def back_to_draft(item: Item) -> None:
        # An edited question is a new question: it needs a reviewer's look again, in every
        # school that had decided on it.
        item.status = ContentStatus.draft
        session.execute(delete(ItemReview).where(ItemReview.item_id == item.id))

    upsert(
        session,
        Item,
        [_values(record) for record in batch.items],
        summary=summary,
        entity="items",
        create_only={"status": ContentStatus.draft, "created_at": datetime.now(UTC)},
        on_update=back_to_draft,
    )
    return summary


def _values(record: ItemRecord) -> dict[str, Any]:
    return {
        "id": record.item_id,
        "topic_code": record.topic,
        "kind": ItemKind(record.kind),
        "tier": record.tier,
        "stem": record.stem,
        "options": list(record.options) if record.options is not None else None,
        "answer": record.answer,
        "solution": record.solution,
        "hint": record.hint,
        "rubric": record.rubric,
        "source": ItemSource.bank,
        # Every structural check passed in parse(), or nothing would be written.
        "verified": True,
        "tolerance": record.tolerance,
        "provenance": {"file": record.file, "line": record.line},
    }
