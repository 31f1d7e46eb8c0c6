"""A student's weekly plan: exact minutes, every question once, spread sensibly, what changed."""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edugen.content.plans import (
    build_week,
    fallback_summary,
    item_minutes,
    question_count,
    what_changed,
)
from edugen.errors import UsageError
from edugen.schemas import ResourcePick, TopicPick, WeeklyPlan
from edugen.validators.text import reading_grade
from tests.conftest import DEMO_WEEK, Run

WEEK = "2026-W49"
NEXT = "2026-W50"
MONDAY = date(2026, 11, 30)
# A demo-6a student (20 minutes a day) every one of whose picks has a family (a pick
# without items is a gap, and no question is made up for it).
SERVED = "demo-s008"


def pick(code: str, kind: str = "new", **kw: object) -> TopicPick:
    fields: dict[str, object] = {"title": f"Topic {code}", "reason": f"{kind}: because"} | kw
    return TopicPick(code=code, kind=kind, **fields)  # type: ignore[arg-type]


def resource(rid: int, topic: str, minutes: int | None = None) -> ResourcePick:
    return ResourcePick(
        resource_id=rid,
        topic=topic,
        title=f"Resource {rid}",
        url=f"https://example.org/{rid}",
        type="video",
        reason="matches the topic",
        minutes=minutes,
    )


PICKS = [
    pick("A", "new", tier=3, p_correct=0.74, title="Ratios"),
    pick("B", "continue", tier=2, p_correct=0.55, title="Unit rates"),
    pick("C", "step back", tier=2, p_correct=0.5, stuck_on="D", misses=3, title="Fractions"),
    pick("E", "spaced review", tier=3, p_correct=0.86, title="Decimals"),
    pick("F", "stretch", tier=3, p_correct=0.62, title="Percent"),
]
ITEMS = {
    "A": [f"a{i}" for i in range(6)],
    "B": [f"b{i}" for i in range(6)],
    "C": [f"c{i}" for i in range(5)],
    "E": ["e0", "e1", "e2"],
    "F": ["f0", "f1", "f2", "f3"],
}
RESOURCES = [resource(1, "A"), resource(2, "B")]


def week(**kw: object) -> WeeklyPlan:
    args: dict[str, object] = {
        "student_id": "s1",
        "week": WEEK,
        "minutes_per_day": 20,
        "picks": PICKS,
        "items": ITEMS,
        "resources": RESOURCES,
        "previous": None,
    } | kw
    return build_week(**args)  # type: ignore[arg-type]


def tasks(plan: WeeklyPlan, kind: str | None = None) -> list[tuple[int, str, list[str]]]:
    return [
        (i, t.topic, t.item_ids)
        for i, d in enumerate(plan.days)
        for t in d.tasks
        if kind is None or t.kind == kind
    ]


def check_invariants(
    plan: WeeklyPlan, study_days: int, minutes: int, each: dict[str, float] | None = None
) -> None:
    assert [d.date for d in plan.days] == [MONDAY + timedelta(days=i) for i in range(study_days)]
    assert plan.days[0].day == "Monday"
    for day in plan.days:
        assert day.minutes == sum(t.minutes for t in day.tasks)
        assert day.minutes <= minutes
        practice = [t for t in day.tasks if t.kind != "resource"]
        # each question's own minutes: given, else MINUTES_PER_QUESTION
        own = sum((each or {}).get(i, 2.0) for t in practice for i in t.item_ids)
        # Practice never stretches past half again its own minutes (a minute a task at least).
        assert sum(t.minutes for t in practice) <= max(len(practice), math.ceil(1.5 * own))
        if day.minutes < minutes and practice and not any(t.kind == "resource" for t in day.tasks):
            # A day runs short only when its practice took all it may.
            assert sum(t.minutes for t in practice) == max(len(practice), math.ceil(1.5 * own))
        assert all(t.minutes >= 1 for t in day.tasks)
        if not day.tasks:
            assert day.minutes == 0
        elif plan.item_ids:
            # Practice every study day: a resource never fills a day alone.
            assert any(t.kind != "resource" for t in day.tasks), day
        assert all(t.item_ids for t in day.tasks if t.kind != "resource"), day
    if len(plan.item_ids) >= study_days:
        assert all(d.tasks for d in plan.days)
    placed = [i for _, _, ids in tasks(plan) for i in ids]
    assert placed == plan.item_ids
    assert len(placed) == len(set(placed))


