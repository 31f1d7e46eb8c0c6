"""Independent solvers for the audit of `edugen.content.families.grade3_number`:
each works a key out again from the question text alone, sharing no code with the families."""

from __future__ import annotations

import re
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import sympy

_NUM = r"\d+(?:/\d+)?"


def _n(text: str) -> Any:
    return sympy.Rational(Fraction(text))


def _grab(text: str, pattern: str) -> list[str]:
    found = re.search(pattern, text)
    assert found, f"{text!r} does not read as {pattern!r}"
    return list(found.groups())


def _ints(text: str) -> list[Any]:
    return [sympy.Integer(t) for t in re.findall(r"\d+", text)]


def _side(text: str) -> Any:
    """One side of an equation: numbers, ×, ÷, + and the unknown ?, read left to right with
    × and ÷ before +."""
    total = sympy.Integer(0)
    for term in text.split(" + "):
        parts = term.split()
        value = sympy.Symbol("u") if parts[0] == "?" else _n(parts[0])
        for op, arg in zip(parts[1::2], parts[2::2], strict=True):
            x = sympy.Symbol("u") if arg == "?" else _n(arg)
            value = value * x if op == "×" else value / x
        total += value
    return total


def _unknown(text: str) -> Any:
    """The ? of the equation a question ends with."""
    (equation,) = _grab(text, r"(?:true|equal)\? (.+)$")
    left, right = equation.split(" = ")
    fraction = re.compile(r"^(\?|\d+)/(\?|\d+)$")
    sides = []
    for side in (left, right):
        found = fraction.match(side)
        if found:
            top, bottom = (sympy.Symbol("u") if t == "?" else _n(t) for t in found.groups())
            sides.append(top / bottom)
        else:
            sides.append(_side(side))
    (value,) = sympy.solve(sides[0] - sides[1], sympy.Symbol("u"))
    return value


def equal_groups(text: str, n: list[Any]) -> Any:
    if "writes" in text:
        a, b = _grab(text, r"writes (\d+) × (\d+)")
    else:
        a, b = _grab(text, r"There are (\d+) .*?(?:has|had) (\d+)")
    return _n(a) * _n(b)


def equal_shares(text: str, n: list[Any]) -> Any:
    total = n[0]
    if "shared equally in" in text:
        return total / _n(_grab(text, r"equally in (\d+)")[0])
    return total / _n(_grab(text, r" of (\d+)\.")[0])


def times_story(text: str, n: list[Any]) -> Any:
    asks_size = re.search(r"How (?:long is each|many \w+ (?:go|are) in each (?:bag|row)\?)", text)
    asks_groups = "How many teams" in text
    if asks_size or asks_groups:
        return n[0] / n[1]
    return n[0] * n[1]


def divide_by_factor(text: str, n: list[Any]) -> Any:
    if "equal rows" in text:
        total, rows = _grab(text, r"(\d+) \w+ are in (\d+) equal rows")
        return _n(total) / _n(rows)
    total, by = _grab(text, r"What is (\d+) ÷ (\d+)")
    return _n(total) / _n(by)


def times_facts(text: str, n: list[Any]) -> Any:
    return _side(_grab(text, r"What is (.+)\?$")[0])


def two_step_story(text: str, n: list[Any]) -> Any:
    if "change" in text:
        count, price, paid = n
        return paid - count * price
    if "shared equally" in text:
        total, kids, used = n
        return total / kids - used
    if "Each one has" in text:
        packs, each, other = n
        return packs * each + (other if "already had" in text else -other)
    start, more, gone = n
    return start + more - gone


def number_pattern(text: str, n: list[Any]) -> Any:
    if "starts at" in text:
        start, step, which = n
        return start + step * (which - 1)
    listed = _grab(text, r"\? ([\d?, ]+)$")[0].split(", ")
    known = {i: _n(v) for i, v in enumerate(listed) if v != "?"}
    (i, a), (j, b) = list(known.items())[:2]
    step = (b - a) / (j - i)
    return a + step * (listed.index("?") - i)


def round_whole(text: str, n: list[Any]) -> Any:
    value = int(n[0])
    place = 10 if "nearest ten" in text else 100
    low = value - value % place
    return sympy.Integer(low + place if value - low >= place / 2 else low)


