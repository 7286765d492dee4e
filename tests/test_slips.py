"""Slips: what a valid unit prints that its teacher did not mean, warned about where it is written.

Each slip has a test of the warning (message, hint, line and column) and tests of what looks
alike but is meant, which must give none.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner

from compiler.build import Request, build
from compiler.cli import main
from compiler.errors import Problem
from compiler.outputs import Settings
from compiler.slips import slips
from compiler.source import load_text
from compiler.validate import validate_unit
from tests.conftest import REPO

HEAD = "format: 1\nunit: {id: slips, title: Slips}\n"


def found(text: str) -> list[Problem]:
    source = load_text(HEAD + textwrap.dedent(text), "u.yaml")
    return slips(validate_unit(source), source)


def one(text: str) -> Problem:
    (problem,) = found(text)
    return problem


def where(problem: Problem) -> tuple[int, int, str]:
    return problem.line, problem.column, problem.path


def gap_fill(text: str, extra: str = "") -> str:
    return f"worksheets:\n  - id: w\n    title: W\n    questions:\n      - type: gap_fill\n        text: {text}\n{extra}"


# Single brackets in a gap fill --------------------------------------------------------------------


def test_a_single_bracket_word_in_a_gap_fill_is_pointed_at(tmp_path: Path) -> None:
    problem = one(gap_fill("The deputies swore an [oath] in the [[tennis court]]."))
    assert where(problem) == (8, 37, "worksheets[0].questions[0].text")
    assert problem.message == "'[oath]' is in single brackets: it prints as typed, answer and all, on the students' sheet"
    assert problem.hint == "write [[oath]] to make it a gap"


@pytest.mark.parametrize(("written", "column"), [
    ('"The [[king]] fled to [Varennes]."', 37),  # double quotes: one more column for the quote
    ("'The [[king]]''s flight to [Varennes].'", 42),  # single quotes: '' is written for '
])
def test_the_column_of_a_single_bracket_counts_the_quotes_as_written(written: str, column: int) -> None:
    assert where(one(gap_fill(written)))[:2] == (8, column)


def test_a_single_bracket_in_a_block_of_text_is_found_on_its_own_line() -> None:
    problem = one(gap_fill(">\n          The crowd took the\n          [[Bastille]] and freed [seven] prisoners."))
    assert where(problem)[:2] == (10, 34) and problem.hint == "write [[seven]] to make it a gap"


def test_sic_and_ellipses_in_brackets_are_meant() -> None:
    assert found(gap_fill('"He wrote [sic] that [...] the [[king]] had fled."')) == []


def test_the_students_sheet_really_prints_the_single_bracket_answer(unit_file, tmp_path: Path) -> None:
    unit = unit_file(HEAD + gap_fill("The deputies swore an [oath] in the [[tennis court]]."))
    report = build(Request(paths=(unit,), out=tmp_path / "out", settings=Settings(only=("worksheet",))))
    assert report.ok and [w.path for w in report.all_warnings()] == ["worksheets[0].questions[0].text"]
    with pdfplumber.open(tmp_path / "out" / "slips" / "worksheet-w.pdf") as pdf:
        assert "[oath]" in pdf.pages[0].extract_text()


# A number split at a thousands comma --------------------------------------------------------------


def test_a_number_with_a_thousands_comma_in_a_bracketed_list_is_named() -> None:
    problem = one(gap_fill("About [[600]] deputies.", "        word_bank: true\n        distractors: [1,000, 250]\n"))
    assert where(problem) == (10, 23, "worksheets[0].questions[0].distractors[0]")
    assert problem.message == "'1,000' is read as 2 list items ('1', '000'): a list in [ ] is split at every comma"
    assert problem.hint == 'write "1,000" in quotes'


def test_a_number_split_twice_is_one_warning_in_any_list() -> None:
    problem = one("worksheets:\n  - id: w\n    title: W\n    questions:\n"
                  "      - {type: choice, prompt: How many?, options: [12, 1,000,500, 3], answer: '12'}\n")
    assert where(problem) == (7, 57, "worksheets[0].questions[0].options[1]")
    assert problem.message.startswith("'1,000,500' is read as 3 list items ('1', '000', '500')")


def test_a_number_split_inside_words_is_named_too() -> None:
    problem = one(gap_fill("About [[600]] deputies.", "        word_bank: true\n        distractors: [about 1,000 men, 250]\n"))
    assert where(problem)[:2] == (10, 23)
    assert problem.message.startswith("'about 1,000 men' is read as 2 list items ('about 1', '000 men')")
    assert problem.hint == 'write "about 1,000 men" in quotes'


def test_a_number_with_two_thousands_commas_alone_in_its_list_is_named() -> None:
    problem = one(gap_fill("About [[600,000]] deputies.", "        word_bank: true\n        distractors: [2,500,000]\n"))
    assert problem.message.startswith("'2,500,000' is read as 3 list items ('2', '500', '000')")


@pytest.mark.parametrize("items", ['[1, 000, 250]', '["1,000", 250]', "\n          - 1,000\n          - 250",
                                   "[100,200,300]", "[1789,1790, 1791]"])
def test_numbers_written_apart_quoted_or_in_a_block_list_are_meant(items: str) -> None:
    distractors = f"        word_bank: true\n        distractors: {items}\n"
    assert found(gap_fill("About [[600]] deputies.", distractors)) == []


def test_a_split_number_is_named_also_when_it_makes_the_unit_fail(tmp_path: Path) -> None:
    """[45,000, 4,500,000] holds '000' twice, an error; the warning says why it is there."""
    unit = tmp_path / "u.yaml"
    unit.write_text(HEAD + gap_fill("About [[600]] deputies.",
                                    "        word_bank: true\n        distractors: [45,000, 4,500,000]\n"))
    result = CliRunner().invoke(main, ["check", str(unit)])
    assert result.exit_code == 1
    assert "distractors[4]: the distractor '000' is given twice" in result.output
    assert ("warning: " + str(unit) + ":10:23: worksheets[0] (w).questions[0].distractors[0]: '45,000' is read as "
            "2 list items ('45', '000')") in result.output


# An event's year far from the others -------------------------------------------------------------


def events(*dates: str, extra: str = "") -> str:
    return "events:\n" + "".join(f"  - {{id: e{k}, date: {d}, title: Event {k}}}\n" for k, d in enumerate(dates)) + extra


REVOLUTION = ("1789-05-05", "1789-07-14", "1791-06-20", "1792-09-21", "1793-01-21", "1794-07-27", "1799-11-09")


def test_a_year_with_two_digits_swapped_is_questioned() -> None:
    problem = one(events(*REVOLUTION[:4], "1739-01-21", *REVOLUTION[5:]))
    assert where(problem) == (8, 20, "events[4].date")
    assert problem.message == "1739-01-21 is 50 years before every other event of the unit (1789–1799)"
    assert problem.hint == "is the year right? 1793 would fall among the others"


def test_a_lone_year_centuries_away_is_questioned_without_a_swap() -> None:
    problem = one(events(*REVOLUTION, "2555"))
    assert where(problem) == (11, 20, "events[7].date")
    assert problem.message == "2555 is 756 years after every other event of the unit (1789–1799)"
    assert problem.hint.startswith("is the year right?") and "would fall" not in problem.hint


def test_a_year_with_one_digit_wrong_is_questioned() -> None:
    problem = one(events(*REVOLUTION, "1889-05-05"))
    assert where(problem) == (11, 20, "events[7].date")
    assert problem.message == "1889-05-05 is 90 years after every other event of the unit (1789–1799)"
    assert problem.hint == "is the year right? 1789 would fall among the others"


def test_an_end_year_with_two_digits_swapped_is_questioned() -> None:
    unit = events("1790", *REVOLUTION[1:]).replace("date: 1790,", "date: 1790, end: 1971,")
    problem = one(unit)
    assert where(problem) == (4, 31, "events[0].end")
    assert problem.message.startswith("1971 is 172 years after every other event of the unit")
    assert problem.hint == "is the year right? 1791 would fall among the others"


@pytest.mark.parametrize("dates", [
    (*REVOLUTION, "1756"),  # background a few decades before: no swap brings it among the others
    ("1066", "1215", "1348", "1485", "1588", "1649", "1688", "1815"),  # centuries, evenly spread
    ("1739", "1789", "1793", "1799"),  # fewer than five events: no cluster to stand apart from
    ("1968-08-21", "1985", "1986", "1987", "1989", "1991"),  # background 17 years before, though 1986 is a swap
])
def test_background_years_and_units_over_centuries_are_meant(dates: tuple[str, ...]) -> None:
    assert found(events(*dates)) == []


def test_a_far_year_inside_one_of_the_unit_s_periods_is_meant() -> None:
    period = "periods:\n  - {label: Old regime, start: 1715, end: 1774}\n"
    assert found(events(*REVOLUTION[:4], "1739", *REVOLUTION[5:], extra=period)) == []


def test_the_shipped_unit_gives_no_warning() -> None:
    """A product guarantee: ``printpack check resources/`` is silent about slips."""
    result = CliRunner().invoke(main, ["check", str(REPO / "resources")])
    assert result.exit_code == 0 and "warning" not in result.stderr


# Text cut short by an unquoted # ----------------------------------------------------------------


def test_text_cut_short_by_a_hash_is_named_at_the_hash() -> None:
    problem = one("sections:\n  - heading: Causes\n    text: The debt was the #1 problem\n")
    assert where(problem) == (5, 28, "sections[0].text")
    assert problem.message == ("the text ends before '#1 problem': an unquoted # after a space starts a YAML comment, "
                               "which is not printed")
    assert problem.hint == 'put the whole text in quotes: "The debt was the #1 problem"'


@pytest.mark.parametrize("line", ["    text: The debt # a comment, as meant", '    text: "The debt was the #1 problem"',
                                  "    text: Item#1 stays"])
def test_a_comment_written_as_one_and_a_hash_in_quotes_are_meant(line: str) -> None:
    assert found(f"sections:\n  - heading: Causes\n{line}\n") == []


def test_text_cut_short_is_named_also_when_the_unit_fails(tmp_path: Path) -> None:
    """A title cut to nothing by ` #` is the error ("the title is missing"); the warning says why."""
    unit = tmp_path / "u.yaml"
    unit.write_text(HEAD + "sections:\n  - heading: Causes\n    text: The debt was the #1 problem\n    box: {title: , text: x}\n")
    result = CliRunner().invoke(main, ["check", str(unit)])
    assert result.exit_code == 1
    assert f"warning: {unit}:5:28: sections[0].text: the text ends before '#1 problem'" in result.output


def test_a_date_with_a_note_after_it_is_meant() -> None:
    assert found(events(*REVOLUTION[:-1], extra="  - id: last\n    date: 1799-11-09  #check\n    title: Last\n")) == []


# Emphasis left open ------------------------------------------------------------------------------


def test_emphasis_opened_and_never_closed_is_named_at_its_star() -> None:
    problem = one("sections:\n  - heading: Press\n    points:\n      - Read *Le Moniteur* and *Ami du peuple\n")
    assert where(problem) == (6, 32, "sections[0].points[0].text")
    assert problem.message == "the * before 'Ami' opens emphasis that is never closed: it prints as *"
    assert problem.hint == "close it after the last emphasised word (*Ami*), or write \\* to print a star"


@pytest.mark.parametrize("text", ["*Note: the test is on Friday", "2 * 3 = 6", "a*b", "*closed* and **bold**",
                                  "see \\*note*", "as the hint says, \\*Ami"])
def test_a_footnote_star_arithmetic_closed_emphasis_and_escaped_stars_are_meant(text: str) -> None:
    assert found(f"sections:\n  - heading: H\n    text: '{text}'\n") == []


# Double brackets outside a gap fill -----------------------------------------------------------


def test_a_gap_outside_a_gap_fill_is_named() -> None:
    problem = one('sections:\n  - heading: Ideas\n    points: ["Writers spread [[ideas]]"]\n')
    assert where(problem) == (5, 30, "sections[0].points[0].text")
    assert problem.message == ("'[[ideas]]' prints with its brackets: double brackets make a gap only in the text of "
                               "a gap_fill question")
    assert problem.hint == "write ideas without the brackets; gaps belong in a gap_fill question's text"


# A list item indented under the item above ------------------------------------------------------


SLOGANS = "sections:\n  - heading: Slogans\n    points:\n      - Liberty\n       - Equality\n      - Fraternity\n"


def test_an_item_indented_under_the_one_above_is_named_where_yaml_joins_them() -> None:
    source = load_text(HEAD + SLOGANS, "u.yaml")
    assert source.data["sections"][0]["points"] == ["Liberty - Equality", "Fraternity"]
    problem = one(SLOGANS)
    assert where(problem) == (7, 8, "sections[0].points[0]")
    assert problem.message == ("this - is indented more than the line above it, so YAML reads it as more of that text: "
                               "'Liberty - Equality'")
    assert problem.hint == "line it up with the - on line 6 to make it an item of its own"


def test_check_warns_of_an_item_read_as_text_and_strict_stops(tmp_path: Path) -> None:
    unit = tmp_path / "u.yaml"
    unit.write_text(HEAD + SLOGANS, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(unit)])
    assert result.exit_code == 0
    assert f"warning: {unit}:7:8: " in result.stderr and "'Liberty - Equality'" in result.stderr
    assert CliRunner().invoke(main, ["check", "--strict", str(unit)]).exit_code != 0


@pytest.mark.parametrize("points", ["      - 1789 - 1799\n      - The Terror\n",
                                    "      - The years\n        1789 - 1799\n",
                                    "      - '- Liberty'\n      - Equality\n"])
def test_a_dash_inside_an_item_s_text_is_meant(points: str) -> None:
    assert found(f"sections:\n  - heading: Dates\n    points:\n{points}") == []


def test_a_backslash_before_a_word_in_double_quotes_is_named() -> None:
    r"""``"C:\new\temp"`` holds a line break and a tab, printed as such."""
    problem = one('sections:\n  - title: Files\n    text: "Save it in C:\\new\\temp folder"\n')
    assert where(problem) == (5, 25, "sections[0].text")
    assert problem.message == "'\\n' inside double quotes is a line break, not a backslash and 'n'"
    assert problem.hint == "use single quotes, where a backslash is just a backslash: 'Save it in C:\\new\\temp folder'"


@pytest.mark.parametrize("text", ['"Line one\\nLine two"', '"C:\\\\new"', "'C:\\new'", '"a \\"quote\\" here"'])
def test_escapes_meant_in_double_quotes_and_backslashes_in_single_quotes_are_meant(text: str) -> None:
    assert found(f"sections:\n  - title: Files\n    text: {text}\n") == []
