"""The shipped tuning set: prompt contexts and the outputs a model should write for them.

Each line of `train.jsonl` and `heldout.jsonl` (beside this module) is one example: its job,
the prompt context (the context model dumped to JSON), the facts the runtime checks it
against beyond the context (a question's answer, a resource's address, a plan's facts, a
class's plain summary), a seed, and the output (the output model's JSON). The prompt is
rendered here, at load time, from the stored context by the same templates the runtime uses,
so the set never carries a stale copy of a template. `PROVENANCE.md` says how the set was
made (`scripts/make_tuning_set.py`, from phrase banks written for this project).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from importlib.resources import files
from typing import Any, Literal

from edugen.errors import UsageError
from edugen.prompts import templates
from edugen.prompts.contexts import PromptContext
from edugen.prompts.templates import RenderedPrompt

Job = Literal["scene", "rationale", "plan_note", "class_summary", "hint"]
Split = Literal["train", "heldout"]
# Each job and the prompt template that renders it.
TEMPLATES: dict[str, str] = {
    "scene": "question_scene",
    "rationale": "resource_rationale",
    "plan_note": "plan_note",
    "class_summary": "class_note",
    "hint": "hint",
}
JOBS: tuple[str, ...] = tuple(TEMPLATES)
SPLITS: tuple[str, ...] = ("train", "heldout")


@dataclass(frozen=True)
class Example:
    """One example: a context, what the checks need besides it, and the output to learn."""

    id: str
    job: str
    context: PromptContext
    facts: dict[str, Any]
    seed: int
    output: str  # the JSON text an assistant turn holds
    locale: str = "en"

    @property
    def template(self) -> str:
        return TEMPLATES[self.job]

    @cached_property
    def prompt(self) -> RenderedPrompt:
        """The prompt exactly as the runtime renders it for this context."""
        return templates.render(self.template, self.context, self.locale)

    @property
    def messages(self) -> list[dict[str, str]]:
        """The chat: the prompt's messages and the assistant's answer."""
        return [
            *({"role": m.role, "content": m.content} for m in self.prompt.messages),
            {"role": "assistant", "content": self.output},
        ]


def path(split: str) -> Any:
    """The shipped file of a split (a Traversable: works inside a wheel too)."""
    if split not in SPLITS:
        raise UsageError(f"unknown tuning split {split!r}; one of {', '.join(SPLITS)}")
    return files(__name__).joinpath(f"{split}.jsonl")


def load(
    split: str = "train", *, jobs: tuple[str, ...] | None = None, locale: str = "en"
) -> list[Example]:
    """The examples of `split` ("train" or "heldout"), in file order, of `jobs` (all if None)."""
    unknown = sorted(set(jobs or ()) - set(JOBS))
    if unknown:
        raise UsageError(f"unknown tuning job {unknown[0]!r}; one of {', '.join(JOBS)}")
    out = []
    for line in path(split).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        example = from_record(json.loads(line), locale=locale)
        if jobs is None or example.job in jobs:
            out.append(example)
    return out


def from_record(record: dict[str, Any], *, locale: str = "en") -> Example:
    """An example from one stored line (the context checked by its context model)."""
    job = record["job"]
    if job not in TEMPLATES:
        raise UsageError(f"unknown tuning job {job!r}; one of {', '.join(JOBS)}")
    model = templates.load(TEMPLATES[job], locale).output_model()
    output = record["output"]
    return Example(
        id=record["id"],
        job=job,
        context=model.Context.model_validate(record["context"]),
        facts=record.get("facts", {}),
        seed=int(record.get("seed", 0)),
        output=output if isinstance(output, str) else json.dumps(output, ensure_ascii=False),
        locale=locale,
    )


def to_record(example: Example) -> dict[str, Any]:
    """The stored line of an example (`from_record` reads it back)."""
    return {
        "id": example.id,
        "job": example.job,
        "context": example.context.model_dump(mode="json", exclude_defaults=True),
        "facts": example.facts,
        "seed": example.seed,
        "output": json.loads(example.output),
    }
