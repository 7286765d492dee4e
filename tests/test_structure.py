"""The test suite mirrors the package: every module in compiler/ has tests/test_<module>.py, and
every package's module tests/<package>/test_<module>.py."""

from __future__ import annotations

import ast
import fnmatch
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
DRAWING = ("pdf", "draw", "layout", "drawing", "figures", "sourcebox", "tagging", "pdfua")  # the modules that may import ReportLab (or pikepdf) at the top
SUB_PACKAGES = ("kinds", "questions")  # one package per output kind or question type


def _is_drawing(path: Path) -> bool:
    """A drawing module: named so, or any module of a kind's or question type's package but its
    entry (``__init__``), its plan and the flash cards' deck (pure data the exports read too)."""
    inside = path.relative_to(ROOT / "compiler").parts
    if len(inside) == 3 and inside[0] in SUB_PACKAGES:
        return path.stem not in ("__init__", "plan", "deck")
    return path.stem in DRAWING


def _drawing_module(name: str) -> bool:
    """Whether the module imported as ``name`` (``compiler.kinds.timeline.tiles``) is drawing."""
    return _is_drawing(ROOT / Path(*name.split(".")).with_suffix(".py"))


def test_every_module_has_a_test_file() -> None:
    modules = {p.stem for p in (ROOT / "compiler").glob("*.py") if not p.stem.startswith("__")}
    tests = {p.stem.removeprefix("test_") for p in (ROOT / "tests").glob("test_*.py")}
    assert modules - tests == set()
    assert tests - modules == {"structure", "guide"}  # the layout itself, and docs/guide.md's examples


def _tested(folder: Path, modules: set[str]) -> set[str]:
    """The modules the test files of ``folder`` are for: ``test_<module>.py``, or
    ``test_<module>_<aspect>.py`` where a module's tests are split by what they check
    (``test_handout_tagging.py``: the handout's structure for screen readers)."""
    stems = {p.stem.removeprefix("test_") for p in folder.glob("test_*.py")}
    return {next((m for m in modules if stem.startswith(f"{m}_")), stem) if stem not in modules else stem
            for stem in stems}


def test_every_package_has_a_test_folder() -> None:
    """In compiler/<package>/, each module has tests/<package>/test_<module>.py and each
    sub-package (one output kind or question type: its entry, plan and drawing) tests/<package>/
    test_<sub>.py, or, when it has more modules than those, a folder tests/<package>/<sub>/
    with a test file per module; the package's own __init__ (a registry) is tested in
    tests/<package>/test_<package>.py. A module's tests may be split by aspect (:func:`_tested`)."""
    for package in (p for p in (ROOT / "compiler").iterdir() if (p / "__init__.py").exists()):
        modules = {package.name} | {p.stem for p in package.glob("*.py") if not p.stem.startswith("__")}
        for sub in (p for p in package.iterdir() if (p / "__init__.py").exists()):
            folder = ROOT / "tests" / package.name / sub.name
            if not folder.is_dir():
                modules.add(sub.name)
                continue
            inner = {p.stem for p in sub.glob("*.py") if not p.stem.startswith("__")}
            assert inner == _tested(folder, inner), sub
        assert modules == _tested(ROOT / "tests" / package.name, modules), package.name


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
    early = ["source", "syntax", "dates", "errors", "fields", "checks", "model", "validate", "markup", "alike", "coverage",
             "pictures", "citations"]
    late = ["build", "cli", "kinds", "filenames", "pdf", "fsio", "manifest", "report", "outputs", "publish"]
    for module in early:
        imported = _imports(ROOT / "compiler" / f"{module}.py")
        for name in late:
            assert not {i for i in imported if i == f"compiler.{name}" or i.startswith(f"compiler.{name}.")}, (
                f"{module} imports {name}")


def test_planning_never_imports_drawing_or_reportlab() -> None:
    """Only the drawing modules (a kind's or a question type's draw.py, the timeline's layout.py,
    pdf.py, figures.py, tagging.py, pdfua.py) and fonts.py (which reads the fonts' cmaps for validation too) import ReportLab at the
    top, so a no-op build skips it (drawing is imported through outputs.drawing); planning and
    the registries' entries never import drawing."""
    for path in (ROOT / "compiler").rglob("*.py"):
        top = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith(("from ", "import "))]
        if not _is_drawing(path) and path.stem != "fonts":
            assert not [line for line in top if re.search(r"\b(reportlab|pypdf)\b", line)], path
        if not _is_drawing(path):
            assert not {i for i in _imports(path) if _drawing_module(i) and not i.endswith(".pdf")}, path


def test_drawing_modules_take_paragraph_from_compiler_pdf() -> None:
    """compiler.pdf.Paragraph parses italic faces on demand; ReportLab's own would find them missing."""
    for path in (ROOT / "compiler").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        imports = re.findall(r"from reportlab\.platypus import \(?([^)]*?)\)?$", text, re.MULTILINE | re.DOTALL)
        names = {name.strip() for block in imports for name in block.replace("\n", ",").split(",")}
        assert "Paragraph" not in names, path.name


