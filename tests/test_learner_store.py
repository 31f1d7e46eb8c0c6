"""Imported answers reach the persisted learner state: Elo mastery, miss streaks, FSRS cards."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from edugen.learner import spacing
from edugen.profiles import learner_store
from edugen.profiles.db import Database
from edugen.profiles.models import (
    Attempt,
    ItemDifficulty,
    LearnerGlobal,
    Mastery,
    Student,
    TopicStats,
    TopicTierDifficulty,
)
from edugen.schemas import StudentTopics, TopicMastery
from edugen.workflows.planning import plan_students
from tests import rosters
from tests.conftest import Run, make_runner

CURRICULUM = (
    "code,subject,grade,title,prerequisites\n"
    "6.RP.A.1,math,6,Ratios,\n"
    "6.RP.A.2,math,6,Unit rates,6.RP.A.1\n"
    "6.NS.C.5,math,6,Negative numbers,\n"
)
T1, T2, T3 = "6.RP.A.1", "6.RP.A.2", "6.NS.C.5"
S1, S2 = rosters.STUDENTS  # u-s1, u-s2 from the test OneRoster bundle
MONDAY = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)  # 2026-W45


def load_school(run: Run, folder: Path) -> None:
    """Two students (through a OneRoster import) and three topics (through the curriculum)."""
    roster = rosters.write_folder(folder / "roster", rosters.bundle())
    result = run("import", "oneroster", roster)
    assert result.exit_code == 0, result.output
    topics = folder / "topics.csv"
    topics.write_text(CURRICULUM, encoding="utf-8")
    result = run("import", "curriculum", topics)
    assert result.exit_code == 0, result.output


def results_csv(path: Path, rows: list[tuple[str, str, bool, datetime]]) -> Path:
    lines = ["student_id,topic,correct,timestamp"]
    lines += [
        f"{s},{t},{'true' if c else 'false'},{at.strftime('%Y-%m-%dT%H:%M:%SZ')}"
        for s, t, c, at in rows
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def import_results(run: Run, path: Path) -> dict[str, Any]:
    result = run("import", "results", path, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def snapshot(url: str, at: datetime, students: tuple[str, ...] = (S1, S2)) -> dict:
    db = Database(url)
    try:
        with db.begin() as session:
            return learner_store.mastery_snapshot(session=session, student_ids=students, at=at)
    finally:
        db.dispose()


def mastery_rows(url: str) -> dict[tuple[str, str], Mastery]:
    db = Database(url)
    try:
        with db.begin() as session:
            return {(m.student_id, m.topic_code): m for m in session.scalars(select(Mastery))}
    finally:
        db.dispose()


def learner_state(url: str) -> dict[str, list[tuple]]:
    """Every learner-model row, as plain tuples, to compare before and after."""
    tables = {
        "mastery": (Mastery, "student_id", "topic_code"),
        "students": (Student, "id"),
        "globals": (LearnerGlobal, "name"),
        "topics": (TopicStats, "topic_code"),
        "tiers": (TopicTierDifficulty, "topic_code", "tier"),
        "items": (ItemDifficulty, "item_ref"),
    }
    db = Database(url)
    try:
        with db.begin() as session:
            state = {}
            for name, (model, *keys) in tables.items():
                columns = [c.key for c in model.__table__.columns]
                rows = session.scalars(select(model).order_by(*(getattr(model, k) for k in keys)))
                state[name] = [tuple(getattr(r, c) for c in columns) for r in rows]
            return state
    finally:
        db.dispose()


def plan_week(url: str, week: str) -> list[StudentTopics]:
    db = Database(url)
    try:
        return plan_students(db=db, student_ids=[S1], week=week)
    finally:
        db.dispose()


@pytest.fixture
def school(run: Run, tmp_path: Path) -> Path:
    load_school(run, tmp_path)
    return tmp_path


def test_answers_become_mastery_rows_and_are_marked_applied(
    run: Run, school: Path, db_url: str
) -> None:
    at = MONDAY
    rows = [
        (S1, T1, True, at),
        (S1, T1, True, at + timedelta(minutes=5)),
        (S1, T1, False, at + timedelta(minutes=10)),
        (S1, T3, False, at + timedelta(minutes=15)),
        (S2, T1, False, at + timedelta(minutes=1)),
        (S2, T1, False, at + timedelta(minutes=2)),
    ]
    summary = import_results(run, results_csv(school / "r.csv", rows))
    assert summary["counts"]["attempts"]["created"] == 6
    assert summary["learned"] == 6

    mastery = mastery_rows(db_url)
    assert set(mastery) == {(S1, T1), (S1, T3), (S2, T1)}
    s1t1 = mastery[(S1, T1)]
    assert (s1t1.answer_count, s1t1.correct_count, s1t1.miss_streak) == (3, 2, 1)
    assert (mastery[(S2, T1)].answer_count, mastery[(S2, T1)].miss_streak) == (2, 2)
    last = s1t1.last_answered_at
    assert last is not None
    assert last.replace(tzinfo=UTC) == at + timedelta(minutes=10)

    db = Database(db_url)
    try:
        with db.begin() as session:
            attempts = session.scalars(select(Attempt)).all()
            assert len(attempts) == 6 and all(a.applied for a in attempts)
            students = {s.id: s for s in session.scalars(select(Student))}
            assert students[S1].answer_count == 4 and students[S2].answer_count == 2
    finally:
        db.dispose()

    # What the planner sees: predictions on tiers 1..5, easiest first, and the streak.
    seen = snapshot(db_url, at + timedelta(days=1))
    assert set(seen[S1]) == {T1, T3} and set(seen[S2]) == {T1}
    m: TopicMastery = seen[S1][T1]
    assert m.answers == 3 and m.miss_streak == 1 and len(m.p_tiers) == 5
    assert list(m.p_tiers) == sorted(m.p_tiers, reverse=True)
    assert m.p_correct == m.p_tiers[2]
    # Two right of three beats two wrong of two on the same topic.
    assert m.p_correct > seen[S2][T1].p_correct


def test_right_answers_are_counted_for_the_student_and_the_topic(
    run: Run, school: Path, db_url: str
) -> None:
    rows = [(S1, T1, c, MONDAY + timedelta(minutes=i)) for i, c in enumerate([True, True, False])]
    rows += [(S2, T1, True, MONDAY + timedelta(minutes=9))]
    import_results(run, results_csv(school / "r.csv", rows))
    db = Database(db_url)
    try:
        with db.begin() as session:
            s1 = session.get(Student, S1)
            topic = session.get(TopicStats, T1)
            assert s1 is not None and topic is not None
            assert (s1.answer_count, s1.correct_count) == (3, 2)
            assert (topic.answer_count, topic.correct_count) == (4, 3)
    finally:
        db.dispose()


def test_answers_imported_late_do_not_count_as_the_latest(
    run: Run, school: Path, db_url: str
) -> None:
    """Last week's answers synced after this week's must not undo this week's."""
    recent = [(S1, T1, True, MONDAY + timedelta(days=10, minutes=m)) for m in range(3)]
    old = [(S1, T1, False, MONDAY + timedelta(minutes=m)) for m in range(3)]
    import_results(run, results_csv(school / "recent.csv", recent))
    import_results(run, results_csv(school / "old.csv", old))
    row = mastery_rows(db_url)[(S1, T1)]
    assert row.answer_count == 6
    assert row.last_answered_at is not None
    assert row.last_answered_at.replace(tzinfo=UTC) == recent[-1][3]
    assert row.miss_streak == 0, "the three latest answers were right"
    assert card(db_url, S1, T1)["last_review"] == recent[-1][3].isoformat()


