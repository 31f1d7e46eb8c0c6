"""A class's week for its teacher.

Steps: choose (who is stuck, what goes wrong, small groups: content.class_week) →
personalise (the model writes a summary and next steps, with pseudonyms only) → fall back
(a plain summary) → merge the text and where it came from into the report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, time

from edugen import config, weeks
from edugen.backends import base as backends
from edugen.content import class_week, questions
from edugen.profiles import generated, queries
from edugen.profiles.db import Database
from edugen.profiles.misconceptions import misconception_counts
from edugen.prompts.personalize import Personalizer, write_class_note
from edugen.prompts.runner import LogCallback
from edugen.schemas import (
    ClassTopics,
    ClassWeek,
    MisconceptionCount,
    PlanGap,
    StudentDetail,
    WeeklyPlan,
)
from edugen.validators import Rules
from edugen.workflows.backend import with_backend_defaults
from edugen.workflows.planning import plan_class
from edugen.workflows.week import MISCONCEPTION_WINDOW


def make(
    p: Personalizer,
    classes: ClassTopics,
    students: list[StudentDetail],
    names: tuple[str, ...],
    titles: dict[str, str],
    misconceptions: list[MisconceptionCount],
    gaps: Mapping[str, Sequence[PlanGap]] | None = None,
    texts: str = "model",
) -> ClassWeek:
    """The class's week, with a summary the model wrote or the plain fallback; `gaps`
    (student id → what their plan could not serve) are listed for the teacher."""
    report = class_week.build_class_week(
        classes, misconceptions=misconceptions, titles=titles, gaps=gaps
    )
    pseudonyms = {s.id: s.pseudonym for s in students}
    grades = sorted({s.grade for s in students if s.grade})
    plain = class_week.fallback_class_note(report, titles)
    if texts == "plain":
        return report.model_copy(
            update={"summary": plain[0], "next_steps": plain[1], "summary_source": "fallback"}
        )
    note, _ = write_class_note(
        p,
        rules=Rules(roster_names=names),
        class_label=classes.title,
        grade=grades[0] if len(grades) == 1 else None,
        week=classes.week,
        student_count=len(students),
        topics=[(titles.get(code, code), n) for code, n in report.topics.items()],
        stuck=[
            (pseudonyms[s.student_id], titles.get(s.topic, s.topic), titles.get(s.prerequisite))
            for s in report.stuck
            if s.student_id in pseudonyms
        ],
        seed=questions.seed_for(classes.id, classes.week, "class"),
        plain=plain,
    )
    summary, next_steps = note or plain
    return report.model_copy(
        update={
            "summary": summary,
            "next_steps": next_steps,
            "summary_source": "model" if note else "fallback",
        }
    )


def make_alone(
    db: Database,
    class_id: str,
    week: str,
    backend: backends.Backend,
    log: LogCallback | None,
    settings: config.GenerateSettings,
) -> ClassWeek:
    """A class's week without regenerating its students' weeks: the planner's picks, and
    what each student's stored plan for the week could not serve (its gaps)."""
    classes = plan_class(db=db, class_id=class_id, week=week)
    ids = [s.student_id for s in classes.students]
    since = datetime.combine(weeks.parse_week(week) - MISCONCEPTION_WINDOW, time(0), UTC)
    with db.begin() as session:
        students = queries.get_students(session=session, student_ids=ids)
        names = queries.roster_names(session=session, school_ids={s.school_id for s in students})
        titles = {t.code: t.title for t in queries.curriculum(session=session)}
        counted = misconception_counts(session=session, student_ids=ids, since=since)
        stored = {
            sid: generated.current_plan(session=session, student_id=sid, week=week) for sid in ids
        }
    gaps = {
        sid: WeeklyPlan.model_validate(row.content).gaps
        for sid, row in stored.items()
        if row is not None
    }
    p = Personalizer(backend, log, attempts=settings.attempts, text_attempts=settings.text_attempts)
    texts = with_backend_defaults(settings, backend).texts or "model"
    return make(p, classes, students, names, titles, counted, gaps=gaps, texts=texts)
