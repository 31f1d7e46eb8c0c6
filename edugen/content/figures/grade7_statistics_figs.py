"""Two data sets side by side on one scale: paired dot plots and paired box plots.

Comparing two groups (grade 7 statistics) needs both displays over the same scale, one
above the other, each named at its left; the figure's numbers are the data (dot plots) or
the two five-number summaries (box plots), and the alt text reads them all out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from fractions import Fraction

from edugen.content.figures.data import draw_box
from edugen.content.figures.lines import Axis, Show, axis_line, listing
from edugen.content.figures.svg import Canvas, Number, plain
from edugen.schemas import Figure

WIDTH = 520
LEFT, RIGHT = 120, WIDTH - 30  # the scale; names sit in the margin to its left
COUNT = {2: "Two", 3: "Three"}
SUMMARY = ("minimum", "lower quartile", "median", "upper quartile", "maximum")


def dot_plots(
    groups: Sequence[tuple[str, Sequence[Fraction | int]]],
    *,
    low: Number,
    high: Number,
    step: Number | None = None,
    unit: str = "",
    show: Show = plain,
) -> Figure:
    """One dot plot per named group, stacked over copies of the same scale."""
    tallest = [max(Counter(Fraction(x) for x in data).values()) for _, data in groups]
    panels = [40 + 16 * t for t in tallest]
    height = sum(p + 30 for p in panels) + (24 if unit else 4)
    canvas = Canvas(WIDTH, height, "Two dot plots" if len(groups) == 2 else "Dot plots")
    axis = Axis(low, high, LEFT, RIGHT)
    top = 0
    for (name, data), panel in zip(groups, panels, strict=True):
        base = top + panel
        axis_line(canvas, axis, base, step, arrows=False, show=show)
        canvas.text(10, base - 10, name, anchor="start", font_weight="bold")
        for value, count in sorted(Counter(Fraction(x) for x in data).items()):
            for k in range(count):
                canvas.dot(axis(value), base - 14 - 16 * k, r=6)
        top = base + 30
    if unit:
        canvas.text((LEFT + RIGHT) / 2, height - 6, unit, font_style="italic")
    of = f" of {unit}" if unit else ""
    said = [
        f"{name}, {len(data)} dots: {listing([show(Fraction(x)) for x in sorted(data)])}"
        for name, data in groups
    ]
    alt = (
        f"{COUNT.get(len(groups), len(groups))} dot plots"
        f"{of} on the same scale from {show(Fraction(low))} to "
        f"{show(Fraction(high))}. " + "; ".join(said) + "."
    )
    numbers = [show(Fraction(x)) for _, data in groups for x in data]
    return canvas.figure("dot_plot", alt, numbers)


def box_plots(
    groups: Sequence[tuple[str, Sequence[Number]]],
    *,
    low: Number,
    high: Number,
    step: Number | None = None,
    show: Show = plain,
) -> Figure:
    """One box plot per named five-number summary, all over one scale at the bottom."""
    row = 64
    height = row * len(groups) + 60
    canvas = Canvas(WIDTH, height, "Two box plots" if len(groups) == 2 else "Box plots")
    axis = Axis(low, high, LEFT, RIGHT)
    for i, (name, summary) in enumerate(groups):
        mid = 36 + row * i
        canvas.text(10, mid + 5, name, anchor="start", font_weight="bold")
        draw_box(canvas, axis, [Fraction(v) for v in summary], mid=mid, half=16)
    axis_line(canvas, axis, row * len(groups) + 20, step, arrows=False, show=show)
    said = [
        f"{name}: "
        + ", ".join(f"{n} {show(Fraction(v))}" for n, v in zip(SUMMARY, summary, strict=True))
        for name, summary in groups
    ]
    alt = (
        f"{COUNT.get(len(groups), len(groups))} box plots"
        f" on the same scale from {show(Fraction(low))} to "
        f"{show(Fraction(high))}. " + "; ".join(said) + "."
    )
    numbers = [show(Fraction(v)) for _, summary in groups for v in summary]
    return canvas.figure("box_plot", alt, numbers)
