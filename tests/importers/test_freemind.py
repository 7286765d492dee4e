"""FreeMind maps: the root node is the title, its children sections, rich content as plain text."""

from __future__ import annotations

from pathlib import Path

import pytest

from compiler.importers import freemind
from compiler.importers.draft import Unreadable

FILES = Path(__file__).parent / "files"


def test_the_root_is_the_title_and_notes_and_rich_text_are_plain_text() -> None:
    draft = freemind.read("photosynthesis.mm", (FILES / "photosynthesis.mm").read_bytes())
    assert draft.title == "Photosynthesis"
    assert [part.data for part in draft.sections] == [
        {"title": "Inputs", "points": ["light", "water & carbon dioxide"]},
        {"title": "Outputs", "text": "Made in the **chloroplast**, mostly in leaves.", "points": ["glucose", "oxygen"]}]
    assert [part.origin for part in draft.sections] == ["node 'Inputs'", "node 'Outputs'"]


def test_a_map_without_nodes_and_broken_xml_are_refused() -> None:
    with pytest.raises(Unreadable, match="no nodes"):
        freemind.read("x.mm", b'<map version="1.0.1"></map>')
    with pytest.raises(Unreadable) as caught:
        freemind.read("x.mm", b'<map>\n<node TEXT="a">\n<node TEXT="b">\n</map>')
    assert caught.value.line == 4


def test_sniff() -> None:
    assert freemind.sniff("x", (FILES / "photosynthesis.mm").read_bytes())
    assert not freemind.sniff("x", b"<map><area/></map>")
