"""Template files recorded in the manifest are read only inside the template folders."""

from __future__ import annotations

import json
import os
from pathlib import Path

from compiler.assets import builtin_templates
from compiler.fingerprint import MAX_TEMPLATE_BYTES, digest, templates_unchanged
from tests.build import run


def test_a_recorded_template_outside_the_template_folders_counts_as_changed(unit_file, tmp_path: Path) -> None:
    """A manifest edited to name a file outside the built-in and --templates folders (with its
    right hash) must not make an output "unchanged": the path is not trusted, so it is rebuilt."""
    unit, out, templates = unit_file(), tmp_path / "out", tmp_path / "templates"
    templates.mkdir()
    assert run([unit], out, templates=templates).ok
    outside = tmp_path / "elsewhere.j2"
    outside.write_text("{{ 1 }}", encoding="utf-8")
    document = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    (entry,) = document["files"]
    entry["templates"][str(outside)] = digest(outside.read_bytes())
    (out / "manifest.json").write_text(json.dumps(document), encoding="utf-8")
    again = run([unit], out, templates=templates)
    assert again.ok and again.count("built") == 1 and again.count("unchanged") == 0
    assert run([unit], out, templates=templates).count("unchanged") == 1


def test_a_recorded_template_that_is_no_small_regular_file_is_never_read(tmp_path: Path) -> None:
    """A FIFO would block the build for ever, /dev/zero exhaust its memory: neither is opened."""
    templates = tmp_path / "templates"
    templates.mkdir()
    os.mkfifo(templates / "fifo.j2")
    with (templates / "huge.j2").open("wb") as stream:
        stream.truncate(MAX_TEMPLATE_BYTES + 1)  # sparse: costs no disk
    (templates / "zero.j2").symlink_to("/dev/zero")
    for path in ("fifo.j2", "huge.j2", "zero.j2"):
        assert not templates_unchanged({str(templates / path): "0" * 64}, templates)
    assert not templates_unchanged({"/dev/zero": "0" * 64}, templates)
    assert not templates_unchanged({str(templates / "a\0b.j2"): "absent"}, templates)
    assert not templates_unchanged({str(templates / "\ud800.j2"): "0" * 64}, templates)
    recorded = {str(p): digest(p.read_bytes()) for p in sorted(builtin_templates().glob("*.j2"))[:2]}
    assert recorded and templates_unchanged({**recorded, str(templates / "new.j2"): "absent"}, templates)
