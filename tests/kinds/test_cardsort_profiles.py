"""Card sorts and flash cards in every print profile, as a teacher checks them after printing:
large print's card text at 18 pt or more (codes, titles and credits at 16), every card and key
row present, words inside the cut lines and the page and clear of each other, each back behind
its front, the dyslexia profile's cream under every page, and high contrast's black words and
thick black cut lines; the standard files unchanged beside them."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from compiler.build import Request, build
from compiler.outputs import Settings
from compiler.profiles import PROFILES
from tests.conftest import overlapping_words
from tests.kinds.test_cardsort import SAFE, card_grid, cut_lines, gap, sorts_unit, stress_unit

PAPERS = ("a4", "letter")
CODE = re.compile(r"^[A-Z]\d{1,3}$")
FLASH_CODE = re.compile(r"^(\d+)/(\d+)$")
CREAM = (0xfd / 255, 0xf6 / 255, 0xe3 / 255)
# A written flash-card set whose backs are lists, and the glossary's set made from the unit.
FLASHCARDS = """\
glossary:
""" + "".join(f"  - {{term: Term {n}, definition: 'What term {n} means, in a sentence of some length.'}}\n"
              for n in range(1, 8)) + """\
flashcards:
  - id: revise
    title: Revision
    size: large
    cards:
""" + "".join(f"      - {{front: 'Why did question {n} matter in the end?', back: ['First point {n} of the answer, "
              f"in a longer sentence.', 'Second point {n}, shorter.', 'Third point {n}.']}}\n" for n in range(1, 6)) + """\
outputs:
  flashcards: {generate: [glossary]}
"""
SORT_CARDS = {"big": 32, "rank": 9, "seq": 4}  # two heading cards and thirty in "big"


@pytest.fixture(scope="module")
def profiled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The test unit's card sorts and flash cards in every profile, on A4 and Letter."""
    folder = tmp_path_factory.mktemp("profiled")
    (folder / "sorts.yaml").write_text(sorts_unit() + FLASHCARDS, encoding="utf-8")
    outputs = {}
    for paper in PAPERS:
        report = build(Request(paths=(folder / "sorts.yaml",), out=folder / paper, settings=Settings(
            paper=paper, only=("cardsort", "flashcards"), profiles=tuple(PROFILES))))
        assert report.ok, [str(p) for p in report.all_problems()]
        outputs[paper] = folder / paper / "sorts"
    return outputs


def files(profiled: dict[str, Path], profile: str, pattern: str = "*") -> list[Path]:
    suffix = PROFILES[profile].suffix
    found = [pdf for paper in PAPERS for pdf in sorted(profiled[paper].glob(f"{pattern}.pdf"))
             if (f"-{suffix}" in pdf.stem if suffix else not any(f"-{p.suffix}" in pdf.stem
                                                                   for p in PROFILES.values() if p.suffix))]
    assert found
    return found


def letters(pdf: Path) -> list[dict[str, Any]]:
    with pdfplumber.open(pdf) as document:
        return [char for page in document.pages for char in page.chars if char["text"].isalnum()]


def size_of(pdf: Path, words: str) -> set[float]:
    with pdfplumber.open(pdf) as document:
        return {round(char["size"], 1) for page in document.pages for found in page.search(words, return_chars=True)
                for char in found["chars"]}


def test_large_print_sets_card_text_at_18_points_and_nothing_below_16(profiled: dict[str, Path]) -> None:
    for pdf in files(profiled, "large-print"):
        assert min(round(c["size"], 1) for c in letters(pdf)) >= 16, pdf.name
    for paper in PAPERS:
        folder = profiled[paper]
        for name, words in (("cardsort-big-large-print.pdf", "something"),
                            ("cardsort-big-large-print-key.pdf", "something"),  # the key, as the cards
                            ("cardsort-rank-large-print.pdf", "signing"),
                            ("cardsort-seq-large-print.pdf", "Rapallo"),
                            ("flashcards-glossary-large-print.pdf", "means"),
                            ("flashcards-glossary-large-print.pdf", "Term"),
                            ("flashcards-revise-large-print.pdf", "question"),
                            ("flashcards-revise-large-print.pdf", "Second")):
            found = size_of(folder / name, words)
            assert found and min(found) >= 18, (paper, name, words, found)
        assert max(size_of(folder / "cardsort-big.pdf", "something")) < 15.5  # standard: as before


