"""The pipeline: reproducible bytes, all-or-nothing units, incremental skips, the manifest."""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from compiler import markup
from compiler.build import Request, build, check, find_units
from compiler.outputs import Settings
from tests.conftest import SHIPPED_UNIT, SMALL_UNIT


def run(paths: list[Path], out: Path, **settings: object) -> object:
    """Build, by default only the handout: these tests are about the pipeline, not the kinds."""
    chosen = {"only": ("handout",), **settings}
    return build(Request(paths=tuple(paths), out=out, settings=Settings(**chosen)))  # type: ignore[arg-type]


def test_builds_are_byte_identical_across_processes(unit_file, tmp_path: Path) -> None:
    unit = unit_file()
    digests = []
    for n in (1, 2):
        out = tmp_path / f"out{n}"
        subprocess.run([sys.executable, "-m", "compiler", "build", str(unit), "--out", str(out), "--quiet"],
                       check=True, env={**os.environ, "PYTHONHASHSEED": str(n)})
        digests.append(hashlib.sha256((out / "small" / "handout.pdf").read_bytes()).hexdigest())
    assert digests[0] == digests[1]


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


def test_the_manifest_lists_every_file(unit_file, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run([unit_file()], out)
    (entry,) = json.loads((out / "manifest.json").read_text())["files"]
    pdf = (out / "small" / "handout.pdf").read_bytes()
    assert entry["path"] == "small/handout.pdf" and entry["unit"] == "small" and entry["kind"] == "handout"
    assert entry["bytes"] == len(pdf) and entry["sha256"] == hashlib.sha256(pdf).hexdigest()
    assert entry["pages"] >= 1


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


def test_a_changed_paper_or_edited_file_is_rebuilt(unit_file, tmp_path: Path) -> None:
    unit = unit_file()
    out = tmp_path / "out"
    run([unit], out)
    assert run([unit], out, paper="letter").count("built") == 1
    (out / "small" / "handout.pdf").write_bytes(b"tampered")
    assert run([unit], out, paper="letter").count("built") == 1


def test_two_units_with_one_id_are_reported(unit_file, tmp_path: Path) -> None:
    first = unit_file(name="a/one.yaml")
    unit_file(name="a/two.yaml")
    report = run([first.parent], tmp_path / "out")
    (problem,) = report.all_problems()
    assert "unit id 'small' is also used by" in problem.message


def test_find_units_reports_missing_paths(tmp_path: Path) -> None:
    files, problems, _ = find_units([tmp_path / "nope.yaml"])
    assert files == [] and problems[0].message == "no such file or folder"


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


def test_a_broken_user_template_is_a_problem_naming_its_file(unit_file, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "handout.j2").write_text("{% macro header_right() %}{{ oops }}{% endmacro %}", encoding="utf-8")
    report = run([unit_file()], tmp_path / "out", templates=templates)
    (problem,) = report.all_problems()
    assert problem.file == str(templates / "handout.j2") and "'oops' is undefined" in problem.message
    assert not (tmp_path / "out" / "small").exists()


def test_an_unknown_theme_is_reported_without_a_position(unit_file, tmp_path: Path) -> None:
    (problem,) = run([unit_file()], tmp_path / "out", theme="nope").all_problems()
    assert str(problem).startswith("--theme nope: no theme 'nope'")


def mtimes(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def shipped_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "units" / "soviet-foreign-policy.yaml"
    copy.parent.mkdir()
    copy.write_text(SHIPPED_UNIT.read_text(encoding="utf-8"), encoding="utf-8")
    return copy


def test_a_no_op_rebuild_changes_nothing_on_disk(shipped_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(Request(paths=(shipped_copy,), out=out, jobs=2))
    before = mtimes(out)
    report = build(Request(paths=(shipped_copy,), out=out, jobs=2))
    assert report.count("built") == 0 and report.count("unchanged") == 16
    assert mtimes(out) == before


def test_editing_one_card_rewrites_that_card_sort_and_the_pack_only(shipped_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(Request(paths=(shipped_copy,), out=out, jobs=2))
    text = shipped_copy.read_text(encoding="utf-8")
    shipped_copy.write_text(text.replace("To buy time to rebuild", "To gain time to rebuild"), encoding="utf-8")
    report = build(Request(paths=(shipped_copy,), out=out, jobs=2))
    built = sorted(o.path.split("/")[1] for u in report.units for o in u.outputs if o.state == "built")
    assert built == ["cardsort-why-the-pact.pdf", "pack.pdf"]


def test_editing_a_template_rewrites_the_outputs_that_use_it(shipped_copy: Path, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "handout.j2").write_text("{% macro header_right() %}Notes{% endmacro %}", encoding="utf-8")
    out = tmp_path / "out"
    settings = Settings(templates=templates)
    build(Request(paths=(shipped_copy,), out=out, settings=settings, jobs=2))
    (templates / "handout.j2").write_text("{% macro header_right() %}Class notes{% endmacro %}", encoding="utf-8")
    report = build(Request(paths=(shipped_copy,), out=out, settings=settings, jobs=2))
    built = sorted(o.path.split("/")[1] for u in report.units for o in u.outputs if o.state == "built")
    assert built == ["handout.pdf", "pack.pdf"]


def test_jobs_do_not_change_the_bytes(shipped_copy: Path, tmp_path: Path) -> None:
    one = build(Request(paths=(shipped_copy,), out=tmp_path / "one", jobs=1))
    two = build(Request(paths=(shipped_copy,), out=tmp_path / "two", jobs=2))
    assert one.ok and two.ok
    for pdf in (tmp_path / "one" / "soviet-foreign-policy").glob("*.pdf"):
        assert pdf.read_bytes() == (tmp_path / "two" / "soviet-foreign-policy" / pdf.name).read_bytes(), pdf.name


def test_shards_partition_the_units(unit_file, tmp_path: Path) -> None:
    units = [unit_file(SMALL_UNIT.replace("id: small", f"id: unit-{n}"), name=f"many/{n}.yaml") for n in range(12)]
    folder = units[0].parent
    seen: list[str] = []
    for k in (1, 2, 3):
        report = build(Request(paths=(folder,), out=tmp_path / f"s{k}", shard=(k, 3),
                               settings=Settings(only=("handout",))))
        seen += [u.unit for u in report.units]
    assert sorted(seen) == sorted(f"unit-{n}" for n in range(12))
    assert all(len(list((tmp_path / f"s{k}").glob("unit-*"))) > 0 for k in (1, 2, 3))


def test_the_index_page_lists_every_pdf(unit_file, tmp_path: Path) -> None:
    run([unit_file()], tmp_path / "out", only=("handout", "timeline"))
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    for name in ("handout.pdf", "timeline.pdf", "timeline-tiled.pdf", "timeline-blank.pdf"):
        assert f'href="small/{name}"' in html
    assert "page" in html and "KB" in html
    assert "<h2>A small unit</h2>" in html  # units by title, not id


def test_the_index_shows_a_current_picture_of_each_pdf(unit_file, tmp_path: Path) -> None:
    pytest.importorskip("pypdfium2")
    unit, out = unit_file(), tmp_path / "out"
    report = build(Request(paths=(unit,), out=out, settings=Settings(only=("handout", "cardsort")), jobs=2))
    assert report.ok, report.all_problems()
    html = (out / "index.html").read_text(encoding="utf-8")
    pdfs = sorted(p.relative_to(out).as_posix() for p in out.glob("small/*.pdf"))
    for pdf in pdfs:
        picture = out / "thumbnails" / f"{pdf.replace('/', '.')}.png"
        assert picture.read_bytes().startswith(b"\x89PNG") and picture.relative_to(out).as_posix() in html
        assert picture.stat().st_mtime >= (out / pdf).stat().st_mtime


def test_outputs_of_two_units_never_share_a_picture(unit_file, tmp_path: Path) -> None:
    """Unit ``a``'s worksheet ``w--worksheet`` has a key named like unit ``a--worksheet-w``'s
    student sheet ``worksheet-key.pdf``: the index must not show the key's picture for it."""
    pytest.importorskip("pypdfium2")
    sheet = "    questions: [{type: short, prompt: Secret question, answer: Secret answer}]\n"
    first = unit_file(SMALL_UNIT.replace("id: small", "id: a") + f"worksheets:\n  - id: w--worksheet\n"
                      f"    title: Keyed\n{sheet}", name="units/a.yaml")
    unit_file(SMALL_UNIT.replace("id: small", "id: a--worksheet-w") + f"worksheets:\n  - id: key\n"
              f"    title: Student\n{sheet}", name="units/b.yaml")
    out = tmp_path / "out"
    assert build(Request(paths=(first.parent,), out=out, settings=Settings(only=("worksheet",)))).ok
    html = (out / "index.html").read_text(encoding="utf-8")
    pictures = re.findall(r'src="(thumbnails/[^"]+)"', html)
    assert len(pictures) == len(set(pictures)) == 4, pictures
    assert all((out / p).is_file() for p in pictures)


def test_a_no_op_build_does_not_import_reportlab(unit_file, tmp_path: Path) -> None:
    unit, out = unit_file(), tmp_path / "out"
    script = (
        "import sys\nfrom pathlib import Path\nfrom compiler.build import Request, build\n"
        f"report = build(Request(paths=(Path({str(unit)!r}),), out=Path({str(out)!r}), jobs=1))\n"
        "assert report.ok, report.all_problems()\n"
        "print(report.count('built'), any(m.startswith(('reportlab', 'pypdf')) for m in sys.modules))\n"
    )
    first = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    again = subprocess.run([sys.executable, "-c", script.replace("('reportlab', 'pypdf')",
                                                                  "('reportlab', 'pypdf', 'pydantic', 'jinja2', 'yaml')")],
                           capture_output=True, text=True, check=True)
    assert first.stdout.split() == ["5", "True"]
    assert again.stdout.split() == ["0", "False"]  # nothing parsed, validated or drawn: files hashed only


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


HOSTILE = st.sampled_from([
    "<img src='/etc/passwd'/>", "{{ config }}", "{% raw %}", "&nbsp;", "<seq/>", "</b>", "]]", "[[", "*", "**",
    "Ж", "λ", "\u200b", "'", '"', "\\", "#", ": ", "- ", "%", "<a href='javascript:x'>", "\t",
])


@settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(HOSTILE, min_size=1, max_size=4).map("".join))
def test_any_text_builds_or_is_reported_and_prints_as_typed(tmp_path: Path, text: str) -> None:
    """Hostile text in a heading either builds, printed as typed, or gives located problems."""
    folder = tmp_path / str(abs(hash(text)))
    folder.mkdir()
    unit = folder / "unit.yaml"
    heading = json.dumps(f"Start {text} end")  # a JSON string is a valid YAML double-quoted scalar
    unit.write_text(SMALL_UNIT.replace("heading: The revolution", f"heading: {heading}"), encoding="utf-8")
    report = run([unit], folder / "out")
    if not report.ok:
        assert all(p.line >= 1 and p.message for p in report.all_problems())
        return
    printed = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(folder / "out" / "small" / "handout.pdf").pages)
    expected = " ".join(markup.plain(f"1. Start {text} end").split())
    assert expected in printed


@settings(max_examples=12, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(["drop", "duplicate", "retype", "nest"])),
                min_size=1, max_size=3))
