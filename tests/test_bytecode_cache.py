"""Jinja's bytecode cache never hands printpack code compiled without the template budget."""

from __future__ import annotations

import tempfile
from pathlib import Path

import jinja2
import pytest

from compiler.errors import ProblemsFound
from compiler.wording import Wording, bytecode_folder

MACRO = "{% macro glossary_heading(value='') %}\n{{ 'ab' * value }}\n{% endmacro %}\n"


@pytest.fixture
def temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary directory of the test's own, where Jinja and printpack keep compiled templates."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_bytecode_compiled_without_the_budget_is_not_reused(tmp_path: Path, temporary: Path) -> None:
    """An older printpack (or any other program) compiled the same template without the budget
    into Jinja's usual cache folder: printpack does not load that code, so the budget still stops
    a phrase that would write 40 million characters."""
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "handout.j2").write_text(MACRO, encoding="utf-8")
    cache = jinja2.FileSystemBytecodeCache()  # Jinja's usual folder, which printpack 0.1.0 shared
    jinja2.Environment(loader=jinja2.FileSystemLoader(templates), bytecode_cache=cache).get_template("handout.j2")
    assert any(Path(cache.directory).iterdir())
    with pytest.raises(ProblemsFound) as caught:
        Wording(user_dir=templates).phrase("handout.j2", "glossary_heading", value=20_000_000)
    (problem,) = caught.value.problems
    assert problem.file == str(templates / "handout.j2") and "would make 40,000,000" in problem.message


@pytest.mark.parametrize("planted", ["open to others", "a link", "a file"])
def test_a_cache_folder_others_could_write_is_not_used(tmp_path: Path, temporary: Path, planted: str) -> None:
    folder, elsewhere = bytecode_folder(), tmp_path / "elsewhere"
    elsewhere.mkdir()
    if planted == "open to others":
        folder.mkdir()
        folder.chmod(0o777)
    elif planted == "a link":
        folder.symlink_to(elsewhere)
    else:
        folder.write_text("", encoding="utf-8")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "handout.j2").write_text(MACRO, encoding="utf-8")
    wording = Wording(user_dir=templates)
    assert wording.env.bytecode_cache is None
    assert wording.phrase("handout.j2", "glossary_heading", value=2) == "abab"
    assert list(elsewhere.iterdir()) == [] and (folder.is_symlink() or not folder.is_dir() or not any(folder.iterdir()))


def test_compiled_templates_are_kept_in_a_private_folder(tmp_path: Path, temporary: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "handout.j2").write_text(MACRO, encoding="utf-8")
    assert Wording(user_dir=templates).phrase("handout.j2", "glossary_heading", value=1) == "ab"
    folder = bytecode_folder()
    assert folder.parent == temporary and folder.name.startswith("printpack-jinja-")
    assert folder.stat().st_mode & 0o777 == 0o700 and any(folder.iterdir())
