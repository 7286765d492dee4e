"""One build at a time per output folder, and a lock that dies with its holder.

The lock is an ``flock`` on ``output/.printpack.lock``, which also holds the holder's process
id, so that a build that has to wait can say for whom. Worker processes forked while the lock
is held would inherit its file descriptor, and with it the lock: a parent killed by SIGTERM
would leave them holding it, and every later build would wait for ever (PITFALLS.md §7). So
every child forked while a lock is held closes its copy at once (``os.register_at_fork``);
the descriptor is also close-on-exec, as Python opens every file, for children that ``exec``.

``filelock`` was considered: it hides the descriptor (which the forked child must close) and
keeps no holder pid, so the twenty lines below are simpler than working around it.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from compiler.fsio import Refused

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

LOCK = ".printpack.lock"
_OWN_LOCK = "delete it; printpack makes a lock file of its own"

_held: set[int] = set()  # descriptors of the locks this process holds


def _close_inherited_locks() -> None:
    """In a freshly forked child: give up the parent's lock descriptors (the parent keeps its lock)."""
    for descriptor in _held:
        with suppress(OSError):
            os.close(descriptor)
    _held.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_inherited_locks)


def holder(out: Path) -> str:
    """The process id recorded in the lock file of ``out`` (empty when none is recorded)."""
    try:
        descriptor = os.open(out / LOCK, os.O_RDONLY | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return ""
    with os.fdopen(descriptor, "rb") as stream:
        text = stream.read(32).decode("ascii", errors="replace").strip()
    return text if text.isdigit() else ""


def _open_lock_file(path: Path) -> int:
    """The lock file, opened never through a symbolic link and refused when it has another name
    (a hard link): printpack truncates and writes it, and either could name any file of the user's."""
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0), 0o666)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Refused(exc.errno, "it is a symbolic link, which printpack does not follow", path,
                          _OWN_LOCK) from None
        raise
    status = os.fstat(descriptor)
    if stat.S_ISREG(status.st_mode) and status.st_nlink == 1:
        return descriptor
    os.close(descriptor)
    what = "has another name (a hard link)" if stat.S_ISREG(status.st_mode) else "is not a regular file"
    raise Refused(errno.EPERM, f"it {what}, so writing it would change that file too", path, _OWN_LOCK)


@contextmanager
def output_lock(out: Path, waiting: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the output folder for one build at a time: a second build into it waits, and
    ``waiting`` hears why (with the holder's pid) before it does.

    On systems without ``fcntl`` (Windows) builds are not serialised; give each its own --out.
    """
    descriptor = _take(out, waiting)
    try:
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(descriptor, 0)
    finally:
        _held.discard(descriptor)
        os.close(descriptor)  # closing the last descriptor releases the lock


def _take(out: Path, waiting: Callable[[str], None] | None) -> int:
    """The descriptor of ``out``'s lock file, locked. ``printpack merge`` replaces the output
    folder whole, and with it the lock file: a build that waited for the merge then holds the
    lock of a file no longer in ``out``, so it opens the lock file now there and locks that."""
    while True:
        out.mkdir(parents=True, exist_ok=True)
        descriptor = _open_lock_file(out / LOCK)
        _held.add(descriptor)  # from now on, a forked child closes its copy
        try:
            _wait_for(descriptor, out, waiting)
            if _still_named(descriptor, out / LOCK):
                return descriptor
        except BaseException:
            _held.discard(descriptor)
            os.close(descriptor)
            raise
        _held.discard(descriptor)
        os.close(descriptor)


def _wait_for(descriptor: int, out: Path, waiting: Callable[[str], None] | None) -> None:
    """Lock ``descriptor``, saying for whom it waits when another process holds it."""
    if fcntl is None:
        return
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        if waiting is not None:
            pid = holder(out)
            waiting(f"waiting for another build of {out}{f' (pid {pid})' if pid else ''}…")
        fcntl.flock(descriptor, fcntl.LOCK_EX)


def _still_named(descriptor: int, path: Path) -> bool:
    """Whether the file open at ``descriptor`` is still the one at ``path``."""
    try:
        named = path.lstat()
    except OSError:
        return False
    held = os.fstat(descriptor)
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)
