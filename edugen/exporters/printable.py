"""Text every export can carry: characters XML 1.0 forbids never reach a file.

Importers refuse control characters now, but text stored before may hold a vertical tab or
an ESC in a name, a stem or an option, and that must not crash a class's export (lxml
refuses such text outright). So exporters replace them: the whitespace-like ones (vertical
tab, form feed, the information separators) become a space, the others are dropped, as are
U+FFFE, U+FFFF and lone surrogates. Tab, newline and carriage return are kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_AS_SPACE = frozenset("\x0b\x0c\x1c\x1d\x1e\x1f")

Model = TypeVar("Model", bound=BaseModel)


def printable(text: str) -> str:
    """The text without XML-illegal characters (a space for the whitespace-like ones)."""
    if _ILLEGAL.search(text) is None:
        return text
    return _ILLEGAL.sub(lambda m: " " if m.group() in _AS_SPACE else "", text)


def _cleaned(value: Any) -> Any:
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {_cleaned(k): _cleaned(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_cleaned(v) for v in value)
    return value


def printable_model(model: Model) -> Model:
    """The model itself when all its text is printable, else a copy with the text cleaned."""
    data = model.model_dump()
    cleaned = _cleaned(data)
    if cleaned == data:
        return model
    return type(model).model_validate(cleaned)


def printable_items(items: Sequence[Model]) -> list[Model]:
    return [printable_model(item) for item in items]
