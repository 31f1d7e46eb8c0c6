"""Independent solvers for the audit of `edugen.content.families.grade5_measure`:
each works a key out again from the question text alone, sharing no code with the families."""

from __future__ import annotations

import re
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import sympy

# how many of the second unit make one of the first, as a conversion chart lists them
_CHART = {
    ("kilometers", "meters"): 1000,
    ("meters", "centimeters"): 100,
    ("meters", "millimeters"): 1000,
    ("centimeters", "millimeters"): 10,
    ("kilograms", "grams"): 1000,
    ("liters", "milliliters"): 1000,
    ("feet", "inches"): 12,
    ("yards", "feet"): 3,
    ("yards", "inches"): 36,
    ("pounds", "ounces"): 16,
    ("gallons", "quarts"): 4,
    ("quarts", "pints"): 2,
    ("hours", "minutes"): 60,
}
# names a shape keeps, by the properties a question gives it
_KEEPS = [
    (
        ("four sides of the same length", "four right angles"),
        "polygon quadrilateral parallelogram rectangle rhombus square",
    ),
    (("four right angles",), "polygon quadrilateral parallelogram rectangle"),
    (("four sides of the same length",), "polygon quadrilateral parallelogram rhombus"),
    (("two pairs of parallel sides",), "polygon quadrilateral parallelogram"),
    (
        ("three sides of the same length",),
        "polygon triangle isosceles_triangle equilateral_triangle",
    ),
    (
        ("a right angle", "two sides of the same length"),
        "polygon triangle isosceles_triangle right_triangle",
    ),
    (
        ("a right angle", "three different side lengths"),
        "polygon triangle right_triangle scalene_triangle",
    ),
    (("two sides of the same length",), "polygon triangle isosceles_triangle"),
]


def _grab(text: str, pattern: str) -> list[str]:
    found = re.search(pattern, text)
    assert found, f"{text!r} does not read as {pattern!r}"
    return list(found.groups())


def _r(x: Any) -> Any:
    return sympy.Rational(Fraction(str(x)))


def _cubes(text: str) -> list[int]:
    """Each box "a cubes long, b cubes deep and c cubes tall" as its count of cubes."""
    found = re.findall(r"(\d+) cubes? long, (\d+) cubes? deep and (\d+) cubes? tall", text)
    return [int(a) * int(b) * int(c) for a, b, c in found]


def measure_conversion(text: str, n: list[Any]) -> Any:
    if "ribbon" in text:
        meters, piece = n
        return meters * 100 / piece
    if "each day" in text:
        return n[0] * n[1] / 1000
    units = re.findall(r"[a-z]+", text.split("How many ", 1)[1])
    want = units[0]
    if len(n) == 2:  # "5 feet 7 inches"
        have = units[3]
        return n[0] * _CHART[(have, want)] + n[1]
    have = units[-1]
    if (have, want) in _CHART:
        return n[0] * _CHART[(have, want)]
    return n[0] / _CHART[(want, have)]


def volume_meaning(text: str, n: list[Any]) -> Any:
    counts = [int(a) * int(b) for a, b in re.findall(r"(\d+) layers of (\d+)", text)]
    counts += [int(v) for v in re.findall(r"from (\d+) unit cubes", text)] + _cubes(text)
    a, b = counts
    return _r(a + b if "in all" in text else abs(a - b))


def unit_cube(text: str, n: list[Any]) -> Any:
    edge = int(_grab(text, r"edges of (\d+)")[0])
    return _r(_cubes(text)[0] * edge**3)


def packed_volume(text: str, n: list[Any]) -> Any:
    ln, wd, ht = n[:3]
    if "So far" in text:
        return ln * wd * ht - n[3]
    if "layer" in text and "full" in text:
        return ln * wd * (ht - n[3])
    return ln * wd * ht


def volume_problems(text: str, n: list[Any]) -> Any:
    if "Box B" in text:
        a, b = n[0] * n[1] * n[2], n[3] * n[4] * n[5]
        return a + b if "total" in text else abs(a - b)
    if "How tall" in text:
        ln, wd, volume = n
        return volume / (ln * wd)
    return n[0] * n[1] * (n[2] if len(n) > 2 else 1)


def box_layers(text: str, n: list[Any]) -> Any:
    # n[0] is the "1" of "1-cm cubes"
    if "bottom layer has" in text:
        return n[1] * n[2]
    ln, wd, ht = n[1:4]
    if "bottom layer?" in text:
        return ln * wd
    if "Two more layers" in text:
        return 2 * ln * wd
    return ln * wd * ht * (2 if "twice" in text else 1)


def prism_formula(text: str, n: list[Any]) -> Any:
    if "crate" in text:
        return n[0] * n[1] * n[2] / (n[3] * n[4] * n[5])
    if "How wide" in text:
        volume, ln, ht = n
        return volume / (ln * ht)
    return n[0] * n[1] * (n[2] if len(n) > 2 else 1)


def two_box_volume(text: str, n: list[Any]) -> Any:
    wd = n[0]
    if "has a volume of" in text:
        l1, h1, total = n[1:4]
        return total - l1 * wd * h1
    if "whole solid is" in text:
        whole, l1, h1, h2 = n[1:5]
        return l1 * wd * h1 + (whole - l1) * wd * h2
    l1, h1, l2, h2 = n[1:5]
    return l1 * wd * h1 + l2 * wd * h2


def grid_stories(text: str, n: list[Any]) -> Any:
    if "map grid" in text:
        x1, y1, x2, y2 = n
        return abs(x1 - x2) + abs(y1 - y2)
    pairs = list(zip(n[0::2], n[1::2], strict=False))
    if "one ticket" in text:
        tickets, dollars = pairs[0]
        return dollars / tickets
    if "How many more" in text:
        return abs(pairs[1][1] - pairs[0][1])
    tickets, dollars = pairs[0]
    return dollars / tickets * n[-1]


def inherited_attributes(text: str, n: list[Any]) -> Any:
    if "rectangle has sides" in text:
        return 2 * (n[0] + n[1])
    if "square is" in text:
        return 4 * n[0]
    if "next to it" in text:
        return 180 - n[1]
    if "fourth angle" in text:
        return 360 - n[1] - n[2] - n[3]
    return 180 - 90 - n[2]


def shape_hierarchy(text: str, n: list[Any]) -> Any:
    told, listed = _grab(text, r"It has (.+)\. Read these names: (.+)\. How many")
    names = [w.replace(" ", "_") for w in re.split(r", | and ", listed)]
    keeps = next(k.split() for need, k in _KEEPS if all(p in told for p in need))
    hits = sum(name in keeps for name in names)
    return _r(len(names) - hits if "do not fit" in text else hits)


SOLVERS: dict[str, Callable[[str, list[Any]], Any]] = {
    "measure_conversion": measure_conversion,
    "volume_meaning": volume_meaning,
    "unit_cube": unit_cube,
    "packed_volume": packed_volume,
    "count_cubes": lambda text, n: _r(_cubes(text)[0]),
    "volume_problems": volume_problems,
    "box_layers": box_layers,
    "prism_formula": prism_formula,
    "two_box_volume": two_box_volume,
    "grid_stories": grid_stories,
    "inherited_attributes": inherited_attributes,
    "shape_hierarchy": shape_hierarchy,
}
RIGHT: dict[str, Callable[[str, Any, Any], bool]] = {}
# families whose items are about a picture: each draws one for every tier and kind
DRAWN: set[str] = {
    "unit_cube",
    "packed_volume",
    "count_cubes",
    "box_layers",
    "two_box_volume",
    "grid_stories",
}
