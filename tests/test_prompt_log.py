"""The runner logs every request; the prompt log stores and shows them; --no-log logs nothing."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

import pytest
from sqlalchemy import func, select

from edugen.backends.base import (
    Backend,
    BackendOptions,
    GenerationRequest,
    GenerationResult,
    create,
)
from edugen.cli.logs import prompt_logger
from edugen.cli.options import AppContext
from edugen.errors import EdugenError
from edugen.profiles import prompt_log
from edugen.profiles.db import Database
from edugen.profiles.models import PromptLog
from edugen.prompts import runner
from edugen.prompts.contexts import HintContext, RationaleContext, StudentContext
from edugen.prompts.log import LogEntry
from edugen.prompts.outputs import Hint, ResourceRationales
from edugen.prompts.templates import RenderedPrompt, render
from edugen.validators import Problem, Rules, validate
from tests.conftest import Run

GOOD = '{"hint": "Divide the miles by the hours."}'


class StubOptions(BackendOptions):
    api_key: str = "sk-very-secret"
    max_tokens: int = 64
    base_url: str = "http://user:hunter2@localhost:8080/v1"
    headers: dict[str, str] = {"Authorization": "Bearer abc", "X-Trace": "on"}


class Stub(Backend):
    """Answers with the replies it was given, in order; an Exception reply is a failed request."""

    name = "stub"
    Options: ClassVar[type[BackendOptions]] = StubOptions

    def __init__(self, replies: Sequence[str | Exception], fail: bool = False):
        super().__init__()
        self.replies = list(replies)
        self.fail = fail
        self.seen: list[GenerationRequest] = []

    @property
    def model_name(self) -> str:
        return "stub-model"

    def generate(self, requests: Sequence[GenerationRequest]) -> list[GenerationResult]:
        if self.fail:
            raise RuntimeError("the server went away")
        self.seen += requests
        out = []
        for reply in self.replies[: len(requests)]:
            if isinstance(reply, Exception):
                out.append(GenerationResult(error=str(reply), finish_reason="error"))
            else:
                out.append(
                    GenerationResult(
                        text=reply, prompt_tokens=40, completion_tokens=9, latency_ms=12.5
                    )
                )
        return out


def hints(count: int) -> list[RenderedPrompt]:
    prompts = []
    for i in range(count):
        context = HintContext(
            student=StudentContext.example(),
            topic="Unit rates",
            question=f"A car travels {150 + i} miles in 3 hours. How far per hour?",
        )
        prompts.append(render("hint", context))
    return prompts


class Log:
    def __init__(self) -> None:
        self.calls: list[list[LogEntry]] = []

    def __call__(self, entries: Sequence[LogEntry]) -> None:
        self.calls.append(list(entries))


def test_runner_logs_every_request_with_its_prompt_and_output(home: Path) -> None:
    prompts = hints(3)
    backend = Stub([GOOD, "Sure! Divide.", RuntimeError("out of memory")])
    log = Log()
    outcomes = runner.run(backend, prompts, seeds=[1, 2, 3], log=log)

    assert [o.outcome for o in outcomes] == ["accepted", "invalid", "error"]
    assert outcomes[0].parsed == Hint(hint="Divide the miles by the hours.")
    assert outcomes[1].parsed is None and outcomes[1].problems[0].check == "schema"
    assert outcomes[2].problems[0].message == "out of memory"
    assert [r.seed for r in backend.seen] == [1, 2, 3]
    assert backend.seen[0].json_schema == prompts[0].json_schema

    (entries,) = log.calls
    assert [e.outcome for e in entries] == ["accepted", "invalid", "error"]
    first = entries[0]
    assert first.template == "hint" and first.template_hash == prompts[0].template_hash
    assert (first.backend, first.model, first.seed) == ("stub", "stub-model", 1)
    assert first.prompt == prompts[0].text() and "150 miles" in first.prompt
    assert first.prompt.startswith("[system]\n") and "\n\n[user]\n" in first.prompt
    assert first.output == GOOD and entries[1].output == "Sure! Divide."
    assert (first.prompt_tokens, first.completion_tokens, first.latency_ms) == (40, 9, 12.5)
    # Options are logged without anything that looks like a credential.
    assert first.options == {
        "max_tokens": 64,
        "base_url": "http://localhost:8080/v1",
        "headers": {"X-Trace": "on"},
    }


def test_validators_can_reject_a_parsed_output(home: Path) -> None:
    backend = Stub(['{"hint": "Ask Amara how she would start."}', GOOD])
    log = Log()
    rules = Rules(roster_names=("Amara", "Okafor"))
    outcomes = runner.run(
        backend, hints(2), seeds=[0, 0], log=log, validate=lambda p, item: validate(item, rules)
    )
    assert [o.outcome for o in outcomes] == ["invalid", "accepted"]
    assert outcomes[0].parsed is None
    assert [(p.check, p.field) for p in outcomes[0].problems] == [("roster_name", "hint")]
    assert [e.outcome for e in log.calls[0]] == ["invalid", "accepted"]


def test_a_cut_off_output_says_so(home: Path) -> None:
    class Truncating(Stub):
        def generate(self, requests: Sequence[GenerationRequest]) -> list[GenerationResult]:
            return [GenerationResult(text='{"hint": "Divide the', finish_reason="length")]

    (outcome,) = runner.run(Truncating([]), hints(1), seeds=[0], log=None)
    assert outcome.outcome == "invalid"
    assert "cut off" in outcome.problems[-1].message


def test_a_failing_backend_is_logged_and_raised(home: Path) -> None:
    log = Log()
    with pytest.raises(RuntimeError, match="went away"):
        runner.run(Stub([], fail=True), hints(2), seeds=[5, 6], log=log)
    assert [(e.outcome, e.output, e.seed) for e in log.calls[0]] == [
        ("error", None, 5),
        ("error", None, 6),
    ]
    log = Log()
    with pytest.raises(EdugenError, match="returned 1 results for 2 prompts"):
        runner.run(Stub([GOOD]), hints(2), seeds=[0, 0], log=log)
    assert [e.outcome for e in log.calls[0]] == ["error", "error"]


def test_a_failing_validator_still_logs_the_outputs(home: Path) -> None:
    def broken(prompt: RenderedPrompt, item: object) -> list[Problem]:
        raise ValueError("bug in a validator")

    log = Log()
    with pytest.raises(ValueError, match="bug"):
        runner.run(Stub([GOOD, GOOD]), hints(2), seeds=[0, 0], log=log, validate=broken)
    assert [(e.outcome, e.output) for e in log.calls[0]] == [("error", GOOD), ("error", GOOD)]


def test_log_none_logs_nothing(db_url: str) -> None:
    app = AppContext(db_url=db_url)
    try:
        assert prompt_logger(app, no_log=True) is None
        outcomes = runner.run(Stub([GOOD]), hints(1), seeds=[0], log=prompt_logger(app, True))
        assert outcomes[0].accepted
        with app.db.begin() as session:
            assert session.scalar(select(func.count()).select_from(PromptLog)) == 0
        runner.run(Stub([GOOD]), hints(1), seeds=[0], log=prompt_logger(app, False))
        with app.db.begin() as session:
            assert session.scalar(select(func.count()).select_from(PromptLog)) == 1
    finally:
        app.close()


def test_seeds_must_match_the_prompts(home: Path) -> None:
    with pytest.raises(ValueError, match="1 seeds for 2 prompts"):
        runner.run(Stub([GOOD, GOOD]), hints(2), seeds=[0], log=None)
    assert runner.run(Stub([]), [], seeds=[], log=Log()) == []


def test_the_fake_backend_fills_the_per_request_schema(home: Path) -> None:
    context = RationaleContext.example()
    prompt = render("resource_rationale", context)
    log = Log()
    (outcome,) = runner.run(create("fake", {"mode": "schema"}), [prompt], seeds=[3], log=log)
    assert outcome.outcome == "accepted", outcome.problems
    assert isinstance(outcome.parsed, ResourceRationales)
    assert {r.resource_id for r in outcome.parsed.rationales} <= {12, 31}
    assert log.calls[0][0].backend == "fake" and log.calls[0][0].options["mode"] == "schema"
    (garbage,) = runner.run(create("fake", {"mode": "garbage"}), [prompt], seeds=[3], log=log)
    assert garbage.outcome == "invalid" and log.calls[1][0].outcome == "invalid"


def _fill(db_url: str) -> list[int]:
    db = Database(db_url)
    try:
        entries: list[LogEntry] = []
        runner.run(
            Stub([GOOD, "not json"]), hints(2), seeds=[1, 2], log=lambda e: entries.extend(e)
        )
        with db.begin() as session:
            return prompt_log.record(session=session, entries=entries)
    finally:
        db.dispose()


def test_record_list_and_get(any_db_url: str) -> None:
    ids = _fill(any_db_url)
    db = Database(any_db_url)
    try:
        with db.begin() as session:
            newest = prompt_log.list_entries(session=session)
            assert [e.id for e in newest] == ids[::-1]
            assert newest[-1].output == GOOD and newest[-1].created_at.tzinfo is not None
            assert prompt_log.list_entries(session=session, template="nope") == []
            assert [e.id for e in prompt_log.list_entries(session=session, limit=1)] == [ids[1]]
            assert [e.id for e in prompt_log.list_entries(session=session, outcome="invalid")] == [
                ids[1]
            ]
            entry = prompt_log.get_entry(session=session, entry_id=ids[0])
            assert entry.outcome == "accepted" and "150 miles" in entry.prompt
    finally:
        db.dispose()


def test_logs_list_and_show(run: Run, db_url: str) -> None:
    assert run("logs", "list").stdout.strip() == "(none)"
    ids = _fill(db_url)

    listed = run("logs", "list", "--json")
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.stdout)
    assert [r["id"] for r in rows] == ids[::-1]
    accepted = rows[1]
    assert accepted["prompt"].startswith("[system]\n") and "150 miles" in accepted["prompt"]
    assert accepted["output"] == GOOD and accepted["outcome"] == "accepted"
    assert accepted["template"] == "hint" and len(accepted["template_hash"]) == 64
    assert accepted["backend"] == "stub" and "api_key" not in accepted["options"]
    assert accepted["seed"] == 1 and accepted["latency_ms"] == 12.5

    filtered = json.loads(
        run("logs", "list", "--template", "hint", "--limit", "1", "--json").stdout
    )
    assert [r["id"] for r in filtered] == [ids[1]]
    assert json.loads(run("logs", "list", "--template", "other", "--json").stdout) == []
    table = run("logs", "list").stdout
    assert "hint" in table and "invalid" in table and "stub-model" in table

    shown = run("logs", "show", str(ids[0]), "--json")
    assert shown.exit_code == 0
    assert json.loads(shown.stdout) == accepted
    text = run("logs", "show", str(ids[1])).stdout
    assert "outcome:" in text and "invalid" in text
    assert "--- prompt ---\n[system]" in text and "--- output ---\nnot json" in text

    missing = run("logs", "show", "999")
    assert missing.exit_code == 1 and "no prompt log entry with id 999" in missing.output
