"""Worker processes that never outlive the build: how many, how they start, how they stop.

A worker is started by the build's process pool. It dies with its parent: on Linux the kernel
kills it when the parent dies (``PR_SET_PDEATHSIG``), and everywhere a watching thread ends it
once its parent is gone (it is then adopted by another process, so its parent id changes). It
ignores the parent's SIGTERM and SIGHUP handlers (which would raise inside a job) and, when
the terminal sends Ctrl-C to the whole group, leaves the reaction to the parent.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable
from typing import Any

PARENT_WATCH_SECONDS = 0.5


def usable_cores() -> int:
    """The cores this process may run on (its affinity, not the machine's count)."""
    counter = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if counter is not None:
        return counter() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _die_with(parent: int) -> None:
    """Ask the kernel to kill this process when its parent dies (Linux), and watch for it too."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the watching thread alone
        pass
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_WATCH_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="printpack-parent-watch", daemon=True).start()


def start_worker(parent: int, warm_up: Callable[..., None], *arguments: Any) -> None:
    """The pool's initializer: bind the worker's life to ``parent``, then warm up."""
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _die_with(parent)
    warm_up(*arguments)


def stop_workers(pool: Any, *, wait: bool) -> None:
    """Shut ``pool`` down; without ``wait`` (the build was interrupted), kill its workers now
    rather than let them finish the jobs they hold."""
    # No public way to reach these before 3.14; shutdown() forgets them.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    results = getattr(pool, "_result_queue", None)
    if not wait:
        for process in processes:
            if process.is_alive():
                process.kill()
    pool.shutdown(wait=wait, cancel_futures=True)
    if not wait:
        for process in processes:
            process.join(timeout=5)
        _end_result_reading(results)


def _end_result_reading(results: Any) -> None:
    """Let the pool's reading thread end: it may be half-way through a result a killed worker was
    sending, and then it waits for the rest until every writer of the result pipe is closed. This
    process holds one; Python's exit, which waits for that thread, would otherwise wait for ever."""
    writer = getattr(results, "_writer", None)
    if writer is not None:
        writer.close()
