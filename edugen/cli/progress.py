"""Progress of long work on stderr: a bar on a terminal, one plain line per step otherwise.

Cron and systemd logs get lines like "students 25/50, 41 s, 0.6/s" instead of a bar's
carriage returns; stdout is left to the artifact.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import Any

import click


class Progress:
    """A `(stage, done, total)` callback that reports each stage; close it when done."""

    def __init__(self, *, terminal: bool | None = None) -> None:
        self.terminal = sys.stderr.isatty() if terminal is None else terminal
        self._bars: dict[str, Any] = {}
        self._started: dict[str, tuple[float, int]] = {}
        self._last: tuple[str, int] | None = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.terminal:
            self._bar(stage, done, total)
            return
        if self._last == (stage, done):
            return
        self._last = (stage, done)
        # The rate counts only this run's work, not what was already done when it began.
        started, first = self._started.setdefault(stage, (time.monotonic(), done))
        seconds = time.monotonic() - started
        rate = f", {(done - first) / seconds:.1f}/s" if seconds >= 0.05 and done > first else ""
        click.echo(f"{stage} {done}/{total}, {seconds:.0f} s{rate}", err=True)

    def _bar(self, stage: str, done: int, total: int) -> None:
        bar = self._bars.get(stage)
        if bar is None:
            for other in self._bars.values():
                other.render_finish()
            bar = self._bars[stage] = click.progressbar(
                length=total, label=f"{stage:<20}", file=sys.stderr
            )
        bar.update(done - bar.pos)

    def close(self) -> None:
        for bar in self._bars.values():
            bar.render_finish()
        self._bars.clear()

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
