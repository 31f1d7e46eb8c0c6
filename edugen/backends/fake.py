"""A deterministic, instant backend for tests: echoes, fills schemas, emits garbage or a script.

The same request (messages, schema, seed) always gets the same text. With a JSON schema,
mode "schema" returns a small instance that validates against it, so the code after the
model can be tested without one; "garbage" returns text that is not JSON at all, so the
retry and fallback paths can be.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import random
import re
import threading
from collections.abc import Sequence
from typing import Any, Literal

from pydantic import Field, model_validator

from edugen.backends.base import Backend, BackendOptions, GenerationRequest, GenerationResult

WORDS = (
    "apple river seven garden quiet number puzzle bright window shadow"
    " ladder pencil orbit maple signal circle harbor velvet tiger lantern"
).split()

# Schemas nest, but an instance deeper than this means a recursive schema with a
# required self-reference: no finite instance exists.
MAX_DEPTH = 32


class FakeOptions(BackendOptions):
    mode: Literal["echo", "schema", "garbage", "script"] = "schema"
    script: list[str] = Field(default_factory=list)
    fail_every: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _script_given(self) -> FakeOptions:
        if self.mode == "script" and not self.script:
            raise ValueError("mode 'script' needs a non-empty script")
        return self


class FakeBackend(Backend):
    """Answers at once and the same way every time; never loads a model."""

    name = "fake"
    Options = FakeOptions
    options: FakeOptions

    def __init__(self, options: BackendOptions | None = None):
        super().__init__(options)
        # Script position and failure count run across calls, like a server's log would.
        self._lock = threading.Lock()
        self._served = 0
        self._script_pos = 0

    @property
    def model_name(self) -> str:
        return f"fake-{self.options.mode}"

    def generate(self, requests: Sequence[GenerationRequest]) -> list[GenerationResult]:
        return [self._one(request) for request in requests]

    def _one(self, request: GenerationRequest) -> GenerationResult:
        with self._lock:
            self._served += 1
            failing = self.options.fail_every is not None and (
                self._served % self.options.fail_every == 0
            )
            scripted = ""
            if self.options.mode == "script" and not failing:
                scripted = self.options.script[self._script_pos % len(self.options.script)]
                self._script_pos += 1
        prompt_tokens = sum(len(m.content.split()) for m in request.messages)
        if failing:
            return GenerationResult(
                prompt_tokens=prompt_tokens,
                finish_reason="error",
                error=f"fake failure (every {self.options.fail_every}th request fails)",
            )
        rng = random.Random(_digest(request))
        finish_reason = "stop"
        mode = self.options.mode
        if mode == "script":
            text = scripted
        elif mode == "echo":
            users = [m.content for m in request.messages if m.role == "user"]
            text = users[-1] if users else ""
        elif mode == "garbage":
            text = garbage(rng)
        elif request.json_schema is not None:
            text = json.dumps(instance(request.json_schema, rng), ensure_ascii=False)
        else:
            words = [rng.choice(WORDS) for _ in range(rng.randint(5, 12))]
            if len(words) > request.max_tokens:
                words, finish_reason = words[: request.max_tokens], "length"
            text = " ".join(words).capitalize() + "."
        completion_tokens = len(text.split())
        return GenerationResult(
            text=text,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            latency_ms=0.01 * (1 + completion_tokens),
            finish_reason=finish_reason,
        )


def _digest(request: GenerationRequest) -> int:
    """A seed for the request's random choices: the same request always gives the same one."""
    payload = request.model_dump_json(include={"messages", "json_schema", "seed"})
    return int.from_bytes(hashlib.sha256(payload.encode()).digest()[:8], "big")


def garbage(rng: random.Random) -> str:
    """Chatty, truncated not-quite-JSON, the way a small unconstrained model fails."""
    word = rng.choice(WORDS)
    return f'Sure! Here is the {word} you asked for: {{"{word}": [{rng.randint(1, 9)}, '


def instance(schema: dict[str, Any], rng: random.Random) -> Any:
    """A small value that validates against `schema`, chosen by `rng`.

    Covers what structured-output schemas use: type (or a list of types), const, enum,
    properties/required, items/prefixItems with minItems/maxItems/uniqueItems, string
    minLength/maxLength/format, number bounds and multipleOf, $ref into $defs or
    definitions, anyOf/oneOf (first non-null branch) and allOf. `pattern` is best effort.
    """
    return _Builder(schema, rng).build(schema, 0)


