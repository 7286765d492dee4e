"""``type: label`` on the sheet and in the key, read back from the built PDFs."""

from __future__ import annotations

import math
import textwrap
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.units import mm

from compiler.build import Request, build
from compiler.kinds.worksheet.draw import MARKS_WIDTH, NUMBER_WIDTH
from compiler.outputs import Settings
from compiler.pdf import frame_size
from compiler.questions.label.draw import PIN, PIN_TYPE
from compiler.theme import load_theme

UNIT = """\
format: 1
unit: {id: leaf, title: Photosynthesis}
worksheets:
  - id: w
    title: Inside a leaf
    questions:
"""
LEAF = """\
- type: label
  prompt: Label the parts of the leaf.
  picture:
    file: pictures/leaf.png
    alt: A leaf cut across, with six numbered pins
    credit: Drawn by the science department, CC BY
  pins:
    - {x: 0.22, y: 0.35, answer: chloroplast}
    - {x: 0.70, y: 0.12, answer: cuticle}
    - {x: 0.5, y: 0.5, answer: vein}
    - {x: 0.95, y: 0.9, answer: the stomata on the underside of the leaf}
    - {x: 0.04, y: 0.5, answer: palisade layer}
    - {x: 0.3, y: 0.8, answer: spongy mesophyll}
"""
VOLCANO_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 200" width="300" height="200">'
               '<rect x="0" y="0" width="300" height="200" fill="#ccccee"/>'
               '<path d="M20 190 L150 30 L280 190 Z" fill="#665544"/>'
               '<rect x="140" y="30" width="20" height="160" fill="#ee4422"/></svg>')
VOLCANO = """\
- type: label
  picture: {file: pictures/volcano.svg, alt: A volcano cut in half, size: medium}
  pins:
    - {x: 0.5, y: 0.15, answer: crater}
    - {x: 0.5, y: 0.9, answer: magma chamber}
    - {x: 0.2, y: 0.9, answer: ash layers}
"""
ANSWERS = ["chloroplast", "cuticle", "vein", "the stomata on the underside of the leaf", "palisade layer",
           "spongy mesophyll"]
PINS = [(0.22, 0.35), (0.70, 0.12), (0.5, 0.5), (0.95, 0.9), (0.04, 0.5), (0.3, 0.8)]
PAPERS = {"a4": A4, "letter": letter}


