"""Render many files on every core: forked workers, results in order, the same bytes as here.

A file is made by a callable (a closure over its document), so workers are forked, not
spawned: each inherits the callables and the caches warmed so far, and sends back the bytes
and what it added to each `SharedCache`, by the cache's name (a chart drawn for a student's
copy is the one the class week shows next, in this process). The first file is rendered
here before the fork: the imports and per-process setup it does (fonts cut, templates
compiled) are then inherited by every worker instead of done again in each. Forking is
safe only while this process runs no other thread (a lock held by another thread would stay
held in the child forever), so a server, or anything with threads, renders in-process, as do
one or two files, a machine with no idle core, a platform without fork, or
EDUGEN_RENDER_WORKERS=1. If the pool fails at all, the files it had are rendered here
instead, so an error is the one rendering here raises.

    data = render_all([lambda: b"a", lambda: b"b"])
"""

from __future__ import annotations

import importlib
import math
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from typing import Any, Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")

# What the forked workers render, by index (set just before the fork).
_MAKES: Sequence[Callable[[], bytes]] = ()
# A student's copy and answer key come in pairs and show the same chart: keep them together.
CHUNK = 2


class SharedCache(Generic[K, V]):
    """A bounded cache (emptied when full) that the pool's workers hand their additions back to.

    `name` is "module:what", unique: a worker may import a module (and make its caches)
    that this process has not imported yet, so additions travel by name, and the module is
    imported here when they arrive.
    """

    def __init__(self, name: str, limit: int) -> None:
        if name in _SHARED:
            raise ValueError(f"a shared cache is already named {name!r}")
        self.name = name
        self.entries: dict[K, V] = {}
        self.limit = limit
        _SHARED[name] = self

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


_SHARED: dict[str, SharedCache[Any, Any]] = {}


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


Added = dict[str, list[tuple[Any, Any]]]


def _make(index: int) -> tuple[bytes, Added]:
    sizes = {name: len(cache.entries) for name, cache in _SHARED.items()}
    data = _MAKES[index]()
    # A cache made while rendering (its module imported just now) is new from its first entry.
    added = {name: cache.added_since(sizes.get(name, 0)) for name, cache in _SHARED.items()}
    return data, {name: entries for name, entries in added.items() if entries}


def _take(added: Added) -> None:
    """A worker's additions, each put in the cache of that name here."""
    for name, entries in added.items():
        cache = _SHARED.get(name)
        if cache is None:
            importlib.import_module(name.partition(":")[0])
            cache = _SHARED.get(name)
        if cache is not None:
            for key, value in entries:
                cache.put(key, value)


def render_all(
    makes: Sequence[Callable[[], bytes]], done: Callable[[int], None] | None = None
) -> list[bytes]:
    """Each callable's bytes, in order; `done(n)` hears how many are finished."""
    results: list[bytes] = []

    def finished(data: bytes) -> None:
        results.append(data)
        if done is not None:
            done(len(results))

    processes = min(workers(), len(makes) - 1)
    forkable = "fork" in multiprocessing.get_all_start_methods()
    if processes > 1 and forkable and threading.active_count() == 1:
        finished(makes[0]())  # here: what it sets up, every worker inherits
        try:
            for data in _in_pool(makes[1:], processes, _take):
                finished(data)
            return results
        except Exception:  # noqa: BLE001 - rendered again below, where the error is raised
            del results[1:]
    for make in makes[len(results) :]:
        finished(make())
    return results


def _in_pool(
    makes: Sequence[Callable[[], bytes]], processes: int, take: Callable[[Added], None]
) -> Iterator[bytes]:
    """Each file's bytes, in order, as the workers finish them."""
    global _MAKES
    _MAKES = makes
    try:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            for data, added in pool.imap(_make, range(len(makes)), chunksize=CHUNK):
                take(added)
                yield data
    finally:
        _MAKES = ()
