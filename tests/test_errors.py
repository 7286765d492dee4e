"""Problems print as file:line:column: path: message — hint, and sort by position."""

from __future__ import annotations

from compiler.errors import Problem, ProblemsFound, did_you_mean, format_path, quoted


def test_format_path() -> None:
    assert format_path(("events", 3, "date")) == "events[3].date"
    assert format_path(("worksheets", 0, "sections", 1, "questions", 2)) == "worksheets[0].sections[1].questions[2]"
    assert format_path(()) == ""


def test_problem_text() -> None:
    problem = Problem("u.yaml", 4, 7, "events[0].themes[0]", "unknown theme 'germny'", "did you mean 'germany'?")
    assert str(problem) == "u.yaml:4:7: events[0].themes[0]: unknown theme 'germny' — did you mean 'germany'?"
    assert str(Problem("u.yaml", 1, 1, "", "the file is empty")) == "u.yaml:1:1: the file is empty"


def test_problems_are_sorted_and_deduplicated() -> None:
    later = Problem("u.yaml", 9, 1, "b", "m")
    earlier = Problem("u.yaml", 2, 5, "a", "m")
    assert ProblemsFound([later, earlier, later]).problems == [earlier, later]


def test_did_you_mean() -> None:
    assert did_you_mean("germny", ["germany", "west"]) == "did you mean 'germany'?"
    assert did_you_mean("zzz", ["germany"]) is None


def test_a_quoted_value_stays_on_one_line_shows_invisible_characters_and_is_capped() -> None:
    assert quoted("small\n") == "'small\\n'"
    assert quoted("Sta\u200blin") == "'Sta\\u200blin'"
    assert quoted("a\u00a0b") == "'a\\xa0b'"
    assert quoted("x" * 100) == "'" + "x" * 59 + "…'"
    assert quoted("Café ✓") == "'Café ✓'"


def test_every_problem_message_and_hint_is_one_line() -> None:
    problem = Problem("u.yaml", 1, 1, "unit.id", "bad\nid", "a\u2028b")
    assert str(problem) == "u.yaml:1:1: unit.id: bad\\nid — a\\u2028b"
