"""Independent solvers for the audit of `edugen.content.families.grade4_number`:
each works a key out again from the question text alone, sharing no code with the families."""

from __future__ import annotations

import re
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import sympy

_AMOUNT = re.compile(r"\d+ \d+/\d+|\d+/\d+|\d+\.\d+|\d+")


def _v(text: str) -> Any:
    """ "12", "3/4", "0.45" or a mixed number "2 1/4" as an exact value."""
    return sum((sympy.Rational(Fraction(p)) for p in text.split()), sympy.Integer(0))


def _grab(text: str, pattern: str) -> list[str]:
    found = re.search(pattern, text)
    assert found, f"{text!r} does not read as {pattern!r}"
    return list(found.groups())


def _ints(text: str) -> list[int]:
    return [int(t) for t in re.findall(r"\d+", text)]


def _amounts(text: str) -> list[Any]:
    return [_v(m) for m in _AMOUNT.findall(text)]


def times_as_many(text: str, n: list[Any]) -> Any:
    if text.startswith("What number is"):
        return n[0] * n[1]
    if "how many times" in text:
        return n[0] / n[1]
    whole, times = _grab(text, r"(\d+) is (\d+) times as many as what")
    return _v(whole) / _v(times)


def comparison_problems(text: str, n: list[Any]) -> Any:
    if "That is" in text or "how many times" in text:
        return n[0] / n[1]
    small, times = n[0], n[1]
    big = small * times
    if "in all" in text:
        return big + small
    if "How many more" in text:
        return big - small
    return big


def multistep_problems(text: str, n: list[Any]) -> Any:
    if "boxes" in text:
        return n[0] * n[1] + n[2]
    if "gives away" in text:
        return n[0] * n[1] - n[2]
    if "tables of" in text:
        people, seats = n[0] * n[1] + n[2], n[3]
        return sympy.ceiling(people / seats) if "needed" in text else people % seats
    if "vans" in text:
        return sympy.ceiling(n[0] / n[1])
    return sympy.floor(n[0] / n[1])


