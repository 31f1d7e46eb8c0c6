"""Ratios, rates, unit conversions and percents."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction
from random import Random
from typing import Any, ClassVar

import sympy

from edugen.content.cores import ItemCore
from edugen.content.families.base import Answer, Draft, Family, question_part
from edugen.content.families.common import fmt, rationals, to_sympy

COLORS = ("red", "blue", "green", "yellow")


def ratio(a: int, b: int) -> str:
    g = math.gcd(a, b)
    return f"{a // g}:{b // g}"


class RatioLanguage(Family):
    """Ratios of groups in simplest form. Tiers: part to part already simplest; part to part
    to simplify; part to whole; three groups, part to part; part to the rest."""

    name = "ratio_language"
    topic = "6.RP.A.1"
    kinds = ("multiple_choice",)
    context_hint = "comparing the sizes of groups in a collection"
    strategy = (
        "Find the amounts the question compares, in that order, then divide both by a "
        "common factor."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        colors = rng.sample(COLORS, 3 if tier >= 4 else 2)
        while True:
            scale = 1 if tier == 1 else rng.randint(2, 5)
            counts = [scale * rng.randint(1, 9) for _ in colors]
            if len(set(counts)) == len(counts) and (tier > 1 or math.gcd(*counts) == 1):
                break
        first, total = counts[0], sum(counts)
        second, label = {
            3: (total, "all tiles"),
            5: (total - first, f"tiles that are not {colors[0]}"),
        }.get(tier, (counts[1], f"{colors[1]} tiles"))
        groups = [f"{n} {c} tiles" for n, c in zip(counts, colors, strict=True)]
        listed = ", ".join(groups[:-1]) + f"{',' if len(groups) > 2 else ''} and {groups[-1]}"
        answer = ratio(first, second)
        part_to_part = second != total
        return Draft(
            question=f"There are {listed}. What is the ratio of {colors[0]} tiles to {label}, "
            "in simplest form?",
            answer=answer,
            solution=[
                f"There are {first} {colors[0]} tiles and {second} {label}: {first}:{second}.",
                f"Divide both by their greatest common factor, {math.gcd(first, second)}: "
                f"{answer}.",
            ],
            wrong=[
                (ratio(second, first), "wrote the ratio in reverse order"),
                (
                    ratio(first, total if part_to_part else total - first),
                    "compared the part to the whole instead of to the other part"
                    if part_to_part
                    else "compared the part to the other part instead of to the whole",
                ),
                (ratio(first, counts[2]) if tier >= 4 else None, "compared with the wrong group"),
                (
                    f"{first}:{second}" if math.gcd(first, second) > 1 else None,
                    "did not write the ratio in simplest form",
                ),
                (
                    ratio(second if part_to_part else total - first, total),
                    "compared the other part to the whole",
                ),
                (ratio(first, first + second), "added the first amount to the second"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        counts = {c: sympy.Integer(n) for n, c in re.findall(r"(\d+) (\w+) tiles", core.question)}
        sides = question_part(core.question, r"ratio of (.+?) to (.+?), in simplest form")

        def amount(side: str) -> Any:
            if side == "all tiles":
                return sum(counts.values())
            rest = re.fullmatch(r"tiles that are not (\w+)", side)
            return sum(counts.values()) - counts[rest[1]] if rest else counts[side.split()[0]]

        a, b = map(amount, sides)
        g = sympy.gcd(a, b)
        return sympy.Tuple(a / g, b / g)


@dataclass(frozen=True)
class RateContext:
    """Sentences where the numbers appear as x1, y1, x2 and the answer is y1 × x2 / x1."""

    setup: str  # uses {x1} {X1} {y1} {Y1}
    ask: str  # uses {x2} {X2}, {X} (singular) and {Y} (plural)
    x: tuple[str, str]  # singular, plural
    y: tuple[str, str]
    # What is plausible here: y for one x (a cyclist rides 6 to 20 miles in an hour), and
    # the most x one question may name. Conversions, which are exact, leave both open.
    rates: tuple[Fraction, Fraction] = (Fraction(0), Fraction(10**9))
    most: int = 10**9
    # y is counted or paid in steps of this (whole pages, cents), so a y a question names
    # or asks for is a multiple of it; None where y may be any amount (miles, cups).
    step: Fraction | None = None

    def plausible(self, x1: Fraction, y1: Fraction, x2: Fraction) -> bool:
        low, high = self.rates
        named = (y1, y1 * x2 / x1) if x2 != 1 else (y1,)
        return (
            low <= y1 / x1 <= high
            and max(x1, x2) <= self.most
            and (self.step is None or all((y / self.step).denominator == 1 for y in named))
        )


def within(rng: Random, low: Fraction, high: Fraction, denominator: int) -> Fraction | None:
    """A random multiple of 1/denominator from low to high, or None when there is none."""
    first, last = math.ceil(low * denominator), math.floor(high * denominator)
    return Fraction(rng.randint(first, last), denominator) if first <= last else None


def noun(n: Fraction, forms: tuple[str, str]) -> str:
    return forms[0] if n <= 1 else forms[1]


class _Rate(Family):
    """A rate: y1 for every x1, so how much y for x2 (x2 is 1 when the question omits it).

    Numbers are drawn for a context until they are plausible there (its `rates` and `most`).
    """

    contexts: ClassVar[tuple[RateContext, ...]]

    def pick(self, tier: int, rng: Random) -> tuple[RateContext, Fraction, Fraction, Fraction]:
        """The sentences, then x1, y1 and x2, for a tier: plausible for the context."""
        for _ in range(1000):
            ctx = rng.choice(self.contexts)
            found = self.numbers(tier, rng, ctx)
            if found is not None and ctx.plausible(*found):
                return (ctx, *found)
        raise RuntimeError(f"{self.name}: no plausible numbers for tier {tier}")

    def numbers(
        self, tier: int, rng: Random, ctx: RateContext
    ) -> tuple[Fraction, Fraction, Fraction] | None:
        """x1, y1 and x2 of the tier's shape for this context, or None if it has none
        (families that override `pick` need not write it)."""
        raise NotImplementedError

    def draft(self, tier: int, rng: Random) -> Draft:
        ctx, x1, y1, x2 = self.pick(tier, rng)
        answer = y1 * x2 / x1
        show = self.show
        words = {
            "x1": show(x1),
            "y1": show(y1),
            "x2": show(x2),
            "X1": noun(x1, ctx.x),
            "Y1": noun(y1, ctx.y),
            "X2": noun(x2, ctx.x),
            "X": ctx.x[0],
            "Y": ctx.y[1],
        }
        unit = y1 / x1
        if y1 == 1:  # x1 small units make one large unit
            steps = [f"Every {show(x1)} {ctx.x[1]} make 1 {ctx.y[0]}: {show(x2)} ÷ {show(x1)}."]
        else:
            steps = [f"For one {ctx.x[0]}: {show(y1)} ÷ {show(x1)} = {self.step(unit)} {ctx.y[1]}."]
            if x2 != 1:
                steps.append(f"For {show(x2)}: {self.step(unit)} × {show(x2)} = {show(answer)}.")
        return Draft(
            question=f"{ctx.setup} {ctx.ask}".format(**words),
            answer=answer,
            solution=[*steps, f"The answer is {show(answer)} {ctx.y[1]}."],
            wrong=self.misconceptions(x1, y1, x2, answer),
        )

    def step(self, x: Fraction) -> str:
        """An intermediate value: in the family's style where it can be, else a fraction."""
        try:
            return self.show(x)
        except ValueError:
            return fmt(x)

    def misconceptions(
        self, x1: Fraction, y1: Fraction, x2: Fraction, answer: Fraction
    ) -> list[tuple[Answer | None, str]]:
        scaled = x2 != 1
        return [
            (x2 * x1 / y1, "used the rate upside down"),
            (y1 / x1 if scaled else None, "found the amount for one but did not scale it up"),
            (y1 + x2 - x1 if scaled else None, "added the same amount instead of scaling"),
            (x2 * y1 if scaled else x1 * y1, "multiplied the quantities without dividing"),
            (abs(y1 - x1), "subtracted the quantities instead of dividing"),
        ]

    def expected(self, core: ItemCore) -> Any:
        x1, y1, *rest = rationals(core.numbers)
        return y1 * (rest[0] if rest else 1) / x1


