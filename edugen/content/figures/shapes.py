"""Flat shapes and solids with labelled measures: polygons, angles, prisms, cylinders.

Shapes are drawn roughly to scale, but a ratio beyond 3 to 1 is squeezed so every label
stays legible; the labels, never the drawing, carry the measures.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

from edugen.content.figures.lines import Show, listing
from edugen.content.figures.svg import FILL, INK, Canvas, Number, numeric, plain
from edugen.schemas import Figure

Vertex = tuple[float, float]


def _squeeze(a: Number, b: Number) -> tuple[float, float]:
    """Two lengths as drawn: in proportion, but neither more than 3 times the other."""
    x, y = float(a), float(b)
    if x > 3 * y:
        y = x / 3
    elif y > 3 * x:
        x = y / 3
    return x, y


def _fit(vertices: Sequence[Vertex], box: float = 300, pad: float = 45) -> list[Vertex]:
    """Scale and move shape coordinates (y up) onto a canvas (y down) with a margin."""
    xs, ys = [v[0] for v in vertices], [v[1] for v in vertices]
    scale = box / max(max(xs) - min(xs), max(ys) - min(ys))
    return [(pad + (x - min(xs)) * scale, pad + (max(ys) - y) * scale) for x, y in vertices]


def _size(points: Sequence[Vertex], pad: float = 45) -> tuple[int, int]:
    return int(max(x for x, _ in points) + pad), int(max(y for _, y in points) + pad)


def _edge_label(canvas: Canvas, p: Vertex, q: Vertex, text: str, centre: Vertex) -> None:
    """A label beside the middle of edge pq, on the side away from the shape's centre."""
    mx, my = (p[0] + q[0]) / 2, (p[1] + q[1]) / 2
    nx, ny = q[1] - p[1], p[0] - q[0]
    length = math.hypot(nx, ny) or 1
    nx, ny = nx / length, ny / length
    if (mx + nx - centre[0]) ** 2 + (my + ny - centre[1]) ** 2 < (mx - centre[0]) ** 2 + (
        my - centre[1]
    ) ** 2:
        nx, ny = -nx, -ny
    canvas.text(mx + nx * 16, my + ny * 16 + 4, text)


def _right_angle(canvas: Canvas, corner: Vertex, a: Vertex, b: Vertex) -> None:
    """The small square that marks a right angle at `corner` between the rays to a and b."""

    def toward(t: Vertex) -> Vertex:
        d = math.hypot(t[0] - corner[0], t[1] - corner[1]) or 1
        return (t[0] - corner[0]) / d * 10, (t[1] - corner[1]) / d * 10

    (ux, uy), (vx, vy) = toward(a), toward(b)
    cx, cy = corner
    canvas.polyline(
        [(cx + ux, cy + uy), (cx + ux + vx, cy + uy + vy), (cx + vx, cy + vy)], stroke_width=1
    )


def _polygon_figure(
    name: str,
    shape: Sequence[Vertex],
    edges: Sequence[tuple[int, int, str]],
    height: tuple[Vertex, Vertex, str] | None,
    alt: str,
) -> Figure:
    """A filled polygon with labels on the chosen edges and a dashed height, if any."""
    extra = [height[0], height[1]] if height else []
    points = _fit([*shape, *extra])
    drawn, foot = points[: len(shape)], points[len(shape) :]
    width, tall = _size(points)
    canvas = Canvas(width, tall, name)
    canvas.polygon(drawn)
    centre = (sum(x for x, _ in drawn) / len(drawn), sum(y for _, y in drawn) / len(drawn))
    for i, j, text in edges:
        _edge_label(canvas, drawn[i], drawn[j], text, centre)
    labels = [t for _, _, t in edges]
    if height:
        top, bottom = foot
        canvas.line(*top, *bottom, stroke_dasharray="6 4")
        side = drawn[0] if abs(drawn[0][1] - bottom[1]) < 1 else drawn[1]
        _right_angle(canvas, bottom, top, side)
        canvas.text(top[0] + 8, _height_label_y(drawn, top, bottom, height[2]), height[2],
                    anchor="start")  # fmt: skip
        labels.append(height[2])
    return canvas.figure("polygon", alt, numeric([t.split(" ")[0] for t in labels]))


