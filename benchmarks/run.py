"""printpack's performance benchmark: ``python benchmarks/run.py [--quick]``.

Every figure is a whole process (Python start-up included) unless it says "warm" or
"in-process", measured as the median of several runs on the machine it runs on. It prints a
table with each figure, its target and PASS or FAIL, and writes ``benchmarks/results.json``.
No timing happens inside the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHIPPED = REPO / "resources" / "soviet-foreign-policy.yaml"
PYTHON = sys.executable

# The four-document job, as printpack: exactly the four files floor.py draws, whole process.
FOUR_DOCUMENTS = """
import sys
from pathlib import Path
from compiler.build import Job, load_units, render_job, unit_settings, unit_targets
from compiler.fsio import write_atomically
from compiler.outputs import Settings
from compiler.theme import load_theme
out = Path(sys.argv[1])
(item,), _ = load_units([Path(sys.argv[2])], None)
settings = unit_settings(item.unit, Settings())
theme = load_theme()
wanted = {"worksheet-quiz.pdf", "worksheet-quiz-key.pdf", "cardsort-sort.pdf", "timeline.pdf"}
for target in unit_targets(item.unit, settings):
    if target.filename in wanted:
        result = render_job(Job(item.unit, target, settings, theme))
        write_atomically(out / target.filename, result.rendered.pdf)
"""


def run(command: list[str], env: dict[str, str] | None = None) -> float:
    """Seconds one whole process took."""
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=REPO, env={**os.environ, **(env or {})},
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def median(measure: Callable[[], float], runs: int) -> float:
    return statistics.median(measure() for _ in range(runs))


def peak_memory_mb(command: list[str]) -> float:
    """Peak resident memory of one process, read back by a wrapper in that same process."""
    wrapper = ("import resource, runpy, sys; sys.argv = sys.argv[1:]\n"
               "try:\n    runpy.run_module('compiler', run_name='__main__')\nexcept SystemExit:\n    pass\n"
               "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)")
    done = subprocess.run([PYTHON, "-c", wrapper, "printpack", *command], cwd=REPO, capture_output=True, text=True,
                          check=False)
    return int(done.stderr.strip().splitlines()[-1]) / 1024


def printpack(*arguments: str) -> list[str]:
    return [PYTHON, "-m", "compiler", *arguments]


def cold_build(scratch: Path, runs: int) -> dict[str, float]:
    out = scratch / "cold"
    figure = median(lambda: run(printpack("build", str(SHIPPED), "--out", str(out), "--force", "-q")), runs)
    return {"seconds": figure}


def phases(scratch: Path) -> dict[str, float]:
    """The cold build split into import, load+validate, plan, render and write (in-process,
    one process, serial)."""
    script = f"""
import json, time
t0 = time.perf_counter()
from pathlib import Path
from compiler.build import load_units, unit_settings, unit_targets
from compiler.kinds import KINDS
from compiler.outputs import Context, Settings
from compiler.theme import PAPER, load_theme
from compiler.wording import Wording
from compiler.fsio import write_atomically
import compiler.draw.handout, compiler.draw.worksheet, compiler.draw.cardsort, compiler.draw.timeline, compiler.draw.pack
t1 = time.perf_counter()
(item,), _ = load_units([Path({str(SHIPPED)!r})], None)
t2 = time.perf_counter()
settings = unit_settings(item.unit, Settings())
theme = load_theme()
plans, plan_time, render_time, write_time, done = [], 0.0, 0.0, 0.0, []
for target in unit_targets(item.unit, settings):
    context = Context(settings, PAPER[settings.paper], theme, Wording(None, item.unit.unit.language), tuple(done))
    kind = KINDS[target.kind]
    a = time.perf_counter(); plan = kind.plan(item.unit, target, context); b = time.perf_counter()
    rendered = kind.render(plan, context); c = time.perf_counter()
    write_atomically(Path({str(scratch)!r}) / "phases" / target.filename, rendered.pdf); d = time.perf_counter()
    done.append((target, rendered.pdf))
    plan_time += b - a; render_time += c - b; write_time += d - c
print(json.dumps({{"import": t1 - t0, "load+validate": t2 - t1, "plan": plan_time, "render": render_time,
                  "write": write_time}}))
