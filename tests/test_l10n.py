"""Languages other than English, read back from the PDFs a teacher prints: plural forms by the
language's CLDR rule, month names in the form their place needs, date order per locale, the
index page in the units' language, and a school's catalogue that lacks a label."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from compiler.build import Request, build
from compiler.cli import main
from compiler.outputs import Settings
from compiler.wording import Wording, languages
from tests.conftest import SMALL_UNIT

# A unit whose worksheet sections are worth 1, 2, 5 and 21 marks (29 in all), with a card sort of
# two pages (cards and mat), a date of a month and year, one of a day, month and year, and key
# dates across the year for the timeline.
UNIT = """\
format: 1
unit: {{id: lang, title: {title}, language: {language}}}
outputs: {{timeline: {{paper: a2}}}}  # its tiled poster takes five to nine pages: the "many" form
events:
  - {{id: revolution, date: 1917-11-07, title: Revolution, key: true}}
  - {{id: genoa, date: 1922-04, title: Genoa, key: true}}
  - {{id: rapallo, date: 1922-04-16, title: Rapallo, key: true}}
  - {{id: locarno, date: 1925-12-01, title: Locarno, key: true}}
card_sorts:
  - {{id: seq, title: Sequence, mode: sequence, events: [revolution, genoa, locarno]}}  # not Rapallo: in Genoa's month
  - {{id: sides, title: Sides, mode: categories, mat: true, categories: [{{id: a, label: A}}, {{id: b, label: B}}],
     cards: [{{text: One, category: a}}, {{text: Two, category: b}}]}}
worksheets:
  - id: quiz
    title: Quiz
    sections:
      - title: A
        questions: [{{type: short, prompt: One?, answer: One, marks: 1}}]
      - title: B
        questions: [{{type: short, prompt: Two?, answer: Two, marks: 2}}]
      - title: C
        questions: [{{type: short, prompt: Five?, answer: Five, marks: 5}}]
      - title: D
        questions: [{{type: short, prompt: Twenty-one?, answer: Many, marks: 21}}]
sections:
  - {{heading: Notes, text: Some text., events: [revolution, genoa, rapallo, locarno]}}
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], dict[str, str]]:
    """:func:`_built` once per language for the tests of this module."""
    return cache(lambda language: _built(tmp_path_factory.mktemp(language), language))


def _built(tmp_path: Path, language: str) -> dict[str, str]:
    """The text of each PDF (and index.html) built from :data:`UNIT` in ``language``, with
    line breaks as spaces."""
    (tmp_path / "unit.yaml").write_text(UNIT.format(language=language, title="Unit"), encoding="utf-8")
    out = tmp_path / "out"
    report = build(Request(paths=(tmp_path / "unit.yaml",), out=out, settings=Settings(
        only=("handout", "timeline", "cardsort", "worksheet"))))
    assert report.ok, report.all_problems()
    texts = {p.name: " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(p).pages)
             for p in out.rglob("*.pdf")}
    return {**texts, "index.html": (out / "index.html").read_text(encoding="utf-8")}


@pytest.mark.parametrize(("language", "expected"), [
    ("ru", {"worksheet-quiz.pdf": ["(1 балл)", "(2 балла)", "(5 баллов)", "(21 балл)"],
            "worksheet-quiz-key.pdf": ["Итого: 29 баллов"],
            # the card sort's key: a month and year stand-alone, a full date genitive, no "г."
            "cardsort-seq-key.pdf": ["апрель 1922 ", "1 декабря 1925 "],
            "handout.pdf": ["7 нояб. 1917"],  # CLDR's abbreviation, never "ноя"
            "timeline.pdf": ["1 дек. 1925", "апр. 1922 Genoa"]}),
    ("de", {"worksheet-quiz.pdf": ["(1 Punkt)", "(2 Punkte)", "(5 Punkte)", "(21 Punkte)", "Klasse Datum"],
            "worksheet-quiz-key.pdf": ["Gesamt: 29 Punkte"],
            "cardsort-seq-key.pdf": ["April 1922 ", "1. Dezember 1925 "],
            "handout.pdf": ["7. Nov. 1917"],
            "timeline.pdf": ["1. Dez. 1925"]}),
    ("en", {"worksheet-quiz.pdf": ["(1 mark)", "(2 marks)", "(21 marks)"],
            "worksheet-quiz-key.pdf": ["Total: 29 marks"],
            "cardsort-seq-key.pdf": ["April 1922 ", "1 December 1925 "],
            "handout.pdf": ["7 Nov 1917"],
            "timeline.pdf": ["1 Dec 1925"]}),
])
def test_plurals_month_forms_and_dates_print_by_the_languages_cldr_rules(
        built: Callable[[str], dict[str, str]], language: str, expected: dict[str, list[str]]) -> None:
    texts = built(language)
    for name, words in expected.items():
        for word in words:
            assert word in texts[name], (name, word)
    assert "апреля" not in texts["cardsort-seq-key.pdf"]