def test_a_typical_week() -> None:
    plan = week()
    check_invariants(plan, 5, 20)
    # 24 questions of 2 minutes and two 10-minute videos in 100 minutes: each question gets
    # at most 3, so the days run a little short.
    assert all(18 <= d.minutes <= 20 for d in plan.days)
    assert Counter(plan.item_ids) == Counter(i for ids in ITEMS.values() for i in ids)
    assert plan.picks == PICKS
    assert plan.resources == RESOURCES
    assert plan.summary == "" and plan.changes == []
    # Learning topics become practice spread over more than one day, mixed with others.
    for code in "ABC":
        days = {d for d, topic, _ in tasks(plan, "practice") if topic == code}
        assert len(days) >= 2, code
    assert all(len(d.tasks) >= 2 for d in plan.days)
    # The spaced review is a spaced_review task; the stretch comes at the end of the week.
    assert [(topic, ids) for _, topic, ids in tasks(plan, "spaced_review")] == [("E", ITEMS["E"])]
    assert {d for d, topic, _ in tasks(plan) if topic == "F"} == {4}
    # Each resource once, not both on the same day, at a sensible length.
    res = [t for d in plan.days for t in d.tasks if t.kind == "resource"]
    assert sorted(t.resource_id for t in res if t.resource_id) == [1, 2]
    assert len({d for d, _, _ in tasks(plan, "resource")}) == 2
    assert all(5 <= t.minutes <= 10 for t in res)


def test_same_input_same_week() -> None:
    assert week() == week()
    assert week().model_dump_json() == week(picks=list(PICKS), items=dict(ITEMS)).model_dump_json()


def test_no_picks_is_an_empty_week() -> None:
    plan = week(picks=[], items={}, resources=[])
    check_invariants(plan, 5, 20)
    assert len(plan.days) == 5
    assert all(d.minutes == 0 and not d.tasks for d in plan.days)
    assert plan.item_ids == [] and plan.picks == []
    assert fallback_summary(plan, {})


def test_a_topic_without_items_gets_no_slot_and_the_plan_says_why() -> None:
    picks = [pick("A"), pick("B"), pick("G", "assigned", title="Statistical questions")]
    items = {"B": [f"b{i}" for i in range(6)]}
    plan = week(picks=picks, items=items, resources=[], gaps={"A": "no verified item family"})
    check_invariants(plan, 5, 20)
    assert {t.topic for d in plan.days for t in d.tasks} == {"B"}
    # six questions of 2 minutes: each day gives its questions at most half again their time
    assert 0 < sum(d.minutes for d in plan.days) <= 6 * 3 + 5
    assert [(g.topic, g.why, g.assigned) for g in plan.gaps] == [
        ("A", "no practice items yet for A: no verified item family", False),
        ("G", "no practice items yet for G", True),
    ]
    assert [p.code for p in plan.picks] == ["B"]


def test_an_assigned_topic_that_does_not_fit_is_said() -> None:
    picks = [pick("A"), pick("B"), pick("G", "assigned")]
    items = {c: [f"{c}0"] for c in "ABG"}
    plan = week(picks=picks, items=items, resources=[], minutes_per_day=1, study_days=2)
    assert [g.topic for g in plan.gaps] == ["G"] and plan.gaps[0].assigned
    assert "did not fit in 1 minutes a day" in plan.gaps[0].why


def test_one_short_topic_goes_on_as_many_days_as_it_has_questions() -> None:
    plan = week(picks=[pick("A")], items={"A": ["a0", "a1"]}, resources=[resource(1, "A")])
    check_invariants(plan, 5, 20)
    # Two questions make two practice days; the resource joins one of them, never a day alone,
    # and neither day stretches its single question over the time the resource leaves.
    days = [d for d in plan.days if d.tasks]
    assert len(days) == 2 and [d.minutes for d in plan.days].count(0) == 3
    with_video = [d for d in days if any(t.kind == "resource" for t in d.tasks)]
    assert len(with_video) == 1
    video = next(t for t in with_video[0].tasks if t.kind == "resource")
    assert video.minutes == 10 and with_video[0].minutes <= video.minutes + 3
    assert min(d.minutes for d in days) <= 3
    assert plan.item_ids == ["a0", "a1"]


