"""``type: source``: each exam form's wording from its sources' labels, its writing space, and the
levelled mark scheme in the key only, read back from built worksheets."""

from __future__ import annotations

import textwrap
from itertools import pairwise
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from compiler.build import Request, build
from compiler.errors import ProblemsFound
from compiler.outputs import Settings
from compiler.questions.planning import QuestionContext
from compiler.questions.source.plan import bands, level_count
from compiler.questions.source.plan import plan as plan_source
from compiler.source import load_text
from compiler.theme import load_theme
from compiler.validate import validate_unit
from compiler.wording import Wording
from tests.kinds.test_worksheet import flat, pages_text

UNIT = """\
format: 1
unit: {id: revolution, title: The French Revolution, language: %s}
sources:
  - id: sieyes
    author: Emmanuel-Joseph Sieyès
    date: 1789-01
    origin: a pamphlet
    adapted: true
    text: What is the Third Estate? Everything. What has it been until now? Nothing.
  - id: young
    author: Arthur Young
    date: 1789-07
    origin: a travel diary
    text: The peasants everywhere complain of the taxes; the price of bread has doubled since spring.
  - id: lefebvre
    kind: interpretation
    author: Georges Lefebvre
    text: The Revolution was the work of the bourgeoisie, carried forward by the peasants' risings.
  - id: furet
    kind: interpretation
    author: François Furet
    text: The Revolution was above all a struggle over political ideas, not the triumph of one class.
worksheets:
  - id: w
    title: Sources on 1789
    questions:
"""
FORMS = """\
- type: source
  form: usefulness
  sources: [sieyes, young]
  enquiry: the causes of the Revolution
  indicative: [Sieyès wrote on the eve of the Estates-General, Young saw the countryside himself]
- {type: source, form: message, sources: [sieyes], enquiry: the Third Estate}
- {type: source, form: purpose, sources: [young], enquiry: France in 1789}
- {type: source, form: interpretations, sources: [lefebvre, furet], enquiry: the causes of 1789}
- {type: source, form: convincing, sources: [furet], enquiry: the causes of 1789}
"""
LABELS = {"sieyes": "Source A", "young": "Source B", "lefebvre": "Interpretation 1", "furet": "Interpretation 2"}


def _build(folder: Path, questions: str, paper: str = "a4") -> tuple[Path, Path]:
    path = folder / "unit.yaml"
    path.write_text(UNIT % "en" + textwrap.indent(textwrap.dedent(questions), " " * 6), encoding="utf-8")
    report = build(Request(paths=(path,), out=folder / "out", settings=Settings(only=("worksheet",), paper=paper)))
    assert report.ok, report.all_problems()
    return folder / "out" / "revolution" / "worksheet-w.pdf", folder / "out" / "revolution" / "worksheet-w-key.pdf"


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_each_form_prints_its_question_with_the_sources_labels_and_its_marks(tmp_path: Path, paper: str) -> None:
    sheet, key = _build(tmp_path, FORMS, paper)
    worded = [
        (("How useful are Sources A and B to a historian studying the causes of the Revolution? Explain your "
          "answer, using Sources A and B and your own knowledge of the period."), 8),
        (("What is the message of Source A about the Third Estate? Use details of the source and your own "
          "knowledge to explain your answer."), 4),
        (("Why was Source B produced? Use Source B and your own knowledge of France in 1789 to explain your "
          "answer."), 4),
        (("How far do Interpretations 1 and 2 differ about the causes of 1789? Explain your answer, using both "
          "interpretations."), 4),
        (("How convincing is Interpretation 2 about the causes of 1789? Explain your answer, using "
          "Interpretation 2 and your own knowledge."), 8),
    ]
    for pdf in (sheet, key):
        text = " ".join(pages_text(pdf))
        at = [text.index(flat(question)) for question, _ in worded]
        assert at == sorted(at)  # in the written order
        for (_, marks), start, end in zip(worded, at, [*at[1:], len(text)], strict=True):
            assert f"[{marks}]" in text[start:end]  # the form's marks
        assert "28" in text[text.index("Total"):]


def _rules(pdf: Path) -> int:
    """The writing lines: long thin horizontal rules indented under a question."""
    left = load_theme().margins.left + 5
    with pdfplumber.open(pdf) as document:
        return sum(1 for page in document.pages for line in page.lines
                   if abs(line["top"] - line["bottom"]) < 0.5 and line["x1"] - line["x0"] > 300 and line["x0"] > left)


