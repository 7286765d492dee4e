"""printpack's performance benchmark: ``python benchmarks/run.py [--quick]``.

Run it from the repository root with printpack installed. It measures, on the machine it runs
on, every figure of issue 7 (SPEC.md section 7), prints one row per figure with its target and
PASS or FAIL, and writes ``benchmarks/results.json`` so that runs can be compared.

Every figure is a whole process (Python start-up included), the median of several runs, unless
its name says "in-process" or "warm". The in-process parts run in a fresh child process too
(``run.py worker ...``), so that their import times are cold. No test in ``tests/`` times
anything: this is the only place that does.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from workers import EDITED_CARD  # run.py is run as a script, so its folder is on sys.path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHIPPED = REPO / "resources" / "soviet-foreign-policy.yaml"
FOUR_DOCUMENTS = HERE / "four-documents.yaml"
FLOOR = HERE / "floor.py"
WORKERS = HERE / "workers.py"
PYTHON = sys.executable
GNU_TIME = Path("/usr/bin/time")

# Sizes of the generated units: (events, cards, questions).
FULL = (2000, 1000, 500)
TENTH = (200, 100, 50)
MEDIUM = (100, 50, 25)  # one of the 20 units of the --jobs benchmark: 1/20 of full size


# --- measuring ----------------------------------------------------------------------------------


def whole_process(command: list[str]) -> float:
    """Seconds one process took from start to exit; it must succeed."""
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - started


def median_of(measure: Callable[[], float], runs: int) -> float:
    return statistics.median(measure() for _ in range(runs))


def timed_with_peak(command: list[str]) -> tuple[float, float]:
    """Seconds and peak resident memory (MB) of one process.

    GNU time reports the peak of the process it waits for; without it, the fallback is
    ``RUSAGE_CHILDREN``, the largest child this benchmark has waited for so far, which is only
    right because the growth benchmark runs the smaller unit first.
    """
    import resource

    if not GNU_TIME.exists():
        seconds = whole_process(command)
        return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    with tempfile.NamedTemporaryFile("r", suffix=".txt") as report:
        seconds = whole_process([str(GNU_TIME), "-o", report.name, "-f", "%M", *command])
        peak_kb = int(Path(report.name).read_text().split()[-1])
    return seconds, peak_kb / 1024


def printpack(*arguments: str) -> list[str]:
    return [PYTHON, "-m", "compiler", *arguments]


def in_child(*arguments: str) -> Any:
    """Run ``workers.py ...`` in a fresh process and return the JSON it prints."""
    done = subprocess.run([PYTHON, str(WORKERS), *arguments],
                          cwd=REPO, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


# --- generated units ---------------------------------------------------------------------------

WORDS = (
    "treaty", "alliance", "border", "army", "congress", "revolution", "trade", "recognition",
    "conference", "pact", "ministry", "embassy", "frontier", "harvest", "famine", "purge",
    "election", "crisis", "summit", "league", "protest", "strike", "reform", "loan", "tariff",
    "railway", "fleet", "colony", "charter", "decree", "mandate",
)


def phrase(rng: random.Random, low: int, high: int) -> str:
    """Some words, capitalised, of a length between low and high."""
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize()


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def events_yaml(rng: random.Random, count: int, first_year: int, years: int) -> Iterator[str]:
    """Events spread evenly over ``years`` years, so that the poster has room for their labels."""
    yield "events:"
    for n in range(count):
        position = n * years / count
        date = f"{first_year + int(position):04d}-{1 + int(position % 1 * 12):02d}-{1 + n * 7 % 28:02d}"
        yield f"  - id: e{n}\n    date: '{date}'\n    title: {quoted(phrase(rng, 2, 5))}\n    themes: [t{n % 3}]"
        yield f"    detail: {quoted(phrase(rng, 8, 20) + '.')}\n    key: {'true' if n % 10 == 0 else 'false'}"


def sections_yaml(rng: random.Random, count: int, events: int) -> Iterator[str]:
    yield "sections:"
    for n in range(count):
        linked = ", ".join(f"e{(n * 7 + k) % events}" for k in range(3))
        yield f"  - heading: {quoted(phrase(rng, 2, 5))}"
        yield f"    theme: t{n % 3}"
        yield f"    text: {quoted(' '.join(phrase(rng, 8, 16) + '.' for _ in range(6)))}"
        yield "    points:"
        yield from (f"      - {quoted(phrase(rng, 6, 14) + '.')}" for _ in range(4))
        yield f"    events: [{linked}]"
        yield f"    terms: [Term {n % 20}]"


def card_sorts_yaml(rng: random.Random, cards: int, per_sort: int) -> Iterator[str]:
    yield "card_sorts:"
    for s in range(max(1, cards // per_sort)):
        yield f"  - id: sort-{s}\n    title: {quoted(phrase(rng, 3, 6))}\n    mode: categories"
        yield "    categories: [{id: for, label: Supports the view}, {id: against, label: Challenges the view}]"
        yield "    cards:"
        for n in range(min(per_sort, cards)):
            yield f"      - {{text: {quoted(phrase(rng, 6, 18) + '.')}, category: {'for' if n % 2 else 'against'}}}"


def question_yaml(rng: random.Random, n: int) -> str:
    """One question of a type chosen by its number, so every worksheet mixes all types but extended."""
    kind = ("choice", "true_false", "short", "gap_fill", "match", "order")[n % 6]
    if kind == "choice":
        options = [phrase(rng, 1, 4) + f" {k}" for k in range(4)]
        return (f"{{type: choice, prompt: {quoted(phrase(rng, 6, 14) + '?')}, "
                f"options: [{', '.join(map(quoted, options))}], answer: {quoted(options[1])}}}")
    if kind == "true_false":
        return f"{{type: true_false, statement: {quoted(phrase(rng, 6, 14) + '.')}, answer: {'true' if n % 4 else 'false'}}}"
    if kind == "short":
        return (f"{{type: short, prompt: {quoted(phrase(rng, 8, 16) + '?')}, "
                f"answer: {quoted(phrase(rng, 15, 30) + '.')}, lines: 4, marks: 3}}")
    if kind == "gap_fill":
        return (f"{{type: gap_fill, text: {quoted(phrase(rng, 3, 6) + ' [[gap' + str(n) + ']] ' + phrase(rng, 3, 6))},"
                f" word_bank: true, distractors: [other{n}, more{n}]}}")
    if kind == "match":
        pairs = ", ".join(f"[{quoted(f'Item {n}-{k}')}, {quoted(phrase(rng, 3, 7))}]" for k in range(4))
        return f"{{type: match, prompt: Match each item to its description., pairs: [{pairs}], marks: 4}}"
    items = ", ".join(quoted(f"Step {k} of {n}: " + phrase(rng, 2, 4)) for k in range(4))
    return f"{{type: order, prompt: Put these in order., items: [{items}], marks: 2}}"


def worksheets_yaml(rng: random.Random, questions: int, per_sheet: int, versions: int = 1) -> Iterator[str]:
    yield "worksheets:"
    for w in range(max(1, questions // per_sheet)):
        yield f"  - id: sheet-{w}\n    title: {quoted(phrase(rng, 3, 6))}\n    versions: {versions}\n    questions:"
        yield from (f"      - {question_yaml(rng, n)}" for n in range(min(per_sheet, questions)))


def generated_unit(unit_id: str, size: tuple[int, int, int], *, poster: str = "a0", seed: int = 1) -> str:
    """A valid unit of ``size`` = (events, cards, questions), with people, a glossary, one
    section per 20 events, card sorts of 50 cards and worksheets of 50 questions (fewer when
    the unit is smaller). Events are spread at about two a year so that a poster can label them."""
    events, cards, questions = size
    rng = random.Random(seed)
    lines = [
        "format: 1",
        f"unit: {{id: {unit_id}, title: {quoted('Generated unit ' + unit_id)}, licence: CC0}}",
        f"outputs: {{timeline: {{paper: {poster}}}}}",
        "themes: [{id: t0, label: Politics}, {id: t1, label: Economy}, {id: t2, label: Society}]",
        "people:",
        *(f"  - {{id: p{n}, name: Person {n}, role: {quoted(phrase(rng, 2, 5))}}}" for n in range(20)),
        "glossary:",
        *(f"  - {{term: Term {n}, definition: {quoted(phrase(rng, 6, 14) + '.')}}}" for n in range(20)),
        *events_yaml(rng, events, 1000, max(10, events // 2)),
        *sections_yaml(rng, max(1, events // 20), events),
        *card_sorts_yaml(rng, cards, 50),
        *worksheets_yaml(rng, questions, 50),
    ]
    return "\n".join(lines) + "\n"


def four_documents_unit() -> str:
    """The text of ``four-documents.yaml`` (kept in the repository; regenerate with
    ``python benchmarks/run.py worker write-four``): one 40-question worksheet (one version:
    a sheet and a key), one 24-card categories sort and 40 events over 80 years."""
    rng = random.Random(4)
    lines = [
        "# The benchmark's four-document job: a 40-question worksheet and its key, a 24-card sort and",
        "# a 40-event A3 timeline. benchmarks/floor.py draws the same four by hand with ReportLab;",
        "# benchmarks/run.py builds exactly these four with printpack. Generated by run.py.",
        "format: 1",
        "unit: {id: four-documents, title: Four documents, licence: CC0}",
        "themes: [{id: t0, label: Politics}, {id: t1, label: Economy}, {id: t2, label: Society}]",
        *events_yaml(rng, 40, 1900, 80),
        "card_sorts:",
        "  - id: sort",
        "    title: Was the policy a success?",
        "    mode: categories",
        "    categories: [{id: for, label: A success}, {id: against, label: A failure}]",
        "    cards:",
        *(f"      - {{text: {quoted(phrase(rng, 6, 18) + '.')}, category: {'for' if n % 2 else 'against'}}}"
          for n in range(24)),
        "worksheets:",
        "  - id: quiz\n    title: Forty questions\n    versions: 1\n    questions:",
        *(f"      - {question_yaml(rng, n)}" for n in range(40)),
    ]
    return "\n".join(lines) + "\n"


# --- the benchmarks ----------------------------------------------------------------------------


def cold_build(scratch: Path, runs: int) -> dict[str, float]:
    """The shipped unit from nothing (--force), whole process, with the CLI's default --jobs."""
    out = scratch / "cold"
    command = printpack("build", str(SHIPPED), "--out", str(out), "--force", "--quiet")
    return {"seconds": median_of(lambda: whole_process(command), runs),
            "python_startup": median_of(lambda: whole_process([PYTHON, "-c", "pass"]), runs)}


