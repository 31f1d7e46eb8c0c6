"""Checking a bundle's files into a RosterBatch: the manifest first, then parents before children.

Steps: manifest.csv decides the version and which files are read; orgs and academic sessions
(ordered parents first), courses, classes, users (1.2: their roles from roles.csv), then
enrollments, split into students' enrollments and classes' teachers.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass

from edugen.importers.common import InputProblems, Row, TextProblem, check_enum, split_list
from edugen.importers.oneroster.bundle import (
    ENTITIES,
    MANIFEST,
    READ_ERRORS,
    BundleFile,
)
from edugen.importers.oneroster.records import (
    CLASS_TYPES,
    ENROLLMENT_ROLES,
    FILE_MODES,
    ORG_TYPES,
    REQUIRED_COLUMNS,
    ROLE_TYPES,
    SESSION_TYPES,
    USER_ROLES,
    USERS_11_COLUMNS,
    VERSIONS,
    ClassRecord,
    ClassTeacherRecord,
    CourseRecord,
    EnrollmentRecord,
    OrgRecord,
    RefKind,
    RosterBatch,
    SessionRecord,
    Source,
    StudentRecord,
    TeacherRecord,
)
from edugen.importers.oneroster.rows import RowChecker


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


class BundleParser(RowChecker):
    """Checks the files of one bundle into a RosterBatch, collecting problems as it goes."""

    def __init__(self, files: dict[str, BundleFile], problems: InputProblems):
        super().__init__(files, problems)
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
