"""Themes are validated; built-ins extend the default; paper is separate."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from compiler.build import Request, build
from compiler.errors import ProblemsFound
from compiler.outputs import Settings
from compiler.theme import MM, PAPER, load_theme, strand_colour, strand_marker
from tests.test_locate import SAMPLE


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
# Every numeric value of a theme, with the range it accepts; the fuzz test draws in and around it.
NUMERIC = {
    ("sizes", "title"): (8, 60), ("sizes", "subtitle"): (6, 36), ("sizes", "heading"): (6, 36),
    ("sizes", "subheading"): (6, 28), ("sizes", "body"): (6, 20), ("sizes", "small"): (5, 16),
    ("leading",): (1.0, 2.5), ("cards", "max_font"): (6, 40), ("cards", "min_font"): (6, 40),
    **{("margins", side): (10 * MM, 50 * MM) for side in ("top", "bottom", "left", "right")},  # 60 each, not both
    **{("cards", size, side): (25 * MM, 200 * MM) for size in ("small", "medium", "large")
       for side in ("width", "height")},
}


@given(st.fixed_dictionaries({key: st.floats(low, high) for key, (low, high) in NUMERIC.items()}),
       st.one_of(st.none(), st.tuples(st.sampled_from(sorted(NUMERIC)), st.sampled_from([0.0, -1.0, 1e9]))),
       st.sampled_from(["a4", "letter"]))
@settings(max_examples=12)
def test_no_theme_values_give_an_internal_error(values: dict[tuple[str, ...], float],
                                                wrong: tuple[tuple[str, ...], float] | None, paper: str) -> None:
    """Any numbers in a theme, within the ranges and with one outside, either build the sample
    unit or give located problems, never a crash."""
    data: dict[str, Any] = {"extends": "default"}
    values[("cards", "min_font")] = min(values[("cards", "min_font")], values[("cards", "max_font")])
    for key, value in {**values, **dict([wrong] if wrong else [])}.items():
        *parents, last = key
        place = data
        for parent in parents:
            place = place.setdefault(parent, {})
        place[last] = round(value, 3)
    with tempfile.TemporaryDirectory() as folder:
        theme, unit = Path(folder) / "theme.yaml", Path(folder) / "unit.yaml"
        theme.write_text(yaml.safe_dump(data), encoding="utf-8")
        unit.write_text(yaml.safe_dump(SAMPLE, allow_unicode=True), encoding="utf-8")
        report = build(Request(paths=(unit,), out=Path(folder) / "out", jobs=1,
                               settings=Settings(theme=str(theme), paper=paper)))
    assert all(p.line > 0 and (p.path or p.file.endswith("theme.yaml")) for p in report.all_problems()), \
        [str(p) for p in report.all_problems()]


@pytest.mark.parametrize(("theme", "where", "message"), [
    ("cards: {medium: {width: 0, height: 30mm}}", ":2:25: cards.medium.width", "a card's side must be from 25mm"),
    ("margins: {left: 60mm, right: 60mm}", ":2:30: margins.right", "the left and right margins leave 90mm"),
    ("margins: {top: 55mm, bottom: 70mm}", ":2:30: margins.bottom", "a margin must be from 10mm to 60mm"),
    ("sizes: {body: 200}", ":2:15: sizes.body", "must be at most 20"),
    ("sizes: {small: -3}", ":2:16: sizes.small", "must be at least 5"),
    ("markers: ['<b', '■', '▲', '◆']", ":2:11: markers[0]", "a marker is a symbol such as ● or ■"),
    ("cards: {max_font: 10, min_font: 12}", ":2:33: cards.min_font", "min_font (12) is above max_font (10)"),
    ("leading: 40", ":2:10: leading", "must be at most 2.5"),
])
def test_theme_values_that_would_break_drawing_are_located(tmp_path: Path, theme: str, where: str,
                                                           message: str) -> None:
    path = tmp_path / "school.yaml"
    path.write_text(f"extends: default\n{theme}\n", encoding="utf-8")
    with pytest.raises(ProblemsFound) as caught:
        load_theme(str(path))
    shown = [str(p) for p in caught.value.problems]
    assert any(f"{where}: {message}" in s for s in shown), shown


def test_extends_takes_a_path_from_the_theme_files_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    school = tmp_path / "school" / "themes"
    (school / "base").mkdir(parents=True)
    (school / "base" / "house.yaml").write_text('extends: default\ncolours: {accent: "#123456"}\n', encoding="utf-8")
    (school / "history.yaml").write_text('extends: base/house.yaml\nsizes: {body: 11}\n', encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    theme = load_theme(str(school / "history.yaml"))
    assert theme.colours.accent == "#123456" and theme.sizes.body == 11
    (school / "broken.yaml").write_text("extends: base/gone.yaml\n", encoding="utf-8")
    with pytest.raises(ProblemsFound) as caught:
        load_theme(str(school / "broken.yaml"))
    assert str(caught.value.problems[0]).startswith(
        f"{school / 'broken.yaml'}:1:10: extends: no theme 'base/gone.yaml' ({school / 'base' / 'gone.yaml'} does not exist)")


def test_a_theme_linked_from_outside_the_templates_folder_is_refused(tmp_path: Path) -> None:
    outside, templates = tmp_path / "outside", tmp_path / "tpl"
    outside.mkdir()
    (templates / "themes").mkdir(parents=True)
    (outside / "secret.yaml").write_text("name: secret\n", encoding="utf-8")
    (templates / "themes" / "mine.yaml").symlink_to(outside / "secret.yaml")
    with pytest.raises(ProblemsFound) as caught:
        load_theme("mine", templates)
    (problem,) = caught.value.problems
    assert problem.file == str(templates / "themes" / "mine.yaml")
    assert problem.message == f"the theme is a link to {outside / 'secret.yaml'}, outside the templates folder {templates}"


@pytest.mark.parametrize("extends", ["{secret}", "../../outside/secret.yaml", "../../outside/secret",
                                     "link.yaml"])
def test_extends_may_not_read_a_file_outside_the_themes_folder(tmp_path: Path, extends: str) -> None:
    outside, templates = tmp_path / "outside", tmp_path / "tpl"
    outside.mkdir()
    (templates / "themes").mkdir(parents=True)
    secret = outside / "secret.yaml"
    secret.write_text("api_token: hunter2SECRET\n", encoding="utf-8")
    (templates / "themes" / "link.yaml").symlink_to(secret)
    (templates / "themes" / "school.yaml").write_text(f"extends: {extends.format(secret=secret)}\n", encoding="utf-8")
    with pytest.raises(ProblemsFound) as caught:
        load_theme("school", templates)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.path) == (str(templates / "themes" / "school.yaml"), 1, "extends")
    assert "hunter2" not in str(problem) and "api_token" not in str(problem)
    reason = {"{secret}": "is an absolute path", "link.yaml": "is a link to a file outside this theme's folder"}
    assert reason.get(extends, "leaves this theme's folder" if ".yaml" in extends else "is not a theme's name") \
        in problem.message


def test_a_theme_given_on_the_command_line_extends_a_file_beside_it(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text('extends: print-friendly\nsizes: {body: 12}\n', encoding="utf-8")
    (tmp_path / "mine.yaml").write_text("extends: base.yaml\n", encoding="utf-8")
    theme = load_theme(str(tmp_path / "mine.yaml"))
    assert theme.sizes.body == 12 and theme.colours.band == load_theme("print-friendly").colours.band