def test_a_later_right_answer_resets_the_miss_streak(run: Run, school: Path, db_url: str) -> None:
    wrong = [(S1, T1, False, MONDAY + timedelta(minutes=i)) for i in range(3)]
    import_results(run, results_csv(school / "a.csv", wrong))
    assert mastery_rows(db_url)[(S1, T1)].miss_streak == 3
    import_results(run, results_csv(school / "b.csv", [(S1, T1, True, MONDAY + timedelta(1))]))
    assert mastery_rows(db_url)[(S1, T1)].miss_streak == 0


def test_importing_the_same_file_again_changes_no_learner_state(
    run: Run, school: Path, db_url: str
) -> None:
    rows = [
        (s, t, (i * 7 + len(t)) % 3 != 0, MONDAY + timedelta(hours=5 * i))
        for i, (s, t) in enumerate([(S1, T1), (S2, T1), (S1, T3), (S1, T1), (S2, T3)] * 3)
    ]
    path = results_csv(school / "r.csv", rows)
    import_results(run, path)
    before = learner_state(db_url)
    assert before["mastery"] and before["globals"] and before["topics"]
    again = import_results(run, path)
    assert again["counts"]["attempts"]["created"] == 0
    assert again["counts"]["attempts"]["unchanged"] == len(rows)
    assert learner_state(db_url) == before


