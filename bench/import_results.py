"""Benchmark: import a large results CSV into SQLite (goal: 1,000,000 rows in <= 60 s).

Builds a throwaway EDUGEN_HOME with a school of N students, a curriculum of T topics with
items, writes a results CSV, then times `edugen import results` through the workflows (and,
with --cli, through a fresh `edugen` process on a fresh database).

    .venv/bin/python bench/import_results.py                 # 1,000,000 rows
    .venv/bin/python bench/import_results.py --rows 100000 --cli
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import throwaway_home  # noqa: E402

GOAL_S = 60.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--students", type=int, default=1_000)
    parser.add_argument("--topics", type=int, default=50)
    parser.add_argument("--items-per-topic", type=int, default=10)
    parser.add_argument(
        "--cli", action="store_true", help="also time the edugen command in a subprocess"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()

    with throwaway_home(args.keep) as work:
        run(args, work)


def run(args: argparse.Namespace, work: Path) -> None:
    from edugen.profiles.db import Database
    from edugen.workflows import imports

    home = Path(os.environ["EDUGEN_HOME"])
    home.mkdir(parents=True)
    template = work / "template.db"
    t0 = time.perf_counter()
    items = seed(f"sqlite:///{template}", args.students, args.topics, args.items_per_topic)
    csv_path = work / "results.csv"
    write_results(csv_path, args.rows, args.students, args.topics, items)
    size_mb = csv_path.stat().st_size / 1e6
    print(
        f"setup: {args.students} students, {args.topics} topics, {len(items)} items, "
        f"{args.rows:,} rows ({size_mb:.0f} MB CSV) in {time.perf_counter() - t0:.1f} s"
    )

    from edugen.importers import results

    t0 = time.perf_counter()
    parsed = len(results.parse([csv_path]))
    report("parse and validate only", parsed, time.perf_counter() - t0)

    db_path = home / "edugen.db"
    shutil.copy(template, db_path)
    db = Database(f"sqlite:///{db_path}")
    t0 = time.perf_counter()
    summary = imports.import_files("results", [csv_path], db=db)
    elapsed = time.perf_counter() - t0
    report("workflow import", args.rows, elapsed)
    print(f"  {summary.describe()}")

    t0 = time.perf_counter()
    again = imports.import_files("results", [csv_path], db=db)
    report("workflow re-import (no-op)", args.rows, time.perf_counter() - t0)
    print(f"  {again.describe()}")
    db.dispose()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process: {peak_mb:.0f} MB")

    if args.cli:
        shutil.copy(template, db_path)
        for suffix in ("-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        edugen = Path(sys.executable).with_name("edugen")
        t0 = time.perf_counter()
        subprocess.run([str(edugen), "import", "results", str(csv_path)], check=True)
        report("CLI subprocess import", args.rows, time.perf_counter() - t0)

    verdict = "meets" if elapsed <= GOAL_S * args.rows / 1_000_000 else "MISSES"
    print(f"{verdict} the goal of 1,000,000 rows in <= {GOAL_S:.0f} s")


def report(label: str, rows: int, seconds: float) -> None:
    print(f"{label}: {seconds:.1f} s, {rows / seconds:,.0f} rows/s")


def seed(url: str, students: int, topics: int, items_per_topic: int) -> list[tuple[str, str]]:
    """A migrated database: one school, its students, topics and items; returns (item, topic)."""
    from edugen.profiles.db import Database
    from edugen.profiles.models import (
        ContentStatus,
        Item,
        ItemKind,
        ItemSource,
        Org,
        Student,
        Topic,
    )

    db = Database(url)
    now = datetime.now(UTC)
    items: list[tuple[str, str]] = []
    with db.begin() as session:
        session.add(Org(id="school-1", name="Bench School", type="school"))
        session.flush()
        session.add_all(
            Student(
                id=f"s{n:05d}",
                school_id="school-1",
                pseudonym=f"P{n:05d}",
                given_name="Given",
                family_name=f"Family{n}",
                grade="6",
            )
            for n in range(students)
        )
        session.add_all(
            Topic(code=f"T{t:03d}", subject="math", grade="6", title=f"Topic {t}")
            for t in range(topics)
        )
        session.flush()
        for t in range(topics):
            for k in range(items_per_topic):
                item_id = f"item-{t:03d}-{k:02d}"
                items.append((item_id, f"T{t:03d}"))
                session.add(
                    Item(
                        id=item_id,
                        topic_code=f"T{t:03d}",
                        kind=ItemKind.numeric,
                        stem="2 + 2 = ?",
                        answer="4",
                        source=ItemSource.bank,
                        status=ContentStatus.published,
                        created_at=now,
                    )
                )
    db.dispose()
    return items


def write_results(
    path: Path, rows: int, students: int, topics: int, items: list[tuple[str, str]]
) -> None:
    """70% rows name a known item, 20% only a topic, 10% an external item of a known topic."""
    rng = random.Random(42)
    start = datetime(2024, 9, 2, 8, 0, tzinfo=UTC)
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["student_id", "item_id", "topic", "correct", "score", "timestamp"])
        for n in range(rows):
            student = f"s{rng.randrange(students):05d}"
            kind = rng.random()
            if kind < 0.7:
                item, topic = rng.choice(items)
            elif kind < 0.9:
                item, topic = "", f"T{rng.randrange(topics):03d}"
            else:
                item, topic = f"ext-{rng.randrange(5000)}", f"T{rng.randrange(topics):03d}"
            score = rng.random()
            when = start + timedelta(seconds=n * 7)
            out.writerow(
                [
                    student,
                    item,
                    topic,
                    "true" if score >= 0.5 else "false",
                    f"{score:.3f}",
                    when.strftime("%Y-%m-%dT%H:%M:%SZ"),
                ]
            )


if __name__ == "__main__":
    main()
