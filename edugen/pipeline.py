"""The one place that wires the stages together; the CLI and the API call these functions."""

from __future__ import annotations

import csv
import importlib
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

from edugen import config, weeks
from edugen.backends import base as backends
from edugen.content import class_week, plans, questions, resources
from edugen.content.questions import Slot
from edugen.errors import UsageError
from edugen.importers import KINDS
from edugen.planner import picks
from edugen.planner.picks import PlannerSettings
from edugen.profiles import catalog, generated, learner_store, queries
from edugen.profiles import controls as profile_controls
from edugen.profiles.db import Database
from edugen.profiles.misconceptions import misconception_counts
from edugen.prompts import runner, templates
from edugen.prompts.personalize import (
    Learner,
    Personalizer,
    Progress,
    Question,
    Tally,
    frame_questions,
    line,
    write_class_note,
    write_hints,
    write_plan_notes,
    write_rationales,
)
from edugen.prompts.runner import LogCallback, Outcome
from edugen.prompts.schemas import StudentContext
from edugen.schemas import (
    ClassTopics,
    ClassWeek,
    ImportSummary,
    MisconceptionCount,
    PracticeItem,
    ResourceInfo,
    ResourcePick,
    SchoolTopics,
    StuckStudent,
    StudentDetail,
    StudentSnapshot,
    StudentTopics,
    TopicPick,
    WeeklyPlan,
)
from edugen.validators import Rules


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
                mastery={
                    code: round(m.p_correct, 4) for code, m in snapshot[s.id].items() if m.answers
                },
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
        # A small teacher's bank for the one topic no item family covers.
        import_files("items", [school.DATA / "items.csv"], db=db),
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


# --- generation: a week's questions, resources, plans and class summary ---------------


@dataclass
class StudentWeek:
    """What generation made for one student this week."""

    student: StudentDetail
    picks: list[TopicPick]
    mastery: dict[str, float] = field(default_factory=dict)
    items: list[PracticeItem] = field(default_factory=list)
    resources: list[ResourcePick] = field(default_factory=list)
    plan: WeeklyPlan | None = None
    # Topics that got no question, and why.
    gaps: dict[str, str] = field(default_factory=dict)


@dataclass
class WeekResult:
    week: str
    students: list[StudentWeek]
    class_week: ClassWeek | None = None
    run_id: int | None = None
    tallies: dict[str, Tally] = field(default_factory=dict)
    changed: dict[str, int] = field(default_factory=dict)

    def counts(self) -> dict[str, Any]:
        return {
            "students": len(self.students),
            "items": sum(len(s.items) for s in self.students),
            "resources": sum(len(s.resources) for s in self.students),
            "plans": sum(s.plan is not None for s in self.students),
            "changed": self.changed,
            "templates": {name: t.as_dict() for name, t in self.tallies.items()},
        }


PARTS = ("questions", "resources", "plan")
MISCONCEPTION_WINDOW = timedelta(weeks=4)


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
) -> WeekResult:
    """Plan, choose verified content, personalize it, and store it as drafts.

    `parts` names what to make: questions, resources, and/or the plan (which takes both).
    For a class, the plan part also writes the teacher's class week. Each student's items
    and plan are saved in their own transaction, so work already saved survives a crash.
    """
    settings = settings or config.generate_settings()
    wanted = set(parts)
    if "plan" in wanted:
        wanted |= {"questions", "resources"}
    unknown = wanted - set(PARTS)
    if unknown:
        raise UsageError(f"unknown part {sorted(unknown)[0]!r}; choose from {', '.join(PARTS)}")
    classes = None
    if class_id is not None:
        classes = plan_class(db=db, class_id=class_id, week=week)
        planned = classes.students
    else:
        planned = plan_students(db=db, student_ids=list(student_ids), week=week)
    ids = [s.student_id for s in planned]
    with db.begin() as session:
        students = queries.get_students(session=session, student_ids=ids)
        names = queries.roster_names(session=session, school_ids={s.school_id for s in students})
        titles = {t.code: t.title for t in queries.curriculum(session=session)}
        codes = {p.code for s in planned for p in s.picks}
        recent = generated.recent_fingerprints(
            session=session, student_ids=ids, week=week, weeks_back=settings.no_repeat_weeks
        )
        bank = generated.bank_items(session=session, topics=codes)
        catalog_items = (
            catalog.resources_for_topics(session=session, topic_codes=codes)
            if "resources" in wanted
            else []
        )
        recent_resources = generated.recent_resources(
            session=session, student_ids=ids, week=week, weeks_back=settings.no_repeat_weeks
        )
        previous = {
            sid: generated.previous_plan(session=session, student_id=sid, week=week) for sid in ids
        }
        # Wrong answers of the last four weeks, matched to the misconceptions items name.
        since = datetime.combine(weeks.parse_week(week) - MISCONCEPTION_WINDOW, time(0), UTC)
        misconceptions = (
            misconception_counts(session=session, student_ids=ids, since=since)
            if classes is not None
            else []
        )
        run_id = (
            generated.start_run(
                session=session,
                kind="generate",
                params={"parts": sorted(wanted), "students": len(ids), "backend": backend.name},
                class_id=class_id,
                week=week,
            )
            if save
            else None
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
            StudentWeek(student=s, picks=plan.picks, mastery=plan.mastery)
            for s, plan in zip(students, planned, strict=True)
        ],
        run_id=run_id,
        tallies=p.tallies,
    )
    learners = {s.id: _learner(s, names) for s in students}
    try:
        if "questions" in wanted:
            _questions(p, result, learners, settings, recent, bank, run_id)
        if "resources" in wanted:
            _resources(p, result, learners, settings, catalog_items, recent_resources, titles)
        if "plan" in wanted:
            _plans(p, result, learners, settings, previous, titles)
        if classes is not None and "plan" in wanted:
            result.class_week = _class_week(p, classes, students, names, titles, misconceptions)
    except BaseException as exc:
        if run_id is not None:
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
        _save_week(db, result, wanted)
    return result


