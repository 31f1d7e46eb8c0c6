"""PDF, drawn in code with fpdf2 (pure Python) in DejaVu Sans, the font matplotlib ships.

No system library or browser is needed, so it prints the same on any machine pip reaches;
DejaVu Sans has ×, ÷, −, ½, ≥ and accented names, which the PDF core fonts lack. Text that
DejaVu cannot show (a Chinese, Japanese or Korean name) falls back to Noto Sans CJK (the
`noto-cjk-sans-jp-regular` wheel), else a CJK font found on the system.

Speed: the fonts are parsed once per process and copied into each document; a block kept
on one page is rehearsed on a scratch document, not on a deep copy of the real one (fpdf2's
`offset_rendering` copies the whole document, so a class packet took minutes); a text's
line breaks are remembered (fpdf2 finds them character by character in Python, and the
same text is rehearsed, drawn, and repeated in both copies and the packet); each file's
font subset is cut from a once-made cut of DejaVu; a chart is decoded for PDF once.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from functools import cache, partial
from pathlib import Path
from typing import IO, Any, cast

import fpdf.fpdf
from fpdf import FPDF
from fpdf.enums import WrapMode
from fpdf.fonts import FontFace, TTFFont
from fpdf.image_datastructures import RasterImageInfo
from fpdf.image_parsing import get_img_info
from fpdf.line_break import Fragment, MultiLineBreak, TextLine
from fpdf.util import Padding

from edugen.content.accommodations import large_print_pt
from edugen.exporters.documents import safe_url
from edugen.exporters.pages.chart import CACHED_CHARTS, mastery_png
from edugen.exporters.pages.figures import figure_png, fpdf_svg, superscripts, width_mm
from edugen.exporters.pages.model import (
    DRAFT_MARK,
    ClassPacketDocument,
    ClassPage,
    Copy,
    Document,
    Question,
    Resource,
    StudentPage,
    class_page,
    student_page,
)
from edugen.exporters.pages.pool import SharedCache
from edugen.schemas import Figure

FONT = "DejaVu"
CJK_FONT = "NotoCJK"
# Where Debian and friends put a CJK font, for a machine without the wheel.
SYSTEM_CJK_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)
INK = (17, 17, 17)
MUTED = (85, 85, 85)
BLUE = (43, 93, 156)
RED = (164, 38, 44)
RULE = (154, 165, 180)
HEAD_FILL = (232, 238, 246)
KEY_FILL = (251, 241, 241)
MARGIN = 15.0
LINE = 5.0  # mm per line of 10.5 pt text


@cache
def font_files() -> dict[str, Path]:
    """DejaVu Sans regular, bold, oblique and bold oblique, from matplotlib's data folder."""
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    files = {
        "": folder / "DejaVuSans.ttf",
        "B": folder / "DejaVuSans-Bold.ttf",
        "I": folder / "DejaVuSans-Oblique.ttf",
        "BI": folder / "DejaVuSans-BoldOblique.ttf",
    }
    missing = [str(p) for p in files.values() if not p.is_file()]
    if missing:
        from edugen.errors import ConfigError

        raise ConfigError(f"matplotlib's DejaVu fonts are missing: {', '.join(missing)}")
    return files


@cache
def cjk_font_file() -> Path | None:
    """A font with CJK glyphs: the Noto Sans CJK wheel's, else a system one, else None."""
    try:
        import noto_cjk_sans_jp_regular  # type: ignore[import-not-found,unused-ignore]

        wheel = Path(str(noto_cjk_sans_jp_regular.FONT_PATH))
        if wheel.is_file():
            return wheel
    except ImportError:
        pass
    return next((Path(p) for p in SYSTEM_CJK_FONTS if Path(p).is_file()), None)


@cache
def _parsed_fonts() -> tuple[TTFFont, ...]:
    """DejaVu's four styles parsed once (a tenth of a second each time otherwise)."""
    pdf = FPDF()
    for style, path in font_files().items():
        pdf.add_font(FONT, style, str(path))
    return tuple(cast(TTFFont, f) for f in pdf.fonts.values())


