"""What PDF/UA-1 asks of a finished file besides its structure (compiler/pdfua.py): language,
title, tab order, the parent tree, bookmarks, reproducible bytes."""

from __future__ import annotations

from pathlib import Path

import pikepdf

from tests import tagged
from tests.test_tagging import story_pdf


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
