"""The loader keeps positions and closes the PyYAML traps of PITFALLS.md §2 and §3.

Input files that are not plain UTF-8 text files are refused by name, before they are read: a
named pipe would block the build for ever, ``/dev/zero`` never ends, a symbolic link may lead
nowhere or to itself, and a 6 GB file must be refused by its size, not read whole first.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from compiler.cli import main
from compiler.errors import Problem, ProblemsFound
from compiler.source import (
    MAX_BYTES,
    MAX_DEPTH,
    Numeral,
    decode_text,
    items_read_as_text,
    load_file,
    load_text,
    read_bytes,
)
from tests.conftest import SMALL_UNIT


def problems(text: str) -> list[str]:
    with pytest.raises(ProblemsFound) as caught:
        load_text(text, "u.yaml")
    return [str(p) for p in caught.value.problems]


def test_values_and_keys_keep_their_line_and_column() -> None:
    source = load_text("a:\n  b: [1, two]\n  c:\n    - x: 3\n", "u.yaml")
    assert source.data == {"a": {"b": ["1", "two"], "c": [{"x": "3"}]}}
    assert source.position(("a", "b", 1)) .line == 2
    assert source.position(("a", "b", 1)).column == 10
    assert source.position(("a", "c", 0, "x"), key=True).line == 4
    assert source.position(("a", "c", 0, "x"), key=True).column == 7


def test_only_true_and_false_are_booleans() -> None:
    data = load_text("a: yes\nb: No\nc: on\nd: OFF\ne: true\nf: False\n", "u.yaml").data
    assert data == {"a": "yes", "b": "No", "c": "on", "d": "OFF", "e": True, "f": False}


def test_dates_and_sexagesimals_stay_text() -> None:
    data = load_text("a: 1922-04-16\nb: 1:20\nc: 1922\nd: -44\ne: 0x1F\nf: 010\n", "u.yaml").data
    assert data == {"a": "1922-04-16", "b": "1:20", "c": "1922", "d": "-44", "e": "0x1F", "f": "010"}
    assert isinstance(data["c"], Numeral) and data["c"].number == 1922 and data["d"].number == -44


@pytest.mark.parametrize("written", ["3.10", "007", "1.50", "+44", ".5", "1.10", "-0.0", "1922"])
def test_numbers_keep_their_spelling_as_text_and_their_value_as_numbers(written: str) -> None:
    """PITFALLS.md §9: PyYAML would hand back 3.1, 7, 1.5, 44 and 0.5."""
    value = load_text(f"a: {written}\nb: [{written}]\n", "u.yaml").data
    assert value["a"] == written and value["b"] == [written]
    assert isinstance(value["a"], Numeral)
    assert value["a"].number == (int(written) if "." not in written else float(written))


def test_quoted_scalars_are_always_text() -> None:
    assert load_text("a: 'true'\nb: \"12\"\nc: ''\n", "u.yaml").data == {"a": "true", "b": "12", "c": ""}


def test_duplicate_keys_are_reported_with_both_lines_and_loading_goes_on() -> None:
    source = load_text("a: 1\nb: 2\na: 3\n", "u.yaml")
    (problem,) = source.problems
    assert str(problem).startswith("u.yaml:3:1: a: duplicate key 'a' (first given on line 1)")
    assert source.data == {"a": "1", "b": "2"}


def test_aliases_and_anchors_are_rejected_before_expansion() -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    started = time.process_time()
    found = problems("\n".join(levels) + "\n")
    assert time.process_time() - started < 5  # generous: expansion would take minutes
    assert any("aliases (*a0) are not allowed" in p for p in found)
    assert any("anchors (&a0) are not allowed" in p for p in found)


@pytest.mark.parametrize("tagged", ["!!python/object/apply:os.system ['ls']", "!!str 12", "!custom x"])
def test_tags_are_rejected(tagged: str) -> None:
    (message,) = problems(f"a: {tagged}\n")
    assert message.startswith(f"u.yaml:1:4: tags ({tagged.split()[0]}) are not allowed")


def test_deep_nesting_is_rejected_without_recursion() -> None:
    text = "a: " + "[" * 10_000 + "]" * 10_000 + "\n"
    (message,) = problems(text)
    assert f"deeper than {MAX_DEPTH} levels" in message


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
    monkeypatch.setattr("compiler.source._SCAN_FROM_START", 0)
    monkeypatch.setattr("compiler.source._LINES_ABOVE", 1)
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


def test_an_item_indented_under_the_one_above_is_found_where_yaml_joins_them() -> None:
    text = ("sections:\n  - heading: Slogans\n    points:\n      - Liberty\n       - Equality\n      - Fraternity\n"
            "    text: The king fled\n      - to Varennes\n")
    source = load_text(text, "u.yaml")
    assert source.data["sections"][0]["points"] == ["Liberty - Equality", "Fraternity"]
    (slip,) = items_read_as_text(source, text)
    assert (slip.line, slip.column, slip.path) == (5, 8, "sections[0].points[0]")
    assert slip.message == ("this - is indented more than the line above it, so YAML reads it as more of that text: "
                            "'Liberty - Equality'")
    assert slip.hint == "line it up with the - on line 4 to make it an item of its own"
    quiet = "points:\n  - '- Liberty'\n  - A long\n    text - with a dash\n"
    assert list(items_read_as_text(load_text(quiet, "u.yaml"), quiet)) == []


def test_more_than_one_document_is_rejected() -> None:
    assert any("more than one YAML document" in p for p in problems("a: 1\n---\nb: 2\n"))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "the file is empty"),
        (b"# only a comment\n\n", "the file is empty"),
        (b"a: 1\nb: \x00\x01\n", "u.yaml:2:1: this is a binary file"),
        (b"a: 1\nb: caf\xe9\n", "u.yaml:2:7: the file is not valid UTF-8"),
        (b"a" * (MAX_BYTES + 1), "a unit may be at most"),
    ],
)
def test_unreadable_files_are_reported(raw: bytes, expected: str) -> None:
    with pytest.raises(ProblemsFound) as caught:
        decode_text(raw, "u.yaml")
    assert expected in str(caught.value.problems[0])


def test_a_byte_order_mark_is_accepted() -> None:
    assert decode_text("\ufeffa: 1\n".encode(), "u.yaml") == "a: 1\n"


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


@given(st.from_regex(r"[-+]?(?:[0-9]{1,6}(?:\.[0-9]{0,4})?|\.[0-9]{1,4})", fullmatch=True))
def test_any_plain_number_comes_back_exactly_as_written(written: str) -> None:
    value = load_text(f"a: {written}\n", "u.yaml").data["a"]
    assert isinstance(value, Numeral) and str(value) == written
def refusal(path: Path) -> str:
    with pytest.raises(ProblemsFound) as caught:
        load_file(path)
    (problem,) = caught.value.problems
    return str(problem)


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "unit.yaml"
    os.mkfifo(pipe)
    assert refusal(pipe) == (f"{pipe}: this is a named pipe (FIFO), not a unit file — "
                             "save the unit as an ordinary file and name that")


def test_a_device_is_refused_without_reading_it() -> None:
    assert refusal(Path("/dev/zero")).startswith("/dev/zero: this is a device, not a unit file")


def test_symbolic_links_that_loop_or_lead_nowhere_are_named(tmp_path: Path) -> None:
    loop, dangling = tmp_path / "loop.yaml", tmp_path / "dangling.yaml"
    loop.symlink_to(loop)
    dangling.symlink_to(tmp_path / "gone.yaml")
    assert refusal(loop) == f"{loop}: the file is a symbolic link that leads back to itself — point the link at a real file"
    assert refusal(dangling).startswith(f"{dangling}: the file is a symbolic link to {tmp_path / 'gone.yaml'}, "
                                        "which does not exist")


def test_the_size_limit_is_checked_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    huge = tmp_path / "unit.yaml"
    with huge.open("wb") as stream:
        stream.truncate(6 * 1024**3)  # sparse: takes no space on disk

    def no_reading(*args: object) -> bytes:
        raise AssertionError("a file over the limit was read")

    monkeypatch.setattr(os, "read", no_reading)
    monkeypatch.setattr(Path, "read_bytes", no_reading)
    assert refusal(huge) == (f"{huge}: the file is 6.0 GiB; a unit may be at most 5.0 MiB — "
                             "split the unit into smaller units")


def test_an_ordinary_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "unit.yaml"
    path.write_text(SMALL_UNIT, encoding="utf-8")
    assert read_bytes(path) == SMALL_UNIT.encode()


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("bom", ["\ufeff", ""], ids=["bom", "no-bom"])
def test_utf16_and_utf32_are_named(encoding: str, bom: str) -> None:
    """Named, not read: the format is UTF-8, and a file saved once as UTF-8 suits every tool."""
    raw = (bom + SMALL_UNIT.replace("A small unit", "Холодная война")).encode(encoding)
    with pytest.raises(ProblemsFound) as caught:
        decode_text(raw, "u.yaml")
    assert str(caught.value.problems[0]) == (
        f"u.yaml:1:1: the file is {encoding[:6].upper()} text; printpack reads UTF-8 — "
        "save it again choosing the UTF-8 encoding (in Notepad: Save as, Encoding: UTF-8)")


def test_a_build_names_every_odd_file_and_still_builds_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "units"
    folder.mkdir()
    (folder / "good.yaml").write_text(SMALL_UNIT, encoding="utf-8")
    os.mkfifo(folder / "pipe.yaml")
    (folder / "loop.yaml").symlink_to(folder / "loop.yaml")
    (folder / "wide.yaml").write_bytes(SMALL_UNIT.encode("utf-16"))
    (folder / "folder.yaml").mkdir()
    (tmp_path / "empty.yaml").mkdir()
    result = CliRunner().invoke(main, ["build", str(folder), str(tmp_path / "empty.yaml"), "--out",
                                       str(tmp_path / "out"), "-j", "1"])
    assert result.exit_code == 1
    assert f"{folder / 'pipe.yaml'}: this is a named pipe (FIFO)" in result.stderr
    assert f"{folder / 'loop.yaml'}: the file is a symbolic link that leads back to itself" in result.stderr
    assert f"{folder / 'wide.yaml'}:1:1: the file is UTF-16 text" in result.stderr
    assert f"{tmp_path / 'empty.yaml'}: this is a folder, not a unit file — name the unit file inside it" \
        in result.stderr
    assert (tmp_path / "out" / "small" / "handout.pdf").is_file()
