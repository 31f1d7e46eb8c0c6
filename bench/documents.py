"""Benchmark: a class's whole document set (goal: HTML, PDF and DOCX together <= 10 s).

Loads the demo school into a throwaway EDUGEN_HOME, makes class demo-6a's week with the
fake backend (no model: quick), approves it, then times, per format, the two exports a
teacher runs: `edugen export plan --class demo-6a` (every student copy and answer key) and
`edugen export class --class demo-6a` (the class week), in-process through the CLI.

`--against REV` also times the same steps on the code at git revision REV (extracted to a
temporary folder, run in a subprocess), before this checkout's runs, so a before/after
comparison shares one machine and one load; `--against OLD,NEW` times several revisions (a
committed "after" without the uncommitted work in this checkout). With one `--workers` count,
the revisions render with that count too. `--workers 1,2` times this
checkout once per count of rendering processes (EDUGEN_RENDER_WORKERS). `--profile FORMAT`
prints the top of a cProfile of that format's exports instead.

    .venv/bin/python bench/documents.py
    .venv/bin/python bench/documents.py --against 512beb0 --repeat 2
    .venv/bin/python bench/documents.py --against 1aafe1b --workers 1,2
    .venv/bin/python bench/documents.py --against 8c4f3fa,b62a973 --workers 1
    .venv/bin/python bench/documents.py --profile pdf
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import throwaway_home  # noqa: E402

WEEK = "2026-W49"
CLASS = "demo-6a"
FORMATS = ("html", "pdf", "docx")
GOAL_S = 10.0
ROOT = Path(__file__).resolve().parent.parent


def _cli(*args: str) -> str:
    from click.testing import CliRunner

    from edugen.cli import cli

    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    if result.exit_code != 0:
        raise SystemExit(f"edugen {' '.join(args)} failed ({result.exit_code}):\n{result.output}")
    return result.output


def _prepare() -> None:
    _cli("demo", "--week", WEEK)
    _cli("generate", "plan", "--class", CLASS, "--week", WEEK, "--backend", "fake", "--no-log")
    for kind in ("items", "plans"):
        _cli("review", "approve", "--all-valid", "--class", CLASS, "--week", WEEK, "--kind", kind)


def _export(fmt: str, out: Path) -> int:
    """Every file of one format for the class; the number of files written."""
    files = 0
    for what in ("plan", "class"):
        target = out / f"{fmt}-{what}"
        _cli(
            "export", what, "--class", CLASS, "--week", WEEK, "--format", fmt, "--out", str(target)
        )
        files += len(list(target.iterdir()))
        shutil.rmtree(target)
    return files


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the rendering workers)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _measure(formats: list[str], repeat: int) -> dict[str, object]:
    """Seconds per format (the best of `repeat` runs) for this process's edugen: wall time,
    and CPU time (its rendering workers' included), which other work on a shared machine
    disturbs less."""
    with throwaway_home() as work:
        _prepare()
        _export("md", work)  # imports and template compilation once, outside the timings
        seconds: dict[str, float] = {}
        cpu: dict[str, float] = {}
        files: dict[str, int] = {}
        for fmt in formats:
            runs = []
            for _ in range(repeat):
                start, start_cpu = time.perf_counter(), _cpu()
                files[fmt] = _export(fmt, work)
                runs.append((time.perf_counter() - start, _cpu() - start_cpu))
            seconds[fmt], cpu[fmt] = min(runs)
    return {"seconds": seconds, "cpu": cpu, "files": files}


def _profile(fmt: str) -> None:
    with throwaway_home() as work:
        _prepare()
        _export("md", work)
        profiler = cProfile.Profile()
        profiler.enable()
        _export(fmt, work)
        profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)


def _extract(rev: str, into: Path) -> Path:
    """The tree at `rev` (package, templates, migrations, bench) in a folder of its own."""
    into.mkdir(parents=True, exist_ok=True)
    archive = into / "tree.tar"
    subprocess.run(
        [
            "git",
            "-C",
            str(ROOT),
            "archive",
            "-o",
            str(archive),
            rev,
            "edugen",
            "templates",
            "migrations",
            "bench/common.py",
        ],
        check=True,
    )
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    shutil.copy(__file__, into / "bench" / "documents.py")
    return into


def _measure_at(
    tree: Path, formats: list[str], repeat: int, workers: str | None = None
) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    if workers is not None:
        env["EDUGEN_RENDER_WORKERS"] = workers
    done = subprocess.run(
        [
            sys.executable,
            str(tree / "bench" / "documents.py"),
            "--json-only",
            "--formats",
            ",".join(formats),
            "--repeat",
            str(repeat),
        ],
        env=env,
        cwd=tree,
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _report(label: str, result: dict[str, object]) -> float:
    seconds, cpu, files = result["seconds"], result["cpu"], result["files"]
    assert isinstance(seconds, dict) and isinstance(cpu, dict) and isinstance(files, dict)
    total = sum(seconds.values())
    parts = ", ".join(
        f"{f} {s:.1f} s wall / {cpu[f]:.1f} s CPU ({files[f]} files)" for f, s in seconds.items()
    )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"{label:<30} {parts}; all {total:.1f} s wall / {sum(cpu.values()):.1f} s CPU"
        f" (goal <= {GOAL_S:.0f} s); load average now {load}"
    )
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument(
        "--against", metavar="REV[,REV]", help="also time the code at these revisions, first"
    )
    parser.add_argument(
        "--workers",
        metavar="N,M",
        help="time this checkout once per rendering-worker count (EDUGEN_RENDER_WORKERS)",
    )
    parser.add_argument("--profile", metavar="FORMAT", help="cProfile one format's exports")
    parser.add_argument("--json-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    formats = [f for f in args.formats.split(",") if f]
    if args.profile:
        _profile(args.profile)
        return 0
    if args.json_only:
        print(json.dumps(_measure(formats, args.repeat)))
        return 0
    print(f"class {CLASS}, week {WEEK}, fake backend, best of {args.repeat}")
    counts = [w.strip() for w in (args.workers or "").split(",") if w.strip()]
    revisions = [r.strip() for r in (args.against or "").split(",") if r.strip()]
    if revisions or counts:
        with tempfile.TemporaryDirectory(prefix="edugen-bench-rev-") as folder:
            for n, rev in enumerate(revisions):
                tree = _extract(rev, Path(folder) / str(n))
                # With one worker count asked for, the revisions render with it too.
                same = counts[0] if len(counts) == 1 else None
                _report(f"at {rev}", _measure_at(tree, formats, args.repeat, same))
            for count in counts or [None]:
                label = "this checkout" + (f", {count} worker(s)" if count else "")
                total = _report(label, _measure_at(ROOT, formats, args.repeat, count))
    else:
        total = _report("this checkout", _measure(formats, args.repeat))
    return 0 if total <= GOAL_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
