"""Rendering in a pool of processes gives the files rendering in-process gives, in order."""

from __future__ import annotations

import io
import os
import sys
import threading
import zipfile
from functools import partial
from pathlib import Path

import pytest

from edugen.errors import UsageError
from edugen.exporters.pages import MasteryBar, chart, figures, pool, render_all
from edugen.exporters.pages.chart import mastery_png
from edugen.profiles.db import Database
from edugen.workflows.export import plan_export
from tests.conftest import DEMO_WEEK, Run

STUDENTS = ("demo-s001", "demo-s002", "demo-s004")
several_cores = pytest.mark.skipif(pool.cores() < 2, reason="one core: nothing to fork")


@pytest.fixture(autouse=True)
def two_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two workers however busy the machine is (else a busy machine renders in-process)."""
    monkeypatch.setenv("EDUGEN_RENDER_WORKERS", "2")


def _pid(i: int) -> bytes:
    return f"{i}:{os.getpid()}".encode()


@several_cores
def test_files_come_back_in_order_from_other_processes() -> None:
    heard: list[int] = []
    makes = [partial(_pid, i) for i in range(7)]
    made = render_all(makes, heard.append)
    assert [m.split(b":")[0] for m in made] == [str(i).encode() for i in range(7)]
    assert {m.split(b":")[1] for m in made} != {str(os.getpid()).encode()}
    assert heard == list(range(1, 8))


_LATE_MODULE = """
from edugen.exporters.pages.pool import SharedCache

LATE: SharedCache[int, str] = SharedCache(f"{__name__}:late", 8)
"""


def _late(i: int) -> bytes:
    """A file whose rendering imports a module that makes a shared cache (as the first PDF
    of a process imports fpdf2's and the line breaks' modules)."""
    import edugen_late_cache  # type: ignore[import-not-found]

    edugen_late_cache.LATE.put(i, f"drawn by {os.getpid()}")
    return _pid(i)


@several_cores
def test_a_cache_a_worker_makes_comes_back_and_the_files_stay_in_the_pool(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "edugen_late_cache.py").write_text(_LATE_MODULE)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "edugen_late_cache", raising=False)
    here = str(os.getpid()).encode()
    # The first file is rendered here, before the fork; its import is inherited.
    made = render_all([partial(_pid, 0)] + [partial(_late, i) for i in range(1, 6)])
    assert [m.split(b":")[0] for m in made] == [str(i).encode() for i in range(6)]
    assert all(m.split(b":")[1] != here for m in made[1:])  # none rendered here again
    late = sys.modules["edugen_late_cache"].LATE  # imported here when its entries came back
    assert sorted(late.entries) == [1, 2, 3, 4, 5]
    assert all(value != f"drawn by {os.getpid()}" for value in late.entries.values())
    pool._SHARED.pop("edugen_late_cache:late")


def test_one_file_or_a_thread_renders_here() -> None:
    here = str(os.getpid()).encode()
    assert render_all([lambda: _pid(0)]) == [b"0:" + here]
    got: list[list[bytes]] = []
    worker = threading.Thread(target=lambda: got.append(render_all([lambda: _pid(1)] * 3)))
    worker.start()
    worker.join()
    assert got == [[b"1:" + here] * 3]


def test_an_error_is_the_one_rendering_here_raises() -> None:
    def broken() -> bytes:
        raise UsageError("file 2 cannot be drawn")

    with pytest.raises(UsageError, match="file 2 cannot be drawn"):
        render_all([lambda: b"a", broken, lambda: b"c"])


def _contents(name: str, data: bytes) -> object:
    """What a file holds: a DOCX's parts (its zip times aside), else its bytes."""
    if name.endswith(".docx"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {n: archive.read(n) for n in archive.namelist()}
    return data


@several_cores
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_an_export_in_the_pool_holds_what_rendering_here_gives(
    demo: Run, demo_url: str, tmp_path: Path, fmt: str
) -> None:
    made = demo(
        "generate", "plan", "--class", "demo-6a", "--week", DEMO_WEEK, "--count", "2",
        "--backend", "fake", "--no-log",
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    ids = [a for s in STUDENTS for a in ("--student", s)]
    out = tmp_path / "out"
    result = demo(
        "export", "plan", *ids, "--week", DEMO_WEEK, "--format", fmt, "--include-drafts",
        "--out", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    db = Database(demo_url)
    try:
        export = plan_export(
            db=db, what="plan", week=DEMO_WEEK, format=fmt, student_ids=STUDENTS,
            include_drafts=True,
        )  # fmt: skip
    finally:
        db.dispose()
    assert len(export.files) == 2 * len(STUDENTS)
    written = {p.name: _contents(p.name, p.read_bytes()) for p in out.iterdir()}
    here = {f.name: _contents(f.name, f.make()) for f in export.files}
    assert written == here


@several_cores
def test_a_chart_a_worker_drew_is_not_drawn_again_here() -> None:
    bars = [MasteryBar(topic="pool.1", title="A topic only this test draws", now=0.5)]
    drawn = (("A topic only this test draws", None, 0.5),)
    assert chart._CHARTS.get(drawn) is None
    made = render_all([lambda: b""] + [partial(mastery_png, bars)] * 2)
    assert made[1] == made[2] != b""
    svg, width, height = chart._CHARTS.get(drawn) or ("", 0, 0)
    assert svg.startswith("<svg")
    assert figures._PNGS.get((svg, width, height, chart.DPI)) == made[1]


def test_workers_are_what_is_asked_at_most_the_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDUGEN_RENDER_WORKERS", "1")
    assert pool.workers() == 1
    monkeypatch.setenv("EDUGEN_RENDER_WORKERS", "999")
    assert pool.workers() == pool.cores()
    monkeypatch.delenv("EDUGEN_RENDER_WORKERS")
    assert 1 <= pool.workers() <= pool.cores()
