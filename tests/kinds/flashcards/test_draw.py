"""Flash cards as a teacher checks them after printing: each back behind its front, cards the
sizes schools use, words clear of the printer's margin and of the scissors, one type size a
side, cut and fold lines where they belong, and the calibration sheet the guide ships."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from PIL import Image

from compiler.build import Request, build
from compiler.kinds.flashcards.draw import calibration_sheet
from compiler.outputs import Settings

MM = 72 / 25.4
INCH = 72.0
TOLERANCE = 1 * MM  # a back within 1 mm of where its front's card lies, mirrored
PAPER = {"a4": (210 * MM, 297 * MM), "letter": (8.5 * INCH, 11 * INCH)}
SAFE = 5 * MM  # words at least this far inside a card's cut lines
EDGE = 10 * MM  # and this far from the paper's edge
DOCS = Path(__file__).resolve().parents[3] / "docs"
CODE = re.compile(r"^(\d+)/(\d+)$")

Box = tuple[float, float, float, float]  # x0, top, x1, bottom (pdfplumber's: top from the page's top)


def unit(cards: int, size: str = "small", flip: str = "long-edge", paper: str = "a4", back: str = "text",
         front: str = "pregunta-{n:03d}") -> str:
    """A Spanish vocabulary set whose every word says which card it is on (``respuesta-007``)."""
    if back == "points":
        backs = [f'["uno-{n:03d} punto", "dos-{n:03d} punto más largo", "tres-{n:03d}"]'
                 for n in range(1, cards + 1)]
    else:
        backs = [f'"respuesta-{n:03d} la casa-{n:03d}"' for n in range(1, cards + 1)]
    lines = "\n".join(f'      - {{front: "{front.format(n=n)}", back: {backs[n - 1]}}}' for n in range(1, cards + 1))
    return f"""\
format: 1
unit: {{id: vocab, title: Spanish vocabulary}}
flashcards:
  - id: words
    title: Words of the house
    cards:
{lines}
outputs:
  paper: {paper}
  flashcards: {{size: {size}, flip: {flip}}}
"""


def built(tmp_path: Path, text: str) -> Path:
    source = tmp_path / "vocab.yaml"
    source.write_text(text, encoding="utf-8")
    report = build(Request(paths=(source,), out=tmp_path / "out", settings=Settings(only=("flashcards",))))
    assert report.ok, report
    return tmp_path / "out" / "vocab" / "flashcards-words.pdf"


def card_of(word: dict[str, Any]) -> int | None:
    """The card a word belongs to: the number every word of the test's cards carries."""
    found = re.search(r"-(\d{3})\b", word["text"])
    if found:
        return int(found.group(1))
    code = CODE.match(word["text"])
    return int(code.group(1)) if code and word["size"] < 7 else None


def faces(pdf: Path) -> Iterator[tuple[int, list[dict[str, Any]], tuple[float, float], Any]]:
    """Each page's number, words (with size and font), size and the page itself."""
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages):
            yield number, page.extract_words(extra_attrs=["size", "fontname"]), (page.width, page.height), page


def boxes(words: list[dict[str, Any]]) -> dict[int, Box]:
    """The box round each card's words (its code included) on one page."""
    found: dict[int, Box] = {}
    for word in words:
        card = card_of(word)
        if card is None:
            continue
        x0, top, x1, bottom = found.get(card, (1e9, 1e9, -1e9, -1e9))
        found[card] = (min(x0, word["x0"]), min(top, word["top"]), max(x1, word["x1"]), max(bottom, word["bottom"]))
    return found


def expected_cards(size: str, paper: str) -> list[Box]:
    """Where the cards of a page are, in reading order, as the issue gives them."""
    width, height = PAPER[paper]
    if size == "index-card":  # Avery 5388 on Letter: 1.75 in from the sides, 1 in from the top; centred on A4
        left, top = (width - 5 * INCH) / 2, (height - 9 * INCH) / 2
        return [(left, top + row * 3 * INCH, left + 5 * INCH, top + (row + 1) * 3 * INCH) for row in range(3)]
    rows = 4 if size == "small" else 2
    w, h = width / 2, height / rows
    return [(column * w, row * h, (column + 1) * w, (row + 1) * h) for row in range(rows) for column in range(2)]


