"""Independent solvers for the audit of `edugen.content.families.grade6_more`:
each works a key out again from the question text alone, sharing no code with the families."""

from __future__ import annotations

import re
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import sympy


def _n(text: str) -> Any:
    return sympy.Rational(Fraction(text))


def _find(text: str, pattern: str) -> list[str]:
    found = re.search(pattern, text)
    assert found, f"{text!r} does not read as {pattern!r}"
    return list(found.groups())


def number_line_position(text: str, n: list[Any]) -> Any:
    step, start, count, way = _find(
        text, r"every (\S+), and the mark for (\S+) is .+ is (\d+) marks ([a-z ]+?) \S+\. What"
    )
    sign = 1 if way in ("above", "to the right of") else -1
    return _n(start) + sign * int(count) * _n(step)


def plane_position(text: str, n: list[Any]) -> Any:
    moves = {"right": (1, 0), "left": (-1, 0), "up": (0, 1), "down": (0, -1)}
    moves |= {"above": (0, 1), "below": (0, -1)}
    px, py = (_n(v) for v in _find(text, r"\((\S+), (\S+)\)")) if "(" in text else (0, 0)
    for size, way in re.findall(r"(\S+) units? (?:to the )?(right|left|up|down|above|below)", text):
        dx, dy = moves[way]
        px, py = px + dx * _n(size), py + dy * _n(size)
    return sympy.Tuple(px, py)


def _amounts(text: str) -> list[Any]:
    """The signed amounts listed before the first unit word."""
    head = re.split(r" (?:degrees|meters|dollars|feet)\b", text, maxsplit=1)[0]
    return [_n(t) for t in re.findall(r"-?\d+(?:\.\d+)?(?:/\d+)?", head)]


def order_in_context(text: str, n: list[Any]) -> Any:
    word = _find(text, r"is the (\w+)\?$")[0]
    values = _amounts(text)
    high = word in ("warmest", "highest", "greatest")
    assert high or word in ("coldest", "lowest", "least"), word
    return max(values) if high else min(values)


def absolute_or_order(text: str, n: list[Any]) -> Any:
    values = _amounts(text)
    if "greatest debt" in text:
        return sorted(v for v in values if v < 0)[0]
    if "farthest from sea level" in text:
        return sorted(values, key=lambda v: -abs(v))[0]
    amount = _n(_find(text, r"more than (\S+) (?:dollars|meters)")[0])
    # a debt or depth of more than the amount: below zero, farther from zero than the amount
    hits = [v for v in values if v < 0 and abs(v) > amount]
    if text.split(". ")[-1].startswith("How many"):
        return sympy.Integer(len(hits))
    assert len(hits) == 1, text
    return hits[0]


# family name -> solver(question text, the numbers it writes) -> the expected answer
SOLVERS: dict[str, Callable[[str, list[Any]], Any]] = {
    "number_line_position": number_line_position,
    "plane_position": plane_position,
    "order_in_context": order_in_context,
    "absolute_or_order": absolute_or_order,
}
# families whose answer is right in a way `same` cannot tell (e.g. any equivalent equation):
# family name -> right(question text, value, expected) -> bool
RIGHT: dict[str, Callable[[str, Any, Any], bool]] = {}
# families whose items are about a picture: each draws one for every tier and kind
DRAWN: set[str] = {"number_line_position", "plane_position"}
