"""OneRoster 1.1 and 1.2 CSV bundles (a folder or a zip) read into a validated RosterBatch.

Pure: every file and every reference the bundle can answer is checked here. References the
bundle cannot answer (a bundle may rely on orgs or terms imported earlier) travel in the
batch as `Ref`s for the writer to look up before it writes anything.
"""

from __future__ import annotations

import csv
import io
import re
import stat
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path, PurePosixPath
from typing import IO, Any, Literal, Protocol, TypeVar

from edugen.importers.common import (
    Problems,
    Row,
    TextProblem,
    check_enum,
    check_id,
    control_message,
    has_control,
    iter_csv,
    parse_date,
    parse_timestamp,
    split_list,
    text_lines,
)

WRITER = "edugen.profiles.roster:apply_roster"

MAX_BUNDLE_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 1000
# Roster CSV compresses about 5-20 to 1; far beyond that is a decompression bomb.
MAX_RATIO = 100
RATIO_MIN_BYTES = 1024 * 1024
# Bytes inflated (or read) per step: the most a lying zip member costs before it is refused.
PIECE = 64 * 1024
READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError)

MANIFEST = "manifest.csv"
ENTITIES = ("orgs", "academicSessions", "courses", "classes", "users", "roles", "enrollments")
FILE_NAMES = (MANIFEST, *(f"{entity}.csv" for entity in ENTITIES))
VERSIONS = ("1.1", "1.2")
FILE_MODES = ("bulk", "delta", "absent")

STATUSES = ("active", "tobedeleted")
ORG_TYPES = ("department", "school", "district", "local", "state", "national")
SESSION_TYPES = ("gradingPeriod", "semester", "schoolYear", "term")
CLASS_TYPES = ("homeroom", "scheduled")
# The 1.1 and 1.2 vocabularies together: exports mix them, and only student/teacher matter here.
USER_ROLES = (
    "administrator",
    "aide",
    "counselor",
    "districtAdministrator",
    "guardian",
    "parent",
    "principal",
    "proctor",
    "relative",
    "siteAdministrator",
    "student",
    "systemAdministrator",
    "teacher",
)
ROLE_TYPES = ("primary", "secondary")
ENROLLMENT_ROLES = ("administrator", "proctor", "student", "teacher")
GRADES = ("IT", "PR", "PK", "TK", "KG", *(f"{n:02d}" for n in range(1, 14)), "PS", "UG", "Other")

REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "orgs": ("sourcedId", "name", "type"),
    "academicSessions": ("sourcedId", "title", "type", "startDate", "endDate"),
    "courses": ("sourcedId", "title", "orgSourcedId"),
    "classes": ("sourcedId", "title", "courseSourcedId", "schoolSourcedId", "termSourcedIds"),
    "users": ("sourcedId", "givenName", "familyName"),
    "roles": ("sourcedId", "userSourcedId", "roleType", "role", "orgSourcedId"),
    "enrollments": ("sourcedId", "classSourcedId", "schoolSourcedId", "userSourcedId", "role"),
}
USERS_11_COLUMNS = ("role", "orgSourcedIds")

RefKind = Literal["org", "academic session", "course", "class", "student", "teacher", "user"]


# --- the batch --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Source:
    file: str
    line: int


@dataclass(frozen=True, slots=True)
class Record:
    """A row to store: the fields are the model's columns; `source` says where it came from."""

    source: Source = field(kw_only=True, compare=False)

    def values(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "source"}


@dataclass(frozen=True, slots=True)
class OrgRecord(Record):
    id: str
    name: str
    type: str
    identifier: str | None
    parent_id: str | None
    active: bool


@dataclass(frozen=True, slots=True)
class SessionRecord(Record):
    id: str
    title: str
    type: str
    start_date: date | None
    end_date: date | None
    parent_id: str | None
    school_year: str | None
    active: bool


@dataclass(frozen=True, slots=True)
class CourseRecord(Record):
    id: str
    title: str
    course_code: str | None
    org_id: str
    school_year_id: str | None
    grades: list[str]
    subjects: list[str]
    active: bool