def test_question_minutes_follow_kind_and_tier() -> None:
    mc = [item_minutes("multiple_choice", t) for t in range(1, 6)]
    assert mc[0] == 1.0 and mc[-1] == 3.0 and mc == sorted(mc)
    for tier in range(1, 6):
        assert 1 <= item_minutes("multiple_choice", tier) <= 3
        assert item_minutes("numeric", tier) > item_minutes("multiple_choice", tier)
        assert item_minutes("short_answer", tier) > item_minutes("numeric", tier)


def test_tasks_are_sized_from_their_content() -> None:
    # Ten tier-2 multiple-choice questions (1.5 min each), a 6-minute video and a 45-minute
    # chapter, over five 12-minute days.
    items = {"A": [f"a{i}" for i in range(5)], "B": [f"b{i}" for i in range(5)]}
    each = {i: item_minutes("multiple_choice", 2) for ids in items.values() for i in ids}
    res = [resource(1, "A", minutes=6), resource(2, "B", minutes=45)]
    plan = week(
        picks=[pick("A"), pick("B")], items=items, resources=res, minutes=each, minutes_per_day=12
    )
    check_invariants(plan, 5, 12, each)
    assert all(0 < d.minutes <= 12 for d in plan.days)
    by_resource = {t.resource_id: t for d in plan.days for t in d.tasks if t.resource_id}
    assert by_resource[1].minutes == 6  # its own length
    # The chapter is capped so that the day's questions keep their minutes.
    day = next(d for d in plan.days if any(t.resource_id == 2 for t in d.tasks))
    questions = sum(len(t.item_ids) for t in day.tasks)
    assert by_resource[2].minutes == 12 - math.ceil(1.5 * questions)


def test_a_week_with_fewer_minutes_than_resources_drops_the_last_resource() -> None:
    plan = week(picks=[pick("A")], items={"A": ["a0"]}, minutes_per_day=1, study_days=1)
    check_invariants(plan, 1, 1)
    assert plan.resources == [] and plan.item_ids == ["a0"]


def test_tiny_minutes_and_many_items() -> None:
    items = {code: [f"{code}{i}" for i in range(60)] for code in "ABCEF"}
    plan = week(minutes_per_day=5, items=items)
    check_invariants(plan, 5, 5)
    assert all(d.minutes == 5 for d in plan.days)
    assert sorted(plan.item_ids) == sorted(i for ids in items.values() for i in ids)
    assert sorted(t.resource_id or 0 for d in plan.days for t in d.tasks if t.resource_id) == [1, 2]


def test_items_for_an_unpicked_topic_are_not_lost() -> None:
    plan = week(picks=[pick("A")], items={"A": ["a0"], "Z": ["z0", "z1"]}, resources=[])
    assert sorted(plan.item_ids) == ["a0", "z0", "z1"]
    assert {t.topic for d in plan.days for t in d.tasks} == {"A", "Z"}


def test_an_item_listed_twice_goes_out_once() -> None:
    plan = week(picks=[pick("A"), pick("B")], items={"A": ["x", "y"], "B": ["y", "z"]})
    assert sorted(plan.item_ids) == ["x", "y", "z"]


def test_more_work_than_minutes_keeps_the_first_picks() -> None:
    plan = week(minutes_per_day=1, study_days=2)
    check_invariants(plan, 2, 1)
    assert plan.picks == PICKS[:2]
    assert sorted(plan.item_ids) == sorted(ITEMS["A"] + ITEMS["B"])
    assert plan.resources == []


def test_study_days_and_minutes_are_checked() -> None:
    with pytest.raises(UsageError):
        week(study_days=0)
    with pytest.raises(UsageError):
        week(study_days=8)
    with pytest.raises(UsageError):
        week(minutes_per_day=0)
    with pytest.raises(UsageError):
        week(week="2026-49")
    seven = week(study_days=7)
    assert [d.day for d in seven.days][-2:] == ["Saturday", "Sunday"]


KINDS = ["new", "continue", "step back", "spaced review", "stretch", "assigned"]
codes = st.lists(st.sampled_from("ABCDEFGH"), unique=True, max_size=6)


