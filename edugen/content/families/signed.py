"""Signed numbers, absolute value and the coordinate plane."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from functools import partial
from random import Random
from typing import Any, ClassVar

import sympy

from edugen.content.cores import ItemCore
from edugen.content.families.base import Draft, ExpressionFamily, Family, question_part
from edugen.content.families.common import (
    STYLES,
    Style,
    dec,
    fmt,
    listing,
    proper,
    rationals,
    to_sympy,
)
from edugen.content.figures import coordinate_plane, number_line
from edugen.content.figures.lines import around_zero
from edugen.schemas import Figure

Point = tuple[Fraction | int, Fraction | int]


def point(p: Point, style: Style = "fraction") -> str:
    return f"({fmt(p[0], style)}, {fmt(p[1], style)})"


def plane(*points: Point, style: Style = "fraction", reach: tuple[Point, ...] = ()) -> Figure:
    """A coordinate plane with the question's points marked, written as the question does;
    its window also takes in `reach`, worked out from the question alone."""
    return coordinate_plane(
        points=[(p, "") for p in points], reach=reach, show=partial(fmt, style=style)
    )


def line_of(values: list[Fraction], style: Style) -> Figure:
    """A number line around zero with the question's numbers marked (each once)."""
    marked = sorted(set(values))
    return number_line(
        *around_zero(marked),
        marked,
        labels=[fmt(v, style) for v in marked],
        show=partial(fmt, style=style),
    )


def paren(x: Fraction) -> str:
    """A number after a minus sign: "(-9)" for a negative one."""
    return f"({fmt(x)})" if x < 0 else fmt(x)


def nonzero(rng: Random, top: int, negative: bool | None = None) -> Fraction:
    """A whole number from 1 to top, negative when asked (or at random when None)."""
    n = Fraction(rng.randint(1, top))
    return -n if (rng.random() < 0.5 if negative is None else negative) else n


def signed_value(rng: Random, style: Style, top: int = 9) -> Fraction:
    """A negative or positive fraction (halves to eighths) or decimal (tenths, hundredths)."""
    x = proper(rng, 2, 8) + rng.randint(0, top) if style == "fraction" else dec(rng, 2, 0, top)
    return -x if rng.random() < 0.5 else x


class _PointAnswer(Family):
    """Families whose answer is a point, chosen from a list or typed as (x, y)."""

    kinds = ("multiple_choice", "ordered_pair")


@dataclass(frozen=True)
class Quantity:
    """A kind of signed quantity: its unit, the words for each side of zero, how large it
    plausibly gets, and how a question about two of them reads ({0} and {1} are the two
    amounts as words, "8 feet above sea level")."""

    unit: str
    up: str
    down: str
    most: int  # the largest plausible size, so no sea is 900 feet deep in a pond question
    places: int  # decimal places a measurement of it is written with
    which: str  # "which signed number" question: the second amount is asked for
    apart: str | None = None  # "how far apart": only for positions, never for changes


SIGN_WORDS = {
    "above": 1,
    "below": -1,
    "ahead": 1,
    "behind": -1,
    "east": 1,
    "west": -1,
    "deposited": 1,
    "withdrawn": -1,
    "gained": 1,
    "lost": -1,
}
# What 0 stands for gets its own sentence: as one long sentence the stem read above grade 7.
_WHICH = " Let 0 stand for {zero}. Which signed number stands for {what}?"
QUANTITIES: tuple[Quantity, ...] = (
    Quantity(
        "feet",
        "above sea level",
        "below sea level",
        300,
        1,
        "Town A is {0} and town B is {1}." + _WHICH.format(zero="sea level", what="town B"),
        "One marker on a harbor wall is {0} and another is {1}. How many feet apart are the "
        "markers?",
    ),
    Quantity(
        "degrees",
        "above zero",
        "below zero",
        40,
        1,
        "On Monday it was {0} and on Tuesday it was {1}."
        + _WHICH.format(zero="zero degrees", what="Tuesday's temperature"),
        "At noon it was {0} and at midnight it was {1}. How many degrees apart are the two "
        "temperatures?",
    ),
    Quantity(
        "yards",
        "ahead of the starting line",
        "behind the starting line",
        100,
        1,
        "Ana stands {0} and Ben stands {1}."
        + _WHICH.format(zero="the starting line", what="where Ben stands"),
        "One runner is {0} and another is {1}. How many yards apart are the runners?",
    ),
    Quantity(
        "meters",
        "east of the school",
        "west of the school",
        500,
        1,
        "The library is {0} and the park is {1}."
        + _WHICH.format(zero="the school", what="the park"),
        "The library is {0} and the park is {1}. How many meters apart are the library and "
        "the park?",
    ),
    # Changes, not positions: a deposit and a withdrawal have no distance between them.
    Quantity(
        "dollars",
        "deposited",
        "withdrawn",
        500,
        2,
        "Monday's record shows {0} and Tuesday's shows {1}."
        + _WHICH.format(zero="no change", what="Tuesday's change to the account"),
    ),
    Quantity(
        "yards",
        "gained",
        "lost",
        60,
        1,
        "The first play was {0} and the second play was {1}."
        + _WHICH.format(zero="no change", what="the second play"),
    ),
)


