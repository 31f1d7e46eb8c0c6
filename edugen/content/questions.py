"""Choose a student's practice questions for a week: verified cores, bank items, no repeats.

Pure: the caller passes what the student was served recently (as fingerprints) and the
teacher's bank; nothing here reads a database or calls a model. The same student, week
and inputs always give the same choice, so a rerun of a week makes the same items.
"""

from __future__ import annotations

import hashlib
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
WEIGHTS = {"assigned": 3, "new": 3, "continue": 3, "step back": 3, "stretch": 2, "review": 1}
# Seeds tried per slot before giving up on finding a question the student has not seen.
SEED_TRIES = 40


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
) -> Selection:
    """`count` questions over the week's picks, none the student saw recently.

    Families come first; a topic without one takes the teacher's bank items. `recent`
    holds the fingerprints of what the student was served in the last weeks.
    """
    bank = bank or {}
    seen = set(recent)
    slots: list[Slot] = []
    gaps: dict[str, str] = {}
    missing: dict[str, int] = {}
    short_answer_used = False
    for pick, share in zip(picks, allocate(picks, count), strict=True):
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
            kind = _kind(fam.kinds, j, short_answer_used)
            short_answer_used |= kind == "short_answer"
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


def _kind(supported: Sequence[Kind], j: int, short_answer_used: bool) -> Kind:
    """Mostly multiple choice, every third numeric, one short answer a week at most."""
    if j == 3 and "short_answer" in supported and not short_answer_used:
        return "short_answer"
    if j % 3 == 2 and "numeric" in supported:
        return "numeric"
    return "multiple_choice" if "multiple_choice" in supported else supported[0]


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
    """Near-duplicates share it: the same family with the same numbers, whatever the kind."""
    return _digest(core.family, *sorted(core.numbers))


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
    )


def fallback_hint(core: ItemCore, topic_title: str) -> str:
    """The hint when no model writes one: the worked solution's first step if it gives the
    answer away in no form and adds no number beyond the question's own; else the family's
    strategy (a sentence with no number in it); else a pointer to the method."""
    from edugen.content.families import family
    from edugen.content.families.common import numbers_in

    allowed = {Fraction(n) for n in numbers_in(core.question)}
    step = core.solution[0]
    if all(Fraction(n) in allowed for n in numbers_in(step)) and hides_answer(step, core):
        return step
    strategy = getattr(family(core.family), "strategy", "")
    if strategy and hides_answer(strategy, core):
        return strategy
    return f"Think about what {topic_title.lower()} means, then write down the first step."


def item_hint(core: ItemCore, topic_title: str, written: str | None) -> str:
    """The hint an item carries, whoever wrote it: `written` (a model's) if it hides the
    answer, else `fallback_hint`. The last guard before a hint reaches a student."""
    if written is not None and hides_answer(written, core):
        return written
    return fallback_hint(core, topic_title)


def hides_answer(hint: str, core: ItemCore) -> bool:
    from edugen.validators import check_hint_hides_answer

    return not check_hint_hides_answer(hint, core)
