"""Benchmark: a synthetic district's week on Celery workers (1, 2, 4) beside one process.

Builds a school of N students in classes of 25 on PostgreSQL, with answers, through the
importers (bench/plan_students.py's `prepare`), once; copies it (CREATE DATABASE …
TEMPLATE) for each figure, so every run starts from the same data; then times, side by
side in one run: `edugen weekly --school` in one process, and `edugen weekly --queue` with
1, 2 and 4 `edugen worker --concurrency 1` processes already started, from the enqueue to
the run's end. The fake backend stands in for the model unless --backend says otherwise
(e.g. `--backend openai --option base_url=http://127.0.0.1:8080/v1` for
scripts/llama-server.sh). Needs RabbitMQ (EDUGEN_BROKER_URL, default the local one).

    .venv/bin/python bench/district.py                       # 1,000 students, 40 classes
    .venv/bin/python bench/district.py --students 5000 --workers 1 2 4
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import throwaway_home  # noqa: E402
from plan_students import SCHOOL, WEEK, prepare  # noqa: E402

EDUGEN = str(Path(sys.executable).with_name("edugen"))
POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
BROKER = "amqp://guest:guest@127.0.0.1:5672//"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=1000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--batch-size", type=int, default=16, help="students per task")
    parser.add_argument("--backend", default="fake")
    parser.add_argument("--option", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument(
        "--generate",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a [generate] setting for the week (a string), e.g. framing=plain",
    )
    parser.add_argument(
        "--postgres",
        default=os.environ.get("EDUGEN_TEST_POSTGRES_URL", POSTGRES),
        help="a server URL; the benchmark makes (and drops) its own databases there",
    )
    args = parser.parse_args()
    os.environ.setdefault("EDUGEN_BROKER_URL", BROKER)
    with throwaway_home() as work:
        home = Path(os.environ["EDUGEN_HOME"])
        home.mkdir(parents=True, exist_ok=True)
        queue = f"edugen-bench-{uuid.uuid4().hex[:8]}"
        generate = "".join(
            f"{key.strip()} = {json.dumps(value.strip())}\n"
            for key, _, value in (setting.partition("=") for setting in args.generate)
        )
        (home / "edugen.toml").write_text(
            f'[workers]\nqueue = "{queue}"\nbatch_size = {args.batch_size}\nmax_in_flight = 64\n'
            + (f"[generate]\n{generate}" if generate else ""),
            encoding="utf-8",
        )
        base = make_url(args.postgres)
        admin = create_engine(base, isolation_level="AUTOCOMMIT")
        template = f"edugen_bench_{uuid.uuid4().hex[:8]}"
        made = [template]
        try:
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{template}"'))
            started = time.perf_counter()
            prepare(url(base, template), args.students, work)
            print(
                f"prepared {args.students} students in {args.students // 25} classes "
                f"in {time.perf_counter() - started:.0f} s",
                file=sys.stderr,
            )
            with admin.connect() as conn:
                autovacuum = conn.execute(text("SHOW autovacuum")).scalar() == "on"
            if not autovacuum:
                print(
                    "this PostgreSQL runs with autovacuum off (its default is on): the "
                    f"benchmark runs ANALYZE every {ANALYZE_EVERY} s in its place",
                    file=sys.stderr,
                )
            backend = ["--backend", args.backend, "--no-log"]
            for option in args.option:
                backend += ["--option", option]
            rows = []
            for workers in [0, *args.workers]:
                name = f"{template}_{workers}"
                with admin.connect() as conn:
                    conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
                made.append(name)
                with nullcontext() if autovacuum else analyzing(url(base, name)):
                    seconds = timed(url(base, name), workers, backend, home)
                rows.append((workers, seconds))
                label = f"{workers} workers" if workers else "one process"
                print(
                    f"{label:>12}: {args.students} students in {seconds:6.1f} s, "
                    f"{args.students / seconds * 60:7.0f} students/min",
                    flush=True,
                )
        finally:
            with admin.connect() as conn:
                for name in made:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
            delete_queue(queue)


ANALYZE_EVERY = 20


@contextmanager
def analyzing(db_url: str) -> Iterator[None]:
    """ANALYZE the database every ANALYZE_EVERY seconds while the week runs, as autovacuum
    would. A week adds about 30 items and assignments a student; without fresh statistics
    PostgreSQL keeps plans made for the empty tables, and a 5,000-student week measured
    here slowed from about 11 to 5 students a second as they grew (ANALYZE mid-run brought
    it back to 10)."""
    stop = threading.Event()
    engine = create_engine(db_url, isolation_level="AUTOCOMMIT")

    def loop() -> None:
        while not stop.wait(ANALYZE_EVERY):
            with engine.connect() as conn:
                conn.execute(text("ANALYZE"))

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
        engine.dispose()


def url(base: object, database: str) -> str:
    return make_url(str(base)).set(database=database).render_as_string(hide_password=False)


def timed(db_url: str, workers: int, backend: list[str], home: Path) -> float:
    """Seconds for the week: one process (workers=0), or queued to `workers` workers."""
    week = ["weekly", "--school", SCHOOL, "--week", WEEK, *backend]
    if workers == 0:
        started = time.perf_counter()
        subprocess.run([EDUGEN, "--db", db_url, *week], check=True, capture_output=True)
        return time.perf_counter() - started
    procs = []
    for n in range(workers):
        log = (home / f"worker-{workers}-{n}.log").open("wb")
        procs.append(
            subprocess.Popen(
                [EDUGEN, "--db", db_url, "worker", "--concurrency", "1", "--name", f"b{n}@bench"],
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
    try:
        for n in range(workers):  # timed from the enqueue, with every worker ready
            ready = home / f"worker-{workers}-{n}.log"
            while "ready." not in ready.read_text(errors="replace"):
                if procs[n].poll() is not None:
                    raise SystemExit(f"worker {n} exited; see {ready}")
                time.sleep(0.2)
        started = time.perf_counter()
        subprocess.run([EDUGEN, "--db", db_url, *week, "--queue"], check=True, capture_output=True)
        engine = create_engine(db_url)
        try:
            while True:
                with engine.connect() as conn:
                    status = conn.execute(
                        text("SELECT status FROM generation_runs ORDER BY id DESC LIMIT 1")
                    ).scalar()
                if status != "running":
                    break
                time.sleep(0.2)
        finally:
            engine.dispose()
        if status != "succeeded":
            raise SystemExit(f"the queued run ended {status}")
        return time.perf_counter() - started
    finally:
        for proc in procs:
            os.killpg(proc.pid, signal.SIGTERM)
        for proc in procs:
            proc.wait(timeout=60)


def delete_queue(name: str) -> None:
    from kombu import Connection

    with Connection(os.environ["EDUGEN_BROKER_URL"]) as conn:
        conn.default_channel.queue_delete(name)
        conn.default_channel.exchange_delete(name)


if __name__ == "__main__":
    main()
