"""Card sorts as a teacher checks them before cutting: every card once, codes that agree with
the key, text that fits, pages that are filled, and each mode's mat and key."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
import yaml
from PIL import Image

from compiler.build import Request, build
from compiler.outputs import Settings
from compiler.theme import PAPER, load_theme
from tests.conftest import overlapping_words

CODE = re.compile(r"^[A-Z]\d{1,3}$")
SAFE = 5 * 72 / 25.4  # 5 mm: how far inside every cut line a card's words must stay

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



def test_no_two_sorts_of_a_unit_share_a_card_code(unit_file: Callable[..., Path], tmp_path: Path) -> None:
    """Cards of sorts dropped on the floor go back to their own sort: after Z come AA, AB."""
    sorts = "".join(f"  - {{id: s{k}, title: Sort {k}, mode: categories, categories: [{{id: c, label: Side}}, {{id: d, label: Other}}], "
                    f"cards: [{{text: Card of sort {k}, category: c}}, {{text: Another, category: d}}]}}\n" for k in range(28))
    unit = unit_file("format: 1\nunit: {id: many, title: Many sorts}\ncard_sorts:\n" + sorts)
    assert build(Request(paths=(unit,), out=tmp_path, settings=Settings(only=("cardsort",)))).ok
    codes = {}
    for k in (0, 25, 26, 27):
        with pdfplumber.open(tmp_path / "many" / f"cardsort-s{k}.pdf") as pdf:
            words = pdf.pages[0].extract_words()
        codes[k] = {w["text"] for w in words if re.fullmatch(r"[A-Z]+\d+", w["text"])}
    assert codes == {k: {f"{letters}{n}" for n in range(1, 5)}
                     for k, letters in ((0, "A"), (25, "Z"), (26, "AA"), (27, "AB"))}  # two headings, two cards


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


def test_a_sequence_key_gives_an_approximate_year_as_c_in_its_place(unit_file, tmp_path: Path) -> None:
    unit = unit_file("""\
        format: 1
        unit: {id: reason, title: The Enlightenment}
        events:
          - {id: principia, date: 1687, title: Principia published}
          - {id: coffee, date: c. 1750, title: Coffee houses spread}
          - {id: candide, date: 1759, title: Candide published}
        card_sorts:
          - {id: seq, title: In order, mode: sequence, events: [candide, coffee, principia]}
        """)
    report = build(Request(paths=(unit,), out=tmp_path, settings=Settings(only=("cardsort",))))
    assert report.ok, report.all_problems()
    pdf = tmp_path / "reason" / "cardsort-seq.pdf"
    assert "1750" not in " ".join(cards_on_pages(pdf).values())
    assert re.search(r"Principia published 1687 A\d Coffee houses spread c\. 1750 A\d Candide published 1759",
                     key_text(pdf)), key_text(pdf)


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


# A stress unit: long cards, eight categories with long labels, and cards whose super- and
# subscripts fall under the descenders of the line above.
LABEL = "Evidence that the leadership expected a long war in the east {n}"  # 60 characters or so
LONG_CARD = ("Card {n}: a long piece of evidence of about two hundred characters, quoting a source, giving "
             "its date and author, and saying what it suggests about the question, so that it wraps to many lines.")
SCRIPTS = "Na^+^ gypsy jug, H~2~O quay x^2^ pygmy, Na^+^ jumpy gyp x^2^ queue Na^+^ gap"
STRESS = """\
format: 1
unit: {{id: stress, title: Stress, licence: CC0}}
card_sorts:
  - id: many
    title: Eight long categories
    mode: categories
    mat: true
    categories:
{categories}
    cards:
{cards}
  - id: scripts
    title: Ions and water
    mode: categories
    categories:
      - {{id: one, label: One}}
      - {{id: two, label: Two}}
    cards:
{scripts}
"""


def stress_unit() -> str:
    categories = "\n".join(f"      - {{id: c{n}, label: '{LABEL.format(n=n)}'}}" for n in range(1, 9))
    cards = "\n".join(f"      - {{text: '{LONG_CARD.format(n=n)}', category: c{n % 8 + 1}}}" for n in range(1, 13))
    scripts = "\n".join(f"      - {{text: '{n}. {SCRIPTS}', category: one}}" for n in range(1, 7))
    return STRESS.format(categories=categories, cards=cards, scripts=scripts)


@pytest.fixture(scope="module")
def stress(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("stress")
    (folder / "stress.yaml").write_text(stress_unit(), encoding="utf-8")
    outputs = {}
    for paper in ("a4", "letter"):
        report = build(Request(paths=(folder / "stress.yaml",), out=folder / paper,
                               settings=Settings(paper=paper, only=("cardsort",))))
        assert report.ok, report.all_problems()
        outputs[paper] = folder / paper / "stress"
    return outputs


def every_card_sort(built: dict[str, Path], stress: dict[str, Path], shipped: Callable[[str], Path]) -> Iterator[Path]:
    for paper in ("a4", "letter"):
        for folder in (built[paper], stress[paper], shipped(paper)):
            yield from sorted(p for p in folder.glob("cardsort-*.pdf") if not p.stem.endswith("-key"))


def cut_lines(page: Any) -> list[dict[str, Any]]:
    return [line for line in page.lines if line.get("dash") and line["dash"][0]]


def gap(a: dict[str, Any], b: dict[str, Any]) -> float:
    """The distance between two boxes (0 if they touch or overlap)."""
    dx = max(0.0, a["x0"] - b["x1"], b["x0"] - a["x1"])
    dy = max(0.0, a["top"] - b["bottom"], b["top"] - a["bottom"])
    return math.hypot(dx, dy)


def card_grid(page: Any) -> tuple[list[float], list[float]]:
    """The x of every vertical cut line and the y of every horizontal one."""
    lines = cut_lines(page)
    xs = sorted({round(line["x0"], 1) for line in lines if abs(line["x0"] - line["x1"]) < 0.1})
    ys = sorted({round(line["top"], 1) for line in lines if abs(line["top"] - line["bottom"]) < 0.1})
    return xs, ys


def card_chars(page: Any) -> list[dict[str, Any]]:
    """The characters inside the grid of cut lines (the scissors mark sits on the line, by design)."""
    xs, ys = card_grid(page)
    return [c for c in page.chars if c["text"] != "✂" and xs[0] < c["x0"] < xs[-1] and ys[0] < c["top"] < ys[-1]]


def test_every_word_on_a_card_is_5_mm_inside_every_cut_line(built, stress, shipped) -> None:
    """A pupil's scissors that stray a little never cut a word: text, codes and the sort's
    title on every card, on A4 and Letter, stay at least 5 mm from each dashed line."""
    checked = 0
    for pdf in every_card_sort(built, stress, shipped):
        with pdfplumber.open(pdf) as document:
            for page in document.pages:
                lines = cut_lines(page)
                if not lines:
                    continue
                for char in page.chars:
                    if char["text"].strip() and char["text"] != "✂":
                        nearest = min(gap(char, line) for line in lines)
                        assert nearest >= SAFE, (pdf.name, page.page_number, char["text"], nearest)
                        checked += 1
    assert checked > 5000


def test_one_type_size_for_every_card_of_a_set(built, stress, shipped) -> None:
    """The largest size at which every card fits: a set does not mix sizes from card to card."""
    for pdf in every_card_sort(built, stress, shipped):
        with pdfplumber.open(pdf) as document:
            sizes = {round(c["size"], 1) for page in document.pages if cut_lines(page)
                     for c in card_chars(page) if c["size"] >= 8 and c["text"] not in "+2"}
        assert len(sizes) == 1, (pdf, sizes)
    with pdfplumber.open(stress["a4"] / "cardsort-many.pdf") as document:
        (size,) = {round(c["size"], 1) for c in card_chars(document.pages[0]) if c["size"] >= 8}
    assert 8 <= size < 15, "long cards bring the whole set down, not below the floor"


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_diamond_slots_are_at_least_the_size_of_the_cards(built, shipped, paper: str) -> None:
    width, height = PAPER[paper]
    margins = load_theme().margins
    for pdf in (built[paper] / "cardsort-rank.pdf", shipped(paper) / "cardsort-why-the-pact.pdf"):
        with pdfplumber.open(pdf) as document:
            xs, ys = card_grid(document.pages[0])
            card_width = min(b - a for a, b in itertools.pairwise(xs))
            card_height = min(b - a for a, b in itertools.pairwise(ys))
            slots = [r for r in document.pages[-1].rects if r["fill"]]
        assert len(slots) == 9
        for slot in slots:
            assert slot["width"] >= card_width and slot["height"] >= card_height, (slot, card_width, card_height)
            assert margins.left - 1 <= slot["x0"] and slot["x1"] <= width - margins.right + 1
            assert margins.top - 1 <= slot["top"] and slot["bottom"] <= height - margins.bottom + 1
        assert len({round(s["top"]) for s in slots}) == 5 and len({round(s["x0"]) for s in slots}) == 5


def mat_pages(pdf: Path) -> Iterator[tuple[Any, list[dict[str, Any]], list[dict[str, Any]]]]:
    """Each page of a categories mat: the page, its columns left to right, its heading words."""
    margins = load_theme().margins
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            columns = sorted((r for r in page.rects if r["height"] > page.height / 2), key=lambda r: r["x0"])
            if columns:
                words = page.extract_words()
                title = next(w for w in words if w["text"] == "Sort")
                yield page, columns, [w for w in words if title["bottom"] < w["top"] < page.height - margins.bottom]


def card_width(pdf: Path) -> float:
    with pdfplumber.open(pdf) as document:
        xs, _ = card_grid(document.pages[0])
    return min(b - a for a, b in itertools.pairwise(xs))


def heading_words(inside: list[dict[str, Any]]) -> list[str]:
    """A heading's words as printed, a word hyphenated at a line's end joined again."""
    return " ".join(w["text"] for w in inside).replace("- ", "").split()


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_eight_long_category_headings_wrap_inside_their_columns(stress, paper: str) -> None:
    """Each heading's words lie inside its own column of the mat and read as its label, so no
    two headings overprint; the columns stay inside the page's margins, and the mat runs over as
    many pages as its columns need."""
    width, _ = PAPER[paper]
    margins = load_theme().margins
    labels = iter(LABEL.format(n=n) for n in range(1, 9))
    count = 0
    for _, columns, headings in mat_pages(stress[paper] / "cardsort-many.pdf"):
        assert margins.left - 1 <= columns[0]["x0"] and columns[-1]["x1"] <= width - margins.right + 1
        for column in columns:
            inside = [w for w in headings if column["x0"] < w["x0"] and w["x1"] < column["x1"]]
            assert " ".join(heading_words(inside)) == next(labels)
            count += 1
    assert count == 8


MATS = """\
format: 1
unit: {{id: mats, title: Mats, licence: CC0}}
card_sorts:
{sorts}
"""
LONG_WORDS = "Internationalisation Counterrevolutionary Disestablishmentarianism Telecommunications"


def mats_unit() -> str:
    sorts = []
    for count in (3, 8, 12):
        categories = "\n".join(f"      - {{id: c{n}, label: '{LONG_WORDS} {n}'}}" for n in range(count))
        cards = "\n".join(f"      - {{text: 'Card {n}', category: c{n % count}}}" for n in range(count))
        sorts.append(f"  - id: mat{count}\n    title: Mat of {count}\n    mode: categories\n    mat: true\n"
                     f"    card_size: medium\n    categories:\n{categories}\n    cards:\n{cards}")
    return MATS.format(sorts="\n".join(sorts))


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_mat_column_holds_a_card_and_headings_break_between_words(tmp_path: Path, paper: str) -> None:
    """With 3, 8 or 12 categories each column of the mat is wider than a card (the mat runs over
    pages rather than narrowing its columns), every category has its column once, and a heading
    breaks between words or at a hyphen, never inside a word without one."""
    (tmp_path / "mats.yaml").write_text(mats_unit(), encoding="utf-8")
    report = build(Request(paths=(tmp_path / "mats.yaml",), out=tmp_path / "out",
                           settings=Settings(paper=paper, only=("cardsort",))))
    assert report.ok, report.all_problems()
    label_words = LONG_WORDS.split()
    for count in (3, 8, 12):
        pdf = tmp_path / "out" / "mats" / f"cardsort-mat{count}.pdf"
        card = card_width(pdf)
        seen = []
        for _, columns, headings in mat_pages(pdf):
            for column in columns:
                assert column["width"] >= card + 5, (count, column["width"], card)
                inside = [w for w in headings if column["x0"] < w["x0"] and w["x1"] < column["x1"]]
                printed = heading_words(inside)
                assert printed[:-1] == label_words, (count, printed)
                seen.append(int(printed[-1]))
        assert seen == list(range(count))


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_superscripts_clear_the_line_above(stress, paper: str) -> None:
    """Na⁺ and x² under a line's descenders (g, y, p, q, j): no raised glyph's box touches a
    glyph of the line above, and no lowered one (H₂O) a glyph of the line below."""
    with pdfplumber.open(stress[paper] / "cardsort-scripts.pdf") as document:
        chars = card_chars(document.pages[0])
    size = max(c["size"] for c in chars)
    scripts = [c for c in chars if c["text"] in "+2" and 8 <= c["size"] < size - 0.5]  # not the codes
    assert len(scripts) == 6 * 6  # three ⁺, one ₂ and two ² on each of six cards
    for script in scripts:
        for other in chars:
            if other is not script:
                dx = min(script["x1"], other["x1"]) - max(script["x0"], other["x0"])
                dy = min(script["bottom"], other["bottom"]) - max(script["top"], other["top"])
                assert dx <= 0.1 or dy <= 0.1, (script["text"], other["text"], dy)


PICTURE_SORT = """\
format: 1
unit: {id: volcano, title: Volcanoes, licence: CC0}
card_sorts:
  - id: parts
    title: Parts of a volcano
    mode: categories
    categories:
      - {id: inside, label: Inside the volcano}
      - {id: outside, label: Outside it}
    cards:
      - {text: The magma chamber, category: inside, picture: {file: pictures/wide.png, alt: A red chamber}}
      - {category: outside, picture: {file: pictures/square.png, alt: An ash cloud over the crater}}
      - {text: The vent, category: inside, picture: {file: pictures/vent.svg, alt: A blue pipe}}
      - {text: Lava flows down the side, category: outside}
      - {text: Crater, category: outside, picture: {file: pictures/tiny.png, alt: A small crater}}