def mirrored(card: Box, paper: str, flip: str) -> Box:
    x0, top, x1, bottom = card
    width, height = PAPER[paper]
    return (width - x1, top, width - x0, bottom) if flip == "long-edge" else (x0, height - bottom, x1, height - top)


def inside(box: Box, card: Box, margin: float) -> bool:
    return (box[0] >= card[0] + margin and box[1] >= card[1] + margin and box[2] <= card[2] - margin
            and box[3] <= card[3] - margin)


def clear_of_the_edge(box: Box, paper: str) -> bool:
    width, height = PAPER[paper]
    return box[0] >= EDGE and box[1] >= EDGE and box[2] <= width - EDGE and box[3] <= height - EDGE


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("flip", ["long-edge", "short-edge"])
@pytest.mark.parametrize(("size", "per_page"), [("small", 8), ("large", 4), ("index-card", 3)])
def test_every_back_lies_behind_its_front(tmp_path: Path, paper: str, flip: str, size: str, per_page: int) -> None:
    """Fronts page, backs page, ...: every card's front on its place in reading order, its back
    inside the mirrored place within 1 mm, both clear of the cut lines and of the paper's edge;
    the last page holds the rest and its backs only theirs."""
    count = per_page + 3
    pdf = built(tmp_path, unit(count, size, flip, paper, back="points" if size == "large" else "text"))
    places = expected_cards(size, paper)
    seen_fronts, seen_backs = set(), set()
    pages = list(faces(pdf))
    assert len(pages) == 4
    for number, words, page_size, _ in pages:
        assert page_size == pytest.approx(PAPER[paper], abs=0.5)  # portrait, the paper's size
        found = boxes(words)
        first = (number // 2) * per_page + 1
        cards = range(first, min(first + per_page, count + 1))
        assert sorted(found) == list(cards)
        for card in cards:
            front = places[card - first]
            place = front if number % 2 == 0 else mirrored(front, paper, flip)
            assert inside(found[card], place, SAFE - (TOLERANCE if number % 2 else 0)), (number, card)
            assert clear_of_the_edge(found[card], paper), (number, card)
        (seen_backs if number % 2 else seen_fronts).update(cards)
    assert seen_fronts == seen_backs == set(range(1, count + 1))


def test_a_front_page_s_cards_are_in_reading_order(tmp_path: Path) -> None:
    pdf = built(tmp_path, unit(8))
    _, words, _, _ = next(faces(pdf))
    found = boxes(words)
    tops = [found[card][1] for card in range(1, 9)]
    lefts = [found[card][0] for card in range(1, 9)]
    assert tops == sorted(tops) and all(lefts[k] < lefts[k + 1] for k in range(0, 8, 2))


def test_one_type_size_for_every_front_and_one_for_every_back(tmp_path: Path) -> None:
    text = unit(9, back="points").replace('"pregunta-005"', '"pregunta-005 es una pregunta mucho más larga que las '
                                                          'otras, con muchas palabras"')
    pdf = built(tmp_path, text)
    front_sizes, back_sizes = set(), set()
    for number, words, _, _ in faces(pdf):
        sizes = {round(w["size"], 2) for w in words if card_of(w) and not CODE.match(w["text"])}
        (back_sizes if number % 2 else front_sizes).update(sizes)
    assert len(front_sizes) == 1 and len(back_sizes) == 1
    assert front_sizes.pop() > back_sizes.pop()  # fronts larger


def test_a_back_of_points_is_a_bulleted_list_set_flush_left(tmp_path: Path) -> None:
    pdf = built(tmp_path, unit(1, back="points"))
    pages = list(faces(pdf))
    _, words, _, _ = pages[1]
    bullets = [w for w in words if w["text"] == "•"]
    points = [w for w in words if re.match(r"(uno|dos|tres)-001", w["text"])]
    assert len(bullets) == 3 and len(points) == 3
    assert len({round(w["x0"], 1) for w in points}) == 1  # each point starts where the others do
    _, fronts, _, _ = pages[0]
    assert not [w for w in fronts if w["text"] == "•"]


def test_cut_lines_are_dashed_between_cards_on_the_fronts_only(tmp_path: Path) -> None:
    pdf = built(tmp_path, unit(8))
    pages = list(faces(pdf))
    width, height = PAPER["a4"]
    front = pages[0][3]
    dashed = [line for line in front.lines if line["dash"] and line["dash"][0]]
    verticals = {round(line["x0"]) for line in dashed if abs(line["x0"] - line["x1"]) < 0.1}
    horizontals = {round(line["top"]) for line in dashed if abs(line["top"] - line["bottom"]) < 0.1}
    assert verticals == {round(width / 2)}  # the outer edges are the paper's own: nothing to cut
    assert horizontals == {round(height * k / 4) for k in (1, 2, 3)}
    assert pages[1][3].lines == []


def test_index_cards_have_a_cut_line_all_round(tmp_path: Path) -> None:
    pdf = built(tmp_path, unit(3, "index-card", paper="letter"))
    front = next(faces(pdf))[3]
    horizontals = {round(line["top"] / INCH, 2) for line in front.lines if abs(line["top"] - line["bottom"]) < 0.1}
    verticals = {round(line["x0"] / INCH, 2) for line in front.lines if abs(line["x0"] - line["x1"]) < 0.1}
    assert horizontals == {1.0, 4.0, 7.0, 10.0} and verticals == {1.75, 6.75}


@pytest.mark.parametrize(("size", "pairs"), [("small", 4), ("large", 2), ("index-card", 1)])
def test_fold_over_puts_each_back_beside_its_front_with_a_labelled_fold_line(tmp_path: Path, size: str,
                                                                             pairs: int) -> None:
    pdf = built(tmp_path, unit(pairs + 1, size, "fold"))
    pages = list(faces(pdf))
    assert len(pages) == 2  # one side each: half the cards a page
    _, words, _, page = pages[0]
    fronts = {card_of(w) for w in words if w["text"].startswith("pregunta")}
    backs = {card_of(w) for w in words if w["text"].startswith("respuesta")}
    assert fronts == backs == set(range(1, pairs + 1))
    folds = [line for line in page.lines if line["dash"] and line["dash"][0] == [6, 2, 1, 2]]
    cuts = [line for line in page.lines if line["dash"] and line["dash"][0] == [4, 3]]
    assert len(folds) == pairs and cuts
    labels = "".join(c["text"] for c in page.chars if not c["upright"] or c["size"] == pytest.approx(6.0))
    assert labels == "fold" * pairs  # along the line (across the page's index cards: upright)
    for fold in folds:  # the fold line runs between the pair, never along a cut
        assert not [cut for cut in cuts if (cut["x0"], cut["top"], cut["x1"], cut["bottom"])
                    == (fold["x0"], fold["top"], fold["x1"], fold["bottom"])]
    for card in fronts:
        front = next(w for w in words if card_of(w) == card and w["text"].startswith("pregunta"))
        back = next(w for w in words if card_of(w) == card and w["text"].startswith("respuesta"))
        if size == "index-card":
            assert back["top"] > front["bottom"]
        else:
            assert back["x0"] > front["x1"] and abs(back["top"] - front["top"]) < 3 * 72 / 25.4


def test_markup_cyrillic_and_greek_print_on_cards(tmp_path: Path) -> None:
    text = unit(1).replace('"pregunta-001"', '"*Δημοκρατία* и демократия-001"').replace(
        '"respuesta-001 la casa-001"', '"H~2~O-001 and x^2^"')
    pdf = built(tmp_path, text)
    with pdfplumber.open(pdf) as document:
        front = document.pages[0].extract_text()
        back_chars = document.pages[1].chars
    assert "Δημοκρατία и демократия-001" in " ".join(front.split())
    two = [c for c in back_chars if c["text"] == "2"]
    assert len({round(c["size"], 1) for c in two}) == 1 and two[0]["size"] < back_chars[0]["size"]


def test_a_card_that_cannot_fit_is_a_located_error_naming_it(tmp_path: Path) -> None:
    text = unit(2).replace('"respuesta-002 la casa-002"', '"' + "palabra " * 400 + '"').replace(
        '"pregunta-001"', '"' + "pregunta " * 200 + '"')
    source = tmp_path / "vocab.yaml"
    source.write_text(text, encoding="utf-8")
    report = build(Request(paths=(source,), out=tmp_path / "out", settings=Settings(only=("flashcards",))))
    problems = [p for u in report.units for p in u.problems]
    assert [p.path for p in problems] == ["flashcards[0].cards[0].front", "flashcards[0].cards[1].back"]
    assert all(re.search(r"shorten it to at most about \d+", p.hint or "") for p in problems)
    assert problems[1].line == text.splitlines().index(
        next(line for line in text.splitlines() if "palabra" in line)) + 1


def test_a_hundred_cards_give_thirteen_sheets_in_order(tmp_path: Path) -> None:
    pdf = built(tmp_path, unit(100))
    pages = list(faces(pdf))
    assert len(pages) == 26
    assert sorted(boxes(pages[-1][1])) == [97, 98, 99, 100]


def _drawn(pdf: bytes) -> list[tuple[object, ...]]:
    """What a PDF's pages show, in points to 0.01: the words, the lines and the curves (the
    bytes themselves differ between ReportLab versions)."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [(page.width, page.height, page.extract_text(),
                 sorted((round(o["x0"], 2), round(o["top"], 2), round(o["x1"], 2), round(o["bottom"], 2))
                        for o in (*page.lines, *page.curves, *page.rects)))
                for page in document.pages]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_guide_s_calibration_sheet_is_what_the_kind_draws(paper: str) -> None:
    """Regenerate after a change to the drawing, without SOURCE_DATE_EPOCH set, with
    python -c 'from pathlib import Path; from compiler.kinds.flashcards.draw import write_calibration_sheets; write_calibration_sheets(Path("docs"))'"""
    assert _drawn(calibration_sheet(paper)) == _drawn((DOCS / f"flashcards-calibration-{paper}.pdf").read_bytes())


def test_the_calibration_sheet_has_a_cross_on_each_front_and_rings_behind(tmp_path: Path) -> None:
    pdf = tmp_path / "calibration.pdf"
    pdf.write_bytes(calibration_sheet("a4"))
    with pdfplumber.open(pdf) as document:
        front, back = document.pages
        width = front.width
        crosses = sorted((round(line["x0"] + line["width"] / 2, 1), round(line["top"], 1)) for line in front.lines
                         if not line["dash"] or not line["dash"][0] if abs(line["top"] - line["bottom"]) < 0.1)
        assert len(crosses) == 8
        rings = back.curves
        assert len(rings) == 24  # three rings on each of the eight backs
        centres = {(round(width - (c["x0"] + c["x1"]) / 2, 1), round((c["top"] + c["bottom"]) / 2, 1)) for c in rings}
        assert {(round(x, 1), round(top, 1)) for x, top in crosses} == centres


def test_short_points_on_a_large_card_are_set_as_large_as_backs_go(tmp_path: Path) -> None:
    """The room a bulleted point has counts its indent once: points that fit are not shrunk."""
    pdf = built(tmp_path, unit(2, "large", back="points"))
    sizes = {round(w["size"], 1) for w in list(faces(pdf))[1][1] if card_of(w) and not CODE.match(w["text"])}
    assert sizes == {16.0}


def pictured_unit(tmp_path: Path, size: str, paper: str, flip: str = "long-edge") -> str:
    """Six photosynthesis cards, the odd ones with a picture made here (a wide PNG, a tall SVG,
    a PNG too small to print sharply); every word names its card."""
    (tmp_path / "pictures").mkdir(exist_ok=True)
    Image.new("RGB", (800, 400), (40, 140, 60)).save(tmp_path / "pictures" / "leaf.png")
    Image.new("RGB", (24, 24), (230, 180, 30)).save(tmp_path / "pictures" / "sun.png")
    (tmp_path / "pictures" / "stoma.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 60 120" width="60" height="120">'
        '<rect x="0" y="0" width="60" height="120" fill="#3050c0"/></svg>', encoding="utf-8")
    files = {1: "leaf.png", 3: "stoma.svg", 5: "sun.png"}
    lines = "\n".join(
        f'      - {{front: "term-{n:03d} chlorophyll", back: "answer-{n:03d} light"'
        + (f', picture: {{file: pictures/{files[n]}, alt: Picture {n}}}' if n in files else "") + "}"
        for n in range(1, 7))
    return f"""\
format: 1
unit: {{id: vocab, title: Photosynthesis}}
flashcards:
  - id: words
    title: Words of photosynthesis
    cards:
{lines}
outputs:
  paper: {paper}
  flashcards: {{size: {size}, flip: {flip}}}
"""


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("size", ["small", "large", "index-card"])
def test_a_front_s_picture_lies_above_its_text_inside_the_safe_area(tmp_path: Path, paper: str, size: str) -> None:
    """The picture prints on the front only, above the front's words, at least 5 mm inside the
    cut lines and 10 mm from the paper's edge; its back still lies behind it."""
    pdf = built(tmp_path, pictured_unit(tmp_path, size, paper))
    cards = expected_cards(size, paper)
    pages = list(faces(pdf))
    for number, words, _, page in pages:
        front = number % 2 == 0
        pictures = [*page.images, *(c for c in page.rects if c.get("fill") and tuple(
            c.get("non_stroking_color") or ()) == pytest.approx((0x30 / 255, 0x50 / 255, 0xC0 / 255), abs=0.01))]
        if not front:
            assert not pictures, "backs are unchanged: no picture"
            continue
        placed = boxes(words)
        for picture in pictures:
            box = (picture["x0"], picture["top"], picture["x1"], picture["bottom"])
            card = next(c for c in cards if c[0] <= (box[0] + box[2]) / 2 <= c[2] and c[1] <= (box[1] + box[3]) / 2 <= c[3])
            within = (box[0] + 0.01, box[1] + 0.01, box[2] - 0.01, box[3] - 0.01)  # the PDF's rounding
            assert inside(within, card, SAFE) and clear_of_the_edge(within, paper), (box, card)
            words_box = next(b for b in placed.values() if card[0] <= b[0] <= card[2] and card[1] <= b[1] <= card[3])
            assert box[3] <= words_box[1] + 0.5, "the picture is above the front's words"
        assert len(pictures) == sum(1 for card in placed if card % 2)
    fronts = {card: box for number, words, _, _ in pages if number % 2 == 0 for card, box in boxes(words).items()}
    backs = {card: box for number, words, _, _ in pages if number % 2 for card, box in boxes(words).items()}
    assert sorted(fronts) == sorted(backs) == list(range(1, 7))
    for card, box in backs.items():
        front_card = next(c for c in cards if inside(fronts[card], c, 0))
        assert inside(box, mirrored(front_card, paper, "long-edge"), SAFE)


def test_front_pictures_keep_their_proportions_and_warn_when_blurred(tmp_path: Path) -> None:
    source = tmp_path / "vocab.yaml"
    source.write_text(pictured_unit(tmp_path, "small", "a4"), encoding="utf-8")
    report = build(Request(paths=(source,), out=tmp_path / "out", settings=Settings(only=("flashcards",))))
    assert report.ok
    assert [w.path for w in report.all_warnings() if "dots per inch" in w.message] == [
        "flashcards[0].cards[4].picture.file"]
    with pdfplumber.open(tmp_path / "out" / "vocab" / "flashcards-words.pdf") as document:
        images = document.pages[0].images
        assert len(images) == 2
        for image in images:
            assert (image["x1"] - image["x0"]) / (image["bottom"] - image["top"]) == pytest.approx(
                image["srcsize"][0] / image["srcsize"][1], rel=0.01)
        first = tmp_path / "out" / "vocab" / "flashcards-words.pdf"
        again = build(Request(paths=(source,), out=tmp_path / "again", settings=Settings(only=("flashcards",))))
        assert again.ok and (tmp_path / "again" / "vocab" / "flashcards-words.pdf").read_bytes() == first.read_bytes()


def test_an_edited_front_picture_rebuilds_its_set_only(tmp_path: Path) -> None:
    source = tmp_path / "vocab.yaml"
    source.write_text(pictured_unit(tmp_path, "small", "a4").replace(
        "outputs:", "glossary:\n  - {term: Stoma, definition: A pore in a leaf}\noutputs:"), encoding="utf-8")
    settings = Settings(only=("flashcards",))
    assert build(Request(paths=(source,), out=tmp_path / "out", settings=settings)).ok
    Image.new("RGB", (800, 400), (10, 90, 30)).save(tmp_path / "pictures" / "leaf.png")
    report = build(Request(paths=(source,), out=tmp_path / "out", settings=settings))
    assert sorted(o.path for u in report.units for o in u.outputs if o.state == "built") == [
        "vocab/flashcards-words.pdf"]


def credited_unit(tmp_path: Path, size: str, paper: str, credit: str = "Photo: Ann Lee, CC BY 4.0") -> str:
    """The photosynthesis set with a credit on the wide PNG (card 1) and the SVG (card 3)."""
    text = pictured_unit(tmp_path, size, paper)
    for n in (1, 3):
        text = text.replace(f"alt: Picture {n}}}", f"alt: Picture {n}, credit: '{credit}'}}")
    return text


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("size", ["small", "large", "index-card"])
def test_a_front_picture_s_credit_prints_under_it_in_small_type_inside_the_safe_area(tmp_path: Path, paper: str,
                                                                                      size: str) -> None:
    """"Picture: …" in 6.5 pt under the picture and above the front's words, 5 mm inside the cut
    lines and 10 mm from the paper's edge; on the fronts only."""
    pdf = built(tmp_path, credited_unit(tmp_path, size, paper))
    cards = expected_cards(size, paper)
    found = 0
    for number, _, _, page in faces(pdf):
        for line in page.extract_text_lines():
            if "Ann Lee" not in line["text"]:
                continue
            assert number % 2 == 0, "the credit is on the front"
            assert line["text"] == "Picture: Photo: Ann Lee, CC BY 4.0"
            assert {round(c["size"], 1) for c in line["chars"] if c["text"].strip()} == {6.5}
            box = (line["x0"], line["top"], line["x1"], line["bottom"])
            card = next(c for c in cards if c[0] <= (box[0] + box[2]) / 2 <= c[2] and c[1] <= (box[1] + box[3]) / 2 <= c[3])
            assert inside(box, card, SAFE) and clear_of_the_edge(box, paper), (box, card)
            pictures = [p for p in (*page.images, *page.rects) if inside((p["x0"], p["top"], p["x1"], p["bottom"]), card, 0)
                        and p["bottom"] - p["top"] > 20]
            assert pictures and box[1] >= max(p["bottom"] for p in pictures) - 0.5, "under its picture"
            term = next(w for w in page.extract_words() if w["text"].startswith("term-") and inside(
                (w["x0"], w["top"], w["x1"], w["bottom"]), card, 0))
            assert box[3] <= term["top"] + 0.5, "above the front's words"
            found += 1
    assert found == 2


def test_a_credit_too_long_for_its_card_is_a_located_problem(tmp_path: Path) -> None:
    source = tmp_path / "vocab.yaml"
    source.write_text(credited_unit(tmp_path, "small", "a4", "Photograph " + "y" * 289), encoding="utf-8")
    report = build(Request(paths=(source,), out=tmp_path / "out", settings=Settings(only=("flashcards",))))
    assert not report.ok
    problems = report.all_problems()
    assert [p.path for p in problems] == ["flashcards[0].cards[0].picture.credit", "flashcards[0].cards[2].picture.credit"]
    assert all("credit" in p.message and "shorten it" in (p.hint or "") for p in problems)
