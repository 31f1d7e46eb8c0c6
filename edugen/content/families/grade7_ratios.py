"""Grade-7 ratios: unit rates of fractions, proportional relationships and percent problems.

Every proportional relationship is y = kx with k drawn first; tables, graphs and sentences are
written from k, and each family's `expected` reads k back from the question alone.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction
from functools import partial
from random import Random
from typing import Any

import sympy

from edugen.content.cores import ItemCore
from edugen.content.families.base import Answer, Draft, Family, question_part
from edugen.content.families.common import Style, X, Y, fmt, rationals, to_sympy
from edugen.content.figures import coordinate_plane, table
from edugen.schemas import Figure

Pair = tuple[Fraction, Fraction]


def listed(values: list[Fraction], style: Style) -> str:
    return ", ".join(fmt(v, style) for v in values)


def value_table(xs: list[Fraction], ys: list[Fraction], style: Style) -> Figure:
    """The question's x and y values as a two-column table."""
    rows = [[fmt(a, style), fmt(b, style)] for a, b in zip(xs, ys, strict=True)]
    return table(["x", "y"], rows, caption="A table of x and y")


def through_origin(p: Pair, style: Style = "fraction") -> Figure:
    """The graph of y = kx drawn from (0, 0) to the question's point, which is marked."""
    return coordinate_plane(points=[(p, "")], lines=[((0, 0), p)], show=partial(fmt, style=style))


def table_values(question: str) -> tuple[list[Any], list[Any]]:
    """The x and y lists a question writes as "x = 2, 3, 5 and y = 6, 9, 15"."""
    xs, ys = question_part(question, r"x = ([-\d./, ]+?) and y = ([-\d./, ]+?)\.(?= |$)")
    return [to_sympy(v) for v in xs.split(", ")], [to_sympy(v) for v in ys.split(", ")]


def graph_point(question: str) -> tuple[Any, Any]:
    """The point other than the origin that a question's line goes through."""
    found = re.findall(r"\((\S+), (\S+)\)", question)
    a, b = next((p, q) for p, q in found if (p, q) != ("0", "0"))
    return to_sympy(a), to_sympy(b)


def noun(n: Fraction, forms: tuple[str, str]) -> str:
    return forms[0] if n <= 1 else forms[1]


@dataclass(frozen=True)
class FractionRate:
    """A rate y per x named in a sentence: {a} of y first, then {b} of x."""

    text: str  # uses {a} {A} {b} {B}
    ask: str
    y: tuple[str, str]
    x: tuple[str, str]
    low: Fraction  # the plausible rate, y for one x
    high: Fraction


RATES = (
    FractionRate(
        "A hiker walks {a} {A} in {b} {B}.",
        "How many miles does the hiker walk in one hour?",
        ("mile", "miles"),
        ("hour", "hours"),
        Fraction(2),
        Fraction(5),
    ),
    FractionRate(
        "A painter covers {a} square {A} of wall in {b} {B}.",
        "How many square meters does the painter cover in one hour?",
        ("meter", "meters"),
        ("hour", "hours"),
        Fraction(2),
        Fraction(12),
    ),
    FractionRate(
        "A recipe uses {a} {A} of sugar for every {b} {B} of flour.",
        "How many cups of sugar is that for each cup of flour?",
        ("cup", "cups"),
        ("cup", "cups"),
        Fraction(1, 4),
        Fraction(3),
    ),
    FractionRate(
        "A mower cuts {a} {A} of grass in {b} {B}.",
        "How many acres does it cut in one hour?",
        ("acre", "acres"),
        ("hour", "hours"),
        Fraction(1, 2),
        Fraction(4),
    ),
    FractionRate(
        "A snail crawls {a} {A} in {b} {B}.",
        "How many feet does it crawl in one minute?",
        ("foot", "feet"),
        ("minute", "minutes"),
        Fraction(1, 4),
        Fraction(3),
    ),
    FractionRate(
        "A tap fills {a} {A} with water in {b} {B}.",
        "How many buckets does it fill in one minute?",
        ("bucket", "buckets"),
        ("minute", "minutes"),
        Fraction(1, 4),
        Fraction(4),
    ),
)


