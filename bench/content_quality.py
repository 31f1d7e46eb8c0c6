"""Benchmark: how good a class's week is as text and content, not how fast (issue #18).

Loads the demo school into a throwaway EDUGEN_HOME, generates one class's week (plans, 10
questions and 3 resources per student, the teacher's class week) on a backend, with every
prompt kept in the prompt log, then reads the week back from the database and reports:

- per model-written text kind (scene or framing, hint, resource rationale, plan note,
  class sentence): accepted at once, accepted after retries, fell back, and which checks
  rejected the rejected requests;
- items: kind mix, hint specificity (generic by `check_hint_specific`) and where each hint
  came from (solution step, family strategy, model, none), distractors with a named
  misconception, figures;
- plans: study days without practice, resource-only days, whole-book or index tasks.

Every note and resource reason a student receives (the model's or the plain fallback) is
also checked against the student's plan and the resource's catalog record by the grounded
checks (`check_note_grounded`, `check_rationale_grounded`), and the failures counted.

`--quotes N` prints N accepted model outputs of each kind beside the facts they were
checked against, and N of the notes and reasons students receive, for a person to
spot-read.

    .venv/bin/python bench/content_quality.py --backend fake        # quick: no model
    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 .venv/bin/python bench/content_quality.py --quotes 10
    .venv/bin/python bench/content_quality.py --backend fake --json > week.json
    .venv/bin/python bench/content_quality.py --from-json week.json    # the table again
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import throwaway_home  # noqa: E402

WEEK = "2026-W49"
CLASS = "demo-6a"
# Prompt templates by the text kind they write.
KINDS = {
    "question_scene": "scene",
    "question_framing": "framing",
    "hint": "hint",
    "resource_rationale": "resource rationale",
    "plan_note": "plan note",
    "class_note": "class sentence",
    "item_writing": "written item",
}
# The check a Problem's text names last: "field: message (check)".
_CHECK = re.compile(r"\((\w+)\)$")
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default="transformers")
    parser.add_argument("--class", dest="class_id", default=CLASS)
    parser.add_argument("--week", default=WEEK)
    parser.add_argument("--hints", choices=["model", "solution", "off"], default=None)
    parser.add_argument("--framing", choices=["scene", "retell", "plain"], default=None)
    parser.add_argument("--questions", type=int, default=None)
    parser.add_argument("--quotes", type=int, default=0, metavar="N")
    parser.add_argument("--json", dest="as_json", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the throwaway home")
    parser.add_argument(
        "--from-json", type=Path, metavar="FILE", help="print a saved --json report as a table"
    )
    args = parser.parse_args()
    if args.from_json is not None:
        print_report(json.loads(args.from_json.read_text(encoding="utf-8")))
        return 0
    load_before = os.getloadavg()
    with throwaway_home(keep=args.keep):
        report = measure(args)
    report["load_average"] = {
        "before": [round(x, 2) for x in load_before],
        "after": [round(x, 2) for x in os.getloadavg()],
    }
    if args.as_json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print_report(report)
    return 0


def measure(args: argparse.Namespace) -> dict[str, Any]:
    """Generate the class's week in the current EDUGEN_HOME and measure what was stored."""
    from edugen import config
    from edugen.backends import base
    from edugen.profiles import prompt_log
    from edugen.profiles.db import Database
    from edugen.prompts import runner
    from edugen.prompts.log import LogEntry
    from edugen.workflows.demo import load_demo
    from edugen.workflows.generate import generate_week

    db = Database()
    print("loading the demo school", file=sys.stderr)
    load_demo(db=db, week=args.week)
    backend = base.create(args.backend, {})
    if args.backend == "transformers":
        print("loading the model", file=sys.stderr)
        backend.load()  # type: ignore[attr-defined]  # the cache, once; not timed
    changes: dict[str, Any] = {}
    for name in ("hints", "framing", "questions"):
        if getattr(args, name) is not None:
            changes[name] = getattr(args, name)
    settings = config.generate_settings().model_copy(update=changes)

    def log(entries: Sequence[LogEntry]) -> None:
        with db.begin() as session:
            prompt_log.record(session=session, entries=entries)

    # The prompt log keeps each request's verdict but not which check refused it, and a
    # plan note, rationale or class sentence keeps no record at all: so every verdict is
    # heard here, on its way from the runner to the Personalizer.
    rejected: dict[str, Counter[str]] = {}
    messages: dict[str, Counter[str]] = {}
    real_run = runner.run

    def hearing(*a: Any, **kw: Any) -> list[runner.Outcome]:
        outcomes = real_run(*a, **kw)
        for o in outcomes:
            kind = KINDS.get(o.prompt.template, o.prompt.template)
            if o.outcome != "accepted":
                checks = {p.check for p in o.problems} or {o.outcome}
                rejected.setdefault(kind, Counter()).update(checks)
                messages.setdefault(kind, Counter()).update(
                    f"{p.check}: {_QUOTED.sub('…', p.message)}" for p in o.problems
                )
        return outcomes

    runner.run = hearing
    print(f"generating {args.class_id} {args.week} on {args.backend}", file=sys.stderr)
    start = time.perf_counter()
    try:
        result = generate_week(
            db=db,
            week=args.week,
            parts=["plan"],
            backend=backend,
            log=log,
            class_id=args.class_id,
            settings=settings,
        )
    finally:
        runner.run = real_run
        backend.close()
    wall = time.perf_counter() - start
    report: dict[str, Any] = {
        "class": args.class_id,
        "week": args.week,
        "backend": args.backend,
        "model": backend.model_name,
        "settings": {"framing": settings.framing, "hints": settings.hints},
        "wall_s": round(wall, 1),
        "counts": result.counts(),
    }
    report["texts"] = _texts(result, rejected, messages)
    stored = _read_back(db, [sw.student.id for sw in result.students], args)
    report["items"] = _items(stored["items"])
    report["plans"] = _plans(stored["plans"], stored["granularity"])
    report["class_week"] = {
        "summary_source": stored["class_week"].summary_source,
        "summary": stored["class_week"].summary,
    }
    report["delivered"] = _delivered(stored, args.quotes)
    if args.quotes:
        report["quotes"] = _quotes(stored, args.quotes)
    db.dispose()
    return report


