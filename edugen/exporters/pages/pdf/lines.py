"""Each text's line breaks, found by fpdf2 once per process and replayed from then on.

fpdf2 finds a text's lines character by character in Python, and the same text is
rehearsed, drawn, and repeated in both copies and the packet. Importing this module puts the
remembered breaking in place for every `multi_cell` (only texts in the house fonts).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from typing import Any

import fpdf.fpdf
from fpdf.line_break import Fragment, MultiLineBreak, TextLine

from edugen.exporters.pages.pdf.fonts import HouseFont
from edugen.exporters.pages.pool import SharedCache

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
