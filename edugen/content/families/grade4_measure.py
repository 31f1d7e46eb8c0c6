"""Grade-4 families for measurement and data, and geometry (4.MD, 4.G).

Stems are short sentences a nine-year-old reads. Where the standard is about a picture the
item draws one (a labelled rectangle, a line plot of fraction lengths, a protractor on an
angle, angles side by side) that labels only numbers the question has. Each family's
`expected` reads the numbers back from the question alone and works the key out again.
"""

from __future__ import annotations

import re
from fractions import Fraction
from random import Random
from typing import Any

import sympy

from edugen.content.cores import ItemCore
from edugen.content.families.base import Answer, Draft, Family, question_part
from edugen.content.families.common import fmt
from edugen.content.figures import dot_plot
from edugen.content.figures.grade4_figs import labelled_angles, protractor, rectangle

Wrong = list[tuple[Answer | None, str]]
F = Fraction
NAMES = ("Maya", "Ben", "Ana", "Leo", "Priya", "Sam", "Noor", "Kofi", "Elena", "Tom", "Mia", "Jay")


def _ints(text: str) -> list[int]:
    return [int(v) for v in re.findall(r"\d+", text)]


def _value(text: str) -> Any:
    return sum((sympy.Rational(F(p)) for p in text.split()), sympy.Integer(0))


# --- 4.MD.A.1: larger units in terms of smaller ones --------------------------------------------

# (larger unit, smaller unit, how many smaller in one larger, a wrong factor students use)
UNITS = (
    ("kilometers", "meters", 1000, 100),
    ("meters", "centimeters", 100, 1000),
    ("kilograms", "grams", 1000, 100),
    ("pounds", "ounces", 16, 12),
    ("liters", "milliliters", 1000, 100),
    ("hours", "minutes", 60, 100),
    ("minutes", "seconds", 60, 100),
    ("feet", "inches", 12, 10),
    ("yards", "feet", 3, 12),
)


