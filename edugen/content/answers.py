"""A typed answer is right when it names the key's value: 5/6, 0.83 or 0.833 (a key with no
exact decimal rounded to two or more places, or within the item's tolerance), 1 1/2, 1½,
and 40% where the quantity asked for is a percent; anything else is wrong.

An ordered pair is right when each coordinate is, in order: "(3,-2)", "3, -2", "(0.5, 3)"
for (1/2, 3). An expression or equation is read by edugen/answer_text.py's small grammar
(nothing typed is executed) and compared with sympy: an equation is right when it is the
key's up to a nonzero factor and the sides' order ("2x - y + 3 = 0" for y = 2x + 3); an
expression when it has the key's value and is written in the key's form (expanded with like
terms combined, or the same factors), so "3(x + 2)" does not answer "expand 3(x + 2)".
`accepts` takes any kind's typed answer.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from edugen import answer_text
from edugen.answer_text import Equation, Node

if TYPE_CHECKING:
    from edugen.content.cores import Kind

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
    response: str,
    key: str,
    *,
    kind: Kind = "numeric",
    tolerance: float | None = None,
    percent: bool = False,
) -> bool:
    """Whether `response` answers an item of `kind` whose canonical key is `key` (a typed
    kind: numeric, ordered pair or expression; a choice is right when it is the key)."""
    if kind == "ordered_pair":
        return accepts_pair(response, key)
    if kind == "expression":
        return accepts_expression(response, key)
    if kind in ("multiple_choice", "short_answer"):
        return " ".join(response.split()) == " ".join(key.split())
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


# --- ordered pairs ----------------------------------------------------------------------


def parse_pair(text: str) -> tuple[Fraction, Fraction] | None:
    """The point a student typed: "(3, -2)", "3,-2", "( 1/2 , 3 )"; None if it is not one."""
    parts = answer_text.pair_parts(text)
    if parts is None:
        return None
    x, y = (parse_number(p) for p in parts)
    return None if x is None or y is None else (x, y)


def accepts_pair(response: str, key: str) -> bool:
    """Whether `response` names the point `key`, each coordinate as `accepts` takes a
    number (0.5 for 1/2; 0.33 for 1/3); the coordinates in the other order are wrong."""
    want, got = answer_text.pair_parts(key), answer_text.pair_parts(response)
    if want is None or got is None:
        return False
    return all(accepts(g, w) for g, w in zip(got, want, strict=True))


# --- expressions and equations ----------------------------------------------------------


def read_expression(text: str, variables: frozenset[str] | None = None) -> Any:
    """`text` as sympy (an expression, or a pair of sides for an equation), or None when it
    does not read, uses a letter outside `variables`, or divides by zero."""
    tree = answer_text.parse(text, variables=variables)
    return None if tree is None else _sympy_tree(tree)


def _sympy_tree(tree: Node | Equation) -> Any:
    import sympy  # loaded when an expression is checked, not when edugen starts

    sides = [tree.left, tree.right] if isinstance(tree, Equation) else [tree]
    built = [_sympy(side) for side in sides]
    if any(b.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) for b in built):
        return None
    return tuple(built) if isinstance(tree, Equation) else built[0]


def _sympy(node: Node) -> Any:
    import sympy

    if isinstance(node, answer_text.Num):
        return sympy.Rational(node.value.numerator, node.value.denominator)
    if isinstance(node, answer_text.Var):
        return sympy.Symbol(node.name)
    if isinstance(node, answer_text.Neg):
        return -_sympy(node.arg)
    if isinstance(node, answer_text.Group):
        return _sympy(node.inner)
    if isinstance(node, answer_text.Pow):
        return sympy.Pow(_sympy(node.base), node.exp)
    a, b = _sympy(node.left), _sympy(node.right)
    if node.op == "+":
        return a + b
    if node.op == "-":
        return a - b
    if node.op == "*":
        return a * b
    return a / b


def same_value(a: Any, b: Any) -> bool:
    """Two sympy expressions equal after simplifying (as rational functions)."""
    import sympy

    return bool(sympy.cancel(a - b) == 0)


def same_equation(a: tuple[Any, Any], b: tuple[Any, Any]) -> bool:
    """Two equations that say the same: one's left minus right is a nonzero constant times
    the other's ("y = 2x + 3", "2x + 3 = y", "4x - 2y + 6 = 0")."""
    import sympy

    f, g = sympy.cancel(a[0] - a[1]), sympy.cancel(b[0] - b[1])
    if g == 0 or f == 0:
        return bool(f == 0 and g == 0)
    ratio = sympy.cancel(f / g)
    return not ratio.free_symbols and ratio != 0 and bool(ratio.is_finite)


def accepts_expression(response: str, key: str) -> bool:
    """Whether `response` answers an expression or equation key: see the module's rule.
    Only the key's letters may appear; text that does not read is wrong, never an error."""
    variables = answer_text.letters(key)
    want_tree = answer_text.parse(key)
    got_tree = answer_text.parse(response, variables=variables)
    if want_tree is None or got_tree is None:
        return False
    want, got = _sympy_tree(want_tree), _sympy_tree(got_tree)
    if want is None or got is None or isinstance(want, tuple) != isinstance(got, tuple):
        return False
    if isinstance(want, tuple):
        return same_equation(got, want)
    if not same_value(got, want):
        return False
    return in_form(got_tree, want_tree)


def in_form(tree: Node | Equation, key: Node | Equation) -> bool:
    """Whether an expression is written in the key's form: an expanded key (like terms
    combined) takes an expanded answer; a factored key the same factors in any order; any
    other key any form."""
    if answer_text.is_expanded(key):
        return answer_text.is_expanded(tree)
    if answer_text.is_factored(key):
        return answer_text.canonical(tree) == answer_text.canonical(key)
    return True


def key_form(key: str) -> str:
    """How an expression key is written: "equation", "expanded", "factored", or "other";
    "" when it does not read."""
    tree = answer_text.parse(key)
    if tree is None:
        return ""
    if isinstance(tree, Equation):
        return "equation"
    if answer_text.is_expanded(tree):
        return "expanded"
    return "factored" if answer_text.is_factored(tree) else "other"
