"""Independent solvers for the audit of `edugen.content.families.grade4_measure`:
each works a key out again from the question text alone, sharing no code with the families."""

from __future__ import annotations

import re
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import sympy

# how many of the smaller unit one of the larger holds, as a reader knows them
_PER = {
    ("kilometers", "meters"): 1000,
    ("meters", "centimeters"): 100,
    ("kilograms", "grams"): 1000,
    ("pounds", "ounces"): 16,
    ("liters", "milliliters"): 1000,
    ("hours", "minutes"): 60,
    ("minutes", "seconds"): 60,
    ("feet", "inches"): 12,
    ("yards", "feet"): 3,
}


def _v(text: str) -> Any:
    return sum((sympy.Rational(Fraction(p)) for p in text.split()), sympy.Integer(0))


def _grab(text: str, pattern: str) -> list[str]:
    found = re.search(pattern, text)
    assert found, f"{text!r} does not read as {pattern!r}"
    return list(found.groups())


def smaller_unit_conversion(text: str, n: list[Any]) -> Any:
    measures = re.findall(
        r"(\d+) (kilometers|meters|centimeters|kilograms|grams|pounds|ounces|"
        r"liters|milliliters|hours|minutes|seconds|feet|inches|yards)",
        text,
    )
    (count, big), *rest = measures
    if text.startswith("How many"):
        small = _grab(text, r"How many (\w+) are in")[0]
        return n[0] * _PER[(big, small)] + (n[1] if len(n) > 1 else 0)
    small = rest[0][1]
    whole = n[0] * _PER[(big, small)]
    if "pieces" in text or "parts" in text:
        return whole / n[1]
    return whole - n[1]


def measurement_stories(text: str, n: list[Any]) -> Any:
    if "starts at" in text:
        h1, m1, h2, m2 = (int(v) for v in n)
        return sympy.Integer(((h2 - h1) * 60 + m2 - m1) % (12 * 60))
    if "cents" in text:
        return n[2] * 100 - n[0] * n[1]
    if "kilograms" in text:
        return n[0] * 1000 - n[1]
    if "mile each day" in text:
        return n[0] * n[1]
    return n[2] - n[0] * n[1]


def rectangle_area_perimeter(text: str, n: list[Any]) -> Any:
    if "fence" in text:
        return (n[0] + n[1]) * 2 * n[2]
    if "area of" in text:
        return n[0] / n[1]
    if "perimeter of" in text:
        return (n[0] - n[1] - n[1]) / 2
    return n[0] * n[1] if "area" in text else n[0] + n[1] + n[0] + n[1]


def fraction_line_plot(text: str, n: list[Any]) -> Any:
    count = int(n[0])
    data = sorted(n[1 : 1 + count])
    if "How many" in text and text.endswith("long?"):
        return sympy.Integer(data.count(n[-1]))
    if "longest than the shortest" in text:
        return data[-1] - data[0]
    if "two longest" in text:
        return data[-1] + data[-2] - data[0] - data[1]
    if "All the" in text:
        return sum(data)
    return n[-1] * data.count(n[-1])


