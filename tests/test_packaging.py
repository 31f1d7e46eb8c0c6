"""The wheel carries templates/ and migrations/, and an installed edugen finds and uses them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("edugen-*.whl")
    return built


def test_wheel_contains_templates_migrations_and_demo_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "edugen/_resources/migrations/env.py" in names
    assert any(n.startswith("edugen/_resources/migrations/versions/0001") for n in names)
    assert "edugen/_resources/templates/documents/next_topics.md.j2" in names
    assert "edugen/_resources/templates/prompts/en/hint.j2" in names
    assert "edugen/validators/unsafe_words.txt" in names
    assert "edugen/demo/data/curriculum.csv" in names
    assert {"edugen/prompts/tuning/train.jsonl", "edugen/prompts/tuning/heldout.jsonl"} <= names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "edugen = edugen.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_installed_wheel_migrates_and_runs(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "PYTHONPATH": str(target), "EDUGEN_HOME": str(tmp_path / "home")}
    env.pop("EDUGEN_DATABASE_URL", None)
    outside = tmp_path / "elsewhere"
    outside.mkdir()

    def edugen(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "edugen", *args],
            cwd=outside,
            env=env,
            capture_output=True,
            text=True,
        )

    where = subprocess.run(
        [sys.executable, "-c", "import edugen.config as c; print(c.resource_dir('migrations'))"],
        cwd=outside,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(target), where
    init = edugen("init")
    assert init.returncode == 0, init.stderr
    assert "(head)" in init.stdout
    listed = edugen("students", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout) == []
    # The shipped held-out prompts load from the installed package.
    scored = edugen("eval", "generation", "--backend", "fake", "--limit", "1", "--json")
    assert scored.returncode == 0, scored.stderr
    assert {j["prompts"] for j in json.loads(scored.stdout)["jobs"].values()} == {1}
