"""A model's note, rationale or class sentence says nothing its record does not.

Each check takes the text and the record's facts (a student's plan, one resource, a class's
week) and rejects any topic, activity or format, weekday, number, source or student code the
facts do not hold; words of none of these kinds are not judged, except that a rationale must
name something of its own resource and nothing only another resource in its prompt has.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from urllib.parse import urlsplit

from edugen.validators import vocabulary as vocab
from edugen.validators.numbers import extract_numbers
from edugen.validators.problem import Problem
from edugen.validators.text import stems


@dataclass(frozen=True)
class PlanFacts:
    """What a student's week holds: the only things a note to them may mention."""

    # Topic titles and the planner's reasons, task and resource titles.
    topics: tuple[str, ...]
    # Task kinds ("practice", "spaced_review", "resource") and resource types ("video").
    kinds: tuple[str, ...]
    # The weekdays with work ("Monday"); empty: the note may name no day.
    days: tuple[str, ...] = ()
    # Minutes a day and per task, the number of study days and of questions.
    numbers: tuple[int, ...] = ()


@dataclass(frozen=True)
class ResourceFacts:
    """One catalog resource as recorded: what its rationale must agree with."""

    id: int
    title: str
    type: str
    topic: str  # the title of the topic it was chosen for
    url: str = ""
    description: str | None = None

    @property
    def source(self) -> str:
        """Where it comes from, as the prompt shows it ("khanacademy.org")."""
        host = (urlsplit(self.url).hostname or "").lower()
        return re.sub(r"^(www|en|es|fr|de|apps)\.", "", host)


@dataclass(frozen=True)
class ClassFacts:
    """A class's week as the deterministic summary states it."""

    topics: tuple[str, ...]  # topic titles, prerequisites, misconceptions, group focuses
    pseudonyms: tuple[str, ...]
    numbers: tuple[int, ...]


# Publishers and sites a rationale may name, each with the hosts it is found at.
SOURCES: dict[str, tuple[str, ...]] = {
    "khan academy": ("khanacademy.org",),
    "khan": ("khanacademy.org",),
    "wikipedia": ("wikipedia.org",),
    "math is fun": ("mathsisfun.com",),
    "maths is fun": ("mathsisfun.com",),
    "mathsisfun": ("mathsisfun.com",),
    "phet": ("phet.colorado.edu",),
    "openstax": ("openstax.org",),
    "desmos": ("desmos.com",),
    "geogebra": ("geogebra.org",),
    "corbettmaths": ("corbettmaths.com",),
    "corbett": ("corbettmaths.com",),
    "illustrative mathematics": ("im.kendallhunt.com", "illustrativemathematics.org"),
    "kendall hunt": ("im.kendallhunt.com",),
    "math learning center": ("mathlearningcenter.org",),
    "youtube": ("youtube.com", "youtu.be"),
    "ixl": ("ixl.com",),
    "ck-12": ("ck12.org",),
    "brainpop": ("brainpop.com",),
    "nrich": ("nrich.maths.org",),
}
_SOURCE = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(re.escape(s) for s in sorted(SOURCES, key=len, reverse=True))
    + r")(?![\w-])",
    re.IGNORECASE,
)
_PSEUDONYM = re.compile(r"\bS-[0-9a-z]{4,16}\b")
_SENTENCE_END = re.compile(r"[.!?](?=\s+\S)")


def check_topics(text: str, record: str, what: str) -> list[Problem]:
    """Every maths topic the text names is one the record names."""
    extra = sorted(vocab.topics_in(text) - vocab.topics_in(record))
    return [Problem("grounded", f"mentions {w!r}, which is not in {what}") for w in extra]


def check_activities(text: str, allowed: frozenset[str], what: str) -> list[Problem]:
    """Every activity or format word is licensed by the record ("watch" needs a video)."""
    return [
        Problem("grounded", f"mentions {w!r}, which is not in {what}")
        for w in vocab.activities_in(text)
        if not vocab.licensed(w, allowed)
    ]


def check_days(text: str, days: Iterable[str], what: str) -> list[Problem]:
    """Every day named is one of the record's, and a range ("Monday to Thursday") or a list of
    three or more days names exactly the record's days: said of the week, a part of them is
    false ("Monday to Thursday" for a plan that works on Friday too)."""
    have = {d.strip().lower() for d in days}
    problems = [
        Problem("grounded", f"mentions {w!r}, which is not a day in {what}")
        for w, named in vocab.days_in(text).items()
        if not set(named) & have
    ]
    for phrase, named in _day_runs(text):
        if named != have:
            listed = ", ".join(d.title() for d in vocab.WEEKDAYS if d in have) or "none"
            problems.append(
                Problem("grounded", f"says {phrase!r}, but the days of {what} are {listed}")
            )
    return problems