def clock_turn(text: str, n: list[Any]) -> Any:
    if "Which number" in text:
        return sympy.Integer((int(n[0]) + int(n[1]) // 30 - 1) % 12 + 1)
    if "turns for" in text:
        return n[0] * 6
    if "shows" in text:
        return (n[3] - n[1]) * 6
    return ((n[1] - n[0]) % 12) * 30


def angle_circle_fraction(text: str, n: list[Any]) -> Any:
    if "What fraction" in text:
        return n[0] / 360
    if "equal parts" in text:
        return 360 / n[0] * n[1]
    return 360 * sum(n)


def one_degree_angles(text: str, n: list[Any]) -> Any:
    if "right angle" in text:
        return n[0] - 90
    if "full turn" in text:
        return 360 * n[0]
    if "each second" in text:
        return n[0] * n[1]
    return sum(n)


def protractor_reading(text: str, n: list[Any]) -> Any:
    if "draws an angle" in text:
        return n[0] + n[1]
    return abs(n[1] - n[0])


def angle_addition(text: str, n: list[Any]) -> Any:
    if "whole angle" in text:
        return n[0] + n[1]
    if "right angle" in text:
        return 90 - n[0]
    if "straight line" in text:
        return 180 - n[0]
    if "around a point" in text:
        return 360 - sum(n)
    return n[0] - n[1] - n[2]


def lines_rays_angles(text: str, n: list[Any]) -> Any:
    if "endpoints" in text:
        return 2 * n[0] + n[1]
    angles = [v for v in n[1:]]
    acute = sum(1 for a in angles if a < 90)
    right = sum(1 for a in angles if a == 90)
    obtuse = sum(1 for a in angles if 90 < a < 180)
    if "right or obtuse" in text:
        return sympy.Integer(right + obtuse)
    if "acute and obtuse" in text:
        return sympy.Integer(acute + obtuse)
    return sympy.Integer(obtuse if text.endswith("obtuse?") else acute)


# (has a pair of parallel sides, how many pairs, has a square corner), as a reader knows them
_SHAPE = {
    "square": (2, True),
    "rectangle": (2, True),
    "rhombus with no right angles": (2, False),
    "parallelogram with no right angles": (2, False),
    "trapezoid with no right angles": (1, False),
    "trapezoid with two right angles": (1, True),
    "right triangle": (0, True),
    "triangle with no right angle": (0, False),
    "regular hexagon": (3, False),
    "regular pentagon": (0, False),
    "kite with no right angles": (0, False),
}


def classify_shapes(text: str, n: list[Any]) -> Any:
    if text.startswith("Triangle"):
        for label, a, b, c in re.findall(
            r"Triangle (\d) has angles of (\d+), (\d+) and (\d+)", text
        ):
            if 90 in (int(a), int(b), int(c)):
                return sympy.Integer(int(label))
        raise AssertionError(text)
    shapes = [_SHAPE[s] for s in re.findall(r"is a ([a-z ]+)\.", text)]
    if "do they have in all" in text:
        return sympy.Integer(sum(p for p, _ in shapes))
    if "both" in text:
        return sympy.Integer(sum(1 for p, r in shapes if p and r))
    if "perpendicular" in text:
        return sympy.Integer(sum(1 for _, r in shapes if r))
    return sympy.Integer(sum(1 for p, _ in shapes if p))


_LETTER = dict.fromkeys("AMTUVWYBCDE", 1) | dict.fromkeys("HIX", 2)
_FIGURE = {
    "square": 4,
    "rectangle that is not a square": 2,
    "triangle with three equal sides": 3,
    "triangle with just two equal sides": 1,
    "triangle with no equal sides": 0,
    "regular pentagon": 5,
    "regular hexagon": 6,
    "regular octagon": 8,
    "parallelogram with no right angles": 0,
    "rhombus that is not a square": 2,
    "kite": 1,
}


def lines_of_symmetry(text: str, n: list[Any]) -> Any:
    if "capital letters" in text:
        letters = _grab(text, r"letters: ([A-Z, ]+)\.")[0].split(", ")
        if "How many of them" in text:
            return sympy.Integer(sum(1 for c in letters if _LETTER.get(c, 0)))
        return sympy.Integer(sum(_LETTER.get(c, 0) for c in letters))
    if text.startswith("Look at"):
        return sympy.Integer(sum(1 for s in re.findall(r"is a ([a-z ]+)\.", text) if _FIGURE[s]))
    if "The first is" in text:
        return sympy.Integer(sum(_FIGURE[s] for s in re.findall(r"is a ([a-z ]+)\.", text)))
    listed = _grab(text, r"Think of a (.+)\. How")[0]
    return sympy.Integer(sum(_FIGURE[s] for s in re.split(r", a | and a ", listed)))


SOLVERS: dict[str, Callable[[str, list[Any]], Any]] = {
    "smaller_unit_conversion": smaller_unit_conversion,
    "measurement_stories": measurement_stories,
    "rectangle_area_perimeter": rectangle_area_perimeter,
    "fraction_line_plot": fraction_line_plot,
    "clock_turn": clock_turn,
    "angle_circle_fraction": angle_circle_fraction,
    "one_degree_angles": one_degree_angles,
    "protractor_reading": protractor_reading,
    "angle_addition": angle_addition,
    "lines_rays_angles": lines_rays_angles,
    "classify_shapes": classify_shapes,
    "lines_of_symmetry": lines_of_symmetry,
}
RIGHT: dict[str, Callable[[str, Any, Any], bool]] = {}
# families whose items are about a picture: each draws one for every tier and kind
DRAWN: set[str] = {
    "rectangle_area_perimeter",
    "fraction_line_plot",
    "protractor_reading",
    "angle_addition",
}
