"""`edugen demo`: the shipped demo school loads through the real importers and plans."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

from edugen.demo import school

CCSSM_K8 = Path(__file__).parent / "data" / "ccssm" / "ccssm-k8.csv"

WEEK = "2026-W49"


def _demo(run, *args: str):
    result = run("demo", "--week", WEEK, *args)
    assert result.exit_code == 0, result.output
    return result


def test_demo_loads_two_classes_of_25_with_history_and_next_topics(run) -> None:
    report = json.loads(_demo(run, "--json").stdout)
    assert report["week"] == WEEK
    classes = {c["id"]: c for c in report["classes"]}
    assert sorted(classes) == ["demo-6a", "demo-6b"]
    students = [s for c in classes.values() for s in c["students"]]
    assert len(students) == 50 and all(len(c["students"]) == 25 for c in classes.values())
    # Six weeks of history: every student has answers, and they differ in how much they did.
    answers = [s["answers"] for s in students]
    assert min(answers) > 0 and max(answers) > 1.5 * min(answers)
    # Each student gets next topics, each with a reason; students are not all the same.
    assert all(s["picks"] for s in students)
    assert all(p["reason"] and p["code"] for s in students for p in s["picks"])
    first_picks = Counter(tuple(p["code"] for p in s["picks"]) for s in students)
    assert len(first_picks) >= 5, first_picks
    kinds = {p["kind"] for s in students for p in s["picks"]}
    assert {"continue", "new"} <= kinds


def test_demo_curriculum_reaches_grade_8_yet_grade_6_students_get_no_later_grade(run) -> None:
    result = _demo(run, "--json")
    assert re.search(r"curriculum imported — topics: 117 new", result.stderr), result.stderr
    report = json.loads(result.stdout)
    picks = {p["code"] for c in report["classes"] for s in c["students"] for p in s["picks"]}
    assert picks and {code.split(".")[0] for code in picks} <= {"4", "5", "6"}, picks


def test_demo_curriculum_titles_are_our_own_and_edges_point_to_known_codes() -> None:
    with (school.DATA / "curriculum.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with CCSSM_K8.open(newline="", encoding="utf-8") as handle:
        standards = {
            ".".join(
                part
                for part in (
                    r["grade_level_code"],
                    r["domain_code"],
                    r["cluster_code"],
                    r["standard_counter"],
                    r["substandard_counter"],
                )
                if part
            ): r["description"]
            for r in csv.DictReader(handle)
        }
    codes = {r["code"] for r in rows}
    assert {r["grade"] for r in rows} == {"4", "5", "6", "7", "8"}
    # every grade-7 and grade-8 code is here, at its finest level (sub-standards, not parents)
    later = {c for c in standards if c[0] in "78"}
    parents = {c.rsplit(".", 1)[0] for c in later if c.count(".") == 4}
    assert {r["code"] for r in rows if r["grade"] in "78"} == later - parents
    for r in rows:
        assert r["code"] in standards and r["standard_code"] == r["code"]
        assert set(r["prerequisites"].split(";")) - {""} <= codes, r
        words = r["title"].lower().split()
        assert len(words) <= 10, r["title"]
        if r["grade"] in "78":
            # short plain titles, never five words in a row of the standard's own text
            text = " ".join(standards[r["code"]].lower().split())
            assert not any(" ".join(words[i : i + 5]) in text for i in range(len(words) - 4)), r
            assert r["prerequisites"], f"{r['code']} has no prerequisite"


def test_demo_markdown_names_students_and_topics(run) -> None:
    out = _demo(run).stdout
    assert out.startswith("# ")
    assert "## " in out and "demo-6a" in out and "demo-6b" in out
    first = school.students()[0]
    assert f"{first.given_name} {first.family_name} ({first.id})" in out


def test_demo_again_changes_nothing_and_reset_reloads(run) -> None:
    _demo(run)
    again = _demo(run)
    counts = re.findall(r"(\d+) new, (\d+) updated", again.stderr)
    assert len(counts) >= 5, again.stderr
    assert all(new == "0" and updated == "0" for new, updated in counts), again.stderr
    before = json.loads(run("students", "list", "--json").stdout)
    reset = _demo(run, "--reset")
    assert reset.exit_code == 0
    after = json.loads(run("students", "list", "--json").stdout)
    assert sorted(s["id"] for s in after) == sorted(s["id"] for s in before)


def test_demo_profiles_reach_the_database(run) -> None:
    _demo(run)
    students = json.loads(run("students", "list", "--json").stdout)
    assert len(students) == 50
    shown = [json.loads(run("students", "show", s["id"], "--json").stdout) for s in students]
    assert all(s["interests"] for s in shown)
    assert any(s["accommodations"] for s in shown)
    assert len({s["reading_level"] for s in shown}) > 5
    assert all(s["given_name"] and s["family_name"] for s in shown)
    detail = json.loads(run("classes", "show", "demo-6a", "--json").stdout)
    assert len(detail["students"]) == 25 and detail["teachers"]


def test_demo_rejects_a_bad_week(run) -> None:
    result = run("demo", "--week", "2026-49")
    assert result.exit_code == 2
    assert "ISO week" in result.output


def test_demo_reports_its_steps_on_stderr_when_not_a_terminal(run) -> None:
    result = _demo(run, "--json")
    steps = re.findall(r"^demo (\d)/6, \d+ s", result.stderr, re.MULTILINE)
    assert steps == ["1", "2", "3", "4", "5", "6"], result.stderr
    json.loads(result.stdout)  # stdout stays the artifact
