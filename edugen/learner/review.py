"""Spaced review per (student, topic) with FSRS.

A topic is reviewed at most once a day: every answer on a topic in one day is one review,
rated by the share answered right, so a session of ten questions is not ten reviews.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fsrs import Card, Rating, Scheduler

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


def review(card: dict[str, Any] | None, right: int, total: int, at: datetime) -> dict[str, Any]:
    """The card after one day's answers on the topic (a new card when there was none)."""
    current = Card.from_dict(card) if card else Card(card_id=0, due=at)
    updated, _ = SCHEDULER.review_card(current, rating(right, total), at)
    return updated.to_dict()


def recall(card: dict[str, Any] | None, at: datetime) -> float | None:
    """Predicted probability of recall at `at`; None for a topic never reviewed."""
    if not card:
        return None
    return float(SCHEDULER.get_card_retrievability(Card.from_dict(card), at))
