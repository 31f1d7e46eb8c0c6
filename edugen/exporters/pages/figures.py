"""An item's figure and powers in each document format, all from the same plain item.

HTML inlines the figure's SVG (re-serialised by lxml, with role="img" and the alt text as
its label; the only markup a template may mark safe) and writes `x^3` as `x<sup>3</sup>`
(`notation.math_html`). PDF draws the SVG with fpdf2 and prints digit powers as Unicode
superscripts (x³). DOCX gets a ~300 dpi PNG (the SVG drawn into a one-page PDF, rendered
by pypdfium2) and powers as superscript runs.
"""

from __future__ import annotations

import html
import io
import logging
import re
from functools import lru_cache

from lxml import etree
from markupsafe import Markup

from edugen.content.figures import as_text
from edugen.content.notation import math_html
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


def figure_png(figure: Figure) -> bytes:
    """The figure as a PNG at about 300 dpi of its printed size."""
    return _png(figure.svg, figure.width, figure.height)


def fpdf_svg(svg: str, family: str) -> io.BytesIO:
    """The SVG for fpdf2, its text in `family` (a font the PDF registered: fpdf2 maps an
    unregistered "DejaVu Sans" to Helvetica, which lacks "−")."""
    svg = re.sub(r'font-family="[^"]*"', f'font-family="{family}"', svg)
    return io.BytesIO(svg.encode("utf-8"))


@lru_cache(maxsize=256)
def _png(svg: str, width: int, height: int) -> bytes:
    import pypdfium2
    from fpdf import FPDF

    from edugen.exporters.pages.pdf.fonts import FONT, add_fonts, trim_fonts

    w, h = width * 25.4 / 96, height * 25.4 / 96
    page = FPDF(unit="mm", format=(w, h))
    # The house fonts, parsed once per process and cut from the common subset: parsing
    # DejaVu afresh for each figure cost most of a DOCX export.
    add_fonts(page)
    page.set_margin(0)
    page.set_auto_page_break(False)
    page.add_page()
    page.image(fpdf_svg(svg, FONT), x=0, y=0, w=w, h=h)
    trim_fonts(page)
    pdf = pypdfium2.PdfDocument(bytes(page.output()))
    try:
        bitmap = pdf[0].render(scale=DPI / 72, fill_color=(255, 255, 255, 255))
        out = io.BytesIO()
        try:
            bitmap.to_pil().save(out, format="PNG")
        finally:
            bitmap.close()
        return out.getvalue()
    finally:
        pdf.close()