def _height_label_y(shape: Sequence[Vertex], top: Vertex, bottom: Vertex, text: str) -> float:
    """Where the height's label sits beside the dashed line, inside the shape: halfway up, or
    lower where a narrow shape leaves the label no room there (it would cross a side)."""
    need = top[0] + 8 + 8.5 * len(text) + 4  # the label's right end, about 8.5 px a letter

    def right_side(y: float) -> float:
        xs = [
            p[0] + (y - p[1]) * (q[0] - p[0]) / (q[1] - p[1])
            for p, q in zip(shape, [*shape[1:], shape[0]], strict=True)
            if min(p[1], q[1]) <= y <= max(p[1], q[1]) and p[1] != q[1]
        ]
        return max(xs, default=top[0])

    low = bottom[1] - 16  # above the right-angle mark
    y = (top[1] + bottom[1]) / 2
    while y < low and right_side(y - 10) < need:  # the label stands about 10 px above y
        y += 2
    return y + 4


def triangle(base: Number, height: Number, *, unit: str = "cm", show: Show = plain) -> Figure:
    """A triangle on its base with its height dashed from the top vertex."""
    b, h = _squeeze(base, height)
    apex = (b * 0.35, h)
    texts = [_measure(base, unit, show), _measure(height, unit, show)]
    return _polygon_figure(
        "Triangle",
        [(0, 0), (b, 0), apex],
        [(0, 1, texts[0])],
        (apex, (apex[0], 0), texts[1]),
        f"A triangle with base {texts[0]} and height {texts[1]}, drawn as a dashed line from "
        "the top vertex straight down to the base.",
    )


def parallelogram(
    base: Number, side: Number, height: Number, *, unit: str = "cm", show: Show = plain
) -> Figure:
    """A parallelogram on its base, its slanted side and its dashed height labelled."""
    b, h = _squeeze(base, height)
    run = math.sqrt(max(float(side) ** 2 - float(height) ** 2, 0)) * (h / float(height))
    run = min(run, b) or b * 0.3
    texts = [_measure(v, unit, show) for v in (base, side, height)]
    shape = [(0.0, 0.0), (b, 0.0), (b + run, h), (run, h)]
    return _polygon_figure(
        "Parallelogram",
        shape,
        [(0, 1, texts[0]), (0, 3, texts[1])],
        ((b + run * 0.5, h), (b + run * 0.5, 0), texts[2])
        if run < b / 2
        else ((run, h), (run, 0), texts[2]),
        f"A parallelogram with base {texts[0]}, slanted side {texts[1]} and height "
        f"{texts[2]}, drawn as a dashed line at a right angle to the base.",
    )


def trapezoid(
    base: Number, top: Number, height: Number, *, unit: str = "cm", show: Show = plain
) -> Figure:
    """A trapezoid with its two parallel bases and its dashed height labelled."""
    long, h = _squeeze(max(float(base), float(top)), height)
    short = long * min(float(base), float(top)) / max(float(base), float(top))
    offset = (long - short) / 3
    texts = [_measure(v, unit, show) for v in (base, top, height)]
    bottom_long = float(base) >= float(top)
    lower, upper = (long, short) if bottom_long else (short, long)
    left = offset if not bottom_long else 0.0
    shape = [
        (left, 0.0),
        (left + lower, 0.0),
        (offset + upper if bottom_long else upper, h),
        (offset if bottom_long else 0.0, h),
    ]
    hx = shape[3][0] + (shape[2][0] - shape[3][0]) * 0.5
    return _polygon_figure(
        "Trapezoid",
        shape,
        [(0, 1, texts[0]), (3, 2, texts[1])],
        ((hx, h), (hx, 0), texts[2]),
        f"A trapezoid with parallel bases {texts[0]} and {texts[1]} and height {texts[2]}, "
        "drawn as a dashed line between the bases.",
    )