def _unit(folder: Path, questions: str, picture: tuple[int, int] = (1200, 800)) -> Path:
    """A unit on photosynthesis with the question(s), its leaf a PNG of ``picture`` pixels (dark on
    the left, light on the right) and its volcano a small SVG."""
    (folder / "pictures").mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", picture, "#f4f4e0")
    image.paste((30, 70, 30), (0, 0, picture[0] // 2, picture[1]))
    image.save(folder / "pictures" / "leaf.png")
    (folder / "pictures" / "volcano.svg").write_text(VOLCANO_SVG, encoding="utf-8")
    path = folder / "leaf.yaml"
    path.write_text(UNIT + textwrap.indent(textwrap.dedent(questions), " " * 6), encoding="utf-8")
    return path


def _build(folder: Path, questions: str, paper: str = "a4", **options: Any) -> tuple[Path, Path]:
    path = _unit(folder, questions, **options)
    report = build(Request(paths=(path,), out=folder / "out", settings=Settings(only=("worksheet",), paper=paper)))
    assert report.ok, report.all_problems()
    out = folder / "out" / "leaf"
    return out / "worksheet-w.pdf", out / "worksheet-w-key.pdf"


def _problems(folder: Path, questions: str) -> list[str]:
    path = _unit(folder, questions)
    report = build(Request(paths=(path,), out=folder / "out", settings=Settings(only=("worksheet",))))
    assert not report.ok
    return [str(problem) for problem in report.all_problems()]


def _column(paper: str) -> tuple[float, float]:
    """The question column's width and the page frame's height."""
    width, height = frame_size(load_theme(), PAPERS[paper])
    return width - NUMBER_WIDTH - MARKS_WIDTH, height


def _pin_numbers(page: pdfplumber.page.Page) -> dict[str, tuple[float, float]]:
    """Each pin's number (its characters in the pins' type size), at its centre."""
    digits = sorted((c for c in page.chars if abs(c["size"] - PIN_TYPE) < 0.01), key=lambda c: (round(c["top"]), c["x0"]))
    numbers: dict[str, list[dict[str, Any]]] = {}
    for char in digits:
        key = next((k for k, chars in numbers.items() if abs(chars[-1]["top"] - char["top"]) < 0.5
                    and char["x0"] - chars[-1]["x1"] < 0.5), None)
        if key is None:
            numbers[char["text"]] = [char]
        else:
            numbers[key + char["text"]] = [*numbers.pop(key), char]
    return {k: ((c[0]["x0"] + c[-1]["x1"]) / 2, (c[0]["top"] + c[0]["bottom"]) / 2) for k, c in numbers.items()}


def _pins_at_their_fractions(page: pdfplumber.page.Page, box: tuple[float, float, float, float],
                             pins: list[tuple[float, float]]) -> None:
    x0, top, x1, bottom = box
    found = _pin_numbers(page)
    assert sorted(found) == sorted(str(k) for k in range(1, len(pins) + 1))
    for k, (x, y) in enumerate(pins, start=1):
        assert found[str(k)] == pytest.approx((x0 + x * (x1 - x0), top + y * (bottom - top)), abs=1 * mm)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_picture_is_placed_large_and_each_pin_at_its_fraction_of_it(tmp_path: Path, paper: str) -> None:
    sheet, key = _build(tmp_path, LEAF, paper)
    width, _ = _column(paper)
    for pdf in (sheet, key):
        with pdfplumber.open(pdf) as document:
            page = document.pages[0]
            assert (page.width, page.height) == pytest.approx(PAPERS[paper])
            (image,) = page.images
            # large: the column's width, at the picture's proportions (1200 × 800)
            assert image["x1"] - image["x0"] == pytest.approx(width, abs=0.5)
            assert image["bottom"] - image["top"] == pytest.approx(width * 800 / 1200, abs=0.5)
            _pins_at_their_fractions(page, (image["x0"], image["top"], image["x1"], image["bottom"]), PINS)


def test_a_tall_picture_is_never_taller_than_half_the_frame_and_small_is_a_third(tmp_path: Path) -> None:
    width, height = _column("a4")
    tall_sheet, _ = _build(tmp_path / "tall", LEAF, picture=(400, 1200))
    small_sheet, _ = _build(tmp_path / "small", LEAF.replace("leaf.png\n", "leaf.png\n    size: small\n"))
    with pdfplumber.open(tall_sheet) as tall_pdf, pdfplumber.open(small_sheet) as small_pdf:
        (tall,), (small,) = tall_pdf.pages[0].images, small_pdf.pages[0].images
    assert tall["bottom"] - tall["top"] == pytest.approx(height / 2, abs=0.5)
    assert tall["x1"] - tall["x0"] == pytest.approx(height / 2 / 3, abs=0.5)
    assert small["x1"] - small["x0"] == pytest.approx(width / 3, abs=0.5)


def test_an_svg_is_drawn_as_vectors_at_its_planned_size_with_its_pins(tmp_path: Path) -> None:
    sheet, key = _build(tmp_path, VOLCANO)
    width, _ = _column("a4")
    for pdf in (sheet, key):
        with pdfplumber.open(pdf) as document:
            page = document.pages[0]
            assert not page.images
            # medium: half the column; the SVG's background rectangle is the picture's box
            background = max(page.rects, key=lambda r: r["width"] * r["height"] if r["non_stroking_color"] != (1,)
                             else 0)
            box = (background["x0"], background["top"], background["x1"], background["bottom"])
            assert box[2] - box[0] == pytest.approx(width / 2, abs=0.5)
            assert box[3] - box[1] == pytest.approx(width / 2 * 200 / 300, abs=0.5)
            crater = [c for c in page.curves if c["non_stroking_color"] != (1,) and c["fill"]]
            assert crater and all(box[0] - 0.5 <= c["x0"] and c["x1"] <= box[2] + 0.5 and box[1] - 0.5 <= c["top"]
                                  and c["bottom"] <= box[3] + 0.5 for c in crater if c["width"] > PIN)
            _pins_at_their_fractions(page, box, [(0.5, 0.15), (0.5, 0.9), (0.2, 0.9)])


def _label_boxes(page: pdfplumber.page.Page) -> list[dict[str, Any]]:
    """The key's label boxes: white rectangles with a border, smaller than the picture."""
    return [r for r in page.rects if r["non_stroking_color"] in ((1,), (1, 1, 1)) and r["stroke"] and r["fill"]
            and r["height"] < 30]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_key_writes_each_answer_at_its_pin_in_boxes_that_do_not_overlap(tmp_path: Path, paper: str) -> None:
    _, key = _build(tmp_path, LEAF, paper)
    with pdfplumber.open(key) as document:
        page = document.pages[0]
        (image,) = page.images
        w, h = image["x1"] - image["x0"], image["bottom"] - image["top"]
        pins = [(image["x0"] + x * w, image["top"] + y * h) for x, y in PINS]
        boxes = _label_boxes(page)
        left, frame = load_theme().margins.left, frame_size(load_theme(), PAPERS[paper])[0]
        assert len(boxes) == len(ANSWERS)
        for k, answer in enumerate(ANSWERS, start=1):
            first_word = page.search(" ".join(answer.split()[:2]), regex=False)
            words = [w for w in first_word if any(_inside(w, box) for box in boxes)]
            assert len(words) == 1, answer
            (box,) = [box for box in boxes if _inside(words[0], box)]
            px, py = pins[k - 1]
            # beside its pin: the nearest edge of its box a few millimetres from the pin's rim
            nearest = (min(max(px, box["x0"]), box["x1"]), min(max(py, box["top"]), box["bottom"]))
            assert math.dist((px, py), nearest) < PIN / 2 + 4 * mm, answer
            # joined to it by a thin line from the pin's centre to the box's edge
            assert any(min(math.dist(line["pts"][0], (px, py)), math.dist(line["pts"][-1], (px, py))) < 0.5
                       and _on_edge(line["pts"][-1] if math.dist(line["pts"][0], (px, py)) < 0.5 else line["pts"][0], box)
                       for line in page.lines)
            # inside the column, within the picture's height, on the page
            assert image["top"] - 0.5 <= box["top"] and box["bottom"] <= image["bottom"] + 0.5
            assert box["x0"] >= left - 0.5 and box["x1"] <= left + frame + 0.5
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert not (a["x0"] < b["x1"] and b["x0"] < a["x1"] and a["top"] < b["bottom"] and b["top"] < a["bottom"])
        text = page.extract_text()
    assert "1 chloroplast · 2 cuticle · 3 vein" in " ".join(text.split())


def _on_edge(point: tuple[float, float], box: dict[str, Any]) -> bool:
    x, y = point
    within = box["x0"] - 0.5 <= x <= box["x1"] + 0.5 and box["top"] - 0.5 <= y <= box["bottom"] + 0.5
    return within and min(abs(x - box["x0"]), abs(x - box["x1"]), abs(y - box["top"]), abs(y - box["bottom"])) < 0.5


def _inside(word: dict[str, Any], box: dict[str, Any]) -> bool:
    return (box["x0"] <= word["x0"] and word["x1"] <= box["x1"] + 0.5 and box["top"] <= word["top"]
            and word["bottom"] <= box["bottom"] + 0.5)


def test_the_sheet_has_a_numbered_line_per_pin_and_no_answer(tmp_path: Path) -> None:
    sheet, _ = _build(tmp_path, LEAF)
    with pdfplumber.open(sheet) as document:
        page = document.pages[0]
        text = " ".join(page.extract_text().split())
        numbers = {c["text"]: c for c in page.chars if c["text"] in "123456" and c["fontname"].endswith("Bold")
                   and abs(c["size"] - PIN_TYPE) > 0.01 and c["top"] > page.images[0]["bottom"]}
    for answer in ANSWERS:
        assert answer not in text
    assert "Label the parts of the leaf." in text and "Drawn by the science department, CC BY" in text
    assert "Write the name of each numbered part on its line." in text
    assert "[6]" in text  # a mark a pin
    # six pins: two columns of lines, 1–3 down the left, 4–6 down the right
    assert numbers["1"]["x0"] == pytest.approx(numbers["3"]["x0"]) and numbers["4"]["x0"] > numbers["1"]["x0"] + 50 * mm
    assert numbers["2"]["top"] == pytest.approx(numbers["1"]["top"] + 8 * mm, abs=0.1)


def test_a_word_bank_holds_every_answer_and_the_distractors_shuffled_per_version(tmp_path: Path) -> None:
    question = LEAF + "  word_bank: true\n  distractors: [nucleus]\n"
    versions = UNIT.replace("title: Inside a leaf\n", "title: Inside a leaf\n    versions: 2\n")
    path = _unit(tmp_path, question)
    path.write_text(path.read_text(encoding="utf-8").replace(UNIT, versions), encoding="utf-8")
    report = build(Request(paths=(path,), out=tmp_path / "out", settings=Settings(only=("worksheet",))))
    assert report.ok, report.all_problems()
    banks = []
    for version in "AB":
        with pdfplumber.open(tmp_path / "out" / "leaf" / f"worksheet-w-{version}.pdf") as document:
            text = " ".join(document.pages[0].extract_text().split())
        bank = text.split("Word bank:")[1].split(" 1. ")[0]
        banks.append([word.strip() for word in bank.split("·")])
        assert "using the word bank. Not every word is needed." in text
    assert sorted(banks[0]) == sorted(banks[1]) == sorted([*ANSWERS, "nucleus"])
    assert banks[0] != banks[1] and banks[0] != [*ANSWERS, "nucleus"]
    with pdfplumber.open(tmp_path / "out" / "leaf" / "worksheet-w-B-key.pdf") as document:
        page = document.pages[0]
        (image,) = page.images
        _pins_at_their_fractions(page, (image["x0"], image["top"], image["x1"], image["bottom"]), PINS)


def test_a_rebuild_writes_the_same_bytes(tmp_path: Path) -> None:
    first = _build(tmp_path / "one", LEAF + VOLCANO + "  word_bank: true\n")
    second = _build(tmp_path / "two", LEAF + VOLCANO + "  word_bank: true\n")
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize(("change", "found"), [
    ("{x: 0.22, y: 0.35,", ["leaf.yaml:14:17: worksheets[0] (w).questions[0].pins[0].x: 1.2 is outside the picture"]),
    ("{x: 0.70, y: 0.12,", ["questions[0].pins[1].y: 35% is a percentage — write it as a fraction: 0.35"]),
    ("{x: 0.5, y: 0.5,", ["questions[0].pins[2].x: expected a number, not the quoted text '0.5' — remove the quotes"]),
    ("answer: cuticle}", ["questions[0].pins[1].answer: the answer 'chloroplast' is given twice"]),
])
def test_bad_pins_are_located(tmp_path: Path, change: str, found: list[str]) -> None:
    replacement = {"{x: 0.22, y: 0.35,": "{x: 1.2, y: 0.35,", "{x: 0.70, y: 0.12,": "{x: 0.70, y: 35%,",
                   "{x: 0.5, y: 0.5,": "{x: '0.5', y: 0.5,", "answer: cuticle}": "answer: chloroplast}"}[change]
    problems = _problems(tmp_path, LEAF.replace(change, replacement))
    for expected in found:
        assert any(expected in problem for problem in problems), problems


def test_too_few_or_too_many_pins_and_stray_distractors_are_located(tmp_path: Path) -> None:
    one = LEAF.split("    - {x: 0.70")[0]
    assert any("questions[0].pins: needs at least 2 item(s)" in p for p in _problems(tmp_path / "one", one))
    many = one + "".join(f"    - {{x: {k / 25:.2f}, y: 0.5, answer: part {k}}}\n" for k in range(1, 21))
    assert any("questions[0].pins: has 21 items; the limit is 20" in p for p in _problems(tmp_path / "many", many))
    stray = LEAF + "  distractors: [nucleus, vein]\n"
    problems = _problems(tmp_path / "stray", stray)
    assert any("questions[0].distractors: distractors are only shown in a word bank" in p for p in problems)
    assert any("questions[0].distractors[1]: 'vein' is also a right answer" in p for p in problems)


def test_pins_that_would_overlap_on_the_printed_picture_are_located_naming_both(tmp_path: Path) -> None:
    problems = _problems(tmp_path, LEAF.replace("{x: 0.5, y: 0.5,", "{x: 0.23, y: 0.36,"))
    assert any("leaf.yaml:16:13:" in p and "questions[0].pins[2]: pins 1 and 3 would overlap" in p
               and "a pin is 5.2 mm across" in p for p in problems), problems


def test_an_edited_picture_rebuilds_the_sheet_and_its_key(tmp_path: Path) -> None:
    path = _unit(tmp_path, LEAF)
    request = Request(paths=(path,), out=tmp_path / "out", settings=Settings(only=("worksheet",)))
    assert build(request).count("built") == 2
    assert build(request).count("built") == 0
    Image.new("RGB", (1200, 800), "#204020").save(tmp_path / "pictures" / "leaf.png")
    assert build(request).count("built") == 2


def test_a_label_picture_printed_below_150_dpi_is_one_warning_at_its_file(tmp_path: Path) -> None:
    path = _unit(tmp_path, LEAF, picture=(120, 80))
    report = build(Request(paths=(path,), out=tmp_path / "out", settings=Settings(only=("worksheet",))))
    warnings = [w for w in report.all_warnings() if "dots per inch" in w.message]
    assert len(warnings) == 1 and warnings[0].path == "worksheets[0].questions[0].picture.file"
    sharp = _unit(tmp_path / "sharp", LEAF)
    report = build(Request(paths=(sharp,), out=tmp_path / "sharp" / "out", settings=Settings(only=("worksheet",))))
    assert not [w for w in report.all_warnings() if "dots per inch" in w.message]


def test_pins_that_overlap_are_each_named_once(tmp_path: Path) -> None:
    crowded = LEAF.replace("{x: 0.70, y: 0.12", "{x: 0.221, y: 0.351").replace("{x: 0.5, y: 0.5", "{x: 0.222, y: 0.352")
    found = _problems(tmp_path, crowded)
    assert len([m for m in found if "would overlap" in m]) == 2, found


@pytest.mark.parametrize("key", [False, True])
def test_a_pin_on_the_pictures_edge_covers_neither_the_prompt_nor_the_credit(tmp_path: Path, key: bool) -> None:
    edges = LEAF.replace("{x: 0.70, y: 0.12", "{x: 0.5, y: 0.0").replace("{x: 0.95, y: 0.9", "{x: 0.0, y: 1.0")
    sheet, answers = _build(tmp_path, edges)
    with pdfplumber.open(answers if key else sheet) as document:
        page = document.pages[0]
        pins = [c for c in page.curves if abs((c["x1"] - c["x0"]) - PIN) < 1]
        words = [w for w in page.extract_words() if w["text"] in ("Label", "Drawn")]
        assert pins and len(words) == 2
        for pin in pins:
            for word in words:
                assert pin["bottom"] <= word["top"] or pin["top"] >= word["bottom"] or \
                    pin["x1"] <= word["x0"] or pin["x0"] >= word["x1"], (pin["top"], word)
