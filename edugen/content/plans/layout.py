"""Layout of a week's days: the work cut into chunks, interleaved, cut into one run per study
day with loads as even as possible and practice on every day, and each day's minutes shared out
within the student's minutes per day (a day runs short rather than stretch its questions)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from edugen.content.plans.sizing import MINUTES_PER_QUESTION, resource_minutes
from edugen.schemas import PlanTask, ResourcePick, TopicPick

QUESTIONS_PER_CHUNK = 4
SPACED_REVIEW_CHUNKS = 2  # a longer spaced review is spread over at most two days
STRETCH_CHUNKS = 2  # stretch stays at the end of the week
# A day's practice takes at most this many times its questions' own minutes (a tier-3
# multiple-choice question: 2 minutes, so at most 3); the rest of the day stays free.
PRACTICE_STRETCH = 1.5

TaskKind = Literal["practice", "spaced_review", "resource"]
Role = Literal["learn", "spaced_review", "stretch", "resource"]


@dataclass
class Unit:
    """One task-to-be before it is cut into chunks: a topic's practice or spaced review, or
    a resource."""

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
class Chunk:
    unit: int
    items: tuple[str, ...]
    weight: float
    is_work: bool  # questions to answer, as opposed to a resource


def units_of(
    picks: Sequence[TopicPick],
    items: Mapping[str, Sequence[str]],
    resources: Sequence[ResourcePick],
    each: Mapping[str, float],
    minutes_per_day: int,
) -> tuple[list[Unit], list[TopicPick | None], list[TopicPick]]:
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

    units: list[Unit] = []
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
        if pick.kind == "spaced review":
            units.append(
                Unit("spaced_review", "spaced_review", pick.code, pick.title, weight(mine), mine)
            )
        else:
            role: Role = "stretch" if pick.kind == "stretch" else "learn"
            units.append(Unit("practice", role, pick.code, pick.title, weight(mine), mine))
        owners.append(pick)
    # Questions made for a topic that is not picked still go out rather than vanish.
    for code in sorted(set(items) - codes):
        if mine := fresh(code):
            units.append(Unit("practice", "learn", code, code, weight(mine), mine))
            owners.append(None)
    placed_resources: set[int] = set()
    for res in resources:
        if res.resource_id in placed_resources:
            continue
        placed_resources.add(res.resource_id)
        length = resource_minutes(res, minutes_per_day)
        units.append(
            Unit("resource", "resource", res.topic, res.title, length, resource_id=res.resource_id)
        )
        owners.append(None)
    return units, owners, empty


def set_chunks(units: list[Unit], days: int) -> None:
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
            unit.chunks = min(days, SPACED_REVIEW_CHUNKS if n > 3 else 1)
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


def _chunks_of(unit_index: int, unit: Unit, each: Mapping[str, float]) -> list[Chunk]:
    """The unit's items split as evenly as possible, earlier chunks one longer."""
    if unit.kind == "resource":
        return [Chunk(unit_index, (), unit.weight, is_work=False)]
    k, n = unit.chunks, len(unit.items)
    out, start = [], 0
    for j in range(k):
        size = n // k + (1 if j < n % k else 0)
        ids = tuple(unit.items[start : start + size])
        weight = sum(each.get(i, MINUTES_PER_QUESTION) for i in ids)
        out.append(Chunk(unit_index, ids, weight, is_work=True))
        start += size
    return out


