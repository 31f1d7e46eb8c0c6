"""How typed answer text reads, for every stage that checks or scores it: an ordered pair
"(3, -2)" split into its two coordinates, and an expression or equation ("3x + 6",
"y = 2x + 3") parsed by a small grammar into a plain tree.

Nothing typed is ever executed. Text is tokenized against a whitelist (digits, a decimal
point, single letters, + - * / ^ ( ) = and spaces; 3x and 2(x + 1) multiply) and bounded
before anything is computed: at most MAX_LENGTH characters, exponents whole numbers up to
MAX_POWER, a degree up to MAX_DEGREE, at most MAX_TERMS terms once multiplied out (from the
degree and the number of letters) and a size (digits, multiplied through powers) up to
MAX_SIZE, so "x^99999999", "9^9^9", "((9^12)^12)^12" and "(a+b+c+d+e+f)^12" are refused at
once. Pure Python:
content/answers.py turns a tree into sympy to compare values; the bank importer, below
content, only needs to know that a key reads.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass
from fractions import Fraction
from itertools import permutations
from math import comb

MAX_LENGTH = 100
MAX_POWER = 12
MAX_DEGREE = 12
MAX_SIZE = 200
MAX_TERMS = 500
# Sums of at most this many terms are also listed with their terms in every order.
MAX_REORDERED = 3

_SPELLINGS = str.maketrans(
    {"−": "-", "–": "-", "×": "*", "·": "*", "⋅": "*", "÷": "/", "²": "^2", "³": "^3"}
)
_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d*)?|\.\d+)|([A-Za-z])|(\*\*|[-+*/^()=]))")
_STARTS_FACTOR = {"letter", "("}
_ENDS_FACTOR = {"number", "letter", ")"}


@dataclass(frozen=True, slots=True)
class Num:
    value: Fraction


@dataclass(frozen=True, slots=True)
class Var:
    name: str


@dataclass(frozen=True, slots=True)
class Neg:
    arg: Node


@dataclass(frozen=True, slots=True)
class Bin:
    op: str  # + - * /  (implicit multiplication is *)
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Pow:
    base: Node
    exp: int


@dataclass(frozen=True, slots=True)
class Group:
    """Parentheses as typed: kept so a form check can tell 3(x + 2) from 3x + 6."""

    inner: Node


Node = Num | Var | Neg | Bin | Pow | Group


@dataclass(frozen=True, slots=True)
class Equation:
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # number | letter | + - * / ^ ( ) =
    text: str
    start: int
    end: int


def tokens(text: str) -> list[Token] | None:
    """The tokens of `text`, or None when it holds anything outside the whitelist or is
    longer than MAX_LENGTH."""
    if len(text) > MAX_LENGTH:
        return None
    t = text.translate(_SPELLINGS)
    out: list[Token] = []
    at = 0
    while at < len(t):
        if t[at:].isspace():
            break
        found = _TOKEN.match(t, at)
        if found is None:
            return None
        number, letter, op = found.groups()
        start = found.start(found.lastindex or 0)
        if number is not None:
            out.append(Token("number", number, start, found.end()))
        elif letter is not None:
            out.append(Token("letter", letter.lower(), start, found.end()))
        else:
            kind = "^" if op == "**" else op
            out.append(Token(kind, op, start, found.end()))
        at = found.end()
    return out


def _implied(prev: Token, tok: Token) -> bool:
    """Whether two tokens side by side multiply: 3x, 2(x + 1), x(x - 1), (x + 1)(x - 1) and
    (x + 1)2; never x2 or 2 3, which read as nothing."""
    if tok.kind in _STARTS_FACTOR:
        return prev.kind in _ENDS_FACTOR
    return tok.kind == "number" and prev.kind == ")"


class _Unreadable(Exception):
    pass


class _Parser:
    def __init__(self, toks: list[Token], variables: frozenset[str] | None) -> None:
        self.toks = toks
        self.at = 0
        self.variables = variables

    def peek(self) -> str | None:
        return self.toks[self.at].kind if self.at < len(self.toks) else None

    def take(self, kind: str) -> Token:
        if self.peek() != kind:
            raise _Unreadable(kind)
        self.at += 1
        return self.toks[self.at - 1]

    def relation(self) -> Node | Equation:
        left = self.expr()
        if self.peek() == "=":
            self.at += 1
            return Equation(left, self.expr())
        return left

    def expr(self) -> Node:
        node = self.term()
        while self.peek() in ("+", "-"):
            op = self.toks[self.at].kind
            self.at += 1
            node = Bin(op, node, self.term())
        return node

    def term(self) -> Node:
        node = self.factor()
        while True:
            kind = self.peek()
            if kind in ("*", "/"):
                self.at += 1
                right = self.factor()
                if kind == "/" and right == Num(Fraction(0)):
                    raise _Unreadable("division by zero")
                node = Bin(kind, node, right)
            elif kind is not None and _implied(self.toks[self.at - 1], self.toks[self.at]):
                node = Bin("*", node, self.power())
            else:
                return node

    def factor(self) -> Node:
        kind = self.peek()
        if kind in ("+", "-"):
            self.at += 1
            inner = self.factor()
            return Neg(inner) if kind == "-" else inner
        return self.power()

    def power(self) -> Node:
        base = self.atom()
        if self.peek() != "^":
            return base
        self.at += 1
        exp = self.exponent()
        if abs(exp) > MAX_POWER:
            raise _Unreadable("power")
        return Pow(base, exp)

    def exponent(self) -> int:
        """A whole number, perhaps signed, perhaps in parentheses: 2, -1, (-1)."""
        grouped = self.peek() == "("
        if grouped:
            self.at += 1
        sign = 1
        if self.peek() in ("+", "-"):
            sign = -1 if self.toks[self.at].kind == "-" else 1
            self.at += 1
        digits = self.take("number").text
        if grouped:
            self.take(")")
        if not digits.isdigit() or len(digits) > 3:
            raise _Unreadable("exponent")
        return sign * int(digits)

    def atom(self) -> Node:
        kind = self.peek()
        if kind == "number":
            return Num(Fraction(self.take("number").text))
        if kind == "letter":
            name = self.take("letter").text
            if self.variables is not None and name not in self.variables:
                raise _Unreadable(name)
            return Var(name)
        if kind == "(":
            self.at += 1
            inner = self.expr()
            self.take(")")
            return Group(inner)
        raise _Unreadable(kind or "end")


def parse(text: str, *, variables: frozenset[str] | None = None) -> Node | Equation | None:
    """The expression or equation `text` writes, or None when it does not read, uses a
    letter outside `variables` (when given), or is over the bounds."""
    toks = tokens(text)
    if not toks:
        return None
    parser = _Parser(toks, variables)
    try:
        tree = parser.relation()
    except (_Unreadable, ValueError, ZeroDivisionError):
        return None
    if parser.at != len(toks):
        return None
    sides = [tree.left, tree.right] if isinstance(tree, Equation) else [tree]
    most = sum(map(degree, sides))
    names = {t.text for t in toks if t.kind == "letter"}
    if sum(map(size, sides)) > MAX_SIZE or most > MAX_DEGREE:
        return None
    if comb(most + len(names), len(names)) > MAX_TERMS:
        return None
    return tree


def is_math(text: str) -> bool:
    """Whether text reads as an expression or equation with a letter in it and no word
    ("3x + 6", "y = 2x"; not "yes", which would read as y·e·s, nor a bare number)."""
    toks = tokens(text) or []
    if not any(t.kind == "letter" for t in toks):
        return False
    if any(a.kind == b.kind == "letter" for a, b in zip(toks, toks[1:], strict=False)):
        return False
    return parse(text) is not None


def letters(text: str) -> frozenset[str]:
    """The variables a text uses (lower case)."""
    return frozenset(t.text for t in tokens(text) or [] if t.kind == "letter")


def size(node: Node) -> int:
    """Digits and letters, multiplied through powers: a bound on the work computing takes."""
    if isinstance(node, Num):
        return len(str(node.value.numerator)) + len(str(node.value.denominator))
    if isinstance(node, Var):
        return 1
    if isinstance(node, Neg | Group):
        return size(node.arg if isinstance(node, Neg) else node.inner)
    if isinstance(node, Pow):
        return size(node.base) * max(1, abs(node.exp))
    return size(node.left) + size(node.right)


def degree(node: Node) -> int:
    """An upper bound on the expression's degree once over one denominator (a quotient
    counts both parts, a sum of quotients every part)."""
    if isinstance(node, Num):
        return 0
    if isinstance(node, Var):
        return 1
    if isinstance(node, Neg | Group):
        return degree(node.arg if isinstance(node, Neg) else node.inner)
    if isinstance(node, Pow):
        return degree(node.base) * abs(node.exp)
    if node.op in ("+", "-") and not (_divides(node.left) and _divides(node.right)):
        return max(degree(node.left), degree(node.right))
    return degree(node.left) + degree(node.right)


def _divides(node: Node) -> bool:
    """Whether a letter stands in a denominator somewhere in `node`."""
    if isinstance(node, Num | Var):
        return False
    if isinstance(node, Neg | Group):
        return _divides(node.arg if isinstance(node, Neg) else node.inner)
    if isinstance(node, Pow):
        return (node.exp < 0 and degree(node.base) > 0) or _divides(node.base)
    if node.op == "/" and degree(node.right) > 0:
        return True
    return _divides(node.left) or _divides(node.right)


# --- the form an expression is written in ------------------------------------------------

Canon = Hashable


def canonical(tree: Node | Equation) -> Canon:
    """The same for two texts that write the same thing in the same form, whatever the
    spacing, the order of terms and factors, a written or implied `*`, 0.5 or 1/2, or an
    equation's sides: "3x + 6", "6 + 3*x"; "y = 2x + 3", "3 + 2x = y". "3(x + 2)" and
    "3x + 6" differ, and so do "2x + 4x" and "6x"."""
    if isinstance(tree, Equation):
        return ("=", frozenset({canonical(tree.left), canonical(tree.right)}))
    terms = _terms(tree, 1)
    if len(terms) == 1:
        return terms[0]
    return ("+", tuple(sorted(terms, key=repr)))


def _terms(node: Node, sign: int) -> list[Canon]:
    if isinstance(node, Group):
        return _terms(node.inner, sign)
    if isinstance(node, Bin) and node.op in ("+", "-"):
        return _terms(node.left, sign) + _terms(node.right, sign if node.op == "+" else -sign)
    return [_product(node, sign)]


def _product(node: Node, sign: int) -> Canon:
    coef = Fraction(sign)
    factors: list[Canon] = []

    def walk(n: Node, power: int) -> None:
        nonlocal coef
        if isinstance(n, Num):
            coef *= n.value**power
        elif isinstance(n, Neg):
            coef *= -1
            walk(n.arg, power)
        elif isinstance(n, Group) and not _is_sum(n.inner):
            walk(n.inner, power)
        elif isinstance(n, Bin) and n.op == "*":
            walk(n.left, power)
            walk(n.right, power)
        elif isinstance(n, Bin) and n.op == "/":
            walk(n.left, power)
            walk(n.right, -power)
        elif isinstance(n, Pow) and _is_number(n.base):
            walk(n.base, power * n.exp)
        elif isinstance(n, Pow):
            factors.append(("^", _factor(n.base), n.exp * power))
        else:
            factors.append(_factor(n) if power == 1 else ("^", _factor(n), power))

    walk(node, 1)
    if not factors:
        return ("n", coef)
    if coef == 1 and len(factors) == 1:
        return factors[0]
    return ("*", coef, tuple(sorted(factors, key=repr)))


def _factor(node: Node) -> Canon:
    if isinstance(node, Var):
        return ("v", node.name)
    if isinstance(node, Group) and _is_sum(node.inner):
        return ("()", canonical(node.inner))
    return canonical(node)


def _is_sum(node: Node) -> bool:
    while isinstance(node, Group):
        node = node.inner
    return isinstance(node, Bin) and node.op in ("+", "-")


def _is_number(node: Node) -> bool:
    if isinstance(node, Num):
        return True
    if isinstance(node, Neg | Group):
        return _is_number(node.arg if isinstance(node, Neg) else node.inner)
    return False


def is_expanded(tree: Node | Equation) -> bool:
    """Written as a sum of distinct terms, each a number times powers of distinct letters:
    no parentheses around a sum, no letter divided by, like terms combined ("6x + 1", not
    "2x + 4x + 1" or "2(3x) + 1")."""
    if isinstance(tree, Equation):
        return False
    canon = canonical(tree)
    terms = canon[1] if isinstance(canon, tuple) and canon[0] == "+" else (canon,)
    monomials = [_monomial(t) for t in terms]
    if any(m is None for m in monomials) or len(set(monomials)) != len(monomials):
        return False
    return not any(isinstance(t, tuple) and t[0] in ("n", "*") and t[1] == 0 for t in terms)


def _monomial(term: Canon) -> tuple[str, ...] | None:
    """The letters of a term (each with its power), or None if it is not a monomial."""
    assert isinstance(term, tuple)
    if term[0] == "n":
        return ()
    factors = term[2] if term[0] == "*" else (term,)
    names: list[str] = []
    for f in factors:
        if f[0] == "v":
            names.append(f"{f[1]}^1")
        elif f[0] == "^" and f[1][0] == "v" and f[2] > 0:
            names.append(f"{f[1][1]}^{f[2]}")
        else:
            return None
    if len({n.split("^")[0] for n in names}) != len(names):
        return None  # x·x: a letter twice in one term
    return tuple(sorted(names))


def is_factored(tree: Node | Equation) -> bool:
    """A product with a sum in parentheses among its factors: "6(2x + 3)"."""
    if isinstance(tree, Equation):
        return False
    canon = canonical(tree)
    factors = canon[2] if isinstance(canon, tuple) and canon[0] == "*" else (canon,)
    return any(isinstance(f, tuple) and f[0] == "()" for f in factors)


# --- spellings an LMS lists -------------------------------------------------------------


def spellings(text: str) -> list[str]:
    """The ways of writing an expression or equation key that an LMS, which compares text,
    should take: as written, without spaces, with every `*` written, terms of a small sum in
    any order, an equation's sides swapped. Every one reads as the same form as the key."""
    if parse(text) is None:
        return [text.strip()]
    t = text.translate(_SPELLINGS).strip()
    left, eq, right = t.partition("=")
    forms = [text.strip(), _explicit(t)]
    if eq:
        lefts, rights = _reordered(left), _reordered(right)
        forms += [f"{a} = {b}" for a in lefts for b in rights]
        forms += [f"{b} = {a}" for a in lefts for b in rights]
    else:
        forms += _reordered(t)
    out = forms + [re.sub(r"\s+", "", f) for f in forms]
    return list(dict.fromkeys(out))