class UnitRate(_Rate):
    """Unit rates. Tiers: small whole rates; larger whole rates; rates in halves, thirds or
    quarters; rates in fifths to twelfths; rates between fractional quantities. Answers are
    fractions; every rate is one the context makes plausible (no cyclist at 5/6 mph)."""

    name = "unit_rate"
    topic = "6.RP.A.2"
    context_hint = "a rate comparing two different quantities"
    strategy = "Divide so that the second quantity becomes a single unit."
    contexts = (
        RateContext(
            "For {x1} {X1} of muffins, a baker uses {y1} {Y1} of flour.",
            "How many {Y} of flour is that for each {X}?",
            ("batch", "batches"),
            ("cup", "cups"),
            (Fraction(1, 4), Fraction(4)),
            12,
        ),
        RateContext(
            "In {x1} {X1}, a cyclist rides {y1} {Y1}.",
            "How many {Y} is that for each {X}?",
            ("hour", "hours"),
            ("mile", "miles"),
            (Fraction(6), Fraction(20)),
            8,
        ),
        RateContext(
            "In {x1} {X1}, a reader finishes {y1} {Y1}.",
            "How many {Y} is that for each {X}?",
            ("day", "days"),
            ("page", "pages"),
            (Fraction(5), Fraction(60)),
            14,
            Fraction(1),
        ),
        RateContext(
            "With {x1} {X1} of paint, a painter covers {y1} {Y1} of fence.",
            "How many {Y} of fence is that for each {X}?",
            ("can", "cans"),
            ("meter", "meters"),
            (Fraction(4), Fraction(40)),
            12,
        ),
        RateContext(
            "In {x1} {X1}, a printer prints {y1} {Y1}.",
            "How many {Y} is that for each {X}?",
            ("minute", "minutes"),
            ("page", "pages"),
            (Fraction(4), Fraction(40)),
            30,
            Fraction(1),
        ),
        RateContext(
            "In {x1} {X1}, a garden hose pours out {y1} {Y1} of water.",
            "How many {Y} of water is that for each {X}?",
            ("minute", "minutes"),
            ("liter", "liters"),
            (Fraction(4), Fraction(30)),
            20,
        ),
    )

    def numbers(
        self, tier: int, rng: Random, ctx: RateContext
    ) -> tuple[Fraction, Fraction, Fraction] | None:
        low, high = ctx.rates
        one = Fraction(1)
        unit: Fraction | None
        if tier <= 2:
            x1 = Fraction(rng.randint(2, 5) if tier == 1 else rng.randint(3, 12))
            unit = Fraction(rng.randint(2, 9) if tier == 1 else rng.randint(6, 25))
            return x1, unit * x1, one
        if tier == 5:  # a fraction of an x: 3/4 hour, 1/2 batch
            x1 = rng.choice((Fraction(1, 2), Fraction(1, 3), Fraction(1, 4), Fraction(3, 4)))
            unit = within(rng, low, high, rng.choice((1, 2, 3, 5)))
            return None if unit is None else (x1, unit * x1, one)
        per = rng.randint(2, 4) if tier == 3 else rng.randint(5, 12)
        unit = within(rng, low, high, per)
        if unit is None or unit.denominator == 1:
            return None
        return Fraction(per), unit * per, one


