"""Grade-8 geometry: transformations, congruence and similarity, angles, the Pythagorean
theorem, volume (8.G).

Rigid motions and dilations are `Move` values: each writes its own words ("reflected across
the x-axis") and `moves_in` reads those words back from a question, so every `expected` works
from the question's text alone. Lengths that are not whole come to the nearest tenth, said in
the question, with a numeric tolerance of half a tenth; volumes say whether to use 3.14 or to
answer in terms of π.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from random import Random
from typing import Any

import sympy

from edugen.content.cores import ItemCore, Kind
from edugen.content.families.base import Answer, Draft, Family, question_part
from edugen.content.families.common import X, fmt, to_sympy
from edugen.content.families.signed import point
from edugen.content.figures import coordinate_plane, cylinder, rectangular_prism
from edugen.content.figures.grade8_geometry_figs import (
    angle_triangle,
    cone,
    right_triangle,
    similar_triangles,
    sphere,
    squares_on_sides,
    transversal,
)
from edugen.schemas import Figure

Wrong = list[tuple[Answer | None, str]]
Pt = tuple[Fraction, Fraction]
_PAIR = re.compile(r"\((-?[\d./]+), (-?[\d./]+)\)")
NEAREST = "Round to the nearest tenth."
PI = sympy.Symbol("π")


def F(n: int | str | Fraction, d: int = 1) -> Fraction:
    return Fraction(n) / d


def pairs_in(text: str) -> list[Pt]:
    """Every ordered pair a text writes."""
    return [(Fraction(a), Fraction(b)) for a, b in _PAIR.findall(text)]


def length(p: Pt, q: Pt) -> Any:
    """The exact distance between two points, as sympy."""
    square = (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2
    return sympy.sqrt(sympy.Rational(square.numerator, square.denominator))


def tenth(value: Any) -> Fraction:
    """A value rounded half up to the nearest tenth, exactly."""
    digits = Decimal(str(sympy.N(value, 40)))
    return Fraction(digits.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def root_tenth(square: Fraction) -> Fraction:
    """The square root of a non-negative number to the nearest tenth."""
    return tenth(sympy.sqrt(sympy.Rational(square.numerator, square.denominator)))


def pick(rng: Random, low: int, high: int, avoid: tuple[int, ...] = (0,)) -> Fraction:
    return Fraction(rng.choice([n for n in range(low, high + 1) if n not in avoid]))


# --- rigid motions and dilations ------------------------------------------------------------


@dataclass(frozen=True)
class Move:
    """One transformation of the plane: translate (by a, b), reflect_x, reflect_y, cw, ccw
    (90° about the origin), half (180° about the origin) or dilate (by a, centre the origin)."""

    kind: str
    a: Fraction = Fraction(0)
    b: Fraction = Fraction(0)

    def __call__(self, p: Pt) -> Pt:
        x, y = p
        return {
            "translate": (x + self.a, y + self.b),
            "reflect_x": (x, -y),
            "reflect_y": (-x, y),
            "cw": (y, -x),
            "ccw": (-y, x),
            "half": (-x, -y),
            "dilate": (self.a * x, self.a * y),
        }[self.kind]

    @property
    def text(self) -> str:
        if self.kind == "translate":
            parts = [
                f"{fmt(abs(v))} unit{'s' if abs(v) != 1 else ''} {pos if v > 0 else neg}"
                for v, pos, neg in ((self.a, "right", "left"), (self.b, "up", "down"))
                if v
            ]
            return "translated " + " and ".join(parts)
        if self.kind == "dilate":
            return f"dilated by a scale factor of {fmt(self.a)} with center at the origin"
        return {
            "reflect_x": "reflected across the x-axis",
            "reflect_y": "reflected across the y-axis",
            "cw": "rotated 90° clockwise about the origin",
            "ccw": "rotated 90° counterclockwise about the origin",
            "half": "rotated 180° about the origin",
        }[self.kind]


_MOVE = re.compile(
    r"translated (\d+) units? (left|right|up|down)(?: and (\d+) units? (up|down))?"
    r"|reflected across the ([xy])-axis"
    r"|rotated 90° (clockwise|counterclockwise) about the origin"
    r"|(rotated 180° about the origin)"
    r"|dilated by a scale factor of ([\d./]+) with center"
)
_STEP = {"left": (-1, 0), "right": (1, 0), "up": (0, 1), "down": (0, -1)}


def moves_in(text: str) -> list[Move]:
    """The moves a question names, in the order it names them."""
    out = []
    for found in _MOVE.finditer(text):
        n1, way1, n2, way2, axis, turn, half, k = found.groups()
        if n1:
            a = b = Fraction(0)
            for n, way in ((n1, way1), (n2, way2)):
                if n:
                    a, b = a + int(n) * _STEP[way][0], b + int(n) * _STEP[way][1]
            out.append(Move("translate", a, b))
        elif axis:
            out.append(Move(f"reflect_{axis}"))
        elif turn:
            out.append(Move("cw" if turn == "clockwise" else "ccw"))
        elif half:
            out.append(Move("half"))
        else:
            out.append(Move("dilate", Fraction(k)))
    return out


def slide(rng: Random, most: int = 6) -> Move:
    a, b = pick(rng, -most, most), pick(rng, -most, most)
    return Move("translate", a, b)


RIGID = ("reflect_x", "reflect_y", "cw", "ccw", "half")


def seq(p: Pt, moves: list[Move]) -> Pt:
    for m in moves:
        p = m(p)
    return p


def pt(p: Pt) -> str:
    return point(p)


def named(names: str, corners: list[Pt]) -> str:
    """ "A(1, 2), B(4, 2) and C(1, 5)"."""
    texts = [f"{n}{pt(p)}" for n, p in zip(names, corners, strict=True)]
    return ", ".join(texts[:-1]) + f" and {texts[-1]}"


def plane_of(polygons: list[list[Pt]], reach: Sequence[Pt] = ()) -> Figure:
    return coordinate_plane(polygons=polygons, reach=reach, show=fmt)


class RigidLength(Family):
    """Rigid motions keep lengths (8.G.A.1.a). Tiers: a level segment slid; an upright
    segment reflected across an axis; a segment turned 90° or 180°; two moves in a row; the
    perimeter of a rectangle after two moves."""

    name = "rigid_motion_length"
    topic = "8.G.A.1.a"
    context_hint = "a shape moved on a grid, such as a game piece slid, flipped or turned"
    strategy = (
        "A slide, a flip or a turn never stretches a shape, so measure the original: the "
        "image has the same length."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier == 1:
            moves = [Move("translate", pick(rng, 1, 8), pick(rng, -5, 5))]
        elif tier == 2:
            moves = [Move(rng.choice(("reflect_x", "reflect_y")))]
        elif tier == 3:
            moves = [Move(rng.choice(("cw", "ccw", "half")))]
        else:
            moves = [slide(rng), Move(rng.choice(RIGID))]
            rng.shuffle(moves)
        low = 1 if tier == 1 else -8
        while True:
            x1, x2 = sorted(rng.sample(range(low, 10), 2))
            y1, y2 = sorted(rng.sample(range(low, 10), 2))
            if x2 - x1 >= 2 and y2 - y1 >= 2:
                break
        how = " and then ".join(m.text for m in moves)
        shift = sum((abs(m.a) + abs(m.b) for m in moves if m.kind == "translate"), F(0))
        if tier == 5:
            w, h = F(x2 - x1), F(y2 - y1)
            corners = [(F(x1), F(y1)), (F(x2), F(y1)), (F(x2), F(y2)), (F(x1), F(y2))]
            images = [seq(c, moves) for c in corners]
            return Draft(
                question=f"Rectangle ABCD has vertices {named('ABCD', corners)}. It is {how}. "
                "What is the perimeter of the image A'B'C'D', in units?",
                answer=2 * (w + h),
                solution=[
                    "Slides, flips and turns keep every side the same length.",
                    f"The sides are {fmt(w)} and {fmt(h)} units, so the perimeter is "
                    f"2 × ({fmt(w)} + {fmt(h)}) = {fmt(2 * (w + h))}.",
                ],
                wrong=[
                    (w + h, "added only two of the four sides"),
                    (w * h, "found the area instead of the perimeter"),
                    (2 * (w + h) + 4 * shift, "added the slide to each side"),
                    (4 * max(w, h), "used the longer side for all four sides"),
                ],
                figure=plane_of([corners], images),
            )
        level = rng.random() < 0.5
        p, q = ((F(x1), F(y1)), (F(x2), F(y1))) if level else ((F(x1), F(y1)), (F(x1), F(y2)))
        size = q[0] - p[0] if level else q[1] - p[1]
        image = [seq(p, moves), seq(q, moves)]
        moved = image[0][0] == p[0] or image[0][1] == p[1]
        return Draft(
            question=f"Segment AB has endpoints A{pt(p)} and B{pt(q)}. It is {how}. How long "
            "is its image A'B', in units?",
            answer=size,
            solution=[
                f"A segment keeps its length when it is {how}.",
                f"AB is {'level' if level else 'upright'}, so its length is the difference of "
                f"the {'x' if level else 'y'}-coordinates: {fmt(size)} units.",
            ],
            wrong=[
                (size + shift if shift else None, "added the slide to the length"),
                (2 * size, "thought the move stretches the segment to twice its length"),
                (
                    abs((q[0] + p[0]) if level else (q[1] + p[1])),
                    "added the coordinates instead of subtracting them",
                ),
                (
                    abs(image[0][0] - p[0]) + abs(image[0][1] - p[1])
                    if moved and image[0] != p
                    else None,
                    "measured how far point A moved instead of the length of A'B'",
                ),
                (size / 2, "thought the move halves the segment"),
            ],
            figure=coordinate_plane(
                points=[(p, "A"), (q, "B")], lines=[(p, q)], reach=image, show=fmt
            ),
        )

    def expected(self, core: ItemCore) -> Any:
        moves = moves_in(core.question)
        corners = [seq(c, moves) for c in pairs_in(core.question)]
        if "perimeter" in core.question:
            return sum(length(c, corners[k - 1]) for k, c in enumerate(corners))
        return length(corners[0], corners[1])


def degrees(text: str) -> str:
    return f"{text}°"


class RigidAngle(Family):
    """Rigid motions keep angle measures (8.G.A.1.b). Tiers: the image of a marked angle;
    the image's third angle from two; an angle of the image from an exterior angle; two moves
    and an image angle written (ax + b)°; an angle and its image both written with x."""

    name = "rigid_motion_angle"
    topic = "8.G.A.1.b"
    context_hint = "a triangle moved on a grid, such as a sail or a roof shape flipped or turned"
    strategy = (
        "A slide, a flip or a turn never changes the size of an angle, so the image's angle "
        "equals the matching angle of the original."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        moves = [Move(rng.choice(RIGID))] if tier < 4 else [slide(rng), Move(rng.choice(RIGID))]
        how = " and then ".join(m.text for m in moves)
        while True:
            a, b = rng.randint(25, 95), rng.randint(25, 95)
            if a + b <= 155 and a != b:
                break
        c = 180 - a - b
        start = f"Triangle ABC is {how} to make triangle A'B'C'."
        if tier == 1:
            return Draft(
                question=f"{start} Angle A measures {a}°. What is the measure of angle A', in "
                "degrees?",
                answer=F(a),
                solution=[
                    f"Being {how} does not change an angle's size.",
                    f"Angle A' matches angle A: {a}°.",
                ],
                wrong=[
                    (F(180 - a), "thought the move turns the angle into its supplement"),
                    (F(90 - a) if a < 90 else None, "thought the move gives the complement"),
                    (F(a + 90) if moves[0].kind in ("cw", "ccw") else None, "added the turn"),
                    (F(360 - a), "measured the angle the other way around after the move"),
                    (F(2 * a), "thought the move doubles the angle"),
                ],
                figure=angle_triangle((a, b), (degrees(str(a)), "", "")),
            )
        if tier == 2:
            return Draft(
                question=f"{start} Angle A measures {a}° and angle B measures {b}°. What is the "
                "measure of angle C', in degrees?",
                answer=F(c),
                solution=[
                    "The image has the same angles as the original, and a triangle's angles "
                    "add to 180°.",
                    f"Angle C' = 180° - {a}° - {b}° = {c}°.",
                ],
                wrong=[
                    (F(a + b), "added the two given angles"),
                    (F(360 - a - b), "used 360° as the sum of a triangle's angles"),
                    (F(180 - a), "subtracted only one of the angles from 180°"),
                    (F(180 - b), "subtracted only one of the angles from 180°"),
                ],
                figure=angle_triangle((a, b), (degrees(str(a)), degrees(str(b)), "x°")),
            )
        if tier == 3:
            return Draft(
                question=f"{start} Side AC is extended past C, and the exterior angle at C "
                f"measures {a + b}°. Angle A measures {a}°. What is the measure of angle B', in "
                "degrees?",
                answer=F(b),
                solution=[
                    "An exterior angle equals the two angles of the triangle away from it, and "
                    "the image keeps every angle.",
                    f"Angle B' = {a + b}° - {a}° = {b}°.",
                ],
                wrong=[
                    (F(180 - (a + b)), "gave the angle inside the triangle at C"),
                    (F(a + b + a), "added the angles instead of subtracting"),
                    (F(180 - a), "subtracted angle A from 180°"),
                    (F(180 - b - (a + b)) if 180 > a + 2 * b else None, "used the angle sum twice"),
                ],
                figure=angle_triangle((a, b), (degrees(str(a)), "", ""), exterior="x°"),
            )
        k = rng.randint(2, 5)
        if tier == 4:
            while True:
                x = rng.randint(4, 30)
                m = rng.randint(-20, 30)
                if 25 <= k * x + m <= 100 and m:
                    break
            angle = k * x + m
            image = f"({k}x {'+' if m > 0 else '-'} {abs(m)})°"
            return Draft(
                question=f"{start} Angle B measures {angle}°, and angle B' measures {image}. "
                "What is x?",
                answer=F(x),
                solution=[
                    f"The moves keep angles, so {k}x {'+' if m > 0 else '-'} {abs(m)} = {angle}.",
                    f"{k}x = {angle - m}, so x = {x}.",
                ],
                wrong=[
                    (F(angle + m, k), "moved the number across without changing its sign"),
                    (F(angle - m), "did not divide by the number in front of x"),
                    (F(180 - angle - m, k), "set the image angle to the supplement of angle B"),
                    (F(angle, k) - m, "divided before moving the number across"),
                ],
                figure=angle_triangle((min(a, 150 - angle), angle), ("", f"{angle}°", "")),
            )
        while True:
            x, n = rng.randint(5, 30), rng.randint(-20, 20)
            m = (k - 1) * x + n
            if 1 <= m <= 60 and 25 <= x + m <= 110 and n:
                break
        a = min(a, 150 - (x + m))
        b = 180 - a - (x + m)
        angle_text = f"(x + {m})°"
        image = f"({k}x {'+' if n > 0 else '-'} {abs(n)})°"
        return Draft(
            question=f"{start} Angle C measures {angle_text}, and angle C' measures {image}. "
            "What is x?",
            answer=F(x),
            solution=[
                f"Angle C' equals angle C, so {k}x {'+' if n > 0 else '-'} {abs(n)} = x + {m}.",
                f"{k - 1}x = {m - n}, so x = {x}.",
            ],
            wrong=[
                (F(m - n, k), "forgot the x on the other side"),
                (F(m + n, k - 1), "moved a number across without changing its sign"),
                (F(m - n, k + 1), "added the x-terms instead of subtracting"),
                (F(x + m), "gave the angle's measure instead of x"),
            ],
            figure=angle_triangle((a, b), ("", "", angle_text)),
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        if found := re.search(r"Angle A measures (\d+)° and angle B measures (\d+)°", q):
            return 180 - int(found[1]) - int(found[2])
        if found := re.search(r"exterior angle at C measures (\d+)°\. Angle A measures (\d+)°", q):
            return int(found[1]) - int(found[2])
        if found := re.search(r"Angle A measures (\d+)°\. What", q):
            return sympy.Integer(found[1])
        left, right = question_part(q, r"measures (.+?)°, and angle \w' measures \((.+?)\)°")
        (x,) = sympy.solve(sympy.Eq(to_sympy(right), to_sympy(left.strip("()"))), X)
        return x


def slope(p: Pt, q: Pt) -> Fraction:
    return (q[1] - p[1]) / (q[0] - p[0])


class RigidParallel(Family):
    """Rigid motions take parallel lines to parallel lines (8.G.A.1.c). Tiers: a slide; a
    half turn; a reflection across an axis; a quarter turn; a slide and then a reflection or
    turn, with fraction slopes."""

    name = "rigid_motion_parallel"
    topic = "8.G.A.1.c"
    kinds = ("multiple_choice",)
    nonnegative = False
    context_hint = "parallel lines moved on a grid, such as rails, stripes or the lines of a road"
    strategy = (
        "Move a pair of points of either line, find the slope of the image through them, and "
        "use that the images of parallel lines are still parallel."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        kind = {1: "translate", 2: "half", 3: rng.choice(("reflect_x", "reflect_y"))}.get(
            tier, rng.choice(("cw", "ccw"))
        )
        moves = [slide(rng) if kind == "translate" else Move(kind)]
        if tier == 5:
            moves = [slide(rng), Move(rng.choice(RIGID))]
        while True:
            run = rng.randint(1, 4)
            rise = rng.choice([n for n in range(-6, 7) if n and abs(n) != run])
            m = F(rise, run)
            if tier < 5 and m.denominator != 1 and rng.random() < 0.6:
                continue
            p1 = (pick(rng, -6, 3, ()), pick(rng, -5, 5, ()))
            p2 = (p1[0] + run, p1[1] + rise)
            q1 = (pick(rng, -6, 3, ()), pick(rng, -5, 5, ()))
            q2 = (
                q1[0] + 2 * run if tier > 3 else q1[0] + run,
                q1[1] + (2 * rise if tier > 3 else rise),
            )
            if q1[1] - m * q1[0] != p1[1] - m * p1[0] and all(abs(c) <= 10 for c in (*p2, *q2)):
                break
        image = slope(seq(q1, moves), seq(q2, moves))
        how = " and then ".join(mv.text for mv in moves)
        return Draft(
            question=f"Line p goes through {pt(p1)} and {pt(p2)}. Line q is parallel to line p "
            f"and goes through {pt(q1)} and {pt(q2)}. Both lines are {how}. What is the slope "
            "of the image of line q?",
            answer=fmt(image),
            solution=[
                "Find where the move takes the points of line p, and the slope of its image "
                "through them.",
                f"The images of parallel lines are parallel, so the image of line q has slope "
                f"{fmt(image)} too.",
            ],
            wrong=[
                (
                    fmt(m) if m != image else None,
                    "kept the original slope, but this move turns the lines",
                ),
                (fmt(-image), "got the sign of the slope wrong after the move"),
                (fmt(1 / image), "found run over rise instead of rise over run"),
                (
                    fmt(-1 / image),
                    "gave a slope at a right angle, as if the images were not parallel",
                ),
            ],
            figure=coordinate_plane(
                lines=[(p1, p2), (q1, q2)],
                reach=[seq(v, moves) for v in (p1, p2, q1, q2)],
                show=fmt,
            ),
        )

    def expected(self, core: ItemCore) -> Any:
        p1, p2, q1, q2 = pairs_in(core.question)
        if slope(p1, p2) != slope(q1, q2):
            raise ValueError("the lines are not parallel")
        moves = moves_in(core.question)
        return sympy.Rational(str(slope(seq(q1, moves), seq(q2, moves))))


FIRST = ("reflect_x", "reflect_y", "half", "cw", "ccw")


class CongruenceSequence(Family):
    """Congruent figures map onto each other by a sequence of rigid motions (8.G.A.2): the
    slide that finishes the sequence. Tiers: a slide alone; a reflection across the x-axis
    then a slide; across the y-axis then a slide; a half turn then a slide; a quarter turn
    then a slide."""

    name = "congruence_sequence"
    topic = "8.G.A.2"
    kinds = ("multiple_choice",)
    context_hint = "two matching shapes on a grid, such as tiles or pieces of a puzzle"
    strategy = (
        "Do the first move to a vertex, then compare where it lands with the matching vertex "
        "of the other figure: the difference is the slide."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        first = (
            [] if tier == 1 else [Move(FIRST[tier - 2] if tier < 5 else rng.choice(("cw", "ccw")))]
        )
        while True:
            ax, ay = pick(rng, -6, 4), pick(rng, -6, 4)
            b = (ax + rng.randint(2, 5), ay + rng.choice((0, rng.randint(-3, 3))))
            c = (ax + rng.randint(0, 3), ay + rng.randint(2, 5))
            corners = [(ax, ay), b, c]
            move = slide(rng, 7)
            images = [seq(v, [*first, move]) for v in corners]
            if all(abs(v) <= 11 for p in images for v in p) and move.a != move.b:
                break
        turned = seq(corners[0], first)
        how = f"is {first[0].text} and then translated" if first else "is translated"
        answer = (move.a, move.b)
        d = images[0]
        other = {
            "reflect_x": Move("reflect_y"),
            "reflect_y": Move("reflect_x"),
            "cw": Move("ccw"),
            "ccw": Move("cw"),
            "half": Move("cw"),
        }
        wrong: Wrong = [
            (
                pt((d[0] - corners[0][0], d[1] - corners[0][1])) if first else None,
                "slid A straight to D without doing the first move",
            ),
            (
                pt((-move.a, -move.b)),
                "subtracted in the wrong order, from the image back to the start",
            ),
            (pt((move.b, move.a)), "swapped the left-right and up-down parts of the slide"),
        ]
        if first:
            wrong_turn = other[first[0].kind](corners[0])
            wrong.insert(
                1,
                (
                    pt((d[0] - wrong_turn[0], d[1] - wrong_turn[1])),
                    "reflected across the other axis"
                    if "reflect" in first[0].kind
                    else "turned the other way",
                ),
            )
        else:
            wrong.append(
                (
                    pt((images[1][0] - corners[0][0], images[1][1] - corners[0][1])),
                    "matched A with E instead of with D",
                )
            )
        return Draft(
            question=f"Triangle ABC has vertices {named('ABC', corners)}. Triangle DEF has "
            f"vertices {named('DEF', images)}. Triangle ABC {how} so that A lands on D, B on "
            "E and C on F. The "
            "translation moves each point (x, y) to (x + a, y + b). What is (a, b)?",
            answer=pt(answer),
            solution=[
                f"After the first move, A is at {pt(turned)}." if first else "Compare A with D.",
                f"From {pt(turned)} to D{pt(d)} is {fmt(move.a)} across and {fmt(move.b)} up, "
                f"so (a, b) = {pt(answer)}.",
            ],
            wrong=wrong,
            figure=plane_of([corners, images]),
        )

    def expected(self, core: ItemCore) -> Any:
        corners = pairs_in(core.question)[:6]
        moves = moves_in(core.question)
        found = [
            (d[0] - s[0], d[1] - s[1])
            for s, d in zip((seq(c, moves) for c in corners[:3]), corners[3:], strict=False)
        ]
        if len(set(found)) != 1:
            raise ValueError("no single translation finishes the sequence")
        return sympy.Tuple(*(sympy.Rational(str(v)) for v in found[0]))


class TransformedPoint(Family):
    """Coordinates after a transformation (8.G.A.3). Tiers: a slide; a reflection across
    an axis; a dilation about the origin; a turn of 90° or 180°; two moves in a row."""

    name = "transformed_point"
    topic = "8.G.A.3"
    kinds = ("multiple_choice",)
    nonnegative = False
    context_hint = "a shape moved or resized on a grid, such as an icon on a screen"
    strategy = (
        "Write the rule for the move as what happens to (x, y), then apply it to the "
        "vertex's coordinates."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier == 1:
            moves = [slide(rng)]
        elif tier == 2:
            moves = [Move(rng.choice(("reflect_x", "reflect_y")))]
        elif tier == 3:
            moves = [Move("dilate", F(rng.choice((2, 3, 4, "1/2", "1/3", "3/2"))))]
        elif tier == 4:
            moves = [Move(rng.choice(("cw", "ccw", "half")))]
        else:
            moves = [
                rng.choice([Move("dilate", F(rng.choice((2, 3)))), Move(rng.choice(RIGID))]),
                slide(rng),
            ]
            rng.shuffle(moves)
        k = moves[0].a if moves[0].kind == "dilate" else F(1)
        step = k.denominator if tier != 5 else 1
        while True:
            corners = [(pick(rng, -5, 5) * step, pick(rng, -5, 5) * step) for _ in range(3)]
            b = corners[1]
            if (
                len(set(corners)) == 3
                and abs(b[0]) != abs(b[1])
                and (tier > 1 or all(v > 0 for v in b))
            ):
                break
        if tier == 1:
            corners = [(abs(x), abs(y)) for x, y in corners]
            b = corners[1]
        x, y = b
        answer = seq(b, moves)
        how = " and then ".join(m.text for m in moves)
        m0 = moves[0]
        wrong: Wrong = [(pt((y, x)), "swapped the x- and y-coordinates")]
        if m0.kind == "translate" and len(moves) == 1:
            wrong += [
                (pt((x - m0.a, y - m0.b)), "moved each way in the opposite direction"),
                (
                    pt((x + m0.b, y + m0.a)),
                    "used the left-right move on y and the up-down move on x",
                ),
                (pt((x + m0.a, y)), "did only the left-right part of the move"),
            ]
        elif m0.kind.startswith("reflect") and len(moves) == 1:
            wrong = [
                (
                    pt(Move("reflect_y" if m0.kind == "reflect_x" else "reflect_x")(b)),
                    "reflected across the other axis",
                ),
                (pt((-x, -y)), "changed the sign of both coordinates"),
                *wrong,
            ]
        elif m0.kind == "dilate" and len(moves) == 1:
            wrong = [
                (pt((x + m0.a, y + m0.a)), "added the scale factor instead of multiplying"),
                (pt((x / m0.a, y / m0.a)), "divided by the scale factor"),
                (pt((m0.a * x, y)), "scaled only the x-coordinate"),
                *wrong,
            ]
        elif len(moves) == 1:
            wrong = [
                (
                    pt(Move("ccw" if m0.kind == "cw" else "cw")(b))
                    if m0.kind != "half"
                    else pt((-y, x)),
                    "turned the other way" if m0.kind != "half" else "turned only 90°",
                ),
                (
                    pt((-x, -y)) if m0.kind != "half" else pt((-x, y)),
                    "turned 180° instead of 90°"
                    if m0.kind != "half"
                    else "changed the sign of only one coordinate",
                ),
                *wrong,
            ]
        else:
            wrong = [
                (pt(seq(b, moves[::-1])), "did the two moves in the opposite order"),
                (pt(moves[0](b)), "stopped after the first move"),
                (pt(moves[1](b)), "did only the second move"),
                *wrong,
            ]
        return Draft(
            question=f"Triangle ABC has vertices {named('ABC', corners)}. It is {how}. What are "
            "the coordinates of B', the image of B?",
            answer=pt(answer),
            solution=[
                f"Apply the rule for being {moves[0].text} to B{pt(b)}"
                + (" first." if len(moves) > 1 else "."),
                f"B' is at {pt(answer)}.",
            ],
            wrong=wrong,
            figure=plane_of([corners], [seq(v, moves) for v in corners]),
        )

    def expected(self, core: ItemCore) -> Any:
        b = pairs_in(core.question)[1]
        image = seq(b, moves_in(core.question))
        return sympy.Tuple(*(sympy.Rational(str(v)) for v in image))


def good_sides(rng: Random, low: int, high: int) -> tuple[int, int, int]:
    """Three different whole sides that make a triangle that is not too flat."""
    while True:
        a, b, c = sorted(rng.sample(range(low, high + 1), 3))
        if a + b > c + 1:
            return a, b, c


class DilationScale(Family):
    """Similar figures through dilations (8.G.A.4). Tiers: the scale factor from matching
    sides; a missing side, whole scale factor; a scale factor below 1 as a fraction; a
    missing side with decimals; the image's perimeter from one pair of sides."""

    name = "dilation_scale"
    topic = "8.G.A.4"
    style = "decimal"
    context_hint = "an enlarged or reduced copy, such as a photo, a poster or a model"
    strategy = (
        "Divide a side of the image by the matching side of the original to get the scale "
        "factor, then multiply the other sides by it."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        ab, bc, ca = (F(v) for v in good_sides(rng, 3, 12))
        if tier == 3:
            p, q = rng.choice(((1, 2), (1, 3), (2, 3), (3, 4), (2, 5), (3, 5), (1, 4)))
            ab, bc, ca = (v * q for v in (ab, bc, ca))
            k = F(p, q)
        elif tier == 4:
            k = F(rng.choice((3, 5, 7)), 2)
            ab, bc, ca = ab / 2, bc / 2 + rng.choice((0, F(1, 2))), ca
        else:
            k = F(rng.randint(2, 5))
        de, ef = ab * k, bc * k
        show = self.show
        start = "Triangle ABC is dilated to make triangle DEF, with A to D, B to E and C to F."
        unit = rng.choice(sorted(UNITS))
        sides = (bc, ca, ab)
        if tier in (1, 3):
            return Draft(
                question=f"{start} AB = {show(ab)} {unit} and DE = {show(de)} {unit}. "
                "What is the scale "
                "factor of the dilation?",
                answer=k,
                style="fraction",
                solution=[
                    "The scale factor is an image side divided by the matching original side.",
                    f"{show(de)} ÷ {show(ab)} = {fmt(k)}.",
                ],
                wrong=[
                    (1 / k, "divided the original side by the image side"),
                    (abs(de - ab), "subtracted the sides instead of dividing"),
                    (de * ab if tier == 1 else None, "multiplied the sides"),
                    (de + ab, "added the sides"),
                ],
                figure=similar_triangles(
                    sides, k, (("", "", f"{show(ab)} {unit}"), ("", "", f"{show(de)} {unit}"))
                ),
            )
        if tier == 5:
            perimeter = k * (ab + bc + ca)
            return Draft(
                question=f"{start} The sides of triangle ABC are AB = {show(ab)} {unit}, BC = "
                f"{show(bc)} {unit} and CA = {show(ca)} {unit}. In the image, DE = "
                f"{show(de)} {unit}. What "
                f"is the perimeter of triangle DEF, in {UNITS[unit]}?",
                answer=perimeter,
                solution=[
                    f"The scale factor is {show(de)} ÷ {show(ab)} = {fmt(k)}.",
                    f"The perimeter grows by the same factor: {fmt(k)} × ({show(ab)} + "
                    f"{show(bc)} + {show(ca)}) = {show(perimeter)}.",
                ],
                wrong=[
                    (de + bc + ca, "changed only the one side it was given"),
                    (ab + bc + ca, "gave the perimeter of the original triangle"),
                    (de + bc + ca + 2 * (de - ab), "added the change in one side to every side"),
                    (k * k * (ab + bc + ca), "multiplied by the square of the scale factor"),
                ],
                figure=similar_triangles(
                    sides,
                    k,
                    (
                        (f"{show(bc)} {unit}", f"{show(ca)} {unit}", f"{show(ab)} {unit}"),
                        ("", "", f"{show(de)} {unit}"),
                    ),
                ),
            )
        return Draft(
            question=f"{start} AB = {show(ab)} {unit}, BC = {show(bc)} {unit} and DE = "
            f"{show(de)} {unit}. "
            f"How long is EF, in {UNITS[unit]}?",
            answer=ef,
            solution=[
                f"The scale factor is {show(de)} ÷ {show(ab)} = {fmt(k)}.",
                f"EF = {fmt(k)} × {show(bc)} = {show(ef)}.",
            ],
            wrong=[
                (bc + (de - ab), "added the change in AB instead of multiplying"),
                (bc / k, "divided by the scale factor instead of multiplying"),
                (ab * de / bc, "matched the sides the wrong way round"),
                (de * bc, "multiplied the two sides it was given"),
            ],
            figure=similar_triangles(
                sides,
                k,
                ((f"{show(bc)} {unit}", "", f"{show(ab)} {unit}"), ("?", "", f"{show(de)} {unit}")),
            ),
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        ab = to_sympy(question_part(q, r"AB = (\S+) \w+")[0])
        de = to_sympy(question_part(q, r"DE = (\S+) \w+")[0])
        k = de / ab
        if "scale factor of the dilation" in q:
            return k
        if "perimeter" in q:
            bc, ca = (to_sympy(v) for v in question_part(q, r"BC = (\S+) \w+ and CA = (\S+) \w+"))
            return k * (ab + bc + ca)
        return k * to_sympy(question_part(q, r"BC = (\S+) \w+")[0])


class TriangleAngles(Family):
    """Angle facts of triangles (8.G.A.5). Tiers: the third angle; an exterior angle; a
    missing angle from an exterior angle; angles written x°, (2x)° and (x + b)°; the third
    angle of a triangle similar to another by angle-angle."""

    name = "triangle_angle_sum"
    topic = "8.G.A.5"
    context_hint = "triangles in structures, such as roof trusses, ramps or a bridge's braces"
    strategy = (
        "A triangle's angles add to a straight angle, and an exterior angle equals the sum of "
        "the inside angles away from it."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        while True:
            a, b = rng.randint(20, 100), rng.randint(20, 100)
            if a + b <= 160 and a != b:
                break
        c = 180 - a - b
        if tier == 1:
            return Draft(
                question=f"In triangle ABC, angle A measures {a}° and angle B measures {b}°. "
                "What is the measure of angle C, in degrees?",
                answer=F(c),
                solution=["The angles of a triangle add to 180°.", f"180 - {a} - {b} = {c}."],
                wrong=[
                    (F(a + b), "added the two angles it was given"),
                    (F(360 - a - b), "used 360° as the sum of a triangle's angles"),
                    (F(180 - a), "subtracted only angle A from 180°"),
                    (F(180 - b), "subtracted only angle B from 180°"),
                ],
                figure=angle_triangle((a, b), (f"{a}°", f"{b}°", "x°")),
            )
        if tier in (2, 3):
            ext = a + b
            if tier == 2:
                q = (
                    f"In triangle PQR, angle P measures {a}° and angle Q measures {b}°. Side PR "
                    "is extended past R. What is the exterior angle at R, in degrees?"
                )
                answer, labels = F(ext), (f"{a}°", f"{b}°", "")
                outside = "x°"
                wrong: Wrong = [
                    (F(c), "gave the angle inside the triangle at R"),
                    (F(abs(a - b)), "subtracted the two angles instead of adding"),
                    (F(360 - ext), "subtracted the sum from 360°"),
                    (F(180 - a), "used only one of the two angles away from R"),
                ]
            else:
                q = (
                    f"In triangle PQR, side PR is extended past R, making an exterior angle of "
                    f"{ext}° at R. Angle P measures {a}°. What is the measure of angle Q, in "
                    "degrees?"
                )
                answer, labels, outside = F(b), (f"{a}°", "x°", ""), f"{ext}°"
                wrong = [
                    (F(c), "gave the angle inside the triangle at R"),
                    (F(ext + a), "added the angles instead of subtracting"),
                    (F(180 - a), "subtracted angle P from 180°"),
                    (F(180 - ext), "subtracted the exterior angle from 180°"),
                ]
            return Draft(
                question=q,
                answer=answer,
                solution=[
                    "An exterior angle equals the sum of the two angles of the triangle away "
                    "from it.",
                    f"{ext} = {a} + {b}.",
                ],
                wrong=wrong,
                figure=angle_triangle((a, b), labels, names="PQR", exterior=outside),
            )
        if tier == 4:
            k = rng.choice((2, 3))
            while True:
                x = rng.randint(10, 50)
                m = 180 - (k + 2) * x
                if m and x + m >= 10 and k * x < 150:
                    break
            sign = "+" if m > 0 else "-"
            labels = ("x°", f"({k}x)°", f"(x {sign} {abs(m)})°")
            return Draft(
                question=f"The angles of a triangle measure {labels[0]}, {labels[1]} and "
                f"{labels[2]}. What is x?",
                answer=F(x),
                solution=[
                    f"The angles add to 180°: x + {k}x + x {sign} {abs(m)} = 180.",
                    f"{k + 2}x = {180 - m}, so x = {x}.",
                ],
                wrong=[
                    (F(180 + m, k + 2), "moved the number across without changing its sign"),
                    (F(180 - m, k + 1), "left out the x in one of the angles"),
                    (F(360 - m, k + 2), "used 360° as the sum of a triangle's angles"),
                    (F(180 - m), "did not divide by the number of x's"),
                ],
                figure=angle_triangle((x, k * x) if (k + 1) * x < 170 else (x, 170 - x), labels),
            )
        return Draft(
            question=f"Triangle ABC is similar to triangle DEF, with angle A matching angle D "
            f"and angle B matching angle E. Angle A measures {a}° and angle E measures {b}°. "
            "What is the measure of angle F, in degrees?",
            answer=F(c),
            solution=[
                f"Matching angles of similar triangles are equal, so angle D = {a}°.",
                f"Angle F = 180 - {a} - {b} = {c}.",
            ],
            wrong=[
                (F(a), "gave angle D, which matches angle A"),
                (F(180 - b), "subtracted only angle E from 180°"),
                (F(a + b), "added the two angles it was given"),
                (F(360 - a - b), "used 360° as the sum of a triangle's angles"),
            ],
            figure=angle_triangle((a, b), ("", f"{b}°", "x°"), names="DEF"),
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        n = [int(v) for v in re.findall(r"(\d+)°", q)]
        if "What is x?" in q:
            terms = re.findall(r"(x°|\(.+?\)°)", q)
            total = sum(to_sympy(t.strip("°").strip("()")) for t in terms)
            (x,) = sympy.solve(sympy.Eq(total, 180), X)
            return x
        if "exterior angle at R, in" in q:
            return n[0] + n[1]
        if "exterior angle of" in q:
            return n[0] - n[1]
        return 180 - n[0] - n[1]


# (relationship, equal?) for an upper angle position and a lower one (see `transversal`)
PAIRS = {
    (0, 4): "corresponding",
    (1, 5): "corresponding",
    (2, 6): "corresponding",
    (3, 7): "corresponding",
    (2, 4): "alternate interior",
    (3, 5): "alternate interior",
    (0, 6): "alternate exterior",
    (1, 7): "alternate exterior",
    (2, 5): "same-side interior",
    (3, 4): "same-side interior",
    (0, 7): "same-side exterior",
    (1, 6): "same-side exterior",
}
EQUAL = ("corresponding", "alternate interior", "alternate exterior")


class ParallelTransversal(Family):
    """Angles made where a transversal crosses parallel lines (8.G.A.5). Tiers: corresponding
    angles; same-side angles; any named pair; equal angles written with x; same-side angles
    written with x."""

    name = "parallel_transversal"
    topic = "8.G.A.5"
    context_hint = "parallel lines crossed by another line, such as a street crossing two rails"
    strategy = (
        "Decide whether the angles are equal (corresponding or alternate) or add to a straight "
        "angle (same-side), then write and solve that."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        slant = rng.choice([v for v in range(35, 146) if abs(v - 90) > 8])
        if tier == 1:
            choices = [k for k, v in PAIRS.items() if v == "corresponding"]
        elif tier in (2, 5):
            choices = [k for k, v in PAIRS.items() if v not in EQUAL]
        elif tier == 4:
            choices = [k for k, v in PAIRS.items() if v in EQUAL]
        else:
            choices = list(PAIRS)
        i, j = rng.choice(choices)
        what = PAIRS[(i, j)]
        equal = what in EQUAL

        def size(k: int) -> int:
            return slant if k % 4 in (0, 2) else 180 - slant

        start = (
            f"Parallel lines p and q are cut by a transversal. The marked angles are {what} angles."
        )
        if tier <= 3:
            known = size(i)
            answer = F(known if equal else 180 - known)
            return Draft(
                question=f"{start} One measures {known}° and the other measures x°. What is x?",
                answer=answer,
                solution=[
                    f"{what.capitalize()} angles are "
                    + ("equal." if equal else "supplementary: they add to 180°."),
                    f"x = {known}." if equal else f"x = 180 - {known} = {fmt(answer)}.",
                ],
                wrong=[
                    (
                        F(180 - known) if equal else F(known),
                        "mixed up equal and supplementary angles",
                    ),
                    (
                        F(90 - known) if known < 90 else F(known - 90),
                        "thought the angles add to 90°",
                    ),
                    (F(360 - known), "subtracted from 360°"),
                    (F(known, 2), "halved the angle"),
                ],
                figure=transversal(slant, [(i, f"{known}°"), (j, "x°")]),
            )
        a = rng.randint(2, 6)
        c = rng.choice([v for v in range(2, 7) if v != a])
        while True:
            x = rng.randint(5, 40)
            b = rng.randint(-30, 40)
            one = a * x + b
            if not (20 <= one <= 160) or not b:
                continue
            other = one if equal else 180 - one
            d = other - c * x
            if d and abs(d) <= 60:
                break
        left = f"({a}x {'+' if b > 0 else '-'} {abs(b)})°"
        right = f"({c}x {'+' if d > 0 else '-'} {abs(d)})°"
        total = (a + c) if not equal else (a - c)
        rest = (180 - b - d) if not equal else (d - b)
        return Draft(
            question=f"{start} One measures {left} and the other measures {right}. What is x?",
            answer=F(x),
            solution=[
                f"{what.capitalize()} angles are "
                + (
                    "equal, so set the expressions equal."
                    if equal
                    else "supplementary, so their sum is 180."
                ),
                f"{fmt(total)}x = {fmt(rest)}, so x = {x}.",
            ],
            wrong=[
                (
                    F(180 - b - d, a + c) if equal else F(d - b, a - c),
                    "mixed up equal and supplementary angles",
                ),
                (F(one), "gave an angle's measure instead of x"),
                (
                    F(rest + 2 * b, total) if b else None,
                    "moved a number across without changing its sign",
                ),
                (
                    F(d - b, a + c) if equal else F(90 - b - d, a + c),
                    "added the x-terms instead of subtracting"
                    if equal
                    else "thought the angles add to 90°",
                ),
            ],
            figure=transversal(slant, [(i, left), (j, right)]),
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        what = question_part(q, r"marked angles are (.+?) angles")[0]
        first, second = question_part(q, r"One measures (.+?)° and the other measures (.+?)°")
        left, right = (to_sympy(t.strip("()")) for t in (first, second))
        rule = sympy.Eq(left, right) if what in EQUAL else sympy.Eq(left + right, 180)
        (x,) = sympy.solve(rule, X)
        return x


TRIPLES = ((3, 4, 5), (5, 12, 13), (8, 15, 17), (7, 24, 25), (20, 21, 29), (9, 40, 41))


def triple(rng: Random, most: int = 60) -> tuple[int, int, int]:
    """A Pythagorean triple, maybe scaled, legs in either order, longest side at most `most`."""
    while True:
        a, b, c = rng.choice(TRIPLES)
        k = rng.randint(1, 10)
        if k * c <= most:
            return (k * a, k * b, k * c) if rng.random() < 0.5 else (k * b, k * a, k * c)


class Rounded(Family):
    """A family whose numeric answers to the nearest tenth accept anything within half a
    tenth; exact answers keep the exact tolerance."""

    def generate(self, tier: int, seed: int, kind: Kind | None = None) -> ItemCore:
        core = super().generate(tier, seed, kind)
        if core.kind == "numeric" and NEAREST in core.question:
            return core.model_copy(update={"tolerance": 0.05})
        return core


class PythagoreanSquares(Family):
    """Why a² + b² = c², with the squares on a right triangle's sides (8.G.B.6). Tiers: the
    big square's area from the two small ones; a small square's area; the areas from the
    side lengths; the longest side from two areas; the same with decimals."""

    name = "pythagorean_squares"
    topic = "8.G.B.6"
    style = "decimal"
    context_hint = "square tiles or gardens laid along the sides of a right triangle"
    strategy = (
        "The squares on the legs of a right triangle together have the same area as the "
        "square on the longest side."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        show = self.show
        a, b, c = (F(v) for v in triple(rng, 30 if tier == 1 else 100))
        if tier == 5:
            a, b, c = a / 2, b / 2, c / 2
        A, B, C = a * a, b * b, c * c
        start = "Squares are drawn on the three sides of a right triangle."
        if tier in (1, 2) and rng.random() < 0.5:
            a = F(rng.randint(2, 12))
            b = F(rng.choice([v for v in range(2, 13) if v != a]))
            A, B, C = a * a, b * b, a * a + b * b
            c = F(0)  # not a whole number: no wrong answer uses it
        if tier == 1:
            return Draft(
                question=f"{start} The squares on the two shorter sides have areas of {show(A)} "
                f"and {show(B)} square units. What is the area of the square on the longest "
                "side, in square units?",
                answer=C,
                solution=[
                    "The square on the longest side has the area of the other two together.",
                    f"{show(A)} + {show(B)} = {show(C)}.",
                ],
                wrong=[
                    (abs(A - B), "subtracted the areas instead of adding them"),
                    (A * B, "multiplied the areas"),
                    (a + b, "added the side lengths instead of the areas"),
                    ((a + b) ** 2, "squared the sum of the sides instead of adding the squares"),
                ],
                figure=squares_on_sides(a, b, (show(A), show(B), "?")),
            )
        if tier == 2:
            return Draft(
                question=f"{start} The square on the longest side has an area of {show(C)} "
                f"square units, and the square on one shorter side has an area of {show(A)} "
                "square units. What is the area of the third square, in square units?",
                answer=B,
                solution=[
                    "The two smaller squares together have the area of the largest one.",
                    f"{show(C)} - {show(A)} = {show(B)}.",
                ],
                wrong=[
                    (C + A, "added the areas instead of subtracting"),
                    (c - a if c else None, "subtracted the side lengths instead of the areas"),
                    (C / 2, "split the big square's area in half"),
                    (b, "gave the side length instead of the area"),
                ],
                figure=squares_on_sides(a, b, (show(A), "?", show(C))),
            )
        if tier == 3:
            if rng.random() < 0.5:
                a, b = F(rng.randint(2, 15)), F(rng.randint(2, 15))
                C = a * a + b * b
            return Draft(
                question=f"The shorter sides of a right triangle are {show(a)} cm and {show(b)} "
                "cm. A square is drawn on the longest side. What is its area, in square "
                "centimeters?",
                answer=C,
                solution=[
                    f"The squares on the shorter sides have areas {show(a)}² and {show(b)}².",
                    f"Together they make the third square: {show(a * a)} + {show(b * b)} = "
                    f"{show(C)}.",
                ],
                wrong=[
                    ((a + b) ** 2, "added the sides and then squared"),
                    (a + b, "added the sides and did not square"),
                    (2 * a + 2 * b, "doubled the sides instead of squaring them"),
                    (a * b, "multiplied the two sides"),
                ],
                figure=right_triangle(a, b, (f"{show(a)} cm", f"{show(b)} cm", "?")),
            )
        return Draft(
            question=f"{start} The squares on the two shorter sides have areas of {show(A)} and "
            f"{show(B)} square units. How long is the longest side of the triangle, in units?",
            answer=c,
            solution=[
                f"The square on the longest side has area {show(A)} + {show(B)} = {show(C)}.",
                "Its side is the number that, times itself, gives that area.",
            ],
            wrong=[
                (C, "gave the area of the square, not the length of its side"),
                (a + b, "added the two shorter sides"),
                (C / 2, "halved the area instead of taking the square root"),
                (C / 4, "divided the area by 4, as if it were a perimeter"),
            ],
            figure=squares_on_sides(a, b, (show(A), show(B), "?")),
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        n = [to_sympy(v) for v in core.numbers]
        if "shorter sides of a right triangle are" in q:
            return n[0] ** 2 + n[1] ** 2
        if "third square" in q:
            return n[0] - n[1]
        if "How long" in q:
            return sympy.sqrt(n[0] + n[1])
        return n[0] + n[1]


Sides = tuple[Fraction, Fraction, Fraction]
RIGHT_SIDES = "three sides of a right triangle"
SETS = (
    "Which set of side lengths makes a right triangle?",
    "A triangle is made from three sticks. Which set of stick lengths, in inches, gives a "
    "right triangle?",
    "Three straws are joined end to end to make a triangle. Which set of straw lengths, in "
    "centimeters, makes a right triangle?",
    "A garden bed is shaped like a triangle. Which set of side lengths, in feet, gives it a "
    "right angle?",
    "A sail is cut as a triangle. Which set of side lengths, in meters, makes it a right triangle?",
)
UNORDERED = " The lengths in each set are in no particular order."
CORNERS = (
    ("deck", "feet", "ft"),
    ("garden bed", "feet", "ft"),
    ("picture frame", "inches", "in"),
    ("tiled floor", "meters", "m"),
    ("bookshelf", "inches", "in"),
    ("patio", "meters", "m"),
)


def is_right(sides: Sequence[Fraction]) -> bool:
    """Whether three lengths are the sides of a right triangle (the converse: the two
    shorter squares add up to the longest square)."""
    a, b, c = sorted(sides)
    return a > 0 and a * a + b * b == c * c


def side_set(sides: Sequence[Fraction]) -> str:
    return ", ".join(fmt(s, "decimal") for s in sides)


class PythagoreanConverse(Family):
    """The converse of the Pythagorean theorem: three sides whose two shorter squares add up
    to the longest square make a right triangle (8.G.B.6). Tiers: which set of small whole
    sides is right; scaled triples beside sets with the same sides changed by adding or by
    scaling only some; decimal sides; how long a corner's diagonal must be for the corner to
    be square; sets in no particular order, whole or decimal."""

    name = "pythagorean_converse"
    topic = "8.G.B.6"
    kinds = ("multiple_choice",)
    style = "decimal"
    context_hint = "checking that a corner is square, or building triangles from sticks"
    strategy = (
        "Square each side. The triangle is right only when the squares of the shorter sides "
        "add up to the square of the longest side."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier == 4:
            return self._corner(rng)
        a, b, c = rng.choice([t for t in TRIPLES if tier > 1 or t[2] <= 30])
        if tier == 1:
            k = F(rng.choice([n for n in (1, 2, 3) if n * c <= 30] or [1]))
        elif tier == 3 or (tier == 5 and rng.random() < 0.5):
            k = F(rng.choice([n for n in range(1, 10) if n * c <= 300 and n % 10]), 10)
            if rng.random() < 0.3:
                k = F(rng.choice((1, 3, 5)), 2)
        else:
            k = F(rng.choice([n for n in range(2, 11) if n * c <= 120] or [2]))
        key: Sides = (k * a, k * b, k * c)
        unit = F(1, 10) if any(s.denominator > 1 for s in key) else F(1)
        if any(s.denominator == 2 for s in key):
            unit = F(1, 2)
        p, q, r = key
        d = unit * rng.randint(1, 3)
        candidates: list[tuple[Sides, str]] = [
            ((p, q, p + q), "added the two shorter sides instead of their squares"),
            (
                (p, q, r + unit) if rng.random() < 0.5 else (p, q + unit, r),
                "picked lengths close to a right triangle's without checking the squares",
            ),
        ]
        if tier in (3, 5) and unit == F(1, 10):
            whole = [s * 10 for s in key]
            shifted = [i for i in range(3) if whole[i] % 10]
            if len(shifted) == 3:
                shifted.remove(rng.choice(shifted))
            u, v, w = (whole[i] / 10 if i in shifted else whole[i] for i in range(3))
            digits: Sides = (u, v, w)
            candidates.insert(
                0, (digits, "ignored the decimal points and read the digits as whole numbers")
            )
        if tier in (2, 5) and k > 1 and k.denominator == 1:
            candidates.insert(
                0, ((p, q, F(c)), "multiplied only the two shorter sides by the same number")
            )
        candidates += [
            ((p + d, q + d, r + d), "added the same length to every side of a right triangle"),
            (
                (p, q, p * p + q * q),
                "compared the sum of the squares with the longest side, not with its square",
            ),
            ((p, q, r - unit), "checked only that the lengths can make a triangle"),
        ]
        shown = key if tier < 5 else self._unordered(key, rng)
        seen = {tuple(sorted(key))}
        wrong: Wrong = []
        for sides, why in candidates:
            if is_right(sides) or tuple(sorted(sides)) in seen:
                continue
            seen.add(tuple(sorted(sides)))
            listed = sorted(sides) if tier < 5 else self._unordered(sides, rng)
            wrong.append((side_set(listed), why))
        square = [fmt(s * s, "decimal") for s in key]
        return Draft(
            question=rng.choice(SETS) + (UNORDERED if tier == 5 else ""),
            answer=side_set(shown),
            solution=[
                "A triangle is a right triangle when the squares of its two shorter sides add "
                "up to the square of its longest side.",
                f"For {side_set(shown)}: {fmt(p, 'decimal')}² + {fmt(q, 'decimal')}² = "
                f"{square[0]} + {square[1]} = {square[2]}, which is {fmt(r, 'decimal')}², so "
                "these sides make a right triangle.",
                "In each other set, the squares of the two shorter sides do not add up to the "
                "square of the longest side.",
            ],
            wrong=wrong,
        )

    @staticmethod
    def _unordered(sides: Sides, rng: Random) -> list[Fraction]:
        """The sides in an order that does not put the longest last."""
        listed = list(sides)
        while listed[-1] == max(listed):
            rng.shuffle(listed)
        return listed

    def _corner(self, rng: Random) -> Draft:
        show = self.show
        place, units, short = rng.choice(CORNERS)
        a, b, c = triple(rng, 50)
        k = F(rng.choice((1, 1, 1, 2, 5)), 10) if short == "m" else F(1)
        p, q, r = F(a) * k, F(b) * k, F(c) * k
        name = rng.choice(("Sam", "Ana", "Lee", "Maya", "Omar", "Rosa"))
        return Draft(
            question=f"To check that a corner of a {place} is square, {name} marks a point "
            f"{show(p)} {units} from the corner along one edge and {show(q)} {units} from it "
            f"along the other edge. How far apart must the two marks be for the corner to be a "
            f"right angle, in {units}?",
            answer=r,
            solution=[
                "The edges and the line between the marks make a triangle; the corner is a "
                "right angle when the squares of the edge lengths add up to the square of that "
                "line.",
                f"{show(p)}² + {show(q)}² = {show(p * p)} + {show(q * q)} = {show(r * r)}.",
                f"The marks must be the square root of {show(r * r)} apart: {show(r)} {short}.",
            ],
            wrong=[
                (p + q, "added the two lengths instead of their squares"),
                (r * r, "forgot to take the square root"),
                (2 * p + 2 * q, "doubled each length instead of squaring it"),
                (abs(q - p) if p != q else None, "subtracted the two lengths"),
                ((p * p + q * q) / 2, "halved instead of taking the square root"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        if "How far apart" in q:
            p, r = (to_sympy(v) for v in core.numbers[:2])
            return sympy.sqrt(p**2 + r**2)
        if "right" not in q:
            raise ValueError("the question does not ask for a right triangle")
        return RIGHT_SIDES

    def accepts(self, value: Any, expected: Any) -> bool:
        if expected != RIGHT_SIDES:
            return super().accepts(value, expected)
        if not isinstance(value, sympy.Tuple) or len(value) != 3:
            return False
        return is_right([Fraction(str(v)) for v in value])


LADDERS = (
    (
        "A ladder {c} feet long leans against a wall. Its foot is {a} feet from the wall.",
        "How high up the wall does it reach, in feet?",
        "feet",
    ),
    (
        "A kite string {c} meters long is pulled tight. The kite is straight above a point {a} "
        "meters from the person holding it.",
        "How high is the kite, in meters?",
        "meters",
    ),
    (
        "A ramp {c} feet long rises from the ground to a deck. Its foot is {a} feet from the deck.",
        "How high is the deck, in feet?",
        "feet",
    ),
    (
        "A wire {c} meters long runs from the top of a pole to a stake {a} meters from the foot "
        "of the pole.",
        "How tall is the pole, in meters?",
        "meters",
    ),
)


class PythagoreanSide(Rounded):
    """The Pythagorean theorem for an unknown side (8.G.B.7). Tiers: the longest side from
    two legs; a leg; a real-world leg to the nearest tenth; the diagonal of a box to the
    nearest tenth; a screen's height from its width and diagonal, in decimals."""

    name = "pythagorean_side"
    topic = "8.G.B.7"
    style = "decimal"
    context_hint = "right triangles in the world, such as ladders, ramps, screens and boxes"
    strategy = (
        "Square the sides you know. Add them to find the longest side's square, or subtract "
        "to find a shorter side's square, then take the square root."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        show = self.show
        if tier in (1, 2):
            a, b, c = (F(v) for v in triple(rng))
            unit = rng.choice(sorted(UNITS))
            if tier == 1:
                return Draft(
                    question=f"A right triangle has legs of {show(a)} {unit} and {show(b)} "
                    f"{unit}. How "
                    f"long is its longest side, in {UNITS[unit]}?",
                    answer=c,
                    solution=[
                        f"{show(a)}² + {show(b)}² = {show(a * a)} + {show(b * b)} = {show(c * c)}.",
                        f"The longest side is the square root of {show(c * c)}.",
                    ],
                    wrong=[
                        (a + b, "added the legs instead of their squares"),
                        (c * c, "forgot to take the square root"),
                        (
                            (a * a + b * b) / 2,
                            "halved the sum of the squares instead of taking the square root",
                        ),
                        (abs(b - a) if a != b else None, "subtracted the legs"),
                    ],
                    figure=right_triangle(a, b, (f"{show(a)} {unit}", f"{show(b)} {unit}", "?")),
                )
            return Draft(
                question=f"A right triangle has a longest side of {show(c)} {unit} and one leg of "
                f"{show(a)} {unit}. How long is the other leg, in {UNITS[unit]}?",
                answer=b,
                solution=[
                    f"{show(c)}² - {show(a)}² = {show(c * c)} - {show(a * a)} = {show(b * b)}.",
                    f"The other leg is the square root of {show(b * b)}.",
                ],
                wrong=[
                    (root_tenth(c * c + a * a), "added the squares when looking for a leg"),
                    (c - a, "subtracted the sides instead of their squares"),
                    (b * b, "forgot to take the square root"),
                    (c + a, "added the sides"),
                ],
                figure=right_triangle(a, b, (f"{show(a)} {unit}", "?", f"{show(c)} {unit}")),
            )
        if tier == 3:
            text, ask, unit = rng.choice(LADDERS)
            while True:
                c, a = F(rng.randint(8, 30)), F(rng.randint(3, 12))
                if a < c / 2 and sympy.sqrt(int(c * c - a * a)).is_Integer is False:
                    break
            answer = root_tenth(c * c - a * a)
            return Draft(
                question=f"{text.format(a=show(a), c=show(c))} {ask} {NEAREST}",
                answer=answer,
                solution=[
                    f"The {unit} along the ground and the height are the legs; the {show(c)} is "
                    "the longest side.",
                    f"Height² = {show(c * c)} - {show(a * a)} = {show(c * c - a * a)}, and its "
                    f"square root is about {show(answer)}.",
                ],
                wrong=[
                    (root_tenth(c * c + a * a), "added the squares when looking for a leg"),
                    (c - a, "subtracted the lengths instead of their squares"),
                    (c * c - a * a, "forgot to take the square root"),
                    (tenth((c * c - a * a) / 2), "halved instead of taking the square root"),
                ],
                figure=right_triangle(a, answer, (f"{show(a)} {unit}", "?", f"{show(c)} {unit}")),
            )
        if tier == 4:
            while True:
                ln, wd, ht = (F(rng.randint(2, 20)) for _ in range(3))
                if len({ln, wd, ht}) == 3:
                    break
            square = ln * ln + wd * wd + ht * ht
            answer = root_tenth(square)
            return Draft(
                question=f"A box is {show(ln)} inches long, {show(wd)} inches wide and "
                f"{show(ht)} inches tall. How long is the longest straight rod that fits "
                f"inside, from a bottom corner to the opposite top corner, in inches? {NEAREST}",
                answer=answer,
                solution=[
                    f"The diagonal of the bottom has square {show(ln * ln)} + {show(wd * wd)} = "
                    f"{show(ln * ln + wd * wd)}.",
                    f"With the height: {show(ln * ln + wd * wd)} + {show(ht * ht)} = "
                    f"{show(square)}, and its square root is about {show(answer)}.",
                ],
                wrong=[
                    (root_tenth(ln * ln + wd * wd), "found only the diagonal of the bottom"),
                    (ln + wd + ht, "added the three edges"),
                    (square, "forgot to take the square root"),
                    (root_tenth(ln * ln + ht * ht), "used the diagonal of a side face"),
                ],
                figure=rectangular_prism(ln, wd, ht, unit="in", show=show, diagonal=True),
            )
        while True:
            w = F(rng.randint(200, 700), 10)
            d = F(rng.randint(int(w * 10) + 40, int(w * 14)), 10)
            if w.denominator > 1 or d.denominator > 1:
                break
        answer = root_tenth(d * d - w * w)
        return Draft(
            question=f"A screen is {show(w)} inches wide, and its diagonal is {show(d)} inches. "
            f"How tall is the screen, in inches? {NEAREST}",
            answer=answer,
            solution=[
                "The width and height are the legs, and the diagonal is the longest side.",
                f"Height² = {show(d)}² - {show(w)}² = {show(d * d - w * w)}, so the height is "
                f"about {show(answer)}.",
            ],
            wrong=[
                (root_tenth(d * d + w * w), "added the squares when looking for a leg"),
                (d - w, "subtracted the lengths instead of their squares"),
                (tenth(d * d - w * w), "forgot to take the square root"),
                (tenth((d * d - w * w) / 2), "halved instead of taking the square root"),
            ],
            figure=right_triangle(w, answer, (f"{show(w)} in", "?", f"{show(d)} in")),
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        n = [to_sympy(v) for v in core.numbers]
        if q.startswith("A right triangle has legs"):
            value = sympy.sqrt(n[0] ** 2 + n[1] ** 2)
        elif "box" in q:
            value = sympy.sqrt(n[0] ** 2 + n[1] ** 2 + n[2] ** 2)
        elif q.startswith("A screen"):
            value = sympy.sqrt(n[1] ** 2 - n[0] ** 2)
        elif q.startswith("A right triangle has a longest side"):
            value = sympy.sqrt(n[0] ** 2 - n[1] ** 2)
        else:  # the longest side comes first in every ladder-like setting
            value = sympy.sqrt(n[0] ** 2 - n[1] ** 2)
        return to_sympy(fmt(tenth(value), "decimal")) if NEAREST in q else value


class PythagoreanDistance(Rounded):
    """Distance between two points with the Pythagorean theorem (8.G.B.8). Tiers: first
    quadrant, whole distance; any quadrant, whole distance; first quadrant, to the nearest
    tenth; any quadrant, to the nearest tenth; a map whose grid units are several miles."""

    name = "pythagorean_distance"
    topic = "8.G.B.8"
    style = "decimal"
    context_hint = "places on a map grid, such as two towns, a ship and a lighthouse"
    strategy = (
        "Draw the right triangle whose legs are the horizontal and vertical gaps between the "
        "points; the distance is its longest side."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        show = self.show
        low = 0 if tier in (1, 3) else -9
        while True:
            if tier in (1, 2, 5):
                a, b, _ = triple(rng, 15)
                dx, dy = a * rng.choice((1, -1)), b * rng.choice((1, -1))
            else:
                dx, dy = rng.randint(-9, 9), rng.randint(-9, 9)
                if not dx or not dy or sympy.sqrt(dx * dx + dy * dy).is_Integer:
                    continue
            x1, y1 = rng.randint(low, 9), rng.randint(low, 9)
            x2, y2 = x1 + dx, y1 + dy
            if all(low <= v <= 12 for v in (x2, y2)) and (
                tier < 2 or tier == 3 or min(x1, y1, x2, y2) < 0
            ):
                break
        p, q = (F(x1), F(y1)), (F(x2), F(y2))
        square = F(dx * dx + dy * dy)
        exact = tier in (1, 2, 5)
        scale = F(rng.randint(2, 5)) if tier == 5 else F(1)
        answer = scale * (sympy_int(square) if exact else root_tenth(square))
        if tier == 5:
            question = (
                f"On a map, a town is at {pt(p)} and a lake is at {pt(q)}. Each grid unit is "
                f"{show(scale)} miles. How far apart are they in a straight line, in miles?"
            )
        else:
            question = f"How far apart are the points A{pt(p)} and B{pt(q)}, in units?" + (
                "" if exact else f" {NEAREST}"
            )
        legs = [abs(dx), abs(dy)]
        wrong: Wrong = [
            (scale * (legs[0] + legs[1]), "added the horizontal and vertical gaps"),
            (scale * square, "forgot to take the square root"),
            (
                scale * root_tenth(F((x1 + x2) ** 2 + (y1 + y2) ** 2))
                if (x1 + x2) * (y1 + y2)
                else None,
                "added the coordinates instead of subtracting them",
            ),
            (answer / scale if tier == 5 else None, "did not multiply by the miles per grid unit"),
            (scale * max(legs), "gave only the longer of the two gaps"),
        ]
        return Draft(
            question=question,
            answer=answer,
            solution=[
                f"The horizontal gap is {legs[0]} and the vertical gap is {legs[1]}.",
                f"{legs[0]}² + {legs[1]}² = {show(square)}, and the distance is its square root"
                + (f", times {show(scale)} miles per unit." if tier == 5 else "."),
            ],
            wrong=wrong,
            figure=coordinate_plane(
                points=[(p, "A" if tier < 5 else ""), (q, "B" if tier < 5 else "")],
                lines=[(p, q)],
                show=fmt,
            ),
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        (p, r) = pairs_in(q)[:2]
        value = length(p, r)
        if found := re.search(r"Each grid unit is (\S+) miles", q):
            value *= to_sympy(found[1])
        return to_sympy(fmt(tenth(value), "decimal")) if NEAREST in q else value


def sympy_int(square: Fraction) -> Fraction:
    """The whole square root of a perfect square."""
    root = sympy.sqrt(int(square))
    if not root.is_Integer:
        raise ValueError(f"{square} is not a perfect square")
    return F(int(root))


SOLIDS = {
    "cylinder": ("can", "water tank", "candle", "drum"),
    "cone": ("paper cup", "party hat", "pile of sand", "funnel"),
    "sphere": ("ball", "globe", "bead", "balloon"),
    "hemisphere": ("bowl", "dome", "igloo"),
}
UNITS = {"cm": "centimeters", "in": "inches", "ft": "feet", "m": "meters"}
SHARE = {"cylinder": F(1), "cone": F(1, 3), "sphere": F(4, 3), "hemisphere": F(2, 3)}


@dataclass(frozen=True)
class Solid:
    """A cylinder, cone, sphere or hemisphere; `across` when the question gives the diameter."""

    what: str
    thing: str
    r: Fraction
    h: Fraction
    unit: str
    across: bool = False

    @property
    def coef(self) -> Fraction:
        """The volume divided by π."""
        power = self.r**2 * self.h if self.what in ("cylinder", "cone") else self.r**3
        return SHARE[self.what] * power

    def words(self, show: Any, height: bool = True) -> str:
        part, size = ("diameter", 2 * self.r) if self.across else ("radius", self.r)
        width = f"a {part} of {show(size)} {self.unit}"
        tall = (
            f" and a height of {show(self.h)} {self.unit}"
            if height and self.what in ("cylinder", "cone")
            else ""
        )
        article = "An" if self.thing[0] in "aeiou" else "A"
        return f"{article} {self.thing} shaped like a {self.what} has {width}{tall}."

    def figure(self, show: Any, height: bool = True) -> Figure:
        size = f"{show(2 * self.r if self.across else self.r)} {self.unit}"
        tall = f"{show(self.h)} {self.unit}" if height else "?"
        if self.what == "cylinder":
            return cylinder(self.r, self.h, unit=self.unit, show=show)
        if self.what == "cone":
            return cone(size, tall, across=self.across)
        return sphere(size, across=self.across, half=self.what == "hemisphere")

    def rule(self, show: Any) -> str:
        """The formula, in words a student writes, and the radius if the diameter is given."""
        share = "" if self.what == "cylinder" else f"({fmt(SHARE[self.what])}) × "
        power = "r² × h" if self.what in ("cylinder", "cone") else "r³"
        half = f" The radius is half the diameter: {show(self.r)}." if self.across else ""
        return f"The volume of a {self.what} is {share}π × {power}.{half}"

    def filled(self, show: Any, pi: str) -> str:
        """The formula with the numbers put in."""
        share = "" if self.what == "cylinder" else f"({fmt(SHARE[self.what])}) × "
        r = show(self.r)
        power = f"{r}² × {show(self.h)}" if self.what in ("cylinder", "cone") else f"{r}³"
        return f"{share}{pi} × {power}"

    def slips(self) -> list[tuple[Fraction | None, str]]:
        """Volumes over π that named mistakes give."""
        r, h, share = self.r, self.h, SHARE[self.what]
        round_ = self.what in ("sphere", "hemisphere")
        power = (lambda v: v**3) if round_ else (lambda v: v * v * h)
        return [
            (
                share * power(2 * r) if not self.across else share * power(r / 2),
                "used the diameter as the radius" if not self.across else "halved the radius twice",
            ),
            (power(r) if share != 1 else None, f"left out the {fmt(share)} in the formula"),
            (
                share * r * r if round_ else share * r * h,
                "squared the radius instead of cubing it"
                if round_
                else "forgot to square the radius",
            ),
            (
                2 * r * h if self.what == "cylinder" else None,
                "found the area of the curved side, 2πrh",
            ),
            (
                F(4, 3) * r**3 if self.what == "hemisphere" else None,
                "found the volume of the whole sphere",
            ),
            (share * power(r) * 2 if self.what == "cone" else None, "used 2/3 instead of 1/3"),
        ]


def solid(tier: int, rng: Random) -> Solid:
    what = {1: "cylinder", 2: "cone", 3: "sphere"}.get(tier) or rng.choice(
        ("cone", "sphere", "hemisphere") if tier == 4 else ("cylinder", "cone")
    )
    unit = rng.choice(sorted(UNITS))
    r = F(rng.randint(2, 12))
    h = F(rng.randint(3, 20))
    across = tier == 4 and what != "hemisphere"
    if tier == 5:
        what, h = "cone", F(3 * rng.randint(2, 8))
    return Solid(what, rng.choice(SOLIDS[what]), r, h, unit, across)


def cubic(unit: str) -> str:
    return f"cubic {UNITS[unit]}"


def solid_in(question: str) -> tuple[str, Any, Any]:
    """What solid a question names, its radius and its height (None if not given)."""
    what = next(
        w for w in ("hemisphere", "sphere", "cylinder", "cone") if f"like a {w}" in question
    )
    if found := re.search(r"diameter of (\S+) ", question):
        r = to_sympy(found[1]) / 2
    else:
        r = to_sympy(question_part(question, r"radius of (\S+) ")[0])
    found = re.search(r"height of (\S+) ", question)
    return what, r, to_sympy(found[1]) if found else None


def volume_over_pi(what: str, r: Any, h: Any) -> Any:
    if what in ("cylinder", "cone"):
        return r**2 * h / (3 if what == "cone" else 1)
    return r**3 * (sympy.Rational(4, 3) if what == "sphere" else sympy.Rational(2, 3))


class VolumeDecimal(Rounded):
    """Volumes of cylinders, cones and spheres with 3.14 for π (8.G.C.9). Tiers: a cylinder;
    a cone; a sphere; a cone, sphere or hemisphere from its diameter; a cone's or a
    cylinder's height from its volume."""

    name = "volume_using_3_14"
    topic = "8.G.C.9"
    style = "decimal"
    context_hint = "containers and round objects, such as cans, cups, balls and bowls"
    strategy = (
        "Pick the volume formula for the solid (cylinder, cone or sphere) and put in the "
        "radius, not the diameter, then round as the question asks."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        show = self.show
        s = solid(tier, rng)
        pi = F("3.14")
        if tier == 5:
            volume = pi * s.coef
            return Draft(
                question=f"{s.words(show, height=False)} Its volume is {show(volume)} "
                f"{cubic(s.unit)}. Use 3.14 for π. How tall is it, in {UNITS[s.unit]}?",
                answer=s.h,
                solution=[
                    f"The volume is {fmt(SHARE[s.what])} × 3.14 × {show(s.r)}² × height.",
                    f"Height = {show(volume)} ÷ ({fmt(SHARE[s.what])} × 3.14 × {show(s.r * s.r)}) "
                    f"= {show(s.h)}.",
                ],
                wrong=[
                    (tenth(s.h / 3), "left out the 1/3 for a cone"),
                    (s.h * s.r, "divided by the radius instead of its square"),
                    (tenth(pi * s.h), "left out π"),
                    (tenth(s.h / 4), "used the diameter as the radius"),
                ],
                figure=s.figure(show, height=False),
            )
        answer = tenth(pi * s.coef)
        return Draft(
            question=f"{s.words(show)} What is its volume, in {cubic(s.unit)}? Use 3.14 for π. "
            f"{NEAREST}",
            answer=answer,
            solution=[
                s.rule(show),
                f"{s.filled(show, '3.14')} = about {show(answer)}.",
            ],
            wrong=[(tenth(pi * v) if v is not None else None, why) for v, why in s.slips()],
            figure=s.figure(show),
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        what, r, h = solid_in(q)
        pi = to_sympy(question_part(q, r"Use (\S+) for π")[0])
        if h is None and what in ("cylinder", "cone"):
            volume = to_sympy(question_part(q, r"volume is (\S+) ")[0])
            return volume / (pi * volume_over_pi(what, r, 1))
        return to_sympy(fmt(tenth(pi * volume_over_pi(what, r, h)), "decimal"))


def in_pi(coef: Fraction) -> str:
    """A multiple of π as written: "36π", "π", "(32/3)π"."""
    if coef == 1:
        return "π"
    return f"{fmt(coef)}π" if coef.denominator == 1 else f"({fmt(coef)})π"


class VolumeInPi(Family):
    """Volumes of cylinders, cones and spheres in terms of π (8.G.C.9). Tiers: a cylinder; a
    cone; a sphere; a cone, sphere or hemisphere from its diameter; a height from a volume
    written in terms of π."""

    name = "volume_in_terms_of_pi"
    topic = "8.G.C.9"
    kinds = ("multiple_choice",)
    context_hint = "containers and round objects, such as cans, cups, balls and bowls"
    strategy = (
        "Pick the volume formula for the solid (cylinder, cone or sphere), put in the "
        "radius, not the diameter, and leave π as it is."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        show = self.show
        s = solid(tier, rng)
        if tier == 5:
            return Draft(
                question=f"{s.words(show, height=False)} Its volume is {in_pi(s.coef)} "
                f"{cubic(s.unit)}. How tall is it, in {UNITS[s.unit]}?",
                answer=s.h,
                solution=[
                    f"The volume is {fmt(SHARE[s.what])} × π × {show(s.r)}² × height.",
                    f"Divide the volume by {in_pi(SHARE[s.what] * s.r * s.r)}.",
                ],
                wrong=[
                    (s.h / 3, "left out the 1/3 for a cone"),
                    (s.h * s.r, "divided by the radius instead of its square"),
                    (s.h / 4, "used the diameter as the radius"),
                    (s.h * s.r * s.r, "divided by π only"),
                ],
                figure=s.figure(show, height=False),
            )
        return Draft(
            question=f"{s.words(show)} What is its volume, in {cubic(s.unit)}? Give the answer "
            "in terms of π.",
            answer=in_pi(s.coef),
            solution=[
                s.rule(show),
                f"{s.filled(show, 'π')} = {in_pi(s.coef)}.",
            ],
            wrong=[(in_pi(v) if v else None, why) for v, why in s.slips()],
            figure=s.figure(show),
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        what, r, h = solid_in(q)
        if h is None and what in ("cylinder", "cone"):
            volume = to_sympy(question_part(q, r"volume is (\S+) ")[0])
            return volume / (PI * volume_over_pi(what, r, 1))
        return PI * volume_over_pi(what, r, h)


FAMILIES: tuple[type[Family], ...] = (
    RigidLength,
    RigidAngle,
    RigidParallel,
    CongruenceSequence,
    TransformedPoint,
    DilationScale,
    TriangleAngles,
    ParallelTransversal,
    PythagoreanSquares,
    PythagoreanConverse,
    PythagoreanSide,
    PythagoreanDistance,
    VolumeDecimal,
    VolumeInPi,
)