@dataclass(frozen=True, slots=True)
class ClassRecord(Record):
    id: str
    title: str
    school_id: str
    course_id: str
    class_code: str | None
    class_type: str | None
    grades: list[str]
    subjects: list[str]
    term_ids: list[str]
    active: bool


@dataclass(frozen=True, slots=True)
class StudentRecord(Record):
    id: str
    school_id: str | None
    given_name: str
    family_name: str
    preferred_name: str | None
    grade: str | None
    active: bool


@dataclass(frozen=True, slots=True)
class TeacherRecord(Record):
    id: str
    school_id: str | None
    given_name: str
    family_name: str
    active: bool


@dataclass(frozen=True, slots=True)
class EnrollmentRecord(Record):
    id: str
    class_id: str
    student_id: str
    begin_date: date | None
    end_date: date | None
    active: bool


@dataclass(frozen=True, slots=True)
class ClassTeacherRecord(Record):
    id: str
    class_id: str
    teacher_id: str
    primary: bool
    active: bool


@dataclass(frozen=True)
class Ref:
    """A reference the bundle does not satisfy; the writer looks for it in the database."""

    kind: RefKind
    id: str
    source: Source
    field: str
    looked_in: str


@dataclass
class RosterBatch:
    """A whole validated bundle; orgs and sessions come parents first."""

    version: str
    orgs: list[OrgRecord] = field(default_factory=list)
    sessions: list[SessionRecord] = field(default_factory=list)
    courses: list[CourseRecord] = field(default_factory=list)
    classes: list[ClassRecord] = field(default_factory=list)
    teachers: list[TeacherRecord] = field(default_factory=list)
    students: list[StudentRecord] = field(default_factory=list)
    enrollments: list[EnrollmentRecord] = field(default_factory=list)
    class_teachers: list[ClassTeacherRecord] = field(default_factory=list)
    refs: list[Ref] = field(default_factory=list)


def parse(paths: list[Path]) -> RosterBatch:
    """Read and check a whole bundle; raise InputError listing every problem found."""
    problems = Problems()
    if len(paths) != 1:
        problems.add("oneroster", None, None, "give exactly one folder or .zip file")
        problems.raise_if_any()
    with open_bundle(paths[0], problems) as files:
        # An unsafe or unreadable bundle is not parsed at all: its files could mislead.
        problems.raise_if_any()
        batch = _Parser(files, problems).parse()
    problems.raise_if_any()
    return batch


# --- reading a folder or a zip ------------------------------------------------------------


class BundleTooLarge(Exception):
    """A file inflated past its limit while being read (whatever its header said)."""


class _Bounded(io.RawIOBase):
    """Reads a binary stream in bounded pieces and stops once `limit` bytes have come out.

    A zip member is inflated a piece at a time (never `read()` whole: zipfile would inflate
    the whole member in one call before cutting it to the declared size), so a member that
    lies about its size costs at most one piece of memory before it is refused.
    """

    def __init__(self, raw: IO[bytes], limit: int, why: str):
        self.raw, self.limit, self.why, self.seen = raw, limit, why, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        data = self.raw.read(min(len(view), PIECE))
        self.seen += len(data)
        if self.seen > self.limit:
            raise BundleTooLarge(self.why)
        view[: len(data)] = data
        return len(data)


@dataclass(frozen=True)
class BundleFile:
    """One known file of a bundle; `open()` streams its text (each call starts over)."""

    name: str  # as shown in problems: the member path inside a zip, or the file name
    opener: Callable[[], IO[bytes]]
    limit: int
    why: str

    @contextmanager
    def open(self) -> Iterator[Iterator[str]]:
        with self.opener() as raw:
            yield text_lines(io.BufferedReader(_Bounded(raw, self.limit, self.why), PIECE))


@contextmanager
def open_bundle(path: Path, problems: Problems) -> Iterator[dict[str, BundleFile]]:
    """The known files of a bundle keyed by their OneRoster name; others are ignored.

    Nothing is read yet: each file streams when parsed, so memory follows the rows kept,
    not the size of the files. A zip stays open until the parse is done.
    """
    if path.is_dir():
        yield _folder_files(path, problems)
        return
    shown = path.name
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        problems.add(
            shown, None, None, "is neither a folder nor a readable .zip file of OneRoster CSVs"
        )
        yield {}
        return
    except OSError as exc:
        problems.add(shown, None, None, f"cannot read: {exc.strerror}")
        yield {}
        return
    with archive:
        yield _zip_files(archive, shown, problems)


