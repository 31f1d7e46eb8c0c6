"""What the review gate hands out (pydantic values) and the one conversion from item rows.

Callers of the gate (CLI, API, weekly job) see only these values, never ORM rows; the checks
in edugen.validators.items see an ItemView made by `item_view`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from edugen.profiles.models import Item
from edugen.schemas import Figure
from edugen.validators.items import ItemView

STEM_CUT = 60


class StatusChangeRow(BaseModel):
    object_type: str
    object_id: str
    school_id: str | None = None
    from_status: str | None
    to_status: str
    who: str
    why: str | None
    at: datetime


class ReviewItem(BaseModel):
    """An item as a reviewer sees it: the key, the framing, where it went, what was checked."""

    id: str
    student_id: str | None = None
    week: str | None = None
    students: list[str] = Field(default_factory=list)
    topic: str
    topic_title: str = ""
    kind: str
    tier: int
    stem: str
    options: list[str] | None = None
    answer: str
    tolerance: float | None = None
    rubric: str | None = None
    solution: list[str] = Field(default_factory=list)
    hint: str | None = None
    verified: bool
    # For the school asked about; without one, the item's own status.
    status: str
    # Schools that decided for themselves (shared items), school id → status.
    schools: dict[str, str] = Field(default_factory=dict)
    source: str
    family: str | None = None
    seed: int | None = None
    outcomes: dict[str, str] = Field(default_factory=dict)
    provenance: dict[str, Any] = Field(default_factory=dict)
    problems: list[str] = Field(default_factory=list)
    history: list[StatusChangeRow] = Field(default_factory=list)
    figure: Figure | None = None

    def listing(self) -> dict[str, Any]:
        """The fields `review list --json` prints."""
        return self.model_dump(
            mode="json",
            include={
                "id",
                "student_id",
                "week",
                "students",
                "topic",
                "topic_title",
                "kind",
                "tier",
                "stem",
                "options",
                "answer",
                "verified",
                "status",
                "source",
                "family",
            },
        )


class PlanItemStatus(BaseModel):
    id: str
    status: str | None  # None: the item is gone
    verified: bool | None


class ReviewPlan(BaseModel):
    id: str  # plan:<number>
    plan_id: int
    student_id: str
    week: str
    status: str
    supersedes: str | None = None
    current: bool
    summary: str
    content: dict[str, Any]
    items: list[PlanItemStatus] = Field(default_factory=list)
    problems: list[str] = Field(default_factory=list)
    history: list[StatusChangeRow] = Field(default_factory=list)

    def listing(self) -> dict[str, Any]:
        return self.model_dump(
            mode="json",
            include={"id", "student_id", "week", "status", "supersedes", "current", "summary"},
        )


class Change(BaseModel):
    id: str
    from_status: str
    to_status: str
    changed: bool  # False: it already had that status


class ApproveReport(BaseModel):
    changes: list[Change] = Field(default_factory=list)
    skipped: dict[str, list[str]] = Field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        """How many items and plans this approval changed."""
        changed = [c.id for c in self.changes if c.changed]
        plans = sum(ref.startswith("plan:") for ref in changed)
        return {"items": len(changed) - plans, "plans": plans}


class EditResult(BaseModel):
    id: str
    fields: list[str]
    from_status: str
    to_status: str
    verified_before: bool
    verified_after: bool
    why: str | None = None


def item_view(item: Item) -> ItemView:
    """The typed value the item checks work on."""
    return ItemView(
        id=item.id,
        topic=item.topic_code,
        kind=item.kind.value,
        tier=item.tier,
        stem=item.stem,
        answer=item.answer,
        options=[str(o) for o in item.options] if item.options is not None else None,
        tolerance=item.tolerance,
        rubric=item.rubric,
        hint=item.hint,
        solution=item.solution.split("\n") if item.solution else [],
        verified=item.verified,
        family=item.family,
        seed=item.seed,
        provenance=dict(item.provenance or {}),
    )


def review_item(item: Item, status: str | None = None) -> ReviewItem:
    """The reviewer's view of an item row, with `status` as one school sees it if given."""
    view = item_view(item)
    outcomes = {
        name: str(record.get("outcome"))
        for name, record in view.provenance.items()
        if isinstance(record, dict) and "outcome" in record
    }
    return ReviewItem(
        id=view.id,
        topic=view.topic,
        topic_title=str(view.provenance.get("topic_title") or ""),
        kind=view.kind,
        tier=view.tier,
        stem=view.stem,
        options=view.options,
        answer=view.answer,
        tolerance=view.tolerance,
        rubric=view.rubric,
        solution=view.solution,
        hint=view.hint,
        verified=view.verified,
        status=status or item.status.value,
        source=item.source.value,
        family=view.family,
        seed=view.seed,
        outcomes=outcomes,
        provenance=view.provenance,
        figure=Figure.model_validate(item.figure) if item.figure else None,
    )
