"""Math in item text stays plain inside (`x^3`, `(2/3)^2`); documents show powers as HTML
superscripts and QTI as MathML, each from the same plain text, everything else escaped."""

from __future__ import annotations

import re
from html import escape

MATHML_NS = "http://www.w3.org/1998/Math/MathML"
# A base (a number, a letter, or a group in parentheses) raised to a whole-number power.
_POWER = re.compile(r"(\([^()]+\)|\d+(?:\.\d+)?|[A-Za-z])\^(\d+)")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def math_html(text: str) -> str:
    """HTML for a plain text: `x^3` becomes `x<sup>3</sup>`; the rest is escaped."""
    out, last = [], 0
    for m in _POWER.finditer(text):
        out += [escape(text[last : m.start()]), f"{escape(m[1])}<sup>{m[2]}</sup>"]
        last = m.end()
    return "".join([*out, escape(text[last:])])


def math_mathml(text: str) -> str:
    """XHTML for QTI: each power as inline MathML (`<msup>`), the rest escaped."""
    out, last = [], 0
    for m in _POWER.finditer(text):
        out += [escape(text[last : m.start()]), _msup(m[1], m[2])]
        last = m.end()
    return "".join([*out, escape(text[last:])])


def _token(text: str) -> str:
    if _NUMBER.fullmatch(text):
        return f"<mn>{text}</mn>"
    if re.fullmatch(r"[A-Za-z]", text):
        return f"<mi>{text}</mi>"
    inner = re.sub(
        r"\d+(?:\.\d+)?|[A-Za-z]|[^\s\w]",
        lambda m: _token(m[0]) if re.match(r"[\w.]", m[0]) else f"<mo>{escape(m[0])}</mo>",
        text.strip("()"),
    ).replace(" ", "")
    return f"<mrow><mo>(</mo>{inner}<mo>)</mo></mrow>"


def _msup(base: str, power: str) -> str:
    return f'<math xmlns="{MATHML_NS}"><msup>{_token(base)}<mn>{power}</mn></msup></math>'