"""
    done = subprocess.run([PYTHON, "-c", script], cwd=REPO, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def four_documents(scratch: Path, runs: int) -> dict[str, float]:
    """printpack against the hand-written floor, alternating, medians of both."""
    unit = HERE / "four-documents.yaml"
    ours, floors = [], []
    for n in range(runs):
        ours.append(run([PYTHON, "-c", FOUR_DOCUMENTS, str(scratch / f"four-{n}"), str(unit)]))
        floors.append(run([PYTHON, str(HERE / "floor.py"), str(scratch / f"floor-{n}")]))
    mine, floor = statistics.median(ours), statistics.median(floors)
    return {"printpack": mine, "floor": floor, "ratio": mine / floor}


def edits(scratch: Path, runs: int) -> dict[str, float]:
    """No-op rebuild, and the rebuild after editing one card: whole process, and warm."""
    unit = scratch / "units" / "soviet-foreign-policy.yaml"
    unit.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(SHIPPED, unit)
    out = scratch / "edits"
    run(printpack("build", str(unit), "--out", str(out), "-q"))
    no_op = median(lambda: run(printpack("build", str(unit), "--out", str(out), "-q")), runs)
    text = unit.read_text(encoding="utf-8")

    def edit_once(counter: list[int] = [0]) -> float:  # noqa: B006 - a counter kept between calls
        counter[0] += 1
        unit.write_text(text.replace("To buy time to rebuild", f"To buy time ({counter[0]}) to rebuild"), encoding="utf-8")
        return run(printpack("build", str(unit), "--out", str(out), "-q", "-j", "1"))

    one_card = median(edit_once, runs)
    warm_script = f"""
import time
from pathlib import Path
from compiler.build import Request, build
unit, out = Path({str(unit)!r}), Path({str(out)!r})
text = unit.read_text(encoding="utf-8")
build(Request(paths=(unit,), out=out, jobs=1))
times = []
for n in range({runs}):
    unit.write_text(text.replace("Stalin suspected that", f"Stalin ({{n}}) suspected that"), encoding="utf-8")
    started = time.perf_counter()
    build(Request(paths=(unit,), out=out, jobs=1))
    times.append(time.perf_counter() - started)
