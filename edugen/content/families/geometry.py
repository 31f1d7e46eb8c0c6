"""Area, volume, polygons on the coordinate plane and surface area."""

from __future__ import annotations

import re
from fractions import Fraction
from random import Random
from typing import Any

import sympy

from edugen.content.cores import ItemCore
from edugen.content.families.base import Draft, Family, question_part
from edugen.content.families.common import fmt, listing, rationals, to_sympy
from edugen.content.families.signed import nonzero, point
from edugen.content.figures import (
    coordinate_plane,
    parallelogram,
    rectangular_prism,
    trapezoid,
    triangle,
    triangular_prism,
)


def not_whole(rng: Random, low: int, high: int, denominators: tuple[int, ...] = (2,)) -> Fraction:
    """A length such as 3.5 or 9/4: between low and high, never a whole number."""
    while True:
        d = rng.choice(denominators)
        x = Fraction(rng.randint(low * d, high * d), d)
        if x.denominator > 1:
            return x


class Area(Family):
    """Areas of triangles and quadrilaterals. Tiers: a triangle with a whole area; a
    parallelogram with its slanted side given; a triangle with a half in its area; a
    trapezoid; a triangle or trapezoid with decimal lengths."""

    name = "polygon_area"
    topic = "6.G.A.1"
    style = "decimal"
    context_hint = "covering a flat shape such as a garden bed, a sail or a ramp"
    strategy = "Recall the area formula for the shape and which lengths it uses."

    def draft(self, tier: int, rng: Random) -> Draft:
        shape = {1: "triangle", 2: "parallelogram", 3: "triangle", 4: "trapezoid"}.get(
            tier, rng.choice(("triangle", "trapezoid"))
        )
        while True:
            b, h, s = (Fraction(rng.randint(2, 20)) for _ in range(3))
            if tier == 5:
                b = not_whole(rng, 2, 15)
            even = (b * h) % 2 == 0
            if {1: even, 2: s > h, 3: not even}.get(tier, True):
                break
        show = self.show
        if shape == "trapezoid":
            b2 = b + rng.randint(1, 10)
            answer = (b + b2) * h / 2
            question = (
                f"A trapezoid has bases {show(b)} cm and {show(b2)} cm and height {show(h)} cm."
            )
            steps = [
                f"Average the bases and multiply by the height: ({show(b)} + {show(b2)}) ÷ 2 × "
                f"{show(h)}."
            ]
            figure = trapezoid(b, b2, h, show=show)
            wrong = [
                ((b + b2) * h, "added the bases but forgot to halve"),
                (b2 * h, "used only the longer base"),
                ((b / 2 + b2) * h, "halved only one base"),
            ]
        elif shape == "parallelogram":
            answer = b * h
            question = (
                f"A parallelogram has base {show(b)} cm, slanted side {show(s)} cm, and "
                f"height {show(h)} cm."
            )
            steps = [f"Base times height (not the slanted side): {show(b)} × {show(h)}."]
            figure = parallelogram(b, s, h, show=show)
            wrong = [
                (b * s, "multiplied the base by the slanted side"),
                (b * h / 2, "halved it like a triangle"),
                (2 * (b + s), "found the perimeter instead"),
            ]
        else:
            answer = b * h / 2
            question = f"A triangle has base {show(b)} cm and height {show(h)} cm."
            steps = [f"Half of base times height: {show(b)} × {show(h)} ÷ 2."]
            figure = triangle(b, h, show=show)
            wrong = [
                (b * h, "forgot to halve"),
                (b + h, "added the base and the height"),
                (b * h / 4, "halved both the base and the height"),
            ]
        return Draft(
            # Two short sentences: the shape and its lengths, then the question.
            question=f"{question} What is its area in square centimeters?",
            answer=answer,
            solution=[*steps, f"The area is {show(answer)} square centimeters."],
            wrong=wrong,
            figure=figure,
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        h = to_sympy(question_part(q, r"height (\S+) cm")[0])
        if "trapezoid" in q:
            b1, b2 = map(to_sympy, question_part(q, r"bases (\S+) cm and (\S+) cm"))
            return (b1 + b2) * h / 2
        b = to_sympy(question_part(q, r"base (\S+) cm")[0])
        return b * h if "parallelogram" in q else b * h / 2


class Volume(Family):
    """Volume of boxes with fractional edges. Tiers: whole edges; one edge with a half; two
    fractional edges; three; how many small cubes fill a box."""

    name = "box_volume"
    topic = "6.G.A.2"
    context_hint = "packing or filling a box, tank or drawer"
    strategy = "Volume is length times width times height."

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier == 5:
            edge = Fraction(1, rng.choice((2, 3, 4)))
            dims = [edge * rng.randint(2, 9) for _ in range(3)]
        else:
            fractional = tier - 1
            dims = [
                not_whole(rng, 1, 6, (2, 4)) if i < fractional else Fraction(rng.randint(2, 9))
                for i in range(3)
            ]
            rng.shuffle(dims)
        length, width, height = dims
        volume = length * width * height
        box = f"a box {fmt(length)} ft long, {fmt(width)} ft wide, and {fmt(height)} ft tall"
        figure = rectangular_prism(length, width, height, unit="ft", show=fmt)
        steps = [
            f"Volume = length × width × height = {fmt(length)} × {fmt(width)} × {fmt(height)} = "
            f"{fmt(volume)} cubic feet."
        ]
        if tier == 5:
            cube = edge**3
            return Draft(
                question=f"How many cubes with edges of {fmt(edge)} ft fill {box}?",
                answer=volume / cube,
                solution=[
                    *steps,
                    f"One cube holds {fmt(edge)} × {fmt(edge)} × {fmt(edge)} = {fmt(cube)} "
                    "cubic feet.",
                    f"{fmt(volume)} ÷ {fmt(cube)} = {fmt(volume / cube)} cubes.",
                ],
                wrong=[
                    (volume / edge, "divided by the edge length instead of the cube's volume"),
                    (volume, "gave the volume instead of the number of cubes"),
                    (volume / edge**2, "divided by the area of one face of a cube"),
                ],
                figure=figure,
            )
        return Draft(
            question=f"What is the volume, in cubic feet, of {box}?",
            answer=volume,
            solution=steps,
            wrong=[
                (length + width + height, "added the edge lengths"),
                (length * width, "found the area of one face"),
                (2 * (length * width + length * height + width * height), "found the surface area"),
            ],
            figure=figure,
        )

    def expected(self, core: ItemCore) -> Any:
        nums = rationals(core.numbers)
        if "cubes" in core.question:
            return nums[1] * nums[2] * nums[3] / nums[0] ** 3
        return nums[0] * nums[1] * nums[2]


class CoordinatePolygon(Family):
    """Polygons drawn on the coordinate plane. Tiers: a side's length; a rectangle's area in
    the first quadrant; a rectangle's area across the axes; its perimeter; a right
    triangle's area across the axes."""

    name = "coordinate_polygon"
    topic = "6.G.A.3"
    style = "decimal"
    context_hint = "a park, field or room drawn on a map grid"
    strategy = "Find the side lengths from the differences of the coordinates."

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier <= 2:
            x1, x2 = sorted(rng.sample(range(1, 13), 2))
            y1, y2 = sorted(rng.sample(range(1, 13), 2))
        else:
            x1, x2 = int(nonzero(rng, 9, True)), int(nonzero(rng, 9, False))
            y1, y2 = int(nonzero(rng, 9, True)), int(nonzero(rng, 9, False))
        w, h = Fraction(x2 - x1), Fraction(y2 - y1)
        ignore = (Fraction(abs(abs(x1) - abs(x2))), Fraction(abs(abs(y1) - abs(y2))))
        if tier == 1:
            return Draft(
                question=f"What is the length of the side from {point((x1, y1))} to "
                f"{point((x2, y1))}?",
                answer=w,
                solution=[
                    "The y-coordinates match, so subtract the x-coordinates.",
                    f"{x2} - {x1} = {fmt(w)}.",
                ],
                wrong=[
                    (Fraction(x1 + x2), "added the coordinates"),
                    (w + 1, "counted the grid points instead of the spaces between them"),
                    (Fraction(x2), "used only the larger coordinate"),
                ],
                figure=coordinate_plane(lines=[((x1, y1), (x2, y1))]),
            )
        corners = [(x1, y1), (x2, y1), (x2, y2)] + ([] if tier == 5 else [(x1, y2)])
        shape = "right triangle" if tier == 5 else "rectangle"
        asked = "perimeter" if tier == 4 else "area"
        sides = f"The sides are {x2} - ({x1}) = {fmt(w)} and {y2} - ({y1}) = {fmt(h)} units long."
        if tier == 4:
            answer = 2 * (w + h)
            wrong = [
                (w * h, "found the area instead"),
                (w + h, "added only two sides"),
                (2 * sum(ignore), "subtracted the distances from zero instead of adding them"),
            ]
        else:
            answer = w * h / (2 if tier == 5 else 1)
            wrong = [
                (
                    w * h if tier == 5 else 2 * (w + h),
                    "forgot to halve" if tier == 5 else "found the perimeter instead",
                ),
                (
                    ignore[0] * ignore[1] / (2 if tier == 5 else 1),
                    "subtracted the distances from zero instead of adding them",
                ),
                (w + h, "added the side lengths"),
                ((w + 1) * (h + 1), "counted the grid points instead of the spaces between them"),
                (Fraction(abs(x2 * y2)), "used the far corner's coordinates as the side lengths"),
            ]
        return Draft(
            question=f"A {shape} has vertices {listing([point(c) for c in corners[:-1]])}, and "
            f"{point(corners[-1])}. What is its {asked}?",
            answer=answer,
            solution=[sides, f"The {asked} is {self.show(answer)}."],
            wrong=wrong,
            figure=coordinate_plane(polygons=[corners]),
        )

    def expected(self, core: ItemCore) -> Any:
        pts = [
            sympy.Point2D(*map(to_sympy, p)) for p in re.findall(r"\((\S+), (\S+)\)", core.question)
        ]
        if len(pts) == 2:
            return pts[0].distance(pts[1])
        polygon = sympy.Polygon(*pts)
        return polygon.perimeter if "perimeter" in core.question else abs(polygon.area)


# The solid first, then the question, in short sentences: read at the grade the topic is taught.
SURFACE = "What is its surface area in square centimeters?"
# (unit, as written after a length, the most edge that is plausible for a cube in it)
CUBE_UNITS = (
    ("centimeters", "cm", 30),
    ("centimeters", "cm", 30),
    ("meters", "m", 5),
    ("inches", "inches", 24),
    ("feet", "feet", 8),
)


class SurfaceArea(Family):
    """Surface area from nets. Tiers: a cube in cm, m, inches or feet; a small prism; a larger
    prism; a prism with a decimal edge; a triangular prism with right-triangle ends."""

    name = "surface_area"
    topic = "6.G.A.4"
    style = "decimal"
    context_hint = "wrapping a box or painting every face of a solid"
    strategy = "The net has pairs of matching rectangles: find the area of each face and add."

    def draft(self, tier: int, rng: Random) -> Draft:
        show = self.show
        if tier == 1:
            return self._cube(rng)
        if tier == 5:
            k, depth = rng.randint(1, 4), Fraction(rng.randint(2, 20))
            a, b, c = (Fraction(n * k) for n in (3, 4, 5))
            ends, sides = a * b, (a + b + c) * depth
            return Draft(
                question="A triangular prism has right triangles at its ends. Each triangle "
                f"has legs of {show(a)} cm and {show(b)} cm. The longest side is {show(c)} cm. "
                f"The prism is {show(depth)} cm long. {SURFACE}",
                answer=ends + sides,
                solution=[
                    f"Two triangles: 2 × ({show(a)} × {show(b)} ÷ 2) = {show(ends)}.",
                    f"Three rectangles: ({show(a)} + {show(b)} + {show(c)}) × {show(depth)} = "
                    f"{show(sides)}.",
                    f"Total: {show(ends + sides)}.",
                ],
                wrong=[
                    (2 * ends + sides, "forgot to halve the triangles"),
                    (ends / 2 + sides, "counted only one triangle"),
                    (sides, "left out the two triangles"),
                    (ends * depth / 2, "found the volume"),
                ],
                figure=triangular_prism(a, b, c, depth, show=show),
            )
        top = 6 if tier == 2 else 12
        length, width, height = (Fraction(rng.randint(2, top)) for _ in range(3))
        if tier == 4:
            length = not_whole(rng, 2, 9)
        faces = [length * width, length * height, width * height]
        area = 2 * sum(faces)
        return Draft(
            question=f"A rectangular prism is {show(length)} cm by {show(width)} cm by "
            f"{show(height)} cm. {SURFACE}",
            answer=area,
            solution=[
                "The net has three pairs of matching rectangles.",
                f"2 × ({listing([show(f) for f in faces]).replace(', ', ' + ')}) = {show(area)}.",
            ],
            wrong=[
                (length * width * height, "found the volume"),
                (sum(faces), "counted each pair of faces once"),
                (6 * length * width, "used one face six times"),
            ],
            figure=rectangular_prism(length, width, height, show=show),
        )

    def _cube(self, rng: Random) -> Draft:
        s = Fraction(rng.randint(2, 30))
        unit, symbol, top = rng.choice(CUBE_UNITS)
        if unit != "centimeters":  # centimeters keep the edge drawn first, as before
            s = Fraction(rng.randint(2, top))
        edge = f"{self.show(s)} {symbol}"
        net = rng.random() < 0.25
        question = (
            f"The net of a cube is six squares with sides of {edge}. What is the area of the net "
            f"in square {unit}?"
            if net
            else f"A cube has edges of {edge}. What is its surface area in square {unit}?"
        )
        return Draft(
            question=question,
            answer=6 * s * s,
            solution=[
                f"A cube's net has 6 squares of {self.show(s)} × {self.show(s)} = "
                f"{self.show(s * s)}.",
                f"6 × {self.show(s * s)} = {self.show(6 * s * s)}.",
            ],
            wrong=[
                (s * s, "found the area of one face"),
                (4 * s * s, "counted only four faces"),
                (s**3, "found the volume"),
                (12 * s, "added the lengths of the twelve edges"),
            ],
            figure=rectangular_prism(s, s, s, unit=symbol, show=self.show),
        )

    def expected(self, core: ItemCore) -> Any:
        n = rationals(core.numbers)
        if "cube" in core.question:
            return 6 * n[0] ** 2
        if "triangular" in core.question:
            a, b, c, length = n
            if a**2 + b**2 != c**2:
                raise ValueError("the ends are not right triangles")
            return a * b + (a + b + c) * length
        length, width, height = n
        return 2 * (length * width + length * height + width * height)


FAMILIES: tuple[type[Family], ...] = (Area, Volume, CoordinatePolygon, SurfaceArea)
