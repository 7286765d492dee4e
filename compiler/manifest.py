"""``output/manifest.json`` and ``output/index.html``: every file built, for machines and people.

The manifest lists each file with its unit, kind, pages, size, hash and inputs.
It doubles as the incremental build's memory: an output whose recorded inputs hash and
template hashes still match, and whose file on disk still has the recorded hash, is skipped.
"""

from __future__ import annotations

import io
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from compiler import __version__, markup
from compiler.fsio import write_atomically

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Entry:
    path: str  # relative to the output folder, with forward slashes
    unit: str
    kind: str
    pages: int
    bytes: int
    sha256: str
    inputs: str
    templates: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class UnitEntry:
    """A unit file as last built: its hash, the context it was built in and the files it made."""

    file: str
    unit: str
    sha256: str
    context: str
    outputs: list[str]
    title: str = ""  # the unit's title as written in the unit (inline markup and all), for the index page


def _document(out: Path) -> dict[str, Any]:
    try:
        raw = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return raw if isinstance(raw, dict) else {}


def read(out: Path) -> dict[str, Entry]:
    """The entries of the manifest in ``out``; empty when there is none or it is unreadable."""
    try:
        return {item["path"]: Entry(**item) for item in _document(out).get("files", [])}
    except (TypeError, KeyError):
        return {}


def read_units(out: Path) -> dict[str, UnitEntry]:
    """The unit files the last builds recorded, by path; empty when unreadable."""
    try:
        return {item["file"]: UnitEntry(**item) for item in _document(out).get("units", [])}
    except (TypeError, KeyError):
        return {}


def write(out: Path, entries: dict[str, Entry], units: dict[str, UnitEntry] | None = None) -> None:
    """Write the manifest, keeping only entries whose file still exists."""
    files = [asdict(entries[p]) for p in sorted(entries) if (out / p).is_file()]
    recorded = [asdict(units[k]) for k in sorted(units or {})]
    document = {"generator": f"printpack {__version__}", "files": files, "units": recorded}
    write_atomically(out / MANIFEST, (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode())


INDEX = "index.html"
THUMBNAILS = "thumbnails"


def thumbnail_png(pdf: bytes) -> bytes | None:
    """A small PNG of the first page of ``pdf``, when pypdfium2 is installed; None otherwise.

    The build makes it in the worker that rendered the PDF, so that pictures for hundreds of
    files are drawn in parallel rather than one by one in the parent (issue 7).
    """
    try:
        import pypdfium2  # optional: the index simply has no pictures without it
    except ImportError:
        return None
    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        image = page.render(scale=120 / max(page.get_size())).to_pil()
    finally:
        document.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def thumbnail_path(path: str) -> str:
    """Where the picture of the output at ``path`` (relative to the output folder) goes."""
    return f"{THUMBNAILS}/{path.replace('/', '--')}.png"


def _thumbnail(out: Path, entry: Entry) -> str | None:
    """The picture of the file's first page, made now if the build did not leave a current one."""
    pdf = out / entry.path
    png = out / thumbnail_path(entry.path)
    if not png.is_file() or png.stat().st_mtime < pdf.stat().st_mtime:
        picture = thumbnail_png(pdf.read_bytes())
        if picture is None:
            return None
        write_atomically(png, picture)
    return png.relative_to(out).as_posix()


def write_index(out: Path, entries: dict[str, Entry], wording: Any, titles: dict[str, str] | None = None) -> None:
    """``output/index.html``: every unit (by title) with its PDFs, pages, sizes and first-page pictures."""
    units: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(entries):
        entry = entries[path]
        if (out / path).is_file():
            units.setdefault(entry.unit, []).append({
                "path": path, "name": path.split("/", 1)[1], "kind": entry.kind, "pages": entry.pages,
                "size": f"{entry.bytes / 1024:.0f} KB", "thumbnail": _thumbnail(out, entry),
            })
    names = {unit: markup.html((titles or {}).get(unit) or unit) for unit in units}
    html = wording.render("index.html.j2", units=units, names=names, generator=f"printpack {__version__}")
    write_atomically(out / INDEX, html.encode("utf-8"))
