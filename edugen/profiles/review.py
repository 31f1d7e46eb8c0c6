"""The teacher's review gate: list and inspect drafts, change their status, edit items.

Items and plans start as drafts. The allowed moves are in TRANSITIONS; each one writes a
StatusChange row (who, when, why). Plans are named `plan:<id>` so they never clash with
item ids. An edited item is re-checked with the bank importer's item checks before it is
saved; changing its key (options, answer, solution, tolerance) or the numbers in its stem
makes a verified item unverified.
"""

from __future__ import annotations

import getpass
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from fractions import Fraction
from typing import Any, Literal

import yaml
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from edugen.errors import EdugenError, InputError, NotFoundError, Problem, UsageError
from edugen.importers.common import Problems, Row

# The bank importer's per-item checks are the structural rules for any item.
from edugen.importers.items import _record as check_item_row
from edugen.profiles.models import (
    Assignment,
    ContentStatus,
    Enrollment,
    Item,
    Plan,
    SchoolClass,
    StatusChange,
    Student,
)
from edugen.schemas import WeeklyPlan
from edugen.validators.numbers import extract_numbers

PLAN_PREFIX = "plan:"
ObjectKind = Literal["item", "plan"]

S = ContentStatus
TRANSITIONS: dict[ContentStatus, frozenset[ContentStatus]] = {
    S.draft: frozenset({S.approved, S.rejected}),
    S.approved: frozenset({S.published, S.rejected, S.draft}),
    S.rejected: frozenset({S.draft}),
    S.published: frozenset(),
    S.retired: frozenset(),
}
# How each status reaches another, for the message when a move is not allowed.
HOW = {
    S.draft: "edugen review reopen",
    S.approved: "edugen review approve",
    S.rejected: "edugen review reject",
    S.published: "an export for students",
}
# Outcomes a framing or hint record may show for an item to count as valid: accepted
# model text, or a fallback to the verified question / worked solution.
GOOD_OUTCOMES = frozenset({"accepted", "fallback", "plain", "solution", "off", "model"})

EDITABLE = ("stem", "options", "answer", "tolerance", "rubric", "hint", "solution")
# A change to any of these (or to the stem's numbers) means the key is no longer verified.
CORE_FIELDS = ("options", "answer", "solution", "tolerance")
MAX_HINT = 1000
MAX_RUBRIC = 2000
MAX_SOLUTION_LINES = 30
MAX_SOLUTION_LINE = 1000
STEM_CUT = 60


class TransitionError(EdugenError):
    """A status change the review gate does not allow."""


# --- what callers see -------------------------------------------------------------------


class StatusChangeRow(BaseModel):
    object_type: str
    object_id: str
    from_status: str | None
    to_status: str
    who: str
    why: str | None
    at: datetime


class ReviewItem(BaseModel):
    """An item as a reviewer sees it: the key, the framing, where it went, what was checked."""

    id: str
    student_id: str | None = None
    week: str | None = None
    students: list[str] = Field(default_factory=list)
    topic: str
    topic_title: str = ""
    kind: str
    tier: int
    stem: str
    options: list[str] | None = None
    answer: str
    tolerance: float | None = None
    rubric: str | None = None
    solution: list[str] = Field(default_factory=list)
    hint: str | None = None
    verified: bool
    status: str
    source: str
    family: str | None = None
    seed: int | None = None
    outcomes: dict[str, str] = Field(default_factory=dict)
    provenance: dict[str, Any] = Field(default_factory=dict)
    problems: list[str] = Field(default_factory=list)
    history: list[StatusChangeRow] = Field(default_factory=list)

    def listing(self) -> dict[str, Any]:
        """The fields `review list --json` prints."""
        return self.model_dump(
            mode="json",
            include={
                "id",
                "student_id",
                "week",
                "students",
                "topic",
                "topic_title",
                "kind",
                "tier",
                "stem",
                "options",
                "answer",
                "verified",
                "status",
                "source",
                "family",
            },
        )


class PlanItemStatus(BaseModel):
    id: str
    status: str | None  # None: the item is gone
    verified: bool | None


class ReviewPlan(BaseModel):
    id: str  # plan:<number>
    plan_id: int
    student_id: str
    week: str
    status: str
    supersedes: str | None = None
    current: bool
    summary: str
    content: dict[str, Any]
    items: list[PlanItemStatus] = Field(default_factory=list)
    problems: list[str] = Field(default_factory=list)
    history: list[StatusChangeRow] = Field(default_factory=list)

    def listing(self) -> dict[str, Any]:
        return self.model_dump(
            mode="json",
            include={"id", "student_id", "week", "status", "supersedes", "current", "summary"},
        )


