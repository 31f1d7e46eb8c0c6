"""Grade-7 expressions and equations (7.EE): linear expressions with rational coefficients,
rewriting an expression to show a percent or fraction change, multistep problems with
rational numbers, and word problems that lead to px + q = r, p(x + q) = r and px + q > r.

Expression and inequality keys are checked by sympy (equivalence, or the same solution
set); every word problem's `expected` reads its numbers back from the question's own words.
"""

from __future__ import annotations

import re
from fractions import Fraction
from random import Random
from typing import Any

import sympy

from edugen.content.cores import ItemCore
from edugen.content.families.base import Answer, Draft, Family, question_part
from edugen.content.families.common import Style, X, fmt, proper, to_sympy

Wrong = list[tuple[Answer | None, str]]
NAMES = ("Ava", "Ben", "Chen", "Dara", "Eli", "Fatima", "Gus", "Hana", "Ivan", "Jo", "Kofi")


def coef(a: Fraction, style: Style = "fraction") -> str:
    """A coefficient in front of x: "", "-", "3", "-2.5" or "(3/4)", "-(3/4)"."""
    if abs(a) == 1:
        return "" if a > 0 else "-"
    if a.denominator == 1 or style == "decimal":
        return fmt(a, style)
    return f"{'-' if a < 0 else ''}({fmt(abs(a))})"


def lin(a: Fraction | int, b: Fraction | int, style: Style = "fraction") -> str:
    """ax + b as a student writes it: "3x - 4", "-x", "(2/3)x + 1", "1.5x + 0.25", "7"."""
    a, b = Fraction(a), Fraction(b)
    if a == 0:
        return fmt(b, style)
    head = f"{coef(a, style)}x"
    if b == 0:
        return head
    return f"{head} {'-' if b < 0 else '+'} {fmt(abs(b), style)}"


def positive(wrong: Wrong) -> Wrong:
    """Only the misconceptions that give a positive amount (a count, a price, a length)."""
    return [(v, why) for v, why in wrong if v is None or isinstance(v, str) or v > 0]


def nonzero(rng: Random, low: int, high: int) -> Fraction:
    return Fraction(rng.choice([n for n in range(low, high + 1) if n]))


