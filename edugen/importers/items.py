"""A teacher's question bank: a CSV or a JSON list of items, every item checked before writing.

CSV columns: `id`, `topic`, `kind`, `stem` and `answer` (required); `tier` (1-5, default 3);
`options` (multiple choice only: 2-6 distinct options separated by `|`); `tolerance`
(numeric only, >= 0); `rubric` (required for short answers); `solution` (the worked steps;
`explanation`, its old name, is read too), `hint`.
Kinds: multiple_choice, numeric, short_answer, ordered_pair (the answer a point such as
"(3, -2)"), expression (the answer an expression or equation such as "3x + 6" or
"y = 2x + 3", read by edugen/answer_text.py's grammar: a key that does not read is refused).
JSON: a list of objects with the same keys, `options` as a list. A JSON problem names the
line on which its object starts.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from edugen import answer_text
from edugen.errors import UsageError
from edugen.importers.common import (
    InputProblems,
    Row,
    control_message,
    csv_rows,
    has_control,
    load_json,
    read_text,
)
from edugen.importers.results import statement_lines

WRITER = "edugen.profiles.bank:apply"

PREFIX = "bank:"
REQUIRED = ("id", "topic", "kind", "stem", "answer")
OPTIONAL = ("tier", "options", "tolerance", "solution", "rubric", "hint", "explanation")
# The `solution` column was called `explanation` before; a file may use either, not both.
OLD_SOLUTION = "explanation"
KINDS = ("multiple_choice", "numeric", "short_answer", "expression", "ordered_pair")
TIERS = (1, 5)
DEFAULT_TIER = 3
OPTIONS = (2, 6)
MAX_STEM = 2000
MAX_TOPIC = 64
# Numeric answers: a school's numbers are short; the bounds keep parsing them instant.
MAX_NUMBER = 40
MAX_EXPONENT = 30
_EXPONENT = re.compile(r"[eE]([+-]?\d+)$")
# The stored id carries the prefix and must fit the 255-character id column.
MAX_ID = 255 - len(PREFIX)


@dataclass(frozen=True)
class ItemRecord:
    """One checked bank item; `id` is the teacher's id, without the stored prefix."""

    file: str
    line: int
    id: str
    topic: str
    kind: str
    tier: int
    stem: str
    options: tuple[str, ...] | None
    answer: str
    tolerance: float | None
    solution: str | None
    rubric: str | None
    hint: str | None

    @property
    def item_id(self) -> str:
        return PREFIX + self.id


@dataclass
class ItemsBatch:
    file: str
    items: list[ItemRecord] = field(default_factory=list)


def parse(paths: list[Path]) -> ItemsBatch:
    """Read one bank file (CSV, or JSON by extension or content); all rows or an InputError."""
    if len(paths) != 1:
        raise UsageError("import items takes exactly one file")
    path = paths[0]
    name = path.name
    text = read_text(path, name)
    problems = InputProblems()
    if path.suffix.lower() == ".json" or text.lstrip()[:1] in ("[", "{"):
        rows = _json_rows(text, name, problems)
    else:
        _, csv_records = csv_rows(text, name, required=REQUIRED, problems=problems)
        rows = [(row, _split_options(row.get("options"))) for row in csv_records]
    batch = ItemsBatch(name)
    first_line: dict[str, int] = {}
    for row, options in rows:
        record = _record(row, options, problems)
        if record is None:
            continue
        if record.id in first_line:
            problems.add(
                name,
                row.line,
                "id",
                f"duplicate: id {record.id!r} is also on line {first_line[record.id]}",
            )
            continue
        first_line[record.id] = row.line
        batch.items.append(record)
    problems.raise_if_any()
    return batch


def _split_options(raw: str) -> list[str] | None:
    return [part.strip() for part in raw.split("|")] if raw else None


def _json_rows(text: str, name: str, problems: InputProblems) -> list[tuple[Row, list[str] | None]]:
    """Each JSON object as a Row of strings (line = where the object starts) and its options."""
    document = load_json(text, name, problems)
    if document is None:
        return []
    if not isinstance(document, list):
        problems.add(name, 1, None, "expected a JSON list of item objects")
        return []
    starts = statement_lines(text)
    known = set(REQUIRED) | set(OPTIONAL)
    rows: list[tuple[Row, list[str] | None]] = []
    for index, entry in enumerate(document):
        line = starts[index] if index < len(starts) else 1
        if not isinstance(entry, dict):
            problems.add(name, line, None, f"item {index + 1} must be a JSON object")
            continue
        cells: dict[str, str] = {}
        options: list[str] | None = None
        ok = True
        for key, value in entry.items():
            if key not in known:
                problems.add(name, line, key, f"unknown key; expected {', '.join(sorted(known))}")
                ok = False
            elif key == "options":
                options, message = _json_options(value)
                if message:
                    problems.add(name, line, key, message)
                    ok = False
            else:
                cell, message = _json_cell(value)
                if message:
                    problems.add(name, line, key, message)
                    ok = False
                cells[key] = cell
        for key in REQUIRED:
            if key not in entry:
                problems.add(name, line, key, "is required")
                ok = False
        if ok:
            rows.append((Row(name, line, cells), options))
    return rows


def _json_cell(value: Any) -> tuple[str, str | None]:
    if value is None:
        return "", None
    if isinstance(value, str):
        if has_control(value, one_line=False):
            return "", control_message(value)
        return value, None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value), None
    return "", "must be a string or a number"


