"""Grade-5 pictures: fraction bars, fraction area models, boxes built from unit cubes and
solids made of two boxes. Every labelled number is one the question writes, and the alt
text says each of them (and every count a student who can see the picture would make)."""

from __future__ import annotations

from collections.abc import Sequence

from edugen.content.figures.svg import GRID, INK, Canvas, numeric
from edugen.schemas import Figure

LIGHT = "#eef4fa"
SIDE = "#b9cfe4"
SHADE = "#7fa7cf"


def _numbers(texts: Sequence[str]) -> list[str]:
    return numeric([t.split(" ")[0] for t in texts if t])


def fraction_bar(parts: int, shaded: int, *, total: str = "", each: str = "") -> Figure:
    """A bar cut into `parts` equal parts, the first `shaded` of them shaded; `total` is
    written under a brace below the whole bar and `each` inside every shaded part."""
    width, height = 480, 110 if total else 80
    canvas = Canvas(width, height, "Fraction bar")
    span = (width - 60) / parts
    for k in range(parts):
        colour = SHADE if k < shaded else "#ffffff"
        canvas.add("rect", x=30 + k * span, y=20, width=span, height=40, fill=colour, stroke=INK)
        if each and k < shaded:
            canvas.text(30 + k * span + span / 2, 45, each)
    if total:
        canvas.polyline([(30, 70), (30, 78), (width - 30, 78), (width - 30, 70)])
        canvas.text(width / 2, 98, total)
    alt = f"A bar cut into {parts} equal parts; {shaded} of them are shaded"
    alt += f", each labelled {each}" if each else ""
    alt += f". The whole bar is labelled {total}." if total else "."
    return canvas.figure("tape", alt, _numbers([total, each]))


