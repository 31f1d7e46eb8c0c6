"""Checks on one piece of generated text: links, roster names, unsafe words, reading grade."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from importlib.resources import files
from typing import Any
from urllib.parse import urlsplit

from edugen.validators.problem import Problem

# A link with a scheme or www. (any case), or a bare lowercase host on a common top-level
# domain; "left.Me" after a missing space is not a link, and neither are "e.g." or "U.S.".
_URL = re.compile(
    r"(?i:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"'`]+"
    r"|\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
    r"(?:com|org|net|edu|gov|io|co|ly|info|biz|app|dev|xyz|tv|gg|uk|au)\b"
    r"(?:/[^\s<>\"'`]*)?"
)
_TRAILING = ".,;:!?)]}'\""


def find_urls(text: str) -> list[str]:
    return [m.group().rstrip(_TRAILING) for m in _URL.finditer(text)]


def _host(url: str) -> str:
    parts = urlsplit(url if "://" in url else "http://" + url)
    host = (parts.hostname or "").lower()
    return host.removeprefix("www.")


def _normal_url(url: str) -> str:
    parts = urlsplit(url if "://" in url else "http://" + url)
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{_host(url)}{path}{query}"


def check_urls(text: str, allowed: Iterable[str] = ()) -> list[Problem]:
    """No link unless it is one of `allowed`: a URL (exactly) or a host (and its subdomains)."""
    hosts: set[str] = set()
    urls: set[str] = set()
    for entry in allowed:
        if "/" in entry.removesuffix("/").split("://", 1)[-1]:
            urls.add(_normal_url(entry))
        else:
            hosts.add(_host(entry))
    problems = []
    for url in find_urls(text):
        host = _host(url)
        if _normal_url(url) in urls or any(host == h or host.endswith("." + h) for h in hosts):
            continue
        problems.append(Problem("url", f"links to {url}, which is not an allowed link"))
    return problems


def _words_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """One case-insensitive, whole-word pattern for `words` (multi-word entries allowed)."""
    parts = {
        r"\s+".join(re.escape(piece) for piece in word.split())
        for word in words
        if len(word.strip()) >= 2
    }
    if not parts:
        return None
    alternatives = "|".join(sorted(parts, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _matches(pattern: re.Pattern[str] | None, text: str) -> list[str]:
    if pattern is None:
        return []
    return list(dict.fromkeys(m.group() for m in pattern.finditer(text)))


def check_roster_names(text: str, names: Iterable[str]) -> list[Problem]:
    """No given, family or preferred name from the roster, as a whole word, in any case.

    Names shorter than two letters are skipped. A name that is also an ordinary word ("Will",
    "May") is still a hit: a false alarm costs a retry, a leaked name cannot be taken back.
    """
    return [
        Problem("roster_name", f"mentions {found!r}, a name on the roster")
        for found in _matches(_names_pattern(tuple(names)), text)
    ]


@lru_cache(maxsize=16)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    # A school's roster is checked against every output of a run: compile it once.
    return _words_pattern(names)


_CONTENT_WORD = re.compile(r"[a-z]{4,}")
_COMMON = frozenset(
    "about after again also been before being between both each every from have here into "
    "just like make many more most much must only other over same some such than that "
    "their them then there these they this those through very what when where which while "
    "will with would your does".split()
)


def stems(text: str) -> set[str]:
    """The content words of `text` by their first four letters ("rates" and "rated" agree)."""
    return {w[:4] for w in _CONTENT_WORD.findall(text.lower()) if w not in _COMMON}


# Markdown and HTML marks, and pictographs (emoji): a printed page would show them raw.
_NOT_PLAIN = re.compile(r"[#*_|<>`~\[\]{}]|[\U0001F000-\U0001FAFF\u2600-\u27BF]")


def check_plain(text: str) -> list[Problem]:
    """Plain sentences: starts with a letter, ends with . ! or ?, no markup or emoji."""
    problems = []
    stripped = text.strip()
    if not stripped[:1].isalpha():
        problems.append(Problem("plain", "does not start with a word"))
    if stripped[-1:] not in (".", "!", "?"):
        problems.append(Problem("plain", "does not end a sentence"))
    marks = sorted(set(_NOT_PLAIN.findall(text)))
    if marks:
        problems.append(Problem("plain", f"has markup or symbols: {' '.join(marks)}"))
    return problems


def check_relevance(text: str, reference: str) -> list[Problem]:
    """The text shares at least one content word (by its first four letters) with
    `reference`: a hint about the question, a scene about the student's interest."""
    wanted = stems(reference)
    if not wanted or wanted & stems(text):
        return []
    return [Problem("relevance", f"shares no word with {reference[:60]!r}")]


