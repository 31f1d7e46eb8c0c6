"""edugen import results FILE --from moodle with Moodle's "Grades" report: per-question marks
only ("Q. 1 /1.00"), matched by slot to the items edugen exported to each student.

The report's layout is Moodle's own: mod/quiz/report/overview/report.php heads each
question's column `get_string('qbrief', 'quiz', $question->number) . ' /' . maxmark` when
downloading ("Q. 1 /1.00"; lang/en/quiz.php `qbrief` = "Q. {$a}"), after the user, identity,
State, Started on, Completed, Duration and Grade/MAX columns of
mod/quiz/report/attemptsreport.php, with "Overall average" as the last row
(tests/data/lms/README.md). Which item sits in which slot follows from how the teacher
builds the quiz (docs/lms.md): the question bank view of mod/quiz lists a category by
question type, then question name (mod/quiz/classes/question/bank/custom_view.php,
`default_sort`), and "Add selected questions to the quiz" keeps that order. The tests read
that order off edugen's own Moodle XML export, as Moodle would list it.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree
from sqlalchemy import select, update

from edugen.profiles.db import Database
from edugen.profiles.models import (
    Assignment,
    Attempt,
    ContentStatus,
    Item,
    ItemKind,
    ItemSource,
    Mastery,
)
from tests.conftest import Run, assert_input_rejected, count_rows, ratio_item, results_school, write

CURRICULUM = "code,subject,grade,title,prerequisites\nT1,math,6,Ratios,\n"
WEEK = "2024-W49"  # Monday 2 December 2024
HEADER = (
    '"Last name","First name","ID number",State,"Started on",Completed,Duration,Grade/2.00,'
    '"Q. 1 /1.00","Q. 2 /1.00"\n'
)


def choice_item(item_id: str) -> Item:
    return Item(
        id=item_id,
        topic_code="T1",
        kind=ItemKind.multiple_choice,
        stem="Which ratio is equivalent to 2:4?",
        options=["1:2", "2:1", "4:2"],
        answer="1:2",
        source=ItemSource.bank,
        created_at=datetime.now(UTC),
    )


def give(url: str, week: str, pairs: list[tuple[str, str]]) -> None:
    db = Database(url)
    try:
        with db.begin() as session:
            session.add_all(Assignment(student_id=s, item_id=i, week=week) for s, i in pairs)
    finally:
        db.dispose()


@pytest.fixture
def school(any_run: Run, any_db_url: str, tmp_path: Path) -> str:
    """s1 and s2 were each given q1 (numeric, "3:6 = 1:?") then q2 (multiple choice) in WEEK,
    both approved, so both went out in the week's Moodle export."""
    url = results_school(any_run, any_db_url, tmp_path, CURRICULUM, choice_item("q2"))
    db = Database(url)
    try:
        with db.begin() as session:
            session.execute(update(Item).values(status=ContentStatus.approved))
    finally:
        db.dispose()
    give(url, WEEK, [("s1", "q1"), ("s1", "q2"), ("s2", "q1"), ("s2", "q2")])
    return url


def report(*rows: str, header: str = HEADER) -> str:
    """A Grades report: the given attempt rows and Moodle's "Overall average" foot row."""
    return header + "".join(rows) + '"Overall average",,,,,,,1.00,0.50,0.50\n'


def finished(student: str, marks: str, day: int = 2) -> str:
    return (
        f'Family,Given,{student},Finished,"{day} December 2024  10:10 AM",'
        f'"{day} December 2024  10:15 AM","5 mins",{marks}\n'
    )


GRADES = report(
    finished("s1", "1.00,1.00,0.00"),
    finished("s2", "1.00,0.00,1.00"),
    'Family,Given,s1,"In progress","3 December 2024  09:00 AM",-,-,-,-,-\n',
)


def stored(url: str) -> list[tuple[str, str | None, bool, str]]:
    db = Database(url)
    try:
        with db.begin() as session:
            rows = session.scalars(select(Attempt).order_by(Attempt.student_id, Attempt.item_id))
            return [(a.student_id, a.item_id, a.correct, a.source) for a in rows]
    finally:
        db.dispose()


def mastery(url: str) -> dict[str, tuple[int, int]]:
    db = Database(url)
    try:
        with db.begin() as session:
            return {
                m.student_id: (m.answer_count, m.correct_count)
                for m in session.scalars(select(Mastery))
            }
    finally:
        db.dispose()


def moodle_listing(path: Path) -> list[str]:
    """The idnumbers of an exported Moodle XML file's questions in the order Moodle's quiz
    question bank lists them: by question type, then by question name."""
    questions = [
        (q.get("type"), q.findtext("name/text"), q.findtext("idnumber"))
        for q in etree.parse(str(path)).iter("question")
        if q.get("type") != "category"
    ]
    return [idnumber for _, _, idnumber in sorted(questions)]


