"""What a model must answer: the output models and the JSON schema a backend decodes to.

Each output model caps every free-text field, and a template names its output model on its
first line (`{# schema: Hint #}`); `OUTPUT_MODELS` is where that name is looked up. Each
output model names the context model it answers (`Context`), from `prompts.contexts`.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from edugen.prompts.contexts import (
    ONE_LINE,
    ClassNoteContext,
    FramingContext,
    HintContext,
    ItemWritingContext,
    PlanNoteContext,
    PromptContext,
    RationaleContext,
)
from edugen.validators.scenes import openings


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
    places = "|".join(literal(o) for o in openings(theme))
    return rf"^({places}), [a-z]{_SCENE_CHAR}{{8,60}}[.!]$"


def literal(text: str) -> str:
    """`text` as a pattern that matches just it, escaping only what a regex reads as an
    operator: not `re.escape`, whose escaped spaces and hyphens (`At\\ the\\ car\\ show`)
    llama.cpp's JSON-schema grammar refuses, so the whole request failed there."""
    return re.sub(r"([\\.^$*+?{}\[\]|()])", r"\\\1", text)


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
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120, pattern=ONE_LINE)
]


class WrittenItem(OutputModel):
    """A whole multiple-choice question from the model: never verified, checked for form.

    The answer must be one of the options, the options distinct, and the solution must
    arrive at the answer it keys.
    """

    Context = ItemWritingContext
    max_tokens = 384

    stem: str = Field(min_length=10, max_length=400)
    options: list[Option] = Field(min_length=4, max_length=4)
    answer: Option
    solution: str = Field(min_length=10, max_length=400)

    @model_validator(mode="after")
    def _consistent(self) -> WrittenItem:
        normal = [_folded(o) for o in self.options]
        if len(set(normal)) != len(normal):
            raise ValueError("options must be distinct")
        answer = _folded(self.answer)
        if answer not in normal:
            raise ValueError("the answer must be one of the options")
        if answer not in _folded(self.solution):
            raise ValueError("the solution must arrive at the answer it keys")
        return self

    @property
    def keyed_option(self) -> str:
        """The option the answer keys, as the option is written."""
        return next(o for o in self.options if _folded(o) == _folded(self.answer))


def _folded(text: str) -> str:
    """Case and spacing set aside, for comparing a model's answer with its options."""
    return " ".join(text.lower().split())


class PlanNote(OutputModel):
    """A short note to the student about their week."""

    Context = PlanNoteContext
    max_tokens = 128

    summary: str = Field(min_length=40, max_length=420)

    @classmethod
    def json_schema_for(cls, context: PromptContext) -> dict[str, Any]:
        return guide(super().json_schema_for(context), ("properties", "summary"), NOTE_OPENING)


class ClassNote(OutputModel):
    """One sentence the model may add to a class's deterministic summary, on its facts."""

    Context = ClassNoteContext
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
        PlanNote,
        ClassNote,
    )
}
# The names two output models had before this release; an override's first line may still
# use them for one release.
RENAMED_OUTPUTS = {"PlanSummary": "PlanNote", "ClassReport": "ClassNote"}


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
