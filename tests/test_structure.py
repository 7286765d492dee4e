"""The test suite mirrors the package: every module in compiler/ has tests/test_<module>.py, and
every kind's package compiler/kinds/<kind>/ has tests/kinds/test_<kind>.py."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = ROOT / "compiler" / "kinds"


def test_every_module_has_a_test_file() -> None:
    """A kind's modules (its entry, plan, drawing and layout) are tested together in
    tests/kinds/test_<kind>.py; the registry (compiler/kinds/__init__.py) in test_registry.py."""
    modules = {p.stem for p in (ROOT / "compiler").glob("*.py") if not p.stem.startswith("__")}
    tests = {p.stem.removeprefix("test_") for p in (ROOT / "tests").glob("test_*.py")}
    assert modules - tests == set()
    assert tests - modules == {"structure"}
    kinds = {p.parent.name for p in KINDS.glob("*/__init__.py")}
    kind_tests = {p.stem.removeprefix("test_") for p in (ROOT / "tests" / "kinds").glob("test_*.py")}
    assert kinds and kind_tests == {*kinds, "registry"}


def _imports(path: Path) -> set[str]:
    """The compiler modules ``path`` imports, at any level of the file."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module == "compiler":
            found |= {f"compiler.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("compiler."):
            found.add(node.module or "")
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("compiler.")}
    return found


def test_stages_import_only_downstream() -> None:
    """Load and validate never import planning, rendering or the CLI (one direction of data):
    not the kinds (their registry, plans or drawing), the build, the PDF code or the output."""
    early = ["source", "dates", "errors", "model", "validate", "markup", "alike", "coverage"]
    late = ["build", "cli", "kinds", "filenames", "pdf", "fsio", "manifest", "report", "outputs"]
    for module in early:
        imported = _imports(ROOT / "compiler" / f"{module}.py")
        for name in late:
            assert not {i for i in imported if i == f"compiler.{name}" or i.startswith(f"compiler.{name}.")}, (
                f"{module} imports {name}")


def test_planning_never_imports_drawing_or_reportlab() -> None:
    """Only a kind's draw.py and layout.py, and pdf.py, import ReportLab (at the top: the one
    lazy boundary is Kind.render), so a no-op build skips it; a kind's plan and entry never
    import its drawing."""
    for path in (ROOT / "compiler").rglob("*.py"):
        if path.stem == "pdf" or (path.parent.parent == KINDS and path.stem in ("draw", "layout")):
            continue
        top = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith(("from ", "import "))]
        assert not [line for line in top if "reportlab" in line or "pypdf" in line], path
        drawing = {i for i in _imports(path) if i.startswith("compiler.kinds.") and i.endswith((".draw", ".layout"))}
        assert not drawing, path


def test_drawing_modules_take_paragraph_from_compiler_pdf() -> None:
    """compiler.pdf.Paragraph parses italic faces on demand; ReportLab's own would find them missing."""
    for path in (ROOT / "compiler").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        imports = re.findall(r"from reportlab\.platypus import \(?([^)]*?)\)?$", text, re.MULTILINE | re.DOTALL)
        names = {name.strip() for block in imports for name in block.replace("\n", ",").split(",")}
        assert "Paragraph" not in names, path.name
