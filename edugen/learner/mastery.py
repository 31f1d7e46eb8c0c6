"""Mastery per (student, topic) estimated by replaying answers through the Elo model."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from edugen.learner.elo import LearnerState
from edugen.schemas import AnswerRecord, TopicMastery


def estimate(
    answers: Iterable[AnswerRecord], state: LearnerState | None = None
) -> dict[str, dict[str, TopicMastery]]:
    """Learn from answers in the order given; mastery is P(correct) on an average (tier 3) item."""
    state = state or LearnerState()
    counts: dict[tuple[str, str], int] = defaultdict(int)
    streaks: dict[tuple[str, str], int] = defaultdict(int)
    last: dict[tuple[str, str], AnswerRecord] = {}
    for a in answers:
        key = (a.student_id, a.topic_code)
        state.update(a.student_id, a.topic_code, a.correct, item=a.item_ref or None)
        counts[key] += 1
        streaks[key] = 0 if a.correct else streaks[key] + 1
        last[key] = a
    result: dict[str, dict[str, TopicMastery]] = defaultdict(dict)
    for (student, topic), n in counts.items():
        result[student][topic] = TopicMastery(
            code=topic,
            p_correct=state.predict(student, topic),
            answers=n,
            miss_streak=streaks[(student, topic)],
            last_answered_at=last[(student, topic)].answered_at,
        )
    return dict(result)
