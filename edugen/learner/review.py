"""Spaced review per (student, topic) with FSRS.

A topic is reviewed at most once a day: every answer on a topic in one day is one review,
rated by the share answered right, so a session of ten questions is not ten reviews.
"""

from __future__ import annotations

from datetime import datetime
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


def review(card: dict[str, Any] | None, right: int, total: int, at: datetime) -> dict[str, Any]:
    """review_card on the stored (dict) form of a card."""
    return dump(review_card(load(card), right, total, at))


def load(card: dict[str, Any] | None) -> Card | None:
    return Card.from_dict(cast(CardDict, card)) if card else None


def dump(card: Card) -> dict[str, Any]:
    return dict(card.to_dict())


def recall(card: dict[str, Any] | None, at: datetime) -> float | None:
    """Predicted probability of recall at `at`; None for a topic never reviewed."""
    loaded = load(card)
    if loaded is None:
        return None
    return float(SCHEDULER.get_card_retrievability(loaded, at))