def angles(measures: Sequence[tuple[Number, str]]) -> Figure:
    """Adjacent angles sharing one vertex, laid out counterclockwise from a horizontal ray,
    each with an arc and its label ("35°", "x°"); together at most 360 degrees."""
    size = 300
    canvas = Canvas(size, size, "Angles")
    cx, cy, r = size / 2, size / 2 + 20, 120
    canvas.line(cx, cy, cx + r, cy)
    start = 0.0
    for k, (deg, text) in enumerate(measures):
        end = start + float(deg)
        rad = math.radians(end)
        canvas.line(cx, cy, cx + r * math.cos(rad), cy - r * math.sin(rad))
        arc = 34 + 10 * (k % 2)
        a0, a1 = math.radians(start), rad
        large = 1 if end - start > 180 else 0
        path = (
            f"M {cx + arc * math.cos(a0):.2f} {cy - arc * math.sin(a0):.2f} "
            f"A {arc} {arc} 0 {large} 0 {cx + arc * math.cos(a1):.2f} {cy - arc * math.sin(a1):.2f}"
        )
        canvas.add("path", d=path, fill="none", stroke=INK, stroke_width=1.2)
        mid = math.radians((start + end) / 2)
        canvas.text(cx + (arc + 22) * math.cos(mid), cy - (arc + 22) * math.sin(mid) + 4, text)
        start = end
    texts = [t for _, t in measures]
    alt = f"{len(texts)} angle{'s' if len(texts) > 1 else ''} side by side at one point, " + (
        f"measuring {listing(texts)}."
    )
    return canvas.figure("angle", alt, numeric([t.removesuffix("°") for t in texts]))


def rectangular_prism(
    length: Number,
    width: Number,
    height: Number,
    *,
    unit: str = "cm",
    show: Show = plain,
    diagonal: bool = False,
) -> Figure:
    """A box drawn in oblique view with its length, width and height labelled; with
    `diagonal`, also the unknown space diagonal (marked "?") from the front bottom right
    corner to the back top left one, and the bottom's diagonal (dashed) that leads to it."""
    ln, ht = _squeeze(length, height)
    wd = min(max(float(width) * ln / float(length), ln / 4), ln)
    depth = (wd * 0.5, wd * 0.4)  # the receding edge, drawn up and to the right
    scale = 260 / max(ln + depth[0], ht + depth[1])
    ln, ht, dx, dy = ln * scale, ht * scale, depth[0] * scale, depth[1] * scale
    x0, y0 = 50.0, 40 + dy + ht
    front = [(x0, y0), (x0 + ln, y0), (x0 + ln, y0 - ht), (x0, y0 - ht)]
    top = [(x0, y0 - ht), (x0 + ln, y0 - ht), (x0 + ln + dx, y0 - ht - dy), (x0 + dx, y0 - ht - dy)]
    side = [
        (x0 + ln, y0),
        (x0 + ln + dx, y0 - dy),
        (x0 + ln + dx, y0 - ht - dy),
        (x0 + ln, y0 - ht),
    ]
    w, h = int(x0 + ln + dx + 80), int(y0 + 45)
    canvas = Canvas(w, h, "Rectangular prism")
    canvas.polygon(front)
    canvas.polygon(top, fill="#eef4fa")
    canvas.polygon(side, fill="#b9cfe4")
    # the hidden edges, dashed
    back = (x0 + dx, y0 - dy)
    for end in ((x0, y0), (x0 + ln + dx, y0 - dy), (x0 + dx, y0 - ht - dy)):
        canvas.line(*back, *end, stroke_dasharray="4 4", stroke_width=1)
    if diagonal:
        # from the front bottom right corner: this diagonal never passes a drawn corner
        start, below, far = (x0 + ln, y0), (x0 + dx, y0 - dy), (x0 + dx, y0 - ht - dy)
        canvas.line(*start, *below, stroke_dasharray="7 4", stroke_width=1.5)
        canvas.line(*start, *far, stroke_width=2.5)
        for corner in (start, far):
            canvas.dot(*corner, r=3.5)
        # "?" beside the diagonal's middle, on its right
        run, rise = start[0] - far[0], start[1] - far[1]
        size = math.hypot(run, rise)
        mx, my = (start[0] + far[0]) / 2, (start[1] + far[1]) / 2
        canvas.text(mx + rise / size * 13, my - run / size * 13 + 5, "?", font_weight="bold")
    texts = [_measure(v, unit, show) for v in (length, width, height)]
    canvas.text(x0 + ln / 2, y0 + 22, texts[0])
    canvas.text(x0 + ln + dx / 2 + 10, y0 - dy / 2 + 14, texts[1], anchor="start")
    canvas.text(x0 + ln + dx + 8, y0 - dy - ht / 2 + 4, texts[2], anchor="start")
    cube = len({float(length), float(width), float(height)}) == 1
    alt = (
        f"A cube with edges of {texts[0]}."
        if cube
        else f"A rectangular prism {texts[0]} long, {texts[1]} wide and {texts[2]} tall."
    )
    if diagonal:
        alt += (
            " A thick line marked with a question mark runs through the inside from a bottom "
            "corner to the opposite top corner. A dashed line crosses the bottom from the same "
            "bottom corner to the corner right below that top corner."
        )
    return canvas.figure("prism", alt, numeric([t.split(" ")[0] for t in texts]))


