"""``@id`` references to sources: found, lettered, and checked against what each file prints."""

from __future__ import annotations

import textwrap

import pytest

from compiler.citations import letter, lettered, numbering, referred, relabelled
from compiler.errors import ProblemsFound
from compiler.source import load_text
from compiler.validate import validate_unit


def test_references_start_a_word_and_an_escaped_at_prints_as_itself() -> None:
    text = r"Compare @decree with @tennis-oath-2, write to office@school.org or \@home; see @decree."
    assert referred([text]) == ["decree", "tennis-oath-2"]
    assert lettered(text, {"decree": "Source A", "tennis-oath-2": "Interpretation 1"}) == (
        "Compare Source A with Interpretation 1, write to office@school.org or @home; see Source A.")


def test_sources_are_lettered_and_interpretations_numbered_in_the_order_they_appear() -> None:
    marks = numbering([("b", "source"), ("i", "interpretation"), ("a", "source"), ("b", "source")])
    assert marks == {"b": ("source", "A"), "i": ("interpretation", "1"), "a": ("source", "B")}
    assert [letter(n) for n in (1, 26, 27, 52)] == ["A", "Z", "AA", "AZ"]


UNIT = """\
format: 1
unit: {id: revolution, title: The French Revolution}
glossary:
  - {term: Estates-General, definition: GLOSSARY}
sources:
  - {id: decree, author: The National Assembly, date: 1789-08-04, text: Feudalism is abolished.}
  - {id: lefebvre, kind: interpretation, author: Georges Lefebvre, text: A peasant revolution.}
sections:
  - title: August 1789
    text: SECTION
    sources: [decree]
worksheets:
  - id: sources
    title: Using sources
    questions:
      - type: short
        sources: [lefebvre]
        prompt: PROMPT
        answer: a peasant revolution
"""


def messages(section: str = "Read @decree.", prompt: str = "What does @lefebvre say?",
             glossary: str = "An assembly.") -> list[str]:
    text = UNIT.replace("SECTION", section).replace("PROMPT", prompt).replace("GLOSSARY", glossary)
    try:
        validate_unit(load_text(textwrap.dedent(text), "revolution.yaml"))
    except ProblemsFound as exc:
        return [str(p) for p in exc.problems]
    return []


def test_references_to_printed_sources_are_valid() -> None:
    assert messages() == []


@pytest.mark.parametrize(("where", "said"), [
    ({"section": "Read @lefebvre."},
     "sections[0].text: @lefebvre is not printed in the handout — add lefebvre to a section's `sources:`"),
    ({"prompt": "What does @decree say?"},
     "@decree is not printed in this worksheet — add decree to the `sources:` of the question that uses it"),
    ({"prompt": "What does @lefebre say?"}, "@lefebre names no source"),
    ({"glossary": "As in @decree."},
     "glossary[0] (Estates-General).definition: @decree refers to a source, which only the handout's sections"),
])
def test_a_reference_the_file_cannot_letter_is_located(where: dict[str, str], said: str) -> None:
    found = messages(**where)
    assert len(found) == 1 and said in found[0], found


def test_a_source_without_words_or_picture_and_unknown_source_ids_are_located() -> None:
    text = UNIT.replace(", text: Feudalism is abolished.", "").replace("sources: [decree]", "sources: [decre]")
    with pytest.raises(ProblemsFound) as caught:
        validate_unit(load_text(text.replace("SECTION", "x").replace("PROMPT", "y"), "r.yaml"))
    found = [str(p) for p in caught.value.problems]
    assert any("sources[0] (decree): the source has neither text nor a picture" in m for m in found)
    assert any("sections[0].sources[0]: unknown source 'decre'" in m for m in found)


def test_relabelled_letters_every_text_of_a_model_and_keeps_the_rest() -> None:
    unit = validate_unit(load_text(UNIT.replace("SECTION", "Read @decree.").replace("PROMPT", "What does @lefebvre say?"),
                                   "revolution.yaml"))
    question = unit.worksheets[0].questions[0]
    copy = relabelled(question, {"lefebvre": "Interpretation 1"})
    assert copy.prompt == "What does Interpretation 1 say?" and copy.answer == question.answer
    assert relabelled(unit.glossary[0], {"decree": "Source A"}) is unit.glossary[0]


def test_a_source_named_twice_or_referred_to_in_a_worksheet_title_is_located() -> None:
    text = (UNIT.replace("SECTION", "x").replace("PROMPT", "y").replace("sources: [decree]", "sources: [decree, decree]")
            .replace("title: Using sources", "title: Using @lefebvre"))
    with pytest.raises(ProblemsFound) as caught:
        validate_unit(load_text(text, "r.yaml"))
    found = [str(p) for p in caught.value.problems]
    assert any("sections[0].sources[1]: decree is named twice in `sources:`" in m for m in found), found
    assert any("worksheets[0] (sources).title: @lefebvre refers to a source" in m for m in found), found
