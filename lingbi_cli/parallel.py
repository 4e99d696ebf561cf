"""Running one function over many items on several cores: lingbi's one way to work in parallel.

``parallel_map(fn, items, workers=n)`` forks ``n - 1`` child processes and works in this process
too. Every process takes the next item nobody has taken yet (the costliest first, when the caller
says what an item costs), so the work balances itself even when a core is busy with something
else. The children see everything this process built before the fork (copy-on-write: a loaded
county, its index, a cache) and send back only their results, pickled through a pipe. The
results come back in the items' order, whichever process made them, so the output never depends
on the split.

Where ``fork`` is missing (Windows), or one worker is asked for, the items run here one after
another. A child that fails leaves its items to this process: the result is always whole, and a
real error is raised here, where it can be reported.

A low-level module: it imports nothing from lingbi, and every layer may use it.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def can_fork() -> bool:
    """Whether this platform can share a process's memory with a child (not on Windows)."""
    return hasattr(os, "fork")


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def two_if(items: int, at_least: int = 2) -> int:
    """The workers worth starting for ``items`` items: two (the machines lingbi runs on have
    two cores or more) when there are ``at_least`` items and a second core can share the
    work, else one."""
    return 2 if items >= at_least and can_fork() and cores() >= 2 else 1


def parallel_map(
    fn: Callable[[T], R],
    items: Sequence[T],
    *,
    workers: int,
    cost: Callable[[T], float] | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[R]:
    """``[fn(item) for item in items]``, computed by ``workers`` processes (this one included).

    ``cost`` orders the items, costliest first, so that no process is left with a large item
    at the end. ``progress`` is called here with the number of items done so far (an estimate
    while children are working) and, at the end, with ``len(items)``.
    """
    workers = min(workers, len(items))
    if workers < 2 or not can_fork():
        return _serial(fn, items, progress)
    import multiprocessing  # only here: a serial run need not pay for it

    order = list(range(len(items)))
    if cost is not None:
        order.sort(key=lambda i: -cost(items[i]))
    taken = multiprocessing.RawValue("l", 0)  # how many of `order` have been claimed
    lock = multiprocessing.Lock()

    def claim() -> int | None:
        with lock:
            position = int(taken.value)
            if position >= len(order):
                return None
            taken.value = position + 1
        return order[position]

    children: list[tuple[int, int]] = []  # (pid, read end of its pipe)
    results: dict[int, R] = {}
    try:
        for _ in range(workers - 1):
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:  # a child: work, send the results, leave without any cleanup
                status = 1
                try:
                    os.close(read_end)
                    for _, other in children:
                        os.close(other)
                    mine: list[tuple[int, R]] = []
                    while (index := claim()) is not None:
                        mine.append((index, fn(items[index])))
                    with os.fdopen(write_end, "wb") as pipe:
                        pickle.dump(mine, pipe, protocol=pickle.HIGHEST_PROTOCOL)
                    status = 0
                finally:
                    os._exit(status)
            os.close(write_end)
            children.append((pid, read_end))
        done = 0
        while (index := claim()) is not None:
            results[index] = fn(items[index])
            done += 1
            if progress is not None:
                progress(max(done, taken.value - (workers - 1)))
    finally:
        for pid, read_end in children:
            results.update(_collect(pid, read_end))
    for index in range(len(items)):  # what a failed child left undone
        if index not in results:
            results[index] = fn(items[index])
    if progress is not None:
        progress(len(items))
    return [results[index] for index in range(len(items))]


def _serial(
    fn: Callable[[T], R], items: Sequence[T], progress: Callable[[int], None] | None
) -> list[R]:
    out = []
    for done, item in enumerate(items, start=1):
        out.append(fn(item))
        if progress is not None:
            progress(done)
    return out


def _collect(pid: int, read_end: int) -> list[tuple[int, Any]]:
    """A child's results once it has finished; none if it failed. They are unpickled as they
    come (our own child's, just made), never held twice: as bytes and as values."""
    with os.fdopen(read_end, "rb") as pipe:
        try:
            found: list[tuple[int, Any]] = pickle.load(pipe)
        except Exception:  # a child that died before it wrote them all  # noqa: BLE001
            found = []
        pipe.read()  # whatever follows (nothing, from a child that finished): let it exit
    _, status = os.waitpid(pid, 0)
    return found if status == 0 else []
