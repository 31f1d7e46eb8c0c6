"""edugen worker and weekly --queue, with the real RabbitMQ and PostgreSQL: a worker SIGKILLed
mid-run or a broker connection cut mid-run loses nothing and makes nothing twice; the week
stored equals a single-process run's; a model server that never answers fails its class
with the reason; SQLite is refused.

Workers are real `edugen worker --concurrency 1` processes, each in its own process group
so a kill takes the whole worker (pool child too), as a machine's death would. Each test
names its own durable queue and deletes it afterwards. The broker cannot be restarted
here (the system RabbitMQ serves everyone on this machine), so the broker test cuts every
connection at a TCP proxy in front of it instead; RabbitMQ requeues what was unacked on a
closed connection exactly as it does after a restart of a durable queue.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from edugen.profiles.db import Database
from edugen.profiles.models import Assignment, ClassWeekRow, GenerationRun, Item, Plan, RunLock
from tests.conftest import DEMO_WEEK, Run, _postgres_database, make_runner

pytest.importorskip("celery", reason="the workers extra (celery) is not installed")

WEEK = DEMO_WEEK
SCHOOL = "demo-school"
EDUGEN = str(Path(sys.executable).with_name("edugen"))
BROKER_HOST, BROKER_PORT = "127.0.0.1", 5672
BROKER = f"amqp://guest:guest@{BROKER_HOST}:{BROKER_PORT}//"
FAKE = ("--backend", "fake", "--no-log")


def broker_answers() -> None:
    """Skip (fail under CI=true) when no RabbitMQ answers on this machine."""
    try:
        socket.create_connection((BROKER_HOST, BROKER_PORT), timeout=2).close()
    except OSError as exc:
        why = f"no RabbitMQ answers at {BROKER_HOST}:{BROKER_PORT} ({exc})"
        if os.environ.get("CI") == "true":
            pytest.fail(why)
        pytest.skip(why)


@pytest.fixture
def queue(home: Path) -> Iterator[str]:
    """A durable queue of the test's own, set in edugen.toml, deleted afterwards."""
    broker_answers()
    name = f"edugen-test-{uuid.uuid4().hex[:10]}"
    (home / "edugen.toml").write_text(
        f'[workers]\nqueue = "{name}"\nbatch_size = 2\nmax_in_flight = 4\n'
        "model_retries = 2\nretry_backoff_s = 0.2\n",
        encoding="utf-8",
    )
    yield name
    from kombu import Connection

    with Connection(BROKER) as conn:
        channel = conn.default_channel
        channel.queue_delete(name)
        channel.exchange_delete(name)


@pytest.fixture
def reference_url() -> Iterator[str]:
    yield from _postgres_database()


def demo_school(url: str) -> Run:
    run = make_runner(url)
    loaded = run("demo", "--week", WEEK)
    assert loaded.exit_code == 0, loaded.output
    return run


