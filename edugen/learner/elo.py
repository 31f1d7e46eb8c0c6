"""Online Elo-style logistic model: P(correct) = σ(θ_student + θ_student,topic + practice − b_item).

Each parameter carries a variance as well as a value, and every answer is one step of a
Kalman filter on the logit (the Laplace/"uncertainty-aware Elo" update): a parameter that
rests on few answers moves a lot, a well-known one barely moves, and the step size follows
from the evidence rather than from a hand-made schedule. Knowledge of a topic drifts a
little with every answer (students learn and forget), so it never stops adapting.

Brand-new students start from the current mean ability of the students seen so far, a new
(student, topic) from that topic's mean, a new item from its (topic, tier) difficulty, and
a new (topic, tier) from the topic's overall level plus the tier offset. The (topic, tier)
and topic levels each learn from their own prediction, the one an item nobody has
answered would get. `practice` is a global learning curve on the number of earlier right
and wrong answers in the topic (as in PFA), kept monotone so that a right answer never
lowers a prediction and a wrong one never raises it.

O(1) per answer; the state is plain dicts so callers can persist it however they like.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

# Difficulty of a brand-new item of tier 1..5 relative to its topic (tier 3 = average).
TIER_STEP = 0.7
# Logits are capped so a prediction stays strictly inside (0, 1) in floating point.
LOGIT_CAP = 30.0
# Variance of a tier's difficulty around topic level + tier offset: half a tier step.
TIER_SPREAD = (TIER_STEP / 2) ** 2


def sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def tier_offset(tier: int) -> float:
    return (tier - 3) * TIER_STEP


@dataclass(frozen=True)
class EloSettings:
    """Prior spreads in logits. Generic IRT-scale values, not fitted to one data set."""

    # Spread of abilities between students, before the population mean is known.
    student_sd: float = 1.0
    # Spread of one student's topics around their overall ability.
    topic_sd: float = 0.7
    # Prior uncertainty of a topic's (tier's) average item difficulty.
    difficulty_sd: float = 1.0
    # Spread of single items around their (topic, tier) average: the uncertainty a freshly
    # generated item adds to a prediction.
    item_sd: float = 0.8
    # Drift of topic knowledge per answer: about one logit over a hundred answers.
    topic_drift_sd: float = 0.1
    # Prior spread of the global practice slopes (logits per log answer count).
    practice_sd: float = 0.3


@dataclass(slots=True)
class Param:
    """A parameter's estimate, its variance, and the answers (and right ones) it rests on."""

    value: float = 0.0
    var: float = 1.0
    count: int = 0
    correct: int = 0


