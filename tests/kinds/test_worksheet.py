"""Worksheets and keys as a teacher checks them: every key answers the sheet it belongs to.

The tests read the PDFs' text, never the plan: a letter in the key must point, in that
version's sheet, at the option the YAML says is right.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest
import yaml
from click.testing import CliRunner
from PIL import Image
from pypdf import PdfReader

from compiler.build import Request, build
from compiler.cli import main
from compiler.kinds.worksheet.draw import MARKS_WIDTH, NUMBER_WIDTH
from compiler.outputs import Settings
from compiler.theme import PAPER, load_theme
from tests.conftest import last_lines, overlapping_words
from tests.test_sourcing import sources_unit

ALL_TYPES = """\
format: 1
unit: {id: quiz, title: Quiz unit, licence: CC0}
glossary:
  - {term: Comintern, definition: The Communist International founded in 1919.}
  - {term: Appeasement, definition: Giving in to demands to avoid war.}
  - {term: Autarky, definition: Economic self-sufficiency.}
  - {term: Purge, definition: The removal of opponents from the party.}
events:
  - {id: rapallo, date: 1922-04-16, title: Treaty of Rapallo signed}
  - {id: berlin, date: 1926-04-24, title: Treaty of Berlin signed}
  - {id: league, date: 1934-09-18, title: USSR joins the League}
  - {id: pact, date: 1939-08-23, title: Nazi–Soviet Pact signed}
worksheets:
  - id: all-types
    title: Every type of question
    instructions: Answer every question.
    versions: 3
    sections:
      - title: Part A
        instructions: Short questions.
        questions:
          - type: choice
            prompt: Which treaty of 1922 restored German–Soviet relations?
            options: [Treaty of Berlin, Treaty of Rapallo, Locarno Treaties, Kellogg–Briand Pact]
            answer: Treaty of Rapallo
          - type: choice
            prompt: Which two states signed the Anti-Comintern Pact in 1936?
            options: [Germany, Italy, Japan, Poland]
            answer: [Germany, Japan]
            marks: 2
          - type: true_false
            statement: The USSR joined the League of Nations in 1934.
            answer: true
          - type: true_false
            statement: The Nazi–Soviet Pact was signed in 1941.
            answer: false
          - type: gap_fill
            text: In [[1934]] the USSR joined the [[League of Nations]].
            word_bank: true
            distractors: [Comintern, "1933"]
            marks: 2
      - title: Part B
        questions:
          - type: match
            from: glossary
            terms: [Comintern, Appeasement, Autarky, Purge]
            marks: 4
          - type: match
            prompt: Match each commissar to his years in office.
            pairs:
              - [Chicherin, Commissar for Foreign Affairs 1918–1930]
              - [Litvinov, Commissar for Foreign Affairs 1930–1939]
              - [Molotov, Commissar for Foreign Affairs from 1939]
            marks: 3
          - type: order
            from: events
            events: [pact, rapallo, league, berlin]
            marks: 2
          - type: order
            items: [Comintern founded, Treaty of Rapallo, USSR joins the League]
          - type: short
            prompt: Give two reasons why Germany co-operated with Soviet Russia in the 1920s.
            answer: Both were outcasts after 1919; Germany could train forces banned by Versailles.
            lines: 4
            marks: 2
          - type: extended
            prompt: How consistent was Stalin's foreign policy, 1924–1941?
            marks: 20
            space: 1 page
            mark_scheme:
              - "Level 2 (11–20): a sustained judgement"
              - "Level 1 (1–10): a description"
"""
VERSIONS = "ABC"


def flat(text: str) -> str:
    return " ".join(text.split())


def pages_text(pdf: Path) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(pdf).pages]


def question_segment(text: str, start: str) -> str:
    """The text of one question: from its prompt to the next question number or page footer."""
    at = text.index(flat(start))
    rest = text[at + len(flat(start)):]
    end = re.search(r" \d{1,2}\. (?=[A-Z])| Page \d+ of \d+|Total:", rest)
    segment = rest[: end.start()] if end else rest
    return re.sub(r" \[\d+\]$", "", segment.strip())  # the marks cell comes last


@pytest.fixture(scope="module")
def quiz(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    folder = tmp_path_factory.mktemp("quiz")
    unit = folder / "quiz.yaml"
    unit.write_text(ALL_TYPES, encoding="utf-8")
    report = build(Request(paths=(unit,), out=folder / "out", settings=Settings(only=("worksheet",))))
    assert report.ok, report.all_problems()
    return yaml.safe_load(ALL_TYPES), folder / "out" / "quiz"


def questions(data: dict) -> list[dict]:
    return [q for part in data["worksheets"][0]["sections"] for q in part["questions"]]


def sheet_and_key(out: Path, version: str) -> tuple[str, str]:
    return (" ".join(pages_text(out / f"worksheet-all-types-{version}.pdf")),
            " ".join(pages_text(out / f"worksheet-all-types-{version}-key.pdf")))


def key_answer(key: str, prompt: str) -> str:
    """What the key prints under a question: the answer line, then any details."""
    return question_segment(key, prompt)


@pytest.mark.parametrize("version", VERSIONS)
def test_choice_letters_in_the_key_point_at_the_right_options(quiz, version: str) -> None:
    data, out = quiz
    sheet, key = sheet_and_key(out, version)
    for question in (q for q in questions(data) if q["type"] == "choice"):
        answers = question["answer"] if isinstance(question["answer"], list) else [question["answer"]]
        letters = re.match(r"([A-Z](?:, [A-Z])*) — ", key_answer(key, question["prompt"])).group(1).split(", ")
        segment = question_segment(sheet, question["prompt"])
        options = {re.search(rf"([A-Z]) {re.escape(o)}", segment).group(1): o for o in question["options"]}
        assert sorted(options.values()) == sorted(question["options"])
        assert sorted(options[letter] for letter in letters) == sorted(answers)


@pytest.mark.parametrize("version", VERSIONS)
def test_true_false_answers(quiz, version: str) -> None:
    data, out = quiz
    sheet, key = sheet_and_key(out, version)
    for question in (q for q in questions(data) if q["type"] == "true_false"):
        assert "Circle True or False. True False" in question_segment(sheet, question["statement"])
        assert key_answer(key, question["statement"]).startswith("True" if question["answer"] else "False")


@pytest.mark.parametrize("version", VERSIONS)
def test_gaps_hide_their_answers_and_the_key_fills_them(quiz, version: str) -> None:
    data, out = quiz
    sheet, key = sheet_and_key(out, version)
    (question,) = (q for q in questions(data) if q["type"] == "gap_fill")
    segment = question_segment(sheet, "In (1)")
    blanks = re.findall(r"_+", segment)
    assert len(blanks) == 2 and len(set(blanks)) == 1  # equal length: no hint from the blank's size
    gaps = re.findall(r"\[\[(.*?)\]\]", question["text"])
    bank = segment.split("Word bank:")[1]
    for word in [*gaps, *question["distractors"]]:
        assert word in bank
        assert word not in segment.split("Word bank:")[0]
    assert "In 1934 the USSR joined the League of Nations." in key
    assert " · ".join(f"({n}) {gap}" for n, gap in enumerate(gaps, start=1)) in key


@pytest.mark.parametrize("version", VERSIONS)
def test_matching_pairs_in_the_key_join_the_right_items_on_the_sheet(quiz, version: str) -> None:
    data, out = quiz
    sheet, key = sheet_and_key(out, version)
    glossary = {g["term"]: g["definition"] for g in data["glossary"]}
    matches = [q for q in questions(data) if q["type"] == "match"]
    pair_sets = [[(t, glossary[t]) for t in matches[0]["terms"]], [tuple(p) for p in matches[1]["pairs"]]]
    prompts = ["Match each term with its definition.", "Match each commissar to his years in office."]
    for pairs, prompt in zip(pair_sets, prompts, strict=True):
        segment = question_segment(sheet, prompt)
        links = dict(re.findall(r"(\d+) ([A-Z])\b", key_answer(key, prompt))[: len(pairs)])
        for left, right in pairs:
            number = re.search(rf"(\d+) {re.escape(left)} ", segment).group(1)
            letter = re.search(rf"([A-Z]) {re.escape(right)}", segment).group(1)
            assert links[number] == letter, (left, right)


@pytest.mark.parametrize("version", VERSIONS)
def test_order_keys_give_the_chronological_order_with_dates(quiz, version: str) -> None:
    data, out = quiz
    sheet, key = sheet_and_key(out, version)
    events = sorted(data["events"], key=lambda e: e["date"])
    prompt = "Put these events in the order in which they happened."
    segment = question_segment(sheet, prompt)
    letter_of = {e["title"]: re.search(rf"([A-Z]) {re.escape(e['title'])}", segment).group(1) for e in events}
    assert "1922" not in segment and "April" not in segment  # no dates on the sheet
    rank = {letter_of[e["title"]]: n for n, e in enumerate(events, start=1)}
    assert key_answer(key, prompt).startswith(" · ".join(f"{letter} {rank[letter]}" for letter in sorted(rank)))
    assert "Treaty of Rapallo signed (16 April 1922)" in key


def test_a_version_shuffles_questions_and_options_but_not_the_answers(quiz) -> None:
    _, out = quiz
    sheets = [sheet_and_key(out, v)[0] for v in VERSIONS]
    assert len(set(sheets)) == 3
    orders = [re.findall(r"(?:Which treaty|Which two states|The USSR joined|The Nazi)", s) for s in sheets]
    assert len({tuple(o) for o in orders}) > 1


def _part_a(data: dict) -> list[str]:
    """How each question of Part A starts on the sheet and in the key (a pattern), in the written order."""
    return [re.escape((q.get("prompt") or q.get("statement"))[:14]) if q["type"] != "gap_fill"
            else r"(?:Fill each gap[^.]*\.[^.]*\. )?In \(?1" for q in data["worksheets"][0]["sections"][0]["questions"]]


def _numbers(text: str, data: dict) -> list[int]:
    """The numbers printed before Part A's questions, in the written order of the questions."""
    return [int(re.search(rf"(\d+)\. {start}", text).group(1)) for start in _part_a(data)]


