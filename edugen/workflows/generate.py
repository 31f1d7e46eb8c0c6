"""Generating a week: plan, choose verified content, personalise it, store it as drafts.

Steps: check the parts asked for (the plan takes questions and resources) → plan the
students (or the class) → read the week's context once (`WeekContext`) and record the run →
make the parts asked for, in order (`parts.questions`, `parts.resources`, `parts.plans`,
and for a class `parts.class_week`) → save each student's items and plan in its own
transaction, then the class week, and record the run's outcome.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, time

from edugen import config, weeks
from edugen.backends import base as backends
from edugen.errors import UsageError
from edugen.planner import picks
from edugen.profiles import catalog, generated, queries
from edugen.profiles.db import Database
from edugen.profiles.misconceptions import misconception_counts
from edugen.prompts.personalize import Learner, Personalizer, Progress
from edugen.prompts.runner import LogCallback
from edugen.prompts.screening import student_context
from edugen.schemas import ClassTopics, StudentDetail, StudentTopics
from edugen.validators import Rules
from edugen.workflows.backend import with_backend_defaults
from edugen.workflows.parts import class_week, plans, questions, resources
from edugen.workflows.planning import plan_class, plan_students
from edugen.workflows.week import (
    MISCONCEPTION_WINDOW,
    PARTS,
    StudentWeek,
    WeekContext,
    WeekResult,
)

__all__ = ["PARTS", "StudentWeek", "WeekResult", "generate_week"]


def generate_week(
    *,
    db: Database,
    week: str,
    parts: Sequence[str],
    backend: backends.Backend,
    log: LogCallback | None,
    student_ids: Sequence[str] = (),
    class_id: str | None = None,
    settings: config.GenerateSettings | None = None,
    save: bool = True,
    progress: Progress | None = None,
    run_id: int | None = None,
) -> WeekResult:
    """Plan, choose verified content, personalize it, and store it as drafts.

    `parts` names what to make: questions, resources, and/or the plan (which takes both).
    For a class, the plan part also writes the teacher's class week. Each student's items
    and plan are saved in their own transaction, so work already saved survives a crash.
    `run_id` names a run the caller owns (the weekly job's) to record the work under;
    without it this call records a run of its own.
    """
    owned = run_id is None
    settings = with_backend_defaults(settings or config.generate_settings(), backend)
    wanted = set(parts)
    if "plan" in wanted:
        wanted |= {"questions", "resources"}
    unknown = wanted - set(PARTS)
    if unknown:
        raise UsageError(f"unknown part {sorted(unknown)[0]!r}; choose from {', '.join(PARTS)}")
    # One planner configuration for the picks and for what the plans call mastered.
    planner = picks.load_settings()
    classes = None
    if class_id is not None:
        classes = plan_class(db=db, class_id=class_id, week=week, settings=planner)
        planned = classes.students
    else:
        planned = plan_students(db=db, student_ids=list(student_ids), week=week, settings=planner)
    context = read_context(db, week, planned, classes, wanted, settings)
    context.mastery_p = planner.mastery_p
    if save and owned:
        with db.begin() as session:
            run_id = generated.start_run(
                session=session,
                kind="generate",
                params={
                    "parts": sorted(wanted),
                    "students": len(planned),
                    "backend": backend.name,
                },
                class_id=class_id,
                week=week,
            )
    p = Personalizer(
        backend,
        log,
        attempts=settings.attempts,
        text_attempts=settings.text_attempts,
        progress=progress,
    )
    result = WeekResult(
        week=week,
        students=[
            StudentWeek(student=s, picks=plan.picks, mastery=plan.mastery, answers=plan.answers)
            for s, plan in zip(context.students, planned, strict=True)
        ],
        run_id=run_id,
        tallies=p.tallies,
        left_out=context.left_out,
    )
    try:
        if "questions" in wanted:
            questions.make(p, result, context, settings)
        if "resources" in wanted:
            resources.make(p, result, context, settings)
        if "plan" in wanted:
            plans.make(p, result, context, settings)
        if classes is not None and "plan" in wanted:
            result.class_week = class_week.make(
                p,
                classes,
                context.students,
                context.names,
                context.titles,
                context.misconceptions,
                gaps={sw.student.id: sw.plan.gaps for sw in result.students if sw.plan},
                texts=settings.texts or "model",
            )
    except BaseException as exc:
        if run_id is not None and owned:
            with db.begin() as session:
                generated.finish_run(
                    session=session,
                    run_id=run_id,
                    status="failed",
                    counts=result.counts(),
                    error=f"{type(exc).__name__}: {exc}",
                )
        raise
    if save:
        _save(db, result, wanted, finish=owned)
    return result


def read_context(
    db: Database,
    week: str,
    planned: list[StudentTopics],
    classes: ClassTopics | None,
    wanted: set[str],
    settings: config.GenerateSettings,
) -> WeekContext:
    """Everything the parts asked for need from the database, in one transaction."""
    ids = [s.student_id for s in planned]
    back = settings.no_repeat_weeks
    with db.begin() as session:
        students = queries.get_students(session=session, student_ids=ids)
        codes = {p.code for s in planned for p in s.picks}
        context = WeekContext(
            week=week,
            students=students,
            names=queries.roster_names(session=session, school_ids={s.school_id for s in students}),
            titles={t.code: t.title for t in queries.curriculum(session=session)},
            recent=generated.recent_fingerprints(
                session=session, student_ids=ids, week=week, weeks_back=back
            ),
            bank=generated.bank_items(session=session, topics=codes),
            classes=classes,
        )
        if "resources" in wanted:
            context.catalog = catalog.resources_for_topics(session=session, topic_codes=codes)
            context.recent_resources = generated.recent_resources(
                session=session, student_ids=ids, week=week, weeks_back=back
            )
        if "plan" in wanted:
            context.previous = {
                sid: generated.previous_plan(session=session, student_id=sid, week=week)
                for sid in ids
            }
            if classes is not None:
                # Wrong answers of the last weeks, matched to the misconceptions items name.
                monday = weeks.parse_week(week)
                since = datetime.combine(monday - MISCONCEPTION_WINDOW, time(0), UTC)
                context.misconceptions = misconception_counts(
                    session=session, student_ids=ids, since=since
                )
    context.learners = {s.id: _learner(s, context.names, context.left_out) for s in students}
    return context


def _learner(s: StudentDetail, names: tuple[str, ...], left_out: dict[str, list[str]]) -> Learner:
    context, dropped = student_context(s, names)
    if dropped:
        # Said by path only: the text itself would repeat the name it carries.
        left_out[s.pseudonym] = dropped
    rules = Rules(roster_names=names, reading_level=s.reading_level)
    return Learner(context, rules)


def _save(db: Database, result: WeekResult, wanted: set[str], *, finish: bool) -> None:
    changed = {"items": 0, "plans": 0, "class_weeks": 0}
    for sw in result.students:
        with db.begin() as session:
            plan_id = None
            if sw.plan is not None:
                plan_id, fresh = generated.save_plan(
                    session=session, plan=sw.plan, run_id=result.run_id
                )
                changed["plans"] += fresh
            if "questions" in wanted:
                changed["items"] += generated.save_items(
                    session=session,
                    student_id=sw.student.id,
                    week=result.week,
                    items=[(item, questions.fingerprint(item)) for item in sw.items],
                    plan_id=plan_id,
                )
    with db.begin() as session:
        if result.class_week is not None:
            changed["class_weeks"] += generated.save_class_week(
                session=session, report=result.class_week, run_id=result.run_id
            )
        result.changed = changed
        if result.run_id is not None and finish:
            generated.finish_run(
                session=session,
                run_id=result.run_id,
                status="succeeded",
                counts=result.counts(),
            )
