"""The import contracts in pyproject.toml hold, and each one breaks on the import it forbids."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

# The console script installed beside this interpreter (the test extra brings it).
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` on the edugen package and pyproject.toml found in root."""
    assert LINT_IMPORTS.exists(), f"{LINT_IMPORTS} is missing: install the test extra"
    # The checkout's root first on the path, so a copy is analysed instead of the installed one.
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_layering_holds() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("planner/__init__.py", "import sqlalchemy", "Only the store"),
        ("backends/base.py", "from edugen.profiles import db", "Only the store"),
        ("exporters/__init__.py", "from edugen.prompts import runner", "Exporters never call"),
        ("workflows/__init__.py", "import edugen.cli", "Nothing below the faces"),
        ("validators/__init__.py", "from edugen import workflows", "Faces call workflows"),
        ("learner/__init__.py", "from edugen import planner", "Faces call workflows"),
    ],
    ids=[
        "planner-sqlalchemy",
        "backends-store",
        "exporters-model",
        "workflows-cli",
        "upward",
        "siblings",
    ],
)
def test_a_forbidden_import_breaks_its_contract(
    tmp_path: Path, module: str, line: str, contract: str
) -> None:
    shutil.copytree(
        ROOT / "edugen", tmp_path / "edugen", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "edugen" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")

    result = lint_imports(tmp_path)

    assert result.returncode == 1, result.stdout + result.stderr
    broken = [row for row in result.stdout.splitlines() if " BROKEN" in row]
    assert any(row.startswith(contract) for row in broken), result.stdout