@pytest.mark.parametrize(("language", "words"), [
    ("ru", ['<html lang="ru">', "<h1>Учебные материалы</h1>", "1 страница", "2 страницы", " страниц ·",
            ">Раздаточный материал</a>", ">Плакат-хронология</a>", ">Карточки: ", ">Рабочий лист: ",
            "Печатать с двух сторон", "Печатать в масштабе 100 %"]),
    ("de", ['<html lang="de">', "<h1>Unterrichtsmaterialien</h1>", "Erstellt mit printpack",
            ">Handout</a>", ">Zeitleisten-Poster</a>", ">Kartensortierung: ", ">Arbeitsblatt: ",
            "Einseitig drucken", "In Originalgröße (100 %) drucken"]),
    ("en", ['<html lang="en">', "<h1>Teaching resources</h1>", " 1 page ·", ">Handout</a>",
            ">Timeline poster</a>", ">Card sort: ", ">Worksheet: ", "Print on one side"]),
])
def test_the_index_page_is_in_the_units_language(built: Callable[[str], dict[str, str]], language: str,
                                                 words: list[str]) -> None:
    index = built(language)["index.html"]
    for word in words:
        assert word in index, word


def test_an_index_of_units_in_several_languages_is_in_english_with_each_unit_marked(tmp_path: Path) -> None:
    for language in ("ru", "de"):
        (tmp_path / f"{language}.yaml").write_text(UNIT.format(language=language, title=language.upper())
                                                   .replace("id: lang", f"id: {language}"), encoding="utf-8")
    report = build(Request(paths=(tmp_path,), out=tmp_path / "out", settings=Settings(only=("handout",))))
    assert report.ok, report.all_problems()
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in index
    assert '<h2 lang="ru">RU</h2>' in index
    assert '<h2 lang="de">DE</h2>' in index


def test_a_word_missing_from_a_schools_catalogue_is_printpacks_own_in_that_language(tmp_path: Path) -> None:
    """A school that rewords one Russian label keeps every other Russian word, with no warning."""
    templates = tmp_path / "tpl"
    (templates / "labels").mkdir(parents=True)
    (templates / "labels" / "ru.yaml").write_text("total: ВСЕГО\n", encoding="utf-8")
    (tmp_path / "unit.yaml").write_text(UNIT.format(language="ru", title="Unit"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "unit.yaml"), "--templates", str(templates)])
    assert result.exit_code == 0 and "warning" not in result.stderr, result.stderr
    page = Wording(templates, "ru").render("index.html.j2", units={}, names={}, generator="g", lang="ru", languages={})
    assert "Учебные материалы" in page and "Teaching resources" not in page
    assert Wording(templates, "ru").phrase("worksheet.j2", "key_total", count=3).startswith("ВСЕГО")


