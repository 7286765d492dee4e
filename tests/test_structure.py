"""The test suite mirrors the package: every module in compiler/ has tests/test_<module>.py, and
every package's module tests/<package>/test_<module>.py."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_module_has_a_test_file() -> None:
    """compiler/draw/<kind>.py, the drawing half of a kind, is tested with it in test_<kind>.py."""
    modules = {p.stem for p in (ROOT / "compiler").glob("*.py") if not p.stem.startswith("__")}
    drawing = {p.stem for p in (ROOT / "compiler" / "draw").glob("*.py") if not p.stem.startswith("__")}
    tests = {p.stem.removeprefix("test_") for p in (ROOT / "tests").glob("test_*.py")}
    assert modules - tests == set()
    assert drawing <= modules
    assert tests - modules == {"structure"}


def test_every_package_has_a_test_folder() -> None:
    """In compiler/<package>/ (draw/ aside), each module has tests/<package>/test_<module>.py and
    each sub-package (one question type: its entry, plan and drawing) tests/<package>/test_<sub>.py;
    the package's own __init__ is tested in tests/<package>/test_<package>.py."""
    for package in (p for p in (ROOT / "compiler").iterdir() if (p / "__init__.py").exists() and p.name != "draw"):
        modules = {package.name} | {p.stem for p in package.glob("*.py") if not p.stem.startswith("__")}
        modules |= {p.name for p in package.iterdir() if (p / "__init__.py").exists()}
        tests = {p.stem.removeprefix("test_") for p in (ROOT / "tests" / package.name).glob("test_*.py")}
        assert modules == tests, package.name


def test_stages_import_only_downstream() -> None:
    """Load and validate never import planning, rendering or the CLI (one direction of data)."""
    early = ["source", "dates", "errors", "fields", "checks", "model", "validate", "markup"]
    late = ["build", "cli", "handout", "kinds", "pdf", "fsio", "manifest", "report", "draw"]
    for module in early:
        text = (ROOT / "compiler" / f"{module}.py").read_text(encoding="utf-8")
        for name in late:
            assert f"from compiler.{name} import" not in text and f"from compiler import {name}" not in text, (
                f"{module} imports {name}"
            )


def test_planning_modules_do_not_import_reportlab_at_the_top() -> None:
    """Only compiler/draw/ and pdf.py import ReportLab at module level, so a no-op build skips it."""
    for path in (ROOT / "compiler").glob("*.py"):
        if path.stem == "pdf":
            continue
        top = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith(("from ", "import "))]
        assert not [line for line in top if "reportlab" in line or "pypdf" in line], path.name


def test_drawing_modules_take_paragraph_from_compiler_pdf() -> None:
    """compiler.pdf.Paragraph parses italic faces on demand; ReportLab's own would find them missing."""
    for path in (ROOT / "compiler").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        imports = re.findall(r"from reportlab\.platypus import \(?([^)]*?)\)?$", text, re.MULTILINE | re.DOTALL)
        names = {name.strip() for block in imports for name in block.replace("\n", ",").split(",")}
        assert "Paragraph" not in names, path.name
