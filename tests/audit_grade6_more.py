"""Independent solvers for the audit of `edugen.content.families.grade6_more`:
each works a key out again from the question text alone, sharing no code with the families."""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import sympy


def _n(text: str) -> Any:
    return sympy.Rational(Fraction(text))


def _find(text: str, pattern: str) -> list[str]:
    found = re.search(pattern, text)
    assert found, f"{text!r} does not read as {pattern!r}"
    return list(found.groups())


def number_line_position(text: str, n: list[Any]) -> Any:
    step, start, count, way = _find(
        text, r"every (\S+), and the mark for (\S+) is .+ is (\d+) marks ([a-z ]+?) \S+\. What"
    )
    sign = 1 if way in ("above", "to the right of") else -1
    return _n(start) + sign * int(count) * _n(step)


def plane_position(text: str, n: list[Any]) -> Any:
    moves = {"right": (1, 0), "left": (-1, 0), "up": (0, 1), "down": (0, -1)}
    moves |= {"above": (0, 1), "below": (0, -1)}
    px, py = (_n(v) for v in _find(text, r"\((\S+), (\S+)\)")) if "(" in text else (0, 0)
    for size, way in re.findall(r"(\S+) units? (?:to the )?(right|left|up|down|above|below)", text):
        dx, dy = moves[way]
        px, py = px + dx * _n(size), py + dy * _n(size)
    return sympy.Tuple(px, py)


def _amounts(text: str) -> list[Any]:
    """The signed amounts listed before the first unit word."""
    head = re.split(r" (?:degrees|meters|dollars|feet)\b", text, maxsplit=1)[0]
    return [_n(t) for t in re.findall(r"-?\d+(?:\.\d+)?(?:/\d+)?", head)]


def order_in_context(text: str, n: list[Any]) -> Any:
    word = _find(text, r"is the (\w+)\?$")[0]
    values = _amounts(text)
    high = word in ("warmest", "highest", "greatest")
    assert high or word in ("coldest", "lowest", "least"), word
    return max(values) if high else min(values)


def absolute_or_order(text: str, n: list[Any]) -> Any:
    values = _amounts(text)
    if "greatest debt" in text:
        return sorted(v for v in values if v < 0)[0]
    if "farthest from sea level" in text:
        return sorted(values, key=lambda v: -abs(v))[0]
    amount = _n(_find(text, r"more than (\S+) (?:dollars|meters)")[0])
    # a debt or depth of more than the amount: below zero, farther from zero than the amount
    hits = [v for v in values if v < 0 and abs(v) > amount]
    if text.split(". ")[-1].startswith("How many"):
        return sympy.Integer(len(hits))
    assert len(hits) == 1, text
    return hits[0]


def phrase(words: str) -> Any:
    """An expression read from words: "6 more than 9 times t", "the sum of y and 11, divided
    by 8", "1/3 of the sum of y and 10", "the square of n, plus 3 times n"."""
    words = words.strip()
    if ", " in words:
        left, right = words.rsplit(", ", 1)
        op, rest = _find(right, r"^(plus|minus|divided by) (.+)$")
        a, b = phrase(left), phrase(rest)
        return a + b if op == "plus" else a - b if op == "minus" else a / b
    for joint, make in ((" more than ", lambda a, b: b + a), (" less than ", lambda a, b: b - a)):
        if joint in words:
            a, b = words.split(joint, 1)
            return make(phrase(a), phrase(b))
    if found := re.fullmatch(r"the (sum|difference|product|quotient) of (\S+) and (\S+)", words):
        a, b = phrase(found[2]), phrase(found[3])
        return {"sum": a + b, "difference": a - b, "product": a * b, "quotient": a / b}[found[1]]
    if found := re.fullmatch(r"the square of (\S+)", words):
        return phrase(found[1]) ** 2
    if found := re.fullmatch(r"(half|\d+/\d+) of (.+)", words):
        share = sympy.Rational(1, 2) if found[1] == "half" else _n(found[1])
        return share * phrase(found[2])
    if " times " in words:
        a, b = words.split(" times ", 1)
        return phrase(a) * phrase(b)
    if " divided by " in words:
        a, b = words.split(" divided by ", 1)
        return phrase(a) / phrase(b)
    if re.fullmatch(r"[a-z]", words):
        return sympy.Symbol(words)
    return _n(words)


def _value(text: str) -> str:
    return f"Rational('{text}')"


