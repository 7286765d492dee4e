"""Tagged worksheets, keys and sources inserts, read back from the PDFs as a screen reader reads
them (tests/tagged.py): the structure a student or teacher follows, in the order they read it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image

from compiler.build import Request, build
from compiler.outputs import Settings
from tests import tagged
from tests.tagged import Element, Tagged

UNIT = """\
format: 1
unit: {id: tags, title: The French Revolution, language: LANGUAGE}
sources:
  - id: letter
    author: Camille Desmoulins
    date: 1789-07
    origin: a letter to his father
    text: The people were in the streets from dawn; every face shone with hope.
  - id: cartoon
    author: an unknown artist
    date: 1793
    picture: {file: pictures/cartoon.png, alt: A cartoon of the Committee as a prison}
glossary:
  - {term: Estates-General, definition: The assembly of the three orders of France.}
  - {term: Sans-culottes, definition: The working people of Paris.}
  - {term: Assignat, definition: The paper money of the Revolution.}
events:
  - {id: bastille, date: 1789-07-14, title: Fall of the Bastille}
  - {id: varennes, date: 1791-06-20, title: Flight to Varennes}
  - {id: king, date: 1793-01-21, title: Execution of Louis XVI}
worksheets:
  - id: sheet
    title: Revolution check
    instructions: Answer every question.
    sections:
      - title: Knowing the facts
        instructions: Short questions first.
        questions:
          - type: choice
            prompt: In which year did the Bastille fall?
            options: ["1789", "1791", "1793"]
            answer: "1789"
          - type: true_false
            prompt: Louis XVI was executed in 1793.
            answer: true
          - type: gap_fill
            text: The Bastille fell in [[July]] in [[Paris]].
            word_bank: true
            distractors: [Lyon]
            marks: 2
          - type: match
            from: glossary
            terms: [Estates-General, Sans-culottes, Assignat]
            marks: 3
          - type: order
            from: events
            events: [king, bastille, varennes]
          - type: label
            prompt: Label the map of Paris.
            picture: {file: pictures/paris.png, alt: A map of Paris}
            pins:
              - {x: 0.3, y: 0.3, answer: the Bastille}
              - {x: 0.7, y: 0.6, answer: the Tuileries}
      - title: Explaining
        questions:
          - type: short
            prompt: What does @letter tell you about the mood in Paris?
            sources: [letter]
            answer: Hopeful.
            lines: 4
            marks: 2
          - type: source
            form: message
            sources: [cartoon]
            enquiry: the Terror
            marks: 4
            indicative: [The Committee imprisons France.]
          - type: extended
            prompt: How far was the king to blame for his fate?
            marks: 10
            space: 1 page
            mark_scheme:
              - "Level 2 (6–10): a sustained judgement"
              - "Level 1 (1–5): a description"
  - id: insert
    title: Using sources
    insert: true
    questions:
      - type: short
        prompt: What does @letter say?
        sources: [letter, cartoon]
        answer: Hope.
  - id: plain
    title: One part
    questions:
      - type: short
        prompt: What does @letter say?
        sources: [letter]
        answer: Hope.
