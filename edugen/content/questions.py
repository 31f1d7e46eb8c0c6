"""Choose a student's practice questions for a week: verified cores, bank items, no repeats.

Pure: the caller passes what the student was served recently (as fingerprints) and the
teacher's bank; nothing here reads a database or calls a model. The same student, week
and inputs always give the same choice, so a rerun of a week makes the same items.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING

from edugen.content.cores import ItemCore, Kind
from edugen.schemas import PracticeItem, Provenance, TopicPick

if TYPE_CHECKING:
    from edugen.content.families import Family

# How much of a week's questions each kind of pick gets, relative to the others.
WEIGHTS = {"assigned": 3, "new": 3, "continue": 3, "step back": 3, "stretch": 2, "spaced review": 1}
# Seeds tried per slot before giving up on finding a question the student has not seen.
SEED_TRIES = 40
# At least this share of a week's questions whose family can take a typed answer (a number,
# a point, an expression) do so.
NUMERIC_SHARE = 0.3
# The kinds a student types, in the order a family's first one is chosen.
TYPED: tuple[Kind, ...] = ("numeric", "ordered_pair", "expression")


@dataclass(frozen=True)
class Slot:
    """One question to serve: a verified core to frame, a bank item as is, or a gap."""

    topic: str
    topic_title: str
    tier: int
    core: ItemCore | None = None
    bank: PracticeItem | None = None

    @property
    def fingerprint(self) -> str:
        if self.core is not None:
            return core_fingerprint(self.core)
        assert self.bank is not None
        return stem_fingerprint(self.bank.stem)


@dataclass(frozen=True)
class Selection:
    slots: list[Slot]
    # Topics that got fewer questions than their share, with why, and how many are missing.
    gaps: dict[str, str]
    missing: dict[str, int] = field(default_factory=dict)


def allocate(picks: Sequence[TopicPick], count: int) -> list[int]:
    """How many questions each pick gets: by weight, largest remainder, at least one each
    while there are enough to go round (most important picks first)."""
    if count <= 0 or not picks:
        return [0] * len(picks)
    weights = [WEIGHTS.get(p.kind, 1) for p in picks]
    shares = [0] * len(picks)
    for i in range(min(count, len(picks))):
        shares[i] = 1
    left = count - sum(shares)
    if left > 0:
        total = sum(weights)
        exact = [left * w / total for w in weights]
        extra = [int(e) for e in exact]
        order = sorted(range(len(picks)), key=lambda i: (-(exact[i] - extra[i]), i))
        for i in order[: left - sum(extra)]:
            extra[i] += 1
        shares = [s + e for s, e in zip(shares, extra, strict=True)]
    return shares


def choose(
    picks: Sequence[TopicPick],
    *,
    count: int,
    student_id: str,
    week: str,
    recent: Collection[str] = (),
    bank: Mapping[str, Sequence[PracticeItem]] | None = None,
    numeric_share: float = NUMERIC_SHARE,
) -> Selection:
    """`count` questions over the week's picks, none the student saw recently.

    Families come first; a topic without one takes the teacher's bank items. `recent`
    holds the fingerprints of what the student was served in the last weeks. Kinds follow
    `kind_mix`: at least `numeric_share` of the family questions that can be typed are.
    """
    bank = bank or {}
    seen = set(recent)
    slots: list[Slot] = []
    gaps: dict[str, str] = {}
    missing: dict[str, int] = {}
    shares = allocate(picks, count)
    planned = [
        found[j % len(found)].kinds
        for pick, share in zip(picks, shares, strict=True)
        if (found := families_for(pick.code))
        for j in range(share)
    ]
    kinds = iter(kind_mix(planned, numeric_share=numeric_share))
    for pick, share in zip(picks, shares, strict=True):
        if share == 0:
            continue
        tier = pick.tier or 3
        found = families_for(pick.code)
        if not found:
            taken = _from_bank(pick, share, bank.get(pick.code, ()), seen)
            slots += taken
            if len(taken) < share:
                missing[pick.code] = share - len(taken)
                gaps[pick.code] = (
                    "no verified item family, and the bank has no unseen items"
                    if bank.get(pick.code)
                    else "no verified item family and no bank items"
                )
            continue
        for j in range(share):
            fam = found[j % len(found)]
            kind = next(kinds)
            core = _fresh_core(fam, tier, kind, seen, student_id, week, pick.code, j)
            if core is None:
                gaps[pick.code] = "every question the family writes here was served recently"
                missing[pick.code] = missing.get(pick.code, 0) + 1
                continue
            seen.add(core_fingerprint(core))
            slots.append(Slot(pick.code, pick.title, tier, core=core))
    return Selection(slots, gaps, missing)


def families_for(topic: str) -> tuple[Family, ...]:
    # The families import sympy: loaded when questions are chosen, not when edugen starts.
    from edugen.content import families

    return families.families_for(topic)


def kind_mix(
    supported: Sequence[Sequence[Kind]], *, numeric_share: float = NUMERIC_SHARE
) -> list[Kind]:
    """The kind of each of a week's family questions, given the kinds each one's family
    writes: at least `numeric_share` of those that can be typed are (spread through the
    week), each as its family's first typed kind (a number, a point, an expression); one
    short answer at most; the rest multiple choice where the family writes it."""
    typed = [next((k for k in TYPED if k in kinds), None) for kinds in supported]
    can = [i for i, kind in enumerate(typed) if kind is not None]
    want = math.ceil(numeric_share * len(can) - 1e-9)
    # evenly spaced through the week, so no topic gets only one kind
    chosen = {can[int(k * len(can) / want)] for k in range(want)} if want else set()
    out: list[Kind] = []
    short_answer_used = False
    for i, kinds in enumerate(supported):
        kind = typed[i]
        if i in chosen and kind is not None:
            out.append(kind)
        elif i >= 3 and "short_answer" in kinds and not short_answer_used:
            short_answer_used = True
            out.append("short_answer")
        else:
            out.append("multiple_choice" if "multiple_choice" in kinds else kinds[0])
    return out


def _fresh_core(
    fam: Family,
    tier: int,
    kind: Kind,
    seen: Collection[str],
    student_id: str,
    week: str,
    topic: str,
    j: int,
) -> ItemCore | None:
    for attempt in range(SEED_TRIES):
        seed = seed_for(student_id, week, topic, j, attempt)
        core = fam.generate(tier, seed, kind)
        if core_fingerprint(core) not in seen:
            return core
    return None


def _from_bank(
    pick: TopicPick, share: int, items: Sequence[PracticeItem], seen: set[str]
) -> list[Slot]:
    # Nearest tier first, then the bank's own order.
    tier = pick.tier or 3
    ranked = sorted(items, key=lambda item: (abs(item.tier - tier), item.id))
    out: list[Slot] = []
    for item in ranked:
        if len(out) == share:
            break
        fingerprint = stem_fingerprint(item.stem)
        if fingerprint in seen:
            continue
        seen.add(fingerprint)
        out.append(Slot(pick.code, pick.title, item.tier, bank=item))
    return out


def seed_for(*parts: object) -> int:
    """A 31-bit seed from the parts (stable across runs and platforms)."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:4], "big") & 0x7FFFFFFF


