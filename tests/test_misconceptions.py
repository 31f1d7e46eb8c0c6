"""Misconceptions counted from wrong answers: the response matched to the wrong option it picked."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from edugen.demo.school import DATA
from edugen.profiles.db import Database
from edugen.profiles.misconceptions import OptionKey, misconception_counts
from edugen.profiles.models import Item, ItemKind, ItemSource
from edugen.workflows.imports import import_files
from tests.conftest import Run, add_students, write

FRACTIONS = "5.NF.B.4"
DECIMALS = "6.NS.B.3"
SINCE = datetime(2024, 12, 2, tzinfo=UTC)


def _item(item_id: str, topic: str, answer: str, misconceptions: dict[str, str] | None) -> Item:
    options = [answer, *(misconceptions or {})]
    return Item(
        id=item_id,
        topic_code=topic,
        kind=ItemKind.multiple_choice if misconceptions else ItemKind.numeric,
        tier=3,
        stem=f"Question {item_id}",
        options=options if misconceptions else None,
        answer=answer,
        source=ItemSource.family if misconceptions else ItemSource.bank,
        family="test" if misconceptions else None,
        verified=True,
        provenance={"misconceptions": misconceptions} if misconceptions else {"question": "?"},
        created_at=datetime(2024, 11, 1, tzinfo=UTC),
    )


@pytest.fixture
def school(any_db_url: str) -> str:
    """The demo curriculum, students s1-s4, and items frac, place (with misconceptions), bank."""
    db = Database(any_db_url)
    try:
        import_files("curriculum", [DATA / "curriculum.csv"], db=db)
        with db.begin() as session:
            add_students(session, 4)
            session.add(
                _item(
                    "frac",
                    FRACTIONS,
                    "1/12",
                    {
                        "2/7": "adds numerators and denominators",
                        "1/7": "adds the denominators",
                        "3/4": "multiplies by the reciprocal",
                    },
                )
            )
            session.add(
                _item(
                    "place",
                    DECIMALS,
                    "300",
                    {
                        "3,000": "misplaces the decimal point",
                        "30": "misplaces the decimal point",
                        "None of them": "guesses",
                    },
                )
            )
            session.add(_item("bank", DECIMALS, "12", None))
    finally:
        db.dispose()
    return any_db_url


RESULTS = (
    "student_id,item_id,topic,correct,timestamp,response\n"
    "s1,frac,,false,2024-12-02T09:00:00Z,2/7\n"  # adds numerators and denominators
    's2,frac,,false,2024-12-02T09:01:00Z," 2 / 7 "\n'  # the same, spaced out
    "s2,frac,,false,2024-12-03T09:00:00Z,4/14\n"  # the same value, written another way
    "s3,frac,,false,2024-12-02T10:00:00Z,.75\n"  # = 3/4: multiplies by the reciprocal
    "s1,frac,,false,2024-12-02T11:00:00Z,1/5\n"  # wrong, but none of the options
    "s1,frac,,true,2024-12-02T12:00:00Z,1/7\n"  # marked right by the source: not counted
    "s3,frac,,false,2024-11-25T09:00:00Z,2/7\n"  # before `since`
    "s4,frac,,false,2024-12-02T09:00:00Z,2/7\n"  # another class's student
    "s2,frac,,false,2024-12-02T13:00:00Z,\n"  # no response
    "s1,place,,false,2024-12-02T09:30:00Z,3000\n"  # = 3,000: misplaces the decimal point
    "s3,place,,false,2024-12-02T09:30:00Z,30\n"  # the same misconception, another option
    "s2,place,,false,2024-12-02T09:40:00Z,  none   OF them \n"  # text: case and spaces
    "s1,bank,,false,2024-12-02T09:50:00Z,5\n"  # an item without misconceptions
    "s3,,5.NF.B.4,false,2024-12-02T09:55:00Z,2/7\n"  # a topic, no item
)


def counts(url: str, student_ids: Collection[str], since: datetime) -> list[tuple[Any, ...]]:
    db = Database(url)
    try:
        with db.begin() as session:
            found = misconception_counts(session=session, student_ids=student_ids, since=since)
            return [(m.topic, m.misconception, m.students, m.answers) for m in found]
    finally:
        db.dispose()


def test_counts_from_imported_answers(school: str, any_run: Run, tmp_path: Path) -> None:
    result = any_run("import", "results", write(tmp_path, "results.csv", RESULTS))
    assert result.exit_code == 0, result.output
    assert "attempts: 14 new" in result.stdout

    class_ids = ["s1", "s2", "s3"]
    expected = [
        (FRACTIONS, "adds numerators and denominators", 2, 3),
        (DECIMALS, "misplaces the decimal point", 2, 2),
        (FRACTIONS, "multiplies by the reciprocal", 1, 1),
        (DECIMALS, "guesses", 1, 1),
    ]
    assert counts(school, class_ids, SINCE) == expected
    # `since` is inclusive and compared as an instant: 10:00 at +01:00 is 09:00 UTC.
    later = datetime(2024, 12, 3, 10, 0, tzinfo=timezone(timedelta(hours=1)))
    assert counts(school, class_ids, later) == [
        (FRACTIONS, "adds numerators and denominators", 1, 1)
    ]
    assert counts(school, class_ids, later + timedelta(seconds=1)) == []
    # A naive `since` is UTC.
    assert counts(school, class_ids, SINCE.replace(tzinfo=None)) == expected
    # The other student, on their own.
    assert counts(school, ["s4"], SINCE) == [(FRACTIONS, "adds numerators and denominators", 1, 1)]
    assert counts(school, [], SINCE) == []

    # A big class: the ids go to the database 500 at a time; s1, s2 and s3 (sorted among
    # 1,200 unknown ids) land in three different chunks, and the answer is the same.
    big = [*class_ids, *(f"{s}_{n:04d}" for s in ("s1", "s2") for n in range(600))]
    assert counts(school, big, SINCE) == expected

    # Importing the same file again changes nothing.
    again = any_run("import", "results", write(tmp_path, "results.csv", RESULTS))
    assert "attempts: 0 new" in again.stdout
    assert counts(school, class_ids, SINCE) == expected


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        ("7/12", "adds the denominators"),
        ("  7 /12 ", "adds the denominators"),
        ("14/24", "adds the denominators"),
        ("0.5", "halves"),
        (".5", "halves"),
        ("1/2", "halves"),
        ("3000", "place value"),
        ("3,000.0", "place value"),
        ("$ 3.5", "money"),
        ("ADDS  them", "words"),
        ("0.58", None),
        ("2/3", None),
        ("adds", None),
        ("", None),
    ],
)
def test_option_matching(response: str, expected: str | None) -> None:
    key = OptionKey.of(
        "T",
        {
            "misconceptions": {
                "7/12": "adds the denominators",
                "0.50": "halves",
                "3,000": "place value",
                "$3.50": "money",
                "adds them": "words",
            }
        },
    )
    assert key is not None
    assert key.match(response) == expected


def test_items_without_a_misconception_map() -> None:
    assert OptionKey.of("T", {}) is None
    assert OptionKey.of("T", {"misconceptions": "adds the denominators"}) is None
    assert OptionKey.of("T", {"misconceptions": {"7/12": 3}}) is None
