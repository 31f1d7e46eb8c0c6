"""Parse an output against its model, and walk the text fields of what parsed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, TypeVar

from annotated_types import MaxLen
from pydantic import BaseModel, ValidationError

from edugen.validators.problem import Problem

M = TypeVar("M", bound=BaseModel)

_FENCE = re.compile(r"^```(?:json)?\s*(?P<body>.*?)\s*```$", re.DOTALL)


@dataclass(frozen=True)
class TextField:
    """A string inside an output, with its path (`rationales[0].why`) and length cap."""

    path: str
    text: str
    max_length: int | None


def parse_output(
    model: type[M], raw: str, *, context: dict[str, Any] | None = None
) -> tuple[M | None, list[Problem]]:
    """`raw` parsed as JSON and validated by `model`; None and the problems if it is not."""
    text = raw.strip()
    fenced = _FENCE.match(text)
    if fenced:  # some chat models wrap JSON in a code fence even when told not to
        text = fenced["body"]
    if not text:
        return None, [Problem("schema", "the output is empty")]
    try:
        return model.model_validate_json(text, context=context), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            field = ".".join(str(p) for p in error["loc"]) or None
            problems.append(Problem("schema", error["msg"], field))
        return None, problems


def check_schema(
    model: type[BaseModel], raw: str, *, context: dict[str, Any] | None = None
) -> list[Problem]:
    return parse_output(model, raw, context=context)[1]


def text_fields(item: BaseModel, prefix: str = "") -> list[TextField]:
    """Every string in `item`, nested models and lists included."""
    found: list[TextField] = []
    for name, info in type(item).model_fields.items():
        limit = next((m.max_length for m in info.metadata if isinstance(m, MaxLen)), None)
        found += _walk(getattr(item, name), prefix + name, limit)
    return found


def _walk(value: Any, path: str, limit: int | None) -> list[TextField]:
    if isinstance(value, str):
        return [TextField(path, value, limit)]
    if isinstance(value, BaseModel):
        return text_fields(value, path + ".")
    if isinstance(value, list | tuple):
        return [f for i, v in enumerate(value) for f in _walk(v, f"{path}[{i}]", None)]
    return []


def check_lengths(item: BaseModel) -> list[Problem]:
    """No blank text, and none longer than its field allows."""
    problems = []
    for field in text_fields(item):
        if not field.text.strip():
            problems.append(Problem("length", "is blank", field.path))
        elif field.max_length is not None and len(field.text) > field.max_length:
            problems.append(
                Problem(
                    "length",
                    f"{len(field.text)} characters; at most {field.max_length}",
                    field.path,
                )
            )
    return problems
