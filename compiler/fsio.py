"""Writing files safely: atomically, a unit's files together, only inside the output folder.

Every temporary file printpack makes is named ``.printpack-<random>.tmp``, so that cleaning up
after a killed build can never touch a file of the user's (a ``.notes.tmp`` is theirs).
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

TEMPORARY_PREFIX = ".printpack-"
TEMPORARY_SUFFIX = ".tmp"
# Signals that would stop the build part-way through a set of renames: they wait until it ends.
_DEFERRED = {signal.SIGINT, signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])}


class UnsafePath(ValueError):
    """A path that would land outside the output folder."""


def confined(root: Path, *parts: str) -> Path:
    """``root/parts...``, refusing anything that resolves outside ``root`` (``..``, absolute, links)."""
    base = root.resolve()
    target = base.joinpath(*parts).resolve()
    if target == base or base not in target.parents:
        raise UnsafePath(f"{'/'.join(parts)} would be written outside {root}")
    return target


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _temporary_beside(path: Path, data: bytes) -> Path:
    """``data`` written and synced to a new temporary file in ``path``'s folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # not imported by a build that writes nothing

    handle, name = tempfile.mkstemp(dir=path.parent, prefix=TEMPORARY_PREFIX, suffix=TEMPORARY_SUFFIX)
    temporary = Path(name)
    try:
        os.fchmod(handle, 0o666 & ~_umask())  # mkstemp makes 0600; published files are readable
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    A reader (or a build killed half-way) sees the old file or the new one, never a mix.
    """
    replace_together({path: data})


def replace_together(files: Mapping[Path, bytes]) -> None:
    """Replace every file in ``files`` with its new bytes, all or none of them.

    Every new file is first written and synced as a temporary beside its destination; only
    when all are on disk are they renamed into place, with Ctrl-C, SIGTERM and SIGHUP held
    back until the last rename. Any failure before that (a full disk, an interruption) removes
    the temporaries and leaves every old file as it was. What remains is the renames
    themselves: they are one system call each, not one atomic step, so a power cut or SIGKILL
    between two of them, or a rename refused by the disk, can leave some files new and some
    old; the manifest, written after, then no longer vouches for them and the next build
    rewrites them.
    """
    temporaries: dict[Path, Path] = {}
    try:
        for path, data in files.items():
            try:
                temporaries[path] = _temporary_beside(path, data)
            except OSError as exc:
                exc.filename = str(path)  # name the file the teacher knows, not the temporary
                raise
        with _signals_deferred():
            for path, temporary in list(temporaries.items()):
                temporary.replace(path)
                del temporaries[path]
    finally:
        for temporary in temporaries.values():
            temporary.unlink(missing_ok=True)


@contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold back interrupting signals for a moment (in the main thread; elsewhere a no-op)."""
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, _DEFERRED)
    except (AttributeError, ValueError, OSError):  # no pthread_sigmask (Windows)
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def is_temporary(path: Path) -> bool:
    """Whether ``path`` is named like a temporary file of printpack's own."""
    return path.name.startswith(TEMPORARY_PREFIX) and path.name.endswith(TEMPORARY_SUFFIX)


def remove_stale_temporaries(out: Path) -> list[Path]:
    """Delete temporary files a killed build left behind (call while holding the lock). Only
    printpack's own names, in the folders it writes (the output folder and one level below)."""
    pattern = f"{TEMPORARY_PREFIX}*{TEMPORARY_SUFFIX}"
    base = out.resolve()
    stale = [p for p in (*out.glob(pattern), *out.glob(f"*/{pattern}"))
             if is_temporary(p) and p.is_file() and not p.is_symlink()
             and (p.parent.resolve() == base or base in p.parent.resolve().parents)]
    for path in stale:
        path.unlink(missing_ok=True)
    return stale