def test_the_answer_space_is_an_essays_sized_by_the_marks_or_as_space_says(tmp_path: Path) -> None:
    counts = {}
    for name, extra in (("by-marks", "marks: 6"), ("given", "space: 7 lines"), ("default", "")):
        (tmp_path / name).mkdir()
        sheet, _ = _build(tmp_path / name, "- {type: source, form: message, sources: [sieyes], "
                                           f"enquiry: the Third Estate{', ' + extra if extra else ''}}}\n")
        counts[name] = _rules(sheet)
    assert counts == {"by-marks": 12, "given": 7, "default": 8}  # two lines a mark; a message is worth 4
    (tmp_path / "page").mkdir()
    sheet, _ = _build(tmp_path / "page", "- {type: source, form: usefulness, sources: [young], enquiry: 1789, "
                                         "space: 1 page}\n")
    # a page of lines ends at the foot of the page: under the source box, more than a row's 20
    with pdfplumber.open(sheet) as document:
        page = document.pages[0]
        bottom = max(line["bottom"] for line in page.lines if line["x1"] - line["x0"] > 300)
        assert page.height - bottom < load_theme().margins.bottom + 40
    assert _rules(sheet) >= 20


def test_the_key_prints_the_levels_highest_first_then_no_credit_indicative_content_and_best_fit(
        tmp_path: Path) -> None:
    _, key = _build(tmp_path, FORMS)
    text = " ".join(pages_text(key))
    usefulness = text[text.index("How useful"):text.index("What is the message")]
    rows = ["Mark scheme Level Marks Descriptor", "4 7–8 Complex evaluation", "3 5–6 Developed evaluation",
            "2 3–4 Simple evaluation", "1 1–2 Basic answer", "0 No answer, or nothing worthy of credit.",
            "Indicative content", "Sieyès wrote on the eve of the Estates-General",
            "Young saw the countryside himself",
            "Decide the level that best fits the answer, then the mark within it."]
    at = [usefulness.index(row) for row in rows]
    assert at == sorted(at)
    message = text[text.index("What is the message"):text.index("Why was Source B")]
    at = [message.index(row) for row in ("2 3–4 Developed analysis", "1 1–2 Simple analysis", "0 No answer")]
    assert at == sorted(at) and "Level 3" not in message and "Indicative content" not in message
    interpretations = text[text.index("How far do"):text.index("How convincing")]
    assert "2 3–4 Developed comparison" in interpretations and "1 1–2 Simple comparison" in interpretations
    convincing = text[text.index("How convincing"):]
    assert "4 7–8 Complex evaluation: a sustained judgement of how convincing" in convincing


def test_the_students_sheet_shows_no_mark_scheme(tmp_path: Path) -> None:
    sheet, _ = _build(tmp_path, FORMS)
    text = " ".join(pages_text(sheet))
    for word in ("Level", "Descriptor", "Mark scheme", "Indicative", "Sieyès wrote", "countryside himself",
                 "evaluation", "analysis", "comparison", "worthy of credit", "best fits", "7–8", "1–2"):
        assert word not in text


def test_a_teachers_levels_and_prompt_take_the_place_of_the_forms(tmp_path: Path) -> None:
    _, key = _build(tmp_path, """\
        - type: source
          form: usefulness
          sources: [young]
          prompt: Is Young's diary any use for understanding the peasants in 1789?
          levels: [Describes the diary, Uses the provenance, Weighs content and provenance]
        """)
    text = " ".join(pages_text(key))
    assert "Is Young’s diary any use for understanding the peasants in 1789?" in text and "How useful" not in text
    at = [text.index(row) for row in ("3 6–8 Weighs content and provenance", "2 3–5 Uses the provenance",
                                      "1 1–2 Describes the diary", "0 No answer")]
    assert at == sorted(at) and "evaluation" not in text  # 8 marks among the teacher's 3 levels


@pytest.mark.parametrize("marks", range(2, 41))
def test_bands_cover_every_mark_once_and_the_remainder_goes_to_the_highest_levels(marks: int) -> None:
    for count in range(2, min(6, marks) + 1):
        found = bands(marks, count)
        assert len(found) == count and found[0][0] == 1 and found[-1][1] == marks
        assert all(b[0] == a[1] + 1 for a, b in pairwise(found))  # no gap, no overlap
        widths = [last - first + 1 for first, last in found]
        assert widths == sorted(widths) and widths[-1] - widths[0] <= 1


def test_the_number_of_levels_follows_the_marks_unless_the_teacher_writes_them() -> None:
    assert [level_count(marks, 0) for marks in (2, 4, 5, 7, 8, 20)] == [2, 2, 3, 3, 4, 4]
    assert level_count(20, 5) == 5 and level_count(4, 3) == 3


def _problems(questions: str) -> list[tuple[str, str, str | None]]:
    text = UNIT % "en" + textwrap.indent(textwrap.dedent(questions), " " * 6)
    with pytest.raises(ProblemsFound) as raised:
        validate_unit(load_text(text, "unit.yaml"))
    return [(p.path, p.message, p.hint) for p in raised.value.problems]


