"""The mastery chart: per topic, last week against this week, drawn as SVG in code.

Every copy of a student's week shows the same chart: HTML as an SVG image, PDF as vectors
(drawn by fpdf2 from the SVG, like the item figures), DOCX as a PNG rasterised from the
same SVG (`figures.svg_pngs`). The SVG is a handful of rectangles, lines and texts laid out
here (matplotlib took about 95 ms a chart, most of an HTML export); the look is the one
matplotlib drew: two bars a topic, the first topic on top, labels wrapped at 28 characters.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Sequence
from functools import cache

from edugen.exporters.pages.model import MasteryBar
from edugen.exporters.pages.pool import SharedCache

LAST_COLOR = "#b8c4d6"
NOW_COLOR = "#2b5d9c"
GRID_COLOR = "#dddddd"
NOTE_COLOR = "#555555"
WIDTH_IN = 6.5
PX = 96  # CSS pixels an inch: the SVG's unit
DPI = 200  # the PNG that DOCX shows
FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
# Text sizes in CSS pixels (8 pt and 7 pt).
LABEL_PX = 8 * PX / 72
SMALL_PX = 7 * PX / 72
CACHED_CHARTS = 256
ALT = "Chance of a right answer per topic, last week and this week"

# What a chart shows of one bar: its label, last week's and this week's chance.
_Drawn = tuple[tuple[str, float | None, float], ...]
_CHARTS: SharedCache[_Drawn, tuple[str, int, int]] = SharedCache(
    f"{__name__}:charts", CACHED_CHARTS
)


def mastery_svg(bars: Sequence[MasteryBar]) -> tuple[str, int, int]:
    """The chart's SVG and its width and height in CSS pixels; ("", 0, 0) with no topics."""
    if not bars:
        return "", 0, 0
    drawn = tuple((b.title or b.topic, b.last, b.now) for b in bars)
    found = _CHARTS.get(drawn)
    if found is None:
        found = _draw(drawn)
        _CHARTS.put(drawn, found)
    return found


def mastery_png(bars: Sequence[MasteryBar]) -> bytes:
    """The chart as a PNG at DPI (for DOCX), or empty bytes when there are no topics."""
    key = png_key(bars)
    if key is None:
        return b""
    from edugen.exporters.pages.figures import svg_pngs

    return svg_pngs([key])[key]


def png_key(bars: Sequence[MasteryBar]) -> tuple[str, int, int, int] | None:
    """What `figures.svg_pngs` draws the chart's PNG from (None with no topics), so a
    document can have it drawn with its figures, in one go."""
    svg, width, height = mastery_svg(bars)
    return (svg, width, height, DPI) if svg else None


@cache
def _widths() -> tuple[dict[int, int], int]:
    """DejaVu Sans's advance widths by character, and its units per em."""
    from fontTools.ttLib import TTFont

    from edugen.exporters.pages.pdf.fonts import font_files

    font = TTFont(str(font_files()[""]), lazy=True)
    metrics = font["hmtx"].metrics
    widths = {c: metrics[glyph][0] for c, glyph in font.getBestCmap().items() if c < 0x3000}
    return widths, font["head"].unitsPerEm


def text_width(text: str, size: float) -> float:
    """The width of a line of DejaVu Sans text at `size` (any unit: the result is in it)."""
    widths, units = _widths()
    average = widths.get(ord("n"), units // 2)
    return sum(widths.get(ord(c), average) for c in text) * size / units


def _n(x: float) -> str:
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _text(x: float, y: float, words: str, size: float, anchor: str = "start", **style: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in style.items())
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}" text-anchor="{anchor}"{extra}>'
        f"{html.escape(words, quote=False)}</text>"
    )


def _rect(x: float, y: float, w: float, h: float, fill: str) -> str:
    return f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" fill="{fill}"/>'


def _line(x1: float, y1: float, x2: float, y2: float, color: str, width: float) -> str:
    return (
        f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" stroke="{color}"'
        f' stroke-width="{_n(width)}"/>'
    )


def _draw(bars: _Drawn) -> tuple[str, int, int]:
    labels = [textwrap.fill(label, 28).split("\n") for label, _, _ in bars]
    lines = sum(len(label) for label in labels)
    width = round(WIDTH_IN * PX)
    height = round((0.6 + 0.3 * max(lines, 2) + 0.25 * len(bars)) * PX)
    label_width = max(text_width(line, LABEL_PX) for label in labels for line in label)
    left = 8 + label_width + 8  # margin, labels, tick and gap
    right = width - 12
    top, bottom = 34.0, height - 42.0
    row = (bottom - top) / len(bars)
    bar = 0.38 * row
    scale = (right - left) / 105  # the axis runs to 105 %, the bars to 100

    parts = [_rect(0, 0, width, height, "#ffffff")]
    for tick in (0, 25, 50, 75, 100):
        x = left + tick * scale
        if tick:
            parts.append(_line(x, top, x, bottom, GRID_COLOR, 0.8))
        parts.append(_line(x, bottom, x, bottom + 4.5, "#000000", 1.1))
        parts.append(_text(x, bottom + 15, f"{tick}%", SMALL_PX, "middle"))
    for r, ((_, was, now), label) in enumerate(zip(bars, labels, strict=True)):
        middle = top + (r + 0.5) * row
        if was is None:
            y = middle - bar / 2 + SMALL_PX * 0.36
            parts.append(_text(left + scale, y, "new topic", SMALL_PX, fill=NOTE_COLOR))
        else:
            parts.append(_rect(left, middle - bar, was * 100 * scale, bar, LAST_COLOR))
        parts.append(_rect(left, middle, now * 100 * scale, bar, NOW_COLOR))
        y = middle + bar / 2 + SMALL_PX * 0.36
        parts.append(_text(left + (now * 100 + 1) * scale, y, f"{round(now * 100)}%", SMALL_PX))
        parts.append(_line(left - 4.5, middle, left, middle, "#000000", 1.1))
        first = middle + LABEL_PX * 0.36 - (len(label) - 1) * LABEL_PX * 0.6
        for k, text in enumerate(label):
            parts.append(_text(left - 8, first + k * LABEL_PX * 1.2, text, LABEL_PX, "end"))
    parts.append(_line(left, top, left, bottom, "#000000", 1.1))  # the axes, over the bars
    parts.append(_line(left, bottom, right, bottom, "#000000", 1.1))
    axis = "Chance of getting a question right"
    parts.append(_text((left + right) / 2, height - 9, axis, LABEL_PX, "middle"))
    # The legend, above the axes at the right.
    x = right - 8 - text_width("This week", SMALL_PX)
    for name, color in (("This week", NOW_COLOR), ("Last week", LAST_COLOR)):
        parts.append(_text(x, 18 + SMALL_PX * 0.36, name, SMALL_PX))
        parts.append(_rect(x - 26, 14, 19, 7, color))
        x -= 26 + 18 + text_width("Last week", SMALL_PX)
    body = "".join(parts)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" font-family="{FONT}" role="img">'
        f"<title>{html.escape(ALT)}</title>{body}</svg>"
    )
    return svg, width, height
