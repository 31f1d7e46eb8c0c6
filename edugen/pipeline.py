"""The one place that wires the stages together; the CLI and the API call these functions."""

from __future__ import annotations

import csv
import hashlib
import importlib
import io
import re
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError

from edugen import config, weeks
from edugen.backends import base as backends
from edugen.content import class_week, plans, questions, resources
from edugen.content.questions import Slot
from edugen.errors import EdugenError, NotFoundError, UsageError
from edugen.exporters import lms, pages
from edugen.exporters.pages import ClassPacketDocument, MasteryBar, StudentWeekDocument
from edugen.importers import KINDS
from edugen.planner import picks
from edugen.planner.picks import PlannerSettings
from edugen.profiles import catalog, generated, learner_store, queries
from edugen.profiles import controls as profile_controls
from edugen.profiles import review as review_store
from edugen.profiles import runs as run_store
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
    write_items,
    write_plan_notes,
    write_rationales,
)
from edugen.prompts.runner import LogCallback, Outcome
from edugen.prompts.schemas import FLAG, StudentContext
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
        recent_resources = (
            generated.recent_resources(
                session=session, student_ids=ids, week=week, weeks_back=settings.no_repeat_weeks
            )
            if "resources" in wanted
            else {}
        )
        previous = (
            {
                sid: generated.previous_plan(session=session, student_id=sid, week=week)
                for sid in ids
            }
            if "plan" in wanted
            else {}
        )
        # Wrong answers of the last four weeks, matched to the misconceptions items name.
        since = datetime.combine(weeks.parse_week(week) - MISCONCEPTION_WINDOW, time(0), UTC)
        misconceptions = (
            misconception_counts(session=session, student_ids=ids, since=since)
            if classes is not None and "plan" in wanted
            else []
        )
        if save and owned:
            run_id = generated.start_run(
                session=session,
                kind="generate",
                params={"parts": sorted(wanted), "students": len(ids), "backend": backend.name},
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
        _save_week(db, result, wanted, finish=owned)
    return result


def _learner(s: StudentDetail, names: tuple[str, ...]) -> Learner:
    context = StudentContext(
        pseudonym=s.pseudonym,
        grade=s.grade,
        reading_level=s.reading_level,
        interests=[line(i, 40) for i in s.interests if line(i, 40)][:20],
        accommodations=[a for a in s.accommodations if re.match(FLAG, a)][:10],
    )
    rules = Rules(roster_names=names, reading_level=s.reading_level, language=s.language)
    return Learner(context, rules)


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
    # (student, pick, k): questions nothing verified covers, for the model to write.
    unwritten: list[tuple[StudentWeek, TopicPick, int]] = []
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
        if settings.model_items:
            pick_of = {pk.code: pk for pk in sw.picks}
            unwritten.extend(
                (sw, pick_of[code], k)
                for code, count in selection.missing.items()
                for k in range(count)
            )
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
    if unwritten:
        _model_items(p, result, learners, unwritten, recent, run_id)


def _model_items(
    p: Personalizer,
    result: WeekResult,
    learners: dict[str, Learner],
    unwritten: list[tuple[StudentWeek, TopicPick, int]],
    recent: dict[str, set[str]],
    run_id: int | None,
) -> None:
    """Whole questions from the model for topics nothing verified covers (unverified); one
    the student was served recently, or already has this week, is dropped."""
    seen = {
        sw.student.id: recent.get(sw.student.id, set())
        | {str(i.provenance.get("fingerprint")) for i in sw.items}
        for sw, _, _ in unwritten
    }
    written = write_items(
        p,
        [
            (
                learners[sw.student.id],
                pick.title,
                pick.tier or 3,
                sw.student.interests[k % len(sw.student.interests)]
                if sw.student.interests
                else None,
                questions.seed_for(sw.student.id, result.week, pick.code, "written", k),
            )
            for sw, pick, k in unwritten
        ],
    )
    for (sw, pick, _), (item, record) in zip(unwritten, written, strict=True):
        fingerprint = questions.stem_fingerprint(item.stem) if item is not None else ""
        if item is None or fingerprint in seen[sw.student.id]:
            continue
        seen[sw.student.id].add(fingerprint)
        sw.items.append(
            PracticeItem(
                id=questions.item_id(sw.student.id, result.week, fingerprint),
                topic=pick.code,
                topic_title=pick.title,
                kind="multiple_choice",
                tier=pick.tier or 3,
                stem=item.stem,
                options=list(item.options),
                answer=item.keyed_option,
                solution=[item.explanation],
                verified=False,
                source="generated",
                provenance={"written": record, "fingerprint": fingerprint, "run_id": run_id},
            )
        )
        sw.gaps.pop(pick.code, None)


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


def _save_week(db: Database, result: WeekResult, wanted: set[str], *, finish: bool) -> None:
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
        if result.run_id is not None and finish:
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


# --- export: stored content as documents and LMS packages (issue #6) ---------------------

EXPORT_KINDS = ("plan", "questions", "class")
DOCUMENT_FORMATS = ("md", "html", "pdf", "docx")
LMS_FORMATS = ("qti21", "qti12", "moodle", "gift", "json")
EXPORT_FORMATS = DOCUMENT_FORMATS + LMS_FORMATS
# Never exported, whatever the flags say.
_WITHDRAWN = frozenset({"rejected", "retired"})
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9_-]+")
# Zip entries carry a fixed time so the same export gives the same bytes.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass
class ExportResult:
    """What an export wrote."""

    week: str
    paths: list[Path]  # files written (only the zip when --out names one)
    files: list[str]  # the exported files' names (the zip's entries, for a zip)
    skipped: dict[str, str] = field(default_factory=dict)  # student id → why not exported
    draft: bool = False


