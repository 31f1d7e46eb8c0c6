"""Audit of 1,000 generated items: each answer key is worked out again here, from the question
text alone, by code that shares nothing with the families (their own `check` is only a second
opinion)."""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable
from fractions import Fraction
from functools import reduce
from itertools import cycle
from typing import Any

import sympy
from sympy.parsing.sympy_parser import (
    implicit_multiplication_application,
    parse_expr,
    standard_transformations,
)

from edugen.content.cores import ItemCore
from edugen.content.families import all_families
from tests.audits import AUDITS

AUDIT_RIGHT: dict[str, Callable[[str, Any, Any], bool]] = {
    name: f for m in AUDITS for name, f in getattr(m, "RIGHT", {}).items()
}

AUDIT_SIZE = 1000
x, y = sympy.symbols("x y")
# A number as written; a minus sign belongs to it only after a space, "(", "|" or at the start.
TOKEN = re.compile(r"(?:(?:^|(?<=[\s(|]))-)?\d+(?:\.\d+)?(?:/\d+)?")
ALGEBRA = (*standard_transformations, implicit_multiplication_application)
RELATIONS = {"<": sympy.Lt, ">": sympy.Gt, "≤": sympy.Le, "≥": sympy.Ge}
ARITHMETIC = {
    "whole_division",
    "long_division",
    "decimal_operations",
    "decimal_methods",
    "fraction_multiplication",
    "unit_fraction_division",
    "fraction_division",
    "order_of_operations",
    "absolute_value",
}


def q(number: str) -> Any:
    return sympy.Rational(Fraction(number))


def algebra(text: str) -> Any:
    """Evaluate what a question writes: 3/4 ÷ 1/8, |-3| + 2, 3(x + 2), x^2 + 5."""
    text = re.sub(r"\|([^|]*)\|", r"Abs(\1)", text)
    text = TOKEN.sub(lambda m: f"Rational('{m.group()}')", text)
    for old, new in (("×", "*"), ("÷", "/"), ("^", "**")):
        text = text.replace(old, new)
    return parse_expr(text, local_dict={"x": x, "y": y}, transformations=ALGEBRA)


def read(answer: str) -> Any:
    """An answer or option as a value."""
    if ":" in answer:
        return sympy.Tuple(*map(q, answer.split(":")))
    if "," in answer:
        return sympy.Tuple(*(q(p.strip()) for p in answer.strip("()").split(",")))
    if found := re.fullmatch(r"x ([<>≤≥]) (\S+)", answer):
        return RELATIONS[found[1]](x, q(found[2]))
    if "=" in answer:
        left, right = answer.split(" = ")
        return sympy.Eq(algebra(left), algebra(right))
    return q(answer) if TOKEN.fullmatch(answer) else algebra(answer)


def same(a: Any, b: Any) -> bool:
    if isinstance(a, sympy.Tuple) or isinstance(b, sympy.Tuple):
        return isinstance(a, sympy.Tuple) and isinstance(b, sympy.Tuple) and tuple(a) == tuple(b)
    if isinstance(a, sympy.core.relational.Relational):
        return sympy.solveset(a, x, sympy.S.Reals) == sympy.solveset(b, x, sympy.S.Reals)
    return bool(sympy.simplify(a - b) == 0)


def between(text: str, pattern: str) -> list[str]:
    found = re.search(pattern, text)
    assert found, f"{text!r} does not read as {pattern!r}"
    return list(found.groups())


def points(text: str) -> list[tuple[Any, Any]]:
    # numbers only: a typed point's "Write it as (x, y)" is not a point
    return [(q(a), q(b)) for a, b in re.findall(r"\((-?[\d./]+), (-?[\d./]+)\)", text)]


# --- one independent solver per family: (question, its numbers) -> the right answer ----------


def ratio_language(text: str, n: list[Any]) -> Any:
    counts = {color: q(count) for count, color in re.findall(r"(\d+) (\w+) tiles", text)}
    total = sum(counts.values())
    left, right = between(text, r"ratio of (\w+) tiles to (.+?), in simplest form")
    if right == "all tiles":
        second = total
    elif right.startswith("tiles that are not "):
        second = total - counts[right.split()[-1]]
    else:
        second = counts[right.split()[0]]
    g = sympy.igcd(counts[left], second)
    return sympy.Tuple(counts[left] / g, second / g)


def ratio_table(text: str, n: list[Any]) -> Any:
    a, b, c, d = between(text, r"ratios (\S+):(\S+) and (\S+):(\S+) equivalent")
    return q(b) * q(c) / q(a) if d == "?" else q(a) * q(d) / q(b)


def percent(text: str, n: list[Any]) -> Any:
    if text.startswith("What is"):
        return n[0] * n[1] / 100
    if "what percent" in text:
        return 100 * n[0] / n[1]
    return n[0] * 100 / n[1]


def signed_quantity(text: str, n: list[Any]) -> Any:
    found = re.findall(r"(\d\S*) \w+ (\w+)", text)
    negative = ("below", "withdrawn", "lost", "behind", "west")
    values = [q(v) * (-1 if w in negative else 1) for v, w in found]
    return abs(values[0] - values[1]) if " apart " in text else values[1]


