"""The demo school, loaded through the same importers a real school uses.

Steps: (reset: delete the demo school) → curriculum, resources and the teacher's bank →
roster and profiles written to a temporary folder and imported → six weeks of simulated
answers (each class through its own grade's topics) imported as a results file.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from edugen import weeks
from edugen.profiles import queries
from edugen.profiles.db import Database
from edugen.schemas import ImportSummary, TopicInfo
from edugen.workflows.imports import import_files

DEMO_STEPS = 6


def load_demo(
    *,
    db: Database,
    week: str,
    reset: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
) -> list[ImportSummary]:
    """Load the demo school; `progress` hears ("demo", steps done, DEMO_STEPS)."""
    from edugen.demo import school
    from edugen.profiles.maintenance import delete_school

    summaries: list[ImportSummary] = []

    def add(summary: ImportSummary) -> None:
        summaries.append(summary)
        if progress is not None:
            progress("demo", len(summaries), DEMO_STEPS)

    if reset:
        with db.begin() as session:
            delete_school(session=session, school_id=school.SCHOOL_ID)
    add(import_files("curriculum", [school.DATA / "curriculum.csv"], db=db))
    add(import_files("resources", [school.DATA / "resources.csv"], db=db))
    # A small teacher's bank: eight questions on 6.SP.A.1, beside the family for it.
    add(import_files("items", [school.DATA / "items.csv"], db=db))
    with tempfile.TemporaryDirectory(prefix="edugen-demo-") as tmp:
        folder = Path(tmp)
        add(import_files("oneroster", [school.write_oneroster(folder / "roster")], db=db))
        add(import_files("profiles", [school.write_profiles(folder / "profiles.csv")], db=db))
        with db.begin() as session:
            topics = queries.curriculum(session=session)
        rows = simulated_answers(topics, week_monday=weeks.parse_week(week))
        results = folder / "results.csv"
        with results.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        add(import_files("results", [results], db=db))
    return summaries


def simulated_answers(topics: list[TopicInfo], *, week_monday: date) -> list[dict[str, str]]:
    """Six weeks of answers for every demo student, simulated grade by grade."""
    from edugen.demo import school, simulate
    from edugen.planner.picks import grade_number

    grades = school.class_grades()
    by_grade: dict[int, list[str]] = {}
    for student in school.students():
        by_grade.setdefault(grade_number(grades[student.class_id]), []).append(student.id)
    rows: list[dict[str, str]] = []
    for grade, ids in sorted(by_grade.items()):
        # Grade 6 keeps the seed its history has always been drawn with.
        rows += simulate.simulate(
            ids, topics, week_monday=week_monday, grade=grade, seed=2026 + grade - 6
        )
    return rows
