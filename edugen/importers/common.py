"""Shared reading and checking for importers: CSV rows with their line numbers, problem lists."""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

from edugen.errors import InputError, InputProblem

MAX_PROBLEMS = 200
MAX_LINE = 1024 * 1024
# JSON uploads (xAPI statements, bank items) are a few levels deep; deeper is an attack.
MAX_JSON_DEPTH = 32
# C0 controls but tab, line feed and carriage return; DEL; C1 controls. NUL is among them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Every control character, for one-line values (names, ids, titles).
_CONTROL_OR_BREAK = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass
class InputProblems:
    """Collects problems while a whole input is validated; `raise_if_any` at the end."""

    items: list[InputProblem] = field(default_factory=list)

    def add(self, file: str, line: int | None, field_name: str | None, message: str) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(InputProblem(file, line, field_name, message))

    def __bool__(self) -> bool:
        return bool(self.items)

    @property
    def full(self) -> bool:
        """No more problems will be kept: readers may stop early."""
        return len(self.items) >= MAX_PROBLEMS

    def raise_if_any(self) -> None:
        if self.items:
            raise InputError(self.items)


@dataclass(frozen=True, slots=True)
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
                InputProblem(
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
        raise InputError([InputProblem(name, None, None, "file not found")]) from exc
    except IsADirectoryError as exc:
        raise InputError([InputProblem(name, None, None, "is a folder, expected a file")]) from exc
    except OSError as exc:
        raise InputError([InputProblem(name, None, None, f"cannot read: {exc.strerror}")]) from exc
    return decode(data, name)


def csv_rows(
    text: str, name: str, *, required: Iterable[str], problems: InputProblems
) -> tuple[list[str], list[Row]]:
    """Parse CSV text; check the header has every required column. Blank lines are skipped."""
    header, rows = iter_csv(
        io.StringIO(text, newline=""), name, required=required, problems=problems
    )
    return header, list(rows)


def iter_csv(
    stream: Iterable[str], name: str, *, required: Iterable[str], problems: InputProblems
) -> tuple[list[str], Iterator[Row]]:
    """The header now and the rows one at a time, so a large file is never held whole.

    Every cell is checked for control characters (tab and line breaks aside: quoted cells
    may hold them) and for bytes that are not UTF-8 when `stream` decodes as it goes.
    """
    header, records = csv_records(stream, name, problems)
    if header is None:
        return [], iter(())
    missing = [c for c in required if c not in header]
    for column in missing:
        problems.add(name, 1, column, "required column is missing")
    seen: set[str] = set()
    for column in header:
        if column and column in seen:
            problems.add(name, 1, column, "column appears twice in the header")
        seen.add(column)
        if _CONTROL_OR_BREAK.search(column):
            problems.add(name, 1, None, f"column {column!r} has a control character")
    if missing:
        return header, iter(())
    return header, _rows(records, header, name, problems)


def _rows(
    records: Iterator[tuple[int, list[str]]], header: list[str], name: str, problems: InputProblems
) -> Iterator[Row]:
    for start, record in records:
        cells = dict(zip(header, record, strict=False))
        bad = [column for column, cell in cells.items() if _CONTROL.search(cell)]
        for column in bad:
            problems.add(name, start, column or None, control_message(cells[column]))
        if not bad:
            yield Row(name, start, cells)


def csv_records(
    stream: Iterable[str], name: str, problems: InputProblems
) -> tuple[list[str] | None, Iterator[tuple[int, list[str]]]]:
    """A CSV's header (cells trimmed) now, and its records one at a time with the line each
    starts on, cells by position. Blank lines are skipped; a record longer than the header and
    text that cannot be read are problems. The header is None when it cannot be read."""
    reader = csv.reader(stream)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        problems.add(name, 1, None, "file is empty: expected a header row")
        return None, iter(())
    except csv.Error as exc:
        problems.add(name, 1, None, f"not readable as CSV: {exc}")
        return None, iter(())
    except UnicodeDecodeError as exc:
        problems.add(name, 1, None, _not_utf8(exc))
        return None, iter(())
    except TextProblem as exc:
        problems.add(name, exc.line, None, str(exc))
        return None, iter(())
    return header, _records(reader, len(header), name, problems)


def _records(
    reader: Any, width: int, name: str, problems: InputProblems
) -> Iterator[tuple[int, list[str]]]:
    line = reader.line_num + 1
    try:
        for record in reader:
            start, line = line, reader.line_num + 1
            if not any(c.strip() for c in record):
                continue
            if len(record) > width:
                problems.add(name, start, None, f"{len(record)} cells but the header has {width}")
                continue
            yield start, record
    except csv.Error as exc:
        problems.add(name, line, None, f"not readable as CSV: {exc}")
    except UnicodeDecodeError as exc:
        problems.add(name, line, None, _not_utf8(exc))
    except TextProblem as exc:
        problems.add(name, exc.line, None, str(exc))


def _not_utf8(exc: UnicodeDecodeError) -> str:
    return f"not valid UTF-8 (byte 0x{exc.object[exc.start]:02x}); save the file as UTF-8"


class TextProblem(Exception):
    """A streamed file stopped making sense as text at `line`."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


def text_lines(raw: IO[bytes]) -> Iterator[str]:
    """UTF-8 lines (BOM dropped) read one at a time, so a bad byte names its own line.

    A line longer than MAX_LINE is refused rather than held: no CSV row is that long.
    """
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    line = 0
    while True:
        data = raw.readline(MAX_LINE + 1)
        if not data:
            decoder.decode(b"", final=True)
            return
        line += 1
        if len(data) > MAX_LINE:
            raise TextProblem(line, f"a line is longer than {MAX_LINE // 1024} KB")
        try:
            yield decoder.decode(data)
        except UnicodeDecodeError as exc:
            raise TextProblem(line, _not_utf8(exc)) from exc


def control_message(value: str) -> str:
    found = _CONTROL_OR_BREAK.search(value)
    code = ord(found.group()) if found else 0
    return f"contains the control character U+{code:04X}; remove it"


def check_text(row: Row, column: str, problems: InputProblems, *, one_line: bool = True) -> str:
    """A free-text cell: no control characters (line breaks and tabs only when not one_line)."""
    value = row.get(column)
    pattern = _CONTROL_OR_BREAK if one_line else _CONTROL
    if value and pattern.search(value):
        problems.add(row.file, row.line, column, control_message(value))
    return value


def has_control(value: str, *, one_line: bool = True) -> bool:
    return bool((_CONTROL_OR_BREAK if one_line else _CONTROL).search(value))


def load_json(text: str, name: str, problems: InputProblems) -> Any:
    """Parse JSON, or add a `file:line: problem` and return None: bad syntax, nesting deeper
    than MAX_JSON_DEPTH, numbers too long to read (all raised before any value is used)."""
    depth = _json_depth(text)
    if depth > MAX_JSON_DEPTH:
        problems.add(name, None, None, f"JSON nested more than {MAX_JSON_DEPTH} levels deep")
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        problems.add(name, exc.lineno, None, f"not valid JSON: {exc.msg} (column {exc.colno})")
    except (RecursionError, ValueError) as exc:
        problems.add(name, None, None, f"not readable JSON: {str(exc)[:120]}")
    return None


_JSON_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[{]|[\]}]')


def _json_depth(text: str) -> int:
    """The deepest nesting of brackets outside strings (stops counting past the limit)."""
    depth = deepest = 0
    for match in _JSON_TOKENS.finditer(text):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_JSON_DEPTH:
                    break
        elif token in ("]", "}"):
            depth -= 1
    return deepest


def parse_date(
    row: Row, column: str, problems: InputProblems, *, required: bool = False
) -> date | None:
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
    row: Row, column: str, allowed: Iterable[str], problems: InputProblems, *, required: bool = True
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


def require(row: Row, column: str, problems: InputProblems) -> str:
    value = row.get(column)
    if not value:
        problems.add(row.file, row.line, column, "is required")
    return value


_SAFE_ID = re.compile(r"^[^\x00-\x1f\x7f-\x9f]{1,255}$")


def check_id(row: Row, column: str, problems: InputProblems) -> str:
    """A sourcedId: required, at most 255 characters, no control characters."""
    value = require(row, column, problems)
    if value and not _SAFE_ID.match(value):
        problems.add(
            row.file, row.line, column, "must be 1-255 characters with no control characters"
        )
    return value
