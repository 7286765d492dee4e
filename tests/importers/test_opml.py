"""OPML outlines: nested <outline text>, _note as a section's text, the root or <title> as the title."""

from __future__ import annotations

from pathlib import Path

import pytest

from compiler.importers import opml
from compiler.importers.draft import Unreadable

FILES = Path(__file__).parent / "files"


def test_a_single_root_is_the_title_and_its_children_the_sections() -> None:
    draft = opml.read("meiji.opml", (FILES / "meiji.opml").read_bytes())
    assert draft.title == "Meiji Japan"
    assert [part.data for part in draft.sections] == [
        {"title": "The end of the shogunate", "text": "Why the Tokugawa fell",
         "points": ["Perry's black ships, 1853", {"Unequal treaties": ["Treaty of Kanagawa"]}]},
        {"title": "Reforms", "points": ["Daimyo: feudal lords, whose domains became prefectures",
                                        "Samurai: the warrior class, abolished as an order in 1876",
                                        "Conscription & the new army"]}]
    assert draft.sections[1].origin == "outline 6 ('Reforms')"
    assert [card["front"] for card in draft.flashcards[0].data["cards"]] == ["Daimyo", "Samurai"]


def test_several_top_outlines_are_sections_under_the_heads_title() -> None:
    content = b"""<opml version="1.0"><head><title>Cells</title></head><body>
    <outline text="Organelles"><outline text="nucleus"/></outline>
    <outline text="Transport"><outline text="diffusion" _note="high to low concentration"/></outline>
    </body></opml>"""
    draft = opml.read("cells.opml", content)
    assert draft.title == "Cells"
    assert [part.data for part in draft.sections] == [
        {"title": "Organelles", "points": ["nucleus"]},
        {"title": "Transport", "points": [{"diffusion": ["high to low concentration"]}]}]


def test_an_opml_without_a_body_is_refused() -> None:
    with pytest.raises(Unreadable, match="no <body>"):
        opml.read("x.opml", b"<opml><head/></opml>")


def test_sniff() -> None:
    assert opml.sniff("x", (FILES / "meiji.opml").read_bytes())
    assert not opml.sniff("x", (FILES / "photosynthesis.mm").read_bytes())
