"""Turn the demo data files into the files a real school would hand edugen."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
SCHOOL_ID = "demo-school"
PROFILE_COLUMNS = [
    "student_id",
    "reading_level",
    "language",
    "interests",
    "accommodations",
    "minutes_per_day",
]


@dataclass(frozen=True)
class DemoStudent:
    id: str
    class_id: str
    given_name: str
    family_name: str
    preferred_name: str


def read_csv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def school_settings() -> dict[str, str]:
    return {row["key"]: row["value"] for row in read_csv("school.csv")}


def students() -> list[DemoStudent]:
    return [
        DemoStudent(
            r["student_id"], r["class_id"], r["given_name"], r["family_name"], r["preferred_name"]
        )
        for r in read_csv("students.csv")
    ]


def courses() -> dict[str, dict[str, str]]:
    """Course id → its settings (title, code, grade as OneRoster writes it, e.g. "07")."""
    found: dict[str, dict[str, str]] = {}
    for key, value in school_settings().items():
        if key.startswith("course."):
            course_id, field = key.removeprefix("course.").rsplit(".", 1)
            found.setdefault(course_id, {})[field] = value
    return found


def class_grades() -> dict[str, str]:
    """Class id → its grade as OneRoster writes it ("06", "07", "08"), from its course."""
    s = school_settings()
    by_course = courses()
    return {
        key.split(".")[1]: by_course[value]["grade"]
        for key, value in s.items()
        if key.startswith("class.") and key.endswith(".course_id")
    }


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def write_oneroster(folder: Path) -> Path:
    """A OneRoster 1.2 bulk bundle of the demo school, as a school's SIS would export it."""
    folder.mkdir(parents=True, exist_ok=True)
    s = school_settings()
    school, district = s["school.id"], s["district.id"]
    year, term = "demo-year", "demo-term-fall"
    grades = class_grades()
    school_year = s["year.end"][:4]  # OneRoster names a school year by the year it ends
    class_ids = sorted({st.class_id for st in students()})
    teacher_ids = sorted(
        k.split(".")[1] for k in s if k.startswith("teacher.") and k.endswith(".given_name")
    )
    _write(
        folder / "manifest.csv",
        ["propertyName", "value"],
        [
            ["manifest.version", "1.0"],
            ["oneroster.version", "1.2"],
            *[
                [f"file.{entity}", "bulk"]
                for entity in (
                    "academicSessions",
                    "classes",
                    "courses",
                    "enrollments",
                    "orgs",
                    "roles",
                    "users",
                )
            ],
            *[[f"file.{entity}", "absent"] for entity in ("demographics", "userProfiles")],
            ["source.systemName", "edugen demo"],
            ["source.systemCode", "edugen-demo"],
        ],
    )
    _write(
        folder / "orgs.csv",
        [
            "sourcedId",
            "status",
            "dateLastModified",
            "name",
            "type",
            "identifier",
            "parentSourcedId",
        ],
        [
            [district, "active", "", s["district.name"], "district", "", ""],
            [school, "active", "", s["school.name"], "school", "", district],
        ],
    )
    _write(
        folder / "academicSessions.csv",
        [
            "sourcedId",
            "status",
            "dateLastModified",
            "title",
            "type",
            "startDate",
            "endDate",
            "parentSourcedId",
            "schoolYear",
        ],
        [
            [
                year,
                "active",
                "",
                f"{s['year.start'][:4]}-{school_year}",
                "schoolYear",
                s["year.start"],
                s["year.end"],
                "",
                school_year,
            ],
            [
                term,
                "active",
                "",
                s["term.title"],
                "term",
                s["term.start"],
                s["term.end"],
                year,
                school_year,
            ],
        ],
    )
    _write(
        folder / "courses.csv",
        [
            "sourcedId",
            "status",
            "dateLastModified",
            "schoolYearSourcedId",
            "title",
            "courseCode",
            "grades",
            "orgSourcedId",
            "subjects",
            "subjectCodes",
        ],
        [
            [cid, "active", "", year, c["title"], c["code"], c["grade"], school, "Mathematics", ""]
            for cid, c in sorted(courses().items())
        ],
    )
    _write(
        folder / "classes.csv",
        [
            "sourcedId",
            "status",
            "dateLastModified",
            "title",
            "grades",
            "courseSourcedId",
            "classCode",
            "classType",
            "location",
            "schoolSourcedId",
            "termSourcedIds",
            "subjects",
            "subjectCodes",
            "periods",
        ],
        [
            [
                c,
                "active",
                "",
                s[f"class.{c}.title"],
                grades[c],
                s[f"class.{c}.course_id"],
                c.upper(),
                "scheduled",
                "",
                school,
                term,
                "Mathematics",
                "",
                "",
            ]
            for c in class_ids
        ],
    )
    users_header = [
        "sourcedId",
        "status",
        "dateLastModified",
        "enabledUser",
        "username",
        "userIds",
        "givenName",
        "familyName",
        "middleName",
        "identifier",
        "email",
        "sms",
        "phone",
        "agentSourcedIds",
        "grades",
        "password",
        "userMasterIdentifier",
        "resourceSourcedIds",
        "preferredGivenName",
        "preferredMiddleName",
        "preferredFamilyName",
        "primaryOrgSourcedId",
        "pronouns",
    ]
    users = [
        [
            t,
            "active",
            "",
            "true",
            "",
            "",
            s[f"teacher.{t}.given_name"],
            s[f"teacher.{t}.family_name"],
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            school,
            "",
        ]
        for t in teacher_ids
    ] + [
        [
            st.id,
            "active",
            "",
            "true",
            "",
            "",
            st.given_name,
            st.family_name,
            "",
            "",
            "",
            "",
            "",
            "",
            grades[st.class_id],
            "",
            "",
            "",
            st.preferred_name,
            "",
            "",
            school,
            "",
        ]
        for st in students()
    ]
    _write(folder / "users.csv", users_header, users)
    _write(
        folder / "roles.csv",
        [
            "sourcedId",
            "status",
            "dateLastModified",
            "userSourcedId",
            "roleType",
            "role",
            "beginDate",
            "endDate",
            "orgSourcedId",
            "userProfileSourcedId",
        ],
        [
            [f"role-{t}", "active", "", t, "primary", "teacher", "", "", school, ""]
            for t in teacher_ids
        ]
        + [
            [f"role-{st.id}", "active", "", st.id, "primary", "student", "", "", school, ""]
            for st in students()
        ],
    )
    _write(
        folder / "enrollments.csv",
        [
            "sourcedId",
            "status",
            "dateLastModified",
            "classSourcedId",
            "schoolSourcedId",
            "userSourcedId",
            "role",
            "primary",
            "beginDate",
            "endDate",
        ],
        [
            [
                f"enr-{c}-{s[f'class.{c}.teacher_id']}",
                "active",
                "",
                c,
                school,
                s[f"class.{c}.teacher_id"],
                "teacher",
                "true",
                "",
                "",
            ]
            for c in class_ids
        ]
        + [
            [
                f"enr-{st.class_id}-{st.id}",
                "active",
                "",
                st.class_id,
                school,
                st.id,
                "student",
                "false",
                "",
                "",
            ]
            for st in students()
        ],
    )
    return folder


def write_profiles(path: Path) -> Path:
    """The profile fields rosters don't carry (interests, reading level …) as edugen's CSV."""
    rows = read_csv("students.csv")
    _write(path, PROFILE_COLUMNS, [[r[c] for c in PROFILE_COLUMNS] for r in rows])
    return path