def _options_order(sheet: str, question: dict) -> list[str]:
    segment = question_segment(sheet, question["prompt"])
    return sorted(question["options"], key=segment.index)


def test_version_a_keeps_the_written_order_and_the_other_versions_shuffle(quiz) -> None:
    data, out = quiz
    choice = questions(data)[0]
    sheet_a, key_a = sheet_and_key(out, "A")
    assert _numbers(sheet_a, data) == _numbers(key_a, data) == [1, 2, 3, 4, 5]
    assert _options_order(sheet_a, choice) == choice["options"]
    assert re.match(r"B — Treaty of Rapallo", key_answer(key_a, choice["prompt"]))  # the second option, as written
    shuffled = [sheet_and_key(out, version)[0] for version in VERSIONS[1:]]
    assert all(_numbers(sheet, data) != [1, 2, 3, 4, 5] for sheet in shuffled)


@pytest.mark.parametrize("versions", [1, 2])
def test_shuffle_true_shuffles_version_a_too(unit_file, tmp_path: Path, versions: int) -> None:
    unit = unit_file(ALL_TYPES.replace("versions: 3", f"versions: {versions}\n    shuffle: true"))
    report = build(Request(paths=(unit,), out=tmp_path, settings=Settings(only=("worksheet",))))
    assert report.ok, report.all_problems()
    name = "worksheet-all-types-A" if versions > 1 else "worksheet-all-types"
    data = yaml.safe_load(ALL_TYPES)
    sheet = " ".join(pages_text(tmp_path / "quiz" / f"{name}.pdf"))
    key = " ".join(pages_text(tmp_path / "quiz" / f"{name}-key.pdf"))
    assert _numbers(sheet, data) == _numbers(key, data) != [1, 2, 3, 4, 5]


@pytest.mark.parametrize("version", VERSIONS)
def test_every_page_carries_the_version_and_keys_say_teacher_copy(quiz, version: str) -> None:
    _, out = quiz
    for page in pages_text(out / f"worksheet-all-types-{version}.pdf"):
        assert f"Version {version}" in page and "Answer key" not in page
    for page in pages_text(out / f"worksheet-all-types-{version}-key.pdf"):
        assert "Answer key — teacher copy" in page and f"Version {version}" in page


def test_marks_per_question_and_the_total(quiz) -> None:
    data, out = quiz
    sheet, key = sheet_and_key(out, "A")
    total = sum(q.get("marks", 1) for q in questions(data))
    assert f"Total: ______ / {total}" in sheet and f"Total: {total} marks" in key
    assert len(re.findall(r"\[\d+\]", sheet)) == len(questions(data))
    assert "Part A (7 marks)" in sheet and "Part B (32 marks)" in sheet  # the parts' subtotals
    assert "Name" in sheet and "Class" in sheet and "Date" in sheet
    assert "2 11–20 a sustained judgement" in key and "Mark scheme" in key
    assert "Germany could train forces banned by Versailles." in key


def test_one_version_has_no_letter(unit_file, tmp_path: Path) -> None:
    unit = unit_file(ALL_TYPES.replace("versions: 3", "versions: 1"))
    build(Request(paths=(unit,), out=tmp_path, settings=Settings(only=("worksheet",))))
    assert sorted(p.name for p in (tmp_path / "quiz").glob("*.pdf")) == [
        "worksheet-all-types-key.pdf", "worksheet-all-types.pdf"]
    assert "Version" not in " ".join(pages_text(tmp_path / "quiz" / "worksheet-all-types.pdf"))


def test_versions_from_the_command_line(unit_file, tmp_path: Path) -> None:
    unit = unit_file(ALL_TYPES)
    build(Request(paths=(unit,), out=tmp_path, settings=Settings(only=("worksheet",), versions=2)))
    assert len(list((tmp_path / "quiz").glob("*.pdf"))) == 4


