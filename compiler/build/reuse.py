"""What need not be built again: an output, or the whole build, as the last build left it.

An output is reused when its fingerprint (:mod:`compiler.fingerprint`), its templates and its
file's bytes all match the manifest. When every unit file, every output and the build context
(:func:`context_hash`) match, the build is a no-op and :func:`all_unchanged` says so after only
reading and hashing files: no YAML, no pydantic, no Jinja, no ReportLab is imported on this
path, which is what makes the build teachers and CI run most a quick one.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from compiler import assets, fingerprint, manifest
from compiler.build.discovery import unit_bytes
from compiler.build.request import Request
from compiler.errors import ProblemsFound
from compiler.outputs import Settings
from compiler.report import OutputRecord, UnitRecord


def context_hash(settings: Settings) -> str:
    """Everything besides a unit's own file that decides what it builds to: printpack's code,
    the command-line settings and the theme files. Templates are checked output by output."""
    chosen = {"code": assets.code_hash(), "paper": settings.paper, "theme": settings.theme,
              "templates": str(settings.templates), "only": list(settings.only), "versions": settings.versions,
              "poster": settings.poster, "profiles": list(settings.profiles), "themes": fingerprint.theme_files_hash(settings.theme, settings.templates),
              "environment": fingerprint.environment()}
    return fingerprint.digest(json.dumps(chosen, sort_keys=True).encode())


def unchanged(path: Path, entry: manifest.Entry, inputs: str, templates: Path | None) -> bytes | None:
    """The file's bytes if it is exactly what these inputs and templates (``--templates``) produced before."""
    if entry.inputs != inputs or not fingerprint.templates_unchanged(entry.templates, templates):
        return None
    try:
        pdf = path.read_bytes()
    except OSError:
        return None
    return pdf if fingerprint.digest(pdf) == entry.sha256 else None


def all_unchanged(files: list[Path], contents: dict[Path, bytes], request: Request) -> list[UnitRecord] | None:
    """When every unit file, every output and everything else is as the last build left it,
    the records saying so; otherwise None. ``contents`` holds the unit files' bytes read so
    far, and gets those read here."""
    recorded = manifest.load(request.out)
    if recorded.warnings:
        return None  # a full build reports them
    context = context_hash(request.settings)
    records = []
    for file in files:
        record = recorded.units.get(manifest.source_key(file, request.out))
        if record is None or record.context != context:
            return None
        if record.sha256 != _digest_of(file, contents) or not fingerprint.pictures_unchanged(file.parent, record.pictures):
            return None
        outputs = [_unchanged_output(record.unit, path, recorded.files.get(path), request) for path in record.outputs]
        if None in outputs:
            return None
        # said again: the unit's text (slips) and what its files leave out are as they were; the
        # unit's own named as this build names its file
        slips = [replace(w, file=str(file)) for w in record.problems()]
        warnings = tuple(dict.fromkeys([*slips, *(w for path in record.outputs for w in recorded.files[path].problems())]))
        records.append(UnitRecord(str(file), record.unit, tuple(sorted(filter(None, outputs), key=lambda o: o.path)),
                                  warnings=warnings))
    return records


def _digest_of(file: Path, contents: dict[Path, bytes]) -> str | None:
    try:
        return fingerprint.digest(unit_bytes(file, contents))
    except ProblemsFound:
        return None


def _unchanged_output(unit: str, path: str, entry: manifest.Entry | None, request: Request) -> OutputRecord | None:
    """The record of an output that is as the manifest says, or None."""
    if entry is None or unchanged(request.out / path, entry, entry.inputs, request.settings.templates) is None:
        return None
    return OutputRecord(unit, entry.kind, path, "unchanged", 0.0, entry.pages)
