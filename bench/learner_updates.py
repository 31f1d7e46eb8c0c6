"""Benchmark: learner model updates per second (goal: >= 100,000/s on one core).

Times `LearnerState.update` over the Statics 2011 train log (with and without item ids)
and over a synthetic 1,000,000-answer stream, each on a fresh state, reading excluded.
With --accuracy it also prints AUC on three synthetic logs (`evaluate.simulate`, seeds
1-3) next to the oracle AUC of the simulation's true probabilities.

    .venv/bin/python bench/learner_updates.py
    .venv/bin/python bench/learner_updates.py --answers 200000 --repeat 1 --accuracy
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from edugen.learner import evaluate
from edugen.learner.elo import LearnerState

GOAL = 100_000
STATICS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "statics"

Stream = list[tuple[str, str, bool, str | None]]


def stream(answers: Sequence[evaluate.Answer], item_ids: bool = True) -> Stream:
    return [(a.student, a.topic, a.correct, a.item if item_ids else None) for a in answers]


def time_updates(rows: Stream, repeat: int) -> list[float]:
    """Updates per second of each run, every run on a fresh state."""
    rates = []
    for _ in range(repeat):
        update = LearnerState().update
        start = time.perf_counter()
        for student, topic, correct, item in rows:
            update(student, topic, correct, item)
        rates.append(len(rows) / (time.perf_counter() - start))
    return rates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=1_000_000, help="synthetic stream size")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--statics", type=Path, default=STATICS, help="folder of the split")
    parser.add_argument(
        "--accuracy", action="store_true", help="also print AUC on the synthetic log"
    )
    args = parser.parse_args()
    print(f"Python {platform.python_version()} on {platform.machine()}", file=sys.stderr)

    streams: list[tuple[str, Stream]] = []
    train = args.statics / "preprocessed_data_train.csv"
    if train.exists():
        answers = evaluate.read_log(train)
        streams.append((f"statics train, item ids ({len(answers):,})", stream(answers)))
        streams.append((f"statics train, no item ids ({len(answers):,})", stream(answers, False)))
    else:
        print(f"{train} not found; synthetic stream only", file=sys.stderr)
    per_student = 650
    sim = evaluate.simulate(
        students=-(-args.answers // per_student), answers_per_student=per_student
    )
    synthetic = (sim.train + sim.test)[: args.answers]
    streams.append((f"synthetic, item ids ({len(synthetic):,})", stream(synthetic)))

    slowest = float("inf")
    for name, rows in streams:
        rates = time_updates(rows, args.repeat)
        slowest = min(slowest, statistics.median(rates))
        print(f"{name:40s} {statistics.median(rates):>10,.0f} updates/s (median of {len(rates)})")
    verdict = "meets" if slowest >= GOAL else "MISSES"
    print(f"goal {GOAL:,} updates/s: {verdict} (slowest median {slowest:,.0f})")

    if args.accuracy:
        for seed in (1, 2, 3):
            accuracy(evaluate.simulate(seed=seed), seed)


def accuracy(sim: evaluate.Simulation, seed: int) -> None:
    """AUC and log loss of the learner next to the oracle (the simulation's true P)."""
    outcomes = [a.correct for a in sim.test]
    oracle = evaluate.metrics(sim.truth, outcomes)
    print(f"synthetic seed {seed}: {len(sim.train):,} train / {len(sim.test):,} test answers")
    print(f"  oracle       AUC {oracle.auc:.4f}  log loss {oracle.log_loss:.4f}")
    for item_ids in (True, False):
        result = evaluate.evaluate(sim.train, sim.test, item_ids=item_ids)
        label = "item ids   " if item_ids else "no item ids"
        print(f"  {label}  AUC {result.auc:.4f}  log loss {result.log_loss:.4f}")


if __name__ == "__main__":
    main()
