"""edugen import curriculum: edugen's CSV and the ccssm files, all or nothing, re-import a no-op."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from edugen.profiles.db import Database
from edugen.profiles.models import Prerequisite, Topic
from tests.conftest import ROOT, Run, assert_input_rejected, write

CCSSM = ROOT / "tests" / "data" / "ccssm"
K8, HS, DEPS = CCSSM / "ccssm-k8.csv", CCSSM / "ccssm-hs.csv", CCSSM / "ccssm-dependencies.csv"
HEADER = "code,subject,grade,title,prerequisites\n"


def counts(url: str) -> tuple[int, int]:
    """(topics, prerequisite edges) stored."""
    db = Database(url)
    try:
        with db.begin() as session:
            topics = session.scalar(select(func.count()).select_from(Topic))
            edges = session.scalar(select(func.count()).select_from(Prerequisite))
            return topics or 0, edges or 0
    finally:
        db.dispose()


def edges(url: str) -> set[tuple[str, str]]:
    """(prerequisite, topic) pairs stored."""
    db = Database(url)
    try:
        with db.begin() as session:
            stmt = select(Prerequisite.prerequisite_code, Prerequisite.topic_code)
            return {(p, t) for p, t in session.execute(stmt)}
    finally:
        db.dispose()


BASIC = HEADER + (
    "F1,math,5,Fractions as numbers,\n"
    "F2,math,5,Equivalent fractions,F1\n"
    'F3,math,6,Adding fractions,"F1; F2"\n'
    "F4,math,6,Multiplying fractions,F2 F3\n"
)


def test_edugen_csv_imports_then_reimport_is_a_no_op(
    any_run: Run, any_db_url: str, tmp_path: Path
) -> None:
    path = write(tmp_path, "topics.csv", BASIC)
    result = any_run("import", "curriculum", path, "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["counts"]["topics"]["created"] == 4
    assert summary["counts"]["prerequisites"]["created"] == 5
    assert edges(any_db_url) == {
        ("F1", "F2"),
        ("F1", "F3"),
        ("F2", "F3"),
        ("F2", "F4"),
        ("F3", "F4"),
    }

    again = any_run("import", "curriculum", path)
    assert again.exit_code == 0, again.output
    assert "topics: 0 new, 0 updated, 4 unchanged" in again.stdout
    assert "prerequisites: 0 new, 0 updated, 5 unchanged" in again.stdout

    renamed = write(tmp_path, "topics2.csv", BASIC.replace("Fractions as numbers", "Fractions"))
    result = any_run("import", "curriculum", renamed)
    assert "topics: 0 new, 1 updated, 3 unchanged" in result.stdout
    assert counts(any_db_url) == (4, 5)


def test_prerequisites_may_name_topics_already_stored(
    any_run: Run, any_db_url: str, tmp_path: Path
) -> None:
    assert any_run("import", "curriculum", write(tmp_path, "a.csv", BASIC)).exit_code == 0
    extra = write(tmp_path, "b.csv", HEADER + "F5,math,6,Dividing fractions,F4\n")
    result = any_run("import", "curriculum", extra)
    assert result.exit_code == 0, result.output
    assert ("F4", "F5") in edges(any_db_url)


def test_standard_code_column_is_optional_and_stored(run: Run, db_url: str, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "topics.csv",
        "code,subject,grade,title,prerequisites,standard_code\nR1,math,6,Ratios,,6.RP.A.1\n",
    )
    assert run("import", "curriculum", path).exit_code == 0
    db = Database(db_url)
    try:
        with db.begin() as session:
            topic = session.get(Topic, "R1")
            assert topic is not None and topic.standard_code == "6.RP.A.1"
    finally:
        db.dispose()


def test_dry_run_writes_nothing(run: Run, db_url: str, tmp_path: Path) -> None:
    result = run("import", "curriculum", write(tmp_path, "topics.csv", BASIC), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "would import" in result.stdout and "topics: 4 new" in result.stdout
    assert counts(db_url) == (0, 0)


def test_ccssm_k8_hs_and_dependencies(any_run: Run, any_db_url: str) -> None:
    result = any_run("import", "curriculum", K8, HS, DEPS, "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["counts"]["topics"]["created"] == 317 + 154
    assert summary["counts"]["prerequisites"]["created"] == 729
    assert summary["ignored_connections"] == 144
    assert summary["skipped_edges"] == 0
    stored = edges(any_db_url)
    assert ("K.CC.A.1", "K.CC.B.4") in stored  # a dependency
    assert ("K.CC.A.1", "K.CC.A.2") not in stored  # a conceptual connection
    assert ("7.EE.A.1", "HSA.SSE.B.3.a") in stored  # K-8 into high school, substandard
    db = Database(any_db_url)
    try:
        with db.begin() as session:
            topic = session.get(Topic, "6.NS.C.6.a")
            assert topic is not None
            assert (topic.subject, topic.grade, topic.standard_code) == ("math", "6", "6.NS.C.6.a")
            hs = session.get(Topic, "HSA.REI.B.3")
            assert hs is not None and hs.grade == "HS"
    finally:
        db.dispose()

    again = any_run("import", "curriculum", K8, HS, DEPS)
    assert again.exit_code == 0, again.output
    assert "topics: 0 new, 0 updated, 471 unchanged" in again.stdout
    assert "prerequisites: 0 new, 0 updated, 729 unchanged" in again.stdout


def test_ccssm_k8_alone_skips_edges_into_high_school(run: Run, db_url: str) -> None:
    result = run("import", "curriculum", K8, DEPS)
    assert result.exit_code == 0, result.output
    assert "270 dependency edges skipped" in result.stdout
    assert counts(db_url) == (317, 729 - 270)
    # The high-school file later: the edges into it arrive with the dependencies again.
    result = run("import", "curriculum", HS, DEPS)
    assert result.exit_code == 0, result.output
    assert counts(db_url) == (471, 729)


# --- bad input: every case exits non-zero, names file:line: field:, and writes nothing ----


def assert_rejected(run: Run, url: str, before: tuple[int, int], *args: object, where: str) -> str:
    output = assert_input_rejected(run("import", "curriculum", *args), where)
    assert counts(url) == before
    return output


def test_missing_required_column(any_run: Run, any_db_url: str, tmp_path: Path) -> None:
    path = write(tmp_path, "topics.csv", "code,subject,grade,prerequisites\nF1,math,5,\n")
    assert_rejected(any_run, any_db_url, (0, 0), path, where="topics.csv:1: title: required column")


@pytest.mark.parametrize(
    ("row", "where"),
    [
        ("F 1,math,5,Fractions,", "topics.csv:2: code: 'F 1'"),
        ("F1,math,grade five,Fractions,", "topics.csv:2: grade: 'grade five'"),
        ("F1,,5,Fractions,", "topics.csv:2: subject: is required"),
        ("F1,math,5,,", "topics.csv:2: title: is required"),
    ],
)
def test_bad_values(run: Run, db_url: str, tmp_path: Path, row: str, where: str) -> None:
    path = write(tmp_path, "topics.csv", HEADER + row + "\n")
    assert_rejected(run, db_url, (0, 0), path, where=where)


def test_bad_ccssm_values(run: Run, db_url: str, tmp_path: Path) -> None:
    standards = write(
        tmp_path,
        "k8.csv",
        "grade_level_code,domain_code,cluster_code,standard_counter,substandard_counter,description\n"
        "K,CC,A,1,,Count to 100.\n"
        "K,CC,A,,,Count forward.\n",
    )
    deps = write(tmp_path, "deps.csv", "source,target,relationship\nK.CC.A.1,K.CC.A.2,prereq\n")
    output = assert_rejected(
        run, db_url, (0, 0), standards, deps, where="k8.csv:3: standard_counter: is required"
    )
    assert "deps.csv:2: relationship: 'prereq' is not one of" in output


def test_unknown_prerequisite(any_run: Run, any_db_url: str, tmp_path: Path) -> None:
    path = write(tmp_path, "topics.csv", BASIC + "F5,math,6,Dividing fractions,F4;NOPE\n")
    assert_rejected(
        any_run, any_db_url, (0, 0), path, where="topics.csv:6: prerequisites: unknown topic 'NOPE'"
    )


def test_unknown_ccssm_code_in_a_given_standards_set(run: Run, db_url: str, tmp_path: Path) -> None:
    deps = write(tmp_path, "deps.csv", "source,target,relationship\nK.CC.A.1,K.CC.Z.9,dependency\n")
    assert_rejected(
        run, db_url, (0, 0), K8, deps, where="deps.csv:2: target: unknown topic 'K.CC.Z.9'"
    )


def test_self_prerequisite(run: Run, db_url: str, tmp_path: Path) -> None:
    path = write(tmp_path, "topics.csv", HEADER + "F1,math,5,Fractions,F1\n")
    assert_rejected(
        run, db_url, (0, 0), path, where="topics.csv:2: prerequisites: topic 'F1' cannot be its own"
    )


def test_duplicate_topic_code(run: Run, db_url: str, tmp_path: Path) -> None:
    path = write(tmp_path, "topics.csv", BASIC + "F2,math,5,Equivalent fractions again,\n")
    assert_rejected(
        run,
        db_url,
        (0, 0),
        path,
        where="topics.csv:6: code: topic 'F2' is already defined at topics.csv:3",
    )


def test_undecodable_bytes(run: Run, db_url: str, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "topics.csv",
        (HEADER + "F1,math,5,Fractions,\nF2,math,5,Br\xfcche,\n").encode("latin-1"),
    )
    assert_rejected(run, db_url, (0, 0), path, where="topics.csv:3: not valid UTF-8")


def test_cycle_within_the_file(any_run: Run, any_db_url: str, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "topics.csv",
        HEADER + "A,math,5,A,C\nB,math,5,B,A\nC,math,5,C,B\nD,math,5,D,A\n",
    )
    output = assert_rejected(
        any_run, any_db_url, (0, 0), path, where="topics.csv:2: prerequisites:"
    )
    assert "prerequisite cycle: A → B → C → A" in output


def test_cycle_through_stored_edges(run: Run, db_url: str, tmp_path: Path) -> None:
    assert run("import", "curriculum", write(tmp_path, "a.csv", BASIC)).exit_code == 0
    closing = write(tmp_path, "b.csv", HEADER + "F1,math,5,Fractions as numbers,F4\n")
    output = assert_rejected(run, db_url, (4, 5), closing, where="b.csv:2: prerequisites:")
    assert "prerequisite cycle: F1 → F2 → F3 → F4 → F1" in output or "F1 → F2 → F4 → F1" in output


def test_unrecognised_header(run: Run, db_url: str, tmp_path: Path) -> None:
    path = write(tmp_path, "topics.csv", "name,level\nFractions,5\n")
    assert_rejected(run, db_url, (0, 0), path, where="topics.csv:1: unrecognised header")