def phases(scratch: Path, runs: int) -> dict[str, float]:
    """The in-process phase split, median of each phase over ``runs`` fresh processes."""
    samples = [in_child("phases", str(scratch / f"phases-{n}")) for n in range(runs)]
    return {key: statistics.median(s[key] for s in samples) for key in samples[0]}


def four_documents(scratch: Path, runs: int) -> dict[str, float]:
    """printpack against the hand-written floor on the same four documents, alternating."""
    ours, floors, validated, cli = [], [], [], []
    for n in range(runs):
        ours.append(whole_process([PYTHON, str(WORKERS), "four", str(scratch / f"four-{n}")]))
        floors.append(whole_process([PYTHON, str(FLOOR), str(scratch / f"floor-{n}")]))
        validated.append(whole_process([PYTHON, str(WORKERS), "floor-validated", str(scratch / f"validated-{n}")]))
        cli.append(whole_process(printpack("build", str(FOUR_DOCUMENTS), "--out", str(scratch / f"cli-{n}"),
                                           "--only", "worksheet,cardsort,timeline", "--force", "--quiet")))
    mine, floor, least = statistics.median(ours), statistics.median(floors), statistics.median(validated)
    return {"printpack": mine, "floor": floor, "ratio": mine / floor, "cli_six_files": statistics.median(cli),
            "floor_validated": least, "floor_validated_ratio": least / floor}


