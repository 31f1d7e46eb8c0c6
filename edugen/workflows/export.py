"""Exporting a week: stored plans, questions or a class week as named files. Pure: no writes.

Steps: check the request → read the week's stored content in one read-only transaction →
plan each file by name (unique even on a case-insensitive disk) with what renders it →
render on demand. `files.write_export` writes the result; the API sends it as bytes.
Only approved (or published) content goes out unless drafts are asked for; then every
document is marked DRAFT. Rejected and retired content never goes out.
A class's LMS package holds one assessment per student, titled with the student's name (or
pseudonym), and the class-wide set of every item once only when asked (`class_set`).
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from edugen import weeks
from edugen.errors import EdugenError, NotFoundError, UsageError
from edugen.exporters import DOCUMENT_FORMATS, FORMATS, LMS_FORMATS, Format, audio, lms, pages
from edugen.exporters.pages import ClassWeekDocument, MasteryBar, StudentWeekDocument
from edugen.profiles import generated, queries
from edugen.profiles.db import Database
from edugen.schemas import ClassWeek, PracticeItem, StudentDetail, WeeklyPlan

EXPORT_KINDS = ("plan", "items", "class")
# The names an export kind had before; still taken for one release.
OLD_EXPORT_KINDS = {"questions": "items"}
# What an LMS assessment is titled with: the student's display name, or the pseudonym.
TITLES = ("names", "pseudonyms")
# Never exported, whatever the flags say.
_WITHDRAWN = frozenset({"rejected", "retired"})
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9_-]+")
# Zip entries carry a fixed time so the same export gives the same bytes.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class ExportFile:
    """One file of an export: its name, and what makes its bytes (run only when written)."""

    name: str
    make: Callable[[], bytes]
    notices: tuple[str, ...] = ()  # what the file leaves out, and why (GIFT: figures)


@dataclass
class Export:
    """What an export holds: its files, and the students left out with why."""

    week: str
    format: Format
    files: list[ExportFile]
    skipped: dict[str, str] = field(default_factory=dict)  # student id → why not exported
    draft: bool = False

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.files]

    @property
    def notices(self) -> list[str]:
        """What the files leave out, each notice once (one item may be in several files)."""
        return list(dict.fromkeys(notice for f in self.files for notice in f.notices))

    def render(self, progress: Progress | None = None) -> list[tuple[str, bytes]]:
        """Every file's name and bytes; `progress` hears ("files", done, total).

        Several files render on every core (pages.render_all), in order, the same bytes.
        """
        total = len(self.files)
        heard = None if progress is None else (lambda n: progress("files", n, total))
        made = pages.render_all([f.make for f in self.files], heard)
        return [(f.name, data) for f, data in zip(self.files, made, strict=True)]


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
    return f"{readable or 'id'}-{_digest(raw)}"


def _digest(raw: str) -> str:
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:8]


def unique_stems(ids: Sequence[str]) -> dict[str, str]:
    """Each id's file stem, told apart even where case is not ("S1" and "s1" get a hash)."""
    stems = {i: safe_file_stem(i) for i in dict.fromkeys(ids)}
    folded: dict[str, int] = {}
    for stem in stems.values():
        folded[stem.casefold()] = folded.get(stem.casefold(), 0) + 1
    return {
        i: f"{stem}-{_digest(i)}" if folded[stem.casefold()] > 1 else stem
        for i, stem in stems.items()
    }


def display_name(student: StudentDetail) -> str:
    """The name printed on a student's pages: preferred (else given) name and family name."""
    first = (student.preferred_name or "").strip() or student.given_name
    return f"{first} {student.family_name}".strip()


def zip_bytes(files: Sequence[tuple[str, bytes]]) -> bytes:
    """Files as one zip, the same bytes for the same files."""
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            archive.writestr(zipfile.ZipInfo(name, _ZIP_TIME), data, zipfile.ZIP_DEFLATED)
    return stream.getvalue()


