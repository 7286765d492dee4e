"""The bundled templates, themes, labels and fonts are found, with the font licence beside them."""

from __future__ import annotations

from compiler.assets import builtin_templates, fonts_dir


def test_bundled_files_are_present() -> None:
    root = builtin_templates()
    assert (root / "themes" / "default.yaml").is_file()
    assert (root / "labels" / "en.yaml").is_file()
    assert (fonts_dir() / "DejaVuSans.ttf").is_file()
    assert "Bitstream" in (fonts_dir() / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
