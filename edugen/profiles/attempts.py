"""Write imported answers as Attempt rows: resolve ids against the database, then bulk insert."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import unquote

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from edugen.errors import EdugenError
from edugen.importers.common import Problems
from edugen.importers.results import ResultsBatch
from edugen.profiles.learner_store import apply_pending
from edugen.profiles.models import Attempt, Base, Item, Student, Topic
from edugen.schemas import ImportSummary

# Rows per executemany: large enough that per-statement overhead vanishes, small enough
# that the parameter dicts of one chunk stay a few megabytes.
CHUNK = 20_000
UNIQUE_KEY = ["student_id", "topic_code", "item_ref", "answered_at"]


class ResultsSummary(ImportSummary):
    """An import summary that also says how many xAPI statements carried no answer."""

    skipped_statements: int = 0
    voided_statements: int = 0
    learned: int = 0

    def describe(self) -> str:
        text = super().describe()
        if self.skipped_statements:
            text += f"; {self.skipped_statements} statements without a result skipped"
        if self.voided_statements:
            text += f"; {self.voided_statements} voided or voiding statements not counted"
        if self.learned:
            text += f"; mastery updated from {self.learned} answers"
        return text


def apply(*, session: Session, batch: ResultsBatch) -> ImportSummary:
    """Insert every new answer; one already stored (same student, topic, item, time) is kept.

    What the student answered (`response`) is stored with it when the source gave it; an
    answer stored before is not changed, so a re-import stays a no-op.
    """
    summary = ResultsSummary(
        kind="results", skipped_statements=batch.skipped, voided_statements=batch.voided
    )
    counts = summary.entity("attempts")
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
    problems = Problems()

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