def _add_fonts(pdf: FPDF) -> None:
    """Give a new document its own copy of the parsed fonts.

    A copy shares the parsed tables and widths (read-only) but keeps its own subset of used
    glyphs, and opens the font file afresh, since writing a PDF subsets the font in place.
    """
    from fontTools import ttLib

    for parsed in _parsed_fonts():
        font = _Font.__new__(_Font)
        for name in TTFFont.__slots__:
            if hasattr(parsed, name):
                setattr(font, name, getattr(parsed, name))
        font.subset = copy.deepcopy(parsed.subset, {id(parsed): font, id(parsed.cw): parsed.cw})
        font.missing_glyphs = []
        font.ttfont = ttLib.TTFont(parsed.ttffile, recalcTimestamp=False, lazy=True)
        pdf.fonts[font.fontkey] = font


# What the documents write: Latin (with its extensions), Greek, punctuation, super- and
# subscripts, currency, letterlike forms, fractions, arrows, maths operators, technical
# symbols, shapes and dingbats (✓). DejaVu's 6,000-glyph fonts are cut down to these once
# per process; each file's subset is then cut from that smaller font.
COMMON_RANGES = ((0x20, 0x24F), (0x370, 0x3FF), (0x2000, 0x23FF), (0x25A0, 0x27BF))


def _subset_options(*, glyph_names: bool) -> Any:
    """fpdf2's own subsetting options (fpdf/output.py), so a cut font is cut the same way."""
    from fontTools import subset

    options = subset.Options(notdef_outline=True, recommended_glyphs=True)
    options.drop_tables += [
        "FFTM", "GDEF", "GPOS", "GSUB", "MATH", "hdmx", "meta", "sbix",
        "CBDT", "CBLC", "EBDT", "EBLC", "EBSC", "SVG ", "CPAL", "COLR",
    ]  # fmt: skip
    options.glyph_names = glyph_names
    return options


_COMMON_FONTS: SharedCache[str, tuple[bytes, frozenset[str]]] = SharedCache(16)


def _common_font(path: str) -> tuple[bytes, frozenset[str]]:
    """A style cut down to COMMON_RANGES (glyph names kept), and the glyphs it holds."""
    known = _COMMON_FONTS.get(path)
    if known is None:
        known = _cut_common(path)
        _COMMON_FONTS.put(path, known)
    return known


def _cut_common(path: str) -> tuple[bytes, frozenset[str]]:
    from fontTools import subset, ttLib

    font = ttLib.TTFont(path, recalcTimestamp=False)
    cmap = font.getBestCmap()
    wanted = [c for low, high in COMMON_RANGES for c in range(low, high + 1) if c in cmap]
    subsetter = subset.Subsetter(_subset_options(glyph_names=True))
    subsetter.populate(unicodes=wanted)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue(), frozenset(font.getGlyphOrder())


def _cut_from_common(font: TTFFont) -> None:
    """Let fpdf2 subset this file's font from the common cut when it holds every glyph used.

    The cut keeps the original glyph order, names and tables, so the subset written holds
    the glyphs the whole font would give (pages render pixel for pixel the same), at a
    fraction of the cost; a glyph outside it (a rare script in a name) keeps the whole font.
    """
    from fontTools import ttLib

    data, held = _common_font(str(font.ttffile))
    if set(font.subset.get_all_glyph_names()) <= held:
        # The bounds in head and maxp stay the whole font's (still true of the subset):
        # recomputing them would decode and re-encode every glyph kept.
        font.ttfont = ttLib.TTFont(
            io.BytesIO(data), recalcTimestamp=False, recalcBBoxes=False, lazy=True
        )


# Text widths in font units, by font and text. fpdf2 measures a line as it grows, one
# character longer each time, so each width is the one before it plus a character.
_WIDTHS: dict[tuple[str, str], float] = {}
CACHED_WIDTHS = 200_000


