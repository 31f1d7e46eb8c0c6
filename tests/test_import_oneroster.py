"""`edugen import oneroster`: 1.1 and 1.2 bundles from folders and zips, all or nothing."""

from __future__ import annotations

import json
import re
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from sqlalchemy import func, select

from edugen.importers import oneroster
from edugen.profiles.db import Database
from edugen.profiles.models import Base
from tests.conftest import assert_input_rejected
from tests.rosters import (
    SECRETS,
    STUDENTS,
    Tables,
    bundle,
    to_csv,
    write_folder,
    write_zip,
)

Run = Callable[..., Result]


def row_counts(url: str) -> dict[str, int]:
    database = Database(url)
    try:
        with database.begin() as session:
            return {
                name: session.scalar(select(func.count()).select_from(table)) or 0
                for name, table in Base.metadata.tables.items()
            }
    finally:
        database.dispose()


def everything_stored(url: str) -> str:
    """Every value of every row of every table, as one string to search."""
    database = Database(url)
    try:
        with database.begin() as session:
            return "\n".join(
                repr(tuple(row))
                for table in Base.metadata.sorted_tables
                for row in session.execute(select(table))
            )
    finally:
        database.dispose()


def import_ok(run: Run, path: Path, *options: str) -> dict[str, Any]:
    result = run("import", "oneroster", path, "--json", *options)
    assert result.exit_code == 0, result.output
    summary: dict[str, Any] = json.loads(result.stdout)
    return summary


def created(summary: dict[str, Any]) -> dict[str, int]:
    return {name: c["created"] for name, c in summary["counts"].items()}


def assert_rejected(result: Result, *messages: str) -> None:
    assert result.exit_code == 1, result.output
    assert_input_rejected(result, *messages)


# --- happy paths ------------------------------------------------------------------------


def test_folder_12_is_imported(any_run: Run, any_db_url: str, tmp_path: Path) -> None:
    summary = import_ok(any_run, write_folder(tmp_path / "roster", bundle("1.2")))
    assert created(summary) == {
        "orgs": 2,
        "academic_sessions": 2,
        "courses": 1,
        "classes": 2,
        "teachers": 1,
        "students": 2,
        "enrollments": 3,
        "class_teachers": 1,
    }
    students = json.loads(any_run("students", "list", "--json").stdout)
    assert [s["id"] for s in students] == ["u-s2", "u-s1"]  # Jones, Smith
    for student in students:
        assert student["school_id"] == "sch1"
        assert student["grade"] == "06"
        assert re.fullmatch(r"S-[a-z0-9]{8}", student["pseudonym"])
    detail = json.loads(any_run("classes", "show", "cl-6a", "--json").stdout)
    assert [s["id"] for s in detail["students"]] == ["u-s2", "u-s1"]
    assert detail["teachers"] == ["Ada Lovelace"]
    assert detail["school_id"] == "sch1"
    alice = json.loads(any_run("students", "show", "u-s1", "--json").stdout)
    assert alice["preferred_name"] == "Ally"
    assert alice["class_ids"] == ["cl-6a", "cl-6b"]
    classes = json.loads(any_run("classes", "list", "--json").stdout)
    assert [(c["id"], c["grades"], c["student_count"]) for c in classes] == [
        ("cl-6a", ["06"], 2),
        ("cl-6b", ["06", "07"], 1),
    ]
    stored = everything_stored(any_db_url)
    for secret in SECRETS:
        assert secret not in stored
    assert "u-a1" not in stored  # administrators are checked, not stored


@pytest.mark.parametrize("folder", ["export", None])
def test_zip_12_is_imported(run: Run, tmp_path: Path, folder: str | None) -> None:
    path = write_zip(tmp_path / "roster.zip", bundle("1.2"), folder=folder)
    assert created(import_ok(run, path))["students"] == 2
    detail = json.loads(run("classes", "show", "cl-6a", "--json").stdout)
    assert {s["id"] for s in detail["students"]} == set(STUDENTS)


@pytest.mark.parametrize("declared", [True, False], ids=["manifest-1.1", "detected-1.1"])
def test_bundle_11_is_imported(
    any_run: Run, any_db_url: str, tmp_path: Path, declared: bool
) -> None:
    files = bundle("1.1", manifest={} if declared else {"oneroster.version": None})
    summary = import_ok(any_run, write_zip(tmp_path / "roster11.zip", files))
    assert created(summary)["students"] == 2 and created(summary)["teachers"] == 1
    students = json.loads(any_run("students", "list", "--json").stdout)
    assert {(s["id"], s["school_id"], s["grade"]) for s in students} == {
        ("u-s1", "sch1", "06"),
        ("u-s2", "sch1", "06"),
    }
    detail = json.loads(any_run("classes", "show", "cl-6a", "--json").stdout)
    assert detail["teachers"] == ["Ada Lovelace"]
    stored = everything_stored(any_db_url)
    assert not [secret for secret in SECRETS if secret in stored]


