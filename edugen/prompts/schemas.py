"""What a prompt may carry (context models) and what the model must answer (output models).

Context models forbid unknown fields, so a student's name or roster id cannot reach a
template: they only have room for a pseudonym and the profile fields a prompt needs. Each
output model caps every free-text field, and a template names its output model on its
first line (`{# schema: Hint #}`); `OUTPUT_MODELS` is where that name is looked up.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from edugen.validators.scenes import openings

# One line of plain text: no newlines or other control characters, so nothing a teacher or
# student typed can fake a new instruction line in a prompt.
_LINE = r"^[^\x00-\x1f\x7f]*$"
# Several lines (a question's text): newlines and tabs, no other control characters.
_TEXT = r"^[^\x00-\x08\x0b-\x1f\x7f]*$"

Line = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200, pattern=_LINE)
]
Short = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40, pattern=_LINE)
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


class PlanSummaryContext(PromptContext):
    """A student's week as the planner built it, with the planner's one-line reasons."""

    student: StudentContext
    week: Short
    minutes_per_day: int = Field(ge=1, le=240)
    items: list[PlanItem] = Field(min_length=1, max_length=20)
    changes: list[Line] = Field(default_factory=list, max_length=10)
    # The weekdays with work ("Monday"); empty when the caller did not give the plan.
    days: list[Short] = Field(default_factory=list, max_length=7)

    @classmethod
    def example(cls) -> PlanSummaryContext:
        return cls(
            student=StudentContext.example(),
            week="2025-W14",
            minutes_per_day=20,
            items=[
                PlanItem(topic="Unit rates", kind="new", reason="ratios are mastered"),
                PlanItem(topic="Ratios", kind="review", reason="due for review"),
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


class ClassSummaryContext(PromptContext):
    """A class's week for its teacher: topics and how many work on each, who is stuck."""

    class_label: Line
    grade: Short | None = None
    student_count: int = Field(ge=0)
    week: Short
    topics: list[ClassTopicContext] = Field(default_factory=list, max_length=40)
    stuck: list[StuckStudentContext] = Field(default_factory=list, max_length=50)

    @classmethod
    def example(cls) -> ClassSummaryContext:
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


class OutputModel(BaseModel):
    """Base of every output: strict JSON types, no extra keys, every free text capped."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    # The context this output answers; render() refuses any other.
    Context: ClassVar[type[PromptContext]]
    # Room for the JSON around the capped text, in tokens.
    max_tokens: ClassVar[int] = 256
    # Sampling temperature; None: the backend request's default.
    temperature: ClassVar[float | None] = None

    @classmethod
    def json_schema_for(cls, context: PromptContext) -> dict[str, Any]:
        """The JSON schema a backend constrains the output to, for this request."""
        return inline_schema(cls.model_json_schema())

    @classmethod
    def validation_context(cls, context: PromptContext) -> dict[str, Any]:
        """What validating an output for this request needs beyond the model itself."""
        return {}

    @classmethod
    def max_tokens_for(cls, context: PromptContext) -> int:
        return cls.max_tokens


class QuestionFraming(OutputModel):
    """The verified question retold for the student; the same numbers, no answer."""

    Context = FramingContext
    max_tokens = 192

    framing: str = Field(min_length=1, max_length=400)


# One sentence: a capital first, a full stop last; no digits, number glyphs (½ ²), question
# marks, quotes or backslashes. Its length sits in the pattern because constrained decoders
# drop maxLength beside a pattern.
_SCENE_CHAR = r"[^0-9?\n\"\\\u00b2\u00b3\u00b9\u00bc-\u00be\u2070-\u215e]"
SCENE = rf"^[A-Z]{_SCENE_CHAR}{{10,100}}[.!]$"


class QuestionScene(OutputModel):
    """One sentence that sets the verified question in the student's world; no digits.

    The question itself follows the scene word for word, so its numbers cannot change.
    """

    Context = FramingContext
    # Every token of a batch costs the whole batch a step: budget just what 80 characters
    # and the JSON around them take.
    max_tokens = 36
    # Cooler than the default: a tiny model wanders off into long, hard sentences.
    temperature = 0.5

    scene: str = Field(pattern=SCENE)

    @classmethod
    def json_schema_for(cls, context: PromptContext) -> dict[str, Any]:
        """The scene must open at the student's interest ("At the chess club, …"): the
        decoder is held to it, so a tiny model cannot wander off the student's world."""
        assert isinstance(context, FramingContext)
        schema = super().json_schema_for(context)
        pattern = scene_pattern(context)
        if pattern:
            schema["properties"]["scene"]["pattern"] = pattern
        return schema

    @classmethod
    def validation_context(cls, context: PromptContext) -> dict[str, Any]:
        assert isinstance(context, FramingContext)
        return {"scene_pattern": scene_pattern(context)}

    @field_validator("scene")
    @classmethod
    def _opens_at_the_interest(cls, value: str, info: ValidationInfo) -> str:
        # Decoders differ in how much regex they follow; the pattern is checked here too.
        pattern = (info.context or {}).get("scene_pattern")
        if pattern and not re.fullmatch(pattern, value):
            raise ValueError("does not open at the student's interest")
        return value


