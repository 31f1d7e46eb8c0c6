"""Data: line plots, measures of center and spread, box plots and histograms."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from fractions import Fraction
from random import Random
from typing import Any, ClassVar

import sympy

from edugen.content.cores import ItemCore
from edugen.content.families.base import Answer, Draft, Family, question_part
from edugen.content.families.common import fmt, listing, rationals
from edugen.content.figures import dot_plot
from edugen.content.figures.lines import Show, covering
from edugen.schemas import Figure


def mean(xs: Sequence[Fraction]) -> Fraction:
    return sum(xs, Fraction(0)) / len(xs)


def median(xs: Sequence[Fraction]) -> Fraction:
    s, n = sorted(xs), len(xs)
    return (s[(n - 1) // 2] + s[n // 2]) / 2


def quartiles(xs: Sequence[Fraction]) -> tuple[Fraction, Fraction]:
    """Lower and upper quartile of an even-sized list (both usual methods agree there)."""
    s, half = sorted(xs), len(xs) // 2
    return median(s[:half]), median(s[half:])


def mode(xs: Sequence[Fraction]) -> Fraction | None:
    (top, count), *rest = Counter(xs).most_common()
    return top if count > 1 and (not rest or rest[0][1] < count) else None


def _sym_median(xs: list[Any]) -> Any:
    s, n = sorted(xs), len(xs)
    return (s[(n - 1) // 2] + s[n // 2]) / sympy.Integer(2)


def _sym_spread(xs: list[Any], measure: str) -> Any:
    """The named measure of a data set, with sympy's exact arithmetic."""
    s, n = sorted(xs), len(xs)
    center = sympy.Add(*s) / n
    return {
        "mean": lambda: center,
        "median": lambda: _sym_median(s),
        "range": lambda: s[-1] - s[0],
        "lower quartile": lambda: _sym_median(s[: n // 2]),
        "upper quartile": lambda: _sym_median(s[(n + 1) // 2 :]),
        "interquartile range": lambda: _sym_median(s[(n + 1) // 2 :]) - _sym_median(s[: n // 2]),
        "mean absolute deviation": lambda: sympy.Add(*(abs(x - center) for x in s)) / n,
    }[measure]()


def plotted(data: Sequence[Fraction], show: Show) -> Figure:
    """A dot plot of the question's data on a scale of whole fives that covers it."""
    low, high = covering(data)
    return dot_plot(data, low=low, high=high, show=show)


def whole_data(
    rng: Random, n: int, low: int, high: int, mean_divides: bool = False
) -> list[Fraction]:
    """n whole numbers in [low, high], not all equal; with a whole-number mean when asked."""
    while True:
        xs = [Fraction(rng.randint(low, high)) for _ in range(n)]
        if len(set(xs)) > 2 and (not mean_divides or mean(xs).denominator == 1):
            return xs


class LinePlot(Family):
    """Line plots of fractional measurements. Tiers: longest minus shortest; total in
    quarters; total in halves, quarters and eighths; equal share in quarters; equal share
    in eighths."""

    name = "line_plot"
    topic = "5.MD.B.2"
    context_hint = "measuring lengths, weights or amounts of liquid and plotting them"
    strategy = "Write every length with the same denominator before you compare or add them."

    def draft(self, tier: int, rng: Random) -> Draft:
        denominator = 8 if tier in (3, 5) else 4
        n = rng.randint(4, 8)
        while True:
            data = sorted(Fraction(rng.randint(1, denominator), denominator) for _ in range(n))
            if len(set(data)) >= 3:
                break
        shown = f"A line plot shows these lengths, in inches: {listing([fmt(x) for x in data])}."
        total = sum(data, Fraction(0))
        if tier == 1:
            longest, shortest = data[-1], data[0]
            answer = longest - shortest
            question = "What is the difference between the longest and the shortest length?"
            steps = [
                f"Longest {fmt(longest)}, shortest {fmt(shortest)}: {fmt(longest)} - "
                f"{fmt(shortest)}."
            ]
            wrong: list[tuple[Answer | None, str]] = [
                (longest + shortest, "added the longest and the shortest"),
                (longest, "gave the longest length"),
                (shortest, "gave the shortest length"),
                (
                    Fraction(
                        longest.numerator - shortest.numerator,
                        longest.denominator - shortest.denominator,
                    )
                    if longest.denominator > shortest.denominator
                    else None,
                    "subtracted the numerators and the denominators",
                ),
            ]
        elif tier <= 3:
            answer, question = total, "What is the total of all the lengths?"
            steps = [f"Write every length in {denominator}ths and add: {fmt(total)}."]
            wrong = [
                (
                    Fraction(sum(x.numerator for x in data), sum(x.denominator for x in data)),
                    "added the numerators and the denominators",
                ),
                (sum(set(data), Fraction(0)), "added each different length only once"),
                (Fraction(n), "counted the marks instead of adding the lengths"),
            ]
        else:
            answer = total / n
            question = (
                "If the total length were shared equally among all the pieces, how long "
                "would each piece be?"
            )
            steps = [
                f"Total: {fmt(total)}; there are {n} pieces.",
                f"{fmt(total)} ÷ {n} = {fmt(answer)}.",
            ]
            wrong = [
                (total / len(set(data)), "divided by the number of different lengths"),
                (total, "gave the total instead of sharing it"),
                (mode(data), "gave the most common length"),
                (total / (n - 1), "divided by one less than the number of pieces"),
                (total / max(data), "divided by the longest piece instead of the count"),
            ]
        return Draft(
            question=f"{shown} {question}",
            answer=answer,
            solution=[*steps, f"The answer is {fmt(answer)} inches."],
            wrong=wrong,
            figure=dot_plot(
                data, low=0, high=1, step=Fraction(1, denominator), unit="inches", show=fmt
            ),
        )

    def expected(self, core: ItemCore) -> Any:
        data = rationals(core.numbers)
        if "difference" in core.question:
            return sympy.Max(*data) - sympy.Min(*data)
        total = sympy.Add(*data)
        return total / len(data) if "shared equally" in core.question else total


class CenterAndSpread(Family):
    """Center and spread of a data set. Tiers: a whole-number mean; the median of an odd
    count; the median of an even count; the range; a decimal mean."""

    name = "center_and_spread"
    topic = "6.SP.A.3"
    style = "decimal"
    context_hint = "scores, heights or times collected from a group"
    strategy = (
        "Order the values from least to greatest before you look for the center or the spread."
    )
    measures: ClassVar[dict[int, str]] = {
        1: "mean",
        2: "median",
        3: "median",
        4: "range",
        5: "mean",
    }

    def draft(self, tier: int, rng: Random) -> Draft:
        measure = self.measures[tier]
        n = {1: 5, 2: 7, 3: 6, 4: rng.randint(6, 7), 5: rng.choice((4, 8))}[tier]
        data = whole_data(rng, n, 1, 30 if tier < 5 else 99, mean_divides=tier == 1)
        if measure == "median":
            while data[n // 2] == median(data):  # let the unsorted middle value be a wrong one
                rng.shuffle(data)
        ordered = sorted(data)
        unsorted_middle = (data[(n - 1) // 2] + data[n // 2]) / 2
        answer = {"mean": mean(data), "median": median(data), "range": ordered[-1] - ordered[0]}[
            measure
        ]
        total = sum(data, Fraction(0))
        misconceptions: dict[str, list[tuple[Answer | None, str]]] = {
            "mean": [
                (total / (n - 1), "divided by one less than the number of values"),
                (median(data), "gave the median instead"),
                (total, "added the values but did not divide"),
                ((ordered[0] + ordered[-1]) / 2, "took the middle of the smallest and largest"),
                (total / (n + 1), "divided by one more than the number of values"),
            ],
            "median": [
                (unsorted_middle, "did not put the values in order first"),
                (
                    ordered[n // 2 - 1] if n % 2 == 0 else None,
                    "took only one of the two middle values",
                ),
                (mean(data), "gave the mean instead"),
                (
                    (ordered[0] + ordered[-1]) / 2,
                    "took the middle of the smallest and largest values",
                ),
                (Fraction(n + 1, 2), "gave the position of the middle value, not the value"),
            ],
            "range": [
                (ordered[-1], "gave the largest value"),
                (
                    abs(data[-1] - data[0]),
                    "subtracted the first value from the last without ordering",
                ),
                (ordered[-1] + ordered[0], "added the largest and smallest values"),
            ],
        }
        how = {
            "mean": f"Add the values ({self.show(total)}) and divide by {n}",
            "median": f"Order the values ({listing([self.show(x) for x in ordered])}) and take "
            "the middle",
            "range": f"Subtract the smallest value from the largest: {self.show(ordered[-1])} "
            "- {self.show(ordered[0])}",
        }[measure]
        return Draft(
            question=f"What is the {measure} of {listing([self.show(x) for x in data])}?",
            answer=answer,
            solution=[f"{how}.", f"The {measure} is {self.show(answer)}."],
            wrong=misconceptions[measure],
            figure=plotted(data, self.show),
        )

    def expected(self, core: ItemCore) -> Any:
        measure = question_part(core.question, r"What is the (mean|median|range) of")[0]
        return _sym_spread(rationals(core.numbers), measure)


class BoxPlot(Family):
    """Box plots and histograms. Tiers: the median of 8 values; the lower quartile; the
    upper quartile; how many values fall in a histogram bin; a quartile of 12 values."""

    name = "box_plot"
    topic = "6.SP.B.4"
    style = "decimal"
    context_hint = "a class survey or measurements summarized in a plot"
    strategy = "Order the data; the quartiles are the middles of its lower and upper parts."

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier == 4:
            return self._histogram(rng)
        n = 12 if tier == 5 else 8
        measure = {1: "median", 2: "lower quartile", 3: "upper quartile"}.get(tier) or rng.choice(
            ("lower quartile", "upper quartile")
        )
        while True:
            data = [Fraction(rng.randint(1, 50)) for _ in range(n)]
            if len(set(data)) == n:
                break
        ordered = sorted(data)
        lower, upper = quartiles(data)
        answer = {"median": median(data), "lower quartile": lower, "upper quartile": upper}[measure]
        half = ordered[: n // 2] if measure != "upper quartile" else ordered[n // 2 :]
        raw_half = data[: n // 2] if measure != "upper quartile" else data[n // 2 :]
        return Draft(
            question=f"For a box plot of {listing([self.show(x) for x in data])}, what is the "
            f"{measure}?",
            answer=answer,
            solution=[
                f"Order the data: {listing([self.show(x) for x in ordered])}.",
                "The median is the middle of all the data"
                + ("." if measure == "median" else f"; the {measure} is the middle of that half."),
                f"The {measure} is {self.show(answer)}.",
            ],
            wrong=[
                (
                    median(data) if measure != "median" else None,
                    "took the median of the whole data set",
                ),
                (
                    median(raw_half)
                    if measure != "median"
                    else (data[n // 2 - 1] + data[n // 2]) / 2,
                    "did not order the data first",
                ),
                (
                    mean(half) if measure != "median" else mean(data),
                    "averaged instead of taking the middle value",
                ),
                (
                    ordered[0] if measure.startswith("lower") else ordered[-1],
                    "gave the end of the whisker instead",
                ),
            ],
            # the data as dots: a drawn box plot would show the quartile it asks for
            figure=plotted(data, self.show),
        )

    def _histogram(self, rng: Random) -> Draft:
        low = 10 * rng.randint(1, 4)
        high = low + 9
        while True:
            data = [Fraction(rng.randint(10, 59)) for _ in range(rng.randint(10, 12))]
            if sum(low <= x <= high for x in data) >= 2:
                break
        inside = sum(low <= x <= high for x in data)
        return Draft(
            question=f"The values are {listing([fmt(x) for x in data])}. How many of them fall "
            f"in the histogram bin from {low} to {high}?",
            answer=Fraction(inside),
            solution=[
                f"Count the values from {low} up to and including {high}.",
                f"There are {inside}.",
            ],
            wrong=[
                (
                    Fraction(sum(low <= x < high for x in data)),
                    "left out values equal to the end of the bin",
                ),
                (
                    Fraction(sum(low <= x <= high + 1 for x in data)),
                    "counted up to the start of the next bin",
                ),
                (
                    Fraction(sum(low + 10 <= x <= high + 10 for x in data)),
                    "counted the neighboring bin",
                ),
                (Fraction(10), "gave the width of the bin"),
                (Fraction(len(data)), "counted all the values"),
                (Fraction(len(data) - inside), "counted the values outside the bin"),
            ],
            # the data as dots: a drawn histogram would show the count it asks for
            figure=plotted(data, fmt),
        )

    def expected(self, core: ItemCore) -> Any:
        nums = rationals(core.numbers)
        if "histogram" in core.question:
            *data, low, high = nums
            return sympy.Integer(sum(1 for x in data if low <= x <= high))
        measure = question_part(
            core.question, r"what is the (median|lower quartile|upper quartile)\?"
        )[0]
        return _sym_spread(nums, measure)


class DescribeData(Family):
    """Summarizing data in context. Tiers: the interquartile range of 8 small values; the
    mean absolute deviation of 4 or 5 values; the IQR of larger values; the MAD of 8 values;
    how much the mean drops when an outlier is removed."""

    name = "describe_data"
    topic = "6.SP.B.5"
    style = "decimal"
    kinds = ("multiple_choice", "numeric", "short_answer")
    explain = "Explain what this number tells you about the data."
    context_hint = "describing what is typical in a data set collected about a group"
    strategy = "Order the data first, then find the measure the question asks for."

    def draft(self, tier: int, rng: Random) -> Draft:
        show = self.show
        if tier in (1, 3):
            data = whole_data(rng, 8, 1 if tier == 1 else 10, 30 if tier == 1 else 99)
            lower, upper = quartiles(data)
            answer = upper - lower
            raw = (median(data[:4]), median(data[4:]))
            return Draft(
                question=f"What is the interquartile range of {listing([show(x) for x in data])}?",
                answer=answer,
                solution=[
                    f"Order the data: {listing([show(x) for x in sorted(data)])}.",
                    f"Lower quartile {show(lower)}, upper quartile {show(upper)}: {show(upper)} "
                    f"- {show(lower)} = {show(answer)}.",
                ],
                wrong=[
                    (max(data) - min(data), "gave the range"),
                    (upper - median(data), "subtracted the median from the upper quartile"),
                    (abs(raw[1] - raw[0]), "found the quartiles without ordering the data"),
                    (upper, "gave the upper quartile"),
                ],
                figure=plotted(data, show),
                rubric=f"Gives {show(answer)} and says the middle half of the data spans "
                f"{show(answer)}; "
                "a larger interquartile range means the middle values are more spread out.",
            )
        if tier == 5:
            data = whole_data(rng, 4, 2, 20)
            outlier = Fraction(rng.randint(60, 99))
            before, after = mean([*data, outlier]), mean(data)
            answer = before - after
            values = listing([show(x) for x in [*data, outlier]])
            return Draft(
                question=f"By how much does the mean of {values} "
                f"decrease when {show(outlier)} is removed?",
                answer=answer,
                solution=[
                    f"Mean with {show(outlier)}: {show(before)}. Mean without it: {show(after)}.",
                    f"{show(before)} - {show(after)} = {show(answer)}.",
                ],
                wrong=[
                    (after, "gave the new mean instead of the change"),
                    (outlier / 5, "divided the outlier by the number of values"),
                    (before, "gave the original mean"),
                    (outlier - before, "subtracted the mean from the outlier"),
                ],
                figure=plotted([*data, outlier], show),
                rubric=f"Gives {show(answer)} and explains that the outlier {show(outlier)} "
                "pulls the mean up, so the "
                "mean is not typical of most values when an outlier is present.",
            )
        data = whole_data(rng, 8 if tier == 4 else rng.choice((4, 5)), 1, 30)
        center = mean(data)
        distances = [abs(x - center) for x in data]
        answer = mean(distances)
        return Draft(
            question=f"What is the mean absolute deviation of {listing([show(x) for x in data])}?",
            answer=answer,
            solution=[
                f"The mean is {show(center)}.",
                f"Distances from the mean: {listing([show(d) for d in distances])}.",
                f"Their mean is {show(answer)}.",
            ],
            wrong=[
                (center, "gave the mean instead"),
                (sum(distances, Fraction(0)), "did not divide the total distance by the count"),
                (mean([abs(x - median(data)) for x in data]), "measured distances from the median"),
                (Fraction(0), "left out the absolute values"),
            ],
            figure=plotted(data, show),
            rubric=f"Gives {show(answer)} and says the values are, on average, {show(answer)} "
            "away from the mean.",
        )

    def expected(self, core: ItemCore) -> Any:
        nums = rationals(core.numbers)
        if "decrease" in core.question:
            *data, removed = nums
            rest = list(data)
            rest.remove(removed)
            return _sym_spread(data, "mean") - _sym_spread(rest, "mean")
        measure = question_part(
            core.question, r"What is the (interquartile range|mean absolute deviation) of"
        )[0]
        return _sym_spread(nums, measure)


FAMILIES: tuple[type[Family], ...] = (LinePlot, CenterAndSpread, BoxPlot, DescribeData)
