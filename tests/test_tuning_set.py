"""The shipped tuning set: every example renders in the templates' format and its output
passes the runtime's own checks; the held-out prompts are not in the training set."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from edugen.prompts import tuning
from edugen.prompts.outputs import OUTPUT_MODELS
from edugen.prompts.personalize import Personalizer
from edugen.prompts.runner import LogEntry
from edugen.validators import parse_output
from edugen.workflows.evaluation import Answers, replay
from tests.conftest import ROOT

# What make_tuning_set.py writes: a few hundred to tune on, forty held out, per job.
MIN_TRAIN = 300
MIN_HELDOUT = 40


@pytest.fixture(scope="module")
def sets() -> dict[str, list[tuning.Example]]:
    return {split: tuning.load(split) for split in tuning.SPLITS}


def test_each_job_has_training_examples_and_held_out_prompts(
    sets: dict[str, list[tuning.Example]],
) -> None:
    train = Counter(e.job for e in sets["train"])
    heldout = Counter(e.job for e in sets["heldout"])
    for job in tuning.JOBS:
        assert train[job] >= MIN_TRAIN, (job, train[job])
        assert heldout[job] >= MIN_HELDOUT, (job, heldout[job])


def test_an_example_holds_its_job_the_rendered_prompt_and_the_assistant_json(
    home: Path, sets: dict[str, list[tuning.Example]]
) -> None:
    for job in tuning.JOBS:
        example = next(e for e in sets["train"] if e.job == job)
        assert example.prompt.template == tuning.TEMPLATES[job]
        roles = [m["role"] for m in example.messages]
        assert roles == ["system", "user", "assistant"]
        assert example.messages[-1]["content"] == example.output
        parsed, problems = parse_output(
            OUTPUT_MODELS[example.prompt.schema],
            example.output,
            context=example.prompt.validation_context,
        )
        assert parsed is not None, problems


def test_the_held_out_prompts_are_not_in_the_training_set(
    sets: dict[str, list[tuning.Example]],
) -> None:
    train = {e.prompt.text() for e in sets["train"]}
    heldout = [e.prompt.text() for e in sets["heldout"]]
    assert not train & set(heldout)
    assert len(set(heldout)) == len(heldout)
    ids = [e.id for split in sets.values() for e in split]
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("split", tuning.SPLITS)
def test_every_output_passes_the_runtime_checks_at_the_first_try(
    home: Path, sets: dict[str, list[tuning.Example]], split: str
) -> None:
    # Replayed through the calls a week's generation makes (the same contexts, rules and
    # grounded checks); the backend answers a prompt only if its messages are the stored
    # example's, so acceptance also shows the runtime renders the very same prompt.
    examples = sets[split]
    logged: list[LogEntry] = []
    p = Personalizer(Answers(examples), logged.extend, attempts=1, text_attempts=1)
    outcomes = replay(p, examples)
    failed = [(e.id, o.problems) for e, o in zip(examples, outcomes, strict=True) if not o.accepted]
    assert not failed, failed[:5]
    assert [entry.outcome for entry in logged] == ["accepted"] * len(examples)
    assert {entry.prompt for entry in logged} == {e.prompt.text() for e in examples}


def test_a_stored_line_reads_back_as_the_same_example(
    sets: dict[str, list[tuning.Example]],
) -> None:
    for example in sets["heldout"][::25]:
        record = tuning.to_record(example)
        again = tuning.from_record(json.loads(json.dumps(record)))
        assert again.context == example.context
        assert again.output == example.output
        assert again.prompt.messages == example.prompt.messages


def test_the_set_varies_students_grades_and_interests(
    sets: dict[str, list[tuning.Example]],
) -> None:
    contexts: list[Any] = [e.context for e in sets["train"]]
    students = [c.student for c in contexts if hasattr(c, "student")]
    assert {s.grade for s in students} == {str(g) for g in range(3, 9)}
    levels = [s.reading_level for s in students if s.reading_level is not None]
    assert min(levels) < 3 and max(levels) > 8
    assert len({i for s in students for i in s.interests}) >= 40
    flags = Counter(f for s in students for f in s.accommodations)
    assert flags["simplified_language"] > 100 and len(flags) >= 5
    scenes = [c for c, e in zip(contexts, sets["train"], strict=True) if e.job == "scene"]
    assert len({c.topic for c in scenes}) > 100


@pytest.mark.slow
def test_the_script_writes_the_shipped_files_again(tmp_path: Path) -> None:
    # Deterministic by seed: the shipped files are what the script writes today. When a check
    # or a family changes, this fails until the set is made again.
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_tuning_set.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    for split in tuning.SPLITS:
        shipped = (ROOT / "edugen" / "prompts" / "tuning" / f"{split}.jsonl").read_text()
        assert (tmp_path / f"{split}.jsonl").read_text() == shipped, split
