"""Grade-5 families for measurement and data, and geometry (5.MD, 5.G).

Volume items about boxes of unit cubes say the box's size in cubes in words and numbers, so
a student who cannot see the picture can solve them; the picture draws every cube's edges.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from random import Random
from typing import Any

import sympy

from edugen.content.cores import ItemCore
from edugen.content.families.base import Answer, Draft, Family, question_part
from edugen.content.families.common import dec, fmt, to_sympy
from edugen.content.figures import coordinate_plane
from edugen.content.figures.grade5_figs import cube_box, two_boxes

Wrong = list[tuple[Answer | None, str]]
Box = tuple[int, int, int]


def _box_wrongs(box: Box) -> Wrong:
    """What a student who counts a box of cubes wrongly gets, most telling first."""
    ln, wd, ht = box
    seen = ln * ht + wd * ht + ln * wd - ln - wd - ht + 1
    return [
        (Fraction(seen), "counted only the cubes that can be seen"),
        (Fraction(ln * wd), "counted only the bottom layer"),
        (Fraction(ln * ht), "counted only the front face"),
        (Fraction(2 * (ln * wd + wd * ht + ln * ht)), "counted the squares on the outside"),
        (Fraction(ln + wd + ht), "added the edge lengths"),
    ]


def _dims(rng: Random, tier: int) -> Box:
    """A box's size in cubes (long, deep, tall); tier 1 is one or two layers."""
    if tier == 1:
        return rng.randint(2, 10), rng.randint(2, 6), rng.randint(1, 2)
    top = {2: 5, 3: 6, 4: 8, 5: 10}[tier]
    return rng.randint(2, top), rng.randint(2, min(top, 6)), rng.randint(2, top)


def _said_box(text: str) -> Box:
    """(long, deep, tall) from "... 4 cubes long, 3 cubes deep and 2 cubes tall"."""
    ln, wd, ht = question_part(text, r"(\d+) cubes? long, (\d+) cubes? deep and (\d+) cubes? tall")
    return int(ln), int(wd), int(ht)


def _size(box: Box) -> str:
    ln, wd, ht = (f"{v} cube{'s' if v > 1 else ''}" for v in box)
    return f"{ln} long, {wd} deep and {ht} tall"


# --- 5.MD.A.1: converting units within one system ---------------------------------------------

# (larger unit, smaller unit, how many smaller in one larger)
METRIC = (
    ("kilometers", "meters", 1000),
    ("meters", "centimeters", 100),
    ("meters", "millimeters", 1000),
    ("centimeters", "millimeters", 10),
    ("kilograms", "grams", 1000),
    ("liters", "milliliters", 1000),
)
CUSTOMARY = (
    ("feet", "inches", 12),
    ("yards", "feet", 3),
    ("yards", "inches", 36),
    ("pounds", "ounces", 16),
    ("gallons", "quarts", 4),
    ("quarts", "pints", 2),
    ("hours", "minutes", 60),
)


