"""The build's entry points: a build keeps what is unchanged, and a build in which nothing changed
only finds, reads and hashes files (:func:`compiler.build.build`'s fast path)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from compiler.build import Request, build
from compiler.outputs import Settings
from tests.build import run


def test_an_unchanged_output_is_not_rewritten_and_force_rewrites_it(unit_file, tmp_path: Path) -> None:
    unit = unit_file()
    out = tmp_path / "out"
    run([unit], out)
    pdf = out / "small" / "handout.pdf"
    os.utime(pdf, (1, 1))
    report = run([unit], out)
    assert report.count("unchanged") == 1 and pdf.stat().st_mtime == 1
    assert build(Request(paths=(unit,), out=out, force=True, settings=Settings(only=("handout",)))).count("built") == 1
    assert pdf.stat().st_mtime != 1


def test_a_no_op_build_of_a_folder_loads_no_parser_and_no_drawing_code(unit_file, tmp_path: Path) -> None:
    """The build teachers and CI run most, where nothing changed, finds, reads and hashes files
    only: no YAML, pydantic, Jinja or ReportLab is loaded (the scan of a folder included)."""
    unit, out = unit_file(name="units/small.yaml"), tmp_path / "out"
    assert run([unit.parent], out).ok
    heavy = ("reportlab", "pypdf", "pydantic", "jinja2", "yaml")
    script = (
        "import sys\nfrom pathlib import Path\nfrom compiler.build import Request, build\n"
        "from compiler.outputs import Settings\n"
        f"report = build(Request(paths=(Path({str(unit.parent)!r}),), out=Path({str(out)!r}),"
        " settings=Settings(only=('handout',))))\n"
        f"print(report.count('unchanged'), [m for m in {heavy!r} if m in sys.modules])\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "1 []"
