"""``type: match`` on the sheet and in the key."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from compiler.build import Request, build
from compiler.outputs import Settings
from tests.questions import UNIT, sheet_and_key


def test_the_key_joins_each_term_to_the_letter_of_its_definition_on_the_sheet(tmp_path: Path) -> None:
    sheet, key = sheet_and_key(tmp_path, """\
        - type: match
          from: glossary
          terms: [Comintern, Autarky]
        """)
    letters = dict(re.findall(r"([AB]) (The Communist International\.|Economic self-sufficiency\.)", sheet))
    comintern = next(letter for letter, text in letters.items() if text.startswith("The Communist"))
    assert f"1 {comintern}: Comintern — The Communist International." in key


def test_the_key_gives_each_number_with_the_letter_a_student_writes_in_its_box(tmp_path: Path) -> None:
    sheet, key = sheet_and_key(tmp_path, """\
        - type: match
          prompt: Match each commissar to his years.
          pairs: [[Trotsky, 1917–1918], [Chicherin, 1918–1930], [Litvinov, 1930–1939], [Molotov, 1939–1949]]
        """)
    numbers = {name: n for n, name in re.findall(r"(\d) (Trotsky|Chicherin|Litvinov|Molotov)", sheet)}
    letters = {years: letter for letter, years in re.findall(r"([A-D]) (19\d\d–19\d\d)", sheet)}
    pairs = {"Trotsky": "1917–1918", "Chicherin": "1918–1930", "Litvinov": "1930–1939", "Molotov": "1939–1949"}
    by_number = sorted((numbers[name], letters[years]) for name, years in pairs.items())
    assert ", ".join(f"{n} {letter}" for n, letter in by_number) in key  # "1 C, 2 A, …"


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_twenty_six_pairs_print_with_each_box_beside_its_number_over_pages(tmp_path: Path, paper: str) -> None:
    """26 pairs (the most) whose definitions wrap: the match goes on over the page between pairs,
    its prompt with the first; numbers 10 to 26 on one line; each box just left of its number;
    the numbered and lettered items in one type size."""
    pairs = ", ".join(f"[Term {n}, The definition of term {n} written out at some length so that it wraps]"
                      for n in range(1, 27))
    path = tmp_path / "unit.yaml"
    path.write_text(UNIT + f"      - {{type: short, prompt: Warm up., answer: a, lines: 6}}\n"
                           f"      - {{type: match, prompt: Match each term., marks: 26, pairs: [{pairs}]}}\n",
                    encoding="utf-8")
    report = build(Request(paths=(path,), out=tmp_path / "out", settings=Settings(only=("worksheet",), paper=paper)))
    assert report.ok, report.all_problems()
    seen = []
    with pdfplumber.open(tmp_path / "out" / "one" / "worksheet-w.pdf") as document:
        for page in document.pages:
            words = page.extract_words(extra_attrs=["size"])
            terms = [w for w in words if w["text"] == "Term"]
            boxes = [r for r in page.rects if abs(r["width"] - r["height"]) < 0.5 and r["width"] > 8]
            for term in terms:
                number = next(w for w in words if abs(w["top"] - term["top"]) < 1 and w["x1"] < term["x0"]
                              and re.fullmatch(r"\d+", w["text"]))
                box = next(r for r in boxes if abs(r["top"] - term["top"]) < 4)
                assert 0 < number["x0"] - box["x1"] < 8, number["text"]  # the box beside its number
                definition = next(w for w in words if w["text"] == "definition" and abs(w["top"] - term["top"]) < 1)
                assert definition["size"] == term["size"]
                seen.append(int(number["text"]))
            if terms and len(seen) == len(terms):  # the page of the first pairs has the prompt
                assert "Match each term." in page.extract_text()
    assert seen == list(range(1, 27))


@pytest.mark.parametrize("count", range(16, 23))
def test_a_match_that_just_fills_a_page_with_the_total_under_it_still_prints(tmp_path: Path, count: int) -> None:
    """A last question whose pairs fit a page only without the sheet's total under them goes on
    over the page between pairs, the total with the last: it never fails the build."""
    pairs = ", ".join(f"[Term number {n} with several words in it, 'Definition {n}: a fairly long explanation "
                      f"that wraps onto a second line of the column']" for n in range(count))
    path = tmp_path / "unit.yaml"
    path.write_text(UNIT + "".join(f"      - {{type: short, prompt: Filler {k}., answer: a, lines: 6}}\n" for k in range(3))
                    + f"      - {{type: match, prompt: Match each term., pairs: [{pairs}]}}\n", encoding="utf-8")
    report = build(Request(paths=(path,), out=tmp_path / "out", settings=Settings(only=("worksheet",), paper="letter")))
    assert report.ok, report.all_problems()
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(tmp_path / "out" / "one" / "worksheet-w.pdf").pages)
    assert all(f"Term number {n} " in text for n in range(count)) and "Total:" in text
