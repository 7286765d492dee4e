"""The in-process halves of the benchmark, each run by ``run.py`` in a fresh process:
``python benchmarks/workers.py phases|four|warm ...`` prints its figures as JSON.

They live apart from ``run.py`` so that a worker imports nothing but printpack and the few
standard modules below: ``run.py``'s own imports (argparse, subprocess, statistics, ...) cost
about 0.08 s, which would otherwise be charged to printpack in the four-document ratio, while
the floor (``floor.py``) imports only what it draws with.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SHIPPED = HERE.parent / "resources" / "soviet-foreign-policy.yaml"
FOUR_DOCUMENTS = HERE / "four-documents.yaml"

# The four files of the four-document job, as printpack names them (see four-documents.yaml).
FOUR_FILES = ("worksheet-quiz.pdf", "worksheet-quiz-key.pdf", "cardsort-sort.pdf", "timeline.pdf")

# The card whose text the one-card-edit benchmark changes, in the shipped unit.
EDITED_CARD = "By 1941 the Red Army had more than 20,000 tanks"


def worker_phases(out: Path) -> dict[str, float]:
    """The shipped unit built serially through the library, timed phase by phase.

    "import" includes ReportLab and pypdf (the drawing modules are imported up front so that
    "render" is only drawing); "plan" includes loading the theme and a Wording per output, as
    ``build.render_job`` does; fonts are registered during the first render.
    """
    clock = time.perf_counter
    start = clock()
    from compiler.build.loading import unit_settings
    from compiler.fsio import write_atomically
    from compiler.kinds import KINDS, import_drawing
    from compiler.outputs import Context, Settings
    from compiler.source import load_file
    from compiler.theme import PAPER, load_theme
    from compiler.validate import validate_unit
    from compiler.wording import languages

    import_drawing()
    out.mkdir(parents=True, exist_ok=True)
    times = {"import": clock() - start, "load+validate": 0.0, "plan": 0.0, "render": 0.0, "write": 0.0}
    start = clock()
    unit = validate_unit(load_file(SHIPPED), languages(None))
    times["load+validate"] = clock() - start
    start = clock()
    settings = unit_settings(unit, Settings())
    theme = load_theme()
    times["plan"] += clock() - start
    finished: list[Any] = []
    for kind in KINDS.values():
        for target in kind.targets(unit, settings):
            start = clock()
            wording = wording_for(unit)
            context = Context(settings, PAPER[settings.paper or "a4"], theme, wording, tuple(finished), KINDS)
            plan = kind.plan(unit, target, context)
            planned = clock()
            rendered = kind.render(plan, context)
            drawn = clock()
            write_atomically(out / target.filename, rendered.pdf)
            times["plan"] += planned - start
            times["render"] += drawn - planned
            times["write"] += clock() - drawn
            finished.append((target, rendered.pdf, rendered.pages))
    times["files"] = len(finished)
    return times


def wording_for(unit: Any) -> Any:
    """A fresh Wording per output, as ``build.render_job`` makes one."""
    from compiler.wording import Wording

    return Wording(None, unit.unit.language)


def worker_four(out: Path) -> dict[str, float]:
    """printpack's side of the four-document job: exactly the four files floor.py draws,
    through the library (load, validate, plan, render, write), nothing else."""
    from compiler.build.loading import unit_settings
    from compiler.fsio import write_atomically
    from compiler.kinds import KINDS
    from compiler.outputs import Context, Settings
    from compiler.source import load_file
    from compiler.theme import PAPER, load_theme
    from compiler.validate import validate_unit
    from compiler.wording import languages

    unit = validate_unit(load_file(FOUR_DOCUMENTS), languages(None))
    settings = unit_settings(unit, Settings())
    theme = load_theme()
    out.mkdir(parents=True, exist_ok=True)
    made = 0
    for name in ("worksheet", "cardsort", "timeline"):
        kind = KINDS[name]
        for target in kind.targets(unit, settings):
            if target.filename in FOUR_FILES:
                context = Context(settings, PAPER[settings.paper or "a4"], theme, wording_for(unit))
                write_atomically(out / target.filename, kind.render(kind.plan(unit, target, context), context).pdf)
                made += 1
    if made != len(FOUR_FILES):
        raise SystemExit(f"expected {len(FOUR_FILES)} documents, made {made}")
    return {"files": made}


def worker_warm(unit: Path, out: Path, runs: int) -> dict[str, float]:
    """The one-card edit inside one long-lived process, as ``printpack watch`` runs it.

    The first edit and build warm the process up (imports, fonts, caches); each later edit is
    timed. The median of those is the figure.
    """
    from compiler.build import Request, build

    text = unit.read_text(encoding="utf-8")
    request = Request(paths=(unit,), out=out)
    times = []
    for n in range(runs + 1):
        unit.write_text(text.replace(EDITED_CARD, f"{EDITED_CARD} (warm edit {n})"), encoding="utf-8")
        started = time.perf_counter()
        report = build(request)
        times.append(time.perf_counter() - started)
        if report.problems or any(u.problems for u in report.units):
            raise SystemExit("the warm rebuild failed")
    warmed = sorted(times[1:])
    return {"seconds": warmed[len(warmed) // 2], "first": times[0]}


def worker_floor_validated(out: Path) -> dict[str, float]:
    """The floor with only what printpack cannot leave out in front of it: validating the unit
    into its pydantic model (pydantic's import and the models included) and importing Jinja.
    Its ratio to the plain floor is the least any printpack that validates can score."""
    import jinja2

    from compiler.source import load_file
    from compiler.validate import validate_unit
    from compiler.wording import languages

    del jinja2
    validate_unit(load_file(FOUR_DOCUMENTS), languages(None))
    sys.argv = ["floor.py", str(out)]
    import floor

    floor.main()
    return {"files": 4}


def worker(arguments: list[str]) -> None:
    name, *rest = arguments
    if name == "phases":
        figures = worker_phases(Path(rest[0]))
    elif name == "four":
        figures = worker_four(Path(rest[0]))
    elif name == "floor-validated":
        figures = worker_floor_validated(Path(rest[0]))
    elif name == "warm":
        figures = worker_warm(Path(rest[0]), Path(rest[1]), int(rest[2]))
    else:
        raise SystemExit(f"unknown worker {name}")
    import json

    print(json.dumps(figures))


if __name__ == "__main__":
    worker(sys.argv[1:])
