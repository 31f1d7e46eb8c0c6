"""Independent solvers for the audit of `edugen.content.families.grade7_statistics`:
each works a key out again from the question text alone, sharing no code with the families.

Counting is done here by brute force where the families use formulas and by formulas where
they list outcomes, so a shared mistake would have to be made twice in different ways."""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable
from fractions import Fraction
from math import comb
from typing import Any

import sympy
import sympy.stats


def _q(text: str) -> Any:
    return sympy.Rational(Fraction(text))


def _grab(text: str, pattern: str) -> list[str]:
    found = re.search(pattern, text)
    assert found, f"{text!r} does not read as {pattern!r}"
    return list(found.groups())


def _values(text: str) -> list[Fraction]:
    return [Fraction(v) for v in text.split(", ")]


def _groups(text: str) -> list[list[Fraction]]:
    """Two lists of data after "Name: " up to a full stop."""
    found = re.findall(r"[A-Za-z]: (\d[\d, ]*\d)\.", text)
    assert len(found) == 2, text
    return [_values(part) for part in found]


def _mad(data: list[Fraction]) -> Fraction:
    center = statistics.mean(data)
    return statistics.mean(abs(v - center) for v in data)


def representative_sample(text: str, n: list[Any]) -> Any:
    samples = re.findall(r"Sample (\d): (.+?)\.(?= Sample|$)", text)
    assert len(samples) == 4, text
    # fair: chosen by chance from a list that holds everyone, not volunteers, not one part
    fair = [
        label
        for label, words in samples
        if "at random" in words and "list" in words and "first" not in words.split()
    ]
    assert len(fair) == 1, (text, fair)
    return _q(fair[0])


def sample_inference(text: str, n: list[Any]) -> Any:
    if "tag" in text:
        tagged = _q(_grab(text, r"tag (\d+) ")[0])
        caught, marked = map(_q, _grab(text, r"catch (\d+) .* and (\d+) of them have tags"))
        # tagged / population = marked / caught
        pop = sympy.Symbol("pop", positive=True)
        return sympy.solve(sympy.Eq(tagged / pop, marked / caught), pop)[0]
    if text.startswith("Three"):
        size, total = map(_q, _grab(text, r"samples of (\d+) were taken from the (\d+) "))
        counts = [_q(c) for c in _grab(text, r"In them, (\d+), (\d+) and (\d+) ")]
        return sum(counts) / len(counts) * total / size
    size, total, k = map(_q, _grab(text, r"sample of (\d+) of the (\d+) .*?, (\d+) "))
    ask = text.rsplit("Estimate", 1)[1]
    part = k / size
    if re.search(r"\b(do|did|are) not\b", ask):
        part = 1 - part
    return part * total


def centers_in_mads(text: str, n: list[Any]) -> Any:
    a, b = _groups(text)
    spread_a, spread_b = _mad(a), _mad(b)
    assert spread_a == spread_b, text  # the question says so; the data must agree
    gap = abs(statistics.mean(a) - statistics.mean(b))
    return _q(str(gap / spread_a))


def compare_populations(text: str, n: list[Any]) -> Any:
    measure = _grab(text, r"How much greater is the (.+?) of the")[0]
    if "Box plots" in text:
        quartiles = re.findall(r"lower quartile (\d+), median \d+, upper quartile (\d+)", text)
        (la, ua), (lb, ub) = quartiles
        return (_q(ua) - _q(la)) - (_q(ub) - _q(lb))
    a, b = _groups(text)
    how: dict[str, Callable[[list[Fraction]], Fraction]] = {
        "median": statistics.median,
        "mean": statistics.mean,
        "mean absolute deviation": _mad,
    }
    return _q(str(how[measure](a) - how[measure](b)))


_SCALE = {"impossible": (0, 0), "certain": (1, 1), "just as likely as not": (0.5, 0.5)}


def likelihood(text: str, n: list[Any]) -> Any:
    if text.startswith("Someone says"):
        word = _grab(text, r" is ([a-z ]+)\. Which number")[0]
        if word in _SCALE:
            return sympy.FiniteSet(sympy.nsimplify(_SCALE[word][0]))
        half = sympy.Rational(1, 2)
        if word in ("likely", "more likely than not"):
            return sympy.Interval.open(half, 1)
        return sympy.Interval.open(0, half)
    if text.startswith("Bag A"):
        ra, ga, rb, gb = n
        return max(ra / (ra + ga), rb / (rb + gb))
    written = re.findall(r"the [a-z ]+, (\d+(?:[./]\d+)?%?)", text)
    chances = [_q(w[:-1]) / 100 if w.endswith("%") else _q(w) for w in written]
    return max(chances) if "most likely" in text else min(chances)


