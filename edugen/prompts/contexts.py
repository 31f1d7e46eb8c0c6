"""What a prompt may carry: the context models and the field types they are built from.

Context models forbid unknown fields, so a student's name or roster id cannot reach a
template: they only have room for a pseudonym and the profile fields a prompt needs. Every
text field is one capped line of plain text (or a capped text for a question), so nothing a
teacher or student typed can fake an instruction line.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
)

# One line of plain text: no newlines or other control characters, so nothing a teacher or
# student typed can fake a new instruction line in a prompt.
ONE_LINE = r"^[^\x00-\x1f\x7f]*$"
# Several lines (a question's text): newlines and tabs, no other control characters.
_TEXT = r"^[^\x00-\x08\x0b-\x1f\x7f]*$"

Line = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200, pattern=ONE_LINE)
]
Short = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40, pattern=ONE_LINE)
]
Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000, pattern=_TEXT)
]
# The roster's opaque pseudonyms ("S-" and lowercase letters and digits); a name does not fit.
Pseudonym = Annotated[str, StringConstraints(pattern=r"^S-[0-9a-z]{4,16}$")]
FLAG = r"^[a-z][a-z_]{0,31}$"
Flag = Annotated[str, StringConstraints(pattern=FLAG)]
# A number as the verified core writes it: 12, -3, 2.5, 3,000, 3/4, 1 1/2.
NumberText = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=24, pattern=r"^-?\d[\d,./ ]*$")
]


class PromptContext(BaseModel):
    """Base of every context: unknown fields are an error, so nothing extra slips in."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @classmethod
    def example(cls) -> PromptContext:
        """A made-up context that renders (for previews and tests)."""
        raise NotImplementedError


class StudentContext(PromptContext):
    """A student as prompts see them: a pseudonym and profile fields, never a name or id."""

    pseudonym: Pseudonym
    grade: Short | None = None
    reading_level: float | None = Field(default=None, ge=0, le=16)
    interests: list[Short] = Field(default_factory=list, max_length=20)
    accommodations: list[Flag] = Field(default_factory=list, max_length=10)

    @classmethod
    def example(cls) -> StudentContext:
        return cls(
            pseudonym="S-7k2m9qxa",
            grade="6",
            reading_level=5.5,
            interests=["soccer", "drawing"],
            accommodations=["simplified_language"],
        )


class FramingContext(PromptContext):
    """A verified question to retell around the student's interest, keeping its numbers."""

    student: StudentContext
    topic: Line
    question: Text
    numbers: list[NumberText] = Field(default_factory=list, max_length=20)
    interest: Short | None = None
    # What kind of real-world situation fits the question (the item family says).
    setting: Line | None = None
    # Where a scene opens ("At the car show"): the interest's place (validators.scenes).
    place: Line | None = None

    @classmethod
    def example(cls) -> FramingContext:
        return cls(
            student=StudentContext.example(),
            topic="Unit rates",
            question="A car travels 150 miles in 3 hours. How many miles does it travel per hour?",
            numbers=["150", "3"],
            interest="soccer",
        )


class HintContext(PromptContext):
    """A verified question the student is working on; the hint must not give the answer."""

    student: StudentContext
    topic: Line
    question: Text

    @classmethod
    def example(cls) -> HintContext:
        return cls(
            student=StudentContext.example(),
            topic="Unit rates",
            question="A car travels 150 miles in 3 hours. How many miles does it travel per hour?",
        )


class ResourceCandidate(PromptContext):
    """One resource with its own recorded facts: a rationale may say nothing else."""

    id: int = Field(ge=1)
    title: Line
    type: Short
    description: Line | None = None
    # The title of the topic it was chosen for, and the site it is on ("khanacademy.org").
    topic: Line | None = None
    source: Short | None = None


class RationaleContext(PromptContext):
    """Catalog resources the planner chose; the model says why each suits the student."""

    student: StudentContext
    topic: Line
    resources: list[ResourceCandidate] = Field(min_length=1, max_length=10)

    @classmethod
    def example(cls) -> RationaleContext:
        return cls(
            student=StudentContext.example(),
            topic="Unit rates",
            resources=[
                ResourceCandidate(
                    id=12,
                    title="Unit rates with tables",
                    type="video",
                    topic="Unit rates",
                    source="khanacademy.org",
                ),
                ResourceCandidate(
                    id=31,
                    title="Rate problems practice",
                    type="exercise",
                    description="Ten short word problems with instant feedback.",
                    topic="Unit rates",
                ),
            ],
        )


class PlanItem(PromptContext):
    topic: Line
    kind: Short
    reason: Line


class PlanNoteContext(PromptContext):
    """A student's week as the planner built it, with the planner's one-line reasons."""

    student: StudentContext
    week: Short
    minutes_per_day: int = Field(ge=1, le=240)
    items: list[PlanItem] = Field(min_length=1, max_length=20)
    changes: list[Line] = Field(default_factory=list, max_length=10)
    # The weekdays with work ("Monday"); empty when the caller did not give the plan.
    days: list[Short] = Field(default_factory=list, max_length=7)

    @classmethod
    def example(cls) -> PlanNoteContext:
        return cls(
            student=StudentContext.example(),
            week="2025-W14",
            minutes_per_day=20,
            items=[
                PlanItem(topic="Unit rates", kind="new", reason="ratios are mastered"),
                PlanItem(topic="Ratios", kind="spaced review", reason="due for spaced review"),
            ],
            changes=["Moved on from ratios to unit rates."],
        )


class ClassTopicContext(PromptContext):
    topic: Line
    students: int = Field(ge=0)


class StuckStudentContext(PromptContext):
    pseudonym: Pseudonym
    topic: Line
    prerequisite: Line | None = None


class ClassNoteContext(PromptContext):
    """A class's week for its teacher: topics and how many work on each, who is stuck."""

    class_label: Line
    grade: Short | None = None
    student_count: int = Field(ge=0)
    week: Short
    topics: list[ClassTopicContext] = Field(default_factory=list, max_length=40)
    stuck: list[StuckStudentContext] = Field(default_factory=list, max_length=50)

    @classmethod
    def example(cls) -> ClassNoteContext:
        return cls(
            class_label="Math 6A",
            grade="6",
            student_count=24,
            week="2025-W14",
            topics=[
                ClassTopicContext(topic="Unit rates", students=14),
                ClassTopicContext(topic="Ratios", students=10),
            ],
            stuck=[
                StuckStudentContext(
                    pseudonym="S-3hq8w2pz", topic="Unit rates", prerequisite="Ratios"
                )
            ],
        )


class ItemWritingContext(PromptContext):
    """A topic no verified family or bank item covers; a larger model writes a question."""

    student: StudentContext
    topic: Line
    tier: int = Field(ge=1, le=5)
    interest: Short | None = None

    @classmethod
    def example(cls) -> ItemWritingContext:
        return cls(
            student=StudentContext.example(),
            topic="Spotting statistical questions",
            tier=2,
            interest="soccer",
        )
