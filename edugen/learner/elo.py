"""Online Elo-style logistic model: P(correct) = σ(θ_student + θ_student,topic − b_item).

Every answer moves the three parameters against the prediction error, with step sizes
that shrink as each parameter rests on more answers (so early answers move estimates a
lot and later ones fine-tune). O(1) per answer; the state is plain dicts so callers can
persist it however they like.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

# Difficulty of a brand-new item of tier 1..5 relative to its topic (tier 3 = average).
TIER_STEP = 0.7


def sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def tier_offset(tier: int) -> float:
    return (tier - 3) * TIER_STEP


@dataclass(frozen=True)
class EloSettings:
    student_rate: float = 0.4
    topic_rate: float = 0.6
    item_rate: float = 0.4
    decay: float = 0.05


@dataclass
class Param:
    """A parameter and the number of answers it has learned from."""

    value: float = 0.0
    count: int = 0

    def step(self, rate: float, decay: float) -> float:
        return rate / (1.0 + decay * self.count)


@dataclass
class LearnerState:
    settings: EloSettings = field(default_factory=EloSettings)
    students: dict[str, Param] = field(default_factory=dict)
    student_topics: dict[tuple[str, str], Param] = field(default_factory=dict)
    items: dict[str, Param] = field(default_factory=dict)
    topic_tiers: dict[tuple[str, int], Param] = field(default_factory=dict)

    def item_difficulty(self, item: str | None, topic: str, tier: int = 3) -> float:
        """A known item's learned difficulty, else its (topic, tier) seed."""
        if item is not None and item in self.items:
            return self.items[item].value
        seed = self.topic_tiers.get((topic, tier))
        return seed.value if seed is not None else tier_offset(tier)

    def predict(self, student: str, topic: str, item: str | None = None, tier: int = 3) -> float:
        theta = self.students.get(student, Param()).value
        theta_topic = self.student_topics.get((student, topic), Param()).value
        return sigmoid(theta + theta_topic - self.item_difficulty(item, topic, tier))

    def update(
        self, student: str, topic: str, correct: bool, item: str | None = None, tier: int = 3
    ) -> float:
        """Learn from one answer; returns the prediction made before learning from it."""
        p = self.predict(student, topic, item, tier)
        error = (1.0 if correct else 0.0) - p
        s = self.settings
        theta = self.students.setdefault(student, Param())
        theta_topic = self.student_topics.setdefault((student, topic), Param())
        theta.value += theta.step(s.student_rate, s.decay) * error
        theta.count += 1
        theta_topic.value += theta_topic.step(s.topic_rate, s.decay) * error
        theta_topic.count += 1
        seed = self.topic_tiers.setdefault((topic, tier), Param(tier_offset(tier)))
        if item is not None:
            b = self.items.setdefault(item, Param(seed.value))
            b.value -= b.step(s.item_rate, s.decay) * error
            b.count += 1
        seed.value -= seed.step(s.item_rate, s.decay) * error
        seed.count += 1
        return p
