"""PDF, drawn in code with fpdf2 (pure Python) in DejaVu Sans, the font matplotlib ships.

No system library or browser is needed, so it prints the same on any machine pip reaches.
`fonts` loads and cuts the house fonts, `lines` remembers line breaks, `blocks` lays out a
page's blocks (rehearsing those kept on one page), `writer` draws each document.
"""

from edugen.exporters.pages.pdf.fonts import CJK_FONT, FONT, cjk_font_file, font_files
from edugen.exporters.pages.pdf.writer import PdfFormat

__all__ = ["CJK_FONT", "FONT", "PdfFormat", "cjk_font_file", "font_files"]