class Change(BaseModel):
    id: str
    from_status: str
    to_status: str
    changed: bool  # False: it already had that status


class ApproveReport(BaseModel):
    changes: list[Change] = Field(default_factory=list)
    skipped: dict[str, list[str]] = Field(default_factory=dict)


class EditResult(BaseModel):
    id: str
    fields: list[str]
    from_status: str
    to_status: str
    verified_before: bool
    verified_after: bool
    why: str | None = None


# --- references, who --------------------------------------------------------------------


def parse_ref(ref: str) -> tuple[ObjectKind, str]:
    """("plan", "12") for plan:12, else ("item", ref)."""
    ref = ref.strip()
    if ref.startswith(PLAN_PREFIX):
        number = ref[len(PLAN_PREFIX) :]
        if not number.isdigit():
            raise UsageError(f"{ref!r}: a plan is named plan:<number>, e.g. plan:12")
        return "plan", str(int(number))
    if not ref:
        raise UsageError("an empty id")
    return "item", ref


def plan_ref(plan_id: int) -> str:
    return f"{PLAN_PREFIX}{plan_id}"


def reviewer(who: str | None = None) -> str:
    """Who is making the change: as given, else the operating-system user."""
    if who and who.strip():
        return who.strip()[:255]
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (e.g. a container without a passwd entry)
        return "unknown"


def _get_item(session: Session, item_id: str) -> Item:
    item = session.get(Item, item_id)
    if item is None:
        raise NotFoundError(f"no item with id {item_id!r}")
    return item


def _get_plan(session: Session, number: str) -> Plan:
    plan = session.get(Plan, int(number))
    if plan is None:
        raise NotFoundError(f"no plan with id {PLAN_PREFIX}{number}")
    return plan


# --- listing ----------------------------------------------------------------------------


def _class_students(session: Session, class_id: str) -> Select[Any]:
    if session.get(SchoolClass, class_id) is None:
        raise NotFoundError(f"no class with id {class_id!r}")
    return (
        select(Enrollment.student_id)
        .join(Student, Student.id == Enrollment.student_id)
        .where(Enrollment.class_id == class_id, Enrollment.active, Student.active)
    )


def _check_student(session: Session, student_id: str) -> None:
    if session.get(Student, student_id) is None:
        raise NotFoundError(f"no student with id {student_id!r}")


def list_items(
    *,
    session: Session,
    class_id: str | None = None,
    student_id: str | None = None,
    status: str | None = None,
    week: str | None = None,
) -> list[ReviewItem]:
    """Items, each once, in the order they were served. A class or student filter keeps the
    items served to its (active) students; without a status, every status but retired."""
    stmt = select(Item, Assignment.student_id, Assignment.week).outerjoin(
        Assignment, Assignment.item_id == Item.id
    )
    if status is not None:
        stmt = stmt.where(Item.status == ContentStatus(status))
    else:
        stmt = stmt.where(Item.status != ContentStatus.retired)
    if class_id is not None:
        stmt = stmt.where(Assignment.student_id.in_(_class_students(session, class_id)))
    if student_id is not None:
        _check_student(session, student_id)
        stmt = stmt.where(Assignment.student_id == student_id)
    if week is not None:
        stmt = stmt.where(Assignment.week == week)
    stmt = stmt.order_by(Assignment.id.is_(None), Assignment.id, Item.id)
    found: dict[str, ReviewItem] = {}
    for item, sid, item_week in session.execute(stmt):
        row = found.get(item.id)
        if row is None:
            row = found[item.id] = _review_item(item)
            row.student_id, row.week = sid, item_week
        if sid is not None and sid not in row.students:
            row.students.append(sid)
    return list(found.values())


def _review_item(item: Item) -> ReviewItem:
    provenance = dict(item.provenance or {})
    outcomes = {
        name: str(record.get("outcome"))
        for name, record in provenance.items()
        if isinstance(record, dict) and "outcome" in record
    }
    return ReviewItem(
        id=item.id,
        topic=item.topic_code,
        topic_title=str(provenance.get("topic_title") or ""),
        kind=item.kind.value,
        tier=item.tier,
        stem=item.stem,
        options=[str(o) for o in item.options] if item.options is not None else None,
        answer=item.answer,
        tolerance=item.tolerance,
        rubric=item.rubric,
        solution=item.explanation.split("\n") if item.explanation else [],
        hint=item.hint,
        verified=item.verified,
        status=item.status.value,
        source=item.source.value,
        family=item.family,
        seed=item.seed,
        outcomes=outcomes,
        provenance=provenance,
    )