class _Font(TTFFont):
    """A TrueType font that remembers the widths of the texts it measured."""

    __slots__ = ()

    def get_text_width(
        self, text: str, font_size_pt: float, text_shaping_params: dict[str, Any] | None
    ) -> tuple[int, float]:
        if text_shaping_params or self.is_symbol or not text:
            return super().get_text_width(text, font_size_pt, text_shaping_params)
        self.biggest_size_pt = max(self.biggest_size_pt, font_size_pt)
        units = _WIDTHS.get((self.fontkey, text))
        if units is None:
            shorter = _WIDTHS.get((self.fontkey, text[:-1]))
            if shorter is not None:
                units = shorter + self.cw[ord(text[-1])]
            else:
                units = sum(self.cw[ord(c)] for c in text)
            if len(_WIDTHS) >= CACHED_WIDTHS:
                _WIDTHS.clear()
            _WIDTHS[(self.fontkey, text)] = units
        return len(text), units * font_size_pt * 0.001


# Lines already broken, by the text and everything that decides where it breaks. fpdf2
# breaks a line character by character in Python; the same text comes back often (a block
# rehearsed then drawn, a table cell measured then drawn, a question in both copies and the
# packet), so each is broken once per process.
# A class's documents break about 3,000 texts, about 1 kB each remembered.
CACHED_LINE_BREAKS = 20_000
_LINE_BREAKS: SharedCache[tuple[object, ...], tuple[_LineRecipe, ...]] = SharedCache(
    CACHED_LINE_BREAKS
)


@dataclasses.dataclass(frozen=True, slots=True)
class _LineRecipe:
    """One broken line, with its pieces named by the fragment they were cut from."""

    pieces: tuple[tuple[int, str, str | int | None], ...]
    text_width: float
    number_of_spaces: int
    align: Any
    height: float
    max_width: float | None
    trailing_nl: bool
    trailing_form_feed: bool
    indent: float

    @classmethod
    def of(cls, line: TextLine, source: Sequence[Fragment]) -> _LineRecipe | None:
        pieces = []
        for piece in line.fragments:
            origin = next(
                (i for i, f in enumerate(source) if f.graphics_state is piece.graphics_state),
                None,
            )
            if origin is None or type(piece) is not Fragment or piece.k != source[origin].k:
                return None
            pieces.append((origin, "".join(piece.characters), piece.link))
        return cls(
            tuple(pieces),
            line.text_width,
            line.number_of_spaces,
            line.align,
            line.height,
            line.max_width,
            line.trailing_nl,
            line.trailing_form_feed,
            line.indent,
        )

    def line(self, source: Sequence[Fragment]) -> TextLine:
        return TextLine(
            [source[i].clone(characters=list(chars), link=link) for i, chars, link in self.pieces],
            text_width=self.text_width,
            number_of_spaces=self.number_of_spaces,
            align=self.align,
            height=self.height,
            max_width=self.max_width,
            trailing_nl=self.trailing_nl,
            trailing_form_feed=self.trailing_form_feed,
            indent=self.indent,
        )


def _break_key(
    fragments: Sequence[Fragment],
    max_width: object,
    margins: Sequence[float],
    options: dict[str, Any],
) -> tuple[object, ...] | None:
    """What decides the lines of a text, or None where it is not only this document's fonts."""
    if not isinstance(max_width, int | float) or not fragments:
        return None
    parts: list[object] = [max_width, tuple(margins), tuple(sorted(options.items()))]
    for f in fragments:
        state = f.graphics_state
        if type(f) is not Fragment or type(f.font) is not _Font or state.text_shaping:
            return None
        parts.append(
            (
                f.string,
                f.font.fontkey,
                state.font_size_pt,
                f.font_size_pt,
                state.char_spacing,
                state.font_stretching,
                f.k,
                f.link,
            )
        )
    return tuple(parts)