def test_an_overlapping_file_learns_only_from_the_new_answers(
    run: Run, school: Path, db_url: str
) -> None:
    first = [(S1, T1, True, MONDAY + timedelta(minutes=i)) for i in range(3)]
    import_results(run, results_csv(school / "a.csv", first))
    more = [(S1, T1, False, MONDAY + timedelta(days=1, minutes=i)) for i in range(2)]
    summary = import_results(run, results_csv(school / "b.csv", first + more))
    assert summary["counts"]["attempts"]["created"] == 2
    row = mastery_rows(db_url)[(S1, T1)]
    assert (row.answer_count, row.correct_count, row.miss_streak) == (5, 3, 2)


# --- a new answer moves the prediction the right way --------------------------------------


@pytest.fixture(scope="module")
def base_school(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A migrated database with the roster and curriculum, copied for each example."""
    folder = tmp_path_factory.mktemp("school")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("EDUGEN_HOME", str(folder))
        mp.delenv("EDUGEN_DATABASE_URL", raising=False)
        path = folder / "base.db"
        load_school(make_runner(f"sqlite:///{path}"), folder)
        yield path


answers = st.tuples(st.sampled_from([S1, S2]), st.sampled_from([T1, T2, T3]), st.booleans())


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    history=st.lists(answers, max_size=12),
    target=answers,
    gap_hours=st.integers(min_value=0, max_value=24 * 20),
)
def test_a_right_answer_never_lowers_and_a_wrong_one_never_raises_the_prediction(
    base_school: Path, tmp_path: Path, history: list, target: tuple, gap_hours: int
) -> None:
    student, topic, correct = target
    case = Path(tempfile.mkdtemp(dir=tmp_path))
    shutil.copy(base_school, case / "edugen.db")
    url = f"sqlite:///{case / 'edugen.db'}"
    run = make_runner(url)
    # The student has answered the topic before, so it has a prediction to compare.
    rows = [(student, topic, not correct, MONDAY)]
    rows += [
        (s, t, c, MONDAY + timedelta(minutes=7 * (i + 1))) for i, (s, t, c) in enumerate(history)
    ]
    import_results(run, results_csv(case / "history.csv", rows))
    later = MONDAY + timedelta(days=1, hours=gap_hours)
    before = snapshot(url, later)[student][topic]
    import_results(run, results_csv(case / "new.csv", [(student, topic, correct, later)]))
    after = snapshot(url, later)[student][topic]
    assert after.answers == before.answers + 1
    pairs = list(zip(before.p_tiers, after.p_tiers, strict=True))
    if correct:
        assert all(a >= b for b, a in pairs), pairs
        assert after.miss_streak == 0
    else:
        assert all(a <= b for b, a in pairs), pairs
        assert after.miss_streak == before.miss_streak + 1


def test_many_right_answers_reach_mastery_and_the_planner_moves_on(
    run: Run, school: Path, db_url: str
) -> None:
    rows = [
        (S1, T1, True, MONDAY + timedelta(days=d, minutes=i)) for d in range(3) for i in range(6)
    ]
    import_results(run, results_csv(school / "r.csv", rows))
    (plan,) = plan_week(db_url, "2026-W46")
    kinds = {p.code: p.kind for p in plan.picks}
    assert T1 not in kinds or kinds[T1] == "spaced review"
    assert kinds.get(T2) == "new", plan.picks
    assert plan.answers == len(rows)


# --- FSRS: one review per topic per day ---------------------------------------------------


def card(url: str, student: str, topic: str) -> dict[str, Any]:
    """The FSRS card inside the topic's stored review log."""
    row = mastery_rows(url)[(student, topic)]
    assert row.review_card is not None
    return row.review_card["card"]


def same_card(stored: dict[str, Any], expected_log: dict[str, Any]) -> None:
    expected = expected_log.get("card", expected_log)  # a stored log or a bare card
    for key in ("state", "last_review", "due"):
        assert stored[key] == expected[key], key
    for key in ("stability", "difficulty"):
        assert stored[key] == pytest.approx(expected[key]), key


def test_several_answers_on_one_topic_in_one_day_are_one_review(
    run: Run, school: Path, db_url: str
) -> None:
    times = [MONDAY + timedelta(minutes=m) for m in (0, 4, 9, 30)]
    results = [True, True, False, True]
    rows = [(S1, T1, c, at) for c, at in zip(results, times, strict=True)]
    rows += [(S1, T3, True, MONDAY)]
    import_results(run, results_csv(school / "r.csv", rows))
    stored = card(db_url, S1, T1)
    assert stored["last_review"] == times[-1].isoformat()
    # Three right of four is one review rated Hard, made at the last answer of the day.
    same_card(stored, spacing.review(None, 3, 4, times[-1]))
    assert stored != spacing.review(spacing.review(None, 3, 3, times[1]), 0, 1, times[2])["card"]
    # One answer is one review too.
    same_card(card(db_url, S1, T3), spacing.review(None, 1, 1, MONDAY))


def test_answers_on_two_days_are_two_reviews(run: Run, school: Path, db_url: str) -> None:
    day1 = [MONDAY, MONDAY + timedelta(minutes=3)]
    day2 = [MONDAY + timedelta(days=3), MONDAY + timedelta(days=3, minutes=2)]
    rows = [(S1, T1, True, at) for at in day1] + [(S1, T1, False, day2[0]), (S1, T1, True, day2[1])]
    import_results(run, results_csv(school / "r.csv", rows))
    expected = spacing.review(spacing.review(None, 2, 2, day1[1]), 1, 2, day2[1])
    same_card(card(db_url, S1, T1), expected)


def test_answers_of_one_day_in_two_imports_are_still_one_review(
    run: Run, school: Path, db_url: str
) -> None:
    """A school that syncs twice a day must not double the topic's reviews."""
    morning = [(S1, T1, True, MONDAY + timedelta(minutes=m)) for m in (0, 5)]
    afternoon = [(S1, T1, True, MONDAY + timedelta(hours=5, minutes=m)) for m in (0, 5)]
    import_results(run, results_csv(school / "a.csv", morning))
    import_results(run, results_csv(school / "b.csv", afternoon))
    together = results_csv(school / "all.csv", morning + afternoon)
    one_file = make_runner(f"sqlite:///{school / 'other.db'}")
    load_school(one_file, school / "other")
    import_results(one_file, together)
    same_card(card(db_url, S1, T1), card(f"sqlite:///{school / 'other.db'}", S1, T1))


def test_recall_falls_as_the_weeks_pass(run: Run, school: Path, db_url: str) -> None:
    rows = [
        (S1, T1, True, MONDAY + timedelta(days=d, minutes=i)) for d in range(3) for i in range(6)
    ]
    import_results(run, results_csv(school / "r.csv", rows))
    recalls = [
        snapshot(db_url, MONDAY + timedelta(weeks=w))[S1][T1].recall for w in (1, 3, 6, 12, 30)
    ]
    assert all(r is not None for r in recalls)
    assert recalls == sorted(recalls, reverse=True) and recalls[0] > recalls[-1], recalls

    def review_pick(week: str):
        (plan,) = plan_week(db_url, week)
        return next((p for p in plan.picks if p.code == T1), None)

    # Planned far enough ahead the mastered topic comes back as a spaced review, and the recall
    # in its reason is lower the later the week.
    soon, late = review_pick("2027-W10"), review_pick("2027-W30")
    assert soon is not None and late is not None, (soon, late)
    assert soon.kind == late.kind == "spaced review"

    def shown(reason: str) -> float:
        return float(reason.rsplit("predicted recall ", 1)[1])

    assert shown(late.reason) < shown(soon.reason) < 0.9


# --- FSRS functions ----------------------------------------------------------------------

days = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=60),  # days since the previous review
        st.integers(min_value=1, max_value=10),  # answers that day
        st.floats(min_value=0.0, max_value=1.0),  # share right
    ),
    min_size=1,
    max_size=8,
)