def area_model(
    across: int,
    down: int,
    cols: int,
    rows: int,
    labels: tuple[str, str],
    *,
    side: str = "",
) -> Figure:
    """Unit squares (as many as needed) each cut into `across` × `down` small equal
    rectangles; the `cols` × `rows` small rectangles from the bottom left are shaded and the
    shaded part's width and height carry `labels`. `side` labels a unit square's edge."""
    wholes_x, wholes_y = -(-cols // across) or 1, -(-rows // down) or 1
    unit = 220 / max(wholes_x, wholes_y)
    cw, ch = unit / across, unit / down
    left, top = 70.0, 30.0
    width = int(left + wholes_x * unit + 90)
    height = int(top + wholes_y * unit + 60)
    canvas = Canvas(width, height, "Area model")
    bottom = top + wholes_y * unit
    canvas.add(
        "rect",
        x=left,
        y=bottom - rows * ch,
        width=cols * cw,
        height=rows * ch,
        fill=SHADE,
    )
    for i in range(wholes_x * across + 1):
        x = left + i * cw
        thick = i % across == 0
        canvas.line(
            x, top, x, bottom, stroke=INK if thick else GRID, stroke_width=2 if thick else 1
        )
    for j in range(wholes_y * down + 1):
        y = top + j * ch
        thick = j % down == 0
        canvas.line(
            left,
            y,
            left + wholes_x * unit,
            y,
            stroke=INK if thick else GRID,
            stroke_width=2 if thick else 1,
        )
    canvas.add(
        "rect",
        x=left,
        y=bottom - rows * ch,
        width=cols * cw,
        height=rows * ch,
        fill="none",
        stroke=INK,
        stroke_width=3,
    )
    canvas.text(left + cols * cw / 2, bottom + 24, labels[0], font_weight="bold")
    canvas.text(left - 8, bottom - rows * ch / 2 + 4, labels[1], anchor="end", font_weight="bold")
    if side:
        canvas.text(left + wholes_x * unit + 8, top + unit / 2 + 4, side, anchor="start")
    squares = wholes_x * wholes_y
    alt = (
        f"{'A unit square' if squares == 1 else f'{squares} unit squares'}"
        + (f" with sides of {side}" if side else "")
        + f", each cut into {across} columns and {down} rows of equal small rectangles. "
        f"A rectangle {cols} small rectangles wide and {rows} tall is shaded; its width is "
        f"labelled {labels[0]} and its height {labels[1]}."
    )
    return canvas.figure("polygon", alt, _numbers([*labels, side]))


def _box(
    canvas: Canvas,
    x0: float,
    y0: float,
    size: tuple[float, float, float],
    cells: tuple[int, int, int] | None = None,
) -> None:
    """A box in oblique view, front bottom left corner at (x0, y0); with `cells`, the grid
    of unit cubes on its three visible faces."""
    ln, wd, ht = size
    dx, dy = wd * 0.6, wd * 0.45
    front = [(x0, y0), (x0 + ln, y0), (x0 + ln, y0 - ht), (x0, y0 - ht)]
    top = [(x0, y0 - ht), (x0 + ln, y0 - ht), (x0 + ln + dx, y0 - ht - dy), (x0 + dx, y0 - ht - dy)]
    side = [
        (x0 + ln, y0),
        (x0 + ln + dx, y0 - dy),
        (x0 + ln + dx, y0 - ht - dy),
        (x0 + ln, y0 - ht),
    ]
    canvas.polygon(front)
    canvas.polygon(top, fill=LIGHT)
    canvas.polygon(side, fill=SIDE)
    if cells is None:
        return
    nl, nw, nh = cells
    thin = {"stroke_width": 1}
    for i in range(1, nl):
        x = x0 + ln * i / nl
        canvas.line(x, y0, x, y0 - ht, **thin)
        canvas.line(x, y0 - ht, x + dx, y0 - ht - dy, **thin)
    for k in range(1, nh):
        y = y0 - ht * k / nh
        canvas.line(x0, y, x0 + ln, y, **thin)
        canvas.line(x0 + ln, y, x0 + ln + dx, y - dy, **thin)
    for j in range(1, nw):
        ox, oy = dx * j / nw, dy * j / nw
        canvas.line(x0 + ox, y0 - ht - oy, x0 + ln + ox, y0 - ht - oy, **thin)
        canvas.line(x0 + ln + ox, y0 - oy, x0 + ln + ox, y0 - ht - oy, **thin)


def cube_box(length: int, width: int, height: int, *, what: str = "unit cubes") -> Figure:
    """A box built from unit cubes, `length` long, `width` deep and `height` tall, every
    cube's edges drawn on the faces you can see. No number is written on it."""
    cell = min(34.0, 300 / (length + width * 0.6), 220 / (height + width * 0.45))
    size = (length * cell, width * cell, height * cell)
    w = int(40 + size[0] + size[1] * 0.6 + 40)
    h = int(30 + size[2] + size[1] * 0.45 + 30)
    canvas = Canvas(w, h, "Box of unit cubes")
    _box(canvas, 40, h - 30, size, (length, width, height))
    layers = "1 layer" if height == 1 else f"{height} layers"
    alt = (
        f"A box built from {what}: {length} cubes long, {width} cubes deep and {height} cubes "
        f"tall ({layers})."
    )
    return canvas.figure("prism", alt, [])


def two_boxes(texts: tuple[str, str, str, str, str], sizes: tuple[float, ...]) -> Figure:
    """A solid made of two boxes of the same width side by side on one floor: `texts` label
    the left length, right length, width, left height and right height, drawn from `sizes`
    (the same five measures, in one unit); an empty text is an unknown, marked "?"."""
    numbers = _numbers(texts)
    a, b, c, d, e = (t or "?" for t in texts)
    texts = (a, b, c, d, e)
    l1, l2, wd, h1, h2 = sizes
    scale = min(260 / (l1 + l2 + wd * 0.6), 200 / (max(h1, h2) + wd * 0.45))
    dx, dy = wd * scale * 0.6, wd * scale * 0.45
    w = int(70 + (l1 + l2) * scale + dx + 70)
    h = int(30 + max(h1, h2) * scale + dy + 40)
    canvas = Canvas(w, h, "Solid made of two boxes")
    x0, y0 = 70.0, h - 40.0
    _box(canvas, x0, y0, (l1 * scale, wd * scale, h1 * scale))
    x1 = x0 + l1 * scale
    _box(canvas, x1, y0, (l2 * scale, wd * scale, h2 * scale))
    canvas.text(x0 + l1 * scale / 2, y0 + 20, texts[0])
    canvas.text(x1 + l2 * scale / 2, y0 + 20, texts[1])
    right = x1 + l2 * scale
    canvas.text(right + dx / 2 + 8, y0 - dy / 2 + 14, texts[2], anchor="start")
    canvas.text(x0 - 8, y0 - h1 * scale / 2 + 4, texts[3], anchor="end")
    canvas.text(right + dx + 8, y0 - dy - h2 * scale / 2 + 4, texts[4], anchor="start")
    said = tuple("marked with a question mark" if t == "?" else t for t in texts)
    alt = (
        f"A solid made of two boxes side by side, both {said[2]} wide. The left box is "
        f"{said[0]} long and {said[3]} tall. The right box's length is {said[1]} and its "
        f"height is {said[4]}."
    )
    return canvas.figure("prism", alt, numbers)
