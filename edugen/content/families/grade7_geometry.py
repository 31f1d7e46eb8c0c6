"""Grade-7 geometry (7.G): scale drawings, triangles from three measures, cross sections of
boxes and pyramids, circles (in terms of π or with 3.14), angle equations, and area, surface
area and volume of figures made of rectangles, triangles and prisms.

Each family draws its numbers first and writes the question from them; `expected` reads the
numbers and the situation back from the question's own words. A circle question always says
how π is to be written: "Leave the answer in terms of π" (the key is "36π") or "Use 3.14 for
π" (the key is a decimal; where it asks to round to the nearest tenth, a numeric answer
within 0.05 is accepted, so the unrounded value counts too). Answers that are words (how
many triangles, the shape of a slice) are multiple choice only.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from random import Random
from typing import Any

import sympy

from edugen.content.cores import ItemCore, Kind
from edugen.content.families.base import Answer, Draft, Family, question_part
from edugen.content.families.common import fmt, linear, rationals, to_sympy
from edugen.content.figures import (
    angles,
    circle,
    frame,
    house_shape,
    l_shape,
    rectangular_prism,
    rectangular_pyramid,
    scale_drawing,
    triangular_prism,
    vertical_angles,
)
from edugen.schemas import Figure

Wrong = list[tuple[Answer | None, str]]
PI = sympy.Symbol("π")  # how "36π" reads back through to_sympy: π stays a symbol
_MEASURE = re.compile(r"(\d+(?:\.\d+)?) ?(cm|m|in|ft|km|mm)\b")


def dec(x: Fraction) -> str:
    return fmt(x, "decimal")


def half_up(x: Fraction, places: int = 1) -> Fraction:
    """`x` rounded half up to `places` decimals, exactly."""
    exact = Decimal(x.numerator) / Decimal(x.denominator)
    return Fraction(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


# --- 7.G.A.1 scale drawings ------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """A kind of scale drawing: what it shows, its two units, plausible scales and sizes."""

    name: str  # "floor plan"
    line: str  # a length on it: "wall"
    region: str  # a rectangle on it: "room"
    small: str  # the drawing's unit, as written after a number: "cm"
    big: str  # the real unit, as written after a number: "m"
    big_word: str  # "meters"
    small_word: str  # "centimeters"
    per: int  # small units in one big unit (for the wrong-unit answer)
    scales: tuple[int, ...]  # big units that one small unit stands for
    most: int  # the longest plausible real length, in big units


PLANS = (
    Plan("floor plan", "wall", "room", "cm", "m", "meters", "centimeters", 100, (2, 3, 4, 5), 30),
    Plan("garden plan", "fence", "flower bed", "cm", "m", "meters", "centimeters", 100,
         (2, 3, 4, 5), 40),
    Plan("school map", "hallway", "playground", "cm", "m", "meters", "centimeters", 100,
         (5, 10, 20), 200),
    Plan("road map", "road", "county", "cm", "km", "kilometers", "centimeters", 100_000,
         (5, 10, 20, 25, 50), 500),
    Plan("blueprint", "wall", "deck", "in", "ft", "feet", "inches", 12, (2, 4, 5, 8), 80),
)  # fmt: skip


def scale_text(plan: Plan, drawn: Fraction | int, real: Fraction | int) -> str:
    return f"{dec(Fraction(drawn))} {plan.small} : {dec(Fraction(real))} {plan.big}"


class ScaleDrawing(Family):
    """Real lengths and areas from a scale drawing. Tiers: a real length from a drawn one
    (scale 1 to k); a drawn length from a real one; a scale such as 2 cm : 5 m with a decimal
    length; a real area from a drawn rectangle; the same length on a plan redrawn at a new
    scale."""

    name = "scale_drawing"
    topic = "7.G.A.1"
    style = "decimal"
    context_hint = "maps, floor plans and blueprints drawn to scale"
    strategy = "Write the scale as a rate: how many real units each unit on the drawing stands for."

    def draft(self, tier: int, rng: Random) -> Draft:
        for _ in range(1000):
            plan = rng.choice(PLANS)
            k = Fraction(rng.choice(plan.scales))
            d = Fraction(rng.randint(2, 15))
            if tier in (1, 2, 4) and d * k <= plan.most:
                break
            if tier == 3:
                a = rng.choice((2, 4, 5))
                b = Fraction(rng.choice([s for s in range(2, 4 * plan.scales[-1]) if s % a]))
                d = Fraction(rng.randint(3, 40), 2)
                if d * b / a <= plan.most and (d * b / a).denominator in (1, 2, 4):
                    break
            if tier == 5:
                k2 = Fraction(rng.choice([s for s in plan.scales if s < k] or [1]))
                if d * k <= plan.most and (d * k / k2).denominator == 1 and k2 < k:
                    break
        else:
            raise RuntimeError("no plausible scale drawing")
        unit = f"in {plan.big_word}"
        if tier == 4:
            return self._area(plan, k, d, rng)
        if tier == 3:
            real = d * b / a
            scale = scale_text(plan, a, b)
            question = (
                f"A {plan.name} has the scale {scale}. A {plan.line} is {dec(d)} {plan.small} "
                f"long on the {plan.name}. How long is the real {plan.line}, {unit}?"
            )
            return Draft(
                question=question,
                answer=real,
                solution=[
                    f"Each {plan.small} on the {plan.name} stands for {dec(b)} ÷ {a} "
                    f"{plan.big_word}.",
                    f"{dec(d)} × {dec(b)} ÷ {a} = {dec(real)} {plan.big_word}.",
                ],
                wrong=[
                    (
                        d * b,
                        f"multiplied by {dec(b)} and forgot that it stands for {a} "
                        f"{plan.small}, not 1",
                    ),
                    (d * a / b, "used the scale upside down"),
                    (d + b - a, "added the difference of the scale's numbers"),
                    (d * b * a, "multiplied by both numbers of the scale"),
                ],
                figure=scale_drawing(f"{dec(d)} {plan.small}", None, scale, what=plan.line),
            )
        scale = scale_text(plan, 1, k)
        if tier == 5:
            real = d * k
            new = real / k2
            scale2 = scale_text(plan, 1, k2)
            return Draft(
                question=f"A {plan.name} has the scale {scale}. A {plan.line} on it is "
                f"{dec(d)} {plan.small} long. The {plan.name} is redrawn with the scale "
                f"{scale2}. How long is the {plan.line} on the new drawing, in "
                f"{plan.small_word}?",
                answer=new,
                solution=[
                    f"The real {plan.line} is {dec(d)} × {dec(k)} = {dec(real)} {plan.big_word}.",
                    f"On the new drawing: {dec(real)} ÷ {dec(k2)} = {dec(new)} {plan.small_word}.",
                ],
                wrong=[
                    (d * k2 / k, "used the two scales the wrong way round"),
                    (real, "gave the real length instead of the new drawn length"),
                    (d * k * k2, "multiplied by both scales"),
                    (d + k - k2, "added the difference of the scales"),
                ],
                figure=scale_drawing(f"{dec(d)} {plan.small}", None, scale, what=plan.line),
            )
        real = d * k
        if tier == 2:
            return Draft(
                question=f"A {plan.name} has the scale {scale}. A real {plan.line} is "
                f"{dec(real)} {plan.big} long. How long is it on the {plan.name}, in "
                f"{plan.small_word}?",
                answer=d,
                solution=[
                    f"Each {plan.small} on the {plan.name} stands for {dec(k)} {plan.big_word}.",
                    f"{dec(real)} ÷ {dec(k)} = {dec(d)} {plan.small_word}.",
                ],
                wrong=[
                    (real * k, "multiplied by the scale instead of dividing"),
                    (real - k, "subtracted the scale instead of dividing"),
                    (real, "copied the real length onto the drawing"),
                    (
                        real * plan.per if plan.per < 1000 else None,
                        f"changed the real length to {plan.small_word} only",
                    ),
                ],
                figure=scale_drawing(f"? {plan.small}", None, scale, what=plan.line),
            )
        return Draft(
            question=f"A {plan.name} has the scale {scale}. A {plan.line} is {dec(d)} "
            f"{plan.small} long on the {plan.name}. How long is the real {plan.line}, {unit}?",
            answer=real,
            solution=[
                f"Each {plan.small} on the {plan.name} stands for {dec(k)} {plan.big_word}.",
                f"{dec(d)} × {dec(k)} = {dec(real)} {plan.big_word}.",
            ],
            wrong=[
                (d / k, "divided by the scale instead of multiplying"),
                (d + k, "added the scale instead of multiplying"),
                (
                    real * plan.per if plan.per < 1000 else None,
                    f"gave the real length in {plan.small_word}",
                ),
                (k / d, "divided the scale by the drawn length"),
            ],
            figure=scale_drawing(f"{dec(d)} {plan.small}", None, scale, what=plan.line),
        )

    def _area(self, plan: Plan, k: Fraction, d: Fraction, rng: Random) -> Draft:
        w = Fraction(rng.randint(1, int(d) - 1) if d > 2 else 1)
        scale = scale_text(plan, 1, k)
        real_l, real_w = d * k, w * k
        area = real_l * real_w
        return Draft(
            question=f"A {plan.name} has the scale {scale}. A {plan.region} on it is a "
            f"rectangle {dec(d)} {plan.small} by {dec(w)} {plan.small}. What is the area of the "
            f"real {plan.region}, in square {plan.big_word}?",
            answer=area,
            solution=[
                f"Change each drawn length to a real one: {dec(d)} × {dec(k)} and {dec(w)} × "
                f"{dec(k)}.",
                f"The real {plan.region} is {dec(real_l)} by {dec(real_w)}: its area is "
                f"{dec(area)} square {plan.big_word}.",
            ],
            wrong=[
                (d * w * k, "multiplied the drawn area by the scale once instead of twice"),
                (d * w, "gave the area on the drawing"),
                (2 * (real_l + real_w), "found the real perimeter instead of the area"),
            ],
            figure=scale_drawing(
                f"{dec(d)} {plan.small}",
                f"{dec(w)} {plan.small}",
                scale,
                what=plan.region,
                ratio=float(w / d),
            ),
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        drawn, real = map(to_sympy, question_part(q, r"scale (\S+) \w+ : (\S+) \w+"))
        rate = real / drawn  # real units for one drawn unit
        if "redrawn" in q:
            first = to_sympy(question_part(q, r"on it is (\S+) ")[0])
            new = to_sympy(question_part(q, r"with the scale 1 \w+ : (\S+) ")[0])
            return first * rate / new
        if "rectangle" in q:
            a, b = map(to_sympy, question_part(q, r"rectangle (\S+) \w+ by (\S+) "))
            return a * rate * b * rate
        if "A real" in q:
            return to_sympy(question_part(q, r"A real \w+ is (\S+) ")[0]) / rate
        return to_sympy(question_part(q, r" is (\S+) \w+ long on the")[0]) * rate


# --- 7.G.A.2 triangles from three measures -------------------------------------------------------


@dataclass(frozen=True)
class Sides:
    """Two sides of a triangle in a setting: the sentence uses {a}, {b} and {u}."""

    text: str
    unit: str  # as written after a number
    word: str  # "centimeters"


SIDES = (
    Sides("Two sides of a triangle are {a} {u} and {b} {u} long.", "cm", "centimeters"),
    Sides("A student glues two straws, {a} {u} and {b} {u} long, into a triangle with a third "
          "straw.", "cm", "centimeters"),
    Sides("A triangular garden has two sides of {a} {u} and {b} {u}.", "m", "meters"),
    Sides("Two sticks, {a} {u} and {b} {u} long, form a triangle with a third stick.", "in",
          "inches"),
    Sides("A triangular sail has two edges of {a} {u} and {b} {u}.", "ft", "feet"),
)  # fmt: skip
GREATEST, LEAST, COUNT = "greatest", "least", "How many"


class TriangleThirdSide(Family):
    """How long the third side of a triangle can be (the triangle inequality). Tiers: the
    greatest whole length; the least; how many whole lengths; the greatest or least from
    decimal sides; how many from a decimal side."""

    name = "triangle_third_side"
    topic = "7.G.A.2"
    context_hint = "building triangles from sticks, straws or fences"
    strategy = (
        "The missing side must be shorter than the sum of the given sides and longer than "
        "their difference."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        s = rng.choice(SIDES)
        if tier <= 3:
            a, b = (Fraction(v) for v in sorted(rng.sample(range(2, 25), 2)))
        else:
            a = Fraction(rng.randint(20, 150), 10)
            b = (
                Fraction(rng.randint(int(a) + 2, 30))
                if tier == 5
                else Fraction(rng.randint(20, 250), 10)
            )
        low, high = sorted((a, b))
        big = Fraction(math.ceil(a + b) - 1)
        small = Fraction(math.floor(high - low) + 1)
        count = big - small + 1
        ask = {1: GREATEST, 2: LEAST, 3: COUNT, 4: rng.choice((GREATEST, LEAST)), 5: COUNT}[tier]
        question = s.text.format(a=dec(a), b=dec(b), u=s.unit) + (
            f" The third side is a whole number of {s.word}. "
            + (
                "How many different lengths can it have?"
                if ask == COUNT
                else f"What is the {ask} length it can have?"
            )
        )
        steps = [
            f"The missing side must be longer than {dec(high)} - {dec(low)} and shorter than "
            f"{dec(a)} + {dec(b)}."
        ]
        if ask == GREATEST:
            answer = big
            steps.append(f"The greatest whole number below {dec(a + b)} is {dec(big)}.")
            wrong: Wrong = [
                (a + b, "let the third side equal the sum of the other two (it would lie flat)"),
                (small, "gave the least possible length instead"),
                (high, "thought the third side can be no longer than the longest given side"),
                (a + b + 1, "went past the sum of the other two sides"),
            ]
        elif ask == LEAST:
            answer = small
            steps.append(f"The least whole number above {dec(high - low)} is {dec(small)}.")
            wrong = [
                (high - low, "let the third side equal the difference (it would lie flat)"),
                (big, "gave the greatest possible length instead"),
                (Fraction(1), "thought any length above zero works"),
                (low, "thought the third side must be at least the shorter given side"),
            ]
        else:
            answer = count
            steps.append(
                f"The whole numbers from {dec(small)} to {dec(big)}: {dec(big)} - {dec(small)} "
                f"+ 1 = {dec(count)} lengths."
            )
            wrong = [
                (count + 2, "counted the difference and the sum as possible lengths"),
                (count - 1, "subtracted the least from the greatest without adding 1"),
                (big, "counted every whole length up to the greatest"),
                (count + 1, "counted one end of the range as a possible length"),
            ]
        return Draft(question=question, answer=answer, solution=steps, wrong=wrong)

    def expected(self, core: ItemCore) -> Any:
        a, b = rationals(core.numbers)
        ends = (abs(a - b), a + b)
        lengths = [n for n in range(int(ends[0]), int(ends[1]) + 1) if ends[0] < n < ends[1]]
        if "How many" in core.question:
            return len(lengths)
        return max(lengths) if "greatest" in core.question else min(lengths)


NONE, ONE, TWO, MANY = (
    "no triangle",
    "exactly one triangle",
    "exactly two triangles",
    "many different triangles",
)
MIRROR = "counted a triangle and its flipped copy as two different triangles"
SAME = "A triangle and its flipped copy count as the same."


class TriangleConditions(Family):
    """Whether three measures give no triangle, exactly one, or many. Tiers: three whole side
    lengths; three angles; side lengths whose two shorter sides add to exactly the longest, or
    decimals; two sides and the angle between them, or two angles and the side between them;
    any of these, with two angles that are too large together."""

    name = "triangle_conditions"
    topic = "7.G.A.2"
    kinds = ("multiple_choice",)
    context_hint = "drawing triangles with a ruler and protractor from given measures"
    strategy = (
        "Ask first whether the measures can close up into a shape at all, then whether they "
        "fix both its size and its shape."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        case = {1: "sss", 2: "aaa", 3: "sss", 4: rng.choice(("sas", "asa"))}.get(
            tier, rng.choice(("sss", "aaa", "sas", "asa"))
        )
        if case == "sss":
            return self._sides(tier, rng)
        if case == "aaa":
            return self._angles(tier, rng)
        return self._mixed(case, tier, rng)

    def _sides(self, tier: int, rng: Random) -> Draft:
        if tier == 3 and rng.random() < 0.5:  # the two shorter sides add to exactly the third
            a, b = rng.randint(2, 12), rng.randint(2, 12)
            sides = [Fraction(a), Fraction(b), Fraction(a + b)]
        elif tier in (3, 5):
            sides = [Fraction(rng.randint(15, 150), 10) for _ in range(3)]
        else:
            sides = [Fraction(rng.randint(2, 20)) for _ in range(3)]
        rng.shuffle(sides)
        low, mid, high = sorted(sides)
        fits = low + mid > high
        written = ", ".join(f"{dec(s)} cm" for s in sides[:2]) + f" and {dec(sides[2])} cm"
        question = f"How many different triangles have sides of {written}? {SAME}"
        steps = [
            f"Add the two shorter sides: {dec(low)} + {dec(mid)} = {dec(low + mid)}; the longest "
            f"side is {dec(high)}."
        ]
        if fits:
            steps.append("The sum is longer, so the sides close up, and three sides fix the shape.")
            wrong: Wrong = [
                (MANY, "thought the sides can meet at different angles"),
                (NONE, "thought the two shorter sides must add up to exactly the longest"),
                (TWO, MIRROR),
            ]
        else:
            steps.append("The sum is not longer than the longest side, so the sides cannot close.")
            flat = low + mid == high
            wrong = [
                (
                    ONE,
                    "thought sides that add up to exactly the longest one close up (they lie flat)"
                    if flat
                    else "did not compare the two shorter sides with the longest",
                ),
                (MANY, "thought the sides can meet at any angle"),
                (TWO, MIRROR),
            ]
        return Draft(question, ONE if fits else NONE, steps, wrong)

    def _angles(self, tier: int, rng: Random) -> Draft:
        a, b = rng.randint(4, 20) * 5, rng.randint(4, 20) * 5
        c = 180 - a - b
        if c < 10 or rng.random() < 0.4:
            c = rng.randint(2, 25) * 5
        total = a + b + c
        question = f"How many different triangles have angles of {a}°, {b}° and {c}°? {SAME}"
        steps = [f"Add the angles: {a} + {b} + {c} = {total} degrees."]
        if total == 180:
            steps.append("They make 180°, so they fit, but they fix only the shape, not the size.")
            wrong: Wrong = [
                (ONE, "thought three angles fix the size as well as the shape"),
                (NONE, "thought angles alone are never enough to draw a triangle"),
                (TWO, MIRROR),
            ]
            return Draft(question, MANY, steps, wrong)
        steps.append("A triangle's angles always add up to 180°, so these cannot fit.")
        wrong = [
            (MANY, "did not check that the angles add up to 180°"),
            (ONE, "thought any three angles make one triangle"),
            (TWO, MIRROR),
        ]
        return Draft(question, NONE, steps, wrong)

    def _mixed(self, case: str, tier: int, rng: Random) -> Draft:
        if case == "sas":
            p, r = rng.randint(2, 20), rng.randint(2, 20)
            angle = rng.randint(2, 34) * 5
            question = (
                f"How many different triangles have sides of {p} cm and {r} cm with an angle of "
                f"{angle}° between them? {SAME}"
            )
            steps = [
                "Draw the angle, then mark each side along its arm.",
                "Only one segment joins the two ends, so the triangle is fixed.",
            ]
            wrong: Wrong = [
                (MANY, "thought the third side can still change"),
                (NONE, "thought a triangle needs all three sides given"),
                (TWO, MIRROR),
            ]
            return Draft(question, ONE, steps, wrong)
        a = rng.randint(4, 26) * 5
        b = rng.randint(4, 26) * 5 if tier == 5 else rng.randint(2, (170 - a) // 5) * 5
        side = rng.randint(2, 20)
        question = (
            f"How many different triangles have angles of {a}° and {b}° with a side of {side} cm "
            f"between them? {SAME}"
        )
        steps = [f"The two angles add up to {a} + {b} = {a + b} degrees."]
        if a + b < 180:
            steps.append("That is less than 180°, so the arms meet in one point: one triangle.")
            wrong = [
                (MANY, "thought the other two sides can still change length"),
                (NONE, "thought a triangle needs all three sides given"),
                (TWO, MIRROR),
            ]
            return Draft(question, ONE, steps, wrong)
        steps.append("That is not less than 180°, so the arms never meet.")
        wrong = [
            (ONE, "did not check that the two angles add up to less than 180°"),
            (MANY, "thought the side can be drawn at many angles"),
            (TWO, MIRROR),
        ]
        return Draft(question, NONE, steps, wrong)

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        sides = sorted(Fraction(v) for v in re.findall(r"(\S+) cm", q))
        degrees = [Fraction(v) for v in re.findall(r"(\S+)°", q)]
        if len(sides) == 3:
            answer = ONE if sides[0] + sides[1] > sides[2] else NONE
        elif len(degrees) == 3:
            answer = MANY if sum(degrees) == 180 else NONE
        elif len(degrees) == 2:
            answer = ONE if sum(degrees) < 180 else NONE
        else:
            answer = ONE
        return to_sympy(answer)


# --- 7.G.A.3 cross sections ------------------------------------------------------------------

SQUARE, RECTANGLE, TRIANGLE, TRAPEZOID, PENTAGON, HEXAGON = (
    "square",
    "rectangle",
    "triangle",
    "trapezoid",
    "pentagon",
    "hexagon",
)
FACES = "counted the solid's faces as the sides of the slice"


@dataclass(frozen=True)
class Slice:
    """A way to slice a solid, how the question says it, and the face it leaves."""

    solid: str  # "box" or "pyramid"
    words: str
    shape: str  # the slice's shape, with "rectangle" meaning a square when the sides match
    # the slice's two side lengths: two of the dimensions ("lw"), one and the diagonal of a
    # face made by the other two ("l/wh"), or "" where it is no rectangle
    sides: str
    wrong: tuple[tuple[str, str], ...]


SLICES = (
    Slice("box", "sliced parallel to its base", RECTANGLE, "lw", (
        (TRIANGLE, "confused a flat slice with cutting off a corner"),
        (TRAPEZOID, "thought the box narrows toward the top like a pyramid"),
        (HEXAGON, FACES))),
    Slice("box", "sliced straight down, parallel to its front face", RECTANGLE, "lh", (
        (TRIANGLE, "confused a flat slice with cutting off a corner"),
        (TRAPEZOID, "thought the slice narrows toward the top"),
        (HEXAGON, FACES))),
    Slice("box", "sliced straight down, parallel to its side face", RECTANGLE, "wh", (
        (TRIANGLE, "confused a flat slice with cutting off a corner"),
        (TRAPEZOID, "thought the slice narrows toward the top"),
        (HEXAGON, FACES))),
    Slice("box", "sliced on a slant from its top front edge to its bottom back edge", RECTANGLE,
          "l/wh", (
        (TRIANGLE, "named the shape of the cut pieces' ends instead of the slice"),
        (SQUARE, "thought a slice from edge to edge is a square"),
        (HEXAGON, FACES))),
    Slice("box", "sliced straight down through two opposite vertical edges", RECTANGLE, "h/lw", (
        (TRIANGLE, "named the shape of the cut pieces' ends instead of the slice"),
        (SQUARE, "thought a slice from corner to corner is a square"),
        (HEXAGON, FACES))),
    Slice("box", "cut by a slice through one point on each of the three edges that meet at a "
          "corner", TRIANGLE, "", (
        (RECTANGLE, "thought every slice of a box is a rectangle"),
        (SQUARE, "thought cutting off a corner leaves a square"),
        (HEXAGON, FACES))),
    Slice("pyramid", "sliced parallel to its base", RECTANGLE, "lw", (
        (TRIANGLE, "thought every slice of a pyramid is a triangle like its side faces"),
        (TRAPEZOID, "named the shape of the lower part of a side face"),
        (PENTAGON, FACES))),
    Slice("pyramid", "sliced straight down through its top vertex, parallel to a base edge",
          TRIANGLE, "", (
        (RECTANGLE, "thought every slice of a pyramid has the shape of its base"),
        (TRAPEZOID, "thought the slice keeps a flat top"),
        (PENTAGON, FACES))),
    Slice("pyramid", "sliced straight down, parallel to a base edge, but missing its top vertex",
          TRAPEZOID, "", (
        (TRIANGLE, "thought every slice straight down comes to a point"),
        (RECTANGLE, "thought the slice's two slanted sides are parallel"),
        (PENTAGON, FACES))),
)  # fmt: skip
TIER_SLICES = {1: (0, 1, 2), 2: (6, 7), 3: (3, 4, 8), 4: (5, 7, 8), 5: tuple(range(9))}


class CrossSection(Family):
    """The shape of a slice of a right rectangular prism (a box) or a right rectangular
    pyramid. Tiers: a box sliced parallel to a face; a pyramid sliced parallel to its base or
    through its top; a box sliced from edge to edge, or a pyramid's slice that misses the top;
    a box's corner cut off; any of these."""

    name = "cross_section"
    topic = "7.G.A.3"
    kinds = ("multiple_choice",)
    context_hint = "slicing blocks of cheese, clay or wood"
    strategy = (
        "Picture the flat face the cut leaves behind: count its sides and compare their lengths."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        cut = SLICES[rng.choice(TIER_SLICES[tier])]
        dims = [Fraction(rng.randint(3, 20)) for _ in range(3)]
        if len(cut.sides) == 2 and rng.random() < 0.35:  # the slice's two sides are equal
            i, j = ("lwh".index(cut.sides[0]), "lwh".index(cut.sides[1]))
            dims[j] = dims[i]
        length, width, height = dims
        shape = self.shape(cut, dims)
        solid = "box" if cut.solid == "box" else "pyramid on a rectangular base"
        question = (
            f"A {solid} is {dec(length)} cm long, {dec(width)} cm wide and {dec(height)} cm "
            f"tall. It is {cut.words}. What shape is the slice?"
        )
        # a square is a rectangle too: never offer "rectangle" against it
        taken = (shape, RECTANGLE) if shape == SQUARE else (shape,)
        wrong: Wrong = [(w, why) for w, why in cut.wrong if w not in taken]
        if shape == SQUARE:
            wrong += [
                (TRIANGLE, "thought every slice comes to a point"),
                (PENTAGON, FACES),
            ]
        elif shape == RECTANGLE:
            wrong = [(SQUARE, "thought the slice is a square without comparing its sides"), *wrong]
        figure = (
            rectangular_prism(length, width, height)
            if cut.solid == "box"
            else rectangular_pyramid(length, width, height)
        )
        return Draft(
            question=question,
            answer=shape,
            solution=[self.reason(cut, dims), f"The slice is a {shape}."],
            wrong=wrong,
            figure=figure,
        )

    @staticmethod
    def shape(cut: Slice, dims: list[Fraction]) -> str:
        if not cut.sides:
            return cut.shape
        a, b = slice_sides(cut.sides, dims)
        return SQUARE if a == b else RECTANGLE

    @staticmethod
    def reason(cut: Slice, dims: list[Fraction]) -> str:
        if len(cut.sides) == 2:
            a, b = (dec(dims["lwh".index(c)]) for c in cut.sides)
            which = "the base" if cut.sides == "lw" else "that face"
            smaller = " (smaller toward the top)" if cut.solid == "pyramid" else ""
            return f"The cut has the same outline as {which}{smaller}: sides of {a} and {b} cm."
        if cut.sides:
            edge = dec(dims["lwh".index(cut.sides[0])])
            return (
                f"The cut crosses four faces at right angles: one pair of its sides is {edge} cm, "
                "the other pair runs corner to corner across a face."
            )
        if cut.shape == TRIANGLE:
            return "The cut crosses three faces, so it has three sides."
        return (
            "The cut crosses the base and three side faces; its top side is shorter than its "
            "bottom side, and the two are parallel."
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        length, width, height = rationals(core.numbers)
        if "three edges that meet" in q or "through its top vertex" in q:
            return to_sympy(TRIANGLE)
        if "missing its top vertex" in q:
            return to_sympy(TRAPEZOID)
        # the squares of the slice's two side lengths
        sides = (
            (length**2, width**2)
            if "parallel to its base" in q
            else (length**2, height**2)
            if "front face" in q
            else (width**2, height**2)
            if "side face" in q
            else (length**2, width**2 + height**2)
            if "top front edge" in q
            else (height**2, length**2 + width**2)
        )
        return to_sympy(SQUARE if sides[0] == sides[1] else RECTANGLE)


def slice_sides(sides: str, dims: list[Fraction]) -> tuple[Fraction, Fraction]:
    """The squares of a rectangular slice's two side lengths ("l/wh": l and the diagonal of
    the w-by-h face), so that a diagonal is compared exactly."""
    d = dict(zip("lwh", dims, strict=True))
    if "/" in sides:
        edge, face = sides.split("/")
        return d[edge] ** 2, d[face[0]] ** 2 + d[face[1]] ** 2
    return d[sides[0]] ** 2, d[sides[1]] ** 2


# --- 7.G.B.4 circles -------------------------------------------------------------------------


@dataclass(frozen=True)
class Round:
    """A round thing: its noun, its unit (written, and in words) and plausible radii."""

    noun: str
    unit: str
    word: str
    low: int
    high: int


ROUNDS = (
    Round("circle", "cm", "centimeters", 2, 20),
    Round("pizza", "cm", "centimeters", 10, 20),
    Round("clock face", "cm", "centimeters", 8, 20),
    Round("circular garden", "m", "meters", 2, 12),
    Round("round pond", "m", "meters", 3, 15),
    Round("bicycle wheel", "cm", "centimeters", 25, 40),
    Round("coin", "mm", "millimeters", 8, 15),
    Round("round rug", "m", "meters", 1, 3),
)
# (what is given, what is asked) by tier
CIRCLE_TIERS = {
    1: ("diameter", "circumference"),
    2: ("radius", "circumference"),
    3: ("radius", "area"),
    4: ("diameter", "area"),
    5: ("circumference", "area"),
}
IN_PI = "Leave the answer in terms of π."
USE_314 = "Use 3.14 for π."
TENTH = "Use 3.14 for π and round to the nearest tenth."


def radius_for(rng: Random, tier: int, halves: bool) -> tuple[Round, Fraction]:
    """A round thing and its radius: whole, or with a half where `halves`."""
    thing = rng.choice(ROUNDS)
    r = Fraction(rng.randint(thing.low, thing.high))
    if halves and thing.high - thing.low >= 2:
        r = r - Fraction(1, 2)
    return thing, max(r, Fraction(1))


def circle_question(thing: Round, given: str, value: str, asked: str, rule: str) -> str:
    if given == "circumference":
        start = f"The circumference of a {thing.noun} is {value} {thing.unit}."
    else:
        start = f"A {thing.noun} has a {given} of {value} {thing.unit}."
    unit = thing.word if asked == "circumference" else f"square {thing.word}"
    return f"{start} What is its {asked}, in {unit}? {rule}"


def circle_steps(given: str, asked: str, shown: str, r: str, d: str, unit: str) -> list[str]:
    """The worked steps up to the last one, with π written as the question asks."""
    if given == "circumference":
        return [
            f"The diameter is the circumference divided by π, and the radius is half of it: "
            f"{r} {unit}.",
            f"Area = {shown} × {r} × {r}.",
        ]
    if asked == "circumference":
        return [
            f"Circumference = 2 × {shown} × {r}."
            if given == "radius"
            else f"Circumference = {shown} × {d}."
        ]
    half = [f"The radius is half the diameter: {r} {unit}."] if given == "diameter" else []
    return [*half, f"Area = {shown} × {r} × {r}."]


def circle_misreadings(given: str, asked: str, r: Fraction) -> list[tuple[Fraction, str]]:
    """(the value multiplying π, misconception) for the classic mix-ups of one question."""
    d = 2 * r
    if asked == "circumference" and given == "diameter":
        return [
            (2 * d, "doubled the diameter as if it were the radius"),
            (r * r, "found the area instead of the circumference"),
            (r, "used half the diameter without doubling it back"),
            (d * d, "squared the diameter"),
        ]
    if asked == "circumference":
        return [
            (r, "used the radius as the diameter"),
            (r * r, "found the area instead of the circumference"),
            (4 * r, "doubled the diameter"),
        ]
    if given == "circumference":
        return [
            (d * d, "used the circumference's number as the radius"),
            (r, "found the radius but did not square it"),
            (d * d / 2, "halved the squared number instead of squaring the radius"),
        ]
    return [
        (d, "found the circumference instead of the area"),
        (d * d, "squared the diameter instead of the radius"),
        (r, "forgot to square the radius"),
        (2 * r * r, "doubled the squared radius"),
    ]


def circle_figure(given: str, text: str, unit: str) -> Figure:
    return circle(f"{text} {unit}", None if given == "circumference" else given)  # type: ignore[arg-type]


class CircleInPi(Family):
    """Circumference and area of circles, the answer left in terms of π. Tiers: a
    circumference from the diameter; from the radius; an area from the radius; from the
    diameter (a coefficient such as 20.25); an area from a circumference such as 18π."""

    name = "circle_in_pi"
    topic = "7.G.B.4"
    kinds = ("multiple_choice",)
    style = "decimal"
    context_hint = "pizzas, wheels, clocks and round gardens"
    strategy = "Circumference is π times the diameter; area is π times the radius squared."

    def draft(self, tier: int, rng: Random) -> Draft:
        given, asked = CIRCLE_TIERS[tier]
        thing, r = radius_for(rng, tier, halves=tier == 4 and rng.random() < 0.5)
        d = 2 * r
        value = {"radius": r, "diameter": d, "circumference": d}[given]
        text = pi_text(value) if given == "circumference" else dec(value)
        coef = d if asked == "circumference" else r * r
        steps = circle_steps(given, asked, "π", dec(r), dec(d), thing.unit)
        return Draft(
            question=circle_question(thing, given, text, asked, IN_PI),
            answer=pi_text(coef),
            solution=[*steps, f"The {asked} is {pi_text(coef)}."],
            wrong=[(pi_text(c), why) for c, why in circle_misreadings(given, asked, r)],
            figure=circle_figure(given, text, thing.unit),
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        if q.startswith("The circumference"):
            d = to_sympy(question_part(q, r"is (\S+)π")[0])
        else:
            which, size = question_part(q, r"has a (\w+) of (\S+) ")
            d = to_sympy(size) * (2 if which == "radius" else 1)
        return PI * (d if "its circumference" in q else d * d / 4)


def pi_text(coef: Fraction) -> str:
    """A multiple of π as written: "36π", "20.25π", "π"."""
    return "π" if coef == 1 else f"{dec(coef)}π"


class CircleDecimal(Family):
    """Circumference and area of circles with 3.14 for π. Tiers: a circumference from the
    diameter; an area from the radius; a circumference from a radius with a half; an area
    from the diameter, rounded to the nearest tenth; an area from the circumference, rounded.
    A rounded key accepts typed answers within 0.05, so the unrounded value counts too."""

    name = "circle_decimal"
    topic = "7.G.B.4"
    style = "decimal"
    context_hint = "pizzas, wheels, clocks and round gardens"
    strategy = "Circumference is π times the diameter; area is π times the radius squared."
    TIERS = {1: (1, 2), 2: (3, 3), 3: (2, 2), 4: (4, 4), 5: (5, 5)}  # tier -> CIRCLE_TIERS

    def generate(self, tier: int, seed: int, kind: Kind | None = None) -> ItemCore:
        core = super().generate(tier, seed, kind)
        if core.kind == "numeric" and TENTH in core.question:
            return core.model_copy(update={"tolerance": 0.05})
        return core

    def draft(self, tier: int, rng: Random) -> Draft:
        given, asked = CIRCLE_TIERS[rng.choice(self.TIERS[tier])]
        thing, r = radius_for(rng, tier, halves=tier in (3, 4) and rng.random() < 0.6)
        d = 2 * r
        pi = Fraction(314, 100)
        rule = TENTH if tier >= 4 else USE_314
        value = {"radius": r, "diameter": d, "circumference": pi * d}[given]
        text = dec(value)

        def done(coef: Fraction) -> Fraction:
            return half_up(coef * pi) if rule == TENTH else coef * pi

        coef = d if asked == "circumference" else r * r
        steps = circle_steps(given, asked, "3.14", dec(r), dec(d), thing.unit)
        if given == "circumference":
            steps[0] = (
                f"The diameter is {text} ÷ 3.14 = {dec(d)} {thing.unit}, so the radius is "
                f"{dec(r)} {thing.unit}."
            )
        rounded = " (rounded to the nearest tenth)" if rule == TENTH else ""
        return Draft(
            question=circle_question(thing, given, text, asked, rule),
            answer=done(coef),
            solution=[*steps, f"The {asked} is {dec(done(coef))}{rounded}."],
            wrong=[(done(c), why) for c, why in circle_misreadings(given, asked, r)],
            figure=circle_figure(given, text, thing.unit),
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        pi = sympy.Rational(314, 100)
        if q.startswith("The circumference"):
            d = to_sympy(question_part(q, r"is (\S+) ")[0]) / pi
        else:
            which, size = question_part(q, r"has a (\w+) of (\S+) ")
            d = to_sympy(size) * (2 if which == "radius" else 1)
        value = pi * (d if "its circumference" in q else d * d / 4)
        if "nearest tenth" in q:
            return sympy.Rational(half_up(Fraction(str(value))))
        return value


# --- 7.G.B.5 angle equations -----------------------------------------------------------------


def whole(value: Fraction) -> Fraction | None:
    """A misconception's answer, kept only when it is a whole number as the key is."""
    return value if value.denominator == 1 else None


def angle_text(k: int, b: int) -> str:
    """An angle's measure as a question writes it: "x°", "(3x)°", "(2x + 10)°"."""
    return "x°" if (k, b) == (1, 0) else f"({linear(k, b)})°"


RELATIONS = {"complementary": 90, "supplementary": 180}


class AngleEquation(Family):
    """An unknown angle from an equation. Tiers: x next to a given angle in a right angle
    (complementary); on a straight line (supplementary); vertical angles with (x + b)° or
    (kx)°; supplementary angles (kx + b)° and a°; two expressions that are complementary or
    supplementary, asking for an angle's measure."""

    name = "angle_equation"
    topic = "7.G.B.5"
    context_hint = "angles where roads, beams or scissor blades cross"
    strategy = (
        "Write an equation: complementary angles add up to a right angle, supplementary angles "
        "to a straight angle, and vertical angles are equal."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier == 3:
            return self._vertical(rng)
        relation = "complementary" if tier == 1 else "supplementary"
        if tier == 5:
            relation = rng.choice(("complementary", "supplementary"))
        total = RELATIONS[relation]
        other = 180 if total == 90 else 90
        word = "a right angle" if total == 90 else "a straight line"
        if tier <= 2:
            a = rng.randint(2, total // 5 - 2) * 5 + rng.choice((0, 0, 1, 2, 3, 4))
            x = total - a
            question = (
                f"Angles of {a}° and x° are {relation}: side by side they make {word}. What is x?"
            )
            return Draft(
                question=question,
                answer=Fraction(x),
                solution=[f"{a} + x = {total}.", f"x = {total} - {a} = {x}."],
                wrong=[
                    (whole(Fraction(other - a)), f"used {other}° instead of {total}°"),
                    (whole(Fraction(a)), "thought the two angles are equal"),
                    (whole(Fraction(total + a)), "added the angle instead of subtracting it"),
                    (whole(Fraction(360 - a)), "used a full turn of 360°"),
                ],
                figure=angles([(a, f"{a}°"), (x, "x°")]),
            )
        while True:
            k, c, x = rng.randint(2, 5), (0 if tier == 4 else rng.randint(1, 3)), rng.randint(5, 40)
            b = rng.choice((-1, 1)) * rng.randint(1, 20)
            first = k * x + b
            second = total - first  # the other angle
            d = second - c * x  # its constant
            if 5 <= first and 5 <= second and -20 <= d <= 60 and d != 0:
                break
        left = angle_text(k, b)
        right = f"{d}°" if c == 0 else angle_text(c, d)
        question = (
            f"Angles of {left} and {right} are {relation}: side by side they make {word}. "
            + ("What is x?" if tier == 4 else f"What is the measure of the {left} angle?")
        )
        sum_k, sum_b = k + c, b + d
        steps = [
            f"{linear(k, b)} + {linear(c, d) if c else d} = {total}, so "
            f"{linear(sum_k, sum_b)} = {total}.",
            f"{sum_k}x = {total - sum_b}, so x = {x}.",
        ]
        if tier == 4:
            wrong: Wrong = [
                (whole(Fraction(total - d - b)), f"forgot to divide by {k}"),
                (whole(Fraction(total - d + b, k)), "added the constant instead of subtracting it"),
                (whole(Fraction(other - d - b, k)), f"used {other}° instead of {total}°"),
                (whole(Fraction(first)), "gave the angle's measure instead of x"),
            ]
            return Draft(
                question,
                Fraction(x),
                steps,
                wrong,
                figure=angles([(second, right), (first, left)]),
            )
        wrong = [
            (whole(Fraction(x)), "gave x instead of the angle's measure"),
            (whole(Fraction(second)), "gave the other angle's measure"),
            (whole(Fraction(k * (other - sum_b), sum_k) + b), f"used {other}° instead of {total}°"),
            (Fraction(k * (total - sum_b)) + b, f"forgot to divide by {sum_k} when solving for x"),
        ]
        return Draft(
            question,
            Fraction(first),
            [*steps, f"The angle is {k} × {x} {'+' if b > 0 else '-'} {abs(b)} = {first} degrees."],
            wrong,
            figure=angles([(second, right), (first, left)]),
        )

    def _vertical(self, rng: Random) -> Draft:
        while True:
            a = rng.randint(20, 160)
            k = rng.choice((1, 1, 2, 3, 4, 5))
            b = 0 if k > 1 and rng.random() < 0.5 else rng.choice((-1, 1)) * rng.randint(1, 30)
            if k == 1 and b == 0:
                continue
            if (a - b) % k == 0 and (a - b) // k > 0:
                break
        x = (a - b) // k
        expr = angle_text(k, b)
        question = (
            f"Two straight lines cross. Angles of {expr} and {a}° are vertical angles (opposite "
            "each other). What is x?"
        )
        return Draft(
            question=question,
            answer=Fraction(x),
            solution=[
                f"Vertical angles are equal: {linear(k, b)} = {a}.",
                f"x = {x}.",
            ],
            wrong=[
                (whole(Fraction(a)), "gave the angle's measure instead of x"),
                (whole(Fraction(180 - a - b, k)), "treated vertical angles as supplementary"),
                (whole(Fraction(a + b, k)), "added the constant instead of subtracting it"),
                (whole(Fraction(a - b)), f"forgot to divide by {k}") if k > 1 else (None, ""),
                (whole(Fraction(90 - a - b, k)), "treated vertical angles as complementary"),
            ],
            figure=vertical_angles(a, (expr, f"{a}°")),
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question.replace("°", "")
        x = sympy.Symbol("x")
        first, second = (to_sympy(t) for t in question_part(q, r"Angles of (.+?) and (.+?) are"))
        if "vertical" in q:
            equation = sympy.Eq(first, second)
        else:
            total = 90 if "complementary" in q else 180
            equation = sympy.Eq(first + second, total)
        value = sympy.solve(equation, sympy.Symbol("x"))[0]
        return value if q.endswith("What is x?") else first.subs(x, value)


# --- 7.G.B.6 area, surface area and volume -------------------------------------------------------

# (a floor shaped like an L, its unit and word): plausible sizes are whole meters or feet
L_PLACES = (
    ("patio", "m", "meters"),
    ("garden", "m", "meters"),
    ("deck", "ft", "feet"),
    ("classroom floor", "m", "meters"),
    ("kitchen floor", "ft", "feet"),
)
WALLS = (
    ("end wall of a shed", "m", "meters"),
    ("front of a birdhouse", "cm", "centimeters"),
    ("end wall of a barn", "m", "meters"),
    ("gable end of a garage", "ft", "feet"),
)


class CompositeArea(Family):
    """Areas of figures made of rectangles and triangles. Tiers: an L-shaped floor; a
    rectangle with a triangle on top; a frame (a rectangle less a rectangular opening); an
    L-shape with half units; a rectangle with a triangle on top with half units."""

    name = "composite_area"
    topic = "7.G.B.6"
    style = "decimal"
    context_hint = "floors, walls, frames and garden beds made of simple shapes"
    strategy = (
        "Split the figure into rectangles and triangles, or take a piece away from a larger "
        "rectangle, and add or subtract their areas."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier in (1, 4):
            return self._l_shape(rng, halves=tier == 4)
        if tier in (2, 5):
            return self._house(rng, halves=tier == 5)
        return self._frame(rng)

    def _l_shape(self, rng: Random, halves: bool) -> Draft:
        place, unit, word = rng.choice(L_PLACES)
        bottom, left = rng.randint(6, 20), rng.randint(6, 20)
        top, right = rng.randint(2, bottom - 2), rng.randint(2, left - 2)
        b, lf, t, rt = (Fraction(v) for v in (bottom, left, top, right))
        if halves:
            b, t = b + Fraction(1, 2), t + Fraction(1, 2)
        area = b * rt + t * (lf - rt)
        question = (
            f"An L-shaped {place} has square corners. Its bottom edge is {dec(b)} {unit}, its "
            f"left edge is {dec(lf)} {unit}, its top edge is {dec(t)} {unit} and its short "
            f"right edge is {dec(rt)} {unit}. What is its area, in square {word}?"
        )
        return Draft(
            question=question,
            answer=area,
            solution=[
                f"Cut it into a bottom rectangle {dec(b)} by {dec(rt)} and a top rectangle "
                f"{dec(t)} by {dec(lf)} - {dec(rt)}.",
                f"{dec(b * rt)} + {dec(t * (lf - rt))} = {dec(area)} square {word}.",
            ],
            wrong=[
                (b * lf, "found the area of the whole rectangle around the L"),
                (b * rt + t * lf, "counted the corner where the two rectangles meet twice"),
                (2 * (b + lf), "found the perimeter instead of the area"),
                (b * rt + t * rt, "used the short right edge as the top part's height"),
            ],
            figure=l_shape(b, lf, t, rt, unit=unit, show=dec),
        )

    def _house(self, rng: Random, halves: bool) -> Draft:
        place, unit, word = rng.choice(WALLS)
        while True:
            base, wall, roof = (
                Fraction(rng.randint(lo, hi)) for lo, hi in ((4, 16), (3, 10), (2, 8))
            )
            if halves:
                base, roof = base + Fraction(1, 2), roof + Fraction(1, 2)
            if halves or (base * roof) % 2 == 0:
                break
        rect, tri = base * wall, base * roof / 2
        area = rect + tri
        question = (
            f"The {place} is a rectangle {dec(base)} {unit} wide and {dec(wall)} {unit} tall "
            f"with a triangle on top. The triangle's height is {dec(roof)} {unit}. What is the "
            f"area of the whole shape, in square {word}?"
        )
        return Draft(
            question=question,
            answer=area,
            solution=[
                f"Rectangle: {dec(base)} × {dec(wall)}. Triangle: {dec(base)} × {dec(roof)} ÷ 2.",
                f"{dec(rect)} + {dec(tri)} = {dec(area)} square {word}.",
            ],
            wrong=[
                (rect + base * roof, "forgot to halve the triangle"),
                (rect, "left out the triangle"),
                (rect + wall * roof / 2, "used the wall's height as the triangle's base"),
                (base * (wall + roof) / 2, "halved the whole shape as if it were a triangle"),
            ],
            figure=house_shape(base, wall, roof, unit=unit, show=dec),
        )

    def _frame(self, rng: Random) -> Draft:
        while True:
            ow, oh = rng.randint(8, 40), rng.randint(6, 30)
            iw, ih = rng.randint(3, ow - 2), rng.randint(3, oh - 2)
            if (ow - iw) % 2 == 0 and (oh - ih) % 2 == 0:  # an even border all round
                break
        w, h, a, b = (Fraction(v) for v in (ow, oh, iw, ih))
        area = w * h - a * b
        return Draft(
            question=f"A picture frame is a rectangle {dec(w)} cm by {dec(h)} cm with a "
            f"rectangular opening {dec(a)} cm by {dec(b)} cm. What is the area of the frame "
            "itself, in square centimeters?",
            answer=area,
            solution=[
                f"Whole rectangle: {dec(w)} × {dec(h)}. Opening: {dec(a)} × {dec(b)}.",
                f"{dec(w * h)} - {dec(a * b)} = {dec(area)} square centimeters.",
            ],
            wrong=[
                (w * h, "forgot to take away the opening"),
                (w * h + a * b, "added the opening instead of taking it away"),
                ((w - a) * (h - b), "multiplied the differences of the sides"),
                (a * b, "found the area of the opening"),
            ],
            figure=frame((w, h), (a, b), show=dec),
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        n = rationals(core.numbers)
        if "L-shaped" in q:
            bottom, left, top, right = n
            return bottom * left - (bottom - top) * (left - right)  # the whole less the notch
        if "frame" in q:
            return n[0] * n[1] - n[2] * n[3]
        base, wall, roof = n
        return base * (wall + roof / 2)


# Right triangles with whole sides (legs, longest side), for prisms whose ends are triangles.
TRIPLES = ((3, 4, 5), (6, 8, 10), (5, 12, 13), (9, 12, 15), (8, 15, 17), (12, 16, 20))


class PrismMeasures(Family):
    """Volume and surface area of right prisms. Tiers: the volume of a prism whose ends are
    right triangles; the surface area of a box with no lid; the surface area of a prism whose
    ends are right triangles; the volume of such a prism with a half-unit length; the water
    still needed to fill a partly filled tank."""

    name = "prism_measures"
    topic = "7.G.B.6"
    style = "decimal"
    context_hint = "boxes, tanks, tents and ramps shaped like prisms"
    strategy = (
        "Volume is the area of the base times the prism's length; surface area is the sum of "
        "the areas of all the faces."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier == 2:
            return self._open_box(rng)
        if tier == 5:
            return self._tank(rng)
        a, b, c = (Fraction(v) for v in rng.choice(TRIPLES))
        if rng.random() < 0.5:
            a, b = b, a
        length = Fraction(rng.randint(4, 30)) + (Fraction(1, 2) if tier == 4 else 0)
        solid = (
            f"A prism is {dec(length)} cm long. Its two ends are right triangles with legs of "
            f"{dec(a)} cm and {dec(b)} cm and a longest side of {dec(c)} cm."
        )
        end = a * b / 2
        figure = triangular_prism(a, b, c, length, show=dec)
        if tier == 3:
            sides = (a + b + c) * length
            return Draft(
                question=f"{solid} What is its surface area, in square centimeters?",
                answer=2 * end + sides,
                solution=[
                    f"Two triangles: 2 × {dec(a)} × {dec(b)} ÷ 2 = {dec(2 * end)}.",
                    f"Three rectangles: ({dec(a)} + {dec(b)} + {dec(c)}) × {dec(length)} = "
                    f"{dec(sides)}.",
                    f"Total: {dec(2 * end + sides)} square centimeters.",
                ],
                wrong=[
                    (4 * end + sides, "forgot to halve the triangles"),
                    (sides, "left out the two triangular ends"),
                    (end + sides, "counted only one triangular end"),
                    (end * length, "found the volume instead"),
                ],
                figure=figure,
            )
        volume = end * length
        return Draft(
            question=f"{solid} What is its volume, in cubic centimeters?",
            answer=volume,
            solution=[
                f"Area of an end: {dec(a)} × {dec(b)} ÷ 2 = {dec(end)} square centimeters.",
                f"Volume = {dec(end)} × {dec(length)} = {dec(volume)} cubic centimeters.",
            ],
            wrong=[
                (2 * volume, "forgot to halve the triangle"),
                (a * b * c / 2, "multiplied the three sides of the triangle"),
                ((a + b + c) * length, "multiplied the perimeter of an end by the length"),
                (end, "found the area of one end only"),
            ],
            figure=figure,
        )

    def _open_box(self, rng: Random) -> Draft:
        length, width, height = (
            Fraction(rng.randint(lo, hi)) for lo, hi in ((8, 40), (5, 30), (3, 20))
        )
        area = length * width + 2 * length * height + 2 * width * height
        return Draft(
            question=f"A box with no lid is {dec(length)} cm long, {dec(width)} cm wide and "
            f"{dec(height)} cm tall. How much cardboard covers its outside, in square "
            "centimeters?",
            answer=area,
            solution=[
                f"Bottom: {dec(length)} × {dec(width)}. Front and back: 2 × {dec(length)} × "
                f"{dec(height)}. Two ends: 2 × {dec(width)} × {dec(height)}.",
                f"{dec(length * width)} + {dec(2 * length * height)} + "
                f"{dec(2 * width * height)} = {dec(area)} square centimeters.",
            ],
            wrong=[
                (area + length * width, "included a lid"),
                (length * width * height, "found the volume instead"),
                (
                    length * width + length * height + width * height,
                    "counted each pair of faces once",
                ),
            ],
            figure=rectangular_prism(length, width, height, show=dec),
        )

    def _tank(self, rng: Random) -> Draft:
        length, width, height = (
            Fraction(rng.randint(lo, hi)) for lo, hi in ((20, 80), (15, 40), (15, 50))
        )
        depth = Fraction(rng.randint(3, int(height) - 3))
        more = length * width * (height - depth)
        return Draft(
            question=f"A fish tank is {dec(length)} cm long, {dec(width)} cm wide and "
            f"{dec(height)} cm tall. Water fills it to a depth of {dec(depth)} cm. How many "
            "more cubic centimeters of water will fill it to the top?",
            answer=more,
            solution=[
                f"The empty part is {dec(height)} - {dec(depth)} cm tall.",
                f"{dec(length)} × {dec(width)} × {dec(height - depth)} = {dec(more)} cubic "
                "centimeters.",
            ],
            wrong=[
                (length * width * depth, "found the water already in the tank"),
                (length * width * height, "found the volume of the whole tank"),
                (length * width * height - depth, "subtracted the depth from the volume"),
            ],
            figure=rectangular_prism(length, width, height, show=dec),
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        n = rationals(core.numbers)
        if "fish tank" in q:
            length, width, height, depth = n
            return length * width * height - length * width * depth
        if "no lid" in q:
            length, width, height = n
            return 2 * (length * width + length * height + width * height) - length * width
        length, a, b, c = n
        if a**2 + b**2 != c**2:
            raise ValueError("the ends are not right triangles")
        if "volume" in q:
            return a * b / 2 * length
        return a * b + (a + b + c) * length


FAMILIES: tuple[type[Family], ...] = (
    ScaleDrawing,
    TriangleThirdSide,
    TriangleConditions,
    CrossSection,
    CircleInPi,
    CircleDecimal,
    AngleEquation,
    CompositeArea,
    PrismMeasures,
)
