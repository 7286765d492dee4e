"""Draft, Part and Unreadable: what an importer hands the writer, and how a failure is said."""

from __future__ import annotations

from compiler.importers.draft import Draft, Part, Unreadable


def test_a_failure_is_located_at_its_line_when_it_has_one() -> None:
    failure = Unreadable("the XML is broken", "export the map again", 12)
    assert failure.located("map.mm") == "map.mm:12: the XML is broken — export the map again"
    assert Unreadable("the file is empty", "export it again").located("x.txt") == \
        "x.txt: the file is empty — export it again"


def test_a_draft_with_only_a_title_is_empty() -> None:
    assert Draft(title="Meiji Japan", described="an outline").is_empty()
    assert not Draft(title=None, described="an outline", sections=(Part({"title": "Reforms"}, "line 2"),)).is_empty()
