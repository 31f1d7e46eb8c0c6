"""Independent solvers for the audit of `edugen.content.families.grade5_number`:
each works a key out again from the question text alone, sharing no code with the families."""

from __future__ import annotations

import re
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import sympy
from sympy.parsing.sympy_parser import parse_expr, standard_transformations

_NUM = re.compile(r"-?\d+(?:\.\d+)?(?:/\d+)?")
_PLACES = {
    "thousands": 1000,
    "hundreds": 100,
    "tens": 10,
    "ones": 1,
    "tenths": Fraction(1, 10),
    "hundredths": Fraction(1, 100),
    "thousandths": Fraction(1, 1000),
}
_SMALL = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_DECADES = {
    w: 10 * i
    for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())
    if w != "_"
}


def _r(x: Any) -> Any:
    return sympy.Rational(Fraction(str(x)))


def _value(text: str) -> Any:
    """Exact arithmetic on what a question writes: [ ] and { } group like ( )."""
    for old, new in (("[", "("), ("]", ")"), ("{", "("), ("}", ")"), ("×", "*"), ("÷", "/")):
        text = text.replace(old, new)
    text = text.replace("^", "**")
    text = _NUM.sub(lambda m: f"Rational('{m.group()}')", text)
    return parse_expr(text, transformations=standard_transformations)


def _grab(text: str, pattern: str) -> list[str]:
    found = re.search(pattern, text)
    assert found, f"{text!r} does not read as {pattern!r}"
    return list(found.groups())


def _amounts(text: str) -> list[Fraction]:
    """Numbers in order, "3 1/4" read as one mixed number."""
    out = []
    for m in re.finditer(r"(\d+) (\d+)/(\d+)|\d+(?:\.\d+)?(?:/\d+)?", text):
        out.append(Fraction(int(m[1])) + Fraction(int(m[2]), int(m[3])) if m[1] else Fraction(m[0]))
    return out


def _spoken(words: str) -> int:
    total, current = 0, 0
    for w in words.replace("-", " ").split():
        if w == "hundred":
            current *= 100
        else:
            current += _SMALL.get(w, 0) + _DECADES.get(w, 0)
    return total + current


def two_patterns(text: str, n: list[Any]) -> Any:
    steps = [int(v) for v in re.findall(r"adds (\d+) each", text)]
    if not steps:
        rows = re.findall(r"Pattern [AB]: ([\d, ]+)\.", text)
        a, b = ([int(v) for v in row.split(", ")] for row in rows)
        return _r(Fraction(b[1], a[1]))
    p, q = steps
    if found := re.search(r"term number (\d+)", text):
        return _r(q * (int(found[1]) - 1))
    if found := re.search(r"Pattern B is at (\d+)", text):
        return _r(Fraction(int(found[1]), q) * p)
    a = int(_grab(text, r"(?:Pattern A is at|one pair is) (\d+)")[0])
    return _r(Fraction(a, p) * q)


def digit_value_ratio(text: str, n: list[Any]) -> Any:
    asked = re.findall(r"(\d) in the (\w+) place", text)
    if text.startswith("What is the value"):
        digit, place = asked[0]
        return _r(int(digit) * _PLACES[place])
    (_, left), (_, right) = asked
    return _r(Fraction(_PLACES[left]) / Fraction(_PLACES[right]))


def powers_of_ten(text: str, n: list[Any]) -> Any:
    if "10^n" in text:
        x, product = _grab(text, r"makes (\S+) × 10\^n = (\S+) true")
        ratio = Fraction(product) / Fraction(x)
        return sympy.Integer(len(str(ratio.numerator)) - 1)
    return _value(_grab(text, r"What is (.+)\?")[0])


def decimal_names(text: str, n: list[Any]) -> Any:
    name = _grab(text, r"It is (.+)\. What does")[0]
    whole, part = name.split(" and ") if " and " in name else ("zero", name)
    *count, unit = part.split()
    size = {"tenth": 10, "hundredth": 100, "thousandth": 1000}[unit.removesuffix("s")]
    return _r(_spoken(whole) + Fraction(_spoken(" ".join(count)), size))


def compare_decimals(text: str, n: list[Any]) -> Any:
    return max(n) if "greatest" in text else min(n)


def round_decimals(text: str, n: list[Any]) -> Any:
    x = Fraction(str(n[0]))
    step = {"tenth": Fraction(1, 10), "hundredth": Fraction(1, 100), "whole number": 1}[
        _grab(text, r"nearest (.+)\.")[0]
    ]
    units, rest = divmod(x, step)
    return _r((units + (1 if rest * 2 >= step else 0)) * step)


