"""A student's week: days, minutes and tasks from the week's picks, and what changed since last.

Pure and deterministic. The week's work becomes a sequence of chunks (a few questions of one
topic, a short review, a resource) interleaved so each day mixes topics, reviews spaced through
the week and stretch work at its end. The sequence is cut into one run per study day with
loads as even as possible and practice on every day (a resource never fills a day alone while
there are questions to go round), chunks of one topic on one day merge into one task, and each
day's minutes are shared out so they add up to the student's minutes per day exactly.

A task's length comes from its own content: a question's minutes from its kind and tier
(`item_minutes`, times the student's `time_factor`), a resource's from the catalog (capped
by the day), and the week's question count from what the minutes hold (`question_count`).
A topic with nothing to
practise gets no empty slot: the plan lists it under `gaps` with why. What changed since the
previous plan is claimed only from answers given since then.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Literal

from edugen.errors import UsageError
from edugen.schemas import (
    DEFAULT_MASTERY_P,
    ChangeName,
    PlanDay,
    PlanGap,
    PlanTask,
    ResourcePick,
    TopicChange,
    TopicPick,
    WeeklyPlan,
)
from edugen.weeks import parse_week

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
LEARNING_KINDS = frozenset({"new", "continue", "step back", "assigned"})

# Minutes a question takes, by kind, at tier 1; each tier up adds TIER_STEP of that
# (a multiple-choice question takes 1 minute at tier 1 and 3 at tier 5).
KIND_MINUTES = {"multiple_choice": 1.0, "numeric": 1.5, "short_answer": 2.0}
TIER_STEP = 0.5
MINUTES_PER_QUESTION = 2.0  # a question whose kind and tier are not given
RESOURCE_MINUTES = 10  # a resource with no duration in the catalog
QUESTIONS_PER_CHUNK = 4
# A week's questions when the count follows the minutes: never fewer (a week of practice
# worth planning) nor more (a week a student can finish); GenerateSettings can move both.
QUESTIONS_MIN = 5
QUESTIONS_MAX = 30
REVIEW_CHUNKS = 2  # a longer review is spaced over at most two days
STRETCH_CHUNKS = 2  # stretch stays at the end of the week

TaskKind = Literal["practice", "review", "resource"]
Role = Literal["learn", "review", "stretch", "resource"]


@dataclass
class _Unit:
    """One task-to-be before it is cut into chunks: a topic's practice or review, a resource."""

    kind: TaskKind
    role: Role
    topic: str
    title: str
    weight: float
    items: list[str] = field(default_factory=list)
    resource_id: int | None = None
    chunks: int = 1
    max_chunks: int = 1


@dataclass(frozen=True)
class _Chunk:
    unit: int
    items: tuple[str, ...]
    weight: float
    is_work: bool  # questions to answer, as opposed to a resource


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


