"""Grade-8 expressions and equations: exponents, roots, scientific notation, slope, linear
equations and systems; every key re-derived with sympy from the question's own text."""

from __future__ import annotations

import re
from fractions import Fraction
from random import Random
from typing import Any, cast

import sympy

from edugen.content.cores import ItemCore
from edugen.content.families.base import Answer, Draft, ExpressionFamily, Family, question_part
from edugen.content.families.common import Style, X, Y, fmt, signed, to_sympy
from edugen.content.families.signed import point
from edugen.content.figures import coordinate_plane

Wrong = list[tuple[Answer | None, str]]
_POINT = re.compile(r"\((-?[\d./]+), (-?[\d./]+)\)")


def power(exponent: int) -> str:
    """An exponent as a question writes it: "5", or "(-3)" so the minus stays with it."""
    return f"({exponent})" if exponent < 0 else str(exponent)


def sci_text(coef: Fraction | int, exponent: int) -> str:
    """`coef × 10^exponent` as written, without normalising the coefficient."""
    return f"{fmt(Fraction(coef), 'decimal')} × 10^{power(exponent)}"


def sci(value: Fraction | int) -> str:
    """A positive value in scientific notation: a coefficient from 1 up to 10, then a power."""
    value, exponent = Fraction(value), 0
    while value >= 10:
        value, exponent = value / 10, exponent + 1
    while value < 1:
        value, exponent = value * 10, exponent - 1
    return sci_text(value, exponent)


def term(coef: Fraction | int, var: str, first: bool) -> str:
    """One term of a sum as a student writes it: "3x", "- y", "+ 2y", "-x"."""
    c = Fraction(coef)
    size = "" if abs(c) == 1 else fmt(abs(c)) if c.denominator == 1 else f"({fmt(abs(c))})"
    if first:
        return f"{'-' if c < 0 else ''}{size}{var}"
    return f"{'-' if c < 0 else '+'} {size}{var}"


def line_text(m: Fraction, b: Fraction) -> str:
    """ "y = mx + b" with the slope in front of x, parenthesised when it is a fraction."""
    if m == 0:
        return f"y = {fmt(b)}"
    head = term(m, "x", True)
    return f"y = {head}" if b == 0 else f"y = {head} {signed(b)}"


def pair(x: Fraction | int, y: Fraction | int) -> str:
    return point((Fraction(x), Fraction(y)))


