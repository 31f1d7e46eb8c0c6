"""Validators: pure checks on generated output (no database, network or printing).

Each `check_x(...)` returns a list of `Problem`; `validate(item, rules)` runs them all on a
parsed output, and `parse_output` is the schema check that comes first.
"""

from edugen.validators.hints import check_answer_hidden, check_hint_hides_answer
from edugen.validators.numbers import check_numbers, extract_numbers
from edugen.validators.problem import Problem
from edugen.validators.rules import Rules, validate
from edugen.validators.schema import check_lengths, check_schema, parse_output, text_fields
from edugen.validators.text import (
    check_plain,
    check_reading_grade,
    check_relevance,
    check_roster_names,
    check_unsafe_words,
    check_urls,
    reading_grade,
)

__all__ = [
    "Problem",
    "Rules",
    "check_answer_hidden",
    "check_hint_hides_answer",
    "check_lengths",
    "check_numbers",
    "check_plain",
    "check_reading_grade",
    "check_relevance",
    "check_roster_names",
    "check_schema",
    "check_unsafe_words",
    "check_urls",
    "extract_numbers",
    "parse_output",
    "reading_grade",
    "text_fields",
    "validate",
]
