"""ISO weeks ("2026-W49"), the unit every plan is made for."""

from __future__ import annotations

import re
from datetime import date, timedelta

from edugen.errors import UsageError

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def parse_week(text: str) -> date:
    """The Monday of an ISO week written as YYYY-Www."""
    match = _WEEK.match(text.strip())
    if not match:
        raise UsageError(f"week {text!r} is not an ISO week like 2026-W49")
    year, week = int(match[1]), int(match[2])
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError as exc:
        raise UsageError(f"week {text!r} does not exist: {year} has no week {week}") from exc


def format_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def current_week(today: date | None = None) -> str:
    return format_week(today or date.today())


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())
