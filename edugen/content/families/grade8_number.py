"""Grade-8 number system (8.NS): repeating decimals written as fractions, telling rational
numbers from irrational ones, and placing irrational numbers among rational approximations
on a number line.

A repeating decimal is written with its digits shown at least twice and the repeating block
named ("In 0.1666..., the digit 6 repeats forever."); `expected` finds where the repeat starts
from those two facts alone. Irrational numbers are written with √ and π, read back by sympy.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from random import Random
from typing import Any

import sympy
from sympy.parsing.sympy_parser import (
    implicit_multiplication_application,
    parse_expr,
    standard_transformations,
)

from edugen.content.cores import ItemCore
from edugen.content.families.base import Answer, Draft, Family, question_part
from edugen.content.families.common import fmt, to_sympy
from edugen.content.figures import number_line
from edugen.content.figures.lines import covering

Wrong = list[tuple[Answer | None, str]]


def repeating_value(whole: int, before: str, block: str) -> Fraction:
    """whole.before(block)(block)... as a fraction: the block over nines, shifted past `before`."""
    shift = 10 ** len(before)
    head = int(before or "0")
    return whole + Fraction(int(before + block) - head, shift * (10 ** len(block) - 1))


def shown(whole: int, before: str, block: str) -> str:
    """The decimal as a question writes it: the block at least twice and six or more places."""
    digits = before + block
    while len(digits) < 6 or len(digits) - len(before) < 2 * len(block):
        digits += block
    return f"{whole}.{digits}..."


class RepeatingDecimal(Family):
    """A repeating decimal written as a fraction. Tiers: one or two repeating digits; two or
    three repeating digits; a whole number before the point; one digit before the repeat
    starts; a whole number or a digit before a block of two or three."""

    name = "repeating_decimal"
    topic = "8.NS.A.1"
    context_hint = "a measurement or a share that a calculator shows as a repeating decimal"
    strategy = (
        "Call the decimal n. Move its decimal point right past a whole repeat, subtract n "
        "so the repeating part cancels, then solve for the fraction n."
    )

    def pick(self, tier: int, rng: Random) -> tuple[int, str, str]:
        """The whole number, the digits before the repeat and the repeating block."""
        digit = lambda lo=1: str(rng.randint(lo, 9))  # noqa: E731
        while True:
            whole, before = 0, ""
            if tier == 1:
                block = str(rng.randint(1, 8)) if rng.random() < 0.2 else digit() + digit(0)
            elif tier == 2:
                block = digit() + digit(0) + ("" if rng.random() < 0.3 else digit(0))
            elif tier == 3:
                whole = rng.randint(1, 9)
                block = str(rng.randint(1, 8)) if rng.random() < 0.5 else digit() + digit(0)
            elif tier == 4:
                before, block = digit(0), str(rng.randint(1, 8))
            elif rng.random() < 0.5:
                whole, before, block = rng.randint(0, 3), digit(0), digit() + digit(0)
            else:
                block = digit() + digit(0) + digit(0)
            # a block that is itself a repeat ("33"), or one the digit before it continues
            # ("2" then "12" is 0.2121...), has a shorter way to be written: draw again
            if not (len(set(block)) == 1 < len(block) or before[-1:] == block[-1]):
                return whole, before, block

    def draft(self, tier: int, rng: Random) -> Draft:
        whole, before, block = self.pick(tier, rng)
        value = repeating_value(whole, before, block)
        text = shown(whole, before, block)
        which, verb = ("digit", "repeats") if len(block) == 1 else ("digits", "repeat")
        shift, head = 10 ** len(before), int(before or "0")
        nines = 10 ** len(block) - 1
        digits = text.split(".")[1]
        return Draft(
            question=f"In {text}, the {which} {block} {verb} forever. Write the decimal as a "
            "fraction in simplest form.",
            answer=value,
            solution=[
                f"Let n = {text} Multiply n by {shift * 10 ** len(block)}"
                + (f" and by {shift}" if before else "")
                + " so that the repeating parts line up.",
                "Subtract to cancel the repeating part, then divide.",
                f"n = {fmt(value)}.",
            ],
            wrong=[
                (
                    Fraction(int(f"{whole}{before}{block}"), shift * 10 ** len(block)),
                    "wrote the digits once, as if the decimal stopped",
                ),
                (value - whole if whole else None, "left out the whole-number part"),
                (
                    whole + Fraction(int(before + block), shift * nines) if before else None,
                    "forgot to subtract the digits that do not repeat",
                ),
                (
                    whole + Fraction(int(block), nines) if before else None,
                    "ignored the digits before the repeat",
                ),
                (
                    whole + Fraction(int(before + block) - head, shift * (10 * nines + 9))
                    if len(block) == 1
                    else whole + Fraction(int(before + block) - head, shift * 9),
                    "used too many nines for the repeating digit"
                    if len(block) == 1
                    else "used one nine for a block of more than one digit",
                ),
                (
                    whole + Fraction(1, int(block)) if not before else None,
                    "wrote 1 over the digits, as if every repeat were like 0.333... = 1/3",
                ),
                (
                    Fraction(int(f"{whole}{digits}"), 10 ** len(digits)),
                    "took the digits shown as the whole decimal",
                ),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        whole, digits, block = question_part(
            core.question, r"In (\d+)\.(\d+)\.\.\., the digits? (\d+) repeats? forever"
        )
        for start in range(len(digits)):
            tail = digits[start:]
            if tail == (block * len(digits))[: len(tail)] and len(tail) >= 2 * len(block):
                before = digits[:start]
                break
        else:
            raise ValueError(f"{block} does not repeat in {digits}")
        nines = sympy.Integer(10) ** len(block) - 1
        repeat = sympy.Rational(int(block), nines) / sympy.Integer(10) ** len(before)
        return sympy.Integer(whole) + sympy.Rational(int(before or "0"), 10 ** len(before)) + repeat


_READ = (*standard_transformations, implicit_multiplication_application)


def read_number(text: str) -> Any:
    """√50, -√16, √(4/9), 2π, √2 × √8, 7 - √40 as sympy; a decimal ending in "..." repeats."""
    if text.endswith("..."):
        return None  # a repeating decimal: rational, whatever its digits
    t = re.sub(r"√\(([^)]+)\)", r"sqrt(\1)", text)
    t = re.sub(r"√(\d+)", r"sqrt(\1)", t).replace("π", "pi").replace("×", "*")
    t = re.sub(r"\d+(?:\.\d+)?(?:/\d+)?", lambda m: f"Rational('{m.group()}')", t)
    return parse_expr(t, transformations=_READ, local_dict={"pi": sympy.pi, "sqrt": sympy.sqrt})


def perfect_square(rng: Random, low: int, high: int) -> int:
    return rng.randint(low, high) ** 2


def non_square(rng: Random, low: int, high: int) -> int:
    while True:
        n = rng.randint(low, high)
        if math.isqrt(n) ** 2 != n:
            return n


def entries(tier: int, rng: Random) -> list[tuple[str, str]]:
    """The numbers listed for a tier, each with its kind: the kind names the misconception
    a student might bring to it."""
    roots = [
        (f"√{perfect_square(rng, 2, 12)}", "square root"),
        (f"√{non_square(rng, 2, 99)}", "irrational"),
    ]
    pool: list[tuple[str, str]]
    block = str(rng.randint(101, 989))  # a repeating decimal shows its block twice
    if tier == 1:
        pool = [*roots, (fmt(Fraction(rng.randint(1, 8), rng.choice((3, 7, 9)))), "fraction")]
        size = 4
    elif tier == 2:
        p, q = rng.randint(1, 12), rng.choice((3, 6, 7, 9, 11))
        pool = [*roots, ("π", "pi"), (fmt(Fraction(p, q)), "fraction")]
        size = 5
    elif tier == 3:
        a, b = rng.randint(1, 9), rng.randint(0, 9)
        pool = [
            *roots,
            ("π", "pi"),
            (f"0.{a}{b}{a}{b}{a}{b}...", "repeating")
            if a != b
            else (f"0.{a}{a}{a}{a}...", "repeating"),
            (
                fmt(Fraction(rng.randrange(1, 99, 2), rng.choice((2, 4, 8))), "decimal"),
                "terminating",
            ),
        ]
        size = 5
    elif tier == 4:
        a, b = rng.randint(1, 5), rng.randint(2, 9)
        pool = [
            *roots,
            (f"-√{perfect_square(rng, 2, 10)}", "negative"),
            (
                f"√({fmt(Fraction(a * a, b * b))})" if math.gcd(a, b) == 1 else "√(1/4)",
                "square root",
            ),
            (f"{rng.randint(2, 9)}π", "pi"),
            (f"0.{block * 2}...", "repeating"),
        ]
        size = 5
    else:
        m = rng.choice((2, 3, 5, 6, 7))
        k = rng.randint(2, 4)
        pool = [
            *roots,
            (f"√{m} × √{m * k * k}", "product"),
            (f"√{m} + {rng.randint(1, 9)}", "irrational"),
            (f"π - {rng.randint(1, 3)}", "pi"),
            (f"0.{block * 2}...", "repeating"),
            (fmt(Fraction(rng.randint(1, 20), rng.choice((3, 7, 9))), "fraction"), "fraction"),
        ]
        size = 6
    while len(pool) < size:  # fill with more square roots
        pool.append(
            (f"√{perfect_square(rng, 2, 12)}", "square root")
            if rng.random() < 0.5
            else (f"√{non_square(rng, 2, 99)}", "irrational")
        )
    return pool[:size]


class IrrationalCount(Family):
    """Telling irrational numbers from rational ones: how many in a list are irrational.
    Tiers: three square roots and a fraction; roots, π and a fraction; with a repeating
    and a terminating decimal; with a negative root, the root of a fraction and a multiple
    of π; with a product of roots that is whole and an irrational sum."""

    name = "irrational_count"
    topic = "8.NS.A.1"
    context_hint = "numbers met in measuring, such as a diagonal, a circle or a shared amount"
    strategy = (
        "A number is rational if it can be written as a fraction of whole numbers: check each "
        "number, simplifying square roots of perfect squares and remembering that repeating "
        "decimals are fractions too."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        while True:
            listed = entries(tier, rng)
            rng.shuffle(listed)
            texts = [t for t, _ in listed]
            if len(set(texts)) == len(texts):
                kinds = [k for _, k in listed]
                irrational = sum(k in ("irrational", "pi") for k in kinds)
                if 0 < irrational < len(listed):
                    break
        count = lambda kind: sum(k == kind for k in kinds)  # noqa: E731
        names = ", ".join(texts[:-1]) + f" and {texts[-1]}"
        return Draft(
            question=f"How many of these numbers are irrational: {names}?",
            answer=Fraction(irrational),
            solution=[
                "Check each number: can it be written as a fraction of whole numbers?",
                "Square roots of perfect squares, fractions and decimals that stop or repeat "
                "are rational; π and the square roots of other whole numbers are not.",
                f"{irrational} of them are irrational.",
            ],
            wrong=[
                (
                    Fraction(
                        irrational + count("square root") + count("negative") + count("product")
                    )
                    if count("square root") + count("negative") + count("product")
                    else None,
                    "counted every number with a square root sign as irrational",
                ),
                (
                    Fraction(irrational + count("repeating")) if count("repeating") else None,
                    "counted the repeating decimal as irrational",
                ),
                (
                    Fraction(irrational - count("pi")) if count("pi") else None,
                    "counted π as rational, as if it were exactly 3.14",
                ),
                (
                    Fraction(irrational + count("repeating") + count("terminating"))
                    if count("terminating")
                    else None,
                    "counted every decimal that is not whole as irrational",
                ),
                (Fraction(len(listed) - irrational), "counted the rational numbers instead"),
                (
                    Fraction(irrational - count("irrational")),
                    "thought every square root is rational",
                ),
                (
                    Fraction(irrational + count("fraction")) if count("fraction") else None,
                    "counted a fraction whose decimal never stops as irrational",
                ),
                (
                    Fraction(irrational + count("negative")) if count("negative") else None,
                    "thought a negative number cannot be rational",
                ),
                (
                    Fraction(irrational + count("product")) if count("product") else None,
                    "counted a product of square roots as irrational without simplifying it",
                ),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        listed = question_part(core.question, r"irrational: (.+)\?$")[0]
        first, last = listed.rsplit(" and ", 1)
        values = [read_number(t) for t in [*first.split(", "), last]]
        return sympy.Integer(sum(v is not None and v.is_rational is False for v in values))


def tenth(value: Any) -> Fraction:
    """The nearest tenth of a real value."""
    return Fraction(round(float(value) * 10), 10)


class IrrationalOnLine(Family):
    """Locating an irrational number among marked rational points on a number line. Tiers:
    a square root among whole numbers; a square root up to about 12 among tenths; a square
    root from 12 to 20 among tenths; a whole number times a square root; a whole number
    minus a square root, which may be negative."""

    name = "irrational_on_line"
    topic = "8.NS.A.2"
    style = "decimal"
    nonnegative = False
    context_hint = "a length such as a diagonal that is known only as a square root"
    strategy = (
        "Find the perfect squares just below and above the number under the root, then square "
        "the marked values near that root to see which comes closest."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        while True:
            found = self.attempt(tier, rng)
            if found is not None:
                return found

    def attempt(self, tier: int, rng: Random) -> Draft | None:
        """A draft whose key is clearly the closest of four points; None if these numbers
        give none."""
        show = self.show
        a = rng.randint(2, 5) if tier == 4 else rng.randint(1, 9)
        n = non_square(
            rng, *{1: (2, 300), 2: (2, 150), 3: (151, 400), 4: (2, 50), 5: (2, 99)}[tier]
        )
        root = sympy.sqrt(n)
        k = math.isqrt(n)
        if tier == 4:
            text, value = f"{a}√{n}", a * root
        elif tier == 5:
            text, value = f"{a} - √{n}", a - root
        else:
            text, value = f"√{n}", root
        if tier == 1:
            answer = Fraction(round(float(root)))
            wrong: Wrong = [
                (
                    Fraction(k + 1 if answer == k else k),
                    "picked the whole number on the far side of the nearest perfect square",
                ),
                (
                    Fraction(n, 2) if n % 2 == 0 else None,
                    "halved the number instead of taking its square root",
                ),
                (Fraction(answer * answer), "gave the nearest perfect square, not its root"),
            ]
            clear = abs(float(root) - float(answer)) <= 0.4
        else:
            answer = tenth(value)
            clear = abs(float(value) - float(answer)) <= 0.03
            if tier in (2, 3):
                wrong = [
                    (
                        k + Fraction(n - k * k, 10),
                        "wrote the amount past the perfect square as tenths",
                    ),
                    (k + Fraction(1, 2), "assumed the root is halfway between the whole numbers"),
                    (Fraction(k), "dropped everything after the whole-number part"),
                    (
                        k + 1 - Fraction((k + 1) ** 2 - n, 10),
                        "counted back from the next perfect square in tenths",
                    ),
                ]
            elif tier == 4:
                wrong = [
                    (tenth(sympy.sqrt(a * n)), f"put the {a} inside the square root"),
                    (tenth(root) + a, f"added {a} instead of multiplying"),
                    (Fraction(a * k), "used only the whole-number part of the root"),
                    (
                        a * (k + Fraction(1, 2)),
                        "assumed the root is halfway between the whole numbers",
                    ),
                ]
            else:
                wrong = [
                    (tenth(root - a), "subtracted in the wrong order"),
                    (tenth(a + root), "added the root instead of subtracting it"),
                    (Fraction(a - k), "used only the whole-number part of the root"),
                    (
                        a - k - Fraction(1, 2),
                        "assumed the root is halfway between the whole numbers",
                    ),
                ]
        # keep misconceptions whose point is clearly farther than the key's
        gap = abs(float(value) - float(answer))
        kept: Wrong = []
        for v, why in wrong:
            if v is None or v == answer or any(v == w for w, _ in kept):
                continue
            if abs(float(value) - float(v)) >= gap + 0.05:
                kept.append((v, why))
        points = sorted([answer, *(v for v, _ in kept[:3] if isinstance(v, Fraction))])
        if not clear or len(points) < 4:
            return None
        step = 1 if points[-1] - points[0] <= 10 else 5 if points[-1] - points[0] <= 50 else 10
        low, high = covering(points, step)
        labels = [show(p) for p in points]
        listing = ", ".join(labels[:-1]) + f" and {labels[-1]}"
        return Draft(
            question=f"A number line marks the points {listing}. Which of them is closest to "
            f"{text}?",
            answer=answer,
            solution=[
                f"√{n} lies between {k} and {k + 1}, since {k * k} < {n} < {(k + 1) ** 2}.",
                f"{text} is about {show(Fraction(round(float(value) * 100), 100))}; the closest "
                f"point is "
                f"{show(answer)}.",
            ],
            wrong=kept[:3],
            figure=number_line(low, high, points, labels=labels, step=step),
        )

    def expected(self, core: ItemCore) -> Any:
        listed, target = question_part(core.question, r"points (.+)\. Which .+ closest to (.+)\?$")
        first, last = listed.rsplit(" and ", 1)
        points = [to_sympy(p) for p in [*first.split(", "), last]]
        value = read_number(target)
        by_distance = sorted(points, key=lambda p: abs(sympy.N(p - value, 30)))
        if abs(sympy.N(by_distance[1] - value)) - abs(sympy.N(by_distance[0] - value)) < 0.04:
            raise ValueError(f"two points are about as close to {target}")
        return by_distance[0]


FAMILIES: tuple[type[Family], ...] = (RepeatingDecimal, IrrationalCount, IrrationalOnLine)
