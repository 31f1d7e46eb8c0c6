"""Grade-3 families for measurement and data, and geometry (3.MD, 3.G).

Stems are written for eight-year-olds. Every number a student needs is in the question,
so a picture (a clock, a graph, a line plot, a shape of unit squares) shows what the text
says and `expected` works from the text. Times are written h:mm and read as (hours,
minutes); a question that asks to pick a sentence or a shape lists "Choice 1: ..." and
its key is the choice's number.
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
from edugen.content.families.grade3_number import NAMES
from edugen.content.figures import l_shape
from edugen.content.figures.grade3_figs import (
    bar_graph,
    clock,
    cut_shape,
    line_plot,
    mixed,
    picture_graph,
    sided_polygon,
    split_rectangle,
    tiled_rectangle,
    unit_squares,
)

Wrong = list[tuple[Answer | None, str]]
_TIME = re.compile(r"(\d{1,2}):(\d\d)")


def _time(h: int, m: int) -> str:
    return f"{h}:{m:02d}"


def _times(text: str) -> list[tuple[int, int]]:
    return [(int(h), int(m)) for h, m in _TIME.findall(text)]


def _choices(rng: Random, key: str, wrong: list[tuple[str, str]]) -> tuple[str, Fraction, Wrong]:
    """The choices listed in a random order, the key's number and each wrong one's number
    with its misconception."""
    order = [key, *(text for text, _ in wrong)]
    rng.shuffle(order)
    label = {text: Fraction(i + 1) for i, text in enumerate(order)}
    listed = " ".join(f"Choice {i + 1}: {text}." for i, text in enumerate(order))
    return listed, label[key], [(label[text], why) for text, why in wrong]


def _listed(question: str) -> dict[int, str]:
    return {int(k): v for k, v in re.findall(r"Choice (\d): ([^.]+)\.", question)}


# --- 3.MD.A.1: time to the minute and elapsed time ---------------------------------------------

DOING = ("reads", "plays outside", "practices piano", "bakes", "paints", "swims", "draws")


class ElapsedTime(Family):
    """Time to the minute and time passed, with the first time on a clock. Tiers: minutes
    between two times in the same hour; the end time within the hour; the end time past the
    next hour; minutes between times across the hour; the start time from the end time."""

    name = "elapsed_time"
    topic = "3.MD.A.1"
    kinds = ("multiple_choice",)
    context_hint = "a school day, a game or an after-school activity"
    strategy = (
        "Count on from the first time: first up to the next hour, then the minutes after it. "
        "An hour has as many minutes as the clock has minute marks."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        who, act = rng.choice(NAMES), rng.choice(DOING)
        h = rng.randint(2, 10)
        if tier == 1:
            m1 = rng.randint(0, 40)
            m2 = rng.randint(m1 + 5, 59)
            return Draft(
                question=f"The clock shows when {who} starts: {_time(h, m1)}. {who} {act} and "
                f"stops at {_time(h, m2)}. How many minutes does {who} spend?",
                answer=m2 - m1,
                solution=[
                    f"Count on from {_time(h, m1)} to {_time(h, m2)}.",
                    f"{m2} - {m1} = {m2 - m1} minutes.",
                ],
                wrong=[
                    (m1 + m2, "added the minutes of the two times"),
                    (m2, "gave the minutes of the end time"),
                    (60 - (m2 - m1), "counted the minutes left in the hour"),
                ],
                figure=clock(h, m1),
            )
        if tier == 4:
            m1, m2 = rng.randint(20, 55), rng.randint(0, 40)
            answer = 60 - m1 + m2
            return Draft(
                question=f"The clock shows when {who} starts: {_time(h, m1)}. {who} {act} and "
                f"stops at {_time(h + 1, m2)}. How many minutes does {who} spend?",
                answer=answer,
                solution=[
                    f"From {_time(h, m1)} to {_time(h + 1, 0)} is {60 - m1} minutes.",
                    f"Then {m2} more minutes: {60 - m1} + {m2} = {answer}.",
                ],
                wrong=[
                    (abs(m2 - m1), "subtracted the minutes only"),
                    (100 - m1 + m2, "counted an hour as one hundred minutes"),
                    (answer + 60, "counted one hour too many"),
                ],
                figure=clock(h, m1),
            )
        if tier == 5:
            h = rng.randint(3, 11)
            m = rng.randint(5, 40)
            d = rng.randint(m + 5, 55)
            start = (h - 1, m - d + 60)
            after = (h + (m + d) // 60, (m + d) % 60)
            return Draft(
                question=f"The clock shows when {who} stops: {_time(h, m)}. {who} {act} for {d} "
                f"minutes. What time did {who} start?",
                answer=_time(*start),
                solution=[
                    f"Count back {m} minutes to {_time(h, 0)}.",
                    f"Then {d - m} more minutes back is {_time(*start)}.",
                ],
                wrong=[
                    (_time(*after), "added the minutes instead of counting back"),
                    (
                        f"{h - 1}:{m + 100 - d}" if m + 100 - d < 100 else None,
                        "counted an hour as one hundred minutes",
                    ),
                    (_time(h, d - m), "took the smaller minutes from the larger"),
                    (_time(h, m + 60 - d), "counted back the minutes but kept the hour"),
                ],
                figure=clock(h, m),
            )
        if tier == 2:
            m = rng.randint(0, 35)
            d = rng.randint(5, 59 - m)
            end = (h, m + d)
        else:
            m = rng.randint(30, 55)
            d = rng.randint(61 - m, 50)
            end = (h + 1, m + d - 60)
        wrong: Wrong = (
            [
                (f"{h}:{m + d}", "did not trade sixty minutes for an hour"),
                (f"{h + 1}:{m + d}", "added an hour but kept all the minutes"),
                (_time(h, m + d - 60), "changed the minutes but not the hour"),
            ]
            if tier == 3
            else [
                (_time(h + 1, m + d), "moved the hour on as well"),
                (_time(h, d), "wrote the minutes spent as the time"),
                (_time(h, m - d) if m > d else None, "took the minutes away instead of adding"),
                (
                    _time(h + d // 10, m + d % 10) if d >= 10 and m + d % 10 < 60 else None,
                    "counted the tens of minutes as hours",
                ),
            ]
        )
        return Draft(
            question=f"The clock shows when {who} starts: {_time(h, m)}. {who} {act} for {d} "
            f"minutes. What time does {who} stop?",
            answer=_time(*end),
            solution=[f"Count on {d} minutes from {_time(h, m)}.", f"The time is {_time(*end)}."],
            wrong=wrong,
            figure=clock(h, m),
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        (h, m), *rest = _times(q)
        if "How many minutes" in q:
            (h2, m2) = rest[0]
            return sympy.Integer(60 * (h2 - h) + m2 - m)
        (d,) = question_part(q, r" for (\d+) minutes")
        total = 60 * h + m + (int(d) if "stop?" in q else -int(d))
        return sympy.Tuple(total // 60, total % 60)


# --- 3.MD.A.2: masses and liquid volumes ------------------------------------------------------

FOODS = ("flour", "rice", "sugar", "potatoes", "apples", "beans", "oats")
DRINKS = ("water", "juice", "milk", "lemonade", "soup")


class MassVolume(Family):
    """One-step problems with grams, kilograms and liters. Tiers: adding two masses; taking
    liters away; several same masses; sharing liters equally; adding or taking away grams
    within 1000."""

    name = "mass_volume"
    topic = "3.MD.A.2"
    context_hint = "cooking, shopping or filling jugs and tanks"
    strategy = (
        "Decide whether the amounts are put together, taken away, repeated or shared, then "
        "work in the same unit all the way."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        who = rng.choice(NAMES)
        if tier in (1, 5) and (tier == 1 or rng.random() < 0.5):
            unit, units = ("kilograms", "kilograms") if tier == 1 else ("grams", "grams")
            a, b = (
                (rng.randint(2, 40), rng.randint(2, 40))
                if tier == 1
                else (rng.randint(120, 600), rng.randint(110, 390))
            )
            x, y = rng.sample(FOODS, 2)
            return Draft(
                question=f"A bag of {x} has a mass of {a} {unit}. A bag of {y} has a mass of "
                f"{b} {unit}. What is the total mass of the two bags, in {units}?",
                answer=a + b,
                solution=["Put the two masses together.", f"{a} + {b} = {a + b} {units}."],
                wrong=[
                    (abs(a - b), "found the difference, not the total"),
                    (max(a, b), "gave only the heavier bag"),
                    (a * b if a * b <= 1000 else None, "multiplied instead of adding"),
                    (a + b - 10 if a % 10 + b % 10 >= 10 else None, "forgot to carry a ten"),
                    (a + b + 10, "carried a ten that was not there"),
                ],
            )
        if tier in (2, 5):
            unit = "liters" if tier == 2 else "grams"
            a = rng.randint(20, 99) if tier == 2 else rng.randint(300, 990)
            b = rng.randint(5, a - 3) if tier == 2 else rng.randint(110, a - 50)
            drink = rng.choice(DRINKS)
            what = f"{drink}" if tier == 2 else "clay"
            return Draft(
                question=f"{who} has {a} {unit} of {what}. {who} uses {b} {unit}. How many "
                f"{unit} of {what} are left?",
                answer=a - b,
                solution=["Take away the amount used.", f"{a} - {b} = {a - b} {unit}."],
                wrong=[
                    (a + b, "added instead of taking away"),
                    (b, "gave the amount used"),
                    (a - b + 10 if a % 10 < b % 10 else None, "forgot to trade a ten"),
                    (a - b - 10, "traded a ten that was not needed"),
                ],
            )
        if tier == 3:
            a, n = rng.randint(2, 10), rng.randint(2, 9)
            food = rng.choice(FOODS)
            return Draft(
                question=f"One bag of {food} has a mass of {a} kilograms. What is the mass of "
                f"{n} bags like it, in kilograms?",
                answer=a * n,
                solution=[f"There are {n} equal masses of {a} kilograms.", f"{n} × {a} = {a * n}."],
                wrong=[
                    (a + n, "added instead of multiplying"),
                    (a * (n - 1), "left out one bag"),
                    (a * n + a, "counted one bag twice"),
                ],
            )
        n, q = rng.randint(2, 9), rng.randint(2, 10)
        drink = rng.choice(DRINKS)
        return Draft(
            question=f"{who} pours {n * q} liters of {drink} equally into {n} jugs. How many "
            "liters go in each jug?",
            answer=q,
            solution=[f"Share {n * q} liters equally into {n} jugs.", f"{n * q} ÷ {n} = {q}."],
            wrong=[
                (n * q - n, "subtracted instead of dividing"),
                (n, "gave the number of jugs"),
                (n * q + n, "added instead of dividing"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        n = [sympy.Integer(t) for t in re.findall(r"\d+", q)]
        if "total mass" in q:
            return n[0] + n[1]
        if "are left" in q:
            return n[0] - n[1]
        if "bags like it" in q:
            return n[0] * n[1]
        return n[0] / n[1]


# --- 3.MD.B.3: scaled picture and bar graphs -----------------------------------------------------

VOTES = (
    ("pets", ("dogs", "cats", "fish", "birds")),
    ("fruits", ("apples", "pears", "grapes", "plums")),
    ("sports", ("soccer", "tennis", "swimming", "running")),
    ("colors", ("red", "blue", "green", "yellow")),
    ("snacks", ("popcorn", "pretzels", "carrots", "crackers")),
)


class ScaledGraph(Family):
    """Reading scaled picture and bar graphs. Tiers: one row of a picture graph whose star
    stands for 2; how many more in a picture graph whose star stands for 5 or 10; how many
    more in a bar graph; how many fewer or how many in all; two bars together against a
    third."""

    name = "scaled_graph"
    topic = "3.MD.B.3"
    context_hint = "a class vote shown in a picture graph or a bar graph"
    strategy = (
        "Read each amount with the key or the scale first, then add or take away the amounts "
        "the question asks about."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        topic, choices = rng.choice(VOTES)
        names: tuple[str, ...] = tuple(rng.sample(choices, 4))
        lead = f"Students voted for their favorite {topic}."
        if tier <= 2:
            key = 2 if tier == 1 else rng.choice((5, 10))
            stars = rng.sample(range(1, 10), 4)
            listed = ", ".join(f"{n}: {s} stars" for n, s in zip(names, stars, strict=True))
            head = (
                f"{lead} In the picture graph, each star stands for {key} votes. The rows show "
                f"{listed}."
            )
            figure = picture_graph(names, stars, key, "votes")
            if tier == 1:
                a = stars[0]
                return Draft(
                    question=f"{head} How many votes did {names[0]} get?",
                    answer=a * key,
                    solution=[
                        f"{names[0]} has {a} stars, and each star is {key} votes.",
                        f"{a} × {key} = {a * key}.",
                    ],
                    wrong=[
                        (a, "counted the stars without using the key"),
                        (a + key, "added the key instead of multiplying"),
                        (a * key + key, "counted one star too many"),
                    ],
                    figure=figure,
                )
            i, j = (0, 1) if stars[0] > stars[1] else (1, 0)
            a, b, big, small = stars[i], stars[j], names[i], names[j]
            return Draft(
                question=f"{head} How many more votes did {big} get than {small}?",
                answer=(a - b) * key,
                solution=[
                    f"{big} has {a - b} more stars than {small}.",
                    f"{a - b} × {key} = {(a - b) * key}.",
                ],
                wrong=[
                    (a - b, "forgot that each star stands for more than one vote"),
                    ((a + b) * key, "added instead of finding the difference"),
                    (a * key, "gave only the larger total"),
                ],
                figure=figure,
            )
        step = rng.choice((2, 5, 10))
        values = rng.sample(range(1, 11), 4)
        votes = [v * step for v in values]
        listed = ", ".join(f"{n} {v}" for n, v in zip(names, votes, strict=True))
        head = f"{lead} The bar graph has a scale that counts by {step}. It shows {listed}."
        figure = bar_graph(names, votes, step, "votes")
        order = sorted(range(4), key=lambda i: -votes[i])
        hi, mid, lo = (votes[i] for i in order[:3])
        n_hi, n_mid, n_lo = (names[i] for i in order[:3])
        if tier == 3 or (tier == 4 and rng.random() < 0.5):
            fewer = tier == 4
            ask = (
                f"How many fewer votes did {n_mid} get than {n_hi}?"
                if fewer
                else f"How many more votes did {n_hi} get than {n_mid}?"
            )
            return Draft(
                question=f"{head} {ask}",
                answer=hi - mid,
                solution=[
                    f"{n_hi} got {hi} votes and {n_mid} got {mid}.",
                    f"{hi} - {mid} = {hi - mid}.",
                ],
                wrong=[
                    (hi + mid, "added instead of finding the difference"),
                    (hi, "gave one bar instead of the difference"),
                    ((hi - mid) // step, "counted the grid lines between the bars, not the votes"),
                ],
                figure=figure,
            )
        if tier == 4:
            return Draft(
                question=f"{head} How many votes did {n_hi} and {n_lo} get in all?",
                answer=hi + lo,
                solution=[
                    f"{n_hi} got {hi} votes and {n_lo} got {lo}.",
                    f"{hi} + {lo} = {hi + lo}.",
                ],
                wrong=[
                    (hi - lo, "found the difference instead of the total"),
                    (hi, "gave only one bar"),
                    ((hi + lo) // step, "counted the grid lines, not the votes"),
                ],
                figure=figure,
            )
        return Draft(
            question=f"{head} How many more votes did {n_mid} and {n_lo} get together than {n_hi}?",
            answer=mid + lo - hi,
            solution=[
                f"Together: {mid} + {lo} = {mid + lo}.",
                f"Then {mid + lo} - {hi} = {mid + lo - hi}.",
            ],
            wrong=[
                (mid + lo, "stopped after adding the two bars"),
                (hi - mid, "left out one of the two bars"),
                (mid + lo + hi, "added all three bars"),
            ],
            figure=figure,
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        key = re.search(r"each star stands for (\d+) votes", q)
        if key:
            count = {n: int(s) * int(key[1]) for n, s in re.findall(r"(\w+): (\d+) stars", q)}
        else:
            count = {
                n: int(v) for n, v in re.findall(r"(\w+) (\d+)(?=,|\.)", q.split("It shows")[1])
            }
        ask = q.split("?")[0].split(". ")[-1]
        if m := re.search(r"How many votes did (\w+) get\?", q):
            return sympy.Integer(count[m[1]])
        if m := re.search(r"did (\w+) and (\w+) get together than (\w+)", ask):
            return sympy.Integer(count[m[1]] + count[m[2]] - count[m[3]])
        if m := re.search(r"did (\w+) and (\w+) get in all", ask):
            return sympy.Integer(count[m[1]] + count[m[2]])
        if m := re.search(r"How many more votes did (\w+) get than (\w+)", ask):
            return sympy.Integer(count[m[1]] - count[m[2]])
        m = re.search(r"How many fewer votes did (\w+) get than (\w+)", ask)
        if not m:
            raise ValueError("no question about the graph")
        return sympy.Integer(count[m[2]] - count[m[1]])


# --- 3.MD.B.4: lengths to the half and quarter inch on a line plot ------------------------------

THINGS = ("pencils", "crayons", "leaves", "shells", "ribbons", "worms", "sticks")


class LinePlotLengths(Family):
    """Lengths measured to the half or quarter inch, shown on a line plot. Tiers: how many
    at a length (halves); how many longer than a length (halves); how many at a length
    (quarters); how many more at one length than another (quarters); how many shorter than a
    length (quarters)."""

    name = "line_plot_lengths"
    topic = "3.MD.B.4"
    context_hint = "a class measuring things with rulers marked in halves and quarters"
    strategy = (
        "Find the length on the scale, then count the X marks above it, or above the marks to "
        "its left or right."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        parts = 2 if tier <= 2 else 4
        low = rng.randint(1, 5)
        marks = [low + Fraction(k, parts) for k in range(2 * parts + 1)]
        who, thing = rng.choice(NAMES), rng.choice(THINGS)
        while True:
            data = sorted(rng.choice(marks) for _ in range(rng.randint(7, 11)))
            count = {v: data.count(v) for v in marks}
            inner = [v for v in marks[1:-1] if count[v] >= 1]
            if inner and max(count.values()) >= 2:
                break
        v = rng.choice(inner)
        i = marks.index(v)
        near = count[marks[i + 1]] if count[marks[i + 1]] != count[v] else count[marks[i - 1]]
        longer = sum(c for u, c in count.items() if u > v)
        shorter = sum(c for u, c in count.items() if u < v)
        word = "half" if parts == 2 else "quarter"
        head = (
            f"{who} measured {len(data)} {thing} to the nearest {word} inch. The lengths in "
            f"inches are {', '.join(mixed(x) for x in data)}. The line plot shows them."
        )
        figure = line_plot(data, low, low + 2, parts, "inches")
        if tier in (1, 3):
            ask, answer = f"How many {thing} are {mixed(v)} inches long?", count[v]
            wrong: Wrong = [
                (near, "read the X marks at the mark next to it"),
                (len(data), "counted every X on the plot"),
                (count[v] + 1, "counted the mark's own line as an X"),
            ]
        elif tier == 2:
            ask, answer = f"How many {thing} are longer than {mixed(v)} inches?", longer
            wrong = [
                (longer + count[v], f"counted the {thing} at that length too"),
                (shorter, "counted the shorter ones"),
                (len(data), "counted every X on the plot"),
            ]
        elif tier == 5:
            ask, answer = f"How many {thing} are shorter than {mixed(v)} inches?", shorter
            wrong = [
                (shorter + count[v], f"counted the {thing} at that length too"),
                (longer, "counted the longer ones"),
                (len(data), "counted every X on the plot"),
            ]
        else:
            v = max(marks, key=lambda u: count[u])
            fewer = [u for u in marks if count[u] < count[v]]
            w = rng.choice([u for u in fewer if count[u]] or fewer)
            ask = f"How many more {thing} are {mixed(v)} inches long than {mixed(w)} inches long?"
            answer = count[v] - count[w]
            wrong = [
                (count[v] + count[w], "added the two counts"),
                (count[v], "gave the count at one length only"),
                (len(data) - count[v], "counted every other X"),
            ]
        return Draft(
            question=f"{head} {ask}",
            answer=answer,
            solution=[
                "Find the length on the scale of the line plot.",
                f"Count the X marks: {answer}.",
            ],
            wrong=wrong,
            figure=figure,
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        (listed,) = question_part(q, r"inches are (.+?)\. The line plot")
        data = [_length(t) for t in listed.split(", ")]
        ask = q.split("The line plot shows them. ")[1]
        asked = [_length(t) for t in re.findall(r"(\d+ \d+/\d+|\d+/\d+|\d+) inches", ask)]
        if "longer than" in ask:
            return sympy.Integer(sum(x > asked[0] for x in data))
        if "shorter than" in ask:
            return sympy.Integer(sum(x < asked[0] for x in data))
        if "How many more" in ask:
            return sympy.Integer(data.count(asked[0]) - data.count(asked[1]))
        return sympy.Integer(data.count(asked[0]))


def _length(text: str) -> Fraction:
    return sum((Fraction(p) for p in text.split()), Fraction(0))


# --- 3.MD.C.5.a / 3.MD.C.5.b / 3.MD.C.5: what area is -----------------------------------------

UNITS = ("centimeter", "meter", "inch", "foot", "unit")
PLURAL = {
    "centimeter": "centimeters",
    "meter": "meters",
    "inch": "inches",
    "foot": "feet",
    "unit": "units",
}


def _area_of(choice: str, unit: str) -> Fraction | None:
    """The area in square `unit`s of a shape a choice describes (None where it has none or
    is measured in another unit)."""
    u = f"(?:{unit}|{PLURAL[unit]})"
    if m := re.fullmatch(
        rf"an? (?:unit )?square with sides (\S+) {u} long(?:, turned on its corner)?", choice
    ):
        return Fraction(m[1]) ** 2
    if m := re.fullmatch(rf"a rectangle (\S+) {u} long and (\S+) {u} wide", choice):
        return Fraction(m[1]) * Fraction(m[2])
    if re.fullmatch(rf"two halves of a square with sides 1 {u} long, put side by side", choice):
        return Fraction(1)
    return None


class UnitSquare(Family):
    """A unit square has one square unit of area. Tiers: which shape covers one square unit
    (against a line, a larger square, a rectangle); the same against another unit, a circle
    and a triangle; which tool measures area; the area of a unit square with its unit; which
    shape does not cover one square unit."""

    name = "unit_square"
    topic = "3.MD.C.5.a"
    kinds = ("multiple_choice",)
    context_hint = "tiles, sticky notes and squares drawn on grid paper"
    strategy = (
        "A unit square has sides of the unit's length and covers exactly a square unit. Look "
        "for the shape that covers the same amount of flat space."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        unit = rng.choice(UNITS)
        units = PLURAL[unit]
        other = rng.choice([u for u in UNITS if u not in (unit, "unit")])
        square = f"a square with sides 1 {unit} long"
        if tier == 1:
            ask, key = f"Which shape has an area of 1 square {unit}?", square
            wrong = [
                (f"a line 1 {unit} long", "thought a length has an area"),
                (
                    f"a square with sides 2 {units} long",
                    "thought any square covers one square unit",
                ),
                (f"a rectangle 2 {units} long and 1 {unit} wide", "looked at only one side"),
            ]
        elif tier == 2:
            ask, key = f"Which shape has an area of 1 square {unit}?", square
            wrong = [
                (f"a square with sides 1 {other} long", "mixed up the units"),
                (
                    f"a circle 1 {unit} across",
                    "thought any shape one unit across covers one square unit",
                ),
                (
                    f"a triangle with sides 1 {unit} long",
                    "thought any shape with sides one unit long covers one square unit",
                ),
            ]
        elif tier == 3:
            ask = "Which of these can be used to measure the area of a table top?"
            key = f"squares with sides 1 {unit} long"
            wrong = [
                (f"a ruler marked in {units}", "mixed up length and area"),
                (
                    f"a string 1 {unit} long laid around the edge",
                    "measured around the edge instead of covering it",
                ),
                ("a scale marked in grams", "mixed up area with mass"),
            ]
        elif tier == 4:
            ask = f"A unit square has sides 1 {unit} long. What is its area?"
            key = f"1 square {unit}"
            wrong = [
                (f"1 {unit}", "wrote a unit of length for an area"),
                (f"4 {units}", "found the distance around the square"),
                (f"4 square {units}", "added the four sides to get the area"),
            ]
        else:
            ask, key = (
                f"Which shape does NOT have an area of 1 square {unit}?",
                f"a square with sides 2 {units} long",
            )
            wrong = [
                (
                    f"two halves of a square with sides 1 {unit} long, put side by side",
                    "thought cutting a square apart changes its area",
                ),
                (
                    f"a rectangle 2 {units} long and 1/2 {unit} wide",
                    "thought only a square can cover one square unit",
                ),
                (
                    f"a unit square with sides 1 {unit} long, turned on its corner",
                    "thought turning a square changes its area",
                ),
            ]
        listed, label, labelled = _choices(rng, key, wrong)
        return Draft(
            question=f"{ask} {listed}",
            answer=label,
            solution=[
                f"A square with sides 1 {unit} long is a unit square: its area is 1 square {unit}.",
                f"So the answer is choice {label}.",
            ],
            wrong=labelled,
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        listed = _listed(q)
        if "table top" in q:
            picks = [k for k, v in listed.items() if v.startswith("squares with sides 1 ")]
        elif "What is its area?" in q:
            (unit,) = question_part(q, r"sides 1 (\w+) long\. What is its area")
            picks = [k for k, v in listed.items() if v == f"1 square {unit}"]
        else:
            not_one = "does NOT" in q
            (unit,) = question_part(q, r"area of 1 square (\w+)\?")
            picks = [k for k, v in listed.items() if (_area_of(v, unit) == 1) != not_one]
        if len(picks) != 1:
            raise ValueError(f"not one choice fits: {picks}")
        return sympy.Integer(picks[0])


class CoverSquares(Family):
    """Area as the number of unit squares that cover a shape with no gaps or overlaps. Tiers:
    two rows of squares; three rows; squares laid on top of others; gaps still to fill; both
    at once."""

    name = "cover_squares"
    topic = "3.MD.C.5.b"
    context_hint = "covering a shape with paper squares or floor tiles"
    strategy = (
        "Area counts each unit square that covers the shape once: no square on top of "
        "another, and no gap left uncovered."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        who = rng.choice(NAMES)
        if tier <= 2:
            rows = [rng.randint(2, 9) for _ in range(tier + 1)]
            listed = ", ".join(map(str, rows[:-1])) + f" and {rows[-1]}"
            total = sum(rows)
            around = 2 * max(rows) + 2 * len(rows)
            return Draft(
                question=f"{who} covers a shape with unit squares. There are no gaps and no "
                f"overlaps. The rows have {listed} squares. What is the area of the shape, in "
                "square units?",
                answer=total,
                solution=[
                    "Each unit square is 1 square unit, so count every square once.",
                    f"{' + '.join(map(str, rows))} = {total}.",
                ],
                wrong=[
                    (len(rows), "counted the rows, not the squares"),
                    (total - min(rows), "left out a row"),
                    (around, "found the distance around the shape"),
                    (max(rows) * len(rows), "counted every row as long as the longest"),
                ],
            )
        r, c = rng.randint(2, 6), rng.randint(2, 9)
        k, g = rng.randint(1, 5), rng.randint(1, 6)
        if tier == 3:
            return Draft(
                question=f"{who} covers a rectangle with {r} rows of {c} unit squares, with no "
                f"gaps. Then {who} puts {k} more unit squares on top of squares already there. "
                "What is the area of the rectangle, in square units?",
                answer=r * c,
                solution=[
                    "Squares on top of other squares cover nothing new.",
                    f"{r} × {c} = {r * c}.",
                ],
                wrong=[
                    (r * c + k, "counted the squares on top too"),
                    (r * c - k, "took away the squares on top"),
                    (r + c, "added the rows and the squares in a row"),
                ],
            )
        n = r * c
        if tier == 4:
            return Draft(
                question=f"{who} lays {n} unit squares on a shape with no overlaps, but leaves "
                f"gaps. The gaps need {g} more unit squares to fill them. What is the area of "
                "the shape, in square units?",
                answer=n + g,
                solution=["The gaps are part of the shape too.", f"{n} + {g} = {n + g}."],
                wrong=[
                    (n, "counted only the squares laid"),
                    (n - g, "took away the gaps"),
                    (g, "counted only the gaps"),
                ],
            )
        return Draft(
            question=f"{who} lays {n} unit squares on a shape. {k} of them sit on top of other "
            f"squares. The gaps need {g} more unit squares. What is the area of the shape, in "
            "square units?",
            answer=n - k + g,
            solution=[
                "Count each covered square once and add the gaps.",
                f"{n} - {k} + {g} = {n - k + g}.",
            ],
            wrong=[
                (n + g, "counted the squares on top as well"),
                (n - k, "left out the gaps"),
                (n + k + g, "added every number"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        if m := re.search(r"The rows have ([\d, and]+) squares", q):
            return sympy.Integer(sum(int(t) for t in re.findall(r"\d+", m[1])))
        if m := re.search(r"with (\d+) rows of (\d+) unit squares", q):
            return sympy.Integer(int(m[1]) * int(m[2]))
        (laid,) = question_part(q, r"lays (\d+) unit squares")
        (gaps,) = question_part(q, r"need (\d+) more unit squares")
        on_top = re.search(r"(\d+) of them sit on top", q)
        return sympy.Integer(int(laid) + int(gaps) - (int(on_top[1]) if on_top else 0))


class AreaMeaning(Family):
    """What area is: unit squares (as in 3.MD.C.5.a) and covering with no gaps or overlaps
    (3.MD.C.5.b), mixed; tiers as in those families."""

    name = "area_meaning"
    topic = "3.MD.C.5"
    kinds = ("multiple_choice",)
    context_hint = "covering shapes with unit squares"
    strategy = (
        "Area is how many unit squares cover a shape, each counted once, with no gaps and no "
        "overlaps."
    )
    parts: ClassVar[tuple[Family, ...]] = (UnitSquare(), CoverSquares())

    def draft(self, tier: int, rng: Random) -> Draft:
        return self.parts[0 if rng.random() < 0.5 else 1].draft(tier, rng)

    def expected(self, core: ItemCore) -> Any:
        return self.parts[0 if "Choice 1:" in core.question else 1].expected(core)


# --- 3.MD.C.6: counting unit squares --------------------------------------------------------------

SQUARE_UNITS = (
    ("1 square cm", "square cm"),
    ("1 square m", "square m"),
    ("1 square inch", "square inches"),
    ("1 square foot", "square feet"),
    ("1 square unit", "square units"),
)


class CountSquares(Family):
    """Area by counting unit squares in standard and made-up units. Tiers: two rows; three
    rows; equal rows; four rows in a made-up unit; five rows of up to 9."""

    name = "count_squares"
    topic = "3.MD.C.6"
    context_hint = "shapes drawn on grid paper or tiled floors"
    strategy = "Count the squares in each row of the shape, then add the rows together."

    def draft(self, tier: int, rng: Random) -> Draft:
        size, units = rng.choice(SQUARE_UNITS)
        count = {1: 2, 2: 3, 3: rng.randint(2, 5), 4: 4, 5: 5}[tier]
        if tier == 3:
            rows = [rng.randint(2, 8)] * count
        else:
            rows = [rng.randint(1, 6 if tier < 5 else 9) for _ in range(count)]
            rows[0] = max(rows[0], 2)
        if tier == 4:
            note = rng.choice(("sticky note", "tile", "card", "stamp"))
            size, units = f"1 {note}", f"{note}s"
            lead = f"Each small square is a {note}. We call its area {size}."
        else:
            lead = f"Each small square is {size}."
        total = sum(rows)
        listed = ", ".join(map(str, rows[:-1])) + f" and {rows[-1]}"
        shape = "rectangle" if tier == 3 else "shape"
        return Draft(
            question=f"{lead} A {shape} is made of rows of these squares. The rows have {listed} "
            f"squares. What is the area of the {shape}, in {units}?",
            answer=total,
            solution=[
                "Count the squares in each row.",
                f"{' + '.join(map(str, rows))} = {total} {units}.",
            ],
            wrong=[
                (len(rows), "counted the rows, not the squares"),
                (total - min(rows), "left out a row"),
                (
                    max(rows) * len(rows) if len(set(rows)) > 1 else None,
                    "counted every row as long as the longest",
                ),
                (2 * max(rows) + 2 * len(rows), "found the distance around the shape"),
                (total + rows[0], "counted the first row twice"),
            ],
            figure=unit_squares(rows),
        )

    def expected(self, core: ItemCore) -> Any:
        (listed,) = question_part(core.question, r"The rows have ([\d, and]+) squares")
        return sympy.Integer(sum(int(t) for t in re.findall(r"\d+", listed)))


# --- 3.MD.C.7.a-d and 3.MD.C.7: area with multiplication and addition ----------------------------


class TileRectangle(Family):
    """A rectangle tiled with unit squares has the area its side lengths multiply to. Tiers:
    rows of up to 5; rows of up to 9; side lengths and tiles agree; the squares in each row
    from the area; the tiles a floor needs."""

    name = "tile_rectangle"
    topic = "3.MD.C.7.a"
    context_hint = "tiling a floor, a tray or grid paper with squares"
    strategy = (
        "The tiles make equal rows: the number of rows times the squares in each row is the "
        "area, the same as multiplying the side lengths."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        who = rng.choice(NAMES)
        hi = 5 if tier == 1 else 9
        r, c = rng.randint(2, hi), rng.randint(2, hi)
        if tier == 5:
            r, c = rng.randint(3, 9), rng.randint(3, 10)
        area = r * c
        wrong: Wrong = [
            (r + c, "added the side lengths"),
            (2 * (r + c), "found the distance around"),
            (area - c, "left out a row"),
            (area + c, "counted one row twice"),
        ]
        labels = ("", "")
        if tier <= 2:
            question = (
                f"{who} tiles a rectangle with unit squares. It has {r} rows with {c} squares "
                "in each row. What is its area, in square units?"
            )
        elif tier == 3:
            question = (
                f"A rectangle is {c} units long and {r} units wide. {who} tiles it with unit "
                f"squares and counts them. What area does {who} find, in square units?"
            )
            labels = (f"{c} units", f"{r} units")
        elif tier == 4:
            question = (
                f"{who} tiles a rectangle with unit squares in {r} equal rows. Its area is "
                f"{area} square units. How many squares are in each row?"
            )
            return Draft(
                question=question,
                answer=c,
                solution=[
                    f"{r} rows times the squares in a row is {area}.",
                    f"{r} × {c} = {area}.",
                ],
                wrong=[
                    (area - r, "subtracted instead of dividing"),
                    (r, "gave the number of rows"),
                    (area + r, "added instead of dividing"),
                    (area - c if area - c != c else None, "took away one row"),
                ],
                figure=tiled_rectangle(r, c),
            )
        else:
            question = (
                f"{who} tiles a floor {c} feet long and {r} feet wide. Each tile is a square "
                f"with sides 1 foot long. How many tiles does {who} need?"
            )
            labels = (f"{c} ft", f"{r} ft")
        return Draft(
            question=question,
            answer=area,
            solution=[f"There are {r} rows of {c} squares.", f"{r} × {c} = {area}."],
            wrong=wrong,
            figure=tiled_rectangle(r, c, labels),
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        if "How many squares are in each row" in q:
            rows, area = question_part(q, r"in (\d+) equal rows\. Its area is (\d+)")
            return sympy.Rational(int(area), int(rows))
        if m := re.search(r"It has (\d+) rows with (\d+) squares", q):
            return sympy.Integer(int(m[1]) * int(m[2]))
        length, width = question_part(q, r"(\d+) (?:units|feet) long and (\d+) (?:units|feet) wide")
        return sympy.Integer(int(length) * int(width))


PLACES = ("rug", "garden", "poster", "patio", "room", "table top", "field")


class RectangleArea(Family):
    """Areas of rectangles in stories by multiplying side lengths. Tiers: sides up to 6;
    sides up to 10; a missing side from the area; how much more area one rectangle has; the
    total area of two rectangles."""

    name = "rectangle_area"
    topic = "3.MD.C.7.b"
    context_hint = "rugs, gardens, posters and rooms"
    strategy = (
        "Multiply the length by the width; to find a missing side, ask what times the known "
        "side gives the area."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        place = rng.choice(PLACES)
        unit = rng.choice(("feet", "meters"))
        hi = 6 if tier == 1 else 10
        length, w = rng.randint(2, hi), rng.randint(2, hi)
        if tier <= 2:
            return Draft(
                question=f"A {place} is {length} {unit} long and {w} {unit} wide. What is its "
                f"area, in square {unit}?",
                answer=length * w,
                solution=[
                    "Area of a rectangle is length times width.",
                    f"{length} × {w} = {length * w}.",
                ],
                wrong=[
                    (length + w, "added the length and the width"),
                    (2 * (length + w), "found the distance around"),
                    (length * w + length, "counted one extra row"),
                ],
            )
        if tier == 3:
            area = length * w
            return Draft(
                question=f"A {place} has an area of {area} square {unit}. It is {length} {unit} "
                f"long. How wide is it, in {unit}?",
                answer=w,
                solution=[
                    f"Think: {length} times what number is {area}?",
                    f"{length} × {w} = {area}.",
                ],
                wrong=[
                    (area - length, "subtracted the length from the area"),
                    (length, "gave the length"),
                    (
                        area // 2 - length if area % 2 == 0 else None,
                        "used the rule for the distance around",
                    ),
                    (area + length, "added the length to the area"),
                ],
            )
        l2, w2 = rng.randint(2, 9), rng.randint(2, 9)
        a1, a2 = length * w, l2 * w2
        if tier == 4:
            if a1 == a2:
                length += 1
                a1 = length * w
            if a1 < a2:
                length, w, l2, w2, a1, a2 = l2, w2, length, w, a2, a1
            return Draft(
                question=f"Room A is {length} {unit} by {w} {unit}. Room B is {l2} {unit} by {w2} "
                f"{unit}. How much more floor area does Room A have, in square {unit}?",
                answer=a1 - a2,
                solution=[
                    f"Room A: {length} × {w} = {a1}. Room B: {l2} × {w2} = {a2}.",
                    f"{a1} - {a2} = {a1 - a2}.",
                ],
                wrong=[
                    (a1 + a2, "added the two areas"),
                    (a1, "gave Room A's area only"),
                    (
                        (length + w) - (l2 + w2) if length + w > l2 + w2 else None,
                        "compared the sides added together",
                    ),
                    (abs(length * w2 - l2 * w), "multiplied the wrong sides together"),
                ],
            )
        return Draft(
            question=f"A house has two rooms. One is {length} {unit} by {w} {unit}. The other "
            f"is {l2} {unit} by {w2} {unit}. What is the total floor area, in square {unit}?",
            answer=a1 + a2,
            solution=[
                f"{length} × {w} = {a1} and {l2} × {w2} = {a2}.",
                f"{a1} + {a2} = {a1 + a2}.",
            ],
            wrong=[
                ((length + l2) * (w + w2), "added the lengths and the widths first"),
                (a1, "found one room only"),
                (length + w + l2 + w2, "added the sides"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        sides = [(int(a), int(b)) for a, b in re.findall(r"(\d+) \w+ by (\d+) \w+", q)]
        if "How much more" in q:
            (a, b), (c, d) = sides
            return sympy.Integer(a * b - c * d)
        if "total floor area" in q:
            return sympy.Integer(sum(a * b for a, b in sides))
        if "How wide" in q:
            area, length = question_part(q, r"area of (\d+) square \w+\. It is (\d+) ")
            return sympy.Rational(int(area), int(length))
        length, width = question_part(q, r"is (\d+) \w+ long and (\d+) \w+ wide")
        return sympy.Integer(int(length) * int(width))


class AreaSplit(Family):
    """A rectangle split in two shows a × (b + c) = a × b + a × c. Tiers: the area of the
    whole; the sum of the two products; the missing length in the equation; the missing
    product; a length past 10 split into 10 and the rest."""

    name = "area_split"
    topic = "3.MD.C.7.c"
    context_hint = "a garden or a grid split into two rectangles"
    strategy = (
        "Find the area of each smaller rectangle by multiplying, then add them: together they "
        "make the whole rectangle."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        h, a, b = rng.randint(2, 6), rng.randint(2, 6), rng.randint(2, 5)
        place = rng.choice(("garden", "field", "yard", "park"))
        if tier == 5:
            h, a, b = rng.randint(3, 8), 10, rng.randint(2, 9)
            while h * (a + b) > 100:
                b -= 1
        whole = h * (a + b)
        wrong: Wrong = [
            (h * a + b, "multiplied only one part"),
            (h + a + b, "added the lengths"),
            (h * a, "found the area of one part only"),
        ]
        if tier == 1:
            question = (
                f"A rectangle of unit squares is {h} units tall. A line splits its length into "
                f"{a} units and {b} units. What is the area of the whole rectangle, in square "
                "units?"
            )
            labels = (str(h), str(a), str(b))
            answer = whole
        elif tier == 2:
            question = (
                f"The picture shows a rectangle {h} units tall, split into parts {a} units and "
                f"{b} units long. What is {h} × {a} + {h} × {b}?"
            )
            labels, answer = (str(h), str(a), str(b)), whole
        elif tier == 3:
            question = (
                f"The picture shows a rectangle {h} units tall and {a + b} units long, split "
                f"after {a} units. What number goes in place of ? to make this true? {h} × "
                f"{a + b} = {h} × {a} + {h} × ?"
            )
            labels, answer = (str(h), str(a), "?"), b
            wrong = [
                (a + b, "wrote the whole length"),
                (h * b, "wrote the area of the part, not its length"),
                (a, "copied the other part"),
            ]
        elif tier == 4:
            question = (
                f"The picture shows a rectangle {h} units tall and {a + b} units long, split "
                f"after {a} units. What number goes in place of ? to make this true? {h} × "
                f"{a + b} = {h * a} + ?"
            )
            labels, answer = (str(h), str(a), "?"), h * b
            wrong = [
                (b, "wrote the length, not the area"),
                (whole, "wrote the whole area"),
                (h * a, "copied the known part"),
                (h + b, "added instead of multiplying"),
            ]
        else:
            question = (
                f"A {place} is {h} meters wide and {a + b} meters long. A path splits it into a "
                f"part {a} meters long and a part {b} meters long. What is the area of the whole "
                f"{place}, in square meters?"
            )
            labels, answer = (f"{h} m", f"{a} m", f"{b} m"), whole
            wrong.insert(0, (h * a + h, "multiplied the short part by one instead of the width"))
        return Draft(
            question=question,
            answer=answer,
            solution=[
                "Split the rectangle into two smaller rectangles with the same height.",
                f"{h} × {a} + {h} × {b} = {h * a} + {h * b} = {whole}.",
            ],
            wrong=wrong,
            figure=split_rectangle(h, a, b, "units", tiles=tier < 5, labels=labels),
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        if "=" in q:
            (equation,) = question_part(q, r"true\? (.+)$")
            left, right = (
                sympy.sympify(s.replace("×", "*").replace("?", "x")) for s in equation.split("=")
            )
            (value,) = sympy.solve(sympy.Eq(left, right), sympy.Symbol("x"))
            return value
        if m := re.search(r"What is (\d+) × (\d+) \+ (\d+) × (\d+)\?", q):
            return sympy.Integer(int(m[1]) * int(m[2]) + int(m[3]) * int(m[4]))
        if "meters wide" in q:
            wide, a, b = question_part(
                q, r"is (\d+) meters wide .* part (\d+) meters long and a part (\d+) meters"
            )
        else:
            wide, a, b = question_part(
                q, r"is (\d+) units tall\. A line splits its length into (\d+) units and (\d+)"
            )
        return sympy.Integer(int(wide) * (int(a) + int(b)))


class RectilinearArea(Family):
    """Areas of L-shaped figures by splitting them into two rectangles. Tiers: edges up to 6;
    edges up to 9; edges up to 12; a room in feet; the area missing from the full rectangle
    around the shape."""

    name = "rectilinear_area"
    topic = "3.MD.C.7.d"
    context_hint = "an L-shaped room, garden or playground"
    strategy = (
        "Draw a line to cut the shape into rectangles. Find each rectangle's area and add them."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        hi = {1: 6, 2: 9, 3: 12, 4: 12, 5: 10}[tier]
        b, lf = rng.randint(3, hi), rng.randint(3, hi)
        t, rt = rng.randint(1, b - 1), rng.randint(1, lf - 1)
        unit, word = ("ft", "feet") if tier == 4 else ("m", "meters")
        place = rng.choice(("room", "garden", "playground", "patio")) if tier >= 4 else "shape"
        area = t * lf + (b - t) * rt
        head = (
            f"A {place} has square corners, as in the picture. Its bottom edge is {b} {unit} and "
            f"its left edge is {lf} {unit}. Its top edge is {t} {unit} and its short right edge "
            f"is {rt} {unit}."
        )
        figure = l_shape(b, lf, t, rt, unit=unit)
        if tier == 5:
            gap = (b - t) * (lf - rt)
            return Draft(
                question=f"{head} How many square {word} would fill it out to a full rectangle?",
                answer=gap,
                solution=[
                    f"The full rectangle is {b} by {lf}.",
                    f"The missing corner is {b - t} by {lf - rt} = {gap}.",
                ],
                wrong=[
                    (area, "found the area of the shape itself"),
                    (b * lf, "found the area of the full rectangle"),
                    ((b - t) + (lf - rt), "added the sides of the missing corner"),
                ],
                figure=figure,
            )
        return Draft(
            question=f"{head} What is its area, in square {word}?",
            answer=area,
            solution=[
                f"Cut it into a {t} by {lf} rectangle and a {b - t} by {rt} rectangle.",
                f"{t * lf} + {(b - t) * rt} = {area}.",
            ],
            wrong=[
                (b * lf, "used the full rectangle around the shape"),
                (b + lf + t + rt, "added the edges"),
                (t * lf + b * rt, "counted the part where the rectangles meet twice"),
                (2 * (b + lf), "found the distance around"),
            ],
            figure=figure,
        )

    def expected(self, core: ItemCore) -> Any:
        b, lf, t, rt = (
            sympy.Integer(v)
            for v in question_part(
                core.question,
                r"bottom edge is (\d+) \w+ and its left edge is (\d+) \w+\. Its top edge is "
                r"(\d+) \w+ and its short right edge is (\d+)",
            )
        )
        if "full rectangle" in core.question:
            return (b - t) * (lf - rt)
        return t * lf + (b - t) * rt


class AreaOperations(Family):
    """Area with multiplication and addition: tiling (as in 3.MD.C.7.a), splitting a
    rectangle (3.MD.C.7.c) and L-shapes (3.MD.C.7.d), mixed; tiers as in those families."""

    name = "area_operations"
    topic = "3.MD.C.7"
    context_hint = "tiled rectangles and shapes made of rectangles"
    strategy = (
        "Find rectangles in the picture; multiply the sides of each rectangle and add the areas."
    )
    parts: ClassVar[tuple[Family, ...]] = (TileRectangle(), AreaSplit(), RectilinearArea())

    def draft(self, tier: int, rng: Random) -> Draft:
        return rng.choice(self.parts).draft(tier, rng)

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        if "square corners" in q:
            return self.parts[2].expected(core)
        if "split" in q or "splits" in q:
            return self.parts[1].expected(core)
        return self.parts[0].expected(core)


# --- 3.MD.D.8: perimeter --------------------------------------------------------------------------


class Perimeter(Family):
    """Perimeters of polygons. Tiers: three or four sides all given; five or six sides; a
    rectangle from its length and width; a missing side from the perimeter; a rectangle's
    width from its perimeter and length."""

    name = "perimeter"
    topic = "3.MD.D.8"
    context_hint = "fences, frames and paths around gardens and fields"
    strategy = "The perimeter is the distance all the way around: add every side once."

    def draft(self, tier: int, rng: Random) -> Draft:
        unit = rng.choice(("cm", "m", "in", "ft"))
        if tier <= 2:
            n = rng.randint(3, 4) if tier == 1 else rng.randint(5, 6)
            sides = [rng.randint(2, 12 if tier == 1 else 20) for _ in range(n)]
            total = sum(sides)
            listed = ", ".join(f"{s} {unit}" for s in sides[:-1]) + f" and {sides[-1]} {unit}"
            return Draft(
                question=f"A shape has {n} sides. They are {listed} long. What is its "
                f"perimeter, in {unit}?",
                answer=total,
                solution=["Add every side once.", f"{' + '.join(map(str, sides))} = {total}."],
                wrong=[
                    (total - sides[-1], "left out a side"),
                    (total + sides[0], "counted a side twice"),
                    (sides[0] * sides[1], "multiplied two sides as if finding an area"),
                    (max(sides) * n, "used the longest side for every side"),
                ],
                figure=sided_polygon([f"{s} {unit}" for s in sides]),
            )
        length, w = rng.randint(3, 15), rng.randint(2, 10)
        if tier == 3:
            return Draft(
                question=f"A rectangle is {length} {unit} long and {w} {unit} wide. What is its "
                f"perimeter, in {unit}?",
                answer=2 * (length + w),
                solution=[
                    "A rectangle has two lengths and two widths.",
                    f"{length} + {w} + {length} + {w} = {2 * (length + w)}.",
                ],
                wrong=[
                    (length + w, "added only two sides"),
                    (length * w, "found the area"),
                    (2 * length + w, "left out a side"),
                ],
                figure=sided_polygon([f"{length} {unit}", f"{w} {unit}", "", ""], rectangle=True),
            )
        if tier == 4:
            n = rng.randint(4, 6)
            known = [rng.randint(2, 15) for _ in range(n - 1)]
            miss = rng.randint(2, 15)
            perimeter = sum(known) + miss
            listed = ", ".join(f"{s} {unit}" for s in known[:-1]) + f" and {known[-1]} {unit}"
            return Draft(
                question=f"A shape with {n} sides has a perimeter of {perimeter} {unit}. Its other "
                f"sides are {listed}. How long is the side marked ?, in {unit}?",
                answer=miss,
                solution=[
                    f"Add the sides you know: {sum(known)}.",
                    f"{perimeter} - {sum(known)} = {miss}.",
                ],
                wrong=[
                    (sum(known), "added the known sides and stopped"),
                    (
                        perimeter + sum(known) if perimeter + sum(known) < 200 else None,
                        "added instead of taking away",
                    ),
                    (miss + known[0], "left out one known side"),
                    (perimeter - known[0], "took away only one side"),
                ],
                figure=sided_polygon([*(f"{s} {unit}" for s in known), "?"]),
            )
        perimeter = 2 * (length + w)
        return Draft(
            question=f"A rectangle has a perimeter of {perimeter} {unit}. It is {length} {unit} "
            f"long. How wide is it, in {unit}?",
            answer=w,
            solution=[
                f"Two lengths make {2 * length} {unit}.",
                f"{perimeter} - {2 * length} = {2 * w}, and half of that is {w}.",
            ],
            wrong=[
                (perimeter - length, "took away only one length"),
                (perimeter - 2 * length, "found both widths together"),
                (
                    perimeter // 2 if perimeter // 2 != w else None,
                    "halved the perimeter and stopped",
                ),
            ],
            figure=sided_polygon([f"{length} {unit}", "?", "", ""], rectangle=True),
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        if m := re.search(r"perimeter of (\d+) \w+\. It is (\d+) \w+ long", q):
            return sympy.Rational(int(m[1]), 2) - int(m[2])
        if m := re.search(r"is (\d+) \w+ long and (\d+) \w+ wide", q):
            return 2 * sympy.Integer(int(m[1]) + int(m[2]))
        if m := re.search(r"perimeter of (\d+) \w+\. Its other sides are (.+?)\. How long", q):
            return sympy.Integer(int(m[1]) - sum(int(t) for t in re.findall(r"\d+", m[2])))
        (listed,) = question_part(q, r"They are (.+?) long\.")
        return sympy.Integer(sum(int(t) for t in re.findall(r"\d+", listed)))


# --- 3.G.A.1: shapes that share attributes --------------------------------------------------------

# name: (sides, all sides the same length, four square corners)
SHAPES: dict[str, tuple[int, bool, bool]] = {
    "square": (4, True, True),
    "rectangle": (4, False, True),
    "rhombus": (4, True, False),
    "trapezoid": (4, False, False),
    "triangle": (3, False, False),
    "pentagon": (5, False, False),
    "hexagon": (6, False, False),
    "circle": (0, False, False),
}
QUADS = ("square", "rectangle", "rhombus", "trapezoid")


def _a(name: str) -> str:
    return f"a {name}"


class ShapeCategories(Family):
    """Quadrilaterals as a larger group sharing attributes. Tiers: which shape is a
    quadrilateral; which is not; what two quadrilaterals always share; which sentence about
    the groups is true; which shape fits a list of attributes."""

    name = "shape_categories"
    topic = "3.G.A.1"
    kinds = ("multiple_choice",)
    context_hint = "shapes on a poster, in a quilt or on floor tiles"
    strategy = (
        "Count the sides, then check whether the sides are all the same length and whether the "
        "corners are square corners."
    )
    true_sentences: ClassVar[tuple[str, ...]] = (
        "Every square is a rectangle",
        "Every square is a rhombus",
        "Every rectangle is a quadrilateral",
        "Every rhombus is a quadrilateral",
    )
    false_sentences: ClassVar[tuple[tuple[str, str], ...]] = (
        ("Every rectangle is a square", "thought a rectangle must have sides all the same length"),
        ("Every rhombus is a square", "thought sides of the same length make square corners"),
        ("Every rhombus is a rectangle", "thought sides of the same length make square corners"),
        ("Every trapezoid is a rectangle", "thought any shape with four sides is a rectangle"),
        ("Every rectangle is a rhombus", "thought square corners make the sides the same length"),
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        who = rng.choice(NAMES)
        if tier == 1:
            key = _a(rng.choice(QUADS))
            wrong = rng.sample(
                [
                    ("a triangle", "thought a shape with three sides is a quadrilateral"),
                    ("a pentagon", "thought any shape with many straight sides is a quadrilateral"),
                    ("a circle", "thought a round shape can be a quadrilateral"),
                    ("a hexagon", "thought any shape with straight sides is a quadrilateral"),
                ],
                3,
            )
            ask = f"{who} wants a shape with 4 sides. Which shape is a quadrilateral?"
        elif tier == 2:
            key = _a(rng.choice(("triangle", "pentagon", "hexagon")))
            wrong = rng.sample(
                [
                    (
                        "a square",
                        "thought a square is not a quadrilateral because it has its own name",
                    ),
                    ("a rhombus", "thought a quadrilateral needs square corners"),
                    ("a trapezoid", "thought a quadrilateral needs sides of the same length"),
                    (
                        "a rectangle",
                        "thought a rectangle is not a quadrilateral because it has its own name",
                    ),
                ],
                3,
            )
            ask = f"{who} sorts shapes. Which shape is NOT a quadrilateral?"
        elif tier == 3:
            x, y = rng.choice(
                [
                    ("rhombus", "rectangle"),
                    ("trapezoid", "square"),
                    ("rhombus", "trapezoid"),
                    ("rectangle", "trapezoid"),
                    ("trapezoid", "rhombus"),
                    ("rectangle", "rhombus"),
                    ("square", "trapezoid"),
                    ("trapezoid", "rectangle"),
                ]
            )
            key = "4 sides"
            wrong = [
                (
                    "4 sides of the same length",
                    f"thought every {x if not SHAPES[x][1] else y} has sides all the same length",
                ),
                (
                    "4 square corners",
                    f"thought every {x if not SHAPES[x][2] else y} has square corners",
                ),
                ("3 corners", "miscounted the corners"),
            ]
            ask = f"{who} draws {_a(x)} and {_a(y)}. What do the two shapes always have in common?"
        elif tier == 4:
            key = rng.choice(self.true_sentences)
            wrong = rng.sample(list(self.false_sentences), 3)
            ask = f"{who} writes facts about shapes. Which one is true?"
        else:
            if rng.random() < 0.5:
                key, ask = (
                    "a rhombus",
                    (
                        f"{who} draws a shape with 4 sides, all the same length. It has no square "
                        "corners. What is the shape?"
                    ),
                )
                wrong = [
                    ("a square", "missed that it has no square corners"),
                    ("a rectangle", "thought sides of the same length make a rectangle"),
                    ("a pentagon", "miscounted the sides"),
                ]
            else:
                key, ask = (
                    "a rectangle",
                    (
                        f"{who} draws a shape with 4 square corners. Its sides are not all the "
                        "same length. What is the shape?"
                    ),
                )
                wrong = [
                    ("a square", "missed that the sides are not all the same length"),
                    ("a rhombus", "thought square corners make a rhombus"),
                    ("a triangle", "miscounted the sides"),
                ]
        listed, label, labelled = _choices(rng, key, wrong)
        return Draft(
            question=f"{ask} {listed}",
            answer=label,
            solution=[
                "A quadrilateral is any shape with 4 straight sides.",
                f"So the answer is choice {label}.",
            ],
            wrong=labelled,
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        listed = _listed(q)

        def facts(text: str) -> tuple[int, bool, bool]:
            return SHAPES[text.split()[-1]]

        if "Which shape is a quadrilateral" in q:
            picks = [k for k, v in listed.items() if facts(v)[0] == 4]
        elif "NOT a quadrilateral" in q:
            picks = [k for k, v in listed.items() if facts(v)[0] != 4]
        elif "always have in common" in q:
            x, y = question_part(q, r"draws an? (\w+) and an? (\w+)\.")
            fx, fy = SHAPES[x], SHAPES[y]
            shared = {
                "4 sides": fx[0] == fy[0] == 4,
                "4 sides of the same length": fx[1] and fy[1],
                "4 square corners": fx[2] and fy[2],
                "3 corners": fx[0] == fy[0] == 3,
            }
            picks = [k for k, v in listed.items() if shared[v]]
        elif "Which one is true" in q:
            picks = [k for k, v in listed.items() if _every(v)]
        else:
            same = "all the same length" in q and "not all the same" not in q
            square = "4 square corners" in q
            picks = [k for k, v in listed.items() if facts(v) == (4, same, square)]
        if len(picks) != 1:
            raise ValueError(f"not one choice fits: {picks}")
        return sympy.Integer(picks[0])


def _every(sentence: str) -> bool:
    """Whether "Every X is a Y" holds: every shape X is has what makes a Y."""
    x, y = question_part(sentence, r"Every (\w+) is an? (\w+)")
    if x == "quadrilateral":
        return y == "quadrilateral"
    if y == "quadrilateral":
        return SHAPES[x][0] == 4
    fx, fy = SHAPES[x], SHAPES[y]
    return fx[0] == fy[0] and (fx[1] or not fy[1]) and (fx[2] or not fy[2])


# --- 3.G.A.2: equal parts as unit fractions -----------------

CUT = (
    ("rectangle", ("flag", "garden", "chocolate bar", "card", "quilt", "tray of brownies")),
    ("circle", ("pie", "pizza", "clock face", "cake", "rug", "plate")),
    ("square", ("napkin", "tile", "window", "sandwich", "quilt square", "poster")),
)


class EqualParts(Family):
    """Shapes cut into parts of equal area, each a unit fraction of the whole. Tiers: a
    rectangle cut into equal strips; a circle cut into equal slices; a square cut corner to
    corner; the area of each part from the whole; the fraction of the area shaded."""

    name = "equal_parts"
    topic = "3.G.A.2"
    context_hint = "sharing a flag, a pie or a napkin into equal parts"
    strategy = (
        "Count the equal parts the whole is cut into: each part is that unit fraction of the "
        "whole area."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        who = rng.choice(NAMES)
        shape, things = CUT[{1: 0, 2: 1, 3: 2}.get(tier, rng.randint(0, 1))]
        thing = rng.choice(things)
        n = 4 if shape == "square" else rng.randint(2, 8)
        how = {
            "rectangle": "equal strips",
            "circle": "equal slices",
            "square": "4 equal triangles from corner to corner",
        }[shape]
        cut = f"{how}" if shape == "square" else f"{n} {how}"
        head = f"{who}'s {thing} is a {shape}. It is cut into {cut}."
        if tier == 4:
            k = rng.randint(2, 9)
            area = n * k
            return Draft(
                question=f"{head} The whole {thing} has an area of {area} square units. What is "
                "the area of each part, in square units?",
                answer=k,
                solution=["The parts have equal areas.", f"{area} ÷ {n} = {k}."],
                wrong=[
                    (area - n, "subtracted instead of dividing"),
                    (n, "gave the number of parts"),
                    (Fraction(1, n), "gave the fraction, not the area"),
                ],
                figure=cut_shape(shape, n),
            )
        shaded = 1
        if tier == 5:
            shaded = rng.choice([k for k in range(2, n) if gcd(k, n) == 1] or [1])
            if shaded == 1:
                n = rng.choice((3, 5, 7, 8))
                head = f"{who}'s {thing} is a {shape}. It is cut into {n} {how}."
                shaded = rng.choice([k for k in range(2, n) if gcd(k, n) == 1])
            return Draft(
                question=f"{head} {who} shades {shaded} of the parts. What fraction of the "
                "whole area is shaded?",
                answer=Fraction(shaded, n),
                solution=[
                    f"Each part is 1/{n} of the whole.",
                    f"{shaded} parts make {shaded}/{n}.",
                ],
                wrong=[
                    (
                        Fraction(shaded, n - shaded) if n - shaded != shaded else None,
                        "compared shaded parts to parts not shaded",
                    ),
                    (Fraction(n - shaded, n), "gave the part not shaded"),
                    (Fraction(1, n), "gave the size of one part"),
                    (Fraction(n, shaded), "swapped the top and bottom numbers"),
                ],
                figure=cut_shape(shape, n, shaded),
            )
        return Draft(
            question=f"{head} What fraction of the whole area is each part?",
            answer=Fraction(1, n),
            solution=["The parts have equal areas.", f"There are {n} of them, so each is 1/{n}."],
            wrong=[
                (n, "gave the number of parts"),
                (Fraction(1, n - 1) if n > 2 else None, "counted the cut lines, not the parts"),
                (Fraction(n - 1, n), "gave the rest of the shape"),
                (Fraction(1, n + 1), "counted one part too many"),
            ],
            figure=cut_shape(shape, n, shaded),
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        (n,) = question_part(q, r"It is cut into (\d+) equal")
        parts = sympy.Integer(n)
        if m := re.search(r"has an area of (\d+) square units", q):
            return sympy.Integer(m[1]) / parts
        if m := re.search(r"shades (\d+) of the parts", q):
            return sympy.Integer(m[1]) / parts
        return 1 / parts


FAMILIES: tuple[type[Family], ...] = (
    ElapsedTime,
    MassVolume,
    ScaledGraph,
    LinePlotLengths,
    AreaMeaning,
    UnitSquare,
    CoverSquares,
    CountSquares,
    AreaOperations,
    TileRectangle,
    RectangleArea,
    AreaSplit,
    RectilinearArea,
    Perimeter,
    ShapeCategories,
    EqualParts,
)
