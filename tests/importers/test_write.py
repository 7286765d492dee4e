"""The writer: a draft as a complete unit that passes check, every text quoted right, ids made
unique, what the format refuses left out and said, each item under a comment on its origin."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from compiler.importers.draft import Draft, Part
from compiler.importers.write import unit_yaml
from compiler.starter import starter_problems

TRICKY = ["[1789]", "Liberty: equality", "#1 cause", "yes", "No", "007", "1:20", "- a dash", "*the* Terror",
          '"quoted"', "'48", "@home", "%", "a # b", "true", "~", "null", "1e3", "2024-01-01", ": starts"]


def _data(text: str) -> object:
    return yaml.safe_load(text)


def _check(text: str, tmp_path: Path) -> list[str]:
    return [str(problem) for problem in starter_problems(text, tmp_path / "unit.yaml")]


def test_texts_that_yaml_would_misread_come_back_as_written(tmp_path: Path) -> None:
    cards = [{"front": text, "back": text} for text in TRICKY]
    draft = Draft(title="Quoting", described="a test", flashcards=(Part({"title": "Tricky", "cards": cards}, "row 1"),))
    text = unit_yaml(draft, "quoting")
    written = _data(text)["flashcards"][0]["cards"]
    assert [card["front"] for card in written] == TRICKY
    assert [card["back"] for card in written] == TRICKY
    assert _check(text, tmp_path) == []


def test_a_header_says_the_file_and_format_and_each_item_its_origin() -> None:
    draft = Draft(title=None, described="an OPML outline", notes=("Levels deeper than sub-points are joined.",),
                  sections=(Part({"title": "Reforms", "points": ["conscription"]}, "outline 3 ('Reforms')"),))
    lines = unit_yaml(draft, "meiji", "meiji.opml").splitlines()
    assert lines[0] == "# Imported by printpack import from meiji.opml (an OPML outline)."
    assert "# Levels deeper than sub-points are joined." in lines[:5]
    assert lines[lines.index("  - title: Reforms") - 1] == "  # outline 3 ('Reforms')"
    assert _data("\n".join(lines))["unit"] == {"id": "meiji", "title": "Meiji", "language": "en"}


def test_the_title_is_the_one_given_else_the_drafts_else_the_file_name() -> None:
    draft = Draft(title="Meiji Japan", described="x", sections=(Part({"title": "A", "points": ["b"]}, "line 1"),))
    assert _data(unit_yaml(draft, "m", "meiji.opml", "The Meiji era"))["unit"]["title"] == "The Meiji era"
    assert _data(unit_yaml(draft, "m", "meiji.opml"))["unit"]["title"] == "Meiji Japan"
    untitled = Draft(title=None, described="x", sections=draft.sections)
    assert _data(unit_yaml(untitled, "m", "key_words.md"))["unit"]["title"] == "Key words"


def test_ids_are_slugs_made_unique_and_never_a_generated_sets_id(tmp_path: Path) -> None:
    card = [{"front": "a", "back": "b"}]
    sets = tuple(Part({"title": title, "cards": card}, f"line {n}")
                 for n, title in enumerate(["Key words", "Key Words!", "Key words", "Glossary", "", "Événements"]))
    text = unit_yaml(Draft(title="T", described="x", flashcards=sets), "t")
    assert [s["id"] for s in _data(text)["flashcards"]] == ["key-words", "key-words-2", "key-words-3", "glossary-cards",
                                                           "evenements"]
    assert "  # line 4: left out (title missing)" in text.splitlines()
    assert _check(text, tmp_path) == []


def test_event_themes_follow_the_ids_their_themes_were_given(tmp_path: Path) -> None:
    draft = Draft(title="Meiji", described="a TimelineJS timeline",
                  themes=(Part({"id": "Reform & War", "label": "Reform and war"}, "group 'Reform & War'"),),
                  periods=(Part({"label": "Meiji era", "start": 1868, "end": 1912}, "era 1"),),
                  events=(Part({"date": "1868-01-03", "title": "Restoration", "themes": ["Reform & War"]}, "row 2"),
                          Part({"date": 1877, "end": 1877, "title": "Satsuma Rebellion", "detail": ""}, "row 3")),
                  glossary=(Part({"term": "han", "definition": "a domain"}, "row 4"),))
    text = unit_yaml(draft, "meiji")
    data = _data(text)
    assert data["themes"][0]["id"] == "reform-war" and data["events"][0]["themes"] == ["reform-war"]
    assert [event["id"] for event in data["events"]] == ["restoration", "satsuma-rebellion"]
    assert "detail" not in data["events"][1] and "  # left out: an empty detail" in text.splitlines()
    assert _check(text, tmp_path) == []


def test_what_the_format_refuses_is_left_out_and_said(tmp_path: Path) -> None:
    draft = Draft(title="Water", described="x",
                  sections=(Part({"title": "Empty"}, "line 1"),
                            Part({"title": "Cycle", "points": ["", "\u200b", {"Evaporation": ["", "heat"]}, {"  ": ["x"]}]},
                                 "line 3")),
                  flashcards=(Part({"title": "Terms", "cards": [{"front": "", "back": "b"}]}, "line 9"),
                              Part({"title": "Words", "cards": [{"front": "Run-off", "back": ["", "over land"]},
                                                                {"front": "run-off", "back": "again"},
                                                                {"front": "Rain", "back": []}]}, "line 12")),
                  glossary=(Part({"term": "Condensation", "definition": "vapour to water"}, "row 1"),
                            Part({"term": "condensation", "definition": "said twice"}, "row 2")))
    text = unit_yaml(draft, "water")
    data = _data(text)
    assert data["sections"] == [{"title": "Cycle", "points": [{"Evaporation": ["heat"]}, "x"]}]
    assert data["flashcards"] == [{"id": "words", "title": "Words", "cards": [{"front": "Run-off", "back": "over land"}]}]
    assert len(data["glossary"]) == 1
    lines = text.splitlines()
    for said in ("  # line 1: left out (points missing)", "  # line 9: left out (cards missing; a card without a front)",
                 "  # left out: a second card with the front 'run-off'", "  # left out: a card without a back",
                 "  # row 2: left out (its term was given before)", "  # left out: an empty sub-point"):
        assert said in lines
    assert _check(text, tmp_path) == []


def test_a_back_of_more_than_twenty_points_keeps_the_rest_in_its_last(tmp_path: Path) -> None:
    back = [f"point {n}" for n in range(1, 26)]
    draft = Draft(title="Long", described="x", flashcards=(Part({"title": "L", "cards": [{"front": "f", "back": back}]}, "l"),))
    text = unit_yaml(draft, "long")
    written = _data(text)["flashcards"][0]["cards"][0]["back"]
    assert len(written) == 20 and written[-1] == "point 20 point 21 point 22 point 23 point 24 point 25"
    assert _check(text, tmp_path) == []


@pytest.mark.parametrize("title", ["Meiji: Japan", "[draft] notes", "yes"])
def test_the_same_draft_writes_the_same_text(title: str) -> None:
    draft = Draft(title=title, described="x", sections=(Part({"title": "A", "points": ["b"]}, "line 1"),))
    assert unit_yaml(draft, "a", "a.md") == unit_yaml(draft, "a", "a.md")
    assert _data(unit_yaml(draft, "a", "a.md"))["unit"]["title"] == title


@pytest.mark.parametrize("detail", ["Four warships anchor.\n\nThe isolation ends.", "trailing  \nspaces", "\nled by a break"])
def test_a_text_of_paragraphs_is_a_block_that_reads_back_the_same(detail: str, tmp_path: Path) -> None:
    draft = Draft(title="Perry", described="x", events=(Part({"date": 1853, "title": "Black ships", "detail": detail}, "row 2"),))
    text = unit_yaml(draft, "perry")
    assert _data(text)["events"][0]["detail"] == detail
    assert not [line for line in text.splitlines() if line != line.rstrip()]  # no trailing spaces written
    assert _check(text, tmp_path) == []


def test_an_event_keeps_its_theme_when_a_theme_given_twice_is_left_out(tmp_path: Path) -> None:
    draft = Draft(title="Meiji", described="x",
                  themes=(Part({"id": "Politics", "label": "Politics"}, "group 1"),
                          Part({"id": "politics ", "label": "politics"}, "group 2")),
                  events=(Part({"date": 1871, "title": "Han abolished", "themes": ["politics "]}, "row 2"),))
    text = unit_yaml(draft, "meiji")
    assert [theme["id"] for theme in _data(text)["themes"]] == ["politics"]
    assert _data(text)["events"][0]["themes"] == ["politics"]
    assert _check(text, tmp_path) == []
