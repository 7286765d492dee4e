"""The pack as a screen reader meets it: its cover and contents tagged, then each part's own
structure, whole and in the pack's order, as a Part titled as the contents titles it; blank
backs and the pack's page numbers are artifacts."""

from __future__ import annotations

import io
import json
from itertools import pairwise
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from reportlab.platypus import PageBreak

from compiler import tagging
from compiler.build import Request, build
from compiler.kinds.pack.merge import Pack
from compiler.outputs import Furniture, Metadata, Settings
from compiler.pdf import Paragraph, render_story, styles
from compiler.theme import PAPER, load_theme
from tests import tagged
from tests.conftest import SMALL_UNIT

EXTRA = """\
card_sorts:
  - {id: order, title: Putting the treaties in order, mode: sequence, events: [revolution, rapallo]}
worksheets:
  - id: quiz
    title: Treaty quiz
    questions:
      - {type: short, prompt: Why did Lenin sign the treaty?, answer: To end the war.}
      - {type: choice, prompt: Which treaty came in 1922?, options: [Rapallo, Riga], answer: Rapallo}
"""


def _built(unit_file, tmp_path: Path, text: str = SMALL_UNIT + EXTRA, paper: str = "a4") -> Path:
    unit = unit_file(text)
    out = tmp_path / paper
    report = build(Request(paths=(unit,), out=out, settings=Settings(
        paper=paper, only=("handout", "cardsort", "worksheet", "pack"))))
    assert report.ok, report.all_problems()
    return out


def _part_files(out: Path, pack: str) -> list[tuple[str, Path]]:
    """Each part of the pack, by its bookmark, and the file it comes from (the manifest titles
    every file as the pack does)."""
    by_title = {entry["title"]: out / entry["path"]
                for entry in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]}
    folder = out / "small"
    return [(title, by_title[title]) for _, title in tagged.read(folder / pack).outline]


def _parts(path: Path) -> list[tuple[str, tagged.Element]]:
    """The Part elements under the pack's Document, with their titles (/T), in order."""
    read = tagged.read(path)
    document = read.root.children[0]
    with pikepdf.open(path) as pdf:
        titles = [str(kid.T) for kid in pdf.Root.StructTreeRoot.K.K if kid.S == "/Part"]
    return list(zip(titles, [e for e in document.children if e.role == "Part"], strict=True))


def _parent_tree_faults(path: Path) -> list[str]:
    """Where the parent tree and the structure elements disagree: every marked-content id an
    element holds must lead back to that element from its page's /StructParents, and every
    marked-content id drawn on a page must be held by an element."""
    faults = []
    held: dict[tuple[int, int], pikepdf.Object] = {}
    with pikepdf.open(path) as pdf:
        pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
        stack = [pdf.Root.StructTreeRoot.K]
        while stack:
            element = stack.pop()
            kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
            for kid in kids:
                if isinstance(kid, int):
                    held[(pages[element.Pg.objgen], kid)] = element
                elif kid.get("/Type") == "/MCR":
                    held[(pages[kid.Pg.objgen], int(kid.MCID))] = element
                else:
                    stack.append(kid)
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        tree = {int(nums[k]): nums[k + 1] for k in range(0, len(nums), 2)}
        for (page, mcid), element in held.items():
            key = pdf.pages[page].obj.get("/StructParents")
            if key is None or tree[int(key)][mcid].objgen != element.objgen:
                faults.append(f"page {page + 1}, id {mcid}: the parent tree does not lead to its element")
        if int(pdf.Root.StructTreeRoot.ParentTreeNextKey) <= max(tree, default=-1):
            faults.append("ParentTreeNextKey is not past every key")
    with pdfplumber.open(path) as plumbed:
        for index, page in enumerate(plumbed.pages):
            drawn = {int(char["mcid"]) for char in page.chars if char.get("mcid") is not None}
            faults += [f"page {index + 1}, id {mcid}: no element holds it" for mcid in drawn
                       if (index, mcid) not in held]
    return faults


def _nesting_faults(headings: list[tuple[int, str]]) -> list[str]:
    return [f"{text}: H{level} after H{before}" for (before, _), (level, text) in pairwise(headings)
            if level > before + 1]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_pack_reads_its_cover_and_contents_then_every_part_whole_in_pack_order(
        unit_file, tmp_path: Path, paper: str) -> None:
    out = _built(unit_file, tmp_path, paper=paper)
    for pack in ("pack.pdf", "pack-key.pdf"):
        read = tagged.read(out / "small" / pack)
        assert read.untagged == ""
        assert _parent_tree_faults(out / "small" / pack) == []
        assert _nesting_faults(read.headings()) == []
        files = _part_files(out, pack)
        readings = [tagged.read(path).reading() for _, path in files]
        parts = _parts(out / "small" / pack)
        # every part whose file has a structure is there, in the pack's order, as its file reads
        assert [(title, part.all_text()) for title, part in parts] == [
            (title, reading) for (title, _), reading in zip(files, readings, strict=True) if reading]
        document = read.root.children[0]
        front = " ".join(e.all_text() for e in document.children if e.role != "Part")
        assert read.reading() == " ".join([front, *filter(None, readings)])
    assert any(title == "Handout" for title, _ in _parts(out / "small" / "pack.pdf"))  # tagged on main already