def core_fingerprint(core: ItemCore) -> str:
    """The same question shares it whatever its kind: the family, the question as rendered
    (without a short answer's request to explain or a typed kind's way to write it), the
    key and the wrong answers it offers. Two items with the same numbers but a different
    question (across the x-axis or the y-axis; "more than" or "at least") differ. A
    figure's kind and numbers count where it labels a number the question does not show (an
    angle's measure); a figure that only repeats the question's numbers changes nothing, so
    adding one to a family keeps the no-repeat history of its items."""
    from edugen.content.families import family

    question = family(core.family).plain_question(core.question)
    wrong = sorted(d.value for d in core.distractors)
    drawn: list[str] = []
    if core.figure is not None and not set(core.figure.numbers) <= set(core.numbers):
        drawn = ["figure", core.figure.kind, *core.figure.numbers]
    return _digest("core", core.family, question, core.answer, *wrong, *drawn)


_WORD = re.compile(r"[a-z0-9]+(?:[./][0-9]+)*")


def stem_fingerprint(stem: str) -> str:
    """Near-duplicates share it: the same words and numbers, whatever the case and spacing."""
    return _digest("stem", *_WORD.findall(stem.lower()))


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def item_id(student_id: str, week: str, fingerprint: str) -> str:
    """A generated item's id: the same student, week and question give the same id."""
    return "gen-" + _digest(student_id, week, fingerprint)[:20]


def plain_item(slot: Slot, item_id: str) -> PracticeItem:
    """A slot as a practice item with the verified question as its stem (no framing yet)."""
    if slot.bank is not None:
        return slot.bank
    core = slot.core
    assert core is not None
    return PracticeItem(
        id=item_id,
        topic=core.topic,
        topic_title=slot.topic_title,
        kind=core.kind,
        tier=core.tier,
        stem=core.question,
        options=core.options,
        answer=core.answer,
        tolerance=core.tolerance,
        rubric=core.rubric,
        solution=core.solution,
        verified=True,
        source="family",
        family=core.family,
        seed=core.seed,
        misconceptions={d.value: d.misconception for d in core.distractors},
        provenance=Provenance(
            question=core.question, numbers=list(core.numbers), fingerprint=slot.fingerprint
        ),
        figure=core.figure,
    )


def keeps_how_to_write(core: ItemCore, stem: str) -> str:
    """A framed stem for a typed point or expression that still says how to write the
    answer, as the core's question does: a reworded stem may drop the sentence, and the
    answer is checked in that form."""
    from edugen.content.families import family

    if core.kind not in ("expression", "ordered_pair"):
        return stem
    added = core.question.removeprefix(family(core.family).plain_question(core.question))
    added = added.strip()
    return stem if not added or added in stem else f"{stem.rstrip()} {added}"


def fallback_hint(core: ItemCore, topic_title: str) -> str | None:
    """The hint when no model writes one: the worked solution's first step if it gives the
    answer away in no form, adds no number beyond the question's own and is about this
    question (not "2 = 2."); else the family's strategy (a sentence with no number in it);
    else no hint at all, rather than a sentence that fits any question."""
    from edugen.content.families import family
    from edugen.content.families.common import numbers_in

    allowed = {Fraction(n) for n in numbers_in(core.question)}
    step = core.solution[0]
    if all(Fraction(n) in allowed for n in numbers_in(step)) and _usable(step, core):
        return step
    strategy = getattr(family(core.family), "strategy", "")
    if strategy and _usable(strategy, core):
        return str(strategy)
    return None


def item_hint(core: ItemCore, topic_title: str, written: str | None) -> str | None:
    """The hint an item carries, whoever wrote it: `written` (a model's) if it hides the
    answer and is specific, else `fallback_hint`. The last guard before a hint reaches a
    student."""
    if written is not None and _usable(written, core):
        return written
    return fallback_hint(core, topic_title)


def _usable(hint: str, core: ItemCore) -> bool:
    from edugen.validators import check_hint_specific

    return hides_answer(hint, core) and not check_hint_specific(hint)


def hides_answer(hint: str, core: ItemCore) -> bool:
    from edugen.validators import check_hint_hides_answer

    return not check_hint_hides_answer(hint, core)
