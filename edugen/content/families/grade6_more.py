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
        "A debt's size or a depth is a distance from zero: compare absolute values for "
        "size, and positions on the number line for order."
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


FAMILIES: tuple[type[Family], ...] = (
    NumberLinePosition,
    PlanePosition,
    OrderInContext,
    AbsoluteOrOrder,
)
