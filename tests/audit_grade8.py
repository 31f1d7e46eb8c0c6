"""Independent solvers for the grade-8 families' audit: each works a key out again from the
question text alone, sharing no code with the families."""

from __future__ import annotations

import re
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import sympy
from sympy.parsing.sympy_parser import (
    implicit_multiplication_application,
    parse_expr,
    standard_transformations,
)

x, y, k = sympy.symbols("x y k")
_NUM = re.compile(r"-?\d+(?:\.\d+)?(?:/\d+)?")
_PAIR = re.compile(r"\((-?[\d./]+), (-?[\d./]+)\)")


def _n(text: str) -> Any:
    return sympy.Rational(Fraction(text))


def _expr(text: str) -> Any:
    """3(x + 2), (1/2)x, 4 × 10^(-3) as sympy, every number exact."""
    text = _NUM.sub(lambda m: f"Rational('{m.group()}')", text)
    for old, new in (("×", "*"), ("÷", "/"), ("^", "**")):
        text = text.replace(old, new)
    return parse_expr(
        text,
        local_dict={"x": x, "y": y, "k": k},
        transformations=(*standard_transformations, implicit_multiplication_application),
    )


def _eq(text: str) -> Any:
    left, right = text.split(" = ")
    return sympy.Eq(_expr(left), _expr(right))


def _grab(text: str, pattern: str) -> list[str]:
    found = re.search(pattern, text)
    assert found, f"{text!r} does not read as {pattern!r}"
    return list(found.groups())


def roots(text: str, n: list[Any]) -> Any:
    if found := re.search(r"area of (\S+) square", text):
        return sympy.sqrt(_n(found[1]))
    if found := re.search(r"volume of (\S+) cubic", text):
        return sympy.root(_n(found[1]), 3)
    power, value = _grab(text, r"x\^(\d) = (\S+?)(?: and|\.$)")
    v = _n(value)
    if power == "2":
        return sympy.sqrt(v)
    return -sympy.root(-v, 3) if v < 0 else sympy.root(v, 3)


def powers_of_ten(text: str, n: list[Any]) -> Any:
    if text.startswith("Write"):
        return _n(_grab(text, r"Write (\S+) as")[0])
    first, second = _grab(text, r"about (.+?)\. Another is about (.+?)\.")
    return _expr(first) / _expr(second)


def solution_count(text: str, n: list[Any]) -> Any:
    eq, ask = _grab(text, r"does (.+) have (.+)\?")
    rel = _eq(eq)
    diff = sympy.expand(rel.lhs - rel.rhs)
    coefficient, constant = diff.coeff(x, 1), diff.coeff(x, 0)
    if ask.startswith("infinitely"):
        (value,) = sympy.solve([coefficient, constant], k, dict=True)[0].values()
        return value
    (value,) = sympy.solve(coefficient, k)
    assert constant.subs(k, value) != 0, text
    return value


def multistep(text: str, n: list[Any]) -> Any:
    (value,) = sympy.solve(_eq(_grab(text, r"Solve (.+) for x")[0]), x)
    return value


def system_solve(text: str, n: list[Any]) -> Any:
    first, second = _grab(text, r"system (.+) and (.+)\. What")
    found = sympy.solve([_eq(first), _eq(second)], [x, y], dict=True)
    assert len(found) == 1, text
    return sympy.Tuple(found[0][x], found[0][y])


def system_word(text: str, n: list[Any]) -> Any:
    if "heads" in text:
        heads, legs = n
        cows, hens = sympy.symbols("cows hens")
        return sympy.solve([cows + hens - heads, 4 * cows + 2 * hens - legs], [cows, hens])[cows]
    if "tickets" in text:
        adult, student, count, total = n
        a, s = sympy.symbols("a s")
        return sympy.solve([a + s - count, adult * a + student * s - total], [a, s])[s]
    a1, b1, c1, a2, b2, c2 = n
    p, r = sympy.symbols("p r")
    return sympy.solve([a1 * p + b1 * r - c1, a2 * p + b2 * r - c2], [p, r])[r]


def proportional_slope(text: str, n: list[Any]) -> Any:
    (a, b) = [(_n(u), _n(v)) for u, v in _PAIR.findall(text) if (u, v) != ("0", "0")][0]
    rate = b / a
    if found := re.search(r"after (\S+) (?:hours|minutes)\?", text):
        return rate * _n(found[1])
    if found := re.search(r"y = (\S+)x", text):
        return rate - _n(found[1])
    return rate


def slope_intercept(text: str, n: list[Any]) -> Any:
    (x1, y1), (x2, y2) = [(_n(u), _n(v)) for u, v in _PAIR.findall(text)]
    slope = (y2 - y1) / (x2 - x1)
    return sympy.Eq(y, slope * (x - x1) + y1)


def system_graph(text: str, n: list[Any]) -> Any:
    (a, b), (c, d), (e, f), (g, h) = [(_n(u), _n(v)) for u, v in _PAIR.findall(text)]
    line_a = sympy.Eq(y - b, (d - b) / (c - a) * (x - a))
    line_b = sympy.Eq(y - f, (h - f) / (g - e) * (x - e))
    found = sympy.solve([line_a, line_b], [x, y], dict=True)
    assert len(found) == 1, text
    return sympy.Tuple(found[0][x], found[0][y])


SOLVERS: dict[str, Callable[[str, list[Any]], Any]] = {
    **dict.fromkeys(
        ("integer_exponents", "scientific_notation"),
        lambda text, n: _expr(_grab(text, r"What is (.+?)\?")[0]),
    ),
    "square_cube_roots": roots,
    "powers_of_ten": powers_of_ten,
    "solution_count": solution_count,
    "multistep_equation": multistep,
    "system_solve": system_solve,
    "system_word_problem": system_word,
    "proportional_slope": proportional_slope,
    "slope_intercept": slope_intercept,
    "system_graph": system_graph,
}
