"""Expressions, equations and inequalities."""

from __future__ import annotations

import math
import re
from fractions import Fraction
from random import Random
from typing import Any, ClassVar

import sympy

from edugen.content.cores import ItemCore
from edugen.content.families.base import (
    Answer,
    Draft,
    ExpressionFamily,
    Family,
    question_part,
)
from edugen.content.families.common import X, Y, fmt, linear, listing, proper, to_sympy

Wrong = list[tuple[Answer | None, str]]
OPS: dict[str, Any] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "×": lambda a, b: a * b,
    "÷": lambda a, b: a / b,
}

VERBS = {"+": "added", "-": "subtracted", "×": "multiplied by", "÷": "divided by"}


class WordsToExpression(Family):
    """Writing an expression from words. Tiers: add then multiply; subtract then multiply;
    multiply then add or subtract; add or subtract then divide; three steps."""

    name = "words_to_expression"
    topic = "5.OA.A.2"
    kinds = ("multiple_choice",)
    context_hint = "a calculation described in words, such as a shopping total"
    strategy = (
        "Write the steps in order, with parentheses when a later step applies to a whole sum."
    )
    first: ClassVar[dict[str, str]] = {
        "+": "add {a} and {b}",
        "-": "subtract {b} from {a}",
        "×": "multiply {a} by {b}",
    }
    then: ClassVar[dict[str, str]] = {
        "+": "add {c}",
        "-": "subtract {c}",
        "×": "multiply by {c}",
        "÷": "divide by {c}",
    }

    def draft(self, tier: int, rng: Random) -> Draft:
        op1, ops = {
            1: ("+", ["×"]),
            2: ("-", ["×"]),
            3: ("×", [rng.choice("+-")]),
            4: (rng.choice("+-"), ["÷"]),
            5: (rng.choice("+-"), ["×", "-"]),
        }[tier]
        while True:
            a, b = sorted(rng.sample(range(2, 13), 2), reverse=True)
            cs = [rng.randint(2, 9) for _ in ops]
            if ops[0] != "÷" or OPS[op1](a, b) % cs[0] == 0:
                break
        text, expr, flat = self.first[op1].format(a=a, b=b), f"{a} {op1} {b}", f"{a} {op1} {b}"
        value = Fraction(OPS[op1](a, b))
        for op, c in zip(ops, cs, strict=True):
            text += ", then " + self.then[op].format(c=c)
            expr = f"({expr}) {op} {c}" if op in "×÷" and "(" not in expr else f"{expr} {op} {c}"
            flat = f"{flat} {op} {c}"
            value = OPS[op](value, c)
        later = "".join(f" {op} {c}" for op, c in zip(ops[1:], cs[1:], strict=True))
        swapped = {"×": "+", "÷": "-", "+": "×", "-": "÷"}[ops[0]]
        wrong: Wrong = [
            (flat, "left out the parentheses"),
            (
                f"{a} {ops[0]} {cs[0]} {op1} {b}{later}" if op1 in "+-" else None,
                "applied the second step to only the first number",
            ),
            (
                expr.replace(f"{a} - {b}", f"{b} - {a}") if op1 == "-" else None,
                "subtracted in the wrong order",
            ),
            (
                expr.replace(f" {ops[0]} {cs[0]}", f" {swapped} {cs[0]}", 1),
                "used the wrong operation",
            ),
            (
                f"{a} × ({b} {ops[0]} {cs[0]})" if tier == 3 else None,
                "added parentheses that change the order",
            ),
            (f"{a} {op1} {b}", "left out the later steps"),
            (f"{cs[0]} {ops[0]} {a} {op1} {b}", "wrote the last step first"),
        ]
        return Draft(
            # Two sentences around the quoted steps keep the stem at the grade of the topic.
            question=f'Read the steps: "{text}". Which expression fits them?',
            answer=expr,
            solution=[
                "Write the steps in order; use parentheses when a later multiplication or "
                "division must apply to a whole sum or difference.",
                f"{expr} = {fmt(value)}.",
            ],
            wrong=wrong,
        )

    def expected(self, core: ItemCore) -> Any:
        first, *rest = question_part(core.question, r'"(.+)"')[0].split(", then ")
        verb, p, q = question_part(first, r"^(add|subtract|multiply) (\S+) (?:and|from|by) (\S+)$")
        a, b = to_sympy(p), to_sympy(q)
        value = {"add": a + b, "subtract": b - a, "multiply": a * b}[verb]
        for step in rest:
            verb, n = question_part(step, r"^(add|subtract|multiply by|divide by) (\S+)$")
            c = to_sympy(n)
            value = {"add": value + c, "subtract": value - c, "multiply by": value * c}.get(
                verb, value / c
            )
        return value


