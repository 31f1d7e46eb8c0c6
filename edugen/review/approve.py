"""Approve what passes its checks: the one rule behind `review approve --all-valid`, the
weekly job's auto-approval (a school's `auto_approve_verified`) and any other face.

Steps: list the drafts in scope (as the school sees them, when one is given); check each
item (edugen.validators.items.item_problems); check each plan (plan_problems, and every
item it assigns must pass too); approve the rest in one all-or-nothing change.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from edugen.profiles.models import Item
from edugen.review.listing import list_items, list_plans
from edugen.review.status import CHUNK, change_status
from edugen.review.views import ApproveReport, item_view
from edugen.validators.items import item_problems, plan_problems

WHY = "all checks passed"
Kinds = Literal["item", "plan", "all"]


def approve_valid(
    *,
    session: Session,
    who: str,
    kind: Kinds = "item",
    class_id: str | None = None,
    student_id: str | None = None,
    week: str | None = None,
    school_id: str | None = None,
    student_ids: Sequence[str] | None = None,
    why: str = WHY,
) -> ApproveReport:
    """Approve every draft in scope that passes its checks; say why each other draft stayed."""
    report = ApproveReport()
    ready: list[str] = []
    checked: dict[str, list[str]] = {}

    def problems_of(item: Item) -> list[str]:
        if item.id not in checked:
            checked[item.id] = item_problems(item_view(item))
        return checked[item.id]

    groups = (
        [None]
        if student_ids is None
        else [student_ids[i : i + CHUNK] for i in range(0, len(student_ids), CHUNK)]
    )
    scope = {"class_id": class_id, "student_id": student_id, "week": week, "school_id": school_id}
    for group in groups:
        if kind in ("item", "all"):
            for shown in list_items(session=session, status="draft", student_ids=group, **scope):
                item = session.get(Item, shown.id)
                found = problems_of(item) if item is not None else ["the item is gone"]
                if found:
                    report.skipped[shown.id] = found
                else:
                    ready.append(shown.id)
        if kind in ("plan", "all"):
            for plan in list_plans(session=session, status="draft", student_ids=group, **scope):
                found = plan_problems(plan.content, current=plan.current)
                ids = [str(i) for i in plan.content.get("item_ids", [])]
                for item in session.scalars(select(Item).where(Item.id.in_(ids))):
                    if problems_of(item):
                        found.append(f"item {item.id} does not pass its checks")
                if found:
                    report.skipped[plan.id] = found
                else:
                    ready.append(plan.id)
    if ready:
        report.changes = change_status(
            session=session, refs=ready, to="approved", who=who, why=why, school_id=school_id
        )
    return report
