"""Which catalog resources to recommend to a student this week, and why: pure, deterministic.

Only resources from the catalog can come out; the model later writes a sentence on why one
fits, and `fallback_rationale` writes that sentence when the model's is rejected.

Whole books, contents and index pages (granularity book or index) are never recommended:
a student cannot work through one in a task. Choice is greedy. Every (resource, topic it
serves) pair is scored by topic need, grade band fit, language and interest match; at each
step the pair taken is the best one by, in order: not recommended in recent weeks, a topic
with the fewest picks so far (spread across topics), score less a penalty for a type already
chosen (variety), and resource id.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from edugen.importers.resources import NOT_A_TASK
from edugen.schemas import ResourceInfo, ResourcePick, TopicPick
from edugen.validators.text import find_urls

# The most important topic's need; the last of n topics gets NEED / n.
NEED = 3.0
# Each further week topic the same resource covers.
EXTRA_TOPIC = 0.25
INTEREST = 0.75
ONE_GRADE_OFF = 1.0
# A resource in another language, allowed only where a topic has nothing in the student's.
OTHER_LANGUAGE = 1.5
# Per resource of the same type already chosen.
REPEATED_TYPE = 1.0
# Reported in the score; the choice itself takes a recent resource only when nothing else is left.
RECENT = 5.0

KIND_PHRASES = {
    "new": "new this week",
    "continue": "continuing",
    "step back": "a step back",
    "spaced review": "spaced review",
    "stretch": "stretch",
    "assigned": "assigned by the teacher",
}


@dataclass(frozen=True)
class _Option:
    """One resource as it would serve one of the week's topics."""

    resource: ResourceInfo
    pick: TopicPick
    score: float
    recent: bool
    notes: tuple[str, ...]


def rank_resources(
    candidates: Sequence[ResourceInfo],
    *,
    picks: Sequence[TopicPick],
    grade: int | None,
    language: str,
    interests: Sequence[str],
    count: int = 3,
    recent: Collection[int] = (),
) -> list[ResourcePick]:
    """Up to `count` of the candidates, best first, each for one of the picks' topics."""
    rank: dict[str, int] = {}
    for pick in picks:
        rank.setdefault(pick.code, len(rank))
    by_code = {p.code: p for p in reversed(picks)}  # the first pick of a code wins
    patterns = _interest_patterns(interests)
    wanted = _language(language)
    recent_ids = set(recent)

    fitting = [
        r for r in candidates if _grade_gap(r, grade) <= 1 and r.granularity not in NOT_A_TASK
    ]
    # A topic with something in the student's language never gets another language.
    covered = {
        code
        for r in fitting
        if _language(r.language) == wanted
        for code in r.topics
        if code in rank
    }
    options: list[_Option] = []
    for resource in sorted(fitting, key=lambda r: r.id):
        served = sorted({c for c in resource.topics if c in rank}, key=rank.__getitem__)
        foreign = _language(resource.language) != wanted
        liked = _interests(patterns, resource)
        for code in served:
            if foreign and code in covered:
                continue
            pick = by_code[code]
            others = [by_code[c].title for c in served if c != code]
            gap = _grade_gap(resource, grade)
            score = NEED * (len(rank) - rank[code]) / len(rank) + EXTRA_TOPIC * len(others)
            score += INTEREST if liked else 0.0
            score -= ONE_GRADE_OFF * gap
            score -= OTHER_LANGUAGE if foreign else 0.0
            notes = [f"{resource.type}, {_grade_fit(resource, grade)}"]
            if foreign:
                notes.append(f"in {resource.language}: nothing in {language} for this topic")
            if others:
                notes.append("also covers " + ", ".join(others))
            if liked:
                notes.append("mentions " + ", ".join(liked))
            is_recent = resource.id in recent_ids
            if is_recent:
                score -= RECENT
                notes.append("recommended in a recent week")
            options.append(_Option(resource, pick, score, is_recent, tuple(notes)))

    chosen: list[ResourcePick] = []
    types: Counter[str] = Counter()
    topics: Counter[str] = Counter()

    def key(o: _Option) -> tuple[bool, int, float, int, int]:
        adjusted = o.score - REPEATED_TYPE * types[o.resource.type]
        return (o.recent, topics[o.pick.code], -adjusted, o.resource.id, rank[o.pick.code])

    while options and len(chosen) < count:
        best = min(options, key=key)
        r = best.resource
        score = best.score - REPEATED_TYPE * types[r.type]
        kind = KIND_PHRASES.get(best.pick.kind, best.pick.kind)
        chosen.append(
            ResourcePick(
                resource_id=r.id,
                topic=best.pick.code,
                title=r.title,
                url=r.url,
                type=r.type,
                licence=r.licence,
                score=round(score, 6),
                reason="; ".join((f"for {best.pick.title} ({kind})", *best.notes)),
                minutes=r.minutes,
            )
        )
        types[r.type] += 1
        topics[best.pick.code] += 1
        options = [o for o in options if o.resource.id != r.id]
    return chosen


