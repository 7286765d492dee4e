"""Phrases come from templates: user folder first, builtin/ reachable, escaped, strict."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import jinja2
import pytest
from pypdf import PdfReader

from compiler import markup
from compiler.build import Request, build
from compiler.errors import ProblemsFound
from compiler.outputs import Settings
from compiler.wording import Wording, bytecode_folder, languages, load_labels


def test_builtin_phrases_use_the_labels() -> None:
    assert Wording().phrase("common.j2", "page_of", page=2, pages=7) == "Page 2 of 7"
    assert Wording(language="ru").phrase("common.j2", "page_of", page=2, pages=7) == "Страница 2 из 7"


def test_values_are_escaped_for_reportlab(tmp_path: Path) -> None:
    wording = Wording()
    text = wording.phrase("common.j2", "footer_left", title="<b>x</b> & 'y' \"z\"", licence=None)
    assert text == "&lt;b&gt;x&lt;/b&gt; &amp; &#39;y&#39; &#34;z&#34;"


def test_markupsafe_numeric_entities_print_as_quotes() -> None:
    from tests.test_markup import printed_text

    assert printed_text("&#39;y&#39; &#34;z&#34;") == "'y' \"z\""


def test_a_user_template_overrides_one_phrase_and_the_rest_fall_back(tmp_path: Path) -> None:
    (tmp_path / "handout.j2").write_text(
        '{% import "builtin/handout.j2" as base %}'
        "{% macro header_right() %}{{ base.glossary_heading() }} and notes{% endmacro %}",
        encoding="utf-8",
    )
    wording = Wording(user_dir=tmp_path)
    assert wording.phrase("handout.j2", "header_right") == "Glossary and notes"
    assert wording.phrase("handout.j2", "key_dates_heading") == "Key dates"
    assert any(f.startswith(str(tmp_path)) and f.endswith("handout.j2") for f in wording.files)


def test_an_undefined_name_in_a_template_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "common.j2").write_text("{% macro page_of(page, pages) %}{{ typo }}{% endmacro %}")
    with pytest.raises(ProblemsFound, match="'typo' is undefined"):
        Wording(user_dir=tmp_path).phrase("common.j2", "page_of", page=1, pages=1)


def test_a_template_syntax_error_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "common.j2").write_text("{% macro page_of(page, pages) %}{{ page }\n")
    with pytest.raises(ProblemsFound) as caught:
        Wording(user_dir=tmp_path).phrase("common.j2", "page_of", page=1, pages=1)
    assert caught.value.problems[0].file.endswith("common.j2")


def test_a_label_missing_from_a_catalogue_prints_in_english(tmp_path: Path) -> None:
    """Adding a label to printpack never breaks a school's catalogue: the missing word is English."""
    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "fr.yaml").write_text("glossary: Glossaire\n", encoding="utf-8")
    assert "fr" in languages(tmp_path)
    wording = Wording(tmp_path, "fr")
    assert wording.phrase("handout.j2", "glossary_heading") == "Glossaire"
    assert wording.phrase("handout.j2", "key_dates_heading") == "Key dates"


def test_unit_text_is_never_template_source() -> None:
    wording = Wording()
    assert wording.phrase("common.j2", "footer_left", title="{{ config }} {% raw %}", licence=None) == (
        "{{ config }} {% raw %}"
    )


def test_outputs_sharing_the_compiled_templates_record_only_the_files_they_used() -> None:
    Wording().phrase("handout.j2", "key_dates_heading")
    wording = Wording()
    wording.phrase("common.j2", "page_of", page=1, pages=1)
    used = {Path(f).name for f in wording.files}
    assert used == {"common.j2", "en.yaml"}


def test_a_template_edited_while_the_process_runs_is_read_again(tmp_path: Path) -> None:
    template = tmp_path / "common.j2"
    template.write_text("{% macro page_of(page, pages) %}one{% endmacro %}", encoding="utf-8")
    assert Wording(user_dir=tmp_path).phrase("common.j2", "page_of", page=1, pages=1) == "one"
    template.write_text("{% macro page_of(page, pages) %}two!{% endmacro %}", encoding="utf-8")
    wording = Wording(user_dir=tmp_path)
    assert wording.phrase("common.j2", "page_of", page=1, pages=1) == "two!"
    assert wording.files[str(template)] == hashlib.sha256(template.read_bytes()).hexdigest()


