"""Card sorts as a screen reader reads them (issue 20): the title and instructions, each card in
order with its code (read once), pictures by their alt text, the credits, the mat and the key,
while the cut lines, the scissors and the set's name under every card stay artifacts."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from compiler.build import Request, build
from compiler.outputs import Settings
from tests import tagged
from tests.kinds.test_cardsort import cards_on_pages

LONG_CREDIT = ("Photograph by the staff of the Volcano Observatory, taken from the northern rim of the crater "
               "at dawn, used under a Creative Commons licence")
UNIT = """\
format: 1
unit: {{id: volcano, title: Volcanoes, licence: CC0, language: {language}}}
events:
  - {{id: e1, date: 1883-08-27, title: Krakatoa erupts}}
  - {{id: e2, date: 79-08-24, title: Vesuvius buries Pompeii}}
  - {{id: e3, date: 1980-05-18, title: Mount St Helens erupts}}
card_sorts:
  - id: parts
    title: Parts of a volcano
    instructions: Sort the cards under the two headings.
    mode: categories
    mat: true
    categories:
      - {{id: inside, label: Inside the volcano}}
      - {{id: outside, label: Outside it}}
    cards:
      - {{text: The magma chamber, category: inside, note: Deep under the cone,
          picture: {{file: pictures/wide.png, alt: A red chamber, credit: 'Photo: Jane Smith, CC BY 4.0'}}}}
      - {{category: outside, picture: {{file: pictures/square.png, alt: An ash cloud over the crater,
          credit: '{credit}'}}}}
      - {{text: The vent, category: inside}}
      - {{text: Lava flows down the side, category: outside}}
      - {{text: Steam rises from the cone, category: outside}}
  - id: rank
    title: Rank the dangers
    mode: ranking
    cards:
{ranking}
  - id: order
    title: Put the eruptions in order
    mode: sequence
    events: [e1, e3, e2]
