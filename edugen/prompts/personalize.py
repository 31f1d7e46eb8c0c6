"""The personal text around verified content, written by a model, checked, retried, or replaced.

Every job is a rendered prompt with the rules its output must pass, grounded checks among
them: a scene against its question and the student's interests, a rationale against its own
resource, a note against the student's plan, a class sentence against the class's week. A
job whose output is rejected is sent again with a new seed (all rejected jobs of a round in
one batch); after the last attempt the caller's plain fallback is used. The model never
writes an answer key: scenes, framings, hints, rationales and notes only.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any, Literal

from edugen.backends.base import Backend
from edugen.prompts import runner, templates
from edugen.prompts.contexts import (
    ClassNoteContext,
    ClassTopicContext,
    FramingContext,
    HintContext,
    ItemWritingContext,
    PlanItem,
    PlanNoteContext,
    RationaleContext,
    ResourceCandidate,
    StuckStudentContext,
    StudentContext,
)
from edugen.prompts.outputs import (
    ClassNote,
    Hint,
    OutputModel,
    PlanNote,
    QuestionFraming,
    QuestionScene,
    ResourceRationales,
    WrittenItem,
)
from edugen.prompts.runner import LogCallback
from edugen.prompts.screening import line, names_someone, scrub
from edugen.prompts.templates import RenderedPrompt
from edugen.schemas import WeeklyPlan
from edugen.validators import Problem, Rules, extract_numbers, validate
from edugen.validators.grounded import (
    ClassFacts,
    PlanFacts,
    ResourceFacts,
    check_class_sentence,
    check_note_grounded,
    check_rationale_grounded,
)
from edugen.validators.hints import check_hint_specific
from edugen.validators.rules import Check
from edugen.validators.scenes import SceneFacts, check_scene, openings

Framing = Literal["scene", "retell", "plain"]
FRAMING_TEMPLATES: dict[str, str] = {"scene": "question_scene", "retell": "question_framing"}
# Jobs sent to the backend at a time: enough to fill its batches, few enough that progress
# is reported while a class's week is written.
CHUNK = 64
Progress = Callable[[str, int, int], None]
# A number as a prompt's number list may show it (contexts.NumberText).
_DIGITS = re.compile(r"^-?\d[\d,./ ]*$")


@dataclass
class Tally:
    """How one template's jobs went: accepted at once, after retries, or replaced."""

    template: str
    jobs: int = 0
    requests: int = 0
    first_try: int = 0
    after_retry: int = 0
    fallback: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "template": self.template,
            "jobs": self.jobs,
            "requests": self.requests,
            "first_try": self.first_try,
            "after_retry": self.after_retry,
            "fallback": self.fallback,
            "completion_tokens": self.completion_tokens,
            "seconds": round(self.seconds, 2),
        }


@dataclass(frozen=True)
class Learner:
    """A student as personalizing sees them: the prompt's view and the base rules."""

    context: StudentContext
    rules: Rules


@dataclass(frozen=True)
class Job:
    prompt: RenderedPrompt
    rules: Rules
    seed: int


@dataclass(frozen=True)
class Done:
    """A job's end: the accepted output (None: use the fallback), tries, last problems."""

    parsed: OutputModel | None
    tries: int
    problems: tuple[Problem, ...]

    def record(self, template: str, model: str) -> dict[str, Any]:
        """What the item or plan keeps of how its text came to be."""
        return {
            "template": template,
            "model": model,
            "outcome": "accepted" if self.parsed is not None else "fallback",
            "tries": self.tries,
            "problems": [str(p) for p in self.problems],
        }