@st.composite
def weeks(draw: st.DrawFn) -> dict[str, object]:
    chosen = draw(codes)
    picks = [pick(c, draw(st.sampled_from(KINDS))) for c in chosen]
    items = {
        c: [f"{c}{i}" for i in range(draw(st.integers(min_value=0, max_value=25)))]
        for c in draw(st.lists(st.sampled_from("ABCDEFGHZ"), unique=True))
    }
    rids = draw(st.lists(st.integers(min_value=1, max_value=9), unique=True, max_size=4))
    return {
        "picks": picks,
        "items": items,
        "resources": [resource(r, draw(st.sampled_from("ABCDEFGH"))) for r in rids],
        "minutes_per_day": draw(st.integers(min_value=1, max_value=60)),
        "study_days": draw(st.integers(min_value=1, max_value=7)),
    }


@settings(max_examples=150, deadline=None)
@given(weeks())
def test_any_week_keeps_its_promises(args: dict[str, object]) -> None:
    plan = week(**args)
    minutes, days = args["minutes_per_day"], args["study_days"]
    assert isinstance(minutes, int) and isinstance(days, int)
    check_invariants(plan, days, minutes)
    assert plan == week(**args)
    picks, resources = args["picks"], args["resources"]
    assert isinstance(picks, list) and isinstance(resources, list)
    items = args["items"]
    assert isinstance(items, dict)
    units = (
        len(picks) + len(resources) + len([c for c in items if c not in {p.code for p in picks}])
    )
    served = [p for p in picks if items.get(p.code)]
    # A pick with nothing to practise is a gap with a reason, never a task.
    assert {g.topic for g in plan.gaps} >= {p.code for p in picks if not items.get(p.code)}
    practised = {t.topic for d in plan.days for t in d.tasks if t.kind != "resource"}
    assert not {g.topic for g in plan.gaps} & practised
    if units <= minutes * days and (minutes >= 2 or not resources):
        # Everything fits: every question once, every resource once, every served pick a task.
        assert sorted(plan.item_ids) == sorted(i for ids in items.values() for i in ids)
        assert plan.picks == served
        if plan.item_ids or not items:
            placed = Counter(t.resource_id for d in plan.days for t in d.tasks if t.resource_id)
            assert placed == Counter(r.resource_id for r in plan.resources)
        assert {p.code for p in served} <= {t.topic for d in plan.days for t in d.tasks}


# --- what changed ----------------------------------------------------------------------


def previous(*picks: TopicPick) -> WeeklyPlan:
    return WeeklyPlan(student_id="s1", week="2026-W48", minutes_per_day=20, picks=list(picks))


def test_no_previous_plan_no_changes() -> None:
    assert what_changed(None, PICKS) == []


def test_a_new_topic_says_why() -> None:
    [change] = what_changed(previous(), [pick("A", reason="new: prerequisites mastered (X)")])
    assert (change.topic, change.change) == ("A", "new")
    assert change.why == "new: prerequisites mastered (X)"


def test_learning_to_spaced_review_cites_the_move() -> None:
    [change] = what_changed(
        previous(pick("A", "continue", p_correct=0.62)),
        [pick("A", "spaced review", p_correct=0.87)],
    )
    assert change.change == "to spaced review"
    assert "0.62" in change.why and "0.87" in change.why


def test_to_spaced_review_without_estimates_uses_the_reason() -> None:
    [change] = what_changed(
        previous(pick("A", "new")),
        [pick("A", "spaced review", reason="spaced review: recall 0.80")],
    )
    assert change.change == "to spaced review" and "recall 0.80" in change.why


def test_spaced_review_back_to_learning() -> None:
    [change] = what_changed(
        previous(pick("A", "spaced review", p_correct=0.9)),
        [pick("A", "continue", p_correct=0.7, reason="continue: 9 answers so far")],
    )
    assert change.change == "back to learning"
    assert "continue: 9 answers so far" in change.why and "0.90" in change.why


@pytest.mark.parametrize(("before", "after", "change"), [(2, 3, "harder"), (4, 2, "easier")])
def test_tier_changes(before: int, after: int, change: str) -> None:
    [found] = what_changed(
        previous(pick("A", "continue", tier=before, p_correct=0.8)),
        [pick("A", "continue", tier=after, p_correct=0.7)],
    )
    assert found.change == change
    assert f"tier {before} → {after}" in found.why
    assert "0.80" in found.why and "0.70" in found.why


