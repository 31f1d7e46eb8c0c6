"""Coordinate planes: a grid with both axes, labelled points, lines and polygons.

A plane is sized by its grid: about 18 px a unit, between 100 and 180 px along its longer
axis, so it prints 35 to 60 mm wide (96 px an inch) with its text at a readable size
(10 px axis numbers, 12 px point labels). Axis numbers are spaced so that they never run
into each other, and the canvas is just large enough for everything drawn on it."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from fractions import Fraction

from edugen.content.figures.svg import GRID, INK, Canvas, label, plain
from edugen.schemas import Figure

Point = tuple[Fraction | int, Fraction | int]
Show = Callable[[Fraction], str]
Box = tuple[float, float, float, float]  # left, top, right, bottom

PER_UNIT = 18.0  # px a unit where the grid is small enough
MIN_GRID, MAX_GRID = 100.0, 180.0  # px along the longer axis
WIDEST = 226.0  # px: the width labels may stretch a plane to where they can, 60 mm
TICK_FONT, LABEL_FONT = 10, 12  # px: axis numbers; point and vertex labels
# advance widths in em of DejaVu Sans (the house font) for what labels hold
_EM = {"−": 0.838, "-": 0.838, ".": 0.318, "/": 0.337, ",": 0.318, " ": 0.318, "(": 0.39, ")": 0.39}
STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)


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


def text_width(text: str, size: float, bold: bool = False) -> float:
    """About how wide a label prints, in px (letters and digits taken as 0.64 em)."""
    em = sum(_EM.get(c, 0.64) for c in text)
    return em * size * (1.1 if bold else 1.0)


def _box(x: float, y: float, width: float, size: float, anchor: str) -> Box:
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return (left, y - size * 0.8, left + width, y + size * 0.25)


def _along(a: tuple[float, float], b: tuple[float, float]) -> list[tuple[float, float]]:
    """Points every 5 px or so along the segment ab."""
    n = max(1, int(math.hypot(b[0] - a[0], b[1] - a[1]) / 5))
    return [(a[0] + (b[0] - a[0]) * k / n, a[1] + (b[1] - a[1]) * k / n) for k in range(n + 1)]


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _label_step(unit: float, room: float, grid: int) -> int:
    """The smallest step between axis numbers (a multiple of the grid step) that leaves
    `room` px from one number to the next."""
    return next((s for s in STEPS if s % grid == 0 and s * unit >= room), STEPS[-1])


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
    spans = (x1 - x0, y1 - y0)
    if max(spans) <= 3 * min(spans):
        # One unit on both axes: shapes keep their true proportions; grid lines every unit
        # (every five on a very large plane), axis numbers as often as they fit.
        ux = uy = min(MAX_GRID / max(spans), max(PER_UNIT, MIN_GRID / max(spans)))
        grid_x = grid_y = 1 if max(spans) <= 40 else 5
    else:
        # Axes of very different reach (x to 5, y to 185): each its own scale, in steps of
        # 1, 2, 5, 10, 20, 25, 50 ..., so a steep line is not drawn as a sliver.
        grid_x, grid_y = _step(spans[0]), _step(spans[1])
        x0, x1 = _floor(x0, grid_x), _ceil(x1, grid_x)
        y0, y1 = _floor(y0, grid_y), _ceil(y1, grid_y)
        long, short = MAX_GRID, MAX_GRID * 0.75
        ux = (long if spans[0] > spans[1] else short) / (x1 - x0)
        uy = (long if spans[1] > spans[0] else short) / (y1 - y0)
    widest = max(text_width(label(str(x)), TICK_FONT) for x in (x0, x1))
    label_x = _label_step(ux, widest + 5, grid_x)
    label_y = _label_step(uy, TICK_FONT * 1.3, grid_y)
    grid_w, grid_h = ux * (x1 - x0), uy * (y1 - y0)

    # Lay everything out with the grid's top left corner at (0, 0), then size the canvas
    # to what was laid out and move it all in by the margin.
    def at0(p: Point) -> tuple[float, float]:
        return float(Fraction(p[0]) - x0) * ux, float(y1 - Fraction(p[1])) * uy

    ox, oy = at0((0, 0))
    texts: list[tuple[float, float, str, str, dict[str, str | int]]] = []
    boxes: list[Box] = [(0.0, 0.0, grid_w, grid_h)]

    def put(
        x: float,
        y: float,
        words: str,
        anchor: str,
        size: int,
        *,
        avoid: bool = False,
        **style: str | int,
    ) -> None:
        """Lay out a text; with `avoid`, only where it runs into no text laid out so far."""
        width = text_width(label(words), size, bold=style.get("font_weight") == "bold")
        box = _box(x, y, width, size, anchor)
        if avoid and any(_overlap(box, other) for other in boxes[1:]):
            return
        texts.append((x, y, words, anchor, {"font_size": size, **style}))
        boxes.append(box)

    # the axes' letters, then the question's labels, then the axis numbers where they fit
    put(grid_w + 12, oy + 4, "x", "middle", 13, font_style="italic")
    put(ox, -10, "y", "middle", 13, font_style="italic")
    numbers: list[str] = []
    said: list[str] = []
    placed = boxes[1:]  # what a label must not cover: every text so far
    vertices = [at0(v) for poly in polygons for v in poly]
    dots = [at0(p) for p, _ in points] + vertices
    owners = list(dots)  # the dots that carry a label
    # nor points along every line and polygon edge, nor (where it can) an axis
    edges = [(p, q) for p, q in lines] + [
        (poly[i], poly[(i + 1) % len(poly)]) for poly in polygons for i in range(len(poly))
    ]
    dots += [d for p, q in edges for d in _along(at0(p), at0(q))]
    axes = _along(at0((x0, 0)), at0((x1, 0))) + _along(at0((0, y0)), at0((0, y1)))
    room = (grid_w - WIDEST + 30, WIDEST - 30)  # where a label keeps the plane narrow
    for poly in polygons:
        corners = [point_text(v, show) for v in poly]
        said.append(f"a polygon with vertices {', '.join(corners)}")
        middle = sum(float(v[0]) for v in poly) / len(poly)
        for v in poly:
            numbers += [show(Fraction(v[0])), show(Fraction(v[1]))]
            # on the side away from the shape's middle first, so it covers no edge
            text = point_text(v, show)
            wide = text_width(label(text), LABEL_FONT)
            west = float(v[0]) < middle
            lx, ly, anchor = _label_place(
                at0(v), wide, placed, (dots, owners, axes), room, west=west
            )
            put(lx, ly, text, anchor, LABEL_FONT)
    for p, q in lines:
        said.append(f"a line segment from {point_text(p, show)} to {point_text(q, show)}")
        numbers += [show(Fraction(c)) for c in (*p, *q)]
    for p, name in points:
        text = f"{name} {point_text(p, show)}".strip()
        wide = text_width(label(text), LABEL_FONT, bold=True)
        lx, ly, anchor = _label_place(at0(p), wide, placed, (dots, owners, axes), room)
        put(lx, ly, text, anchor, LABEL_FONT, font_weight="bold")
        said.append(
            f"point {name} at {point_text(p, show)}"
            if name
            else f"a point at {point_text(p, show)}"
        )
        numbers += [show(Fraction(p[0])), show(Fraction(p[1]))]
    put(ox - 5, oy + 15, "0", "end", TICK_FONT, avoid=True)
    for x in range(x0, x1 + 1):
        if x and x % label_x == 0:
            put(at0((x, 0))[0], oy + 15, str(x), "middle", TICK_FONT, avoid=True)
    for y in range(y0, y1 + 1):
        if y and y % label_y == 0:
            put(ox - 5, at0((0, y))[1] + 4, str(y), "end", TICK_FONT, avoid=True)

    margin = 6
    left, top = min(b[0] for b in boxes) - margin, min(b[1] for b in boxes) - margin
    width = int(max(b[2] for b in boxes) + margin - left + 1)
    height = int(max(b[3] for b in boxes) + margin - top + 1)
    canvas = Canvas(width, height, "Coordinate plane")

    def at(p: Point) -> tuple[float, float]:
        x, y = at0(p)
        return x - left, y - top

    for x in range(x0, x1 + 1, grid_x):
        canvas.line(*at((x, y0)), *at((x, y1)), stroke=GRID, stroke_width=1)
    for y in range(y0, y1 + 1, grid_y):
        canvas.line(*at((x0, y)), *at((x1, y)), stroke=GRID, stroke_width=1)
    canvas.line(*at((x0, 0)), *at((x1, 0)), stroke_width=2)
    canvas.line(*at((0, y0)), *at((0, y1)), stroke_width=2)
    for poly in polygons:
        canvas.polygon([at(v) for v in poly], fill_opacity="0.6")
    for p, q in lines:
        canvas.line(*at(p), *at(q), stroke=INK, stroke_width=2)
    for p, _ in points:
        canvas.dot(*at(p), r=3.5)
    for tx, ty, words, anchor, style in texts:
        canvas.text(tx - left, ty - top, words, anchor=anchor, **style)
    alt = f"A coordinate plane with x from {x0} to {x1} and y from {y0} to {y1}"
    alt += (": " + "; ".join(said) + ".") if said else "."
    return canvas.figure("coordinate_plane", alt, numbers)


def _label_place(
    dot: tuple[float, float],
    width: float,
    placed: list[Box],
    marks: tuple[list[tuple[float, float]], list[tuple[float, float]], list[tuple[float, float]]],
    room: tuple[float, float],
    *,
    west: bool = False,
) -> tuple[float, float, str]:
    """Where a label goes beside its dot: above right (above left if `west`), else above
    left, below right, below left, right, left or a line farther up or down. The first
    place that covers no other text, dot, line or edge and is nearer its own dot than any
    other labelled one ("A (3, 3)" beside "B (5, 3)" would run into it or seem to name it);
    then over the grid (between the x-values of `room`, so the plane stays narrow), near
    the dot, off the axes. `marks` are what a label must not cover, the labelled dots and
    the axes' points. The box taken is added to `placed`."""
    obstacles, owners, axes = marks
    px, py = dot
    options = [(px + 6, py - 6, "start"), (px - 6, py - 6, "end"), (px + 6, py + 15, "start"),
               (px - 6, py + 15, "end"), (px + 8, py + 4, "start"),
               (px - 8, py + 4, "end"), (px + 4, py - 19, "start"), (px - 4, py - 19, "end"),
               (px + 4, py + 28, "start"), (px - 4, py + 28, "end")]  # fmt: skip
    if west:  # the left of each pair first
        options = [options[i ^ 1] for i in range(len(options))]

    def box(x: float, y: float, anchor: str) -> Box:
        return _box(x, y, width, LABEL_FONT, anchor)

    def away(b: Box, x: float, y: float) -> float:
        return math.hypot(max(b[0] - x, 0.0, x - b[2]), max(b[1] - y, 0.0, y - b[3]))

    def reach(x: float, y: float) -> bool:  # within what any option's box may cover
        return abs(x - px) < width + 16 and abs(y - py) < 40

    near = [(x, y) for x, y in obstacles if reach(x, y) and math.hypot(x - px, y - py) > 8]
    axes = [(x, y) for x, y in axes if reach(x, y)]
    others = [(x, y) for x, y in owners if (x, y) != dot]

    def hits(b: Box, points: list[tuple[float, float]]) -> int:
        return sum(b[0] - 4 < x < b[2] + 4 and b[1] - 4 < y < b[3] + 4 for x, y in points)

    def score(i: int) -> tuple[bool, float, int, bool, bool, bool, bool, int]:
        """Clear places first; if none is, the one that covers the least text and the
        fewest dots."""
        b = box(*options[i])
        covered = sum(
            max(0.0, min(b[2], o[2]) - max(b[0], o[0]))
            * max(0.0, min(b[3], o[3]) - max(b[1], o[1]))
            for o in placed
        )
        mine = away(b, px, py)
        unclear = hits(b, near) + sum(away(b, x, y) < mine + 3 for x, y in others)
        inside = room[0] <= b[0] and b[2] <= room[1]
        return (covered > 0 or unclear > 0, covered, unclear, not inside, i >= 6,
                hits(b, axes) > 0, i >= 4, i)  # fmt: skip

    chosen = options[min(range(len(options)), key=score)]
    placed.append(box(*chosen))
    return chosen
