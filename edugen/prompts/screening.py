"""No roster name reaches a prompt: free text that names someone on the roster is left out.

Profile fields are typed by people (interests, class titles, imported topic titles), so a
classmate's name can sit in any of them. Before a context is rendered, every string in it is
checked against the roster's given, family and preferred names (whole words, any case); a
list entry or optional field that names someone is dropped, a required one replaced by
`LEFT_OUT`, and each drop is reported (as "student.interests[1]") so the caller can say so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel

from edugen.prompts.contexts import FLAG, StudentContext
from edugen.schemas import StudentDetail
from edugen.validators import check_roster_names

C = TypeVar("C", bound=BaseModel)

# What a required field that named someone says instead.
LEFT_OUT = "(left out)"
# Opaque by construction (contexts.Pseudonym): never a name, never checked.
_OPAQUE = frozenset({"pseudonym"})
# Every prompt field is one line of at most LINE characters; profile fields of SHORT.
LINE = 200
SHORT = 40


def names_someone(text: str, roster_names: Sequence[str]) -> bool:
    return bool(check_roster_names(text, roster_names))


def scrub(context: C, roster_names: Sequence[str]) -> tuple[C, list[str]]:
    """`context` with every piece of text that names someone on the roster left out, and
    the paths of what was left out."""
    names = tuple(roster_names)
    if not names:
        return context, []
    dropped: list[str] = []
    data = _scrub_model(context, names, "", dropped)
    if not dropped:
        return context, []
    return type(context).model_validate(data), dropped


def _scrub_model(model: BaseModel, names: tuple[str, ...], path: str, dropped: list[str]) -> Any:
    data: dict[str, Any] = {}
    for field, info in type(model).model_fields.items():
        value = getattr(model, field)
        where = f"{path}{field}"
        if field in _OPAQUE:
            data[field] = value
        elif isinstance(value, str) and names_someone(value, names):
            dropped.append(where)
            data[field] = LEFT_OUT if info.is_required() else info.get_default()
        elif isinstance(value, BaseModel):
            data[field] = _scrub_model(value, names, where + ".", dropped)
        elif isinstance(value, list):
            kept = []
            for i, entry in enumerate(value):
                if isinstance(entry, str) and names_someone(entry, names):
                    dropped.append(f"{where}[{i}]")
                elif isinstance(entry, BaseModel):
                    kept.append(_scrub_model(entry, names, f"{where}[{i}].", dropped))
                else:
                    kept.append(entry)
            data[field] = kept
        else:
            data[field] = value
    return data


def line(text: str, limit: int = LINE) -> str:
    """Text fit for a one-line prompt field: control characters gone, cut to `limit`."""
    flat = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def student_context(
    student: StudentDetail, roster_names: Sequence[str]
) -> tuple[StudentContext, list[str]]:
    """A student as prompts see them, and what of their profile was left out because it
    names someone on the roster ("interests[1]"; the text itself would repeat the name), for
    the caller to report.

    Interests are cut to one short line each (at most 20), accommodations kept only as
    flags (at most 10); an interest or grade that names anyone on the roster is dropped.
    """
    dropped: list[str] = []
    interests: list[str] = []
    for i, raw in enumerate(student.interests):
        text = line(raw, SHORT)
        if not text:
            continue
        if names_someone(raw, roster_names):
            dropped.append(f"interests[{i}]")
        else:
            interests.append(text)
    grade = line(student.grade, SHORT) if student.grade else None
    if grade and names_someone(grade, roster_names):
        dropped.append("grade")
        grade = None
    context = StudentContext(
        pseudonym=student.pseudonym,
        grade=grade or None,
        reading_level=student.reading_level,
        interests=interests[:20],
        accommodations=[a for a in student.accommodations if re.match(FLAG, a)][:10],
    )
    return context, dropped
