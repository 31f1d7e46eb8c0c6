"""Write imported answers as Attempt rows: resolve ids against the database, then bulk insert."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import unquote

from pydantic import Field
from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from edugen.content.notation import math_html
from edugen.errors import EdugenError
from edugen.exporters.lms.common import safe_id
from edugen.importers.common import InputProblems
from edugen.importers.lms_results.batch import ResultsBatch, question_key
from edugen.profiles.learner_store import apply_pending
from edugen.profiles.models import Assignment, Attempt, Base, Item, Student, Topic
from edugen.profiles.quiz_slots import SlotMatcher
from edugen.schemas import ImportSummary

# Rows per executemany: large enough that per-statement overhead vanishes, small enough
# that the parameter dicts of one chunk stay a few megabytes.
CHUNK = 20_000
UNIQUE_KEY = ["student_id", "topic_code", "item_ref", "answered_at"]


class ResultsSummary(ImportSummary):
    """An import summary that also says how many xAPI statements carried no answer."""

    skipped_statements: int = 0
    voided_statements: int = 0
    unfinished_attempts: int = 0
    learned: int = 0
    # LMS reports: each question as the report named it → the edugen item it matched.
    matched: dict[str, str] = Field(default_factory=dict)

    def describe(self) -> str:
        text = super().describe()
        if self.skipped_statements:
            text += f"; {self.skipped_statements} statements without a result skipped"
        if self.voided_statements:
            text += f"; {self.voided_statements} voided or voiding statements not counted"
        if self.unfinished_attempts:
            text += f"; {self.unfinished_attempts} unfinished attempts not counted"
        if self.learned:
            text += f"; mastery updated from {self.learned} answers"
        for question, item in self.matched.items():
            text += f"\n  {question} → item {item}"
        return text


def apply(*, session: Session, batch: ResultsBatch) -> ImportSummary:
    """Insert every new answer; one already stored (same student, topic, item, time) is kept.

    What the student answered (`response`) is stored with it when the source gave it; an
    answer stored before is not changed, so a re-import stays a no-op.
    """
    summary = ResultsSummary(
        kind="results",
        skipped_statements=batch.skipped,
        voided_statements=batch.voided,
        unfinished_attempts=batch.unfinished,
    )
    counts = summary.entity("attempts")
    if batch.columns:
        summary.matched = _match_report(session, batch)
    rows = _resolve(session, batch)
    table = Base.metadata.tables[Attempt.__tablename__]
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        stmt: Any = sqlite.insert(table).on_conflict_do_nothing(index_elements=UNIQUE_KEY)
    elif dialect == "postgresql":
        stmt = postgresql.insert(table).on_conflict_do_nothing(index_elements=UNIQUE_KEY)
    else:
        raise EdugenError(f"importing results is not supported on {dialect}")
    # Counted rather than summed from rowcount, which drivers report differently for executemany.
    count = select(func.count()).select_from(table)
    before = session.execute(count).scalar_one()
    students, topics, item_ids, item_refs = rows
    source = batch.source
    for start in range(0, len(students), CHUNK):
        stop = start + CHUNK
        params = [
            {
                "student_id": s,
                "topic_code": t,
                "item_id": i,
                "item_ref": r,
                "correct": c,
                "score": v,
                "answered_at": a,
                "source": source,
                "response": g or None,
                "applied": False,
            }
            for s, t, i, r, c, v, a, g in zip(
                students[start:stop],
                topics[start:stop],
                item_ids[start:stop],
                item_refs[start:stop],
                batch.correct[start:stop],
                batch.scores[start:stop],
                batch.answered_at[start:stop],
                batch.responses[start:stop],
                strict=True,
            )
            if s is not None
        ]
        if params:
            session.execute(stmt, params)
    after = session.execute(count).scalar_one()
    counts.created = after - before
    counts.unchanged = len(batch) - counts.created
    # The learner model learns from every new answer in the same transaction.
    summary.learned = apply_pending(session=session)
    return summary


def _match_report(session: Session, batch: ResultsBatch) -> dict[str, str]:
    """Put edugen's ids into an LMS report's rows, in place; raise InputError listing every
    row that matches no student, two students, no item or several items.

    A student is the one whose id (the roster's sourcedId) the report's SIS id or username
    is; both naming different students is ambiguous. A question is the item whose QTI
    identifier it carries, else the one item whose stem is its text; several items with that
    stem narrow to the one the student was given. Nothing is guessed. Returns what matched.
    """
    students = {s for s in (*batch.students, *batch.alt_students) if s}
    known = set(session.scalars(select(Student.id).where(Student.id.in_(students))))
    items = {
        found.id: found
        for found in session.execute(
            select(Item.id, Item.topic_code, Item.kind, Item.options, Item.stem)
        )
    }
    by_ident = {safe_id(i): i for i in items}
    by_text: dict[str, list[str]] = {}
    if any(batch.questions):
        for i, found in items.items():
            by_text.setdefault(question_key(math_html(found.stem)), []).append(i)
    given: dict[str, set[str]] = {}
    for student_id, item_id in session.execute(
        select(Assignment.student_id, Assignment.item_id).where(Assignment.student_id.in_(known))
    ):
        given.setdefault(student_id, set()).add(item_id)

    problems: dict[tuple[str, str], tuple[int, str, list[int]]] = {}

    def refuse(key: tuple[str, str], row: int, where: str, message: str) -> None:
        problems.setdefault(key, (row, f"{where}\0{message}", []))[2].append(row)

    matched: dict[str, str] = {}
    by_slot = SlotMatcher(session, batch.quiz_slots)
    for row in range(len(batch)):
        first, alt = batch.students[row], batch.alt_students[row]
        hits = list(dict.fromkeys(x for x in (first, alt) if x and x in known))
        student = hits[0] if len(hits) == 1 else ""
        if len(hits) > 1:
            refuse(
                ("student", f"{first}/{alt}"),
                row,
                batch.field_name(row, "student_id"),
                f"ambiguous: {first!r} and {alt!r} are two different students",
            )
        elif not hits:
            named = " or ".join(repr(x) for x in (first, alt) if x)
            refuse(
                ("student", named),
                row,
                batch.field_name(row, "student_id"),
                f"unknown student {named}",
            )
        ref, question, column = batch.refs[row], batch.questions[row], batch.columns[row]
        slot = batch.slots[row] if batch.slots else 0
        label = (
            column
            if not question or question_key(question) in question_key(column)
            else (f"{column}: {' '.join(question.split())[:80]}")
        )
        message = ""
        if ref in by_ident or ref in items:
            candidates = [by_ident.get(ref, ref)]
        elif question:
            candidates = by_text.get(question_key(question), [])
            if len(candidates) > 1 and student:
                mine = [c for c in candidates if c in given.get(student, set())]
                candidates = mine or candidates
        elif slot and student:
            # Named only by its slot: the student's exported items in Moodle's quiz order.
            at_slot, message = by_slot.item_for(student, slot, batch.answered_at[row])
            candidates = [at_slot] if at_slot in items else []
            label = f"{student}: {column}"
        else:
            candidates = []
        if message:  # the slot matcher's: one report per student and problem
            refuse(("item", f"{student}\0{message}"), row, column, message)
            continue
        if len(candidates) != 1:
            if candidates:
                message = f"matches {len(candidates)} items with the same text; none is chosen"
            elif ref:
                message = f"unknown item {ref!r}: no exported item has this identifier"
            elif question:
                message = "no exported item has this question text; it is not guessed"
            elif slot:
                continue  # the student is unknown: that is reported, and it is enough
            else:
                message = "the report names this question neither by an id nor by its text"
            refuse(("item", label), row, label, message)
            continue
        item = items[candidates[0]]
        matched.setdefault(label, item.id)
        batch.refs[row] = item.id
        if student:
            batch.students[row] = student
        kind = getattr(item.kind, "value", item.kind)
        response = batch.responses[row]
        if kind == "multiple_choice" and item.options and response.startswith("CHOICE_"):
            # QTI 2.1 answers name the choice; the option itself is what misconceptions count.
            number = response.removeprefix("CHOICE_")
            if number.isdigit() and 1 <= int(number) <= len(item.options):
                batch.responses[row] = str(item.options[int(number) - 1])
    if problems:
        report = InputProblems()
        for row, text, rows in sorted(problems.values()):
            where, message = text.split("\0", 1)
            more = f" (and {len(rows) - 1} more rows)" if len(rows) > 1 else ""
            report.add(batch.file, batch.lines[row], where, message + more)
        report.raise_if_any()
    return matched


Resolved = tuple[list[str | None], list[str], list[str | None], list[str]]


def _resolve(session: Session, batch: ResultsBatch) -> Resolved:
    """Map every row to (student, topic, item id, item ref); raise InputError listing every problem.

    A row whose key repeats an earlier row with the same result (and the same response) gets
    student None (skip it).
    """
    known_students = set(session.scalars(select(Student.id)))
    known_topics = set(session.scalars(select(Topic.code)))
    item_topic: dict[str, str] = {
        i: t for i, t in session.execute(select(Item.id, Item.topic_code))
    }
    # (ref, topic) → (topic_code, item_id, item_ref); None when it resolves to nothing.
    targets: dict[tuple[str, str], tuple[str, str | None, str] | None] = {}
    unknown_students: dict[str, list[int]] = {}
    unknown_targets: dict[tuple[str, str], list[int]] = {}
    seen: dict[tuple[str, str, str, datetime], int] = {}
    conflicts: list[tuple[int, int]] = []

    students: list[str | None] = []
    topics: list[str] = []
    item_ids: list[str | None] = []
    item_refs: list[str] = []
    iri = batch.iri_refs
    correct, scores, responses = batch.correct, batch.scores, batch.responses
    for row, (student, ref, topic, when) in enumerate(
        zip(batch.students, batch.refs, batch.topics, batch.answered_at, strict=True)
    ):
        pair = (ref, topic)
        if pair in targets:
            target = targets[pair]
        else:
            target = targets[pair] = _target(ref, topic, iri, item_topic, known_topics)
        ok = True
        if student not in known_students:
            unknown_students.setdefault(student, []).append(row)
            ok = False
        if target is None:
            unknown_targets.setdefault(pair, []).append(row)
            ok = False
        if not ok or target is None:
            students.append(None)
            topics.append("")
            item_ids.append(None)
            item_refs.append("")
            continue
        topic_code, item_id, item_ref = target
        key = (student, topic_code, item_ref, when)
        first = seen.setdefault(key, row)
        if first != row and (
            correct[first] != correct[row]
            or scores[first] != scores[row]
            or responses[first] != responses[row]
        ):
            conflicts.append((row, first))
        students.append(student if first == row else None)  # an exact repeat is stored once
        topics.append(topic_code)
        item_ids.append(item_id)
        item_refs.append(item_ref)

    if unknown_students or unknown_targets or conflicts:
        _raise(batch, unknown_students, unknown_targets, conflicts)
    return students, topics, item_ids, item_refs


def _target(
    ref: str, topic: str, iri: bool, item_topic: dict[str, str], known_topics: set[str]
) -> tuple[str, str | None, str] | None:
    """What (ref, topic) names: a known item, a known topic, or an unknown item of a known topic."""
    if ref in item_topic:
        return item_topic[ref], ref, ref
    if iri and ref:
        tail = _last_segment(ref)
        if tail in item_topic:
            return item_topic[tail], tail, tail
        if not topic and (ref in known_topics or tail in known_topics):
            return (ref if ref in known_topics else tail), None, ""
    if topic in known_topics:
        return topic, None, ref
    return None


def _last_segment(iri: str) -> str:
    """An IRI's fragment, else its last path segment: …/items/q17 → q17, …#6.NS.A.1 → 6.NS.A.1."""
    head, _, fragment = iri.partition("#")
    if fragment:
        return unquote(fragment)
    return unquote(head.rstrip("/").rsplit("/", 1)[-1])


def _raise(
    batch: ResultsBatch,
    unknown_students: dict[str, list[int]],
    unknown_targets: dict[tuple[str, str], list[int]],
    conflicts: list[tuple[int, int]],
) -> None:
    problems = InputProblems()

    def also(rows: list[int]) -> str:
        return f" (and {len(rows) - 1} more rows)" if len(rows) > 1 else ""

    reports: list[tuple[int, str, str]] = []
    for student, rows in unknown_students.items():
        row = rows[0]
        reports.append(
            (row, batch.field_name(row, "student_id"), f"unknown student {student!r}{also(rows)}")
        )
    for (ref, topic), rows in unknown_targets.items():
        row = rows[0]
        if ref:
            where, message = "item_id", f"unknown item or topic {ref!r}"
            if topic:
                message = f"unknown item {ref!r} and unknown topic {topic!r}"
        else:
            where, message = "topic", f"unknown topic {topic!r}"
        reports.append((row, batch.field_name(row, where), message + also(rows)))
    for row, first in conflicts:
        if batch.correct[row] == batch.correct[first] and batch.scores[row] == batch.scores[first]:
            where, what = "response", "response"
        else:
            where, what = ("correct" if "correct" in batch.fields else "score"), "result"
        reports.append(
            (
                row,
                batch.field_name(row, where),
                f"answers the same item at the same time as line {batch.lines[first]} "
                f"but with a different {what}",
            )
        )
    for row, where, message in sorted(reports, key=lambda r: r[0]):
        problems.add(batch.file, batch.lines[row], where, message)
    problems.raise_if_any()
