"""One SVG canvas for every figure: elements built with lxml (so text is escaped), fixed
number formatting (so the same numbers always give the same bytes), one house style."""

from __future__ import annotations

import re
from collections.abc import Sequence
from fractions import Fraction

from lxml import etree

from edugen.schemas import Figure, FigureKindName

SVG_NS = "http://www.w3.org/2000/svg"
Number = Fraction | int | float
FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"
INK = "#000000"
GRID = "#c8c8c8"
FILL = "#d9e6f2"
# A real minus sign: screen readers say "minus", and a hyphen looks short in print.
MINUS = "\u2212"


def num(x: Number) -> str:
    """A coordinate as SVG text: at most two decimals, no trailing zeros, never "-0"."""
    text = f"{float(x):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


# A hyphen-minus that is a number's sign, not a subtraction ("5 - 3" keeps its hyphen).
_SIGN = re.compile(r"(?<![\w).])-(?=[\d.])")


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:/\d+)?")


def numeric(texts: Sequence[str]) -> list[str]:
    """The texts that are a number as a question writes one ("12", "-4", "3/4", "2.5")."""
    return [t for t in texts if _NUMBER.fullmatch(t)]


def label(text: str) -> str:
    """Text as printed on a figure or read aloud: a number's sign becomes the minus sign."""
    return _SIGN.sub(MINUS, text)


class Canvas:
    """An SVG document being drawn; `figure()` finishes it as a Figure value."""

    def __init__(self, width: int, height: int, title: str) -> None:
        self.width, self.height = width, height
        self.root = etree.Element(
            f"{{{SVG_NS}}}svg",
            nsmap={None: SVG_NS},
            width=str(width),
            height=str(height),
            viewBox=f"0 0 {width} {height}",
            role="img",
            attrib={"font-family": FONT, "font-size": "13"},
        )
        etree.SubElement(self.root, f"{{{SVG_NS}}}title").text = title
        white = {"fill": "#ffffff"}
        self.add("rect", x=0, y=0, width=width, height=height, **white)

    def add(self, tag: str, text: str | None = None, /, **attrs: Number | str) -> etree._Element:
        """An element; attribute names use `_` for `-` (stroke_width → stroke-width)."""
        el = etree.SubElement(self.root, f"{{{SVG_NS}}}{tag}")
        for key, value in attrs.items():
            el.set(key.replace("_", "-"), value if isinstance(value, str) else num(value))
        if text is not None:
            el.text = text
        return el

    def line(self, x1: Number, y1: Number, x2: Number, y2: Number, **style: Number | str) -> None:
        self.add(
            "line", x1=x1, y1=y1, x2=x2, y2=y2, **{"stroke": INK, "stroke_width": 1.5, **style}
        )

    def text(
        self, x: Number, y: Number, words: str, anchor: str = "middle", **style: Number | str
    ) -> None:
        self.add("text", label(words), x=x, y=y, text_anchor=anchor, fill=INK, **style)

    def polygon(self, points: Sequence[tuple[Number, Number]], **style: Number | str) -> None:
        self.add(
            "polygon",
            points=" ".join(f"{num(x)},{num(y)}" for x, y in points),
            **{"fill": FILL, "stroke": INK, "stroke_width": 1.5, **style},
        )

    def polyline(self, points: Sequence[tuple[Number, Number]], **style: Number | str) -> None:
        self.add(
            "polyline",
            points=" ".join(f"{num(x)},{num(y)}" for x, y in points),
            **{"fill": "none", "stroke": INK, "stroke_width": 1.5, **style},
        )

    def dot(self, x: Number, y: Number, r: Number = 4.5, **style: Number | str) -> None:
        self.add("circle", cx=x, cy=y, r=r, **{"fill": INK, **style})

    def arrowhead(self, x: Number, y: Number, direction: int) -> None:
        """A filled arrowhead at (x, y) pointing right (1) or left (-1)."""
        x, y = float(x), float(y)
        self.polygon([(x, y), (x - 9 * direction, y - 5), (x - 9 * direction, y + 5)], fill=INK)

    def figure(self, kind: FigureKindName, alt: str, numbers: Sequence[str]) -> Figure:
        svg = etree.tostring(self.root, encoding="unicode")
        return Figure(
            kind=kind,
            svg=svg,
            alt=label(alt),
            numbers=list(numbers),
            width=self.width,
            height=self.height,
        )


def ticks(low: Number, high: Number, most: int = 12) -> list[Fraction]:
    """Evenly spaced tick values from low to high (1, 2, 5 × a power of ten apart)."""
    lo, hi = Fraction(low), Fraction(high)
    span = hi - lo
    if span <= 0:
        return [lo]
    step = Fraction(1, 1000)
    while span / step > most:
        for factor in (2, Fraction(5, 2), 2):
            step *= factor
            if span / step <= most:
                break
    start = (lo / step).__ceil__() * step
    out = []
    t = start
    while t <= hi:
        out.append(t)
        t += step
    return out


def plain(x: Number) -> str:
    """A tick's label: a whole number, a fraction a/b, or a short decimal."""
    if isinstance(x, float):
        return num(x)
    f = Fraction(x)
    return str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"
