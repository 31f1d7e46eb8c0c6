"""An item's figure and powers in each document format, all from the same plain item.

HTML inlines the figure's SVG (re-serialised by lxml, with role="img" and the alt text as
its label; the only markup a template may mark safe) and writes `x^3` as `x<sup>3</sup>`
(`notation.math_html`). PDF draws the SVG with fpdf2 and prints digit powers as Unicode
superscripts (x³). DOCX gets a ~300 dpi PNG (the SVG drawn as a page of a PDF, rendered
by pypdfium2; a document's figures share one PDF) and powers as superscript runs.
"""

from __future__ import annotations

import html
import io
import logging
import re
import struct
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lxml import etree
from markupsafe import Markup

from edugen.content.figures import as_text
from edugen.content.notation import math_html
from edugen.exporters.pages.pool import SharedCache
from edugen.schemas import Figure

SVG_NS = "http://www.w3.org/2000/svg"
DPI = 300
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_SUP = re.compile(r"<sup>(\d+)</sup>")
# Anything that could run or fetch: never in an inlined figure, whatever the item holds.
_UNSAFE_TAGS = frozenset({"script", "foreignObject", "iframe", "image", "use"})


class _NoTitleWarning(logging.Filter):
    """fpdf2 warns for every <title> (the SVG's accessible name), which it need not draw."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "title" not in record.getMessage()


logging.getLogger("fpdf.svg").addFilter(_NoTitleWarning())


def power_parts(text: str) -> list[tuple[str, bool]]:
    """The text as (piece, is_power) pieces: `x^3 + 1` → [("x", False), ("3", True), …]."""
    pieces = _SUP.split(math_html(text))
    parts = [(html.unescape(p) if k % 2 == 0 else p, k % 2 == 1) for k, p in enumerate(pieces)]
    return [(p, sup) for p, sup in parts if p]


def superscripts(text: str) -> str:
    """The text with each whole-number power in Unicode superscript digits: `x^3` → `x³`."""
    return "".join(p.translate(_SUPERSCRIPT) if sup else p for p, sup in power_parts(text))


def math_markup(value: object) -> Markup:
    """The `math` filter: text escaped, powers as <sup>."""
    return Markup(math_html(str(value)))


def figure_markup(figure: object) -> Markup:
    """The `figure` filter: a Figure's SVG, cleaned and labelled; anything else is empty.

    Only a `Figure` (built by our own code) is marked safe, so a template cannot pass user
    text through this filter to get it unescaped.
    """
    if not isinstance(figure, Figure):
        return Markup("")
    return Markup(_clean_svg(figure.svg, figure.alt))


def figure_text(figure: object) -> str:
    """The `figure_text` filter: where no picture can go, the figure's words (`as_text`)."""
    return as_text(figure) if isinstance(figure, Figure) else ""


@lru_cache(maxsize=512)
def _clean_svg(svg: str, alt: str) -> str:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
    root = etree.fromstring(svg.encode("utf-8"), parser)
    if etree.QName(root).localname != "svg":
        raise ValueError("a figure's SVG must have <svg> at its root")
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if etree.QName(element).localname in _UNSAFE_TAGS and element is not root:
            element.getparent().remove(element)
            continue
        for name in list(element.attrib):
            local = etree.QName(name).localname.lower()
            if local.startswith("on") or (local == "href" and not element.get(name, "")[:1] == "#"):
                del element.attrib[name]
    root.set("role", "img")
    root.set("aria-label", alt)
    return etree.tostring(root, encoding="unicode")


def width_mm(figure: Figure, most: float) -> float:
    """The figure's printed width: its CSS size (96 px an inch), no wider than `most`."""
    return min(figure.width * 25.4 / 96, most)


# How big a question's figure prints (mm), so that two figured questions share a page: one
# about as tall as it is wide goes beside the options and the space to work, at most
# BESIDE_MM; a wide, low one (a number line, a dot plot) above them, at most ABOVE_MM.
BESIDE_MM = (85.0, 78.0)
ABOVE_MM = (130.0, 60.0)
GAP_MM = 6.0  # between a figure and what stands beside it
CAPTION_MM = 60.0  # the narrowest column a figure beside takes: its words wrap too often else


@dataclass(frozen=True)
class PrintSize:
    width: float  # mm
    height: float
    beside: bool  # beside the options and work space, else above them


