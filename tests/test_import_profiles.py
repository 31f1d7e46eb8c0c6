"""`edugen import profiles`: per-student fields rosters do not carry, all or nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import assert_input_rejected
from tests.rosters import bundle, to_csv, write_folder
from tests.test_import_oneroster import Run, everything_stored

HEADER = [
    "student_id",
    "reading_level",
    "language",
    "interests",
    "accommodations",
    "minutes_per_day",
]


@pytest.fixture
def roster(any_run: Run, tmp_path: Path) -> Run:
    """The CLI, against a database holding the test roster (students u-s1 and u-s2)."""
    result = any_run("import", "oneroster", write_folder(tmp_path / "roster", bundle("1.2")))
    assert result.exit_code == 0, result.output
    return any_run


def write(tmp_path: Path, rows: list[dict[str, str]], header: list[str] = HEADER) -> Path:
    path = tmp_path / "profiles.csv"
    path.write_bytes(to_csv(header, rows))
    return path


def student(run: Run, student_id: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(run("students", "show", student_id, "--json").stdout)
    return result


def test_profiles_are_imported(roster: Run, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        [
            {
                "student_id": "u-s1",
                "reading_level": "4.5",
                "language": "ZH-hans",
                "interests": "soccer; space ;Soccer;dinosaurs",
                "accommodations": "extended_time;read_aloud",
                "minutes_per_day": "30",
            },
            {"student_id": "u-s2", "language": "es"},
        ],
    )
    result = roster("import", "profiles", path, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["counts"]["students"] == {
        "created": 0,
        "updated": 2,
        "unchanged": 0,
    }
    alice = student(roster, "u-s1")
    assert alice["reading_level"] == 4.5
    assert alice["language"] == "zh-Hans"
    assert alice["interests"] == ["soccer", "space", "dinosaurs"]
    assert alice["accommodations"] == ["extended_time", "read_aloud"]
    assert alice["minutes_per_day"] == 30
    bob = student(roster, "u-s2")
    assert (bob["language"], bob["minutes_per_day"], bob["reading_level"]) == ("es", 20, None)

    again = roster("import", "profiles", path)
    assert "students: 0 new, 0 updated, 2 unchanged" in again.stdout


def test_only_present_columns_and_cells_change(roster: Run, tmp_path: Path) -> None:
    full = {
        "student_id": "u-s1",
        "reading_level": "3",
        "language": "fr",
        "interests": "chess",
        "accommodations": "calculator",
        "minutes_per_day": "45",
    }
    assert roster("import", "profiles", write(tmp_path, [full])).exit_code == 0
    path = write(
        tmp_path, [{"student_id": "u-s1", "minutes_per_day": ""}], ["student_id", "minutes_per_day"]
    )
    assert roster("import", "profiles", path).exit_code == 0
    path = write(
        tmp_path, [{"student_id": "u-s1", "interests": "art;music"}], ["student_id", "interests"]
    )
    assert roster("import", "profiles", path).exit_code == 0
    alice = student(roster, "u-s1")
    assert alice["interests"] == ["art", "music"]
    assert (alice["reading_level"], alice["language"], alice["minutes_per_day"]) == (3.0, "fr", 45)
    assert alice["accommodations"] == ["calculator"]


def test_dry_run_writes_nothing(roster: Run, tmp_path: Path) -> None:
    path = write(tmp_path, [{"student_id": "u-s1", "reading_level": "7"}])
    result = roster("import", "profiles", path, "--dry-run")
    assert result.exit_code == 0 and "would import" in result.stdout
    assert student(roster, "u-s1")["reading_level"] is None


@pytest.mark.parametrize(
    ("row", "message"),
    [
        pytest.param(
            {"student_id": "u-nobody"},
            "profiles.csv:3: student_id: no student 'u-nobody'",
            id="unknown",
        ),
        pytest.param(
            {"student_id": "", "language": "en"},
            "profiles.csv:3: student_id: is required",
            id="no-id",
        ),
        pytest.param(
            {"student_id": "u-s1"}, "profiles.csv:3: student_id: 'u-s1' appears again", id="dup"
        ),
        pytest.param(
            {"student_id": "u-s2", "reading_level": "17"},
            "profiles.csv:3: reading_level: 17 is outside 0-16",
            id="level-range",
        ),
        pytest.param(
            {"student_id": "u-s2", "reading_level": "nan"},
            "profiles.csv:3: reading_level: nan is outside",
            id="level-nan",
        ),
        pytest.param(
            {"student_id": "u-s2", "reading_level": "fourth"},
            "reading_level: 'fourth' is not a number",
            id="level-text",
        ),
        pytest.param(
            {"student_id": "u-s2", "language": "english!"},
            "profiles.csv:3: language: 'english!' is not a language code",
            id="language",
        ),
        pytest.param(
            {"student_id": "u-s2", "interests": "x" * 41},
            "profiles.csv:3: interests: 'xxxxxxxxxxxxxxxxxxxx'… is longer than 40",
            id="interest-long",
        ),
        pytest.param(
            {"student_id": "u-s2", "interests": "ok;bad\x07bell"},
            "interests: contains the control character U+0007",
            id="interest-control",
        ),
        pytest.param(
            {"student_id": "u-s2", "accommodations": "extra_snacks"},
            "profiles.csv:3: accommodations: 'extra_snacks' is not one of",
            id="accommodation",
        ),
        pytest.param(
            {"student_id": "u-s2", "minutes_per_day": "4"},
            "profiles.csv:3: minutes_per_day: 4 is outside 5-240",
            id="minutes-range",
        ),
        pytest.param(
            {"student_id": "u-s2", "minutes_per_day": "20.5"},
            "minutes_per_day: '20.5' is not a whole number",
            id="minutes-fraction",
        ),
    ],
)
def test_bad_rows_are_rejected(
    roster: Run, any_db_url: str, tmp_path: Path, row: dict[str, str], message: str
) -> None:
    before = everything_stored(any_db_url)
    good = {"student_id": "u-s1", "reading_level": "5", "interests": "robots"}
    result = roster("import", "profiles", write(tmp_path, [good, row]))
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert "Nothing was written." in result.output
    assert everything_stored(any_db_url) == before


def test_unknown_column_is_rejected(roster: Run, tmp_path: Path) -> None:
    path = write(tmp_path, [{"student_id": "u-s1"}], ["student_id", "reading level"])
    result = roster("import", "profiles", path)
    assert result.exit_code == 1
    assert "profiles.csv:1: reading level: unknown column" in result.output


def test_missing_student_id_column(roster: Run, tmp_path: Path) -> None:
    path = write(tmp_path, [{"language": "en"}], ["language"])
    result = roster("import", "profiles", path)
    assert result.exit_code == 1
    assert "profiles.csv:1: student_id: required column is missing" in result.output


def test_undecodable_bytes(roster: Run, tmp_path: Path) -> None:
    path = tmp_path / "profiles.csv"
    path.write_bytes(b"student_id,interests\nu-s1,f\xfatbol\n")
    result = roster("import", "profiles", path)
    assert result.exit_code == 1
    assert "profiles.csv:2: not valid UTF-8" in result.output


@pytest.mark.parametrize(
    "interests",
    ["soccer;alice smith fan club", "drawing;Ada Lovelace", "Ally's games", "bob"],
)
def test_an_interest_naming_someone_on_the_roster_is_refused(
    roster: Run, tmp_path: Path, interests: str
) -> None:
    path = write(tmp_path, [{"student_id": "u-s2", "interests": interests}])
    output = assert_input_rejected(
        roster("import", "profiles", path), "profiles.csv:2: interests:", "a name on the roster"
    )
    assert "prompts" in output
    assert student(roster, "u-s2")["interests"] == []


def test_an_interest_that_is_only_an_everyday_word_name_is_kept(
    roster: Run, tmp_path: Path
) -> None:
    path = write(tmp_path, [{"student_id": "u-s2", "interests": "art;rose gardens;dinosaurs"}])
    assert roster("import", "profiles", path).exit_code == 0
    assert student(roster, "u-s2")["interests"] == ["art", "rose gardens", "dinosaurs"]
