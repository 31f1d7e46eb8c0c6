"""Data displays: dot plots, histograms, box plots and scatter plots of the item's data."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from fractions import Fraction

from edugen.content.figures.lines import Axis, Show, axis_line, listing
from edugen.content.figures.svg import FILL, GRID, INK, Canvas, Number, plain, ticks
from edugen.schemas import Figure


def dot_plot(
    data: Sequence[Fraction | int],
    *,
    low: Number,
    high: Number,
    step: Number | None = None,
    unit: str = "",
    show: Show = plain,
) -> Figure:
    """One dot per value stacked over its place on a scale (a line plot); the figure is the
    data, so its numbers are the values as `show` writes them, in the order given."""
    counts = Counter(Fraction(x) for x in data)
    tallest = max(counts.values())
    width = 480
    height = 70 + 16 * tallest
    canvas = Canvas(width, height, "Dot plot")
    axis = Axis(low, high, 40, width - 40)
    base = height - 40
    axis_line(canvas, axis, base, step, arrows=False, show=show)
    for value, count in sorted(counts.items()):
        for k in range(count):
            canvas.dot(axis(value), base - 14 - 16 * k, r=6)
    if unit:
        canvas.text(width / 2, height - 4, unit, font_style="italic")
    ordered = [show(Fraction(x)) for x in sorted(Fraction(x) for x in data)]
    of = f" of {unit}" if unit else ""
    alt = (
        f"A dot plot{of} on a scale from {show(Fraction(low))} to {show(Fraction(high))} with "
        f"{len(data)} dots, one for each value: {listing(ordered)}."
    )
    return canvas.figure("dot_plot", alt, [show(Fraction(x)) for x in data])


def histogram(
    bins: Sequence[tuple[Number, Number, int]], *, unit: str = "", show: Show = plain
) -> Figure:
    """Bars of counts over equal bins, each bin (low, high, count) of whole-number edges;
    the counts and the bin edges are the figure's numbers."""
    tallest = max(c for _, _, c in bins)
    width, height = 480, 260
    canvas = Canvas(width, height, "Histogram")
    left, right, top, base = 60, width - 20, 20, height - 50
    scale = ticks(0, max(tallest, 1), 8)
    rise = (base - top) / float(scale[-1] if scale[-1] >= tallest else tallest)
    for t in scale:
        y = base - float(t) * rise
        canvas.line(left, y, right, y, stroke=GRID, stroke_width=1)
        canvas.text(left - 6, y + 4, plain(t), anchor="end", font_size=11)
    canvas.line(left, base, right, base)
    canvas.line(left, base, left, top)
    w = (right - left) / len(bins)
    for i, (lo, hi, count) in enumerate(bins):
        x = left + i * w
        canvas.add(
            "rect",
            x=x,
            y=base - count * rise,
            width=w,
            height=count * rise,
            fill=FILL,
            stroke=INK,
        )
        canvas.text(
            x + w / 2, base + 18, f"{show(Fraction(lo))}–{show(Fraction(hi))}", font_size=11
        )
    canvas.text(
        20, (top + base) / 2, "Count", font_size=11, transform=f"rotate(-90 20 {(top + base) / 2})"
    )
    if unit:
        canvas.text((left + right) / 2, height - 8, unit, font_style="italic")
    said = [f"{show(Fraction(lo))} to {show(Fraction(hi))}: {c}" for lo, hi, c in bins]
    alt = f"A histogram{' of ' + unit if unit else ''} with {len(bins)} bars: " + "; ".join(said)
    numbers = [n for lo, hi, c in bins for n in (show(Fraction(lo)), show(Fraction(hi)), str(c))]
    return canvas.figure("histogram", alt + ".", numbers)


def draw_box(
    canvas: Canvas, axis: Axis, summary: Sequence[Fraction], *, mid: float, half: float
) -> None:
    """One box and its whiskers on `axis`, centred at height `mid`, the box 2 × `half` tall."""
    lo, q1, med, q3, hi = summary
    canvas.line(axis(lo), mid, axis(q1), mid)
    canvas.line(axis(q3), mid, axis(hi), mid)
    for end in (lo, hi):
        canvas.line(axis(end), mid - 10, axis(end), mid + 10)
    canvas.add(
        "rect",
        x=axis(q1),
        y=mid - half,
        width=axis(q3) - axis(q1),
        height=2 * half,
        fill=FILL,
        stroke=INK,
        stroke_width=1.5,
    )
    canvas.line(axis(med), mid - half, axis(med), mid + half, stroke_width=2.5)


def box_plot(
    summary: tuple[Number, Number, Number, Number, Number],
    *,
    low: Number,
    high: Number,
    step: Number | None = None,
    show: Show = plain,
) -> Figure:
    """A box plot of a five-number summary (minimum, lower quartile, median, upper
    quartile, maximum) over a scale; the five values are the figure's numbers."""
    width, height = 480, 120
    canvas = Canvas(width, height, "Box plot")
    axis = Axis(low, high, 40, width - 40)
    lo, q1, med, q3, hi = (Fraction(v) for v in summary)
    axis_line(canvas, axis, 85, step, arrows=False, show=show)
    draw_box(canvas, axis, (lo, q1, med, q3, hi), mid=40, half=18)
    names = ("minimum", "lower quartile", "median", "upper quartile", "maximum")
    values = [show(v) for v in (lo, q1, med, q3, hi)]
    alt = "A box plot: " + ", ".join(f"{n} {v}" for n, v in zip(names, values, strict=True))
    return canvas.figure("box_plot", alt + ".", values)


def scatter_plot(
    points: Sequence[tuple[Fraction | int, Fraction | int]],
    *,
    x_label: str,
    y_label: str,
    show: Show = plain,
) -> Figure:
    """A scatter plot of (x, y) pairs on first-quadrant axes that start at zero."""
    width, height = 420, 320
    canvas = Canvas(width, height, "Scatter plot")
    left, right, top, base = 60, width - 20, 20, height - 50
    xs = [Fraction(x) for x, _ in points]
    ys = [Fraction(y) for _, y in points]
    # a little headroom, so no dot sits on the frame
    x_ticks, y_ticks = ticks(0, max(xs) * 11 / 10, 10), ticks(0, max(ys) * 11 / 10, 8)
    x_top = max(x_ticks[-1], max(xs) * 11 / 10)
    y_top = max(y_ticks[-1], max(ys) * 11 / 10)
    ax, ay = Axis(0, x_top, left, right), Axis(0, y_top, base, top)
    for t in x_ticks:
        canvas.line(ax(t), base, ax(t), top, stroke=GRID, stroke_width=1)
        canvas.text(ax(t), base + 16, plain(t), font_size=11)
    for t in y_ticks:
        canvas.line(left, ay(t), right, ay(t), stroke=GRID, stroke_width=1)
        canvas.text(left - 6, ay(t) + 4, plain(t), anchor="end", font_size=11)
    canvas.line(left, base, right, base)
    canvas.line(left, base, left, top)
    for x, y in points:
        canvas.dot(ax(x), ay(y), r=4)
    canvas.text((left + right) / 2, height - 10, x_label)
    mid = (top + base) / 2
    canvas.text(16, mid, y_label, transform=f"rotate(-90 16 {mid})")
    pairs = [f"({show(Fraction(x))}, {show(Fraction(y))})" for x, y in points]
    alt = (
        f"A scatter plot of {y_label} against {x_label} with {len(points)} points: "
        f"{listing(pairs)}."
    )
    numbers = [show(Fraction(c)) for p in points for c in p]
    return canvas.figure("scatter_plot", alt, numbers)
