"""Orchestration: find units, then load, validate, plan, render and write each one.

Every unit is loaded and validated first (cheap), so duplicate unit ids are caught before
anything is written. Then each unit's outputs are planned and rendered in memory; only if all
of them succeed are they written, each atomically, so a unit with errors leaves its previous
PDFs untouched. Outputs whose inputs have not changed are skipped. Units render across
``jobs`` worker processes; workers return records and the parent writes the manifest. Nothing
here prints: the result is a :class:`~compiler.report.BuildReport`.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from compiler import fingerprint, manifest
from compiler.errors import LayoutError, Problem, ProblemsFound
from compiler.fsio import UnsafePath, confined, write_atomically
from compiler.kinds import KINDS
from compiler.model import Unit
from compiler.outputs import Context, Settings, Target
from compiler.report import BuildReport, OutputRecord, UnitRecord
from compiler.source import Source, load_file
from compiler.theme import PAPER, Theme, load_theme
from compiler.validate import validate_unit
from compiler.wording import Wording, languages

DEFAULT_PATHS = (Path("resources"),)


@dataclass(frozen=True)
class Request:
    """What to build: the unit files or folders, where to, and how."""

    paths: tuple[Path, ...] = DEFAULT_PATHS
    out: Path = Path("output")
    settings: Settings = field(default_factory=Settings)
    force: bool = False
    jobs: int = 1


@dataclass(frozen=True)
class Loaded:
    file: Path
    source: Source
    unit: Unit


def find_units(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """The unit files named, or found as ``*.yaml`` in the folders named, sorted and unique."""
    files: set[Path] = set()
    problems = []
    for path in paths:
        if path.is_dir():
            files.update(p for p in path.rglob("*.yaml") if p.is_file())
            files.update(p for p in path.rglob("*.yml") if p.is_file())
        elif path.is_file():
            files.add(path)
        else:
            problems.append(Problem(str(path), 1, 1, "", "no such file or folder", "check the path"))
    return sorted(files), problems


def load_units(files: Iterable[Path], templates: Path | None) -> tuple[list[Loaded], list[UnitRecord]]:
    """Load and validate every file; units that fail become records with their problems."""
    known_languages = languages(templates)
    loaded: list[Loaded] = []
    failed: list[UnitRecord] = []
    owners: dict[str, Path] = {}
    for file in files:
        try:
            source = load_file(file)
            unit = validate_unit(source, known_languages)
        except ProblemsFound as exc:
            failed.append(UnitRecord(str(file), None, problems=tuple(exc.problems)))
            continue
        if unit.unit.id in owners:
            problem = source.problem(("unit", "id"), f"unit id '{unit.unit.id}' is also used by {owners[unit.unit.id]}",
                                     "each unit needs its own id: it names its output folder")
            failed.append(UnitRecord(str(file), unit.unit.id, problems=(problem,)))
            continue
        owners[unit.unit.id] = file
        loaded.append(Loaded(file, source, unit))
    return loaded, failed


def unit_settings(unit: Unit, settings: Settings) -> Settings:
    """Command-line settings over the unit's own ``outputs:`` choices."""
    chosen = unit.outputs
    return replace(
        settings,
        paper=settings.paper or chosen.paper or "a4",
        only=settings.only or tuple(chosen.only),
        versions=settings.versions or chosen.versions,
    )


def unit_targets(unit: Unit, settings: Settings) -> Iterator[Target]:
    """Every file this unit would produce, in build order."""
    for name, kind in KINDS.items():
        if settings.only and name not in settings.only:
            continue
        yield from kind.targets(unit, settings)


def check(request: Request) -> BuildReport:
    """Load and validate everything named, render nothing."""
    report = BuildReport()
    files, report.problems = find_units(request.paths)
    theme_problem = _theme_problems(request.settings)
    report.problems += theme_problem
    loaded, failed = load_units(files, request.settings.templates)
    report.units = sorted([*failed, *(UnitRecord(str(u.file), u.unit.unit.id) for u in loaded)], key=lambda r: r.file)
    return report


def _theme_problems(settings: Settings) -> list[Problem]:
    try:
        load_theme(settings.theme, settings.templates)
    except ProblemsFound as exc:
        return list(exc.problems)
    return []