def test_the_cover_has_the_units_title_as_h1_and_the_contents_lists_each_part_with_its_page(
        unit_file, tmp_path: Path) -> None:
    out = _built(unit_file, tmp_path)
    read = tagged.read(out / "small" / "pack.pdf")
    document = read.root.children[0]
    front = [(e.role, e.all_text()) for e in document.children if e.role != "Part"]
    assert front[:6] == [("H1", "A small unit"), ("P", "Written for the tests"), ("P", "History"),
                         ("P", "Year 9"), ("P", "CC BY 4.0"), ("H2", "Contents")]
    toc = next(e for e in document.children if e.role == "TOC")
    assert [(e.role, e.text) for e in toc.children] == [
        ("TOCI", "Handout 1"), ("TOCI", "Card sort: Putting the treaties in order 3"), ("TOCI", "Worksheet: Treaty quiz 5")]
    assert read.outline == [(0, "Handout"), (0, "Card sort: Putting the treaties in order"), (0, "Worksheet: Treaty quiz")]
    teacher = tagged.read(out / "small" / "pack-key.pdf").root.children[0]
    assert [(e.role, e.text) for e in teacher.children[5:7]] == [
        ("H2", "Teacher copies"), ("P", teacher.children[6].text)]
    assert teacher.children[6].text


def test_blank_backs_and_the_packs_page_numbers_are_artifacts(unit_file, tmp_path: Path) -> None:
    out = _built(unit_file, tmp_path)
    pack = out / "small" / "pack.pdf"
    read = tagged.read(pack)
    with pdfplumber.open(pack) as plumbed:
        total = len(plumbed.pages) - 2
        blank = [page for page in plumbed.pages if "intentionally left blank" in page.extract_text()]
        assert blank and all(char.get("tag") == "Artifact" for page in blank for char in page.chars)
    assert f"Page 1 of {total}" in read.artifact and "Page" not in read.reading()
    own = tagged.read(out / "small" / "handout.pdf").artifact
    assert "Page 1 of" in own and f"Page 1 of {total}" not in own  # the handout's own number, replaced


def test_the_pack_says_the_units_language_and_title(unit_file, tmp_path: Path) -> None:
    text = SMALL_UNIT.replace("  subject: History", "  subject: History\n  language: ru") + EXTRA
    read = tagged.read(_built(unit_file, tmp_path, text) / "small" / "pack.pdf")
    assert (read.lang, read.display_title, read.marked) == ("ru", True, True)
    assert read.title == "Комплект для класса: все листы для учеников — A small unit"


def test_the_pack_is_the_same_bytes_when_built_again(unit_file, tmp_path: Path) -> None:
    first = _built(unit_file, tmp_path / "one")
    second = _built(unit_file, tmp_path / "two")
    for name in ("pack.pdf", "pack-key.pdf"):
        assert (first / "small" / name).read_bytes() == (second / "small" / name).read_bytes()


THEME = load_theme("default")
METADATA = Metadata("A merged document", "", "", "en")


def _tagged_pdf(pages: list[list[tuple[str, str]]]) -> bytes:
    """A tagged PDF of a Document with a Sect per page, holding an element per (role, words): a
    TH is a column's header cell, a Figure has the words as its alternative text too."""
    style = styles(THEME)
    root = tagging.document()
    story: list = []
    for number, page in enumerate(pages):
        section = root.add("Sect")
        for role, words in page:
            node = section.add(role, **({"scope": "Column"} if role == "TH" else {"alt": words} if role == "Figure" else {}))
            story.append(Paragraph(words, style["body"], node=node))
        if number < len(pages) - 1:
            story.append(PageBreak())
    return render_story(story, THEME, PAPER["a4"], Furniture("", "", "", ""), METADATA, root)[0]


def test_a_part_of_some_of_a_files_pages_keeps_the_structure_of_those_pages(tmp_path: Path) -> None:
    """The pages after a file's first: the heading on the first page is left out, the paragraph
    it breaks on to the next pages keeps the words printed there (its marked content on two pages), the rest is kept with its
    attributes (a header cell's scope, a figure's alternative text)."""
    source = _tagged_pdf([[("H1", "First page"), ("P", "Carried over. " * 1400)], [("H2", "Second page"), ("TH", "Date")],
                          [("H2", "Third page"), ("Figure", "A map of Europe")]])
    pack = Pack(_tagged_pdf([[("H1", "The pack")]]))
    with pikepdf.open(io.BytesIO(source)) as opened:
        assert len(opened.pages) >= 5  # the paragraph on three pages or more
        placed = {page: pack.add_page(opened, page) for page in range(1, len(opened.pages))}
        pack.add_part(opened, placed, "After the first page")
        path = tmp_path / "merged.pdf"
        path.write_bytes(pack.saved(1, "test"))
    read = tagged.read(path)
    reading = read.reading()
    assert reading.startswith("The pack Carried over.") and "First page" not in reading
    assert reading.endswith("Carried over. Second page Date Third page A map of Europe")
    assert 0 < reading.count("Carried over.") < 1400
    assert [title for title, _ in _parts(path)] == ["After the first page"]
    assert [e.alt for e in read.elements() if e.role == "Figure"] == ["A map of Europe"]
    assert read.outline == [(0, "After the first page")]
    assert _parent_tree_faults(path) == []
    assert read.untagged == ""
    with pikepdf.open(path) as pdf:
        cell = pdf.Root.StructTreeRoot.K.K[-1].K[1].K[1]
        assert (cell.S, cell.A.Scope) == ("/TH", "/Column")