def test_a_label_missing_from_a_schools_catalogue_of_a_new_language_prints_in_english_with_a_warning(
        tmp_path: Path) -> None:
    """A school's Ukrainian catalogue (printpack ships none) that lacks the index page's words."""
    templates = tmp_path / "tpl"
    (templates / "labels").mkdir(parents=True)
    shipped = (Path(__file__).parent.parent / "templates" / "labels" / "ru.yaml").read_text(encoding="utf-8")
    catalogue = templates / "labels" / "uk.yaml"
    catalogue.write_text("\n".join(line for line in shipped.splitlines()
                                   if not line.startswith(("index_title:", "locale:"))), encoding="utf-8")
    (tmp_path / "unit.yaml").write_text(UNIT.format(language="uk", title="Unit"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "unit.yaml"), "--templates", str(templates)])
    assert result.exit_code == 0, result.stderr
    assert (f"warning: {catalogue}: index_title: this catalogue has no such label, so its English words print — "
            "add `index_title:` in this language; the English catalogue shows its words") in result.stderr
    assert Wording(templates, "uk").render("index.html.j2", units={}, names={}, generator="g", lang="uk",
                                          languages={}).count("Teaching resources") == 2


def test_the_shipped_catalogues_are_complete() -> None:
    from compiler.wording import label_warnings

    shipped = sorted(languages(None))
    assert {"en", "ru", "de"} <= set(shipped)
    for language in shipped:
        assert label_warnings(language, None) == [], language


def test_a_catalogue_for_a_language_cldr_does_not_know_is_warned_about(tmp_path: Path) -> None:
    from compiler.wording import label_warnings

    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "xx.yaml").write_text("glossary: Glossar\n", encoding="utf-8")
    warnings = [str(w) for w in label_warnings("xx", tmp_path)]
    assert any("CLDR has no locale 'xx', so plurals and dates follow en_GB" in w for w in warnings), warnings


@pytest.mark.parametrize(("locale", "full", "month", "span"), [
    ("en_GB", "16 April 1922", "April 1922", "4–11 February 1945"),
    ("en_US", "April 16, 1922", "April 1922", "February 4–11, 1945"),
    ("de", "16. April 1922", "April 1922", "4.–11. Februar 1945"),
    ("ru", "16 апреля 1922", "апрель 1922", "4–11 февраля 1945"),
])
def test_dates_follow_the_locales_cldr_pattern(locale: str, full: str, month: str, span: str) -> None:
    from compiler.dates import PartialDate, display_span
    from compiler.l10n import month_names

    months = month_names(locale, short=False)
    assert PartialDate(1922, 4, 16).display(months) == full
    assert PartialDate(1922, 4).display(months) == month
    assert display_span(PartialDate(1945, 2, 4), PartialDate(1945, 2, 11), months) == span


# Spans the timeline, the handout and the card sorts must write alike: across year 0 by years and
# by months, within one month, within a month BC, across two months.
SPANS = """\
format: 1
unit: {{id: spans, title: Spans, language: {language}}}
events:
  - {{id: augustus, date: -27, end: 14, title: Augustus, key: true}}
  - {{id: ides, date: -44-03-15, end: -44-03-20, title: Ides, key: true}}
  - {{id: long, date: -44-03, end: 1922-04, title: Long, key: true}}
  - {{id: yalta, date: 1945-02-04, end: 1945-02-11, title: Yalta, key: true}}
  - {{id: potsdam, date: 1945-07-17, end: 1945-08-02, title: Potsdam, key: true}}
card_sorts:
  - {{id: seq, title: Sequence, mode: sequence, events: [augustus, ides, yalta, potsdam]}}  # not long: in the Ides' month
sections:
  - {{heading: Notes, text: Some text., events: [augustus, ides, long, yalta, potsdam]}}
"""