class UnitConversion(Family):
    """Expressing a measurement in a larger unit in a smaller one (km, m, cm; kg, g; lb, oz;
    l, ml; hr, min, sec; yd, ft, in). Tiers: whole larger units; a larger unit and some smaller
    ones; how much more one amount is than another; larger amounts; how many equal pieces fit."""

    name = "smaller_unit_conversion"
    topic = "4.MD.A.1"
    context_hint = "lengths, masses, volumes and times in everyday units"
    strategy = (
        "Find how many of the smaller unit make each of the larger unit, then multiply by the "
        "number of larger units."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        big, small, k, bad = rng.choice(UNITS)
        n = rng.randint(2, 10) if tier in (1, 2, 3) else rng.randint(11, 40)
        one_big = big[:-1] if not big.endswith("feet") else "foot"
        if tier in (1, 4) and rng.random() < (1 if tier == 1 else 0.5):
            return Draft(
                question=f"How many {small} are in {n} {big}?",
                answer=F(n * k),
                solution=[f"One {one_big.rstrip('s')} is {k} {small}.", f"Multiply {n} × {k}."],
                wrong=[
                    (F(n * bad), f"thought one {one_big} is {bad} {small}"),
                    (F(n + k), "added instead of multiplying"),
                    (F(n * k * 10), "wrote one zero too many"),
                    (F(k), f"gave the {small} in one {one_big} only"),
                ],
            )
        if tier in (2, 4):
            m = rng.randint(1, k - 1)
            return Draft(
                question=f"How many {small} are in {n} {big} {m} {small}?",
                answer=F(n * k + m),
                solution=[f"{n} {big} is {n} × {k} {small}.", f"Add the {m} {small}."],
                wrong=[
                    (F(n * k), f"left out the {m} {small}"),
                    (F(n * bad + m), f"thought one {one_big} is {bad} {small}"),
                    (F(n + m), "added the numbers without changing units"),
                    (F(n * k - m), f"took away the {m} {small}"),
                ],
            )
        if tier == 3:
            m = rng.randint(1, n * k - 1)
            while m % k == 0:
                m = rng.randint(1, n * k - 1)
            return Draft(
                question=f"A jar holds {n} {big}. A cup holds {m} {small}. How many more "
                f"{small} does the jar hold?"
                if big == "liters"
                else f"One path is {n} {big} long. Another is {m} {small} long. How many "
                f"{small} longer is the first path?"
                if big in ("kilometers", "meters", "feet", "yards")
                else f"One box has a mass of {n} {big}. Another has {m} {small}. How many "
                f"{small} more is the first box?"
                if big in ("kilograms", "pounds")
                else f"One game lasts {n} {big}. Another lasts {m} {small}. How many {small} "
                "longer is the first game?",
                answer=F(n * k - m),
                solution=[f"{n} {big} is {n * k} {small}.", f"{n * k} - {m}."],
                wrong=[
                    (
                        F(n * bad - m) if n * bad > m else F(n * k + m),
                        f"thought one {one_big} is {bad} {small}"
                        if n * bad > m
                        else "added instead of subtracting",
                    ),
                    (F(m - n) if m > n else None, "subtracted without changing units"),
                    (F(n * k + m), "added instead of subtracting"),
                    (F(n * k), "gave the first amount in the smaller unit"),
                    (F(n * k - m + k), f"took one {one_big} too few"),
                ],
            )
        pieces = [d for d in range(2, k * n) if (n * k) % d == 0 and d % k]
        while not pieces:
            n += 1
            pieces = [d for d in range(2, k * n) if (n * k) % d == 0 and d % k]
        piece = rng.choice(pieces)
        return Draft(
            question=f"A rope is {n} {big} long. It is cut into pieces that are each {piece} "
            f"{small} long. How many pieces are there?"
            if big in ("kilometers", "meters", "feet", "yards")
            else f"{n} {big} is split into equal parts of {piece} {small} each. How many "
            "parts are there?",
            answer=F(n * k, piece),
            solution=[f"{n} {big} is {n * k} {small}.", f"Divide by {piece}."],
            wrong=[
                (
                    F(n * bad, piece) if (n * bad) % piece == 0 else None,
                    f"thought one {one_big} is {bad} {small}",
                ),
                (F(n * piece), "multiplied instead of dividing"),
                (
                    F(k, piece) if k % piece == 0 else F(n * k - piece),
                    f"divided one {one_big} only"
                    if k % piece == 0
                    else "subtracted instead of dividing",
                ),
                (F(n * k, piece) + 1, "counted the cuts and one more"),
                (F(n * k, piece) - 1, "counted the cuts, not the pieces"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        t = core.question
        factor = {big: k for big, _, k, _ in UNITS}
        small_of = {big: small for big, small, _, _ in UNITS}
        amounts = re.findall(r"(\d+) ([a-z]+)", t)
        first_n, first_unit = int(amounts[0][0]), amounts[0][1]
        if t.startswith("How many"):
            unit = question_part(t, r"in \d+ ([a-z]+)")[0]
            rest = int(amounts[1][0]) if len(amounts) > 1 else 0
            return sympy.Integer(first_n * factor[unit] + rest)
        total = first_n * factor[first_unit]
        second = int(amounts[1][0])
        assert amounts[1][1] == small_of[first_unit]
        if "pieces" in t or "parts" in t:
            return sympy.Rational(total, second)
        return sympy.Integer(total - second)


# --- 4.MD.A.2: measurement word problems ------------------------------------------------------


def _clock(minutes: int) -> str:
    hour = (minutes // 60 - 1) % 12 + 1
    return f"{hour}:{minutes % 60:02d}"


class MeasurementStories(Family):
    """Word problems with money, time, liquid volume, mass and distance. Tiers: change in
    cents; minutes from one clock time to another; grams left from kilograms; distance as a
    fraction of a mile times days; change in dollars and cents."""

    name = "measurement_stories"
    topic = "4.MD.A.2"
    context_hint = "shopping, practice times, cooking and walking"
    strategy = (
        "Put every amount in the same unit first, then decide which operation each step of "
        "the story needs."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        who = rng.choice(NAMES)
        if tier == 1:
            price, count = rng.randint(11, 95), rng.randint(2, 5)
            while price % 5 == 0 and price % 10 == 0:
                price = rng.randint(11, 95)
            paid = next(d for d in (1, 2, 5, 10) if d * 100 > price * count)
            thing = rng.choice(("pencils", "erasers", "stickers", "apples"))
            cost = price * count
            return Draft(
                question=f"One of the {thing} costs {price} cents. {who} buys {count} {thing} "
                f"and pays with {paid} {'dollar' if paid == 1 else 'dollars'}. How many cents "
                "of change does {who} get?".replace("{who}", who),
                answer=F(paid * 100 - cost),
                solution=[
                    f"{count} × {price} = {cost} cents.",
                    f"{paid} dollars is {paid * 100} cents.",
                ],
                wrong=[
                    (F(paid * 100 - price), f"paid for only one of the {thing}"),
                    (F(cost), "gave the cost, not the change"),
                    (
                        F(paid * 10 - cost) if paid * 10 > cost else F(paid * 100 + cost),
                        "thought a dollar is ten cents"
                        if paid * 10 > cost
                        else "added instead of subtracting",
                    ),
                    (F(paid * 100 - cost - 10), "took away ten cents too many"),
                ],
            )
        if tier == 2:
            start = rng.randint(7 * 60, 16 * 60)
            long = rng.randint(35, 170)
            while (start % 60) + (long % 60) < 60 or long % 60 == 0:
                start, long = rng.randint(7 * 60, 16 * 60), rng.randint(35, 170)
            end = start + long
            what = rng.choice(("Soccer practice", "A movie", "A bus ride", "A piano lesson"))
            t0, t1 = _clock(start), _clock(end)
            digits = int(t1.replace(":", "")) - int(t0.replace(":", ""))
            return Draft(
                question=f"{what} starts at {t0} and ends at {t1}. How many minutes long is it?",
                answer=F(long),
                solution=[f"Count on from {t0} to the next hour, then to {t1}."],
                wrong=[
                    (F(digits) if digits > 0 else None, "subtracted the times like whole numbers"),
                    (F(long % 60), "left out the whole hours"),
                    (F(long // 60 * 100 + long % 60), "wrote the hours and minutes as one number"),
                    (F(long + 60), "counted one hour too many"),
                    (F(long - 60) if long > 60 else None, "counted one hour too few"),
                ],
            )
        if tier == 3:
            kg = rng.randint(2, 9)
            used = rng.randint(105, 995)
            while used % 10 == 0:
                used = rng.randint(105, 995)
            what = rng.choice(("rice", "flour", "sugar", "clay"))
            return Draft(
                question=f"A bag holds {kg} kilograms of {what}. {who} uses {used} grams. How "
                f"many grams of {what} are left?",
                answer=F(kg * 1000 - used),
                solution=[f"{kg} kilograms is {kg * 1000} grams.", f"{kg * 1000} - {used}."],
                wrong=[
                    (F(kg * 1000 + used), "added instead of subtracting"),
                    (
                        F(kg * 100 - used) if kg * 100 > used else F(1000 - used),
                        "thought a kilogram is 100 grams"
                        if kg * 100 > used
                        else "took the grams from one kilogram only",
                    ),
                    (F(1000 - used), "took the grams from one kilogram only"),
                    (F(kg * 1000 - used - 100), "took one hundred too many when regrouping"),
                ],
            )
        if tier == 4:
            b = rng.choice((2, 4, 8, 10))
            a = rng.randint(1, b - 1)
            days = rng.randint(3, 9)
            total = F(a * days, b)
            while total.denominator == 1:
                days += 1
                total = F(a * days, b)
            return Draft(
                question=f"{who} walks {a}/{b} mile each day. How many miles does {who} walk in "
                f"{days} days?",
                answer=total,
                solution=[f"{days} groups of {a}/{b}.", f"{days} × {a}/{b} = {a * days}/{b}."],
                wrong=[
                    (F(a * days, b * days), "multiplied the top and the bottom"),
                    (F(a + days, b), "added the days to the numerator"),
                    (F(a * days), "left out the denominator"),
                    (F(a, b), "gave one day's walk"),
                ],
            )
        price = rng.randint(105, 895)
        count = rng.randint(2, 4)
        paid = next(d for d in (10, 20, 50) if d * 100 > price * count)
        while (paid * 100 - price * count) % 10 == 0 or price % 10 == 0:
            price = rng.randint(105, 895)
            paid = next(d for d in (10, 20, 50) if d * 100 > price * count)
        spent = F(price * count, 100)
        each = fmt(F(price, 100), "decimal")
        return Draft(
            question=f"A book costs {each} dollars. {who} buys {count} books and pays with "
            f"{paid} dollars. How many dollars of change does {who} get?",
            answer=paid - spent,
            style="decimal",
            solution=[
                f"{count} × {each} = {fmt(spent, 'decimal')}.",
                f"{paid} - {fmt(spent, 'decimal')}.",
            ],
            wrong=[
                (paid - F(price, 100), "paid for only one book"),
                (spent, "gave the spent, not the change"),
                (
                    paid - F(price // 100 * count) - F(price % 100, 100),
                    "multiplied only the dollars",
                ),
                (paid - spent - F(1, 10), "took ten cents too many"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        t = core.question
        if "starts at" in t:
            (h1, m1), (h2, m2) = re.findall(r"(\d+):(\d+)", t)
            start, end = int(h1) * 60 + int(m1), int(h2) * 60 + int(m2)
            return sympy.Integer((end - start) % (12 * 60))
        if "cents" in t:
            price, count, paid = _ints(t)
            return sympy.Integer(paid * 100 - price * count)
        if "kilograms" in t:
            kg, grams = _ints(t)
            return sympy.Integer(kg * 1000 - grams)
        if "mile each day" in t:
            part, days = question_part(t, r"walks (\S+) mile .+ in (\d+) days")
            return _value(part) * int(days)
        each, many, given = question_part(
            t,
            r"costs (\S+) dollars\. .+ buys (\d+) .+ with "
            r"(\d+) dollars",
        )
        return int(given) - _value(each) * int(many)


# --- 4.MD.A.3: area and perimeter of rectangles ------------------------------------------------

LENGTH_UNITS = (("feet", "ft"), ("meters", "m"), ("yards", "yd"), ("inches", "in"))


class RectangleAreaPerimeter(Family):
    """Area and perimeter formulas for rectangles, with the rectangle drawn. Tiers: the area;
    the perimeter; a missing side from the area; a missing side from the perimeter; the cost
    of a fence around a garden."""

    name = "rectangle_area_perimeter"
    topic = "4.MD.A.3"
    context_hint = "gardens, rugs, rooms, picture frames and fences"
    strategy = (
        "Area counts the unit squares inside: length times width. Perimeter is the distance "
        "around: add the lengths of every side."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        word, short = rng.choice(LENGTH_UNITS)
        ln, w = rng.randint(3, 15), rng.randint(2, 12)
        while ln == w:
            w = rng.randint(2, 12)
        area, per = ln * w, 2 * (ln + w)
        if tier == 1:
            return Draft(
                question=f"A rectangle is {ln} {word} long and {w} {word} wide. What is its "
                f"area in square {word}?",
                answer=F(area),
                solution=["Area = length × width.", f"{ln} × {w}."],
                wrong=[
                    (F(per), "found the perimeter instead"),
                    (F(ln + w), "added the length and width"),
                    (F(2 * ln * w), "doubled the area"),
                    (F(ln + w + ln), "added three sides"),
                ],
                figure=rectangle(str(ln), str(w), unit=short),
            )
        if tier == 2:
            return Draft(
                question=f"A rectangle is {ln} {word} long and {w} {word} wide. What is its "
                f"perimeter in {word}?",
                answer=F(per),
                solution=["Perimeter = length + width + length + width.", f"2 × ({ln} + {w})."],
                wrong=[
                    (F(area), "found the area instead"),
                    (F(ln + w), "added only two sides"),
                    (F(2 * ln + w), "added only three sides"),
                    (F(4 * ln), "used the length for all four sides"),
                ],
                figure=rectangle(str(ln), str(w), unit=short),
            )
        if tier == 3:
            return Draft(
                question=f"A rectangle has an area of {area} square {word}. Its width is {w} "
                f"{word}. What is its length in {word}?",
                answer=F(ln),
                solution=["Area = length × width.", f"{area} = □ × {w}, so divide."],
                wrong=[
                    (F(area - w), "subtracted the width from the area"),
                    (
                        F(area // 2 - w) if area % 2 == 0 and area // 2 > w else F(area * w),
                        "used the area as if it were the perimeter"
                        if area % 2 == 0 and area // 2 > w
                        else "multiplied instead of dividing",
                    ),
                    (F(area * w), "multiplied instead of dividing"),
                    (F(ln + 1), "counted one row too many"),
                ],
                figure=rectangle("?", str(w), unit=short),
            )
        if tier == 4:
            return Draft(
                question=f"A rectangle has a perimeter of {per} {word}. Its width is {w} "
                f"{word}. What is its length in {word}?",
                answer=F(ln),
                solution=[
                    f"Two widths: 2 × {w} = {2 * w}.",
                    f"The two lengths: {per} - {2 * w}, then halve it.",
                ],
                wrong=[
                    (F(per - 2 * w), "forgot to halve for the two lengths"),
                    (F(per - w), "took away only one width"),
                    (
                        F(per, w) if per % w == 0 else F(per // 2),
                        "divided as if the perimeter were the area"
                        if per % w == 0
                        else "halved the perimeter only",
                    ),
                    (F(per // 2), "halved the perimeter only"),
                ],
                figure=rectangle("?", str(w), unit=short),
            )
        cost = rng.randint(2, 9)
        return Draft(
            question=f"A garden is {ln} feet long and {w} feet wide. A fence goes all the way "
            f"around it. The fence costs {cost} dollars for each foot. How many dollars does "
            "the fence cost?",
            answer=F(per * cost),
            solution=[f"The perimeter is 2 × ({ln} + {w}) = {per} feet.", f"{per} × {cost}."],
            wrong=[
                (F(area * cost), "used the area instead of the perimeter"),
                (F((ln + w) * cost), "fenced only two sides"),
                (F(per), "gave the feet of fence, not its cost"),
                (F(per + cost), "added the cost instead of multiplying"),
            ],
            figure=rectangle(str(ln), str(w), unit="ft"),
        )

    def expected(self, core: ItemCore) -> Any:
        t = core.question
        n = _ints(t)
        if "costs" in t:
            length, width, cost = n
            return sympy.Integer(2 * (length + width) * cost)
        if "area of" in t:
            return sympy.Rational(n[0], n[1])
        if "perimeter of" in t:
            return sympy.Rational(n[0] - 2 * n[1], 2)
        length, width = n
        return sympy.Integer(length * width if "area" in t else 2 * (length + width))


# --- 4.MD.B.4: line plots of measurements in fractions of a unit -----------------------------

# (what was measured, unit, plural unit)
MEASURED = (
    ("beetles", "inch", "inches"),
    ("pencils", "foot", "feet"),
    ("leaves", "inch", "inches"),
    ("shells", "inch", "inches"),
    ("ribbons", "yard", "yards"),
    ("worms", "inch", "inches"),
)


class FractionLinePlot(Family):
    """A line plot of measurements in halves, quarters and eighths of a unit, and problems
    about it. Tiers: how many have one length; the longest minus the shortest; the total of
    those at one length; the total of all; how much longer the two longest are together than
    the two shortest."""

    name = "fraction_line_plot"
    topic = "4.MD.B.4"
    context_hint = "a class measuring bugs, leaves or pencils to the nearest eighth"
    strategy = (
        "Read each dot as a measurement. Add or subtract the fractions by writing them with the "
        "same denominator first."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        what, unit, units = rng.choice(MEASURED)
        who = rng.choice(NAMES)
        count = rng.randint(6, 9)
        choices = [F(k, 8) for k in range(1, 8)] if tier != 1 else [F(k, 4) for k in (1, 2, 3)]
        while True:
            data = [rng.choice(choices) for _ in range(count)]
            if len(set(data)) >= 3:
                break
        listed = ", ".join(fmt(v) for v in data)
        head = (
            f"{who} measured {count} {what} in {units}: {listed}. The line plot shows the lengths."
        )
        figure = dot_plot(data, low=0, high=1, step=F(1, 8), unit=units, show=fmt)
        ordered = sorted(data)
        if tier == 1:
            pick = rng.choice(sorted(set(data)))
            many = data.count(pick)
            return Draft(
                question=f"{head} How many {what} are {fmt(pick)} {unit} long?",
                answer=F(many),
                solution=[f"Count the dots above {fmt(pick)}."],
                wrong=[
                    (F(count - many), f"counted the {what} of other lengths"),
                    (F(many + 1), "counted one dot too many"),
                    (F(count), f"counted all the {what}"),
                    (
                        F(many - 1) if many > 1 else F(many + 2),
                        "missed a dot" if many > 1 else "counted two dots too many",
                    ),
                ],
                figure=figure,
            )
        if tier == 2:
            high, low = ordered[-1], ordered[0]
            return Draft(
                question=f"{head} How much longer is the longest than the shortest, in {units}?",
                answer=high - low,
                solution=[
                    f"The longest is {fmt(high)} and the shortest is {fmt(low)}.",
                    "Write both in eighths and subtract.",
                ],
                wrong=[
                    (high + low, "added instead of subtracting"),
                    (
                        F(
                            high.numerator - low.numerator,
                            abs(high.denominator - low.denominator) or high.denominator,
                        ),
                        "subtracted the tops and the bottoms",
                    ),
                    (
                        ordered[-1] - ordered[1] if ordered[1] != low else high - F(1, 8),
                        "used the second shortest",
                    ),
                    (high, "gave the longest length"),
                ],
                figure=figure,
            )
        if tier == 3:
            pick = max(set(data), key=lambda v: (data.count(v), v))
            many = data.count(pick)
            return Draft(
                question=f"{head} The {what} that are {fmt(pick)} {unit} long are put end to "
                f"end. How many {units} long is the line they make?",
                answer=many * pick,
                solution=[f"There are {many} dots above {fmt(pick)}.", f"{many} × {fmt(pick)}."],
                wrong=[
                    (pick, f"gave the length of one of the {what}"),
                    (F(many), f"counted the {what}"),
                    (
                        F(many * pick.numerator, many * pick.denominator) + F(1, 8),
                        "added one eighth too many",
                    ),
                    (sum(data, F(0)), f"added all the {what}"),
                ],
                figure=figure,
            )
        if tier == 4:
            total = sum(data, F(0))
            return Draft(
                question=f"{head} All the {what} are put end to end. How many {units} long is "
                "the line they make?",
                answer=total,
                solution=["Write each length in eighths.", "Add the eighths."],
                wrong=[
                    (sum(set(data), F(0)), "added each length only once"),
                    (total - ordered[0], "left out one of them"),
                    (F(sum(v.numerator for v in data), 8), "added the numerators as eighths"),
                    (total + F(1, 8), "added one eighth too many"),
                ],
                figure=figure,
            )
        top2, low2 = ordered[-1] + ordered[-2], ordered[0] + ordered[1]
        return Draft(
            question=f"{head} How much longer are the two longest together than the two "
            f"shortest together, in {units}?",
            answer=top2 - low2,
            solution=[
                f"The two longest: {fmt(ordered[-1])} + {fmt(ordered[-2])}.",
                f"The two shortest: {fmt(ordered[0])} + {fmt(ordered[1])}.",
            ],
            wrong=[
                (ordered[-1] - ordered[0], "used only the longest and the shortest"),
                (top2 + low2, "added instead of subtracting"),
                (top2, "gave the two longest together"),
                (top2 - low2 + F(1, 8), "added one eighth too many"),
            ],
            figure=figure,
        )

    def expected(self, core: ItemCore) -> Any:
        t = core.question
        data = [_value(v) for v in question_part(t, r": (.+?)\. The line")[0].split(", ")]
        ordered = sorted(data)
        if "How many" in t and "long?" in t:
            pick = _value(question_part(t, r"are (\S+) \w+ long\?")[0])
            return sympy.Integer(data.count(pick))
        if "longest than the shortest" in t:
            return ordered[-1] - ordered[0]
        if "two longest" in t:
            return ordered[-1] + ordered[-2] - ordered[0] - ordered[1]
        if "All the" in t:
            return sum(data)
        pick = _value(question_part(t, r"that are (\S+) \w+ long")[0])
        return pick * data.count(pick)


# --- 4.MD.C.5: what an angle measures -------------------------------------------------------------


class ClockTurn(Family):
    """An angle as the turn of a clock's hand about its centre: each number on the face is a
    twelfth of a full turn (30 degrees), each minute or second 6 degrees. Tiers: the minute or
    hour hand turning one to five numbers; six to eleven numbers; the minute or second hand
    turning for some minutes or seconds; from one time to a later one in the same hour; where
    the hand points after a turn."""

    name = "clock_turn"
    topic = "4.MD.C.5"
    kinds = ("multiple_choice", "numeric")
    context_hint = "the minute hand of a clock turning about its centre"
    strategy = (
        "A full turn of the minute hand is a full circle. Find what part of the circle the "
        "hand turns through and take that part of the degrees in a circle."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        start = rng.randint(1, 12)
        if tier in (1, 2):
            steps = rng.randint(1, 5) if tier == 1 else rng.randint(6, 11)
            end = (start + steps - 1) % 12 + 1
            return Draft(
                question=f"A clock's {rng.choice(('minute', 'hour'))} hand turns from the "
                f"{start} to the {end}. Through how many degrees does it turn?",
                answer=F(30 * steps),
                solution=[
                    "A full turn is 360 degrees, and the 12 numbers split it into 12 equal parts.",
                    f"The hand passes {steps} parts of 30 degrees.",
                ],
                wrong=[
                    (F(5 * steps), "counted five for each number, like minutes"),
                    (F(30 * (steps + 1)), "counted the number it started on"),
                    (F(360 - 30 * steps), "measured the turn the other way around"),
                    (F(36 * steps), "split the circle into ten parts"),
                ],
            )
        if tier == 3:
            minutes = rng.randint(1, 59)
            while minutes % 5 == 0:
                minutes = rng.randint(1, 59)
            hand, unit = rng.choice((("minute", "minutes"), ("second", "seconds")))
            return Draft(
                question=f"A clock's {hand} hand turns for {minutes} {unit}. Through how many "
                "degrees does it turn?",
                answer=F(6 * minutes),
                solution=[
                    f"In 60 {unit} the hand makes a full turn of 360 degrees.",
                    f"So each {unit[:-1]} is 6 degrees.",
                ],
                wrong=[
                    (F(minutes), f"gave the {unit} as degrees"),
                    (F(30 * minutes), f"used 30 degrees for each {unit[:-1]}"),
                    (F(360 - 6 * minutes), "measured the turn the other way around"),
                    (F(5 * minutes), "used 5 degrees for each minute"),
                ],
            )
        if tier == 4:
            hour = rng.randint(1, 12)
            a, b = sorted(rng.sample(range(0, 60), 2))
            while b - a < 7:
                a, b = sorted(rng.sample(range(0, 60), 2))
            return Draft(
                question=f"A clock shows {hour}:{a:02d}. Later it shows {hour}:{b:02d}. "
                "Through how many degrees did the minute hand turn?",
                answer=F(6 * (b - a)),
                solution=[f"The minute hand moved {b} - {a} minutes.", "Each minute is 6 degrees."],
                wrong=[
                    (F(b - a), "gave the minutes as degrees"),
                    (F(30 * (b - a)), "used 30 degrees for each minute"),
                    (F(6 * b), "measured from the 12 instead of from the first time"),
                    (F(360 - 6 * (b - a)), "measured the turn the other way around"),
                ],
            )
        steps = rng.randint(2, 11)
        end = (start + steps - 1) % 12 + 1
        return Draft(
            question=f"A clock's minute hand points at the {start}. It turns {30 * steps} "
            "degrees the way clocks go. Which number does it point at now?",
            answer=F(end),
            solution=[
                "Each number is 30 degrees on from the one before.",
                f"{30 * steps} degrees is {steps} numbers.",
            ],
            wrong=[
                (F((start - steps - 1) % 12 + 1), "turned the wrong way"),
                (F(steps), "counted from the 12, not from where it started"),
                (F((start + steps) % 12 + 1), "counted the number it started on"),
                (
                    F((start + steps * 30 // 36 - 1) % 12 + 1)
                    if steps * 30 % 36 == 0
                    else F((start + steps - 2) % 12 + 1),
                    "counted one number too few",
                ),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        t = core.question
        n = _ints(t)
        if "Which number" in t:
            start, degrees = n[0], n[1]
            return sympy.Integer((start + degrees // 30 - 1) % 12 + 1)
        if "turns for" in t:
            return sympy.Integer(n[0]) * 360 / 60
        if "shows" in t:
            return sympy.Integer(n[3] - n[1]) * 360 / 60
        return sympy.Integer((n[1] - n[0]) % 12) * 360 / 12


# --- 4.MD.C.5.a: an angle as a fraction of a circle --------------------------------------------

PARTS = (2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 18, 20, 24, 36)


class AngleCircleFraction(Family):
    """An angle measured by the fraction of a circle its rays cut off. Tiers: a unit fraction
    of a circle, or some parts of a spinner cut into at most twelve; any fraction; a spinner
    cut into up to 36 equal parts; the fraction of a circle an angle turns through; two turns
    one after the other."""

    name = "angle_circle_fraction"
    topic = "4.MD.C.5.a"
    context_hint = "pizza slices, a spinner, a wheel turning"
    strategy = (
        "Find the fraction of the circle between the rays and take that fraction of the "
        "degrees in a full circle."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        n = rng.choice(PARTS)
        k = 1 if tier == 1 else rng.randint(1, n - 1)
        while tier > 1 and F(k, n).denominator != n:
            k = rng.randint(1, n - 1)
        if tier == 1 and rng.random() < 0.75:
            n = rng.choice([p for p in PARTS if p <= 12])
            k = rng.randint(1, n - 1)
            tier = 3
        deg = 360 * k // n
        if tier == 1:
            return Draft(
                question=f"An angle turns through 1/{n} of a circle. What is its measure in "
                "degrees?",
                answer=F(deg),
                solution=["A full turn is 360 degrees.", f"360 ÷ {n}."],
                wrong=[
                    (
                        F(100, n) if 100 % n == 0 else F(720, n),
                        "used 100 degrees for a full turn"
                        if 100 % n == 0
                        else "counted the turn twice",
                    ),
                    (F(180, n) if 180 % n == 0 else None, "used 180 degrees for a full turn"),
                    (F(n), "gave the number of parts"),
                    (F(360 - deg), "measured the rest of the circle"),
                ],
            )
        if tier == 2:
            return Draft(
                question=f"An angle turns through {k}/{n} of a circle. What is its measure in "
                "degrees?",
                answer=F(deg),
                solution=[f"1/{n} of a circle is 360 ÷ {n} degrees.", f"Take {k} of them."],
                wrong=[
                    (
                        F(180 * k, n) if (180 * k) % n == 0 else None,
                        "used 180 degrees for a full turn",
                    ),
                    (F(360, n), "found only one part"),
                    (F(360 - deg), "measured the rest of the circle"),
                    (
                        F(100 * k, n) if (100 * k) % n == 0 else F(k * n),
                        "used 100 degrees for a full turn"
                        if (100 * k) % n == 0
                        else "multiplied the top and bottom",
                    ),
                ],
            )
        if tier == 3:
            return Draft(
                question=f"A spinner is cut into {n} equal parts. An angle at its centre spans "
                f"{k} of the parts. What is the angle's measure in degrees?",
                answer=F(deg),
                solution=[f"Each part is 360 ÷ {n} degrees.", f"The angle spans {k} parts."],
                wrong=[
                    (F(360, n), "found only one part"),
                    (F(360 - deg), "measured the other parts"),
                    (
                        F(180 * k, n) if (180 * k) % n == 0 else F(k),
                        "used 180 degrees for a full turn"
                        if (180 * k) % n == 0
                        else "gave the number of parts",
                    ),
                    (F(k * n), "multiplied the numbers"),
                ],
            )
        if tier == 4:
            return Draft(
                question=f"An angle measures {deg} degrees. What fraction of a circle does it "
                "turn through?",
                answer=F(k, n),
                solution=["A full turn is 360 degrees.", f"{deg} out of 360."],
                wrong=[
                    (F(deg, 180), "used 180 degrees for a full turn"),
                    (F(deg, 100), "used 100 degrees for a full turn"),
                    (F(360 - deg, 360), "found the rest of the circle"),
                    (
                        F(360, deg) if deg and 360 % deg else F(1, n + 1),
                        "divided the circle by the angle"
                        if deg and 360 % deg
                        else "counted one part too many",
                    ),
                ],
            )
        n = rng.choice(PARTS[2:])
        k = rng.randint(1, n - 2)
        m = rng.randint(1, n - 1 - k)
        total = 360 * (k + m) // n
        return Draft(
            question=f"A wheel turns through {fmt(F(k, n))} of a circle. Then it turns "
            f"{fmt(F(m, n))} of a circle more. How many degrees does it turn in all?",
            answer=F(total),
            solution=[
                f"{fmt(F(k, n))} + {fmt(F(m, n))} of a circle.",
                "Take that fraction of 360 degrees.",
            ],
            wrong=[
                (F(360 * k, n), "counted only the first turn"),
                (F(360 * (k + m), 2 * n), "added the denominators too"),
                (
                    F(180 * (k + m), n) if (180 * (k + m)) % n == 0 else F(360 - total),
                    "used 180 degrees for a full turn"
                    if (180 * (k + m)) % n == 0
                    else "measured the rest of the circle",
                ),
                (F(360 - total), "measured the rest of the circle"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        t = core.question
        if "What fraction" in t:
            return sympy.Rational(_ints(t)[0], 360)
        if "equal parts" in t:
            parts, spans = _ints(t)
            return sympy.Rational(360 * spans, parts)
        fractions = re.findall(r"\d+/\d+", t)
        return 360 * sum((_value(f) for f in fractions), sympy.Integer(0))


# --- 4.MD.C.5.b: degrees as counts of one-degree angles -----------------------------------------


class OneDegreeAngles(Family):
    """An angle that turns through n one-degree angles measures n degrees. Tiers: how many
    degrees n one-degree angles make; two runs of one-degree angles; how many more than a
    right angle; how many one-degree angles make a fraction of a turn; a fan blade turning a
    few degrees each second."""

    name = "one_degree_angles"
    topic = "4.MD.C.5.b"
    context_hint = "tiny one-degree turns that add up to a bigger angle"
    strategy = (
        "Each tiny turn of a single degree adds a degree to the measure, so count or add "
        "the tiny turns."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier == 1:
            n = rng.randint(5, 175)
            return Draft(
                question=f"An angle turns through {n} one-degree angles. What is its measure "
                "in degrees?",
                answer=F(n),
                solution=[
                    "Each one-degree angle is one degree.",
                    f"So {n} of them make the angle.",
                ],
                wrong=[
                    (F(180 - n), "measured the rest of a straight angle"),
                    (F(360 - n), "measured the rest of a full turn"),
                    (F(n + 1), "counted one ray as an extra degree"),
                ],
            )
        if tier == 2:
            a, b = rng.randint(10, 90), rng.randint(10, 85)
            return Draft(
                question=f"An angle turns through {a} one-degree angles and then {b} more. "
                "What is its measure in degrees?",
                answer=F(a + b),
                solution=[f"{a} + {b} one-degree angles."],
                wrong=[
                    (F(abs(a - b)) if a != b else F(a), "subtracted instead of adding"),
                    (F(a), "counted only the first turn"),
                    (F(180 - a - b), "measured the rest of a straight angle"),
                    (F(a + b + 1), "counted one degree too many"),
                ],
            )
        if tier == 3:
            n = rng.randint(95, 178)
            return Draft(
                question=f"An angle measures {n} degrees. How many more one-degree angles does "
                "it turn through than a right angle?",
                answer=F(n - 90),
                solution=["A right angle is 90 one-degree angles.", f"{n} - 90."],
                wrong=[
                    (F(180 - n), "compared with a straight angle"),
                    (F(n - 100), "used 100 for a right angle"),
                    (F(n + 90), "added instead of subtracting"),
                    (F(n), "gave the whole angle"),
                ],
            )
        if tier == 4:
            n = rng.choice(PARTS)
            k = rng.randint(1, n - 1)
            while F(k, n).denominator != n:
                k = rng.randint(1, n - 1)
            return Draft(
                question=f"How many one-degree angles make {k}/{n} of a full turn?",
                answer=F(360 * k, n),
                solution=["A full turn is 360 one-degree angles.", f"Take {k}/{n} of 360."],
                wrong=[
                    (
                        F(180 * k, n) if (180 * k) % n == 0 else F(k * n),
                        "used 180 for a full turn"
                        if (180 * k) % n == 0
                        else "multiplied the top and bottom",
                    ),
                    (F(360, n), "found only one part"),
                    (F(360 - 360 * k // n), "found the rest of the turn"),
                    (
                        F(100 * k, n) if (100 * k) % n == 0 else F(360 * k // n + 1),
                        "used 100 for a full turn"
                        if (100 * k) % n == 0
                        else "counted one degree too many",
                    ),
                ],
            )
        per, secs = rng.randint(2, 9), rng.randint(5, 30)
        return Draft(
            question=f"A fan blade turns {per} one-degree angles each second. How many degrees "
            f"does it turn in {secs} seconds?",
            answer=F(per * secs),
            solution=[f"Each second adds {per} degrees.", f"{secs} × {per}."],
            wrong=[
                (F(per + secs), "added instead of multiplying"),
                (F(secs), "counted one degree each second"),
                (F(per * (secs - 1)), "counted one second too few"),
                (
                    F(360 - per * secs) if per * secs < 360 else F(per * secs + per),
                    "measured the rest of a full turn"
                    if per * secs < 360
                    else "counted one second too many",
                ),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        t = core.question
        n = _ints(t)
        if "right angle" in t:
            return sympy.Integer(n[0] - 90)
        if "of a full turn" in t:
            return sympy.Rational(360 * n[0], n[1])
        if "each second" in t:
            return sympy.Integer(n[0] * n[1])
        return sympy.Integer(sum(n))


# --- 4.MD.C.6: measuring angles with a protractor -------------------------------------------------


class ProtractorReading(Family):
    """Reading an angle's measure off a protractor (drawn) whose centre is on the vertex, and
    where to draw a ray for a given measure. Tiers: one ray on zero of the outer or inner
    scale, the other on a five; on any whole degree; neither ray on zero, on fives; neither on
    zero, any whole degree; where the second ray goes."""

    name = "protractor_reading"
    topic = "4.MD.C.6"
    context_hint = "a protractor laid on an angle drawn on paper"
    strategy = (
        "Use the scale that starts at the first ray, or subtract the readings on the same "
        "scale. Check: is the angle smaller or larger than a right angle?"
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier in (1, 2):
            d = rng.randint(1, 35) * 5 if tier == 1 else rng.randint(3, 177)
            while d == 90 or (tier == 2 and d % 5 == 0):
                d = rng.randint(3, 177)
            scale, other = rng.choice((("outer", "inner"), ("inner", "outer")))
            step = 5 if tier == 1 else 1
            return Draft(
                question=f"A protractor's centre is on an angle's vertex. One ray passes 0 on "
                f"the {scale} scale. The other ray passes {d} on the {scale} scale and "
                f"{180 - d} on the {other} scale. What is the angle's measure in degrees?",
                answer=F(d),
                solution=[
                    "Use the scale that starts at 0 on the first ray.",
                    f"That is the {scale} scale.",
                ],
                wrong=[
                    (F(180 - d), f"read the {other} scale"),
                    (
                        F(d + step) if d + step < 180 else F(d - 2 * step),
                        "read the next mark" if d + step < 180 else "read two marks too few",
                    ),
                    (F(d - step), "read the mark before"),
                    (F(360 - d), "measured around the rest of a circle"),
                ],
                figure=protractor(0, d, scale=scale),
            )
        if tier in (3, 4):
            while True:
                a = rng.randint(2, 30) * 5 if tier == 3 else rng.randint(3, 150)
                b = rng.randint(a + 15, 178)
                if tier == 3:
                    b -= b % 5
                if b - a >= 10 and b - a != 90 and (tier == 3 or (a % 5 and b % 5)):
                    break
            return Draft(
                question=f"A protractor's centre is on an angle's vertex. One ray passes {a} "
                f"on the outer scale. The other ray passes {b} on the outer scale. What is the "
                "angle's measure in degrees?",
                answer=F(b - a),
                solution=["Neither ray is on 0.", f"Subtract the readings: {b} - {a}."],
                wrong=[
                    (F(b), "read the second ray as if the first were on 0"),
                    (
                        F(a + b) if a + b <= 180 else F(180 - a),
                        "added the two readings"
                        if a + b <= 180
                        else "read the first ray on the inner scale",
                    ),
                    (F(180 - (b - a)), "took the measure from a straight angle"),
                    (F(b - a + 10), "counted one mark too many"),
                ],
                figure=protractor(a, b),
            )
        a = rng.randrange(0, 100, 10)
        d = rng.randint(15, 170 - a)
        while d % 5 == 0 or d == 90:
            d = rng.randint(15, 170 - a)
        return Draft(
            question=f"{rng.choice(NAMES)} draws an angle of {d} degrees. One ray passes {a} on "
            "the outer scale of a protractor. The other ray goes past the first one. At what "
            "outer mark should it go?",
            answer=F(a + d),
            solution=[f"Count on {d} degrees from {a} on the same scale."],
            wrong=[
                (F(d), "put the ray at the angle's measure, not counting on from the first ray"),
                (
                    F(180 - d - a) if 180 - d - a != a + d else F(a + d + 10),
                    "used the inner scale" if 180 - d - a != a + d else "counted one mark too many",
                ),
                (F(a + d + 10), "counted one mark too many"),
                (
                    F(abs(d - a)) if d != a else F(a + d - 10),
                    "counted back instead of on" if d != a else "counted one mark too few",
                ),
            ],
            figure=protractor(a, None),
        )

    def expected(self, core: ItemCore) -> Any:
        t = core.question
        n = _ints(t)
        if "draws an angle" in t:
            return sympy.Integer(n[0] + n[1])
        first = n[0]
        second = n[1]
        return sympy.Integer(abs(second - first))


# --- 4.MD.C.7: angle measure is additive --------------------------------------------------------


class AngleAddition(Family):
    """An angle split into parts that do not overlap: the whole is the sum of the parts, and
    an unknown part is the whole minus the others (drawn). Tiers: the whole from two parts;
    a part of a right angle; a part of a straight angle; the third part of a whole; the last
    angle around a point."""

    name = "angle_addition"
    topic = "4.MD.C.7"
    context_hint = "angles that fit together, such as slices of a pie or the hands of a clock"
    strategy = (
        "The parts add up to the whole angle. Add the parts, or take the known parts away "
        "from the whole to find the missing part."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier == 1:
            a, b = rng.randint(15, 85), rng.randint(15, 85)
            return Draft(
                question=f"An angle is split into two angles that do not overlap. They measure "
                f"{a} degrees and {b} degrees. What is the measure of the whole angle in degrees?",
                answer=F(a + b),
                solution=["The whole is the sum of the parts.", f"{a} + {b}."],
                wrong=[
                    (F(abs(a - b)) if a != b else F(a), "subtracted instead of adding"),
                    (F(180 - a - b), "took the parts away from a straight angle"),
                    (F(a + b + 10), "added ten too many"),
                    (F(max(a, b)), "gave the larger part"),
                ],
                figure=labelled_angles([(a, f"{a}°"), (b, f"{b}°")], "?"),
            )
        if tier in (2, 3):
            whole = 90 if tier == 2 else 180
            a = rng.randint(5, whole - 5)
            name = "a right angle" if tier == 2 else "a straight angle"
            other = 180 if tier == 2 else 90
            return Draft(
                question=f"A right angle is split into two angles. One is {a} degrees. What is "
                "the other in degrees?"
                if tier == 2
                else f"Two angles together make a straight line. One is {a} degrees. What is "
                "the other in degrees?",
                answer=F(whole - a),
                solution=[f"{name.capitalize()} is {whole} degrees.", f"{whole} - {a}."],
                wrong=[
                    (
                        F(other - a) if other > a else F(other + a),
                        f"thought {name} is {other} degrees",
                    ),
                    (F(100 - a) if a < 100 else None, "used 100 degrees for the whole"),
                    (F(whole + a), "added instead of subtracting"),
                    (F(whole - a - 10), "took away ten too many"),
                    (F(a), "gave the part that was given"),
                ],
                figure=labelled_angles([(a, f"{a}°"), (whole - a, "?")], None),
            )
        if tier == 4:
            whole = rng.randint(100, 175)
            a = rng.randint(15, whole // 3)
            b = rng.randint(15, whole - a - 15)
            c = whole - a - b
            return Draft(
                question=f"An angle of {whole} degrees is split into three angles. Two of them "
                f"are {a} degrees and {b} degrees. What is the third in degrees?",
                answer=F(c),
                solution=[f"The two known parts: {a} + {b} = {a + b}.", f"{whole} - {a + b}."],
                wrong=[
                    (F(whole - a), "took away only one part"),
                    (F(whole + a + b), "added all three angles"),
                    (F(180 - a - b), "used a straight angle for the whole"),
                    (
                        F(abs(whole - a - b - 10)) if c != 10 else F(c + 20),
                        "took away ten too many",
                    ),
                ],
                figure=labelled_angles([(a, f"{a}°"), (b, f"{b}°"), (c, "?")], f"{whole}°"),
            )
        a, b, c = rng.randint(50, 120), rng.randint(50, 120), rng.randint(50, 110)
        d = 360 - a - b - c
        return Draft(
            question=f"Four angles fit around a point with no gaps. Three of them are {a}, "
            f"{b} and {c} degrees. What is the fourth in degrees?",
            answer=F(d),
            solution=[
                "Angles all the way around a point make a full turn of 360 degrees.",
                f"360 - {a} - {b} - {c}.",
            ],
            wrong=[
                (
                    F(180 - a - b - c) if 180 > a + b + c else F(a + b + c - 180),
                    "used 180 degrees for the full turn",
                ),
                (F(a + b + c), "added the three angles"),
                (F(360 - a - b), "took away only two of the angles"),
                (F(d + 10), "took away ten too few"),
            ],
            figure=labelled_angles([(a, f"{a}°"), (b, f"{b}°"), (c, f"{c}°"), (d, "?")], None),
        )

    def expected(self, core: ItemCore) -> Any:
        t = core.question
        n = _ints(t)
        if "whole angle" in t:
            return sympy.Integer(n[0] + n[1])
        if "right angle" in t:
            return sympy.Integer(90 - n[0])
        if "straight line" in t:
            return sympy.Integer(180 - n[0])
        if "around a point" in t:
            return sympy.Integer(360 - sum(n))
        whole, *parts = n
        return sympy.Integer(whole - sum(parts))


# --- 4.G.A.1: points, lines, segments, rays, angles ---------------------------------------------


def _kind(angle: int) -> str:
    return "acute" if angle < 90 else "right" if angle == 90 else "obtuse"


class LinesRaysAngles(Family):
    """Lines, segments and rays, and right, acute and obtuse angles. Tiers: how many angles in
    a list are obtuse; how many are acute; how many endpoints some segments, rays and lines
    have; how many angles are right or obtuse; how many more acute angles than obtuse."""

    name = "lines_rays_angles"
    topic = "4.G.A.1"
    context_hint = "a drawing of lines, rays and angles"
    strategy = (
        "Compare each angle with a right angle, the square corner: smaller is acute, larger "
        "is obtuse. A segment ends at both ends, a ray at its start and a line never ends."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier == 3:
            seg, ray, line = rng.randint(1, 6), rng.randint(1, 6), rng.randint(1, 6)
            return Draft(
                question=f"A drawing has {seg} line segments, {ray} rays and {line} lines. How "
                "many endpoints do they have in all?",
                answer=F(2 * seg + ray),
                solution=[
                    "A segment has two endpoints, a ray one, a line none.",
                    f"{seg} × 2 + {ray} × 1.",
                ],
                wrong=[
                    (F(2 * (seg + ray + line)), "gave every figure two endpoints"),
                    (F(2 * seg + ray + 2 * line), "gave each line two endpoints"),
                    (F(2 * seg + 2 * ray), "gave each ray two endpoints"),
                    (F(seg + ray), "gave each segment one endpoint"),
                ],
            )
        count = rng.randint(5, 7)
        while True:
            angles = [
                rng.choice((rng.randint(10, 89), 90, rng.randint(91, 175))) for _ in range(count)
            ]
            kinds = [_kind(a) for a in angles]
            if len(set(angles)) == count and all(kinds.count(k) for k in ("acute", "obtuse")):
                break
        acute, right, obtuse = (kinds.count(k) for k in ("acute", "right", "obtuse"))
        listed = ", ".join(f"{a}°" for a in angles)
        head = f"Here are {count} angles: {listed}."
        if tier == 1:
            return Draft(
                question=f"{head} How many of them are obtuse?",
                answer=F(obtuse),
                solution=["An obtuse angle is more than 90 degrees and less than 180."],
                wrong=[
                    (F(acute), "counted the acute angles"),
                    (F(obtuse + right), "counted right angles as obtuse"),
                    (F(count - obtuse), "counted the angles that are not obtuse"),
                    (F(obtuse + 1), "counted one angle too many"),
                ],
            )
        if tier == 2:
            return Draft(
                question=f"{head} How many of them are acute?",
                answer=F(acute),
                solution=["An acute angle is less than 90 degrees."],
                wrong=[
                    (F(obtuse), "counted the obtuse angles"),
                    (F(acute + right), "counted right angles as acute"),
                    (F(count - acute), "counted the angles that are not acute"),
                    (F(acute + 1), "counted one angle too many"),
                ],
            )
        if tier == 4:
            return Draft(
                question=f"{head} How many of them are right or obtuse?",
                answer=F(right + obtuse),
                solution=["Right is exactly 90 degrees; obtuse is more than 90."],
                wrong=[
                    (F(obtuse), "left out the right angles"),
                    (F(acute), "counted the acute angles"),
                    (F(right), "counted only the right angles"),
                    (F(right + obtuse + 1), "counted one angle too many"),
                ],
            )
        diff = acute - obtuse
        return Draft(
            question=f"{head} How many acute and obtuse angles are there in all? Do not count "
            "right angles.",
            answer=F(acute + obtuse),
            solution=["Sort each angle: less than, equal to or more than 90 degrees."],
            wrong=[
                (F(count), "counted the right angles too"),
                (F(acute), "counted only the acute angles"),
                (F(obtuse), "counted only the obtuse angles"),
                (F(abs(diff)) if diff else F(acute + obtuse + 1), "found the difference"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        t = core.question
        if "endpoints" in t:
            seg, ray, _line = _ints(t)
            return sympy.Integer(2 * seg + ray)
        angles = [int(a) for a in re.findall(r"(\d+)°", t)]
        acute = sum(1 for a in angles if a < 90)
        right = sum(1 for a in angles if a == 90)
        obtuse = sum(1 for a in angles if 90 < a < 180)
        if "right or obtuse" in t:
            return sympy.Integer(right + obtuse)
        if "acute and obtuse" in t:
            return sympy.Integer(acute + obtuse)
        return sympy.Integer(obtuse if "obtuse?" in t else acute)


# --- 4.G.A.2: classifying shapes by parallel and perpendicular sides and angles ---------------

# name: (pairs of parallel sides, has a right angle)
SHAPES = {
    "square": (2, True),
    "rectangle": (2, True),
    "rhombus with no right angles": (2, False),
    "parallelogram with no right angles": (2, False),
    "trapezoid with no right angles": (1, False),
    "trapezoid with two right angles": (1, True),
    "right triangle": (0, True),
    "triangle with no right angle": (0, False),
    "regular hexagon": (3, False),
    "regular pentagon": (0, False),
    "kite with no right angles": (0, False),
}


class ClassifyShapes(Family):
    """Sorting shapes by parallel sides, perpendicular sides (right angles) and angle size,
    and picking out right triangles. Tiers: which triangle is a right triangle; how many shapes
    have a pair of parallel sides; how many have a right angle; how many have both; how many
    pairs of parallel sides in all."""

    name = "classify_shapes"
    topic = "4.G.A.2"
    context_hint = "shapes on a poster: squares, trapezoids, triangles, hexagons"
    strategy = (
        "Check each shape for sides that never meet (parallel) and for square corners, where "
        "sides are perpendicular. Then count the shapes that fit."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier == 1:
            right = rng.randint(20, 70)
            near = rng.randint(86, 89)
            near_rest = rng.randint(30, 180 - near - 30)
            wide = rng.randint(95, 130)
            wide_rest = rng.randint(20, 180 - wide - 20)
            acute = rng.randint(50, 80)
            acute_rest = rng.randint(180 - 2 * acute + 1, 85) if 180 - 2 * acute < 85 else 60
            tris = [
                (90, right, 90 - right),
                (near, near_rest, 180 - near - near_rest),
                (wide, wide_rest, 180 - wide - wide_rest),
                (acute, acute_rest, 180 - acute - acute_rest),
            ]
            if max(tris[3]) >= 90:
                tris[3] = (60, 60, 60)
            order = rng.sample(range(4), 4)
            listed = " ".join(
                f"Triangle {i + 1} has angles of {', '.join(str(a) for a in tris[k][:2])} and "
                f"{tris[k][2]} degrees."
                for i, k in enumerate(order)
            )
            label = {k: i + 1 for i, k in enumerate(order)}
            return Draft(
                question=f"{listed} Which triangle is a right triangle?",
                answer=F(label[0]),
                solution=["A right triangle has one angle of exactly 90 degrees."],
                wrong=[
                    (F(label[1]), "chose an angle close to 90 degrees"),
                    (F(label[2]), "thought a wide angle is a right angle"),
                    (F(label[3]), "chose the triangle whose angles look most even"),
                ],
            )
        names = rng.sample(sorted(SHAPES), rng.randint(5, 6))
        props = [SHAPES[n] for n in names]
        para = sum(1 for p, _ in props if p)
        perp = sum(1 for _, r in props if r)
        both = sum(1 for p, r in props if p and r)
        either = sum(1 for p, r in props if p or r)
        head = "Look at these shapes. " + " ".join(
            f"Shape {i + 1} is a {n}." for i, n in enumerate(names)
        )
        if tier == 2:
            return Draft(
                question=f"{head} How many of them have at least one pair of parallel sides?",
                answer=F(para),
                solution=["Parallel sides never meet, however far they go."],
                wrong=[
                    (F(perp), "counted the shapes with a right angle"),
                    (F(len(names) - para), "counted the shapes with no parallel sides"),
                    (F(both), "counted only shapes with right angles too"),
                    (F(either), "counted shapes with parallel sides or a right angle"),
                ],
            )
        if tier == 3:
            return Draft(
                question=f"{head} How many of them have at least one pair of perpendicular sides?",
                answer=F(perp),
                solution=["Perpendicular sides meet at a right angle, a square corner."],
                wrong=[
                    (F(para), "counted the shapes with parallel sides"),
                    (F(len(names) - perp), "counted the shapes with no right angle"),
                    (F(both), "counted only shapes with parallel sides too"),
                    (F(either), "counted shapes with parallel sides or a right angle"),
                ],
            )
        if tier == 4:
            return Draft(
                question=f"{head} How many of them have both a pair of parallel sides and a "
                "right angle?",
                answer=F(both),
                solution=["Check each shape for both things."],
                wrong=[
                    (F(either), "counted shapes with either one"),
                    (F(para), "counted only the parallel sides"),
                    (F(perp), "counted only the right angles"),
                    (F(len(names) - both), "counted the shapes that do not have both"),
                ],
            )
        pairs = sum(p for p, _ in props)
        return Draft(
            question=f"{head} How many pairs of parallel sides do they have in all?",
            answer=F(pairs),
            solution=["A square has two pairs of parallel sides; a trapezoid has one."],
            wrong=[
                (F(para), "counted shapes, not pairs of sides"),
                (F(2 * pairs), "counted each side, not each pair"),
                (
                    F(pairs - sum(1 for p, _ in props if p > 1)),
                    "counted one pair for every shape with parallel sides",
                ),
                (F(pairs + 1), "counted one pair too many"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        t = core.question
        if t.startswith("Triangle"):
            found = re.findall(r"Triangle (\d) has angles of (\d+), (\d+) and (\d+)", t)
            (right,) = [int(i) for i, *angles in found if "90" in angles]
            return sympy.Integer(right)
        names = re.findall(r"Shape \d+ is a ([a-z ]+)\.", t)
        props = [SHAPES[n] for n in names]
        if "pairs of parallel sides do" in t:
            return sympy.Integer(sum(p for p, _ in props))
        if "both" in t:
            return sympy.Integer(sum(1 for p, r in props if p and r))
        if "perpendicular" in t:
            return sympy.Integer(sum(1 for _, r in props if r))
        return sympy.Integer(sum(1 for p, _ in props if p))


# --- 4.G.A.3: lines of symmetry -----------------------------------------------------------------

# capital letters in plain block print and their lines of symmetry
LETTER_LINES = {c: 1 for c in "AMTUVWY"} | {c: 1 for c in "BCDE"} | {c: 2 for c in "HIX"}
LETTER_LINES |= {c: 0 for c in "FGJLNPQRSZ"}
DOWN = set("AMTUVWYHIX")  # letters with a line from top to bottom
SHAPE_LINES = {
    "square": 4,
    "rectangle that is not a square": 2,
    "triangle with three equal sides": 3,
    "triangle with just two equal sides": 1,
    "triangle with no equal sides": 0,
    "regular pentagon": 5,
    "regular hexagon": 6,
    "regular octagon": 8,
    "parallelogram with no right angles": 0,
    "rhombus that is not a square": 2,
    "kite": 1,
}


class LinesOfSymmetry(Family):
    """Lines of symmetry of letters and shapes: a fold line with matching halves. Tiers: how
    many letters have a line of symmetry; lines of two shapes in all; how many shapes have a
    line of symmetry; lines of several letters in all; lines of a regular polygon and another
    shape."""

    name = "lines_of_symmetry"
    topic = "4.G.A.3"
    context_hint = "capital letters on a sign, shapes cut from paper and folded"
    strategy = (
        "Imagine folding the letter or shape so the parts on each side match exactly. Try folds "
        "from top to bottom, side to side and corner to corner."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier in (1, 4):
            letters = rng.sample(sorted(LETTER_LINES), rng.randint(4, 6))
            listed = ", ".join(letters)
            some = sum(1 for c in letters if LETTER_LINES[c])
            lines = sum(LETTER_LINES[c] for c in letters)
            down = sum(1 for c in letters if c in DOWN)
            if tier == 1:
                return Draft(
                    question=f"Look at these capital letters: {listed}. How many of them have "
                    "a line of symmetry?",
                    answer=F(some),
                    solution=["Fold each letter in your mind: do the halves match?"],
                    wrong=[
                        (F(down), "tried only folds from top to bottom"),
                        (F(len(letters) - some), "counted the letters with no line"),
                        (F(lines), "counted every line, not every letter"),
                        (F(some + 1), "counted a letter that only turns onto itself"),
                    ],
                )
            return Draft(
                question=f"Look at these capital letters: {listed}. How many lines of symmetry "
                "do they have in all?",
                answer=F(lines),
                solution=["H, I and X each have two lines of symmetry."],
                wrong=[
                    (F(some), "counted letters, not lines"),
                    (F(down), "counted only lines from top to bottom"),
                    (F(lines + 1), "counted a letter that only turns onto itself"),
                    (F(lines - 1), "missed a line"),
                ],
            )
        shapes = sorted(SHAPE_LINES)
        if tier == 3:
            names = rng.sample(shapes, rng.randint(4, 5))
            some = sum(1 for n in names if SHAPE_LINES[n])
            shown = " ".join(f"Shape {i + 1} is a {n}." for i, n in enumerate(names))
            return Draft(
                question=f"Look at these shapes. {shown} How many of them have a line of symmetry?",
                answer=F(some),
                solution=["Only shapes with no fold into matching halves are left out."],
                wrong=[
                    (F(len(names)), "thought every shape has a line of symmetry"),
                    (F(sum(SHAPE_LINES[n] for n in names)), "counted every line"),
                    (F(len(names) - some), "counted the shapes with no line"),
                    (F(some - 1), "missed a shape"),
                ],
            )
        names = rng.sample(shapes, 2 if tier == 2 else 3)
        counts = [SHAPE_LINES[n] for n in names]
        said = (
            f"a {names[0]} and a {names[1]}"
            if tier == 2
            else f"three shapes. The first is a {names[0]}. The second is a {names[1]}. The "
            f"third is a {names[2]}"
        )
        return Draft(
            question=f"Think of {said}. How many lines of symmetry do they have in all?",
            answer=F(sum(counts)),
            solution=["Count the fold lines of each shape, then add."],
            wrong=[
                (F(sum(1 for v in counts if v)), "counted shapes, not lines"),
                (F(sum(min(v, 2) for v in counts)), "counted only folds across and up and down"),
                (F(sum(counts) + 1), "counted a line that does not make matching halves"),
                (F(sum(v * 2 for v in counts)), "counted each line twice"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        t = core.question
        if "capital letters" in t:
            letters = question_part(t, r"letters: (.+?)\. How")[0].split(", ")
            if "How many of them" in t:
                return sympy.Integer(sum(1 for c in letters if LETTER_LINES[c]))
            return sympy.Integer(sum(LETTER_LINES[c] for c in letters))
        if t.startswith("Look at these shapes"):
            names = re.findall(r"Shape \d+ is a ([a-z ]+)\.", t)
            return sympy.Integer(sum(1 for n in names if SHAPE_LINES[n]))
        if "The first is" in t:
            return sympy.Integer(sum(SHAPE_LINES[n] for n in re.findall(r"is a ([a-z ]+)\.", t)))
        listed = question_part(t, r"Think of (.+)\. How")[0]
        names = [n.removeprefix("a ") for n in re.split(r", | and ", listed)]
        return sympy.Integer(sum(SHAPE_LINES[n] for n in names))


FAMILIES: tuple[type[Family], ...] = (
    UnitConversion,
    MeasurementStories,
    RectangleAreaPerimeter,
    FractionLinePlot,
    ClockTurn,
    AngleCircleFraction,
    OneDegreeAngles,
    ProtractorReading,
    AngleAddition,
    LinesRaysAngles,
    ClassifyShapes,
    LinesOfSymmetry,
)
