"""xAPI conformance of `edugen import results FILE --from xapi`: each rule of the xAPI spec
that decides what counts as an answer, one case each, run through the CLI.

The statements are those of the spec's own examples (adlnet/xAPI-Spec, xAPI-Data.md:
Appendix A "Example Statements": the simple statement, the "attempted" completion and the
long example; 2.3.2 "Voiding": the voiding example), with their ids, verbs, results and
times, changed only where edugen needs its own ids: the actor is an account whose name is
the student id (edugen stores no e-mail addresses) and the object's IRI ends with an item
id. The Moodle case follows Moodle's xAPI log store (xAPI-vle/moodle-logstore_xapi:
src/transformer/events/mod_quiz/question_answered/*.php, utils/get_quiz_question_id.php and
utils/get_activity/definition/question.php): object.id `{site}/question/question.php?cmid=…
&id=…`, the question's name in object.definition.name.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from sqlalchemy import select, update

from edugen.profiles.db import Database
from edugen.profiles.models import Assignment, Attempt, ContentStatus, Item
from tests.conftest import Run, assert_input_rejected, count_rows, results_school, write

CURRICULUM = "code,subject,grade,title,prerequisites\nT1,math,6,Ratios,\n"
ITEM_IRI = "http://example.adlnet.gov/xapi/example/items/q1"  # last segment: item q1
LEARNER = {
    "objectType": "Agent",
    "name": "Example Learner",
    "account": {"homePage": "http://www.example.com", "name": "s1"},
}
VOIDED = {"id": "http://adlnet.gov/expapi/verbs/voided", "display": {"en-US": "voided"}}


def attempted(uid: str = "7ccd3322-e1a5-411a-a67d-6a735c76f119", **changes: Any) -> dict:
    """Appendix A, "Completion with Verb named 'attempted'", on item q1 by student s1."""
    statement = {
        "id": uid,
        "timestamp": "2015-12-18T12:17:00+00:00",
        "actor": copy.deepcopy(LEARNER),
        "verb": {
            "id": "http://adlnet.gov/expapi/verbs/attempted",
            "display": {"en-US": "attempted"},
        },
        "object": {
            "id": ITEM_IRI,
            "definition": {
                "name": {"en-US": "simple CBT course"},
                "description": {"en-US": "A fictitious example CBT course."},
            },
        },
        "result": {
            "score": {"scaled": 0.95},
            "success": True,
            "completion": True,
            "duration": "PT1234S",
        },
    }
    statement.update(changes)
    return statement


def simple() -> dict:
    """Appendix A, the simple statement: no result, so no answer."""
    return {
        "id": "fd41c918-b88b-4b20-a0a5-a4c32391aaa0",
        "timestamp": "2015-11-18T12:17:00+00:00",
        "actor": copy.deepcopy(LEARNER),
        "verb": {
            "id": "http://example.com/xapi/verbs#sent-a-statement",
            "display": {"en-US": "sent"},
        },
        "object": {
            "id": "http://example.com/xapi/activity/simplestatement",
            "definition": {"name": {"en-US": "simple statement"}},
        },
    }


def long_example() -> dict:
    """Appendix A, the long example as an LRS returns it: a Group actor, stored, authority."""
    return {
        "id": "6690e6c9-3ef0-4ed3-8b37-7f3964730bee",
        "actor": {
            "name": "Team PB",
            "mbox": "mailto:teampb@example.com",
            "member": [
                {
                    "name": "Andrew Downes",
                    "account": {"homePage": "http://www.example.com", "name": "13936749"},
                    "objectType": "Agent",
                },
            ],
            "objectType": "Group",
        },
        "verb": {"id": "http://adlnet.gov/expapi/verbs/attended", "display": {"en-US": "attended"}},
        "result": {
            "success": True,
            "completion": True,
            "response": "We agreed on some example actions.",
        },
        "timestamp": "2013-05-18T05:32:34.804+00:00",
        "stored": "2013-05-18T05:32:34.804+00:00",
        "authority": {
            "account": {"homePage": "http://cloud.scorm.com/", "name": "anonymous"},
            "objectType": "Agent",
        },
        "version": "1.0.0",
        "object": {
            "id": "http://www.example.com/meetings/occurances/34534",
            "objectType": "Activity",
        },
    }


def voiding(target: str, uid: str = "") -> dict:
    """2.3.2, the voiding example: an admin (an e-mail actor) voids statement `target`."""
    statement = {
        "actor": {
            "objectType": "Agent",
            "name": "Example Admin",
            "mbox": "mailto:admin@example.adlnet.gov",
        },
        "verb": VOIDED,
        "object": {"objectType": "StatementRef", "id": target},
    }
    if uid:
        statement["id"] = uid
    return statement


def without(statement: dict, *keys: str) -> dict:
    return {k: v for k, v in statement.items() if k not in keys}


A = "e05aa883-acaf-40ad-bf54-02c8ce485fb0"  # the id the spec's voiding example voids
B = "7ccd3322-e1a5-411a-a67d-6a735c76f119"
V = "a0c1e8a4-4d5e-4f4a-9a55-3a3f1b6b8c01"
W = "a0c1e8a4-4d5e-4f4a-9a55-3a3f1b6b8c02"
LATER = "2015-12-18T12:30:00+00:00"


def listed(*statements: dict) -> str:
    """A JSON list with one statement per line: statement i (0-based) is on line i + 2."""
    return "[\n" + ",\n".join(json.dumps(s) for s in statements) + "\n]"


def lrs(*statements: dict) -> str:
    """An LRS StatementResult (xAPI-Communication 2.1.3): statements and `more`."""
    return '{"statements": [\n' + ",\n".join(json.dumps(s) for s in statements) + '\n], "more": ""}'


@dataclass(frozen=True)
class Case:
    rule: str  # the spec's section
    text: Callable[[], str]
    created: int = 0
    voided: int = 0
    skipped: int = 0
    refused: str = ""  # "" when the file is accepted


CASES = {
    # Statement forms: a single statement, a list, an LRS StatementResult.
    "one-statement-object": Case(
        "Communication 2.1.2 PUT/POST", lambda: json.dumps(attempted(), indent=4), created=1
    ),
    "list": Case(
        "Communication 2.1.2",
        lambda: listed(attempted(A), attempted(B, timestamp=LATER)),
        created=2,
    ),
    "statement-result": Case(
        "Communication 2.1.3", lambda: lrs(attempted(A), attempted(B, timestamp=LATER)), created=2
    ),
    "no-result-is-no-answer": Case(
        "Data 2.4.5 (result optional)", lambda: listed(simple(), attempted()), created=1, skipped=1
    ),
    # Actor, verb and object are required; the refusal names the statement's position.
    "missing-verb-in-list": Case(
        "Data 2.4",
        lambda: listed(attempted(A), without(attempted(B), "verb")),
        refused="statements.json:3: [1].verb: is required",
    ),
    "missing-actor-alone": Case(
        "Data 2.4",
        lambda: json.dumps(without(attempted(), "actor")),
        refused="statements.json:1: statement.actor: is required",
    ),
    "missing-object-in-lrs-result": Case(
        "Data 2.4",
        lambda: lrs(attempted(A), without(attempted(B), "object")),
        refused="statements.json:3: statements[1].object: is required",
    ),
    "null-verb": Case(
        "Data 2.4",
        lambda: listed(attempted(verb=None)),
        refused="statements.json:2: [0].verb: is required",
    ),
    "missing-part-without-result": Case(
        "Data 2.4",
        lambda: listed(without(simple(), "actor")),
        refused="statements.json:2: [0].actor: is required",
    ),
    # Voiding: neither the voided statement nor the voiding one is an answer.
    "voided-and-voiding": Case(
        "Data 2.3.2",
        lambda: listed(attempted(A), attempted(B, timestamp=LATER), voiding(A)),
        created=1,
        voided=2,
    ),
    "voiding-before-voided": Case("Data 2.3.2", lambda: listed(voiding(A), attempted(A)), voided=2),
    "voiding-a-statement-not-in-the-file": Case(
        "Data 2.3.2 (SHOULD NOT reject)",
        lambda: listed(attempted(B), voiding(A)),
        created=1,
        voided=1,
    ),
    "a-voiding-statement-cannot-be-voided": Case(
        "Data 2.3.2",
        lambda: listed(attempted(A), voiding(A, V), voiding(V, W), attempted(B, timestamp=LATER)),
        created=1,
        voided=3,
    ),
    "voiding-needs-a-statement-ref": Case(
        "Data 2.3.2 (MUST be StatementRef)",
        lambda: listed(attempted(B), {**voiding(A), "object": {"id": ITEM_IRI}}),
        refused="statements.json:3: [1].object: a voiding statement's object must be a "
        "StatementRef",
    ),
    # Timestamp: stored stands in for it; neither is refused; offsets and fractions are read.
    "stored-when-no-timestamp": Case(
        "Data 2.4.7/2.4.8",
        lambda: listed(
            {**without(attempted(), "timestamp"), "stored": "2015-12-18T12:18:00+00:00"}
        ),
        created=1,
    ),
    "neither-timestamp-nor-stored": Case(
        "Data 2.4.7",
        lambda: listed(without(attempted(), "timestamp")),
        refused="statements.json:2: [0].timestamp: is required: the statement has neither "
        "timestamp nor stored",
    ),
    "offset-and-fraction": Case(
        "Data 4.5", lambda: listed(attempted(timestamp="2015-12-18T07:17:00.250-05:00")), created=1
    ),
    # Actors edugen cannot take as a student: e-mail agents, groups.
    "mbox-agent": Case(
        "Data 2.4.2.3",
        lambda: listed(
            {
                **attempted(),
                "actor": {
                    "objectType": "Agent",
                    "name": "Example Learner",
                    "mbox": "mailto:example.learner@adlnet.gov",
                },
            }
        ),
        refused="statements.json:2: [0].actor: the actor is identified by an e-mail address",
    ),
    "group-actor": Case(
        "Data 2.4.2.2",
        lambda: listed(long_example()),
        refused="statements.json:2: [0].actor.objectType: a Group is not a student",
    ),
    "sub-statement-object": Case(
        "Data 2.4.4.3",
        lambda: listed(
            {
                **attempted(),
                "object": {
                    "objectType": "SubStatement",
                    "actor": LEARNER,
                    "verb": VOIDED,
                    "object": {"id": ITEM_IRI},
                },
            }
        ),
        refused="statements.json:2: [0].object.objectType: 'SubStatement' is not supported",
    ),
}


@pytest.fixture
def school(any_run: Run, any_db_url: str, tmp_path: Path) -> str:
    """Students s1, s2; item q1 (3:6 = 1:?), approved and given to s1 in 2024-W49."""
    url = results_school(any_run, any_db_url, tmp_path, CURRICULUM)
    db = Database(url)
    try:
        with db.begin() as session:
            session.execute(update(Item).values(status=ContentStatus.approved))
            session.add(Assignment(student_id="s1", item_id="q1", week="2024-W49"))
    finally:
        db.dispose()
    return url


def answered_at(url: str) -> list[datetime]:
    db = Database(url)
    try:
        with db.begin() as session:
            found = session.scalars(select(Attempt.answered_at).order_by(Attempt.answered_at))
            return [a.replace(tzinfo=UTC) if a.tzinfo is None else a for a in found]
    finally:
        db.dispose()


@pytest.mark.parametrize("name", list(CASES))
def test_xapi_conformance(school: str, any_run: Run, tmp_path: Path, name: str) -> None:
    case = CASES[name]
    path = write(tmp_path, "statements.json", case.text())
    if case.refused:
        assert_input_rejected(any_run("import", "results", path, "--from", "xapi"), case.refused)
        assert count_rows(school, Attempt) == 0
        return
    result = any_run("import", "results", path, "--json")  # detected as xAPI
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    got = (
        summary["counts"]["attempts"]["created"],
        summary["voided_statements"],
        summary["skipped_statements"],
    )
    assert got == (case.created, case.voided, case.skipped), case.rule
    assert count_rows(school, Attempt) == case.created
    again = json.loads(any_run("import", "results", path, "--json").stdout)
    assert again["counts"]["attempts"]["created"] == 0  # a re-import is a no-op


def test_the_times_a_statement_is_stored_with(school: str, any_run: Run, tmp_path: Path) -> None:
    """stored stands in for a missing timestamp; an offset and a fraction are read (UTC)."""
    for name in ("stored-when-no-timestamp", "offset-and-fraction"):
        path = write(tmp_path, f"{name}.json", CASES[name].text())
        assert any_run("import", "results", path).exit_code == 0
    assert answered_at(school) == [
        datetime(2015, 12, 18, 12, 17, 0, 250000, tzinfo=UTC),
        datetime(2015, 12, 18, 12, 18, tzinfo=UTC),
    ]


def moodle_statement(name: str) -> dict:
    """A question answered in Moodle, as its xAPI log store writes it (numerical question)."""
    return {
        "actor": {
            "name": "Given Family1",
            "account": {"homePage": "https://moodle.example", "name": "s1"},
        },
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en": "answered"}},
        "object": {
            "id": "https://moodle.example/question/question.php?cmid=12&id=345",
            "definition": {
                "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
                "name": {"en": name},
                "description": {"en": "3:6 = 1:?"},
                "interactionType": "numeric",
            },
        },
        "timestamp": "2024-12-02T10:15:00+00:00",
        "result": {"response": "2", "completion": True, "success": True},
        "context": {"platform": "Moodle", "language": "en"},
    }


def test_moodle_log_store_questions_map_through_the_exported_question_name(
    school: str, any_run: Run, tmp_path: Path
) -> None:
    exported = tmp_path / "s1.xml"
    result = any_run(
        "export",
        "items",
        "--student",
        "s1",
        "--week",
        "2024-W49",
        "--format",
        "moodle",
        "--out",
        exported,
    )
    assert result.exit_code == 0, result.output
    names = [
        q.findtext("name/text", "")
        for q in etree.parse(str(exported)).iter("question")
        if q.findtext("idnumber") == "q1"
    ]
    assert len(names) == 1 and names[0].endswith("[q1]")

    path = write(tmp_path, "moodle-xapi.json", json.dumps([moodle_statement(names[0])]))
    result = any_run("import", "results", path)
    assert result.exit_code == 0, result.output
    assert "attempts: 1 new" in result.stdout
    db = Database(school)
    try:
        with db.begin() as session:
            rows = [
                (a.student_id, a.item_id, a.correct, a.response)
                for a in session.scalars(select(Attempt))
            ]
    finally:
        db.dispose()
    assert rows == [("s1", "q1", True, "2")]

    # An older log store put the question text in the name: no id of edugen's, not guessed.
    unnamed = write(tmp_path, "unnamed.json", json.dumps([moodle_statement("3:6 = 1:?")]))
    assert_input_rejected(
        any_run("import", "results", unnamed),
        "unnamed.json:1: [0].object.definition.name: 'https://moodle.example/question/"
        "question.php?cmid=12&id=345' is a Moodle question, which edugen maps through the "
        "question name its Moodle export wrote",
    )