def formula_value(text: str, n: list[Any]) -> Any:
    rhs = _find(text, r"\w = (.+?) (?:cubic|square|feet|miles|degrees)")[0]
    given = dict(re.findall(r"(\w) = ([-\d./]+)", text.split("What is")[1]))
    # write every product out: 9C/5 -> 9*C/5, bh/2 -> b*h/2, 6s^2 -> 6*s**2
    rhs = re.sub(r"(?<=[\dA-Za-z])(?=[A-Za-z])", "*", rhs).replace("^", "**")
    rhs = re.sub(r"[A-Za-z]", lambda m: f"({_value(given[m[0]])})", rhs)
    rhs = re.sub(r"(?<![\w'.])(\d+)(?![\w'.])", lambda m: _value(m[1]), rhs)
    return sympy.sympify(rhs, locals={"Rational": sympy.Rational})


def _signed_terms(expr: str) -> list[str]:
    """The terms of a flat expression, each with its sign: "6n - 9m^2" -> ["6n", "-9m^2"]."""
    return [t.replace(" ", "") for t in re.findall(r"(?:^|[+-] )[^ ]+", expr)]


def expression_parts(text: str, n: list[Any]) -> Any:
    if text.startswith("How many terms"):
        return sympy.Integer(len(_signed_terms(_find(text, r"does (.+) have\?")[0])))
    if "one factor" in text:
        _, b, value = _find(text, r"the sum (\w) \+ (\d+) is one .+ = (\d+)\?")
        return _n(value) + _n(b)
    letter, expr = _find(text, r"coefficient of (\w) in (.+)\?")
    for term in _signed_terms(expr):
        sign = -1 if term.startswith("-") else 1
        body = term.lstrip("+-")
        if found := re.fullmatch(rf"(\d*){letter}", body):
            return sign * (_n(found[1]) if found[1] else 1)
        if found := re.fullmatch(rf"{letter}/(\d+)", body):
            return sign * sympy.Rational(1, int(found[1]))
    raise AssertionError(text)


def unknown_in_story(text: str, n: list[Any]) -> Any:
    x = sympy.Symbol("x")
    stories: list[tuple[str, Callable[..., Any]]] = [
        (r"cost (\w) dollars each\. .+ of (\d+) tickets", lambda v, a: a * v),
        (r"is (\d+) years older .+ who is (\w) years", lambda a, v: v + a),
        (r"rope (\w) meters long is cut into (\d+) equal", lambda v, a: v / a),
        (
            r"charges (\d+) dollars to join and (\d+) dollars .+ for (\w) months",
            lambda a, b, v: a + b * v,
        ),
        (r"has (\d+) stickers and buys (\w) packs of (\d+)", lambda a, v, b: a + b * v),
        (
            r"had x stickers\. She gave away (\d+) and has (\d+) left",
            lambda a, b: sympy.Eq(x - a, b),
        ),
        (r"(\d+) boxes with x pencils in each box, (\d+) pencils", lambda a, c: sympy.Eq(a * x, c)),
        (
            r"(\d+) friends each buy a ticket for (\w) dollars and a snack for (\d+)",
            lambda a, v, b: a * (v + b),
        ),
        (r"garden is (\w) meters long and (\d+) meters wide", lambda v, a: 2 * v + 2 * a),
        (
            r"cost (\S+) dollars a pound\. Ana buys (\w) pounds .+ a (\d+)-dollar",
            lambda d, v, c: c - d * v,
        ),
        (
            r"costs (\S+) dollars a month plus (\S+) dollars .+ when (\w) gigabytes",
            lambda d, e, v: d + e * v,
        ),
    ]
    for pattern, make in stories:
        if found := re.search(pattern, text):
            args = [sympy.Symbol(g) if g.isalpha() else _n(g) for g in found.groups()]
            return make(*args)
    raise AssertionError(text)


# --- statistics (6.SP) -------------------------------------------------------------------------


def statistical_question(text: str, n: list[Any]) -> Any:
    # A question whose answers vary asks of many members ("do the students", "are the trees")
    # or of many times ("each day"); one with a single answer asks of one person, thing or count.
    listed = re.findall(r"Question (\d): ([^?]+)\?", text)
    assert len(listed) == 4, text
    varies = {
        label: bool(re.search(r"\b(?:do|are|did) the\b|\beach\b|\bevery\b", q))
        for label, q in listed
    }
    want = "is not a statistical question" not in text
    (label,) = [k for k, v in varies.items() if v == want]
    return _n(label)


def _dots(text: str) -> list[Fraction]:
    listed = _find(text, r"dots are at ([\d., ]+?(?: and [\d.]+))\.(?: |$)")[0]
    return [Fraction(v) for v in re.split(r", | and ", listed)]


def distribution_shape(text: str, n: list[Any]) -> Any:
    data = sorted(_dots(text))
    if "tallest stack" in text:
        (peak,) = statistics.multimode(data)
        return _n(str(peak))
    if "least value to the greatest" in text:
        return _n(str(data[-1] - data[0]))
    if "far from the rest" in text:
        # the value whose nearest neighbour is farthest away
        def alone(i: int) -> Fraction:
            near = [abs(data[i] - data[j]) for j in (i - 1, i + 1) if 0 <= j < len(data)]
            return min(near)

        return _n(str(data[max(range(len(data)), key=alone)]))
    if "gap" in text:
        distinct = sorted(set(data))
        return _n(str(max(b - a for a, b in zip(distinct, distinct[1:], strict=False))))
    return _n(str(statistics.median(data)))