def test_an_edited_label_catalogue_is_read_again(tmp_path: Path) -> None:
    (tmp_path / "labels").mkdir()
    catalogue = tmp_path / "labels" / "en.yaml"
    english = (Path(__file__).parent.parent / "templates" / "labels" / "en.yaml").read_text(encoding="utf-8")
    catalogue.write_text(english, encoding="utf-8")
    assert Wording(user_dir=tmp_path).phrase("handout.j2", "key_dates_heading") == "Key dates"
    catalogue.write_text(english.replace("key_dates: Key dates", "key_dates: Dates to know"), encoding="utf-8")
    assert Wording(user_dir=tmp_path).phrase("handout.j2", "key_dates_heading") == "Dates to know"


def test_a_template_importing_another_records_both_files(tmp_path: Path) -> None:
    (tmp_path / "handout.j2").write_text(
        '{%- from "builtin/handout.j2" import key_dates_heading as original %}'
        "{% macro key_dates_heading() %}{{ original() }}!{% endmacro %}",
        encoding="utf-8",
    )
    wording = Wording(user_dir=tmp_path)
    assert wording.phrase("handout.j2", "key_dates_heading") == "Key dates!"
    recorded = {Path(f).relative_to(Path(f).parent.parent).as_posix() for f in wording.files if f.endswith(".j2")}
    assert recorded == {f"{tmp_path.name}/handout.j2", "templates/handout.j2"}


def test_a_compiled_template_cache_that_cannot_be_written_is_skipped(tmp_path: Path) -> None:
    from compiler.wording import _BestEffortBytecodeCache

    cache = _BestEffortBytecodeCache(str(tmp_path / "gone"))  # the folder does not exist
    env = jinja2.Environment(loader=jinja2.DictLoader({"t.j2": "{{ 1 + 1 }}"}), bytecode_cache=cache)
    assert env.get_template("t.j2").render() == "2"


def test_an_edited_imported_template_is_read_again(tmp_path: Path) -> None:
    shared = tmp_path / "shared.j2"
    shared.write_text("{% macro word() %}OLD{% endmacro %}", encoding="utf-8")
    (tmp_path / "handout.j2").write_text(
        '{% import "shared.j2" as s %}{% macro key_dates_heading() %}{{ s.word() }}{% endmacro %}', encoding="utf-8")
    assert Wording(user_dir=tmp_path).phrase("handout.j2", "key_dates_heading") == "OLD"
    shared.write_text("{% macro word() %}NEWER{% endmacro %}", encoding="utf-8")
    assert Wording(user_dir=tmp_path).phrase("handout.j2", "key_dates_heading") == "NEWER"


def test_an_override_added_while_the_process_runs_is_used(tmp_path: Path) -> None:
    assert Wording(user_dir=tmp_path).phrase("handout.j2", "key_dates_heading") == "Key dates"
    (tmp_path / "handout.j2").write_text("{% macro key_dates_heading() %}Mine{% endmacro %}", encoding="utf-8")
    assert Wording(user_dir=tmp_path).phrase("handout.j2", "key_dates_heading") == "Mine"


def test_a_template_imported_inside_a_macro_is_recorded(tmp_path: Path) -> None:
    (tmp_path / "shared.j2").write_text("{% macro word() %}W{% endmacro %}", encoding="utf-8")
    (tmp_path / "handout.j2").write_text(
        '{% macro glossary_heading() %}{% from "shared.j2" import word %}{{ word() }}{% endmacro %}',
        encoding="utf-8")
    wording = Wording(user_dir=tmp_path)
    assert wording.phrase("handout.j2", "glossary_heading") == "W"
    assert str(tmp_path / "shared.j2") in wording.files


def test_a_built_in_phrase_records_where_an_override_would_go(tmp_path: Path) -> None:
    from compiler.fingerprint import ABSENT, templates_unchanged

    wording = Wording(user_dir=tmp_path)
    wording.phrase("handout.j2", "key_dates_heading")
    assert wording.files[str(tmp_path / "handout.j2")] == ABSENT
    assert templates_unchanged(wording.files, tmp_path)
    (tmp_path / "handout.j2").write_text("{% macro key_dates_heading() %}Mine{% endmacro %}", encoding="utf-8")
    assert not templates_unchanged(wording.files, tmp_path)