def layout(
    units: list[Unit], days: int, cap: int, each: Mapping[str, float]
) -> list[list[Chunk]] | None:
    """Chunks per day: resources first given days of their own choosing, then the practice cut
    so each day's share matches the minutes its resources leave; None when some resource
    cannot share a day with practice.

    Practice is laid out apart from resources so that a day with a long video gets fewer
    questions, not the same questions stretched: every day's practice minutes stay close to
    its questions' own minutes. The interleaved order is tried first, then one topic after
    another (a short day holds few units).
    """
    per_unit = [_chunks_of(i, u, each) for i, u in enumerate(units)]
    res = [cs[0] for i, cs in enumerate(per_unit) if units[i].role == "resource"]
    orders = [
        _fine(units, o, each) for o in (_interleaved(units, per_unit), _blocked(units, per_unit))
    ]
    work = len(orders[0])
    if work == 0:
        # No practice at all: the resources alone, one day each as far as they go.
        mean = sum(c.weight for c in res) / days
        return _partition(res, [cap] * days, [mean] * days, needs_work=False)
    on_day = _resource_days(res, days, cap, work)
    if on_day is None:
        return None
    practice = sum(c.weight for c in orders[0])
    # A resource gives way to its day's practice (`day_tasks`), so even a day-long one leaves
    # room for some: a day's room is never below the mean practice a day.
    floor = max(min(practice / days, cap), 1.0)
    room = [max(cap - sum(r.weight for r in rs), floor) for rs in on_day]
    targets = [practice * r / sum(room) for r in room]
    caps = [cap - len(rs) for rs in on_day]
    for order in orders:
        parts = _partition(order, caps, targets, needs_work=True, filled=[bool(r) for r in on_day])
        if parts is not None:
            # A resource opens its day: watch or read first, then practise.
            return [rs + part for rs, part in zip(on_day, parts, strict=True)]
    return None


def _resource_days(res: list[Chunk], days: int, cap: int, work: int) -> list[list[Chunk]] | None:
    """Resources on days, in rank order each to the day with the fewest resource minutes so
    far (nearest its even spread through the week on a tie). Only days that can hold practice
    are used (`work` chunks make at most that many practice days), and each keeps a minute
    for practice; None if some resource finds no such day."""
    slots = min(days, work)
    usable = sorted({math.floor((k + 0.5) * days / slots) for k in range(slots)})
    on_day: list[list[Chunk]] = [[] for _ in range(days)]
    load = [0.0] * days
    for j, r in enumerate(res):
        spread = (j + 0.5) * days / len(res)
        open_days = [d for d in usable if len(on_day[d]) < cap - 1]
        if not open_days:
            return None
        d = min(open_days, key=lambda d: (load[d], abs(d + 0.5 - spread), d))
        on_day[d].append(r)
        load[d] += r.weight
    return on_day


def _fine(units: list[Unit], order: list[Chunk], each: Mapping[str, float]) -> list[Chunk]:
    """The order with practice chunks cut into single questions, so a day can be cut at any
    question to fit the minutes its resources leave; a spaced review's chunks stay whole
    (spread over few days). The order still keeps stretch at the end."""
    out: list[Chunk] = []
    for c in order:
        if units[c.unit].role == "spaced_review" or len(c.items) < 2:
            out.append(c)
            continue
        out += [
            Chunk(c.unit, (i,), each.get(i, MINUTES_PER_QUESTION), is_work=True) for i in c.items
        ]
    return out


def _interleaved(units: list[Unit], per_unit: list[list[Chunk]]) -> list[Chunk]:
    """Learning round robin, spaced reviews spread through it, stretch last; practice only."""
    learn = [per_unit[i] for i, u in enumerate(units) if u.role == "learn"]
    rounds = max((len(cs) for cs in learn), default=0)
    learning = [cs[r] for r in range(rounds) for cs in learn if r < len(cs)]
    # Every chunk of a spaced review: one spread thinner to fill the days has more than
    # SPACED_REVIEW_CHUNKS, and leaving those out would leave days (and questions) out.
    spaced_units = [cs for i, cs in enumerate(per_unit) if units[i].role == "spaced_review"]
    spaced = [
        cs[r]
        for r in range(max((len(cs) for cs in spaced_units), default=0))
        for cs in spaced_units
        if r < len(cs)
    ]
    stretch = [c for i, cs in enumerate(per_unit) if units[i].role == "stretch" for c in cs]
    keyed: list[tuple[float, int, int, Chunk]] = []
    keyed += [((j + 0.5) / len(learning), 1, j, c) for j, c in enumerate(learning)]
    keyed += [((j + 0.5) / len(spaced), 2, j, c) for j, c in enumerate(spaced)]
    keyed += [(1 + (j + 0.5) / len(stretch), 3, j, c) for j, c in enumerate(stretch)]
    return [c for *_, c in sorted(keyed, key=lambda k: k[:3])]


