"""Worksheets, keys and the handout in each print profile, read back from the PDFs: large print
sets every character of content at 18 pt or more with answer lines further apart, the dyslexia
profile never splits a word, high contrast draws rules black and at least a point wide, and in
every profile every question is there and no words overlap."""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from PIL import Image
from reportlab.lib.units import mm

from compiler.build import Request, build
from compiler.outputs import Settings
from compiler.theme import load_theme, profiled
from tests.conftest import SMALL_UNIT, overlapping_words

QUESTIONS = """\
sources:
  - id: speech
    author: Maxim Litvinov
    date: 1934-09-18
    origin: a speech to the League of Nations
    text: We join because the threat of war is rising and no country can now make itself safe on its own.
worksheets:
  - id: every
    title: Every type of question
    instructions: Answer every question. The marks for each question are shown in brackets.
    sections:
      - title: 'Part A: Knowledge check'
        questions:
          - type: choice
            prompt: Which treaty of 1922 restored German–Soviet relations?
            options: [Treaty of Berlin, Treaty of Rapallo, Locarno Treaties, Kellogg–Briand Pact]
            answer: Treaty of Rapallo
          - type: true_false
            statement: The USSR joined the League of Nations in 1934.
            answer: true
          - type: gap_fill
            text: In [[1934]] the USSR joined the [[League of Nations]].
            word_bank: true
            distractors: [Comintern, "1933"]
            marks: 2
          - type: match
            prompt: Match each commissar to his years in office.
            pairs:
              - [Chicherin, Commissar for Foreign Affairs 1918–1930]
              - [Litvinov, Commissar for Foreign Affairs 1930–1939]
              - [Molotov, Commissar for Foreign Affairs from 1939]
            marks: 3
          - type: order
            items: [Comintern founded, Treaty of Rapallo, USSR joins the League]
          - type: label
            prompt: Label the map.
            picture: {file: pictures/map.png, alt: A map with three pins}
            pins:
              - {x: 0.2, y: 0.3, answer: Moscow}
              - {x: 0.7, y: 0.5, answer: Berlin}
              - {x: 0.4, y: 0.8, answer: Warsaw}
      - title: 'Part B: Understanding'
        questions:
          - type: short
            prompt: Give two reasons why Germany co-operated with Soviet Russia in the 1920s.
            answer: Both were outcasts after 1919; Germany could train forces banned by Versailles.
            lines: 4
            marks: 2
          - type: source
            form: message
            sources: [speech]
            enquiry: Soviet attitudes to the League
            marks: 4
            indicative: [The USSR wants collective security., It fears Germany.]
          - type: extended
            prompt: How consistent was Stalin's foreign policy, 1924–1941?
            marks: 12
            space: 1 page
            mark_scheme:
              - "Level 2 (7–12): a sustained judgement"
              - "Level 1 (1–6): a description"
"""
QUESTION_COUNT = 9
LONG_WORDS = ("Internationalisation, counterrevolutionaries, extraterritoriality and incomprehensibility "
              "characterised unconventional administrative arrangements; ") * 6
PAPERS = ("a4", "letter")


def _built(folder: Path, paper: str, *profiles: str, text: str = "") -> Path:
    """The unit (SMALL_UNIT and the questions above, or ``text``) built in ``profiles`` on ``paper``."""
    (folder / "pictures").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (600, 400), "#dddddd").save(folder / "pictures" / "map.png")
    unit = folder / "unit.yaml"
    unit.write_text(text or SMALL_UNIT + QUESTIONS, encoding="utf-8")
    report = build(Request(paths=(unit,), out=folder / "out",
                           settings=Settings(paper=paper, profiles=profiles, only=("handout", "worksheet"))))
    assert report.ok, [str(p) for p in report.all_problems()]
    return folder / "out" / "small"


def _content_chars(pdf: Path, profile: str) -> list[dict[str, Any]]:
    """The file's characters, but for the running header and footer in the page's margins."""
    margins = profiled(load_theme(), profile).margins
    with pdfplumber.open(pdf) as document:
        return [c for page in document.pages for c in page.chars
                if c["text"].strip() and margins.top - 4 < c["top"] and c["bottom"] < page.height - margins.bottom + 4]


