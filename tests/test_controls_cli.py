"""`edugen controls set|show|clear`: a teacher's priorities, exclusions and assignments."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests import rosters
from tests.conftest import Run

CURRICULUM = (
    "code,subject,grade,title,prerequisites\n"
    "6.RP.A.1,math,6,Ratios,\n"
    "6.RP.A.2,math,6,Unit rates,6.RP.A.1\n"
    "6.NS.C.5,math,6,Negative numbers,\n"
)
CLASS, OTHER_CLASS = "cl-6a", "cl-6b"
STUDENT, OTHER_STUDENT = rosters.STUDENTS


@pytest.fixture
def school(run: Run, tmp_path: Path) -> Run:
    """Classes cl-6a and cl-6b, students u-s1 and u-s2, topics 6.RP.A.1, 6.RP.A.2, 6.NS.C.5."""
    roster = rosters.write_folder(tmp_path / "roster", rosters.bundle())
    assert run("import", "oneroster", roster).exit_code == 0
    topics = tmp_path / "topics.csv"
    topics.write_text(CURRICULUM, encoding="utf-8")
    assert run("import", "curriculum", topics).exit_code == 0
    return run


def ok(run: Run, *args: str) -> Any:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout) if "--json" in args else result.stdout


def show(run: Run, scope: str, owner: str) -> list[dict[str, Any]]:
    return ok(run, "controls", "show", scope, owner, "--json")


def test_set_a_class_priority_and_show_it(school: Run) -> None:
    row = ok(school, "controls", "set", "--class", CLASS, "6.RP.A.2", "--priority", "3", "--json")
    assert row == {
        "scope": "class",
        "owner": CLASS,
        "topic": "6.RP.A.2",
        "priority": 3,
        "excluded": False,
        "forced": False,
    }
    assert show(school, "--class", CLASS) == [row]
    # Nothing leaks to another class or to a student of the class.
    assert show(school, "--class", OTHER_CLASS) == []
    assert show(school, "--student", STUDENT) == []


def test_set_describes_the_control_in_words(school: Run) -> None:
    out = ok(school, "controls", "set", "--class", CLASS, "6.RP.A.1", "--priority", "-2")
    assert out.strip() == f"class {CLASS}, topic 6.RP.A.1: priority -2"
    out = ok(school, "controls", "set", "--student", STUDENT, "6.RP.A.2", "--exclude", "--assign")
    assert out.strip() == f"student {STUDENT}, topic 6.RP.A.2: priority +0, excluded, assigned"


def test_controls_persist_and_a_change_keeps_the_other_fields(school: Run) -> None:
    ok(school, "controls", "set", "--class", CLASS, "6.RP.A.2", "--priority", "2")
    ok(school, "controls", "set", "--class", CLASS, "6.RP.A.2", "--exclude")
    ok(school, "controls", "set", "--class", CLASS, "6.NS.C.5", "--priority", "-1")
    rows = show(school, "--class", CLASS)
    assert [(r["topic"], r["priority"], r["excluded"]) for r in rows] == [
        ("6.NS.C.5", -1, False),
        ("6.RP.A.2", 2, True),
    ]
    ok(school, "controls", "set", "--class", CLASS, "6.RP.A.2", "--include")
    again = {r["topic"]: r for r in show(school, "--class", CLASS)}
    assert (again["6.RP.A.2"]["priority"], again["6.RP.A.2"]["excluded"]) == (2, False)


def test_student_controls_assign_and_unassign(school: Run) -> None:
    row = ok(school, "controls", "set", "--student", STUDENT, "6.RP.A.2", "--assign", "--json")
    assert (row["scope"], row["owner"], row["forced"], row["priority"]) == (
        "student",
        STUDENT,
        True,
        0,
    )
    ok(school, "controls", "set", "--student", STUDENT, "6.RP.A.2", "--priority", "4")
    (stored,) = show(school, "--student", STUDENT)
    assert (stored["forced"], stored["priority"], stored["excluded"]) == (True, 4, False)
    ok(school, "controls", "set", "--student", STUDENT, "6.RP.A.2", "--unassign")
    (stored,) = show(school, "--student", STUDENT)
    assert (stored["forced"], stored["priority"]) == (False, 4)
    assert show(school, "--student", OTHER_STUDENT) == []


def test_clear_removes_a_control_and_says_when_there_was_none(school: Run) -> None:
    ok(school, "controls", "set", "--class", CLASS, "6.RP.A.1", "--priority", "1")
    ok(school, "controls", "set", "--class", CLASS, "6.RP.A.2", "--priority", "1")
    assert ok(school, "controls", "clear", "--class", CLASS, "6.RP.A.1").strip() == "removed"
    assert [r["topic"] for r in show(school, "--class", CLASS)] == ["6.RP.A.2"]
    again = ok(school, "controls", "clear", "--class", CLASS, "6.RP.A.1")
    assert again.strip() == "there was no control for that topic"
    ok(school, "controls", "set", "--student", STUDENT, "6.RP.A.1", "--exclude")
    assert ok(school, "controls", "clear", "--student", STUDENT, "6.RP.A.1").strip() == "removed"
    assert show(school, "--student", STUDENT) == []


def test_show_as_a_table(school: Run) -> None:
    assert ok(school, "controls", "show", "--class", CLASS).strip() == "(none)"
    ok(school, "controls", "set", "--student", STUDENT, "6.NS.C.5", "--assign")
    lines = ok(school, "controls", "show", "--student", STUDENT).splitlines()
    assert lines[0].split() == ["topic", "priority", "excluded", "forced"]
    assert lines[2].split() == ["6.NS.C.5", "0", "False", "True"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("set", "--class", CLASS, "9.XX.Z.9", "--priority", "1"), "no topic with code '9.XX.Z.9'"),
        (("set", "--class", "no-class", "6.RP.A.1", "--priority", "1"), "no class with id"),
        (("set", "--student", "nobody", "6.RP.A.1", "--exclude"), "no student with id 'nobody'"),
        (("show", "--class", "no-class"), "no class with id 'no-class'"),
        (("show", "--student", "nobody"), "no student with id 'nobody'"),
        (("clear", "--class", CLASS, "9.XX.Z.9"), "no topic with code"),
        (("clear", "--student", "nobody", "6.RP.A.1"), "no student with id"),
    ],
)
def test_unknown_topic_class_or_student_fails(
    school: Run, args: tuple[str, ...], message: str
) -> None:
    result = school("controls", *args)
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("set", "6.RP.A.1", "--priority", "1"), "exactly one of --class or --student"),
        (
            ("set", "--class", CLASS, "--student", STUDENT, "6.RP.A.1", "--priority", "1"),
            "exactly one of --class or --student",
        ),
        (("show",), "exactly one of --class or --student"),
        (("clear", "6.RP.A.1"), "exactly one of --class or --student"),
        (("set", "--class", CLASS, "6.RP.A.1", "--assign"), "--assign is for one student"),
        (("set", "--class", CLASS, "6.RP.A.1"), "say what to set"),
        (("set", "--student", STUDENT, "6.RP.A.1"), "say what to set"),
        (("set", "--class", CLASS, "6.RP.A.1", "--priority", "6"), "--priority"),
        (("set", "--class", CLASS, "6.RP.A.1", "--priority", "high"), "--priority"),
    ],
)
def test_usage_errors_exit_2_and_write_nothing(
    school: Run, args: tuple[str, ...], message: str
) -> None:
    result = school("controls", *args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert show(school, "--class", CLASS) == [] and show(school, "--student", STUDENT) == []


def test_controls_belong_to_the_class_and_student_that_exist(school: Run) -> None:
    """A student's control survives a change of the class's control on the same topic."""
    ok(school, "controls", "set", "--class", CLASS, "6.RP.A.1", "--exclude")
    ok(school, "controls", "set", "--student", STUDENT, "6.RP.A.1", "--include")
    ok(school, "controls", "clear", "--class", CLASS, "6.RP.A.1")
    (row,) = show(school, "--student", STUDENT)
    assert (row["topic"], row["excluded"]) == ("6.RP.A.1", False)


def _planned(run: Run, student: str) -> dict[str, dict[str, Any]]:
    shown = ok(run, "topics", "show", student, "--week", "2026-W49", "--json")
    return {p["code"]: p for p in shown["picks"]}


def test_a_student_in_two_classes_gets_the_strictest_exclusion_and_highest_priority(
    school: Run,
) -> None:
    # u-s1 is in both classes, u-s2 only in cl-6a.
    assert set(_planned(school, STUDENT)) == {"6.RP.A.1", "6.NS.C.5"}
    ok(school, "controls", "set", "--class", OTHER_CLASS, "6.NS.C.5", "--exclude")
    assert set(_planned(school, STUDENT)) == {"6.RP.A.1"}
    assert set(_planned(school, OTHER_STUDENT)) == {"6.RP.A.1", "6.NS.C.5"}
    ok(school, "controls", "clear", "--class", OTHER_CLASS, "6.NS.C.5")
    ok(school, "controls", "set", "--class", CLASS, "6.RP.A.1", "--priority", "1")
    ok(school, "controls", "set", "--class", OTHER_CLASS, "6.RP.A.1", "--priority", "4")
    assert "teacher priority +4" in _planned(school, STUDENT)["6.RP.A.1"]["reason"]
    assert "teacher priority +1" in _planned(school, OTHER_STUDENT)["6.RP.A.1"]["reason"]
