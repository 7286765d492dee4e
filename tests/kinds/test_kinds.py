"""The registry of output kinds: an output kind is one entry, and everything that lists kinds
reads it, so a kind registered from this test folder (``wordlist/``) is listed, built, put in
the manifest, the pack and the index page, without any file of printpack changing."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from compiler.cli import main
from compiler.kinds import KINDS, register, registered
from compiler.outputs import Kind
from tests.conftest import SMALL_UNIT
from tests.kinds.test_pack import outline
from tests.kinds.wordlist import WORDLIST


def test_every_kind_plans_and_renders_in_build_order_with_the_pack_last() -> None:
    assert list(KINDS) == ["handout", "timeline", "cardsort", "worksheet", "flashcards", "pack"]
    for kind in KINDS.values():
        assert list(inspect.signature(kind.plan).parameters) == ["unit", "target", "context"]
        assert callable(kind.targets) and callable(kind.inputs) and callable(kind.render)
    assert [name for name, kind in KINDS.items() if kind.assembles] == ["pack"]


@pytest.fixture
def wordlist() -> Iterator[Kind]:
    with registered(WORDLIST) as kind:
        yield kind


def test_a_registered_kind_comes_before_the_pack_and_is_gone_once_unregistered(wordlist: Kind) -> None:
    assert list(KINDS)[-2:] == ["wordlist", "pack"]
    with pytest.raises(ValueError, match="already registered"), registered(WORDLIST):
        pass
    assert "wordlist" in KINDS


@pytest.mark.parametrize("drawing", ["tests.kinds.wordlist.drawing", "tests.kinds.no_such_kind.draw"])
def test_a_kind_whose_drawing_module_does_not_exist_is_refused(drawing: str) -> None:
    with pytest.raises(ValueError, match=f"the drawing module '{drawing}' of kind 'wordlist' does not exist"):
        register(replace(WORDLIST, drawing=drawing))
    assert "wordlist" not in KINDS


def test_a_kind_registered_from_the_test_folder_is_listed_built_packed_and_indexed(
        wordlist: Kind, unit_file, tmp_path: Path) -> None:
    unit, out = unit_file(SMALL_UNIT), tmp_path / "out"
    runner = CliRunner()
    listed = runner.invoke(main, ["list", str(unit), "--out", str(out)])
    assert listed.exit_code == 0 and str(out / "small" / "wordlist.pdf") in listed.stdout
    assert "wordlist" in runner.invoke(main, ["build", "--help"]).stdout  # --only lists it
    built = runner.invoke(main, ["build", str(unit), "--out", str(out), "--jobs", "1", "--only", "handout,wordlist,pack"])
    assert built.exit_code == 0, built.stderr

    sheet = PdfReader(out / "small" / "wordlist.pdf")
    assert "Glossary" in sheet.pages[0].extract_text() and "Comintern" in sheet.pages[0].extract_text()
    entries = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert {"path": "small/wordlist.pdf", "kind": "wordlist", "pages": 1}.items() <= next(
        e for e in entries if e["kind"] == "wordlist").items()

    pack = PdfReader(out / "small" / "pack.pdf")
    marks = [(title, page) for depth, title, page in outline(pack) if depth == 0]
    assert [title for title, _ in marks] == ["Handout", "Word list"]
    assert "Word list" in pack.pages[1].extract_text()  # the contents page
    assert "Comintern" in pack.pages[marks[-1][1]].extract_text()

    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="small/wordlist.pdf">Word list</a>' in index and "A4 · 1 page" in index  # its pack_part titles it


def test_only_and_the_schema_take_a_registered_kind(wordlist: Kind, unit_file, tmp_path: Path) -> None:
    unit, out = unit_file(SMALL_UNIT + "outputs: {only: [wordlist]}\n"), tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(main, ["check", str(unit)]).exit_code == 0
    listed = runner.invoke(main, ["list", str(unit), "--out", str(out), "--only", "wordlist", "--json"])
    assert json.loads(listed.stdout) == {"small": [str(out / "small" / "wordlist.pdf")]}
    schema = json.loads(runner.invoke(main, ["schema"]).stdout)
    assert "wordlist" in schema["$defs"]["Outputs"]["properties"]["only"]["items"]["enum"]


def test_a_kind_not_registered_is_unknown(unit_file) -> None:
    unit = unit_file(SMALL_UNIT + "outputs: {only: [wordlist]}\n")
    result = CliRunner().invoke(main, ["check", str(unit)])
    assert result.exit_code == 1 and "outputs.only[0]: unknown output kind 'wordlist'" in result.stderr
    assert CliRunner().invoke(main, ["list", str(unit), "--only", "wordlist"]).exit_code == 2


def test_a_unit_with_nothing_to_print_is_told_what_each_kind_needs(wordlist: Kind, unit_file) -> None:
    result = CliRunner().invoke(main, ["check", str(unit_file("format: 1\nunit: {id: bare, title: Bare}\n"))])
    assert result.exit_code == 0 and "has nothing to print yet" in result.stderr
    assert "events (timeline)" in result.stderr and "a glossary (wordlist)" in result.stderr


def test_a_kind_registered_after_a_build_is_built_by_the_next_one_and_joins_the_pack(unit_file, tmp_path: Path) -> None:
    """Registering a kind changes what a unit builds to: the no-op fast path must not report the
    unchanged unit file as up to date."""
    unit, out = unit_file(SMALL_UNIT), tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(unit), "--out", str(out)]).exit_code == 0
    with registered(WORDLIST):
        built = runner.invoke(main, ["build", str(unit), "--out", str(out)])
        assert built.exit_code == 0 and (out / "small" / "wordlist.pdf").is_file()
        titles = [title for depth, title, _ in outline(PdfReader(out / "small" / "pack.pdf")) if depth == 0]
        assert "Word list" in titles  # beside the flash cards made from the glossary (the same pack_rank)


@pytest.mark.parametrize("name", ["", "Word list", "Wordlist", "word_list", "true", "null"])
def test_a_kind_is_named_as_a_teacher_can_write_it_in_outputs_only(name: str) -> None:
    with pytest.raises(ValueError, match="lower-case letters, digits and -"):
        register(replace(WORDLIST, name=name))
    assert name not in KINDS


DRAW_WITH_A_HELPER = """
from dataclasses import replace