class LinearExpressions(Family):
    """Adding, subtracting, expanding and factoring linear expressions. Tiers: add two
    expressions; subtract one from another; expand with a negative or fraction in front;
    factor out the greatest common factor; expand and combine with a fraction in front."""

    name = "linear_expressions"
    topic = "7.EE.A.1"
    kinds = ("multiple_choice", "expression")
    nonnegative = False
    context_hint = "two bills or lengths written with a letter that are put together or split"
    strategy = (
        "Remove the parentheses first (a minus sign or a number in front applies to every "
        "term inside), then combine the x-terms and the constant terms."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        n = lambda lo, hi: nonzero(rng, lo, hi)  # noqa: E731
        if tier == 1:
            a, b, c, d = n(2, 9), n(-9, 9), n(2, 9), n(-9, 9)
            expr, answer = f"({lin(a, b)}) + ({lin(c, d)})", lin(a + c, b + d)
            wrong: Wrong = [
                (lin(a + c + b + d, 0), "added every number into the x-term"),
                (lin(a * c, b + d), "multiplied the x-coefficients instead of adding them"),
                (lin(a + c, b - d), "changed the sign of the second constant"),
                (
                    f"{fmt(a + c)}x^2 + {fmt(b + d)}" if b + d > 0 else None,
                    "added x and x to get x squared",
                ),
            ]
            steps = ["Drop the parentheses: adding keeps every sign as it is."]
        elif tier == 2:
            while True:
                a, b, c, d = n(3, 12), n(-9, 9), n(1, 9), n(-9, 9)
                if a != c:
                    break
            expr, answer = f"({lin(a, b)}) - ({lin(c, d)})", lin(a - c, b - d)
            wrong = [
                (lin(a - c, b + d), "subtracted only the x-term of the second expression"),
                (lin(a + c, b + d), "added the expressions instead of subtracting"),
                (lin(c - a, d - b), "subtracted the first expression from the second"),
                (lin(a - c, d - b), "subtracted the constants in the wrong order"),
            ]
            steps = [
                f"Subtracting means taking away every term: -({lin(c, d)}) changes both signs."
            ]
        elif tier == 3:
            if rng.random() < 0.5:
                k = -Fraction(rng.randint(2, 9))
                b, c = Fraction(rng.randint(2, 9)), nonzero(rng, -9, 9)
            else:
                k = proper(rng, 2, 6) * rng.choice((1, -1))
                b = Fraction(rng.randint(1, 4) * k.denominator)
                c = nonzero(rng, -5, 5) * k.denominator
            head = f"-{fmt(-k)}" if k.denominator == 1 else coef(k)
            expr, answer = f"{head}({lin(b, c)})", lin(k * b, k * c)
            wrong = [
                (lin(k * b, c), "multiplied only the first term"),
                (lin(k * b, -k * c), "did not change the sign of the second term"),
                (lin(-k * b, k * c), "did not change the sign of the first term"),
                (lin(k + b, k * c), "added the number in front to the x-coefficient"),
            ]
            steps = [f"Multiply every term inside the parentheses by {fmt(k)}."]
        elif tier == 4:
            while True:
                g, b, c = rng.randint(2, 9), Fraction(rng.randint(1, 9)), nonzero(rng, -9, 9)
                if sympy.igcd(int(b), int(c)) == 1 and abs(c) != 1:
                    break
            expr, answer = lin(g * b, g * c), f"{g}({lin(b, c)})"
            wrong = [
                (f"{g}({lin(b, g * c)})", "divided only the first term by the common factor"),
                (f"{g}({lin(g * b, c)})", "divided only the second term by the common factor"),
                (f"{g}({lin(b, -c)})", "changed the sign of the second term"),
                (
                    f"{g}({lin(b - g, c)})" if b != g else None,
                    "subtracted the factor instead of dividing by it",
                ),
            ]
            steps = [f"Find the greatest common factor of {fmt(g * b)} and {fmt(abs(g * c))}."]
            return Draft(
                question=f"Which expression is {expr} with its greatest common factor taken out?",
                answer=answer,
                solution=[*steps, f"Divide each term by it: {expr} = {answer}."],
                wrong=wrong,
            )
        else:
            k = proper(rng, 2, 5)
            a = Fraction(rng.randint(1, 4) * k.denominator)
            b = nonzero(rng, -4, 4) * k.denominator
            c, d = n(1, 9), n(-9, 9)
            if k * a == c:
                c += 1
            expr = f"{coef(k)}({lin(a, b)}) - ({lin(c, d)})"
            answer = lin(k * a - c, k * b - d)
            wrong = [
                (lin(k * a - c, b - d), "multiplied only the first term by the fraction"),
                (lin(k * a - c, k * b + d), "subtracted only the x-term of the second expression"),
                (lin(k * a + c, k * b + d), "added the second expression instead of subtracting"),
                (lin(a - c, k * b - d), "multiplied only the constant by the fraction"),
            ]
            steps = [
                f"Multiply each term in the first parentheses by {fmt(k)}; then subtract "
                "every term of the second expression."
            ]
        return Draft(
            question=f"Which expression is equivalent to {expr}?",
            answer=answer,
            solution=[
                *steps,
                "Combine the x-terms, then the constant terms.",
                f"{expr} = {answer}.",
            ],
            wrong=wrong,
        )

    def expected(self, core: ItemCore) -> Any:
        found = re.fullmatch(
            r"Which expression is (?:equivalent to )?(.+?)"
            r"(?: with its greatest common factor taken out)?\?",
            core.question,
        )
        if found is None:
            raise ValueError(f"question does not read as an expression to rewrite: {core.question}")
        return to_sympy(found[1])


AMOUNTS = (
    ("A jacket costs x dollars.", "price"),
    ("A town has x people.", "population"),
    ("A worker earns x dollars a week.", "pay"),
    ("A shop sells x bottles of juice a day.", "number of sales"),
    ("A club has x members.", "membership"),
    ("A farm grows x kilograms of beans a year.", "harvest"),
)


def times_x(m: Fraction, style: Style) -> str:
    return f"{coef(m, style)}x"


def misplaced(p: Fraction) -> Fraction:
    """A percent turned into a decimal with the point one place off: 20% as 0.02, 5% as 0.5."""
    return p / 10 if p < 10 else p / 1000


class RewriteChange(Family):
    """Rewriting an amount after a change as one product, and reading such a product. Tiers:
    a percent increase; a percent decrease; the percent a product like 1.35x shows; an
    increase then a decrease; a fraction of the amount added or taken away."""

    name = "rewrite_change"
    topic = "7.EE.A.2"
    kinds = ("multiple_choice",)
    context_hint = "a price, a wage or a count that goes up or down by a percent"
    strategy = (
        "Write the new amount as the old amount plus or minus the change, then collect the "
        "terms into a single number times x."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        start, thing = rng.choice(AMOUNTS)
        dec = lambda m: times_x(m, "decimal")  # noqa: E731
        if tier in (1, 2, 3):
            p = Fraction(rng.randint(2, 95))
            up = tier == 1 or (tier == 3 and rng.random() < 0.5)
            way = "up" if up else "down"
            m = 1 + p / 100 if up else 1 - p / 100
            if tier == 3:
                return Draft(
                    question=f"{start} The expression {dec(m)} gives the new {thing}. By what "
                    f"percent did the {thing} go {way}?",
                    answer=p,
                    solution=[
                        f"Write {dec(m)} as x {'+' if up else '-'} {fmt(p / 100, 'decimal')}x: "
                        "the second term is the change.",
                        f"{fmt(p / 100, 'decimal')} is {fmt(p)}%.",
                    ],
                    wrong=[
                        (100 * m, "read the whole multiplier as the percent"),
                        (p / 100, "gave the decimal, not the percent"),
                        (100 - p if up else 100 + p, "mixed up an increase and a decrease"),
                    ],
                    style="decimal",
                )
            wrong: Wrong = [
                (
                    lin(1, p if up else -p),
                    f"{'added' if up else 'subtracted'} the percent as a number",
                ),
                (
                    dec(p / 100),
                    f"found only the {'increase' if up else 'decrease'}, not the new amount",
                ),
                (
                    dec(1 + misplaced(p) if up else 1 - misplaced(p)),
                    "wrote the percent as a decimal with the point one place off",
                ),
                (dec(1 - p / 100 if up else 1 + p / 100), "mixed up an increase and a decrease"),
            ]
            change = f"The {thing} goes {way} by {fmt(p)}%."
            steps = [
                f"The new {thing} is x {'+' if up else '-'} {fmt(p / 100, 'decimal')}x.",
                f"That is {dec(m)}.",
            ]
            answer = dec(m)
        elif tier == 4:
            while True:  # an increase and a decrease that cancel would leave x unchanged
                a, b = Fraction(rng.randint(1, 10) * 5), Fraction(rng.randint(1, 10) * 5)
                m = (1 + a / 100) * (1 - b / 100)
                if m != 1:
                    break
            change = (
                f"The {thing} goes up by {fmt(a)}%, and then the new {thing} goes down by "
                f"{fmt(b)}%."
            )
            answer = dec(m)
            steps = [
                f"After the increase the {thing} is {dec(1 + a / 100)}.",
                f"Then multiply by {fmt(1 - b / 100, 'decimal')}: {answer}.",
            ]
            wrong = [
                (dec(1 + a / 100 - b / 100), "applied both percents to the starting amount"),
                (dec(1 - b / 100), "used only the last change"),
                (dec(1 + a / 100), "used only the first change"),
                (dec((1 + a / 100) * (1 + b / 100)), "took both changes as increases"),
            ]
        else:
            f = proper(rng, 2, 12)
            up = rng.random() < 0.5
            m = 1 + f if up else 1 - f
            change = f"The {thing} goes {'up' if up else 'down'} by {fmt(f)} of its old value."
            answer = times_x(m, "fraction")
            steps = [
                f"The new {thing} is x {'+' if up else '-'} {coef(f)}x.",
                f"x is 1x, so that is {answer}.",
            ]
            wrong = [
                (times_x(f, "fraction"), "found only the change, not the new amount"),
                (lin(1, f if up else -f), "added the fraction as a number, not a part of x"),
                (
                    times_x(Fraction(f.numerator + 1, f.denominator + 1), "fraction")
                    if up
                    else times_x(1 + f, "fraction"),
                    "added the tops and the bottoms of 1 and the fraction"
                    if up
                    else "added the fraction instead of taking it away",
                ),
            ]
        return Draft(
            question=f"{start} {change} Which expression gives the new {thing}?",
            answer=answer,
            solution=steps,
            wrong=wrong,
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        if found := re.search(r"expression (\S+)x gives .+ go (up|down)\?$", q):
            m = to_sympy(found[1])
            if (m > 1) != (found[2] == "up"):
                raise ValueError(f"{found[1]}x does not go {found[2]}")
            return abs(m - 1) * 100
        m = sympy.Integer(1)
        changes = re.findall(r"goes (up|down) by (\S+?)(%| of its old value)", q)
        if not changes:
            raise ValueError(f"no change in {q!r}")
        for way, size, unit in changes:
            part = to_sympy(size) / (100 if unit == "%" else 1)
            m *= 1 + part if way == "up" else 1 - part
        return m * X


ITEMS = ("notebooks", "pens", "sandwiches", "bus tickets", "plants", "paint brushes")
FRACTIONS = (
    Fraction(1, 2),
    Fraction(1, 3),
    Fraction(1, 4),
    Fraction(2, 5),
    Fraction(3, 4),
    Fraction(2, 3),
    Fraction(3, 8),
    Fraction(1, 5),
    Fraction(3, 5),
    Fraction(5, 8),
)


class RationalMultistep(Family):
    """Multistep problems with whole numbers, fractions, decimals and negatives. Tiers:
    change from a bill; a rope cut after a fraction is used; an hourly wage after a percent
    raise; a temperature that rises for hours and then falls; money left after spending a
    fraction and a decimal amount."""

    name = "rational_multistep"
    topic = "7.EE.B.3"
    style = "decimal"
    nonnegative = False
    context_hint = "shopping, wages, weather or cutting material to size"
    strategy = (
        "Write down what each sentence does to the amount, in order, then work through the steps "
        "with the numbers in the form that is easiest to use."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        who = rng.choice(NAMES)
        show = self.show
        if tier == 1:
            while True:
                n, p, bill = rng.randint(2, 6), rng.randint(2, 9), rng.choice((20, 50))
                if n * p < bill and n != p:
                    break
            item = rng.choice(ITEMS)
            answer = Fraction(bill - n * p)
            return Draft(
                question=f"{who} buys {n} {item} at {p} dollars each and pays with a {bill}-dollar "
                f"bill. How much change, in dollars, does {who} get?",
                answer=answer,
                solution=[
                    f"The {item} cost {n} × {p} dollars in all.",
                    f"Take that from the bill: {bill} - {n * p} = {show(answer)}.",
                ],
                wrong=positive(
                    [
                        (Fraction(bill - p), "forgot to multiply the price by the number bought"),
                        (Fraction(n * p), "gave the cost instead of the change"),
                        (Fraction(bill - n - p), "subtracted the count and the price"),
                        (Fraction(bill + n * p), "added the cost to the bill"),
                    ]
                ),
            )
        if tier == 2:
            while True:
                f, s = rng.choice(FRACTIONS), Fraction(rng.choice((2, 3, 4, 5)))
                length = Fraction(rng.randint(2, 12) * f.denominator * int(s))
                rest = length * (1 - f)
                if (rest / s).denominator == 1 and length <= 60:
                    break
            answer = rest / s
            return Draft(
                question=f"A rope is {show(length)} meters long. {who} cuts off {fmt(f)} of it "
                f"for a swing and cuts the rest into pieces {show(s)} meters long. How many "
                "pieces are there?",
                answer=answer,
                solution=[
                    f"The swing uses {fmt(f)} of {show(length)} meters; find what is left first.",
                    f"{show(rest)} meters are left, and {show(rest)} ÷ {show(s)} = {show(answer)}.",
                ],
                wrong=positive(
                    [
                        (length / s, "forgot the part cut off for the swing"),
                        (length * f / s, "used the part cut off instead of the rest"),
                        (rest * s, "multiplied by the piece length instead of dividing"),
                        (rest, "gave the length left instead of the number of pieces"),
                    ]
                ),
                style="fraction",
            )
        if tier == 3:
            while True:
                wage = Fraction(rng.randint(40, 100), 4)
                pct = Fraction(rng.randint(2, 15))
                answer = wage * (1 + pct / 100)
                if (answer * 100).denominator == 1:
                    break
            return Draft(
                question=f"{who} earns {show(wage)} dollars an hour and gets a {show(pct)}% raise. "
                "What is the new hourly pay, in dollars?",
                answer=answer,
                solution=[
                    f"The raise is {show(pct)}% of {show(wage)} dollars.",
                    f"{show(wage)} × {show(pct / 100)} = {show(wage * pct / 100)}, and "
                    f"{show(wage)} + {show(wage * pct / 100)} = {show(answer)}.",
                ],
                wrong=positive(
                    [
                        (wage + pct, "added the percent as dollars"),
                        (wage * pct / 100, "found only the raise, not the new pay"),
                        (
                            wage * (1 + misplaced(pct)),
                            "wrote the percent as a decimal with the point one place off",
                        ),
                        (wage + pct / 100, "added the percent as cents"),
                    ]
                ),
            )
        if tier == 4:
            while True:
                start = -Fraction(rng.randint(2, 30), 2)
                rise = Fraction(rng.randint(2, 10), 2)
                hours, fall = rng.randint(2, 5), Fraction(rng.randint(2, 16), 2)
                answer = start + rise * hours - fall
                if answer != 0 and rise * hours != fall:
                    break
            return Draft(
                question=f"The temperature is {show(start)} °C. It rises {show(rise)} degrees "
                f"each hour for {hours} hours, then falls {show(fall)} degrees. What is the "
                "temperature now, in °C?",
                answer=answer,
                solution=[
                    f"The rise is {show(rise)} × {hours} = {show(rise * hours)} degrees in all.",
                    f"{show(start)} + {show(rise * hours)} - {show(fall)} = {show(answer)}.",
                ],
                wrong=[
                    (start + rise - fall, "added only one hour's rise"),
                    (start + rise * hours + fall, "added the fall instead of subtracting it"),
                    (-start + rise * hours - fall, "dropped the minus sign of the start"),
                    (start - rise * hours - fall, "subtracted the rise"),
                ],
            )
        while True:
            f = rng.choice(FRACTIONS)
            money = Fraction(rng.randint(2, 20) * f.denominator)
            lunch = Fraction(rng.randint(10, 80), 4)
            answer = money * (1 - f) - lunch
            if answer > 0 and money <= 120:
                break
        return Draft(
            question=f"{who} has {show(money)} dollars, spends {fmt(f)} of it on a game and then "
            f"spends {show(lunch)} dollars on lunch. How much money is left, in dollars?",
            answer=answer,
            solution=[
                f"The game costs {fmt(f)} of {show(money)} dollars.",
                f"{show(money)} - {show(money * f)} - {show(lunch)} = {show(answer)}.",
            ],
            wrong=positive(
                [
                    (money - lunch, "forgot to take off the game"),
                    (money * (1 - f), "forgot to take off the lunch"),
                    (money * (1 - f) + lunch, "added the lunch instead of subtracting it"),
                    (money - f - lunch, "took off the fraction as if it were dollars"),
                    (money * f - lunch, "took the lunch from the game's cost"),
                ]
            ),
        )

    def expected(self, core: ItemCore) -> Any:
        q, n = core.question, [to_sympy(v) for v in core.numbers]
        if "change" in q:
            count, price, bill = n
            return bill - count * price
        if "rope" in q:
            length, part, piece = n
            return length * (1 - part) / piece
        if "raise" in q:
            wage, p = n
            return wage + wage * p / 100
        if "temperature" in q:
            start, rise, hours, fall = n
            return start + rise * hours - fall
        money, part, lunch = question_part(
            q,
            r"has (\S+) dollars, spends (\S+) of it .+ spends "
            r"(\S+) dollars",
        )
        return to_sympy(money) * (1 - to_sympy(part)) - to_sympy(lunch)


class EquationWordProblem(Family):
    """Word problems leading to px + q = r and p(x + q) = r, and solving such equations.
    Tiers: a fee plus a price per visit; friends who each buy a ticket and a snack; a
    rectangle's length from its perimeter (decimals); a temperature that falls to a negative
    reading; p(x + q) = r or px + q = r with a fraction for p."""

    name = "equation_word_problem"
    topic = "7.EE.B.4.a"
    style = "decimal"
    nonnegative = False  # tier 5's equations may have negative solutions
    context_hint = "a total made of a fixed part and equal parts, such as fees and tickets"
    strategy = (
        "Write an equation with x for the unknown amount, then undo the operations in reverse "
        "order: first the adding or subtracting, then the multiplying."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        who, show = rng.choice(NAMES), self.show
        if tier == 1:
            p, q, x = (Fraction(rng.randint(lo, hi)) for lo, hi in ((4, 15), (10, 40), (2, 12)))
            r = p * x + q
            return Draft(
                question=f"A gym charges a sign-up fee of {q} dollars and {p} dollars for each "
                f"class. {who} paid {r} dollars in all. How many classes did {who} take?",
                answer=Fraction(x),
                solution=[
                    f"Let x be the number of classes: {p}x + {q} = {r}.",
                    f"Subtract {q}, then divide by {p}: x = {x}.",
                ],
                wrong=positive(
                    [
                        (Fraction(r + q, p), "added the fee instead of subtracting it"),
                        (Fraction(r - q), "forgot to divide by the price per class"),
                        (Fraction(r, p) - q, "divided before subtracting the fee"),
                        (Fraction(r, p), "ignored the fee"),
                    ]
                ),
            )
        if tier == 2:
            while True:
                n, q, x = (Fraction(rng.randint(lo, hi)) for lo, hi in ((3, 8), (2, 6), (6, 15)))
                if n != q:
                    break
            r = n * (x + q)
            return Draft(
                question=f"{n} friends each buy a movie ticket and a {q}-dollar snack. Together "
                f"they pay {r} dollars. How much is one ticket, in dollars?",
                answer=Fraction(x),
                solution=[
                    f"Let x be the price of a ticket: {n}(x + {q}) = {r}.",
                    f"Divide by {n}, then subtract {q}: x = {x}.",
                ],
                wrong=positive(
                    [
                        (Fraction(r - q, n), "subtracted only one snack"),
                        (Fraction(r, n), "forgot the snacks"),
                        (Fraction(r, n) + q, "added the snack's price instead of subtracting it"),
                        (Fraction(r - n * q), "forgot to divide by the number of friends"),
                    ]
                ),
            )
        if tier == 3:
            while True:
                w = Fraction(rng.randint(4, 40), 2)
                length = Fraction(rng.randint(2 * int(w) + 1, 120), 2)
                if length != w:
                    break
            perimeter = 2 * (length + w)
            return Draft(
                question=f"A rectangle is {show(w)} cm wide and its perimeter is "
                f"{show(perimeter)} cm. How long is it, in cm?",
                answer=length,
                solution=[
                    f"Let x be the length: 2(x + {show(w)}) = {show(perimeter)}.",
                    f"Divide by 2, then subtract {show(w)}: x = {show(length)}.",
                ],
                wrong=positive(
                    [
                        (perimeter / 2, "halved the perimeter but forgot the width"),
                        ((perimeter - w) / 2, "subtracted the width only once"),
                        (perimeter / 4, "divided by 4 as if the rectangle were a square"),
                        (perimeter - 2 * w, "forgot to halve what is left for the two lengths"),
                    ]
                ),
            )
        if tier == 4:
            while True:
                start = Fraction(rng.randint(2, 20))
                drop = Fraction(rng.randint(2, 8), 2)
                hours = Fraction(rng.randint(2, 12))
                end = start - drop * hours
                if end < 0 and drop.denominator == 2:
                    break
            return Draft(
                question=f"The temperature is {show(start)} °C and falls {show(drop)} degrees "
                f"each hour. After how many hours is it {show(end)} °C?",
                answer=hours,
                solution=[
                    f"Let x be the hours: {show(start)} - {show(drop)}x = {show(end)}.",
                    f"Subtract {show(start)} from both sides, then divide by -{show(drop)}.",
                ],
                wrong=positive(
                    [
                        ((start + end) / drop, "treated the final temperature as positive"),
                        (-end / drop, "ignored the starting temperature"),
                        ((start - end) * drop, "multiplied by the drop instead of dividing"),
                        (start - end, "forgot to divide by the drop each hour"),
                    ]
                ),
            )
        p = proper(rng, 2, 6) * (1 if rng.random() < 0.7 else -1)
        x, q = nonzero(rng, -12, 12), nonzero(rng, -9, 9)
        if rng.random() < 0.5:
            x = x * p.denominator - q  # so that p(x + q) is whole
            r = p * (x + q)
            eq = f"{coef(p)}({lin(1, q)}) = {fmt(r)}"
            wrong: Wrong = [
                (r * p - q, "multiplied by the fraction instead of dividing"),
                (r / p + q, "added the number in the parentheses instead of subtracting it"),
                ((r - q) / p, "subtracted before dividing"),
                (r - q, "forgot to divide by the fraction"),
            ]
            first = f"Divide both sides by {fmt(p)}, that is, multiply by {fmt(1 / p)}."
        else:
            x = x * p.denominator
            r = p * x + q
            eq = f"{lin(p, q)} = {fmt(r)}"
            wrong = [
                ((r - q) * p, "multiplied by the fraction instead of dividing"),
                ((r + q) / p, "added the constant instead of subtracting it"),
                (r / p - q, "divided before subtracting the constant"),
                (r - q, "forgot to divide by the fraction"),
            ]
            first = f"Subtract {fmt(q)} from both sides first."
        return Draft(
            question=f"Solve {eq} for x.",
            answer=x,
            solution=[first, f"x = {fmt(x)}. Check: put it back into {eq}."],
            wrong=wrong,
            style="fraction",
        )

    def expected(self, core: ItemCore) -> Any:
        q, n = core.question, [to_sympy(v) for v in core.numbers]
        if "gym" in q:
            fee, price, total = n
            return (total - fee) / price
        if "friends" in q:
            count, snack, total = n
            return total / count - snack
        if "rectangle" in q:
            width, perimeter = n
            return perimeter / 2 - width
        if "temperature" in q:
            start, drop, end = n
            return (start - end) / drop
        (found,) = sympy.solve(to_sympy(question_part(q, r"^Solve (.+) for x\.$")[0]), X)
        return found


FLIP = {">": "<", "<": ">", "≥": "≤", "≤": "≥"}
EDGE = {">": "≥", "≥": ">", "<": "≤", "≤": "<"}
_OPS = {">": sympy.Gt, "<": sympy.Lt, "≥": sympy.Ge, "≤": sympy.Le}


def rel(op: str, value: Fraction, style: Style) -> str | None:
    """ "x ≤ 12.5", or None where the boundary cannot be written in this style."""
    try:
        return f"x {op} {fmt(value, style)}"
    except ValueError:
        return None


class InequalityWordProblem(Family):
    """Word problems leading to px + q > r or px + q < r (or ≥, ≤), answered with the solution
    set. Tiers: solve with whole numbers; tickets or sales with whole numbers; a plan priced in
    decimals; something that drains or sinks (a negative rate, so the sign turns); solve with
    a negative fraction in front of x."""

    name = "inequality_word_problem"
    topic = "7.EE.B.4.b"
    kinds = ("multiple_choice",)
    nonnegative = False
    context_hint = "a budget, a goal to reach or a level to stay above"
    strategy = (
        "Write the inequality with x for the unknown, then solve it like an equation; when "
        "you multiply or divide both sides by a negative number, turn the sign around."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        who = rng.choice(NAMES)
        style: Style = "decimal" if tier in (3, 4) else "fraction"
        show = lambda v: fmt(v, style)  # noqa: E731
        if tier in (1, 5):
            op = rng.choice(list(_OPS))
            if tier == 1:
                p, q = Fraction(rng.randint(2, 9)), Fraction(rng.randint(1, 20))
            else:
                p = -proper(rng, 2, 6)
                q = nonzero(rng, -9, 9)
            b = nonzero(rng, -12, 12) * p.denominator if tier == 5 else Fraction(rng.randint(1, 15))
            r = p * b + q
            relation = f"{lin(p, q)} {op} {fmt(r)}"
            question = f"Solve {relation}."
        elif tier == 2:
            p, q = Fraction(rng.randint(2, 8)), Fraction(rng.randint(3, 20))
            b = Fraction(rng.randint(3, 15))
            r = p * b + q
            if rng.random() < 0.5:
                op, relation = "≤", f"{fmt(p)}x + {fmt(q)} ≤ {fmt(r)}"
                question = (
                    f"{who} has {fmt(r)} dollars to spend at a fair. Entry costs {fmt(q)} dollars "
                    f"and each ride costs {fmt(p)} dollars. Which inequality gives the numbers of "
                    f"rides x that {who} can pay for?"
                )
            else:
                op, relation = ">", f"{fmt(p)}x + {fmt(q)} > {fmt(r)}"
                question = (
                    f"A class has raised {fmt(q)} dollars and sells boxes of cookies for {fmt(p)} "
                    f"dollars each. It wants to raise more than {fmt(r)} dollars in all. Which "
                    "inequality gives the numbers of boxes x it must sell?"
                )
        elif tier == 3:
            p = Fraction(rng.randint(2, 18), 4)
            q = Fraction(rng.randint(10, 40))
            b = Fraction(rng.randint(4, 30))
            r = p * b + q
            op = rng.choice(("≤", "<"))
            words = "at most" if op == "≤" else "less than"
            relation = f"{show(p)}x + {show(q)} {op} {show(r)}"
            question = (
                f"A phone plan costs {show(q)} dollars a month plus {show(p)} dollars for each "
                f"gigabyte of data. {who} wants the bill to be {words} {show(r)} dollars. Which "
                f"inequality gives the gigabytes x that {who} can use?"
            )
        else:
            tank = rng.random() < 0.5
            while True:
                p = -Fraction(rng.randint(2, 12), 2)
                b = Fraction(rng.randint(2, 20))
                q = Fraction(rng.randint(10, 40) * 5) if tank else -Fraction(rng.randint(1, 10))
                r = q + p * b
                if r > 0 or not tank:
                    break
            if tank:
                op = "≥"
                question = (
                    f"A tank holds {show(q)} liters of water and drains {show(-p)} liters each "
                    "minute. Which inequality gives the minutes x for which it still holds at "
                    f"least {show(r)} liters?"
                )
            else:
                op = ">"
                question = (
                    f"A diver is at {show(q)} meters and sinks {show(-p)} meters each minute. "
                    "Which inequality gives the minutes x for which the diver stays above "
                    f"{show(r)} meters?"
                )
            relation = f"{show(q)} - {show(-p)}x {op} {show(r)}"
        final = FLIP[op] if p < 0 else op
        answer = rel(final, b, style)
        assert answer is not None
        turned = " and turn the sign around, since it is negative" if p < 0 else ""
        return Draft(
            question=question,
            answer=answer,
            solution=[
                *([] if question.startswith("Solve") else [f"Write the inequality: {relation}."]),
                f"Subtract {show(q)} from both sides: {coef(p, style)}x {op} {show(r - q)}.",
                f"Divide both sides by {show(p)}{turned}: {answer}.",
            ],
            wrong=[
                (
                    rel(op, b, style) if p < 0 else rel(FLIP[op], b, style),
                    "did not turn the sign when dividing by a negative number"
                    if p < 0
                    else "turned the sign around without a negative number",
                ),
                (
                    rel(EDGE[final], b, style),
                    "included the boundary" if final in "<>" else "left out the boundary",
                ),
                (rel(final, (r + q) / p, style), "added the constant instead of subtracting it"),
                (rel(final, r - q, style), "forgot to divide by the number in front of x"),
                (
                    rel(final, (r - q) * p, style),
                    "multiplied by the number in front of x instead of dividing",
                ),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        q, n = core.question, [to_sympy(v) for v in core.numbers]
        if q.startswith("Solve "):
            return to_sympy(question_part(q, r"^Solve (.+)\.$")[0])
        if "fair" in q:
            money, entry, ride = n
            return sympy.Le(ride * X + entry, money)
        if "cookies" in q:
            raised, price, goal = n
            return sympy.Gt(price * X + raised, goal)
        if "phone plan" in q:
            monthly, per, limit = n
            op = sympy.Le if "at most" in q else sympy.Lt
            return op(monthly + per * X, limit)
        if "tank" in q:
            full, drain, least = n
            return sympy.Ge(full - drain * X, least)
        start, sink, level = n
        return sympy.Gt(start - sink * X, level)

    def accepts(self, value: Any, expected: Any) -> bool:
        """The same solution set, however the inequality is written."""
        if not isinstance(value, sympy.core.relational.Relational):
            return False
        return bool(
            sympy.solveset(value, X, sympy.S.Reals) == sympy.solveset(expected, X, sympy.S.Reals)
        )


FAMILIES: tuple[type[Family], ...] = (
    LinearExpressions,
    RewriteChange,
    RationalMultistep,
    EquationWordProblem,
    InequalityWordProblem,
)
