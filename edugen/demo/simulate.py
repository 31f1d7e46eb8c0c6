"""Six weeks of synthetic answers, simulated from a learner model so students differ.

Each student has a general ability, a learning speed, a topic-by-topic aptitude and an
engagement level. A class works through its own grade's topics in curriculum order (two
a week); every session a student answers questions on the class topic, reviews earlier
ones and, when weak, revisits earlier grades' foundations. P(correct) follows the same logistic
form the learner model assumes, with skill growing as a topic is practised.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from edugen.learner.elo import sigmoid, tier_offset
from edugen.planner.picks import grade_number
from edugen.schemas import TopicInfo

SESSION_DAYS = (0, 2, 4)  # Monday, Wednesday, Friday
TOPICS_PER_WEEK = 2


@dataclass
class SimStudent:
    id: str
    ability: float
    learning_rate: float
    engagement: float
    aptitude: dict[str, float]
    practice: dict[str, int]

    def p_correct(self, topic: str, tier: int) -> float:
        # Practice helps with diminishing returns; foundations start ahead.
        growth = self.learning_rate * math.log1p(self.practice.get(topic, 0)) * 2.0
        return sigmoid(self.ability + self.aptitude[topic] + growth - tier_offset(tier))


def _make_student(
    rng: random.Random, student_id: str, topics: list[TopicInfo], grade: int
) -> SimStudent:
    ability = rng.gauss(0.3, 0.9)
    # Earlier grades' foundations start ahead of the student's own grade's topics.
    aptitude = {
        t.code: rng.gauss(0.8 if grade_number(t.grade) < grade else 0.0, 0.5) for t in topics
    }
    return SimStudent(
        id=student_id,
        ability=ability,
        learning_rate=rng.uniform(0.15, 0.6),
        engagement=min(1.0, max(0.35, rng.gauss(0.8, 0.2))),
        aptitude=aptitude,
        practice={},
    )


def simulate(
    student_ids: list[str],
    topics: list[TopicInfo],
    *,
    week_monday: date,
    weeks: int = 6,
    seed: int = 2026,
    grade: int = 6,
) -> list[dict[str, str]]:
    """Answer rows (student_id, item_id, topic, correct, timestamp) for the weeks before,
    for students of one grade: later grades' topics are neither taught nor drawn for."""
    rng = random.Random(seed)
    topics = [t for t in topics if grade_number(t.grade) <= grade]
    own = [t for t in topics if grade_number(t.grade) == grade]
    foundations = [t for t in topics if grade_number(t.grade) < grade]
    prereqs = {t.code: t.prerequisites for t in topics}
    # Only the class's topics and their foundations are ever answered: aptitudes are drawn
    # for those alone, so rows added elsewhere in the curriculum leave the history as it is.
    needed = {t.code for t in own} | {p for t in own for p in prereqs[t.code]}
    drawn = [t for t in topics if t.code in needed]
    sims = [_make_student(rng, sid, drawn, grade) for sid in student_ids]
    rows: list[dict[str, str]] = []
    for week in range(weeks):
        monday = week_monday - timedelta(weeks=weeks - week)
        taught = own[: TOPICS_PER_WEEK * (week + 1)]
        current = taught[-TOPICS_PER_WEEK:]
        for sim in sims:
            for day in SESSION_DAYS:
                if rng.random() > sim.engagement:
                    continue  # skipped this session
                when = datetime.combine(monday + timedelta(days=day), time(9), tzinfo=UTC)
                when += timedelta(minutes=rng.randrange(0, 7 * 60))
                plan = [rng.choice(current) for _ in range(rng.randint(4, 7))]
                plan += [rng.choice(taught) for _ in range(rng.randint(0, 2))]
                struggling = (
                    [p for t in current for p in prereqs[t.code] if sim.p_correct(p, 3) < 0.6]
                    if foundations
                    else []
                )
                if struggling:
                    plan += [
                        _topic(topics, rng.choice(struggling)) for _ in range(rng.randint(1, 3))
                    ]
                for topic in plan:
                    tier = min(5, max(1, round(3 + sim.ability + rng.gauss(0, 0.7))))
                    correct = rng.random() < sim.p_correct(topic.code, tier)
                    sim.practice[topic.code] = sim.practice.get(topic.code, 0) + 1
                    rows.append(
                        {
                            "student_id": sim.id,
                            "item_id": f"demo-{topic.code}-t{tier}-{rng.randint(1, 12):02d}",
                            "topic": topic.code,
                            "correct": "true" if correct else "false",
                            "timestamp": when.isoformat().replace("+00:00", "Z"),
                        }
                    )
                    when += timedelta(seconds=rng.randrange(40, 180))
    return rows


def _topic(topics: list[TopicInfo], code: str) -> TopicInfo:
    return next(t for t in topics if t.code == code)