from tests.kinds.wordlist import draw
from wordlist_plus.words import HEADING


def render(plan, context):
    return draw.render(replace(plan, heading=HEADING), context)
"""


def test_editing_a_helper_module_of_a_registered_kind_rebuilds_its_file(unit_file, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The code a registered kind runs counts, its drawing's helpers beside it included."""
    package = tmp_path / "code" / "wordlist_plus"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "draw.py").write_text(DRAW_WITH_A_HELPER, encoding="utf-8")
    (package / "words.py").write_text("HEADING = 'Words, first edition'\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "code"))
    unit, out = unit_file(SMALL_UNIT), tmp_path / "out"
    with registered(replace(WORDLIST, drawing="wordlist_plus.draw")):
        assert CliRunner().invoke(main, ["build", str(unit), "--out", str(out), "--only", "wordlist"]).exit_code == 0
        assert "first edition" in PdfReader(out / "small" / "wordlist.pdf").pages[0].extract_text()
        (package / "words.py").write_text("HEADING = 'Words, second edition'\n", encoding="utf-8")
        sys.modules.pop("wordlist_plus.words", None)
        sys.modules.pop("wordlist_plus.draw", None)
        assert CliRunner().invoke(main, ["build", str(unit), "--out", str(out), "--only", "wordlist"]).exit_code == 0
        assert "second edition" in PdfReader(out / "small" / "wordlist.pdf").pages[0].extract_text()


FROM_A_SCRIPT = """
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from compiler.build import Request, build
from compiler.kinds import register
from tests.kinds.wordlist import WORDLIST
from tests.kinds.wordlist.plan import targets as wordlist_targets


def targets(unit, settings):
    return wordlist_targets(unit, settings)


if __name__ == "__main__":
    register(replace(WORDLIST, targets=targets))
    report = build(Request(paths=(Path(sys.argv[1]),), out=Path(sys.argv[2])))
    print(report.ok, [str(p) for p in report.all_problems()])
"""


def test_a_kind_defined_in_the_script_that_builds_is_built(unit_file, tmp_path: Path) -> None:
    script = tmp_path / "script.py"
    script.write_text(FROM_A_SCRIPT, encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, str(script), str(unit_file(SMALL_UNIT)), str(tmp_path / "out")], cwd=root,
                          env={**os.environ, "PYTHONPATH": str(root)}, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.stdout.strip() == "True []", done.stderr[-2000:]
    assert (tmp_path / "out" / "small" / "wordlist.pdf").is_file()
