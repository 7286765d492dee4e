"""Rendering in worker processes: the same bytes whatever the number of workers, problems carried back."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

from compiler.build import Request, build
from compiler.kinds import registered
from compiler.outputs import Context, Rendered, Settings
from compiler.report import OutputRecord
from tests import tagged
from tests.conftest import SMALL_UNIT, needs_fork
from tests.kinds.wordlist import WORDLIST
from tests.kinds.wordlist import draw as wordlist_draw
from tests.kinds.wordlist.plan import WordlistPlan


def test_builds_are_byte_identical_across_processes(unit_file, tmp_path: Path) -> None:
    unit = unit_file()
    digests = []
    for n in (1, 2):
        out = tmp_path / f"out{n}"
        subprocess.run([sys.executable, "-m", "compiler", "build", str(unit), "--out", str(out), "--quiet"],
                       check=True, env={**os.environ, "PYTHONHASHSEED": str(n)})
        digests.append(hashlib.sha256((out / "small" / "handout.pdf").read_bytes()).hexdigest())
    assert digests[0] == digests[1]


def test_parallel_builds_give_the_same_bytes_and_manifest(unit_file, tmp_path: Path) -> None:
    units = [unit_file(SMALL_UNIT.replace("id: small", f"id: small-{n}"), name=f"u/{n}.yaml") for n in range(3)]
    unit_file("format: 1\nunit: {id: broken, title: Broken}\nevents: [{id: e, date: 1917-13-01, title: X}]\n",
              name="u/broken.yaml")
    serial = build(Request(paths=(units[0].parent,), out=tmp_path / "serial", jobs=1))
    parallel = build(Request(paths=(units[0].parent,), out=tmp_path / "parallel", jobs=2))
    assert [u.unit for u in serial.units if u.problems] == [u.unit for u in parallel.units if u.problems] == [None]
    assert serial.count("built") == parallel.count("built")
    assert len(list((tmp_path / "parallel").glob("small-*/pack.pdf"))) == 3
    for pdf in sorted((tmp_path / "serial").glob("small-*/*.pdf")):
        assert pdf.read_bytes() == (tmp_path / "parallel" / pdf.relative_to(tmp_path / "serial")).read_bytes(), pdf
    manifest = (tmp_path / "serial" / "manifest.json").read_text(encoding="utf-8")
    assert manifest == (tmp_path / "parallel" / "manifest.json").read_text(encoding="utf-8")


def test_jobs_do_not_change_the_bytes(shipped_copy: Path, tmp_path: Path) -> None:
    """The copy was built with two workers; one gives the same files, byte for byte."""
    one = build(Request(paths=(shipped_copy,), out=tmp_path / "one", jobs=1))
    assert one.ok and one.count("built") == len(list((tmp_path / "out" / "soviet-foreign-policy").glob("*.pdf"))) >= 24
    for pdf in (tmp_path / "one" / "soviet-foreign-policy").glob("*.pdf"):
        assert pdf.read_bytes() == (tmp_path / "out" / "soviet-foreign-policy" / pdf.name).read_bytes(), pdf.name


def test_problems_survive_the_trip_from_a_worker_process() -> None:
    import pickle

    from compiler.errors import Problem, ProblemsFound

    problem = Problem("u.yaml", 3, 4, "events[0]", "message", "hint")
    assert pickle.loads(pickle.dumps(ProblemsFound([problem]))).problems == [problem]


@needs_fork
def test_an_unreadable_font_in_a_parallel_build_is_a_located_problem(unit_file, tmp_path: Path, monkeypatch) -> None:
    """The broken font folder is patched in this process: forked workers inherit it, whatever the
    platform's default way of starting them."""
    from compiler import fonts

    started_by = multiprocessing.get_start_method()
    multiprocessing.set_start_method("fork", force=True)
    broken = tmp_path / "fonts"
    broken.mkdir()
    for files in fonts.FAMILIES.values():
        for name in files:
            (broken / name).write_bytes(b"not a font")
    monkeypatch.setattr(fonts, "fonts_dir", lambda: broken)
    fonts.register.cache_clear()
    fonts.register_italics.cache_clear()
    try:
        report = build(Request(paths=(unit_file(),), out=tmp_path / "out", jobs=2,
                               settings=Settings(only=("handout", "timeline"))))
    finally:
        multiprocessing.set_start_method(started_by, force=True)
        fonts.register.cache_clear()
        fonts.register_italics.cache_clear()
    problems = report.all_problems()
    assert problems and all("font file cannot be read" in p.message and p.file.startswith(str(broken)) for p in problems)
    assert not (tmp_path / "out" / "small").exists()


