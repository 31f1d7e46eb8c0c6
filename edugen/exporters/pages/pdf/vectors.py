"""A figure's SVG drawn by fpdf2 once per process, and replayed into every page that shows it.

fpdf2 parses an SVG and turns it into PDF drawing operators each time it is drawn (about
8 ms a figure), and a figure is drawn in a student's copy, the answer key, the class week
and each block's rehearsal. The operators depend on the document in three places only: the
font's number, the text's glyphs (each file numbers the glyphs it uses) and the names of
graphics states. So the drawing is made once on a scratch page with marks in those places,
and each replay fills them in for its document, moves the drawing to its place with one
`cm`, and starts it from black fill and stroke, as it was recorded. An SVG that needs
anything else of the document (a gradient, a mask) is drawn by fpdf2 as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from fpdf import FPDF
from fpdf.drawing import GraphicsStyle
from fpdf.syntax import Name
from fpdf.util import number_to_str

from edugen.exporters.pages.figures import fpdf_svg
from edugen.exporters.pages.pdf.fonts import FONT, add_fonts
from edugen.exporters.pages.pool import SharedCache

_MARK = "EdugenMark"
_MARKS = re.compile(_MARK + r"(\d+)")


@dataclass(frozen=True)
class Mark:
    """A font's number (`key` the font), a text's glyphs (`key` the font, `text` the text) or
    a graphics state's name (`key` the state serialised, `style` the state)."""

    kind: str
    key: str
    text: str = ""
    style: GraphicsStyle | None = None


class _Unrecordable(Exception):
    """The drawing asked the document for something a replay cannot fill in."""


@dataclass(frozen=True)
class Drawing:
    """PDF operators with marks for what each document numbers its own way."""

    operators: str
    marks: tuple[Mark, ...]
    height: float

    def replay(self, pdf: FPDF, x: float, y: float) -> None:
        """Draw at (x, y) on the current page (y from the top, in the document's unit)."""
        catalog = pdf._resource_catalog

        def fill(found: re.Match[str]) -> str:
            mark = self.marks[int(found.group(1))]
            if mark.style is not None:
                # The catalog's own names by serialised state: serialising costs more
                # than the rest of a replay.
                name = catalog.graphics_styles.get(mark.key)
                if name is None:
                    name = catalog.register_graphics_style(mark.style)
                return str(name)
            font = pdf.fonts[mark.key]
            if mark.kind == "font":
                return str(font.i)
            return str(font.encode_text(mark.text))

        k = pdf.k
        # Recorded at the top left of a page RECORDED_ON high; PDF's y runs up the page.
        up = (pdf.h - RECORDED_ON[1] - y) * k
        move = f"1 0 0 1 {number_to_str(x * k)} {number_to_str(up)} cm"
        stream = f"q {move} 0 g 0 G {_MARKS.sub(fill, self.operators)} Q"
        catalog.index_stream_resources(stream, pdf.page)
        pdf._out(stream)
        pdf._set_min_pdf_version("1.4")


# Drawings by SVG and width: a class's week shows about 150 figures, each in its documents
# and as the page DOCX rasterises.
_DRAWINGS: SharedCache[tuple[str, float], Drawing] = SharedCache(f"{__name__}:drawings", 1024)
# The page drawings are recorded on (US Letter, mm): a replay moves them to any page.
RECORDED_ON = (215.9, 279.4)


def draw_svg(pdf: FPDF, svg: str, *, x: float, w: float) -> None:
    """`pdf.image(svg, x=x, w=w)` at the current y (a new page first if it does not fit)."""
    key = (svg, w)
    drawing = _DRAWINGS.get(key) if pdf.k == _Scratch.k_mm else None
    if drawing is None:
        try:
            if pdf.k != _Scratch.k_mm:
                raise _Unrecordable("a page not measured in mm")
            drawing = _record(svg, w)
        except _Unrecordable:
            pdf.image(fpdf_svg(svg, FONT), x=x, w=w)
            return
        _DRAWINGS.put(key, drawing)
    pdf._perform_page_break_if_need_be(drawing.height)
    y = pdf.y
    pdf.y += drawing.height
    if not getattr(pdf, "rehearsal", False):  # a rehearsal needs only the room it takes
        drawing.replay(pdf, x, y)


class _Scratch(FPDF):
    """A page that keeps what is drawn on it instead of writing it."""

    k_mm = 72 / 25.4  # points a millimetre: the scale of every page drawn here

    def __init__(self) -> None:
        super().__init__(unit="mm", format=RECORDED_ON)
        self.kept: list[str] = []
        add_fonts(self)
        self.add_page()

    def _out(self, s: str | bytes) -> None:
        if self.page and isinstance(s, str) and hasattr(self, "kept"):
            self.kept.append(s)
        else:
            super()._out(s)


def _record(svg: str, w: float) -> Drawing:
    scratch = _Scratch()
    recorder = _Recorder(scratch._resource_catalog)
    scratch._resource_catalog = recorder  # type: ignore[assignment]
    scratch.kept.clear()
    info = scratch.image(fpdf_svg(svg, FONT), x=0, y=0, w=w)
    return Drawing(" ".join(scratch.kept), tuple(recorder.marks), float(info.rendered_height))


class _Recorder:
    """Stands in for the scratch page's resource catalog: fonts, texts and graphics states
    become marks; anything else cannot be replayed."""

    def __init__(self, catalog: Any) -> None:
        self.catalog = catalog
        self.marks: list[Mark] = []

    def mark(self, mark: Mark) -> str:
        self.marks.append(mark)
        return f"{_MARK}{len(self.marks) - 1}"

    def get_font_from_family(self, family: str, style: str = "") -> _FontMark:
        return _FontMark(self, self.catalog.get_font_from_family(family, style))

    def register_graphics_style(self, style: GraphicsStyle) -> Name | None:
        serialised = style.serialize()
        if serialised is None:
            return None
        return Name(self.mark(Mark("style", str(serialised), style=style)))

    def index_stream_resources(self, rendered: str, page_number: int) -> None:
        """Nothing to index: the replay indexes what it draws."""

    def __getattr__(self, name: str) -> Any:
        raise _Unrecordable(name)


class _FontMark:
    """A font as the drawing sees it: its widths are the font's, its number and glyphs marks."""

    def __init__(self, recorder: _Recorder, font: Any) -> None:
        self.recorder = recorder
        self.font = font

    @property
    def i(self) -> str:
        return self.recorder.mark(Mark("font", self.font.fontkey))

    def get_text_width(self, *args: Any) -> Any:
        return self.font.get_text_width(*args)

    def encode_text(self, text: str) -> str:
        return self.recorder.mark(Mark("text", self.font.fontkey, text))

    def __getattr__(self, name: str) -> Any:
        raise _Unrecordable(name)
