"""The field types every part of the format shares, as a teacher's values meet them."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from compiler.fields import ListItem, Marks, Model, Slug, Text
from compiler.source import load_text


class Example(Model):
    id: Slug
    text: Text
    item: ListItem | None = None
    marks: Marks = 1


def test_text_is_stripped_and_kept_in_one_normal_form() -> None:
    """An accent typed as a combining character is the same text as the precomposed letter."""
    assert Example.model_validate({"id": "a", "text": "  Cafe\u0301 "}).text == "Café"


def test_a_number_is_text_as_written_where_text_is_meant_and_a_number_where_marks_are() -> None:
    data = load_text("id: a\ntext: 3.10\nmarks: 2\n", "u.yaml").data
    example = Example.model_validate(data)
    assert (example.text, example.marks) == ("3.10", 2)
    with pytest.raises(ValidationError):
        Example.model_validate({"id": "a", "text": "t", "marks": "2"})  # quoted text is not a number


def test_a_one_key_mapping_in_a_list_item_is_the_line_a_teacher_wrote() -> None:
    assert Example.model_validate({"id": "a", "text": "t", "item": {"Level 4": "a judgement"}}).item == \
        "Level 4: a judgement"
    with pytest.raises(ValidationError, match="nothing after 'Level 4:'"):
        Example.model_validate({"id": "a", "text": "t", "item": {"Level 4": None}})


def test_unknown_keys_are_errors_and_an_empty_optional_key_is_absent() -> None:
    with pytest.raises(ValidationError, match="extra_forbidden"):
        Example.model_validate({"id": "a", "text": "t", "txet": "t"})
    assert Example.model_validate({"id": "a", "text": "t", "item": None}).item is None
    with pytest.raises(ValidationError):
        Example.model_validate({"id": "Not a slug", "text": "t"})
