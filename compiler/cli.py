"""The ``printpack`` command line: a thin Click layer over :mod:`compiler.build`.

This is the only module that prints or chooses exit codes: 0 built, 1 the content has errors
or a render failed, 2 usage errors (Click's own, a bad ``SOURCE_DATE_EPOCH``), 128 + N stopped by
signal N. Human messages go to stderr so that ``--json`` owns stdout.
"""

from __future__ import annotations

import functools
import json
import os
import re
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, NoReturn, Self, TypeVar

import click

from compiler import __version__
from compiler.build import DEFAULT_PATHS, Request, kind_names
from compiler.build import build as run_build
from compiler.build import check as run_check
from compiler.build import list_outputs as outputs_of
from compiler.build import merge as merge_folders
from compiler.errors import Problem, ProblemsFound, did_you_mean, quoted
from compiler.fsio import Refused, write_atomically
from compiler.outputs import Settings
from compiler.profiles import PROFILES
from compiler.report import BuildReport, OutputRecord
from compiler.watch import Rebuild, watch
from compiler.workers import usable_cores

F = TypeVar("F", bound=Callable[..., Any])


def _shard(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[int, int] | None:
    if not value:
        return None
    parts = re.fullmatch(r"([0-9]+)/([0-9]+)", value.strip())  # ASCII digits: isdigit() takes "²" too
    if parts is None or not 1 <= int(parts[1]) <= int(parts[2]):
        raise click.BadParameter("write K/N with 1 <= K <= N, e.g. 2/4")
    return int(parts[1]), int(parts[2])


def _profiles(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    """The ``--profile`` names given, each a registered print profile (a misspelt one with the
    closest name)."""
    for name in value:
        if name not in PROFILES:
            hint = did_you_mean(name, PROFILES) or f"choose from {', '.join(PROFILES)}"
            raise click.BadParameter(f"unknown print profile {quoted(name)}: {hint}")
    return tuple(dict.fromkeys(value))


def _kinds(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    kinds = tuple(k.strip() for k in value.split(",") if k.strip())
    known = kind_names()
    unknown = [k for k in kinds if k not in known]
    if unknown:
        raise click.BadParameter(f"unknown kind {', '.join(unknown)}; choose from {', '.join(known)}")
    return kinds


class _KindsOption(click.Option):
    """``--only``, whose help lists the registered kinds when help is shown."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        record = super().get_help_record(ctx)
        return None if record is None else (record[0], f"{record[1]} {', '.join(kind_names())}.")


def _out(ctx: click.Context, param: click.Parameter, value: str) -> Path:
    if not value.strip():
        raise click.BadParameter("give a folder name, e.g. --out output (an empty name would mean the current folder)")
    unusable = _unusable_folder(Path(value))
    if unusable:
        raise click.BadParameter(unusable)
    return Path(value)


def _unusable_folder(path: Path) -> str | None:
    """Why ``path`` cannot be made into a folder (a part of it is a file, or a symbolic link to
    nothing), or None. Without this, creating it fails with a bare "File exists"."""
    for part in [*reversed(path.parents), path]:
        if part.is_symlink() and not part.exists():
            return (f"{part} is a symbolic link to {part.readlink()}, which does not exist; "
                    "create that folder or choose another --out")
        if part.exists() and not part.is_dir():
            return f"{part} is a file, not a folder; choose another --out"
    return None


# Seconds since 1970 up to 9999-12-31 23:59:59 UTC, the last moment a PDF date (four-digit year) can hold.
LAST_PDF_SECOND = 253402300799


def _source_date_epoch() -> None:
    """Check ``SOURCE_DATE_EPOCH`` (read by ReportLab for every PDF's dates, and part of every
    fingerprint) and write it back in one spelling, so that " 1600000000" and "01600000000"
    build what "1600000000" builds and are not taken for a change. Set but empty counts as unset,
    as ReportLab takes it."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is None:
        return
    if not value.strip():
        del os.environ["SOURCE_DATE_EPOCH"]
        return
    digits = re.fullmatch(r"[0-9]+", value.strip())
    if digits is None or int(digits[0]) > LAST_PDF_SECOND:
        raise click.UsageError(f"the environment variable SOURCE_DATE_EPOCH is {value!r}; it must be a whole number "
                               f"of seconds since 1970-01-01 UTC, from 0 to {LAST_PDF_SECOND} (9999-12-31), "
                               "e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(digits[0]))


@dataclass(frozen=True)
class Invocation:
    """What the shared options asked for: the build request and how to report."""

    request: Any
    as_json: bool
    quiet: bool
    debug: bool


_SHARED = [
    click.argument("paths", nargs=-1, type=click.Path(path_type=Path)),
    click.option("-o", "--out", type=click.Path(file_okay=False), default="output", callback=_out,
                 show_default=True, help="Folder to write the PDFs into."),
    click.option("--only", cls=_KindsOption, callback=_kinds, metavar="KIND[,KIND]", help="Build only these kinds:"),
    click.option("--paper", type=click.Choice(["a4", "letter"], case_sensitive=False),
                 help="Sheet size (default: the unit's outputs.paper, else A4)."),
    click.option("--poster-paper", "poster", type=click.Choice(["a3", "a2", "a1", "a0", "tabloid"], case_sensitive=False),
                 help="Timeline poster size (default: the unit's outputs.timeline.paper, else A3)."),
    click.option("--versions", type=click.IntRange(1, 26),
                 help="Versions of every worksheet (A, B, C ...), overriding the units' choice."),
    click.option("--profile", "profiles", multiple=True, callback=_profiles, metavar="PROFILE",
                 help=f"Build every file in this print profile ({', '.join(PROFILES)}); repeat for several "
                      "(default: the unit's outputs.profiles, else standard)."),
    click.option("--theme", default="default", show_default=True, help="A built-in theme name or a theme .yaml file."),
    click.option("--templates", type=click.Path(exists=True, file_okay=False, path_type=Path),
                 help="A folder of templates, themes and labels that override the built-ins by name."),
    click.option("-j", "--jobs", type=click.IntRange(min=1), default=usable_cores,
                 show_default="the number of cores", help="Worker processes for rendering (at most one a core)."),
    click.option("--shard", callback=_shard, metavar="K/N",
                 help="Build only the K-th of N stable shares of the units (for a CI matrix)."),
    click.option("--force", is_flag=True, help="Rebuild every output, even unchanged ones."),
    click.option("--strict", is_flag=True,
                 help="Report every warning as an error and exit 1; a unit with one is not built (for CI)."),
    click.option("--json", "as_json", is_flag=True, help="Print a machine-readable report on stdout."),
    click.option("-q", "--quiet", is_flag=True, help="Print only problems."),
    click.option("--debug", is_flag=True, help="Show tracebacks for internal errors."),
]


def shared_options(function: F) -> F:
    """The arguments and options every unit-reading command takes, handed over as one Invocation."""

    @functools.wraps(function)
    def wrapper(**options: Any) -> Any:
        _source_date_epoch()
        paper, poster = options["paper"], options["poster"]
        settings = Settings(paper=paper.lower() if paper else None, poster=poster.lower() if poster else None,
                            theme=options["theme"], templates=options["templates"], only=options["only"],
                            versions=options["versions"], profiles=options["profiles"])
        request = Request(paths=options["paths"] or DEFAULT_PATHS, out=options["out"], settings=settings,
                          force=options["force"], jobs=_capped_jobs(options["jobs"], quiet=options["quiet"]), shard=options["shard"],
                          strict=options["strict"], debug=options["debug"])
        invocation = Invocation(request, options["as_json"], options["quiet"], options["debug"])
        return _guarded(invocation.debug, lambda: function(invocation), as_json=invocation.as_json)

    for decorator in reversed(_SHARED):
        wrapper = decorator(wrapper)
    return wrapper  # type: ignore[return-value]


def _say(message: str) -> None:
    click.echo(message, err=True)


def _capped_jobs(jobs: int, *, quiet: bool) -> int:
    """``--jobs``, at most the cores this process may use: more processes only cost memory."""
    cores = usable_cores()
    if jobs <= cores or quiet:
        return min(jobs, cores)
    _say(f"note: --jobs {jobs} is more than the {cores} core{'s' * (cores != 1)} printpack may use here; "
         f"using {cores}")
    return cores


class Stopped(BaseException):
    """A stop signal (Ctrl-C, SIGTERM, SIGHUP) arrived: the build unwinds as on any error (workers
    killed, temporaries removed, the lock released) and printpack exits 128 + its number. Not a
    KeyboardInterrupt, so that Click does not turn it into "Aborted!" and exit 1."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class _Signals:
    """What the stop signals did in this run: the first one's number, and whether the report was
    already complete when it came (then it changes nothing: the run exits by its report)."""

    NAMES = ("SIGINT", "SIGTERM", "SIGHUP")

    def __init__(self) -> None:
        self.received: int | None = None
        self.reported = False

    def handle(self, signum: int, frame: object) -> None:
        """Record the first signal and raise where the program is; later ones are ignored, so
        that they cannot cut the clean-up the first one started short."""
        if self.reported or self.received is not None:
            return
        self.received = signum
        raise Stopped(signum)

    def stop_if_received(self) -> None:
        """Raise the stop again at a safe point, in case the code it was raised in swallowed it (a
        fork hook reports and drops it; ReportLab's font reader turns it into "corrupt font")."""
        if self.received is not None and not self.reported:
            raise Stopped(self.received)

    def install(self) -> dict[str, Any]:
        """Handle the stop signals; the handlers there were before. Only the main thread may (a
        caller running printpack in another thread keeps its own)."""
        if threading.current_thread() is not threading.main_thread():
            return {}
        return {name: signal.signal(getattr(signal, name), self.handle) for name in self.NAMES if hasattr(signal, name)}


_signals = _Signals()


def _interrupted(signum: int, *, as_json: bool) -> NoReturn:
    """Say that the run stopped (with ``--json``, in a report on stdout too) and end the process
    with 128 + the signal's number (130 for Ctrl-C). Called once the stop has unwound the build,
    so its clean-up is done. The process ends with ``os._exit``: a worker killed while the pool
    was reading its result leaves the pool's thread waiting for ever, and an ordinary exit would
    wait for that thread."""
    line = f"stopped by {signal.Signals(signum).name}: units already written are kept, the others are as they were"
    _signals.reported = True
    if as_json:
        click.echo(json.dumps({"ok": False, "summary": line, "problems": [], "units": []}, indent=2))
    _say(line)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(128 + signum)


def _built_line(record: OutputRecord) -> str:
    return f"built      {record.path}  ({record.pages} page{'s' * (record.pages != 1)}, {record.seconds:.2f} s)"


class _Progress:
    """One line per built output; on a terminal, a progress line that rewrites itself once the
    build has run for a second. Colour only on a terminal, and never with NO_COLOR set."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self.terminal = sys.stderr.isatty()
        self.started = time.monotonic()
        self.count = 0

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.enabled and self.terminal and self.count:
            click.echo("\r\033[K", nl=False, err=True)

    def record(self, record: OutputRecord) -> None:
        _signals.stop_if_received()
        self.count += 1
        if not self.enabled or record.state != "built":
            return
        if self.terminal and time.monotonic() - self.started > 1:
            line = f"[{self.count}] {record.path}"
            styled = line if os.environ.get("NO_COLOR") else click.style(line, fg="blue")
            click.echo(f"\r\033[K{styled}", nl=False, err=True)
        else:
            _say(_built_line(record))


def _finish(report: BuildReport, *, as_json: bool, quiet: bool, verb: str) -> None:
    # A signal that came while the report was made stops the run even if some code swallowed it
    # (its report is printed all the same); one that comes from now on changes nothing.
    stopped = _signals.received
    _signals.reported = True
    for warning in report.all_warnings():
        _say(f"warning: {warning}")
    for problem in report.all_problems():
        _say(str(problem))
    if as_json:
        click.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    elif not quiet:
        _say(f"{verb}: {report.summary()}")
    if stopped is not None:
        _interrupted(stopped, as_json=False)
    sys.exit(0 if report.ok else 1)


def _guarded(debug: bool, action: Callable[[], None], *, as_json: bool = False) -> None:
    """Run ``action``; an internal error becomes one line (or a traceback with --debug), exit 1.
    With ``--json``, stdout still gets a report, saying the build did not finish."""
    try:
        action()
    except Stopped as stop:
        _interrupted(stop.signum, as_json=as_json)
    except (click.exceptions.Exit, click.ClickException, SystemExit, KeyboardInterrupt):
        raise
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        if _signals.received is not None:  # a library wrapped the Stopped it was given (pydantic-core does)
            _interrupted(_signals.received, as_json=as_json)
        line = f"internal error: {type(exc).__name__}: {exc}"
        if debug:
            traceback.print_exc()
        else:
            _say(f"{line} (run with --debug for the traceback)")
        if as_json:
            problem = {"file": "", "line": 0, "column": 0, "path": "", "message": line, "hint": None}
            click.echo(json.dumps({"ok": False, "summary": "the build stopped on an internal error",
                                   "problems": [problem], "units": []}, indent=2, ensure_ascii=False))
        sys.exit(1)


class _Printpack(click.Group):
    """The command group, handling the stop signals from the moment the command line is read."""

    def main(self, args: Sequence[str] | None = None, *rest: Any, **options: Any) -> Any:
        global _signals
        _signals = _Signals()
        previous = _signals.install()
        try:
            return super().main(args, *rest, **options)
        except Stopped as stop:  # outside the command's own guard (reading the command line)
            _interrupted(stop.signum, as_json=False)
        except Exception:
            if _signals.received is None:
                raise
            _interrupted(_signals.received, as_json=False)  # what a library made of the Stopped
        finally:
            for name, handler in previous.items():
                signal.signal(getattr(signal, name), handler)


@click.group(cls=_Printpack, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="printpack")
def main() -> None:
    """Compile teaching units (one YAML file each) into print-ready PDFs."""


@main.command()
@shared_options
def build(run: Invocation) -> None:
    """Build the units in PATHS (files or folders; default resources/) into --out."""
    with _Progress(enabled=not run.quiet and not run.as_json) as progress:
        report = run_build(run.request, progress.record, notice=_say)
    _finish(report, as_json=run.as_json, quiet=run.quiet, verb="build")


@main.command()
@shared_options
def check(run: Invocation) -> None:
    """Validate the units in PATHS without rendering; print every problem at once."""
    _finish(run_check(run.request), as_json=run.as_json, quiet=run.quiet, verb="check")


@main.command(name="watch")
@shared_options
def watch_units(run: Invocation) -> None:
    """Build the units in PATHS, then rebuild on every save of a unit, theme or template."""
    first_done = False

    def show(rebuild: Rebuild) -> None:
        nonlocal first_done
        first, first_done = not first_done, True
        for warning in rebuild.report.all_warnings():
            _say(f"warning: {warning}")
        for problem in rebuild.report.all_problems():
            _say(str(problem))
        if not run.quiet:
            for unit in rebuild.report.units:
                for record in unit.outputs:
                    if record.state == "built":
                        _say(_built_line(record))
            _say(_rebuild_line(rebuild))
        if first:
            _say("watching for changes (Ctrl-C to stop)")

    try:
        watch(run.request, show)
    except Stopped as stop:
        # Ctrl-C is how watch is meant to end once it watches: exit 0, even if a rebuild was under
        # way (it was cleaned up as any stopped build is). During the first build, or for SIGTERM
        # and SIGHUP, 128 + N as for build.
        if stop.signum != signal.SIGINT or not first_done:
            raise
    received = _signals.received  # watchfiles may also end its loop quietly on a signal
    if received is not None and received != signal.SIGINT:
        _interrupted(received, as_json=False)
    _say("stopped")


def _rebuild_line(rebuild: Rebuild) -> str:
    """One line for each build that watch runs, the first included: what changed, what was built
    (or that nothing needed building) and the time taken, in the words of the build's summary."""
    report = rebuild.report
    if report.ok and not report.count("built"):
        outputs = report.count("unchanged")
        result = f"nothing changed ({outputs} output{'s' * (outputs != 1)} up to date)"
    else:
        result = report.summary()
    if not rebuild.changed:
        cause = ""
    elif len(rebuild.changed) == 1:
        cause = f"{rebuild.changed[0].name} saved: "
    else:
        cause = f"{len(rebuild.changed)} files saved: "
    return f"watch: {cause}{result} in {rebuild.seconds:.2f} s"


@main.command(name="list")
@shared_options
def list_outputs(run: Invocation) -> None:
    """List the files each unit in PATHS would produce."""
    listing, report = outputs_of(run.request)
    for warning in report.all_warnings():
        _say(f"warning: {warning}")
    for problem in report.all_problems():
        _say(str(problem))
    if run.as_json:
        click.echo(json.dumps(listing, indent=2))
    else:
        for unit_id, outputs in listing.items():
            click.echo(unit_id)
            for output in outputs:
                click.echo(f"  {output}")
    sys.exit(0 if report.ok else 1)


@main.command(name="export")
@click.argument("format_name", metavar="FORMAT")
@click.argument("unit", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The file to write (replaced if it exists), e.g. deck.apkg or cards.txt.")
@click.option("--set", "set_ids", multiple=True, metavar="ID",
              help="Export only this flash-card set (repeat for more) [default: every set].")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
def export_cards(format_name: str, unit: Path, out: Path, set_ids: tuple[str, ...], debug: bool) -> None:
    """Write the flash cards of UNIT for a revision app: FORMAT anki (an Anki package, one deck
    per set) or csv (the tab-separated text Quizlet imports, every set in one file).

    \b
    printpack export anki resources/revolution.yaml --out revolution.apkg
    printpack export csv resources/revolution.yaml --out revolution.txt --set key-words
    """
    _source_date_epoch()
    _guarded(debug, lambda: _export(format_name, unit, out, set_ids))


def _export(format_name: str, unit: Path, out: Path, set_ids: tuple[str, ...]) -> None:
    exports = _exporting()
    if format_name not in exports.EXPORTS:
        raise click.BadParameter(f"choose from {', '.join(exports.EXPORTS)}", param_hint="FORMAT")
    if out.exists() and out.resolve() == unit.resolve():
        raise click.BadParameter(f"{out} is the unit itself; name another file, e.g. "
                                 f"{out.with_suffix(exports.EXPORTS[format_name].suffix)}", param_hint="'--out'")
    try:
        cards = exports.unit_cards(unit)
    except ProblemsFound as exc:
        for warning in exc.warnings:
            _say(f"warning: {warning}")
        for problem in exc.problems:
            _say(str(problem))
        _say(f"export: nothing written: {unit} has {len(exc.problems)} problem{'s' * (len(exc.problems) != 1)}")
        sys.exit(1)
    for warning in cards.warnings:
        _say(f"warning: {warning}")
    unknown = exports.unknown_sets(cards, set_ids)
    if unknown:
        raise click.BadParameter(f"{unit} has no flash-card set {', '.join(map(repr, unknown))}; its sets are "
                                 f"{', '.join(deck.id for deck in cards.decks)}", param_hint="'--set'")
    data = exports.exported(format_name, cards, set_ids, exports.time_stamp(unit))
    try:
        write_atomically(out, data)
    except OSError as exc:
        hint = f" — {exc.hint}" if isinstance(exc, Refused) else ""
        raise click.ClickException(f"cannot write {exc.filename or out}: {exc.strerror or exc}{hint}") from None
    chosen = exports.chosen(cards, set_ids)
    count = sum(len(deck.cards) for deck in chosen)
    _say(f"wrote {out}: {count} card{'s' * (count != 1)} in {len(chosen)} set{'s' * (len(chosen) != 1)} "
         f"({', '.join(deck.id for deck in chosen)})")


def _exporting() -> ModuleType:
    """:mod:`compiler.exports`, for ``export``: with it the unit's loading, the kinds and genanki.
    A lazy import for the same reason as :func:`_authoring`'s: the other commands start without them."""
    from compiler import exports

    return exports


@main.command()
@click.argument("folders", nargs=-1, required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("--out", "out", required=True, callback=_out, help="The folder to write the site into (replaced whole).")
@click.option("--templates", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A folder of templates and labels for the index page, as given to build.")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
def merge(folders: tuple[Path, ...], out: Path, templates: Path | None, debug: bool) -> None:
    """Merge the output folders of a sharded build (--shard K/N) into one site: one manifest, one index.html."""
    def run() -> None:
        report = merge_folders(folders, out, templates, notice=_say)
        for warning in report.all_warnings():
            _say(f"warning: {warning}")
        for problem in report.all_problems():
            _say(str(problem))
        if report.ok:
            files = sum(len(unit.outputs) for unit in report.units)
            _say(f"merge: {len(report.units)} unit(s), {files} file(s) from {len(folders)} folder(s) into {out}")
        sys.exit(0 if report.ok else 1)

    _guarded(debug, run)


@main.command()
@click.argument("name")
@click.option("--id", "unit_id", metavar="ID",
              help="The unit's id (lowercase letters, digits and hyphens), which names its output folder "
                   "[default: made from NAME, accents dropped].")
@click.option("--file", "file", type=click.Path(dir_okay=False, path_type=Path),
              help="The file to write, ending in .yaml [default: DIR/ID.yaml].")
@click.option("--dir", "folder", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the new unit into [default: resources].")
def new(name: str, unit_id: str | None, file: Path | None, folder: Path | None) -> None:
    """Write a commented starter unit titled NAME that builds as it is, as DIR/ID.yaml.

    \b
    printpack new "Révolution française"     writes resources/revolution-francaise.yaml
    printpack new "The French Revolution" --id revolution --dir units
    printpack new "The French Revolution" --file units/france-1789.yaml
    """
    _guarded(False, lambda: _new(name, unit_id, file, folder))


def _new(name: str, unit_id: str | None, file: Path | None, folder: Path | None) -> None:
    starter = _authoring()
    if file is not None and folder is not None:
        raise click.UsageError("give --file or --dir, not both: --file names the folder as well")
    if file is not None and file.suffix not in (".yaml", ".yml"):
        raise click.BadParameter(f"printpack reads units from .yaml files; write e.g. {file.with_suffix('.yaml')}",
                                 param_hint="'--file'")
    if unit_id is None and not starter.slug(name):
        raise click.BadParameter("give a name with at least one letter or digit, or give the id with --id",
                                 param_hint="NAME")
    for value, what, hint in ((name, "title", "NAME"), (unit_id or "", "id", "'--id'")):
        if starter.not_text(value):
            raise click.BadParameter(f"the {what} has bytes that are not UTF-8 text; set your terminal to UTF-8",
                                     param_hint=hint)
    path, text, problems = starter.checked_starter(name, folder or Path("resources"), unit_id, file)
    if problems:
        _refuse_starter(problems, id_given=unit_id is not None)
    try:
        starter.write_new(path, text)
    except FileExistsError:
        raise click.UsageError(f"{path} already exists; choose another name or delete it first") from None
    except OSError as exc:
        raise click.ClickException(f"cannot write {exc.filename or path}: {exc.strerror or exc}") from None
    _say(f"wrote {path}; build it with: printpack build {path}")
    schema_path = path.parent / starter.SCHEMA_FILE
    try:
        starter.write_new(schema_path, starter.schema_text())
    except FileExistsError:
        return
    except OSError as exc:
        _say(f"could not write {schema_path} ({exc.strerror or exc}); the unit does not need it, editors use it "
             "for autocompletion")
        return
    _say(f"wrote {schema_path}, which editors with YAML support use for autocompletion")


def _refuse_starter(problems: list[Problem], *, id_given: bool) -> NoReturn:
    """A usage error when the title given to ``new`` makes a unit ``check`` refuses (characters
    the fonts lack, too long), or the id given with ``--id`` is not one; any other problem is
    printpack's own fault."""
    if any(problem.path not in ("unit.title", "unit.id") for problem in problems):
        raise RuntimeError("the starter unit fails its own check: " + "; ".join(map(str, problems)))
    id_problems = [problem for problem in problems if problem.path == "unit.id"]
    if id_given and id_problems:
        raise click.BadParameter("; ".join(_reason(problem) for problem in id_problems), param_hint="'--id'")
    raise click.BadParameter("; ".join(f"the {problem.path.removeprefix('unit.')}: {_reason(problem)}"
                                       for problem in problems), param_hint="NAME")


def _reason(problem: Problem) -> str:
    return problem.message + (f" — {problem.hint}" if problem.hint else "")


@main.command()
def schema() -> None:
    """Print the JSON Schema of the unit format (for editor autocompletion)."""
    click.echo(_authoring().schema_text(), nl=False)


class _ImportCommand(click.Command):
    """``import``, whose help lists the registered formats."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Formats (found from the file's content, else its suffix)"):
            formatter.write_dl([(importer.name, importer.describes) for importer in _importing().IMPORTERS.values()])


@main.command(name="import", cls=_ImportCommand)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The unit file to write, ending in .yaml.")
@click.option("--format", "format_name", metavar="NAME", help="The file's format, when printpack cannot tell.")
@click.option("--id", "unit_id", metavar="ID", help="The unit's id [default: made from the --out file's name].")
@click.option("--title", help="The unit's title [default: the one in the file, else made from the file's name].")
@click.option("--force", is_flag=True, help="Replace the --out file if it exists.")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
def import_file(file: Path, out: Path, format_name: str | None, unit_id: str | None, title: str | None,
                force: bool, debug: bool) -> None:
    """Turn FILE (a flash-card export, an outline, a mind map, a timeline) into a unit that
    passes check, with comments saying where each part came from.

    \b
    printpack import key-words.txt --out units/revolution.yaml
    printpack import causes.opml --out units/causes.yaml --title "Causes of the Revolution"
    """
    _guarded(debug, lambda: _import(file, out, format_name, unit_id, title, force))


def _import(file: Path, out: Path, format_name: str | None, unit_id: str | None, title: str | None,
            force: bool) -> None:
    importing = _importing()
    if format_name is not None and format_name not in importing.IMPORTERS:
        raise click.BadParameter(f"unknown format {format_name}; choose from {', '.join(importing.IMPORTERS)}",
                                 param_hint="'--format'")
    if out.suffix not in (".yaml", ".yml"):
        raise click.BadParameter(f"printpack reads units from .yaml files; write e.g. {out.with_suffix('.yaml')}",
                                 param_hint="'--out'")
    made_id = unit_id if unit_id is not None else importing.slug(out.stem) or "imported"
    if not importing.is_id(made_id):
        raise click.BadParameter("an id is lowercase letters, digits and hyphens, e.g. french-revolution",
                                 param_hint="'--id'")
    if out.exists() and not force:
        raise click.UsageError(f"{out} already exists; give --force to replace it, or another --out")
    try:
        content = importing.read_bytes(file)
        result = importing.imported(file, content, out, format_name=format_name, unit_id=made_id, title=title)
    except importing.Unreadable as exc:
        _say(exc.located(str(file)))
        sys.exit(1)
    try:
        importing.write(out, result.text, replace=force)
    except FileExistsError:
        raise click.UsageError(f"{out} already exists; give --force to replace it, or another --out") from None
    except OSError as exc:
        raise click.ClickException(f"cannot write {exc.filename or out}: {exc.strerror or exc}") from None
    if result.problems:
        _say(f"wrote {out}, but printpack check finds problems in it (characters the fonts lack, or a bug in "
             f"printpack import); fix them in the unit, then run: printpack check {out}")
        for problem in result.problems:
            _say(str(problem))
        sys.exit(1)
    _say(f"wrote {out} from {result.draft.described} ({importing.counted(result.draft)}); "
         f"read it through, then run: printpack check {out}")


def _importing() -> ModuleType:
    """:mod:`compiler.importers`, for ``import``: the formats, the writer and the check of what
    it wrote (the model, the kinds, the wording). Lazy like :func:`_authoring`, and for the same
    reason: every other command starts with what a no-op build needs."""
    from compiler import importers

    return importers


def _authoring() -> ModuleType:
    """:mod:`compiler.starter`, for ``new`` and ``schema``: with it the model, the kinds and the
    wording load (pydantic, Jinja). The CLI's one lazy import: every other command starts with
    what a no-op build needs, and :mod:`compiler.build` loads the rest when a build needs it."""
    from compiler import starter

    return starter