class FractionUnitRate(Family):
    """Unit rates from ratios of fractions. Tiers: a unit fraction of x and a whole rate; any
    proper fraction of x and a whole rate; a whole amount over a fraction; two fractions;
    a decimal amount over a fraction. Every rate is plausible for its setting."""

    name = "fraction_unit_rate"
    topic = "7.RP.A.1"
    context_hint = "speeds, areas or recipes measured in parts of a unit"
    strategy = "Divide the first amount by the second to find how much goes with a whole unit."

    def pick(self, tier: int, rng: Random) -> tuple[FractionRate, Fraction, Fraction]:
        for _ in range(2000):
            ctx = rng.choice(RATES)
            r = rng.randint(2, 12)
            if tier == 1:
                b = Fraction(1, r)
                a = b * rng.randint(2, 12)
            elif tier == 2:
                b = Fraction(rng.randint(2, r - 1) if r > 2 else 1, r)
                a = b * rng.randint(2, 12)
            elif tier == 3:
                b = Fraction(rng.randint(1, r - 1), r)
                a = Fraction(rng.randint(1, 9))
            elif tier == 4:
                b = Fraction(rng.randint(1, r - 1), r)
                d = rng.randint(2, 12)
                a = Fraction(rng.randint(1, d - 1), d)
            else:
                b = Fraction(rng.randint(1, r - 1), r)
                a = Fraction(rng.randint(11, 99), 10)
            rate = a / b
            whole = tier <= 2
            if (
                ctx.low <= rate <= ctx.high
                and b.denominator > 1
                and (rate.denominator == 1) == whole
                and (tier < 4 or a.denominator > 1)
                and (tier != 5 or a.denominator in (2, 5, 10))
            ):
                return ctx, a, b
        raise RuntimeError(f"{self.name}: no plausible rate for tier {tier}")

    def draft(self, tier: int, rng: Random) -> Draft:
        ctx, a, b = self.pick(tier, rng)
        style: Style = "decimal" if tier == 5 else "fraction"
        a_text, b_text = fmt(a, style), fmt(b)
        answer = a / b
        question = ctx.text.format(a=a_text, A=noun(a, ctx.y), b=b_text, B=noun(b, ctx.x))
        return Draft(
            question=f"{question} {ctx.ask}",
            answer=answer,
            solution=[
                f"Divide the {ctx.y[1]} by the {ctx.x[1]}: {a_text} ÷ {b_text}.",
                f"{a_text} × {fmt(1 / b)} = {fmt(answer)}.",
                f"That is {fmt(answer)} {ctx.y[1]} for one {ctx.x[0]}.",
            ],
            wrong=[
                (b / a, "divided the second amount by the first"),
                (a * b, "multiplied the amounts instead of dividing"),
                (a + b, "added the two amounts"),
                (abs(a - b), "subtracted the amounts instead of dividing"),
                (Fraction(a.numerator, b.numerator), "divided only the numerators"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        a, b = rationals(core.numbers)
        return a / b


class ProportionalTable(Family):
    """A table where one pair breaks y = kx: what y makes the relationship proportional.
    Tiers: four pairs, k from 2 to 5; k from 6 to 15; k a half or a quarter (decimals);
    k a fraction, five pairs; k in tenths, five pairs."""

    name = "proportional_table"
    topic = "7.RP.A.2.a"
    context_hint = "a table of two quantities that may or may not grow at the same rate"
    strategy = (
        "Divide each y-value by its x-value; in a proportional table every quotient is the same."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        style: Style = "decimal" if tier in (3, 5) else "fraction"
        count = 5 if tier >= 4 else 4
        k = {
            1: lambda: Fraction(rng.randint(2, 5)),
            2: lambda: Fraction(rng.randint(6, 15)),
            3: lambda: Fraction(rng.randint(2, 19), rng.choice((2, 4))),
            4: lambda: Fraction(rng.randint(1, 11), rng.randint(2, 6)),
            5: lambda: Fraction(rng.randint(11, 39), 10),
        }
        while True:
            rate = k[tier]()
            if rate.denominator == 1 and tier >= 3:
                continue
            step = rate.denominator if tier == 4 else 1
            xs = sorted(Fraction(step * v) for v in rng.sample(range(1, 13), count))
            ys = [rate * v for v in xs]
            j = rng.randrange(1, count)
            bad = ys[j] + rng.choice((-3, -2, -1, 1, 2, 3)) * (rate.denominator if tier == 4 else 1)
            if bad > 0 and bad not in ys:
                break
        shown = [*ys[:j], bad, *ys[j + 1 :]]
        answer = ys[j]
        before = shown[j - 1] + (xs[j] - xs[j - 1])
        return Draft(
            question=f"A table lists x = {listed(xs, style)} and y = {listed(shown, style)}. "
            "One y-value breaks the pattern. What should it be for y to be proportional to x?",
            answer=answer,
            solution=[
                "In a proportional table, y ÷ x is the same for every pair.",
                f"All pairs but one give y ÷ x = {fmt(rate, style)}; the pair with x = "
                f"{fmt(xs[j], style)} does not.",
                f"{fmt(rate, style)} × {fmt(xs[j], style)} = {fmt(answer, style)}.",
            ],
            wrong=[
                (before, "added the change in x to the y-value before it"),
                (xs[j] / rate, "divided x by the rate instead of multiplying"),
                (bad, "kept the value that breaks the pattern"),
                (rate * xs[j - 1], "matched the rate with the wrong x-value"),
                (rate * rate * xs[j], "multiplied by the rate twice"),
            ],
            style=style,
            figure=value_table(xs, shown, style),
        )

    def expected(self, core: ItemCore) -> Any:
        xs, ys = table_values(core.question)
        rates = Counter(b / a for a, b in zip(xs, ys, strict=True))
        k = rates.most_common(1)[0][0]
        odd = next(a for a, b in zip(xs, ys, strict=True) if b / a != k)
        return k * odd


@dataclass(frozen=True)
class Setting:
    """A proportional situation: y {y} for x {x}, with a plausible k range."""

    sentence: str  # uses {y} and {x}: the y amount comes first
    y: str
    x: str
    low: Fraction
    high: Fraction


SETTINGS = (
    Setting(
        "A printer prints {y} pages in {x} minutes.", "pages", "minutes", Fraction(2), Fraction(40)
    ),
    Setting(
        "A car goes {y} miles on {x} gallons of gas.",
        "miles",
        "gallons",
        Fraction(15),
        Fraction(45),
    ),
    Setting(
        "A store sells {x} pounds of rice for {y} dollars.",
        "dollars",
        "pounds",
        Fraction(1, 2),
        Fraction(6),
    ),
    Setting("A cyclist rides {y} miles in {x} hours.", "miles", "hours", Fraction(6), Fraction(20)),
    Setting(
        "A pump moves {y} liters of water in {x} minutes.",
        "liters",
        "minutes",
        Fraction(2),
        Fraction(30),
    ),
)


def in_setting(rng: Random, tier: int) -> tuple[Setting, Fraction, Fraction]:
    """A setting, x and y = kx for it: whole k below tier 3, decimal k at tier 3 and up."""
    while True:
        s = rng.choice(SETTINGS)
        x = Fraction(rng.randint(2, 12))
        k = Fraction(rng.randint(1, 90), 1 if tier < 3 else rng.choice((2, 4, 10)))
        if s.low <= k <= s.high and (tier < 3 or k.denominator > 1):
            return s, x, k * x


class ConstantOfProportionality(Family):
    """The constant k in y = kx from a graph, a table or a sentence. Tiers: a graph with a
    whole k; a table with a whole k; a sentence; a graph with a fraction k; a table with a
    decimal k."""

    name = "constant_of_proportionality"
    topic = "7.RP.A.2.b"
    context_hint = "a rate read from a graph, a table or a description"
    strategy = "Pick a pair of values other than the origin and divide y by x."

    def draft(self, tier: int, rng: Random) -> Draft:
        style: Style = "decimal" if tier == 5 else "fraction"
        figure: Figure | None = None
        if tier in (1, 4):
            while True:
                x = Fraction(rng.randint(2, 10))
                k = Fraction(rng.randint(2, 9)) if tier == 1 else Fraction(rng.randint(1, 15), x)
                if (k.denominator > 1 or tier == 1) and k * x <= 60:
                    break
            y = k * x
            question = (
                f"A graph of a proportional relationship is a line through (0, 0) and "
                f"({fmt(x)}, {fmt(y)}). What is the constant of proportionality k in y = kx?"
            )
            figure, ys, xs = through_origin((x, y)), [y], [x]
        elif tier == 3:
            s, x, y = in_setting(rng, 1 + rng.randint(0, 1) * 2)
            k, ys, xs = y / x, [y], [x]
            style = "decimal"
            question = (
                s.sentence.format(y=fmt(y, style), x=fmt(x, style))
                + f" Let y be the {s.y} and x the {s.x}. What is k in y = kx?"
            )
            # the story's pair, as a table a student can read the rate from
            figure = table([s.x, s.y], [[fmt(x, style), fmt(y, style)]], caption="A table")
        else:
            k = (
                Fraction(rng.randint(2, 12))
                if tier == 2
                else Fraction(rng.randint(3, 39), rng.choice((2, 4, 5, 10)))
            )
            xs = sorted(Fraction(v) for v in rng.sample(range(1, 13), 3))
            ys = [k * v for v in xs]
            question = (
                f"A table lists x = {listed(xs, style)} and y = {listed(ys, style)}. "
                "What is the constant of proportionality k in y = kx?"
            )
            figure = value_table(xs, ys, style)
        x, y = xs[0], ys[0]
        return Draft(
            question=question,
            answer=k,
            solution=[
                "In y = kx, k is y ÷ x for any pair other than the origin.",
                f"{fmt(y, style)} ÷ {fmt(x, style)} = {fmt(k, style)}.",
            ],
            wrong=[
                (x / y, "divided x by y"),
                (y - x, "subtracted x from y instead of dividing"),
                (y, "gave a y-value instead of the rate"),
                (ys[1] - ys[0] if len(ys) > 1 else None, "used the change in y between rows"),
                (x * y, "multiplied x and y"),
            ],
            style=style,
            figure=figure,
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        if "table lists" in q:
            xs, ys = table_values(q)
            return ys[0] / xs[0]
        if "graph" in q:
            a, b = graph_point(q)
            return b / a
        first, second = rationals(core.numbers)
        return second / first if "rice" in q else first / second


def equation(k: Fraction, y: str = "y", x: str = "x") -> str:
    """The equation y = kx as a question writes it: "y = 5/4x", "y = 2.5x", "y = x"."""
    try:
        text = fmt(k, "decimal") if k.denominator in (2, 4, 5, 10) else fmt(k)
    except ValueError:
        text = fmt(k)
    return f"{y} = {'' if k == 1 else text}{x}"


class ProportionalEquation(Family):
    """An equation y = kx for a proportional relationship. Tiers: a price for each; a total
    for several; a table; a graph; a sentence with two fractions."""

    name = "proportional_equation"
    topic = "7.RP.A.2.c"
    kinds = ("multiple_choice",)
    context_hint = "prices, speeds or recipes written as an equation"
    strategy = "Find how much y goes with a single x; that number multiplies x in the equation."

    def draft(self, tier: int, rng: Random) -> Draft:
        figure: Figure | None = None
        if tier <= 2:
            item = rng.choice(("tickets", "pens", "notebooks", "plants", "books"))
            k = Fraction(rng.randint(2, 25))
            if tier == 1:
                question = f"{item.capitalize()} cost {fmt(k)} dollars each."
                total = per = None
            else:
                n = rng.randint(3, 12)
                total, per = k * n, Fraction(n)
                question = f"{n} {item} cost {fmt(total)} dollars in all."
            question += f" Which equation gives the cost y, in dollars, of x {item}?"
        elif tier == 3:
            k = Fraction(rng.randint(3, 39), rng.choice((2, 4, 5)))
            while k == 1:  # y = x leaves no rate to misuse (4/4 and 5/5 were drawn)
                k = Fraction(rng.randint(3, 39), rng.choice((2, 4, 5)))
            xs = sorted(Fraction(v) for v in rng.sample(range(1, 13), 3))
            ys = [k * v for v in xs]
            question = (
                f"A table lists x = {listed(xs, 'decimal')} and y = {listed(ys, 'decimal')}. "
                "Which equation shows this proportional relationship?"
            )
            figure, total, per = value_table(xs, ys, "decimal"), ys[0], xs[0]
        elif tier == 4:
            while True:
                x = Fraction(rng.randint(2, 10))
                k = Fraction(rng.randint(1, 15), x)
                if k.denominator > 1:
                    break
            total, per = k * x, x
            question = (
                f"A graph of a proportional relationship is a line through (0, 0) and "
                f"({fmt(x)}, {fmt(total)}). Which equation matches the graph?"
            )
            figure = through_origin((x, total))
        else:
            while True:
                a = Fraction(rng.randint(1, 7), rng.randint(2, 8))
                b = Fraction(rng.randint(1, 7), rng.randint(2, 8))
                k = a / b
                if a.denominator > 1 and b.denominator > 1 and k != 1 and k.numerator < 20:
                    break
            total, per = a, b
            question = (
                f"A drink mixes {fmt(a)} cup of juice with every {fmt(b)} cup of water. "
                "Which equation gives the cups of juice y for x cups of water?"
            )
        return Draft(
            question=question,
            answer=equation(k),
            solution=[
                "A proportional relationship has the form y = kx, where k is y for one x.",
                f"Here k = {equation(k)[4:-1] or '1'}, so the equation is {equation(k)}.",
            ],
            wrong=[
                (equation(1 / k), "used the rate upside down"),
                (
                    f"y = {equation(k)[4:-1]}/x" if k.denominator in (1, 2, 4, 5, 10) else None,
                    "divided by x instead of multiplying",
                ),
                (f"y = x + {fmt(k)}", "added the rate instead of multiplying"),
                (
                    equation(total) if total is not None and total != k else None,
                    "used a total instead of the amount for one",
                ),
                (
                    equation(per) if per is not None and per != k else None,
                    "used an amount of x as the rate",
                ),
            ],
            figure=figure,
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        if found := re.search(r"cost (\S+) dollars each", q):
            k = to_sympy(found[1])
        elif found := re.search(r"^(\d+) \w+ cost (\S+) dollars in all", q):
            k = to_sympy(found[2]) / to_sympy(found[1])
        elif "table lists" in q:
            xs, ys = table_values(q)
            k = ys[0] / xs[0]
        elif "graph" in q:
            a, b = graph_point(q)
            k = b / a
        else:
            juice, water = rationals(core.numbers)
            k = juice / water
        return sympy.Eq(Y, k * X)


@dataclass(frozen=True)
class GraphStory:
    """What a proportional graph shows: y {y} of x {x}, and how a point reads."""

    shows: str
    y: str
    x: str
    unit: str  # "the cost in dollars of {x} pounds"
    low: Fraction
    high: Fraction


STORIES = (
    GraphStory(
        "the cost y, in dollars, of x pounds of rice",
        "dollars",
        "pounds",
        "the cost in dollars of {x} pounds",
        Fraction(1, 2),
        Fraction(6),
    ),
    GraphStory(
        "the miles y a cyclist rides in x hours",
        "miles",
        "hours",
        "the miles ridden in {x} hours",
        Fraction(6),
        Fraction(20),
    ),
    GraphStory(
        "the pages y a printer prints in x minutes",
        "pages",
        "minutes",
        "the pages printed in {x} minutes",
        Fraction(2),
        Fraction(40),
    ),
    GraphStory(
        "the liters y a pump moves in x minutes",
        "liters",
        "minutes",
        "the liters moved in {x} minutes",
        Fraction(2),
        Fraction(30),
    ),
)


class PointMeaning(Family):
    """What a point (x, y) on a proportional graph means. Tiers: y at x = 1 with a whole rate;
    y at another x; y at x = 1 with a decimal rate; x for a given y; y at another x with a
    fraction rate."""

    name = "point_meaning"
    topic = "7.RP.A.2.d"
    context_hint = "reading a point on the graph of a rate"
    strategy = "Find y for a single x from the marked point, then scale to the point asked about."

    def draft(self, tier: int, rng: Random) -> Draft:
        style: Style = "decimal" if tier == 3 else "fraction"
        while True:
            s = rng.choice(STORIES)
            x = Fraction(rng.randint(2, 10))
            k = Fraction(rng.randint(1, 80), {3: rng.choice((2, 4)), 5: int(x)}.get(tier, 1))
            c = Fraction(rng.randint(2, 12))
            if (
                s.low <= k <= s.high
                and (tier not in (3, 5) or k.denominator > 1)
                and c != x
                and (k * x).denominator == 1
                and k * x <= 40  # a plane with one scale for both axes stays readable
            ):
                break
        y = k * x
        head = f"A line through (0, 0) and ({fmt(x)}, {fmt(y)}) shows {s.shows}."
        if tier in (1, 3):
            answer = k
            ask = f"The point (1, r) is on the line. What is r, {s.unit.format(x=1)}?"
            ask = ask.replace("1 pounds", "1 pound").replace("1 hours", "1 hour")
            ask = ask.replace("1 minutes", "1 minute")
            wrong: list[tuple[Answer | None, str]] = [
                (x / y, "divided x by y"),
                (y, "gave the y-value of the marked point"),
                (y - x, "subtracted x from y"),
                (y + 1 - x, "moved the same amount down as x did"),
            ]
        elif tier == 4:
            d = k * c
            answer = c
            ask = (
                f"The point (c, {fmt(d)}) is on the line. What is c, the {s.x} for {fmt(d)} {s.y}?"
            )
            wrong = [
                (d * k, "multiplied by the rate instead of dividing"),
                (d - y + x, "subtracted the same amount as at the marked point"),
                (d / x, "divided by the x-value of the marked point"),
                (d, "gave the y-value instead of x"),
            ]
        else:
            answer = k * c
            ask = f"The point ({fmt(c)}, c) is on the line. What is c, {s.unit.format(x=fmt(c))}?"
            wrong = [
                (y * c, "multiplied the marked y-value by the new x"),
                (y + c - x, "added the change in x to y"),
                (c / k, "divided by the rate instead of multiplying"),
                (k, "gave the rate for one instead of for the new x"),
            ]
        return Draft(
            question=f"{head} {ask}",
            answer=answer,
            solution=[
                f"The line goes through the origin, so y ÷ x is the same everywhere: "
                f"{fmt(y)} ÷ {fmt(x)}.",
                f"That rate is {fmt(k, style)} {s.y} for each one of the {s.x}.",
                f"So the answer is {fmt(answer, style)}.",
            ],
            wrong=wrong,
            style=style,
            figure=through_origin((x, y)),
        )

    def expected(self, core: ItemCore) -> Any:
        a, b = graph_point(core.question)
        asked = re.findall(r"The point \((\S+), (\S+)\) is on", core.question)[0]
        if asked[1] in ("r", "c") and asked[0] not in ("r", "c"):
            return to_sympy(asked[0]) * b / a
        return to_sympy(asked[1]) * a / b


class PercentProblem(Family):
    """Multistep percent problems. Tiers: a sale or a tip at 10, 20, 25 or 50 percent; tax,
    tips and markups at any multiple of 5; percent increase or decrease; simple interest or
    percent error; a discount and then a tax."""

    name = "percent_problem"
    topic = "7.RP.A.3"
    style = "decimal"
    context_hint = "shopping, tips, interest or estimates, in dollars and percents"
    strategy = "Find the percent of the right amount, then add or subtract as the story says."

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier <= 2:
            return self._one_step(tier, rng)
        if tier == 3:
            return self._change(rng)
        if tier == 4:
            return self._interest(rng) if rng.random() < 0.5 else self._error(rng)
        return self._two_steps(rng)

    def _one_step(self, tier: int, rng: Random) -> Draft:
        r = Fraction(rng.choice((10, 20, 25, 50)) if tier == 1 else 5 * rng.randint(1, 7))
        p = Fraction(rng.randint(2, 40) * (4 if tier == 1 else 2))
        sale = rng.random() < 0.5
        part = p * r / 100
        if sale:
            item = rng.choice(("jacket", "lamp", "game", "backpack", "bike helmet"))
            question = (
                f"A {item} costs {fmt(p)} dollars. It is on sale for {fmt(r)}% off. "
                "What is the sale price in dollars?"
            )
            answer = p - part
            wrong: list[tuple[Answer | None, str]] = [
                (part, "found the discount but did not subtract it"),
                (p + part, "added the discount instead of subtracting it"),
                (p - r, "subtracted the percent as if it were dollars"),
                (p * (100 - r), "forgot to divide the percent by 100"),
            ]
        else:
            word = rng.choice(("tip", "tax") if tier == 2 else ("tip",))
            who = rng.choice(("Sam", "Ana", "Lee", "Maya"))
            question = (
                f"A meal costs {fmt(p)} dollars. {who} adds a {fmt(r)}% {word}. "
                "How many dollars is that in all?"
            )
            answer = p + part
            wrong = [
                (part, f"found the {word} but did not add it to the bill"),
                (p - part, f"subtracted the {word} instead of adding it"),
                (p + r, "added the percent as if it were dollars"),
                (p * (100 + r), "forgot to divide the percent by 100"),
            ]
        return Draft(
            question=question,
            answer=answer,
            solution=[
                f"{fmt(r)}% of {fmt(p)} is {fmt(r)}/100 × {fmt(p)} = {fmt(part, 'decimal')}.",
                f"{fmt(p)} {'-' if sale else '+'} {fmt(part, 'decimal')} = "
                f"{fmt(answer, 'decimal')}.",
            ],
            wrong=wrong,
        )

    def _change(self, rng: Random) -> Draft:
        while True:
            old = Fraction(rng.randint(2, 40) * 5)
            pct = Fraction(5 * rng.randint(1, 19))
            change = old * pct / 100
            if change.denominator == 1:
                break
        up = rng.random() < 0.5
        new = old + change if up else old - change
        word = "rose" if up else "fell"
        return Draft(
            question=f"A price {word} from {fmt(old)} dollars to {fmt(new)} dollars. "
            f"By what percent did it {'rise' if up else 'fall'}?",
            answer=pct,
            solution=[
                f"The change is {fmt(abs(new - old))} dollars.",
                f"Divide by the first price: {fmt(change)} ÷ {fmt(old)} = "
                f"{fmt(change / old, 'decimal')}, which is {fmt(pct)}%.",
            ],
            wrong=[
                (change / new * 100, "divided the change by the new price"),
                (change, "gave the change in dollars, not a percent"),
                (new / old * 100, "gave the new price as a percent of the old one"),
                (change / old, "forgot to multiply by 100"),
            ],
        )

    def _interest(self, rng: Random) -> Draft:
        p = Fraction(rng.randint(2, 40) * 50)
        r = Fraction(rng.randint(1, 8))
        t = Fraction(rng.randint(2, 6))
        answer = p * r * t / 100
        return Draft(
            question=f"A bank pays {fmt(r)}% simple interest each year on {fmt(p)} dollars. "
            f"How many dollars of interest does it pay in {fmt(t)} years?",
            answer=answer,
            solution=[
                f"One year's interest is {fmt(r)}% of {fmt(p)} = {fmt(p * r / 100, 'decimal')}.",
                f"For {fmt(t)} years: {fmt(p * r / 100, 'decimal')} × {fmt(t)} = "
                f"{fmt(answer, 'decimal')}.",
            ],
            wrong=[
                (p + answer, "gave the total in the account, not just the interest"),
                (p * r / 100, "found the interest for one year only"),
                (p * r * t, "forgot to divide the percent by 100"),
                (p * (r + t) / 100, "added the rate and the years"),
            ],
        )

    def _error(self, rng: Random) -> Draft:
        while True:
            actual = Fraction(rng.randint(4, 50) * 5)
            pct = Fraction(rng.choice((2, 4, 5, 8, 10, 12, 15, 20, 25)))
            off = actual * pct / 100
            if off.denominator == 1:
                break
        guess = actual + off if rng.random() < 0.5 else actual - off
        who = rng.choice(("Sam", "Ana", "Lee", "Maya"))
        return Draft(
            question=f"{who} guessed there were {fmt(guess)} beans in a jar. There were "
            f"{fmt(actual)}. What is the percent error of the guess?",
            answer=pct,
            solution=[
                f"The guess is off by {fmt(off)} beans.",
                f"Divide by the real count: {fmt(off)} ÷ {fmt(actual)} = "
                f"{fmt(off / actual, 'decimal')}, which is {fmt(pct)}%.",
            ],
            wrong=[
                (off / guess * 100, "divided by the guess instead of the real count"),
                (off, "gave the difference, not a percent"),
                (guess / actual * 100, "gave the guess as a percent of the real count"),
                (off / actual, "forgot to multiply by 100"),
            ],
        )

    def _two_steps(self, rng: Random) -> Draft:
        while True:
            p = Fraction(rng.randint(4, 60) * 5)
            r = Fraction(5 * rng.randint(1, 8))
            t = Fraction(rng.randint(2, 9))
            sale = p * (100 - r) / 100
            answer = sale * (100 + t) / 100
            if (answer * 100).denominator == 1:
                break
        item = rng.choice(("bike", "tablet", "tent", "guitar", "coat"))
        return Draft(
            question=f"A {item} costs {fmt(p)} dollars. It is {fmt(r)}% off, and then a "
            f"{fmt(t)}% tax is added to the sale price. What is the final price in dollars?",
            answer=answer,
            solution=[
                f"Sale price: {fmt(p)} - {fmt(r)}% of {fmt(p)} = {fmt(sale, 'decimal')}.",
                f"Add the tax: {fmt(sale, 'decimal')} + {fmt(t)}% of it = "
                f"{fmt(answer, 'decimal')}.",
            ],
            wrong=[
                (p * (100 - r + t) / 100, "took both percents of the first price"),
                (sale, "forgot to add the tax"),
                (p * r / 100, "gave the discount instead of the price"),
                (p - r + t, "used the percents as if they were dollars"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        n = rationals(core.numbers)
        if "tax is added to the sale price" in q:
            p, r, t = n
            return p * (1 - r / 100) * (1 + t / 100)
        if "% off" in q:
            return n[0] * (1 - n[1] / 100)
        if "in all" in q:
            return n[0] * (1 + n[1] / 100)
        if "simple interest" in q:
            r, p, t = n
            return p * r / 100 * t
        if "percent error" in q:
            guess, actual = n
            return abs(guess - actual) / actual * 100
        old, new = n
        return abs(new - old) / old * 100


FAMILIES: tuple[type[Family], ...] = (
    FractionUnitRate,
    ProportionalTable,
    ConstantOfProportionality,
    ProportionalEquation,
    PointMeaning,
    PercentProblem,
)
