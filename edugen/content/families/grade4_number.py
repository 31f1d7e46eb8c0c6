"""Grade-4 families for operations and algebraic thinking, base ten and fractions
(4.OA, 4.NBT, 4.NF).

Stems are short sentences a nine-year-old reads: whole numbers are written without commas
(the way every family writes them), mixed numbers as "2 1/4", an unknown as a box "□". Keys
that are fractions are in simplest form (a student's "6/8" is still accepted by value).
Each family's `expected` reads the numbers back from the question alone and works the key
out again by another path than the generator's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from fractions import Fraction
from random import Random
from typing import Any

import sympy

from edugen.content.cores import ItemCore
from edugen.content.families.base import Answer, Draft, Family, question_part
from edugen.content.families.common import fmt
from edugen.content.figures.grade4_figs import fraction_strips, unit_fraction_line

Wrong = list[tuple[Answer | None, str]]
NAMES = ("Maya", "Ben", "Ana", "Leo", "Priya", "Sam", "Noor", "Kofi", "Elena", "Tom", "Mia", "Jay")
F = Fraction


def _q(text: str) -> Any:
    """A number as the question writes it ("12", "3/4", "0.45", "2 1/4") as a sympy value."""
    parts = text.split()
    return sum((sympy.Rational(F(p)) for p in parts), sympy.Integer(0))


def _mixed(x: Fraction) -> str:
    """A number as a grade-4 question writes it: "7", "3/4" or "2 1/4"."""
    whole, part = divmod(x, 1)
    if part == 0:
        return str(whole)
    return f"{whole} {fmt(part)}" if whole else fmt(part)


def _two(rng: Random, names: Sequence[str] = NAMES) -> tuple[str, str]:
    a, b = rng.sample(list(names), 2)
    return a, b


def _listing(texts: Sequence[str]) -> str:
    return ", ".join(texts[:-1]) + f" and {texts[-1]}" if len(texts) > 1 else texts[0]


# --- 4.OA.A.1: a multiplication equation as a comparison --------------------------------------


class TimesAsMany(Family):
    """A multiplication equation read as a comparison: 35 is 5 times as many as 7. Tiers: the
    number that is a times as many as b (factors to ten); the number a product is a times as
    many as; an equation read as a comparison; a two-digit number times one digit; how many
    times as many one number is as another."""

    name = "times_as_many"
    topic = "4.OA.A.1"
    context_hint = "comparing two amounts, one a number of times as many as the other"
    strategy = "Times as many means multiply; to find the smaller number, divide instead."

    def draft(self, tier: int, rng: Random) -> Draft:
        a = rng.randint(2, 10)
        b = rng.randint(11, 30) if tier == 4 else rng.randint(2, 10)
        p = a * b
        if tier in (1, 4):
            return Draft(
                question=f"What number is {a} times as many as {b}?",
                answer=F(p),
                solution=[
                    f"{a} times as many as {b} means {a} groups of {b}.",
                    f"{a} × {b} = {p}.",
                ],
                wrong=[
                    (F(a + b), "added the two numbers instead of multiplying"),
                    (F(p - b), "found how many more, not how many times as many"),
                    (F(a * (b // 10 * 10)) if tier == 4 else None, "multiplied only the tens"),
                    (F(a * (b - 1)), "counted one group too few"),
                    (F(p + b), "counted one group too many"),
                ],
            )
        if tier == 2:
            return Draft(
                question=f"{p} is {a} times as many as what number?",
                answer=F(b),
                solution=[
                    f"{p} = {a} × □, so divide: {p} ÷ {a}.",
                    f"{p} ÷ {a} = {b}, and {a} × {b} = {p}.",
                ],
                wrong=[
                    (F(p - a), "subtracted instead of dividing"),
                    (F(p * a), "multiplied instead of dividing"),
                    (F(p + a), "added instead of dividing"),
                    (F(a), "gave the number of times, not the number"),
                ],
            )
        if tier == 3:
            while a == b:
                b = rng.randint(2, 10)
            p = a * b
            first, second = (a, b) if rng.random() < 0.5 else (b, a)
            return Draft(
                question=f"The equation {p} = {first} × {second} is a comparison. "
                f"{p} is {first} times as many as what number?",
                answer=F(second),
                solution=[
                    f"{p} = {first} × {second} says {p} is {first} groups of {second}.",
                    f"So {p} is {first} times as many as {second}.",
                ],
                wrong=[
                    (F(first), "named the number of times, not the number compared"),
                    (F(p - first), "subtracted instead of dividing"),
                    (F(first + second), "added the two factors"),
                    (F(p), "gave the product itself"),
                ],
            )
        return Draft(
            question=f"{p} is how many times as many as {b}?",
            answer=F(a),
            solution=[
                f"Find the number of times: {p} ÷ {b}.",
                f"{p} ÷ {b} = {a}, and {a} × {b} = {p}.",
            ],
            wrong=[
                (F(p - b), "found how many more, not how many times as many"),
                (F(p + b), "added the two numbers"),
                (F(b), "gave the smaller number back"),
                (F(a + 1), "counted the number itself as one more time"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        t = core.question
        if t.startswith("What number is"):
            a, b = question_part(t, r"What number is (\d+) times as many as (\d+)\?")
            return sympy.Integer(int(a) * int(b))
        if "how many times" in t:
            p, b = question_part(t, r"(\d+) is how many times as many as (\d+)\?")
            return sympy.Rational(int(p), int(b))
        p, a = question_part(t, r"(\d+) is (\d+) times as many as what number\?")
        return sympy.Rational(int(p), int(a))


# --- 4.OA.A.2: multiplicative comparison word problems ----------------------------------------

# (thing, verb for having it): what two children can own times as many of
THINGS = (
    ("stickers", "has"),
    ("marbles", "has"),
    ("books", "read"),
    ("shells", "found"),
    ("cards", "has"),
    ("stamps", "has"),
    ("points", "scored"),
    ("laps", "swam"),
    ("beads", "used"),
    ("apples", "picked"),
)


class ComparisonProblems(Family):
    """Word problems that compare by times as many. Tiers: find the larger amount; find the
    smaller amount; find how many times as many; larger amounts; a second step (in all, or
    how many more)."""

    name = "comparison_problems"
    topic = "4.OA.A.2"
    context_hint = "two children and how many of something each has, one times as many"
    strategy = (
        "Draw a bar for each child: the larger bar is made of equal copies of the smaller "
        "bar. Then write a times or a division equation."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        thing, verb = rng.choice(THINGS)
        x, y = _two(rng)
        a = rng.randint(2, 9)
        s = rng.randint(11, 25) if tier == 4 else rng.randint(2, 12)
        big = a * s
        if tier == 1 or (tier == 4 and rng.random() < 0.5):
            return Draft(
                question=f"{x} {verb} {s} {thing}. {y} {verb} {a} times as many {thing} as "
                f"{x}. How many {thing} did {y} get?"
                if verb != "has"
                else f"{x} has {s} {thing}. {y} has {a} times as many {thing} as {x}. "
                f"How many {thing} does {y} have?",
                answer=F(big),
                solution=[f"{y}'s amount is {a} groups of {s}.", f"{a} × {s} = {big}."],
                wrong=[
                    (F(s + a), "added the number of times instead of multiplying"),
                    (F(big - s), "found how many more, not how many in all"),
                    (F(big + s), "added one more group of the smaller amount"),
                    (F(s * (a - 1)), "counted one group too few"),
                ],
            )
        if tier in (2, 4):
            return Draft(
                question=f"{y} has {big} {thing}. That is {a} times as many as {x} has. "
                f"How many {thing} does {x} have?",
                answer=F(s),
                solution=[f"{big} = {a} × □, so divide.", f"{big} ÷ {a} = {s}."],
                wrong=[
                    (F(big - a), "subtracted instead of dividing"),
                    (F(big * a), "multiplied instead of dividing"),
                    (F(big + a), "added instead of dividing"),
                    (F(a), "gave the number of times"),
                ],
            )
        if tier == 3:
            return Draft(
                question=f"{y} has {big} {thing}. {x} has {s} {thing}. {y} has how many "
                f"times as many {thing} as {x}?",
                answer=F(a),
                solution=[f"Divide: {big} ÷ {s}.", f"{big} ÷ {s} = {a}, since {a} × {s} = {big}."],
                wrong=[
                    (F(big - s), "found how many more, not how many times"),
                    (F(big + s), "added the two amounts"),
                    (F(s), "gave the smaller amount"),
                    (F(a + 1), "counted one time too many"),
                ],
            )
        if rng.random() < 0.5:
            return Draft(
                question=f"{x} has {s} {thing}. {y} has {a} times as many {thing} as {x}. "
                f"How many {thing} do they have in all?",
                answer=F(big + s),
                solution=[f"{y} has {a} × {s} = {big}.", f"In all: {big} + {s} = {big + s}."],
                wrong=[
                    (F(big), "gave only the larger amount"),
                    (F(s + a), "added the number of times"),
                    (F(big - s), "found how many more instead of in all"),
                    (F(s + a + s), "added the times and both amounts"),
                ],
            )
        return Draft(
            question=f"{x} has {s} {thing}. {y} has {a} times as many {thing} as {x}. "
            f"How many more {thing} does {y} have than {x}?",
            answer=F(big - s),
            solution=[f"{y} has {a} × {s} = {big}.", f"How many more: {big} - {s} = {big - s}."],
            wrong=[
                (F(big), "gave the larger amount, not how many more"),
                (F(big + s), "added instead of subtracting"),
                (F(a - 1) if a - 1 != big - s else None, "subtracted the number of times"),
                (F(s * (a + 1)), "counted one group too many"),
                (F(s), "gave the smaller amount"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        t = core.question
        n = [int(v) for v in re.findall(r"\d+", t)]
        if "That is" in t:
            return sympy.Rational(n[0], n[1])
        if "how many times" in t:
            return sympy.Rational(n[0], n[1])
        s, a = n[0], n[1]
        if "in all" in t:
            return sympy.Integer(s * a + s)
        if "How many more" in t:
            return sympy.Integer(s * a - s)
        return sympy.Integer(s * a)


# --- 4.OA.A.3: multistep problems, remainders interpreted ------------------------------------


class MultistepProblems(Family):
    """Multistep word problems with whole numbers, remainders interpreted. Tiers: groups plus
    extra; groups minus some given away; how many vans are needed (round up); how many whole
    batches can be made (round down); three steps, then a remainder to interpret."""

    name = "multistep_problems"
    topic = "4.OA.A.3"
    context_hint = "packs, boxes, vans and teams at school or a shop"
    strategy = (
        "Write an equation for each step. When you divide, decide what the leftover means: "
        "does it need another group, or is it left out?"
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        who = rng.choice(NAMES)
        if tier == 1:
            a, b, c = rng.randint(3, 9), rng.randint(4, 12), rng.randint(2, 9)
            thing = rng.choice(("pens", "crayons", "cookies", "stickers"))
            return Draft(
                question=f"A shop has {a} boxes of {thing}. Each box holds {b} {thing}. "
                f"There are {c} more {thing} on a shelf. How many {thing} are there in all?",
                answer=F(a * b + c),
                solution=[f"The boxes hold {a} × {b} = {a * b}.", f"{a * b} + {c} = {a * b + c}."],
                wrong=[
                    (F(a * b), "left out the extra ones on the shelf"),
                    (F(a + b + c), "added every number instead of multiplying"),
                    (F(a * (b + c)), "put the extra ones in every box"),
                ],
            )
        if tier == 2:
            a, b = rng.randint(3, 9), rng.randint(6, 12)
            c = rng.randint(2, a * b - 2)
            return Draft(
                question=f"{who} buys {a} packs of cards. Each pack has {b} cards. "
                f"{who} gives away {c} cards. How many cards are left?",
                answer=F(a * b - c),
                solution=[
                    f"{who} buys {a} × {b} = {a * b} cards.",
                    f"{a * b} - {c} = {a * b - c}.",
                ],
                wrong=[
                    (F(a * b + c), "added the cards given away"),
                    (F(a * b), "left out the cards given away"),
                    (F(a + b - c) if a + b > c else None, "added the packs and cards first"),
                    (F(a * (b - c)) if b > c else None, "took cards from every pack"),
                    (F(c - a) if c > a else None, "subtracted the packs from the cards"),
                ],
            )
        if tier == 3:
            size = rng.randint(4, 9)
            total = rng.randint(3, 12) * size + rng.randint(1, size - 1)
            q, r = divmod(total, size)
            return Draft(
                question=f"{total} students go on a trip. Each van holds {size} students. "
                "How many vans are needed?",
                answer=F(q + 1),
                solution=[
                    f"{total} ÷ {size} = {q} with {r} left over.",
                    f"The {r} students left over need a van too.",
                ],
                wrong=[
                    (F(q), "left out the students left over"),
                    (F(r), "gave the number left over"),
                    (F(total - size), "subtracted instead of dividing"),
                    (F(q + 2), "added two vans for the leftovers"),
                ],
            )
        if tier == 4:
            size = rng.randint(3, 9)
            total = rng.randint(5, 20) * size + rng.randint(1, size - 1)
            q, r = divmod(total, size)
            thing, batch = rng.choice(
                (
                    ("eggs", "cake"),
                    ("apples", "pie"),
                    ("beads", "bracelet"),
                    ("cups of flour", "loaf of bread"),
                )
            )
            return Draft(
                question=f"{who} has {total} {thing}. Each {batch} needs {size} {thing}. "
                f"How many whole batches can {who} make? One batch is one {batch}.",
                answer=F(q),
                solution=[
                    f"{total} ÷ {size} = {q} with {r} left over.",
                    f"The {r} left over are not enough for one more {batch}.",
                ],
                wrong=[
                    (F(q + 1), "rounded up, though the leftover is not enough"),
                    (F(r), "gave the number left over"),
                    (F(total - size), "subtracted instead of dividing"),
                ],
            )
        tables, per, extra = rng.randint(3, 8), rng.randint(4, 8), rng.randint(1, 9)
        size = rng.randint(3, 8)
        total = tables * per + extra
        q, r = divmod(total, size)
        if r == 0:
            extra += 1
            total += 1
            q, r = divmod(total, size)
        if rng.random() < 0.5:
            ask, answer = "How many cars are needed?", q + 1
            wrong: Wrong = [
                (F(q), "left out the students left over"),
                (F(r), "gave the number left over"),
                (F((tables * per) // size + 1), "left out the extra students"),
                (F(q + 2), "added two cars for the leftovers"),
            ]
        else:
            ask, answer = "If every car is full but one, how many students ride in that car?", r
            wrong = [
                (F(q + 1), "gave the number of cars needed"),
                (F(q), "gave the number of full cars"),
                (F(size - r), "counted the empty seats in that car"),
                (F(tables * per % size), "left out the extra students"),
            ]
        return Draft(
            question=f"A class has {tables} tables of {per} students. {extra} more students "
            f"join. They ride in cars that hold {size} students each. {ask}",
            answer=F(answer),
            solution=[
                f"Students: {tables} × {per} + {extra} = {total}.",
                f"{total} ÷ {size} = {q} with {r} left over.",
            ],
            wrong=wrong,
        )

    def expected(self, core: ItemCore) -> Any:
        t = core.question
        n = [int(v) for v in re.findall(r"\d+", t)]
        if t.startswith("A shop"):
            return sympy.Integer(n[0] * n[1] + n[2])
        if "gives away" in t:
            return sympy.Integer(n[0] * n[1] - n[2])
        if t.startswith("A class"):
            total, size = n[0] * n[1] + n[2], n[3]
            if "cars are needed" in t:
                return sympy.Integer(-(-total // size))
            return sympy.Integer(total % size)
        if "vans" in t:
            return sympy.Integer(-(-n[0] // n[1]))
        return sympy.Integer(n[0] // n[1])


# --- 4.OA.B.4: factors, multiples, primes ----------------------------------------------------


def factors(n: int) -> list[int]:
    return [d for d in range(1, n + 1) if n % d == 0]


def is_prime(n: int) -> bool:
    return len(factors(n)) == 2


class FactorsAndPrimes(Family):
    """Factor pairs, multiples, primes and composites up to 100. Tiers: how many factors or
    factor pairs a number up to 50 has; which number is prime; which number is a multiple of
    a digit; factors of a number from 50 to 100; how many composite numbers lie in a run."""

    name = "factors_and_primes"
    topic = "4.OA.B.4"
    context_hint = "arrays of chairs or tiles, and numbers up to one hundred"
    strategy = (
        "List the factor pairs in order, starting with the smallest factor, until the pairs "
        "begin to repeat."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier in (1, 4):
            n = rng.randint(6, 50) if tier == 1 else rng.randint(50, 100)
            fs = factors(n)
            pairs = [(d, n // d) for d in fs if d * d <= n]
            said = ", ".join(f"{d} × {e}" for d, e in pairs)
            square = pairs[-1][0] == pairs[-1][1]
            if rng.random() < 0.5:
                return Draft(
                    question=f"How many factors does {n} have?",
                    answer=F(len(fs)),
                    solution=[
                        f"The factor pairs of {n} are {said}.",
                        f"So {n} has {len(fs)} factors.",
                    ],
                    wrong=[
                        (F(len(pairs)), "counted the factor pairs, not the factors"),
                        (F(len(fs) - 2), "left out one and the number itself"),
                        (
                            F(len(fs) + 1) if square else F(len(fs) - 1),
                            "counted the middle factor twice"
                            if square
                            else "left out the number itself",
                        ),
                        (F(len(fs) + 2), "counted a pair in both orders"),
                    ],
                )
            return Draft(
                question=f"How many factor pairs does {n} have?",
                answer=F(len(pairs)),
                solution=[f"Start at 1 × {n} and go up.", f"The pairs are {said}."],
                wrong=[
                    (F(len(fs)), "counted every factor, not the pairs"),
                    (F(len(pairs) - 1), "left out the pair with one"),
                    (F(len(pairs) + 1), "counted one pair twice"),
                    (F(2 * len(pairs) + 1), "counted each pair in both orders"),
                ],
            )
        if tier == 2:
            p = rng.choice([k for k in range(11, 98) if is_prime(k)])
            threes = [k for k in range(21, 100, 6) if k % 5 and not is_prime(k)]
            sevens = [49, 77, 91]
            odd = rng.choice([k for k in threes if k != p])
            seven = rng.choice(sevens)
            one = rng.choice((1, rng.choice([k for k in range(25, 96, 10) if k != 35])))
            listed = [p, odd, seven, one]
            rng.shuffle(listed)
            return Draft(
                question=f"Which of these numbers is prime: {', '.join(map(str, listed))}?",
                answer=F(p),
                solution=[
                    "A prime number has exactly two factors: one and itself.",
                    f"{odd} = 3 × {odd // 3} and {seven} = 7 × {seven // 7}.",
                    f"Only {p} has no factor pair but 1 × {p}.",
                ],
                wrong=[
                    (F(odd), "thought an odd number not ending in five must be prime"),
                    (F(seven), "missed the factor seven"),
                    (
                        F(one),
                        "thought one is prime"
                        if one == 1
                        else "thought only numbers "
                        "that end in five can be split, and missed a factor",
                    ),
                ],
            )
        if tier == 3:
            d = rng.randint(3, 9)
            k = rng.randint(3, 99 // d)
            key = d * k
            picks: list[tuple[int, str]] = []
            slip = key + rng.choice((1, -1))
            if slip % d:
                picks.append((slip, "slipped by one when counting by the number"))
            others = [m for m in range(d * 2, 100, d) if m >= 10 and m != key]
            for m in rng.sample(others, len(others)):
                rev = int(str(m)[::-1])
                if rev % d and rev >= 10 and str(m)[-1] != "0":
                    picks.append((rev, "reversed the digits of a multiple"))
                    break
            ends = [v for v in range(10 + d, 100, 10) if v % d]
            if ends:
                picks.append((rng.choice(ends), f"chose a number that ends in {d}"))
            picks.append((key + d + rng.choice((1, 2)), "added the number to a multiple wrongly"))
            chosen: list[tuple[int, str]] = []
            for value, why in picks:
                if value not in [c[0] for c in chosen] and value != key and value % d:
                    chosen.append((value, why))
            chosen = chosen[:3]
            listed = [key, *(c[0] for c in chosen)]
            rng.shuffle(listed)
            return Draft(
                question=f"Which of these numbers is a multiple of {d}: "
                f"{', '.join(map(str, listed))}?",
                answer=F(key),
                solution=[f"Count by {d}s, or divide each number by {d}.", f"{d} × {k} = {key}."],
                wrong=[(F(v), why) for v, why in chosen],
            )
        start = rng.randint(10, 88)
        end = start + rng.randint(7, 11)
        run = range(start, end + 1)
        composite = [v for v in run if not is_prime(v)]
        primes = [v for v in run if is_prime(v)]
        evens = [v for v in run if v % 2 == 0]
        return Draft(
            question=f"How many composite numbers are there from {start} to {end}? "
            f"Count {start} and {end} too.",
            answer=F(len(composite)),
            solution=[
                "A composite number has more than two factors.",
                f"The primes from {start} to {end} are {', '.join(map(str, primes)) or 'none'}.",
                f"The other {len(composite)} numbers are composite.",
            ],
            wrong=[
                (F(len(primes)), "counted the prime numbers instead"),
                (F(len(evens)), "thought only even numbers are composite"),
                (F(len(composite) - len(evens)), "forgot that even numbers are composite"),
                (F(len(composite) - 1), "left out one end of the run"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        t = core.question
        n = [int(v) for v in re.findall(r"\d+", t)]
        count = sympy.divisor_count
        if "factor pairs" in t:
            return sympy.Integer((count(n[0]) + 1) // 2)
        if "factors does" in t:
            return sympy.Integer(count(n[0]))
        if "prime:" in t:
            (p,) = [v for v in n if sympy.isprime(v)]
            return sympy.Integer(p)
        if "multiple of" in t:
            (m,) = [v for v in n[1:] if v % n[0] == 0]
            return sympy.Integer(m)
        lo, hi = n[0], n[1]
        return sympy.Integer(sum(1 for v in range(lo, hi + 1) if v > 1 and not sympy.isprime(v)))


# --- 4.OA.C.5: patterns from a rule ----------------------------------------------------------


def _nth(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


class PatternRule(Family):
    """Number and shape patterns made by a rule. Tiers: add a number, find a later term;
    multiply by two or three; how many of the first terms are odd (a feature the rule does
    not say); subtract from a larger start; which shape has a given number of squares."""

    name = "pattern_rule"
    topic = "4.OA.C.5"
    context_hint = "number patterns and rows of squares, tiles or dots"
    strategy = (
        "Write the first few numbers of the pattern by following the rule, and look for "
        "what repeats or grows the same way each time."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier in (1, 4):
            s = rng.randint(1, 12) if tier == 1 else rng.randint(150, 300)
            d = rng.randint(2, 9) if tier == 1 else rng.randint(6, 25)
            k = rng.randint(5, 9)
            sign = 1 if tier == 1 else -1
            terms = [s + sign * d * i for i in range(k)]
            verb = f"add {d}" if sign > 0 else f"subtract {d}"
            return Draft(
                question=f"A pattern starts at {s}. The rule is {verb}. What is the "
                f"{_nth(k)} number in the pattern?",
                answer=F(terms[-1]),
                solution=[
                    f"The first numbers are {', '.join(map(str, terms[:4]))} and so on.",
                    f"From the 1st to the {_nth(k)} number the rule is used {k - 1} times.",
                ],
                wrong=[
                    (F(s + sign * d * k), "used the rule one time too many"),
                    (F(s + sign * d * (k - 2)), "used the rule one time too few"),
                    (F(d * k), "left out the starting number"),
                    (F(terms[-1] + sign), "counted on by one at the end"),
                ],
            )
        if tier == 2:
            s, m = rng.randint(1, 12), rng.choice((2, 3))
            k = rng.randint(4, 6) if m == 2 else rng.randint(3, 5)
            terms = [s * m**i for i in range(k)]
            return Draft(
                question=f"A pattern starts at {s}. The rule is multiply by {m}. What is the "
                f"{_nth(k)} number in the pattern?",
                answer=F(terms[-1]),
                solution=[f"The numbers are {', '.join(map(str, terms[:-1]))} and so on."],
                wrong=[
                    (F(s + m * (k - 1)), "added instead of multiplying"),
                    (F(s * m**k), "multiplied one time too many"),
                    (F(s * m ** (k - 2)), "multiplied one time too few"),
                    (F(s * m * (k - 1)), "multiplied the start by the rule once for each step"),
                ],
            )
        if tier == 3:
            s, d, k = rng.randint(1, 15), rng.randint(2, 9), rng.randint(8, 15)
            terms = [s + d * i for i in range(k)]
            odd = sum(t % 2 for t in terms)
            return Draft(
                question=f"A pattern starts at {s}. The rule is add {d}. Look at the first "
                f"{k} numbers. How many of them are odd?",
                answer=F(odd),
                solution=[
                    f"The numbers are {', '.join(map(str, terms[:4]))} and so on.",
                    "Adding an even number keeps odd and even the same; adding an odd number "
                    "switches them each time.",
                ],
                wrong=[
                    (F(k - odd), "counted the even numbers"),
                    (F(k // 2 if odd != k // 2 else k // 2 + 1), "thought half must be odd"),
                    (F(k if odd != k else 0), "thought the numbers all match the start"),
                    (F(odd + 1), "counted one number too many"),
                ],
            )
        s, d = rng.randint(2, 9), rng.randint(2, 6)
        k = rng.randint(6, 20)
        total = s + d * (k - 1)
        thing = rng.choice(("squares", "tiles", "dots", "sticks"))
        return Draft(
            question=f"Shape 1 has {s} {thing}. Each new shape has {d} more {thing} than the "
            f"shape before. Which shape number has {total} {thing}?",
            answer=F(k),
            solution=[
                f"From shape 1 the {thing} grow by {d} each time: {total} - {s} = {total - s}.",
                f"{total - s} ÷ {d} = {k - 1} steps after shape 1.",
            ],
            wrong=[
                (F(k - 1), "forgot to count shape 1"),
                (
                    F(total // d) if total % d == 0 else F(k + 1),
                    "divided the total by the rule"
                    if total % d == 0
                    else "counted one shape too many",
                ),
                (F(total - s), "gave the number of new squares"),
                (F(k + 2), "counted two shapes too many"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        t = core.question
        n = [int(v) for v in re.findall(r"\d+", t)]
        if t.startswith("Shape 1"):
            s, d, total = n[1], n[2], n[3]
            return sympy.Rational(total - s, d) + 1
        start, rule = n[0], n[1]
        step = {
            "add": lambda v: v + rule,
            "subtract": lambda v: v - rule,
            "multiply": lambda v: v * rule,
        }[question_part(t, r"The rule is (\w+)")[0]]
        count = n[2]
        values = [start]
        while len(values) < count:
            values.append(step(values[-1]))
        if "odd" in t:
            return sympy.Integer(sum(v % 2 for v in values))
        return sympy.Integer(values[-1])


# --- 4.NBT.A.1: a digit is worth ten times what it is worth one place to the right -----------

PLACES = ("ones", "tens", "hundreds", "thousands", "ten thousands", "hundred thousands")


def _distinct_digits(rng: Random, length: int) -> str:
    first = rng.randint(1, 9)
    rest = rng.sample([d for d in range(10) if d != first], length - 1)
    return "".join(map(str, [first, *rest]))


class TenTimesPlace(Family):
    """Place value: each place is worth ten times the place to its right. Tiers: the value of
    a digit; how many times one digit is worth the same digit further right; how many tens or
    hundreds a number has; ten times a number, or what a number is ten times; how many hundreds
    or tens make some thousands."""

    name = "ten_times_place"
    topic = "4.NBT.A.1"
    context_hint = "digits in large numbers, base-ten blocks, bundles of ten"
    strategy = (
        "Name the place of each digit. Each move a place to the left makes a digit worth "
        "as much as a bundle of the place before it."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier == 1:
            digits = _distinct_digits(rng, rng.randint(4, 5))
            pos = rng.randint(0, len(digits) - 2)
            d = int(digits[pos])
            while d == 0:
                pos = rng.randint(0, len(digits) - 2)
                d = int(digits[pos])
            k = len(digits) - 1 - pos
            return Draft(
                question=f"What is the value of the digit {d} in {digits}?",
                answer=F(d * 10**k),
                solution=[f"The {d} is in the {PLACES[k]} place.", f"It is worth {d} {PLACES[k]}."],
                wrong=[
                    (F(d), "gave the digit, not its value"),
                    (F(d * 10 ** (k + 1)), "counted one place too many"),
                    (F(d * 10 ** (k - 1)), "counted one place too few"),
                    (F(d * 10 ** (k + 2)), "counted two places too many"),
                ],
            )
        if tier == 2:
            length = rng.randint(4, 6)
            d = rng.randint(1, 9)
            i, j = sorted(rng.sample(range(length), 2))
            while True:
                places = [rng.randint(0, 9) for _ in range(length)]
                places[i] = places[j] = d
                if places[0] and places.count(d) == 2:
                    break
            text = "".join(map(str, places))
            gap = j - i
            return Draft(
                question=f"The digit {d} is in {text} two times. The {d} on the left is "
                f"worth how many times as much as the {d} on the right?",
                answer=F(10**gap),
                solution=[
                    f"The two {d}s are {gap} {'place' if gap == 1 else 'places'} apart.",
                    "Each place to the left is worth ten times as much.",
                ],
                wrong=[
                    (F(1), "thought the same digit has the same value"),
                    (
                        F(gap) if gap > 1 else F(2),
                        "counted the places between them" if gap > 1 else "counted the two digits",
                    ),
                    (F(10 ** (gap + 1)), "counted one place too many"),
                    (
                        F(10 ** (gap - 1)) if gap > 1 else F(100),
                        "counted one place too few" if gap > 1 else "counted one place too many",
                    ),
                ],
            )
        if tier == 3:
            unit = rng.choice((10, 100))
            n = rng.randint(101, 9999) * unit if unit == 10 else rng.randint(11, 999) * 100
            word = "tens" if unit == 10 else "hundreds"
            digit = n // unit % 10
            return Draft(
                question=f"How many {word} are in {n}?",
                answer=F(n // unit),
                solution=[f"Each {word[:-1]} is {unit}.", f"Count the {word}: {n} ÷ {unit}."],
                wrong=[
                    (F(digit), f"gave only the digit in the {word} place"),
                    (F(n * unit), "multiplied instead of dividing"),
                    (F(n // (unit * 10)) if unit == 10 else F(n // 10), "used the wrong place"),
                    (F(n - unit), "subtracted instead of dividing"),
                ],
            )
        if tier == 4:
            if rng.random() < 0.5:
                n = rng.randint(101, 9999)
                return Draft(
                    question=f"What number is ten times {n}?",
                    answer=F(10 * n),
                    solution=["Ten times moves every digit one place to the left."],
                    wrong=[
                        (F(n + 10), "added ten instead of multiplying"),
                        (F(100 * n), "moved the digits two places"),
                        (
                            F(n // 10) if n % 10 == 0 else F(n * 10 + 10),
                            "divided by ten" if n % 10 == 0 else "added ten after multiplying",
                        ),
                        (F(n * 10 - 10), "took away ten after multiplying"),
                    ],
                )
            n = rng.randint(11, 9999) * 10
            return Draft(
                question=f"{n} is ten times what number?",
                answer=F(n // 10),
                solution=["Undo ten times: move every digit one place to the right."],
                wrong=[
                    (F(n * 10), "multiplied instead of dividing"),
                    (F(n - 10), "subtracted ten instead of dividing"),
                    (
                        F(n // 100) if n % 100 == 0 else F(n // 10 + 10),
                        "moved the digits two places"
                        if n % 100 == 0
                        else "added ten after dividing",
                    ),
                    (F(n // 10 - 1), "took away one after dividing"),
                ],
            )
        big, small = rng.choice(
            (
                ("thousands", "hundreds"),
                ("thousands", "tens"),
                ("ten thousands", "thousands"),
                ("hundreds", "tens"),
            )
        )
        times = 10 ** (PLACES.index(big) - PLACES.index(small))
        k = rng.randint(2, 99)
        return Draft(
            question=f"How many {small} are in {k} {big}?",
            answer=F(k * times),
            solution=[
                f"One of the {big} is {times} {small}.",
                f"So {k} {big} is {k} × {times} {small}.",
            ],
            wrong=[
                (F(k), "kept the same number"),
                (F(k * times * 10), "moved one place too many"),
                (
                    F(k * times // 10) if times > 10 else F(k * 1000),
                    "moved one place too few" if times > 10 else "moved two places too many",
                ),
                (F(k + times), "added instead of multiplying"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        t = core.question
        words = {"ones": 1, "tens": 10, "hundreds": 100, "thousands": 1000}
        words |= {"ten thousands": 10_000, "hundred thousands": 100_000}
        if t.startswith("What is the value"):
            d, number = question_part(t, r"digit (\d) in (\d+)\?")
            place = len(number) - 1 - number.index(d)
            return sympy.Integer(int(d) * 10**place)
        if "two times" in t:
            d, number = question_part(t, r"digit (\d) is in (\d+) two")
            where = [i for i, c in enumerate(number) if c == d]
            return sympy.Integer(10 ** (where[1] - where[0]))
        if found := re.fullmatch(r"How many (\w+) are in (\d+)\?", t):
            return sympy.Rational(int(found[2]), words[found[1]])
        if found := re.fullmatch(r"How many (\w+) are in (\d+) ([\w ]+)\?", t):
            return sympy.Rational(int(found[2]) * words[found[3]], words[found[1]])
        if "is ten times what" in t:
            return sympy.Rational(int(question_part(t, r"^(\d+)")[0]), 10)
        return sympy.Integer(10 * int(question_part(t, r"ten times (\d+)\?")[0]))


# --- 4.NBT.A.2: reading, writing and comparing multi-digit numbers ---------------------------

ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def _words_below_1000(n: int) -> str:
    out = []
    if n >= 100:
        out.append(f"{ONES[n // 100]} hundred")
        n %= 100
    if n >= 20:
        out.append(TENS[n // 10] + (f"-{ONES[n % 10]}" if n % 10 else ""))
    elif n:
        out.append(ONES[n])
    return " ".join(out)


def number_words(n: int) -> str:
    """A whole number below a million in words, as a grade-4 student writes it."""
    high, low = divmod(n, 1000)
    if not high:
        return _words_below_1000(low)
    head = f"{_words_below_1000(high)} thousand"
    return f"{head}, {_words_below_1000(low)}" if low else head


class ReadWriteCompare(Family):
    """Reading, writing and comparing multi-digit numbers. Tiers: expanded form to a number;
    number names to a number; which of four numbers is greatest; which is least; a number
    told in places that need regrouping (14 hundreds)."""

    name = "read_write_compare"
    topic = "4.NBT.A.2"
    context_hint = "large numbers such as a town's people, a stadium's seats, miles flown"
    strategy = (
        "Line the numbers up by place value. Keep a digit for every place, even an empty "
        "place, and compare from the greatest place down."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier in (1, 2):
            length = rng.randint(4, 5) if tier == 1 else rng.randint(5, 6)
            while True:
                digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(length - 1)]
                zeros = [i for i, d in enumerate(digits) if d == 0 and i > 0]
                if len(zeros) == 1 and zeros[0] < length - 1:
                    break
            n = int("".join(map(str, digits)))
            z = zeros[0]
            nonzero = "".join(str(d) for d in digits if d)
            swapped = digits[:]
            swapped[z], swapped[z + 1] = swapped[z + 1], swapped[z]
            if tier == 1:
                parts = [d * 10 ** (length - 1 - i) for i, d in enumerate(digits) if d]
                question = f"Write {' + '.join(map(str, parts))} as one number."
                high = n // 1000
                run: Answer | None = F(int(f"{high}000{n % 1000}")) if n % 1000 else None
                why = "wrote the thousands and then the rest after them"
                first = "Each part fills one place: " + ", ".join(
                    f"{d} {PLACES[length - 1 - i]}" for i, d in enumerate(digits) if d
                )
            else:
                question = (
                    f"A number is written in words. It is {number_words(n)}. Write it in digits."
                )
                high, low = divmod(n, 1000)
                run = F(int(f"{high}000{low}")) if low else None
                why = "wrote the thousands as a number and then the rest after it"
                first = f"The thousands part is {high}, and the rest is {low}."
            return Draft(
                question=question,
                answer=F(n),
                solution=[first + ".", "Write a zero for the empty place."],
                wrong=[
                    (F(int(nonzero)), "left out the zero for the empty place"),
                    (F(int("".join(map(str, swapped)))), "put the zero in the wrong place"),
                    (run, why),
                    (F(n * 10), "wrote one zero too many"),
                ],
            )
        if tier in (3, 4):
            great = tier == 3
            length = rng.randint(4, 5)

            def make(first: int, second: int, middle: Sequence[int], ones: int, size: int) -> int:
                inner = [*middle][: size - 3]
                return int("".join(map(str, [first, second, *inner, ones])))

            def mid(low: int, high: int, size: int) -> list[int]:
                return [rng.randint(low, high) for _ in range(size - 3)]

            if great:
                f, s2 = rng.randint(2, 6), rng.randint(3, 7)
                key = make(f, s2, mid(0, 7, length), rng.randint(0, 5), length)
                ones = make(f, rng.randint(0, s2 - 1), mid(0, 7, length), 8, length)
                big = make(f, rng.randint(0, s2 - 1), [9] * 3, rng.randint(0, 6), length)
                short = make(
                    rng.randint(f + 1, 8),
                    rng.randint(0, 7),
                    mid(0, 7, length - 1),
                    rng.randint(0, 7),
                    length - 1,
                )
            else:
                f, s2 = rng.randint(2, 7), rng.randint(2, 7)
                key = make(f, s2, mid(2, 9, length), rng.randint(3, 9), length)
                ones = make(f, rng.randint(s2 + 1, 9), mid(2, 9, length), 1, length)
                big = make(f, rng.randint(s2 + 1, 9), [0] * 3, rng.randint(2, 9), length)
                short = make(
                    1, rng.randint(2, 9), mid(2, 9, length + 1), rng.randint(2, 9), length + 1
                )
            if length == 3 or len({key, ones, big, short}) < 4:
                raise ValueError("four different numbers are needed")
            word = "greatest" if great else "least"
            listed = rng.sample([key, ones, big, short], 4)
            return Draft(
                question=f"Which number is the {word}: {', '.join(map(str, listed))}?",
                answer=F(key),
                solution=[
                    "A number with more digits is greater. Line up the places.",
                    "Compare from the greatest place down until two digits differ.",
                ],
                wrong=[
                    (F(ones), "compared the ones digits first"),
                    (
                        F(big),
                        f"chose the number with the {'biggest' if great else 'smallest'}"
                        " digit in it",
                    ),
                    (F(short), "compared the first digits without lining up places"),
                ],
            )
        a, b, c = rng.randint(1, 9), rng.randint(11, 99), rng.randint(1, 9)
        while b % 10 == 0:
            b = rng.randint(11, 99)
        n = a * 10000 + b * 100 + c
        return Draft(
            question=f"What number is {a} ten thousands, {b} hundreds and {c} ones?",
            answer=F(n),
            solution=[
                f"{b} hundreds is {b * 100}.",
                f"{a * 10000} + {b * 100} + {c} = {n}.",
            ],
            wrong=[
                (F(int(f"{a}{b}{c}")), "wrote the numbers side by side"),
                (F(a * 10000 + (b % 10) * 100 + c), "dropped the thousands inside the hundreds"),
                (F(a * 10000 + b * 1000 + c), "put the hundreds one place too far left"),
                (F(a * 10000 + b * 10 + c), "put the hundreds one place too far right"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        t = core.question
        if t.startswith("Which number"):
            values = [int(v) for v in question_part(t, r": (.+)\?")[0].split(", ")]
            return sympy.Integer(max(values) if "greatest" in t else min(values))
        if "ten thousands" in t:
            a, b, c = (int(v) for v in re.findall(r"\d+", t))
            return sympy.Integer(a * 10000 + b * 100 + c)
        if "+" in t:
            return sympy.Integer(sum(int(v) for v in re.findall(r"\d+", t)))
        words = question_part(t, r"It is (.+)\. Write it in digits\.")[0]
        return sympy.Integer(_read_words(words))


def _read_words(words: str) -> int:
    """'forty-two thousand, six hundred eight' as 42608."""
    small = {w: i for i, w in enumerate(ONES)} | {w: 10 * i for i, w in enumerate(TENS) if i > 1}
    total = current = 0
    for word in words.replace(",", " ").replace("-", " ").split():
        if word == "hundred":
            current *= 100
        elif word == "thousand":
            total, current = total + current * 1000, 0
        else:
            current += small[word]
    return total + current


# --- 4.NBT.A.3: rounding ---------------------------------------------------------------------


def round_to(n: int, place: int) -> int:
    return (n + place // 2) // place * place


class RoundWholeNumbers(Family):
    """Rounding whole numbers to any place. Tiers: three digits to the nearest ten; four
    digits to the nearest hundred; five digits to the nearest thousand; six digits to the
    nearest ten thousand or hundred thousand; the least or greatest number that rounds to a
    given hundred."""

    name = "round_whole_numbers"
    topic = "4.NBT.A.3"
    context_hint = "about how many: people at a game, miles, pages, seats"
    strategy = (
        "Find the round numbers at that place that the number lies between, then look at the "
        "digit just to the right to see which it is closer to."
    )
    names = {10: "ten", 100: "hundred", 1000: "thousand", 10_000: "ten thousand"}
    names |= {100_000: "hundred thousand"}

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier == 5:
            x = rng.randint(11, 99) * 100
            if rng.random() < 0.5:
                return Draft(
                    question=f"A whole number rounds to {x} when you round to the nearest "
                    "hundred. What is the least it can be?",
                    answer=F(x - 50),
                    solution=[f"Numbers from halfway below {x} up round to {x}."],
                    wrong=[
                        (F(x - 49), "thought a number halfway between rounds down"),
                        (F(x - 99), "went down to just above the hundred below"),
                        (F(x), "gave the rounded number itself"),
                        (F(x - 5), "used halfway between tens"),
                    ],
                )
            return Draft(
                question=f"A whole number rounds to {x} when you round to the nearest "
                "hundred. What is the greatest it can be?",
                answer=F(x + 49),
                solution=[f"Halfway above {x} already rounds up to the next hundred."],
                wrong=[
                    (F(x + 50), "thought a number halfway between rounds down"),
                    (F(x + 99), "went up to just below the next hundred"),
                    (F(x), "gave the rounded number itself"),
                    (F(x + 4), "used halfway between tens"),
                ],
            )
        length, place = {1: (3, 10), 2: (4, 100), 3: (5, 1000)}.get(
            tier, (6, rng.choice((10_000, 100_000)))
        )
        n = rng.randint(10 ** (length - 1) + 1, 10**length - 1)
        while n % place == 0:
            n = rng.randint(10 ** (length - 1) + 1, 10**length - 1)
        answer = round_to(n, place)
        down, up = n // place * place, n // place * place + place
        return Draft(
            question=f"Round {n} to the nearest {self.names[place]}.",
            answer=F(answer),
            solution=[
                f"{n} lies between {down} and {up}.",
                f"Halfway is {down + place // 2}.",
            ],
            wrong=[
                (F(up if answer == down else down), "rounded the wrong way"),
                (F(round_to(n, place // 10)), "rounded to the place to the right"),
                (F(round_to(n, place * 10)), "rounded to the place to the left"),
                (F(n // (place // 10) * (place // 10)), "changed the digits after to zeros"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        t = core.question
        places = {"ten": 10, "hundred": 100, "thousand": 1000}
        places |= {"ten thousand": 10_000, "hundred thousand": 100_000}
        if t.startswith("Round"):
            n, where = question_part(t, r"Round (\d+) to the nearest ([a-z ]+)\.")
            step = places[where]
            low = int(n) - int(n) % step
            return sympy.Integer(low + step if int(n) - low >= step / 2 else low)
        x = int(re.findall(r"\d+", t)[0])
        near = [v for v in range(x - 100, x + 101) if round(v / 100 + 1e-9) * 100 == x]
        return sympy.Integer(min(near) if "least" in t else max(near))


# --- 4.NBT.B.4: adding and subtracting with the standard algorithm ---------------------------


def _digits(n: int, width: int) -> list[int]:
    """Digits from the ones place up, padded with zeros to `width`."""
    return [n // 10**i % 10 for i in range(width)]


def _columns(a: int, b: int, rule: Any) -> int:
    width = max(len(str(a)), len(str(b)))
    return sum(
        rule(x, y) * 10**i
        for i, (x, y) in enumerate(zip(_digits(a, width), _digits(b, width), strict=True))
    )


def _borrow_kept(a: int, b: int) -> int:
    """a - b column by column, borrowing ten but never taking it from the next place."""
    return _columns(a, b, lambda x, y: x - y if x >= y else x + 10 - y)


class ColumnAddSubtract(Family):
    """Adding and subtracting multi-digit whole numbers in columns. Tiers: four-digit sums
    with carrying; four-digit differences with borrowing; differences across zeros; five- and
    six-digit sums or differences; a library's books after some come and some go."""

    name = "column_add_subtract"
    topic = "4.NBT.B.4"
    context_hint = "books in a library, people at a game, points in a season, miles driven"
    strategy = (
        "Line the digits up by place, start with the ones, and carry or regroup into the "
        "next place whenever a column needs it."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier == 5:
            a = rng.randint(2000, 9000)
            b, c = rng.randint(150, 999), rng.randint(150, 999)
            return Draft(
                question=f"A library had {a} books. It got {b} new books. Then it gave away "
                f"{c} old books. How many books does it have now?",
                answer=F(a + b - c),
                solution=[f"First {a} + {b} = {a + b}.", f"Then {a + b} - {c} = {a + b - c}."],
                wrong=[
                    (F(a - b - c), "took away both numbers"),
                    (F(a + b + c), "added the books given away"),
                    (F(a + b), "left out the books given away"),
                    (F(a - b + c), "switched which books came and went"),
                ],
            )
        add = tier == 1 or (tier == 4 and rng.random() < 0.5)
        length = 4 if tier < 4 else rng.randint(5, 6)
        if add:
            a = rng.randint(10 ** (length - 1), 10**length - 1)
            b = rng.randint(10 ** (length - 2), 10**length - 1)
            return Draft(
                question=f"What is {a} + {b}?",
                answer=F(a + b),
                solution=[
                    "Line up the ones, tens, hundreds and thousands.",
                    "Add each column from the right, carrying tens.",
                ],
                wrong=[
                    (F(_columns(a, b, lambda x, y: (x + y) % 10)), "forgot to carry"),
                    (
                        F(a + b * 10 ** (len(str(a)) - len(str(b))))
                        if len(str(a)) != len(str(b))
                        else None,
                        "lined the numbers up on the left",
                    ),
                    (F(a - b), "subtracted instead of adding"),
                    (F(a + b + 10), "carried a one that was not there"),
                    (F(a + b - 10), "carried one less than needed"),
                ],
            )
        if tier == 3:
            top = rng.choice((1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000))
            a = top + rng.choice((0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9)) + rng.choice((0, 100, 200))
            b = rng.randint(101, a - 100)
        else:
            a = rng.randint(10 ** (length - 1) * 2, 10**length - 1)
            b = rng.randint(10 ** (length - 1), a - 1)
        return Draft(
            question=f"What is {a} - {b}?",
            answer=F(a - b),
            solution=[
                "Line up the places and start with the ones.",
                "When a top digit is too small, regroup one from the next place.",
            ],
            wrong=[
                (
                    F(_columns(a, b, lambda x, y: abs(x - y))),
                    "took the smaller digit from the larger in each column",
                ),
                (F(_borrow_kept(a, b)), "regrouped but did not take one from the next place"),
                (F(a + b), "added instead of subtracting"),
                (F(a - b + 10), "took one too few when regrouping"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        t = core.question
        if t.startswith("A library"):
            a, b, c = (int(v) for v in re.findall(r"\d+", t))
            return sympy.Integer(a + b - c)
        left, op, right = question_part(t, r"What is (\d+) ([+-]) (\d+)\?")
        return sympy.Integer(int(left) + int(right) if op == "+" else int(left) - int(right))


# --- 4.NBT.B.5: multiplying by place value ---------------------------------------------------


class MultiplyPlaceValue(Family):
    """Multiplying up to four digits by one digit, and two digits by two. Tiers: two digits by
    one; three digits by one; four digits by one; two digits by two; boxes of things packed
    two digits by two."""

    name = "multiply_place_value"
    topic = "4.NBT.B.5"
    context_hint = "rows of seats, boxes of pencils, packs of cards"
    strategy = (
        "Break the numbers into parts by place value, multiply each part, then add the parts."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier <= 3:
            length = tier + 1
            a = rng.randint(10 ** (length - 1) + 1, 10**length - 1)
            m = rng.randint(3, 9)
            digits = [int(c) for c in str(a)]
            side = int("".join(str(d * m) for d in digits))
            ones_only = a - a % 10 + a % 10 * m
            return Draft(
                question=f"What is {a} × {m}?",
                answer=F(a * m),
                solution=[
                    "Split by place: "
                    + " + ".join(str(d * 10 ** (length - 1 - i)) for i, d in enumerate(digits) if d)
                    + ".",
                    f"Multiply each part by {m} and add.",
                ],
                wrong=[
                    (F(side), "wrote each place's product side by side"),
                    (F(ones_only), "multiplied only the ones digit"),
                    (F(_columns(a, 0, lambda x, y: x * m % 10)), "forgot to carry"),
                    (F(a + m), "added instead of multiplying"),
                ],
            )
        a, b = rng.randint(12, 99), rng.randint(12, 99)
        while a % 10 == 0 or b % 10 == 0:
            a, b = rng.randint(12, 99), rng.randint(12, 99)
        t1, o1, t2, o2 = a // 10, a % 10, b // 10, b % 10
        wrong: Wrong = [
            (F(t1 * t2 * 100 + o1 * o2), "multiplied tens by tens and ones by ones only"),
            (F(a * o2 + a * t2), "forgot the zero when multiplying by the tens"),
            (F(a * (10 * o2 + t2)), "swapped the tens and ones of the second number"),
            (F(a * o2 + a * t2 * 100), "put two zeros on the tens part"),
        ]
        if tier == 4:
            return Draft(
                question=f"What is {a} × {b}?",
                answer=F(a * b),
                solution=[
                    f"{a} × {b} = {a} × {t2 * 10} + {a} × {o2}.",
                    f"{a * t2 * 10} + {a * o2} = {a * b}.",
                ],
                wrong=wrong,
            )
        thing = rng.choice(("pencils", "crayons", "markers", "cards", "stickers"))
        return Draft(
            question=f"A school orders {a} boxes of {thing}. Each box has {b} {thing}. "
            f"How many {thing} is that?",
            answer=F(a * b),
            solution=[f"Multiply {a} × {b}.", f"{a} × {t2 * 10} + {a} × {o2}."],
            wrong=wrong,
        )

    def expected(self, core: ItemCore) -> Any:
        a, b = (int(v) for v in re.findall(r"\d+", core.question))
        return sympy.Integer(a) * b


# --- 4.NBT.B.6: dividing by one digit, with remainders -----------------------------------------


class DivideWithRemainders(Family):
    """Whole-number quotients and remainders, up to four-digit dividends and one-digit
    divisors. Tiers: two digits by one; three digits by one; the remainder; four digits with
    a zero in the quotient; the number a quotient and remainder came from."""

    name = "divide_with_remainders"
    topic = "4.NBT.B.6"
    context_hint = "sharing stickers, packing eggs, cutting ribbon into equal pieces"
    strategy = (
        "Divide place by place from the left: share the biggest place first, then regroup "
        "what is left into the next place."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        d = rng.randint(2, 9)
        if tier == 5:
            q, r = rng.randint(100, 999), rng.randint(1, d - 1) if d > 2 else 1
            return Draft(
                question=f"A number is divided by {d}. The quotient is {q} and the remainder "
                f"is {r}. What is the number?",
                answer=F(d * q + r),
                solution=[f"{d} × {q} = {d * q}.", f"Add the remainder: {d * q} + {r}."],
                wrong=[
                    (F(d * q), "left out the remainder"),
                    (F(d * (q + r)), "added the remainder before multiplying"),
                    (F(d + q + r), "added all three numbers"),
                    (F(d * q - r), "took the remainder away"),
                ],
            )
        if tier == 3:
            n = rng.randint(100, 999)
            while n % d == 0:
                n = rng.randint(100, 999)
            q, r = divmod(n, d)
            return Draft(
                question=f"What is the remainder when {n} is divided by {d}?",
                answer=F(r),
                solution=[f"{d} × {q} = {d * q}.", f"{n} - {d * q} is left over."],
                wrong=[
                    (F(q), "gave the quotient, not the remainder"),
                    (F(d - r), "counted how many more make another group"),
                    (
                        F(n % 10) if n % 10 != r else F(r + 1),
                        "gave the last digit of the number"
                        if n % 10 != r
                        else "took one group too few",
                    ),
                    (F(r + d), "took one group too few"),
                ],
            )
        if tier == 4:
            while True:
                q = rng.randint(101, 2000)
                if "0" in str(q)[1:] and d * q < 10000 and d * q >= 1000:
                    break
        elif tier == 1:
            q = rng.randint(11, 99 // d)
        else:
            q = rng.randint(-(-100 // d), 999 // d)
        n = d * q
        no_zero = int(str(q).replace("0", "")) if "0" in str(q) else None
        return Draft(
            question=f"What is {n} ÷ {d}?",
            answer=F(q),
            solution=[
                f"Share {n} into {d} equal groups, place by place from the left.",
                f"Check: {d} × {q} = {n}.",
            ],
            wrong=[
                (F(no_zero) if no_zero else None, "left a zero out of the quotient"),
                (F(q * 10), "wrote an extra zero in the quotient"),
                (F(n // 10 // d), "forgot to bring down the last digit"),
                (F(n - d), "subtracted instead of dividing"),
                (F(q + 1), "made one group too many"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        t = core.question
        n = [int(v) for v in re.findall(r"\d+", t)]
        if "remainder when" in t:
            return sympy.Integer(n[0]) % n[1]
        if t.startswith("A number"):
            return sympy.Integer(n[0] * n[1] + n[2])
        return sympy.Rational(n[0], n[1])


# --- 4.NF.A.1: equivalent fractions on fraction strips ---------------------------------------


class EquivalentFractionModel(Family):
    """Equivalent fractions a/b = (n × a)/(n × b) on fraction strips: the parts are n times as
    many and each is 1/n the size. Tiers: the new numerator, small strips; the new numerator,
    denominators to ten; the new denominator; going back to fewer, larger parts; larger
    denominators, either way."""

    name = "equivalent_fraction_model"
    topic = "4.NF.A.1"
    context_hint = "fraction strips, a cake or a chocolate bar cut into smaller equal pieces"
    strategy = (
        "Each part of the first strip is cut into the same number of smaller parts. Multiply "
        "the number of shaded parts and the number of all parts by that same number."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        top = {1: 6, 2: 10, 3: 10, 4: 8, 5: 12}[tier]
        b = rng.randint(2, top)
        a = rng.randint(1, b - 1)
        n = rng.randint(2, {1: 7, 2: 10, 3: 8, 4: 6, 5: 10}[tier])
        small, big = f"{a}/{b}", f"{n * a}/{n * b}"
        if tier in (1, 2):
            question = (
                f"The top strip shows {small}. The bottom strip is the same strip with each "
                f"part cut into {n} equal parts. So {small} = □/{n * b}. What number goes in "
                "the box?"
            )
            rows = [(b, a, small), (n * b, n * a, f"□/{n * b}")]
            answer, numbers = n * a, [small, str(n * b)]
            wrong: Wrong = [
                (F(a + n * b - b), "added the same number to the top as to the bottom"),
                (F(n * b - n * a), "counted the parts that are not shaded"),
                (F(a), "kept the same number of shaded parts"),
                (F(n), "gave how many small parts make one part"),
            ]
            first = f"The bottom strip has {n} times as many parts."
        elif tier == 3 or (tier == 5 and rng.random() < 0.5):
            question = f"{small} = {n * a}/□. What number goes in the box?"
            rows = [(b, a, small), (n * b, n * a, f"{n * a}/□")]
            answer, numbers = n * b, [small, str(n * a)]
            wrong = [
                (F(b + n * a - a), "added the same number to the bottom as to the top"),
                (F(b), "kept the same number of parts"),
                (F(n * a + b), "added the top numbers to the bottom"),
                (F(n), "gave how many small parts make one part"),
            ]
            first = f"The shaded parts are {n} times as many: {a} × {n} = {n * a}."
        else:
            question = f"{big} = □/{b}. What number goes in the box?"
            rows = [(n * b, n * a, big), (b, a, f"□/{b}")]
            answer, numbers = a, [big, str(b)]
            wrong = [
                (
                    F(n * a - (n * b - b)) if n * a > n * b - b else None,
                    "took the same number away from the top as from the bottom",
                ),
                (F(n * a), "kept the same number of shaded parts"),
                (F(n), "gave how many small parts make one large part"),
                (F(b - a), "counted the parts that are not shaded"),
                (
                    F(n * a // 2) if n * a % 2 == 0 and n * a // 2 != a else None,
                    "halved the top number",
                ),
            ]
            first = f"Every {n} small parts make one large part."
        alt = (
            (
                "Two fraction strips of the same length. The top strip is cut into "
                f"{rows[0][0]} equal parts and labelled {rows[0][2]}. The bottom strip is cut into "
                f"{rows[1][0]} equal parts and labelled {rows[1][2]}."
            )
            .replace("□/", "a box over ")
            .replace("/□", " over a box")
        )
        shown = [(rows[0][0], rows[0][1], rows[0][2]), (rows[1][0], None, rows[1][2])]
        return Draft(
            question=question,
            answer=F(answer),
            solution=[first, f"{small} = {big}."],
            wrong=wrong,
            figure=fraction_strips(shown, numbers=numbers, alt=alt),
        )

    def expected(self, core: ItemCore) -> Any:
        t = core.question
        if "The top strip shows" in t:
            a, b, d = question_part(t, r"shows (\d+)/(\d+)\..+□/(\d+)\.")
            return sympy.Rational(int(a) * int(d), int(b))
        if found := re.search(r"(\d+)/(\d+) = (\d+)/□", t):
            top, bottom, new = (int(v) for v in found.groups())
            return sympy.Rational(bottom * new, top)
        a, b, d = question_part(t, r"(\d+)/(\d+) = □/(\d+)\.")
        return sympy.Rational(int(a) * int(d), int(b))


# --- 4.NF.A.2: comparing fractions with unlike denominators ----------------------------------

DENOMINATORS = (2, 3, 4, 5, 6, 8, 10, 12)


class CompareFractions(Family):
    """Comparing fractions with different numerators and denominators. Tiers: the greatest of
    four (halves to tenths); the least of four (to twelfths); which one is greater than one half
    (a benchmark); the greatest of four (to twelfths); the least of four (to twelfths)."""

    name = "compare_unlike_fractions"
    topic = "4.NF.A.2"
    context_hint = "parts of pizzas, pies, ribbons or a race run by friends"
    strategy = (
        "Rewrite the fractions with a common denominator, or compare each fraction with a "
        "benchmark fraction you know well, before you decide."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier == 3:
            return self._half(rng)
        great = tier in (1, 4)
        dens = [d for d in DENOMINATORS if d <= {1: 10}.get(tier, 12)]
        sign = 1 if great else -1
        # (what a student ranks by, as "greater"), the misconception that ranking names
        ways = [
            (
                lambda f: sign * f.numerator,
                f"chose the {'largest' if great else 'smallest'} numerator",
            ),
            (
                lambda f: sign * f.denominator,
                f"thought a {'larger' if great else 'smaller'} "
                f"denominator makes a {'larger' if great else 'smaller'} fraction",
            ),
            (
                lambda f: -sign * f.denominator,
                "looked only at the size of the parts, not at how many there are",
            ),
            (
                lambda f: -sign * (f.denominator - f.numerator),
                "compared how many parts are missing from a whole",
            ),
        ]
        for _ in range(3000):
            fs: list[Fraction] = []
            while len(fs) < 4:
                d = rng.choice(dens)
                f = F(rng.randint(1, d - 1), d)
                if f.denominator == d and f not in fs:
                    fs.append(f)
            key = max(fs) if great else min(fs)
            found: dict[Fraction, str] = {}
            for rank, why in ways:
                top = max(rank(f) for f in fs)
                best = [f for f in fs if rank(f) == top]
                if len(best) == 1 and best[0] != key and best[0] not in found:
                    found[best[0]] = why
            if len(found) == 3:
                break
        else:
            raise ValueError("no four fractions fit")
        word = "greatest" if great else "least"
        listed = rng.sample(fs, 4)
        return Draft(
            question=f"Which fraction is the {word}: {', '.join(fmt(f) for f in listed)}?",
            answer=key,
            solution=[
                "Write the fractions with a common denominator, or compare each with one half.",
                f"The {word} is {fmt(key)}.",
            ],
            wrong=list(found.items()),
        )

    def _half(self, rng: Random) -> Draft:
        while True:
            d1, d2, d3, d4 = rng.sample(DENOMINATORS[1:], 4)
            above = F(rng.randint(d1 // 2 + 1, d1 - 1), d1)
            big_top = F(d2 // 2 - (1 if d2 % 2 == 0 else 0), d2) if d2 > 4 else None
            if d3 % 2:
                continue
            half = F(d3 // 2, d3)
            low = F(rng.randint(1, (d4 - 1) // 2), d4)
            if big_top is None or above.denominator != d1 or big_top.denominator != d2:
                continue
            if low.denominator != d4 or big_top.numerator <= above.numerator:
                continue
            break
        shown = {above: fmt(above), big_top: fmt(big_top), low: fmt(low), half: f"{d3 // 2}/{d3}"}
        listed = rng.sample(list(shown.values()), 4)
        return Draft(
            question=f"Which fraction is greater than 1/2: {', '.join(listed)}?",
            answer=above,
            solution=[
                "Half of a denominator tells you the numerator of one half.",
                f"For {fmt(above)}, half of {d1} is less than {above.numerator}.",
            ],
            wrong=[
                (big_top, "chose the largest numerator"),
                (f"{d3 // 2}/{d3}", f"did not see that {d3 // 2}/{d3} is equal to one half"),
                (low, "chose the smallest denominator, as if fewer parts meant more"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        t = core.question
        values = [sympy.Rational(F(v)) for v in question_part(t, r": (.+)\?")[0].split(", ")]
        if "greater than 1/2" in t:
            (big,) = [v for v in values if v > sympy.Rational(1, 2)]
            return big
        return max(values) if "greatest" in t else min(values)


# --- 4.NF.B.3: a fraction as a sum of unit fractions -----------------------------------------


class UnitFractionSums(Family):
    """A fraction a/b as a sum of a copies of 1/b. Tiers: how many copies of 1/b make a/b; a
    sum of copies of one unit fraction; how many copies make a mixed number; larger mixed
    numbers; how many copies make a whole number."""

    name = "unit_fraction_sums"
    topic = "4.NF.B.3"
    context_hint = "slices of a pie, pieces of a ribbon, parts of a fraction strip"
    strategy = (
        "The denominator names the size of each part; the numerator counts how many of "
        "those parts there are."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        b = rng.randint(2, 12)
        if tier == 1:
            a = rng.randint(2, b)
            return Draft(
                question=f"How many copies of 1/{b} add up to {a}/{b}?",
                answer=F(a),
                solution=[f"{a}/{b} means {a} parts of size 1/{b}."],
                wrong=[
                    (F(b), "gave the denominator"),
                    (
                        F(b - a) if b != a else F(a + 1),
                        "counted the parts not used" if b != a else "counted one part too many",
                    ),
                    (F(a + b), "added the numerator and the denominator"),
                    (F(a - 1), "counted the plus signs, not the parts"),
                ],
            )
        if tier == 2:
            k = rng.randint(2, 8)
            while k == b:
                k = rng.randint(2, 8)
            return Draft(
                question=f"What is {' + '.join([f'1/{b}'] * k)}?",
                answer=F(k, b),
                solution=[f"There are {k} copies of 1/{b}.", f"That is {k} parts of size 1/{b}."],
                wrong=[
                    (F(k, k * b), "added the denominators too"),
                    (F(1, k * b), "multiplied the denominators"),
                    (F(k), "counted the parts and left out their size"),
                    (F(1, b), "thought adding like fractions keeps one part"),
                ],
            )
        if tier in (3, 4):
            w = rng.randint(1, 2) if tier == 3 else rng.randint(3, 9)
            a = rng.randint(1, b - 1)
            return Draft(
                question=f"How many copies of 1/{b} add up to {w} {a}/{b}?",
                answer=F(w * b + a),
                solution=[f"Each whole is {b} copies of 1/{b}.", f"{w} wholes are {w} × {b}."],
                wrong=[
                    (F(a), "left out the wholes"),
                    (F(w + a), "counted each whole as one copy"),
                    (F(w * b), "left out the part after the wholes"),
                    (F(w * a + b), "multiplied the whole by the numerator"),
                ],
            )
        w = rng.randint(2, 9)
        who = rng.choice(NAMES)
        return Draft(
            question=f"{who} adds 1/{b} again and again until the sum is {w}. How many "
            f"copies of 1/{b} does {who} add?",
            answer=F(w * b),
            solution=[f"One whole is {b} copies of 1/{b}.", f"So {w} wholes take {w} × {b}."],
            wrong=[
                (F(w + b), "added the whole number and the denominator"),
                (F(b), "counted the copies for one whole only"),
                (F(w), "gave the whole number itself"),
                (F(w * b - 1), "counted the plus signs, not the parts"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        t = core.question
        if t.startswith("What is"):
            return sum(
                (_q(p) for p in question_part(t, r"What is (.+)\?")[0].split(" + ")),
                sympy.Integer(0),
            )
        if "until the sum is" in t:
            unit, total = question_part(t, r"adds (\S+) again .+ sum is (\d+)\.")
            return _q(total) / _q(unit)
        unit, total = question_part(t, r"copies of (\S+) add up to (.+)\?")
        return _q(total) / _q(unit)


# --- 4.NF.B.3.a: joining and separating parts of the same whole -----------------------------


class AddSubtractLikeFractions(Family):
    """Adding and subtracting fractions of the same whole (like denominators). Tiers: a sum
    below one; a difference; a sum above one; three fractions; one or two wholes minus a
    fraction."""

    name = "add_subtract_like_fractions"
    topic = "4.NF.B.3.a"
    context_hint = "parts of one pizza, one garden or one ribbon joined or taken away"
    strategy = (
        "The parts are all the same size, so join or take away the numbers of parts and "
        "keep the size of the parts, the denominator, the same."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        b = rng.randint(3, 12)
        if tier == 5:
            w = rng.randint(1, 3)
            a = rng.randint(1, b - 1)
            value = w - F(a, b)
            return Draft(
                question=f"What is {w} - {a}/{b}?",
                answer=value,
                solution=[f"Write {w} as {w * b}/{b}.", f"{w * b}/{b} - {a}/{b}."],
                wrong=[
                    (F(w * b - a), "gave the count of parts, not a fraction"),
                    (F(a, b), "gave the part taken away"),
                    (w - 1 + F(b - a - 1, b) if b - a > 1 else None, "took one part too many"),
                    (F(w * b - a, 2 * b), "doubled the denominator"),
                    (F(w - 1 + F(a, b)), "took away one whole and kept the fraction"),
                ],
            )
        if tier == 4:
            parts = [rng.randint(1, b - 1) for _ in range(3)]
            sub = rng.random() < 0.5 and parts[0] > parts[2]
            total = parts[0] + parts[1] - parts[2] if sub else sum(parts)
            sign = "-" if sub else "+"
            return Draft(
                question=f"What is {parts[0]}/{b} + {parts[1]}/{b} {sign} {parts[2]}/{b}?",
                answer=F(total, b),
                solution=[
                    "The parts are the same size, so add or take away the numerators.",
                    f"The denominator stays {b}.",
                ],
                wrong=[
                    (F(total, 3 * b), "added the denominators too"),
                    (F(total), "gave the count of parts, not a fraction"),
                    (
                        F(sum(parts), b) if sub else F(total, b * b),
                        "added every fraction" if sub else "multiplied the denominators",
                    ),
                    (F(total + 1, b), "counted one part too many"),
                ],
            )
        if tier == 2:
            a = rng.randint(2, b - 1)
            c = rng.randint(1, a - 1)
            return Draft(
                question=f"What is {a}/{b} - {c}/{b}?",
                answer=F(a - c, b),
                solution=[f"Take {c} parts away from {a} parts.", f"The parts are still 1/{b}."],
                wrong=[
                    (F(a + c, b), "added instead of subtracting"),
                    (F(a - c), "gave the count of parts, not a fraction"),
                    (F(a - c, 2 * b), "added the denominators"),
                    (F(c, b), "gave the part taken away"),
                ],
            )
        a = rng.randint(1, b - 1)
        c = rng.randint(1, b - a - 1) if tier == 1 and b - a > 1 else rng.randint(b - a + 1, b + 2)
        if tier == 3 and c >= b:
            c = b - 1
        if tier == 3 and a + c <= b:
            a = b - c + 1
        return Draft(
            question=f"What is {a}/{b} + {c}/{b}?",
            answer=F(a + c, b),
            solution=[f"Join {a} parts and {c} parts.", f"Each part is 1/{b}."],
            wrong=[
                (F(a + c, 2 * b), "added the denominators too"),
                (F(a + c, b * b), "multiplied the denominators"),
                (F(a + c), "gave the count of parts, not a fraction"),
                (F(a * c, b), "multiplied the numerators"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        text = question_part(core.question, r"What is (.+)\?")[0]
        total, sign = sympy.Integer(0), 1
        for token in text.split():
            if token in "+-":
                sign = 1 if token == "+" else -1
            else:
                total += sign * _q(token)
        return total


# --- 4.NF.B.3.b: decomposing a fraction in more than one way -----------------------------------


class DecomposeFraction(Family):
    """A fraction split into a sum of fractions with the same denominator. Tiers: the missing
    part of two; the missing part of three; a mixed number with its whole written as a
    fraction; a larger mixed number; how many ways to split into two parts."""

    name = "decompose_fraction"
    topic = "4.NF.B.3.b"
    context_hint = "sharing parts of a pan of brownies or a garden between friends"
    strategy = (
        "Add the parts you know, then find how many more parts of the same size make the "
        "whole amount. A whole is as many parts as the denominator says."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        b = rng.randint(3, 12)
        if tier in (1, 2):
            a = rng.randint(tier + 1, b) if tier == 1 else rng.randint(3, b)
            known = sorted(rng.sample(range(1, a), tier)) if a - 1 >= tier else [1]
            known = [known[0]] if tier == 1 else [known[0], known[1] - known[0]]
            if sum(known) >= a:
                known = [1] * tier
            rest = a - sum(known)
            shown = " + ".join(f"{k}/{b}" for k in known)
            return Draft(
                question=f"{a}/{b} = {shown} + □/{b}. What number goes in the box?",
                answer=F(rest),
                solution=[
                    f"The parts given make {sum(known)}/{b}.",
                    f"{a} - {sum(known)} more parts are needed.",
                ],
                wrong=[
                    (F(a + sum(known)), "added instead of finding the missing part"),
                    (
                        F(b - sum(known)) if b != a else F(rest + 1),
                        "took the parts from the denominator"
                        if b != a
                        else "counted one part too many",
                    ),
                    (F(known[0]), "repeated a part that was given"),
                    (F(a), "copied the numerator of the whole"),
                ],
            )
        if tier in (3, 4):
            w = rng.randint(1, 2) if tier == 3 else rng.randint(3, 6)
            a = rng.randint(1, b - 1)
            return Draft(
                question=f"{w} {a}/{b} = □/{b} + {a}/{b}. What number goes in the box?",
                answer=F(w * b),
                solution=[f"{w} {a}/{b} is {w} wholes and {a}/{b}.", f"Each whole is {b}/{b}."],
                wrong=[
                    (F(w), "wrote the whole as one part"),
                    (F(w * b + a), "counted the parts already added"),
                    (F(b), "wrote only one whole"),
                    (F(w + b), "added the whole and the denominator"),
                ],
            )
        a = rng.randint(3, b + 3)
        ways = a // 2
        return Draft(
            question=f"In how many ways can you write {a}/{b} as a sum of two fractions "
            f"with denominator {b}? Each part must be at least 1/{b}. Count 1/{b} + "
            f"{a - 1}/{b} and {a - 1}/{b} + 1/{b} as the same way.",
            answer=F(ways),
            solution=[
                f"The two numerators add up to {a}.",
                "List the pairs, smaller numerator first.",
            ],
            wrong=[
                (F(a - 1), "counted both orders of each pair"),
                (F(ways + 1), "counted a part of zero as well"),
                (F(a), "counted the numerator itself"),
                (F(b // 2), "used the denominator instead of the numerator"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        t = core.question
        if t.startswith("In how many ways"):
            a = int(question_part(t, r"write (\d+)/")[0])
            return sympy.Integer(len([(i, a - i) for i in range(1, a) if i <= a - i]))
        left, right = question_part(t, r"^(.+?) = (.+?)\. What")
        total = _q(left)
        known = sum((_q(p) for p in right.split(" + ") if "□" not in p), sympy.Integer(0))
        box = [p for p in right.split(" + ") if "□" in p][0]
        return (total - known) * int(box.split("/")[1])


# --- 4.NF.B.3.c: adding and subtracting mixed numbers -----------------------------------------


class MixedNumberAddSubtract(Family):
    """Adding and subtracting mixed numbers with like denominators (the key is a fraction; a
    mixed number typed for it is accepted). Tiers: a sum without regrouping; a difference
    without regrouping; a sum whose fractions make more than one; a difference that needs a
    whole regrouped; a whole number minus a mixed number."""

    name = "mixed_number_add_subtract"
    topic = "4.NF.B.3.c"
    context_hint = "cups of flour, miles walked, hours of practice"
    strategy = (
        "Add or subtract the whole numbers and the fractions, or first write each mixed "
        "number as a fraction. Trade a whole for parts when you need more parts."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        b = rng.randint(3, 12)
        w1, w2 = rng.randint(2, 9), rng.randint(1, 5)
        if tier == 5:
            w = rng.randint(3, 9)
            v, a = rng.randint(1, w - 1), rng.randint(1, b - 1)
            x = F(w) - v - F(a, b)
            return Draft(
                question=f"What is {w} - {v} {a}/{b}?",
                answer=x,
                solution=[
                    f"Trade one whole: {w} = {w - 1} {b}/{b}.",
                    f"Then take away {v} and {a}/{b}.",
                ],
                wrong=[
                    (F(w - v) + F(a, b), "took away the wholes and added the fraction"),
                    (F(w - v - 1), "took away the fraction as a whole one"),
                    (F(w - v), "left out the fraction"),
                    (F(w - v) - F(a, b) + 1, "did not take a whole from the wholes"),
                ],
            )
        if w1 < w2:
            w1, w2 = w2, w1
        if w1 == w2:
            w1 += 1
        add = tier in (1, 3)
        while True:
            a, c = rng.randint(1, b - 1), rng.randint(1, b - 1)
            if tier == 1 and a + c < b or tier == 3 and a + c > b:
                break
            if tier == 2 and a > c or tier == 4 and a < c:
                break
        x, y = w1 + F(a, b), w2 + F(c, b)
        if add:
            return Draft(
                question=f"What is {w1} {a}/{b} + {w2} {c}/{b}?",
                answer=x + y,
                solution=[f"Wholes: {w1} + {w2} = {w1 + w2}.", f"Parts: {a}/{b} + {c}/{b}."],
                wrong=[
                    (w1 + w2 + F(a + c, 2 * b), "added the denominators too"),
                    (F(a + c, b), "left out the whole numbers"),
                    (
                        F(w1 + w2) + (F(a + c - b, b) if a + c > b else F(a + c + 1, b)),
                        "dropped the whole made by the parts"
                        if a + c > b
                        else "counted one part too many",
                    ),
                    (F(w1 + w2), "left out the fractions"),
                ],
            )
        return Draft(
            question=f"What is {w1} {a}/{b} - {w2} {c}/{b}?",
            answer=x - y,
            solution=[
                f"Wholes: {w1} - {w2} = {w1 - w2}.",
                "Trade a whole for parts if the first fraction is too small.",
            ],
            wrong=[
                (F(w1 - w2) + F(abs(a - c), b), "took the smaller fraction from the larger"),
                (x + y, "added instead of subtracting"),
                (F(w1 - w2), "left out the fractions"),
                (
                    F(w1 - w2) + F(a + b - c, b) if a < c else F(w1 - w2 + 1) + F(a - c, b),
                    "traded a whole but kept all the wholes",
                ),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        text = question_part(core.question, r"What is (.+)\?")[0]
        left, op, right = re.split(r" ([+-]) ", text)
        return _q(left) + _q(right) if op == "+" else _q(left) - _q(right)


# --- 4.NF.B.3.d: word problems with like denominators ------------------------------------------

# (past verb, base verb, unit, units, first time, second time): amounts a child covers or uses
STORIES = (
    ("ran", "run", "mile", "miles", "in the morning", "after lunch"),
    ("walked", "walk", "mile", "miles", "to school", "to the park"),
    ("used", "use", "cup of flour", "cups of flour", "for bread", "for muffins"),
    ("drank", "drink", "liter of water", "liters of water", "before the game", "after the game"),
    ("read for", "read", "hour", "hours", "on Monday", "on Tuesday"),
    ("cut", "cut", "yard of ribbon", "yards of ribbon", "for a bow", "for a card"),
)
# (what there is at first, what is done with it, the unit, its plural)
SUPPLIES = (
    ("has {w} cups of flour", "uses", "cup", "cups of flour", "for bread", "for muffins"),
    ("has {w} yards of ribbon", "cuts", "yard", "yards of ribbon", "for a bow", "for a card"),
    ("has {w} liters of juice", "pours", "liter", "liters of juice", "for lunch", "for dinner"),
    ("has {w} pounds of clay", "uses", "pound", "pounds of clay", "for a pot", "for a cup"),
)


class LikeFractionStories(Family):
    """Word problems adding and subtracting fractions of the same whole. Tiers: two parts in
    all; how much more; mixed numbers in all; mixed numbers, how much more; what is left of a
    whole-number amount after two uses."""

    name = "like_fraction_stories"
    topic = "4.NF.B.3.d"
    context_hint = "miles run, flour used, water drunk, time spent reading"
    strategy = (
        "Decide whether the story joins amounts or takes an amount away, write the equation "
        "with the same denominator, then add or subtract the numbers of parts."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        who = rng.choice(NAMES)
        b = rng.choice((3, 4, 5, 6, 8, 10, 12))
        if tier == 5:
            have, does, unit, units, first, second = rng.choice(SUPPLIES)
            w = rng.randint(2, 5)
            a, c = rng.randint(1, b - 1), rng.randint(1, b - 1)
            left = w - F(a, b) - F(c, b)
            return Draft(
                question=f"{who} {have.format(w=w)}. {who} {does} {a}/{b} {unit} {first} and "
                f"{c}/{b} {unit} {second}. How many {units} are left?",
                answer=left,
                solution=[f"Used: {a}/{b} + {c}/{b}.", f"Take that from {w}."],
                wrong=[
                    (F(a + c, b), "gave the amount used, not what is left"),
                    (w - F(a, b), "took away only the first amount"),
                    (w - F(a + c, 2 * b), "added the denominators too"),
                    (F(w * b - a - c), "gave the count of parts, not a fraction"),
                ],
            )
        past, base, unit, units, first, second = rng.choice(STORIES)
        mixed = tier in (3, 4)
        while True:
            a, c = rng.randint(1, b - 1), rng.randint(1, b - 1)
            if a != c:
                break
        w1, w2 = (rng.randint(1, 4), rng.randint(1, 4)) if mixed else (0, 0)
        x, y = w1 + F(a, b), w2 + F(c, b)
        if tier in (2, 4) and x < y:
            x, y = y, x
        told = [f"{_mixed(v)} {unit if v <= 1 else units}" for v in (x, y)]
        story = f"{who} {past} {told[0]} {first} and {told[1]} {second}."
        if tier in (1, 3):
            return Draft(
                question=f"{story} How many {units} did {who} {base} in all?",
                answer=x + y,
                solution=["Join the two amounts: add.", f"{_mixed(x)} + {_mixed(y)}."],
                wrong=[
                    (F(a + c, 2 * b) + w1 + w2, "added the denominators too"),
                    (abs(x - y), "subtracted instead of adding"),
                    (
                        x + y - 1 if x + y > 1 else x + y + F(1, b),
                        "dropped a whole" if x + y > 1 else "counted one part too many",
                    ),
                    (F(w1 + w2 + a + c), "gave the count of parts, not a fraction"),
                ],
            )
        return Draft(
            question=f"{story} How much more did {who} {base} {first}?",
            answer=x - y,
            solution=["Compare the two amounts: subtract.", f"{_mixed(x)} - {_mixed(y)}."],
            wrong=[
                (x + y, "added instead of subtracting"),
                (
                    F(int(x) - int(y)) + abs(x - int(x) - (y - int(y))),
                    "took the smaller fraction from the larger",
                ),
                (x - y + F(1, b), "counted one part too many"),
                (
                    x - y + 1 if x - y < 1 else x - y - 1,
                    "added a whole when trading" if x - y < 1 else "took a whole too many",
                ),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        t = core.question
        amounts = [_q(m) for m in re.findall(r"\d+(?: \d+/\d+)?(?:/\d+)?", t)]
        if "are left" in t:
            return amounts[0] - amounts[1] - amounts[2]
        x, y = amounts[0], amounts[1]
        return x + y if "in all" in t else x - y


# --- 4.NF.B.4: a whole number times a fraction -------------------------------------------------


class WholeTimesFraction(Family):
    """A whole number times a fraction. Tiers: times a unit fraction; a product below one; a
    product above one; a product that is a whole number; larger whole numbers."""

    name = "whole_times_fraction"
    topic = "4.NF.B.4"
    context_hint = "equal servings, laps or ribbon pieces, each a fraction of a whole"
    strategy = (
        "A whole number times a fraction is that many copies of the fraction: multiply the "
        "numerator by the whole number and keep the denominator."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        while True:
            b = rng.randint(2, 12)
            a = 1 if tier == 1 or b == 2 else rng.randint(2, b - 1)
            n = rng.randint(2, {1: 12, 2: 5, 5: 12}.get(tier, 9))
            p = F(n * a, b)
            if tier == 1 or tier == 2 and a > 1 or tier == 3 and p > 1 and p.denominator > 1:
                break
            if tier == 4 and p.denominator == 1 and a > 1:
                break
            if tier == 5 and p > 1 and a > 1 and n > 5:
                break
        return Draft(
            question=f"What is {n} × {a}/{b}?",
            answer=p,
            solution=[f"{n} × {a}/{b} is {n} copies of {a}/{b}.", f"That is ({n} × {a})/{b}."],
            wrong=[
                (F(n * a, n * b), "multiplied the top and the bottom by the whole number"),
                (F(a, n * b), "multiplied the denominator instead"),
                (F(n + a, b), "added the whole number to the numerator"),
                (F(n * a), "left out the denominator"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        n, frac = question_part(core.question, r"What is (\d+) × (\S+)\?")
        return int(n) * _q(frac)


class FractionAsUnitMultiple(Family):
    """A fraction a/b as a times 1/b, on a number line marked in steps of 1/b. Tiers: a
    fraction below one (how many jumps, or the box); up to two (the box, or the unit
    fraction that fits); up to three; a mixed number; sixths to twelfths up to two."""

    name = "fraction_as_unit_multiple"
    topic = "4.NF.B.4.a"
    context_hint = "jumps along a number line, steps of a unit fraction"
    strategy = (
        "Count the jumps of the unit fraction from the start of the line to the point: the "
        "fraction is that many times the unit fraction."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        b = {1: rng.randint(3, 10), 2: rng.randint(2, 8), 3: rng.randint(2, 8)}.get(
            tier, rng.randint(2, 6) if tier == 4 else rng.randint(6, 12)
        )
        w = rng.randint(1, 3)
        end = {1: 1, 2: 2, 3: 3, 4: w + 1, 5: 2}[tier]
        while True:
            a = w * b + rng.randint(1, b - 1) if tier == 4 else rng.randint(2, end * b - 1)
            if a % b:
                break
        point = F(a, b)
        text = f"{a // b} {a % b}/{b}" if tier == 4 else f"{a}/{b}"
        figure = unit_fraction_line(end, b, point, text)
        form = rng.choice(
            {2: ("box", "unit"), 3: ("box", "unit", "jumps")}.get(tier, ("box", "jumps"))
        )
        if form == "unit":
            return Draft(
                question=f"The point is at {text} on the number line. {text} = {a} × □. What "
                "fraction goes in the box?",
                answer=F(1, b),
                solution=[f"{text} is {a} equal jumps from 0.", "Each jump is one part."],
                wrong=[
                    (F(a, b), "gave the whole fraction, not one jump"),
                    (F(1, a), "swapped the numerator and the denominator"),
                    (F(b), "gave the denominator as a whole number"),
                    (F(1, b + 1), "counted the marks, not the spaces"),
                ],
                figure=figure,
            )
        head = (
            f"The point is at {text} on the number line. {text} = □ × 1/{b}. What number "
            "goes in the box?"
            if form == "box"
            else f"The point is at {text} on the number line. How many jumps of 1/{b} does it"
            " take to go from 0 to the point?"
        )
        return Draft(
            question=head,
            answer=F(a),
            solution=[f"Each jump is 1/{b}.", f"Count the jumps of 1/{b} from 0 to {text}."],
            wrong=[
                (F(b), "gave the denominator"),
                (
                    F(a % b) if tier == 4 else F(a + 1),
                    "left out the wholes" if tier == 4 else "counted the marks, starting at zero",
                ),
                (F(a - 1), "counted the marks between, not the jumps"),
                (F(a * b), "multiplied the numerator by the denominator"),
            ],
            figure=figure,
        )

    def expected(self, core: ItemCore) -> Any:
        t = core.question
        value = _q(question_part(t, r"at (.+?) on the number line")[0])
        if "What fraction" in t:
            return value / int(question_part(t, r"= (\d+) × □")[0])
        unit = question_part(t, r"(?:□ × |jumps of )(\S+?)\.? ")[0]
        return value / _q(unit)


class MultipleOfAFraction(Family):
    """A multiple of a/b as a multiple of 1/b: n × a/b = (n × a) × 1/b. Tiers: how many copies
    of 1/b; the numerator of the product; a sum of copies of a/b written as a product; the
    whole number that was used; the whole number that gives a mixed number."""

    name = "multiple_of_a_fraction"
    topic = "4.NF.B.4.b"
    context_hint = "groups of equal fraction-sized servings"
    strategy = (
        "Think of the fraction as copies of its unit fraction, then count the copies in all "
        "the groups together."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        b = rng.randint(3, 12)
        a = rng.randint(2, b - 1)
        n = rng.randint(2, 9)
        if tier == 1:
            return Draft(
                question=f"{n} × {a}/{b} = □ × 1/{b}. What number goes in the box?",
                answer=F(n * a),
                solution=[
                    f"{a}/{b} is {a} × 1/{b}.",
                    f"So {n} groups of it are {n} × {a} of 1/{b}.",
                ],
                wrong=[
                    (F(n + a), "added the whole number and the numerator"),
                    (F(n), "counted only the groups"),
                    (F(a), "counted only one group"),
                    (F(n * b), "multiplied by the denominator"),
                ],
            )
        if tier == 2:
            return Draft(
                question=f"{n} × {a}/{b} = □/{b}. What number goes in the box?",
                answer=F(n * a),
                solution=[
                    f"Each {a}/{b} is {a} parts of 1/{b}.",
                    f"{n} of them make {n} × {a} parts.",
                ],
                wrong=[
                    (F(n + a), "added the whole number and the numerator"),
                    (F(a), "kept the numerator"),
                    (F(n * a * b), "multiplied by the denominator too"),
                    (F(n * a - 1), "counted one part too few"),
                ],
            )
        if tier == 3:
            k = rng.randint(2, 4)
            return Draft(
                question=f"{' + '.join([f'{a}/{b}'] * k)} = {k} × {a}/{b}. What is the sum?",
                answer=F(k * a, b),
                solution=[f"{k} copies of {a}/{b}.", f"{k} × {a} parts of 1/{b}."],
                wrong=[
                    (F(k * a, k * b), "added the denominators too"),
                    (F(a, k * b), "multiplied the denominator"),
                    (F(k + a, b), "added the whole number to the numerator"),
                    (F(k * a), "left out the denominator"),
                ],
            )
        p = F(n * a, b)
        text = _mixed(p) if tier == 5 else f"{n * a}/{b}"
        if tier == 5 and (p.denominator == 1 or p < 1):
            n = n + 1 if (n + 1) * a % b else n + 2
            p = F(n * a, b)
            text = _mixed(p)
        return Draft(
            question=f"□ × {a}/{b} = {text}. What number goes in the box?",
            answer=F(n),
            solution=[
                f"Write {text} in parts of 1/{b}."
                if tier == 5
                else f"{text} is {n * a} parts of 1/{b}.",
                f"Each {a}/{b} is {a} of them.",
            ],
            wrong=[
                (F(n * a), "counted the parts, not the groups"),
                (F(n * a - a), "took the numerator away instead of dividing"),
                (F(b), "gave the denominator"),
                (F(n + 1), "counted one group too many"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        t = core.question
        if t.endswith("What is the sum?"):
            parts = question_part(t, r"^(.+?) = ")[0].split(" + ")
            return sum((_q(p) for p in parts), sympy.Integer(0))
        if t.startswith("□"):
            frac, total = question_part(t, r"□ × (\S+) = (.+?)\. What")
            return _q(total) / _q(frac)
        n, frac, right = question_part(t, r"^(\d+) × (\S+) = (.+?)\. What")
        product = int(n) * _q(frac)
        unit = sympy.Rational(1, int(right.split("/")[-1]))
        return product / unit


# (what each person gets, its unit): servings a group shares
SERVINGS = (
    ("pound of roast beef", "pounds of roast beef"),
    ("cup of rice", "cups of rice"),
    ("liter of juice", "liters of juice"),
    ("yard of ribbon", "yards of ribbon"),
    ("mile", "miles"),
    ("hour of practice", "hours of practice"),
)


class FractionProductStories(Family):
    """Word problems with a whole number times a fraction. Tiers: each of a few people gets a
    unit fraction; each gets a fraction; between which whole numbers a product lies; what is
    left of a whole amount; two groups with different servings."""

    name = "fraction_product_stories"
    topic = "4.NF.B.4.c"
    context_hint = "people at a party, each eating or using the same fraction of a unit"
    strategy = (
        "Equal groups of a fraction means multiply: the whole number of groups times the "
        "fraction in each group."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        one, many = rng.choice(SERVINGS)
        b = rng.choice((2, 3, 4, 5, 6, 8, 10))
        a = 1 if tier == 1 else rng.randint(1, b - 1)
        while tier > 1 and a == 1 and b > 2:
            a = rng.randint(1, b - 1)
        n = rng.randint(2, 10)
        p = F(n * a, b)
        if tier in (1, 2):
            return Draft(
                question=f"{n} people each get {a}/{b} {one}. How many {many} is that in all?",
                answer=p,
                solution=[f"{n} groups of {a}/{b}: {n} × {a}/{b}.", f"({n} × {a})/{b}."],
                wrong=[
                    (F(n * a, n * b), "multiplied the top and the bottom"),
                    (F(n + a, b), "added instead of multiplying"),
                    (F(a, n * b), "shared the fraction among the people"),
                    (F(n * a), "left out the denominator"),
                ],
            )
        if tier == 3:
            while p.denominator == 1 or p < 1:
                n += 1
                p = F(n * a, b)
            low = int(p)
            return Draft(
                question=f"{n} people each get {a}/{b} {one}. The total is between two whole "
                f"numbers of {many}. What is the smaller of the two whole numbers?",
                answer=F(low),
                solution=[
                    f"The total is {n} × {a}/{b} = {n * a}/{b}.",
                    f"Find the wholes in {n * a}/{b}.",
                ],
                wrong=[
                    (F(low + 1), "gave the larger whole number"),
                    (F(n * a), "counted the parts, not the wholes"),
                    (F(n), "gave the number of people"),
                    (
                        F(low - 1) if low > 1 else F(low + 2),
                        "counted one whole too few" if low > 1 else "counted one whole too many",
                    ),
                ],
            )
        if tier == 4:
            w = int(p) + rng.randint(1, 4)
            return Draft(
                question=f"A club has {w} {many}. {n} people each use {a}/{b} {one}. How "
                f"many {many} are left?",
                answer=w - p,
                solution=[f"Used: {n} × {a}/{b} = {n * a}/{b}.", f"Take that from {w}."],
                wrong=[
                    (p, "gave the amount used, not what is left"),
                    (w - F(a, b), "took away only one person's share"),
                    (w - F(n * a, n * b), "multiplied the top and the bottom"),
                    (F(w * b - n * a), "gave the count of parts, not a fraction"),
                ],
            )
        m, c = rng.randint(2, 9), rng.randint(1, b - 1)
        return Draft(
            question=f"{n} children each get {a}/{b} {one}. {m} adults each get {c}/{b} "
            f"{one}. How many {many} is that in all?",
            answer=p + F(m * c, b),
            solution=[f"Children: {n} × {a}/{b}. Adults: {m} × {c}/{b}.", "Add the two."],
            wrong=[
                (p, "left out the adults"),
                (
                    F(a + c, b) * (n + m) if a != c else F(n * a + m * c, 2 * b),
                    "added the fractions and then used everyone"
                    if a != c
                    else "added the denominators too",
                ),
                (F(n * a + m * c, 2 * b), "added the denominators too"),
                (F(a + c, b), "added only one serving of each"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        t = core.question
        found = [(int(n), _q(f)) for n, f in re.findall(r"(\d+) \w+ each (?:get|use) (\S+)", t)]
        total = sum((n * f for n, f in found), sympy.Integer(0))
        if "are left" in t:
            return int(question_part(t, r"has (\d+) ")[0]) - total
        if "smaller of the two" in t:
            return sympy.floor(total)
        return total


# --- 4.NF.C.5: tenths as hundredths --------------------------------------------------------------


class TenthsAndHundredths(Family):
    """A fraction with denominator 10 as one with denominator 100, and sums of tenths and
    hundredths. Tiers: tenths as hundredths; tenths plus hundredths; hundredths back to
    tenths; a mixed number of tenths plus hundredths; three fractions."""

    name = "tenths_and_hundredths"
    topic = "4.NF.C.5"
    context_hint = "dimes and pennies, parts of a hundred grid"
    strategy = (
        "Give both fractions the larger denominator by cutting each part of the other fraction "
        "into equal smaller parts, then add the numerators."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        a = rng.randint(1, 9)
        c = rng.randint(1, 9) if tier in (1, 3) else rng.randint(1, max(1, 99 - 10 * a))
        if tier == 1 and rng.random() < 0.2:
            return Draft(
                question=f"{a}/10 = □/100. What number goes in the box?",
                answer=F(10 * a),
                solution=[
                    "Ten times as many parts, each a tenth the size.",
                    f"Multiply the top and bottom of {a}/10 by 10.",
                ],
                wrong=[
                    (F(a), "kept the same numerator"),
                    (F(a + 90), "added ninety, like the denominator grew"),
                    (F(100 * a), "multiplied by a hundred"),
                    (F(a * 10 + 1), "counted one hundredth too many"),
                ],
            )
        if tier in (1, 2):
            return Draft(
                question=f"{a}/10 + {c}/100 = □/100. What number goes in the box?",
                answer=F(10 * a + c),
                solution=[f"{a}/10 = {10 * a}/100.", f"Add {c} more hundredths."],
                wrong=[
                    (F(a + c), "added the numerators without changing tenths to hundredths"),
                    (F(10 * a + 10 * c), "changed both to hundredths"),
                    (F(10 * (a + c)), "added the numerators and then made hundredths"),
                    (F(10 * a), "left out the hundredths"),
                ],
            )
        if tier == 3:
            n = 10 * a + c
            return Draft(
                question=f"□/10 + {c}/100 = {n}/100. What number goes in the box?",
                answer=F(a),
                solution=[f"{n}/100 - {c}/100 = {n - c}/100.", "Ten hundredths make one tenth."],
                wrong=[
                    (F(10 * a), "gave hundredths, not tenths"),
                    (F(n), "copied the total"),
                    (
                        F(10 - a) if a != 5 else F(a + 1),
                        "counted the tenths not used" if a != 5 else "counted one tenth too many",
                    ),
                    (F(n + c), "added instead of taking away"),
                ],
            )
        if tier == 4:
            w = rng.randint(1, 5)
            return Draft(
                question=f"{w} {a}/10 + {c}/100 = {w} □/100. What number goes in the box?",
                answer=F(10 * a + c),
                solution=[f"{a}/10 = {10 * a}/100.", f"{10 * a}/100 + {c}/100."],
                wrong=[
                    (F(a + c), "added the numerators without changing tenths"),
                    (F(100 * w + 10 * a + c), "put the whole into the hundredths too"),
                    (F(10 * (a + c)), "added the numerators and then made hundredths"),
                    (F(c), "left out the tenths"),
                ],
            )
        e = rng.randint(1, 9)
        c = rng.randint(1, 20)
        return Draft(
            question=f"{a}/10 + {c}/100 + {e}/10 = □/100. What number goes in the box?",
            answer=F(10 * (a + e) + c),
            solution=[f"{a}/10 + {e}/10 = {a + e}/10.", "Write the tenths as hundredths and add."],
            wrong=[
                (F(a + c + e), "added the numerators without changing tenths"),
                (F(10 * a + c + e), "changed only the first tenths to hundredths"),
                (F(10 * (a + e)), "left out the hundredths"),
                (F(10 * (a + e + c)), "made every part hundredths"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        t = core.question
        left, right = question_part(t, r"^(.+?) = (.+?)\. What")
        if left.startswith("□"):
            return (_q(right) - _q(left.split(" + ")[1])) * 10
        total = sum((_q(p) for p in left.split(" + ")), sympy.Integer(0))
        whole = right.split()[0] if " " in right else "0"
        denominator = int(right.split("/")[-1])
        return (total - _q(whole)) * denominator


# --- 4.NF.C.6: decimal notation for tenths and hundredths ---------------------------------------


class DecimalNotation(Family):
    """Fractions with denominators 10 and 100 written as decimals. Tiers: tenths; hundredths
    below ten hundredths; a mixed number in tenths; a mixed number in hundredths; a whole plus
    tenths plus hundredths."""

    name = "decimal_notation"
    topic = "4.NF.C.6"
    style = "decimal"
    context_hint = "money in dollars and cents, meters and centimeters"
    strategy = (
        "Name the place of each digit after the decimal point, moving right. Keep "
        "a digit in every place, even an empty place."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        w = rng.randint(1, 99)
        if tier == 1:
            w = rng.randint(0, 9)
            a = rng.randint(1 if w else 2, 9)  # a hint naming tenths says 0.1 itself
            text = f"{w} {a}/10" if w else f"{a}/10"
            return Draft(
                question=f"Write {text} as a decimal.",
                answer=w + F(a, 10),
                solution=["Tenths go in the first place after the point."],
                wrong=[
                    (w + F(a, 100), "put the tenths in the hundredths place"),
                    (F(w * 10 + a) if w else F(a), "left out the decimal point"),
                    (
                        w + F(1, a) if a > 1 else w + F(10, 100) + F(1, 100),
                        "wrote the fraction upside down" if a > 1 else "added a hundredth",
                    ),
                    (w * 10 + F(a, 10), "put the whole number in the tens place"),
                ],
            )
        if tier == 2:
            w = rng.randint(0, 99)
            a = rng.randint(1 if w else 2, 9)  # a hint naming hundredths says 0.01 itself
            text = f"{w} {a}/100" if w else f"{a}/100"
            return Draft(
                question=f"Write {text} as a decimal.",
                answer=w + F(a, 100),
                solution=[
                    "Hundredths go in the second place after the point.",
                    "Write a zero in the tenths place.",
                ],
                wrong=[
                    (w + F(a, 10), "left out the zero in the tenths place"),
                    (w + F(a, 1000), "wrote two zeros after the point"),
                    (F(w * 100 + a) if w else F(a), "left out the decimal point"),
                    (w + F(a * 10 + 1, 100), "put the digit in the tenths place"),
                ],
            )
        if tier in (3, 4):
            a = rng.randint(11, 99) if tier == 3 else rng.randint(10, 99)
            while a % 10 == 0:
                a = rng.randint(11, 99)
            return Draft(
                question=f"Write {w} {a}/100 as a decimal.",
                answer=w + F(a, 100),
                solution=[f"{a}/100 is {a // 10} tenths and {a % 10} hundredths."],
                wrong=[
                    (w + F(a, 1000), "put a zero after the point"),
                    (F(w * 100 + a, 10), "moved the point one place right"),
                    (w + F((a % 10) * 10 + a // 10, 100), "swapped the tenths and hundredths"),
                    (F(w * 100 + a), "left out the decimal point"),
                ],
            )
        a, c = rng.randint(1, 9), rng.randint(1, 9)
        while a == c:
            c = rng.randint(1, 9)
        return Draft(
            question=f"What is {w} + {a}/10 + {c}/100 as a decimal?",
            answer=w + F(a, 10) + F(c, 100),
            solution=[f"{w} ones, {a} tenths and {c} hundredths."],
            wrong=[
                (w + F(c, 10) + F(a, 100), "swapped the tenths and hundredths"),
                (w + F(a + c, 100), "added the numerators"),
                (w + F(a + c, 10), "added the numerators as tenths"),
                (w + F(a, 10) + F(c, 1000), "put the hundredths one place too far right"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        t = core.question
        if t.startswith("What is"):
            return sum(
                (_q(p) for p in question_part(t, r"What is (.+) as")[0].split(" + ")),
                sympy.Integer(0),
            )
        return _q(question_part(t, r"Write (.+) as a decimal\.")[0])


# --- 4.NF.C.7: comparing decimals to hundredths -----------------------------------------------


class CompareDecimals(Family):
    """Comparing decimals to hundredths by their size. Tiers: the greatest of four below one;
    the least of four below one; the greatest with whole numbers; the least with whole
    numbers; the greatest of four lengths in meters."""

    name = "compare_decimals"
    topic = "4.NF.C.7"
    style = "decimal"
    context_hint = "race times, lengths in meters, money"
    strategy = (
        "Line the decimal points up and give both numbers the same count of digits after the "
        "point. Then compare place by place from the left."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        great = tier in (1, 3, 5)
        w = rng.randint(1, 9) if tier >= 3 else 0
        if great:
            # key 0.t; 0.xy looks bigger (more digits); 0.0y read as 0.y; 0.a9 ends highest
            a, x, t, y = sorted(rng.sample(range(1, 9), 4))
            key, longer = F(t, 10), F(10 * x + rng.randint(1, 8), 100)
            zero, last = F(y, 100), F(10 * a + 9, 100)
        else:
            # key 0.0y; 0.t looks smaller (fewer digits); 0.cd is least if 0.0y is read
            # as 0.y; 0.a1 ends lowest
            c = rng.randint(1, 6)
            t = rng.randint(c + 1, 7)
            y = rng.randint(t + 1, 9)
            key, longer = F(y, 100), F(t, 10)
            zero = F(10 * c + rng.randint(2, 9), 100)
            last = F(10 * rng.randint(c + 1, 9) + 1, 100)
        values = [w + v for v in (key, longer, zero, last)]
        word = "greatest" if great else "least"
        listed = [fmt(v, "decimal") for v in rng.sample(values, 4)]
        question = (
            f"Four ribbons are {', '.join(listed)} meters long. Which length is the greatest?"
            if tier == 5
            else f"Which is the {word}: {', '.join(listed)}?"
        )
        return Draft(
            question=question,
            answer=values[0],
            solution=[
                "Write each with hundredths, so they have the same number of digits.",
                "Compare the ones, then the tenths, then the hundredths.",
            ],
            wrong=[
                (
                    values[1],
                    "thought more digits after the point means a greater number"
                    if great
                    else "thought fewer digits after the point means a smaller number",
                ),
                (values[2], "read a zero tenths digit as if it were not there"),
                (values[3], "compared the last digits"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        t = core.question
        values = [sympy.Rational(F(v)) for v in re.findall(r"\d+\.\d+|\d+", t)]
        return max(values) if "greatest" in t else min(values)


FAMILIES: tuple[type[Family], ...] = (
    TimesAsMany,
    ComparisonProblems,
    MultistepProblems,
    FactorsAndPrimes,
    PatternRule,
    TenTimesPlace,
    ReadWriteCompare,
    RoundWholeNumbers,
    ColumnAddSubtract,
    MultiplyPlaceValue,
    DivideWithRemainders,
    EquivalentFractionModel,
    CompareFractions,
    UnitFractionSums,
    AddSubtractLikeFractions,
    DecomposeFraction,
    MixedNumberAddSubtract,
    LikeFractionStories,
    WholeTimesFraction,
    FractionAsUnitMultiple,
    MultipleOfAFraction,
    FractionProductStories,
    TenthsAndHundredths,
    DecimalNotation,
    CompareDecimals,
)