def fraction_stories(text: str, n: list[Any]) -> Any:
    a, b = _amounts(text)[:2]
    if "is left" in text:
        return _r(1 - a - b)
    if re.search(r"longer|more does|farther", text):
        return _r(a - b)
    return _r(a + b)


def fraction_as_division(text: str, n: list[Any]) -> Any:
    if "How many pizzas" in text:
        return n[0] * n[1]
    if text.startswith("Which fraction"):
        return n[0] / n[1]
    # the story names the amount with its unit and the number of shares with theirs
    amount = _grab(text, r"(\d+) (?:pizzas|pounds|feet|liters|yards)")[0]
    count = _grab(text, r"(\d+) (?:friends|lumps|equal pieces|kids|equal bows)")[0]
    return _r(Fraction(int(amount), int(count)))


def fraction_of_quantity(text: str, n: list[Any]) -> Any:
    if text.startswith("What is"):
        return n[0] * n[1]
    whole, parts, kept = n
    return whole * kept / parts


def scaling(text: str, n: list[Any]) -> Any:
    if "first photo" in text:
        factor, after = n
        return after / factor
    return n[0] * n[1]


def _choices(text: str) -> list[Any]:
    listed = _grab(text, r": ([^:]+)\?$")[0]
    return [_value(c) for c in re.split(r", | or ", listed)]


def scaling_compare(text: str, n: list[Any]) -> Any:
    values = _choices(text)
    if "greatest" in text:
        return max(values)
    if "the least" in text:
        return min(values)
    bound = n[0]
    (fit,) = [v for v in values if (v > bound if "greater than" in text else v < bound)]
    return fit


def factor_size(text: str, n: list[Any]) -> Any:
    number = n[0]
    options = _choices(text)
    if "more than half" in text:
        (fit,) = [c for c in options if number / 2 < number * c < number]
    elif "greater than" in text:
        (fit,) = [c for c in options if number * c > number]
    elif "equal to" in text:
        (fit,) = [c for c in options if number * c == number]
    else:
        (fit,) = [c for c in options if number * c < number]
    return fit


def unit_fraction(text: str, n: list[Any]) -> Any:
    if text.startswith("What is"):
        return _value(_grab(text, r"What is (.+)\?")[0])
    if "are left" in text:
        cups, serving, eaten = n
        return cups / serving - eaten
    unit = next(v for v in n if v < 1)
    whole = next(v for v in n if v >= 1)
    sharing = re.search(r"shares it|split equally|splits it|uses it equally", text)
    return unit / whole if sharing else whole / unit


def _mixed_sum(text: str, n: list[Any]) -> Any:
    expr = _grab(text, r"What is (.+)\?")[0]
    left, op, right = _grab(expr, r"^(.+) ([-+]) (.+)$")
    a, b = _amounts(left)[0], _amounts(right)[0]
    return _r(a + b if op == "+" else a - b)


SOLVERS: dict[str, Callable[[str, list[Any]], Any]] = {
    **dict.fromkeys(
        ("grouping_symbols", "expanded_decimal", "column_multiplication"),
        lambda text, n: _value(_grab(text, r"What (?:number )?is (.+)\?")[0]),
    ),
    "two_patterns": two_patterns,
    "digit_value_ratio": digit_value_ratio,
    "times_power_of_ten": powers_of_ten,
    "decimal_names": decimal_names,
    "compare_thousandths": compare_decimals,
    "round_decimals": round_decimals,
    "unlike_fractions": _mixed_sum,
    "fraction_stories": fraction_stories,
    "fraction_as_division": fraction_as_division,
    "fraction_of_quantity": fraction_of_quantity,
    "fraction_side_area": lambda text, n: _r(_amounts(text)[0] * _amounts(text)[1]),
    "scaling": scaling,
    "scaling_compare": scaling_compare,
    "factor_size": factor_size,
    "mixed_product_stories": lambda text, n: _r(_amounts(text)[0] * _amounts(text)[1]),
    **dict.fromkeys(
        ("unit_fraction_shared", "whole_by_unit_fraction", "unit_fraction_stories"), unit_fraction
    ),
}
# families whose answer is right in a way `same` cannot tell: none here
RIGHT: dict[str, Callable[[str, Any, Any], bool]] = {}
# families whose items are about a picture: each draws one for every tier and kind
DRAWN: set[str] = {"fraction_of_quantity", "fraction_side_area"}