def test_a_broken_template_with_an_import_is_located_by_its_file(tmp_path: Path) -> None:
    (tmp_path / "handout.j2").write_text(
        '{% import "builtin/handout.j2" as b %}\n{% macro key_dates_heading( %}{% endmacro %}', encoding="utf-8")
    with pytest.raises(ProblemsFound) as caught:
        Wording(user_dir=tmp_path).phrase("handout.j2", "key_dates_heading")
    assert caught.value.problems[0].file == str(tmp_path / "handout.j2")


def test_phrases_keep_no_break_spaces_from_unit_text() -> None:
    """A phrase folds its template's spaces and line breaks, but a no-break space in the unit's
    text (10 000 written with U+00A0 or U+202F) still never breaks the footer's line."""
    footer = Wording().phrase("common.j2", "footer_left", title=markup.inline("Year\u00a09, 10\u202f000 pupils"),
                              licence=markup.inline("CC  BY"))
    assert footer == "Year\u00a09, 10\u00a0000 pupils · CC BY"
# The shipped English catalogue, with the month names and era word a school's copy may write
# (CLDR gives them otherwise).
ENGLISH = (Path(__file__).parent.parent / "templates" / "labels" / "en.yaml").read_text(encoding="utf-8").replace(
    "locale: en_GB\n", "locale: en_GB\nmonths: [January, February, March, April, May, June, July, August, September, "
    "October, November, December]\nbc: BC\n")


def test_a_placeholder_typo_in_a_label_catalogue_is_located_with_a_did_you_mean(tmp_path: Path) -> None:
    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "en.yaml").write_text(
        ENGLISH.replace("Circle {count} letters.", "Circle {cnt} letters.")
        .replace('"Answer key: {title}"', '"Answer key: {Title}"')
        .replace("bc: BC", "bc: BC {count}"), encoding="utf-8")
    with pytest.raises(ProblemsFound) as caught:
        load_labels("en", tmp_path)
    file = tmp_path / "labels" / "en.yaml"
    bc, circle, key = (_line_of(start) for start in ("bc:", "circle_many:", "key_part:"))
    assert [str(p) for p in caught.value.problems] == [
        (f"{file}:{bc}:8: bc: the placeholder {{count}} is not one this label has — this label has no placeholders: "
         "write the words without braces"),
        f"{file}:{circle}:21: circle_many: the placeholder {{cnt}} is not one this label has — did you mean '{{count}}'?",
        f"{file}:{key}:24: key_part: the placeholder {{Title}} is not one this label has — did you mean '{{title}}'?",
    ]


def test_an_approximate_year_word_without_its_year_is_located(tmp_path: Path) -> None:
    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "en.yaml").write_text(ENGLISH.replace('circa: "c. {date}"', "circa: ca."), encoding="utf-8")
    with pytest.raises(ProblemsFound) as caught:
        load_labels("en", tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        (f"{tmp_path / 'labels' / 'en.yaml'}:{_line_of('circa:')}:8: circa: this word has no {{date}}, so an "
         'approximate year would print without its year — write {date} where the year goes, e.g. "c. {date}"')]


def _line_of(start: str) -> int:
    """The line of ENGLISH that starts with ``start``."""
    return next(number for number, line in enumerate(ENGLISH.splitlines(), 1) if line.startswith(start))


def test_a_catalogue_with_a_placeholder_typo_fails_the_units_in_its_language(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from compiler.cli import main
    from tests.conftest import SMALL_UNIT

    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "fr.yaml").write_text(ENGLISH.replace("{columns}", "{colums}"), encoding="utf-8")
    unit = tmp_path / "unit.yaml"
    unit.write_text(SMALL_UNIT.replace("  licence: CC BY 4.0\n", "  licence: CC BY 4.0\n  language: fr\n"),
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(unit), "--templates", str(tmp_path)])
    assert result.exit_code == 1
    assert (f"fr.yaml:{_line_of('tile_position:')}:56: tile_position: the placeholder {{colums}} is not one this "
            "label has — did you mean '{columns}'?") in result.stderr


