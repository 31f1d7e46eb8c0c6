"""Figures where a point is to be found: number lines and coordinate grids whose points carry
only a letter, so the picture shows where a point is without writing the number it stands for.

Only the mark a question names is labelled with its number (the anchor a student counts
from); every other mark is unlabelled scale. The alt text says how many marks or grid lines
each lettered point sits from that anchor, as a student who can see the figure would count.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from edugen.content.figures.lines import Axis, Show
from edugen.content.figures.svg import GRID, Canvas, Number, plain
from edugen.schemas import Figure


def _marks(low: Number, high: Number, step: Number) -> list[Fraction]:
    count = int((Fraction(high) - Fraction(low)) / Fraction(step))
    return [Fraction(low) + i * Fraction(step) for i in range(count + 1)]


def _away(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def lettered_line(
    low: Number,
    high: Number,
    step: Number,
    anchor: Number,
    points: Sequence[tuple[Number, str]],
    *,
    vertical: bool = False,
    show: Show = plain,
) -> Figure:
    """A number line from low to high with a mark every `step`; only the anchor's mark is
    labelled, and each point is a dot with its letter. The anchor is the figure's number."""
    marks = _marks(low, high, step)
    anchor = Fraction(anchor)
    if vertical:
        width, height = 200, 420
        canvas = Canvas(width, height, "Vertical number line")
        axis = Axis(low, high, height - 40, 40)
        x = 90
        canvas.line(x, height - 26, x, 26)
        canvas.polygon([(x, 17), (x - 5, 26), (x + 5, 26)], fill="#000000")
        canvas.polygon(
            [(x, height - 17), (x - 5, height - 26), (x + 5, height - 26)], fill="#000000"
        )
        for t in marks:
            canvas.line(x - 6, axis(t), x + 6, axis(t))
        canvas.text(x - 12, axis(anchor) + 5, show(anchor), anchor="end", font_weight="bold")
        for value, name in points:
            canvas.dot(x, axis(value), r=6)
            canvas.text(x + 14, axis(value) + 5, name, anchor="start", font_weight="bold")
    else:
        width, height = 480, 110
        canvas = Canvas(width, height, "Number line")
        axis = Axis(low, high, 40, width - 40)
        y = 60
        canvas.line(26, y, width - 26, y)
        canvas.arrowhead(width - 22, y, 1)
        canvas.arrowhead(22, y, -1)
        for t in marks:
            canvas.line(axis(t), y - 6, axis(t), y + 6)
        canvas.text(axis(anchor), y + 24, show(anchor), font_weight="bold")
        for value, name in points:
            canvas.dot(axis(value), y, r=6)
            canvas.text(axis(value), y - 14, name, font_weight="bold")
    ways = ("above", "below") if vertical else ("to the right of", "to the left of")
    said = []
    for value, name in points:
        count = int(abs(Fraction(value) - anchor) / Fraction(step))
        where = ways[0] if Fraction(value) > anchor else ways[1]
        said.append(
            f"Point {name} is on the mark for {show(anchor)}"
            if count == 0
            else f"Point {name} is {_away(count, 'mark', 'marks')} {where} {show(anchor)}"
        )
    alt = (
        f"A {'vertical' if vertical else 'horizontal'} number line with {len(marks)} evenly "
        f"spaced marks; only the mark for {show(anchor)} is labelled. " + "; ".join(said) + "."
    )
    return canvas.figure("number_line", alt, [show(anchor)])


def lettered_grid(
    reach: int,
    step: Number,
    points: Sequence[tuple[tuple[Number, Number], str, bool]],
    *,
    show: Show = plain,
) -> Figure:
    """A coordinate grid from -reach to reach grid lines each way, `step` units apart, with
    both axes. Each point is (point, letter, whether its coordinates are printed): a point
    the question gives is printed with its coordinates (the figure's numbers), a point to
    be found carries only its letter."""
    size, pad = 360, 30
    unit = size / (2 * reach)
    width, height = size + 2 * pad + 60, size + 2 * pad
    canvas = Canvas(width, height, "Coordinate grid")
    step = Fraction(step)

    def at(p: tuple[Number, Number]) -> tuple[float, float]:
        gx, gy = Fraction(p[0]) / step, Fraction(p[1]) / step
        return pad + float(gx + reach) * unit, pad + float(reach - gy) * unit

    for k in range(-reach, reach + 1):
        canvas.line(
            *at((k * step, -reach * step)),
            *at((k * step, reach * step)),
            stroke=GRID,
            stroke_width=1,
        )
        canvas.line(
            *at((-reach * step, k * step)),
            *at((reach * step, k * step)),
            stroke=GRID,
            stroke_width=1,
        )
    canvas.line(*at((-reach * step, 0)), *at((reach * step, 0)), stroke_width=2)
    canvas.line(*at((0, -reach * step)), *at((0, reach * step)), stroke_width=2)
    ox, oy = at((0, 0))
    canvas.text(at((reach * step, 0))[0] + 12, oy + 4, "x", font_style="italic")
    canvas.text(ox, pad - 10, "y", font_style="italic")
    numbers: list[str] = []
    said: list[str] = []
    for p, name, printed in points:
        canvas.dot(*at(p))
        coords = f"({show(Fraction(p[0]))}, {show(Fraction(p[1]))})"
        text = f"{name} {coords}" if printed else name
        canvas.text(at(p)[0] + 7, at(p)[1] - 7, text, anchor="start", font_weight="bold")
        if printed:
            numbers += [show(Fraction(p[0])), show(Fraction(p[1]))]
            said.append(f"point {name} at {coords}")
        else:
            across, up = (int(Fraction(c) / step) for c in p)
            side = "right of" if across > 0 else "left of"
            height_side = "above" if up > 0 else "below"
            said.append(
                f"point {name}, {_away(abs(across), 'grid line', 'grid lines')} {side} the "
                f"y-axis and {_away(abs(up), 'grid line', 'grid lines')} {height_side} the x-axis"
            )
    alt = (
        f"A coordinate grid with both axes and grid lines {plain(step)} "
        f"{'unit' if step <= 1 else 'units'} apart: " + "; ".join(said) + "."
    )
    return canvas.figure("coordinate_plane", alt, numbers)
