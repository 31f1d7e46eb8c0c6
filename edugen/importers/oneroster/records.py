"""What a OneRoster bundle may say (the vocabulary edugen accepts) and the batch it reads into.

Plain frozen values: the parser builds them, the writer in `profiles/roster.py` stores them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, Literal

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
