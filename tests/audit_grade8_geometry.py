"""Independent solvers for the audit of `edugen.content.families.grade8_geometry`:
each works a key out again from the question text alone, sharing no code with the families."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import sympy
from sympy.parsing.sympy_parser import (
    implicit_multiplication_application,
    parse_expr,
    standard_transformations,
)

x = sympy.Symbol("x")
PI = sympy.Symbol("π")


def _n(text: str) -> Any:
    return sympy.Rational(Fraction(text))


def _pairs(text: str) -> list[tuple[Any, Any]]:
    return [(_n(a), _n(b)) for a, b in re.findall(r"\((-?[\d./]+), (-?[\d./]+)\)", text)]


def _grab(text: str, pattern: str) -> list[str]:
    found = re.search(pattern, text)
    assert found, f"{text!r} does not read as {pattern!r}"
    return list(found.groups())


def _linear(text: str) -> Any:
    """ "3x + 10", "(x - 4)", "2x" as sympy in x."""
    return parse_expr(
        text.strip("()°"),
        local_dict={"x": x},
        transformations=(*standard_transformations, implicit_multiplication_application),
    )


def _tenth(value: Any) -> Any:
    """Half up to one decimal place, worked out from a 50-digit decimal."""
    exact = Decimal(str(sympy.N(value, 50)))
    return sympy.Rational(str(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)))


def _maybe_rounded(text: str, value: Any) -> Any:
    return _tenth(value) if "nearest tenth" in text else value


def _moved(p: tuple[Any, Any], phrase: str) -> tuple[Any, Any]:
    """Where one phrase of a question ("rotated 90° clockwise about the origin") takes p."""
    px, py = p
    if phrase.startswith("translated"):
        way = {"right": (1, 0), "left": (-1, 0), "up": (0, 1), "down": (0, -1)}
        for count, word in re.findall(r"(\d+) units? (left|right|up|down)", phrase):
            px, py = px + int(count) * way[word][0], py + int(count) * way[word][1]
        return px, py
    if "x-axis" in phrase:
        return px, -py
    if "y-axis" in phrase:
        return -px, py
    if "180°" in phrase:
        return -px, -py
    if "counterclockwise" in phrase:
        return -py, px
    if "clockwise" in phrase:
        return py, -px
    k = _n(_grab(phrase, r"scale factor of ([\d./]+)")[0])
    return k * px, k * py


def _phrases(text: str, pattern: str) -> list[str]:
    return _grab(text, pattern)[0].split(" and then ")


def segment_image(text: str, n: list[Any]) -> Any:
    corners = [sympy.Point2D(*p) for p in _pairs(text)]
    if "perimeter" in text:
        return sympy.Polygon(*corners).perimeter  # moves keep every side
    return corners[0].distance(corners[1])


def angle_image(text: str, n: list[Any]) -> Any:
    sizes = re.findall(r"measures (\(.+?\)°|\d+°)", text)
    if text.endswith("What is x?"):
        (value,) = sympy.solve(sympy.Eq(_linear(sizes[0]), _linear(sizes[1])), x)
        return value
    if "exterior" in text:
        return _linear(sizes[0]) - _linear(sizes[1])
    if len(sizes) == 2:
        return 180 - _linear(sizes[0]) - _linear(sizes[1])
    return _linear(sizes[0])


def parallel_image(text: str, n: list[Any]) -> Any:
    (a, b), (c, d), (e, f), (g, h) = _pairs(text)
    assert (d - b) * (g - e) == (h - f) * (c - a), "the lines are not parallel"
    m = (h - f) / (g - e)
    for phrase in _phrases(text, r"Both lines are (.+?)\. What"):
        if "x-axis" in phrase or "y-axis" in phrase:
            m = -m
        elif "90°" in phrase:
            m = -1 / m
    return m


def finishing_slide(text: str, n: list[Any]) -> Any:
    a, _, _, d, *_ = _pairs(text)
    start = a
    first = _grab(text, r"Triangle ABC is (.+?) so that")[0]
    if " and then " in first:
        start = _moved(a, first.split(" and then ")[0])
    return sympy.Tuple(d[0] - start[0], d[1] - start[1])


def vertex_image(text: str, n: list[Any]) -> Any:
    b = _pairs(text)[1]
    for phrase in _phrases(text, r"It is (.+?)\. What"):
        b = _moved(b, phrase)
    return sympy.Tuple(*b)


def dilation(text: str, n: list[Any]) -> Any:
    side = {s: _n(v) for s, v in re.findall(r"\b([A-F]{2}) = (\S+) \w+", text)}
    k = side["DE"] / side["AB"]
    if "scale factor" in text:
        return k
    if "perimeter" in text:
        return k * (side["AB"] + side["BC"] + side["CA"])
    return k * side["BC"]


def triangle_angles(text: str, n: list[Any]) -> Any:
    if text.endswith("What is x?"):
        terms = re.findall(r"(x°|\(\S+\)°|\(\S+ [+-] \d+\)°)", text)
        (value,) = sympy.solve(sympy.Eq(sum(_linear(t) for t in terms), 180), x)
        return value
    if "extended" in text and "exterior angle at R, in" in text:
        return n[0] + n[1]
    if "exterior angle of" in text:
        return n[0] - n[1]
    return 180 - n[0] - n[1]


def transversal_angles(text: str, n: list[Any]) -> Any:
    kind = _grab(text, r"marked angles are (.+?) angles")[0]
    first, second = _grab(text, r"One measures (.+?)° and the other measures (.+?)°")
    left, right = _linear(first), _linear(second)
    rule = sympy.Eq(left + right, 180) if kind.startswith("same-side") else sympy.Eq(left, right)
    (value,) = sympy.solve(rule, x)
    return value


def squares(text: str, n: list[Any]) -> Any:
    if "shorter sides of a right triangle are" in text:
        return n[0] ** 2 + n[1] ** 2
    if "third square" in text:
        return n[0] - n[1]
    if "How long" in text:
        return sympy.sqrt(n[0] + n[1])
    return n[0] + n[1]


RIGHT_TRIANGLE = sympy.Symbol("right_triangle")


def converse(text: str, n: list[Any]) -> Any:
    if "How far apart" in text:  # the marks on the two edges are the legs
        return sympy.sqrt(n[0] ** 2 + n[1] ** 2)
    assert "right triangle" in text or "right angle" in text, text
    return RIGHT_TRIANGLE


def _right_converse(text: str, value: Any, expected: Any) -> bool:
    """A set of three sides answers "which set makes a right triangle" when the largest
    square is the sum of the other two; a single length must equal the worked-out one."""
    if expected != RIGHT_TRIANGLE:
        return not isinstance(value, sympy.Tuple) and sympy.simplify(value - expected) == 0
    if not isinstance(value, sympy.Tuple) or len(value) != 3:
        return False
    *shorter, longest = sorted(v**2 for v in value)
    return min(value) > 0 and sum(shorter) == longest


def unknown_side(text: str, n: list[Any]) -> Any:
    if "legs of" in text:
        value = sympy.sqrt(n[0] ** 2 + n[1] ** 2)
    elif "box" in text:
        value = sympy.sqrt(sum(v**2 for v in n[:3]))
    elif "screen" in text:
        width, diagonal = n[:2]
        value = sympy.sqrt(diagonal**2 - width**2)
    else:  # the long side (ladder, string, ramp, wire, hypotenuse) is named first
        value = sympy.sqrt(n[0] ** 2 - n[1] ** 2)
    return _maybe_rounded(text, value)


def distance(text: str, n: list[Any]) -> Any:
    p, q = _pairs(text)[:2]
    value = sympy.sqrt((p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2)
    if found := re.search(r"grid unit is (\S+) miles", text):
        value *= _n(found[1])
    return _maybe_rounded(text, value)


def _solid(text: str) -> tuple[str, Any, Any]:
    shape = _grab(text, r"shaped like an? (\w+)")[0]
    if found := re.search(r"diameter of (\S+)", text):
        r = _n(found[1]) / 2
    else:
        r = _n(_grab(text, r"radius of (\S+)")[0])
    found = re.search(r"height of (\S+)", text)
    return shape, r, _n(found[1]) if found else None


def _volume(shape: str, r: Any, h: Any, pi: Any) -> Any:
    if shape == "cylinder":
        return pi * r**2 * h
    if shape == "cone":
        return pi * r**2 * h / 3
    if shape == "sphere":
        return sympy.Rational(4, 3) * pi * r**3
    assert shape == "hemisphere", shape
    return sympy.Rational(2, 3) * pi * r**3


def volume(text: str, n: list[Any]) -> Any:
    shape, r, h = _solid(text)
    pi = _n(_grab(text, r"Use (\S+) for π")[0]) if "for π" in text else PI
    if h is None and shape in ("cylinder", "cone"):
        given = _grab(text, r"volume is (\S+) cubic")[0]
        total = _n(given) if "π" not in given else _linear(given.replace("π", "")) * PI
        return total / _volume(shape, r, 1, pi)
    return _maybe_rounded(text, _volume(shape, r, h, pi))


# family name -> solver(question text, the numbers it writes) -> the expected answer
SOLVERS: dict[str, Callable[[str, list[Any]], Any]] = {
    "rigid_motion_length": segment_image,
    "rigid_motion_angle": angle_image,
    "rigid_motion_parallel": parallel_image,
    "congruence_sequence": finishing_slide,
    "transformed_point": vertex_image,
    "dilation_scale": dilation,
    "triangle_angle_sum": triangle_angles,
    "parallel_transversal": transversal_angles,
    "pythagorean_squares": squares,
    "pythagorean_converse": converse,
    "pythagorean_side": unknown_side,
    "pythagorean_distance": distance,
    "volume_using_3_14": volume,
    "volume_in_terms_of_pi": volume,
}
# families whose answer is right in a way `same` cannot tell (e.g. any equivalent equation):
# family name -> right(question text, value, expected) -> bool
RIGHT: dict[str, Callable[[str, Any, Any], bool]] = {"pythagorean_converse": _right_converse}
# families whose items are about a picture: each draws one for every tier and kind
DRAWN: set[str] = set(SOLVERS) - {"pythagorean_converse"}
