"""Read-aloud recordings: one WAV per question and per note, spoken offline by espeak-ng.

A `read_aloud` student's HTML copy links each recording by a file name beside it
(`<copy>-q3.wav`, `<copy>-note.wav`); the export carries the files. Without espeak-ng the
export is refused with what to install: a student who needs the recordings never gets a
copy that silently lacks them.

    document, files = read_aloud(document, "s1-2026-W49-plan")
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

from edugen.errors import EdugenError
from edugen.exporters.pages.model import StudentWeekDocument, student_page

ESPEAK = "espeak-ng"
VOICE = "en-us"
# Words a minute: slower than espeak's 175, for a student who listens along.
SPEED = 140
# A recording that takes longer than this to make is a stuck process, not a long question.
TIMEOUT_S = 60


def espeak() -> str | None:
    """The espeak-ng program on PATH, or None."""
    return shutil.which(ESPEAK)


def speak(text: str) -> bytes:
    """`text` spoken as a WAV file (mono, 22 kHz), made offline."""
    program = espeak()
    if program is None:
        raise EdugenError(_missing("a read-aloud recording"))
    with tempfile.TemporaryDirectory(prefix="edugen-audio-") as folder:
        out = Path(folder) / "clip.wav"
        # The text goes in on stdin: a question is never read as an option or a file name.
        done = subprocess.run(
            [program, "-v", VOICE, "-s", str(SPEED), "-w", str(out), "--stdin"],
            input=text.encode("utf-8"),
            capture_output=True,
            timeout=TIMEOUT_S,
            check=False,
        )
        if done.returncode != 0 or not out.is_file():
            why = done.stderr.decode("utf-8", "replace").strip() or f"exit {done.returncode}"
            raise EdugenError(f"espeak-ng could not make a recording: {why}")
        return out.read_bytes()


def read_aloud(
    document: StudentWeekDocument, prefix: str
) -> tuple[StudentWeekDocument, list[tuple[str, Callable[[], bytes]]]]:
    """The document set to link its recordings, and each recording's file name and maker.

    A student without `read_aloud` gets the document as it was and no files.
    """
    if "read_aloud" not in document.accommodations:
        return document, []
    if espeak() is None:
        raise EdugenError(_missing(f"{document.student_name}'s read-aloud copy"))
    linked = document.model_copy(update={"audio_prefix": prefix})
    page = student_page(linked, "student")
    return linked, [(page.audio[key], partial(speak, text)) for key, text in page.spoken.items()]


def _missing(what: str) -> str:
    return (
        f"{what} needs espeak-ng, which is not installed; nothing was written. Install it "
        "(Debian or Ubuntu: apt-get install espeak-ng, or scripts/ensure-espeak.sh as root) "
        "and export again"
    )
