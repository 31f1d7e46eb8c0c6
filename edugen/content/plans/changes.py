"""What changed since the previous plan: claimed from answers given since then, never from
the plan alone, most significant first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from edugen.schemas import DEFAULT_MASTERY_P, ChangeName, TopicChange, TopicPick, WeeklyPlan

LEARNING_KINDS = frozenset({"new", "continue", "step back", "assigned"})

# Changes only new answers can show.
EVIDENCE_CHANGES = frozenset({"mastered", "harder", "easier", "stepped back"})

_CHANGE_RANK: dict[str, int] = {
    "stepped back": 0,
    "back to learning": 1,
    "mastered": 2,
    "to spaced review": 3,
    "new": 4,
    "harder": 5,
    "easier": 6,
    "set aside": 7,
}


def evidenced_changes(
    previous: WeeklyPlan | None,
    picks: Sequence[TopicPick],
    mastery: Mapping[str, float] | None,
    mastery_p: float,
    answers: int | None,
) -> tuple[list[TopicChange], str]:
    """What changed, and a note when nothing can be claimed for want of new answers."""
    if previous is None:
        return [], ""
    new_answers = (
        None if answers is None or previous.answers is None else answers - previous.answers
    )
    changes = what_changed(previous, picks, mastery, mastery_p=mastery_p, new_answers=new_answers)
    if new_answers is not None and new_answers <= 0:
        return changes, "no new answers since last week"
    return changes, ""


def what_changed(
    previous: WeeklyPlan | None,
    picks: Sequence[TopicPick],
    mastery: Mapping[str, float] | None = None,
    *,
    mastery_p: float = DEFAULT_MASTERY_P,
    new_answers: int | None = None,
) -> list[TopicChange]:
    """What is different from the previous plan's picks, most significant first.

    A topic dropped since last week is "mastered" when `mastery` (topic → predicted
    P(correct) now) reaches `mastery_p`, the planner's threshold (give the configured
    PlannerSettings.mastery_p); otherwise "set aside" (other work came first this week).
    With `new_answers` 0 (no answers since the previous plan) nothing is claimed that only
    answers could show: no mastered, harder, easier or stepped back.
    """
    no_evidence = new_answers is not None and new_answers <= 0
    if previous is None:
        return []
    before: dict[str, TopicPick] = {}
    for pick in previous.picks:
        before.setdefault(pick.code, pick)
    found: list[tuple[int, float, int, TopicChange]] = []
    seen: set[str] = set()
    for index, pick in enumerate(picks):
        if pick.code in seen:
            continue
        seen.add(pick.code)
        old = before.get(pick.code)
        change = _change(old, pick)
        if change is None or (no_evidence and change.change in EVIDENCE_CHANGES):
            continue
        size = abs((pick.tier or 0) - (old.tier or 0)) if old is not None else 0
        found.append((_CHANGE_RANK[change.change], -size, index, change))
    for index, (code, old) in enumerate(before.items()):
        if code not in seen:
            p_now = None if no_evidence else (mastery or {}).get(code)
            change = _dropped(old, p_now, mastery_p)
            found.append((_CHANGE_RANK[change.change], 0, len(picks) + index, change))
    return [c for *_, c in sorted(found, key=lambda f: f[:3])]


def _dropped(old: TopicPick, p_now: float | None, mastery_p: float) -> TopicChange:
    if p_now is not None and p_now >= mastery_p:
        moved = _moved(old.p_correct, p_now)
        why = "mastered: " + (moved if moved else f"predicted P(correct) is now {p_now:.2f}")
        return TopicChange(topic=old.code, title=old.title, change="mastered", why=why)
    why = "not in this week's plan: other topics came first"
    if p_now is not None:
        why += f" (predicted P(correct) {p_now:.2f})"
    return TopicChange(topic=old.code, title=old.title, change="set aside", why=why)


def _change(old: TopicPick | None, new: TopicPick) -> TopicChange | None:
    def made(change: ChangeName, why: str) -> TopicChange:
        return TopicChange(topic=new.code, title=new.title, change=change, why=why)

    stepped_back = new.kind == "step back" and (old is None or old.kind != "step back")
    if stepped_back:
        return made("stepped back", _step_back_why(new))
    if old is None:
        return made("new", new.reason)
    if new.kind == "spaced review" and old.kind != "spaced review":
        moved = _moved(old.p_correct, new.p_correct)
        why = (
            f"ready for spaced review: {moved}"
            if moved
            else "ready for spaced review: " + new.reason
        )
        return made("to spaced review", why)
    if old.kind == "spaced review" and new.kind in LEARNING_KINDS:
        moved = _moved(old.p_correct, new.p_correct)
        return made("back to learning", new.reason + (f"; {moved}" if moved else ""))
    if old.kind == "stretch" and new.kind in LEARNING_KINDS:
        return made("new", "was a stretch last week; " + new.reason)
    if old.tier is not None and new.tier is not None and old.tier != new.tier:
        moved = _moved(old.p_correct, new.p_correct)
        why = f"tier {old.tier} → {new.tier}" + (f"; {moved}" if moved else "")
        return made("harder" if new.tier > old.tier else "easier", why)
    return None


def _moved(before: float | None, after: float | None) -> str:
    if before is None or after is None:
        return ""
    return f"predicted P(correct) moved from {before:.2f} to {after:.2f}"


def _step_back_why(pick: TopicPick) -> str:
    misses = "1 miss" if pick.misses == 1 else f"{pick.misses} misses"
    if pick.stuck_on:
        return (
            f"{misses} in a row on {pick.stuck_on}, so back to {pick.code} ({pick.title}), "
            "which it builds on"
        )
    return pick.reason