"""
SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 200" width="100" height="200">'
       '<rect x="10" y="10" width="80" height="180" fill="#3050c0"/></svg>')


def picture_folder(folder: Path) -> Path:
    """A volcano unit beside its pictures, made here: a 3:2 PNG, a square PNG, a tall SVG and a
    PNG too small to print sharply."""
    (folder / "pictures").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (900, 600), (200, 40, 30)).save(folder / "pictures" / "wide.png")
    Image.new("RGB", (600, 600), (90, 90, 90)).save(folder / "pictures" / "square.png")
    Image.new("RGB", (30, 20), (120, 60, 20)).save(folder / "pictures" / "tiny.png")
    (folder / "pictures" / "vent.svg").write_text(SVG, encoding="utf-8")
    (folder / "volcano.yaml").write_text(PICTURE_SORT, encoding="utf-8")
    return folder / "volcano.yaml"


@pytest.fixture(scope="module")
def pictured(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("pictured")
    unit = picture_folder(folder)
    built_ = {}
    for paper in ("a4", "letter"):
        report = build(Request(paths=(unit,), out=folder / paper, settings=Settings(paper=paper, only=("cardsort",))))
        assert report.ok, report.all_problems()
        built_[paper] = (folder / paper / "volcano", report)
    return built_


def cell_of(box: dict[str, Any], xs: list[float], ys: list[float]) -> tuple[float, float, float, float]:
    """The card (x0, top, x1, bottom) holding the middle of ``box``."""
    mx, my = (box["x0"] + box["x1"]) / 2, (box["top"] + box["bottom"]) / 2
    x0 = max(x for x in xs if x <= mx)
    top = max(y for y in ys if y <= my)
    return x0, top, min(x for x in xs if x > mx), min(y for y in ys if y > my)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_picture_card_fills_its_card_above_its_caption_inside_the_cut_lines(pictured, paper: str) -> None:
    """Each picture fills the card's area inside its 6 mm padding (one side touching it, its
    proportions kept, centred), with its caption under it and nothing within 5 mm of a cut."""
    folder, _ = pictured[paper]
    inset = 6 * 72 / 25.4
    with pdfplumber.open(folder / "cardsort-parts.pdf") as document:
        page = document.pages[0]
        xs, ys = card_grid(page)
        images = sorted(page.images, key=lambda image: image["width"] / image["height"])
        assert [round(i["srcsize"][0] / i["srcsize"][1], 2) for i in images] == [1.0, 1.5, 1.5], images
        for image in images:
            x0, top, x1, bottom = cell_of(image, xs, ys)
            width, height = image["x1"] - image["x0"], image["bottom"] - image["top"]
            assert width / height == pytest.approx(image["srcsize"][0] / image["srcsize"][1], rel=0.01)
            assert (image["x0"] + image["x1"]) / 2 == pytest.approx((x0 + x1) / 2, abs=0.5)
            fills_width = width == pytest.approx(x1 - x0 - 2 * inset, abs=0.5)
            fills_height = image["top"] == pytest.approx(top + inset, abs=0.5)
            assert fills_width or fills_height
            assert min(image["x0"] - x0, x1 - image["x1"], image["top"] - top, bottom - image["bottom"]) >= SAFE
        blue = (0x30 / 255, 0x50 / 255, 0xC0 / 255)
        svg = [c for c in (*page.rects, *page.curves) if c.get("fill") and c.get("non_stroking_color")
               and tuple(c["non_stroking_color"]) == pytest.approx(blue, abs=0.01)]
        assert svg, "the SVG is drawn as vectors"
        for shape in svg:
            x0, top, x1, bottom = cell_of(shape, xs, ys)
            assert min(shape["x0"] - x0, x1 - shape["x1"], shape["top"] - top, bottom - shape["bottom"]) >= SAFE
        text = flat(page.extract_text())
        for caption in ("The magma chamber", "The vent", "Crater"):
            assert caption in text
        for image in images:  # the caption is under its picture, on the same card
            x0, top, x1, bottom = cell_of(image, xs, ys)
            under = [w for w in page.extract_words() if x0 < w["x0"] < x1 and image["bottom"] < w["top"] < bottom]
            assert under, "every picture card has its code (and a captioned one its caption) under the picture"
        for char in card_chars(page):
            assert min(gap(char, line) for line in cut_lines(page)) >= SAFE


def test_the_key_shows_each_picture_card_small_with_its_caption_or_alt_text(pictured) -> None:
    folder, _ = pictured["a4"]
    with pdfplumber.open(folder / "cardsort-parts-key.pdf") as document:
        page = document.pages[0]
        text = flat(page.extract_text())
        assert "An ash cloud over the crater" in text  # no caption: the alt text names it
        assert "The magma chamber" in text and "A red chamber" not in text
        assert len(page.images) == 3
        assert all(image["bottom"] - image["top"] <= 14 * 72 / 25.4 + 0.5 for image in page.images)


def test_a_picture_card_printed_below_150_dpi_is_a_warning_at_its_picture(pictured) -> None:
    _, report = pictured["a4"]
    warned = [w for w in report.all_warnings() if "dots per inch" in w.message]
    assert [w.path for w in warned] == ["card_sorts[0].cards[4].picture.file"]


def test_picture_cards_give_the_same_bytes_twice(pictured, tmp_path: Path) -> None:
    folder, _ = pictured["letter"]
    unit = picture_folder(tmp_path)
    assert build(Request(paths=(unit,), out=tmp_path / "out", settings=Settings(paper="letter",
                                                                                  only=("cardsort",)))).ok
    for name in ("cardsort-parts.pdf", "cardsort-parts-key.pdf"):
        assert (tmp_path / "out" / "volcano" / name).read_bytes() == (folder / name).read_bytes()


def test_an_edited_card_picture_rebuilds_that_sort_only(tmp_path: Path) -> None:
    unit = picture_folder(tmp_path)
    with unit.open("a", encoding="utf-8") as text:
        text.write("  - id: plain\n    title: Words only\n    categories: [{id: hot, label: Hot}, {id: cold, label: Cold}]\n"
                   "    cards: [{text: Ash, category: hot}, {text: Lava, category: hot}, {text: Ice, category: cold},"
                   " {text: Snow, category: cold}]\n")
    out = tmp_path / "out"
    assert build(Request(paths=(unit,), out=out, settings=Settings(only=("cardsort",)))).ok
    Image.new("RGB", (900, 600), (20, 40, 200)).save(tmp_path / "pictures" / "wide.png")
    report = build(Request(paths=(unit,), out=out, settings=Settings(only=("cardsort",))))
    rebuilt = sorted(o.path for u in report.units for o in u.outputs if o.state == "built")
    assert rebuilt == ["volcano/cardsort-parts-key.pdf", "volcano/cardsort-parts.pdf"]


LONG_CREDIT = "Photograph by the Volcano Observatory, " + "x" * (300 - 39)  # the field's limit


def credited_folder(folder: Path) -> Path:
    """The volcano sort with credits: a short one on the wide picture, one of 300 characters (the
    field's limit) on the square one."""
    unit = picture_folder(folder)
    text = PICTURE_SORT.replace("alt: A red chamber}", "alt: A red chamber, credit: 'Photo: Jane Smith, CC BY 4.0'}")
    text = text.replace("alt: An ash cloud over the crater}",
                        f"alt: An ash cloud over the crater, credit: '{LONG_CREDIT}'}}")
    unit.write_text(text, encoding="utf-8")
    return unit


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_short_credit_prints_under_its_picture_on_the_card_and_a_long_one_in_the_list(tmp_path: Path,
                                                                                         paper: str) -> None:
    """A credit that fits one line is printed in 6.5 pt under its picture, inside the card's
    cut lines by 5 mm; one that does not is printed in full in the "Picture credits" list under
    the cards, by its card's code."""
    unit = credited_folder(tmp_path)
    report = build(Request(paths=(unit,), out=tmp_path / "out", settings=Settings(paper=paper, only=("cardsort",))))
    assert report.ok, report.all_problems()
    with pdfplumber.open(tmp_path / "out" / "volcano" / "cardsort-parts.pdf") as document:
        page = document.pages[0]
        xs, ys = card_grid(page)
        lines = page.extract_text_lines()
        credit = next(line for line in lines if "Jane Smith" in line["text"])
        assert credit["text"] == "Picture: Photo: Jane Smith, CC BY 4.0"
        chars = [c for c in credit["chars"] if c["text"].strip()]
        assert {round(c["size"], 1) for c in chars} == {6.5}
        wide = next(image for image in page.images if image["srcsize"] == (900, 600))
        x0, top, x1, bottom = cell_of(wide, xs, ys)
        assert cell_of(credit, xs, ys) == (x0, top, x1, bottom)  # on the picture's card
        assert credit["top"] >= wide["bottom"]  # under the picture
        for char in chars:
            assert min(gap(char, line) for line in cut_lines(page)) >= SAFE
        assert not any("Observatory" in line["text"] for line in lines
                       if line["top"] < max(ys)), "the long credit is not squeezed onto its card"
        text = flat(" ".join(p.extract_text() for p in document.pages))
    code = next(row for row, words in key_rows(tmp_path / "out" / "volcano" / "cardsort-parts.pdf").items()
                if "ash cloud" in words)
    assert "Picture credits" in text
    assert f"{code}:{LONG_CREDIT}".replace(" ", "") in text.replace(" ", "")  # in full, none of it cut