def build_week(
    *,
    student_id: str,
    week: str,
    minutes_per_day: int,
    picks: Sequence[TopicPick],
    items: Mapping[str, Sequence[str]],
    resources: Sequence[ResourcePick],
    previous: WeeklyPlan | None,
    study_days: int = 5,
    mastery: Mapping[str, float] | None = None,
    mastery_p: float = DEFAULT_MASTERY_P,
    minutes: Mapping[str, float] | None = None,
    gaps: Mapping[str, str] | None = None,
    answers: int | None = None,
    time_factor: float = 1.0,
) -> WeeklyPlan:
    """The student's week: `study_days` days from Monday, each exactly `minutes_per_day` long.

    Every item id given (for a picked topic or not) lands in exactly one task; `minutes`
    gives each item's own minutes (`item_minutes`), else MINUTES_PER_QUESTION, and
    `time_factor` multiplies every question's minutes (extended time); resources keep
    theirs. A day with
    nothing to do (only when the week has fewer questions than study days) has 0 minutes.
    A pick with no items goes to the plan's `gaps`, with the reason `gaps` gives for its
    topic. If the week has more topics and resources than minutes, the lowest-ranked ones
    are left out of the plan (an assigned topic left out is a gap too), and `picks`,
    `item_ids` and `resources` list only what was placed. `answers` is the student's count
    of answers now: changes since `previous` are claimed only if it has grown since that
    plan. A topic dropped since `previous` counts as mastered from `mastery_p` on.
    """
    if not 1 <= study_days <= 7:
        raise UsageError(f"study days must be 1 to 7, not {study_days}")
    if minutes_per_day < 1:
        raise UsageError(f"minutes per day must be at least 1, not {minutes_per_day}")
    if not time_factor > 0:
        raise UsageError(f"the time factor must be more than 0, not {time_factor}")
    start = parse_week(week)
    given = minutes or {}
    each = {
        i: given.get(i, MINUTES_PER_QUESTION) * time_factor for ids in items.values() for i in ids
    }
    units, unit_picks, empty = _units(picks, items, resources, each, minutes_per_day)
    # Every task takes at least a minute, so a week holds at most this many different tasks.
    capacity = minutes_per_day * study_days
    units, unit_picks = units[:capacity], unit_picks[:capacity]
    _set_chunks(units, study_days)
    layout = _layout(units, study_days, minutes_per_day, each)
    while layout is None:
        # A resource shares its day with practice; with too few minutes for both, the
        # lowest-ranked resource goes.
        last = max(i for i, u in enumerate(units) if u.kind == "resource")
        del units[last], unit_picks[last]
        layout = _layout(units, study_days, minutes_per_day, each)

    days: list[PlanDay] = []
    for index, chunks in enumerate(layout):
        tasks = _day_tasks(units, chunks, minutes_per_day)
        days.append(
            PlanDay(
                day=DAY_NAMES[index],
                date=start + timedelta(days=index),
                minutes=sum(t.minutes for t in tasks),
                tasks=tasks,
            )
        )
    placed = {id(p) for p in unit_picks if p is not None}
    kept_resources = {u.resource_id for u in units if u.kind == "resource"}
    plan_picks = [p for p in picks if id(p) in placed]
    why = gaps or {}
    plan_gaps = [
        PlanGap(
            topic=p.code,
            title=p.title,
            why=f"no practice items yet for {p.code}"
            + (f": {why[p.code]}" if why.get(p.code) else ""),
            assigned=p.kind == "assigned",
        )
        for p in empty
    ]
    left_out = {p.code for p in plan_picks} | {p.code for p in empty}
    plan_gaps += [
        PlanGap(
            topic=p.code,
            title=p.title,
            why=f"{p.code} did not fit in {minutes_per_day} minutes a day with the other work",
            assigned=True,
        )
        for p in picks
        if p.kind == "assigned" and p.code not in left_out
    ]
    # A topic that cannot be served is in the week all the same: not "set aside" or
    # "mastered"; its gap says what became of it.
    unserved = {g.topic for g in plan_gaps}
    in_week = plan_picks + [p for p in picks if p.code in unserved and id(p) not in placed]
    changes, note = _evidenced_changes(previous, in_week, mastery, mastery_p, answers)
    return WeeklyPlan(
        student_id=student_id,
        week=week,
        minutes_per_day=minutes_per_day,
        days=days,
        picks=plan_picks,
        changes=[c for c in changes if c.topic not in unserved],
        item_ids=[i for d in days for t in d.tasks for i in t.item_ids],
        resources=[r for r in resources if r.resource_id in kept_resources],
        gaps=plan_gaps,
        changes_note=note,
        answers=answers,
    )


