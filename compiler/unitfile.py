"""Reading a unit or theme file's bytes, refusing what is not an ordinary file of a unit's size.

Kept apart from :mod:`compiler.source` (the YAML loader) so that finding units and the no-op
build, which only read and hash files, never import PyYAML.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from compiler.errors import Problem, ProblemsFound

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 24  # levels of nesting a unit's YAML may have (compiler.source refuses more)


def _size(count: int) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if count >= scale:
            return f"{count / scale:.1f} {unit}"
    return f"{count} bytes"


def too_big(file: str, count: int, *, at_least: bool = False) -> ProblemsFound:
    size = f"more than {_size(MAX_BYTES)}" if at_least else _size(count)
    return ProblemsFound([Problem(file, 0, 0, "", f"the file is {size}; a unit may be at most {_size(MAX_BYTES)}",
                                  "split the unit into smaller units")])


_NOT_A_FILE = {
    stat.S_IFDIR: ("a folder", "name the unit file inside it, or the folder without a file name to build every unit in it"),
    stat.S_IFIFO: ("a named pipe (FIFO)", "save the unit as an ordinary file and name that"),
    stat.S_IFSOCK: ("a socket", "save the unit as an ordinary file and name that"),
    stat.S_IFCHR: ("a device", "save the unit as an ordinary file and name that"),
    stat.S_IFBLK: ("a device", "save the unit as an ordinary file and name that"),
}


def _unreadable(path: Path, file: str, exc: OSError) -> ProblemsFound:
    """Why a file cannot be opened, in words: a link loop, a link to nothing, no permission."""
    if exc.errno == errno.ELOOP:
        message, hint = "the file is a symbolic link that leads back to itself", "point the link at a real file"
    elif exc.errno == errno.ENOENT and path.is_symlink():
        message, hint = f"the file is a symbolic link to {path.readlink()}, which does not exist", \
            "point the link at a real file"
    else:
        message, hint = f"cannot read the file: {exc.strerror or exc}", None
    return ProblemsFound([Problem(file, 0, 0, "", message, hint)])


def read_bytes(path: Path, file: str | None = None) -> bytes:
    """The bytes of a unit or theme file, or ProblemsFound saying why not, named as ``file``.

    The file is opened without blocking and checked before a byte is read: a named pipe would
    wait for a writer for ever, ``/dev/zero`` never ends, and a 6 GB file would be read whole
    only to be refused for its size. So only a regular file is read, and only if ``stat`` says
    it is within the limit; reading stops past the limit too, should it grow meanwhile.
    """
    file = file or str(path)
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise _unreadable(path, file, exc) from None
    try:
        status = os.fstat(handle)
        kind = stat.S_IFMT(status.st_mode)
        if kind != stat.S_IFREG:
            what, hint = _NOT_A_FILE.get(kind, ("not an ordinary file", "save the unit as an ordinary file"))
            raise ProblemsFound([Problem(file, 0, 0, "", f"this is {what}, not a unit file", hint)])
        if status.st_size > MAX_BYTES:
            raise too_big(file, status.st_size)
        chunks, total = [], 0
        while chunk := os.read(handle, MAX_BYTES + 1 - total):
            chunks.append(chunk)
            total += len(chunk)
            if total > MAX_BYTES:
                raise too_big(file, total, at_least=True)
        return b"".join(chunks)
    except OSError as exc:
        raise _unreadable(path, file, exc) from None
    finally:
        os.close(handle)