def test_the_declared_placeholders_are_those_the_built_in_templates_replace() -> None:
    """One place, the English catalogue's text, says which placeholders a label has; it must
    agree with the templates that fill them (and with the dates, which fill ``circa``)."""
    import re

    import yaml

    from compiler.wording import placeholders

    templates = "".join(p.read_text(encoding="utf-8") for p in (Path(__file__).parent.parent / "templates").glob("*.j2"))
    replaced: dict[str, set[str]] = {"circa": {"date"}}  # compiler.dates marks an approximate year
    for label, plural, chain in re.findall(
            r"(?:labels\.(\w+)|plural\([\w.]+, \"(\w+)\"\))((?:\|replace\(\"\{\w+\}\"[^)]*\))+)", templates):
        replaced.setdefault(label or plural, set()).update(re.findall(r"\"\{(\w+)\}\"", chain))
    english = yaml.safe_load((Path(__file__).parent.parent / "templates" / "labels" / "en.yaml").read_text(encoding="utf-8"))
    assert {name: set(placeholders(words)) for name, words in english.items() if placeholders(words)} == replaced


def test_the_shipped_catalogues_use_only_their_placeholders() -> None:
    for language in ("en", "ru"):  # would raise ProblemsFound otherwise
        assert load_labels(language, None).tile_position.count("{") == 4


def _outside(tmp_path: Path) -> Path:
    """A folder beside the templates folder, holding a secret a link could reach."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.j2").write_text("SECRET-WORDS", encoding="utf-8")
    (outside / "hostname").write_text("SECRET-HOST", encoding="utf-8")
    return outside


def _including(templates: Path, name: str) -> Path:
    templates.mkdir(exist_ok=True)
    handout = templates / "handout.j2"
    handout.write_text(f'\n{{% macro glossary_heading() %}}{{% include "{name}" %}}{{% endmacro %}}\n',
                       encoding="utf-8")
    return handout


@pytest.mark.parametrize("link", ["file", "folder"])
def test_a_template_cannot_include_a_file_a_link_takes_outside_its_folder(tmp_path: Path, link: str) -> None:
    outside, templates = _outside(tmp_path), tmp_path / "tpl"
    name = "notes.txt.j2" if link == "file" else "etc/secret.j2"
    handout = _including(templates, name)
    if link == "file":
        (templates / "notes.txt.j2").symlink_to(outside / "secret.j2")
    else:
        (templates / "etc").symlink_to(outside, target_is_directory=True)
    with pytest.raises(ProblemsFound) as caught:
        Wording(user_dir=templates).phrase("handout.j2", "glossary_heading")
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == (str(handout), 2)
    assert problem.message == (f"template error in macro glossary_heading: {templates / name} is a link to "
                               f"{outside / 'secret.j2'}, outside the templates folder {templates}")
    assert problem.hint == "a templates folder may use only the files inside it: copy the file in instead of linking to it"


def test_a_template_may_include_only_templates(tmp_path: Path) -> None:
    """`{% include "etc/hostname" %}` through a link to /etc, or a plain file beside the templates."""
    outside, templates = _outside(tmp_path), tmp_path / "tpl"
    _including(templates, "etc/hostname")
    (templates / "etc").symlink_to(outside, target_is_directory=True)
    with pytest.raises(ProblemsFound) as caught:
        Wording(user_dir=templates).phrase("handout.j2", "glossary_heading")
    (problem,) = caught.value.problems
    assert problem.message.endswith("'etc/hostname' is not a template: a template may include, import or extend "
                                    "only templates (.j2 files)")
    assert problem.hint == "make it a .j2 template, or write its words into the template that includes it"


def test_a_template_that_is_a_link_outside_its_folder_is_refused_at_its_file(tmp_path: Path) -> None:
    outside, templates = _outside(tmp_path), tmp_path / "tpl"
    templates.mkdir()
    (outside / "handout.j2").write_text("{% macro glossary_heading() %}SECRET{% endmacro %}", encoding="utf-8")
    (templates / "handout.j2").symlink_to(outside / "handout.j2")
    with pytest.raises(ProblemsFound) as caught:
        Wording(user_dir=templates).phrase("handout.j2", "glossary_heading")
    (problem,) = caught.value.problems
    assert problem.file == str(templates / "handout.j2")
    assert "is a link to" in problem.message


def test_a_link_inside_the_templates_folder_is_followed(tmp_path: Path) -> None:
    templates = tmp_path / "tpl"
    _including(templates, "shared/words.j2")
    (templates / "mine").mkdir()
    (templates / "mine" / "words.j2").write_text("Our words", encoding="utf-8")
    (templates / "shared").symlink_to(templates / "mine", target_is_directory=True)
    assert Wording(user_dir=templates).phrase("handout.j2", "glossary_heading") == "Our words"


@pytest.mark.parametrize("link", ["file", "folder"])
def test_a_label_catalogue_linked_from_outside_its_folder_is_refused(tmp_path: Path, link: str) -> None:
    outside, templates = _outside(tmp_path), tmp_path / "tpl"
    templates.mkdir()
    (outside / "en.yaml").write_text(ENGLISH, encoding="utf-8")
    if link == "file":
        (templates / "labels").mkdir()
        (templates / "labels" / "en.yaml").symlink_to(outside / "en.yaml")
    else:
        (templates / "labels").symlink_to(outside, target_is_directory=True)
    with pytest.raises(ProblemsFound) as caught:
        load_labels("en", templates)
    assert [str(p) for p in caught.value.problems] == [
        (f"{templates / 'labels' / 'en.yaml'}:1:1: the label catalogue is a link to {outside / 'en.yaml'}, outside the "
        f"templates folder {templates} — a templates folder may use only the files inside it: copy the file in "
        "instead of linking to it")]


# A label catalogue in a --templates folder is a teacher's text: it never becomes markup, its month
# names are printed whole and distinct, and its characters must be printable.
ENGLISH_MONTHS = "[January, February, March, April, May, June, July, August, September, October, November, December]"

ROME = """\
format: 1
unit: {id: rome, title: Rome, language: xx}
events:
  - {id: ides, date: -44-03-15, title: Caesar assassinated, key: true}
  - {id: actium, date: -31-09-02, title: Battle of Actium}
  - {id: augustus, date: -27-01-16, title: Augustus named}
