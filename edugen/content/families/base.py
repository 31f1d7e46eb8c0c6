"""What an item family is: a seeded generator of cores and an independent sympy checker.

Tiers mean the same across families: 1 small whole numbers and one step; 2 larger
numbers or a second small twist; 3 fractions or decimals, or a new kind of step;
4 several steps, negatives or larger values; 5 the hardest mix the topic holds.
Each family's docstring says what its tiers change.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from random import Random
from typing import Any, ClassVar

import sympy
from lxml import etree

from edugen.content import answers
from edugen.content.cores import Distractor, ItemCore, Kind
from edugen.content.families.common import (
    Style,
    equivalent,
    fmt,
    numbers_in,
    rng_for,
    shuffled,
    to_sympy,
    value_key,
)
from edugen.content.figures import spoken_numbers
from edugen.schemas import Figure

Answer = Fraction | int | str
# What a typed point or expression item adds to its question: how to write the answer.
# An expression's depends on the key's form (answers.key_form), which the answer must keep.
HOW_TO_WRITE = {
    "ordered_pair": "Write it as (x, y).",
    "expanded": "Write it without parentheses, with like terms combined.",
    "factored": "Take out the greatest common factor: a number times a sum in parentheses.",
    "equation": "Write it as an equation in x and y.",
}
# Numbers whose named misconceptions give fewer than three distinct wrong answers are drawn
# again (a distractor no misconception explains teaches a teacher nothing); this many times.
REDRAWS = 200


@dataclass
class Draft:
    """What a family's generator decides; `Family.generate` turns it into a core."""

    question: str
    answer: Answer
    solution: list[str]
    # (value, misconception), most telling first; None where a misconception does not apply.
    wrong: Sequence[tuple[Answer | None, str]] = ()
    rubric: str | None = None
    style: Style | None = None  # how to write this item's numbers, if not the family's way
    context_hint: str | None = None  # a setting for this item, if narrower than the family's
    # drawn from the same numbers as the question; labels only numbers the question has
    figure: Figure | None = None


class Family(ABC):
    """A verified item family: `generate` writes cores, `check` re-derives their keys."""

    name: ClassVar[str]
    topic: ClassVar[str]
    context_hint: ClassVar[str]
    # How to start, in words and without a number: the hint when no solution step may be one.
    strategy: ClassVar[str]
    kinds: ClassVar[tuple[Kind, ...]] = ("multiple_choice", "numeric")
    style: ClassVar[Style] = "fraction"
    nonnegative: ClassVar[bool] = True
    explain: ClassVar[str] = "Explain how you know."

    def generate(self, tier: int, seed: int, kind: Kind | None = None) -> ItemCore:
        """The core for (tier, seed, kind); the same arguments always give the same core."""
        kind = kind or self.kinds[0]
        if kind not in self.kinds:
            raise ValueError(f"{self.name} does not write {kind} items")
        if not 1 <= tier <= 5:
            raise ValueError(f"tier must be 1-5, not {tier}")
        for attempt in range(REDRAWS):
            # the first draw keeps the seed's own numbers; later ones only when it must
            rng = rng_for(self.name, tier, seed, *([attempt] if attempt else []))
            draft = self.draft(tier, rng)
            answer = self.show(draft.answer, draft.style)
            wrong = self._distractors(answer, draft)
            if len(wrong) == 3:
                break
        else:
            raise RuntimeError(f"{self.name}: fewer than three named distractors in tier {tier}")
        question = self.ask(draft.question, kind, answer)
        options = [answer, *(d.value for d in wrong)]
        return ItemCore(
            family=self.name,
            topic=self.topic,
            tier=tier,
            seed=seed,
            kind=kind,
            question=question,
            numbers=numbers_in(question),
            answer=answer,
            answer_value=sympy.srepr(to_sympy(answer)),
            options=shuffled(options, rng_for(self.name, tier, seed, "options"))
            if kind == "multiple_choice"
            else None,
            distractors=wrong,
            solution=draft.solution,
            tolerance=1e-9 if kind == "numeric" else None,
            rubric=draft.rubric if kind == "short_answer" else None,
            context_hint=draft.context_hint or self.context_hint,
            figure=draft.figure,
        )

    @abstractmethod
    def draft(self, tier: int, rng: Random) -> Draft:
        """Pick the numbers for a tier and work out the answer and the misconceptions."""

    @abstractmethod
    def expected(self, core: ItemCore) -> Any:
        """What the question's numbers give, recomputed with sympy (not the generator's path)."""

    def accepts(self, value: Any, expected: Any) -> bool:
        """Whether `value` answers a question whose `expected` result is given."""
        return equivalent(value, expected)

    def ask(self, question: str, kind: Kind, answer: str) -> str:
        """The question as `kind` asks it: a short answer asks to explain; a typed point or
        expression says how to write the answer (HOW_TO_WRITE)."""
        if kind == "short_answer":
            return f"{question} {self.explain}"
        how = HOW_TO_WRITE.get(answers.key_form(answer) if kind == "expression" else kind)
        if how is None or (kind == "ordered_pair" and "(x, y)" in question):
            return question
        return f"{question} {how}"

    def plain_question(self, question: str) -> str:
        """The question without what its kind adds to it: the same for every kind."""
        for added in (self.explain, *HOW_TO_WRITE.values()):
            question = question.removesuffix(" " + added)
        return question

    def show(self, value: Answer, style: Style | None = None) -> str:
        return value if isinstance(value, str) else fmt(value, style or self.style)

    def check(self, core: ItemCore) -> list[str]:
        """Problems with a core: its key re-derived independently, options, numbers, form."""
        problems = []
        if (core.family, core.topic) != (self.name, self.topic):
            problems.append(f"core belongs to {core.family}, not {self.name}")
        if numbers_in(core.question) != core.numbers:
            problems.append(f"numbers {core.numbers} are not those in the question")
        if not _simplest(core.answer):
            problems.append(f"answer {core.answer} is not in simplest form")
        if core.kind == "multiple_choice" and (
            core.options is None or len(set(core.options)) != 4 or core.answer not in core.options
        ):
            problems.append("multiple choice needs four distinct options, the answer among them")
        if core.figure is not None:
            problems += check_figure(core.figure, core.numbers)
        problems += check_typed(core)
        try:
            # each family reads its question as the draft wrote it, whatever the kind adds
            expected = self.expected(
                core.model_copy(update={"question": self.plain_question(core.question)})
            )
            if not self.accepts(to_sympy(core.answer), expected):
                problems.append(f"answer {core.answer} is wrong: the numbers give {expected}")
            if not self.accepts(sympy.sympify(core.answer_value), expected):
                problems.append(f"answer_value {core.answer_value} does not match")
            problems += [
                f"distractor {d.value} ({d.misconception}) is also right"
                for d in core.distractors
                if self.accepts(to_sympy(d.value), expected)
            ]
        except Exception as exc:  # any failure to re-derive is itself a finding
            problems.append(f"could not re-check: {exc!r}")
        return problems

    def _distractors(self, answer: str, draft: Draft) -> list[Distractor]:
        """The first three distinct wrong answers the draft's misconceptions give (fewer if
        they collide)."""
        seen = {value_key(answer)}
        out: list[Distractor] = []
        for value, why in draft.wrong:
            if value is None or (self.nonnegative and not isinstance(value, str) and value < 0):
                continue
            try:
                text = self.show(value, draft.style)
            except ValueError:  # e.g. a misconception that gives a non-terminating decimal
                continue
            key = value_key(text)
            if key not in seen:
                seen.add(key)
                out.append(Distractor(value=text, misconception=why))
                if len(out) == 3:
                    break
        return out