def copy_of_shipped(scratch: Path, name: str) -> Path:
    """The shipped unit in a folder of its own, with the pictures it names."""
    folder = scratch / name
    folder.mkdir()
    shutil.copytree(SHIPPED.parent / "pictures", folder / "pictures")
    return Path(shutil.copy(SHIPPED, folder / SHIPPED.name))


def no_op(scratch: Path, runs: int) -> dict[str, float]:
    """The shipped unit built once, then again with nothing changed (no --force)."""
    unit = copy_of_shipped(scratch, "no-op")
    command = printpack("build", str(unit), "--out", str(scratch / "no-op-out"), "--quiet")
    whole_process(command)
    return {"seconds": median_of(lambda: whole_process(command), runs)}


def one_card(scratch: Path, runs: int) -> dict[str, float]:
    """The rebuild after changing one card's text: a new text every run, whole process."""
    unit = copy_of_shipped(scratch, "edit")
    out = scratch / "edit-out"
    text = unit.read_text(encoding="utf-8")
    if EDITED_CARD not in text:
        raise SystemExit(f"the card to edit is no longer in {SHIPPED}")
    command = printpack("build", str(unit), "--out", str(out), "--quiet")
    whole_process(command)
    times = []
    for n in range(runs):
        unit.write_text(text.replace(EDITED_CARD, f"{EDITED_CARD} (edit {n})"), encoding="utf-8")
        times.append(whole_process(command))
    warm = in_child("warm", str(unit), str(out), str(runs))
    return {"seconds": statistics.median(times), "warm_seconds": warm["seconds"], "warm_first": warm["first"]}