class RateProblem(_Rate):
    """Unit prices and constant speed. Tiers: whole unit rates; larger amounts; decimal unit
    rates; rates that do not divide evenly; larger amounts that do not divide evenly. Every
    price, speed and time is one the context makes plausible."""

    name = "rate_problem"
    topic = "6.RP.A.3.b"
    style = "decimal"
    context_hint = "unit prices when shopping, or travelling at a constant speed"
    strategy = "Work out the rate for a single unit first, then scale up."
    contexts = (
        RateContext(
            "{x1} {X1} of apples cost {y1} {Y1}.",
            "At the same price, how many {Y} do {x2} {X2} of apples cost?",
            ("pound", "pounds"),
            ("dollar", "dollars"),
            (Fraction(1, 2), Fraction(4)),
            30,
            Fraction(1, 100),
        ),
        RateContext(
            "{x1} {X1} cost {y1} {Y1}.",
            "At the same price, how many {Y} do {x2} {X2} cost?",
            ("notebook", "notebooks"),
            ("dollar", "dollars"),
            (Fraction(1), Fraction(6)),
            60,
            Fraction(1, 100),
        ),
        RateContext(
            "In {x1} {X1}, a train travels {y1} {Y1}.",
            "At the same speed, how many {Y} does it travel in {x2} {X2}?",
            ("hour", "hours"),
            ("mile", "miles"),
            (Fraction(30), Fraction(90)),
            12,
        ),
        RateContext(
            "In {x1} {X1}, a printer prints {y1} {Y1}.",
            "At the same speed, how many {Y} does it print in {x2} {X2}?",
            ("minute", "minutes"),
            ("page", "pages"),
            (Fraction(4), Fraction(40)),
            60,
            Fraction(1),
        ),
        RateContext(
            "A pump fills {x1} {X1} in {y1} {Y1}.",
            "At the same rate, how many {Y} does it take to fill {x2} {X2}?",
            ("tank", "tanks"),
            ("minute", "minutes"),
            (Fraction(2), Fraction(30)),
            60,
        ),
    )

    def numbers(
        self, tier: int, rng: Random, ctx: RateContext
    ) -> tuple[Fraction, Fraction, Fraction] | None:
        low, high = ctx.rates
        unit: Fraction | None
        if tier <= 2:
            x1 = Fraction(rng.randint(2, 6))
            unit = within(rng, max(low, Fraction(2)), high, 1)
            x2 = Fraction(rng.randint(11, 30) if tier == 2 else rng.randint(2, 12))
        elif tier == 3:
            x1 = Fraction(rng.randint(2, 8))
            unit = within(rng, low, high, rng.choice((4, 10)))
            x2 = Fraction(rng.randint(2, 12))
            if unit is not None and unit.denominator == 1:
                return None
        else:
            x1 = Fraction(rng.choice((4, 5, 8)) if tier == 4 else rng.choice((8, 16, 20, 25)))
            unit = within(rng, low, high, int(x1))
            x2 = Fraction(rng.randint(3, 15) if tier == 4 else rng.randint(12, 60))
            if unit is not None and unit.denominator == 1:
                return None
        if unit is None:
            return None
        if x2 == x1:
            x2 += 1
        return x1, unit * x1, x2