@pytest.mark.parametrize(("language", "locale", "spans"), [
    ("ru", None, ["27 до н. э.–14 н. э.", "4–11 февр. 1945", "15–20 мар. 44 до н. э.",
                  "март 44 до н. э. – апр. 1922 н. э.", "17 июл. – 2 авг. 1945"]),
    ("en", "en_US", ["27 BC–AD 14", "Feb 4–11, 1945", "Mar 15–20, 44 BC", "Mar 44 BC – Apr AD 1922",
                     "Jul 17 – Aug 2, 1945"]),
    ("en", None, ["27 BC–AD 14", "4–11 Feb 1945", "15–20 Mar 44 BC", "Mar 44 BC – Apr AD 1922",
                  "17 Jul – 2 Aug 1945"]),
])
def test_the_timeline_and_handout_write_spans_alike_by_the_locales_cldr_intervals(
        tmp_path: Path, language: str, locale: str | None, spans: list[str]) -> None:
    templates = tmp_path / "tpl"
    (templates / "labels").mkdir(parents=True)
    if locale:  # a school's catalogue naming its locale; every other word is English
        (templates / "labels" / f"{language}.yaml").write_text(f"locale: {locale}\n", encoding="utf-8")
    (tmp_path / "unit.yaml").write_text(SPANS.format(language=language), encoding="utf-8")
    out = tmp_path / "out"
    report = build(Request(paths=(tmp_path / "unit.yaml",), out=out, settings=Settings(
        only=("handout", "timeline"), templates=templates)))
    assert report.ok, report.all_problems()
    for name in ("handout.pdf", "timeline.pdf"):
        text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(out / "spans" / name).pages)
        for span in spans:
            assert span in text, (name, span)


def test_a_catalogue_written_with_mark_and_marks_keeps_its_words(tmp_path: Path) -> None:
    """Catalogues from before plural forms had ``mark`` and ``marks``; they still load and print."""
    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "en.yaml").write_text("mark: point\nmarks: points\n", encoding="utf-8")
    wording = Wording(tmp_path, "en")
    assert [wording.phrase("worksheet.j2", "section_marks", count=n) for n in (1, 2)] == ["(1 point)", "(2 points)"]


def test_one_catalogue_text_in_two_languages_takes_each_languages_cldr_rules(tmp_path: Path) -> None:
    (tmp_path / "labels").mkdir()
    for language in ("ru", "de"):
        (tmp_path / "labels" / f"{language}.yaml").write_text("glossary: Glossar\n", encoding="utf-8")
    assert [Wording(tmp_path, language).labels.months[3] for language in ("ru", "de")] == ["апреля", "April"]


def test_a_locale_whose_dates_no_bundled_font_prints_is_a_located_problem(tmp_path: Path) -> None:
    """Japanese months ("4月") would print as boxes on every date."""
    from compiler.errors import ProblemsFound
    from compiler.wording import load_labels

    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "xx.yaml").write_text("glossary: Glossary\nlocale: ja\n", encoding="utf-8")
    with pytest.raises(ProblemsFound) as caught:
        load_labels("xx", tmp_path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.path) == (2, "locale")
    assert "CLDR's dates for the locale 'ja' hold text that cannot be printed" in problem.message


# A kind registered from outside printpack brings its own words: its template folder holds
# `labels/<language>.yaml` with its keys, beside its template, and nothing of printpack changes.
WORDLIST_TEMPLATE = """\
{% macro heading() %}{{ labels.wordlist_heading }} ({{ plural(2, "wordlist_terms")|replace("{count}", 2) }}){% endmacro %}
{% macro pack_part(title, version, audience) %}Word list{% endmacro %}
"""


@pytest.fixture
def wordlist_with_words(tmp_path: Path) -> Iterator[Path]:
    """The test folder's wordlist kind, with its template and its English and German words in a
    folder of its own."""
    from compiler.kinds import registered
    from tests.kinds.wordlist import WORDLIST

    folder = tmp_path / "wordlist"
    (folder / "labels").mkdir(parents=True)
    (folder / "wordlist.j2").write_text(WORDLIST_TEMPLATE, encoding="utf-8")
    (folder / "labels" / "en.yaml").write_text(
        "wordlist_heading: Words to learn\nwordlist_terms: {one: '{count} term', other: '{count} terms'}\n",
        encoding="utf-8")
    (folder / "labels" / "de.yaml").write_text(
        "wordlist_heading: Wörter zum Lernen\nwordlist_terms: {one: '{count} Begriff', other: '{count} Begriffe'}\n",
        encoding="utf-8")
    with registered(replace(WORDLIST, templates=folder)):
        yield folder


@pytest.mark.parametrize(("language", "heading"), [("en", "Words to learn (2 terms)"),
                                                   ("de", "Wörter zum Lernen (2 Begriffe)"),
                                                   ("ru", "Words to learn (2 terms)")])
