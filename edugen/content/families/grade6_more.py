"""Grade-6 sub-standards beyond the first families: finding numbers on a number line and
points on a grid (6.NS.C.6.c), order in context (6.NS.C.7.b), absolute value against order
(6.NS.C.7.d), writing and reading expressions (6.EE.A.2.a-c), variables for unknowns in a
story (6.EE.B.6), statistical questions (6.SP.A.1), a distribution's center, spread and
shape (6.SP.A.2) and summaries of data in context (6.SP.B.5.a-d).

Every question states in words what its figure shows (the marks counted, the data listed),
so each family's `expected` re-derives the key from the question text alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from fractions import Fraction
from functools import partial
from random import Random
from typing import Any, ClassVar, NamedTuple

import sympy

from edugen.content.cores import ItemCore
from edugen.content.families.base import Answer, Draft, Family, question_part
from edugen.content.families.common import Style, fmt, numbers_in, to_sympy
from edugen.content.families.statistics import _sym_spread, mean, median, mode
from edugen.content.figures import box_plot, dot_plot, histogram
from edugen.content.figures.grade6_more_figs import lettered_grid, lettered_line
from edugen.content.figures.lines import covering, listing
from edugen.schemas import Figure

Wrong = list[tuple[Answer | None, str]]


def show_as(style: Style) -> partial[str]:
    return partial(fmt, style=style)


# --- 6.NS.C.6.c: finding numbers on a number line and points on a grid -----------------------

LINE_WAYS = {
    "to the right of": 1,
    "to the left of": -1,
    "above": 1,
    "below": -1,
}


class NumberLinePosition(Family):
    """The number at a lettered point on a number line marked in equal steps. Tiers: steps of
    1 from 0; steps of 2, 5 or 10 from 0; steps of a half, third or quarter from a labelled
    whole number; a vertical line in steps of tenths, fifths, quarters or halves; a vertical
    line in fractional steps from a labelled negative or positive number."""

    name = "number_line_position"
    topic = "6.NS.C.6.c"
    nonnegative = False
    context_hint = "a number line drawn on a board, a ruler or a thermometer"
    strategy = (
        "Start at the labelled mark and count marks toward the point; each mark adds or "
        "takes away the same step."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        style: Style = "decimal" if tier == 4 else "fraction"
        step = {
            1: lambda: Fraction(1),
            2: lambda: Fraction(rng.choice((2, 5, 10))),
            3: lambda: Fraction(1, rng.choice((2, 3, 4))),
            4: lambda: Fraction(rng.choice((1, 2, 1, 5)), rng.choice((10, 10, 4, 2))),
            5: lambda: Fraction(1, rng.choice((3, 4, 5, 6, 8))),
        }[tier]()
        anchor = Fraction(0 if tier <= 2 else rng.randint(-4, 4))
        if tier == 5 and anchor == 0:
            anchor = Fraction(rng.choice((-3, -2, -1, 1, 2, 3)))
        count = rng.randint(2, 9 if tier == 1 else 12)
        way = rng.choice((1, -1))
        value = anchor + way * count * step
        vertical = tier >= 4
        words = ("above", "below") if vertical else ("to the right of", "to the left of")
        direction = words[0] if way > 0 else words[1]
        letter = rng.choice("PQRMN")
        s, a = fmt(step, style), fmt(anchor, style)
        line = "A vertical number line" if vertical else "A number line"
        question = (
            f"{line} has a mark every {s}, and the mark for {a} is labelled. Point {letter} "
            f"is {count} marks {direction} {a}. What number is at {letter}?"
        )
        # a few unmarked steps beyond both the anchor and the point, so the ends give nothing away
        low = min(0, way * count) - rng.randint(1, 3)
        high = max(0, way * count) + rng.randint(1, 3)
        return Draft(
            question=question,
            answer=value,
            solution=[
                f"Start at the labelled mark, {a}, and count {count} marks {direction} it.",
                f"Each mark is {s}, so {count} marks are {count} × {s} = "
                f"{fmt(count * step, style)}.",
                f"{a} {'+' if way > 0 else '-'} {fmt(count * step, style)} = {fmt(value, style)}.",
            ],
            wrong=[
                (anchor - way * count * step, "counted the marks the wrong way"),
                (
                    anchor + way * count if step != 1 else None,
                    "counted each mark as 1, not the step",
                ),
                (
                    anchor + way * (count - 1) * step,
                    "counted the labelled mark as the first mark",
                ),
                (way * count * step if anchor else None, "counted from 0, not the labelled mark"),
                (anchor + way * (count + 1) * step, "counted one mark too many"),
                (-value, "gave the number with the wrong sign"),
            ],
            style=style,
            figure=lettered_line(
                anchor + low * step,
                anchor + high * step,
                step,
                anchor,
                [(value, letter)],
                vertical=vertical,
                show=show_as(style),
            ),
        )

    def expected(self, core: ItemCore) -> Any:
        step, anchor, count, way = question_part(
            core.question,
            r"mark every (\S+), and the mark for (\S+) is labelled\. Point \w is (\d+) marks "
            r"(to the right of|to the left of|above|below) ",
        )
        return to_sympy(anchor) + LINE_WAYS[way] * int(count) * to_sympy(step)


def _pair(p: tuple[Fraction, Fraction], style: Style) -> str:
    return f"({fmt(p[0], style)}, {fmt(p[1], style)})"


def _units(n: Fraction, style: Style) -> str:
    return f"{fmt(n, style)} {'unit' if n <= 1 else 'units'}"


class PlanePosition(Family):
    """The coordinates of a lettered point on a coordinate grid. Tiers: the first quadrant;
    any quadrant; moved from a point the question gives; halves in decimals on a grid of
    half units; halves as fractions, moved from a given point."""

    name = "plane_position"
    topic = "6.NS.C.6.c"
    kinds = ("multiple_choice",)
    nonnegative = False
    context_hint = "a map grid or game board with two number lines crossing at zero"
    strategy = (
        "Left and right of the y-axis give the first coordinate's sign; above and below the "
        "x-axis give the second's."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        style: Style = "decimal" if tier == 4 else "fraction"
        step = Fraction(1, 2) if tier >= 4 else Fraction(1)
        reach = 10  # grid lines each way from the origin

        def coordinate(positive: bool | None = None) -> Fraction:
            n = Fraction(rng.randint(1, reach - 1)) * step
            sign = rng.choice((1, -1)) if positive is None else (1 if positive else -1)
            return sign * n

        start: tuple[Fraction, Fraction] | None = None
        while True:
            if tier in (3, 5):
                start = (coordinate(), coordinate())
                move = (coordinate(), coordinate())
                target = (start[0] + move[0], start[1] + move[1])
                fits = all(0 < abs(c) < reach * step for c in target)
                if fits and target != start:
                    break
            else:
                target = (coordinate(), coordinate())
                if tier == 1:
                    target = (abs(target[0]), abs(target[1]))
                if target[0] != target[1] and (tier == 1 or min(target) < 0):
                    break
        x, y = target
        letter = rng.choice("ACDEF")
        if start is None:
            side = "right of" if x > 0 else "left of"
            level = "above" if y > 0 else "below"
            question = (
                f"On a coordinate grid, point {letter} is {_units(abs(x), style)} to the {side} "
                f"the y-axis and {_units(abs(y), style)} {level} the x-axis. What are the "
                f"coordinates of {letter}?"
            )
            steps = [
                f"To the {side} the y-axis makes the first coordinate "
                f"{'positive' if x > 0 else 'negative'}; {level} the x-axis makes the second "
                f"{'positive' if y > 0 else 'negative'}.",
                f"So {letter} is at {_pair(target, style)}.",
            ]
            wrong: Wrong = [
                (_pair((y, x), style), "swapped the x- and y-coordinates"),
                (_pair((-x, y), style), "gave the first coordinate the wrong sign"),
                (_pair((x, -y), style), "gave the second coordinate the wrong sign"),
                (_pair((-y, -x), style), "swapped the coordinates and their signs"),
            ]
            points = [(target, letter, False)]
        else:
            dx, dy = target[0] - start[0], target[1] - start[1]
            across = "right" if dx > 0 else "left"
            up = "up" if dy > 0 else "down"
            question = (
                f"Point B is at {_pair(start, style)}. Point {letter} is "
                f"{_units(abs(dx), style)} {across} of B and {_units(abs(dy), style)} {up} from "
                f"B. What are the coordinates of {letter}?"
            )
            steps = [
                f"Start at B {_pair(start, style)}: moving {across} changes the first "
                f"coordinate, moving {up} changes the second.",
                f"{fmt(start[0], style)} {'+' if dx > 0 else '-'} {fmt(abs(dx), style)} = "
                f"{fmt(x, style)} and {fmt(start[1], style)} {'+' if dy > 0 else '-'} "
                f"{fmt(abs(dy), style)} = {fmt(y, style)}.",
            ]
            wrong = [
                (_pair((dx, dy), style), "moved from the origin instead of from B"),
                (_pair((start[0] - dx, y), style), "moved the wrong way left or right"),
                (_pair((x, start[1] - dy), style), "moved the wrong way up or down"),
                (_pair((start[0] + dy, start[1] + dx), style), "mixed up the two moves"),
                (_pair((y, x), style), "swapped the x- and y-coordinates"),
            ]
            points = [(start, "B", True), (target, letter, False)]
        return Draft(
            question=question,
            answer=_pair(target, style),
            solution=steps,
            wrong=wrong,
            style=style,
            figure=lettered_grid(reach, step, points, show=show_as(style)),
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        if found := re.search(
            r"Point B is at \((\S+), (\S+)\)\. Point \w is (\S+) units? "
            r"(left|right) of B and (\S+) units? (up|down) from B",
            q,
        ):
            bx, by, dx, lr, dy, ud = found.groups()
            return sympy.Tuple(
                to_sympy(bx) + (1 if lr == "right" else -1) * to_sympy(dx),
                to_sympy(by) + (1 if ud == "up" else -1) * to_sympy(dy),
            )
        dx, lr, dy, ud = question_part(
            q, r"is (\S+) units? to the (right|left) of the y-axis and (\S+) units? (above|below)"
        )
        return sympy.Tuple(
            (1 if lr == "right" else -1) * to_sympy(dx),
            (1 if ud == "above" else -1) * to_sympy(dy),
        )


# --- 6.NS.C.7.b and 6.NS.C.7.d: order in context, and absolute value against order ----------


def listed_values(question: str) -> list[Any]:
    """The amounts a question lists first: "of -3, 5 and -7 degrees", ": -2, 1 and 3 feet"."""
    text = question_part(
        question, r"(?:of|:) (-?\d[-\d./, and]*?) (?:degrees|meters|dollars|feet)"
    )[0]
    return [to_sympy(t) for t in re.split(r", | and ", text)]


class Setting(NamedTuple):
    """Signed amounts of one kind: how a question lists them, and the words for the greatest
    and least of them (colder is less, deeper is less, a bigger debt is less)."""

    intro: str  # "{values}" is the list, e.g. "-3, 5 and -7"
    thing: str
    most: str
    least: str
    unit: str
    top: int  # the largest plausible size
    places: int  # decimal places a measurement is written with


SETTINGS = (
    Setting(
        "Some towns had temperatures of {values} degrees at noon.",
        "temperature",
        "warmest",
        "coldest",
        "degrees",
        30,
        1,
    ),
    Setting(
        "Divers and birds were spotted at elevations of {values} meters, measured from sea level.",
        "elevation",
        "highest",
        "lowest",
        "meters",
        60,
        1,
    ),
    Setting(
        "Bank accounts have balances of {values} dollars.",
        "balance",
        "greatest",
        "least",
        "dollars",
        200,
        2,
    ),
    Setting(
        "A pond's water level was measured against its usual level each day: {values} feet.",
        "level",
        "highest",
        "lowest",
        "feet",
        3,
        2,
    ),
)
ORDER_WORDS = {s.most: max for s in SETTINGS} | {s.least: min for s in SETTINGS}


def _signed_values(
    rng: Random, tier: int, setting: Setting, count: int, negatives: int = 2
) -> list[Fraction]:
    """Distinct signed amounts, at least `negatives` of them negative, no two the same size."""
    while True:
        if tier == 4:
            values = [Fraction(rng.randint(1, 7), rng.choice((2, 3, 4, 8))) for _ in range(count)]
        elif tier in (3, 5):
            scale = 10**setting.places
            values = [Fraction(rng.randint(1, setting.top * scale), scale) for _ in range(count)]
        else:
            values = [Fraction(rng.randint(1, min(setting.top, 20 * tier))) for _ in range(count)]
        values = [v * rng.choice((1, -1)) for v in values]
        if len({abs(v) for v in values}) == count and sum(v < 0 for v in values) >= negatives:
            return values


class OrderInContext(Family):
    """Which signed amount in a story is the greatest or least (warmest, coldest, deepest,
    least balance). Tiers: three whole numbers to 20; to 40; decimals; fractions of a foot
    of water level; four decimals."""

    name = "order_in_context"
    topic = "6.NS.C.7.b"
    nonnegative = False
    context_hint = "temperatures, elevations, bank balances or water levels above and below zero"
    strategy = (
        "Place the amounts on a number line: the farther left, the less (colder, lower or "
        "owing more)."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        setting = {4: SETTINGS[3], 3: rng.choice(SETTINGS), 5: rng.choice(SETTINGS)}.get(
            tier, rng.choice(SETTINGS[:3])
        )
        count = 4 if tier == 5 else 3
        greatest = rng.random() < 0.5
        # the greatest of all-negative amounts is the one that tempts a student by its size
        values = _signed_values(rng, tier, setting, count, count if greatest else 2)
        style: Style = "fraction" if tier == 4 else "decimal"
        word = setting.most if greatest else setting.least
        pick, other = (max, min) if greatest else (min, max)
        answer = pick(values)
        by_size = (max if greatest else min)(values, key=abs)  # as if there were no signs
        texts = [fmt(v, style) for v in values]
        intro = setting.intro.format(values=listing(texts))
        return Draft(
            question=f"{intro} Which {setting.thing} is the {word}?",
            answer=answer,
            solution=[
                f"On a number line, the {word} {setting.thing} is the one farthest to the "
                f"{'right' if greatest else 'left'}.",
                "In order from least to greatest: "
                f"{listing([fmt(v, style) for v in sorted(values)])}.",
                f"The {word} is {fmt(answer, style)} {setting.unit}.",
            ],
            wrong=[
                (by_size, "compared the sizes of the numbers and ignored their signs"),
                (other(values), f"picked the {setting.least if greatest else setting.most} one"),
                (-answer, "dropped the negative sign" if answer < 0 else "changed the sign"),
                (-other(values), "took the number farthest from zero and dropped its sign"),
            ],
            style=style,
        )

    def expected(self, core: ItemCore) -> Any:
        word = question_part(core.question, r"Which \w+ is the (\w+)\?")[0]
        return ORDER_WORDS[word](listed_values(core.question))


class AbsoluteOrOrder(Family):
    """Telling a comparison of sizes (a bigger debt, farther from sea level) from a
    comparison of order. Tiers: the balance with the greatest debt; the elevation farthest
    from sea level; the one balance that is a debt of more than a set amount; how many
    balances are debts of more than a set amount; the one decimal elevation more than a set
    depth below sea level."""

    name = "absolute_or_order"
    topic = "6.NS.C.7.d"
    nonnegative = False
    context_hint = "debts and balances, or depths and heights measured from sea level"
    strategy = (
        "A debt's size or a depth is an absolute value: compare absolute values for size, "
        "and positions on the number line for order."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier in (3, 4, 5):
            return self._more_than(tier, rng)
        while True:
            values = [Fraction(rng.randint(1, 60)) * rng.choice((1, -1)) for _ in range(4)]
            sizes = {abs(v) for v in values}
            if len(sizes) == 4 and sum(v < 0 for v in values) >= 2 and max(values) > 0:
                break
        texts = listing([fmt(v) for v in values])
        if tier == 1:
            debts = [v for v in values if v < 0]
            answer = min(debts)
            return Draft(
                question=f"Bank accounts have balances of {texts} dollars. Which balance shows "
                "the greatest debt?",
                answer=answer,
                solution=[
                    "A negative balance is a debt; the size of the debt is its distance from 0.",
                    f"The debt farthest from 0 is {fmt(answer)}, a debt of {fmt(-answer)} dollars.",
                ],
                wrong=[
                    (max(values), "chose the greatest balance, not the greatest debt"),
                    (max(debts), "thought the debt closest to 0 is the greatest"),
                    (-answer, "gave the size of the debt as a positive balance"),
                ],
            )
        answer = max(values, key=abs)
        return Draft(
            question=f"Points are at elevations of {texts} meters, measured from sea level. "
            "Which elevation is farthest from sea level?",
            answer=answer,
            solution=[
                "Distance from sea level is the absolute value of the elevation.",
                f"The greatest absolute value belongs to {fmt(answer)}.",
            ],
            wrong=[
                (max(values), "took the highest elevation as the farthest"),
                (min(values), "took the lowest elevation as the farthest"),
                (min(values, key=abs), "chose the elevation closest to sea level"),
                (-answer, "changed the sign of the elevation"),
            ],
        )

    def _more_than(self, tier: int, rng: Random) -> Draft:
        decimal = tier == 5
        style: Style = "decimal" if decimal else "fraction"
        limit = Fraction(rng.randint(2, 9) * 5) + (
            Fraction(rng.choice((1, 3)), 2) if decimal else 0
        )

        def near(low: Fraction | int, high: Fraction | int) -> Fraction:
            scale = 10 if decimal else 1
            return Fraction(rng.randint(int(low * scale), int(high * scale)), scale)

        if tier == 4:
            while True:
                values = [near(-2 * limit, 2 * limit) for _ in range(6)]
                if -limit not in values and rng.random() < 0.5:
                    values[rng.randrange(6)] = -limit
                inside = sum(v < -limit for v in values)
                by_size = sum(abs(v) > limit for v in values)
                if 0 < inside and by_size != inside and 0 not in values and len(set(values)) == 6:
                    break
            answer: Fraction = Fraction(inside)
            texts = listing([fmt(v) for v in values])
            return Draft(
                question=f"Bank accounts have balances of {texts} dollars. How many of them "
                f"show a debt of more than {fmt(limit)} dollars?",
                answer=answer,
                solution=[
                    f"A debt of more than {fmt(limit)} dollars is a balance less than "
                    f"{fmt(-limit)}.",
                    f"The balances less than {fmt(-limit)} are "
                    f"{listing([fmt(v) for v in values if v < -limit])}.",
                ],
                wrong=[
                    (
                        Fraction(by_size),
                        "counted every balance larger than the amount in size, positive ones too",
                    ),
                    (Fraction(sum(v < 0 for v in values)), "counted every debt"),
                    (
                        Fraction(sum(v <= -limit for v in values)),
                        "counted a debt of exactly the amount as more than it",
                    ),
                    (
                        Fraction(sum(-limit < v < 0 for v in values)),
                        "counted the debts smaller than the amount",
                    ),
                ],
            )
        answer = -near(limit + 1, 2 * limit)
        decoys = [
            (
                near(limit + 1, 2 * limit),
                "compared sizes only: a positive amount is not below zero",
            ),
            (-near(1, limit - 1), "thought a number closer to 0 is more below zero"),
            (-limit, "counted exactly the amount as more than it"),
        ]
        values = [answer, *(v for v, _ in decoys)]
        rng.shuffle(values)
        texts = listing([fmt(v, style) for v in values])
        if decimal:
            question = (
                f"Divers are at elevations of {texts} meters, measured from sea level. Which "
                f"diver is more than {fmt(limit, style)} meters below sea level?"
            )
        else:
            question = (
                f"Bank accounts have balances of {texts} dollars. Which balance shows a debt of "
                f"more than {fmt(limit)} dollars?"
            )
        return Draft(
            question=question,
            answer=answer,
            solution=[
                f"More than {fmt(limit, style)} below zero means less than {fmt(-limit, style)} on "
                "the number line.",
                f"Only {fmt(answer, style)} is less than {fmt(-limit, style)}.",
            ],
            wrong=decoys,
            style=style,
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        values = listed_values(q)
        if "greatest debt" in q:
            return min(v for v in values if v < 0)
        if "farthest from sea level" in q:
            return max(values, key=abs)
        limit = to_sympy(question_part(q, r"more than (\S+) (?:dollars|meters)")[0])
        below = [v for v in values if v < -limit]
        return sympy.Integer(len(below)) if "How many" in q else below[0]


# --- 6.EE.A.2.a-c and 6.EE.B.6: writing, reading and evaluating expressions ----------------

LETTERS = "nmtwky"
# (words, the expression, [(a wrong expression, its misconception)]): {v} and {w} are letters,
# {a} and {b} numbers. Tiers: one operation; two; a sum or difference taken as one thing;
# fractions and decimals; two letters or a square.
PHRASES: dict[int, list[tuple[str, str, list[tuple[str, str]]]]] = {
    1: [
        (
            "{a} more than {v}",
            "{v} + {a}",
            [
                ("{a}{v}", "multiplied instead of adding"),
                ("{v} - {a}", "subtracted instead of adding"),
                ("{v}/{a}", "divided instead of adding"),
            ],
        ),
        (
            "{a} less than {v}",
            "{v} - {a}",
            [
                ("{a} - {v}", "wrote the numbers in the order the words say them"),
                ("{v} + {a}", "added instead of subtracting"),
                ("{a}{v}", "multiplied instead of subtracting"),
            ],
        ),
        (
            "the product of {a} and {v}",
            "{a}{v}",
            [
                ("{v} + {a}", "added instead of multiplying"),
                ("{v}/{a}", "divided instead of multiplying"),
                ("{v}^{a}", "used the number as an exponent"),
            ],
        ),
        (
            "{v} divided by {a}",
            "{v}/{a}",
            [
                ("{a}/{v}", "divided in the wrong order"),
                ("{a}{v}", "multiplied instead of dividing"),
                ("{v} - {a}", "subtracted instead of dividing"),
            ],
        ),
    ],
    2: [
        (
            "{b} more than {a} times {v}",
            "{a}{v} + {b}",
            [
                ("{a}({v} + {b})", "added before multiplying"),
                ("{b}{v} + {a}", "swapped the two numbers"),
                ("{a} + {v} + {b}", "added instead of multiplying"),
            ],
        ),
        (
            "{b} less than {a} times {v}",
            "{a}{v} - {b}",
            [
                ("{b} - {a}{v}", "wrote the numbers in the order the words say them"),
                ("{a}({v} - {b})", "subtracted before multiplying"),
                ("{a}{v} + {b}", "added instead of subtracting"),
            ],
        ),
        (
            "{v} divided by {a}, plus {b}",
            "{v}/{a} + {b}",
            [
                ("{a}/{v} + {b}", "divided in the wrong order"),
                ("{a}{v} + {b}", "multiplied instead of dividing"),
                ("{v}/({a} + {b})", "added before dividing"),
            ],
        ),
    ],
    3: [
        (
            "{a} times the sum of {v} and {b}",
            "{a}({v} + {b})",
            [
                ("{a}{v} + {b}", "multiplied only the letter"),
                ("{a} + {v} + {b}", "added instead of multiplying"),
                ("{b}({v} + {a})", "swapped the two numbers"),
            ],
        ),
        (
            "{a} times the difference of {v} and {b}",
            "{a}({v} - {b})",
            [
                ("{a}{v} - {b}", "multiplied only the letter"),
                ("{a}({b} - {v})", "subtracted in the wrong order"),
                ("{a} - {v} - {b}", "subtracted instead of multiplying"),
            ],
        ),
        (
            "the sum of {v} and {b}, divided by {a}",
            "({v} + {b})/{a}",
            [
                ("{v} + {b}/{a}", "divided only the second number"),
                ("{a}/({v} + {b})", "divided in the wrong order"),
                ("{a}({v} + {b})", "multiplied instead of dividing"),
            ],
        ),
    ],
    4: [
        (
            "half of {v}, minus {b}",
            "{v}/2 - {b}",
            [
                ("({v} - {b})/2", "subtracted before halving"),
                ("2{v} - {b}", "doubled instead of halving"),
                ("{b} - {v}/2", "wrote the numbers in the order the words say them"),
            ],
        ),
        (
            "{f} of the sum of {v} and {b}",
            "({f})({v} + {b})",
            [
                ("({f}){v} + {b}", "took the fraction of the letter only"),
                ("({g})({v} + {b})", "turned the fraction upside down"),
                ("{f} + {v} + {b}", "added the fraction instead of taking it of the sum"),
            ],
        ),
        (
            "{d} times {v}, plus {e}",
            "{d}{v} + {e}",
            [
                ("{d}({v} + {e})", "added before multiplying"),
                ("{e}{v} + {d}", "swapped the two numbers"),
                ("{d} + {v} + {e}", "added instead of multiplying"),
            ],
        ),
    ],
    5: [
        (
            "the product of {v} and {w}, plus {b}",
            "{v}{w} + {b}",
            [
                ("{v} + {w} + {b}", "added instead of multiplying"),
                ("{v}({w} + {b})", "added before multiplying"),
                ("{b}{v}{w}", "multiplied by the number instead of adding it"),
            ],
        ),
        (
            "the square of {v}, plus {a} times {v}",
            "{v}^2 + {a}{v}",
            [
                ("2{v} + {a}{v}", "doubled instead of squaring"),
                ("{v}^2 + {a} + {v}", "added the number instead of multiplying"),
                ("({v} + {a}{v})^2", "squared the whole sum"),
            ],
        ),
        (
            "{b} less than the quotient of {v} and {w}",
            "{v}/{w} - {b}",
            [
                ("{b} - {v}/{w}", "wrote the numbers in the order the words say them"),
                ("{w}/{v} - {b}", "divided in the wrong order"),
                ("{v}/({w} - {b})", "subtracted before dividing"),
            ],
        ),
    ],
}


def _words_pattern(words: str) -> str:
    """A regex that reads a phrase template back: each placeholder becomes a group."""
    out = re.escape(words)
    for name in "vwabcdefg":
        out = out.replace(re.escape("{" + name + "}"), f"(?P<{name}>[^ ,]+)", 1)
        out = out.replace(re.escape("{" + name + "}"), f"(?P={name})")
    return out


class WriteExpression(Family):
    """Writing an expression with a letter from words. Tiers: one operation; two operations;
    a sum or difference multiplied or divided as a whole; fractions and decimals; two letters
    or a square."""

    name = "write_expression"
    topic = "6.EE.A.2.a"
    kinds = ("multiple_choice",)
    context_hint = "a number described in words, such as a score, an age or a price"
    strategy = (
        "Find the operations the words name and what each acts on; a sum or difference that "
        "is acted on as a whole goes in parentheses."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        words, expr, wrongs = rng.choice(PHRASES[tier])
        v, w = rng.sample(LETTERS, 2)
        a, b = rng.sample(range(2, 13), 2)
        f = rng.choice((Fraction(2, 3), Fraction(3, 4), Fraction(2, 5), Fraction(3, 5)))
        d, e = Fraction(rng.randint(11, 49), 10), Fraction(rng.randint(1, 99), 4)
        if d.denominator == 1 or e.denominator == 1:
            d, e = Fraction(3, 2), Fraction(9, 4)
        values = {
            "v": v,
            "w": w,
            "a": str(a),
            "b": str(b),
            "f": fmt(f),
            "g": fmt(1 / f),
            "d": fmt(d, "decimal"),
            "e": fmt(e, "decimal"),
        }
        phrase = words.format(**values)
        answer = expr.format(**values)
        return Draft(
            question=f'Which expression means "{phrase}"?',
            answer=answer,
            solution=[
                "Read the words for the operations in order, and group what they act on.",
                f'"{phrase}" is {answer}.',
            ],
            wrong=[(text.format(**values), why) for text, why in wrongs],
        )

    def expected(self, core: ItemCore) -> Any:
        phrase = question_part(core.question, r'means "(.+)"\?')[0]
        for tier in PHRASES.values():
            for words, expr, _ in tier:
                if found := re.fullmatch(_words_pattern(words), phrase):
                    named = found.groupdict()
                    if "f" in named:
                        named["g"] = fmt(1 / Fraction(named["f"]))
                    return to_sympy(expr.format(**named))
        raise ValueError(f"no phrase reads as {phrase!r}")


class Formula(NamedTuple):
    """A formula from a real setting: its sentence ({value} is where the letters' values go),
    what it gives, the letter values a tier may use, and its misreadings."""

    sentence: str
    formula: str  # "V = s^3"
    unit: str
    wrong: tuple[tuple[str, str], ...]  # (the misread right-hand side, the misconception)


FORMULAS = {
    "cube": Formula(
        "A cube with edges s centimeters long has volume V = s^3 cubic centimeters.",
        "V = s^3",
        "cubic centimeters",
        (
            ("3*s", "multiplied by the exponent instead of cubing"),
            ("s^2", "squared instead of cubing"),
            ("6*s^2", "found the surface area instead of the volume"),
        ),
    ),
    "box": Formula(
        "A box l centimeters long, w centimeters wide and h centimeters tall has volume "
        "V = lwh cubic centimeters.",
        "V = lwh",
        "cubic centimeters",
        (
            ("l + w + h", "added the edges instead of multiplying"),
            ("2*(l*w + w*h + l*h)", "found the surface area instead of the volume"),
            ("l*w", "multiplied only two of the edges"),
        ),
    ),
    "cube_area": Formula(
        "A cube with edges s inches long has surface area A = 6s^2 square inches.",
        "A = 6s^2",
        "square inches",
        (
            ("(6*s)^2", "multiplied by 6 before squaring"),
            ("12*s", "doubled s instead of squaring it"),
            ("s^2", "forgot to multiply by 6"),
        ),
    ),
    "perimeter": Formula(
        "A rectangle l feet long and w feet wide has perimeter P = 2l + 2w feet.",
        "P = 2l + 2w",
        "feet",
        (
            ("l + w", "added one length and one width only"),
            ("l*w", "found the area instead"),
            ("2*l + w", "doubled the length only"),
        ),
    ),
    "triangle": Formula(
        "A triangle with base b meters and height h meters has area A = bh/2 square meters.",
        "A = bh/2",
        "square meters",
        (
            ("b*h", "forgot to divide by 2"),
            ("(b + h)/2", "added the base and height instead of multiplying"),
            ("2*b*h", "multiplied by 2 instead of dividing"),
        ),
    ),
    "distance": Formula(
        "A cyclist riding r miles per hour for t hours goes d = rt miles.",
        "d = rt",
        "miles",
        (
            ("r + t", "added the rate and the time"),
            ("r/t", "divided the rate by the time"),
            ("t/r", "divided the time by the rate"),
        ),
    ),
    "fahrenheit": Formula(
        "A temperature of C degrees Celsius is F = 9C/5 + 32 degrees Fahrenheit.",
        "F = 9C/5 + 32",
        "degrees Fahrenheit",
        (
            ("9*C/5", "forgot to add 32"),
            ("9*(C + 32)/5", "added 32 before multiplying"),
            ("5*C/9 + 32", "used 5/9 instead of 9/5"),
            ("9*C/5 - 32", "subtracted 32 instead of adding it"),
        ),
    ),
}
FORMULA_LETTERS = {letter: sympy.Symbol(letter) for letter in "VsAPlwbhdrtFC"}


def _rhs(text: str, values: dict[str, Any]) -> Any:
    """A right-hand side evaluated at the letters' values (letters read as symbols only)."""
    expr = sympy.parse_expr(
        text.replace("^", "**"),
        local_dict=FORMULA_LETTERS,
        transformations=(
            *sympy.parsing.sympy_parser.standard_transformations,
            sympy.parsing.sympy_parser.implicit_multiplication_application,
        ),
    )
    return expr.subs({FORMULA_LETTERS[k]: v for k, v in values.items()})


class FormulaValue(Family):
    """Evaluating a formula from a real setting. Tiers: a rectangle's perimeter or a
    distance with whole numbers; a cube's volume or surface area or a box's volume; a cube
    with an edge in tenths; a triangle's area, a perimeter or a distance with decimals;
    degrees Celsius to Fahrenheit, below zero too."""

    name = "formula_value"
    topic = "6.EE.A.2.c"
    nonnegative = False
    context_hint = "a formula used in real life: areas, volumes, distances or temperatures"
    strategy = (
        "Put each letter's value into the formula, then work exponents first, then "
        "multiplying and dividing, then adding."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        key = {
            1: rng.choice(("perimeter", "distance")),
            2: rng.choice(("cube", "cube_area", "box")),
            3: rng.choice(("cube", "cube_area")),
            4: rng.choice(("triangle", "distance", "perimeter")),
            5: "fahrenheit",
        }[tier]
        form = FORMULAS[key]
        style: Style = "decimal" if tier >= 3 else "fraction"
        if key in ("cube", "cube_area"):
            edge = (
                Fraction(rng.randint(2, 10 if key == "cube_area" else 9))
                if tier == 2
                else Fraction(rng.choice([n for n in range(5, 100) if n % 10]), 10)
            )
            values = {"s": edge}
        elif key == "box":
            values = {k: Fraction(rng.randint(2, 15)) for k in "lwh"}
        elif key == "perimeter":
            top = 30 if tier == 1 else 20
            length, width = sorted(rng.sample(range(2, top), 2), reverse=True)
            values = {"l": Fraction(length), "w": Fraction(width)}
            if tier == 4:
                values = {k: v + Fraction(rng.randint(1, 9), 10) for k, v in values.items()}
        elif key == "distance":
            values = {"r": Fraction(rng.randint(6, 18)), "t": Fraction(rng.randint(2, 5))}
            if tier == 4:
                values["t"] = Fraction(rng.randint(3, 9), 2)
                values["r"] += Fraction(rng.choice((2, 4, 6, 8)), 10)
        elif key == "triangle":
            values = {
                "b": Fraction(rng.randint(21, 99), 10),
                "h": Fraction(rng.randint(2, 12)),
            }
        else:
            values = {"C": Fraction(rng.randint(-30, 40))}
        letters = [k for k in values]
        said = " and ".join(f"{k} = {fmt(values[k], style)}" for k in letters)
        rhs = form.formula.split(" = ")[1]
        answer = _rhs(rhs, values)
        lhs = form.formula.split(" = ")[0]
        return Draft(
            question=f"{form.sentence} What is {lhs} when {said}?",
            answer=Fraction(str(answer)),
            solution=[
                f"Put the values into {form.formula}: {said}.",
                "Work exponents first, then multiply and divide, then add.",
                f"{lhs} = {fmt(Fraction(str(answer)), style)} {form.unit}.",
            ],
            wrong=[(Fraction(str(_rhs(w, values))), why) for w, why in form.wrong],
            style=style,
        )

    def expected(self, core: ItemCore) -> Any:
        rhs = question_part(core.question, r"\w = (.+?) (?:cubic|square|feet|miles|degrees)")[0]
        said = question_part(core.question, r"What is \w when (.+)\?$")[0]
        values = {k: Fraction(v) for k, v in re.findall(r"(\w) = ([^\s?]+)", said)}
        return _rhs(rhs, values)


def _terms_text(rng: Random, v: str, w: str, count: int) -> str:
    """An expression of `count` unlike terms, with plus and minus signs between them."""
    kinds = rng.sample([v, w, f"{v}^2", f"{w}^2", ""], count)
    out = ""
    for i, kind in enumerate(kinds):
        c = rng.randint(2, 9)
        sign = "-" if i and rng.random() < 0.4 else "+"
        out += f"{c}{kind}" if i == 0 else f" {sign} {c}{kind}"
    return out


class ExpressionParts(Family):
    """Naming the parts of an expression. Tiers: the coefficient in ax + b; how many terms;
    the coefficient of x/a; the value of a sum taken as one factor of a product; a negative
    coefficient beside a square."""

    name = "expression_parts"
    topic = "6.EE.A.2.b"
    nonnegative = False
    context_hint = "the parts of a formula, such as a cost made of a fee and a price per item"
    strategy = (
        "Terms are the parts joined by plus and minus signs; a coefficient is the number "
        "that multiplies a letter."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        v, w = rng.sample(LETTERS, 2)
        a, b, c = (Fraction(n) for n in rng.sample(range(2, 13), 3))
        if tier == 2:
            count = rng.randint(3, 5)
            expr = _terms_text(rng, v, w, count)
            pieces = len(re.findall(r"\d+|[a-z]", expr))
            with_letters = len(re.findall(r"\d+[a-z]", expr))
            return Draft(
                question=f"How many terms does {expr} have?",
                answer=Fraction(count),
                solution=[
                    "Terms are the parts joined by plus and minus signs.",
                    f"{expr} has {count} of them.",
                ],
                wrong=[
                    (Fraction(count - 1), "counted the plus and minus signs"),
                    (Fraction(with_letters), "counted only the terms with letters"),
                    (Fraction(pieces), "counted every number and letter on its own"),
                    (Fraction(count + 1), "counted the whole expression as a term too"),
                ],
            )
        if tier == 4:
            at = Fraction(rng.randint(2, 12))
            return Draft(
                question=f"In {fmt(a)}({v} + {fmt(b)}), the sum {v} + {fmt(b)} is one factor. "
                f"What is the value of that factor when {v} = {fmt(at)}?",
                answer=at + b,
                solution=[
                    f"The factor is the whole sum {v} + {fmt(b)}, taken as one thing.",
                    f"{fmt(at)} + {fmt(b)} = {fmt(at + b)}.",
                ],
                wrong=[
                    (a * (at + b), "gave the value of the whole product"),
                    (at, "gave the value of the letter"),
                    (a * at + b, "multiplied only the letter"),
                ],
            )
        expr, answer, wrong = {
            1: (
                f"{fmt(a)}{v} + {fmt(b)}",
                a,
                [
                    (b, "gave the constant term"),
                    (a + b, "added the numbers"),
                    (a * b, "multiplied the numbers"),
                ],
            ),
            3: (
                f"{v}/{fmt(a)} + {fmt(b)}",
                1 / a,
                [
                    (a, "took the number it is divided by as the coefficient"),
                    (Fraction(1), "thought a letter on its own has coefficient 1"),
                    (b, "gave the constant term"),
                ],
            ),
            5: (
                f"{fmt(a)}{v}^2 - {fmt(b)}{v} + {fmt(c)}",
                -b,
                [
                    (b, "dropped the minus sign"),
                    (a, f"took the coefficient of {v}^2"),
                    (c, "gave the constant term"),
                ],
            ),
        }[tier]
        return Draft(
            question=f"What is the coefficient of {v} in {expr}?",
            answer=answer,
            solution=[
                f"The coefficient of {v} is the number that multiplies {v} alone.",
                f"In {expr} it is {fmt(answer)}.",
            ],
            wrong=wrong,
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        if q.startswith("How many terms"):
            expr = question_part(q, r"does (.+) have\?")[0]
            return sympy.Integer(len(sympy.Add.make_args(to_sympy(expr))))
        if "one factor" in q:
            factor, letter, value = question_part(
                q, r"the sum (.+) is one factor\. .+ when (\w) = (\S+)\?"
            )
            return to_sympy(factor).subs(sympy.Symbol(letter), to_sympy(value))
        letter, expr = question_part(q, r"coefficient of (\w) in (.+)\?")
        return sympy.expand(to_sympy(expr)).coeff(sympy.Symbol(letter), 1)


# (story, the expression or equation, [(a wrong one, its misconception)]), by tier:
# one step; two steps; an equation; a sum taken as a whole; decimals.
STORIES: dict[int, list[tuple[str, str, list[tuple[str, str]]]]] = {
    1: [
        (
            "Tickets cost {v} dollars each. Which expression gives the cost of {a} tickets?",
            "{a}{v}",
            [
                ("{v} + {a}", "added instead of multiplying"),
                ("{v}/{a}", "divided instead of multiplying"),
                ("{a}/{v}", "divided the number of tickets by the price"),
            ],
        ),
        (
            "Maya is {a} years older than her brother, who is {v} years old. Which expression "
            "gives Maya's age?",
            "{v} + {a}",
            [
                ("{v} - {a}", "subtracted instead of adding"),
                ("{a}{v}", "multiplied instead of adding"),
                ("{a} - {v}", "subtracted in the wrong order"),
            ],
        ),
        (
            "A rope {v} meters long is cut into {a} equal pieces. Which expression gives the "
            "length of each piece?",
            "{v}/{a}",
            [
                ("{a}/{v}", "divided in the wrong order"),
                ("{a}{v}", "multiplied instead of dividing"),
                ("{v} - {a}", "subtracted instead of dividing"),
            ],
        ),
    ],
    2: [
        (
            "A club charges {a} dollars to join and {b} dollars a month. Which expression gives "
            "the cost for {v} months?",
            "{b}{v} + {a}",
            [
                ("{a}{v} + {b}", "swapped the joining fee and the monthly fee"),
                ("({a} + {b}){v}", "added the fees before multiplying"),
                ("{a} + {b} + {v}", "added all the amounts and the letter"),
            ],
        ),
        (
            "Sam has {a} stickers and buys {v} packs of {b} stickers. Which expression gives "
            "how many stickers he has now?",
            "{a} + {b}{v}",
            [
                ("({a} + {b}){v}", "added before multiplying"),
                ("{a}{v} + {b}", "multiplied the wrong number by the packs"),
                ("{a} + {b} + {v}", "added all the amounts and the letter"),
            ],
        ),
    ],
    3: [
        (
            "Lena had x stickers. She gave away {a} and has {b} left. Which equation fits the "
            "story?",
            "x - {a} = {b}",
            [
                ("x + {a} = {b}", "added the stickers given away"),
                ("{a} - x = {b}", "subtracted in the wrong order"),
                ("{a}x = {b}", "multiplied instead of subtracting"),
            ],
        ),
        (
            "There are {a} boxes with x pencils in each box, {c} pencils in all. Which equation "
            "fits the story?",
            "{a}x = {c}",
            [
                ("x/{a} = {c}", "divided instead of multiplying"),
                ("x + {a} = {c}", "added instead of multiplying"),
                ("{c}x = {a}", "swapped the two numbers"),
            ],
        ),
    ],
    4: [
        (
            "{a} friends each buy a ticket for {v} dollars and a snack for {b} dollars. Which "
            "expression gives the total cost?",
            "{a}({v} + {b})",
            [
                ("{a}{v} + {b}", "multiplied only the ticket price"),
                ("{v} + {a}{b}", "multiplied only the snack price"),
                ("{a} + {v} + {b}", "added all the amounts and the letter"),
            ],
        ),
        (
            "A garden is {v} meters long and {a} meters wide. Which expression gives the "
            "distance around it?",
            "2({v} + {a})",
            [
                ("{v} + {a}", "added one length and one width"),
                ("2{v} + {a}", "doubled only the length"),
                ("{a}{v}", "found the area instead"),
            ],
        ),
    ],
    5: [
        (
            "Apples cost {d} dollars a pound. Ana buys {v} pounds and pays with a {c}-dollar "
            "bill. Which expression gives her change?",
            "{c} - {d}{v}",
            [
                ("{d}{v} - {c}", "subtracted in the wrong order"),
                ("({c} - {d}){v}", "subtracted before multiplying"),
                ("{c} - {d} - {v}", "subtracted the price and the pounds separately"),
            ],
        ),
        (
            "A phone plan costs {d} dollars a month plus {e} dollars for each gigabyte used. "
            "Which expression gives a month's cost when {v} gigabytes are used?",
            "{d} + {e}{v}",
            [
                ("{d}{v} + {e}", "swapped the monthly cost and the cost per gigabyte"),
                ("({d} + {e}){v}", "added before multiplying"),
                ("{d} + {e} + {v}", "added all the amounts and the letter"),
            ],
        ),
    ],
}


def _solutions(equation: str | Any) -> Any:
    """What x makes an equation true (an expression stands for itself)."""
    value = to_sympy(equation) if isinstance(equation, str) else equation
    if isinstance(value, sympy.Eq):
        return sympy.solveset(value, sympy.Symbol("x"), sympy.S.Reals)
    return value


class UnknownInStory(Family):
    """A letter for an unknown number in a story: which expression or equation fits. Tiers:
    one step; two steps; an equation for the story; a sum taken as a whole; decimals."""

    name = "unknown_in_story"
    topic = "6.EE.B.6"
    kinds = ("multiple_choice",)
    context_hint = "a story with one amount not known yet, such as a price or a count"
    strategy = (
        "Say in words how the amounts are found, then write those steps with the letter in "
        "place of the unknown."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        story, expr, wrongs = rng.choice(STORIES[tier])
        v = rng.choice(LETTERS.replace("x", ""))
        a, b = rng.sample(range(2, 13), 2)
        values = {
            "v": v,
            "a": str(a),
            "b": str(b),
            "c": str(a * rng.randint(2, 12)) if tier == 3 else str(rng.choice((10, 20, 50))),
            "d": fmt(Fraction(rng.randint(5, 40), 4), "decimal"),
            "e": fmt(Fraction(rng.randint(2, 30), 2), "decimal"),
        }
        answer = expr.format(**values)
        # an equation that a student could write another way is right however it is written:
        # a wrong one must have another solution than the answer and the other wrong ones
        seen = [_solutions(answer)]
        wrong: Wrong = []
        for text, why in wrongs:
            option = text.format(**values)
            found = _solutions(option)
            wrong.append((None if found in seen else option, why))
            seen.append(found)
        return Draft(
            question=story.format(**values),
            answer=answer,
            solution=[
                "Say how the amount is found in words, then use the letter for the unknown.",
                f"That gives {answer}.",
            ],
            wrong=wrong,
        )

    def accepts(self, value: Any, expected: Any) -> bool:
        if isinstance(value, sympy.Eq) and isinstance(expected, sympy.Eq):
            return bool(_solutions(value) == _solutions(expected))
        return super().accepts(value, expected)

    def expected(self, core: ItemCore) -> Any:
        for tier in STORIES.values():
            for story, expr, _ in tier:
                if found := re.fullmatch(_words_pattern(story), core.question):
                    named = found.groupdict()
                    named.setdefault("v", "x")
                    return to_sympy(expr.format(**named))
        raise ValueError("no story reads as the question")


# --- 6.SP.A.1: statistical questions ----------------------------------------------------------

# A question is statistical when its answers are expected to vary: many people, many things,
# or one person on many days. The others have one answer: one person once, a fixed fact, one
# count of a group, or one object.
VARY = ("group", "time", "things")
ONE = ("person", "fact", "count", "thing")
ASKED: tuple[dict[str, str], ...] = (
    {
        "group": "How many pets do the students in my class have?",
        "time": "How many minutes does Jada walk her dog each day?",
        "things": "How much do the dogs at the animal shelter weigh?",
        "person": "How many pets does Jada have?",
        "fact": "How many legs does a cat have?",
        "count": "How many students are in my class?",
        "thing": "How much does the biggest dog at the shelter weigh?",
    },
    {
        "group": "How many hours do the sixth graders at our school sleep on a school night?",
        "time": "How many hours does Omar sleep each night in March?",
        "things": "How long are the pencils in our classroom's pencil cup?",
        "person": "How many hours did Omar sleep last night?",
        "fact": "How many hours are in a day?",
        "count": "How many sixth graders go to our school?",
        "thing": "How long is the longest pencil in the cup?",
    },
    {
        "group": "How many points did the players on our team score in the last game?",
        "time": "How many points does Mia score in each game this season?",
        "things": "How far do the students in gym class throw a softball?",
        "person": "How many points did Mia score in her last game?",
        "fact": "How many players does a basketball team have on the court?",
        "count": "How many players are on our team?",
        "thing": "How high is the basketball hoop in our gym?",
    },
    {
        "group": "How many books did the students in Room 12 read this summer?",
        "time": "How many pages does Lena read each day?",
        "things": "How many pages do the books on the top shelf have?",
        "person": "How many books did Lena read this summer?",
        "fact": "How many days are in July?",
        "count": "How many books are in the school library?",
        "thing": "How many pages does the biggest book in the library have?",
    },
    {
        "group": "What was the high temperature in each town in our state yesterday?",
        "time": "What is the high temperature in our town on each day of June?",
        "things": "How tall are the trees in the town park?",
        "person": "What is the temperature outside our school right now?",
        "fact": "At what temperature, in degrees Celsius, does water freeze?",
        "count": "How many trees are in the town park?",
        "thing": "How tall is the oldest tree in the town park?",
    },
    {
        "group": "How much do the students at our school spend on lunch?",
        "time": "How many minutes does Ben wait in the lunch line each day?",
        "things": "How much do the apples in the cafeteria's basket weigh?",
        "person": "How much did Ben spend on lunch today?",
        "fact": "How many cents are in a dollar?",
        "count": "How many students eat lunch in the cafeteria today?",
        "thing": "How much does the biggest apple in the basket weigh?",
    },
)
ASKED_KIND = {text: kind for asked in ASKED for kind, text in asked.items()}


class StatisticalQuestion(Family):
    """Which question is statistical (its answers are expected to vary). Tiers: a question
    about a group against one person, a fact and a single count; one person on many days
    against one person once; many objects against one object; which is not statistical, one
    person once among three that vary; which is not statistical, a single count of a group."""

    name = "statistical_question"
    topic = "6.SP.A.1"
    kinds = ("multiple_choice",)
    context_hint = "questions a class could ask about pets, sleep, sports, books or lunch"
    strategy = (
        "Ask of each question whether you would expect different answers from different "
        "people, things or days, or just a single answer."
    )
    tiers: ClassVar[dict[int, tuple[str, tuple[str, ...]]]] = {
        1: ("group", ("person", "fact", "count")),
        2: ("time", ("person", "fact", "thing")),
        3: ("things", ("thing", "count", "person")),
        4: ("person", VARY),
        5: ("count", VARY),
    }
    why: ClassVar[dict[str, str]] = {
        "person": "chose a question about one person or place at one time, which has one answer",
        "fact": "chose a question with a fixed answer that anyone can look up",
        "count": "thought any question about a group is statistical, even with one answer",
        "thing": "chose a question about one object, which has one answer",
        "group": "thought a question about many people has just one answer",
        "time": "thought a question about one person cannot vary, even over many days",
        "things": "thought only questions about people can be statistical",
    }

    def draft(self, tier: int, rng: Random) -> Draft:
        asked = rng.choice(ASKED)
        key, others = self.tiers[tier]
        order = [key, *others]
        rng.shuffle(order)
        label = {kind: i + 1 for i, kind in enumerate(order)}
        listed = " ".join(f"Question {i + 1}: {asked[kind]}" for i, kind in enumerate(order))
        odd = key in ONE
        ask = "is not a statistical question" if odd else "is a statistical question"
        lead = "A statistical question expects answers that vary. " if tier <= 2 else ""
        return Draft(
            question=f"{lead}Which of these {ask}? {listed}",
            answer=Fraction(label[key]),
            solution=[
                "A statistical question is answered with data that vary: many people, many "
                "things, or many days.",
                *(
                    f"Question {label[kind]} "
                    + ("has answers that vary." if kind in VARY else "has just one answer.")
                    for kind in order
                ),
                f"So the answer is Question {label[key]}.",
            ],
            wrong=[(Fraction(label[kind]), self.why[kind]) for kind in others],
        )

    def expected(self, core: ItemCore) -> Any:
        listed = dict(re.findall(r"Question (\d): ([^?]+\?)", core.question))
        vary = {label for label, text in listed.items() if ASKED_KIND[text] in VARY}
        odd = "is not a statistical" in core.question
        picks = set(listed) - vary if odd else vary
        if len(listed) != 4 or len(picks) != 1:
            raise ValueError(f"not exactly one question to pick: {sorted(picks)}")
        return sympy.Integer(picks.pop())


# --- shared by the data families (6.SP.A.2 and 6.SP.B.5.a-d) ---------------------------------


class DataSet(NamedTuple):
    """Whole-number data a class could collect: what each value is, its unit, a usual range."""

    what: str  # "how many books each student read this month"
    unit: str  # "books": the dot plot's scale
    low: int
    high: int


DATA_SETS = (
    DataSet("how many books each student read this month", "books", 0, 12),
    DataSet("how many hours each student spent on homework this week", "hours", 1, 14),
    DataSet("how many goals each player scored this season", "goals", 0, 12),
    DataSet("how many minutes each bus was late", "minutes", 0, 15),
    DataSet("how many raisins were in each small box", "raisins", 20, 34),
    DataSet("how many push-ups each student did in a minute", "push-ups", 5, 20),
    DataSet("the high temperature each day for two weeks, in degrees", "degrees", 60, 75),
)


def _and_list(values: Sequence[Fraction]) -> str:
    """ "1, 2, 2 and 5": the values in order, as a sentence lists them."""
    said = [fmt(v, "decimal") for v in sorted(values)]
    return f"{', '.join(said[:-1])} and {said[-1]}"


def _dots(data: Sequence[Fraction], unit: str) -> Figure:
    """A dot plot of the data on a scale of whole fives, marked at every whole number when
    the scale is short."""
    low, high = covering(data)
    step = 1 if high - low <= 15 else None
    return dot_plot(data, low=low, high=high, step=step, unit=unit, show=show_as("decimal"))


def _shown(ds: DataSet, data: Sequence[Fraction]) -> str:
    return f"A dot plot shows {ds.what}. The dots are at {_and_list(data)}."


def dots_listed(question: str) -> list[Any]:
    """The values after "The dots are at", up to the end of that sentence."""
    part = question_part(question, r"dots are at (.+?)\.(?:\s|$)")[0]
    return [sympy.Rational(v) for v in numbers_in(part)]


def _halves(xs: Sequence[Fraction]) -> tuple[list[Fraction], list[Fraction]]:
    """The lower and upper halves of the ordered data, the median left out of both."""
    s, n = sorted(xs), len(xs)
    return s[: n // 2], s[(n + 1) // 2 :]


def _iqr(xs: Sequence[Fraction]) -> Fraction:
    lower, upper = _halves(xs)
    return median(upper) - median(lower)


def _mad(xs: Sequence[Fraction]) -> Fraction:
    center = mean(xs)
    return mean([abs(x - center) for x in xs])


def _terminates(x: Fraction) -> bool:
    d = x.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1


COUNTED = tuple(ds for ds in DATA_SETS if ds.unit in ("books", "goals", "raisins", "push-ups"))
MEASURED = tuple(ds for ds in DATA_SETS if ds.unit in ("hours", "minutes", "degrees"))


# --- 6.SP.A.2: a distribution's center, spread and shape --------------------------------------


def _peaked(rng: Random, ds: DataSet, n: int) -> list[Fraction]:
    """n values with a single tallest stack and at least four different values."""
    while True:
        data = [Fraction(rng.randint(ds.low, ds.high)) for _ in range(n)]
        counts = sorted(Counter(data).values(), reverse=True)
        if len(counts) >= 4 and counts[0] > counts[1] >= 2:
            return sorted(data)


def _with_outlier(rng: Random, ds: DataSet, n: int) -> tuple[list[Fraction], Fraction]:
    """n - 1 values bunched in part of the range, and one far from them (above or below)."""
    width = max(3, (ds.high - ds.low) // 3)
    while True:
        start = rng.randint(ds.low, ds.high - width)
        rest = [Fraction(rng.randint(start, start + width)) for _ in range(n - 1)]
        far = rng.randint(7, 12)
        up = rng.random() < 0.6 or min(rest) - far < 0
        odd = Fraction(max(rest) + far if up else min(rest) - far)
        if len(set(rest)) >= 3 and mode(rest) is not None:
            return sorted([*rest, odd]), odd


class DistributionShape(Family):
    """A distribution told by its center, spread and shape, read from a dot plot. Tiers: the
    peak (the tallest stack); the spread from the least to the greatest value; the value far
    from the rest; how wide the gap between two clusters is; the center (median) of data with
    a long tail."""

    name = "distribution_shape"
    topic = "6.SP.A.2"
    style = "decimal"
    context_hint = "data a class collected, shown as a dot plot"
    strategy = (
        "Look at the whole dot plot: where the dots pile up, how far they stretch, and any "
        "dots that sit apart from the rest."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        ds = rng.choice(DATA_SETS)
        if tier == 1:
            data = _peaked(rng, ds, rng.randint(9, 13))
            peak = mode(data)
            assert peak is not None
            tallest = Counter(data)[peak]
            return Draft(
                question=f"{_shown(ds, data)} Which value has the tallest stack of dots, the "
                "peak of the data?",
                answer=peak,
                solution=[
                    "Count the dots above each value on the scale.",
                    f"The tallest stack has {tallest} dots, above {fmt(peak)}.",
                    f"The peak is at {fmt(peak)}.",
                ],
                wrong=[
                    (Fraction(tallest), "gave how many dots are in the stack, not where it is"),
                    (max(data), "chose the greatest value, not the tallest stack"),
                    (median(data), "gave the middle value, not the peak"),
                    (min(data), "chose the least value, not the tallest stack"),
                ],
                figure=_dots(data, ds.unit),
            )
        if tier == 2:
            data = sorted(Fraction(rng.randint(ds.low, ds.high)) for _ in range(rng.randint(8, 12)))
            if max(data) - min(data) < 4:
                return self.draft(tier, rng)
            spread = max(data) - min(data)
            return Draft(
                question=f"{_shown(ds, data)} How far do the data spread, from the least "
                "value to the greatest?",
                answer=spread,
                solution=[
                    "Find the least and the greatest values on the plot.",
                    f"The data go from {fmt(min(data))} to {fmt(max(data))}.",
                    f"{fmt(max(data))} - {fmt(min(data))} = {fmt(spread)}.",
                ],
                wrong=[
                    (max(data), "gave the greatest value, not how far the data spread"),
                    (Fraction(len(data)), "counted the dots instead"),
                    (max(data) + min(data), "added the least and greatest values"),
                    (Fraction(len(set(data))), "counted the stacks instead"),
                ],
                figure=_dots(data, ds.unit),
            )
        if tier == 3:
            data, odd = _with_outlier(rng, ds, rng.randint(9, 12))
            rest = [x for x in data if x != odd]
            other_end = min(data) if odd == max(data) else max(data)
            near = max(rest) if odd == max(data) else min(rest)
            return Draft(
                question=f"{_shown(ds, data)} Most dots are close together. Which value sits "
                "far from the rest?",
                answer=odd,
                solution=[
                    "Look for where most dots pile up, then for a dot far from that pile.",
                    f"Most values are from {fmt(min(rest))} to {fmt(max(rest))}.",
                    f"The value {fmt(odd)} sits far from them.",
                ],
                wrong=[
                    (other_end, "chose the value at the other end of the data"),
                    (mode(rest), "chose the peak, where the most dots are"),
                    (near, "chose the end of the main pile, not the value past it"),
                ],
                figure=_dots(data, ds.unit),
            )
        if tier == 4:
            while True:
                width = rng.randint(2, 4)
                a = rng.randint(ds.low, ds.high - 2 * width - 4)
                b = a + width + rng.randint(5, 8)  # wider than any step inside a group
                lower = [Fraction(rng.randint(a, a + width)) for _ in range(rng.randint(4, 6))]
                upper = [Fraction(rng.randint(b, b + width)) for _ in range(rng.randint(4, 6))]
                if b + width <= ds.high + 6 and len(set(lower)) >= 2 and len(set(upper)) >= 2:
                    break
            data = sorted(lower + upper)
            end, start = max(lower), min(upper)
            gap = start - end
            return Draft(
                question=f"{_shown(ds, data)} The dots form two groups with a gap between "
                "them. How wide is the gap, from the last dot of the lower group to the first "
                "dot of the upper group?",
                answer=gap,
                solution=[
                    "Find the greatest value of the lower group and the least value of the "
                    "upper group.",
                    f"They are {fmt(end)} and {fmt(start)}.",
                    f"{fmt(start)} - {fmt(end)} = {fmt(gap)}.",
                ],
                wrong=[
                    (gap - 1, "counted the empty values between, not the distance"),
                    (max(data) - min(data), "gave the spread of all the data"),
                    (start, "gave where the gap ends, not how wide it is"),
                    (end, "gave where the gap starts, not how wide it is"),
                ],
                figure=_dots(data, ds.unit),
            )
        while True:  # a pile at the low end and a long tail to the high end
            n = rng.choice((8, 10, 12))
            width = ds.high - ds.low
            pile = [Fraction(ds.low + rng.randint(0, width // 3)) for _ in range(n - 3)]
            tail = [Fraction(ds.low + rng.randint(width // 2, width + 4)) for _ in range(3)]
            data = sorted(pile + tail)
            center, average = median(data), mean(data)
            peak = mode(data)
            middle = (min(data) + max(data)) / 2
            if peak is not None and average - center >= 1 and len({center, peak, middle}) == 3:
                break
        lows = sorted(data)[n // 2 - 1]
        return Draft(
            question=f"{_shown(ds, data)} The data have a long tail to the right. What is the "
            "median, the center of the data?",
            answer=center,
            solution=[
                f"There are {n} values, so the center is halfway between the two middle values.",
                f"The two middle values are {fmt(sorted(data)[n // 2 - 1])} and "
                f"{fmt(sorted(data)[n // 2])}.",
                f"The median is {fmt(center, 'decimal')}.",
            ],
            wrong=[
                (peak, "gave the peak, not the center"),
                (middle, "took the middle of the least and greatest values"),
                (average if _terminates(average) else None, "gave the mean, which the tail pulls"),
                (lows if lows != center else None, "took only one of the two middle values"),
            ],
            figure=_dots(data, ds.unit),
        )

    def expected(self, core: ItemCore) -> Any:
        data = dots_listed(core.question)
        q = core.question
        if "tallest stack" in q:
            counts = Counter(data)
            top = max(counts.values())
            (peak,) = [v for v, c in counts.items() if c == top]
            return peak
        if "least value to the greatest" in q:
            return sympy.Max(*data) - sympy.Min(*data)
        if "far from the rest" in q:
            center = _sym_spread(data, "median")
            return max(data, key=lambda v: abs(v - center))
        if "gap" in q:
            s = sorted(data)
            return max(b - a for a, b in zip(s, s[1:], strict=False))
        return _sym_spread(data, "median")


# --- 6.SP.B.5.a: the number of observations ---------------------------------------------------


class Binned(NamedTuple):
    """Data a histogram groups into bins of equal width."""

    what: str  # "how many minutes each student read last night"
    who: str  # what one observation is about, plural: "students"
    unit: str
    start: int
    width: int


BINNED = (
    Binned("how many minutes each student read last night", "students", "minutes", 0, 10),
    Binned("the ages of the people at a park", "people", "years", 0, 10),
    Binned("how many points each player scored this season", "players", "points", 0, 20),
    Binned("the heights of the plants in a garden, in inches", "plants", "inches", 10, 5),
    Binned("how many texts each student sent in a day", "students", "texts", 0, 10),
)


def _stacks(data: Sequence[Fraction]) -> str:
    """ "3 dots at 4, 1 dot at 5 and 2 dots at 7": each value and how many dots it has."""
    said = [
        f"{c} {'dot' if c == 1 else 'dots'} at {fmt(v, 'decimal')}"
        for v, c in sorted(Counter(data).items())
    ]
    return f"{', '.join(said[:-1])} and {said[-1]}"


def _bars(b: Binned, counts: Sequence[int]) -> tuple[list[tuple[int, int, int]], str]:
    bins = [
        (b.start + i * b.width, b.start + (i + 1) * b.width - 1, c) for i, c in enumerate(counts)
    ]
    said = " ".join(f"The bar for {lo} to {hi} is {c} tall." for lo, hi, c in bins)
    return bins, said


class ObservationCount(Family):
    """How many observations a display shows. Tiers: the dots of a small dot plot; the bars of
    a histogram added; the values recorded when some planned ones were missed; the
    observations at or above a value on a histogram; that share as a percent of all of them."""

    name = "observation_count"
    topic = "6.SP.B.5.a"
    context_hint = "data shown in a dot plot or histogram, with one mark or count per observation"
    strategy = (
        "Each dot, or each count a bar stands for, is an observation: add them up rather than "
        "counting stacks or bars."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier in (1, 3):
            ds = rng.choice(COUNTED if tier == 1 else MEASURED)
            while True:
                values: list[int | Fraction] = list(
                    rng.sample(range(ds.low, ds.high + 1), rng.randint(3, 5))
                )
                if tier == 3:  # halves: each value is a whole or half unit
                    values = [v + rng.choice((0, Fraction(1, 2))) for v in values]
                data = [Fraction(v) for v in values for _ in range(rng.randint(1, 4))]
                if len(set(Counter(data).values())) >= 2 and len(data) >= 6:
                    break
            n = len(data)
            tallest = max(Counter(data).values())
            asked = n + rng.randint(2, 5)
            head = f"A dot plot shows {ds.what}. It has {_stacks(data)}."
            if tier == 3:
                head = (
                    f"A class planned to record {asked} values but missed a few. {head} Each "
                    "dot is one value recorded."
                )
            return Draft(
                question=f"{head} How many observations are in the data set?",
                answer=Fraction(n),
                solution=[
                    "Each dot is one observation, so add the dots in every stack.",
                    f"{' + '.join(str(c) for _, c in sorted(Counter(data).items()))} = {n}.",
                ],
                wrong=[
                    (
                        Fraction(asked) if tier == 3 else None,
                        "counted the values planned, not the values recorded",
                    ),
                    (Fraction(len(set(data))), "counted the stacks, not the dots"),
                    (Fraction(tallest), "gave the tallest stack only"),
                    (max(data), "gave the greatest value on the scale"),
                    (sum(set(data), Fraction(0)), "added the values instead of the dots"),
                ],
                figure=_dots(data, ds.unit),
            )
        b = rng.choice(BINNED)
        counts = [rng.randint(1, 9) for _ in range(3 if tier == 2 else 5)]
        if tier == 5:  # a total that makes whole-number percents
            total = rng.choice((20, 25, 50))
            while True:
                counts = [rng.randint(1, 15) for _ in range(4)]
                if sum(counts) < total:
                    counts.append(total - sum(counts))
                    if counts[-1] <= 15:
                        break
        bins, said = _bars(b, counts)
        total = sum(counts)
        head = f"A histogram shows {b.what}. {said}"
        if tier == 2:
            return Draft(
                question=f"{head} How many observations does the histogram show?",
                answer=Fraction(total),
                solution=[
                    "Each bar's height is how many observations fall in that bin.",
                    f"{' + '.join(str(c) for c in counts)} = {total}.",
                ],
                wrong=[
                    (Fraction(len(bins)), "counted the bars, not the observations"),
                    (Fraction(max(counts)), "gave the tallest bar only"),
                    (Fraction(total - counts[-1]), "left out the last bar"),
                    (Fraction(bins[-1][1]), "gave the greatest value on the scale"),
                ],
                figure=histogram(bins, unit=b.unit),
            )
        k = rng.randint(2, 3) if tier == 4 else rng.randint(1, 3)
        cut = bins[k][0]
        part = sum(counts[k:])
        before = sum(counts[k - 1 :])
        if tier == 4:
            return Draft(
                question=f"{head} How many observations are {cut} or more?",
                answer=Fraction(part),
                solution=[
                    f"The bars from {cut} up hold the observations that are {cut} or more.",
                    f"{' + '.join(str(c) for c in counts[k:])} = {part}.",
                ],
                wrong=[
                    (Fraction(total), "counted every observation"),
                    (Fraction(before), f"also counted the bar that ends below {cut}"),
                    (Fraction(len(bins) - k), "counted the bars, not the observations"),
                    (Fraction(total - part), f"counted the observations below {cut}"),
                ],
                figure=histogram(bins, unit=b.unit),
            )
        share = Fraction(100 * part, total)
        return Draft(
            question=f"{head} What percent of the observations are {cut} or more?",
            answer=share,
            solution=[
                f"Add all the bars for the number of observations: {total}.",
                f"The bars from {cut} up hold {part} of them.",
                f"{part} ÷ {total} = {fmt(share / 100, 'decimal')}, which is {fmt(share)}%.",
            ],
            wrong=[
                (Fraction(part), "gave how many, not what percent"),
                (100 - share, f"found the percent below {cut}"),
                (Fraction(part, total), "did not change the fraction to a percent"),
                (Fraction(100 * part, len(bins)), "divided by the number of bars"),
            ],
            figure=histogram(bins, unit=b.unit),
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        if "histogram" not in q:
            stacks = re.findall(r"(\d+) dots? at ", q)
            return sympy.Add(*(sympy.Integer(c) for c in stacks))
        bars = [
            (sympy.Integer(lo), sympy.Integer(c))
            for lo, _, c in re.findall(r"bar for (\d+) to (\d+) is (\d+) tall", q)
        ]
        every = sympy.Add(*(c for _, c in bars))
        if " or more?" not in q:
            return every
        cut = sympy.Integer(question_part(q, r"are (\d+) or more\?")[0])
        some = sympy.Add(*(c for lo, c in bars if lo >= cut))
        return some * 100 / every if "percent" in q else some


# --- 6.SP.B.5.b: what was measured, how, and in what units ------------------------------------


class Study(NamedTuple):
    """A class measures something; the facts a description of its data must get right, and
    the mix-ups a wrong description makes."""

    story: str  # what was done, told with the tool and the unit
    also: str  # a second measurement in the same study (tier 5)
    plotted: str  # what the dot plot is called
    attribute: str  # "the height of one plant"
    tool: str
    unit: str
    big_unit: str  # a unit far too large for the values
    other_tool: str  # a tool that measures something else
    counted: str  # the count of the things measured
    single: str  # one value of the data set
    person: str  # something else in the story
    story_unit: str  # the unit of another number in the story
    also_attribute: str
    also_tool: str
    also_unit: str
    low: int
    high: int


STUDIES = (
    Study(
        "Each student in a class grew a bean plant for 3 weeks. Then each student measured "
        "how tall their plant was with a ruler marked in centimeters.",
        "They also weighed each plant's pot on a kitchen scale, in grams.",
        "plant heights",
        "the height of one plant",
        "a ruler",
        "centimeters",
        "meters",
        "a kitchen scale",
        "the number of plants in the class",
        "the height of the tallest plant",
        "the height of one student",
        "weeks",
        "the weight of one pot",
        "a kitchen scale",
        "grams",
        8,
        20,
    ),
    Study(
        "Students in a gym class each ran one lap of a 400-meter track. A coach timed each "
        "runner with a stopwatch that counts seconds.",
        "The coach also measured how tall each runner was with a tape measure, in inches.",
        "lap times",
        "the time one student took to run a lap",
        "a stopwatch",
        "seconds",
        "hours",
        "a tape measure",
        "the number of students who ran",
        "the time of the fastest runner",
        "the length of the track",
        "meters",
        "the height of one runner",
        "a tape measure",
        "inches",
        62,
        80,
    ),
    Study(
        "A farmer picked apples from a tree that is 12 years old. She weighed each apple on a "
        "kitchen scale that shows grams.",
        "She also measured around each apple with a tape measure, in centimeters.",
        "apple weights",
        "the weight of one apple",
        "a kitchen scale",
        "grams",
        "kilograms",
        "a ruler",
        "the number of apples she picked",
        "the weight of the heaviest apple",
        "the height of the tree",
        "years",
        "the distance around one apple",
        "a tape measure",
        "centimeters",
        140,
        160,
    ),
    Study(
        "A weather club set out a rain gauge marked in millimeters. They read it at the end "
        "of each day for 2 weeks.",
        "They also read a thermometer at noon each day, in degrees Fahrenheit.",
        "rain amounts",
        "the rain that fell on one day",
        "a rain gauge",
        "millimeters",
        "meters",
        "a thermometer",
        "the number of days it rained",
        "the rain on the wettest day",
        "the number of club members",
        "weeks",
        "the temperature at noon on one day",
        "a thermometer",
        "degrees Fahrenheit",
        0,
        14,
    ),
    Study(
        "Students in a class each did a standing long jump on a mat 10 feet long. A partner "
        "measured each jump with a tape measure, in inches.",
        "Each partner also timed a short sprint with a stopwatch, in seconds.",
        "jump lengths",
        "the length of one student's jump",
        "a tape measure",
        "inches",
        "miles",
        "a stopwatch",
        "the number of students who jumped",
        "the length of the longest jump",
        "the height of one student",
        "feet",
        "the time of one student's sprint",
        "a stopwatch",
        "seconds",
        40,
        55,
    ),
)
STUDY_BY_STORY = {s.story: s for s in STUDIES}


def _described(attribute: str, how: str, unit: str) -> str:
    return f"Each value is {attribute}, {how}, in {unit}."


class AttributeMeasured(Family):
    """Which sentence says what the data measure, how, and in what unit. Tiers: what each
    value is, against a count, one value and something else in the story; the unit, against
    one too large, the things counted and another number's unit; the tool, against counting,
    guessing and a tool for something else; one mistake in each wrong sentence; a story with
    a second measurement, whose attribute, tool and unit a wrong sentence borrows."""

    name = "attribute_measured"
    topic = "6.SP.B.5.b"
    kinds = ("multiple_choice",)
    context_hint = "a class project that measures something and plots the values"
    strategy = (
        "Say what each dot stands for, what tool found it, and the unit that tool shows; "
        "then find the choice that says all of these."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        s = rng.choice(STUDIES)
        data = [Fraction(rng.randint(s.low, s.high)) for _ in range(rng.randint(6, 9))]
        how = f"measured with {s.tool}"
        key = _described(s.attribute, how, s.unit)
        wrong: list[tuple[str, str]] = {
            1: [
                (
                    _described(s.counted, how, s.unit),
                    "described the count of dots, not what each dot measures",
                ),
                (_described(s.single, how, s.unit), "described one value, not every value"),
                (_described(s.person, how, s.unit), "described something else in the story"),
            ],
            2: [
                (
                    _described(s.attribute, how, s.big_unit),
                    "chose a unit far too large for these values",
                ),
                (
                    _described(s.attribute, how, s.story_unit),
                    "chose the unit of another number in the story",
                ),
                (
                    _described(s.attribute, how, s.counted.split()[3]),
                    "gave what was counted, not the unit",
                ),
            ],
            3: [
                (
                    _described(s.attribute, f"measured with {s.other_tool}", s.unit),
                    "chose a tool that measures something else",
                ),
                (
                    _described(s.attribute, "found by counting", s.unit),
                    "mixed up measuring with counting",
                ),
                (
                    _described(s.attribute, "found by asking people to guess", s.unit),
                    "thought the values came from a survey",
                ),
            ],
            4: [
                (
                    _described(s.counted, how, s.unit),
                    "described the count of dots, not what each dot measures",
                ),
                (
                    _described(s.attribute, how, s.big_unit),
                    "chose a unit far too large for these values",
                ),
                (
                    _described(s.attribute, f"measured with {s.other_tool}", s.unit),
                    "chose a tool that measures something else",
                ),
            ],
            5: [
                (
                    _described(s.also_attribute, f"measured with {s.also_tool}", s.also_unit),
                    "described the other measurement in the story, not the plotted one",
                ),
                (
                    _described(s.attribute, f"measured with {s.also_tool}", s.also_unit),
                    "mixed up the tools of the two measurements",
                ),
                (
                    _described(s.attribute, how, s.big_unit),
                    "chose a unit far too large for these values",
                ),
            ],
        }[tier]
        order = [key, *(text for text, _ in wrong)]
        rng.shuffle(order)
        label = {text: i + 1 for i, text in enumerate(order)}
        story = f"{s.story} {s.also}" if tier == 5 else s.story
        choices = " ".join(f"Choice {i + 1}: {text}" for i, text in enumerate(order))
        return Draft(
            question=f"{story} A dot plot shows the {s.plotted}: {_and_list(data)}. Which "
            f"choice describes the data? {choices}",
            answer=Fraction(label[key]),
            solution=[
                f"Each dot is {s.attribute}.",
                f"It was measured with {s.tool}, and the values are in {s.unit}.",
                f"Choice {label[key]} says all of this.",
            ],
            wrong=[(Fraction(label[text]), why) for text, why in wrong],
            figure=_dots(data, s.unit),
        )

    def expected(self, core: ItemCore) -> Any:
        story = next(s for text, s in STUDY_BY_STORY.items() if core.question.startswith(text))
        right = _described(story.attribute, f"measured with {story.tool}", story.unit)
        choices = dict(re.findall(r"Choice (\d): (Each value is [^.]+\.)", core.question))
        (label,) = [k for k, text in choices.items() if text == right]
        return sympy.Integer(label)


# --- 6.SP.B.5.c: measures of center and variability, and striking deviations -----------------


def _whole_mean(rng: Random, ds: DataSet, n: int) -> list[Fraction]:
    """n values in the data set's range, at least three different, with a whole-number mean."""
    while True:
        data = [Fraction(rng.randint(ds.low, ds.high)) for _ in range(n)]
        if len(set(data)) >= 3 and mean(data).denominator == 1:
            return data


class SummaryInContext(Family):
    """Measures of center and variability for data in context, and a value that breaks the
    pattern. Tiers: the median of a dot plot; the interquartile range of a box plot; the mean
    of a dot plot; the mean absolute deviation; the mean once a value far from the rest is set
    aside."""

    name = "summary_in_context"
    topic = "6.SP.B.5.c"
    style = "decimal"
    context_hint = "a class's data summarized by a typical value and how much the values vary"
    strategy = (
        "Decide whether the question wants a center or a spread, then use every value the "
        "plot shows, in order."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        ds = rng.choice(DATA_SETS)
        if tier == 2:
            return self._box(ds, rng)
        if tier == 1:
            data = [Fraction(rng.randint(ds.low, ds.high)) for _ in range(rng.choice((7, 9)))]
            s, n = sorted(data), len(data)
            if len(set(data)) < 4:
                return self.draft(tier, rng)
            center = median(data)
            return Draft(
                question=f"{_shown(ds, data)} What is the median of the data?",
                answer=center,
                solution=[
                    f"There are {n} values; the median is the one in the middle.",
                    f"Counting from either end, the middle value is {fmt(center)}.",
                ],
                wrong=[
                    (mean(data) if _terminates(mean(data)) else None, "gave the mean instead"),
                    (Fraction(n + 1, 2), "gave the place of the middle value, not the value"),
                    ((s[0] + s[-1]) / 2, "took the middle of the least and greatest values"),
                    (mode(data), "gave the value with the most dots"),
                    (s[n // 2 - 1], "counted one dot too few from the left"),
                ],
                figure=_dots(data, ds.unit),
            )
        if tier == 3:
            data = _whole_mean(rng, ds, rng.randint(5, 8))
            n, total = len(data), sum(data, Fraction(0))
            return Draft(
                question=f"{_shown(ds, data)} What is the mean of the data?",
                answer=mean(data),
                solution=[
                    f"Add the values: the total is {fmt(total)}.",
                    f"Share the total over the {n} values: {fmt(total)} ÷ {n} = {fmt(mean(data))}.",
                ],
                wrong=[
                    (median(data), "gave the median instead"),
                    (total, "added the values but did not divide"),
                    (total / (n - 1), "divided by one less than the number of values"),
                    (total / len(set(data)), "divided by the number of stacks, not of dots"),
                ],
                figure=_dots(data, ds.unit),
            )
        if tier == 4:
            while True:
                data = _whole_mean(rng, ds, rng.choice((4, 5, 8)))
                spread = _mad(data)
                if spread > 0 and _terminates(spread):
                    break
            center = mean(data)
            gaps = [abs(x - center) for x in sorted(data)]
            return Draft(
                question=f"{_shown(ds, data)} What is the mean absolute deviation of the data?",
                answer=spread,
                solution=[
                    f"The mean is {fmt(center)}.",
                    f"Each value's distance from the mean: {listing([fmt(g) for g in gaps])}.",
                    f"The mean of these distances is {fmt(spread, 'decimal')}.",
                ],
                wrong=[
                    (center, "gave the mean, a measure of center, not of spread"),
                    (sum(gaps, Fraction(0)), "added the distances but did not divide"),
                    (max(data) - min(data), "gave the range"),
                    (
                        mean([abs(x - median(data)) for x in data]),
                        "measured distances from the median, not the mean",
                    ),
                ],
                figure=_dots(data, ds.unit),
            )
        while True:
            n = rng.choice((6, 7, 9))
            rest = _whole_mean(rng, ds, n - 1)
            odd = Fraction(max(rest) + rng.randint(20, 40))
            data = [*rest, odd]
            if _terminates(mean(data)) and mean(data) != mean(rest):
                break
        kept = mean(rest)
        return Draft(
            question=f"{_shown(ds, data)} The value {fmt(odd)} is far above the rest; it may "
            "be a mistake. Set it aside. What is the mean of the other values?",
            answer=kept,
            solution=[
                f"Leave out {fmt(odd)}; {n - 1} values are left.",
                f"They add to {fmt(sum(rest, Fraction(0)))}, so their mean is "
                f"{fmt(sum(rest, Fraction(0)))} ÷ {n - 1} = {fmt(kept)}.",
            ],
            wrong=[
                (mean(data), "kept the far value in the mean"),
                (sum(rest, Fraction(0)) / n, "left the value out but still divided by every value"),
                (median(rest), "gave the median of the other values"),
                (
                    mean(data) - kept if mean(data) - kept != kept else None,
                    "gave how much the far value moves the mean",
                ),
            ],
            figure=_dots(data, ds.unit),
        )

    def _box(self, ds: DataSet, rng: Random) -> Draft:
        while True:
            cuts = sorted(rng.sample(range(ds.low, ds.high + 16), 5))
            if min(b - a for a, b in zip(cuts, cuts[1:], strict=False)) >= 2:
                break
        lo, q1, med, q3, hi = (Fraction(c) for c in cuts)
        answer = q3 - q1
        return Draft(
            question=f"A box plot shows {ds.what}. The least value is {fmt(lo)}, the lower "
            f"quartile is {fmt(q1)}, the median is {fmt(med)}, the upper quartile is {fmt(q3)} "
            f"and the greatest value is {fmt(hi)}. What is the interquartile range?",
            answer=answer,
            solution=[
                "The interquartile range is the length of the box: upper quartile minus lower "
                "quartile.",
                f"{fmt(q3)} - {fmt(q1)} = {fmt(answer)}.",
            ],
            wrong=[
                (hi - lo, "gave the range, from the least to the greatest value"),
                (q3 - med, "subtracted the median from the upper quartile"),
                (q3, "gave the upper quartile"),
                (med - q1, "subtracted the lower quartile from the median"),
            ],
            figure=box_plot(
                (lo, q1, med, q3, hi), low=covering(cuts)[0], high=covering(cuts)[1], show=fmt
            ),
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        if q.startswith("A box plot"):
            five = {
                name: sympy.Rational(v)
                for name, v in re.findall(r"the (lower|upper) quartile is (\d+)", q)
            }
            return five["upper"] - five["lower"]
        data = dots_listed(q)
        if "Set it aside" in q:
            odd = sympy.Rational(question_part(q, r"The value (\d+) is far above")[0])
            data.remove(odd)
            return _sym_spread(data, "mean")
        measure = question_part(q, r"What is the (median|mean absolute deviation|mean) of")[0]
        return _sym_spread(data, measure)


# --- 6.SP.B.5.d: choosing measures that fit the shape of the data -----------------------------


def _lopsided(rng: Random, ds: DataSet, n: int, far: bool) -> list[Fraction]:
    """n values bunched low with either one value far above them (`far`) or a long tail of a
    few high values, with a terminating mean that is at least one above the median."""
    while True:
        span = max(4, (ds.high - ds.low) // 3)
        if far:
            body = [Fraction(rng.randint(ds.low, ds.low + span)) for _ in range(n - 1)]
            data = [*body, Fraction(max(body) + rng.randint(15, 30))]
        else:
            body = [Fraction(rng.randint(ds.low, ds.low + span)) for _ in range(n - 3)]
            tail = [Fraction(ds.low + span + rng.randint(3, 6) * k) for k in (1, 2, 3)]
            data = [*body, *tail]
        if (
            len(set(data)) >= 4
            and _terminates(mean(data))
            and mean(data) - median(data) >= 1
            and _iqr(data) > 0
        ):
            return sorted(data)


def _even(rng: Random, ds: DataSet) -> list[Fraction]:
    """Data that mirror around a whole-number center: 5 values (a pair, a pair, the center)
    or 8 values (four pairs), so the mean absolute deviation is a short decimal."""
    while True:
        center = rng.randint(ds.low + 5, ds.high - 5)  # every value stays in range
        pairs = 2 if rng.random() < 0.5 else 4
        offsets = [rng.randint(1, 5) for _ in range(pairs)]
        data = [Fraction(center + d * side) for d in offsets for side in (1, -1)]
        if pairs == 2:
            data.append(Fraction(center))
        if len(set(data)) >= 4 and _iqr(data) != _mad(data):
            return sorted(data)


class ChooseMeasure(Family):
    """Choosing the measure of center or variability that fits the shape of the data, and
    giving its value. Tiers: center with one value far from the rest (the median); spread
    with one value far from the rest (the interquartile range); center with a long tail (the
    median); spread of data that mirror around their center (the mean absolute deviation); a
    typical value in context, no measures named."""

    name = "choose_measure"
    topic = "6.SP.B.5.d"
    style = "decimal"
    context_hint = "deciding which summary of a class's data tells what is typical"
    strategy = (
        "Look at the shape first: a lopsided plot or a value far from the rest calls for the "
        "median and the interquartile range; a plot that mirrors itself suits the mean and "
        "the mean absolute deviation."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        ds = rng.choice(DATA_SETS)
        if tier == 4:
            data = _even(rng, ds)
            spread, center = _mad(data), mean(data)
            return Draft(
                question=f"{_shown(ds, data)} The plot is the same on both sides of its center "
                "and has no values far from the rest. Which measure of spread fits better, the "
                "interquartile range or the mean absolute deviation? Give its value.",
                answer=spread,
                solution=[
                    "Data that mirror around the center, with no far values, are summed up "
                    "well by the mean and the mean absolute deviation.",
                    f"The mean is {fmt(center)}; the distances from it are "
                    f"{listing([fmt(abs(x - center)) for x in data])}.",
                    f"Their mean, the mean absolute deviation, is {fmt(spread, 'decimal')}.",
                ],
                wrong=[
                    (_iqr(data), "chose the interquartile range, which suits lopsided data"),
                    (max(data) - min(data), "gave the range, not either measure named"),
                    (center, "gave the mean, a measure of center, not of spread"),
                ],
                figure=_dots(data, ds.unit),
            )
        far = tier in (1, 2, 5)
        n = rng.choice((8, 10)) if tier == 2 else rng.choice((7, 8, 9, 10))
        data = _lopsided(rng, ds, n, far)
        center, average, spread = median(data), mean(data), _iqr(data)
        shape = (
            "One value is far from the rest."
            if far
            else "Most values are low, with a long tail of high values."
        )
        middle = (min(data) + max(data)) / 2
        if tier == 2:
            return Draft(
                question=f"{_shown(ds, data)} {shape} Which measure of spread fits better, the "
                "interquartile range or the mean absolute deviation? Give its value.",
                answer=spread,
                solution=[
                    "A value far from the rest pulls the mean and the mean absolute deviation; "
                    "the interquartile range uses only the middle half of the data.",
                    "Order the data and find the median of each half.",
                    f"The interquartile range is {fmt(spread, 'decimal')}.",
                ],
                wrong=[
                    (
                        _mad(data) if _terminates(_mad(data)) else None,
                        "chose the mean absolute deviation, which the far value pulls",
                    ),
                    (max(data) - min(data), "gave the range, which the far value stretches"),
                    (center, "gave the median, a measure of center, not of spread"),
                    (average, "gave the mean, a measure of center, not of spread"),
                ],
                figure=_dots(data, ds.unit),
            )
        ask = (
            "What single value best tells what is typical? Use the measure of center that fits "
            "the shape."
            if tier == 5
            else "Which measure of center fits better, the mean or the median? Give its value."
        )
        return Draft(
            question=f"{_shown(ds, data)} {'' if tier == 5 else shape + ' '}{ask}",
            answer=center,
            solution=[
                "A value far from the rest, or a long tail, pulls the mean toward it; the "
                "median stays with the middle of the data.",
                f"There are {len(data)} values; the median is in the middle of the ordered data.",
                f"The median is {fmt(center, 'decimal')}.",
            ],
            wrong=[
                (average, "chose the mean, which the far values pull"),
                (middle, "took the middle of the least and greatest values"),
                (mode(data), "gave the value with the most dots"),
                (
                    mean([x for x in data if x != max(data)]) if far else None,
                    "dropped the far value and took the mean of the rest",
                ),
            ],
            figure=_dots(data, ds.unit),
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        data = dots_listed(q)
        mirrored = "same on both sides" in q
        if "measure of spread" in q:
            measure = "mean absolute deviation" if mirrored else "interquartile range"
        else:
            measure = "mean" if mirrored else "median"
        return _sym_spread(data, measure)


FAMILIES: tuple[type[Family], ...] = (
    NumberLinePosition,
    PlanePosition,
    OrderInContext,
    AbsoluteOrOrder,
    WriteExpression,
    FormulaValue,
    ExpressionParts,
    UnknownInStory,
    StatisticalQuestion,
    DistributionShape,
    ObservationCount,
    AttributeMeasured,
    SummaryInContext,
    ChooseMeasure,
)
