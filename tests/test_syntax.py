"""A YAML syntax error is named by its real cause, where the fix goes, with the teacher's line
rewritten as the fix, whichever parser (PyYAML's or libyaml's) found it."""

from __future__ import annotations

import pytest
import yaml

from compiler.errors import Problem, ProblemsFound
from compiler.source import load_text


def problems(text: str) -> list[str]:
    with pytest.raises(ProblemsFound) as caught:
        load_text(text, "u.yaml")
    return [str(p) for p in caught.value.problems]


def test_syntax_errors_are_located_with_a_hint() -> None:
    (message,) = problems("title: Robespierre: the Terror\n")
    assert message.startswith("u.yaml:1:19:") and "must be in quotes" in message


LOADERS = [yaml.SafeLoader, *([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])]


@pytest.fixture(params=LOADERS, ids=lambda loader: loader.__name__)
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """PyYAML's pure-Python parser and libyaml's word their errors differently: both are named alike."""
    monkeypatch.setattr("compiler.source._LOADER", request.param)


def syntax_problem(text: str) -> Problem:
    with pytest.raises(ProblemsFound) as caught:
        load_text(text, "u.yaml")
    (problem,) = caught.value.problems
    return problem


# Each YAML mistake a teacher makes, with where the fix goes, the cause and the fix in the
# teacher's own words. (A French Revolution unit: never the shipped unit's content.)
SYNTAX_MISTAKES = [
    pytest.param(
        "unit:\n  id: u\n   title: French Revolution\nformat: 1\n", "3:4",
        "this line is indented 3 spaces, 1 more than id: on line 2, so YAML reads it as more of id's text: "
        "'title: French Revolution'",
        "line title: up with id: on line 2 (2 spaces)", id="over-indented-line"),
    pytest.param(
        "events:\n  - id: bastille\n    date: 1789-07-14\n     title: Storming of the Bastille\n", "4:6",
        "this line is indented 5 spaces, 1 more than date: on line 3, so YAML reads it as more of date's text: "
        "'title: Storming of the Bastille'",
        "line title: up with date: on line 3 (4 spaces)", id="over-indented-line-in-a-list-item"),
    pytest.param(
        "format: 1\n unit: {id: u, title: T}\n", "2:2",
        "this line is indented 1 space, 1 more than format: on line 1, so YAML reads it as more of format's text: "
        "'unit: {id: u, title: T}'",
        "line unit: up with format: on line 1 (no spaces)", id="over-indented-top-level-key"),
    pytest.param(
        "events:\n  - id: bastille\n    date: 1789\n   title: Bastille\n", "4:4",
        "this line is indented 3 spaces, which lines it up with no line above it: 'title: Bastille'",
        "line title: up with date: on line 3 (4 spaces)", id="under-indented-line"),
    pytest.param(
        "unit:\n  id: u\n title: T\n", "3:2",
        "this line is indented 1 space, which lines it up with no line above it: 'title: T'",
        "line title: up with id: on line 2 (2 spaces) or with unit: on line 1 (no spaces)",
        id="line-between-two-levels"),
    pytest.param(
        "unit:\n  id: u\n  title: 'Louis's flight'\n", "3:16",
        "an apostrophe inside single quotes ends the text early: 'title: 'Louis's flight''",
        "write it twice: 'Louis''s flight', or use double quotes: \"Louis's flight\"",
        id="apostrophe-inside-single-quotes"),
    pytest.param(
        "events:\n  - {id: varennes, title: 'Louis's flight', date: 1791-06-21}\n", "2:33",
        "an apostrophe inside single quotes ends the text early: "
        "'- {id: varennes, title: 'Louis's flight', date: 1791-06-21}'",
        "write it twice: 'Louis''s flight', or use double quotes: \"Louis's flight\"",
        id="apostrophe-inside-single-quotes-in-braces"),
    pytest.param(
        'unit:\n  title: "The "Incorruptible" Robespierre"\n', "2:15",
        "a double quote inside double quotes ends the text early: 'title: \"The \"Incorruptible\" Robespierre\"'",
        "put the text in single quotes instead: 'The \"Incorruptible\" Robespierre'",
        id="double-quote-inside-double-quotes"),
    pytest.param(
        'points:\n  - "Liberty" was their cry\n  - Equality\n', "2:5",
        "text that starts with a quotation mark ends at its closing quote: '- \"Liberty\" was their cry'",
        "put the text in single quotes: - '\"Liberty\" was their cry'", id="item-starting-with-a-quotation-mark"),
    pytest.param(
        "unit:\n  title: 'Ancien' régime\n", "2:10",
        "text that starts with a quotation mark ends at its closing quote: 'title: 'Ancien' régime'",
        "put the text in double quotes: title: \"'Ancien' régime\"", id="value-starting-with-a-quotation-mark"),
    pytest.param(
        "unit:\n  title: Robespierre: the Terror  # draft\n", "2:21",
        "text containing ': ' must be in quotes: 'title: Robespierre: the Terror  # draft'",
        "put the text in double quotes: title: \"Robespierre: the Terror\"", id="unquoted-colon"),
    pytest.param(
        "points:\n  - Robespierre: the Terror: 1793\n", "2:28",
        "text containing ': ' must be in quotes: '- Robespierre: the Terror: 1793'",
        "put the text in double quotes: - \"Robespierre: the Terror: 1793\"", id="unquoted-colons-in-a-list-item"),
    pytest.param(
        "events:\n  - {id: terror, title: Robespierre: the Terror, date: 1793}\n", "2:36",
        "text containing ': ' must be in quotes: '- {id: terror, title: Robespierre: the Terror, date: 1793}'",
        "put the text in double quotes: title: \"Robespierre: the Terror\"", id="unquoted-colon-in-braces"),
    pytest.param(
        "unit:\n  subtitle: Note:\n  id: u\n", "2:17",
        "text ending in ':' must be in quotes: 'subtitle: Note:'",
        "put the text in double quotes: subtitle: \"Note:\"", id="colon-ending-a-text"),
    pytest.param(
        "unit: {id: u, title: T}\nthemes: [liberty, terror\nevents: []\n", "2:9",
        "the [ opened here is never closed: 'themes: [liberty, terror'",
        "add the closing ]: themes: [liberty, terror]", id="unclosed-bracket"),
    pytest.param(
        "events:\n  - {id: a, themes: [liberty, terror}\n", "2:21",
        "the [ opened here is never closed: '- {id: a, themes: [liberty, terror}'",
        "add the closing ] before the }: - {id: a, themes: [liberty, terror]}", id="unclosed-bracket-in-braces"),
    pytest.param(
        "unit: {id: u, title: French Revolution\nevents: []\n", "1:7",
        "the { opened here is never closed: 'unit: {id: u, title: French Revolution'",
        "add the closing }: unit: {id: u, title: French Revolution}", id="unclosed-brace"),
    pytest.param(
        'unit:\n  title: "French Revolution\n  id: u\n', "2:10",
        "the quoted text opened here is never closed: 'title: \"French Revolution'",
        'add the closing quote: title: "French Revolution"', id="unclosed-quote"),
    pytest.param(
        "unit:\n\tid: u\n", "2:1",
        "a tab character is used for indentation: '\\tid: u'", "indent with spaces, not tabs", id="tab"),
    pytest.param(
        "unit:\n  id:u\n  title: T\n", "2:5",
        "a space is missing after the colon: 'id:u'", "write id: u", id="no-space-after-a-colon"),
    pytest.param(
        "events:\n  - id:bastille\n    date: 1789\n", "2:7",
        "a space is missing after the colon: '- id:bastille'", "write id: bastille", id="no-space-after-a-colon-in-an-item"),
    pytest.param(
        "unit: {id: u, title: T}\nthemes: [\n", "2:9",
        "the [ opened here is never closed: 'themes: ['", "add the closing ]: themes: []", id="bracket-open-at-the-end"),
    pytest.param(
        "unit: {id: u, title: T}\nthemes: [liberty,\n", "2:9",
        "the [ opened here is never closed: 'themes: [liberty,'", "add the closing ] after the last item",
        id="bracket-open-after-a-comma-at-the-end"),
    pytest.param(
        "sections:\n  - title: Causes\n    : the debt\n", "3:5",
        "the line starts with a colon, so its value has no key: ': the debt'",
        "write the key before the colon, e.g. text: …; or, if the line is more of the text above, put that whole text "
        "in quotes", id="a-line-starting-with-a-colon"),
    pytest.param(
        "events:\n  -id: bastille\n   date: 1789\n", "2:3",
        "a space is missing after the - of a list item: '-id: bastille'", "write - id: bastille",
        id="no-space-after-a-dash"),
    pytest.param(
        "points:\n  - Liberty\n  -Equality\n", "3:3",
        "a space is missing after the - of a list item: '-Equality'", "write - Equality",
        id="no-space-after-a-dash-of-a-text-item"),
    pytest.param(
        "unit:\n  id u\n  title: T\n", "2:5",
        "a colon is missing after the key: 'id u'", "write id: u", id="no-colon-after-a-key"),
    pytest.param(
        "events:\n  - id: varennes\n    detail: The king fled\n      to Varennes: he was caught\n", "4:18",
        "text containing ': ' must be in quotes: 'to Varennes: he was caught'",
        "put the whole text in double quotes: detail: \"The king fled to Varennes: he was caught\"",
        id="unquoted-colon-on-a-second-line-of-text"),
    pytest.param(
        'unit:\n  title: "French Revolution\n  id: u\n  subtitle: "1789"\n', "2:10",
        "the quoted text opened here is not closed on its line: 'title: \"French Revolution'",
        'add the closing quote: title: "French Revolution"', id="quote-closed-lines-later"),
    pytest.param(
        "events:\n  - id: a\n\u00a0\u00a0\u00a0\u00a0date: 1789\n    title: A\n", "3:1",
        "this line is indented with '\\xa0' characters, which YAML does not count as spaces (often pasted from a "
        "word processor or a web page): '\\xa0\\xa0\\xa0\\xa0date: 1789'",
        "indent it with ordinary spaces", id="no-break-spaces-for-indentation"),
    pytest.param(
        "points:\n  - '48 was the year of revolutions\n", "2:5",
        "the quoted text opened here is never closed: '- '48 was the year of revolutions'",
        "add the closing quote: - '48 was the year of revolutions'; or, if the ' is part of the text, put the "
        "whole text in double quotes: - \"'48 was the year of revolutions\"", id="apostrophe-starting-the-text"),
    pytest.param(
        'unit:\n  title: "Robespierre": the Terror\n', "2:10",
        "text that starts with a quotation mark ends at its closing quote: 'title: \"Robespierre\": the Terror'",
        "put the text in single quotes: title: '\"Robespierre\": the Terror'", id="quoted-word-then-a-colon"),
    pytest.param(
        'unit:\n  subtitle: "Saved in C:\\Users\\new"\n', "2:25",
        "a backslash inside double quotes starts an escape such as \\n or \\u00e9: "
        "'subtitle: \"Saved in C:\\Users\\new\"'",
        "use single quotes, where a backslash is just a backslash: 'Saved in C:\\Users\\new'; or write it twice: "
        "\\\\", id="backslash-in-double-quotes"),
    pytest.param(
        "unit:\n  title: - The Terror\n", "2:10",
        "a - after a key starts a list, which must begin on the line below the key: 'title: - The Terror'",
        "put the text in double quotes: title: \"- The Terror\"; or write each item on its own line below, after a dash",
        id="dash-after-a-key"),
    pytest.param(
        "points:\n  * Liberty\n  * Equality\n", "2:3",
        "a list item starts with -, not *: '* Liberty'", "write - Liberty", id="star-for-a-dash"),
    pytest.param(
        "events:\n  - id: bastille\n  date: 1789\n", "3:3",
        "date: is lined up with the - of the list item on line 2, where only a new item can start: 'date: 1789'",
        "line date: up with id: on line 2 (4 spaces) to add it to that item, or start a new item: - date: 1789",
        id="key-among-list-items"),
    pytest.param(
        "unit:\n  id: u\n  - Liberty\n", "3:3",
        "a list item (- ) among the key: value lines of id: on line 2: '- Liberty'",
        "write it as key: value like id:, or put the list under a key of its own", id="list-item-among-keys"),
    pytest.param(
        "sections:\n  - title: T\n    text: |\n      The Estates-General met.\n     Then the Tennis Court oath.\n",
        "5:6",
        "this line is indented 5 spaces, less than the first line of the text under text: on line 3, so it ends that "
        "text: 'Then the Tennis Court oath.'",
        "indent every line of that text by 6 spaces, like its first line", id="block-text-line-indented-less"),
    pytest.param(
        "sections:\n  - title: T\n    text: |\n    The Estates-General met.\n    id: x\n", "4:5",
        "the text under text: on line 3 is not indented more than its key: 'The Estates-General met.'",
        "indent its lines by 6 spaces, more than text:", id="block-text-not-indented"),
    pytest.param(
        "unit:\n  title: > The Terror\n", "2:10",
        "> starts a text written on the lines below it, so nothing may follow it on its line: 'title: > The Terror'",
        "write the text on the next lines, indented more than title:; or, if > is part of the text, put it all in "
        "double quotes: title: \"> The Terror\"", id="text-after-a-block-sign"),
    pytest.param(
        "unit:\n  title: *Liberty* and the crowd\n", "2:10",
        "text starting with * must be in quotes: 'title: *Liberty* and the crowd'",
        "put the text in double quotes: title: \"*Liberty* and the crowd\"", id="text-starting-with-a-star"),
    pytest.param(
        "unit:\n  title: *Liberty and the crowd\n", "2:10",
        "text starting with * must be in quotes: 'title: *Liberty and the crowd'",
        "put the text in double quotes: title: \"*Liberty and the crowd\"", id="text-starting-with-a-star-word"),
    pytest.param(
        "unit:\n  title: & the people\n", "2:10",
        "text starting with & must be in quotes: 'title: & the people'",
        "put the text in double quotes: title: \"& the people\"", id="text-starting-with-an-ampersand"),
    pytest.param(
        "unit:\n  title: @citoyens\n", "2:10",
        "text starting with @ must be in quotes: 'title: @citoyens'",
        "put the text in double quotes: title: \"@citoyens\"", id="text-starting-with-an-at-sign"),
    pytest.param(
        "unit:\n  title: `La Marseillaise`\n", "2:10",
        "text starting with ` must be in quotes: 'title: `La Marseillaise`'",
        "put the text in double quotes: title: \"`La Marseillaise`\"", id="text-starting-with-a-backtick"),
    pytest.param(
        "unit:\n  title: %50 voted\n", "2:10",
        "text starting with % must be in quotes: 'title: %50 voted'",
        "put the text in double quotes: title: \"%50 voted\"", id="text-starting-with-a-percent-sign"),
    pytest.param(
        "unit:\n  title: [Draft] The Terror\n", "2:10",
        "text that starts with [ is read as a list: 'title: [Draft] The Terror'",
        "put the text in double quotes: title: \"[Draft] The Terror\"", id="text-starting-with-a-bracket"),
]


