"""The index page and its first-page pictures."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from compiler import manifest, publish
from compiler.build import Request, build
from compiler.errors import Problem
from compiler.outputs import Settings
from tests.build import run
from tests.conftest import SMALL_UNIT


def test_the_index_page_lists_every_pdf(unit_file, tmp_path: Path) -> None:
    run([unit_file()], tmp_path / "out", only=("handout", "timeline"))
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    for name in ("handout.pdf", "timeline.pdf", "timeline-tiled.pdf", "timeline-blank.pdf"):
        assert f'href="small/{name}"' in html
    pages = len(PdfReader(tmp_path / "out" / "small" / "handout.pdf").pages)
    size = (tmp_path / "out" / "small" / "handout.pdf").stat().st_size
    assert f"Handout · {pages} page{'s' * (pages != 1)} · {size / 1024:.0f} KB" in html
    assert "<h2>A small unit</h2>" in html  # units by title, not id


def test_the_index_shows_a_current_picture_of_each_pdf(unit_file, tmp_path: Path) -> None:
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


def test_a_symlinked_thumbnails_folder_is_refused(unit_file, tmp_path: Path) -> None:
    unit, out, elsewhere = unit_file(), tmp_path / "out", tmp_path / "elsewhere"
    elsewhere.mkdir()
    out.mkdir()
    (out / "thumbnails").symlink_to(elsewhere)
    report = build(Request(paths=(unit,), out=out, settings=Settings(only=("handout",))))
    assert report.ok and (out / "small" / "handout.pdf").is_file()
    assert list(elsewhere.iterdir()) == []
    (warning,) = report.warnings
    assert warning.file == str(out / "thumbnails") and "symbolic link" in warning.message


def test_a_thumbnails_folder_swapped_for_a_link_while_a_picture_is_drawn_gets_nothing(
        unit_file, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The index draws a missing picture, which takes a while; a thumbnails/ folder replaced by a
    link meanwhile must not be followed when the picture is written."""
    unit, out, elsewhere = unit_file(), tmp_path / "out", tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert build(Request(paths=(unit,), out=out, settings=Settings(only=("handout",)))).ok
    for picture in (out / "thumbnails").iterdir():
        picture.unlink()
    drawn = publish.thumbnail_png

    def drawn_then_swapped(pdf: bytes) -> bytes | None:
        (out / "thumbnails").rename(out / "thumbnails-moved")
        (out / "thumbnails").symlink_to(elsewhere)
        return drawn(pdf)

    monkeypatch.setattr(publish, "thumbnail_png", drawn_then_swapped)
    warnings: list[Problem] = []
    entry = manifest.read(out)["small/handout.pdf"]
    assert publish._thumbnail(out, entry, warnings) is None
    assert list(elsewhere.iterdir()) == []
    (warning,) = warnings
    assert "no picture was written" in warning.message


def test_a_file_of_another_unit_that_cannot_be_drawn_has_no_picture_and_a_warning(unit_file, tmp_path: Path) -> None:
    """The manifest may name any file of a unit's folder, cut short or not a PDF at all: the
    index lists it without a picture and says why, instead of the build crashing."""
    unit, out = unit_file(), tmp_path / "out"
    (out / "other").mkdir(parents=True)
    (out / "other" / "broken.pdf").write_bytes(b"%PDF-1.4 cut short")
    planted = {"path": "other/broken.pdf", "unit": "other", "kind": "handout", "pages": 1, "bytes": 18,
               "sha256": "0" * 64, "inputs": "0" * 64}
    (out / "manifest.json").write_text(json.dumps({"files": [planted]}), encoding="utf-8")
    report = build(Request(paths=(unit,), out=out, settings=Settings(only=("handout",))))
    assert report.ok, report.all_problems()
    (warning,) = report.warnings
    assert warning.file == str(out / "other" / "broken.pdf") and "cannot be drawn" in warning.message
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "other/broken.pdf" in index and "small.handout.pdf.png" in index
    assert not (out / "thumbnails" / "other.broken.pdf.png").exists()


def test_the_index_puts_the_teachers_files_apart_from_the_class_set(shipped_build: Callable[[str], Path]) -> None:
    """A department publishing the page must not put an answer key among the class's files."""
    index = (shipped_build("a4") / "out" / "index.html").read_text(encoding="utf-8")
    students, teacher = index.split("<h3>For the class</h3>")[1].split("<h3>For the teacher: answer keys")
    assert "-key.pdf" not in students and "handout.pdf" in students and "pack.pdf" in students
    links = re.findall(r'<a href="[^"]+">([^<]+)</a>', teacher)
    assert links and all(name.endswith("-key.pdf") for name in links)