def observation_count(text: str, n: list[Any]) -> Any:
    if "histogram" not in text:
        data = [v for c, v in re.findall(r"(\d+) dots? at ([\d.]+)", text) for _ in range(int(c))]
        return sympy.Integer(len(data))
    bars = [(int(lo), int(c)) for lo, c in re.findall(r"bar for (\d+) to \d+ is (\d+) tall", text)]
    total = sum(c for _, c in bars)
    if "or more" not in text:
        return sympy.Integer(total)
    cut = int(_find(text, r"(\d+) or more")[0])
    part = sum(c for lo, c in bars if lo >= cut)
    return sympy.Rational(100 * part, total) if "percent" in text else sympy.Integer(part)


# what each study's plot shows, said once more here: (attribute, tool, unit)
MEASURES = {
    "plant heights": ("the height of one plant", "a ruler", "centimeters"),
    "lap times": ("the time one student took to run a lap", "a stopwatch", "seconds"),
    "apple weights": ("the weight of one apple", "a kitchen scale", "grams"),
    "rain amounts": ("the rain that fell on one day", "a rain gauge", "millimeters"),
    "jump lengths": ("the length of one student's jump", "a tape measure", "inches"),
}


def attribute_measured(text: str, n: list[Any]) -> Any:
    story, plotted = _find(text, r"^(.+?) A dot plot shows the ([a-z ]+):")
    attribute, tool, unit = MEASURES[plotted]
    # the story itself names the tool and the unit of what is plotted
    assert tool in story and unit in story, (story, tool, unit)
    right = f"Each value is {attribute}, measured with {tool}, in {unit}."
    (label,) = [k for k, c in re.findall(r"Choice (\d): ([^.]+\.)", text) if c == right]
    return _n(label)


def _spread(data: list[Fraction], measure: str) -> Fraction:
    ordered, size = sorted(data), len(data)
    if measure == "interquartile range":
        return statistics.median(ordered[(size + 1) // 2 :]) - statistics.median(
            ordered[: size // 2]
        )
    center = statistics.mean(ordered)
    return statistics.mean(abs(v - center) for v in ordered)


def summary_in_context(text: str, n: list[Any]) -> Any:
    if text.startswith("A box plot"):
        lower = _find(text, r"lower quartile is (\d+)")[0]
        upper = _find(text, r"upper quartile is (\d+)")[0]
        return _n(upper) - _n(lower)
    data = _dots(text)
    if "Set it aside" in text:
        data.remove(Fraction(_find(text, r"The value (\d+) is far")[0]))
        return _n(str(statistics.mean(data)))
    if "mean absolute deviation" in text:
        return _n(str(_spread(data, "mean absolute deviation")))
    if "median" in text:
        return _n(str(statistics.median(data)))
    return _n(str(statistics.mean(data)))


def choose_measure(text: str, n: list[Any]) -> Any:
    data = sorted(_dots(text))
    # the shape from the data themselves: values that pair off around one center mirror
    ends = {a + b for a, b in zip(data, reversed(data), strict=True)}
    mirrored = len(ends) == 1
    if "measure of spread" in text:
        measure = "mean absolute deviation" if mirrored else "interquartile range"
        return _n(str(_spread(data, measure)))
    return _n(str(statistics.mean(data) if mirrored else statistics.median(data)))


# family name -> solver(question text, the numbers it writes) -> the expected answer
SOLVERS: dict[str, Callable[[str, list[Any]], Any]] = {
    "number_line_position": number_line_position,
    "plane_position": plane_position,
    "order_in_context": order_in_context,
    "absolute_or_order": absolute_or_order,
    "write_expression": lambda text, n: phrase(_find(text, r'"(.+)"')[0]),
    "formula_value": formula_value,
    "expression_parts": expression_parts,
    "unknown_in_story": unknown_in_story,
    "statistical_question": statistical_question,
    "distribution_shape": distribution_shape,
    "observation_count": observation_count,
    "attribute_measured": attribute_measured,
    "summary_in_context": summary_in_context,
    "choose_measure": choose_measure,
}
# families whose answer is right in a way `same` cannot tell (e.g. any equivalent equation):
# family name -> right(question text, value, expected) -> bool
RIGHT: dict[str, Callable[[str, Any, Any], bool]] = {}
# families whose items are about a picture: each draws one for every tier and kind
DRAWN: set[str] = {
    "number_line_position",
    "plane_position",
    "distribution_shape",
    "observation_count",
    "attribute_measured",
    "summary_in_context",
    "choose_measure",
}
