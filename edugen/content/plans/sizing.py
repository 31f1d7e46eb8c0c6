"""How long a week's work takes: a question's minutes from its kind and tier, a resource's
from the catalog (never more than a day), and the week's question count from what its minutes
hold."""

from __future__ import annotations

import math
from collections.abc import Sequence

from edugen.errors import UsageError
from edugen.schemas import ResourcePick

# Minutes a question takes, by kind, at tier 1; each tier up adds TIER_STEP of that
# (a multiple-choice question takes 1 minute at tier 1 and 3 at tier 5).
KIND_MINUTES = {
    "multiple_choice": 1.0,
    "numeric": 1.5,
    "ordered_pair": 1.5,
    "expression": 2.0,
    "short_answer": 2.0,
}
TIER_STEP = 0.5
MINUTES_PER_QUESTION = 2.0  # a question whose kind and tier are not given
RESOURCE_MINUTES = 10  # a resource with no duration in the catalog
QUESTIONS_PER_CHUNK = 4
# A week's questions when the count follows the minutes: never fewer (a week of practice
# worth planning) nor more (a week a student can finish); GenerateSettings can move both.
QUESTIONS_MIN = 5
QUESTIONS_MAX = 30


def item_minutes(kind: str, tier: int | None) -> float:
    """Minutes a student needs for one question of this kind and tier (1-5)."""
    base = KIND_MINUTES.get(kind, MINUTES_PER_QUESTION)
    return base * (1 + TIER_STEP * (min(max(tier or 3, 1), 5) - 1))


def mean_minutes(questions: Sequence[tuple[str, int | None]]) -> float:
    """The mean minutes of (kind, tier) questions; MINUTES_PER_QUESTION for none."""
    if not questions:
        return MINUTES_PER_QUESTION
    return sum(item_minutes(kind, tier) for kind, tier in questions) / len(questions)


def resource_minutes(resource: ResourcePick, minutes_per_day: int) -> float:
    """A resource's minutes in the plan: its catalog duration, never more than a day."""
    return float(min(resource.minutes or RESOURCE_MINUTES, minutes_per_day))


def question_count(
    *,
    minutes_per_day: int,
    study_days: int,
    per_question: float,
    resources: Sequence[ResourcePick] = (),
    low: int = QUESTIONS_MIN,
    high: int = QUESTIONS_MAX,
) -> int:
    """How many questions fill the week: its minutes less its resources', over a question's
    minutes (`mean_minutes`), rounded and kept within `low`..`high`."""
    if low > high:
        raise UsageError(f"the fewest questions a week ({low}) is more than the most ({high})")
    week = minutes_per_day * study_days
    practice = week - sum(resource_minutes(r, minutes_per_day) for r in resources)
    fits = math.floor(max(0.0, practice) / per_question + 0.5) if per_question > 0 else high
    return max(low, min(high, fits))
