"""Writing files safely: atomically, only inside the output folder, one build at a time."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]


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


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    A reader (or a build killed half-way) sees the old file or the new one, never a mix.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # not imported by a build that writes nothing

    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(handle, 0o666 & ~_umask())  # mkstemp makes 0600; published files are readable
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


LOCK = ".printpack.lock"


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Hold the output folder for one build at a time: a second build into it waits.

    On systems without ``fcntl`` (Windows) builds are not serialised; give each its own --out.
    """
    out.mkdir(parents=True, exist_ok=True)
    with (out / LOCK).open("a+b") as handle:
        if fcntl is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def remove_stale_temporaries(out: Path) -> list[Path]:
    """Delete temporary files a killed build left behind (call while holding the lock)."""
    stale = [p for p in (*out.glob(".*.tmp"), *out.glob("*/.*.tmp"), *out.glob("*/*/.*.tmp")) if p.is_file()]
    for path in stale:
        path.unlink(missing_ok=True)
    return stale