def _evidenced_changes(
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


def _units(
    picks: Sequence[TopicPick],
    items: Mapping[str, Sequence[str]],
    resources: Sequence[ResourcePick],
    each: Mapping[str, float],
    minutes_per_day: int,
) -> tuple[list[_Unit], list[TopicPick | None], list[TopicPick]]:
    """Units in priority order (picks as ranked, unpicked topics' items, resources), and the
    picks with no items to serve (no unit: an empty practice slot helps nobody)."""
    seen_items: set[str] = set()

    def fresh(code: str) -> list[str]:
        out = []
        for item in items.get(code, ()):
            if item not in seen_items:
                seen_items.add(item)
                out.append(item)
        return out

    def weight(ids: Sequence[str]) -> float:
        return sum(each.get(i, MINUTES_PER_QUESTION) for i in ids)

    units: list[_Unit] = []
    owners: list[TopicPick | None] = []
    empty: list[TopicPick] = []
    codes: set[str] = set()
    for pick in picks:
        if pick.code in codes:
            continue  # one task line per topic; a repeated pick adds nothing
        codes.add(pick.code)
        mine = fresh(pick.code)
        if not mine:
            empty.append(pick)
            continue
        if pick.kind == "review":
            units.append(_Unit("review", "review", pick.code, pick.title, weight(mine), mine))
        else:
            role: Role = "stretch" if pick.kind == "stretch" else "learn"
            units.append(_Unit("practice", role, pick.code, pick.title, weight(mine), mine))
        owners.append(pick)
    # Questions made for a topic that is not picked still go out rather than vanish.
    for code in sorted(set(items) - codes):
        if mine := fresh(code):
            units.append(_Unit("practice", "learn", code, code, weight(mine), mine))
            owners.append(None)
    placed_resources: set[int] = set()
    for res in resources:
        if res.resource_id in placed_resources:
            continue
        placed_resources.add(res.resource_id)
        length = resource_minutes(res, minutes_per_day)
        units.append(
            _Unit("resource", "resource", res.topic, res.title, length, resource_id=res.resource_id)
        )
        owners.append(None)
    return units, owners, empty


def _set_chunks(units: list[_Unit], days: int) -> None:
    """How many days each unit is spread over; at least one chunk per day when possible."""
    for unit in units:
        n = len(unit.items)
        if unit.role == "resource":
            unit.chunks = unit.max_chunks = 1
            continue
        if unit.role == "learn":
            unit.chunks = min(days, max(1, math.ceil(n / QUESTIONS_PER_CHUNK)))
        elif unit.role == "stretch":
            unit.chunks = min(days, STRETCH_CHUNKS, max(1, math.ceil(n / QUESTIONS_PER_CHUNK)))
        else:
            unit.chunks = min(days, REVIEW_CHUNKS if n > 3 else 1)
        unit.max_chunks = days

    # Too few work chunks to give every day some practice: spread the biggest units thinner,
    # never below one question a chunk (an empty practice slot is no practice).
    def work_chunks() -> int:
        return sum(u.chunks for u in units if u.kind != "resource")

    while work_chunks() < days:
        open_units = [
            (i, u)
            for i, u in enumerate(units)
            if u.kind != "resource" and u.chunks < u.max_chunks and u.chunks < len(u.items)
        ]
        if not open_units:
            break
        _, unit = max(open_units, key=lambda iu: (iu[1].weight / iu[1].chunks, -iu[0]))
        unit.chunks += 1


def _chunks_of(unit_index: int, unit: _Unit, each: Mapping[str, float]) -> list[_Chunk]:
    """The unit's items split as evenly as possible, earlier chunks one longer."""
    if unit.kind == "resource":
        return [_Chunk(unit_index, (), unit.weight, is_work=False)]
    k, n = unit.chunks, len(unit.items)
    out, start = [], 0
    for j in range(k):
        size = n // k + (1 if j < n % k else 0)
        ids = tuple(unit.items[start : start + size])
        weight = sum(each.get(i, MINUTES_PER_QUESTION) for i in ids)
        out.append(_Chunk(unit_index, ids, weight, is_work=True))
        start += size
    return out


def _layout(
    units: list[_Unit], days: int, cap: int, each: Mapping[str, float]
) -> list[list[_Chunk]] | None:
    """Chunks per day: the interleaved order if it fits, else one topic after another;
    None when no order can give every resource a day with practice."""
    per_unit = [_chunks_of(i, u, each) for i, u in enumerate(units)]
    for order in (_interleaved(units, per_unit), _blocked(units, per_unit)):
        parts = _partition(order, days, cap)
        if parts is not None:
            return parts
    return None


def _interleaved(units: list[_Unit], per_unit: list[list[_Chunk]]) -> list[_Chunk]:
    """Learning round robin, reviews spaced through it, stretch last, resources spread out."""
    learn = [per_unit[i] for i, u in enumerate(units) if u.role == "learn"]
    rounds = max((len(cs) for cs in learn), default=0)
    learning = [cs[r] for r in range(rounds) for cs in learn if r < len(cs)]
    # Every chunk of a review: one spread thinner to fill the days has more than
    # REVIEW_CHUNKS, and leaving those out would leave days (and questions) out.
    review_units = [cs for i, cs in enumerate(per_unit) if units[i].role == "review"]
    reviews = [
        cs[r]
        for r in range(max((len(cs) for cs in review_units), default=0))
        for cs in review_units
        if r < len(cs)
    ]
    stretch = [c for i, cs in enumerate(per_unit) if units[i].role == "stretch" for c in cs]
    res = [cs[0] for i, cs in enumerate(per_unit) if units[i].role == "resource"]
    keyed: list[tuple[float, int, int, _Chunk]] = []
    keyed += [((j + 0.5) / len(learning), 1, j, c) for j, c in enumerate(learning)]
    keyed += [((j + 0.5) / len(reviews), 2, j, c) for j, c in enumerate(reviews)]
    keyed += [(1 + (j + 0.5) / len(stretch), 3, j, c) for j, c in enumerate(stretch)]
    work = [c for *_, c in sorted(keyed, key=lambda k: k[:3])]
    # Resource j goes where the fraction j/R of the work's minutes is done, so resources
    # fall on different days as far as there are days.
    total = sum(c.weight for c in work) + sum(c.weight for c in res)
    out: list[_Chunk] = []
    done, j = 0.0, 0
    for c in work:
        while j < len(res) and done >= total * j / len(res):
            out.append(res[j])
            done += res[j].weight
            j += 1
        out.append(c)
        done += c.weight
    return out + res[j:]


def _blocked(units: list[_Unit], per_unit: list[list[_Chunk]]) -> list[_Chunk]:
    """Each unit's chunks together (so a short day holds few units), resources between them."""
    blocks = [
        per_unit[i]
        for role in ("learn", "review", "stretch")
        for i, u in enumerate(units)
        if u.role == role
    ]
    res = [per_unit[i] for i, u in enumerate(units) if u.role == "resource"]
    n = len(blocks)
    for j, block in reversed(list(enumerate(res))):
        blocks.insert(j * n // len(res), block)
    return [c for block in blocks for c in block]


def _partition(chunks: list[_Chunk], days: int, cap: int) -> list[list[_Chunk]] | None:
    """Cut the sequence into `days` runs with the most even loads (least squares).

    No run holds more than `cap` different units (each needs a minute of its own), every
    run holds practice (a resource never fills a day alone) and no day is left empty while
    there is practice enough to go round. A week with no practice at all keeps its
    resources, one run each as far as they go. None if impossible.
    """
    n = len(chunks)
    prefix = [0.0]
    work = [0]
    for c in chunks:
        prefix.append(prefix[-1] + c.weight)
        work.append(work[-1] + c.is_work)
    mean = prefix[-1] / days
    needs_work = work[-1] > 0
    allow_empty = (work[-1] if needs_work else n) < days
    inf = math.inf
    best = [[inf] * (n + 1) for _ in range(days + 1)]
    back = [[0] * (n + 1) for _ in range(days + 1)]
    best[0][0] = 0.0
    for d in range(1, days + 1):
        for i in range(n + 1):
            if allow_empty and best[d - 1][i] + mean**2 < best[d][i]:
                best[d][i], back[d][i] = best[d - 1][i] + mean**2, i
            distinct: set[int] = set()
            for j in range(i - 1, -1, -1):
                distinct.add(chunks[j].unit)
                if len(distinct) > cap:
                    break
                if best[d - 1][j] == inf or (needs_work and work[i] == work[j]):
                    continue
                cost = best[d - 1][j] + (prefix[i] - prefix[j] - mean) ** 2
                if cost < best[d][i]:
                    best[d][i], back[d][i] = cost, j
    if best[days][n] == inf:
        return None
    parts: list[list[_Chunk]] = []
    i = n
    for d in range(days, 0, -1):
        j = back[d][i]
        parts.append(chunks[j:i])
        i = j
    return parts[::-1]


def _day_tasks(units: list[_Unit], chunks: list[_Chunk], minutes: int) -> list[PlanTask]:
    """One task per unit on the day, in the order first met; minutes add up exactly.

    A resource takes its own minutes where the day's questions leave room, never more; the
    day's practice takes the rest, shared in proportion to its questions' minutes.
    """
    order: list[int] = []
    merged: dict[int, tuple[list[str], float]] = {}
    for c in chunks:
        if c.unit not in merged:
            order.append(c.unit)
            merged[c.unit] = ([], 0.0)
        got_items, got_weight = merged[c.unit]
        merged[c.unit] = (got_items + list(c.items), got_weight + c.weight)
    if not order:
        return []
    is_resource = [units[u].kind == "resource" for u in order]
    weights = [merged[u][1] for u in order]
    shares = _shares(minutes, weights)
    n_res = sum(is_resource)
    if 0 < n_res < len(order):
        work = [(u, w) for u, w, r in zip(order, weights, is_resource, strict=True) if not r]
        needed = math.ceil(sum(w for _, w in work) - 1e-9)
        # What the questions leave, at least a minute for each, shared among the resources.
        room = minutes - max(len(work), min(needed, minutes - n_res))
        res_minutes: dict[int, int] = {}
        for u, r in zip(order, is_resource, strict=True):
            if r:
                fair = room // (n_res - len(res_minutes))
                got = max(1, min(math.ceil(units[u].weight), fair))
                res_minutes[u] = got
                room -= got
        work_shares = _shares(minutes - sum(res_minutes.values()), [w for _, w in work])
        by_unit = res_minutes | {u: s for (u, _), s in zip(work, work_shares, strict=True)}
        shares = [by_unit[u] for u in order]
    return [
        PlanTask(
            kind=units[u].kind,
            topic=units[u].topic,
            title=units[u].title,
            minutes=share,
            item_ids=merged[u][0],
            resource_id=units[u].resource_id,
        )
        for u, share in zip(order, shares, strict=True)
    ]


def _shares(total: int, weights: Sequence[float]) -> list[int]:
    """`total` split in proportion to `weights`, each at least 1 (largest remainder).

    In proportion to the whole of `total`, not to what is left after a minute each: a long
    task is not cut below its share to lift the short ones.
    """
    n = len(weights)
    assert total >= n, "a day holds no more tasks than minutes"
    whole = sum(weights)
    raw = [total * w / whole if whole > 0 else total / n for w in weights]
    ints = [max(1, math.floor(r)) for r in raw]
    while sum(ints) > total:
        # A task lifted to its one minute is paid for by the task furthest above its share.
        i = max((i for i in range(n) if ints[i] > 1), key=lambda i: (ints[i] - raw[i], -i))
        ints[i] -= 1
    left = total - sum(ints)
    for i in sorted(range(n), key=lambda i: (-(raw[i] - ints[i]), i))[:left]:
        ints[i] += 1
    return ints


# --- what changed ----------------------------------------------------------------------

# Changes only new answers can show.
EVIDENCE_CHANGES = frozenset({"mastered", "harder", "easier", "stepped back"})

_CHANGE_RANK: dict[str, int] = {
    "stepped back": 0,
    "back to learning": 1,
    "mastered": 2,
    "to review": 3,
    "new": 4,
    "harder": 5,
    "easier": 6,
    "set aside": 7,
}


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
    if new.kind == "review" and old.kind != "review":
        moved = _moved(old.p_correct, new.p_correct)
        why = f"ready for review: {moved}" if moved else "ready for review: " + new.reason
        return made("to review", why)
    if old.kind == "review" and new.kind in LEARNING_KINDS:
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


# --- the note to the student when the model's is rejected -------------------------------

_SAFE_TITLE = re.compile(r"^[A-Za-z][A-Za-z ,'-]*$")


def fallback_summary(plan: WeeklyPlan, titles: Mapping[str, str]) -> str:
    """Two to four short, plain sentences to the student; no names, links or other numbers."""
    minutes = plan.minutes_per_day
    if not any(day.tasks for day in plan.days):
        return "There is no new work for you this week. Enjoy the break, and keep up the good work!"
    unit = "minute" if minutes == 1 else "minutes"
    sentences = [f"This week you will work for {minutes} {unit} a day."]
    learning = [p for p in plan.picks if p.kind != "review"]
    named = [t for t in (_plain_title(p.code, p.title, titles) for p in learning) if t][:2]
    if named:
        sentences.append(f"You will work on {' and '.join(named)}.")
    elif learning:
        sentences.append("You will learn some new things and go over some old ones.")
    changes = {c.change for c in plan.changes}
    if "stepped back" in changes:
        sentences.append("We will go back over a skill that helps, so the next step is easier.")
    elif "to review" in changes or "harder" in changes:
        sentences.append("You did well last week, so some work moves on.")
    elif any(p.kind == "review" for p in plan.picks):
        sentences.append("You will also look back at things you know, so you keep them.")
    sentences.append("Take your time and do your best!")
    return " ".join(sentences[:4])


def _plain_title(code: str, title: str, titles: Mapping[str, str]) -> str | None:
    """A title safe to show as is: words only, short, no digits or links."""
    text = titles.get(code, title).strip().rstrip(".")
    if not text or not _SAFE_TITLE.match(text) or len(text.split()) > 5:
        return None
    return text