def test_reimport_changes_nothing(any_run: Run, any_db_url: str, tmp_path: Path) -> None:
    path = write_folder(tmp_path / "roster", bundle("1.2"))
    import_ok(any_run, path)
    before = row_counts(any_db_url)
    pseudonyms = {
        s["id"]: s["pseudonym"] for s in json.loads(any_run("students", "list", "--json").stdout)
    }
    summary = import_ok(any_run, path)
    assert all(c["created"] == 0 and c["updated"] == 0 for c in summary["counts"].values())
    assert summary["counts"]["students"]["unchanged"] == 2
    text = any_run("import", "oneroster", path).stdout
    assert "students: 0 new, 0 updated, 2 unchanged" in text
    assert row_counts(any_db_url) == before
    again = {
        s["id"]: s["pseudonym"] for s in json.loads(any_run("students", "list", "--json").stdout)
    }
    assert again == pseudonyms


def test_changes_update_rows_and_keep_pseudonyms(any_run: Run, tmp_path: Path) -> None:
    import_ok(any_run, write_folder(tmp_path / "v1", bundle("1.2")))
    before = json.loads(any_run("students", "show", "u-s1", "--json").stdout)

    def edit(t: Tables) -> None:
        t["users.csv"][1]["familyName"] = "Smith-Jones"
        t["users.csv"][2]["status"] = "tobedeleted"
        t["enrollments.csv"][2]["status"] = "tobedeleted"

    summary = import_ok(any_run, write_folder(tmp_path / "v2", bundle("1.2", edit=edit)))
    assert summary["counts"]["students"] == {"created": 0, "updated": 2, "unchanged": 0}
    assert summary["counts"]["enrollments"]["updated"] == 1
    after = json.loads(any_run("students", "show", "u-s1", "--json").stdout)
    assert after["family_name"] == "Smith-Jones"
    assert after["pseudonym"] == before["pseudonym"]
    bob = json.loads(any_run("students", "show", "u-s2", "--json").stdout)
    assert bob["active"] is False  # kept, marked inactive
    detail = json.loads(any_run("classes", "show", "cl-6a", "--json").stdout)
    assert [s["id"] for s in detail["students"]] == ["u-s1"]


def test_dry_run_writes_nothing(run: Run, db_url: str, tmp_path: Path) -> None:
    summary = import_ok(run, write_folder(tmp_path / "roster", bundle("1.2")), "--dry-run")
    assert summary["dry_run"] is True
    assert created(summary)["students"] == 2
    assert set(row_counts(db_url).values()) == {0}
    text = run("import", "oneroster", tmp_path / "roster", "--dry-run").stdout
    assert "would import" in text


def test_references_may_be_satisfied_by_the_database(
    any_run: Run, any_db_url: str, tmp_path: Path
) -> None:
    import_ok(any_run, write_folder(tmp_path / "full", bundle("1.2")))

    def only_people(t: Tables) -> None:
        for name in ("orgs.csv", "academicSessions.csv", "courses.csv", "classes.csv"):
            del t[name]
        t["users.csv"].append(
            {"sourcedId": "u-s3", "givenName": "Cleo", "familyName": "Park", "grades": "KG"}
        )
        t["roles.csv"].append(
            {
                "sourcedId": "r-u-s3",
                "userSourcedId": "u-s3",
                "roleType": "primary",
                "role": "student",
                "orgSourcedId": "sch1",
            }
        )
        t["enrollments.csv"].append(
            {
                "sourcedId": "e-s3",
                "classSourcedId": "cl-6b",
                "schoolSourcedId": "sch1",
                "userSourcedId": "u-s3",
                "role": "student",
            }
        )

    summary = import_ok(any_run, write_folder(tmp_path / "people", bundle("1.2", edit=only_people)))
    assert summary["counts"]["students"]["created"] == 1
    detail = json.loads(any_run("classes", "show", "cl-6b", "--json").stdout)
    assert {s["id"] for s in detail["students"]} == {"u-s1", "u-s3"}


# --- bad input: rejected with file:line: field:, nothing written --------------------------


def _set(file: str, index: int, **cells: str) -> Callable[[Tables], None]:
    def edit(t: Tables) -> None:
        t[file][index].update(cells)

    return edit