# Two short sentences each, so the note stays near a grade 4-6 reading level whatever the topic.
# Each says only what the catalog records (its type and the topic it was chosen for) and
# what to do with it: no claim about its examples, steps or answer checking, which the
# record does not hold (tests/test_grounded.py checks each against the demo catalog).
_RATIONALES = {
    "video": "This video is about {topic}. Watch it all the way through.",
    "article": "This reading is about {topic}. Read it, then work through your questions.",
    "lesson": "This lesson is about {topic}. Work through it step by step.",
    "interactive": "This activity is about {topic}. Try it and see what happens.",
    "practice": "These questions are about {topic}. Work through them step by step.",
    "worksheet": "This worksheet is about {topic}. Work through it on paper.",
    "exercise": "These exercises are about {topic}. Work through them step by step.",
    "game": "This game is about {topic}. Play it, then work through your questions.",
    "tool": "This tool is about {topic}. Use it as you work through your questions.",
}
_GENERIC = "This can help you with {topic}. Give it a try."


def fallback_rationale(pick: ResourcePick, topic_title: str) -> str:
    """One or two plain sentences to the student on why the resource helps (no names, no links)."""
    topic = _topic_phrase(topic_title)
    return _RATIONALES.get(pick.type.strip().lower(), _GENERIC).format(topic=topic)


def _topic_phrase(title: str) -> str:
    title = " ".join(title.split()).rstrip(".")
    if not title or find_urls(title):
        return "this topic"
    # "Unit rates" reads as "unit rates" mid-sentence; "GCF and LCM" keeps its capitals.
    if len(title) > 1 and not title[1].isupper():
        title = title[0].lower() + title[1:]
    return title


def _language(tag: str) -> str:
    """The primary language of a tag: "en-US" and "EN" are both "en"."""
    return tag.strip().lower().split("-")[0]


def _grade_gap(resource: ResourceInfo, grade: int | None) -> int:
    """How many grades the student is outside the resource's band (0 inside, or unknown)."""
    if grade is None:
        return 0
    return max(resource.grade_low - grade, grade - resource.grade_high, 0)


def _band(resource: ResourceInfo) -> str:
    low, high = (_grade_name(g) for g in (resource.grade_low, resource.grade_high))
    return f"grade {low}" if low == high else f"grades {low}-{high}"


def _grade_name(grade: int) -> str:
    return "K" if grade == 0 else str(grade)


def _grade_fit(resource: ResourceInfo, grade: int | None) -> str:
    if grade is None:
        return _band(resource)
    gap = _grade_gap(resource, grade)
    if gap == 0:
        return f"fits grade {_grade_name(grade)}"
    side = "above" if resource.grade_low > grade else "below"
    return f"{_band(resource)}, one grade {side} the student's"


def _interest_patterns(interests: Sequence[str]) -> dict[str, re.Pattern[str]]:
    """A whole-word, case-insensitive pattern per interest ("video games" finds "video game")."""
    patterns: dict[str, re.Pattern[str]] = {}
    for interest in interests:
        words = interest.split()
        if not words or len(interest.strip()) < 2:
            continue
        last = words[-1]
        if last.lower().endswith("s") and not last.lower().endswith("ss") and len(last) > 3:
            words[-1] = re.escape(last[:-1]) + "s?"
        else:
            words[-1] = re.escape(last) + "(?:e?s)?"
        body = r"\s+".join([re.escape(w) for w in words[:-1]] + [words[-1]])
        patterns.setdefault(interest.strip(), re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE))
    return patterns


def _interests(patterns: dict[str, re.Pattern[str]], resource: ResourceInfo) -> list[str]:
    """The student's interests named in the resource's title or description, in their order."""
    text = f"{resource.title}\n{resource.description or ''}"
    return [interest for interest, pattern in patterns.items() if pattern.search(text)]
