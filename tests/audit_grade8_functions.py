"""Independent solvers for the audit of `edugen.content.families.grade8_functions`:
each works a key out again from the question text alone, sharing no code with the families."""

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

x, y = sympy.symbols("x y")
_NUM = re.compile(r"-?\d+(?:\.\d+)?(?:/\d+)?")
_PAIR = re.compile(r"\((-?[\d./]+), (-?[\d./]+)\)")


def _n(text: str) -> Any:
    return sympy.Rational(Fraction(text))


def _expr(text: str) -> Any:
    text = _NUM.sub(lambda m: f"Rational('{m.group()}')", text).replace("^", "**")
    return parse_expr(
        text,
        local_dict={"x": x, "y": y},
        transformations=(*standard_transformations, implicit_multiplication_application),
    )


def _columns(text: str) -> tuple[list[Any], list[Any]]:
    found = re.search(r"x = ([-\d., /]+?) and y = ([-\d., /]+?)\.(?:\s|$)", text)
    assert found, text
    return [_n(v) for v in found[1].split(", ")], [_n(v) for v in found[2].split(", ")]


def _through(p: tuple[Any, Any], r: tuple[Any, Any]) -> tuple[Any, Any]:
    """Slope and y-intercept of the line through two points, by solving for them."""
    m, b = sympy.symbols("m b")
    found = sympy.solve([p[0] * m + b - p[1], r[0] * m + b - r[1]], [m, b], dict=True)[0]
    return found[m], found[b]


def function_inputs(text: str, n: list[Any]) -> Any:
    xs, ys = _columns(text)
    if "other way" in text:
        xs, ys = ys, xs
    pairs = set(zip(xs, ys, strict=True))
    repeated = [a for a in set(xs) if sum(1 for p in pairs if p[0] == a) >= 2]
    assert len(repeated) == 1, text
    return repeated[0]


def compare_functions(text: str, n: list[Any]) -> Any:
    found = re.search(r"y = (.+?)(?= dollars for|\. )", text)
    assert found, text
    rule = _expr(found[1])
    rate_a, start_a = sympy.diff(rule, x), rule.subs(x, 0)
    xs, ys = _columns(text)
    rate_b, start_b = _through((xs[0], ys[0]), (xs[1], ys[1]))
    assert all(v == rate_b * u + start_b for u, v in zip(xs, ys, strict=True)), text
    if "initial values" in text:
        return max(start_a, start_b)
    if "How many more" in text:
        return abs(rate_a - rate_b)
    if "falls faster" in text:
        return min(rate_a, rate_b)
    return max(rate_a, rate_b)


NOT_LINEAR = sympy.Symbol("not_linear")


def linear_or_not(text: str, n: list[Any]) -> Any:
    assert re.search(r"\bnot\b|cannot", text), text
    return NOT_LINEAR


def _steady(rule: Any) -> bool:
    """Whether y rises by the same step at x = 1, 2, 3, 4, 5 (a straight-line graph)."""
    (solved,) = sympy.solve(rule, y)
    values = [solved.subs(x, k) for k in range(1, 6)]
    steps = {sympy.nsimplify(b - a) for a, b in zip(values, values[1:], strict=False)}
    return len(steps) == 1


def _line(text: str, n: list[Any]) -> tuple[Any, Any]:
    """m and b of the linear function a question describes."""
    if "table" in text:
        xs, ys = _columns(text)
        return _through((xs[0], ys[0]), (xs[-1], ys[-1]))
    if text.startswith("A linear function has"):
        found = re.findall(r"y = (\S+) when x = (-?[\d./]+)", text)
        (y1, x1), (y2, x2) = found
        return _through((_n(x1), _n(y1)), (_n(x2), _n(y2)))
    first = text.split(". ")[0]
    if " after " in first or re.search(r"for \d+ (?:hours|miles)", first):
        y1, x1, y2, x2 = n[:4]
        return _through((x1, y1), (x2, y2))
    start, rate = n[:2]
    falls = any(w in first for w in ("burns down", "drains", "loses"))
    return (-rate if falls else rate), start


def rate_and_initial_value(text: str, n: list[Any]) -> Any:
    m, b = _line(text, n)
    return m if "rate of change" in text else b


def linear_function_equation(text: str, n: list[Any]) -> Any:
    m, b = _line(text, n)
    return sympy.Eq(y, m * x + b)


def graph_behavior(text: str, n: list[Any]) -> Any:
    pts = [(_n(a), _n(b)) for a, b in _PAIR.findall(text)]
    legs = list(zip(pts, pts[1:], strict=False))
    kind = ["up" if q[1] > p[1] else "down" if q[1] < p[1] else "flat" for p, q in legs]
    if "How many times" in text:
        return sympy.Integer(
            sum(1 for a, b in zip(kind, kind[1:], strict=False) if (a, b) == ("up", "down"))
        )
    if "from increasing to decreasing" in text:
        turns = [legs[i][1][0] for i in range(len(kind) - 1) if kind[i : i + 2] == ["up", "down"]]
        assert len(turns) == 1, text
        return turns[0]
    if "constant" in text:
        return sum(q[0] - p[0] for (p, q), k in zip(legs, kind, strict=True) if k == "flat")
    if "decrease in all" in text:
        return sum(q[0] - p[0] for (p, q), k in zip(legs, kind, strict=True) if k == "down")
    least = min(p[1] for p in pts)
    (where,) = [p[0] for p in pts if p[1] == least]
    return where


def _right_not_linear(text: str, value: Any, expected: Any) -> bool:
    return expected == NOT_LINEAR and isinstance(value, sympy.Eq) and not _steady(value)


# family name -> solver(question text, the numbers it writes) -> the expected answer
SOLVERS: dict[str, Callable[[str, list[Any]], Any]] = {
    "function_inputs": function_inputs,
    "compare_functions": compare_functions,
    "linear_or_not": linear_or_not,
    "rate_and_initial_value": rate_and_initial_value,
    "linear_function_equation": linear_function_equation,
    "graph_behavior": graph_behavior,
}
# families whose answer is right in a way `same` cannot tell (e.g. any equivalent equation):
# family name -> right(question text, value, expected) -> bool
RIGHT: dict[str, Callable[[str, Any, Any], bool]] = {"linear_or_not": _right_not_linear}
# families whose items are about a picture: each draws one for every tier and kind
DRAWN: set[str] = {"function_inputs", "compare_functions", "graph_behavior"}