def triangular_prism(
    leg: Number,
    other_leg: Number,
    hypotenuse: Number,
    length: Number,
    *,
    unit: str = "cm",
    show: Show = plain,
) -> Figure:
    """A prism whose ends are right triangles, lying on one rectangular face."""
    a, b = _squeeze(leg, other_leg)
    ln = max(a, b) * 1.6
    scale = 200 / max(a + ln * 0.5, b + ln * 0.4)
    a, b, dx, dy = a * scale, b * scale, ln * 0.5 * scale, ln * 0.4 * scale
    x0, y0 = 50.0, 40 + dy + b
    end = [(x0, y0), (x0 + a, y0), (x0, y0 - b)]
    back = [(x + dx, y - dy) for x, y in end]
    w, h = int(x0 + a + dx + 90), int(y0 + 45)
    canvas = Canvas(w, h, "Triangular prism")
    canvas.polygon([end[1], back[1], back[2], end[2]], fill="#b9cfe4")
    canvas.polygon(end)
    canvas.line(*end[0], *back[0], stroke_dasharray="4 4", stroke_width=1)
    canvas.line(*back[0], *back[1], stroke_dasharray="4 4", stroke_width=1)
    canvas.line(*back[0], *back[2], stroke_dasharray="4 4", stroke_width=1)
    _right_angle(canvas, end[0], end[1], end[2])
    texts = [_measure(v, unit, show) for v in (leg, other_leg, hypotenuse, length)]
    canvas.text(x0 + a / 2, y0 + 20, texts[0])
    canvas.text(x0 - 8, y0 - b / 2 + 4, texts[1], anchor="end")
    canvas.text(x0 + a * 0.38, y0 - b * 0.28, texts[2])
    canvas.text(x0 + a + dx / 2 + 8, y0 - dy / 2 + 10, texts[3], anchor="start")
    alt = (
        f"A triangular prism {texts[3]} long whose two ends are right triangles with legs "
        f"{texts[0]} and {texts[1]} and a longest side of {texts[2]}."
    )
    return canvas.figure("prism", alt, numeric([t.split(" ")[0] for t in texts]))


def cylinder(radius: Number, height: Number, *, unit: str = "cm", show: Show = plain) -> Figure:
    """An upright cylinder with its radius drawn on the top and its height beside it."""
    r, ht = _squeeze(radius, height)
    scale = 220 / max(2 * r, ht)
    r, ht = r * scale, ht * scale
    ry = r * 0.3
    cx, top = 50 + r, 40 + ry
    w, h = int(2 * r + 140), int(top + ht + ry + 40)
    canvas = Canvas(w, h, "Cylinder")
    canvas.add(
        "path",
        d=f"M {cx - r:.2f} {top:.2f} L {cx - r:.2f} {top + ht:.2f} "
        f"A {r:.2f} {ry:.2f} 0 0 0 {cx + r:.2f} {top + ht:.2f} L {cx + r:.2f} {top:.2f} Z",
        fill=FILL,
        stroke=INK,
        stroke_width=1.5,
    )
    canvas.add("ellipse", cx=cx, cy=top, rx=r, ry=ry, fill="#eef4fa", stroke=INK, stroke_width=1.5)
    canvas.line(cx, top, cx + r, top, stroke_dasharray="5 3")
    canvas.dot(cx, top, r=2.5)
    texts = [_measure(v, unit, show) for v in (radius, height)]
    canvas.text(cx + r / 2, top - 6, texts[0])
    canvas.line(cx + r + 16, top, cx + r + 16, top + ht, stroke_width=1)
    canvas.text(cx + r + 22, top + ht / 2 + 4, texts[1], anchor="start")
    alt = f"A cylinder with radius {texts[0]} and height {texts[1]}."
    return canvas.figure("cylinder", alt, numeric([t.split(" ")[0] for t in texts]))


def _measure(value: Number, unit: str, show: Show) -> str:
    return f"{show(Fraction(value))} {unit}".strip()
