"""The one place that wires the stages together; the CLI and the API call these functions."""

from __future__ import annotations

import csv
import importlib
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

from edugen import config, weeks
from edugen.backends import base as backends
from edugen.errors import UsageError
from edugen.importers import KINDS
from edugen.planner import picks
from edugen.planner.picks import PlannerSettings
from edugen.profiles import controls as profile_controls
from edugen.profiles import learner_store, queries
from edugen.profiles.db import Database
from edugen.prompts import runner, templates
from edugen.prompts.runner import LogCallback, Outcome
from edugen.schemas import (
    ClassTopics,
    ImportSummary,
    SchoolTopics,
    StuckStudent,
    StudentSnapshot,
    StudentTopics,
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


def plan_students(
    *,
    db: Database,
    student_ids: list[str],
    week: str,
    settings: PlannerSettings | None = None,
) -> list[StudentTopics]:
    """Each student's picks for the week, with reasons, from the persisted learner state."""
    at = datetime.combine(weeks.parse_week(week), time(0), tzinfo=UTC)
    with db.begin() as session:
        students = queries.get_students(session=session, student_ids=student_ids)
        topics = queries.curriculum(session=session)
        snapshot = learner_store.mastery_snapshot(session=session, student_ids=student_ids, at=at)
        controls = profile_controls.effective_controls(session=session, student_ids=student_ids)
    settings = settings or config.planner_settings()
    result = []
    for s in students:
        student = StudentSnapshot(
            student_id=s.id,
            grade=picks.grade_number(s.grade) if s.grade else None,
            interests=s.interests,
            mastery=snapshot[s.id],
            controls=controls[s.id],
            now=at,
        )
        result.append(
            StudentTopics(
                student_id=s.id,
                name=f"{s.given_name} {s.family_name}",
                week=week,
                answers=sum(m.answers for m in snapshot[s.id].values()),
                picks=picks.plan_topics(topics, student, settings),
            )
        )
    return result


def plan_class(
    *, db: Database, class_id: str, week: str, settings: PlannerSettings | None = None
) -> ClassTopics:
    """The class view: each student's picks, who is ready for what, who is stuck where."""
    with db.begin() as session:
        detail = queries.get_class(session=session, class_id=class_id)
    students = plan_students(
        db=db, student_ids=[s.id for s in detail.students], week=week, settings=settings
    )
    ready: dict[str, list[str]] = {}
    stuck: list[StuckStudent] = []
    for s in students:
        for pick in s.picks:
            if pick.kind in ("new", "continue", "assigned"):
                ready.setdefault(pick.code, []).append(s.student_id)
            elif pick.kind == "step back" and pick.stuck_on is not None:
                stuck.append(
                    StuckStudent(
                        student_id=s.student_id,
                        name=s.name,
                        topic=pick.stuck_on,
                        prerequisite=pick.code,
                        misses=pick.misses,
                    )
                )
    return ClassTopics(
        id=detail.id,
        title=detail.title,
        week=week,
        students=students,
        ready=dict(sorted(ready.items())),
        stuck=stuck,
    )


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


def plan_school(*, db: Database, school_id: str, week: str) -> SchoolTopics:
    """Every class of a school, planned."""
    with db.begin() as session:
        name = queries.school_name(session=session, school_id=school_id)
        classes = queries.list_classes(session=session, school_id=school_id)
    return SchoolTopics(
        school=name,
        week=week,
        classes=[plan_class(db=db, class_id=c.id, week=week) for c in classes],
    )


def try_template(
    *,
    name: str,
    locale: str,
    backend_name: str,
    backend_options: dict[str, Any],
    seed: int,
    log: LogCallback | None,
) -> Outcome:
    """Run one prompt template, with its example context, through a backend."""
    template = templates.load(name, locale)
    prompt = templates.render(name, template.output_model().Context.example(), locale)
    backend = backends.create(backend_name, backend_options)
    try:
        (outcome,) = runner.run(backend, [prompt], seeds=[seed], log=log)
    finally:
        backend.close()
    return outcome
