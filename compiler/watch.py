"""``printpack watch``: rebuild on every save, in one warm process.

watchfiles reports changes (debounced, so an editor's save-and-rename counts once). A changed
unit file rebuilds that unit; a changed template, theme or label file rebuilds every unit, and
the fingerprints keep untouched outputs as they are. Fonts, templates and modules stay loaded
between rebuilds, so an edit costs only its render. Nothing here prints: each rebuild's report
goes to a callback, and the loop ends when ``stop`` is set (tests) or on Ctrl-C (the CLI).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import watchfiles

from compiler.build import Request, build
from compiler.report import BuildReport

WATCHED_SUFFIXES = (".yaml", ".yml", ".j2")
logging.getLogger("watchfiles").setLevel(logging.WARNING)  # its own notes would interleave with ours


@dataclass(frozen=True)
class Rebuild:
    """One rebuild: what triggered it, its report and how long it took."""

    changed: tuple[Path, ...]
    report: BuildReport
    seconds: float


def _watched_paths(request: Request) -> list[Path]:
    paths = [p for p in request.paths if p.exists()]
    if request.settings.templates:
        paths.append(request.settings.templates)
    theme = Path(request.settings.theme)
    if theme.suffix in (".yaml", ".yml") and theme.exists():
        paths.append(theme)
    return paths


def _relevant(change: tuple[watchfiles.Change, str], out: Path) -> bool:
    path = Path(change[1])
    return path.suffix in WATCHED_SUFFIXES and out.resolve() not in path.resolve().parents


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
    for changes in watchfiles.watch(*_watched_paths(request), stop_event=stop, debounce=debounce_ms,
                                    raise_interrupt=False):
        changed = tuple(sorted({Path(c[1]) for c in changes if _relevant(c, request.out)}))
        if not changed:
            continue
        started = time.perf_counter()
        report = build(_request_for(request, changed))
        on_rebuild(Rebuild(changed, report, time.perf_counter() - started))
