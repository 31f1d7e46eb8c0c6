"""What teachers approved or edited, and the accepted prompt log entries of their runs: the
store's side of tuning on a school's own texts (`workflows.tune` links the two).

An item counts when it is approved or published (its own status or any school's) or a
teacher edited it; a plan when it is approved or published (plans have no edit). A class
week has no review status, so its note never counts.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from edugen.profiles.models import Assignment, Item, ItemReview, Plan, PromptLog
from edugen.profiles.models.base import ContentStatus
from edugen.profiles.prompt_log import _record
from edugen.prompts.log import LogRecord

GOOD = (ContentStatus.approved, ContentStatus.published)


@dataclass(frozen=True)
class ReviewedItem:
    """A generated item a teacher approved or edited, with how its texts were written."""

    id: str
    stem: str
    hint: str | None
    provenance: dict[str, Any]
    approved: bool
    edited_fields: frozenset[str]
    # (student, week) it was served in: with its fingerprint they give its prompts' seed.
    served: tuple[tuple[str, str], ...]

    @property
    def run_id(self) -> int | None:
        run = self.provenance.get("run_id")
        return run if isinstance(run, int) else None


@dataclass(frozen=True)
class ReviewedPlan:
    """An approved plan: every text it holds (the note, each resource's reason)."""

    id: int
    run_id: int
    texts: frozenset[str]


def reviewed_items(*, session: Session) -> list[ReviewedItem]:
    """Generated items from a run that a teacher approved (anywhere) or edited."""
    school_ok = set(session.scalars(select(ItemReview.item_id).where(ItemReview.status.in_(GOOD))))
    rows = session.scalars(select(Item).where(Item.id.like("gen-%")).order_by(Item.id))
    out = []
    for item in rows:
        provenance = dict(item.provenance or {})
        edited = frozenset(
            f for edit in provenance.get("edits", []) for f in edit.get("fields", [])
        )
        approved = item.status in GOOD or item.id in school_ok
        if provenance.get("run_id") is None or not (approved or edited):
            continue
        served = session.execute(
            select(Assignment.student_id, Assignment.week).where(Assignment.item_id == item.id)
        ).all()
        out.append(
            ReviewedItem(
                id=item.id,
                stem=item.stem,
                hint=item.hint,
                provenance=provenance,
                approved=approved,
                edited_fields=edited,
                served=tuple((s, w) for s, w in served),
            )
        )
    return out


def reviewed_plans(*, session: Session) -> list[ReviewedPlan]:
    """Approved or published plans of a run, each with the texts it holds."""
    rows = session.scalars(
        select(Plan).where(Plan.status.in_(GOOD), Plan.run_id.is_not(None)).order_by(Plan.id)
    )
    return [
        ReviewedPlan(id=p.id, run_id=int(p.run_id or 0), texts=frozenset(_strings(p.content)))
        for p in rows
    ]


def accepted_entries(
    *, session: Session, run_ids: Collection[int], templates: Collection[str]
) -> list[LogRecord]:
    """The accepted prompt log entries of these runs and templates, oldest first."""
    if not run_ids:
        return []
    stmt = (
        select(PromptLog)
        .where(
            PromptLog.run_id.in_(sorted(run_ids)),
            PromptLog.template.in_(sorted(templates)),
            PromptLog.outcome == "accepted",
        )
        .order_by(PromptLog.id)
    )
    return [_record(row) for row in session.scalars(stmt)]


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