@dataclass
class Personalizer:
    """Runs jobs through one backend with retries, logging and a tally per template."""

    backend: Backend
    log: LogCallback | None
    attempts: int = 3  # scenes and framings
    text_attempts: int = 2  # hints, rationales, notes
    locale: str = "en"
    progress: Progress | None = None
    tallies: dict[str, Tally] = field(default_factory=dict)
    # Prompt fields left out because they named someone on the roster: (template, path).
    dropped: list[tuple[str, str]] = field(default_factory=list)

    def run(self, template: str, jobs: Sequence[Job]) -> list[Done]:
        attempts = self.attempts if template in FRAMING_TEMPLATES.values() else self.text_attempts
        tally = self.tallies.setdefault(template, Tally(template))
        tally.jobs += len(jobs)
        refused = self.backend.refuses(template)
        if refused is not None:
            tally.fallback += len(jobs)
            return [Done(None, 0, (Problem("backend", refused),)) for _ in jobs]
        parsed: list[OutputModel | None] = [None] * len(jobs)
        tries = [0] * len(jobs)
        problems: list[tuple[Problem, ...]] = [()] * len(jobs)
        todo = list(range(len(jobs)))
        start = time.perf_counter()
        for attempt in range(max(1, attempts)):
            if not todo:
                break
            for begin in range(0, len(todo), CHUNK):
                chunk = todo[begin : begin + CHUNK]
                check = _checker({id(jobs[i].prompt): jobs[i].rules for i in chunk})
                outcomes = runner.run(
                    self.backend,
                    [jobs[i].prompt for i in chunk],
                    seeds=[retry_seed(jobs[i].seed, attempt) for i in chunk],
                    log=self.log,
                    validate=check,
                )
                for i, outcome in zip(chunk, outcomes, strict=True):
                    tries[i] += 1
                    tally.requests += 1
                    if outcome.result is not None:
                        tally.completion_tokens += outcome.result.completion_tokens
                    if outcome.accepted:
                        parsed[i] = outcome.parsed
                    problems[i] = outcome.problems
                if self.progress is not None:
                    self.progress(template, sum(p is not None for p in parsed), len(jobs))
            todo = [i for i in todo if parsed[i] is None]
        tally.seconds += time.perf_counter() - start
        for p, n in zip(parsed, tries, strict=True):
            if p is None:
                tally.fallback += 1
            elif n == 1:
                tally.first_try += 1
            else:
                tally.after_retry += 1
        return [Done(p, n, pr) for p, n, pr in zip(parsed, tries, problems, strict=True)]

    def render(self, name: str, context: Any) -> RenderedPrompt:
        return templates.render(name, context, self.locale)

    def job(self, name: str, context: Any, rules: Rules, seed: int) -> Job:
        """A job for template `name`: the context rendered with any text that names someone
        on the roster (`rules.roster_names`) left out, and each such drop kept in `dropped`."""
        context, dropped = scrub(context, rules.roster_names)
        self.dropped += [(name, path) for path in dropped]
        return Job(self.render(name, context), rules, seed)

    @property
    def model(self) -> str:
        return self.backend.model_name


def _checker(rules: dict[int, Rules]) -> runner.Validate:
    """The runner's check for a batch: each prompt's output against that prompt's rules."""

    def check(prompt: RenderedPrompt, output: OutputModel) -> list[Problem]:
        return validate(output, rules[id(prompt)])

    return check


def on_field(name: str, check: Callable[[str], list[Problem]]) -> Check:
    """A whole-output check from a check on one text field (the field named on each problem)."""

    def run(item: Any) -> list[Problem]:
        return [replace(p, field=name) for p in check(getattr(item, name))]

    return run


def retry_seed(seed: int, attempt: int) -> int:
    """The seed for a job's `attempt`-th try: the job's own seed first, then new ones."""
    return (seed + attempt * 1_000_003) & 0x7FFFFFFF


# --- questions --------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    """One verified question to personalize for one learner."""

    learner: Learner
    topic: str  # the topic's title
    question: str
    answer: str
    interest: str | None
    setting: str | None  # the kind of situation that fits it (the family's context hint)
    seed: int
    # Multiple choice: the options, so that a hint naming the keyed one's letter is refused.
    options: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Framed:
    stem: str
    record: dict[str, Any]


