"""Ids made from names, and what a reference that names no item most likely meant."""

from __future__ import annotations

from compiler.ids import listed, plural, reference_hint, slug

THEMES = {"war": "War and Terror", "society": "Society", "economy": "Économie"}


def test_slug_transliterates_and_keeps_letters_digits_and_hyphens() -> None:
    assert slug("Storming of the Bastille!") == "storming-of-the-bastille"
    assert slug("Émigrés, 1791") == "emigres-1791"
    assert slug("***") == ""
    assert slug("x" * 70) == "x" * 64


def test_plural() -> None:
    assert [plural(n) for n in ("theme", "person", "category", "card sort")] == [
        "themes", "people", "categories", "card sorts"]


def test_the_ids_there_are_are_listed_up_to_ten_then_counted() -> None:
    assert listed(["war", "society"], "theme") == "the themes are: war, society"
    ids = [f"t{n}" for n in range(13)]
    assert listed(ids, "theme") == "the themes are: t0, t1, t2, t3, t4, t5, t6, t7, t8, t9 and 3 more"
    assert listed(ids[:10], "theme") == "the themes are: t0, t1, t2, t3, t4, t5, t6, t7, t8, t9"
    assert listed([], "person") == "the unit defines no people"


def test_a_label_written_as_an_id_names_the_item_whatever_its_case_accents_and_punctuation() -> None:
    assert reference_hint("War and Terror", "theme", THEMES, "label") == (
        "'War and Terror' is the label of theme 'war'; write war")
    assert reference_hint("war-and-terror", "theme", THEMES, "label") == (
        "'war-and-terror' is the label of theme 'war' ('War and Terror'); write war")
    assert reference_hint("ECONOMIE!", "theme", THEMES, "label") == (
        "'ECONOMIE!' is the label of theme 'economy' ('Économie'); write economy")


def test_a_label_match_wins_over_an_id_the_reference_is_close_to() -> None:
    """'Society' is the label of 'people' here, though it is also close to the id 'society'."""
    names = {"people": "Society", "society": "Class and estate"}
    assert reference_hint("Society ", "theme", names, "label") == (
        "'Society ' is the label of theme 'people' ('Society'); write people")


def test_an_id_written_in_capitals_or_misspelt_is_named() -> None:
    assert reference_hint("War", "theme", THEMES, "label") == "did you mean 'war'?"
    assert reference_hint("socety", "theme", THEMES, "label") == "did you mean 'society'?"


def test_nearly_a_title_names_the_item() -> None:
    events = {"bastille": "Storming of the Bastille", "oath": "Tennis Court Oath"}
    assert reference_hint("storming-the-bastille", "event", events, "title") == (
        "'storming-the-bastille' is nearly the title of event 'bastille' ('Storming of the Bastille'); "
        "write bastille")


def test_nothing_close_lists_the_ids() -> None:
    assert reference_hint("terror", "theme", THEMES, "label") == "the themes are: war, society, economy"
    assert reference_hint("***", "theme", THEMES, "label") == "the themes are: war, society, economy"
    assert reference_hint("terror", "theme", {}, "label") == "the unit defines no themes"
