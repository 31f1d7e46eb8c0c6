"""Tables: a header row and rows of cells, drawn as a grid (the figure is the data)."""

from __future__ import annotations

from collections.abc import Sequence

from edugen.content.figures.svg import FILL, INK, Canvas, numeric
from edugen.schemas import Figure

CELL_HEIGHT = 30
# Rough width of one character at the figure's font size, to size the columns.
CHAR = 8


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, caption: str = "") -> Figure:
    """A table with one header row; every number written in a cell is a figure number."""
    if any(len(row) != len(headers) for row in rows):
        raise ValueError("every row needs one cell per header")
    widths = [
        max(len(text) for text in [header, *(row[i] for row in rows)]) * CHAR + 24
        for i, header in enumerate(headers)
    ]
    width = sum(widths) + 20
    height = CELL_HEIGHT * (len(rows) + 1) + 20
    canvas = Canvas(width, height, caption or "Table")
    y = 10
    for r, cells in enumerate([headers, *rows]):
        x = 10
        for w, text in zip(widths, cells, strict=True):
            canvas.add(
                "rect",
                x=x,
                y=y,
                width=w,
                height=CELL_HEIGHT,
                fill=FILL if r == 0 else "#ffffff",
                stroke=INK,
                stroke_width=1,
            )
            canvas.text(x + w / 2, y + 20, text, font_weight="bold" if r == 0 else "normal")
            x += w
        y += CELL_HEIGHT
    said = "; ".join(
        ", ".join(f"{h} {c}" for h, c in zip(headers, row, strict=True)) for row in rows
    )
    alt = f"{caption or 'A table'} with columns {', '.join(headers)} and {len(rows)} rows: {said}."
    return canvas.figure("table", alt, numeric([c for row in rows for c in row]))