def frame_questions(p: Personalizer, work: Sequence[Question], *, framing: Framing) -> list[Framed]:
    """Each question set in the student's world. "scene": the model writes a lead-in
    sentence without numbers and the verified question follows word for word; "retell": the
    model retells the whole question and must keep exactly its numbers; "plain" (or a
    rejected output): the verified question as is.
    """
    if framing == "plain" or not work:
        return [Framed(q.question, {"outcome": "plain"}) for q in work]
    template = FRAMING_TEMPLATES[framing]
    # The template's own words: a scene that repeats its example was not written for the
    # question.
    example = templates.load(template, p.locale).text
    jobs = []
    for q in work:
        numbers = [raw for _, raw in extract_numbers(q.question)]
        interests = q.learner.context.interests
        theme = q.interest or (interests[0] if interests else None)
        if theme and names_someone(theme, q.learner.rules.roster_names):
            theme = None  # left out of the prompt too (scrub)
        context = FramingContext(
            student=q.learner.context,
            topic=line(q.topic),
            question=q.question,
            # The prompt lists the numbers written in digits; words ("zero") still must stay.
            numbers=[n for n in numbers if _DIGITS.match(n)][:20],
            interest=line(q.interest, 40) if q.interest else None,
            setting=line(q.setting) if q.setting else None,
            place=openings(theme)[0] if theme else None,
        )
        if framing == "scene":
            facts = SceneFacts(
                interest=theme,
                interests=tuple(
                    i for i in interests if not names_someone(i, q.learner.rules.roster_names)
                ),
                question=f"{q.question} {q.setting or ''}",
                example=example,
            )
            rules = replace(
                q.learner.rules,
                core_numbers=(),
                number_fields=("scene",),
                given=openings(theme) if theme else (),
                checks=(on_field("scene", partial(check_scene, facts=facts)),),
            )
        else:
            rules = replace(
                q.learner.rules, core_numbers=tuple(numbers), number_fields=("framing",)
            )
        jobs.append(p.job(template, context, rules, q.seed))
    out = []
    for q, done in zip(work, p.run(template, jobs), strict=True):
        record = done.record(template, p.model)
        if isinstance(done.parsed, QuestionScene):
            out.append(Framed(f"{done.parsed.scene} {q.question}", record))
        elif isinstance(done.parsed, QuestionFraming):
            out.append(Framed(done.parsed.framing, record))
        else:
            out.append(Framed(q.question, record))
    return out


def write_hints(
    p: Personalizer, work: Sequence[Question]
) -> list[tuple[str | None, dict[str, Any]]]:
    """A hint for each question that never gives the answer away, adds no number the
    question lacks and is about the question; None where every try was rejected."""
    jobs = []
    for q in work:
        context = HintContext(student=q.learner.context, topic=line(q.topic), question=q.question)
        rules = replace(
            q.learner.rules,
            core_numbers=(q.question,),
            number_fields=("hint",),
            numbers_complete=False,
            answer=q.answer,
            options=q.options,
            relevant_to=f"{q.topic} {q.question}",
            plain=True,
            checks=(on_field("hint", check_hint_specific),),
        )
        jobs.append(p.job("hint", context, rules, q.seed))
    out: list[tuple[str | None, dict[str, Any]]] = []
    for done in p.run("hint", jobs):
        record = done.record("hint", p.model)
        out.append((done.parsed.hint if isinstance(done.parsed, Hint) else None, record))
    return out


def write_items(
    p: Personalizer, work: Sequence[tuple[Learner, str, int, str | None, int]]
) -> list[tuple[WrittenItem | None, dict[str, Any]]]:
    """For each (learner, topic title, tier, interest, seed): a whole multiple-choice
    question from the model, for a topic nothing verified covers. Its form is checked (the
    answer among distinct options, the solution arriving at it) and its text like any
    student text; its mathematics is not, so it is stored unverified."""
    jobs = []
    for learner, topic, tier, interest, seed in work:
        context = ItemWritingContext(
            student=learner.context,
            topic=line(topic),
            tier=tier,
            interest=line(interest, 40) if interest else None,
        )
        rules = replace(learner.rules, core_numbers=None)
        jobs.append(p.job("item_writing", context, rules, seed))
    out: list[tuple[WrittenItem | None, dict[str, Any]]] = []
    for done in p.run("item_writing", jobs):
        record = done.record("item_writing", p.model)
        out.append((done.parsed if isinstance(done.parsed, WrittenItem) else None, record))
    return out


