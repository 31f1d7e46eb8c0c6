"""Answers: edugen's results CSV, xAPI statements, or an LMS report, read into one batch.

The source is the one named (`--from`), else detected from the file: JSON is xAPI, XML is
QTI results, a CSV by its header (Canvas Student Analysis, Moodle Responses or Grades,
else edugen's CSV). The batch shape lives in lms_results/batch.py.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from edugen.errors import UsageError
from edugen.importers.common import InputProblems, parse_timestamp, read_text
from edugen.importers.lms_results import canvas, moodle, qti
from edugen.importers.lms_results.batch import (
    CORRECT_FROM,
    MAX_ID,
    MAX_REF,
    MAX_TOPIC,
    TIMESTAMP_HINT,
    ResultsBatch,
    check_response,
)
from edugen.importers.results_xapi import parse_xapi
from edugen.importers.results_xapi import statement_lines as statement_lines

WRITER = "edugen.profiles.attempts:apply"

# Distinct answers remembered while reading (free text may never repeat; memory stays bounded).
RESPONSE_CACHE = 50_000

# Header aliases → the canonical column. Headers are matched case-insensitively.
ALIASES = {
    "student_id": "student_id",
    "student": "student_id",
    "item_id": "item_id",
    "item": "item_id",
    "topic": "topic",
    "topic_code": "topic",
    "correct": "correct",
    "is_correct": "correct",
    "score": "score",
    "timestamp": "timestamp",
    "answered_at": "timestamp",
    "response": "response",
    "answer": "response",
    "student_response": "response",
    "student_answer": "response",
}

BOOLEANS = {
    "true": True,
    "false": False,
    "1": True,
    "0": False,
    "yes": True,
    "no": False,
    "t": True,
    "f": False,
    "y": True,
    "n": False,
}

SOURCES = ("csv", "xapi", "canvas", "moodle", "qti")


def parse(paths: list[Path], source: str | None = None) -> ResultsBatch:
    """Read one results file, as `source` says or as its content shows."""
    if len(paths) != 1:
        raise UsageError("import results takes exactly one file")
    if source is not None and source not in SOURCES:
        raise UsageError(f"unknown results source {source!r}; choose one of {', '.join(SOURCES)}")
    path = paths[0]
    name = path.name
    text = read_text(path, name)
    problems = InputProblems()
    source = source or detect(text, path.suffix.lower())
    if source == "xapi":
        batch = parse_xapi(text, name, problems)
    elif source == "qti":
        batch = qti.parse(text, name, problems)
    elif source == "canvas":
        batch = canvas.parse(text, name, problems)
    elif source == "moodle":
        batch = moodle.parse(text, name, problems)
    else:
        batch = parse_csv(text, name, problems)
    problems.raise_if_any()
    return batch


def parser(source: str) -> Callable[[list[Path]], ResultsBatch]:
    """The parse function for one named source (the registry's `results-SOURCE` kinds)."""
    return functools.partial(parse, source=source)


def detect(text: str, suffix: str) -> str:
    """Which source a file is: by extension, then by its first character and CSV header."""
    start = text.lstrip()[:1]
    if suffix == ".json" or start in ("[", "{"):
        return "xapi"
    if suffix == ".xml" or start == "<":
        return "qti"
    try:
        header = next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error:
        return "csv"
    if canvas.is_header(header):
        return "canvas"
    if moodle.is_header(header):
        return "moodle"
    return "csv"


# --- CSV --------------------------------------------------------------------------------


def parse_csv(text: str, name: str, problems: InputProblems) -> ResultsBatch:
    """The results CSV; see the `edugen import results` help for its columns."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        raw_header = next(reader)
    except StopIteration:
        problems.add(name, 1, None, "file is empty: expected a header row")
        return ResultsBatch(name, "csv", {})
    except csv.Error as exc:
        problems.add(name, 1, None, f"not readable as CSV: {exc}")
        return ResultsBatch(name, "csv", {})
    columns: dict[str, int] = {}
    fields: dict[str, str] = {}
    for index, raw in enumerate(raw_header):
        label = raw.strip()
        canonical = ALIASES.get(label.lower())
        if canonical is None:
            continue  # extra columns are allowed and ignored
        if canonical in columns:
            problems.add(name, 1, label, f"names the same column as {fields[canonical]!r}")
            continue
        columns[canonical] = index
        fields[canonical] = label
    if "student_id" not in columns:
        problems.add(name, 1, "student_id", "required column is missing")
    if "item_id" not in columns and "topic" not in columns:
        problems.add(
            name, 1, "item_id", "required column is missing: give item_id or topic (or both)"
        )
    if "correct" not in columns and "score" not in columns:
        problems.add(
            name, 1, "correct", "required column is missing: give correct or score (or both)"
        )
    if "timestamp" not in columns:
        problems.add(name, 1, "timestamp", "required column is missing")
    batch = ResultsBatch(name, "csv", fields)
    if problems:
        return batch

    width = len(raw_header)
    i_student = columns["student_id"]
    i_item = columns.get("item_id")
    i_topic = columns.get("topic")
    i_correct = columns.get("correct")
    i_score = columns.get("score")
    i_time = columns["timestamp"]
    i_response = columns.get("response")
    f_student, f_item, f_topic = fields["student_id"], fields.get("item_id"), fields.get("topic")
    f_correct, f_score, f_time = fields.get("correct"), fields.get("score"), fields["timestamp"]
    f_response = fields.get("response")

    # Validated ids, each kept once so a million rows share a few thousand strings.
    known_ids: dict[str, str] = {}
    known_refs: dict[str, str] = {"": ""}
    known_topics: dict[str, str] = {"": ""}
    # Answers repeat too ("7/12" from half the class): each distinct cell is checked once.
    known_responses: dict[str, str] = {"": ""}
    add = problems.add
    lines, students, refs, topics = batch.lines, batch.students, batch.refs, batch.topics
    corrects, scores, times = batch.correct, batch.scores, batch.answered_at
    responses = batch.responses
    previous = reader.line_num
    try:
        for record in reader:
            line = previous + 1
            previous = reader.line_num
            if len(record) != width:
                if not record or not any(c.strip() for c in record):
                    continue
                if len(record) > width:
                    add(name, line, None, f"{len(record)} cells but the header has {width}")
                    continue
                record = record + [""] * (width - len(record))
            ok = True

            raw = record[i_student]
            student = known_ids.get(raw)
            if student is None:
                student, error = _first_seen(raw, known_ids, MAX_ID, required=True)
                if error:
                    add(name, line, f_student, error)
                    ok = False
            ref = ""
            if i_item is not None:
                raw = record[i_item]
                cached = known_refs.get(raw)
                if cached is None:
                    cached, error = _first_seen(raw, known_refs, MAX_REF, required=False)
                    if error:
                        add(name, line, f_item, error)
                        ok = False
                ref = cached
            topic = ""
            if i_topic is not None:
                raw = record[i_topic]
                cached = known_topics.get(raw)
                if cached is None:
                    cached, error = _first_seen(raw, known_topics, MAX_TOPIC, required=False)
                    if error:
                        add(name, line, f_topic, error)
                        ok = False
                topic = cached
            if ok and not ref and not topic:
                add(name, line, f_item or f_topic, "each row needs an item_id or a topic")
                ok = False

            correct: bool | None = None
            if i_correct is not None:
                raw = record[i_correct]
                correct = BOOLEANS.get(raw)
                if correct is None:
                    value = raw.strip().lower()
                    correct = BOOLEANS.get(value)
                    if correct is None and value:
                        message = f"{raw.strip()!r} is not one of true/false, 1/0, yes/no"
                        add(name, line, f_correct, message)
                        ok = False
            score: float | None = None
            if i_score is not None:
                raw = record[i_score]
                if raw.strip():
                    try:
                        score = float(raw)
                    except ValueError:
                        add(name, line, f_score, f"{raw.strip()!r} is not a number")
                        ok = False
                    else:
                        if not 0.0 <= score <= 1.0:  # also rejects nan
                            add(name, line, f_score, f"{raw.strip()} is outside 0..1")
                            ok = False
            if correct is None:
                if score is None:
                    if ok:
                        add(name, line, f_correct or f_score, "each row needs correct or score")
                    ok = False
                else:
                    correct = score >= CORRECT_FROM
            elif score is None:
                score = 1.0 if correct else 0.0

            response = ""
            if i_response is not None:
                raw = record[i_response]
                cached = known_responses.get(raw)
                if cached is None:
                    cached, error = _first_response(raw, known_responses)
                    if error:
                        add(name, line, f_response, error)
                        ok = False
                response = cached

            raw = record[i_time]
            when: datetime | None = None
            try:
                when = parse_timestamp(raw)
            except (ValueError, OverflowError):
                message = f"{raw.strip()!r} {TIMESTAMP_HINT}" if raw.strip() else "is required"
                add(name, line, f_time, message)

            if ok and when is not None and correct is not None and score is not None:
                lines.append(line)
                students.append(student)
                refs.append(ref)
                topics.append(topic)
                corrects.append(correct)
                scores.append(score)
                times.append(when)
                responses.append(response)
    except csv.Error as exc:
        problems.add(name, previous + 1, None, f"not readable as CSV: {exc}")
    return batch


def _first_seen(raw: str, cache: dict[str, str], limit: int, *, required: bool) -> tuple[str, str]:
    """Check a cell value met for the first time; cache it when valid. Returns (value, problem)."""
    value = raw.strip()
    if not value:
        return "", "is required" if required else ""
    if len(value) > limit or not value.isprintable():
        return value, f"must be 1-{limit} characters with no control characters"
    value = cache.setdefault(value, value)
    cache[raw] = value
    return value, ""


def _first_response(raw: str, cache: dict[str, str]) -> tuple[str, str]:
    """Check an answer cell met for the first time; cache it when valid. Returns (value, problem).

    Answers are free text: line breaks and tabs inside are kept; other control characters
    and lone surrogates (which the database may refuse, e.g. NUL) are not.
    """
    value, error = check_response(raw)
    if not error and len(cache) < RESPONSE_CACHE:
        value = cache.setdefault(value, value)
        cache[raw] = value
    return value, error