def likely_right(text: str, value: Any, expected: Any) -> bool:
    if isinstance(expected, sympy.Set):
        return bool(expected.contains(value))
    return bool(sympy.simplify(value - expected) == 0)


def relative_frequency(text: str, n: list[Any]) -> Any:
    if "fair number cube" in text:
        rolls, _, hits = n
        return abs(hits - rolls / 6)
    if "fair coin" in text:
        tosses, heads = n
        return abs(heads - tosses / 2)
    if "one of them red" in text:
        parts, spins, reds = n
        return abs(reds - spins / parts)
    if text.startswith("The probability"):
        return n[0] * n[1]
    trials, happened = n[0], n[1]
    if "relative frequency" in text:
        return happened / trials
    return happened / trials * n[2]


def uniform_probability(text: str, n: list[Any]) -> Any:
    if text.startswith("A bag"):
        counts = {color: int(k) for k, color in re.findall(r"(\d+) ([a-z]+)", text)}
        want = _grab(text, r"that it is ([a-z]+)\?")[0]
        return sympy.Rational(counts[want], sum(counts.values()))
    if text.startswith("Each letter"):
        word = _grab(text, r"word ([A-Z]+) ")[0]
        what = _grab(text, r"shows (.+)\?")[0]
        if what == "a vowel":
            hits = len(re.findall("[AEIOU]", word))
        elif what.startswith("a letter other than"):
            hits = len(word) - word.count(what[-1])
        else:
            hits = word.count(what[-1])
        return sympy.Rational(hits, len(word))
    top = int(_grab(text, r"1 to (\d+)")[0])
    events = _grab(text, r"of (?:spinning|drawing) (.+)\?")[0].split(" or ")
    sets = [_numbers_for(e, top) for e in events]
    return sympy.Rational(len(set().union(*sets)), top)


def _numbers_for(event: str, top: int) -> set[int]:
    """The numbers 1..top that fit the event, by sympy's sets rather than a loop test."""
    every = sympy.Range(1, top + 1)
    if m := re.fullmatch(r"a number greater than (\d+)", event):
        return set(sympy.Range(int(m[1]) + 1, top + 1))
    if m := re.fullmatch(r"a number less than (\d+)", event):
        return set(sympy.Range(1, int(m[1])))
    if m := re.fullmatch(r"a multiple of (\d+)", event):
        return set(sympy.Range(int(m[1]), top + 1, int(m[1])))
    if event == "an even number":
        return set(sympy.Range(2, top + 1, 2))
    if event == "an odd number":
        return set(sympy.Range(1, top + 1, 2))
    assert event == "a prime number", event
    return {int(p) for p in every if sympy.isprime(p)}


def observed_model(text: str, n: list[Any]) -> Any:
    total = _q(_grab(text, r" (\d+) times\. It landed")[0])
    results = dict(
        (name.strip(), _q(c))
        for name, c in re.findall(r"(?:landed|,|and) ([a-z' ]+?) (\d+) times", text)
    )
    assert sum(results.values()) == total, (text, results)
    target = next(
        r
        for r in sorted(results, key=len, reverse=True)
        if f"land {r}" in text or f"lands {r}" in text or f"landing {r}" in text
    )
    share = results[target] / total
    if "does not land" in text:
        return 1 - share
    if "more tries" in text:
        return share * _q(_grab(text, r"in (\d+) more tries")[0])
    if "equally likely" in text:
        return abs(share - sympy.Rational(1, len(results)))
    return share


