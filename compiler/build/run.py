"""The full build and ``check``: everything past the no-op fast path.

Units are loaded and validated one after another; a unit whose id an earlier file already
used, or whose output folder another unit file owns (:mod:`compiler.ownership`), fails, so no
two share an output folder. Each unit's outputs go to the renderer as soon as the unit is read
(:class:`~compiler.build.unit.UnitBuild`), so workers draw while the next unit is read, and each
unit's files are written as soon as it is complete. Then the manifest is written, and the index
page (:mod:`compiler.publish`). Records come back sorted by file, whatever order the work
finished in.

This module imports everything that parses, validates, words and draws; :mod:`compiler.build`
imports it at one place only, once a build is known not to be a no-op.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from compiler import manifest, ownership, publish
from compiler.build.discovery import Found
from compiler.build.loading import (
    Loaded,
    each_unit,
    load_units,
    theme_and_problems,
    unit_settings,
    unit_targets,
)
from compiler.build.request import Progress, Request
from compiler.build.reuse import context_hash
from compiler.build.scheduling import Renderer, Result, warm_up
from compiler.build.unit import UnitBuild, write_problem
from compiler.errors import ProblemsFound
from compiler.fsio import remove_stale_temporaries
from compiler.kinds import KINDS
from compiler.lock import output_lock
from compiler.report import BuildReport, UnitRecord
from compiler.theme import Theme
from compiler.wording import label_warnings


def check(request: Request, found: Found, report: BuildReport) -> BuildReport:
    """Load and validate every unit found, render nothing; warn about each catalogue's labels
    that print in English."""
    theme, theme_problems = theme_and_problems(request.settings)
    report.problems += theme_problems
    loaded, failed = load_units(found.files, request.settings, theme, found.contents, strict=request.strict)
    checked = [UnitRecord(str(u.file), u.unit.unit.id, warnings=u.warnings) for u in loaded]
    for language in sorted({u.unit.unit.language for u in loaded}):
        report.warnings += label_warnings(language, request.settings.templates)
    report.units = sorted([*failed, *checked], key=lambda r: r.file)
    return report


def listing(request: Request, found: Found, report: BuildReport) -> dict[str, list[str]]:
    """The files each valid unit found would produce, by unit id; the others' problems go to
    ``report``, as ``check`` reports them."""
    theme, theme_problems = theme_and_problems(request.settings)
    report.problems += theme_problems
    loaded, report.units = load_units(found.files, request.settings, theme, found.contents, strict=request.strict)
    report.units += [UnitRecord(str(u.file), u.unit.unit.id, warnings=u.warnings) for u in loaded if u.warnings]
    return {item.unit.unit.id: [str(request.out / item.unit.unit.id / target.filename)
                                for target in unit_targets(item.unit, unit_settings(item.unit, request.settings))]
            for item in loaded}


def kind_names() -> tuple[str, ...]:
    """The registered output kinds, in build order."""
    return tuple(KINDS)


def warm_up_for(request: Request) -> None:
    """Load the drawing code and the theme's fonts in this process (``watch`` does, after its
    first build, so that the first edit costs only its render). A broken theme was reported by
    the build."""
    theme, _ = theme_and_problems(request.settings)
    if theme is not None:
        warm_up((theme.fonts.body, theme.fonts.heading))


def full_build(request: Request, found: Found, report: BuildReport, progress: Progress | None,
               notice: Callable[[str], None] | None) -> BuildReport:
    """Build the units found, holding the output folder's lock."""
    theme, theme_problems = theme_and_problems(request.settings)
    if theme is None:
        report.problems += theme_problems
        return report
    try:
        with output_lock(request.out, notice):
            remove_stale_temporaries(request.out)
            report.units = _build_units(found, theme, request, report, progress)
    except OSError as exc:
        report.problems.append(write_problem(Path(exc.filename or request.out), exc))
    return report