def test_stepped_back_names_the_topic_and_misses() -> None:
    change, dropped = what_changed(
        previous(pick("D", "continue")), [pick("C", "step back", stuck_on="D", misses=3)]
    )
    assert change.change == "stepped back" and change.topic == "C"
    assert "D" in change.why and "3 misses" in change.why
    assert (dropped.topic, dropped.change) == ("D", "set aside")


def test_a_dropped_topic_is_mastered_or_set_aside_by_its_mastery_now() -> None:
    before = previous(pick("A", "continue", p_correct=0.6), pick("B", "new", p_correct=0.5))
    changes = what_changed(before, [pick("C", "new")], {"A": 0.91, "B": 0.55})
    by_topic = {c.topic: c for c in changes}
    assert by_topic["A"].change == "mastered" and "0.60 to 0.91" in by_topic["A"].why
    assert by_topic["B"].change == "set aside" and "0.55" in by_topic["B"].why
    assert by_topic["C"].change == "new"
    # Mastered comes before new, set aside last.
    assert [c.topic for c in changes] == ["A", "C", "B"]
    # Without mastery a dropped topic can only be said to be set aside.
    assert {c.change for c in what_changed(before, [])} == {"set aside"}


def test_nothing_changed_nothing_listed() -> None:
    same = pick("A", "continue", tier=3, p_correct=0.7)
    assert what_changed(previous(same), [same]) == []


def test_changes_most_significant_first_and_repeatable() -> None:
    before = previous(
        pick("A", "continue", tier=2),
        pick("B", "continue", tier=3),
        pick("E", "new", p_correct=0.6),
        pick("R", "spaced review"),
    )
    now = [
        pick("A", "continue", tier=3),
        pick("B", "continue", tier=1),
        pick("N", "new"),
        pick("E", "spaced review", p_correct=0.86),
        pick("R", "new"),
        pick("C", "step back", stuck_on="B", misses=2),
    ]
    found = what_changed(before, now)
    assert [(c.topic, c.change) for c in found] == [
        ("C", "stepped back"),
        ("R", "back to learning"),
        ("E", "to spaced review"),
        ("N", "new"),
        ("A", "harder"),
        ("B", "easier"),
    ]
    assert what_changed(before, now) == found


def test_without_new_answers_nothing_is_claimed() -> None:
    before = previous(
        pick("A", "continue", tier=2, p_correct=0.6),
        pick("B", "continue", tier=3),
        pick("D", "new", p_correct=0.7),
    )
    now = [pick("A", "continue", tier=3), pick("C", "step back", stuck_on="B", misses=2)]
    claimed = what_changed(before, now, {"D": 0.95}, new_answers=3)
    assert {c.topic: c.change for c in claimed} == {
        "A": "harder",
        "C": "stepped back",
        "D": "mastered",
        "B": "set aside",
    }
    quiet = what_changed(before, now, {"D": 0.95}, new_answers=0)
    assert {c.topic: c.change for c in quiet} == {"D": "set aside", "B": "set aside"}
    assert all("0.95" not in c.why for c in quiet)


def test_build_week_says_when_there_are_no_new_answers() -> None:
    prev = previous(pick("A", "new", tier=2, p_correct=0.8)).model_copy(update={"answers": 12})
    plan = week(previous=prev, answers=12)
    assert plan.changes_note == "no new answers since last week"
    assert "harder" not in {c.change for c in plan.changes}
    assert plan.answers == 12
    moved = week(previous=prev, answers=15)
    assert moved.changes_note == ""
    assert {c.topic: c.change for c in moved.changes}["A"] == "harder"


def test_build_week_fills_changes() -> None:
    plan = week(previous=previous(pick("A", "new", tier=2, p_correct=0.8)))
    assert {c.topic: c.change for c in plan.changes}["A"] == "harder"
    assert plan.changes == what_changed(previous(pick("A", "new", tier=2, p_correct=0.8)), PICKS)


# --- the fallback note ------------------------------------------------------------------

URL = re.compile(r"https?://|www\.")


