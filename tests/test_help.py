"""--help is documentation: every command explains itself with an example."""

from __future__ import annotations

import subprocess
import sys

import click
from click.testing import CliRunner

from edugen import __version__
from edugen.cli import cli


def _commands(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += _commands(command, (*path, name))
        else:
            found.append((*path, name))
    return found


def test_every_command_has_help_with_an_example() -> None:
    runner = CliRunner()
    commands = _commands(cli)
    assert ("import", "oneroster") in commands and ("demo",) in commands
    for path in commands:
        result = runner.invoke(cli, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert "Example:" in result.output, f"`edugen {' '.join(path)} --help` has no example"
        assert "edugen" in result.output.split("Example:", 1)[1], path


def test_short_help_flag_and_version() -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["-h"]).exit_code == 0
    version = runner.invoke(cli, ["--version"])
    assert version.exit_code == 0 and __version__ in version.output


def test_python_dash_m_and_usage_errors_exit_2() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "edugen", "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0 and "Usage:" in result.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "edugen", "no-such-command"], capture_output=True, text=True
    )
    assert bad.returncode == 2


def test_generate_help_gives_the_real_defaults_from_config() -> None:
    from edugen.config import GenerateSettings

    defaults = GenerateSettings()
    for part in ("questions", "resources", "plan"):
        result = CliRunner().invoke(cli, ["generate", part, "--help"], terminal_width=200)
        assert result.exit_code == 0, result.output
        text = " ".join(result.output.split())
        assert f"[generate] hints in edugen.toml, else {defaults.hints})" in text, text
        assert defaults.framing is None  # the backend's own default, which help names
        assert (
            "[generate] framing in edugen.toml, else plain on the built-in model and scene "
            "on any other)" in text
        ), text
    assert defaults.hints == "solution"  # what users are told, not "model"
