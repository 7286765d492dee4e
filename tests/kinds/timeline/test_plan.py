"""What a poster says: every event planned with its words, whatever the paper."""

from __future__ import annotations

import pytest

from compiler.errors import LayoutError
from compiler.kinds import KINDS
from compiler.kinds.timeline.layout import lay_out
from compiler.outputs import Settings
from compiler.source import load_text
from compiler.theme import load_theme
from compiler.validate import validate_unit
from tests.kinds.timeline.posters import (
    generated_unit,
    timeline_plan,
)


def test_a_crowded_poster_is_planned_whole_and_fails_only_where_it_is_laid_out() -> None:
    """Planning decides words and data and measures nothing: every event of a poster too crowded
    for its paper is planned, with its worded date; placing the labels, in the drawing stage,
    is what finds that they do not fit."""
    text = generated_unit(120, first_year=1939, per_year=12, paper="a3")
    words = timeline_plan(text)
    assert len(words.events) == 120 and words.events[0].date == "Jan 1939" and words.paper == "a3"
    with pytest.raises(LayoutError) as caught:
        lay_out(words, load_theme())
    assert caught.value.items and all(item.path[0] == "events" for item in caught.value.items)
    assert "no room for the label of 'e" in caught.value.items[0].message


def test_a_unit_without_events_has_no_timeline() -> None:
    unit = validate_unit(load_text("format: 1\nunit: {id: u, title: U}\nglossary: [{term: a, definition: b}]\n", "u"))
    assert KINDS["timeline"].targets(unit, Settings()) == []
