"""Small OneRoster bundles for tests: valid by default, easy to break on purpose.

`bundle()` returns the files of a bundle as {name: bytes}; edit the rows, the manifest or the
bytes, then write them with `write_folder()` or `write_zip()`.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

Tables = dict[str, list[dict[str, str]]]

COMMON = ["sourcedId", "status", "dateLastModified"]
HEADERS_12: dict[str, list[str]] = {
    "orgs.csv": [*COMMON, "name", "type", "identifier", "parentSourcedId"],
    "academicSessions.csv": [
        *COMMON,
        *("title", "type", "startDate", "endDate", "parentSourcedId", "schoolYear"),
    ],
    "courses.csv": [
        *COMMON,
        *("schoolYearSourcedId", "title", "courseCode", "grades", "orgSourcedId"),
        *("subjects", "subjectCodes"),
    ],
    "classes.csv": [
        *COMMON,
        *("title", "grades", "courseSourcedId", "classCode", "classType", "location"),
        *("schoolSourcedId", "termSourcedIds", "subjects", "subjectCodes", "periods"),
    ],
    "users.csv": [
        *COMMON,
        *("enabledUser", "username", "userIds", "givenName", "familyName", "middleName"),
        *("identifier", "email", "sms", "phone", "agentSourcedIds", "grades", "password"),
        *("userMasterIdentifier", "resourceSourcedIds", "preferredGivenName"),
        *("preferredMiddleName", "preferredFamilyName", "primaryOrgSourcedId", "pronouns"),
    ],
    "roles.csv": [
        *COMMON,
        *("userSourcedId", "roleType", "role", "beginDate", "endDate", "orgSourcedId"),
        "userProfileSourcedId",
    ],
    "enrollments.csv": [
        *COMMON,
        *("classSourcedId", "schoolSourcedId", "userSourcedId", "role", "primary"),
        *("beginDate", "endDate"),
    ],
}
HEADERS_11: dict[str, list[str]] = {
    **{k: v for k, v in HEADERS_12.items() if k not in ("users.csv", "roles.csv")},
    "users.csv": [
        *COMMON,
        *("enabledUser", "orgSourcedIds", "role", "username", "userIds", "givenName"),
        *("familyName", "middleName", "identifier", "email", "sms", "phone"),
        *("agentSourcedIds", "grades", "password"),
    ],
}

# Personal data a roster carries that edugen must never store.
SECRETS = (
    "alice.smith",
    "alice-ldap-77",
    "ID-1001",
    "alice@example.org",
    "555-0199",
    "555-0100",
    "hunter2",
    "ada@example.org",
)
STUDENTS = ("u-s1", "u-s2")


def tables(version: str = "1.2") -> Tables:
    """The rows of a valid bundle: a district, a school, two classes, a teacher, two students."""
    users = [
        {
            "sourcedId": "u-t1",
            "givenName": "Ada",
            "familyName": "Lovelace",
            "email": "ada@example.org",
            "role": "teacher",
        },
        {
            "sourcedId": "u-s1",
            "givenName": "Alice",
            "familyName": "Smith",
            "preferredGivenName": "Ally",
            "grades": "06",
            "username": "alice.smith",
            "userIds": "{LDAP:alice-ldap-77}",
            "identifier": "ID-1001",
            "email": "alice@example.org",
            "sms": "555-0199",
            "phone": "555-0100",
            "password": "hunter2",
            "role": "student",
        },
        {
            "sourcedId": "u-s2",
            "givenName": "Bob",
            "familyName": "Jones",
            "grades": "06,07",
            "role": "student",
        },
        {
            "sourcedId": "u-a1",
            "givenName": "Carl",
            "familyName": "Admin",
            "role": "administrator",
        },
    ]
    for user in users:
        user.update(status="active", enabledUser="true")
        if version == "1.1":
            user["orgSourcedIds"] = "d1" if user["role"] == "administrator" else "sch1"
        else:
            user["primaryOrgSourcedId"] = "d1" if user["role"] == "administrator" else "sch1"
    result: Tables = {
        "orgs.csv": [
            {"sourcedId": "d1", "name": "Springfield District", "type": "district"},
            {
                "sourcedId": "sch1",
                "name": "Springfield Middle",
                "type": "school",
                "identifier": "SMS",
                "parentSourcedId": "d1",
            },
        ],
        "academicSessions.csv": [
            {
                "sourcedId": "y2025",
                "title": "2024-2025",
                "type": "schoolYear",
                "startDate": "2024-08-15",
                "endDate": "2025-06-15",
                "schoolYear": "2025",
            },
            {
                "sourcedId": "t1",
                "title": "Fall",
                "type": "term",
                "startDate": "2024-08-15",
                "endDate": "2024-12-20",
                "parentSourcedId": "y2025",
                "schoolYear": "2025",
            },
        ],
        "courses.csv": [
            {
                "sourcedId": "c-math6",
                "title": "Math 6",
                "courseCode": "MATH6",
                "grades": "06",
                "orgSourcedId": "sch1",
                "schoolYearSourcedId": "y2025",
                "subjects": "Mathematics",
            }
        ],
        "classes.csv": [
            {
                "sourcedId": "cl-6a",
                "title": "Math 6A",
                "grades": "06",
                "courseSourcedId": "c-math6",
                "classCode": "6A",
                "classType": "scheduled",
                "schoolSourcedId": "sch1",
                "termSourcedIds": "t1",
                "subjects": "Mathematics",
            },
            {
                "sourcedId": "cl-6b",
                "title": "Math 6B",
                "grades": "06,07",
                "courseSourcedId": "c-math6",
                "classType": "homeroom",
                "schoolSourcedId": "sch1",
                "termSourcedIds": "t1,y2025",
            },
        ],
        "users.csv": users,
        "enrollments.csv": [
            _enrollment("e-t1", "cl-6a", "u-t1", "teacher", primary="true"),
            _enrollment("e-s1", "cl-6a", "u-s1", "student"),
            _enrollment("e-s2", "cl-6a", "u-s2", "student", beginDate="2024-08-15"),
            _enrollment("e-s1b", "cl-6b", "u-s1", "student"),
            _enrollment("e-a1", "cl-6a", "u-a1", "administrator"),
        ],
    }
    if version == "1.2":
        result["roles.csv"] = [
            {
                "sourcedId": f"r-{u['sourcedId']}",
                "status": "active",
                "userSourcedId": u["sourcedId"],
                "roleType": "primary",
                "role": "districtAdministrator" if u["role"] == "administrator" else u["role"],
                "orgSourcedId": u["primaryOrgSourcedId"],
            }
            for u in users
        ]
    for rows in result.values():
        for row in rows:
            row.setdefault("status", "active")
            row.setdefault("dateLastModified", "2024-09-01T12:00:00Z")
    return result


def _enrollment(id_: str, class_id: str, user_id: str, role: str, **more: str) -> dict[str, str]:
    return {
        "sourcedId": id_,
        "classSourcedId": class_id,
        "schoolSourcedId": "sch1",
        "userSourcedId": user_id,
        "role": role,
        **more,
    }


def bundle(
    version: str = "1.2",
    *,
    edit: Callable[[Tables], None] | None = None,
    manifest: Mapping[str, str | None] | None = None,
    drop_columns: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, bytes]:
    """The files of a bundle. `edit` changes rows; `manifest` sets (None removes) properties."""
    rows = tables(version)
    if edit is not None:
        edit(rows)
    headers = HEADERS_12 if version == "1.2" else HEADERS_11
    props: dict[str, str | None] = {
        "manifest.version": "1.0",
        "oneroster.version": version,
        **{f"file.{name.removesuffix('.csv')}": "bulk" for name in rows},
        "file.demographics": "absent",
        "file.userProfiles": "absent",
        "source.systemName": "test SIS",
    }
    props.update(manifest or {})
    files = {
        "manifest.csv": to_csv(
            ["propertyName", "value"],
            [{"propertyName": k, "value": v} for k, v in props.items() if v is not None],
        )
    }
    for name, table in rows.items():
        header = [c for c in headers[name] if c not in (drop_columns or {}).get(name, ())]
        files[name] = to_csv(header, table)
    return files


def to_csv(header: Sequence[str], rows: Sequence[Mapping[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    return buffer.getvalue().encode("utf-8")


def write_folder(folder: Path, files: Mapping[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def write_zip(path: Path, files: Mapping[str, bytes], *, folder: str | None = "export") -> Path:
    """A zip of the files, inside one top-level folder (or at the root when folder is None)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(f"{folder}/{name}" if folder else name, data)
    return path