def test_a_registered_kind_prints_the_words_of_its_own_catalogue(wordlist_with_words: Path, unit_file,
                                                                 language: str, heading: str) -> None:
    """English declares the kind's words in its folder; a language the kind has no words for
    prints them in English, with a warning from check."""
    unit = unit_file(SMALL_UNIT.replace("  licence: CC BY 4.0\n", f"  licence: CC BY 4.0\n  language: {language}\n"))
    report = build(Request(paths=(unit,), out=unit.parent / "out", settings=Settings(only=("wordlist",))))
    assert report.ok, report.all_problems()
    text = " ".join(PdfReader(unit.parent / "out" / "small" / "wordlist.pdf").pages[0].extract_text().split())
    assert heading in text and "Comintern" in text
    warned = CliRunner().invoke(main, ["check", str(unit)])
    assert warned.exit_code == 0, warned.stderr
    assert ("wordlist_heading: this catalogue has no such label, so its English words print" in warned.stderr) == (
        language == "ru")


def test_a_schools_catalogue_may_translate_a_registered_kinds_words(wordlist_with_words: Path, tmp_path: Path) -> None:
    templates = tmp_path / "tpl"
    (templates / "labels").mkdir(parents=True)
    (templates / "labels" / "de.yaml").write_text("wordlist_heading: Vokabeln\n", encoding="utf-8")
    assert Wording(templates, "de").phrase("wordlist.j2", "heading") == "Vokabeln (2 Begriffe)"
    assert Wording(None, "de").phrase("wordlist.j2", "heading") == "Wörter zum Lernen (2 Begriffe)"


def test_a_placeholder_a_kinds_english_word_does_not_hold_is_a_located_problem(wordlist_with_words: Path,
                                                                               tmp_path: Path) -> None:
    """The English text declares a word's placeholders: `{count}` here, so `{anzahl}` is a typo."""
    from compiler.errors import ProblemsFound
    from compiler.wording import load_labels

    (tmp_path / "labels").mkdir()
    catalogue = tmp_path / "labels" / "de.yaml"
    catalogue.write_text("glossary: Glossar\nwordlist_terms: {one: '{count} Begriff', other: '{anzahl} Begriffe'}\n",
                         encoding="utf-8")
    with pytest.raises(ProblemsFound) as caught:
        load_labels("de", tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        (f"{catalogue}:2:50: wordlist_terms.other: the placeholder {{anzahl}} is not one this label has — this "
         "label's placeholders are {count}")]


def test_a_key_the_english_catalogue_lacks_is_a_located_problem_with_a_did_you_mean(tmp_path: Path) -> None:
    """A word is declared by being in the English catalogue: a key English lacks (a typo, or a
    kind's word while that kind is not registered) is not a label."""
    from compiler.errors import ProblemsFound
    from compiler.wording import load_labels

    (tmp_path / "labels").mkdir()
    catalogue = tmp_path / "labels" / "de.yaml"
    catalogue.write_text("glossary: Glossar\nglosary: Glossar\nwordlist_heading: Vokabeln\n", encoding="utf-8")
    with pytest.raises(ProblemsFound) as caught:
        load_labels("de", tmp_path)
    assert [str(p) for p in caught.value.problems][:1] == [
        f"{catalogue}:2:1: glosary: unknown key 'glosary' — did you mean 'glossary'?"]
    assert [(p.line, p.path) for p in caught.value.problems] == [(2, "glosary"), (3, "wordlist_heading")]


def test_an_unknown_label_in_a_template_is_a_located_error(tmp_path: Path) -> None:
    from compiler.errors import ProblemsFound

    (tmp_path / "handout.j2").write_text("\n{% macro glossary_heading() %}{{ labels.glosary }}{% endmacro %}\n",
                                         encoding="utf-8")
    with pytest.raises(ProblemsFound) as caught:
        Wording(tmp_path).phrase("handout.j2", "glossary_heading")
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == (str(tmp_path / "handout.j2"), 2)
    assert "has no attribute 'glosary'" in problem.message


