"""Themes are validated; built-ins extend the default; paper is separate."""

from __future__ import annotations

from pathlib import Path

import pytest

from compiler.errors import ProblemsFound
from compiler.theme import MM, PAPER, load_theme, strand_colour, strand_marker


def test_default_theme_sets_every_value() -> None:
    theme = load_theme()
    assert theme.fonts.body == "DejaVuSerif"
    assert theme.margins.left >= 10 * MM


def test_a_theme_extends_another_and_changes_only_what_it_sets() -> None:
    default, friendly = load_theme(), load_theme("print-friendly")
    assert friendly.name == "print-friendly"
    assert friendly.colours.band != default.colours.band
    assert friendly.sizes == default.sizes


def test_a_user_theme_file_with_mistakes_gives_located_problems(tmp_path: Path) -> None:
    path = tmp_path / "school.yaml"
    path.write_text('extends: default\ncolours:\n  accent: red\nmargins:\n  left: 5mm\nfontz: {}\n', encoding="utf-8")
    with pytest.raises(ProblemsFound) as caught:
        load_theme(str(path))
    shown = [str(p) for p in caught.value.problems]
    assert any(":3:11: colours.accent:" in s for s in shown)
    assert any(":5:9: margins.left: office printers need margins of at least 10mm" in s for s in shown)
    assert any(":6:1: fontz: unknown key 'fontz' — did you mean 'fonts'?" in s for s in shown)


def test_an_unknown_theme_name_lists_the_built_ins() -> None:
    with pytest.raises(ProblemsFound, match="built-in themes: default, print-friendly"):
        load_theme("nope")


def test_paper_sizes() -> None:
    assert PAPER["letter"] == (612.0, 792.0)
    assert round(PAPER["a4"][0]) == 595 and round(PAPER["a4"][1]) == 842


def test_strands_cycle_colours_and_markers() -> None:
    theme = load_theme()
    assert strand_colour(theme, 0, None) == theme.palette[0]
    assert strand_colour(theme, 0, "#abc") == "#aabbcc"
    assert strand_marker(theme, len(theme.markers)) == theme.markers[0]


def test_the_default_theme_tells_many_strands_apart() -> None:
    theme = load_theme()
    pairs = {(strand_colour(theme, i, None), strand_marker(theme, i)) for i in range(40)}
    assert len(pairs) == 40
    assert len(set(theme.palette)) == len(theme.palette) >= 12


def test_a_marker_the_marker_font_cannot_draw_is_a_located_problem(tmp_path: Path) -> None:
    path = tmp_path / "school.yaml"
    path.write_text('extends: default\nmarkers: ["●", "■", "中", "◆"]\n', encoding="utf-8")
    with pytest.raises(ProblemsFound) as caught:
        load_theme(str(path))
    (problem,) = caught.value.problems
    assert (problem.line, problem.path) == (2, "markers[2]")
    assert problem.message.startswith("the marker '中' cannot be drawn: the marker font DejaVuSans has no '中' (U+4E2D)")