def _superseded() -> Select[Any]:
    return select(Plan.supersedes_id).where(Plan.supersedes_id.is_not(None))


def list_plans(
    *,
    session: Session,
    class_id: str | None = None,
    student_id: str | None = None,
    status: str | None = None,
    week: str | None = None,
) -> list[ReviewPlan]:
    """Plans by student and week (newest last); without a status, every status but retired."""
    stmt = select(Plan)
    if status is not None:
        stmt = stmt.where(Plan.status == ContentStatus(status))
    else:
        stmt = stmt.where(Plan.status != ContentStatus.retired)
    if class_id is not None:
        stmt = stmt.where(Plan.student_id.in_(_class_students(session, class_id)))
    if student_id is not None:
        _check_student(session, student_id)
        stmt = stmt.where(Plan.student_id == student_id)
    if week is not None:
        stmt = stmt.where(Plan.week == week)
    superseded = set(session.scalars(_superseded()))
    return [
        _review_plan(plan, current=plan.id not in superseded)
        for plan in session.scalars(stmt.order_by(Plan.student_id, Plan.week, Plan.id))
    ]


def _review_plan(plan: Plan, *, current: bool) -> ReviewPlan:
    return ReviewPlan(
        id=plan_ref(plan.id),
        plan_id=plan.id,
        student_id=plan.student_id,
        week=plan.week,
        status=plan.status.value,
        supersedes=plan_ref(plan.supersedes_id) if plan.supersedes_id is not None else None,
        current=current,
        summary=str((plan.content or {}).get("summary") or ""),
        content=dict(plan.content or {}),
    )


# --- one object in full -----------------------------------------------------------------


def show(*, session: Session, ref: str) -> ReviewItem | ReviewPlan:
    """An item or a plan in full, with what its checks find now and its status history."""
    kind, key = parse_ref(ref)
    if kind == "plan":
        plan = _get_plan(session, key)
        superseded = set(session.scalars(_superseded()))
        found = _review_plan(plan, current=plan.id not in superseded)
        found.problems = plan_problems(plan, current=found.current)
        ids = [str(i) for i in found.content.get("item_ids", [])]
        items = {i.id: i for i in session.scalars(select(Item).where(Item.id.in_(ids)))}
        found.items = [
            PlanItemStatus(
                id=i,
                status=items[i].status.value if i in items else None,
                verified=items[i].verified if i in items else None,
            )
            for i in ids
        ]
        found.history = history(session=session, ref=ref)
        return found
    item = _get_item(session, key)
    shown = _review_item(item)
    first = session.execute(
        select(Assignment.student_id, Assignment.week)
        .where(Assignment.item_id == item.id)
        .order_by(Assignment.id)
    ).all()
    if first:
        shown.student_id, shown.week = first[0]
        shown.students = list(dict.fromkeys(sid for sid, _ in first))
    shown.problems = item_problems(item)
    shown.history = history(session=session, ref=ref)
    return shown


def history(*, session: Session, ref: str) -> list[StatusChangeRow]:
    """Every recorded status change of an item or plan, oldest first."""
    kind, key = parse_ref(ref)
    rows = session.scalars(
        select(StatusChange)
        .where(StatusChange.object_type == kind, StatusChange.object_id == key)
        .order_by(StatusChange.at, StatusChange.id)
    )
    return [
        StatusChangeRow(
            object_type=r.object_type,
            object_id=plan_ref(int(r.object_id)) if r.object_type == "plan" else r.object_id,
            from_status=r.from_status,
            to_status=r.to_status,
            who=r.who,
            why=r.why,
            at=r.at,
        )
        for r in rows
    ]


# --- checks -----------------------------------------------------------------------------


def item_problems(item: Item) -> list[str]:
    """Why an item is not ready to approve as it is; empty when it is.

    It must be verified, its framing and hint records must show accepted text or the plain
    fallback, it must pass the bank importer's structural checks, and a family item's key
    must still be the one the family re-derives, with the verified question's numbers.
    """
    problems: list[str] = []
    if not item.verified:
        reason = (item.provenance or {}).get("unverified_because")
        problems.append(f"not verified ({reason})" if reason else "not verified")
    for name, record in (item.provenance or {}).items():
        if isinstance(record, dict) and "outcome" in record:
            if str(record["outcome"]) not in GOOD_OUTCOMES:
                problems.append(f"{name}: outcome {record['outcome']!r}")
    problems += [p.message for p in _structure(item.id, _fields_of(item), item)]
    if item.family:
        problems += _family_problems(item)
    return problems


