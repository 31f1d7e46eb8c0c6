"""The LMS report refusals issue #14 asks for that tests/test_import_lms_results.py leaves
out, on the same real-layout files (tests/data/lms, sources in its README): an unknown
student and an unmatched question in Moodle's Responses report, an unknown candidate in QTI
2.1 results, each refused with nothing written; QTI results' dry run and re-import; and a
Moodle Grades report uploaded to the API over a real server."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from edugen.profiles.db import Database
from edugen.profiles.models import Assignment, Attempt, ContentStatus, Item, ItemKind, ItemSource
from tests.conftest import (
    Run,
    assert_input_rejected,
    count_rows,
    make_runner,
    ratio_item,
    results_school,
    write,
)
from tests.test_api_uploads import Server, server  # noqa: F401  (the fixture)

DATA = Path(__file__).parent / "data" / "lms"
CURRICULUM = "code,subject,grade,title,prerequisites\nT1,math,6,Ratios,\n"


def choice_item(item_id: str) -> Item:
    return Item(
        id=item_id,
        topic_code="T1",
        kind=ItemKind.multiple_choice,
        stem="Which ratio is equivalent to 2:4?",
        options=["1:2", "2:1", "4:2"],
        answer="1:2",
        source=ItemSource.bank,
        status=ContentStatus.approved,
        created_at=datetime.now(UTC),
    )


@pytest.fixture
def school(any_run: Run, any_db_url: str, tmp_path: Path) -> str:
    """Students s1, s2; items q1 "3:6 = 1:?" and q2 "Which ratio is equivalent to 2:4?"."""
    return results_school(any_run, any_db_url, tmp_path, CURRICULUM, choice_item("q2"))


def edited(tmp_path: Path, name: str, old: str, new: str) -> Path:
    """A copy of a sample report with every `old` replaced by `new`."""
    text = (DATA / name).read_text(encoding="utf-8")
    assert old in text
    return write(tmp_path, name, text.replace(old, new))


@pytest.mark.parametrize(
    ("name", "old", "new", "where"),
    [
        (
            "moodle-responses.csv",
            "Family2,Given,s2,gfamily2,",
            "Family2,Given,s9,gfamily9,",
            "moodle-responses.csv:3: ID number/Username: unknown student 's9' or 'gfamily9'",
        ),
        (
            "moodle-responses.csv",
            "Which ratio is equivalent to 2:4?",
            "Which ratio equals 2:4?",
            "moodle-responses.csv:2: Response 2: Which ratio equals 2:4?: no exported item has "
            "this question text; it is not guessed (and 1 more rows)",
        ),
        (
            "qti21-assessment-result.xml",
            'sourcedId="s2"',
            'sourcedId="s9"',
            "qti21-assessment-result.xml:13: context/@sourcedId: unknown student 's9' (and 1 "
            "more rows)",
        ),
    ],
    ids=["moodle-unknown-student", "moodle-unmatched-question", "qti-unknown-student"],
)
def test_unknown_students_and_unmatched_questions_write_nothing(
    school: str, any_run: Run, tmp_path: Path, name: str, old: str, new: str, where: str
) -> None:
    path = edited(tmp_path, name, old, new)
    assert_input_rejected(any_run("import", "results", path), where)
    assert count_rows(school, Attempt) == 0


def test_qti_results_dry_run_and_reimport(school: str, any_run: Run, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "result.xml",
        (DATA / "qti21-assessment-result.xml").read_text(encoding="utf-8"),
    )
    dry = any_run("import", "results", path, "--from", "qti", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "itemResult[I_q1_e0417928] → item q1" in dry.stdout
    assert "itemResult[I_q2_f237cb03] → item q2" in dry.stdout
    assert count_rows(school, Attempt) == 0
    assert "attempts: 2 new" in any_run("import", "results", path).stdout
    again = any_run("import", "results", path)
    assert "attempts: 0 new, 0 updated, 2 unchanged" in again.stdout, again.output


GRADES = (
    '"Last name","First name","ID number",State,"Started on",Completed,Duration,Grade/2.00,'
    '"Q. 1 /1.00","Q. 2 /1.00"\n'
    'Family1,Given,u-s1,Finished,"2 December 2024  10:10 AM","2 December 2024  10:15 AM",'
    '"5 mins",1.00,1.00,0.00\n'
    '"Overall average",,,,,,,1.00,1.00,0.00\n'
)


def test_a_moodle_grades_report_uploads_to_the_api(
    server: Server,  # noqa: F811
    tmp_path: Path,
) -> None:
    curriculum = write(tmp_path, "topics.csv", CURRICULUM)
    assert make_runner(server.db_url)("import", "curriculum", curriculum).exit_code == 0
    db = Database(server.db_url)
    try:
        with db.begin() as session:
            numeric = ratio_item("api-q1")
            numeric.status = ContentStatus.approved
            session.add_all([numeric, choice_item("api-q2")])
            session.flush()
            session.add_all(
                Assignment(student_id="u-s1", item_id=i, week="2024-W49")
                for i in ("api-q1", "api-q2")
            )
    finally:
        db.dispose()

    def send(body: str, **params: str) -> httpx.Response:
        with httpx.Client(base_url=server.url, timeout=120) as client:
            return client.post(
                "/v1/imports/results",
                content=body.encode("utf-8"),
                params=params,
                headers={"Authorization": f"Bearer {server.a_key}", "Content-Type": "text/csv"},
            )

    bad = send(GRADES.replace('/1.00"\n', '/1.00","Q. 3 /1.00"\n', 1))
    assert bad.status_code == 422, bad.text
    problem = bad.json()["problems"][0]
    assert (problem["file"], problem["line"], problem["field"]) == ("results.csv", 2, "Q. 1 /1.00")
    assert "no week's export to 'u-s1' has the quiz's 3 questions" in problem["message"]

    dry = send(GRADES, dry_run="true")
    assert dry.status_code == 200, dry.text
    assert dry.json()["counts"]["attempts"]["created"] == 2
    sent = send(GRADES)
    assert sent.status_code == 200, sent.text
    db = Database(server.db_url)
    try:
        with db.begin() as session:
            rows = session.execute(
                select(Attempt.item_id, Attempt.correct)
                .where(Attempt.student_id == "u-s1")
                .order_by(Attempt.item_id)
            ).all()
    finally:
        db.dispose()
    # Slot 1 is the multiple-choice question (Moodle lists multichoice before numerical).
    assert [tuple(r) for r in rows] == [("api-q1", False), ("api-q2", True)]
    assert send(GRADES).json()["counts"]["attempts"]["created"] == 0
