"""One unit's build: all its files written or none, previous files kept on failure, stale files removed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from compiler.build import Request, build
from compiler.kinds import registered
from compiler.outputs import Settings
from tests.build import run
from tests.conftest import SMALL_UNIT
from tests.kinds.wordlist import WORDLIST
from tests.kinds.wordlist.draw import ROOM


def test_a_unit_with_errors_writes_nothing_and_others_still_build(unit_file, tmp_path: Path) -> None:
    good = unit_file(name="units/good.yaml")
    bad = unit_file(SMALL_UNIT.replace("id: small", "id: broken").replace("date: 1922-04-16", "date: 1922-02-30"),
                    name="units/bad.yaml")
    out = tmp_path / "out"
    report = run([good.parent], out)
    assert not report.ok
    assert (out / "small" / "handout.pdf").is_file()
    assert not (out / "broken").exists()
    (problem,) = report.all_problems()
    assert problem.file == str(bad) and problem.path == "events[1].date"


def test_a_failed_rebuild_leaves_the_previous_pdf_untouched(unit_file, tmp_path: Path) -> None:
    unit = unit_file()
    out = tmp_path / "out"
    assert run([unit], out).ok
    before = (out / "small" / "handout.pdf").read_bytes()
    unit.write_text(SMALL_UNIT.replace("heading: The revolution", "heading: Changed").replace("key: true", "key: yes"))
    assert not run([unit], out).ok
    assert (out / "small" / "handout.pdf").read_bytes() == before
    assert not [p for p in (out / "small").iterdir() if p.name.endswith(".tmp")]


WORKSHEET = ("worksheets:\n  - {id: quiz, title: Quiz, versions: 2, questions: [{type: choice, "
             "prompt: Who led the revolution?, options: [Lenin, Trotsky, Stalin, Zinoviev], answer: Lenin}]}\n")


def files_in(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("failing", [1, 3, 5])
@pytest.mark.parametrize(("errno", "words"), [(28, "No space left on device"), (30, "Read-only file system")])
def test_a_write_failure_keeps_the_units_previous_files_byte_for_byte(
        unit_file, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, errno: int, words: str, failing: int) -> None:
    """A full disk on the Nth new file of a unit: the sheets and keys on disk stay the old,
    matching set (never a new sheet beside an old key), with no temporaries left, and the
    message names the file; nothing is reported as built."""
    from compiler import fsio

    unit, out = unit_file(SMALL_UNIT + WORKSHEET), tmp_path / "out"
    assert run([unit], out, only=("handout", "worksheet")).ok
    before = files_in(out)
    real, calls, refused = fsio._temporary_beside, [], []

    def full_disk(folder: fsio._Folder, data: bytes) -> str:
        calls.append(data)
        if len(calls) == failing:
            refused.append(folder.path)
            raise OSError(errno, words)
        return real(folder, data)

    monkeypatch.setattr(fsio, "_temporary_beside", full_disk)
    unit.write_text(unit.read_text(encoding="utf-8").replace("answer: Lenin", "answer: Stalin"), encoding="utf-8")
    heard: list[str] = []
    report = build(Request(paths=(unit,), out=out, settings=Settings(only=("handout", "worksheet"))),
                   lambda record: heard.append(record.state))
    (problem,) = report.all_problems()
    assert Path(problem.file).parent == refused[0] and problem.file.endswith(".pdf") and words in problem.message
    assert files_in(out) == before
    assert report.count("built") == 0 and "built" not in heard


def test_a_build_killed_mid_write_loses_nothing_and_the_next_build_recovers(unit_file, tmp_path: Path) -> None:
    import signal
    import time

    unit, out = unit_file(), tmp_path / "out"
    run([unit], out)
    pdf = out / "small" / "handout.pdf"
    before, manifest_before = pdf.read_bytes(), (out / "manifest.json").read_bytes()
    script = (
        "import os, time\nfrom pathlib import Path\nimport compiler.fsio as fsio\n"
        "real = os.fsync\nos.fsync = lambda fd: (real(fd), time.sleep(30))\n"  # stall after writing the temporary
        "from compiler.build import Request, build\nfrom compiler.outputs import Settings\n"
        f"build(Request(paths=(Path({str(unit)!r}),), out=Path({str(out)!r}), force=True, jobs=1,"
        " settings=Settings(only=('handout',), paper='letter')))\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 30
        while not list((out / "small").glob(".*.tmp")) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert list((out / "small").glob(".*.tmp")), "the build never reached its write"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert pdf.read_bytes() == before and (out / "manifest.json").read_bytes() == manifest_before
    report = run([unit], out, paper="letter")
    assert report.ok and report.count("built") == 1
    assert not list(out.rglob("*.tmp"))


def test_files_a_unit_no_longer_makes_are_removed(unit_file, tmp_path: Path) -> None:
    unit, out = unit_file(SMALL_UNIT + "worksheets:\n  - {id: old-name, title: W, questions: "
                                       "[{type: true_false, statement: S, answer: true}]}\n"), tmp_path / "out"
    run([unit], out, only=("handout", "worksheet"))
    assert (out / "small" / "worksheet-old-name.pdf").is_file()
    (out / "small" / "notes.txt").write_text("mine", encoding="utf-8")
    unit.write_text(unit.read_text(encoding="utf-8").replace("old-name", "new-name"), encoding="utf-8")
    run([unit], out, only=("handout", "worksheet"))
    assert not (out / "small" / "worksheet-old-name.pdf").exists()
    assert (out / "small" / "worksheet-new-name.pdf").is_file()
    assert (out / "small" / "notes.txt").is_file()  # never a file printpack did not write
    assert "old-name" not in (out / "manifest.json").read_text(encoding="utf-8")


def test_asking_for_the_pack_builds_its_parts(unit_file, tmp_path: Path) -> None:
    report = build(Request(paths=(unit_file(),), out=tmp_path / "out", settings=Settings(only=("pack",))))
    assert report.ok and (tmp_path / "out" / "small" / "pack.pdf").is_file()


def test_a_unit_folder_linked_out_of_the_output_folder_is_refused(unit_file, tmp_path: Path) -> None:
    unit, out, elsewhere = unit_file(), tmp_path / "out", tmp_path / "elsewhere"
    elsewhere.mkdir()
    out.mkdir()
    (out / "small").symlink_to(elsewhere)
    report = build(Request(paths=(unit,), out=out, settings=Settings(only=("handout",))))
    (problem,) = report.all_problems()
    assert f"{out.resolve() / 'small'} is a symbolic link" in problem.message and "delete the link" in problem.hint
    assert list(elsewhere.iterdir()) == []


def test_what_an_output_leaves_out_is_a_located_warning_said_again_while_the_file_is_kept(
        unit_file, tmp_path: Path) -> None:
    """A file that leaves something out (a poster too full for every event) is still written,
    with the rest of its unit, and its warning is said on every build that keeps it."""
    terms = "".join(f"  - {{term: term {k:02d}, definition: meaning number {k}}}\n" for k in range(ROOM + 2))
    unit = unit_file(SMALL_UNIT.split("glossary:")[0] + "glossary:\n" + terms)
    out = tmp_path / "out"
    with registered(WORDLIST):
        reports = [build(Request(paths=(unit,), out=out, settings=Settings(only=("wordlist", "handout"))))
                   for _ in range(2)]
        unit.write_text(unit.read_text() + "# a comment: the unit is read again, every file kept\n")
        reports.append(build(Request(paths=(unit,), out=out, settings=Settings(only=("wordlist", "handout")))))
    lines = unit.read_text().splitlines()
    for report in reports:
        assert report.ok and (out / "small" / "wordlist.pdf").is_file() and (out / "small" / "handout.pdf").is_file()
        assert [(w.path, w.message) for w in report.all_warnings()] == [
            (f"glossary[{k}].term", f"not on the word list, which holds {ROOM} terms") for k in (ROOM, ROOM + 1)]
        first = report.all_warnings()[0]
        assert first.file == str(unit) and lines[first.line - 1].strip().startswith(f"- {{term: term {ROOM}")
        assert f"glossary[{ROOM}] (term {ROOM}).term: " in str(first)  # kept in the manifest with its name


def test_a_warning_several_files_share_is_said_once(unit_file, tmp_path: Path) -> None:
    """The poster and its printer sheets leave out the same events: one warning, not one a file."""
    events = "".join(f"  - {{id: e{n}, date: 1939-08-{1 + n % 28:02d}, title: Event number {n} of a crowded month}}\n"
                     for n in range(150))
    unit = unit_file(f"format: 1\nunit: {{id: crowded, title: Crowded}}\nevents:\n{events}")
    out = tmp_path / "out"
    for _ in range(2):  # built, then kept
        report = build(Request(paths=(unit,), out=out, settings=Settings(only=("timeline",))))
        warnings = report.all_warnings()
        assert report.ok and warnings and len(set(warnings)) == len(warnings), warnings
        assert any("events do not fit" in w.message for w in warnings)
