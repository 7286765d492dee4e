"""Anki's "Notes in Plain Text" export: headers, quoting, HTML, decks, extra columns."""

from __future__ import annotations

from pathlib import Path

import pytest

from compiler.importers import anki
from compiler.importers.draft import Draft, Unreadable
from compiler.importers.write import unit_yaml

FILES = Path(__file__).parent / "files"


def _read(text: str, name: str = "deck.txt") -> Draft:
    return anki.read(name, text.encode())


def _cards(draft: Draft, index: int = 0) -> list[dict[str, object]]:
    return list(draft.flashcards[index].data["cards"])


def test_an_export_with_deck_and_tags_columns_gives_a_set_per_deck_in_file_order() -> None:
    draft = anki.read("anki-revolution.txt", (FILES / "anki-revolution.txt").read_bytes())
    assert draft.title == "French Revolution"  # the parent deck of every deck
    assert [part.data["title"] for part in draft.flashcards] == ["Key words", "People"]
    assert [part.origin for part in draft.flashcards] == ["line 6: deck 'French Revolution::Key words'",
                                                          "line 9: deck 'French Revolution::People'"]
    key_words = _cards(draft)
    assert key_words[0] == {"front": "**Estates-General**",
                            "back": ["The assembly of the three orders,", "called in 1789 for the first time since 1614"]}
    # a quoted field: "" is a quote, the separator and a line break inside are text
    assert key_words[1] == {"front": "Sans-culottes",
                            "back": 'The working people of Paris; "without breeches" in the silk sense'}
    assert key_words[2] == {"front": "Assignat", "back": "Paper money backed by *church* land"}
    # entities decoded, the sound file left out, the tags column not on the card
    assert _cards(draft, 1) == [{"front": "Robespierre",
                                 "back": "Jacobin leader & member of the Committee of Public Safety"}]
    assert "Anki's tags were left out." in draft.notes


@pytest.mark.parametrize(("name", "character"), [("tab", "\t"), ("comma", ","), ("semicolon", ";"), ("pipe", "|"),
                                                 ("space", " "), ("colon", ":"), ("Tab", "\t"), ("#", "#")])
def test_every_separator_anki_names_is_read(name: str, character: str) -> None:
    draft = _read(f"#separator:{name}\nla{character}the\nel{character}the\n")
    assert _cards(draft) == [{"front": "la", "back": "the"}, {"front": "el", "back": "the"}]


def test_without_html_true_markup_is_text() -> None:
    draft = _read("#separator:tab\n#html:false\n<b>el</b> &amp;\tthe\n")
    assert _cards(draft) == [{"front": "<b>el</b> &amp;", "back": "the"}]


def test_named_extra_columns_join_the_back_as_points_and_unnamed_ones_are_left_out() -> None:
    draft = anki.read("anki-columns.txt", (FILES / "anki-columns.txt").read_bytes())
    assert draft.flashcards[0].data["title"] == "Spanish food"  # the #deck: header
    assert _cards(draft) == [{"front": "la manzana", "back": ["the apple", "Example: Como una manzana cada día"]},
                             {"front": "el pan", "back": "the bread"},
                             {"front": "la leche; fresca", "back": "fresh milk"}]
    unnamed = _read("#separator:tab\nla casa\tthe house\textra\n")
    assert _cards(unnamed) == [{"front": "la casa", "back": "the house"}]
    assert any("left out" in note for note in unnamed.notes)


def test_notetype_and_guid_columns_are_not_fields() -> None:
    draft = _read("#separator:tab\n#guid column:1\n#notetype column:2\nAb3x\tBasic\tla casa\tthe house\n")
    assert _cards(draft) == [{"front": "la casa", "back": "the house"}]
    assert draft.flashcards[0].data["title"] == "Deck"  # named after the file


def test_a_separator_anki_does_not_write_is_refused_at_its_line() -> None:
    with pytest.raises(Unreadable) as caught:
        _read("#html:true\n#separator:double tab\na\tb\n")
    assert caught.value.line == 2 and "separator" in caught.value.message


def test_headers_without_notes_are_refused() -> None:
    with pytest.raises(Unreadable, match="no cards found"):
        _read("#separator:tab\n#html:true\n\n")


def test_sniff_knows_an_export_by_its_headers() -> None:
    assert anki.sniff("x.txt", b"\xef\xbb\xbf#separator:tab\n#html:true\na\tb\n")
    assert not anki.sniff("x.md", b"# The French Revolution\n- a\n")


def test_a_card_left_out_is_named_by_its_line() -> None:
    draft = _read("#separator:tab\n#deck column:1\nSpanish\tla luna\tthe moon\nSpanish\tel sol\t\n")
    assert "  # left out: a card without a back (line 4)" in unit_yaml(draft, "x").splitlines()


def test_a_note_is_located_at_the_line_it_starts_on_after_a_field_of_several_lines() -> None:
    draft = _read('#separator:tab\nla luna\t"the moon,\nour satellite"\nel sol\t\n')
    assert "  # left out: a card without a back (line 4)" in unit_yaml(draft, "x").splitlines()
