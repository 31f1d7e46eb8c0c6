"""xAPI statements as answers, as the xAPI spec (1.0.3, the adlnet/xAPI-Spec Data part)
says: one statement, a list, or an LRS StatementResult; actor, verb and object required;
voided statements and the voiding ones not counted; `stored` when `timestamp` is absent.

Moodle's xAPI log store (xAPI-vle/moodle-logstore_xapi) names a quiz question by a Moodle
URL, `{site}/question/question.php?cmid=…&id=…`, and puts the question's name in
`object.definition.name` (src/transformer/utils/get_activity/definition/question.php). edugen's
Moodle export named each question `… [item id]`, so such a statement maps back through it.
"""

from __future__ import annotations

import json
import math
import re
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from edugen.importers.common import InputProblems, load_json, parse_timestamp
from edugen.importers.lms_results.batch import (
    CORRECT_FROM,
    MAX_ID,
    MAX_REF,
    TIMESTAMP_HINT,
    ResultsBatch,
    check_response,
)

VOIDED = "http://adlnet.gov/expapi/verbs/voided"
# A JSON object holding any of these is one statement rather than an LRS response.
STATEMENT_PARTS = frozenset({"actor", "verb", "object", "result"})
# The item id at the end of a question name edugen's Moodle export wrote (item_title).
_NAMED_ID = re.compile(r"\[([^\[\]]+)\]\s*$")


def parse_xapi(text: str, name: str, problems: InputProblems) -> ResultsBatch:
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
    batch: ResultsBatch, statement: Any, index: int, line: int, path: str, problems: InputProblems
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
        target = statement.get("object")
        if not (
            isinstance(target, dict)
            and target.get("objectType") == "StatementRef"
            and isinstance(target.get("id"), str)
        ):
            # xAPI 2.3.2: a voiding statement's object MUST be a StatementRef with an id.
            bad("object", "a voiding statement's object must be a StatementRef with an id")
            return
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
    if isinstance(actor, dict) and actor.get("objectType") == "Group":
        bad("actor.objectType", "a Group is not a student: the actor must be one Agent")
        ok = False
    elif (
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
        elif is_moodle_question(ref):
            ref = _named_item(obj) or ""
            if not ref:
                bad(
                    "object.definition.name",
                    f"{object_id.strip()!r} is a Moodle question, which edugen maps through "
                    "the question name its Moodle export wrote ('… [item id]'); this name "
                    "has none: the question is not one edugen exported, or it was renamed",
                )
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


def is_moodle_question(iri: str) -> bool:
    """Whether an object id is the URL Moodle's xAPI log store gives a quiz question
    (src/transformer/utils/get_quiz_question_id.php: `/question/question.php?cmid=…&id=…`)."""
    parts = urlsplit(iri)
    return parts.scheme in ("http", "https") and parts.path.endswith("/question/question.php")


def _named_item(obj: Any) -> str:
    """The item id ending a name of the object's definition, as edugen's Moodle export wrote
    the question name (`… [item id]`); "" when no name ends so."""
    definition = obj.get("definition") if isinstance(obj, dict) else None
    names = definition.get("name") if isinstance(definition, dict) else None
    if not isinstance(names, dict):
        return ""
    for text in names.values():
        match = _NAMED_ID.search(text) if isinstance(text, str) else None
        if match and match.group(1).strip():
            return match.group(1).strip()
    return ""


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