def plan_export(
    *,
    db: Database,
    what: str,
    week: str,
    format: str,
    student_ids: Sequence[str] = (),
    class_id: str | None = None,
    include_drafts: bool = False,
    titles: str = "names",
    class_set: bool = False,
) -> Export:
    """A week's stored plans, items or class week as files (rendered on demand)."""
    what = OLD_EXPORT_KINDS.get(what, what)
    if what not in EXPORT_KINDS:
        raise UsageError(f"unknown export {what!r}; choose from {', '.join(EXPORT_KINDS)}")
    if format not in FORMATS:
        raise UsageError(f"unknown format {format!r}; choose from {', '.join(FORMATS)}")
    if bool(student_ids) == bool(class_id):
        raise UsageError("give --student ID (one or more) or --class ID")
    if what == "class" and class_id is None:
        raise UsageError("a class week is for a class: give --class ID")
    if titles not in TITLES:
        raise UsageError(f"unknown titles {titles!r}; choose from {', '.join(TITLES)}")
    if class_set and (class_id is None or format not in LMS_FORMATS):
        raise UsageError("the class-wide set is for a class's LMS package: give --class ID")
    if what == "plan" and format in LMS_FORMATS:
        raise UsageError(
            f"a plan is a document ({', '.join(DOCUMENT_FORMATS)}); for a {format} package "
            "of the week's items use `edugen export items`"
        )
    weeks.parse_week(week)
    stored = _read_week(db=db, student_ids=student_ids, class_id=class_id, week=week)
    allowed = pages.APPROVED | ({"draft"} if include_drafts else frozenset())
    skipped: dict[str, str] = {}
    names = {
        s.id: s.pseudonym if titles == "pseudonyms" else display_name(s) for s in stored.students
    }
    planned = _planned_files(
        stored, what, week, format, class_id, allowed, include_drafts, skipped, names, class_set
    )
    if not planned:
        raise EdugenError(_nothing_message(stored, class_id, week, format, include_drafts))
    return Export(
        week=week, format=FORMATS[format], files=planned, skipped=skipped, draft=include_drafts
    )


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


def _planned_files(
    stored: _StoredWeek,
    what: str,
    week: str,
    format: str,
    class_id: str | None,
    allowed: frozenset[str],
    draft: bool,
    skipped: dict[str, str],
    lms_titles: dict[str, str],
    class_set: bool,
) -> list[ExportFile]:
    """Each file to write, by name, with what renders it (names first: checked before work)."""
    week_stem = safe_file_stem(week)
    stems = unique_stems([s.id for s in stored.students])
    planned: list[ExportFile] = []
    if format in LMS_FORMATS:
        writer = lms.exporter(format)
        tag = "" if format in writer.extension else f"-{format}"
        mark = "DRAFT — " if draft else ""
        per_student = [
            lms.Assessment(f"{mark}{lms_titles[s.id]} — {week} practice", items, key=s.id)
            for s in stored.students
            if (items := _lms_items(stored, s.id, allowed, skipped))
        ]
        packages: list[tuple[str, list[lms.Assessment]]] = []
        if class_id is not None:
            if class_set and per_student:
                chosen: dict[str, PracticeItem] = {}
                for a in per_student:
                    for item in a.items:
                        chosen.setdefault(item.id, item)
                title = f"{mark}{stored.class_title or class_id} — {week} practice (class set)"
                # A key no student id can be: the class set never takes a student's place.
                whole = f"{class_id}\0class set"
                per_student.append(lms.Assessment(title, list(chosen.values()), key=whole))
            packages.append((safe_file_stem(class_id), per_student))
        else:
            packages += [(stems[a.key], [a]) for a in per_student]
        for stem, assessments in packages:
            if assessments:
                name = f"{stem}-{week_stem}{tag}{writer.extension}"
                notices = tuple(writer.notices(assessments))
                planned.append(ExportFile(name, _lms_bytes(writer, assessments), notices))
        return planned
    extension = FORMATS[format].extension
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
            class_week = ClassWeekDocument(
                class_title=stored.class_title or class_id,
                week=week,
                class_week=stored.class_week,
                students=list(documents.values()),
                names={s.id: display_name(s) for s in stored.students},
                draft=draft,
            )
            name = f"{safe_file_stem(class_id)}-{week_stem}-class{extension}"
            planned.append(ExportFile(name, _document_bytes(class_week, format, "teacher")))
        return planned
    for sid, doc in documents.items():
        stem = f"{stems[sid]}-{week_stem}-{what}"
        if format == "html":  # recordings sit beside the HTML copy that links them
            doc, clips = audio.read_aloud(doc, stem)
            planned += [ExportFile(name, make) for name, make in clips]
        planned.append(ExportFile(f"{stem}{extension}", _document_bytes(doc, format, "student")))
        if what == "plan":
            key = _document_bytes(doc, format, "teacher")
            planned.append(ExportFile(f"{stem}-key{extension}", key))
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
        accommodations=list(student.accommodations),
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


def _lms_bytes(writer: lms.LmsExporter, assessments: list[lms.Assessment]) -> Callable[[], bytes]:
    def make() -> bytes:
        stream = io.BytesIO()
        writer.write_package(assessments, stream)
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
        what = "items"
    if include_drafts or not drafts:
        return f"nothing to export for {who} in {week}: its {what} were rejected or retired"
    return (
        f"nothing approved to export for {who} in {week}: {drafts} {what} are drafts. "
        "Approve them with `edugen review approve`, or pass --include-drafts to export "
        "them marked DRAFT"
    )
