"""Send rendered prompts through a backend as one batch, check each output, log every request.

Every request reaches the log callback, whatever became of it: accepted, invalid (not JSON,
wrong schema, or a validator's problem) or error (the backend failed). `log=None` is the
only way to log nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from edugen.backends.base import Backend, GenerationResult
from edugen.errors import EdugenError
from edugen.prompts.log import LogEntry
from edugen.prompts.outputs import OutputModel
from edugen.prompts.templates import RenderedPrompt
from edugen.validators import Problem, parse_output

Verdict = Literal["accepted", "invalid", "error"]
LogCallback = Callable[[Sequence[LogEntry]], None]
# Checks beyond the schema, for one parsed output (validators.validate with the right Rules).
Validate = Callable[[RenderedPrompt, OutputModel], Sequence[Problem]]

# Option names that may hold a credential; `max_tokens` and `tokenizer` are not among them.
_SECRET = re.compile(
    r"(?:^|_)(?:api_?key|key|secret|token|password|passwd|auth|authorization|credentials?|"
    r"bearer|cookie)(?:_|$)",
    re.IGNORECASE,
)
_USERINFO = re.compile(r"(?<=://)[^/@\s]+@")


@dataclass(frozen=True)
class Outcome:
    """What became of one prompt. `parsed` is set only when the output was accepted."""

    prompt: RenderedPrompt
    seed: int
    text: str
    parsed: OutputModel | None
    problems: tuple[Problem, ...]
    outcome: Verdict
    result: GenerationResult | None = None

    @property
    def accepted(self) -> bool:
        return self.outcome == "accepted"


def safe_options(options: BaseModel | Mapping[str, Any]) -> dict[str, Any]:
    """A backend's options for the log, less anything named like a key, secret or token."""
    data = options.model_dump(mode="json") if isinstance(options, BaseModel) else dict(options)
    scrubbed: dict[str, Any] = _scrub(data)
    return scrubbed


def _scrub(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {
            k: _scrub(v) for k, v in value.items() if not _SECRET.search(str(k).replace("-", "_"))
        }
    if isinstance(value, list | tuple):
        return [_scrub(v) for v in value]
    if isinstance(value, str):
        return _USERINFO.sub("", value)
    return value


def run(
    backend: Backend,
    prompts: Sequence[RenderedPrompt],
    *,
    seeds: Sequence[int],
    log: LogCallback | None,
    validate: Validate | None = None,
) -> list[Outcome]:
    """One outcome per prompt, in order; every request is handed to `log` (unless None)."""
    if len(seeds) != len(prompts):
        raise ValueError(f"{len(seeds)} seeds for {len(prompts)} prompts")
    if not prompts:
        return []
    options = safe_options(backend.options)
    entries: list[LogEntry] = []

    def entry(
        prompt: RenderedPrompt, seed: int, result: GenerationResult | None, verdict: Verdict
    ) -> None:
        entries.append(
            LogEntry(
                template=prompt.template,
                template_hash=prompt.template_hash,
                backend=backend.name,
                model=backend.model_name,
                options=options,
                seed=seed,
                prompt=prompt.text(),
                output=result.text if result is not None else None,
                prompt_tokens=result.prompt_tokens if result is not None else None,
                completion_tokens=result.completion_tokens if result is not None else None,
                latency_ms=result.latency_ms if result is not None else None,
                outcome=verdict,
            )
        )

    try:
        requests = [p.request(seed) for p, seed in zip(prompts, seeds, strict=True)]
        try:
            results = backend.generate(requests)
            if len(results) != len(requests):
                raise EdugenError(
                    f"backend {backend.name!r} returned {len(results)} results "
                    f"for {len(requests)} prompts"
                )
        except BaseException:
            for prompt, seed in zip(prompts, seeds, strict=True):
                entry(prompt, seed, None, "error")
            raise
        outcomes: list[Outcome] = []
        batch = list(zip(prompts, seeds, results, strict=True))
        try:
            for prompt, seed, result in batch:
                outcome = _judge(prompt, seed, result, validate)
                outcomes.append(outcome)
                entry(prompt, seed, result, outcome.outcome)
        except BaseException:
            # A validator failed: what came back is still logged, as unjudged errors.
            for prompt, seed, result in batch[len(outcomes) :]:
                entry(prompt, seed, result, "error")
            raise
        return outcomes
    finally:
        if log is not None and entries:
            log(entries)


def _judge(
    prompt: RenderedPrompt, seed: int, result: GenerationResult, validate: Validate | None
) -> Outcome:
    if result.error is not None:
        return Outcome(
            prompt, seed, result.text, None, (Problem("backend", result.error),), "error", result
        )
    parsed, problems = parse_output(
        prompt.output_model, result.text, context=prompt.validation_context
    )
    if parsed is not None and validate is not None:
        problems = list(validate(prompt, parsed))
    if problems and result.finish_reason == "length":
        problems.append(Problem("length", f"the output was cut off at {prompt.max_tokens} tokens"))
    if parsed is None or problems:
        return Outcome(prompt, seed, result.text, None, tuple(problems), "invalid", result)
    return Outcome(prompt, seed, result.text, parsed, (), "accepted", result)
