"""Units read as check reads them: located problems, duplicate ids, fonts, names, drafts."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from compiler import markup
from compiler.build import Request, build, check
from compiler.outputs import Settings
from tests.build import run
from tests.conftest import SMALL_UNIT


def test_two_units_with_one_id_are_reported(unit_file, tmp_path: Path) -> None:
    first = unit_file(name="a/one.yaml")
    unit_file(name="a/two.yaml")
    report = run([first.parent], tmp_path / "out")
    (problem,) = report.all_problems()
    assert "unit id 'small' is also used by" in problem.message


def test_a_label_catalogue_with_a_mistake_is_a_located_problem(unit_file, tmp_path: Path) -> None:
    from compiler.assets import builtin_templates

    templates = tmp_path / "templates" / "labels"
    templates.mkdir(parents=True)
    english = (builtin_templates() / "labels" / "en.yaml").read_text(encoding="utf-8")
    (templates / "fr.yaml").write_text(english.replace("{columns}", "{colums}"), encoding="utf-8")
    unit = unit_file(SMALL_UNIT.replace("  licence: CC BY 4.0", "  licence: CC BY 4.0\n  language: fr"))
    report = build(Request(paths=(unit,), out=tmp_path / "out", jobs=2, settings=Settings(templates=templates.parent)))
    (problem,) = report.all_problems()
    assert problem.file.endswith("fr.yaml") and "the placeholder {colums} is not one" in problem.message


def test_a_title_the_fonts_cannot_print_fails_its_unit_located_and_others_still_build(unit_file, tmp_path: Path) -> None:
    good = unit_file(name="units/good.yaml")
    cjk = unit_file(SMALL_UNIT.replace("id: small", "id: cjk").replace("title: A small unit", "title: 冷战 1945"),
                    name="units/cjk.yaml")
    out = tmp_path / "out"
    for report in (check(Request(paths=(good.parent,), out=out)), run([good.parent], out)):
        (problem,) = report.all_problems()
        assert str(problem).startswith(f"{cjk}:4:10: unit.title: the character '冷' (U+51B7) and 1 other character "
                                       "cannot be printed with the theme's fonts — ")
    assert (out / "small" / "handout.pdf").is_file()
    assert not (out / "cjk").exists()


def test_the_fonts_checked_are_the_theme_s(unit_file, tmp_path: Path) -> None:
    """A tick is in DejaVu Sans, not in DejaVu Serif: it fails the default theme and prints with an all-sans one."""
    unit = unit_file(SMALL_UNIT.replace("title: A small unit", "title: Checked ✓"))
    theme = tmp_path / "sans.yaml"
    theme.write_text("extends: default\nfonts: {body: DejaVuSans}\n", encoding="utf-8")
    assert [p.path for p in run([unit], tmp_path / "serif").all_problems()] == ["unit.title"]
    assert run([unit], tmp_path / "sans", theme=str(theme)).ok
    first_page = PdfReader(tmp_path / "sans" / "small" / "handout.pdf").pages[0].extract_text()
    assert "Checked ✓" in first_page


def test_clashing_output_names_fail_the_unit_in_check_and_build(unit_file, tmp_path: Path) -> None:
    quiz = "    questions: [{type: short, prompt: P, answer: A}]\n"
    unit = unit_file(SMALL_UNIT + f"worksheets:\n  - id: quiz\n    title: Q\n{quiz}  - id: quiz-key\n    title: K\n{quiz}")
    for report in (check(Request(paths=(unit,))), run([unit], tmp_path / "out", only=("worksheet",))):
        (problem,) = report.all_problems()
        assert problem.path == "worksheets[1].id" and "'worksheet-quiz-key.pdf' is also written for" in problem.message
    assert not (tmp_path / "out" / "small").exists()


@pytest.mark.parametrize("extra", ["", "periods:\n  - {label: Interwar, start: 1919, end: 1939}\n"])
def test_a_unit_with_nothing_to_print_says_what_to_add(unit_file, tmp_path: Path, extra: str) -> None:
    unit = unit_file("format: 1\nunit: {id: bare, title: Bare}\n" + extra)
    for _ in range(2):  # said again by the next build, not hidden by "unchanged"
        report = build(Request(paths=(unit,), out=tmp_path / "out"))
        (warning,) = report.all_warnings()
        assert report.ok and report.count("built") == 0 and not (tmp_path / "out" / "bare").exists()
        assert "nothing to print" in warning.message and "events (timeline)" in warning.hint
        assert ("periods alone" in warning.message) == bool(extra)


def test_a_unit_with_only_format_and_unit_builds_nothing_without_failing(unit_file, tmp_path: Path) -> None:
    unit = unit_file("format: 1\nunit: {id: bare, title: Bare}\n")
    report = build(Request(paths=(unit,), out=tmp_path / "out"))
    assert report.ok and report.count("built") == 0


HOSTILE = st.sampled_from([
    "<img src='/etc/passwd'/>", "{{ config }}", "{% raw %}", "&nbsp;", "<seq/>", "</b>", "]]", "[[", "*", "**",
    "Ж", "λ", "\u200b", "'", '"', "\\", "#", ": ", "- ", "%", "<a href='javascript:x'>", "\t",
])


@settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(HOSTILE, min_size=1, max_size=4).map("".join))
def test_any_text_builds_or_is_reported_and_prints_as_typed(tmp_path: Path, text: str) -> None:
    """Hostile text in a heading either builds, printed as typed, or gives located problems."""
    folder = tmp_path / str(abs(hash(text)))
    folder.mkdir()
    unit = folder / "unit.yaml"
    heading = json.dumps(f"Start {text} end")  # a JSON string is a valid YAML double-quoted scalar
    unit.write_text(SMALL_UNIT.replace("heading: The revolution", f"heading: {heading}"), encoding="utf-8")
    report = run([unit], folder / "out")
    if not report.ok:
        assert all(p.line >= 1 and p.message for p in report.all_problems())
        return
    printed = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(folder / "out" / "small" / "handout.pdf").pages)
    expected = " ".join(markup.plain(f"1. Start {text} end").split())
    assert expected in printed


@settings(max_examples=12, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(["drop", "duplicate", "retype", "nest"])),
                min_size=1, max_size=3))
def test_structural_mutations_build_or_give_located_problems(tmp_path: Path, mutations: list[tuple[int, str]]) -> None:
    """Drop, duplicate, retype or re-nest items of a valid unit: it builds, or says where it broke."""
    data = yaml.safe_load(SMALL_UNIT)
    for pick, how in mutations:
        lists = [value for value in data.values() if isinstance(value, list) and value]
        if not lists:
            break
        items = lists[pick % len(lists)]
        index = pick % len(items)
        if how == "drop":
            items.pop(index)
        elif how == "duplicate":
            items.append(copy.deepcopy(items[index]))
        elif how == "retype":
            items[index] = str(items[index])
        else:
            items[index] = {"nested": items[index]}
    folder = tmp_path / f"m{abs(hash(repr(mutations)))}"
    folder.mkdir()
    (folder / "unit.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    report = build(Request(paths=(folder / "unit.yaml",), out=folder / "out", jobs=1))
    assert report.ok or all(p.line >= 1 and p.path and p.message for p in report.all_problems())
