"""One `validate()` that runs every check a generated output must pass."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from pydantic import BaseModel

from edugen.validators.hints import check_answer_hidden
from edugen.validators.numbers import Number, check_numbers
from edugen.validators.problem import Problem
from edugen.validators.schema import check_lengths, text_fields
from edugen.validators.text import (
    check_plain,
    check_reading_grade,
    check_relevance,
    check_roster_names,
    check_unsafe_words,
    check_urls,
)

# A check on a whole output against its record (grounded.py, scenes.py): it sees every field,
# so a rationale is checked against the resource its own `resource_id` names.
Check = Callable[[BaseModel], list[Problem]]


@dataclass(frozen=True)
class Rules:
    """What one output is checked against; the caller knows the student and the verified core."""

    # Links that may appear: full URLs (matched exactly) or hosts (with their subdomains).
    allowed_urls: tuple[str, ...] = ()
    # Every given, family and preferred name on the roster.
    roster_names: tuple[str, ...] = ()
    # The student's reading level; None for text a teacher reads.
    reading_level: float | None = None
    reading_slack: float = 1.0
    # Names the record supplies (topic and resource titles, a scene's opening): the reading
    # level is that of the words around them (`check_reading_grade`).
    given: tuple[str, ...] = ()
    # The verified core's numbers, and the fields that must carry exactly those numbers.
    core_numbers: tuple[Number, ...] | None = None
    number_fields: tuple[str, ...] = ("framing",)
    # False: the fields may leave some of the core's numbers out (a hint), not add any.
    numbers_complete: bool = True
    # The answer key, which these fields must not give away, and the options it is one of
    # (multiple choice), whose letter they must not name either.
    answer: str | None = None
    options: tuple[str, ...] | None = None
    # None: the shipped list.
    unsafe_words: frozenset[str] | None = None
    # Text every field must share a content word with (the question, the interest).
    relevant_to: str | None = None
    # Plain sentences only: no markup, lists or symbols a printed page would show raw.
    plain: bool = False
    # Checks on the whole output against what it is about (its plan, resource, question).
    checks: tuple[Check, ...] = ()


def validate(item: BaseModel, rules: Rules) -> list[Problem]:
    """Every problem with a parsed output (its schema has already held)."""
    problems = check_lengths(item)
    for field in text_fields(item):
        text = field.text
        found = [
            *check_urls(text, rules.allowed_urls),
            *check_roster_names(text, rules.roster_names),
            *check_unsafe_words(text, rules.unsafe_words),
            *check_reading_grade(
                text, rules.reading_level, slack=rules.reading_slack, given=rules.given
            ),
        ]
        if rules.relevant_to is not None:
            found += check_relevance(text, rules.relevant_to)
        if rules.plain:
            found += check_plain(text)
        top = field.path.split(".", 1)[0].split("[", 1)[0]
        if rules.core_numbers is not None and top in rules.number_fields:
            found += check_numbers(text, rules.core_numbers, complete=rules.numbers_complete)
        if rules.answer is not None and top in rules.number_fields:
            found += check_answer_hidden(text, rules.answer, rules.options)
        problems += [replace(p, field=field.path) for p in found]
    for check in rules.checks:
        problems += check(item)
    return problems