def test_a_generated_question_follows_the_source(unit_file, tmp_path: Path) -> None:
    """Move an event's date and the order question's key changes with it."""
    keys = []
    for text in (ALL_TYPES, ALL_TYPES.replace("date: 1922-04-16", "date: 1940-04-16")):
        unit = unit_file(text.replace("versions: 3", "versions: 1"))
        build(Request(paths=(unit,), out=tmp_path, settings=Settings(only=("worksheet",))))
        key = " ".join(pages_text(tmp_path / "quiz" / "worksheet-all-types-key.pdf"))
        keys.append(key)
    assert re.search(r"1\. [A-Z] — Treaty of Rapallo signed \(16 April 1922\)", keys[0])
    assert re.search(r"4\. [A-Z] — Treaty of Rapallo signed \(16 April 1940\)", keys[1])


def test_a_question_taller_than_a_page_is_a_located_error(unit_file, tmp_path: Path) -> None:
    long_prompt = "Give two reasons why Germany co-operated with Soviet Russia in the 1920s. " * 50
    unit = unit_file(ALL_TYPES.replace("lines: 4", "lines: 20").replace(
        "prompt: Give two reasons why Germany co-operated with Soviet Russia in the 1920s.", f"prompt: {long_prompt}"))
    report = build(Request(paths=(unit,), out=tmp_path))
    (problem,) = report.all_problems()
    assert problem.path == "worksheets[0].sections[1].questions[4].prompt"
    assert problem.message.startswith("the question is taller than a page") and problem.line == 62
    assert not (tmp_path / "quiz").exists()


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_shipped_worksheets_build_on_both_papers(shipped: Callable[[str], Path], paper: str) -> None:
    folder = shipped(paper)
    files = sorted(p.name for p in folder.glob("worksheet-*.pdf"))
    assert "worksheet-revolution-and-diplomacy-B-key.pdf" in files and "worksheet-using-sources-sources.pdf" in files
    assert len(files) == 11  # four worksheets and their keys, one in two versions; one sources insert
    expected = (612, 792) if paper == "letter" else (595, 842)
    for name in files:
        for page in PdfReader(folder / name).pages:
            assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == expected


def test_a_part_heading_never_ends_a_page(shipped: Callable[[str], Path]) -> None:
    for pdf in shipped("letter").glob("worksheet-*.pdf"):
        for line in last_lines(pdf)[:-1]:
            assert not re.search(r"\(\d+ marks?\)$", line), (pdf.name, line)


def test_counted_questions_pick_the_same_items_in_every_version(unit_file, tmp_path: Path) -> None:
    text = (ALL_TYPES.replace("terms: [Comintern, Appeasement, Autarky, Purge]", "count: 3")
            .replace("events: [pact, rapallo, league, berlin]", "count: 3"))
    build(Request(paths=(unit_file(text),), out=tmp_path, settings=Settings(only=("worksheet",))))
    chosen = []
    for version in VERSIONS:
        key = " ".join(pages_text(tmp_path / "quiz" / f"worksheet-all-types-{version}-key.pdf"))
        terms = sorted(re.findall(r"\d [A-Z]: (Comintern|Appeasement|Autarky|Purge) —", key))
        events = sorted(re.findall(r"\d\. [A-Z] — ([^(.]+?) \((?:\d+ )?[A-Z][a-z]+ \d{4}\)", key))
        assert len(terms) == 3 and len(events) == 3
        chosen.append((terms, events))
    assert chosen[0] == chosen[1] == chosen[2]


def test_numbers_in_options_and_answers_print_as_written(unit_file, tmp_path: Path) -> None:
    """PyYAML reads 3.10 as 3.1 and +44 as 44: the key must still say "C — 3.10" for Python 3.10."""
    unit = unit_file("""\
        format: 1
        unit: {id: numbers, title: Python 3.10}
        worksheets:
          - id: quiz
            title: Version 007
            questions:
              - {type: choice, prompt: Which Python?, options: [1.1, 1.10, 3.10], answer: 3.10}
              - {type: short, prompt: The code for the UK?, answer: +44, marks: 2}
              - {type: gap_fill, text: "Half is [[.5]] or [[0.50]].", word_bank: true, distractors: [1.50]}
        """)
    report = build(Request(paths=(unit,), out=tmp_path / "out", settings=Settings(only=("worksheet",))))
    assert report.ok, report.all_problems()
    sheet = " ".join(pages_text(tmp_path / "out" / "numbers" / "worksheet-quiz.pdf"))
    key = " ".join(pages_text(tmp_path / "out" / "numbers" / "worksheet-quiz-key.pdf"))
    assert "Python 3.10" in sheet and "Version 007" in sheet
    options = re.findall(r"\b[A-C] (\S+)", question_segment(sheet, "Which Python?"))
    assert sorted(options) == ["1.1", "1.10", "3.10"]
    assert "C — 3.10" in key
    assert "+44" in key_answer(key, "The code for the UK?")
    assert all(word in sheet for word in (".5", "0.50", "1.50"))


def test_word_bank_shows_answers_that_print_alike_once(unit_file, tmp_path: Path) -> None:
    """Two gaps whose answers print alike (``Lenin``, ``*Lenin*``) give one word in the bank, not
    "Lenin · Lenin"; the key still gives each gap its answer."""
    unit = unit_file("""\
        format: 1
        unit: {id: bank, title: Bank}
        worksheets:
          - id: quiz
            title: Quiz
            questions:
              - {type: gap_fill, text: "[[Lenin]] led in 1917; [[*Lenin*]] died; the treaty was [[Rapallo]].", word_bank: true}
        """)
    report = build(Request(paths=(unit,), out=tmp_path / "out", settings=Settings(only=("worksheet",))))
    assert report.ok, report.all_problems()
    sheet = " ".join(pages_text(tmp_path / "out" / "bank" / "worksheet-quiz.pdf"))
    key = " ".join(pages_text(tmp_path / "out" / "bank" / "worksheet-quiz-key.pdf"))
    bank = sheet.split("Word bank:")[1]
    assert bank.count("Lenin") == 1 and "Rapallo" in bank
    assert "(1) Lenin · (2) Lenin · (3) Rapallo" in key


@pytest.mark.parametrize("name", ["worksheet-big.pdf", "worksheet-big-key.pdf"])
def test_four_digit_marks_print_on_one_line_beside_the_question(unit_file, tmp_path: Path, name: str) -> None:
    """``marks: 1000`` is allowed: "[1000]" stays whole in its column, clear of a prompt that
    fills the line."""
    unit = unit_file("""\
        format: 1
        unit: {id: big, title: Big marks}
        worksheets:
          - id: big
            title: Big
            questions:
              - type: short
                prompt: Explain why the Treaty of Rapallo mattered so much to both Germany and the Soviet Union in 1922.
                answer: Both were isolated.
                marks: 1000
              - {type: short, prompt: And the next?, answer: Yes, marks: 2}
        """)
    report = build(Request(paths=(unit,), out=tmp_path / "out", settings=Settings(only=("worksheet",))))
    assert report.ok, report.all_problems()
    pdf = tmp_path / "out" / "big" / name
    with pdfplumber.open(pdf) as document:
        words = document.pages[0].extract_words()
    (marks,) = [w for w in words if w["text"].startswith("[1000")]
    assert marks["text"] == "[1000]"
    beside = [w for w in words if w is not marks and w["top"] < marks["bottom"] and w["bottom"] > marks["top"]]
    assert beside and all(w["x1"] + 3 <= marks["x0"] for w in beside), beside  # the prompt ends before the marks
    assert "[2]" in [w["text"] for w in words]
    assert not overlapping_words(pdf)


