"""What people open: ``output/index.html`` and the first-page pictures it shows.

The manifest (:mod:`compiler.manifest`) is the machines' record; this module turns it into the
index page, in the wording of the templates. Each picture is drawn from a PDF with pypdfium2 and
is written only into a real ``thumbnails/`` folder of the output folder, never through a link.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pypdfium2
from markupsafe import Markup

from compiler import __version__, markup
from compiler.errors import Problem, ProblemsFound
from compiler.fsio import Refused, UnsafePath, write_atomically
from compiler.kinds import KINDS
from compiler.manifest import THUMBNAILS, Entry, in_unit_folder

if TYPE_CHECKING:
    from compiler.wording import Wording

INDEX = "index.html"


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


def write_index(out: Path, entries: dict[str, Entry], wording: Wording,
                titles: dict[str, str] | None = None, languages: dict[str, str] | None = None) -> list[Problem]:
    """``output/index.html``: every unit (by title) with its PDFs, the class's apart from the
    teacher's, their pages, sizes and first-page pictures, in the language of ``wording`` (a unit in another language is marked with its
    own); a warning when the pictures could not be placed."""
    units: dict[str, dict[str, list[dict[str, Any]]]] = {}  # unit: audience: files
    warnings: list[Problem] = []
    for path in sorted(entries, key=lambda p: (entries[p].audience != "student", p)):
        entry = entries[path]
        if in_unit_folder(out, entry.unit, path) and (out / path).is_file():
            units.setdefault(entry.unit, {}).setdefault(entry.audience, []).append({
                "path": path, "name": path.split("/", 1)[1], "kind": kind_name(entry.kind, wording), "pages": entry.pages,
                "size": f"{entry.bytes / 1024:.0f} KB", "thumbnail": _thumbnail(out, entry, warnings),
            })
    names = {unit: markup.html((titles or {}).get(unit) or unit) for unit in units}
    lang = {unit: (languages or {}).get(unit, wording.language) for unit in units}
    html = wording.render("index.html.j2", units=units, names=names, generator=f"printpack {__version__}",
                          lang=wording.language, languages=lang)
    write_atomically(out / INDEX, html.encode("utf-8"))
    if thumbnails_folder(out) is None:
        warnings.append(Problem(str(out / THUMBNAILS), 0, 0, "", "is a symbolic link or not a folder: no pictures "
                                "were written", f"remove it; printpack makes its own {THUMBNAILS} folder"))
    return warnings
