"""Quizlet's export: term and definition by tab, comma or another character; rows by lines or ;."""

from __future__ import annotations

from pathlib import Path

import pytest

from compiler.importers import quizlet
from compiler.importers.draft import Unreadable
from compiler.importers.write import unit_yaml

FILES = Path(__file__).parent / "files"


def _cards(name: str, content: bytes) -> list[dict[str, object]]:
    (deck,) = quizlet.read(name, content).flashcards
    return list(deck.data["cards"])


def test_tab_separated_rows_are_cards_named_after_the_file_and_kept_as_written() -> None:
    draft = quizlet.read("quizlet-spanish.txt", (FILES / "quizlet-spanish.txt").read_bytes())
    assert draft.flashcards[0].data["title"] == "Quizlet spanish"
    assert draft.flashcards[0].data["cards"] == [
        {"front": "el perro", "back": "the dog"}, {"front": "el gato", "back": "the cat"},
        {"front": "la casa", "back": "the house, the home"}, {"front": "yes", "back": "#1 word: sí"}]


def test_a_comma_separates_at_the_first_comma_so_a_definition_keeps_its_own() -> None:
    cards = _cards("quizlet-comma.txt", (FILES / "quizlet-comma.txt").read_bytes())
    assert cards[0] == {"front": "Photosynthesis", "back": "the process by which plants make glucose, using light"}
    assert cards[2] == {"front": "Stomata", "back": "pores in the leaf, which let gases in and out"}


def test_rows_separated_by_semicolons_on_one_line() -> None:
    assert _cards("quizlet-rows.txt", (FILES / "quizlet-rows.txt").read_bytes()) == [
        {"front": "hola", "back": "hello"}, {"front": "adiós", "back": "goodbye"},
        {"front": "gracias", "back": "thank you"}]


@pytest.mark.parametrize("separator", ["|", " = ", "::"])
def test_a_custom_separator_used_in_every_row_is_found(separator: str) -> None:
    content = f"la luna{separator}the moon\nel sol{separator}the sun\n".encode()
    assert _cards("x.txt", content) == [{"front": "la luna", "back": "the moon"}, {"front": "el sol", "back": "the sun"}]


def test_a_row_without_a_separator_is_refused_at_its_line() -> None:
    with pytest.raises(Unreadable) as caught:
        quizlet.read("x.txt", b"la luna\tthe moon\nel sol the sun\n")
    assert caught.value.line == 2 and "no separator" in caught.value.message


def test_sniff_takes_tabs_between_not_before_and_commas_in_unindented_rows() -> None:
    assert quizlet.sniff("x.txt", b"la luna\tthe moon\nel sol\tthe sun\n")
    assert not quizlet.sniff("x.txt", b"Water\n\tEvaporation\n\tCondensation\n")
    assert quizlet.sniff("x.txt", b"luna, moon\nsol, sun\n")
    assert not quizlet.sniff("x.txt", b"Causes\n  debt, war\n")


def test_a_set_with_a_definition_still_to_write_is_still_a_set() -> None:
    """One row of thirty ends in a tab (a card whose back is not written yet): the set stays a
    set of cards, that card left out and said, never a section of points."""
    rows = [f"la palabra {n}\tthe word {n}" for n in range(30)]
    rows[17] = "el perro\t"
    content = "\n".join(rows).encode() + b"\n"
    assert quizlet.sniff("x.txt", content)
    written = unit_yaml(quizlet.read("x.txt", content), "x")
    assert "  # left out: a card without a back (line 18)" in written.splitlines()
    assert written.count("- front: ") == 29


def test_a_card_left_out_is_named_by_its_line_or_row() -> None:
    draft = quizlet.read("x.txt", b"el perro\tthe dog\nel gato\t\nEl perro\tthe dog again\n")
    lines = unit_yaml(draft, "x").splitlines()
    assert "  # left out: a card without a back (line 2)" in lines
    assert "  # left out: a second card with the front 'El perro' (line 3)" in lines
    rows = quizlet.read("x.txt", b"hola\thello;adios\t;gracias\tthanks")
    assert "  # left out: a card without a back (row 2)" in unit_yaml(rows, "x").splitlines()
