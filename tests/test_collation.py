"""Alphabetical order: a dictionary's, whatever the accents and the script."""

from __future__ import annotations

import random

import pytest

from compiler.collation import alphabetical


@pytest.mark.parametrize("ordered", [
    ["Ancien Régime", "assignat", "Émigrés", "Estates-General", "Łódź", "Lyon", "Oath", "Œuvre", "Ørsted",
     "Third Estate"],
    ["Arbeit", "Ärger", "Ärgernis", "Öl", "Ostern", "Straße", "Strauß", "Übel", "Uhr"],
    ["август", "Дума", "ёлка", "Ёлка", "есаул", "жук", "Эмиграция", "Ясли"],
    ["Αθήνα", "Ἀλέξανδρος", "Βουλή", "Ωδείο"],
])
def test_accented_and_special_letters_file_under_their_base_letter(ordered: list[str]) -> None:
    shuffled = ordered[:]
    random.Random(4).shuffle(shuffled)
    assert sorted(shuffled, key=alphabetical) == ordered


def test_case_only_breaks_a_tie_and_the_order_never_depends_on_the_order_written() -> None:
    assert sorted(["apple", "Apple", "Banana"], key=alphabetical) == sorted(["Apple", "Banana", "apple"], key=alphabetical)
    assert [w.casefold() for w in sorted(["Banana", "apple", "Cherry"], key=alphabetical)] == ["apple", "banana", "cherry"]


@pytest.mark.parametrize(("language", "ordered"), [
    ("ru", ["Гласность", "Дума", "Ёлка", "Comintern", "Glasnost"]),
    ("en", ["Comintern", "Glasnost", "Гласность", "Дума"]),
    ("de", ["Ärger", "Zoll", "Дума"]),
])
def test_terms_in_the_unit_language_s_own_script_come_first(language: str, ordered: list[str]) -> None:
    """A Russian glossary lists its Cyrillic terms before the Latin ones, as Russian dictionaries
    do; an English or German one the other way round."""
    shuffled = ordered[::-1]
    assert sorted(shuffled, key=lambda term: alphabetical(term, language)) == ordered


def test_numbers_in_terms_go_by_their_value() -> None:
    ordered = ["2nd International", "3rd Estate", "10 Downing Street", "95 Theses", "1905 Revolution", "Article 16",
               "Article 231", "Zone"]
    shuffled = ordered[:]
    random.Random(7).shuffle(shuffled)
    assert sorted(shuffled, key=alphabetical) == ordered
