"""Helpers every family shares: seeded randomness, exact formatting, sympy re-reading."""

from __future__ import annotations

import functools
import random
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal, TypeVar

import sympy
from sympy.parsing.sympy_parser import (
    implicit_multiplication_application,
    parse_expr,
    rationalize,
    standard_transformations,
)

Style = Literal["fraction", "decimal"]
STYLES: tuple[Style, ...] = ("fraction", "decimal")
T = TypeVar("T")

# A number as a question writes it: "12", "-4", "2.75", "3/4". A minus sign is part of
# the number only when it is glued to the digits ("5 - 3" is a subtraction).
NUMBER = re.compile(r"(?<![\w.)])-?\d+(?:\.\d+)?(?:/\d+)?")
_FRACTION = re.compile(r"(?<![\w.)])-?\d+/\d+")
_ABS = re.compile(r"\|([^|]+)\|")
_OPS = str.maketrans({"×": "*", "÷": "/", "^": "**", "≥": ">=", "≤": "<=", "−": "-"})
_TRANSFORMS = (*standard_transformations, implicit_multiplication_application, rationalize)
X, Y = sympy.symbols("x y")


def rng_for(*parts: object) -> random.Random:
    """A generator seeded from the parts, identical on every run and platform."""
    return random.Random("|".join(map(str, parts)))


def shuffled(items: Sequence[T], rng: random.Random) -> list[T]:
    out = list(items)
    rng.shuffle(out)
    return out


def decimal_places(x: Fraction) -> int:
    """Places a terminating decimal needs; ValueError if it does not terminate."""
    d, counts = x.denominator, {2: 0, 5: 0}
    for p in counts:
        while d % p == 0:
            d //= p
            counts[p] += 1
    if d != 1:
        raise ValueError(f"{x} is not a terminating decimal")
    return max(counts.values())


def fmt(x: Fraction | int, style: Style = "fraction") -> str:
    """Canonical text: an integer, a reduced improper fraction, or a decimal without trailing "
    "zeros."""
    x = Fraction(x)
    if x.denominator == 1:
        return str(x.numerator)
    if style == "fraction":
        return f"{x.numerator}/{x.denominator}"
    return f"{Decimal(x.numerator) / Decimal(x.denominator):.{decimal_places(x)}f}"


def dec(rng: random.Random, places: int, low: int, high: int) -> Fraction:
    """A random decimal between low and high with exactly `places` places."""
    scale = 10**places
    while True:
        n = rng.randint(low * scale + 1, high * scale)
        if places == 0 or n % 10:
            return Fraction(n, scale)


def proper(rng: random.Random, low: int, high: int) -> Fraction:
    """A proper fraction whose reduced denominator lies in [low, high] (low at least 2)."""
    while True:
        d = rng.randint(low, high)
        f = Fraction(rng.randint(1, d - 1), d)
        if f.denominator >= low:
            return f


def signed(n: Fraction | int, style: Style = "fraction") -> str:
    """A term after a plus or minus sign: "+ 3" or "- 3"."""
    return f"- {fmt(-n, style)}" if n < 0 else f"+ {fmt(n, style)}"


def linear(coef: Fraction | int, const: Fraction | int, var: str = "x") -> str:
    """`coef·var + const` as a student writes it: "3x + 12", "x - 4", "5x"."""
    head = var if coef == 1 else f"{fmt(coef)}{var}"
    return head if const == 0 else f"{head} {signed(const)}"


def listing(values: Iterable[str]) -> str:
    return ", ".join(values)


def numbers_in(text: str) -> list[str]:
    return NUMBER.findall(text)


def rationals(texts: Sequence[str]) -> list[Any]:
    return [sympy.Rational(t) for t in texts]


def to_sympy(text: str) -> Any:
    """Read an answer, option or expression as sympy: numbers, expressions with x and y,
    |absolute values|, equations, inequalities, points "(3, -5)", lists, ratios "2:3"."""
    t = text.strip().translate(_OPS)
    if NUMBER.fullmatch(t):
        return sympy.Rational(t)
    if ":" in t:
        return sympy.Tuple(*(to_sympy(p) for p in t.split(":")))
    if "," in t:
        return sympy.Tuple(*(to_sympy(p) for p in t.strip("()").split(",")))
    t = _FRACTION.sub(r"(\g<0>)", _ABS.sub(r"Abs(\1)", t))
    if "=" in t and not re.search(r"[<>]=", t):
        left, right = t.split("=")
        return sympy.Eq(_parse(left), _parse(right))
    return _parse(t)


@functools.lru_cache(maxsize=4096)
def _parse(text: str) -> Any:
    # sympy expressions are immutable, so one parse of a text serves every item that reads it
    return parse_expr(text, transformations=_TRANSFORMS, local_dict={"x": X, "y": Y})


def equivalent(a: Any, b: Any) -> bool:
    """Same value: numbers and expressions up to algebra, relations up to rearranging."""
    if isinstance(a, sympy.Tuple) or isinstance(b, sympy.Tuple):
        return (
            isinstance(a, sympy.Tuple)
            and isinstance(b, sympy.Tuple)
            and len(a) == len(b)
            and all(map(equivalent, a, b))
        )
    relational = isinstance(a, sympy.core.relational.Relational)
    if relational or isinstance(b, sympy.core.relational.Relational):
        return (
            relational
            and isinstance(b, sympy.core.relational.Relational)
            and a.canonical == b.canonical
        )
    return bool(sympy.expand(a - b) == 0)


def value_key(text: str) -> str:
    """Equal for two texts that show the same value (used to keep options distinct)."""

    def canon(v: Any) -> Any:
        if isinstance(v, sympy.Tuple):
            return sympy.Tuple(*map(canon, v))
        if isinstance(v, sympy.core.relational.Relational):
            return v.canonical
        return sympy.expand(v)

    return str(sympy.srepr(canon(to_sympy(text))))
