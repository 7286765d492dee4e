"""Problems print as file:line:column: path: message — hint, and sort by position."""

from __future__ import annotations

from compiler.errors import Problem, ProblemsFound, did_you_mean, format_path, named_path, quoted


def test_format_path() -> None:
    assert format_path(("events", 3, "date")) == "events[3].date"
    assert format_path(("worksheets", 0, "sections", 1, "questions", 2)) == "worksheets[0].sections[1].questions[2]"
    assert format_path(()) == ""


def test_problem_text() -> None:
    problem = Problem("u.yaml", 4, 7, "events[0].themes[0]", "unknown theme 'germny'", "did you mean 'germany'?")
    assert str(problem) == "u.yaml:4:7: events[0].themes[0]: unknown theme 'germny' — did you mean 'germany'?"
    assert str(Problem("u.yaml", 1, 1, "", "the file is empty")) == "u.yaml:1:1: the file is empty"


def test_a_named_path_names_items_of_the_named_lists_by_the_id_the_data_has() -> None:
    data = {"events": [{"id": "estates"}, {"id": "bastille"}, {"date": "1789"}, {"id": 12}, "x"],
            "glossary": [{"term": "Émigré"}, {"term": "x" * 50}], "sections": [{"id": "s"}]}
    assert named_path(("events", 1, "date"), data) == "events[1] (bastille).date"
    assert named_path(("events", 1), data) == "events[1] (bastille)"
    assert named_path(("glossary", 0), data) == "glossary[0] (Émigré)"
    assert named_path(("glossary", 1, "term"), data) == f"glossary[1] ({'x' * 39}…).term"
    assert [named_path(("events", n, "date"), data) for n in (2, 3, 4, 9)] == [
        "events[2].date", "events[3].date", "events[4].date", "events[9].date"]
    assert named_path(("sections", 0, "theme"), data) == "sections[0].theme"
    assert named_path(("events", 1), ["not", "a", "unit"]) == "events[1]"
    assert named_path(("unit", "id"), data) == "unit.id"


def test_a_problem_prints_its_named_path_and_keeps_the_plain_one_for_machines() -> None:
    problem = Problem("u.yaml", 4, 7, "events[3].date", "not a date", None, "events[3] (bastille).date")
    assert str(problem) == "u.yaml:4:7: events[3] (bastille).date: not a date"
    assert problem.to_dict()["path"] == "events[3].date"
    assert problem.to_dict()["named_path"] == "events[3] (bastille).date"
    assert problem == Problem("u.yaml", 4, 7, "events[3].date", "not a date")


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