def _check_note(text: str, minutes: int) -> None:
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]
    assert 2 <= len(sentences) <= 4, text
    assert "you" in text.lower()
    assert not URL.search(text)
    # one number at most: the day's minutes, never more than the student's (a day may run short)
    numbers = set(re.findall(r"\d+", text))
    assert len(numbers) <= 1 and all(0 < int(n) <= minutes for n in numbers), text
    assert reading_grade(text) <= 7, (reading_grade(text), text)


@pytest.mark.parametrize("minutes", [5, 20, 45])
def test_fallback_summary_is_short_plain_and_safe(minutes: int) -> None:
    plan = week(
        minutes_per_day=minutes,
        previous=previous(pick("C", "continue"), pick("E", "new")),
    )
    text = fallback_summary(plan, {"A": "Ratios", "B": "Unit rates"})
    _check_note(text, minutes)
    days = [d.minutes for d in plan.days if d.tasks]
    # The minutes it names are the days' own: every day's, or "up to" the longest day's.
    if min(days) == max(days):
        assert f"work for {max(days)} minutes a day" in text
    else:
        assert f"work for up to {max(days)} minutes a day" in text
    assert "Ratios" in text


def test_a_note_never_claims_more_minutes_than_the_days_hold() -> None:
    # Six quick questions in 45-minute days: the days run short, and the note says so.
    plan = week(picks=[pick("A")], items={"A": [f"a{i}" for i in range(6)]}, resources=[],
                minutes_per_day=45)  # fmt: skip
    longest = max(d.minutes for d in plan.days)
    assert longest < 45
    text = fallback_summary(plan, {"A": "Ratios"})
    assert f"up to {longest} minutes a day" in text and "45" not in text


def test_fallback_summary_skips_titles_with_numbers_or_links() -> None:
    picks = [
        pick("A", title="Add fractions with denominators 10 and 100"),
        pick("B", title="See https://example.org"),
        pick("C", "spaced review"),
    ]
    plan = week(picks=picks, items={}, resources=[])
    text = fallback_summary(plan, {})
    _check_note(text, 20)
    assert "fractions" not in text and "example" not in text


def test_fallback_summary_for_every_kind_of_change() -> None:
    for prev in (
        previous(pick("A", "continue", tier=2)),
        previous(pick("E", "new")),
        previous(pick("C", "new")),
        None,
    ):
        _check_note(fallback_summary(week(previous=prev), {}), 20)
    _check_note(fallback_summary(week(picks=[], items={}, resources=[]), {}), 20)


@pytest.mark.parametrize("questions", [7, 8])
def test_a_spaced_review_alone_is_spread_over_every_study_day(questions: int) -> None:
    # A spaced review spread thinner than its usual chunks to give each day work: every chunk is
    # placed, so no day is left empty and no question is dropped.
    items = {"A": [f"A{i}" for i in range(questions)]}
    for days in (3, 5, 7):
        plan = week(picks=[pick("A", "spaced review")], items=items, resources=[], study_days=days)
        check_invariants(plan, days, 20)
        assert all(d.minutes > 0 for d in plan.days), [d.minutes for d in plan.days]
        assert sorted(plan.item_ids) == sorted(items["A"])


# --- through the CLI, on the demo school ------------------------------------------------

FAKE = ("--backend", "fake", "--no-log")


def _demo_catalog() -> dict[str, dict[str, str]]:
    import csv

    import edugen.demo.school

    with (edugen.demo.school.DATA / "resources.csv").open(encoding="utf-8", newline="") as f:
        return {r["url"]: r for r in csv.DictReader(f)}


def test_the_demo_class_week_is_one_a_teacher_would_hand_out(demo: Run) -> None:
    result = demo("generate", "plan", "--class", "demo-6a", "--week", DEMO_WEEK, "--json", *FAKE)
    assert result.exit_code == 0, result.output
    plans = json.loads(result.stdout)["plans"]
    catalog = _demo_catalog()
    for plan in plans:
        items = {i["id"]: i for i in plan["items"]}
        urls = {r["resource_id"]: r["url"] for r in plan["resources"]}
        for day in plan["days"]:
            assert sum(t["minutes"] for t in day["tasks"]) == day["minutes"]
            assert 0 < day["minutes"] <= plan["minutes_per_day"]
            # Practice every study day, and never an empty practice slot.
            assert any(t["kind"] != "resource" for t in day["tasks"]), day
            # A practice task is cut below its questions' minutes only on a day whose
            # questions alone need more than the day.
            day_own = sum(
                item_minutes(items[i]["kind"], items[i]["tier"])
                for t in day["tasks"]
                for i in t["item_ids"]
            )
            for task in day["tasks"]:
                if task["kind"] == "resource":
                    row = catalog[urls[task["resource_id"]]]
                    assert row["granularity"] not in ("book", "index"), row["url"]
                    assert task["minutes"] <= int(row["minutes"])
                else:
                    assert task["item_ids"], task
                    own = sum(
                        item_minutes(items[i]["kind"], items[i]["tier"]) for i in task["item_ids"]
                    )
                    assert task["minutes"] >= math.floor(own) or day["minutes"] < day_own