# --- resources, plans, classes ----------------------------------------------------------


def write_rationales(
    p: Personalizer,
    work: Sequence[tuple[Learner, str, Sequence[ResourceFacts], int]],
) -> list[tuple[dict[int, str], dict[str, Any]]]:
    """For each (learner, topic title, resources, seed): the model's sentence per resource
    id it was given (ids it was not given cannot come out), each agreeing with its own
    resource's recorded topic, type and source."""
    jobs = []
    for learner, topic, resources, seed in work:
        context = RationaleContext(
            student=learner.context,
            topic=line(topic),
            resources=[
                ResourceCandidate(
                    id=r.id,
                    title=line(r.title),
                    type=line(r.type, 40),
                    description=line(r.description) if r.description else None,
                    topic=line(r.topic),
                    source=line(r.source, 40) if r.source else None,
                )
                for r in resources
            ],
        )
        about = " ".join(f"{r.topic} {r.title} {r.type}" for r in resources)
        rules = replace(
            learner.rules,
            core_numbers=None,
            relevant_to=about,
            given=(topic, *(t for r in resources for t in (r.topic, r.title))),
            plain=True,
            checks=(partial(_rationales_grounded, {r.id: r for r in resources}),),
        )
        jobs.append(p.job("resource_rationale", context, rules, seed))
    out: list[tuple[dict[int, str], dict[str, Any]]] = []
    for done in p.run("resource_rationale", jobs):
        record = done.record("resource_rationale", p.model)
        if isinstance(done.parsed, ResourceRationales):
            out.append(({r.resource_id: r.why for r in done.parsed.rationales}, record))
        else:
            out.append(({}, record))
    return out


def _rationales_grounded(resources: dict[int, ResourceFacts], item: Any) -> list[Problem]:
    problems: list[Problem] = []
    for i, r in enumerate(getattr(item, "rationales", [])):
        if r.resource_id in resources:
            found = check_rationale_grounded(r.why, resources[r.resource_id], resources.values())
            problems += [replace(pr, field=f"rationales[{i}].why") for pr in found]
    return problems


def plan_facts(plan: WeeklyPlan, titles: dict[str, str] | None = None) -> PlanFacts:
    """What a note to the student may mention: the plan's topics (titles and the planner's
    reasons), task kinds and resource types, study days, and its minutes and counts."""
    titles = titles or {}
    tasks = [t for day in plan.days for t in day.tasks]
    days = [day for day in plan.days if day.tasks]
    return PlanFacts(
        topics=(
            *(titles.get(k.code, k.title) for k in plan.picks),
            *(k.reason for k in plan.picks),
            *(t.title for t in tasks),
            *(c.why for c in plan.changes),
            *(r.title for r in plan.resources),
        ),
        kinds=(*{t.kind for t in tasks}, *{r.type for r in plan.resources}),
        days=tuple(d.day for d in days),
        numbers=tuple(
            sorted(
                {plan.minutes_per_day, len(days)}
                | {d.minutes for d in days}
                | {t.minutes for t in tasks}
                | {len(t.item_ids) for t in tasks if t.item_ids}
            )
        ),
    )


