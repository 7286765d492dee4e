"""Orchestration: find units, then load, validate, plan, render and write each one.

Units are loaded and validated one after another; a unit whose id an earlier file already
used, or whose output folder another unit file owns (:mod:`compiler.ownership`), fails, so no
two share an output folder. Each output whose fingerprint is unchanged is kept as it is; the
others become jobs, rendered in memory across ``jobs`` worker processes (the bytes do not depend
on how many) while the next unit is read. Outputs made of the others (the pack) follow as soon
as their parts are back. Only if every output of a unit succeeded are its files written,
together (:func:`compiler.fsio.replace_together`) and as soon as the unit is complete, so a
unit with errors or a failed write leaves its previous PDFs untouched. Workers return results;
the parent writes the files, then the manifest and the index page. Nothing here prints: the
result is a :class:`~compiler.report.BuildReport`, and a ``progress`` callback hears of each
output once it is written (or has failed).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Self

from compiler import fingerprint, manifest, ownership, workers
from compiler.errors import FieldPath, LayoutError, Problem, ProblemsFound, Unplaceable
from compiler.fsio import (
    Refused,
    UnsafePath,
    confined,
    remove_files,
    remove_stale_temporaries,
    replace_together,
)
from compiler.lock import output_lock
from compiler.outputs import Context, Kind, Rendered, Settings, Target
from compiler.report import BuildReport, OutputRecord, UnitRecord

if TYPE_CHECKING:
    from compiler.model import Unit
    from compiler.source import Source
    from compiler.theme import Theme

# The modules that parse, validate, word and draw (pydantic, Jinja, markdown-it, ReportLab) are
# imported inside the functions that use them, so that a build where nothing changed, which
# only hashes files (see `_all_unchanged`), starts in a fraction of the time.

DEFAULT_PATHS = (Path("resources"),)


def _located(unit: Unit, item: Unplaceable) -> tuple[FieldPath, str, str | None]:
    from compiler.locate import located  # the model and pydantic: not for a no-op build

    return located(unit, item)


def _kinds() -> dict[str, Kind]:
    from compiler.kinds import KINDS

    return KINDS


@dataclass(frozen=True)
class Request:
    """What to build: the unit files or folders, where to, and how."""

    paths: tuple[Path, ...] = DEFAULT_PATHS
    out: Path = Path("output")
    settings: Settings = field(default_factory=Settings)
    force: bool = False
    jobs: int = 1
    shard: tuple[int, int] | None = None  # build only shard K of N


@dataclass(frozen=True)
class Loaded:
    file: Path
    source: Source
    unit: Unit
    digest: str  # of the bytes the unit was read from


UNIT_SUFFIXES = (".yaml", ".yml")  # in any case: Windows and macOS save "Unit.YAML" as readily
# A key at the start of a line, bare or quoted: the top level of a YAML mapping in block style.
_TOP_LEVEL_KEY = re.compile(rb"""^(["']?)([A-Za-z_][\w-]*)\1[ \t]*:(?=[ \t\r\n]|$)""", re.MULTILINE)
_UNIT_KEYS = {"format", "unit"}


class Found(NamedTuple):
    files: list[Path]
    problems: list[Problem]
    warnings: list[Problem]  # what a folder held that was not taken for a unit, and why


def find_units(paths: Iterable[Path], out: Path | None = None) -> Found:
    """The unit files named, or found as ``*.yaml``/``*.yml`` (any case) in the folders named,
    sorted; one file named twice (relative and absolute, or through a link) counts once. A
    folder without unit files is a problem that says what it does hold.

    A file named is always a unit. In a folder, what is evidently something else is skipped,
    each with a warning: hidden folders and files (``.github/``, ``.gitlab-ci.yml``) and YAML
    whose top-level keys include neither ``format`` nor ``unit`` (a theme, a CI workflow). The
    output folder ``out`` is not searched."""
    found: dict[Path, Path] = {}  # resolved: as first named
    problems: list[Problem] = []
    warnings: list[Problem] = []
    skip = {_identity(out)} if out is not None else set()
    for path in paths:
        if path.is_dir():
            units, skipped = _scan(path, skip)
            warnings += skipped
            if not units:
                problems.append(_folder_not_unit(path) if path.suffix.lower() in UNIT_SUFFIXES
                                else _no_units_in(path, skipped=len(skipped)))
            for unit in units:
                found.setdefault(_identity(unit), unit)
        elif path.exists() or path.is_symlink():
            found.setdefault(_identity(path), path)
        else:
            problems.append(Problem(str(path), 0, 0, "", "no such file or folder", "check the path"))
    return Found(sorted(found.values()), problems, warnings)


def _scan(folder: Path, skip: set[Path]) -> tuple[list[Path], list[Problem]]:
    """The unit files below ``folder``, and a warning for each YAML file or hidden folder of
    YAML files left out. Folders in ``skip`` are not entered, nor are links to folders. A pipe,
    device or broken link named ``*.yaml`` is kept, to be refused by name when read."""
    units: list[Path] = []
    warnings: list[Problem] = []
    for root, folders, names in os.walk(folder):
        here = Path(root)
        for name in sorted(folders):
            below = here / name
            if _identity(below) in skip:
                folders.remove(name)
            elif name.startswith("."):
                folders.remove(name)
                if _holds_yaml(below):
                    warnings.append(_skipped(below, "a hidden folder is not searched for units",
                                             "name the folder to search it anyway"))
        for name in names:
            file = here / name
            if Path(name).suffix.lower() not in UNIT_SUFFIXES:
                continue
            if name.startswith("."):
                warnings.append(_skipped(file, "a hidden file is not taken for a unit", _NAME_IT))
            elif _evidently_not_a_unit(file):
                warnings.append(_skipped(file, "not a printpack unit (no `format:` or `unit:` at the top level)", _NAME_IT))
            else:
                units.append(file)
    return sorted(units), warnings


def _holds_yaml(folder: Path) -> bool:
    return any(Path(name).suffix.lower() in UNIT_SUFFIXES for _, _, names in os.walk(folder) for name in names)


def _evidently_not_a_unit(file: Path) -> bool:
    """Whether ``file`` is an ordinary file of YAML mapping keys none of which is ``format`` or
    ``unit``. Told from its text without parsing it; a file that cannot be read, or whose top
    level cannot be told this way, is taken for a unit, so that reading it says what is wrong."""
    try:
        text = _read(file)
    except ProblemsFound:
        return False
    keyed = False
    lines = text.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n").replace(b"\r", b"\n")  # YAML takes CR too
    for match in _TOP_LEVEL_KEY.finditer(lines):  # a unit stops at its first line
        if match.group(2).decode().casefold() in _UNIT_KEYS:
            return False
        keyed = True
    return keyed


_NAME_IT = "name the file to read it as a unit anyway"


def _skipped(path: Path, why: str, hint: str) -> Problem:
    return Problem(str(path), 0, 0, "", f"skipped: {why}", f"{hint}: printpack check {shlex.quote(str(path))}")


def _identity(path: Path) -> Path:
    """The file ``path`` names, so that one file named twice counts once; a link that loops or
    leads nowhere is its own (it is refused by name when read)."""
    try:
        return path.resolve(strict=True)
    except (OSError, RuntimeError):
        return path.absolute()


def _folder_not_unit(folder: Path) -> Problem:
    return Problem(str(folder), 0, 0, "", "this is a folder, not a unit file", "name the unit file inside it")


def _no_units_in(folder: Path, *, skipped: int = 0) -> Problem:
    if skipped:  # the warnings above name each file and why it was not taken for a unit
        return Problem(str(folder), 0, 0, "", f"no unit files found: the {skipped} skipped above are not units",
                       "a unit has `format:` and `unit:` at the top; name a file to read it as a unit anyway")
    others = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    held = "it is empty" if not others else f"it holds {len(others)} other file(s): " + ", ".join(others[:5]) + (
        ", …" if len(others) > 5 else "")
    return Problem(str(folder), 0, 0, "", f"no unit files found ({held})",
                   "a unit is a .yaml or .yml file; write one with: printpack new \"Unit title\"")


def nothing_to_print(item: Loaded) -> Problem | None:
    """A warning for a unit none of whose kinds has anything to print (a title alone, or
    periods without events). Not an error: a unit being drafted is valid, and one draft
    must not fail a department's nightly build."""
    kinds = _kinds().values()
    if any(kind.targets(item.unit, Settings()) for kind in kinds):
        return None
    periods = " (periods alone draw no timeline: it needs events)" if item.unit.periods else ""
    needs = [f"{kind.needs} ({kind.name})" for kind in kinds if kind.needs]
    choices = [", ".join(needs[:-1]), needs[-1]] if len(needs) > 1 else needs
    return item.source.problem(("unit",), f"unit '{item.unit.unit.id}' has nothing to print yet{periods}",
                               "add " + " or ".join(choices))


def load_units(files: Iterable[Path], settings: Settings, theme: Theme | None = None) -> tuple[list[Loaded], list[UnitRecord]]:
    """Load and validate every file; units that fail become records with their problems."""
    loaded: list[Loaded] = []
    failed: list[UnitRecord] = []
    for item in each_unit(files, settings, theme):
        (loaded if isinstance(item, Loaded) else failed).append(item)
    return loaded, failed


def each_unit(files: Iterable[Path], settings: Settings, theme: Theme | None = None) -> Iterator[Loaded | UnitRecord]:
    """Each file loaded and validated in turn, or the record of its problems. A unit whose id an
    earlier file already used fails, so its output folder is never shared. Its text must be
    printable with the ``theme``'s fonts (without a theme: with every bundled font), and no two
    of its files may share a name."""
    from compiler.wording import languages

    known_languages = languages(settings.templates)
    owners: dict[str, Path] = {}
    for file in files:
        try:
            raw = _read(file)
            source, unit = validated_unit(raw, str(file), settings, theme, known_languages)
        except ProblemsFound as exc:
            yield UnitRecord(str(file), None, problems=tuple(exc.problems))
            continue
        if unit.unit.id in owners:
            problem = source.problem(("unit", "id"), f"unit id '{unit.unit.id}' is also used by {owners[unit.unit.id]}",
                                     "each unit needs its own id: it names its output folder")
            yield UnitRecord(str(file), unit.unit.id, problems=(problem,))
            continue
        owners[unit.unit.id] = file
        yield Loaded(file, source, unit, fingerprint.digest(raw))


def validated_unit(raw: bytes, file: str, settings: Settings, theme: Theme | None,
                   known_languages: set[str]) -> tuple[Source, Unit]:
    """The unit in ``raw`` (read from ``file``), checked as ``check`` checks it: loaded,
    validated, its text printable with the ``theme``'s fonts, its output names usable and its
    labels complete; or ProblemsFound with everything that is wrong."""
    from compiler.filenames import file_name_problems
    from compiler.fonts import FAMILIES
    from compiler.source import decode_text, load_text
    from compiler.validate import validate_unit
    from compiler.wording import load_labels

    families = (theme.fonts.body, theme.fonts.heading) if theme is not None else tuple(FAMILIES)
    source = load_text(decode_text(raw, file), file)
    unit = validate_unit(source, known_languages, families)
    clashes = file_name_problems(unit, source, unit_settings(unit, settings))
    if clashes:
        raise ProblemsFound(clashes)
    load_labels(unit.unit.language, settings.templates)  # a catalogue missing a word fails here, located
    return source, unit


def _read(file: Path) -> bytes:
    from compiler.source import read_bytes

    return read_bytes(file)


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
    """Every file this unit would produce, in build order. The pack is made of the other
    files: asking for the pack alone builds them all; with other kinds, it holds those."""
    kinds = _kinds()
    wanted = set(settings.only)
    if wanted and all(name in kinds and kinds[name].assembles for name in wanted):
        wanted = set(kinds)
    for name, kind in kinds.items():
        if wanted and name not in wanted:
            continue
        yield from kind.targets(unit, settings)


def check(request: Request) -> BuildReport:
    """Load and validate everything named, render nothing."""
    report = BuildReport()
    files, report.problems, report.warnings = find_units(request.paths, request.out)
    theme, theme_problems = theme_and_problems(request.settings)
    report.problems += theme_problems
    loaded, failed = load_units(files, request.settings, theme)
    checked = [UnitRecord(str(u.file), u.unit.unit.id, warnings=tuple(filter(None, [nothing_to_print(u)])))
               for u in loaded]
    report.units = sorted([*failed, *checked], key=lambda r: r.file)
    return report


def theme_and_problems(settings: Settings) -> tuple[Theme | None, list[Problem]]:
    """The theme, or the problems that keep it from loading."""
    from compiler.theme import load_theme

    try:
        return load_theme(settings.theme, settings.templates), []
    except ProblemsFound as exc:
        return None, list(exc.problems)


Progress = Callable[[OutputRecord], None]


@dataclass(frozen=True)
class Job:
    """One output to render: everything a worker process needs, nothing it must look up."""

    unit: Unit
    target: Target
    settings: Settings
    theme: Theme


@dataclass(frozen=True)
class Result:
    target: Target
    rendered: Rendered | None
    unplaced: tuple[Unplaceable, ...]
    problems: tuple[Problem, ...]
    templates: dict[str, str]
    seconds: float
    thumbnail: bytes | None = None  # a picture of the first page, for the index


def render_job(job: Job, siblings: tuple[tuple[Target, bytes, int], ...] = ()) -> Result:
    """Plan and render one output. Runs in a worker process: it returns, never prints."""
    from compiler.theme import PAPER
    from compiler.wording import Wording

    started = time.perf_counter()
    kinds = _kinds()
    kind = kinds[job.target.kind]
    try:
        wording = Wording(job.settings.templates, job.unit.unit.language)
        context = Context(job.settings, PAPER[job.settings.paper or "a4"], job.theme, wording, siblings, kinds)
        rendered = kind.render(kind.plan(job.unit, job.target, context), context)
    except LayoutError as exc:
        return Result(job.target, None, tuple(exc.items), (), {}, 0.0)
    except ProblemsFound as exc:
        return Result(job.target, None, (), tuple(exc.problems), {}, 0.0)
    return Result(job.target, rendered, (), (), dict(sorted(wording.files.items())), time.perf_counter() - started,
                  manifest.thumbnail_png(rendered.pdf))


def in_shard(path: Path, roots: Iterable[Path], shard: tuple[int, int] | None) -> bool:
    """Whether a unit file belongs to shard K of N: a split by the hash of its path below the
    folder it was found in, so every machine of a CI matrix splits the same way."""
    if shard is None:
        return True
    key = path.name
    for root in roots:
        if root.is_dir() and root.resolve() in path.resolve().parents:
            key = path.resolve().relative_to(root.resolve()).as_posix()
    number, count = shard
    return int(fingerprint.digest(key.encode())[:8], 16) % count == number - 1


def build(request: Request, progress: Progress | None = None, notice: Callable[[str], None] | None = None) -> BuildReport:
    """Build every unit named into ``request.out``; the report says what happened to each output.
    ``notice`` hears what the build is waiting for (another build of the same folder)."""
    report = BuildReport()
    files, report.problems, report.warnings = find_units(request.paths, request.out)
    files = [f for f in files if in_shard(f, request.paths, request.shard)]
    if not request.force and not report.problems:
        unchanged = _all_unchanged(files, request)
        if unchanged is not None:
            report.units = unchanged
            return report
    from compiler.theme import load_theme

    try:
        theme = load_theme(request.settings.theme, request.settings.templates)
    except ProblemsFound as exc:
        report.problems += exc.problems
        return report
    try:
        with output_lock(request.out, notice):
            remove_stale_temporaries(request.out)
            report.units = _build_units(files, theme, request, report, progress)
    except OSError as exc:
        report.problems.append(_write_problem(Path(exc.filename or request.out), exc))
    return report


def context_hash(settings: Settings) -> str:
    """Everything besides a unit's own file that decides what it builds to: printpack's code,
    the command-line settings and the theme files. Templates are checked output by output."""
    chosen = {"code": fingerprint.code_hash(), "paper": settings.paper, "theme": settings.theme,
              "templates": str(settings.templates), "only": list(settings.only), "versions": settings.versions,
              "poster": settings.poster, "themes": fingerprint.theme_files_hash(settings.theme, settings.templates),
              "environment": fingerprint.environment()}
    return fingerprint.digest(json.dumps(chosen, sort_keys=True).encode())


def _all_unchanged(files: list[Path], request: Request) -> list[UnitRecord] | None:
    """When every unit file, every output and everything else is as the last build left it,
    the records saying so; otherwise None. Reads and hashes files only: no YAML, no pydantic,
    no Jinja, no ReportLab, which is what makes a no-op build quick."""
    recorded = manifest.load(request.out)
    if recorded.warnings:
        return None  # a full build reports them
    units, entries = recorded.units, recorded.files
    context = context_hash(request.settings)
    records = []
    for file in files:
        record = units.get(ownership.source_key(file, request.out))
        try:
            if record is None or record.context != context or record.sha256 != fingerprint.digest(file.read_bytes()):
                return None
        except OSError:
            return None
        if not record.outputs:
            return None  # a unit with nothing to print: the full build says so again
        outputs = []
        for path in record.outputs:
            entry = entries.get(path)
            if entry is None or _unchanged(request.out / path, entry, entry.inputs, request.settings.templates) is None:
                return None
            outputs.append(OutputRecord(record.unit, entry.kind, path, "unchanged", 0.0, entry.pages))
        records.append(UnitRecord(str(file), record.unit, tuple(sorted(outputs, key=lambda o: o.path))))
    return records


def _build_units(files: list[Path], theme: Theme, request: Request, report: BuildReport,
                 progress: Progress | None) -> list[UnitRecord]:
    """Load each unit and hand its outputs to the renderer at once, so that workers draw while
    the next unit is read; a unit's pack is handed over as soon as its parts are done. Records
    come back sorted by file, whatever order the work finished in."""
    recorded = manifest.load(request.out)
    report.warnings += recorded.warnings
    previous, units = recorded.files, recorded.units
    context = context_hash(request.settings)
    planned: list[_UnitBuild] = []
    failed: list[UnitRecord] = []

    def announce(unit_build: _UnitBuild) -> None:
        """Tell of a unit's outputs once its files are written (or failed to be): "built"
        only for a file on disk."""
        if progress and unit_build.finished and not unit_build.announced:
            unit_build.announced = True
            for record in unit_build.record().outputs:
                progress(record)

    def collect(results: Iterator[tuple[Result, _UnitBuild]]) -> None:
        for result, owner in results:
            owner.take(result, renderer)
            announce(owner)

    with _Renderer(request.jobs, single=len(files) == 1) as renderer:
        for item in each_unit(files, request.settings, theme):
            if isinstance(item, UnitRecord):
                failed.append(item)
                continue
            other = ownership.other_owner(request.out, units, ownership.source_key(item.file, request.out),
                                          item.unit.unit.id)
            if other is not None:
                failed.append(_owned_elsewhere(item, other, request.out))
                continue
            unit_build = _UnitBuild(item, theme, request, previous)
            unit_build.warnings += filter(None, [nothing_to_print(item)])
            planned.append(unit_build)
            unit_build.start(renderer)
            announce(unit_build)
            collect(renderer.results(wait=False))  # report and write what is done before reading on
        collect(renderer.results(wait=True))
    entries = dict(previous)
    new_units = dict(units)
    for unit_build in planned:
        entries.update(unit_build.entries)
        key = ownership.source_key(unit_build.item.file, request.out)
        if unit_build.problems:
            continue  # its previous files are untouched, and so is their record
        for gone in [k for k, u in new_units.items() if u.unit == unit_build.unit_id and k != key]:
            del new_units[gone]  # a previous owner that no longer exists or has another id
        title = unit_build.item.unit.unit.title
        new_units[key] = manifest.UnitEntry(key, unit_build.unit_id, unit_build.item.digest, context,
                                            sorted(unit_build.made()), title)
    if any(u.written for u in planned) or new_units != units:
        try:
            manifest.write(request.out, entries, new_units)
            from compiler.wording import Wording

            titles = {u.unit: u.title for u in new_units.values()}
            report.warnings += manifest.write_index(request.out, entries, Wording(request.settings.templates), titles)
        except OSError as exc:
            report.problems.append(_write_problem(Path(exc.filename or request.out), exc))
        except ProblemsFound as exc:  # a user's index.html.j2 that fails
            report.problems += exc.problems
    return sorted([*failed, *(u.record() for u in planned)], key=lambda r: r.file)


def _owned_elsewhere(item: Loaded, other: Path, out: Path) -> UnitRecord:
    """The record of a unit refused because another file already owns its output folder."""
    unit_id = item.unit.unit.id
    problem = item.source.problem(
        ("unit", "id"), f"unit id '{unit_id}' is already built into {out / unit_id} from {other}; "
                        "building this file there would replace that unit's PDFs",
        f"give one of the two units another id, or, if {other} is no longer wanted, delete the folder "
        f"{out / unit_id} and build again")
    return UnitRecord(str(item.file), unit_id, problems=(problem,))


def _write_problem(path: Path, exc: OSError) -> Problem:
    return Problem(str(path), 0, 0, "", f"cannot write the file: {exc.strerror or exc}",
                   exc.hint if isinstance(exc, Refused) else
                   "check that the output folder exists, is writable and that the disk has space")


Siblings = tuple[tuple[Target, bytes, int], ...]


def warm_up(families: tuple[str, ...]) -> None:
    """Import the drawing code and register the fonts ahead of the first job: in each worker as
    it starts, while the parent is still reading units, and in ``watch`` after the first build.
    It never fails: a font that cannot be read is reported, with its file, by the first job
    that needs it."""
    from compiler import fonts, pdf
    from compiler.kinds import import_drawing

    import_drawing()
    with suppress(ProblemsFound):
        for family in sorted({*families, pdf.MARKER_FONT}):
            fonts.register(family)


class _Renderer:
    """Runs jobs in ``workers`` processes, or in this one when there is one worker or when a
    single unit has at most one job to start with (the common re-print after an edit: starting
    a process would cost more than it saves). Results come back as they finish, with the unit
    build that asked for them; jobs may be added while results are being read."""

    def __init__(self, count: int, *, single: bool) -> None:
        self.workers = min(count, workers.usable_cores())  # more processes than cores only cost memory
        self.single = single
        self.pool: Any = None
        self.ready: list[tuple[Result, _UnitBuild]] = []  # results of jobs run in this process
        self.pending: dict[Any, tuple[int, _UnitBuild]] = {}  # future: (order submitted, owner)
        self.submitted = 0

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        if self.pool is not None:  # interrupted: the workers are killed, not waited for
            workers.stop_workers(self.pool, wait=kind is None)

    def start(self, jobs: list[Job], owner: _UnitBuild) -> None:
        """Render-only jobs of one unit; decides, for the first unit, whether to use processes."""
        if self.pool is None and self.workers > 1 and not (self.single and len(jobs) <= 1):
            # Imported here: a build with nothing to render in parallel does not pay for it.
            from concurrent.futures import ProcessPoolExecutor

            theme = owner.theme.fonts
            count = min(self.workers, len(jobs)) if self.single else self.workers
            self.pool = ProcessPoolExecutor(max_workers=count, initializer=workers.start_worker,
                                            initargs=(os.getpid(), warm_up, (theme.body, theme.heading)))
        for job in jobs:
            self.submit(job, (), owner)

    def submit(self, job: Job, siblings: Siblings, owner: _UnitBuild) -> None:
        self.submitted += 1
        if self.pool is None:
            self.ready.append((render_job(job, siblings), owner))
        else:
            self.pending[self.pool.submit(render_job, job, siblings)] = (self.submitted, owner)

    def results(self, *, wait: bool) -> Iterator[tuple[Result, _UnitBuild]]:
        """The results there are now; with ``wait``, every result, including those of jobs
        submitted while iterating."""
        while True:
            while self.ready:
                yield self.ready.pop(0)
            if not self.pending:
                return
            from concurrent.futures import FIRST_COMPLETED
            from concurrent.futures import wait as first_done

            done, _ = first_done(self.pending, timeout=None if wait else 0, return_when=FIRST_COMPLETED)
            if not done:
                return
            for future in sorted(done, key=lambda f: self.pending[f][0]):
                _, owner = self.pending.pop(future)
                yield future.result(), owner


class _UnitBuild:
    """One unit's outputs: which to render, which are unchanged, and writing them all or none."""

    def __init__(self, item: Loaded, theme: Theme, request: Request, previous: dict[str, manifest.Entry]) -> None:
        self.item = item
        self.theme = theme
        self.request = request
        self.previous = previous
        self.settings = unit_settings(item.unit, request.settings)
        self.theme_data = theme.model_dump(mode="json")  # once: every output's fingerprint holds it
        self.records: list[OutputRecord] = []
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        # rendered (with its new manifest entry) or unchanged on disk (None), and its page count
        self.done: dict[Target, tuple[bytes, manifest.Entry | None, int]] = {}
        self.thumbnails: dict[str, bytes] = {}  # by output path, for the outputs rendered
        self.to_render: list[Job] = []
        self.assembling: list[Target] = []
        self.inputs: dict[Target, str] = {}
        self.unfinished = 0  # jobs handed out and not yet back
        self.assembled = False  # the pack's jobs (if any) have been handed out
        self.entries: dict[str, manifest.Entry] = {}  # the manifest entries of the files written
        self.written = False
        self.finished = False  # its files are written, or will not be
        self.announced = False  # its records went to the progress callback
        for target in unit_targets(item.unit, self.settings):
            self._consider(target)

    @property
    def unit_id(self) -> str:
        return self.item.unit.unit.id

    def _path(self, target: Target) -> Path | None:
        try:
            return confined(self.request.out, self.unit_id, target.filename)
        except UnsafePath as exc:
            self.problems.append(self.item.source.problem(("unit", "id"), str(exc), exc.hint))
            return None

    def _consider(self, target: Target) -> None:
        kind = _kinds()[target.kind]
        if kind.assembles:
            self.assembling.append(target)
            return
        self.inputs[target] = fingerprint.inputs_hash(kind.inputs(self.item.unit, target),
                                                      self.theme_data,
                                                      self.settings.fingerprint(), target.filename)
        if not self._reuse(target):
            self.to_render.append(Job(self.item.unit, target, self.settings, self.theme))

    def _reuse(self, target: Target) -> bool:
        """Keep an unchanged output: same inputs, same templates, same bytes on disk."""
        path = self._path(target)
        old = self.previous.get(f"{self.unit_id}/{target.filename}")
        if path is None or self.request.force or old is None:
            return False
        pdf = _unchanged(path, old, self.inputs[target], self.settings.templates)
        if pdf is None:
            return False
        self.done[target] = (pdf, None, old.pages)
        self.records.append(OutputRecord(self.unit_id, target.kind, old.path, "unchanged", 0.0, old.pages))
        return True

    def start(self, renderer: _Renderer) -> None:
        """Hand this unit's outputs to the renderer; the pack follows once they are back."""
        self.unfinished = len(self.to_render)
        renderer.start(self.to_render, self)
        self._settle(renderer)

    def _settle(self, renderer: _Renderer) -> None:
        """Once every part is back, hand over the pack; once that is back too, write the unit's
        files at once, while the workers go on with other units."""
        if self.unfinished:
            return
        if not self.assembled:
            self.assembled = True
            jobs = [] if self.problems else self.assembly_jobs()
            self.unfinished = len(jobs)
            for job, siblings in jobs:
                renderer.submit(job, siblings, self)
            if self.unfinished:
                return
        self.entries = self.finish()
        self.finished = True

    def record_for(self, result: Result) -> OutputRecord:
        pages = result.rendered.pages if result.rendered else 0
        state = "built" if result.rendered else "failed"
        return OutputRecord(self.unit_id, result.target.kind, f"{self.unit_id}/{result.target.filename}", state,
                            result.seconds, pages)

    def take(self, result: Result, renderer: _Renderer) -> None:
        """Keep a finished output, and move the unit on when it was the last one out."""
        self._keep(result)
        self.unfinished -= 1
        self._settle(renderer)

    def _keep(self, result: Result) -> None:
        source = self.item.source
        self.problems += result.problems
        self.problems += [source.problem(*_located(self.item.unit, u)) for u in result.unplaced]
        if result.rendered is None:
            return
        relative = f"{self.unit_id}/{result.target.filename}"
        pdf = result.rendered.pdf
        entry = manifest.Entry(relative, self.unit_id, result.target.kind, result.rendered.pages, len(pdf),
                               fingerprint.digest(pdf), self.inputs[result.target], result.templates)
        self.done[result.target] = (pdf, entry, result.rendered.pages)
        if result.thumbnail is not None:
            self.thumbnails[relative] = result.thumbnail
        self.records.append(self.record_for(result))

    def assembly_jobs(self) -> list[tuple[Job, tuple[tuple[Target, bytes, int], ...]]]:
        """Jobs for the kinds made of the others (the pack), with the finished files they need;
        an unchanged pack (same parts, same everything else) is kept instead."""
        siblings = tuple((t, pdf, pages) for t, (pdf, _, pages) in self.done.items())
        digests = sorted(fingerprint.digest(pdf) for _, pdf, _ in siblings)
        jobs = []
        for target in self.assembling:
            kind = _kinds()[target.kind]
            self.inputs[target] = fingerprint.inputs_hash(
                {"unit": kind.inputs(self.item.unit, target), "parts": digests},
                self.theme_data, self.settings.fingerprint(), target.filename)
            if not self._reuse(target):
                jobs.append((Job(self.item.unit, target, self.settings, self.theme), siblings))
        return jobs

    def finish(self) -> dict[str, manifest.Entry]:
        """Write every new file together, or none if anything failed (fsio.replace_together);
        remove files of this unit that a kind built this time no longer makes (a renamed
        worksheet); the new manifest entries."""
        if self.problems:
            return {}
        files: dict[Path, bytes] = {}
        new = {}
        pictures = manifest.thumbnails_folder(self.request.out)
        for target, (pdf, entry, _) in self.done.items():
            path = self._path(target)
            if entry is None or path is None:
                continue
            files[path] = pdf
            new[entry.path] = entry
            if entry.path in self.thumbnails and pictures is not None:
                files[pictures / manifest.thumbnail_name(entry.path)] = self.thumbnails[entry.path]
        try:
            replace_together(files, self.request.out)
        except OSError as exc:
            self.problems.append(_write_problem(Path(exc.filename or self.request.out), exc))
            return {}
        try:
            removed = self._remove_stale()
        except OSError as exc:
            self.problems.append(_write_problem(Path(exc.filename or self.request.out), exc))
            removed = False
        self.written = bool(new) | removed
        # The bytes are on disk now; only which files were made is still needed.
        self.done = {target: (b"", entry, pages) for target, (_, entry, pages) in self.done.items()}
        self.thumbnails.clear()
        return new

    def made(self) -> set[str]:
        """The paths of every file this unit's build makes (new or unchanged)."""
        return {f"{self.unit_id}/{t.filename}" for t in [*self.done, *self.assembling]}

    def _remove_stale(self) -> bool:
        """Delete this unit's files that the manifest lists, of a kind built this time, that
        no target makes any more. Files printpack did not write are never touched."""
        made = self.made()
        kinds = set(self.settings.only) or set(_kinds())
        stale = [e for e in self.previous.values()
                 if e.unit == self.unit_id and e.kind in kinds and e.path not in made]
        out = self.request.out  # the manifest was checked when read; this is the last guard before deleting
        remove_files([out / e.path for e in stale if manifest.in_unit_folder(out, self.unit_id, e.path)], out)
        return bool(stale)

    def record(self) -> UnitRecord:
        records = sorted(self.records, key=lambda r: r.path)
        if self.problems:
            records = [replace(r, state="failed") if r.state == "built" else r for r in records]
        return UnitRecord(str(self.item.file), self.unit_id, tuple(records), tuple(sorted(set(self.problems))),
                          tuple(self.warnings))


def _unchanged(path: Path, entry: manifest.Entry, inputs: str, templates: Path | None) -> bytes | None:
    """The file's bytes if it is exactly what these inputs and templates (``--templates``) produced before."""
    if entry.inputs != inputs or not fingerprint.templates_unchanged(entry.templates, templates):
        return None
    try:
        pdf = path.read_bytes()
    except OSError:
        return None
    return pdf if fingerprint.digest(pdf) == entry.sha256 else None