sections:
  - heading: Rome
    text: Some text.
    events: [ides, actium, augustus]
card_sorts:
  - {id: seq, title: In order, mode: sequence, events: [actium, ides, augustus]}
worksheets:
  - id: ws
    title: Order
    questions:
      - {type: order, from: events, events: [augustus, ides, actium], marks: 1}
"""


def _catalogue(folder: Path, text: str, language: str = "xx") -> Path:
    (folder / "labels").mkdir(parents=True, exist_ok=True)
    path = folder / "labels" / f"{language}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _build(tmp_path: Path, catalogue: str) -> list[Path]:
    templates = tmp_path / "tpl"
    _catalogue(templates, catalogue)
    (tmp_path / "rome.yaml").write_text(ROME, encoding="utf-8")
    report = build(Request(paths=(tmp_path / "rome.yaml",), out=tmp_path / "out",
                           settings=Settings(templates=templates, only=("handout", "cardsort", "worksheet"))))
    assert report.ok, report.all_problems()
    return sorted((tmp_path / "out").rglob("*.pdf"))


def _squeezed(text: str) -> str:
    """``text`` without spaces or line breaks (a long label wraps where the page decides)."""
    return "".join(text.split())


def _links_and_images(pdf: Path) -> list[str]:
    found = []
    for page in PdfReader(pdf).pages:
        found += [str(a.get_object().get("/Subtype")) for a in page.get("/Annots") or []]
        found += [f"image {image.name}" for image in page.images]
    return found


def test_labels_holding_markup_print_as_text_never_as_tags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A tester's catalogue: ``bc`` an <img> of a local file, March a link. Both print literally,
    in the handout's key dates, the card sort's key and the worksheet's order key."""
    opened: list[str] = []
    real_open = open

    def watching_open(file: object, *args: object, **kwargs: object) -> object:
        opened.append(str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not an image")
    catalogue = (ENGLISH.replace("bc: BC", f"bc: '<img src=\"{secret}\"/> BC'")
                 .replace("March,", "'<a href=\"https://evil.example/x\">March</a>',")
                 .replace("[Jan, Feb, Mar,", "[Jan, Feb, '<a href=\"https://evil.example/x\">Mar</a>',")
                 .replace("September,", "Sept & <Oct,"))
    monkeypatch.setattr("builtins.open", watching_open)
    pdfs = _build(tmp_path, catalogue)
    monkeypatch.undo()
    assert {p.name for p in pdfs} >= {"handout.pdf", "cardsort-seq-key.pdf", "worksheet-ws-key.pdf"}, pdfs
    assert str(secret) not in opened
    text = {p.name: _squeezed(" ".join(page.extract_text() for page in PdfReader(p).pages)) for p in pdfs}
    for pdf in pdfs:
        assert _links_and_images(pdf) == [], pdf.name
    assert _squeezed(f'15 <a href="https://evil.example/x">Mar</a> 44 <img src="{secret}"/> BC') in text["handout.pdf"]
    assert _squeezed('15 <a href="https://evil.example/x">March</a> 44') in text["cardsort-seq-key.pdf"]
    assert _squeezed("2 Sept & <Oct 31") in text["cardsort-seq-key.pdf"]
    assert _squeezed('<a href="https://evil.example/x">March</a>') in text["worksheet-ws-key.pdf"]


def test_short_month_names_come_from_the_catalogue_whole(tmp_path: Path) -> None:
    """French *juin* and *juillet* would both be cut to "jui"; the catalogue names them."""
    french = ENGLISH.replace(ENGLISH_MONTHS, "[janvier, février, mars, avril, mai, juin, juillet, août, septembre, "
                             "octobre, novembre, décembre]")
    labels = load_labels("xx", _catalogue(tmp_path, french.replace(
        "[Jan, Feb, Mar, Apr, May, Jun, Jul, Aug, Sep, Oct, Nov, Dec]",
        "[janv., févr., mars, avr., mai, juin, juil., août, sept., oct., nov., déc.]")).parent.parent)
    assert list(labels.months_short[5:7]) == ["juin", "juil."]


def test_a_catalogue_without_short_month_names_prints_the_full_ones(tmp_path: Path) -> None:
    without = "\n".join(line for line in ENGLISH.splitlines() if not line.startswith("months_short:"))
    labels = load_labels("xx", _catalogue(tmp_path, without).parent.parent)
    assert list(labels.months_short) == list(labels.months)


def test_two_months_with_one_short_name_are_a_located_problem(tmp_path: Path) -> None:
    path = _catalogue(tmp_path, ENGLISH.replace("Jun, Jul,", "Jui, jui,"))
    with pytest.raises(ProblemsFound) as caught:
        load_labels("xx", tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        (f"{path}:{_line_of('months_short:')}:46: months_short[6]: month 7 is written 'jui', which prints as month 6 does — each month needs a name of its "
         "own, or the dates of the two months print alike")]


@pytest.mark.parametrize(("old", "new", "where", "message"), [
    ("Jun, Jul,", 'Jun, "Jun\\u00ad",', "months_short[6]",
     "month 7 is written 'Jun\\xad', which prints as month 6 does"),
    ('false: "False"', 'false: "True\\u200b"', "false", "'True\\u200b' prints as true's 'True' does"),
])
def test_labels_a_reader_must_tell_apart_that_print_alike_are_a_problem(tmp_path: Path, old: str, new: str,
                                                                       where: str, message: str) -> None:
    """A soft hyphen or a zero-width space made a short month or false "different" from another
    label that prints the same: the dates of June and July, or "○ True ○ True"."""
    assert old in ENGLISH
    _catalogue(tmp_path, ENGLISH.replace(old, new))
    with pytest.raises(ProblemsFound) as caught:
        load_labels("xx", tmp_path)
    assert [(p.path, p.message) for p in caught.value.problems] == [(where, message)]


def test_a_label_no_bundled_font_can_print_is_located_at_its_line(tmp_path: Path) -> None:
    """A Japanese catalogue printed "▯▯▯" for its words with no problem."""
    path = _catalogue(tmp_path, ENGLISH.replace("key_dates: Key dates", "key_dates: 重要な日付")
                      .replace("bc: BC", "bc: до н. э."))
    with pytest.raises(ProblemsFound) as caught:
        load_labels("xx", tmp_path)
    line = ENGLISH.splitlines().index("key_dates: Key dates") + 1
    assert [str(p) for p in caught.value.problems] == [
        (f"{path}:{line}:12: key_dates: the character '重' (U+91CD) and 4 other characters cannot be printed with the "
        "theme's fonts — the theme's fonts (DejaVuSans, DejaVuSerif) print Latin, Greek and Cyrillic, not Chinese, "
        "Japanese, Korean, Devanagari, Thai, right-to-left scripts or most emoji; write it another way or leave it out")]


def test_a_template_writing_a_character_no_font_has_is_located_at_its_macro(tmp_path: Path) -> None:
    (tmp_path / "handout.j2").write_text("\n\n{% macro glossary_heading() %}用語集 – Глоссарий{% endmacro %}\n"
                                         "{% macro section_heading(number, heading) %}{{ number }}. {{ heading }} §"
                                         "{% endmacro %}\n", encoding="utf-8")
    wording = Wording(user_dir=tmp_path)
    with pytest.raises(ProblemsFound) as caught:
        wording.phrase("handout.j2", "glossary_heading")
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == (str(tmp_path / "handout.j2"), 3)
    assert problem.message == ("macro glossary_heading writes text that cannot be printed: the character '用' "
                               "(U+7528) and 2 other characters cannot be printed with the theme's fonts")
    # unit text is checked against the theme's fonts when the unit loads, not blamed on the template
    assert wording.phrase("handout.j2", "section_heading", number=1, heading="日本") == "1. 日本 §"


# Jinja's bytecode cache never hands printpack code compiled without the template budget.

BUDGET_MACRO = "{% macro glossary_heading(value='') %}\n{{ 'ab' * value }}\n{% endmacro %}\n"


@pytest.fixture
def temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary directory of the test's own, where Jinja and printpack keep compiled templates."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_bytecode_compiled_without_the_budget_is_not_reused(tmp_path: Path, temporary: Path) -> None:
    """An older printpack (or any other program) compiled the same template without the budget
    into Jinja's usual cache folder: printpack does not load that code, so the budget still stops
    a phrase that would write 40 million characters."""
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "handout.j2").write_text(BUDGET_MACRO, encoding="utf-8")
    cache = jinja2.FileSystemBytecodeCache()  # Jinja's usual folder, which printpack 0.1.0 shared
    jinja2.Environment(loader=jinja2.FileSystemLoader(templates), bytecode_cache=cache).get_template("handout.j2")
    assert any(Path(cache.directory).iterdir())
    with pytest.raises(ProblemsFound) as caught:
        Wording(user_dir=templates).phrase("handout.j2", "glossary_heading", value=20_000_000)
    (problem,) = caught.value.problems
    assert problem.file == str(templates / "handout.j2") and "would make 40,000,000" in problem.message


