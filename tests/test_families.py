"""Item families: every family, tier and kind writes valid, deterministic, self-checking cores."""

from __future__ import annotations

import csv

import pytest
import sympy

from edugen.content.cores import ItemCore, Kind
from edugen.content.families import Family, all_families, families_for, family, topics
from edugen.content.families.common import to_sympy
from tests.conftest import ROOT

FAMILIES = all_families()
SEEDS = range(6)
CURRICULUM = ROOT / "edugen" / "demo" / "data" / "curriculum.csv"


def _cases() -> list[tuple[Family, Kind]]:
    return [(f, kind) for f in FAMILIES for kind in f.kinds]


def test_registry_covers_most_demo_topics() -> None:
    with CURRICULUM.open(newline="") as fh:
        codes = {row["code"] for row in csv.DictReader(fh)}
    assert topics() <= codes
    assert len(topics()) >= 28
    assert len({f.name for f in FAMILIES}) == len(FAMILIES)
    for code in topics():
        assert all(f.topic == code for f in families_for(code))
    assert families_for("no.such.topic") == ()
    assert family("fraction_division").topic == "6.NS.A.1"


@pytest.mark.parametrize(("fam", "kind"), _cases(), ids=lambda v: getattr(v, "name", v))
def test_every_tier_writes_valid_checked_cores(fam: Family, kind: Kind) -> None:
    assert "multiple_choice" in fam.kinds
    for tier in range(1, 6):
        for seed in SEEDS:
            core = fam.generate(tier, seed, kind)
            assert ItemCore.model_validate(core.model_dump()) == core
            assert (core.family, core.topic, core.tier, core.seed, core.kind) == (
                fam.name,
                fam.topic,
                tier,
                seed,
                kind,
            )
            assert core == fam.generate(tier, seed, kind)
            wrong = [d.value for d in core.distractors]
            assert len(wrong) == 3 and len(set(wrong)) == 3 and core.answer not in wrong
            assert all(d.misconception.strip() for d in core.distractors)
            if kind == "multiple_choice":
                assert core.options is not None and len(set(core.options)) == 4
                assert core.answer in core.options
            if kind == "numeric":
                assert core.tolerance is not None
            if kind == "short_answer":
                assert core.rubric
            assert core.solution and core.context_hint
            assert fam.check(core) == [], (core.question, core.answer)


def test_options_are_shuffled_by_seed() -> None:
    cores = [fam.generate(3, seed) for fam in FAMILIES for seed in SEEDS]
    positions = {c.options.index(c.answer) for c in cores if c.options is not None}
    assert positions == {0, 1, 2, 3}


def test_tiers_differ() -> None:
    for fam in FAMILIES:
        questions = {fam.generate(tier, 0).question for tier in range(1, 6)}
        assert len(questions) >= 4, fam.name


@pytest.mark.parametrize("fam", FAMILIES, ids=lambda f: f.name)
def test_check_catches_a_wrong_key(fam: Family) -> None:
    core = fam.generate(3, 1)
    wrong = core.distractors[0].value
    swapped = core.model_copy(update={"answer": wrong})
    assert any("wrong" in p for p in fam.check(swapped))
    value = core.model_copy(update={"answer_value": sympy.srepr(to_sympy(wrong))})
    assert any("answer_value" in p for p in fam.check(value))
    leaky = core.model_copy(
        update={"distractors": [core.distractors[0].model_copy(update={"value": core.answer})]}
    )
    assert any("also right" in p for p in fam.check(leaky))


def test_check_catches_numbers_that_disagree_with_the_question() -> None:
    fam = family("fraction_division")
    core = fam.generate(3, 2)
    assert fam.check(core.model_copy(update={"numbers": [*core.numbers, "7"]}))
    edited = core.question.replace(core.numbers[0], "99/7", 1)
    problems = fam.check(core.model_copy(update={"question": edited}))
    assert any("numbers" in p for p in problems) and any("wrong" in p for p in problems)


def test_check_rejects_answers_not_in_simplest_form() -> None:
    fam = family("fraction_multiplication")
    core = fam.generate(3, 0)
    n, d = core.answer.split("/") if "/" in core.answer else (core.answer, "1")
    unreduced = f"{int(n) * 2}/{int(d) * 2}"
    assert any("simplest" in p for p in fam.check(core.model_copy(update={"answer": unreduced})))


def test_generate_rejects_bad_arguments() -> None:
    fam = family("ratio_language")
    with pytest.raises(ValueError, match="tier"):
        fam.generate(6, 0)
    with pytest.raises(ValueError, match="numeric"):
        fam.generate(2, 0, "numeric")


def test_core_validation_rejects_inconsistent_options() -> None:
    core = family("percent").generate(2, 3)
    data = core.model_dump()
    with pytest.raises(ValueError):
        ItemCore.model_validate({**data, "options": [*data["options"][:3], "999999"]})
    with pytest.raises(ValueError):
        ItemCore.model_validate({**data, "kind": "numeric"})
    with pytest.raises(ValueError):
        ItemCore.model_validate({**data, "tier": 6})