def _imported_distributions(folder: Path) -> dict[str, str]:
    """The installed distribution of each third-party module imported anywhere in ``folder``
    (function-level and ``TYPE_CHECKING`` imports included), with a file that imports it."""
    providers = packages_distributions()
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.partition(".")[0]
                if top not in sys.stdlib_module_names and top not in {"compiler", "tests"}:
                    for distribution in providers.get(top, [top]):
                        found.setdefault(canonicalize_name(distribution), path.name)
    return found


def _requirements(*extras: str) -> list[Requirement]:
    """What pyproject.toml declares: the dependencies, plus those of ``extras``."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = project["dependencies"] + [line for extra in extras for line in project["optional-dependencies"][extra]]
    return [Requirement(line) for line in lines]


def _declared(*extras: str) -> set[str]:
    """The names of the distributions pyproject.toml declares (see ``_requirements``)."""
    return {canonicalize_name(requirement.name) for requirement in _requirements(*extras)}


def test_every_imported_package_is_declared() -> None:
    """`pip install printpack` brings everything the compiler imports, and the test extra what the
    tests import: nothing works only because another package happened to pull it in."""
    undeclared = {name: where for name, where in _imported_distributions(ROOT / "compiler").items()
                  if name not in _declared()}
    assert undeclared == {}
    undeclared = {name: where for name, where in _imported_distributions(ROOT / "tests").items()
                  if name not in _declared("test")}
    assert undeclared == {}


def test_the_constraints_file_pins_every_declared_package_within_its_range() -> None:
    """`pip install -c constraints.txt .` installs, with every extra: the lock names one exact
    version of each declared package, and that version is one pyproject.toml allows."""
    lines = (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
    pins = [Requirement(line) for line in lines if line and not line.startswith("#")]
    assert all(str(pin.specifier).startswith("==") for pin in pins)
    pinned = {canonicalize_name(pin.name): str(pin.specifier).removeprefix("==") for pin in pins}
    outside = {str(requirement): pinned.get(canonicalize_name(requirement.name), "not pinned")
               for requirement in _requirements("test", "lint")
               if not requirement.specifier.contains(pinned.get(canonicalize_name(requirement.name), "0"))}
    assert outside == {}


def test_every_test_folder_is_collected() -> None:
    """pytest does not enter folders matching `norecursedirs` (by default `build`, which is why the
    setting is spelt out): tests/build/ would silently not run."""
    skipped = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    patterns = skipped.get("norecursedirs")
    assert patterns is not None, "without norecursedirs pytest skips tests/build/"
    folders = [p for p in (ROOT / "tests").rglob("*") if p.is_dir() and any(p.glob("test_*.py"))]
    assert [f for f in folders if any(fnmatch.fnmatch(f.name, pattern) for pattern in patterns)] == []


# The lazy imports of compiler modules the package has, each documented where it is: the full
# build past the no-op fast path, and the CLI's authoring, import and export commands (drawing modules are
# imported by name through compiler.outputs.drawing, which is not an import statement).
LAZY_BOUNDARIES = {("compiler.build", "_full"), ("compiler.cli", "_authoring"), ("compiler.cli", "_importing"),
                   ("compiler.cli", "_exporting")}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _runtime_imports(tree: ast.Module) -> list[tuple[str, str | None]]:
    """Each compiler module imported outside ``if TYPE_CHECKING:``, with the function that imports
    it (None at module level)."""
    found: list[tuple[str, str | None]] = []

    def visit(node: ast.AST, function: str | None) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                visit(child, function)
            return
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
            found.extend((name, function) for name in names if name.startswith("compiler"))
        elif isinstance(node, ast.Import):
            found.extend((alias.name, function) for alias in node.names if alias.name.startswith("compiler"))
        inner = node.name if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) else function
        for child in ast.iter_child_nodes(node):
            visit(child, inner)

    visit(tree, None)
    return found


def _import_graph() -> dict[str, set[str]]:
    files = {_module_name(path): path for path in (ROOT / "compiler").rglob("*.py")}
    return {name: {imported for imported, _ in _runtime_imports(ast.parse(path.read_text(encoding="utf-8")))
                   if imported in files and imported != name}
            for name, path in files.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in sorted(graph[module]):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = stack[stack.index(module):]
            del stack[stack.index(module):]
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def test_no_module_imports_itself_round_a_cycle() -> None:
    """No import cycle anywhere in compiler/, function-level imports included."""
    graph = _import_graph()
    assert "compiler.build.run" in graph["compiler.build"]  # the lazy import counts
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_compiler_modules_are_imported_lazily_only_at_the_documented_boundaries() -> None:
    lazy = {(_module_name(path), function)
            for path in (ROOT / "compiler").rglob("*.py")
            for _, function in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))) if function}
    assert lazy == LAZY_BOUNDARIES