"""
ANSWER_SPACE = {"en": "Answer space: 4 lines", "ru": "Место для ответа: 4 строки", "de": "Antwortfeld: 4 Zeilen"}


def _unit(folder: Path, language: str = "en") -> Path:
    (folder / "pictures").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (300, 200), "grey").save(folder / "pictures" / "cartoon.png")
    Image.new("RGB", (600, 400), "#d0e0c0").save(folder / "pictures" / "paris.png")
    path = folder / "tags.yaml"
    path.write_text(UNIT.replace("LANGUAGE", language), encoding="utf-8")
    return path


def _built(folder: Path, language: str = "en", paper: str = "a4") -> Path:
    report = build(Request(paths=(_unit(folder, language),), out=folder / "out",
                           settings=Settings(only=("worksheet",), paper=paper)))
    assert report.ok, report.all_problems()
    return folder / "out" / "tags"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _built(tmp_path_factory.mktemp("tags"))


def _groups(read: Tagged) -> list[Element]:
    """The questions: each group holding a number."""
    return [e for e in read.elements() if e.role == "Div" and e.children and e.children[0].role == "Lbl"]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_word_of_a_sheet_is_tagged_or_an_artifact_and_headings_nest(tmp_path: Path, paper: str) -> None:
    folder = _built(tmp_path, paper=paper)
    for name in ("worksheet-sheet.pdf", "worksheet-sheet-key.pdf", "worksheet-insert.pdf",
                 "worksheet-insert-key.pdf", "worksheet-insert-sources.pdf", "worksheet-plain.pdf"):
        read = tagged.read(folder / name)
        assert read.untagged == "", name
        assert read.roles()[:3] == ["StructTreeRoot", "Document", "H1"], name
        levels = [level for level, _ in read.headings()]
        assert all(b - a <= 1 for a, b in zip([0, *levels], levels, strict=False)), (name, levels)
        assert read.title and read.display_title and read.marked


def test_the_sheet_reads_title_instructions_grid_then_parts_and_questions_in_order(out: Path) -> None:
    read = tagged.read(out / "worksheet-sheet.pdf")
    assert read.headings() == [(1, "Revolution check"), (2, "Knowing the facts"), (2, "Explaining"),
                               (3, "Source A"), (3, "Source B")]
    assert read.outline == [(0, "Revolution check"), (1, "Knowing the facts"), (1, "Explaining"),
                            (2, "Source A"), (2, "Source B")]
    reading = read.reading()
    assert tagged.in_order(reading, "Revolution check", "The French Revolution", "Name", "Class", "Date",
                     "Answer every question.", "Part", "Marks", "Out of", "Total", "Knowing the facts",
                     "Short questions first.", "1.", "In which year did the Bastille fall?", "1 mark", "Circle one letter.",
                     "A", "1789", "B", "1791", "2.", "Louis XVI was executed in 1793.", "True", "False",
                     "3.", "The Bastille fell in", "Word bank:", "Explaining", "Camille Desmoulins",
                     "The people were in the streets", "What does Source A tell you", "How far was the king",
                     "Total: blank of 26 marks")
    # the running header and footer and page numbers are not read, but are artifacts
    assert "Page 1 of" in read.artifact
    assert "Page 1 of" not in reading


def test_each_question_is_a_group_of_its_number_prompt_marks_and_answer_space(out: Path) -> None:
    read = tagged.read(out / "worksheet-sheet.pdf")
    groups = _groups(read)
    assert [g.children[0].text for g in groups] == [f"{n}." for n in range(1, 10)]
    choice = groups[0]
    assert [c.role for c in choice.children] == ["Lbl", "P", "P", "P", "L"]
    assert [c.text for c in choice.children[1:4]] == ["In which year did the Bastille fall?", "[1]",
                                                      "Circle one letter."]
    assert choice.children[2].actual == "1 mark"  # what a reader hears for "[1]"
    options = choice.children[4]
    assert [[(part.role, part.text) for part in item.children] for item in options.children] == [
        [("Lbl", "A"), ("LBody", "1789")], [("Lbl", "B"), ("LBody", "1791")], [("Lbl", "C"), ("LBody", "1793")]]
    short = groups[6]
    assert short.children[1].text.startswith("What does Source A tell you")
    spaces = [e for e in short.walk() if e.role == "Figure"]
    assert [e.alt for e in spaces] == ["Answer space: 4 lines"]
    essay = groups[8]
    assert [e.alt for e in essay.walk() if e.role == "Figure"] == ["Answer space: 1 page"]


def test_match_columns_order_items_and_the_label_picture_are_lists_and_figures(out: Path) -> None:
    groups = _groups(tagged.read(out / "worksheet-sheet.pdf"))
    match = [c for c in groups[3].children if c.role == "L"]
    assert [[item.children[0].text for item in column.children] for column in match] == [["1", "2", "3"],
                                                                                         ["A", "B", "C"]]
    assert sorted(item.children[1].text for item in match[0].children) == ["Assignat", "Estates-General",
                                                                           "Sans-culottes"]
    # the box to write a letter in beside each numbered item, said after the item
    assert [[(e.role, e.alt) for e in item.children[1].children] for item in match[0].children] == [
        [("Figure", "Answer box")]] * 3
    assert all(not item.children[1].children for item in match[1].children)
    (order,) = [c for c in groups[4].children if c.role == "L"]
    assert sorted(item.children[1].text for item in order.children) == ["Execution of Louis XVI",
                                                                        "Fall of the Bastille", "Flight to Varennes"]
    figures = [(e.alt, e.text) for e in groups[5].walk() if e.role == "Figure"]
    # the picture and its pins, said as its alt text and the pins' numbers; then the numbered lines
    assert figures[0][0] == "A map of Paris (numbered pins 1 to 2)"
    assert figures[1][0] == "Answer space: 2 lines"


def test_the_marks_grid_is_a_table_with_header_cells_and_a_cell_under_every_header(out: Path) -> None:
    read = tagged.read(out / "worksheet-sheet.pdf")
    (grid,) = [e for e in read.elements() if e.role == "Table" and e.depth == 2]
    rows = [[(cell.role, cell.text) for cell in row.children] for row in grid.children]
    assert rows[0] == [("TH", "Part"), ("TH", "Marks"), ("TH", "Out of")]
    assert rows[1:] == [[("TH", "Knowing the facts"), ("TD", ""), ("TD", "10")],
                        [("TH", "Explaining"), ("TD", ""), ("TD", "16")],
                        [("TH", "Total"), ("TD", ""), ("TD", "26")]]


def test_the_key_reads_each_answer_under_its_question_and_mark_schemes_as_tables(out: Path) -> None:
    read = tagged.read(out / "worksheet-sheet-key.pdf")
    groups = _groups(read)
    assert tagged.in_order(groups[0].all_text(), "In which year did the Bastille fall?", "1 mark", "A")
    assert tagged.in_order(groups[5].all_text(), "Label the map of Paris.", "1 the Bastille", "2 the Tuileries")
    assert tagged.in_order(groups[6].all_text(), "What does Source A tell you", "Model answer", "Hopeful.")
    schemes = [e for e in groups[8].walk() if e.role == "Table"]
    assert [[(cell.role, cell.text) for cell in row.children] for row in schemes[0].children] == [
        [("TH", "Level"), ("TH", "Marks"), ("TH", "Descriptor")],
        [("TH", "2"), ("TD", "6–10"), ("TD", "a sustained judgement")],
        [("TH", "1"), ("TD", "1–5"), ("TD", "a description")]]
    source_scheme = [e for e in groups[7].walk() if e.role == "Table"]
    assert source_scheme and all(row.children[0].role == "TH" for row in source_scheme[0].children)
    assert [e.role for e in groups[7].walk() if e.role in ("L", "LI", "LBody")] == ["L", "LI", "LBody"]
    assert read.reading().endswith("Total: 26 marks")


def test_sources_are_sections_before_their_question_and_the_insert_reads_in_order(out: Path) -> None:
    sheet = tagged.read(out / "worksheet-sheet.pdf")
    explaining = next(e for e in sheet.elements() if e.role == "Sect" and "Explaining" in e.children[0].text)
    assert [(c.role, c.children[0].text) for c in explaining.children[2:5]] == [
        ("Sect", "Source A"), ("Div", "7."), ("Sect", "Source B")]
    letter, cartoon = explaining.children[2], explaining.children[4]
    assert [(c.role, c.all_text()) for c in letter.children] == [
        ("H3", "Source A"), ("P", "Camille Desmoulins, a letter to his father, July 1789"),
        ("BlockQuote", "The people were in the streets from dawn; every face shone with hope.")]
    assert [(e.role, e.alt) for e in cartoon.walk() if e.role == "Figure"] == [
        ("Figure", "A cartoon of the Committee as a prison")]
    insert = tagged.read(out / "worksheet-insert-sources.pdf")
    assert insert.headings() == [(1, "Using sources"), (2, "Source A"), (2, "Source B")]
    assert tagged.in_order(insert.reading(), "Using sources", "Sources insert", "Source A", "Camille Desmoulins",
                     "The people were in the streets", "Source B")
    # a sheet of one untitled part: a source's label is a heading under the title's
    assert tagged.read(out / "worksheet-plain.pdf").headings() == [(1, "One part"), (2, "Source A")]


@pytest.mark.parametrize(("language", "lang"), [("ru", "ru"), ("de", "de")])
def test_language_and_answer_space_words_follow_the_unit(tmp_path: Path, language: str, lang: str) -> None:
    read = tagged.read(_built(tmp_path, language) / "worksheet-sheet.pdf")
    assert read.lang == lang
    assert "Revolution check — " in read.title  # which file, then the unit
    alts = [e.alt for e in read.elements() if e.role == "Figure"]
    assert ANSWER_SPACE[language] in alts


def test_a_share_of_pages_is_said_in_the_unit_s_numbers(tmp_path: Path) -> None:
    folder = tmp_path / "half"
    folder.mkdir()
    text = re.sub(r"space: 1 page", "space: 1.5 pages", UNIT)
    (folder / "pictures").mkdir()
    Image.new("RGB", (300, 200), "grey").save(folder / "pictures" / "cartoon.png")
    Image.new("RGB", (600, 400), "grey").save(folder / "pictures" / "paris.png")
    (folder / "tags.yaml").write_text(text.replace("LANGUAGE", "de"), encoding="utf-8")
    report = build(Request(paths=(folder / "tags.yaml",), out=folder / "out", settings=Settings(only=("worksheet",))))
    assert report.ok, report.all_problems()
    read = tagged.read(folder / "out" / "tags" / "worksheet-sheet.pdf")
    assert "Antwortfeld: 1,5 Seiten" in [e.alt for e in read.elements() if e.role == "Figure"]


SHARED = """\
format: 1
unit: {id: shared, title: Essays, language: LANGUAGE}
worksheets:
  - id: essays
    title: Essay practice
    sections:
      - title: Choose
        answer: 1
        questions:
          - {type: extended, prompt: Was the king to blame?, marks: 10, space: 12 lines}
          - {type: extended, prompt: Was the Terror necessary?, marks: 10, space: 12 lines}
