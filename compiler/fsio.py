"""Writing files safely: atomically, a unit's files together, only inside the output folder.

Every temporary file printpack makes is named ``.printpack-<random>.tmp``, so that cleaning up
after a killed build can never touch a file of the user's (a ``.notes.tmp`` is theirs).
"""

from __future__ import annotations

import errno
import os
import signal
import stat
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path, PurePath

TEMPORARY_PREFIX = ".printpack-"
TEMPORARY_SUFFIX = ".tmp"
# Signals that would stop the build part-way through a set of renames: they wait until it ends.
_DEFERRED = {signal.SIGINT, signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])}


class UnsafePath(ValueError):
    """A path that would land outside the output folder, or pass through a symbolic link."""

    def __init__(self, message: str, hint: str = "use a plain id") -> None:
        super().__init__(message)
        self.hint = hint


class Refused(OSError):
    """A path printpack will not write through or replace; ``hint`` says what to do about it."""

    def __init__(self, code: int, words: str, path: Path, hint: str) -> None:
        super().__init__(code, words, str(path))
        self.hint = hint


def confined(root: Path, *parts: str) -> Path:
    """``root/parts...``, refusing ``..``, absolute parts and a symbolic link among the folders
    below ``root``. The last part is not followed: a link there is replaced by the file written
    (a rename replaces the link itself), never written through."""
    relative = PurePath(*parts)
    if relative.anchor or not relative.parts or ".." in relative.parts:
        raise UnsafePath(f"{'/'.join(parts)} would be written outside {root}")
    base = root.resolve()
    for depth in range(1, len(relative.parts)):
        folder = base.joinpath(*relative.parts[:depth])
        if folder.is_symlink():
            raise UnsafePath(f"{folder} is a symbolic link, which printpack does not write through",
                             f"delete the link {folder} (printpack makes the folder itself)")
    return base.joinpath(*relative.parts)


# Every file operation relative to a folder opened once, when the system allows it (not Windows).
_BY_DESCRIPTOR = ({os.open, os.rename, os.unlink, os.mkdir, os.stat, os.link} <= os.supports_dir_fd
                  and hasattr(os, "O_DIRECTORY") and hasattr(os, "O_NOFOLLOW"))
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) \
    | getattr(os, "O_BINARY", 0)


class _Folder:
    """A folder opened once, each folder below the output folder without following a link: the
    temporaries, renames and deletions go through its descriptor, so a folder swapped for a link
    while the build runs changes nothing. Without ``dir_fd`` (Windows) it works by path, and
    that swap remains possible between the check and the write."""

    def __init__(self, path: Path, descriptor: int | None) -> None:
        self.path, self.descriptor = path, descriptor

    def _at(self, name: str) -> tuple[str | Path, dict[str, int]]:
        if self.descriptor is None:
            return self.path / name, {}
        return name, {"dir_fd": self.descriptor}

    def lstat(self, name: str) -> os.stat_result | None:
        try:
            if self.descriptor is None:
                return (self.path / name).lstat()
            return os.lstat(name, dir_fd=self.descriptor)
        except FileNotFoundError:
            return None

    def create(self, name: str) -> int:
        where, at = self._at(name)
        return os.open(where, _NEW_FILE, 0o666, **at)  # the umask applies, as for any new file

    def unlink(self, name: str) -> None:
        where, at = self._at(name)
        with suppress(FileNotFoundError):
            os.unlink(where, **at)

    def link(self, source: str, target: str) -> None:
        """A second name for ``source`` itself (a link stays a link)."""
        if self.descriptor is None:
            os.link(self.path / source, self.path / target, follow_symlinks=False)
        else:
            os.link(source, target, src_dir_fd=self.descriptor, dst_dir_fd=self.descriptor, follow_symlinks=False)

    def rename(self, source: str, target: str) -> None:
        """``source`` renamed to ``target``, replacing it (a link there is replaced, not followed)."""
        if self.descriptor is None:
            (self.path / source).replace(self.path / target)
        else:
            os.rename(source, target, src_dir_fd=self.descriptor, dst_dir_fd=self.descriptor)

    def close(self) -> None:
        if self.descriptor is not None:
            os.close(self.descriptor)


