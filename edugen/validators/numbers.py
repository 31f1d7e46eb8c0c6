"""Numbers in generated text must be the verified core's numbers: none added, none dropped."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from decimal import Decimal
from fractions import Fraction

from edugen.validators.problem import Problem

Number = str | int | float | Decimal | Fraction

_UNIT_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TEN_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
# Cardinal words: zero to nineteen, the tens, and the scales.
CARDINALS: dict[str, int] = {
    **{w: v for v, w in enumerate(_UNIT_WORDS)},
    **{w: 10 * v for v, w in enumerate(_TEN_WORDS, start=2)},
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
# Ordinal words, which are also the denominators of fractions ("two thirds"). "first" and
# "second" are left out: "First, ..." and "per second" are not numbers in a hint or a question.
ORDINALS: dict[str, int] = {
    "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    **{w[:-1] + "ieth": 10 * v for v, w in enumerate(_TEN_WORDS, start=2)},
    "hundredth": 100, "thousandth": 1000, "millionth": 10**6,
}  # fmt: skip
# Ordinals that follow a tens word ("twenty-first"): here "first" and "second" count.
_UNIT_ORDINALS = {"first": 1, "second": 2, **{w: v for w, v in ORDINALS.items() if v < 10}}
# Words that are a fraction by themselves, or a number of things.
FRACTION_WORDS = {"half": 2, "halves": 2, "quarter": 4, "quarters": 4}
OTHER_WORDS: dict[str, Fraction] = {
    "dozen": Fraction(12), "dozens": Fraction(12), "twice": Fraction(2), "thrice": Fraction(3),
    "hundreds": Fraction(100), "thousands": Fraction(1000), "millions": Fraction(10**6),
}  # fmt: skip
# Kept for callers that want the small number words (one to twenty).
WORDS = {w: v for w, v in CARDINALS.items() if 1 <= v <= 20}

# Not glued to a letter, digit or point on the left ("S-ab23" or "1.2.3" hold no number
# here); a minus sign counts only at the start of a word ("-5", but "3-5" is 3 and 5).
_NUMBER = re.compile(
    r"""
    (?<![\w.])
    (?P<sign>(?<![^\s(\[])-)?
    (?:
        (?P<whole>\d+)\s+(?P<mnum>\d+)\s*/\s*(?P<mden>[1-9]\d*)(?![\d,]|\.\d)   # 1 3/4
      | (?P<num>\d+)\s*/\s*(?P<den>[1-9]\d*)(?![\d,]|\.\d)                      # 3/4
      | (?P<vwhole>\d+)(?P<vulgar>[\u00bc-\u00be\u2150-\u215e])                  # 1½
      | (?P<dec>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\d)|\.\d+)               # 3,000.5 .5
    )
    """,
    re.VERBOSE,
)
# Number words and the digits that may lead them ("3 quarters"); split on anything else.
_TOKEN = re.compile(r"[A-Za-z]+|\d+")
# Roman numerals in capitals, two letters or more ("XII"); "I" alone is a pronoun.
_ROMAN = re.compile(
    r"(?<!\w)(?=[MDCLXVI]{2,}(?!\w))"
    r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})(?!\w)"
)
_ROMAN_VALUES = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}


def _glyph(char: str) -> Fraction | None:
    """A one-character number that `\\d` does not read: ½, ², ①, Ⅻ, ❼, 五 …"""
    if char.isdecimal() or char.isascii():
        return None
    value = unicodedata.numeric(char, None)
    return None if value is None else Fraction(value).limit_denominator(1000)


def _roman(text: str) -> int:
    total = 0
    for char, after in zip(text, [*text[1:], ""], strict=True):
        value = _ROMAN_VALUES[char]
        total += -value if after and _ROMAN_VALUES[after] > value else value
    return total


def extract_numbers(text: str) -> list[tuple[Fraction, str]]:
    """Every number in `text` with the text it was written as, in order.

    "3,000" and "3000" are the same number, so are "0.5", ".5", "1/2", "half" and "one half";
    "1 3/4" and "1½" are one number. Number words count however they are written ("forty",
    "twenty-one", "a hundred", "two dozen", "three quarters", "one and a half", "the fifth"),
    and so do one-character numbers ("½", "²", "①", "Ⅻ") and Roman numerals in capitals
    ("XII"). A number written in a way read wrongly here still counts as some number: a
    reason to reject a text, never one to let it by.
    """
    found: list[tuple[int, int, Fraction, str]] = []
    for m in _NUMBER.finditer(text):
        if m["whole"] is not None:
            value = Fraction(int(m["whole"])) + Fraction(int(m["mnum"]), int(m["mden"]))
        elif m["num"] is not None:
            value = Fraction(int(m["num"]), int(m["den"]))
        elif m["vwhole"] is not None:
            value = int(m["vwhole"]) + (_glyph(m["vulgar"]) or Fraction(0))
        else:
            value = Fraction(Decimal(m["dec"].replace(",", "")))
        if m["sign"]:
            value = -value
        found.append((m.start(), m.end(), value, m.group().strip()))
    for i, char in enumerate(text):
        glyph = _glyph(char)
        if glyph is not None:
            found.append((i, i + 1, glyph, char))
    for m in _ROMAN.finditer(text):
        found.append((m.start(), m.end(), Fraction(_roman(m.group())), m.group()))
    found += _number_words(text)
    # A word phrase may start at digits ("3 quarters"): the longer reading of a span wins.
    found.sort(key=lambda f: (f[0], -f[1]))
    kept: list[tuple[int, int, Fraction, str]] = []
    for item in found:
        if kept and item[0] < kept[-1][1]:
            continue
        kept.append(item)
    return [(value, raw) for _, _, value, raw in kept]


def _number_words(text: str) -> list[tuple[int, int, Fraction, str]]:
    tokens = [(m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]

    def joined(i: int, j: int) -> bool:  # tokens i and j are neighbours in one phrase
        gap = text[tokens[i][2] : tokens[j][1]]
        return gap == "-" or (gap.isspace() and "\n" not in gap and len(gap) <= 3)

    found = []
    i = 0
    while i < len(tokens):
        parsed = _phrase(tokens, i, joined)
        if parsed is None:
            i += 1
            continue
        value, j = parsed
        start, end = tokens[i][1], tokens[j - 1][2]
        found.append((start, end, value, text[start:end]))
        i = j
    return found


Joined = Callable[[int, int], bool]


def _next(tokens: list[tuple[str, int, int]], i: int, joined: Joined) -> str | None:
    return tokens[i + 1][0] if i + 1 < len(tokens) and joined(i, i + 1) else None


def _cardinal(tokens: list[tuple[str, int, int]], i: int, joined: Joined) -> tuple[int, int] | None:
    """A whole number in words from token i ("two hundred and five", "a dozen" excluded):
    its value and the index after it; digits count as a lead-in count too ("3")."""
    word = tokens[i][0]
    if word.isdigit():
        return int(word), i + 1
    if word == "a" and _next(tokens, i, joined) in SCALES:
        return _cardinal(tokens, i + 1, joined)
    if word not in CARDINALS and word not in SCALES:
        return None
    total, current, j, last = 0, 0, i, ""
    while j < len(tokens):
        word = tokens[j][0]
        if j > i and not joined(j - 1, j):
            break
        if word == "and" and last in SCALES and _next(tokens, j, joined) in CARDINALS:
            j += 1
            continue
        if word in CARDINALS:
            value = CARDINALS[word]
            if last in CARDINALS and not (CARDINALS[last] >= 20 and 0 < value < 10):
                break
            current += value
        elif word in SCALES:
            scale = SCALES[word]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
        else:
            break
        last = word
        j += 1
    return total + current, j


def _denominator(word: str) -> tuple[int, bool] | None:
    """The n of a fraction word ("thirds" 3, "half" 2), and whether it is plural."""
    if word in FRACTION_WORDS:
        return FRACTION_WORDS[word], word.endswith("s")
    if word in ORDINALS:
        return ORDINALS[word], False
    if word.endswith("s") and word[:-1] in ORDINALS:
        return ORDINALS[word[:-1]], True
    return None


def _phrase(
    tokens: list[tuple[str, int, int]], i: int, joined: Joined
) -> tuple[Fraction, int] | None:
    word = tokens[i][0]
    after = _next(tokens, i, joined)
    # "a third", "a half", "a quarter", "a dozen" (and "a hundred" below).
    if word == "a" and after is not None:
        if after in OTHER_WORDS and after.startswith("dozen"):
            return Fraction(12), i + 2
        den = _denominator(after)
        if den is not None and after not in ("first", "second"):
            return Fraction(1, den[0]), i + 2
    count = _cardinal(tokens, i, joined)
    if count is not None:
        value, j = count
        following = tokens[j][0] if j < len(tokens) and joined(j - 1, j) else None
        last = tokens[j - 1][0]
        if following in _UNIT_ORDINALS and last in CARDINALS and CARDINALS[last] >= 20:
            return Fraction(value + _UNIT_ORDINALS[following]), j + 1  # "twenty-first"
        if following is not None and following.startswith("dozen"):
            return Fraction(value * 12), j + 1
        den = _denominator(following) if following is not None else None
        if den is not None:
            return Fraction(value, den[0]), j + 1  # "two thirds", "3 quarters"
        if following == "and" and j + 1 < len(tokens) and joined(j, j + 1):
            part = _phrase(tokens, j + 1, joined)
            if part is not None and 0 < part[0] < 1:
                return value + part[0], part[1]  # "one and a half"
        if word.isdigit():
            return None  # plain digits: read by the number pattern
        return Fraction(value), j
    if word in OTHER_WORDS:
        return OTHER_WORDS[word], i + 1
    den = _denominator(word)
    if den is not None:
        n, plural = den
        # "half", "quarters", "thirds": a fraction; "the fifth": a place, read as 5.
        return (Fraction(1, n) if plural or word in FRACTION_WORDS else Fraction(n)), i + 1
    return None


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
