"""Phrases come from templates: user folder first, builtin/ reachable, escaped, strict."""

from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2
import pytest

from compiler import markup
from compiler.errors import ProblemsFound
from compiler.wording import Wording, languages, load_labels


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


def test_a_label_catalogue_missing_a_key_fails_to_load(tmp_path: Path) -> None:
    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "fr.yaml").write_text("bc: av. J.-C.\n", encoding="utf-8")
    assert "fr" in languages(tmp_path)
    with pytest.raises(ProblemsFound, match="'months' is required"):
        load_labels("fr", tmp_path)


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
    assert templates_unchanged(wording.files)
    (tmp_path / "handout.j2").write_text("{% macro key_dates_heading() %}Mine{% endmacro %}", encoding="utf-8")
    assert not templates_unchanged(wording.files)


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
ENGLISH = (Path(__file__).parent.parent / "templates" / "labels" / "en.yaml").read_text(encoding="utf-8")


def test_a_placeholder_typo_in_a_label_catalogue_is_located_with_a_did_you_mean(tmp_path: Path) -> None:
    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "en.yaml").write_text(
        ENGLISH.replace("Circle {count} letters.", "Circle {cnt} letters.")
        .replace('"Answer key: {title}"', '"Answer key: {Title}"')
        .replace("bc: BC", "bc: BC {count}"), encoding="utf-8")
    with pytest.raises(ProblemsFound) as caught:
        load_labels("en", tmp_path)
    file = tmp_path / "labels" / "en.yaml"
    assert [str(p) for p in caught.value.problems] == [
        (f"{file}:5:8: bc: the placeholder {{count}} is not one this label has — this label has no placeholders: "
         "write the words without braces"),
        f"{file}:32:21: circle_many: the placeholder {{cnt}} is not one this label has — did you mean '{{count}}'?",
        f"{file}:65:24: key_part: the placeholder {{Title}} is not one this label has — did you mean '{{title}}'?",
    ]


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
    assert "fr.yaml:52:56: tile_position: the placeholder {colums} is not one this label has — did you mean " \
           "'{columns}'?" in result.stderr


def test_the_declared_placeholders_are_those_the_built_in_templates_replace() -> None:
    """One place says which placeholders a label has; it must agree with the templates that fill them."""
    import re

    from compiler.wording import Labels, _placeholders

    templates = "".join(p.read_text(encoding="utf-8") for p in (Path(__file__).parent.parent / "templates").glob("*.j2"))
    replaced: dict[str, set[str]] = {}
    for label, chain in re.findall(r"labels\.(\w+)((?:\|replace\(\"\{\w+\}\"[^)]*\))+)", templates):
        replaced.setdefault(label, set()).update(re.findall(r"\"\{(\w+)\}\"", chain))
    assert {name: set(_placeholders(name)) for name in Labels.model_fields if _placeholders(name)} == replaced


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
