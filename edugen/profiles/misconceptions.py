"""Misconceptions behind wrong answers: match each answer to the wrong option it picked.

A generated multiple-choice item keeps, in `provenance["misconceptions"]`, the named
misconception behind each wrong option ("7/12" → "adds the denominators"). A wrong answer
whose response is one of those options (same text, or the same numbers written another
way: "0.5", ".5" and "1/2"; "3,000" and "3000") counts for that misconception.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from fractions import Fraction
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from edugen.profiles.models import Attempt, Item
from edugen.schemas import MisconceptionCount
from edugen.validators import extract_numbers

CHUNK = 500

NumericKey = tuple[tuple[Fraction, ...], str]


def misconception_counts(
    *, session: Session, student_ids: Collection[str], since: datetime
) -> list[MisconceptionCount]:
    """Per (topic, misconception): how many of these students, and how many of their wrong
    answers since `since`, picked a wrong option that misconception leads to.

    Most students first, then most answers, then topic and misconception.
    """
    ids = sorted(set(student_ids))
    start = since.astimezone(UTC) if since.tzinfo is not None else since.replace(tzinfo=UTC)
    answers: list[tuple[str, str, str]] = []  # (student, item, response)
    for chunk in _chunks(ids):
        stmt = select(Attempt.student_id, Attempt.item_id, Attempt.response).where(
            Attempt.student_id.in_(chunk),
            Attempt.correct.is_(False),
            Attempt.answered_at >= start,
            Attempt.item_id.is_not(None),
            Attempt.response.is_not(None),
        )
        answers.extend((s, i, r) for s, i, r in session.execute(stmt) if i and r and r.strip())

    keys: dict[str, OptionKey] = {}
    for chunk in _chunks(sorted({item for _, item, _ in answers})):
        items = select(Item.id, Item.topic_code, Item.provenance).where(Item.id.in_(chunk))
        for item_id, topic, provenance in session.execute(items):
            key = OptionKey.of(topic, provenance)
            if key is not None:
                keys[item_id] = key

    students: dict[tuple[str, str], set[str]] = {}
    counts: dict[tuple[str, str], int] = {}
    for student, item_id, response in answers:
        key = keys.get(item_id)
        misconception = key.match(response) if key is not None else None
        if key is None or misconception is None:
            continue
        group = (key.topic, misconception)
        students.setdefault(group, set()).add(student)
        counts[group] = counts.get(group, 0) + 1

    found = [
        MisconceptionCount(
            topic=topic, misconception=name, students=len(who), answers=counts[(topic, name)]
        )
        for (topic, name), who in students.items()
    ]
    found.sort(key=lambda m: (-m.students, -m.answers, m.topic, m.misconception))
    return found


@dataclass
class OptionKey:
    """One item's wrong options, looked up by normalised text and by their numbers."""

    topic: str
    by_text: dict[str, str] = field(default_factory=dict)
    by_number: dict[NumericKey, str] = field(default_factory=dict)

    @classmethod
    def of(cls, topic: str, provenance: Mapping[str, Any] | None) -> OptionKey | None:
        """The key for an item whose provenance names misconceptions; None when it names none."""
        named = provenance.get("misconceptions") if isinstance(provenance, Mapping) else None
        if not isinstance(named, Mapping):
            return None
        key = cls(topic)
        for option, misconception in named.items():
            if not isinstance(option, str) or not isinstance(misconception, str):
                continue
            name = " ".join(misconception.split())
            text = normalise(option)
            if not text or not name:
                continue
            key.by_text.setdefault(text, name)
            number = numeric_key(option)
            if number is not None:
                key.by_number.setdefault(number, name)
        return key if key.by_text else None

    def match(self, response: str) -> str | None:
        """The misconception behind this response, or None when it is none of the options."""
        found = self.by_text.get(normalise(response))
        if found is None and self.by_number:
            number = numeric_key(response)
            if number is not None:
                found = self.by_number.get(number)
        return found


def normalise(text: str) -> str:
    """Trimmed, case-folded, inner whitespace collapsed to one space."""
    return " ".join(text.split()).casefold()


def numeric_key(text: str) -> NumericKey | None:
    """The numbers in `text` by value, and the rest of it without spaces; None without numbers.

    "1/2", "0.5" and ".5" share a key; so do "3,000" and "3000", and "$3.50" and "$ 3.5".
    """
    numbers = extract_numbers(text)
    if not numbers:
        return None
    rest: list[str] = []
    pos = 0
    for _, raw in numbers:
        at = text.find(raw, pos)
        if at < 0:
            return None
        rest.append(text[pos:at])
        pos = at + len(raw)
    rest.append(text[pos:])
    return tuple(value for value, _ in numbers), "".join("#".join(rest).split()).casefold()


def _chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]