@dataclass
class _StoredWeek:
    """A week's stored content, read in one transaction; plain values only."""

    students: list[StudentDetail]
    class_title: str | None
    class_titles: dict[str, str]  # student id → the title of the student's (first) class
    plans: dict[str, tuple[WeeklyPlan, str]]  # student id → current plan and its status
    previous: dict[str, WeeklyPlan | None]
    items: dict[str, list[PracticeItem]]
    titles: dict[str, str]
    class_week: ClassWeek | None


def safe_file_stem(raw: str) -> str:
    """A file-name part from an id: letters, digits, - and _ only, never a path.

    An id that had to change gets a short hash of the original, so ids that sanitize alike
    ("a/b" and "a-b") still get different files.
    """
    readable = _UNSAFE_NAME.sub("-", raw).strip("-_")[:60].strip("-_")
    if readable and readable == raw:
        return raw
    digest = hashlib.sha1(raw.encode("utf-8")).hexdigest()[:8]
    return f"{readable or 'id'}-{digest}"


def display_name(student: StudentDetail) -> str:
    """The name printed on a student's pages: preferred (else given) name and family name."""
    first = (student.preferred_name or "").strip() or student.given_name
    return f"{first} {student.family_name}".strip()


def export_week(
    *,
    db: Database,
    what: str,
    week: str,
    format: str,
    out: Path,
    student_ids: Sequence[str] = (),
    class_id: str | None = None,
    include_drafts: bool = False,
    force: bool = False,
) -> ExportResult:
    """Write a week's stored plans, questions or class packet with the pure exporters.

    Only approved (or published) plans and items go out, unless `include_drafts`: then
    drafts do too and every document is marked DRAFT. Rejected and retired content never
    goes out. `out` is a folder (created) unless it ends in .zip, then one zip holds every
    file. Nothing is written if any target exists and `force` is not given.
    """
    if what not in EXPORT_KINDS:
        raise UsageError(f"unknown export {what!r}; choose from {', '.join(EXPORT_KINDS)}")
    if format not in EXPORT_FORMATS:
        raise UsageError(f"unknown format {format!r}; choose from {', '.join(EXPORT_FORMATS)}")
    if bool(student_ids) == bool(class_id):
        raise UsageError("give --student ID (one or more) or --class ID")
    if what == "class" and class_id is None:
        raise UsageError("a class packet is for a class: give --class ID")
    if what == "plan" and format in LMS_FORMATS:
        raise UsageError(
            f"a plan is a document (md, html, pdf, docx); for a {format} package of the "
            "week's questions use `edugen export questions`"
        )
    weeks.parse_week(week)
    stored = _read_week(db=db, student_ids=student_ids, class_id=class_id, week=week)
    allowed = pages.APPROVED | ({"draft"} if include_drafts else frozenset())
    skipped: dict[str, str] = {}
    planned = _planned_files(stored, what, week, format, class_id, allowed, include_drafts, skipped)
    if not planned:
        raise EdugenError(_nothing_message(stored, class_id, week, format, include_drafts))
    names = [name for name, _ in planned]
    zipped = out.suffix.lower() == ".zip"
    _refuse_overwrite(out, names, zipped=zipped, force=force)
    rendered = [(name, make()) for name, make in planned]
    paths = _write_zip(out, rendered) if zipped else _write_folder(out, rendered)
    return ExportResult(week=week, paths=paths, files=names, skipped=skipped, draft=include_drafts)