_DAY = re.compile(r"\b(" + "|".join(vocab.WEEKDAYS) + r")s?\b", re.IGNORECASE)
_TO = re.compile(r"^\s*(?:to|through|thru|until|-|–)\s*$", re.IGNORECASE)
_AND = re.compile(r"^\s*(?:,|,?\s*and|,?\s*&)\s*$", re.IGNORECASE)


def _day_runs(text: str) -> list[tuple[str, set[str]]]:
    """Each range of days ("Monday to Friday") and each list of three or more ("Monday,
    Wednesday and Friday") in `text`, with the days it names."""
    found = list(_DAY.finditer(text))
    runs: list[tuple[str, set[str]]] = []
    i = 0
    while i < len(found):
        start = found[i]
        j = i
        while j + 1 < len(found) and _AND.match(text[found[j].end() : found[j + 1].start()]):
            j += 1
        if i + 1 < len(found) and j == i and _TO.match(text[start.end() : found[i + 1].start()]):
            days = vocab.WEEKDAYS
            a, b = days.index(start[1].lower()), days.index(found[i + 1][1].lower())
            span = days[a : b + 1] if a <= b else (*days[a:], *days[: b + 1])
            runs.append((text[start.start() : found[i + 1].end()], set(span)))
            i += 2
            continue
        if j - i >= 2:
            named = {m[1].lower() for m in found[i : j + 1]}
            runs.append((text[start.start() : found[j].end()], named))
        i = j + 1
    return runs


def check_figures(
    text: str, numbers: Iterable[int | Fraction], what: str, record: str = ""
) -> list[Problem]:
    """Every number is one the facts hold, or one the record itself writes that way: inside
    a word of it ("one-step" of "Solving one-step equations") or among the same three words
    ("subtracting within 1000" of "Adding and subtracting within 1000")."""
    have = {Fraction(n) for n in numbers}
    written = _tokens(record)
    own = set(written)
    phrases = {tuple(written[i : i + 3]) for i in range(len(written) - 2)}
    tokens = _tokens(text)
    problems = []
    for value, raw in extract_numbers(text):
        if value in have:
            continue
        key = raw.lower()
        around = [t for t in tokens if key in t]
        if around and all(t in own and t != key for t in around):
            continue
        at = [i for i, t in enumerate(tokens) if t == key]
        if at and all(
            any(tuple(tokens[j : j + 3]) in phrases for j in range(max(0, i - 2), i + 1))
            for i in at
        ):
            continue
        problems.append(Problem("grounded", f"mentions {raw!r}, which is not a number in {what}"))
    return problems


def _tokens(text: str) -> list[str]:
    return [t.strip(".,;:!?()\"'") for t in text.lower().split()]


def check_vague(text: str, record: str = "") -> list[Problem]:
    """No empty claim ("real world", "the best way") unless the record itself says it (a
    topic titled "Formulas from the real world")."""
    held = set(vocab.vague_in(record))
    return [
        Problem("grounded", f"says {phrase!r}, which states nothing the record holds")
        for phrase in vocab.vague_in(text)
        if phrase not in held
    ]


# A note's sentence cannot stop on these (something was cut off after them), nor on a lone
# letter: "In this, I."
_NOTE_DANGLING = vocab.DANGLING | {"this", "that", "i"}
# The planner's own words for a pick: a student's plan names topics, not these.
_PLANNER_WORDS = re.compile(r"\b(step[- ]?back|stretch topic|tier \d)\b", re.IGNORECASE)


def check_note_whole(text: str) -> list[Problem]:
    """A note is whole sentences in a student's words: no sentence cut off ("In this,
    I."), none trailing off, and no planner jargon ("step-back") taken for a topic."""
    problems = []
    if ".." in text or "\u2026" in text:
        problems.append(Problem("note", "trails off ('..')"))
    for sentence in re.split(r"[.!?]+", text)[:-1] or [text]:
        last = re.findall(r"[A-Za-z']+", sentence)[-1:]
        if last and (last[0].lower() in _NOTE_DANGLING or len(last[0]) == 1):
            problems.append(Problem("note", f"stops on {last[0]!r}: something was cut off"))
            break
    jargon = _PLANNER_WORDS.search(text)
    if jargon:
        problems.append(Problem("note", f"uses the planner's word {jargon[0]!r} as if a topic"))
    return problems