def _folder_files(folder: Path, problems: Problems) -> dict[str, BundleFile]:
    found: dict[str, BundleFile] = {}
    total = 0
    # Only fixed names are joined to the folder: nothing inside the bundle chooses a path.
    for name in FILE_NAMES:
        path = folder / name
        if path.is_symlink():
            problems.add(name, None, None, "is a symbolic link; edugen reads only plain files")
            continue
        if not path.is_file():
            continue
        try:
            total += path.stat().st_size
        except OSError as exc:
            problems.add(name, None, None, f"cannot read: {exc.strerror}")
            continue
        if total > MAX_BUNDLE_BYTES:
            problems.add(name, None, None, f"the bundle is over {_mb(MAX_BUNDLE_BYTES)}")
            break
        found[name] = BundleFile(
            name,
            _opener(path),
            MAX_BUNDLE_BYTES,
            f"the bundle is over {_mb(MAX_BUNDLE_BYTES)}",
        )
    return found


def _opener(path: Path) -> Callable[[], IO[bytes]]:
    return lambda: path.open("rb")


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Callable[[], IO[bytes]]:
    return lambda: archive.open(info)


def _zip_files(archive: zipfile.ZipFile, shown: str, problems: Problems) -> dict[str, BundleFile]:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        problems.add(
            shown, None, None, f"has {len(infos)} members; a bundle has at most {MAX_MEMBERS}"
        )
        return {}
    total = 0
    seen: dict[str, zipfile.ZipInfo] = {}
    manifests: list[str] = []
    for info in infos:
        reason = _unsafe_member(info)
        if reason is None and info.filename in seen:
            reason = "appears twice in the zip"
        if reason is not None:
            problems.add(shown, None, None, f"member {info.filename!r} {reason}")
            continue
        seen[info.filename] = info
        total += info.file_size
        if info.file_size > RATIO_MIN_BYTES and info.file_size > MAX_RATIO * info.compress_size:
            problems.add(shown, None, None, _bomb(info))
        parts = PurePosixPath(info.filename).parts
        if parts[-1:] == (MANIFEST,) and parts[0] != "__MACOSX" and not info.is_dir():
            manifests.append(info.filename)
    if total > MAX_BUNDLE_BYTES:
        problems.add(shown, None, None, f"unpacks to more than {_mb(MAX_BUNDLE_BYTES)}")
    if len(manifests) > 1:
        problems.add(shown, None, None, f"holds more than one manifest.csv: {', '.join(manifests)}")
    if problems:
        return {}
    base = str(PurePosixPath(manifests[0]).parent) if manifests else "."
    found: dict[str, BundleFile] = {}
    for name in FILE_NAMES:
        member = name if base == "." else f"{base}/{name}"
        found_info = seen.get(member)
        if found_info is None:
            continue
        info = found_info
        # Headers can lie: the limit is counted on what actually inflates, never extracted.
        limit = min(MAX_BUNDLE_BYTES, max(RATIO_MIN_BYTES, MAX_RATIO * info.compress_size))
        found[name] = BundleFile(member, _member(archive, info), limit, _bomb(info))
    return found


def _bomb(info: zipfile.ZipInfo) -> str:
    return (
        f"member {info.filename!r} expands more than {MAX_RATIO} times its"
        f" {info.compress_size} bytes (or past {_mb(MAX_BUNDLE_BYTES)});"
        " refusing a possible zip bomb"
    )


def _unsafe_member(info: zipfile.ZipInfo) -> str | None:
    """Why a zip member is refused, or None. Names are checked even though nothing is extracted."""
    name = info.filename
    if "\\" in name:
        return "has a backslash in its path"
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return "has an absolute path"
    parts = PurePosixPath(name).parts
    if ".." in parts:
        return "has a '..' component in its path"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "is a symbolic link"
    if info.flag_bits & 0x1:
        return "is encrypted"
    # macOS adds __MACOSX/<folder>/._file resource forks when it zips a folder; harmless.
    if parts and parts[0] != "__MACOSX" and len(parts) > (1 if info.is_dir() else 2):
        return "is nested more than one folder deep"
    return None