def _read_week(
    *, db: Database, student_ids: Sequence[str], class_id: str | None, week: str
) -> _StoredWeek:
    # Read-only: the transaction is rolled back, whatever happens.
    with db.begin(dry_run=True) as session:
        class_title = None
        if class_id is not None:
            detail = queries.get_class(session=session, class_id=class_id)
            class_title = detail.title
            student_ids = [s.id for s in detail.students]
        unique = list(dict.fromkeys(student_ids))
        students = queries.get_students(session=session, student_ids=unique)
        ids = [s.id for s in students]
        class_titles: dict[str, str] = {}
        known: dict[str, str] = {}
        for s in students:
            first = class_id or (s.class_ids[0] if s.class_ids else None)
            if first is None:
                continue
            if first not in known:
                known[first] = queries.get_class(session=session, class_id=first).title
            class_titles[s.id] = known[first]
        plans: dict[str, tuple[WeeklyPlan, str]] = {}
        for sid in ids:
            row = generated.current_plan(session=session, student_id=sid, week=week)
            if row is not None:
                plans[sid] = (WeeklyPlan.model_validate(row.content), row.status.value)
        previous = {
            sid: generated.previous_plan(session=session, student_id=sid, week=week) for sid in ids
        }
        items = generated.week_items(session=session, student_ids=ids, week=week)
        titles = {t.code: t.title for t in queries.curriculum(session=session)}
        stored_class_week = None
        if class_id is not None:
            try:
                stored_class_week = generated.class_week(
                    session=session, class_id=class_id, week=week
                )
            except NotFoundError:
                stored_class_week = None
    return _StoredWeek(
        students=students,
        class_title=class_title,
        class_titles=class_titles,
        plans=plans,
        previous=previous,
        items=items,
        titles=titles,
        class_week=stored_class_week,
    )


Planned = list[tuple[str, Callable[[], bytes]]]


def _planned_files(
    stored: _StoredWeek,
    what: str,
    week: str,
    format: str,
    class_id: str | None,
    allowed: frozenset[str],
    draft: bool,
    skipped: dict[str, str],
) -> Planned:
    """Each file to write, by name, with what renders it (names first: checked before work)."""
    week_stem = safe_file_stem(week)
    planned: Planned = []
    if format in LMS_FORMATS:
        writer = lms.exporter(format)
        tag = "" if format in writer.extension else f"-{format}"
        mark = "DRAFT — " if draft else ""
        packages: list[tuple[str, str, list[PracticeItem]]] = []
        if class_id is not None:
            chosen: dict[str, PracticeItem] = {}
            for s in stored.students:
                for item in _lms_items(stored, s.id, allowed, skipped):
                    chosen.setdefault(item.id, item)
            title = f"{mark}{stored.class_title or class_id} — {week} practice"
            packages.append((safe_file_stem(class_id), title, list(chosen.values())))
        else:
            for s in stored.students:
                title = f"{mark}{display_name(s)} — {week} practice"
                packages.append(
                    (safe_file_stem(s.id), title, _lms_items(stored, s.id, allowed, skipped))
                )
        for stem, title, items in packages:
            if items:
                planned.append(
                    (f"{stem}-{week_stem}{tag}{writer.extension}", _lms_bytes(writer, items, title))
                )
        return planned
    extension = pages.document_format(format).extension
    documents = {
        s.id: doc
        for s in stored.students
        if (doc := _student_document(stored, s, allowed, draft, skipped)) is not None
    }
    if what == "class":
        assert class_id is not None
        if stored.class_week is None:
            raise EdugenError(
                f"no class week stored for {class_id!r} in {week}; make one with "
                f"`edugen generate plan --class {class_id} --week {week}`"
            )
        if documents:
            packet = ClassPacketDocument(
                class_title=stored.class_title or class_id,
                week=week,
                class_week=stored.class_week,
                students=list(documents.values()),
                names={s.id: display_name(s) for s in stored.students},
                draft=draft,
            )
            name = f"{safe_file_stem(class_id)}-{week_stem}-class{extension}"
            planned.append((name, _document_bytes(packet, format, "teacher")))
        return planned
    for sid, doc in documents.items():
        stem = f"{safe_file_stem(sid)}-{week_stem}-{what}"
        planned.append((f"{stem}{extension}", _document_bytes(doc, format, "student")))
        if what == "plan":
            planned.append((f"{stem}-key{extension}", _document_bytes(doc, format, "teacher")))
    return planned


