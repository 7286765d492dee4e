"""pack.pdf, the class set, and pack-key.pdf, the teacher's copy: each one print job with a
cover, a contents page and bookmarks; no answer in the class set."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from compiler.build import Request, build
from compiler.outputs import Settings
from tests.conftest import SMALL_UNIT
from tests.test_sourcing import sources_unit


@pytest.fixture
def pack(shipped: Callable[[str], Path]) -> Path:
    return shipped("a4")


def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    found = []

    def walk(items: list, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return found


def test_cover_and_contents_list_every_part_at_the_page_it_starts(pack: Path) -> None:
    reader = PdfReader(pack / "pack.pdf")
    cover = " ".join(reader.pages[0].extract_text().split())
    for words in ("Soviet Foreign Policy, 1917–1941", "From world revolution", "History", "A-level", "CC BY-SA 4.0"):
        assert words in cover
    contents = " ".join(reader.pages[1].extract_text().split())
    marks = outline(reader)
    for _, title, page in marks:
        label = reader.page_labels[page]
        assert re.search(re.escape(title) + r" " + label + r"\b", contents), (title, label)
    assert reader.page_labels[:3] == ["i", "ii", "1"]


def test_the_class_set_holds_the_students_parts_in_teaching_order_and_no_answer(pack: Path) -> None:
    reader = PdfReader(pack / "pack.pdf")
    marks = outline(reader)
    top = [title for depth, title, _ in marks]
    assert top[0] == "Handout" and top[1].startswith("Timeline")
    flash_cards = len(list(pack.glob("flashcards-*.pdf")))  # the glossary's, the people's, the events' ...
    assert flash_cards >= 3
    assert [t.split(":")[0] for t in top[2:]] == (["Card sort"] * 3 + ["Worksheet"] * 4
                                                    + ["Sources insert"] + ["Flash cards"] * flash_cards)
    pages = [page for _, _, page in marks]
    assert pages == sorted(pages)
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Answer key" not in text and "teacher copy" not in text and "Teacher copies" not in text


def test_the_teachers_copy_holds_every_key_and_nothing_else(pack: Path) -> None:
    reader = PdfReader(pack / "pack-key.pdf")
    marks = outline(reader)
    assert len(marks) == 8 and all(title.startswith("Answer key") for _, title, _ in marks)
    assert "Teacher copies" in reader.pages[0].extract_text()
    for _, _, page in marks:
        text = reader.pages[page].extract_text()
        assert "Answer key" in text and "teacher copy" in text


def test_each_pack_holds_every_page_of_its_files_once(pack: Path) -> None:
    """The class set holds one version of a worksheet (A: one copy per student), the teacher's
    copy every version's key."""
    keys = [p.name for p in pack.glob("*-key.pdf") if p.name not in ("pack-key.pdf", "timeline-blank-key.pdf")]
    sheets = ["handout.pdf", "timeline-tiled.pdf", *[p.name for p in pack.glob("cardsort-*.pdf")],
              *[p.name for p in pack.glob("worksheet-*.pdf") if not p.name.endswith("-B.pdf")],
              *[p.name for p in pack.glob("flashcards-*.pdf")]]
    assert "worksheet-revolution-and-diplomacy-B-key.pdf" in keys
    for name, files in (("pack.pdf", [s for s in sheets if s not in keys]), ("pack-key.pdf", keys)):
        reader = PdfReader(pack / name)
        blank = [page for page in reader.pages if "intentionally left blank" in page.extract_text()]
        assert len(reader.pages) == 2 + len(blank) + sum(len(PdfReader(pack / f).pages) for f in files)
        assert all(round(float(p.mediabox.width)) == 595 for p in reader.pages)  # sheets only: no poster pages


def test_the_pack_pages_follow_the_paper_within_one_process(unit_file, tmp_path: Path) -> None:
    """The cover and contents are kept between builds in one process (watch); not across papers."""
    from compiler.outputs import Settings

    unit = unit_file()
    for paper, size in (("a4", (595, 842)), ("letter", (612, 792))):
        report = build(Request(paths=(unit,), out=tmp_path / paper, settings=Settings(paper=paper, only=("pack",))))
        assert report.ok, report.all_problems()
        reader = PdfReader(tmp_path / paper / "small" / "pack.pdf")
        sizes = {(round(float(page.mediabox.width)), round(float(page.mediabox.height))) for page in reader.pages}
        assert sizes <= {size, size[::-1]}  # portrait sheets, and landscape tiles of the poster
        assert (round(float(reader.pages[0].mediabox.width)), round(float(reader.pages[0].mediabox.height))) == size


