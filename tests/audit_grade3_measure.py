"""Independent solvers for the audit of `edugen.content.families.grade3_measure`:
each works a key out again from the question text alone, sharing no code with the families."""

from __future__ import annotations

import re
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import sympy


def _grab(text: str, pattern: str) -> list[str]:
    found = re.search(pattern, text)
    assert found, f"{text!r} does not read as {pattern!r}"
    return list(found.groups())


def _i(text: str) -> Any:
    return sympy.Integer(int(text))


def _choices(text: str) -> dict[int, str]:
    return {int(k): v for k, v in re.findall(r"Choice (\d): ([^.]+)\.", text)}


def _only(picks: list[int]) -> Any:
    assert len(picks) == 1, picks
    return sympy.Integer(picks[0])


def elapsed_time(text: str, n: list[Any]) -> Any:
    clock = [60 * int(h) + int(m) for h, m in re.findall(r"(\d+):(\d\d)", text)]
    if "How many minutes" in text:
        return sympy.Integer(clock[1] - clock[0])
    spent = int(_grab(text, r"for (\d+) minutes")[0])
    moment = clock[0] + (spent if text.endswith("stop?") else -spent)
    return sympy.Tuple(moment // 60, moment % 60)


def mass_volume(text: str, n: list[Any]) -> Any:
    if "total mass" in text:
        return n[0] + n[1]
    if "left?" in text:
        return n[0] - n[1]
    if "like it" in text:
        return n[0] * n[1]
    return n[0] / n[1]


def scaled_graph(text: str, n: list[Any]) -> Any:
    per = re.search(r"each star stands for (\d+)", text)
    if per:
        votes = {k: int(v) * int(per[1]) for k, v in re.findall(r"(\w+): (\d+) stars", text)}
    else:
        shown = _grab(text, r"It shows (.+?)\. How")[0]
        votes = {k: int(v) for k, v in (item.rsplit(" ", 1) for item in shown.split(", "))}
    asked = text.rsplit(". ", 1)[-1]
    who = [w for w in re.findall(r"\w+", asked) if w in votes]
    if "together than" in asked:
        return sympy.Integer(votes[who[0]] + votes[who[1]] - votes[who[2]])
    if "in all" in asked:
        return sympy.Integer(votes[who[0]] + votes[who[1]])
    if "fewer" in asked or "more" in asked:
        return sympy.Integer(abs(votes[who[0]] - votes[who[1]]))
    return sympy.Integer(votes[who[0]])


def _inches(text: str) -> Fraction:
    return sum((Fraction(part) for part in text.split(" ")), Fraction(0))


def line_plot_lengths(text: str, n: list[Any]) -> Any:
    data = [_inches(t) for t in _grab(text, r"inches are (.+?)\. The")[0].split(", ")]
    asked = text.split("shows them. ")[1]
    sizes = [_inches(t) for t in re.findall(r"(\d+(?: \d+/\d+)?|\d+/\d+) inches", asked)]
    if "longer than" in asked:
        return sympy.Integer(len([x for x in data if x > sizes[0]]))
    if "shorter than" in asked:
        return sympy.Integer(len([x for x in data if x < sizes[0]]))
    counts = [data.count(s) for s in sizes]
    return sympy.Integer(counts[0] - counts[1] if len(counts) == 2 else counts[0])


_PLURALS = {
    "units": "unit",
    "centimeters": "centimeter",
    "meters": "meter",
    "inches": "inch",
    "feet": "foot",
}


def _square_units(choice: str, unit: str) -> Fraction | None:
    """How many square `unit`s a described shape covers (None: no area, or another unit)."""
    words = choice.replace(",", "").split()
    if {"line", "circle", "triangle"} & set(words):
        return None
    at = [i for i, w in enumerate(words) if re.fullmatch(r"\d+(?:/\d+)?", w)]
    if any(_PLURALS.get(words[i + 1], words[i + 1]) != unit for i in at):
        return None
    sizes = [Fraction(words[i]) for i in at]
    if "halves" in words:
        return Fraction(1)
    if "rectangle" in words:
        return sizes[0] * sizes[1]
    return sizes[0] ** 2


def unit_square(text: str, n: list[Any]) -> Any:
    listed = _choices(text)
    if "table top" in text:
        return _only([k for k, v in listed.items() if v.startswith("squares")])
    if text.split("?")[0].endswith("What is its area"):
        unit = _grab(text, r"sides 1 (\w+) long")[0]
        return _only([k for k, v in listed.items() if v == f"1 square {unit}"])
    unit = _grab(text, r"area of 1 square (\w+)\?")[0]
    ones = [k for k, v in listed.items() if _square_units(v, unit) == 1]
    if "NOT" in text:
        return _only([k for k in listed if k not in ones])
    return _only(ones)


def cover_squares(text: str, n: list[Any]) -> Any:
    if "The rows have" in text:
        return sum(n)
    if "rows of" in text:
        return n[0] * n[1]
    laid = n[0]
    if "sit on top" in text:
        return laid - n[1] + n[2]
    return laid + n[1]


def count_squares(text: str, n: list[Any]) -> Any:
    rows = _grab(text, r"The rows have (.+?) squares")[0]
    return sum((_i(t) for t in re.findall(r"\d+", rows)), sympy.Integer(0))


def tile_rectangle(text: str, n: list[Any]) -> Any:
    if "How many squares are in each row" in text:
        return n[1] / n[0]
    return n[0] * n[1]


def rectangle_area(text: str, n: list[Any]) -> Any:
    if "How much more" in text:
        return n[0] * n[1] - n[2] * n[3]
    if "total floor area" in text:
        return n[0] * n[1] + n[2] * n[3]
    if "How wide" in text:
        return n[0] / n[1]
    return n[0] * n[1]


def area_split(text: str, n: list[Any]) -> Any:
    if "=" in text:
        left, right = _grab(text, r"true\? (.+) = (.+)$")
        u = sympy.Symbol("u")

        def side(s: str) -> Any:
            return sum(
                (
                    sympy.Mul(*(u if f == "?" else _i(f) for f in term.split(" × ")))
                    for term in s.split(" + ")
                ),
                sympy.Integer(0),
            )

        (value,) = sympy.solve(side(left) - side(right), u)
        return value
    if re.search(r"What is \d", text):
        terms = _grab(text, r"What is (.+)\?$")[0].split(" + ")
        return sum((sympy.Mul(*map(_i, t.split(" × "))) for t in terms), sympy.Integer(0))
    tall = n[0]
    return tall * (n[-2] + n[-1])


def rectilinear_area(text: str, n: list[Any]) -> Any:
    bottom, left, top, right = n
    box = bottom * left
    corner = (bottom - top) * (left - right)
    return corner if "full rectangle" in text else box - corner


def area_operations(text: str, n: list[Any]) -> Any:
    if "square corners" in text:
        return rectilinear_area(text, n)
    if "split" in text:
        return area_split(text, n)
    return tile_rectangle(text, n)


def perimeter(text: str, n: list[Any]) -> Any:
    if "How wide" in text:
        return (n[0] - 2 * n[1]) / 2
    if "rectangle is" in text:
        return 2 * (n[0] + n[1])
    if "marked ?" in text:
        return n[1] - sum(n[2:])
    return sum(n[1:])


# sides, every side the same length, every corner a square corner
_FACTS = {
    "triangle": (3, False, False),
    "pentagon": (5, False, False),
    "hexagon": (6, False, False),
    "circle": (0, False, False),
    "trapezoid": (4, False, False),
    "rhombus": (4, True, False),
    "rectangle": (4, False, True),
    "square": (4, True, True),
}


def _is_a(x: str, y: str) -> bool:
    if y == "quadrilateral":
        return _FACTS[x][0] == 4
    sides, same, square = _FACTS[y]
    return _FACTS[x][0] == sides and (_FACTS[x][1] or not same) and (_FACTS[x][2] or not square)


def shape_categories(text: str, n: list[Any]) -> Any:
    listed = _choices(text)
    if "Which one is true" in text:
        return _only(
            [k for k, v in listed.items() if _is_a(*_grab(v, r"Every (\w+) is an? (\w+)"))]
        )
    if "in common" in text:
        x, y = _grab(text, r"draws an? (\w+) and an? (\w+)")
        shared = {
            "4 sides": _FACTS[x][0] == 4 == _FACTS[y][0],
            "4 sides of the same length": _FACTS[x][1] and _FACTS[y][1],
            "4 square corners": _FACTS[x][2] and _FACTS[y][2],
            "3 corners": False,
        }
        return _only([k for k, v in listed.items() if shared[v]])
    shape = {k: _FACTS[v.split()[-1]] for k, v in listed.items()}
    if "NOT a quadrilateral" in text:
        return _only([k for k, f in shape.items() if f[0] != 4])
    if "Which shape is a quadrilateral" in text:
        return _only([k for k, f in shape.items() if f[0] == 4])
    want = (
        4,
        "all the same length" in text and "not all" not in text,
        "square corners." in text and "no square" not in text,
    )
    return _only([k for k, f in shape.items() if f == want])


def equal_parts(text: str, n: list[Any]) -> Any:
    parts = _i(_grab(text, r"cut into (\d+) equal")[0])
    if m := re.search(r"area of (\d+) square units", text):
        return _i(m[1]) / parts
    if m := re.search(r"shades (\d+) of", text):
        return _i(m[1]) / parts
    return 1 / parts


SOLVERS: dict[str, Callable[[str, list[Any]], Any]] = {
    "elapsed_time": elapsed_time,
    "mass_volume": mass_volume,
    "scaled_graph": scaled_graph,
    "line_plot_lengths": line_plot_lengths,
    "area_meaning": lambda text, n: (
        unit_square(text, n) if "Choice 1:" in text else cover_squares(text, n)
    ),
    "unit_square": unit_square,
    "cover_squares": cover_squares,
    "count_squares": count_squares,
    "area_operations": area_operations,
    "tile_rectangle": tile_rectangle,
    "rectangle_area": rectangle_area,
    "area_split": area_split,
    "rectilinear_area": rectilinear_area,
    "perimeter": perimeter,
    "shape_categories": shape_categories,
    "equal_parts": equal_parts,
}
RIGHT: dict[str, Callable[[str, Any, Any], bool]] = {}
# families whose items are about a picture: each draws one for every tier and kind
DRAWN: set[str] = {
    "elapsed_time",
    "scaled_graph",
    "line_plot_lengths",
    "count_squares",
    "area_operations",
    "tile_rectangle",
    "area_split",
    "rectilinear_area",
    "perimeter",
    "equal_parts",
}