# --- pages laid out like an exam paper (issue 15) ----------------------------------------------

def _short(n: int, lines: int = 4) -> str:
    return (f"          - {{type: short, prompt: Explain point {n} of the treaty in your own words., "
            f"answer: Point {n}., lines: {lines}, marks: 2}}\n")


def _essay(n: int, space: str, marks: int = 20) -> str:
    return (f"          - {{type: extended, prompt: How far was question {n} about ideology?, marks: {marks}, "
            f"space: {space}, mark_scheme: [\"Level 1 (1–{marks}): any answer\"]}}\n")


def _choice(n: int) -> str:
    return (f"          - {{type: choice, prompt: Which treaty is number {n}?, options: [Rapallo, Berlin, Riga, Locarno], "
            f"answer: Riga}}\n")


def _worksheet(sections: list[tuple[str, str]], title: str = "Pages", versions: int = 1) -> str:
    """A unit with one worksheet of these sections, each (extra YAML lines of the section, its questions)."""
    text = (f"format: 1\nunit: {{id: pages, title: Page unit}}\nworksheets:\n  - id: pages\n    title: {title}\n"
            f"    versions: {versions}\n    instructions: Answer every question.\n    sections:\n")
    for n, (extra, questions) in enumerate(sections):
        text += f"      - title: 'Part {'ABCDEFG'[n]}'\n{extra}        questions:\n{questions}"
    return text


SHORT_SHEET = _worksheet([("", _choice(1) + _short(2) + _short(3))])
LONG_SHEET = _worksheet([("", "".join(_choice(n) for n in range(1, 16))),
                         ("", "".join(_short(n, 3 + n % 4) for n in range(16, 34)))])
ESSAY_SHEET = _worksheet([("", _short(1) + _short(2, 6) + _short(3, 5)),
                          ("", _essay(4, "1 page") + _short(5, 8) + _essay(6, "2 pages") + _short(7)
                           + _essay(8, "20 lines") + _essay(9, "2 pages"))])
ANSWER_ONE = _worksheet([("", _choice(1) + _short(2)),
                         ("        answer: 1\n", _essay(3, "2 pages") + _essay(4, "2 pages") + _essay(5, "2 pages"))])


def _build_sheet(unit_file: Callable[..., Path], folder: Path, text: str, paper: str = "a4") -> Path:
    settings = Settings(only=("worksheet",), paper=paper)
    report = build(Request(paths=(unit_file(text, name=f"{paper}/pages.yaml"),), out=folder / paper, settings=settings))
    assert report.ok, report.all_problems()
    return folder / paper / "pages"


def _body(page: pdfplumber.page.Page) -> tuple[list[dict], list[dict]]:
    """The words and the ruled answer lines of a page, between its header and footer rules."""
    rules = sorted(line["top"] for line in page.lines if abs(line["top"] - line["bottom"]) < 0.5
                   and line["x1"] - line["x0"] > page.width * 0.6)
    top, bottom = rules[0], rules[-1]  # the header's and the footer's rules
    words = [w for w in page.extract_words() if top + 2 < w["top"] and w["bottom"] < bottom - 2]
    lines = [line for line in page.lines if abs(line["top"] - line["bottom"]) < 0.5 and top + 2 < line["top"] < bottom - 2
             and line["x1"] - line["x0"] > 150]
    return words, lines


def _starts(words: list[dict]) -> list[dict]:
    """The words that number a question ("12.") at the left of the page, or head a shared answer space."""
    return [w for w in words if (re.fullmatch(r"\d+\.", w["text"]) and w["x0"] < 70) or w["text"] == "Number"]


def _pages_without_a_question_are_full(pdf: Path) -> None:
    """Every page starts a question, or is ruled from its top to near its foot (an answer that
    goes on over a whole page): no page of a few lines, no page with only the total."""
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, start=1):
            words, lines = _body(page)
            if _starts(words):
                continue
            rules = sorted(line["top"] for line in lines)
            text = " ".join(w["text"] for w in words)
            assert len(rules) >= 20, (pdf.name, number, len(rules), text)
            height = page.height - 2 * 50
            assert rules[-1] - rules[0] > height * 0.75, (pdf.name, number, text)


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("text", [SHORT_SHEET, LONG_SHEET, ESSAY_SHEET, ANSWER_ONE], ids=["short", "long", "essays", "answer-one"])
def test_no_page_holds_only_answer_lines_or_the_total(unit_file, tmp_path: Path, text: str, paper: str) -> None:
    out = _build_sheet(unit_file, tmp_path, text, paper)
    for name in ("worksheet-pages.pdf", "worksheet-pages-key.pdf"):
        _pages_without_a_question_are_full(out / name)
    with pdfplumber.open(out / "worksheet-pages.pdf") as document:
        last = document.pages[-1]
        words, lines = _body(last)
        total = next(w for w in words if w["text"] == "Total:")
        # the total sits under the last question's lines (or its row), never alone
        assert _starts(words) or len([line for line in lines if line["top"] < total["top"]]) >= 8


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_shipped_worksheets_have_no_page_of_stray_lines_or_total(shipped: Callable[[str], Path], paper: str) -> None:
    for pdf in sorted(shipped(paper).glob("worksheet-*.pdf")):
        if not pdf.name.endswith("-sources.pdf"):  # an insert holds sources, no questions
            _pages_without_a_question_are_full(pdf)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_question_stem_shares_its_page_with_its_first_answer_line(unit_file, tmp_path: Path, paper: str) -> None:
    """Every question of the essay-heavy sheet (short answers and essays) has an answer line under
    its stem on the stem's page, and no page before an essay is left mostly empty."""
    out = _build_sheet(unit_file, tmp_path, ESSAY_SHEET, paper)
    seen = []
    with pdfplumber.open(out / "worksheet-pages.pdf") as document:
        for page in document.pages:
            words, lines = _body(page)
            starts = sorted(_starts(words), key=lambda w: w["top"])
            for index, start in enumerate(starts):
                below = starts[index + 1]["top"] if index + 1 < len(starts) else page.height
                assert any(start["top"] < line["top"] < below for line in lines), (page.page_number, start["text"])
                seen.append(start["text"])
            lowest = max([w["bottom"] for w in words] + [line["top"] for line in lines])
            if page.page_number < len(document.pages):  # no page is left more than 40 % empty
                assert lowest > page.height * 0.55, (page.page_number, lowest)
    assert seen == [f"{n}." for n in range(1, 10)]


