"""Editing an item as YAML: its editable fields out, the edit parsed, checked and applied.

An edit is checked with the item checks (edugen.validators.items) before it is saved;
changing the key (options, answer, solution, tolerance) or the numbers in the stem makes
a verified item unverified. A saved edit sends the item back to draft for every school.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import yaml
from sqlalchemy.orm import Session

from edugen.errors import InputError, InputProblem, UsageError
from edugen.importers.common import InputProblems
from edugen.profiles.models import ContentStatus
from edugen.review.refs import get_item, parse_ref
from edugen.review.status import (
    TRANSITIONS,
    S,
    TransitionError,
    clear_school_statuses,
    record_change,
)
from edugen.review.views import EditResult, item_view
from edugen.validators.items import stem_numbers, structure_problems

EDITABLE = ("stem", "options", "answer", "tolerance", "rubric", "hint", "solution")
# A change to any of these (or to the stem's numbers) means the key is no longer verified.
CORE_FIELDS = ("options", "answer", "solution", "tolerance")


def edit_text(*, session: Session, ref: str) -> str:
    """The item's editable fields as a YAML document with a short guide on top."""
    kind, key = parse_ref(ref)
    if kind == "plan":
        raise UsageError("only items can be edited; reject the plan and generate it again")
    item = get_item(session, key)
    _check_editable(ref, item.status)
    f = item_view(item)
    data: dict[str, Any] = {"stem": f.stem}
    if item.kind.value == "multiple_choice" or f.options is not None:
        data["options"] = f.options
    data["answer"] = f.answer
    if item.kind.value == "numeric" or f.tolerance is not None:
        data["tolerance"] = f.tolerance
    if item.kind.value == "short_answer" or f.rubric is not None:
        data["rubric"] = f.rubric
    data["hint"] = f.hint
    data["solution"] = f.solution
    guide = (
        f"# Item {item.id}: {item.kind.value}, topic {item.topic_code}, tier {item.tier}, "
        f"{'verified' if item.verified else 'not verified'}, {item.status.value}.\n"
        "# Save and close to apply; close without saving to cancel. Empty a field to clear\n"
        "# it. The edit is checked before it is saved, and the item goes back to draft.\n"
    )
    if item.verified:
        guide += (
            "# Changing the options, answer, solution, tolerance or the numbers in the stem\n"
            "# makes this verified item unverified.\n"
        )
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=88)
    return guide + body


def _check_editable(ref: str, status: ContentStatus) -> None:
    if status != S.draft and S.draft not in TRANSITIONS[status]:
        raise TransitionError(f"{ref} is {status.value}; it can no longer be edited")


def _blank(value: Any) -> bool:
    return isinstance(value, str) and value.strip().lower() in ("", "~", "null")


def parse_edit(text: str, *, name: str) -> dict[str, Any]:
    """The fields of an edited YAML view (every scalar read as text, exactly as typed)."""
    try:
        # BaseLoader: `answer: no` stays "no" and `1.50` stays "1.50" (no YAML typing).
        data = yaml.load(text, Loader=yaml.BaseLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError([InputProblem(name, line, None, f"not valid YAML: {problem}")]) from exc
    if data is None or _blank(data):
        data = {}
    if not isinstance(data, dict):
        raise InputError(
            [InputProblem(name, None, None, "expected the fields as `name: value` lines")]
        )
    problems = InputProblems()
    parsed: dict[str, Any] = {}
    for key, value in data.items():
        if key not in EDITABLE:
            problems.add(name, None, str(key), f"unknown field; editable: {', '.join(EDITABLE)}")
        elif key in ("options", "solution"):
            if value is None or _blank(value) or value == []:
                parsed[key] = None if key == "options" else []
            elif isinstance(value, list) and all(isinstance(v, str) for v in value):
                parsed[key] = [v.strip() for v in value]
            elif key == "solution" and isinstance(value, str):
                parsed[key] = [line.strip() for line in value.strip().split("\n")]
            else:
                problems.add(name, None, key, "must be a list of text lines (`- ...`)")
        elif not isinstance(value, str):
            problems.add(name, None, key, "must be text, not a list or a mapping")
        elif key == "tolerance":
            if _blank(value):
                parsed[key] = None
            else:
                try:
                    tolerance = float(value)
                except ValueError:
                    tolerance = -1.0
                if not math.isfinite(tolerance) or tolerance < 0:
                    problems.add(name, None, key, f"{value!r} is not a number >= 0")
                parsed[key] = tolerance
        else:
            parsed[key] = None if _blank(value) else value.strip()
    problems.raise_if_any()
    return parsed


def apply_edit(*, session: Session, ref: str, text: str, who: str) -> EditResult | None:
    """Check an edited YAML view and save it; None when nothing changed.

    Invalid: an InputError and nothing saved. Saved: the item goes back to draft (an audit
    row says what changed) and, if its key or the stem's numbers changed, it is no longer
    verified (its provenance says why).
    """
    kind, key = parse_ref(ref)
    if kind == "plan":
        raise UsageError("only items can be edited")
    item = get_item(session, key)
    _check_editable(ref, item.status)
    name = f"edit of {item.id}"
    before = item_view(item)
    after = replace(before, **parse_edit(text, name=name))
    if after.options is not None:
        after.options = [o.strip() for o in after.options]
    after.solution = [line for line in after.solution if line]
    changed = [
        f
        for f in EDITABLE
        if _comparable(f, getattr(after, f)) != _comparable(f, getattr(before, f))
    ]
    if not changed:
        return None
    problems = structure_problems(after, name=name)
    if problems:
        raise InputError(problems)
    reasons = [f for f in CORE_FIELDS if f in changed]
    question = str((item.provenance or {}).get("question") or before.stem)
    if "stem" in changed and stem_numbers(after.stem) != stem_numbers(question):
        reasons.append("the numbers in the stem")
    now = datetime.now(UTC)
    verified_before = item.verified
    provenance = dict(item.provenance or {})
    edits = list(provenance.get("edits", []))
    edits.append({"who": who, "at": now.isoformat(), "fields": changed})
    provenance["edits"] = edits
    why_unverified = None
    if item.verified and reasons:
        why_unverified = f"edited by {who}: changed {', '.join(reasons)}"
        provenance["unverified_because"] = why_unverified
        item.verified = False
    item.stem, item.answer = after.stem, after.answer
    item.options = after.options
    item.tolerance, item.rubric, item.hint = after.tolerance, after.rubric, after.hint
    item.solution = "\n".join(after.solution) or None
    item.provenance = provenance  # a new dict, so the JSON column is written
    status_before = item.status
    item.status = S.draft
    # A changed item is a new question for every school that had decided on the old one.
    clear_school_statuses(session=session, item_id=item.id)
    why = f"edited {', '.join(changed)}"
    if why_unverified:
        why += "; no longer verified"
    record_change(
        session=session,
        kind="item",
        key=item.id,
        from_status=status_before,
        to_status=S.draft,
        who=who,
        why=why,
    )
    session.flush()
    return EditResult(
        id=item.id,
        fields=changed,
        from_status=status_before.value,
        to_status=S.draft.value,
        verified_before=verified_before,
        verified_after=item.verified,
        why=why_unverified,
    )


def _comparable(name: str, value: Any) -> Any:
    if name == "options" and value is not None:
        return sorted(value)  # a new order is not a new key
    return value