def _learner(s: StudentDetail, names: tuple[str, ...]) -> Learner:
    context = StudentContext(
        pseudonym=s.pseudonym,
        grade=s.grade,
        reading_level=s.reading_level,
        interests=[line(i, 40) for i in s.interests if line(i, 40)][:20],
        accommodations=[a for a in s.accommodations if _FLAG.match(a)][:10],
    )
    rules = Rules(roster_names=names, reading_level=s.reading_level, language=s.language)
    return Learner(context, rules)


_FLAG = re.compile(r"^[a-z][a-z_]{0,31}$")


def _questions(
    p: Personalizer,
    result: WeekResult,
    learners: dict[str, Learner],
    settings: config.GenerateSettings,
    recent: dict[str, set[str]],
    bank: dict[str, list[PracticeItem]],
    run_id: int | None,
) -> None:
    slots: list[tuple[StudentWeek, Slot, PracticeItem, int]] = []
    for sw in result.students:
        sid = sw.student.id
        selection = questions.choose(
            sw.picks,
            count=settings.questions,
            student_id=sid,
            week=result.week,
            recent=recent.get(sid, set()),
            bank=bank,
        )
        sw.gaps = selection.gaps
        for slot in selection.slots:
            item = questions.plain_item(slot, questions.item_id(sid, result.week, slot.fingerprint))
            item = item.model_copy(update={"topic_title": slot.topic_title})
            slots.append((sw, slot, item, questions.seed_for(sid, result.week, slot.fingerprint)))
    family = [(sw, slot, item, seed) for sw, slot, item, seed in slots if slot.core is not None]
    interests = {sw.student.id: sw.student.interests for sw in result.students}

    def interest(sw: StudentWeek, n: int) -> str | None:
        chosen = interests[sw.student.id]
        return chosen[n % len(chosen)] if chosen else None

    work = [
        Question(
            learner=learners[sw.student.id],
            topic=slot.topic_title,
            question=item.stem,
            answer=item.answer,
            interest=interest(sw, k),
            setting=slot.core.context_hint if slot.core is not None else None,
            seed=seed,
        )
        for k, (sw, slot, item, seed) in enumerate(family)
    ]
    framed = frame_questions(p, work, framing=settings.framing)
    # Hints are about the mathematics: they see the verified question, not the scene.
    hints: list[tuple[str | None, dict[str, Any]]] = (
        write_hints(p, work)
        if settings.hints == "model"
        else [(None, {"outcome": settings.hints})] * len(work)
    )
    done: dict[int, PracticeItem] = {}
    for (_, slot, item, _), f, (hint, hint_record) in zip(family, framed, hints, strict=True):
        assert slot.core is not None
        if hint is None and settings.hints != "off":
            hint = questions.fallback_hint(slot.core, slot.topic_title)
        done[id(item)] = item.model_copy(
            update={
                "stem": f.stem,
                "hint": hint,
                "provenance": {
                    **item.provenance,
                    "framing": f.record,
                    "hint": hint_record,
                    "run_id": run_id,
                },
            }
        )
    for sw, _, item, _ in slots:
        sw.items.append(done.get(id(item), item))


