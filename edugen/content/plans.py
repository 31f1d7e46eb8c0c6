"""A student's week: days, minutes and tasks from the week's picks, and what changed since last.

Pure and deterministic. The week's work becomes a sequence of chunks (a few questions of one
topic, a short review, a resource) interleaved so each day mixes topics, reviews spaced through
the week and stretch work at its end. The sequence is cut into one run per study day with
loads as even as possible, chunks of one topic on one day merge into one task, and each day's
minutes are shared out so they add up to the student's minutes per day exactly.
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
    PlanTask,
    ResourcePick,
    TopicChange,
    TopicPick,
    WeeklyPlan,
)
from edugen.weeks import parse_week

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
LEARNING_KINDS = frozenset({"new", "continue", "step back", "assigned"})

# Desired minutes, before each day is scaled to the student's minutes: they set proportions.
MINUTES_PER_QUESTION = 2.5
MINUTES_PER_REVIEW_QUESTION = 2.0
PRACTICE_WITHOUT_ITEMS = 8.0  # worked examples, no questions of its own
REVIEW_WITHOUT_ITEMS = 4.0
RESOURCE_MINUTES = (5, 10)  # a resource gets this much when the day has room
QUESTIONS_PER_CHUNK = 4
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
) -> WeeklyPlan:
    """The student's week: `study_days` days from Monday, each exactly `minutes_per_day` long.

    Every item id given (for a picked topic or not) lands in exactly one task. A day with
    nothing to do (only when there is no work at all) has 0 minutes. If the week has more
    topics and resources than minutes, the lowest-ranked ones are left out of the plan, and
    `picks`, `item_ids` and `resources` list only what was placed. A topic dropped since
    `previous` counts as mastered from `mastery_p` on (the configured planner threshold).
    """
    if not 1 <= study_days <= 7:
        raise UsageError(f"study days must be 1 to 7, not {study_days}")
    if minutes_per_day < 1:
        raise UsageError(f"minutes per day must be at least 1, not {minutes_per_day}")
    start = parse_week(week)
    units, unit_picks = _units(picks, items, resources)
    # Every task takes at least a minute, so a week holds at most this many different tasks.
    capacity = minutes_per_day * study_days
    units, unit_picks = units[:capacity], unit_picks[:capacity]
    _set_chunks(units, study_days)
    layout = _layout(units, study_days, minutes_per_day)

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
    return WeeklyPlan(
        student_id=student_id,
        week=week,
        minutes_per_day=minutes_per_day,
        days=days,
        picks=plan_picks,
        changes=what_changed(previous, plan_picks, mastery, mastery_p=mastery_p),
        item_ids=[i for d in days for t in d.tasks for i in t.item_ids],
        resources=[r for r in resources if r.resource_id in kept_resources],
    )


def _units(
    picks: Sequence[TopicPick],
    items: Mapping[str, Sequence[str]],
    resources: Sequence[ResourcePick],
) -> tuple[list[_Unit], list[TopicPick | None]]:
    """Units in priority order (picks as ranked, unpicked topics' items, resources)."""
    seen_items: set[str] = set()

    def fresh(code: str) -> list[str]:
        out = []
        for item in items.get(code, ()):
            if item not in seen_items:
                seen_items.add(item)
                out.append(item)
        return out

    units: list[_Unit] = []
    owners: list[TopicPick | None] = []
    codes: set[str] = set()
    for pick in picks:
        if pick.code in codes:
            continue  # one task line per topic; a repeated pick adds nothing
        codes.add(pick.code)
        mine = fresh(pick.code)
        if pick.kind == "review":
            weight = len(mine) * MINUTES_PER_REVIEW_QUESTION or REVIEW_WITHOUT_ITEMS
            units.append(_Unit("review", "review", pick.code, pick.title, weight, mine))
        else:
            role: Role = "stretch" if pick.kind == "stretch" else "learn"
            weight = len(mine) * MINUTES_PER_QUESTION or PRACTICE_WITHOUT_ITEMS
            units.append(_Unit("practice", role, pick.code, pick.title, weight, mine))
        owners.append(pick)
    # Questions made for a topic that is not picked still go out rather than vanish.
    for code in sorted(set(items) - codes):
        if mine := fresh(code):
            units.append(
                _Unit("practice", "learn", code, code, len(mine) * MINUTES_PER_QUESTION, mine)
            )
            owners.append(None)
    placed_resources: set[int] = set()
    for res in resources:
        if res.resource_id in placed_resources:
            continue
        placed_resources.add(res.resource_id)
        weight = float(sum(RESOURCE_MINUTES)) / 2
        units.append(
            _Unit("resource", "resource", res.topic, res.title, weight, resource_id=res.resource_id)
        )
        owners.append(None)
    return units, owners


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
    # Too few chunks to give every day some work: spread the biggest units thinner, first
    # never below one question a chunk, then (a single short topic) over every day anyway.
    for allow_empty in (False, True):
        while sum(u.chunks for u in units) < days:
            open_units = [
                (i, u)
                for i, u in enumerate(units)
                if u.chunks < u.max_chunks
                and (allow_empty or not u.items or u.chunks < len(u.items))
            ]
            if not open_units:
                break
            _, unit = max(open_units, key=lambda iu: (iu[1].weight / iu[1].chunks, -iu[0]))
            unit.chunks += 1


def _chunks_of(unit_index: int, unit: _Unit) -> list[_Chunk]:
    """The unit's items split as evenly as possible, earlier chunks one longer."""
    k, n = unit.chunks, len(unit.items)
    out, start = [], 0
    for j in range(k):
        size = n // k + (1 if j < n % k else 0)
        out.append(_Chunk(unit_index, tuple(unit.items[start : start + size]), unit.weight / k))
        start += size
    return out


def _layout(units: list[_Unit], days: int, cap: int) -> list[list[_Chunk]]:
    """Chunks per day: the interleaved order if it fits, else one topic after another."""
    per_unit = [_chunks_of(i, u) for i, u in enumerate(units)]
    for order in (_interleaved(units, per_unit), _blocked(units, per_unit)):
        parts = _partition(order, days, cap)
        if parts is not None:
            return parts
    raise AssertionError("a week that fits its minutes always has a layout")  # pragma: no cover


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

    No run holds more than `cap` different units (each needs a minute of its own), and no
    day is left empty while there are chunks enough to go round. None if impossible.
    """
    n = len(chunks)
    prefix = [0.0]
    for c in chunks:
        prefix.append(prefix[-1] + c.weight)
    mean = prefix[-1] / days
    allow_empty = n < days
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
                if best[d - 1][j] == inf:
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
    """One task per unit on the day, in the order first met; minutes add up exactly."""
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
        # A resource keeps a sensible length (on a short day, its fair share); the practice
        # on the day takes the rest.
        room = (minutes - (len(order) - n_res)) // n_res
        low = RESOURCE_MINUTES[0] if minutes >= 3 * RESOURCE_MINUTES[0] else 1
        low, high = min(low, room), min(RESOURCE_MINUTES[1], room)
        res_minutes = {
            u: min(high, max(low, s))
            for u, s, r in zip(order, shares, is_resource, strict=True)
            if r
        }
        rest = [(u, w) for u, w, r in zip(order, weights, is_resource, strict=True) if not r]
        rest_shares = _shares(minutes - sum(res_minutes.values()), [w for _, w in rest])
        by_unit = res_minutes | {u: s for (u, _), s in zip(rest, rest_shares, strict=True)}
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
    """`total` split in proportion to `weights`, each at least 1 (largest remainder)."""
    n = len(weights)
    spare = total - n
    assert spare >= 0, "a day holds no more tasks than minutes"
    whole = sum(weights)
    raw = [spare * w / whole if whole > 0 else spare / n for w in weights]
    ints = [math.floor(r) for r in raw]
    left = spare - sum(ints)
    for i in sorted(range(n), key=lambda i: (-(raw[i] - ints[i]), i))[:left]:
        ints[i] += 1
    return [1 + i for i in ints]


# --- what changed ----------------------------------------------------------------------

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
) -> list[TopicChange]:
    """What is different from the previous plan's picks, most significant first.

    A topic dropped since last week is "mastered" when `mastery` (topic → predicted
    P(correct) now) reaches `mastery_p`, the planner's threshold (give the configured
    PlannerSettings.mastery_p); otherwise "set aside" (other work came first this week).
    """
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
        if change is None:
            continue
        size = abs((pick.tier or 0) - (old.tier or 0)) if old is not None else 0
        found.append((_CHANGE_RANK[change.change], -size, index, change))
    for index, (code, old) in enumerate(before.items()):
        if code not in seen:
            change = _dropped(old, (mastery or {}).get(code), mastery_p)
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
