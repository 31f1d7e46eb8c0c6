"""The verified mathematical core of a practice item, before any framing is written."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from edugen.schemas import Figure, ItemKindName

# The kinds of item: chosen from options, a typed number, point or expression, or explained.
Kind = ItemKindName


class Distractor(BaseModel):
    """A wrong answer and the named misconception that leads to it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    value: str
    misconception: str = Field(min_length=3)


class ItemCore(BaseModel):
    """Question, answer key, distractors and worked solution, all from a verified family.

    `question` is plain and context-free; `numbers` lists every number in it as written.
    `answer` is canonical (reduced fractions, never mixed numbers; decimals without
    trailing zeros) and `answer_value` is its sympy `srepr`, for re-checking. `figure`, if
    any, is drawn from the same numbers and labels only numbers the question has.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    family: str
    topic: str
    tier: int = Field(ge=1, le=5)
    seed: int
    kind: Kind
    question: str = Field(min_length=1)
    numbers: list[str]
    answer: str = Field(min_length=1)
    answer_value: str
    options: list[str] | None = None
    distractors: list[Distractor]
    solution: list[str] = Field(min_length=1)
    tolerance: float | None = None
    rubric: str | None = None
    context_hint: str
    figure: Figure | None = None

    @model_validator(mode="after")
    def _fits_kind(self) -> ItemCore:
        wrong = [d.value for d in self.distractors]
        if self.answer in wrong or len(set(wrong)) != len(wrong):
            raise ValueError("distractors must differ from the answer and from each other")
        if self.kind == "multiple_choice":
            if self.options is None or sorted(self.options) != sorted([self.answer, *wrong]):
                raise ValueError("multiple choice options are the answer and the distractors")
        elif self.options is not None:
            raise ValueError(f"a {self.kind} item has no options")
        if (self.kind == "numeric") != (self.tolerance is not None):
            raise ValueError("numeric items, and only they, carry a tolerance")
        if (self.kind == "short_answer") != bool(self.rubric):
            raise ValueError("short-answer items, and only they, carry a rubric")
        return self
