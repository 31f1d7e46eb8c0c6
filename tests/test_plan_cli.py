"""`edugen topics show|class` on the demo school, and how teacher controls change the plans."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from edugen.planner.picks import grade_number
from edugen.profiles import learner_store, queries
from edugen.profiles.db import Database
from edugen.profiles.models import Student
from edugen.schemas import TopicInfo
from tests.conftest import Run, make_runner

WEEK = "2026-W49"
STUDENT = "demo-s004"
CLASS = "demo-6a"
KINDS = {"new", "continue", "step back", "spaced review", "stretch", "assigned"}
LEARN = {"new", "continue", "step back", "assigned"}


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The demo school loaded once; each test works on its own copy."""
    folder = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("EDUGEN_HOME", str(folder))
        mp.delenv("EDUGEN_DATABASE_URL", raising=False)
        path = folder / "demo.db"
        result = make_runner(f"sqlite:///{path}")("demo", "--week", WEEK)
        assert result.exit_code == 0, result.output
        yield path


@pytest.fixture
def demo(run: Run, db_url: str, demo_file: Path) -> Run:
    target = Path(db_url.removeprefix("sqlite:///"))
    for suffix in ("", "-wal", "-shm"):
        source = demo_file.with_name(demo_file.name + suffix)
        if source.exists():
            shutil.copy(source, target.with_name(target.name + suffix))
    return run


def ok(run: Run, *args: str) -> Any:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout) if "--json" in args else result.stdout


def plan(run: Run, student: str = STUDENT, week: str = WEEK) -> dict[str, Any]:
    return ok(run, "topics", "show", student, "--week", week, "--json")


def curriculum(db_url: str) -> dict[str, TopicInfo]:
    db = Database(db_url)
    try:
        with db.begin() as session:
            return {t.code: t for t in queries.curriculum(session=session)}
    finally:
        db.dispose()


def test_plan_show_json_gives_picks_with_kind_tier_and_reason(demo: Run, db_url: str) -> None:
    shown = plan(demo)
    assert shown["student_id"] == STUDENT and shown["week"] == WEEK
    assert shown["name"] == "Yusuf Demir" and shown["answers"] > 0
    picks = shown["picks"]
    assert 1 <= len(picks) <= 5
    topics = curriculum(db_url)
    codes = [p["code"] for p in picks]
    assert len(set(codes)) == len(codes)
    for pick in picks:
        assert pick["code"] in topics and pick["title"] == topics[pick["code"]].title
        assert pick["kind"] in KINDS
        assert pick["tier"] in (1, 2, 3, 4, 5)
        assert pick["reason"].strip()
        assert pick["reason"].startswith(pick["kind"]) or pick["kind"] == "assigned"
    # The same week planned again is the same plan.
    assert plan(demo) == shown


def test_plan_show_text_lists_the_picks_in_order_with_reasons(demo: Run) -> None:
    picks = plan(demo)["picks"]
    out = ok(demo, "topics", "show", STUDENT, "--week", WEEK)
    lines = out.splitlines()
    assert lines[0].startswith(f"Yusuf Demir ({STUDENT}), week {WEEK}, ")
    assert lines[0].endswith(" answers so far")
    for i, pick in enumerate(picks):
        head, reason = lines[1 + 2 * i], lines[2 + 2 * i]
        assert (
            head == f"{i + 1}. {pick['code']} {pick['title']} [{pick['kind']}, tier {pick['tier']}]"
        )
        assert reason == f"   {pick['reason']}"


def test_plan_class_json_shows_who_is_ready_and_who_is_stuck(demo: Run, db_url: str) -> None:
    view = ok(demo, "topics", "class", CLASS, "--week", WEEK, "--json")
    assert view["id"] == CLASS and view["week"] == WEEK and view["title"]
    members = {s["id"] for s in ok(demo, "classes", "show", CLASS, "--json")["students"]}
    assert len(view["students"]) == 25
    assert {s["student_id"] for s in view["students"]} == members
    picks = {s["student_id"]: {p["code"]: p for p in s["picks"]} for s in view["students"]}
    assert view["ready"], "somebody in the class is ready for something"
    for topic, ids in view["ready"].items():
        assert ids and set(ids) <= members
        for sid in ids:
            assert picks[sid][topic]["kind"] in ("new", "continue", "assigned")
    # Every ready pick is listed.
    listed = {(t, sid) for t, ids in view["ready"].items() for sid in ids}
    for sid, mine in picks.items():
        for code, pick in mine.items():
            if pick["kind"] in ("new", "continue", "assigned"):
                assert (code, sid) in listed
    topics = curriculum(db_url)
    for entry in view["stuck"]:
        assert entry["student_id"] in members
        assert entry["prerequisite"] in topics and entry["topic"] in topics
        # a prerequisite of the topic, or one further down the chain the planner walks
        below, todo = set(), list(topics[entry["topic"]].prerequisites)
        while todo:
            code = todo.pop()
            if code in topics and code not in below:
                below.add(code)
                todo += topics[code].prerequisites
        assert entry["prerequisite"] in below
        assert entry["misses"] >= 2
        assert any(
            p["code"] == entry["prerequisite"] and p["kind"] == "step back"
            for s in view["students"]
            if s["student_id"] == entry["student_id"]
            for p in s["picks"]
        )