def _family_problems(item: Item) -> list[str]:
    try:
        from edugen.content import families  # sympy: loaded only when checking a key

        fam = families.family(item.family or "")
        core = fam.generate(item.tier, item.seed or 0, item.kind.value)
    except (KeyError, ValueError, RuntimeError) as exc:
        return [f"family {item.family}: cannot regenerate the core ({exc})"]
    found = [f"family check: {p}" for p in fam.check(core)]
    if item.answer != core.answer:
        found.append(f"answer {item.answer!r} is not the verified key {core.answer!r}")
    if item.kind.value == "multiple_choice" and sorted(item.options or []) != sorted(
        core.options or []
    ):
        found.append("options are not the verified options")
    if _numbers(item.stem) != _numbers(core.question):
        found.append("the stem's numbers are not the verified question's")
    return found


def plan_problems(plan: Plan, *, current: bool) -> list[str]:
    problems = []
    if not current:
        problems.append("superseded by a later plan for the week")
    try:
        WeeklyPlan.model_validate(plan.content)
    except ValidationError as exc:
        problems.append(f"content is not a valid plan: {exc.error_count()} problems")
    return problems


def _numbers(text: str) -> Counter[Fraction]:
    return Counter(value for value, _ in extract_numbers(text))


# --- status changes ---------------------------------------------------------------------


def _target(session: Session, ref: str) -> tuple[ObjectKind, str, Item | Plan]:
    kind, key = parse_ref(ref)
    return kind, key, _get_plan(session, key) if kind == "plan" else _get_item(session, key)


def _not_allowed(ref: str, current: ContentStatus, to: ContentStatus) -> str:
    allowed = sorted(s.value for s in TRANSITIONS[current])
    if not allowed:
        return f"{ref} is {current.value}; its status can no longer change"
    hint = ""
    if to == S.approved and current == S.rejected:
        hint = f" (first `edugen review reopen {ref}`, then approve it)"
    return f"{ref} is {current.value}: it can go to {' or '.join(allowed)}, not {to.value}{hint}"


def record_change(
    *,
    session: Session,
    kind: ObjectKind,
    key: str,
    from_status: ContentStatus | None,
    to_status: ContentStatus,
    who: str,
    why: str | None,
) -> None:
    session.add(
        StatusChange(
            object_type=kind,
            object_id=key,
            from_status=from_status.value if from_status is not None else None,
            to_status=to_status.value,
            who=who,
            why=why,
            at=datetime.now(UTC),
        )
    )


def change_status(
    *,
    session: Session,
    refs: Sequence[str],
    to: str,
    who: str,
    why: str | None = None,
) -> list[Change]:
    """Move every named item or plan to `to`, or none of them: an unknown id or a move that
    is not allowed raises before anything changes. Already there: left as is, no audit row.
    """
    target = ContentStatus(to)
    why = why.strip() if why else None
    if target == S.rejected and not why:
        raise UsageError("say why it is rejected: --reason TEXT")
    if not refs:
        raise UsageError("name at least one item or plan id")
    found = [(ref, *_target(session, ref)) for ref in dict.fromkeys(refs)]
    refused = [
        _not_allowed(ref, obj.status, target)
        for ref, _, _, obj in found
        if obj.status != target and target not in TRANSITIONS[obj.status]
    ]
    if refused:
        raise TransitionError("\n".join([*refused, "Nothing was changed."]))
    changes = []
    for ref, kind, key, obj in found:
        before = obj.status
        if before != target:
            obj.status = target
            record_change(
                session=session,
                kind=kind,
                key=key,
                from_status=before,
                to_status=target,
                who=who,
                why=why,
            )
        changes.append(
            Change(
                id=ref, from_status=before.value, to_status=target.value, changed=before != target
            )
        )
    session.flush()
    return changes