def _json_options(value: Any) -> tuple[list[str] | None, str | None]:
    if value is None:
        return None, None
    if not isinstance(value, list) or not all(
        isinstance(v, str) or (isinstance(v, int | float) and not isinstance(v, bool))
        for v in value
    ):
        return None, "must be a list of strings"
    for v in value:
        if isinstance(v, str) and has_control(v):
            return None, control_message(v)
    return [str(v).strip() for v in value], None


def _record(row: Row, options: list[str] | None, problems: InputProblems) -> ItemRecord | None:
    found: list[str] = []

    def bad(column: str, message: str) -> None:
        found.append(column)
        problems.add(row.file, row.line, column, message)

    item_id = row.get("id")
    if not item_id:
        bad("id", "is required")
    elif not item_id.isprintable():
        bad("id", "must not contain control characters")
    elif len(item_id) > MAX_ID:
        bad("id", f"must be at most {MAX_ID} characters")

    topic = row.get("topic")
    if not topic:
        bad("topic", "is required")
    elif len(topic) > MAX_TOPIC or not topic.isprintable():
        bad("topic", f"{topic!r} is not a topic code")

    kind = row.get("kind").lower()
    if not kind:
        bad("kind", "is required")
    elif kind not in KINDS:
        bad("kind", f"{row.get('kind')!r} is not one of {', '.join(KINDS)}")

    tier = DEFAULT_TIER
    raw_tier = row.get("tier")
    if raw_tier:
        try:
            tier = int(raw_tier)
        except ValueError:
            tier = 0
        if not TIERS[0] <= tier <= TIERS[1]:
            bad("tier", f"{raw_tier!r} is not a whole number from {TIERS[0]} to {TIERS[1]}")

    stem = row.get("stem")
    if not stem:
        bad("stem", "is required")
    elif len(stem) > MAX_STEM:
        bad("stem", f"must be at most {MAX_STEM} characters ({len(stem)} given)")

    answer = row.get("answer")
    if not answer:
        bad("answer", "is required")

    if kind == "multiple_choice":
        if options is None:
            bad("options", f"is required for multiple_choice: {OPTIONS[0]}-{OPTIONS[1]} options")
        elif not OPTIONS[0] <= len(options) <= OPTIONS[1]:
            bad("options", f"{len(options)} given; multiple_choice takes {OPTIONS[0]}-{OPTIONS[1]}")
        elif any(not option for option in options):
            bad("options", "an option is empty")
        elif len(set(options)) != len(options):
            repeated = sorted({o for o in options if options.count(o) > 1})
            bad("options", f"must be distinct: {', '.join(map(repr, repeated))} repeated")
        elif answer and answer not in options:
            bad("answer", f"{answer!r} is not one of the options")
    elif options is not None and kind in KINDS:
        bad("options", f"only multiple_choice items have options, not {kind}")

    if kind == "numeric" and answer and _number(answer) is None:
        bad(
            "answer",
            f"{answer[:40]!r} is not a number or a fraction such as 3/4 (at most"
            f" {MAX_NUMBER} characters, exponent within ±{MAX_EXPONENT})",
        )

    if kind == "ordered_pair" and answer and not _point(answer):
        bad(
            "answer",
            f"{answer[:40]!r} is not a point: write two numbers or fractions in parentheses,"
            " separated by a comma, such as (3, -2) or (1/2, 4)",
        )
    if kind == "expression" and answer and answer_text.parse(answer) is None:
        bad(
            "answer",
            f"{answer[:40]!r} does not read as an expression or equation: use numbers, single"
            f" letters, + - * / ^ ( ) and at most one =, such as 3x + 6 or y = 2x + 3 (at most"
            f" {answer_text.MAX_LENGTH} characters, powers up to {answer_text.MAX_POWER})",
        )

    tolerance: float | None = None
    raw_tolerance = row.get("tolerance")
    if kind == "numeric":
        tolerance = 0.0
        if raw_tolerance:
            try:
                tolerance = float(raw_tolerance)
            except ValueError:
                tolerance = -1.0
            if not math.isfinite(tolerance) or tolerance < 0:
                bad("tolerance", f"{raw_tolerance!r} is not a number >= 0")
    elif raw_tolerance and kind in KINDS:
        bad("tolerance", f"only numeric items have a tolerance, not {kind}")

    rubric = row.get("rubric") or None
    if kind == "short_answer" and rubric is None:
        bad("rubric", "is required for short_answer items")

    solution = row.get("solution") or None
    if row.get(OLD_SOLUTION):
        if solution:
            bad(OLD_SOLUTION, "is the old name of solution; give one of them, not both")
        solution = row.get(OLD_SOLUTION)

    if found:
        return None
    return ItemRecord(
        file=row.file,
        line=row.line,
        id=item_id,
        topic=topic,
        kind=kind,
        tier=tier,
        stem=stem,
        options=tuple(options) if kind == "multiple_choice" and options else None,
        answer=answer,
        tolerance=tolerance,
        solution=solution,
        rubric=rubric,
        hint=row.get("hint") or None,
    )


def _point(raw: str) -> bool:
    """Whether `raw` is a point: "(3, -2)", "(1/2, 4)", "(-0.5, 2.25)"."""
    parts = answer_text.pair_parts(raw)
    return parts is not None and all(_number(part) is not None for part in parts)


def _number(raw: str) -> Fraction | None:
    """An integer, decimal or fraction such as -3/4; None when it is none of those.

    Bounded before Fraction sees it: "1e999999999" would make a billion-digit integer.
    """
    text = raw.replace(" ", "")
    exponent = _EXPONENT.search(text)
    if len(text) > MAX_NUMBER or (exponent and abs(int(exponent[1])) > MAX_EXPONENT):
        return None
    try:
        return Fraction(text)
    except (ValueError, ZeroDivisionError):
        return None
