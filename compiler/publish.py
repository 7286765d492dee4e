"""What people open: ``output/index.html`` and the first-page pictures it shows.

The manifest (:mod:`compiler.manifest`) is the machines' record; this module turns it into the
index page, in the wording of the templates. Each picture is drawn from a PDF with pypdfium2 and
is written only into a real ``thumbnails/`` folder of the output folder, never through a link.

:func:`merge` makes one site of the output folders of a sharded build (``--shard K/N``): their
units, pictures, one manifest and one index page, written beside the site and swapped in whole.
"""

from __future__ import annotations

import glob
import io
import os
import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pypdfium2
from markupsafe import Markup

from compiler import __version__, fingerprint, manifest, markup
from compiler.errors import Problem, ProblemsFound
from compiler.fsio import Refused, UnsafePath, confined, replace_folder, write_atomically
from compiler.kinds import KINDS
from compiler.lock import LOCK, output_lock
from compiler.manifest import MANIFEST, THUMBNAILS, Entry, UnitEntry, in_unit_folder
from compiler.profiles import PROFILES, STANDARD, standard_filename
from compiler.report import BuildReport, OutputRecord, UnitRecord
from compiler.theme import MM, PAPER
from compiler.wording import Wording

if TYPE_CHECKING:
    from collections.abc import Mapping

INDEX = "index.html"
# Beside a merged site SITE: .SITE.merging-<random> (being written), .SITE.old-<random> (moved aside).
_STAGING, _OLD = "merging", "old"


