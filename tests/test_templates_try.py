"""`edugen templates try`: a template through a real backend, logged unless --no-log."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Run


def _log(run: Run) -> list[dict]:
    result = run("logs", "list", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    return data if isinstance(data, list) else next(v for v in data.values() if isinstance(v, list))


def test_try_logs_the_prompt_and_the_output(run: Run) -> None:
    # The fake fills a schema with random words: question_framing's has no pattern to miss.
    result = run("templates", "try", "question_framing", "--backend", "fake", "--json")
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert shown["outcome"] == "accepted" and shown["parsed"] is not None
    (entry,) = _log(run)
    assert entry["template"] == "question_framing" and entry["backend"] == "fake"
    detail = json.loads(run("logs", "show", str(entry["id"]), "--json").stdout)
    assert detail["output"] == shown["output"]
    assert "Question: A car travels 150 miles in 3 hours." in detail["prompt"]


def test_no_log_keeps_no_record_and_invalid_output_exits_1(run: Run) -> None:
    result = run(
        "templates", "try", "hint", "--backend", "fake", "--option", "mode=garbage", "--no-log"
    )
    assert result.exit_code == 1
    assert "outcome: invalid" in result.stderr
    assert _log(run) == []
    logged = run("templates", "try", "hint", "--backend", "fake", "--option", "mode=garbage")
    assert logged.exit_code == 1
    (entry,) = _log(run)
    assert entry["outcome"] == "invalid"


def test_bad_backend_options_are_clear_errors(run: Run) -> None:
    unknown = run("templates", "try", "hint", "--backend", "fake", "--option", "nope=1")
    assert unknown.exit_code == 1 and "nope" in unknown.output
    malformed = run("templates", "try", "hint", "--backend", "fake", "--option", "novalue")
    assert malformed.exit_code == 2 and "KEY=VALUE" in malformed.output
    backend = run("templates", "try", "hint", "--backend", "no-such")
    assert backend.exit_code == 2 and "unknown backend" in backend.output


@pytest.mark.slow
def test_the_built_in_model_writes_a_schema_valid_framing(run: Run) -> None:
    """The real default backend and model, end to end through the CLI."""
    result = run("templates", "try", "question_framing", "--json")
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    # Grammar-constrained decoding: whatever the words, the output has the schema's shape.
    assert shown["outcome"] == "accepted", shown
    assert isinstance(shown["parsed"]["framing"], str) and shown["parsed"]["framing"]
    (entry,) = _log(run)
    assert entry["backend"] == "transformers" and "SmolLM2" in entry["model"]
