"""Independent solvers for the audit of `edugen.content.families.grade7_geometry`:
each works a key out again from the question text alone, sharing no code with the families."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import sympy

X = sympy.Symbol("x")


def _r(text: str) -> Any:
    return sympy.Rational(Fraction(text))


def _find(pattern: str, text: str) -> list[str]:
    found = re.search(pattern, text)
    assert found, f"{text!r} does not read as {pattern!r}"
    return list(found.groups())


def _words(phrase: str) -> Any:
    """A word answer as the audit reads it back: the product of its letters as symbols (so
    two phrases are the same value only when they have the same letters)."""
    return sympy.Mul(*(sympy.Symbol(ch) for ch in phrase if ch.isalpha()))


def _tenth(value: Any) -> Any:
    exact = Decimal(str(sympy.Rational(value).p)) / Decimal(str(sympy.Rational(value).q))
    return _r(str(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)))


def scale_drawing(text: str, n: list[Any]) -> Any:
    scales = re.findall(r"scale (\S+) \w+ : (\S+) \w+", text)
    per = [_r(b) / _r(a) for a, b in scales]  # real units for one drawn unit
    if len(per) == 2:  # redrawn: real length first, then the new drawing
        drawn = _r(_find(r"on it is (\S+) \w+ long", text)[0])
        return drawn * per[0] / per[1]
    if "rectangle" in text:
        a, b = _find(r"rectangle (\S+) \w+ by (\S+) \w+", text)
        return _r(a) * _r(b) * per[0] ** 2
    if "A real" in text:
        return _r(_find(r"is (\S+) \w+ long\. How long is it on", text)[0]) / per[0]
    return _r(_find(r"(\S+) \w+ long on the", text)[0]) * per[0]


def triangle_third_side(text: str, n: list[Any]) -> Any:
    a, b = n
    low, high = abs(a - b), a + b
    most = math.ceil(high) - 1
    least = math.floor(low) + 1
    if "How many" in text:
        return sympy.Integer(most - least + 1)
    return sympy.Integer(most if "greatest" in text else least)


def triangle_conditions(text: str, n: list[Any]) -> Any:
    lengths = sorted(_r(v) for v in re.findall(r"([\d.]+) cm", text))
    angles = [_r(v) for v in re.findall(r"([\d.]+)°", text)]
    if len(lengths) == 3:
        fits = lengths[0] + lengths[1] > lengths[2]
        return _words("exactly one triangle" if fits else "no triangle")
    if len(angles) == 3:  # the angles fix the shape, never the size
        return _words("many different triangles" if sum(angles) == 180 else "no triangle")
    if len(angles) == 2:
        return _words("exactly one triangle" if sum(angles) < 180 else "no triangle")
    return _words("exactly one triangle")  # two sides and the angle between them


def cross_section(text: str, n: list[Any]) -> Any:
    length, width, height = n
    if "corner" in text and "three edges" in text or "top vertex, parallel" in text:
        return _words("triangle")
    if "missing its top vertex" in text:
        return _words("trapezoid")
    if "top front edge" in text:  # the front edge, and a diagonal of the side face
        a, b = length, sympy.sqrt(width**2 + height**2)
    elif "vertical edges" in text:
        a, b = height, sympy.sqrt(length**2 + width**2)
    elif "base" in text:
        a, b = length, width
    elif "front face" in text:
        a, b = length, height
    else:
        a, b = width, height
    return _words("square" if a == b else "rectangle")


def _circle_diameter(text: str, pi: Any) -> Any:
    if text.startswith("The circumference"):
        value = _find(r"is ([\d.]+)(π?) ", text)
        return _r(value[0]) if value[1] else _r(value[0]) / pi
    which, size = _find(r"a (radius|diameter) of ([\d.]+) ", text)
    return _r(size) * (2 if which == "radius" else 1)


def circle_in_pi(text: str, n: list[Any]) -> Any:
    d = _circle_diameter(text, None)
    coef = d if "its circumference" in text else (d / 2) ** 2
    return coef * sympy.Symbol("π")


def circle_decimal(text: str, n: list[Any]) -> Any:
    pi = _r("3.14")
    assert "Use 3.14 for π" in text
    d = _circle_diameter(text, pi)
    value = pi * d if "its circumference" in text else pi * (d / 2) ** 2
    return _tenth(value) if "nearest tenth" in text else value


def _angle(text: str) -> Any:
    """ "x°", "(3x)°", "(2x - 5)°" or "70°" as an expression in x."""
    text = text.strip("°")
    if text == "x":
        return X
    if found := re.fullmatch(r"\((\d*)x(?: ([+-]) (\d+))?\)", text):
        k = int(found[1] or 1)
        b = int(found[3] or 0) * (-1 if found[2] == "-" else 1)
        return k * X + b
    return _r(text)


def angle_equation(text: str, n: list[Any]) -> Any:
    first, second = (
        _angle(t) for t in _find(r"Angles of (\(.+?\)°|\S+) and (\(.+?\)°|\S+) ", text)
    )
    if "vertical" in text:
        x = sympy.solve(first - second, X)[0]
    else:
        x = sympy.solve(first + second - (90 if "complementary" in text else 180), X)[0]
    return x if text.endswith("What is x?") else first.subs(X, x)


def composite_area(text: str, n: list[Any]) -> Any:
    if "L-shaped" in text:
        bottom, left, top, right = n
        return top * left + (bottom - top) * right  # a tall left part and a low right part
    if "frame" in text:
        return n[0] * n[1] - n[2] * n[3]
    base, wall, roof = n
    return base * wall + base * roof / 2


def prism_measures(text: str, n: list[Any]) -> Any:
    if "fish tank" in text:
        length, width, height, depth = n
        return length * width * (height - depth)
    if "no lid" in text:
        length, width, height = n
        return length * width + 2 * height * (length + width)
    length, a, b, c = n
    assert a * a + b * b == c * c
    if "volume" in text:
        return length * a * b / 2
    return length * (a + b + c) + a * b


# family name -> solver(question text, the numbers it writes) -> the expected answer
SOLVERS: dict[str, Callable[[str, list[Any]], Any]] = {
    "scale_drawing": scale_drawing,
    "triangle_third_side": triangle_third_side,
    "triangle_conditions": triangle_conditions,
    "cross_section": cross_section,
    "circle_in_pi": circle_in_pi,
    "circle_decimal": circle_decimal,
    "angle_equation": angle_equation,
    "composite_area": composite_area,
    "prism_measures": prism_measures,
}
# families whose answer is right in a way `same` cannot tell (e.g. any equivalent equation):
# family name -> right(question text, value, expected) -> bool
RIGHT: dict[str, Callable[[str, Any, Any], bool]] = {}
# families whose items are about a picture: each draws one for every tier and kind
DRAWN: set[str] = {
    "scale_drawing",
    "cross_section",
    "circle_in_pi",
    "circle_decimal",
    "angle_equation",
    "composite_area",
    "prism_measures",
}
