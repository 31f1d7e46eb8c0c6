"""Grade-7 geometry pictures: circles, pyramids, vertical angles, scale drawings and shapes
made of rectangles and triangles, each labelled only with the numbers its question writes.

Shapes reuse the polygon helpers of `shapes` (fitting, edge labels, right-angle marks); as
there, the drawing is roughly to scale and the labels, never the drawing, carry the measures.
"""

from __future__ import annotations

import math
from typing import Literal

from edugen.content.figures.lines import Show
from edugen.content.figures.shapes import (
    Vertex,
    _edge_label,
    _fit,
    _measure,
    _right_angle,
    _size,
    _squeeze,
)
from edugen.content.figures.svg import FILL, INK, Canvas, Number, numeric, plain
from edugen.schemas import Figure

Segment = Literal["radius", "diameter"]


def _numbers(texts: list[str]) -> list[str]:
    """The numbers a figure's labels write ("6 cm" → "6"; "x°" and "?" are no number)."""
    return numeric([t.split(" ")[0].removesuffix("°") for t in texts])


def circle(text: str, segment: Segment | None) -> Figure:
    """A circle with its centre marked and its radius or diameter drawn and labelled with
    `text` ("6 cm"); with no segment, `text` is the circumference, written along the top."""
    size, r = 300, 110
    cx, cy = size / 2, size / 2
    canvas = Canvas(size, size, "Circle")
    canvas.add("circle", cx=cx, cy=cy, r=r, fill=FILL, stroke=INK, stroke_width=1.5)
    canvas.dot(cx, cy, r=3)
    if segment is None:
        canvas.text(cx, cy - r - 12, f"circumference {text}")
        alt = f"A circle with its centre marked; the distance around it is {text}."
    elif segment == "diameter":
        canvas.line(cx - r, cy, cx + r, cy)
        canvas.dot(cx - r, cy, r=2.5)
        canvas.dot(cx + r, cy, r=2.5)
        canvas.text(cx, cy - 10, text)
        alt = f"A circle with a diameter of {text} drawn through its centre."
    else:
        canvas.line(cx, cy, cx + r, cy)
        canvas.dot(cx + r, cy, r=2.5)
        canvas.text(cx + r / 2, cy - 10, text)
        alt = f"A circle with a radius of {text} drawn from its centre to the edge."
    return canvas.figure("circle", alt, _numbers([text]))


def rectangular_pyramid(
    length: Number, width: Number, height: Number, *, unit: str = "cm", show: Show = plain
) -> Figure:
    """A right pyramid on a rectangular base, in oblique view, its height dashed from the top
    straight down to the centre of the base."""
    ln, ht = _squeeze(length, height)
    wd = min(max(float(width) * ln / float(length), ln / 4), ln)
    dx, dy = wd * 0.5, wd * 0.4
    scale = 240 / max(ln + dx, ht + dy)
    ln, ht, dx, dy = ln * scale, ht * scale, dx * scale, dy * scale
    x0, y0 = 50.0, 40 + ht + dy
    front = [(x0, y0), (x0 + ln, y0)]
    back = [(x0 + dx, y0 - dy), (x0 + ln + dx, y0 - dy)]
    centre = (x0 + (ln + dx) / 2, y0 - dy / 2)
    apex = (centre[0], centre[1] - ht)
    canvas = Canvas(int(x0 + ln + dx + 90), int(y0 + 45), "Rectangular pyramid")
    canvas.polygon([front[0], front[1], apex], fill=FILL)
    canvas.polygon([front[1], back[1], apex], fill="#b9cfe4")
    for p in (back[0],):  # the hidden back corner and its edges, dashed
        for q in (front[0], back[1], apex):
            canvas.line(*p, *q, stroke_dasharray="4 4", stroke_width=1)
    canvas.line(*apex, *centre, stroke_dasharray="6 4", stroke_width=1)
    canvas.dot(*centre, r=2.5)
    texts = [_measure(v, unit, show) for v in (length, width, height)]
    canvas.text(x0 + ln / 2, y0 + 22, texts[0])
    canvas.text(x0 + ln + dx / 2 + 10, y0 - dy / 2 + 14, texts[1], anchor="start")
    # the height measured beside the solid, where no edge can cross its label
    side = x0 + ln + dx + 16
    canvas.line(side, apex[1], side, centre[1], stroke_width=1)
    canvas.line(apex[0], apex[1], side, apex[1], stroke_dasharray="2 3", stroke_width=0.8)
    canvas.line(centre[0], centre[1], side, centre[1], stroke_dasharray="2 3", stroke_width=0.8)
    canvas.text(side + 6, (apex[1] + centre[1]) / 2 + 4, texts[2], anchor="start")
    base = "square" if float(length) == float(width) else "rectangular"
    alt = (
        f"A pyramid on a {base} base {texts[0]} long and {texts[1]} wide; its height, "
        f"from the top straight down to the middle of the base, is {texts[2]}."
    )
    return canvas.figure("pyramid", alt, _numbers(texts))