def scene_pattern(context: FramingContext) -> str:
    """ "At the car show, …": the openings a scene for this context may take, one of the
    places of its interest (validators.scenes.SETTINGS), so it reads with the interest as
    written ("At the cars," cannot come out)."""
    theme = scene_theme(context)
    if not theme:
        return ""
    # Alternation, not an optional group: xgrammar 0.2 reads "(x)?" too loosely.
    places = "|".join(re.escape(o) for o in openings(theme))
    return rf"^({places}), [a-z]{_SCENE_CHAR}{{8,60}}[.!]$"


def scene_theme(context: FramingContext) -> str:
    """The interest a scene is about, as written ("" if none)."""
    raw = context.interest or (context.student.interests[0] if context.student.interests else "")
    return " ".join(raw.split())


# Openings the decoder is held to for the built-in texts: a tiny model writes a usable
# sentence when its first words are given. Each pattern bounds its own length.
_PLAIN = r"[^\n\"\\#*_|<>`~{}]"
# No "Think about": it led a tiny model into "Think about what … means" for every question.
HINT_OPENING = rf"^(First|Start by|Begin by|Look at) [a-z]{_PLAIN}{{10,120}}[.!]$"
WHY_OPENING = (
    r"^This (video|lesson|page|game|tool|worksheet|article|activity|resource) "
    rf"(helps you|shows you|lets you|gives you) [a-z]{_PLAIN}{{10,110}}[.!]$"
)
NOTE_OPENING = rf"^This week you [a-z]{_PLAIN}{{30,300}}[.!]$"


def guide(schema: dict[str, Any], path: tuple[str, ...], pattern: str) -> dict[str, Any]:
    """`schema` with the string at `path` held to `pattern` (length caps go: constrained
    decoders drop them beside a pattern, so the pattern carries its own bounds)."""
    node = schema
    for key in path:
        node = node[key]
    node["pattern"] = pattern
    node.pop("maxLength", None)
    node.pop("minLength", None)
    return schema


class Hint(OutputModel):
    Context = HintContext
    max_tokens = 56

    hint: str = Field(min_length=12, max_length=150)

    @classmethod
    def json_schema_for(cls, context: PromptContext) -> dict[str, Any]:
        return guide(super().json_schema_for(context), ("properties", "hint"), HINT_OPENING)


class Rationale(OutputModel):
    resource_id: int
    why: str = Field(min_length=20, max_length=160)

    @field_validator("resource_id")
    @classmethod
    def _a_candidate(cls, value: int, info: ValidationInfo) -> int:
        ids = (info.context or {}).get("resource_ids")
        if ids is not None and value not in ids:
            raise ValueError(f"{value} is not one of the candidate resources {sorted(ids)}")
        return value


