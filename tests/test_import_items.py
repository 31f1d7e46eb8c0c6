"""edugen import items: a teacher's question bank (CSV or JSON), checked whole, all or nothing."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from edugen.profiles.db import Database
from edugen.profiles.models import ContentStatus, Item, ItemKind, ItemSource
from tests.conftest import Run, assert_input_rejected, count_rows, write

CURRICULUM = "code,subject,grade,title,prerequisites\nT1,math,6,Ratios,\nT2,math,6,Rates,T1\n"
HEADER = "id,topic,kind,tier,stem,options,answer,tolerance,solution,rubric,hint\n"
BANK = HEADER + (
    'q1,T1,multiple_choice,2,What is 1/2 of 8?,2|4|6,4,,"Half of 8 is 4.",,Split 8 in two.\n'
    "q2,T1,numeric,,Write 3 out of 4 as a fraction.,,3/4,0.01,,,\n"
    'q3,T2,short_answer,5,Explain a unit rate.,,"the rate for one unit",,,'
    '"Mentions one unit",\n'
)
ITEMS = [
    {
        "id": "j1",
        "topic": "T1",
        "kind": "multiple_choice",
        "stem": "Pick the larger ratio.",
        "options": ["1:2", "2:1"],
        "answer": "2:1",
    },
    {"id": "j2", "topic": "T2", "kind": "numeric", "tier": 4, "stem": "5 / 2 = ?", "answer": 2.5},
]


@pytest.fixture
def topics(any_run: Run, any_db_url: str, tmp_path: Path) -> str:
    """Topics T1 and T2 imported through the CLI; returns the database URL."""
    result = any_run("import", "curriculum", write(tmp_path, "topics.csv", CURRICULUM))
    assert result.exit_code == 0, result.output
    return any_db_url


def object_lines(text: str) -> list[int]:
    """Where each top-level object of an indent=2 JSON list starts, counted independently."""
    return [n for n, line in enumerate(text.splitlines(), 1) if line == "  {"]


def stored(url: str) -> dict[str, Item]:
    db = Database(url)
    try:
        with db.begin() as session:
            items = {item.id: item for item in session.scalars(select(Item))}
            session.expunge_all()
            return items
    finally:
        db.dispose()


def count(url: str) -> int:
    return count_rows(url, Item)


def test_csv_bank_imports_then_reimport_is_a_no_op(
    topics: str, any_run: Run, tmp_path: Path
) -> None:
    path = write(tmp_path, "bank.csv", BANK)
    result = any_run("import", "items", path, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["counts"]["items"]["created"] == 3
    items = stored(topics)
    assert set(items) == {"bank:q1", "bank:q2", "bank:q3"}
    q1 = items["bank:q1"]
    assert (q1.kind, q1.tier, q1.options, q1.answer) == (
        ItemKind.multiple_choice,
        2,
        ["2", "4", "6"],
        "4",
    )
    assert (q1.solution, q1.hint, q1.rubric) == ("Half of 8 is 4.", "Split 8 in two.", None)
    assert (q1.source, q1.verified, q1.status) == (ItemSource.bank, True, ContentStatus.draft)
    assert q1.provenance == {"file": "bank.csv", "line": 2}
    q2 = items["bank:q2"]
    assert (q2.kind, q2.tier, q2.options, q2.answer) == (ItemKind.numeric, 3, None, "3/4")
    assert q2.tolerance == 0.01 and q2.provenance == {"file": "bank.csv", "line": 3}
    q3 = items["bank:q3"]
    assert (q3.kind, q3.topic_code, q3.rubric) == (ItemKind.short_answer, "T2", "Mentions one unit")

    again = any_run("import", "items", path)
    assert again.exit_code == 0, again.output
    assert "items: 0 new, 0 updated, 3 unchanged" in again.stdout


def test_the_old_explanation_column_still_names_the_solution(
    topics: str, any_run: Run, tmp_path: Path
) -> None:
    """A bank written before the column became `solution` imports the same; a row that
    fills both columns is refused, naming the line and the column."""
    old = BANK.replace(HEADER, HEADER.replace("solution", "explanation"))
    result = any_run("import", "items", write(tmp_path, "old.csv", old))
    assert result.exit_code == 0, result.output
    assert stored(topics)["bank:q1"].solution == "Half of 8 is 4."

    both = HEADER.replace("hint", "hint,explanation") + (
        "q9,T1,numeric,,Half of 8?,,4,,Half of 8 is 4.,,,Eight halved.\n"
    )
    rejected = any_run("import", "items", write(tmp_path, "both.csv", both))
    assert_input_rejected(rejected, "both.csv:2: explanation:", "not both")
    assert "bank:q9" not in stored(topics)


def test_changed_row_updates_the_item_and_sends_it_back_to_review(
    topics: str, any_run: Run, tmp_path: Path
) -> None:
    assert any_run("import", "items", write(tmp_path, "bank.csv", BANK)).exit_code == 0
    db = Database(topics)
    try:
        with db.begin() as session:
            for item in session.scalars(select(Item)):
                item.status = ContentStatus.approved
    finally:
        db.dispose()
    changed = BANK.replace("What is 1/2 of 8?", "What is half of 8?")
    result = any_run("import", "items", write(tmp_path, "bank.csv", changed))
    assert result.exit_code == 0, result.output
    assert "items: 0 new, 1 updated, 2 unchanged" in result.stdout
    items = stored(topics)
    assert items["bank:q1"].stem == "What is half of 8?"
    # The edited question needs a reviewer again; the untouched ones keep their approval.
    assert items["bank:q1"].status == ContentStatus.draft
    assert items["bank:q2"].status == ContentStatus.approved


def test_json_bank_imports(topics: str, any_run: Run, tmp_path: Path) -> None:
    text = json.dumps(ITEMS, indent=2)
    path = write(tmp_path, "bank.json", text)
    result = any_run("import", "items", path)
    assert result.exit_code == 0, result.output
    assert "items: 2 new" in result.stdout
    items = stored(topics)
    assert items["bank:j1"].options == ["1:2", "2:1"] and items["bank:j1"].answer == "2:1"
    j2 = items["bank:j2"]
    assert (j2.kind, j2.tier, j2.answer) == (ItemKind.numeric, 4, "2.5")
    assert object_lines(text) == [2, 13]
    assert j2.tolerance == 0.0 and j2.provenance == {"file": "bank.json", "line": 13}
    assert any_run("import", "items", path).stdout.count("2 unchanged") == 1


def test_dry_run_writes_nothing(topics: str, any_run: Run, tmp_path: Path) -> None:
    result = any_run("import", "items", write(tmp_path, "bank.csv", BANK), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "would import" in result.stdout and "items: 3 new" in result.stdout
    assert count(topics) == 0


# --- bad input: every case exits non-zero, names file:line: field:, and writes nothing ----


def assert_rejected(
    run: Run, url: str, text: str | bytes, where: str, tmp_path: Path, name: str = "bank.csv"
) -> str:
    output = assert_input_rejected(run("import", "items", write(tmp_path, name, text)), where)
    assert count(url) == 0
    return output


def test_missing_required_column(topics: str, any_run: Run, tmp_path: Path) -> None:
    text = "id,topic,kind,stem\nq1,T1,numeric,1+1?\n"
    assert_rejected(
        any_run, topics, text, "bank.csv:1: answer: required column is missing", tmp_path
    )


@pytest.mark.parametrize(
    ("row", "where"),
    [
        (",T1,numeric,,1+1?,,2,,,,", "bank.csv:5: id: is required"),
        ("q9,,numeric,,1+1?,,2,,,,", "bank.csv:5: topic: is required"),
        ("q9,T1,essay,,1+1?,,2,,,,", "bank.csv:5: kind: 'essay' is not one of"),
        ("q9,T1,numeric,6,1+1?,,2,,,,", "bank.csv:5: tier: '6' is not a whole number from 1 to 5"),
        ("q9,T1,numeric,two,1+1?,,2,,,,", "bank.csv:5: tier: 'two' is not a whole number"),
        ("q9,T1,numeric,,,,2,,,,", "bank.csv:5: stem: is required"),
        ("q9,T1,numeric,," + "x" * 2001 + ",,2,,,,", "bank.csv:5: stem: must be at most 2000"),
        ("q9,T1,numeric,,1+1?,,,,,,", "bank.csv:5: answer: is required"),
        ("q9,T1,numeric,,1+1?,,two,,,,", "bank.csv:5: answer: 'two' is not a number"),
        ("q9,T1,numeric,,1+1?,,1/0,,,,", "bank.csv:5: answer: '1/0' is not a number"),
        ("q9,T1,numeric,,1+1?,,2,-1,,,", "bank.csv:5: tolerance: '-1' is not a number >= 0"),
        ("q9,T1,numeric,,1+1?,1|2,2,,,,", "bank.csv:5: options: only multiple_choice"),
        ("q9,T1,short_answer,,Why?,,Because,,,,", "bank.csv:5: rubric: is required"),
        ("q9,T1,short_answer,,Why?,,Because,0.5,,r,", "bank.csv:5: tolerance: only numeric"),
        ("q9,T1,multiple_choice,,1+1?,,2,,,,", "bank.csv:5: options: is required"),
        ("q9,T1,multiple_choice,,1+1?,2,2,,,,", "bank.csv:5: options: 1 given"),
        ("q9,T1,multiple_choice,,1+1?,1|2|3|4|5|6|7,2,,,,", "bank.csv:5: options: 7 given"),
        ("q9,T1,multiple_choice,,1+1?,1||2,2,,,,", "bank.csv:5: options: an option is empty"),
    ],
)
def test_bad_values(topics: str, any_run: Run, tmp_path: Path, row: str, where: str) -> None:
    assert_rejected(any_run, topics, BANK + row + "\n", where, tmp_path)


def test_answer_not_among_options(topics: str, any_run: Run, tmp_path: Path) -> None:
    text = BANK + "q9,T1,multiple_choice,,1+1?,1|3,2,,,,\n"
    assert_rejected(
        any_run, topics, text, "bank.csv:5: answer: '2' is not one of the options", tmp_path
    )


def test_duplicate_options(topics: str, any_run: Run, tmp_path: Path) -> None:
    text = BANK + "q9,T1,multiple_choice,,1+1?,2|3| 2,2,,,,\n"
    assert_rejected(
        any_run, topics, text, "bank.csv:5: options: must be distinct: '2' repeated", tmp_path
    )


def test_duplicate_id(topics: str, any_run: Run, tmp_path: Path) -> None:
    text = BANK + "q2,T1,numeric,,1+1?,,2,,,,\n"
    assert_rejected(
        any_run, topics, text, "bank.csv:5: id: duplicate: id 'q2' is also on line 3", tmp_path
    )


def test_unknown_topic(topics: str, any_run: Run, tmp_path: Path) -> None:
    text = BANK + "q9,T9,numeric,,1+1?,,2,,,,\n"
    assert_rejected(any_run, topics, text, "bank.csv:5: topic: unknown topic 'T9'", tmp_path)


def test_undecodable_bytes(topics: str, any_run: Run, tmp_path: Path) -> None:
    data = (BANK + "q9,T1,short_answer,,Pourquoi \xe7a?,,Parce que,,,r,\n").encode("latin-1")
    assert_rejected(any_run, topics, data, "bank.csv:5: not valid UTF-8", tmp_path)


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"answer": "3:1"}, "bank.json:10: answer: '3:1' is not one of the options"),
        ({"options": "1:2|2:1"}, "bank.json:10: options: must be a list of strings"),
        ({"kind": "essay"}, "bank.json:10: kind: 'essay' is not one of"),
        ({"colour": "red"}, "bank.json:10: colour: unknown key"),
        ({"stem": None}, "bank.json:10: stem: is required"),
    ],
)
def test_bad_json_names_the_line_where_the_object_starts(
    topics: str, any_run: Run, tmp_path: Path, change: dict[str, object], where: str
) -> None:
    # The second object is the one changed; with indent=2 it starts on line 10.
    second = {**ITEMS[0], "id": "j3", **change}
    text = json.dumps([ITEMS[1], second], indent=2)
    assert object_lines(text)[1] == 10
    assert_rejected(any_run, topics, text, where, tmp_path, name="bank.json")


def test_json_that_is_not_a_list(topics: str, any_run: Run, tmp_path: Path) -> None:
    text = json.dumps({"items": ITEMS})
    assert_rejected(
        any_run, topics, text, "bank.json:1: expected a JSON list", tmp_path, name="bank.json"
    )


def test_json_duplicate_id(topics: str, any_run: Run, tmp_path: Path) -> None:
    text = json.dumps([ITEMS[0], ITEMS[1], ITEMS[0]], indent=2)
    assert object_lines(text) == [2, 13, 21]
    assert_rejected(
        any_run,
        topics,
        text,
        "bank.json:21: id: duplicate: id 'j1' is also on line 2",
        tmp_path,
        name="bank.json",
    )


@pytest.mark.parametrize("answer", ["1e999999999", "1E-999999999", "9" * 41])
def test_a_huge_numeric_answer_is_refused_at_once(
    any_run: Run, topics: str, tmp_path: Path, answer: str
) -> None:
    bank = HEADER + f"q9,T1,numeric,,How many?,,{answer},,,,\n"
    started = time.monotonic()
    result = any_run("import", "items", write(tmp_path, "bank.csv", bank))
    assert time.monotonic() - started < 10
    assert_input_rejected(result, "bank.csv:2: answer:", "is not a number")
    assert count_rows(topics, Item) == 0


def test_deeply_nested_or_unreadable_json_is_a_file_problem(
    any_run: Run, topics: str, tmp_path: Path
) -> None:
    deep = any_run("import", "items", write(tmp_path, "bank.json", "[" * 50_000 + "]" * 50_000))
    assert_input_rejected(deep, "bank.json: JSON nested more than 32 levels deep")
    digits = any_run("import", "items", write(tmp_path, "big.json", "[" + "9" * 5000 + "]"))
    assert_input_rejected(digits, "big.json: not readable JSON")


def test_control_characters_in_a_stem_or_option_are_refused(
    any_run: Run, topics: str, tmp_path: Path
) -> None:
    items = [dict(ITEMS[0], stem="Pick\x00 one"), dict(ITEMS[1], id="j3", answer="2.5\x9b")]
    result = any_run("import", "items", write(tmp_path, "bank.json", json.dumps(items, indent=2)))
    assert_input_rejected(
        result, "bank.json:2: stem: contains the control character U+0000", "answer:"
    )
    csv_bank = HEADER + "q1,T1,multiple_choice,2,Half of 8?,2|4\x07|6,4,,,,\n"
    result = any_run("import", "items", write(tmp_path, "bank.csv", csv_bank))
    assert_input_rejected(result, "bank.csv:2: options: contains the control character U+0007")
