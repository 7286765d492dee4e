"""The format's model: defaults, teacher-friendly list items, and the published JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from compiler.kinds import KINDS
from compiler.model import Point, Section, Unit, Worksheet, json_schema
from compiler.questions.choice import Choice
from compiler.source import Numeral, load_text

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "docs" / "schema.json"


def test_a_one_key_mapping_in_a_text_list_is_the_text_a_teacher_wrote() -> None:
    section = Section.model_validate({"heading": "h", "points": [{"Level 4 (16–20)": "a judgement"}]})
    assert section.points == [Point(text="Level 4 (16–20): a judgement")]


def test_a_point_with_a_list_value_has_sub_points() -> None:
    section = Section.model_validate({"heading": "h", "points": ["plain", {"Main point": ["one", "two"]}]})
    assert section.points[1] == Point(text="Main point", points=["one", "two"])


def test_a_single_answer_is_a_list_of_one() -> None:
    choice = Choice.model_validate({"type": "choice", "prompt": "p", "options": ["a", "b"], "answer": "a"})
    assert choice.answer == ["a"] and choice.marks == 1


def test_bare_questions_are_one_untitled_section() -> None:
    sheet = Worksheet.model_validate({"id": "w", "title": "t", "questions": [
        {"type": "true_false", "statement": "s", "answer": True}]})
    (part,) = sheet.parts
    assert part.title is None and len(part.questions) == 1


def test_numbers_written_in_the_file_stand_for_text_as_written() -> None:
    unit = Unit.model_validate(load_text("format: 1\nunit: {id: u, title: 1984, subtitle: 3.10, level: 007}\n",
                                         "u.yaml").data)
    assert (unit.unit.title, unit.unit.subtitle, unit.unit.level) == ("1984", "3.10", "007")
    assert unit.unit.language == "en"


def test_a_number_that_is_not_from_the_file_is_not_text() -> None:
    """Only the loader's Numeral is text: a Python number is never formatted into a text field."""
    with pytest.raises(ValidationError):
        Unit.model_validate({"format": 1, "unit": {"id": "u", "title": 3.10}})