def approve_valid(
    *,
    session: Session,
    who: str,
    kind: ObjectKind = "item",
    class_id: str | None = None,
    student_id: str | None = None,
    week: str | None = None,
) -> ApproveReport:
    """Approve every draft in scope that passes its checks; say why each other draft stayed."""
    report = ApproveReport()
    ready: list[str] = []
    if kind == "plan":
        for plan in list_plans(
            session=session, class_id=class_id, student_id=student_id, status="draft", week=week
        ):
            row = _get_plan(session, str(plan.plan_id))
            problems = plan_problems(row, current=plan.current)
            if problems:
                report.skipped[plan.id] = problems
            else:
                ready.append(plan.id)
    else:
        for shown in list_items(
            session=session, class_id=class_id, student_id=student_id, status="draft", week=week
        ):
            problems = item_problems(_get_item(session, shown.id))
            if problems:
                report.skipped[shown.id] = problems
            else:
                ready.append(shown.id)
    if ready:
        report.changes = change_status(
            session=session, refs=ready, to="approved", who=who, why="all checks passed"
        )
    return report


# --- editing an item --------------------------------------------------------------------


@dataclass
class _Fields:
    """The editable fields of an item, normalized for comparing and saving."""

    stem: str
    options: list[str] | None
    answer: str
    tolerance: float | None
    rubric: str | None
    hint: str | None
    solution: list[str] = field(default_factory=list)


def _fields_of(item: Item) -> _Fields:
    return _Fields(
        stem=item.stem,
        options=[str(o) for o in item.options] if item.options is not None else None,
        answer=item.answer,
        tolerance=item.tolerance,
        rubric=item.rubric,
        hint=item.hint,
        solution=item.explanation.split("\n") if item.explanation else [],
    )


def edit_text(*, session: Session, ref: str) -> str:
    """The item's editable fields as a YAML document with a short guide on top."""
    kind, key = parse_ref(ref)
    if kind == "plan":
        raise UsageError("only items can be edited; reject the plan and generate it again")
    item = _get_item(session, key)
    _check_editable(ref, item.status)
    f = _fields_of(item)
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
        raise InputError([Problem(name, line, None, f"not valid YAML: {problem}")]) from exc
    if data is None or _blank(data):
        data = {}
    if not isinstance(data, dict):
        raise InputError([Problem(name, None, None, "expected the fields as `name: value` lines")])
    problems = Problems()
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


def _structure(name: str, f: _Fields, item: Item) -> list[Problem]:
    """The bank importer's item checks, plus length limits for hint, rubric and solution."""
    problems = Problems()
    cells = {
        "id": item.id,
        "topic": item.topic_code,
        "kind": item.kind.value,
        "tier": str(item.tier),
        "stem": f.stem,
        "answer": f.answer,
        "tolerance": "" if f.tolerance is None else repr(f.tolerance),
        "rubric": f.rubric or "",
        "hint": f.hint or "",
        "explanation": "\n".join(f.solution),
    }
    check_item_row(Row(name, 0, cells), f.options, problems)
    if f.hint and len(f.hint) > MAX_HINT:
        problems.add(name, 0, "hint", f"must be at most {MAX_HINT} characters ({len(f.hint)})")
    if f.rubric and len(f.rubric) > MAX_RUBRIC:
        problems.add(name, 0, "rubric", f"must be at most {MAX_RUBRIC} characters")
    if len(f.solution) > MAX_SOLUTION_LINES:
        problems.add(name, 0, "solution", f"must be at most {MAX_SOLUTION_LINES} lines")
    if any(len(line) > MAX_SOLUTION_LINE for line in f.solution):
        problems.add(name, 0, "solution", f"a line is over {MAX_SOLUTION_LINE} characters")
    # Shown without a line number: the whole edit is one object.
    return [Problem(p.file, None, p.field, p.message) for p in problems.items]


def apply_edit(*, session: Session, ref: str, text: str, who: str) -> EditResult | None:
    """Check an edited YAML view and save it; None when nothing changed.

    Invalid: an InputError and nothing saved. Saved: the item goes back to draft (an audit
    row says what changed) and, if its key or the stem's numbers changed, it is no longer
    verified (its provenance says why).
    """
    kind, key = parse_ref(ref)
    if kind == "plan":
        raise UsageError("only items can be edited")
    item = _get_item(session, key)
    _check_editable(ref, item.status)
    name = f"edit of {item.id}"
    before = _fields_of(item)
    after = _Fields(**{**before.__dict__, **parse_edit(text, name=name)})
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
    problems = _structure(name, after, item)
    if problems:
        raise InputError(problems)
    reasons = [f for f in CORE_FIELDS if f in changed]
    question = str((item.provenance or {}).get("question") or before.stem)
    if "stem" in changed and _numbers(after.stem) != _numbers(question):
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
    item.explanation = "\n".join(after.solution) or None
    item.provenance = provenance  # a new dict, so the JSON column is written
    status_before = item.status
    item.status = S.draft
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