def reflection(text: str, n: list[Any]) -> Any:
    px, py = n
    for axis in re.findall(r"([xy])-axis", text):
        px, py = (px, -py) if axis == "x" else (-px, py)
    return sympy.Tuple(px, py)


def coordinate_distance(text: str, n: list[Any]) -> Any:
    (x1, y1), (x2, y2) = points(text)
    if "perimeter" in text:
        return 2 * (abs(x1 - x2) + abs(y1 - y2))
    return sympy.sqrt((x1 - x2) ** 2 + (y1 - y2) ** 2)


def first_quadrant(text: str, n: list[Any]) -> Any:
    (px, py), *_ = points(text)
    moves = {"right": (1, 0), "left": (-1, 0), "up": (0, 1), "down": (0, -1)}
    for count, way in re.findall(r"(\d+) units? (\w+)", text):
        px, py = px + int(count) * moves[way][0], py + int(count) * moves[way][1]
    return sympy.Tuple(px, py)


def words_to_expression(text: str, n: list[Any]) -> Any:
    words = between(text, r'"(.+)"')[0]
    value = {"add": n[0] + n[1], "subtract": n[1] - n[0], "multiply": n[0] * n[1]}[words.split()[0]]
    for step, c in zip(words.split(", then ")[1:], n[2:], strict=True):
        verb = step.split()[0]
        value = {"add": value + c, "subtract": value - c, "multiply": value * c}.get(
            verb, value / c
        )
    return value


def evaluate_expression(text: str, n: list[Any]) -> Any:
    expr, when = between(text, r"value of (.+) when (.+)\?")
    values = {sympy.Symbol(name): q(v) for name, v in re.findall(r"(\w) = (\S+?)(?= and|$)", when)}
    return algebra(expr).subs(values)


def write_inequality(text: str, n: list[Any]) -> Any:
    bound = n[0]
    if "number line" in text:
        up, closed = "to the right" in text, "closed circle" in text
    else:
        words = between(text, r'"x is (.+) \S+"')[0]
        up = any(w in words for w in ("more", "greater", "least"))
        closed = words.startswith(("at ", "no "))
        up = up != words.startswith("no ")
    return (
        (sympy.Ge if closed else sympy.Gt)(x, bound)
        if up
        else (sympy.Le if closed else sympy.Lt)(x, bound)
    )


def polygon_area(text: str, n: list[Any]) -> Any:
    if "trapezoid" in text:
        return (n[0] + n[1]) * n[2] / 2
    if "parallelogram" in text:
        return n[0] * n[2]  # base, slanted side, height
    return n[0] * n[1] / 2


def coordinate_polygon(text: str, n: list[Any]) -> Any:
    corners = points(text)
    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
    w, h = max(xs) - min(xs), max(ys) - min(ys)
    if len(corners) == 2:
        return w + h  # a horizontal side
    if "perimeter" in text:
        return 2 * (w + h)
    return w * h / (2 if len(corners) == 3 else 1)


def surface_area(text: str, n: list[Any]) -> Any:
    if "cube" in text:
        return 6 * n[0] ** 2
    if "triangular" in text:
        a, b, c, length = n
        assert a**2 + b**2 == c**2
        return a * b + (a + b + c) * length
    a, b, c = n
    return 2 * (a * b + b * c + a * c)


