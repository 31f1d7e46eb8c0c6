"""Renamed commands keep their old names for a release: they work, say so, and --help omits them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from edugen.cli import cli
from tests.conftest import Run

WEEK = "2026-W49"
STUDENT = "demo-s004"
CLASS = "demo-6a"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (("plan", "show", STUDENT, "--week", WEEK, "--json"), ("topics", "show")),
        (("plan", "class", CLASS, "--week", WEEK, "--json"), ("topics", "class")),
    ],
    ids=["plan-show", "plan-class"],
)
def test_the_old_plan_name_prints_what_topics_prints(
    demo: Run, old: tuple[str, ...], new: tuple[str, ...]
) -> None:
    before = demo(*old)
    after = demo(*new, *old[2:])
    assert before.exit_code == 0 and after.exit_code == 0, before.output + after.output
    assert json.loads(before.stdout) == json.loads(after.stdout)
    assert "Use 'edugen topics'" in before.stderr and after.stderr == ""


def test_the_old_export_questions_name_still_exports_items(run: Run, tmp_path: Path) -> None:
    common = ("--class", "no-such", "--format", "json", "--out", str(tmp_path / "x"))
    old, new = run("export", "questions", *common), run("export", "items", *common)
    # The same command behind both names: the same refusal, the alias naming its successor.
    assert old.exit_code == new.exit_code == 1
    assert "no class with id 'no-such'" in old.stderr and "no-such" in new.stderr
    assert "Use 'edugen export items'" in old.stderr
    assert "export items" not in new.stderr


def test_hidden_aliases_are_not_listed_in_help() -> None:
    runner = CliRunner()
    root = runner.invoke(cli, ["--help"])
    listed = {line.split()[0] for line in root.stdout.split("Commands:")[1].splitlines() if line}
    assert "topics" in listed and "plans" in listed and "plan" not in listed
    export = runner.invoke(cli, ["export", "--help"])
    listed = {line.split()[0] for line in export.stdout.split("Commands:")[1].splitlines() if line}
    assert listed == {"plan", "items", "class"}
    assert "questions" not in export.stdout
