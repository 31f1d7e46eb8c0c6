"""edugen import results: results CSV and xAPI statements, resolved, deduplicated, all or none."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from edugen.importers.results import statement_lines
from edugen.profiles.db import Database
from edugen.profiles.models import Attempt
from tests.conftest import Run, assert_input_rejected, count_rows, results_school, write

CURRICULUM = "code,subject,grade,title,prerequisites\nT1,math,6,Ratios,\nT2,math,6,Rates,T1\n"
HEADER = "student_id,item_id,topic,correct,score,timestamp\n"


@pytest.fixture
def school(any_run: Run, any_db_url: str, tmp_path: Path) -> str:
    """Topics T1, T2 (through the CLI), students s1, s2 and item q1 of T1; returns the DB URL."""
    return results_school(any_run, any_db_url, tmp_path, CURRICULUM)


def attempts(url: str) -> list[dict[str, Any]]:
    db = Database(url)
    try:
        with db.begin() as session:
            rows = session.scalars(select(Attempt).order_by(Attempt.answered_at, Attempt.id))
            return [
                {
                    "student": a.student_id,
                    "topic": a.topic_code,
                    "item_id": a.item_id,
                    "item_ref": a.item_ref,
                    "correct": a.correct,
                    "score": a.score,
                    "source": a.source,
                    "applied": a.applied,
                    "response": a.response,
                }
                for a in rows
            ]
    finally:
        db.dispose()


def count(url: str) -> int:
    return count_rows(url, Attempt)


GOOD_CSV = HEADER + (
    "s1,q1,,true,,2024-12-02T10:00:00Z\n"  # a known item: its topic comes from the item
    "s1,,T2,,0.8,2024-12-02T10:01:00Z\n"  # a topic only; score alone → correct
    "s2,ext-17,T2,no,,2024-12-02T10:02:00+01:00\n"  # an unknown item of a known topic
    "s2,q1,T2,1,0.25,2024-12-02 10:03:00\n"  # both given: both kept; the item's topic wins
    "s2,q1,T2,1,0.25,2024-12-02 10:03:00\n"  # an exact repeat: stored once
)


def test_csv_imports_then_reimport_is_a_no_op(school: str, any_run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "results.csv", GOOD_CSV)
    result = any_run("import", "results", path, "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["counts"]["attempts"] == {"created": 4, "updated": 0, "unchanged": 1}
    stored = attempts(school)
    rows = [
        tuple(a[k] for k in ("student", "topic", "item_id", "item_ref", "correct", "score"))
        for a in stored
    ]
    assert rows == [
        ("s2", "T2", None, "ext-17", False, 0.0),  # 09:02 UTC: the +01:00 offset is applied
        ("s1", "T1", "q1", "q1", True, 1.0),
        ("s1", "T2", None, "", True, 0.8),
        ("s2", "T1", "q1", "q1", True, 0.25),
    ]
    # The learner model learned from each new answer, once.
    assert {(a["source"], a["applied"]) for a in stored} == {("csv", True)}
    assert summary["learned"] == 4

    again = any_run("import", "results", path)
    assert again.exit_code == 0, again.output
    assert "attempts: 0 new, 0 updated, 5 unchanged" in again.stdout
    assert "mastery updated" not in again.stdout
    assert count(school) == 4


def test_csv_header_aliases(school: str, any_run: Run, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "results.csv",
        "Student,Item,Topic_Code,is_correct,answered_at,notes\ns1,q1,,yes,2024-12-02,first try\n",
    )
    result = any_run("import", "results", path)
    assert result.exit_code == 0, result.output
    assert attempts(school)[0]["item_id"] == "q1"


def test_csv_response_is_stored_trimmed(school: str, any_run: Run, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "results.csv",
        HEADER.rstrip("\n")
        + ",response\n"
        + 's1,q1,,false,,2024-12-02T10:00:00Z,"  7/12 "\n'
        + "s1,q1,,true,,2024-12-02T10:01:00Z,2\n"
        + "s2,q1,,false,,2024-12-02T10:02:00Z,\n"  # no answer given
        + 's2,q1,,false,,2024-12-02T10:03:00Z,"two\n halves"\n'  # a line break inside
        + 's2,q1,,false,,2024-12-02T10:03:00Z,"two\n halves"\n',  # an exact repeat
    )
    result = any_run("import", "results", path)
    assert result.exit_code == 0, result.output
    assert "attempts: 4 new, 0 updated, 1 unchanged" in result.stdout
    assert [a["response"] for a in attempts(school)] == ["7/12", "2", None, "two\n halves"]
    again = any_run("import", "results", path)
    assert again.exit_code == 0, again.output
    assert "attempts: 0 new, 0 updated, 5 unchanged" in again.stdout
    assert count(school) == 4


@pytest.mark.parametrize("label", ["Answer", "student_response", "STUDENT_ANSWER"])
def test_csv_response_aliases(school: str, any_run: Run, tmp_path: Path, label: str) -> None:
    text = f"student,item,correct,timestamp,{label}\ns1,q1,no,2024-12-02,0.5\n"
    result = any_run("import", "results", write(tmp_path, "results.csv", text))
    assert result.exit_code == 0, result.output
    assert attempts(school)[0]["response"] == "0.5"


def test_csv_without_response_stores_none(school: str, any_run: Run, tmp_path: Path) -> None:
    result = any_run("import", "results", write(tmp_path, "results.csv", GOOD_CSV))
    assert result.exit_code == 0, result.output
    assert {a["response"] for a in attempts(school)} == {None}


def test_dry_run_writes_nothing(school: str, any_run: Run, tmp_path: Path) -> None:
    result = any_run("import", "results", write(tmp_path, "results.csv", GOOD_CSV), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "would import" in result.stdout and "attempts: 4 new" in result.stdout
    assert count(school) == 0


def statement(
    object_id: str, *, student: str = "s1", when: str = "2024-12-02T10:00:00Z", **result: Any
) -> dict[str, Any]:
    return {
        "actor": {"account": {"homePage": "https://lms.example", "name": student}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
        "object": {"id": object_id, "objectType": "Activity"},
        "result": result,
        "timestamp": when,
    }


XAPI = [
    statement("q1", success=True),  # a known item id, exactly
    statement("https://lms.example/items/q1", student="s2", success=False),  # its last segment
    statement("https://curriculum.example/math#T2", score={"scaled": 0.9}),  # a topic, by fragment
    {  # no result: launched, not answered
        "actor": {"account": {"homePage": "https://lms.example", "name": "s1"}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/launched"},
        "object": {"id": "https://lms.example/items/q1"},
        "timestamp": "2024-12-02T09:59:00Z",
    },
]


@pytest.mark.parametrize("shape", ["list", "lrs"])
def test_xapi_statements(school: str, any_run: Run, tmp_path: Path, shape: str) -> None:
    document: Any = XAPI if shape == "list" else {"statements": XAPI, "more": ""}
    path = write(tmp_path, "statements.json", json.dumps(document, indent=2))
    result = any_run("import", "results", path)
    assert result.exit_code == 0, result.output
    assert "attempts: 3 new" in result.stdout
    assert "1 statements without a result skipped" in result.stdout
    stored = attempts(school)
    assert {(a["student"], a["topic"], a["item_id"], a["correct"], a["score"]) for a in stored} == {
        ("s1", "T1", "q1", True, 1.0),
        ("s2", "T1", "q1", False, 0.0),
        ("s1", "T2", None, True, 0.9),
    }
    assert {a["source"] for a in stored} == {"xapi"}
    assert "attempts: 0 new" in any_run("import", "results", path).stdout


def test_xapi_response_is_stored(school: str, any_run: Run, tmp_path: Path) -> None:
    statements = [
        statement("q1", success=False, response=" 7/12 "),
        statement("q1", student="s2", success=True, response="2"),
        statement("q1", when="2024-12-02T10:05:00Z", success=False),
    ]
    path = write(tmp_path, "statements.json", json.dumps(statements))
    result = any_run("import", "results", path)
    assert result.exit_code == 0, result.output
    assert sorted((a["student"], a["response"] or "") for a in attempts(school)) == [
        ("s1", ""),
        ("s1", "7/12"),
        ("s2", "2"),
    ]


def test_statement_lines_are_where_statements_start() -> None:
    text = '{"more": "", "statements": [\n  {"a": [1,\n 2]},\n\n  {"b": "[{"}, {"c": 3}\n]}'
    assert statement_lines(text) == [2, 5, 5]
    assert statement_lines('[{"a": 1},\n{"b": 2}]') == [1, 2]


# --- bad input: every case exits non-zero, names file:line: field:, and writes nothing ----


def assert_rejected(run: Run, url: str, path: Path, where: str) -> str:
    output = assert_input_rejected(run("import", "results", path), where)
    assert count(url) == 0
    return output


@pytest.mark.parametrize(
    ("header", "where"),
    [
        ("student_id,item_id,correct\n", "results.csv:1: timestamp: required column is missing"),
        ("item_id,correct,timestamp\n", "results.csv:1: student_id: required column is missing"),
        ("student_id,correct,timestamp\n", "results.csv:1: item_id: required column is missing"),
        ("student_id,item_id,timestamp\n", "results.csv:1: correct: required column is missing"),
    ],
)
def test_missing_required_column(
    school: str, any_run: Run, tmp_path: Path, header: str, where: str
) -> None:
    path = write(tmp_path, "results.csv", header + "s1,q1,2024-12-02T10:00:00Z\n")
    assert_rejected(any_run, school, path, where)


@pytest.mark.parametrize(
    ("row", "where"),
    [
        ("s1,q1,,maybe,,2024-12-02T10:00:00Z", "results.csv:3: correct: 'maybe' is not one of"),
        ("s1,q1,,,1.5,2024-12-02T10:00:00Z", "results.csv:3: score: 1.5 is outside 0..1"),
        ("s1,q1,,,high,2024-12-02T10:00:00Z", "results.csv:3: score: 'high' is not a number"),
        ("s1,q1,,true,,yesterday", "results.csv:3: timestamp: 'yesterday' is not an ISO 8601"),
        ("s1,q1,,true,,", "results.csv:3: timestamp: is required"),
        (
            "s1,q1,,,,2024-12-02T10:00:00Z",
            "results.csv:3: correct: each row needs correct or score",
        ),
        (",q1,,true,,2024-12-02T10:00:00Z", "results.csv:3: student_id: is required"),
        ("s1,,,true,,2024-12-02T10:00:00Z", "results.csv:3: item_id: each row needs an item_id"),
    ],
)
def test_bad_values(school: str, any_run: Run, tmp_path: Path, row: str, where: str) -> None:
    good = "s2,q1,,true,,2024-12-02T09:00:00Z\n"
    assert_rejected(
        any_run, school, write(tmp_path, "results.csv", HEADER + good + row + "\n"), where
    )


def test_unknown_student_and_item(school: str, any_run: Run, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "results.csv",
        HEADER
        + "s1,q1,,true,,2024-12-02T10:00:00Z\n"
        + "s9,q1,,true,,2024-12-02T10:01:00Z\n"
        + "s9,q1,,true,,2024-12-02T10:02:00Z\n"
        + "s1,q404,,true,,2024-12-02T10:03:00Z\n"
        + "s1,,T9,true,,2024-12-02T10:04:00Z\n",
    )
    output = assert_rejected(
        any_run, school, path, "results.csv:3: student_id: unknown student 's9' (and 1 more rows)"
    )
    assert "results.csv:5: item_id: unknown item or topic 'q404'" in output
    assert "results.csv:6: topic: unknown topic 'T9'" in output


def test_conflicting_duplicate_rows(school: str, any_run: Run, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "results.csv",
        HEADER + "s1,q1,,true,,2024-12-02T10:00:00Z\ns1,q1,,false,,2024-12-02T11:00:00+01:00\n",
    )
    assert_rejected(
        any_run,
        school,
        path,
        "results.csv:3: correct: answers the same item at the same time as line 2",
    )


def test_response_too_long(school: str, any_run: Run, tmp_path: Path) -> None:
    rows = "s1,q1,,false,,2024-12-02T10:00:00Z," + "x" * 512 + "\n"  # the limit: fine
    rows += "s1,q1,,false,,2024-12-02T10:01:00Z, " + "y" * 513 + " \n"
    path = write(tmp_path, "results.csv", HEADER.rstrip("\n") + ",answer\n" + rows)
    assert_rejected(
        any_run, school, path, "results.csv:3: answer: is 513 characters long; the limit is 512"
    )


def test_response_with_control_characters(school: str, any_run: Run, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "results.csv",
        HEADER.rstrip("\n") + ",response\ns1,q1,,false,,2024-12-02T10:00:00Z,a\x00b\n",
    )
    assert_rejected(any_run, school, path, "results.csv:2: response: contains control characters")


def test_same_answer_twice_with_different_responses(
    school: str, any_run: Run, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "results.csv",
        HEADER.rstrip("\n")
        + ",response\ns1,q1,,false,,2024-12-02T10:00:00Z,3\ns1,q1,,false,,2024-12-02T10:00:00Z,4\n",
    )
    assert_rejected(
        any_run,
        school,
        path,
        "results.csv:3: response: answers the same item at the same time as line 2 "
        "but with a different response",
    )


def test_undecodable_bytes(school: str, any_run: Run, tmp_path: Path) -> None:
    data = (HEADER + "s1,q1,,true,,2024-12-02T10:00:00Z\ns1,\xe9t\xe9,,true,,2024-12-02\n").encode(
        "latin-1"
    )
    assert_rejected(
        any_run, school, write(tmp_path, "results.csv", data), "results.csv:3: not valid UTF-8"
    )


def test_malformed_json(school: str, any_run: Run, tmp_path: Path) -> None:
    text = json.dumps(XAPI[:2], indent=2)
    broken = text.replace('"success": false', '"success": false,', 1)
    line = broken[: broken.index('"success": false,')].count("\n") + 2
    path = write(tmp_path, "statements.json", broken)
    assert_rejected(any_run, school, path, f"statements.json:{line}: not valid JSON")


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (
            lambda s: s.update(actor={"mbox": "mailto:ann@example.org"}),
            "statements[1].actor: the actor is identified by an e-mail address",
        ),
        (
            lambda s: s["actor"].pop("account"),
            "statements[1].actor.account.name: is required",
        ),
        (
            lambda s: s["result"].update(score={"scaled": -0.5}),
            "statements[1].result.score.scaled: -0.5 is negative",
        ),
        (
            lambda s: s["result"].update(success="yes"),
            "statements[1].result.success: 'yes' is not true or false",
        ),
        (
            lambda s: s.update(timestamp="last tuesday"),
            "statements[1].timestamp: 'last tuesday' is not an ISO 8601",
        ),
        (
            lambda s: s["object"].update(id="https://lms.example/items/q404"),
            "statements[1].object.id: unknown item or topic 'https://lms.example/items/q404'",
        ),
        (
            lambda s: s["actor"]["account"].update(name="s9"),
            "statements[1].actor.account.name: unknown student 's9'",
        ),
        (
            lambda s: s["result"].update(response=12),
            "statements[1].result.response: 12 is not a string",
        ),
        (
            lambda s: s["result"].update(response="z" * 513),
            "statements[1].result.response: is 513 characters long; the limit is 512",
        ),
    ],
)
def test_bad_statements(school: str, any_run: Run, tmp_path: Path, change: Any, where: str) -> None:
    statements = json.loads(json.dumps(XAPI[:2]))
    change(statements[1])
    # One statement per line: the second one starts on line 3.
    text = '{"statements": [\n' + ",\n".join(json.dumps(s) for s in statements) + "\n]}"
    path = write(tmp_path, "statements.json", text)
    assert_rejected(any_run, school, path, f"statements.json:3: {where}")


# --- xAPI as the spec says (statements written in the shape of the xAPI 1.0.3 examples) ----

SPEC_ACTOR = {
    "objectType": "Agent",
    "account": {"homePage": "http://www.example.com", "name": "s1"},
}
SPEC_ANSWERED = {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-US": "answered"}}


def spec_statement(uid: str, **extra: Any) -> dict[str, Any]:
    """A statement shaped like the spec's examples: id, actor account, verb with display."""
    statement: dict[str, Any] = {
        "id": uid,
        "actor": SPEC_ACTOR,
        "verb": SPEC_ANSWERED,
        "object": {
            "objectType": "Activity",
            "id": "http://www.example.com/items/q1",
            "definition": {
                "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
                "interactionType": "fill-in",
            },
        },
        "result": {"success": True, "response": "2"},
        "timestamp": "2015-11-18T12:17:00+00:00",
        "stored": "2015-11-18T12:18:00+00:00",
    }
    statement.update(extra)
    return statement