def vertical_angles(measure: Number, labels: tuple[str, str]) -> Figure:
    """Two straight lines crossing at a point; one pair of opposite (vertical) angles, of
    `measure` degrees as drawn, labelled with the two texts ("(2x + 10)°", "70°")."""
    size, r = 300, 125
    cx, cy = size / 2, size / 2
    canvas = Canvas(size, size, "Vertical angles")
    half = math.radians(float(measure)) / 2
    for a in (half, math.pi - half):
        canvas.line(
            cx - r * math.cos(a), cy + r * math.sin(a), cx + r * math.cos(a), cy - r * math.sin(a)
        )
    for side, text in zip((0.0, math.pi), labels, strict=True):
        a0, a1, arc = side - half, side + half, 34
        path = (
            f"M {cx + arc * math.cos(a0):.2f} {cy - arc * math.sin(a0):.2f} "
            f"A {arc} {arc} 0 0 0 {cx + arc * math.cos(a1):.2f} {cy - arc * math.sin(a1):.2f}"
        )
        canvas.add("path", d=path, fill="none", stroke=INK, stroke_width=1.2)
        right = side == 0  # each label starts just beyond its arc, away from the crossing
        canvas.text(cx + (44 if right else -44), cy + 5, text, anchor="start" if right else "end")
    alt = (
        "Two straight lines cross at a point. The two opposite angles on the left and right "
        f"of the crossing are marked {labels[1]} and {labels[0]}."
    )
    return canvas.figure("angle", alt, _numbers(list(labels)))


def scale_drawing(
    length: str, width: str | None, scale: str, *, what: str = "wall", ratio: float = 0.6
) -> Figure:
    """A drawing on a plan: a segment (a wall, a road) or a rectangle (a room, a field) with
    its lengths on the drawing labelled, and the plan's scale written underneath."""
    w, pad = 260.0, 45.0
    h = w * min(max(ratio, 1 / 3), 1.0) if width is not None else 0.0
    canvas = Canvas(int(w + 2 * pad + 40), int(h + 2 * pad + 50), "Scale drawing")
    x0, y0 = pad, pad + 10
    if width is None:
        canvas.line(x0, y0 + 20, x0 + w, y0 + 20, stroke_width=4)
        for x in (x0, x0 + w):
            canvas.line(x, y0 + 10, x, y0 + 30, stroke_width=1.5)
        canvas.text(x0 + w / 2, y0 + 5, length)
        bottom = y0 + 30
        said = "of unknown length" if length.startswith("?") else f"{length} long"
        alt = f"On the drawing, the {what} is a line {said}."
    else:
        canvas.polygon([(x0, y0), (x0 + w, y0), (x0 + w, y0 + h), (x0, y0 + h)])
        canvas.text(x0 + w / 2, y0 + h + 20, length)
        canvas.text(x0 + w + 8, y0 + h / 2 + 4, width, anchor="start")
        bottom = y0 + h + 20
        alt = f"On the drawing, the {what} is a rectangle {length} long and {width} wide."
    canvas.text(x0, bottom + 30, f"Scale: {scale}", anchor="start")
    texts = [length, *([width] if width else []), *scale.replace(":", " ").split()]
    return canvas.figure("polygon", f"{alt} The scale is {scale}.", _numbers(texts))


def _shape(
    name: str,
    outline: list[Vertex],
    edges: list[tuple[int, int, str]],
    hole: list[Vertex],
    dashed: list[tuple[Vertex, Vertex]],
) -> tuple[Canvas, list[Vertex], list[Vertex], list[Vertex]]:
    """A filled outline (and a hole, if any) with labelled edges (indices run over the
    outline, then the hole) and dashed guide lines; returns the canvas and the outline, hole
    and guide lines' ends as drawn."""
    guides = [p for pair in dashed for p in pair]
    points = _fit([*outline, *hole, *guides])
    drawn = points[: len(outline)]
    inside = points[len(outline) : len(outline) + len(hole)]
    lines = points[len(outline) + len(hole) :]
    width, tall = _size(points)
    canvas = Canvas(width, tall, name)
    canvas.polygon(drawn)
    if inside:
        canvas.polygon(inside, fill="#ffffff")
    for k in range(0, len(lines), 2):
        canvas.line(*lines[k], *lines[k + 1], stroke_dasharray="6 4", stroke_width=1)
    centre = (sum(x for x, _ in drawn) / len(drawn), sum(y for _, y in drawn) / len(drawn))
    everything = drawn + inside
    for i, j, text in edges:
        _edge_label(canvas, everything[i], everything[j], text, centre)
    return canvas, drawn, inside, lines


