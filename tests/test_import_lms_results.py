"""edugen import results from LMS reports: Canvas, Moodle and QTI 2.1 results in their real
layouts (tests/data/lms, sources in its README), matched to students and items, all or none."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree
from sqlalchemy import select

from edugen.exporters.lms import exporter
from edugen.profiles.db import Database
from edugen.profiles.generated import to_practice
from edugen.profiles.misconceptions import misconception_counts
from edugen.profiles.models import Attempt, Item, ItemKind, ItemSource, Mastery
from tests.conftest import Run, assert_input_rejected, count_rows, ratio_item, results_school, write

DATA = Path(__file__).parent / "data" / "lms"
CURRICULUM = "code,subject,grade,title,prerequisites\nT1,math,6,Ratios,\n"
MISCONCEPTION = "reads the ratio backwards"


@pytest.fixture
def school(any_run: Run, any_db_url: str, tmp_path: Path) -> str:
    """Topic T1; students s1, s2; items q1 (numeric) and q2 (multiple choice) as exported."""
    q2 = Item(
        id="q2",
        topic_code="T1",
        kind=ItemKind.multiple_choice,
        stem="Which ratio is equivalent to 2:4?",
        options=["1:2", "2:1", "4:2"],
        answer="1:2",
        source=ItemSource.bank,
        provenance={"misconceptions": {"2:1": MISCONCEPTION}},
        created_at=datetime.now(UTC),
    )
    return results_school(any_run, any_db_url, tmp_path, CURRICULUM, q2)


def stored(url: str) -> list[tuple[str, str | None, bool, float, str | None, str]]:
    db = Database(url)
    try:
        with db.begin() as session:
            rows = session.scalars(select(Attempt).order_by(Attempt.student_id, Attempt.item_id))
            return [
                (a.student_id, a.item_id, a.correct, a.score, a.response, a.source) for a in rows
            ]
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


def copy(name: str, tmp_path: Path) -> Path:
    return Path(shutil.copy(DATA / name, tmp_path / name))


@pytest.mark.parametrize("named", [True, False], ids=["from", "detected"])
def test_canvas_student_analysis(school: str, any_run: Run, tmp_path: Path, named: bool) -> None:
    path = copy("canvas-student-analysis.csv", tmp_path)
    source = ["--from", "canvas"] if named else []
    dry = any_run("import", "results", path, *source, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "4501: 3:6 = 1:? → item q1" in dry.stdout
    assert "4502: Which ratio is equivalent to 2:4? → item q2" in dry.stdout
    assert count_rows(school, Attempt) == 0

    result = any_run("import", "results", path, *source, "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["counts"]["attempts"]["created"] == 4
    assert summary["learned"] == 4
    assert stored(school) == [
        ("s1", "q1", True, 1.0, "2", "canvas"),
        ("s1", "q2", True, 1.0, "1:2", "canvas"),
        ("s2", "q1", False, 0.0, "3", "canvas"),
        ("s2", "q2", False, 0.0, "2:1", "canvas"),
    ]
    assert mastery(school) == {"s1": (2, 2), "s2": (2, 0)}  # the learner model moved
    again = any_run("import", "results", path, *source)
    assert "attempts: 0 new, 0 updated, 4 unchanged" in again.stdout


def test_moodle_responses_report(school: str, any_run: Run, tmp_path: Path) -> None:
    path = copy("moodle-responses.csv", tmp_path)
    result = any_run("import", "results", path)
    assert result.exit_code == 0, result.output
    assert "attempts: 4 new" in result.stdout
    assert "1 unfinished attempts not counted" in result.stdout
    assert "Response 1: 3:6 = 1:? → item q1" in result.stdout
    assert [(s, i, c, r) for s, i, c, _, r, _ in stored(school)] == [
        ("s1", "q1", True, "2"),
        ("s1", "q2", True, "1:2"),
        ("s2", "q1", False, "3"),
        ("s2", "q2", False, "2:1"),
    ]
    assert mastery(school) == {"s1": (2, 2), "s2": (2, 0)}
    # A wrong option is stored as the option given, so misconceptions count from LMS answers.
    db = Database(school)
    try:
        with db.begin() as session:
            counts = misconception_counts(
                session=session, student_ids=["s1", "s2"], since=datetime(2024, 1, 1, tzinfo=UTC)
            )
    finally:
        db.dispose()
    assert [(c.misconception, c.students) for c in counts] == [(MISCONCEPTION, 1)]
    assert "0 new" in any_run("import", "results", path).stdout


def test_qti_results_use_the_identifiers_edugen_exported(
    school: str, any_run: Run, tmp_path: Path
) -> None:
    # The itemResult identifiers in the sample are the ones edugen's QTI 2.1 export writes.
    db = Database(school)
    try:
        with db.begin() as session:
            items = [to_practice(i) for i in session.scalars(select(Item).order_by(Item.id))]
    finally:
        db.dispose()
    package = io.BytesIO()
    exporter("qti21").write(items, package)
    with zipfile.ZipFile(package) as archive:
        test = next(n for n in archive.namelist() if n.startswith("T_") or "test" in n.lower())
        refs = etree.fromstring(archive.read(test)).iter("{*}assessmentItemRef")
        exported = [r.get("identifier") for r in refs]
    sample = etree.parse(str(DATA / "qti21-assessment-result.xml")).iter("{*}itemResult")
    assert [r.get("identifier") for r in sample] == exported

    result = any_run("import", "results", copy("qti21-assessment-result.xml", tmp_path))
    assert result.exit_code == 0, result.output
    # CHOICE_2 is stored as the option it stands for.
    assert [(s, i, c, r) for s, i, c, _, r, _ in stored(school)] == [
        ("s2", "q1", False, "3"),
        ("s2", "q2", False, "2:1"),
    ]
    assert mastery(school) == {"s2": (2, 0)}


def test_moodle_grades_report_with_nothing_exported_to_match_is_refused(
    school: str, any_run: Run, tmp_path: Path
) -> None:
    # Slots are matched to what was exported to the student (tests/test_import_results_
    # moodle_grades.py); nothing was exported to s1 here, so nothing is guessed.
    path = copy("moodle-grades.csv", tmp_path)
    assert_input_rejected(
        any_run("import", "results", path, "--from", "moodle"),
        "moodle-grades.csv:2: Q. 1 /1.00: the report names this question only by its position, "
        "and no week's export to 's1' has the quiz's 2 questions: nothing was exported to this "
        "student",
    )
    assert count_rows(school, Attempt) == 0


def edited(name: str, tmp_path: Path, old: str, new: str) -> Path:
    text = (DATA / name).read_text(encoding="utf-8")
    assert old in text
    return write(tmp_path, name, text.replace(old, new, 1))


@pytest.mark.parametrize(
    ("name", "old", "new", "where"),
    [
        (
            "canvas-student-analysis.csv",
            "4502: Which ratio is equivalent to 2:4?",
            "4502: Which ratio is equal to 2:4?",
            "canvas-student-analysis.csv:2: 4502: Which ratio is equal to 2:4?: no exported item "
            "has this question text; it is not guessed (and 1 more rows)",
        ),
        (
            "canvas-student-analysis.csv",
            "Given Family2,102,s2,",
            "Given Family2,102,s9,",
            "canvas-student-analysis.csv:3: sis_id: unknown student 's9' (and 1 more rows)",
        ),
        (
            "canvas-student-analysis.csv",
            "name,id,sis_id,",
            "name,id,login,",
            "canvas-student-analysis.csv:1: sis_id: required column is missing",
        ),
        (
            "moodle-responses.csv",
            "Family2,Given,s2,gfamily2,",
            "Family2,Given,s2,s1,",
            "moodle-responses.csv:3: ID number/Username: ambiguous: 's2' and 's1' are two "
            "different students",
        ),
        (
            "moodle-responses.csv",
            "Family2,Given,s2,gfamily2,",
            "Family2,Given,,,",
            "moodle-responses.csv:3: ID number: is required: ID number or Username",
        ),
        (
            "qti21-assessment-result.xml",
            'identifier="I_q2_f237cb03"',
            'identifier="I_other_00000000"',
            "qti21-assessment-result.xml:26: itemResult[I_other_00000000]: unknown item "
            "'I_other_00000000'",
        ),
        (
            "qti21-assessment-result.xml",
            "<value><![CDATA[0]]></value>",
            "<value>1.5</value>",
            "qti21-assessment-result.xml:26: itemResult[I_q2_f237cb03]/outcomeVariable[SCORE]: "
            "'1.5' is not in 0..1",
        ),
    ],
)
def test_bad_reports_are_refused_with_nothing_written(
    school: str, any_run: Run, tmp_path: Path, name: str, old: str, new: str, where: str
) -> None:
    path = edited(name, tmp_path, old, new)
    assert_input_rejected(any_run("import", "results", path), where)
    assert count_rows(school, Attempt) == 0


def test_a_username_alone_matches(school: str, any_run: Run, tmp_path: Path) -> None:
    path = edited(
        "moodle-responses.csv", tmp_path, "Family2,Given,s2,gfamily2,", "Family2,Given,,s2,"
    )
    result = any_run("import", "results", path)
    assert result.exit_code == 0, result.output
    assert {row[0] for row in stored(school)} == {"s1", "s2"}


def test_same_text_for_two_items_narrows_to_the_one_given(
    school: str, any_run: Run, tmp_path: Path
) -> None:
    db = Database(school)
    try:
        with db.begin() as session:
            session.add(ratio_item("q1-twin"))
    finally:
        db.dispose()
    path = copy("canvas-student-analysis.csv", tmp_path)
    assert_input_rejected(
        any_run("import", "results", path),
        "canvas-student-analysis.csv:2: 4501: 3:6 = 1:?: matches 2 items with the same text",
    )
    assert count_rows(school, Attempt) == 0
