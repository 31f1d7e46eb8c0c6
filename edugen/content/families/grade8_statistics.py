"""Grade-8 statistics: scatter plots, lines of fit, two-way tables (8.SP).

Scatter data are drawn from a line y = mx + b with small, planned scatter: an outlier sits far
from the trend, and the lines of fit are least-squares lines whose scatter cancels exactly, so
the line that fits best is the one the data were drawn from. Each family's `expected` reads
the key back from the points, equation or counts its question writes.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations
from random import Random
from typing import Any

import sympy

from edugen.content.cores import ItemCore
from edugen.content.families.base import Answer, Draft, Family, question_part
from edugen.content.families.common import X, Y, fmt, signed, to_sympy
from edugen.content.figures import scatter_plot, table

Wrong = list[tuple[Answer | None, str]]
Point = tuple[Fraction, Fraction]
_POINT = re.compile(r"\((-?[\d./]+), (-?[\d./]+)\)")


def pair(p: Point) -> str:
    return f"({fmt(p[0])}, {fmt(p[1])})"


def pairs(points: list[Point]) -> str:
    return ", ".join(pair(p) for p in points)


def read_points(question: str) -> list[tuple[Any, Any]]:
    return [(to_sympy(a), to_sympy(b)) for a, b in _POINT.findall(question)]


def line(m: Fraction, b: Fraction) -> str:
    """y = mx + b with decimals, as a line of fit is usually written: "y = 1.5x - 4"."""
    head = "x" if m == 1 else "-x" if m == -1 else f"{fmt(m, 'decimal')}x"
    return head.join(("y = ", "")) if b == 0 else f"y = {head} {signed(b, 'decimal')}"


def _line_or_none(m: Fraction, b: Fraction) -> str | None:
    """The line, or None where its slope has no finite decimal (no student writes it so)."""
    try:
        return line(m, b)
    except ValueError:
        return None


@dataclass(frozen=True)
class Pairing:
    """Two measured quantities whose scatter plot rises or falls."""

    about: str  # what each point is, for the question
    x: str  # the axis labels
    y: str
    rising: bool
    xs: tuple[int, int]
    ys: tuple[int, int]  # the trend's y range over the x range
    who: str  # what each point stands for


PAIRINGS = (
    Pairing(
        "hours studied x and test score y for",
        "hours studied",
        "test score",
        True,
        (1, 12),
        (40, 98),
        "students",
    ),
    Pairing(
        "minutes of practice x and free throws made y for",
        "minutes of practice",
        "free throws made",
        True,
        (5, 60),
        (2, 40),
        "players",
    ),
    Pairing(
        "height x and arm span y, in inches, for",
        "height (inches)",
        "arm span (inches)",
        True,
        (50, 74),
        (48, 76),
        "people",
    ),
    Pairing(
        "a car's age x in years and its value y in hundreds of dollars for",
        "age (years)",
        "value (hundreds of dollars)",
        False,
        (1, 14),
        (20, 240),
        "cars",
    ),
    Pairing(
        "the outside temperature x and cups of cocoa sold y on",
        "temperature (°F)",
        "cups of cocoa sold",
        False,
        (20, 70),
        (5, 80),
        "days",
    ),
    Pairing(
        "hours of screen time x and minutes spent reading y for",
        "hours of screen time",
        "minutes reading",
        False,
        (1, 10),
        (10, 60),
        "students",
    ),
)


def _fit(points: list[tuple[Any, Any]]) -> tuple[Any, Any]:
    """A robust trend line: the median of the slopes between pairs, then the median offset."""
    slope = statistics.median(
        (q[1] - p[1]) / (q[0] - p[0]) for p, q in combinations(points, 2) if q[0] != p[0]
    )
    return slope, statistics.median(y - slope * x for x, y in points)


def farthest(points: list[tuple[Any, Any]]) -> tuple[Any, Any, Any]:
    """The point farthest from the robust trend, and its distance and the next one's."""
    m, b = _fit(points)
    gaps = sorted(((abs(y - (m * x + b)), (x, y)) for x, y in points), reverse=True)
    return gaps[0][1], gaps[0][0], gaps[1][0]