@given(days, st.lists(st.integers(min_value=0, max_value=2000), min_size=2, max_size=6))
def test_recall_is_a_probability_that_never_rises_with_time(
    history: list[tuple[int, int, float]], offsets: list[int]
) -> None:
    at = MONDAY
    state: dict[str, Any] | None = None
    for gap, total, share in history:
        at += timedelta(days=gap, hours=1)
        state = spacing.review(state, round(total * share), total, at)
    assert state is not None
    recalls = [spacing.recall(state, at + timedelta(days=d)) for d in sorted(offsets)]
    assert all(r is not None and 0.0 < r <= 1.0 for r in recalls), recalls
    assert all(a >= b for a, b in zip(recalls, recalls[1:], strict=False)), recalls  # type: ignore[operator]
    assert spacing.recall(state, at) == pytest.approx(1.0)


def test_a_topic_never_reviewed_has_no_recall() -> None:
    assert spacing.recall(None, MONDAY) is None


@given(st.integers(min_value=1, max_value=10), st.integers(min_value=1, max_value=10))
def test_more_right_answers_never_give_a_shorter_interval(right: int, extra: int) -> None:
    total = right + extra
    worse = spacing.review(None, right, total, MONDAY)
    better = spacing.review(None, total, total, MONDAY)
    assert better["card"]["stability"] >= worse["card"]["stability"]
    later = MONDAY + timedelta(days=10)
    assert spacing.recall(better, later) >= spacing.recall(worse, later)  # type: ignore[operator]