def _duplicate_user(t: Tables) -> None:
    t["users.csv"].append(dict(t["users.csv"][1]))


def _org_cycle(t: Tables) -> None:
    t["orgs.csv"][0]["parentSourcedId"] = "sch1"


BAD_ROWS: list[Any] = [
    pytest.param(
        _set("enrollments.csv", 1, classSourcedId="cl-9"),
        "enrollments.csv:3: classSourcedId: unknown class 'cl-9'",
        id="unknown-class",
    ),
    pytest.param(
        _set("classes.csv", 0, courseSourcedId="c-none"),
        "classes.csv:2: courseSourcedId: unknown course 'c-none'",
        id="unknown-course",
    ),
    pytest.param(
        _set("classes.csv", 1, termSourcedIds="t1,t9"),
        "classes.csv:3: termSourcedIds: unknown academic session 't9'",
        id="unknown-term",
    ),
    pytest.param(
        _set("roles.csv", 1, orgSourcedId="sch9"),
        "roles.csv:3: orgSourcedId: unknown org 'sch9'",
        id="unknown-role-org",
    ),
    pytest.param(
        _set("enrollments.csv", 1, userSourcedId="u-ghost"),
        "enrollments.csv:3: userSourcedId: unknown student 'u-ghost'",
        id="unknown-user",
    ),
    pytest.param(
        _duplicate_user, "users.csv:6: sourcedId: 'u-s1' appears again", id="duplicate-id"
    ),
    pytest.param(
        _set("orgs.csv", 1, type="campus"),
        "orgs.csv:3: type: 'campus' is not one of",
        id="org-type",
    ),
    pytest.param(
        _set("users.csv", 2, status="deleted"),
        "users.csv:4: status: 'deleted' is not one of active, tobedeleted",
        id="status",
    ),
    pytest.param(
        _set("enrollments.csv", 0, role="learner"),
        "enrollments.csv:2: role: 'learner' is not one of",
        id="enrollment-role",
    ),
    pytest.param(
        _set("roles.csv", 0, roleType="main"),
        "roles.csv:2: roleType: 'main' is not one of primary, secondary",
        id="role-type",
    ),
    pytest.param(
        _set("academicSessions.csv", 1, type="quarter"),
        "academicSessions.csv:3: type: 'quarter' is not one of",
        id="session-type",
    ),
    pytest.param(
        _set("enrollments.csv", 0, primary="yes"),
        "enrollments.csv:2: primary: 'yes' is not true or false",
        id="boolean",
    ),
    pytest.param(
        _set("users.csv", 1, grades="6"),
        "users.csv:3: grades: '6' is not a CEDS grade code",
        id="grade",
    ),
    pytest.param(
        _set("academicSessions.csv", 0, startDate="2024-13-01"),
        "academicSessions.csv:2: startDate: '2024-13-01' is not a date (YYYY-MM-DD)",
        id="date",
    ),
    pytest.param(
        _set("enrollments.csv", 1, userSourcedId="u-t1"),
        "enrollments.csv:3: role: 'u-t1' is enrolled as student but has the role teacher",
        id="student-enrolment-of-a-teacher",
    ),
    pytest.param(_org_cycle, "parentSourcedId: parents form a cycle", id="org-cycle"),
]


@pytest.mark.parametrize(("edit", "message"), BAD_ROWS)
def test_bad_rows_are_rejected(
    any_run: Run, any_db_url: str, tmp_path: Path, edit: Callable[[Tables], None], message: str
) -> None:
    result = any_run(
        "import", "oneroster", write_folder(tmp_path / "bad", bundle("1.2", edit=edit))
    )
    assert_rejected(result, message)
    assert set(row_counts(any_db_url).values()) == {0}


def test_rejected_import_keeps_what_was_there(
    any_run: Run, any_db_url: str, tmp_path: Path
) -> None:
    import_ok(any_run, write_folder(tmp_path / "good", bundle("1.2")))
    before = row_counts(any_db_url)
    stored = everything_stored(any_db_url)

    def edit(t: Tables) -> None:
        t["users.csv"][1]["familyName"] = "Changed"  # would be an update
        t["enrollments.csv"][1]["classSourcedId"] = "cl-9"  # found missing only by the writer

    result = any_run(
        "import", "oneroster", write_folder(tmp_path / "bad", bundle("1.2", edit=edit))
    )
    assert_rejected(result, "enrollments.csv:3: classSourcedId: unknown class 'cl-9'")
    assert row_counts(any_db_url) == before
    assert everything_stored(any_db_url) == stored


