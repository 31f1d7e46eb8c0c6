"""What each accommodation flag changes, in one place: fewer items, more minutes, a mark.

`reduced_items`: REDUCED_SHARE of the week's questions (at least one for every topic the
full selection covered), each still at its own minutes: less work, so a shorter day.
`extended_time`: every question gets EXTENDED_TIME times its minutes (`time_factor`, for
plans.build_week) and the day grows to hold them: the same work, more time. `calculator`:
items whose key is a number are marked as calculator items in their provenance. `large_print`
and `read_aloud` change how the student copy is made (exporters/pages, exporters/audio).
Every flag a student has is listed on the copies, in words (`describe`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection

from edugen.content.answers import parse_number
from edugen.content.questions import Selection
from edugen.schemas import PracticeItem, Provenance

REDUCED_SHARE = 0.6
EXTENDED_TIME = 1.5
# The importer's ceiling on minutes a day; extended time never plans past it.
MAX_MINUTES = 240
# Large print: every line of the student copy at least this size, headings larger.
LARGE_PRINT_PT = 18.0
# The body size the normal copies are drawn at; large print scales from it.
BODY_PT = 10.5

DESCRIPTIONS = {
    "reduced_items": "Reduced items: fewer questions this week, every topic still covered",
    "extended_time": (
        f"Extended time: {EXTENDED_TIME:g} × the minutes for each question "
        "(already in the minutes of the plan)"
    ),
    "large_print": "Large print",
    "calculator": "Calculator allowed on the questions marked “Calculator allowed”",
    "read_aloud": "Read aloud: a recording of every question and of the note, with the HTML copy",
    "simplified_language": "Simplified language in the notes and hints",
}


def describe(accommodations: Collection[str]) -> list[str]:
    """Each flag a student has, in words for the copy, in the importer's order."""
    return [text for flag, text in DESCRIPTIONS.items() if flag in accommodations]


def reduced_count(count: int, topics: int) -> int:
    """How many of `count` questions a reduced week keeps: REDUCED_SHARE, at least one a topic."""
    return min(count, max(math.ceil(count * REDUCED_SHARE), topics))


def reduce(selection: Selection, accommodations: Collection[str], *, count: int) -> Selection:
    """The week's selection, cut to `reduced_count` for a `reduced_items` student.

    The topic with the most questions left gives one up first (its last), so every topic
    keeps at least one and the shares stay close to the planner's.
    """
    if "reduced_items" not in accommodations:
        return selection
    slots = list(selection.slots)
    keep = reduced_count(count, len({s.topic for s in slots}))
    left = Counter(s.topic for s in slots)
    while len(slots) > keep:
        most = max(left.values())
        topic = next(t for t in reversed([s.topic for s in slots]) if left[t] == most)
        last = max(i for i, s in enumerate(slots) if s.topic == topic)
        del slots[last]
        left[topic] -= 1
    return Selection(slots, selection.gaps, selection.missing)


def time_factor(accommodations: Collection[str]) -> float:
    """What each question's minutes are multiplied by: EXTENDED_TIME with extended time."""
    return EXTENDED_TIME if "extended_time" in accommodations else 1.0


def plan_minutes(
    minutes_per_day: int,
    accommodations: Collection[str],
    *,
    work_minutes: float | None = None,
    study_days: int = 5,
) -> int:
    """The minutes a day the plan shares out.

    Extended time: EXTENDED_TIME times the student's (the questions take that much longer).
    Reduced items: no more than the week's work (`work_minutes`: its questions' minutes
    with `time_factor`, and its resources') needs a day, so the questions a reduced week
    leaves out are time off, not the kept ones stretched.
    """
    minutes = minutes_per_day
    if "extended_time" in accommodations:
        minutes = min(MAX_MINUTES, max(minutes + 1, round(minutes * EXTENDED_TIME)))
    if "reduced_items" in accommodations and work_minutes is not None:
        minutes = min(minutes, max(1, math.ceil(work_minutes / study_days - 1e-9)))
    return minutes


def is_computation(item: PracticeItem) -> bool:
    """A question whose key is a number: a calculator helps, and may be allowed."""
    return parse_number(item.answer, percent=True) is not None


def mark(item: PracticeItem, accommodations: Collection[str]) -> PracticeItem:
    """The item, with `calculator: true` in its provenance when the student may use one on it.

    The mark travels with the stored item, so whoever scores the answer can tell a
    calculator was allowed.
    """
    if "calculator" not in accommodations or not is_computation(item):
        return item
    provenance = Provenance.model_validate({**item.provenance.stored(), "calculator": True})
    return item.model_copy(update={"provenance": provenance})


def calculator_allowed(item: PracticeItem) -> bool:
    """Whether the item was marked as a calculator item when it was made."""
    return bool((item.provenance.model_extra or {}).get("calculator"))


def large_print_pt(size: float) -> float:
    """A size on the large-print copy: scaled so body text is LARGE_PRINT_PT, never less."""
    return max(LARGE_PRINT_PT, round(size * LARGE_PRINT_PT / BODY_PT, 1))