def _texts(
    result: Any, rejected: dict[str, Counter[str]], messages: dict[str, Counter[str]]
) -> dict[str, Any]:
    """Per text kind: the Personalizer's tally and the checks that rejected requests."""
    texts: dict[str, Any] = {}
    for template, tally in result.tallies.items():
        kind = KINDS.get(template, template)
        t = tally.as_dict()
        texts[kind] = {
            "template": template,
            "jobs": t["jobs"],
            "requests": t["requests"],
            "first_try": t["first_try"],
            "after_retry": t["after_retry"],
            "fallback": t["fallback"],
            "rejected_by": dict(rejected.get(kind, Counter()).most_common()),
            "top_reasons": dict(messages.get(kind, Counter()).most_common(8)),
        }
    return texts


def _read_back(db: Any, student_ids: list[str], args: argparse.Namespace) -> dict[str, Any]:
    """The week as stored: items, plans, class week, the accepted prompt-log outputs, and
    each resource's granularity from the catalog."""
    from edugen.profiles import catalog, generated, prompt_log, queries
    from edugen.schemas import WeeklyPlan

    with db.begin() as session:
        items = generated.week_items(session=session, student_ids=student_ids, week=args.week)
        plans = []
        for sid in student_ids:
            row = generated.current_plan(session=session, student_id=sid, week=args.week)
            if row is not None:
                plans.append(WeeklyPlan.model_validate(row.content))
        topics = queries.curriculum(session=session)
        codes = [t.code for t in topics]
        records = catalog.resources_for_topics(session=session, topic_codes=codes)
        granularity = {r.id: r.granularity for r in records}
        descriptions = {r.id: r.description for r in records}
        accepted = {
            template: list(
                reversed(
                    prompt_log.list_entries(
                        session=session, limit=100_000, template=template, outcome="accepted"
                    )
                )
            )
            for template in KINDS
        }
        week = generated.class_week(session=session, class_id=args.class_id, week=args.week)
    return {
        "items": [i for sid in student_ids for i in items[sid]],
        "plans": plans,
        "granularity": granularity,
        "descriptions": descriptions,
        "titles": {t.code: t.title for t in topics},
        "accepted": accepted,
        "class_week": week,
    }


