"""WordprocessingML written as text: runs, paragraphs, tables and cells as python-docx
would write them, element for element, and the colours and sizes the DOCX pages use."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from functools import cache

from docx import Document as new_document
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Length, Mm, Pt

from edugen.exporters.pages.figures import power_parts

MUTED = "555555"
BLUE = "2B5D9C"
RED = "A4262C"
LINK = "1D4F91"
HEAD_FILL = "E8EEF6"
KEY_FILL = "FBF1F1"
PAGE_WIDTH, MARGIN = Mm(215.9), Mm(16)  # US Letter, 16 mm each side
# What python-docx gives a table of one column: the width between the margins.
BLOCK_TWIPS = Length(PAGE_WIDTH - 2 * MARGIN).twips
TABLE_LOOK = (
    '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
    'w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
)


@cache
def style_id(name: str, kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH) -> str | None:
    """A built-in style's id (None for the default style); every document here starts from
    the same template, so each is looked up once per process."""
    found: str | None = new_document().part.get_style_id(name, kind)
    return found


def x(text: str) -> str:
    return html.escape(text, quote=True)


def hps(points: float) -> int:
    """A font size in half points, as python-docx writes `w:sz`."""
    return int(Length(Pt(points)).pt * 2)


def twips(length: int) -> int:
    return Length(length).twips


def rpr(
    *,
    bold: bool = False,
    italic: bool = False,
    color: str | None = None,
    size: float | None = None,
    underline: bool = False,
    superscript: bool | None = None,
) -> str:
    """Run properties in the schema's order; `superscript=False` writes an empty `w:rPr`
    (python-docx's `font.superscript = None` on a plain piece of a power text)."""
    inner = "<w:b/>" if bold else ""
    inner += "<w:i/>" if italic else ""
    inner += f'<w:color w:val="{color}"/>' if color else ""
    inner += f'<w:sz w:val="{hps(size)}"/>' if size is not None else ""
    inner += '<w:u w:val="single"/>' if underline else ""
    inner += '<w:vertAlign w:val="superscript"/>' if superscript else ""
    if inner or superscript is not None:
        return f"<w:rPr>{inner}</w:rPr>"
    return ""


BREAKS = re.compile(r"([\t\r\n])")


def run_text(text: str, *, preserve: bool = False) -> str:
    """A run's content as python-docx writes `run.text`: tabs and line breaks as elements,
    `xml:space="preserve"` where a piece starts or ends with a space."""
    out = []
    for piece in BREAKS.split(text):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            out.append("<w:br/>")
        elif piece:
            keep = preserve or len(piece.strip()) < len(piece)
            space = ' xml:space="preserve"' if keep else ""
            out.append(f"<w:t{space}>{x(piece)}</w:t>")
    return "".join(out)


def r(text: str, props: str = "") -> str:
    """A run: its properties (`rpr`) and its text."""
    return f"<w:r>{props}{run_text(text)}</w:r>"


def ppr(
    *,
    style: str | None = None,
    keep: bool = False,
    before: float | None = None,
    after: float | None = None,
    indent: float | None = None,
    right: bool = False,
    tail: str = "",
) -> str:
    """Paragraph properties in the schema's order (`tail` is appended as it stands)."""
    inner = ""
    found = style_id(style) if style else None
    inner += f'<w:pStyle w:val="{found}"/>' if found else ""
    inner += "<w:keepNext/>" if keep else ""
    spacing = f' w:before="{twips(Pt(before))}"' if before is not None else ""
    spacing += f' w:after="{twips(Pt(after))}"' if after is not None else ""
    inner += f"<w:spacing{spacing}/>" if spacing else ""
    inner += f'<w:ind w:left="{twips(Mm(indent))}"/>' if indent is not None else ""
    inner += '<w:jc w:val="right"/>' if right else ""
    inner += tail
    return f"<w:pPr>{inner}</w:pPr>" if inner else ""


def p(content: str = "", ppr: str = "") -> str:
    return f"<w:p>{ppr}{content}</w:p>"


def muted(text: str, *, size: float | None = None, italic: bool = False) -> str:
    return r(text, rpr(italic=italic, color=MUTED, size=size))


def label(text: str, color: str) -> str:
    return r(text, rpr(bold=True, color=color, size=9))


def bold(text: str) -> str:
    return r(text, rpr(bold=True))


def math(text: str, *, bold: bool = False, color: str | None = None) -> str:
    """The text as runs, each whole-number power (`x^3`) a superscript run."""
    return "".join(
        r(piece, rpr(bold=bold, color=color, superscript=power))
        for piece, power in power_parts(text)
    )


def tbl(rows: str, widths: Sequence[int], *, style: bool, fixed: bool) -> str:
    """A table as `doc.add_table` makes it, with the style, left alignment and fixed layout
    where asked; `widths` in twips."""
    props = f'<w:tblStyle w:val="{style_id("Table Grid", WD_STYLE_TYPE.TABLE)}"/>' if style else ""
    props += '<w:tblW w:type="auto" w:w="0"/>'
    props += '<w:jc w:val="left"/><w:tblLayout w:type="fixed"/>' if fixed else ""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    head = f"<w:tblPr>{props}{TABLE_LOOK}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
    return f"<w:tbl>{head}{rows}</w:tbl>"


def tc(paragraphs: str, width: int, fill: str | None = None) -> str:
    shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    return f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/>{shade}</w:tcPr>{paragraphs}</w:tc>'