@dataclass
class LearnerState:
    settings: EloSettings = field(default_factory=EloSettings)
    students: dict[str, Param] = field(default_factory=dict)
    student_topics: dict[tuple[str, str], Param] = field(default_factory=dict)
    items: dict[str, Param] = field(default_factory=dict)
    topic_tiers: dict[tuple[str, int], Param] = field(default_factory=dict)
    # A topic's difficulty at tier 3, from answers of every tier: the seed of a new tier.
    topics: dict[str, Param] = field(default_factory=dict)
    # Global practice slopes, "right" and "wrong": logits per log(1 + earlier right or
    # wrong answers in the topic).
    practice: dict[str, Param] = field(default_factory=dict)
    # Running sums of the students' abilities and of each topic's θ_student,topic, so a
    # newcomer starts from the population mean: [sum, n].
    ability_sum: list[float] = field(default_factory=lambda: [0.0, 0.0])
    topic_sums: dict[str, list[float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        var = self.settings.practice_sd**2
        self.practice.setdefault("right", Param(0.0, var))
        self.practice.setdefault("wrong", Param(0.0, var))

    # Priors for what has not been seen yet; none of them changes the state.

    def _new_student(self) -> Param:
        total, n = self.ability_sum
        return Param(total / n if n else 0.0, self.settings.student_sd**2)

    def _new_student_topic(self, topic: str) -> Param:
        sums = self.topic_sums.get(topic)
        return Param(sums[0] / sums[1] if sums else 0.0, self.settings.topic_sd**2)

    def _new_topic(self) -> Param:
        return Param(0.0, self.settings.difficulty_sd**2)

    def _new_seed(self, topic: str, tier: int) -> Param:
        level = self.topics.get(topic) or self._new_topic()
        return Param(level.value + tier_offset(tier), level.var + TIER_SPREAD)

    def item_difficulty(self, item: str | None, topic: str, tier: int = 3) -> float:
        """A known item's learned difficulty, else its (topic, tier) seed."""
        if item is not None and item in self.items:
            return self.items[item].value
        seed = self.topic_tiers.get((topic, tier))
        return seed.value if seed is not None else self._new_seed(topic, tier).value

    def predict(self, student: str, topic: str, item: str | None = None, tier: int = 3) -> float:
        theta = self.students.get(student) or self._new_student()
        theta_topic = self.student_topics.get((student, topic)) or self._new_student_topic(topic)
        right = theta_topic.correct
        wrong = theta_topic.count - right
        x = (
            theta.value
            + theta_topic.value
            + self.practice["right"].value * math.log1p(right)
            + self.practice["wrong"].value * math.log1p(wrong)
            - self.item_difficulty(item, topic, tier)
        )
        return sigmoid(min(max(x, -LOGIT_CAP), LOGIT_CAP))

    def predict_tiers(
        self, student: str, topic: str, tiers: tuple[int, ...] = (1, 2, 3, 4, 5)
    ) -> tuple[float, ...]:
        """`predict` on a fresh item of each tier, the shared terms worked out once.

        Same arithmetic in the same order as `predict`, so the numbers are identical.
        """
        theta = self.students.get(student) or self._new_student()
        theta_topic = self.student_topics.get((student, topic)) or self._new_student_topic(topic)
        right = theta_topic.correct
        wrong = theta_topic.count - right
        base = (
            theta.value
            + theta_topic.value
            + self.practice["right"].value * math.log1p(right)
            + self.practice["wrong"].value * math.log1p(wrong)
        )
        level: Param | None = None
        result = []
        for tier in tiers:
            seed = self.topic_tiers.get((topic, tier))
            if seed is not None:
                b = seed.value
            else:
                # As item_difficulty → _new_seed, without building a Param per tier.
                if level is None:
                    level = self.topics.get(topic) or self._new_topic()
                b = level.value + tier_offset(tier)
            result.append(sigmoid(min(max(base - b, -LOGIT_CAP), LOGIT_CAP)))
        return tuple(result)

    def update(
        self, student: str, topic: str, correct: bool, item: str | None = None, tier: int = 3
    ) -> float:
        """Learn from one answer; returns the prediction made before learning from it."""
        # The hot path: plain locals, no helper calls on the common (all known) route.
        theta = self.students.get(student)
        if theta is None:
            theta = self.students[student] = self._new_student()
            self.ability_sum[0] += theta.value
            self.ability_sum[1] += 1
        key = (student, topic)
        theta_topic = self.student_topics.get(key)
        if theta_topic is None:
            theta_topic = self.student_topics[key] = self._new_student_topic(topic)
            sums = self.topic_sums.get(topic)
            if sums is None:
                self.topic_sums[topic] = [theta_topic.value, 1.0]
            else:
                sums[0] += theta_topic.value
                sums[1] += 1
        level = self.topics.get(topic)
        if level is None:
            level = self.topics[topic] = self._new_topic()
        seed_key = (topic, tier)
        seed = self.topic_tiers.get(seed_key)
        if seed is None:
            seed = self.topic_tiers[seed_key] = Param(
                level.value + tier_offset(tier), level.var + TIER_SPREAD
            )
        settings = self.settings
        item_var = settings.item_sd * settings.item_sd
        right_slope = self.practice["right"]
        wrong_slope = self.practice["wrong"]

        right_x = math.log1p(theta_topic.correct)
        wrong_x = math.log1p(theta_topic.count - theta_topic.correct)
        base = (
            theta.value
            + theta_topic.value
            + right_slope.value * right_x
            + wrong_slope.value * wrong_x
        )
        base_var = (
            theta.var
            + theta_topic.var
            + right_slope.var * right_x * right_x
            + wrong_slope.var * wrong_x * wrong_x
        )
        # The fresh-item logit: what an item of this topic and tier nobody has answered gets.
        seed_x = base - seed.value
        seed_v = base_var + seed.var + item_var
        if item is None:
            b = seed
            x, v = seed_x, seed_v
        else:
            known = self.items.get(item)
            if known is None:
                known = self.items[item] = Param(seed.value, seed.var + item_var)
            b = known
            x, v = base - b.value, base_var + b.var
        p = sigmoid(min(max(x, -LOGIT_CAP), LOGIT_CAP))
        y = 1.0 if correct else 0.0
        hit = 1 if correct else 0
        h = p * (1.0 - p)
        gain = (y - p) / (1.0 + v * h)
        shrink = h / (1.0 + v * h)

        var = theta.var
        theta.value += var * gain
        theta.var = var - var * var * shrink
        self.ability_sum[0] += var * gain
        theta.count += 1
        theta.correct += hit

        var = theta_topic.var
        step = var * gain
        theta_topic.value += step
        theta_topic.var = (
            var - var * var * shrink + settings.topic_drift_sd * settings.topic_drift_sd
        )
        self.topic_sums[topic][0] += step
        theta_topic.count += 1
        theta_topic.correct += hit

        # Slopes stay on the side that keeps predictions monotone in the answers.
        if right_x:
            var = right_slope.var
            right_slope.value = max(0.0, right_slope.value + var * right_x * gain)
            right_slope.var = var - var * var * right_x * right_x * shrink
        if wrong_x:
            var = wrong_slope.var
            wrong_slope.value = min(0.0, wrong_slope.value + var * wrong_x * gain)
            wrong_slope.var = var - var * var * wrong_x * wrong_x * shrink

        var = b.var
        b.value -= var * gain
        b.var = var - var * var * shrink
        b.count += 1
        b.correct += hit
        if b is not seed:
            # The seed learns from its own (fresh-item) prediction, so it stays the right
            # guess for items nobody has answered yet.
            ps = sigmoid(min(max(seed_x, -LOGIT_CAP), LOGIT_CAP))
            hs = ps * (1.0 - ps)
            var = seed.var
            seed.value -= var * (y - ps) / (1.0 + seed_v * hs)
            seed.var = var - var * var * hs / (1.0 + seed_v * hs)
            seed.count += 1
            seed.correct += hit
        # The topic level likewise, for tiers of this topic nobody has answered yet.
        level_x = base - level.value - tier_offset(tier)
        level_v = base_var + level.var + TIER_SPREAD + item_var
        pl = sigmoid(min(max(level_x, -LOGIT_CAP), LOGIT_CAP))
        hl = pl * (1.0 - pl)
        var = level.var
        level.value -= var * (y - pl) / (1.0 + level_v * hl)
        level.var = var - var * var * hl / (1.0 + level_v * hl)
        level.count += 1
        level.correct += hit
        return p