def factors_and_primes(text: str, n: list[Any]) -> Any:
    if "factor pairs" in text:
        v = int(n[0])
        return sympy.Integer(
            len({tuple(sorted((d, v // d))) for d in range(1, v + 1) if v % d == 0})
        )
    if "factors does" in text:
        return sympy.Integer(len(sympy.divisors(int(n[0]))))
    if "prime:" in text:
        return next(v for v in n if sympy.isprime(int(v)))
    if "multiple of" in text:
        return next(v for v in n[1:] if v % n[0] == 0)
    return sympy.Integer(
        sum(1 for v in range(int(n[0]), int(n[1]) + 1) if sympy.divisor_count(v) > 2)
    )


def pattern_rule(text: str, n: list[Any]) -> Any:
    if text.startswith("Shape 1"):
        first, more, goal = n[1], n[2], n[3]
        shape, count = 1, first
        while count < goal:
            shape, count = shape + 1, count + more
        return sympy.Integer(shape)
    start, rule, size = n[0], n[1], int(n[2])
    verb = _grab(text, r"rule is (\w+)")[0]
    terms = [start]
    for _ in range(size - 1):
        last = terms[-1]
        terms.append(
            last + rule if verb == "add" else last - rule if verb == "subtract" else last * rule
        )
    if "odd" in text:
        return sympy.Integer(sum(1 for t in terms if t % 2 == 1))
    return terms[-1]


_PLACE = {"ones": 1, "tens": 10, "hundreds": 100, "thousands": 1000}
_PLACE |= {"ten thousands": 10_000, "hundred thousands": 100_000}


def ten_times_place(text: str, n: list[Any]) -> Any:
    if "value of the digit" in text:
        digit, number = _grab(text, r"digit (\d) in (\d+)")
        return _v(digit) * 10 ** (len(number) - number.find(digit) - 1)
    if "two times" in text:
        digit, number = _grab(text, r"digit (\d) is in (\d+)")
        first, last = number.find(digit), number.rfind(digit)
        return sympy.Integer(10) ** (last - first)
    if "ten times what" in text:
        return n[0] / 10
    if "ten times" in text:
        return n[0] * 10
    unit, rest = _grab(text, r"How many (\w+) are in (.+)\?")
    count, *place = rest.split(" ", 1)
    return _v(count) * _PLACE.get(place[0] if place else "ones", 1) / _PLACE[unit]


_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
} | {
    w: 10 * i
    for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())
    if i > 1
}


def read_write_compare(text: str, n: list[Any]) -> Any:
    if text.startswith("Which number"):
        return max(n) if "greatest" in text else min(n)
    if "ten thousands" in text:
        return n[0] * 10000 + n[1] * 100 + n[2]
    if "+" in text:
        return sum(n)
    words = _grab(text, r"It is (.+)\. Write")[0]
    value, group = 0, 0
    for w in re.split(r"[\s,-]+", words):
        if w == "hundred":
            group *= 100
        elif w == "thousand":
            value, group = value + group * 1000, 0
        elif w:
            group += _WORDS[w]
    return sympy.Integer(value + group)


def round_whole_numbers(text: str, n: list[Any]) -> Any:
    if text.startswith("Round"):
        place = _grab(text, r"nearest ([a-z ]+)\.")[0]
        step = {
            "ten": 10,
            "hundred": 100,
            "thousand": 1000,
            "ten thousand": 10_000,
            "hundred thousand": 100_000,
        }[place]
        return sympy.floor(n[0] / step + sympy.Rational(1, 2)) * step
    target = int(n[0])
    fits = [v for v in range(target - 200, target + 200) if (v + 50) // 100 * 100 == target]
    return sympy.Integer(min(fits) if "least" in text else max(fits))


def column_add_subtract(text: str, n: list[Any]) -> Any:
    if "library" in text:
        return n[0] + n[1] - n[2]
    return n[0] + n[1] if " + " in text else n[0] - n[1]


def divide_with_remainders(text: str, n: list[Any]) -> Any:
    if "remainder when" in text:
        return sympy.Mod(n[0], n[1])
    if "quotient is" in text:
        return n[0] * n[1] + n[2]
    return n[0] / n[1]


def equivalent_fraction_model(text: str, n: list[Any]) -> Any:
    left, right = _grab(text, r"(\d+/\d+|□/\d+|\d+/□) = (\d+/\d+|□/\d+|\d+/□)\.")
    known, unknown = (left, right) if "□" in right else (right, left)
    top, bottom = unknown.split("/")
    if top == "□":
        return _v(known) * int(bottom)
    return int(top) / _v(known)


def compare_unlike_fractions(text: str, n: list[Any]) -> Any:
    listed = n[1:] if "than 1/2" in text else n
    if "than 1/2" in text:
        return next(v for v in listed if v > sympy.Rational(1, 2))
    return max(listed) if "greatest" in text else min(listed)


def unit_fraction_sums(text: str, n: list[Any]) -> Any:
    if text.startswith("What is"):
        return sum(n)
    unit = n[0]
    total = _v(_grab(text, r"(?:add up to|sum is) (.+?)[.?]")[0])
    return total / unit


def add_subtract_like_fractions(text: str, n: list[Any]) -> Any:
    expr = _grab(text, r"What is (.+)\?")[0]
    signs = [1] + [1 if s == "+" else -1 for s in re.findall(r" ([+-]) ", expr)]
    return sum(s * v for s, v in zip(signs, n, strict=True))


def decompose_fraction(text: str, n: list[Any]) -> Any:
    if text.startswith("In how many ways"):
        top = int(_grab(text, r"write (\d+)/")[0])
        return sympy.Integer(sum(1 for i in range(1, top) if i <= top - i))
    left, right = _grab(text, r"^(.+?) = (.+?)\. What")
    parts = right.split(" + ")
    box = next(p for p in parts if "□" in p)
    rest = sum((_v(p) for p in parts if p != box), sympy.Integer(0))
    return (_v(left) - rest) * int(box.split("/")[1])


def mixed_number_add_subtract(text: str, n: list[Any]) -> Any:
    first, op, second = _grab(text, r"What is (.+) ([+-]) (.+)\?")
    return _v(first) + _v(second) if op == "+" else _v(first) - _v(second)


def like_fraction_stories(text: str, n: list[Any]) -> Any:
    amounts = _amounts(text)
    if "are left" in text:
        return amounts[0] - amounts[1] - amounts[2]
    return amounts[0] + amounts[1] if "in all" in text else amounts[0] - amounts[1]


def whole_times_fraction(text: str, n: list[Any]) -> Any:
    return n[0] * n[1]


def fraction_as_unit_multiple(text: str, n: list[Any]) -> Any:
    point = _v(_grab(text, r"at (.+?) on the")[0])
    if "What fraction" in text:
        return point / _v(_grab(text, r"= (\d+) × □")[0])
    unit = _v(_grab(text, r"(\d+/\d+)(?:\. What| does it)")[0])
    return point / unit


def multiple_of_a_fraction(text: str, n: list[Any]) -> Any:
    if text.endswith("What is the sum?"):
        return n[-2] * n[-1]
    if text.startswith("□"):
        fraction, total = _grab(text, r"□ × (\S+) = (.+?)\. What")
        return _v(total) / _v(fraction)
    times, fraction, right = _grab(text, r"^(\d+) × (\S+) = (.+?)\. What")
    return _v(times) * _v(fraction) * int(right.split("/")[1])


def fraction_product_stories(text: str, n: list[Any]) -> Any:
    groups = re.findall(r"(\d+) (?:people|children|adults) each (?:get|use) (\d+/\d+)", text)
    total = sum((_v(a) * _v(b) for a, b in groups), sympy.Integer(0))
    if "are left" in text:
        return n[0] - total
    if "smaller of the two" in text:
        return sympy.floor(total)
    return total


def tenths_and_hundredths(text: str, n: list[Any]) -> Any:
    left, right = _grab(text, r"^(.+?) = (.+?)\. What")
    if left.startswith("□"):
        return (_v(right) - _v(left.split(" + ")[1])) * 10
    total = sum((_v(p) for p in left.split(" + ")), sympy.Integer(0))
    whole = _v(right.split()[0]) if " " in right else 0
    return (total - whole) * 100


def decimal_notation(text: str, n: list[Any]) -> Any:
    if text.startswith("What is"):
        return sum(n)
    return _v(_grab(text, r"Write (.+) as a decimal")[0])


def compare_decimals(text: str, n: list[Any]) -> Any:
    return max(n) if "greatest" in text else min(n)


SOLVERS: dict[str, Callable[[str, list[Any]], Any]] = {
    "times_as_many": times_as_many,
    "comparison_problems": comparison_problems,
    "multistep_problems": multistep_problems,
    "factors_and_primes": factors_and_primes,
    "pattern_rule": pattern_rule,
    "ten_times_place": ten_times_place,
    "read_write_compare": read_write_compare,
    "round_whole_numbers": round_whole_numbers,
    "column_add_subtract": column_add_subtract,
    "multiply_place_value": lambda text, n: n[0] * n[1],
    "divide_with_remainders": divide_with_remainders,
    "equivalent_fraction_model": equivalent_fraction_model,
    "compare_unlike_fractions": compare_unlike_fractions,
    "unit_fraction_sums": unit_fraction_sums,
    "add_subtract_like_fractions": add_subtract_like_fractions,
    "decompose_fraction": decompose_fraction,
    "mixed_number_add_subtract": mixed_number_add_subtract,
    "like_fraction_stories": like_fraction_stories,
    "whole_times_fraction": whole_times_fraction,
    "fraction_as_unit_multiple": fraction_as_unit_multiple,
    "multiple_of_a_fraction": multiple_of_a_fraction,
    "fraction_product_stories": fraction_product_stories,
    "tenths_and_hundredths": tenths_and_hundredths,
    "decimal_notation": decimal_notation,
    "compare_decimals": compare_decimals,
}
RIGHT: dict[str, Callable[[str, Any, Any], bool]] = {}
# families whose items are about a picture: each draws one for every tier and kind
DRAWN: set[str] = {"equivalent_fraction_model", "fraction_as_unit_multiple"}