def l_shape(
    bottom: Number,
    left: Number,
    top: Number,
    right: Number,
    *,
    unit: str = "m",
    show: Show = plain,
) -> Figure:
    """An L-shaped figure: a full-width lower part `right` tall and a narrower upper part on
    the left; four outer edges labelled."""
    texts = [_measure(v, unit, show) for v in (bottom, left, top, right)]
    b, lf, t, rt = (float(v) for v in (bottom, left, top, right))
    outline = [(0.0, 0.0), (b, 0.0), (b, rt), (t, rt), (t, lf), (0.0, lf)]
    edges = [(0, 1, texts[0]), (5, 0, texts[1]), (4, 5, texts[2]), (1, 2, texts[3])]
    canvas, *_ = _shape("L-shaped figure", outline, edges, [], [])
    alt = (
        f"An L-shaped figure with square corners. The bottom edge is {texts[0]} and the left "
        f"edge is {texts[1]}. The top edge is {texts[2]} and the short right edge is {texts[3]}."
    )
    return canvas.figure("polygon", alt, _numbers(texts))


def house_shape(
    base: Number, wall: Number, roof: Number, *, unit: str = "m", show: Show = plain
) -> Figure:
    """A rectangle with a triangle on top (the end wall of a house): base and wall labelled,
    the triangle's height dashed from its top down to the rectangle."""
    texts = [_measure(v, unit, show) for v in (base, wall, roof)]
    b, w = _squeeze(base, wall)
    t = float(roof) * w / float(wall)
    outline = [(0.0, w), (0.0, 0.0), (b, 0.0), (b, w), (b / 2, w + t)]
    dashed = [((0.0, w), (b, w)), ((b / 2, w + t), (b / 2, w))]
    canvas, drawn, _, lines = _shape(
        "Rectangle with a triangle on top",
        outline,
        [(1, 2, texts[0]), (0, 1, texts[1])],
        [],
        dashed,
    )
    top, foot = lines[2], lines[3]
    _right_angle(canvas, foot, top, drawn[3])
    canvas.text(top[0] + 8, (top[1] + foot[1]) / 2 + 4, texts[2], anchor="start")
    alt = (
        f"A rectangle {texts[0]} wide and {texts[1]} tall with a triangle on top of it. The "
        f"triangle's base is the top of the rectangle and its height is {texts[2]}."
    )
    return canvas.figure("polygon", alt, _numbers(texts))


def frame(
    outer: tuple[Number, Number],
    inner: tuple[Number, Number],
    *,
    unit: str = "cm",
    show: Show = plain,
) -> Figure:
    """A rectangle with a rectangular opening in its middle (a frame or a border)."""
    texts = [_measure(v, unit, show) for v in (*outer, *inner)]
    ow, oh = _squeeze(*outer)
    iw, ih = float(inner[0]) * ow / float(outer[0]), float(inner[1]) * oh / float(outer[1])
    mx, my = (ow - iw) / 2, (oh - ih) / 2
    outline = [(0.0, 0.0), (ow, 0.0), (ow, oh), (0.0, oh)]
    hole = [(mx, my), (mx + iw, my), (mx + iw, my + ih), (mx, my + ih)]
    edges = [(0, 1, texts[0]), (1, 2, texts[1])]
    canvas, _, inside, _ = _shape("Frame", outline, edges, hole, [])
    canvas.text((inside[0][0] + inside[1][0]) / 2, inside[1][1] - 8, texts[2])
    canvas.text(inside[1][0] - 8, (inside[1][1] + inside[2][1]) / 2 + 4, texts[3], anchor="end")
    alt = (
        f"A rectangle {texts[0]} by {texts[1]} with a rectangular opening {texts[2]} by "
        f"{texts[3]} cut out of its middle."
    )
    return canvas.figure("polygon", alt, _numbers(texts))
