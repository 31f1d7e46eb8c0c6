"""The backend registry, option checking, and the deterministic fake backend."""

from __future__ import annotations

import json
import math
import random
import re
from typing import Annotated, Any, Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, Field

from edugen.backends.base import GenerationRequest, Message, available, create
from edugen.backends.fake import FakeBackend, FakeOptions, instance
from edugen.errors import ConfigError, UsageError


def schema_errors(value: Any, schema: Any, root: Any = None, path: str = "$") -> list[str]:
    """Where `value` breaks `schema` (the JSON Schema subset structured output uses).

    A hand check so the tests need no jsonschema package; `assert_valid` also runs
    jsonschema when it is installed.
    """
    root = schema if root is None else root
    if schema is True or schema == {}:
        return []
    if schema is False:
        return [f"{path}: no value is allowed"]
    if "$ref" in schema:
        target = root
        for part in schema["$ref"].lstrip("#/").split("/"):
            target = target[part]
        rest = {k: v for k, v in schema.items() if k != "$ref"}
        return schema_errors(value, target, root, path) + schema_errors(value, rest, root, path)
    errors: list[str] = []
    for part in schema.get("allOf", []):
        errors += schema_errors(value, part, root, path)
    if "anyOf" in schema and all(schema_errors(value, b, root, path) for b in schema["anyOf"]):
        errors.append(f"{path}: matches no anyOf branch")
    if "oneOf" in schema:
        matching = [b for b in schema["oneOf"] if not schema_errors(value, b, root, path)]
        if len(matching) != 1:
            errors.append(f"{path}: matches {len(matching)} oneOf branches")
    if "const" in schema and value != schema["const"]:
        errors.append(f"{path}: {value!r} is not {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} not in {schema['enum']!r}")
    kinds = schema.get("type")
    if kinds is not None:
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if not any(_is_type(value, k) for k in kinds):
            return [*errors, f"{path}: {value!r} is not of type {kinds}"]
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for name in schema.get("required", []):
            if name not in value:
                errors.append(f"{path}: {name!r} is required")
        for name, item in value.items():
            if name in properties:
                errors += schema_errors(item, properties[name], root, f"{path}.{name}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{path}: {name!r} is not allowed")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            errors.append(f"{path}: fewer than minItems")
        if len(value) > schema.get("maxItems", math.inf):
            errors.append(f"{path}: more than maxItems")
        if schema.get("uniqueItems") and len({json.dumps(v, sort_keys=True) for v in value}) < len(
            value
        ):
            errors.append(f"{path}: items not unique")
        prefix = schema.get("prefixItems", [])
        for i, item in enumerate(value):
            sub = prefix[i] if i < len(prefix) else schema.get("items", {})
            errors += schema_errors(item, sub, root, f"{path}[{i}]")
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            errors.append(f"{path}: shorter than minLength")
        if len(value) > schema.get("maxLength", math.inf):
            errors.append(f"{path}: longer than maxLength")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            errors.append(f"{path}: does not match {schema['pattern']!r}")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value < schema.get("minimum", -math.inf) or value > schema.get("maximum", math.inf):
            errors.append(f"{path}: {value} out of bounds")
        if value <= schema.get("exclusiveMinimum", -math.inf):
            errors.append(f"{path}: {value} not above exclusiveMinimum")
        if value >= schema.get("exclusiveMaximum", math.inf):
            errors.append(f"{path}: {value} not below exclusiveMaximum")
        if "multipleOf" in schema:
            quotient = value / schema["multipleOf"]
            if abs(quotient - round(quotient)) > 1e-9:
                errors.append(f"{path}: {value} not a multiple of {schema['multipleOf']}")
    return errors


def _is_type(value: Any, kind: str) -> bool:
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    expected = {"string": str, "boolean": bool, "object": dict, "array": list, "null": type(None)}
    return isinstance(value, expected[kind])


def assert_valid(text: str, schema: dict[str, Any], strict: bool = True) -> Any:
    """The parsed JSON in `text`, failing the test unless it validates against `schema`.

    `strict=False` lets raw control characters (a newline) stand inside strings.
    """
    value = json.loads(text, strict=strict)
    assert schema_errors(value, schema) == [], text
    try:
        import jsonschema
    except ImportError:
        return value
    jsonschema.validate(value, schema)
    return value


class Tier(BaseModel):
    level: Literal["core", "stretch", "support"]
    weight: Annotated[float, Field(ge=0, le=1)]


class Question(BaseModel):
    prompt: Annotated[str, Field(min_length=10, max_length=40)]
    hint: str | None
    difficulty: Annotated[int, Field(ge=1, le=5)]
    steps: Annotated[list[Annotated[str, Field(max_length=12)]], Field(min_length=3)]
    tier: Tier
    tags: Annotated[list[str], Field(max_length=0)]