def test_a_kinds_catalogue_translates_only_its_own_words(wordlist_with_words: Path) -> None:
    """A kind's `labels/de.yaml` cannot reword printpack's own words (nor set the locale)."""
    from compiler.errors import ProblemsFound
    from compiler.wording import load_labels

    catalogue = wordlist_with_words / "labels" / "de.yaml"
    catalogue.write_text("wordlist_heading: Vokabeln\nglossary: Wörter\n", encoding="utf-8")
    with pytest.raises(ProblemsFound) as caught:
        load_labels("de", None)
    assert [(p.file, p.line, p.path, p.message) for p in caught.value.problems] == [
        (str(catalogue), 2, "glossary", "unknown key 'glossary'")]


def _pdf_text(path: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)


def _shipped_english_without_locale() -> str:
    """A complete English catalogue as schools copied it before it named its locale."""
    shipped = (Path(__file__).parent.parent / "templates" / "labels" / "en.yaml").read_text(encoding="utf-8")
    return "\n".join(line for line in shipped.splitlines() if not line.startswith(("locale:", "months_short:")))


@pytest.mark.parametrize("catalogue", ["total: Sum\n", _shipped_english_without_locale()])
def test_a_schools_english_catalogue_keeps_the_builtin_ones_british_dates(tmp_path: Path, catalogue: str) -> None:
    """A school's en.yaml that does not name a locale prints dates as printpack's English does
    (en_GB, "Sep"), not CLDR's en (en_US: "Mar 15–20, 44 BC", "Feb 4–11, 1945")."""
    templates = tmp_path / "tpl"
    (templates / "labels").mkdir(parents=True)
    (templates / "labels" / "en.yaml").write_text(catalogue, encoding="utf-8")
    (tmp_path / "unit.yaml").write_text(SPANS.format(language="en").replace(
        "1945-07-17, end: 1945-08-02", "1945-09-17, end: 1945-09-22"), encoding="utf-8")
    out = tmp_path / "out"
    report = build(Request(paths=(tmp_path / "unit.yaml",), out=out, settings=Settings(
        only=("handout",), templates=templates)))
    assert report.ok, report.all_problems()
    text = _pdf_text(out / "spans" / "handout.pdf")
    for span in ("4–11 Feb 1945", "15–20 Mar 44 BC", "17–22 Sep 1945"):
        assert span in text, span


@pytest.mark.parametrize("name", ["__class__", "model_dump", "months", "locale", "small_numbers"])
def test_plural_of_anything_but_a_word_is_a_located_template_error(tmp_path: Path, name: str) -> None:
    from compiler.errors import ProblemsFound

    (tmp_path / "worksheet.j2").write_text(
        f'\n{{% macro section_marks(count) %}}{{{{ plural(count, "{name}") }}}}{{% endmacro %}}\n', encoding="utf-8")
    with pytest.raises(ProblemsFound) as caught:
        Wording(tmp_path).phrase("worksheet.j2", "section_marks", count=2)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == (str(tmp_path / "worksheet.j2"), 2)
    assert f"there is no label '{name}'" in problem.message


def test_a_catalogue_added_to_the_templates_folder_rebuilds_the_worksheets(tmp_path: Path) -> None:
    templates = tmp_path / "tpl"
    templates.mkdir()
    (tmp_path / "unit.yaml").write_text(UNIT.format(language="en", title="Unit"), encoding="utf-8")
    request = Request(paths=(tmp_path / "unit.yaml",), out=tmp_path / "out", settings=Settings(
        only=("worksheet",), templates=templates))
    assert build(request).ok
    (templates / "labels").mkdir()
    (templates / "labels" / "en.yaml").write_text("total: Sum\n", encoding="utf-8")
    report = build(request)
    assert report.ok, report.all_problems()
    assert "Sum: 29 marks" in _pdf_text(tmp_path / "out" / "lang" / "worksheet-quiz-key.pdf")