class IntegerExponents(ExpressionFamily):
    """Properties of integer exponents. Tiers: multiply powers of one base; divide them; a
    number times a negative power; a positive power times a negative one; a power of a power
    divided by a power."""

    name = "integer_exponents"
    topic = "8.EE.A.1"
    nonnegative = False
    context_hint = "repeated doubling or growth, such as cells that split or paper folded over"
    strategy = (
        "Write the powers with the same base, then add, subtract or multiply the exponents "
        "as the operation says."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        a = Fraction(rng.choice((2, 3, 4, 5, 10)))
        if tier == 1:
            while True:
                m, n = rng.randint(1, 5), rng.randint(1, 5)
                if a ** (m + n) <= 10**7:
                    break
            expr, answer = f"{a}^{m} × {a}^{n}", a ** (m + n)
            steps = [f"Same base, so add the exponents: {m} + {n} = {m + n}.", f"{a}^{m + n}."]
            wrong: Wrong = [
                (a ** (m * n), "multiplied the exponents instead of adding them"),
                (a**m + a**n, "added the two powers instead of multiplying them"),
                ((a * a) ** (m + n), "multiplied the bases as well as adding the exponents"),
                (a * (m + n), "multiplied the base by the sum of the exponents"),
            ]
        elif tier == 2:
            a = Fraction(rng.randint(2, 10))
            while True:
                m = rng.randint(3, 9)
                n = rng.randint(1, m - 1)
                if a ** (m - n) <= 10**6:
                    break
            expr, answer = f"{a}^{m} ÷ {a}^{n}", a ** (m - n)
            steps = [f"Same base, so subtract the exponents: {m} - {n} = {m - n}.", f"{a}^{m - n}."]
            wrong = [
                (Fraction(1), "divided the bases as well as subtracting the exponents"),
                (a**m - a**n, "subtracted the powers instead of dividing them"),
                (a * (m - n), "multiplied the base by the difference of the exponents"),
                (a ** (m + n), "added the exponents when dividing"),
            ]
        elif tier == 3:
            b, a, n = rng.randint(2, 9), Fraction(rng.randint(2, 6)), rng.randint(1, 3)
            expr, answer = f"{b} × {a}^{power(-n)}", b / a**n
            steps = [
                f"A negative exponent means dividing: {a}^{power(-n)} = 1 ÷ {a}^{n}.",
                f"{b} ÷ {fmt(a**n)}.",
            ]
            wrong = [
                (-b * a**n, "read the negative exponent as a negative number"),
                (b * a**n, "ignored the minus sign in the exponent"),
                (Fraction(b) / (a * n), "divided by the base times the exponent"),
                (1 / (b * a) ** n, "applied the exponent to the whole product"),
            ]
        elif tier == 4:
            a = Fraction(rng.randint(2, 5))
            while True:
                m, n = rng.randint(2, 7), rng.randint(1, 9)
                if m != n and -4 <= m - n <= 5 and a ** abs(m - n) <= 10**4:
                    break
            expr, answer = f"{a}^{m} × {a}^{power(-n)}", a ** (m - n)
            steps = [f"Same base, so add the exponents: {m} + ({-n}) = {m - n}.", "Then evaluate."]
            wrong = [
                (a ** (m + n), "ignored the minus sign and added the exponents"),
                (a ** (-m * n), "multiplied the exponents"),
                (-(a ** (m - n)), "took the negative exponent to make the answer negative"),
                (a ** (n - m), "subtracted the exponents in the wrong order"),
            ]
        else:
            a = Fraction(rng.randint(2, 5))
            while True:
                m, n, k = rng.randint(2, 4), rng.randint(2, 3), rng.randint(1, 12)
                if -3 <= m * n - k <= 6 and a ** abs(m * n - k) <= 10**4:
                    break
            expr, answer = f"({a}^{m})^{n} ÷ {a}^{k}", a ** (m * n - k)
            steps = [
                f"A power of a power: multiply the exponents, {m} × {n} = {m * n}.",
                f"Dividing: subtract the exponents, {m * n} - {k} = {m * n - k}.",
            ]
            wrong = [
                (a ** (m + n - k), "added the exponents for a power of a power"),
                (a ** (m * n + k), "added the exponents when dividing"),
                (a ** (m**n - k), "raised the inner exponent to the outer one"),
                (a ** (m * n) - a**k, "subtracted the powers instead of dividing"),
            ]
        return Draft(
            question=f"What is {expr}?",
            answer=answer,
            solution=[*steps, f"{expr} = {fmt(answer)}."],
            wrong=wrong,
        )


SQUARES = (
    ("A square tile", "square inches", "inches"),
    ("A square garden", "square meters", "meters"),
    ("A square rug", "square feet", "feet"),
    ("A square poster", "square inches", "inches"),
    ("A square patio", "square yards", "yards"),
)
CUBES = (
    ("A cube-shaped box", "cubic inches", "inches"),
    ("A cube-shaped tank", "cubic feet", "feet"),
    ("A cube of clay", "cubic centimeters", "centimeters"),
    ("A cube-shaped crate", "cubic feet", "feet"),
    ("A block of ice shaped like a cube", "cubic inches", "inches"),
    ("A cube-shaped planter", "cubic inches", "inches"),
)


class Roots(Family):
    """Square and cube roots. Tiers: a square's side from its area; a cube's edge from its
    volume; the positive root of a fraction; the cube root of a negative number or
    fraction; the positive root of a decimal."""

    name = "square_cube_roots"
    topic = "8.EE.A.2"
    nonnegative = False
    context_hint = "a square or cube whose size is known only by its area or volume"
    strategy = (
        "Look for the number that, multiplied by itself the right number of times, gives the value."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier == 1:
            thing, area_unit, unit = rng.choice(SQUARES)
            n = Fraction(rng.randint(2, 15))
            return Draft(
                question=f"{thing} has an area of {fmt(n * n)} {area_unit}. How long is each "
                f"side, in {unit}?",
                answer=n,
                solution=[
                    f"Find the number whose square is {fmt(n * n)}.",
                    f"{fmt(n)} × {fmt(n)} = {fmt(n * n)}, so each side is {fmt(n)} {unit}.",
                ],
                wrong=[
                    (n * n / 2, "divided the area by 2 instead of finding the square root"),
                    (n * n / 4, "divided the area by 4, as if it were the perimeter"),
                    (-n, "gave the negative square root, which cannot be a length"),
                    (2 * n * n, "doubled the area instead of finding the square root"),
                ],
            )
        if tier == 2:
            thing, volume_unit, unit = rng.choice(CUBES)
            n = Fraction(rng.randint(2, 12))
            v = n**3
            root = sympy.sqrt(int(v))
            return Draft(
                question=f"{thing} has a volume of {fmt(v)} {volume_unit}. How long is each "
                f"edge, in {unit}?",
                answer=n,
                solution=[
                    f"Find the number whose cube is {fmt(v)}.",
                    f"{fmt(n)} × {fmt(n)} × {fmt(n)} = {fmt(v)}, so each edge is {fmt(n)} {unit}.",
                ],
                wrong=[
                    (v / 3, "divided the volume by 3 instead of finding the cube root"),
                    (
                        Fraction(int(root)) if root.is_Integer else None,
                        "found the square root instead of the cube root",
                    ),
                    (v / 6, "divided the volume by the 6 faces of the cube"),
                    (v / 2, "halved the volume instead of finding the cube root"),
                ],
            )
        if tier in (3, 5):
            if tier == 3:
                while True:
                    p, q = rng.randint(1, 11), rng.randint(2, 12)
                    if Fraction(p, q).denominator == q:
                        break
                r, style = Fraction(p, q), cast(Style, "fraction")
            else:
                while True:
                    k = rng.randint(11, 99)
                    if k % 10:
                        break
                r, style = Fraction(k, 10), cast(Style, "decimal")
            v = r * r
            show = lambda f: fmt(f, style)  # noqa: E731
            return Draft(
                question=f"Find x if x^2 = {show(v)} and x is positive.",
                answer=r,
                style=style,
                solution=[
                    f"Find the positive number whose square is {show(v)}.",
                    f"{show(r)} × {show(r)} = {show(v)}, so x = {show(r)}.",
                ],
                wrong=[
                    (
                        Fraction(r.numerator, r.denominator**2),
                        "took the square root of the top only",
                    )
                    if style == "fraction"
                    else (r / 10, "put the decimal point in the wrong place"),
                    (
                        Fraction(r.numerator**2, r.denominator),
                        "took the square root of the bottom only",
                    )
                    if style == "fraction"
                    else (r * 10, "moved the decimal point the wrong way"),
                    (v / 2, "divided by 2 instead of finding the square root"),
                    (-r, "gave the negative root, but x is positive"),
                ],
            )
        if rng.random() < 0.3:
            r = Fraction(rng.randint(2, 15))
        else:
            while True:
                p, q = rng.randint(1, 9), rng.randint(2, 10)
                if Fraction(p, q).denominator == q:
                    break
            r = Fraction(p, q)
        v = -(r**3)
        return Draft(
            question=f"Find x if x^3 = {fmt(v)}.",
            answer=-r,
            solution=[
                "A negative number has a negative cube root.",
                f"({fmt(-r)}) × ({fmt(-r)}) × ({fmt(-r)}) = {fmt(v)}, so x = {fmt(-r)}.",
            ],
            wrong=[
                (r, "dropped the negative sign"),
                (v / 3, "divided by 3 instead of finding the cube root"),
                (
                    -Fraction(r.numerator**3, r.denominator),
                    "found the cube root of the bottom only",
                ),
                (-Fraction(r.numerator, r.denominator**3), "found the cube root of the top only"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        if found := re.search(r"area of (\S+) square", q):
            return sympy.sqrt(to_sympy(found[1]))
        if found := re.search(r"volume of (\S+) cubic", q):
            return sympy.real_root(to_sympy(found[1]), 3)
        n, value = question_part(q, r"x\^(\d) = (\S+?)(?: and x is positive)?\.$")
        roots = [r for r in sympy.solve(sympy.Eq(X ** int(n), to_sympy(value)), X) if r.is_real]
        if "positive" in q:
            roots = [r for r in roots if r > 0]
        if len(roots) != 1:
            raise ValueError(f"{len(roots)} roots fit the question")
        return roots[0]


class PowersOfTen(Family):
    """Estimating with a digit times a power of 10. Tiers: how many times as large, positive
    exponents; a large number as a digit times a power of 10; a small decimal the same way;
    how many times as large with negative exponents; a ratio whose digits do not divide."""

    name = "powers_of_ten"
    topic = "8.EE.A.3"
    kinds = ("multiple_choice",)
    nonnegative = False
    context_hint = "very large or very small amounts, such as populations or the size of cells"
    strategy = "Compare the digits and the exponents separately, then put them together."

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier in (2, 3):
            d = rng.randint(1, 9)
            if tier == 2:
                n = rng.randint(2, 9)
                value, exponent = Fraction(d * 10**n), n
                wrong: Wrong = [
                    (sci_text(d, n + 1), "counted every digit, not only the zeros"),
                    (sci_text(d, -n), "used a negative exponent for a large number"),
                    (sci_text(1, n), "dropped the digit and kept only the power of 10"),
                    (sci_text(d, n - 1), "counted one zero too few"),
                ]
                steps = [f"Count the places the point moves to stand after the {d}."]
            else:
                n = rng.randint(2, 8)
                value, exponent = Fraction(d, 10**n), -n
                wrong = [
                    (sci_text(d, -(n - 1)), "counted only the zeros after the decimal point"),
                    (sci_text(d, n), "used a positive exponent for a small number"),
                    (sci_text(-d, n), "made the number negative instead of the exponent"),
                    (sci_text(d, -(n + 1)), "counted a place past the digit"),
                ]
                steps = [f"Count the places the point moves to stand after the {d}."]
            answer = sci_text(d, exponent)
            return Draft(
                question=f"Write {fmt(value, 'decimal')} as a single digit times a power of 10.",
                answer=answer,
                solution=[*steps, f"{fmt(value, 'decimal')} = {answer}."],
                wrong=wrong,
            )
        while True:
            if tier == 5:
                a, b = rng.randint(1, 9), rng.randint(1, 9)
                ok = a != b and a % b != 0
                try:
                    fmt(Fraction(a, b), "decimal")
                except ValueError:
                    ok = False
            else:
                b, k = rng.randint(1, 4), rng.randint(1, 9)
                a, ok = b * k, b * k <= 9 and k > 1
            if tier == 1:
                m = rng.randint(3, 9)
                n = m - rng.randint(1, 3)
            elif tier == 4:
                m, n = rng.randint(-2, 4), rng.randint(-8, -2)
            else:
                m, n = rng.randint(2, 12), rng.randint(-6, 8)
            if ok and m - n >= 1 and (m, n) != (0, 0):
                break
        big, small = sci_text(a, m), sci_text(b, n)
        ratio = Fraction(a, b) * Fraction(10) ** (m - n)
        return Draft(
            question=f"One amount is about {big}. Another is about {small}. About how many "
            "times as large is the first amount as the second?",
            answer=sci(ratio),
            solution=[
                "Divide the digits, then subtract the exponents of the powers of 10.",
                f"{a} ÷ {b} = {fmt(Fraction(a, b), 'decimal')} and 10^{power(m)} ÷ "
                f"10^{power(n)} = 10^{power(m - n)}, so about {sci(ratio)} times.",
            ],
            wrong=[
                (sci(Fraction(a, b) * Fraction(10) ** (m + n)), "added the exponents instead"),
                (
                    sci(Fraction(a, b) * Fraction(10) ** (n - m)),
                    "subtracted the exponents in the wrong order",
                ),
                (sci(Fraction(10) ** (m - n)), "compared only the powers of 10"),
                (
                    sci(Fraction(a - b) * Fraction(10) ** (m - n)) if a > b else None,
                    "subtracted the digits instead of dividing them",
                ),
                (sci(Fraction(a * b) * Fraction(10) ** (m - n)), "multiplied the digits"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        if q.startswith("Write "):
            return to_sympy(question_part(q, r"^Write (\S+) as")[0])
        first, second = question_part(q, r"about (.+?)\. Another is about (.+?)\.")
        return to_sympy(first) / to_sympy(second)


class ScientificNotation(ExpressionFamily):
    """Operations in scientific notation. Tiers: a product that stays in form; a product
    that must be rewritten; a quotient; a quotient with a negative exponent that must be
    rewritten; a sum of terms with different exponents."""

    name = "scientific_notation"
    topic = "8.EE.A.4"
    kinds = ("multiple_choice",)
    context_hint = "very large or very small measurements, such as distances in space"
    strategy = (
        "Work with the digits and the exponents separately, then rewrite so the first "
        "factor has a single digit before its decimal point."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier in (1, 2):
            while True:
                a, b = rng.randint(1, 9), rng.randint(2, 9)
                m, n = rng.randint(2, 9), rng.randint(2, 9)
                if (a * b < 10) == (tier == 1):
                    break
            expr = f"({sci_text(a, m)}) × ({sci_text(b, n)})"
            answer = sci(Fraction(a * b) * Fraction(10) ** (m + n))
            steps = [f"Multiply the digits: {a} × {b} = {a * b}. Add the exponents."]
            wrong: Wrong = [
                (sci_text(a * b, m * n), "multiplied the exponents instead of adding them"),
                (
                    sci_text(Fraction(a * b, 10), m + n),
                    "moved the decimal point but kept the exponent",
                )
                if tier == 2
                else (sci_text(a + b, m + n), "added the digits instead of multiplying"),
                (
                    sci_text(Fraction(a * b, 10), m + n - 1),
                    "changed the exponent the wrong way when rewriting",
                )
                if tier == 2
                else (sci_text(a * b, max(m, n)), "kept only the larger exponent"),
                (sci_text(a + b, m + n), "added the digits instead of multiplying"),
            ]
        elif tier == 3:
            while True:
                b, k = rng.randint(1, 4), rng.randint(1, 9)
                m, n = rng.randint(5, 12), rng.randint(1, 11)
                if b * k <= 9 and n < m and (b, k) != (1, 1):
                    break
            a = b * k
            expr = f"({sci_text(a, m)}) ÷ ({sci_text(b, n)})"
            answer = sci(Fraction(k) * Fraction(10) ** (m - n))
            steps = [f"Divide the digits: {a} ÷ {b} = {k}. Subtract the exponents."]
            wrong = [
                (sci_text(k, n - m), "subtracted the exponents in the wrong order"),
                (sci_text(k, m + n), "added the exponents when dividing"),
                (sci_text(k, m // n) if m % n == 0 else None, "divided the exponents"),
                (sci(Fraction(a * b) * Fraction(10) ** (m - n)), "multiplied the digits"),
            ]
        elif tier == 4:
            while True:
                a, b = rng.randint(1, 8), rng.randint(2, 9)
                m, n = rng.randint(2, 9), rng.randint(-9, -2)
                try:
                    fmt(Fraction(a, b), "decimal")
                except ValueError:
                    continue
                if a < b:
                    break
            expr = f"({sci_text(a, m)}) ÷ ({sci_text(b, n)})"
            q = Fraction(a, b)
            answer = sci(q * Fraction(10) ** (m - n))
            steps = [f"Divide the digits: {a} ÷ {b} = {fmt(q, 'decimal')}. Subtract the exponents."]
            wrong = [
                (sci_text(q * 10, m - n), "moved the decimal point but kept the exponent"),
                (sci(q * Fraction(10) ** (m + n)), "took the negative exponent as positive"),
                (sci(q * Fraction(10) ** (n - m)), "subtracted the exponents in the wrong order"),
                (sci_text(q * 10, m - n - 2), "changed the exponent the wrong way when rewriting"),
            ]
        else:
            a, b = rng.randint(1, 9), rng.randint(1, 9)
            m = rng.randint(3, 9)
            expr = f"({sci_text(a, m)}) + ({sci_text(b, m - 1)})"
            answer = sci(Fraction(a) * 10**m + Fraction(b) * 10 ** (m - 1))
            steps = [
                f"Rewrite with the same power: {sci_text(b, m - 1)} = "
                f"{sci_text(Fraction(b, 10), m)}."
            ]
            wrong = [
                (sci_text(a + b, m), "added the digits without lining up the powers"),
                (sci_text(a + b, 2 * m - 1), "added the digits and the exponents"),
                (sci_text(a + b, m - 1), "added the digits and kept the smaller power"),
                (sci_text(a * b, 2 * m - 1), "multiplied instead of adding"),
            ]
        return Draft(
            question=f"What is {expr}? Write the answer in scientific notation.",
            answer=answer,
            solution=[*steps, f"{expr} = {answer}."],
            wrong=wrong,
        )


class SolutionCount(Family):
    """Linear equations with one, no or infinitely many solutions. Tiers: the constant that
    makes both sides the same; the coefficient that leaves no solution; a negative constant
    after combining terms; no solution with both numbers in parentheses; a fraction in
    front of the parentheses."""

    name = "solution_count"
    topic = "8.EE.C.7.a"
    nonnegative = False
    context_hint = "two plans or rules that might always, never or once give the same amount"
    strategy = (
        "Simplify both sides. Matching terms with x and matching constants give every "
        "number; matching x-terms with different constants give none."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        a, b = Fraction(rng.randint(2, 9)), Fraction(rng.randint(1, 12))
        many = "have infinitely many solutions"
        none = "have no solution"
        if tier == 1:
            eq, ask, answer = f"{fmt(a)}(x + {fmt(b)}) = {fmt(a)}x + k", many, a * b
            wrong: Wrong = [
                (b, "multiplied only the x by the number outside the parentheses"),
                (a + b, "added instead of multiplying"),
                (a, "matched the number in front of x"),
                (-a * b, "changed the sign when distributing"),
            ]
            steps = [f"Distribute: {fmt(a)}(x + {fmt(b)}) = {fmt(a)}x + {fmt(a * b)}."]
        elif tier == 2:
            c = Fraction(rng.choice([n for n in range(1, 40) if n != a * b]))
            eq, ask, answer = f"{fmt(a)}(x + {fmt(b)}) = kx + {fmt(c)}", none, a
            wrong = [
                (a * b, "matched the constants instead of the x-terms"),
                (-a, "used the opposite of the x-term's number"),
                (a + b, "added the numbers in the parentheses"),
                (b, "used the number inside the parentheses"),
            ]
            steps = [f"Distribute: {fmt(a)}(x + {fmt(b)}) = {fmt(a)}x + {fmt(a * b)}."]
        elif tier == 3:
            c = Fraction(rng.randint(1, 9))
            eq = f"{fmt(a)}(x - {fmt(b)}) + {fmt(c)}x = {fmt(a + c)}x + k"
            ask, answer = many, -a * b
            wrong = [
                (a * b, "lost the minus sign when distributing"),
                (-b, "multiplied only the x by the number outside the parentheses"),
                (-(a + c) * b, "multiplied the constant by every x-term"),
                (c - a * b, "added the x-term's number to the constant"),
            ]
            steps = [
                f"Distribute and combine: {fmt(a)}x - {fmt(a * b)} + {fmt(c)}x = "
                f"{fmt(a + c)}x - {fmt(a * b)}."
            ]
        elif tier == 4:
            e = Fraction(rng.randint(2, 6))
            d = Fraction(rng.choice([n for n in range(-30, 31) if n and n != a * b]))
            eq = f"{fmt(a)}({fmt(e)}x + {fmt(b)}) = kx {signed(d)}"
            ask, answer = none, a * e
            wrong = [
                (e, "did not multiply the x-term by the number outside"),
                (a + e, "added instead of multiplying"),
                (a * b, "matched the constants instead of the x-terms"),
                (-a * e, "used the opposite of the x-term's number"),
            ]
            steps = [f"Distribute: {fmt(a)}({fmt(e)}x + {fmt(b)}) = {fmt(a * e)}x + {fmt(a * b)}."]
        else:
            p = rng.randint(2, 5)
            u, v = Fraction(rng.randint(1, 12)), Fraction(rng.randint(1, 12))
            same = rng.random() < 0.5
            w = v / p if same else v / p + rng.choice((-2, -1, 1, 2))
            eq = f"(1/{p})({fmt(u)}x + {fmt(v)}) = kx {signed(w)}"
            ask, answer = (many if same else none), u / p
            wrong = [
                (u, "did not multiply the x-term by the fraction"),
                (v / p, "matched the constants instead of the x-terms"),
                (u * p, "multiplied by the bottom of the fraction instead of dividing"),
                (-u / p, "used the opposite of the x-term's number"),
            ]
            steps = [
                f"Distribute: (1/{p})({fmt(u)}x + {fmt(v)}) = "
                f"{term(u / p, 'x', True)} {signed(v / p)}."
            ]
        return Draft(
            question=f"For what number k does {eq} {ask}?",
            answer=answer,
            solution=[
                *steps,
                "The x-terms must match"
                + (" and so must the constants." if ask == many else ", and the constants differ."),
                f"k = {fmt(answer)}.",
            ],
            wrong=wrong,
        )

    def expected(self, core: ItemCore) -> Any:
        k = sympy.Symbol("k")
        eq, ask = question_part(core.question, r"does (.+) have (.+)\?$")
        rel = to_sympy(eq)
        diff = sympy.Poly(sympy.expand(rel.lhs - rel.rhs), X)
        slope, rest = diff.coeff_monomial(X), diff.coeff_monomial(1)
        found = sympy.solve(slope, k) if k in slope.free_symbols else sympy.solve(rest, k)
        if len(found) != 1:
            raise ValueError(f"no single k: {found}")
        value = found[0]
        constants_left = sympy.simplify(rest.subs(k, value))
        if (constants_left == 0) != ask.startswith("infinitely"):
            raise ValueError(f"k = {value} does not give {ask}")
        if k not in slope.free_symbols and sympy.simplify(slope) != 0:
            raise ValueError("the x-terms differ whatever k is")
        return value


class MultistepEquation(Family):
    """Linear equations with rational coefficients. Tiers: x on both sides; parentheses on
    the left; a fractional solution; parentheses on both sides with negatives; fractions in
    front of x."""

    name = "multistep_equation"
    topic = "8.EE.C.7.b"
    nonnegative = False
    context_hint = "two plans whose totals are set equal, such as phone plans or savings"
    strategy = (
        "Distribute, gather the x-terms on the left and the constants on the right, then "
        "divide by the number in front of x."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        num = lambda lo, hi: Fraction(rng.randint(lo, hi))  # noqa: E731
        while True:
            slip: Fraction | None = None
            if tier == 1:
                a, c, x0, b = num(3, 9), num(1, 8), num(1, 12), num(1, 20)
                d = (a - c) * x0 + b
                left, right = (
                    f"{term(a, 'x', True)} {signed(b)}",
                    f"{term(c, 'x', True)} {signed(d)}",
                )
                A, B, C, D = a, b, c, d
            elif tier in (2, 3):
                p, q, c = num(2, 6), num(1, 9), num(1, 9)
                x0 = num(-10, 10) if tier == 2 else Fraction(rng.randint(1, 20), rng.randint(2, 6))
                d = p * (x0 + q) - c * x0
                if tier == 3:
                    d = Fraction(round(d))
                left, right = f"{fmt(p)}(x {signed(q)})", f"{term(c, 'x', True)} {signed(d)}"
                A, B, C, D = p, p * q, c, d
                if p != c:
                    slip = (D - q) / (p - c)
            elif tier == 4:
                p, q, e = num(2, 6), num(1, 9), num(1, 5)
                r, s, x0 = num(2, 9), num(-9, 9), num(-10, 10)
                A, B, C = p + e, -p * q, r
                D = A * x0 + B - C * x0
                if s == 0 or D % r:
                    continue
                s = D / r
                left = f"{fmt(p)}(x - {fmt(q)}) {signed(e)}x"
                right = f"{fmt(r)}(x {signed(s)})" if s else f"{fmt(r)}x"
                D = r * s
                if A != C:
                    slip = (s - B) / (A - C)
            else:
                pa, pc = rng.sample((2, 3, 4, 5, 6), 2)
                a, c = Fraction(1, pa), Fraction(1, pc)
                b, x0 = num(-9, 9), Fraction(rng.randint(-6, 6) * pa * pc)
                d = (a - c) * x0 + b
                left, right = f"(1/{pa})x {signed(b)}", f"(1/{pc})x {signed(d)}"
                A, B, C, D = a, b, c, d
            if A != C and B != D and B != 0:
                break
        answer = (D - B) / (A - C)
        return Draft(
            question=f"Solve {left} = {right} for x.",
            answer=answer,
            solution=[
                "Distribute if needed, then gather the x-terms on the left.",
                f"{term(A - C, 'x', True)} = {fmt(D - B)}.",
                f"x = {fmt(answer)}.",
            ],
            wrong=[
                ((D + B) / (A - C), "moved the constant without changing its sign"),
                ((D - B) / (A + C) if A + C else None, "added the x-terms instead of subtracting"),
                (slip, "multiplied only the x-term in the parentheses"),
                ((B - D) / (A - C), "subtracted the constants in the wrong order"),
                ((D - B) * (A - C), "multiplied instead of dividing at the end"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        eq = to_sympy(question_part(core.question, r"^Solve (.+) for x\.$")[0])
        (found,) = sympy.solve(eq, X)
        return found


def system_side(a: Fraction, b: Fraction) -> str:
    return f"{term(a, 'x', True)} {term(b, 'y', False)}"


class SystemSolve(Family):
    """Solving two linear equations in two unknowns. Tiers: two lines in y = form; a sum and
    a difference; substitution into a standard form; elimination after multiplying one
    equation; elimination after multiplying both, with negatives."""

    name = "system_solve"
    topic = "8.EE.C.8.b"
    kinds = ("multiple_choice", "ordered_pair")
    context_hint = "two conditions that must both hold, such as two totals of two prices"
    strategy = (
        "Substitute or add the equations to remove a variable, solve for the other, then "
        "put it back to find the first."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        num = lambda lo, hi: Fraction(rng.choice([n for n in range(lo, hi + 1) if n]))  # noqa: E731
        while True:
            x0, y0 = num(-6, 9), num(-6, 9)
            if tier == 1:
                m1, m2 = num(-4, 5), num(-4, 5)
                e1 = line_text(m1, y0 - m1 * x0)
                e2 = line_text(m2, y0 - m2 * x0)
                ok = m1 != m2
                a1, b1 = -m1, Fraction(1)
            else:
                if tier == 2:
                    a1, b1, a2, b2 = (Fraction(v) for v in (1, 1, 1, -1))
                elif tier == 3:
                    a1, b1, a2, b2 = num(-5, 5), num(-5, 5), num(-4, 4), Fraction(1)
                elif tier == 4:
                    a1, b1 = num(1, 6), num(1, 6)
                    a2, b2 = num(1, 4), num(-4, 4)
                else:
                    a1, b1, a2, b2 = num(-9, 9), num(-9, 9), num(-9, 9), num(-9, 9)
                ok = a1 * b2 != a2 * b1
                e1 = f"{system_side(a1, b1)} = {fmt(a1 * x0 + b1 * y0)}"
                if tier == 3:
                    e2 = line_text(-a2, y0 + a2 * x0)
                else:
                    e2 = f"{system_side(a2, b2)} = {fmt(a2 * x0 + b2 * y0)}"
            if ok and x0 != y0:
                break
        answer = pair(x0, y0)
        # a point on the first line but not the second: from the first equation alone
        other = (x0 + b1, y0 - a1)
        return Draft(
            question=f"Solve the system {e1} and {e2}. What is the solution (x, y)?",
            answer=answer,
            solution=[
                "Remove a variable by substituting or by adding the equations.",
                f"x = {fmt(x0)}, and putting it back gives y = {fmt(y0)}.",
                f"The solution is {answer}.",
            ],
            wrong=[
                (pair(y0, x0), "wrote the coordinates in the wrong order"),
                (pair(x0, -y0), "made a sign slip when finding y"),
                (pair(*other), "found a point that fits only the first equation"),
                (pair(-x0, y0), "made a sign slip when finding x"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        first, second = question_part(core.question, r"system (.+) and (.+)\. What")
        found = sympy.solve([to_sympy(first), to_sympy(second)], [X, Y], dict=True)
        if len(found) != 1:
            raise ValueError("the system has no single solution")
        return sympy.Tuple(found[0][X], found[0][Y])


FRUIT = (("apples", "pears"), ("muffins", "juices"), ("pencils", "erasers"), ("tacos", "drinks"))


class SystemWordProblem(Family):
    """Word problems that lead to two linear equations. Tiers: heads and legs; tickets of
    two prices; tickets with prices in halves; two purchases of two items; two purchases
    with prices in cents."""

    name = "system_word_problem"
    topic = "8.EE.C.8.c"
    style = "decimal"
    context_hint = "buying two kinds of things, or counting animals by heads and legs"
    strategy = (
        "Write an equation for each fact with a letter for each unknown amount, then solve "
        "the system."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        show = self.show
        if tier == 1:
            cows, hens = rng.randint(2, 30), rng.randint(2, 30)
            heads, legs = cows + hens, 4 * cows + 2 * hens
            return Draft(
                question=f"A farm has chickens and cows. Together they have {heads} heads and "
                f"{legs} legs. How many cows are there?",
                answer=Fraction(cows),
                solution=[
                    "If every animal were a chicken there would be twice as many legs as heads.",
                    f"The extra legs, {legs} - {2 * heads} = {legs - 2 * heads}, are 2 per cow.",
                    f"There are {cows} cows.",
                ],
                wrong=[
                    (Fraction(hens), "found the number of chickens instead"),
                    (Fraction(legs - 2 * heads), "forgot that each cow adds 2 extra legs"),
                    (Fraction(legs, 4), "divided all the legs by 4"),
                    (Fraction(legs, 6), "divided the legs by 4 + 2"),
                ],
            )
        if tier in (2, 3):
            while True:
                step = Fraction(1) if tier == 2 else Fraction(1, 2)
                adult = Fraction(rng.randint(8, 30))
                student = (
                    step * rng.randint(4, 2 * int(adult) - 1)
                    if tier == 3
                    else Fraction(rng.randint(3, int(adult) - 1))
                )
                adults, students = rng.randint(2, 25), rng.randint(2, 25)
                if student < adult and adults != students:
                    break
            n, total = adults + students, adult * adults + student * students
            return Draft(
                question=f"Adult tickets cost {show(adult)} dollars and student tickets cost "
                f"{show(student)} dollars. A group bought {n} tickets for {show(total)} "
                "dollars in all. How many student tickets did they buy?",
                answer=Fraction(students),
                solution=[
                    "Let a be adult tickets and s student tickets: a + s is the count, and "
                    "the prices times the counts add to the total.",
                    f"{show(adult)}({n} - s) + {show(student)}s = {show(total)}, so "
                    f"s = {students}.",
                ],
                wrong=[
                    (Fraction(adults), "found the number of adult tickets instead"),
                    *(
                        (v, why)
                        for v, why in (
                            (
                                total / (adult + student),
                                "divided the total by the sum of the prices",
                            ),
                            (total / student, "divided the total by the student price"),
                        )
                        if v.denominator == 1
                    ),
                    (Fraction(n, 2), "split the tickets evenly"),
                ],
            )
        first, second = rng.choice(FRUIT)
        cents = 25 if tier == 4 else 5
        while True:
            p1 = Fraction(rng.randint(2, 16) * cents, 100)
            p2 = Fraction(rng.randint(2, 16) * cents, 100)
            a1, b1, a2, b2 = (rng.randint(1, 6) for _ in range(4))
            if p1 != p2 and a1 * b2 != a2 * b1 and (a1, b1) != (a2, b2):
                break
        c1, c2 = a1 * p1 + b1 * p2, a2 * p1 + b2 * p2
        return Draft(
            question=f"{a1} {first} and {b1} {second} cost {show(c1)} dollars. {a2} {first} "
            f"and {b2} {second} cost {show(c2)} dollars. What does one of the {second} cost, "
            "in dollars?",
            answer=p2,
            solution=[
                "Write one equation for each purchase, with a letter for the price of each "
                "kind of item.",
                f"Remove the {first} by multiplying and subtracting: the {second} cost "
                f"{show(p2)} dollars each.",
            ],
            wrong=[
                (p1, f"found the price of the {first} instead"),
                (c1 / (a1 + b1), "divided the first total by the number of items"),
                (abs(c1 - c2), "subtracted the totals"),
                (c2 / (a2 + b2), "divided the second total by the number of items"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        n = [to_sympy(v) for v in core.numbers]
        if "heads" in q:
            heads, legs = n
            return (legs - 2 * heads) / 2
        if "tickets" in q:
            adult, student, count, total = n
            return (adult * count - total) / (adult - student)
        a1, b1, c1, a2, b2, c2 = n
        p, r = sympy.symbols("p r")
        found = sympy.solve([a1 * p + b1 * r - c1, a2 * p + b2 * r - c2], [p, r], dict=True)
        return found[0][r]


RATES = (
    ("distance a cyclist rides, in miles,", "hours", (8, 20), "miles per hour"),
    ("water a pump moves, in gallons,", "minutes", (3, 15), "gallons per minute"),
    ("pages a printer prints", "minutes", (10, 40), "pages per minute"),
    ("money a worker earns, in dollars,", "hours", (9, 25), "dollars per hour"),
)


class ProportionalSlope(Family):
    """Slope as the unit rate of a proportional graph. Tiers: the unit rate from a marked
    point; the amount after a longer time; a unit rate in halves or tenths; how much
    greater the graphed rate is than one given by an equation; the same with decimals."""

    name = "proportional_slope"
    topic = "8.EE.B.5"
    style = "decimal"
    context_hint = "a steady rate shown on a graph, such as speed or pay"
    strategy = "The slope of a line through the origin is the unit rate: divide y by x."

    def draft(self, tier: int, rng: Random) -> Draft:
        what, per, (low, high), unit = rng.choice(RATES)
        show = self.show
        while True:
            if tier in (3, 5):
                a = Fraction(rng.choice((2, 4, 5)))
                rate = Fraction(rng.randint(low * int(a), high * int(a)), int(a))
            else:
                a, rate = Fraction(rng.randint(2, 6)), Fraction(rng.randint(low, high))
            if tier not in (3, 5) or rate.denominator > 1:
                break
        b = rate * a
        graph = (
            f"The graph shows the {what} after x {per}. The line goes through (0, 0) and "
            f"({show(a)}, {show(b)})."
        )
        figure = coordinate_plane(lines=[((0, 0), (a, b))], show=show)
        if tier == 2:
            z = Fraction(rng.randint(7, 12))
            return Draft(
                question=f"{graph} At this rate, how much is it after {show(z)} {per}?",
                answer=rate * z,
                solution=[
                    f"The unit rate is {show(b)} ÷ {show(a)}.",
                    f"{show(rate)} × {show(z)} = {show(rate * z)}.",
                ],
                wrong=[
                    (b * z, "multiplied the point's y-value by the time"),
                    (b + z, "added the time to the point's y-value"),
                    (a * z, "multiplied the point's x-value by the time"),
                ],
                figure=figure,
            )
        if tier in (4, 5):
            other = rate - Fraction(rng.randint(1, 5)) * (Fraction(1, 2) if tier == 5 else 1)
            if other <= 0:
                other = rate / 2
            return Draft(
                question=f"{graph} A second one follows y = {show(other)}x. How many more "
                f"{unit} is the graphed rate?",
                answer=rate - other,
                solution=[
                    f"The graphed rate is {show(b)} ÷ {show(a)}.",
                    f"{show(rate)} - {show(other)} = {show(rate - other)}.",
                ],
                wrong=[
                    (b - other, "used the point's y-value as the rate"),
                    (rate + other, "added the rates"),
                    (a - other if a > other else other - a, "used the point's x-value as the rate"),
                    (other, "gave the second rate"),
                ],
                figure=figure,
            )
        return Draft(
            question=f"{graph} What is the unit rate in {unit}?",
            answer=rate,
            solution=[f"Divide y by x: {show(b)} ÷ {show(a)}.", f"The rate is {show(rate)}."],
            wrong=[
                (a / b, "divided x by y"),
                (b, "gave the point's y-value"),
                (b - a, "subtracted the coordinates"),
                (b + a, "added the coordinates"),
            ],
            figure=figure,
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        (x0, y0), (x1, y1) = ((to_sympy(a), to_sympy(b)) for a, b in _POINT.findall(q)[:2])
        rate = (y1 - y0) / (x1 - x0)
        if found := re.search(r"after (\S+) (?:hours|minutes)\?", q):
            return rate * to_sympy(found[1])
        if found := re.search(r"y = (\S+)x", q):
            return rate - to_sympy(found[1])
        return rate


class SlopeIntercept(Family):
    """The equation y = mx + b of a line through two points. Tiers: through the origin; from
    the y-intercept; two points, whole slope; a fraction slope; a negative fraction slope."""

    name = "slope_intercept"
    topic = "8.EE.B.6"
    kinds = ("multiple_choice", "expression")
    nonnegative = False
    context_hint = "a straight path or a steady change drawn on a grid"
    strategy = (
        "Find the slope as rise over run between the points, then find where the line "
        "crosses the y-axis."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        while True:
            if tier in (1, 2, 3):
                m = Fraction(rng.choice([n for n in range(-6, 7) if n not in (0, 1)]))
                run = rng.randint(1, 8 if tier == 1 else 4)
            else:
                d = rng.choice((2, 3, 4))
                m = Fraction(rng.randint(1, 2 * d), d) * (-1 if tier == 5 else 1)
                run = d * rng.randint(1, 2)
            b = Fraction(0) if tier == 1 else Fraction(rng.randint(-6, 6))
            x1 = Fraction(0) if tier in (1, 2) else Fraction(rng.randint(-5, 4))
            x2 = x1 + run
            p, q = (x1, m * x1 + b), (x2, m * x2 + b)
            if m.denominator > 1 or tier < 4:
                if b != 0 or tier == 1:
                    if abs(m) != 1 and b != m:
                        break
        answer = line_text(m, b)
        rise, over = q[1] - p[1], q[0] - p[0]
        return Draft(
            question=f"A line goes through {pair(*p)} and {pair(*q)}. Which equation "
            "describes the line?",
            answer=answer,
            solution=[
                f"Slope = ({fmt(q[1])} - ({fmt(p[1])})) ÷ ({fmt(q[0])} - ({fmt(p[0])})).",
                f"That is {fmt(rise)} ÷ {fmt(over)}; the line crosses the y-axis at {fmt(b)}.",
                answer + ".",
            ],
            wrong=[
                (line_text(b, m) if b else None, "swapped the slope and the y-intercept"),
                (line_text(1 / m, b), "found run over rise instead of rise over run"),
                (line_text(-m, b), "got the sign of the slope wrong"),
                (line_text(m, -b) if b else None, "got the sign of the y-intercept wrong"),
                (line_text(m, q[1]) if q[1] != b else None, "used a point's y-value as b"),
                (line_text(rise, b) if over != 1 else None, "used the rise alone as the slope"),
            ],
            figure=coordinate_plane(lines=[(p, q)], show=fmt),
        )

    def expected(self, core: ItemCore) -> Any:
        (x1, y1), (x2, y2) = ((to_sympy(a), to_sympy(b)) for a, b in _POINT.findall(core.question))
        m = (y2 - y1) / (x2 - x1)
        return sympy.Eq(Y, m * X + y1 - m * x1)


class SystemGraph(Family):
    """What a system's solution means on a graph: where two drawn lines cross. Tiers: whole
    slopes, first quadrant; any quadrant; one flat line; steeper lines with negatives; a
    fraction slope."""

    name = "system_graph"
    topic = "8.EE.C.8.a"
    kinds = ("multiple_choice",)
    nonnegative = False
    context_hint = "two steady changes drawn on one grid, such as two savings plans"
    strategy = "The solution of the system is the point on both lines, where the lines cross."

    def draft(self, tier: int, rng: Random) -> Draft:
        while True:
            low = 1 if tier == 1 else -5
            x0, y0 = Fraction(rng.randint(low, 7)), Fraction(rng.randint(low, 7))
            m1 = Fraction(rng.choice((1, 2, 3, -1, -2)))
            m2 = Fraction(rng.choice((-1, -2, -3, 1, 2)))
            if tier == 3:
                m2 = Fraction(0)
            if tier == 4:
                m1, m2 = m1 * 2, -abs(m2) - 1
            if tier == 5:
                m1 = Fraction(rng.choice((1, -1, 3)), 2)
            s1 = 2 if m1.denominator == 2 else 1
            d1, e1 = s1 * rng.randint(1, 3), s1 * rng.randint(1, 3)
            d2, e2 = rng.randint(1, 4), rng.randint(1, 4)
            p1, p2 = (x0 - d1, y0 - m1 * d1), (x0 + e1, y0 + m1 * e1)
            p3, p4 = (x0 - d2, y0 - m2 * d2), (x0 + e2, y0 + m2 * e2)
            corners = (p1, p2, p3, p4)
            first = all(c >= 0 for pt in corners for c in pt) if tier == 1 else True
            if m1 != m2 and first and x0 != y0 and all(abs(c) <= 12 for pt in corners for c in pt):
                break
        answer = pair(x0, y0)
        y_cross = y0 - m1 * x0
        return Draft(
            question=f"Line A goes through {pair(*p1)} and {pair(*p2)}. Line B goes through "
            f"{pair(*p3)} and {pair(*p4)}. The graph shows both lines. Which point is a "
            "solution of both equations?",
            answer=answer,
            solution=[
                "A point that solves both equations lies on both lines: where they cross.",
                f"Both lines pass through {answer}.",
            ],
            wrong=[
                (pair(y0, x0), "wrote the coordinates in the wrong order"),
                (pair(*p1), "picked a point on only one of the lines"),
                (pair(0, y_cross) if x0 != 0 else None, "gave where line A crosses the y-axis"),
                (pair(*p4), "picked a point on only one of the lines"),
            ],
            figure=coordinate_plane(lines=[(p1, p2), (p3, p4)], show=fmt),
        )

    def expected(self, core: ItemCore) -> Any:
        pts = [sympy.Point2D(to_sympy(a), to_sympy(b)) for a, b in _POINT.findall(core.question)]
        found = sympy.Line(pts[0], pts[1]).intersection(sympy.Line(pts[2], pts[3]))
        if len(found) != 1 or not isinstance(found[0], sympy.Point2D):
            raise ValueError("the lines do not cross at one point")
        return sympy.Tuple(*found[0].args)


FAMILIES: tuple[type[Family], ...] = (
    IntegerExponents,
    Roots,
    PowersOfTen,
    ScientificNotation,
    ProportionalSlope,
    SlopeIntercept,
    SolutionCount,
    MultistepEquation,
    SystemGraph,
    SystemSolve,
    SystemWordProblem,
)
