"""Auditing without a model: `edugen families list`, `edugen items sample`, a class's grade."""

from __future__ import annotations

import json
import re
from fractions import Fraction
from pathlib import Path
from typing import Any, get_args

import pytest
from lxml import etree

from edugen.content.cores import Kind
from edugen.content.families import all_families
from tests.conftest import Run
from tests.rosters import Tables, bundle, write_folder

SVG = "{http://www.w3.org/2000/svg}svg"
PAIR = re.compile(r"\((-?\d+), (-?\d+)\)")


def ok(run: Run, *args: str) -> Any:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def sample(run: Run, topic: str, *more: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = ok(run, "items", "sample", "--topic", topic, *more, "--json")
    return items


def test_families_list_names_every_registered_family_with_its_grade_tiers_and_kinds(
    run: Run, home: Path
) -> None:
    listed = ok(run, "families", "list", "--json")
    assert sorted(f["name"] for f in listed) == sorted(f.name for f in all_families())
    for row in listed:
        assert row["grade"] == row["topic"].split(".")[0]
        assert row["tiers"] == [1, 2, 3, 4, 5]
        assert row["kinds"] and set(row["kinds"]) <= set(get_args(Kind))
        assert row["figure"] == bool(row["figure_kinds"])
    by_name = {f["name"]: f for f in listed}
    assert by_name["polygon_area"]["figure"] and by_name["polygon_area"]["topic"] == "6.G.A.1"
    assert not by_name["factor_count"]["figure"] and by_name["factor_count"]["grade"] == "4"
    assert by_name["describe_data"]["kinds"] == ["multiple_choice", "numeric", "short_answer"]
    assert by_name["reflection"]["kinds"] == ["multiple_choice", "ordered_pair"]
    assert by_name["linear_expressions"]["kinds"] == ["multiple_choice", "expression"]
    assert not list(home.iterdir())  # no database made: the registry needs none


@pytest.mark.parametrize("grade", ["6", "06"])
def test_families_list_by_grade_keeps_only_that_grade(run: Run, grade: str) -> None:
    sixth = ok(run, "families", "list", "--grade", grade, "--json")
    assert sixth and {f["grade"] for f in sixth} == {"6"}
    assert len(sixth) == sum(f.topic.startswith("6.") for f in all_families())
    assert ok(run, "families", "list", "--grade", "12", "--json") == []


def test_families_list_as_text_is_a_table(run: Run) -> None:
    result = run("families", "list", "--grade", "6")
    assert result.exit_code == 0, result.output
    header, rule, *rows = result.stdout.splitlines()
    assert header.split() == ["name", "topic", "grade", "tiers", "kinds", "figure_kinds"]
    assert any(r.startswith("polygon_area") and "polygon" in r.split()[-1] for r in rows)


def test_a_family_said_to_draw_figures_gives_items_with_valid_svg_and_alt_text(run: Run) -> None:
    listed = ok(run, "families", "list", "--json")
    per_topic = {f["topic"]: sum(g["topic"] == f["topic"] for g in listed) for f in listed}
    drawing = [f for f in listed if f["figure"]]
    assert drawing
    for row in drawing:
        count = str(5 * per_topic[row["topic"]])  # every tier of every family of the topic
        mine = [
            i for i in sample(run, row["topic"], "--count", count) if i["family"] == row["name"]
        ]
        assert any(i["figure"] for i in mine), row["name"]  # drawn across its tiers
        for item in (i for i in mine if i["figure"]):
            figure = item["figure"]
            assert etree.fromstring(figure["svg"].encode()).tag == SVG
            assert figure["alt"].strip() and figure["kind"] in row["figure_kinds"]
            # the figure labels only numbers the question has
            stem_numbers = re.findall(r"-?\d+(?:\.\d+)?(?:/\d+)?", item["stem"])
            assert set(figure["numbers"]) <= set(stem_numbers), (figure["numbers"], item["stem"])


def test_items_sample_gives_verified_items_with_distinct_choices_and_named_misconceptions(
    run: Run, home: Path
) -> None:
    items = sample(run, "6.RP.A.3.c", "--count", "8", "--seed", "5")
    assert len(items) == 8
    assert [i["tier"] for i in items] == [1, 2, 3, 4, 5, 1, 2, 3]
    assert [i["seed"] for i in items] == list(range(5, 13))
    for item in items:
        assert item["verified"] and item["problems"] == [], item
        assert item["topic"] == "6.RP.A.3.c" and item["family"] == "percent"
        assert item["stem"] and item["solution"] and item["answer"]
        wrong = [d["value"] for d in item["distractors"]]
        assert len(wrong) == 3 and item["answer"] not in wrong
        assert all(len(d["misconception"]) >= 3 for d in item["distractors"])
        if item["kind"] == "multiple_choice":
            assert len(set(item["choices"])) == 4
            assert sorted(item["choices"]) == sorted([item["answer"], *wrong])
        else:
            assert item["choices"] is None
    assert {i["kind"] for i in items} == {"multiple_choice", "numeric"}
    assert sample(run, "6.RP.A.3.c", "--count", "8", "--seed", "5") == items  # seeded
    assert not list(home.iterdir())  # nothing stored


def test_items_sample_keys_match_an_independent_reading_of_the_question(run: Run) -> None:
    items = sample(run, "6.NS.C.8", "--count", "10", "--kind", "numeric")
    assert {i["kind"] for i in items} == {"numeric"}
    for item in items:
        (x1, y1), (x2, y2) = ((int(a), int(b)) for a, b in PAIR.findall(item["stem"]))
        dx, dy = abs(x1 - x2), abs(y1 - y2)
        want = 2 * (dx + dy) if "perimeter" in item["stem"] else dx + dy
        assert Fraction(item["answer"]) == want, item["stem"]
        assert all(Fraction(d["value"]) != want for d in item["distractors"])


def test_items_sample_keeps_to_one_tier_when_asked(run: Run) -> None:
    items = sample(run, "6.EE.A.1", "--tier", "4", "--count", "4")
    assert [i["tier"] for i in items] == [4, 4, 4, 4]
    assert len({i["stem"] for i in items}) == 4


def test_items_sample_as_text_shows_key_misconceptions_and_figure(run: Run) -> None:
    result = run("items", "sample", "--topic", "6.G.A.1", "--count", "1")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("1. [polygon_area, tier 1, multiple_choice, seed 0; verified]")
    assert "[Figure: " in out and "answer: " in out and out.count("wrong ") == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--topic", "9.ZZ.A.1"), "no item family writes items for topic '9.ZZ.A.1'"),
        (("--topic", "6.RP.A.1", "--kind", "numeric"), "no family of topic '6.RP.A.1' writes"),
        (("--topic", "6.RP.A.1", "--tier", "6"), "--tier"),
        (("--topic", "6.RP.A.1", "--count", "0"), "--count"),
    ],
)
def test_items_sample_refuses_what_it_cannot_sample_with_a_usage_error(
    run: Run, args: tuple[str, ...], message: str
) -> None:
    result = run("items", "sample", *args, "--json")
    assert result.exit_code == 2
    assert message in result.output and "Usage: cli items sample" in result.output
    assert result.stdout == ""  # stdout carries only the artifact


