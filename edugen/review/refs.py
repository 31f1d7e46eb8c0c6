"""How the gate names things: items by id, plans as `plan:<id>`; who a reviewer is."""

from __future__ import annotations

import getpass
from typing import Literal

from sqlalchemy.orm import Session

from edugen.errors import NotFoundError, UsageError
from edugen.profiles.models import Item, Plan

PLAN_PREFIX = "plan:"
ObjectKind = Literal["item", "plan"]


def parse_ref(ref: str) -> tuple[ObjectKind, str]:
    """("plan", "12") for plan:12, else ("item", ref)."""
    ref = ref.strip()
    if ref.startswith(PLAN_PREFIX):
        number = ref[len(PLAN_PREFIX) :]
        if not number.isdigit():
            raise UsageError(f"{ref!r}: a plan is named plan:<number>, e.g. plan:12")
        return "plan", str(int(number))
    if not ref:
        raise UsageError("an empty id")
    return "item", ref


def plan_ref(plan_id: int) -> str:
    return f"{PLAN_PREFIX}{plan_id}"


def reviewer(who: str | None = None) -> str:
    """Who is making the change: as given, else the operating-system user."""
    if who and who.strip():
        return who.strip()[:255]
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (e.g. a container without a passwd entry)
        return "unknown"


def api_reviewer(key_id: int, key_name: str) -> str:
    """An API decision is recorded under the key that made it, never a name the client sent."""
    return f"apikey:{key_id} {key_name}"[:255]


def get_item(session: Session, item_id: str) -> Item:
    item = session.get(Item, item_id)
    if item is None:
        raise NotFoundError(f"no item with id {item_id!r}")
    return item


def get_plan(session: Session, number: str) -> Plan:
    plan = session.get(Plan, int(number))
    if plan is None:
        raise NotFoundError(f"no plan with id {PLAN_PREFIX}{number}")
    return plan
