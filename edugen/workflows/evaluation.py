"""How well a backend writes the model's texts: the shipped held-out prompts, the runtime's checks.

Steps: load the held-out examples (`prompts.tuning`) → turn each into the call the week's
generation makes (`frame_questions`, `write_hints`, `write_rationales`, `write_plan_notes`,
`write_class_note`), with the same rules, grounded checks, retries and fallback → count per
job what was accepted at the first try, after a retry, or replaced by the plain fallback.
Nothing is stored; the prompt log callback is the caller's.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from edugen import config
from edugen.backends import base as backends
from edugen.backends.base import Backend, GenerationRequest, GenerationResult
from edugen.errors import UsageError
from edugen.prompts import tuning
from edugen.prompts.log import LogEntry
from edugen.prompts.personalize import (
    Learner,
    Personalizer,
    Question,
    frame_questions,
    write_class_note,
    write_hints,
    write_plan_notes,
    write_rationales,
)
from edugen.prompts.runner import LogCallback
from edugen.prompts.tuning import Example
from edugen.validators import PlanFacts, ResourceFacts, Rules
from edugen.workflows.backend import make_backend


@dataclass(frozen=True)
class JobScore:
    """One job's prompts: how many, and how their outputs fared under the runtime's checks."""

    job: str
    template: str
    prompts: int
    first_try: int
    after_retry: int
    fallback: int
    requests: int

    @property
    def first_try_acceptance(self) -> float:
        return self.first_try / self.prompts if self.prompts else 0.0

    @property
    def fallback_share(self) -> float:
        return self.fallback / self.prompts if self.prompts else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "template": self.template,
            "prompts": self.prompts,
            "first_try_acceptance": round(self.first_try_acceptance, 4),
            "fallback_share": round(self.fallback_share, 4),
            "first_try": self.first_try,
            "after_retry": self.after_retry,
            "fallback": self.fallback,
            "requests": self.requests,
        }


@dataclass(frozen=True)
class GenerationScore:
    backend: str
    model: str
    split: str
    attempts: int
    text_attempts: int
    jobs: dict[str, JobScore]
    # Per job, one line per prompt: the text of its first try's output, the reference's
    # (for `edugen eval model --references`), and what became of the prompt (`outcome`).
    texts: dict[str, tuple[list[str], list[str], list[str]]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "backend": self.backend,
            "model": self.model,
            "split": self.split,
            "attempts": self.attempts,
            "text_attempts": self.text_attempts,
            "jobs": {job: score.to_dict() for job, score in self.jobs.items()},
        }


def evaluate_generation_with(
    backend_name: str | None,
    options: dict[str, Any],
    *,
    jobs: Sequence[str] | None = None,
    limit: int | None = None,
    on_job: Callable[[JobScore], None] | None = None,
) -> GenerationScore:
    """`evaluate_generation` on the backend named (else the configured one) with `options`;
    an `adapter` option the backend does not take is an error, never ignored."""
    settings = config.generate_settings()
    name = backend_name or settings.backend
    if "adapter" in options:
        cls = backends.available().get(name)
        if cls is not None and "adapter" not in cls.Options.model_fields:
            raise UsageError(
                f"backend {name!r} takes no adapter; --adapter needs a backend that applies "
                "LoRA adapters (the built-in transformers backend)"
            )
    backend = make_backend(settings, backend_name, options)
    try:
        return evaluate_generation(
            backend, jobs=jobs, limit=limit, settings=settings, on_job=on_job
        )
    finally:
        backend.close()


def evaluate_generation(
    backend: Backend,
    *,
    split: str = "heldout",
    jobs: Sequence[str] | None = None,
    limit: int | None = None,
    settings: config.GenerateSettings | None = None,
    log: LogCallback | None = None,
    on_job: Callable[[JobScore], None] | None = None,
) -> GenerationScore:
    """Run the shipped `split`'s prompts (the first `limit` of each job) through `backend`
    the way a week's generation does, and score each job."""
    settings = settings or config.generate_settings()
    chosen = tuple(jobs or tuning.JOBS)
    examples = tuning.load(split, jobs=chosen)
    scores = {}
    texts = {}
    for job in chosen:
        mine = [e for e in examples if e.job == job][:limit]
        logged: list[LogEntry] = []

        def keep(entries: Sequence[LogEntry], logged: list[LogEntry] = logged) -> None:
            logged.extend(entries)
            if log is not None:
                log(entries)

        p = Personalizer(
            backend,
            keep,
            attempts=settings.attempts,
            text_attempts=settings.text_attempts,
        )
        outcomes = [outcome(r) for r in replay(p, mine)]
        first: dict[str, str] = {}
        for entry in logged:  # in order: a prompt's first entry is its first try
            first.setdefault(entry.prompt, entry.output or "")
        texts[job] = (
            [output_text(first.get(e.prompt.text(), "")) for e in mine],
            [output_text(e.output) for e in mine],
            outcomes,
        )
        tally = p.tallies.get(tuning.TEMPLATES[job])
        scores[job] = JobScore(
            job=job,
            template=tuning.TEMPLATES[job],
            prompts=len(mine),
            first_try=tally.first_try if tally else 0,
            after_retry=tally.after_retry if tally else 0,
            fallback=tally.fallback if tally else 0,
            requests=tally.requests if tally else 0,
        )
        if on_job is not None:
            on_job(scores[job])
    return GenerationScore(
        backend=backend.name,
        model=backend.model_name,
        split=split,
        attempts=settings.attempts,
        text_attempts=settings.text_attempts,
        jobs=scores,
        texts=texts,
    )