def check_typed(core: ItemCore) -> list[str]:
    """InputProblems with a typed point or expression: a key the student's answer is checked
    against must read (answer_text's grammar), take itself, be asked for in its own form,
    and no distractor may be an answer the checker takes."""
    if core.kind not in ("ordered_pair", "expression"):
        return []
    problems = []
    if not answers.accepts(core.answer, core.answer, kind=core.kind):
        problems.append(f"{core.kind} key {core.answer!r} does not read as one")
    elif core.kind == "expression":
        how = HOW_TO_WRITE.get(answers.key_form(core.answer))
        if how is None or not core.question.endswith(how):
            problems.append(f"the question does not ask for the key's form ({core.answer})")
    problems += [
        f"distractor {d.value} ({d.misconception}) is taken as right"
        for d in core.distractors
        if answers.accepts(d.value, core.answer, kind=core.kind)
    ]
    return problems


def check_figure(figure: Figure, numbers: Sequence[str]) -> list[str]:
    """Problems with a figure: SVG that does not parse, a number it labels that the question
    does not have, or alt text that leaves out a number the figure shows."""
    problems = []
    try:
        root = etree.fromstring(figure.svg.encode())
        if root.tag != "{http://www.w3.org/2000/svg}svg":
            problems.append(f"figure is not SVG: its root is {root.tag}")
    except etree.XMLSyntaxError as exc:
        problems.append(f"figure SVG does not parse: {exc}")
    stray = [n for n in figure.numbers if n not in numbers]
    if stray:
        problems.append(f"figure labels {stray}, which the question does not have")
    said = numbers_in(spoken_numbers(figure.alt))
    unsaid = [n for n in figure.numbers if n not in said]
    if unsaid:
        problems.append(f"figure alt text leaves out {unsaid}")
    return problems


def _simplest(text: str) -> bool:
    """No unreduced fraction, no trailing decimal zero anywhere in the answer."""
    for number in numbers_in(text):
        if "/" in number:
            n, d = (abs(int(p)) for p in number.split("/"))
            if d == 1 or Fraction(n, d).denominator != d:
                return False
        elif "." in number and number.endswith("0"):
            return False
    return True


def question_part(question: str, pattern: str) -> list[str]:
    """The groups of `pattern` in the question; ValueError if the question does not match."""
    found = re.search(pattern, question)
    if not found:
        raise ValueError(f"question does not read as {pattern!r}")
    return list(found.groups())


class ExpressionFamily(Family):
    """A family whose question reads "What is <expression>?"; sympy re-evaluates it."""

    def expected(self, core: ItemCore) -> Any:
        return to_sympy(question_part(core.question, r"What is (.+?)\?")[0])
