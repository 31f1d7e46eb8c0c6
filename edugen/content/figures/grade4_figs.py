"""Grade-4 figures: fraction strips, a number line in unit fractions, a labelled rectangle and
a protractor laid on an angle. Each labels only numbers its question has, and its alt text
says every one of them without giving the key away."""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

from edugen.content.figures.lines import Axis, listing
from edugen.content.figures.svg import FILL, INK, Canvas, Number
from edugen.schemas import Figure

SHADE = "#7fa7cf"


def fraction_strips(
    rows: Sequence[tuple[int, int | None, str]], *, numbers: Sequence[str], alt: str
) -> Figure:
    """Fraction strips of the same length, one under another: (parts, shaded, label). A row
    whose `shaded` is None is cut into its parts with nothing shaded (the question asks
    about it). `numbers` are the labelled numbers as the question writes them."""
    width, left, right = 480, 30, 400
    height = 24 + 56 * len(rows)
    canvas = Canvas(width, height, "Fraction strips")
    for k, (parts, shaded, text) in enumerate(rows):
        y = 16 + 56 * k
        step = (right - left) / parts
        for i in range(parts):
            fill = SHADE if shaded is not None and i < shaded else "#ffffff"
            canvas.add(
                "rect",
                x=left + i * step,
                y=y,
                width=step,
                height=36,
                fill=fill,
                stroke=INK,
                stroke_width=1.2,
            )
        canvas.text(right + 14, y + 23, text, anchor="start", font_weight="bold")
    return canvas.figure("tape", alt, numbers)


def unit_fraction_line(end: int, parts: int, point: Fraction, text: str) -> Figure:
    """A number line from 0 to `end` with a tick at every 1/parts, whole numbers labelled, and
    a dot at `point` labelled `text` (as the question writes it: "7/4" or "1 3/4")."""
    width, height = 480, 110
    canvas = Canvas(width, height, "Number line")
    axis = Axis(0, end, 40, width - 40)
    y = 70
    canvas.line(axis.left - 10, y, axis.right + 10, y)
    for i in range(end * parts + 1):
        t = Fraction(i, parts)
        whole = t.denominator == 1
        canvas.line(axis(t), y - (8 if whole else 5), axis(t), y + (8 if whole else 5))
        if whole:
            canvas.text(axis(t), y + 26, str(t.numerator))
    canvas.dot(axis(point), y, r=6)
    canvas.text(axis(point), y - 16, text, font_weight="bold")
    alt = (
        f"A number line from 0 to {end}. The space between whole numbers is cut into "
        f"{parts} equal parts. A point is marked at {text}."
    )
    return canvas.figure("number_line", alt, text.split())


def rectangle(
    across: str, down: str, *, unit: str, alt_extra: str = "", shade: bool = True
) -> Figure:
    """A rectangle with its bottom side labelled `across` and its right side `down` (each a
    number with its unit, or "?" for the unknown side)."""
    width, height = 420, 260
    canvas = Canvas(width, height, "Rectangle")
    x0, y0, x1, y1 = 60, 40, 340, 200
    canvas.polygon([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], fill=FILL if shade else "#ffffff")
    for cx, cy, a, b in ((x0, y0, 1, 1), (x1, y0, -1, 1), (x1, y1, -1, -1), (x0, y1, 1, -1)):
        canvas.polyline(
            [(cx + 12 * a, cy), (cx + 12 * a, cy + 12 * b), (cx, cy + 12 * b)], stroke_width=1
        )
    canvas.text((x0 + x1) / 2, y1 + 26, _with(across, unit))
    canvas.text(x1 + 12, (y0 + y1) / 2 + 5, _with(down, unit), anchor="start")
    labels = [t for t in (across, down) if t != "?"]
    said = [_with(t, unit) if t != "?" else "a question mark" for t in (across, down)]
    alt = (
        f"A rectangle. Its bottom side is labelled {said[0]} and its right side is labelled "
        f"{said[1]}." + (f" {alt_extra}" if alt_extra else "")
    )
    return canvas.figure("polygon", alt, labels)


def _with(text: str, unit: str) -> str:
    return "?" if text == "?" else f"{text} {unit}"