def output_text(raw: str) -> str:
    """An output's words on one line: its text fields in order (a rationale's sentences one
    after another), or the raw text where it is not JSON."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        return " ".join(raw.split())
    return " ".join(" ".join(_strings(data)).split())


def outcome(replayed: Replayed) -> str:
    """One prompt's fate on one line: "first try", "after N tries", or "fallback after N
    tries: " and the last try's problems."""
    if replayed.accepted:
        return "first try" if replayed.tries <= 1 else f"after {replayed.tries} tries"
    problems = "; ".join(" ".join(p.split()) for p in replayed.problems) or "no text"
    return f"fallback after {replayed.tries} tries: {problems}"


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def replay(p: Personalizer, examples: Sequence[Example]) -> list[Replayed]:
    """Each example through the personalize call its job makes at run time, and the outcome
    of each, in order. Examples of one job go in one call, as a week's do."""
    unknown = sorted({e.job for e in examples} - set(_RUNS))
    if unknown:
        raise UsageError(f"unknown tuning job {unknown[0]!r}")
    out: dict[int, Replayed] = {}
    for job, run in _RUNS.items():
        index = [i for i, e in enumerate(examples) if e.job == job]
        if index:
            out.update(zip(index, run(p, [examples[i] for i in index]), strict=True))
    return [out[i] for i in range(len(examples))]


def _learner(e: Example) -> Learner:
    student = e.context.student  # type: ignore[attr-defined]
    return Learner(student, Rules(reading_level=student.reading_level))


def _question(e: Example) -> Question:
    c: Any = e.context
    options = e.facts.get("options")
    return Question(
        learner=_learner(e),
        topic=c.topic,
        question=c.question,
        answer=e.facts.get("answer", ""),
        interest=getattr(c, "interest", None),
        setting=getattr(c, "setting", None),
        seed=e.seed,
        options=tuple(options) if options else None,
    )


def _scenes(p: Personalizer, examples: Sequence[Example]) -> list[Replayed]:
    framed = frame_questions(p, [_question(e) for e in examples], framing="scene")
    return [_done(f.record) for f in framed]


def _hints(p: Personalizer, examples: Sequence[Example]) -> list[Replayed]:
    return [_done(record) for _, record in write_hints(p, [_question(e) for e in examples])]


def _rationales(p: Personalizer, examples: Sequence[Example]) -> list[Replayed]:
    work = []
    for e in examples:
        c: Any = e.context
        urls = e.facts.get("urls", {})
        work.append(
            (
                _learner(e),
                c.topic,
                [
                    ResourceFacts(
                        id=r.id,
                        title=r.title,
                        type=r.type,
                        topic=r.topic or c.topic,
                        url=urls.get(str(r.id), ""),
                        description=r.description,
                    )
                    for r in c.resources
                ],
                e.seed,
            )
        )
    return [_done(record) for _, record in write_rationales(p, work)]


def _plan_notes(p: Personalizer, examples: Sequence[Example]) -> list[Replayed]:
    work = []
    plans = []
    for e in examples:
        c: Any = e.context
        f = e.facts
        work.append(
            (
                _learner(e),
                c.week,
                c.minutes_per_day,
                [(i.topic, i.kind, i.reason) for i in c.items],
                list(c.changes),
                e.seed,
            )
        )
        plans.append(
            PlanFacts(
                topics=tuple(f.get("topics", ())),
                kinds=tuple(f.get("kinds", ())),
                days=tuple(f.get("days", ())),
                numbers=tuple(f.get("numbers", ())),
            )
        )
    return [_done(record) for _, record in write_plan_notes(p, work, plans=plans)]


def _class_notes(p: Personalizer, examples: Sequence[Example]) -> list[Replayed]:
    out = []
    for e in examples:
        c: Any = e.context
        plain = e.facts.get("plain")
        _, record = write_class_note(
            p,
            rules=Rules(),
            class_label=c.class_label,
            grade=c.grade,
            week=c.week,
            student_count=c.student_count,
            topics=[(t.topic, t.students) for t in c.topics],
            stuck=[(s.pseudonym, s.topic, s.prerequisite) for s in c.stuck],
            seed=e.seed,
            plain=(plain[0], plain[1]) if plain else None,
        )
        out.append(_done(record))
    return out


@dataclass(frozen=True)
class Replayed:
    """What became of one example's prompt: accepted or not, after how many tries, and the
    last try's problems (as the item or plan would record them)."""

    accepted: bool
    tries: int
    problems: tuple[str, ...]


def _done(record: dict[str, Any]) -> Replayed:
    return Replayed(
        accepted=record.get("outcome") == "accepted",
        tries=int(record.get("tries", 0)),
        problems=tuple(record.get("problems", ())),
    )


_RUNS: dict[str, Callable[[Personalizer, Sequence[Example]], list[Replayed]]] = {
    "scene": _scenes,
    "hint": _hints,
    "rationale": _rationales,
    "plan_note": _plan_notes,
    "class_summary": _class_notes,
}


class Answers(Backend):
    """A backend that answers each known prompt with its example's stored output: the
    examples replayed through the runtime's checks (the tuning set's own test), and
    nothing but JSON it was given."""

    name = "answers"

    def __init__(self, examples: Sequence[Example]):
        super().__init__()
        self._answers = {_key(e.prompt.request(0)): e.output for e in examples}

    @property
    def model_name(self) -> str:
        return "answers"

    def generate(self, requests: Sequence[GenerationRequest]) -> list[GenerationResult]:
        out = []
        for request in requests:
            text = self._answers.get(_key(request))
            if text is None:
                out.append(GenerationResult(error="no stored answer for this prompt"))
            else:
                out.append(GenerationResult(text=text, completion_tokens=len(text.split())))
        return out


def _key(request: GenerationRequest) -> str:
    return json.dumps([m.model_dump() for m in request.messages], sort_keys=True)
