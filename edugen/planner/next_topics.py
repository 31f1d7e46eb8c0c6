"""Which topics a student should work on next, each with a reason a teacher can read."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from edugen.schemas import TopicInfo, TopicMastery, TopicPick


@dataclass(frozen=True)
class MasteryRule:
    """A topic counts as mastered after `min_answers` answers with predicted P(correct) >= `p`."""

    p: float = 0.8
    min_answers: int = 3
    stuck_after_misses: int = 2

    def mastered(self, m: TopicMastery | None, *, earlier_grade: bool = False) -> bool:
        """Topics from an earlier grade count as known until answers show otherwise."""
        if earlier_grade:
            return m is None or m.answers == 0 or m.p_correct >= self.p
        return m is not None and m.answers >= self.min_answers and m.p_correct >= self.p


def next_topics(
    topics: Sequence[TopicInfo],
    mastery: Mapping[str, TopicMastery],
    *,
    count: int = 3,
    student_grade: int | None = None,
    rule: MasteryRule = MasteryRule(),
) -> list[TopicPick]:
    """Rank step-backs first, then unfinished topics (weakest first), then new ready topics."""
    by_code = {t.code: t for t in topics}

    def mastered(code: str) -> bool:
        earlier = student_grade is not None and grade_number(by_code[code].grade) < student_grade
        return rule.mastered(mastery.get(code), earlier_grade=earlier)

    step_backs: list[TopicPick] = []
    continuing: list[tuple[float, TopicPick]] = []
    new: list[TopicPick] = []
    for topic in topics:
        m = mastery.get(topic.code)
        if mastered(topic.code):
            continue
        open_prereqs = [p for p in topic.prerequisites if p in by_code and not mastered(p)]
        if m is not None and m.miss_streak >= rule.stuck_after_misses and open_prereqs:
            weakest = min(open_prereqs, key=lambda c: _p(mastery.get(c)))
            step_backs.append(
                TopicPick(
                    code=weakest,
                    title=by_code[weakest].title,
                    kind="step back",
                    reason=(
                        f"step back: {m.miss_streak} misses in a row on {topic.code}; "
                        f"prerequisite {weakest} is not yet mastered"
                        + _predicted(mastery.get(weakest))
                    ),
                )
            )
            continue
        if open_prereqs:
            continue
        if m is not None and m.answers > 0:
            reason = (
                f"continue: {_answers(m.answers)} so far, predicted P(correct) {m.p_correct:.2f} "
                f"(mastered at {rule.p:.2f})"
            )
            pick = TopicPick(code=topic.code, title=topic.title, kind="continue", reason=reason)
            continuing.append((m.p_correct, pick))
        else:
            have = [p for p in topic.prerequisites if p in by_code]
            reason = (
                f"new: prerequisites mastered ({', '.join(have)})"
                if have
                else "new: no prerequisites"
            )
            new.append(TopicPick(code=topic.code, title=topic.title, kind="new", reason=reason))
    ranked = _unique(step_backs + [p for _, p in sorted(continuing, key=lambda x: x[0])] + new)
    return ranked[:count]


def grade_number(grade: str) -> int:
    """CEDS or plain grade ("KG", "06", "6") as a number; unknown grades sort last."""
    grade = grade.strip().upper()
    if grade in ("K", "KG"):
        return 0
    return int(grade) if grade.isdigit() else 99


def _answers(n: int) -> str:
    return f"{n} answer" if n == 1 else f"{n} answers"


def _p(m: TopicMastery | None) -> float:
    return m.p_correct if m is not None else 0.0


def _predicted(m: TopicMastery | None) -> str:
    return f" (predicted P(correct) {m.p_correct:.2f})" if m is not None and m.answers else ""


def _unique(picks: list[TopicPick]) -> list[TopicPick]:
    seen: set[str] = set()
    out = []
    for pick in picks:
        if pick.code not in seen:
            seen.add(pick.code)
            out.append(pick)
    return out
