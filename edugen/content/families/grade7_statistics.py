"""Grade-7 statistics and probability (7.SP): samples and what they support, comparing two
groups by their centers and spreads, probability as a number from 0 to 1, probability models
from equally likely outcomes or from observed counts, compound events and simulations.

Probabilities are exact fractions in lowest terms (a student may type any equal value). Every
family's `expected` reads the question's own words and numbers back and recounts with sympy
or by listing outcomes; none reuses the generator's arithmetic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from itertools import product
from random import Random
from typing import Any

import sympy

from edugen.content.cores import ItemCore
from edugen.content.families.base import Answer, Draft, Family, question_part
from edugen.content.families.common import Style, fmt, listing, rationals, to_sympy
from edugen.content.families.statistics import _sym_spread, mean, median
from edugen.content.figures import table
from edugen.content.figures.grade7_statistics_figs import box_plots, dot_plots
from edugen.content.figures.lines import covering

Wrong = list[tuple[Answer | None, str]]
ORDINAL = {2: "Two", 3: "Three", 4: "Four"}


def _listed(values: list[Fraction]) -> str:
    return listing([fmt(v) for v in values])


def _share(part: int, whole: int) -> str:
    """ "6/20 = 3/10", or just "3/10" when the fraction is already in lowest terms."""
    reduced = fmt(Fraction(part, whole))
    return reduced if reduced == f"{part}/{whole}" else f"{part}/{whole} = {reduced}"


def _sentences(question: str, head: str) -> dict[str, str]:
    """The labelled parts a question lists as "{head} 1: text. {head} 2: text." by label."""
    return dict(re.findall(rf"{head} (\d+): ([^.]+)\.", question))


# --- 7.SP.A.1 ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Population:
    """A population a survey wants to describe, and the ways a sample of it goes wrong."""

    who: str  # the population
    members: str  # what one member is called, plural
    about: str  # what the survey asks them
    roll: str  # a list of every member: picking at random from it is fair
    keen: str  # a group with a stake in the question
    part: str  # a small part of the population (after the members' name)
    bigpart: str  # a large part of the population
    volunteer: str  # members who choose to answer
    size: tuple[int, int]


POPULATIONS = (
    Population(
        "the students at a middle school",
        "students",
        "which new club the school should start",
        "a list of every student at the school",
        "members of the art club",
        "in one homeroom",
        "in the eighth grade",
        "students who answer a poll on the school website",
        (400, 900),
    ),
    Population(
        "the adults in a town",
        "adults",
        "whether the town should build a skate park",
        "the town's list of adult residents",
        "customers at the town's skate shop",
        "who live on one street",
        "who live downtown",
        "adults who call in to a radio show",
        (5000, 20000),
    ),
    Population(
        "the people who use a city library",
        "library users",
        "whether the library should open on Sundays",
        "a list of every library card holder",
        "people at the library on a Saturday",
        "who borrow books in the children's room",
        "who visit the main branch",
        "users who fill in a form on the library's website",
        (2000, 9000),
    ),
    Population(
        "the voters in a city",
        "voters",
        "whether the city should add a new bus line",
        "the city's list of registered voters",
        "riders waiting at the main bus station",
        "who live in one neighborhood",
        "who live on the east side",
        "voters who reply to an ad in the newspaper",
        (20000, 90000),
    ),
    Population(
        "the fans at a baseball game",
        "fans",
        "which foods the stadium should sell",
        "a list of every ticket sold for the game",
        "fans in line at the hot dog stand",
        "sitting in one row",
        "sitting in the upper deck",
        "fans who text a vote to the scoreboard",
        (8000, 40000),
    ),
    Population(
        "the seventh graders at a school",
        "seventh graders",
        "what their favorite sport is",
        "a list of every seventh grader at the school",
        "players on the soccer team",
        "in one math class",
        "who take a bus to school",
        "seventh graders who stop at a booth in the hall",
        (150, 400),
    ),
    Population(
        "the workers at a large company",
        "workers",
        "what the cafeteria should serve",
        "the company's list of every worker",
        "workers eating in the cafeteria on one day",
        "in one office",
        "in the main building",
        "workers who answer an email survey",
        (1000, 5000),
    ),
)
FAIR = "picked at random from"


class RepresentativeSample(Family):
    """Which sample can stand for a population. Tiers: a random sample against a club, a
    volunteer poll and one homeroom; the population's size is given too; a large sample from
    one part of the population; a random pick from one group, and a smaller fair sample; every
    wrong sample larger than the fair one."""

    name = "representative_sample"
    topic = "7.SP.A.1"
    kinds = ("multiple_choice",)
    context_hint = "a survey that wants to learn about a whole group from some of its members"
    strategy = (
        "Ask of each sample whether every member of the whole population had the same chance "
        "to be chosen."
    )
    biases = {
        1: ("keen", "volunteer", "part"),
        2: ("keen", "volunteer", "part"),
        3: ("keen", "volunteer", "bigpart"),
        4: ("narrow", "volunteer", "bigpart"),
        5: ("narrow", "keen", "bigpart"),
    }
    flaw = {
        "keen": "is a group with a stake in the question",
        "volunteer": "is made of volunteers, who tend to care most about the question",
        "part": "comes from one small part of the population",
        "bigpart": "is large, but leaves the rest of the population out",
        "narrow": "is picked at random, but only from one group",
    }
    why = {
        "keen": "chose a group with a special stake in the question",
        "volunteer": "chose volunteers, who tend to care most about the question",
        "part": "chose a sample from only one small part of the population",
        "bigpart": "thought a large sample makes up for leaving part of the population out",
        "narrow": "thought picking at random fixes a sample taken from one group",
    }

    def draft(self, tier: int, rng: Random) -> Draft:
        pop = rng.choice(POPULATIONS)
        total = rng.randint(*pop.size) // 10 * 10
        fair = rng.randint(4, 12) * 5 if tier <= 3 else rng.randint(2, 6) * 5
        sizes = [rng.randint(3, 16) * 5 for _ in range(3)]
        if tier >= 4:  # every other sample is larger than the fair one
            sizes = [fair + rng.randint(1, 8) * 5 for _ in range(3)]
        big = total // 10 * rng.randint(2, 4)
        said = {
            "fair": f"{fair} {pop.members} {FAIR} {pop.roll}",
            "keen": f"{sizes[0]} {pop.keen}",
            "volunteer": f"the first {sizes[1]} {pop.volunteer}",
            "part": f"{sizes[2]} {pop.members} {pop.part}",
            "bigpart": f"all {big} {pop.members} {pop.bigpart}",
            "narrow": f"{sizes[0]} {pop.members} picked at random from the {pop.keen}",
        }
        order = ["fair", *self.biases[tier]]
        rng.shuffle(order)
        label = {kind: i + 1 for i, kind in enumerate(order)}
        samples = " ".join(f"Sample {i + 1}: {said[kind]}." for i, kind in enumerate(order))
        count = f"There are {total} of them. " if tier >= 2 else ""
        return Draft(
            question=f"A survey will ask {pop.who} {pop.about}. {count}Which sample is most "
            f"likely to represent them all? {samples}",
            answer=Fraction(label["fair"]),
            solution=[
                "A sample represents a population only if every member of the population had "
                "the same chance to be in it.",
                *(
                    f"Sample {label[kind]} is biased: it {self.flaw[kind]}."
                    for kind in self.biases[tier]
                ),
                f"Sample {label['fair']} is picked at random from a list of the whole population.",
            ],
            wrong=[(Fraction(label[kind]), self.why[kind]) for kind in self.biases[tier]],
        )

    def expected(self, core: ItemCore) -> Any:
        fair = [
            label
            for label, text in _sentences(core.question, "Sample").items()
            if FAIR in text and not text.startswith("the first") and "list" in text
        ]
        if len(fair) != 1:
            raise ValueError(f"not exactly one fair sample: {fair}")
        return sympy.Integer(fair[0])


# --- 7.SP.A.2 ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Trait:
    """Some members of a population have a trait; a random sample counts them."""

    whole: str  # "students at a school"
    noun: str  # "students"
    has: str  # "walk to school"
    lacks: str  # "do not walk to school"
    size: tuple[int, int]  # population size, in units of the sample size


TRAITS = (
    Trait("students at a school", "students", "walk to school", "do not walk to school", (8, 30)),
    Trait("apples in a shipment", "apples", "are bruised", "are not bruised", (20, 80)),
    Trait("light bulbs made in a day", "bulbs", "are faulty", "are not faulty", (30, 120)),
    Trait("voters in a town", "voters", "favor a new park", "do not favor a new park", (40, 150)),
    Trait("trees in a forest", "trees", "are oaks", "are not oaks", (50, 200)),
    Trait("fans at a concert", "fans", "came by train", "did not come by train", (20, 90)),
)
WILD = (
    ("fish", "a lake"),
    ("turtles", "a pond"),
    ("deer", "a park"),
    ("rabbits", "a field"),
    ("frogs", "a marsh"),
)


class SampleInference(Family):
    """Estimates from random samples. Tiers: scale a small sample's count up to the
    population; larger samples and populations; the members without the trait; the mean of
    three samples of the same size; tag and recapture to estimate a wild population."""

    name = "sample_inference"
    topic = "7.SP.A.2"
    context_hint = "estimating a count in a large group from random samples"
    strategy = (
        "The share of the sample with the trait estimates the share of the whole population; "
        "scale it up."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier == 5:
            return self._recapture(rng)
        t = rng.choice(TRAITS)
        n = rng.choice((10, 20, 25, 50) if tier == 1 else (40, 60, 80, 120, 150, 200))
        total = n * rng.randint(*t.size) // (2 if tier > 1 else 1)
        if tier == 4:
            return self._three(t, n, total, rng)
        while True:
            k = rng.randint(max(2, n // 20), n * 7 // 10)
            if (k * total) % n == 0:
                break
        share = Fraction(k, n) if tier != 3 else Fraction(n - k, n)
        answer = share * total
        ask = t.has if tier != 3 else t.lacks
        return Draft(
            question=f"In a random sample of {n} of the {total} {t.whole}, {k} {t.has}. "
            f"Estimate how many of the {total} {t.noun} {ask}.",
            answer=answer,
            solution=[
                f"In the sample, {k} of {n} {t.has}"
                + (f", so {n - k} of {n} {t.lacks}." if tier == 3 else "."),
                f"That share of all {total}: {fmt(share)} × {total} = {fmt(answer)}.",
            ],
            wrong=[
                (Fraction(k * total, n) if tier == 3 else None, f"found how many {t.has}"),
                (Fraction(k), "gave the sample's count without scaling it up"),
                (Fraction(total - k), "subtracted the sample's count from the population"),
                (Fraction(k * n), "multiplied the count by the sample size"),
                (Fraction(total, k), "divided the population by the count"),
                (Fraction(total - n + k), "added the members not sampled to the count"),
            ],
        )

    def _three(self, t: Trait, n: int, total: int, rng: Random) -> Draft:
        while True:
            counts = [rng.randint(max(2, n // 10), n * 6 // 10) for _ in range(3)]
            if len(set(counts)) == 3 and (sum(counts) * total) % (3 * n) == 0:
                break
        a, b, c = counts
        average = Fraction(sum(counts), 3)
        answer = average * total / n
        return Draft(
            question=f"Three random samples of {n} were taken from the {total} {t.whole}. "
            f"In them, {a}, {b} and {c} {t.noun} {t.has}. Using the mean of the three samples, "
            f"estimate how many of the {total} {t.noun} {t.has}.",
            answer=answer,
            solution=[
                f"The mean count is ({a} + {b} + {c}) ÷ 3 = {fmt(average)} of {n}.",
                f"Scale up: {fmt(average)} ÷ {n} × {total} = {fmt(answer)}.",
            ],
            wrong=[
                (Fraction(a * total, n), "used only the first sample"),
                (Fraction(sum(counts) * total, n), "added the counts but divided by one sample"),
                (Fraction(max(counts) * total, n), "used the sample with the largest count"),
                (average, "gave the mean count without scaling it up"),
            ],
        )

    def _recapture(self, rng: Random) -> Draft:
        animals, place = rng.choice(WILD)
        while True:
            tagged, caught = rng.randint(4, 30) * 5, rng.randint(6, 25) * 5
            again = rng.randint(2, caught // 4)
            if (tagged * caught) % again == 0 and tagged * caught // again > tagged + caught:
                break
        answer = Fraction(tagged * caught, again)
        return Draft(
            question=f"Biologists tag {tagged} {animals} in {place} and let them go. Later they "
            f"catch {caught} {animals} at random, and {again} of them have tags. Estimate how "
            f"many {animals} live in {place.replace('a ', 'the ', 1)}.",
            answer=answer,
            solution=[
                f"The share of tagged {animals} in the catch, {again} of {caught}, estimates "
                f"the share of tagged {animals} in all of {place.replace('a ', 'the ', 1)}.",
                f"So {tagged} is about {again}/{caught} of them all: {tagged} × {caught} ÷ "
                f"{again} = {fmt(answer)}.",
            ],
            wrong=[
                (Fraction(tagged * again, caught), "set up the proportion upside down"),
                (Fraction(tagged + caught), "added the two counts"),
                (Fraction(tagged * caught), "multiplied the counts without dividing"),
                (
                    Fraction(tagged * caught, caught - again),
                    "divided by the untagged animals instead of the tagged ones",
                ),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        q, n = core.question, rationals(core.numbers)
        if q.startswith("Biologists"):
            tagged, caught, again = n
            return tagged * caught / again
        if q.startswith("Three"):
            size, total, a, b, c, _ = n
            return (a + b + c) / 3 / size * total
        size, total, k, _ = n
        share = k / size
        return (1 - share if " not " in q.rsplit(".", 2)[-2] else share) * total


# --- 7.SP.B.3 and 7.SP.B.4 --------------------------------------------------------------------


@dataclass(frozen=True)
class Groups:
    """Two groups measured the same way, each named briefly for a figure."""

    what: str  # "heights, in inches,"
    a: str
    b: str
    unit: str
    low: int
    high: int


GROUPS = (
    Groups("heights, in inches,", "Basketball", "Soccer", "inches", 56, 84),
    Groups("quiz scores", "Class A", "Class B", "points", 40, 100),
    Groups("fish lengths, in centimeters,", "North pond", "South pond", "centimeters", 10, 60),
    Groups("jump distances, in inches,", "Team A", "Team B", "inches", 40, 110),
    Groups("plant heights, in centimeters,", "Sun", "Shade", "centimeters", 10, 70),
    Groups("minutes spent reading", "Oak School", "Elm School", "minutes", 5, 75),
    Groups("commute times, in minutes,", "Train", "Bus", "minutes", 10, 70),
)


def _data_with_whole_mean(rng: Random, n: int, low: int, high: int) -> list[Fraction]:
    """n whole values in [low, high], at least three different, whose mean is whole."""
    while True:
        xs = [rng.randint(low, high) for _ in range(n - 1)]
        last = (-sum(xs)) % n + low
        while last <= high and (sum(xs) + last) % n:
            last += 1
        if last <= high and len({*xs, last}) >= 3:
            data = [Fraction(x) for x in [*xs, last]]
            rng.shuffle(data)
            return data


def mad(xs: list[Fraction]) -> Fraction:
    center = mean(xs)
    return mean([abs(x - center) for x in xs])


def _two_plots(g: Groups, a: list[Fraction], b: list[Fraction]) -> Any:
    low, high = covering([*a, *b])
    return dot_plots([(g.a, a), (g.b, b)], low=low, high=high, unit=g.unit, show=fmt)


class CentersInMads(Family):
    """Two groups with the same spread: the gap between their means as a multiple of the
    mean absolute deviation. Tiers: means and deviation given; the deviation given; both
    found, whole multiple; a fraction multiple; a mirrored second group and more values."""

    name = "centers_in_mads"
    topic = "7.SP.B.3"
    context_hint = "two groups whose data overlap, compared by how far apart their centers are"
    strategy = (
        "Find the difference between the means, then divide it by the mean absolute deviation "
        "the groups share."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        n = {1: 5, 2: 5, 3: 6, 4: 6, 5: 8}[tier]
        while True:
            g = rng.choice(GROUPS)
            a = _data_with_whole_mean(rng, n, g.low, (g.low + g.high) // 2)
            spread = mad(a)
            if spread < 2 or (tier <= 3 and spread.denominator > 1):
                continue
            if tier <= 3:
                gap = spread * rng.randint(1, 4)
            else:
                gap = Fraction(rng.randint(2, 30))
                ratio = gap / spread
                if ratio.denominator == 1 or ratio.denominator > 4 or not 1 < ratio < 5:
                    continue
            if tier == 5:  # a mirror image spreads the same
                b = [2 * mean(a) + gap - x for x in a]
            else:
                b = [x + gap for x in a]
            rng.shuffle(b)
            if max(b) <= g.high and min(b) >= g.low:
                break
        ma, mb = mean(a), mean(b)
        answer = gap / spread
        head = f"{g.what.capitalize()} for two groups. {g.a}: {_listed(a)}. {g.b}: {_listed(b)}."
        if tier == 1:
            given = (
                f" The {g.a} mean is {fmt(ma)} and the {g.b} mean is {fmt(mb)}; each has a "
                f"mean absolute deviation of {fmt(spread)}."
            )
        elif tier == 2:
            given = f" Each group has a mean absolute deviation of {fmt(spread)}."
        else:
            given = " Both groups have the same mean absolute deviation."
        spread_a = max(a) - min(a)
        return Draft(
            question=f"{head}{given} The difference between the means is how many times the "
            "mean absolute deviation?",
            answer=answer,
            solution=[
                "Find each mean: add the values and divide by how many there are.",
                f"The means are {fmt(ma)} and {fmt(mb)}, so they differ by {fmt(gap)}.",
                f"The mean absolute deviation is {fmt(spread)}; {fmt(gap)} ÷ {fmt(spread)} = "
                f"{fmt(answer)}.",
            ],
            wrong=[
                (gap, "gave the difference of the means, not a multiple of the deviation"),
                (spread / gap, "divided the deviation by the difference of the means"),
                (gap / (2 * spread), "added the two groups' deviations before dividing"),
                (gap / spread_a, "used the range instead of the mean absolute deviation"),
                (mb / spread, "divided a mean, not the difference, by the deviation"),
            ],
            figure=_two_plots(g, a, b),
        )

    def expected(self, core: ItemCore) -> Any:
        a, b = _two_lists(core.question)
        gap = abs(_sym_spread(a, "mean") - _sym_spread(b, "mean"))
        return gap / _sym_spread(a, "mean absolute deviation")


def _two_lists(question: str) -> tuple[list[Any], list[Any]]:
    """The two groups' data as a question lists them: "Name: 1, 2, 3. Name: 4, 5, 6."."""
    found = re.findall(r": ((?:[\d./]+, )+[\d./]+)\.", question)
    if len(found) != 2:
        raise ValueError("the question does not list two groups")
    return [[to_sympy(v) for v in part.split(", ")] for part in found]  # type: ignore[return-value]


