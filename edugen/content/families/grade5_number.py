"""Grade-5 families for operations and algebraic thinking, base ten and fractions
(5.OA, 5.NBT, 5.NF).

Mixed numbers are written as a student writes them ("2 1/3"); every `expected` reads them
back with `values_in`, never from the generator's numbers. Answers are in the house form (a
reduced fraction or a decimal without trailing zeros); numeric keys are checked by value.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from random import Random
from typing import Any, ClassVar

import sympy

from edugen.content.cores import ItemCore
from edugen.content.families.base import Answer, Draft, Family, question_part
from edugen.content.families.common import dec, fmt, listing, proper, to_sympy
from edugen.content.figures.grade5_figs import area_model, fraction_bar

Wrong = list[tuple[Answer | None, str]]

_MIXED = re.compile(r"(?<![\w./])(\d+) (\d+)/(\d+)|(?<![\w./])(\d+(?:\.\d+)?(?:/\d+)?)")


def mixed(x: Fraction) -> str:
    """A fraction as a student writes it: "7", "3/4" or the mixed number "2 1/3"."""
    whole, rest = divmod(x.numerator, x.denominator)
    if rest == 0:
        return str(whole)
    return f"{whole} {rest}/{x.denominator}" if whole else f"{rest}/{x.denominator}"


def values_in(text: str) -> list[Fraction]:
    """The numbers a text writes, a mixed number "2 1/3" read as one value."""
    out = []
    for whole, top, bottom, plain in _MIXED.findall(text):
        out.append(
            Fraction(int(whole)) + Fraction(int(top), int(bottom)) if top else Fraction(plain)
        )
    return out


# --- 5.OA.A.1: parentheses, brackets and braces ---------------------------------------------

_OPEN, _CLOSE = "([{", ")]}"


def _tokens(text: str) -> list[str]:
    return re.findall(r"\d+|[-+×÷()\[\]{}]", text)


def _calc(tokens: list[str], left_to_right: bool = False) -> Fraction:
    """Evaluate tokens: grouping symbols first, then × and ÷ before + and - (or, with
    `left_to_right`, every operation in order)."""
    pos = 0

    def group() -> Fraction:
        nonlocal pos
        items: list[Fraction | str] = []
        while pos < len(tokens) and tokens[pos] not in _CLOSE:
            t = tokens[pos]
            pos += 1
            if t in _OPEN:
                items.append(group())
                pos += 1
            else:
                items.append(Fraction(int(t)) if t.isdigit() else t)
        return _flat(items, left_to_right)

    return group()


def _flat(items: list[Fraction | str], left_to_right: bool) -> Fraction:
    ops = {"+": lambda a, b: a + b, "-": lambda a, b: a - b}
    ops |= {"×": lambda a, b: a * b, "÷": lambda a, b: a / b}
    if not left_to_right:  # × and ÷ first
        out: list[Fraction | str] = [items[0]]
        for op, v in zip(items[1::2], items[2::2], strict=True):
            if str(op) in "×÷":
                out[-1] = ops[str(op)](out[-1], v)
            else:
                out += [op, v]
        items = out
    value = Fraction(items[0])
    for op, v in zip(items[1::2], items[2::2], strict=True):
        value = ops[str(op)](value, Fraction(v))
    return value


def _innermost(tokens: list[str]) -> Fraction:
    """The value of the first group that holds no other group."""
    for i, t in enumerate(tokens):
        if t in _OPEN:
            j = i + 1
            while tokens[j] not in _CLOSE:
                if tokens[j] in _OPEN:
                    break
                j += 1
            else:
                return _calc(tokens[i + 1 : j])
    raise ValueError("no group")


class GroupingSymbols(Family):
    """Evaluating expressions with grouping symbols. Tiers: one pair of parentheses; two
    groups or a group with three operations; brackets around parentheses; brackets with a
    division; braces around brackets around parentheses."""

    name = "grouping_symbols"
    topic = "5.OA.A.1"
    style = "decimal"
    context_hint = "working out a total step by step, such as boxes of pencils"
    strategy = (
        "Work the innermost grouping symbols first, then the ones around them; multiply and "
        "divide before you add and subtract."
    )
    forms: ClassVar[dict[int, tuple[str, ...]]] = {
        1: ("a × (b + c)", "(a + b) × c", "a × (b - c)", "(a - b) × c", "a - (b - c)"),
        2: ("(a + b) × (c - d)", "a × (b + c) - d", "a + (b + c) × d", "(a + b + c) × d"),
        3: ("a × [b - (c + d)]", "[a + (b - c)] × d", "a + [b × (c - d)]", "[(a + b) × c] - d"),
        4: ("[a × (b + c)] ÷ d", "a + [(b + c) ÷ d]", "[(a - b) × c] ÷ d", "a × [(b + c) ÷ d]"),
        5: ("{a + [b × (c - d)]} × e", "{[a - (b + c)] × d} ÷ e", "a × {b + [c × (d - e)]}"),
    }

    def draft(self, tier: int, rng: Random) -> Draft:
        form = rng.choice(self.forms[tier])
        top = 12 if tier <= 2 else 20
        while True:
            values = {k: str(rng.randint(2, top)) for k in "abcde"}
            expr = "".join(values.get(ch, ch) for ch in form)
            tokens = _tokens(expr)
            try:
                answer = _calc(tokens)
                parts = [_calc(_tokens(g)) for g in re.findall(r"\(([^()]*)\)", expr)]
            except ZeroDivisionError:
                continue
            if answer.denominator == 1 and 0 < answer <= 400 and all(p > 0 for p in parts):
                if not _steps_ok(tokens):
                    continue
                break
        bare = [t for t in tokens if t not in _OPEN + _CLOSE]
        outer = [t for t in tokens if t not in "()"]
        outer = ["(" if t == "[" else ")" if t == "]" else t for t in outer]
        outer = ["[" if t == "{" else "]" if t == "}" else t for t in outer]
        inner = _innermost(tokens)
        wrong: Wrong = [
            (_calc(bare), "ignored the grouping symbols and multiplied first"),
            (
                _calc(bare, left_to_right=True),
                "ignored the grouping symbols and worked left to right",
            ),
            (_calc(outer) if tier >= 3 else None, "skipped the parentheses inside the brackets"),
            (inner, "worked only the innermost group and stopped"),
            (_calc(tokens, left_to_right=True), "worked inside each group but left to right"),
            (_calc(_swap_outside(tokens)), "used the wrong operation outside the group"),
        ]
        return Draft(
            question=f"What is {expr}?",
            answer=answer,
            solution=[
                f"Work the innermost group first: it is {fmt(inner)}.",
                "Then work the group around it, multiplying and dividing before adding and "
                "subtracting.",
                f"{expr} = {fmt(answer)}.",
            ],
            wrong=wrong,
        )

    def expected(self, core: ItemCore) -> Any:
        expr = question_part(core.question, r"What is (.+)\?")[0]
        return to_sympy(expr.translate(str.maketrans("[]{}", "()()")))


def _swap_outside(tokens: list[str]) -> list[str]:
    """The tokens with every operation outside all groups swapped (× with +, ÷ with -)."""
    out, depth = [], 0
    swap = {"×": "+", "+": "×", "÷": "-", "-": "÷"}
    for t in tokens:
        depth += t in _OPEN
        depth -= t in _CLOSE
        out.append(swap[t] if depth == 0 and t in swap else t)
    return out


def _steps_ok(tokens: list[str]) -> bool:
    """Every group works out to a whole number of at least zero."""
    for i, t in enumerate(tokens):
        if t in _OPEN:
            depth, j = 0, i
            while True:
                depth += tokens[j] in _OPEN
                depth -= tokens[j] in _CLOSE
                if depth == 0:
                    break
                j += 1
            v = _calc(tokens[i + 1 : j])
            if v < 0 or v.denominator != 1:
                return False
    return True


# --- 5.OA.B.3: two numerical patterns ------------------------------------------------------


class TwoPatterns(Family):
    """Two patterns from two rules, both starting at zero. Tiers: how many times as large
    the matching terms are; the term of B that matches a term of A; the missing number of an
    ordered pair (A, B); the term of B in a given position; the term of A that matches a
    term of B."""

    name = "two_patterns"
    topic = "5.OA.B.3"
    context_hint = "two savings plans or two pattern rules side by side"
    strategy = (
        "Write the patterns in rows so matching terms line up, then see how each term of the "
        "lower row compares with the term above it."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        p, k = rng.randint(2, 9), rng.randint(2, 6)
        q = p * k
        shown = rng.randint(3, 5)
        a_terms = listing(str(p * i) for i in range(shown))
        b_terms = listing(str(q * i) for i in range(shown))
        rules = (
            f"Pattern A starts at 0 and adds {p} each time. "
            f"Pattern B starts at 0 and adds {q} each time."
        )
        if tier == 1:
            return Draft(
                question=f"Pattern A: {a_terms}. Pattern B: {b_terms}. Each term in B is how "
                "many times the matching term in A?",
                answer=Fraction(k),
                solution=[
                    "Divide a term of B by the matching term of A.",
                    f"{q} ÷ {p} = {k}, and every pair gives the same.",
                ],
                wrong=[
                    (Fraction(q - p), "subtracted the terms instead of dividing"),
                    (Fraction(p, q), "divided a term of A by the term of B"),
                    (Fraction(q * (shown - 1) - p * (shown - 1)), "subtracted the last terms"),
                    (Fraction(q), "gave the rule of Pattern B"),
                ],
            )
        n = rng.randint(5, 12)
        a, b = p * n, q * n
        steps = [
            f"Pattern A reaches {a} after {a} ÷ {p} = {n} steps.",
            f"After {n} steps Pattern B is at {n} × {q} = {b}.",
        ]
        wrong: Wrong = [
            (Fraction(a + q - p), "added the difference of the rules once"),
            (Fraction((n + 1) * q), "counted one step too many"),
            (Fraction(a * q), "multiplied by the rule of Pattern B"),
            (Fraction(n), "gave the number of steps"),
        ]
        if tier == 2:
            return Draft(
                question=f"{rules} When Pattern A is at {a}, what is the matching term in "
                "Pattern B?",
                answer=Fraction(b),
                solution=steps,
                wrong=wrong,
            )
        if tier == 3:
            return Draft(
                question=f"{rules} Make ordered pairs (A, B) from matching terms. The first "
                f"number of one pair is {a}. What is its second number?",
                answer=Fraction(b),
                solution=steps,
                wrong=[(Fraction(a, k), "divided instead of multiplying"), *wrong],
            )
        if tier == 4:
            place = n + 1
            return Draft(
                question=f"{rules} The first term of each pattern is 0. What is term number "
                f"{place} of Pattern B?",
                answer=Fraction(q * n),
                solution=[
                    f"Term number {place} comes after {n} steps, since the first term is 0.",
                    f"{n} × {q} = {q * n}.",
                ],
                wrong=[
                    (Fraction(q * place), "counted the first term as one step"),
                    (Fraction(p * n), "used the rule of Pattern A"),
                    (Fraction(q + place), "added the term number to the rule"),
                    (Fraction(q * (n - 1)), "counted one step too few"),
                ],
            )
        return Draft(
            question=f"{rules} When Pattern B is at {b}, what is the matching term in Pattern A?",
            answer=Fraction(a),
            solution=[
                f"Pattern B reaches {b} after {b} ÷ {q} = {n} steps.",
                f"After {n} steps Pattern A is at {n} × {p} = {a}.",
            ],
            wrong=[
                (Fraction(b * k), "multiplied instead of dividing"),
                (Fraction(b - (q - p)), "subtracted the difference of the rules once"),
                (Fraction(n), "gave the number of steps"),
                (Fraction(b // p) if b % p == 0 else None, "divided by the rule of Pattern A"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        text = core.question
        if text.startswith("Pattern A:"):
            a_part, b_part = question_part(text, r"Pattern A: ([\d, ]+)\. Pattern B: ([\d, ]+)\.")
            a_vals = [int(v) for v in a_part.split(", ")]
            b_vals = [int(v) for v in b_part.split(", ")]
            return sympy.Rational(b_vals[-1], a_vals[-1])
        p, q = (int(v) for v in re.findall(r"adds (\d+) each time", text))
        if "term number" in text:
            place = int(question_part(text, r"term number (\d+)")[0])
            return sympy.Integer(q * (place - 1))
        if "When Pattern B is at" in text:
            b = int(question_part(text, r"Pattern B is at (\d+)")[0])
            return sympy.Integer(b // q * p)
        a = int(question_part(text, r"(?:Pattern A is at|one pair is) (\d+)")[0])
        return sympy.Integer(a // p * q)


# --- 5.NBT.A.1: a digit's value in the place to its left and right -----------------------

PLACE_NAMES = {3: "thousands", 2: "hundreds", 1: "tens", 0: "ones"}
PLACE_NAMES |= {-1: "tenths", -2: "hundredths", -3: "thousandths"}


class DigitValueRatio(Family):
    """How a digit's value changes with its place. Tiers: the same digit in neighbouring
    places of a whole number (ten times); in neighbouring places of a decimal; the right one
    as a fraction of the left one (one tenth); places two apart (a hundred times or one
    hundredth); the value of one digit of a decimal."""

    name = "digit_value_ratio"
    topic = "5.NBT.A.1"
    style = "decimal"
    context_hint = "the digits of a price, a distance or a count"
    strategy = (
        "Name the place of each digit, then compare what those places are worth: a "
        "place is worth more than the place on its right."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        whole = 4 if tier == 1 else rng.randint(1, 3)
        places = 0 if tier == 1 else 3 if tier == 5 else rng.randint(2, 3)
        gap = 2 if tier == 4 else 1
        spots = list(range(whole - 1, -places - 1, -1))  # place exponents, left to right
        while True:
            digit = rng.randint(1, 9)
            i = rng.randrange(len(spots) - gap)
            first, second = spots[i], spots[i + gap]
            if tier >= 2 and tier != 5 and second >= 0:
                continue  # the decimal tiers compare a digit right of the point
            digits = [rng.choice([d for d in range(10) if d != digit]) for _ in spots]
            digits[i] = digits[i + gap] = digit
            if digits[0] == 0:
                continue
            break
        text = "".join(str(d) for d in digits[:whole]) + (
            "." + "".join(str(d) for d in digits[whole:]) if places else ""
        )
        if places and text.endswith("0"):
            text = text[:-1] + str(rng.choice([d for d in range(1, 10) if d != digit]))
        if tier == 5:
            value = Fraction(digit) * Fraction(10) ** second
            return Draft(
                question=f"What is the value of the digit {digit} in the "
                f"{PLACE_NAMES[second]} place of {text}?",
                answer=value,
                solution=[
                    f"The {PLACE_NAMES[second]} place is worth one unit of that place.",
                    f"So the digit stands for {fmt(value, 'decimal')}.",
                ],
                wrong=[
                    (Fraction(digit), "gave the digit, not its value"),
                    (value * 10, "used the place to its left"),
                    (value / 10, "used the place to its right"),
                    (value * 100, "counted places from the wrong end"),
                ],
            )
        ratio = Fraction(10) ** (first - second)
        flip = tier == 3
        answer = 1 / ratio if flip else ratio
        ask = (
            f"The value of the {digit} in the {PLACE_NAMES[second]} place is what fraction of "
            f"the value of the {digit} in the {PLACE_NAMES[first]} place?"
            if flip
            else f"The {digit} in the {PLACE_NAMES[first]} place is worth how many times the "
            f"{digit} in the {PLACE_NAMES[second]} place?"
        )
        return Draft(
            question=f"Look at the number {text}. {ask}",
            answer=answer,
            solution=[
                f"Each place is worth ten times the place to its right; the two digits are "
                f"{first - second} place{'s' if gap > 1 else ''} apart.",
                f"So the answer is {fmt(answer)}.",
            ],
            wrong=[
                (1 / answer, "mixed up which digit is worth more"),
                (answer * 10 if answer > 1 else answer / 10, "counted one place too many"),
                (Fraction(1), "thought the same digit always has the same value"),
                (Fraction(gap + 1), "counted places instead of multiplying by ten"),
            ],
            style="fraction",
        )

    def expected(self, core: ItemCore) -> Any:
        text = core.question
        names = {v: k for k, v in PLACE_NAMES.items()}
        if text.startswith("What is the value"):
            number = question_part(text, r"place of ([\d.]+)\?")[0]
        else:
            number = question_part(text, r"the number ([\d.]+)\. ")[0]
        found = re.findall(r"(\d) in the (\w+) place", text)
        point = number.find(".") if "." in number else len(number)
        for d, p in found:  # the digits really sit in those places
            index = point - 1 - names[p] if names[p] >= 0 else point - names[p]
            if number[index] != d:
                raise ValueError(f"{number} has no {d} in the {p} place")
        if len(found) == 1:
            return sympy.Integer(int(found[0][0])) * sympy.Integer(10) ** names[found[0][1]]
        (_, p1), (_, p2) = found
        return sympy.Integer(10) ** (names[p1] - names[p2])


# --- 5.NBT.A.2: multiplying and dividing by powers of ten ------------------------------------


class PowersOfTen(Family):
    """Multiplying and dividing by powers of ten. Tiers: a whole number times 10, 100 or
    1000; a whole number times a power of ten written with an exponent; a decimal times a
    power of ten; a decimal divided by a power of ten; the exponent that makes an equation
    true."""

    name = "times_power_of_ten"
    topic = "5.NBT.A.2"
    style = "decimal"
    context_hint = "measurements scaled up or down by tens"
    strategy = (
        "The exponent counts how many places every digit moves: to the left when you multiply, to "
        "the right when you divide."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        e = rng.randint(1, 3) if tier < 5 else rng.randint(1, 4)
        power = 10**e
        if tier <= 2:
            x = Fraction(rng.randint(2, 999))
        elif tier == 3:
            x = dec(rng, rng.randint(1, 3), 0, 50)
        else:
            x = dec(rng, rng.randint(0, 2), 1, 900)
        shown = str(power) if tier == 1 else f"10^{e}"
        if tier == 5:
            product = x * power
            return Draft(
                question=f"What whole number n makes {fmt(x, 'decimal')} × 10^n = "
                f"{fmt(product, 'decimal')} true?",
                answer=Fraction(e),
                solution=[
                    "Count how many places the digits moved to the left.",
                    f"They moved {e} places, so n = {e}.",
                ],
                wrong=[
                    (Fraction(e + 1), "counted one place too many"),
                    (Fraction(e - 1) if e > 1 else None, "counted one place too few"),
                    (Fraction(power), "gave the power of ten instead of the exponent"),
                    (Fraction(len(fmt(product, "decimal").replace(".", ""))), "counted the digits"),
                ],
            )
        divide = tier == 4
        answer = x / power if divide else x * power
        op = "÷" if divide else "×"
        return Draft(
            question=f"What is {fmt(x, 'decimal')} {op} {shown}?",
            answer=answer,
            solution=[
                f"{shown} has {e} factor{'s' if e > 1 else ''} of ten, so the digits move "
                f"{e} place{'s' if e > 1 else ''} to the {'right' if divide else 'left'}.",
                f"{fmt(x, 'decimal')} {op} {shown} = {fmt(answer, 'decimal')}.",
            ],
            wrong=[
                (x * power if divide else x / power, "moved the digits the wrong way"),
                (answer * 10, "moved the digits one place too far left"),
                (answer / 10, "moved the digits one place too far right"),
                (x * 10 * e if tier in (2, 3) else None, "multiplied by ten times the exponent"),
                (x + power, "added the power of ten"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        text = core.question
        if "makes" in text:
            x, product = question_part(text, r"makes (\S+) × 10\^n = (\S+) true")
            ratio, n = to_sympy(product) / to_sympy(x), 0
            while ratio > 1:
                ratio, n = ratio / 10, n + 1
            if ratio != 1:
                raise ValueError("the product is not the number times a power of ten")
            return sympy.Integer(n)
        return to_sympy(question_part(text, r"What is (.+)\?")[0])


# --- 5.NBT.A.3: reading and writing decimals -------------------------------------------------

ONES = "zero one two three four five six seven eight nine".split()
TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
READERS: tuple[tuple[str, str], ...] = (
    ("Tom", "he"),
    ("Ana", "she"),
    ("Mia", "she"),
    ("Sam", "he"),
    ("Leo", "he"),
)
READERS += (("Kim", "she"), ("Ravi", "he"), ("Zoe", "she"))
DECIMAL_PLACES = {1: "tenths", 2: "hundredths", 3: "thousandths"}


def words(n: int) -> str:
    """0 to 999 in words: "two hundred six", "forty-five"."""
    hundreds, rest = divmod(n, 100)
    out = [f"{ONES[hundreds]} hundred"] if hundreds else []
    if rest >= 20:
        out.append(TENS[rest // 10] + (f"-{ONES[rest % 10]}" if rest % 10 else ""))
    elif rest >= 10:
        out.append(TEENS[rest - 10])
    elif rest or not out:
        out.append(ONES[rest])
    return " ".join(out)


def number_of(text: str) -> int:
    """Words back to a number, 0 to 999 (the reverse of `words`, written apart from it)."""
    value = {w: i for i, w in enumerate(ONES)} | {w: 10 + i for i, w in enumerate(TEENS)}
    value |= {w: 10 * i for i, w in enumerate(TENS) if w != "_"}
    total = 0
    for w in text.replace("-", " ").split():
        total = total * 100 if w == "hundred" else total + value[w]
    return total


def decimal_name(whole: int, part: int, places: int) -> str:
    """ "forty-two and seven hundredths"; no whole part: "seven hundredths"."""
    unit = DECIMAL_PLACES[places][:-1] if part == 1 else DECIMAL_PLACES[places]
    tail = f"{words(part)} {unit}"
    return f"{words(whole)} and {tail}" if whole else tail


class DecimalNames(Family):
    """Reading a decimal's name and writing it with digits. Tiers: ones and tenths;
    hundredths with a zero in the tenths place; thousandths; hundreds with thousandths;
    thousandths and no whole part."""

    name = "decimal_names"
    topic = "5.NBT.A.3"
    style = "decimal"
    context_hint = "a measurement or a race time read aloud"
    strategy = (
        "The word and marks the decimal point. The last word of the name says which place "
        "the last digit goes in; fill empty places with zeros."
    )
    plan: ClassVar[dict[int, tuple[int, int, int]]] = {
        # (largest whole part, decimal places, smallest decimal part)
        1: (20, 1, 1),
        2: (99, 2, 1),
        3: (99, 3, 10),
        4: (999, 3, 1),
        5: (0, 3, 1),
    }

    def draft(self, tier: int, rng: Random) -> Draft:
        top, places, least = self.plan[tier]
        scale = 10**places
        while True:
            whole = rng.randint(1, top) if top else 0
            part = rng.randint(least, 9 if tier == 2 else scale - 1)
            if part % 10 or places == 1:
                break
        answer = whole + Fraction(part, scale)
        name = decimal_name(whole, part, places)
        reader, pronoun = rng.choice(READERS)
        return Draft(
            question=f"{reader} says a number. Then {pronoun} writes it. It is {name}. What does "
            f"{pronoun} write?",
            answer=answer,
            solution=[
                f"The last word, {DECIMAL_PLACES[places]}, gives the place of the last digit.",
                f"So the number is {fmt(answer, 'decimal')}.",
            ],
            wrong=[
                (whole + Fraction(part, 10 ** len(str(part))), "left out the zeros in front"),
                (whole + Fraction(part, scale * 10), "put the last digit one place too far"),
                (
                    whole + Fraction(part, scale // 10) if part < scale // 10 else None,
                    "put the last digit one place too soon",
                ),
                (Fraction(whole * 10 ** len(str(part)) + part), "ignored the word and"),
                (Fraction(part) + Fraction(whole, scale) if whole else None, "swapped the parts"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        name = question_part(core.question, r"It is (.+)\. What does")[0]
        whole, _, part = name.rpartition(" and ")
        *count, unit = part.split()
        places = {"tenth": 1, "hundredth": 2, "thousandth": 3}[unit.rstrip("s")]
        value = sympy.Rational(number_of(" ".join(count)), 10**places)
        return value + (number_of(whole) if whole else 0)


class ExpandedDecimal(Family):
    """Expanded form of decimals. Tiers: ones, tenths and hundredths in order; a place left
    out (a zero); thousandths; terms out of order; tenths written as decimals instead of
    fractions."""

    name = "expanded_decimal"
    topic = "5.NBT.A.3.a"
    style = "decimal"
    context_hint = "writing a measurement in expanded form"
    strategy = (
        "Put each digit in the place its term names, largest place first, and keep a placeholder "
        "digit in any place that has no term."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        top = 1 if tier == 1 else 2
        low = -2 if tier <= 2 else -3
        exps = list(range(top, low - 1, -1))
        while True:
            digits = {e: rng.randint(1, 9) for e in exps}
            if tier in (2, 4, 5):
                digits[rng.choice(exps[1:-1])] = 0
            if digits[exps[0]]:
                break
        terms = [(d, e) for e, d in digits.items() if d]
        if tier >= 4:
            rng.shuffle(terms)

        def unit(e: int) -> str:
            if e >= 0:
                return str(10**e)
            return f"0.{'0' * (-e - 1)}1" if tier == 5 and e == -1 else f"(1/{10**-e})"

        expr = " + ".join(f"{d} × {unit(e)}" for d, e in terms)
        answer = sum((Fraction(d) * Fraction(10) ** e for d, e in terms), Fraction(0))
        in_order = "".join(str(d) for d, _ in terms)
        whole_digits = sum(1 for e in exps if e >= 0)
        squeezed = Fraction(int("".join(str(d) for e, d in digits.items() if d)))
        return Draft(
            question=f"What number is {expr}?",
            answer=answer,
            solution=[
                "Write each digit in the place its term names, and a zero where no term is.",
                f"So the number is {fmt(answer, 'decimal')}.",
            ],
            wrong=[
                (
                    Fraction(int(in_order), 10 ** (len(in_order) - whole_digits))
                    if tier >= 4
                    else None,
                    "wrote the digits in the order the terms are listed",
                ),
                (
                    squeezed / 10 ** (len(str(squeezed)) - whole_digits)
                    if 0 in digits.values()
                    else None,
                    "left out the zero for the missing place",
                ),
                (answer * 10, "put every digit one place too far left"),
                (answer / 10, "put every digit one place too far right"),
                (Fraction(sum(d for d, _ in terms)), "added the digits"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        return to_sympy(question_part(core.question, r"What number is (.+)\?")[0])


class CompareDecimals(Family):
    """Comparing decimals to thousandths: the greatest or least of four. Tiers: tenths and
    hundredths, greatest; to thousandths, greatest; to thousandths, least; different whole
    parts with zeros in the tenths place; larger numbers with mixed lengths, greatest or
    least."""

    name = "compare_thousandths"
    topic = "5.NBT.A.3.b"
    style = "decimal"
    context_hint = "race times, jump lengths or prices to compare"
    strategy = (
        "Line up the decimal points, then compare place by place from the left; the first "
        "place that differs decides."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        most = 2 if tier == 1 else 3
        least = tier == 3 or (tier == 5 and rng.random() < 0.5)
        word, other = ("least", "greatest") if least else ("greatest", "least")
        pick = min if least else max
        while True:
            base = rng.randint(0, 9) if tier < 5 else rng.randint(10, 99)
            values: set[Fraction] = set()
            while len(values) < 4:
                places = rng.randint(1, most)
                whole = base + (rng.randint(0, 1) if tier >= 4 else 0)
                part = rng.randint(1, 10**places - 1)
                if part % 10:
                    values.add(whole + Fraction(part, 10**places))
            options = sorted(values)
            answer = pick(options)
            after = {v: fmt(v, "decimal").split(".")[1] for v in options}
            # (what the misconception picks, what it is), most telling first
            rules = [
                (
                    pick(options, key=lambda v: (len(after[v]) * (-1 if least else 1), v)),
                    f"thought the number with {'fewer' if least else 'more'} digits after the "
                    f"point is the {word}",
                ),
                (
                    pick(options, key=lambda v: (math.floor(v), int(after[v]))),
                    "read the digits after the point as a whole number",
                ),
                (
                    pick(options, key=lambda v: (len(after[v]) * (1 if least else -1), v)),
                    f"thought the number with {'more' if least else 'fewer'} digits after the "
                    f"point is the {word}",
                ),
                (
                    pick(options, key=lambda v: (int(after[v][-1]), v)),
                    "compared only the last digits",
                ),
                (max(options) if least else min(options), f"gave the {other}, not the {word}"),
            ]
            named = {v for v, _ in rules if v != answer}
            if rules[0][0] != answer and rules[1][0] != answer and len(named) == 3:
                break
        shown = rng.sample(options, 4)
        listed = ", ".join(fmt(v, "decimal") for v in shown[:3])
        return Draft(
            question=f"Which number is the {word}: {listed} or {fmt(shown[3], 'decimal')}?",
            answer=answer,
            solution=[
                "Line up the decimal points and compare the places from the left.",
                f"The {word} is {fmt(answer, 'decimal')}.",
            ],
            wrong=rules,
        )

    def expected(self, core: ItemCore) -> Any:
        word, listed = question_part(core.question, r"the (greatest|least): (.+)\?")
        values = [to_sympy(v) for v in re.split(r", | or ", listed)]
        return max(values) if word == "greatest" else min(values)


class RoundDecimals(Family):
    """Rounding decimals. Tiers: hundredths to the nearest tenth; thousandths to the nearest
    hundredth; to the nearest whole number; rounding that carries through a nine; thousandths
    to the nearest tenth, where rounding twice would go wrong."""

    name = "round_decimals"
    topic = "5.NBT.A.4"
    style = "decimal"
    context_hint = "a measurement or a price rounded for a report"
    strategy = (
        "Find the place you round to, then look only at the digit just to its right to decide "
        "whether to round up or keep the digit."
    )
    names: ClassVar[dict[int, str]] = {0: "whole number", 1: "tenth", 2: "hundredth"}

    def draft(self, tier: int, rng: Random) -> Draft:
        to, places = {1: (1, 2), 2: (2, 3), 3: (0, rng.randint(1, 2)), 4: (1, 2), 5: (1, 3)}[tier]
        while True:
            x = dec(rng, places, 0, 99 if tier < 5 else 20)
            digits = fmt(x, "decimal").split(".")[1]
            if tier == 4:  # a 9 in the place rounded to, rounded up
                x = Fraction(int(x * 10) // 10 * 10 + 9, 10) + Fraction(rng.randint(5, 9), 100)
                digits = fmt(x, "decimal").split(".")[1]
            if tier == 5 and not (digits[1] == "4" and int(digits[2]) >= 5):
                continue
            if len(digits) == places:
                break
        unit = Fraction(1, 10**to)
        answer = Fraction(math.floor(x / unit + Fraction(1, 2))) * unit
        down = Fraction(math.floor(x / unit)) * unit
        word = self.names[to]
        next_digit = x * 10 ** (to + 1) % 10 // 1
        return Draft(
            question=f"Round {fmt(x, 'decimal')} to the nearest {word}.",
            answer=answer,
            solution=[
                f"Look at the digit just to the right of the {word} place.",
                f"That digit is {next_digit}.",
                ("It is 5 or more, so round up" if next_digit >= 5 else "It is less than 5")
                + f": {fmt(answer, 'decimal')}.",
            ],
            wrong=[
                (_round_twice(x, to) if tier == 5 else None, "rounded one place at a time"),
                (down, "cut off the digits instead of rounding up")
                if answer != down
                else (
                    down + unit,
                    "rounded up though the next digit is less than five",
                ),
                (
                    Fraction(math.floor(x * 10 ** (to + 1) + Fraction(1, 2)), 10 ** (to + 1))
                    if places > to + 1
                    else None,
                    "rounded to the next place to the right",
                ),
                (
                    Fraction(math.floor(x * 10 ** (to - 1) + Fraction(1, 2)), 10 ** (to - 1))
                    if to > 0
                    else Fraction(math.floor(x / 10 + Fraction(1, 2)) * 10),
                    "rounded to the place to the left",
                ),
                (Fraction(math.floor(x)) if to > 0 else None, "dropped the decimal part"),
                (answer + unit * 10 if to > 0 else answer + 10, "rounded up in the wrong place"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        value, word = question_part(core.question, r"Round (\S+) to the nearest (.+)\.")
        unit = {
            "whole number": 1,
            "tenth": sympy.Rational(1, 10),
            "hundredth": sympy.Rational(1, 100),
        }[word]
        return sympy.floor(to_sympy(value) / unit + sympy.Rational(1, 2)) * unit


def _round_twice(x: Fraction, to: int) -> Fraction:
    """Round to the place right of `to` first, then to `to` (a common mistake)."""
    once = Fraction(math.floor(x * 10 ** (to + 1) + Fraction(1, 2)), 10 ** (to + 1))
    return Fraction(math.floor(once * 10**to + Fraction(1, 2)), 10**to)


# --- 5.NBT.B.5: multiplying with the standard algorithm -------------------------------------


def _row(a: int, d: int, slip: str = "") -> int:
    """a × d (d one digit) worked digit by digit from the right, as written in a column;
    `slip` makes a known mistake: "forget" every carry, or "early" (add the carry to the
    digit before multiplying)."""
    out, carry = 0, 0
    for i, c in enumerate(reversed(str(a))):
        p = (int(c) + carry) * d if slip == "early" else int(c) * d + carry
        out += p % 10 * 10**i
        carry = 0 if slip == "forget" else p // 10
    return out + carry * 10 ** len(str(a))


def _slipped(a: int, b: int, slip: str) -> int:
    return sum(_row(a, int(c), slip) * 10**i for i, c in enumerate(reversed(str(b))))


class ColumnMultiplication(Family):
    """Multi-digit multiplication with the standard algorithm. Tiers: 3-digit × 1-digit;
    2-digit × 2-digit; 3-digit × 2-digit; 4-digit × 2-digit; 3-digit × 3-digit."""

    name = "column_multiplication"
    topic = "5.NBT.B.5"
    style = "decimal"
    context_hint = "boxes of items, seats in rows, or the cost of many tickets"
    strategy = (
        "Multiply the top number by each digit of the bottom number, shifting each new row a "
        "place to the left, then add the rows."
    )
    sizes: ClassVar[dict[int, tuple[int, int]]] = {
        1: (3, 1),
        2: (2, 2),
        3: (3, 2),
        4: (4, 2),
        5: (3, 3),
    }

    def draft(self, tier: int, rng: Random) -> Draft:
        da, db = self.sizes[tier]
        while True:
            a = rng.randint(10 ** (da - 1) + 1, 10**da - 1)
            b = rng.randint(10 ** (db - 1) + 1, 10**db - 1)
            if a % 10 and b % 10 and "0" not in str(b):
                break
        rows = [a * int(c) * 10**i for i, c in enumerate(reversed(str(b)))]
        answer = a * b
        return Draft(
            question=f"What is {a} × {b}?",
            answer=Fraction(answer),
            solution=[
                "Multiply the top number by each digit of the bottom number; shift each row "
                "one place to the left.",
                f"The rows are {listing(str(r) for r in rows)}.",
                f"Add the rows: {answer}.",
            ],
            wrong=[
                (
                    Fraction(sum(r // 10**i for i, r in enumerate(rows))) if db > 1 else None,
                    "did not shift the rows to the left",
                ),
                (Fraction(_slipped(a, b, "forget")), "forgot to carry"),
                (Fraction(rows[0]) if db > 1 else None, "multiplied by the ones digit only"),
                (Fraction(_slipped(a, b, "early")), "added the carry before multiplying"),
                (
                    Fraction(sum(int(c) for c in str(a)) * b),
                    "multiplied each digit of the top number as if it were ones",
                ),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        a, b = question_part(core.question, r"What is (\d+) × (\d+)\?")
        return sympy.Integer(a) * sympy.Integer(b)


# --- 5.NF.A: adding and subtracting fractions with unlike denominators -----------------------


def _unlike(rng: Random, tier: int) -> tuple[Fraction, Fraction]:
    """Two fractions with different denominators; one denominator a multiple of the other in
    tier 1; each at most twelve."""
    while True:
        b = rng.randint(2, 6 if tier == 1 else 12)
        d = b * rng.randint(2, 3) if tier == 1 else rng.randint(2, 12)
        if d > 12 or d == b or (tier > 1 and (b % d == 0 or d % b == 0)):
            continue
        x, y = Fraction(rng.randint(1, b - 1), b), Fraction(rng.randint(1, d - 1), d)
        if x.denominator == b and y.denominator == d:
            return x, y


def _fraction_wrongs(x: Fraction, y: Fraction, op: str) -> Wrong:
    sign = 1 if op == "+" else -1
    a, b, c, d = x.numerator, x.denominator, y.numerator, y.denominator
    return [
        (
            Fraction(a + sign * c, b + sign * d) if b + sign * d > 0 else None,
            "added or subtracted the numerators and the denominators",
        ),
        (Fraction(a + sign * c, b * d), "multiplied the denominators but kept the numerators"),
        (Fraction(a + sign * c, max(b, d)), "kept the larger denominator without renaming"),
        (abs(x - y) if op == "+" else x + y, "used the other operation"),
    ]


class UnlikeFractions(Family):
    """Adding and subtracting fractions with unlike denominators. Tiers: one denominator a
    multiple of the other; any two denominators, adding; subtracting; mixed numbers,
    adding; mixed numbers, subtracting with renaming."""

    name = "unlike_fractions"
    topic = "5.NF.A.1"
    context_hint = "adding or subtracting parts of the same whole"
    strategy = (
        "Rename both fractions with a common denominator, then add or subtract the "
        "numerators; with mixed numbers, work the whole numbers and the fractions."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        x, y = _unlike(rng, tier)
        op = "-" if tier in (3, 5) else "+"
        if op == "-" and x < y:
            x, y = y, x
        if tier >= 4:
            p, q = rng.randint(1, 6), rng.randint(1, 4)
            if tier == 5:
                x, y = min(x, y), max(x, y)  # renaming is needed
                p += q
            first, second = p + x, q + y
            shown = f"{mixed(first)} {op} {mixed(second)}"
        else:
            first, second = x, y
            shown = f"{fmt(x)} {op} {fmt(y)}"
        answer = first + second if op == "+" else first - second
        common = math.lcm(x.denominator, y.denominator)
        wrong = _fraction_wrongs(x, y, op)
        if tier >= 4:
            whole = first.numerator // first.denominator
            whole2 = second.numerator // second.denominator
            wrong = [
                (
                    Fraction(whole + (whole2 if op == "+" else -whole2)) + abs(x - y)
                    if tier == 5
                    else None,
                    "subtracted the smaller fraction from the larger",
                ),
                *[
                    (
                        None
                        if v is None or isinstance(v, str)
                        else Fraction(whole + (whole2 if op == "+" else -whole2)) + v,
                        why,
                    )
                    for v, why in wrong[:3]
                ],
                (Fraction(whole + (whole2 if op == "+" else -whole2)), "dropped the fractions"),
            ]
        return Draft(
            question=f"What is {shown}?",
            answer=answer,
            solution=[
                f"Rename the fractions with the common denominator {common}.",
                f"{fmt(x * common)}/{common} and {fmt(y * common)}/{common}.",
                f"{shown} = {mixed(answer)}, written {fmt(answer)}.",
            ],
            wrong=wrong,
        )

    def expected(self, core: ItemCore) -> Any:
        expr = question_part(core.question, r"What is (.+)\?")[0]
        first, op, second = question_part(expr, r"^(.+) ([-+]) (.+)$")
        a, b = values_in(first)[0], values_in(second)[0]
        return sympy.Rational(a + b if op == "+" else a - b)


STORIES_ADD = (
    ("{n} ran {a} mile in the morning and {b} mile after lunch.", "How far did {p} run in all?"),
    (
        "{n} used {a} cup of flour for bread and {b} cup for muffins.",
        "How much flour did {p} use in all?",
    ),
    (
        "{n} read for {a} hour before school and {b} hour after school.",
        "How long did {p} read in all?",
    ),
    (
        "{n} painted {a} of a wall on Monday and {b} of it on Tuesday.",
        "How much of the wall did {p} paint in all?",
    ),
)
STORIES_MORE = (
    (
        "{n} has a ribbon {a} yard long and a string {b} yard long.",
        "How much longer is the ribbon than the string?",
    ),
    (
        "A jug holds {a} liter of juice. A glass holds {b} liter.",
        "How much more does the jug hold than the glass?",
    ),
    ("{n} walked {a} mile. Ben walked {b} mile.", "How much farther did {p} walk than Ben?"),
)
STORIES_LEFT = (
    ("{n} ate {a} of a pizza. Ben ate {b} of the same pizza.", "What part of the pizza is left?"),
    ("{n} spent {a} of the day at school and {b} of it asleep.", "What part of the day is left?"),
    (
        "{n} planted beans in {a} of a garden and corn in {b} of it.",
        "What part of the garden is left for other plants?",
    ),
)
PEOPLE: tuple[tuple[str, str], ...] = (
    ("Mia", "she"),
    ("Leo", "he"),
    ("Ana", "she"),
    ("Sam", "he"),
    ("Zoe", "she"),
)
PEOPLE += (("Ravi", "he"), ("Kim", "she"), ("Omar", "he"), ("Lily", "she"), ("Jack", "he"))


class FractionStories(Family):
    """Word problems adding and subtracting fractions of the same whole. Tiers: related
    denominators, in all; unlike denominators, in all; how much more; what part of the whole
    is left; mixed numbers, in all or how much more."""

    name = "fraction_stories"
    topic = "5.NF.A.2"
    context_hint = "recipes, walks, ribbons and shares of a whole"
    strategy = (
        "Decide whether the story puts amounts together, compares them, or takes them from "
        "the whole; then rename the fractions with a common denominator."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        while True:
            x, y = _unlike(rng, 1 if tier == 1 else 2)
            if {x.denominator, y.denominator} <= {2, 3, 4, 5, 6, 8, 10, 12}:
                break
        name, pronoun = rng.choice(PEOPLE)
        if tier == 3 or (tier == 5 and rng.random() < 0.5):
            story = rng.choice(STORIES_MORE)
            x, y = max(x, y), min(x, y)
            kind = "more"
        elif tier == 4:
            story = rng.choice(STORIES_LEFT)
            kind = "left"
            if x + y >= 1:
                x, y = x / 2 if (x / 2).denominator <= 12 else x, y
                if x + y >= 1:
                    x, y = Fraction(1, x.denominator), Fraction(1, y.denominator)
        else:
            story = rng.choice(STORIES_ADD if tier == 5 or x + y < 1 else STORIES_ADD[:3])
            kind = "all"
        if tier == 5:
            x, y = x + rng.randint(1, 4), y + rng.randint(1, 3)
            if kind == "more":
                x, y = max(x, y), min(x, y)
            if "of a wall" in story[0]:
                story = STORIES_ADD[0]
        texts = {"a": mixed(x), "b": mixed(y), "n": name, "p": pronoun}
        question = " ".join(part.format(**texts) for part in story)
        answer = {"all": x + y, "more": x - y, "left": 1 - x - y}[kind]
        wrong: Wrong = [
            (
                Fraction(x.numerator + y.numerator, x.denominator + y.denominator)
                if kind != "more"
                else Fraction(x.numerator - y.numerator, x.denominator - y.denominator)
                if x.denominator > y.denominator and x.numerator > y.numerator
                else None,
                "added or subtracted the numerators and the denominators",
            ),
            (x + y if kind == "more" else abs(x - y), "used the other operation"),
            (x + y if kind == "left" else None, "gave the part used, not the part left"),
            (
                Fraction(x.numerator + y.numerator, max(x.denominator, y.denominator))
                if kind != "more"
                else None,
                "added the numerators over the larger denominator",
            ),
            (
                Fraction(x.numerator - y.numerator, x.denominator * y.denominator)
                if kind == "more" and x.numerator > y.numerator
                else None,
                "multiplied the denominators but kept the numerators",
            ),
            (1 - x if kind == "left" else None, "took away only the first part"),
            (
                Fraction(math.floor(x) + math.floor(y)) if tier == 5 and kind == "all" else None,
                "added only the whole numbers",
            ),
            (
                Fraction(math.floor(x) - math.floor(y)) if tier == 5 and kind == "more" else None,
                "subtracted only the whole numbers",
            ),
        ]
        common = math.lcm(x.denominator, y.denominator)
        return Draft(
            question=question,
            answer=answer,
            solution=[
                {
                    "all": "Put the amounts together: add.",
                    "more": "Compare the amounts: subtract the smaller from the larger.",
                    "left": "Add the parts used, then take the sum from the whole, 1.",
                }[kind],
                f"Rename with the common denominator {common} and work it out.",
                f"The answer is {mixed(answer)}, written {fmt(answer)}.",
            ],
            wrong=wrong,
        )

    def expected(self, core: ItemCore) -> Any:
        text = core.question
        a, b = values_in(text)[:2]
        if "left" in text:
            return sympy.Rational(1 - a - b)
        if re.search(r"longer|more does|farther", text):
            return sympy.Rational(a - b)
        return sympy.Rational(a + b)


# --- 5.NF.B.3: a fraction as a division -------------------------------------------------------

SHARES = (
    ("{n} friends share {m} pizzas equally.", "How much pizza does each friend get?"),
    ("{m} pounds of clay are split equally into {n} lumps.", "How heavy is each lump?"),
    ("A board {m} feet long is cut into {n} equal pieces.", "How long is each piece?"),
    ("{n} kids share {m} liters of juice equally.", "How much juice does each kid get?"),
    ("{m} yards of ribbon are cut into {n} equal bows.", "How much ribbon is in each bow?"),
)


class FractionAsDivision(Family):
    """A fraction as a division of its numerator by its denominator. Tiers: a division
    written as a fraction; sharing fewer things than people; sharing more things than
    people; larger numbers; how many things were shared, from each share."""

    name = "fraction_as_division"
    topic = "5.NF.B.3"
    context_hint = "sharing pizzas, juice or ribbon equally"
    strategy = (
        "The amount shared is the numerator and the number of shares is the denominator: "
        "sharing is dividing."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        top = 9 if tier in (2, 3) else 12 if tier == 1 else 20
        while True:
            m, n = rng.randint(2, top), rng.randint(2, 12 if tier != 3 else 9)
            if tier == 2 and m >= n or tier == 3 and m <= n or m == n or m % n == 0:
                continue
            break
        answer = Fraction(m, n)
        wrong: Wrong = [
            (Fraction(n, m), "divided the number of shares by the amount"),
            (Fraction(1, n), "gave one share of a single thing"),
            (
                Fraction(m // n) if m > n else Fraction(m * n),
                "left out the remainder" if m > n else "multiplied instead of dividing",
            ),
            (Fraction(m, n * m) if m > 1 else None, "shared only one thing"),
            (Fraction(n - m if n > m else m - n), "subtracted the numbers"),
        ]
        if tier == 1:
            return Draft(
                question=f"Which fraction is equal to {m} ÷ {n}?",
                answer=answer,
                solution=[
                    "A division a ÷ b is the fraction a/b.",
                    f"So {m} ÷ {n} = {fmt(answer)}.",
                ],
                wrong=wrong,
            )
        if tier == 5:
            each = answer
            return Draft(
                question=f"Some pizzas were shared equally by {n} friends. Each friend got "
                f"{fmt(each)} of a pizza. How many pizzas were shared?",
                answer=Fraction(m),
                solution=[
                    f"Each share is the pizzas divided by {n}.",
                    f"So the pizzas are {n} × {fmt(each)} = {m}.",
                ],
                wrong=[
                    (Fraction(n), "gave the number of friends"),
                    (each / n, "divided the share by the friends"),
                    (Fraction(n + each.numerator), "added the numbers"),
                    (Fraction(n) / each, "divided the friends by the share"),
                ],
            )
        first, ask = rng.choice(SHARES)
        texts = {"m": str(m), "n": str(n)}
        return Draft(
            question=f"{first.format(**texts)} {ask}",
            answer=answer,
            solution=[
                f"Divide the amount by the number of shares: {m} ÷ {n}.",
                f"{m} ÷ {n} = {fmt(answer)}, or {mixed(answer)}.",
            ],
            wrong=wrong,
        )

    def expected(self, core: ItemCore) -> Any:
        text = core.question
        if text.startswith("Which fraction"):
            m, n = question_part(text, r"equal to (\d+) ÷ (\d+)\?")
            return sympy.Rational(int(m), int(n))
        if "How many pizzas" in text:
            n, each = question_part(text, r"by (\d+) friends\. Each friend got (\S+) of")
            return int(n) * to_sympy(each)
        amount = re.search(r"(\d+)(?: pizzas| pounds| feet| liters| yards)", text)
        count = re.search(r"(\d+) (?:friends|lumps|equal pieces|kids|equal bows)", text)
        if not amount or not count:
            raise ValueError("no amount or number of shares in the story")
        return sympy.Rational(int(amount[1]), int(count[1]))


# --- 5.NF.B.4: multiplying a fraction or a whole number by a fraction ------------------------


class FractionOfQuantity(Family):
    """(a/b) × q as a parts of q cut into b equal parts, shown on a fraction bar. Tiers: a
    unit fraction of a whole number; a fraction of a whole number; an answer that is not
    whole; a fraction of a fraction; cutting a length into equal parts and taking some."""

    name = "fraction_of_quantity"
    topic = "5.NF.B.4.a"
    context_hint = "taking part of a length, a bag of marbles or a pan of cornbread"
    strategy = (
        "Cut the amount into as many equal parts as the denominator says, find the size of a "
        "part, then take as many parts as the numerator says."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        while True:
            b = rng.randint(2, 10)
            a = 1 if tier == 1 else rng.randint(2, b - 1) if b > 2 else 1
            if tier == 4:
                q: Fraction = proper(rng, 2, 9)
            elif tier == 3:
                q = Fraction(rng.randint(2, 30))
            else:
                q = Fraction(b * rng.randint(2, 12))
            f = Fraction(a, b)
            if f.numerator != a or (tier > 1 and a == 1):
                continue
            if tier == 3 and (q * f).denominator == 1:
                continue
            break
        answer = f * q
        part = q / b
        if tier == 5:
            unit = rng.choice(("meters", "feet", "yards"))
            name, _ = rng.choice(PEOPLE)
            question = (
                f"A rope is {fmt(q)} {unit} long. {name} cuts it into {b} equal parts and "
                f"keeps {a} of them. How many {unit} of rope does {name} keep?"
            )
            total = f"{fmt(q)} {unit}"
        else:
            question = f"What is {fmt(f)} of {fmt(q)}?"
            total = fmt(q)
        return Draft(
            question=question,
            answer=answer,
            solution=[
                f"Cut {fmt(q)} into {b} equal parts: each part is {fmt(q)} ÷ {b} = {fmt(part)}.",
                f"Take {a} part{'s' if a > 1 else ''}: {a} × {fmt(part)} = {fmt(answer)}.",
            ],
            wrong=[
                (part if a > 1 else None, "found one part, not all the parts asked for"),
                (q - answer, "gave the parts left over"),
                (q * a, "multiplied by the numerator and did not divide"),
                (q * b / a, "turned the fraction upside down"),
                (q * b, "multiplied by the denominator"),
                (q / (a + b), "divided by the numerator plus the denominator"),
            ],
            figure=fraction_bar(b, a, total=total),
        )

    def expected(self, core: ItemCore) -> Any:
        text = core.question
        if text.startswith("What is"):
            f, q = question_part(text, r"What is (\S+) of (\S+)\?")
            return to_sympy(f) * to_sympy(q)
        q, b, a = question_part(
            text, r"is (\S+) \w+ long\. \w+ cuts it into (\d+) equal parts and keeps (\d+)"
        )
        return to_sympy(q) / int(b) * int(a)


class FractionSideArea(Family):
    """The area of a rectangle with fraction side lengths, tiled with small rectangles in a
    unit square. Tiers: unit fraction sides; fraction sides; larger denominators; one side
    longer than one unit; both sides longer than one unit."""

    name = "fraction_side_area"
    topic = "5.NF.B.4.b"
    context_hint = "a garden bed, a tile or a poster with fraction side lengths"
    strategy = (
        "Count the small rectangles in the shaded part and find what part of a unit square "
        "each small rectangle is; that is the same as multiplying the side lengths."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        top = 6 if tier <= 2 else 10 if tier == 3 else 5
        unit = rng.choice(("m", "ft", "yd", "km"))
        while True:
            across, down = rng.randint(2, top), rng.randint(2, top)
            if tier == 1:
                cols, rows = 1, 1
            elif tier <= 3:
                cols, rows = rng.randint(1, across - 1), rng.randint(1, down - 1)
            else:
                cols = rng.randint(across + 1, 2 * across - 1)
                rows = (
                    rng.randint(down + 1, 2 * down - 1) if tier == 5 else rng.randint(1, down - 1)
                )
            w, h = Fraction(cols, across), Fraction(rows, down)
            if w.denominator == across and h.denominator == down and (tier == 1 or w != h):
                break
        answer = w * h
        question = (
            f"A rectangle is {mixed(w)} {unit} wide and {mixed(h)} {unit} tall. What is its "
            f"area in square {unit}?"
        )
        return Draft(
            question=question,
            answer=answer,
            solution=[
                f"Each unit square is cut into {across} × {down} = {across * down} small "
                f"rectangles, so each is 1/{across * down} of a square {unit}.",
                f"The shaded part holds {cols} × {rows} = {cols * rows} of them.",
                f"Area = {fmt(w)} × {fmt(h)} = {fmt(answer)} square {unit}.",
            ],
            wrong=[
                (Fraction(cols * rows), "counted the small rectangles but not their size"),
                (w + h, "added the side lengths"),
                (2 * (w + h), "found the perimeter"),
                (Fraction(cols * rows, across + down), "added the denominators"),
                (Fraction(cols * rows, max(across, down)), "kept one denominator"),
            ],
            figure=area_model(
                across, down, cols, rows, (f"{mixed(w)} {unit}", f"{mixed(h)} {unit}")
            ),
        )

    def expected(self, core: ItemCore) -> Any:
        w, h = values_in(question_part(core.question, r"is (.+) tall\.")[0])
        return sympy.Rational(w * h)


# --- 5.NF.B.5: multiplication as scaling ------------------------------------------------------

RESIZE = (
    ("A photo is {q} cm wide. It is printed {f} times as wide.", "How wide is the print?"),
    (
        "A plant is {q} inches tall. A second plant is {f} times as tall.",
        "How tall is the second plant?",
    ),
    (
        "A map road is {q} cm long. On a copy it is {f} times as long.",
        "How long is the road on the copy?",
    ),
    (
        "A recipe needs {q} cups of rice. Jo makes {f} times as much.",
        "How many cups of rice does Jo need?",
    ),
)


class Scaling(Family):
    """Multiplication as resizing a quantity. Tiers: a whole-number factor; a unit fraction
    factor (smaller); a fraction less than one; a fraction greater than one; the size before
    resizing, from the size after."""

    name = "scaling"
    topic = "5.NF.B.5"
    context_hint = "resizing a photo, a recipe or a drawing"
    strategy = (
        "A factor greater than a whole makes the quantity larger and a factor less than a "
        "whole makes it smaller; multiply the quantity by the factor."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        while True:
            if tier == 1:
                f = Fraction(rng.randint(2, 5))
            elif tier == 2:
                f = Fraction(1, rng.randint(2, 6))
            elif tier == 3:
                f = proper(rng, 3, 8)
            else:
                d = rng.randint(2, 6)
                f = Fraction(rng.randint(d + 1, 2 * d - 1), d)
            q = Fraction(f.denominator * rng.randint(2, 9))
            if f.denominator > 1 or tier == 1:
                break
        lead, ask = rng.choice(RESIZE)
        after = q * f
        if tier == 5:
            question = (
                f"A photo is printed {fmt(f)} times as wide as the first photo. The print is "
                f"{fmt(after)} cm wide. How wide is the first photo?"
            )
            return Draft(
                question=question,
                answer=q,
                solution=[
                    "The print's width is the first width times the factor.",
                    f"So the first width is {fmt(after)} ÷ {fmt(f)} = {fmt(q)} cm.",
                ],
                wrong=[
                    (after * f, "multiplied by the factor again"),
                    (after - f, "subtracted the factor"),
                    (after + f, "added the factor"),
                    (after, "gave the width of the print"),
                ],
            )
        return Draft(
            question=f"{lead.format(q=fmt(q), f=fmt(f))} {ask}".replace(
                " times as", " times as" if f > 1 else " as"
            ),
            answer=after,
            solution=[
                "Resizing multiplies the size by the factor; "
                + (
                    "the factor is more than one, so the size grows."
                    if f > 1
                    else "the factor is less than one, so the size shrinks."
                ),
                f"{fmt(q)} × {fmt(f)} = {fmt(after)}.",
            ],
            wrong=[
                (q / f, "divided by the factor"),
                (q + f, "added the factor"),
                (
                    q * f.numerator if f.denominator > 1 else None,
                    "multiplied by the numerator only",
                ),
                (q - after if f < 1 else after - q, "gave the change in size"),
                (q * (f + 1), "added the resized amount to the first amount"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        text = core.question
        if "How wide is the first photo" in text:
            f, after = question_part(text, r"printed (\S+) times .+ The print is (\S+) cm")
            return to_sympy(after) / to_sympy(f)
        q, f = question_part(text, r"(\d+) (?:cm|inches|cups)\b.*? (\S+) (?:times )?as\b")
        return to_sympy(q) * to_sympy(f)


def _products(text: str) -> list[tuple[str, Any]]:
    listed = question_part(text, r": (.+)\?")[0]
    return [(p, to_sympy(p)) for p in re.split(r", | or ", listed)]


class ScalingCompare(Family):
    """Telling a product's size from its factors, without multiplying. Tiers: which product
    is greater than the number; which is less; which is greatest; which is least; products
    of a fraction, compared with that fraction."""

    name = "scaling_compare"
    topic = "5.NF.B.5.a"
    kinds = ("multiple_choice",)
    context_hint = "deciding, without working it out, which result will be larger"
    strategy = (
        "Compare each fraction with a whole: a fraction greater than a whole gives a product "
        "greater than the other number, and a fraction less than a whole gives a smaller product."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        base: Fraction = Fraction(rng.randint(3, 30)) if tier < 5 else proper(rng, 2, 9)
        while True:
            d = rng.randint(3, 9)
            big = Fraction(rng.randint(d + 1, 2 * d - 1), d)
            small = Fraction(1, rng.randint(2, 9))
            mid = proper(rng, 3, 9)
            if tier == 2:  # one factor below one, three above
                near = Fraction(rng.randint(2 * d, 3 * d), d)
                mid = 1 + mid
            else:  # one factor above one, three below
                near = Fraction(d - 1, d)
            factors = [big, near, small, mid] if tier != 2 else [small, near, big, mid]
            ok = len(set(factors)) == 4 and all(f.denominator > 1 for f in factors)
            if ok and (tier != 4 or min(factors) == small):
                break
        b = fmt(base)
        texts = [f"{b} × {fmt(f)}" for f in factors]
        values = dict(zip(texts, factors, strict=True))
        if tier == 1 or tier == 5:
            ask, answer = f"is greater than {b}", texts[0]
            why = {
                texts[1]: "chose the fraction with the larger numerator",
                texts[2]: "thought multiplying always makes a number greater",
                texts[3]: "looked at the denominator, not at the size of the fraction",
            }
        elif tier == 2:
            ask, answer = f"is less than {b}", texts[0]
            why = {
                texts[1]: "thought multiplying by a fraction always gives less",
                texts[2]: "chose the factor with the larger numerator",
                texts[3]: "looked at the denominator, not at the size of the fraction",
            }
        elif tier == 3:
            ask, answer = "is the greatest", texts[0]
            why = {
                texts[1]: "chose the fraction with the largest numerator",
                texts[2]: "thought a smaller denominator always gives more",
                texts[3]: "compared the denominators only",
            }
        else:
            ask, answer = "is the least", texts[2]
            why = {
                texts[0]: "chose the factor with the largest denominator",
                texts[1]: "chose the factor with the largest numerator",
                texts[3]: "thought the product with the smallest numerator is least",
            }
        shown = rng.sample(texts, 4)
        listed = ", ".join(shown[:3]) + f" or {shown[3]}"
        return Draft(
            question=f"Do not multiply. Which product {ask}: {listed}?",
            answer=answer,
            solution=[
                "Compare each fraction with one, and with the others.",
                f"{answer} has the factor {fmt(values[answer])}, so it {ask}.",
            ],
            wrong=[(t, why[t]) for t in texts if t != answer],
        )

    def expected(self, core: ItemCore) -> Any:
        text = core.question
        products = [v for _, v in _products(text)]
        if "greatest" in text:
            return max(products)
        if "the least" in text:
            return min(products)
        bound = to_sympy(question_part(text, r"(?:greater|less) than (\S+):")[0])
        fits = [v for v in products if (v > bound if "greater" in text else v < bound)]
        if len(fits) != 1:
            raise ValueError(f"{len(fits)} products fit")
        return fits[0]


class FactorSize(Family):
    """Why a factor greater than one makes a product greater and a factor less than one
    makes it smaller. Tiers: which factor gives more; which gives less; which keeps the
    product equal; which gives less, mixed with whole numbers; which gives a product
    between half the number and the number."""

    name = "factor_size"
    topic = "5.NF.B.5.b"
    kinds = ("multiple_choice",)
    context_hint = "a number multiplied by a fraction and what happens to its size"
    strategy = (
        "Ask whether each choice is more than a whole, equal to a whole or less than a whole; "
        "that decides whether the product grows, stays the same or shrinks."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        n = rng.randint(6, 60)
        d = rng.randint(3, 9)
        over = Fraction(rng.randint(d + 1, 2 * d - 1), d)
        under = Fraction(rng.randint(1, d - 1), d)
        while under.denominator != d:
            under = Fraction(rng.randint(1, d - 1), d)
        while over.denominator != d:
            over = Fraction(rng.randint(d + 1, 2 * d - 1), d)
        whole = Fraction(rng.randint(2, 5))
        small = Fraction(1, rng.randint(3, 9))
        if tier == 1:
            answer, others = (
                over,
                [
                    (under, "thought any fraction makes a number greater"),
                    (Fraction(1), "thought multiplying by one makes more"),
                    (small, "thought a smaller fraction gives more"),
                ],
            )
            ask = f"greater than {n}"
        elif tier == 2:
            answer, others = (
                under,
                [
                    (over, "thought every fraction makes a product smaller"),
                    (Fraction(1), "thought multiplying by one makes less"),
                    (whole, "thought multiplying makes less when the factor is small"),
                ],
            )
            ask = f"less than {n}"
        elif tier == 3:
            answer, others = (
                Fraction(1),
                [
                    (over, "thought a fraction near one keeps the number"),
                    (under, "thought a fraction less than one keeps it"),
                    (Fraction(0), "thought multiplying by zero keeps it"),
                ],
            )
            ask = f"equal to {n}"
        elif tier == 4:
            answer, others = (
                small,
                [
                    (whole, "thought any multiplying makes a number smaller"),
                    (over, "thought a fraction always makes less"),
                    (Fraction(1), "thought multiplying by one makes less"),
                ],
            )
            ask = f"less than {n}"
        else:
            half = Fraction(rng.randint(d // 2 + 1, d - 1), d)
            while half.denominator != d or half <= Fraction(1, 2):
                d = rng.randint(3, 9)
                half = Fraction(rng.randint(d // 2 + 1, d - 1), d)
            answer, others = (
                half,
                [
                    (small, "checked only that the product is less"),
                    (over, "thought a fraction always makes less"),
                    (Fraction(1, 2), "forgot that half the number is not more than half"),
                ],
            )
            ask = f"less than {n} but more than half of {n}"
        choices = [answer, *(v for v, _ in others)]
        rng.shuffle(choices)
        listed = ", ".join(fmt(c) for c in choices[:3]) + f" or {fmt(choices[3])}"
        return Draft(
            question=f"{rng.choice(PEOPLE)[0]} multiplies {n} by a number. The product is "
            f"{ask}. Which number could it be: {listed}?",
            answer=answer,
            solution=[
                "A factor greater than one gives a greater product; a factor less than one gives "
                "a smaller product; one keeps it the same.",
                f"{fmt(answer)} fits: {n} × {fmt(answer)} = {fmt(n * answer)}.",
            ],
            wrong=others,
        )

    def expected(self, core: ItemCore) -> Any:
        text = core.question
        n, ask, listed = question_part(
            text, r"multiplies (\d+) by a number\. The product is (.+)\. Which number .+: (.+)\?"
        )
        num = int(n)
        choices = [to_sympy(c) for c in re.split(r", | or ", listed)]
        tests = {
            "greater": lambda p: p > num,
            "equal": lambda p: p == num,
            "less": lambda p: p < num,
        }
        check = tests[ask.split()[0]]
        if "more than half" in ask:
            fits = [c for c in choices if sympy.Rational(num, 2) < num * c < num]
        else:
            fits = [c for c in choices if check(num * c)]
        if len(fits) != 1:
            raise ValueError(f"{len(fits)} choices fit")
        return fits[0]


# --- 5.NF.B.6: word problems multiplying fractions and mixed numbers -------------------------

PRODUCT_STORIES = {
    # (story, question); {a} is the amount, {b} the part or count
    "whole": (
        (
            "Each bag holds {a} pound of rice. {n} buys {b} bags.",
            "How many pounds of rice does {p} buy?",
        ),
        ("One lap of the path is {a} mile. {n} walks {b} laps.", "How far does {p} walk?"),
    ),
    "part": (
        (
            "A recipe needs {a} cup of sugar. {n} makes {b} of the recipe.",
            "How much sugar does {p} use?",
        ),
        (
            "{n} has {a} yard of ribbon. {p_cap} uses {b} of it for a bow.",
            "How much ribbon is in the bow?",
        ),
    ),
    "area": (
        ("A garden bed is {a} yard long and {b} yard wide.", "What is its area in square yards?"),
        ("A poster is {a} meter long and {b} meter wide.", "What is its area in square meters?"),
    ),
}


class FractionProductStories(Family):
    """Word problems that multiply fractions and mixed numbers. Tiers: a fraction times a
    whole number; a fraction of a fraction; the area of a rectangle with fraction sides; a
    mixed number times a whole number; a mixed number times a fraction."""

    name = "mixed_product_stories"
    topic = "5.NF.B.6"
    context_hint = "recipes, ribbons, laps and garden beds"
    strategy = (
        "Decide what is being taken a number of times or a part of, then multiply; write a "
        "mixed number as a fraction first."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        kind = {1: "whole", 2: "part", 3: "area", 4: "whole", 5: "part"}[tier]
        a: Fraction = proper(rng, 2, 8)
        if tier >= 4:
            a += rng.randint(1, 3)
        b = Fraction(rng.randint(2, 9)) if kind == "whole" else proper(rng, 2, 8)
        story, ask = rng.choice(PRODUCT_STORIES[kind])
        name, pronoun = rng.choice(PEOPLE)
        texts = {"a": mixed(a), "b": mixed(b), "n": name, "p": pronoun, "p_cap": pronoun.title()}
        answer = a * b
        whole_a = Fraction(math.floor(a))
        return Draft(
            question=f"{story.format(**texts)} {ask.format(**texts)}",
            answer=answer,
            solution=[
                "The story takes an amount a number of times, or a part of it: multiply.",
                f"{fmt(a)} × {fmt(b)} = {fmt(answer)}, or {mixed(answer)}.",
            ],
            wrong=[
                (
                    whole_a * b + (a - whole_a) if tier >= 4 and kind == "whole" else None,
                    "multiplied only the whole number part",
                ),
                (
                    whole_a * b.numerator + (a - whole_a) * b if tier == 5 else None,
                    "multiplied the whole number by the numerator only",
                ),
                (a + b, "added instead of multiplying"),
                (a / b, "divided instead of multiplying"),
                (
                    Fraction(a.numerator * b.numerator, a.denominator + b.denominator),
                    "multiplied the numerators and added the denominators",
                ),
                (a - b if a > b else b - a, "subtracted instead of multiplying"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        a, b = values_in(core.question)[:2]
        return sympy.Rational(a * b)


# --- 5.NF.B.7: dividing unit fractions and whole numbers ---------------------------------------

SHARE_PART = (
    (
        "{n} has {f} of a pan of cornbread. {p_cap} shares it equally among {w} friends.",
        "What part of the whole pan does each friend get?",
    ),
    (
        "A bag holds {f} pound of nuts. The nuts are split equally into {w} small bags.",
        "How many pounds are in each small bag?",
    ),
    (
        "{n} has {f} liter of paint. {p_cap} uses it equally on {w} birdhouses.",
        "How many liters go on each birdhouse?",
    ),
)
HOW_MANY = (
    ("{n} has {w} cups of rice. Each serving is {f} cup.", "How many servings are there?"),
    (
        "A ribbon is {w} meters long. It is cut into pieces {f} meter long.",
        "How many pieces are there?",
    ),
    ("{n} has {w} pounds of clay. Each pot uses {f} pound.", "How many pots can {p} make?"),
)


class _UnitFractionDivision(Family):
    """Dividing a unit fraction by a whole number, or a whole number by a unit fraction."""

    context_hint = "sharing part of a pan, or counting servings of a unit fraction size"

    def _part_by_whole(self, f: Fraction, w: int, question: str) -> Draft:
        answer = f / w
        return Draft(
            question=question,
            answer=answer,
            solution=[
                f"Sharing {fmt(f)} into {w} equal parts cuts each of its pieces into {w}.",
                f"{fmt(f)} ÷ {w} = 1/{f.denominator * w}; check: {w} × 1/{f.denominator * w} = "
                f"{fmt(f)}.",
            ],
            wrong=[
                (f * w, "multiplied instead of dividing"),
                (Fraction(w, f.denominator), "divided the whole number by the denominator"),
                (Fraction(1, f.denominator + w), "added the denominator and the whole number"),
                (Fraction(f.denominator * w), "gave the number of pieces, not their size"),
                (Fraction(f.denominator, w), "divided the denominator by the whole number"),
            ],
        )

    def _whole_by_part(self, w: int, f: Fraction, question: str) -> Draft:
        answer = w / f
        return Draft(
            question=question,
            answer=answer,
            solution=[
                f"Each whole holds {f.denominator} pieces of size {fmt(f)}.",
                f"{w} ÷ {fmt(f)} = {w} × {f.denominator} = {fmt(answer)}.",
            ],
            wrong=[
                (w * f, "multiplied by the fraction instead of dividing"),
                (
                    Fraction(w, f.denominator) if w % f.denominator else None,
                    "divided the whole number by the denominator",
                ),
                (Fraction(w + f.denominator), "added the whole number and the denominator"),
                (f / w, "divided the fraction by the whole number"),
                (Fraction(f.denominator), "counted the pieces in one whole only"),
            ],
        )

    @staticmethod
    def _read(text: str) -> Any:
        """Bare "What is a ÷ b?" or a story: a unit fraction shared, or wholes measured out."""
        if text.startswith("What is"):
            return to_sympy(question_part(text, r"What is (.+)\?")[0])
        values = values_in(text)
        unit = next(v for v in values if v.denominator > 1)
        whole = next(v for v in values if v.denominator == 1)
        if re.search(r"equally|split|shares", text) and text.find(str(unit)) < text.find(
            f" {whole} "
        ):
            return sympy.Rational(unit / whole)
        return sympy.Rational(whole / unit)


def _texts(rng: Random, f: Fraction, w: int) -> dict[str, str]:
    name, pronoun = rng.choice(PEOPLE)
    return {"f": fmt(f), "w": str(w), "n": name, "p": pronoun, "p_cap": pronoun.title()}


class UnitFractionShared(_UnitFractionDivision):
    """A unit fraction divided by a whole number. Tiers: small numbers written as a
    division; larger numbers; a pan shared among friends; amounts split into bags or used
    on things; larger stories."""

    name = "unit_fraction_shared"
    topic = "5.NF.B.7.a"
    strategy = (
        "Picture the unit fraction as a single piece and cut that piece into as many equal parts "
        "as there are shares; ask what part of the whole a small part is."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        f = Fraction(1, rng.randint(2, 10 if tier == 1 else 12))
        w = rng.randint(2, 9) if tier == 1 else rng.randint(6 if tier == 2 else 2, 15)
        if tier <= 2:
            return self._part_by_whole(f, w, f"What is {fmt(f)} ÷ {w}?")
        story, ask = (
            SHARE_PART[0] if tier == 3 else rng.choice(SHARE_PART[1:] if tier == 4 else SHARE_PART)
        )
        texts = _texts(rng, f, w)
        return self._part_by_whole(f, w, f"{story.format(**texts)} {ask}")

    def expected(self, core: ItemCore) -> Any:
        return self._read(core.question)


class WholeByUnitFraction(_UnitFractionDivision):
    """A whole number divided by a unit fraction. Tiers: small numbers written as a
    division; larger numbers; servings of rice; pieces of ribbon or pots of clay; larger
    stories."""

    name = "whole_by_unit_fraction"
    topic = "5.NF.B.7.b"
    strategy = (
        "Count how many pieces of the unit fraction size fit in a whole, then count them in "
        "all the wholes."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        f = Fraction(1, rng.randint(2, 10 if tier == 1 else 12))
        w = rng.randint(2, 9) if tier == 1 else rng.randint(6 if tier == 2 else 2, 20)
        if tier <= 2:
            return self._whole_by_part(w, f, f"What is {w} ÷ {fmt(f)}?")
        story, ask = (
            HOW_MANY[0] if tier == 3 else rng.choice(HOW_MANY[1:] if tier == 4 else HOW_MANY)
        )
        texts = _texts(rng, f, w)
        return self._whole_by_part(w, f, f"{story.format(**texts)} {ask.format(**texts)}")

    def expected(self, core: ItemCore) -> Any:
        return self._read(core.question)


class UnitFractionStories(_UnitFractionDivision):
    """Real-world problems dividing with unit fractions. Tiers: how many servings; sharing a
    part of a pan; either kind with larger numbers; how many are left after some are used;
    either kind, told in hours and minutes of work."""

    name = "unit_fraction_stories"
    topic = "5.NF.B.7.c"
    strategy = (
        "Decide whether a part is being shared into equal shares, or wholes are being measured "
        "out in pieces of the unit fraction size; then divide."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        f = Fraction(1, rng.randint(2, 8 if tier < 3 else 12))
        w = rng.randint(2, 8 if tier < 3 else 15)
        texts = _texts(rng, f, w)
        share = tier == 2 or (tier in (3, 5) and rng.random() < 0.5)
        if tier == 5:
            if share:
                q = (
                    f"{texts['n']} has {fmt(f)} hour to practice. {texts['p_cap']} splits it "
                    f"equally among {w} songs. What part of an hour is each song?"
                )
                return self._part_by_whole(f, w, q)
            q = (
                f"{texts['n']} has {w} hours to paint. Each sign takes {fmt(f)} hour. How "
                "many signs can {p} paint?"
            ).replace("{p}", texts["p"])
            return self._whole_by_part(w, f, q)
        if tier == 4:
            used = rng.randint(1, w * f.denominator - 1)
            total = w * f.denominator
            q = (
                f"{texts['n']} has {w} cups of rice. Each serving is {fmt(f)} cup. "
                f"{used} servings are eaten. How many servings are left?"
            )
            return Draft(
                question=q,
                answer=Fraction(total - used),
                solution=[
                    f"{w} ÷ {fmt(f)} = {total} servings in all.",
                    f"{total} - {used} = {total - used}.",
                ],
                wrong=[
                    (Fraction(total), "forgot to take away the servings eaten"),
                    (
                        Fraction(w * f) if used > w * f else w - used * f,
                        "multiplied by the serving size",
                    ),
                    (Fraction(w - used) if w > used else None, "took the servings from the cups"),
                    (
                        Fraction(f.denominator + w - used) if f.denominator + w > used else None,
                        "added the denominator to the cups",
                    ),
                    (Fraction(total + used), "added the servings eaten"),
                ],
            )
        if share:
            story, ask = rng.choice(SHARE_PART)
            return self._part_by_whole(f, w, f"{story.format(**texts)} {ask}")
        story, ask = rng.choice(HOW_MANY)
        return self._whole_by_part(w, f, f"{story.format(**texts)} {ask.format(**texts)}")

    def expected(self, core: ItemCore) -> Any:
        text = core.question
        if "are left" in text:
            w, f, used = values_in(text)[:3]
            return sympy.Rational(w / f - used)
        return self._read(text)


FAMILIES: tuple[type[Family], ...] = (
    GroupingSymbols,
    TwoPatterns,
    DigitValueRatio,
    PowersOfTen,
    DecimalNames,
    ExpandedDecimal,
    CompareDecimals,
    RoundDecimals,
    ColumnMultiplication,
    UnlikeFractions,
    FractionStories,
    FractionAsDivision,
    FractionOfQuantity,
    FractionSideArea,
    Scaling,
    ScalingCompare,
    FactorSize,
    FractionProductStories,
    UnitFractionShared,
    WholeByUnitFraction,
    UnitFractionStories,
)
