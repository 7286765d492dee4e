"""Building: find the units, and either see that nothing changed or build what did.

The package is split by job, one module each:

- :mod:`~compiler.build.request`: what a build is asked to do;
- :mod:`~compiler.build.discovery`: finding unit files, skipping what is not a unit, shards;
- :mod:`~compiler.build.reuse`: fingerprints checked against the manifest, the no-op fast path;
- :mod:`~compiler.build.loading`: reading and validating units, their settings and targets;
- :mod:`~compiler.build.scheduling`: jobs, results and the worker processes that render them;
- :mod:`~compiler.build.unit`: one unit's build, written all or nothing;
- :mod:`~compiler.build.run`: the full build and ``check``.

Discovery and reuse import nothing that parses, validates or draws, so a build in which
nothing changed only finds, reads and hashes files. Everything else is reached through
:func:`_full`, the one place the heavy modules are imported. Nothing here prints: the result is
a :class:`~compiler.report.BuildReport`, and a ``progress`` callback hears of each output once
it is written (or has failed).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from compiler.build.discovery import Found, find_units, in_shard
from compiler.build.request import DEFAULT_PATHS, Progress, Request
from compiler.build.reuse import all_unchanged
from compiler.report import BuildReport

__all__ = ["DEFAULT_PATHS", "Progress", "Request", "build", "check", "find_units", "kind_names", "list_outputs",
           "merge", "warm_up"]


def build(request: Request, progress: Progress | None = None, notice: Callable[[str], None] | None = None) -> BuildReport:
    """Build every unit named into ``request.out``; the report says what happened to each output.
    ``notice`` hears what the build is waiting for (another build of the same folder)."""
    report = BuildReport()
    found = find_units(request.paths, request.out)
    found = found._replace(files=[f for f in found.files if in_shard(f, request.paths, request.shard)])
    report.problems, report.warnings = found.problems, found.warnings
    if not request.force and not report.problems:
        unchanged = all_unchanged(found.files, found.contents, request)
        if unchanged is not None:
            report.units = unchanged
            return _strictly(report, request)
    return _strictly(_full().full_build(request, found, report, progress, notice), request)


def _strictly(report: BuildReport, request: Request) -> BuildReport:
    """The report, with every warning an error when the request is ``strict``."""
    return report.strict() if request.strict else report


def check(request: Request) -> BuildReport:
    """Load and validate everything named, render nothing."""
    report = BuildReport()
    found = find_units(request.paths, request.out)
    report.problems, report.warnings = found.problems, found.warnings
    return _strictly(_full().check(request, found, report), request)


def list_outputs(request: Request) -> tuple[dict[str, list[str]], BuildReport]:
    """The files each unit named would produce, by unit id, and the report of those that fail."""
    report = BuildReport()
    found = find_units(request.paths, request.out)
    report.problems, report.warnings = found.problems, found.warnings
    listing = _full().listing(request, found, report)
    return listing, _strictly(report, request)


def kind_names() -> tuple[str, ...]:
    """The output kinds, from the registry (which imports every kind's planning)."""
    return _full().kind_names()


def merge(folders: Sequence[Path], out: Path, templates: Path | None = None,
          notice: Callable[[str], None] | None = None) -> BuildReport:
    """One site in ``out`` made of the output folders of a sharded build (:func:`compiler.publish.merge`)."""
    return _full().merge(folders, out, templates, notice)


def warm_up(request: Request) -> None:
    """Load the drawing code and fonts a build of ``request`` uses, ahead of it."""
    _full().warm_up_for(request)


class _FullBuild(Protocol):
    """What this package calls in :mod:`compiler.build.run`; mypy checks the module against it."""

    def full_build(self, request: Request, found: Found, report: BuildReport, progress: Progress | None,
                   notice: Callable[[str], None] | None, /) -> BuildReport: ...

    def check(self, request: Request, found: Found, report: BuildReport, /) -> BuildReport: ...

    def warm_up_for(self, request: Request, /) -> None: ...

    def listing(self, request: Request, found: Found, report: BuildReport, /) -> dict[str, list[str]]: ...

    def kind_names(self) -> tuple[str, ...]: ...

    def merge(self, folders: Sequence[Path], out: Path, templates: Path | None,
              notice: Callable[[str], None] | None, /) -> BuildReport: ...


def _full() -> _FullBuild:
    """The full build (:mod:`compiler.build.run`), and with it YAML, pydantic, Jinja and the
    drawing code: the one lazy import of the build, made only once a build is known to need
    more than hashing files."""
    from compiler.build import run

    return run
