"""``output/manifest.json``: every file built, with its unit, kind, pages, size, hash and inputs.

It doubles as the incremental build's memory: an output whose recorded inputs hash and
template hashes still match, and whose file on disk still has the recorded hash, is skipped.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from compiler import __version__
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


def read(out: Path) -> dict[str, Entry]:
    """The entries of the manifest in ``out``; empty when there is none or it is unreadable."""
    try:
        raw = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        return {item["path"]: Entry(**item) for item in raw.get("files", [])}
    except (OSError, ValueError, TypeError, KeyError):
        return {}


def write(out: Path, entries: dict[str, Entry]) -> None:
    """Write the manifest, keeping only entries whose file still exists."""
    files = [asdict(entries[p]) for p in sorted(entries) if (out / p).is_file()]
    document = {"generator": f"printpack {__version__}", "files": files}
    write_atomically(out / MANIFEST, (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode())
