"""Moodle quiz slots back to edugen's items, for reports that name a question only by its
position: the "Grades" report ("Q. 1 /1.00") and a "Responses" report without question text.

A student's Moodle quiz is built from the question category edugen exported for them
(docs/lms.md, *Moodle*): *Add > from question bank*, the category, select all, *Add
selected questions to the quiz*. The questions go into the quiz in the order the bank lists
them, and the quiz's bank view lists them by question type, then question name (Moodle's
mod/quiz/classes/question/bank/custom_view.php, `default_sort`: the question type column,
sorted on `q.qtype`, then the name column, on `q.name`). edugen wrote both: the type from
the item's kind (exporters/lms/moodle.py) and the name `item_title(item)`. So slot N of the
quiz is the N-th of those items in that order.

Which items: the ones exported to the student for a week (approved, or with drafts when
the teacher exported drafts), of a week whose count equals the quiz's slots. Where two
weeks fit, the week of the attempt decides; otherwise nothing is guessed. Where the order
could depend on how Moodle's database sorts names (byte order, case-insensitive, or
ignoring punctuation as many locales do), the slot is not matched either.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from edugen.exporters.lms.common import item_title
from edugen.exporters.lms.moodle import question_type
from edugen.exporters.pages.model import APPROVED
from edugen.exporters.printable import printable_items
from edugen.profiles.generated import week_items
from edugen.profiles.models import Assignment
from edugen.schemas import PracticeItem
from edugen.weeks import format_week

WITHDRAWN = frozenset({"rejected", "retired"})
ADVICE = "download the Responses report with 'Question text' ticked instead"


def moodle_order(items: Sequence[PracticeItem]) -> list[str] | None:
    """The item ids in the order Moodle's quiz bank view lists their questions (type, then
    name); None when byte order, case-insensitive order and a locale order that skips
    punctuation and spaces would disagree, so the order depends on Moodle's database."""
    shown = printable_items(items)  # the text the Moodle export wrote

    def orders() -> list[list[str]]:
        keys = (
            lambda name: name,
            lambda name: name.casefold(),
            lambda name: "".join(c for c in name.casefold() if c.isalnum()),
        )
        return [
            [i.id for i in sorted(shown, key=lambda i: (question_type(i), key(item_title(i))))]
            for key in keys
        ]

    first, *others = orders()
    return first if all(other == first for other in others) else None


class SlotMatcher:
    """Finds the item at a quiz slot for one student's attempt; remembers what it read."""

    def __init__(self, session: Session, slots: int) -> None:
        self.session = session
        self.slots = slots
        self._weeks: dict[str, list[str]] = {}
        self._sets: dict[tuple[str, str], list[list[PracticeItem]]] = {}

    def item_for(self, student: str, slot: int, when: datetime) -> tuple[str, str]:
        """(item id, "") for the item at `slot` of the student's quiz, or ("", the problem)."""
        fits: list[tuple[str, list[PracticeItem]]] = []
        counts: list[str] = []
        for week in self._student_weeks(student):
            for items in self._exported(student, week):
                if len(items) == self.slots:
                    fits.append((week, items))
                else:
                    counts.append(f"{week}: {len(items)}")
        if len(fits) > 1:
            same = [fit for fit in fits if fit[0] == format_week(when.date())]
            fits = same or fits
        if not fits:
            seen = "; ".join(counts[:3]) + ("; …" if len(counts) > 3 else "")
            exported = f" ({seen})" if seen else ": nothing was exported to this student"
            return "", (
                f"the report names this question only by its position, and no week's export "
                f"to {student!r} has the quiz's {self.slots} questions{exported}; {ADVICE}"
            )
        if len(fits) > 1:
            weeks = ", ".join(week for week, _ in fits)
            return "", (
                f"the report names this question only by its position, and the quiz's "
                f"{self.slots} questions fit what {student!r} was given in {weeks} alike; "
                f"{ADVICE}"
            )
        week, items = fits[0]
        order = moodle_order(items)
        if order is None:
            return "", (
                f"the order Moodle gives {student!r}'s {week} questions depends on how its "
                f"database sorts names; {ADVICE}"
            )
        if not 1 <= slot <= len(order):
            return "", f"the quiz has {self.slots} questions, so there is no question {slot}"
        return order[slot - 1], ""

    def _student_weeks(self, student: str) -> list[str]:
        if student not in self._weeks:
            found = self.session.scalars(
                select(Assignment.week).where(Assignment.student_id == student).distinct()
            )
            self._weeks[student] = sorted(found)
        return self._weeks[student]

    def _exported(self, student: str, week: str) -> list[list[PracticeItem]]:
        """The sets of items a Moodle export of the week gave the student: the approved ones,
        and those with the drafts (`--include-drafts`) where that differs."""
        key = (student, week)
        if key not in self._sets:
            items = week_items(session=self.session, student_ids=[student], week=week)[student]
            approved = [i for i in items if i.status in APPROVED]
            drafts = [i for i in items if i.status not in WITHDRAWN]
            self._sets[key] = [s for s in (approved, drafts) if s]
            if len(drafts) == len(approved):
                self._sets[key] = self._sets[key][:1]
        return self._sets[key]
