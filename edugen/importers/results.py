"""Answers: edugen's results CSV, xAPI statements, or an LMS report, read into one batch.

The source is the one named (`--from`), else detected from the file: JSON is xAPI, XML is
QTI results, a CSV by its header (Canvas Student Analysis, Moodle Responses or Grades,
else edugen's CSV). The batch shape lives in lms_results/batch.py.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import math
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from edugen.errors import UsageError
from edugen.importers.common import Problems, load_json, parse_timestamp, read_text
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

VOIDED = "http://adlnet.gov/expapi/verbs/voided"
# A JSON object holding any of these is one statement rather than an LRS response.
STATEMENT_PARTS = frozenset({"actor", "verb", "object", "result"})


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
    problems = Problems()
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


def parse_csv(text: str, name: str, problems: Problems) -> ResultsBatch:
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


# --- xAPI -------------------------------------------------------------------------------


def parse_xapi(text: str, name: str, problems: Problems) -> ResultsBatch:
    """xAPI statements: a JSON list, or an LRS response object with a `statements` list."""
    batch = ResultsBatch(name, "xapi", {})
    document = load_json(text, name, problems)
    if document is None:
        return batch
    if isinstance(document, dict) and isinstance(document.get("statements"), list):
        statements, prefix = document["statements"], "statements"
    elif isinstance(document, list):
        statements, prefix = document, ""
    elif isinstance(document, dict) and not STATEMENT_PARTS.isdisjoint(document):
        # xAPI 2.1.4: a POST to the statements resource may carry one statement, not a list.
        statements, prefix = [document], "statement"
    else:
        problems.add(
            name,
            1,
            None,
            "expected an xAPI statement, a JSON list of statements or an object with a "
            "'statements' list",
        )
        return batch
    base = prefix if prefix == "statement" else prefix + "[{i}]"
    batch.fields = {
        "student_id": base + ".actor.account.name",
        "item_id": base + ".object.id",
        "topic": base + ".object.id",
        "correct": base + ".result.success",
        "score": base + ".result.score.scaled",
        "response": base + ".result.response",
    }
    starts = statement_lines(text)
    voided = _voided_ids(statements)
    for index, statement in enumerate(statements):
        line = starts[index] if index < len(starts) else 1
        path = prefix if prefix == "statement" else f"{prefix}[{index}]"
        if isinstance(statement, dict) and statement.get("id") in voided:
            batch.voided += 1  # xAPI 2.3.2: a voided statement is no longer an answer
            continue
        _read_statement(batch, statement, index, line, path, problems)
    return batch


def _voided_ids(statements: list[Any]) -> set[str]:
    """The ids of statements some voiding statement in the file refers to (xAPI 2.3.2)."""
    ids: set[str] = set()
    for statement in statements:
        if not isinstance(statement, dict):
            continue
        verb, obj = statement.get("verb"), statement.get("object")
        if (
            isinstance(verb, dict)
            and verb.get("id") == VOIDED
            and isinstance(obj, dict)
            and obj.get("objectType") == "StatementRef"
            and isinstance(obj.get("id"), str)
        ):
            ids.add(obj["id"])
    return ids


def _read_statement(
    batch: ResultsBatch, statement: Any, index: int, line: int, path: str, problems: Problems
) -> None:
    name = batch.file

    def bad(where: str, message: str) -> None:
        problems.add(name, line, f"{path}.{where}" if where else path, message)

    if not isinstance(statement, dict):
        bad("", "each statement must be a JSON object")
        return
    missing = [part for part in ("actor", "verb", "object") if statement.get(part) is None]
    for part in missing:
        bad(part, "is required: every xAPI statement has an actor, a verb and an object")
    if missing:
        return
    verb = statement.get("verb")
    if isinstance(verb, dict) and verb.get("id") == VOIDED:
        batch.voided += 1  # the voiding statement itself is no answer either
        return
    result = statement.get("result")
    if not isinstance(result, dict) or ("success" not in result and "score" not in result):
        # Launches, progress and other statements without an outcome are not answers.
        batch.skipped += 1
        return
    ok = True

    student = ""
    actor = statement.get("actor")
    account = actor.get("account") if isinstance(actor, dict) else None
    if (
        isinstance(account, dict)
        and isinstance(account.get("name"), str)
        and account["name"].strip()
    ):
        student = account["name"].strip()
        if len(student) > MAX_ID or not student.isprintable():
            bad("actor.account.name", "must be 1-255 characters with no control characters")
            ok = False
    elif isinstance(actor, dict) and ("mbox" in actor or "mbox_sha1sum" in actor):
        bad(
            "actor",
            "the actor is identified by an e-mail address (mbox); edugen stores no e-mail "
            "addresses: identify students with actor.account.name = the student id",
        )
        ok = False
    else:
        bad("actor.account.name", "is required: the student id (actor.account.name)")
        ok = False

    ref = ""
    obj = statement.get("object")
    object_id = obj.get("id") if isinstance(obj, dict) else None
    if isinstance(obj, dict) and obj.get("objectType", "Activity") != "Activity":
        bad(
            "object.objectType",
            f"{obj.get('objectType')!r} is not supported: the object must be an Activity",
        )
        ok = False
    elif not isinstance(object_id, str) or not object_id.strip():
        bad("object.id", "is required: the IRI of the item or topic answered")
        ok = False
    else:
        ref = object_id.strip()
        if len(ref) > MAX_REF or not ref.isprintable():
            bad("object.id", "must be at most 512 characters with no control characters")
            ok = False

    correct: bool | None = None
    if "success" in result:
        if isinstance(result["success"], bool):
            correct = result["success"]
        else:
            bad("result.success", f"{result['success']!r} is not true or false")
            ok = False
    score: float | None = None
    if "score" in result:
        scaled = result["score"].get("scaled") if isinstance(result["score"], dict) else None
        if scaled is None:
            if correct is None and ok:
                bad("result.score.scaled", "is required (0..1) when result.success is absent")
                ok = False
        elif (
            isinstance(scaled, bool)
            or not isinstance(scaled, int | float)
            or not math.isfinite(scaled)
        ):
            bad("result.score.scaled", f"{scaled!r} is not a number")
            ok = False
        elif scaled < 0:
            bad("result.score.scaled", f"{scaled} is negative; edugen accepts scaled scores 0..1")
            ok = False
        elif scaled > 1:
            bad("result.score.scaled", f"{scaled} is greater than 1")
            ok = False
        else:
            score = float(scaled)
    if correct is None and score is not None:
        correct = score >= CORRECT_FROM
    elif score is None and correct is not None:
        score = 1.0 if correct else 0.0

    response = ""
    if "response" in result and result["response"] is not None:
        if isinstance(result["response"], str):
            response, error = check_response(result["response"])
            if error:
                bad("result.response", error)
                ok = False
        else:
            bad("result.response", f"{result['response']!r} is not a string")
            ok = False

    when: datetime | None = None
    # xAPI 2.4.7: without a timestamp the LRS's `stored` time stands for it.
    key = "timestamp" if statement.get("timestamp") not in (None, "") else "stored"
    raw = statement.get(key)
    if raw is None or raw == "":
        bad("timestamp", "is required: the statement has neither timestamp nor stored (ISO 8601)")
        ok = False
    elif not isinstance(raw, str):
        bad(key, f"{raw!r} {TIMESTAMP_HINT}")
        ok = False
    else:
        try:
            when = parse_timestamp(raw)
        except (ValueError, OverflowError):
            bad(key, f"{raw!r} {TIMESTAMP_HINT}")
            ok = False

    if ok and correct is not None and score is not None and when is not None:
        batch.lines.append(line)
        batch.students.append(student)
        batch.refs.append(ref)
        batch.topics.append("")
        batch.correct.append(correct)
        batch.scores.append(score)
        batch.answered_at.append(when)
        batch.responses.append(response)
        batch.statements.append(index)


def statement_lines(text: str) -> list[int]:
    """The line on which each statement starts, for text already known to be valid JSON."""
    decoder = json.JSONDecoder()
    end = len(text)
    pos = _skip_ws(text, 0)
    if pos < end and text[pos] == "{":
        pos = _find_key(text, pos, "statements", decoder)
        if pos < 0:
            return []
    if pos >= end or text[pos] != "[":
        return []
    starts: list[int] = []
    line, counted = 1, 0
    pos = _skip_ws(text, pos + 1)
    while pos < end and text[pos] != "]":
        line += text.count("\n", counted, pos)
        counted = pos
        starts.append(line)
        _, pos = decoder.raw_decode(text, pos)
        pos = _skip_ws(text, pos)
        if pos < end and text[pos] == ",":
            pos = _skip_ws(text, pos + 1)
    return starts


def _skip_ws(text: str, pos: int) -> int:
    end = len(text)
    while pos < end and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _find_key(text: str, pos: int, wanted: str, decoder: json.JSONDecoder) -> int:
    """Position of the value of top-level key `wanted` in the object starting at `pos`, or -1."""
    pos = _skip_ws(text, pos + 1)
    while pos < len(text) and text[pos] == '"':
        key, pos = json.decoder.scanstring(text, pos + 1)  # type: ignore[attr-defined]
        pos = _skip_ws(text, pos)
        pos = _skip_ws(text, pos + 1)  # the colon
        if key == wanted:
            return pos
        _, pos = decoder.raw_decode(text, pos)
        pos = _skip_ws(text, pos)
        if pos < len(text) and text[pos] == ",":
            pos = _skip_ws(text, pos + 1)
    return -1
