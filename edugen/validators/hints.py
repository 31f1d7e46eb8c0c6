"""A hint never gives the answer away (not its value in any form, not the keyed option) and
says something about its own question (no generic template, doubled word or empty equation)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from fractions import Fraction
from typing import Protocol

from edugen.validators.numbers import extract_numbers
from edugen.validators.problem import Problem

# Option letters as documents print them ("B) 12"); exporters/pages/model.py uses the same.
LETTERS = "ABCDEFGHIJ"
# "50%", "50 percent", "fifty per cent": the number is a percent of one.
_PERCENT = re.compile(r"\s*(?:%|per\s*cent\b)", re.IGNORECASE)
_RATIO = re.compile(r"^\s*(-?[\d./]+)\s*:\s*(-?[\d./]+)\s*$")
_RATIO_IN_TEXT = re.compile(r"(-?\d+(?:[./]\d+)*)\s*(?::|\bto\b)\s*(-?\d+(?:[./]\d+)*)")
_SYMBOLS = str.maketrans({"−": "-", "×": "*", "·": "*", "÷": "/", "≤": "<=", "≥": ">="})


class Keyed(Protocol):
    """Anything with an answer key and, for multiple choice, its options (cores, items)."""

    @property
    def answer(self) -> str: ...

    @property
    def options(self) -> Sequence[str] | None: ...


def check_hint_hides_answer(hint: str, item: Keyed) -> list[Problem]:
    """The hint does not give away `item`'s answer, whoever wrote the hint."""
    return check_answer_hidden(hint, item.answer, item.options)


def check_answer_hidden(
    text: str, answer: str, options: Sequence[str] | None = None
) -> list[Problem]:
    """The text does not give the answer away in any form.

    A one-number answer is given away by that value however it is written: "0.5", "1/2",
    "2/4", "50%", "half", "one half"; so is the check that substitutes it ("x = 10"). Any
    other answer (a ratio, a point, an expression, a list) by its text, spaces and symbol
    spellings aside, and a ratio also by an equal ratio ("5:15" for "1:3"). With `options`,
    naming the keyed option's letter ("option B", "(B)") gives it away too.
    """
    answer = answer.strip()
    if not answer:
        return []
    if _single_value(answer) is not None:
        found = _gives_value(text, answer)
    else:
        found = _gives_value(text, answer) or _gives_text(text, answer)
    if options is not None and answer in options:
        found = found or _names_letter(text, LETTERS[list(options).index(answer) % len(LETTERS)])
    return [Problem("answer", f"gives away the answer {answer!r}")] if found else []


def _single_value(text: str) -> Fraction | None:
    numbers = extract_numbers(text)
    if len(numbers) == 1 and numbers[0][1] == text.strip():
        return numbers[0][0]
    return None


def _values(text: str) -> set[Fraction]:
    values: set[Fraction] = set()
    pos = 0
    for value, raw in extract_numbers(text):
        at = text.find(raw, pos)
        pos = at + len(raw) if at >= 0 else pos
        values.add(value)
        if at >= 0 and _PERCENT.match(text, pos):
            values.add(value / 100)
    return values


def _ratio(left: str, right: str) -> Fraction | None:
    a, b = _single_value(left), _single_value(right)
    return None if a is None or b is None or b == 0 else a / b


def _gives_value(text: str, answer: str) -> bool:
    value = _single_value(answer)
    if value is not None:
        return value in _values(text)
    ratio = _RATIO.match(answer)
    if ratio is None:
        return False
    wanted = _ratio(*ratio.groups())
    return wanted is not None and any(
        _ratio(a, b) == wanted for a, b in _RATIO_IN_TEXT.findall(text)
    )


def _normal(text: str) -> str:
    return "".join(text.translate(_SYMBOLS).lower().split())


def _gives_text(text: str, answer: str) -> bool:
    wanted = {_normal(answer)}
    # "y = 9x + 12": its right-hand side alone says as much.
    if "=" in answer and not re.search(r"[<>]=", answer):
        wanted.add(_normal(answer.split("=", 1)[1]))
    seen = _normal(text)
    return any(w and w in seen for w in wanted)


def _names_letter(text: str, letter: str) -> bool:
    # "(B)" and "B)" only in capitals: "a(b + c)" names no option.
    pattern = (
        rf"\(\s*{letter}\s*\)|(?<![\w(]){letter}\)"
        r"|(?i:\b(?:option|choice|answer|letter|pick|choose|select)\s*(?:is\s+)?[\"'(]?)"
        rf"[{letter}{letter.lower()}]\b"
    )
    return re.search(pattern, text) is not None


# Templates that fit any question, so they help with none.
_GENERIC = (
    re.compile(r"\bthink about what\b.*\bmeans?\b", re.IGNORECASE),
    re.compile(r"\bwrite down the first step\b", re.IGNORECASE),
    re.compile(r"^(?:read|look at) the question (?:again|carefully)\b", re.IGNORECASE),
)
_DOUBLED = re.compile(r"\b([A-Za-z]+)\s+\1\b", re.IGNORECASE)
# "2 = 2", "x = x": both sides the same, so the equation says nothing.
_SAME_SIDES = re.compile(r"(?<![\w.])([\w./]+)\s*=\s*\1(?![\w/]|\.\d)")
_WORDS = re.compile(r"[A-Za-z]{2,}")


def check_hint_specific(hint: str) -> list[Problem]:
    """The hint is about this question: not a template that fits any question ("Think
    about what ... means, then write down the first step"), no word twice in a row ("what
    what"), no equation whose sides are the same ("2 = 2."), and at least three words."""
    problems = []
    if any(p.search(hint) for p in _GENERIC):
        problems.append(Problem("hint", "is a generic hint that fits any question"))
    doubled = _DOUBLED.search(hint)
    if doubled:
        problems.append(Problem("hint", f"repeats {doubled.group(1)!r}"))
    same = _SAME_SIDES.search(hint)
    if same:
        problems.append(Problem("hint", f"says {same.group()!r}, which says nothing"))
    if len(_WORDS.findall(hint)) < 3:
        problems.append(Problem("hint", "has too few words to help"))
    return problems
