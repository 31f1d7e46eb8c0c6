"""Number lines and tape (bar) models: one axis drawn from the item's own numbers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction

from edugen.content.figures.svg import Canvas, Number, numeric, plain, ticks
from edugen.schemas import Figure

Show = Callable[[Fraction], str]


class Axis:
    """Maps values from low to high onto pixels from left to right."""

    def __init__(self, low: Number, high: Number, left: float, right: float) -> None:
        self.low, self.high = Fraction(low), Fraction(high)
        self.left, self.right = left, right

    def __call__(self, x: Number) -> float:
        share = (Fraction(x) - self.low) / (self.high - self.low)
        return self.left + float(share) * (self.right - self.left)


def axis_line(
    canvas: Canvas,
    axis: Axis,
    y: float,
    step: Number | None = None,
    arrows: bool = True,
    show: Show = plain,
) -> list[Fraction]:
    """A horizontal axis with ticks labelled below it; returns the tick values."""
    pad = 14 if arrows else 0
    canvas.line(axis.left - pad, y, axis.right + pad, y)
    if arrows:
        canvas.arrowhead(axis.right + pad + 4, y, 1)
        canvas.arrowhead(axis.left - pad - 4, y, -1)
    if step is None:
        values = ticks(axis.low, axis.high)
    else:
        count = int((axis.high - axis.low) / Fraction(step))
        values = [axis.low + i * Fraction(step) for i in range(count + 1)]
    for t in values:
        canvas.line(axis(t), y - 6, axis(t), y + 6)
        canvas.text(axis(t), y + 22, show(t))
    return values


def number_line(
    low: Number,
    high: Number,
    points: Sequence[Fraction | int],
    *,
    labels: Sequence[str] | None = None,
    step: Number | None = None,
    show: Show = plain,
) -> Figure:
    """A number line from low to high with a dot at each point, labelled above it.

    `labels` are the points as the question writes them (the figure's numbers); by default
    `show` writes them. Ticks are the scale only and are labelled with `show`.
    """
    texts = list(labels) if labels is not None else [show(Fraction(p)) for p in points]
    width, height = 480, 122
    canvas = Canvas(width, height, "Number line")
    axis = Axis(low, high, 40, width - 40)
    axis_line(canvas, axis, 82, step, show=show)
    ends = [-100.0, -100.0, -100.0]  # where the last label at each height ends
    for p, text in sorted(zip(points, texts, strict=True), key=lambda pt: Fraction(pt[0])):
        x, half = axis(p), 4.5 * len(text) + 4
        # a label goes as low as it can without running into the one before it
        level = next((k for k, end in enumerate(ends) if x - half > end), 0)
        ends[level] = x + half
        canvas.dot(x, 82, r=6)
        canvas.text(x, 64 - 18 * level, text, font_weight="bold")
    where = listing(texts)
    alt = f"A number line from {show(Fraction(low))} to {show(Fraction(high))}" + (
        f" with {'a point' if len(texts) == 1 else 'points'} at {where}." if texts else "."
    )
    return canvas.figure("number_line", alt, texts)


def tape(parts: Sequence[tuple[Fraction | int, str]], *, total: str | None = None) -> Figure:
    """A tape (bar) model: one bar cut into parts in proportion, each with its label, and
    the whole's label under a brace (a "?" label stands for the unknown)."""
    width, height = 480, 110 if total else 80
    canvas = Canvas(width, height, "Tape diagram")
    whole = sum((Fraction(v) for v, _ in parts), Fraction(0))
    x = 30.0
    span = width - 60
    for value, text in parts:
        w = float(Fraction(value) / whole) * span
        canvas.add("rect", x=x, y=20, width=w, height=40, fill="#d9e6f2", stroke="#000000")
        canvas.text(x + w / 2, 45, text)
        x += w
    if total:
        canvas.polyline([(30, 70), (30, 78), (width - 30, 78), (width - 30, 70)])
        canvas.text(width / 2, 98, total)
    texts = [t for _, t in parts]
    alt = f"A tape diagram cut into {len(parts)} parts labelled {listing(texts)}" + (
        f"; the whole tape is labelled {total}." if total else "."
    )
    numbers = numeric([*texts, total or ""])
    return canvas.figure("tape", alt, numbers)


def listing(texts: Sequence[str]) -> str:
    if len(texts) <= 2:
        return " and ".join(texts)
    return ", ".join(texts[:-1]) + f" and {texts[-1]}"


def around_zero(values: Sequence[Number]) -> tuple[int, int]:
    """A number line centred on zero that reaches past every value: ±5, ±10, ±20, ±50 …"""
    far = max((abs(Fraction(v)) for v in values), default=Fraction(0))
    bound = 5
    while bound <= far:
        bound = bound * 2 if str(bound)[0] in "15" else bound * 5 // 2
    return -bound, bound


def covering(values: Sequence[Number], step: int = 5) -> tuple[int, int]:
    """Whole-number ends, multiples of `step`, just outside the least and greatest values."""
    low = min(Fraction(v) for v in values)
    high = max(Fraction(v) for v in values)
    start = (low / step).__floor__() * step
    end = (high / step).__ceil__() * step
    return int(start), int(end if end > start else start + step)
