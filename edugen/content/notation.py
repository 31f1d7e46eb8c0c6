"""Math in item text stays plain inside (`x^3`, `(2/3)^2`); documents show powers as HTML
superscripts and QTI as MathML, each from the same plain text, everything else escaped."""

from __future__ import annotations

import re
from html import escape

MATHML_NS = "http://www.w3.org/1998/Math/MathML"
# A base (a number, a letter, or a group in parentheses) raised to a whole-number power,
# or to a negative one written in parentheses so the minus stays with it: `10^(-3)`, or to
# an unknown a question asks for: `10^n`.
_POWER = re.compile(r"(\([^()]+\)|\d+(?:\.\d+)?|[A-Za-z])\^(?:\((-\d+)\)|(\d+|[a-z]\b))")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def math_html(text: str) -> str:
    """HTML for a plain text: `x^3` becomes `x<sup>3</sup>`; the rest is escaped."""
    out, last = [], 0
    for m in _POWER.finditer(text):
        # A group's own powers too: (3^4)^2.
        out += [escape(text[last : m.start()]), f"{math_html(m[1])}<sup>{_power(m)}</sup>"]
        last = m.end()
    return "".join([*out, escape(text[last:])])


def math_mathml(text: str) -> str:
    """XHTML for QTI: each power as inline MathML (`<msup>`), the rest escaped."""
    out, last = [], 0
    for m in _POWER.finditer(text):
        out += [escape(text[last : m.start()]), _msup(m[1], _power(m))]
        last = m.end()
    return "".join([*out, escape(text[last:])])


def _power(m: re.Match[str]) -> str:
    """The exponent, a negative one with the minus sign (−) a reader expects."""
    return (m[2] or m[3]).replace("-", "\u2212")


def _token(text: str) -> str:
    if _NUMBER.fullmatch(text):
        return f"<mn>{text}</mn>"
    if re.fullmatch(r"[A-Za-z]", text):
        return f"<mi>{text}</mi>"
    return f"<mrow><mo>(</mo>{_expression(text[1:-1])}<mo>)</mo></mrow>"


def _expression(text: str) -> str:
    """MathML for the inside of a group: numbers, letters, operators and its own powers."""
    out, last = [], 0
    for m in _POWER.finditer(text):
        out += [_flat(text[last : m.start()]), _msup_inner(m[1], _power(m))]
        last = m.end()
    return "".join([*out, _flat(text[last:])])


def _flat(text: str) -> str:
    return re.sub(
        r"\d+(?:\.\d+)?|[A-Za-z]|[^\s\w]",
        lambda m: _token(m[0]) if re.match(r"[\w.]", m[0]) else f"<mo>{escape(m[0])}</mo>",
        text,
    ).replace(" ", "")


def _msup_inner(base: str, power: str) -> str:
    exponent = (
        f"<mrow><mo>&#x2212;</mo><mn>{power[1:]}</mn></mrow>"
        if power.startswith("\u2212")
        else _token(power)
    )
    return f"<msup>{_token(base)}{exponent}</msup>"


def _msup(base: str, power: str) -> str:
    return f'<math xmlns="{MATHML_NS}">{_msup_inner(base, power)}</math>'
