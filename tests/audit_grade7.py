"""Independent solvers for the grade-7 families' audit: each works a key out again from the
question text alone, sharing no code with the families."""

from __future__ import annotations

import re
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import sympy

x, y = sympy.symbols("x y")


def _n(text: str) -> Any:
    return sympy.Rational(Fraction(text))


def _lists(text: str) -> tuple[list[Any], list[Any]]:
    found = re.search(r"x = ([\d./, ]+?) and y = ([\d./, ]+?)\. ", text)
    assert found, text
    return [_n(v) for v in found[1].split(", ")], [_n(v) for v in found[2].split(", ")]


def _graph(text: str) -> tuple[Any, Any]:
    """The marked point of a line through the origin: the first one written with numbers."""
    for a, b in re.findall(r"\(([\d./]+), ([\d./]+)\)", text):
        if (a, b) != ("0", "0"):
            return _n(a), _n(b)
    raise AssertionError(text)


def proportional_table(text: str, n: list[Any]) -> Any:
    xs, ys = _lists(text)
    for j in range(len(xs)):
        rest = {b / a for i, (a, b) in enumerate(zip(xs, ys, strict=True)) if i != j}
        if len(rest) == 1:
            return rest.pop() * xs[j]
    raise AssertionError(f"no single pair breaks the pattern: {text}")


def constant(text: str, n: list[Any]) -> Any:
    if "table lists" in text:
        xs, ys = _lists(text)
        return ys[-1] / xs[-1]
    if "graph" in text:
        a, b = _graph(text)
        return b / a
    if found := re.search(r"sells (\S+) pounds of rice for (\S+) dollars", text):
        return _n(found[2]) / _n(found[1])
    found = re.search(r"(\S+) (?:pages|miles|liters)\b.*? (?:in|on) (\S+) ", text)
    assert found, text
    return _n(found[1]) / _n(found[2])


def equation(text: str, n: list[Any]) -> Any:
    if found := re.search(r"cost (\S+) dollars each", text):
        k = _n(found[1])
    elif found := re.search(r"^(\d+) \w+ cost (\S+) dollars in all", text):
        k = _n(found[2]) / _n(found[1])
    elif "table lists" in text or "graph" in text:
        k = constant(text, n)
    else:
        k = n[0] / n[1]  # juice for every so much water
    return sympy.Eq(y, k * x)


def point_meaning(text: str, n: list[Any]) -> Any:
    a, b = _graph(text)
    found = re.search(r"The point \((\S+), (\S+)\) is on the line", text)
    assert found, text
    if found[1] == "c":  # x unknown, y given
        return _n(found[2]) / (b / a)
    return _n(found[1]) * (b / a)


def percent_problem(text: str, n: list[Any]) -> Any:
    hundredth = sympy.Rational(1, 100)
    if "tax is added" in text:
        price, off, tax = n
        return price * (1 - off * hundredth) * (1 + tax * hundredth)
    if "% off" in text:
        return n[0] - n[0] * n[1] * hundredth
    if "in all" in text:
        return n[0] + n[0] * n[1] * hundredth
    if "simple interest" in text:
        rate, money, years = n
        return money * rate * years * hundredth
    if "percent error" in text:
        return abs(n[0] - n[1]) * 100 / n[1]
    return abs(n[1] - n[0]) * 100 / n[0]


SOLVERS: dict[str, Callable[[str, list[Any]], Any]] = {
    "fraction_unit_rate": lambda text, n: n[0] / n[1],
    "proportional_table": proportional_table,
    "constant_of_proportionality": constant,
    "proportional_equation": equation,
    "point_meaning": point_meaning,
    "percent_problem": percent_problem,
}
