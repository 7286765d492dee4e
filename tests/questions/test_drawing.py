"""Answer lines: they continue on the next page, but never leave a single line behind."""

from __future__ import annotations

from compiler.questions.drawing import LINE_SPACING, RuledLines


def test_ruled_lines_split_where_the_page_ends_and_keep_their_indent() -> None:
    lines = RuledLines(30, 300, "#999999", indent=22)
    first, rest = lines.split(300, 10.5 * LINE_SPACING)
    assert (first.count, rest.count) == (10, 20)
    assert (first.indent, rest.indent) == (22, 22)
    assert lines.wrap(400, 1000) == (322, 30 * LINE_SPACING)


def test_ruled_lines_do_not_split_to_leave_one_line_or_when_they_fit() -> None:
    lines = RuledLines(30, 300, "#999999")
    assert lines.split(300, 1.5 * LINE_SPACING) == []
    assert lines.split(300, 31 * LINE_SPACING) == []