def test_xapi_file_with_one_statement_object(school: str, any_run: Run, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "statement.json",
        json.dumps(spec_statement("fd41c918-b88b-4b20-a0a5-a4c32391aaa0"), indent=4),
    )
    result = any_run("import", "results", path)
    assert result.exit_code == 0, result.output
    assert "attempts: 1 new" in result.stdout
    assert [(a["student"], a["item_id"], a["response"]) for a in attempts(school)] == [
        ("s1", "q1", "2")
    ]


def test_xapi_voided_and_voiding_statements_are_not_counted(
    school: str, any_run: Run, tmp_path: Path
) -> None:
    voided = spec_statement("e05aa883-acaa-4d8c-a5d5-4b6e8b8b2e31")
    kept = spec_statement(
        "7ccd3322-e1a5-411a-a67d-6a735c76f119",
        timestamp="2015-11-18T12:20:00+00:00",
        result={"success": False, "response": "3"},
    )
    voiding = {  # the spec's voiding example: an admin's mbox actor, a StatementRef object
        "actor": {"objectType": "Agent", "name": "Example Admin", "mbox": "mailto:a@example.org"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/voided", "display": {"en-US": "voided"}},
        "object": {"objectType": "StatementRef", "id": "e05aa883-acaa-4d8c-a5d5-4b6e8b8b2e31"},
    }
    path = write(tmp_path, "statements.json", json.dumps([voided, kept, voiding]))
    result = any_run("import", "results", path)
    assert result.exit_code == 0, result.output
    assert "attempts: 1 new" in result.stdout
    assert "2 voided or voiding statements not counted" in result.stdout
    assert [(a["correct"], a["response"]) for a in attempts(school)] == [(False, "3")]


def test_xapi_without_timestamp_takes_stored(school: str, any_run: Run, tmp_path: Path) -> None:
    statement = spec_statement("a1b2c3d4-0000-4000-8000-000000000001")
    del statement["timestamp"]
    path = write(tmp_path, "statements.json", json.dumps([statement]))
    result = any_run("import", "results", path)
    assert result.exit_code == 0, result.output
    db = Database(school)
    try:
        with db.begin() as session:
            when = session.scalars(select(Attempt.answered_at)).one()
    finally:
        db.dispose()
    assert when.replace(tzinfo=UTC) == datetime(2015, 11, 18, 12, 18, tzinfo=UTC)


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda s: s.pop("verb"), "statements[1].verb: is required: every xAPI statement has"),
        (lambda s: s.pop("actor"), "statements[1].actor: is required: every xAPI statement has"),
        (lambda s: s.pop("object"), "statements[1].object: is required: every xAPI statement"),
        (
            lambda s: (s.pop("timestamp"), s.pop("stored")),
            "statements[1].timestamp: is required: the statement has neither timestamp nor stored",
        ),
    ],
)
def test_xapi_statement_missing_a_part_is_refused_with_its_position(
    school: str, any_run: Run, tmp_path: Path, change: Any, where: str
) -> None:
    first = spec_statement("a1b2c3d4-0000-4000-8000-000000000002")
    second = spec_statement("a1b2c3d4-0000-4000-8000-000000000003")
    second["result"] = {"success": True}  # a statement with no outcome is still checked
    change(second)
    text = '{"statements": [\n' + json.dumps(first) + ",\n" + json.dumps(second) + "\n]}"
    assert_rejected(any_run, school, write(tmp_path, "statements.json", text), where)