def compound_probability(text: str, n: list[Any]) -> Any:
    if text.startswith("A bag"):
        counts = {c: int(k) for k, c in re.findall(r"(\d+) ([a-z]+)", text.split("marbles")[0])}
        total = sum(counts.values())
        if m := re.search(r"both ([a-z]+)\?", text):
            k = counts[m[1]]
            return sympy.Rational(comb(k, 2), comb(total, 2))
        one, two = _grab(text, r"of ([a-z]+) first and then ([a-z]+)\?")
        return sympy.Rational(counts[one], total) * sympy.Rational(counts[two], total)
    if text.startswith("Two number cubes"):
        what = _grab(text, r"probability of (.+)\?")[0]
        d1, d2 = sympy.stats.Die("d1", 6), sympy.stats.Die("d2", 6)
        if what.startswith("doubles"):
            return sympy.stats.P(sympy.Eq(d1, d2))
        if what in ("an even sum", "an odd sum"):
            return sympy.stats.P(sympy.Eq(sympy.Mod(d1 + d2, 2), int(what == "an odd sum")))
        s = int(what.split()[-1])
        if "differ by" in what:
            return sympy.stats.P(sympy.Eq(sympy.Abs(d1 - d2), s))
        if "product greater than" in what:
            return sympy.stats.P(d1 * d2 > s)
        if "product of" in what:
            return sympy.stats.P(sympy.Eq(d1 * d2, s))
        if "at least" in what:
            return sympy.stats.P(d1 + d2 >= s)
        if "at most" in what:
            return sympy.stats.P(d1 + d2 <= s)
        return sympy.stats.P(sympy.Eq(d1 + d2, s))
    if "number cube" in text:
        what = _grab(text, r"(?:heads|tails) and (.+)\?$")[0]
        return sympy.Rational(1, 2) * sympy.Rational(len(_numbers_for(what, 6)), 6)
    if m := re.search(r"numbered 1 to (\d+) is spun", text):
        what = _grab(text, r"(?:heads|tails) and (.+)\?$")[0]
        top = int(m[1])
        return sympy.Rational(len(_numbers_for(what, top)), 2 * top)
    sections = int(_grab(text, r"spinner with (\d+) equal")[0])
    return sympy.Rational(1, 2) / sections


def sample_space(text: str, n: list[Any]) -> Any:
    if "outcomes" in text:
        if text.startswith("Spinner"):
            a, b = (_values(v) for v in re.findall(r"numbered ((?:\d+, )+\d+)", text))
        else:
            a = b = _values(_grab(text, r"faces ((?:\d+, )+\d+), are")[0])
        what = _grab(text, r"have (.+)\?")[0]
        k = int(what.split()[-1])
        checks: dict[str, Callable[[Fraction, Fraction], bool]] = {
            "a sum of at least": lambda x, y: x + y >= k,
            "a sum of at most": lambda x, y: x + y <= k,
            "a sum greater than": lambda x, y: x + y > k,
            "a sum less than": lambda x, y: x + y < k,
            "a product greater than": lambda x, y: x * y > k,
            "a product less than": lambda x, y: x * y < k,
            "numbers that differ by": lambda x, y: abs(x - y) == k,
            "a sum of": lambda x, y: x + y == k,
        }
        test = checks[" ".join(what.split()[:-1])]
        return sympy.Integer(len([1 for x in a for y in b if test(x, y)]))
    lists = re.findall(r"[A-Z][a-z]+: ([a-z ,]+)\.", text)
    sizes = [len(v.split(", ")) for v in lists]
    count = sympy.prod(sizes)
    if m := re.search(r"do not include (.+)\?", text):
        for v in lists:
            if m[1] in v.split(", "):
                return count * (len(v.split(", ")) - 1) / len(v.split(", "))
    return count


def simulation_design(text: str, n: list[Any]) -> Any:
    if text.startswith("A player makes"):
        top = int(_grab(text, r"1 to (\d) on a number cube")[0])
        trials = _grab(text, r"were ([\d, ]+)\. In what")[0].split(", ")
        need = 3 if "all three" in text else 2
        good = sum(1 for t in trials if len(re.findall(f"[1-{top}]", t)) >= need)
        return sympy.Rational(good, len(trials))
    if text.startswith("Each trial"):
        happened, trials = map(int, _grab(text, r"In (\d+) of (\d+) trials"))
        return sympy.Rational(happened, trials)
    if "%" in text:
        percent, size = n[0], n[-1]
        return percent / 100 * size
    p, size = n[0], n[-1]
    return p * size


# family name -> solver(question text, the numbers it writes) -> the expected answer
SOLVERS: dict[str, Callable[[str, list[Any]], Any]] = {
    "representative_sample": representative_sample,
    "sample_inference": sample_inference,
    "centers_in_mads": centers_in_mads,
    "compare_populations": compare_populations,
    "likelihood": likelihood,
    "relative_frequency": relative_frequency,
    "uniform_probability": uniform_probability,
    "observed_model": observed_model,
    "compound_probability": compound_probability,
    "sample_space": sample_space,
    "simulation_design": simulation_design,
}
# families whose answer is right in a way `same` cannot tell (e.g. any equivalent equation):
# family name -> right(question text, value, expected) -> bool
RIGHT: dict[str, Callable[[str, Any, Any], bool]] = {"likelihood": likely_right}
# families whose items are about a picture: each draws one for every tier and kind
DRAWN: set[str] = {"centers_in_mads", "compare_populations", "observed_model", "sample_space"}
