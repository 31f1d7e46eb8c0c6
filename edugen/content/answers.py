"""A typed answer is right when it names the key's value: 5/6, 0.83 or 0.833 (a key with no
exact decimal rounded to two or more places, or within the item's tolerance), 1 1/2, 1½,
and 40% where the quantity asked for is a percent; anything else is wrong."""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

# Rounding a non-terminating key (5/6) is accepted at this many decimal places or more.
MIN_PLACES = 2
_MIXED = re.compile(r"(-?)(\d+)\s+(\d+)\s*/\s*(\d+)")
_SIMPLE = re.compile(r"-?(?:\d+(?:\.\d*)?|\.\d+)(?:\s*/\s*\d+)?")
_VULGAR = re.compile(r"(-?)(\d*)\s*([\u00bc-\u00be\u2150-\u215e])")
_PERCENT_QUESTION = re.compile(r"\bwhat percent\b", re.IGNORECASE)


def is_percent(question: str) -> bool:
    """Whether a question asks for a percent, so "40%" and "40" both answer it with 40."""
    return _PERCENT_QUESTION.search(question) is not None


def parse_number(text: str, *, percent: bool = False) -> Fraction | None:
    """The value a student typed, or None when it is not a number: "5/6", "-0.83", ".5",
    "1 1/2", "1½", "3,000"; "40%" only when `percent` (the quantity is a percent)."""
    t = text.strip().replace("\u2212", "-").replace("\u2044", "/")
    if t.endswith("%"):
        if not percent:
            return None
        t = t[:-1].strip()
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", t):
        t = t.replace(",", "")
    if found := _MIXED.fullmatch(t):
        sign, whole, num, den = found.groups()
        if int(den) == 0 or int(num) >= int(den):
            return None
        value = int(whole) + Fraction(int(num), int(den))
        return -value if sign else value
    if found := _VULGAR.fullmatch(t):
        sign, whole, glyph = found.groups()
        value = int(whole or 0) + Fraction(unicodedata.numeric(glyph)).limit_denominator(10)
        return -value if sign else value
    if _SIMPLE.fullmatch(t):
        number, _, den = t.partition("/")
        if den and int(den) == 0:
            return None
        return Fraction(number.strip()) / (int(den) if den else 1)
    return None


def places(text: str) -> int:
    """Decimal places as typed ("0.830" has three); 0 for whole numbers and fractions."""
    digits = re.search(r"\.(\d+)", text)
    return len(digits.group(1)) if digits else 0


def rounded(value: Fraction, n: int) -> Fraction:
    """`value` rounded half up to n decimal places, exactly."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return Fraction(exact.quantize(Decimal(1).scaleb(-n), rounding=ROUND_HALF_UP))


def accepts(
    response: str, key: str, *, tolerance: float | None = None, percent: bool = False
) -> bool:
    """Whether `response` answers an item whose canonical numeric key is `key`."""
    want = parse_number(key)
    got = parse_number(response, percent=percent)
    if want is None or got is None:
        return False
    if got == want:
        return True
    if tolerance is not None and abs(got - want) <= Fraction(tolerance):
        return True
    # Rounding is an answer only where no exact decimal exists: 0.88 is not 7/8 = 0.875.
    n = places(response)
    return n >= MIN_PLACES and not terminates(want) and rounded(want, n) == got


def terminates(value: Fraction) -> bool:
    d = value.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1
