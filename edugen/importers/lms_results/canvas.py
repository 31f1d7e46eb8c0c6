"""Canvas quiz "Student Analysis" CSV: one row per submission, a column pair per question.

The layout is Canvas's own (app/models/quizzes/quiz_statistics/student_analysis.rb, to_csv):
name, id, sis_id (when the course has SIS ids), root_account (trusted accounts), section,
section_id, section_sis_id, submitted (Ruby Time: "2024-12-02 10:15:30 UTC"), attempt (all
versions), then per question "CANVAS_ID: question text" followed by a column headed with
the points possible (the answer given, then the points earned), then n correct,
n incorrect, score. Students are matched by sis_id only: Canvas's own user id is not
edugen's and a name is never an identity. Questions carry no id of edugen's, so the store
matches them by their text.
"""

from __future__ import annotations

import re
from datetime import datetime

from edugen.importers.common import InputProblems, parse_timestamp
from edugen.importers.lms_results.batch import (
    TIMESTAMP_HINT,
    ResultsBatch,
    check_id,
    check_response,
    csv_records,
    parse_number,
)

FIXED = (
    "name",
    "id",
    "sis_id",
    "root_account",
    "section",
    "section_id",
    "section_sis_id",
    "submitted",
    "attempt",
)
TOTALS = ["n correct", "n incorrect", "score"]
_QUESTION = re.compile(r"^(\d+): ?(.*)$", re.DOTALL)
_RUBY_TIME = re.compile(r"^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) (UTC|[+-]\d\d:?\d\d)$")


def is_header(header: list[str]) -> bool:
    return "submitted" in header and [h.lower() for h in header[-3:]] == TOTALS


def parse_time(raw: str) -> datetime:
    """Canvas writes Ruby's Time#to_s; ISO 8601 is read too. Raises ValueError."""
    match = _RUBY_TIME.match(raw.strip())
    if match:
        day, clock, zone = match.groups()
        raw = f"{day}T{clock}{'Z' if zone == 'UTC' else zone}"
    return parse_timestamp(raw)


def parse(text: str, name: str, problems: InputProblems) -> ResultsBatch:
    batch = ResultsBatch(name, "canvas", {"student_id": "sis_id", "timestamp": "submitted"})
    header, records = csv_records(text, name, problems)
    if not header:
        return batch
    index = {h.lower(): i for i, h in enumerate(header) if h.lower() in FIXED}
    if "sis_id" not in index:
        problems.add(
            name,
            1,
            "sis_id",
            "required column is missing: Canvas adds it when the course's students have SIS "
            "ids; edugen matches students by SIS id (the roster's sourcedId), never by name",
        )
    if "submitted" not in index:
        problems.add(name, 1, "submitted", "required column is missing")
    # Question pairs sit between the last fixed column and the three totals.
    first = max(index.values(), default=-1) + 1
    last = len(header) - len(TOTALS)
    questions: list[tuple[int, str, str, float]] = []  # (answer column, label, text, possible)
    for at in range(first, last, 2):
        label = header[at]
        match = _QUESTION.match(label)
        possible = parse_number(header[at + 1]) if at + 1 < last else None
        if match is None:
            problems.add(name, 1, label or None, "expected a question column 'ID: question text'")
        elif possible is None or possible <= 0:
            problems.add(
                name, 1, header[at + 1] if at + 1 < last else label, "expected the points possible"
            )
        else:
            questions.append((at, label, match.group(2), possible))
    if problems:
        return batch

    i_sis, i_time = index["sis_id"], index["submitted"]
    for line, record in records:
        student, error = check_id(record[i_sis])
        if not student:
            problems.add(name, line, "sis_id", "is required: a student without an SIS id")
            continue
        if error:
            problems.add(name, line, "sis_id", error)
            continue
        raw = record[i_time]
        try:
            when = parse_time(raw)
        except (ValueError, OverflowError):
            message = f"{raw.strip()!r} {TIMESTAMP_HINT}" if raw.strip() else "is required"
            problems.add(name, line, "submitted", message)
            continue
        for at, label, question, possible in questions:
            answer, points = record[at], record[at + 1].strip()
            if not points and not answer.strip():
                continue  # this submission did not hold the question
            earned = parse_number(points)
            if earned is None or earned < 0:
                problems.add(name, line, label, f"points {points!r} are not a number >= 0")
                continue
            if earned > possible:
                problems.add(name, line, label, f"{points} points exceed the {possible:g} possible")
                continue
            response, error = check_response(answer)
            if error:
                problems.add(name, line, label, error)
                continue
            batch.add_answer(
                line=line,
                student=student,
                alt_student="",
                ref="",
                question=question,
                column=label,
                score=earned / possible,
                when=when,
                response=response,
            )
    return batch