class Worksheet(BaseModel):
    title: Annotated[str, Field(max_length=5)]
    questions: Annotated[list[Question], Field(min_length=2, max_length=4)]


HAND_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "answer": {"type": "integer", "exclusiveMinimum": 10, "exclusiveMaximum": 13},
        "step": {"type": "number", "minimum": 0.5, "maximum": 2.5, "multipleOf": 0.25},
        "even": {"type": "integer", "minimum": 3, "maximum": 9, "multipleOf": 2},
        "choice": {"enum": ["a", "b", "c"]},
        "fixed": {"const": "v1"},
        "code": {"type": "string", "pattern": "^[a-z]+$", "maxLength": 6},
        "long": {"type": "string", "minLength": 60},
        "tiny": {"type": "string", "maxLength": 1},
        "maybe": {"type": ["null", "boolean"]},
        "pair": {"type": "array", "prefixItems": [{"type": "integer"}, {"type": "string"}]},
        "letters": {
            "type": "array",
            "items": {"enum": ["x", "y", "z"]},
            "minItems": 3,
            "uniqueItems": True,
        },
        "none": {"type": "array", "items": {"type": "string"}, "maxItems": 0},
        "when": {"type": "string", "format": "date"},
        "optional": {"type": "string"},
    },
    "required": [
        "answer",
        "step",
        "even",
        "choice",
        "fixed",
        "code",
        "long",
        "tiny",
        "maybe",
        "pair",
        "letters",
        "none",
        "when",
    ],
    "additionalProperties": False,
}


def ask(text: str = "Write a hint.", schema: dict[str, Any] | None = None, seed: int = 0):
    return GenerationRequest(
        messages=[Message(role="system", content="You help."), Message(role="user", content=text)],
        json_schema=schema,
        seed=seed,
    )


def fake(**options: Any) -> FakeBackend:
    backend = create("fake", options)
    assert isinstance(backend, FakeBackend)
    return backend


# --- registry and options ---


def test_registry_lists_the_built_in_backends() -> None:
    assert {"fake", "openai", "transformers"} <= set(available())


def test_an_unknown_backend_is_a_usage_error_naming_the_choices() -> None:
    with pytest.raises(UsageError, match=r"unknown backend 'nope'.*fake.*openai"):
        create("nope")


@pytest.mark.parametrize(
    ("name", "options", "key"),
    [
        ("fake", {"bogus": 1}, "bogus"),
        ("fake", {"mode": "poetry"}, "mode"),
        ("fake", {"fail_every": 0}, "fail_every"),
        ("openai", {"base_url": "http://127.0.0.1:1", "api_key": "sk-x"}, "api_key"),
        ("openai", {}, "base_url"),
        ("openai", {"base_url": "ftp://example.org"}, "base_url"),
        ("openai", {"base_url": "localhost:8000"}, "base_url"),
        ("openai", {"base_url": "https://user:sk-x@example.org"}, "base_url"),
        ("openai", {"base_url": "http://h", "api_key_env": "sk-live-abc!"}, "api_key_env"),
        ("openai", {"base_url": "http://h", "concurrency": 0}, "concurrency"),
    ],
)
def test_bad_options_are_a_config_error_naming_the_key(
    name: str, options: dict[str, Any], key: str
) -> None:
    with pytest.raises(ConfigError, match=rf"backend '{name}': {key}\b"):
        create(name, options)


def test_script_mode_needs_a_script() -> None:
    with pytest.raises(ConfigError, match="non-empty script"):
        create("fake", {"mode": "script"})


def test_options_are_typed_and_defaults_apply() -> None:
    backend = fake()
    assert backend.options == FakeOptions(mode="schema", script=[], fail_every=None)
    assert backend.model_name == "fake-schema"
    assert backend.generate([]) == []


# --- the fake backend ---


@pytest.mark.parametrize("model", [Worksheet, Question, Tier])
def test_schema_mode_output_validates_for_many_seeds(model: type[BaseModel]) -> None:
    schema = model.model_json_schema()
    backend = fake()
    results = backend.generate([ask(schema=schema, seed=seed) for seed in range(40)])
    for result in results:
        assert result.error is None
        assert_valid(result.text, schema)
        model.model_validate_json(result.text)
    assert len({r.text for r in results}) > 10, "the seed should change the output"


