"""Bullet outlines, markdown and text: sections, points, sub-points, deeper levels joined, and
flash cards from "term: definition" leaves; never events."""

from __future__ import annotations

from pathlib import Path

import pytest

from compiler.importers import outline
from compiler.importers.draft import Draft, Unreadable

FILES = Path(__file__).parent / "files"


def _read(text: str) -> Draft:
    return outline.read("notes.md", text.encode())


def _sections(draft: Draft) -> list[dict[str, object]]:
    return [part.data for part in draft.sections]


def test_a_markdown_outline_under_one_title_heading() -> None:
    draft = outline.read("outline-revolution.md", (FILES / "outline-revolution.md").read_bytes())
    assert draft.title == "The French Revolution"
    causes, key_words, loose = _sections(draft)
    assert causes == {"title": "Causes", "text": "The long and the short causes.", "points": [
        "Debt from the American war",
        {"A bad harvest in 1788": ["bread prices rose — doubled in Paris by spring 1789 — riots in the faubourgs"]},
        {"Ideas of the Enlightenment": ["Rousseau and the general will"]}]}
    assert "joined" in draft.sections[0].origin and draft.sections[0].origin.startswith("line 3")
    assert key_words["points"] == ["Estates-General: the assembly of the three orders",
                                   "Sans-culottes — the working people of Paris",
                                   "Tennis Court Oath - the vow not to part until France had a constitution"]
    assert loose == {"title": "Loose ends", "points": ["the flight to Varennes"]}


def test_term_definition_leaves_also_make_a_flash_card_set_and_the_points_stay() -> None:
    draft = outline.read("outline-revolution.md", (FILES / "outline-revolution.md").read_bytes())
    (cards,) = draft.flashcards
    assert cards.data == {"title": "Key words", "cards": [
        {"front": "Estates-General", "back": "the assembly of the three orders"},
        {"front": "Sans-culottes", "back": "the working people of Paris"},
        {"front": "Tennis Court Oath", "back": "the vow not to part until France had a constitution"}]}
    assert len(_sections(draft)[1]["points"]) == 3  # type: ignore[arg-type]


def test_one_pair_or_long_terms_make_no_cards() -> None:
    assert _read("## A\n- Result: war\n- peace\n").flashcards == ()
    assert _read("## A\n- The king who fled to Varennes in June 1791: Louis\n- The queen who fled with the king to Varennes: Marie\n").flashcards == ()


def test_a_text_outline_with_unicode_bullets_and_tabs() -> None:
    draft = outline.read("outline-water.txt", (FILES / "outline-water.txt").read_bytes())
    assert _sections(draft) == [
        {"title": "The water cycle", "points": [{"Evaporation": ["the sun heats the sea"]}, "Condensation"]},
        {"title": "Key terms", "points": ["Precipitation: water falling as rain, snow or hail",
                                          "Run-off: water flowing over the ground to rivers"]}]
    assert [card["front"] for card in draft.flashcards[0].data["cards"]] == ["Precipitation", "Run-off"]


@pytest.mark.parametrize("indent", ["  ", "    ", "\t"])
def test_indentation_by_two_or_four_spaces_or_tabs(indent: str) -> None:
    text = f"- Causes\n{indent}- debt\n{indent}{indent}- the American war\n{indent}- harvest\n- Course\n{indent}- 1789\n"
    assert _sections(_read(text)) == [{"title": "Causes", "points": [{"debt": ["the American war"]}, "harvest"]},
                                      {"title": "Course", "points": ["1789"]}]


def test_a_flat_list_is_one_section_of_points_named_by_the_title() -> None:
    draft = _read("# Photosynthesis\n- light\n- water\n- carbon dioxide\n")
    assert _sections(draft) == [{"title": "Photosynthesis", "points": ["light", "water", "carbon dioxide"]}]


def test_a_line_without_a_bullet_continues_the_item_above() -> None:
    draft = _read("## Causes\n- a harvest that failed\nin 1788\n- debt\n")
    assert _sections(draft)[0]["points"] == ["a harvest that failed in 1788", "debt"]


def test_an_outline_never_makes_events_and_keeps_dates_as_text() -> None:
    draft = _read("## 1789\n- 14 July 1789: the Bastille falls\n- 1791: the flight to Varennes\n")
    assert draft.events == () and draft.periods == ()
    assert _sections(draft)[0]["points"] == ["14 July 1789: the Bastille falls", "1791: the flight to Varennes"]


def test_an_outline_of_nothing_is_refused() -> None:
    with pytest.raises(Unreadable, match="no points found"):
        _read("---\n\n***\n")


def test_sniff_wants_most_lines_marked() -> None:
    assert outline.sniff("x.md", b"# T\n- a\n- b\n")
    assert not outline.sniff("x.txt", b"la luna\tthe moon\nel sol\tthe sun\n")


def test_a_mind_maps_text_export_its_centre_the_title() -> None:
    draft = outline.read("cells.txt", b"Cells\n\tOrganelles\n\t\tNucleus\n\tTransport\n\t\tDiffusion\n\t\t\tHigh to low\n")
    assert draft.title == "Cells"
    assert _sections(draft) == [{"title": "Organelles", "points": ["Nucleus"]},
                                {"title": "Transport", "points": [{"Diffusion": ["High to low"]}]}]


def test_headings_alone_nest_as_sections_points_and_sub_points() -> None:
    draft = _read("# Meiji Japan\n## Reforms\n### Land tax, 1873\n### Conscription\n#### Samurai lose their role\n")
    assert draft.title == "Meiji Japan"
    assert _sections(draft) == [{"title": "Reforms", "points": ["Land tax, 1873",
                                                                {"Conscription": ["Samurai lose their role"]}]}]


def test_a_paragraph_after_a_blank_line_is_a_point_of_its_own() -> None:
    draft = _read("## Causes\n- debt\n- harvest\n\nSome closing text.\n")
    assert _sections(draft)[0]["points"] == ["debt", "harvest", "Some closing text."]