def test_an_assigned_topic_is_served_or_said_in_the_plan_and_the_class_week(
    demo: Run, tmp_path: Path
) -> None:
    # A topic nothing can serve (no family, no bank item) and an earlier-grade topic.
    topics = tmp_path / "more.csv"
    topics.write_text(
        "code,subject,grade,title,prerequisites\n6.SP.Z.9,math,6,A topic without items,\n",
        encoding="utf-8",
    )
    assert demo("import", "curriculum", str(topics)).exit_code == 0
    for code in ("6.SP.Z.9", "4.OA.B.4"):
        made = demo("controls", "set", "--student", "demo-s004", code, "--assign")
        assert made.exit_code == 0, made.output
    result = demo("generate", "plan", "--class", "demo-6a", "--week", DEMO_WEEK, "--json", *FAKE)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    (plan,) = [p for p in data["plans"] if p["student_id"] == "demo-s004"]
    tasks = [t for d in plan["days"] for t in d["tasks"]]
    # The earlier-grade topic is not dropped as known: it is practised.
    assert any(t["topic"] == "4.OA.B.4" and t["item_ids"] for t in tasks)
    assert {"4.OA.B.4": "assigned"}.items() <= {p["code"]: p["kind"] for p in plan["picks"]}.items()
    # The one nothing serves gets no slot, and the plan says why (a foundation no family
    # covers yet may be a gap too).
    assert not [t for t in tasks if t["topic"] == "6.SP.Z.9"]
    gap = {g["topic"]: g for g in plan["gaps"]}["6.SP.Z.9"]
    assert gap["assigned"]
    assert gap["why"].startswith("no practice items yet for 6.SP.Z.9")
    # The teacher's summary lists it, and whose assignment it was.
    week = data["class_week"]
    unserved = {u["topic"]: u for u in week["unserved"]}["6.SP.Z.9"]
    assert unserved["assigned_to"] == ["demo-s004"]
    assert "Not served this week: A topic without items" in week["summary"]


def test_what_changed_waits_for_new_answers(demo: Run, tmp_path: Path) -> None:
    first = demo("generate", "plan", "--student", "demo-s004", "--week", DEMO_WEEK, *FAKE)
    assert first.exit_code == 0, first.output
    again = demo("generate", "plan", "--student", "demo-s004", "--week", NEXT, "--json", *FAKE)
    (plan,) = json.loads(again.stdout)["plans"]
    assert plan["changes_note"] == "no new answers since last week"
    claims = {"mastered", "harder", "easier", "stepped back"}
    assert not claims & {c["change"] for c in plan["changes"]}


def test_the_week_holds_as_many_questions_as_its_minutes(demo: Run) -> None:
    result = demo("generate", "plan", "--student", SERVED, "--week", DEMO_WEEK, "--json", *FAKE)
    assert result.exit_code == 0, result.output
    (plan,) = json.loads(result.stdout)["plans"]
    assert plan["gaps"] == []
    items = {i["id"]: i for i in plan["items"]}
    own = {i: item_minutes(item["kind"], item["tier"]) for i, item in items.items()}
    resources = [ResourcePick.model_validate(r) for r in plan["resources"]]
    # (20 minutes × 5 days − the resources' minutes) ÷ a question's minutes, at most 30.
    fits = question_count(
        minutes_per_day=20,
        study_days=5,
        per_question=sum(own.values()) / len(own),
        resources=resources,
        high=100,
    )
    assert fits > 10
    assert abs(len(items) - min(fits, 30)) <= 1, (len(items), fits)
    for day in plan["days"]:
        work = [t for t in day["tasks"] if t["item_ids"]]
        questions = [i for t in work for i in t["item_ids"]]
        minutes = sum(t["minutes"] for t in work)
        # Realistic practice: 1-3 minutes a multiple-choice question, a little more for
        # numeric ones, never the day's spare minutes poured onto a couple of questions.
        assert 1 <= minutes / len(questions) <= 3.5, day
    # Over the week, practice takes about what its questions need.
    practice = sum(t["minutes"] for d in plan["days"] for t in d["tasks"] if t["item_ids"])
    assert practice <= 1.3 * sum(own.values())


