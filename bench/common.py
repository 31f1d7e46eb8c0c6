"""What the benchmarks share: a throwaway EDUGEN_HOME."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def throwaway_home(keep: bool = False) -> Iterator[Path]:
    """A temporary work folder whose home/ is EDUGEN_HOME; removed afterwards unless kept."""
    work = Path(tempfile.mkdtemp(prefix="edugen-bench-"))
    os.environ["EDUGEN_HOME"] = str(work / "home")
    os.environ.pop("EDUGEN_DATABASE_URL", None)
    try:
        yield work
    finally:
        if keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
