"""Finding units: files named, folders scanned, what is skipped and why, shards."""

from __future__ import annotations

from pathlib import Path

import pytest

from compiler.build import Request, build, check, find_units
from compiler.outputs import Settings
from tests.build import run
from tests.conftest import SMALL_UNIT


def test_find_units_reports_missing_paths(tmp_path: Path) -> None:
    files, problems, _, _ = find_units([tmp_path / "nope.yaml"])
    assert files == [] and problems[0].message == "no such file or folder"


def test_shards_partition_the_units(unit_file, tmp_path: Path) -> None:
    units = [unit_file(SMALL_UNIT.replace("id: small", f"id: unit-{n}"), name=f"many/{n}.yaml") for n in range(12)]
    folder = units[0].parent
    shards: dict[int, list[str]] = {}
    for k in (1, 2, 3):
        report = build(Request(paths=(folder,), out=tmp_path / f"s{k}", shard=(k, 3),
                               settings=Settings(only=("handout",))))
        shards[k] = sorted(u.unit for u in report.units)
        assert sorted(p.name for p in (tmp_path / f"s{k}").glob("unit-*")) == shards[k]
    # Split by the path below the folder, not where the folder is: the same on every machine.
    assert shards == {k: sorted(f"unit-{n}" for n in numbers)
                      for k, numbers in {1: (3, 4, 6), 2: (2, 5, 8, 9, 10), 3: (0, 1, 7, 11)}.items()}


def test_one_file_named_twice_is_one_unit(unit_file, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    unit = unit_file(name="units/small.yaml")
    (tmp_path / "link.yaml").symlink_to(unit)
    monkeypatch.chdir(tmp_path)
    files, problems, _, _ = find_units([Path("units/small.yaml"), unit, Path("link.yaml"), Path("units")])
    assert files == [Path("units/small.yaml")] and problems == []
    report = run([Path("units/small.yaml"), unit, Path("link.yaml")], tmp_path / "out")
    assert report.ok and len(report.units) == 1


@pytest.mark.parametrize("names", [[], ["notes.txt", "unit.json"]])
def test_a_folder_without_units_is_an_error_saying_what_it_holds(tmp_path: Path, names: list[str]) -> None:
    folder = tmp_path / "units"
    folder.mkdir()
    for name in names:
        (folder / name).write_text("x", encoding="utf-8")
    report = run([folder], tmp_path / "out")
    (problem,) = report.all_problems()
    assert not report.ok and problem.file == str(folder) and "no unit files found" in problem.message
    assert ("it is empty" in problem.message) if not names else ("notes.txt, unit.json" in problem.message)


def test_unit_files_count_whatever_the_case_of_their_suffix(unit_file, tmp_path: Path) -> None:
    unit_file(SMALL_UNIT.replace("id: small", "id: upper"), name="units/Unit.YAML")
    unit_file(SMALL_UNIT.replace("id: small", "id: short"), name="units/other.Yml")
    files, problems, _, _ = find_units([tmp_path / "units"])
    assert [f.name for f in files] == ["Unit.YAML", "other.Yml"] and not problems


THEME = "extends: default\ncolours:\n  accent: \"#7a1f5c\"\n"


WORKFLOW = "name: Build\non:\n  schedule:\n    - cron: \"0 2 * * *\"\njobs:\n  build: {runs-on: ubuntu-latest}\n"


def test_a_folder_scan_builds_units_and_names_what_it_skipped(unit_file, tmp_path: Path) -> None:
    """`printpack build .` in a repository: themes, CI workflows, hidden folders and the output
    folder are not units; the build succeeds, and a warning names each file or folder left out."""
    unit_file(name="repo/units/small.yaml")
    unit_file(THEME, name="repo/templates/themes/school.yaml")
    unit_file("%YAML 1.2\n---\n# a comment\n'name': x\n", name="repo/notes.yml")
    unit_file(WORKFLOW, name="repo/.github/workflows/printpack.yml")
    unit_file(SMALL_UNIT.replace("id: small", "id: draft"), name="repo/.drafts/draft.yaml")
    unit_file("x: 1\n", name="repo/.cache/nothing.txt")
    unit_file(WORKFLOW, name="repo/.gitlab-ci.yml")
    unit_file("x: 1\n", name="repo/out/stray.yaml")
    repo = tmp_path / "repo"
    report = run([repo], repo / "out")
    assert report.ok, report.all_problems()
    assert [u.unit for u in report.units] == ["small"] and (repo / "out" / "small" / "handout.pdf").is_file()
    skipped = {Path(w.file).relative_to(repo).as_posix(): w.message for w in report.all_warnings()}
    assert skipped == {
        "templates/themes/school.yaml": "skipped: not a printpack unit (no `format:` or `unit:` at the top level)",
        "notes.yml": "skipped: not a printpack unit (no `format:` or `unit:` at the top level)",
        ".github": "skipped: a hidden folder is not searched for units",
        ".drafts": "skipped: a hidden folder is not searched for units",
        ".gitlab-ci.yml": "skipped: a hidden file is not taken for a unit",
    }
    assert all("printpack check " in w.hint for w in report.all_warnings())


def test_a_unit_with_old_mac_line_endings_is_found_and_a_folder_of_non_units_says_so(tmp_path: Path) -> None:
    """YAML takes a lone CR as a line break, so the scan must too; and a folder whose every YAML
    file was skipped says that, rather than that it holds no .yaml files."""
    units, others = tmp_path / "units", tmp_path / "others"
    units.mkdir()
    others.mkdir()
    (units / "mac.yaml").write_bytes(b"glossary:\r  - term: Term\r    definition: Meaning.\r"
                                     b"unit:\r  id: mac\r  title: Mac\rformat: 1\r")
    assert [u.unit for u in check(Request(paths=(units,))).units] == ["mac"]
    (others / "theme.yaml").write_text(THEME, encoding="utf-8")
    (problem,) = check(Request(paths=(others,))).problems
    assert "the 1 skipped above are not units" in problem.message


def test_a_file_named_is_always_read_as_a_unit(unit_file, tmp_path: Path) -> None:
    theme = unit_file(THEME, name="school.yaml")
    draft = unit_file(SMALL_UNIT.replace("id: small", "id: draft"), name=".drafts/draft.yaml")
    report = check(Request(paths=(theme, draft, tmp_path / ".drafts")))
    assert not report.all_warnings() and {u.unit for u in report.units} == {"draft", None}
    (failed,) = [u for u in report.units if u.unit is None]
    assert failed.file == str(theme) and any("extends" in p.path for p in failed.problems)


@pytest.mark.parametrize("text", ["format: 1\nunti:\n  id: typo\n  title: Typo\n",
                                  "\ufeff\"format\": 1\nunti: {id: typo, title: Typo}\n",
                                  "- not a mapping\n", "", "{format: 1, unit: {id: flow, title: Flow}}\n"])
def test_a_unit_with_a_mistake_found_by_a_scan_still_gets_its_located_error(unit_file, tmp_path: Path,
                                                                            text: str) -> None:
    """Only evident non-units are skipped: a file with `format:` but a misspelt `unit:`, or whose
    top level cannot be told without parsing it, is read, and what is wrong is located."""
    unit_file(text, name="units/typo.yaml")
    report = check(Request(paths=(tmp_path / "units",)))
    assert not report.warnings
    (record,) = report.units
    assert record.file == str(tmp_path / "units" / "typo.yaml")
    if "unti" in text:
        assert any(p.path == "unti" and p.line == 2 and "did you mean 'unit'?" in (p.hint or "")
                   for p in record.problems), record.problems
    else:
        assert record.problems or record.unit == "flow"