class ResourceRationales(OutputModel):
    Context = RationaleContext

    rationales: list[Rationale] = Field(min_length=1, max_length=10)

    @model_validator(mode="after")
    def _each_once(self) -> ResourceRationales:
        ids = [r.resource_id for r in self.rationales]
        if len(ids) != len(set(ids)):
            raise ValueError("a resource is explained more than once")
        return self

    @classmethod
    def json_schema_for(cls, context: PromptContext) -> dict[str, Any]:
        assert isinstance(context, RationaleContext)
        schema = super().json_schema_for(context)
        ids = [r.id for r in context.resources]
        rationales = schema["properties"]["rationales"]
        rationales["maxItems"] = len(ids)
        rationales["items"]["properties"]["resource_id"]["enum"] = ids
        return guide(
            schema, ("properties", "rationales", "items", "properties", "why"), WHY_OPENING
        )

    @classmethod
    def validation_context(cls, context: PromptContext) -> dict[str, Any]:
        assert isinstance(context, RationaleContext)
        return {"resource_ids": [r.id for r in context.resources]}

    @classmethod
    def max_tokens_for(cls, context: PromptContext) -> int:
        assert isinstance(context, RationaleContext)
        return 24 + 56 * len(context.resources)


Option = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120, pattern=_LINE)
]


class WrittenItem(OutputModel):
    """A whole multiple-choice question from the model: never verified, checked for form.

    The answer must be one of the options, the options distinct, and the explanation must
    arrive at the answer it keys.
    """

    Context = ItemWritingContext
    max_tokens = 384

    stem: str = Field(min_length=10, max_length=400)
    options: list[Option] = Field(min_length=4, max_length=4)
    answer: Option
    explanation: str = Field(min_length=10, max_length=400)

    @model_validator(mode="after")
    def _consistent(self) -> WrittenItem:
        normal = [_folded(o) for o in self.options]
        if len(set(normal)) != len(normal):
            raise ValueError("options must be distinct")
        answer = _folded(self.answer)
        if answer not in normal:
            raise ValueError("the answer must be one of the options")
        if answer not in _folded(self.explanation):
            raise ValueError("the explanation must arrive at the answer it keys")
        return self

    @property
    def keyed_option(self) -> str:
        """The option the answer keys, as the option is written."""
        return next(o for o in self.options if _folded(o) == _folded(self.answer))


def _folded(text: str) -> str:
    """Case and spacing set aside, for comparing a model's answer with its options."""
    return " ".join(text.lower().split())


class PlanSummary(OutputModel):
    """A short note to the student about their week."""

    Context = PlanSummaryContext
    max_tokens = 128

    summary: str = Field(min_length=40, max_length=420)

    @classmethod
    def json_schema_for(cls, context: PromptContext) -> dict[str, Any]:
        return guide(super().json_schema_for(context), ("properties", "summary"), NOTE_OPENING)


class ClassReport(OutputModel):
    """One sentence the model may add to a class's deterministic summary, on its facts."""

    Context = ClassSummaryContext
    max_tokens = 96

    sentence: str = Field(min_length=20, max_length=240)


OUTPUT_MODELS: dict[str, type[OutputModel]] = {
    model.__name__: model
    for model in (
        WrittenItem,
        QuestionFraming,
        QuestionScene,
        Hint,
        ResourceRationales,
        PlanSummary,
        ClassReport,
    )
}


def inline_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """`schema` with every `$ref` replaced by its definition; titles and descriptions dropped.

    Grammar-constrained decoders differ in how much of JSON Schema they follow; a flat schema
    without references is the part they all read.
    """
    defs = schema.get("$defs", {})

    def resolve(node: Any, *, names: bool = False) -> Any:
        if isinstance(node, list):
            return [resolve(v) for v in node]
        if not isinstance(node, dict):
            return node
        if names:  # a "properties" mapping: its keys are field names, keep them all
            return {k: resolve(v) for k, v in node.items()}
        if "$ref" in node:
            return resolve(defs[node["$ref"].rsplit("/", 1)[-1]])
        return {
            k: resolve(v, names=k == "properties")
            for k, v in node.items()
            if k not in ("$defs", "title", "description")
        }

    resolved: dict[str, Any] = resolve(schema)
    return resolved


class LogEntry(BaseModel):
    """One request as the prompt log keeps it: what was sent, to what, and what came back."""

    template: str
    template_hash: str
    backend: str
    model: str
    options: dict[str, Any] = Field(default_factory=dict)
    seed: int | None = None
    prompt: str
    output: str | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    latency_ms: float | None = None
    outcome: Literal["accepted", "invalid", "error"]


class LogRecord(LogEntry):
    """A stored prompt log entry."""

    id: int
    run_id: int | None = None
    created_at: datetime
