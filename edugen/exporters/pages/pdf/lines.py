"""Each text's line breaks, found once per process and replayed from then on.

fpdf2 finds a text's lines character by character in Python, and the same text is
rehearsed, drawn, and repeated in both copies and the class week. Importing this module puts the
remembered breaking in place for every `multi_cell` (only texts in the house fonts). A plain
text (one font, ordinary spaces and newlines) is broken here word by word with fpdf2's own
widths and rules, giving the same lines at a fraction of the cost; any other text is broken
by fpdf2.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from typing import Any

import fpdf.fpdf
from fpdf.enums import Align, WrapMode
from fpdf.line_break import (
    BREAKING_SPACE_SYMBOLS,
    FORM_FEED,
    NBSP,
    NEWLINE,
    SOFT_HYPHEN,
    SPACE,
    Fragment,
    MultiLineBreak,
    TextLine,
)
from fpdf.util import FloatTolerance

from edugen.exporters.pages.pdf.fonts import HouseFont
from edugen.exporters.pages.pool import SharedCache

# Lines already broken, by the text and everything that decides where it breaks. fpdf2
# breaks a line character by character in Python; the same text comes back often (a block
# rehearsed then drawn, a table cell measured then drawn, a question in both copies and the
# class week), so each is broken once per process.
# A class's documents break about 3,000 texts, about 1 kB each remembered.
CACHED_LINE_BREAKS = 20_000
_LINE_BREAKS: SharedCache[tuple[object, ...], tuple[_LineRecipe, ...]] = SharedCache(
    f"{__name__}:line breaks", CACHED_LINE_BREAKS
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
        if type(f) is not Fragment or type(f.font) is not HouseFont or state.text_shaping:
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

    Only texts drawn in `HouseFont` (DejaVu as `fonts` loads it) are remembered; any other
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
            if known is None:
                known = _plain_lines(fragments, max_width, margins, options)
                if known is not None:
                    _LINE_BREAKS.put(self._key, known)
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


# Characters the plain breaking leaves to fpdf2: other breaking spaces, the no-break space,
# soft hyphens and form feeds, each with a rule of its own there.
_NOT_PLAIN = frozenset(BREAKING_SPACE_SYMBOLS) - {SPACE} | {NBSP, SOFT_HYPHEN, FORM_FEED}


def _plain_lines(
    fragments: Sequence[Fragment],
    max_width: Any,
    margins: Sequence[float],
    options: dict[str, Any],
) -> tuple[_LineRecipe, ...] | None:
    """A plain text's lines as fpdf2's MultiLineBreak finds them, found word by word.

    Plain: one fragment in a house font, no character spacing or stretching, word wrapping,
    only ordinary spaces and newlines. The widths are fpdf2's own sums in its order (a
    line's width is its characters' font units added left to right, times the size, times
    0.001, over k), and every rule of fpdf2 for such a text is kept: a line ends at a
    newline (aligned left when justified), at a space that overflows (dropped), or at the
    last space before an overflowing character; a single word wider than the line, a line
    starting with a space that has to break, and anything else returns None for fpdf2.
    """
    if len(fragments) != 1 or set(options) - {"align", "print_sh", "wrapmode"}:
        return None
    fragment = fragments[0]
    if options.get("wrapmode", WrapMode.WORD) != WrapMode.WORD:
        return None
    if fragment.char_spacing != 0 or fragment.font_stretching != 100:
        return None
    chars = fragment.characters
    if not chars or not _NOT_PLAIN.isdisjoint(chars):
        return None
    font: Any = fragment.font  # a house TTF font (checked by the caller), not a core font
    size, k, height, link = fragment.font_size_pt, fragment.k, fragment.font_size, fragment.link
    align = options.get("align", Align.L)
    last_align = Align.L if align == Align.J else align
    room = max_width
    for margin in margins:
        room -= float(margin)
    font.biggest_size_pt = max(font.biggest_size_pt, size)
    widths = font.cw

    def line(start: int, end: int, units: float, spaces: int, how: Align, nl: bool) -> _LineRecipe:
        text = "".join(chars[start:end])
        return _LineRecipe(
            ((0, text, link),) if text else (),
            units * size * 0.001 / k if text else 0,
            spaces,
            how,
            height,
            max_width - 0,
            nl,
            False,
            0,
        )

    lines: list[_LineRecipe] = []
    i, n = 0, len(chars)
    while i < n:
        start, spaces = i, 0
        units = 0.0
        space: tuple[int, float, int] | None = None  # the last space: where, units, spaces
        ended = False
        while i < n:
            c = chars[i]
            if c == NEWLINE:
                lines.append(line(start, i, units, spaces, last_align, True))
                i += 1
                ended = True
                break
            unit = widths[ord(c)]
            width = units * size * 0.001 / k if i > start else 0
            if (width + unit * size * 0.001 / k) - room > FloatTolerance.TOLERANCE:
                if i == start:
                    return None  # not even one character fits: fpdf2's own error or break
                if c == SPACE:
                    lines.append(line(start, i, units, spaces, align, False))
                    i += 1
                elif space is not None and space[0] > start:
                    at, before, count = space
                    lines.append(line(start, at, before, count, align, False))
                    i = at + 1
                else:
                    return None
                ended = True
                break
            if c == SPACE:
                space = (i, units, spaces)
                spaces += 1
            units += unit
            i += 1
        if not ended:
            if not units * size * 0.001 / k:
                return None
            lines.append(line(start, i, units, spaces, last_align, False))
    return tuple(lines)


# multi_cell looks the class up in fpdf.fpdf: the remembered breaking is used from here on.
fpdf.fpdf.MultiLineBreak = _RememberedLineBreak  # type: ignore[assignment,misc]
