"""A class's weekly run started in the background, for the faces that answer before it ends.

Steps: a daemon thread builds the configured backend and calls `weekly_run` for the class
(which records the run, takes the school's lock and records its own outcome) → the caller
waits until the run is recorded and gets its id → a run that never recorded itself raises.
The API's POST /v1/classes/{id}/runs and the web page's Run button both start runs here.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from edugen import config
from edugen.errors import EdugenError
from edugen.profiles.db import Database
from edugen.workflows.backend import make_backend
from edugen.workflows.weekly import weekly_run

log = logging.getLogger(__name__)
# How long a caller waits for the run to be recorded (a busy database, a slow first import).
START_TIMEOUT = 60.0
# progress(run id, stage, done, total), called from the run's thread as it goes.
RunProgress = Callable[[int, str, int, int], None]


def start_class_run(
    db: Database,
    class_id: str,
    week: str,
    *,
    progress: RunProgress | None = None,
    thread_name: str = "edugen-weekly",
) -> int:
    """Start the weekly run for one class in a thread; answer with the run's id once recorded."""
    recorded: list[int] = []
    ready = threading.Event()

    def started(run_id: int) -> None:
        recorded.append(run_id)
        ready.set()

    def moved(stage: str, done: int, total: int) -> None:
        if progress is not None and recorded:
            progress(recorded[0], stage, done, total)

    def work() -> None:
        try:
            settings = config.generate_settings()
            backend = make_backend(settings, None, {})
            try:
                weekly_run(
                    db=db,
                    week=week,
                    backend=backend,
                    log=None,
                    class_id=class_id,
                    settings=settings,
                    progress=moved,
                    on_start=started,
                )
            finally:
                backend.close()
        except Exception:  # noqa: BLE001 - recorded on the run, which is what callers poll
            log.exception("weekly run for %s failed", class_id)
        finally:
            ready.set()  # a run that never recorded itself still wakes the caller

    threading.Thread(target=work, name=f"{thread_name}-{class_id}", daemon=True).start()
    ready.wait(timeout=START_TIMEOUT)
    if not recorded:
        raise EdugenError(f"the weekly run for {class_id} could not start; see the server log")
    return recorded[0]