def _answer_lines(document: pdfplumber.PDF) -> list[list[dict]]:
    """The ruled answer lines of each page: the horizontal lines as wide as most of them."""
    pages = [[line for line in page.lines if abs(line["top"] - line["bottom"]) < 0.5 and line["x1"] - line["x0"] > 150]
             for page in document.pages]
    widths = Counter(round(line["x1"] - line["x0"]) for page in pages for line in page)
    width = widths.most_common(1)[0][0]
    return [[line for line in page if abs(line["x1"] - line["x0"] - width) < 1.5] for page in pages]


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("kind", ["extended", "short"])
def test_many_lines_asked_run_over_pages_with_no_page_of_header_or_total_alone(unit_file, tmp_path: Path, kind: str,
                                                                                paper: str) -> None:
    """More than 20 lines (up to 99 for an essay, 40 for a short answer) go after the question's
    row and run over pages: page one holds the question and its first lines, the last page the
    last lines and the total, and the sheet has as many lines as asked."""
    for count in (20, 22, 24, 27, 30, 33, 40):
        question = (_essay(1, f"{count} lines") if kind == "extended" else _short(1, count))
        out = _build_sheet(unit_file, tmp_path / str(count), _worksheet([("", question)]), paper)
        with pdfplumber.open(out / "worksheet-pages.pdf") as document:
            lines = _answer_lines(document)
            assert sum(len(page) for page in lines) == count, (count, [len(page) for page in lines])
            assert all(len(page) >= 2 for page in lines), (count, [len(page) for page in lines])
            last = document.pages[-1]
            total = next(w for w in last.extract_words() if w["text"] == "Total:")
            assert len([line for line in lines[-1] if line["top"] < total["top"]]) >= 2, count
            assert "1." in [w["text"] for w in document.pages[0].extract_words()]


def test_in_an_answer_n_part_every_question_writes_in_the_shared_space(unit_file, tmp_path: Path) -> None:
    essays = _essay(1, "20 lines") + _essay(2, "20 lines") + _essay(3, "12 lines")
    out = _build_sheet(unit_file, tmp_path, _worksheet([("        answer: 2\n", essays)]))
    with pdfplumber.open(out / "worksheet-pages.pdf") as document:
        lines = sum(len(page) for page in _answer_lines(document))
        sheet = " ".join(page.extract_text() for page in document.pages)
    assert flat(sheet).count("Number of the question you answer") == 2
    assert lines == 2 * 20  # two shared spaces as long as the longest essay's, none under the essays


def _grid(pdf: Path) -> list[list[str]]:
    """The marks grid of page one: its rows of cells, as text."""
    with pdfplumber.open(pdf) as document:
        tables = document.pages[0].extract_tables()
    (grid,) = [t for t in tables if t and t[0] and t[0][0] in ("Part", "Question")]
    return [[flat(cell or "") for cell in row] for row in grid]


def test_answer_one_question_counts_one_question_in_the_part_and_the_total(unit_file, tmp_path: Path) -> None:
    out = _build_sheet(unit_file, tmp_path, ANSWER_ONE)
    sheet = " ".join(pages_text(out / "worksheet-pages.pdf"))
    key = " ".join(pages_text(out / "worksheet-pages-key.pdf"))
    for text in (sheet, key):
        assert "Part B (20 marks)" in text and "Answer ONE question." in text
    assert "Total: ______ / 23" in sheet and "Total: 23 marks" in key  # 1 + 2 + 20, not 1 + 2 + 60
    for pdf in (out / "worksheet-pages.pdf", out / "worksheet-pages-key.pdf"):
        assert _grid(pdf) == [["Part", "Marks", "Out of"], ["Part A", "", "3"], ["Part B", "", "20"], ["Total", "", "23"]]
    # one shared space for the one essay written, after all three questions, not three
    assert sheet.count("Number of the question you answer") == 1
    assert sheet.index("question 5 about ideology") < sheet.index("Number of the question you answer")
    assert "Write your answer on the lines." not in sheet  # under each essay, where no lines follow
    with pdfplumber.open(out / "worksheet-pages.pdf") as document:
        ruled = sum(len(_body(page)[1]) for page in document.pages)
    assert ruled < 3 * 30  # two pages of lines, give or take the fitting; three essays would need six


def test_two_of_three_and_other_languages(unit_file, tmp_path: Path) -> None:
    text = ANSWER_ONE.replace("answer: 1", "answer: 2").replace("unit: {id: pages, title: Page unit}",
                                                                "unit: {id: pages, title: Page unit, language: de}")
    out = _build_sheet(unit_file, tmp_path, text)
    sheet = " ".join(pages_text(out / "worksheet-pages.pdf"))
    assert "Bearbeite ZWEI Arbeitsaufträge." in sheet and "(40 Punkte)" in sheet
    assert sheet.count("Nummer der Frage, die du beantwortest") == 2


@pytest.mark.parametrize(("answer", "marks", "message"), [
    ("answer: 3", "", "`answer: 3` asks for 3 of the part's 3 questions"),
    ("answer: 1", "marks: 25", "students choose among questions worth different marks (20, 25)"),
])
def test_answer_needs_fewer_questions_worth_the_same(unit_file, tmp_path: Path, answer: str, marks: str,
                                                     message: str) -> None:
    text = ANSWER_ONE.replace("answer: 1", answer)
    if marks:
        text = text.replace("question 5 about ideology?, marks: 20", "question 5 about ideology?, marks: 25")
    report = build(Request(paths=(unit_file(text),), out=tmp_path, settings=Settings(only=("worksheet",))))
    (problem,) = report.all_problems()
    assert problem.path == "worksheets[0].sections[1].answer" and problem.message == message


def test_answer_is_at_least_one(unit_file, tmp_path: Path) -> None:
    report = build(Request(paths=(unit_file(ANSWER_ONE.replace("answer: 1", "answer: 0")),), out=tmp_path))
    (problem,) = report.all_problems()
    assert problem.path == "worksheets[0].sections[1].answer"


@pytest.mark.parametrize("value", ["true", "false", "1.5"])
def test_answer_is_a_whole_number_not_a_yes(unit_file, tmp_path: Path, value: str) -> None:
    report = build(Request(paths=(unit_file(ANSWER_ONE.replace("answer: 1", f"answer: {value}")),), out=tmp_path))
    (problem,) = report.all_problems()
    assert problem.path == "worksheets[0].sections[1].answer"


def test_the_marks_grid_gives_each_part_or_question_its_marks(unit_file, tmp_path: Path) -> None:
    out = _build_sheet(unit_file, tmp_path, LONG_SHEET)
    assert _grid(out / "worksheet-pages.pdf") == [["Part", "Marks", "Out of"], ["Part A", "", "15"],
                                                  ["Part B", "", "36"], ["Total", "", "51"]]
    one_part = _worksheet([("", _choice(1) + _short(2) + _essay(3, "10 lines", 12))])
    out = _build_sheet(unit_file, tmp_path / "one", one_part)
    assert _grid(out / "worksheet-pages-key.pdf") == [["Question", "Marks", "Out of"], ["1", "", "1"], ["2", "", "2"],
                                                      ["3", "", "12"], ["Total", "", "15"]]


