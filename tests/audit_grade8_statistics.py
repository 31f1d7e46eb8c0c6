"""Independent solvers for the audit of `edugen.content.families.grade8_statistics`:
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
    text = _NUM.sub(lambda m: f"Rational('{m.group()}')", text)
    return parse_expr(
        text,
        local_dict={"x": x, "y": y},
        transformations=(*standard_transformations, implicit_multiplication_application),
    )


def _points(text: str) -> list[tuple[Any, Any]]:
    return [(_n(a), _n(b)) for a, b in _PAIR.findall(text)]


def _least_squares(points: list[tuple[Any, Any]]) -> tuple[Any, Any]:
    """Slope and intercept from the closed-form sums."""
    k = len(points)
    sx = sum(p[0] for p in points)
    sy = sum(p[1] for p in points)
    sxx = sum(p[0] ** 2 for p in points)
    sxy = sum(p[0] * p[1] for p in points)
    slope = (k * sxy - sx * sy) / (k * sxx - sx**2)
    return slope, (sy - slope * sx) / k


def scatter_outlier(text: str, n: list[Any]) -> Any:
    """The point whose removal leaves the others closest to their least-squares line, by a
    clear margin over removing any other point."""
    pts = _points(text)
    spread = []
    for i, removed in enumerate(pts):
        rest = pts[:i] + pts[i + 1 :]
        m, b = _least_squares(rest)
        spread.append((max(abs(py - (m * px + b)) for px, py in rest), removed))
    spread.sort()
    assert 2 * spread[0][0] < spread[1][0], text
    return sympy.Tuple(*spread[0][1])


def line_of_fit(text: str, n: list[Any]) -> Any:
    pts = _points(text)
    if "How far" in text:
        found = re.search(r"The line y = (.+?) fits", text)
        assert found, text
        px, py = pts[-1]
        return py - _expr(found[1]).subs(x, px)
    m, b = _least_squares(pts)
    return m if "slope" in text else sympy.Eq(y, m * x + b)


def linear_model(text: str, n: list[Any]) -> Any:
    found = re.search(r" is y = (.+?)\. ", text)
    assert found, text
    rule = _expr(found[1])
    if found := re.search(r"from x = (\S+) to x = (\S+)\?", text):
        return rule.subs(x, _n(found[2])) - rule.subs(x, _n(found[1]))
    if found := re.search(r"predict y = (\S+)\?", text):
        (value,) = sympy.solve(rule - _n(found[1]), x)
        return value
    if found := re.search(r"grows by (\S+)\?", text):
        return rule.subs(x, _n(found[1])) - rule.subs(x, 0)
    found = re.search(r"when x is (\S+)\?", text)
    assert found, text
    return rule.subs(x, _n(found[1]))


def two_way_table(text: str, n: list[Any]) -> Any:
    found = re.findall(r"Of the ([\w -]+?), (\d+) ([\w -]+?) and (\d+) ", text)
    (g1, a, yes, b), (g2, c, _, d) = found
    a, b, c, d = (_n(v) for v in (a, b, c, d))
    if "percentage points" in text:
        return 100 * (c / (c + d) - a / (a + b))
    if "What percent" in text:
        assert text.rstrip("?").endswith(g1), text
        return 100 * a / (a + c)
    if "fraction of all" in text:
        return (a + c) / (a + b + c + d)
    if "What fraction of the" in text:
        assert f"of the {g2} {yes}?" in text, text
        return c / (c + d)
    assert f"surveyed {yes}?" in text, text
    return a + c


# family name -> solver(question text, the numbers it writes) -> the expected answer
SOLVERS: dict[str, Callable[[str, list[Any]], Any]] = {
    "scatter_outlier": scatter_outlier,
    "line_of_fit": line_of_fit,
    "linear_model": linear_model,
    "two_way_table": two_way_table,
}
# families whose answer is right in a way `same` cannot tell (e.g. any equivalent equation):
# family name -> right(question text, value, expected) -> bool
RIGHT: dict[str, Callable[[str, Any, Any], bool]] = {}
# families whose items are about a picture: each draws one for every tier and kind
DRAWN: set[str] = {"scatter_outlier", "line_of_fit", "two_way_table"}