def _lms_items(
    stored: _StoredWeek, student_id: str, allowed: frozenset[str], skipped: dict[str, str]
) -> list[PracticeItem]:
    items = stored.items.get(student_id, [])
    chosen = [i for i in items if i.status in allowed and i.status not in _WITHDRAWN]
    if not chosen:
        waiting = sum(i.status == "draft" for i in items)
        skipped[student_id] = (
            f"{waiting} questions are drafts" if waiting else "no questions stored for the week"
        )
    return chosen


def _student_document(
    stored: _StoredWeek,
    student: StudentDetail,
    allowed: frozenset[str],
    draft: bool,
    skipped: dict[str, str],
) -> StudentWeekDocument | None:
    entry = stored.plans.get(student.id)
    if entry is None:
        skipped[student.id] = "no plan stored for the week"
        return None
    plan, status = entry
    if status not in allowed or status in _WITHDRAWN:
        skipped[student.id] = f"the plan is {status}"
        return None
    # Drafts stay in a non-draft document: the pages leave them out and say more will come.
    items = [i for i in stored.items.get(student.id, []) if i.status not in _WITHDRAWN]
    return StudentWeekDocument(
        student_name=display_name(student),
        class_title=stored.class_titles.get(student.id),
        week=plan.week,
        plan=plan,
        items=items,
        titles=stored.titles,
        mastery=_mastery(plan, stored.previous.get(student.id), stored.titles),
        draft=draft,
    )


def _mastery(
    plan: WeeklyPlan, previous: WeeklyPlan | None, titles: dict[str, str]
) -> list[MasteryBar]:
    """This week's chance of a right answer per picked topic, next to last week's plan's."""
    last = {
        p.code: p.p_correct for p in (previous.picks if previous else []) if p.p_correct is not None
    }
    bars: dict[str, MasteryBar] = {}
    for pick in plan.picks:
        if pick.p_correct is None or pick.code in bars:
            continue
        bars[pick.code] = MasteryBar(
            topic=pick.code,
            title=titles.get(pick.code) or pick.title or pick.code,
            last=last.get(pick.code),
            now=pick.p_correct,
        )
    return list(bars.values())


def _document_bytes(document: pages.Document, format: str, copy: pages.Copy) -> Callable[[], bytes]:
    return lambda: pages.render(document, format=format, copy=copy)


def _lms_bytes(
    writer: lms.LmsExporter, items: list[PracticeItem], title: str
) -> Callable[[], bytes]:
    def make() -> bytes:
        stream = io.BytesIO()
        writer.write(items, stream, title=title)
        return stream.getvalue()

    return make


def _nothing_message(
    stored: _StoredWeek, class_id: str | None, week: str, format: str, include_drafts: bool
) -> str:
    who = f"class {class_id}" if class_id else ", ".join(s.id for s in stored.students)
    documents = format in DOCUMENT_FORMATS  # a document needs the student's plan
    if not stored.plans if documents else not any(stored.items.values()):
        how = f"--class {class_id}" if class_id else "--student ID"
        return (
            f"nothing stored for {who} in {week}; make it first with "
            f"`edugen generate plan {how} --week {week}`"
        )
    if documents:
        drafts = sum(status == "draft" for _, status in stored.plans.values())
        what = "plans"
    else:
        drafts = sum(i.status == "draft" for found in stored.items.values() for i in found)
        what = "questions"
    if include_drafts or not drafts:
        return f"nothing to export for {who} in {week}: its {what} were rejected or retired"
    return (
        f"nothing approved to export for {who} in {week}: {drafts} {what} are drafts. "
        "Approve them with `edugen review approve`, or pass --include-drafts to export "
        "them marked DRAFT"
    )


def _refuse_overwrite(out: Path, names: list[str], *, zipped: bool, force: bool) -> None:
    if zipped:
        if out.is_dir():
            raise EdugenError(f"{out} is a folder; give a .zip file name or a folder without .zip")
        existing = [out] if out.exists() else []
    else:
        if out.exists() and not out.is_dir():
            raise EdugenError(f"{out} exists and is not a folder")
        existing = [out / name for name in names if (out / name).exists()]
    if existing and not force:
        shown = ", ".join(str(p) for p in existing[:5])
        more = f" and {len(existing) - 5} more" if len(existing) > 5 else ""
        raise EdugenError(
            f"not overwriting {shown}{more}; nothing was written (pass --force to overwrite)"
        )