class UnitConversion(_Rate):
    """Converting units with a ratio. Tiers: large to small units; small to large, whole;
    small to large, decimal; decimal amounts to small units; metric units to decimals."""

    name = "unit_conversion"
    topic = "6.RP.A.3.d"
    style = "decimal"
    context_hint = "measuring with two different units"
    strategy = "Use the given conversion to decide whether to multiply or divide."
    customary: ClassVar[tuple[tuple[tuple[str, str], tuple[str, str], int], ...]] = (
        (("foot", "feet"), ("inch", "inches"), 12),
        (("yard", "yards"), ("foot", "feet"), 3),
        (("gallon", "gallons"), ("quart", "quarts"), 4),
        (("pound", "pounds"), ("ounce", "ounces"), 16),
        (("hour", "hours"), ("minute", "minutes"), 60),
    )
    metric: ClassVar[tuple[tuple[tuple[str, str], tuple[str, str], int], ...]] = (
        (("meter", "meters"), ("centimeter", "centimeters"), 100),
        (("kilometer", "kilometers"), ("meter", "meters"), 1000),
        (("kilogram", "kilograms"), ("gram", "grams"), 1000),
        (("liter", "liters"), ("milliliter", "milliliters"), 1000),
    )

    def pick(self, tier: int, rng: Random) -> tuple[RateContext, Fraction, Fraction, Fraction]:
        big, small, factor = rng.choice(self.metric if tier == 5 else self.customary)
        f, one = Fraction(factor), Fraction(1)
        if tier in (1, 4):  # large units to small: 1 big = f small
            ctx = RateContext(
                "{x1} {X1} = {y1} {Y1}.", "How many {Y} are in {x2} {X2}?", big, small
            )
            amount = Fraction(rng.randint(2, 20)) if tier == 1 else _halves_or_quarters(rng)
            return ctx, one, f, amount
        ctx = RateContext("{x1} {X1} = {y1} {Y1}.", "How many {Y} are in {x2} {X2}?", small, big)
        if tier == 5:
            while (amount := Fraction(rng.randint(factor + 1, 10 * factor - 1))) % 10 == 0:
                pass
            return ctx, f, one, amount
        while True:
            answer = Fraction(rng.randint(2, 20)) if tier == 2 else _halves_or_quarters(rng)
            if (answer * f * 100).denominator == 1:  # at most two decimal places
                return ctx, f, one, answer * f

    def misconceptions(
        self, x1: Fraction, y1: Fraction, x2: Fraction, answer: Fraction
    ) -> list[tuple[Answer | None, str]]:
        factor, to_small = max(x1, y1), x1 == 1
        upside = x2 * x1 / y1
        base_ten = x2 * 10 if to_small else x2 / 10
        return [
            (
                upside,
                "divided instead of multiplying" if to_small else "multiplied instead of dividing",
            ),
            (None if factor in (10, 100, 1000) else base_ten, "used 10 as the conversion factor"),
            (x2 + factor, "added the conversion factor")
            if to_small
            else (x2 - factor, "subtracted the conversion factor"),
            (x2, "did not convert the units"),
        ]