def test_enrollment_ids_must_stay_stable(any_run: Run, any_db_url: str, tmp_path: Path) -> None:
    import_ok(any_run, write_folder(tmp_path / "good", bundle("1.2")))
    before = row_counts(any_db_url)
    renamed = bundle("1.2", edit=_set("enrollments.csv", 1, sourcedId="e-s1-new"))
    result = any_run("import", "oneroster", write_folder(tmp_path / "renamed", renamed))
    assert_rejected(
        result,
        "enrollments.csv:3: sourcedId: 'u-s1' is already in class 'cl-6a'"
        " under the enrollment 'e-s1'",
    )
    assert row_counts(any_db_url) == before


def test_missing_required_column(any_run: Run, any_db_url: str, tmp_path: Path) -> None:
    files = bundle("1.2", drop_columns={"users.csv": ["givenName"]})
    result = any_run("import", "oneroster", write_folder(tmp_path / "bad", files))
    assert_rejected(result, "users.csv:1: givenName: required column is missing")
    assert set(row_counts(any_db_url).values()) == {0}


def test_11_users_need_role_columns(run: Run, tmp_path: Path) -> None:
    files = bundle("1.1", drop_columns={"users.csv": ["orgSourcedIds"]})
    result = run("import", "oneroster", write_folder(tmp_path / "bad", files))
    assert_rejected(result, "users.csv:1: orgSourcedIds: required column is missing")


def test_missing_required_file(any_run: Run, any_db_url: str, tmp_path: Path) -> None:
    files = bundle("1.2")
    del files["enrollments.csv"]
    result = any_run("import", "oneroster", write_folder(tmp_path / "bad", files))
    assert_rejected(result, "file.enrollments: says bulk but enrollments.csv is not in the bundle")
    assert re.search(r"manifest\.csv:\d+: file\.enrollments:", result.output)
    assert set(row_counts(any_db_url).values()) == {0}


def test_missing_manifest(run: Run, db_url: str, tmp_path: Path) -> None:
    files = bundle("1.2")
    del files["manifest.csv"]
    result = run("import", "oneroster", write_zip(tmp_path / "bad.zip", files))
    assert_rejected(result, "manifest.csv: is missing")
    assert set(row_counts(db_url).values()) == {0}


def test_file_marked_absent_but_present(run: Run, tmp_path: Path) -> None:
    files = bundle("1.2", manifest={"file.courses": "absent"})
    result = run("import", "oneroster", write_folder(tmp_path / "bad", files))
    assert_rejected(
        result, "file.courses: courses.csv is in the bundle but manifest.csv marks it absent"
    )


def test_12_users_need_roles(run: Run, tmp_path: Path) -> None:
    files = bundle("1.2", manifest={"file.roles": "absent"})
    del files["roles.csv"]
    result = run("import", "oneroster", write_folder(tmp_path / "bad", files))
    assert_rejected(result, "file.roles: OneRoster 1.2 users need roles.csv")


def test_undecodable_bytes(any_run: Run, any_db_url: str, tmp_path: Path) -> None:
    files = bundle("1.2")
    lines = files["users.csv"].split(b"\r\n")
    lines[2] = lines[2].replace(b"Alice", b"Al\xefce")  # Latin-1 ï, not UTF-8
    files["users.csv"] = b"\r\n".join(lines)
    result = any_run("import", "oneroster", write_folder(tmp_path / "bad", files))
    assert_rejected(result, "users.csv:3: not valid UTF-8 (byte 0xef)")
    assert set(row_counts(any_db_url).values()) == {0}


def test_delta_is_refused(any_run: Run, any_db_url: str, tmp_path: Path) -> None:
    files = bundle("1.2", manifest={"file.users": "delta"})
    result = any_run("import", "oneroster", write_zip(tmp_path / "delta.zip", files))
    assert_rejected(result, "file.users: delta files are not supported yet; export a bulk bundle")
    assert set(row_counts(any_db_url).values()) == {0}


def test_bad_manifest_values(run: Run, tmp_path: Path) -> None:
    files = bundle("1.2", manifest={"oneroster.version": "1.0", "file.orgs": "full"})
    result = run("import", "oneroster", write_folder(tmp_path / "bad", files))
    assert_rejected(
        result,
        "oneroster.version: '1.0' is not supported",
        "file.orgs: 'full' is not one of bulk, delta, absent",
    )