class ScatterOutlier(Family):
    """The outlier of a scatter plot with a clear trend. Tiers: six points rising; eight
    points falling; nine points with more scatter, the direction named; ten points of real
    measurements; twelve points with the outlier closer to the trend."""

    name = "scatter_outlier"
    topic = "8.SP.A.1"
    kinds = ("multiple_choice",)
    context_hint = "two measurements of the same people or days, such as study time and scores"
    strategy = (
        "Find the direction the points follow as x grows, then look for the point that "
        "sits far away from that pattern."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        count = {1: 6, 2: 8, 3: 9, 4: 10, 5: 12}[tier]
        noise = {1: 1, 2: 1, 3: 2, 4: 3, 5: 3}[tier]
        while True:
            pick = rng.choice(
                [
                    p
                    for p in PAIRINGS
                    if (tier > 2 or p.rising == (tier == 1)) and p.xs[1] - p.xs[0] >= count
                ]
            )
            lo, hi = pick.xs
            xs = sorted(Fraction(v) for v in rng.sample(range(lo, hi + 1), count))
            y0, y1 = pick.ys
            m = Fraction(y1 - y0, hi - lo) * (1 if pick.rising else -1)
            start = Fraction(y0 if pick.rising else y1)
            trend = [start + m * (v - lo) for v in xs]
            ys = [(t + rng.randint(-noise, noise)).__round__() for t in trend]
            k = rng.randrange(2, count - 2)  # points on both sides pin the trend down
            spread = Fraction(y1 - y0)
            jump = (spread * rng.randint(4, 6) / 10).__round__()
            ys[k] = trend[k].__round__() + jump * rng.choice((1, -1))
            points = [(v, Fraction(w)) for v, w in zip(xs, ys, strict=True)]
            if all(0 <= w for w in ys) and len(set(ys)) == count:
                where, far, next_far = farthest(points)
                if where == points[k] and far >= 4 * next_far and far >= 4 * noise:
                    break
        outlier = points[k]
        others = [p for p in points if p != outlier]
        near = max(others, key=lambda p: abs(p[1] - (start + m * (p[0] - lo))))
        direction = "rise" if pick.rising else "fall"
        ask = (
            f"Most points show a {'positive' if pick.rising else 'negative'} association. "
            "Which point does not fit that pattern?"
            if tier == 3
            else "Which point is an outlier?"
        )
        return Draft(
            question=f"A scatter plot shows {pick.about} {count} {pick.who}: "
            f"{pairs(points)}. {ask}",
            answer=pair(outlier),
            solution=[
                f"As x grows, the points {direction} along a line.",
                f"The point {pair(outlier)} is far from that line: its y-value is much "
                f"{'lower' if outlier[1] < start + m * (outlier[0] - lo) else 'higher'} than "
                "its neighbors' values.",
                f"So {pair(outlier)} is the outlier.",
            ],
            wrong=[
                (
                    pair(max(others, key=lambda p: p[1])),
                    "picked the highest point, which fits the trend",
                ),
                (pair(max(others, key=lambda p: p[0])), "picked the point farthest to the right"),
                (
                    pair(min(others, key=lambda p: p[1])),
                    "picked the lowest point, which fits the trend",
                ),
                (pair(near), "picked a point a little off the trend, not the one far from it"),
            ],
            figure=scatter_plot(points, x_label=pick.x, y_label=pick.y, show=fmt),
        )

    def expected(self, core: ItemCore) -> Any:
        where, far, next_far = farthest(read_points(core.question))
        if far < 2 * next_far:
            raise ValueError("no point stands clearly apart from the trend")
        return sympy.Tuple(*where)


def planted(m: Fraction, b: Fraction, step: int, x0: int, d: int) -> list[Point]:
    """Eight points around y = mx + b, off by +d, -d, -d, +d in each run of four: the
    least-squares line of these points is exactly y = mx + b."""
    xs = [Fraction(x0 + step * i) for i in range(8)]
    offsets = [d, -d, -d, d] * 2
    return [(v, m * v + b + e) for v, e in zip(xs, offsets, strict=True)]


def least_squares(points: list[tuple[Any, Any]]) -> tuple[Any, Any]:
    """The least-squares slope and intercept, by solving the normal equations with sympy."""
    m, b = sympy.symbols("m b")
    error = sum((y - (m * x + b)) ** 2 for x, y in points)
    found = sympy.solve([sympy.diff(error, m), sympy.diff(error, b)], [m, b], dict=True)[0]
    return found[m], found[b]


class LineOfFit(Family):
    """A line that fits scattered points, and how close a point is to it. Tiers: which line
    fits eight rising points; falling points; the slope of the line of fit, in halves;
    which line fits, with a decimal slope; how far one point is above or below the line."""

    name = "line_of_fit"
    topic = "8.SP.A.2"
    kinds = ("multiple_choice",)
    nonnegative = False
    style = "decimal"
    context_hint = "measurements that roughly follow a straight line"
    strategy = (
        "Look for a line that follows the direction of the points, with about as many points "
        "above it as below it."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        while True:
            step = 2 if tier in (3, 4) else 1
            m = Fraction(rng.randint(2, 6))
            if tier in (3, 4):
                m = Fraction(rng.choice([v for v in range(1, 14) if v % 2]), 2)
            if tier == 2 or (tier >= 3 and rng.random() < 0.4):
                m = -m
            x0, d = rng.randint(0, 3), rng.randint(1, 2) if tier < 5 else rng.randint(2, 4)
            low = (m * (x0 + 7 * step)).__floor__() if m < 0 else 0
            b = Fraction(rng.randint(max(1, 1 - low), max(1, 1 - low) + 10))
            points = planted(m, b, step, x0, d)
            if all(p[1] >= 0 for p in points) and m != b:
                break
        figure = scatter_plot(points, x_label="x", y_label="y", show=fmt)
        head = f"A scatter plot shows the points {pairs(points)}."
        first = points[0]
        if tier == 5:
            k = rng.randrange(8)
            px, py = points[k]
            fit = m * px + b
            gap = py - fit
            return Draft(
                question=f"{head} The line {line(m, b)} fits them well. How far is the point "
                f"{pair(points[k])} above the line? (Give y minus the line's value; a point "
                "below the line gives a negative number.)",
                answer=gap,
                solution=[
                    "Find the line's value at the point's x, then subtract it from the point's y.",
                    f"The line gives {fmt(m, 'decimal')} × {fmt(px)} {signed(b, 'decimal')} = "
                    f"{fmt(fit, 'decimal')}; {fmt(py)} - {fmt(fit, 'decimal')} = {fmt(gap)}.",
                ],
                wrong=[
                    (-gap, "subtracted the point's y from the line's value"),
                    (fit, "gave the line's value instead of the distance"),
                    (py, "gave the point's own y-value"),
                    (py - m * px, "forgot the line's intercept"),
                ],
                figure=figure,
            )
        if tier == 3:
            return Draft(
                question=f"{head} What is the slope of the line that fits them best?",
                answer=m,
                solution=[
                    "The first and last points sit the same distance above the line, so the "
                    "slope between them is the slope of the line.",
                    f"({fmt(points[-1][1])} - {fmt(first[1])}) ÷ ({fmt(points[-1][0])} - "
                    f"{fmt(first[0])}) = {fmt(m, 'decimal')}.",
                ],
                wrong=[
                    (1 / m, "divided the change in x by the change in y"),
                    (-m, "got the direction of the points backward"),
                    (points[1][1] - first[1], "used the change in y between two points alone"),
                    (b, "gave where the line crosses the y-axis"),
                ],
                figure=figure,
            )
        shift = Fraction(4 * d + rng.randint(2, 5))
        answer = line(m, b)
        return Draft(
            question=f"{head} Which line fits the points best?",
            answer=answer,
            solution=[
                "A good line follows the direction of the points and has about as many points "
                "above it as below it.",
                f"The points change by about {fmt(m, 'decimal')} in y for each step of 1 in x, "
                f"and {line(m, b)} has half the points above it and half below.",
            ],
            wrong=[
                (line(-m, b + m * (x0 + 7 * step)), "picked a line going the opposite way"),
                (line(m, b + shift), "picked a line that runs above all the points"),
                (line(b, m), "swapped the slope and the y-intercept"),
                (_line_or_none(1 / m, b), "used run over rise for the slope"),
                (line(m, first[1]), "used the first point's y-value as the y-intercept"),
            ],
            figure=figure,
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        pts = read_points(q)
        if "How far" in q:
            eq = to_sympy(question_part(q, r"The line (y = .+?) fits")[0])
            (fit,) = sympy.solve(eq, Y)
            px, py = pts[-1]
            return py - fit.subs(X, px)
        m, b = least_squares(pts)
        return m if "slope" in q else sympy.Eq(Y, m * X + b)


@dataclass(frozen=True)
class Model:
    """A line of fit in a setting: y = mx + b, with plausible slopes, intercepts and x."""

    sentence: str  # uses {rule}
    x: str
    y: str
    slope: tuple[int, int]  # in tenths
    start: tuple[int, int]
    xs: tuple[int, int]
    falling: bool


MODELS = (
    Model(
        "A line of fit for test scores y and hours studied x is {rule}.",
        "hour studied",
        "points",
        (30, 80),
        (40, 60),
        (1, 6),
        False,
    ),
    Model(
        "A line of fit for a plant's height y in centimeters after x weeks is {rule}.",
        "week",
        "centimeters",
        (10, 40),
        (2, 10),
        (1, 10),
        False,
    ),
    Model(
        "A line of fit for a used car's value y, in thousands of dollars, at an age of x "
        "years is {rule}.",
        "year",
        "thousand dollars",
        (10, 30),
        (20, 35),
        (1, 8),
        True,
    ),
    Model(
        "A line of fit for the price y in dollars of a pizza with x toppings is {rule}.",
        "topping",
        "dollars",
        (5, 20),
        (8, 14),
        (1, 6),
        False,
    ),
    Model(
        "A line of fit for a runner's race time y in minutes after x weeks of practice is {rule}.",
        "week",
        "minutes",
        (3, 10),
        (30, 40),
        (1, 8),
        True,
    ),
    Model(
        "A line of fit for the cups of hot cocoa y sold at a stand when it is x degrees "
        "outside is {rule}.",
        "degree",
        "cups",
        (10, 20),
        (90, 120),
        (20, 60),
        True,
    ),
)


class LinearModel(Family):
    """Using a line of fit's equation. Tiers: predict y for an x; the change in y when x
    grows by several units, or the intercept's value; predict with a decimal slope; the x
    that gives a predicted y; the difference between two predictions."""

    name = "linear_model"
    topic = "8.SP.A.3"
    nonnegative = False
    style = "decimal"
    context_hint = "a line of fit from real measurements, such as study time and scores"
    strategy = (
        "The slope is the change in y for each unit of x, and the intercept is where the line "
        "meets the y-axis; put the x-value you need into the equation."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        while True:
            mod = rng.choice(MODELS)
            m = Fraction(rng.randint(*mod.slope), 10 if tier in (3, 5) else 1)
            if tier not in (3, 5):
                m = Fraction(rng.randint(1, max(1, mod.slope[1] // 10)))
            if mod.falling:
                m = -m
            b = Fraction(rng.randint(*mod.start))
            x1 = Fraction(rng.randint(*mod.xs))
            x2 = Fraction(rng.randint(*mod.xs))
            if m * max(x1, x2) + b > 0 and x1 < x2 and (tier not in (3, 5) or m.denominator > 1):
                break
        show = lambda v: fmt(v, "decimal")  # noqa: E731
        head = mod.sentence.format(rule=line(m, b))
        per = f"{show(abs(m))} {mod.y} {'less' if mod.falling else 'more'} for each {mod.x}"
        wrong: Wrong
        if tier in (1, 3):
            answer = m * x1 + b
            ask = f"What does the model predict for y when x is {show(x1)}?"
            steps = [
                f"Put {show(x1)} in for x: {show(m)} × {show(x1)} {signed(b)} = {show(answer)}."
            ]
            wrong = [
                (m * x1, "forgot to add the intercept"),
                (b * x1 + m, "swapped the slope and the intercept"),
                (m + x1 + b, "added x instead of multiplying it by the slope"),
                (b - m * x1 if mod.falling else None, "ignored the minus sign of the slope"),
                (m * (x1 + b), "added the intercept to x before multiplying"),
            ]
        elif tier == 2:
            if rng.random() < 0.5:
                k = Fraction(rng.randint(2, 5))
                answer = m * k
                ask = f"By how much does the model say y changes when x grows by {show(k)}?"
                steps = [
                    f"The slope says y changes by {show(m)} for each 1 of x.",
                    f"{show(m)} × {show(k)} = {show(answer)}.",
                ]
                wrong = [
                    (m, "gave the change for one unit of x"),
                    (m * k + b, "added the intercept to the change"),
                    (b, "gave the intercept instead of a change"),
                    (m + k, "added the growth in x to the slope"),
                ]
            else:
                answer = b
                ask = "What does the model give for y when x is 0?"
                steps = [f"When x is 0 the term with x is 0, so y is the intercept, {show(b)}."]
                wrong = [
                    (m, "gave the slope instead of the intercept"),
                    (m + b, "put 1 in for x instead of 0"),
                    (-b, "got the sign of the intercept wrong"),
                    (Fraction(0), "thought y is 0 when x is 0"),
                ]
        elif tier == 4:
            target = m * x1 + b
            answer = x1
            ask = f"For what value of x does the model predict y = {show(target)}?"
            steps = [
                f"Solve {show(target)} = {show(m)}x {signed(b)}.",
                f"{show(target - b)} ÷ {show(m)} = {show(x1)}.",
            ]
            wrong = [
                ((target + b) / m, "added the intercept instead of subtracting it"),
                (target / m - b, "divided before subtracting the intercept"),
                (m * target + b, "put the y-value in for x"),
                ((target - b) * m, "multiplied by the slope instead of dividing"),
            ]
        else:
            answer = m * (x2 - x1)
            ask = f"By how much does the predicted y change from x = {show(x1)} to x = {show(x2)}?"
            steps = [
                f"Each 1 of x changes y by {show(m)}; x grows by {show(x2 - x1)}.",
                f"{show(m)} × {show(x2 - x1)} = {show(answer)}.",
            ]
            wrong = [
                (m * x2 + b, "gave a prediction, not the change"),
                (x2 - x1, "gave the change in x"),
                (m * (x1 + x2), "added the x-values instead of subtracting"),
                (-answer, "subtracted the predictions in the wrong order"),
            ]
        return Draft(
            question=f"{head} {ask}",
            answer=answer,
            solution=[f"The model says y is {per}, starting from {show(b)}.", *steps],
            wrong=wrong,
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        rule = to_sympy(question_part(q, r"is (y = .+?)\. ")[0])
        (fit,) = sympy.solve(rule, Y)
        if found := re.search(r"from x = (\S+) to x = (\S+)\?", q):
            return fit.subs(X, to_sympy(found[2])) - fit.subs(X, to_sympy(found[1]))
        if found := re.search(r"predict y = (\S+)\?", q):
            (x,) = sympy.solve(sympy.Eq(fit, to_sympy(found[1])), X)
            return x
        if found := re.search(r"grows by (\S+)\?", q):
            return fit.coeff(X, 1) * to_sympy(found[1])
        x = to_sympy(question_part(q, r"when x is (\S+)\?")[0])
        return fit.subs(X, x)


@dataclass(frozen=True)
class Survey:
    """Two groups asked one yes-or-no question."""

    intro: str
    groups: tuple[str, str]
    yes: str
    no: str
    columns: tuple[str, str]


SURVEYS = (
    Survey(
        "A school asked students whether they play a sport.",
        ("seventh graders", "eighth graders"),
        "play a sport",
        "do not",
        ("Sport", "No sport"),
    ),
    Survey(
        "A park survey asked visitors whether they have a pet.",
        ("adults", "children"),
        "have a pet",
        "do not",
        ("Pet", "No pet"),
    ),
    Survey(
        "A survey asked students whether they walk to school.",
        ("sixth graders", "eighth graders"),
        "walk to school",
        "do not",
        ("Walk", "Do not walk"),
    ),
    Survey(
        "A store asked shoppers whether they used a coupon.",
        ("weekday shoppers", "weekend shoppers"),
        "used a coupon",
        "did not",
        ("Coupon", "No coupon"),
    ),
    Survey(
        "A library asked readers whether they like e-books.",
        ("teens", "adults"),
        "like e-books",
        "do not",
        ("Likes e-books", "Does not"),
    ),
    Survey(
        "A camp asked campers whether they can swim.",
        ("new campers", "returning campers"),
        "can swim",
        "cannot",
        ("Swims", "Does not swim"),
    ),
)
ROW_TOTALS = (10, 20, 25, 40, 50)


def survey_counts(tier: int, rng: Random) -> tuple[int, int, int, int]:
    """Four different counts: a and b for the first group (yes, no), c and d for the second;
    where a percent is asked, the totals it divides by make it a whole number."""
    while True:
        if tier == 5:
            r1, r2 = rng.choice(ROW_TOTALS[1:]), rng.choice(ROW_TOTALS[1:])
            a, c = rng.randint(1, r1 - 1), rng.randint(1, r2 - 1)
            b, d = r1 - a, r2 - c
            ok = (100 * a) % r1 == 0 and (100 * c) % r2 == 0 and c * r1 > a * r2
        elif tier == 4:
            col = rng.choice(ROW_TOTALS)
            a = rng.randint(1, col - 1)
            c, b, d = col - a, rng.randint(3, 40), rng.randint(3, 40)
            ok = (100 * a) % col == 0
        else:
            a, b, c, d = (rng.randint(3, 40 if tier > 1 else 25) for _ in range(4))
            ok = True
        if ok and len({a, b, c, d}) == 4:
            return a, b, c, d


class TwoWayTable(Family):
    """Frequencies and relative frequencies in a two-way table. Tiers: a column total; the
    fraction of everyone in one column; the fraction of one group (a row); the percent of one
    column that is one group; how many percentage points apart the two groups are."""

    name = "two_way_table"
    topic = "8.SP.A.4"
    nonnegative = False
    context_hint = "a survey of two groups who answer the same yes-or-no question"
    strategy = (
        "Decide which total the question is about (everyone, a row or a column), then divide the "
        "count you need by that total."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        s = rng.choice(SURVEYS)
        g1, g2 = s.groups
        a, b, c, d = (Fraction(v) for v in survey_counts(tier, rng))
        total = a + b + c + d
        counts = (
            f"{s.intro} Of the {g1}, {fmt(a)} {s.yes} and {fmt(b)} {s.no}. Of the {g2}, "
            f"{fmt(c)} {s.yes} and {fmt(d)} {s.no}."
        )
        wrong: Wrong
        if tier == 1:
            answer = a + c
            ask = f"How many of those surveyed {s.yes}?"
            steps = [f"Add the counts of those who {s.yes}: {fmt(a)} + {fmt(c)}."]
            wrong = [
                (a + b, "added across a row instead of down a column"),
                (total, "counted everyone surveyed"),
                (c, "counted only one group"),
                (b + d, f"counted those who {s.no} instead"),
            ]
        elif tier == 2:
            answer = (a + c) / total
            ask = f"What fraction of all those surveyed {s.yes}?"
            steps = [f"{fmt(a + c)} of the {fmt(total)} people surveyed {s.yes}."]
            wrong = [
                ((a + c) / (b + d), "compared the yes count with the no count, not with the total"),
                (a / total, "used only one group's count"),
                ((b + d) / total, f"found the fraction who {s.no}"),
                ((a + c) / (a + b), "divided by one group's total"),
            ]
        elif tier == 3:
            answer = c / (c + d)
            ask = f"What fraction of the {g2} {s.yes}?"
            steps = [f"There are {fmt(c)} + {fmt(d)} = {fmt(c + d)} {g2}."]
            wrong = [
                (c / total, "divided by everyone surveyed, not by the group"),
                (c / (a + c), "divided by the column total instead of the row total"),
                (d / (c + d), f"found the fraction who {s.no}"),
                (c / d, "compared yes to no within the group"),
            ]
        elif tier == 4:
            answer = 100 * a / (a + c)
            ask = f"What percent of those who {s.yes} are {g1}?"
            steps = [f"{fmt(a)} + {fmt(c)} = {fmt(a + c)} people {s.yes}."]
            wrong = [
                (100 * a / (a + b), "divided by the row total instead of the column total"),
                (100 * a / total, "divided by everyone surveyed"),
                (100 * c / (a + c), f"found the percent who are {g2}"),
                (a, "gave the count, not a percent"),
                (a / (a + c), "gave the fraction, not the percent"),
                (a + c, "gave the column total, not a percent"),
            ]
        else:
            p1, p2 = 100 * a / (a + b), 100 * c / (c + d)
            answer = p2 - p1
            ask = (
                f"How many percentage points higher is the percent of {g2} who {s.yes} than "
                f"the percent of {g1} who {s.yes}?"
            )
            steps = [
                f"Find each group's percent: {fmt(a)} of {fmt(a + b)} and {fmt(c)} of {fmt(c + d)}."
            ]
            wrong = [
                (c - a, "compared the counts instead of the percents"),
                (p2, "gave one group's percent, not the difference"),
                (100 * (c - a) / (a + c), "divided by the column total"),
                (p1 + p2, "added the two percents"),
                ((p2 - p1) / 100, "gave the difference as a decimal, not in percentage points"),
            ]
        figure = table(
            ["", *s.columns],
            [[g1.capitalize(), fmt(a), fmt(b)], [g2.capitalize(), fmt(c), fmt(d)]],
            caption="A two-way table",
        )
        return Draft(
            question=f"{counts} {ask}",
            answer=answer,
            solution=[*steps, f"So the answer is {fmt(answer)}."],
            wrong=wrong,
            style="decimal" if tier >= 4 else "fraction",
            figure=figure,
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        a, b, c, d = (to_sympy(v) for v in core.numbers[:4])
        if "percentage points" in q:
            return 100 * c / (c + d) - 100 * a / (a + b)
        if "What percent" in q:
            return 100 * a / (a + c)
        if "fraction of all" in q:
            return (a + c) / (a + b + c + d)
        if "What fraction of the" in q:
            return c / (c + d)
        return a + c


FAMILIES: tuple[type[Family], ...] = (ScatterOutlier, LineOfFit, LinearModel, TwoWayTable)