@lru_cache(maxsize=1)
def shipped_unsafe_words() -> frozenset[str]:
    """The shipped list (unsafe_words.txt): one word or phrase a line, # starts a comment."""
    text = files("edugen.validators").joinpath("unsafe_words.txt").read_text(encoding="utf-8")
    lines = (line.split("#", 1)[0].strip().lower() for line in text.splitlines())
    return frozenset(line for line in lines if line)


def check_unsafe_words(text: str, words: Iterable[str] | None = None) -> list[Problem]:
    """No word from the unsafe list (the shipped one unless `words` is given), whole words only."""
    pattern = _unsafe_pattern(frozenset(shipped_unsafe_words() if words is None else words))
    return [
        Problem("unsafe_word", f"uses {found!r}, which is on the unsafe-words list")
        for found in _matches(pattern, text)
    ]


@lru_cache(maxsize=8)
def _unsafe_pattern(words: frozenset[str]) -> re.Pattern[str] | None:
    return _words_pattern(words)


# Flesch-Kincaid means little for a sentence or two: below this many words there is no verdict.
MIN_WORDS = 10


def reading_grade(text: str) -> float:
    """The Flesch-Kincaid grade of `text`, counted offline with textstat's pyphen dictionaries."""
    return float(_textstat().flesch_kincaid_grade(text))


def as_one_word(text: str, phrases: Iterable[str]) -> str:
    """`text` with each of `phrases` (whole words, any case, the longest first) as "it"."""
    for phrase in sorted({" ".join(p.split()) for p in phrases if p.strip()}, key=len)[::-1]:
        words = r"\s+".join(re.escape(w) for w in phrase.split())
        text = re.sub(rf"(?<!\w){words}(?!\w)", "it", text, flags=re.IGNORECASE)
    return text


def word_count(text: str) -> int:
    return int(_textstat().lexicon_count(text))


@lru_cache(maxsize=1)
def _textstat() -> Any:
    from textstat.textstat import textstatistics

    stats = textstatistics()
    # textstat 0.7.x counts English syllables with NLTK's cmudict, which it downloads on first
    # use; offline that fails. Its lookup keys on the language root ("en"), so "en-US" skips
    # cmudict while pyphen still finds its bundled en_US dictionary.
    stats.set_lang("en-US")
    return stats


def check_reading_grade(
    text: str,
    reading_level: float | None,
    *,
    slack: float = 1.0,
    min_words: int = MIN_WORDS,
    given: Iterable[str] = (),
) -> list[Problem]:
    """Text no harder than the student's reading level plus `slack` (Flesch-Kincaid grade).

    Every student's text is English, whatever language the student speaks at home, so the
    level holds for all. No verdict without a reading level, or for text too short to score.
    The names the record supplies (`given`: a topic's or a resource's title, a scene's
    opening) are the school's words, on the student's page whatever the model writes: each
    counts as one short word, so the grade is that of the model's own words around them.
    """
    if reading_level is None:
        return []
    text = as_one_word(text, given)
    if word_count(text) < min_words:
        return []
    grade = reading_grade(text)
    if grade > reading_level + slack:
        return [
            Problem(
                "reading_grade",
                f"reads at grade {grade:.1f}; the student reads at {reading_level:g} "
                f"(at most {reading_level + slack:g})",
            )
        ]
    return []