"""
RANKING = "\n".join(f"      - {{text: Danger number {n}}}" for n in range(1, 10))
CARD_TEXTS = {"Inside the volcano", "Outside it", "The magma chamber", "", "The vent", "Lava flows down the side",
              "Steam rises from the cone"}


def unit_text(language: str = "en") -> str:
    return UNIT.format(language=language, credit=LONG_CREDIT, ranking=RANKING)


def build_unit(folder: Path, paper: str, language: str = "en") -> Path:
    """The volcano unit, with its pictures made here, built into ``folder``; its output folder."""
    (folder / "pictures").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (900, 600), (200, 40, 30)).save(folder / "pictures" / "wide.png")
    Image.new("RGB", (600, 600), (90, 90, 90)).save(folder / "pictures" / "square.png")
    (folder / "volcano.yaml").write_text(unit_text(language), encoding="utf-8")
    report = build(Request(paths=(folder / "volcano.yaml",), out=folder / paper,
                           settings=Settings(paper=paper, only=("cardsort",))))
    assert report.ok, report.all_problems()
    return folder / paper / "volcano"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("tagged-sorts")
    return {paper: build_unit(folder, paper) for paper in ("a4", "letter")}


def only(read: tagged.Tagged, role: str) -> list[tagged.Element]:
    return [e for e in read.elements() if e.role == role]


def child(element: tagged.Element, role: str) -> tagged.Element:
    return next(c for c in element.children if c.role == role)


def items(listed: tagged.Element) -> list[tuple[str, str]]:
    """A list's items as read: each one's label and the words of its body."""
    return [(child(item, "Lbl").all_text() if any(c.role == "Lbl" for c in item.children) else "",
             child(item, "LBody").all_text()) for item in listed.children]


def nested(headings: list[tuple[int, str]]) -> bool:
    """Whether the headings start at H1 and never go more than one level deeper."""
    levels = [level for level, _ in headings]
    return levels[:1] == [1] and all(b <= a + 1 for a, b in itertools.pairwise(levels))


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_sheet_reads_its_title_instructions_and_every_card_by_code_in_order(built, paper: str) -> None:
    pdf = built[paper] / "cardsort-parts.pdf"
    read = tagged.read(pdf)
    assert read.untagged == ""
    assert read.headings() == [(1, "Parts of a volcano"), (2, "Picture credits"), (2, "Sort mat: Parts of a volcano")]
    assert nested(read.headings())
    assert read.reading().startswith("Parts of a volcano Sort the cards under the two headings. "
                                     "✂ Cut along the dashed lines. A1 ")
    cards = only(read, "L")[0]
    codes = [code for code, _ in items(cards)]
    assert codes == [f"A{n}" for n in range(1, 8)]
    printed = cards_on_pages(pdf)
    for item in cards.children:  # each card's words are those printed on the card of that code
        body = child(item, "LBody")
        words = " ".join(c.all_text() for c in body.children if c.role in ("P", "Caption") and "Picture:" not in c.text)
        assert words == printed.get(child(item, "Lbl").text, ""), child(item, "Lbl").text
    assert {" ".join(c.all_text() for c in child(item, "LBody").children if c.role in ("P", "Caption")
                     and "Picture:" not in c.text) for item in cards.children} == CARD_TEXTS


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_codes_are_read_once_and_cut_marks_and_repeated_names_are_artifacts(built, paper: str) -> None:
    read = tagged.read(built[paper] / "cardsort-parts.pdf")
    words = read.reading().split()
    for n in range(1, 8):
        assert words.count(f"A{n}") == 1
    assert read.reading().count("Cut along the dashed lines.") == 1  # the intro's; the header's is furniture
    assert read.artifact.count("A · Parts of a volcano") == 7  # the set's name under every card
    assert "A · Parts of a volcano" not in read.reading()
    assert "Page 1 of" in read.artifact and "Page 1 of" not in read.reading()
    assert read.artifact.count("✂") == 1  # the grid's scissors mark; the intro's is read with its words


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_picture_card_is_read_as_its_alt_text_its_caption_and_its_credit(built, paper: str) -> None:
    read = tagged.read(built[paper] / "cardsort-parts.pdf")
    cards = only(read, "L")[0]
    bodies = {child(item, "Lbl").text: child(item, "LBody") for item in cards.children}
    pictured = {code: body for code, body in bodies.items() if any(c.role == "Figure" for c in body.children)}
    assert len(pictured) == 2
    read_as = sorted([(c.role, c.alt or c.text) for c in body.children] for body in pictured.values())
    assert read_as == [[("Figure", "A red chamber"), ("Caption", "The magma chamber"),
                        ("P", "Picture: Photo: Jane Smith, CC BY 4.0")],
                       [("Figure", "An ash cloud over the crater")]]
    # the credit too long for its card is read in the list of credits, by the card's code
    captionless = next(code for code, body in pictured.items() if len(body.children) == 1)
    credits = only(read, "Sect")[0]
    assert [c.role for c in credits.children] == ["H2", "L"]
    assert items(child(credits, "L")) == [("", f"{captionless}: {LONG_CREDIT}")]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_sort_mat_is_read_as_its_title_and_its_columns(built, paper: str) -> None:
    read = tagged.read(built[paper] / "cardsort-parts.pdf")
    mat = only(read, "Sect")[1]
    assert child(mat, "H2").text == "Sort mat: Parts of a volcano"
    assert items(child(mat, "L")) == [("", "Inside the volcano"), ("", "Outside it")]


def test_a_mat_over_two_pages_reads_its_title_once_and_every_column(tmp_path: Path) -> None:
    categories = "\n".join(f"      - {{id: c{n}, label: Column heading {n}}}" for n in range(8))
    cards = "\n".join(f"      - {{text: Card {n}, category: c{n}}}" for n in range(8))
    (tmp_path / "mats.yaml").write_text(
        "format: 1\nunit: {id: mats, title: Mats}\ncard_sorts:\n  - id: wide\n    title: Eight columns\n"
        f"    mode: categories\n    mat: true\n    card_size: medium\n    categories:\n{categories}\n    cards:\n{cards}\n",
        encoding="utf-8")
    assert build(Request(paths=(tmp_path / "mats.yaml",), out=tmp_path, settings=Settings(only=("cardsort",)))).ok
    read = tagged.read(tmp_path / "mats" / "cardsort-wide.pdf")
    mat = only(read, "Sect")[0]
    assert [c.role for c in mat.children] == ["H2", "L"]
    pages = len(re.findall(r"Sort mat: Eight columns \(\d/\d\)", read.artifact)) + 1
    assert pages > 1
    assert child(mat, "H2").text == f"Sort mat: Eight columns (1/{pages})"  # the next pages' titles repeat it
    assert [body for _, body in items(child(mat, "L"))] == [f"Column heading {n}" for n in range(8)]


def test_the_ranking_mat_reads_its_ends_round_the_diamond_in_words(built) -> None:
    read = tagged.read(built["a4"] / "cardsort-rank.pdf")
    assert read.untagged == ""
    cards = items(only(read, "L")[0])
    assert [code for code, _ in cards] == [f"B{n}" for n in range(1, 10)]
    assert sorted(text for _, text in cards) == [f"Danger number {n}" for n in range(1, 10)]
    mat = only(read, "Sect")[-1]
    assert [(c.role, c.alt or c.text) for c in mat.children] == [
        ("H2", "Diamond nine: Rank the dangers"), ("P", "Most important"),
        ("Figure", ("A diamond of nine places, one for each card: rows of 1, 2, 3, 2 and 1 places, numbered 1 to 5 "
                    "from the top")),
        ("P", "Least important")]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_key_reads_each_group_s_cards_by_code_with_their_notes(built, paper: str) -> None:
    sheet = tagged.read(built[paper] / "cardsort-parts.pdf")
    code_of = {body: code for code, body in items(only(sheet, "L")[0])}
    read = tagged.read(built[paper] / "cardsort-parts-key.pdf")
    assert read.untagged == ""
    assert read.headings() == [(1, "Answer key — teacher copy: Parts of a volcano"),
                               (2, f"{code_of['Inside the volcano']} · Inside the volcano"),
                               (2, f"{code_of['Outside it']} · Outside it")]
    inside, outside = (items(child(group, "L")) for group in only(read, "Sect"))
    chamber = code_of["The magma chamber Picture: Photo: Jane Smith, CC BY 4.0"]
    assert inside == [(chamber, "The magma chamber Deep under the cone"), (code_of["The vent"], "The vent")]
    assert [code for code, _ in outside] == [code_of[""], code_of["Lava flows down the side"],
                                            code_of["Steam rises from the cone"]]
    chamber_body = child(child(only(read, "Sect")[0], "L").children[0], "LBody")
    assert [c.role for c in chamber_body.children] == ["Figure", "Caption", "P"]  # the picture, its caption, the note
    figures = [(e.alt, e.text) for e in only(read, "Figure")]
    # a picture card without a caption shows its alt text under its picture: the Figure's own words
    assert figures == [("A red chamber", ""), ("An ash cloud over the crater", "An ash cloud over the crater")]
    assert "Volcanoes" in read.artifact and "Volcanoes" not in read.reading()


def test_the_sequence_key_reads_the_events_in_date_order_with_their_dates(built) -> None:
    read = tagged.read(built["a4"] / "cardsort-order-key.pdf")
    assert [body for _, body in items(only(read, "L")[0])] == [
        "Vesuvius buries Pompeii 24 August 79", "Krakatoa erupts 27 August 1883", "Mount St Helens erupts 18 May 1980"]


def test_language_and_title_follow_the_unit(tmp_path: Path) -> None:
    out = build_unit(tmp_path, "a4", language="de")
    for name in ("cardsort-rank.pdf", "cardsort-rank-key.pdf"):
        read = tagged.read(out / name)
        assert read.lang == "de"
        assert "Rank the dangers" in read.title
        assert read.display_title and read.marked
    mat = only(tagged.read(out / "cardsort-rank.pdf"), "Sect")[-1]
    assert [c.text for c in mat.children if c.role == "P"] == ["Am wichtigsten", "Am wenigsten wichtig"]
    assert child(mat, "Figure").alt is not None and child(mat, "Figure").alt.startswith("Ein Diamant aus neun Feldern")


def test_tagged_card_sorts_are_reproducible(tmp_path: Path) -> None:
    first, second = build_unit(tmp_path / "one", "a4"), build_unit(tmp_path / "two", "a4")
    for name in ("cardsort-parts.pdf", "cardsort-parts-key.pdf", "cardsort-rank.pdf", "cardsort-order-key.pdf"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_every_shipped_card_sort_is_tagged_through(shipped: Callable[[str], Path]) -> None:
    """The shipped unit's sheets and keys: no text outside the structure, headings nested, and
    every card of a sheet read once as a list item labelled by its code."""
    files = sorted(shipped("a4").glob("cardsort-*.pdf"))
    assert len(files) == 6
    for pdf in files:
        read = tagged.read(pdf)
        assert read.untagged == "", pdf.name
        assert nested(read.headings()), pdf.name
        assert read.lang == "en" and read.title and read.display_title
        if not pdf.stem.endswith("-key"):
            codes = [code for code, _ in items(only(read, "L")[0])]
            assert sorted(codes) == sorted(cards_on_pages(pdf)), pdf.name