def print_size(figure: Figure) -> PrintSize:
    """Where and how big a question's figure prints in PDF and DOCX (scaled down only)."""
    width, height = figure.width * 25.4 / 96, figure.height * 25.4 / 96
    beside = width < 2 * height
    most_width, most_height = BESIDE_MM if beside else ABOVE_MM
    scale = min(1.0, most_width / width, most_height / height)
    return PrintSize(width * scale, height * scale, beside)


def figure_png(figure: Figure) -> bytes:
    """The figure as a PNG at about 300 dpi of its printed size."""
    return figure_pngs([figure])[figure_key(figure)]


def figure_pngs(figures: Iterable[Figure]) -> dict[tuple[str, int, int], bytes]:
    """Each figure's PNG at DPI, by `figure_key`."""
    keys = [(*figure_key(figure), DPI) for figure in figures]
    return {key[:3]: png for key, png in svg_pngs(keys).items()}


SvgKey = tuple[str, int, int]  # an SVG and its width and height in CSS pixels
PngKey = tuple[str, int, int, int]  # and the resolution to draw it at


def svg_pngs(keys: Iterable[PngKey]) -> dict[PngKey, bytes]:
    """Each SVG's PNG at its resolution; those not drawn yet in this process are drawn
    together, as the pages of one PDF (its fonts cut once, not once a figure)."""
    found: dict[PngKey, bytes] = {}
    for key in keys:
        found[key] = _PNGS.get(key) or found.get(key, b"")
    missing = [key for key, png in found.items() if not png]
    if missing:
        for key, png in zip(missing, _draw_pngs(missing), strict=True):
            _PNGS.put(key, png)
            found[key] = png
    return found


def fpdf_svg(svg: str, family: str) -> io.BytesIO:
    """The SVG for fpdf2, its text in `family` (a font the PDF registered: fpdf2 maps an
    unregistered "DejaVu Sans" to Helvetica, which lacks "−")."""
    svg = re.sub(r'font-family="[^"]*"', f'font-family="{family}"', svg)
    return io.BytesIO(svg.encode("utf-8"))


def figure_key(figure: Figure) -> SvgKey:
    return figure.svg, figure.width, figure.height


# Figures drawn as PNG, by SVG, size and resolution: the same figure is in a student's copy,
# the answer key and the class week; the rendering pool's workers hand theirs back.
_PNGS: SharedCache[PngKey, bytes] = SharedCache(f"{__name__}:pngs", 512)


def _draw_pngs(figures: Sequence[PngKey]) -> list[bytes]:
    import pypdfium2
    from fpdf import FPDF

    from edugen.exporters.pages.pdf.fonts import add_fonts, trim_fonts
    from edugen.exporters.pages.pdf.vectors import draw_svg

    pages = FPDF(unit="mm")
    # The house fonts, parsed once per process and subset from a cut of them.
    add_fonts(pages)
    pages.set_margin(0)
    pages.set_auto_page_break(False)
    for svg, width, height, _ in figures:
        w, h = width * 25.4 / 96, height * 25.4 / 96
        pages.add_page(format=(w, h))
        draw_svg(pages, svg, x=0, w=w)  # drawn once per process, as in the PDFs
    trim_fonts(pages)
    pdf = pypdfium2.PdfDocument(bytes(pages.output()))
    try:
        return [_png(pdf[k], figure[3]) for k, figure in enumerate(figures)]
    finally:
        pdf.close()


def _png(page: Any, dpi: int) -> bytes:
    bitmap = page.render(scale=dpi / 72, fill_color=(255, 255, 255, 255), rev_byteorder=True)
    try:
        return rgb_png(bitmap.to_numpy())
    finally:
        bitmap.close()


def rgb_png(pixels: Any) -> bytes:
    """An RGB(A or X) pixel array (height × width × 3 or 4) as a PNG, alpha dropped.

    Each row filtered "up" (the difference from the row above) and deflated at level 3: a
    figure is mostly flat colour and straight lines, so this is about as small as Pillow's
    PNG (adaptive filters, level 6) in a third of the time.
    """
    import numpy

    rgb = numpy.ascontiguousarray(pixels[:, :, :3])
    height, width = rgb.shape[:2]
    rows = rgb.reshape(height, width * 3)
    raw = numpy.empty((height, width * 3 + 1), numpy.uint8)
    raw[:, 0] = 2  # the "up" filter
    raw[0, 1:] = rows[0]
    numpy.subtract(rows[1:], rows[:-1], out=raw[1:, 1:])  # wraps modulo 256, as PNG wants
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            _chunk(b"IHDR", header),
            _chunk(b"IDAT", zlib.compress(raw.tobytes(), 3)),
            _chunk(b"IEND", b""),
        )
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
