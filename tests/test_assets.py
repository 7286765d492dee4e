"""The bundled templates, themes, labels and fonts are found, with the font licence beside them."""

from __future__ import annotations

import importlib.metadata

from compiler import assets
from compiler.assets import builtin_templates, fonts_dir
from compiler.build import Request, build


def test_bundled_files_are_present() -> None:
    root = builtin_templates()
    assert (root / "themes" / "default.yaml").is_file()
    assert (root / "labels" / "en.yaml").is_file()
    assert (fonts_dir() / "DejaVuSans.ttf").is_file()
    assert "Bitstream" in (fonts_dir() / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")


def test_outputs_drawn_with_another_version_of_a_library_are_rebuilt(unit_file, tmp_path, monkeypatch) -> None:
    """Upgrading ReportLab (or Babel, pypdf…) can change the bytes: nothing drawn before is reused."""
    unit, out = unit_file(), tmp_path / "out"
    assert build(Request(paths=(unit,), out=out)).ok
    assert build(Request(paths=(unit,), out=out)).count("built") == 0
    installed = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version",
                        lambda name: "0.0.1" if name == "reportlab" else installed(name))
    assets.own_code_hash.cache_clear()
    try:
        assert build(Request(paths=(unit,), out=out)).count("unchanged") == 0
    finally:
        assets.own_code_hash.cache_clear()