def hint_source(item: Any) -> str:
    """Where an item's hint came from: the worked solution's first step, the family's
    strategy, the model, the item itself (a bank item's), or none."""
    from edugen.content.families import family

    if not item.hint:
        return "none"
    if item.solution and item.hint == item.solution[0]:
        return "solution step"
    if item.family:
        try:
            if item.hint == getattr(family(item.family), "strategy", None):
                return "strategy"
        except KeyError:
            pass
    record = item.provenance.hint or {}
    if record.get("outcome") == "accepted":
        return "model"
    return "item's own"


def _items(items: list[Any]) -> dict[str, Any]:
    from edugen.validators import check_hint_specific

    hints = [i.hint for i in items if i.hint]
    unfit = [h for h in hints if check_hint_specific(h)]
    generic = [h for h in hints if any("generic" in p.message for p in check_hint_specific(h))]
    wrong = named = near = 0
    for i in items:
        if i.kind != "multiple_choice" or not i.options:
            continue
        for option in i.options:
            if option == i.answer:
                continue
            wrong += 1
            label = (i.misconceptions or {}).get(option) or ""
            if re.search(r"near[ -]?miss", label, re.IGNORECASE):
                near += 1
            elif label.strip():
                named += 1
    framed = Counter((i.provenance.framing or {}).get("outcome", "none") for i in items)
    return {
        "items": len(items),
        "kinds": dict(Counter(i.kind for i in items).most_common()),
        "sources": dict(Counter(i.source for i in items).most_common()),
        "verified": sum(i.verified for i in items),
        "figures": sum(i.figure is not None for i in items),
        "framing_outcomes": dict(framed.most_common()),
        "with_hint": len(hints),
        "hints_generic": len(generic),
        "hints_failing_specific_check": len(unfit),
        "hint_sources": dict(Counter(hint_source(i) for i in items).most_common()),
        "distractors": wrong,
        "distractors_named": named,
        "distractors_near_miss": near,
        "distractors_unnamed": wrong - named - near,
    }


def _plans(plans: list[Any], granularity: dict[int, str]) -> dict[str, Any]:
    from edugen.importers.resources import NOT_A_TASK

    study = no_practice = resource_only = resource_tasks = not_a_task = 0
    empty_practice = 0
    for plan in plans:
        for day in plan.days:
            if not day.tasks:
                continue
            study += 1
            practice = [t for t in day.tasks if t.kind in ("practice", "review")]
            empty_practice += sum(not t.item_ids for t in practice)
            if not any(t.item_ids for t in practice):
                no_practice += 1
            if all(t.kind == "resource" for t in day.tasks):
                resource_only += 1
            for t in day.tasks:
                if t.kind == "resource":
                    resource_tasks += 1
                    not_a_task += granularity.get(t.resource_id or -1) in NOT_A_TASK
    return {
        "plans": len(plans),
        "notes_from_model": sum(p.summary_source == "model" for p in plans),
        "study_days": study,
        "days_without_practice": no_practice,
        "resource_only_days": resource_only,
        "practice_tasks_without_items": empty_practice,
        "resource_tasks": resource_tasks,
        "whole_book_or_index_tasks": not_a_task,
        "gaps": sum(len(p.gaps) for p in plans),
    }


