"""Render many files on every core: forked workers, results in order, the same bytes as here.

A file is made by a callable (a closure over its document), so workers are forked, not
spawned: each inherits the callables and the caches warmed so far, and sends back the bytes
and what it added to each `SharedCache` (a chart drawn for a student's copy is the one the
class packet shows next, in this process). Forking is safe only while this process runs no
other thread (a lock held by another thread would stay held in the child forever), so a
server, or anything with threads, renders in-process, as does a single file, a machine with
no idle core, a platform without fork, or EDUGEN_RENDER_WORKERS=1. If the pool fails at
all, the files are rendered here instead, so an error is the one rendering here raises.

    data = render_all([lambda: b"a", lambda: b"b"])
"""

from __future__ import annotations

import math
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from itertools import islice
from typing import Any, Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")

# What the forked workers render, by index (set just before the fork).
_MAKES: Sequence[Callable[[], bytes]] = ()
# A student's copy and answer key come in pairs and show the same chart: keep them together.
CHUNK = 2


class SharedCache(Generic[K, V]):
    """A bounded cache (emptied when full) that the pool's workers hand their additions back to."""

    def __init__(self, limit: int) -> None:
        self.entries: dict[K, V] = {}
        self.limit = limit
        _SHARED.append(self)

    def get(self, key: K) -> V | None:
        return self.entries.get(key)

    def put(self, key: K, value: V) -> None:
        if len(self.entries) >= self.limit:
            self.entries.clear()
        self.entries[key] = value

    def added_since(self, size: int) -> list[tuple[K, V]]:
        """What was put since the cache held `size` entries (all of it if it was emptied)."""
        start = size if len(self.entries) >= size else 0
        return list(islice(self.entries.items(), start, None))


_SHARED: list[SharedCache[Any, Any]] = []


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def workers() -> int:
    """How many processes to render in: EDUGEN_RENDER_WORKERS (at most the cores), else the
    cores other work leaves idle, this process's own included (on a machine already busy
    a second process only competes with the first: the files come no sooner, for more CPU).
    """
    available = cores()
    asked = os.environ.get("EDUGEN_RENDER_WORKERS", "").strip()
    if asked.isdigit() and int(asked) > 0:
        return min(available, int(asked))
    try:
        busy = os.getloadavg()[0]
    except (AttributeError, OSError):  # not on every platform
        return available
    return max(1, min(available, math.floor(available - busy + 1)))


def _make(index: int) -> tuple[bytes, list[list[tuple[Any, Any]]]]:
    sizes = [len(cache.entries) for cache in _SHARED]
    data = _MAKES[index]()
    return data, [cache.added_since(size) for cache, size in zip(_SHARED, sizes, strict=True)]


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
            for data, added in pool.imap(_make, range(len(makes)), chunksize=CHUNK):
                results.append(data)
                for cache, entries in zip(_SHARED, added, strict=True):
                    for key, value in entries:
                        cache.put(key, value)
                if done is not None:
                    done(len(results))
            return results
    finally:
        _MAKES = ()
