"""What PDF/UA-1 asks of a finished file besides its structure (compiler/pdfua.py): language,
title, tab order, the parent tree, bookmarks, reproducible bytes."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import page
import pikepdf
import pytest

from compiler import tagging
from compiler.build import Request, build
from compiler.outputs import Settings
from compiler.pdf import Paragraph, render_story, styles
from compiler.theme import PAPER
from tests import tagged
from tests.conftest import SHIPPED_ID, SHIPPED_UNIT
from tests.test_tagging import FURNITURE, METADATA, THEME, story_pdf


def test_the_document_says_its_language_and_title_and_has_bookmarks(tmp_path: Path) -> None:
    read = tagged.read(story_pdf(tmp_path))
    assert read.lang == "de"
    assert read.title == "A tagged document"
    assert read.display_title and read.marked
    assert read.outline == [(0, "The heading"), (1, "A sub-heading")]
    with pikepdf.open(tmp_path / "story.pdf") as pdf:
        assert all(page.obj.Tabs == pikepdf.Name.S for page in pdf.pages)
        with pdf.open_metadata() as xmp:
            assert xmp["pdfuaid:part"] == "1"


def test_the_parent_tree_leads_back_from_every_marked_content_id(tmp_path: Path) -> None:
    with pikepdf.open(story_pdf(tmp_path, paragraphs=3, rows=60)) as pdf:
        root = pdf.Root.StructTreeRoot
        nums = root.ParentTree.Nums
        owners = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        for index, page in enumerate(pdf.pages):
            ids = [int(op.operands[1].MCID) for op in pikepdf.parse_content_stream(page)
                   if str(op.operator) == "BDC" and str(op.operands[0]) != "/Artifact"]
            if not ids:
                continue
            assert int(page.obj.StructParents) == index
            assert ids == list(range(len(ids)))
            assert len(owners[index]) == len(ids)


def _fonts(pdf: pikepdf.Pdf) -> dict[str, pikepdf.Object]:
    """Every font the file's pages and forms use, by name."""
    found: dict[str, pikepdf.Object] = {}
    for sheet in pdf.pages:
        resources = [sheet.obj.get("/Resources")]
        while resources:
            held = resources.pop()
            if held is None:
                continue
            fonts, forms = held.get("/Font"), held.get("/XObject")  # pikepdf 9 dictionaries have no values()
            for name in fonts.keys() if fonts is not None else ():
                found[str(fonts[name].BaseFont)] = fonts[name]
            resources += [forms[name].get("/Resources") for name in (forms.keys() if forms is not None else ())]
    return found


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_file_of_the_shipped_unit_is_tagged(shipped: Callable[[str], Path], paper: str) -> None:
    """Every file a teacher may publish: a structure that holds its words, no untagged text,
    the unit's language, a title shown in the title bar, and fonts embedded with every glyph
    mapped to Unicode."""
    for path in sorted(shipped(paper).glob("*.pdf")):
        read = tagged.read(path)
        assert read.untagged == "", path.name
        assert read.reading(), path.name
        assert (read.lang, read.marked, read.display_title) == ("en", True, True), path.name
        assert read.title, path.name
        with pikepdf.open(path) as pdf:
            for name, font in _fonts(pdf).items():
                assert "/ToUnicode" in font, (path.name, name)
                assert "/FontFile2" in font.FontDescriptor, (path.name, name)


def test_every_glyph_maps_to_its_character_and_no_code_to_nothing(tmp_path: Path) -> None:
    """PDF/UA 7.21.7: a ToUnicode map gives every code a character, never U+0000; one past U+FFFF
    (DejaVu Serif's mathematical italic 𝐴) is written as a UTF-16 pair and read back whole."""
    text = "Ærø, Łódź, Ёлка, 𝐴 = 2"
    style = styles(THEME)
    root = tagging.document()
    path = tmp_path / "unicode.pdf"
    path.write_bytes(render_story([Paragraph(text, style["body"], node=root.add("P"))], THEME, PAPER["a4"],
                                  FURNITURE, METADATA, root)[0])
    assert tagged.read(path).reading() == text
    with pikepdf.open(path) as pdf:
        for name, font in _fonts(pdf).items():
            cmap = font.ToUnicode.read_bytes().decode("ascii")
            mapped = cmap.split("beginbfchar", 1)[1].split("endbfchar", 1)[0]
            targets = re.findall(r"<[0-9A-F]{2}> <([0-9A-F]+)>", mapped)
            assert targets and not {"0000", "FEFF", "FFFE"} & set(targets), name
            assert all(len(target) in (4, 8) for target in targets), name


def test_a_pdf_ua_checker_finds_every_file_of_the_shipped_unit_compliant(shipped: Callable[[str], Path]) -> None:
    """page (PyPI's page-validation: veraPDF's PDF/UA-1 rules, without Java) on every file."""
    failures = {path.name: sorted({failure.rule_id for failure in report.failures})
                for path in sorted(shipped("a4").glob("*.pdf"))
                if not (report := page.validate_pdf(str(path), profile="ua1")).is_compliant}
    assert failures == {}


@pytest.mark.parametrize("profile", ["large-print", "dyslexia", "high-contrast"])
def test_the_shipped_handout_and_a_worksheet_are_compliant_in_every_profile(tmp_path: Path, profile: str) -> None:
    """A profile's font lacks signs printpack adds (the dyslexia font has no arrow or "◦"): each
    must still be drawn, in a font that has it, for the file to stay compliant."""
    units = tmp_path / "units"
    shutil.copytree(SHIPPED_UNIT.parent, units)
    settings = Settings(only=("handout", "worksheet"), profiles=(profile,))
    report = build(Request(paths=(units / SHIPPED_UNIT.name,), out=tmp_path / "out", settings=settings))
    assert report.ok, report.all_problems()
    files = sorted((tmp_path / "out" / SHIPPED_ID).glob(f"*{profile}*.pdf"))
    assert len(files) > 2
    failures = {path.name: sorted({failure.rule_id for failure in result.failures})
                for path in files if not (result := page.validate_pdf(str(path), profile="ua1")).is_compliant}
    assert failures == {}
