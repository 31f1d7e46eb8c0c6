"""Independent solvers for the audit of `edugen.content.families.grade8_number`:
each works a key out again from the question text alone, sharing no code with the families."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import sympy


def _grab(text: str, pattern: str) -> list[str]:
    found = re.search(pattern, text)
    assert found, f"{text!r} does not read as {pattern!r}"
    return list(found.groups())


def _listed(text: str) -> list[str]:
    first, last = text.rsplit(" and ", 1)
    return [*first.split(", "), last]


def repeating_decimal(text: str, n: list[Any]) -> Any:
    whole, digits, block = _grab(text, r"In (\d+)\.(\d+)\.\.\., the digits? (\d+) repeats?")
    # the repeat starts at the first place from which the digits shown follow the block
    start = next(i for i in range(len(digits)) if digits[i:] == (block * 9)[: len(digits) - i])
    before = digits[:start]
    # x·10^(p+b) - x·10^p leaves a whole number: the classic subtraction
    top = int(whole + before + block) - int(whole + before)
    return sympy.Rational(top, 10**start * (10 ** len(block) - 1))


def _is_square(n: int) -> bool:
    return math.isqrt(n) ** 2 == n


def _rational(entry: str) -> bool:
    if "π" in entry:
        return False
    if found := re.fullmatch(r"√(\d+) × √(\d+)", entry):
        return _is_square(int(found[1]) * int(found[2]))
    if found := re.fullmatch(r"√(\d+) \+ \d+", entry):
        return _is_square(int(found[1]))
    if found := re.fullmatch(r"-?√\((\d+)/(\d+)\)", entry):
        return _is_square(int(found[1])) and _is_square(int(found[2]))
    if found := re.fullmatch(r"-?√(\d+)", entry):
        return _is_square(int(found[1]))
    assert re.fullmatch(r"-?\d+(?:\.\d+)?(?:\.\.\.)?|\d+/\d+", entry), entry
    return True  # a fraction, or a decimal that stops or repeats


def irrational_count(text: str, n: list[Any]) -> Any:
    entries = _listed(_grab(text, r"irrational: (.+)\?$")[0])
    return sympy.Integer(sum(not _rational(e) for e in entries))


def irrational_on_line(text: str, n: list[Any]) -> Any:
    listed, target = _grab(text, r"marks the points (.+)\. Which of them is closest to (.+)\?")
    points = [Fraction(p) for p in _listed(listed)]
    if found := re.fullmatch(r"(\d+) - √(\d+)", target):
        value = int(found[1]) - math.sqrt(int(found[2]))
    else:
        factor, radicand = _grab(target, r"^(\d*)√(\d+)$")
        value = int(factor or "1") * math.sqrt(int(radicand))
    near = sorted(points, key=lambda p: abs(float(p) - value))
    assert abs(float(near[1]) - value) - abs(float(near[0]) - value) > 0.04, text
    return sympy.Rational(near[0])


SOLVERS: dict[str, Callable[[str, list[Any]], Any]] = {
    "repeating_decimal": repeating_decimal,
    "irrational_count": irrational_count,
    "irrational_on_line": irrational_on_line,
}
# families whose answer is right in a way `same` cannot tell (e.g. any equivalent equation):
# family name -> right(question text, value, expected) -> bool
RIGHT: dict[str, Callable[[str, Any, Any], bool]] = {}
# families whose items are about a picture: each draws one for every tier and kind
DRAWN: set[str] = {"irrational_on_line"}