class _RememberedLineBreak(MultiLineBreak):
    """fpdf2's line breaking, replayed from `_LINE_BREAKS` for a text in the house fonts.

    Only texts drawn in `_Font` (DejaVu as this module loads it) are remembered; any other
    text is broken by fpdf2 as usual, so other users of fpdf2 in the process see no change.
    """

    def __init__(
        self,
        fragments: Sequence[Fragment],
        max_width: Any,
        margins: Sequence[float],
        **options: Any,
    ) -> None:
        super().__init__(fragments, max_width, margins, **options)
        self._source = fragments
        self._key = _break_key(fragments, max_width, margins, options)
        self._recorded: list[_LineRecipe] | None = None
        self._replay: Iterator[_LineRecipe] | None = None
        if self._key is not None:
            known = _LINE_BREAKS.get(self._key)
            if known is not None:
                self._replay = iter(known)
            else:
                self._recorded = []

    def get_line(self) -> TextLine | None:
        if self._replay is not None:
            recipe = next(self._replay, None)
            return None if recipe is None else recipe.line(self._source)
        line = super().get_line()
        if self._recorded is not None and self._key is not None:
            if line is None:
                _LINE_BREAKS.put(self._key, tuple(self._recorded))
                self._recorded = None
            else:
                recipe = _LineRecipe.of(line, self._source)
                if recipe is None:
                    self._recorded = None
                else:
                    self._recorded.append(recipe)
        return line


# multi_cell looks the class up in fpdf.fpdf: the remembered breaking is used from here on.
fpdf.fpdf.MultiLineBreak = _RememberedLineBreak  # type: ignore[assignment,misc]