@pytest.mark.parametrize(("parts", "title"), [
    (50, "Part {n}"),
    (10, "Section {n}: " + "a source on the Treaty of Versailles, its terms and its consequences " * 3),
    (8, "Section {n}: on the Treaty of Versailles and its consequences for Germany and Europe"),
], ids=["fifty-parts", "very-long-titles", "long-titles"])
def test_the_marks_grid_stays_small_with_many_parts_or_long_titles(unit_file, tmp_path: Path, parts: int,
                                                                   title: str) -> None:
    """Up to eight parts a row each, a long title by its part's number; more parts, the total only:
    the first question starts on page one, under a grid of a few rows."""
    text = "format: 1\nunit: {id: pages, title: Page unit}\nworksheets:\n  - id: pages\n    title: Pages\n    sections:\n"
    for n in range(1, parts + 1):
        text += (f"      - title: '{title.format(n=n).strip()}'\n        questions:\n"
                 f"          - {{type: true_false, statement: Statement {n}., answer: true}}\n")
    out = _build_sheet(unit_file, tmp_path, text, "letter")
    grid = _grid(out / "worksheet-pages.pdf")
    if parts > 8:
        assert grid == [["Part", "Marks", "Out of"], ["Total", "", str(parts)]]
    else:
        assert grid[1:-1] == [[f"Part {n}", "", "1"] for n in range(1, parts + 1)]
    with pdfplumber.open(out / "worksheet-pages.pdf") as document:
        assert "1." in [w["text"] for w in document.pages[0].extract_words()]


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_long_title_wraps_before_the_version_badge(unit_file, tmp_path: Path, language: str) -> None:
    title = "Soviet foreign policy and the of question"  # on one line, it used to end 2 pt from the badge
    text = _worksheet([("", _choice(1) + _short(2))], title=title, versions=2).replace(
        "title: Page unit}", f"title: Page unit, language: {language}}}")
    out = _build_sheet(unit_file, tmp_path, text)
    with pdfplumber.open(out / "worksheet-pages-A.pdf") as document:
        page = document.pages[0]
        (badge,) = [r for r in page.rects if r["x1"] > page.width * 0.7 and r["top"] < 150]
        title_chars = [c for c in page.chars if c["size"] > 15]
    assert max(c["x1"] for c in title_chars) < badge["x0"] - 8


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("language", ["en", "de", "ru"])
def test_name_class_and_date_rules_end_before_the_next_label(unit_file, tmp_path: Path, paper: str,
                                                             language: str) -> None:
    text = SHORT_SHEET.replace("title: Page unit}", f"title: Page unit, language: {language}}}")
    out = _build_sheet(unit_file, tmp_path, text, paper)
    with pdfplumber.open(out / "worksheet-pages.pdf") as document:
        page = document.pages[0]
        words = page.extract_words()
        labels = {"en": ("Name", "Class", "Date"), "de": ("Name", "Klasse", "Datum"), "ru": ("Имя", "Класс", "Дата")}
        found = [next(w for w in words if w["text"] == label) for label in labels[language]]
        rules = sorted((line for line in page.lines if abs(line["top"] - found[0]["bottom"]) < 8
                        and abs(line["top"] - line["bottom"]) < 0.5), key=lambda line: line["x0"])
    assert len(rules) == 3
    for label, rule, following in zip(found, rules, [*found[1:], None], strict=True):
        assert rule["x0"] >= label["x1"]  # the rule starts after its label
        limit = following["x0"] if following else page.width - 40
        assert rule["x1"] <= limit - 8, (label["text"], rule["x1"], limit)  # and ends clear of the next


# --- sources ------------------------------------------------------------------------------------


def _sources_build(tmp_path: Path, paper: str = "a4", versions: int = 2) -> Path:
    unit = sources_unit(tmp_path / "unit", versions=versions)
    report = build(Request(paths=(unit,), out=tmp_path / "out", settings=Settings(paper=paper)))
    assert report.ok, report.all_problems()
    return tmp_path / "out" / "revolution"


def _text(pdf: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)


def _box_labels(pdf: Path) -> list[str]:
    """The labels of the source boxes, in order: the lines set in bold that name a source."""
    with pdfplumber.open(pdf) as document:
        lines = [line for page in document.pages for line in page.extract_text_lines()]
    return [line["text"] for line in lines if "Bold" in line["chars"][0]["fontname"]
            and re.fullmatch(r"(Source [A-Z]|Interpretation \d)( \(continued\))?", line["text"])]


def _prompts(text: str) -> dict[str, str]:
    """Each question's prompt by what it asks about (its number changes with the shuffle)."""
    found = re.findall(r"\d+\. ((?:What|How)[^?]*\?)", text)
    return {prompt.split()[-1]: prompt for prompt in found}


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_question_s_sources_print_before_it_lettered_as_the_worksheet_is_written(tmp_path: Path,
                                                                                    paper: str) -> None:
    out = _sources_build(tmp_path, paper)
    text = _text(out / "worksheet-inline-A.pdf")
    assert _box_labels(out / "worksheet-inline-A.pdf") == ["Source A", "Interpretation 1", "Source B"]
    assert ("Source A Camille Desmoulins, a letter to his father, July 1789 (adapted) The people were in the streets"
            in text)
    # each source once, before the first question that uses it
    assert text.count("By evening the fortress had fallen") == 1
    assert text.index("the city sang.") < text.index("1. What does Source A tell you") < text.index(
        "Interpretation 1 Georges Lefebvre") < text.index("2. How far does Interpretation 1 agree with Source A?")
    assert "What is the message of Source B? Write to office@school.org." in text
    assert "@" + "desmoulins" not in text
    assert not overlapping_words(out / "worksheet-inline-A.pdf")


def test_every_version_and_the_key_share_the_letters_of_the_worksheet_as_written(tmp_path: Path) -> None:
    out = _sources_build(tmp_path, versions=2)
    prompts = {name: _prompts(_text(out / f"worksheet-inline-{name}.pdf")) for name in ("A", "B", "A-key", "B-key")}
    assert all(found == prompts["A"] for found in prompts.values()), prompts
    assert prompts["A"]["Paris?"] == "What does Source A tell you about the mood in Paris?"
    assert prompts["A"]["A?"] == "How far does Interpretation 1 agree with Source A?"
    # version B prints its boxes in its own order of questions, with the same labels
    assert sorted(_box_labels(out / "worksheet-inline-B.pdf")) == ["Interpretation 1", "Source A", "Source B"]


def test_the_key_names_the_sources_without_printing_them(tmp_path: Path) -> None:
    out = _sources_build(tmp_path, versions=1)
    key = _text(out / "worksheet-inline-key.pdf")
    assert "Interpretation 1, Source A 2. How far does Interpretation 1 agree with Source A?" in key
    assert "the city sang" not in key and not _box_labels(out / "worksheet-inline-key.pdf")