def test_classes_list_gives_each_class_its_grade(any_run: Run, tmp_path: Path) -> None:
    run = any_run

    def edit(t: Tables) -> None:
        # cl-6b's roster names no grade: its one student (in grade 7) decides
        next(c for c in t["classes.csv"] if c["sourcedId"] == "cl-6b")["grades"] = ""
        next(u for u in t["users.csv"] if u["sourcedId"] == "u-s1")["grades"] = "07"

    result = run("import", "oneroster", write_folder(tmp_path / "roster", bundle(edit=edit)))
    assert result.exit_code == 0, result.output
    classes = {c["id"]: c for c in ok(run, "classes", "list", "--json")}
    assert (classes["cl-6a"]["grades"], classes["cl-6a"]["grade"]) == (["06"], "6")
    assert (classes["cl-6b"]["grades"], classes["cl-6b"]["grade"]) == ([], "7")
    assert ok(run, "classes", "show", "cl-6b", "--json")["grade"] == "7"
    text = run("classes", "list").stdout
    assert re.search(r"^cl-6b\s+Math 6B\s+sch1\s+7\s+1$", text, re.MULTILINE), text


def test_the_demo_classes_list_their_grades(demo: Run) -> None:
    assert {c["id"]: c["grade"] for c in ok(demo, "classes", "list", "--json")} == {
        "demo-4a": "4",
        "demo-6a": "6",
        "demo-6b": "6",
        "demo-7a": "7",
        "demo-8a": "8",
    }
