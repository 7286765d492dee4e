"""The test suite mirrors the package: every module in compiler/ has tests/test_<module>.py."""

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


def test_stages_import_only_downstream() -> None:
    """Load and validate never import planning, rendering or the CLI (one direction of data)."""
    early = ["source", "dates", "errors", "model", "validate", "markup"]
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
