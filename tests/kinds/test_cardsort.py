"""Card sorts as a teacher checks them before cutting: every card once, codes that agree with
the key, text that fits, pages that are filled, and each mode's mat and key."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest
import yaml

from compiler.build import Request, build
from compiler.outputs import Settings
from compiler.theme import PAPER, load_theme
from tests.conftest import overlapping_words

CODE = re.compile(r"^[A-Z]\d{1,3}$")

SORTS = """\
format: 1
unit: {id: sorts, title: Card sorts, licence: CC0}
events:
  - {id: e1, date: 1917-11-07, title: October Revolution}
  - {id: e2, date: 1922-04-16, title: Treaty of Rapallo}
  - {id: e3, date: 1934-09-18, title: USSR joins the League}
  - {id: e4, date: 1939-08-23, title: Nazi–Soviet Pact}
card_sorts:
  - id: big
    title: A sort with many cards
    instructions: Sort the cards.
    mode: categories
    mat: true
    categories:
      - {id: yes-side, label: Supports the view}
      - {id: no-side, label: Challenges the view}
    cards:
{cards}
  - id: rank
    title: Rank the reasons
    mode: ranking
    cards:
{ranking}
  - id: seq
    title: Put them in order
    mode: sequence
    events: [e3, e1, e4, e2]
"""
CARDS = "\n".join(
    f"      - {{text: 'Card number {n} says something about the period, reason {n}.', "
    f"category: {'yes-side' if n % 2 else 'no-side'}{', note: Note ' + str(n) if n % 5 == 0 else ''}}}"
    for n in range(1, 31))
RANKING = "\n".join(f"      - {{text: 'Reason {n} for signing the pact'}}" for n in range(1, 10))


def sorts_unit(text: str = "") -> str:
    return (text or SORTS).replace("{cards}", CARDS).replace("{ranking}", RANKING)


def flat(text: str) -> str:
    return " ".join(text.split())


def cards_on_pages(pdf: Path) -> dict[str, str]:
    """Each card's code and the text printed on it, found by position: a card's code sits at
    its bottom-right corner, the nearest code below and to the right of each word."""
    found: dict[str, list[tuple[float, float, str]]] = {}
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            words = page.extract_words(extra_attrs=["size"])
            codes = [w for w in words if CODE.match(w["text"]) and w["size"] < 8]
            if not any(w["text"].startswith("✂") for w in words):
                continue  # the mat and the key have no cards to cut
            # the grid's scissors mark is the lowest one; anything above it is the intro
            grid_top = max((w["top"] for w in words if w["text"].startswith("✂")), default=0)
            for word in words:
                if word in codes or word["size"] < 7 or word["top"] <= grid_top + 1:
                    continue
                below_right = [c for c in codes if c["x1"] >= word["x1"] - 1 and c["top"] >= word["bottom"] - 1]
                if not below_right:
                    continue
                code = min(below_right, key=lambda c: (c["x1"] - word["x1"]) + (c["top"] - word["bottom"]))
                found.setdefault(code["text"], []).append((word["top"], word["x0"], word["text"]))
    return {code: " ".join(t for _, _, t in sorted(words)) for code, words in found.items()}


def key_text(pdf: Path) -> str:
    """The words of a card sort's key: its own file, ``cardsort-<id>-key.pdf``, beside the cards."""
    with pdfplumber.open(pdf.with_name(f"{pdf.stem}-key.pdf")) as document:
        return flat(" ".join(page.extract_text() for page in document.pages))


def key_rows(pdf: Path) -> dict[str, str]:
    text = key_text(pdf)
    return dict(re.findall(r"([A-Z]\d{1,3}) (.+?)(?= [A-Z]\d{1,3} | Card sorts|$)", text))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("sorts")
    (folder / "sorts.yaml").write_text(sorts_unit(), encoding="utf-8")
    outputs = {}
    for paper in ("a4", "letter"):
        report = build(Request(paths=(folder / "sorts.yaml",), out=folder / paper,
                               settings=Settings(paper=paper, only=("cardsort",))))
        assert report.ok, report.all_problems()
        outputs[paper] = folder / paper / "sorts"
    return outputs


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_card_appears_once_with_the_code_the_key_gives_it(built, paper: str) -> None:
    pdf = built[paper] / "cardsort-big.pdf"
    data = yaml.safe_load(sorts_unit())["card_sorts"][0]
    printed = cards_on_pages(pdf)
    key = key_rows(pdf)
    texts = [card["text"] for card in data["cards"]]
    for text in texts:
        codes = [code for code, shown in printed.items() if shown == text]
        assert len(codes) == 1, (text, printed)
        assert key[codes[0]].startswith(text)
    heading_codes = [code for code, shown in printed.items() if shown in ("Supports the view", "Challenges the view")]
    assert len(heading_codes) == 2
    assert len(printed) == len(texts) + 2