def _reordered(side: str) -> list[str]:
    """A side's terms in every order (a sum of at most MAX_REORDERED terms), as written."""
    toks = tokens(side) or []
    cuts = []
    depth = 0
    for i, tok in enumerate(toks):
        depth += (tok.kind == "(") - (tok.kind == ")")
        if depth == 0 and i > 0 and tok.kind in "+-" and toks[i - 1].kind in _ENDS_FACTOR:
            cuts.append(i)
    if not cuts or len(cuts) + 1 > MAX_REORDERED:
        return [side.strip()]
    terms: list[tuple[str, str]] = []
    for a, b in zip([0, *cuts], [*cuts, len(toks)], strict=True):
        sign = "+"
        if toks[a].kind in "+-":
            sign, a = toks[a].kind, a + 1
        terms.append((sign, side[toks[a].start : toks[b - 1].end].strip()))
    out = []
    for (head_sign, head), *rest in permutations(terms):
        parts = [("-" if head_sign == "-" else "") + head]
        parts += [f"{sign} {body}" for sign, body in rest]
        out.append(" ".join(parts))
    return list(dict.fromkeys(out))


def _explicit(text: str) -> str:
    """`text` with a `*` written at every implied product ("3x" is "3*x")."""
    toks = tokens(text) or []
    out, at = [], 0
    for prev, tok in zip(toks, toks[1:], strict=False):
        if _implied(prev, tok):
            out += [text[at : prev.end], "*"]
            at = prev.end
    out.append(text[at:])
    return "".join(out).strip()


# --- ordered pairs ----------------------------------------------------------------------


def pair_parts(text: str) -> tuple[str, str] | None:
    """The two coordinates of "(3, -2)", "3, -2" or "( 3 , -2 )" as typed, or None."""
    if len(text) > MAX_LENGTH:
        return None
    t = text.strip()
    if t.startswith("(") != t.endswith(")"):
        return None
    if t.startswith("("):
        t = t[1:-1]
    parts = t.split(",")
    if len(parts) != 2 or not all(p.strip() for p in parts):
        return None
    return parts[0].strip(), parts[1].strip()