def _blocked(units: list[Unit], per_unit: list[list[Chunk]]) -> list[Chunk]:
    """Each unit's chunks together, so a short day holds few units; practice only."""
    return [
        c
        for role in ("learn", "spaced_review", "stretch")
        for i, u in enumerate(units)
        if u.role == role
        for c in per_unit[i]
    ]


def _partition(
    chunks: list[Chunk],
    caps: Sequence[int],
    targets: Sequence[float],
    *,
    needs_work: bool,
    filled: Sequence[bool] = (),
) -> list[list[Chunk]] | None:
    """Cut the sequence into one run per day, each load as close to its day's target as can be
    (least squares, each miss relative to its target).

    Day d's run holds at most `caps[d]` different units (each needs a minute of its own). With
    `needs_work`, every run holds practice. No day is left empty while there are chunks enough
    to go round, nor ever a day marked in `filled` (it holds a resource, which never fills a
    day alone). None if impossible.
    """
    days = len(caps)
    n = len(chunks)
    prefix = [0.0]
    work = [0]
    for c in chunks:
        prefix.append(prefix[-1] + c.weight)
        work.append(work[-1] + c.is_work)
    allow_empty = (work[-1] if needs_work else n) < days
    # Misses count relative to the day's target: 4 minutes over matters more on a short day.
    scale = [max(t, 1.0) for t in targets]
    inf = math.inf
    best = [[inf] * (n + 1) for _ in range(days + 1)]
    back = [[0] * (n + 1) for _ in range(days + 1)]
    best[0][0] = 0.0
    for d in range(1, days + 1):
        target = targets[d - 1]
        may_be_empty = allow_empty and not (filled and filled[d - 1])
        for i in range(n + 1):
            empty = best[d - 1][i] + target**2 / scale[d - 1]
            if may_be_empty and empty < best[d][i]:
                best[d][i], back[d][i] = empty, i
            distinct: set[int] = set()
            for j in range(i - 1, -1, -1):
                distinct.add(chunks[j].unit)
                if len(distinct) > caps[d - 1]:
                    break
                if best[d - 1][j] == inf or (needs_work and work[i] == work[j]):
                    continue
                cost = best[d - 1][j] + (prefix[i] - prefix[j] - target) ** 2 / scale[d - 1]
                if cost < best[d][i]:
                    best[d][i], back[d][i] = cost, j
    if best[days][n] == inf:
        return None
    parts: list[list[Chunk]] = []
    i = n
    for d in range(days, 0, -1):
        j = back[d][i]
        parts.append(chunks[j:i])
        i = j
    return parts[::-1]


def day_tasks(units: list[Unit], chunks: list[Chunk], minutes: int) -> list[PlanTask]:
    """One task per unit on the day, in the order first met, within `minutes`.

    A resource takes its own minutes where the day's questions leave room, never more; the
    day's practice takes the rest, shared in proportion to its questions' minutes, but never
    more than PRACTICE_STRETCH times their own minutes: a day with few questions and no long
    resource runs short rather than asking twenty minutes of three quick questions.
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
    n_res = sum(is_resource)
    shares = _shares(minutes if n_res else _most_practice(minutes, weights), weights)
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
        practice = _most_practice(minutes - sum(res_minutes.values()), [w for _, w in work])
        work_shares = _shares(practice, [w for _, w in work])
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


def _most_practice(room: int, weights: Sequence[float]) -> int:
    """The minutes practice tasks of these weights take out of `room`: all of it, up to
    PRACTICE_STRETCH times their own minutes (rounded up), and at least a minute a task."""
    return max(len(weights), min(room, math.ceil(PRACTICE_STRETCH * sum(weights) - 1e-9)))


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