def test_a_worksheet_with_an_insert_prints_its_sources_there_and_sends_students_to_it(tmp_path: Path) -> None:
    out = _sources_build(tmp_path)
    sheet, insert = _text(out / "worksheet-exam.pdf"), _text(out / "worksheet-exam-sources.pdf")
    # the insert: lettered as the worksheet is written (sieyes, lefebvre, cartoon, desmoulins), once for every version
    assert _box_labels(out / "worksheet-exam-sources.pdf") == ["Source A", "Interpretation 1", "Source B", "Source C"]
    assert insert.startswith("Exam practice Sources insert Source A Emmanuel Sieyès, a pamphlet, January 1789")
    assert "Source C Camille Desmoulins, a letter to his father, July 1789 (adapted)" in insert
    assert "Drawn for the tests, CC BY" in insert
    assert sorted(p.name for p in out.glob("worksheet-exam*")) == [
        "worksheet-exam-key.pdf", "worksheet-exam-sources.pdf", "worksheet-exam.pdf"]
    # the sheet: one line before the first question that uses them, and none of the extracts
    assert "Use Sources A, B and C and Interpretation 1 in the sources insert. 1. What does Source A say" in sheet
    assert sheet.count("sources insert") == 1
    assert "Everything." not in sheet and "the city sang" not in sheet and not _box_labels(out / "worksheet-exam.pdf")
    with pdfplumber.open(out / "worksheet-exam.pdf") as document:
        assert not any(page.images for page in document.pages)


def test_the_insert_is_worded_in_the_unit_s_language(tmp_path: Path) -> None:
    unit = sources_unit(tmp_path / "unit", language="de")
    assert build(Request(paths=(unit,), out=tmp_path / "out", settings=Settings(only=("worksheet",)))).ok
    sheet = _text(tmp_path / "out" / "revolution" / "worksheet-exam.pdf")
    insert = _text(tmp_path / "out" / "revolution" / "worksheet-exam-sources.pdf")
    assert "Verwende die Quellen A, B und C und die Darstellung 1 aus der Quellenbeilage." in sheet
    assert insert.startswith("Exam practice Quellenbeilage Quelle A Emmanuel Sieyès, a pamphlet, Januar 1789")


def test_an_edited_source_rebuilds_the_files_that_print_it_and_nothing_else(tmp_path: Path) -> None:
    unit = sources_unit(tmp_path / "unit", versions=1)
    out = tmp_path / "out"
    assert build(Request(paths=(unit,), out=out)).ok
    unit.write_text(unit.read_text(encoding="utf-8").replace("Everything.", "Everything, and nothing."), encoding="utf-8")
    report = build(Request(paths=(unit,), out=out))
    built = sorted(o.path.split("/")[-1] for u in report.units for o in u.outputs if o.state == "built")
    assert built == ["pack-key.pdf", "pack.pdf", "worksheet-exam-key.pdf", "worksheet-exam-sources.pdf",
                     "worksheet-exam.pdf"]
    unit.write_text(unit.read_text(encoding="utf-8").replace("the city sang", "the city danced"), encoding="utf-8")
    report = build(Request(paths=(unit,), out=out))
    built = sorted(o.path.split("/")[-1] for u in report.units for o in u.outputs if o.state == "built")
    assert "handout.pdf" in built and "worksheet-inline.pdf" in built and "worksheet-exam-sources.pdf" in built
    Image.new("RGB", (300, 200), "white").save(tmp_path / "unit" / "pictures" / "cartoon.png")
    with unit.open("a", encoding="utf-8") as file:  # a comment: the unit is read again, its outputs compared
        file.write("# the cartoon redrawn\n")
    report = build(Request(paths=(unit,), out=out))
    built = sorted(o.path.split("/")[-1] for u in report.units for o in u.outputs if o.state == "built")
    assert "handout.pdf" in built and "worksheet-inline.pdf" in built and "worksheet-exam-sources.pdf" in built


# --- pictures with questions (issue 19) ---------------------------------------------------------

def _picture(n: int, size: str, file: str = "pictures/crater.png") -> str:
    return f"picture: {{file: {file}, alt: Picture {n}, credit: Credit {n}, size: {size}}}"


PICTURE_SHEET = f"""\
format: 1
unit: {{id: volcanoes, title: Volcanoes}}
sections:
  - title: Volcanoes
    text: Magma rises through the crust.
worksheets:
  - id: pictures
    title: Looking at volcanoes
    questions:
      - {{type: choice, prompt: Name this volcano., options: [Etna, Fuji, Hekla], answer: Etna, {_picture(1, "small")}}}
      - {{type: true_false, prompt: The picture shows a crater., answer: true, {_picture(2, "medium")}}}
      - {{type: short, prompt: Name the layer the arrow points at., answer: The crust., lines: 3,
          {_picture(3, "large", "pictures/layers.svg")}}}
      - {{type: gap_fill, prompt: Complete the sentence., text: "Molten rock underground is called [[magma]].",
          {_picture(4, "small")}}}
      - {{type: match, prompt: Match each word to its meaning., pairs: [[Lava, Molten rock on the surface],
          [Ash, Fine rock dust], [Vent, The opening of a volcano]], marks: 3, {_picture(5, "medium")}}}
      - {{type: order, prompt: Put the stages of an eruption in order., items: [Magma rises, Pressure builds,
          The volcano erupts], {_picture(6, "large")}}}
      - {{type: extended, prompt: Explain how the crater was formed., marks: 6, space: 8 lines,
          mark_scheme: ["Level 1 (1–6): any explanation"], {_picture(7, "medium")}}}
"""
LAYERS_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 150" width="300" height="150">'
              '<rect x="0" y="0" width="300" height="150" fill="#ffcc99"/>'
              '<circle cx="150" cy="75" r="60" fill="#cc3300"/></svg>')
SHARE = {"small": 1 / 3, "medium": 1 / 2, "large": 1.0}


def _write_pictures(folder: Path) -> None:
    """The tests' own pictures: a crater photo (PNG, 3:2) and a diagram of layers (SVG, 2:1)."""
    (folder / "pictures").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (1200, 800), "sienna").save(folder / "pictures" / "crater.png")
    (folder / "pictures" / "layers.svg").write_text(LAYERS_SVG, encoding="utf-8")


def _build_pictures(folder: Path, paper: str = "a4", text: str = PICTURE_SHEET) -> Path:
    _write_pictures(folder)
    (folder / "unit.yaml").write_text(text, encoding="utf-8")
    report = build(Request(paths=(folder / "unit.yaml",), out=folder / "out",
                           settings=Settings(only=("worksheet",), paper=paper)))
    assert report.ok, report.all_problems()
    return folder / "out" / "volcanoes"


