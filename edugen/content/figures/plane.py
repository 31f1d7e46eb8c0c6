"""Coordinate planes: a grid with both axes, labelled points, lines and polygons."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction

from edugen.content.figures.svg import GRID, INK, Canvas, plain
from edugen.schemas import Figure

Point = tuple[Fraction | int, Fraction | int]
Show = Callable[[Fraction], str]


def point_text(p: Point, show: Show = plain) -> str:
    return f"({show(Fraction(p[0]))}, {show(Fraction(p[1]))})"


def window(points: Sequence[Point], least: int = 5) -> tuple[int, int, int, int]:
    """The smallest window with ends at multiples of 5 that shows every point with a unit to
    spare and the origin. Ends at multiples of 5, so the frame never hints at an answer."""
    xs = [Fraction(x) for x, _ in points] or [Fraction(0)]
    ys = [Fraction(y) for _, y in points] or [Fraction(0)]

    def side(values: list[Fraction], first_quadrant: bool) -> tuple[int, int]:
        low = min(0, int(((min(values) - 1) / least).__floor__()) * least)
        high = max(least, int(((max(values) + 1) / least).__ceil__()) * least)
        return (0 if first_quadrant else min(low, -least)), high

    first = all(x >= 0 for x in xs) and all(y >= 0 for y in ys)
    x0, x1 = side(xs, first)
    y0, y1 = side(ys, first)
    return x0, x1, y0, y1


def _step(span: int) -> int:
    """A grid step of 1, 2, 5, 10, 20, 25, 50, 100 ... giving at most about 12 lines."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if span / step <= 12:
            return step
    return 10 ** len(str(span))