def _strings(value: object) -> Iterator[str]:
    """Every string in a page's layout (dataclasses, lists and tuples of them)."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _strings(getattr(value, f.name))
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)


class PdfFormat:
    """PDF, US Letter; DRAFT documents carry a header and watermark on every page."""

    name = "pdf"
    extension = ".pdf"
    media_type = "application/pdf"

    def write(self, document: Document, stream: IO[bytes], *, copy: Copy) -> None:
        if isinstance(document, ClassPacketDocument):
            packet = class_page(document, copy)
            pdf = _Pdf(packet.title, draft=packet.draft, text=_strings(packet))
            _packet(pdf, packet)
        else:
            page = student_page(document, copy)
            pdf = _Pdf(page.title, draft=page.draft, text=_strings(page), large=page.large_print)
            _student(pdf, page)
        stream.write(bytes(pdf.output()))


class _Doc(FPDF):
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


class _Pdf:
    """The document being drawn, with the house fonts and a few block helpers."""

    def __init__(
        self, title: str, *, draft: bool, text: Iterable[str] = (), large: bool = False
    ) -> None:
        pdf = _Doc(title, draft=draft, large=large)
        _add_fonts(pdf)
        _layout(pdf)
        pdf.set_title(title)
        pdf.set_creator("edugen")
        # A fixed date keeps the bytes the same for the same document.
        pdf.set_creation_date(datetime(2000, 1, 1, tzinfo=UTC))
        pdf.alias_nb_pages()
        # Only a document that needs it pays for the (large) CJK font.
        if _needs_fallback(text):
            cjk = cjk_font_file()
            if cjk is not None:
                pdf.add_font(CJK_FONT, "", str(cjk))
                pdf.set_fallback_fonts([CJK_FONT], exact_match=False)
        self.doc = pdf
        self.draft = draft
        self._scratch: _Doc | None = None

    def scratch(self) -> _Doc:
        """A document never written, sharing the real one's fonts, to rehearse blocks on."""
        if self._scratch is None:
            real = self.doc
            scratch = _Doc(real.doc_title, draft=False, large=real.large)
            scratch.fonts.update(real.fonts)  # the same fonts: glyphs rehearsed are then drawn
            scratch.set_fallback_fonts(
                [k for k in real.fonts if k.startswith(CJK_FONT.lower())], exact_match=False
            )
            _layout(scratch)
            scratch.add_page()
            self._scratch = scratch
        return self._scratch

    def output(self) -> bytearray:
        # A style never drawn (bold italic, usually) is not embedded: subsetting a font for
        # the file costs a tenth of a second each.
        fonts = self.doc.fonts
        for key in [k for k, f in fonts.items() if isinstance(f, TTFFont) and len(f.subset) <= 2]:
            del fonts[key]
        for font in fonts.values():
            if type(font) is _Font:
                _cut_from_common(font)
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
    ) -> None:
        self.font(size, style, color)
        self.doc.set_x(MARGIN + indent)
        self.doc.multi_cell(
            self.width - indent,
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

    def image(self, png: bytes, width: float) -> None:
        name, info = _image_info(png)
        height = width * info.height / info.width
        if self.doc.will_page_break(height):
            self.doc.add_page()
        cache = self.doc.image_cache
        if name not in cache.images and info.get("iccp") is None:
            # What fpdf2 would store on reading the PNG (its name is the md5 it would use).
            cache.images[name] = RasterImageInfo(
                {**info, "i": len(cache.images) + 1, "usages": 0, "iccp_i": None}
            )
        self.doc.image(io.BytesIO(png), x=MARGIN, w=width, h=height)
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


_IMAGES: SharedCache[bytes, tuple[str, RasterImageInfo]] = SharedCache(CACHED_CHARTS)


def _image_info(png: bytes) -> tuple[str, RasterImageInfo]:
    """A PNG decoded and compressed for PDF once, not once per file that shows it.

    The same chart is in a student's copy, the answer key and the class packet.
    """
    known = _IMAGES.get(png)
    if known is None:
        name = hashlib.md5(png.strip(), usedforsecurity=False).hexdigest()
        known = name, get_img_info(name, io.BytesIO(png))
        _IMAGES.put(png, known)
    return known


def _layout(pdf: FPDF) -> None:
    pdf.set_margins(MARGIN, 14, MARGIN)
    pdf.set_auto_page_break(True, margin=16)


@cache
def _dejavu_chars() -> frozenset[int]:
    return frozenset(_parsed_fonts()[0].cmap)


def _needs_fallback(text: Iterable[str]) -> bool:
    shown = _dejavu_chars()
    return any(ord(c) not in shown for t in text for c in t if not c.isspace())


def _packet(pdf: _Pdf, packet: ClassPage) -> None:
    d = pdf.doc
    d.add_page()
    pdf.heading(f"{packet.class_title} — week of {packet.dates}", 1)
    students = f"{packet.student_count} student{'s' if packet.student_count != 1 else ''}"
    line = f"{packet.week}  ·  {students}  ·  "
    pdf.font(10, "", MUTED)
    d.cell(d.get_string_width(line), LINE, line)
    pdf.font(9, "B", RED)
    d.cell(0, LINE, "TEACHER PACKET", new_x="LMARGIN", new_y="NEXT")
    pdf.heading("Class summary", 2)
    if packet.summary:
        pdf.note(packet.summary)
    if packet.next_steps:
        pdf.text(f"Next steps: {packet.next_steps}")
        d.ln(2)
    if packet.topics:
        pdf.heading("Topics this week", 3)
        pdf.table(
            ["Topic", "Students"], [[r.label, r.value] for r in packet.topics], [5, 1], right=[1]
        )
    pdf.heading("Small groups", 2)
    if packet.groups:
        pdf.table(
            ["Topic", "Students", "Focus"],
            [[g.title, g.students, g.focus] for g in packet.groups],
            [2.2, 2.4, 4.4],
        )
    else:
        pdf.text("No small groups this week.", color=MUTED)
    if packet.stuck:
        pdf.heading("Stuck", 3)
        pdf.table(
            ["Student", "Stuck on", "Back to", "Misses"],
            [[s.name, s.topic, s.prerequisite, str(s.misses)] for s in packet.stuck],
            [2, 3, 3, 1],
            right=[3],
        )
    if packet.mistakes:
        pdf.heading("Common mistakes", 3)
        pdf.table(
            ["Topic", "Misconception", "Students", "Answers"],
            [[m.topic, m.misconception, str(m.students), str(m.answers)] for m in packet.mistakes],
            [3, 4.6, 1.2, 1.2],
            right=[2, 3],
        )
    for page in packet.students:
        _student(pdf, page)


def _student(pdf: _Pdf, page: StudentPage) -> None:
    d = pdf.doc
    d.add_page()
    pdf.heading(f"{page.name} — week of {page.dates}", 1)
    parts = [p for p in (page.class_title, page.week, f"{page.minutes_per_day} minutes a day") if p]
    line = "  ·  ".join(parts) + "  ·  "
    pdf.font(10, "", MUTED)
    if page.large_print:  # the line and its label no longer fit side by side
        d.multi_cell(0, d.mm(LINE), line.rstrip(" ·"), new_x="LMARGIN", new_y="NEXT")
    else:
        d.cell(d.get_string_width(line), LINE, line)
    label = "ANSWER KEY — TEACHER COPY" if page.teacher else "STUDENT COPY"
    if page.large_print:
        label += " — LARGE PRINT"
    pdf.font(9, "B", RED if page.teacher else BLUE)
    d.cell(0, d.mm(LINE), label, new_x="LMARGIN", new_y="NEXT")
    d.ln(1)
    if page.accommodations:
        pdf.text("Accommodations:", 10, "B")
        for a in page.accommodations:
            pdf.text(f"•  {a}", 10, indent=2)
        d.ln(1)
    if page.summary:
        pdf.note(page.summary)

    pdf.heading("Plan" if page.teacher else "Your plan", 2)
    rows = []
    for day in page.days:
        tasks = "\n".join(
            f"{t.kind}: {t.title} ({t.minutes} min)" + (f" — {t.questions}" if t.questions else "")
            for t in day.tasks
        )
        rows.append([f"{day.name}\n{day.date}", tasks or "Nothing planned", str(day.minutes)])
    # Large print needs wider day and minute columns: "Wednesday" must not break.
    widths = [2.4, 5.6, 2.0] if page.large_print else [1.5, 7.3, 1.2]
    pdf.table(["Day", "What to do", "Minutes"], rows, widths, right=[2])

    if page.questions:
        pdf.heading("Practice questions", 2)
        for q in page.questions:
            _question(pdf, q, teacher=page.teacher)
    if page.left_out:
        more = "s" if page.left_out != 1 else ""
        pdf.text(
            f"{page.left_out} more question{more} will come once your teacher has checked them.",
            9.5,
            "I",
            MUTED,
        )

    if page.resources:
        pdf.heading("Recommended resources", 2)
        for r in page.resources:
            pdf.together(partial(_resource, pdf, r, teacher=page.teacher))

    if page.bars:
        pdf.heading("Progress" if page.teacher else "How you are doing", 2)
        png = mastery_png(page.mastery)
        if png:
            pdf.image(png, min(pdf.width, 165))
        pdf.table(
            ["Topic", "Last week", "This week", "Change"],
            [[b.title, b.last, b.now, b.change] for b in page.bars],
            [5.5, 1.5, 1.5, 1.5],
            right=[1, 2, 3],
        )

    if page.teacher and page.changes:
        pdf.heading("What changed since last week", 2)
        for c in page.changes:
            pdf.text(f"•  {c.title} — {c.change}: {c.why}", 10, indent=2)
            d.ln(0.8)


def _resource(pdf: _Pdf, r: Resource, *, teacher: bool) -> None:
    d = pdf.doc
    url = safe_url(r.url)
    pdf.font(10.5, "B", BLUE if url else INK)
    d.multi_cell(pdf.width, LINE, r.title, link=url or None, new_x="LMARGIN", new_y="NEXT")
    pdf.text(r.topic_title, 9, "", MUTED)
    if r.why:
        pdf.text(r.why, 10)
    if teacher and r.reason:
        pdf.text(f"Why chosen: {r.reason}", 9, "I", MUTED)
    if url:
        pdf.font(8.5, "", MUTED)
        d.multi_cell(
            pdf.width,
            4.2,
            r.url,
            link=url,
            new_x="LMARGIN",
            new_y="NEXT",
            wrapmode=WrapMode.CHAR,
        )
    d.ln(2.5)


def _question(pdf: _Pdf, q: Question, *, teacher: bool) -> None:
    pdf.together(lambda: _question_block(pdf, q, teacher=teacher))


def _question_block(pdf: _Pdf, q: Question, *, teacher: bool) -> None:
    d = pdf.doc
    calculator = "  ·  Calculator allowed" if q.calculator else ""
    pdf.text(f"{q.number}.  {q.topic_title}{calculator}", 8.5, "", MUTED)
    pdf.text(superscripts(q.stem), 11, "B", indent=0, height=5.4)
    if q.figure is not None:
        _figure(pdf, q.figure)
    for o in q.options:
        style = "B" if o.correct else ""
        mark = "  ✓" if o.correct else ""
        pdf.text(
            f"{o.letter})  {superscripts(o.text)}{mark}",
            10.5,
            style,
            RED if o.correct else INK,
            indent=4,
            height=5.2,
        )
    if q.hint:
        pdf.text(f"Hint: {q.hint}", 9.5, "I", MUTED, indent=0)
    d.ln(1)
    if teacher:
        _key(pdf, q)
    else:
        height = q.work_lines * (10.5 if d.large else 7.0)
        d.set_draw_color(*RULE)
        d.set_line_width(0.25)
        d.set_dash_pattern(dash=1.2, gap=1)
        d.rect(MARGIN, d.get_y(), pdf.width, height)
        d.set_dash_pattern()
        pdf.font(7, "", (136, 136, 136))
        d.set_xy(MARGIN + 1.5, d.get_y() + 1)
        hint = "Show your work and circle your answer" if q.options else "Show your work"
        d.cell(0, d.mm(3.5, 7), hint)
        d.set_y(d.get_y() - 1 + height)
    d.ln(d.mm(4))


def _figure(pdf: _Pdf, figure: Figure) -> None:
    """The figure drawn from its SVG at its printed size, its alt text in small type below."""
    d = pdf.doc
    d.ln(1)
    if d.large:
        # Its labels cannot reach large print inside the page width: a full-width picture.
        d.image(io.BytesIO(figure_png(figure)), x=MARGIN, w=pdf.width)
    else:
        d.image(fpdf_svg(figure.svg, FONT), x=MARGIN, w=width_mm(figure, pdf.width))
    pdf.text(figure.alt, 8, "I", MUTED, height=4.2)
    d.ln(1)


def _key(pdf: _Pdf, q: Question) -> None:
    d = pdf.doc
    lines: list[tuple[str, str, float]] = [(f"Answer: {superscripts(q.answer)}", "B", 10.5)]
    lines += [(f"{i}. {superscripts(step)}", "", 9.5) for i, step in enumerate(q.solution, 1)]
    if q.rubric:
        lines.append((f"Rubric: {q.rubric}", "", 9.5))
    if q.misconceptions:
        lines.append(("Wrong answers and why:", "B", 9.5))
        lines += [
            (f"•  {superscripts(value)} — {why}", "", 9.5) for value, why in q.misconceptions
        ]
    top = d.get_y()
    d.set_fill_color(*KEY_FILL)
    for text, style, size in lines:
        pdf.font(size, style, RED if style == "B" and text.startswith("Answer") else INK)
        d.set_x(MARGIN + 3)
        d.multi_cell(
            pdf.width - 3,
            size * 0.5,
            text,
            fill=True,
            new_x="LMARGIN",
            new_y="NEXT",
            padding=Padding(0.6, 2, 0.6, 2),
        )
    d.set_fill_color(*RED)
    d.rect(MARGIN, top, 1.3, d.get_y() - top, style="F")
