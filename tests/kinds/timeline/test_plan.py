"""What a poster says: every event planned with its words, whatever the paper."""

from __future__ import annotations

import pytest

from compiler.kinds import KINDS
from compiler.kinds.timeline.layout import lay_out
from compiler.kinds.timeline.plan import plan
from compiler.outputs import Context, Settings, Target
from compiler.source import load_text
from compiler.theme import PAPER, load_theme
from compiler.validate import validate_unit
from compiler.wording import Wording
from tests.kinds.timeline.posters import (
    generated_unit,
    timeline_plan,
)


def test_a_crowded_poster_is_planned_whole_and_thinned_only_where_it_is_laid_out() -> None:
    """Planning decides words and data and measures nothing: every event of a poster too crowded
    for its paper is planned, with its worded date; placing the labels, in the drawing stage,
    is what finds that they do not all fit, and leaves some out with a warning."""
    text = generated_unit(400, first_year=1939, per_year=12, paper="a3")
    words = timeline_plan(text)
    assert len(words.events) == 400 and words.events[0].date == "Jan 1939" and words.paper == "a3"
    poster = lay_out(words, load_theme())
    assert poster.omitted and len(poster.labels) + poster.omitted == 400
    assert [item.path for item in poster.warnings] == [("events",)]


@pytest.mark.parametrize(("language", "count", "words"), [
    ("en", 1, "1 further event is not shown on this poster"),
    ("en", 21, "21 further events are not shown on this poster"),
    ("ru", 21, "Ещё 21 событие не показано на этом плакате"),
    ("ru", 3, "Ещё 3 события не показаны на этом плакате"),
    ("ru", 25, "Ещё 25 событий не показано на этом плакате"),
    ("de", 1, "1 weiteres Ereignis ist auf diesem Plakat nicht dargestellt"),
    ("de", 7, "7 weitere Ereignisse sind auf diesem Plakat nicht dargestellt"),
])
def test_the_further_events_note_takes_the_plural_of_its_count(language: str, count: int, words: str) -> None:
    unit = validate_unit(load_text(generated_unit(3), "u.yaml"))
    context = Context(Settings(), PAPER["a4"], load_theme(), Wording(None, language))
    words_of = plan(unit, Target("timeline", "timeline.pdf", None, {"variant": "poster"}), context)
    assert words_of.further_note(count) == words


def test_key_events_carry_their_detail_to_the_poster() -> None:
    text = generated_unit(3).replace("title: Generated event number 1 happens}",
                                     "title: Generated event number 1 happens, key: true, detail: Why it *matters*}")
    text = text.replace("title: Generated event number 2 happens}",
                        "title: Generated event number 2 happens, detail: Not a key event}")
    events = timeline_plan(text).events
    assert [event.detail for event in events] == ["", "Why it matters", ""]


def test_a_unit_without_events_has_no_timeline() -> None:
    unit = validate_unit(load_text("format: 1\nunit: {id: u, title: U}\nglossary: [{term: a, definition: b}]\n", "u"))
    assert KINDS["timeline"].targets(unit, Settings()) == []
