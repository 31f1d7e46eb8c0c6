"""Whole numbers, fractions and decimals: factors, division, the four operations."""

from __future__ import annotations

import math
import operator
from abc import abstractmethod
from collections.abc import Callable, Sequence
from fractions import Fraction
from functools import reduce
from random import Random
from typing import Any, ClassVar

import sympy

from edugen.content.cores import ItemCore
from edugen.content.families.base import Draft, ExpressionFamily, Family
from edugen.content.families.common import dec, decimal_places, fmt, listing, proper, rationals


def prime_factors(n: int) -> list[int]:
    out, p = [], 2
    while n > 1:
        while n % p == 0:
            out.append(p)
            n //= p
        p += 1
    return out


def divisors(n: int) -> list[int]:
    return [d for d in range(1, n + 1) if n % d == 0]


def improper(rng: Random, high: int) -> Fraction:
    """A fraction greater than 1 that is not a whole number, denominator at most `high`."""
    while True:
        d = rng.randint(2, high)
        f = Fraction(rng.randint(d + 1, 4 * d), d)
        if f.denominator > 1:
            return f


class FactorCount(Family):
    """Factors and primes. Tiers: numbers grow from 6-20 up to 100-200. Up to 100 (tiers 1-4)
    the question may instead ask for a composite number's largest factor below itself or the
    sum of its factors, or how many numbers in a stretch are prime (from 1 up in tier 1)."""

    name = "factor_count"
    topic = "4.OA.B.4"
    context_hint = "arranging a number of objects into equal rows"
    strategy = "List the factor pairs, smallest factor first, and count each factor once."
    sizes: ClassVar[dict[int, tuple[int, int]]] = {
        1: (6, 20),
        2: (20, 40),
        3: (40, 72),
        4: (72, 100),
        5: (100, 200),
    }

    def draft(self, tier: int, rng: Random) -> Draft:
        n = rng.randint(*self.sizes[tier])
        form = "count" if tier == 5 else rng.choice(("count", "count", "largest", "sum", "primes"))
        if form == "primes":
            # tier 1 reaches down to 1 and 2, the primes students most often get wrong
            return self._primes(rng, 1 if tier == 1 else self.sizes[tier][0], self.sizes[tier][1])
        divs = divisors(n)
        pairs = [(d, n // d) for d in divs if d * d <= n]
        listed = f"List the factor pairs of {n}: " + listing([f"{a} × {b}" for a, b in pairs]) + "."
        primes = prime_factors(n)
        if form == "largest" and len(divs) > 2:
            return Draft(
                question=f"What is the largest factor of {n} that is less than {n}?",
                answer=Fraction(divs[-2]),
                solution=[
                    listed,
                    f"The smallest factor above 1 is {divs[1]}, so its partner {divs[-2]} is the "
                    "largest factor below the number.",
                ],
                wrong=[
                    (Fraction(n), "gave the number itself"),
                    (Fraction(divs[1]), "gave the smallest factor above 1"),
                    (Fraction(max(primes)), "gave the largest prime factor"),
                    (Fraction(divs[-3]) if len(divs) > 3 else None, "skipped the largest factor"),
                    (Fraction(n - 1), "took one less than the number, which is not a factor"),
                ],
            )
        if form == "sum" and len(divs) > 2:
            total = sum(divs)
            root = math.isqrt(n)
            return Draft(
                question=f"What is the sum of all the factors of {n}?",
                answer=Fraction(total),
                solution=[listed, f"Add each factor once: {' + '.join(map(str, divs))} = {total}."],
                wrong=[
                    (Fraction(total - n), "left out the number itself"),
                    (Fraction(total - n - 1), "left out 1 and the number itself"),
                    (
                        Fraction(total + root) if root * root == n else None,
                        "added a square's repeated factor twice",
                    ),
                    (Fraction(sum(set(primes))), "added only the prime factors"),
                    (Fraction(len(divs)), "counted the factors instead of adding them"),
                    (Fraction(total - 1), "left out 1"),
                ],
            )
        count = len(divs)
        return Draft(
            question=f"How many factors does {n} have?",
            answer=Fraction(count),
            solution=[
                listed,
                f"Every number in a pair is a factor, a repeated one counted once: {count} "
                "factors.",
            ],
            wrong=[
                (Fraction(count - 2), "left out 1 and the number itself"),
                (Fraction(len(pairs)), "counted each factor pair as one factor"),
                (Fraction(len(set(primes))), "counted only the prime factors"),
                (Fraction(count - 1), "left out the number itself"),
                (Fraction(len(primes)), "counted the prime factors, repeats included"),
                (Fraction(2 * count), "counted every factor twice, listing each pair both ways"),
                (
                    Fraction(sum(1 for d in divs if d <= 10)) if n > 20 else None,
                    "checked only the factors up to 10",
                ),
            ],
        )

    def _primes(self, rng: Random, low: int, high: int) -> Draft:
        """How many numbers in a stretch of six to thirteen are prime (at least one is)."""
        while True:
            start = rng.randint(low, high - 5)
            stop = rng.randint(start + 5, min(start + 12, high))
            span = range(start, stop + 1)
            primes = [k for k in span if len(divisors(k)) == 2]
            if primes:
                break

        def without(*ps: int) -> int:
            return sum(1 for k in span if k in ps or (k > 1 and all(k % p for p in ps)))

        return Draft(
            question=f"How many numbers from {start} to {stop} are prime?",
            answer=Fraction(len(primes)),
            solution=[
                "A prime number has exactly two factors: 1 and itself.",
                f"From {start} to {stop} the only prime is {primes[0]}."
                if len(primes) == 1
                else f"From {start} to {stop} the primes are {listing(map(str, primes))}: "
                f"{len(primes)} of them.",
            ],
            wrong=[
                (Fraction(len(primes) + 1) if 1 in span else None, "counted 1 as a prime"),
                (Fraction(len(primes) - 1) if 2 in span else None, "left out 2 because it is even"),
                (Fraction(without(2, 3)), "checked only 2 and 3 as factors"),
                (Fraction(sum(k % 2 for k in span)), "counted every odd number as prime"),
                (Fraction(without(2, 3, 5)), "checked only 2, 3 and 5 as factors"),
                (Fraction(len(span) - len(primes)), "counted the numbers that are not prime"),
                (
                    Fraction(sum(start < k < stop for k in primes)),
                    "left out the numbers at the two ends",
                ),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        n = rationals(core.numbers)
        if "prime" in core.question:
            return sympy.Integer(len(list(sympy.primerange(n[0], n[1] + 1))))
        if "sum" in core.question:
            return sympy.divisor_sigma(n[0])
        if "largest" in core.question:
            return sympy.divisors(n[0])[-2]
        return sympy.divisor_count(n[0])


class _CommonFactorOrMultiple(Family):
    """Shared by GCF and LCM: the numbers' prime factors give the answer."""

    topic = "6.NS.B.4"
    context_hint = "splitting groups evenly, or events that repeat on different cycles"
    phrase: ClassVar[str]
    sizes: ClassVar[dict[int, tuple[int, int]]]  # tier: (how many numbers, largest number)

    def draft(self, tier: int, rng: Random) -> Draft:
        nums = self.numbers(rng, *self.sizes[tier])
        gcd, lcm = math.gcd(*nums), math.lcm(*nums)
        answer = gcd if self.phrase.startswith("greatest") else lcm
        steps = [f"{n} = {' × '.join(map(str, prime_factors(n)))}." for n in nums]
        few_or_most = "fewest" if answer == gcd else "most"
        return Draft(
            question=f"What is the {self.phrase} of {listing(map(str, nums[:-1]))}"
            f"{',' if len(nums) > 2 else ''} and {nums[-1]}?",
            answer=Fraction(answer),
            solution=[
                *steps,
                f"Take each prime the {few_or_most} times it appears in any one number: {answer}.",
            ],
            wrong=self.misconceptions(nums, gcd, lcm),
        )

    @abstractmethod
    def numbers(self, rng: Random, count: int, top: int) -> list[int]:
        """Numbers for the question, smallest first."""

    @abstractmethod
    def misconceptions(self, nums: list[int], gcd: int, lcm: int) -> list[tuple[Any, str]]:
        """Wrong answers a student reaches, each with its named misconception."""

    def expected(self, core: ItemCore) -> Any:
        nums = rationals(core.numbers)
        return sympy.gcd(nums) if self.phrase.startswith("greatest") else sympy.lcm(nums)


class GreatestCommonFactor(_CommonFactorOrMultiple):
    """Tiers: two numbers up to 20, 50, 100; then three numbers up to 60 and 120."""

    name = "greatest_common_factor"
    phrase = "greatest common factor"
    strategy = "Write each number as a product of primes, then keep the primes they all share."
    sizes = {1: (2, 30), 2: (2, 50), 3: (2, 100), 4: (3, 60), 5: (3, 120)}

    def numbers(self, rng: Random, count: int, top: int) -> list[int]:
        g = rng.randint(2, top // (count + 2))
        return sorted(rng.sample(range(2 * g, top + 1, g), count))

    def misconceptions(self, nums: list[int], gcd: int, lcm: int) -> list[tuple[Any, str]]:
        smaller = gcd // prime_factors(gcd)[0] if gcd > 1 else None
        return [
            (Fraction(lcm), "gave the least common multiple instead"),
            (None if smaller is None else Fraction(smaller), "stopped at a smaller common factor"),
            (Fraction(nums[0]), "gave the smallest number"),
            (Fraction(math.prod(nums)), "multiplied the numbers"),
        ]


class LeastCommonMultiple(_CommonFactorOrMultiple):
    """Tiers: two numbers up to 10, 15, 25; then three numbers up to 10 and 16."""

    name = "least_common_multiple"
    phrase = "least common multiple"
    strategy = (
        "Write each number as a product of primes, then keep each prime as often as it "
        "appears in whichever number has the most of it."
    )
    sizes = {1: (2, 14), 2: (2, 18), 3: (2, 25), 4: (3, 10), 5: (3, 16)}

    def numbers(self, rng: Random, count: int, top: int) -> list[int]:
        return sorted(rng.sample(range(2, top + 1), count))

    def misconceptions(self, nums: list[int], gcd: int, lcm: int) -> list[tuple[Any, str]]:
        return [
            (Fraction(gcd), "gave the greatest common factor instead"),
            (Fraction(math.prod(nums)), "multiplied the numbers"),
            (Fraction(2 * lcm), "gave a common multiple that is not the least"),
            (Fraction(nums[-1]), "gave the largest number"),
        ]


class WholeDivision(ExpressionFamily):
    """Dividing whole numbers. Tiers: 2-digit ÷ 1-digit; 3-digit ÷ 1-digit; 3-digit ÷ 2-digit;
    4-digit ÷ 2-digit; 4-digit ÷ 2-digit with a zero inside the quotient."""

    name = "whole_division"
    topic = "5.NBT.B.6"
    style = "decimal"
    context_hint = "sharing or packing a quantity into equal groups"
    strategy = (
        "Estimate how many times the divisor fits, multiply, subtract, and repeat with what is "
        "left."
    )
    # tier: (digits of the dividend, divisors, zero inside the quotient, decimal quotient)
    sizes: ClassVar[dict[int, tuple[int, Sequence[int], bool, bool]]] = {
        1: (2, range(2, 10), False, False),
        2: (3, range(3, 10), False, False),
        3: (3, range(11, 30), False, False),
        4: (4, range(12, 60), False, False),
        5: (4, range(12, 50), True, False),
    }

    def draft(self, tier: int, rng: Random) -> Draft:
        digits, divisors_, zero, decimal = self.sizes[tier]
        while True:
            d = rng.choice(divisors_)
            q = rng.randint(-(-(10 ** (digits - 1)) // d), (10**digits - 1) // d)
            r = rng.randint(1, d - 1) if decimal else 0
            n = q * d + r
            if len(str(n)) == digits and q > 1 and (not zero or "0" in str(q)[1:]):
                break
        answer = Fraction(n, d)
        steps, rest = [], n
        for place in reversed(range(len(str(q)))):
            chunk = rest // (d * 10**place) * 10**place
            if chunk:
                steps.append(
                    f"{d} × {chunk} = {d * chunk}, and {rest} - {d * chunk} = {rest - d * chunk}."
                )
                rest -= d * chunk
        if r:
            steps.append(f"The remainder {r} ÷ {d} = {fmt(Fraction(r, d), 'decimal')}.")
        lead = str(d)[0]
        return Draft(
            question=f"What is {n} ÷ {d}?" + (" Give the answer as a decimal." if r else ""),
            answer=answer,
            solution=[*steps, f"So {n} ÷ {d} = {fmt(answer, 'decimal')}."],
            wrong=[
                (
                    Fraction(int(str(q).replace("0", ""))) if "0" in str(q) else None,
                    "dropped a zero from the quotient",
                ),
                (
                    q + Fraction(r, 10 ** len(str(r))) if r else None,
                    "wrote the remainder as the decimal part",
                ),
                (Fraction(q) if r else None, "left off the remainder"),
                (
                    Fraction(n // int(lead)) if d > 9 else None,
                    "divided by only the first digit of the divisor",
                ),
                (
                    Fraction(int(str(q)[0] + "0" + str(q)[1:])),
                    "wrote an extra zero in the quotient",
                ),
                (
                    Fraction(n // 10 // d) if n >= 100 else None,
                    "forgot to bring down the last digit",
                ),
                (Fraction(n - d), "subtracted instead of dividing"),
                (
                    Fraction(int(str(q)[::-1])) if q >= 10 else None,
                    "wrote the digits of the quotient in reverse order",
                ),
                (Fraction(n * d), "multiplied instead of dividing"),
            ],
        )


class LongDivision(WholeDivision):
    """Tiers: 4-digit ÷ 2-digit; 5-digit ÷ 2-digit; 5-digit ÷ 3-digit; then decimal quotients
    of 4-digit ÷ 1- or 2-digit and 5-digit ÷ 2- or 3-digit divisors."""

    name = "long_division"
    topic = "6.NS.B.2"
    sizes = {
        1: (4, range(12, 100), False, False),
        2: (5, range(13, 100), False, False),
        3: (5, range(101, 400), False, False),
        4: (4, (4, 8, 16, 20, 25, 40), False, True),
        5: (5, (16, 25, 32, 40, 50, 80, 125), False, True),
    }


class DecimalOperations(ExpressionFamily):
    """The four operations on decimals. Tiers: add tenths; subtract tenths and hundredths;
    decimal × whole; decimal × decimal; decimal ÷ whole."""

    name = "decimal_operations"
    topic = "5.NBT.B.7"
    style = "decimal"
    context_hint = "money or measurements with decimals"
    strategy = (
        "Line up the decimal points, or work with whole numbers and place the point at the end."
    )
    # tier: (operation, places in the first and second number, size of the whole part)
    plan: ClassVar[dict[int, tuple[str, int, int, int]]] = {
        1: ("+", 1, 1, 10),
        2: ("-", 1, 2, 10),
        3: ("×", 1, 0, 10),
        4: ("×", 1, 1, 10),
        5: ("÷", 1, 0, 10),
    }

    def draft(self, tier: int, rng: Random) -> Draft:
        op, pa, pb, size = self.plan[tier]
        while True:
            a, b = dec(rng, pa, 0, size), dec(rng, pb, 1 if pb == 0 else 0, size)
            if op == "-" and a < b:
                a, b = b, a
            if op == "÷":
                a *= b  # a was the quotient
            answer: Fraction = {"+": a + b, "-": a - b, "×": a * b, "÷": a / b}[op]
            wrong, steps = self._worked(op, a, b, answer)
            # sums and differences that regroup somewhere; dividends that are not whole
            if op == "×" or (a.denominator > 1 if op == "÷" else wrong[0][0] != answer):
                break
        expr = f"{self.show(a)} {op} {self.show(b)}"
        return Draft(
            question=f"What is {expr}?",
            answer=answer,
            solution=[*steps, f"{expr} = {self.show(answer)}."],
            wrong=wrong,
        )

    def _worked(
        self, op: str, a: Fraction, b: Fraction, answer: Fraction
    ) -> tuple[list[tuple[Any, str]], list[str]]:
        """The misconceptions (the first, for + and -, is not regrouping) and the method."""
        if op in "+-":
            places = max(decimal_places(a), decimal_places(b))
            sign = 1 if op == "+" else -1
            in_place = (lambda p, q: (p + q) % 10) if op == "+" else (lambda p, q: abs(p - q))
            digits = [int(v * 10**places) for v in (a, b)]
            return [
                (
                    _digitwise(digits[0], digits[1], in_place, places),
                    "did not regroup between places",
                ),
                (
                    Fraction(abs(_strip_point(a) + sign * _strip_point(b)), 10**places),
                    "lined up the last digits instead of the decimal points",
                ),
                (Fraction(_strip_point(a) + sign * _strip_point(b)), "ignored the decimal points"),
                (
                    Fraction(abs(math.floor(a) + sign * math.floor(b))),
                    f"{'added' if sign > 0 else 'subtracted'} only the whole-number parts",
                ),
                (
                    a - b + 2 * (b % 1) if sign < 0 else None,
                    "subtracted the whole parts but added the decimal parts",
                ),
                (a * b if sign > 0 else None, "multiplied instead of adding"),
            ], [f"Line up the decimal points and {'add' if sign > 0 else 'subtract'} by place."]
        if op == "×":
            ints = [_strip_point(a), _strip_point(b)]
            places = decimal_places(a) + decimal_places(b)
            return [
                (answer * 10, "put too few decimal places in the product"),
                (answer / 10, "put too many decimal places in the product"),
                (
                    math.floor(a) * math.floor(b) + (a % 1) * (b % 1),
                    "multiplied the whole parts and the decimal parts separately",
                ),
            ], [
                f"Multiply as whole numbers: {ints[0]} × {ints[1]} = {ints[0] * ints[1]}.",
                f"The factors have {places} decimal places in all, so the product has {places}.",
            ]
        shift = 10 ** decimal_places(b)
        steps = [f"Make the divisor whole: {self.show(a * shift)} ÷ {self.show(b * shift)}."]
        return [
            (answer / shift if shift > 1 else None, "moved the decimal point in the divisor only"),
            (a * b, "multiplied instead of dividing"),
            (answer / 10, "put the decimal point one place too far left"),
            (answer * 10, "put the decimal point one place too far right"),
        ], [
            *(steps if shift > 1 else []),
            "Divide as with whole numbers, keeping the decimal point above its place.",
        ]


def _strip_point(x: Fraction) -> int:
    """The digits of a decimal read as a whole number: 3.15 -> 315."""
    return int(fmt(x, "decimal").replace(".", ""))


def _digitwise(a: int, b: int, f: Callable[[int, int], int], places: int) -> Fraction:
    x, y = str(a), str(b)
    width = max(len(x), len(y))
    digits = "".join(
        str(f(int(p), int(q))) for p, q in zip(x.zfill(width), y.zfill(width), strict=True)
    )
    return Fraction(int(digits), 10**places)


class DecimalMethods(DecimalOperations):
    """Multi-digit decimals. Tiers: add hundredths and thousandths; subtract tenths and
    thousandths; hundredths × tenths; tenths ÷ tenths; hundredths ÷ hundredths."""

    name = "decimal_methods"
    topic = "6.NS.B.3"
    plan = {
        1: ("+", 2, 3, 100),
        2: ("-", 1, 3, 100),
        3: ("×", 2, 1, 100),
        4: ("÷", 1, 1, 100),
        5: ("÷", 2, 2, 20),
    }


class _FractionArithmetic(ExpressionFamily):
    """Multiplying or dividing fractions; subclasses pick the operands per tier."""

    op: ClassVar[str]

    @abstractmethod
    def operands(self, tier: int, rng: Random) -> list[Fraction]:
        """The numbers to multiply or divide, in order."""

    def draft(self, tier: int, rng: Random) -> Draft:
        fs = self.operands(tier, rng)
        expr = f" {self.op} ".join(map(fmt, fs))
        if self.op == "÷":
            p, q = fs
            answer = p / q
            steps = [
                f"Dividing by {fmt(q)} is multiplying by its reciprocal: {fmt(p)} × {fmt(1 / q)}."
            ]
            factors = [p, 1 / q]
            wrong: list[tuple[Any, str]] = [
                (p * q, "multiplied instead of dividing"),
                (q / p, "flipped the first number instead of the second"),
                (1 / (p * q), "flipped both numbers"),
            ]
        else:
            answer = reduce(operator.mul, fs)
            steps, factors = [], fs
            whole = [f for f in fs if f.denominator == 1]
            wrong = [
                (sum(fs), "added instead of multiplying"),
                (
                    Fraction(sum(f.numerator for f in fs), sum(f.denominator for f in fs)),
                    "added the numerators and the denominators",
                ),
                (reduce(operator.truediv, fs), "divided instead of multiplying"),
                (
                    next(f for f in fs if f.denominator > 1) if whole else None,
                    "multiplied the whole number into both the numerator and the denominator",
                ),
            ]
        nums = " × ".join(str(f.numerator) for f in factors)
        dens = " × ".join(str(f.denominator) for f in factors)
        top, bottom = (
            math.prod(f.numerator for f in factors),
            math.prod(f.denominator for f in factors),
        )
        steps.append(
            f"Multiply the numerators and the denominators: ({nums})/({dens}) = {top}/{bottom}."
        )
        return Draft(
            question=f"What is {expr}?",
            answer=answer,
            solution=[*steps, f"In simplest form: {fmt(answer)}."],
            wrong=wrong,
        )


class FractionMultiplication(_FractionArithmetic):
    """Tiers: whole × unit fraction; whole × fraction; fraction × fraction; fractions with
    factors to cancel; three fractions."""

    name = "fraction_multiplication"
    topic = "5.NF.B.4"
    op = "×"
    context_hint = (
        "taking a fraction of a quantity, or the area of a rectangle with fractional sides"
    )
    strategy = "Multiply the numerators together and the denominators together, then simplify."

    def operands(self, tier: int, rng: Random) -> list[Fraction]:
        if tier == 1:
            fs = [Fraction(rng.randint(2, 9)), Fraction(1, rng.randint(2, 9))]
        elif tier == 2:
            fs = [Fraction(rng.randint(2, 12)), proper(rng, 3, 12)]
        elif tier == 3:
            fs = [proper(rng, 2, 9), proper(rng, 2, 9)]
        elif tier == 4:
            while True:
                fs = [improper(rng, 9), proper(rng, 3, 12)]
                a, b = fs
                if math.gcd(a.numerator, b.denominator) * math.gcd(b.numerator, a.denominator) > 1:
                    break
        else:
            fs = [proper(rng, 2, 10) for _ in range(3)]
        return [fs[0], fs[1], *fs[2:]] if rng.random() < 0.5 else [fs[1], fs[0], *fs[2:]]


class UnitFractionDivision(_FractionArithmetic):
    """Tiers: whole ÷ unit fraction; unit fraction ÷ whole; then either way with larger numbers."""

    name = "unit_fraction_division"
    topic = "5.NF.B.7"
    op = "÷"
    context_hint = "sharing a quantity into equal portions, or how many portions fit"
    strategy = "Dividing by a fraction is the same as multiplying by its reciprocal."
    sizes: ClassVar[dict[int, tuple[int, int]]] = {
        1: (12, 8),
        2: (10, 10),
        3: (9, 10),
        4: (20, 12),
        5: (50, 20),
    }

    def operands(self, tier: int, rng: Random) -> list[Fraction]:
        top_whole, top_den = self.sizes[tier]
        whole, unit = Fraction(rng.randint(2, top_whole)), Fraction(1, rng.randint(2, top_den))
        first_whole = tier == 1 or (tier > 2 and rng.random() < 0.5)
        return [whole, unit] if first_whole else [unit, whole]


class FractionDivision(_FractionArithmetic):
    """Tiers: fraction ÷ unit fraction with a whole answer; whole ÷ fraction; fraction ÷
    fraction; improper fractions; larger denominators."""

    name = "fraction_division"
    topic = "6.NS.A.1"
    op = "÷"
    context_hint = "how many portions of one size fit into an amount"
    strategy = "Dividing by a fraction is the same as multiplying by its reciprocal."

    def operands(self, tier: int, rng: Random) -> list[Fraction]:
        if tier == 1:
            m = rng.randint(2, 9)
            return [Fraction(rng.randint(1, m - 1), m), Fraction(1, m * rng.randint(2, 4))]
        if tier == 2:
            return [Fraction(rng.randint(2, 12)), proper(rng, 3, 10)]
        if tier == 3:
            return [proper(rng, 2, 10), proper(rng, 2, 10)]
        if tier == 4:
            return [improper(rng, 6), improper(rng, 8)]
        return [proper(rng, 8, 20), proper(rng, 8, 25)]


FAMILIES: tuple[type[Family], ...] = (
    FactorCount,
    GreatestCommonFactor,
    LeastCommonMultiple,
    WholeDivision,
    LongDivision,
    DecimalOperations,
    DecimalMethods,
    FractionMultiplication,
    UnitFractionDivision,
    FractionDivision,
)