def test_a_catalogue_without_small_numbers_prints_its_own_words_or_digits_never_english(tmp_path: Path) -> None:
    """A Russian catalogue takes the built-in Russian one's small numbers; a language printpack
    has no catalogue of prints digits, with a warning."""
    from compiler.wording import label_warnings

    (tmp_path / "labels").mkdir()
    for language in ("ru", "uk"):
        (tmp_path / "labels" / f"{language}.yaml").write_text(
            'circle_many: {one: "Обведите {count} букву.", few: "Обведите {count} буквы.", '
            'many: "Обведите {count} букв.", other: "Обведите {count} буквы."}\n', encoding="utf-8")
    assert [Wording(tmp_path, language).phrase("worksheet.j2", "choice_instruction", count=2)
            for language in ("ru", "uk")] == ["Обведите две буквы.", "Обведите 2 буквы."]
    assert [w.path for w in label_warnings("ru", tmp_path) if w.path == "small_numbers"] == []
    assert [(w.file, w.message) for w in label_warnings("uk", tmp_path) if w.path == "small_numbers"] == [
        (str(tmp_path / "labels" / "uk.yaml"),
         "this catalogue has no small_numbers, so counts print as digits ('Circle 2 letters')")]


def test_a_plural_word_without_the_forms_its_locale_needs_is_warned_about_by_check(tmp_path: Path) -> None:
    """A Russian catalogue from before plurals prints "Итого: 2 баллов": check names the word and
    the CLDR categories it lacks. Every warning names the catalogue."""
    templates = tmp_path / "tpl"
    (templates / "labels").mkdir(parents=True)
    catalogue = templates / "labels" / "ru.yaml"
    catalogue.write_text("total: Итого\nmark: балл\nmarks: баллов\n", encoding="utf-8")
    (tmp_path / "unit.yaml").write_text(UNIT.format(language="ru", title="Unit"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "unit.yaml"), "--templates", str(templates)])
    assert result.exit_code == 0, result.stderr
    assert (f"warning: {catalogue}:3:8: marks: this word has no form for CLDR's plural categories few, many of "
            "the locale ru, so a count in them prints its other form — write a form for each of one, few, many, "
            "other") in result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings and all(line.startswith(f"warning: {catalogue}:") for line in warnings), warnings


@pytest.mark.parametrize("kind", ["fifo", "dangling link"])
@pytest.mark.parametrize("name", ["labels/ru.yaml", "worksheet.j2"])
def test_a_catalogue_or_template_that_is_no_ordinary_file_is_a_located_problem(tmp_path: Path, kind: str,
                                                                                 name: str) -> None:
    import os

    templates = tmp_path / "tpl"
    (templates / "labels").mkdir(parents=True)
    path = templates / name
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("gone.yaml")
    (tmp_path / "unit.yaml").write_text(UNIT.format(language="ru", title="Unit"), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "unit.yaml"), "--templates", str(templates),
                                       "--out", str(tmp_path / "out")])
    assert result.exit_code != 0
    what = "a named pipe (FIFO)" if kind == "fifo" else "a symbolic link to gone.yaml, which does not exist"
    assert f"{path}" in result.stderr and what in result.stderr, result.stderr


@pytest.mark.parametrize(("text", "message", "hint"), [
    ('months: "abcdefghijkl"\n', "months: expected a list of 12 month names, not 'abcdefghijkl'",
     "write the names in brackets"),
    ("months: {a: b}\n", "months: expected a list of 12 month names, not a mapping", "write the names in brackets"),
    ("# nothing yet\n", "the file is empty", "start from a copy of printpack's templates/labels/en.yaml"),
    ("- glossary\n", "a label catalogue maps each label's name to its words",
     "start from a copy of printpack's templates/labels/en.yaml"),
    (f"locale: {'x' * 100_000}\n", f"locale: CLDR has no locale '{'x' * 59}…'", "name one Babel knows"),
])
def test_a_catalogue_of_the_wrong_shape_is_told_in_a_catalogues_words(tmp_path: Path, text: str, message: str,
                                                                       hint: str) -> None:
    from compiler.errors import ProblemsFound
    from compiler.wording import load_labels

    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "de.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ProblemsFound) as caught:
        load_labels("de", tmp_path)
    (problem,) = caught.value.problems
    assert message in str(problem) and (problem.hint or "").startswith(hint), str(problem)
