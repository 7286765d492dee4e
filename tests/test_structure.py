"""The test suite mirrors the package: every module in compiler/ has tests/test_<module>.py."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_module_has_a_test_file() -> None:
    modules = {p.stem for p in (ROOT / "compiler").glob("*.py") if not p.stem.startswith("__")}
    tests = {p.stem.removeprefix("test_") for p in (ROOT / "tests").glob("test_*.py")}
    assert modules - tests == set()
    assert tests - modules == {"structure"}


def test_stages_import_only_downstream() -> None:
    """Load and validate never import planning, rendering or the CLI (one direction of data)."""
    early = ["source", "dates", "errors", "model", "validate", "markup"]
    late = ["build", "cli", "handout", "kinds", "pdf", "fsio", "manifest", "report"]
    for module in early:
        text = (ROOT / "compiler" / f"{module}.py").read_text(encoding="utf-8")
        for name in late:
            assert f"from compiler.{name} import" not in text and f"from compiler import {name}" not in text, (
                f"{module} imports {name}"
            )
