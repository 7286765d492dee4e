"""`printpack new` writes a valid, commented unit."""

from __future__ import annotations

from compiler.source import load_text
from compiler.starter import slug, starter_unit
from compiler.validate import validate_unit


def test_slug() -> None:
    assert slug("The Cold War, 1945–91!") == "the-cold-war-1945-91"
    assert slug("***") == ""
    assert slug("Холодная война") == "kholodnaya-voyna"
    assert slug("Ψυχρός Πόλεμος") == "psychros-polemos"
    assert slug("Café Müller, 1920s") == "cafe-muller-1920s"


def test_the_starter_is_a_valid_commented_unit() -> None:
    text = starter_unit("cold-war", 'The "Cold" War: 1945')
    assert text.count("#") > 10
    unit = validate_unit(load_text(text, "cold-war.yaml"))
    assert unit.unit.id == "cold-war" and unit.unit.title == 'The "Cold" War: 1945'
    assert unit.sections and unit.events and unit.glossary


def test_the_title_is_written_as_typed() -> None:
    assert 'title: "Stalin\'s Russia: 1924–41"' in starter_unit("u", "Stalin's Russia: 1924–41")
