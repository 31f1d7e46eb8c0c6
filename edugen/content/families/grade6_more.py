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
from fractions import Fraction
from functools import partial
from random import Random
from typing import Any, NamedTuple

import sympy

from edugen.content.cores import ItemCore
from edugen.content.families.base import Answer, Draft, Family, question_part
from edugen.content.families.common import Style, fmt, to_sympy
from edugen.content.figures.grade6_more_figs import lettered_grid, lettered_line
from edugen.content.figures.lines import listing

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


FAMILIES: tuple[type[Family], ...] = (
    NumberLinePosition,
    PlanePosition,
    OrderInContext,
    AbsoluteOrOrder,
    WriteExpression,
    FormulaValue,
    ExpressionParts,
    UnknownInStory,
)
