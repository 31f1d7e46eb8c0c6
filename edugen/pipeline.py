"""The one place that wires the stages together; the CLI and the API call these functions."""

from __future__ import annotations

import csv
import importlib
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from edugen import weeks
from edugen.errors import UsageError
from edugen.importers import KINDS
from edugen.learner import mastery
from edugen.planner import next_topics as planner
from edugen.profiles import queries
from edugen.profiles.db import Database
from edugen.schemas import (
    ClassNextTopics,
    ImportSummary,
    SchoolNextTopics,
    StudentNextTopics,
)


def open_db(url: str | None = None) -> Database:
    return Database(url)


def _writer(spec: str) -> Any:
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def import_files(
    kind: str, paths: Sequence[Path], *, db: Database, dry_run: bool = False
) -> ImportSummary:
    """Parse and validate every file, then write all of it in one transaction (or none of it)."""
    if kind not in KINDS:
        raise UsageError(f"unknown import kind {kind!r}; choose one of {', '.join(KINDS)}")
    importer = importlib.import_module(f"edugen.importers.{kind}")
    batch = importer.parse(list(paths))
    apply = _writer(importer.WRITER)
    with db.begin(dry_run=dry_run) as session:
        summary: ImportSummary = apply(session=session, batch=batch)
        summary.dry_run = dry_run
    return summary


def next_topics(
    *,
    db: Database,
    class_id: str | None = None,
    student_ids: list[str] | None = None,
    count: int = 3,
) -> list[StudentNextTopics]:
    """Each student's next topics with reasons, from the answers recorded so far."""
    with db.begin() as session:
        if class_id is not None:
            students = queries.get_class(session=session, class_id=class_id).students
        else:
            students = queries.list_students(session=session)
        if student_ids is not None:
            students = [s for s in students if s.id in set(student_ids)]
        ids = [s.id for s in students]
        topics = queries.curriculum(session=session)
        answers = queries.answers(session=session, student_ids=ids)
    estimates = mastery.estimate(answers)
    answer_counts = Counter(a.student_id for a in answers)
    return [
        StudentNextTopics(
            student_id=s.id,
            name=f"{s.given_name} {s.family_name}",
            answers=answer_counts[s.id],
            picks=planner.next_topics(
                topics,
                estimates.get(s.id, {}),
                count=count,
                student_grade=planner.grade_number(s.grade) if s.grade else None,
            ),
        )
        for s in students
    ]


def load_demo(*, db: Database, week: str, reset: bool = False) -> list[ImportSummary]:
    """Load the demo school through the same importers a real school uses."""
    from edugen.demo import school, simulate
    from edugen.profiles.maintenance import delete_school

    if reset:
        with db.begin() as session:
            delete_school(session=session, school_id=school.SCHOOL_ID)
    summaries = [
        import_files("curriculum", [school.DATA / "curriculum.csv"], db=db),
        import_files("resources", [school.DATA / "resources.csv"], db=db),
    ]
    with tempfile.TemporaryDirectory(prefix="edugen-demo-") as tmp:
        folder = Path(tmp)
        summaries.append(
            import_files("oneroster", [school.write_oneroster(folder / "roster")], db=db)
        )
        summaries.append(
            import_files("profiles", [school.write_profiles(folder / "profiles.csv")], db=db)
        )
        with db.begin() as session:
            topics = queries.curriculum(session=session)
        rows = simulate.simulate(
            [s.id for s in school.students()], topics, week_monday=weeks.parse_week(week)
        )
        results = folder / "results.csv"
        with results.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        summaries.append(import_files("results", [results], db=db))
    return summaries


def school_next_topics(
    *, db: Database, school_id: str, week: str, count: int = 3
) -> SchoolNextTopics:
    """Next topics for every student of a school, class by class."""
    with db.begin() as session:
        name = queries.school_name(session=session, school_id=school_id)
        classes = queries.list_classes(session=session, school_id=school_id)
    return SchoolNextTopics(
        school=name,
        week=week,
        classes=[
            ClassNextTopics(
                id=c.id, title=c.title, students=next_topics(db=db, class_id=c.id, count=count)
            )
            for c in classes
        ],
    )