class OrderOfOperations(ExpressionFamily):
    """Exponents and order of operations. Tiers: a power, or three numbers joined by signs of
    one rank (worked left to right); add and multiply; add a square;
    parentheses, a product and a square; a fraction squared plus a product."""

    name = "order_of_operations"
    topic = "6.EE.A.1"
    context_hint = "a calculation with several steps, such as a total with repeated parts"
    strategy = (
        "Do parentheses and exponents first, then multiply and divide, then add and subtract."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        a, b, c, d = (rng.randint(2, 9) for _ in range(4))
        wrong: Wrong
        if tier == 1:
            expr, answer, steps, wrong = _one_kind_of_step(rng)
        elif tier == 2:
            expr, answer = f"{a} + {b} × {c}", Fraction(a + b * c)
            steps = [
                f"Multiply first: {b} × {c} = {b * c}.",
                f"Then add: {a} + {b * c} = {answer}.",
            ]
            wrong = [
                (Fraction((a + b) * c), "worked from left to right"),
                (Fraction(a + b + c), "added all the numbers"),
                (Fraction(a * b + c), "multiplied the wrong pair"),
            ]
        elif tier == 3:
            a = rng.randint(2, 20)
            expr, answer = f"{a} + {b}^2", Fraction(a + b * b)
            steps = [f"Square first: {b}^2 = {b * b}.", f"Then add: {a} + {b * b} = {answer}."]
            wrong = [
                (Fraction((a + b) ** 2), "added before squaring"),
                (Fraction(a + 2 * b), "doubled instead of squaring"),
                (Fraction((a + b) * 2), "added, then doubled"),
            ]
        elif tier == 4:
            b, c = rng.randint(3, 12), rng.randint(3, 12)
            d = rng.randint(2, max(2, min(9, int((a * (b + c)) ** 0.5))))
            expr, answer = f"{a} × ({b} + {c}) - {d}^2", Fraction(a * (b + c) - d * d)
            steps = [
                f"Parentheses: {b} + {c} = {b + c}. Exponent: {d}^2 = {d * d}.",
                f"Multiply: {a} × {b + c} = {a * (b + c)}. Subtract: {a * (b + c)} - {d * d} = "
                f"{answer}.",
            ]
            wrong = [
                (Fraction(a * b + c - d * d), "ignored the parentheses"),
                (Fraction(a * (b + c) - 2 * d), "doubled instead of squaring"),
                (Fraction((a * (b + c) - d) ** 2), "subtracted before squaring"),
            ]
        else:
            p = proper(rng, 2, 5)
            expr, answer = f"({fmt(p)})^2 + {a} × {b}", p * p + a * b
            steps = [
                f"Square first: ({fmt(p)})^2 = {fmt(p * p)}. Multiply: {a} × {b} = {a * b}.",
                f"Add: {fmt(p * p)} + {a * b} = {fmt(answer)}.",
            ]
            wrong = [
                (2 * p + a * b, "doubled instead of squaring"),
                ((p * p + a) * b, "worked from left to right"),
                (Fraction(p.numerator**2, p.denominator) + a * b, "squared only the numerator"),
            ]
        return Draft(question=f"What is {expr}?", answer=answer, solution=steps, wrong=wrong)


def _one_kind_of_step(rng: Random) -> tuple[str, Fraction, list[str], Wrong]:
    """A power, or two subtractions, divisions or mixed signs of one rank: worked left to right."""
    form = rng.choice(("power", "power", "-", "÷", "-+", "÷×"))
    if form == "power":
        b = rng.choice((2, 2, 3, 3, 4, 5))
        a = rng.randint(2, {2: 12, 3: 6, 4: 4, 5: 3}[b])
        return (
            f"{a}^{b}",
            Fraction(a**b),
            [f"{a}^{b} means {' × '.join([str(a)] * b)} = {a**b}."],
            [
                (Fraction(a * b), "multiplied the base by the exponent"),
                (Fraction(b**a), "swapped the base and the exponent"),
                (Fraction(a + b), "added the base and the exponent"),
                (Fraction(a ** (b - 1)), "multiplied one time too few"),
            ],
        )
    b, c = rng.randint(2, 9), rng.randint(2, 9)
    if form in ("÷", "÷×"):
        if form == "÷":
            c = rng.choice([n for n in range(2, 10) if b % n == 0] or [b])
        a = b * c * rng.randint(2, max(2, 120 // (b * c))) if form == "÷" else b * rng.randint(2, 9)
    else:
        a = rng.randint(b + c + 1, 30)
    first_op, second_op = form[0], form[-1]
    first = OPS[first_op](Fraction(a), b)
    answer = OPS[second_op](first, c)
    later = OPS[second_op](Fraction(b), c)  # the second step done first
    undo = {"-": "+", "+": "-", "÷": "×", "×": "÷"}[second_op]
    expr = f"{a} {first_op} {b} {second_op} {c}"
    wrong: Wrong = [
        (OPS[first_op](Fraction(a), later), "worked the second step first"),
        (OPS[undo](first, c), f"{VERBS[undo]} the last number instead"),
        (first, "stopped after the first step"),
        (Fraction(a + b + c) if first_op == "-" else None, "added all the numbers"),
        (first + c if first_op == "÷" else None, "added the last number instead"),
    ]
    rank = "Adding and subtracting" if first_op == "-" else "Multiplying and dividing"
    return (
        expr,
        answer,
        [
            f"{rank} come at the same step, so work from left to right.",
            f"{a} {first_op} {b} = {fmt(first)}, then {fmt(first)} {second_op} {c} = "
            f"{fmt(answer)}.",
        ],
        [w for w in wrong if not isinstance(w[0], Fraction) or w[0].denominator == 1],
    )


class EvaluateExpression(Family):
    """Evaluating expressions with variables. Tiers: a coefficient times x; plus a constant;
    a product with parentheses; a square plus a constant; two variables, x a fraction."""

    name = "evaluate_expression"
    topic = "6.EE.A.2"
    context_hint = "a formula, such as a cost that depends on how many items are bought"
    strategy = "Replace the letter with its value, then follow the order of operations."

    def draft(self, tier: int, rng: Random) -> Draft:
        a, b = rng.randint(2, 9), rng.randint(1, 12)
        x = Fraction(rng.randint(2, 12 if tier == 4 else 9))
        side_by_side = Fraction(int(f"{a}{x}"))  # "3x" with x = 4 read as 34
        when = f"x = {fmt(x)}"
        if tier == 1:
            expr, answer = f"{a}x", a * x
            wrong: Wrong = [
                (side_by_side, "wrote the number next to x's value instead of multiplying"),
                (a + x, "added instead of multiplying"),
                (abs(a - x), "subtracted instead of multiplying"),
                (x, "gave the value of x instead of the expression"),
            ]
        elif tier == 2:
            expr, answer = f"{a}x + {b}", a * x + b
            wrong = [
                (side_by_side + b, "wrote the number next to x's value instead of multiplying"),
                (a + x + b, "added instead of multiplying"),
                (a * (x + b), "added before multiplying"),
            ]
        elif tier == 3:
            expr, answer = f"{a}(x + {b})", a * (x + b)
            wrong = [
                (a * x + b, "multiplied only x"),
                (a + x + b, "added instead of multiplying"),
                (side_by_side + b, "wrote the number next to x's value instead of multiplying"),
            ]
        elif tier == 4:
            expr, answer = f"x^2 + {b}", x * x + b
            wrong = [
                (2 * x + b, "doubled instead of squaring"),
                ((x + b) ** 2, "added before squaring"),
                (x + 2 + b, "added the exponent"),
            ]
        else:
            x, y = proper(rng, 2, 6), rng.randint(2, 9)
            when = f"x = {fmt(x)} and y = {y}"
            expr, answer = f"{a}x + y^2", a * x + y * y
            wrong = [
                (a * x + 2 * y, "doubled instead of squaring"),
                (a + x + y * y, "added instead of multiplying"),
                ((a * x + y) ** 2, "added before squaring"),
            ]
        return Draft(
            question=f"What is the value of {expr} when {when}?",
            answer=answer,
            solution=[
                f"Replace the letters with their values: {when}.",
                "A number next to a letter means multiply; do exponents before multiplying, "
                "and multiplying before adding.",
                f"{expr} = {fmt(answer)}.",
            ],
            wrong=wrong,
        )

    def expected(self, core: ItemCore) -> Any:
        expr, when = question_part(core.question, r"value of (.+) when (.+)\?")
        values = {sympy.Symbol(v): to_sympy(n) for v, n in re.findall(r"([xy]) = ([^\s?]+)", when)}
        return to_sympy(expr).subs(values)


class Distributive(Family):
    """Equivalent expressions with the distributive property. Tiers: a(x + b); a(x - b);
    factoring out the greatest common factor; a(x + b) + c; a(bx + c) + dx."""

    name = "distributive_property"
    topic = "6.EE.A.3"
    kinds = ("multiple_choice", "expression")
    context_hint = "buying several bundles, each holding some of two kinds of things"
    strategy = "Multiply every term inside the parentheses, or take out a factor every term shares."

    def draft(self, tier: int, rng: Random) -> Draft:
        a, b, c, d = rng.randint(2, 9), rng.randint(1, 9), rng.randint(1, 9), rng.randint(2, 9)
        if tier == 1:
            expr, answer = f"{a}(x + {b})", linear(a, a * b)
            wrong: Wrong = [
                (linear(a, b), "multiplied only the first term"),
                (linear(1, a * b), "multiplied only the second term"),
                (linear(a, a + b), "added instead of multiplying the second term"),
            ]
        elif tier == 2:
            expr, answer = f"{a}(x - {b})", linear(a, -a * b)
            wrong = [
                (linear(a, -b), "multiplied only the first term"),
                (linear(a, a * b), "lost the minus sign"),
                (linear(1, -a * b), "multiplied only the second term"),
            ]
        elif tier == 3:
            while b == c or math.gcd(b, c) > 1:
                b, c = rng.randint(1, 9), rng.randint(1, 9)
            expr, answer = linear(a * b, a * c), f"{a}({linear(b, c)})"
            wrong = [
                (f"{a}({linear(b, a * c)})", "divided only the first term by the common factor"),
                (f"{a * b}({linear(1, c)})", "factored out the whole first coefficient"),
                (f"{a}x({b} + {c})", "took x out of both terms"),
            ]
        elif tier == 4:
            expr, answer = f"{a}(x + {b}) + {c}", linear(a, a * b + c)
            wrong = [
                (linear(a, b + c), "multiplied only the first term"),
                (linear(a, a * (b + c)), "multiplied the added number too"),
                (linear(a + c, a * b), "combined a number with the x-term"),
            ]
        else:
            expr, answer = f"{a}({b}x + {c}) + {d}x", linear(a * b + d, a * c)
            wrong = [
                (linear(a * b + d, c), "multiplied only the first term"),
                (linear(a * b, a * c + d), f"treated {d}x as a number"),
                (linear(a + b + d, a * c), "added instead of multiplying the x-term"),
            ]
        return Draft(
            question=f"Which expression is equivalent to {expr}?",
            answer=answer,
            solution=[
                "The distributive property: a(b + c) = ab + ac, so multiply every term inside "
                "the parentheses, then combine like terms.",
                f"{expr} = {answer}.",
            ],
            wrong=wrong,
        )

    def expected(self, core: ItemCore) -> Any:
        return to_sympy(question_part(core.question, r"equivalent to (.+)\?")[0])


class Equivalence(Distributive):
    """Telling when expressions are equivalent. Tiers: a sum of x's and 3x's, perhaps plus a
    number; ax + bx; a product of x's and numbers; a(x + b) - x; a(x + b) + c(x - d)."""

    name = "equivalent_expressions"
    topic = "6.EE.A.4"
    context_hint = "two ways of counting the same collection"
    strategy = "Combine like terms, then test each choice with a value of x."

    def draft(self, tier: int, rng: Random) -> Draft:
        a, b, c, d = rng.randint(2, 9), rng.randint(2, 9), rng.randint(2, 9), rng.randint(1, 9)
        wrong: Wrong
        if tier == 1:
            expr, answer, wrong = _repeated_sum(rng)
        elif tier == 3:
            expr, answer, wrong = _repeated_product(rng)
        elif tier == 2:
            expr, answer = f"{a}x + {b}x", f"{a + b}x"
            wrong = [
                (f"{a * b}x", "multiplied the coefficients"),
                (f"{a + b}x^2", "added the x's as well"),
                (str(a + b), "dropped the variable"),
            ]
        elif tier == 4:
            expr, answer = f"{a}(x + {d}) - x", linear(a - 1, a * d)
            wrong = [
                (linear(a - 1, d), "multiplied only the first term"),
                (linear(a, a * d - 1), "took 1 from the number instead of from the x-term"),
                (linear(a + 1, a * d), "added x instead of subtracting it"),
            ]
        else:
            expr, answer = f"{a}(x + {b}) + {c}(x - {d})", linear(a + c, a * b - c * d)
            wrong = [
                (linear(a + c, a * b + c * d), "lost the minus sign"),
                (linear(a + c, b - d), "multiplied only the x-terms"),
                (linear(a * c, a * b - c * d), "multiplied the coefficients of x"),
            ]
        return Draft(
            question=f"Which expression is equivalent to {expr}?",
            answer=answer,
            solution=[
                "Two expressions are equivalent when they are equal for every value of x.",
                f"Rewrite {expr} step by step: {answer}.",
                "Check with a value, for example x = 2: both sides give the same number.",
            ],
            wrong=wrong,
        )


def _term(coef: int, power: int = 1) -> str:
    """A one-variable term as a student writes it: "x", "3x", "x^4", "6x^2"."""
    return f"{'' if coef == 1 else coef}x{'' if power == 1 else f'^{power}'}"


def _plus(text: str, number: int) -> str:
    return f"{text} + {number}" if number else text


def _repeated_sum(rng: Random) -> tuple[str, str, Wrong]:
    """x's added, one perhaps with a small coefficient, perhaps with a number among them."""
    coefs = [1] * rng.randint(2, 5)
    if rng.random() < 0.4:
        coefs[rng.randrange(len(coefs))] = rng.randint(2, 4)
    number = rng.randint(1, 9) if rng.random() < 0.5 else 0
    parts = [_term(c) for c in coefs]
    if number:
        parts.insert(rng.randint(1, len(parts)), str(number))
    total, terms, bare = sum(coefs), len(coefs), coefs.count(1)
    wrong: Wrong = [
        (_plus(_term(math.prod(coefs), terms), number), "multiplied the x-terms instead of adding"),
        (
            _plus(_term(terms), number) if total > terms else None,
            "counted the x-terms, not the x's",
        ),
        (_term(total + number) if number else None, "added the number to the x's"),
        (_term(total) if number else None, "dropped the number"),
        (None if number else f"x + {total}", "added the number of x's"),
        (
            _plus(_term(total - bare), number) if 0 < bare < terms else None,
            "left out the x's with no number in front",
        ),
        (_term(terms - 1) if total == terms else None, "counted the plus signs, not the x's"),
        (_plus(_term(total, terms), number), "added the numbers but multiplied the x's"),
    ]
    return " + ".join(parts), _plus(_term(total), number), wrong


def _repeated_product(rng: Random) -> tuple[str, str, Wrong]:
    """x's multiplied, with up to two small numbers among them."""
    power, numbers = rng.randint(2, 5), [rng.randint(2, 9) for _ in range(rng.choice((0, 1, 2)))]
    factors = ["x"] * power
    for n in numbers:
        factors.insert(rng.randint(0, len(factors)), str(n))
    coef = math.prod(numbers)
    wrong: Wrong = [
        (_term(coef * power), "added the x's instead of multiplying them"),
        (
            _term(sum(numbers), power) if len(numbers) == 2 else None,
            "added the numbers instead of multiplying",
        ),
        (_term(1, power + len(numbers)) if numbers else None, "counted each number as an x"),
        (f"{_term(1, power)} + {coef}" if numbers else None, "added the number instead"),
        (None if numbers else f"x + {power}", "added the number of x's"),
        (_term(coef * power, power), "wrote the count of x's in front as well"),
        (None if numbers else _term(1, power - 1), "counted the times signs, not the x's"),
    ]
    return " × ".join(factors), _term(coef, power), wrong


class _Equations(Family):
    """Shared by the two equation families: build an equation whose solution is known."""

    def equation(self, form: str, rng: Random) -> tuple[str, Fraction, Wrong]:
        a, s = rng.randint(2, 12), Fraction(rng.randint(2, 15))
        if form == "add":
            b = s + a
            return (
                f"x + {a} = {fmt(b)}",
                s,
                [
                    (b + a, "added instead of subtracting"),
                    (b, "ignored the number added to x"),
                    (Fraction(a), "gave the number added to x"),
                    (b * a, "multiplied instead of subtracting"),
                ],
            )
        if form == "sub":
            b = Fraction(rng.randint(1, 15))
            return (
                f"x - {a} = {b}",
                Fraction(a + b),
                [
                    (Fraction(b - a), "subtracted instead of adding"),
                    (Fraction(b), "ignored the number subtracted from x"),
                    (Fraction(a), "gave the number subtracted from x"),
                    (Fraction(a * b), "multiplied instead of adding"),
                ],
            )
        if form == "mul":
            b = a * s
            return (
                f"{a}x = {fmt(b)}",
                s,
                [
                    (b - a, "subtracted instead of dividing"),
                    (a * b, "multiplied instead of dividing"),
                    (a / b, "divided the wrong way round"),
                ],
            )
        if form == "div":
            return (
                f"x ÷ {a} = {fmt(s)}",
                a * s,
                [
                    (s / a, "divided instead of multiplying"),
                    (s + a, "added instead of multiplying"),
                    (s - a, "subtracted instead of multiplying"),
                    (Fraction(a), "gave the divisor"),
                ],
            )
        if form == "two":
            b = Fraction(rng.randint(1, 20))
            c = a * s + b
            return (
                f"{a}x + {b} = {fmt(c)}",
                s,
                [
                    ((c + b) / a, "added instead of subtracting"),
                    (c / a - b, "divided before subtracting"),
                    (c - b, "forgot to divide"),
                    (c / a, "divided without subtracting first"),
                    (c - b - a, "subtracted the coefficient instead of dividing"),
                ],
            )
        p, b = proper(rng, 2, 6), Fraction(rng.randint(2, 12))
        if form == "frac":
            b *= p.numerator
            return (
                f"({fmt(p)})x = {fmt(b)}",
                b / p,
                [
                    (b * p, "multiplied by the fraction instead of dividing"),
                    (b - p, "subtracted instead of dividing"),
                    (b / p.denominator, "divided by the denominator"),
                    (b * p.denominator, "multiplied by the denominator only"),
                    (b + p, "added the fraction instead of dividing"),
                ],
            )
        q = p + proper(rng, 2, 6) + rng.randint(0, 2)
        return (
            f"x + {fmt(p)} = {fmt(q)}",
            q - p,
            [
                (q + p, "added instead of subtracting"),
                (
                    Fraction(q.numerator - p.numerator, q.denominator - p.denominator)
                    if q.denominator != p.denominator
                    else None,
                    "subtracted the numerators and the denominators",
                ),
                (q, "ignored the fraction added to x"),
                (p, "gave the fraction added to x"),
                (p - q, "subtracted in the wrong order"),
            ],
        )


class OneStepEquation(_Equations):
    """One-step equations. Tiers: x + a = b; x - a = b; ax = b; x ÷ a = b; a fraction as
    the coefficient or the number added."""

    name = "one_step_equation"
    topic = "6.EE.B.7"
    nonnegative = False
    context_hint = "finding an unknown amount from a total"
    strategy = "Undo the operation on x by doing the opposite to both sides."

    def draft(self, tier: int, rng: Random) -> Draft:
        form = {1: "add", 2: "sub", 3: "mul", 4: "div"}.get(tier) or rng.choice(("frac", "addfrac"))
        eq, s, wrong = self.equation(form, rng)
        inverse = {
            "add": "subtract",
            "addfrac": "subtract",
            "sub": "add",
            "mul": "divide",
            "frac": "divide",
            "div": "multiply",
        }[form]
        return Draft(
            question=f"Solve {eq} for x.",
            answer=s,
            solution=[
                f"Undo the operation on x: {inverse} on both sides.",
                f"x = {fmt(s)}. Check: put {fmt(s)} back into {eq}.",
            ],
            wrong=wrong,
        )

    def expected(self, core: ItemCore) -> Any:
        return sympy.solve(to_sympy(question_part(core.question, r"Solve (.+) for x\.")[0]), X)[0]


class SolutionCheck(_Equations):
    """Which value makes an equation or inequality true. Tiers: x + a = b; ax = b;
    ax + b = c; x + a > b; ax < b."""

    name = "solution_check"
    topic = "6.EE.B.5"
    kinds = ("multiple_choice", "short_answer")
    context_hint = "checking whether a guess fits a rule or a limit"
    strategy = "Put each choice in place of x and see which of them makes the statement true."

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier <= 3:
            relation, answer, wrong = self.equation(("add", "mul", "two")[tier - 1], rng)
        else:
            a, k = rng.randint(2, 9), rng.randint(1, 5)
            boundary = Fraction(rng.randint(6, 15))
            if tier == 4:
                b = boundary + a
                relation, answer = f"x + {a} > {fmt(b)}", boundary + k
                wrong = []
            else:
                b = boundary * a
                relation, answer = f"{a}x < {fmt(b)}", boundary - k
                wrong = [(b, "used the number on the right side")]
            away = 1 if tier == 5 else -1  # the side of the boundary where x fails
            wrong += [
                (boundary, "included the boundary value"),
                (boundary + away * k, "reversed the inequality"),
                (Fraction(a) if tier == 4 and a < boundary else None, "gave the number added to x"),
                (
                    boundary - a if tier == 4 else b - a,
                    "took the number added to x away twice"
                    if tier == 4
                    else "subtracted the coefficient instead of dividing",
                ),
            ]
        value = fmt(answer)
        substituted = re.sub(r"(?<=\d)x", f"({value})", relation).replace("x", value)
        return Draft(
            question=f"Which value of x makes {relation} true?",
            answer=answer,
            solution=[
                f"Substitute x = {value}: {substituted} is true.",
                "A value that makes the statement true is a solution.",
            ],
            wrong=wrong,
            rubric=(
                f"Gives x = {value} and shows that substituting it into {relation} gives a true "
                "statement (or explains how the value was found)."
                if tier <= 3
                else f"Gives any value of x {'greater' if tier == 4 else 'less'} than "
                f"{fmt(boundary)}, for example {value}, and shows that substituting it makes "
                f"{relation} true."
            ),
        )

    def expected(self, core: ItemCore) -> Any:
        return to_sympy(question_part(core.question, r"makes (.+) true\?")[0])

    def accepts(self, value: Any, expected: Any) -> bool:
        return bool(expected.subs(X, value))


class WriteInequality(Family):
    """Writing inequalities. Tiers: "more/less than"; "at least/at most"; "no more/no less
    than"; a number line; a negative or fractional boundary."""

    name = "write_inequality"
    topic = "6.EE.B.8"
    kinds = ("multiple_choice",)
    context_hint = "a limit or minimum, such as a height requirement or a budget"
    strategy = "Decide whether the number itself is included, then pick the sign that says so."
    phrases: ClassVar[dict[int, dict[str, str]]] = {
        1: {">": "is more than", "<": "is less than"},
        2: {"≥": "is at least", "≤": "is at most"},
        3: {"≤": "is no more than", "≥": "is no less than"},
    }

    def draft(self, tier: int, rng: Random) -> Draft:
        table = self.phrases.get(tier) or rng.choice(list(self.phrases.values()))
        op = rng.choice(list(table))
        n = Fraction(rng.randint(1, 40)) if tier < 5 else -proper(rng, 2, 4) - rng.randint(0, 5)
        flip = {">": "<", "<": ">", "≥": "≤", "≤": "≥"}
        edge = {">": "≥", "≥": ">", "<": "≤", "≤": "<"}
        line = tier == 4 or (tier == 5 and rng.random() < 0.5)
        if line:
            circle = "an open" if op in "<>" else "a closed"
            side = "right" if op in ">≥" else "left"
            question = (
                f"A number line has {circle} circle at {fmt(n)} and is shaded to the {side}. "
                "Which inequality does it show?"
            )
            names = ("read the circle the wrong way", "read the shading backwards")
        else:
            question = f'Which inequality says "x {table[op]} {fmt(n)}"?'
            names = (
                "left out the boundary" if op in "≥≤" else "included the boundary",
                "reversed the direction",
            )
        return Draft(
            question=question,
            answer=f"x {op} {fmt(n)}",
            solution=[
                "An open circle or the words more/less than leave the number out (> or <); a "
                "closed circle or at least/at most include it (≥ or ≤).",
                f"So the inequality is x {op} {fmt(n)}.",
            ],
            wrong=[
                (f"x {edge[op]} {fmt(n)}", names[0]),
                (f"x {flip[op]} {fmt(n)}", names[1]),
                (f"x {edge[flip[op]]} {fmt(n)}", f"{names[1]} and {names[0]}"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        n = to_sympy(core.numbers[0])
        if "number line" in q:
            strict = "open circle" in q
            right = "shaded to the right" in q
            return (X > n if strict else X >= n) if right else (X < n if strict else X <= n)
        phrase = question_part(q, r'"x is (.+) \S+"')[0]
        greater = any(w in phrase for w in ("more", "greater", "least"))
        if phrase.startswith("no "):  # "no more than" is the negation of "more than"
            return X <= n if greater else X >= n
        if phrase.startswith("at "):
            return X >= n if greater else X <= n
        return X > n if greater else X < n


class TableRule(Family):
    """Dependent and independent variables from a table. Tiers: y = kx; y = x + b; y = kx
    with x going up in steps; y = kx + b; y = kx + b with larger steps."""

    name = "table_rule"
    topic = "6.EE.C.9"
    kinds = ("multiple_choice",)
    context_hint = "one quantity that depends on another, such as cost on the number bought"
    strategy = "See how much y changes each time x changes, then check the rule with every pair."

    def draft(self, tier: int, rng: Random) -> Draft:
        k = 1 if tier == 2 else rng.randint(2, 9)
        b = 0 if tier in (1, 3) else rng.randint(1, 12)
        step = rng.randint(2, 5) if tier in (3, 5) else 1
        start = rng.randint(1, 9) if tier == 1 else rng.randint(1, 6)
        xs = [start + i * step for i in range(4)]
        ys = [k * x + b for x in xs]
        rule = linear(k, b)
        wrong: Wrong = [
            (f"x = {linear(k, b, 'y')}", "swapped the dependent and independent variables"),
            (f"y = {linear(1, ys[0] - xs[0])}", "used only the first pair"),
            (f"y = {linear(k, 0)}" if b else None, "left out the starting amount"),
            (
                f"y = {linear(k * step, 0)}" if b else f"y = {linear(1, k * step)}",
                "used the change in y for each step as the rate"
                if b
                else "added the change in y instead of multiplying",
            ),
            (f"y = {linear(ys[0], 0)}", "used the first y-value as the rate"),
        ]
        return Draft(
            question=f"When x is {listing(map(str, xs))}, y is {listing(map(str, ys))}. "
            "Which equation shows how y depends on x?",
            answer=f"y = {rule}",
            solution=[
                f"y changes by {k * step} each time x changes by {step}, so y grows by {k} for "
                "each 1 in x.",
                *([f"When x = 0, y would be {b}."] if b else []),
                f"The rule is y = {rule}; check it with every pair.",
            ],
            wrong=wrong,
        )

    def expected(self, core: ItemCore) -> Any:
        xs, ys = question_part(core.question, r"When x is (.+?), y is (.+?)\. ")
        return [
            (to_sympy(p), to_sympy(q)) for p, q in zip(xs.split(", "), ys.split(", "), strict=True)
        ]

    def accepts(self, value: Any, expected: Any) -> bool:
        return isinstance(value, sympy.Eq) and all(
            bool(value.subs({X: p, Y: q})) for p, q in expected
        )


FAMILIES: tuple[type[Family], ...] = (
    WordsToExpression,
    OrderOfOperations,
    EvaluateExpression,
    Distributive,
    Equivalence,
    SolutionCheck,
    OneStepEquation,
    WriteInequality,
    TableRule,
)
