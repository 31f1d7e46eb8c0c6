"""A class's week for the teacher: topic counts, who is stuck, common mistakes, small groups."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edugen.content.class_week import build_class_week, fallback_class_note, small_groups
from edugen.schemas import (
    ClassTopics,
    ClassWeek,
    MisconceptionCount,
    PlanGap,
    StuckStudent,
    StudentTopics,
    TopicPick,
)


def pick(code: str, kind: str = "new", p: float | None = None, **kw: object) -> TopicPick:
    fields: dict[str, object] = {"title": f"Topic {code}", "reason": kind} | kw
    return TopicPick(code=code, kind=kind, p_correct=p, **fields)  # type: ignore[arg-type]


def student(sid: str, *picks: TopicPick) -> StudentTopics:
    return StudentTopics(student_id=sid, name=f"Name of {sid}", week="2026-W49", picks=list(picks))


def klass(*students: StudentTopics, stuck: list[StuckStudent] | None = None) -> ClassTopics:
    return ClassTopics(
        id="c1", title="Maths 6A", week="2026-W49", students=list(students), stuck=stuck or []
    )


def back(code: str, stuck_on: str, p: float = 0.4) -> TopicPick:
    return pick(code, "step back", p, stuck_on=stuck_on, misses=2)


CLASS = klass(
    student("s1", back("F", "G"), pick("A", "new", 0.5)),
    student("s2", back("F", "H"), pick("A", "new", 0.5)),
    student("s3", pick("A", "continue", 0.45), pick("R", "spaced review", 0.9)),
    student("s4", pick("A", "new", 0.55)),
    student("s5", pick("A", "new", 0.75), pick("X", "stretch", 0.7)),
    student("s6", pick("B", "new", 0.7), pick("X", "stretch", 0.66)),
    student("s7", pick("B", "new", 0.3)),  # alone on B: no group
    student("s8", back("K", "L"), pick("X", "stretch", 0.7)),  # stuck: no extension
    stuck=[
        StuckStudent(student_id="s1", name="Ann", topic="G", prerequisite="F", misses=2),
        StuckStudent(student_id="s2", name="Bo", topic="H", prerequisite="F", misses=3),
        StuckStudent(student_id="s8", name="Cy", topic="L", prerequisite="K", misses=2),
    ],
)


def test_groups_by_focus_stuck_first() -> None:
    groups = small_groups(CLASS)
    assert [(g.topic, g.student_ids) for g in groups] == [
        ("F", ["s1", "s2"]),  # re-teach F, though stuck on different topics
        ("A", ["s3", "s4"]),  # s1 and s2 are taken by the re-teach group; s5 is not low
        ("X", ["s5", "s6"]),  # s8 is stuck, so not on extension
    ]
    reteach, practice, extension = groups
    assert "re-teach" in reteach.focus and "F" in reteach.focus
    assert "stuck on G, H" in reteach.focus
    assert "practise" in practice.focus and practice.title == "Topic A"
    assert "extension" in extension.focus


def test_titles_override_the_picks_titles() -> None:
    groups = small_groups(CLASS, titles={"F": "Fractions", "G": "Adding fractions"})
    assert groups[0].title == "Fractions"
    assert "re-teach Fractions" in groups[0].focus and "Adding fractions" in groups[0].focus
    assert groups[1].title == "Topic A"


def test_a_dropped_reteach_group_frees_its_student() -> None:
    classes = klass(
        student("s1", back("F", "G"), pick("A", "new", 0.5)),
        student("s2", pick("A", "new", 0.4)),
    )
    assert [(g.topic, g.student_ids) for g in small_groups(classes)] == [("A", ["s1", "s2"])]


def test_the_stuck_list_counts_without_a_step_back_pick() -> None:
    stuck = [
        StuckStudent(student_id=s, name="N", topic="G", prerequisite="F", misses=2)
        for s in ("s1", "s2")
    ]
    classes = klass(student("s1"), student("s2"), stuck=stuck)
    [group] = small_groups(classes)
    assert group.topic == "F" and group.student_ids == ["s1", "s2"]


def test_big_groups_split_evenly_by_level() -> None:
    classes = klass(*(student(f"s{i:02d}", pick("A", "new", 0.1 + i / 100)) for i in range(14)))
    groups = small_groups(classes, max_size=6)
    assert [len(g.student_ids) for g in groups] == [5, 5, 4]
    # The weakest students together.
    assert groups[0].student_ids == [f"s{i:02d}" for i in range(5)]


def test_sizes_are_checked() -> None:
    with pytest.raises(ValueError):
        small_groups(CLASS, min_size=4, max_size=3)


KINDS = ["new", "continue", "step back", "spaced review", "stretch", "assigned"]


@st.composite
def classes(draw: st.DrawFn) -> ClassTopics:
    students = []
    for i in range(draw(st.integers(min_value=0, max_value=30))):
        picks = [
            pick(
                draw(st.sampled_from("ABCD")),
                kind,
                draw(st.none() | st.floats(min_value=0, max_value=1)),
                stuck_on=draw(st.sampled_from("EFG")) if kind == "step back" else None,
            )
            for kind in draw(st.lists(st.sampled_from(KINDS), max_size=4))
        ]
        students.append(student(f"s{i}", *picks))
    return klass(*students)


@settings(max_examples=100, deadline=None)
@given(classes(), st.integers(min_value=1, max_value=4), st.integers(min_value=0, max_value=5))
def test_groups_disjoint_and_within_size(classes: ClassTopics, low: int, extra: int) -> None:
    groups = small_groups(classes, min_size=low, max_size=low + extra)
    everyone = [s for g in groups for s in g.student_ids]
    assert len(everyone) == len(set(everyone))
    assert set(everyone) <= {s.student_id for s in classes.students}
    assert all(low <= len(g.student_ids) <= low + extra for g in groups)
    assert groups == small_groups(classes, min_size=low, max_size=low + extra)


MISCONCEPTIONS = [
    MisconceptionCount(topic="A", misconception=f"m{i}", students=i % 5, answers=i)
    for i in range(14)
]


def test_build_class_week() -> None:
    week = build_class_week(CLASS, misconceptions=MISCONCEPTIONS, titles={"F": "Fractions"})
    assert (week.class_id, week.title, week.week, week.student_count) == (
        "c1",
        "Maths 6A",
        "2026-W49",
        8,
    )
    assert week.topics == {"A": 5, "X": 3, "B": 2, "F": 2, "K": 1, "R": 1}
    assert list(week.topics) == ["A", "X", "B", "F", "K", "R"]
    assert week.stuck == CLASS.stuck
    assert len(week.misconceptions) == 10
    counts = [(m.students, m.answers) for m in week.misconceptions]
    assert counts == sorted(counts, reverse=True)
    assert week.misconceptions[0].misconception == "m9"
    assert week.groups[0].title == "Fractions"
    assert [g.student_ids for g in week.groups] == [g.student_ids for g in small_groups(CLASS)]
    assert week.summary == week.next_steps == "" and week.summary_source == ""
    assert build_class_week(CLASS, misconceptions=MISCONCEPTIONS, titles={}) == build_class_week(
        CLASS, misconceptions=list(reversed(MISCONCEPTIONS)), titles={}
    )


def test_fallback_class_note_names_only_ids() -> None:
    misconceptions = [
        MisconceptionCount(topic="A", misconception="adds the denominators", students=3, answers=5),
        MisconceptionCount(
            topic="A", misconception="see https://example.org/help", students=1, answers=1
        ),
    ]
    titles = {"A": "Ratios", "F": "Fractions", "G": "Adding fractions"}
    week = build_class_week(CLASS, misconceptions=misconceptions, titles=titles)
    summary, steps = fallback_class_note(week, titles)
    for text in (summary, steps):
        assert text
        assert not re.search(r"https?://|www\.", text)
        for name in ("Ann", "Bo", "Cy", "Name of"):
            assert name not in text
    assert "s1" in summary and "s2" in summary and "s8" in summary
    assert "Ratios" in summary and "adds the denominators" in summary
    assert "Adding fractions" in summary and "Fractions" in summary
    assert "s3, s4" in steps and "adds the denominators" in steps
    assert "re-teach Fractions" in steps
    assert (summary, steps) == fallback_class_note(week, titles)


def test_fallback_class_note_for_an_empty_class() -> None:
    empty = ClassWeek(class_id="c1", title="Maths", week="2026-W49", student_count=0)
    summary, steps = fallback_class_note(empty, {})
    assert summary and steps
    quiet = build_class_week(klass(student("s1")), misconceptions=[], titles={})
    summary, steps = fallback_class_note(quiet, {})
    assert "Nobody is stuck" in summary and steps


def test_topics_the_plans_could_not_serve_are_listed_for_the_teacher() -> None:
    gaps = {
        "s3": [PlanGap(topic="Q", title="Topic Q", why="no practice items yet for Q")],
        "s1": [
            PlanGap(topic="Q", title="Topic Q", why="no practice items yet for Q", assigned=True),
            PlanGap(topic="P", title="Topic P", why="no practice items yet for P"),
        ],
    }
    week = build_class_week(CLASS, misconceptions=[], titles={"Q": "Statistics"}, gaps=gaps)
    assert [(u.topic, u.title, u.student_ids, u.assigned_to) for u in week.unserved] == [
        ("Q", "Statistics", ["s1", "s3"], ["s1"]),  # assigned first
        ("P", "Topic P", ["s1"], []),
    ]
    summary, _ = fallback_class_note(week, {"Q": "Statistics"})
    assert (
        "Not served this week: Statistics (no practice items yet for Q; 2 students, "
        "though assigned to s1)." in summary
    )
    assert build_class_week(CLASS, misconceptions=[], titles={}).unserved == []
