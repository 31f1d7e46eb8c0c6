"""The state machine: draft → approved → published, rejected, reopen; every move audited.

An item's status can be per school (`item_reviews`): a decision made for a school (its API
key, its weekly auto-approval, `--school`) changes that school's status only; a decision
without a school (a local reviewer) changes the item's own status and clears the schools'
own ones. A school without its own row sees the item's own status. Plans belong to one
student, so one status. Each change writes a StatusChange row (who, when, why, school).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from edugen.errors import EdugenError, NotFoundError, UsageError
from edugen.profiles.models import ContentStatus, Item, ItemReview, Org, Plan, StatusChange
from edugen.review.refs import ObjectKind, get_item, get_plan, parse_ref
from edugen.review.views import Change

S = ContentStatus
TRANSITIONS: dict[ContentStatus, frozenset[ContentStatus]] = {
    S.draft: frozenset({S.approved, S.rejected}),
    S.approved: frozenset({S.published, S.rejected, S.draft}),
    S.rejected: frozenset({S.draft}),
    S.published: frozenset(),
    S.retired: frozenset(),
}
# How each status reaches another, for the message when a move is not allowed.
HOW = {
    S.draft: "edugen review reopen",
    S.approved: "edugen review approve",
    S.rejected: "edugen review reject",
    S.published: "an export for students",
}
CHUNK = 500


class TransitionError(EdugenError):
    """A status change the review gate does not allow."""


def check_school(session: Session, school_id: str) -> None:
    if session.get(Org, school_id) is None:
        raise NotFoundError(f"no school with id {school_id!r}")


def school_statuses(
    *, session: Session, item_ids: Collection[str], school_id: str
) -> dict[str, ContentStatus]:
    """The school's own status of each item that has one."""
    ids = list(item_ids)
    found: dict[str, ContentStatus] = {}
    for i in range(0, len(ids), CHUNK):
        rows = session.execute(
            select(ItemReview.item_id, ItemReview.status).where(
                ItemReview.school_id == school_id, ItemReview.item_id.in_(ids[i : i + CHUNK])
            )
        )
        found.update((item_id, status) for item_id, status in rows)
    return found


def item_status(*, session: Session, item: Item, school_id: str | None) -> ContentStatus:
    """The item's status as the school sees it (its own decision, else the item's)."""
    if school_id is None:
        return item.status
    return school_statuses(session=session, item_ids=[item.id], school_id=school_id).get(
        item.id, item.status
    )


def schools_of(*, session: Session, item_id: str) -> dict[str, str]:
    """Every school's own status of the item."""
    rows = session.execute(
        select(ItemReview.school_id, ItemReview.status)
        .where(ItemReview.item_id == item_id)
        .order_by(ItemReview.school_id)
    )
    return {school: status.value for school, status in rows}


def record_change(
    *,
    session: Session,
    kind: ObjectKind,
    key: str,
    from_status: ContentStatus | None,
    to_status: ContentStatus,
    who: str,
    why: str | None,
    school_id: str | None = None,
) -> None:
    session.add(
        StatusChange(
            object_type=kind,
            object_id=key,
            school_id=school_id,
            from_status=from_status.value if from_status is not None else None,
            to_status=to_status.value,
            who=who,
            why=why,
            at=datetime.now(UTC),
        )
    )


def clear_school_statuses(*, session: Session, item_id: str) -> None:
    """A decision for every school (or a changed item) replaces each school's own one."""
    session.execute(delete(ItemReview).where(ItemReview.item_id == item_id))


def _not_allowed(ref: str, current: ContentStatus, to: ContentStatus) -> str:
    allowed = sorted(s.value for s in TRANSITIONS[current])
    if not allowed:
        return f"{ref} is {current.value}; its status can no longer change"
    hint = ""
    if to == S.approved and current == S.rejected:
        hint = f" (first `edugen review reopen {ref}`, then approve it)"
    return f"{ref} is {current.value}: it can go to {' or '.join(allowed)}, not {to.value}{hint}"


def change_status(
    *,
    session: Session,
    refs: Sequence[str],
    to: str,
    who: str,
    why: str | None = None,
    school_id: str | None = None,
) -> list[Change]:
    """Move every named item or plan to `to`, or none of them: an unknown id or a move that
    is not allowed raises before anything changes. Already there: left as is, no audit row.
    With a school, items change for that school only."""
    target = ContentStatus(to)
    why = why.strip() if why else None
    if target == S.rejected and not why:
        raise UsageError("say why it is rejected: --reason TEXT")
    if not refs:
        raise UsageError("name at least one item or plan id")
    if school_id is not None:
        check_school(session, school_id)
    found: list[tuple[str, ObjectKind, str, Item | Plan, ContentStatus]] = []
    for ref in dict.fromkeys(refs):
        kind, key = parse_ref(ref)
        if kind == "plan":
            plan = get_plan(session, key)
            found.append((ref, kind, key, plan, plan.status))
        else:
            item = get_item(session, key)
            found.append(
                (ref, kind, key, item, item_status(session=session, item=item, school_id=school_id))
            )
    refused = [
        _not_allowed(ref, before, target)
        for ref, _, _, _, before in found
        if before != target and target not in TRANSITIONS[before]
    ]
    if refused:
        raise TransitionError("\n".join([*refused, "Nothing was changed."]))
    now = datetime.now(UTC)
    changes = []
    for ref, kind, key, obj, before in found:
        if before != target:
            for_school = school_id if kind == "item" else None
            if kind == "plan" or school_id is None:
                obj.status = target
                if kind == "item":
                    clear_school_statuses(session=session, item_id=key)
            else:
                row = session.get(ItemReview, (key, school_id))
                if row is None:
                    session.add(
                        ItemReview(item_id=key, school_id=school_id, status=target, updated_at=now)
                    )
                else:
                    row.status, row.updated_at = target, now
            record_change(
                session=session,
                kind=kind,
                key=key,
                from_status=before,
                to_status=target,
                who=who,
                why=why,
                school_id=for_school,
            )
        changes.append(
            Change(
                id=ref, from_status=before.value, to_status=target.value, changed=before != target
            )
        )
    session.flush()
    return changes