def _halves_or_quarters(rng: Random) -> Fraction:
    """1.5, 2.25, 3.75 …: an amount that is not whole."""
    while (x := Fraction(rng.randint(3, 40), rng.choice((2, 4)))).denominator == 1:
        pass
    return x


class RatioTable(Family):
    """A missing value in equivalent ratios. Tiers: small whole-number scale factors; larger
    factors; factors that go through the unit rate; the missing number first; larger numbers."""

    name = "ratio_table"
    topic = "6.RP.A.3.a"
    context_hint = "a recipe or mixture scaled up or down"
    strategy = "Find what a single unit of the first quantity goes with, then scale up."

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier <= 2:
            a, b = rng.sample(range(2, 10 if tier == 1 else 13), 2)
            c = a * rng.randint(2, 5 if tier == 1 else 12)
        else:
            g = rng.randint(2, 6)
            a0, b0 = rng.sample(range(1, 13 if tier == 5 else 8), 2)
            m = rng.choice([k for k in range(2, 26 if tier == 5 else 13) if k % g])
            a, b, c = g * a0, g * b0, m * a0
        missing_first = tier == 4 or (tier == 5 and rng.random() < 0.5)
        answer = Fraction(b * c, a)
        # with the missing number first, both pairs are read the other way round
        pairs = f"{b}:{a} and ?:{c}" if missing_first else f"{a}:{b} and {c}:?"
        return Draft(
            question=f"Which number makes the ratios {pairs} equivalent?",
            answer=answer,
            solution=[
                f"Each {a} goes with {b}, so 1 goes with {fmt(Fraction(b, a))}.",
                f"{c} × {fmt(Fraction(b, a))} = {fmt(answer)}.",
            ],
            wrong=[
                (Fraction(b + c - a), "added the same amount to both numbers"),
                (Fraction(a * c, b), "matched the numbers in the wrong order"),
                (Fraction(b * c), "multiplied the two numbers it was given"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        n = sympy.Symbol("n")
        terms = question_part(core.question, r"ratios (\S+):(\S+) and (\S+):(\S+) equivalent")
        p, q, r, s = (n if t == "?" else to_sympy(t) for t in terms)
        return sympy.solve(sympy.Eq(p * s, q * r), n)[0]


class Percent(Family):
    """Percent as a rate per 100. Tiers: 10%, 25% and 50%; multiples of 5%; any percent;
    what percent one number is of another; the whole from a part and a percent."""

    name = "percent"
    topic = "6.RP.A.3.c"
    style = "decimal"
    context_hint = "discounts, scores or shares expressed as percents"
    strategy = "Write the percent as a fraction or a decimal first, then multiply."

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier <= 3:
            p = (rng.choice((10, 25, 50)), 5 * rng.randint(1, 19), rng.randint(1, 99))[tier - 1]
            n = (
                20 * rng.randint(1, 30 if tier == 1 else 20)
                if tier < 3
                else 10 * rng.randint(2, 30)
            )
            answer = Fraction(p * n, 100)
            return Draft(
                question=f"What is {p}% of {n}?",
                answer=answer,
                solution=[f"{p}% means {p} per 100: {p}/100 × {n}.", f"= {self.show(answer)}."],
                wrong=[
                    (Fraction(n, p), "divided by the percent"),
                    (Fraction(n * p), "multiplied without dividing by 100"),
                    (n - answer, "found the part that is left instead"),
                    (answer / 10, "moved the decimal point one place too far"),
                ],
            )
        whole = 20 * rng.randint(1, 10) if tier == 4 else 20 * rng.randint(2, 25)
        p = 5 * rng.randint(1, 19)
        part = Fraction(p * whole, 100)
        if tier == 4:
            return Draft(
                question=f"{self.show(part)} is what percent of {whole}?",
                answer=Fraction(p),
                solution=[
                    f"Divide the part by the whole: {self.show(part)} ÷ {whole} = "
                    f"{self.show(part / whole)}.",
                    f"Per 100: {self.show(part / whole)} × 100 = {p}, so {p}%.",
                ],
                wrong=[
                    (Fraction(whole) / part, "divided the whole by the part"),
                    (part / whole, "forgot to multiply by 100"),
                    (whole - part, "subtracted the numbers"),
                    (Fraction(100 - p), "found the percent that is left instead"),
                    (part, "gave the part instead of the percent"),
                ],
            )
        return Draft(
            question=f"{self.show(part)} is {p}% of what number?",
            answer=Fraction(whole),
            solution=[
                f"{p}% of the number is {self.show(part)}, so 1% is {self.show(part)} ÷ {p}.",
                f"100% is {self.show(part)} ÷ {p} × 100 = {whole}.",
            ],
            wrong=[
                (part * p / 100, "found the percent of the given number instead"),
                (part / p, "divided by the percent without the 100"),
                (part * p, "multiplied by the percent"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        if found := re.search(r"What is (\S+)% of (\S+)\?", q):
            return to_sympy(found[1]) / 100 * to_sympy(found[2])
        if found := re.search(r"(\S+) is what percent of (\S+)\?", q):
            return to_sympy(found[1]) / to_sympy(found[2]) * 100
        part, p = question_part(q, r"(\S+) is (\S+)% of what number\?")
        return to_sympy(part) / (to_sympy(p) / 100)


FAMILIES: tuple[type[Family], ...] = (
    RatioLanguage,
    UnitRate,
    RatioTable,
    RateProblem,
    Percent,
    UnitConversion,
)
