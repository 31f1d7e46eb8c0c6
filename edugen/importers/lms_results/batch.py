"""One shape for answers from every source: a columnar batch the store resolves and writes.

A batch can hold a million rows, so it keeps one list per column instead of one object
per row, and repeated ids share one string. LMS reports add three columns: the question
text the report showed, the report's column for that question, and a second student
identity (a username beside an SIS id).
"""

from __future__ import annotations

import html
import io
import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from edugen.importers import common
from edugen.importers.common import InputProblems

MAX_ID = 255
MAX_REF = 512
MAX_TOPIC = 64
MAX_RESPONSE = 512
TIMESTAMP_HINT = "is not an ISO 8601 date-time (e.g. 2024-12-02T10:15:00Z)"
# Where a source gives only a score, an answer at least half right counts as correct.
CORRECT_FROM = 0.5


@dataclass
class ResultsBatch:
    """Every answer in one file, validated, one list per column (row i = index i everywhere)."""

    file: str
    source: str  # "csv", "xapi", "canvas", "moodle" or "qti"
    # Where each logical field came from: a column name, or a JSON path with {i} for the statement.
    fields: dict[str, str]
    lines: list[int] = field(default_factory=list)
    students: list[str] = field(default_factory=list)
    # The item as the source named it, "" when the row names only a topic or a question text.
    refs: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    correct: list[bool] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    answered_at: list[datetime] = field(default_factory=list)
    # What the student answered, trimmed; "" when not given.
    responses: list[str] = field(default_factory=list)
    # xAPI only: the statement index of each row (statements without a result are skipped).
    statements: list[int] = field(default_factory=list)
    # LMS reports only (empty lists otherwise): the question text the report showed ("" when
    # none), the report's column or element naming the question, a second student identity.
    questions: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    alt_students: list[str] = field(default_factory=list)
    # Moodle reports only: the quiz slot each answer sits in (0 where none), and how many
    # slots the quiz has; a report without question text is matched by slot (profiles/slots.py).
    slots: list[int] = field(default_factory=list)
    quiz_slots: int = 0
    skipped: int = 0
    # xAPI only: voided statements plus the statements voiding them, none counted as answers.
    voided: int = 0
    # LMS reports only: attempts not finished (in progress, abandoned), not counted.
    unfinished: int = 0

    def __len__(self) -> int:
        return len(self.students)

    @property
    def iri_refs(self) -> bool:
        """xAPI object ids are IRIs: their last segment may name the item or topic."""
        return self.source == "xapi"

    def field_name(self, row: int, name: str) -> str:
        if self.columns and name in ("item_id", "response", "correct", "score"):
            return self.columns[row]
        if name == "student_id" and self.alt_students and self.alt_students[row]:
            primary = self.fields.get("student_id", name)
            return f"{primary}/{self.fields.get('alt_student_id', 'username')}"
        spec = self.fields.get(name, name)
        return spec.format(i=self.statements[row]) if self.statements else spec

    def add_answer(
        self,
        *,
        line: int,
        student: str,
        alt_student: str,
        ref: str,
        question: str,
        column: str,
        score: float,
        when: datetime,
        response: str,
        slot: int = 0,
    ) -> None:
        """Append one answer from an LMS report (correct follows the shared score rule)."""
        self.lines.append(line)
        self.students.append(student)
        self.alt_students.append(alt_student)
        self.refs.append(ref)
        self.questions.append(question)
        self.columns.append(column)
        self.slots.append(slot)
        self.topics.append("")
        self.scores.append(score)
        self.correct.append(score >= CORRECT_FROM)
        self.answered_at.append(when)
        self.responses.append(response)


def check_response(raw: str) -> tuple[str, str]:
    """A student's answer, trimmed, and the problem with it ("" when none)."""
    value = raw.strip()
    if len(value) > MAX_RESPONSE:
        return value, f"is {len(value)} characters long; the limit is {MAX_RESPONSE}"
    if not value.isprintable() and any(
        unicodedata.category(c) in ("Cc", "Cs") and c not in "\t\n\r" for c in value
    ):
        return value, "contains control characters"
    return value, ""


def check_id(raw: str) -> tuple[str, str]:
    """A student identity from a report, trimmed, and the problem with it ("" when none)."""
    value = raw.strip()
    if len(value) > MAX_ID or not value.isprintable():
        return value, f"must be 1-{MAX_ID} characters with no control characters"
    return value, ""


def csv_records(
    text: str, name: str, problems: InputProblems
) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """A report's header and its records with the line each starts on; blank lines skipped.

    LMS reports repeat header labels (Canvas heads every points column with the points
    possible), so cells are kept by position, not by label.
    """
    header, records = common.csv_records(io.StringIO(text, newline=""), name, problems)
    if header is None:
        return [], iter(())
    width = len(header)
    return header, ((line, record + [""] * (width - len(record))) for line, record in records)


_TAG = re.compile(r"<[^>]*>")


def question_key(text: str) -> str:
    """A question's text as a report shows it, reduced for comparison with an item's stem
    (given as `math_html(stem)`, the way exports write it): tags dropped, entities read,
    white space dropped (reports differ in whether "x<sup>3</sup>" reads "x3" or "x 3"),
    case folded."""
    return "".join(html.unescape(_TAG.sub(" ", text)).split()).casefold()


def parse_number(raw: str) -> float | None:
    """A finite number, or None."""
    try:
        value = float(raw.strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None