def _picture_boxes(document: pdfplumber.PDF) -> dict[int, tuple[pdfplumber.page.Page, dict]]:
    """Each question's picture (a raster image, or the SVG's background rect), by the number of
    its credit, found as the picture right above its credit line."""
    found = {}
    for page in document.pages:
        pictures = [*page.images, *(r for r in page.rects if r["non_stroking_color"] and r["height"] > 20
                                    and r["width"] / r["height"] == pytest.approx(2))]
        for line in page.extract_text_lines():
            if line["text"].startswith("Picture: Credit "):
                above = [p for p in pictures if 0 <= line["top"] - p["bottom"] < 8]
                assert len(above) == 1, line["text"]
                found[int(line["text"].removeprefix("Picture: Credit "))] = (page, above[0])
    return found


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_question_type_prints_its_picture_after_its_prompt_at_its_size(tmp_path: Path, paper: str) -> None:
    """On the sheet and in the key, each question's picture is its size's share of the question's
    text column wide (an SVG as vectors), centred in it, under the prompt and above what follows
    (options, lines, items), its credit under it, nothing drawn over it, inside the frame."""
    out = _build_pictures(tmp_path, paper)
    written = yaml.safe_load(PICTURE_SHEET)["worksheets"][0]["questions"]
    page_width, page_height = PAPER[paper]
    margins = load_theme().margins
    left, right = margins.left + NUMBER_WIDTH, page_width - margins.right - MARKS_WIDTH
    frame_height = page_height - margins.top - margins.bottom
    for name in ("worksheet-pictures.pdf", "worksheet-pictures-key.pdf"):
        with pdfplumber.open(out / name) as document:
            pictures = _picture_boxes(document)
            assert sorted(pictures) == list(range(1, 8)), name
            for n, (page, box) in pictures.items():
                question = written[n - 1]
                width = SHARE[question["picture"]["size"]] * (right - left)
                aspect = 2 if question["picture"]["file"].endswith(".svg") else 1.5
                width = min(width, 0.4 * frame_height * aspect)
                assert box["width"] == pytest.approx(width, abs=0.5), (name, n)
                assert box["height"] == pytest.approx(width / aspect, abs=0.5), (name, n)
                assert (box["x0"] + box["x1"]) / 2 == pytest.approx((left + right) / 2, abs=0.5), (name, n)
                assert margins.top <= box["top"] and box["bottom"] <= page_height - margins.bottom
                lines = page.extract_text_lines()
                prompt = next(t for t in lines if t["text"].startswith(f"{n}. {question['prompt'][:20]}"))
                assert prompt["bottom"] <= box["top"], (name, n)
                credit = next(t for t in lines if t["text"] == f"Picture: Credit {n}")
                assert (credit["x0"] + credit["x1"]) / 2 == pytest.approx((left + right) / 2, abs=1.5)
                below = [t for t in lines if t["top"] >= credit["bottom"]]
                assert below, (name, n)  # the rest of the question follows on the page
                over = [c["text"] for c in page.chars if c["x1"] > box["x0"] and c["x0"] < box["x1"]
                        and c["bottom"] > box["top"] + 0.5 and c["top"] < box["bottom"] - 0.5]
                ruled = [line for line in page.lines if box["top"] < line["top"] < credit["bottom"]]
                assert not over and not ruled, (name, n, over)
                if aspect == 2:  # the SVG: its circle drawn as curves inside its box
                    curves = [c for c in page.curves if box["top"] - 0.5 <= c["top"] and c["bottom"] <= box["bottom"] + 0.5]
                    assert curves and all(box["x0"] - 0.5 <= c["x0"] and c["x1"] <= box["x1"] + 0.5 for c in curves)
        assert not overlapping_words(out / name)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_picture_stays_on_the_page_of_its_question_and_its_first_answer_line(tmp_path: Path, paper: str) -> None:
    """However much comes before it, a question's prompt, picture and first answer line are on
    one page: the question moves to the next page whole."""
    for before in range(2, 9):
        shorts = "".join(f"      - {{type: short, prompt: Describe crater {k}., answer: A crater., lines: 4}}\n"
                         for k in range(before))
        text = PICTURE_SHEET.split("    questions:\n")[0] + "    questions:\n" + shorts + (
            f"      - {{type: short, prompt: Name the layer shown., answer: Crust., lines: 3, {_picture(1, 'large')}}}\n")
        out = _build_pictures(tmp_path / f"{paper}-{before}", paper, text)
        with pdfplumber.open(out / "worksheet-pictures.pdf") as document:
            (page, box) = _picture_boxes(document)[1]
            assert f"{before + 1}. Name the layer shown." in page.extract_text()
            rules = [line for line in page.lines if line["top"] > box["bottom"] and line["x1"] - line["x0"] > 200
                     and line["top"] < page.height - load_theme().margins.bottom]
            assert rules, before


def test_a_blurred_question_picture_is_one_warning_at_its_line(tmp_path: Path) -> None:
    """A raster printed below 150 dpi is a warning at its ``file:`` line, said once for the sheet
    and its key; the sheet is still written."""
    _write_pictures(tmp_path)
    Image.new("RGB", (90, 60), "sienna").save(tmp_path / "pictures" / "tiny.png")
    unit = tmp_path / "unit.yaml"
    unit.write_text(PICTURE_SHEET.replace("{file: pictures/crater.png, alt: Picture 6",
                                          "{file: pictures/tiny.png, alt: Picture 6"), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(unit), "--out", str(tmp_path / "out"), "--only", "worksheet"])
    assert result.exit_code == 0, result.output
    line = 1 + next(i for i, text in enumerate(unit.read_text(encoding="utf-8").splitlines()) if "tiny.png" in text)
    warnings = [w for w in result.stderr.splitlines() if "dots per inch" in w]
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith(f"warning: {unit}:{line}:")
    assert "(pictures).questions[5].picture.file: the picture prints at" in warnings[0]
    assert (tmp_path / "out" / "volcanoes" / "worksheet-pictures-key.pdf").is_file()


def test_editing_a_question_picture_rebuilds_the_sheet_and_its_key_not_the_handout(tmp_path: Path) -> None:
    _write_pictures(tmp_path)
    unit = tmp_path / "unit.yaml"
    unit.write_text(PICTURE_SHEET, encoding="utf-8")
    settings = Settings(only=("worksheet", "handout"))

    def built() -> list[str]:
        report = build(Request(paths=(unit,), out=tmp_path / "out", settings=settings))
        assert report.ok, report.all_problems()
        return sorted(o.path.split("/")[1] for u in report.units for o in u.outputs if o.state == "built")

    assert built() == ["handout.pdf", "worksheet-pictures-key.pdf", "worksheet-pictures.pdf"]
    assert built() == []
    Image.new("RGB", (1200, 800), "firebrick").save(tmp_path / "pictures" / "crater.png")
    assert built() == ["worksheet-pictures-key.pdf", "worksheet-pictures.pdf"]


def test_a_worksheet_with_pictures_repeats_its_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first, second = _build_pictures(tmp_path / "a"), _build_pictures(tmp_path / "b")
    for name in ("worksheet-pictures.pdf", "worksheet-pictures-key.pdf"):
        assert (first / name).read_bytes() == (second / name).read_bytes()