def test_outputs_are_reported_as_they_are_drawn_with_one_job(unit_file, tmp_path: Path) -> None:
    """Each unit's outputs are reported once its files are on disk, and before the next unit is
    drawn: a teacher sees progress unit by unit, not all at the end."""
    for n in range(3):
        unit_file(SMALL_UNIT.replace("id: small", f"id: small-{n}"), name=f"u/{n}.yaml")
    out = tmp_path / "out"
    on_disk: list[list[bool]] = []

    def heard(record: OutputRecord) -> None:
        on_disk.append([(out / f"small-{n}" / "handout.pdf").is_file() for n in range(3)])

    build(Request(paths=(tmp_path / "u",), out=out, settings=Settings(only=("handout",)), jobs=1), heard)
    assert on_disk == [[True, False, False], [True, True, False], [True, True, True]]


def test_warming_up_with_an_unreadable_font_does_not_fail(tmp_path: Path, monkeypatch) -> None:
    """A worker's warm-up must never raise: a pool whose initializer fails is broken for good,
    and the job that needs the font reports it, located, instead."""
    from compiler import fonts
    from compiler.build.scheduling import warm_up
    from compiler.errors import ProblemsFound

    (tmp_path / "DejaVuSans.ttf").write_bytes(b"not a font")
    monkeypatch.setattr(fonts, "fonts_dir", lambda: tmp_path)
    fonts.register.cache_clear()
    try:
        warm_up(("DejaVuSans", "DejaVuSerif"))
        with pytest.raises(ProblemsFound, match="font file cannot be read"):
            fonts.register("DejaVuSans")
    finally:
        fonts.register.cache_clear()


SPAWNED = """
import multiprocessing, sys
from pathlib import Path

from compiler.build import Request, build
from compiler.kinds import register
from tests.kinds.wordlist import WORDLIST

if __name__ == "__main__":
    multiprocessing.set_start_method("spawn", force=True)  # as on macOS and Windows
    register(WORDLIST)
    report = build(Request(paths=(Path(sys.argv[1]),), out=Path(sys.argv[2]), jobs=2))
    print(report.ok, report.count("failed"), [str(p) for p in report.all_problems()])
"""


def test_workers_started_afresh_know_the_kinds_registered_from_outside(unit_file, tmp_path: Path) -> None:
    """A spawned worker imports printpack anew: the build hands it the kinds registered in the
    parent, so a registered kind builds with --jobs on every system."""
    script = tmp_path / "spawned.py"
    script.write_text(SPAWNED, encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, str(script), str(unit_file()), str(tmp_path / "out")], cwd=root,
                          env={**os.environ, "PYTHONPATH": str(root)}, capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.stdout.strip() == "True 0 []", done.stderr[-2000:]
    assert (tmp_path / "out" / "small" / "wordlist.pdf").is_file()


def test_a_bug_drawing_one_unit_fails_that_unit_only(unit_file, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """printpack failing to draw a file (its own bug, not the teacher's) is reported on that unit,
    which writes nothing; the other units are still built, as after any problem."""
    real = wordlist_draw.render

    def broken(plan: WordlistPlan, context: Context) -> Rendered:
        if plan.terms[0][0] == "Broken":
            raise ZeroDivisionError("division by zero")
        return real(plan, context)

    monkeypatch.setattr(wordlist_draw, "render", broken)
    good = unit_file(name="units/good.yaml")
    bad = unit_file(SMALL_UNIT.replace("id: small", "id: broken").replace(
        "  - {term: Comintern,", "  - {term: Broken, definition: Drawn by a broken kind.}\n  - {term: Comintern,"),
        name="units/bad.yaml")
    with registered(WORDLIST):
        report = build(Request(paths=(good, bad), out=tmp_path / "out", jobs=1, settings=Settings(only=("wordlist",))))
    (problem,) = report.all_problems()
    assert problem.file == str(bad) and "printpack failed while drawing wordlist.pdf (ZeroDivisionError" in problem.message
    assert "bug in printpack" in (problem.hint or "")
    assert (tmp_path / "out" / "small" / "wordlist.pdf").is_file() and not (tmp_path / "out" / "broken").exists()


def test_each_file_is_titled_for_what_it_is_so_a_reader_tells_a_key_from_its_sheet(tmp_path: Path) -> None:
    unit = tmp_path / "unit.yaml"
    unit.write_text(SMALL_UNIT + "worksheets:\n  - {id: quiz, title: Treaty quiz, versions: 2, questions: "
                    "[{type: short, prompt: Why?, answer: So.}]}\n", encoding="utf-8")
    assert build(Request(paths=(unit,), out=tmp_path / "out", settings=Settings(only=("handout", "worksheet")))).ok
    titles = {path.name: tagged.read(path).title for path in (tmp_path / "out" / "small").glob("*.pdf")}
    assert titles == {
        "handout.pdf": "Handout — A small unit",
        "worksheet-quiz-A.pdf": "Worksheet: Treaty quiz (Version A) — A small unit",
        "worksheet-quiz-A-key.pdf": "Answer key: Treaty quiz (Version A) — A small unit",
        "worksheet-quiz-B.pdf": "Worksheet: Treaty quiz (Version B) — A small unit",
        "worksheet-quiz-B-key.pdf": "Answer key: Treaty quiz (Version B) — A small unit",
    }
