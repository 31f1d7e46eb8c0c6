"""`edugen demo`: the shipped demo school loads through the real importers and plans."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from html import escape
from pathlib import Path

import docx
import pypdfium2

from edugen.demo import school

CCSSM_K8 = Path(__file__).parent / "data" / "ccssm" / "ccssm-k8.csv"

WEEK = "2026-W49"


def _demo(run, *args: str):
    result = run("demo", "--week", WEEK, *args)
    assert result.exit_code == 0, result.output
    return result


def test_demo_loads_five_classes_of_25_with_history_and_next_topics(run) -> None:
    report = json.loads(_demo(run, "--json").stdout)
    assert report["week"] == WEEK
    classes = {c["id"]: c for c in report["classes"]}
    assert sorted(classes) == ["demo-4a", "demo-6a", "demo-6b", "demo-7a", "demo-8a"]
    students = [s for c in classes.values() for s in c["students"]]
    assert len(students) == 125 and all(len(c["students"]) == 25 for c in classes.values())
    for c in classes.values():
        # Six weeks of history: every student has answers, and they differ in how much they did.
        answers = [s["answers"] for s in c["students"]]
        assert min(answers) > 0 and max(answers) > 1.5 * min(answers), c["id"]
        # Each student gets next topics, each with a reason; students are not all the same.
        assert all(s["picks"] for s in c["students"]), c["id"]
        assert all(p["reason"] and p["code"] for s in c["students"] for p in s["picks"])
        first_picks = Counter(tuple(p["code"] for p in s["picks"]) for s in c["students"])
        assert len(first_picks) >= 5, (c["id"], first_picks)
        kinds = {p["kind"] for s in c["students"] for p in s["picks"]}
        assert {"continue", "new"} <= kinds, (c["id"], kinds)


def _grade(code: str) -> int:
    return int(code.split(".")[0])


def test_demo_curriculum_reaches_grade_8_and_each_class_picks_its_own_grade(run) -> None:
    result = _demo(run, "--json")
    assert re.search(r"curriculum imported — topics: 228 new", result.stderr), result.stderr
    report = json.loads(result.stdout)
    listed = json.loads(run("classes", "list", "--json").stdout)
    grades = {c["id"]: int(c["grade"]) for c in listed}
    assert grades == {"demo-4a": 4, "demo-6a": 6, "demo-6b": 6, "demo-7a": 7, "demo-8a": 8}
    for c in report["classes"]:
        grade = grades[c["id"]]
        picks = [p["code"] for s in c["students"] for p in s["picks"]]
        # Nobody is given a later grade's topic; earlier grades' only as foundations.
        assert picks and max(map(_grade, picks)) == grade, (c["id"], picks)
        own = [code for code in picks if _grade(code) == grade]
        assert len(own) > len(picks) / 2, (c["id"], picks)
        for s in c["students"]:
            for p in s["picks"]:
                if _grade(p["code"]) < grade:
                    # a foundation the student has practised, never an untouched earlier topic
                    assert p["kind"] != "new" and p["code"] in s["mastery"], (s["student_id"], p)
        # The simulated history went through the class's own grade (and earlier foundations).
        practised = {code for s in c["students"] for code in s["mastery"]}
        assert max(map(_grade, practised)) == grade, (c["id"], practised)
        assert min(map(_grade, practised)) < grade, (c["id"], practised)


def _ccssm_standards() -> dict[str, str]:
    with CCSSM_K8.open(newline="", encoding="utf-8") as handle:
        return {
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


def _curriculum() -> list[dict[str, str]]:
    with (school.DATA / "curriculum.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_demo_curriculum_titles_are_our_own_and_edges_point_to_known_codes() -> None:
    rows = _curriculum()
    standards = _ccssm_standards()
    codes = {r["code"] for r in rows}
    assert {r["grade"] for r in rows} == {"3", "4", "5", "6", "7", "8"}
    # every grade-3, 4 and 5 code is here, standards and their sub-standards alike
    assert {r["code"] for r in rows if r["grade"] in "345"} == {
        c for c in standards if c[0] in "345"
    }
    # every grade-7 and grade-8 code is here, at its finest level (sub-standards, not parents)
    later = {c for c in standards if c[0] in "78"}
    parents = {c.rsplit(".", 1)[0] for c in later if c.count(".") == 4}
    assert {r["code"] for r in rows if r["grade"] in "78"} == later - parents
    for r in rows:
        assert r["code"] in standards and r["standard_code"] == r["code"]
        assert set(r["prerequisites"].split(";")) - {""} <= codes, r
        words = r["title"].lower().split()
        assert len(words) <= 10, r["title"]
        if r["grade"] in "34578":
            # short plain titles, never five words in a row of the standard's own text
            text = " ".join(standards[r["code"]].lower().split())
            assert not any(" ".join(words[i : i + 5]) in text for i in range(len(words) - 4)), r
        if r["grade"] in "78":
            assert r["prerequisites"], f"{r['code']} has no prerequisite"


def test_demo_curriculum_keeps_every_ccssm_dependency_between_its_codes() -> None:
    """A `dependency` edge of the ccssm graph between two curriculum codes is a prerequisite,
    across grades too (4.NF.B.4 before 5.NF.B.4.a); one into a standard also goes into its
    sub-standards, and a standard needs what its sub-standards need (NOTICE.md)."""
    rows = {r["code"]: set(r["prerequisites"].split(";")) - {""} for r in _curriculum()}
    with (CCSSM_K8.parent / "ccssm-dependencies.csv").open(newline="", encoding="utf-8") as h:
        edges = [
            (e["source"], e["target"])
            for e in csv.DictReader(h)
            if e["relationship"] == "dependency" and e["source"] in rows and e["target"] in rows
        ]
    assert len(edges) > 150
    for source, target in edges:
        assert source in rows[target], (source, target)
        for sub in (c for c in rows if c.startswith(target + ".") and c != source):
            assert source in rows[sub], (source, sub)
    assert {"4.NF.B.4", "5.NF.B.4.a"} <= rows["5.NF.B.4"]
    assert "4.NF.B.4" in rows["5.NF.B.4.a"] and "3.OA.C.7" in rows["4.OA.B.4"]


def test_demo_markdown_names_students_and_topics(run) -> None:
    out = _demo(run).stdout
    assert out.startswith("# ")
    assert "## " in out and all(
        c in out for c in ("demo-4a", "demo-6a", "demo-6b", "demo-7a", "demo-8a")
    )
    for student in (school.students()[0], school.students()[-1]):
        assert f"{student.given_name} {student.family_name} ({student.id})" in out


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
    assert len(students) == 125
    shown = [json.loads(run("students", "show", s["id"], "--json").stdout) for s in students]
    assert all(s["interests"] for s in shown)
    assert any(s["accommodations"] for s in shown)
    assert len({s["reading_level"] for s in shown}) > 5
    assert all(s["given_name"] and s["family_name"] for s in shown)
    for class_id in ("demo-4a", "demo-6a", "demo-7a", "demo-8a"):
        detail = json.loads(run("classes", "show", class_id, "--json").stdout)
        assert len(detail["students"]) == 25 and detail["teachers"], class_id
    # Grades 4, 7 and 8 are spread like grade 6: Spanish speakers and accommodations in each.
    by_class = {s["id"]: s for s in shown}
    for c in ("demo-4a", "demo-7a", "demo-8a"):
        ids = {r.id for r in school.students() if r.class_id == c}
        assert any(by_class[i]["language"] == "es" for i in ids), c
        assert sum(bool(by_class[i]["accommodations"]) for i in ids) >= 3, c


def test_a_grade_8_students_week_has_verified_items_with_figures(run) -> None:
    report = json.loads(_demo(run, "--json").stdout)
    grade8 = next(c for c in report["classes"] if c["id"] == "demo-8a")
    student = grade8["students"][0]["student_id"]
    result = run(
        "generate", "questions", "--student", student, "--week", WEEK, "--backend", "fake",
        "--no-log", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)["items"]
    assert items and all(i["verified"] and i["family"] for i in items), items
    picked = {p["code"] for p in grade8["students"][0]["picks"]}
    assert {i["topic"] for i in items} <= picked
    assert any(_grade(i["topic"]) == 8 for i in items)
    drawn = [i for i in items if i["figure"]]
    assert drawn, sorted({i["topic"] for i in items})
    for item in drawn:
        assert item["figure"]["svg"].startswith("<svg") and item["figure"]["alt"], item["id"]


def test_a_grade_4_class_plans_grade_4_topics_and_serves_only_verified_items(run) -> None:
    """demo-4a: grade 4 in the class list, each student's week of grade-4 topics (grade-3
    ones only as practised foundations); questions come from verified families, and a
    topic no family covers yet is a gap, never a made-up item."""
    _demo(run)
    listed = {c["id"]: c for c in json.loads(run("classes", "list", "--json").stdout)}
    assert listed["demo-4a"]["grade"] == "4" and listed["demo-4a"]["student_count"] == 25
    roster = [s for s in school.students() if s.class_id == "demo-4a"]
    ids = [s.id for s in roster]
    shown = [json.loads(run("topics", "show", sid, "--week", WEEK, "--json").stdout) for sid in ids]
    assert all(t["answers"] > 0 and t["picks"] for t in shown)
    picks = [(t["student_id"], p) for t in shown for p in t["picks"]]
    assert max(_grade(p["code"]) for _, p in picks) == 4
    assert sum(_grade(p["code"]) == 4 for _, p in picks) > len(picks) * 0.7
    for t in shown:
        for p in t["picks"]:
            if _grade(p["code"]) < 4:
                assert p["kind"] != "new" and p["code"] in t["mastery"], (t["student_id"], p)
    text = run("topics", "show", ids[0], "--week", WEEK).stdout
    assert text.startswith(f"{roster[0].given_name} {roster[0].family_name} ({ids[0]})")
    assert all(p["code"] in text and p["reason"] in text for p in shown[0]["picks"])

    families = {f["topic"] for f in json.loads(run("families", "list", "--json").stdout)}
    student = shown[0]
    result = run(
        "generate", "questions", "--student", student["student_id"], "--week", WEEK,
        "--backend", "fake", "--no-log", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)["items"]
    picked = {p["code"] for p in student["picks"]}
    assert all(i["verified"] and i["family"] for i in items), items
    # every grade-3 and grade-4 code has a family now: no gaps in a grade-4 week
    assert picked <= families, sorted(picked - families)
    assert {i["topic"] for i in items} == picked


def test_a_grade_4_students_week_has_figures_and_the_documents_show_them(run, tmp_path) -> None:
    """`generate plan` for a grade-4 demo student whose topics need a picture: the week's
    items carry verified figures, and the HTML, PDF and DOCX copies show each one."""
    _demo(run)
    drawn: list[dict] = []
    roster = [s.id for s in school.students() if s.class_id == "demo-4a"]
    for student in roster[:6]:
        result = run(
            "generate", "plan", "--student", student, "--week", WEEK, "--backend", "fake",
            "--no-log", "--json",
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        (plan,) = json.loads(result.stdout)["plans"]
        items = plan["items"]
        assert items and all(i["verified"] and i["family"] for i in items), student
        assert all(_grade(i["topic"]) in (3, 4) for i in items), student
        drawn = [i for i in items if i["figure"]]
        if drawn:
            break
    assert drawn, "no grade-4 demo student among the first six has a topic with a figure"
    out = tmp_path / "docs"
    for fmt in ("html", "pdf", "docx"):
        exported = run(
            "export", "plan", "--student", student, "--week", WEEK, "--format", fmt,
            "--out", str(out), "--include-drafts",
        )  # fmt: skip
        assert exported.exit_code == 0, exported.output
    html = (out / f"{student}-{WEEK}-plan.html").read_text(encoding="utf-8")
    for item in drawn:
        figure = item["figure"]
        assert figure["svg"].startswith("<svg") and figure["alt"], item["id"]
        # the alt text names the figure for a reader who can't see it, in the page itself
        assert html.count(escape(figure["alt"], quote=True)) >= 1, figure["alt"]
    assert html.count("<svg") >= len(drawn)
    # The PDF prints each figure with its description under it; the DOCX holds each figure
    # as a picture (after the mastery chart) described by its alt text.
    pdf = pypdfium2.PdfDocument(out / f"{student}-{WEEK}-plan.pdf")
    try:
        text = " ".join(
            " ".join(pdf[n].get_textpage().get_text_range().split()) for n in range(len(pdf))
        )
    finally:
        pdf.close()
    for item in drawn:
        assert " ".join(item["figure"]["alt"].split())[:40] in text, item["figure"]["alt"]
    doc = docx.Document(str(out / f"{student}-{WEEK}-plan.docx"))
    assert len(doc.inline_shapes) == 1 + len(drawn)
    described = {el.get("descr") for el in doc.element.body.iter() if el.tag.endswith("}docPr")}
    assert {i["figure"]["alt"] for i in drawn} <= described, described


def test_demo_rejects_a_bad_week(run) -> None:
    result = run("demo", "--week", "2026-49")
    assert result.exit_code == 2
    assert "ISO week" in result.output


def test_demo_reports_its_steps_on_stderr_when_not_a_terminal(run) -> None:
    result = _demo(run, "--json")
    steps = re.findall(r"^demo (\d)/6, \d+ s", result.stderr, re.MULTILINE)
    assert steps == ["1", "2", "3", "4", "5", "6"], result.stderr
    json.loads(result.stdout)  # stdout stays the artifact
