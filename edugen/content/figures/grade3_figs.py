"""Grade-3 pictures: equal groups and arrays, fraction bars and fraction number lines,
clocks, picture and bar graphs, line plots in halves and quarters, shapes of unit squares,
split rectangles, shapes cut into equal parts and polygons with labelled sides.

Each is drawn from the item's own numbers. Dots, squares and hands carry no label; a
number written on a figure (a side, a bar's value, a key) is one its question writes, and
the alt text says it. Scales (a clock's dial, a graph's or a line's tick marks) are the
scale only, as on the number lines of `lines`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

from edugen.content.figures.lines import Axis, listing
from edugen.content.figures.shapes import _edge_label
from edugen.content.figures.svg import FILL, GRID, INK, Canvas, numeric, plain
from edugen.schemas import Figure

WHITE = "#ffffff"


def _grid_of(count: int, across: int) -> list[tuple[int, int]]:
    """(column, row) places for `count` things, `across` to a row."""
    return [(k % across, k // across) for k in range(count)]


def equal_groups(groups: int, each: int, thing: str = "dot") -> Figure:
    """`groups` circles, each holding `each` dots."""
    per_row = min(groups, 5)
    size = 92
    rows = math.ceil(groups / per_row)
    canvas = Canvas(per_row * (size + 12) + 20, rows * (size + 12) + 20, "Equal groups")
    inner = math.ceil(math.sqrt(each))
    for gx, gy in _grid_of(groups, per_row):
        cx, cy = 20 + gx * (size + 12) + size / 2, 20 + gy * (size + 12) + size / 2
        canvas.add("circle", cx=cx, cy=cy, r=size / 2, fill=FILL, stroke=INK, stroke_width=1.5)
        step = 56 / max(inner - 1, 1)
        for dx, dy in _grid_of(each, inner):
            lines = math.ceil(each / inner)
            x = cx - 28 + dx * step if inner > 1 else cx
            y = cy - step * (lines - 1) / 2 + dy * step
            canvas.dot(x, y, r=5)
    alt = f"{groups} circles with {each} {thing}s in each circle."
    return canvas.figure("polygon", alt, [])


def array(rows: int, columns: int) -> Figure:
    """Dots in `rows` equal rows of `columns`."""
    gap = 30
    canvas = Canvas(columns * gap + 30, rows * gap + 30, "Array")
    for c, r in _grid_of(rows * columns, columns):
        canvas.dot(30 + c * gap, 30 + r * gap, r=8)
    alt = f"An array of dots in {rows} rows with {columns} dots in each row."
    return canvas.figure("polygon", alt, [])


def fraction_bar(parts: int, shaded: int) -> Figure:
    """Bars each cut into `parts` equal parts, `shaded` parts shaded from the left; as many
    bars as the shaded parts need."""
    bars = max(1, math.ceil(shaded / parts))
    width, part = 460, 400 / parts
    canvas = Canvas(width, 30 + 60 * bars, "Fraction bar")
    for k in range(bars * parts):
        bar, i = divmod(k, parts)
        canvas.add(
            "rect",
            x=30 + i * part,
            y=20 + 60 * bar,
            width=part,
            height=40,
            fill=FILL if k < shaded else WHITE,
            stroke=INK,
            stroke_width=1.5,
        )
    which = "a bar" if bars == 1 else f"{bars} bars of the same size, each"
    alt = f"{which[0].upper()}{which[1:]} cut into {parts} equal parts; {shaded} parts are shaded."
    return canvas.figure("tape", alt, [])


def _fraction_axis(canvas: Canvas, y: float, wholes: int, parts: int, ends: bool = True) -> Axis:
    axis = Axis(0, wholes, 40, canvas.width - 40)
    canvas.line(axis(0), y, axis(wholes), y)
    for k in range(wholes * parts + 1):
        value = Fraction(k, parts)
        tall = 9 if value.denominator == 1 else 6
        canvas.line(axis(value), y - tall, axis(value), y + tall)
        if ends and value.denominator == 1:
            canvas.text(axis(value), y + 26, plain(value), font_weight="bold")
    return axis


def fraction_line(wholes: int, parts: int, points: Sequence[tuple[Fraction, str]]) -> Figure:
    """A number line from 0 to `wholes`, each whole cut into `parts` equal parts, the whole
    numbers written under it and a lettered dot at each point."""
    canvas = Canvas(480, 110, "Number line")
    axis = _fraction_axis(canvas, 62, wholes, parts)
    for value, name in points:
        canvas.dot(axis(value), 62, r=6)
        canvas.text(axis(value), 42, name, font_weight="bold")
    marked = "; ".join(
        f"point {name} is at the end of part {value * parts}" for value, name in points
    )
    alt = (
        f"A number line from 0 to {wholes} with the whole numbers marked. Each whole is cut "
        f"into {parts} equal parts" + (f"; {marked} counting from 0." if points else ".")
    )
    return canvas.figure("number_line", alt, [])


def two_lines(top: int, bottom: int, value: Fraction, name: str) -> Figure:
    """Two number lines from 0 to 1 of the same length, one cut into `top` equal parts and
    one into `bottom`; the point `name` at `value` on the top line, and a dashed line
    straight down from it to the bottom one."""
    canvas = Canvas(480, 200, "Two number lines")
    axis = _fraction_axis(canvas, 60, 1, top)
    _fraction_axis(canvas, 150, 1, bottom)
    x = axis(value)
    canvas.dot(x, 60, r=6)
    canvas.text(x, 40, name, font_weight="bold")
    canvas.line(x, 66, x, 150, stroke_dasharray="5 4", stroke_width=1)
    alt = (
        f"Two number lines from 0 to 1, the same length, one above the other. The top one is "
        f"cut into {top} equal parts and the bottom one into {bottom} equal parts. Point {name} "
        f"is on the top line at the end of part {value * top}; a dashed line goes straight down "
        "from it to the bottom line."
    )
    return canvas.figure("number_line", alt, [])


def clock(hour: int, minute: int) -> Figure:
    """A clock face with its twelve numbers, minute marks and two hands at hour:minute."""
    canvas = Canvas(220, 220, "Clock")
    cx = cy = 110
    canvas.add("circle", cx=cx, cy=cy, r=96, fill=WHITE, stroke=INK, stroke_width=3)
    for k in range(60):
        a = math.radians(6 * k)
        inner = 84 if k % 5 == 0 else 89
        canvas.line(
            cx + inner * math.sin(a),
            cy - inner * math.cos(a),
            cx + 94 * math.sin(a),
            cy - 94 * math.cos(a),
            stroke_width=2 if k % 5 == 0 else 1,
        )
    for n in range(1, 13):
        a = math.radians(30 * n)
        canvas.text(cx + 70 * math.sin(a), cy - 70 * math.cos(a) + 6, str(n), font_size=16)
    hour_angle = math.radians(30 * (hour % 12) + minute / 2)
    minute_angle = math.radians(6 * minute)
    for angle, length, thick in ((hour_angle, 48, 6), (minute_angle, 76, 3)):
        canvas.line(
            cx,
            cy,
            cx + length * math.sin(angle),
            cy - length * math.cos(angle),
            stroke_width=thick,
            stroke_linecap="round",
        )
    canvas.dot(cx, cy, r=5)
    alt = f"A clock showing the time {hour}:{minute:02d}."
    return canvas.figure("circle", alt, [])


def bar_graph(names: Sequence[str], values: Sequence[int], step: int, what: str) -> Figure:
    """Bars of `values` for `names` on a scale marked every `step`; the values are the
    figure's numbers (each one its question writes)."""
    top_value = max(values)
    top_value = -(-top_value // step) * step
    width, height = 480, 280
    canvas = Canvas(width, height, "Bar graph")
    left, right, top, base = 60, width - 20, 20, height - 50
    rise = (base - top) / top_value
    for t in range(0, top_value + 1, step):
        y = base - t * rise
        canvas.line(left, y, right, y, stroke=GRID, stroke_width=1)
        canvas.text(left - 6, y + 4, str(t), anchor="end", font_size=11)
    canvas.line(left, base, right, base)
    canvas.line(left, base, left, top)
    w = (right - left) / len(names)
    for i, (name, value) in enumerate(zip(names, values, strict=True)):
        x = left + i * w + w * 0.2
        canvas.add("rect", x=x, y=base - value * rise, width=w * 0.6, height=value * rise)
        canvas.root[-1].set("fill", FILL)
        canvas.root[-1].set("stroke", INK)
        canvas.text(x + w * 0.3, base + 18, name, font_size=12)
    canvas.text(
        18, (top + base) / 2, what, font_size=11, transform=f"rotate(-90 18 {(top + base) / 2})"
    )
    said = "; ".join(f"{n} {v}" for n, v in zip(names, values, strict=True))
    alt = f"A bar graph of {what} with a scale marked every {step}: {said}."
    return canvas.figure("histogram", alt, [str(v) for v in values])


def picture_graph(names: Sequence[str], counts: Sequence[int], key: int, what: str) -> Figure:
    """A picture graph: a row of stars for each name and a key saying what one star stands
    for; the key is the figure's number."""
    width = 140 + 30 * max(counts)
    canvas = Canvas(max(width, 300), 50 + 36 * len(names), "Picture graph")
    for r, (name, count) in enumerate(zip(names, counts, strict=True)):
        y = 30 + 36 * r
        canvas.text(110, y + 5, name, anchor="end", font_size=13)
        for k in range(count):
            _star(canvas, 135 + 30 * k, y)
    y = 30 + 36 * len(names)
    _star(canvas, 30, y - 2)
    canvas.text(46, y + 3, f"= {key} {what}", anchor="start", font_size=13)
    said = "; ".join(f"{n} {c} stars" for n, c in zip(names, counts, strict=True))
    alt = f"A picture graph of {what}. Each star stands for {key} {what}. {said}."
    return canvas.figure("table", alt, [str(key)])


def _star(canvas: Canvas, x: float, y: float) -> None:
    points = []
    for k in range(10):
        r = 12 if k % 2 == 0 else 5
        a = math.radians(36 * k)
        points.append((x + r * math.sin(a), y - r * math.cos(a)))
    canvas.polygon(points, fill="#f2c200", stroke_width=1)


def mixed(value: Fraction) -> str:
    """A length as a grade-3 ruler reads it: 2, 1/4, 2 1/2."""
    whole, rest = divmod(value, 1)
    if rest == 0:
        return str(whole)
    part = f"{rest.numerator}/{rest.denominator}"
    return part if whole == 0 else f"{whole} {part}"


def line_plot(data: Sequence[Fraction], low: int, high: int, parts: int, unit: str) -> Figure:
    """One X per value over a scale from low to high marked in 1/parts, the whole and half
    marks written in mixed numbers (the scale only: the X marks carry no label)."""
    counts: dict[Fraction, int] = {}
    for v in data:
        counts[v] = counts.get(v, 0) + 1
    height = 90 + 18 * max(counts.values())
    canvas = Canvas(480, height, "Line plot")
    base = height - 50
    axis = Axis(low, high, 40, 440)
    canvas.line(30, base, 450, base)
    for k in range((high - low) * parts + 1):
        t = low + Fraction(k, parts)
        canvas.line(axis(t), base - 6, axis(t), base + 6)
        if parts <= 2 or t.denominator <= 2:
            canvas.text(axis(t), base + 22, mixed(t), font_size=11)
    for value, count in counts.items():
        for k in range(count):
            canvas.text(axis(value), base - 10 - 18 * k, "X", font_weight="bold", font_size=15)
    canvas.text(240, height - 6, unit, font_style="italic")
    said = listing([f"{mixed(v)}: {c}" for v, c in sorted(counts.items())])
    alt = f"A line plot of {unit} from {low} to {high}, with an X for each value; {said}."
    return canvas.figure("dot_plot", alt, [])


def unit_squares(rows: Sequence[int], extra: int = 0) -> Figure:
    """A shape of unit squares, one bar of squares per row from the top, all starting at the
    left edge, on a light grid; `extra` squares beyond the shape are left white."""
    across = max(rows) + extra
    size = 34
    canvas = Canvas(across * size + 40, len(rows) * size + 40, "Unit squares")
    for r, count in enumerate(rows):
        for c in range(across):
            canvas.add(
                "rect",
                x=20 + c * size,
                y=20 + r * size,
                width=size,
                height=size,
                fill=FILL if c < count else WHITE,
                stroke=INK if c < count else GRID,
                stroke_width=1.5 if c < count else 1,
            )
    said = ", ".join(str(c) for c in rows)
    alt = f"A shape of unit squares on a grid with {len(rows)} rows of squares: {said} squares."
    return canvas.figure("polygon", alt, [])


def split_rectangle(
    tall: int, left: int, right: int, unit: str, *, tiles: bool, labels: Sequence[str]
) -> Figure:
    """A rectangle `tall` by `left` + `right`, split by a thick line after `left` columns, with
    unit squares drawn if `tiles`; `labels` (height, left part, right part; "" for none) go
    on the left edge and under each part."""
    size = min(34, 380 // (left + right), 220 // tall)
    x0, y0 = 60, 20
    canvas = Canvas(x0 + (left + right) * size + 30, y0 + tall * size + 50, "Split rectangle")
    for c in range(left + right):
        for r in range(tall):
            canvas.add(
                "rect",
                x=x0 + c * size,
                y=y0 + r * size,
                width=size,
                height=size,
                fill=FILL if c < left else "#f6e3c6",
                stroke=INK if tiles else "none",
                stroke_width=1,
            )
    w, h = (left + right) * size, tall * size
    canvas.add("rect", x=x0, y=y0, width=w, height=h, fill="none", stroke=INK, stroke_width=2)
    canvas.line(x0 + left * size, y0, x0 + left * size, y0 + h, stroke_width=4)
    height_label, left_label, right_label = labels
    canvas.text(x0 - 8, y0 + h / 2 + 4, height_label, anchor="end")
    canvas.text(x0 + left * size / 2, y0 + h + 22, left_label)
    canvas.text(x0 + left * size + right * size / 2, y0 + h + 22, right_label)
    shown = [t for t in labels if t]
    alt = (
        f"A rectangle {'of unit squares ' if tiles else ''}split into two smaller rectangles by "
        f"a line." + (f" The labels are {listing(shown)}." if shown else "")
    )
    return canvas.figure("polygon", alt, numeric([t.split(" ")[0] for t in shown]))


def tiled_rectangle(rows: int, columns: int, labels: Sequence[str] = ("", "")) -> Figure:
    """A rectangle tiled by rows × columns unit squares; `labels` (its length under it, its
    width on its left; "" for none)."""
    size = min(34, 380 // columns, 240 // rows)
    x0, y0 = 60, 20
    canvas = Canvas(x0 + columns * size + 30, y0 + rows * size + 50, "Tiled rectangle")
    for c, r in _grid_of(rows * columns, columns):
        canvas.add("rect", x=x0 + c * size, y=y0 + r * size, width=size, height=size, fill=FILL)
        canvas.root[-1].set("stroke", INK)
    length, width = labels
    canvas.text(x0 + columns * size / 2, y0 + rows * size + 22, length)
    canvas.text(x0 - 8, y0 + rows * size / 2 + 4, width, anchor="end")
    shown = [t for t in labels if t]
    alt = "A rectangle covered by unit squares with no gaps or overlaps." + (
        f" Its sides are labelled {listing(shown)}." if shown else ""
    )
    return canvas.figure("polygon", alt, numeric([t.split(" ")[0] for t in shown]))


def cut_shape(shape: str, parts: int, shaded: int = 1) -> Figure:
    """A rectangle cut into `parts` equal strips, a circle into equal slices, or a square cut
    corner to corner into four triangles; the first `shaded` parts shaded."""
    canvas = Canvas(300, 220, "Shape in equal parts")
    if shape == "circle":
        cx, cy, r = 150, 110, 90
        for k in range(parts):
            a, b = math.radians(360 * k / parts), math.radians(360 * (k + 1) / parts)
            x1, y1 = cx + r * math.sin(a), cy - r * math.cos(a)
            x2, y2 = cx + r * math.sin(b), cy - r * math.cos(b)
            large = 1 if parts == 1 else 0
            canvas.add(
                "path",
                d=f"M {cx} {cy} L {x1:.2f} {y1:.2f} A {r} {r} 0 {large} 1 {x2:.2f} {y2:.2f} Z",
                fill=FILL if k < shaded else WHITE,
                stroke=INK,
                stroke_width=1.5,
            )
        alt = f"A circle cut into {parts} equal slices; {_shaded(shaded)}."
    elif shape == "square":
        c = [(60, 20), (240, 20), (240, 200), (60, 200)]
        for k in range(4):
            canvas.polygon([c[k], c[(k + 1) % 4], (150, 110)], fill=FILL if k < shaded else WHITE)
        alt = f"A square cut corner to corner into 4 equal triangles; {_shaded(shaded)}."
    else:
        w = 260 / parts
        for k in range(parts):
            canvas.add(
                "rect",
                x=20 + k * w,
                y=40,
                width=w,
                height=140,
                fill=FILL if k < shaded else WHITE,
                stroke=INK,
                stroke_width=1.5,
            )
        alt = f"A rectangle cut into {parts} equal strips; {_shaded(shaded)}."
    return canvas.figure("polygon", alt, [])


def _shaded(count: int) -> str:
    return "one part is shaded" if count == 1 else f"{count} parts are shaded"


def sided_polygon(labels: Sequence[str], *, rectangle: bool = False) -> Figure:
    """A polygon with one label per side (a measure such as "7 cm", "?" or "" for none), going
    around: a rectangle if asked, else a regular shape (the labels carry the measures)."""
    n = len(labels)
    if rectangle:
        corners = [(40.0, 40.0), (300.0, 40.0), (300.0, 190.0), (40.0, 190.0)]
    else:
        corners = [
            (
                170 + 110 * math.sin(math.radians(360 * k / n + 180 / n)),
                125 - 110 * math.cos(math.radians(360 * k / n + 180 / n)),
            )
            for k in range(n)
        ]
    canvas = Canvas(340, 250, "Polygon")
    canvas.polygon(corners)
    centre = (sum(x for x, _ in corners) / n, sum(y for _, y in corners) / n)
    for k, text in enumerate(labels):
        _edge_label(canvas, corners[k], corners[(k + 1) % n], text, centre)
    shown = [t for t in labels if t]
    name = "A rectangle" if rectangle else f"A shape with {n} sides"
    alt = f"{name} with sides labelled {listing(shown)}."
    return canvas.figure("polygon", alt, numeric([t.split(" ")[0] for t in labels]))
