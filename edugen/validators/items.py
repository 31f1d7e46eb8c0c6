"""Whether a stored item or plan is ready to approve: pure checks on typed values, no database.

`item_problems(view)` is the one approval rule for items (verified, good framing outcomes,
the bank importer's structural checks, a family item's key still the one it re-derives);
`plan_problems(content, current=...)` the one for plans. Both return plain messages.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from pydantic import ValidationError

from edugen.errors import InputProblem

# The bank importer's per-item checks are the structural rules for any item.
from edugen.importers.common import InputProblems, Row
from edugen.importers.items import _record as check_item_row
from edugen.schemas import ItemKindName, WeeklyPlan
from edugen.validators.numbers import extract_numbers

# Outcomes a framing or hint record may show for an item to count as valid: accepted
# model text, or a fallback to the verified question / worked solution.
GOOD_OUTCOMES = frozenset({"accepted", "fallback", "plain", "solution", "off", "model"})
MAX_HINT = 1000
MAX_RUBRIC = 2000
MAX_SOLUTION_LINES = 30
MAX_SOLUTION_LINE = 1000


@dataclass
class ItemView:
    """An item as the checks see it: its key, text and where it came from."""

    id: str
    topic: str
    kind: ItemKindName
    tier: int
    stem: str
    answer: str
    options: list[str] | None = None
    tolerance: float | None = None
    rubric: str | None = None
    hint: str | None = None
    solution: list[str] = field(default_factory=list)
    verified: bool = False
    family: str | None = None
    seed: int | None = None
    provenance: dict[str, Any] = field(default_factory=dict)


def stem_numbers(text: str) -> Counter[Fraction]:
    """The numbers a text states, as a multiset (order and wording do not matter)."""
    return Counter(value for value, _ in extract_numbers(text))


def structure_problems(item: ItemView, *, name: str) -> list[InputProblem]:
    """The bank importer's item checks, plus length limits for hint, rubric and solution."""
    problems = InputProblems()
    cells = {
        "id": item.id,
        "topic": item.topic,
        "kind": item.kind,
        "tier": str(item.tier),
        "stem": item.stem,
        "answer": item.answer,
        "tolerance": "" if item.tolerance is None else repr(item.tolerance),
        "rubric": item.rubric or "",
        "hint": item.hint or "",
        "solution": "\n".join(item.solution),
    }
    check_item_row(Row(name, 0, cells), item.options, problems)
    if item.hint and len(item.hint) > MAX_HINT:
        problems.add(name, 0, "hint", f"must be at most {MAX_HINT} characters ({len(item.hint)})")
    if item.rubric and len(item.rubric) > MAX_RUBRIC:
        problems.add(name, 0, "rubric", f"must be at most {MAX_RUBRIC} characters")
    if len(item.solution) > MAX_SOLUTION_LINES:
        problems.add(name, 0, "solution", f"must be at most {MAX_SOLUTION_LINES} lines")
    if any(len(line) > MAX_SOLUTION_LINE for line in item.solution):
        problems.add(name, 0, "solution", f"a line is over {MAX_SOLUTION_LINE} characters")
    # Shown without a line number: the whole item is one object.
    return [InputProblem(p.file, None, p.field, p.message) for p in problems.items]


def item_problems(item: ItemView) -> list[str]:
    """Why an item is not ready to approve as it is; empty when it is.

    It must be verified, its framing and hint records must show accepted text or the plain
    fallback, it must pass the bank importer's structural checks, and a family item's key
    must still be the one the family re-derives, with the verified question's numbers.
    """
    problems: list[str] = []
    if not item.verified:
        reason = item.provenance.get("unverified_because")
        problems.append(f"not verified ({reason})" if reason else "not verified")
    for name, record in item.provenance.items():
        if isinstance(record, dict) and "outcome" in record:
            if str(record["outcome"]) not in GOOD_OUTCOMES:
                problems.append(f"{name}: outcome {record['outcome']!r}")
    problems += [p.message for p in structure_problems(item, name=item.id)]
    if item.family:
        problems += family_problems(item)
    return problems


def family_problems(item: ItemView) -> list[str]:
    """Whether a family item still carries the key and numbers its family re-derives."""
    try:
        from edugen.content import families  # sympy: loaded only when checking a key

        fam = families.family(item.family or "")
        core = fam.generate(item.tier, item.seed or 0, item.kind)
    except (KeyError, ValueError, RuntimeError) as exc:
        return [f"family {item.family}: cannot regenerate the core ({exc})"]
    found = [f"family check: {p}" for p in fam.check(core)]
    if item.answer != core.answer:
        found.append(f"answer {item.answer!r} is not the verified key {core.answer!r}")
    if item.kind == "multiple_choice" and sorted(item.options or []) != sorted(core.options or []):
        found.append("options are not the verified options")
    if stem_numbers(item.stem) != stem_numbers(core.question):
        found.append("the stem's numbers are not the verified question's")
    return found


def plan_problems(content: dict[str, Any], *, current: bool) -> list[str]:
    """Why a plan is not ready to approve: superseded, or not a valid weekly plan."""
    problems = []
    if not current:
        problems.append("superseded by a later plan for the week")
    try:
        WeeklyPlan.model_validate(content)
    except ValidationError as exc:
        problems.append(f"content is not a valid plan: {exc.error_count()} problems")
    return problems