print(sorted(times)[len(times) // 2])
"""
    done = subprocess.run([PYTHON, "-c", warm_script], cwd=REPO, capture_output=True, text=True, check=True)
    return {"no_op": no_op, "one_card": one_card, "one_card_warm": float(done.stdout)}


def generated_unit(scale: float) -> str:
    """A unit of 2,000 events, 1,000 cards and 500 questions at scale 1 (fewer at smaller scales)."""
    events, cards, questions = int(2000 * scale), int(1000 * scale), int(500 * scale)
    lines = ["format: 1", "unit: {id: generated, title: A generated unit}", "glossary:"]
    lines += [f"  - {{term: Term {n}, definition: The meaning of term {n}.}}" for n in range(max(10, events // 20))]
    lines.append("events:")
    lines += [f"  - {{id: e{n}, date: {1000 + n // 2}-{1 + n % 12:02d}, title: Event {n}}}" for n in range(events)]
    lines.append("sections:")
    for s in range(max(1, events // 40)):
        lines.append(f"  - heading: Section {s}\n    text: {'Some prose about the period. ' * 30}\n"
                     f"    events: [e{s * 40}, e{s * 40 + 1}]")
    lines.append("card_sorts:")
    for s in range(max(1, cards // 25)):
        lines.append(f"  - id: sort-{s}\n    title: Sort {s}\n    categories: [{{id: a, label: A}}, {{id: b, label: B}}]\n"
                     "    cards:")
        lines += [f"      - {{text: Card {s}-{n} says something worth sorting., category: {'a' if n % 2 else 'b'}}}"
                  for n in range(25)]
    lines.append("worksheets:")
    for w in range(max(1, questions // 50)):
        lines.append(f"  - id: sheet-{w}\n    title: Worksheet {w}\n    questions:")
        lines += [f"      - {{type: choice, prompt: Question {n}?, options: [a{n}, b{n}, c{n}], answer: b{n}}}"
                  for n in range(50)]
    return "\n".join(lines) + "\n"


def growth(scratch: Path, runs: int) -> dict[str, float]:
    """Time and peak memory at 1/10 and full size. The timeline is left out: 2,000 events
    cannot all be labelled on one poster, and printpack says so rather than overlap them."""
    figures: dict[str, float] = {}
    for name, scale in (("tenth", 0.1), ("full", 1.0)):
        unit = scratch / f"{name}.yaml"
        unit.write_text(generated_unit(scale), encoding="utf-8")
        arguments = ["build", str(unit), "--out", str(scratch / f"out-{name}"), "--force", "-q", "-j", "1",
                     "--only", "handout,cardsort,worksheet,pack"]
        figures[f"{name}_seconds"] = median(lambda arguments=arguments: run(printpack(*arguments)), max(1, runs // 2))
        figures[f"{name}_peak_mb"] = peak_memory_mb(arguments)
    figures["time_ratio"] = figures["full_seconds"] / figures["tenth_seconds"]
    return figures


def parallel(scratch: Path, runs: int) -> dict[str, float]:
    """--jobs 2 against --jobs 1 on 20 medium units."""
    folder = scratch / "twenty"
    folder.mkdir()
    text = generated_unit(0.05)
    for n in range(20):
        (folder / f"unit-{n}.yaml").write_text(text.replace("id: generated", f"id: generated-{n}"), encoding="utf-8")
    figures = {}
    for jobs in (1, 2):
        arguments = ["build", str(folder), "--out", str(scratch / f"j{jobs}"), "--force", "-q", "-j", str(jobs)]
        figures[f"jobs_{jobs}"] = median(lambda arguments=arguments: run(printpack(*arguments)), max(1, runs // 2))
    figures["speed_up"] = figures["jobs_1"] / figures["jobs_2"]
    return figures


def machine() -> dict[str, str]:
    cpu = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                    if line.startswith("model name")), "")
    return {"cores": str(os.cpu_count()), "cpu": cpu, "python": platform.python_version(), "system": platform.platform()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, for a smoke test")
    runs = 3 if parser.parse_args().quick else 7
    from compiler import __version__

    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        results = {
            "cold": cold_build(scratch, runs),
            "phases": phases(scratch),
            "four_documents": four_documents(scratch, runs),
            "edits": edits(scratch, runs),
            "growth": growth(scratch, runs),
            "parallel": parallel(scratch, runs),
        }
    rows = [
        ("cold build, shipped unit", results["cold"]["seconds"], "s", None),
        ("  import", results["phases"]["import"], "s", None),
        ("  load + validate", results["phases"]["load+validate"], "s", None),
        ("  plan", results["phases"]["plan"], "s", None),
        ("  render", results["phases"]["render"], "s", None),
        ("  write", results["phases"]["write"], "s", None),
        ("four documents: printpack", results["four_documents"]["printpack"], "s", None),
        ("four documents: hand-written floor", results["four_documents"]["floor"], "s", None),
        ("four documents: ratio", results["four_documents"]["ratio"], "x", ("<=", 1.3)),
        ("no-op rebuild", results["edits"]["no_op"], "s", ("<=", 0.15)),
        ("one-card edit", results["edits"]["one_card"], "s", ("<=", 0.35)),
        ("one-card edit, warm (watch)", results["edits"]["one_card_warm"], "s", ("<=", 0.05)),
        ("growth: 1/10 size", results["growth"]["tenth_seconds"], "s", None),
        ("growth: full size", results["growth"]["full_seconds"], "s", None),
        ("growth: time ratio", results["growth"]["time_ratio"], "x", ("<=", 11)),
        ("growth: peak memory, full size", results["growth"]["full_peak_mb"], "MB", ("<=", 250)),
        ("20 units, --jobs 1", results["parallel"]["jobs_1"], "s", None),
        ("20 units, --jobs 2", results["parallel"]["jobs_2"], "s", None),
        ("--jobs 2 speed-up", results["parallel"]["speed_up"], "x", (">=", 1.7)),
    ]
    verdicts = {}
    print(f"{'measurement':40} {'value':>10}  target     verdict")
    for name, value, unit, target in rows:
        verdict, wanted = "", ""
        if target:
            sign, bound = target
            passed = value <= bound if sign == "<=" else value >= bound
            verdict, wanted = ("PASS" if passed else "FAIL"), f"{sign} {bound:g}"
            verdicts[name.strip()] = verdict
        print(f"{name:40} {value:>9.3f}{unit:<2} {wanted:10} {verdict}")
    document = {"date": datetime.now(UTC).isoformat(timespec="seconds"), "printpack": __version__,
                "machine": machine(), "runs": runs, "results": results, "verdicts": verdicts}
    (HERE / "results.json").write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
