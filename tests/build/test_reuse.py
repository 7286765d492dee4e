"""Incremental builds: what is unchanged is kept, what changed is rebuilt, a no-op build only hashes."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from compiler.build import Request, build
from compiler.outputs import Settings
from compiler.report import BuildReport
from tests.build import run
from tests.conftest import SMALL_UNIT


def test_a_changed_paper_or_edited_file_is_rebuilt(unit_file, tmp_path: Path) -> None:
    unit = unit_file()
    out = tmp_path / "out"
    run([unit], out)
    assert run([unit], out, paper="letter").count("built") == 1
    (out / "small" / "handout.pdf").write_bytes(b"tampered")
    assert run([unit], out, paper="letter").count("built") == 1


def mtimes(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_a_no_op_rebuild_changes_nothing_on_disk(shipped_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    before = mtimes(out)
    report = build(Request(paths=(shipped_copy,), out=out, jobs=2))
    assert report.count("built") == 0 and report.count("unchanged") == len(list(out.rglob("*.pdf"))) >= 24
    assert mtimes(out) == before


def test_editing_one_card_rewrites_that_card_sort_its_key_and_the_packs_only(shipped_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    text = shipped_copy.read_text(encoding="utf-8")
    shipped_copy.write_text(text.replace("To buy time to rebuild", "To gain time to rebuild"), encoding="utf-8")
    report = build(Request(paths=(shipped_copy,), out=out, jobs=2))
    built = sorted(o.path.split("/")[1] for u in report.units for o in u.outputs if o.state == "built")
    assert built == ["cardsort-why-the-pact-key.pdf", "cardsort-why-the-pact.pdf", "pack-key.pdf", "pack.pdf"]


def test_editing_a_template_rewrites_the_outputs_that_use_it(shipped_copy: Path, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "handout.j2").write_text("{% macro header_right() %}Notes{% endmacro %}", encoding="utf-8")
    out = tmp_path / "fresh"
    settings = Settings(templates=templates)
    build(Request(paths=(shipped_copy,), out=out, settings=settings, jobs=2))
    (templates / "handout.j2").write_text("{% macro header_right() %}Class notes{% endmacro %}", encoding="utf-8")
    report = build(Request(paths=(shipped_copy,), out=out, settings=settings, jobs=2))
    built = sorted(o.path.split("/")[1] for u in report.units for o in u.outputs if o.state == "built")
    assert built == ["handout.pdf", "pack.pdf"]


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


def test_a_templates_folder_given_after_a_build_without_one_rebuilds_what_it_overrides(unit_file,
                                                                                      tmp_path: Path) -> None:
    unit, out = unit_file(), tmp_path / "out"
    assert run([unit], out).ok
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "handout.j2").write_text("{% macro glossary_heading() %}Words to know{% endmacro %}", encoding="utf-8")
    report = run([unit], out, templates=templates)
    assert report.count("built") == 1
    assert "Words to know" in PdfReader(out / "small" / "handout.pdf").pages[0].extract_text()



QUIZ = """\
worksheets:
  - id: quiz
    title: Quiz
    sections:
      - title: A
        questions:
          - {type: short, prompt: Who led the revolution?, answer: Lenin, marks: 1}
