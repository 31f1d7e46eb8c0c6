"""Independent solvers for the audit of `edugen.content.families.grade7_number`:
each works a key out again from the question text alone, sharing no code with the families."""

from __future__ import annotations

import re
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import sympy
from sympy.parsing.sympy_parser import parse_expr, standard_transformations

_NUM = re.compile(r"-?\d+(?:\.\d+)?(?:/\d+)?")
# the signs of the verbs a story tells a change with, as a reader takes them
_UP = ("gains", "deposits", "climbs", "rises", "goes up", "wins")
_DOWN = ("loses", "withdraws", "descends", "falls", "goes down", "slides down", "sinks")


def _n(text: str) -> Any:
    return sympy.Rational(Fraction(text))


def _value(text: str) -> Any:
    """-4 + 9 - (-6), (-2)^3 × 5/4, 7/(-3), -(7/3): every number exact."""
    text = _NUM.sub(lambda m: f"Rational('{m.group()}')", text)
    for old, new in (("×", "*"), ("÷", "/"), ("^", "**")):
        text = text.replace(old, new)
    return parse_expr(text, transformations=standard_transformations)


def _grab(text: str, pattern: str) -> list[str]:
    found = re.search(pattern, text)
    assert found, f"{text!r} does not read as {pattern!r}"
    return list(found.groups())


def _told(text: str) -> list[Any]:
    """The signed changes a story tells, in order: "loses 13 yards" is -13."""
    words = "|".join(_UP + _DOWN)
    return [
        _n(amount) * (1 if verb in _UP else -1)
        for verb, amount in re.findall(rf"({words}) (\d[\d./]*) ", text)
    ]


def make_zero(text: str, n: list[Any]) -> Any:
    changes = _told(text)
    assert len(changes) == len(n), text
    return -sum(changes)


def sum_on_number_line(text: str, n: list[Any]) -> Any:
    if "starts at" in text:
        start, end = _grab(text, r"starts at (\S+) and ends at (\S+)\.")
        return _n(end) - _n(start)
    if text.startswith("The number line marks"):
        return _value(_grab(text, r"What is (.+)\?")[0])
    (change,) = _told(text)
    return n[0] + change


def to_decimal(text: str, n: list[Any]) -> Any:
    value = Fraction(str(n[-1]))
    p, d = value.numerator, value.denominator
    if found := re.search(r"the (\d+)(?:st|nd|rd|th) digit", text):
        return sympy.Integer(p * 10 ** int(found[1]) // d % 10)
    if "shortest block" in text:
        remainders, digits, r = [], [], p % d
        while r not in remainders:
            remainders.append(r)
            digits.append(r * 10 // d)
            r = r * 10 % d
        assert remainders.index(r) == 0, text  # the block starts right after the point
        return sympy.Integer(int("".join(map(str, digits))))
    if found := re.search(r"nearest (hundredth|thousandth)", text):
        scale = 100 if found[1] == "hundredth" else 1000
        return sympy.Rational((2 * p * scale + d) // (2 * d), scale)
    return _n(str(value))


def rational_problems(text: str, n: list[Any]) -> Any:
    if "degrees each hour" in text:
        start, drop, hours = n
        return start - drop * hours
    if "tickets at" in text:
        money, count, price = n
        return money - count * price
    if "the same amount each" in text:
        parts, change = n
        return change / parts
    if "diver" in text:
        rate, minutes, up = n
        return -rate * minutes + up
    count, *temperatures = n
    assert len(temperatures) == count, text
    return sum(temperatures) / count


SOLVERS: dict[str, Callable[[str, list[Any]], Any]] = {
    "make_zero": make_zero,
    "sum_on_number_line": sum_on_number_line,
    "add_the_opposite": lambda text, n: _value(_grab(text, r"equal to (.+)\?")[0]),
    "distance_on_number_line": lambda text, n: abs(n[0] - n[1]),
    **dict.fromkeys(
        (
            "add_subtract_rationals",
            "multiply_signed",
            "divide_signed",
            "multiply_divide_rationals",
        ),
        lambda text, n: _value(_grab(text, r"What is (.+)\?")[0]),
    ),
    "signed_fraction_forms": lambda text, n: _value(_grab(text, r"equal to (.+)\?")[0]),
    "rational_to_decimal": to_decimal,
    "rational_problems": rational_problems,
}
# families whose answer is right in a way `same` cannot tell (e.g. any equivalent equation):
# family name -> right(question text, value, expected) -> bool
RIGHT: dict[str, Callable[[str, Any, Any], bool]] = {}
# families whose items are about a picture: each draws one for every tier and kind
DRAWN: set[str] = {"sum_on_number_line", "distance_on_number_line"}
