"""Numbers in generated text must be the verified core's numbers: none added, none dropped."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

from edugen.validators.problem import Problem

Number = str | int | float | Decimal | Fraction

WORDS = {
    word: value
    for value, word in enumerate(
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split(),
        start=1,
    )
}

# Not glued to a letter, digit or point on the left ("S-ab23" or "1.2.3" hold no number
# here); a minus sign counts only at the start of a word ("-5", but "3-5" is 3 and 5).
_NUMBER = re.compile(
    r"""
    (?<![\w.])
    (?P<sign>(?<![^\s(\[])-)?
    (?:
        (?P<whole>\d+)\s+(?P<mnum>\d+)\s*/\s*(?P<mden>[1-9]\d*)(?![\d,]|\.\d)   # 1 3/4
      | (?P<num>\d+)\s*/\s*(?P<den>[1-9]\d*)(?![\d,]|\.\d)                      # 3/4
      | (?P<dec>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\d)|\.\d+)               # 3,000.5 .5
    )
    """,
    re.VERBOSE,
)
_UNITS = "|".join(list(WORDS)[:9])
# "twenty-one" is 21; any other word glued by a hyphen still counts ("one-third" has a 1), so
# a number written in a way not understood here is a reason to reject, never one to let by.
_WORD = re.compile(
    rf"(?<!\w)(?:twenty[- ](?P<unit>{_UNITS})|(?P<word>{'|'.join(WORDS)}))(?!\w)",
    re.IGNORECASE,
)


# One-character numbers: vulgar fractions (½, ¾, ⅝), superscripts and subscripts (², ₃).
_GLYPH = re.compile(r"[\u00b2\u00b3\u00b9\u00bc-\u00be\u2070-\u2079\u2080-\u2089\u2150-\u215e]")


def extract_numbers(text: str) -> list[tuple[Fraction, str]]:
    """Every number in `text` with the text it was written as, in order.

    "3,000" and "3000" are the same number, so are "0.5", ".5" and "1/2"; "1 3/4" is one
    number; the words one to twenty (and twenty-one to twenty-nine) count as numbers, and so
    do one-character numbers such as "½" and "²".
    """
    found: list[tuple[int, Fraction, str]] = []
    for m in _NUMBER.finditer(text):
        if m["whole"] is not None:
            value = Fraction(int(m["whole"])) + Fraction(int(m["mnum"]), int(m["mden"]))
        elif m["num"] is not None:
            value = Fraction(int(m["num"]), int(m["den"]))
        else:
            value = Fraction(Decimal(m["dec"].replace(",", "")))
        if m["sign"]:
            value = -value
        found.append((m.start(), value, m.group().strip()))
    for m in _GLYPH.finditer(text):
        value = Fraction(unicodedata.numeric(m.group())).limit_denominator(1000)
        found.append((m.start(), value, m.group()))
    for m in _WORD.finditer(text):
        word = m["unit"] or m["word"]
        found.append(
            (m.start(), Fraction(WORDS[word.lower()] + (20 if m["unit"] else 0)), m.group())
        )
    return [(value, raw) for _, value, raw in sorted(found, key=lambda f: f[0])]


def _values(core: Iterable[Number]) -> dict[Fraction, str]:
    values: dict[Fraction, str] = {}
    for item in core:
        if isinstance(item, str):
            for value, raw in extract_numbers(item):
                values.setdefault(value, raw)
        elif isinstance(item, Fraction | int):
            values.setdefault(Fraction(item), str(item))
        else:
            values.setdefault(Fraction(Decimal(str(item))), str(item))
    return values


def check_numbers(text: str, core: Iterable[Number], *, complete: bool = True) -> list[Problem]:
    """Every number in `text` is one of the core's, and (if `complete`) every number of the
    core is in `text`.

    `core` holds the verified numbers (ints, decimals, fractions, or strings such as "3/4"
    or the verified question's text, whose numbers are taken).
    """
    wanted = _values(core)
    seen: dict[Fraction, str] = {}
    for value, raw in extract_numbers(text):
        seen.setdefault(value, raw)
    problems = [
        Problem("numbers", f"has {raw!r}, which is not a number of the verified question")
        for value, raw in seen.items()
        if value not in wanted
    ]
    if complete:
        problems += [
            Problem("numbers", f"leaves out {raw!r} from the verified question")
            for value, raw in wanted.items()
            if value not in seen
        ]
    return problems


def check_answer_hidden(text: str, answer: str) -> list[Problem]:
    """The text does not give the answer away: not its words, not its value as a number."""
    if not answer.strip():
        return []
    normal = " ".join(answer.lower().split())
    if not extract_numbers(answer) or any(c.isalpha() for c in answer):
        if normal in " ".join(text.lower().split()):
            return [Problem("answer", f"gives away the answer {answer!r}")]
        return []
    values = {value for value, _ in extract_numbers(answer)}
    if len(values) == 1 and values & {value for value, _ in extract_numbers(text)}:
        return [Problem("answer", f"gives away the answer {answer!r}")]
    return []
