"""Independent solvers for the audit of `edugen.content.families.grade7_expressions`:
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

x = sympy.Symbol("x")
_NUM = re.compile(r"-?\d+(?:\.\d+)?(?:/\d+)?")
_SIGNS = {">": sympy.Gt, "<": sympy.Lt, "≥": sympy.Ge, "≤": sympy.Le}


def _n(text: str) -> Any:
    return sympy.Rational(Fraction(text))


def _expr(text: str) -> Any:
    """(3/4)(16x - 12) - (x + 4), 1.5x as sympy with every number exact."""
    text = _NUM.sub(lambda m: f"Rational('{m.group()}')", text.replace("^", "**"))
    return parse_expr(
        text,
        local_dict={"x": x},
        transformations=(*standard_transformations, implicit_multiplication_application),
    )


def _grab(text: str, pattern: str) -> list[str]:
    found = re.search(pattern, text)
    assert found, f"{text!r} does not read as {pattern!r}"
    return list(found.groups())


def _relation(text: str) -> Any:
    sign = next(s for s in _SIGNS if f" {s} " in text)
    left, right = text.split(f" {sign} ")
    return _SIGNS[sign](_expr(left), _expr(right))


def linear_expressions(text: str, n: list[Any]) -> Any:
    if "greatest common factor" in text:
        return _expr(_grab(text, r"expression is (.+) with its")[0])
    return _expr(_grab(text, r"equivalent to (.+?)\?(?: Write it [^?]*)?$")[0])


def rewrite_change(text: str, n: list[Any]) -> Any:
    if found := re.search(r"The expression (\S+)x gives", text):
        multiplier = _n(found[1])
        went_up = text.endswith("go up?")
        assert (multiplier > 1) == went_up, text
        return (multiplier - 1 if went_up else 1 - multiplier) * 100
    value = x
    for way, size, percent in re.findall(r"goes (up|down) by (\S+?)(%?)(?: of|,|\.)", text):
        part = _n(size) / (100 if percent else 1)
        value = value + part * value if way == "up" else value - part * value
    assert value != x, text
    return sympy.expand(value)


def rational_multistep(text: str, n: list[Any]) -> Any:
    if "bill" in text:
        count, price, bill = n
        return bill - count * price
    if "rope" in text:
        rope, used, piece = n
        return (rope - used * rope) / piece
    if "raise" in text:
        wage, percent = n
        return wage * (100 + percent) / 100
    if "temperature" in text:
        start, rise, hours, fall = n
        return start + hours * rise - fall
    money, part, lunch = n
    return money - part * money - lunch


def equation_word_problem(text: str, n: list[Any]) -> Any:
    c = sympy.Symbol("c")
    if "gym" in text:
        fee, price, total = n
        equation = sympy.Eq(fee + price * c, total)
    elif "friends" in text:
        friends, snack, total = n
        equation = sympy.Eq(friends * (c + snack), total)
    elif "rectangle" in text:
        width, perimeter = n
        equation = sympy.Eq(2 * c + 2 * width, perimeter)
    elif "temperature" in text:
        start, drop, end = n
        equation = sympy.Eq(start - drop * c, end)
    else:
        left, right = _grab(text, r"^Solve (.+) = (.+) for x\.$")
        equation = sympy.Eq(_expr(left).subs(x, c), _expr(right))
    (value,) = sympy.solve(equation, c)
    return value


def inequality_word_problem(text: str, n: list[Any]) -> Any:
    if text.startswith("Solve "):
        return _relation(_grab(text, r"^Solve (.+)\.$")[0])
    if "ride" in text:
        money, entry, ride = n
        return sympy.Le(entry + ride * x, money)
    if "cookies" in text:
        raised, price, goal = n
        return sympy.Gt(raised + price * x, goal)
    if "gigabyte" in text:
        monthly, per, limit = n
        return (sympy.Le if "at most" in text else sympy.Lt)(monthly + per * x, limit)
    if "drains" in text:
        full, drain, least = n
        return sympy.Ge(full - drain * x, least)
    start, sink, level = n
    return sympy.Gt(start - sink * x, level)


SOLVERS: dict[str, Callable[[str, list[Any]], Any]] = {
    "linear_expressions": linear_expressions,
    "rewrite_change": rewrite_change,
    "rational_multistep": rational_multistep,
    "equation_word_problem": equation_word_problem,
    "inequality_word_problem": inequality_word_problem,
}
# families whose answer is right in a way `same` cannot tell (e.g. any equivalent equation):
# family name -> right(question text, value, expected) -> bool
RIGHT: dict[str, Callable[[str, Any, Any], bool]] = {}
# families whose items are about a picture: each draws one for every tier and kind
DRAWN: set[str] = set()