def test_a_long_title_stays_on_the_cover(unit_file, tmp_path: Path) -> None:
    """The space above the cover's band shrinks for a long title, so the band is not pushed on
    to the next page, leaving a blank cover."""
    title = ("The Soviet Union and the World, " * 20).strip(" ,")
    unit = unit_file(SMALL_UNIT.replace("title: A small unit", f"title: {title}"))
    assert build(Request(paths=(unit,), out=tmp_path, settings=Settings(only=("handout", "pack")))).ok
    cover = PdfReader(tmp_path / "small" / "pack.pdf").pages[0].extract_text()
    assert cover.count("The Soviet Union and the World") >= 20


def test_a_card_sort_and_a_worksheet_of_one_id_each_keep_their_own_title(unit_file, tmp_path: Path) -> None:
    """Ids are unique within card_sorts and within worksheets, not across them: each part is
    titled from its own item."""
    extra = ("card_sorts:\n  - {id: quiz, title: Sorting the treaties, mode: sequence, events: [revolution, rapallo]}\n"
             "worksheets:\n  - {id: quiz, title: Treaty quiz, questions: [{type: short, prompt: Why?, answer: So.}]}\n")
    unit = unit_file(SMALL_UNIT + extra)
    assert build(Request(paths=(unit,), out=tmp_path, settings=Settings(only=("cardsort", "worksheet", "pack")))).ok
    titles = [title for _, title, _ in outline(PdfReader(tmp_path / "small" / "pack.pdf"))]
    assert titles == ["Card sort: Sorting the treaties", "Worksheet: Treaty quiz"]
    titles = [title for _, title, _ in outline(PdfReader(tmp_path / "small" / "pack-key.pdf"))]
    assert titles == ["Answer key: Sorting the treaties", "Answer key: Treaty quiz"]


def test_a_unit_whose_only_teacher_file_is_a_poster_has_no_teachers_pack(unit_file, tmp_path: Path) -> None:
    """The blank timeline's key is a poster, which no pack holds: a pack of nothing is not made."""
    unit = unit_file()
    assert build(Request(paths=(unit,), out=tmp_path, settings=Settings(only=("handout", "timeline", "pack")))).ok
    assert (tmp_path / "small" / "pack.pdf").is_file() and (tmp_path / "small" / "timeline-blank-key.pdf").is_file()
    assert not (tmp_path / "small" / "pack-key.pdf").exists()


ONE_SIDED = ("Card sort", "Timeline")  # cut out, or taped together: nothing may be on their backs


def duplex_faults(reader: PdfReader) -> list[str]:
    """What a double-sided print of the pack would get wrong: a part starting on the back of a
    sheet (page 2, 4, ... in print order); a page of cards or of the tiled poster with anything
    but a blank page behind it; a blank page that does not say so, says so and holds something
    else, or is not needed."""
    faults = []
    marks = outline(reader)
    starts = [page for _, _, page in marks]
    one_sided = set()
    for (_, title, start), end in zip(marks, [*starts[1:], len(reader.pages)], strict=True):
        if start % 2:
            faults.append(f"{title} starts on page {start + 1}, the back of a sheet")
        if title.startswith(ONE_SIDED):
            one_sided |= set(range(start, end))
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    for number, text in enumerate(texts):
        blank = "intentionally left blank" in text
        if number in one_sided and not blank and (number % 2 or number + 1 >= len(texts)
                                                  or "intentionally left blank" not in texts[number + 1]):
            faults.append(f"page {number + 1}, to cut out or tape, has something on its back or is a back")
        if blank:
            needed = number + 1 in starts or number + 1 == len(texts) or number - 1 in one_sided
            if number % 2 == 0 or not needed or "Page " in text:
                faults.append(f"page {number + 1} is a blank page where none is needed: {text[:60]}")
        elif not text:
            faults.append(f"page {number + 1} is blank and does not say so")
    return faults


def test_every_part_starts_on_the_front_of_a_sheet_in_a_duplex_print(pack: Path) -> None:
    for name in ("pack.pdf", "pack-key.pdf"):
        reader = PdfReader(pack / name)
        assert duplex_faults(reader) == [], name
        assert any("intentionally left blank" in page.extract_text() for page in reader.pages), name