def test_problems_are_all_reported_at_once(run: Run, tmp_path: Path) -> None:
    def edit(t: Tables) -> None:
        t["orgs.csv"][1]["type"] = "campus"
        t["users.csv"][1]["grades"] = "6"
        t["enrollments.csv"][0]["primary"] = "yes"

    result = run("import", "oneroster", write_folder(tmp_path / "bad", bundle("1.2", edit=edit)))
    assert_rejected(
        result, "orgs.csv:3: type:", "users.csv:3: grades:", "enrollments.csv:2: primary:"
    )


# --- unsafe or broken zips ----------------------------------------------------------------


def _zip_with(path: Path, member: zipfile.ZipInfo | str, data: bytes = b"x") -> Path:
    write_zip(path, bundle("1.2"), folder=None)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, data)
    return path


def _symlink(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.create_system = 3  # Unix, so the mode bits count
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


@pytest.mark.parametrize(
    ("member", "message"),
    [
        pytest.param(
            "/etc/users.csv", "member '/etc/users.csv' has an absolute path", id="absolute"
        ),
        pytest.param("../users.csv", "member '../users.csv' has a '..' component", id="dotdot"),
        pytest.param(
            "export/../../users.csv",
            "member 'export/../../users.csv' has a '..'",
            id="dotdot-inner",
        ),
        pytest.param("C:/users.csv", "member 'C:/users.csv' has an absolute path", id="drive"),
        pytest.param("a\\users.csv", "has a backslash in its path", id="backslash"),
        pytest.param(_symlink("orgs2.csv"), "member 'orgs2.csv' is a symbolic link", id="symlink"),
        pytest.param(
            "a/b/users.csv", "member 'a/b/users.csv' is nested more than one folder deep", id="deep"
        ),
    ],
)
def test_unsafe_zip_members_are_refused(
    run: Run, db_url: str, tmp_path: Path, member: zipfile.ZipInfo | str, message: str
) -> None:
    result = run("import", "oneroster", _zip_with(tmp_path / "evil.zip", member))
    assert_rejected(result, "evil.zip: member ", message)
    assert set(row_counts(db_url).values()) == {0}


def test_zip_bomb_is_refused(run: Run, db_url: str, tmp_path: Path) -> None:
    path = _zip_with(tmp_path / "bomb.zip", "padding.csv", b"\0" * (20 * 1024 * 1024))
    result = run("import", "oneroster", path)
    assert_rejected(result, "member 'padding.csv' expands", "refusing a possible zip bomb")
    assert set(row_counts(db_url).values()) == {0}


def test_bundle_size_limit(
    run: Run, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(oneroster.bundle, "MAX_BUNDLE_BYTES", 1024)
    result = run("import", "oneroster", write_zip(tmp_path / "big.zip", bundle("1.2")))
    assert_rejected(result, "big.zip: unpacks to more than")
    result = run("import", "oneroster", write_folder(tmp_path / "big", bundle("1.2")))
    assert_rejected(result, "the bundle is over")
    assert set(row_counts(db_url).values()) == {0}


def test_not_a_zip(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "users.csv"
    path.write_bytes(bundle("1.2")["users.csv"])
    result = run("import", "oneroster", path)
    assert_rejected(result, "users.csv: is neither a folder nor a readable .zip file")


def test_symlinked_file_in_folder_is_refused(run: Run, tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "roster", bundle("1.2"))
    secret = tmp_path / "elsewhere.csv"
    secret.write_bytes((folder / "orgs.csv").read_bytes())
    (folder / "orgs.csv").unlink()
    (folder / "orgs.csv").symlink_to(secret)
    result = run("import", "oneroster", folder)
    assert_rejected(result, "orgs.csv: is a symbolic link")


def test_only_known_files_are_read(run: Run, tmp_path: Path) -> None:
    files = bundle("1.2")
    files["demographics.csv"] = b"\xff\xfe not even text"
    files["notes.txt"] = to_csv(["a"], [{"a": "b"}])
    summary = import_ok(run, write_zip(tmp_path / "roster.zip", files))
    assert created(summary)["students"] == 2


def test_macos_resource_forks_are_ignored(run: Run, tmp_path: Path) -> None:
    path = _zip_with(tmp_path / "mac.zip", "__MACOSX/export/._users.csv", b"\0\5\26\7")
    assert created(import_ok(run, path))["students"] == 2


def test_problem_lines_follow_quoted_newlines(run: Run, tmp_path: Path) -> None:
    def edit(t: Tables) -> None:
        t["orgs.csv"][0]["name"] = "Springfield\nDistrict"  # one record over two lines
        t["orgs.csv"][1]["type"] = "campus"

    result = run("import", "oneroster", write_folder(tmp_path / "bad", bundle("1.2", edit=edit)))
    assert_rejected(result, "orgs.csv:4: type: 'campus'")