def card_codes(pdf: Path) -> Counter[str]:
    """The card sort's codes printed on its cards (the pages with a cut line)."""
    with pdfplumber.open(pdf) as document:
        return Counter(word["text"] for page in document.pages if cut_lines(page)
                       for word in page.extract_words() if CODE.match(word["text"]))


def key_codes(pdf: Path) -> Counter[str]:
    with pdfplumber.open(pdf.with_name(f"{pdf.stem}-key.pdf")) as document:
        return Counter(word["text"] for page in document.pages for word in page.extract_words()
                       if CODE.match(word["text"]))


@pytest.mark.parametrize("profile", list(PROFILES))
def test_every_card_is_printed_once_and_the_key_names_every_card(profiled: dict[str, Path], profile: str) -> None:
    for pdf in files(profiled, profile, "cardsort-*[!y]"):
        sort = pdf.stem.split("-")[1]
        codes = card_codes(pdf)
        assert len(codes) == SORT_CARDS[sort] and set(codes.values()) == {1}, (pdf.name, codes)
        headings = 2 if sort == "big" else 0  # a heading card is the key's group heading, not a row
        assert set(key_codes(pdf)) >= set(sorted(codes, key=lambda c: int(c[1:]))[headings:]), pdf.name


@pytest.mark.parametrize("profile", list(PROFILES))
def test_every_flash_card_has_its_front_and_its_back(profiled: dict[str, Path], profile: str) -> None:
    for pdf in files(profiled, profile, "flashcards-*"):
        with pdfplumber.open(pdf) as document:
            codes = Counter(w["text"] for page in document.pages for w in page.extract_words()
                            if FLASH_CODE.match(w["text"]))
        count = 7 if "glossary" in pdf.stem else 5
        assert codes == Counter({f"{n}/{count}": 2 for n in range(1, count + 1)}), (pdf.name, codes)


@pytest.mark.parametrize("profile", list(PROFILES))
def test_words_stay_inside_the_cut_lines_and_the_page_and_never_overlap(profiled: dict[str, Path],
                                                                        profile: str) -> None:
    for pdf in files(profiled, profile):
        assert overlapping_words(pdf) == [], pdf.name
        with pdfplumber.open(pdf) as document:
            for page in document.pages:
                lines = cut_lines(page) if pdf.stem.startswith("cardsort") else []
                for char in page.chars:
                    if not char["text"].strip():
                        continue
                    assert char["x0"] >= 0 and char["x1"] <= page.width and 0 <= char["top"] <= page.height
                    if lines and char["text"] != "✂":
                        assert min(gap(char, line) for line in lines) >= SAFE, (pdf.name, page.page_number, char)


def test_a_large_print_ranking_lays_its_diamond_over_pages_with_a_slot_for_every_card(
        profiled: dict[str, Path]) -> None:
    for paper in PAPERS:
        with pdfplumber.open(profiled[paper] / "cardsort-rank-large-print.pdf") as document:
            card_pages = [page for page in document.pages if cut_lines(page)]
            widths = {round(b - a) for page in card_pages for a, b in itertools.pairwise(card_grid(page)[0])}
            heights = {round(b - a) for page in card_pages for a, b in itertools.pairwise(card_grid(page)[1])}
            mats = [page for page in document.pages if "Diamond" in (page.extract_text() or "")
                    or any(r["fill"] for r in page.rects if r["width"] < page.width / 2)]
            slots = [r for page in mats for r in page.rects if r["fill"] and r["width"] < page.width / 2]
            ranks = [w["text"] for page in mats for w in page.extract_words() if w["x0"] < 80 and w["text"].isdigit()]
        assert len(mats) > 1 and len(slots) == 9, (paper, len(mats), len(slots))
        assert all(s["width"] >= max(widths) and s["height"] >= max(heights) for s in slots)
        assert sorted(set(ranks)) == ["1", "2", "3", "4", "5"]


def test_large_print_backs_still_lie_behind_their_fronts(profiled: dict[str, Path]) -> None:
    """Flipped on the long edge, a back is its front's card mirrored across the page: its code at
    the same height, and the codes' right ends, front plus back, the same for every card."""
    for pdf in files(profiled, "large-print", "flashcards-*"):
        with pdfplumber.open(pdf) as document:
            placed = [{w["text"]: w for w in page.extract_words() if FLASH_CODE.match(w["text"])}
                      for page in document.pages]
        sums = set()
        for fronts, backs in zip(placed[::2], placed[1::2], strict=True):
            assert fronts.keys() == backs.keys()
            for code, front in fronts.items():
                assert abs(front["top"] - backs[code]["top"]) < 0.5, (pdf.name, code)
                sums.add(round(front["x1"] + backs[code]["x1"]))
        assert len(sums) == 1, (pdf.name, sums)


