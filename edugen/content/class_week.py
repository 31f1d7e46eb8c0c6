"""A class's week for the teacher: what students work on, who is stuck, what goes wrong, groups,
and what the week could not serve (a topic with nothing to practise is listed, never hidden).

Pure and deterministic. Students are named only by their ids; the caller puts back
pseudonyms or names.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from edugen.schemas import (
    ClassTopics,
    ClassWeek,
    MisconceptionCount,
    PlanGap,
    SmallGroup,
    StuckStudent,
    StudentTopics,
    UnservedTopic,
)

LOW_P = 0.6  # below this on their first learning topic, students practise together
TOP_MISCONCEPTIONS = 10


@dataclass(frozen=True)
class _Candidate:
    """A student who could join the group for `topic`; `level` orders students within it."""

    student_id: str
    topic: str
    title: str
    level: float
    stuck_on: str = ""


def small_groups(
    classes: ClassTopics,
    *,
    min_size: int = 2,
    max_size: int = 6,
    titles: Mapping[str, str] | None = None,
) -> list[SmallGroup]:
    """Re-teach, practice and extension groups; no student in two, none smaller or bigger.

    Re-teach groups gather students stepping back to the same prerequisite (whatever they are
    stuck on), practice groups students whose first new or continued topic is the same and
    whose predicted P(correct) there is below 0.6, extension groups students on the same
    stretch topic who are stuck nowhere. A student goes to the first kind that keeps a group
    for them. Big groups split evenly, students of similar level together. `titles` (topic
    code → title) overrides the titles the picks carry.
    """
    names = titles or {}
    if not 1 <= min_size <= max_size:
        raise ValueError(f"group sizes need 1 <= min_size <= max_size, not {min_size}, {max_size}")
    taken: set[str] = set()
    groups: list[SmallGroup] = []
    kinds: list[tuple[Callable[[StudentTopics], _Candidate | None], Callable[[str, str], str]]]
    kinds = [
        (
            _reteach(classes),
            lambda code, title: f"re-teach {title} ({code}), a missing prerequisite",
        ),
        (_practice, lambda _, title: f"practise {title} together (P(correct) below {LOW_P})"),
        (_extension, lambda _, title: f"extension: go further with {title}"),
    ]
    for candidate_of, focus in kinds:
        by_topic: dict[str, list[_Candidate]] = {}
        for student in sorted(classes.students, key=lambda s: s.student_id):
            if student.student_id in taken:
                continue
            candidate = candidate_of(student)
            if candidate is not None:
                by_topic.setdefault(candidate.topic, []).append(candidate)
        found: list[SmallGroup] = []
        for topic in sorted(by_topic):
            members = sorted(by_topic[topic], key=lambda c: (c.level, c.student_id))
            for part in _split(members, max_size):
                if len(part) < min_size:
                    continue
                title = names.get(topic, part[0].title)
                stuck_on = sorted({names.get(c.stuck_on, c.stuck_on) for c in part if c.stuck_on})
                note = f" (stuck on {', '.join(stuck_on)})" if stuck_on else ""
                found.append(
                    SmallGroup(
                        topic=topic,
                        title=title,
                        focus=focus(topic, title) + note,
                        student_ids=sorted(c.student_id for c in part),
                    )
                )
                taken.update(c.student_id for c in part)
        groups += sorted(found, key=lambda g: (-len(g.student_ids), g.topic, g.student_ids))
    return groups


def _split(members: list[_Candidate], max_size: int) -> list[list[_Candidate]]:
    """Into the fewest runs no longer than max_size, sizes differing by at most one."""
    k = max(1, math.ceil(len(members) / max_size))
    out, start = [], 0
    for j in range(k):
        size = len(members) // k + (1 if j < len(members) % k else 0)
        out.append(members[start : start + size])
        start += size
    return out


def _reteach(classes: ClassTopics) -> Callable[[StudentTopics], _Candidate | None]:
    # The class's stuck list covers students whose step back did not make their picks.
    stuck: dict[str, StuckStudent] = {}
    for s in classes.stuck:
        stuck.setdefault(s.student_id, s)

    def candidate(student: StudentTopics) -> _Candidate | None:
        for pick in student.picks:
            if pick.kind == "step back":
                level = pick.p_correct if pick.p_correct is not None else 0.0
                return _Candidate(
                    student.student_id, pick.code, pick.title, level, pick.stuck_on or ""
                )
        s = stuck.get(student.student_id)
        if s is None:
            return None
        return _Candidate(student.student_id, s.prerequisite, s.prerequisite, 0.0, s.topic)

    return candidate


def _practice(student: StudentTopics) -> _Candidate | None:
    first = next((p for p in student.picks if p.kind in ("new", "continue")), None)
    if first is None or first.p_correct is None or first.p_correct >= LOW_P:
        return None
    return _Candidate(student.student_id, first.code, first.title, first.p_correct)


def _extension(student: StudentTopics) -> _Candidate | None:
    if any(p.kind == "step back" for p in student.picks):
        return None
    pick = next((p for p in student.picks if p.kind == "stretch"), None)
    if pick is None:
        return None
    level = -(pick.p_correct if pick.p_correct is not None else 0.0)  # strongest first
    return _Candidate(student.student_id, pick.code, pick.title, level)


def build_class_week(
    classes: ClassTopics,
    *,
    misconceptions: Sequence[MisconceptionCount],
    titles: Mapping[str, str],
    gaps: Mapping[str, Sequence[PlanGap]] | None = None,
) -> ClassWeek:
    """The teacher's week for a class; summary and next steps are left to the writer.

    `gaps` (student id → their plan's gaps) become `unserved`: per topic, why and for whom.
    """
    students: dict[str, set[str]] = {}
    for student in classes.students:
        for pick in student.picks:
            students.setdefault(pick.code, set()).add(student.student_id)
    topics = {
        code: len(ids) for code, ids in sorted(students.items(), key=lambda t: (-len(t[1]), t[0]))
    }
    common = sorted(
        misconceptions, key=lambda m: (-m.students, -m.answers, m.topic, m.misconception)
    )[:TOP_MISCONCEPTIONS]
    groups = small_groups(classes, titles=titles)
    return ClassWeek(
        class_id=classes.id,
        title=classes.title,
        week=classes.week,
        student_count=len(classes.students),
        topics=topics,
        stuck=list(classes.stuck),
        misconceptions=list(common),
        groups=groups,
        unserved=unserved_topics(gaps or {}, titles),
    )


def unserved_topics(
    gaps: Mapping[str, Sequence[PlanGap]], titles: Mapping[str, str]
) -> list[UnservedTopic]:
    """One entry per topic some plans could not serve, assigned ones first, then by topic."""
    found: dict[str, UnservedTopic] = {}
    for sid in sorted(gaps):
        for gap in gaps[sid]:
            entry = found.setdefault(
                gap.topic,
                UnservedTopic(
                    topic=gap.topic,
                    title=titles.get(gap.topic, gap.title),
                    why=gap.why,
                    student_ids=[],
                ),
            )
            if sid not in entry.student_ids:
                entry.student_ids.append(sid)
            if gap.assigned and sid not in entry.assigned_to:
                entry.assigned_to.append(sid)
    return sorted(found.values(), key=lambda u: (not u.assigned_to, u.topic))


_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)


def fallback_class_note(week: ClassWeek, titles: Mapping[str, str]) -> tuple[str, str]:
    """(summary, next steps) in plain words; students named only by their ids, no links."""

    def title(code: str) -> str:
        return titles.get(code, code)

    if week.student_count == 0:
        return ("No students in this class have work planned this week.", "Nothing to follow up.")
    summary: list[str] = []
    busiest = list(week.topics.items())[:3]
    if busiest:
        summary.append(
            f"{_count(week.student_count, 'student')} this week; most work on "
            + ", ".join(f"{title(c)} ({n})" for c, n in busiest)
            + "."
        )
    else:
        summary.append(f"{_count(week.student_count, 'student')}, none with work planned.")
    if week.stuck:
        stuck = sorted(week.stuck, key=lambda s: (-s.misses, s.student_id))
        summary.append(
            f"{_count(len(stuck), 'student')} stuck: "
            + "; ".join(
                f"{s.student_id} on {title(s.topic)} (needs {title(s.prerequisite)})" for s in stuck
            )
            + "."
        )
    else:
        summary.append("Nobody is stuck.")
    if week.misconceptions:
        top = week.misconceptions[0]
        summary.append(
            f"Most common mistake: {top.misconception} on {title(top.topic)} "
            f"({_count(top.students, 'student')})."
        )
    for u in week.unserved:
        assigned = f", though assigned to {', '.join(u.assigned_to)}" if u.assigned_to else ""
        summary.append(
            f"Not served this week: {u.title} ({u.why}; {_count(len(u.student_ids), 'student')}"
            f"{assigned})."
        )

    steps: list[str] = []
    for group in week.groups:
        steps.append(f"Small group {', '.join(group.student_ids)}: {group.focus}.")
    for m in week.misconceptions[:2]:
        steps.append(f'Go over "{m.misconception}" in {title(m.topic)} with the whole class.')
    if not steps:
        steps.append("No groups or common mistakes this week; check in with each student.")
    return _clean(" ".join(summary)), _clean(" ".join(steps))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _clean(text: str) -> str:
    return re.sub(r"\s{2,}", " ", _URL.sub("", text)).strip()
