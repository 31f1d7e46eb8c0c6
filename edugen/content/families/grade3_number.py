"""Grade-3 families for operations and algebraic thinking, base ten and fractions
(3.OA, 3.NBT, 3.NF).

Stems are written for eight-year-olds: short sentences, whole numbers within 1000 and
fractions with bottom numbers 2, 3, 4, 6 and 8. A missing number is written "?" in an
equation; `expected` puts x in its place and lets sympy solve, so the key comes from the
equation the student reads, not from the numbers the generator chose.
"""

from __future__ import annotations

import re
from fractions import Fraction
from math import gcd
from random import Random
from typing import Any, ClassVar

import sympy

from edugen.content.cores import ItemCore
from edugen.content.families.base import Answer, Draft, Family, question_part
from edugen.content.families.common import fmt, to_sympy
from edugen.content.figures.grade3_figs import (
    array,
    equal_groups,
    fraction_bar,
    fraction_line,
    two_lines,
)

Wrong = list[tuple[Answer | None, str]]
NAMES = ("Ana", "Ben", "Cora", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivy", "Jon", "Kai", "Lena")
# (one holder, holders, the things held)
GROUPS = (
    ("bag", "bags", "apples"),
    ("box", "boxes", "crayons"),
    ("plate", "plates", "cookies"),
    ("vase", "vases", "flowers"),
    ("tank", "tanks", "fish"),
    ("nest", "nests", "eggs"),
    ("jar", "jars", "marbles"),
    ("pack", "packs", "stickers"),
)
ROWS = ("chairs", "desks", "plants", "tiles", "stamps", "cars", "seats", "trees")


def plural(n: int) -> str:
    """The "s" a count of n things takes: 1 jump, 2 jumps."""
    return "" if n == 1 else "s"


def solve_missing(question: str) -> Any:
    """The value of "?" in the equation the question ends with ("... true? 6 × ? = 42")."""
    (equation,) = question_part(question, r"(?:true|equal)\? ([^.]+)$")
    left, right = (to_sympy(side.replace("?", "x")) for side in equation.split("="))
    (value,) = sympy.solve(sympy.Eq(left, right), sympy.Symbol("x"))
    return value


# --- 3.OA.A.1: products as equal groups ---------------------------------------------------


class EqualGroups(Family):
    """The total in equal groups or an array. Tiers: up to 5 groups of up to 5; up to 5
    groups of 6 to 9 (or the other way round); an array of rows; 6 to 9 groups of 6 to 9; a
    product written with × and read as groups."""

    name = "equal_groups"
    topic = "3.OA.A.1"
    context_hint = "things packed in equal groups or set out in rows"
    strategy = "Count how many groups there are and how many are in each group, then multiply."

    def draft(self, tier: int, rng: Random) -> Draft:
        one, many, things = rng.choice(GROUPS)
        small, big = rng.randint(2, 5), rng.randint(6, 9)
        a, b = {
            1: (small, rng.randint(2, 5)),
            2: (small, big) if rng.random() < 0.5 else (big, small),
            3: (rng.randint(2, 6), rng.randint(2, 9)),
            4: (big, rng.randint(6, 9)),
            5: (rng.randint(2, 9), rng.randint(2, 10)),
        }[tier]
        if tier == 3:
            seat = rng.choice(ROWS)
            question = (
                f"There are {a} rows of {seat}. Each row has {b} {seat}. How many {seat} "
                "are there in all?"
            )
            figure = array(a, b)
            said = f"{a} rows of {b}"
        elif tier == 5:
            who = rng.choice(NAMES)
            question = (
                f"{who} writes {a} × {b} to show {a} {many} with {b} {things} in each {one}. "
                f"How many {things} does {a} × {b} stand for?"
            )
            figure = equal_groups(a, b)
            said = f"{a} groups of {b}"
        else:
            question = (
                f"There are {a} {many}. Each {one} has {b} {things}. How many {things} are "
                "there in all?"
            )
            figure = equal_groups(a, b)
            said = f"{a} groups of {b}"
        return Draft(
            question=question,
            answer=a * b,
            solution=[
                f"There are {said}.",
                f"{a} × {b} = {a * b}.",
                f"There are {a * b} in all.",
            ],
            wrong=[
                (a + b, "added the number of groups and the number in each group"),
                (b, "counted only one group"),
                ((a - 1) * b, "left out one group"),
                (a * b + b, "counted one group twice"),
            ],
            figure=figure,
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        found = re.search(r"writes (\d+) × (\d+)", q) or re.search(
            r"There are (\d+) (?:rows of )?\w+\. Each \w+ has (\d+)", q
        )
        if not found:
            raise ValueError("no groups in the question")
        return sympy.Integer(found[1]) * sympy.Integer(found[2])


# --- 3.OA.A.2: quotients as equal shares ---------------------------------------------------


class EqualShares(Family):
    """The size of each share, or the number of groups. Tiers: up to 5 shares of up to 5;
    up to 5 shares of 6 to 9; groups of a given size; 6 to 9 shares of 6 to 9; either kind
    with a division sign to read."""

    name = "equal_shares"
    topic = "3.OA.A.2"
    context_hint = "sharing things fairly among friends or packing them in groups"
    strategy = (
        "Picture the things dealt out fairly in turns, and count how many land in each "
        "share or how many groups you can make."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        one, many, things = rng.choice(GROUPS)
        n, size = {
            1: (rng.randint(2, 5), rng.randint(2, 5)),
            2: (rng.randint(2, 5), rng.randint(6, 9)),
            3: (rng.randint(2, 9), rng.randint(2, 6)),
            4: (rng.randint(6, 9), rng.randint(6, 9)),
            5: (rng.randint(3, 9), rng.randint(3, 10)),
        }[tier]
        total = n * size
        groups = tier == 3 or (tier == 5 and rng.random() < 0.5)
        sign = f" This is {total} ÷ {n if not groups else size}." if tier == 5 else ""
        if groups:
            question = (
                f"There are {total} {things}. They are put in {many} of {size}.{sign} How "
                f"many {many} are there?"
            )
            answer, given = n, size
        else:
            question = (
                f"There are {total} {things}. They are shared equally in {n} {many}.{sign} "
                f"How many {things} go in each {one}?"
            )
            answer, given = size, n
        return Draft(
            question=question,
            answer=answer,
            solution=[
                f"Think: {given} times what number is {total}?",
                f"{given} × {answer} = {total}, so {total} ÷ {given} = {answer}.",
            ],
            wrong=[
                (total - given, "subtracted instead of dividing"),
                (given, "gave the number already known, not the one asked for"),
                (total + given, "added the numbers"),
                (answer + 1, "counted one too many when skip-counting"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        total, split, parts = question_part(
            core.question, r"There are (\d+) \w+\. They are (put in|shared equally in) (\w+)"
        )
        size = re.search(rf"{parts} of (\d+)\.", core.question)
        if split == "put in":
            if not size:
                raise ValueError("no group size")
            return sympy.Rational(int(total), int(size[1]))
        (count,) = question_part(core.question, r"shared equally in (\d+) ")
        return sympy.Rational(int(total), int(count))


# --- 3.OA.A.3: multiplication and division stories ----------------------------------------


class TimesStory(Family):
    """Word problems with equal groups, arrays and measures. Tiers: groups and arrays to
    multiply; sharing and rows to divide; liters and centimeters, either way; all of them with
    6 to 9; all of them with up to 10 and stories that name no operation twice."""

    name = "times_story"
    topic = "3.OA.A.3"
    context_hint = "packs, rows, ribbons and bottles in a class or at a shop"
    strategy = (
        "Decide whether you know the groups and want the total, or know the total and want the "
        "size or number of groups; then multiply or divide."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        who = rng.choice(NAMES)
        lo, hi = {1: (2, 5), 2: (2, 5), 3: (2, 9), 4: (6, 9), 5: (3, 10)}[tier]
        a, b = rng.randint(lo, hi), rng.randint(2 if tier < 4 else lo, 9 if tier < 5 else hi)
        forms = {
            1: ("packs", "rows"),
            2: ("share", "array"),
            3: ("bottles", "ribbon"),
            4: ("packs", "rows", "share", "array", "bottles", "ribbon"),
            5: ("packs", "rows", "share", "array", "bottles", "ribbon", "teams"),
        }[tier]
        form = rng.choice(forms)
        _, _, things = rng.choice(GROUPS)
        seat = rng.choice(ROWS)
        p = a * b
        text = {
            "packs": f"{who} buys {a} packs of {things}. Each pack has {b} {things}. How many "
            f"{things} does {who} buy?",
            "rows": f"A room has {a} rows of {seat}. There are {b} {seat} in each row. How many "
            f"{seat} are in the room?",
            "bottles": f"Each bottle holds {b} liters of water. How many liters do {a} bottles "
            "hold?",
            "share": f"{who} has {p} {things}. {who} puts the same number in each of {a} bags. "
            f"How many {things} go in each bag?",
            "array": f"{p} {seat} are set out in {a} equal rows. How many {seat} are in each row?",
            "ribbon": f"{who} cuts a ribbon {p} cm long into {a} pieces of the same length. How "
            "long is each piece, in cm?",
            "teams": f"{p} children get into teams of {b}. How many teams are there?",
        }[form]
        times = form in ("packs", "rows", "bottles")
        answer = p if times else (a if form == "teams" else b)
        known = b if form == "teams" else a
        wrong: Wrong = (
            [
                (a + b, "added instead of multiplying"),
                ((a - 1) * b, "left out one group"),
                (a * b + b, "counted one group twice"),
                (b, "gave the size of one group"),
            ]
            if times
            else [
                (p - known, "subtracted instead of dividing"),
                (p * known if p * known <= 1000 else None, "multiplied instead of dividing"),
                (known, "gave the number already known"),
                (p + known, "added instead of dividing"),
            ]
        )
        step = (
            f"{a} × {b} = {p}."
            if times
            else f"{p} ÷ {known} = {answer}, since {known} × {answer} = {p}."
        )
        return Draft(
            question=text,
            answer=answer,
            solution=[
                "The story has equal groups."
                + (" Multiply to find the total." if times else " Divide the total."),
                step,
            ],
            wrong=wrong,
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        n = [sympy.Integer(t) for t in re.findall(r"\d+", q)]
        if "How many teams" in q or "in each row?" in q or "go in each bag" in q:
            return n[0] / n[1]
        if "How long is each piece" in q:
            return n[0] / n[1]
        return n[0] * n[1]


# --- 3.OA.A.4: the unknown in a times or division equation ---------------------------------


class MissingFactor(Family):
    """The unknown number in a multiplication or division equation. Tiers: a missing factor
    up to 5; a missing factor up to 9 on either side; a missing divisor or quotient; a missing
    number to divide; any of these with the product or quotient written first."""

    name = "missing_factor"
    topic = "3.OA.A.4"
    context_hint = "a number puzzle with a box to fill in"
    strategy = "Read the equation as a fact family: use the times fact that goes with it."

    def draft(self, tier: int, rng: Random) -> Draft:
        hi = 5 if tier == 1 else 10
        a, b = rng.randint(2, hi), rng.randint(2, 9)
        p = a * b
        form = {
            1: rng.choice(("a?", "?b")),
            2: rng.choice(("a?", "?b")),
            3: rng.choice(("p/?", "p/a")),
            4: "?/a",
            5: rng.choice(("=?b", "=p/?", "=?/a", "=a?")),
        }[tier]
        equation, answer, known, total = {
            "a?": (f"{a} × ? = {p}", b, a, p),
            "?b": (f"? × {b} = {p}", a, b, p),
            "p/?": (f"{p} ÷ ? = {b}", a, b, p),
            "p/a": (f"{p} ÷ {a} = ?", b, a, p),
            "?/a": (f"? ÷ {a} = {b}", p, a, b),
            "=?b": (f"{p} = ? × {b}", a, b, p),
            "=p/?": (f"{b} = {p} ÷ ?", a, b, p),
            "=?/a": (f"{b} = ? ÷ {a}", p, a, b),
            "=a?": (f"{p} = {a} × ?", b, a, p),
        }[form]
        dividend = form in ("?/a", "=?/a")
        return Draft(
            question=f"What number goes in place of ? to make this true? {equation}",
            answer=answer,
            solution=[
                "Think of the times fact that uses these numbers.",
                f"{a} × {b} = {p}, so ? is {answer}.",
            ],
            wrong=(
                [
                    (total + known, "added the two numbers instead of multiplying"),
                    (total - known, "subtracted instead of multiplying"),
                    (known, "wrote a number already in the equation"),
                    (total, "copied the number on the other side"),
                ]
                if dividend
                else [
                    (total - known, "subtracted the numbers instead of dividing"),
                    (total + known, "added the two numbers"),
                    (known, "wrote a number already in the equation"),
                    (
                        total * known if total * known <= 1000 else None,
                        "multiplied the two numbers",
                    ),
                ]
            ),
        )

    def expected(self, core: ItemCore) -> Any:
        return solve_missing(core.question)


# --- 3.OA.B.5: properties of operations as strategies ---------------------------------------


class TimesProperties(Family):
    """Properties as strategies. Tiers: switch the order (a × b = b × ?); group three
    factors (a × b × c = a × ?); add two known facts to find a new one; break a factor apart
    (a × b = a × c + a × ?); break a product apart (a × b = a × c + ?)."""

    name = "times_properties"
    topic = "3.OA.B.5"
    context_hint = "a times fact found from easier facts"
    strategy = (
        "Look at how both sides use the same factors: the order can change, factors can be "
        "grouped, and a factor can be broken into parts."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        a, b = rng.randint(2, 9), rng.randint(3, 9)
        if tier == 1:
            c = rng.randint(2, 10)
            return Draft(
                question=f"What number goes in place of ? to make this true? {a} × {c} = {c} × ?",
                answer=a,
                solution=["Changing the order of the factors keeps the product.", f"? = {a}."],
                wrong=[
                    (c, "copied the factor that is already there"),
                    (a * c, "wrote the product"),
                    (a + c, "added the factors"),
                ],
            )
        if tier == 2:
            c = rng.choice((2, 5)) if rng.random() < 0.6 else rng.randint(2, 3)
            b = rng.randint(2, 5)
            return Draft(
                question=f"What number goes in place of ? to make this true? {a} × {b} × {c} = "
                f"{a} × ?",
                answer=b * c,
                solution=[f"Group the last two factors: {b} × {c} = {b * c}.", f"? = {b * c}."],
                wrong=[
                    (b + c, "added the two factors it groups"),
                    (b, "used only one of the factors"),
                    (a * b * c, "wrote the whole product"),
                ],
            )
        c = rng.randint(1, b - 1)
        if tier == 3:
            b = rng.randint(2, 8)
            c = rng.randint(2, max(2, 10 - b))
            total = b + c
            return Draft(
                question=f"{a} × {b} = {a * b} and {a} × {c} = {a * c}. Use these facts. "
                f"What number goes in place of ? to make this true? {a} × {total} = ?",
                answer=a * total,
                solution=[
                    f"{total} is {b} + {c}, so add the two facts.",
                    f"{a * b} + {a * c} = {a * total}.",
                ],
                wrong=[
                    (a * b, "used only the first fact"),
                    (a * c, "used only the second fact"),
                    (a + b + c, "added the factors instead of the products"),
                    (a * b + c, "added a factor to a product"),
                ],
            )
        if tier == 4:
            return Draft(
                question=f"What number goes in place of ? to make this true? {a} × {b} = "
                f"{a} × {c} + {a} × ?",
                answer=b - c,
                solution=[f"Break {b} into {c} and one more part.", f"{c} + {b - c} = {b}."],
                wrong=[
                    (b, "copied the whole factor"),
                    (b + c, "added the parts instead of splitting"),
                    (a * (b - c), "wrote the product of the missing part"),
                ],
            )
        a = rng.randint(3, 9)
        return Draft(
            question=f"What number goes in place of ? to make this true? {a} × {b} = {a} × {c} + ?",
            answer=a * (b - c),
            solution=[
                f"Break {b} into {c} and {b - c}.",
                f"The missing part is {a} × {b - c} = {a * (b - c)}.",
            ],
            wrong=[
                (b - c, "wrote the missing factor, not its product"),
                (a * b, "wrote the whole product"),
                (a * c, "copied the known part"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        return solve_missing(core.question)


# --- 3.OA.B.6: division as an unknown factor -------------------------------------------------


class DivideByFactor(Family):
    """A quotient found as the missing factor of a times fact. Tiers: dividing by 2 to 5;
    dividing by 6 to 9; the factor in a row story; both facts of a fact family; bigger
    quotients with the missing factor written first."""

    name = "divide_by_factor"
    topic = "3.OA.B.6"
    context_hint = "a division fact thought of as a missing factor"
    strategy = "Turn the division around: ask what number times the divisor gives the total."

    def draft(self, tier: int, rng: Random) -> Draft:
        a = (
            rng.randint(2, 5)
            if tier == 1
            else rng.randint(6, 9)
            if tier == 2
            else rng.randint(2, 9)
        )
        q = rng.randint(2, 9) if tier < 5 else rng.randint(6, 10)
        p = a * q
        who = rng.choice(NAMES)
        if tier == 3:
            seat = rng.choice(ROWS)
            question = (
                f"{p} {seat} are in {a} equal rows. {who} thinks: {a} × ? = {p}. How many "
                f"{seat} are in each row?"
            )
        elif tier == 4:
            question = (
                f"{who} knows that {a} × {q} = {p}. What is {p} ÷ {a}?"
                if rng.random() < 0.5
                else f"{who} knows that {q} × {a} = {p}. What is {p} ÷ {a}?"
            )
        elif tier == 5:
            question = f"To find {p} ÷ {a}, {who} thinks: ? × {a} = {p}. What is {p} ÷ {a}?"
        else:
            question = f"To find {p} ÷ {a}, {who} thinks: {a} × ? = {p}. What is {p} ÷ {a}?"
        return Draft(
            question=question,
            answer=q,
            solution=[
                f"Ask: what number times {a} makes {p}?",
                f"{a} × {q} = {p}, so {p} ÷ {a} = {q}.",
            ],
            wrong=[
                (p - a, "subtracted instead of dividing"),
                (a, "gave the number divided by"),
                (p + a, "added the two numbers"),
                (q + 1, "counted one group too many when skip-counting"),
                (q - 1, "counted one group too few when skip-counting"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        if "in each row" in core.question:
            total, rows = question_part(core.question, r"^(\d+) \w+ are in (\d+) equal rows")
            return sympy.Rational(int(total), int(rows))
        total, by = question_part(core.question, r"What is (\d+) ÷ (\d+)\?")
        return sympy.Rational(int(total), int(by))


# --- 3.OA.C.7: times and division facts ------------------------------------------------------


class TimesFacts(Family):
    """Facts within 100. Tiers: times and division by 2, 5 and 10; by 3, 4 and 6; by 7, 8
    and 9; division by 3 to 9; the division fact that goes with a times fact."""

    name = "times_facts"
    topic = "3.OA.C.7"
    context_hint = "quick facts to know by heart"
    strategy = "Use a fact you know: skip-count, double a smaller fact, or turn the fact around."
    by: ClassVar[dict[int, tuple[int, ...]]] = {
        1: (2, 5, 10),
        2: (3, 4, 6),
        3: (7, 8, 9),
        4: (3, 4, 5, 6, 7, 8, 9),
    }

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier == 5:
            a, b = rng.randint(2, 10), rng.randint(2, 10)
            p = a * b
            return Draft(
                question=f"{a} × {b} = {p}. What is {p} ÷ {a}?",
                answer=b,
                solution=[
                    "A times fact and a division fact use the same three numbers.",
                    f"{p} ÷ {a} = {b}.",
                ],
                wrong=[
                    (a if a != b else None, "gave the number divided by"),
                    (p - a, "subtracted instead of dividing"),
                    (b + 1, "counted one group too many when skip-counting"),
                    (b - 1, "counted one group too few when skip-counting"),
                ],
            )
        a = rng.choice(self.by[tier])
        b = rng.randint(1 if tier < 4 else 2, 10)
        divide = tier == 4 or rng.random() < 0.35
        if divide:
            p = a * b
            return Draft(
                question=f"What is {p} ÷ {a}?",
                answer=b,
                solution=[f"Think: {a} times what number is {p}?", f"{a} × {b} = {p}."],
                wrong=[
                    (p - a, "subtracted instead of dividing"),
                    (b + 1, "counted one group too many when skip-counting"),
                    (b - 1 if b > 1 else None, "counted one group too few when skip-counting"),
                    (p + a, "added instead of dividing"),
                ],
            )
        x, y = (a, b) if rng.random() < 0.5 else (b, a)
        return Draft(
            question=f"What is {x} × {y}?",
            answer=x * y,
            solution=[f"Think of {x} groups of {y}.", f"{x} × {y} = {x * y}."],
            wrong=[
                (x + y, "added instead of multiplying"),
                (x * (y - 1), "counted one group too few"),
                (x * (y + 1), "counted one group too many"),
                ((x - 1) * y, "left out one group"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        return to_sympy(question_part(core.question, r"What is (.+?)\?")[0])


# --- 3.OA.D.8: two-step stories ----------------------------------------------------------------


class TwoStepStory(Family):
    """Two-step word problems with the four operations. Tiers: add then take away; buy packs
    then add; buy packs then give some away; share then eat some; pay for several things and
    get change."""

    name = "two_step_story"
    topic = "3.OA.D.8"
    context_hint = "stickers, cards, fruit and money in everyday stories"
    strategy = "Find the first missing amount, then use it in the second step. Check by estimating."

    def draft(self, tier: int, rng: Random) -> Draft:
        who = rng.choice(NAMES)
        _, many, things = rng.choice([g for g in GROUPS if g[0] in ("bag", "box", "pack", "jar")])
        if tier == 1:
            a, b = rng.randint(12, 60), rng.randint(5, 30)
            c = rng.randint(4, a + b - 2)
            return Draft(
                question=f"{who} has {a} {things}. {who} gets {b} more. Then {who} gives {c} "
                f"away. How many {things} does {who} have now?",
                answer=a + b - c,
                solution=[
                    f"First add: {a} + {b} = {a + b}.",
                    f"Then take away: {a + b} - {c} = {a + b - c}.",
                ],
                wrong=[
                    (a + b, "stopped after the first step"),
                    (a + b + c, "added in the second step instead of taking away"),
                    (a - b - c, "took away in both steps"),
                ],
            )
        if tier in (2, 3):
            g, b = rng.randint(2, 9), rng.randint(3, 9)
            c = rng.randint(3, 30 if tier == 2 else g * b - 1)
            give = tier == 3
            answer = g * b - c if give else g * b + c
            story = (
                f"Then {who} gives {c} to a friend." if give else f"{who} already had {c} {things}."
            )
            return Draft(
                question=f"{who} buys {g} {many} of {things}. Each one has {b} {things}. {story} "
                f"How many {things} does {who} have now?",
                answer=answer,
                solution=[
                    f"First multiply: {g} × {b} = {g * b}.",
                    f"Then {'take away' if give else 'add'} {c}: {answer}.",
                ],
                wrong=[
                    (g * b, "stopped after the first step"),
                    (
                        g * b + c if give else g * b - c,
                        "used the wrong operation in the second step",
                    ),
                    (g + b - c if give else g + b + c, "added instead of multiplying"),
                ],
            )
        if tier == 4:
            n, each = rng.randint(2, 9), rng.randint(3, 10)
            eat = rng.randint(1, each - 1)
            p = n * each
            return Draft(
                question=f"{p} {things} are shared equally by {n} children. Each child uses "
                f"{eat}. How many {things} does each child have left?",
                answer=each - eat,
                solution=[
                    f"First divide: {p} ÷ {n} = {each}.",
                    f"Then {each} - {eat} = {each - eat}.",
                ],
                wrong=[
                    (each, "stopped after the first step"),
                    (p - eat, "took away before sharing"),
                    (each + eat, "added in the second step instead of taking away"),
                ],
            )
        n, price = rng.randint(2, 9), rng.randint(3, 11)
        cost = n * price
        bill = rng.choice([v for v in (20, 50, 100) if v > cost])
        return Draft(
            question=f"{who} buys {n} books. Each book costs {price} dollars. {who} pays with "
            f"{bill} dollars. How many dollars of change does {who} get?",
            answer=bill - cost,
            solution=[
                f"First find the cost: {n} × {price} = {cost}.",
                f"Then {bill} - {cost} = {bill - cost}.",
            ],
            wrong=[
                (cost, "stopped after the first step"),
                (bill - n - price, "added the number of books and the price"),
                (bill - price, "paid for only one book"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        n = [sympy.Integer(t) for t in re.findall(r"\d+", q)]
        if "gets" in q and "gives" in q:
            return n[0] + n[1] - n[2]
        if "Each one has" in q:
            return n[0] * n[1] + (-n[2] if "gives" in q else n[2])
        if "shared equally" in q:
            return n[0] / n[1] - n[2]
        return n[2] - n[0] * n[1]


# --- 3.OA.D.9: arithmetic patterns --------------------------------------------------------------


class NumberPattern(Family):
    """The next or a missing number in a pattern. Tiers: counting by 2, 5 or 10; adding 3 to 9
    from any start; a missing middle number; counting down; a later number from the rule."""

    name = "number_pattern"
    topic = "3.OA.D.9"
    context_hint = "a number pattern on a hundred chart or a times table"
    strategy = "Find how much each number changes from the number before it, then keep that change."

    def draft(self, tier: int, rng: Random) -> Draft:
        step = rng.choice((2, 5, 10)) if tier == 1 else rng.randint(3, 9)
        start = step * rng.randint(0, 20) if tier == 1 else rng.randint(1, 30)
        if tier == 4:
            start = rng.randint(40, 99)
            seq = [start - step * k for k in range(4)]
            nxt = seq[-1] - step
            return Draft(
                question=f"What number comes next? {', '.join(map(str, seq))}, ?",
                answer=nxt,
                solution=[
                    f"Each number is {step} less than the one before.",
                    f"{seq[-1]} - {step} = {nxt}.",
                ],
                wrong=[
                    (seq[-1] + step, "added instead of counting down"),
                    (seq[-1] - 1, "took away one instead of the step"),
                    (seq[-1] - step - 1, "counted one too far"),
                ],
            )
        if tier == 5:
            count = rng.randint(6, 10)
            value = start + step * (count - 1)
            return Draft(
                question=f"A pattern starts at {start} and adds {step} each time. What is number "
                f"{count} in the pattern?",
                answer=value,
                solution=[
                    f"From the first number to number {count} there are {count - 1} steps.",
                    f"{start} + {count - 1} × {step} = {value}.",
                ],
                wrong=[
                    (start + step * count, "counted one step too many"),
                    (step * count, "left out the starting number"),
                    (start + count, "added one for each step instead of the step"),
                ],
            )
        seq = [start + step * k for k in range(5)]
        if tier == 3:
            hole = rng.randint(1, 3)
            shown = [str(v) if k != hole else "?" for k, v in enumerate(seq)]
            return Draft(
                question=f"What number is missing? {', '.join(shown)}",
                answer=seq[hole],
                solution=[
                    f"Each number is {step} more than the one before.",
                    f"{seq[hole - 1]} + {step} = {seq[hole]}.",
                ],
                wrong=[
                    (seq[hole - 1] + 1, "added one instead of the step"),
                    (seq[hole - 1] + 2 * step, "skipped a number in the pattern"),
                    (seq[hole + 1] + step, "found the number after the last one"),
                ],
            )
        seq = seq[:4]
        return Draft(
            question=f"What number comes next? {', '.join(map(str, seq))}, ?",
            answer=seq[-1] + step,
            solution=[
                f"Each number is {step} more than the one before.",
                f"{seq[-1]} + {step} = {seq[-1] + step}.",
            ],
            wrong=[
                (seq[-1] + 1, "added one instead of the step"),
                (seq[-1] + 2 * step, "skipped a number in the pattern"),
                (seq[-1] - step, "counted back instead of on"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        if "starts at" in q:
            start, step, count = (
                int(t)
                for t in question_part(
                    q, r"starts at (\d+) and adds (\d+) each time\. What is number (\d+)"
                )
            )
            return sympy.Integer(start + step * (count - 1))
        items = question_part(q, r"\? ((?:\S+, )+\S+)$")[0].split(", ")
        known = [(k, int(t)) for k, t in enumerate(items) if t != "?"]
        (k0, v0), (k1, v1) = known[0], known[1]
        step = sympy.Rational(v1 - v0, k1 - k0)
        return v0 + step * (items.index("?") - k0)


# --- 3.NBT.A.1: rounding -------------------------------------------------------------------------


class RoundWhole(Family):
    """Rounding to the nearest 10 or 100. Tiers: two-digit numbers to the nearest ten;
    three-digit numbers to the nearest ten; to the nearest hundred; numbers exactly halfway;
    numbers that round up into the next hundred or to a thousand."""

    name = "round_whole"
    topic = "3.NBT.A.1"
    context_hint = "an about-how-many answer: people at a game, pages in a book"
    strategy = (
        "Find the round numbers just below and just above the number, then see which is closer; "
        "a number halfway goes up."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        place = 10 if tier in (1, 2) else 100
        if tier == 1:
            n = rng.choice([v for v in range(11, 99) if v % 10 not in (0, 5)])
        elif tier == 2:
            n = rng.choice([v for v in range(101, 999) if v % 10 not in (0, 5)])
        elif tier == 3:
            n = rng.choice([v for v in range(101, 949) if v % 100 not in (0, 50) and v % 10])
        elif tier == 4:
            place = rng.choice((10, 100))
            n = rng.randint(1, 99) * 10 + 5 if place == 10 else rng.randint(1, 9) * 100 + 50
        else:
            place = rng.choice((10, 100))
            n = (
                rng.randint(95, 99) + 100 * rng.randint(1, 9)
                if place == 10
                else rng.randint(951, 999)
            )
        down, up = n // place * place, n // place * place + place
        answer = up if n - down >= place / 2 else down
        other = 110 - place
        other_round = (n + other // 2) // other * other
        word = "ten" if place == 10 else "hundred"
        return Draft(
            question=f"Round {n} to the nearest {word}.",
            answer=answer,
            solution=[
                f"{n} is between {down} and {up}.",
                f"It is closer to {answer}."
                if n - down != place // 2
                else f"It is halfway, so it rounds up to {answer}.",
            ],
            wrong=[
                (down if answer == up else up, "rounded the wrong way"),
                (other_round, f"rounded to the nearest {'hundred' if place == 10 else 'ten'}"),
                (n // place, "dropped the last digits instead of writing zeros"),
                (n - n % (place // 10) if place == 100 else None, "changed only the ones digit"),
                (
                    n // 100 * 100 if place == 10 and answer % 100 == 0 else None,
                    "made the tens zero but did not add one to the hundreds",
                ),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        n, word = question_part(core.question, r"Round (\d+) to the nearest (ten|hundred)")
        place = 10 if word == "ten" else 100
        return sympy.floor(sympy.Rational(int(n), place) + sympy.Rational(1, 2)) * place


# --- 3.NBT.A.2: adding and subtracting within 1000 --------------------------------------------


def _digitwise(a: int, b: int, sub: bool) -> int:
    """The place-by-place answer that never regroups: each column on its own."""
    out, k = 0, 1
    while a or b:
        x, y = a % 10, b % 10
        out += (abs(x - y) if sub else (x + y) % 10) * k
        a, b, k = a // 10, b // 10, k * 10
    return out


class AddSubtract(Family):
    """Adding and subtracting within 1000. Tiers: adding without regrouping; adding with
    regrouping; taking away without regrouping; taking away with regrouping; taking away
    across a zero, or adding up to close to 1000."""

    name = "add_subtract"
    topic = "3.NBT.A.2"
    context_hint = "counting points, pages, steps or visitors"
    strategy = (
        "Line up the digits by place. Start at the right-hand place and regroup when a place has "
        "too many or too few."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        def regroups(a: int, b: int, sub: bool) -> bool:
            return _digitwise(a, b, sub) != (a - b if sub else a + b)

        while True:
            if tier in (1, 2):
                a, b, sub = rng.randint(100, 599), rng.randint(20, 399), False
            elif tier in (3, 4):
                a, b, sub = rng.randint(300, 999), rng.randint(20, 299), True
            elif rng.random() < 0.5:
                a = rng.randint(2, 9) * 100 + rng.randint(0, 9)
                b, sub = rng.randint(101, a - 1), True
            else:
                a, b, sub = rng.randint(300, 699), rng.randint(200, 399), False
            want = tier in (2, 4, 5)
            if (sub and b >= a) or a + b > 1000 or regroups(a, b, sub) != want:
                continue
            break
        answer = a - b if sub else a + b
        op = "-" if sub else "+"
        return Draft(
            question=f"What is {a} {op} {b}?",
            answer=answer,
            solution=["Work place by place, starting with the ones.", f"{a} {op} {b} = {answer}."],
            wrong=[
                (
                    _digitwise(a, b, sub),
                    "took the smaller digit from the larger in each place"
                    if sub
                    else "did not carry the extra ten or hundred",
                ),
                (
                    a + b if sub else a - b,
                    "added instead of taking away" if sub else "took away instead of adding",
                ),
                (
                    answer + 10 if sub else answer - 10,
                    "forgot the trade in the tens" if sub else "carried into the tens twice",
                ),
                (
                    answer - 100 if not sub else answer + 100,
                    "made a mistake in the hundreds when trading",
                ),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        return to_sympy(question_part(core.question, r"What is (.+?)\?")[0])


# --- 3.NBT.A.3: one digit times a multiple of ten -------------------------------------------


class TimesTens(Family):
    """A one-digit number times a multiple of 10. Tiers: up to 5 × up to 50; up to 9 × up
    to 90; the multiple of ten first; a story of boxes; the missing multiple of ten."""

    name = "times_tens"
    topic = "3.NBT.A.3"
    context_hint = "boxes or packs of ten, twenty, thirty and so on"
    strategy = "Multiply the digits as a times fact, then think of the answer as that many tens."

    def draft(self, tier: int, rng: Random) -> Draft:
        a = rng.randint(2, 9)
        t = rng.randint(1, 5) if tier == 1 else rng.randint(2, 9)
        m, p = 10 * t, a * t * 10
        wrong: Wrong = [
            (a * t, "forgot the zero: multiplied the digits only"),
            (p * 10, "wrote one zero too many"),
            (a + m, "added instead of multiplying"),
        ]
        if tier == 3 or (tier == 1 and rng.random() < 0.5):
            question = f"What is {m} × {a}?"
        elif tier == 4:
            who = rng.choice(NAMES)
            _, many, things = rng.choice(GROUPS)
            question = (
                f"{who} has {a} {many}. Each one has {m} {things}. How many {things} is that?"
            )
        elif tier == 5:
            question = f"What number goes in place of ? to make this true? {a} × ? = {p}"
            return Draft(
                question=question,
                answer=m,
                solution=[f"{a} × {t} = {a * t}, so {a} × {t} tens = {a * t} tens.", f"? = {m}."],
                wrong=[
                    (t, "gave the tens digit, not the number"),
                    (p - a, "subtracted instead of dividing"),
                    (m * 10, "wrote one zero too many"),
                ],
            )
        else:
            question = f"What is {a} × {m}?"
        return Draft(
            question=question,
            answer=p,
            solution=[f"{a} × {t} = {a * t}.", f"So {a} × {t} tens = {a * t} tens = {p}."],
            wrong=wrong,
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        if "?" in q.split(". ")[-1] and "=" in q:
            return solve_missing(q)
        if "Each one has" in q:
            a, m = question_part(q, r"has (\d+) \w+\. Each one has (\d+)")
            return sympy.Integer(a) * sympy.Integer(m)
        return to_sympy(question_part(q, r"What is (.+?)\?")[0])


# --- 3.NF.A.1: unit fractions and fractions of a whole ---------------------------------------

WHOLES = ("granola bar", "ribbon", "strip of paper", "garden bed", "fence", "sandwich", "board")
DENOMS = (2, 3, 4, 6, 8)


def _coprime(rng: Random, b: int, low: int = 1, high: int | None = None) -> int:
    return rng.choice([a for a in range(low, (high or b - 1) + 1) if gcd(a, b) == 1])


class FractionOfWhole(Family):
    """The fraction a shaded part names. Tiers: one part of a whole; several parts; the parts
    not shaded; how many unit parts make the fraction; more than one whole."""

    name = "fraction_of_whole"
    topic = "3.NF.A.1"
    context_hint = "a bar, ribbon or sandwich cut into equal parts"
    strategy = (
        "Count the equal parts in a whole for the bottom number, then count the parts asked "
        "about for the top number."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        thing, who = rng.choice(WHOLES), rng.choice(NAMES)
        b = rng.choice(DENOMS if tier > 1 else (2, 3, 4, 5, 6, 8))
        a = 1 if tier == 1 else _coprime(rng, b) if tier < 5 else _coprime(rng, b, b + 1, 2 * b - 1)
        if b == 2 and tier in (2, 3):
            b, a = 3, rng.choice((1, 2))
        if tier == 5:
            question = (
                f"{who} has some {thing}s of the same size. Each one is cut into {b} equal parts. "
                f"{who} shades {a} parts. What fraction of one {thing} is shaded?"
            )
            figure = fraction_bar(b, a)
        else:
            figure = fraction_bar(b, a)
            part = "part" if a == 1 else "parts"
            asked = "not shaded" if tier == 3 else "shaded"
            question = f"A {thing} is cut into {b} equal parts. {who} shades {a} {part}. " + (
                f"How many parts of size 1/{b} are shaded?"
                if tier == 4
                else f"What fraction of the {thing} is {asked}?"
            )
        if tier == 4:
            return Draft(
                question=question,
                answer=a,
                solution=[
                    f"Each part is 1/{b} of the {thing}.",
                    f"{a} parts are shaded, so {a}/{b} is {a} parts of size 1/{b}.",
                ],
                wrong=[
                    (b, "gave the number of parts in the whole"),
                    (b - a, "counted the parts not shaded"),
                    (a + b, "added the shaded parts and all the parts"),
                ],
                figure=figure,
            )
        value = Fraction(b - a, b) if tier == 3 else Fraction(a, b)
        top = b - a if tier == 3 else a
        return Draft(
            question=question,
            answer=value,
            solution=[
                f"The whole is cut into {b} equal parts, so each part is 1/{b}.",
                f"{top} parts make {fmt(value)}.",
            ],
            wrong=[
                (
                    Fraction(top, b - top) if b != top else None,
                    "compared the parts to the other parts, not to the whole",
                ),
                (Fraction(b, top), "swapped the top and bottom numbers"),
                (
                    Fraction(b - top, b) if b > top else Fraction(top - b, b),
                    "counted the other parts",
                ),
                (Fraction(1, b) if top != 1 else None, "gave the size of one part"),
                (Fraction(top, b + 1), "counted one part too many in the whole"),
            ],
            figure=figure,
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        b, a = (int(t) for t in question_part(q, r"cut into (\d+) equal parts\. \w+ shades (\d+)"))
        if "How many parts of size" in q:
            return sympy.Integer(a)
        shaded = sympy.Rational(a, b)
        return 1 - shaded if "not shaded" in q else shaded


# --- 3.NF.A.2.a / 3.NF.A.2.b / 3.NF.A.2: fractions on the number line -------------------------

LETTERS = tuple("ABCDEFGHJKMNPRSTWZ")


class UnitFractionLine(Family):
    """A unit fraction on a number line. Tiers: the end of the first part from 0 to 1; the
    length of each part; a line from 0 to 2; marks between 0 and 1 counted; how many parts of
    a size make one whole."""

    name = "unit_fraction_line"
    topic = "3.NF.A.2.a"
    context_hint = "a number line, a path or a ruler cut into equal parts"
    strategy = (
        "Count the equal parts (the spaces, not the marks) in the whole; each space is a unit "
        "fraction of the whole."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        b, name = rng.choice(DENOMS if tier != 4 else DENOMS[1:]), rng.choice(LETTERS)
        wholes = 2 if tier == 3 else 1
        point = [(Fraction(1, b), name)] if tier != 5 else []
        wrong: Wrong = [
            (Fraction(1, b - 1) if b > 2 else None, "counted the marks, not the parts"),
            (Fraction(1, b + 1), "counted every mark, with the ends"),
            (b, "wrote the number of parts, not the size of one part"),
            (Fraction(b - 1, b), "counted back from the whole"),
        ]
        if tier == 1:
            question = (
                f"A number line from 0 to 1 is cut into {b} equal parts. Point {name} is at the "
                f"end of the first part after 0. What fraction is at point {name}?"
            )
        elif tier == 2:
            question = (
                f"A number line from 0 to 1 is cut into {b} equal parts. Point {name} marks the "
                f"first part. How long is each part, as a fraction of the whole?"
            )
        elif tier == 3:
            question = (
                f"A number line from 0 to 2 has each whole cut into {b} equal parts. Point "
                f"{name} is at the end of the first part after 0. What fraction is at point {name}?"
            )
            wrong.insert(0, (Fraction(1, 2 * b), "used both wholes as one whole"))
        elif tier == 4:
            marks = b - 1
            question = (
                f"A number line from 0 to 1 has {marks} marks between 0 and 1, all the same "
                f"space apart. Point {name} is at the first mark after 0. What fraction is at "
                f"point {name}?"
            )
            wrong = [
                (Fraction(1, marks) if marks > 1 else None, "counted the marks, not the parts"),
                (marks, "wrote the number of marks"),
                (Fraction(1, b + 1), "counted every mark, with the ends"),
                (Fraction(marks, b), "counted back from the whole"),
            ]
        else:
            w, who = rng.randint(1, 3), rng.choice(NAMES)
            question = (
                f"{who} cuts a number line from 0 to {w} into parts of size 1/{b}. How many of "
                f"these parts fit between 0 and {w}?"
            )
            return Draft(
                question=question,
                answer=w * b,
                solution=[f"Each part is 1/{b} of a whole.", f"{b} parts of size 1/{b} make 1."],
                wrong=[
                    (w * b - 1, "counted the marks between the ends"),
                    (w * b + 1, "counted every mark, with the ends"),
                    (Fraction(1, b), "gave the size of a part"),
                    (b if w > 1 else None, "counted the parts in one whole only"),
                ],
                figure=fraction_line(w, b, point),
            )
        return Draft(
            question=question,
            answer=Fraction(1, b),
            solution=[
                "Count the equal parts in one whole: that is the bottom number.",
                f"There are {b} parts, so each part is 1/{b}.",
            ],
            wrong=wrong,
            figure=fraction_line(wholes, b, point),
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        if "How many of these" in q:
            end, size = question_part(q, r"from 0 to (\d+) into parts of size (\d+/\d+)")
            return int(end) / to_sympy(size)
        if "marks between" in q:
            (marks,) = question_part(q, r"has (\d+) marks between")
            return sympy.Rational(1, int(marks) + 1)
        (parts,) = question_part(q, r"cut into (\d+) equal parts")
        return sympy.Rational(1, int(parts))


class FractionJumps(Family):
    """A fraction a/b on a number line as a jumps of 1/b from 0. Tiers: jumps that stay
    below 1; a point some parts past 0; a line from 0 to 2 or 3 and a point past 1; how many
    jumps reach a fraction; a point one part before a whole number."""

    name = "fraction_jumps"
    topic = "3.NF.A.2.b"
    context_hint = "a frog or a rabbit jumping along a number line"
    strategy = (
        "Each jump or part is a unit fraction. Count how many of them lie between the start of "
        "the line and the point: that count is the top number."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        b, name = rng.choice(DENOMS), rng.choice(LETTERS)
        animal = rng.choice(("frog", "rabbit", "cricket", "kangaroo", "toad", "flea"))
        wholes = rng.choice((2, 3)) if tier in (3, 5) else 1
        if tier in (1, 2, 4):
            a = _coprime(rng, b) if b > 2 else 1
        elif tier == 3:
            a = _coprime(rng, b, b + 1, wholes * b - 1)
        else:
            w = rng.randint(1, wholes)
            a = w * b - 1
        value = Fraction(a, b)
        point = [(value, name)]
        if tier == 1:
            question = (
                f"A {animal} starts at 0 on a number line and makes {a} jump{plural(a)}. "
                f"Each jump is 1/{b} long. It lands on point {name}. "
                f"What fraction is at point {name}?"
            )
        elif tier == 4:
            question = (
                f"{rng.choice(NAMES)}'s {animal} starts at 0 and makes jumps of 1/{b}. How many "
                f"jumps does it take to land on {a}/{b}?"
            )
            return Draft(
                question=question,
                answer=a,
                solution=[
                    f"{a}/{b} is {a} part{plural(a)} of size 1/{b}.",
                    f"So it takes {a} jump{plural(a)}.",
                ],
                wrong=[
                    (b, "gave the bottom number"),
                    (a + 1, "counted the start at 0 as a jump"),
                    (b - a, "counted the jumps left to reach 1"),
                    (a * b, "multiplied the top and bottom numbers"),
                ],
                figure=fraction_line(wholes, b, point),
            )
        elif tier == 5:
            question = (
                f"A number line from 0 to {wholes} has each whole cut into {b} equal parts. "
                f"Point {name} is one part before {(a + 1) // b}. What fraction is at point {name}?"
            )
        else:
            question = (
                f"A number line from 0 to {wholes} has each whole cut into {b} equal parts. "
                f"Point {name} is {a} part{plural(a)} past 0. What fraction is at point {name}?"
            )
        return Draft(
            question=question,
            answer=value,
            solution=[
                f"Each part is 1/{b}.",
                f"Point {name} is {a} parts of 1/{b} from 0, so it is at {fmt(value)}.",
            ],
            wrong=[
                (Fraction(a, b + 1), "counted the marks in a whole, not the parts"),
                (Fraction(a + 1, b), "counted the mark at 0 as a part"),
                (
                    Fraction(a, wholes * b) if wholes > 1 else None,
                    "used the whole line as one whole",
                ),
                (Fraction(a - 1, b) if a > 1 else None, "counted one part too few"),
                (Fraction(b, a), "swapped the top and bottom numbers"),
            ],
            figure=fraction_line(wholes, b, point),
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        if "How many jumps" in q:
            size, target = question_part(
                q, r"jumps of (\d+/\d+)\. How many jumps does it take to land on (\d+/\d+)"
            )
            return to_sympy(target) / to_sympy(size)
        if "makes" in q:
            count, size = question_part(q, r"makes (\d+) jumps?\. Each jump is (\d+/\d+) long")
            return int(count) * to_sympy(size)
        (parts,) = question_part(q, r"cut into (\d+) equal parts")
        unit = sympy.Rational(1, int(parts))
        if "one part before" in q:
            (whole,) = question_part(q, r"one part before (\d+)\.")
            return int(whole) - unit
        (count,) = question_part(q, r"is (\d+) parts? past 0")
        return int(count) * unit


class FractionsOnLine(Family):
    """Fractions as numbers on a number line: unit fractions (as in 3.NF.A.2.a) and fractions
    counted in unit jumps (3.NF.A.2.b), mixed; tiers as in those families."""

    name = "fractions_on_line"
    topic = "3.NF.A.2"
    context_hint = "points and jumps on a number line"
    strategy = (
        "Count the equal parts in the whole for the bottom number, then the parts from the start "
        "of the line to the point for the top number."
    )
    parts: ClassVar[tuple[Family, ...]] = (UnitFractionLine(), FractionJumps())

    def draft(self, tier: int, rng: Random) -> Draft:
        return self.parts[0 if rng.random() < 0.35 else 1].draft(tier, rng)

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        jumps = any(w in q for w in ("jump", "part past 0", "parts past 0", "one part before"))
        return self.parts[1 if jumps else 0].expected(core)


# --- 3.NF.A.3.a-d and 3.NF.A.3: equal fractions and comparing ----------------------------------


class SamePoint(Family):
    """Equal fractions as the same point on two number lines of the same length. Tiers:
    to twice as many parts; to half as many; to three or four times as many; to a third or a
    quarter as many; any of these, the point possibly at 1."""

    name = "same_point"
    topic = "3.NF.A.3.a"
    context_hint = "two number lines of the same length, one above the other"
    strategy = (
        "Follow the point straight down to the other line, then count the parts from the start of "
        "that line."
    )
    pairs: ClassVar[dict[int, tuple[tuple[int, int], ...]]] = {
        1: ((2, 4), (3, 6), (4, 8)),
        2: ((4, 2), (6, 3), (8, 4)),
        3: ((2, 6), (2, 8)),
        4: ((6, 2), (8, 2)),
        5: ((2, 4), (3, 6), (4, 8), (4, 2), (6, 3), (8, 4), (2, 6), (2, 8), (6, 2), (8, 2)),
    }

    def draft(self, tier: int, rng: Random) -> Draft:
        top, bottom = rng.choice(self.pairs[tier])
        last = top if tier == 5 else top - 1
        a = rng.choice([k for k in range(1, last + 1) if k * bottom % top == 0])
        name = rng.choice(LETTERS)
        answer = a * bottom // top
        return Draft(
            question=f"{rng.choice(NAMES)} draws two number lines from 0 to 1 of the same "
            f"length. The top line is cut into {top} equal parts. The bottom line is cut "
            f"into {bottom} equal parts. Point "
            f"{name} is {a} part{plural(a)} past 0 on the top line. How many parts past 0 on "
            f"the bottom line is the same point?",
            answer=answer,
            solution=[
                f"Point {name} is at {a}/{top}.",
                f"On the bottom line each part is 1/{bottom}, and {a}/{top} = {answer}/{bottom}.",
            ],
            wrong=[
                (a, "counted the same number of parts on both lines"),
                (
                    a + bottom - top if a + bottom - top > 0 else None,
                    "added the difference in parts",
                ),
                (bottom - (top - a), "counted back from 1 the same number of parts"),
                (a * bottom, "multiplied by the bottom line's parts only"),
                (bottom, "gave the number of parts on the bottom line"),
                (top, "gave the number of parts on the top line"),
            ],
            figure=two_lines(top, bottom, Fraction(a, top), name),
        )

    def expected(self, core: ItemCore) -> Any:
        top, bottom, count = (
            int(t)
            for t in question_part(
                core.question,
                r"top line is cut into (\d+) equal parts\. The bottom line is cut into (\d+) "
                r"equal parts\. Point \w is (\d+) parts?",
            )
        )
        return sympy.Rational(count, top) * bottom


class EquivalentFraction(Family):
    """A missing top or bottom number in two equal fractions. Tiers: halves as fourths,
    sixths and eighths; thirds as sixths, fourths as eighths; a missing bottom number; fewer,
    larger parts (4/8 = ?/2); the missing number on the left."""

    name = "equivalent_fraction"
    topic = "3.NF.A.3.b"
    context_hint = "fraction strips of the same length"
    strategy = (
        "Compare the bottom numbers: find how many small parts make a big part, and do the "
        "same to the top number."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        pairs = {
            1: ((2, 4), (2, 6), (2, 8)),
            2: ((3, 6), (4, 8)),
            3: ((2, 4), (2, 6), (2, 8), (3, 6), (4, 8)),
            4: ((4, 2), (6, 2), (8, 2), (6, 3), (8, 4)),
            5: ((2, 4), (2, 6), (2, 8), (3, 6), (4, 8), (4, 2), (6, 3), (8, 4), (6, 2), (8, 2)),
        }[tier]
        b, d = rng.choice(pairs)
        small = min(b, d)
        k = rng.randint(1, small - 1) if small > 2 else 1
        a, c = (k * b // small, k * d // small)
        if tier == 3:
            equation, answer = f"{a}/{b} = {c}/?", d
            wrong: Wrong = [
                (b + c - a, "added the same to the bottom as to the top"),
                (b, "kept the bottom number the same"),
                (b * c, "multiplied the bottom by the new top"),
            ]
        else:
            left = tier == 5 and rng.random() < 0.5
            equation = f"?/{b} = {c}/{d}" if left else f"{a}/{b} = ?/{d}"
            answer, given, old, new = (a, c, d, b) if left else (c, a, b, d)
            wrong = [
                (
                    given + new - old if given + new - old > 0 else None,
                    "added the same to the top as to the bottom",
                ),
                (given, "kept the top number the same"),
                (given * new, "multiplied the top by the new bottom"),
                (new - given, "counted the parts left over"),
            ]
        p, r = rng.sample(NAMES, 2)
        return Draft(
            question=f"{p} and {r} have fraction strips of the same length. What number goes "
            f"in place of ? to make the fractions equal? {equation}",
            answer=answer,
            solution=[
                "Equal fractions cover the same part of the same whole.",
                f"{a}/{b} = {c}/{d}, so ? is {answer}.",
            ],
            wrong=wrong,
        )

    def expected(self, core: ItemCore) -> Any:
        return solve_missing(core.question)


class WholeAsFraction(Family):
    """Whole numbers as fractions. Tiers: a whole over 1; a fraction over 1 as a whole; a
    fraction with the same top and bottom; several wholes in parts; how many parts make
    several wholes."""

    name = "whole_as_fraction"
    topic = "3.NF.A.3.c"
    context_hint = "whole pizzas or bars cut into equal parts"
    strategy = (
        "The bottom number says how many parts make a whole; see how many wholes the top "
        "number of parts fills."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        b, w = rng.choice((2, 3, 4, 6, 8)), rng.randint(2, 9)
        if tier == 1:
            eq, answer = f"{w} = ?/1", w
            wrong: Wrong = [
                (1, "thought a whole number is always 1/1"),
                (w + 1, "added one to the whole number"),
                (Fraction(1, w), "swapped the top and bottom numbers"),
            ]
        elif tier == 2:
            n = rng.randint(2, 12)
            eq, answer = f"{n}/1 = ?", n
            wrong = [
                (1, "thought over 1 means one"),
                (n + 1, "added the top and bottom numbers"),
                (Fraction(1, n), "swapped the top and bottom numbers"),
                (n - 1, "took away the bottom number"),
            ]
        elif tier == 3:
            b = rng.choice((2, 3, 4, 6, 8, 10, 12))
            eq, answer = f"{b}/{b} = ?", 1
            wrong = [
                (b, "gave the top number"),
                (0, "took the bottom number from the top"),
                (2 * b, "added the top and bottom numbers"),
            ]
        elif tier == 4:
            eq, answer = f"{w * b}/{b} = ?", w
            wrong = [
                (w * b - b, "took the bottom number from the top"),
                (w * b + b, "added the top and bottom numbers"),
                (w * b, "gave the top number"),
                (1, "thought any fraction is at most one whole"),
            ]
        else:
            w = rng.randint(2, 5)
            eq, answer = f"?/{b} = {w}", w * b
            wrong = [
                (w + b, "added the whole number and the bottom number"),
                (w, "gave the whole number"),
                (b, "gave the bottom number"),
                (w * b - b, "counted one whole too few"),
            ]
        p, r = rng.sample(NAMES, 2)
        return Draft(
            question=f"{p} writes a fact about wholes. {r} fills in the missing number. What "
            f"number goes in place of ? to make this true? {eq}",
            answer=answer,
            solution=["The bottom number is how many parts make a whole.", f"So ? is {answer}."],
            wrong=wrong,
        )

    def expected(self, core: ItemCore) -> Any:
        return solve_missing(core.question)


class CompareFractions(Family):
    """Comparing fractions with the same top or bottom number, of the same whole. Tiers: the
    greater of two with the same bottom; the greater of two with the same top; the smaller of
    two with the same top; a story of two same-size things; the greatest or least of three."""

    name = "compare_fractions"
    topic = "3.NF.A.3.d"
    context_hint = "pizzas, bars or pies of the same size"
    strategy = (
        "With the same bottom number, more parts is more. With the same top number, fewer parts "
        "in the whole means bigger parts."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        same_top = tier in (2, 3) or (tier in (4, 5) and rng.random() < 0.5)
        count = 3 if tier == 5 else 2
        while True:
            if same_top:
                a = rng.randint(1, 5)
                bottoms = rng.sample([d for d in (2, 3, 4, 5, 6, 8, 10, 12) if d > a], count)
                fracs = [Fraction(a, d) for d in bottoms]
                texts = [f"{a}/{d}" for d in bottoms]
            else:
                d = rng.choice((3, 4, 5, 6, 8, 10, 12) if count == 2 else (4, 5, 6, 8, 10, 12))
                tops = rng.sample(range(1, d), count)
                fracs = [Fraction(t, d) for t in tops]
                texts = [f"{t}/{d}" for t in tops]
            least = tier == 3 or (tier == 5 and rng.random() < 0.5)
            pick = min(fracs) if least else max(fracs)
            i = fracs.index(pick)
            if fmt(pick) == texts[i]:
                break
        word = (
            ("least" if least else "greatest") if count == 3 else ("less" if least else "greater")
        )
        listed = ", ".join(texts[:-1]) + f" or {texts[-1]}"
        if tier == 4:
            thing, (p, r) = rng.choice(("pizza", "pie", "cake")), rng.sample(NAMES, 2)
            question = (
                f"{p} eats {texts[0]} of a {thing}. {r} eats {texts[1]} of a {thing} of the "
                f"same size. Which fraction is {word}, {texts[0]} or {texts[1]}?"
            )
        else:
            question = f"Which fraction is {word}: {listed}?"
        others = [t for k, t in enumerate(texts) if k != i]
        n1, d1 = pick.numerator, pick.denominator
        return Draft(
            question=question,
            answer=pick,
            solution=[
                "The fractions are of the same whole."
                + (
                    " They have the same top number."
                    if same_top
                    else " They have the same bottom number."
                ),
                f"{fmt(pick)} is the {word}.",
            ],
            wrong=[
                (
                    others[0],
                    "thought more parts in the whole means bigger parts"
                    if same_top
                    else "picked the fraction with fewer parts",
                ),
                (
                    f"{sum(f.numerator for f in fracs)}/{sum(f.denominator for f in fracs)}",
                    "added the top numbers and the bottom numbers",
                ),
                (Fraction(d1, n1) if n1 != d1 else None, "turned the fraction upside down"),
                (others[-1] if len(others) > 1 else None, "compared only two of the fractions"),
                (Fraction(1, d1) if n1 != 1 else None, "compared only one part of each"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        (word,) = question_part(q, r"Which fraction is (greater|less|greatest|least)")
        listed = [to_sympy(t) for t in re.findall(r"\d+/\d+", q.split("Which fraction is")[1])]
        return min(listed) if word in ("less", "least") else max(listed)


class FractionSense(Family):
    """Equal fractions and comparing: equivalent fractions (as in 3.NF.A.3.b), whole numbers
    as fractions (3.NF.A.3.c) and comparing (3.NF.A.3.d), mixed; tiers as in those families."""

    name = "fraction_sense"
    topic = "3.NF.A.3"
    context_hint = "fraction strips and number lines of the same whole"
    strategy = (
        "Look at the bottom numbers first: they tell the size of the parts. Then compare or "
        "match the number of parts."
    )
    parts: ClassVar[tuple[Family, ...]] = (
        EquivalentFraction(),
        WholeAsFraction(),
        CompareFractions(),
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        return rng.choice(self.parts).draft(tier, rng)

    def expected(self, core: ItemCore) -> Any:
        if core.question.startswith("Which fraction") or "Which fraction is" in core.question:
            return self.parts[2].expected(core)
        return solve_missing(core.question)


FAMILIES: tuple[type[Family], ...] = (
    EqualGroups,
    EqualShares,
    TimesStory,
    MissingFactor,
    TimesProperties,
    DivideByFactor,
    TimesFacts,
    TwoStepStory,
    NumberPattern,
    RoundWhole,
    AddSubtract,
    TimesTens,
    FractionOfWhole,
    FractionsOnLine,
    UnitFractionLine,
    FractionJumps,
    FractionSense,
    SamePoint,
    EquivalentFraction,
    WholeAsFraction,
    CompareFractions,
)
