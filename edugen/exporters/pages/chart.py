"""The mastery chart: per topic, last week against this week, as a PNG drawn once per data.

Every copy of a student's week (student, answer key, class packet; HTML, PDF, DOCX) shows
the same chart, and drawing it is most of an HTML export's time, so the PNG is kept by the
numbers and labels it shows and drawn again only when they differ.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence

from edugen.exporters.pages.model import MasteryBar
from edugen.exporters.pages.pool import SharedCache

LAST_COLOR = "#b8c4d6"
NOW_COLOR = "#2b5d9c"
WIDTH_IN = 6.5
DPI = 200
# Charts kept: a class of 30 several times over; each PNG is about 80 kB.
CACHED_CHARTS = 256

# What a chart shows of one bar: its label, last week's and this week's chance.
_Drawn = tuple[tuple[str, float | None, float], ...]
_CHARTS: SharedCache[_Drawn, bytes] = SharedCache(f"{__name__}:charts", CACHED_CHARTS)


def mastery_png(bars: Sequence[MasteryBar]) -> bytes:
    """A horizontal bar chart, two bars a topic, or empty bytes when there are no topics."""
    if not bars:
        return b""
    drawn = tuple((b.title or b.topic, b.last, b.now) for b in bars)
    png = _CHARTS.get(drawn)
    if png is None:
        png = _draw(drawn)
        _CHARTS.put(drawn, png)
    return png


def _draw(bars: _Drawn) -> bytes:
    # Imported here: matplotlib is slow to import and only documents need it.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    labels = [textwrap.fill(label, 28) for label, _, _ in bars]
    lines = sum(label.count("\n") + 1 for label in labels)
    height = 0.6 + 0.3 * max(lines, 2) + 0.25 * len(bars)
    fig = Figure(figsize=(WIDTH_IN, height), dpi=DPI)
    FigureCanvasAgg(fig)  # the Agg canvas, whatever backend pyplot may have chosen
    ax = fig.subplots()
    rows = range(len(bars))
    size = 0.38
    last = [(was or 0.0) * 100 for _, was, _ in bars]
    now = [p * 100 for _, _, p in bars]
    ax.barh([r - size / 2 for r in rows], last, height=size, color=LAST_COLOR, label="Last week")
    ax.barh([r + size / 2 for r in rows], now, height=size, color=NOW_COLOR, label="This week")
    for r, (_, was, is_now) in zip(rows, bars, strict=True):
        if was is None:
            ax.text(1, r - size / 2, "new topic", va="center", fontsize=7, color="#555555")
        ax.text(is_now * 100 + 1, r + size / 2, f"{round(is_now * 100)}%", va="center", fontsize=7)
    ax.set_yticks(list(rows), labels, fontsize=8)
    ax.invert_yaxis()  # first topic on top, as in the table
    ax.set_xlim(0, 105)
    ax.set_xticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"], fontsize=7)
    ax.set_xlabel("Chance of getting a question right", fontsize=8)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(fontsize=7, loc="lower right", frameon=False, ncols=2, bbox_to_anchor=(1.0, 1.0))
    fig.tight_layout()
    # tight_layout leaves a placeholder layout engine, for which savefig first draws the
    # whole figure once more without output; the layout is done, so no engine at all.
    fig.set_layout_engine(None)
    out = io.BytesIO()
    # No timestamp or software tag: the same bars give the same bytes.
    fig.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()
