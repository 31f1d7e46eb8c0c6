"""Render many files on every core: forked workers, results in order, the same bytes as here.

A file is made by a callable (a closure over its document), so workers are forked, not
spawned: each inherits the callables and the caches warmed so far, and sends back bytes
only. Forking is safe only while this process runs no other thread (a lock held by another
thread would stay held in the child forever), so a server, or anything with threads,
renders in-process, as does a single file, a single core or a platform without fork. If the
pool fails at all, the files are rendered here instead, so an error is the one rendering
here raises.

    data = render_all([lambda: b"a", lambda: b"b"])
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence

# What the forked workers render, by index (set just before the fork).
_MAKES: Sequence[Callable[[], bytes]] = ()
# A student's copy and answer key come in pairs and show the same chart: keep them together.
CHUNK = 2


def workers() -> int:
    """How many processes to render in: the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def _make(index: int) -> bytes:
    return _MAKES[index]()


def render_all(
    makes: Sequence[Callable[[], bytes]], done: Callable[[int], None] | None = None
) -> list[bytes]:
    """Each callable's bytes, in order; `done(n)` hears how many are finished."""
    processes = min(workers(), len(makes))
    forkable = "fork" in multiprocessing.get_all_start_methods()
    if processes > 1 and forkable and threading.active_count() == 1:
        try:
            return _in_pool(makes, processes, done)
        except Exception:  # noqa: BLE001 - rendered again below, where the error is raised
            pass
    results = []
    for make in makes:
        results.append(make())
        if done is not None:
            done(len(results))
    return results


def _in_pool(
    makes: Sequence[Callable[[], bytes]], processes: int, done: Callable[[int], None] | None
) -> list[bytes]:
    global _MAKES
    _MAKES = makes
    try:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            results = []
            for data in pool.imap(_make, range(len(makes)), chunksize=CHUNK):
                results.append(data)
                if done is not None:
                    done(len(results))
            return results
    finally:
        _MAKES = ()
