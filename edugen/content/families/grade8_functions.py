"""Grade-8 functions (8.F): one output for each input, comparing functions given in different
forms, linear and nonlinear rules, building y = mx + b from a situation, and reading where a
graph rises, falls or stays flat.

Every linear function here is y = mx + b with m and b drawn first; tables, points, stories and
graphs are written from them, and each family's `expected` reads the key back from the
question's own text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from fractions import Fraction
from itertools import pairwise
from random import Random
from typing import Any

import sympy

from edugen.content.cores import ItemCore
from edugen.content.families.base import Answer, Draft, Family, question_part
from edugen.content.families.common import Style, X, Y, fmt, signed, to_sympy
from edugen.content.families.grade7_ratios import listed, table_values, value_table
from edugen.content.families.grade8_expressions import line_text
from edugen.content.figures import coordinate_plane

Wrong = list[tuple[Answer | None, str]]
Vertex = tuple[Fraction, Fraction]
_POINT = re.compile(r"\((-?[\d./]+), (-?[\d./]+)\)")


def xy(xs: list[Fraction], ys: list[Fraction], style: Style = "fraction") -> str:
    """A table as a question writes it: "x = 1, 2, 3 and y = 4, 6, 8"."""
    return f"x = {listed(xs, style)} and y = {listed(ys, style)}"


class FunctionInputs(Family):
    """A function gives each input exactly one output: find the input of a table that has two.
    Tiers: four pairs of small whole numbers; six pairs up to 30; six pairs with negatives;
    the table read backward, y as the input; seven pairs of decimals, read either way. Every
    table also has two inputs that share an output, which is allowed."""

    name = "function_inputs"
    topic = "8.F.A.1"
    nonnegative = False
    context_hint = "a rule that gives each input one output, such as a price list or a timetable"
    strategy = "Look for an input that shows up in more than a single pair, with different outputs."

    def draft(self, tier: int, rng: Random) -> Draft:
        style: Style = "decimal" if tier == 5 else "fraction"
        count = {1: 4, 2: 6, 3: 6, 4: 6, 5: 7}[tier]
        backward = tier == 4 or (tier == 5 and rng.random() < 0.5)
        pool = {
            1: range(0, 10),
            2: range(1, 31),
            3: range(-12, 13),
            4: range(-12, 13),
            5: [v for v in range(-99, 100) if v % 10],
        }[tier]
        scale = 10 if tier == 5 else 1
        # inputs: `twice` has outputs p and q; the first two `others` share the output r
        values = [Fraction(v, scale) for v in rng.sample(list(pool), 2 * count - 2)]
        twice, *others = values[: count - 1]
        p, q, r, *rest = values[count - 1 :]
        rows = [(twice, p), (twice, q), (others[0], r), (others[1], r)]
        rows += list(zip(others[2:], rest, strict=True))
        rng.shuffle(rows)
        ins, outs = [a for a, _ in rows], [b for _, b in rows]
        xs, ys = (outs, ins) if backward else (ins, outs)
        table = f"A table lists {xy(xs, ys, style)}."
        if backward:
            ask = (
                "Read it the other way, with y as the input and x as the output. Then one "
                "y-value has two different x-values. Which y-value is it?"
            )
            where, other = "y", "x"
        else:
            ask = (
                "It is not a function of x, because one x-value has two different "
                "y-values. Which x-value is it?"
            )
            where, other = "x", "y"
        show = lambda v: fmt(v, style)  # noqa: E731
        return Draft(
            question=f"{table} {ask}",
            answer=twice,
            solution=[
                "A function gives each input a single output, so look for an input that shows "
                "up in more than a single pair.",
                f"The {where}-value {show(twice)} is paired with {other} = {show(p)} and with "
                f"{other} = {show(q)}.",
                f"Two inputs with the same output are allowed, so {show(twice)} is the input "
                "that breaks the rule.",
            ],
            wrong=[
                (p, "gave one of the outputs of the repeated input, not the input"),
                (r, "looked for a repeated output instead of a repeated input"),
                (others[0], "thought two inputs that share an output break the rule"),
                (q, "gave one of the outputs of the repeated input, not the input"),
            ],
            style=style,
            figure=value_table(xs, ys, style),
        )

    def expected(self, core: ItemCore) -> Any:
        xs, ys = table_values(core.question)
        if "y as the input" in core.question:
            xs, ys = ys, xs
        outputs: dict[Any, set[Any]] = {}
        for a, b in zip(xs, ys, strict=True):
            outputs.setdefault(a, set()).add(b)
        (found,) = [a for a, bs in outputs.items() if len(bs) > 1]
        return found


PLANS = ("phone plan", "gym membership", "music service", "streaming plan", "bike rental")


class CompareFunctions(Family):
    """Two linear functions, one an equation and one a table. Tiers: the greater rate of
    change, x counting by ones; x counting by twos or threes; the greater initial value (no
    x = 0 in the table); how much more a month one plan charges; which of two falling
    functions falls faster, with fraction rates."""

    name = "compare_functions"
    topic = "8.F.A.2"
    nonnegative = False
    context_hint = "two plans or machines whose growth is described in different ways"
    strategy = (
        "Find each function's rate of change: from the equation it is the number times x, "
        "from the table it is the change in y divided by the change in x."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        while True:
            if tier == 5:
                d = rng.choice((2, 4))
                ma = -Fraction(rng.randint(1, 3 * d), d)
                mb = -Fraction(rng.randint(1, 3 * d), d)
                step = d
            else:
                ma, mb = Fraction(rng.randint(1, 9)), Fraction(rng.randint(1, 9))
                if tier == 4:
                    ma, mb = ma * 5, mb * 5
                step = 1 if tier == 1 else rng.randint(2, 3)
            low = 10 if tier == 4 else 0 if tier == 1 else -10
            ba, bb = Fraction(rng.randint(low, 20)), Fraction(rng.randint(low, 20))
            x0 = Fraction(0 if tier == 1 else rng.randint(1, 4) * step)
            if ma != mb and ba != bb and (tier != 5 or (ma * mb).denominator > 1):
                break
        xs = [x0 + step * i for i in range(4)]
        ys = [mb * v + bb for v in xs]
        dy = ys[1] - ys[0]
        head = f"Function A is {line_text(ma, ba)}. Function B is given by a table: {xy(xs, ys)}."
        finding = [
            f"A's rate of change is {fmt(ma)}, the number times x.",
            f"B's rate of change is the change in y over the change in x: "
            f"{fmt(dy)} ÷ {fmt(Fraction(step))} = {fmt(mb)}.",
        ]
        wrong: Wrong
        if tier == 3:
            answer = max(ba, bb)
            ask = "What is the greater of the two initial values (the values of y when x is 0)?"
            finding = [
                f"A's initial value is {fmt(ba)}, the number added in its equation.",
                f"B's rate of change is {fmt(mb)}; going back from x = {fmt(x0)} to x = 0 "
                f"gives {fmt(ys[0])} - {fmt(mb)} × {fmt(x0)} = {fmt(bb)}.",
            ]
            wrong = [
                (ys[0], "took the first y-value in the table as B's initial value"),
                (min(ba, bb), "picked the smaller initial value"),
                (ys[0] + mb * x0, "added the rate times x instead of subtracting it"),
                (max(ma, mb), "gave a rate of change instead of an initial value"),
            ]
        elif tier == 4:
            plan = rng.choice(PLANS)
            head = (
                f"Two {plan}s: plan A costs y = {fmt(ma)}x + {fmt(ba)} dollars for x months. "
                f"The cost y of plan B for x months is in a table: {xy(xs, ys)}."
            )
            answer = abs(ma - mb)
            ask = "How many more dollars a month does the plan with the greater rate charge?"
            wrong = [
                (ma + mb, "added the two rates instead of subtracting"),
                (max(ma, mb), "gave the greater rate, not how much greater it is"),
                (abs(dy - ma), "used B's change in y without dividing by the change in x"),
                (abs(ba - bb), "compared the starting costs instead of the monthly rates"),
            ]
        elif tier == 5:
            answer = min(ma, mb)
            ask = (
                "Both functions decrease. What is the rate of change of the one that falls faster?"
            )
            wrong = [
                (max(ma, mb), "picked the function that falls more slowly"),
                (-answer, "dropped the minus sign of a falling function"),
                (dy, "used B's change in y without dividing by the change in x"),
                (Fraction(step) / dy, "divided the change in x by the change in y"),
            ]
        else:
            answer = max(ma, mb)
            ask = "What is the greater of the two rates of change?"
            wrong = [
                (
                    dy if step > 1 else None,
                    "used the change in y without dividing by the change in x",
                ),
                (min(ma, mb), "picked the smaller rate of change"),
                (ba, "took the number added in A's equation as its rate"),
                (ys[0], "took the first y-value in the table as B's rate"),
                (Fraction(step) / dy, "divided the change in x by the change in y"),
            ]
        return Draft(
            question=f"{head} {ask}",
            answer=answer,
            solution=[*finding, f"So the answer is {fmt(answer)}."],
            wrong=wrong,
            figure=value_table(xs, ys, "fraction"),
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        eq = to_sympy(question_part(q, r"(?:is|costs) (y = [^.]+?)(?: dollars for x months)?\.")[0])
        line = sympy.solve(eq, Y)[0]
        ma, ba = line.coeff(X, 1), line.subs(X, 0)
        xs, ys = table_values(q)
        mb = (ys[-1] - ys[0]) / (xs[-1] - xs[0])
        bb = ys[0] - mb * xs[0]
        if "initial values" in q:
            return max(ba, bb)
        if "How many more" in q:
            return abs(ma - mb)
        if "falls faster" in q:
            return min(ma, mb)
        return max(ma, mb)


def _is_linear(rule: Any) -> bool:
    """Whether an equation in x and y makes y a linear function of x."""
    (y,) = sympy.solve(rule, Y)
    return bool(sympy.simplify(sympy.diff(y, X, 2)) == 0)


NOT_LINEAR = "not linear"
ASKS = {
    1: "Which rule does not make y a linear function of x?",
    2: "The graph of a linear function is a straight line. Which rule's graph is not?",
    3: "A linear function can be written as y = mx + b. Which rule cannot?",
    4: "Three of these rules are linear, even if they do not look it. Which one is not?",
    5: "Rewrite each rule with y alone on one side. Which one is not a linear function?",
}


class LinearOrNot(Family):
    """Which rule is not linear, among three linear rules written to look otherwise. Tiers:
    a square among plain lines; a rule with x in a denominator; a product x(x + c); a cube
    or a reciprocal among disguised lines; a power of two among the hardest disguises."""

    name = "linear_or_not"
    topic = "8.F.A.3"
    kinds = ("multiple_choice",)
    nonnegative = False
    context_hint = "rules that turn one number into another"
    strategy = (
        "Write each rule as y = mx + b if you can; a rule with x squared, cubed, under a "
        "fraction bar or as an exponent cannot be written that way."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        a, c = rng.randint(2, 9), rng.randint(1, 12) * rng.choice((1, -1))
        k = rng.randint(2, 24)
        answer = {
            1: f"y = x^2 {signed(c)}",
            2: f"y = {k}/x",
            3: f"y = x(x {signed(c)})",
            4: rng.choice((f"y = x^3 {signed(c)}", f"y = {k}/x {signed(c)}")),
            5: rng.choice((f"y = 2^x {signed(c)}", f"y = (x + {a})(x - {a})", f"y = (x^2)/{a}")),
        }[tier]
        m, b, d = rng.randint(2, 9), rng.randint(1, 15), rng.randint(2, 9)
        half = Fraction(rng.randint(1, 19), 2 if rng.random() < 0.5 else 4)
        p, s = rng.randint(2, 6), rng.randint(2, 6)
        disguises: dict[str, tuple[str, str]] = {
            "flat": (f"y = {b}", "thought a rule with no x in it cannot be linear"),
            "falling": (f"y = -{m}x {signed(b)}", "thought a line that falls is not linear"),
            "origin": (f"y = {m}x", "thought a linear rule must add a number to mx"),
            "divided": (
                f"y = x/{d} {signed(b)}",
                "thought dividing x by a number makes a rule not linear",
            ),
            "factored": (
                f"y = {m}(x {signed(c)})",
                "thought a rule with parentheses cannot be linear",
            ),
            "reversed": (f"y = {b} - {m}x", "thought the x-term must come first in a linear rule"),
            "standard": (
                f"{p}x + {s}y = {p * s * rng.randint(1, 4)}",
                "thought an equation not solved for y cannot be linear",
            ),
            "decimal": (
                f"y = {fmt(half, 'decimal')}x {signed(b)}",
                "thought a decimal slope makes a rule not linear",
            ),
            "squares": (
                f"y = (x + {a})^2 - x^2",
                "thought any squared term makes a rule not linear, but the squares cancel",
            ),
        }
        pools = {
            1: ["flat", "falling", "origin"],
            2: ["divided", "factored", "reversed", "falling"],
            3: ["standard", "decimal", "divided", "factored"],
            4: ["squares", "standard", "factored", "decimal"],
            5: ["squares", "standard", "divided", "reversed", "decimal"],
        }
        names = pools[tier]
        rng.shuffle(names)
        return Draft(
            question=ASKS[tier],
            answer=answer,
            solution=[
                "A linear function can be written as y = mx + b: y changes by the same amount "
                "each time x goes up by one.",
                f"The rule {answer} has x {_why(answer)}, so its graph is not a straight line.",
                "Each other rule can be rewritten as y = mx + b.",
            ],
            wrong=[disguises[n] for n in names],
        )

    def expected(self, core: ItemCore) -> Any:
        if "not" not in core.question:
            raise ValueError("the question does not ask for the rule that is not linear")
        return NOT_LINEAR

    def accepts(self, value: Any, expected: Any) -> bool:
        return expected == NOT_LINEAR and not _is_linear(value)


def _why(rule: str) -> str:
    if "2^x" in rule:
        return "as an exponent"
    if "/x" in rule:
        return "under a fraction bar"
    if "^3" in rule:
        return "cubed"
    return "squared, once multiplied out"


@dataclass(frozen=True)
class Change:
    """A quantity that changes at a steady rate: y after x units, from a start b at rate m."""

    rule: str  # uses {b} then {m}
    points: str  # uses {y1} {x1} {y2} {x2}, in that order
    y: str
    x: str
    rate: tuple[int, int]  # plausible whole rates, before any sign
    start: tuple[int, int]
    falling: bool
    over: str = "after"  # "the bill for x hours", "the height after x hours"


CHANGES = (
    Change(
        "A plumber charges {b} dollars to come out plus {m} dollars for each hour.",
        "A plumber's bill is {y1} dollars for {x1} hours and {y2} dollars for {x2} hours.",
        "the bill in dollars",
        "hours",
        (40, 90),
        (30, 80),
        False,
        "for",
    ),
    Change(
        "Maya has {b} dollars saved and adds {m} dollars each week.",
        "Maya has {y1} dollars saved after {x1} weeks and {y2} dollars after {x2} weeks.",
        "her savings in dollars",
        "weeks",
        (5, 25),
        (10, 100),
        False,
    ),
    Change(
        "A candle is {b} centimeters tall and burns down {m} centimeters each hour.",
        "A candle is {y1} centimeters tall after {x1} hours and {y2} centimeters tall after "
        "{x2} hours.",
        "its height in centimeters",
        "hours",
        (1, 4),
        (20, 40),
        True,
    ),
    Change(
        "A tank holds {b} liters of water and drains {m} liters each minute.",
        "A tank holds {y1} liters of water after {x1} minutes and {y2} liters after {x2} minutes.",
        "the liters left",
        "minutes",
        (2, 15),
        (100, 300),
        True,
    ),
    Change(
        "A plant is {b} centimeters tall and grows {m} centimeters each week.",
        "A plant is {y1} centimeters tall after {x1} weeks and {y2} centimeters tall after "
        "{x2} weeks.",
        "its height in centimeters",
        "weeks",
        (1, 5),
        (2, 30),
        False,
    ),
    Change(
        "A taxi ride costs {b} dollars plus {m} dollars for each mile.",
        "A taxi ride costs {y1} dollars for {x1} miles and {y2} dollars for {x2} miles.",
        "the cost in dollars",
        "miles",
        (2, 4),
        (3, 8),
        False,
        "for",
    ),
    Change(
        "A phone has {b} percent battery and loses {m} percent each hour.",
        "A phone has {y1} percent battery after {x1} hours and {y2} percent after {x2} hours.",
        "the battery percent",
        "hours",
        (5, 15),
        (60, 100),
        True,
    ),
)


@dataclass(frozen=True)
class Setup:
    """A linear function y = mx + b and how a question shows it."""

    m: Fraction
    b: Fraction
    text: str  # the sentence or table that gives the function
    given: list[tuple[Fraction, Fraction]]  # the (x, y) pairs the text writes, if any
    style: Style
    table: bool = False


def plain_points(rng: Random, tier: int, negative: bool) -> Setup:
    """Two (x, y) pairs of a line, written out in words."""
    while True:
        m = Fraction(rng.randint(2, 9) * (rng.choice((1, -1)) if negative else 1))
        if tier == 5:
            m = Fraction(rng.choice((-1, 1)) * rng.randint(1, 7), rng.choice((2, 3, 4)))
        b = Fraction(rng.randint(-10, 12) if negative else rng.randint(1, 12))
        x1 = Fraction(rng.randint(1, 5) * m.denominator)
        x2 = x1 + rng.randint(1, 4) * m.denominator
        if m.denominator > 1 or tier != 5:
            break
    y1, y2 = m * x1 + b, m * x2 + b
    return Setup(
        m,
        b,
        f"A linear function has y = {fmt(y1)} when x = {fmt(x1)}, and y = {fmt(y2)} when "
        f"x = {fmt(x2)}.",
        [(x1, y1), (x2, y2)],
        "fraction",
    )


def table_setup(rng: Random) -> Setup:
    """A table of four (x, y) pairs with x counting by twos or threes."""
    while True:
        m, b = Fraction(rng.randint(-9, 9)), Fraction(rng.randint(-10, 15))
        if m not in (0, 1, -1) and b != 0:
            break
    step, x0 = rng.randint(2, 3), rng.randint(1, 4)
    xs = [Fraction(x0 + step * i) for i in range(4)]
    ys = [m * v + b for v in xs]
    return Setup(
        m,
        b,
        f"A table of a linear function lists {xy(xs, ys)}.",
        list(zip(xs, ys, strict=True)),
        "fraction",
        True,
    )


def story(rng: Random, points: bool, decimal: bool = False) -> tuple[Setup, Change]:
    """A steady change told as a rule (start and rate) or as two measurements."""
    while True:
        ch = rng.choice(CHANGES)
        lo, hi = ch.rate
        size = (
            Fraction(rng.randint(2 * lo, 2 * hi), 2) if decimal else Fraction(rng.randint(lo, hi))
        )
        m = -size if ch.falling else size
        b = Fraction(rng.randint(*ch.start))
        x1 = Fraction(rng.randint(1, 4))
        x2 = x1 + rng.randint(1, 6)
        y1, y2 = m * x1 + b, m * x2 + b
        if y2 > 0 and (not decimal or size.denominator > 1):
            break
    style: Style = "decimal"
    if points:
        text = ch.points.format(y1=fmt(y1, style), x1=fmt(x1), y2=fmt(y2, style), x2=fmt(x2))
        given = [(x1, y1), (x2, y2)]
    else:
        text, given = ch.rule.format(b=fmt(b), m=fmt(size, style)), []
    return Setup(m, b, text, given, style), ch


def start_of(setup: Setup) -> list[str]:
    """Steps that find m and b from the given pairs."""
    if not setup.given:
        return [
            f"The rate of change is {fmt(setup.m, setup.style)} and the initial value is "
            f"{fmt(setup.b, setup.style)}."
        ]
    (x1, y1), (x2, y2) = setup.given[:2]
    show = lambda v: fmt(v, setup.style)  # noqa: E731
    return [
        f"The rate of change is the change in y over the change in x: ({show(y2)} - "
        f"({show(y1)})) ÷ ({show(x2)} - {show(x1)}) = {show(setup.m)}.",
        f"Go back to x = 0: b = {show(y1)} - ({show(setup.m)}) × {show(x1)} = {show(setup.b)}.",
    ]


def read_setup(question: str, numbers: list[str]) -> tuple[Any, Any]:
    """The m and b of the function a question gives, read from its text alone."""
    n = [to_sympy(v) for v in numbers]
    if "table" in question:
        xs, ys = table_values(question)
        pairs = list(zip(xs, ys, strict=True))
    elif question.startswith("A linear function has"):
        found = re.findall(r"y = (\S+) when x = (-?[\d./]+)", question)
        pairs = [(to_sympy(a), to_sympy(b)) for b, a in found]
    elif re.search(r"after|for \S+ (?:hours|miles)", question.split(". ")[0]):
        pairs = [(n[1], n[0]), (n[3], n[2])]
    else:
        start, rate = n[0], n[1]
        if re.search(r"burns down|drains|loses", question):
            rate = -rate
        return rate, start
    (x1, y1), (x2, y2) = pairs[:2]
    m = (y2 - y1) / (x2 - x1)
    return m, y1 - m * x1


class RateAndInitialValue(Family):
    """The rate of change or the initial value of a linear function. Tiers: the rate from two
    pairs; the initial value from two pairs, negatives allowed; either from a table; either
    from two measurements in a story; either from a story with a decimal rate."""

    name = "rate_and_initial_value"
    topic = "8.F.B.4"
    nonnegative = False
    context_hint = "a quantity that changes at a steady rate, such as savings or a burning candle"
    strategy = (
        "Divide the change in y by the change in x for the rate, then work back to where the "
        "line meets the y-axis for the initial value."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        rate = tier == 1 or (tier >= 3 and rng.random() < 0.5)
        if tier <= 2:
            setup = plain_points(rng, tier, negative=tier == 2)
        elif tier == 3:
            setup = table_setup(rng)
        else:
            setup, ch = story(rng, points=True, decimal=tier == 5)
            setup = replace(setup, text=f"{setup.text} Let y be {ch.y} {ch.over} x {ch.x}.")
        (x1, y1), (x2, y2) = setup.given[:2]
        dy, dx = y2 - y1, x2 - x1
        m, b = setup.m, setup.b
        if rate:
            ask = "What is the rate of change of y?"
            answer = m
            wrong: Wrong = [
                (dx / dy, "divided the change in x by the change in y"),
                (y2 / x2, "divided a y-value by its x-value, as if the line went through 0"),
                (dy if dx != 1 else None, "forgot to divide by the change in x"),
                (-m, "got the sign of the change wrong"),
                (b, "gave the initial value instead of the rate"),
            ]
        else:
            ask = "What is the initial value of y, its value when x is 0?"
            answer = b
            wrong = [
                (y1, "took a y-value from the question as the initial value"),
                (y1 + m * x1, "added the rate times x instead of subtracting it"),
                (m, "gave the rate of change instead of the initial value"),
                (y1 - dy, "subtracted the change in y instead of the rate times x"),
            ]
        return Draft(
            question=f"{setup.text} {ask}",
            answer=answer,
            solution=[*start_of(setup), f"So the answer is {fmt(answer, setup.style)}."],
            wrong=wrong,
            style=setup.style,
            figure=value_table([p for p, _ in setup.given], [q for _, q in setup.given], "fraction")
            if setup.table
            else None,
        )

    def expected(self, core: ItemCore) -> Any:
        m, b = read_setup(core.question, core.numbers)
        return m if "rate of change" in core.question else b


class LinearFunctionEquation(Family):
    """The equation y = mx + b of a linear function. Tiers: a story's start and rate; two
    pairs, one at x = 0; a table; two measurements in a story; two pairs with a fraction
    rate of change."""

    name = "linear_function_equation"
    topic = "8.F.B.4"
    kinds = ("multiple_choice",)
    nonnegative = False
    context_hint = "a quantity that changes at a steady rate, such as a bill or a draining tank"
    strategy = (
        "Find the rate of change and where the line meets the y-axis, then write y as the rate "
        "times x plus that starting value."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        ch: Change | None = None
        if tier == 1:
            setup, ch = story(rng, points=False)
        elif tier == 2:
            while True:
                m, b = Fraction(rng.randint(-9, 9)), Fraction(rng.randint(-10, 15))
                if m not in (0, 1, -1) and b not in (0, m):
                    break
            x2 = Fraction(rng.randint(2, 8))
            setup = Setup(
                m,
                b,
                f"A linear function has y = {fmt(b)} when x = 0, and y = {fmt(m * x2 + b)} "
                f"when x = {fmt(x2)}.",
                [(Fraction(0), b), (x2, m * x2 + b)],
                "fraction",
            )
        elif tier == 3:
            setup = table_setup(rng)
        elif tier == 4:
            setup, ch = story(rng, points=True)
        else:
            setup = plain_points(rng, 5, negative=True)
        m, b = setup.m, setup.b
        if ch is not None:
            ask = f"Let y be {ch.y} {ch.over} x {ch.x}. Which equation gives y?"
        else:
            ask = "Which equation gives the function?"
        y1 = setup.given[0][1] if setup.given else None
        wrong: Wrong = [
            (line_text(b, m), "swapped the rate of change and the initial value"),
            (line_text(-m, b), "got the sign of the rate of change wrong"),
            (line_text(m, y1) if y1 is not None and y1 != b else None, "used a y-value as b"),
            (line_text(1 / m, b), "divided the change in x by the change in y"),
            (line_text(m, -b), "got the sign of the initial value wrong"),
        ]
        if len(setup.given) > 1:
            (x1, y1), (x2, y2) = setup.given[:2]
            if x2 - x1 != 1:
                wrong.insert(2, (line_text(y2 - y1, b), "forgot to divide by the change in x"))
        answer = line_text(m, b)
        return Draft(
            question=f"{setup.text} {ask}",
            answer=answer,
            solution=[*start_of(setup), f"So the equation is {answer}."],
            wrong=wrong,
            figure=value_table([p for p, _ in setup.given], [q for _, q in setup.given], "fraction")
            if setup.table
            else None,
        )

    def expected(self, core: ItemCore) -> Any:
        m, b = read_setup(core.question, core.numbers)
        return sympy.Eq(Y, m * X + b)


MOVES = {"u": 1, "d": -1, "c": 0}


class GraphBehavior(Family):
    """Where a graph made of straight pieces rises, falls or stays flat. Tiers: where it turns
    from rising to falling; how long it stays flat; how many units of x it falls over in
    all; how many times it turns from rising to falling; where it is lowest, with negative
    coordinates."""

    name = "graph_behavior"
    topic = "8.F.B.5"
    nonnegative = False
    context_hint = "a trip, a temperature or a savings balance that goes up and down over time"
    strategy = (
        "Follow the graph from left to right: a piece going up is increasing, a piece going "
        "down is decreasing, a flat piece is constant."
    )

    def shape(self, tier: int, rng: Random) -> tuple[str, list[Vertex]]:
        count = {1: 2, 2: 3, 3: 4, 4: rng.randint(5, 6), 5: rng.randint(4, 5)}[tier]
        while True:
            if tier == 1:
                moves = "ud"
            elif tier == 2:
                moves = "".join(rng.sample("ucd", 3))
            else:
                moves = "".join(rng.choice("udc" if tier != 4 else "ud") for _ in range(count))
            low, high = (-8, 8) if tier == 5 else (0, 12)
            x = Fraction(rng.randint(-6, -2) if tier == 5 else rng.randint(0, 2))
            y = Fraction(rng.randint(low, high))
            vertices = [(x, y)]
            for move in moves:
                x += rng.randint(1, 3)
                y += MOVES[move] * rng.randint(1, 5)
                vertices.append((x, y))
            ys = [v[1] for v in vertices]
            runs = "".join(moves)
            if (
                all(low <= v <= high for v in ys)
                and vertices[-1][0] <= 14
                and "cc" not in runs
                and (tier != 3 or ("d" in runs and "u" in runs))
                and (tier != 4 or "ud" in runs)
                and (tier != 5 or ys.count(min(ys)) == 1)
            ):
                return moves, vertices

    def draft(self, tier: int, rng: Random) -> Draft:
        moves, v = self.shape(tier, rng)
        pieces = [(mm, p, q) for mm, (p, q) in zip(moves, pairwise(v), strict=True)]
        width = {
            m: sum((q[0] - p[0] for mm, p, q in pieces if mm == m), Fraction(0)) for m in "udc"
        }
        listing = ", ".join(f"({fmt(a)}, {fmt(b)})" for a, b in v[:-1])
        head = (
            f"A function's graph is made of straight pieces joining {listing} and "
            f"({fmt(v[-1][0])}, {fmt(v[-1][1])}), in that order."
        )
        wrong: Wrong
        if tier == 1:
            top = v[1]
            ask = "At what x-value does the function change from increasing to decreasing?"
            answer = top[0]
            wrong = [
                (top[1], "gave the y-value of the turning point, not its x-value"),
                (v[-1][0], "gave where the graph ends"),
                (width["d"], "gave the length of the decreasing piece"),
                (v[0][0] if v[0][0] != 0 else None, "gave where the graph starts"),
            ]
            steps = [f"It rises up to ({fmt(top[0])}, {fmt(top[1])}) and falls after it."]
        elif tier == 2:
            (_, p, q) = next(piece for piece in pieces if piece[0] == "c")
            ask = "For how many units of x is the function constant?"
            answer = width["c"]
            wrong = [
                (p[1], "gave the height of the flat piece, not its length"),
                (p[0], "gave where the flat piece starts, not its length"),
                (q[0], "gave where the flat piece ends, not its length"),
                (width["u"], "measured the increasing piece instead"),
            ]
            steps = [f"The flat piece runs from x = {fmt(p[0])} to x = {fmt(q[0])}."]
        elif tier == 3:
            ask = "Over how many units of x does the function decrease in all?"
            answer = width["d"]
            falls = [(p, q) for mm, p, q in pieces if mm == "d"]
            first = falls[0][1][0] - falls[0][0][0]
            wrong = [
                (sum(p[1] - q[1] for p, q in falls), "measured the drop in y, not the change in x"),
                (width["u"], "measured where the function increases"),
                (first if len(falls) > 1 else None, "counted only the first decreasing piece"),
                (v[-1][0] - v[0][0], "gave the width of the whole graph"),
            ]
            steps = [
                "The decreasing pieces run "
                + " and ".join(f"from x = {fmt(p[0])} to x = {fmt(q[0])}" for p, q in falls)
                + "."
            ]
        elif tier == 4:
            ask = "How many times does the function change from increasing to decreasing?"
            peaks, valleys = moves.count("ud"), moves.count("du")
            answer = Fraction(peaks)
            wrong = [
                (Fraction(valleys), "counted changes from decreasing to increasing"),
                (Fraction(peaks + valleys), "counted every change of direction"),
                (Fraction(moves.count("d")), "counted the decreasing pieces"),
                (Fraction(moves.count("u")), "counted the increasing pieces"),
            ]
            steps = [
                "Read the pieces left to right: "
                + ", ".join({"u": "up", "d": "down"}[mm] for mm in moves)
                + "."
            ]
        else:
            low = min(v, key=lambda p: p[1])
            high = max(v, key=lambda p: p[1])
            ask = "At what x-value does the function reach its least value?"
            answer = low[0]
            wrong = [
                (low[1], "gave the least y-value, not where it happens"),
                (high[0], "found where the function is greatest"),
                (v[-1][0], "took the end of the graph as the lowest point"),
                (v[0][0], "took the start of the graph as the lowest point"),
            ]
            steps = [f"The lowest point of the graph is ({fmt(low[0])}, {fmt(low[1])})."]
        return Draft(
            question=f"{head} {ask}",
            answer=answer,
            solution=[
                "Read the graph from left to right, one piece at a time.",
                *steps,
                f"So the answer is {fmt(answer)}.",
            ],
            wrong=wrong,
            figure=coordinate_plane(lines=[(p, q) for _, p, q in pieces], show=fmt),
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        pts = [(to_sympy(a), to_sympy(b)) for a, b in _POINT.findall(q)]
        legs = list(pairwise(pts))
        signs = [sympy.sign(b[1] - a[1]) for a, b in legs]
        if "change from increasing to decreasing?" in q and "How many" not in q:
            (turn,) = [legs[i][1][0] for i in range(len(signs) - 1) if signs[i] > 0 > signs[i + 1]]
            return turn
        if "constant" in q:
            return sum(
                (b[0] - a[0] for (a, b), s in zip(legs, signs, strict=True) if s == 0), sympy.S(0)
            )
        if "decrease in all" in q:
            return sum(
                (b[0] - a[0] for (a, b), s in zip(legs, signs, strict=True) if s < 0), sympy.S(0)
            )
        if "How many times" in q:
            return sympy.Integer(sum(1 for s, t in pairwise(signs) if s > 0 > t))
        return min(pts, key=lambda p: p[1])[0]


FAMILIES: tuple[type[Family], ...] = (
    FunctionInputs,
    CompareFunctions,
    LinearOrNot,
    RateAndInitialValue,
    LinearFunctionEquation,
    GraphBehavior,
)