def growth(scratch: Path, runs: int) -> dict[str, Any]:
    """Whole-process time and peak memory at 1/10 and full size, serial (--jobs 1) so that the
    time is the work and the peak is one process's. If the timeline cannot place the full
    unit's events, the timeline is left out at both sizes, and the result says so."""
    units = {}
    for name, size in (("tenth", TENTH), ("full", FULL)):
        units[name] = scratch / "growth" / name / f"generated-{name}.yaml"
        units[name].parent.mkdir(parents=True)
        units[name].write_text(generated_unit(f"generated-{name}", size), encoding="utf-8")
        subprocess.run(printpack("check", str(units[name]), "--quiet"), check=True, cwd=REPO)
    figures: dict[str, Any] = {"timeline_excluded": None}
    only: list[str] = []
    trial = subprocess.run(printpack("build", str(units["full"]), "--out", str(scratch / "growth-trial"),
                                     "--quiet", "--jobs", "1"), cwd=REPO, capture_output=True, text=True, check=False)
    if trial.returncode != 0:
        figures["timeline_excluded"] = (trial.stderr.strip().splitlines() or ["(no message)"])[0][:300]
        only = ["--only", "handout,cardsort,worksheet,pack"]
    for name in ("tenth", "full"):
        command = printpack("build", str(units[name]), "--out", str(scratch / f"growth-{name}"), "--force",
                            "--quiet", "--jobs", "1", *only)
        samples = [timed_with_peak(command) for _ in range(runs)]
        figures[f"{name}_seconds"] = statistics.median(s for s, _ in samples)
        figures[f"{name}_peak_mb"] = max(p for _, p in samples)
    figures["time_ratio"] = figures["full_seconds"] / figures["tenth_seconds"]
    return figures


def parallel(scratch: Path, runs: int) -> dict[str, float]:
    """--jobs 1 against --jobs 2 on 20 medium units with distinct ids, alternating."""
    folder = scratch / "twenty"
    folder.mkdir()
    for n in range(20):
        unit_id = f"medium-{n:02d}"
        (folder / f"{unit_id}.yaml").write_text(generated_unit(unit_id, MEDIUM, poster="a1", seed=n),
                                                encoding="utf-8")
    subprocess.run(printpack("check", str(folder), "--quiet"), check=True, cwd=REPO)
    samples: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(runs):
        for jobs in (1, 2):
            samples[jobs].append(whole_process(printpack("build", str(folder), "--out", str(scratch / f"j{jobs}"),
                                                         "--force", "--quiet", "--jobs", str(jobs))))
    one, two = statistics.median(samples[1]), statistics.median(samples[2])
    return {"jobs_1": one, "jobs_2": two, "speed_up": one / two}


# --- reporting ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    name: str
    value: float
    unit: str
    target: tuple[str, float] | None = None  # ("<=", 0.15): the value must be at most 0.15

    def verdict(self) -> str:
        if self.target is None:
            return ""
        sign, bound = self.target
        return "PASS" if (self.value <= bound if sign == "<=" else self.value >= bound) else "FAIL"