"""


@pytest.mark.parametrize(("language", "box", "space"), [("en", "Answer box", "Answer space: 12 lines"),
                                                        ("ru", "Клетка для ответа", "Место для ответа: 12 строк")])
def test_a_part_s_shared_space_is_a_group_after_its_questions(tmp_path: Path, language: str, box: str,
                                                             space: str) -> None:
    (tmp_path / "shared.yaml").write_text(SHARED.replace("LANGUAGE", language), encoding="utf-8")
    report = build(Request(paths=(tmp_path / "shared.yaml",), out=tmp_path / "out",
                           settings=Settings(only=("worksheet",))))
    assert report.ok, report.all_problems()
    read = tagged.read(tmp_path / "out" / "shared" / "worksheet-essays.pdf")
    (part,) = [e for e in read.elements() if e.role == "Sect"]
    questions, shared = part.children[-3:-1], part.children[-1]
    assert [q.children[1].text for q in questions] == ["Was the king to blame?", "Was the Terror necessary?"]
    assert all(e.role != "Figure" for q in questions for e in q.walk())  # their lines moved to the shared space
    assert [(e.role, e.alt) for e in shared.children[1:]] == [("Figure", box), ("Figure", space)]
    assert read.untagged == ""


def test_tagged_sheets_are_reproducible(tmp_path: Path) -> None:
    first = _built(tmp_path / "one")
    second = _built(tmp_path / "two")
    for name in ("worksheet-sheet.pdf", "worksheet-sheet-key.pdf", "worksheet-insert-sources.pdf"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