def _build_units(found: Found, theme: Theme, request: Request, report: BuildReport,
                 progress: Progress | None) -> list[UnitRecord]:
    """Load each unit and hand its outputs to the renderer at once, so that workers draw while
    the next unit is read; a unit's pack is handed over as soon as its parts are done."""
    recorded = manifest.load(request.out)
    report.warnings += recorded.warnings
    previous, units = recorded.files, recorded.units
    context = context_hash(request.settings)  # before any unit is read, as the units' bytes are
    planned: list[UnitBuild] = []
    failed: list[UnitRecord] = []

    def announce(unit_build: UnitBuild) -> None:
        """Tell of a unit's outputs once its files are written (or failed to be): "built"
        only for a file on disk."""
        if progress and unit_build.finished and not unit_build.announced:
            unit_build.announced = True
            for record in unit_build.record().outputs:
                progress(record)

    def collect(results: Iterator[tuple[Result, UnitBuild]]) -> None:
        for result, owner in results:
            owner.take(result, renderer)
            announce(owner)

    renderer: Renderer[UnitBuild]
    with Renderer(request.jobs, single=len(found.files) == 1) as renderer:
        for item in each_unit(found.files, request.settings, theme, found.contents, strict=request.strict):
            if isinstance(item, UnitRecord):
                failed.append(item)
                continue
            other = ownership.other_owner(request.out, units, manifest.source_key(item.file, request.out),
                                          item.unit.unit.id)
            if other is not None:
                failed.append(_owned_elsewhere(item, other, request.out))
                continue
            unit_build = UnitBuild(item, theme, request, previous)
            unit_build.warnings[:0] = item.warnings
            planned.append(unit_build)
            unit_build.start(renderer)
            announce(unit_build)
            collect(renderer.results(wait=False))  # report and write what is done before reading on
        collect(renderer.results(wait=True))
    _record(planned, recorded, context, request, report)
    return sorted([*failed, *(u.record() for u in planned)], key=lambda r: r.file)


def _record(planned: list[UnitBuild], recorded: manifest.Recorded, context: str, request: Request,
            report: BuildReport) -> None:
    """Write the manifest and the index page, when any file or unit record changed."""
    entries = dict(recorded.files)
    new_units = dict(recorded.units)
    for unit_build in planned:
        entries.update(unit_build.entries)
        key = manifest.source_key(unit_build.item.file, request.out)
        if unit_build.problems:
            continue  # its previous files are untouched, and so is their record
        for gone in [k for k, u in new_units.items() if u.unit == unit_build.unit_id and k != key]:
            del new_units[gone]  # a previous owner that no longer exists or has another id
        title = unit_build.item.unit.unit.title
        new_units[key] = manifest.UnitEntry(key, unit_build.unit_id, unit_build.item.digest, context,
                                            sorted(unit_build.made()), title, unit_build.item.unit.unit.language,
                                            [warning.to_dict() for warning in unit_build.item.warnings],
                                            unit_build.item.pictures)
    if not any(u.written for u in planned) and new_units == recorded.units:
        return
    try:
        manifest.write(request.out, entries, new_units)
        titles = {u.unit: u.title for u in new_units.values()}
        languages = {u.unit: u.language for u in new_units.values()}
        wording = publish.index_wording(request.settings.templates, languages)
        report.warnings += publish.write_index(request.out, entries, wording, titles, languages)
    except OSError as exc:
        report.problems.append(write_problem(Path(exc.filename or request.out), exc))
    except ProblemsFound as exc:  # a user's index.html.j2 that fails
        report.problems += exc.problems


def merge(folders: Sequence[Path], out: Path, templates: Path | None,
          notice: Callable[[str], None] | None) -> BuildReport:
    """One site of a sharded build's output folders (:func:`compiler.publish.merge`)."""
    return publish.merge(folders, out, templates, notice)


def _owned_elsewhere(item: Loaded, other: Path, out: Path) -> UnitRecord:
    """The record of a unit refused because another file already owns its output folder."""
    unit_id = item.unit.unit.id
    problem = item.source.problem(
        ("unit", "id"), f"unit id '{unit_id}' is already built into {out / unit_id} from {other}; "
                        "building this file there would replace that unit's PDFs",
        f"give one of the two units another id, or, if {other} is no longer wanted, delete the folder "
        f"{out / unit_id} and build again")
    return UnitRecord(str(item.file), unit_id, problems=(problem,))