def protractor(first: int, second: int | None, *, scale: str = "outer") -> Figure:
    """A protractor with its centre on an angle's vertex: one ray through `first` on the
    given scale ("outer" counts up from the left, "inner" from the right), the other through
    `second` (None: not drawn yet). Both scales are marked every ten degrees; the rays'
    readings on that scale are the labelled numbers."""
    width, height = 460, 270
    canvas = Canvas(width, height, "Protractor")
    cx, cy, r = 230, 230, 190
    canvas.add(
        "path",
        d=f"M {cx - r} {cy} A {r} {r} 0 0 1 {cx + r} {cy} Z",
        fill="#f4f4f4",
        stroke=INK,
        stroke_width=1.5,
    )
    for deg in range(0, 181, 5):
        rad = math.radians(180 - deg)  # the outer scale reads 0 at the left
        long = deg % 10 == 0
        x1, y1 = cx + r * math.cos(rad), cy - r * math.sin(rad)
        x2 = cx + (r - (14 if long else 8)) * math.cos(rad)
        y2 = cy - (r - (14 if long else 8)) * math.sin(rad)
        canvas.line(x1, y1, x2, y2, stroke_width=1)
        if long:
            tx, ty = cx + (r - 28) * math.cos(rad), cy - (r - 28) * math.sin(rad)
            canvas.text(tx, ty + 4, str(deg), font_size=10)
            ix, iy = cx + (r - 50) * math.cos(rad), cy - (r - 50) * math.sin(rad)
            canvas.text(ix, iy + 4, str(180 - deg), font_size=9, font_style="italic")
    for reading in [d for d in (first, second) if d is not None]:
        deg = reading if scale == "outer" else 180 - reading
        rad = math.radians(180 - deg)
        canvas.line(
            cx, cy, cx + (r + 12) * math.cos(rad), cy - (r + 12) * math.sin(rad), stroke_width=2.5
        )
    canvas.dot(cx, cy, r=3.5)
    alt = (
        "A protractor with its centre on the end point of a ray. The outer scale counts up "
        f"from the left and the inner scale from the right. One ray passes {first} on the "
        f"{scale} scale"
        + (f"; another ray passes {second} on the {scale} scale." if second is not None else ".")
    )
    return canvas.figure("angle", alt, [str(d) for d in (first, second) if d is not None])


def labelled_angles(parts: Sequence[tuple[Number, str]], whole: str | None) -> Figure:
    """Adjacent angles at one vertex, each arc labelled ("35°" or "?"), with the whole angle
    labelled by a larger arc when `whole` is given."""
    size = 320
    canvas = Canvas(size, size - 20, "Angles")
    cx, cy, r = size / 2, size / 2 + 40, 130
    canvas.line(cx, cy, cx + r, cy, stroke_width=2)
    start = 0.0
    for k, (deg, text) in enumerate(parts):
        end = start + float(deg)
        rad = math.radians(end)
        canvas.line(cx, cy, cx + r * math.cos(rad), cy - r * math.sin(rad), stroke_width=2)
        arc = 38 + 12 * (k % 2)
        canvas.add(
            "path", d=_arc(cx, cy, arc, start, end), fill="none", stroke=INK, stroke_width=1.2
        )
        mid = math.radians((start + end) / 2)
        canvas.text(cx + (arc + 20) * math.cos(mid), cy - (arc + 20) * math.sin(mid) + 4, text)
        start = end
    texts = [t for _, t in parts]
    said = [t if t != "?" else "a question mark" for t in texts]
    alt = f"{len(parts)} angles side by side at one point, labelled {listing(said)}."
    if whole is not None:
        canvas.add(
            "path",
            d=_arc(cx, cy, 92, 0, start),
            fill="none",
            stroke=INK,
            stroke_width=1.2,
            stroke_dasharray="5 3",
        )
        mid = math.radians(start / 2)
        canvas.text(
            cx + 108 * math.cos(mid), cy - 108 * math.sin(mid) + 4, whole, font_weight="bold"
        )
        alt += f" A larger arc marks the whole angle, labelled {whole}."
        texts.append(whole)
    numbers = [t.removesuffix("°") for t in texts if t != "?"]
    return canvas.figure("angle", alt.replace(" ? ", " a question mark "), numbers)


def _arc(cx: float, cy: float, radius: float, start: float, end: float) -> str:
    a0, a1 = math.radians(start), math.radians(end)
    large = 1 if end - start > 180 else 0
    return (
        f"M {cx + radius * math.cos(a0):.2f} {cy - radius * math.sin(a0):.2f} A {radius} "
        f"{radius} 0 {large} 0 {cx + radius * math.cos(a1):.2f} {cy - radius * math.sin(a1):.2f}"
    )