def thumbnail_png(pdf: bytes) -> bytes:
    """A small PNG of the first page of ``pdf``.

    The build makes it in the worker that rendered the PDF (after the render, see
    :func:`compiler.build.scheduling.render_with_picture`), so that pictures for hundreds of files
    are drawn in parallel rather than one by one in the parent (issue 7).
    """
    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        image = page.render(scale=120 / max(page.get_size())).to_pil()
    finally:
        document.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def paper_name(pdf: bytes) -> str:
    """The paper of the first page of ``pdf``, as a print room names it (:func:`named_paper`)."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        width, height = document[0].get_size()
    finally:
        document.close()
    return named_paper(width, height)


def named_paper(width: float, height: float) -> str:
    """"A4", "Letter", "A3" … for a page of one of printpack's papers, either way round (within
    a point); its size in millimetres, short side first, for any other. Paper names are the
    same in every language the catalogues hold, so they are not words of a template."""
    short, long = sorted((width, height))
    for name, (w, h) in PAPER.items():
        if abs(w - short) < 1 and abs(h - long) < 1:
            return name.upper() if name.startswith("a") else name.capitalize()
    return f"{short / MM:.0f} × {long / MM:.0f} mm"


def thumbnail_name(path: str) -> str:
    """The file name of the picture of the output at ``path`` (relative to the output folder).

    The unit's folder and the file name are joined by a ``.``, which no unit id holds, so two
    outputs never share a picture (``--`` did: unit ``a``'s ``worksheet-w--worksheet-key.pdf``
    and unit ``a--worksheet-w``'s ``worksheet-key.pdf``)."""
    return f"{path.replace('/', '.', 1)}.png"


def thumbnail_path(path: str) -> str:
    """Where the picture of the output at ``path`` (relative to the output folder) goes."""
    return f"{THUMBNAILS}/{thumbnail_name(path)}"


def thumbnails_folder(out: Path) -> Path | None:
    """``out/thumbnails``, or None when it is a symbolic link (or not a folder): printpack
    writes pictures only into a real folder of its own inside ``out``."""
    folder = out / THUMBNAILS
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        return None
    return folder


def _thumbnail(out: Path, entry: Entry, warnings: list[Problem]) -> str | None:
    """The picture of the file's first page, made now if the build did not leave a current one.
    A file that cannot be drawn (not a PDF, cut short: the manifest may name any file of a unit's
    folder) has no picture, and a warning says so."""
    folder = thumbnails_folder(out)
    pdf = out / entry.path
    if folder is None or not in_unit_folder(out, entry.unit, entry.path):
        return None
    png = folder / thumbnail_name(entry.path)
    try:
        if not png.is_file() or png.stat().st_mtime < pdf.stat().st_mtime:
            picture = thumbnail_png(pdf.read_bytes())
            if picture is None:
                return None
            write_atomically(png, picture, root=out)  # thumbnails/ may have become a link meanwhile
    except (UnsafePath, Refused) as exc:
        warnings.append(Problem(str(folder), 0, 0, "", f"no picture was written: {exc}",
                                f"remove it if it is a link; printpack makes its own {THUMBNAILS} folder"))
        return None
    except Exception as exc:  # noqa: BLE001 - pypdfium2 raises several kinds on a broken file
        warnings.append(Problem(str(pdf), 0, 0, "", f"has no picture on the index page: it cannot be drawn "
                                f"({type(exc).__name__})", "build its unit again, or delete the file"))
        return None
    return png.relative_to(out).as_posix()


def kind_name(kind: str, wording: Wording) -> str:
    """What the index page calls a file of ``kind``, in the language of ``wording``: the
    ``kind_name`` macro of the kind's template (``Handout``, ``Хронология``), or the kind's
    registry name for a kind that is not registered or whose template has no such macro."""
    entry = KINDS.get(kind)
    if entry is None:
        return kind
    try:
        return Markup(wording.phrase(entry.template, "kind_name"))
    except ProblemsFound:
        return kind


def _file_card(out: Path, entry: Entry, wording: Wording, warnings: list[Problem]) -> dict[str, Any]:
    """What the index page shows of one file. A file recorded before titles and papers were
    (an old manifest, a kept file) is called by its kind and shows no paper."""
    name = entry.path.split("/", 1)[1]
    return {"path": entry.path, "name": name, "title": entry.title or f"{kind_name(entry.kind, wording)} ({name})",
            "paper": entry.paper, "pages": entry.pages, "size": f"{entry.bytes / 1024:.0f} KB",
            "printing": entry.printing, "thumbnail": _thumbnail(out, entry, warnings)}


def _profile_versions(entries: dict[str, Entry]) -> dict[str, list[dict[str, str]]]:
    """The files of other print profiles beside each standard file they are a version of
    (``handout-large-print.pdf`` beside ``handout.pdf``), in the registry's order of profiles;
    a profile's file whose standard file is not there gets a card of its own."""
    versions: dict[str, list[dict[str, str]]] = {}
    order = list(PROFILES)
    for path, entry in sorted(entries.items(), key=lambda item: (order.index(item[1].profile)
                                                                  if item[1].profile in order else 0, item[0])):
        if entry.profile == STANDARD or entry.profile not in order:
            continue
        folder, name = path.rsplit("/", 1)
        standard = f"{folder}/{standard_filename(name, entry.profile)}"
        if standard in entries and entries[standard].profile == STANDARD:
            versions.setdefault(standard, []).append({"profile": entry.profile, "path": path})
    return versions


def write_index(out: Path, entries: dict[str, Entry], wording: Wording,
                titles: dict[str, str] | None = None, languages: dict[str, str] | None = None) -> list[Problem]:
    """``output/index.html``: every unit (by title) with its PDFs, the class's apart from the
    teacher's, their pages, sizes and first-page pictures, in the language of ``wording`` (a unit in another language is marked with its
    own); a warning when the pictures could not be placed."""
    units: dict[str, dict[str, list[dict[str, Any]]]] = {}  # unit: audience: files
    warnings: list[Problem] = []
    present = {path: entry for path, entry in entries.items()
               if in_unit_folder(out, entry.unit, path) and (out / path).is_file()}
    versions = _profile_versions(present)
    beside = {version["path"] for listed in versions.values() for version in listed}  # shown on their standard file's card
    for path in sorted(present, key=lambda p: (present[p].audience != "student", p)):
        entry = present[path]
        if path in beside:
            continue
        card = _file_card(out, entry, wording, warnings)
        units.setdefault(entry.unit, {}).setdefault(entry.audience, []).append(
            {**card, "versions": versions.get(path, []), "profile": entry.profile})
    units = dict(sorted(units.items(), key=lambda item: (markup.plain((titles or {}).get(item[0]) or item[0]).casefold(),
                                                           item[0])))
    names = {unit: markup.html((titles or {}).get(unit) or unit) for unit in units}
    lang = {unit: (languages or {}).get(unit, wording.language) for unit in units}
    html = wording.render("index.html.j2", units=units, names=names, generator=f"printpack {__version__}",
                          lang=wording.language, languages=lang)
    write_atomically(out / INDEX, html.encode("utf-8"))
    if thumbnails_folder(out) is None:
        warnings.append(Problem(str(out / THUMBNAILS), 0, 0, "", "is a symbolic link or not a folder: no pictures "
                                "were written", f"remove it; printpack makes its own {THUMBNAILS} folder"))
    return warnings


def index_wording(templates: Path | None, languages: Mapping[str, str]) -> Wording:
    """The wording of an index page listing units in ``languages``: theirs when they share one,
    English when they differ."""
    shared = set(languages.values())
    return Wording(templates, shared.pop() if len(shared) == 1 else "en")


def merge(folders: Sequence[Path], out: Path, templates: Path | None = None,
          notice: Callable[[str], None] | None = None) -> BuildReport:
    """Make ``out`` one site of the output folders of a sharded build: every unit's folder and
    pictures, one manifest, one index page (worded with the ``templates`` folder, if any). The
    report holds the problems that stopped it (then ``out`` is as it was), the warnings (a shard
    folder skipped, the index page's), and a record of each unit merged.

    A shard's manifest is read as untrusted (an artifact may come from anywhere): an entry that
    is not a file in its unit's folder (``..``, an absolute path, a link out) or whose file is
    not what the manifest says is refused, and so is a unit that two shards made differently.
    A shard folder that is missing or holds no manifest (a shard with no unit, or whose every
    unit failed: its build already failed) is skipped with a warning. The site is written into
    a new folder beside ``out`` and swapped in whole (:func:`compiler.fsio.replace_folder`),
    holding ``out``'s lock as a build does (``notice`` hears for whom it waits)."""
    files: dict[str, tuple[Path, Entry]] = {}  # path: (shard, entry)
    units: dict[str, tuple[Path, UnitEntry]] = {}  # unit id: (shard, record)
    problems: list[Problem] = []
    skipped: list[Problem] = []
    for folder in folders:
        warning = _skipped(folder)
        if warning is None:
            problems += _merge_shard(folder, out, files, units)
        else:
            skipped.append(warning)
    problems += _refuse_output_folder(out, folders)
    if len(skipped) == len(folders):
        problems.append(Problem(str(folders[0]) if folders else str(out), 0, 0, "", "no folder to merge has a "
                                f"{MANIFEST}: the site would be empty, so {out} is left as it was",
                                "give the folders that `printpack build --shard K/N --out FOLDER` wrote"))
    if problems:
        return BuildReport(problems=problems, warnings=skipped)
    with output_lock(out, notice):
        warnings = _write_site(out, files, units, templates)
    merged = [UnitRecord(record.file, unit, tuple(OutputRecord(unit, files[p][1].kind, p, "unchanged", 0.0,
                                                               files[p][1].pages) for p in record.outputs))
              for unit, (_, record) in sorted(units.items())]
    return BuildReport(merged, warnings=[*skipped, *warnings])


def _skipped(folder: Path) -> Problem | None:
    """The warning that skips a shard folder that is missing or has no manifest, or None."""
    if (folder / MANIFEST).is_file():
        return None
    what = "does not exist" if not folder.exists() else f"has no {MANIFEST}"
    return Problem(str(folder), 0, 0, "", f"{what}: skipped (a shard that had no unit to build, or whose every "
                   "unit failed)", "see that shard's build for why; the site holds the other shards' units")


def _write_site(out: Path, files: dict[str, tuple[Path, Entry]], units: dict[str, tuple[Path, UnitEntry]],
                templates: Path | None) -> list[Problem]:
    """Write the site into a new folder beside ``out`` and swap it in (holding ``out``'s lock);
    the index page's warnings, named as in ``out``."""
    _remove_stale_sites(out)
    staging = _beside(out, _STAGING)
    staging.mkdir()  # the umask applies, as to a build's folder (mkdtemp would make it 0700)
    try:
        for path, (folder, entry) in sorted(files.items()):
            _copy(folder, staging, entry.path)
            picture = folder / thumbnail_path(path)
            if thumbnails_folder(folder) is not None and picture.is_file() and not picture.is_symlink():
                _copy(folder, staging, thumbnail_path(path))
        entries = {path: entry for path, (_, entry) in files.items()}
        records = {record.file: record for _, record in units.values()}
        manifest.write(staging, entries, records)
        titles = {record.unit: record.title for record in records.values()}
        languages = {record.unit: record.language for record in records.values()}
        warnings = write_index(staging, entries, index_wording(templates, languages), titles, languages)
        replace_folder(staging, out, _beside(out, _OLD))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _remove_stale_sites(out)
    return [replace(w, file=w.file.replace(str(staging), str(out), 1)) for w in warnings]


def _remove_stale_sites(out: Path) -> None:
    """Delete the folders a merge into ``out`` killed by SIGKILL (or a power cut) left beside
    it: a site being written, or the previous site moved aside. Called holding ``out``'s lock,
    so no other merge into ``out`` is writing one."""
    for role in (_STAGING, _OLD):
        for stale in out.parent.glob(f"{glob.escape(f'.{out.name}.{role}-')}*"):
            if re.fullmatch(r"[0-9a-f]{16}", stale.name.rpartition("-")[2]) and stale.is_dir() and not stale.is_symlink():
                shutil.rmtree(stale, ignore_errors=True)


def _beside(out: Path, role: str) -> Path:
    """A new name beside ``out`` for a site being written or moved aside."""
    return out.parent / f".{out.name}.{role}-{os.urandom(8).hex()}"


def _merge_shard(folder: Path, out: Path, files: dict[str, tuple[Path, Entry]],
                 units: dict[str, tuple[Path, UnitEntry]]) -> list[Problem]:
    """Add one shard's files and units to those merged so far; the problems that forbid it."""
    where = str(folder / MANIFEST)
    recorded = manifest.load(folder)
    problems = [Problem(w.file, 0, 0, "", f"cannot be merged: {w.message}", "build this shard again with "
                        "printpack, and merge only the folders it writes") for w in recorded.warnings]
    for path, entry in sorted(recorded.files.items()):
        if _digest(folder / path) != entry.sha256:
            problems.append(Problem(where, 0, 0, "", f"{path} is not the file the manifest records (missing or changed "
                                    "since it was built)", "build this shard again; never edit its folder"))
    for record in recorded.units.values():
        listed = [p for p in record.outputs if p not in recorded.files]
        if listed:
            problems.append(Problem(where, 0, 0, "", f"unit '{record.unit}' lists {listed[0]}, which the manifest "
                                    "does not record", "build this shard again"))
            continue
        mine = {p: recorded.files[p].sha256 for p in record.outputs}
        moved = replace(record, file=_moved_key(record.file, folder, out))
        earlier = units.get(record.unit)
        if earlier is not None:
            theirs = {p: files[p][1].sha256 for p in earlier[1].outputs}
            if theirs != mine:
                problems.append(_conflict(where, record.unit, earlier[0], theirs, mine))
            continue
        sharing = next((other for other in units.values() if other[1].file == moved.file), None)
        if sharing is not None:
            problems.append(Problem(where, 0, 0, "", f"unit '{record.unit}' is recorded as built from "
                                    f"{record.file}, as unit '{sharing[1].unit}' is in {sharing[0] / MANIFEST}",
                                    "build this shard again; one unit file makes one unit"))
            continue
        units[record.unit] = (folder, moved)
        files.update((p, (folder, recorded.files[p])) for p in record.outputs)
    return problems


def _conflict(where: str, unit: str, other: Path, theirs: dict[str, str], mine: dict[str, str]) -> Problem:
    """Two shards made the same unit with different files: which files differ."""
    differ = sorted(p for p in theirs.keys() | mine.keys() if theirs.get(p) != mine.get(p))
    shown = ", ".join(differ[:3]) + (f" and {len(differ) - 3} more" if len(differ) > 3 else "")
    return Problem(where, 0, 0, "", f"unit '{unit}' is also in {other / MANIFEST} with different files ({shown})",
                   "build each unit in one shard only, every shard from the same commit and with the same "
                   "options (the same N in --shard K/N)")


def _moved_key(key: str, folder: Path, out: Path) -> str:
    """A manifest's unit-file key (relative to ``folder``) made relative to ``out``."""
    return manifest.source_key(Path(os.path.normpath(folder.resolve() / key)), out)


def _refuse_output_folder(out: Path, folders: Sequence[Path]) -> list[Problem]:
    """The site replaces ``out`` whole: refuse a folder printpack did not write (a file, a link,
    a folder without a manifest that holds anything) and a shard's own folder."""
    hint = "give --out a new folder, or one an earlier merge or build wrote"
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        return [Problem(str(out), 0, 0, "", "is a file or a symbolic link, not a folder to write the site in", hint)]
    if out.is_dir() and not (out / MANIFEST).is_file() and any(p.name != LOCK for p in out.iterdir()):
        return [Problem(str(out), 0, 0, "", f"holds files but no {MANIFEST}: printpack would replace a folder "
                        "it did not write", hint)]
    if out.resolve() in {f.resolve() for f in folders}:
        return [Problem(str(out), 0, 0, "", "is one of the folders to merge", hint)]
    return []


def _digest(path: Path) -> str | None:
    try:
        return fingerprint.digest(path.read_bytes())
    except OSError:
        return None


def _copy(folder: Path, staging: Path, relative: str) -> None:
    """Copy ``folder/relative`` (checked: no link, no ``..``) to the same place in ``staging``,
    keeping its time (a picture stays newer than its PDF)."""
    source = confined(folder, *relative.split("/"))
    if source.is_symlink():
        raise UnsafePath(f"{source} is a symbolic link, which printpack does not copy")
    target = staging.joinpath(*relative.split("/"))
    target.parent.mkdir(exist_ok=True)
    shutil.copy2(source, target, follow_symlinks=False)