def halves(values: list[Any]) -> tuple[list[Fraction], list[Fraction]]:
    data = sorted(Fraction(str(v)) for v in values)
    return data[: len(data) // 2], data[(len(data) + 1) // 2 :]


def line_plot(text: str, n: list[Any]) -> Any:
    if "difference" in text:
        return max(n) - min(n)
    return sum(n) / (len(n) if "shared equally" in text else 1)


def center_and_spread(text: str, n: list[Any]) -> Any:
    data = [Fraction(str(v)) for v in n]
    measure = {"mean": statistics.mean, "median": statistics.median}.get(
        text.split()[3], lambda d: max(d) - min(d)
    )
    return q(str(measure(data)))


def box_plot(text: str, n: list[Any]) -> Any:
    if "histogram" in text:
        *data, low, high = n
        return sympy.Integer(len([v for v in data if low <= v <= high]))
    lower, upper = halves(n)
    pick = {"median": [*lower, *upper], "lower quartile": lower, "upper quartile": upper}
    return q(str(statistics.median(pick[between(text, r"what is the (.+)\?")[0]])))


def describe_data(text: str, n: list[Any]) -> Any:
    if "decrease" in text:
        *data, removed = n
        kept = list(data)
        kept.remove(removed)
        return sum(data) / len(data) - sum(kept) / len(kept)
    if "interquartile" in text:
        lower, upper = halves(n)
        return q(str(statistics.median(upper) - statistics.median(lower)))
    center = sum(n) / len(n)
    return sum(abs(v - center) for v in n) / len(n)


SOLVERS: dict[str, Callable[[str, list[Any]], Any]] = {
    **dict.fromkeys(ARITHMETIC, lambda text, n: algebra(between(text, r"What is (.+?)\?")[0])),
    "factor_count": lambda text, n: (
        sympy.Integer(sum(sympy.isprime(k) for k in range(n[0], n[1] + 1)))
        if "prime" in text
        else sum(sympy.divisors(n[0]))
        if "sum" in text
        else max(sympy.divisors(n[0])[:-1])
        if "largest" in text
        else sympy.Integer(len(sympy.divisors(n[0])))
    ),
    "greatest_common_factor": lambda text, n: reduce(sympy.igcd, n),
    "least_common_multiple": lambda text, n: reduce(sympy.ilcm, n),
    "ratio_language": ratio_language,
    **dict.fromkeys(
        ("unit_rate", "rate_problem", "unit_conversion"),
        lambda text, n: n[1] * (n[2] if len(n) > 2 else 1) / n[0],
    ),
    "ratio_table": ratio_table,
    "percent": percent,
    "signed_quantity": signed_quantity,
    "opposites": lambda text, n: n[0] * (-1) ** len(re.findall("opposite", text)),
    "reflection": reflection,
    "ordering": lambda text, n: sympy.Tuple(*sorted(n)),
    "coordinate_distance": coordinate_distance,
    "first_quadrant": first_quadrant,
    "words_to_expression": words_to_expression,
    "evaluate_expression": evaluate_expression,
    **dict.fromkeys(
        ("distributive_property", "equivalent_expressions"),
        lambda text, n: algebra(between(text, r"equivalent to (.+)\?")[0]),
    ),
    "solution_check": lambda text, n: read(between(text, r"makes (.+) true")[0]),
    "one_step_equation": lambda text, n: sympy.solveset(
        read(between(text, r"Solve (.+) for x")[0]), x, sympy.S.Reals
    ),
    "write_inequality": write_inequality,
    "table_rule": lambda text, n: list(zip(n[: len(n) // 2], n[len(n) // 2 :], strict=True)),
    "polygon_area": polygon_area,
    "box_volume": lambda text, n: (
        n[1] * n[2] * n[3] / n[0] ** 3 if "cubes" in text else n[0] * n[1] * n[2]
    ),
    "coordinate_polygon": coordinate_polygon,
    "surface_area": surface_area,
    "line_plot": line_plot,
    "center_and_spread": center_and_spread,
    "box_plot": box_plot,
    "describe_data": describe_data,
    **{name: f for m in AUDITS for name, f in m.SOLVERS.items()},
}


def right(family: str, text: str, value: Any, expected: Any) -> bool:
    """Whether `value` answers the question whose worked-out result is `expected`."""
    if family in AUDIT_RIGHT:
        return AUDIT_RIGHT[family](text, value, expected)
    if family == "solution_check":  # any value that makes the relation true
        return bool(expected.subs(x, value))
    if family == "one_step_equation":
        return expected == sympy.FiniteSet(value)
    if family == "table_rule":
        return isinstance(value, sympy.Eq) and all(
            bool(value.subs({x: a, y: b})) for a, b in expected
        )
    return same(value, expected)


def audit_items() -> list[ItemCore]:
    items: list[ItemCore] = []
    families = all_families()
    seeds = cycle(range(10_000))
    while len(items) < AUDIT_SIZE:
        seed = next(seeds)
        for fam in families:
            tier = 1 + (seed + len(items)) % 5
            items.append(fam.generate(tier, seed, fam.kinds[seed % len(fam.kinds)]))
    return items[:AUDIT_SIZE]


def test_solvers_cover_every_family() -> None:
    assert set(SOLVERS) == {f.name for f in all_families()}


def test_audit_of_generated_answer_keys() -> None:
    families = {f.name: f for f in all_families()}
    items = audit_items()
    failures: list[str] = []
    for core in items:
        where = f"{core.family} tier {core.tier} seed {core.seed}: {core.question}"
        text = core.question
        written = TOKEN.findall(text)
        if written != core.numbers:
            failures.append(f"{where}: numbers {core.numbers} but the question has {written}")
        expected = SOLVERS[core.family](text, [q(t) for t in written])
        if not right(core.family, text, read(core.answer), expected):
            failures.append(f"{where}: key {core.answer}, worked out {expected}")
        if not right(core.family, text, sympy.sympify(core.answer_value), expected):
            failures.append(f"{where}: answer_value {core.answer_value} disagrees")
        for d in core.distractors:
            if right(core.family, text, read(d.value), expected):
                failures.append(f"{where}: distractor {d.value} ({d.misconception}) is right too")
        if core.options is not None:
            if len(set(core.options)) != len(core.options) or core.answer not in core.options:
                failures.append(f"{where}: options {core.options}")
            values = [read(o) for o in core.options]
            if any(same(a, b) for i, a in enumerate(values) for b in values[i + 1 :]):
                failures.append(f"{where}: two options have the same value")
        failures += [f"{where}: {p}" for p in families[core.family].check(core)]
    assert len(items) == AUDIT_SIZE
    assert {c.family for c in items} == set(families) and {c.tier for c in items} == {1, 2, 3, 4, 5}
    assert failures == [], "\n".join(failures[:20])