"""
UNVERSIONED = ["small/flashcards-events.pdf", "small/flashcards-glossary.pdf", "small/flashcards-people.pdf",
               "small/handout.pdf", "small/timeline-blank-key.pdf", "small/timeline-blank.pdf",
               "small/timeline-tiled.pdf", "small/timeline.pdf"]  # the files versions do not shape


def paths(report: BuildReport, state: str) -> list[str]:
    return sorted(o.path for u in report.units for o in u.outputs if o.state == state)


def test_asking_for_two_versions_rebuilds_the_worksheets_and_the_packs_only(unit_file, tmp_path: Path) -> None:
    """--versions shapes worksheets alone: the handout, poster and card sorts are kept."""
    unit = unit_file(SMALL_UNIT + QUIZ)
    out = tmp_path / "out"
    assert build(Request(paths=(unit,), out=out)).ok
    report = build(Request(paths=(unit,), out=out, settings=Settings(versions=2)))
    rebuilt = paths(report, "built")
    assert rebuilt == ["small/pack-key.pdf", "small/pack.pdf", "small/worksheet-quiz-A-key.pdf", "small/worksheet-quiz-A.pdf",
                       "small/worksheet-quiz-B-key.pdf", "small/worksheet-quiz-B.pdf"]
    assert paths(report, "unchanged") == UNVERSIONED


def test_versions_written_in_the_unit_rebuild_the_worksheets_not_the_posters(unit_file, tmp_path: Path) -> None:
    """A poster depends on the paper and its own `outputs.timeline` choices, not on `versions`;
    the class set holds Version A alone, so a third version leaves it as it was."""
    out = tmp_path / "out"
    assert build(Request(paths=(unit_file(SMALL_UNIT + QUIZ + "outputs: {versions: 2}\n"),), out=out)).ok
    report = build(Request(paths=(unit_file(SMALL_UNIT + QUIZ + "outputs: {versions: 3}\n"),), out=out))
    assert paths(report, "unchanged") == sorted([*UNVERSIONED, "small/pack.pdf"])



def test_a_no_op_build_says_the_unit_s_slips_again_without_reading_it(unit_file, tmp_path: Path) -> None:
    """A slip is recorded in the manifest's unit entry, so the build in which nothing changed
    warns of it again, at the same place, without loading YAML or anything that validates."""
    unit = unit_file(SMALL_UNIT.replace("text: The *Bolsheviks* took power", "text: The #1 party took power"))
    out = tmp_path / "out"
    first = run([unit], out)
    (warning,) = first.all_warnings()
    assert first.ok and (warning.line, warning.column, warning.path) == (22, 15, "sections[0].text")
    assert warning.message.startswith("the text ends before '#1 party took power")
    heavy = ("pydantic", "yaml", "jinja2", "reportlab")
    script = (
        "import sys\nfrom pathlib import Path\nfrom compiler.build import Request, build\n"
        "from compiler.outputs import Settings\n"
        f"report = build(Request(paths=(Path({str(unit)!r}),), out=Path({str(out)!r}), settings=Settings(only=('handout',))))\n"
        f"print(report.count('unchanged'), [m for m in {heavy!r} if m in sys.modules])\n"
        "print(*report.all_warnings(), sep='\\n')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["1 []", str(warning)]


PICTURE_SECTION = """\
  - title: The map
    text: Where it happened.
    picture: {file: pictures/map.png, alt: A map of the places}
"""


def unit_with_picture(folder: Path) -> Path:
    """The small unit with a section printing pictures/map.png, made here."""
    (folder / "pictures").mkdir(parents=True)
    Image.new("RGB", (400, 300), "white").save(folder / "pictures" / "map.png")
    unit = folder / "small.yaml"
    unit.write_text(SMALL_UNIT.replace("sections:\n", "sections:\n" + PICTURE_SECTION, 1), encoding="utf-8")
    return unit


def test_an_edited_picture_is_seen_by_the_no_op_check_and_rebuilds_its_users(tmp_path: Path) -> None:
    unit = unit_with_picture(tmp_path / "unit")
    out = tmp_path / "out"
    first = run([unit], out, only=())
    assert first.ok and first.count("built") >= 2
    assert run([unit], out, only=()).count("built") == 0
    Image.new("RGB", (400, 300), "black").save(tmp_path / "unit" / "pictures" / "map.png")
    again = run([unit], out, only=())
    rebuilt = {r.path.split("/")[-1] for u in again.units for r in u.outputs if r.state == "built"}
    assert "handout.pdf" in rebuilt and not any(name.startswith("timeline") for name in rebuilt), rebuilt


def test_a_picture_path_planted_in_the_manifest_is_never_read(tmp_path: Path) -> None:
    unit = unit_with_picture(tmp_path / "unit")
    out = tmp_path / "out"
    run([unit], out)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    (record,) = manifest["units"]
    assert record["pictures"] == {"pictures/map.png": hashlib.sha256(
        (tmp_path / "unit" / "pictures" / "map.png").read_bytes()).hexdigest()}
    os.mkfifo(tmp_path / "unit" / "pictures" / "fifo.png")  # opened by a plain read, it would block the build
    for planted in ("/etc/passwd", "../../outside.png", "pictures/../../outside.png", "pictures/fifo.png"):
        record["pictures"] = {planted: "0" * 64}
        (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        # not taken for unchanged: the full build reads the unit's own pictures, and keeps the PDFs
        report = run([unit], out)
        assert report.ok and report.count("unchanged") == 1