def test_grades_report_marks_go_to_the_items_in_the_quiz_slots(
    school: str, any_run: Run, tmp_path: Path
) -> None:
    exported = tmp_path / "s1.xml"
    result = any_run(
        "export", "items", "--student", "s1", "--week", WEEK, "--format", "moodle",
        "--out", exported,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    # Given q1 then q2, but Moodle lists "multichoice" before "numerical": slot 1 is q2.
    assert moodle_listing(exported) == ["q2", "q1"]

    path = write(tmp_path, "Quiz-grades.csv", GRADES)
    dry = any_run("import", "results", path, "--from", "moodle", "--dry-run")
    assert dry.exit_code == 0, dry.output
    for line in (
        "s1: Q. 1 /1.00 → item q2",
        "s1: Q. 2 /1.00 → item q1",
        "s2: Q. 1 /1.00 → item q2",
        "s2: Q. 2 /1.00 → item q1",
    ):
        assert line in dry.stdout, dry.stdout
    assert count_rows(school, Attempt) == 0

    result = any_run("import", "results", path, "--json")  # detected as Moodle
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["counts"]["attempts"]["created"] == 4
    assert summary["unfinished_attempts"] == 1
    assert summary["learned"] == 4
    assert stored(school) == [
        ("s1", "q1", False, "moodle"),
        ("s1", "q2", True, "moodle"),
        ("s2", "q1", True, "moodle"),
        ("s2", "q2", False, "moodle"),
    ]
    assert mastery(school) == {"s1": (2, 1), "s2": (2, 1)}  # the learner model moved
    again = any_run("import", "results", path)
    assert "attempts: 0 new, 0 updated, 4 unchanged" in again.stdout, again.output


def test_the_attempt_week_picks_between_two_weeks_that_fit(
    school: str, any_run: Run, tmp_path: Path
) -> None:
    # The next week s1 got two other questions, both numeric: by name, "a…" before "b…".
    db = Database(school)
    try:
        with db.begin() as session:
            for item_id, stem in (("q4", "b: 4:8 = 1:?"), ("q3", "a: 5:10 = 1:?")):
                item = ratio_item(item_id)
                item.stem, item.status = stem, ContentStatus.approved
                session.add(item)
    finally:
        db.dispose()
    give(school, "2024-W50", [("s1", "q4"), ("s1", "q3")])
    path = write(tmp_path, "grades.csv", report(finished("s1", "1.00,1.00,0.00", day=10)))
    result = any_run("import", "results", path, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "s1: Q. 1 /1.00 → item q3" in result.stdout
    assert "s1: Q. 2 /1.00 → item q4" in result.stdout

    # Taken in neither week: both fit, and nothing is guessed.
    late = write(tmp_path, "late.csv", report(finished("s1", "1.00,1.00,0.00", day=20)))
    assert_input_rejected(
        any_run("import", "results", late),
        "late.csv:2: Q. 1 /1.00: the report names this question only by its position, and "
        "the quiz's 2 questions fit what 's1' was given in 2024-W49, 2024-W50 alike",
    )
    assert count_rows(school, Attempt) == 0


def test_names_whose_order_depends_on_the_database_collation_are_not_matched(
    school: str, any_run: Run, tmp_path: Path
) -> None:
    # "B…" sorts before "a…" byte by byte but after it case-insensitively.
    db = Database(school)
    try:
        with db.begin() as session:
            for item_id, stem in (("q5", "a: 5:10 = 1:?"), ("q6", "B: 4:8 = 1:?")):
                item = ratio_item(item_id)
                item.stem, item.status = stem, ContentStatus.approved
                session.add(item)
    finally:
        db.dispose()
    give(school, "2024-W51", [("s2", "q5"), ("s2", "q6")])
    db = Database(school)
    try:
        with db.begin() as session:  # s2's W49 questions were withdrawn: only W51 fits
            session.execute(
                update(Item).where(Item.id.in_(["q1", "q2"])).values(status=ContentStatus.retired)
            )
    finally:
        db.dispose()
    path = write(tmp_path, "grades.csv", report(finished("s2", "1.00,1.00,0.00", day=17)))
    assert_input_rejected(
        any_run("import", "results", path),
        "grades.csv:2: Q. 1 /1.00: the order Moodle gives 's2''s 2024-W51 questions depends "
        "on how its database sorts names",
    )
    assert count_rows(school, Attempt) == 0


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (
            report(finished("s9", "1.00,1.00,0.00")),
            "grades.csv:2: ID number: unknown student 's9'",
        ),
        (
            report(
                finished("s1", "1.00,1.00,0.00,0.00"),
                header=HEADER.replace('/1.00"\n', '/1.00","Q. 3 /1.00"\n'),
            ),
            "grades.csv:2: Q. 1 /1.00: the report names this question only by its position, "
            "and no week's export to 's1' has the quiz's 3 questions (2024-W49: 2); download "
            "the Responses report with 'Question text' ticked instead",
        ),
        (
            report(finished("s1", "1.00,1.00,1.50")),
            "grades.csv:2: Q. 2 /1.00: 1.50 is outside 0..1",
        ),
    ],
    ids=["unknown-student", "slots-fit-no-export", "mark-out-of-range"],
)
def test_bad_grades_reports_are_refused_with_nothing_written(
    school: str, any_run: Run, tmp_path: Path, text: str, where: str
) -> None:
    path = write(tmp_path, "grades.csv", text)
    assert_input_rejected(any_run("import", "results", path, "--from", "moodle"), where)
    assert count_rows(school, Attempt) == 0


def test_a_responses_report_without_question_text_is_matched_by_slot(
    school: str, any_run: Run, tmp_path: Path
) -> None:
    """The Responses report downloaded without 'Question text' ticked: slots only."""
    text = (
        '"Last name","First name","ID number",State,"Started on",Completed,Duration,'
        'Grade/2.00,"Response 1","Right answer 1","Response 2","Right answer 2"\n'
        'Family1,Given,s1,Finished,"2 December 2024  10:10 AM","2 December 2024  10:15 AM",'
        '"5 mins",1.00,2:1,1:2,2,2\n'
    )
    path = write(tmp_path, "responses.csv", text)
    result = any_run("import", "results", path)
    assert result.exit_code == 0, result.output
    assert "s1: Response 1 → item q2" in result.stdout
    assert stored(school) == [("s1", "q1", True, "moodle"), ("s1", "q2", False, "moodle")]