def _output(text: str | None) -> dict[str, Any]:
    from edugen.validators.schema import _FENCE

    raw = (text or "").strip()
    fenced = _FENCE.match(raw)
    try:
        data = json.loads(fenced["body"] if fenced else raw)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _delivered(stored: dict[str, Any], n: int) -> dict[str, Any]:
    """Every note and resource reason as the students receive them, each checked against its
    own record (the plan; the resource's catalog entry beside the student's other picks)."""
    from edugen.prompts.personalize import plan_facts
    from edugen.validators.grounded import (
        ResourceFacts,
        check_note_grounded,
        check_rationale_grounded,
    )

    titles, descriptions = stored["titles"], stored["descriptions"]
    notes: list[dict[str, Any]] = []
    reasons: list[dict[str, Any]] = []
    for plan in stored["plans"]:
        problems = check_note_grounded(plan.summary, plan_facts(plan, titles))
        notes.append(
            {
                "text": plan.summary,
                "source": plan.summary_source or "none",
                "problems": [str(p) for p in problems],
                "plan": "; ".join(
                    f"{d.day[:3]} " + ", ".join(f"{t.kind} {t.title} {t.minutes}m" for t in d.tasks)
                    for d in plan.days
                    if d.tasks
                ),
            }
        )
        facts = [
            ResourceFacts(
                id=r.resource_id,
                title=r.title,
                type=r.type,
                topic=titles.get(r.topic, r.topic),
                url=r.url,
                description=descriptions.get(r.resource_id),
            )
            for r in plan.resources
        ]
        for r, own in zip(plan.resources, facts, strict=True):
            problems = check_rationale_grounded(r.why, own, facts)
            reasons.append(
                {
                    "text": r.why,
                    "problems": [str(p) for p in problems],
                    "resource": f"{own.title} [{own.type}, {own.source}, on {own.topic}]",
                }
            )
    return {
        "notes": len(notes),
        "note_sources": dict(Counter(x["source"] for x in notes)),
        "notes_failing": [x for x in notes if x["problems"]],
        "reasons": len(reasons),
        "reasons_failing": [x for x in reasons if x["problems"]],
        "note_quotes": notes[:n],
        "reason_quotes": reasons[:n],
    }


def _quotes(stored: dict[str, Any], n: int) -> dict[str, list[dict[str, Any]]]:
    """Up to `n` accepted outputs of each kind, each with the facts a reader checks it by."""
    accepted = stored["accepted"]
    resources = {r.resource_id: r for p in stored["plans"] for r in p.resources}
    quotes: dict[str, list[dict[str, Any]]] = {}
    for template, field in (
        ("question_scene", "scene"),
        ("question_framing", "framing"),
        ("hint", "hint"),
        ("class_note", "sentence"),
    ):
        quotes[KINDS[template]] = [
            {"text": _output(e.output).get(field, "")} for e in accepted[template][:n]
        ]
    # A note beside its plan: the days' tasks it may speak of.
    quotes["plan note"] = [
        {
            "text": p.summary,
            "plan": "; ".join(
                f"{d.day[:3]} " + ", ".join(f"{t.kind} {t.title} {t.minutes}m" for t in d.tasks)
                for d in p.days
                if d.tasks
            ),
        }
        for p in stored["plans"]
        if p.summary_source == "model"
    ][:n]
    rationales = []
    for e in accepted["resource_rationale"]:
        for r in _output(e.output).get("rationales", []):
            pick = resources.get(r.get("resource_id"))
            facts = f"{pick.title} [{pick.type}, {pick.topic}]" if pick else "?"
            rationales.append({"text": r.get("why", ""), "resource": facts})
    quotes["resource rationale"] = rationales[:n]
    return {k: v for k, v in quotes.items() if v}


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.0%})" if whole else f"{part}/0"