def rows(r: dict[str, Any]) -> list[Row]:
    p, four, g, par = r["phases"], r["four_documents"], r["growth"], r["parallel"]
    return [
        Row("cold build, shipped unit (16 files)", r["cold"]["seconds"], "s"),
        Row("  python start-up alone", r["cold"]["python_startup"], "s"),
        Row("  in-process, serial: import", p["import"], "s"),
        Row("  in-process, serial: load + validate", p["load+validate"], "s"),
        Row("  in-process, serial: plan", p["plan"], "s"),
        Row("  in-process, serial: render", p["render"], "s"),
        Row("  in-process, serial: write", p["write"], "s"),
        Row("four documents: printpack", four["printpack"], "s"),
        Row("four documents: hand-written floor", four["floor"], "s"),
        Row("four documents: ratio printpack/floor", four["ratio"], "x", ("<=", 1.3)),
        Row("  CLI --only worksheet,cardsort,timeline", four["cli_six_files"], "s"),
        Row("  floor + validation (pydantic, Jinja)", four["floor_validated"], "s"),
        Row("  its ratio to the floor: the least possible", four["floor_validated_ratio"], "x"),
        Row("no-op rebuild, shipped unit", r["no_op"]["seconds"], "s", ("<=", 0.15)),
        Row("one-card edit", r["one_card"]["seconds"], "s", ("<=", 0.35)),
        Row("one-card edit, warm (watch)", r["one_card"]["warm_seconds"], "s", ("<=", 0.05)),
        Row("growth: 1/10 size", g["tenth_seconds"], "s"),
        Row("growth: full size", g["full_seconds"], "s"),
        Row("growth: time ratio full / (1/10)", g["time_ratio"], "x", ("<=", 11)),
        Row("growth: peak memory, 1/10 size", g["tenth_peak_mb"], "MB"),
        Row("growth: peak memory, full size", g["full_peak_mb"], "MB", ("<=", 250)),
        Row("20 units: --jobs 1", par["jobs_1"], "s"),
        Row("20 units: --jobs 2", par["jobs_2"], "s"),
        Row("20 units: speed-up --jobs 2", par["speed_up"], "x", (">=", 1.7)),
    ]


def print_table(table: list[Row]) -> None:
    print(f"{'measurement':44} {'value':>10}  {'target':9} verdict")
    for row in table:
        target = f"{row.target[0]} {row.target[1]:g}" if row.target else ""
        print(f"{row.name:44} {row.value:>8.3f} {row.unit:<2} {target:9} {row.verdict()}")


def machine() -> dict[str, str]:
    cpu = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                    if line.startswith("model name")), "")
    return {"cores": str(os.cpu_count()), "cpu": cpu, "python": platform.python_version(),
            "system": platform.platform()}


def versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for name in ("printpack", "reportlab", "pydantic", "jinja2", "pypdf", "pyyaml"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    return found


def compile_bytecode() -> None:
    """Write printpack's bytecode first, as ``pip install`` does. An editable install run with
    PYTHONDONTWRITEBYTECODE set (as on the project's machine) would otherwise compile every
    module from source in every process, about 0.1 s that no installed copy pays."""
    import compileall

    compileall.compile_dir(REPO / "compiler", quiet=1)


def main() -> None:
    if sys.argv[1:3] == ["worker", "write-four"]:
        FOUR_DOCUMENTS.write_text(four_documents_unit(), encoding="utf-8")
        return
    parser = argparse.ArgumentParser(description="Measure printpack against the targets of issue 7.")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, for a smoke test")
    quick = parser.parse_args().quick
    runs, heavy_runs = (2, 1) if quick else (7, 3)
    steps: list[tuple[str, Callable[[Path, int], dict[str, Any]], int]] = [
        ("cold", cold_build, runs), ("phases", phases, runs), ("four_documents", four_documents, runs),
        ("no_op", no_op, runs), ("one_card", one_card, runs), ("growth", growth, heavy_runs),
        ("parallel", parallel, heavy_runs),
    ]
    compile_bytecode()
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="printpack-bench-") as folder:
        for name, step, count in steps:
            started = time.perf_counter()
            results[name] = step(Path(folder), count)
            print(f"  ... {name} done in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    table = rows(results)
    print_table(table)
    document = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "printpack": versions()["printpack"],
        "versions": versions(),
        "machine": machine(),
        "runs": {"default": runs, "growth_and_parallel": heavy_runs, "quick": quick},
        "results": results,
        "verdicts": {row.name.strip(): row.verdict() for row in table if row.target},
    }
    (HERE / "results.json").write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
