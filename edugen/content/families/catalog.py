"""The family registry read for auditing: what each family declares, and items sampled from it.

Pure and model-free: nothing is stored and no database is opened. Whether a family draws
a figure is read from what it generates (one seed per tier), not from a flag it could
forget to set. Sampled items are re-checked by their family's own `check`.
"""

from __future__ import annotations

from pydantic import BaseModel

from edugen.content.cores import Distractor, Kind
from edugen.content.families import all_families, families_for
from edugen.content.families.base import Family
from edugen.errors import UsageError
from edugen.schemas import Figure

TIERS = (1, 2, 3, 4, 5)
# Seed used to tell whether a family draws figures (each tier once).
PROBE_SEED = 0


class FamilyInfo(BaseModel):
    """One family as `edugen families list` shows it."""

    name: str
    topic: str
    grade: str
    tiers: list[int]
    kinds: list[Kind]
    figure: bool
    figure_kinds: list[str]


class SampledItem(BaseModel):
    """One item straight from a family: the verified core, re-checked, with its problems."""

    family: str
    topic: str
    tier: int
    seed: int
    kind: Kind
    stem: str
    choices: list[str] | None
    answer: str
    solution: list[str]
    distractors: list[Distractor]
    verified: bool
    problems: list[str]
    figure: Figure | None


def grade_of(topic: str) -> str:
    """A CCSS code's grade as the curriculum writes it ("6" for 6.RP.A.1, "K" for K.CC.A.1)."""
    return topic.split(".", 1)[0]


def describe(fam: Family) -> FamilyInfo:
    figures = {
        core.figure.kind
        for tier in TIERS
        if (core := fam.generate(tier, PROBE_SEED)).figure is not None
    }
    return FamilyInfo(
        name=fam.name,
        topic=fam.topic,
        grade=grade_of(fam.topic),
        tiers=list(TIERS),
        kinds=list(fam.kinds),
        figure=bool(figures),
        figure_kinds=sorted(figures),
    )


def catalog(grade: str | None = None) -> list[FamilyInfo]:
    """Every registered family (of one grade, if given), by topic code then name."""
    chosen = [f for f in all_families() if grade is None or grade_of(f.topic) == grade]
    return [describe(f) for f in sorted(chosen, key=lambda f: (f.topic, f.name))]


def sample(
    topic: str, *, count: int = 5, seed: int = 0, tier: int | None = None, kind: Kind | None = None
) -> list[SampledItem]:
    """`count` items for a topic: families taken in turn, tiers 1-5 in turn unless one is
    given, each family's kinds in turn unless one is given, seeds from `seed` upward."""
    fams = sorted(families_for(topic), key=lambda f: f.name)
    if not fams:
        raise UsageError(
            f"no item family writes items for topic {topic!r}; "
            "'edugen families list' shows the topics that have one"
        )
    if kind is not None:
        fams = [f for f in fams if kind in f.kinds]
        if not fams:
            raise UsageError(f"no family of topic {topic!r} writes {kind} items")
    items = []
    for i in range(count):
        fam = fams[i % len(fams)]
        round_ = i // len(fams)
        core = fam.generate(
            tier or TIERS[round_ % len(TIERS)],
            seed + i,
            kind or fam.kinds[round_ % len(fam.kinds)],
        )
        problems = fam.check(core)
        items.append(
            SampledItem(
                family=core.family,
                topic=core.topic,
                tier=core.tier,
                seed=core.seed,
                kind=core.kind,
                stem=core.question,
                choices=core.options,
                answer=core.answer,
                solution=core.solution,
                distractors=core.distractors,
                verified=not problems,
                problems=problems,
                figure=core.figure,
            )
        )
    return items