def add_subtract(text: str, n: list[Any]) -> Any:
    a, op, b = _grab(text, r"What is (\d+) ([+-]) (\d+)\?")
    return _n(a) + _n(b) if op == "+" else _n(a) - _n(b)


def times_tens(text: str, n: list[Any]) -> Any:
    if "=" in text:
        return _unknown(text)
    return n[0] * n[1]


def fraction_of_whole(text: str, n: list[Any]) -> Any:
    parts, shaded = (_n(v) for v in _grab(text, r"into (\d+) equal parts\. \w+ shades (\d+) part"))
    if "How many parts of size" in text:
        return shaded
    if "not shaded" in text:
        return (parts - shaded) / parts
    return shaded / parts


def unit_fraction_line(text: str, n: list[Any]) -> Any:
    if "How many of these parts" in text:
        end, size = _grab(text, r"from 0 to (\d+) into parts of size (\d+/\d+)")
        return _n(end) / _n(size)
    if "marks between" in text:
        return 1 / (_n(_grab(text, r"has (\d+) marks between")[0]) + 1)
    return 1 / _n(_grab(text, r"into (\d+) equal parts")[0])


def fraction_jumps(text: str, n: list[Any]) -> Any:
    if "How many jumps" in text:
        size, goal = _grab(text, rf"jumps of ({_NUM})\. How many jumps .* land on ({_NUM})\?")
        return _n(goal) / _n(size)
    if "makes" in text:
        count, size = _grab(text, rf"makes (\d+) jumps?\. Each jump is ({_NUM}) long")
        return _n(count) * _n(size)
    unit = 1 / _n(_grab(text, r"into (\d+) equal parts")[0])
    if "one part before" in text:
        return _n(_grab(text, r"one part before (\d+)")[0]) - unit
    return _n(_grab(text, r"is (\d+) parts? past 0")[0]) * unit


def fractions_on_line(text: str, n: list[Any]) -> Any:
    if re.search(r"jump|parts? past 0|one part before", text):
        return fraction_jumps(text, n)
    return unit_fraction_line(text, n)


def same_point(text: str, n: list[Any]) -> Any:
    top, bottom, count = (
        _n(v)
        for v in _grab(
            text,
            r"top line is cut into (\d+) .* bottom line is cut into (\d+) .* is (\d+) "
            r"parts? past",
        )
    )
    return count / top * bottom


def compare_fractions(text: str, n: list[Any]) -> Any:
    asked = text[text.index("Which fraction is") :]
    values = [_n(v) for v in re.findall(r"\d+/\d+", asked)]
    return min(values) if re.search(r"\b(less|least)\b", asked) else max(values)


def fraction_sense(text: str, n: list[Any]) -> Any:
    return compare_fractions(text, n) if "Which fraction is" in text else _unknown(text)


SOLVERS: dict[str, Callable[[str, list[Any]], Any]] = {
    "equal_groups": equal_groups,
    "equal_shares": equal_shares,
    "times_story": times_story,
    "missing_factor": lambda text, n: _unknown(text),
    "times_properties": lambda text, n: _unknown(text),
    "divide_by_factor": divide_by_factor,
    "times_facts": times_facts,
    "two_step_story": two_step_story,
    "number_pattern": number_pattern,
    "round_whole": round_whole,
    "add_subtract": add_subtract,
    "times_tens": times_tens,
    "fraction_of_whole": fraction_of_whole,
    "fractions_on_line": fractions_on_line,
    "unit_fraction_line": unit_fraction_line,
    "fraction_jumps": fraction_jumps,
    "fraction_sense": fraction_sense,
    "same_point": same_point,
    "equivalent_fraction": lambda text, n: _unknown(text),
    "whole_as_fraction": lambda text, n: _unknown(text),
    "compare_fractions": compare_fractions,
}
RIGHT: dict[str, Callable[[str, Any, Any], bool]] = {}
# families whose items are about a picture: each draws one for every tier and kind
DRAWN: set[str] = {
    "equal_groups",
    "fraction_of_whole",
    "fractions_on_line",
    "unit_fraction_line",
    "fraction_jumps",
    "same_point",
}