class MeasureConversion(Family):
    """Converting units within one system. Tiers: a larger unit to a smaller one, whole
    numbers; a smaller metric unit to a larger one (a decimal); a measure in two units to
    the smaller unit; a decimal in a larger metric unit to a smaller one; two-step stories
    (pieces cut from a length, or daily amounts added up)."""

    name = "measure_conversion"
    topic = "5.MD.A.1"
    style = "decimal"
    context_hint = "lengths, weights, capacities and times in recipes, races and crafts"
    strategy = (
        "Decide whether the new unit is larger or smaller: to a smaller unit there are more "
        "of them, so multiply; to a larger unit there are fewer, so divide."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier == 5:
            return self._story(rng)
        big, small, k = rng.choice(METRIC if tier in (2, 4) else METRIC + CUSTOMARY)
        if tier == 3:
            big, small, k = rng.choice([c for c in CUSTOMARY if c[2] > 2])
            a, b = rng.randint(2, 9), rng.randint(2, k - 1)
            answer = Fraction(a * k + b)
            return Draft(
                question=f"How many {small} are in {a} {big} {b} {small}?",
                answer=answer,
                solution=[
                    f"Each of the {big} is {k} {small}: {a} × {k} = {a * k}.",
                    f"Add the {b} {small}: {a * k} + {b} = {a * k + b}.",
                ],
                wrong=[
                    (Fraction(a * k), f"left out the {b} {small}"),
                    (Fraction(a * 10 + b), "treated the units as if ten made one"),
                    (Fraction(a + b), "added the two numbers"),
                    (Fraction((a + b) * k), "converted both numbers"),
                ],
            )
        if tier == 2:
            x = Fraction(rng.randint(1, 99 * k // 10 if k > 10 else 99))
            while x % k == 0:
                x = Fraction(rng.randint(1, 99 * k // 10 if k > 10 else 99))
            answer = x / k
            return Draft(
                question=f"How many {big} are in {fmt(x)} {small}?",
                answer=answer,
                solution=[
                    f"One of the {big} is {k} {small}, so divide by {k}.",
                    f"{fmt(x)} ÷ {k} = {fmt(answer, 'decimal')}.",
                ],
                wrong=[
                    (x * k, "multiplied instead of dividing"),
                    (answer * 10, "divided by a number ten times too small"),
                    (answer / 10, "divided by a number ten times too large"),
                    (x - k, "subtracted instead of dividing"),
                ],
            )
        x = Fraction(rng.randint(2, 20)) if tier == 1 else dec(rng, rng.randint(1, 2), 0, 9)
        answer = x * k
        return Draft(
            question=f"How many {small} are in {fmt(x, 'decimal')} {big}?",
            answer=answer,
            solution=[
                f"One of the {big} is {k} {small}, so multiply by {k}.",
                f"{fmt(x, 'decimal')} × {k} = {fmt(answer, 'decimal')}.",
            ],
            wrong=[
                (x / k, "divided instead of multiplying"),
                (answer * 10 if k >= 100 else answer / 10, "used the wrong power of ten"),
                (x + k, "added instead of multiplying"),
                (x * 10 if k != 10 else x * 100, "multiplied by ten for any change of unit"),
            ],
        )

    def _story(self, rng: Random) -> Draft:
        if rng.random() < 0.5:
            piece = rng.choice((10, 20, 25, 50))
            count = rng.randint(2, 9) * (100 // piece) // rng.choice((1, 1, 2)) or 4
            total = Fraction(piece * count, 100)
            return Draft(
                question=f"A ribbon is {fmt(total, 'decimal')} meters long. It is cut into "
                f"pieces {piece} centimeters long. How many pieces are there?",
                answer=Fraction(count),
                solution=[
                    f"{fmt(total, 'decimal')} meters is {fmt(total * 100)} centimeters.",
                    f"{fmt(total * 100)} ÷ {piece} = {count} pieces.",
                ],
                wrong=[
                    (
                        total / piece if (total / piece * 1000).denominator == 1 else None,
                        "divided without changing the units",
                    ),
                    (Fraction(count * 10), "changed meters to centimeters with ten, not a hundred"),
                    (total * 100, "gave the length in centimeters"),
                    (Fraction(piece) * total, "multiplied the numbers"),
                ],
            )
        daily, days = rng.randint(3, 19) * 50, rng.randint(2, 7)
        answer = Fraction(daily * days, 1000)
        return Draft(
            question=f"Jo runs {daily} meters each day for {days} days. How many kilometers "
            "does Jo run in all?",
            answer=answer,
            solution=[
                f"{daily} × {days} = {daily * days} meters.",
                f"{daily * days} ÷ 1000 = {fmt(answer, 'decimal')} kilometers.",
            ],
            wrong=[
                (Fraction(daily * days), "did not change meters to kilometers"),
                (Fraction(daily * days, 100), "divided by a hundred, not a thousand"),
                (Fraction(daily, 1000), "gave one day's run"),
                (Fraction(daily + days, 1000), "added the numbers"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        text = core.question
        table = {(b, s): k for b, s, k in METRIC + CUSTOMARY}
        if "ribbon" in text:
            total, piece = (to_sympy(v) for v in core.numbers)
            return total * 100 / piece
        if "each day" in text:
            daily, days = (to_sympy(v) for v in core.numbers)
            return daily * days / 1000
        if found := re.fullmatch(r"How many (\w+) are in (\S+) (\w+) (\S+) (\w+)\?", text):
            small, a, big, b, _ = found.groups()
            return to_sympy(a) * table[(big, small)] + to_sympy(b)
        want, x, unit = question_part(text, r"How many (\w+) are in (\S+) (\w+)\?")
        if (unit, want) in table:
            return to_sympy(x) * table[(unit, want)]
        return to_sympy(x) / table[(want, unit)]


# --- 5.MD.C.3-4: volume as a count of unit cubes ------------------------------------------------


class VolumeMeaning(Family):
    """Volume as how much space a solid takes up, compared by counting unit cubes. Tiers:
    two solids given by layers, how many more cubes; two boxes given by their size in
    cubes; a solid of so many cubes against a box; a tall thin box against a squat one;
    both boxes' volume together."""

    name = "volume_meaning"
    topic = "5.MD.C.3"
    context_hint = "two boxes or towers built from the same unit cubes"
    strategy = (
        "Volume counts the unit cubes that fill a solid; count the cubes in each solid by "
        "layers, then compare the counts, not the heights or the faces."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        while True:
            a, b = _dims(rng, min(tier + 1, 5)), _dims(rng, min(tier + 1, 5))
            if tier == 4:
                a = (1, rng.randint(1, 2), rng.randint(8, 16))
            va, vb = math.prod(a), math.prod(b)
            if va != vb and (tier != 4 or a[2] > b[2]):
                break
        if tier == 1:
            first = f"Solid A has {a[2]} layers of {a[0] * a[1]} unit cubes."
            second = f"Solid B has {b[2]} layers of {b[0] * b[1]} unit cubes."
        elif tier == 3:
            first = f"Solid A is built from {va} unit cubes."
            second = f"Solid B is a box {_size(b)}."
        else:
            first, second = f"Solid A is a box {_size(a)}.", f"Solid B is a box {_size(b)}."
        together = tier == 5
        ask = (
            "How many unit cubes of volume do the two solids have in all?"
            if together
            else "How many more unit cubes of volume does the larger solid have?"
        )
        answer = Fraction(va + vb if together else abs(va - vb))
        return Draft(
            question=f"{first} {second} {ask}",
            answer=answer,
            solution=[
                "Count the unit cubes in each solid: cubes in one layer times the layers.",
                f"Solid A has {va} and solid B has {vb}.",
                f"So the answer is {fmt(answer)}.",
            ],
            wrong=[
                (
                    Fraction(abs(a[2] - b[2])) if not together else Fraction(a[2] + b[2]),
                    "compared the heights only",
                ),
                (
                    Fraction(abs(va - vb)) if together else Fraction(va + vb),
                    "added the counts instead of comparing"
                    if not together
                    else "subtracted instead of adding",
                ),
                (
                    Fraction(abs(a[0] * a[1] - b[0] * b[1])) if tier != 3 else None,
                    "compared only the bottom layers",
                ),
                (
                    Fraction(max(va, vb)),
                    "gave the larger volume, not the difference"
                    if not together
                    else "gave only one solid",
                ),
                (Fraction(abs(sum(a) - sum(b))) or None, "compared the edge lengths"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        text = core.question
        volumes = [int(x) * int(y) for x, y in re.findall(r"has (\d+) layers of (\d+) unit", text)]
        volumes += [int(v) for v in re.findall(r"built from (\d+) unit cubes", text)]
        for ln, wd, ht in re.findall(
            r"(\d+) cubes? long, (\d+) cubes? deep and (\d+) cubes? tall", text
        ):
            volumes.append(int(ln) * int(wd) * int(ht))
        first, second = volumes
        return sympy.Integer(first + second if "in all" in text else abs(first - second))


UNITS = (
    ("cm", "cubic centimeters"),
    ("in", "cubic inches"),
    ("ft", "cubic feet"),
    ("m", "cubic meters"),
)


class UnitCube(Family):
    """The unit cube as the measure of volume: one cubic unit each. Tiers: a box of unit
    cubes one or two layers tall; a taller box; a larger box; a box built from cubes with
    edges of 2 units (not unit cubes), each worth eight unit cubes; a larger such box."""

    name = "unit_cube"
    topic = "5.MD.C.3.a"
    context_hint = "building boxes from small cubes"
    strategy = (
        "A unit cube has edges a unit long and a volume of a cubic unit; find how many unit "
        "cubes the solid holds, counting how many each bigger cube is worth."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        short, unit = rng.choice(UNITS)
        box = _dims(rng, tier)
        edge = 2 if tier >= 4 else 1
        count = math.prod(box)
        answer = Fraction(count * edge**3)
        what = (
            f"cubes with edges of {edge} {short}"
            if edge > 1
            else f"unit cubes with edges of 1 {short}"
        )
        lead = f"A box is built from {what}. It is {_size(box)}."
        if edge > 1:
            lead += f" Each cube holds {edge**3} unit cubes of 1 {short}."
        wrong = _box_wrongs(box)
        if edge > 1:
            wrong = [
                (Fraction(count), "counted the big cubes as unit cubes"),
                (Fraction(count * edge), "multiplied by the edge only once"),
                (Fraction(count * edge * edge), "used the area of one face of a cube"),
                *wrong,
            ]
        return Draft(
            question=f"{lead} What is its volume in {unit}?",
            answer=answer,
            solution=[
                "A unit cube has a volume of one cubic unit; count the cubes by layers.",
                f"There are {box[0]} × {box[1]} × {box[2]} = {count} cubes"
                + (f", each worth {edge**3} unit cubes." if edge > 1 else "."),
                f"The volume is {fmt(answer)} {unit}.",
            ],
            wrong=wrong,
            figure=cube_box(*box, what="cubes" if edge > 1 else "unit cubes"),
        )

    def expected(self, core: ItemCore) -> Any:
        box = _said_box(core.question)
        edge = int(question_part(core.question, r"edges of (\d+) ")[0])
        return sympy.Integer(math.prod(box) * edge**3)


class PackedVolume(Family):
    """A solid packed with n unit cubes, no gaps or overlaps, has a volume of n cubic
    units. Tiers: one layer in rows; layers of rows; a layer given as a count; how many
    more cubes fill a box already started; how many cubes fill a box when some layers are
    in."""

    name = "packed_volume"
    topic = "5.MD.C.3.b"
    context_hint = "packing a box with cubes, with no gaps and no overlaps"
    strategy = (
        "Packing with no gaps or overlaps means every cube counts once: find the cubes in a "
        "layer, then the layers, and take away any cubes already in."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        box = _dims(rng, tier)
        ln, wd, ht = box
        total = ln * wd * ht
        lead = f"A box is packed with unit cubes, with no gaps or overlaps. It is {_size(box)}."
        if tier <= 3:
            answer = Fraction(total)
            ask = "How many cubic units is its volume?"
            wrong = _box_wrongs(box)
        elif tier == 4:
            placed = rng.randint(1, total - 1)
            answer = Fraction(total - placed)
            ask = f"So far {placed} cubes are in. How many more cubes fill the box?"
            wrong = [
                (Fraction(total), "gave the whole volume"),
                (Fraction(placed), "gave the cubes already in"),
                (Fraction(total + placed), "added the cubes already in"),
                *_box_wrongs(box),
            ]
        else:
            done = rng.randint(1, ht - 1)
            answer = Fraction(ln * wd * (ht - done))
            ask = (
                f"The bottom {done} layer{'s are' if done > 1 else ' is'} full. "
                "How many more cubes fill the box?"
            )
            wrong = [
                (Fraction(total), "gave the whole volume"),
                (Fraction(ln * wd * done), "gave the cubes already in"),
                (Fraction(ht - done), "counted the layers left, not the cubes"),
                (Fraction(ln * wd), "counted only one layer"),
            ]
        return Draft(
            question=f"{lead} {ask}",
            answer=answer,
            solution=[
                "Each cube fills one cubic unit; count the cubes in a layer, then the layers.",
                f"One layer has {ln} × {wd} = {ln * wd} cubes; there are {ht} layers, "
                f"{total} cubes in all.",
                f"So the answer is {fmt(answer)}.",
            ],
            wrong=wrong,
            figure=cube_box(*box),
        )

    def expected(self, core: ItemCore) -> Any:
        text = core.question
        total = math.prod(_said_box(text))
        if found := re.search(r"So far (\d+) cubes", text):
            return sympy.Integer(total - int(found[1]))
        if found := re.search(r"bottom (\d+) layers? (?:are|is) full", text):
            ln, wd, _ = _said_box(text)
            return sympy.Integer(total - ln * wd * int(found[1]))
        return sympy.Integer(total)


IMPROVISED = ("sugar cubes", "number cubes", "wooden blocks", "ice cubes")


class CountCubes(Family):
    """Measuring volume by counting unit cubes. Tiers: one or two layers of cubic
    centimeters; cubic inches; cubic feet, bigger boxes; an improvised unit (sugar cubes,
    blocks); an improvised unit, bigger boxes."""

    name = "count_cubes"
    topic = "5.MD.C.4"
    context_hint = "counting cubes in a box built from cubic centimeters, inches or blocks"
    strategy = (
        "Count the cubes in the front row, then the rows in a layer, then the layers; the "
        "volume is the number of cubes, in that cube's unit."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        box = _dims(rng, tier)
        count = math.prod(box)
        if tier <= 3:
            short, unit = UNITS[tier - 1]
            lead = f"The box is built from 1-{short} cubes. It is {_size(box)}."
        else:
            thing = rng.choice(IMPROVISED)
            unit = thing
            lead = f"The box is built from {thing}. Each one is the unit. It is {_size(box)}."
        answer = Fraction(count)
        return Draft(
            question=f"{lead} What is its volume in {unit}?",
            answer=answer,
            solution=[
                f"Each layer has {box[0]} × {box[1]} = {box[0] * box[1]} cubes.",
                f"{box[2]} layers make {count} cubes, so the volume is {count} {unit}.",
            ],
            wrong=_box_wrongs(box),
            figure=cube_box(*box, what=unit if tier > 3 else "unit cubes"),
        )

    def expected(self, core: ItemCore) -> Any:
        return sympy.Integer(math.prod(_said_box(core.question)))


# --- 5.MD.C.5: volume with multiplication and addition ------------------------------------------

THINGS = (
    ("A fish tank", "inches"),
    ("A sandbox", "feet"),
    ("A shoe box", "inches"),
    ("A storage bin", "feet"),
    ("A gift box", "centimeters"),
    ("A planter", "feet"),
)


def _prism_wrongs(ln: int, wd: int, ht: int) -> Wrong:
    return [
        (Fraction(ln * wd), "found the area of the base only"),
        (Fraction(2 * (ln * wd + wd * ht + ln * ht)), "found the area of all the faces"),
        (Fraction(ln + wd + ht), "added the edge lengths"),
        (Fraction(ln * wd + ht), "added the height instead of multiplying"),
        (Fraction(4 * (ln + wd + ht)), "added all twelve edges"),
    ]


class VolumeProblems(Family):
    """Volume with multiplication and addition. Tiers: length × width × height; base area ×
    height; a missing height from the volume and the base; two boxes together; how many
    more a larger box holds than a smaller one."""

    name = "volume_problems"
    topic = "5.MD.C.5"
    context_hint = "fish tanks, sandboxes, storage bins and gift boxes"
    strategy = (
        "Volume is the area of the base times the height; for a solid of several boxes, find each "
        "volume and add or compare them."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        thing, unit = rng.choice(THINGS)
        ln, wd, ht = rng.randint(2, 12), rng.randint(2, 9), rng.randint(2, 10)
        v = ln * wd * ht
        if tier == 1:
            q = (
                f"{thing} is {ln} {unit} long, {wd} {unit} wide and {ht} {unit} tall. "
                f"What is its volume in cubic {unit}?"
            )
            return self._made(
                q, Fraction(v), _prism_wrongs(ln, wd, ht), [f"V = {ln} × {wd} × {ht} = {v}."]
            )
        if tier == 2:
            base = ln * wd
            q = (
                f"The base of {thing.lower()} has an area of {base} square {unit}. "
                f"It is {ht} {unit} tall. "
                f"What is its volume in cubic {unit}?"
            )
            return self._made(
                q,
                Fraction(v),
                [
                    (Fraction(base + ht), "added the height to the base"),
                    (Fraction(base), "gave the area of the base"),
                    (Fraction(base * ht * ht), "multiplied by the height twice"),
                    (Fraction(base * 2 + ht), "doubled the base and added the height"),
                ],
                [f"V = {base} × {ht} = {v}."],
            )
        if tier == 3:
            q = (
                f"{thing} is {ln} {unit} long and {wd} {unit} wide. "
                f"Its volume is {v} cubic {unit}. "
                f"How tall is it, in {unit}?"
            )
            return self._made(
                q,
                Fraction(ht),
                [
                    (
                        Fraction(v, ln) if v % ln == 0 and v // ln != ht else None,
                        "divided by the length only",
                    ),
                    (Fraction(v - ln * wd), "subtracted the base area"),
                    (Fraction(v - ln - wd), "subtracted the length and width"),
                    (Fraction(ln * wd), "gave the area of the base"),
                ],
                [f"The base is {ln} × {wd} = {ln * wd} square {unit}.", f"{v} ÷ {ln * wd} = {ht}."],
            )
        l2, w2, h2 = rng.randint(2, 10), rng.randint(2, 8), rng.randint(2, 9)
        v2 = l2 * w2 * h2
        if v2 == v:
            l2 += 1
            v2 = l2 * w2 * h2
        q = (
            f"Box A is {ln} {unit} long and {wd} {unit} wide. It is {ht} {unit} tall. "
            f"Box B is {l2} {unit} long and {w2} {unit} wide. It is {h2} {unit} tall."
        )
        if tier == 4:
            q += f" What is their total volume in cubic {unit}?"
            return self._made(
                q,
                Fraction(v + v2),
                [
                    (Fraction(abs(v - v2)), "subtracted instead of adding"),
                    (
                        Fraction((ln + l2) * (wd + w2) * (ht + h2)),
                        "added the edges first, then multiplied",
                    ),
                    (Fraction(max(v, v2)), "gave only the larger box"),
                    (Fraction(ln * wd + l2 * w2), "added the base areas only"),
                ],
                [f"Box A: {v}. Box B: {v2}.", f"{v} + {v2} = {v + v2}."],
            )
        q += f" How many more cubic {unit} does the larger box hold?"
        return self._made(
            q,
            Fraction(abs(v - v2)),
            [
                (Fraction(v + v2), "added instead of subtracting"),
                (Fraction(abs(ln * wd - l2 * w2)) or None, "compared the base areas only"),
                (Fraction(max(v, v2)), "gave the larger volume"),
                (Fraction(abs(ln + wd + ht - l2 - w2 - h2)) or None, "compared the edge lengths"),
            ],
            [f"Box A: {v}. Box B: {v2}.", f"The difference is {abs(v - v2)}."],
        )

    @staticmethod
    def _made(question: str, answer: Fraction, wrong: Wrong, steps: list[str]) -> Draft:
        return Draft(
            question=question,
            answer=answer,
            solution=["Volume is length × width × height, or base area × height.", *steps],
            wrong=wrong,
        )

    def expected(self, core: ItemCore) -> Any:
        text = core.question
        n = [int(v) for v in core.numbers]
        if text.startswith("Box A"):
            a, b = n[0] * n[1] * n[2], n[3] * n[4] * n[5]
            return sympy.Integer(a + b if "total" in text else abs(a - b))
        if "How tall" in text:
            return sympy.Rational(n[2], n[0] * n[1])
        return sympy.Integer(math.prod(n))


class BoxLayers(Family):
    """Packing a box with unit cubes and seeing the volume is the product of its edges.
    Tiers: the cubes in the bottom layer; all the cubes; the cubes in a box whose base area
    is given; the cubes two more layers would add; the cubes in a box twice as tall."""

    name = "box_layers"
    topic = "5.MD.C.5.a"
    context_hint = "packing a box with centimeter cubes"
    strategy = (
        "The bottom layer has as many cubes as the length times the width; the height says "
        "how many layers there are."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        box = _dims(rng, min(tier + 2, 5))
        ln, wd, ht = box
        lead = f"A box is packed with 1-cm cubes. It is {_size(box)}."
        layer = ln * wd
        if tier == 1:
            ask, answer = "How many cubes are in the bottom layer?", layer
            wrong: Wrong = [
                (Fraction(ln + wd), "added the length and the width"),
                (Fraction(ln * wd * ht), "counted every layer"),
                (Fraction(2 * (ln + wd)), "counted the cubes around the edge twice"),
                (Fraction(ln * ht), "counted the front face"),
            ]
        elif tier in (2, 3):
            ask, answer = "How many cubes fill the box? That is its volume in cubic cm.", layer * ht
            wrong = _box_wrongs(box)
            if tier == 3:
                lead = (
                    "A box is packed with 1-cm cubes. "
                    f"Its bottom layer has {layer} cubes. "
                    f"It is {ht} cubes tall."
                )
                wrong = [
                    (Fraction(layer + ht), "added the layers instead of multiplying"),
                    (Fraction(layer), "counted only the bottom layer"),
                    (Fraction(layer * (ht + 1)), "counted one layer too many"),
                    (Fraction(layer * (ht - 1)), "counted one layer too few"),
                ]
        elif tier == 4:
            ask, answer = "Two more layers are put on top. How many cubes are added?", 2 * layer
            wrong = [
                (Fraction(layer * (ht + 2)), "gave the new total"),
                (Fraction(layer), "added only one layer"),
                (Fraction(2), "counted the layers, not the cubes"),
                (Fraction(2 * ln), "added two rows, not two layers"),
            ]
        else:
            ask, answer = (
                "A second box is twice as tall. How many cubes fill the second box?",
                2 * layer * ht,
            )
            wrong = [
                (Fraction(layer * ht), "gave the first box's volume"),
                (Fraction(layer * (ht + 2)), "added two layers instead of doubling"),
                (Fraction(4 * layer * ht), "doubled every edge"),
                (Fraction(layer * ht + 2), "added two cubes"),
            ]
        return Draft(
            question=f"{lead} {ask}",
            answer=Fraction(answer),
            solution=[
                f"The bottom layer has {ln} × {wd} = {layer} cubes; there are {ht} layers.",
                f"So the answer is {answer}.",
            ],
            wrong=wrong,
            figure=cube_box(*box),
        )

    def expected(self, core: ItemCore) -> Any:
        text = core.question
        if found := re.search(r"bottom layer has (\d+) cubes\. It is (\d+) cubes tall", text):
            return sympy.Integer(int(found[1]) * int(found[2]))
        ln, wd, ht = _said_box(text)
        if "bottom layer?" in text:
            return sympy.Integer(ln * wd)
        if "Two more layers" in text:
            return sympy.Integer(2 * ln * wd)
        if "twice as tall" in text:
            return sympy.Integer(ln * wd * ht * 2)
        return sympy.Integer(ln * wd * ht)


class PrismFormula(Family):
    """V = l × w × h and V = B × h for real-world boxes. Tiers: small whole-number edges;
    larger edges; base area given; the missing edge from the volume; how many small boxes
    fill a big one."""

    name = "prism_formula"
    topic = "5.MD.C.5.b"
    context_hint = "fish tanks, moving boxes, sandboxes and shipping crates"
    strategy = (
        "Use volume equals length times width times height, or base area times height; to "
        "find a missing edge, divide the volume by the product of the other edges."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        thing, unit = rng.choice(THINGS)
        top = 6 if tier == 1 else 25
        ln, wd, ht = rng.randint(2, top), rng.randint(2, min(top, 15)), rng.randint(2, min(top, 12))
        v = ln * wd * ht
        if tier <= 2:
            question = (
                f"{thing} is {ln} {unit} long, {wd} {unit} wide and {ht} {unit} tall. "
                "Use V = l × w × h. "
                f"What is its volume in cubic {unit}?"
            )
            answer, wrong = Fraction(v), _prism_wrongs(ln, wd, ht)
        elif tier == 3:
            question = (
                f"{thing} has a base of {ln * wd} square {unit} and a height of {ht} {unit}. "
                "Use V = B × h. "
                f"What is its volume in cubic {unit}?"
            )
            answer = Fraction(v)
            wrong = [
                (Fraction(ln * wd + ht), "added the height to the base"),
                (Fraction(ln * wd), "gave the base area"),
                (Fraction(ln * wd * ht * 2), "doubled the volume"),
                (Fraction(ln * wd * ht * ht), "multiplied by the height twice"),
            ]
        elif tier == 4:
            question = (
                f"{thing} holds {v} cubic {unit}. "
                f"It is {ln} {unit} long and {ht} {unit} tall. "
                f"How wide is it, in {unit}?"
            )
            answer = Fraction(wd)
            wrong = [
                (Fraction(v - ln * ht), "subtracted instead of dividing"),
                (Fraction(v, ln) if v // ln != wd else None, "divided by the length only"),
                (Fraction(v * ln * ht), "multiplied instead of dividing"),
                (Fraction(ln * ht), "gave the area of the front"),
            ]
        else:
            k = rng.choice((2, 3))
            ln, wd, ht = rng.randint(2, 9), rng.randint(2, 9), rng.randint(2, 9)
            question = (
                f"A crate is {ln * k} {unit} long and {wd * k} {unit} wide. It is {ht * k} "
                f"{unit} tall. Small boxes are {ln} {unit} long and {wd} {unit} wide. They are "
                f"{ht} {unit} tall. How many small boxes fill the crate?"
            )
            answer = Fraction(k**3)
            wrong = [
                (Fraction(k), "divided only one edge"),
                (Fraction(k * k), "divided only two edges"),
                (Fraction(3 * k), "added the three edge ratios"),
                (Fraction(v * k**3 - v), "subtracted the volumes"),
            ]
        return Draft(
            question=question,
            answer=answer,
            solution=[
                "Volume is length × width × height, which is base area × height.",
                f"Here that gives {fmt(answer)}.",
            ],
            wrong=wrong,
        )

    def expected(self, core: ItemCore) -> Any:
        text = core.question
        n = [to_sympy(v) for v in core.numbers]
        if text.startswith("A crate"):
            return (n[0] * n[1] * n[2]) / (n[3] * n[4] * n[5])
        if "holds" in text:
            return n[0] / (n[1] * n[2])
        if "base of" in text:
            return n[0] * n[1]
        return n[0] * n[1] * n[2]


class TwoBoxVolume(Family):
    """The volume of a solid made of two boxes, by adding their volumes. Tiers: small
    boxes in centimeters; larger boxes; a step of two blocks in feet; the whole solid's
    length given, so one box's length is found first; the volume of one box from the
    total."""

    name = "two_box_volume"
    topic = "5.MD.C.5.c"
    context_hint = "steps, shelves and buildings made of two blocks"
    strategy = (
        "Split the solid into its boxes, find each box's volume as length times width "
        "times height, and add them."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        unit = "ft" if tier == 3 else rng.choice(("cm", "m", "in"))
        top = 6 if tier == 1 else 12
        while True:
            l1, l2, wd = rng.randint(2, top), rng.randint(2, top), rng.randint(2, top)
            h1, h2 = rng.randint(2, top), rng.randint(1, top)
            if h1 != h2:
                break
        v1, v2 = l1 * wd * h1, l2 * wd * h2
        texts = (f"{l1} {unit}", f"{l2} {unit}", f"{wd} {unit}", f"{h1} {unit}", f"{h2} {unit}")
        sizes = (l1, l2, wd, h1, h2)
        lead = (
            f"A solid is made of two boxes, both {wd} {unit} wide. The left box is {l1} {unit} "
            f"long and {h1} {unit} tall. The right box is {l2} {unit} long and {h2} {unit} tall."
        )
        answer = Fraction(v1 + v2)
        ask = f"What is the volume of the solid in cubic {unit}?"
        wrong: Wrong = [
            (
                Fraction((l1 + l2) * wd * max(h1, h2)),
                "treated the solid as one box as tall as the taller",
            ),
            (Fraction(max(v1, v2)), "found only one box"),
            (Fraction((l1 + l2) * wd * (h1 + h2)), "added the lengths and the heights first"),
            (Fraction(l1 * wd + l2 * wd + h1 + h2), "added the heights instead of multiplying"),
        ]
        if tier == 4:
            total = l1 + l2
            lead = (
                f"A solid is made of two boxes, both {wd} {unit} wide. The whole solid is "
                f"{total} {unit} long. The left box is {l1} {unit} long and {h1} {unit} tall. "
                f"The right box is {h2} {unit} tall."
            )
            texts = (f"{l1} {unit}", "", f"{wd} {unit}", f"{h1} {unit}", f"{h2} {unit}")
            wrong.insert(
                0, (Fraction(v1 + total * wd * h2), "used the whole length for the right box")
            )
        if tier == 5:
            ask = (
                f"The whole solid has a volume of {v1 + v2} cubic {unit}. "
                "What is the volume of the right box?"
            )
            lead = (
                f"A solid is made of two boxes, both {wd} {unit} wide. The left box is {l1} {unit} "
                f"long and {h1} {unit} tall."
            )
            texts = (f"{l1} {unit}", "", f"{wd} {unit}", f"{h1} {unit}", "")
            answer = Fraction(v2)
            wrong = [
                (Fraction(v1), "gave the left box's volume"),
                (Fraction(v1 + v2 - l1 * wd), "took away only the left box's base"),
                (Fraction(v1 + v2 + v1), "added instead of subtracting"),
                (Fraction(v1 + v2 - l1 - wd - h1), "took away the edge lengths"),
            ]
        return Draft(
            question=f"{lead} {ask}",
            answer=answer,
            solution=[
                "Find each box's volume: length × width × height.",
                f"Left: {l1} × {wd} × {h1} = {v1}. Right: {l2} × {wd} × {h2} = {v2}.",
                f"So the answer is {fmt(answer)}.",
            ],
            wrong=wrong,
            figure=two_boxes(texts, sizes),
        )

    def expected(self, core: ItemCore) -> Any:
        text = core.question
        wd = int(question_part(text, r"both (\d+) \w+ wide")[0])
        l1, h1 = (
            int(v) for v in question_part(text, r"left box is (\d+) \w+ long and (\d+) \w+ tall")
        )
        left = l1 * wd * h1
        if found := re.search(r"volume of (\d+) cubic", text):
            return sympy.Integer(int(found[1]) - left)
        if found := re.search(r"whole solid is (\d+) \w+ long", text):
            l2 = int(found[1]) - l1
            h2 = int(question_part(text, r"right box is (\d+) \w+ tall")[0])
        else:
            l2, h2 = (
                int(v)
                for v in question_part(text, r"right box is (\d+) \w+ long and (\d+) \w+ tall")
            )
        return sympy.Integer(left + l2 * wd * h2)


# --- 5.G.A.2: real-world points in the first quadrant -----------------------------------------

# Each with its own initial: a point is labelled with the initial, so a label stays short.
PLACES = ("school", "library", "park", "gym", "cafe", "museum", "zoo", "bakery")


class GridStories(Family):
    """Graphing and reading real-world points in the first quadrant. Tiers: blocks between
    two places on a map grid in a line; blocks walked along grid lines between two places;
    what a point on a cost graph says per item; how much more a second point shows; the
    value a pattern of points gives for a new x."""

    name = "grid_stories"
    topic = "5.G.A.2"
    context_hint = "a town map on a grid, or a graph of cost against items bought"
    strategy = (
        "Read each point's first number across and its second number up, and say what each "
        "number means in the story before working with them."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier <= 2:
            a, b = rng.sample(PLACES, 2)
            while True:
                p = (rng.randint(0, 10), rng.randint(0, 10))
                q = (rng.randint(0, 10), rng.randint(0, 10))
                if tier == 1:
                    q = (p[0], q[1]) if rng.random() < 0.5 else (q[0], p[1])
                dx, dy = abs(p[0] - q[0]), abs(p[1] - q[1])
                if (dx or dy) and (tier == 1 or (dx and dy)) and p != q:
                    break
            answer = Fraction(dx + dy)
            question = (
                f"On a map grid, the {a} ({a[0].upper()}) is at ({p[0]}, {p[1]}) and the {b} "
                f"({b[0].upper()}) is at ({q[0]}, {q[1]}). Each unit is one block. How many "
                "blocks is the shortest walk along the grid lines from one to the other?"
            )
            wrong: Wrong = [
                (
                    Fraction(abs(p[0] - q[1]) + abs(p[1] - q[0]))
                    if (p[0] - q[1]) or (p[1] - q[0])
                    else None,
                    "mixed up the first and second numbers",
                ),
                (Fraction(max(dx, dy)) if dx and dy else None, "counted only one direction"),
                (Fraction(p[0] + p[1] + q[0] + q[1]), "added all the coordinates"),
                (
                    Fraction(abs(p[0] + p[1] - q[0] - q[1])) or None,
                    "subtracted the sums of the coordinates",
                ),
                (Fraction(dx + dy + 1), "counted the grid points, not the blocks"),
            ]
            points = [(p, a[0].upper()), (q, b[0].upper())]
            return Draft(
                question=question,
                answer=answer,
                solution=[
                    "Walk across by the difference of the first numbers and up or down by the "
                    "difference of the second numbers.",
                    f"{dx} + {dy} = {dx + dy} blocks.",
                ],
                wrong=wrong,
                figure=coordinate_plane(points=points),
            )
        price = rng.randint(2, 15 if tier == 3 else 9)
        xs = sorted(
            rng.sample(range(1, 10 if tier == 3 else 8), 2 if tier == 4 else 3 if tier == 5 else 1)
        )
        pts = [(x, x * price) for x in xs]
        listed = " and ".join(f"({x}, {y})" for x, y in pts)
        lead = (
            f"A graph shows the cost of tickets: the first number is tickets and the second is "
            f"dollars. It has the point{'s' if len(pts) > 1 else ''} {listed}."
        )
        if tier == 3:
            x, y = pts[0]
            ask, answer = "How many dollars is one ticket?", Fraction(price)
            wrong = [
                (Fraction(y), "gave the cost of all the tickets"),
                (Fraction(x, y), "divided tickets by dollars"),
                (Fraction(y - x), "subtracted the numbers"),
                (Fraction(x * y), "multiplied the numbers"),
            ]
        elif tier == 4:
            (x1, y1), (x2, y2) = pts
            ask, answer = (
                "How many more dollars do the larger number of tickets cost?",
                Fraction(y2 - y1),
            )
            wrong = [
                (Fraction(x2 - x1), "subtracted the ticket numbers"),
                (Fraction(y2), "gave the larger cost"),
                (Fraction(y1 + y2), "added the costs"),
                (Fraction(price), "gave the cost of one ticket"),
            ]
        else:
            new = rng.randint(8, 12)
            ask, answer = (
                f"The points lie on one line from (0, 0). What would {new} tickets cost?",
                Fraction(new * price),
            )
            wrong = [
                (Fraction(pts[-1][1] + new), "added the tickets to the last cost"),
                (
                    Fraction(pts[-1][1] + price * (new - pts[-1][0] - 1)),
                    "counted one ticket too few",
                ),
                (Fraction(new * price + price), "counted one ticket too many"),
                (Fraction(new + price), "added instead of multiplying"),
            ]
        return Draft(
            question=f"{lead} {ask}",
            answer=answer,
            solution=[
                "The first number of each point is tickets and the second is dollars.",
                f"One ticket costs {price} dollars, so the answer is {fmt(answer)}.",
            ],
            wrong=wrong,
            figure=coordinate_plane(points=[(p, "") for p in pts]),
        )

    def expected(self, core: ItemCore) -> Any:
        text = core.question
        pts = [(int(a), int(b)) for a, b in re.findall(r"\((\d+), (\d+)\)", text)]
        pts = [p for p in pts if p != (0, 0)]
        if "map grid" in text:
            (x1, y1), (x2, y2) = pts
            return sympy.Integer(abs(x1 - x2) + abs(y1 - y2))
        if "one ticket" in text:
            return sympy.Rational(pts[0][1], pts[0][0])
        if "How many more" in text:
            (_, y1), (_, y2) = sorted(pts)
            return sympy.Integer(y2 - y1)
        new = int(question_part(text, r"What would (\d+) tickets")[0])
        x, y = pts[-1]
        return sympy.Rational(y, x) * new


# --- 5.G.B: categories of two-dimensional figures -----------------------------------------------


class InheritedAttributes(Family):
    """A shape has every property of the categories it belongs to. Tiers: a rectangle is a
    parallelogram (opposite sides equal), its perimeter; a square is a rhombus (four equal
    sides), its perimeter; a rhombus is a parallelogram (neighbouring angles add to 180
    degrees); a trapezoid is a quadrilateral (angles add to 360 degrees); a right triangle
    is a triangle (angles add to 180 degrees)."""

    name = "inherited_attributes"
    topic = "5.G.B.3"
    context_hint = "shapes in a quilt, a kite or a floor plan"
    strategy = (
        "Find the larger category the shape belongs to; every property of that category "
        "holds for the shape too, so use it."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier == 1:
            a, b = rng.sample(range(2, 30), 2)
            return Draft(
                question=f"Every parallelogram has opposite sides of the same length. A "
                f"rectangle is a parallelogram. A rectangle has sides of {a} cm and {b} cm. "
                "What is its perimeter in cm?",
                answer=Fraction(2 * (a + b)),
                solution=[
                    "A rectangle is a parallelogram, so its opposite sides match.",
                    f"Perimeter = {a} + {b} + {a} + {b} = {2 * (a + b)} cm.",
                ],
                wrong=[
                    (Fraction(a + b), "added only the two sides given"),
                    (Fraction(a * b), "found the area"),
                    (Fraction(4 * max(a, b)), "thought all four sides are the same"),
                    (Fraction(2 * a + b), "doubled only one side"),
                ],
            )
        if tier == 2:
            a = rng.randint(2, 99)
            return Draft(
                question=f"Every rhombus has four sides of the same length. A square is a "
                f"rhombus. One side of a square is {a} m. What is its perimeter in m?",
                answer=Fraction(4 * a),
                solution=[
                    "A square is a rhombus, so all four sides match.",
                    f"Perimeter = 4 × {a} = {4 * a} m.",
                ],
                wrong=[
                    (Fraction(a * a), "found the area"),
                    (Fraction(2 * a), "added only two sides"),
                    (Fraction(a + 4), "added four instead of multiplying"),
                    (Fraction(3 * a), "left out one side"),
                ],
            )
        if tier == 3:
            x = rng.choice([v for v in range(35, 146) if v != 90])
            return Draft(
                question=f"In every parallelogram, two angles next to each other add up to "
                f"180°. A rhombus is a parallelogram. One angle of a rhombus is {x}°. What is "
                "the angle next to it, in degrees?",
                answer=Fraction(180 - x),
                solution=[
                    "A rhombus is a parallelogram, so the two angles add to 180°.",
                    f"180 - {x} = {180 - x}.",
                ],
                wrong=[
                    (Fraction(x), "thought all the angles are the same"),
                    (Fraction(360 - x), "took the angle from 360°"),
                    (Fraction(90), "thought every angle is a right angle"),
                    (Fraction(abs(90 - x)) or None, "took the angle from 90°"),
                ],
            )
        if tier == 4:
            while True:
                a, b, c = (rng.randint(45, 140) for _ in range(3))
                d = 360 - a - b - c
                if 30 <= d <= 150:
                    break
            return Draft(
                question=f"The four angles of every quadrilateral add up to 360°. A trapezoid "
                f"is a quadrilateral. Three of its angles are {a}°, {b}° and {c}°. What is "
                "the fourth angle, in degrees?",
                answer=Fraction(d),
                solution=[
                    "A trapezoid is a quadrilateral, so its angles add to 360°.",
                    f"360 - {a} - {b} - {c} = {d}.",
                ],
                wrong=[
                    (
                        Fraction(180 - a - b - c) if a + b + c < 180 else Fraction(a + b + c - 180),
                        "used 180° as for a triangle",
                    ),
                    (Fraction(a + b + c), "added the three angles"),
                    (Fraction(90), "thought the missing angle is a right angle"),
                    (Fraction(360 - a - b), "left out one angle"),
                ],
            )
        x = rng.randint(10, 80)
        return Draft(
            question=f"The three angles of every triangle add up to 180°. A right triangle has "
            f"one angle of 90°. Another of its angles is {x}°. What is the third angle, in "
            "degrees?",
            answer=Fraction(90 - x),
            solution=[
                "A right triangle is a triangle, so its angles add to 180°.",
                f"180 - 90 - {x} = {90 - x}.",
            ],
            wrong=[
                (Fraction(180 - x), "forgot the right angle"),
                (Fraction(x), "thought the two other angles are the same"),
                (Fraction(360 - 90 - x), "used 360° as for a quadrilateral"),
                (Fraction(90 + x), "added the angles"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        text = core.question
        n = [int(v) for v in core.numbers]
        if "perimeter" in text and "rectangle" in text:
            return sympy.Integer(2 * (n[0] + n[1]))
        if "perimeter" in text:
            return sympy.Integer(4 * n[0])
        if "next to it" in text:
            return sympy.Integer(n[0] - n[1])
        if "fourth angle" in text:
            return sympy.Integer(n[0] - sum(n[1:]))
        return sympy.Integer(n[0] - n[1] - n[2])


# (what the shape is told to have, the names that fit it), quadrilaterals and triangles
QUADS: dict[str, tuple[str, set[str]]] = {
    "square": (
        "four sides of the same length and four right angles",
        {"polygon", "quadrilateral", "parallelogram", "rectangle", "rhombus", "square"},
    ),
    "rectangle": (
        "four right angles and two long sides and two short sides",
        {"polygon", "quadrilateral", "parallelogram", "rectangle"},
    ),
    "rhombus": (
        "four sides of the same length and no right angles",
        {"polygon", "quadrilateral", "parallelogram", "rhombus"},
    ),
    "parallelogram": (
        "two pairs of parallel sides, no right angles and two different side lengths",
        {"polygon", "quadrilateral", "parallelogram"},
    ),
}
TRIS: dict[str, tuple[str, set[str]]] = {
    "equilateral": (
        "three sides of the same length",
        {"polygon", "triangle", "isosceles triangle", "equilateral triangle"},
    ),
    "right isosceles": (
        "a right angle and two sides of the same length",
        {"polygon", "triangle", "isosceles triangle", "right triangle"},
    ),
    "right scalene": (
        "a right angle and three different side lengths",
        {"polygon", "triangle", "right triangle", "scalene triangle"},
    ),
    "isosceles": (
        "exactly two sides of the same length and no right angle",
        {"polygon", "triangle", "isosceles triangle"},
    ),
}
QUAD_NAMES: tuple[str, ...] = (
    "polygon",
    "quadrilateral",
    "parallelogram",
    "rectangle",
    "rhombus",
    "square",
)
QUAD_NAMES += ("triangle", "pentagon")
TRI_NAMES = (
    "quadrilateral",
    "polygon",
    "triangle",
    "isosceles triangle",
    "equilateral triangle",
    "right triangle",
    "scalene triangle",
)


class ShapeHierarchy(Family):
    """Sorting shapes into a hierarchy: how many names from a list fit a shape told by its
    properties. Tiers: squares and rectangles; rhombuses and parallelograms; triangles; any
    quadrilateral, a longer list; how many names do not fit."""

    name = "shape_hierarchy"
    topic = "5.G.B.4"
    context_hint = "sorting the shapes of tiles, signs and quilt pieces"
    strategy = (
        "Start with the widest name and move to narrower ones; a shape keeps every name "
        "whose properties it has, not just the most exact name."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        table, names = (TRIS, TRI_NAMES) if tier == 3 else (QUADS, QUAD_NAMES)
        shapes = {1: ("square", "rectangle"), 2: ("rhombus", "parallelogram")}.get(
            tier, tuple(table)
        )
        shape = rng.choice(shapes)
        told, fits = table[shape]
        size = 4 if tier <= 3 else 5
        while True:
            listed = rng.sample(names, size)
            hits = sum(n in fits for n in listed)
            if 1 < hits < size or tier == 5 and 0 < hits < size:
                break
        negate = tier == 5
        answer = Fraction(size - hits if negate else hits)
        narrowest = 1
        wrong: Wrong = [
            (Fraction(narrowest), "gave only the most exact name"),
            (Fraction(hits - 1) if hits > 1 else None, "left out a wider name"),
            (
                Fraction(size - hits if not negate else hits),
                "counted the names that do not fit" if not negate else "counted the names that fit",
            ),
            (
                Fraction(min(hits + 1, size)) if hits < size else None,
                "counted a name whose property it lacks",
            ),
            (Fraction(size), "counted every name"),
        ]
        ask = "do not fit" if negate else "fit"
        return Draft(
            question=f"Think of a shape. It has {told}. Read these names: "
            f"{', '.join(listed[:-1])} and {listed[-1]}. How many of the names {ask} it?",
            answer=answer,
            solution=[
                "Check each name: does the shape have every property the name needs?",
                f"The names that fit are {', '.join(n for n in listed if n in fits)}.",
                f"So the answer is {fmt(answer)}.",
            ],
            wrong=wrong,
        )

    def expected(self, core: ItemCore) -> Any:
        told, listed, ask = question_part(
            core.question,
            r"It has (.+)\. Read these names: (.+)\. How many of the names (do not fit|fit) it\?",
        )
        fits = next(f for t, f in (*QUADS.values(), *TRIS.values()) if t == told)
        names = re.split(r", | and ", listed)
        hits = sum(n in fits for n in names)
        return sympy.Integer(len(names) - hits if ask == "do not fit" else hits)


FAMILIES: tuple[type[Family], ...] = (
    MeasureConversion,
    VolumeMeaning,
    UnitCube,
    PackedVolume,
    CountCubes,
    VolumeProblems,
    BoxLayers,
    PrismFormula,
    TwoBoxVolume,
    GridStories,
    InheritedAttributes,
    ShapeHierarchy,
)