class _Builder:
    def __init__(self, root: dict[str, Any], rng: random.Random):
        self.root = root
        self.rng = rng

    def build(self, schema: dict[str, Any] | bool, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise ValueError("schema nests too deep (a required field refers to itself?)")
        if schema is True or schema is False or not schema:
            return None if schema is False else {}
        schema = self._resolve(schema)
        if "const" in schema:
            return schema["const"]
        if "enum" in schema:
            return self.rng.choice(schema["enum"])
        for key in ("anyOf", "oneOf"):
            if key in schema:
                branches = schema[key]
                chosen = next((b for b in branches if not _is_null(b)), branches[0])
                return self.build(chosen, depth + 1)
        kind = schema.get("type")
        if isinstance(kind, list):
            kind = next((k for k in kind if k != "null"), "null")
        if kind is None:
            kind = _infer_type(schema)
        if kind == "object":
            return self._object(schema, depth)
        if kind == "array":
            return self._array(schema, depth)
        if kind == "string":
            return self._string(schema)
        if kind == "integer":
            return self._integer(schema)
        if kind == "number":
            return self._number(schema)
        if kind == "boolean":
            return self.rng.random() < 0.5
        return None

    def _resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        """Follow $ref and fold allOf, keeping sibling keywords."""
        seen: set[str] = set()
        while "$ref" in schema:
            ref = schema["$ref"]
            if ref in seen or not ref.startswith("#"):
                raise ValueError(f"cannot resolve $ref {ref!r}")
            seen.add(ref)
            target: Any = self.root
            for part in ref.lstrip("#/").split("/") if ref != "#" else []:
                target = target[part.replace("~1", "/").replace("~0", "~")]
            schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
        if "allOf" in schema:
            merged = {k: v for k, v in schema.items() if k != "allOf"}
            for part in schema["allOf"]:
                part = self._resolve(part)
                for key, value in part.items():
                    if key == "properties":
                        merged["properties"] = {**merged.get("properties", {}), **value}
                    elif key == "required":
                        merged["required"] = [*merged.get("required", []), *value]
                    else:
                        merged.setdefault(key, value)
            schema = merged
        return schema

    def _object(self, schema: dict[str, Any], depth: int) -> dict[str, Any]:
        properties = schema.get("properties", {})
        out: dict[str, Any] = {}
        for name in schema.get("required", []):
            out[name] = self.build(properties.get(name, {}), depth + 1)
        return out

    def _array(self, schema: dict[str, Any], depth: int) -> list[Any]:
        prefix = schema.get("prefixItems", [])
        low = schema.get("minItems", 0)
        high = schema.get("maxItems", max(low, 1))
        # One item even when none are required shows the item's shape, unless nesting is deep.
        count = min(max(low, len(prefix), 1 if depth < 4 else 0), high)
        items = schema.get("items", {})
        out: list[Any] = []
        for i in range(count):
            item_schema = prefix[i] if i < len(prefix) else items
            value = self.build(item_schema, depth + 1)
            if schema.get("uniqueItems"):
                value = self._unique(item_schema, value, out, depth)
            out.append(value)
        return out

    def _unique(self, schema: dict[str, Any], value: Any, taken: list[Any], depth: int) -> Any:
        resolved = self._resolve(schema) if isinstance(schema, dict) else {}
        for candidate in resolved.get("enum", []):
            if candidate not in taken:
                return candidate
        for _ in range(50):
            if value not in taken:
                return value
            value = self.build(schema, depth + 1)
        raise ValueError("cannot find enough distinct items for uniqueItems")

    def _string(self, schema: dict[str, Any]) -> str:
        fmt = schema.get("format")
        rng = self.rng
        if fmt == "date":
            text = f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        elif fmt == "date-time":
            text = f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T08:00:00Z"
        elif fmt == "time":
            text = f"{rng.randint(8, 17):02d}:00:00"
        elif fmt == "email":
            text = f"{rng.choice(WORDS)}@example.org"
        elif fmt in ("uri", "url"):
            text = f"https://example.org/{rng.choice(WORDS)}"
        elif fmt == "uuid":
            text = f"{rng.getrandbits(32):08x}-0000-4000-8000-{rng.getrandbits(48):012x}"
        else:
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 3)))
        low = schema.get("minLength", 0)
        high = schema.get("maxLength")
        while len(text) < low:
            text += " " + rng.choice(WORDS)
        if high is not None and len(text) > high:
            text = text[:high].rstrip()
        if len(text) < low:
            text = text.ljust(low, "x")
        pattern = schema.get("pattern")
        if pattern and not re.search(pattern, text):
            for candidate in (text.replace(" ", ""), "a", "A", "0", "a0", "x" * max(low, 1), ""):
                if re.search(pattern, candidate):
                    return candidate
            # A pattern of its own shape (a template's grammar): a string drawn from it.
            drawn = sample_pattern(pattern, rng)
            if drawn is not None:
                return drawn
        return text

    def _bounds(self, schema: dict[str, Any], step: float) -> tuple[float, float]:
        low = schema.get("minimum", -math.inf)
        high = schema.get("maximum", math.inf)
        if "exclusiveMinimum" in schema:
            low = max(low, schema["exclusiveMinimum"] + step)
        if "exclusiveMaximum" in schema:
            high = min(high, schema["exclusiveMaximum"] - step)
        if math.isinf(low) and math.isinf(high):
            low, high = 0, 100
        elif math.isinf(low):
            low = high - 100
        elif math.isinf(high):
            high = low + 100
        return low, high

    def _integer(self, schema: dict[str, Any]) -> int:
        low, high = self._bounds(schema, 1)
        lo, hi = math.ceil(low), math.floor(high)
        multiple = schema.get("multipleOf")
        if isinstance(multiple, int) and multiple > 0:
            first, last = math.ceil(lo / multiple), math.floor(hi / multiple)
            if first <= last:
                return self.rng.randint(first, last) * multiple
        return self.rng.randint(lo, hi) if lo <= hi else lo

    def _number(self, schema: dict[str, Any]) -> float:
        low, high = self._bounds(schema, 1e-6)
        multiple = schema.get("multipleOf")
        if multiple:
            first, last = math.ceil(low / multiple), math.floor(high / multiple)
            if first <= last:
                places = max(0, -math.floor(math.log10(multiple))) + 1
                return round(self.rng.randint(first, last) * multiple, places)
        value = round(low + (high - low) * self.rng.uniform(0.1, 0.9), 2)
        return value if low <= value <= high else (low + high) / 2


