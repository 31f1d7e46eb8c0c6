"""A real `edugen serve` subprocess on a free 127.0.0.1 port, up before a test and stopped after
it, and the schools the API and web tests serve: the one place that starts a server for tests."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests import rosters
from tests.conftest import Run, make_runner

EDUGEN = Path(sys.executable).parent / "edugen"
WEEK = "2026-W49"
DEMO_STUDENT = "demo-s004"  # in demo-6a


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_key(run: Run, school: str) -> str:
    """A new API key for `school`, made through `edugen apikey create`."""
    result = run("apikey", "create", "--school", school, "--name", f"{school} LMS", "--json")
    assert result.exit_code == 0, result.output
    return str(json.loads(result.stdout)["key"])


@contextmanager
def cli_at(home: Path, db_url: str) -> Iterator[Run]:
    """The CLI with EDUGEN_HOME=home, for preparing a module-wide server's data."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("EDUGEN_HOME", str(home))
        mp.delenv("EDUGEN_DATABASE_URL", raising=False)
        yield make_runner(db_url)


def load_demo_and_sch1(run: Run, home: Path) -> None:
    """The demo school for WEEK with DEMO_STUDENT's plan made (fake backend), and school sch1
    from the test roster."""
    assert run("demo", "--week", WEEK).exit_code == 0
    roster = rosters.write_zip(home / "sch1.zip", rosters.bundle())
    assert run("import", "oneroster", str(roster)).exit_code == 0
    made = run(
        "generate", "plan", "--student", DEMO_STUDENT, "--week", WEEK,
        "--backend", "fake", "--no-log", "--json",
    )  # fmt: skip
    assert made.exit_code == 0, made.output


@contextmanager
def edugen_serve(home: Path, db_url: str, *options: str) -> Iterator[str]:
    """`edugen --db db_url serve` with EDUGEN_HOME=home and extra serve options; yields its URL
    once it answers, and stops it at the end. Its output goes to home/server.log."""
    port = free_port()
    env = {**os.environ, "EDUGEN_HOME": str(home)}
    env.pop("EDUGEN_DATABASE_URL", None)
    url = f"http://127.0.0.1:{port}"
    command = [str(EDUGEN), "--db", db_url, "serve", "--port", str(port), *options]
    with running(command, f"{url}/openapi.json", home / "server.log", env=env):
        yield url


@contextmanager
def running(
    command: list[str],
    ready_url: str,
    log_path: Path,
    *,
    env: dict[str, str] | None = None,
    wait_s: float = 60,
) -> Iterator[None]:
    """Run a server `command` (its output to log_path) from once `ready_url` answers 200 to
    the end of the block, then stop it; a server that exits or is not up in wait_s fails the
    test with the end of its log."""
    with log_path.open("wb") as log:
        proc = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                if httpx.get(ready_url, timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                state = "exited" if proc.poll() is not None else f"not up in {wait_s:.0f} s"
                log_tail = log_path.read_text(errors="replace")[-3000:]
                pytest.fail(f"{command[0]} {state}:\n{log_tail}")
            time.sleep(0.2)
        yield
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