def _open_folder(root: Path, parts: tuple[str, ...]) -> _Folder:
    """``root/parts``, made where missing; ``root`` (the user's --out) may be a link, no folder below it."""
    root.mkdir(parents=True, exist_ok=True)
    if not _BY_DESCRIPTOR:
        try:
            confined(root, *parts, "_")  # refuses a link among the folders; by path from here on
        except UnsafePath as exc:
            raise Refused(errno.ELOOP, str(exc), root.joinpath(*parts), exc.hint) from None
        root.joinpath(*parts).mkdir(parents=True, exist_ok=True)
        return _Folder(root.joinpath(*parts), None)
    descriptor = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    for depth, part in enumerate(parts, 1):
        try:
            with suppress(FileExistsError):
                os.mkdir(part, 0o777, dir_fd=descriptor)
            below = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=descriptor)
        except OSError as exc:
            raise _folder_refused(exc, root.joinpath(*parts[:depth]), _is_link(part, descriptor)) from None
        finally:
            os.close(descriptor)
        descriptor = below
    return _Folder(root.joinpath(*parts), descriptor)


def _is_link(name: str, folder: int) -> bool:
    with suppress(OSError):
        return stat.S_ISLNK(os.stat(name, dir_fd=folder, follow_symlinks=False).st_mode)
    return False


def _folder_refused(exc: OSError, folder: Path, is_link: bool) -> OSError:
    """Why ``folder`` could not be opened, in words, when it is a link or not a folder."""
    if exc.errno not in (errno.ELOOP, errno.ENOTDIR):  # O_NOFOLLOW says either for a link
        return _named(exc, folder)
    if is_link:
        return Refused(exc.errno, "it is a symbolic link, which printpack does not write through", folder,
                       f"delete the link {folder}; printpack makes the folder itself")
    return Refused(exc.errno, "it is not a folder", folder, f"move {folder} away; printpack makes the folder itself")


def _named(exc: OSError, path: Path) -> OSError:
    """``exc`` naming ``path`` (the file the teacher knows, never a temporary)."""
    return exc if isinstance(exc, Refused) else OSError(exc.errno, exc.strerror, str(path))


def _temporary_name() -> str:
    return f"{TEMPORARY_PREFIX}{os.urandom(8).hex()}{TEMPORARY_SUFFIX}"


def _temporary_beside(folder: _Folder, data: bytes) -> str:
    """The name of a new temporary file in ``folder`` holding ``data``, written and synced."""
    while True:
        name = _temporary_name()
        try:
            handle = folder.create(name)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        folder.unlink(name)
        raise
    return name


def _what_it_is(mode: int) -> str | None:
    """What stands at a destination that a rename cannot replace (None: a file or a link, fine)."""
    if stat.S_ISREG(mode) or stat.S_ISLNK(mode):
        return None
    return "a folder" if stat.S_ISDIR(mode) else "not a regular file"


