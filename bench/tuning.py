"""Benchmark: the built-in model before and after tuning, side by side (issue #19).

In one run, for the base model (`--adapter none`) and then a tuned adapter (`--adapter
NAME`, default `tuned`), on the shipped held-out prompt set
(edugen/prompts/tuning/heldout.jsonl), through the CLI as a user would run it:

1. `edugen eval generation --adapter A --json --texts DIR/A [--limit N] [--job J …]`:
   per job, the share of prompts accepted at the first try and the share that ended in
   the plain fallback, under the checks a week's texts get (the grounded ones too);
2. per job, `edugen eval model DIR/A/JOB.outputs.txt --references
   DIR/A/JOB.references.txt --no-perplexity --json`: BLEU, chrF (0-100) and ROUGE-L
   (0-1) of the first-try outputs against the held-out references;
3. per job, `edugen eval model DIR/A/JOB.references.txt --adapter A --json`: the
   perplexity of the held-out references under each model (lower: the model finds the
   good texts likelier). The references are the same for both, so the two numbers compare;
   a model's perplexity on its own outputs would not (each favours what it wrote).

The two generation runs go one after the other, then each job's perplexities base and
tuned back to back, so both models see the same machine. Prints one table (job x metric,
base and tuned columns); `--json-out FILE` writes it all as JSON. Adapters are looked up
in the data directory of the EDUGEN_HOME this runs under (<data dir>/adapters); nothing is
written there.

    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 .venv/bin/python bench/tuning.py   # adapter `tuned`
    .venv/bin/python bench/tuning.py --adapter school --limit 20 --json-out tuning.json
    .venv/bin/python bench/tuning.py --adapter tiny --limit 2 --job scene     # a quick look
    .venv/bin/python bench/tuning.py --quote 10   # and each job's first 10 tuned outputs

`--quote N` prints, per job, the first N held-out prompts' tuned outputs (not chosen: the
first in the file) as Markdown, each with what its prompt gave the model and what became of
it (accepted at the first try, after retries, or the fallback and the checks' reasons).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

# Per job, in the table's order, with how each is shown.
METRICS = {
    "first_try_acceptance": "{:.3f}",
    "fallback_share": "{:.3f}",
    "perplexity": "{:.2f}",
    "bleu": "{:.2f}",
    "chrf": "{:.2f}",
    "rouge_l": "{:.4f}",
}


def main() -> int:
    from edugen.prompts.tuning import JOBS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--adapter", default="tuned", metavar="NAME", help="the tuned adapter")
    parser.add_argument("--limit", type=int, metavar="N", help="the first N prompts of each job")
    parser.add_argument(
        "--job", dest="jobs", action="append", choices=JOBS, help="only this job (repeatable)"
    )
    parser.add_argument("--json-out", type=Path, metavar="FILE", help="write the report here")
    parser.add_argument(
        "--texts", type=Path, metavar="DIR", help="keep the outputs and references in DIR"
    )
    parser.add_argument(
        "--quote", type=int, default=0, metavar="N", help="print N tuned outputs of each job"
    )
    args = parser.parse_args()
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    if args.quote < 0:
        parser.error("--quote must be at least 0")
    problem = adapter_problem(args.adapter)
    if problem:  # before the base run, not after it
        print(problem, file=sys.stderr)
        return 1
    load_before = os.getloadavg()
    if args.texts is not None:
        report = measure(args, args.texts)
    else:
        with tempfile.TemporaryDirectory(prefix="edugen-tuning-") as work:
            report = measure(args, Path(work))
    report["load_average"] = {
        "before": [round(x, 2) for x in load_before],
        "after": [round(x, 2) for x in os.getloadavg()],
    }
    print_table(report)
    if args.quote:
        print_quotes(report)
    if args.json_out is not None:
        args.json_out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.json_out}", file=sys.stderr)
    return 0


def adapter_problem(name: str) -> str | None:
    """Why adapter `name` cannot be compared (unknown, unfinished, a bad name), or None."""
    from edugen.backends import adapters
    from edugen.errors import EdugenError

    if name == adapters.NONE:
        return "--adapter names the tuned adapter; the base model is always run"
    try:
        adapters.get(name)
    except EdugenError as exc:
        return str(exc)
    return None


def edugen(*args: str) -> tuple[dict[str, Any], float]:
    """`edugen ARGS` in a fresh process: its JSON answer and its wall time; its stderr
    (progress) passes through."""
    env = {**os.environ, "TQDM_DISABLE": "1"}
    env.setdefault("HF_HUB_OFFLINE", "1")
    env.setdefault("TRANSFORMERS_OFFLINE", "1")
    command = [sys.executable, "-m", "edugen", *args]
    print("$ edugen " + " ".join(args), file=sys.stderr)
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, env=env)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"edugen {' '.join(args)} exited {done.returncode}")
    answer: dict[str, Any] = json.loads(done.stdout)
    return answer, seconds


def measure(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    from edugen.backends import adapters

    runs = {"base": adapters.NONE, "tuned": args.adapter}
    chosen: list[str] = []
    if args.limit is not None:
        chosen += ["--limit", str(args.limit)]
    for job in args.jobs or ():
        chosen += ["--job", job]
    report: dict[str, Any] = {
        "adapters": runs,
        "adapters_dir": str(adapters.root()),
        "limit": args.limit,
        "runs": {},
        "jobs": {},
    }
    for column, adapter in runs.items():
        texts = work / column
        score, seconds = edugen(
            "eval", "generation", "--adapter", adapter, "--json", "--texts", str(texts), *chosen
        )
        report["runs"][column] = {
            "adapter": adapter,
            "model": score["model"],
            "generation_seconds": round(seconds, 1),
        }
        for job, s in score["jobs"].items():
            row = report["jobs"].setdefault(job, {"prompts": s["prompts"]})
            for metric in ("first_try_acceptance", "fallback_share"):
                row.setdefault(metric, {})[column] = s[metric]
    for job, row in report["jobs"].items():
        for column in runs:
            texts = work / column
            outputs, refs = texts / f"{job}.outputs.txt", texts / f"{job}.references.txt"
            overlap, _ = edugen(
                "eval", "model", str(outputs), "--references", str(refs), "--no-perplexity",
                "--json",
            )  # fmt: skip
            for metric in ("bleu", "chrf", "rouge_l"):
                row.setdefault(metric, {})[column] = overlap[metric]
        for column, adapter in runs.items():
            refs = work / column / f"{job}.references.txt"
            measured, _ = edugen("eval", "model", str(refs), "--adapter", adapter, "--json")
            row.setdefault("perplexity", {})[column] = measured["perplexity"]
            row.setdefault("reference_tokens", measured["tokens"])
    if args.quote:
        report["quotes"] = quotes(work / "tuned", list(report["jobs"]), args.quote)
    return report


def quotes(texts: Path, jobs: list[str], n: int) -> dict[str, list[dict[str, str]]]:
    """Per job, the first `n` held-out prompts: what the prompt gave, the tuned output, and
    its outcome (the lines of `eval generation --texts`, in the held-out file's order)."""
    from edugen.prompts import tuning

    out: dict[str, list[dict[str, str]]] = {}
    for job in jobs:
        examples = tuning.load("heldout", jobs=(job,))
        outputs = (texts / f"{job}.outputs.txt").read_text(encoding="utf-8").splitlines()
        outcomes = (texts / f"{job}.outcomes.txt").read_text(encoding="utf-8").splitlines()
        out[job] = [
            {"id": e.id, "given": given(e), "output": text, "outcome": outcome}
            for e, text, outcome in zip(examples, outputs, outcomes, strict=False)
        ][:n]
    return out


def given(example: Any) -> str:
    """What a prompt told the model, in a line: the facts its output must be true to."""
    c = example.context
    student = getattr(c, "student", None)
    level = getattr(student, "reading_level", None)
    who = ""
    if student is not None:
        who = f"grade {student.grade}" + (f", reading level {level}" if level else "")
    if example.job in ("scene", "hint"):
        parts = [f"interest {c.interest}"] if getattr(c, "interest", None) else []
        parts += [f"topic {c.topic}", f"question: {c.question}"]
        return "; ".join([who, *parts])
    if example.job == "rationale":
        listed = "; ".join(f"{r.type} “{r.title}” ({r.source})" for r in c.resources)
        return f"{who}; topic {c.topic}; resources: {listed}"
    if example.job == "plan_note":
        items = "; ".join(f"{i.topic} ({i.kind})" for i in c.items)
        days = ", ".join(d[:3] for d in example.facts.get("days", ()))
        return f"{who}; {c.minutes_per_day} min a day on {days}; {items}"
    topics = "; ".join(f"{t.topic} ({t.students})" for t in c.topics)
    return f"class {c.class_label}, grade {c.grade}, {c.student_count} students; {topics}"


def print_quotes(report: dict[str, Any]) -> None:
    for job, rows in report["quotes"].items():
        print(f"\n### {job}: the first {len(rows)} held-out prompts, tuned\n")
        for i, row in enumerate(rows, start=1):
            print(f"{i}. “{row['output']}” ({row['outcome']})  ")
            print(f"   _{row['given']}_")


def print_table(report: dict[str, Any]) -> None:
    runs = report["runs"]
    print(
        f"held-out prompts: base ({runs['base']['model']}, adapter none) vs tuned "
        f"(adapter {runs['tuned']['adapter']})"
        + (f", the first {report['limit']} of each job" if report["limit"] else "")
    )
    header = ("job", "prompts", "metric", "base", "tuned")
    rows = []
    for job, row in report["jobs"].items():
        for i, (metric, shown) in enumerate(METRICS.items()):
            values = row.get(metric, {})
            rows.append(
                (
                    job if i == 0 else "",
                    str(row["prompts"]) if i == 0 else "",
                    metric,
                    *(_cell(shown, values.get(c)) for c in ("base", "tuned")),
                )
            )
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    for r in (header, tuple("-" * w for w in widths), *rows):
        print(
            "  ".join(
                c.ljust(w) if i < 3 else c.rjust(w)
                for i, (c, w) in enumerate(zip(r, widths, strict=True))
            ).rstrip()
        )
    seconds = ", ".join(f"{c} {r['generation_seconds']:.0f} s" for c, r in runs.items())
    print(f"generation: {seconds}")


def _cell(shown: str, value: float | None) -> str:
    return "" if value is None else shown.format(value)


if __name__ == "__main__":
    sys.exit(main())