def _floor(value: int, step: int) -> int:
    return (value // step) * step


def _ceil(value: int, step: int) -> int:
    return -((-value) // step) * step


def coordinate_plane(
    *,
    points: Sequence[tuple[Point, str]] = (),
    polygons: Sequence[Sequence[Point]] = (),
    lines: Sequence[tuple[Point, Point]] = (),
    reach: Sequence[Point] = (),
    show: Show = plain,
) -> Figure:
    """A coordinate plane with labelled points, polygons (vertices in order) and lines
    through two points; the window grows to fit them and always shows the origin.

    Points are (point, name); the name ("A", or "" for none) is printed beside the point's
    coordinates. The window also takes in the `reach` points, unmarked (where a move or a
    reflection may go). The figure's numbers are every coordinate it prints.
    """
    every = [p for p, _ in points] + [v for poly in polygons for v in poly]
    every += [p for line in lines for p in line] + list(reach)
    x0, x1, y0, y1 = window(every)
    size = 360
    pad = 30
    spans = (x1 - x0, y1 - y0)
    if max(spans) <= 3 * min(spans):
        # One unit on both axes: shapes keep their true proportions. Axis numbers (and, on
        # a large plane, grid lines) every few units keep it readable; they are the scale.
        ux = uy = size / max(spans)
        label_x = label_y = 1 if max(spans) <= 12 else 2 if max(spans) <= 24 else 5
        grid_x = grid_y = 1 if max(spans) <= 40 else 5
    else:
        # Axes of very different reach (x to 5, y to 185): each its own scale, in steps of
        # 1, 2, 5, 10, 20, 25, 50 ..., so a steep line is not drawn as a sliver.
        grid_x, grid_y = _step(spans[0]), _step(spans[1])
        x0, x1 = _floor(x0, grid_x), _ceil(x1, grid_x)
        y0, y1 = _floor(y0, grid_y), _ceil(y1, grid_y)
        long, short = size, size * 0.75
        ux = (long if spans[0] > spans[1] else short) / (x1 - x0)
        uy = (long if spans[1] > spans[0] else short) / (y1 - y0)
        label_x, label_y = grid_x, grid_y
    # room on the right for the labels of points on the plane's right edge
    width = int(pad * 2 + ux * (x1 - x0) + 60)
    height = int(pad * 2 + uy * (y1 - y0))
    canvas = Canvas(width, height, "Coordinate plane")

    def at(p: Point) -> tuple[float, float]:
        return pad + float(Fraction(p[0]) - x0) * ux, pad + float(y1 - Fraction(p[1])) * uy

    for x in range(x0, x1 + 1, grid_x):
        canvas.line(*at((x, y0)), *at((x, y1)), stroke=GRID, stroke_width=1)
    for y in range(y0, y1 + 1, grid_y):
        canvas.line(*at((x0, y)), *at((x1, y)), stroke=GRID, stroke_width=1)
    canvas.line(*at((x0, 0)), *at((x1, 0)), stroke_width=2)
    canvas.line(*at((0, y0)), *at((0, y1)), stroke_width=2)
    ox, oy = at((0, 0))
    canvas.text(at((x1, 0))[0] + 12, oy + 4, "x", font_style="italic")
    canvas.text(ox, at((0, y1))[1] - 10, "y", font_style="italic")
    for x in range(x0, x1 + 1):
        if x and x % label_x == 0:
            canvas.text(at((x, 0))[0], oy + 15, str(x), font_size=10)
    for y in range(y0, y1 + 1):
        if y and y % label_y == 0:
            canvas.text(ox - 5, at((0, y))[1] + 4, str(y), anchor="end", font_size=10)
    canvas.text(ox - 5, oy + 15, "0", anchor="end", font_size=10)
    numbers: list[str] = []
    said: list[str] = []
    for poly in polygons:
        canvas.polygon([at(v) for v in poly], fill_opacity="0.6")
        corners = [point_text(v, show) for v in poly]
        said.append(f"a polygon with vertices {', '.join(corners)}")
        middle = sum(float(v[0]) for v in poly) / len(poly)
        for v in poly:
            numbers += [show(Fraction(v[0])), show(Fraction(v[1]))]
            # outside the shape, so a label never covers an edge or the other labels
            west = float(v[0]) < middle
            vx, vy = at(v)
            canvas.text(
                vx + (-6 if west else 6),
                vy - 6,
                point_text(v, show),
                anchor="end" if west else "start",
            )
    for p, q in lines:
        canvas.line(*at(p), *at(q), stroke=INK, stroke_width=2)
        said.append(f"a line segment from {point_text(p, show)} to {point_text(q, show)}")
        numbers += [show(Fraction(c)) for c in (*p, *q)]
    placed: list[tuple[float, float, float, float]] = []  # the labels' boxes so far
    dots = [at(p) for p, _ in points]
    for p, name in points:
        canvas.dot(*at(p))
        text = f"{name} {point_text(p, show)}".strip()
        lx, ly, anchor = _label_place(at(p), text, placed, dots)
        canvas.text(lx, ly, text, anchor=anchor, font_weight="bold")
        said.append(
            f"point {name} at {point_text(p, show)}"
            if name
            else f"a point at {point_text(p, show)}"
        )
        numbers += [show(Fraction(p[0])), show(Fraction(p[1]))]
    alt = f"A coordinate plane with x from {x0} to {x1} and y from {y0} to {y1}"
    alt += (": " + "; ".join(said) + ".") if said else "."
    return canvas.figure("coordinate_plane", alt, numbers)


def _label_place(
    dot: tuple[float, float],
    text: str,
    placed: list[tuple[float, float, float, float]],
    dots: list[tuple[float, float]],
) -> tuple[float, float, str]:
    """Where a point's label goes: above right of its dot, else above left, below right or
    below left, the first place that covers no other label or dot ("A (3, 3)" beside
    "B (5, 3)" would run into it). The box taken is added to `placed`."""
    width = 8.0 * len(text)  # bold 13 px DejaVu: about 8 px a character
    px, py = dot
    options = [(px + 7, py - 7, "start"), (px - 7, py - 7, "end"), (px + 7, py + 17, "start"),
               (px - 7, py + 17, "end")]  # fmt: skip

    def box(x: float, y: float, anchor: str) -> tuple[float, float, float, float]:
        left = x if anchor == "start" else x - width
        return (left, y - 12, left + width, y + 3)

    def clear(b: tuple[float, float, float, float]) -> bool:
        hits_label = any(
            b[0] < o[2] and o[0] < b[2] and b[1] < o[3] and o[1] < b[3] for o in placed
        )
        hits_dot = any(
            b[0] - 6 < dx < b[2] + 6 and b[1] - 6 < dy < b[3] + 6
            for dx, dy in dots
            if (dx, dy) != dot
        )
        return not hits_label and not hits_dot

    chosen = next((o for o in options if clear(box(*o))), options[0])
    placed.append(box(*chosen))
    return chosen