def test_a_contents_of_two_pages_still_lists_the_pages_the_parts_start_on(unit_file, tmp_path: Path) -> None:
    """Forty worksheets fill more than one contents page: the parts then start a page later
    than a one-page contents would have said, and the contents says where they really start.
    They come in the order the unit gives them (w2 before w10)."""
    sheets = "".join(f"  - {{id: w{k}, title: Worksheet number {k}, questions: [{{type: short, prompt: Why?, "
                     f"answer: Because {k}.}}]}}\n" for k in range(40))
    unit = unit_file(SMALL_UNIT + "worksheets:\n" + sheets)
    assert build(Request(paths=(unit,), out=tmp_path, settings=Settings(only=("worksheet", "pack")))).ok
    reader = PdfReader(tmp_path / "small" / "pack.pdf")
    assert reader.page_labels[:4] == ["i", "ii", "iii", "iv"]  # cover, two pages of contents, a blank
    assert "intentionally left blank" in reader.pages[3].extract_text()
    assert duplex_faults(reader) == []
    assert [title for _, title, _ in outline(reader)] == [f"Worksheet: Worksheet number {k}" for k in range(40)]
    contents = " ".join((reader.pages[1].extract_text() + reader.pages[2].extract_text()).split())
    for _, title, page in outline(reader):
        assert re.search(re.escape(title) + r" " + reader.page_labels[page] + r"\b", contents), title


def test_the_page_footers_number_the_pack_as_its_contents_does(pack: Path) -> None:
    """A teacher finds "Worksheet … 47" in the contents and page 47 says "Page 47": the parts'
    own numbers ("Page 1 of 3") are replaced, not printed beside the pack's."""
    for name in ("pack.pdf", "pack-key.pdf"):
        reader = PdfReader(pack / name)
        numbered = [label for label in reader.page_labels if label.isdigit()]
        for page, label in zip(reader.pages, reader.page_labels, strict=True):
            found = re.findall(r"Page (\d+) of (\d+)", page.extract_text())
            assert found in ([], [(label, str(len(numbered)))]), (name, label, found)
        # poster sheets and flash cards (cards to the paper's edge) have no footer
        starts = {page for _, title, page in outline(reader) if not title.startswith(("Timeline", "Flash cards"))}
        assert starts and all(re.search(r"Page \d+ of", reader.pages[page].extract_text()) for page in starts)
    own = PdfReader(pack / "handout.pdf")
    assert f"Page 1 of {len(own.pages)}" in own.pages[0].extract_text()


def test_a_card_sort_key_of_several_pages_prints_double_sided_in_the_teacher_s_pack(unit_file, tmp_path: Path) -> None:
    """Cards are cut out, so each of their sheets gets a blank back; their key is read on the
    teacher's desk and has none: a two-page key is one sheet, printed on both sides."""
    cards = "".join(f"      - {{text: Card number {k} about the causes of the war, category: {'ab'[k % 2]}, "
                    f"note: A note for the teacher on card {k} that takes most of a line in the key.}}\n"
                    for k in range(60))
    unit = unit_file(SMALL_UNIT + "card_sorts:\n  - id: big\n    title: Causes\n    mode: categories\n"
                     "    categories: [{id: a, label: Long-term}, {id: b, label: Short-term}]\n    cards:\n" + cards)
    assert build(Request(paths=(unit,), out=tmp_path, settings=Settings(only=("cardsort", "pack")))).ok
    key = PdfReader(tmp_path / "small" / "cardsort-big-key.pdf")
    assert len(key.pages) >= 2
    teacher = PdfReader(tmp_path / "small" / "pack-key.pdf")
    assert duplex_faults(teacher) == []
    assert not any("intentionally left blank" in page.extract_text() for page in teacher.pages[2:])
    assert duplex_faults(PdfReader(tmp_path / "small" / "pack.pdf")) == []


def test_a_sources_insert_follows_its_worksheet_in_the_class_set_and_is_listed_for_the_class(tmp_path: Path) -> None:
    unit = sources_unit(tmp_path / "unit", versions=2)
    out = tmp_path / "out"
    assert build(Request(paths=(unit,), out=out)).ok
    students = [title for _, title, _ in outline(PdfReader(out / "revolution" / "pack.pdf"))]
    assert students == ["Handout", "Worksheet: Using sources (Version A)", "Worksheet: Exam practice",
                        "Sources insert: Exam practice"]
    teacher = [title for _, title, _ in outline(PdfReader(out / "revolution" / "pack-key.pdf"))]
    assert not any("insert" in title for title in teacher)
    insert_pages = len(PdfReader(out / "revolution" / "worksheet-exam-sources.pdf").pages)
    pack = PdfReader(out / "revolution" / "pack.pdf")
    last = " ".join(" ".join(page.extract_text().split()) for page in pack.pages[-insert_pages:])
    assert "Sources insert Source A Emmanuel Sieyès" in last
    html = (out / "index.html").read_text(encoding="utf-8")
    students_list = html[html.index("For the class"):html.index("For the teacher")]
    assert '<a href="revolution/worksheet-exam-sources.pdf">Sources insert: Exam practice</a>' in students_list