def print_report(r: dict[str, Any]) -> None:
    load = r["load_average"]
    print(
        f"class {r['class']}, week {r['week']}, backend {r['backend']} ({r['model']}), "
        f"framing {r['settings']['framing']}, hints {r['settings']['hints']}: "
        f"{r['wall_s']} s; load average {load['before'][0]} before, {load['after'][0]} after"
    )
    c = r["counts"]
    print(f"{c['students']} students, {c['items']} questions, {c['plans']} plans\n")
    print("Model-written texts (jobs; a job is retried with a new seed, then falls back)")
    print(f"  {'kind':<20}{'jobs':>5}{'at once':>9}{'retried':>9}{'fell back':>11}  rejected by")
    for kind, t in r["texts"].items():
        by = ", ".join(f"{k} {v}" for k, v in t["rejected_by"].items()) or "-"
        print(
            f"  {kind:<20}{t['jobs']:>5}{t['first_try']:>9}{t['after_retry']:>9}"
            f"{t['fallback']:>11}  {by}"
        )
    if r["settings"]["hints"] != "model":
        print(f"  {'hint':<20}not model-written (hints {r['settings']['hints']})")
    for kind, t in r["texts"].items():
        if t["top_reasons"]:
            print(f"  {kind}: most frequent reasons")
            for reason, n in t["top_reasons"].items():
                print(f"    {n:>4}  {reason}")
    i = r["items"]
    print("\nItems")
    print(f"  {i['items']} items: " + ", ".join(f"{k} {v}" for k, v in i["kinds"].items()))
    print("  sources: " + ", ".join(f"{k} {v}" for k, v in i["sources"].items()))
    print(f"  verified {_share(i['verified'], i['items'])}, figures {i['figures']}")
    print("  framing: " + ", ".join(f"{k} {v}" for k, v in i["framing_outcomes"].items()))
    print(
        f"  hints: {_share(i['with_hint'], i['items'])} items have one; generic "
        f"{_share(i['hints_generic'], i['with_hint'])}, failing check_hint_specific "
        f"{_share(i['hints_failing_specific_check'], i['with_hint'])}"
    )
    print("  hint sources: " + ", ".join(f"{k} {v}" for k, v in i["hint_sources"].items()))
    d = i["distractors"]
    print(
        f"  distractors: {d}; named misconception {_share(i['distractors_named'], d)}, "
        f"'near miss' {_share(i['distractors_near_miss'], d)}, unnamed "
        f"{_share(i['distractors_unnamed'], d)}"
    )
    p = r["plans"]
    print("\nPlans")
    print(
        f"  {p['plans']} plans, notes from the model {p['notes_from_model']}; "
        f"{p['study_days']} study days: without practice {p['days_without_practice']}, "
        f"resource-only {p['resource_only_days']}; practice tasks without items "
        f"{p['practice_tasks_without_items']}"
    )
    print(
        f"  resource tasks {p['resource_tasks']}, whole book or index "
        f"{p['whole_book_or_index_tasks']}; gaps said {p['gaps']}"
    )
    print(f"\nClass week summary ({r['class_week']['summary_source']}):")
    print(f"  {r['class_week']['summary']}")
    dv = r.get("delivered")
    if dv:
        print("\nWhat students receive, checked against their own records")
        print(
            f"  notes {dv['notes']} ("
            + ", ".join(f"{k} {v}" for k, v in dv["note_sources"].items())
            + f"): failing the grounded checks {len(dv['notes_failing'])}"
        )
        print(f"  resource reasons {dv['reasons']}: failing {len(dv['reasons_failing'])}")
        for x in dv["notes_failing"] + dv["reasons_failing"]:
            print(f"    {x['text']!r}: {'; '.join(x['problems'])}")
        for title, key, facts in (
            ("Notes", "note_quotes", "plan"),
            ("Resource reasons", "reason_quotes", "resource"),
        ):
            if dv[key]:
                print(f"\n{title} as received ({len(dv[key])})")
                for n, q in enumerate(dv[key], 1):
                    print(f"  {n:>2}. {q['text']}")
                    print(f"      [{facts}: {q[facts]}]")
    for kind, quotes in r.get("quotes", {}).items():
        print(f"\nAccepted {kind}s ({len(quotes)})")
        for n, q in enumerate(quotes, 1):
            print(f"  {n:>2}. {q['text']}")
            for key in ("resource", "plan"):
                if key in q:
                    print(f"      [{key}: {q[key]}]")


if __name__ == "__main__":
    raise SystemExit(main())
