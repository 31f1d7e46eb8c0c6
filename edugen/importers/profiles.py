"""Student profile CSV: what rosters do not carry (reading level, language, interests …).

Columns: `student_id` (required) and any of `reading_level`, `language`, `interests`,
`accommodations`, `minutes_per_day`. Only the columns a file has are updated, and a blank
cell leaves that field of that student as it was.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from edugen.importers.common import InputProblems, Row, check_id, csv_rows, read_text, split_list

WRITER = "edugen.profiles.roster:apply_profiles"

COLUMNS = (
    "student_id",
    "reading_level",
    "language",
    "interests",
    "accommodations",
    "minutes_per_day",
)
ACCOMMODATIONS = (
    "extended_time",
    "read_aloud",
    "large_print",
    "reduced_items",
    "calculator",
    "simplified_language",
)
READING_LEVELS = (0.0, 16.0)
MINUTES = (5, 240)
INTEREST_LENGTH = 40
# Interests go into prompts; a handful is enough to personalise and keeps prompts short.
MAX_INTERESTS = 20
_LANGUAGE = re.compile(
    r"(?P<language>[A-Za-z]{2,3})(?:-(?P<script>[A-Za-z]{4}))?(?:-(?P<region>[A-Za-z]{2}|\d{3}))?"
)


@dataclass(frozen=True)
class ProfileRecord:
    """The fields one row sets for one student (model column → value), and where it came from."""

    student_id: str
    file: str
    line: int
    values: dict[str, Any] = field(default_factory=dict)


@dataclass
class ProfilesBatch:
    file: str
    records: list[ProfileRecord] = field(default_factory=list)


def parse(paths: list[Path]) -> ProfilesBatch:
    """Read and check every row; raise InputError listing every problem found."""
    problems = InputProblems()
    batch = ProfilesBatch(file=", ".join(p.name for p in paths))
    for path in paths:
        text = read_text(path)
        header, rows = csv_rows(text, path.name, required=("student_id",), problems=problems)
        for column in header:
            if column and column not in COLUMNS:
                problems.add(
                    path.name, 1, column, f"unknown column; expected some of {', '.join(COLUMNS)}"
                )
        first: dict[str, int] = {}
        for row in rows:
            student_id = check_id(row, "student_id", problems)
            if student_id in first:
                problems.add(
                    row.file,
                    row.line,
                    "student_id",
                    f"{student_id!r} appears again (first on line {first[student_id]})",
                )
                continue
            if student_id:
                first[student_id] = row.line
            values = _values(row, problems)
            batch.records.append(ProfileRecord(student_id, row.file, row.line, values))
    problems.raise_if_any()
    return batch


def _values(row: Row, problems: InputProblems) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for column, check in _CHECKS.items():
        raw = row.get(column)
        if raw:
            value = check(raw)
            if isinstance(value, _Bad):
                problems.add(row.file, row.line, column, value.message)
            else:
                values[column] = value
    return values


@dataclass(frozen=True)
class _Bad:
    message: str


def _reading_level(raw: str) -> float | _Bad:
    low, high = READING_LEVELS
    try:
        level = float(raw)
    except ValueError:
        return _Bad(f"{raw!r} is not a number (a grade equivalent such as 4.5)")
    if not math.isfinite(level) or not low <= level <= high:
        return _Bad(f"{raw} is outside {low:g}-{high:g}")
    return level


def _language(raw: str) -> str | _Bad:
    match = _LANGUAGE.fullmatch(raw)
    if not match:
        return _Bad(f"{raw!r} is not a language code such as en, es or zh-Hans")
    # Canonical BCP 47 case, so "EN" and "en" are the same value and re-imports stay no-ops.
    parts = [match["language"].lower()]
    if match["script"]:
        parts.append(match["script"].title())
    if match["region"]:
        parts.append(match["region"].upper())
    return "-".join(parts)


def _interests(raw: str) -> list[str] | _Bad:
    interests: list[str] = []
    for interest in split_list(raw, ";"):
        if len(interest) > INTEREST_LENGTH:
            return _Bad(f"{interest[:20]!r}… is longer than {INTEREST_LENGTH} characters")
        if not interest.isprintable():
            return _Bad(f"{interest!r} has characters that cannot be printed")
        if interest.casefold() not in {i.casefold() for i in interests}:
            interests.append(interest)
    if len(interests) > MAX_INTERESTS:
        return _Bad(f"{len(interests)} interests; at most {MAX_INTERESTS}")
    return interests


def _accommodations(raw: str) -> list[str] | _Bad:
    accommodations: list[str] = []
    for accommodation in split_list(raw, ";"):
        if accommodation not in ACCOMMODATIONS:
            return _Bad(f"{accommodation!r} is not one of {', '.join(ACCOMMODATIONS)}")
        if accommodation not in accommodations:
            accommodations.append(accommodation)
    return accommodations


def _minutes(raw: str) -> int | _Bad:
    low, high = MINUTES
    if not (raw.isascii() and raw.isdigit()):
        return _Bad(f"{raw!r} is not a whole number of minutes")
    minutes = int(raw)
    if not low <= minutes <= high:
        return _Bad(f"{minutes} is outside {low}-{high}")
    return minutes


_CHECKS: dict[str, Callable[[str], Any]] = {
    "reading_level": _reading_level,
    "language": _language,
    "interests": _interests,
    "accommodations": _accommodations,
    "minutes_per_day": _minutes,
}