def page_fills(pdf: Path) -> list[tuple[float, ...]]:
    """The colour of the rectangle covering each page, where one does."""
    with pdfplumber.open(pdf) as document:
        return [tuple(r["non_stroking_color"]) for page in document.pages for r in page.rects
                if r["width"] >= page.width - 1 and r["height"] >= page.height - 1]


def test_dyslexia_friendly_cards_are_on_cream_and_standard_ones_on_white(profiled: dict[str, Path]) -> None:
    for pdf in files(profiled, "dyslexia"):
        with pdfplumber.open(pdf) as document:
            pages = len(document.pages)
        assert page_fills(pdf) == [pytest.approx(CREAM, abs=0.01)] * pages, pdf.name
    for pdf in files(profiled, "standard"):
        assert page_fills(pdf) == [], pdf.name


def test_high_contrast_prints_black_words_and_thick_black_cut_lines(profiled: dict[str, Path]) -> None:
    for pdf in files(profiled, "high-contrast"):
        colours = {tuple(c["non_stroking_color"]) for c in letters(pdf)}
        assert colours <= {(0,), (0, 0, 0)}, (pdf.name, colours)
        with pdfplumber.open(pdf) as document:
            lines = [line for page in document.pages for line in page.lines if line.get("dash") and line["dash"][0]]
        assert bool(lines) != pdf.stem.endswith("-key"), pdf.name  # a key has no cut lines
        assert all(line["linewidth"] >= 1 and tuple(line["stroking_color"]) in {(0,), (0, 0, 0)}
                             for line in lines), pdf.name


def test_standard_cards_are_the_same_whichever_profiles_are_built_beside_them(
        profiled: dict[str, Path], tmp_path: Path) -> None:
    source = profiled["a4"].parent.parent / "sorts.yaml"
    report = build(Request(paths=(source,), out=tmp_path, settings=Settings(paper="a4", only=("cardsort", "flashcards"))))
    assert report.ok
    alone = sorted((tmp_path / "sorts").glob("*.pdf"))
    assert len(alone) == 6 + 2
    for pdf in alone:
        assert pdf.read_bytes() == (profiled["a4"] / pdf.name).read_bytes(), pdf.name


@pytest.fixture(scope="module")
def stressed(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The card sorts' stress unit (cards of 190 letters, eight categories, sub- and superscripts)
    in the profiles that set cards larger, on A4 and Letter."""
    folder = tmp_path_factory.mktemp("stressed")
    (folder / "stress.yaml").write_text(stress_unit(), encoding="utf-8")
    for paper in PAPERS:
        report = build(Request(paths=(folder / "stress.yaml",), out=folder / paper, settings=Settings(
            paper=paper, only=("cardsort",), profiles=("large-print", "dyslexia"))))
        assert report.ok, [str(p) for p in report.all_problems()]
    return sorted(folder.glob("*/stress/*.pdf"))


def test_sets_too_long_for_their_card_size_in_large_print_take_the_next_size_up(stressed: list[Path]) -> None:
    assert len(stressed) == 2 * 2 * 4
    for pdf in stressed:
        assert overlapping_words(pdf) == [], pdf.name
        if "large-print" in pdf.stem:
            assert min(round(c["size"], 1) for c in letters(pdf)) >= 16, pdf.name
        if not pdf.stem.endswith("-key"):
            with pdfplumber.open(pdf) as document:
                for page in document.pages:
                    lines = cut_lines(page)
                    for char in page.chars if lines else []:
                        if char["text"].strip() and char["text"] != "✂":
                            assert min(gap(char, line) for line in lines) >= SAFE, (pdf.name, char)
    many = [pdf for pdf in stressed if pdf.stem == "cardsort-many-large-print"]
    for pdf in many:
        assert min(size_of(pdf, "evidence")) >= 18
        assert len(card_codes(pdf)) == 8 + 12
        with pdfplumber.open(pdf) as document:
            mats = [page for page in document.pages if "Sort mat" in (page.extract_text() or "")]
            assert len(mats) == 8  # a column a page, each under its numbered title, none left blank
            assert all(any(r["height"] > page.height / 2 for r in page.rects) for page in mats)
