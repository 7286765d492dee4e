"""Flash cards as a screen reader reads them (issue 20): the set as a list of its cards in order,
each labelled by its code (read once, though printed on both sides), its front (the picture by
its alt text, the words, the credit) then its back, wherever the back is printed; cut lines,
fold lines and the calibration marks stay artifacts."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from compiler.build import Request, build
from compiler.kinds.flashcards.draw import calibration_sheet
from compiler.outputs import Settings
from tests import tagged

DOCS = Path(__file__).resolve().parents[3] / "docs"
UNIT = """\
format: 1
unit: {{id: volcano, title: Volcanoes, language: {language}}}
flashcards:
  - id: words
    title: Volcano words
    cards:
      - {{front: Magma chamber, back: Where molten rock collects,
          picture: {{file: pictures/wide.png, alt: A red chamber, credit: 'Photo: Jane Smith'}}}}
      - {{front: Vent, back: [The pipe to the surface, It ends in the crater]}}
      - {{front: Crater, back: The bowl at the top, picture: {{file: pictures/cone.svg, alt: A blue cone}}}}
outputs:
  paper: {paper}
  flashcards: {{size: {size}, flip: {flip}}}
"""
# Each card as a reader meets it: its code, then what its front and its back hold, in order.
READ = [
    ("words · 1/3", [("Figure", "A red chamber"), ("P", "Magma chamber"), ("P", "Picture: Photo: Jane Smith"),
                     ("P", "Where molten rock collects")]),
    ("words · 2/3", [("P", "Vent"), ("L", "The pipe to the surface It ends in the crater")]),
    ("words · 3/3", [("Figure", "A blue cone"), ("P", "Crater"), ("P", "The bowl at the top")]),
]


def built(folder: Path, paper: str = "a4", size: str = "small", flip: str = "long-edge", language: str = "en") -> Path:
    (folder / "pictures").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (800, 400), (200, 40, 30)).save(folder / "pictures" / "wide.png")
    (folder / "pictures" / "cone.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 60 120" width="60" height="120">'
        '<rect x="0" y="0" width="60" height="120" fill="#3050c0"/></svg>', encoding="utf-8")
    (folder / "volcano.yaml").write_text(UNIT.format(language=language, paper=paper, size=size, flip=flip),
                                         encoding="utf-8")
    report = build(Request(paths=(folder / "volcano.yaml",), out=folder / "out", settings=Settings(only=("flashcards",))))
    assert report.ok, report.all_problems()
    return folder / "out" / "volcano" / "flashcards-words.pdf"


def cards(read: tagged.Tagged) -> list[tuple[str, list[tuple[str, str]]]]:
    """The set's list as read: each card's label and its body's parts (a Figure by its alt text)."""
    document = read.root.children[0]
    assert [e.role for e in document.children] == ["L"]
    return [(item.children[0].all_text(), [(part.role, part.alt or part.all_text()) for part in item.children[1].children])
            for item in document.children[0].children]


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize(("size", "flip"), [("small", "long-edge"), ("large", "fold"), ("index-card", "short-edge"),
                                            ("index-card", "fold")])
def test_each_card_is_read_once_by_its_code_front_then_back(tmp_path: Path, paper: str, size: str, flip: str) -> None:
    read = tagged.read(built(tmp_path, paper, size, flip))
    assert read.untagged == ""
    assert read.headings() == []  # nothing printed is a heading: the set's title is the document's
    assert cards(read) == READ
    for code, _ in READ:  # printed on the back too, and read once
        assert read.reading().count(code) == 1
        assert read.artifact.count(code) == 1


def test_a_back_printed_on_the_next_page_is_read_after_its_front(tmp_path: Path) -> None:
    pdf = built(tmp_path, size="small", flip="long-edge")
    with pdfplumber.open(pdf) as document:
        fronts, backs = (page.extract_text() for page in document.pages)
    assert "Magma chamber" in fronts and "Where molten rock collects" not in fronts
    assert "Where molten rock collects" in backs
    assert tagged.read(pdf).reading().startswith("words · 1/3 Magma chamber Picture: Photo: Jane Smith "
                                                 "Where molten rock collects words · 2/3 Vent")


def test_the_fold_word_and_the_cut_lines_are_artifacts(tmp_path: Path) -> None:
    read = tagged.read(built(tmp_path, size="large", flip="fold"))
    assert "fold" not in read.reading()
    assert read.artifact.replace(" ", "").count("fold") == 3  # one word on each card's fold line


def test_language_and_title_follow_the_unit(tmp_path: Path) -> None:
    read = tagged.read(built(tmp_path, language="ru"))
    assert read.lang == "ru"
    assert "Volcano words" in read.title
    assert read.display_title and read.marked


def test_tagged_flash_cards_are_reproducible(tmp_path: Path) -> None:
    first = built(tmp_path / "one", flip="fold").read_bytes()
    assert built(tmp_path / "two", flip="fold").read_bytes() == first


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_calibration_sheet_reads_each_card_s_front_and_back(paper: str) -> None:
    """The sheet as drawn and as the guide ships it: its crosses and rings are no text at all."""
    drawn = tagged.read(io.BytesIO(calibration_sheet(paper)))  # type: ignore[arg-type]
    shipped = tagged.read(DOCS / f"flashcards-calibration-{paper}.pdf")
    for read in (drawn, shipped):
        assert read.untagged == ""
        assert read.lang == "en" and read.title == "Duplex check"
        assert cards(read) == [(f"calibration · {n}/8", [("P", f"Front {n}"), ("P", f"Back {n}")]) for n in range(1, 9)]


def test_every_shipped_set_is_tagged_through(shipped: Callable[[str], Path]) -> None:
    """The shipped unit's sets: no text outside the structure, and each card read once by its code."""
    files = sorted(shipped("a4").glob("flashcards-*.pdf"))
    assert len(files) == 4
    for pdf in files:
        read = tagged.read(pdf)
        assert read.untagged == "", pdf.name
        labels = [label for label, _ in cards(read)]
        count = len(labels)
        assert labels == [f"{pdf.stem.removeprefix('flashcards-')} · {n}/{count}" for n in range(1, count + 1)]