def test_structural_mutations_build_or_give_located_problems(tmp_path: Path, mutations: list[tuple[int, str]]) -> None:
    """Drop, duplicate, retype or re-nest items of a valid unit: it builds, or says where it broke."""
    data = yaml.safe_load(SMALL_UNIT)
    for pick, how in mutations:
        lists = [value for value in data.values() if isinstance(value, list) and value]
        if not lists:
            break
        items = lists[pick % len(lists)]
        index = pick % len(items)
        if how == "drop":
            items.pop(index)
        elif how == "duplicate":
            items.append(copy.deepcopy(items[index]))
        elif how == "retype":
            items[index] = str(items[index])
        else:
            items[index] = {"nested": items[index]}
    folder = tmp_path / f"m{abs(hash(repr(mutations)))}"
    folder.mkdir()
    (folder / "unit.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    report = build(Request(paths=(folder / "unit.yaml",), out=folder / "out", jobs=1))
    assert report.ok or all(p.line >= 1 and p.path and p.message for p in report.all_problems())


def test_a_unit_with_only_format_and_unit_builds_nothing_without_failing(unit_file, tmp_path: Path) -> None:
    unit = unit_file("format: 1\nunit: {id: bare, title: Bare}\n")
    report = build(Request(paths=(unit,), out=tmp_path / "out"))
    assert report.ok and report.count("built") == 0


def test_asking_for_the_pack_builds_its_parts(unit_file, tmp_path: Path) -> None:
    report = build(Request(paths=(unit_file(),), out=tmp_path / "out", settings=Settings(only=("pack",))))
    assert report.ok and (tmp_path / "out" / "small" / "pack.pdf").is_file()


def test_a_label_catalogue_with_a_mistake_is_a_located_problem(unit_file, tmp_path: Path) -> None:
    from compiler.assets import builtin_templates

    templates = tmp_path / "templates" / "labels"
    templates.mkdir(parents=True)
    english = (builtin_templates() / "labels" / "en.yaml").read_text(encoding="utf-8")
    (templates / "fr.yaml").write_text(english.replace("{columns}", "{colums}"), encoding="utf-8")
    unit = unit_file(SMALL_UNIT.replace("  licence: CC BY 4.0", "  licence: CC BY 4.0\n  language: fr"))
    report = build(Request(paths=(unit,), out=tmp_path / "out", jobs=2, settings=Settings(templates=templates.parent)))
    (problem,) = report.all_problems()
    assert problem.file.endswith("fr.yaml") and "the placeholder {colums} is not one" in problem.message


def test_problems_survive_the_trip_from_a_worker_process() -> None:
    import pickle

    from compiler.errors import Problem, ProblemsFound

    problem = Problem("u.yaml", 3, 4, "events[0]", "message", "hint")
    assert pickle.loads(pickle.dumps(ProblemsFound([problem]))).problems == [problem]


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


def test_a_changed_theme_file_or_deleted_output_is_rebuilt(unit_file, tmp_path: Path) -> None:
    unit, out = unit_file(), tmp_path / "out"
    theme = tmp_path / "school.yaml"
    theme.write_text("extends: default\ncolours: {accent: '#7a1f5c'}\n", encoding="utf-8")
    assert run([unit], out, theme=str(theme)).count("built") == 1
    assert run([unit], out, theme=str(theme)).count("unchanged") == 1
    theme.write_text("extends: default\ncolours: {accent: '#1f5c7a'}\n", encoding="utf-8")
    assert run([unit], out, theme=str(theme)).count("built") == 1
    (out / "small" / "handout.pdf").unlink()
    assert run([unit], out, theme=str(theme)).count("built") == 1


def test_an_unreadable_font_in_a_parallel_build_is_a_located_problem(unit_file, tmp_path: Path, monkeypatch) -> None:
    import multiprocessing

    from compiler import fonts

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the workers must inherit the patched font folder")
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
        fonts.register.cache_clear()
        fonts.register_italics.cache_clear()
    problems = report.all_problems()
    assert problems and all("font file cannot be read" in p.message and p.file.startswith(str(broken)) for p in problems)
    assert not (tmp_path / "out" / "small").exists()


def test_outputs_are_reported_as_they_are_drawn_with_one_job(unit_file, tmp_path: Path, monkeypatch) -> None:
    import compiler.build as building

    events: list[str] = []
    each_unit = building.each_unit

    def logged(*arguments: object) -> Iterator[object]:
        for item in each_unit(*arguments):
            events.append(f"read {item.unit.unit.id}")
            yield item

    monkeypatch.setattr(building, "each_unit", logged)
    for n in range(3):
        unit_file(SMALL_UNIT.replace("id: small", f"id: small-{n}"), name=f"u/{n}.yaml")
    build(Request(paths=(tmp_path / "u",), out=tmp_path / "out", settings=Settings(only=("handout",)), jobs=1),
          lambda record: events.append(f"drew {record.unit}"))
    assert events == [f"{verb} small-{n}" for n in range(3) for verb in ("read", "drew")]


def test_adding_an_override_template_rebuilds_the_outputs_it_replaces(unit_file, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    unit, out = unit_file(), tmp_path / "out"
    settings = Settings(only=("handout", "timeline"), templates=templates)
    assert build(Request(paths=(unit,), out=out, settings=settings)).ok
    (templates / "handout.j2").write_text("{% macro header_right() %}Class notes{% endmacro %}", encoding="utf-8")
    report = build(Request(paths=(unit,), out=out, settings=settings))
    built = sorted(o.path.split("/")[1] for u in report.units for o in u.outputs if o.state == "built")
    assert built == ["handout.pdf"]


def test_warming_up_with_an_unreadable_font_does_not_fail(tmp_path: Path, monkeypatch) -> None:
    """A worker's warm-up must never raise: a pool whose initializer fails is broken for good,
    and the job that needs the font reports it, located, instead."""
    from compiler import fonts
    from compiler.build import warm_up
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


def test_a_title_the_fonts_cannot_print_fails_its_unit_located_and_others_still_build(unit_file, tmp_path: Path) -> None:
    good = unit_file(name="units/good.yaml")
    cjk = unit_file(SMALL_UNIT.replace("id: small", "id: cjk").replace("title: A small unit", "title: 冷战 1945"),
                    name="units/cjk.yaml")
    out = tmp_path / "out"
    for report in (check(Request(paths=(good.parent,), out=out)), run([good.parent], out)):
        (problem,) = report.all_problems()
        assert str(problem).startswith(f"{cjk}:4:10: unit.title: the character '冷' (U+51B7) and 1 other character "
                                       "cannot be printed with the theme's fonts — ")
    assert (out / "small" / "handout.pdf").is_file()
    assert not (out / "cjk").exists()


def test_the_fonts_checked_are_the_theme_s(unit_file, tmp_path: Path) -> None:
    """A tick is in DejaVu Sans, not in DejaVu Serif: it fails the default theme and prints with an all-sans one."""
    unit = unit_file(SMALL_UNIT.replace("title: A small unit", "title: Checked ✓"))
    theme = tmp_path / "sans.yaml"
    theme.write_text("extends: default\nfonts: {body: DejaVuSans}\n", encoding="utf-8")
    assert [p.path for p in run([unit], tmp_path / "serif").all_problems()] == ["unit.title"]
    assert run([unit], tmp_path / "sans", theme=str(theme)).ok
    first_page = PdfReader(tmp_path / "sans" / "small" / "handout.pdf").pages[0].extract_text()
    assert "Checked ✓" in first_page


def test_clashing_output_names_fail_the_unit_in_check_and_build(unit_file, tmp_path: Path) -> None:
    quiz = "    questions: [{type: short, prompt: P, answer: A}]\n"
    unit = unit_file(SMALL_UNIT + f"worksheets:\n  - id: quiz\n    title: Q\n{quiz}  - id: quiz-key\n    title: K\n{quiz}")
    for report in (check(Request(paths=(unit,))), run([unit], tmp_path / "out", only=("worksheet",))):
        (problem,) = report.all_problems()
        assert problem.path == "worksheets[1].id" and "'worksheet-quiz-key.pdf' is also written for" in problem.message
    assert not (tmp_path / "out" / "small").exists()
# --- text arrives as written: sub- and superscripts, soft hyphens, no-break spaces ------------

SHY, NBSP, NNBSP = "\u00ad", "\u00a0", "\u202f"
SCRIPTED_UNIT = f"""\
format: 1
unit: {{id: scripted, title: "Powers 10^6^ and H~2~O", licence: "CC BY 4.0 for 10^6^ pu{SHY}pils",
        author: "Agent 10^6^", subtitle: "Foot{SHY}note"}}
themes:
  - {{id: politics, label: "Water H~2~O"}}
periods:
  - {{label: "The age of H~2~O", start: 1900, end: 1930}}
events:
  - {{id: a, date: 1917, title: "Rev 10^6^ and sup{SHY}er{SHY}cal{SHY}i{SHY}fra{SHY}gi{SHY}lis{SHY}tic{SHY}ex{SHY}pi{SHY}ali", themes: [politics]}}
  - {{id: b, date: 1922, title: "Counted 10{NBSP}000{NBSP}000 and 20{NNBSP}000{NNBSP}000 in the town"}}
  - {{id: c, date: 1925, title: "Soft{SHY}ly"}}
sections:
  - heading: "Heading 10^6^"
card_sorts:
  - id: s
    title: "Sort 10^6^"
    mode: ranking
    cards: [{{text: a}}, {{text: b}}, {{text: c}}, {{text: d}}, {{text: e}}, {{text: f}}, {{text: g}}, {{text: h}}, {{text: i}}]
worksheets:
  - id: quiz
    title: "Quiz 10^6^"
    questions:
      - {{type: short, prompt: "What is 10^6^?", answer: "a million"}}
"""


@pytest.fixture(scope="module")
def scripted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("scripted")
    unit = folder / "scripted.yaml"
    unit.write_text(SCRIPTED_UNIT, encoding="utf-8")
    report = build(Request(paths=(unit,), out=folder / "out", settings=Settings()))
    assert report.ok, report.all_problems()
    return folder / "out"


def _text_of(pdf: Path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(pdf).pages)


@pytest.mark.parametrize("name", ["timeline.pdf", "timeline-tiled.pdf", "timeline-blank.pdf", "handout.pdf",
                                  "pack.pdf", "worksheet-quiz.pdf", "cardsort-s.pdf"])
def test_pdf_titles_write_sub_and_superscripts_as_such(scripted: Path, name: str) -> None:
    """The title a PDF reader shows: never "106" for 10^6^."""
    title = str(PdfReader(scripted / "scripted" / name).metadata.title)
    assert "10⁶" in title or "H₂O" in title, title
    assert "106" not in title and "H2O" not in title


@pytest.mark.parametrize("name", ["timeline.pdf", "timeline-tiled.pdf", "timeline-blank.pdf"])
def test_the_poster_draws_superscripts_never_run_into_the_digits(scripted: Path, name: str) -> None:
    """Title, footer, labels, legend and period bands of the poster are drawn one string at a time."""
    text = _text_of(scripted / "scripted" / name)
    assert "Powers 10⁶ and H₂O" in text and "10⁶ pupils" in text and "Water H₂O" in text
    assert "The age of H₂O" in text
    assert "106" not in text and "H2O" not in text


def test_the_poster_hides_soft_hyphens_except_where_a_label_breaks_and_keeps_no_break_spaces(scripted: Path) -> None:
    with pdfplumber.open(scripted / "scripted" / "timeline.pdf") as pdf:
        words = pdf.pages[0].extract_words(keep_blank_chars=True)
        lines = [w["text"] for w in words]
    assert "Softly" in " ".join(lines) and "Soft-ly" not in " ".join(lines)
    hyphenated = [line for line in lines if line.endswith("-")]
    assert hyphenated, lines  # the long word breaks at a soft hyphen ...
    assert "supercalifragilisticexpiali" in "".join(line.removesuffix("-") for line in lines)  # ... and only there
    assert SHY not in "".join(lines)
    spaced = [line.replace(NBSP, " ").replace(NNBSP, " ") for line in lines]
    assert any("10 000 000" in line for line in spaced) and any("20 000 000" in line for line in spaced), lines


@pytest.mark.parametrize("name", ["handout.pdf", "worksheet-quiz.pdf", "cardsort-s.pdf"])
def test_footers_draw_superscripts_smaller_and_raised(scripted: Path, name: str) -> None:
    with pdfplumber.open(scripted / "scripted" / name) as pdf:
        page = pdf.pages[0]
        footer = [c for c in page.chars if c["top"] > page.height - 60]
    text = "".join(c["text"] for c in footer)
    at = text.index("Powers 10") + len("Powers 10")
    zero, six = footer[at - 1], footer[at]
    assert six["text"] == "6" and six["size"] < zero["size"] and six["bottom"] < zero["bottom"]
    assert SHY not in text and "-" not in text


def test_the_index_page_shows_the_title_with_sub_and_sup(scripted: Path) -> None:
    index = (scripted / "index.html").read_text(encoding="utf-8")
    assert "Powers 10<sup>6</sup> and H<sub>2</sub>O" in index


def test_pack_bookmarks_write_superscripts_as_such(scripted: Path) -> None:
    def titles(outline: list) -> list[str]:
        return [t for item in outline for t in (titles(item) if isinstance(item, list) else [item.title])]

    found = titles(PdfReader(scripted / "scripted" / "pack.pdf").outline)
    assert any("Quiz 10⁶" in title for title in found), found
    assert not any("106" in title for title in found), found


def test_cards_name_their_sort_with_superscripts(scripted: Path) -> None:
    """Each card's corner names its sort, drawn as one string: "A · Sort 10⁶", never "Sort 106"."""
    text = _text_of(scripted / "scripted" / "cardsort-s.pdf")
    assert "A · Sort 10⁶" in text and "A · Sort 106" not in text
def test_one_file_named_twice_is_one_unit(unit_file, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    unit = unit_file(name="units/small.yaml")
    (tmp_path / "link.yaml").symlink_to(unit)
    monkeypatch.chdir(tmp_path)
    files, problems, _ = find_units([Path("units/small.yaml"), unit, Path("link.yaml"), Path("units")])
    assert files == [Path("units/small.yaml")] and problems == []
    report = run([Path("units/small.yaml"), unit, Path("link.yaml")], tmp_path / "out")
    assert report.ok and len(report.units) == 1


@pytest.mark.parametrize("names", [[], ["notes.txt", "unit.json"]])
def test_a_folder_without_units_is_an_error_saying_what_it_holds(tmp_path: Path, names: list[str]) -> None:
    folder = tmp_path / "units"
    folder.mkdir()
    for name in names:
        (folder / name).write_text("x", encoding="utf-8")
    report = run([folder], tmp_path / "out")
    (problem,) = report.all_problems()
    assert not report.ok and problem.file == str(folder) and "no unit files found" in problem.message
    assert ("it is empty" in problem.message) if not names else ("notes.txt, unit.json" in problem.message)


def test_unit_files_count_whatever_the_case_of_their_suffix(unit_file, tmp_path: Path) -> None:
    unit_file(SMALL_UNIT.replace("id: small", "id: upper"), name="units/Unit.YAML")
    unit_file(SMALL_UNIT.replace("id: small", "id: short"), name="units/other.Yml")
    files, problems, _ = find_units([tmp_path / "units"])
    assert [f.name for f in files] == ["Unit.YAML", "other.Yml"] and not problems


@pytest.mark.parametrize("extra", ["", "periods:\n  - {label: Interwar, start: 1919, end: 1939}\n"])
def test_a_unit_with_nothing_to_print_says_what_to_add(unit_file, tmp_path: Path, extra: str) -> None:
    unit = unit_file("format: 1\nunit: {id: bare, title: Bare}\n" + extra)
    for _ in range(2):  # said again by the next build, not hidden by "unchanged"
        report = build(Request(paths=(unit,), out=tmp_path / "out"))
        (warning,) = report.all_warnings()
        assert report.ok and report.count("built") == 0 and not (tmp_path / "out" / "bare").exists()
        assert "nothing to print" in warning.message and "events (timeline)" in warning.hint
        assert ("periods alone" in warning.message) == bool(extra)


def pdf_dates(pdf: Path) -> tuple[str, str]:
    metadata = PdfReader(pdf).metadata
    return metadata["/CreationDate"], metadata["/ModDate"]


def test_a_changed_source_date_epoch_rebuilds_like_a_clean_build(unit_file, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    unit = unit_file()
    kinds = {"only": ("handout", "pack")}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")
    assert run([unit], tmp_path / "inc", **kinds).count("built") == 2
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    assert run([unit], tmp_path / "inc", **kinds).count("built") == 2
    assert run([unit], tmp_path / "clean", **kinds).count("built") == 2
    for name in ("handout.pdf", "pack.pdf"):
        assert (tmp_path / "inc" / "small" / name).read_bytes() == (tmp_path / "clean" / "small" / name).read_bytes()
    handout, pack = (pdf_dates(tmp_path / "inc" / "small" / n) for n in ("handout.pdf", "pack.pdf"))
    assert handout == pack == ("D:20200913122640+00'00'",) * 2


THEME = "extends: default\ncolours:\n  accent: \"#7a1f5c\"\n"
WORKFLOW = "name: Build\non:\n  schedule:\n    - cron: \"0 2 * * *\"\njobs:\n  build: {runs-on: ubuntu-latest}\n"


def test_a_folder_scan_builds_units_and_names_what_it_skipped(unit_file, tmp_path: Path) -> None:
    """`printpack build .` in a repository: themes, CI workflows, hidden folders and the output
    folder are not units; the build succeeds, and a warning names each file or folder left out."""
    unit_file(name="repo/units/small.yaml")
    unit_file(THEME, name="repo/templates/themes/school.yaml")
    unit_file("%YAML 1.2\n---\n# a comment\n'name': x\n", name="repo/notes.yml")
    unit_file(WORKFLOW, name="repo/.github/workflows/printpack.yml")
    unit_file(SMALL_UNIT.replace("id: small", "id: draft"), name="repo/.drafts/draft.yaml")
    unit_file("x: 1\n", name="repo/.cache/nothing.txt")
    unit_file(WORKFLOW, name="repo/.gitlab-ci.yml")
    unit_file("x: 1\n", name="repo/out/stray.yaml")
    repo = tmp_path / "repo"
    report = run([repo], repo / "out")
    assert report.ok, report.all_problems()
    assert [u.unit for u in report.units] == ["small"] and (repo / "out" / "small" / "handout.pdf").is_file()
    skipped = {Path(w.file).relative_to(repo).as_posix(): w.message for w in report.all_warnings()}
    assert skipped == {
        "templates/themes/school.yaml": "skipped: not a printpack unit (no `format:` or `unit:` at the top level)",
        "notes.yml": "skipped: not a printpack unit (no `format:` or `unit:` at the top level)",
        ".github": "skipped: a hidden folder is not searched for units",
        ".drafts": "skipped: a hidden folder is not searched for units",
        ".gitlab-ci.yml": "skipped: a hidden file is not taken for a unit",
    }
    assert all("printpack check " in w.hint for w in report.all_warnings())


def test_a_unit_with_old_mac_line_endings_is_found_and_a_folder_of_non_units_says_so(tmp_path: Path) -> None:
    """YAML takes a lone CR as a line break, so the scan must too; and a folder whose every YAML
    file was skipped says that, rather than that it holds no .yaml files."""
    units, others = tmp_path / "units", tmp_path / "others"
    units.mkdir()
    others.mkdir()
    (units / "mac.yaml").write_bytes(b"glossary:\r  - term: Term\r    definition: Meaning.\r"
                                     b"unit:\r  id: mac\r  title: Mac\rformat: 1\r")
    assert [u.unit for u in check(Request(paths=(units,))).units] == ["mac"]
    (others / "theme.yaml").write_text(THEME, encoding="utf-8")
    (problem,) = check(Request(paths=(others,))).problems
    assert "the 1 skipped above are not units" in problem.message


def test_a_file_named_is_always_read_as_a_unit(unit_file, tmp_path: Path) -> None:
    theme = unit_file(THEME, name="school.yaml")
    draft = unit_file(SMALL_UNIT.replace("id: small", "id: draft"), name=".drafts/draft.yaml")
    report = check(Request(paths=(theme, draft, tmp_path / ".drafts")))
    assert not report.all_warnings() and {u.unit for u in report.units} == {"draft", None}
    (failed,) = [u for u in report.units if u.unit is None]
    assert failed.file == str(theme) and any("extends" in p.path for p in failed.problems)


@pytest.mark.parametrize("text", ["format: 1\nunti:\n  id: typo\n  title: Typo\n",
                                  "\ufeff\"format\": 1\nunti: {id: typo, title: Typo}\n",
                                  "- not a mapping\n", "", "{format: 1, unit: {id: flow, title: Flow}}\n"])
def test_a_unit_with_a_mistake_found_by_a_scan_still_gets_its_located_error(unit_file, tmp_path: Path,
                                                                            text: str) -> None:
    """Only evident non-units are skipped: a file with `format:` but a misspelt `unit:`, or whose
    top level cannot be told without parsing it, is read, and what is wrong is located."""
    unit_file(text, name="units/typo.yaml")
    report = check(Request(paths=(tmp_path / "units",)))
    assert not report.warnings
    (record,) = report.units
    assert record.file == str(tmp_path / "units" / "typo.yaml")
    if "unti" in text:
        assert any(p.path == "unti" and p.line == 2 and "did you mean 'unit'?" in (p.hint or "")
                   for p in record.problems), record.problems
    else:
        assert record.problems or record.unit == "flow"