def test_schema_mode_respects_bounds_formats_and_required() -> None:
    for seed in range(60):
        (result,) = fake().generate([ask(schema=HAND_SCHEMA, seed=seed)])
        value = assert_valid(result.text, HAND_SCHEMA)
        assert value["answer"] in (11, 12)
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", value["when"])
        assert sorted(value["letters"]) == ["x", "y", "z"]
        assert "optional" not in value


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(min_value=-(2**31), max_value=2**31), text=st.text(max_size=50))
def test_schema_mode_is_valid_and_deterministic_for_any_request(seed: int, text: str) -> None:
    schema = Worksheet.model_json_schema()
    request = ask(text, schema, seed)
    first = FakeBackend(FakeOptions()).generate([request])[0]
    again = FakeBackend(FakeOptions()).generate([request, request])
    assert again[0].text == again[1].text == first.text
    Worksheet.model_validate_json(first.text)


def test_instance_follows_refs_allof_and_nullable_branches() -> None:
    schema = {
        "$defs": {"Name": {"type": "string", "maxLength": 3}},
        "type": "object",
        "properties": {
            "a": {"$ref": "#/$defs/Name"},
            "b": {"anyOf": [{"type": "null"}, {"$ref": "#/$defs/Name"}]},
            "c": {"allOf": [{"$ref": "#/$defs/Name"}, {"minLength": 2}]},
        },
        "required": ["a", "b", "c"],
    }
    value = instance(schema, random.Random(3))
    assert schema_errors(value, schema) == []
    assert isinstance(value["b"], str)


def test_a_schema_with_no_finite_instance_is_reported() -> None:
    node = {
        "type": "object",
        "properties": {"next": {"$ref": "#/$defs/Node"}},
        "required": ["next"],
    }
    schema = {"$defs": {"Node": node}, "$ref": "#/$defs/Node"}
    with pytest.raises(ValueError, match="nests too deep"):
        instance(schema, random.Random(0))


def test_the_same_request_gives_the_same_text_other_seeds_other_text() -> None:
    texts = [fake().generate([ask(seed=s)])[0].text for s in (1, 1, 2, 3, 4)]
    assert texts[0] == texts[1]
    assert len(set(texts)) >= 3


def test_garbage_mode_is_not_json_and_is_deterministic() -> None:
    backend = fake(mode="garbage")
    results = backend.generate([ask(schema=HAND_SCHEMA, seed=s) for s in range(20)])
    for result in results:
        assert result.error is None and result.text
        with pytest.raises(json.JSONDecodeError):
            json.loads(result.text)
    again = fake(mode="garbage").generate([ask(schema=HAND_SCHEMA, seed=s) for s in range(20)])
    assert [r.text for r in again] == [r.text for r in results]


def test_echo_mode_returns_the_last_user_message() -> None:
    (result,) = fake(mode="echo").generate([ask("two plus two")])
    assert result.text == "two plus two"
    assert (result.prompt_tokens, result.completion_tokens) == (5, 3)


def test_script_mode_answers_in_turn_across_calls() -> None:
    backend = fake(mode="script", script=["not json", '{"ok": true}'])
    first = backend.generate([ask(), ask()])
    second = backend.generate([ask()])
    assert [r.text for r in first + second] == ["not json", '{"ok": true}', "not json"]


def test_fail_every_fails_single_requests_not_the_batch() -> None:
    backend = fake(mode="script", script=["a", "b", "c"], fail_every=3)
    results = backend.generate([ask() for _ in range(7)])
    assert [r.error is not None for r in results] == [False, False, True, False, False, True, False]
    assert [r.text for r in results] == ["a", "b", "", "c", "a", "", "b"]
    assert results[2].finish_reason == "error" and "fake failure" in (results[2].error or "")


def test_plain_text_counts_tokens_and_stops_at_max_tokens() -> None:
    (result,) = fake().generate([ask()])
    assert result.text.endswith(".")
    assert result.completion_tokens == len(result.text.split())
    assert result.prompt_tokens == 5  # "You help." and "Write a hint."
    assert 0 < result.latency_ms < 1
    short = GenerationRequest(messages=[Message(role="user", content="hi")], max_tokens=2)
    (cut,) = fake().generate([short])
    assert cut.completion_tokens == 2 and cut.finish_reason == "length"


def test_the_built_in_model_frames_questions_plainly_unless_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Its scenes rarely survive the checks (BENCHMARKS, content quality): plain by default.
    from edugen.backends.fake import FakeBackend
    from edugen.backends.transformers_backend import TransformersBackend

    monkeypatch.delenv("EDUGEN_MODEL", raising=False)
    assert TransformersBackend().default_framing == "plain"
    assert FakeBackend().default_framing == "scene"


def test_the_built_in_model_writes_no_notes_or_reasons_unless_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from edugen.backends.fake import FakeBackend
    from edugen.backends.transformers_backend import TransformersBackend

    monkeypatch.delenv("EDUGEN_MODEL", raising=False)
    assert TransformersBackend().default_texts == "plain"
    assert FakeBackend().default_texts == "model"