class Workers:
    """`edugen worker` processes, each its own process group, stopped at the end."""

    def __init__(self, url: str, home: Path, broker: str):
        self.url, self.home, self.broker = url, home, broker
        self.procs: list[subprocess.Popen[bytes]] = []

    def env(self) -> dict[str, str]:
        return {**os.environ, "EDUGEN_HOME": str(self.home), "EDUGEN_BROKER_URL": self.broker}

    def start(self, n: int) -> None:
        for i in range(n):
            log = (self.home / f"worker{len(self.procs)}.log").open("wb")
            self.procs.append(
                subprocess.Popen(
                    [
                        EDUGEN,
                        "--db",
                        self.url,
                        "worker",
                        "--concurrency",
                        "1",
                        "--name",
                        f"w{len(self.procs)}-{i}@test",
                    ],
                    env=self.env(),
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )

    def kill(self, index: int) -> None:
        os.killpg(self.procs[index].pid, signal.SIGKILL)
        self.procs[index].wait()

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()

    def logs(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in self.home.glob("worker*.log"))


@pytest.fixture
def workers(postgres_url: str, home: Path, queue: str) -> Iterator[Callable[..., Workers]]:
    started: list[Workers] = []

    def make(broker: str = BROKER) -> Workers:
        w = Workers(postgres_url, home, broker)
        started.append(w)
        return w

    yield make
    for w in started:
        w.stop()


def enqueue(url: str, home: Path, *args: str) -> dict[str, Any]:
    env = {**os.environ, "EDUGEN_HOME": str(home), "EDUGEN_BROKER_URL": BROKER}
    done = subprocess.run(
        [EDUGEN, "--db", url, "weekly", "--week", WEEK, *args, "--queue", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def run_record(url: str, run_id: int) -> GenerationRun:
    db = Database(url)
    try:
        with db.begin() as session:
            run = session.get(GenerationRun, run_id)
            assert run is not None
            return run
    finally:
        db.dispose()


def wait_for(url: str, run_id: int, until: Callable[[GenerationRun], bool], s: float) -> Any:
    deadline = time.monotonic() + s
    while True:
        run = run_record(url, run_id)
        if until(run):
            return run
        assert time.monotonic() < deadline, f"run {run_id}: {run.status} {run.counts}"
        time.sleep(0.05)


def snapshot(url: str) -> dict[str, Any]:
    """What the week stored, by content: plans, assignments, items and class weeks."""
    db = Database(url)
    try:
        with db.begin() as session:
            return {
                "plans": sorted(
                    (p.student_id, json.dumps(p.content, sort_keys=True))
                    for p in session.scalars(select(Plan).where(Plan.week == WEEK))
                ),
                "assignments": sorted(
                    tuple(a)
                    for a in session.execute(
                        select(Assignment.student_id, Assignment.item_id).where(
                            Assignment.week == WEEK
                        )
                    )
                ),
                "items": session.scalar(select(func.count()).select_from(Item)),
                "class_weeks": sorted(
                    (c.class_id, json.dumps(c.content, sort_keys=True))
                    for c in session.scalars(select(ClassWeekRow))
                ),
                "locks": session.scalar(select(func.count()).select_from(RunLock)),
            }
    finally:
        db.dispose()


def single_process_week(url: str) -> dict[str, Any]:
    result = demo_school(url)("weekly", "--school", SCHOOL, "--week", WEEK, *FAKE)
    assert result.exit_code == 0, result.output
    return snapshot(url)


def assert_same_week(queued_url: str, run_id: int, expected: dict[str, Any]) -> None:
    run = run_record(queued_url, run_id)
    assert run.status.value == "succeeded", (run.error, run.counts)
    assert run.counts["done"] == 125 and run.counts["failed"] == 0
    assert {c["done"] for c in run.counts["classes"].values()} == {25}
    after = snapshot(queued_url)
    students = [s for s, _ in after["plans"]]
    assert len(students) == len(set(students)) == 125  # one plan each, none superseded
    assert len(after["assignments"]) == len(set(after["assignments"]))  # no item twice
    assert after == expected


class CuttableProxy:
    """A TCP proxy to the broker whose open connections can all be cut at once."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.pairs: list[tuple[socket.socket, socket.socket]] = []
        self.accepted = 0
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.create_connection((BROKER_HOST, BROKER_PORT))
            with self.lock:
                self.pairs.append((client, upstream))
                self.accepted += 1
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def cut(self) -> int:
        with self.lock:
            pairs, self.pairs = self.pairs, []
        for pair in pairs:
            for s in pair:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()
        return len(pairs)

    def close(self) -> None:
        self.server.close()
        self.cut()


# --- the two required failures ----------------------------------------------------------


@pytest.mark.slow
@pytest.mark.postgres
def test_a_worker_killed_mid_run_loses_nothing_and_the_week_equals_one_process(
    postgres_url: str, reference_url: str, home: Path, workers: Callable[..., Workers]
) -> None:
    expected = single_process_week(reference_url)
    demo_school(postgres_url)
    pool = workers()
    pool.start(2)
    queued = enqueue(postgres_url, home, "--school", SCHOOL, *FAKE)
    run_id = queued["run_id"]
    assert queued["batches"] == 65 and queued["classes"] == [
        "demo-4a",
        "demo-6a",
        "demo-6b",
        "demo-7a",
        "demo-8a",
    ]

    run = wait_for(postgres_url, run_id, lambda r: r.counts.get("done", 0) >= 6, 120)
    assert run.status.value == "running", "the run ended before the kill"
    pool.kill(0)
    shown = make_runner(postgres_url)("runs", "show", str(run_id))
    assert "class demo-6a: " in shown.output and "tasks: " in shown.output, shown.output

    wait_for(postgres_url, run_id, lambda r: r.status.value != "running", 240)
    assert pool.procs[0].returncode == -signal.SIGKILL
    # The killed worker held a task it never finished; the other worker ran it.
    killed = (home / "worker0.log").read_text(errors="replace")
    other = (home / "worker1.log").read_text(errors="replace")
    unfinished = set(re.findall(r"\[([0-9a-f-]{36})\] received", killed)) - set(
        re.findall(r"\[([0-9a-f-]{36})\] succeeded", killed)
    )
    assert unfinished, killed[-2000:]
    assert any(f"[{task}] succeeded" in other for task in unfinished)
    assert_same_week(postgres_url, run_id, expected)
    after = make_runner(postgres_url)("runs", "show", str(run_id))
    assert "class demo-6b: 25/25 done, 0 failed, done" in after.output, after.output


@pytest.mark.slow
@pytest.mark.postgres
def test_a_lost_broker_connection_mid_run_loses_nothing(
    postgres_url: str, reference_url: str, home: Path, workers: Callable[..., Workers]
) -> None:
    expected = single_process_week(reference_url)
    demo_school(postgres_url)
    proxy = CuttableProxy()
    try:
        pool = workers(f"amqp://guest:guest@127.0.0.1:{proxy.port}//")
        pool.start(2)
        queued = enqueue(postgres_url, home, "--school", SCHOOL, *FAKE)
        run_id = queued["run_id"]
        run = wait_for(postgres_url, run_id, lambda r: r.counts.get("done", 0) >= 6, 120)
        assert run.status.value == "running", "the run ended before the cut"
        before = proxy.accepted
        assert proxy.cut() >= 2  # every worker's connections, consumers and publishers
        wait_for(postgres_url, run_id, lambda r: r.status.value != "running", 300)
        assert proxy.accepted > before, "the workers never reconnected"
        assert_same_week(postgres_url, run_id, expected)
    finally:
        proxy.close()


@pytest.mark.slow
@pytest.mark.postgres
def test_a_model_server_that_never_answers_fails_its_class_with_the_reason(
    postgres_url: str, home: Path, workers: Callable[..., Workers]
) -> None:
    demo_school(postgres_url)
    workers().start(1)
    dead = (
        "--backend",
        "openai",
        "--option",
        "base_url=http://127.0.0.1:9/v1",
        "--option",
        "model=none",
        "--option",
        "max_retries=0",
        "--no-log",
    )
    queued = enqueue(postgres_url, home, "--class", "demo-6a", *dead)
    run = wait_for(postgres_url, queued["run_id"], lambda r: r.status.value != "running", 180)
    assert run.status.value == "partial"
    state = run.counts["classes"]["demo-6a"]
    assert state["status"] == "failed" and state["failed"] == 25, state
    assert "model server did not answer" in state["error"]
    assert "gave up after 3 tries" in state["error"]
    assert snapshot(postgres_url)["plans"] == []


# --- refusals ---------------------------------------------------------------------------


def test_workers_and_queued_runs_refuse_sqlite(demo: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDUGEN_BROKER_URL", BROKER)
    for args in (("worker",), ("weekly", "--school", SCHOOL, "--queue", *FAKE)):
        result = demo(*args)
        assert result.exit_code == 2, result.output
        assert "need PostgreSQL" in result.output and "sqlite" in result.output


def test_without_a_broker_the_worker_says_how_to_configure_one(
    home: Path, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("EDUGEN_BROKER_URL", raising=False)
    result = make_runner(postgres_url)("worker")
    assert result.exit_code == 1
    assert "EDUGEN_BROKER_URL" in result.output and "[workers] broker_url" in result.output


@pytest.mark.slow
@pytest.mark.postgres
def test_the_api_queues_a_class_run_for_the_workers_when_a_broker_is_set(
    postgres_url: str,
    home: Path,
    queue: str,
    workers: Callable[..., Workers],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import httpx

    from tests.live_server import edugen_serve, make_key

    with (home / "edugen.toml").open("a", encoding="utf-8") as toml:
        toml.write('[generate]\nbackend = "fake"\n')
    key = make_key(demo_school(postgres_url), SCHOOL)
    workers().start(1)
    monkeypatch.setenv("EDUGEN_BROKER_URL", BROKER)
    with edugen_serve(home, postgres_url) as url:
        answer = httpx.post(
            f"{url}/v1/classes/demo-6a/runs",
            json={"week": WEEK},
            headers={"Authorization": f"Bearer {key}"},
            timeout=60,
        )
    assert answer.status_code == 202, answer.text
    run_id = answer.json()["id"]
    run = wait_for(postgres_url, run_id, lambda r: r.status.value != "running", 300)
    assert run.status.value == "succeeded", (run.error, run.counts)
    assert run.params["queued"] is True and run.counts["done"] == 25
    plans = [s for s, _ in snapshot(postgres_url)["plans"]]
    assert len(plans) == len(set(plans)) == 25
