"""Errors shown to the user; the CLI turns them into a message and an exit code at the edge."""

from __future__ import annotations

from dataclasses import dataclass


class EdugenError(Exception):
    """A failure the user can act on; its message is shown as is."""

    exit_code = 1


class UsageError(EdugenError):
    """The command was called wrongly (exit 2)."""

    exit_code = 2


class NotFoundError(EdugenError):
    """A named object (student, class, key …) does not exist."""


class ConfigError(EdugenError):
    """Configuration (data dir, database URL) is unusable."""


@dataclass(frozen=True)
class InputProblem:
    """One problem in an input file, located as precisely as we can."""

    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class InputError(EdugenError):
    """Input was rejected and nothing was written; carries every problem (the first few shown)."""

    shown = 20

    def __init__(self, problems: list[InputProblem]):
        self.problems = problems
        lines = [str(p) for p in problems[: self.shown]]
        if len(problems) > self.shown:
            lines.append(f"... and {len(problems) - self.shown} more problems")
        lines.append("Nothing was written.")
        super().__init__("\n".join(lines))