def _resources(
    p: Personalizer,
    result: WeekResult,
    learners: dict[str, Learner],
    settings: config.GenerateSettings,
    candidates: list[ResourceInfo],
    recent: dict[str, set[int]],
    titles: dict[str, str],
) -> None:
    info = {r.id: r for r in candidates}
    for sw in result.students:
        s = sw.student
        sw.resources = resources.rank_resources(
            candidates,
            picks=sw.picks,
            grade=picks.grade_number(s.grade) if s.grade else None,
            language=s.language,
            interests=s.interests,
            count=settings.resources,
            recent=recent.get(s.id, set()),
        )
    asking = [sw for sw in result.students if sw.resources]
    written = write_rationales(
        p,
        [
            (
                learners[sw.student.id],
                titles.get(sw.resources[0].topic, sw.resources[0].topic),
                [
                    (r.resource_id, r.title, r.type, info[r.resource_id].description)
                    for r in sw.resources
                ],
                questions.seed_for(sw.student.id, result.week, "resources"),
            )
            for sw in asking
        ],
    )
    for sw, (whys, _) in zip(asking, written, strict=True):
        sw.resources = [
            r.model_copy(
                update={
                    "why": whys.get(r.resource_id)
                    or resources.fallback_rationale(r, titles.get(r.topic, r.topic))
                }
            )
            for r in sw.resources
        ]


def _plans(
    p: Personalizer,
    result: WeekResult,
    learners: dict[str, Learner],
    settings: config.GenerateSettings,
    previous: dict[str, WeeklyPlan | None],
    titles: dict[str, str],
) -> None:
    for sw in result.students:
        by_topic: dict[str, list[str]] = {}
        for item in sw.items:
            by_topic.setdefault(item.topic, []).append(item.id)
        sw.plan = plans.build_week(
            student_id=sw.student.id,
            week=result.week,
            minutes_per_day=sw.student.minutes_per_day,
            picks=sw.picks,
            items=by_topic,
            resources=sw.resources,
            previous=previous.get(sw.student.id),
            study_days=settings.study_days,
            mastery=sw.mastery,
        )
    with_picks = [sw for sw in result.students if sw.plan is not None and sw.plan.picks]
    notes = write_plan_notes(
        p,
        [
            (
                learners[sw.student.id],
                result.week,
                sw.plan.minutes_per_day,
                [(titles.get(k.code, k.title), k.kind, k.reason) for k in sw.plan.picks],
                [c.why for c in sw.plan.changes],
                questions.seed_for(sw.student.id, result.week, "plan"),
            )
            for sw in with_picks
            if sw.plan is not None
        ],
    )
    written = {id(sw): note for sw, (note, _) in zip(with_picks, notes, strict=True)}
    for sw in result.students:
        assert sw.plan is not None
        note = written.get(id(sw))
        sw.plan = sw.plan.model_copy(
            update={
                "summary": note or plans.fallback_summary(sw.plan, titles),
                "summary_source": "model" if note else "fallback",
            }
        )


def _class_week(
    p: Personalizer,
    classes: ClassTopics,
    students: list[StudentDetail],
    names: tuple[str, ...],
    titles: dict[str, str],
    misconceptions: list[MisconceptionCount],
) -> ClassWeek:
    report = class_week.build_class_week(classes, misconceptions=misconceptions, titles=titles)
    pseudonyms = {s.id: s.pseudonym for s in students}
    grades = sorted({s.grade for s in students if s.grade})
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
    )
    summary, next_steps = note or class_week.fallback_class_summary(report, titles)
    return report.model_copy(
        update={
            "summary": summary,
            "next_steps": next_steps,
            "summary_source": "model" if note else "fallback",
        }
    )


def _save_week(db: Database, result: WeekResult, wanted: set[str]) -> None:
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
                    items=[(item, _fingerprint(item)) for item in sw.items],
                    plan_id=plan_id,
                )
    with db.begin() as session:
        if result.class_week is not None:
            changed["class_weeks"] += generated.save_class_week(
                session=session, report=result.class_week, run_id=result.run_id
            )
        result.changed = changed
        if result.run_id is not None:
            generated.finish_run(
                session=session,
                run_id=result.run_id,
                status="succeeded",
                counts=result.counts(),
            )


def _fingerprint(item: PracticeItem) -> str:
    return str(item.provenance.get("fingerprint") or questions.stem_fingerprint(item.stem))


def make_backend(
    settings: config.GenerateSettings, name: str | None, options: dict[str, Any]
) -> backends.Backend:
    """The backend named on the command line, else the configured one with its options."""
    if name is None:
        return backends.create(settings.backend, {**settings.backend_options, **options})
    return backends.create(name, options)
