"""The house fonts: DejaVu parsed once per process, copied into each file, cut small to embed.

DejaVu Sans has ×, ÷, −, ½, ≥ and accented names, which the PDF core fonts lack. Text that
DejaVu cannot show (a Chinese, Japanese or Korean name) falls back to Noto Sans CJK (the
`noto-cjk-sans-jp-regular` wheel), else a CJK font found on the system. The fonts are parsed
once per process and copied into each document; each file's font subset is cut from a
once-made cut of DejaVu; a text's width is measured once.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, cast

from fpdf import FPDF
from fpdf.fonts import TTFFont

from edugen.exporters.pages.pool import SharedCache

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


@cache
def font_files() -> dict[str, Path]:
    """DejaVu Sans regular, bold, oblique and bold oblique, from matplotlib's data folder
    (found without importing matplotlib, which takes half a second)."""
    import importlib.util

    spec = importlib.util.find_spec("matplotlib")
    places = list(spec.submodule_search_locations or []) if spec is not None else []
    folder = Path(places[0] if places else ".") / "mpl-data" / "fonts" / "ttf"
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


def add_fonts(pdf: FPDF) -> None:
    """Give a new document its own copy of the parsed fonts.

    A copy shares the parsed tables and widths (read-only) but keeps its own subset of used
    glyphs, and opens the font file afresh, since writing a PDF subsets the font in place.
    """
    from fontTools import ttLib

    for parsed in _parsed_fonts():
        font = HouseFont.__new__(HouseFont)
        for name in TTFFont.__slots__:
            if hasattr(parsed, name):
                setattr(font, name, getattr(parsed, name))
        font.subset = copy.deepcopy(parsed.subset, {id(parsed): font, id(parsed.cw): parsed.cw})
        font.missing_glyphs = []
        font.ttfont = ttLib.TTFont(parsed.ttffile, recalcTimestamp=False, lazy=True)
        pdf.fonts[font.fontkey] = font


# What the documents write, in two cuts tried in turn: nearly every file needs only the
# first (Latin to Latin Extended-A, π, punctuation, super- and subscripts, fractions, arrows,
# maths operators, ✓), and a file's subset is cut faster from a smaller font; the second
# adds the rest of Latin, Greek, currency, letterlike forms, technical symbols, shapes and
# dingbats. DejaVu's 6,000-glyph fonts are cut down to each once per process (the second
# only when a file needs it); a glyph outside both keeps the whole font.
BASIC_RANGES = (
    (0x20, 0x17F), (0x3C0, 0x3C0), (0x2010, 0x203A), (0x2070, 0x209F),
    (0x2150, 0x215F), (0x2190, 0x2199), (0x2200, 0x22FF), (0x2713, 0x2717),
)  # fmt: skip
COMMON_RANGES = ((0x20, 0x24F), (0x370, 0x3FF), (0x2000, 0x23FF), (0x25A0, 0x27BF))
CUTS = (BASIC_RANGES, COMMON_RANGES)


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


_CUT_FONTS: SharedCache[tuple[str, int], tuple[bytes, frozenset[str]]] = SharedCache(
    f"{__name__}:cut fonts", 16
)


def _cut_font(path: str, cut: int) -> tuple[bytes, frozenset[str]]:
    """A style cut down to CUTS[cut] (glyph names kept), and the glyphs it holds."""
    known = _CUT_FONTS.get((path, cut))
    if known is None:
        known = _cut(path, CUTS[cut])
        _CUT_FONTS.put((path, cut), known)
    return known


def _cut(path: str, ranges: tuple[tuple[int, int], ...]) -> tuple[bytes, frozenset[str]]:
    from fontTools import subset, ttLib

    font = ttLib.TTFont(path, recalcTimestamp=False)
    cmap = font.getBestCmap()
    wanted = [c for low, high in ranges for c in range(low, high + 1) if c in cmap]
    subsetter = subset.Subsetter(_subset_options(glyph_names=True))
    subsetter.populate(unicodes=wanted)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue(), frozenset(font.getGlyphOrder())


def trim_fonts(pdf: FPDF) -> None:
    """Before writing: drop the styles never drawn (subsetting one for the file costs a
    tenth of a second) and let each house font be subset from a cut of it (`CUTS`)."""
    fonts = pdf.fonts
    for key in [k for k, f in fonts.items() if isinstance(f, TTFFont) and len(f.subset) <= 2]:
        del fonts[key]
    for font in fonts.values():
        if type(font) is HouseFont:
            subset_from_cut(font)


def subset_from_cut(font: TTFFont) -> None:
    """Let fpdf2 subset this file's font from the first cut that holds every glyph used.

    A cut keeps the original glyph order, names and tables, so the subset written holds
    the glyphs the whole font would give (pages render pixel for pixel the same), at a
    fraction of the cost; a glyph outside every cut (a rare script in a name) keeps the
    whole font.
    """
    from fontTools import ttLib

    used = set(font.subset.get_all_glyph_names())
    for cut in range(len(CUTS)):
        data, held = _cut_font(str(font.ttffile), cut)
        if used <= held:
            # The bounds in head and maxp stay the cut's (still true of the subset):
            # recomputing them would decode and re-encode every glyph kept.
            font.ttfont = ttLib.TTFont(
                io.BytesIO(data), recalcTimestamp=False, recalcBBoxes=False, lazy=True
            )
            return


# Text widths in font units, by font and text. fpdf2 measures a line as it grows, one
# character longer each time, so each width is the one before it plus a character.
_WIDTHS: dict[tuple[str, str], float] = {}
CACHED_WIDTHS = 200_000


class HouseFont(TTFFont):
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


@cache
def _dejavu_chars() -> frozenset[int]:
    return frozenset(_parsed_fonts()[0].cmap)


def needs_fallback(text: Iterable[str]) -> bool:
    shown = _dejavu_chars()
    return any(ord(c) not in shown for t in text for c in t if not c.isspace())