@pytest.mark.parametrize(("text", "where", "message", "hint"), SYNTAX_MISTAKES)
@pytest.mark.usefixtures("loader")
def test_a_syntax_mistake_is_named_by_its_cause_where_the_fix_goes(text: str, where: str, message: str,
                                                                   hint: str) -> None:
    problem = syntax_problem(text)
    assert (f"{problem.line}:{problem.column}", problem.message, problem.hint) == (where, f"YAML syntax: {message}", hint)


@pytest.mark.parametrize(("text", "where", "message", "hint"), SYNTAX_MISTAKES)
def test_in_a_long_file_the_cause_is_found_from_the_lines_above_the_mistake(
        text: str, where: str, message: str, hint: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A long file is not read again from its start: the lines well above the mistake are left out."""
    monkeypatch.setattr("compiler.syntax._SCAN_FROM_START", 0)
    monkeypatch.setattr("compiler.syntax._LINES_ABOVE", 1)
    problem = syntax_problem(text)
    assert (f"{problem.line}:{problem.column}", problem.message, problem.hint) == (where, f"YAML syntax: {message}", hint)


def test_a_long_line_is_quoted_around_the_mistake() -> None:
    line = "  title: " + "The fall of the monarchy and the birth of the republic, " * 2 + "then: the Terror"
    problem = syntax_problem(f"unit:\n{line}\n")
    assert problem.column == line.index(": the") + 1
    assert problem.message.startswith("YAML syntax: text containing ': ' must be in quotes: '…")
    assert "then: the Terror'" in problem.message and len(problem.message) < 140
    assert problem.hint is not None and problem.hint.endswith("then: the Terror\"") and " … " in problem.hint


def test_an_anchor_or_alias_meant_as_text_is_shown_in_quotes() -> None:
    (alias,) = problems("unit:\n  title: *Liberty\n")
    (anchor,) = problems("unit:\n  title: &more words\n")
    assert alias == ("u.yaml:2:10: aliases (*Liberty) are not allowed — write the value out in full; "
                     "if * is part of the text, put it in double quotes: title: \"*Liberty\"")
    assert anchor == ("u.yaml:2:10: anchors (&more) are not allowed — remove the anchor; "
                      "if & is part of the text, put it in double quotes: title: \"&more words\"")

@pytest.mark.parametrize(("text", "where"), [
    ("format: 1\nevents: [a, b\nunit: {id: u, title: T}\nthemes: []\n", "2:9"),
    ("format: 1\nunit: {id: u,\n  title: T\nevents: []\n", "2:7"),
    ("events:\n  - {id: a, themes: [x, y}\n  - {id: b}\n", "2:21"),
])
def test_an_unclosed_bracket_is_reported_where_it_opened(text: str, where: str) -> None:
    (message,) = problems(text)
    assert message.startswith(f"u.yaml:{where}: YAML syntax: the ") and "opened here is never closed" in message


def test_a_bracket_closed_on_a_later_line_keeps_the_separator_message() -> None:
    (message,) = problems("x: [a,\n  {b: c} d]\ny: 1\n")
    assert message.startswith("u.yaml:2:10:") and "separate items with" in message


@pytest.mark.parametrize("character", ["\x07", "\x1b", "\x7f", "\ufffe"])
def test_a_character_yaml_forbids_is_located_where_it_is(character: str) -> None:
    (message,) = problems(f"a: 1\nb: 'Résumé{character} here'\n")
    assert message.startswith(f"u.yaml:2:11: YAML syntax: the invisible character U+{ord(character):04X}")