def write_plan_notes(
    p: Personalizer,
    work: Sequence[tuple[Learner, str, int, Sequence[tuple[str, str, str]], Sequence[str], int]],
    *,
    plans: Sequence[PlanFacts] | None = None,
) -> list[tuple[str | None, dict[str, Any]]]:
    """For each (learner, week, minutes a day, [(topic title, kind, reason)], changes, seed):
    a short note to the student that mentions only what its plan holds (`plans`, one per
    job, from `plan_facts`; without them, only the topics and minutes given here)."""
    jobs = []
    for n, (learner, week, minutes, items, changes, seed) in enumerate(work):
        facts = plans[n] if plans is not None else _facts_from_items(minutes, items, changes)
        context = PlanNoteContext(
            student=learner.context,
            week=week,
            minutes_per_day=minutes,
            items=[PlanItem(topic=line(t), kind=line(k, 40), reason=line(r)) for t, k, r in items][
                :20
            ],
            changes=[line(c) for c in changes][:10],
            days=[line(d, 40) for d in facts.days][:7],
        )
        rules = replace(
            learner.rules,
            core_numbers=None,  # the grounded check holds its numbers to the plan's
            relevant_to=" ".join(t for t, _, _ in items),
            given=tuple(t for t, _, _ in items),
            plain=True,
            checks=(on_field("summary", partial(check_note_grounded, plan=facts)),),
        )
        jobs.append(p.job("plan_note", context, rules, seed))
    out: list[tuple[str | None, dict[str, Any]]] = []
    for done in p.run("plan_note", jobs):
        record = done.record("plan_note", p.model)
        out.append((done.parsed.summary if isinstance(done.parsed, PlanNote) else None, record))
    return out


def _facts_from_items(
    minutes: int, items: Sequence[tuple[str, str, str]], changes: Sequence[str]
) -> PlanFacts:
    # Every pick is practised; a spaced-review pick is also reviewed. No days: none were given.
    spaced = any(k == "spaced review" for _, k, _ in items)
    kinds = ("practice", "spaced_review") if spaced else ("practice",)
    return PlanFacts(
        topics=(*(f"{t} {r}" for t, _, r in items), *changes), kinds=kinds, numbers=(minutes, 5)
    )


def write_class_note(
    p: Personalizer,
    *,
    rules: Rules,
    class_label: str,
    grade: str | None,
    week: str,
    student_count: int,
    topics: Sequence[tuple[str, int]],
    stuck: Sequence[tuple[str, str, str | None]],
    seed: int,
    plain: tuple[str, str] | None = None,
) -> tuple[tuple[str, str] | None, dict[str, Any]]:
    """The teacher's overview: the deterministic `plain` (summary, next steps) with at most
    one sentence from the model added to the summary, checked against the week's facts
    (topics, pseudonyms of who is stuck, counts, and what `plain` says). None when the
    sentence was rejected, or when no `plain` was given (the caller's own then stands)."""
    context = ClassNoteContext(
        class_label=line(class_label),
        grade=line(grade, 40) if grade else None,
        student_count=student_count,
        week=week,
        topics=[ClassTopicContext(topic=line(t), students=n) for t, n in topics][:40],
        stuck=[
            StuckStudentContext(
                pseudonym=pseudonym, topic=line(topic), prerequisite=line(pre) if pre else None
            )
            for pseudonym, topic, pre in stuck
        ][:50],
    )
    said = " ".join(plain or ())
    numbers: tuple[int, ...] = (student_count, len(stuck), *(n for _, n in topics))
    facts = ClassFacts(
        topics=(*(t for t, _ in topics), *(f"{t} {pre or ''}" for _, t, pre in stuck), said),
        pseudonyms=tuple(ps for ps, _, _ in stuck),
        numbers=(*numbers, *(int(v) for v, _ in extract_numbers(said) if v.denominator == 1)),
    )
    rules = replace(
        rules,
        core_numbers=None,  # the grounded check holds its numbers to the week's
        # About this class's week, in plain sentences.
        relevant_to=" ".join(t for t, _ in topics) or None,
        plain=True,
        checks=(on_field("sentence", partial(check_class_sentence, week=facts)),),
    )
    (done,) = p.run("class_note", [p.job("class_note", context, rules, seed)])
    record = done.record("class_note", p.model)
    if isinstance(done.parsed, ClassNote) and plain is not None:
        return (f"{plain[0]} {done.parsed.sentence}", plain[1]), record
    return None, record
