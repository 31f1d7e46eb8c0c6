"""The week's topics for one student: pure, deterministic, every pick with a reason.

Candidates come from the prerequisite graph (ready to learn), FSRS (due for spaced review),
repeated misses (step back to a prerequisite) and nearly-ready topics (stretch). They are
ranked by need, spaced-review urgency, interest match, teacher priority and recency, and the
week is filled with a configurable mix of new work, spaced review and stretch. Each pick's
difficulty tier is the one whose predicted P(correct) is nearest the target for its kind.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Callable, Iterable, Sequence

from pydantic import BaseModel, Field, field_validator

from edugen import config
from edugen.planner.interests import matches
from edugen.schemas import (
    DEFAULT_MASTERY_P,
    PickKind,
    StudentSnapshot,
    TopicControl,
    TopicInfo,
    TopicMastery,
    TopicPick,
)

TIERS = (1, 2, 3, 4, 5)
# The kinds of pick a week's mix counts, in the order the week is filled.
MIX_KINDS = ("learn", "spaced_review", "stretch")
# A mix key renamed in this release (old → new): still read, with a warning, for one release.
OLD_MIX_KINDS = {"review": "spaced_review"}
log = logging.getLogger(__name__)


class PlannerSettings(BaseModel):
    """Knobs a school may change; the defaults follow DESIGN.md §3."""

    model_config = {"extra": "forbid"}

    mastery_p: float = DEFAULT_MASTERY_P
    min_answers: int = 3
    stuck_after_misses: int = 2
    review_due_below: float = 0.9
    new_target: float = 0.75
    review_target: float = 0.85
    stretch_target: float = 0.65
    stretch_ready_p: float = 0.65
    # How many picks of each kind make a week (MIX_KINDS); a short kind's places go to
    # learning.
    mix: dict[str, int] = Field(
        default_factory=lambda: {"learn": 3, "spaced_review": 1, "stretch": 1}
    )
    recent_days: float = 2.0
    weight_need: float = 1.0
    weight_urgency: float = 2.0
    weight_interest: float = 0.15
    weight_priority: float = 0.5
    weight_recency: float = 0.2
    # Finishing a started topic comes before opening a new one.
    weight_unfinished: float = 0.5
    seed: int = 0

    @field_validator("mix", mode="before")
    @classmethod
    def _mix_kinds(cls, value: object) -> object:
        """Only MIX_KINDS (a misspelt kind would be ignored); an old key read as its new one."""
        if not isinstance(value, dict):
            return value
        mix: dict[object, object] = {}
        for key, count in value.items():
            if key in OLD_MIX_KINDS:
                new = OLD_MIX_KINDS[key]
                if new in value:
                    raise ValueError(f"give {new!r} or its old name {key!r}, not both")
                log.warning(
                    "[planner] mix: %r is now called %r; rename the key (the old one is read "
                    "for one more release)",
                    key,
                    new,
                )
                key = new
            if key not in MIX_KINDS:
                raise ValueError(f"unknown kind {key!r}; the kinds are {', '.join(MIX_KINDS)}")
            mix[key] = count
        return mix


def load_settings() -> PlannerSettings:
    """Planner settings: defaults, changed by [planner] in EDUGEN_HOME/edugen.toml if present."""
    return config.section("planner", PlannerSettings)


def grade_number(grade: str) -> int:
    """CEDS or plain grade ("KG", "06", "6") as a number; unknown grades sort last."""
    grade = grade.strip().upper()
    if grade in ("K", "KG"):
        return 0
    return int(grade) if grade.isdigit() else 99


def plan_topics(
    topics: Sequence[TopicInfo],
    student: StudentSnapshot,
    settings: PlannerSettings | None = None,
    served: Callable[[str], bool] | None = None,
) -> list[TopicPick]:
    """The student's picks for the week, best first within each kind.

    `served` tells whether a topic has practice items (a family or bank items): a step back
    then goes down only prerequisites that lead to such a topic, and stops at the deepest
    one it reaches, even across grades. Without it every prerequisite counts as served."""
    s = settings or PlannerSettings()
    by_code = {t.code: t for t in topics}
    ctl = student.controls
    excluded = {code for code, c in ctl.items() if c.excluded}
    no_control = TopicControl()  # one shared default, read only

    @functools.cache  # asked about each prerequisite again for every topic that needs it
    def mastered(code: str) -> bool:
        m = student.mastery.get(code)
        earlier = student.grade is not None and grade_number(by_code[code].grade) < student.grade
        if m is None or m.answers == 0:
            return earlier  # earlier-grade topics count as known until answers say otherwise
        enough = earlier or m.answers >= s.min_answers
        return enough and m.p_correct >= s.mastery_p

    def open_prereqs(topic: TopicInfo) -> list[str]:
        # An excluded prerequisite does not block what builds on it.
        return [
            p for p in topic.prerequisites if p in by_code and p not in excluded and not mastered(p)
        ]

    walking: set[str] = set()

    @functools.cache
    def leads_to_items(code: str) -> bool:
        """Whether the topic has items or an open prerequisite leads down to one that has."""
        if served is None or served(code):
            return True
        if code in walking:  # a cycle (the importer refuses them): no way down here
            return False
        walking.add(code)
        found = any(map(leads_to_items, open_prereqs(by_code[code])))
        walking.discard(code)
        return found

    def ready_prerequisite(code: str) -> str:
        """Down the weakest open prerequisites to one the student is ready for; with `served`,
        only down those that lead to items, stopping at one with items if none below has."""
        stuck, seen = code, {code}
        while blocked := [p for p in open_prereqs(by_code[code]) if p not in seen]:
            if with_items := [p for p in blocked if leads_to_items(p)]:
                blocked = with_items
            elif code != stuck and served is not None and served(code):
                break
            code = min(blocked, key=lambda c: (_p(student.mastery.get(c)), c))
            seen.add(code)
        return code

    learn: dict[str, TopicPick] = {}
    spaced: dict[str, TopicPick] = {}
    stretch: dict[str, TopicPick] = {}
    step_backs: dict[str, TopicPick] = {}
    for topic in topics:
        if topic.code in excluded:
            continue
        m = student.mastery.get(topic.code)
        control = ctl.get(topic.code, no_control)
        # A later grade's topic waits for that grade unless the teacher assigns it (a topic
        # of unknown grade, e.g. high school's, is not held back).
        if student.grade is not None and student.grade < grade_number(topic.grade) < 99:
            if not control.forced:
                continue
        blocked = open_prereqs(topic)
        # The teacher's assignment stands even on a topic counted as known (an earlier grade's).
        if mastered(topic.code) and not control.forced:
            if m is not None and m.recall is not None and m.recall < s.review_due_below:
                spaced[topic.code] = _pick(
                    topic,
                    "spaced review",
                    m,
                    s.review_target,
                    s,
                    student,
                    control,
                    _spaced_reason(m, student),
                )
            continue
        if control.forced:
            learn[topic.code] = _pick(
                topic,
                "assigned",
                m,
                s.new_target,
                s,
                student,
                control,
                "assigned by the teacher",
                boost=2.0,
            )
            continue
        if blocked and m is not None and m.miss_streak >= s.stuck_after_misses:
            weakest = ready_prerequisite(topic.code)
            back = student.mastery.get(weakest)
            reason = (
                f"step back: {m.miss_streak} misses in a row on {topic.code}; prerequisite "
                f"{weakest} is not yet mastered{_predicted(back)}"
            )
            step_backs.setdefault(
                weakest,
                _pick(
                    by_code[weakest],
                    "step back",
                    back,
                    s.new_target,
                    s,
                    student,
                    ctl.get(weakest, no_control),
                    reason,
                    boost=1.0,
                ).model_copy(update={"stuck_on": topic.code, "misses": m.miss_streak}),
            )
            continue
        if blocked:
            # An earlier grade's topic comes back only as a foundation (a step back, a spaced
            # review, or once its own prerequisites are mastered), never as a stretch.
            earlier = student.grade is not None and grade_number(topic.grade) < student.grade
            nearly = all(_p(student.mastery.get(c)) >= s.stretch_ready_p for c in blocked)
            if nearly and not earlier:
                reason = (
                    "stretch: prerequisites nearly mastered ("
                    + ", ".join(f"{c} at {_p(student.mastery.get(c)):.2f}" for c in blocked)
                    + ")"
                )
                stretch[topic.code] = _pick(
                    topic, "stretch", m, s.stretch_target, s, student, control, reason
                )
            continue
        if m is not None and m.answers > 0:
            reason = (
                f"continue: {_answers(m.answers)} so far, predicted P(correct) {m.p_correct:.2f} "
                f"(mastered at {s.mastery_p:.2f})"
            )
            if m.miss_streak >= s.stuck_after_misses:
                reason += f"; {m.miss_streak} misses in a row, so an easier tier"
            learn[topic.code] = _pick(
                topic,
                "continue",
                m,
                s.new_target,
                s,
                student,
                control,
                reason,
                boost=s.weight_unfinished,
            )
        else:
            have = [p for p in topic.prerequisites if p in by_code]
            reason = (
                f"new: prerequisites mastered ({', '.join(have)})"
                if have
                else "new: no prerequisites"
            )
            learn[topic.code] = _pick(topic, "new", m, s.new_target, s, student, control, reason)

    # A step back replaces whatever else its prerequisite was going to be this week.
    for code, pick in step_backs.items():
        if code in learn and learn[code].kind == "assigned":
            continue  # the teacher's assignment stands
        learn[code] = pick
        spaced.pop(code, None)
        stretch.pop(code, None)
    ranked = {
        kind: _rank(picks.values(), student, s)
        for kind, picks in (("learn", learn), ("spaced_review", spaced), ("stretch", stretch))
    }
    # What the teacher assigned is always in the week, ahead of everything else.
    chosen = [p for p in ranked["learn"] if p.kind == "assigned"]
    ranked["learn"] = [p for p in ranked["learn"] if p.kind != "assigned"]
    ranked["learn"], spare_learn = (
        ranked["learn"][: max(0, s.mix.get("learn", 0) - len(chosen))],
        ranked["learn"][max(0, s.mix.get("learn", 0) - len(chosen)) :],
    )
    for kind in MIX_KINDS:
        chosen += ranked[kind][: s.mix.get(kind, 0)]
    spare = sum(s.mix.values()) - len(chosen)
    leftovers = spare_learn + [
        p for kind in ("spaced_review", "stretch") for p in ranked[kind][s.mix.get(kind, 0) :]
    ]
    chosen += leftovers[: max(spare, 0)]
    return chosen


def _pick(
    topic: TopicInfo,
    kind: PickKind,
    m: TopicMastery | None,
    target: float,
    s: PlannerSettings,
    student: StudentSnapshot,
    control: TopicControl,
    reason: str,
    *,
    boost: float = 0.0,
) -> TopicPick:
    tier, p = _tier(m, target)
    if (
        m is not None
        and m.miss_streak >= s.stuck_after_misses
        and kind in ("continue", "step back")
    ):
        tier = max(1, tier - 1)
        p = m.p_tiers[tier - 1] if m.p_tiers else p
    liked = matches(topic.code, student.interests)
    need = 1.0 - (m.p_correct if m is not None else 0.5)
    urgency = (
        (s.review_due_below - m.recall)
        if kind == "spaced review" and m and m.recall is not None
        else 0.0
    )
    recent = 0.0
    if m is not None and m.last_answered_at is not None:
        days = (student.now - m.last_answered_at).total_seconds() / 86400
        recent = 1.0 if days < s.recent_days and kind in ("spaced review", "stretch") else 0.0
    score = (
        boost
        + s.weight_need * need
        + s.weight_urgency * urgency
        + s.weight_interest * (1.0 if liked else 0.0)
        + s.weight_priority * control.priority
        - s.weight_recency * recent
    )
    if control.priority:
        reason += f"; teacher priority {control.priority:+d}"
    if liked:
        reason += f"; fits interest: {liked[0]}"
    return TopicPick(
        code=topic.code,
        title=topic.title,
        kind=kind,
        tier=tier,
        p_correct=p,
        score=round(score, 6),
        reason=reason,
    )


def _tier(m: TopicMastery | None, target: float) -> tuple[int, float | None]:
    """The tier whose predicted P(correct) is nearest the target (tier 3 with no estimate)."""
    if m is None or not m.p_tiers:
        return 3, None
    tier = min(TIERS, key=lambda t: (abs(m.p_tiers[t - 1] - target), t))
    return tier, m.p_tiers[tier - 1]


def _rank(
    picks: Iterable[TopicPick], student: StudentSnapshot, s: PlannerSettings
) -> list[TopicPick]:
    """Highest score first; ties broken by a hash of (seed, student, topic), so plans repeat."""

    def tiebreak(pick: TopicPick) -> str:
        return hashlib.sha256(f"{s.seed}:{student.student_id}:{pick.code}".encode()).hexdigest()

    return sorted(picks, key=lambda p: (-p.score, tiebreak(p)))


def _spaced_reason(m: TopicMastery, student: StudentSnapshot) -> str:
    assert m.recall is not None
    if m.last_answered_at is None:
        return f"spaced review: predicted recall {m.recall:.2f}"
    days = int((student.now - m.last_answered_at).total_seconds() // 86400)
    return f"spaced review: last practised {days} days ago, predicted recall {m.recall:.2f}"


def _p(m: TopicMastery | None) -> float:
    return m.p_correct if m is not None else 0.0


def _predicted(m: TopicMastery | None) -> str:
    return f" (predicted P(correct) {m.p_correct:.2f})" if m is not None and m.answers else ""


def _answers(n: int) -> str:
    return f"{n} answer" if n == 1 else f"{n} answers"