def _as_an_editor_reads(data: object) -> object:
    """The loaded data with numbers as numbers, as a YAML editor checks them against the schema."""
    if isinstance(data, Numeral):
        return data.number
    if isinstance(data, dict):
        return {key: _as_an_editor_reads(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_as_an_editor_reads(value) for value in data]
    return data


def test_docs_schema_is_fresh() -> None:
    """docs/schema.json is what `printpack schema` prints; regenerate it when the model changes."""
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == json_schema(tuple(KINDS))


def test_schema_names_the_question_types() -> None:
    text = json.dumps(json_schema())
    for kind in ("choice", "true_false", "short", "gap_fill", "match", "order", "extended", "source", "label"):
        assert f'"{kind}"' in text


def test_the_schema_accepts_what_printpack_accepts_and_rejects_typos() -> None:
    """Editors underline what the schema rejects: valid units must pass, typos must not."""
    import jsonschema

    from compiler.source import load_file
    from compiler.starter import starter_unit
    from tests.conftest import SHIPPED_UNIT, SMALL_UNIT

    validator = jsonschema.Draft202012Validator(json_schema())
    for data in (load_file(SHIPPED_UNIT).data, load_text(SMALL_UNIT, "u").data,
                 load_text(starter_unit("u", "U"), "u").data):
        assert not list(validator.iter_errors(_as_an_editor_reads(data)))
    typo = load_text(SMALL_UNIT.replace("title: A small unit", "titel: A small unit"), "u").data
    assert list(validator.iter_errors(_as_an_editor_reads(typo)))


RENAMED_UNIT = """\
format: 1
unit: {id: u, title: U}
sections:
  - {TITLE: The harvest, text: Crops are gathered in autumn.}
worksheets:
  - id: w
    title: W
    shuffle: true
    versions: 2
    questions:
      - {type: true_false, PROMPT: Wheat is sown in spring., answer: false}
      - {type: extended, prompt: Why?, space: SPACE}
"""


@pytest.mark.parametrize(("title", "prompt"), [("title", "prompt"), ("heading", "statement")])
@pytest.mark.parametrize("space", ["half a page", "half page", "0.5 page", "1.5 pages", "2 pages", "12 lines"])
def test_the_schema_accepts_the_new_names_and_the_old_ones(title: str, prompt: str, space: str) -> None:
    import jsonschema

    validator = jsonschema.Draft202012Validator(json_schema())
    text = RENAMED_UNIT.replace("TITLE", title).replace("PROMPT", prompt).replace("SPACE", space)
    data = load_text(text, "u").data
    assert not list(validator.iter_errors(_as_an_editor_reads(data)))
    unit = Unit.model_validate(data)
    assert unit.sections[0].title == "The harvest" and unit.worksheets[0].questions[0].prompt.startswith("Wheat")


@pytest.mark.parametrize("text", [
    RENAMED_UNIT.replace("TITLE: The harvest", "title: The harvest, heading: The harvest"),
    RENAMED_UNIT.replace("PROMPT: Wheat is sown in spring.", "prompt: Wheat is sown., statement: Rye is sown."),
    RENAMED_UNIT.replace("SPACE", "half pages"), RENAMED_UNIT.replace("SPACE", "1.25 pages"),
])
def test_the_schema_rejects_both_names_at_once_and_spaces_printpack_rejects(text: str) -> None:
    import jsonschema

    validator = jsonschema.Draft202012Validator(json_schema())
    data = load_text(text.replace("TITLE", "title").replace("PROMPT", "prompt").replace("SPACE", "1 page"), "u").data
    assert list(validator.iter_errors(_as_an_editor_reads(data)))
    with pytest.raises(ValidationError):
        Unit.model_validate(data)


def test_the_schema_shows_the_new_names_and_marks_the_old_ones_deprecated() -> None:
    definitions = json_schema()["$defs"]
    assert definitions["Section"]["properties"]["heading"]["deprecated"] is True
    assert definitions["TrueFalse"]["properties"]["statement"]["deprecated"] is True
    assert "title" in definitions["Section"]["properties"] and "prompt" in definitions["TrueFalse"]["properties"]
    assert definitions["Worksheet"]["properties"]["shuffle"]["type"] == "boolean"


def test_true_or_false_after_a_label_in_a_text_list_is_the_word() -> None:
    source = load_text("format: 1\nunit: {id: u, title: U}\nsections:\n  - heading: H\n    points:\n"
                       "      - 'Is it': true\n      - Main:\n          - Sub: FALSE\n"
                       "worksheets:\n  - id: w\n    title: W\n    questions:\n      - type: extended\n"
                       "        prompt: Why?\n        mark_scheme: [Level 1: false]\n", "u.yaml")
    unit = Unit.model_validate(source.data)
    assert unit.sections[0].points[0].text == "'Is it': true"  # the quotes YAML did not need are the teacher's
    assert unit.sections[0].points[1].points == ["Sub: false"]
    assert unit.worksheets[0].questions[0].mark_scheme == ["Level 1: false"]  # type: ignore[union-attr]


def test_text_is_kept_in_nfc_so_an_accent_typed_either_way_is_the_same_text() -> None:
    source = load_text('format: 1\nunit: {id: u, title: "Cafe\\u0301"}\n', "u.yaml")
    assert Unit.model_validate(source.data).unit.title == "Caf\u00e9"


def test_the_schema_accepts_an_approximate_year_and_rejects_a_bad_one() -> None:
    import jsonschema

    date = json_schema()["$defs"]["Event"]["properties"]["date"]
    for good in ["c. 1750", "c.1750", "ca. 1750", "circa 1750", "c. -44", "1750-06", 1750]:
        jsonschema.validate(good, date)
    for bad in ["c. 17x0", "circa", "c. 1750-06", "about 1750"]:
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, date)
