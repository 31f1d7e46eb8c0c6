"""Validators: pure checks on generated output (no database, network or printing).

Each `check_x(...)` returns a list of `Problem`; `validate(item, rules)` runs them all on a
parsed output, and `parse_output` is the schema check that comes first. Grounded checks
(notes, rationales, class sentences, scenes) take the record the text is about.
"""

from edugen.validators.grounded import (
    ClassFacts,
    PlanFacts,
    ResourceFacts,
    check_class_sentence,
    check_note_grounded,
    check_note_whole,
    check_rationale_grounded,
)
from edugen.validators.hints import (
    check_answer_hidden,
    check_hint_hides_answer,
    check_hint_specific,
)
from edugen.validators.numbers import check_numbers, extract_numbers
from edugen.validators.problem import Problem
from edugen.validators.rules import Rules, validate
from edugen.validators.scenes import SceneFacts, check_scene
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
    "ClassFacts",
    "PlanFacts",
    "Problem",
    "ResourceFacts",
    "Rules",
    "SceneFacts",
    "check_answer_hidden",
    "check_class_sentence",
    "check_hint_hides_answer",
    "check_hint_specific",
    "check_lengths",
    "check_note_grounded",
    "check_note_whole",
    "check_numbers",
    "check_plain",
    "check_rationale_grounded",
    "check_reading_grade",
    "check_relevance",
    "check_roster_names",
    "check_scene",
    "check_schema",
    "check_unsafe_words",
    "check_urls",
    "extract_numbers",
    "parse_output",
    "reading_grade",
    "text_fields",
    "validate",
]
