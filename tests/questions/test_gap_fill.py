"""``type: gap_fill`` on the sheet and in the key."""

from __future__ import annotations

import re
from itertools import groupby
from pathlib import Path

import pdfplumber
import pytest

from compiler.errors import ProblemsFound
from compiler.source import load_text
from compiler.validate import validate_unit
from tests import tagged
from tests.questions import sheet_and_key


def test_gaps_are_numbered_blanks_with_a_word_bank_and_the_key_fills_them(tmp_path: Path) -> None:
    sheet, key = sheet_and_key(tmp_path, """\
        - type: gap_fill
          text: In [[1934]] the USSR joined the [[League of Nations]].
          word_bank: true
          distractors: [Comintern]
        """)
    assert re.search(r"In \(1\) (_+) the USSR joined the \(2\) \1\.", sheet)
    bank = sheet.split("Word bank:")[1].split("[")[0]
    assert sorted(word.strip() for word in bank.split("·")) == ["1934", "Comintern", "League of Nations"]
    assert "In 1934 the USSR joined the League of Nations. (1) 1934 · (2) League of Nations" in key


def _build(folder: Path, question: str) -> tuple[Path, Path]:
    sheet_and_key(folder, question)
    out = folder / "out" / "one"
    return out / "worksheet-w.pdf", out / "worksheet-w-key.pdf"


def _blanks(page: pdfplumber.page.Page) -> list[tuple[float, float, float]]:
    """Each run of underscores on the page: (top, x0, x1)."""
    lines = groupby(sorted((c for c in page.chars if c["text"] == "_"), key=lambda c: (round(c["top"]), c["x0"])),
                    key=lambda c: round(c["top"]))
    runs = []
    for top, chars in lines:
        run: list[dict] = []
        for char in chars:
            if run and char["x0"] - run[-1]["x1"] > 0.5:
                runs.append((top, run[0]["x0"], run[-1]["x1"]))
                run = []
            run.append(char)
        runs.append((top, run[0]["x0"], run[-1]["x1"]))
    return [run for run in runs if not _is_total(page, run)]


def _is_total(page: pdfplumber.page.Page, run: tuple[float, float, float]) -> bool:
    line = "".join(c["text"] for c in page.chars if round(c["top"]) == run[0])
    return "Total" in line


def _set_width(page: pdfplumber.page.Page, words: str) -> float:
    """How wide ``words`` are printed on the page (the key prints each answer in bold)."""
    found = page.search(words)
    assert found, words
    return found[0]["x1"] - found[0]["x0"]


def test_every_blank_holds_the_longest_answer_or_bank_word_and_all_are_equal(tmp_path: Path) -> None:
    sheet_file, key_file = _build(tmp_path, """\
        - type: gap_fill
          text: In [[1934]] the USSR, led by [[Stalin]], became the champion of [[collective security]].
          word_bank: true
          distractors: [the Molotov–Ribbentrop Pact of 1939]
        """)
    with pdfplumber.open(sheet_file) as sheet, pdfplumber.open(key_file) as key:
        _check_blanks(sheet.pages[0], key.pages[0])


def _check_blanks(page: pdfplumber.page.Page, key: pdfplumber.page.Page) -> None:
    blanks = _blanks(page)
    assert len(blanks) == 3
    widths = {round(x1 - x0, 1) for _, x0, x1 in blanks}
    assert len(widths) == 1  # the same length for every gap: no hint from the blank
    assert widths.pop() >= _set_width(key, "collective security")
    words = page.search("the Molotov–Ribbentrop Pact of 1939")
    assert blanks[0][2] - blanks[0][1] >= words[0]["x1"] - words[0]["x0"]  # the bank's longest word too


def test_a_blank_for_a_very_long_answer_stays_on_one_line_with_its_number(tmp_path: Path) -> None:
    sheet_file, _ = _build(tmp_path, """\
        - type: gap_fill
          text: >-
            Soviet diplomats argued for [[an alliance of every state threatened by fascism in Europe and
            in Asia, bound by treaty to act together against any aggressor at once]] in Geneva, and for
            [[1934]] as a turning point.
        """)
    with pdfplumber.open(sheet_file) as sheet:
        _check_long_blanks(sheet.pages[0])


def _check_long_blanks(page: pdfplumber.page.Page) -> None:
    blanks = _blanks(page)
    assert len(blanks) == 2
    marks = page.search(r"\[1\]", regex=True)[0]
    for n, (top, x0, x1) in enumerate(blanks, start=1):
        number = page.search(rf"\({n}\)", regex=True)[0]
        assert round(number["top"]) == top and 0 < x0 - number["x1"] < 8  # the number right before its blank
        assert x1 < marks["x0"]  # inside the question's column
    assert len({round(x1 - x0, 1) for _, x0, x1 in blanks}) == 1


def test_a_word_bank_entry_is_never_split_over_two_lines(tmp_path: Path) -> None:
    entries = ["Third Period", "popular fronts", "Eastern Pact", "Red Army", "Spanish Republic", "Soviet Union",
               "Western powers", "League Council", "Nazi Germany", "Comintern line", "foreign commissar",
               "mutual assistance", "united front", "Munich crisis"]
    sheet_file, _ = _build(tmp_path, f"""\
        - type: gap_fill
          text: The USSR joined in [[1934]] and called for [[collective security]].
          word_bank: true
          distractors: [{", ".join(entries)}]
        """)
    with pdfplumber.open(sheet_file) as sheet:
        lines = sheet.pages[0].extract_text().replace("\xa0", " ").split("\n")
    bank = lines[next(n for n, line in enumerate(lines) if "Word bank:" in line):]
    assert len([line for line in bank if "·" in line]) >= 3  # the bank wraps ...
    for entry in [*entries, "collective security"]:
        assert any(entry in line for line in bank), entry  # ... between entries only


GAP_UNIT = """\
format: 1
unit: {id: u, title: Revolution}
worksheets:
  - id: w
    title: W
    questions:
      - type: gap_fill
        text: %s
"""


@pytest.mark.parametrize(("text", "example"), [
    ("The Bastille fell in 1789.", "'The Bastille fell in [[1789]].'"),
    ("The king fled to Varennes.", "'The king fled to [[Varennes]].'"),
    ("After a long and bitter winter of bread riots, the crowd stormed the Bastille in 1789 and freed seven.",
     "'…crowd stormed the Bastille in [[1789]] and freed seven.'"),
])
def test_a_text_without_gaps_is_shown_with_one_of_its_own_words_as_a_gap(text: str, example: str) -> None:
    with pytest.raises(ProblemsFound) as caught:
        validate_unit(load_text(GAP_UNIT % text, "u.yaml"))
    (problem,) = caught.value.problems
    assert (problem.line, problem.column, problem.path) == (8, 15, "worksheets[0].questions[0].text")
    assert (problem.message, problem.hint) == ("the text has no gaps", f"put each answer in double brackets: {example}")


def test_a_screen_reader_hears_each_blank_as_a_word_and_never_an_answer(tmp_path: Path) -> None:
    sheet, key = _build(tmp_path, """\
        - type: gap_fill
          text: In [[1934]] the USSR joined the [[League of Nations]].
        """)
    (text,) = [e for e in tagged.read(sheet).elements() if e.role == "P" and e.actual and "USSR" in e.actual]
    assert text.actual == "In (1) blank the USSR joined the (2) blank."
    assert "1934" not in tagged.read(sheet).reading()
    assert "In 1934 the USSR joined the League of Nations." in tagged.read(key).reading()