def check_note_grounded(text: str, plan: PlanFacts) -> list[Problem]:
    """A note to a student mentions only tasks, topics, days and minutes of their plan."""
    what = "the plan"
    record = " ".join(plan.topics)
    return [
        *check_note_whole(text),
        *check_activities(text, vocab.licences(plan.kinds, record), what),
        *check_topics(text, record, what),
        *check_days(text, plan.days, what),
        *check_figures(text, plan.numbers, what, record),
        *check_vague(text, record),
    ]


def check_rationale_grounded(
    text: str, resource: ResourceFacts, others: Iterable[ResourceFacts] = ()
) -> list[Problem]:
    """A rationale agrees with its own resource: its type, its topic, where it comes from; it
    names something of it and nothing only another resource of the same prompt has."""
    what = f"resource {resource.id} ({resource.type}, {resource.source or 'no source'})"
    record = _record(resource)
    problems = [
        *check_activities(text, vocab.licences([resource.type], record), what),
        *check_topics(text, record, what),
        *check_vague(text, record),
        *check_names_own(text, resource),
        *check_borrowed(text, resource, others),
    ]
    own = f"{resource.source} {resource.title}".lower()
    for found in dict.fromkeys(m.group().lower() for m in _SOURCE.finditer(text)):
        if not any(host in own for host in SOURCES[found]) and found not in own:
            problems.append(Problem("grounded", f"says it is from {found!r}; it is not"))
    return problems


def check_names_own(text: str, resource: ResourceFacts) -> list[Problem]:
    """The rationale shares a content word with its resource's title, description or topic;
    maths in general, activity words and the publisher's name do not count."""
    plain = {w[:4] for w in vocab.GENERIC | set(vocab.ACTIVITY_LICENCES)}
    plain |= stems(f"{resource.source} {' '.join(SOURCES)}")
    if stems(text) & stems(_record(resource)) - plain:
        return []
    return [Problem("grounded", f"names nothing of resource {resource.id} ({resource.title})")]


def check_borrowed(
    text: str, resource: ResourceFacts, others: Iterable[ResourceFacts]
) -> list[Problem]:
    """No word that only another resource of the same prompt has: a neighbour's description
    lifted onto this resource is false ("swap, regroup and distribute" of the laws page)."""
    own = _keys(_record(resource))
    problems = []
    for other in others:
        if other.id == resource.id:
            continue
        theirs = _keys(_record(other)) - own
        borrowed = [w for w in dict.fromkeys(vocab.words(text)) if _key(w) in theirs]
        if borrowed:
            problems.append(
                Problem(
                    "grounded",
                    f"says {borrowed[0]!r}, which describes resource {other.id} "
                    f"({other.title}), not resource {resource.id}",
                )
            )
    return problems


def _record(resource: ResourceFacts) -> str:
    return " ".join([resource.title, resource.topic, resource.description or ""])


def _key(word: str) -> str:
    # Six letters of the singular: "distribute" and "Distributive" agree, "distance" does not.
    return (word[:-1] if len(word) > 4 and word.endswith("s") else word)[:6]


def _keys(text: str) -> set[str]:
    return {
        _key(w)
        for w in vocab.words(text)
        if stems(w) and w not in vocab.GENERIC and w not in vocab.ACTIVITY_LICENCES
    }


def check_class_sentence(text: str, week: ClassFacts) -> list[Problem]:
    """The model's one sentence on a class's week: one sentence, only the week's topics,
    student codes and counts."""
    what = "the class's week"
    problems = []
    if _SENTENCE_END.search(text.strip()):
        problems.append(Problem("grounded", "is more than one sentence"))
    for code in dict.fromkeys(_PSEUDONYM.findall(text)):
        if code not in week.pseudonyms:
            problems.append(Problem("grounded", f"names {code}, who is not in {what}"))
    record = " ".join(week.topics)
    return [
        *problems,
        *check_activities(text, vocab.licences(["practice", "spaced_review"], record), what),
        *check_topics(text, record, what),
        *check_figures(text, week.numbers, what, record),
        *check_vague(text, record),
    ]
