"""The page and its blocks: margins, header and footer, text, notes, tables, images, kept together.

A block kept on one page is rehearsed on a scratch document, not on a deep copy of the real
one (fpdf2's `offset_rendering` copies the whole document, so a class week took minutes);
the mastery chart is drawn from its SVG as the figures are (`vectors`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from fpdf import FPDF
from fpdf.enums import Align, WrapMode, XPos, YPos
from fpdf.fonts import FontFace
from fpdf.line_break import TextLine
from fpdf.util import Padding

from edugen.content.accommodations import large_print_pt
from edugen.exporters.pages.model import DRAFT_MARK
from edugen.exporters.pages.pdf.fonts import (
    CJK_FONT,
    FONT,
    HouseFont,
    add_fonts,
    cjk_font_file,
    needs_fallback,
    trim_fonts,
)
from edugen.exporters.pages.pdf.vectors import draw_svg
from edugen.exporters.pages.pool import SharedCache

INK = (17, 17, 17)
MUTED = (85, 85, 85)
BLUE = (43, 93, 156)
RED = (164, 38, 44)
RULE = (154, 165, 180)
HEAD_FILL = (232, 238, 246)
KEY_FILL = (251, 241, 241)
MARGIN = 15.0
LINE = 5.0  # mm per line of 10.5 pt text


class PdfDoc(FPDF):
    """Every page: the DRAFT header and watermark where due, the title and page number."""

    def __init__(self, title: str, *, draft: bool, large: bool = False) -> None:
        super().__init__(orientation="portrait", unit="mm", format="letter")
        self.doc_title = title
        self.draft = draft
        self.large = large

    def pt(self, size: float) -> float:
        """A font size as drawn: the large-print size on a large-print copy."""
        return large_print_pt(size) if self.large else size

    def mm(self, length: float, size: float = 10.5) -> float:
        """A line height or gap for text of `size`, grown as the text grows."""
        return length * self.pt(size) / size

    def header(self) -> None:
        if not self.draft:
            return
        self.set_font(FONT, "B", 9)
        self.set_text_color(*RED)
        self.set_y(6)
        self.cell(0, 5, DRAFT_MARK.upper(), align="C")
        # A pale diagonal mark behind the page's content.
        with self.local_context(fill_opacity=0.1, text_color=RED):
            self.set_font(FONT, "B", 96)
            with self.rotation(30, self.w / 2, self.h / 2):
                self.text(self.w / 2 - 62, self.h / 2 + 12, "DRAFT")
        self.set_y(self.t_margin)

    def footer(self) -> None:
        self.set_y(-11 - self.mm(4, 7.5) + 4)
        self.set_font(FONT, "", self.pt(7.5))
        self.set_text_color(*MUTED)
        where = f"page {self.page_no()} of {{nb}}"
        # At large print the title no longer fits beside the page number: the number stays.
        self.cell(
            0, self.mm(4, 7.5), where if self.large else f"{self.doc_title}  ·  {where}", align="C"
        )


class Rehearsal(PdfDoc):
    """A page that blocks are rehearsed on: it keeps every position and page break the real
    page would have, without drawing the text or the figures (it is never written).

    A text rehearsed before in this process is not broken into lines again: its height
    comes from the number of lines it had (`_LINE_COUNTS`), unless a line would start a new
    page on the way, which fpdf2 then rehearses as usual.
    """

    rehearsal = True
    # The lines of the multi_cell being rehearsed, and whether the last ended in a newline.
    _counting: list[Any] | None = None

    def multi_cell(
        self, w: float, h: float | None = None, text: str = "", *more: Any, **options: Any
    ) -> Any:
        key = None if more else self._measure_key(w, h, text, options)
        if key is None:
            return super().multi_cell(w, h, text, *more, **options)
        known = _LINE_COUNTS.get(key)
        if known is not None and h is not None:
            padding = Padding.new(options.get("padding", 0))
            if self._advance(h, padding, *known):
                return False  # fpdf2's answer: no page break
        self._counting = [0, False]
        page = self.page
        try:
            result = super().multi_cell(w, h, text, **options)
            if self.page == page:  # a new page's footer lines are not the text's
                _LINE_COUNTS.put(key, (self._counting[0], self._counting[1]))
        finally:
            self._counting = None
        return result

    def _measure_key(
        self, w: float, h: float | None, text: str, options: dict[str, Any]
    ) -> tuple[object, ...] | None:
        """What decides a text's lines, where it is drawn in one house font and placed as
        the blocks place text (then at the left margin, on the next line); else None."""
        if h is None or not options.keys() <= _MEASURED_OPTIONS or self.text_shaping:
            return None
        if type(self.current_font) is not HouseFont:
            return None
        if XPos.coerce(options.get("new_x", XPos.RIGHT)) != XPos.LMARGIN:
            return None
        if YPos.coerce(options.get("new_y", YPos.NEXT)) != YPos.NEXT:
            return None
        align = Align.coerce(options.get("align", Align.J))
        if align == Align.X or not isinstance(w, int | float):
            return None
        return (
            text,
            self.current_font.fontkey,
            self.font_size_pt,
            self.char_spacing,
            self.font_stretching,
            w,
            self.w - self.r_margin - self.x if w == 0 else None,
            self.c_margin,
            tuple(Padding.new(options.get("padding", 0))),
            align,
            WrapMode.coerce(options.get("wrapmode", WrapMode.WORD)),
            bool(options.get("print_sh", False)),
            tuple(self._fallback_font_ids),
            self._fallback_font_exact_match,
        )

    def _advance(self, h: float, padding: Padding, lines: int, newline: bool) -> bool:
        """Move down as fpdf2's multi_cell would over `lines` lines of height `h`, the same
        sums in the same order; False, moving nothing, where a line would break the page."""
        y = self.y + padding.top
        for _ in range(lines):
            if self._would_break(y, h + padding.bottom) or self._would_break(y, h):
                return False
            y += h
        if newline:  # fpdf2 ends a text ending in a newline with ln()
            y += h
        self.y = y + padding.bottom
        self.x = self.l_margin
        self._lasth = h
        return True

    def _would_break(self, y: float, height: float) -> bool:
        return (
            y + height > self.page_break_trigger
            and not self.in_footer
            and bool(self.accept_page_break)
        )

    def _render_styled_text_line(
        self,
        text_line: TextLine,
        h: float | None = None,
        border: str | int = 0,
        new_x: XPos = XPos.RIGHT,
        new_y: YPos = YPos.TOP,
        fill: bool = False,
        link: str | int | None = "",
        center: bool = False,
        padding: Padding | None = None,
        prevent_font_change: bool = False,
    ) -> bool:
        if self._counting is not None:
            self._counting[0] += 1
            self._counting[1] = text_line.trailing_nl
        w = text_line.max_width
        plain = (
            h is not None
            and w is not None
            and not center
            and text_line.align != Align.X
            and new_x in _MOVES_X
            and new_y in _MOVES_Y
            and not (border or fill)
        )
        if not plain:
            return super()._render_styled_text_line(
                text_line, h, border, new_x, new_y, fill, link, center, padding,
                prevent_font_change,
            )  # fmt: skip
        assert h is not None and w is not None
        if w == 0:
            w = self.w - self.r_margin - self.x
        # What fpdf2 does with the position and the page, the drawing left out.
        broke = self._perform_page_break_if_need_be(h)
        self._lasth = h or self.font_size
        if new_x == XPos.RIGHT:
            self.x += w
        elif new_x == XPos.LMARGIN:
            self.x = self.l_margin
        if new_y == YPos.NEXT:
            self.y += h
        return broke


_MOVES_X = frozenset({XPos.LEFT, XPos.RIGHT, XPos.LMARGIN})
_MOVES_Y = frozenset({YPos.TOP, YPos.LAST, YPos.NEXT})
# The multi_cell options a remembered line count stands for (none changes the lines).
_MEASURED_OPTIONS = frozenset(
    {"align", "border", "fill", "link", "new_x", "new_y", "padding", "print_sh", "wrapmode"}
)
# Each text's number of lines (and whether the last ends in a newline), by what decides
# them: the same text is rehearsed in the student copy, the answer key and the class week.
_LINE_COUNTS: SharedCache[tuple[object, ...], tuple[int, bool]] = SharedCache(
    f"{__name__}:line counts", 20_000
)


class Pdf:
    """The document being drawn, with the house fonts and a few block helpers."""

    def __init__(
        self, title: str, *, draft: bool, text: Iterable[str] = (), large: bool = False
    ) -> None:
        pdf = PdfDoc(title, draft=draft, large=large)
        add_fonts(pdf)
        _layout(pdf)
        pdf.set_title(title)
        pdf.set_creator("edugen")
        # A fixed date keeps the bytes the same for the same document.
        pdf.set_creation_date(datetime(2000, 1, 1, tzinfo=UTC))
        pdf.alias_nb_pages()
        # Only a document that needs it pays for the (large) CJK font.
        if needs_fallback(text):
            cjk = cjk_font_file()
            if cjk is not None:
                pdf.add_font(CJK_FONT, "", str(cjk))
                pdf.set_fallback_fonts([CJK_FONT], exact_match=False)
        self.doc = pdf
        self.draft = draft
        self._scratch: PdfDoc | None = None

    def scratch(self) -> PdfDoc:
        """A document never written, sharing the real one's fonts, to rehearse blocks on."""
        if self._scratch is None:
            real = self.doc
            scratch = Rehearsal(real.doc_title, draft=False, large=real.large)
            scratch.fonts.update(real.fonts)  # the same fonts: glyphs rehearsed are then drawn
            scratch.set_fallback_fonts(
                [k for k in real.fonts if k.startswith(CJK_FONT.lower())], exact_match=False
            )
            _layout(scratch)
            scratch.add_page()
            self._scratch = scratch
        return self._scratch

    def output(self) -> bytearray:
        trim_fonts(self.doc)
        result: bytearray = self.doc.output()
        return result

    # --- blocks ---------------------------------------------------------------------------

    @property
    def width(self) -> float:
        return float(self.doc.epw)

    def font(self, size: float, style: str = "", color: tuple[int, int, int] = INK) -> None:
        self.doc.set_font(FONT, style, self.doc.pt(size))
        self.doc.set_text_color(*color)

    def text(
        self,
        text: str,
        size: float = 10.5,
        style: str = "",
        color: tuple[int, int, int] = INK,
        *,
        indent: float = 0,
        height: float | None = None,
        align: str = "L",
        width: float | None = None,
    ) -> None:
        """Text from `indent` mm right of the margin, `width` wide (else to the right margin)."""
        self.font(size, style, color)
        self.doc.set_x(MARGIN + indent)
        self.doc.multi_cell(
            width or self.width - indent,
            self.doc.mm(height, size) if height else self.doc.pt(size) * 0.48,
            text,
            align=align,
            new_x="LMARGIN",
            new_y="NEXT",
        )

    def heading(self, text: str, level: int) -> None:
        d = self.doc
        if level == 1:
            self.text(text, 17, "B")
        else:
            # A heading never ends a page: keep room for what follows it.
            if d.will_page_break(40):
                d.add_page()
            d.ln(3)
            self.text(text, 13 if level == 2 else 11.5, "B", BLUE if level == 2 else INK)
            if level == 2:
                d.set_draw_color(*BLUE)
                d.set_line_width(0.5)
                d.line(MARGIN, d.get_y() + 0.5, MARGIN + self.width, d.get_y() + 0.5)
            d.ln(2.5)

    def note(self, text: str) -> None:
        d = self.doc
        d.ln(1)
        self.font(10.5, "I")
        top = d.get_y()
        d.set_x(MARGIN + 4)
        d.set_fill_color(243, 246, 250)
        d.multi_cell(
            self.width - 4,
            d.mm(LINE),
            text,
            fill=True,
            align="L",
            new_x="LMARGIN",
            new_y="NEXT",
            padding=2,
        )
        d.set_fill_color(*BLUE)
        d.rect(MARGIN, top, 1.3, d.get_y() - top, style="F")
        d.ln(2)

    def table(
        self,
        headings: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        *,
        right: Sequence[int] = (),
        size: float = 9.5,
    ) -> None:
        self.font(size)
        self.doc.set_fill_color(255, 255, 255)  # a note's fill colour must not leak into cells
        self.doc.set_draw_color(*RULE)
        self.doc.set_line_width(0.2)
        with self.doc.table(
            col_widths=tuple(widths),
            width=self.width,
            text_align=tuple("RIGHT" if i in right else "LEFT" for i in range(len(widths))),
            headings_style=FontFace(emphasis="BOLD", fill_color=HEAD_FILL),
            line_height=self.doc.pt(size) * 0.5,
            padding=(1.2, 1.6),
            v_align="TOP",
            first_row_as_headings=True,
        ) as table:
            head = table.row()
            for text in headings:
                head.cell(text)
            for cells in rows:
                row = table.row()
                for text in cells:
                    row.cell(text)
        self.doc.ln(3)

    def drawing(self, svg: str, width: float) -> None:
        """An SVG drawn `width` wide at the left margin, on the next page if it does not fit."""
        draw_svg(self.doc, svg, x=MARGIN, w=width)
        self.doc.ln(2)

    def together(self, draw: Callable[[], None]) -> None:
        """Draw a block on one page: rehearse it, and start a new page first if it would split."""
        real = self.doc
        rehearsal = self.scratch()
        rehearsal.set_y(real.get_y())
        page = rehearsal.page
        self.doc = rehearsal
        try:
            draw()
        finally:
            self.doc = real
        # A block may also end past the break without breaking (a work box moves y itself).
        split = rehearsal.page != page or rehearsal.get_y() > rehearsal.page_break_trigger
        if split and real.get_y() > real.t_margin + 30:
            real.add_page()
        draw()


def _layout(pdf: FPDF) -> None:
    pdf.set_margins(MARGIN, 14, MARGIN)
    pdf.set_auto_page_break(True, margin=16)