@pytest.mark.parametrize(("question", "path", "needs"), [
    ("{type: source, form: interpretations, sources: [lefebvre], enquiry: 1789}", "worksheets[0].questions[0].sources",
     "interpretations compares two historians' views: name two sources of kind: interpretation"),
    ("{type: source, form: usefulness, sources: [sieyes, young, furet], enquiry: 1789}",
     "worksheets[0].questions[0].sources", "name one or two sources of kind: source"),
    ("{type: source, form: message, sources: [], enquiry: 1789}", "worksheets[0].questions[0].sources",
     "name one source of kind: source"),
    ("{type: source, form: convincing, sources: [young], enquiry: 1789}", "worksheets[0].questions[0].sources[0]",
     "convincing tests one historian's view: name one source of kind: interpretation"),
    ("{type: source, form: interpretations, sources: [lefebvre, sieyes], enquiry: 1789}",
     "worksheets[0].questions[0].sources[1]", "name two sources of kind: interpretation"),
    ("{type: source, form: purpose, sources: [young]}", "worksheets[0].questions[0].enquiry", "add `enquiry:`"),
    ("{type: source, form: purpose, sources: [young], enquiry: 1789, levels: [Only one]}",
     "worksheets[0].questions[0].levels", "give 2 to 6 levels"),
    ("{type: source, form: purpose, sources: [young], enquiry: 1789, marks: 1}", "worksheets[0].questions[0].marks",
     "give at least 2 marks"),
])
def test_a_question_that_does_not_fit_its_form_is_a_located_error(question: str, path: str, needs: str) -> None:
    problems = _problems(f"- {question}\n")
    assert (path, True) in [(where, needs in (hint or "")) for where, _, hint in problems], problems
    assert all(where.startswith("worksheets[0].questions[0].") for where, _, _ in problems)


def _context(language: str, labels: dict[str, str], *, key: bool = False) -> tuple[Any, QuestionContext]:
    unit = validate_unit(load_text(UNIT % language + textwrap.indent(FORMS, " " * 6), "unit.yaml"), (language,))
    return unit, QuestionContext(unit, "w", None, shuffle=False, key=key, wording=Wording(None, language),
                                 source_labels=labels)


@pytest.mark.parametrize(("language", "labels", "words"), [
    ("ru", {"sieyes": "Источник A", "young": "Источник B", "lefebvre": "Интерпретация 1", "furet": "Интерпретация 2"},
     ["Насколько полезны Источники A и B историку, изучающему тему «the causes of the Revolution»?",
      "Какую мысль передаёт Источник A", "С какой целью был создан Источник B?",
      "Насколько различаются Интерпретации 1 и 2",
      ("Насколько убедительна Интерпретация 2 по теме «the causes of 1789»? Объясните ответ, опираясь на эту "
       "интерпретацию")]),
    ("de", {"sieyes": "Quelle A", "young": "Quelle B", "lefebvre": "Darstellung 1", "furet": "Darstellung 2"},
     ["Wie nützlich sind die Quellen A und B für Historiker", "Was ist die Aussage von Quelle A",
      "Zu welchem Zweck entstand Quelle B?", "Wie weit unterscheiden sich die Darstellungen 1 und 2",
      "Wie überzeugend ist Darstellung 2"]),
    ("en", {}, ["How useful are sieyes and young to a historian", "What is the message of sieyes",
                "Why was young produced?", "How far do lefebvre and furet differ", "How convincing is furet"]),
])
def test_the_wording_takes_the_languages_plural_and_falls_back_to_the_id(language: str, labels: dict[str, str],
                                                                        words: list[str]) -> None:
    unit, context = _context(language, labels)
    questions = unit.worksheets[0].questions
    prompts = [plan_source(q, ("worksheets", 0, "questions", n), context).prompt for n, q in enumerate(questions)]
    assert all(prompt.startswith(start) for prompt, start in zip(prompts, words, strict=True)), prompts


@pytest.mark.parametrize("language", ["ru", "de"])
def test_the_default_levels_are_translated(language: str) -> None:
    unit, context = _context(language, LABELS, key=True)
    body = plan_source(unit.worksheets[0].questions[0], ("worksheets", 0, "questions", 0), context).body
    english = _context("en", LABELS, key=True)[1]
    assert [level.marks for level in body.levels] == ["7–8", "5–6", "3–4", "1–2", "0"]
    assert all(context.phrase(name) != english.phrase(name) for name in ("source_best_fit", "source_no_credit"))
    assert body.levels[0].descriptor.startswith({"ru": "Комплексная оценка", "de": "Komplexe Bewertung"}[language])


def test_a_mark_scheme_taller_than_a_page_runs_over_pages_in_the_key(tmp_path: Path) -> None:
    """An exam board's full mark scheme is longer than a page: the key continues it on the next
    page, under its question, instead of failing the unit."""
    points = ", ".join(f"point {n} " + "and its evidence from the period " * 3 for n in range(30))
    sheet, key = _build(tmp_path, "- {type: source, form: usefulness, sources: [young], enquiry: 1789, marks: 12, "
                                  f"indicative: [{points}]}}\n")
    with pdfplumber.open(key) as document:
        assert len(document.pages) >= 2
        text = " ".join(page.extract_text() for page in document.pages)
        body = load_theme().margins.left + 20
        assert all(char["x0"] >= body for page in document.pages[1:] for char in page.chars
                   if char["top"] > 60 and char["bottom"] < page.height - 60)  # under the question, indented
    assert all(f"point {n} " in text for n in range(30))
    assert "point 29" not in " ".join(pages_text(sheet))