def _pin_digits(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from compiler.questions.label.draw import PIN_TYPE
    return [c for c in chars if abs(c["size"] - PIN_TYPE) < 0.01]


def _numbers(pdf: Path) -> list[int]:
    """The question numbers ("3.") at the left of the question column, in the order printed."""
    found = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            left = min((w["x0"] for w in page.extract_words()), default=0)
            found += [int(w["text"][:-1]) for w in page.extract_words()
                      if re.fullmatch(r"\d+\.", w["text"]) and w["x0"] - left < 2]
    return found


def _answer_lines(pdf: Path, page_number: int = 0) -> list[dict[str, Any]]:
    """The horizontal rules of a page longer than 60 mm, top to bottom."""
    with pdfplumber.open(pdf) as document:
        page = document.pages[page_number]
        return sorted((e for e in page.lines if e["top"] == e["bottom"] and e["x1"] - e["x0"] > 60 * mm),
                      key=lambda e: e["top"])


@pytest.mark.parametrize("paper", PAPERS)
def test_large_print_sets_every_character_of_content_at_18_points_or_more(tmp_path: Path, paper: str) -> None:
    out = _built(tmp_path, paper, "large-print")
    for name in ("handout-large-print.pdf", "worksheet-every-large-print.pdf", "worksheet-every-large-print-key.pdf"):
        pdf = out / name
        chars = _content_chars(pdf, "large-print")
        pins = _pin_digits(chars)  # the label question's pin numbers are drawn at their own size
        small = [c["text"] for c in chars if c["size"] < 17.95 and c not in pins]
        assert small == [], (name, "".join(small))
        with pdfplumber.open(pdf) as document:
            assert min(c["size"] for page in document.pages for c in page.chars if c not in pins) >= 16


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("profile", ["large-print", "dyslexia", "high-contrast"])
def test_every_question_is_on_the_sheet_and_in_the_key_and_no_words_overlap(tmp_path: Path, paper: str,
                                                                              profile: str) -> None:
    out = _built(tmp_path, paper, profile)
    for pdf in (out / f"worksheet-every-{profile}.pdf", out / f"worksheet-every-{profile}-key.pdf",
                out / f"handout-{profile}.pdf"):
        assert overlapping_words(pdf) == [], pdf.name
    for pdf in (out / f"worksheet-every-{profile}.pdf", out / f"worksheet-every-{profile}-key.pdf"):
        assert _numbers(pdf) == list(range(1, QUESTION_COUNT + 1)), pdf.name
        with pdfplumber.open(pdf) as document:
            text = " ".join(page.extract_text() for page in document.pages)
        assert "(11 marks)" in text and "(18 marks)" in text  # a part's marks on one line, whatever the size


def test_large_print_sets_answer_lines_further_apart_and_the_default_keeps_8_mm(tmp_path: Path) -> None:
    out = _built(tmp_path, "a4", "standard", "large-print")
    for name, apart in (("worksheet-every.pdf", 8 * mm), ("worksheet-every-large-print.pdf", 8 * mm * 1.6)):
        with pdfplumber.open(out / name) as document:
            page = next(p for p in document.pages if p.search("Give two reasons"))
            below = page.search("Give two reasons")[0]["bottom"]
            number = page.page_number - 1
        lines = [e["top"] for e in _answer_lines(out / name, number) if e["top"] > below][:4]
        assert len(lines) == 4
        assert [round(b - a, 1) for a, b in pairwise(lines)] == [round(apart, 1)] * 3, name


def test_high_contrast_draws_answer_lines_black_and_at_least_a_point_wide(tmp_path: Path) -> None:
    out = _built(tmp_path, "a4", "standard", "high-contrast")
    for name, widest in (("worksheet-every.pdf", 0.5), ("worksheet-every-high-contrast.pdf", 1.5)):
        with pdfplumber.open(out / name) as document:
            page = next(p for p in document.pages if p.search("Give two reasons"))
            lines = [e for e in page.lines if e["top"] == e["bottom"] and e["x1"] - e["x0"] > 60 * mm
                     and e["top"] > page.search("Give two reasons")[0]["bottom"]][:4]
        assert {round(e["linewidth"], 2) for e in lines} == {widest}, name
    with pdfplumber.open(out / "worksheet-every-high-contrast.pdf") as document:
        rules = [e for page in document.pages for e in page.lines]
    assert rules and all(e["linewidth"] >= 1 for e in rules)
    assert all(tuple(e["stroking_color"] or (0,)) in {(0,), (0, 0, 0), (0.0, 0.0, 0.0)} for e in rules)


def test_high_contrast_boxes_the_handouts_box_with_a_rule_and_prints_strands_black(tmp_path: Path) -> None:
    out = _built(tmp_path, "a4", "standard", "high-contrast")
    for name, ruled in (("handout.pdf", False), ("handout-high-contrast.pdf", True)):
        with pdfplumber.open(out / name) as document:
            page = next(p for p in document.pages if p.search("Why then?"))
            word = page.search("Think")[0]
            above = [e for e in page.lines if e["top"] == e["bottom"] and e["x0"] < word["x0"] < e["x1"]
                     and 0 < word["top"] - e["top"] < 20]
            assert bool(above) is ruled, name
            markers = {tuple(c["non_stroking_color"]) for p in document.pages for c in p.chars if c["text"] in "●■"}
        assert (markers == {(0, 0, 0)} or markers == {(0,)}) is ruled, (name, markers)


@pytest.mark.parametrize("profile", ["dyslexia", "large-print"])
def test_the_dyslexia_and_large_print_handouts_never_split_a_word(tmp_path: Path, profile: str) -> None:
    text = SMALL_UNIT.replace("text: The *Bolsheviks* took power and founded the Comintern.",
                              f"text: {LONG_WORDS}")
    out = _built(tmp_path, "a4", "standard", profile, text=text)

    def split_words(pdf: Path) -> list[str]:
        with pdfplumber.open(pdf) as document:
            lines = [line for page in document.pages for line in page.extract_text().splitlines()]
        return [line for line in lines if line.endswith("-")]

    assert split_words(out / "handout.pdf")  # the standard profile hyphenates this paragraph
    assert split_words(out / f"handout-{profile}.pdf") == []


def test_large_print_bullets_are_as_large_as_their_text(tmp_path: Path) -> None:
    out = _built(tmp_path, "a4", "standard", "large-print")
    with pdfplumber.open(out / "handout-large-print.pdf") as document:
        bullets = {round(c["size"], 1) for page in document.pages for c in page.chars if c["text"] in "•◦"}
    assert bullets and min(bullets) >= 18
    with pdfplumber.open(out / "handout.pdf") as document:
        assert {round(c["size"], 1) for page in document.pages for c in page.chars if c["text"] == "•"} == {12}



def test_the_dyslexia_handout_sets_a_symbol_its_font_lacks_in_one_that_has_it(tmp_path: Path) -> None:
    out = _built(tmp_path, "a4", "dyslexia")
    with pdfplumber.open(out / "handout-dyslexia.pdf") as document:
        symbols = {(c["text"], c["fontname"].split("+")[-1]) for page in document.pages for c in page.chars
                   if c["text"] in "◦→"}
    # Atkinson Hyperlegible Next has no ◦ (a sub-point's bullet) nor → (the key-terms line's)
    assert symbols == {("◦", "DejaVuSans"), ("→", "DejaVuSans")}


def test_a_question_too_tall_with_its_lines_in_large_print_gets_them_after_it(tmp_path: Path) -> None:
    (tmp_path / "pictures").mkdir()
    Image.new("RGB", (800, 1000), "#bbbbbb").save(tmp_path / "pictures" / "tall.png")
    unit = tmp_path / "unit.yaml"
    unit.write_text(SMALL_UNIT + """\
worksheets:
  - id: tall
    title: A tall question
    questions:
      - type: short
        prompt: Study the map. Explain how the border moved between 1939 and 1945, using the map.
        picture: {file: pictures/tall.png, alt: A tall map}
        answer: West.
        lines: 12
        marks: 4
""", encoding="utf-8")
    report = build(Request(paths=(unit,), out=tmp_path / "out",
                           settings=Settings(paper="letter", profiles=("standard", "large-print"), only=("worksheet",))))
    assert report.ok, [str(p) for p in report.all_problems()]
    for name, apart in (("worksheet-tall.pdf", 8 * mm), ("worksheet-tall-large-print.pdf", 8 * mm * 1.6)):
        with pdfplumber.open(tmp_path / "out" / "small" / name) as document:
            rules = [e for page in document.pages for e in page.lines if e["top"] == e["bottom"]]
        # the answer lines: the question column wide (the page's rules and the name's are not)
        column = Counter(round(e["x1"] - e["x0"]) for e in rules).most_common(1)[0][0]
        lines = [e for e in rules if round(e["x1"] - e["x0"]) == column]
        assert len(lines) == 12, name  # every line asked for, on the question's page or over the next
        assert round(abs(lines[1]["top"] - lines[0]["top"]), 1) == round(apart, 1)
