"""Checking one row's values: every problem is collected with its file, line and column.

`RowChecker` streams a file's rows and checks the values every OneRoster file shares (ids,
text, status, booleans, grades, dates, references); `parser.py` builds on it per file.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date
from typing import Protocol, TypeVar

from edugen.importers.common import (
    InputProblems,
    Row,
    check_enum,
    check_id,
    control_message,
    has_control,
    iter_csv,
    parse_date,
    parse_timestamp,
    split_list,
)
from edugen.importers.oneroster.bundle import READ_ERRORS, BundleFile, BundleTooLarge
from edugen.importers.oneroster.records import GRADES, STATUSES, Ref, RefKind, Source


class _HasParent(Protocol):
    @property
    def parent_id(self) -> str | None: ...

    @property
    def source(self) -> Source: ...


_P = TypeVar("_P", bound=_HasParent)


class RowChecker:
    """The checks shared by every file of one bundle; references it cannot answer become Refs."""

    def __init__(self, files: dict[str, BundleFile], problems: InputProblems):
        self.files = files
        self.problems = problems
        self.refs: list[Ref] = []
        self.used: set[str] = set()  # the entities the manifest marks bulk

    def csv(self, bundle_file: BundleFile, required: tuple[str, ...]) -> Iterator[Row]:
        """The rows of one file as it streams; a file that cannot be read is a problem."""
        try:
            with bundle_file.open() as stream:
                _, rows = iter_csv(
                    stream, bundle_file.name, required=required, problems=self.problems
                )
                for row in rows:
                    yield row
                    if self.problems.full:
                        return  # the report is full: reading on only costs time
        except BundleTooLarge as exc:
            self.problems.add(bundle_file.name, None, None, str(exc))
        except READ_ERRORS as exc:
            self.problems.add(bundle_file.name, None, None, f"cannot be read: {exc}")

    def rows(self, entity: str, required: tuple[str, ...]) -> Iterator[tuple[Row, str]]:
        """Rows of a file marked bulk, with their sourcedIds; duplicate ids are reported."""
        bundle_file = self.files.get(f"{entity}.csv")
        if entity not in self.used or bundle_file is None:
            return
        first: dict[str, int] = {}
        for row in self.csv(bundle_file, required):
            sourced_id = check_id(row, "sourcedId", self.problems)
            if not sourced_id:
                continue
            if sourced_id in first:
                self.problems.add(
                    row.file,
                    row.line,
                    "sourcedId",
                    f"{sourced_id!r} appears again (first on line {first[sourced_id]})",
                )
                continue
            first[sourced_id] = row.line
            yield row, sourced_id

    def text(self, row: Row, column: str, *, required: bool = False, limit: int = 255) -> str:
        """A one-line value: names, titles, ids of other rows (shared when they repeat)."""
        value = row.get(column)
        if not value and required:
            self.problems.add(row.file, row.line, column, "is required")
        elif len(value) > limit:
            self.problems.add(row.file, row.line, column, f"is longer than {limit} characters")
        elif has_control(value):
            self.problems.add(row.file, row.line, column, control_message(value))
        return sys.intern(value)

    def active(self, row: Row) -> bool:
        """Check status and dateLastModified; `tobedeleted` rows are kept, marked inactive."""
        status = check_enum(row, "status", STATUSES, self.problems, required=False)
        modified = row.get("dateLastModified")
        if modified:
            try:
                parse_timestamp(modified)
            except ValueError:
                self.problems.add(
                    row.file,
                    row.line,
                    "dateLastModified",
                    f"{modified!r} is not an ISO 8601 date-time",
                )
        return status != "tobedeleted"

    def boolean(self, row: Row, column: str) -> bool | None:
        value = row.get(column)
        if not value:
            return None
        # The spec says lowercase; spreadsheets rewrite it as TRUE/FALSE, which means the same.
        if value.lower() not in ("true", "false"):
            self.problems.add(row.file, row.line, column, f"{value!r} is not true or false")
            return None
        return value.lower() == "true"

    def grades(self, row: Row, column: str) -> list[str]:
        grades = split_list(row.get(column))
        for grade in grades:
            if grade not in GRADES:
                self.problems.add(
                    row.file,
                    row.line,
                    column,
                    f"{grade!r} is not a CEDS grade code"
                    " (IT, PR, PK, TK, KG, 01 … 13, PS, UG, Other)",
                )
        return [g for g in grades if g in GRADES]

    def dates(
        self, row: Row, begin: str, end: str, *, required: bool = False
    ) -> tuple[date | None, date | None]:
        start = parse_date(row, begin, self.problems, required=required)
        finish = parse_date(row, end, self.problems, required=required)
        if start and finish and finish < start:
            self.problems.add(row.file, row.line, end, f"{finish} is before {begin} {start}")
        return start, finish

    def ref(
        self, kind: RefKind, known: set[str], row: Row, column: str, value: str, looked_in: str
    ) -> None:
        if value and value not in known:
            self.refs.append(Ref(kind, value, Source(row.file, row.line), column, looked_in))

    def parents_first(self, records: dict[str, _P], kind: RefKind, looked_in: str) -> list[_P]:
        """Order records so a parent in the bundle precedes its children; report cycles."""
        ordered: list[_P] = []
        state: dict[str, bool] = {}  # False while on the current chain, True once placed
        for start in records:
            chain: list[str] = []
            current: str | None = start
            while current is not None and current in records and current not in state:
                state[current] = False
                chain.append(current)
                current = records[current].parent_id
            if current is not None and current in records and state[current] is False:
                cycle = chain[chain.index(current) :] + [current]
                where = records[current].source
                self.problems.add(
                    where.file,
                    where.line,
                    "parentSourcedId",
                    f"parents form a cycle: {' → '.join(cycle)}",
                )
            for sourced_id in reversed(chain):
                state[sourced_id] = True
                ordered.append(records[sourced_id])
        for record in ordered:
            if record.parent_id is not None and record.parent_id not in records:
                self.refs.append(
                    Ref(kind, record.parent_id, record.source, "parentSourcedId", looked_in)
                )
        return ordered