def _is_null(schema: Any) -> bool:
    return isinstance(schema, dict) and schema.get("type") == "null"


def _infer_type(schema: dict[str, Any]) -> str | None:
    if "properties" in schema or "required" in schema:
        return "object"
    if "items" in schema or "prefixItems" in schema:
        return "array"
    if "minLength" in schema or "maxLength" in schema or "pattern" in schema:
        return "string"
    if "minimum" in schema or "maximum" in schema:
        return "number"
    return None


_FILL = "abcdefghijklmnopqrstuvwxyz"


@functools.lru_cache(maxsize=256)
def _parsed_pattern(pattern: str) -> Any:
    from re import _parser  # type: ignore[attr-defined]

    return _parser.parse(pattern)


@functools.lru_cache(maxsize=1024)
def _class_pool(items: tuple[tuple[Any, Any], ...]) -> tuple[str, ...] | None:
    """The characters a character class [...] may write (a few for a negated one), sorted;
    None for a class this sampler does not read. Cached: a pattern's classes recur in every
    repeat of every draw."""
    from re import _constants as c  # type: ignore[attr-defined]

    negate = bool(items) and items[0][0] is c.NEGATE
    allowed: set[str] = set()
    for op, av in items[1:] if negate else items:
        if op is c.LITERAL:
            allowed.add(chr(av))
        elif op is c.RANGE:
            allowed.update(chr(x) for x in range(av[0], min(av[1], av[0] + 200) + 1))
        elif op is c.CATEGORY:
            allowed.update({c.CATEGORY_DIGIT: "5", c.CATEGORY_SPACE: " "}.get(av, "a"))
        else:
            return None
    if negate:
        return tuple(ch for ch in _FILL + " " if ch not in allowed)
    return tuple(sorted(allowed))


def sample_pattern(pattern: str, rng: random.Random) -> str | None:
    """A string matching a simple regular expression (literals, classes, groups,
    alternations, repeats), as a constrained decoder would write one; None if the pattern
    uses something else or the drawn string does not match."""
    from re import _constants as c  # type: ignore[attr-defined]

    def one_of(items: list[tuple[Any, Any]]) -> str | None:
        pool = _class_pool(
            tuple((op, tuple(av) if isinstance(av, list) else av) for op, av in items)
        )
        return rng.choice(pool) if pool else None

    def walk(parsed: Any) -> str | None:
        out = []
        for op, av in parsed:
            if op is c.LITERAL:
                part: str | None = chr(av)
            elif op is c.NOT_LITERAL:
                part = "a" if chr(av) != "a" else "b"
            elif op is c.ANY:
                part = "a"
            elif op is c.IN:
                part = one_of(av)
            elif op is c.BRANCH:
                part = walk(rng.choice(av[1]))
            elif op is c.SUBPATTERN:
                part = walk(av[-1])
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
                low, high, sub = av
                high = low + 12 if high is c.MAXREPEAT else high
                parts = [walk(sub) for _ in range(rng.randint(low, max(low, min(high, low + 24))))]
                part = None if None in parts else "".join(p for p in parts if p is not None)
            elif op is c.AT:
                part = ""
            else:
                return None
            if part is None:
                return None
            out.append(part)
        return "".join(out)

    try:
        drawn = walk(_parsed_pattern(pattern))
    except (re.error, RecursionError, TypeError, ValueError):
        return None
    return drawn if drawn is not None and re.search(pattern, drawn) else None