def _five(rng: Random, low: int, high: int) -> list[Fraction]:
    """A five-number summary of whole values inside [low, high], with room between them."""
    while True:
        cuts = sorted(rng.sample(range(low, high + 1), 5))
        if min(q - p for p, q in zip(cuts, cuts[1:], strict=False)) >= 2:
            return [Fraction(c) for c in cuts]


class ComparePopulations(Family):
    """Two random samples compared by a measure of center or spread. Tiers: the medians of
    seven values each; the means; the interquartile ranges of two box plots; the mean absolute
    deviations; the medians of eight values each."""

    name = "compare_populations"
    topic = "7.SP.B.4"
    context_hint = "two groups compared through random samples drawn from each"
    strategy = (
        "Work out the measure the question names for each sample on its own, then subtract "
        "the smaller from the larger."
    )
    measures = {
        1: "median",
        2: "mean",
        3: "interquartile range",
        4: "mean absolute deviation",
        5: "median",
    }

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier == 3:
            return self._boxes(rng)
        measure = self.measures[tier]
        n = {1: 7, 2: 6, 4: 5, 5: 8}[tier]
        find = {"median": median, "mean": mean, "mean absolute deviation": mad}[measure]
        while True:
            g = rng.choice(GROUPS)
            whole = measure != "median"
            a, b = (
                _data_with_whole_mean(rng, n, g.low, g.high)
                if whole
                else [Fraction(rng.randint(g.low, g.high)) for _ in range(n)]
                for _ in range(2)
            )
            if find(a) == find(b):
                continue
            if find(a) < find(b):
                a, b = b, a
            answer = find(a) - find(b)
            if answer.denominator <= 2 and (measure != "median" or median(a) != a[n // 2]):
                break
        middle = (a[(n - 1) // 2] + a[n // 2]) / 2 - (b[(n - 1) // 2] + b[n // 2]) / 2
        spread_gap = (max(a) - min(a)) - (max(b) - min(b))
        options: dict[str, Wrong] = {
            "median": [
                (mean(a) - mean(b), "compared the means instead of the medians"),
                (abs(middle), "did not order the data before finding the middle"),
                (median(a), "gave one median, not the difference"),
                (abs(max(a) - max(b)), "compared the greatest values"),
            ],
            "mean": [
                (median(a) - median(b), "compared the medians instead of the means"),
                (
                    abs(sum(a, Fraction(0)) - sum(b, Fraction(0))),
                    "compared the totals instead of the means",
                ),
                (mean(a), "gave one mean, not the difference"),
                (abs(max(a) - max(b)), "compared the greatest values"),
            ],
            "mean absolute deviation": [
                (abs(spread_gap), "compared the ranges instead of the deviations"),
                (abs(mean(a) - mean(b)), "compared the means instead of the deviations"),
                (mad(a), "gave one deviation, not the difference"),
                (answer * n, "did not divide the total distance by the count"),
            ],
        }
        wrong = options[measure]
        return Draft(
            question=f"{g.what.capitalize()} for random samples from two groups. {g.a}: "
            f"{_listed(a)}. {g.b}: {_listed(b)}. How much greater is the {measure} of the "
            f"{g.a} sample than the {measure} of the {g.b} sample?",
            answer=answer,
            solution=[
                f"Find the {measure} of each sample on its own"
                + (", after putting the values in order." if measure == "median" else "."),
                f"{g.a}: {fmt(find(a))}. {g.b}: {fmt(find(b))}.",
                f"{fmt(find(a))} - {fmt(find(b))} = {fmt(answer)}.",
            ],
            wrong=wrong,
            figure=_two_plots(g, a, b),
            style="decimal" if answer.denominator > 1 else None,
        )

    def _boxes(self, rng: Random) -> Draft:
        while True:
            g = rng.choice(GROUPS)
            a, b = _five(rng, g.low, g.high), _five(rng, g.low, g.high)
            if a[3] - a[1] < b[3] - b[1]:
                a, b = b, a
            answer = (a[3] - a[1]) - (b[3] - b[1])
            if answer > 0:
                break
        names = ("lowest", "lower quartile", "median", "upper quartile", "highest")

        def said(summary: list[Fraction]) -> str:
            return ", ".join(f"{n} {fmt(v)}" for n, v in zip(names, summary, strict=True))

        return Draft(
            question=f"Box plots show {g.what} for random samples from two groups. "
            f"{g.a}: {said(a)}. {g.b}: {said(b)}. How much greater is the interquartile range "
            f"of the {g.a} sample than that of the {g.b} sample?",
            answer=answer,
            solution=[
                "The interquartile range is the upper quartile minus the lower quartile.",
                f"{g.a}: {fmt(a[3])} - {fmt(a[1])} = {fmt(a[3] - a[1])}. {g.b}: {fmt(b[3])} - "
                f"{fmt(b[1])} = {fmt(b[3] - b[1])}.",
                f"The difference is {fmt(answer)}.",
            ],
            wrong=[
                (abs(a[2] - b[2]), "compared the medians instead of the spreads"),
                (abs((a[4] - a[0]) - (b[4] - b[0])), "compared the ranges instead"),
                (a[3] - a[1], "gave one interquartile range, not the difference"),
                (abs(a[3] - b[3]), "compared only the upper quartiles"),
            ],
            figure=box_plots(
                [(g.a, a), (g.b, b)], low=covering(a + b)[0], high=covering(a + b)[1], show=fmt
            ),
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        measure = question_part(q, r"How much greater is the ([a-z ]+?) of the")[0]
        if q.startswith("Box plots show"):
            uppers = re.findall(r"upper quartile (\d+)", q)
            lowers = re.findall(r"lower quartile (\d+)", q)
            a, b = (to_sympy(u) - to_sympy(v) for u, v in zip(uppers, lowers, strict=True))
            return a - b
        first, second = _two_lists(q)
        return _sym_spread(first, measure) - _sym_spread(second, measure)


# --- 7.SP.C.5 ---------------------------------------------------------------------------------

EVENTS = (
    "rain tomorrow",
    "the bus arriving on time",
    "our team winning on Friday",
    "a seed sprouting",
    "a power cut tonight",
    "the test being moved",
    "the library opening on Saturday",
    "a package arriving today",
)
# A word for how likely, and the numbers it allows, as (low, high, closed).
WORDS = {
    "likely": (Fraction(1, 2), Fraction(1), False),
    "unlikely": (Fraction(0), Fraction(1, 2), False),
    "impossible": (Fraction(0), Fraction(0), True),
    "certain": (Fraction(1), Fraction(1), True),
    "more likely than not": (Fraction(1, 2), Fraction(1), False),
    "less likely than not": (Fraction(0), Fraction(1, 2), False),
    "just as likely as not": (Fraction(1, 2), Fraction(1, 2), True),
}
GAMES = ("ring toss", "duck pond", "dart throw", "coin roll", "bean bag toss", "fishing game")


class Likelihood(Family):
    """Probability as a number from 0 to 1. Tiers: a number for likely, unlikely, impossible
    or certain; for more or less likely than not, with values near one half; the bag that
    makes red more likely; the most likely of three games; the least likely of three, written
    as a fraction, a decimal and a percent."""

    name = "likelihood"
    topic = "7.SP.C.5"
    kinds = ("multiple_choice",)
    nonnegative = False
    context_hint = "how likely everyday events are, on a scale from 0 to 1"
    strategy = (
        "Place each choice on the scale from impossible to certain; a greater probability "
        "means a more likely event."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier >= 3:
            return (self._bags, self._games, self._games)[tier - 3](tier, rng)
        words = list(WORDS)[:4] if tier == 1 else list(WORDS)[4:]
        word = rng.choice(words)
        low, high, _ = WORDS[word]
        style: Style = rng.choice(("fraction", "decimal"))
        denominators = (4, 5, 10) if tier == 1 else (5, 8, 10, 20, 25)
        p = low
        while low < high:
            d = rng.choice(denominators)
            p = Fraction(rng.randint(1, d - 1), d)
            if low < p < high and (tier == 1 or abs(p - Fraction(1, 2)) <= Fraction(1, 5)):
                break
        tiny = Fraction(1, rng.choice((20, 50, 100)))
        wrong: Wrong
        if low == high:
            by_value: dict[Fraction, Wrong] = {
                Fraction(0): [
                    (Fraction(1), "mixed up impossible and certain"),
                    (tiny, "thought a very small chance means impossible"),
                    (Fraction(-1), "thought an impossible event has a negative probability"),
                ],
                Fraction(1): [
                    (Fraction(0), "mixed up certain and impossible"),
                    (1 - tiny, "thought a very large chance means certain"),
                    (Fraction(100), "wrote a certain event as one hundred instead of one"),
                ],
                Fraction(1, 2): [
                    (Fraction(1), "thought an even chance means the event will happen"),
                    (Fraction(2), "gave the number of ways it can turn out"),
                    (Fraction(0), "thought an even chance means the event will not happen"),
                ],
            }
            wrong = by_value[p]
            style = "fraction" if p != Fraction(1, 2) else style
        else:
            wrong = [
                (1 - p, "mixed up more likely and less likely"),
                (Fraction(1, 2), f"thought an even chance counts as {word}"),
                (1 / p, "thought a probability can be greater than 1"),
                (-p, "thought a probability can be negative"),
            ]
        event = rng.choice(EVENTS)
        return Draft(
            question=(
                f"Someone says {event} is {word}. Which number could be the chance that it happens?"
            ),
            answer=p,
            solution=[
                "Probabilities run from 0 for impossible to 1 for certain; one half means as "
                "likely as not.",
                f"{word.capitalize()} means {_range_words(word)}, so the answer is "
                f"{fmt(p, style)}.",
            ],
            wrong=wrong,
            style=style,
        )

    def _bags(self, tier: int, rng: Random) -> Draft:
        while True:
            r1, g1, r2, g2 = (rng.randint(1, 15) for _ in range(4))
            p1, p2 = Fraction(r1, r1 + g1), Fraction(r2, r2 + g2)
            if r1 > r2 and p1 < p2:  # the bag with more red is the worse bet
                break
        bags = [(r1, g1), (r2, g2)]
        if rng.random() < 0.5:
            bags.reverse()
        (ra, ga), (rb, gb) = bags
        best = max(p1, p2)
        return Draft(
            question=f"Bag A holds {ra} red and {ga} green marbles. Bag B holds {rb} red and "
            f"{gb} green marbles. You draw one marble at random from the bag that makes red "
            "more likely. What is the probability of red from that bag?",
            answer=best,
            solution=[
                "Compare the share of red in each bag, not the number of red marbles.",
                f"Bag A: {ra}/{ra + ga}. Bag B: {rb}/{rb + gb}.",
                f"The greater is {fmt(best)}.",
            ],
            wrong=[
                (p1, "chose the bag with more red marbles, not the greater share"),
                (Fraction(r2, g2), "compared red to green instead of to all the marbles"),
                (1 - best, "gave the probability of green"),
                (Fraction(r1 + r2, r1 + g1 + r2 + g2), "put both bags together"),
            ],
        )

    def _games(self, tier: int, rng: Random) -> Draft:
        denominators = (3, 4, 5, 6, 7, 8, 9, 10) if tier == 4 else (4, 5, 8, 10, 20, 25)
        while True:
            chances = []
            for _ in range(3):
                d = rng.choice(denominators)
                chances.append(Fraction(rng.randint(1, d - 1), d))
            if len(set(chances)) < 3 or len({c.denominator for c in chances}) < 3:
                continue
            key = max(chances) if tier == 4 else min(chances)
            by_top = max(chances, key=lambda c: (c.numerator, c.denominator))
            if tier == 5 or (by_top != key and max(chances, key=lambda c: c.denominator) != key):
                break
        games = rng.sample(GAMES, 3)
        if tier == 4:
            written = [fmt(c) for c in chances]
        else:
            forms = rng.sample(("fraction", "decimal", "percent"), 3)
            written = [
                fmt(c * 100) + "%"
                if f == "percent"
                else fmt(c, "decimal" if f == "decimal" else "fraction")
                for c, f in zip(chances, forms, strict=True)
            ]
        listed = "; ".join(f"the {game}, {text}" for game, text in zip(games, written, strict=True))
        most = "most" if tier == 4 else "least"
        ordered = sorted(chances)
        style: Style = "decimal" if tier == 5 else "fraction"
        wrong: Wrong = [
            (
                min(chances) if tier == 4 else max(chances),
                f"picked the game you are {'least' if tier == 4 else 'most'} likely to win",
            ),
            (ordered[1], "picked the game in the middle"),
            (1 - key, "gave the chance of losing that game"),
        ]
        if tier == 4:
            wrong.insert(0, (by_top, "compared the numerators only"))
            wrong.insert(
                1,
                (
                    max(chances, key=lambda c: c.denominator),
                    "thought a larger denominator means more likely",
                ),
            )
        return Draft(
            question=f"The chances of winning three fair games are: {listed}. What is the "
            f"probability of winning the game you are {most} likely to win?",
            answer=key,
            solution=[
                "Write the chances the same way, for example as fractions with one denominator "
                "or as decimals, before you compare them.",
                f"In order: {listing([fmt(c, style) for c in ordered])}.",
                f"The {most} likely game has probability {fmt(key, style)}.",
            ],
            wrong=wrong,
            style=style,
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        if q.startswith("Someone says"):
            word = question_part(q, r" is ([a-z ]+)\. Which")[0]
            low, high, closed = WORDS[word]
            if closed:
                return sympy.FiniteSet(sympy.Rational(low))
            return sympy.Interval.open(sympy.Rational(low), sympy.Rational(high))
        if q.startswith("Bag A"):
            ra, ga, rb, gb = rationals(core.numbers)
            return sympy.FiniteSet(max(ra / (ra + ga), rb / (rb + gb)))
        chances = [
            to_sympy(text[:-1]) / 100 if text.endswith("%") else to_sympy(text)
            for text in re.findall(r", ([\d./]+%?)(?=;|\.)", q.split(": ", 1)[1])
        ]
        return sympy.FiniteSet(max(chances) if "most likely to win" in q else min(chances))

    def accepts(self, value: Any, expected: Any) -> bool:
        return bool(expected.contains(value))


def _range_words(word: str) -> str:
    low, high, closed = WORDS[word]
    if closed:
        return f"exactly {fmt(low)}"
    return f"between {fmt(low)} and {fmt(high)}"


# --- 7.SP.C.6 ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Chance:
    """A chance process run many times: what happened, the event's name, a prediction."""

    ran: str  # uses {n} trials and {k} times the event happened
    event: str
    ask: str  # uses {N}, the new number of trials


CHANCES = (
    Chance(
        "A spinner was spun {n} times and landed on blue {k} times.",
        "landing on blue",
        "About how many times would it land on blue in {N} spins?",
    ),
    Chance(
        "A thumbtack was tossed {n} times and landed point up {k} times.",
        "landing point up",
        "About how many times would it land point up in {N} tosses?",
    ),
    Chance(
        "A player took {n} free throws and made {k} of them.",
        "making a free throw",
        "About how many would the player make in {N} free throws?",
    ),
    Chance(
        "A paper cup was tossed {n} times and landed on its side {k} times.",
        "landing on its side",
        "About how many times would it land on its side in {N} tosses?",
    ),
    Chance(
        "A machine made {n} parts and {k} of them were faulty.",
        "a faulty part",
        "About how many faulty parts would it make in {N} parts?",
    ),
    Chance(
        "A gardener planted {n} seeds and {k} of them sprouted.",
        "a seed sprouting",
        "About how many of {N} seeds would sprout?",
    ),
)


class RelativeFrequency(Family):
    """Probability from long-run relative frequency, and predictions from it. Tiers: the
    relative frequency of an event; the expected count in more trials; the expected count from
    a stated probability; larger runs; how far a fair device's results are from its
    prediction."""

    name = "relative_frequency"
    topic = "7.SP.C.6"
    context_hint = "repeating a chance process many times and counting what happens"
    strategy = (
        "Divide the times the event happened by the number of trials; that share predicts "
        "what happens in other runs."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier == 5:
            return self._fair(rng)
        c = rng.choice(CHANCES)
        while True:
            n = rng.choice((20, 25, 40, 50) if tier <= 3 else (80, 120, 150, 200, 250))
            k = rng.randint(n // 10, n * 9 // 10)
            many = rng.choice((100, 200, 300, 400, 500, 600)) * (1 if tier <= 3 else 5)
            share = Fraction(k, n)
            if (share * many).denominator == 1 and share.denominator > 1:
                break
        ran = c.ran.format(n=n, k=k)
        if tier == 1:
            return Draft(
                question=f"{ran} What is the relative frequency of {c.event}?",
                answer=share,
                solution=[
                    f"Relative frequency = times it happened ÷ trials = {k}/{n}.",
                    f"In lowest terms, {fmt(share)}.",
                ],
                wrong=[
                    (Fraction(k, n - k), "compared to the other results instead of all trials"),
                    (Fraction(n - k, n), "gave the frequency of the other result"),
                    (Fraction(n, k), "divided the trials by the count"),
                    (Fraction(k, 100), "wrote the count as a part of one hundred"),
                ],
            )
        answer = share * many
        if tier == 3:
            p = fmt(share, "decimal") if (share * 100).denominator == 1 else fmt(share)
            question = f"The probability of {c.event} is {p}. {c.ask.format(N=many)}"
            first = f"Multiply the probability by the number of trials: {p} × {many}."
            shown = p
            wrong: Wrong = [
                (many - answer, "found how many times the event would not happen"),
                (share * 100 if share * 100 != answer else None, "read the probability as a count"),
                (share * many * 100, "multiplied by the percent without dividing by one hundred"),
                (Fraction(many, 2), "assumed an even chance"),
            ]
        else:
            question = f"{ran} {c.ask.format(N=many)}"
            first = f"The relative frequency is {k}/{n}; multiply it by {many}."
            shown = fmt(share)
            wrong = [
                (many - answer, "found how many times the event would not happen"),
                (Fraction(k + many - n), "added the extra trials to the count"),
                (Fraction(k), "kept the count from the first trials"),
                (Fraction(k * many), "multiplied the count by the new trials without dividing"),
            ]
        return Draft(
            question=question,
            answer=answer,
            solution=[first, f"{shown} × {many} = {fmt(answer)}."],
            wrong=wrong,
        )

    def _fair(self, rng: Random) -> Draft:
        kind = rng.choice(("cube", "coin", "spinner"))
        sides = {"cube": 6, "coin": 2, "spinner": rng.choice((4, 5, 8, 10))}[kind]
        while True:
            trials = sides * rng.randint(6, 60)
            predicted = Fraction(trials, sides)
            k = int(predicted) + rng.choice((-1, 1)) * rng.randint(2, max(3, trials // 12))
            if 0 < k < trials:
                break
        face = rng.randint(1, 6)
        ran = {
            "cube": f"A fair number cube is rolled {trials} times and lands on {face} {k} times.",
            "coin": f"A fair coin is tossed {trials} times and lands heads {k} times.",
            "spinner": f"A spinner with {sides} equal sections, one of them red, is spun "
            f"{trials} times and lands on red {k} times.",
        }[kind]
        more = "more" if k > predicted else "fewer"
        answer = abs(k - predicted)
        return Draft(
            question=f"{ran} How many {more} times is that than the probability predicts?",
            answer=answer,
            solution=[
                f"Each result has probability 1/{sides}, so the prediction is {trials} ÷ "
                f"{sides} = {fmt(predicted)}.",
                f"The difference is {fmt(answer)}.",
            ],
            wrong=[
                (predicted, "gave the predicted count instead of the difference"),
                (Fraction(trials - k), "counted the times it did not land that way"),
                (abs(k - Fraction(trials, 2)) if sides != 2 else None, "used a chance of one half"),
                (Fraction(k), "gave the observed count"),
                (abs(k - Fraction(trials, sides + 1)), "counted one outcome too many"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        q, n = core.question, rationals(core.numbers)
        if q.startswith("A fair number cube"):
            trials, _, k = n
            return abs(k - trials / 6)
        if q.startswith("A fair coin"):
            trials, k = n
            return abs(k - trials / 2)
        if "equal sections, one of them red" in q:
            sides, trials, k = n
            return abs(k - trials / sides)
        if q.startswith("The probability"):
            p, many = n
            return p * many
        trials, k, *rest = n
        return k / trials * (rest[0] if rest else 1)


# --- 7.SP.C.7.a -------------------------------------------------------------------------------

COLORS = ("red", "blue", "green", "yellow", "white", "black", "purple", "orange")
WORDS_WITH_REPEATS = (
    "STATISTICS",
    "PROBABILITY",
    "MISSISSIPPI",
    "BANANA",
    "TENNESSEE",
    "COMMITTEE",
    "BOOKKEEPER",
    "PEPPERMINT",
    "ASSESSMENT",
    "EXCELLENT",
    "ADDITION",
    "DIVISION",
    "PARALLEL",
    "PERCENTAGE",
)
VOWELS = set("AEIOU")


def _condition(rng: Random, top: int, tier: int) -> tuple[str, set[int]]:
    """An event on the numbers 1 to top, in words, and the numbers for which it holds."""
    numbers = range(1, top + 1)
    kinds = ["greater", "less", "even", "odd"] if tier == 2 else ["multiple", "prime", "greater"]
    kind = rng.choice(kinds)
    if kind == "greater":
        t = rng.randint(2, top - 2)
        return f"a number greater than {t}", {x for x in numbers if x > t}
    if kind == "less":
        t = rng.randint(3, top - 1)
        return f"a number less than {t}", {x for x in numbers if x < t}
    if kind in ("even", "odd"):
        return f"an {kind} number", {x for x in numbers if x % 2 == (kind == "odd")}
    if kind == "multiple":
        d = rng.randint(3, 6)
        return f"a multiple of {d}", {x for x in numbers if x % d == 0}
    return "a prime number", {x for x in numbers if sympy.isprime(x)}


class UniformProbability(Family):
    """Equally likely outcomes: the probability of an event is its share of them. Tiers: a
    color from a bag; a number on a spinner; a card numbered up to thirty; a letter of a
    word; a card that fits one condition or another."""

    name = "uniform_probability"
    topic = "7.SP.C.7.a"
    context_hint = (
        "drawing from bags, spinners, cards or letter tiles where every item is equally likely"
    )
    strategy = (
        "Count the equally likely outcomes, count those that fit the event, and write the "
        "second count over the first."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier == 1:
            return self._bag(rng)
        if tier == 4:
            return self._word(rng)
        top = rng.choice((5, 6, 8, 9, 10, 12, 15, 16)) if tier == 2 else rng.randint(10, 30)
        what, fits = _condition(rng, top, tier)
        thing = (
            f"A spinner has {top} equal sections numbered 1 to {top}."
            if tier == 2
            else (f"Cards numbered 1 to {top} are shuffled.")
        )
        count = len(fits)
        other: set[int] = set()
        if tier == 5:
            # A second condition that overlaps the first only in part; some first conditions
            # have none among the conditions (then a new first condition is drawn).
            for _ in range(40):
                what2, other = _condition(rng, top, 3)
                if what2 != what and other - fits and fits - other and fits & other:
                    break
            else:
                return self.draft(tier, rng)
            what = f"{what} or {what2}"
        answer = Fraction(len(fits | other), top)
        if not 0 < answer < 1:
            return self.draft(tier, rng)
        pick = "spinning" if tier == 2 else "drawing"
        wrong: Wrong = [
            (1 - answer, "gave the probability of the other outcomes"),
            (Fraction(1, top), "counted one outcome instead of all that fit"),
        ]
        if tier == 5:
            wrong = [
                (Fraction(count + len(other), top), "counted the outcomes that fit both twice"),
                (Fraction(len(fits & other), top), "counted only the outcomes that fit both"),
                (Fraction(count, top), "counted only the first condition"),
                *wrong,
            ]
        else:
            near = re.search(r"than (\d+)", what)
            edge = int(near[1]) if near else None
            wrong += [
                (
                    Fraction(count + 1, top) if edge is not None else None,
                    f"counted {edge} itself as fitting",
                ),
                (Fraction(count, top - count), "compared to the outcomes that do not fit"),
                (Fraction(count + 1, top) if "prime" in what else None, "counted 1 as a prime"),
            ]
        return Draft(
            question=f"{thing} What is the probability of {pick} {what}?",
            answer=answer,
            solution=[
                f"There are {top} equally likely outcomes.",
                f"{len(fits | other)} of them fit: "
                f"{listing([str(x) for x in sorted(fits | other)])}.",
                f"The probability is {len(fits | other)}/{top} = {fmt(answer)}.",
            ],
            wrong=wrong,
        )

    def _bag(self, rng: Random) -> Draft:
        colors = rng.sample(COLORS, 3)
        counts = [rng.randint(2, 9) for _ in colors]
        i = rng.randrange(3)
        total = sum(counts)
        answer = Fraction(counts[i], total)
        listed = listing([f"{c} {color}" for c, color in zip(counts, colors, strict=True)])
        listed = listed.replace(", " + f"{counts[2]} {colors[2]}", f" and {counts[2]} {colors[2]}")
        return Draft(
            question=f"A bag holds {listed} marbles. One marble is picked at random. What is the "
            f"probability that it is {colors[i]}?",
            answer=answer,
            solution=[
                "Every marble is equally likely, so count all the marbles.",
                f"{counts[i]} of the {total} are {colors[i]}: {counts[i]}/{total} = {fmt(answer)}.",
            ],
            wrong=[
                (Fraction(counts[i], total - counts[i]), "compared to the other marbles, not all"),
                (Fraction(1, 3), "treated each color as equally likely"),
                (1 - answer, f"gave the probability that it is not {colors[i]}"),
                (Fraction(1, total), "counted one marble instead of all of that color"),
            ],
        )

    def _word(self, rng: Random) -> Draft:
        word = rng.choice(WORDS_WITH_REPEATS)
        repeated = sorted({c for c in word if word.count(c) > 1})
        event = rng.choice(["vowel", "letter", "not"])
        letter = rng.choice(repeated)
        if event == "vowel":
            count, what = sum(c in VOWELS for c in word), "a vowel"
        elif event == "letter":
            count, what = word.count(letter), f"the letter {letter}"
        else:
            count, what = len(word) - word.count(letter), f"a letter other than {letter}"
        answer = Fraction(count, len(word))
        return Draft(
            question=f"Each letter of the word {word} is written on its own card. One card is "
            f"picked at random. What is the probability that it shows {what}?",
            answer=answer,
            solution=[
                "Every card is equally likely, so count all the letters, repeats included.",
                f"{count} of the {len(word)} cards fit: {_share(count, len(word))}.",
            ],
            wrong=[
                (Fraction(1, len(set(word))), "treated each different letter as equally likely"),
                (Fraction(1, len(word)), "counted the letter only once"),
                (Fraction(count, len(word) - count), "compared to the other cards, not all"),
                (1 - answer, "gave the probability of the other cards"),
                (Fraction(count, len(set(word))), "counted each different letter only once"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        if q.startswith("A bag"):
            counts = dict((c, to_sympy(n)) for n, c in re.findall(r"(\d+) (\w+)", q))
            color = question_part(q, r"that it is (\w+)\?")[0]
            return counts[color] / sum(counts.values())
        if q.startswith("Each letter"):
            word, what = question_part(q, r"the word ([A-Z]+) .* shows (.+)\?")
            letters = list(word)
            if what == "a vowel":
                fit = [c for c in letters if c in "AEIOU"]
            elif what.startswith("the letter"):
                fit = [c for c in letters if c == what[-1]]
            else:
                fit = [c for c in letters if c != what[-1]]
            return sympy.Rational(len(fit), len(letters))
        top = int(question_part(q, r"numbered 1 to (\d+)")[0])
        events = question_part(q, r"probability of \w+ (.+)\?")[0].split(" or ")
        fits = {x for x in range(1, top + 1) if any(_holds(x, e) for e in events)}
        return sympy.Rational(len(fits), top)


def _holds(x: int, event: str) -> bool:
    """Whether the number x fits an event a question names ("a multiple of 4")."""
    if found := re.fullmatch(r"a number (greater|less) than (\d+)", event):
        return x > int(found[2]) if found[1] == "greater" else x < int(found[2])
    if found := re.fullmatch(r"a multiple of (\d+)", event):
        return x % int(found[1]) == 0
    if event in ("an even number", "an odd number"):
        return x % 2 == (event == "an odd number")
    if event == "a prime number":
        return bool(sympy.isprime(x))
    raise ValueError(f"unknown event {event!r}")


# --- 7.SP.C.7.b -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Trial:
    """An object whose results are not equally likely: what is done to it, how it lands."""

    thing: str
    done: str
    results: tuple[str, ...]  # each reads after "landed"


TRIALS = (
    Trial("paper cup", "tossed", ("on its side", "upside down", "right side up")),
    Trial("thumbtack", "tossed", ("point up", "point down")),
    Trial("bottle cap", "flipped", ("top up", "top down", "on its edge")),
    Trial("toy figure", "dropped", ("on its feet", "on its back", "on its side")),
    Trial("spinner with unequal parts", "spun", ("on red", "on blue", "on green", "on yellow")),
    Trial("plastic spoon", "dropped", ("face up", "face down")),
)


class ObservedModel(Family):
    """A probability model from observed counts (not equally likely results). Tiers: one
    result's probability from a short run; a longer run; the probability of not getting a
    result; the expected count in a new run; how far the observed probability is from the one
    an equally likely model gives."""

    name = "observed_model"
    topic = "7.SP.C.7.b"
    context_hint = "tossing or spinning an object many times and building a model from the counts"
    strategy = (
        "Use each result's count out of all the trials as its probability; the results need "
        "not be equally likely."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        t = rng.choice(TRIALS)
        m = len(t.results)
        while True:
            n = rng.choice((20, 25, 30, 40, 50) if tier == 1 else (60, 80, 100, 120, 150, 200))
            cuts = sorted(rng.sample(range(1, n), m - 1))
            counts = [b - a for a, b in zip([0, *cuts], [*cuts, n], strict=True)]
            i = rng.randrange(m)
            share = Fraction(counts[i], n)
            many = rng.choice((300, 400, 500, 600, 1000))
            if (
                min(counts) >= 2
                and share.denominator > 1
                and share != Fraction(1, m)
                and (tier != 4 or (share * many).denominator == 1)
            ):
                break
        said = [f"{r} {c} times" for r, c in zip(t.results, counts, strict=True)]
        landed = f"It landed {', '.join(said[:-1])} and {said[-1]}."
        head = f"A {t.thing} was {t.done} {n} times. {landed}"
        target = t.results[i]
        wrong: Wrong
        if tier <= 2:
            answer = share
            ask = f"Based on these results, what is the probability that it lands {target}?"
            wrong = [
                (Fraction(counts[i], n - counts[i]), "compared to the other results, not all"),
                (Fraction(1, m), "assumed every result is equally likely"),
                (1 - share, "gave the probability of the other results"),
                (Fraction(counts[i], 100), "wrote the count as a part of one hundred"),
            ]
        elif tier == 3:
            answer = 1 - share
            ask = f"Based on these results, what is the probability that it does not land {target}?"
            wrong = [
                (share, f"gave the probability that it lands {target}"),
                (Fraction(m - 1, m), "assumed every result is equally likely"),
                (Fraction(n - counts[i], counts[i]), "compared to that result, not all trials"),
                (Fraction(n - counts[i], 100), "wrote the count as a part of one hundred"),
            ]
        elif tier == 4:
            answer = share * many
            ask = (
                f"Based on these results, about how many times would it land {target} in "
                f"{many} more tries?"
            )
            wrong = [
                (Fraction(many, m), "assumed every result is equally likely"),
                (many - answer, "found the count for the other results"),
                (Fraction(counts[i]), "kept the count from the first trials"),
                (Fraction(counts[i] + many - n), "added the extra tries to the count"),
            ]
        else:
            equal = Fraction(1, m)
            answer = abs(share - equal)
            ask = (
                f"If every result were equally likely, each would have probability 1/{m}. How far "
                f"is the observed probability of landing {target} from 1/{m}?"
            )
            wrong = [
                (share, "gave the observed probability, not the difference"),
                (abs(Fraction(counts[i]) - Fraction(n, m)), "compared counts, not probabilities"),
                (abs(1 - share - equal), "used the probability of the other results"),
                (equal, "gave the equally likely probability"),
            ]
        return Draft(
            question=f"{head} {ask}",
            answer=answer,
            solution=[
                f"The model gives landing {target} the probability {counts[i]}/{n}, its share "
                "of all the tries.",
                {
                    1: f"In lowest terms that is {fmt(share)}.",
                    2: f"In lowest terms that is {fmt(share)}.",
                    3: f"Not landing {target} has probability 1 - {fmt(share)} = {fmt(answer)}.",
                    4: f"Expect {fmt(share)} of {many} tries: {fmt(share)} × {many} = "
                    f"{fmt(answer)}.",
                    5: f"The difference from 1/{m} is {fmt(answer)}.",
                }[tier],
            ],
            wrong=wrong,
            figure=table(
                ["Result", "Count"],
                [[r, str(c)] for r, c in zip(t.results, counts, strict=True)],
                caption=f"Results of {n} tries",
            ),
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        total = to_sympy(question_part(q, r" was \w+ (\d+) times\.")[0])
        landed = question_part(q, r"It landed (.+?)\. ")[0]
        counts = {r: to_sympy(c) for r, c in re.findall(r"(?:, | and |^)(.+?) (\d+) times", landed)}
        if sum(counts.values()) != total:
            raise ValueError(f"counts {counts} do not add up to {total}")
        target = question_part(q, r" land(?:s|ing)? (.+?)(?: in \d+ more tries| from [\d/]+)?\?")[0]
        share = counts[target] / total
        if "does not land" in q:
            return 1 - share
        if "more tries" in q:
            return share * to_sympy(question_part(q, r"in (\d+) more tries")[0])
        if "equally likely" in q:
            return abs(share - sympy.Rational(1, len(counts)))
        return share


# --- 7.SP.C.8.a -------------------------------------------------------------------------------


def _cube_pairs() -> list[tuple[int, int]]:
    return [(x, y) for x, y in product(range(1, 7), range(1, 7))]


class CompoundProbability(Family):
    """A compound event's probability: its share of the sample space. Tiers: a coin and a
    colored spinner; a coin and a number cube or numbered spinner; a sum, difference,
    product or doubles of two number cubes; two draws with replacement; two draws without
    replacement."""

    name = "compound_probability"
    topic = "7.SP.C.8.a"
    context_hint = "two chance events together: coins, number cubes, spinners and bags"
    strategy = (
        "List or count every outcome of the events together, then find the share of those "
        "outcomes that fit."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier == 1:
            s = rng.randint(3, 6)
            colors = rng.sample(COLORS, s)
            side, color = rng.choice(("heads", "tails")), rng.choice(colors)
            answer = Fraction(1, 2 * s)
            return Draft(
                question=f"A coin is tossed and a spinner with {s} equal sections colored "
                f"{', '.join(colors[:-1])} and {colors[-1]} is spun. What is the probability "
                f"of {side} and {color}?",
                answer=answer,
                solution=[
                    f"The coin has 2 outcomes and the spinner {s}: 2 × {s} = {2 * s} equally "
                    "likely outcomes together.",
                    f"Just one is {side} and {color}: 1/{2 * s}.",
                ],
                wrong=[
                    (
                        Fraction(1, 2) + Fraction(1, s),
                        "added the probabilities instead of multiplying",
                    ),
                    (Fraction(1, 2 + s), "added the outcomes instead of multiplying"),
                    (Fraction(1, s), "ignored the coin"),
                ],
            )
        if tier == 2:
            return self._coin_and_numbers(rng)
        if tier == 3:
            return self._two_cubes(rng)
        colors = rng.sample(COLORS, 3)
        counts = [rng.randint(2, 8) for _ in colors]
        n = sum(counts)
        listed = f"{counts[0]} {colors[0]}, {counts[1]} {colors[1]} and {counts[2]} {colors[2]}"
        first, second = rng.sample(range(3), 2) if tier == 4 else (0, 0)
        a, b = counts[first], counts[second]
        if tier == 4:
            answer = Fraction(a * b, n * n)
            how = "put back"
            what = f"{colors[first]} first and then {colors[second]}"
            wrong: Wrong = [
                (Fraction(a, n) + Fraction(b, n), "added the probabilities instead of multiplying"),
                (Fraction(a * b, n * (n - 1)), "did not put the first marble back"),
                (Fraction(a * b, n), "multiplied the counts but divided by the total once"),
                (Fraction(a + b, 2 * n), "averaged the two probabilities"),
            ]
            steps = [
                f"The first marble goes back, so both draws are out of {n}.",
                f"{a}/{n} × {b}/{n} = {fmt(answer)}.",
            ]
        else:
            answer = Fraction(a * (a - 1), n * (n - 1))
            how = "not put back"
            what = f"both {colors[first]}"
            wrong = [
                (Fraction(a * a, n * n), "put the first marble back"),
                (
                    Fraction(a - 1, n - 1) + Fraction(a, n),
                    "added the probabilities instead of multiplying",
                ),
                (Fraction(a * (a - 1), n * n), "took one from the color but not from the total"),
                (Fraction(a, n), "found the chance for one draw only"),
            ]
            steps = [
                f"After one {colors[first]} marble is taken, {a - 1} of {n - 1} are left.",
                f"{a}/{n} × {a - 1}/{n - 1} = {fmt(answer)}.",
            ]
        return Draft(
            question=f"A bag holds {listed} marbles. Two marbles are drawn at random, one at a "
            f"time; the first is {how} before the second draw. What is the probability of "
            f"{what}?",
            answer=answer,
            solution=steps,
            wrong=wrong,
        )

    @staticmethod
    def _coin_and_numbers(rng: Random) -> Draft:
        side = rng.choice(("heads", "tails"))
        top = rng.choice((6, 6, 4, 5, 8, 10))
        thing = (
            "a number cube is rolled"
            if top == 6 and rng.random() < 0.5
            else f"a spinner with {top} equal sections numbered 1 to {top} is spun"
        )
        events = [
            "an even number",
            "an odd number",
            "a prime number",
            *(f"a multiple of {m}" for m in (3, 4, 5)),
            *(f"a number greater than {t}" for t in range(1, top)),
            *(f"a number less than {t}" for t in range(2, top + 1)),
        ]
        numbers = range(1, top + 1)
        what, faces = rng.choice(
            [
                (e, fits)
                for e in events
                if 0 < len(fits := [x for x in numbers if _holds(x, e)]) < top
            ]
        )
        total = 2 * top
        return Draft(
            question=f"A coin is tossed and {thing}. What is the probability of {side} and {what}?",
            answer=Fraction(len(faces), total),
            solution=[
                f"Together there are 2 × {top} = {total} equally likely outcomes.",
                f"{len(faces)} of them are {side} with {what}: {_share(len(faces), total)}.",
            ],
            wrong=[
                (
                    Fraction(1, 2) + Fraction(len(faces), top),
                    "added the probabilities instead of multiplying",
                ),
                (Fraction(len(faces), 2 + top), "added the outcomes instead of multiplying"),
                (Fraction(len(faces), top), "ignored the coin"),
                (Fraction(1, total), "counted one outcome that fits, not all of them"),
            ],
        )

    @staticmethod
    def _two_cubes(rng: Random) -> Draft:
        pairs = _cube_pairs()
        kinds = ("sum", "at least", "at most", "doubles", "differ", "product", "more", "parity")
        kind = rng.choice(kinds)
        s = rng.randint(2, 12)
        if kind == "sum":
            what, fits = f"a sum of {s}", [p for p in pairs if sum(p) == s]
        elif kind == "at least":
            s = rng.randint(3, 12)
            what, fits = f"a sum of at least {s}", [p for p in pairs if sum(p) >= s]
        elif kind == "at most":
            s = rng.randint(2, 11)
            what, fits = f"a sum of at most {s}", [p for p in pairs if sum(p) <= s]
        elif kind == "more":
            m = rng.choice(sorted({x * y for x, y in pairs if 4 <= x * y <= 24}))
            what, fits = f"a product greater than {m}", [p for p in pairs if p[0] * p[1] > m]
        elif kind == "differ":
            d = rng.randint(1, 5)
            what, fits = (
                f"two numbers that differ by {d}",
                [p for p in pairs if abs(p[0] - p[1]) == d],
            )
        elif kind == "product":
            m = rng.choice(sorted({x * y for x, y in pairs}))
            what, fits = f"a product of {m}", [p for p in pairs if p[0] * p[1] == m]
        elif kind == "parity":
            even = rng.random() < 0.5
            what = "an even sum" if even else "an odd sum"
            fits = [p for p in pairs if sum(p) % 2 == (0 if even else 1)]
        else:
            what, fits = "doubles (the same number twice)", [p for p in pairs if p[0] == p[1]]
        answer = Fraction(len(fits), 36)
        unordered = {tuple(sorted(p)) for p in fits}
        return Draft(
            question=f"Two number cubes are rolled. What is the probability of {what}?",
            answer=answer,
            solution=[
                "Two cubes give 6 × 6 = 36 equally likely ordered outcomes.",
                f"{len(fits)} of them fit: {len(fits)}/36 = {fmt(answer)}.",
            ],
            wrong=[
                (Fraction(len(unordered), 36), "counted each pair once, not in both orders"),
                (Fraction(len(unordered), 21), "listed only the 21 unordered pairs"),
                (
                    Fraction(len(fits), 12) if len(fits) < 12 else None,
                    "used 6 + 6 outcomes instead of 6 × 6",
                ),
                (
                    Fraction(1, 11) if kind == "sum" else None,
                    "treated every sum as equally likely",
                ),
                (1 - answer, "found the chance that it does not happen"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        if q.startswith("A bag"):
            counts = {c: int(k) for k, c in re.findall(r"(\d+) (\w+)", q.split(" marbles.")[0])}
            bag = [c for c, k in counts.items() for _ in range(k)]
            back = "is put back" in q
            draws = [
                (bag[i], bag[j]) for i in range(len(bag)) for j in range(len(bag)) if back or i != j
            ]
            if found := re.search(r"of both (\w+)\?", q):
                fit = [d for d in draws if d == (found[1], found[1])]
            else:
                one, two = question_part(q, r"of (\w+) first and then (\w+)\?")
                fit = [d for d in draws if d == (one, two)]
            return sympy.Rational(len(fit), len(draws))
        if q.startswith("Two number cubes"):
            what = question_part(q, r"probability of (.+)\?")[0]
            pairs = _cube_pairs()
            if what.startswith("doubles"):
                fit = [p for p in pairs if p[0] == p[1]]
            elif what.endswith("sum"):
                fit = [p for p in pairs if sum(p) % 2 == (what == "an odd sum")]
            else:
                k = int(what.split()[-1])
                test = {
                    "a sum of at least": lambda x, y: x + y >= k,
                    "a sum of at most": lambda x, y: x + y <= k,
                    "a sum of": lambda x, y: x + y == k,
                    "a product of": lambda x, y: x * y == k,
                    "a product greater than": lambda x, y: x * y > k,
                    "two numbers that differ by": lambda x, y: abs(x - y) == k,
                }[what.rsplit(" ", 1)[0]]
                fit = [p for p in pairs if test(*p)]
            return sympy.Rational(len(fit), len(pairs))
        side, what = question_part(q, r"probability of (heads|tails) and (.+)\?")
        if q.startswith("A coin is tossed and a number cube"):
            faces = [x for x in range(1, 7) if _holds(x, what)]
            return sympy.Rational(len(faces), 12)
        if found := re.search(r"numbered 1 to (\d+) is spun", q):
            top = int(found[1])
            faces = [x for x in range(1, top + 1) if _holds(x, what)]
            return sympy.Rational(len(faces), 2 * top)
        colors = re.split(r", | and ", question_part(q, r"colored (.+?) is spun")[0])
        return sympy.Rational(1 if what in colors else 0, 2 * len(colors))


# --- 7.SP.C.8.b -------------------------------------------------------------------------------

Choice = tuple[str, str, tuple[str, ...]]  # (singular, plural, options)
MENUS: tuple[tuple[str, tuple[Choice, ...]], ...] = (
    (
        "lunch",
        (
            ("sandwich", "Sandwiches", ("ham", "turkey", "egg", "tuna", "cheese", "veggie")),
            ("drink", "Drinks", ("milk", "juice", "water", "lemonade", "tea")),
            ("fruit", "Fruits", ("apple", "pear", "grapes", "banana")),
        ),
    ),
    (
        "outfit",
        (
            ("shirt", "Shirts", ("red", "blue", "green", "white", "striped")),
            ("pair of pants", "Pants", ("jeans", "shorts", "khakis", "sweatpants")),
            ("pair of shoes", "Shoes", ("sneakers", "boots", "sandals")),
        ),
    ),
    (
        "sundae",
        (
            ("flavor", "Flavors", ("vanilla", "chocolate", "mint", "peach", "cherry")),
            ("sauce", "Sauces", ("fudge", "caramel", "berry")),
            ("topping", "Toppings", ("sprinkles", "nuts", "coconut", "cookie bits")),
        ),
    ),
    (
        "pizza",
        (
            ("crust", "Crusts", ("thin", "thick", "stuffed")),
            ("cheese", "Cheeses", ("mozzarella", "cheddar", "goat")),
            ("topping", "Toppings", ("mushroom", "pepper", "onion", "olive", "ham")),
        ),
    ),
)
FACES = tuple(range(1, 7))


def _grid(a: tuple[int, ...], b: tuple[int, ...], caption: str) -> Any:
    """The sample space of two number sources as a table of ordered pairs."""
    return table(
        ["Outcome", *(f"B = {y}" for y in b)],
        [[f"A = {x}", *(f"({x}, {y})" for y in b)] for x in a],
        caption=caption,
    )


class SampleSpace(Family):
    """Counting a sample space with lists, tables and tree diagrams. Tiers: one choice from
    each of two lists; from three lists; outcomes of two spinners with a given sum; the
    choices that leave one option out; outcomes of two number cubes whose sum, product or
    difference fits a condition (at least, at most, greater than, less than, equal to)."""

    name = "sample_space"
    topic = "7.SP.C.8.b"
    context_hint = "choosing meals, outfits or spins, and listing every way it can turn out"
    strategy = (
        "Make an organized list, a table or a tree with a branch for each choice, then count the "
        "outcomes that fit."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier in (3, 5):
            return self._pairs(tier, rng)
        thing, menu = rng.choice(MENUS)
        things = "lunches" if thing == "lunch" else f"{thing}s"
        chosen = [
            (one, many, tuple(rng.sample(options, rng.randint(2, len(options)))))
            for one, many, options in (menu[:2] if tier != 2 else menu)
        ]
        sizes = [len(options) for _, _, options in chosen]
        parts = " and ".join(f"one {one}" for one, _, _ in chosen)
        lists = " ".join(f"{many}: {', '.join(options)}." for _, many, options in chosen)
        total = 1
        for s in sizes:
            total *= s
        figure = table(
            ["Choice", "Options"],
            [[many, ", ".join(options)] for _, many, options in chosen],
            caption="The choices",
        )
        if tier == 4:
            left = rng.choice(chosen[0][2])
            answer = Fraction(total // sizes[0] * (sizes[0] - 1))
            return Draft(
                question=f"A {thing} is {parts}. {lists} How many different {things} do not "
                f"include {left}?",
                answer=answer,
                solution=[
                    f"Leave {left} out of the {chosen[0][1].lower()}, then multiply the "
                    "numbers of options left in each list.",
                    f"{sizes[0] - 1} × {sizes[1]} = {fmt(answer)}.",
                ],
                wrong=[
                    (Fraction(total - 1), "took away only one outcome"),
                    (Fraction(total), "did not leave any out"),
                    (Fraction(sizes[0] - 1 + sizes[1]), "added instead of multiplying"),
                    (Fraction(sizes[1]), "counted only the outcomes that include it"),
                ],
                figure=figure,
            )
        return Draft(
            question=f"A {thing} is {parts}. {lists} How many different {things} are there?",
            answer=Fraction(total),
            solution=[
                "Each option in one list goes with every option in the others, as in a tree "
                "diagram, so multiply the numbers of options.",
                f"{' × '.join(map(str, sizes))} = {total}.",
            ],
            wrong=[
                (Fraction(sum(sizes)), "added the choices instead of multiplying"),
                (Fraction(max(sizes)), "counted the longest list only"),
                (Fraction(sizes[0] * sizes[1]) if tier == 2 else None, "left out one list"),
                (Fraction(2 * total), "counted each outcome twice, in both orders"),
            ],
            figure=figure,
        )

    def _pairs(self, tier: int, rng: Random) -> Draft:
        if tier == 3:
            while True:
                a = tuple(sorted(rng.sample(range(1, 9), rng.randint(3, 4))))
                b = tuple(sorted(rng.sample(range(1, 9), rng.randint(3, 4))))
                s = rng.randint(4, 14)
                fits = [(x, y) for x in a for y in b if x + y == s]
                if len(fits) >= 2:
                    break
            what = f"a sum of {s}"
            question = (
                f"Spinner A has sections numbered {', '.join(map(str, a))} and spinner B has "
                f"sections numbered {', '.join(map(str, b))}. Both are spun and the numbers "
                f"added. How many outcomes have {what}?"
            )
            figure = _grid(a, b, "Outcomes of the two spinners")
            outcomes = [(x, y) for x in a for y in b]
            wrong: Wrong = [
                (Fraction(len(outcomes)), "counted every outcome, not just those in the event"),
                (Fraction(sum(x + y >= s for x, y in outcomes)), "counted sums of at least that"),
                (Fraction(sum(x + y <= s for x, y in outcomes)), "counted sums of at most that"),
                (Fraction(len(fits) - 1), "missed one outcome by not listing in order"),
            ]
        else:
            a = b = FACES
            outcomes = [(x, y) for x in a for y in b]
            kind = rng.choice(
                (
                    "at least",
                    "at most",
                    "above",
                    "below",
                    "product",
                    "small product",
                    "differ",
                    "sum",
                )
            )
            s = rng.randint(4, 10)
            products = sorted({x * y for x, y in outcomes if 4 <= x * y <= 24})
            if kind == "at least":
                what, fits = f"a sum of at least {s}", [o for o in outcomes if sum(o) >= s]
                near = [o for o in outcomes if sum(o) > s]
                near_why = f"left out the sums equal to {s}"
            elif kind == "at most":
                what, fits = f"a sum of at most {s}", [o for o in outcomes if sum(o) <= s]
                near = [o for o in outcomes if sum(o) < s]
                near_why = f"left out the sums equal to {s}"
            elif kind == "above":
                what, fits = f"a sum greater than {s}", [o for o in outcomes if sum(o) > s]
                near = [o for o in outcomes if sum(o) >= s]
                near_why = f"counted the sums equal to {s} too"
            elif kind == "below":
                what, fits = f"a sum less than {s}", [o for o in outcomes if sum(o) < s]
                near = [o for o in outcomes if sum(o) <= s]
                near_why = f"counted the sums equal to {s} too"
            elif kind == "product":
                p = rng.choice(products)
                what = f"a product greater than {p}"
                fits = [o for o in outcomes if o[0] * o[1] > p]
                near = [o for o in outcomes if o[0] * o[1] >= p]
                near_why = f"counted the products equal to {p} too"
            elif kind == "small product":
                p = rng.choice(products)
                what = f"a product less than {p}"
                fits = [o for o in outcomes if o[0] * o[1] < p]
                near = [o for o in outcomes if o[0] * o[1] <= p]
                near_why = f"counted the products equal to {p} too"
            elif kind == "differ":
                d = rng.randint(1, 5)
                what = f"numbers that differ by {d}"
                fits = [o for o in outcomes if abs(o[0] - o[1]) == d]
                near = [o for o in outcomes if abs(o[0] - o[1]) >= d]
                near_why = f"counted numbers that differ by {d} or more"
            else:
                s = rng.randint(3, 11)
                what, fits = f"a sum of {s}", [o for o in outcomes if sum(o) == s]
                near = [o for o in outcomes if sum(o) >= s]
                near_why = f"counted sums of at least {s}"
            question = (
                f"Two number cubes, A and B, each with faces {', '.join(map(str, FACES))}, are "
                f"rolled. How many of the outcomes have {what}?"
            )
            figure = _grid(a, b, "Outcomes of the two number cubes")
            wrong = [
                (
                    Fraction(len({tuple(sorted(o)) for o in fits})),
                    "counted each pair once, not in both orders",
                ),
                (Fraction(len(near)), near_why),
                (Fraction(36), "counted every outcome, not just those in the event"),
            ]
        answer = Fraction(len(fits))
        return Draft(
            question=question,
            answer=answer,
            solution=[
                "Make a table with a row for each number of A and a column for each number of "
                "B; each cell is one outcome.",
                f"Mark the cells with {what} and count them: {fmt(answer)}.",
            ],
            wrong=wrong,
            figure=figure,
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        if "How many outcomes" in q or "How many of the outcomes" in q:
            if q.startswith("Spinner A"):
                a, b = (
                    [int(v) for v in part.split(", ")]
                    for part in re.findall(r"numbered ([\d, ]+?)(?= and|\.)", q)
                )
            else:
                a = b = [int(v) for v in question_part(q, r"faces ([\d, ]+), are")[0].split(", ")]
            what = question_part(q, r"have (.+)\?")[0]
            num = int(what.split()[-1])
            test = {
                "a sum of at least": lambda x, y: x + y >= num,
                "a sum of at most": lambda x, y: x + y <= num,
                "a sum greater than": lambda x, y: x + y > num,
                "a sum less than": lambda x, y: x + y < num,
                "a product greater than": lambda x, y: x * y > num,
                "a product less than": lambda x, y: x * y < num,
                "numbers that differ by": lambda x, y: abs(x - y) == num,
                "a sum of": lambda x, y: x + y == num,
            }[what.rsplit(" ", 1)[0]]
            return sympy.Integer(sum(1 for x in a for y in b if test(x, y)))
        lists = dict(re.findall(r"([A-Z][a-z]+): ([a-z ,]+)\.", q))
        counts = [len(v.split(", ")) for v in lists.values()]
        total = sympy.Mul(*counts)
        if found := re.search(r"do not include (.+)\?", q):
            holding = next(v for v in lists.values() if found[1] in v.split(", "))
            return total - total / len(holding.split(", "))
        return total


# --- 7.SP.C.8.c -------------------------------------------------------------------------------

SIM_EVENTS = (
    ("a player makes a free throw", "a made free throw"),
    ("it rains on a spring day", "a rainy day"),
    ("a seed sprouts", "a sprouted seed"),
    ("a bus is late", "a late bus"),
    ("a customer buys a drink", "a drink sold"),
    ("a kicker makes a field goal", "a made field goal"),
    ("a team wins a game", "a win"),
    ("a light is red when a car reaches it", "a red light"),
    ("a phone call goes to voicemail", "a call that goes to voicemail"),
    ("a batter gets a hit", "a hit"),
    ("a student walks to school", "a student who walks"),
    ("a plant blooms in its first year", "a plant that blooms"),
    ("a fish takes the bait", "a bite"),
    ("a package arrives early", "an early package"),
    ("a goalie stops a penalty kick", "a stopped kick"),
)
DEVICES = (("a number cube", "faces", 6), ("a spinner with {n} equal sections", "sections", 0))
DIGITS = (
    ("random digits from 0 to 9", "digits", 10),
    ("cards numbered 1 to 20", "cards", 20),
    ("random whole numbers from 1 to 50", "numbers", 50),
)
RUNS = (
    ("3 free throws", "all of them went in"),
    ("4 coin tosses", "at least three were heads"),
    ("2 games", "both games were won"),
    ("5 cereal boxes", "a full set of prizes was found"),
    ("3 children in a family", "all of them were girls"),
    ("6 spins of a spinner", "red came up at least twice"),
)


class SimulationDesign(Family):
    """Designing and reading simulations. Tiers: the faces of a number cube that stand for an
    event; the sections of a spinner; the digits, cards or numbers for a percent chance; an
    estimate from a simulation's results; counting trials of rolled digit groups."""

    name = "simulation_design"
    topic = "7.SP.C.8.c"
    context_hint = "using cubes, spinners or random digits to act out a chance event many times"
    strategy = (
        "Let the share of equally likely results that stand for the event match its "
        "probability, or count the trials where the event happened."
    )

    def draft(self, tier: int, rng: Random) -> Draft:
        if tier == 4:
            return self._estimate(rng)
        if tier == 5:
            return self._groups(rng)
        event, short = rng.choice(SIM_EVENTS)
        if tier == 3:
            device, parts, size = rng.choice(DIGITS)
            step = 100 // size
            pct = step * rng.randint(1, size - 1)
            answer = Fraction(pct * size, 100)
            return Draft(
                question=f"The chance that {event} is {pct}%. A simulation uses {device}. How "
                f"many of the {size} {parts} should stand for {short}?",
                answer=answer,
                solution=[
                    f"The {parts} that stand for the event should be {pct}% of all {size}.",
                    f"{pct}% of {size} = {fmt(answer)}.",
                ],
                wrong=[
                    (Fraction(pct) if pct != answer else None, "used the percent as the count"),
                    (size - answer, "counted the results for the event not happening"),
                    (answer + 1, "counted one result too many at the start of the range"),
                    (Fraction(pct, 10), "moved the decimal point as if there were ten results"),
                ],
            )
        size = 6 if tier == 1 else rng.choice((8, 10, 12, 20))
        while True:
            d = rng.choice([d for d in range(2, size + 1) if size % d == 0])
            p = Fraction(rng.randint(1, d - 1), d)
            if p.denominator == d:
                break
        device = "a number cube" if tier == 1 else f"a spinner with {size} equal sections"
        parts = "faces" if tier == 1 else "sections"
        answer = p * size
        return Draft(
            question=f"The probability that {event} is {fmt(p)}. A simulation uses {device}. "
            f"How many of its {size} {parts} should stand for {short}?",
            answer=answer,
            solution=[
                f"The share of {parts} that stand for the event should equal its probability.",
                f"{fmt(p)} × {size} = {fmt(answer)}.",
            ],
            wrong=[
                (Fraction(p.numerator), "used the top of the fraction as the count"),
                (size - answer, "counted the results for the event not happening"),
                (Fraction(p.denominator), "used the bottom of the fraction as the count"),
                (Fraction(size), f"let every one of the {parts} stand for the event"),
                (
                    Fraction(size, 2),
                    f"thought the event either happens or not, so gave it half the {parts}",
                ),
            ],
        )

    def _estimate(self, rng: Random) -> Draft:
        what, cond = rng.choice(RUNS)
        parts = int(what.split()[0])
        while True:
            n = rng.choice((20, 25, 40, 50, 60, 80, 100))
            k = rng.randint(2, n - 2)
            if Fraction(k, n).denominator > 1:
                break
        answer = Fraction(k, n)
        return Draft(
            question=f"Each trial of a simulation stands for {what}. In {k} of {n} trials, "
            f"{cond}. What is the estimated probability that {cond}?",
            answer=answer,
            solution=[
                "The estimate is the share of trials in which the event happened.",
                f"{_share(k, n)}.",
            ],
            wrong=[
                (Fraction(n - k, n), "gave the chance that it did not happen"),
                (Fraction(k, n - k), "compared to the trials where it did not happen"),
                (Fraction(k, parts * n), "divided by every part of every trial, not the trials"),
            ],
        )

    def _groups(self, rng: Random) -> Draft:
        makes = rng.randint(2, 5)
        all_three = rng.random() < 0.5
        while True:
            n = rng.randint(10, 16)
            groups = ["".join(str(rng.randint(1, 6)) for _ in range(3)) for _ in range(n)]
            hits = [sum(int(c) <= makes for c in g) for g in groups]
            need = 3 if all_three else 2
            count = sum(h >= need for h in hits)
            if 0 < count < n and Fraction(count, n).denominator > 1:
                break
        answer = Fraction(count, n)
        ask = "all three shots made" if all_three else "at least two shots made"
        p = Fraction(makes, 6)
        return Draft(
            question=f"A player makes {fmt(p)} of her free throws. In a simulation, rolls of 1 "
            f"to {makes} on a number cube stand for a make and the other rolls for a miss. "
            f"Each trial is three rolls, one for each of three shots. The trials were "
            f"{', '.join(groups)}. In what fraction of the trials were {ask}?",
            answer=answer,
            solution=[
                f"In each trial, count the rolls from 1 to {makes}; those are the makes.",
                f"{count} of the {n} trials had {ask.replace(' made', '')} made: {fmt(answer)}.",
            ],
            wrong=[
                (Fraction(sum(hits), 3 * n), "counted single rolls instead of whole trials"),
                (
                    Fraction(sum(h >= 2 for h in hits), n)
                    if all_three
                    else Fraction(sum(h == 3 for h in hits), n),
                    "counted trials with two makes as well"
                    if all_three
                    else "counted only the trials where all three were made",
                ),
                (1 - answer, "gave the fraction of trials where it did not happen"),
                (Fraction(count, n - count), "compared to the other trials, not all of them"),
            ],
        )

    def expected(self, core: ItemCore) -> Any:
        q = core.question
        if q.startswith("A player makes"):
            top = int(question_part(q, r"rolls of 1 to (\d) on")[0])
            groups = question_part(q, r"The trials were ([\d, ]+)\.")[0].split(", ")
            need = 3 if "all three" in q else 2
            made = [sum(1 for c in g if int(c) <= top) for g in groups]
            return sympy.Rational(sum(1 for m in made if m >= need), len(groups))
        if q.startswith("Each trial"):
            k, n = question_part(q, r"In (\d+) of (\d+) trials")
            return sympy.Rational(int(k), int(n))
        chance, size = question_part(
            q, r" is ([\d/]+%?)\. .* of (?:its )?(?:the )?(\d+) \w+ should"
        )
        p = to_sympy(chance[:-1]) / 100 if chance.endswith("%") else to_sympy(chance)
        return p * int(size)


FAMILIES: tuple[type[Family], ...] = (
    RepresentativeSample,
    SampleInference,
    CentersInMads,
    ComparePopulations,
    Likelihood,
    RelativeFrequency,
    UniformProbability,
    ObservedModel,
    CompoundProbability,
    SampleSpace,
    SimulationDesign,
)
