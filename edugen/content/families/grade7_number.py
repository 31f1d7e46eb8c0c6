"""Grade-7 number system (7.NS): adding, subtracting, multiplying and dividing rational
numbers, sums and distances on the number line, fractions as decimals, and word problems.

Signed numbers are written as every family writes them: the minus sign glued to its digits
("-7"), and a negative number after an operation sign in parentheses ("5 - (-7)"), so no two
signs touch; figures and read-aloud text print that sign as a true minus (figures.svg.label).
Each family's `expected` reads the numbers back from the question alone and recomputes the key
with sympy, by another path than the generator's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import partial
from random import Random
from typing import Any

import sympy

from edugen.content.cores import ItemCore
from edugen.content.families.base import Answer, Draft, ExpressionFamily, Family, question_part
from edugen.content.families.common import Style, dec, fmt, proper, rationals, to_sympy
from edugen.content.figures import number_line
from edugen.content.figures.lines import around_zero
from edugen.schemas import Figure

Wrong = list[tuple[Answer | None, str]]
# How an amount is measured: whole numbers, tenths, hundredths, fractions (halves to eighths,
# proper or not) or quarters (halves and quarters, the marks a number line has room for).
Measure = str
NAMES = ("Maya", "Ben", "Ana", "Leo", "Priya", "Sam", "Noor", "Kofi", "Elena", "Tom")


def wrap(x: Fraction, style: Style = "fraction") -> str:
    """A number after an operation sign: "(-9)" when it is negative, so no two signs touch."""
    return f"({fmt(x, style)})" if x < 0 else fmt(x, style)


def amount(rng: Random, measure: Measure, top: int) -> Fraction:
    """A positive amount up to `top`, measured as asked."""
    if measure == "whole":
        return Fraction(rng.randint(1, top))
    if measure == "tenths":
        return dec(rng, 1, 0, top)
    if measure == "hundredths":
        return dec(rng, 2, 0, top)
    if measure == "quarters":
        while True:
            d = rng.choice((2, 4))
            q = Fraction(rng.randint(1, d * top), d)
            if q.denominator > 1:
                return q
    return proper(rng, 2, 8) + rng.randint(0, max(top - 1, 0))


def style_of(measure: Measure) -> Style:
    return "decimal" if measure in ("tenths", "hundredths") else "fraction"


def signs(rng: Random, count: int) -> list[int]:
    """Random signs for `count` numbers, at least one of them negative."""
    while True:
        out = [rng.choice((1, -1)) for _ in range(count)]
        if -1 in out:
            return out


def marked_line(marked: Sequence[Fraction], reach: Sequence[Fraction], style: Style) -> Figure:
    """A number line around zero with the question's numbers marked (each once, written as the
    question writes them); its ends also take in `reach`, without marking it."""
    points = sorted(set(marked))
    show = partial(fmt, style=style)
    return number_line(
        *around_zero([*points, *reach]), points, labels=[show(p) for p in points], show=show
    )


def total(values: Sequence[Fraction]) -> Fraction:
    return sum(values, Fraction(0))


# --- 7.NS.A.1.a: opposite quantities combine to make zero -----------------------------------


@dataclass(frozen=True)
class Changes:
    """A quantity that changes both ways: who changes it, the verb for each way, the unit, what
    counts as positive, the size one change plausibly has, and how it is measured."""

    who: str  # may hold {name}
    up: str
    down: str
    unit: tuple[str, str]
    plus: str
    most: int
    measures: tuple[Measure, ...]


CHANGES = (
    Changes("A football team", "gains", "loses", ("yard", "yards"), "gains", 30, ("whole",)),
    Changes(
        "{name}",
        "deposits",
        "withdraws",
        ("dollar", "dollars"),
        "deposits",
        200,
        ("whole", "hundredths"),
    ),
    Changes("A hiker", "climbs", "descends", ("foot", "feet"), "climbs", 400, ("whole", "tenths")),
    Changes(
        "The temperature", "rises", "falls", ("degree", "degrees"), "rises", 20, ("whole", "tenths")
    ),
    Changes("An elevator", "goes up", "goes down", ("floor", "floors"), "moves up", 12, ("whole",)),
    Changes("In a game, {name}", "wins", "loses", ("point", "points"), "wins", 100, ("whole",)),
    Changes(
        "A river's water level",
        "rises",
        "falls",
        ("foot", "feet"),
        "rises",
        6,
        ("tenths", "fraction"),
    ),
    Changes(
        "A snail on a wall", "climbs", "slides down", ("foot", "feet"), "climbs", 3, ("fraction",)
    ),
    Changes("A diver", "rises", "sinks", ("meter", "meters"), "rises", 15, ("whole", "tenths")),
)
# Every verb a question may use for a change, and the sign it gives.
VERB_SIGN = {c.up: 1 for c in CHANGES} | {c.down: -1 for c in CHANGES}


def unit_for(value: Fraction, unit: tuple[str, str]) -> str:
    return unit[0] if value <= 1 else unit[1]


def changes_in(question: str) -> list[Any]:
    """The signed changes a question tells in words: "loses 13 yards" is -13."""
    verbs = "|".join(sorted(VERB_SIGN, key=len, reverse=True))
    found = re.findall(rf"\b({verbs}) (\d[\d./]*) ", question)
    return [VERB_SIGN[v] * to_sympy(n) for v, n in found]


class MakeZero(Family):
    """Opposite quantities that combine to make zero: the change that undoes a run of gains and
    losses. Tiers: two small whole changes; two larger ones; two or three in decimals; four
    whole changes; three in fractions. Sizes stay plausible for each setting."""

    name = "make_zero"
    topic = "7.NS.A.1.a"
    nonnegative = False
    context_hint = "gains and losses that cancel out, such as yards, money, heights or points"
    strategy = (
        "Write each change as a signed number, add them, and undo the total with its opposite."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        measure = {1: "whole", 2: "whole", 4: "whole", 5: "fraction"}.get(
            tier, rng.choice(("tenths", "hundredths"))
        )
        ctx = rng.choice([c for c in CHANGES if measure in c.measures])
        count = {1: 2, 2: 2, 3: rng.randint(2, 3), 4: 4, 5: 3}[tier]
        top = min(ctx.most, 12) if tier == 1 else ctx.most
        while True:
            values = [amount(rng, measure, top) * s for s in signs(rng, count)]
            if any(v > 0 for v in values) and total(values) != 0:
                break
        style = style_of(measure)
        who = ctx.who.format(name=rng.choice(NAMES))
        told = [
            f"{ctx.up if v > 0 else ctx.down} {fmt(abs(v), style)} {unit_for(abs(v), ctx.unit)}"
            for v in values
        ]
        story = f"{who} {', '.join(told[:-1])}, then {told[-1]}."
        net = total(values)
        answer = -net
        sizes = total([abs(v) for v in values])
        return Draft(
            question=f"{story} Count {ctx.plus} as positive. What signed number of "
            f"{ctx.unit[1]} must the next change be for a total of zero?",
            answer=answer,
            solution=[
                "Write each change as a signed number: "
                + ", ".join(fmt(v, style) for v in values)
                + ".",
                f"They add up to {fmt(net, style)}.",
                f"Its opposite brings the total to zero: {fmt(net, style)} + {wrap(answer, style)}"
                f" = 0, so the next change is {fmt(answer, style)}.",
            ],
            wrong=[
                (net, "gave the total change instead of its opposite"),
                (sizes, "added the sizes and ignored which way each change went"),
                (-values[-1], "undid only the last change"),
                (-values[0], "undid only the first change"),
                (-sizes, "added the sizes and took the opposite, ignoring directions"),
            ],
            style=style,
        )

    def expected(self, core: ItemCore) -> Any:
        return -sum(changes_in(core.question))


# --- 7.NS.A.1.b: p + q on the number line ---------------------------------------------------


@dataclass(frozen=True)
class Position:
    """A signed position that changes: how it reads, the verbs for each way, plausible range."""

    start: str  # uses {p}
    up: str
    down: str
    unit: str
    ask: str
    low: int
    high: int
    most: int  # the largest plausible change


POSITIONS = (
    Position(
        "The temperature is {p} degrees. Then it {move} {q} degrees.",
        "rises",
        "falls",
        "degrees",
        "What is the temperature now, in degrees?",
        -25,
        30,
        25,
    ),
    Position(
        "A diver is at {p} feet, where negative numbers are below the surface. She {move} {q} "
        "feet.",
        "rises",
        "sinks",
        "feet",
        "At what number of feet is she now?",
        -80,
        -5,
        40,
    ),
    Position(
        "An account balance is {p} dollars. Then its owner {move} {q} dollars.",
        "deposits",
        "withdraws",
        "dollars",
        "What is the balance now, in dollars?",
        -60,
        60,
        60,
    ),
    Position(
        "An elevator is at floor {p}, where floors below ground are negative. It {move} {q} "
        "floors.",
        "goes up",
        "goes down",
        "floors",
        "Which floor is it on now?",
        -4,
        20,
        15,
    ),
)


class SumOnNumberLine(Family):
    """p + q as the point |q| from p, right for a positive q and left for a negative one, drawn
    on a number line. Tiers: a sum of whole numbers to 10; the number q a move between two
    marked points shows; a sum in fractions or decimals; a position that changes in a story;
    the move between two fraction or decimal points."""

    name = "sum_on_number_line"
    topic = "7.NS.A.1.b"
    nonnegative = False
    context_hint = "moving along a number line, such as a temperature or a height that changes"
    strategy = (
        "Start at the first number and move along the line by the size of the second: to the "
        "right if it is positive, to the left if it is negative."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        measure = {1: "whole", 2: "whole", 4: "whole"}.get(tier, rng.choice(("quarters", "tenths")))
        style = style_of(measure)
        p, q = signed_pair(rng, measure, {1: 10, 2: 20}.get(tier, 8))
        if tier in (2, 5):
            return self._move(p, q, style)
        if tier == 4:
            return self._story(rng)
        return self._sum(p, q, style)

    def _sum(self, p: Fraction, q: Fraction, style: Style, question: str | None = None) -> Draft:
        s = p + q
        way = "left" if q < 0 else "right"
        sign = "negative" if q < 0 else "positive"
        pp, qq = fmt(p, style), wrap(q, style)
        return Draft(
            question=question or f"The number line marks {pp}. What is {pp} + {qq}?",
            answer=s,
            solution=[
                f"Start at {pp}. The number added is {sign}, so move {fmt(abs(q), style)} "
                f"unit{'' if abs(q) == 1 else 's'} to the {way}.",
                f"You land on {fmt(s, style)}, so {pp} + {qq} = {fmt(s, style)}.",
            ],
            wrong=[
                (p - q, "moved the wrong way for the sign of the number added"),
                (abs(p) + abs(q), "added the sizes and ignored the signs"),
                (
                    (1 if p > 0 else -1) * abs(abs(p) - abs(q)),
                    "kept the first number's sign on the difference of the sizes",
                ),
                (-s, "got the sign of the sum wrong"),
                (q, "gave the move instead of where it ends"),
            ],
            style=style,
            figure=marked_line([p], [s], style),
        )

    def _move(self, p: Fraction, q: Fraction, style: Style) -> Draft:
        r = p + q
        pp, rr = fmt(p, style), fmt(r, style)
        way = "left" if q < 0 else "right"
        return Draft(
            question=f"A move on the number line starts at {pp} and ends at {rr}. "
            f"What number q makes {pp} + q = {rr} true?",
            answer=q,
            solution=[
                f"From {pp} to {rr} the move goes to the {way}, so q is "
                f"{'negative' if q < 0 else 'positive'}.",
                f"Its size is the distance between the points: {fmt(abs(q), style)}.",
                f"So q = {fmt(q, style)}, and {pp} + {wrap(q, style)} = {rr}.",
            ],
            wrong=[
                (-q, "measured the move backwards, from the end to the start"),
                (abs(q) if q < 0 else None, "gave the length of the move without its direction"),
                (r, "gave where the move ends"),
                (r + p, "added the two points"),
                (abs(r) - abs(p), "subtracted the sizes and ignored the signs"),
            ],
            style=style,
            figure=marked_line([p, r], [], style),
        )

    def _story(self, rng: Random) -> Draft:
        pos = rng.choice(POSITIONS)
        while True:
            p = Fraction(rng.randint(pos.low, pos.high))
            q = Fraction(rng.randint(2, pos.most)) * rng.choice((1, -1))
            if p != 0 and abs(p) != abs(q) and pos.low <= p + q <= pos.high and p + q != 0:
                break
        move = pos.up if q > 0 else pos.down
        text = pos.start.format(p=fmt(p), move=move, q=fmt(abs(q)))
        draft = self._sum(p, q, "fraction", question=f"{text} {pos.ask}")
        draft.solution[0] = (
            f"As a sum this is {fmt(p)} + {wrap(q)}: start at {fmt(p)} and move {fmt(abs(q))} "
            f"to the {'left' if q < 0 else 'right'}."
        )
        return draft

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        if found := re.search(r"starts at (\S+) and ends at (\S+)\. ", q):
            start, end = map(to_sympy, found.groups())
            return end - start
        if q.startswith("The number line marks"):
            return to_sympy(question_part(q, r"What is (.+)\?")[0])
        return rationals(core.numbers)[0] + sum(changes_in(q))


# --- 7.NS.A.1.c: subtracting is adding the opposite; distance is |p - q| ---------------------


def signed_pair(rng: Random, measure: Measure, top: int) -> tuple[Fraction, Fraction]:
    """Two nonzero numbers that are neither equal nor opposite."""
    while True:
        p, q = (amount(rng, measure, top) * rng.choice((1, -1)) for _ in range(2))
        if abs(p) != abs(q):
            return p, q


class AddTheOpposite(Family):
    """Subtraction as adding the additive inverse, p - q = p + (-q): which sum a difference
    equals. Tiers: whole numbers minus a positive; minus a negative; decimals; fractions; two
    subtractions in a row."""

    name = "add_the_opposite"
    topic = "7.NS.A.1.c"
    kinds = ("multiple_choice",)
    context_hint = "rewriting a subtraction as an addition"
    strategy = "Subtracting a number is the same as adding its opposite; the first number stays."

    def draft(self, tier: int, rng: Random) -> Draft:
        measure = {3: "tenths", 4: "fraction"}.get(tier, "whole")
        style = style_of(measure)
        p, q = signed_pair(rng, measure, 10 if tier <= 2 else 9)
        if tier == 1:
            q = abs(q)
        elif tier == 2:
            q = -abs(q)
        rest = [q] if tier < 5 else [q, signed_pair(rng, measure, 9)[0]]

        def sum_of(first: Fraction, others: Sequence[Fraction]) -> str:
            return " + ".join([fmt(first, style), *(wrap(v, style) for v in others)])

        diff = " - ".join([fmt(p, style), *(wrap(v, style) for v in rest)])
        answer = sum_of(p, [-v for v in rest])
        return Draft(
            question=f"Which sum is equal to {diff}?",
            answer=answer,
            solution=[
                "Subtracting a number is the same as adding its opposite; the first number "
                "stays as it is.",
                "The opposite of "
                + " and of ".join(f"{fmt(v, style)} is {fmt(-v, style)}" for v in rest)
                + ".",
                f"So {diff} = {answer}.",
            ],
            wrong=[
                (sum_of(p, rest), "added the numbers being subtracted instead of their opposites"),
                (sum_of(-p, rest), "took the opposite of the first number instead"),
                (sum_of(-p, [-v for v in rest]), "took the opposite of every number"),
                (
                    sum_of(p, [-rest[0], *rest[1:]]) if len(rest) > 1 else None,
                    "changed only the first subtraction into an addition",
                ),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        return to_sympy(question_part(core.question, r"equal to (.+)\?")[0])


@dataclass(frozen=True)
class Apart:
    """Two signed readings of one quantity, and how far apart they are asked."""

    text: str  # uses {p} (the lower) and {q}
    low: int
    high: int


APART = (
    Apart(
        "At dawn the temperature was {p} degrees. By noon it was {q} degrees. How many degrees "
        "did it rise?",
        -20,
        30,
    ),
    Apart(
        "A gull flies at {q} feet and a fish swims at {p} feet, where negative numbers are below "
        "sea level. How many feet apart are they?",
        -60,
        80,
    ),
    Apart(
        "The lowest point of a trail is at {p} meters and the highest is at {q} meters, measured "
        "from sea level. How many meters higher is the highest point?",
        -90,
        250,
    ),
)


class DistanceOnNumberLine(Family):
    """The distance between two rational numbers is the absolute value of their difference,
    drawn on a number line. Tiers: whole numbers on opposite sides of zero; both negative;
    decimals; fractions; heights or temperatures above and below zero."""

    name = "distance_on_number_line"
    topic = "7.NS.A.1.c"
    nonnegative = False
    context_hint = "how far apart two temperatures, heights or depths are"
    strategy = "Subtract the numbers and take the absolute value: a distance is never negative."

    def draft(self, tier: int, rng: Random) -> Draft:
        measure = {3: "tenths", 4: "quarters", 5: rng.choice(("whole", "tenths"))}.get(
            tier, "whole"
        )
        style = style_of(measure)
        ctx = rng.choice(APART)
        while True:
            if tier == 5:
                p = amount(rng, measure, -ctx.low) * -1
                q = amount(rng, measure, ctx.high)
            else:
                p, q = signed_pair(rng, measure, {1: 10, 2: 20}.get(tier, 9))
                if tier == 1:
                    p, q = -abs(p), abs(q)
                elif tier == 2:
                    p, q = -abs(p), -abs(q)
                if rng.random() < 0.5:
                    p, q = q, p
            if abs(p) != abs(q) and p != 0 and q != 0:
                break
        d = abs(p - q)
        pp, qq = fmt(p, style), fmt(q, style)
        question = (
            ctx.text.format(p=pp, q=qq)
            if tier == 5
            else f"What is the distance between {pp} and {qq} on the number line?"
        )
        opposite = (p > 0) != (q > 0)
        return Draft(
            question=question,
            answer=d,
            solution=[
                "The distance between a pair of numbers is the absolute value of their difference.",
                f"|{pp} - {wrap(q, style)}| = |{fmt(p - q, style)}| = {fmt(d, style)}.",
            ],
            wrong=[
                (abs(abs(p) - abs(q)), "subtracted the sizes instead of adding across zero")
                if opposite
                else (abs(p) + abs(q), "added the sizes though both are on the same side of zero"),
                (-d, "gave a negative distance"),
                (p + q, "added the two numbers"),
                (max(abs(p), abs(q)), "used only the farther number's distance from zero"),
            ],
            style=style,
            figure=marked_line([p, q], [], style),
        )

    def expected(self, core: ItemCore) -> Any:
        a, b = rationals(core.numbers)
        return abs(a - b)


# --- 7.NS.A.1.d: adding and subtracting with the properties of operations --------------------


def expression(
    first: Fraction, rest: Sequence[tuple[str, Fraction]], styles: Sequence[Style]
) -> str:
    """`first op v op v ...` as a student writes it, each number in its own style."""
    out = fmt(first, styles[0])
    for (op, v), style in zip(rest, styles[1:], strict=True):
        out += f" {op} {wrap(v, style)}"
    return out


class AddSubtractRationals(ExpressionFamily):
    """Sums and differences of rational numbers, regrouped by the properties of operations.
    Tiers: three whole numbers; four with a pair of opposites; decimals with a negative
    subtracted; fractions with two denominators; fractions and decimals together."""

    name = "add_subtract_rationals"
    topic = "7.NS.A.1.d"
    nonnegative = False
    context_hint = "adding and subtracting positive and negative amounts"
    strategy = (
        "Write each subtraction as adding the opposite, then group the positive and the "
        "negative numbers."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        count = {1: 3, 3: 3}.get(tier, 4)
        while True:
            styles: list[Style] = [
                "decimal" if tier == 3 or (tier == 5 and rng.random() < 0.5) else "fraction"
                for _ in range(count)
            ]
            terms = [self._term(tier, rng, s) for s in styles]  # as added, signed
            if tier == 2:
                i, j = rng.sample(range(count), 2)
                terms[j] = -terms[i]
            ops = ["+", *(rng.choice("+-") for _ in range(count - 1))]
            written = [v if op == "+" else -v for op, v in zip(ops, terms, strict=True)]
            answer = total(terms)
            minus_negative = any(
                op == "-" and w < 0 for op, w in zip(ops[1:], written[1:], strict=True)
            )
            if answer != 0 and "-" in ops and (tier < 3 or minus_negative):
                break
        expr = expression(written[0], list(zip(ops[1:], written[1:], strict=True)), styles)
        style: Style = "decimal" if all(s == "decimal" for s in styles) else "fraction"
        as_sum = " + ".join(
            [
                fmt(terms[0], styles[0]),
                *(wrap(v, s) for v, s in zip(terms[1:], styles[1:], strict=True)),
            ]
        )
        plus = total([v for v in terms if v > 0])
        minus = total([v for v in terms if v < 0])
        first_minus = ops.index("-")
        grouped = total(terms[:first_minus]) - total(
            [written[first_minus], *terms[first_minus + 1 :]]
        )
        return Draft(
            question=f"What is {expr}?",
            answer=answer,
            solution=[
                f"Write each subtraction as adding the opposite: {as_sum}.",
                f"Group the positive numbers ({fmt(plus, style)} in all) and the negative "
                f"numbers ({fmt(minus, style)} in all).",
                f"{fmt(plus, style)} + {wrap(minus, style)} = {fmt(answer, style)}.",
            ],
            wrong=[
                (
                    total(
                        [
                            -v if op == "-" and w < 0 else v
                            for op, w, v in zip(ops, written, terms, strict=True)
                        ]
                    )
                    if minus_negative
                    else None,
                    "subtracted a negative number as if it were positive",
                ),
                (
                    grouped if first_minus < count - 1 else None,
                    "grouped every number after the first minus sign",
                ),
                (total(written), "added every number and ignored the subtraction signs"),
                (-answer, "got the sign of the answer wrong"),
                (
                    total(
                        [
                            abs(w) if op == "+" else -abs(w)
                            for op, w in zip(ops, written, strict=True)
                        ]
                    ),
                    "dropped the negative signs of the numbers",
                ),
            ],
            style=style,
        )

    @staticmethod
    def _term(tier: int, rng: Random, style: Style) -> Fraction:
        sign = rng.choice((1, -1))
        if tier <= 2:
            return sign * Fraction(rng.randint(1, 10 if tier == 1 else 20))
        if style == "decimal":
            return sign * (dec(rng, 1, 0, 9) if tier == 3 else Fraction(rng.randint(1, 19), 4))
        if tier == 4:
            return sign * proper(rng, 2, 8) * rng.choice((1, 1, 2))
        return sign * Fraction(rng.randint(1, 11), rng.choice((3, 6)))


# --- 7.NS.A.2.a and b: multiplying and dividing signed numbers ------------------------------


def product(values: Sequence[Fraction]) -> Fraction:
    out = Fraction(1)
    for v in values:
        out *= v
    return out


def sign_rule(values: Sequence[Fraction], result: str = "product") -> str:
    """What a wrong sign says about the rule the student used."""
    negatives = sum(v < 0 for v in values)
    if negatives % 2 == 0:
        return f"thought an even number of negative numbers gives a negative {result}"
    return f"thought an odd number of negative numbers gives a positive {result}"


class MultiplySigned(ExpressionFamily):
    """Products of signed numbers, the rules that keep the distributive property true:
    (-1)(-1) = 1. Tiers: two whole numbers; three; two fractions; two decimals; a power of a
    negative number times another number."""

    name = "multiply_signed"
    topic = "7.NS.A.2.a"
    nonnegative = False
    context_hint = "repeated gains or losses, such as a temperature falling each hour"
    strategy = (
        "Multiply the sizes, then count the negative factors: an even count makes the product "
        "positive, an odd count makes it negative."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        style: Style = "decimal" if tier == 4 else "fraction"
        if tier == 5:
            return self._power(rng)
        count = 3 if tier == 2 else 2
        while True:
            sizes = [self._size(tier, rng) for _ in range(count)]
            values = [v * s for v, s in zip(sizes, signs(rng, count), strict=True)]
            if len(set(map(abs, values))) == count or tier != 3:
                break
        answer = product(values)
        expr = " × ".join([fmt(values[0], style), *(wrap(v, style) for v in values[1:])])
        negatives = sum(v < 0 for v in values)
        wrong: Wrong = [
            (-answer, sign_rule(values)),
            (total(values), "added the numbers instead of multiplying"),
        ]
        if tier == 2:
            first_two = product(values[:2])
            wrong.append(
                (
                    abs(answer) * (1 if first_two > 0 else -1),
                    "took the sign from the first two factors only",
                )
            )
            wrong.append((product(values[:2]) + values[2], "added the last factor"))
        elif tier == 3:
            a, b = values
            wrong.append((a / b, "divided instead of multiplying"))
            wrong.append(
                (
                    Fraction(a.numerator * b.numerator, a.denominator + b.denominator),
                    "multiplied the numerators but added the denominators",
                )
            )
        elif tier == 4:
            wrong.append((answer * 10, "put the decimal point one place too far right"))
            wrong.append((answer / 10, "put the decimal point one place too far left"))
        else:
            wrong.append((values[0] - values[1], "subtracted instead of multiplying"))
        return Draft(
            question=f"What is {expr}?",
            answer=answer,
            solution=[
                f"There {'is' if negatives == 1 else 'are'} {negatives} negative "
                f"factor{'' if negatives == 1 else 's'}, so the product is "
                f"{'positive' if negatives % 2 == 0 else 'negative'}.",
                f"Multiply the sizes: {' × '.join(fmt(abs(v), style) for v in values)} = "
                f"{fmt(abs(answer), style)}.",
                f"{expr} = {fmt(answer, style)}.",
            ],
            wrong=wrong,
            style=style,
        )

    @staticmethod
    def _size(tier: int, rng: Random) -> Fraction:
        if tier == 1:
            return Fraction(rng.randint(2, 10))
        if tier == 2:
            return Fraction(rng.randint(2, 9))
        if tier == 3:
            return proper(rng, 2, 9) * rng.choice((1, 1, 2, 3))
        return dec(rng, 1, 0, 9) if rng.random() < 0.5 else Fraction(rng.randint(2, 12))

    def _power(self, rng: Random) -> Draft:
        while True:
            a = Fraction(rng.randint(2, 5))
            n = rng.randint(2, 5)
            b = proper(rng, 2, 9) * rng.choice((1, 3)) * rng.choice((1, -1))
            if a**n <= 250:
                break
        power = (-a) ** n
        answer = power * b
        expr = f"({fmt(-a)})^{n} × {wrap(b)}"
        return Draft(
            question=f"What is {expr}?",
            answer=answer,
            solution=[
                f"({fmt(-a)})^{n} multiplies {n} negative factors, so it is "
                f"{'positive' if n % 2 == 0 else 'negative'}: {fmt(power)}.",
                f"{fmt(power)} × {wrap(b)} = {fmt(answer)}.",
            ],
            wrong=[
                (-answer, "used the wrong sign for the power of a negative number"),
                (-(a**n) * b if n % 2 == 0 else None, "took the minus sign outside the power"),
                (-a * n * b, "multiplied the base by the exponent"),
                (power + b, "added the last number instead of multiplying"),
            ],
        )


class DivideSigned(ExpressionFamily):
    """Quotients of integers, a rational number whenever the divisor is not zero. Tiers: whole
    quotients to 10; larger ones; quotients that are fractions; two divisions in a row; larger
    numbers whose quotient must be reduced."""

    name = "divide_signed"
    topic = "7.NS.A.2.b"
    nonnegative = False
    context_hint = "sharing a loss or a drop equally, such as a change spread over days"
    strategy = (
        "Divide the sizes, then make the quotient negative only when the signs of the numbers "
        "differ."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        while True:
            if tier in (1, 2):
                b = Fraction(rng.randint(2, 9) if tier == 1 else rng.randint(6, 15))
                q = Fraction(rng.randint(2, 9) if tier == 1 else rng.randint(2, 15))
                values = [b * q, b]
            elif tier == 3:
                values = [Fraction(rng.randint(2, 40)), Fraction(rng.randint(2, 12))]
            elif tier == 4:
                values = [Fraction(rng.randint(6, 60)), Fraction(rng.randint(2, 9))]
                values.append(Fraction(rng.randint(2, 6)))
            else:
                g = rng.randint(2, 12)
                values = [Fraction(g * rng.randint(2, 15)), Fraction(g * rng.randint(2, 9))]
            values = [v * s for v, s in zip(values, signs(rng, len(values)), strict=True)]
            answer = values[0]
            for v in values[1:]:
                answer /= v
            whole = tier <= 2
            if (answer.denominator == 1) == whole and abs(answer) != 1:
                break
        expr = " ÷ ".join([fmt(values[0]), *(wrap(v) for v in values[1:])])
        negatives = sum(v < 0 for v in values)
        a, b = values[0], values[1]
        wrong: Wrong = [
            (-answer, sign_rule(values, "quotient")),
            (b / a if len(values) == 2 else None, "divided the second number by the first"),
            (product(values), "multiplied instead of dividing"),
            (
                a / (b / values[2]) if len(values) == 3 else None,
                "divided the last two numbers first",
            ),
            (
                Fraction(int(answer)) if answer.denominator > 1 and abs(answer) > 1 else None,
                "kept only the whole-number part and dropped the remainder",
            ),
            (a - b, "subtracted instead of dividing"),
        ]
        return Draft(
            question=f"What is {expr}?",
            answer=answer,
            solution=[
                f"There {'is' if negatives == 1 else 'are'} {negatives} negative "
                f"number{'' if negatives == 1 else 's'}, so the quotient is "
                f"{'positive' if negatives % 2 == 0 else 'negative'}.",
                f"Divide the sizes: {' ÷ '.join(fmt(abs(v)) for v in values)} = "
                f"{fmt(abs(answer))}.",
                f"{expr} = {fmt(answer)}.",
            ],
            wrong=wrong,
        )


class SignedFractionForms(Family):
    """Where a fraction's minus sign goes does not change it: -(p/q) = (-p)/q = p/(-q), and
    (-p)/(-q) = p/q. Tiers: numbers to 9; to 20; a fraction to reduce first; a minus sign above
    and below; a reduced form of either kind."""

    name = "signed_fraction_forms"
    topic = "7.NS.A.2.b"
    kinds = ("multiple_choice",)
    context_hint = "writing the same negative quotient in different ways"
    strategy = (
        "A minus sign in front, in the numerator or in the denominator makes a fraction "
        "negative; a minus sign in both the numerator and the denominator cancels out."
    )

    FORMS = ("-({p}/{q})", "(-{p})/{q}", "{p}/(-{q})", "-{p}/{q}")

    def draft(self, tier: int, rng: Random) -> Draft:
        top = {1: 9, 2: 20}.get(tier, 12)
        while True:
            f = Fraction(rng.randint(2, top), rng.randint(2, top))
            if f.numerator > 1 and f.denominator > 1:
                break
        scale = rng.randint(2, 4) if tier == 3 or (tier == 5 and rng.random() < 0.5) else 1
        n, d = f.numerator, f.denominator
        positive = tier == 4 or (tier == 5 and rng.random() < 0.5)
        shown = (n * scale, d * scale)
        if positive:
            given = f"(-{shown[0]})/(-{shown[1]})"
            answer = f"{n}/{d}"
            wrong: Wrong = [
                (f"-({n}/{d})", "thought two minus signs in a fraction make it negative"),
                (f"{d}/{n}", "turned the fraction upside down"),
                (f"-({d}/{n})", "turned the fraction upside down and made it negative"),
            ]
            value = f
        else:
            given_form = rng.choice(self.FORMS[:3])
            answer_form = rng.choice([f for f in self.FORMS if f != given_form])
            given = given_form.format(p=shown[0], q=shown[1])
            answer = answer_form.format(p=n, q=d)
            wrong = [
                (f"(-{n})/(-{d})", "thought a minus sign above and below keeps it negative"),
                (answer_form.format(p=d, q=n), "turned the fraction upside down"),
                (f"{d}/{n}", "turned the fraction upside down and dropped the minus sign"),
            ]
            value = -f
        return Draft(
            question=f"Which is equal to {given}?",
            answer=answer,
            solution=[
                "A single minus sign makes a fraction negative wherever it is written; a minus "
                "sign in both the numerator and the denominator cancels out.",
                f"So {given} has the value {fmt(value)}"
                + (f" (divide the top and bottom by {scale})" if scale > 1 else "")
                + f", which is written {answer}.",
            ],
            wrong=wrong,
        )

    def expected(self, core: ItemCore) -> Any:
        return to_sympy(question_part(core.question, r"equal to (.+)\?")[0])


# --- 7.NS.A.2.c: multiplying and dividing with the properties of operations ------------------


class MultiplyDivideRationals(ExpressionFamily):
    """Products and quotients of rational numbers. Tiers: a whole number times a fraction; a
    fraction divided by a fraction; a quotient times a number; decimals; a regrouping that
    the properties make easy (reciprocals, or a common factor taken out)."""

    name = "multiply_divide_rationals"
    topic = "7.NS.A.2.c"
    nonnegative = False
    context_hint = "scaling and sharing amounts that can be negative"
    strategy = (
        "Fix the sign first by counting the negative numbers, then multiply, dividing by a "
        "number as multiplying by its reciprocal."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier == 5:
            return self._regroup(rng)
        style: Style = "decimal" if tier == 4 else "fraction"
        while True:
            if tier == 1:
                f = proper(rng, 2, 9)
                values = [Fraction(f.denominator * rng.randint(1, 5)), f]
                ops = ["×"]
            elif tier == 2:
                values = [proper(rng, 2, 9) * rng.choice((1, 2)), proper(rng, 2, 9)]
                ops = ["÷"]
            elif tier == 3:
                values = [
                    proper(rng, 2, 9) * rng.randint(1, 3),
                    proper(rng, 2, 6),
                    Fraction(rng.randint(2, 9)),
                ]
                ops = ["÷", "×"]
            else:
                values = [
                    dec(rng, 1, 0, 9),
                    Fraction(rng.randint(2, 9), rng.choice((2, 5, 10))),
                    dec(rng, 1, 0, 5),
                ]
                ops = ["÷", "×"]
            values = [v * s for v, s in zip(values, signs(rng, len(values)), strict=True)]
            answer = values[0]
            for op, v in zip(ops, values[1:], strict=True):
                answer = answer * v if op == "×" else answer / v
            try:
                fmt(answer, style)
            except ValueError:
                continue
            if abs(answer) != 1 and len(set(map(abs, values))) == len(values):
                break
        expr = expression(values[0], list(zip(ops, values[1:], strict=True)), [style] * len(values))
        a, b = values[0], values[1]
        wrong: Wrong = [(-answer, "got the sign wrong")]
        if ops[0] == "÷":
            rest = product(values[2:])
            wrong += [
                (a * b * rest, "multiplied by the divisor instead of by its reciprocal"),
                (b / a * rest, "turned the first number upside down instead of the divisor"),
                (a / (b * rest) if len(values) > 2 else None, "multiplied before dividing"),
            ]
        else:
            wrong += [
                (a * b.numerator, "multiplied only the numerator and forgot the denominator"),
                (a / b, "divided instead of multiplying"),
            ]
        wrong.append((a + b, "added the first two numbers"))
        negatives = sum(v < 0 for v in values)
        factors = [v if op == "×" else 1 / v for op, v in zip(["×", *ops], values, strict=True)]
        as_product = " × ".join([fmt(factors[0], style), *(wrap(v) for v in factors[1:])])
        return Draft(
            question=f"What is {expr}?",
            answer=answer,
            solution=[
                f"The sign: {negatives} negative number{'' if negatives == 1 else 's'}, so the "
                f"result is {'positive' if negatives % 2 == 0 else 'negative'}.",
                f"Dividing is multiplying by the reciprocal: {expr} = {as_product}."
                if "÷" in ops
                else f"Multiply the sizes: {fmt(abs(a), style)} × {fmt(abs(b), style)} = "
                f"{fmt(abs(answer), style)}.",
                f"{expr} = {fmt(answer, style)}.",
            ],
            wrong=wrong,
            style=style,
        )

    def _regroup(self, rng: Random) -> Draft:
        if rng.random() < 0.5:
            while True:
                f = proper(rng, 2, 9) * rng.choice((1, 2)) * rng.choice((1, -1))
                n = Fraction(rng.randint(2, 30)) * rng.choice((1, -1))
                if abs(f) == 1 or abs(n) == abs(f):
                    continue
                if abs(n) != abs(1 / f):
                    break
            values = rng.sample([f, n, 1 / f], 3)
            expr = " × ".join([fmt(values[0]), *(wrap(v) for v in values[1:])])
            answer = n
            solution = [
                f"Reorder the factors (multiplication is commutative): {fmt(f)} and {fmt(1 / f)} "
                "are reciprocals.",
                f"Their product is 1, so the product is {fmt(n)}.",
            ]
            wrong: Wrong = [
                (-n, "got the sign wrong"),
                (values[0] * values[1], "multiplied only the first two numbers"),
                (f + n + 1 / f, "added the numbers instead of multiplying"),
                (f * n, "left out one number of the reciprocal pair"),
            ]
        else:
            while True:
                a = Fraction(rng.randint(2, 12)) * rng.choice((1, -1))
                b = proper(rng, 2, 9)
                c = rng.choice((1, 2, 3)) - b
                if c != 0 and a * (b + c) != 0:
                    break
            expr = f"{fmt(a)} × {fmt(b)} + {wrap(a)} × {wrap(c)}"
            answer = a * (b + c)
            solution = [
                f"Both products have the factor {fmt(a)}, so by the distributive property this "
                f"is {fmt(a)} × ({fmt(b)} + {wrap(c)}).",
                f"{fmt(b)} + {wrap(c)} = {fmt(b + c)}, and {fmt(a)} × {fmt(b + c)} = "
                f"{fmt(answer)}.",
            ]
            wrong = [
                ((a * b + a) * c, "worked left to right, adding before multiplying"),
                (a * b, "used only the first product"),
                (-answer, "got the sign wrong"),
                (a * (b - c), "subtracted the second product instead of adding it"),
            ]
        return Draft(question=f"What is {expr}?", answer=answer, solution=solution, wrong=wrong)


# --- 7.NS.A.2.d: fractions as terminating or repeating decimals -------------------------------


def digits_after_point(n: int, d: int, count: int) -> list[int]:
    """The first `count` digits after the decimal point of n/d (0 < n), by long division."""
    out, r = [], n % d
    for _ in range(count):
        r *= 10
        out.append(r // d)
        r %= d
    return out


def repeat_of(n: int, d: int) -> tuple[int, int]:
    """Where the repeating block of n/d starts (digits after the point before it) and its
    length: long division until a remainder comes back."""
    seen: dict[int, int] = {}
    r, i = n % d, 0
    while r not in seen:
        seen[r] = i
        r = r * 10 % d
        i += 1
    return seen[r], i - seen[r]


def ordinal(k: int) -> str:
    tail = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{tail}"


def round_to(x: Fraction, places: int) -> Fraction:
    """x rounded half up to `places` decimal places (x positive)."""
    scale = 10**places
    return Fraction((x * scale + Fraction(1, 2)).__floor__(), scale)


PLACES = {2: "hundredth", 3: "thousandth"}


class RationalToDecimal(Family):
    """Fractions as decimals by long division: they terminate or repeat. Tiers: a terminating
    decimal with a small denominator; with a larger one, or negative; a repeating decimal
    rounded; the block of digits that repeats; a far digit of a repeating decimal."""

    name = "rational_to_decimal"
    topic = "7.NS.A.2.d"
    style = "decimal"
    nonnegative = False
    context_hint = "turning a fraction into a decimal by long division"
    strategy = (
        "Divide the numerator by the denominator with long division, and watch the remainders: "
        "when a remainder comes back, the digits repeat."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier <= 2:
            return self._terminating(tier, rng)
        if tier == 3:
            return self._rounded(rng)
        if tier == 4:
            return self._block(rng)
        return self._digit(rng)

    def _terminating(self, tier: int, rng: Random) -> Draft:
        while True:
            d = rng.choice((2, 4, 5, 10, 20, 25) if tier == 1 else (8, 16, 40, 50, 80, 125))
            n = rng.randint(1, 2 * d - 1 if tier == 1 else 3 * d)
            if Fraction(n, d).denominator == d:
                break
        sign = -1 if tier == 2 and rng.random() < 0.5 else 1
        value = sign * Fraction(n, d)
        shown = f"{'-' if sign < 0 else ''}{n}/{d}"
        return Draft(
            question=f"Write {shown} as a decimal.",
            answer=value,
            solution=[
                "Divide the numerator by the denominator: the division ends, so the decimal "
                "terminates.",
                f"{shown} = {fmt(value, 'decimal')}.",
            ],
            wrong=[
                (
                    sign * Fraction(f"{n}.{d}"),
                    "wrote the numerator, a decimal point and the denominator",
                ),
                (sign * Fraction(f"0.{n}"), "wrote the numerator after the decimal point"),
                (sign * Fraction(d, n), "divided the denominator by the numerator"),
                (-value if sign < 0 else None, "dropped the minus sign"),
                (value * 100, "gave the percent instead of the decimal"),
                (sign * Fraction(f"0.{d}"), "wrote the denominator after the decimal point"),
            ],
        )

    def _rounded(self, rng: Random) -> Draft:
        while True:
            d = rng.choice((3, 6, 7, 9, 11, 12, 15, 18, 22, 30))
            n = rng.randint(1, 2 * d)
            if Fraction(n, d).denominator == d:
                break
        places = rng.choice((2, 3))
        value = Fraction(n, d)
        answer = round_to(value, places)
        shown = digits_after_point(n, d, places + 3)
        cut = Fraction((value * 10**places).__floor__(), 10**places)
        return Draft(
            question=f"Use long division to write {n}/{d} as a decimal. Round it to the nearest "
            f"{PLACES[places]}.",
            answer=answer,
            solution=[
                "Divide the numerator by the denominator until you are a place past the "
                "rounding place.",
                f"{n}/{d} = {n // d}.{''.join(map(str, shown))}… and the digits keep repeating.",
                f"Rounded to the nearest {PLACES[places]}: {fmt(answer, 'decimal')}.",
            ],
            wrong=[
                (cut, "cut the digits off instead of rounding"),
                (round_to(value, places - 1), "rounded to the wrong place"),
                (round_to(Fraction(d, n), places), "divided the denominator by the numerator"),
                (Fraction(f"{n}.{d}"), "wrote the numerator, a decimal point and the denominator"),
            ],
        )

    @staticmethod
    def _pure(rng: Random) -> tuple[int, int, int]:
        """n/d below 1 with a repeating block that starts right after the decimal point and
        does not start with 0, and the block's length."""
        while True:
            d = rng.choice((7, 11, 13, 21, 27, 33, 37, 41))
            n = rng.randint(1, d - 1)
            if Fraction(n, d).denominator != d or 10 * n < d:
                continue
            length = next(k for k in range(1, d) if (10**k - 1) % d == 0)
            return n, d, length

    def _block(self, rng: Random) -> Draft:
        n, d, length = self._pure(rng)
        digits = "".join(map(str, digits_after_point(n, d, 2 * length)))
        block = digits[:length]
        turned = digits[1 : length + 1]
        return Draft(
            question=f"The decimal for {n}/{d} repeats one block of digits forever, starting "
            "right after the decimal point. What is the shortest block that repeats?",
            answer=Fraction(int(block)),
            solution=[
                "Divide the numerator by the denominator until a remainder comes back; the "
                "digits between repeat.",
                f"{n}/{d} = 0.{digits}…",
                f"The block {block} repeats.",
            ],
            wrong=[
                (
                    Fraction(int(turned)) if turned[0] != "0" else None,
                    "started the block one digit late",
                ),
                (Fraction(int(block * 2)), "wrote the block twice"),
                (Fraction(int(block[:-1])) if length > 1 else None, "stopped the block too soon"),
                (Fraction(int(digits[: length + 1])), "ran the block one digit too long"),
            ],
            style="fraction",
        )

    def _digit(self, rng: Random) -> Draft:
        while True:
            d = rng.choice((6, 7, 11, 12, 13, 14, 15, 22, 27, 37))
            n = rng.randint(1, d - 1)
            if Fraction(n, d).denominator == d:
                break
        k = rng.randint(10, 60)
        start, length = repeat_of(n, d)
        digits = digits_after_point(n, d, max(k + 1, start + 2 * length))
        place = (k - start - 1) % length + 1
        return Draft(
            question=f"What is the {ordinal(k)} digit after the decimal point in the decimal "
            f"for {n}/{d}?",
            answer=Fraction(digits[k - 1]),
            solution=[
                "Divide the numerator by the denominator until the digits start to repeat.",
                f"{n}/{d} = 0.{''.join(map(str, digits[: start + 2 * length]))}…, and the "
                f"repeating block has {length} digit{'' if length == 1 else 's'}.",
                f"The {ordinal(k)} digit is digit {place} of the block: {digits[k - 1]}.",
            ],
            wrong=[
                (Fraction(digits[k - 2]), "counted one place too few"),
                (Fraction(digits[k]), "counted one place too many"),
                (Fraction(place), "gave the place in the block instead of the digit"),
                (Fraction(digits[start]), "took the first digit of the repeating block"),
            ],
            style="fraction",
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        value = to_sympy(core.numbers[-1])
        if found := re.search(r"the (\d+)\w\w digit", q):
            k = int(found[1])
            return sympy.floor(value * 10**k) % 10
        if "shortest block" in q:
            d = sympy.denom(value)
            length = sympy.n_order(10, d)
            return sympy.floor(value * 10**length)
        if found := re.search(r"nearest (hundredth|thousandth)", q):
            scale = 100 if found[1] == "hundredth" else 1000
            return sympy.floor(value * scale + sympy.Rational(1, 2)) / scale
        return value


# --- 7.NS.A.3: word problems with the four operations ----------------------------------------


class RationalProblems(Family):
    """Real-world problems with the four operations on rational numbers. Tiers: a temperature
    falling each hour; a balance after buying tickets; a total change shared equally; a diver
    going down and then up; the mean of temperatures above and below zero."""

    name = "rational_problems"
    topic = "7.NS.A.3"
    style = "decimal"
    nonnegative = False
    context_hint = "temperatures, money, depths and changes shared over days"
    strategy = (
        "Write each amount as a signed number (drops, costs and depths negative), then choose "
        "the operation the story describes."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        return [self._cooling, self._tickets, self._shared, self._diver, self._mean][tier - 1](rng)

    def _cooling(self, rng: Random) -> Draft:
        while True:
            t0, r, h = rng.randint(-10, 15), rng.randint(2, 6), rng.randint(2, 8)
            answer = Fraction(t0 - r * h)
            if t0 != 0 and answer != 0:
                break
        return Draft(
            question=f"At sunset the temperature is {t0} degrees. It falls {r} degrees each "
            f"hour for {h} hours. What is the temperature then, in degrees?",
            answer=answer,
            solution=[
                f"A fall of {r} degrees an hour is a change of -{r} each hour.",
                f"In {h} hours: {h} × (-{r}) = {-r * h}.",
                f"{t0} + ({-r * h}) = {fmt(answer)} degrees.",
            ],
            wrong=[
                (Fraction(t0 + r * h), "added the drop instead of subtracting it"),
                (Fraction(-r * h), "gave the change, not the new temperature"),
                (Fraction(t0 - r - h), "subtracted the rate and the hours instead of multiplying"),
                (Fraction(t0 - r), "used the drop for one hour only"),
            ],
        )

    def _tickets(self, rng: Random) -> Draft:
        while True:
            b = dec(rng, 2, 10, 60)
            p = Fraction(rng.randint(18, 100), 4)
            n = rng.randint(2, 6)
            answer = b - n * p
            if answer != 0:
                break
        name = rng.choice(NAMES)
        cost = n * p
        return Draft(
            question=f"{name} has {fmt(b, 'decimal')} dollars in an account and pays for {n} "
            f"tickets at {fmt(p, 'decimal')} dollars each. A negative balance means the account "
            "is overdrawn. What is the balance afterwards, in dollars?",
            answer=answer,
            solution=[
                f"The tickets cost {n} × {fmt(p, 'decimal')} = {fmt(cost, 'decimal')} dollars.",
                f"{fmt(b, 'decimal')} - {fmt(cost, 'decimal')} = {fmt(answer, 'decimal')}.",
            ],
            wrong=[
                (b + cost, "added the cost instead of subtracting it"),
                (cost - b, "subtracted in the wrong order"),
                (b - p, "paid for one ticket only"),
                (-cost, "gave the cost as the balance"),
            ],
        )

    def _shared(self, rng: Random) -> Draft:
        fraction = rng.random() < 0.5
        while True:
            n = rng.randint(3, 8)
            change = -(proper(rng, 2, 4) + rng.randint(1, 5)) if fraction else -dec(rng, 1, 2, 40)
            each = change / n
            if fraction or each.denominator in (1, 2, 4, 5, 10, 20, 25, 50, 100):
                break
        style: Style = "fraction" if fraction else "decimal"
        if fraction:
            question = (
                f"Over {n} weeks a pond's water level changed by {fmt(change)} feet, the same "
                "amount each week. What was the change each week, in feet?"
            )
        else:
            question = (
                f"Over {n} days a share's price changed by {fmt(change, 'decimal')} dollars, the "
                "same amount each day. What was the change each day, in dollars?"
            )
        return Draft(
            question=question,
            answer=each,
            solution=[
                "Share the total change equally: divide it by the number of equal parts.",
                f"{fmt(change, style)} ÷ {n} = {fmt(each, style)}.",
            ],
            wrong=[
                (-each, "dropped the negative sign of the change"),
                (n / change, "divided the number of parts by the change"),
                (change * n, "multiplied instead of dividing"),
                (change + n, "added the number of parts"),
            ],
            style=style,
        )

    def _diver(self, rng: Random) -> Draft:
        while True:
            r, m = dec(rng, 1, 1, 4), rng.randint(2, 8)
            u = Fraction(rng.randint(1, int(r * m)))
            answer = -r * m + u
            if answer < 0 and r.denominator > 1:
                break
        return Draft(
            question=f"A diver starts at the surface and goes down {fmt(r, 'decimal')} meters "
            f"each minute for {m} minutes. Then she rises {fmt(u)} meters. With depths below the "
            "surface as negative numbers, where is she now, in meters?",
            answer=answer,
            solution=[
                f"Going down {fmt(r, 'decimal')} meters a minute is a change of "
                f"-{fmt(r, 'decimal')} each minute.",
                f"{m} × (-{fmt(r, 'decimal')}) = {fmt(-r * m, 'decimal')}; then "
                f"{fmt(-r * m, 'decimal')} + {fmt(u)} = {fmt(answer, 'decimal')}.",
            ],
            wrong=[
                (r * m - u, "forgot that depths below the surface are negative"),
                (-r * m - u, "moved down instead of up at the end"),
                (-r * m, "forgot the rise at the end"),
                (-r + u, "used the change for one minute only"),
            ],
        )

    def _mean(self, rng: Random) -> Draft:
        while True:
            n = rng.choice((4, 5))
            values = [dec(rng, 1, 0, 12) * s for s in signs(rng, n)]
            mean = total(values) / n
            if mean != 0 and any(v > 0 for v in values) and len(set(values)) == n:
                break
        listed = ", ".join(fmt(v, "decimal") for v in values)
        return Draft(
            question=f"The low temperatures on {n} days were {listed} degrees. What was the mean "
            "low temperature, in degrees?",
            answer=mean,
            solution=[
                "Add the temperatures, keeping their signs, then divide by how many there are.",
                f"The sum is {fmt(total(values), 'decimal')}, and "
                f"{fmt(total(values), 'decimal')} ÷ {n} = {fmt(mean, 'decimal')}.",
            ],
            wrong=[
                (total([abs(v) for v in values]) / n, "ignored the negative signs"),
                (total(values), "forgot to divide by the number of days"),
                (-mean, "got the sign of the mean wrong"),
                (total(values) / (n - 1), "divided by one less than the number of days"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        q, n = core.question, rationals(core.numbers)
        if "falls" in q:
            t0, r, h = n
            return t0 - r * h
        if "tickets" in q:
            b, count, price = n
            return b - count * price
        if "the same amount each" in q:
            parts, change = n
            return change / parts
        if "diver" in q:
            r, m, u = n
            return u - r * m
        days, *values = n
        return sum(values) / days


FAMILIES: tuple[type[Family], ...] = (
    MakeZero,
    SumOnNumberLine,
    AddTheOpposite,
    DistanceOnNumberLine,
    AddSubtractRationals,
    MultiplySigned,
    DivideSigned,
    SignedFractionForms,
    MultiplyDivideRationals,
    RationalToDecimal,
    RationalProblems,
)