def _mb(size: int) -> str:
    return f"{size // (1024 * 1024)} MB"


# --- checking the files -----------------------------------------------------------------


class _HasParent(Protocol):
    @property
    def parent_id(self) -> str | None: ...

    @property
    def source(self) -> Source: ...


_P = TypeVar("_P", bound=_HasParent)


@dataclass(slots=True)
class _User:
    source: Source
    given_name: str
    family_name: str
    preferred_name: str | None
    grade: str | None
    active: bool
    role: str  # 1.1: users.role; 1.2: decided from roles.csv
    school_id: str | None


@dataclass(frozen=True, slots=True)
class _Role:
    role: str
    primary: bool
    org_id: str


class _Parser:
    """Checks the files of one bundle into a RosterBatch, collecting problems as it goes."""

    def __init__(self, files: dict[str, BundleFile], problems: Problems):
        self.files = files
        self.problems = problems
        self.refs: list[Ref] = []
        self.used: set[str] = set()
        self.manifest_name = files[MANIFEST].name if MANIFEST in files else MANIFEST

    def parse(self) -> RosterBatch:
        version = self.manifest()
        if MANIFEST not in self.files:
            return RosterBatch(version=version)
        orgs = self.orgs()
        sessions = self.sessions()
        org_ids = {o.id for o in orgs}
        session_ids = {s.id for s in sessions}
        courses = self.courses(org_ids, session_ids)
        classes = self.classes({c.id for c in courses}, org_ids, session_ids)
        users = self.users(version, org_ids)
        if version == "1.2":
            self.roles(users, org_ids)
        batch = RosterBatch(
            version=version, orgs=orgs, sessions=sessions, courses=courses, classes=classes
        )
        for user_id, user in users.items():
            source = user.source
            if user.role == "student":
                batch.students.append(
                    StudentRecord(
                        id=user_id,
                        school_id=user.school_id,
                        given_name=user.given_name,
                        family_name=user.family_name,
                        preferred_name=user.preferred_name,
                        grade=user.grade,
                        active=user.active,
                        source=source,
                    )
                )
            elif user.role == "teacher":
                batch.teachers.append(
                    TeacherRecord(
                        id=user_id,
                        school_id=user.school_id,
                        given_name=user.given_name,
                        family_name=user.family_name,
                        active=user.active,
                        source=source,
                    )
                )
        self.enrollments(batch, {c.id for c in classes}, org_ids, users)
        batch.refs = self.refs
        return batch

    # --- the manifest

    def manifest(self) -> str:
        """Check manifest.csv, decide which files are read, and return the OneRoster version."""
        manifest = self.files.get(MANIFEST)
        if manifest is None:
            self.problems.add(
                MANIFEST, None, None, "is missing; a OneRoster bundle has manifest.csv at its top"
            )
            return "1.2"
        rows = list(self.csv(manifest, ("propertyName", "value")))
        props: dict[str, tuple[str, Row]] = {}
        for row in rows:
            key = row.get("propertyName")
            if not key:
                self.problems.add(row.file, row.line, "propertyName", "is required")
            elif key in props:
                first = props[key][1].line
                self.problems.add(row.file, row.line, key, f"appears again (first on line {first})")
            else:
                props[key] = (row.get("value"), row)
        for key, (value, row) in props.items():
            if key.startswith("file.") and value not in FILE_MODES:
                self.problems.add(
                    row.file, row.line, key, f"{value!r} is not one of {', '.join(FILE_MODES)}"
                )
        version = self.version(props)
        for entity in ENTITIES:
            if entity == "roles" and version == "1.1":
                continue  # 1.1 carries roles in users.csv
            self.file_mode(entity, props)
        if version == "1.2" and "users" in self.used and "roles" not in self.used:
            line = props["file.roles"][1].line if "file.roles" in props else None
            self.problems.add(
                self.manifest_name,
                line,
                "file.roles",
                "OneRoster 1.2 users need roles.csv to say who is a student or a teacher",
            )
        return version

    def version(self, props: dict[str, tuple[str, Row]]) -> str:
        if "oneroster.version" in props:
            value, row = props["oneroster.version"]
            if value in VERSIONS:
                return value
            self.problems.add(
                row.file,
                row.line,
                "oneroster.version",
                f"{value!r} is not supported; edugen reads OneRoster {' and '.join(VERSIONS)}",
            )
            return "1.2"
        # No version given: a 1.1 export has no roles.csv and keeps each user's role in users.csv.
        users = self.files.get("users.csv")
        header: list[str] = []
        if users is not None:
            try:
                with users.open() as stream:
                    header = next(csv.reader(stream), [])
            except (csv.Error, TextProblem, *READ_ERRORS):
                header = []  # users.csv itself reports it when it is read
        if "roles.csv" not in self.files and "role" in {h.strip() for h in header}:
            return "1.1"
        return "1.2"

    def file_mode(self, entity: str, props: dict[str, tuple[str, Row]]) -> None:
        key = f"file.{entity}"
        name = f"{entity}.csv"
        mode, row = props[key] if key in props else ("absent", None)
        line = row.line if row else None
        present = name in self.files
        if mode == "delta":
            self.problems.add(
                self.manifest_name,
                line,
                key,
                "delta files are not supported yet; export a bulk bundle",
            )
        elif mode == "bulk" and not present:
            self.problems.add(
                self.manifest_name, line, key, f"says bulk but {name} is not in the bundle"
            )
        elif mode == "absent" and present:
            said = "marks it absent" if row else "does not list it"
            self.problems.add(
                self.manifest_name,
                line,
                key,
                f"{name} is in the bundle but manifest.csv {said}; set {key} to bulk",
            )
        elif mode == "bulk":
            self.used.add(entity)

    # --- row helpers

    def csv(self, bundle_file: BundleFile, required: tuple[str, ...]) -> Iterator[Row]:
        """The rows of one file as it streams; a file that cannot be read is a problem."""
        try:
            with bundle_file.open() as stream:
                _, rows = iter_csv(
                    stream, bundle_file.name, required=required, problems=self.problems
                )
                for row in rows:
                    yield row
                    if self.problems.full:
                        return  # the report is full: reading on only costs time
        except BundleTooLarge as exc:
            self.problems.add(bundle_file.name, None, None, str(exc))
        except READ_ERRORS as exc:
            self.problems.add(bundle_file.name, None, None, f"cannot be read: {exc}")

    def rows(self, entity: str, required: tuple[str, ...]) -> Iterator[tuple[Row, str]]:
        """Rows of a file marked bulk, with their sourcedIds; duplicate ids are reported."""
        bundle_file = self.files.get(f"{entity}.csv")
        if entity not in self.used or bundle_file is None:
            return
        first: dict[str, int] = {}
        for row in self.csv(bundle_file, required):
            sourced_id = check_id(row, "sourcedId", self.problems)
            if not sourced_id:
                continue
            if sourced_id in first:
                self.problems.add(
                    row.file,
                    row.line,
                    "sourcedId",
                    f"{sourced_id!r} appears again (first on line {first[sourced_id]})",
                )
                continue
            first[sourced_id] = row.line
            yield row, sourced_id

    def text(self, row: Row, column: str, *, required: bool = False, limit: int = 255) -> str:
        """A one-line value: names, titles, ids of other rows (shared when they repeat)."""
        value = row.get(column)
        if not value and required:
            self.problems.add(row.file, row.line, column, "is required")
        elif len(value) > limit:
            self.problems.add(row.file, row.line, column, f"is longer than {limit} characters")
        elif has_control(value):
            self.problems.add(row.file, row.line, column, control_message(value))
        return sys.intern(value)

    def active(self, row: Row) -> bool:
        """Check status and dateLastModified; `tobedeleted` rows are kept, marked inactive."""
        status = check_enum(row, "status", STATUSES, self.problems, required=False)
        modified = row.get("dateLastModified")
        if modified:
            try:
                parse_timestamp(modified)
            except ValueError:
                self.problems.add(
                    row.file,
                    row.line,
                    "dateLastModified",
                    f"{modified!r} is not an ISO 8601 date-time",
                )
        return status != "tobedeleted"

    def boolean(self, row: Row, column: str) -> bool | None:
        value = row.get(column)
        if not value:
            return None
        # The spec says lowercase; spreadsheets rewrite it as TRUE/FALSE, which means the same.
        if value.lower() not in ("true", "false"):
            self.problems.add(row.file, row.line, column, f"{value!r} is not true or false")
            return None
        return value.lower() == "true"

    def grades(self, row: Row, column: str) -> list[str]:
        grades = split_list(row.get(column))
        for grade in grades:
            if grade not in GRADES:
                self.problems.add(
                    row.file,
                    row.line,
                    column,
                    f"{grade!r} is not a CEDS grade code"
                    " (IT, PR, PK, TK, KG, 01 … 13, PS, UG, Other)",
                )
        return [g for g in grades if g in GRADES]

    def dates(
        self, row: Row, begin: str, end: str, *, required: bool = False
    ) -> tuple[date | None, date | None]:
        start = parse_date(row, begin, self.problems, required=required)
        finish = parse_date(row, end, self.problems, required=required)
        if start and finish and finish < start:
            self.problems.add(row.file, row.line, end, f"{finish} is before {begin} {start}")
        return start, finish

    def ref(
        self, kind: RefKind, known: set[str], row: Row, column: str, value: str, looked_in: str
    ) -> None:
        if value and value not in known:
            self.refs.append(Ref(kind, value, Source(row.file, row.line), column, looked_in))

    def parents_first(self, records: dict[str, _P], kind: RefKind, looked_in: str) -> list[_P]:
        """Order records so a parent in the bundle precedes its children; report cycles."""
        ordered: list[_P] = []
        state: dict[str, bool] = {}  # False while on the current chain, True once placed
        for start in records:
            chain: list[str] = []
            current: str | None = start
            while current is not None and current in records and current not in state:
                state[current] = False
                chain.append(current)
                current = records[current].parent_id
            if current is not None and current in records and state[current] is False:
                cycle = chain[chain.index(current) :] + [current]
                where = records[current].source
                self.problems.add(
                    where.file,
                    where.line,
                    "parentSourcedId",
                    f"parents form a cycle: {' → '.join(cycle)}",
                )
            for sourced_id in reversed(chain):
                state[sourced_id] = True
                ordered.append(records[sourced_id])
        for record in ordered:
            if record.parent_id is not None and record.parent_id not in records:
                self.refs.append(
                    Ref(kind, record.parent_id, record.source, "parentSourcedId", looked_in)
                )
        return ordered

    # --- the files

    def orgs(self) -> list[OrgRecord]:
        records: dict[str, OrgRecord] = {}
        for row, sourced_id in self.rows("orgs", REQUIRED_COLUMNS["orgs"]):
            records[sourced_id] = OrgRecord(
                id=sourced_id,
                name=self.text(row, "name", required=True),
                type=check_enum(row, "type", ORG_TYPES, self.problems),
                identifier=self.text(row, "identifier") or None,
                parent_id=row.get("parentSourcedId") or None,
                active=self.active(row),
                source=Source(row.file, row.line),
            )
        return self.parents_first(records, "org", "orgs.csv")

    def sessions(self) -> list[SessionRecord]:
        records: dict[str, SessionRecord] = {}
        for row, sourced_id in self.rows("academicSessions", REQUIRED_COLUMNS["academicSessions"]):
            start, end = self.dates(row, "startDate", "endDate", required=True)
            school_year = row.get("schoolYear")
            if school_year and not re.fullmatch(r"\d{4}", school_year):
                self.problems.add(
                    row.file, row.line, "schoolYear", f"{school_year!r} is not a year (YYYY)"
                )
            records[sourced_id] = SessionRecord(
                id=sourced_id,
                title=self.text(row, "title", required=True),
                type=check_enum(row, "type", SESSION_TYPES, self.problems),
                start_date=start,
                end_date=end,
                parent_id=row.get("parentSourcedId") or None,
                school_year=school_year or None,
                active=self.active(row),
                source=Source(row.file, row.line),
            )
        return self.parents_first(records, "academic session", "academicSessions.csv")

    def courses(self, org_ids: set[str], session_ids: set[str]) -> list[CourseRecord]:
        records: list[CourseRecord] = []
        for row, sourced_id in self.rows("courses", REQUIRED_COLUMNS["courses"]):
            org_id = self.text(row, "orgSourcedId", required=True)
            self.ref("org", org_ids, row, "orgSourcedId", org_id, "orgs.csv")
            year_id = row.get("schoolYearSourcedId")
            self.ref(
                "academic session",
                session_ids,
                row,
                "schoolYearSourcedId",
                year_id,
                "academicSessions.csv",
            )
            records.append(
                CourseRecord(
                    id=sourced_id,
                    title=self.text(row, "title", required=True),
                    course_code=self.text(row, "courseCode") or None,
                    org_id=org_id,
                    school_year_id=year_id or None,
                    grades=self.grades(row, "grades"),
                    subjects=split_list(row.get("subjects")),
                    active=self.active(row),
                    source=Source(row.file, row.line),
                )
            )
        return records

    def classes(
        self, course_ids: set[str], org_ids: set[str], session_ids: set[str]
    ) -> list[ClassRecord]:
        records: list[ClassRecord] = []
        for row, sourced_id in self.rows("classes", REQUIRED_COLUMNS["classes"]):
            course_id = self.text(row, "courseSourcedId", required=True)
            self.ref("course", course_ids, row, "courseSourcedId", course_id, "courses.csv")
            school_id = self.text(row, "schoolSourcedId", required=True)
            self.ref("org", org_ids, row, "schoolSourcedId", school_id, "orgs.csv")
            term_ids = split_list(row.get("termSourcedIds"))
            if not term_ids:
                self.problems.add(row.file, row.line, "termSourcedIds", "is required")
            for term_id in term_ids:
                self.ref(
                    "academic session",
                    session_ids,
                    row,
                    "termSourcedIds",
                    term_id,
                    "academicSessions.csv",
                )
            class_type = check_enum(row, "classType", CLASS_TYPES, self.problems, required=False)
            records.append(
                ClassRecord(
                    id=sourced_id,
                    title=self.text(row, "title", required=True),
                    school_id=school_id,
                    course_id=course_id,
                    class_code=self.text(row, "classCode") or None,
                    class_type=class_type or None,
                    grades=self.grades(row, "grades"),
                    subjects=split_list(row.get("subjects")),
                    term_ids=term_ids,
                    active=self.active(row),
                    source=Source(row.file, row.line),
                )
            )
        return records

    def users(self, version: str, org_ids: set[str]) -> dict[str, _User]:
        required = REQUIRED_COLUMNS["users"]
        if version == "1.1":
            required += USERS_11_COLUMNS
        users: dict[str, _User] = {}
        for row, sourced_id in self.rows("users", required):
            # Read only what is kept: username, email, sms, phone, password, userIds and
            # identifier are never looked at, so they cannot end up stored.
            self.boolean(row, "enabledUser")
            grades = self.grades(row, "grades")
            if version == "1.1":
                role = check_enum(row, "role", USER_ROLES, self.problems)
                orgs = split_list(row.get("orgSourcedIds"))
                for org_id in orgs:
                    self.ref("org", org_ids, row, "orgSourcedIds", org_id, "orgs.csv")
                school_id = orgs[0] if orgs else None
            else:
                role = ""
                school_id = row.get("primaryOrgSourcedId") or None
                self.ref("org", org_ids, row, "primaryOrgSourcedId", school_id or "", "orgs.csv")
            users[sourced_id] = _User(
                source=Source(row.file, row.line),
                given_name=self.text(row, "givenName", required=True),
                family_name=self.text(row, "familyName", required=True),
                preferred_name=self.text(row, "preferredGivenName") or None,
                grade=grades[0] if grades else None,
                active=self.active(row),
                role=role,
                school_id=school_id,
            )
        return users

    def roles(self, users: dict[str, _User], org_ids: set[str]) -> None:
        """1.2: decide each user's role and school from roles.csv."""
        by_user: dict[str, list[_Role]] = {}
        for row, _ in self.rows("roles", REQUIRED_COLUMNS["roles"]):
            self.active(row)
            self.dates(row, "beginDate", "endDate")
            user_id = self.text(row, "userSourcedId", required=True)
            role_type = check_enum(row, "roleType", ROLE_TYPES, self.problems)
            role = check_enum(row, "role", USER_ROLES, self.problems)
            org_id = self.text(row, "orgSourcedId", required=True)
            self.ref("org", org_ids, row, "orgSourcedId", org_id, "orgs.csv")
            if user_id and user_id not in users:
                self.ref("user", set(), row, "userSourcedId", user_id, "users.csv")
            by_user.setdefault(user_id, []).append(_Role(role, role_type == "primary", org_id))
        if "roles" not in self.used:
            return
        for user_id, user in users.items():
            roles = by_user.get(user_id, [])
            names = {r.role for r in roles}
            if not roles:
                self.problems.add(
                    user.source.file, user.source.line, "sourcedId", "has no role in roles.csv"
                )
                continue
            if {"student", "teacher"} <= names:
                self.problems.add(
                    user.source.file,
                    user.source.line,
                    "sourcedId",
                    "is both a student and a teacher in roles.csv; edugen needs one of them",
                )
                continue
            user.role = (
                "student"
                if "student" in names
                else "teacher"
                if "teacher" in names
                else roles[0].role
            )
            mine = [r for r in roles if r.role == user.role]
            primary = [r for r in mine if r.primary]
            # The primary role's org, else users.primaryOrgSourcedId, else any matching role's.
            if primary:
                user.school_id = primary[0].org_id
            elif user.school_id is None:
                user.school_id = mine[0].org_id

    def enrollments(
        self, batch: RosterBatch, class_ids: set[str], org_ids: set[str], users: dict[str, _User]
    ) -> None:
        where = "roles.csv" if batch.version == "1.2" else "users.csv"
        pairs: dict[tuple[str, str, str], int] = {}
        for row, sourced_id in self.rows("enrollments", REQUIRED_COLUMNS["enrollments"]):
            active = self.active(row)
            begin, end = self.dates(row, "beginDate", "endDate")
            primary = self.boolean(row, "primary")
            class_id = self.text(row, "classSourcedId", required=True)
            self.ref("class", class_ids, row, "classSourcedId", class_id, "classes.csv")
            school_id = self.text(row, "schoolSourcedId", required=True)
            self.ref("org", org_ids, row, "schoolSourcedId", school_id, "orgs.csv")
            user_id = self.text(row, "userSourcedId", required=True)
            role = check_enum(row, "role", ENROLLMENT_ROLES, self.problems)
            if not (class_id and user_id and role in ENROLLMENT_ROLES):
                continue
            if user_id in users:
                actual = users[user_id].role
                if role in ("student", "teacher") and actual and actual != role:
                    self.problems.add(
                        row.file,
                        row.line,
                        "role",
                        f"{user_id!r} is enrolled as {role} but has the role {actual} in {where}",
                    )
                    continue
            else:
                kind: RefKind = (
                    "student" if role == "student" else "teacher" if role == "teacher" else "user"
                )
                self.ref(kind, set(), row, "userSourcedId", user_id, "users.csv")
            if role not in ("student", "teacher"):
                continue  # administrators and proctors are checked, not stored
            pair = (role, class_id, user_id)
            if pair in pairs:
                self.problems.add(
                    row.file,
                    row.line,
                    "userSourcedId",
                    f"{user_id!r} is already enrolled in {class_id!r} as a {role}"
                    f" (line {pairs[pair]})",
                )
                continue
            pairs[pair] = row.line
            source = Source(row.file, row.line)
            if role == "student":
                batch.enrollments.append(
                    EnrollmentRecord(
                        id=sourced_id,
                        class_id=class_id,
                        student_id=user_id,
                        begin_date=begin,
                        end_date=end,
                        active=active,
                        source=source,
                    )
                )
            else:
                batch.class_teachers.append(
                    ClassTeacherRecord(
                        id=sourced_id,
                        class_id=class_id,
                        teacher_id=user_id,
                        primary=bool(primary),
                        active=active,
                        source=source,
                    )
                )
