"""Tuning the local model: gather the examples, then train a LoRA adapter on them.

Steps: the shipped training set (`prompts.tuning`), or the examples of a JSONL file instead
→ with `from_approved`, the school's own texts: accepted prompt log entries whose output a
teacher approved, or edited (then the teacher's words are the completion) → (messages,
completion) pairs → `backends.lora.tune`, which resumes the adapter's checkpoint if any.

How a logged output is linked to reviewed content (the log has no column naming it):
- a question's scene or hint: the entry of the item's run and template whose seed is the
  one its job used (`questions.seed_for(student, week, fingerprint)`, advanced per try as
  `retry_seed` does), or, failing that, whose scene opens the item's stem or whose hint is
  the item's hint. An edited stem gives the scene before the plain question; an edited hint
  is the completion itself.
- a plan's note and its resources' reasons: the entry of the plan's run and template whose
  every text is in the approved plan (a plan cannot be edited, so it is the model's text).
- a class week's note: never (a class week is not reviewed).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from edugen.backends import lora
from edugen.backends.base import Message
from edugen.content import questions
from edugen.errors import InputError, InputProblem
from edugen.importers.common import read_text
from edugen.profiles import reviewed
from edugen.profiles.db import Database
from edugen.prompts.log import LogRecord, logged_messages
from edugen.prompts.personalize import retry_seed

ITEM_TEMPLATES = ("question_scene", "hint")
PLAN_TEMPLATES = ("plan_note", "resource_rationale")


@dataclass(frozen=True)
class Gathered:
    """The pairs to train on and how many came from where."""

    pairs: list[lora.Pair]
    sources: dict[str, int]
    # The prompt templates the pairs teach; None when not known (an examples file).
    templates: tuple[str, ...] | None


def gather(
    *,
    db: Database | None,
    examples: Path | None = None,
    jobs: tuple[str, ...] | None = None,
    from_approved: bool = False,
) -> Gathered:
    """The training pairs: the shipped set (its `jobs`, all if None; or `examples`), plus
    approved texts if asked."""
    sources: dict[str, int] = {}
    if examples is not None:
        pairs = read_examples(examples)
        sources["file"] = len(pairs)
    else:
        from edugen.prompts import tuning  # renders every example's prompt: only when used

        pairs = []
        for example in tuning.load("train", jobs=jobs):
            pairs.append(lora.Pair(tuple(example.prompt.messages), example.output))
            key = f"shipped:{example.job}"
            sources[key] = sources.get(key, 0) + 1
    if from_approved:
        assert db is not None
        for kind, pair in approved_pairs(db):
            pairs.append(pair)
            sources[kind] = sources.get(kind, 0) + 1
    return Gathered(pairs, sources, _templates(sources))


def _templates(sources: dict[str, int]) -> tuple[str, ...] | None:
    """The templates the sources name ("shipped:scene", "approved:hint"); None when a source
    (a file) does not say."""
    from edugen.prompts.tuning import TEMPLATES

    learned = set()
    for source in sources:
        kind, _, what = source.partition(":")
        if kind == "shipped":
            learned.add(TEMPLATES[what])
        elif kind in ("approved", "edited"):
            learned.add(what)
        else:
            return None
    return tuple(sorted(learned))


def tune(
    *,
    db: Database | None,
    name: str,
    model: str | None = None,
    settings: lora.TuneSettings | None = None,
    examples: Path | None = None,
    jobs: tuple[str, ...] | None = None,
    from_approved: bool = False,
    restart: bool = False,
    progress: lora.Progress | None = None,
) -> lora.TuneResult:
    """Gather the examples and tune adapter `name` on them (continuing its checkpoint)."""
    gathered = gather(db=db, examples=examples, jobs=jobs, from_approved=from_approved)
    return lora.tune(
        gathered.pairs,
        name=name,
        model=model,
        settings=settings,
        restart=restart,
        sources=gathered.sources,
        templates=gathered.templates,
        progress=progress,
    )


def read_examples(path: Path) -> list[lora.Pair]:
    """A JSONL file of {"messages": [...], "completion": "..."} (or the completion as a
    last assistant message), checked line by line before anything is trained."""
    problems: list[InputProblem] = []
    pairs: list[lora.Pair] = []
    for number, line in enumerate(read_text(path, str(path)).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            messages = [Message.model_validate(m) for m in row["messages"]]
            completion = row.get("completion")
            if completion is None and messages and messages[-1].role == "assistant":
                completion = messages.pop().content
            if isinstance(completion, dict | list):  # an output model's JSON, as the set has
                completion = json.dumps(completion, ensure_ascii=False)
            if not isinstance(completion, str) or not completion or not messages:
                raise ValueError("needs messages and a completion")
            pairs.append(lora.Pair(tuple(messages), completion))
        except (ValueError, KeyError, TypeError) as exc:
            problems.append(InputProblem(str(path), number, None, _first_line(exc)))
    if not problems and not pairs:
        problems.append(InputProblem(str(path), None, None, "no examples in the file"))
    if problems:
        raise InputError(problems)
    return pairs


def approved_pairs(db: Database) -> Iterator[tuple[str, lora.Pair]]:
    """(source, pair) for each logged output a teacher approved or edited."""
    with db.begin() as session:
        items = reviewed.reviewed_items(session=session)
        plans = reviewed.reviewed_plans(session=session)
        item_entries = reviewed.accepted_entries(
            session=session,
            run_ids={i.run_id for i in items if i.run_id is not None},
            templates=ITEM_TEMPLATES,
        )
        plan_entries = reviewed.accepted_entries(
            session=session, run_ids={p.run_id for p in plans}, templates=PLAN_TEMPLATES
        )
    for item in items:
        for template in ITEM_TEMPLATES:
            found = _item_text(item, template, item_entries)
            if found is not None:
                yield found
    used: set[int] = set()
    for plan in plans:
        for entry in plan_entries:
            if entry.run_id != plan.run_id or entry.id in used:
                continue
            texts = _texts(_parsed(entry))
            if texts and all(t in plan.texts for t in texts):
                used.add(entry.id)
                yield f"approved:{entry.template}", _pair(entry, entry.output or "")


def _item_text(
    item: reviewed.ReviewedItem, template: str, entries: list[LogRecord]
) -> tuple[str, lora.Pair] | None:
    record = item.provenance.get("framing" if template == "question_scene" else "hint")
    if not isinstance(record, dict) or record.get("template") != template:
        return None
    if record.get("outcome") != "accepted":
        return None
    entry = _item_entry(item, template, int(record.get("tries") or 1), entries)
    if entry is None:
        return None
    field = "scene" if template == "question_scene" else "hint"
    edited = ("stem" if field == "scene" else "hint") in item.edited_fields
    if not edited:  # the model's own text, if the teacher approved the item
        return (f"approved:{template}", _pair(entry, entry.output or "")) if item.approved else None
    if field == "hint":
        text = item.hint
    else:  # the teacher's scene: what the edited stem says before the plain question
        question = str(item.provenance.get("question") or "")
        at = item.stem.find(question) if question else -1
        text = item.stem[:at].strip() if at > 0 else None
    if not text:
        return None
    return f"edited:{template}", _pair(entry, json.dumps({field: text}, ensure_ascii=False))


def _item_entry(
    item: reviewed.ReviewedItem, template: str, tries: int, entries: list[LogRecord]
) -> LogRecord | None:
    mine = [e for e in entries if e.run_id == item.run_id and e.template == template]
    fingerprint = item.provenance.get("fingerprint")
    if fingerprint:
        seeds = {
            retry_seed(questions.seed_for(student, week, fingerprint), tries - 1)
            for student, week in item.served
        }
        for entry in mine:
            if entry.seed in seeds:
                return entry
    for entry in mine:  # no seed to go by: the text itself
        parsed = _parsed(entry)
        scene, hint = parsed.get("scene"), parsed.get("hint")
        if isinstance(scene, str) and scene and item.stem.startswith(scene):
            return entry
        if isinstance(hint, str) and hint and hint == item.hint:
            return entry
    return None


def _pair(entry: LogRecord, completion: str) -> lora.Pair:
    return lora.Pair(tuple(logged_messages(entry.prompt)), completion)


def _parsed(entry: LogRecord) -> dict[str, Any]:
    try:
        value = json.loads(entry.output or "")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _texts(value: Any) -> list[str]:
    """The prose of a parsed output: every string that is not an id."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for k, v in value.items() if k != "resource_id" for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return []


def _first_line(exc: Exception) -> str:
    return (str(exc) or type(exc).__name__).splitlines()[0]
