"""A student's week from its picks: every question once, days within the student's minutes,
and what cannot be served listed under `gaps` with why (a topic never gets an empty slot)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta

from edugen.content.plans.changes import evidenced_changes
from edugen.content.plans.layout import day_tasks, layout, set_chunks, units_of
from edugen.content.plans.sizing import MINUTES_PER_QUESTION
from edugen.errors import UsageError
from edugen.schemas import (
    DEFAULT_MASTERY_P,
    PlanDay,
    PlanGap,
    ResourcePick,
    TopicPick,
    WeeklyPlan,
)
from edugen.weeks import parse_week

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


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
    """The student's week: `study_days` days from Monday, each at most `minutes_per_day` long
    (a day whose questions need less, with no resource to fill it, runs short: `day_tasks`).

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
    units, unit_picks, empty = units_of(picks, items, resources, each, minutes_per_day)
    # Every task takes at least a minute, so a week holds at most this many different tasks.
    capacity = minutes_per_day * study_days
    units, unit_picks = units[:capacity], unit_picks[:capacity]
    set_chunks(units, study_days)
    days_chunks = layout(units, study_days, minutes_per_day, each)
    while days_chunks is None:
        # A resource shares its day with practice; with too few minutes for both, the
        # lowest-ranked resource goes.
        last = max(i for i, u in enumerate(units) if u.kind == "resource")
        del units[last], unit_picks[last]
        days_chunks = layout(units, study_days, minutes_per_day, each)

    days: list[PlanDay] = []
    for index, chunks in enumerate(days_chunks):
        tasks = day_tasks(units, chunks, minutes_per_day)
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
    changes, note = evidenced_changes(previous, in_week, mastery, mastery_p, answers)
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
