"""A step back across grades through the real entry points (issue #13): a grade-5 student
stuck on 5.NF.B.4 in the shipped curriculum goes back to a grade-4 (or grade-3) topic that
has items, and the week's questions for it are served."""

from __future__ import annotations

import json
from pathlib import Path

from edugen.demo import school
from tests.rosters import Tables, bundle, write_folder

WEEK = "2026-W49"
STUDENT = "u-s1"


def _grade_5(tables: Tables) -> None:
    for table in ("users.csv", "courses.csv", "classes.csv"):
        for row in tables[table]:
            if row.get("grades"):
                row["grades"] = "05"


def _answers(path: Path) -> Path:
    """Right once then three misses in a row on 5.NF.B.4; mostly misses on its sub-standard
    5.NF.B.4.a, on 4.NF.B.4 and on 3.NF.A.1 (unit fractions), stuck on none of them but 3.NF.A.1,
    which has no prerequisite to step back to."""
    lines = ["student_id,topic,correct,timestamp"]
    day = 0
    for topic, marks in (
        ("3.NF.A.1", "00"),
        ("4.NF.B.4", "001"),
        ("5.NF.B.4.a", "001"),
        ("5.NF.B.4", "1000"),
    ):
        for mark in marks:
            day += 1
            lines.append(f"{STUDENT},{topic},{mark},2026-11-{day:02d}T10:00:00Z")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _bank(path: Path) -> Path:
    """Three teacher's items for 4.NF.B.4, so that grade-4 topic has items whatever the
    families cover."""
    rows = ["id,topic,kind,tier,stem,options,answer,rubric,explanation,hint"]
    for n, (times, top) in enumerate(((3, 2), (4, 3), (5, 2)), start=1):
        answer = f"{times * top}/5"
        options = f"{answer}|{top}/{5 * times}|{times + top}/5|{top}/5"
        rows.append(
            f"nf-b4-{n},4.NF.B.4,multiple_choice,2,What is {times} × {top}/5?,{options},"
            f"{answer},,{times} groups of {top}/5 make {answer}.,Count the fifths."
        )
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_grade_5_student_stuck_on_5_nf_b_4_steps_back_to_an_earlier_grade_with_items(
    run, tmp_path: Path
) -> None:
    for kind, path in (
        ("curriculum", school.DATA / "curriculum.csv"),
        ("oneroster", write_folder(tmp_path / "roster", bundle(edit=_grade_5))),
        ("items", _bank(tmp_path / "bank.csv")),
        ("results", _answers(tmp_path / "answers.csv")),
    ):
        result = run("import", kind, str(path))
        assert result.exit_code == 0, (kind, result.output)
    assert json.loads(run("students", "show", STUDENT, "--json").stdout)["grade"] == "05"
    families = {f["topic"] for f in json.loads(run("families", "list", "--json").stdout)}

    shown = json.loads(run("topics", "show", STUDENT, "--week", WEEK, "--json").stdout)
    back = [p for p in shown["picks"] if p["kind"] == "step back"]
    assert [p["stuck_on"] for p in back] == ["5.NF.B.4"], shown["picks"]
    # Down 5.NF.B.4.a (no items of its own needed) to 4.NF.B.4, which has items; further
    # down to 3.NF.A.1 only once a family covers it.
    want = "3.NF.A.1" if "3.NF.A.1" in families else "4.NF.B.4"
    assert back[0]["code"] == want, back
    assert f"prerequisite {want} is not yet mastered" in back[0]["reason"]

    result = run(
        "generate", "questions", "--student", STUDENT, "--week", WEEK, "--backend", "fake",
        "--no-log", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    items = [i for i in json.loads(result.stdout)["items"] if i["topic"] == want]
    assert items, result.output
    for item in items:
        assert item["family"] or item["id"].startswith("bank:nf-b4-"), item