def test_no_student_gets_the_same_topic_twice(demo: Run) -> None:
    view = ok(demo, "topics", "class", CLASS, "--week", WEEK, "--json")
    twice = {
        s["student_id"]: [(p["code"], p["kind"]) for p in s["picks"]]
        for s in view["students"]
        if len({p["code"] for p in s["picks"]}) < len(s["picks"])
    }
    assert not twice


def test_plan_class_text(demo: Run) -> None:
    out = ok(demo, "topics", "class", CLASS, "--week", WEEK)
    assert out.splitlines()[0].endswith(f"({CLASS}), week {WEEK}, 25 students")
    assert "\nReady to work on:\n" in out and "\nStuck:\n" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("topics", "show", "nobody"), "no student with id 'nobody'"),
        (("topics", "class", "no-class"), "no class with id 'no-class'"),
    ],
)
def test_unknown_student_or_class_fails_clearly(
    demo: Run, args: tuple[str, ...], message: str
) -> None:
    result = demo(*args, "--week", WEEK)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("week", ["2026-49", "W49", "2026-W60", "next week"])
@pytest.mark.parametrize("command", ["show", "class"])
def test_a_bad_week_is_a_usage_error(demo: Run, command: str, week: str) -> None:
    target = STUDENT if command == "show" else CLASS
    result = demo("plan", command, target, "--week", week)
    assert result.exit_code == 2
    assert f"week {week!r}" in result.output


def test_plan_show_uses_this_week_by_default(demo: Run) -> None:
    shown = ok(demo, "topics", "show", STUDENT, "--json")
    assert shown["week"].count("-W") == 1 and shown["student_id"] == STUDENT


def test_excluding_a_topic_for_the_student_takes_it_out_of_the_plan(demo: Run) -> None:
    before = plan(demo)["picks"]
    code = before[0]["code"]
    ok(demo, "controls", "set", "--student", STUDENT, code, "--exclude")
    after = plan(demo)["picks"]
    assert code not in {p["code"] for p in after}
    assert len(after) == len(before)  # the place goes to another topic
    # Included again, it comes back.
    ok(demo, "controls", "set", "--student", STUDENT, code, "--include")
    assert code in {p["code"] for p in plan(demo)["picks"]}


def test_excluding_a_topic_for_the_class_takes_it_out_of_every_plan(demo: Run) -> None:
    view = ok(demo, "topics", "class", CLASS, "--week", WEEK, "--json")
    code = max(view["ready"], key=lambda t: len(view["ready"][t]))
    ok(demo, "controls", "set", "--class", CLASS, code, "--exclude")
    after = ok(demo, "topics", "class", CLASS, "--week", WEEK, "--json")
    assert code not in after["ready"]
    assert all(p["code"] != code for s in after["students"] for p in s["picks"])


def test_a_class_priority_moves_a_topic_up(demo: Run) -> None:
    learn = [p["code"] for p in plan(demo)["picks"] if p["kind"] in LEARN]
    assert len(learn) >= 2, learn
    code = learn[-1]
    ok(demo, "controls", "set", "--class", CLASS, code, "--priority", "3")
    after = plan(demo)["picks"]
    moved = [p for p in after if p["kind"] in LEARN]
    assert moved[0]["code"] == code
    assert "teacher priority +3" in moved[0]["reason"]
    # A negative priority moves it down (or out).
    ok(demo, "controls", "set", "--class", CLASS, code, "--priority", "-5")
    lowered = [p["code"] for p in plan(demo)["picks"] if p["kind"] in LEARN]
    assert code not in lowered[: learn.index(code)]


def _not_ready(db_url: str, student: str) -> list[str]:
    """Topics of the student's grade with a prerequisite of that grade never answered."""
    from datetime import UTC, datetime

    topics = curriculum(db_url)
    db = Database(db_url)
    try:
        with db.begin() as session:
            grade = grade_number(queries.get_student(session=session, student_id=student).grade)
            mastery = learner_store.mastery_snapshot(
                session=session, student_ids=[student], at=datetime(2026, 11, 30, tzinfo=UTC)
            )[student]
    finally:
        db.dispose()
    return [
        t.code
        for t in topics.values()
        if grade_number(t.grade) == grade
        and t.code not in mastery
        and any(
            grade_number(topics[p].grade) == grade and p not in mastery for p in t.prerequisites
        )
    ]


