"""What an assessment reviewer checks in every family, tier and many seeds: well-posed stems,
plausible numbers, named misconceptions, enough distinct items, fingerprints that differ."""

from __future__ import annotations

import re

import pytest

from edugen.content.families import Family, all_families, family
from edugen.content.families.common import rng_for

FAMILIES = all_families()
TIERS = range(1, 6)
# Changes (money moved, yards on a play) are not positions: nothing is "apart" from them.
CHANGE_WORDS = re.compile(r"\b(deposited|withdrawn|gained|lost|spent|earned)\b")


def drafts(fam: Family, tier: int, seeds: range) -> list[str]:
    """The questions a family writes for these seeds, cheaply (no distractor work)."""
    return [fam.draft(tier, rng_for(fam.name, tier, s)).question for s in seeds]


@pytest.mark.parametrize("fam", FAMILIES, ids=lambda f: f.name)
def test_no_question_asks_how_far_apart_two_changes_are(fam: Family) -> None:
    for tier in TIERS:
        for question in drafts(fam, tier, range(300)):
            if re.search(r"\bapart\b|distance between", question):
                assert not CHANGE_WORDS.search(question), question


def test_the_issue_stem_is_never_written_again() -> None:
    fam = family("signed_quantity")
    for tier in TIERS:
        for seed in range(400):
            core = fam.generate(tier, seed)
            assert "How far apart are" not in core.question
            if "apart" in core.question:
                assert "money" not in core.context_hint
            else:  # which signed number: the amount asked for is the second one named
                assert core.question.count(" and ") >= 1, core.question
