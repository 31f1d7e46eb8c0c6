"""Shared reading and checking for importers: CSV rows with their line numbers, problem lists."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from edugen.errors import InputError, Problem

MAX_PROBLEMS = 200


@dataclass
class Problems:
    """Collects problems while a whole input is validated; `raise_if_any` at the end."""

    items: list[Problem] = field(default_factory=list)

    def add(self, file: str, line: int | None, field_name: str | None, message: str) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(Problem(file, line, field_name, message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise InputError(self.items)


@dataclass(frozen=True)
class Row:
    """One CSV record: the file's display name, its first physical line, and its cells."""

    file: str
    line: int
    cells: dict[str, str]

    def get(self, name: str) -> str:
        return (self.cells.get(name) or "").strip()


def decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM) or an InputError naming the line of the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            [
                Problem(
                    name,
                    line,
                    None,
                    f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
                )
            ]
        ) from exc


def read_text(path: Path, name: str | None = None) -> str:
    name = name or path.name
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError([Problem(name, None, None, "file not found")]) from exc
    except IsADirectoryError as exc:
        raise InputError([Problem(name, None, None, "is a folder, expected a file")]) from exc
    except OSError as exc:
        raise InputError([Problem(name, None, None, f"cannot read: {exc.strerror}")]) from exc
    return decode(data, name)


def csv_rows(
    text: str, name: str, *, required: Iterable[str], problems: Problems
) -> tuple[list[str], list[Row]]:
    """Parse CSV text; check the header has every required column. Blank lines are skipped."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        problems.add(name, 1, None, "file is empty: expected a header row")
        return [], []
    except csv.Error as exc:
        problems.add(name, 1, None, f"not readable as CSV: {exc}")
        return [], []
    missing = [c for c in required if c not in header]
    for column in missing:
        problems.add(name, 1, column, "required column is missing")
    seen: set[str] = set()
    for column in header:
        if column and column in seen:
            problems.add(name, 1, column, "column appears twice in the header")
        seen.add(column)
    if missing:
        return header, []
    rows: list[Row] = []
    line = reader.line_num + 1
    try:
        for record in reader:
            start = line
            line = reader.line_num + 1
            if not record or all(not c.strip() for c in record):
                continue
            if len(record) > len(header):
                problems.add(
                    name, start, None, f"{len(record)} cells but the header has {len(header)}"
                )
                continue
            rows.append(Row(name, start, dict(zip(header, record, strict=False))))
    except csv.Error as exc:
        problems.add(name, line, None, f"not readable as CSV: {exc}")
    return header, rows


def parse_date(row: Row, column: str, problems: Problems, *, required: bool = False) -> date | None:
    raw = row.get(column)
    if not raw:
        if required:
            problems.add(row.file, row.line, column, "is required")
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        problems.add(row.file, row.line, column, f"{raw!r} is not a date (YYYY-MM-DD)")
        return None


def parse_timestamp(raw: str) -> datetime:
    """ISO 8601 date or date-time; naive times are taken as UTC. Raises ValueError."""
    raw = raw.strip()
    if raw.endswith("Z"):
        raw = raw[:-1] + "+00:00"
    value = datetime.fromisoformat(raw)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def split_list(raw: str, sep: str = ",") -> list[str]:
    return [part.strip() for part in raw.split(sep) if part.strip()]


def check_enum(
    row: Row, column: str, allowed: Iterable[str], problems: Problems, *, required: bool = True
) -> str:
    value = row.get(column)
    allowed = tuple(allowed)
    if not value:
        if required:
            problems.add(row.file, row.line, column, "is required")
        return value
    if value not in allowed:
        problems.add(row.file, row.line, column, f"{value!r} is not one of {', '.join(allowed)}")
    return value


def require(row: Row, column: str, problems: Problems) -> str:
    value = row.get(column)
    if not value:
        problems.add(row.file, row.line, column, "is required")
    return value


_SAFE_ID = re.compile(r"^[^\x00-\x1f\x7f]{1,255}$")


def check_id(row: Row, column: str, problems: Problems) -> str:
    """A sourcedId: required, at most 255 characters, no control characters."""
    value = require(row, column, problems)
    if value and not _SAFE_ID.match(value):
        problems.add(
            row.file, row.line, column, "must be 1-255 characters with no control characters"
        )
    return value
