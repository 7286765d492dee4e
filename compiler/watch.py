"""``printpack watch``: rebuild on every save, in one warm process.

watchfiles reports changes (debounced, so an editor's save-and-rename counts once). A changed
unit file rebuilds that unit; a changed template, theme, label or picture file rebuilds every unit,
and the fingerprints keep untouched outputs as they are (a picture's hash is part of the
fingerprints of the outputs that print it). Fonts, templates and modules stay loaded
between rebuilds, so an edit costs only its render. Nothing here prints: each rebuild's report
goes to a callback, and the loop ends when ``stop`` is set (tests) or on Ctrl-C (the CLI).
Files named are watched through their folders, so a save that renames a new copy over the old
file (as many editors do) is seen every time.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import watchfiles

from compiler.build import Request, build, warm_up
from compiler.report import BuildReport

WATCHED_SUFFIXES = (".yaml", ".yml", ".j2")
PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")  # a unit's pictures, anywhere below its folder
logging.getLogger("watchfiles").setLevel(logging.WARNING)  # its own notes would interleave with ours


@dataclass(frozen=True)
class Rebuild:
    """One rebuild: what triggered it, its report and how long it took."""

    changed: tuple[Path, ...]
    report: BuildReport
    seconds: float


@dataclass(frozen=True)
class _Watched:
    """What to watch. A file is watched through its folder: a watch on the file itself would be
    lost the first time an editor saves by renaming a new copy over it."""

    files: frozenset[Path]  # unit and theme files named, resolved
    folders: frozenset[Path]  # folders named (units, templates), resolved, watched with all below

    @property
    def roots(self) -> list[Path]:
        parents = {f.parent for f in self.files if not any(d == f.parent or d in f.parents for d in self.folders)}
        return sorted({*self.folders, *parents})

    def covers(self, path: Path) -> bool:
        """A file named, anything in a folder named, or a picture below a named file's folder."""
        if path in self.files or any(folder in path.parents for folder in self.folders):
            return True
        return path.suffix.lower() in PICTURE_SUFFIXES and any(f.parent in path.parents for f in self.files)


def _watched(request: Request) -> _Watched:
    named = [p for p in request.paths if p.exists()]
    if request.settings.templates and request.settings.templates.exists():
        named.append(request.settings.templates)
    theme = Path(request.settings.theme)
    if theme.suffix in (".yaml", ".yml") and theme.exists():
        named.append(theme)
    resolved = [p.resolve() for p in named]
    return _Watched(frozenset(p for p in resolved if p.is_file()), frozenset(p for p in resolved if p.is_dir()))


def _relevant(change: tuple[watchfiles.Change, str], out: Path, watched: _Watched) -> bool:
    path = Path(change[1]).resolve()
    return (path.suffix.lower() in (*WATCHED_SUFFIXES, *PICTURE_SUFFIXES) and out.resolve() not in path.parents
            and watched.covers(path))


def _request_for(request: Request, changed: Iterable[Path]) -> Request:
    """Only the changed units, unless something every unit uses (a template, a theme) changed."""
    units = {p.resolve() for p in request.paths}
    changed = list(changed)
    if all(p.suffix in (".yaml", ".yml") and _inside_units(p, units) for p in changed):
        existing = tuple(p for p in changed if p.exists())
        if existing:
            return replace(request, paths=existing)
    return request


def _inside_units(path: Path, units: set[Path]) -> bool:
    resolved = path.resolve()
    return resolved in units or any(folder in resolved.parents for folder in units)


def watch(request: Request, on_rebuild: Callable[[Rebuild], None], stop: threading.Event | None = None,
          debounce_ms: int = 200) -> None:
    """Build once, then again after every relevant change, until ``stop`` is set."""
    started = time.perf_counter()
    on_rebuild(Rebuild((), build(request), time.perf_counter() - started))
    # The first build may have drawn in worker processes; load the drawing code here too, beside
    # the watcher, so that the first edit costs only its render.
    threading.Thread(target=warm_up, args=(request,), daemon=True).start()
    watched = _watched(request)
    # Folders are watched with everything below them: a named file's folder too, since its
    # pictures may be in a folder of their own (pictures/map.svg).
    for changes in watchfiles.watch(*watched.roots, stop_event=stop, debounce=debounce_ms,
                                    recursive=True, raise_interrupt=False):
        changed = tuple(sorted({Path(c[1]) for c in changes if _relevant(c, request.out, watched)}))
        if not changed:
            continue
        started = time.perf_counter()
        report = build(_request_for(request, changed))
        on_rebuild(Rebuild(changed, report, time.perf_counter() - started))