def _write_atomic(path: Path, data: bytes) -> None:
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_bytes(data)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def _write_folder(out: Path, files: list[tuple[str, bytes]]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in files:
        _write_atomic(out / name, data)
        paths.append(out / name)
    return paths


def _write_zip(out: Path, files: list[tuple[str, bytes]]) -> list[Path]:
    out.parent.mkdir(parents=True, exist_ok=True)
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            archive.writestr(zipfile.ZipInfo(name, _ZIP_TIME), data, zipfile.ZIP_DEFLATED)
    _write_atomic(out, stream.getvalue())
    return [out]


# --- review: the teacher's gate (draft → approved → published) --------------------------
# Each call is one unit of work; `who` is the reviewer's name (None: the OS user).


def review_items(
    *,
    db: Database,
    class_id: str | None = None,
    student_id: str | None = None,
    status: str | None = None,
    week: str | None = None,
) -> list[review_store.ReviewItem]:
    with db.begin() as session:
        return review_store.list_items(
            session=session, class_id=class_id, student_id=student_id, status=status, week=week
        )


def review_plans(
    *,
    db: Database,
    class_id: str | None = None,
    student_id: str | None = None,
    status: str | None = None,
    week: str | None = None,
) -> list[review_store.ReviewPlan]:
    with db.begin() as session:
        return review_store.list_plans(
            session=session, class_id=class_id, student_id=student_id, status=status, week=week
        )


def review_show(*, db: Database, ref: str) -> review_store.ReviewItem | review_store.ReviewPlan:
    with db.begin() as session:
        return review_store.show(session=session, ref=ref)


def review_set_status(
    *, db: Database, refs: Sequence[str], to: str, who: str | None = None, why: str | None = None
) -> list[review_store.Change]:
    """Move the named items and plans (plan:<id>) to a status, all or none."""
    with db.begin() as session:
        return review_store.change_status(
            session=session, refs=refs, to=to, who=review_store.reviewer(who), why=why
        )


def review_approve_valid(
    *,
    db: Database,
    kind: str = "item",
    class_id: str | None = None,
    student_id: str | None = None,
    week: str | None = None,
    who: str | None = None,
) -> review_store.ApproveReport:
    """Approve every draft in scope that passes its checks."""
    with db.begin() as session:
        return review_store.approve_valid(
            session=session,
            who=review_store.reviewer(who),
            kind="plan" if kind == "plan" else "item",
            class_id=class_id,
            student_id=student_id,
            week=week,
        )


def review_edit_text(*, db: Database, ref: str) -> str:
    with db.begin() as session:
        return review_store.edit_text(session=session, ref=ref)


def review_apply_edit(
    *, db: Database, ref: str, text: str, who: str | None = None
) -> review_store.EditResult | None:
    """Save an edited YAML view of an item after checking it; None when nothing changed."""
    with db.begin() as session:
        return review_store.apply_edit(
            session=session, ref=ref, text=text, who=review_store.reviewer(who)
        )


# --- weekly: the scheduled run for a school, class or shard (issue #7) ---------------------

WEEKLY_BATCH = 16
LOCK_TIMEOUT = timedelta(minutes=10)
# A heartbeat at most this often, from inside a batch too (a real model's batch is slow).
_HEARTBEAT_EVERY = timedelta(seconds=30)
WEEKLY_DOCUMENT_FORMAT = "html"
WEEKLY_LMS_FORMATS = ("qti21",)


@dataclass
class WeeklyResult:
    """What a weekly run did; `failed` maps a student id (or "class:ID") to its error."""

    week: str
    school_id: str
    shard: str
    run_id: int | None
    students: list[str] = field(default_factory=list)
    done: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    class_weeks: list[str] = field(default_factory=list)
    approved: dict[str, int] = field(default_factory=dict)
    exported: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def status(self) -> str:
        return "partial" if self.failed else "succeeded"

    def counts(self) -> dict[str, Any]:
        return {
            "students": len(self.students),
            "done": len(self.done),
            "skipped": len(self.skipped),
            "failed": len(self.failed),
            "failed_students": dict(self.failed),
            "class_weeks": len(self.class_weeks),
            "approved": self.approved,
            "exported": len(self.exported),
        }


def parse_shard(text: str | None) -> str:
    """The shard as K/N, checked (1 ≤ K ≤ N); "" for no sharding."""
    if not text:
        return ""
    k, sep, n = text.partition("/")
    if not sep or not k.isdigit() or not n.isdigit() or not 1 <= int(k) <= int(n):
        raise UsageError(f"--shard {text!r}: write K/N with 1 ≤ K ≤ N, e.g. 1/2")
    return "" if int(n) == 1 else f"{int(k)}/{int(n)}"


def in_shard(key: str, shard: str) -> bool:
    """Stable across runs, machines and Python versions (crc32, not hash())."""
    if not shard:
        return True
    k, n = (int(x) for x in shard.split("/"))
    return zlib.crc32(key.encode("utf-8")) % n == k - 1


def weekly_run(
    *,
    db: Database,
    week: str,
    backend: backends.Backend,
    log: LogCallback | None,
    school_id: str | None = None,
    class_id: str | None = None,
    shard: str = "",
    settings: config.GenerateSettings | None = None,
    batch_size: int = WEEKLY_BATCH,
    results: Sequence[Path] = (),
    export_to: Path | None = None,
    include_drafts: bool = False,
    dry_run: bool = False,
    lock_timeout: timedelta = LOCK_TIMEOUT,
    progress: Progress | None = None,
    notify: Callable[[str], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> WeeklyResult:
    """The week for every active student in scope, resumable and idempotent.

    `on_start` hears the run's id as soon as the run is recorded (the API answers with it
    while the run goes on).

    A student with a plan stored for the week is done and skipped, so a second run changes
    nothing and a run killed at any moment is finished by the next. Students go through
    generation in batches, each saved as it completes; a failing batch is retried student
    by student, and a student that still fails is recorded while the rest go on.
    """
    say = notify or (lambda _message: None)
    weeks.parse_week(week)
    shard = parse_shard(shard)
    if school_id and class_id:
        raise UsageError("give --school ID or --class ID, not both")
    with db.begin() as session:
        if class_id is not None:
            school_id = run_store.class_school(session=session, class_id=class_id)
        elif school_id is not None:
            run_store.require_school(session=session, school_id=school_id)
        else:
            schools = run_store.school_ids(session=session)
            if len(schools) != 1:
                raise UsageError(
                    "give --school ID or --class ID"
                    + (f" (schools: {', '.join(schools)})" if schools else " (no schools yet)")
                )
            school_id = schools[0]
    result = WeeklyResult(week=week, school_id=school_id, shard=shard, run_id=None, dry_run=dry_run)
    if dry_run:
        if results:
            import_files("results", results, db=db, dry_run=True)
        _weekly_scope(db, result, class_id)
        return result
    with db.begin() as session:
        result.run_id = generated.start_run(
            session=session,
            kind="weekly",
            params={
                "backend": backend.name,
                "batch_size": batch_size,
                "results": [str(p) for p in results],
                "export_to": str(export_to) if export_to else None,
            },
            school_id=school_id,
            class_id=class_id,
            week=week,
            shard=shard or None,
        )
    if on_start is not None:
        on_start(result.run_id)
    holder = run_store.this_holder()
    try:
        _acquire_lock(db, school_id, shard, holder, result.run_id, lock_timeout, say)
    except BaseException as exc:
        _finish_weekly(db, result, "failed", f"{type(exc).__name__}: {exc}")
        raise
    try:
        if results:
            summary = import_files("results", results, db=db)
            say(summary.describe())
        _weekly_students(
            db, result, class_id, week, backend, log, settings, batch_size, holder, progress, say
        )
        _weekly_class_weeks(db, result, class_id, week, backend, log, settings, holder)
        with db.begin() as session:
            if run_store.auto_approves(session=session, school_id=school_id):
                result.approved = run_store.approve_verified(
                    session=session,
                    student_ids=result.students,
                    week=week,
                    who="edugen weekly",
                )
        if export_to is not None:
            _weekly_export(db, result, class_id, week, export_to, include_drafts)
    except BaseException as exc:
        _finish_weekly(db, result, "failed", f"{type(exc).__name__}: {exc}")
        _release(db, school_id, shard, holder)
        raise
    _finish_weekly(db, result, result.status, None)
    _release(db, school_id, shard, holder)
    return result


def _acquire_lock(
    db: Database,
    school_id: str,
    shard: str,
    holder: str,
    run_id: int | None,
    timeout: timedelta,
    say: Callable[[str], None],
) -> None:
    """Insert our lock row; then give way to (or take over from) any conflicting holder.

    Insert-then-check in separate transactions: of two runs that race, at least one sees
    the other and backs off, so two never proceed together.
    """
    for _attempt in range(3):
        try:
            with db.begin() as session:
                run_store.insert_lock(
                    session=session, school_id=school_id, shard=shard, holder=holder, run_id=run_id
                )
        except IntegrityError:
            pass  # our exact key is held: treated below like any other conflicting lock
        with db.begin() as session:
            others = [
                lock
                for lock in run_store.school_locks(session=session, school_id=school_id)
                if lock.holder != holder and run_store.shards_conflict(lock.shard, shard)
            ]
            now = datetime.now(UTC)
            live = [
                lock
                for lock in others
                if run_store.stale_reason(lock, now=now, timeout=timeout) is None
            ]
            if live:
                run_store.drop_lock(
                    session=session, school_id=school_id, shard=shard, holder=holder
                )
                lock = live[0]
                raise EdugenError(
                    f"another weekly run holds the lock for school {school_id}"
                    + (f" (shard {lock.shard})" if lock.shard else "")
                    + f": run {lock.run_id} by {lock.holder}, since "
                    f"{lock.acquired_at:%Y-%m-%d %H:%M:%S} UTC, last heartbeat "
                    f"{lock.heartbeat_at:%H:%M:%S} UTC. Wait for it to finish; a lock whose "
                    f"holder died is taken over once it is {int(timeout.total_seconds())} s "
                    "without a heartbeat (--lock-timeout)."
                )
            for lock in others:
                why = run_store.stale_reason(lock, now=now, timeout=timeout)
                if run_store.drop_lock(
                    session=session, school_id=school_id, shard=lock.shard, holder=lock.holder
                ):
                    say(
                        f"recovered the lock of run {lock.run_id} ({lock.holder}): {why}; "
                        "finishing its work"
                    )
                    if lock.run_id is not None:
                        run_store.mark_interrupted(
                            session=session,
                            run_id=lock.run_id,
                            why=f"interrupted: lock recovered by run {run_id} ({why})",
                        )
            mine = any(
                lock.holder == holder and lock.shard == shard
                for lock in run_store.school_locks(session=session, school_id=school_id)
            )
        if mine:
            return
    raise EdugenError(f"could not take the weekly run lock for school {school_id}; try again")


def _release(db: Database, school_id: str, shard: str, holder: str) -> None:
    with db.begin() as session:
        run_store.drop_lock(session=session, school_id=school_id, shard=shard, holder=holder)


def _beat(db: Database, result: WeeklyResult, holder: str) -> None:
    with db.begin() as session:
        ours = run_store.heartbeat(
            session=session, school_id=result.school_id, shard=result.shard, holder=holder
        )
    if not ours:
        raise EdugenError(
            f"this run lost its lock for school {result.school_id} (taken over as stale); "
            "stopping so two runs do not overlap"
        )


def _finish_weekly(db: Database, result: WeeklyResult, status: str, error: str | None) -> None:
    if result.run_id is None:
        return
    with db.begin() as session:
        generated.finish_run(
            session=session,
            run_id=result.run_id,
            status=status,
            counts=result.counts(),
            error=error,
        )


def _weekly_scope(db: Database, result: WeeklyResult, class_id: str | None) -> None:
    with db.begin() as session:
        everyone = run_store.active_students(
            session=session,
            school_id=None if class_id else result.school_id,
            class_id=class_id,
        )
        result.students = [s for s in everyone if in_shard(s, result.shard)]
        planned = run_store.planned_students(
            session=session, student_ids=result.students, week=result.week
        )
    result.skipped = [s for s in result.students if s in planned]


def _weekly_students(
    db: Database,
    result: WeeklyResult,
    class_id: str | None,
    week: str,
    backend: backends.Backend,
    log: LogCallback | None,
    settings: config.GenerateSettings | None,
    batch_size: int,
    holder: str,
    progress: Progress | None,
    say: Callable[[str], None],
) -> None:
    _weekly_scope(db, result, class_id)
    todo = [s for s in result.students if s not in set(result.skipped)]
    total = len(result.students)
    last_beat = [datetime.now(UTC)]

    def inner(_stage: str, _done: int, _total: int) -> None:
        # Keep the lock fresh from inside a long batch.
        if datetime.now(UTC) - last_beat[0] > _HEARTBEAT_EVERY:
            last_beat[0] = datetime.now(UTC)
            _beat(db, result, holder)

    def tick() -> None:
        if progress is not None:
            progress("students", len(result.skipped) + len(result.done) + len(result.failed), total)

    tick()
    for start in range(0, len(todo), max(1, batch_size)):
        batch = todo[start : start + max(1, batch_size)]
        try:
            generate_week(
                db=db,
                week=week,
                parts=["plan"],
                backend=backend,
                log=log,
                student_ids=batch,
                settings=settings,
                progress=inner,
                run_id=result.run_id,
            )
            result.done.extend(batch)
        except Exception as exc:  # noqa: BLE001 - retried one by one below
            say(f"batch of {len(batch)} failed ({type(exc).__name__}: {exc}); retrying one by one")
            for student_id in batch:
                try:
                    generate_week(
                        db=db,
                        week=week,
                        parts=["plan"],
                        backend=backend,
                        log=log,
                        student_ids=[student_id],
                        settings=settings,
                        progress=inner,
                        run_id=result.run_id,
                    )
                    result.done.append(student_id)
                except Exception as one:  # noqa: BLE001 - recorded, the rest go on
                    result.failed[student_id] = f"{type(one).__name__}: {one}"
        last_beat[0] = datetime.now(UTC)
        _beat(db, result, holder)
        tick()


def _weekly_class_weeks(
    db: Database,
    result: WeeklyResult,
    class_id: str | None,
    week: str,
    backend: backends.Backend,
    log: LogCallback | None,
    settings: config.GenerateSettings | None,
    holder: str,
) -> None:
    """The teacher's week for each class in scope (a school's classes split by shard)."""
    with db.begin() as session:
        scope = (
            [class_id]
            if class_id is not None
            else run_store.active_classes(session=session, school_id=result.school_id)
        )
        # Each class's week is written by exactly one shard.
        classes = [c for c in scope if in_shard(c, result.shard)]
        stored = run_store.class_weeks_stored(session=session, class_ids=classes, week=week)
    settings = settings or config.generate_settings()
    for cid in classes:
        if cid in stored:
            continue
        try:
            report = _class_week_only(db, cid, week, backend, log, settings)
            with db.begin() as session:
                generated.save_class_week(session=session, report=report, run_id=result.run_id)
            result.class_weeks.append(cid)
        except Exception as exc:  # noqa: BLE001 - recorded, the rest go on
            result.failed[f"class:{cid}"] = f"{type(exc).__name__}: {exc}"
        _beat(db, result, holder)


def _class_week_only(
    db: Database,
    class_id: str,
    week: str,
    backend: backends.Backend,
    log: LogCallback | None,
    settings: config.GenerateSettings,
) -> ClassWeek:
    """A class's week without regenerating its students' weeks (it reads only the planner)."""
    classes = plan_class(db=db, class_id=class_id, week=week)
    ids = [s.student_id for s in classes.students]
    since = datetime.combine(weeks.parse_week(week) - MISCONCEPTION_WINDOW, time(0), UTC)
    with db.begin() as session:
        students = queries.get_students(session=session, student_ids=ids)
        names = queries.roster_names(session=session, school_ids={s.school_id for s in students})
        titles = {t.code: t.title for t in queries.curriculum(session=session)}
        counted = misconception_counts(session=session, student_ids=ids, since=since)
    p = Personalizer(backend, log, attempts=settings.attempts, text_attempts=settings.text_attempts)
    return _class_week(p, classes, students, names, titles, counted)


def _weekly_export(
    db: Database,
    result: WeeklyResult,
    class_id: str | None,
    week: str,
    export_to: Path,
    include_drafts: bool,
) -> None:
    """Each complete class's plans, class packet and LMS package, under OUT/WEEK/CLASS/.

    Only a class whose active students all have their week is exported, so with shards the
    last shard to finish a class writes it (an earlier identical export is overwritten).
    """
    with db.begin() as session:
        classes = (
            [class_id]
            if class_id is not None
            else run_store.active_classes(session=session, school_id=result.school_id)
        )
        complete = []
        for cid in classes:
            ids = run_store.active_students(session=session, class_id=cid)
            planned = run_store.planned_students(session=session, student_ids=ids, week=week)
            if ids and len(planned) == len(ids):
                complete.append(cid)
            elif ids:
                result.notes.append(
                    f"{cid}: not exported, {len(ids) - len(planned)} students still to do"
                )
    jobs = [("plan", WEEKLY_DOCUMENT_FORMAT, "plans"), ("class", WEEKLY_DOCUMENT_FORMAT, "class")]
    jobs += [("questions", fmt, f"questions-{fmt}.zip") for fmt in WEEKLY_LMS_FORMATS]
    for cid in complete:
        folder = export_to / safe_file_stem(week) / safe_file_stem(cid)
        for what, fmt, name in jobs:
            try:
                done = export_week(
                    db=db,
                    what=what,
                    week=week,
                    format=fmt,
                    out=folder / name,
                    class_id=cid,
                    include_drafts=include_drafts,
                    force=True,
                )
            except EdugenError as exc:
                result.notes.append(f"{cid}: {what} not exported: {exc}")
                continue
            result.exported.extend(done.paths)
