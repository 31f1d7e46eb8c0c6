"""Spaced review per (student, topic) with FSRS.

A topic is reviewed at most once a day: every answer on a topic in one day is one review,
rated by the share answered right, so a session of ten questions is not ten reviews. The
stored log keeps the card as it was before the latest day, so answers of that day that
arrive in a later import join the same review instead of making a second one, and answers
older than the latest day (imported late) leave the schedule alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from fsrs import Card, Rating, Scheduler
from fsrs.card import CardDict

# Topic-level reviews have no minute-scale learning steps, and no fuzz so plans are
# reproducible.
SCHEDULER = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
DUE_BELOW = 0.9


def rating(right: int, total: int) -> Rating:
    share = right / total
    if share < 0.5:
        return Rating.Again
    if share < 0.8:
        return Rating.Hard
    if share < 1.0 or total < 3:
        return Rating.Good
    return Rating.Easy


def review_card(card: Card | None, right: int, total: int, at: datetime) -> Card:
    """The card after one day's answers on the topic (a new card when there was none)."""
    current = card if card is not None else Card(card_id=0, due=at)
    updated, _ = SCHEDULER.review_card(current, rating(right, total), at)
    return updated


def _card(data: Any) -> Card | None:
    return Card.from_dict(cast(CardDict, data)) if data else None


@dataclass
class ReviewLog:
    """A topic's FSRS card, plus the latest day's answers and the card before that day."""

    card: Card | None = None
    base: Card | None = None
    day: date | None = None
    right: int = 0
    total: int = 0
    last: datetime | None = None
    _dirty: bool = False

    @classmethod
    def load(cls, data: dict[str, Any] | None) -> ReviewLog:
        if not data:
            return cls()
        return cls(
            card=_card(data.get("card")),
            base=_card(data.get("base")),
            day=date.fromisoformat(data["day"]) if data.get("day") else None,
            right=int(data.get("right", 0)),
            total=int(data.get("total", 0)),
            last=datetime.fromisoformat(data["last"]) if data.get("last") else None,
        )

    def add(self, correct: bool, at: datetime) -> None:
        """Count one answer (times in UTC); call `settle` before reading the card."""
        if self.day is not None and at.date() < self.day:
            return  # older than the latest reviewed day: the schedule has moved past it
        if self.day is None or at.date() > self.day:
            self.settle()
            self.base, self.day, self.right, self.total = self.card, at.date(), 0, 0
        self.right += 1 if correct else 0
        self.total += 1
        self.last = at if self.last is None or at > self.last else self.last
        self._dirty = True

    def settle(self) -> None:
        """Review the base card with the latest day's answers."""
        if self._dirty and self.last is not None:
            self.card = review_card(self.base, self.right, self.total, self.last)
            self._dirty = False

    def dump(self) -> dict[str, Any]:
        self.settle()
        return {
            "card": dict(self.card.to_dict()) if self.card else None,
            "base": dict(self.base.to_dict()) if self.base else None,
            "day": self.day.isoformat() if self.day else None,
            "right": self.right,
            "total": self.total,
            "last": self.last.isoformat() if self.last else None,
        }


def review(log: dict[str, Any] | None, right: int, total: int, at: datetime) -> dict[str, Any]:
    """A stored log after `total` answers (`right` of them right) at `at`."""
    state = ReviewLog.load(log)
    for i in range(total):
        state.add(i < right, at)
    return state.dump()


def recall(log: dict[str, Any] | None, at: datetime) -> float | None:
    """Predicted probability of recall at `at`; None for a topic never reviewed."""
    card = _card(log.get("card")) if log else None
    if card is None:
        return None
    return float(SCHEDULER.get_card_retrievability(card, at))