def write_atomically(path: Path, data: bytes, root: Path | None = None) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    A reader (or a build killed half-way) sees the old file or the new one, never a mix. With
    ``root`` (the output folder), no folder between it and ``path`` is followed if it is a link.
    """
    replace_together({path: data}, root)


class _Slot:
    """One destination of :func:`replace_together` and what has happened to it so far."""

    def __init__(self, folder: _Folder, path: Path) -> None:
        self.folder, self.path, self.name = folder, path, path.name
        self.temporary: str | None = None
        self.backup: str | None = None  # the old file's second name, kept until the set is in place
        self.moved_aside = False  # the old file was renamed to the backup (no hard links there)
        self.replaced = False

    def check(self) -> None:
        status = self.folder.lstat(self.name)
        what = _what_it_is(status.st_mode) if status else None
        if what:
            raise Refused(errno.EEXIST, f"it is {what}, which printpack does not replace", self.path,
                          f"move {self.path} away; printpack writes its PDF there")

    def keep_old(self) -> None:
        """Give the old file (if any) a backup name, by a hard link where the disk has them."""
        if self.folder.lstat(self.name) is None:
            return
        backup = _temporary_name()
        try:
            self.folder.link(self.name, backup)
        except OSError:
            self.folder.rename(self.name, backup)
            self.moved_aside = True
        self.backup = backup

    def restore(self) -> None:
        """Put the old file back (or remove the new one where there was none)."""
        with suppress(OSError):
            if self.backup and (self.replaced or self.moved_aside):
                self.folder.rename(self.backup, self.name)
                self.backup = None
            elif self.replaced:
                self.folder.unlink(self.name)

    def clean(self) -> None:
        with suppress(OSError):
            for name in (self.temporary, self.backup):
                if name:
                    self.folder.unlink(name)


def replace_together(files: Mapping[Path, bytes], root: Path | None = None) -> None:
    """Replace every file in ``files`` with its new bytes, all or none of them.

    ``root`` is the output folder: the folders between it and each file are opened one by one
    without following a link, and everything after happens relative to them (see ``_Folder``).
    Each destination must be absent, a file or a link (which is replaced, never followed);
    anything else fails the set before anything is written. Every new file is then written and
    synced as a temporary beside its destination; the old files get a backup name; the renames
    follow, with Ctrl-C, SIGTERM and SIGHUP held back until the last. A rename that fails (an
    immutable file, a disk error) puts the backups back, so the old set stays whole. What
    remains is a power cut or SIGKILL between two renames, which can leave some files new and
    some old; the manifest, written after, then no longer vouches for them and the next build
    rewrites them. Errors name the destination, never a temporary.
    """
    folders: dict[Path, _Folder] = {}
    slots: list[_Slot] = []
    try:
        for path in files:
            try:
                if path.parent not in folders:
                    folders[path.parent] = _open_folder(*_below(root or path.parent, path.parent))
                slot = _Slot(folders[path.parent], path)
                slot.check()
                slots.append(slot)
            except OSError as exc:
                raise _named(exc, Path(exc.filename or path)) from None
        for slot in slots:
            try:
                slot.temporary = _temporary_beside(slot.folder, files[slot.path])
            except OSError as exc:
                raise _named(exc, slot.path) from None
        with _signals_deferred():
            _rename_all(slots)
    finally:
        for slot in slots:
            slot.clean()
        for folder in folders.values():
            folder.close()


def remove_files(paths: list[Path], root: Path) -> None:
    """Delete ``paths`` (files inside ``root``), each through its folder opened as for writing,
    so a folder swapped for a link meanwhile never lets a deletion land outside ``root``."""
    folders: dict[Path, _Folder] = {}
    try:
        for path in paths:
            try:
                if path.parent not in folders:
                    folders[path.parent] = _open_folder(*_below(root, path.parent))
                folders[path.parent].unlink(path.name)
            except OSError as exc:
                raise _named(exc, Path(exc.filename or path)) from None
    finally:
        for folder in folders.values():
            folder.close()


def _rename_all(slots: list[_Slot]) -> None:
    """Every temporary renamed over its destination, or, on a failure, the old files back."""
    current = slots[0] if slots else None
    try:
        for current in slots:
            current.keep_old()
        for current in slots:
            assert current.temporary is not None
            current.folder.rename(current.temporary, current.name)
            current.temporary, current.replaced = None, True
    except OSError as exc:
        for slot in slots:
            slot.restore()
        raise _named(exc, current.path if current else Path(exc.filename or "")) from None


def replace_folder(new: Path, folder: Path, aside: Path) -> None:
    """Put the folder ``new`` at ``folder`` (a whole site, :func:`compiler.publish.merge`):
    an existing ``folder`` is renamed to ``aside`` first, with Ctrl-C, SIGTERM and SIGHUP held
    back across both renames as in :func:`replace_together`, and renamed back if the second
    rename fails, so ``folder`` is never left missing. Only a power cut or SIGKILL between the
    two renames can leave the old site at ``aside`` and none at ``folder``; the caller names
    ``aside`` so that it can find and remove such leftovers."""
    with _signals_deferred():
        if not folder.exists() and not folder.is_symlink():
            new.rename(folder)
            return
        folder.rename(aside)
        try:
            new.rename(folder)
        except BaseException:
            aside.rename(folder)
            raise


def _below(root: Path, folder: Path) -> tuple[Path, tuple[str, ...]]:
    """``root`` and the names of the folders from it down to ``folder``."""
    for base in (root, root.resolve()):
        with suppress(ValueError):
            return root, folder.relative_to(base).parts
    raise OSError(errno.EXDEV, f"it is not inside {root}", str(folder))


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