@pytest.mark.parametrize("planted", ["open to others", "a link", "a file"])
def test_a_cache_folder_others_could_write_is_not_used(tmp_path: Path, temporary: Path, planted: str) -> None:
    folder, elsewhere = bytecode_folder(), tmp_path / "elsewhere"
    elsewhere.mkdir()
    if planted == "open to others":
        folder.mkdir()
        folder.chmod(0o777)
    elif planted == "a link":
        folder.symlink_to(elsewhere)
    else:
        folder.write_text("", encoding="utf-8")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "handout.j2").write_text(BUDGET_MACRO, encoding="utf-8")
    wording = Wording(user_dir=templates)
    assert wording.env.bytecode_cache is None
    assert wording.phrase("handout.j2", "glossary_heading", value=2) == "abab"
    assert list(elsewhere.iterdir()) == [] and (folder.is_symlink() or not folder.is_dir() or not any(folder.iterdir()))


def test_compiled_templates_are_kept_in_a_private_folder(tmp_path: Path, temporary: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "handout.j2").write_text(BUDGET_MACRO, encoding="utf-8")
    assert Wording(user_dir=templates).phrase("handout.j2", "glossary_heading", value=1) == "ab"
    folder = bytecode_folder()
    assert folder.parent == temporary and folder.name.startswith("printpack-jinja-")
    assert folder.stat().st_mode & 0o777 == 0o700 and any(folder.iterdir())