def test_the_count_can_be_given_or_bounded(demo: Run, home: Path) -> None:
    args = ("generate", "plan", "--student", SERVED, "--week", DEMO_WEEK, "--json", *FAKE)
    given = demo(*args, "--count", "8", "--no-save")
    assert given.exit_code == 0, given.output
    assert len(json.loads(given.stdout)["plans"][0]["items"]) == 8
    (home / "edugen.toml").write_text("[generate]\nquestions_max = 12\n", encoding="utf-8")
    bounded = demo(*args, "--no-save")
    assert bounded.exit_code == 0, bounded.output
    assert len(json.loads(bounded.stdout)["plans"][0]["items"]) == 12
    (home / "edugen.toml").write_text(
        "[generate]\nquestions_min = 20\nquestions_max = 12\n", encoding="utf-8"
    )
    wrong = demo(*args, "--no-save")
    assert wrong.exit_code == 2 and "is more than the most" in wrong.output


def test_a_time_factor_gives_each_question_more_of_the_day() -> None:
    def practice(plan: WeeklyPlan) -> int:
        return sum(t.minutes for d in plan.days for t in d.tasks if t.item_ids)

    res = [resource(1, "A", minutes=15), resource(2, "B", minutes=15)]
    normal = week(resources=res, minutes_per_day=15)
    extended = week(resources=res, minutes_per_day=15, time_factor=1.5)
    assert extended.item_ids and sorted(extended.item_ids) == sorted(normal.item_ids)
    assert practice(extended) > practice(normal)
    with pytest.raises(UsageError, match="time factor"):
        week(time_factor=0)


def test_every_demo_day_gives_each_question_about_its_own_minutes(demo: Run, demo_url: str) -> None:
    # Resources are placed apart from practice, so a day with a long video gets fewer
    # questions rather than the same questions stretched over the minutes it leaves; a day
    # with few questions and nothing else runs short.
    import sqlalchemy as sa

    from edugen.content.accommodations import time_factor
    from edugen.content.plans import KIND_MINUTES, item_minutes
    from edugen.content.plans.layout import PRACTICE_STRETCH

    with sa.create_engine(demo_url).connect() as conn:
        flags = {
            s: json.loads(a or "[]")
            for s, a in conn.execute(sa.text("SELECT id, accommodations FROM students"))
        }
    result = demo("generate", "plan", "--class", "demo-6a", "--week", DEMO_WEEK, "--json", *FAKE)
    assert result.exit_code == 0, result.output
    stretched = []
    short_days = 0
    for plan in json.loads(result.stdout)["plans"]:
        factor = time_factor(flags[plan["student_id"]])
        items = {i["id"]: i for i in plan["items"]}
        for day in plan["days"]:
            questions = [items[i] for t in day["tasks"] for i in t["item_ids"]]
            assert questions, (plan["student_id"], day)  # every study day has practice
            assert day["minutes"] <= plan["minutes_per_day"]
            short_days += day["minutes"] < plan["minutes_per_day"]
            practice = sum(t["minutes"] for t in day["tasks"] if t["kind"] != "resource")
            own = sum(item_minutes(q["kind"], q["tier"]) for q in questions) * factor
            # At least tier 1 of the quickest kind there (a long resource leaves little
            # room), at most half again the questions' own minutes; a minute of rounding.
            low = min(KIND_MINUTES[q["kind"]] for q in questions) * factor * len(questions)
            if not low - 1 <= practice <= math.ceil(PRACTICE_STRETCH * own) + 1:
                stretched.append((plan["student_id"], day["day"], practice, len(questions)))
    assert not stretched
    assert short_days  # the demo has light days: they run short, not stretched