def test_the_key_is_a_file_of_its_own_and_the_students_file_holds_no_answer(built) -> None:
    """Printing 30 copies of the cards prints no key: the category of each card, the notes and
    the correct order are only in ``-key.pdf``."""
    data = yaml.safe_load(sorts_unit())["card_sorts"]
    for sort in data:
        with pdfplumber.open(built["a4"] / f"cardsort-{sort['id']}.pdf") as document:
            student = flat(" ".join(page.extract_text() for page in document.pages))
        key = key_text(built["a4"] / f"cardsort-{sort['id']}.pdf")
        assert "Answer key" not in student and "teacher" not in student.casefold()
        assert "Answer key — teacher copy" in key
        for note in (card["note"] for card in sort.get("cards", []) if card.get("note")):
            assert note not in student and note in key
    with pdfplumber.open(built["a4"] / "cardsort-seq.pdf") as document:
        assert "7 November 1917" not in flat(" ".join(page.extract_text() for page in document.pages))


def test_the_key_groups_cards_under_their_category_with_notes(built) -> None:
    data = yaml.safe_load(sorts_unit())["card_sorts"][0]
    key = key_text(built["a4"] / "cardsort-big.pdf")
    assert "Answer key — teacher copy" in key
    supports, challenges = key.index("Supports the view"), key.index("Challenges the view")
    for card in data["cards"]:
        where = key.index(card["text"])
        assert (supports < where < challenges) == (card["category"] == "yes-side")
        if "note" in card:
            assert card["note"] in key


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_no_words_overlap_and_full_pages_are_filled(built, paper: str) -> None:
    pdf = built[paper] / "cardsort-big.pdf"
    assert not overlapping_words(pdf)
    width, height = PAPER[paper]
    with pdfplumber.open(pdf) as document:
        full_page = document.pages[1]
        codes = [w for w in full_page.extract_words() if CODE.match(w["text"])]
        assert len(codes) >= 15
        columns = sorted({round(c["x1"]) for c in codes})
        rows = sorted({round(c["top"]) for c in codes})
        grid_width = columns[-1] - columns[0] + (columns[1] - columns[0])
        grid_height = rows[-1] - rows[0] + (rows[1] - rows[0])
        margins = load_theme().margins
        assert grid_width >= width - margins.left - margins.right - 2
        assert grid_height >= 0.9 * (height - margins.top - margins.bottom)
        assert round(full_page.width) == round(width) and round(full_page.height) == round(height)


def test_ranking_has_a_diamond_mat_and_nine_cards(built) -> None:
    pdf = built["a4"] / "cardsort-rank.pdf"
    assert len(cards_on_pages(pdf)) == 9
    with pdfplumber.open(pdf) as document:
        mat = flat(document.pages[-1].extract_text())
    assert "Diamond nine: Rank the reasons" in mat and "Most important" in mat and "Least important" in mat


def test_sequence_cards_hide_dates_and_the_key_orders_them(built) -> None:
    pdf = built["a4"] / "cardsort-seq.pdf"
    printed = cards_on_pages(pdf)
    assert sorted(printed.values()) == sorted(
        ["October Revolution", "Treaty of Rapallo", "USSR joins the League", "Nazi–Soviet Pact"])
    assert not any(re.search(r"19\d\d", text) for text in printed.values())
    key = key_text(pdf)
    order = [key.index(title) for title in ["October Revolution", "Treaty of Rapallo", "USSR joins the League"]]
    assert order == sorted(order) and "7 November 1917" in key


def test_the_categories_mat_has_a_column_per_category(built) -> None:
    with pdfplumber.open(built["a4"] / "cardsort-big.pdf") as document:
        mat = flat(document.pages[-1].extract_text())
    assert "Sort mat: A sort with many cards" in mat
    assert "Supports the view" in mat and "Challenges the view" in mat


def test_a_card_too_long_to_fit_is_a_located_error(unit_file, tmp_path: Path) -> None:
    long_text = " ".join(["word"] * 400)
    text = sorts_unit().replace("Card number 12 says something about the period, reason 12.", long_text)
    report = build(Request(paths=(unit_file(text),), out=tmp_path))
    (problem,) = report.all_problems()
    line = next(n for n, line in enumerate(text.splitlines(), start=1) if long_text in line)
    assert problem.path == "card_sorts[0].cards[11].text" and problem.line == line
    assert "does not fit on a medium card, even at 8 pt" in problem.message
    keep = int(re.search(r"it has 1999 characters: shorten it to at most about (\d+)", problem.hint or "")[1])
    assert not (tmp_path / "sorts").exists()
    shorter = text.replace(long_text, long_text[:keep])
    assert build(Request(paths=(unit_file(shorter),), out=tmp_path)).ok, "the length the hint gives fits"


def test_card_size_sets_cards_per_page(unit_file, tmp_path: Path) -> None:
    counts = {}
    for size in ("small", "large"):
        unit = unit_file(sorts_unit().replace("    mat: true", f"    mat: true\n    card_size: {size}"))
        build(Request(paths=(unit,), out=tmp_path / size, settings=Settings(only=("cardsort",))))
        with pdfplumber.open(tmp_path / size / "sorts" / "cardsort-big.pdf") as document:
            counts[size] = len([w for w in document.pages[0].extract_words() if CODE.match(w["text"])])
    assert counts["small"] >= 2 * counts["large"]


def test_shipped_card_sorts_build(shipped: Callable[[str], Path]) -> None:
    files = sorted(p.name for p in shipped("a4").glob("cardsort-*.pdf"))
    assert len(files) == 6 and [name for name in files if name.endswith("-key.pdf")] == [
        name.replace(".pdf", "-key.pdf") for name in files if not name.endswith("-key.pdf")]
