"""Grade-8 geometry pictures: triangles with labelled sides or angles, squares on the sides of
a right triangle, two similar triangles, parallel lines cut by a transversal, cones, spheres.

Every label is a text the caller writes from the item's own numbers ("12 cm", "x°", "?");
shapes are drawn from the real measures so angles and proportions look right, and the alt
text says every label and where it is.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from edugen.content.figures.shapes import Vertex, _edge_label, _fit, _right_angle, _size
from edugen.content.figures.svg import FILL, INK, Canvas, Number
from edugen.schemas import Figure

_NUMBER = re.compile(r"(?<![\w.)])-?\d+(?:\.\d+)?(?:/\d+)?")


def _numbers(labels: Sequence[str]) -> list[str]:
    """Every number the labels print, in order: "12 cm" gives 12, "(3x + 10)°" gives 3, 10."""
    return [n for t in labels for n in _NUMBER.findall(t)]


def _centre(points: Sequence[Vertex]) -> Vertex:
    return sum(x for x, _ in points) / len(points), sum(y for _, y in points) / len(points)


def _from_sides(a: float, b: float, c: float) -> list[Vertex]:
    """Vertices A, B, C (y up) of a triangle with BC = a, CA = b, AB = c, AB along the x-axis."""
    x = (b * b + c * c - a * a) / (2 * c)
    return [(0.0, 0.0), (c, 0.0), (x, math.sqrt(max(b * b - x * x, 0.0)))]


def _from_angles(a: float, b: float) -> list[Vertex]:
    """Vertices A, B, C (y up) of a triangle with angles a and b (degrees) at A and B."""
    c = 180 - a - b
    side = math.sin(math.radians(b)) / math.sin(math.radians(c))  # AC when AB = 1
    return [
        (0.0, 0.0),
        (1.0, 0.0),
        (side * math.cos(math.radians(a)), side * math.sin(math.radians(a))),
    ]


def right_triangle(
    base: Number, rise: Number, labels: tuple[str, str, str], *, what: str = "A right triangle"
) -> Figure:
    """A right triangle with a horizontal leg `base` and a vertical leg `rise` drawn to scale;
    labels name the horizontal leg, the vertical leg and the longest side."""
    shape = _fit([(0.0, 0.0), (float(base), 0.0), (0.0, float(rise))])
    width, height = _size(shape)
    canvas = Canvas(width, height, "Right triangle")
    canvas.polygon(shape)
    _right_angle(canvas, shape[0], shape[1], shape[2])
    centre = _centre(shape)
    for (i, j), text in zip(((0, 1), (0, 2), (1, 2)), labels, strict=True):
        _edge_label(canvas, shape[i], shape[j], text, centre)
    alt = (
        f"{what}: one leg is marked {labels[0]}, the other leg is marked {labels[1]} and "
        f"the longest side, across from the right angle, is marked {labels[2]}."
    )
    return canvas.figure("polygon", alt, _numbers(labels))


def angle_triangle(
    angles: tuple[Number, Number],
    labels: tuple[str, str, str],
    *,
    names: str = "ABC",
    exterior: str | None = None,
) -> Figure:
    """A triangle drawn with angles `angles` at its first two vertices, each angle labelled
    inside its corner; `exterior`, if given, labels the angle outside the third vertex made by
    extending the side from the first vertex through the third."""
    real = _from_angles(float(angles[0]), float(angles[1]))
    ax, ay = real[2]
    tip = (ax + (ax - real[0][0]) * 0.45, ay + (ay - real[0][1]) * 0.45)
    extra = [tip] if exterior else []
    points = _fit([*real, *extra])
    shape = points[:3]
    width, height = _size(points)
    canvas = Canvas(width + 20, height, "Triangle")
    canvas.polygon(shape)
    centre = _centre(shape)
    for (x, y), name, text in zip(shape, names, labels, strict=True):
        dx, dy = centre[0] - x, centre[1] - y
        d = math.hypot(dx, dy) or 1
        canvas.text(x - dx / d * 16, y - dy / d * 16 + 5, name, font_weight="bold")
        if text:
            canvas.text(x + dx / d * 40, y + dy / d * 40 + 5, text)
    said = [f"angle {n} is marked {t}" for n, t in zip(names, labels, strict=True) if t]
    shown = [*labels]
    if exterior:
        canvas.line(*shape[2], *points[3], stroke_dasharray="6 4")
        (cx, cy), (bx, by), (tx, ty) = shape[2], shape[1], points[3]
        mx, my = (bx + tx) / 2 - cx, (by + ty) / 2 - cy
        d = math.hypot(mx, my) or 1
        canvas.text(cx + mx / d * 34, cy + my / d * 34 + 5, exterior)
        said.append(
            f"side {names[0]}{names[2]} is extended past {names[2]}, and the exterior angle "
            f"there, between the extension and side {names[2]}{names[1]}, is marked {exterior}"
        )
        shown.append(exterior)
    alt = f"Triangle {names}: " + "; ".join(said) + "."
    return canvas.figure("polygon", alt, _numbers(shown))


def squares_on_sides(base: Number, rise: Number, labels: tuple[str, str, str]) -> Figure:
    """A right triangle with a square drawn outward on each side; labels (the squares' areas
    or "?") sit inside the squares on the horizontal leg, the vertical leg and the longest
    side."""
    b, r = float(base), float(rise)
    p, q, s = (0.0, 0.0), (b, 0.0), (0.0, r)
    squares = [
        [p, q, (b, -b), (0.0, -b)],  # below the horizontal leg
        [p, s, (-r, r), (-r, 0.0)],  # left of the vertical leg
        [q, s, (r, r + b), (b + r, b)],  # outside the longest side
    ]
    flat = _fit([v for sq in squares for v in sq], box=320, pad=30)
    width, height = _size(flat, pad=30)
    canvas = Canvas(width, height, "Squares on the sides of a right triangle")
    for k, text in enumerate(labels):
        corners = flat[4 * k : 4 * k + 4]
        canvas.polygon(corners, fill="#eef4fa")
        cx, cy = _centre(corners)
        canvas.text(cx, cy + 5, text, font_weight="bold")
    tri = [flat[0], flat[1], flat[5]]
    canvas.polygon(tri, fill=FILL)
    _right_angle(canvas, tri[0], tri[1], tri[2])
    alt = (
        "A right triangle with a square drawn on each of its three sides. The square on one "
        f"leg is marked {labels[0]}, the square on the other leg is marked {labels[1]} and "
        f"the square on the longest side is marked {labels[2]}."
    )
    return canvas.figure("polygon", alt, _numbers(labels))


def similar_triangles(
    sides: tuple[Number, Number, Number],
    scale: Number,
    labels: tuple[tuple[str, str, str], tuple[str, str, str]],
    names: tuple[str, str] = ("ABC", "DEF"),
) -> Figure:
    """Two triangles side by side, the second `scale` times the first; `sides` are the first
    triangle's BC, CA, AB (or EF, FD, DE) and `labels` what each triangle's sides show."""
    k = float(scale)
    first = _from_sides(*(float(v) for v in sides))
    shift = max(x for x, _ in first) * (1 + k) * 0.25 + max(x for x, _ in first)
    second = [(shift + x * k, y * k) for x, y in first]
    points = _fit([*first, *second], box=420, pad=40)
    width, height = _size(points, pad=40)
    canvas = Canvas(width, height, "Two similar triangles")
    said = []
    for shape, text, name in ((points[:3], labels[0], names[0]), (points[3:], labels[1], names[1])):
        canvas.polygon(shape)
        centre = _centre(shape)
        for (i, j), t in zip(((1, 2), (2, 0), (0, 1)), text, strict=True):
            if t:
                _edge_label(canvas, shape[i], shape[j], t, centre)
        for (x, y), v in zip(shape, name, strict=True):
            dx, dy = centre[0] - x, centre[1] - y
            d = math.hypot(dx, dy) or 1
            canvas.text(x - dx / d * 14, y - dy / d * 14 + 5, v, font_weight="bold")
        marked = [
            f"side {name[i]}{name[j]} is marked {t}"
            for (i, j), t in zip(((1, 2), (2, 0), (0, 1)), text, strict=True)
            if t
        ]
        said.append(f"triangle {name}: " + ", ".join(marked))
    alt = "Two triangles of the same shape, " + "; ".join(said) + "."
    return canvas.figure("polygon", alt, _numbers([*labels[0], *labels[1]]))


# The eight angles where a transversal crosses two lines, named as a student reads them.
CORNERS = ("above right", "above left", "below left", "below right")


def transversal(slant: Number, marks: Sequence[tuple[int, str]]) -> Figure:
    """Two horizontal parallel lines cut by a transversal at `slant` degrees (between 20 and
    160). A mark (k, text) labels angle k: 0-3 at the upper crossing, 4-7 at the lower,
    each counted from above right, counterclockwise (`CORNERS`)."""
    width, height = 380, 260
    canvas = Canvas(width, height, "Parallel lines cut by a transversal")
    top, bottom = 90.0, 190.0
    for y, name in ((top, "line p"), (bottom, "line q")):
        canvas.line(20, y, width - 70, y)
        canvas.text(width - 64, y + 5, name, anchor="start", font_style="italic")
    run = (bottom - top) / math.tan(math.radians(float(slant)))
    x_top = width / 2 - 35 + run / 2
    x_bottom = x_top - run
    reach = 75 / (bottom - top)
    canvas.line(
        x_top + run * reach, top - 75, x_bottom - run * reach, bottom + 75, stroke_width=1.5
    )
    rays = (float(slant), 180.0, 180 + float(slant), 360.0)
    said = []
    for k, text in marks:
        x, y = (x_top, top) if k < 4 else (x_bottom, bottom)
        start = rays[k % 4 - 1] if k % 4 else 0.0
        middle = math.radians((start + rays[k % 4]) / 2)
        dx, dy = math.cos(middle), math.sin(middle)
        anchor = "start" if dx > 0.3 else "end" if dx < -0.3 else "middle"
        canvas.text(x + 16 * dx, y - 20 * dy + 5, text, anchor=anchor)
        vertical, horizontal = CORNERS[k % 4].split()
        line = "p, the upper crossing" if k < 4 else "q, the lower crossing"
        said.append(
            f"at line {line}, the angle {vertical} the line and to the {horizontal} of the "
            f"transversal is marked {text}"
        )
    alt = "Parallel lines p and q cut by a transversal; " + "; ".join(said) + "."
    return canvas.figure("angle", alt, _numbers([t for _, t in marks]))


def _solid_labels(canvas: Canvas, labels: Sequence[tuple[Vertex, str]]) -> None:
    for (x, y), text in labels:
        canvas.text(x, y, text, anchor="start")


def cone(radius: str, height: str, *, across: bool = False) -> Figure:
    """An upright cone: its base's radius (or diameter, if `across`) and its height dashed
    from the tip to the centre of the base, each labelled."""
    width, h = 300, 300
    canvas = Canvas(width, h, "Cone")
    cx, base, r, ry, tip = 130.0, 240.0, 90.0, 26.0, 40.0
    canvas.add(
        "path",
        d=f"M {cx - r} {base} L {cx} {tip} L {cx + r} {base} A {r} {ry} 0 0 1 {cx - r} {base} Z",
        fill=FILL,
        stroke=INK,
        stroke_width=1.5,
    )
    canvas.add(
        "path",
        d=f"M {cx - r} {base} A {r} {ry} 0 0 1 {cx + r} {base}",
        fill="none",
        stroke=INK,
        stroke_width=1,
        stroke_dasharray="4 4",
    )
    canvas.line(cx, tip, cx, base, stroke_dasharray="6 4", stroke_width=1)
    canvas.line(cx - r if across else cx, base, cx + r, base, stroke_dasharray="5 3")
    canvas.dot(cx, base, r=2.5)
    _solid_labels(canvas, [((cx + 6, (tip + base) / 2), height), ((cx + 10, base + 36), radius)])
    part = "diameter" if across else "radius"
    alt = f"A cone whose base has a {part} of {radius} and whose height is {height}."
    return canvas.figure("cone", alt, _numbers([radius, height]))


def sphere(radius: str, *, across: bool = False, half: bool = False) -> Figure:
    """A sphere (or a hemisphere, flat side down, if `half`) with its radius, or its
    diameter if `across`, drawn from the centre and labelled."""
    width, height = 300, 230 if half else 300
    canvas = Canvas(width, height, "Hemisphere" if half else "Sphere")
    cx, cy, r = 140.0, 190.0 if half else 150.0, 110.0
    if half:
        canvas.add(
            "path",
            d=f"M {cx - r} {cy} A {r} {r} 0 0 1 {cx + r} {cy} A {r} 28 0 0 1 {cx - r} {cy}",
            fill=FILL,
            stroke=INK,
            stroke_width=1.5,
        )
    else:
        canvas.add("circle", cx=cx, cy=cy, r=r, fill=FILL, stroke=INK, stroke_width=1.5)
    canvas.add(
        "ellipse",
        cx=cx,
        cy=cy,
        rx=r,
        ry=28,
        fill="none",
        stroke=INK,
        stroke_width=1,
        stroke_dasharray="4 4",
    )
    canvas.line(cx - r if across else cx, cy, cx + r, cy, stroke_dasharray="5 3")
    canvas.dot(cx, cy, r=2.5)
    _solid_labels(canvas, [((cx + (-30 if across else 20), cy - 8), radius)])
    part = "diameter" if across else "radius"
    shape = "A hemisphere (half of a sphere)" if half else "A sphere"
    alt = f"{shape} with a {part} of {radius}, drawn {'across' if across else 'from'} the centre."
    return canvas.figure("sphere", alt, _numbers([radius]))
