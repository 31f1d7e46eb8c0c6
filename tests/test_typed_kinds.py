"""Typed points and expressions end to end: the families that write them, a week's kinds, the
CLI's sample, the bank importer, and Moodle's Responses report scored by the same forms."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from edugen.content.answers import accepts, key_form
from edugen.content.cores import Kind
from edugen.content.families import all_families, family
from edugen.content.questions import Slot, choose, core_fingerprint, kind_mix, plain_item
from edugen.exporters.lms.common import accepted_texts
from edugen.importers.lms_results.moodle import same_answer
from edugen.profiles.db import Database
from edugen.profiles.models import Item, ItemKind
from edugen.schemas import PracticeItem, TopicPick
from tests.conftest import Run, assert_input_rejected, write

TYPED: tuple[Kind, ...] = ("expression", "ordered_pair")
CASES = [(fam, kind) for fam in all_families() for kind in TYPED if kind in fam.kinds]
# The expression a rewrite question gives: restating it must never be the answer.
GIVEN = re.compile(r"Which expression is (?:equivalent to )?(.+?)(?: with its .*)?\?")


def practice_item(core: Any) -> PracticeItem:
    return plain_item(Slot(core.topic, core.topic, core.tier, core=core), "gen-1")


def test_the_families_that_fit_write_the_typed_kinds() -> None:
    writes = {(fam.topic, kind) for fam, kind in CASES}
    for topic in ("6.EE.A.3", "6.EE.A.4", "7.EE.A.1", "8.EE.B.6"):
        assert (topic, "expression") in writes, topic
    for topic in ("6.NS.C.6.b", "8.EE.C.8.b"):
        assert (topic, "ordered_pair") in writes, topic


@pytest.mark.parametrize(("fam", "kind"), CASES, ids=lambda v: getattr(v, "name", v))
def test_a_typed_core_is_checked_and_takes_every_form_an_export_lists(fam: Any, kind: Kind) -> None:
    for tier in range(1, 6):
        for seed in range(8):
            core = fam.generate(tier, seed, kind)
            assert core.options is None and fam.check(core) == [], (core.question, core.answer)
            item = practice_item(core)
            listed = accepted_texts(item)
            assert listed[0] == core.answer
            assert all(accepts(text, core.answer, kind=kind) for text in listed), listed
            for d in core.distractors:
                assert not accepts(d.value, core.answer, kind=kind), (core.question, d)
            # the same question as the multiple-choice one, so the no-repeat rule holds
            assert core_fingerprint(core) == core_fingerprint(fam.generate(tier, seed))
            if kind == "expression" and (given := GIVEN.search(core.question)):
                assert not accepts(given[1], core.answer, kind=kind), core.question


def test_a_typed_question_says_how_to_write_the_answer() -> None:
    expand = family("distributive_property").generate(1, 0, "expression")
    assert key_form(expand.answer) == "expanded"
    assert expand.question.endswith("Write it without parentheses, with like terms combined.")
    factor = family("linear_expressions").generate(4, 0, "expression")
    assert key_form(factor.answer) == "factored" and "greatest common factor" in factor.question
    line = family("slope_intercept").generate(3, 0, "expression")
    assert key_form(line.answer) == "equation"
    assert line.question.endswith("Write it as an equation in x and y.")
    point = family("reflection").generate(2, 0, "ordered_pair")
    assert point.question.endswith("Write it as (x, y).")
    system = family("system_solve").generate(2, 0, "ordered_pair")
    assert system.question.endswith("What is the solution (x, y)?")  # it says so already


def test_a_key_that_no_longer_matches_its_question_fails_the_family_check() -> None:
    fam = family("distributive_property")
    core = fam.generate(1, 0, "expression")
    stale = core.model_copy(update={"answer": core.distractors[0].value})
    assert any("wrong" in p for p in fam.check(stale))
    factored = fam.generate(3, 0, "expression")
    assert key_form(factored.answer) == "factored"
    # an expanded key under a question that asks for a factor: the forms disagree
    asked = factored.model_copy(update={"question": core.question})
    assert any("form" in p for p in fam.check(asked))
    point = family("reflection").generate(1, 0, "ordered_pair")
    unreadable = point.model_copy(update={"answer": "(1, 2, 3)"})
    assert any("does not read" in p for p in family("reflection").check(unreadable))


def test_a_week_types_points_and_expressions_where_families_allow() -> None:
    mc: tuple[Kind, ...] = ("multiple_choice",)
    expr: tuple[Kind, ...] = ("multiple_choice", "expression")
    point: tuple[Kind, ...] = ("multiple_choice", "ordered_pair")
    kinds = kind_mix([expr, point, mc, expr, point, expr, point, mc, expr, point])
    assert kinds.count("expression") + kinds.count("ordered_pair") >= 3
    assert "expression" in kinds and "ordered_pair" in kinds
    assert all(k in ("multiple_choice", "expression", "ordered_pair") for k in kinds)
    assert kind_mix([expr] * 10, numeric_share=0.5).count("expression") == 5
    picks = [
        TopicPick(code=code, title=code, kind="new", tier=3, reason="test")
        for code in ("6.EE.A.3", "8.EE.C.8.b", "7.EE.A.1")
    ]
    selection = choose(picks, count=9, student_id="s1", week="2026-W10")
    served = {slot.core.kind for slot in selection.slots if slot.core is not None}
    assert {"expression", "ordered_pair"} <= served
    for n, slot in enumerate(selection.slots):
        item = plain_item(slot, f"gen-{n}")
        assert accepts(item.answer, item.answer, kind=item.kind, tolerance=item.tolerance)


# --- the CLI ------------------------------------------------------------------------------


def sample(run: Run, *args: str) -> list[dict[str, Any]]:
    result = run("items", "sample", *args, "--json")
    assert result.exit_code == 0, result.output
    items: list[dict[str, Any]] = json.loads(result.stdout)
    return items


def test_items_sample_returns_expression_and_point_items(run: Run, home: Path) -> None:
    for topic, kind in (("6.EE.A.3", "expression"), ("8.EE.C.8.b", "ordered_pair")):
        items = sample(run, "--topic", topic, "--kind", kind, "--count", "5")
        assert len(items) == 5
        for item in items:
            assert item["kind"] == kind and item["choices"] is None
            assert item["verified"] and item["problems"] == []
            assert accepts(item["answer"], item["answer"], kind=kind)
    # without --kind, a family's kinds come in turn
    kinds = [i["kind"] for i in sample(run, "--topic", "7.EE.A.1", "--count", "2")]
    assert kinds == ["multiple_choice", "expression"]


# --- the bank ---------------------------------------------------------------------------

CURRICULUM = "code,subject,grade,title,prerequisites\nT1,math,8,Lines,\n"
HEADER = "id,topic,kind,tier,stem,options,answer,tolerance,solution,rubric,hint\n"


@pytest.fixture
def topics(any_run: Run, any_db_url: str, tmp_path: Path) -> str:
    result = any_run("import", "curriculum", write(tmp_path, "topics.csv", CURRICULUM))
    assert result.exit_code == 0, result.output
    return any_db_url


def test_the_bank_imports_points_and_expressions(topics: str, any_run: Run, tmp_path: Path) -> None:
    bank = HEADER + (
        'p1,T1,ordered_pair,2,Where do y = x and y = 3 meet?,,"(3, 3)",,,,\n'
        'e1,T1,expression,3,"Write the line through (0, 3) with slope 2.",,y = 2x + 3,,,,\n'
        "e2,T1,expression,2,Expand 3(x + 2).,,3x + 6,,,,\n"
    )
    result = any_run("import", "items", write(tmp_path, "bank.csv", bank))
    assert result.exit_code == 0, result.output
    db = Database(topics)
    try:
        with db.begin() as session:
            items = {i.id: (i.kind, i.answer) for i in session.scalars(select(Item))}
    finally:
        db.dispose()
    assert items == {
        "bank:p1": (ItemKind.ordered_pair, "(3, 3)"),
        "bank:e1": (ItemKind.expression, "y = 2x + 3"),
        "bank:e2": (ItemKind.expression, "3x + 6"),
    }


@pytest.mark.parametrize(
    ("kind", "answer", "message"),
    [
        ("ordered_pair", '"(3, 3, 1)"', "is not a point"),
        ("ordered_pair", "three", "is not a point"),
        ("expression", "__import__('os')", "does not read as an expression or equation"),
        ("expression", "x^99999999", "does not read as an expression or equation"),
        ("expression", "3x +", "does not read as an expression or equation"),
    ],
)
def test_a_bank_key_that_does_not_read_names_file_line_and_field(
    topics: str, any_run: Run, tmp_path: Path, kind: str, answer: str, message: str
) -> None:
    bank = HEADER + f"ok,T1,numeric,,What is 2 + 2?,,4,,,,\nbad,T1,{kind},,Stem.,,{answer},,,,\n"
    result = any_run("import", "items", write(tmp_path, "bank.csv", bank))
    assert_input_rejected(result, "bank.csv:3: answer: ", message)


# --- Moodle's Responses report ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("response", "right", "same"),
    [
        ("(3,-2)", "(3, -2)", True),
        ("3, -2", "(3, -2)", True),
        ("(0.5, -2)", "(1/2, -2)", True),
        ("(-2, 3)", "(3, -2)", False),
        ("6+3*x", "3x + 6", True),
        ("2x + 3 = y", "y = 2x + 3", True),
        ("3(x + 2)", "3x + 6", False),
        ("0.75", "3/4", True),
        ("sey", "yes", False),  # words are never read as products of letters
        ("Yes", "yes", True),
    ],
)
def test_moodle_responses_score_points_and_expressions_as_an_export_lists_them(
    response: str, right: str, same: bool
) -> None:
    assert same_answer(response, right) is same


# --- documents ----------------------------------------------------------------------------


def typed_document() -> Any:
    """A real week whose first two questions are a typed point and a typed equation."""
    from tests.test_documents import student_document

    document = student_document()
    items = list(document.items)
    typed = {"options": None, "tolerance": None, "rubric": None, "misconceptions": {}}
    items[0] = items[0].model_copy(
        update={"kind": "ordered_pair", "stem": "Reflect (3, 2) across the x-axis.", **typed}
    )
    items[0] = items[0].model_copy(update={"answer": "(3, -2)"})
    items[1] = items[1].model_copy(
        update={"kind": "expression", "stem": "Write the line y = 2(x + 1).", **typed}
    )
    items[1] = items[1].model_copy(update={"answer": "y = 2x + 2"})
    return document.model_copy(update={"items": items})


@pytest.mark.parametrize("fmt", ["md", "html", "pdf", "docx"])
def test_a_student_copy_has_a_line_fitting_the_kind_and_the_key_shows_the_key(fmt: str) -> None:
    from tests.test_documents import squash, text_of

    document = typed_document()
    student = squash(text_of(document, fmt, "student"))
    assert squash("Answer: ( __________ , __________ )") in student
    assert squash("Answer: ________________________________") in student
    assert "(3,-2)" not in student and "y=2x+2" not in student
    teacher = squash(text_of(document, fmt, "teacher"))
    assert "(3,-2)" in teacher and "y=2x+2" in teacher
    assert "__________,__________" not in teacher


def test_a_reworded_stem_still_says_how_to_write_a_typed_answer() -> None:
    from edugen.content.questions import keeps_how_to_write

    core = family("distributive_property").generate(2, 0, "expression")
    how = "Write it without parentheses, with like terms combined."
    reworded = "Mia packs 4 boxes of (x - 3) apples. Write the total."
    assert keeps_how_to_write(core, reworded) == f"{reworded} {how}"
    assert keeps_how_to_write(core, core.question) == core.question
    assert (
        keeps_how_to_write(core, f"At the fair: {core.question}") == f"At the fair: {core.question}"
    )
    choice = family("distributive_property").generate(2, 0)
    assert keeps_how_to_write(choice, reworded) == reworded