def test_assign_puts_a_topic_that_is_not_ready_in_the_plan(demo: Run, db_url: str) -> None:
    candidates = _not_ready(db_url, STUDENT)
    assert candidates
    code = candidates[-1]
    assert code not in {p["code"] for p in plan(demo)["picks"]}
    ok(demo, "controls", "set", "--student", STUDENT, code, "--assign")
    picks = plan(demo)["picks"]
    assert picks[0]["code"] == code and picks[0]["kind"] == "assigned"
    assert picks[0]["reason"] == "assigned by the teacher"
    view = ok(demo, "topics", "class", CLASS, "--week", WEEK, "--json")
    assert STUDENT in view["ready"][code]
    ok(demo, "controls", "set", "--student", STUDENT, code, "--unassign")
    assert code not in {p["code"] for p in plan(demo)["picks"]}


def test_a_student_override_wins_over_the_class(demo: Run) -> None:
    code = plan(demo)["picks"][0]["code"]
    ok(demo, "controls", "set", "--class", CLASS, code, "--exclude")
    assert code not in {p["code"] for p in plan(demo)["picks"]}
    ok(demo, "controls", "set", "--student", STUDENT, code, "--include")
    assert code in {p["code"] for p in plan(demo)["picks"]}


def test_planner_settings_come_from_edugen_toml(demo: Run, home: Path) -> None:
    (home / "edugen.toml").write_text(
        "[planner]\nmix = { learn = 1, spaced_review = 0, stretch = 0 }\n", encoding="utf-8"
    )
    picks = plan(demo)["picks"]
    assert len(picks) == 1 and picks[0]["kind"] in LEARN
    (home / "edugen.toml").write_text("[planner]\nmastery_q = 0.9\n", encoding="utf-8")
    result = demo("topics", "show", STUDENT, "--week", WEEK)
    assert result.exit_code == 1 and "mastery_q" in result.output


def test_the_old_mix_key_review_is_still_read_with_a_warning(
    demo: Run, home: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """[planner] mix's `review` is now `spaced_review`: a school's edugen.toml with the old
    key gets the same week as with the new one for one more release, with a warning."""
    chloe = "demo-s019"  # one topic due for spaced review in the demo's week
    config = home / "edugen.toml"
    config.write_text("[planner]\nmix = { learn = 0, review = 1, stretch = 0 }\n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="edugen.planner.picks"):
        old = plan(demo, chloe)["picks"]
    assert "mix: 'review' is now called 'spaced_review'" in caplog.text
    assert [p["kind"] for p in old] == ["spaced review"]
    assert old[0]["reason"].startswith("spaced review: last practised")
    config.write_text(
        "[planner]\nmix = { learn = 0, spaced_review = 1, stretch = 0 }\n", encoding="utf-8"
    )
    caplog.clear()
    with caplog.at_level("WARNING", logger="edugen.planner.picks"):
        assert plan(demo, chloe)["picks"] == old
    assert "now called" not in caplog.text
    # Both names at once, or a kind the mix does not count, is an error naming the key.
    for mix, why in (
        ("review = 1, spaced_review = 1", "'spaced_review' or its old name 'review', not both"),
        ('"spaced review" = 1', "unknown kind 'spaced review'"),
    ):
        config.write_text(f"[planner]\nmix = {{ {mix} }}\n", encoding="utf-8")
        result = demo("topics", "show", chloe, "--week", WEEK)
        assert result.exit_code == 1 and "[planner] mix" in result.output, result.output
        assert why in result.output


def test_stored_names_never_reach_the_terminal_as_control_sequences(demo: Run, db_url: str) -> None:
    # A name with an escape sequence (colour, cursor moves, a bidi override) from a roster
    # made elsewhere: shown escaped, visibly, never as raw control characters.
    db = Database(db_url)
    try:
        with db.begin() as session:
            student = session.get(Student, STUDENT)
            assert student is not None
            student.given_name = "Yu\x1b[2J\x1b[31msuf\r\u202e"
    finally:
        db.dispose()
    for args in (
        ("students", "show", STUDENT),
        ("students", "list", "--class", CLASS),
        ("classes", "show", CLASS),
        ("topics", "show", STUDENT, "--week", WEEK),
        ("topics", "class", CLASS, "--week", WEEK),
    ):
        result = demo(*args)
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.output and "\r" not in result.output, args
        assert "\u202e" not in result.output, args
        if args[0] == "students":
            assert "Yu\\x1b[2J\\x1b[31msuf\\r\\u202e" in result.output, result.output