class SignedQuantity(Family):
    """Signed numbers for real quantities. Tiers: which signed number stands for a whole
    amount; for a decimal amount; how far apart two positions on opposite sides of zero
    are; on the same side; opposite sides with decimals. Only positions (heights,
    temperatures, places on a line) are ever "apart"; changes such as deposits are not."""

    name = "signed_quantity"
    topic = "6.NS.C.5"
    style = "decimal"
    nonnegative = False
    context_hint = "elevation, temperature, money in and out, or yards gained and lost"
    strategy = "Write each amount as a positive or negative number and place them on a number line."

    def _words(self, q: Quantity, v: Fraction) -> str:
        return f"{self.show(abs(v))} {q.unit} {q.up if v > 0 else q.down}"

    def _amount(self, rng: Random, q: Quantity, top: int, decimal: bool) -> Fraction:
        top = min(top, q.most)
        return dec(rng, q.places, 1, top) if decimal else Fraction(rng.randint(1, top))

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier <= 2:
            q = rng.choice(QUANTITIES)
            while True:
                w, v = (
                    self._amount(rng, q, 20 if tier == 1 else 50, tier == 2) * rng.choice((1, -1))
                    for _ in range(2)
                )
                if abs(v) != abs(w):
                    break
            return Draft(
                question=q.which.format(self._words(q, w), self._words(q, v)),
                answer=v,
                solution=[
                    f"{q.up.capitalize()} is positive and {q.down} is negative.",
                    f"So the number is {self.show(v)}.",
                ],
                wrong=[
                    (-v, "dropped the negative sign" if v < 0 else "used the wrong sign"),
                    (w, "gave the number for the other amount in the question"),
                    (abs(w) * v / abs(v), "gave the other amount's size with this amount's sign"),
                    (v + w, "added the two amounts together"),
                ],
            )
        q = rng.choice([q for q in QUANTITIES if q.apart])
        top = 50 if tier == 3 else 200
        a = self._amount(rng, q, top, tier == 5)
        b = self._amount(rng, q, top, tier == 5) * (1 if tier == 4 else -1)
        if tier == 4 and rng.random() < 0.5:
            a, b = -a, -b
        if a == b:
            b += 1 if b > 0 else -1
        assert q.apart is not None
        distance = abs(a - b)
        opposite = (a > 0) != (b > 0)
        return Draft(
            question=q.apart.format(self._words(q, a), self._words(q, b)),
            # positions only: a framing about money moving in and out would make it ill-posed
            context_hint=f"two positions measured in {q.unit} {q.up} or {q.down}",
            answer=distance,
            solution=[
                f"As signed numbers these are {self.show(a)} and {self.show(b)}.",
                f"They are on {'opposite sides' if opposite else 'the same side'} of zero, so "
                f"{'add' if opposite else 'subtract'} their distances from zero: "
                f"{self.show(distance)} {q.unit}.",
            ],
            wrong=[
                (abs(abs(a) - abs(b)), "subtracted instead of adding across zero")
                if opposite
                else (abs(a) + abs(b), "added instead of subtracting"),
                (-distance, "gave the distance a negative sign"),
                (max(abs(a), abs(b)), "used only one amount's distance from zero"),
                (min(abs(a), abs(b)), "used only the smaller amount's distance from zero"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        words = "|".join(SIGN_WORDS)
        found = re.findall(rf"(\S+) \w+ ({words})", core.question)
        values = [to_sympy(n) * SIGN_WORDS[w] for n, w in found]
        return abs(values[0] - values[1]) if " apart " in core.question else values[1]


class Opposites(Family):
    """Opposites. Tiers: of a positive whole number; of a negative one; the opposite of the
    opposite; of a fraction or decimal; three opposites of a fraction or decimal."""

    name = "opposites"
    topic = "6.NS.C.6.a"
    nonnegative = False
    context_hint = "moving the same distance the other way from zero"
    strategy = (
        "The opposite of a number is just as far from the middle of the number line, on the other "
        "side."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        style: Style = rng.choice(STYLES) if tier >= 4 else "fraction"
        n = {1: nonzero(rng, 80, False), 2: nonzero(rng, 80, True), 3: nonzero(rng, 50)}.get(
            tier, signed_value(rng, style)
        )
        times = {3: 2, 4: rng.randint(1, 2), 5: 3}.get(tier, 1)
        answer = n * (-1) ** times
        phrase = "the opposite of " * times
        return Draft(
            question=f"What is {phrase}{fmt(n, style)}?",
            answer=answer,
            solution=[
                "The opposite of a number is the same distance from zero on the other side.",
                f"Taking the opposite {times} time{'s' if times > 1 else ''} gives "
                f"{fmt(answer, style)}.",
            ],
            wrong=[
                (n if times % 2 else None, "kept the original sign"),
                (-answer, "changed the sign one time too many"),
                (1 / n, "gave the reciprocal instead of the opposite"),
                (1 / answer, "turned the number upside down as well as changing its sign"),
                (-1 / answer, "gave the reciprocal and kept the sign"),
                (abs(n), "gave the absolute value"),
            ],
            style=style,
            figure=line_of([n], style),
        )

    def expected(self, core: ItemCore) -> Any:
        return rationals(core.numbers)[0] * (-1) ** core.question.count("opposite")


class Reflection(_PointAnswer):
    """Reflecting points across the axes. Tiers: a first-quadrant point across the x-axis;
    any point across the y-axis; larger points, either axis; across both axes; decimal
    coordinates, one or both axes."""

    name = "reflection"
    topic = "6.NS.C.6.b"
    nonnegative = False
    context_hint = "a map or grid where a location is mirrored across a road or line"
    strategy = "Reflecting across an axis changes the sign of the other coordinate."

    def draft(self, tier: int, rng: Random) -> Draft:
        style: Style = "decimal" if tier == 5 else "fraction"
        while True:
            if tier == 5:
                x, y = (Fraction(rng.randint(-19, 19), 2) for _ in range(2))
            else:
                top, negative = (20 if tier >= 3 else 9), (False if tier == 1 else None)
                x, y = nonzero(rng, top, negative), nonzero(rng, top, negative)
            if x and y and abs(x) != abs(y):
                break
        axes = {1: ["x"], 2: ["y"], 4: rng.sample(["x", "y"], 2)}.get(
            tier,
            [rng.choice("xy")] if tier == 3 or rng.random() < 0.5 else rng.sample(["x", "y"], 2),
        )
        image = (x, y)
        for axis in axes:
            image = (image[0], -image[1]) if axis == "x" else (-image[0], image[1])
        show = partial(point, style=style)
        across = " and then across the ".join(f"{a}-axis" for a in axes)
        if len(axes) == 1:
            other = (-x, y) if axes[0] == "x" else (x, -y)
            wrong = [
                (show(other), "reflected across the other axis"),
                (show((-x, -y)), "changed both signs"),
                (show((y, x)), "swapped the coordinates"),
            ]
        else:
            wrong = [
                (show((x, -y)), "reflected across only the x-axis"),
                (show((-x, y)), "reflected across only the y-axis"),
                (show((y, x)), "swapped the coordinates"),
                (show((-y, -x)), "swapped the coordinates as well as changing signs"),
            ]
        return Draft(
            question=f"The point {show((x, y))} is reflected across the {across}. "
            "What are the coordinates of its image?",
            answer=show(image),
            solution=[
                "Across the x-axis the y-coordinate changes sign; across the y-axis the "
                "x-coordinate does.",
                f"{show((x, y))} becomes {show(image)}.",
            ],
            wrong=wrong,
            figure=plane((x, y), style=style, reach=((-x, -y),)),
        )

    def expected(self, core: ItemCore) -> Any:
        x, y = map(to_sympy, question_part(core.question, r"point \((\S+), (\S+)\)"))
        for axis in re.findall(r"across the ([xy])-axis", core.question):
            x, y = (x, -y) if axis == "x" else (-x, y)
        return sympy.Tuple(x, y)


class Ordering(Family):
    """Ordering rational numbers. Tiers: whole numbers to 9; to 20; with fractions; with
    decimals; five numbers mixing fractions and decimals."""

    name = "ordering"
    topic = "6.NS.C.7.a"
    kinds = ("multiple_choice", "short_answer")
    context_hint = "comparing temperatures, elevations or account balances"
    strategy = "Place the numbers on a number line: numbers to the left are less."

    def draft(self, tier: int, rng: Random) -> Draft:
        count = 5 if tier == 5 else 4
        while True:
            values = [self._value(tier, rng) for _ in range(count)]
            nums = {v for v, _ in values}
            negatives = sorted(v for v in nums if v < 0)
            positives = sorted(v for v in nums if v > 0)
            if len(nums) < count or len(negatives) < 2 or not positives:
                continue
            if -negatives[0] <= positives[0]:
                continue
            text = dict(values)
            least_first = sorted(nums)
            orders = {
                "answer": least_first,
                "ignored the negative signs": sorted(nums, key=abs),
                "ordered the negative numbers by their distance from zero": [
                    *reversed(negatives),
                    *positives,
                ],
                "ordered from greatest to least": least_first[::-1],
            }
            shown = {k: listing([text[v] for v in order]) for k, order in orders.items()}
            if len(set(shown.values())) == 4:
                break
        far, near = negatives[0], negatives[-1]
        return Draft(
            question=f"Order from least to greatest: {listing([t for _, t in values])}.",
            answer=shown["answer"],
            solution=[
                "On a number line, numbers to the left are less; negative numbers are left of 0.",
                f"The farther a negative number is from 0, the less it is: {text[far]} < "
                f"{text[near]}.",
                f"Least to greatest: {shown['answer']}.",
            ],
            wrong=[(v, k) for k, v in shown.items() if k != "answer"],
            rubric=f"Lists {shown['answer']}. Explains with the number line or distance from "
            f"zero that {text[far]} is less than {text[near]} because it is farther left.",
        )

    @staticmethod
    def _value(tier: int, rng: Random) -> tuple[Fraction, str]:
        style: Style = rng.choice(STYLES) if tier == 5 else STYLES[tier % 2]  # 3: fraction
        if tier <= 2:
            v = nonzero(rng, 9 if tier == 1 else 20)
        elif rng.random() < 0.4:
            v = nonzero(rng, 9)
        else:
            v = signed_value(rng, style, 4)
        return v, fmt(v, style)

    def expected(self, core: ItemCore) -> Any:
        return sympy.Tuple(*sorted(rationals(core.numbers)))


class AbsoluteValue(ExpressionFamily):
    """Absolute value as distance from zero. Tiers: one negative number; a sum of two; a
    fraction or decimal; a difference that can be negative; three terms."""

    name = "absolute_value"
    topic = "6.NS.C.7.c"
    nonnegative = False
    context_hint = "distances from zero, such as depth below sea level or a debt"
    strategy = "The absolute value of a number is its distance from the middle of the number line."

    def draft(self, tier: int, rng: Random) -> Draft:
        style: Style = rng.choice(STYLES) if tier == 3 else "fraction"
        # (sign outside the bars, number inside)
        terms: list[tuple[int, Fraction]] = {
            1: lambda: [(1, nonzero(rng, 80, True))],
            2: lambda: [(1, nonzero(rng, 20, True)), (1, nonzero(rng, 20))],
            3: lambda: [(1, -abs(signed_value(rng, style)))],
            4: lambda: [(1, nonzero(rng, 30, True)), (-1, nonzero(rng, 30, True))],
            5: lambda: [
                (-1, nonzero(rng, 50, True)),
                (1, nonzero(rng, 50)),
                (-1, nonzero(rng, 50)),
            ],
        }[tier]()
        expr = _terms(terms, style, bars=True)

        def total(f: Any) -> Fraction:
            return sum((s * f(v) for s, v in terms), Fraction(0))

        answer = total(abs)
        return Draft(
            question=f"What is {expr}?",
            answer=answer,
            solution=[
                "The absolute value of a number is its distance from zero, never negative.",
                f"{expr} = {_terms(terms, style, bars=False)}"
                + (f" = {fmt(answer, style)}." if len(terms) > 1 else "."),
            ],
            wrong=[
                (total(lambda v: v), "kept the signs inside the bars"),
                (
                    sum(abs(v) for _, v in terms) if any(s < 0 for s, _ in terms) else None,
                    "ignored the signs outside the bars",
                ),
                (total(lambda v: -v), "took the opposite of each number"),
                (
                    abs(sum((s * v for s, v in terms), Fraction(0))) if len(terms) > 1 else None,
                    "combined the numbers before taking the absolute value",
                ),
                (abs(answer) if answer < 0 else None, "made the final answer positive"),
                (-answer, "changed the sign of the answer"),
                (-sum(abs(v) for _, v in terms), "made every number negative"),
                (
                    terms[0][0] * abs(terms[0][1]) if len(terms) > 1 else None,
                    "used only the first absolute value",
                ),
                (
                    Fraction(0) if len(terms) == 1 else None,
                    "thought a negative number's absolute value is 0",
                ),
                (
                    1 / answer if len(terms) == 1 else None,
                    "confused absolute value with the reciprocal",
                ),
            ],
            style=style,
            figure=line_of([v for _, v in terms], style),
        )


def _terms(terms: list[tuple[int, Fraction]], style: Style, bars: bool) -> str:
    """`|-3| - |5|` with bars, or `3 - 5` once each bar is replaced by a distance."""
    out = ""
    for i, (sign, v) in enumerate(terms):
        body = f"|{fmt(v, style)}|" if bars else fmt(abs(v), style)
        op = "-" if sign < 0 else "+"
        out += (body if sign > 0 else f"-{body}") if i == 0 else f" {op} {body}"
    return out


class CoordinateDistance(Family):
    """Distances on the coordinate plane. Tiers: same x, positive y; same y across the y-axis;
    both negative; larger, across an axis; a rectangle's perimeter from opposite corners."""

    name = "coordinate_distance"
    topic = "6.NS.C.8"
    context_hint = "a map grid with streets, where you walk along the grid lines"
    strategy = "Find the coordinate the points share, then take the difference of the others."

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier == 5:
            p = (nonzero(rng, 9, True), nonzero(rng, 9, False))
            q = (nonzero(rng, 9, False), nonzero(rng, 9, True))
            w, h = abs(p[0] - q[0]), abs(p[1] - q[1])
            ignore = 2 * (abs(abs(p[0]) - abs(q[0])) + abs(abs(p[1]) - abs(q[1])))
            return Draft(
                question=f"A rectangle has opposite corners at {point(p)} and {point(q)}. "
                "What is its perimeter?",
                answer=2 * (w + h),
                solution=[
                    f"Width: |{fmt(p[0])} - {fmt(q[0])}| = {fmt(w)}; height: "
                    f"|{fmt(p[1])} - {paren(q[1])}| = {fmt(h)}.",
                    f"Perimeter: 2 × ({fmt(w)} + {fmt(h)}) = {fmt(2 * (w + h))}.",
                ],
                wrong=[
                    (w * h, "found the area instead"),
                    (w + h, "added only two sides"),
                    (ignore, "subtracted the distances from zero instead of adding them"),
                ],
                figure=plane(p, q),
            )
        top = {1: 10, 2: 10, 3: 20, 4: 50}[tier]
        while True:
            a = nonzero(rng, top, {1: False, 3: True}.get(tier))
            b = nonzero(rng, top, {1: False, 3: True}.get(tier, a > 0))
            if a != b:
                break
        shared = nonzero(rng, top)
        vertical = tier == 1 or (tier > 2 and rng.random() < 0.5)
        p, q = ((shared, a), (shared, b)) if vertical else ((a, shared), (b, shared))
        d = abs(a - b)
        same = "x" if vertical else "y"
        opposite = (a > 0) != (b > 0)
        return Draft(
            question=f"What is the distance between {point(p)} and {point(q)}?",
            answer=d,
            solution=[
                f"Both points have {same} = {fmt(shared)}, so the distance is the difference "
                "of the other coordinates.",
                f"|{fmt(a)} - {paren(b)}| = {fmt(d)}.",
            ],
            wrong=[
                (abs(abs(a) - abs(b)), "subtracted the distances from zero instead of adding them")
                if opposite
                else (abs(a) + abs(b), "added the distances from zero instead of subtracting"),
                (d + 1, "counted the grid points instead of the spaces between them"),
                (abs(shared), "used the coordinate that stays the same"),
            ],
            figure=plane(p, q),
        )

    def expected(self, core: ItemCore) -> Any:
        p, q = (
            sympy.Point2D(*map(to_sympy, xy))
            for xy in re.findall(r"\((\S+), (\S+)\)", core.question)
        )
        if "perimeter" in core.question:
            return 2 * (abs(p.x - q.x) + abs(p.y - q.y))
        return p.distance(q)


class FirstQuadrant(_PointAnswer):
    """Moving on a first-quadrant grid. Tiers: from the origin; up before right with larger
    moves; from a starting point; with left and down moves; three moves."""

    name = "first_quadrant"
    topic = "5.G.A.1"
    context_hint = "a map grid or game board with numbered streets"
    strategy = "Right and left change the x-coordinate; up and down change the y-coordinate."
    steps: ClassVar[dict[str, tuple[int, int]]] = {
        "right": (1, 0),
        "left": (-1, 0),
        "up": (0, 1),
        "down": (0, -1),
    }

    def draft(self, tier: int, rng: Random) -> Draft:
        start = (0, 0) if tier <= 2 else (rng.randint(1, 9), rng.randint(1, 9))
        while True:
            directions = {
                1: ["right", "up"],
                2: ["up", "right"],
                3: ["right", "up"],
                4: list(rng.choice((("left", "up"), ("right", "down"), ("left", "down")))),
                5: [*rng.sample(["right", "left", "up", "down"], 3)],
            }[tier]
            moves = [(rng.randint(1, 20 if tier == 2 else 9), d) for d in directions]
            x, y = self.walk(start, moves, lambda n, step: n * step)
            if min(x, y) >= 0 and x != y:
                break
        answer = point((x, y))
        moves_only = (x - start[0], y - start[1])
        flipped = self.walk(start, moves, lambda n, step: n * abs(step))
        described = listing([f"{n} unit{'s' if n > 1 else ''} {d}" for n, d in moves])
        return Draft(
            question=f"Start at {point(start)}. Move {described}. What point do you reach?",
            answer=answer,
            solution=[
                "Right and left change the x-coordinate; up and down change the y-coordinate.",
                f"From {point(start)} you reach {answer}.",
            ],
            wrong=[
                (point((y, x)), "swapped the x- and y-coordinates"),
                (
                    point(moves_only) if start != (0, 0) and min(moves_only) >= 0 else None,
                    "moved from the origin instead of the starting point",
                ),
                (point(flipped), "moved the wrong way for left or down"),
                (
                    point(self.walk(start, moves, lambda n, step: (n - 1) * step)),
                    "counted the starting point as the first unit",
                ),
                (
                    point(self.walk(start, moves[:1], lambda n, step: n * step)),
                    "made only the first move",
                ),
                (
                    point(self.walk(start, moves[-1:], lambda n, step: n * step)),
                    "made only the last move",
                ),
            ],
            # as far as the moves could go either way, so the frame does not give away the end
            figure=plane(start, reach=self._reach(start, moves)),
        )

    @staticmethod
    def _reach(start: tuple[int, int], moves: list[tuple[int, str]]) -> tuple[Point, ...]:
        total = sum(n for n, _ in moves)
        return ((start[0] + total, start[1] + total),)

    def walk(
        self,
        start: tuple[int, int],
        moves: list[tuple[int, str]],
        length: Callable[[int, int], int],
    ) -> tuple[int, int]:
        """Where the moves end when a move of n units in a direction counts length(n, ±1)."""
        x, y = start
        for n, d in moves:
            dx, dy = self.steps[d]
            x, y = x + length(n, dx), y + length(n, dy)
        return x, y

    def expected(self, core: ItemCore) -> Any:
        x, y = map(to_sympy, question_part(core.question, r"Start at \((\S+), (\S+)\)"))
        for n, d in re.findall(r"(\d+) units? (right|left|up|down)", core.question):
            dx, dy = self.steps[d]
            x, y = x + int(n) * dx, y + int(n) * dy
        return sympy.Tuple(x, y)


FAMILIES: tuple[type[Family], ...] = (
    SignedQuantity,
    Opposites,
    Reflection,
    Ordering,
    AbsoluteValue,
    CoordinateDistance,
    FirstQuadrant,
)