def build(request: Request) -> BuildReport:
    """Build every unit named into ``request.out``; the report says what happened to each output."""
    report = BuildReport()
    files, report.problems = find_units(request.paths)
    try:
        theme = load_theme(request.settings.theme, request.settings.templates)
    except ProblemsFound as exc:
        report.problems += exc.problems
        return report
    loaded, failed = load_units(files, request.settings.templates)
    previous = manifest.read(request.out)
    results = _render_all(loaded, theme, request, previous)
    entries = dict(previous)
    for _, new_entries in results:
        entries.update(new_entries)
    if any(new for _, new in results):
        manifest.write(request.out, entries)
    report.units = sorted([*failed, *(r for r, _ in results)], key=lambda r: r.file)
    return report


def _render_all(loaded: list[Loaded], theme: Theme, request: Request,
                previous: dict[str, manifest.Entry]) -> list[tuple[UnitRecord, dict[str, manifest.Entry]]]:
    jobs = [(item, theme, request, previous) for item in loaded]
    if request.jobs <= 1 or len(loaded) <= 1:
        return [_build_unit(*job) for job in jobs]
    with ProcessPoolExecutor(max_workers=request.jobs) as pool:
        return list(pool.map(_build_unit_job, jobs))


def _build_unit_job(job: tuple[Loaded, Theme, Request, dict[str, manifest.Entry]]) -> tuple[UnitRecord, dict[str, manifest.Entry]]:
    return _build_unit(*job)


def _build_unit(item: Loaded, theme: Theme, request: Request,
                previous: dict[str, manifest.Entry]) -> tuple[UnitRecord, dict[str, manifest.Entry]]:
    """Render one unit's outputs in memory; write them only if every one succeeded."""
    unit, source = item.unit, item.source
    settings = unit_settings(unit, request.settings)
    context_base = {"settings": settings, "page_size": PAPER[settings.paper], "theme": theme}
    records: list[OutputRecord] = []
    pending: list[tuple[Path, bytes, manifest.Entry]] = []
    problems: list[Problem] = []
    for target in unit_targets(unit, settings):
        kind = KINDS[target.kind]
        relative = f"{unit.unit.id}/{target.filename}"
        try:
            path = confined(request.out, unit.unit.id, target.filename)
        except UnsafePath as exc:
            problems.append(source.problem(("unit", "id"), str(exc), "use a plain id"))
            continue
        inputs = fingerprint.inputs_hash(kind.inputs(unit, target), theme.model_dump(mode="json"),
                                         settings.fingerprint(), target.filename)
        old = previous.get(relative)
        if not request.force and old is not None and _up_to_date(path, old, inputs):
            records.append(OutputRecord(unit.unit.id, target.kind, relative, "unchanged", 0.0, old.pages))
            continue
        started = time.perf_counter()
        try:
            wording = Wording(settings.templates, unit.unit.language)
            context = Context(wording=wording, **context_base)  # type: ignore[arg-type]
            rendered = kind.render(kind.plan(unit, target, context), context)
        except LayoutError as exc:
            problems.extend(source.problem(item.path, item.message, item.hint) for item in exc.items)
            continue
        except ProblemsFound as exc:
            problems.extend(exc.problems)
            continue
        seconds = time.perf_counter() - started
        entry = manifest.Entry(relative, unit.unit.id, target.kind, rendered.pages, len(rendered.pdf),
                               fingerprint.digest(rendered.pdf), inputs, dict(sorted(wording.files.items())))
        pending.append((path, rendered.pdf, entry))
        records.append(OutputRecord(unit.unit.id, target.kind, relative, "built", seconds, rendered.pages))
    if problems:
        failed = tuple(replace(r, state="failed") if r.state == "built" else r for r in records)
        return UnitRecord(str(item.file), unit.unit.id, failed, tuple(sorted(set(problems)))), {}
    for path, pdf, _ in pending:
        write_atomically(path, pdf)
    return UnitRecord(str(item.file), unit.unit.id, tuple(records)), {e.path: e for _, _, e in pending}


def _up_to_date(path: Path, entry: manifest.Entry, inputs: str) -> bool:
    if entry.inputs != inputs or not fingerprint.templates_unchanged(entry.templates):
        return False
    try:
        return fingerprint.digest(path.read_bytes()) == entry.sha256
    except OSError:
        return False
