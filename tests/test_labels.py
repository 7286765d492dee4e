"""A label catalogue in a ``--templates`` folder is a teacher's text: it never becomes markup,
its month names are printed whole and distinct, and its characters must be printable."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from compiler.build import Request, build
from compiler.errors import ProblemsFound
from compiler.outputs import Settings
from compiler.wording import Wording, load_labels

ENGLISH = (Path(__file__).parent.parent / "templates" / "labels" / "en.yaml").read_text(encoding="utf-8")
ENGLISH_MONTHS = "[January, February, March, April, May, June, July, August, September, October, November, December]"

UNIT = """\
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
    (tmp_path / "rome.yaml").write_text(UNIT, encoding="utf-8")
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
    assert {p.name for p in pdfs} >= {"handout.pdf", "cardsort-seq.pdf", "worksheet-ws-key.pdf"}, pdfs
    assert str(secret) not in opened
    text = {p.name: _squeezed(" ".join(page.extract_text() for page in PdfReader(p).pages)) for p in pdfs}
    for pdf in pdfs:
        assert _links_and_images(pdf) == [], pdf.name
    assert _squeezed(f'15 <a href="https://evil.example/x">Mar</a> 44 <img src="{secret}"/> BC') in text["handout.pdf"]
    assert _squeezed('15 <a href="https://evil.example/x">March</a> 44') in text["cardsort-seq.pdf"]
    assert _squeezed("2 Sept & <Oct 31") in text["cardsort-seq.pdf"]
    assert _squeezed('<a href="https://evil.example/x">March</a>') in text["worksheet-ws-key.pdf"]


def test_short_month_names_come_from_the_catalogue_whole(tmp_path: Path) -> None:
    """French *juin* and *juillet* would both be cut to "jui"; the catalogue names them."""
    french = ENGLISH.replace(ENGLISH_MONTHS, "[janvier, février, mars, avril, mai, juin, juillet, août, septembre, "
                             "octobre, novembre, décembre]")
    labels = load_labels("xx", _catalogue(tmp_path, french.replace(
        "[Jan, Feb, Mar, Apr, May, Jun, Jul, Aug, Sep, Oct, Nov, Dec]",
        "[janv., févr., mars, avr., mai, juin, juil., août, sept., oct., nov., déc.]")).parent.parent)
    assert labels.months_short[5:7] == ["juin", "juil."]


def test_a_catalogue_without_short_month_names_prints_the_full_ones(tmp_path: Path) -> None:
    without = "\n".join(line for line in ENGLISH.splitlines() if not line.startswith("months_short:"))
    labels = load_labels("xx", _catalogue(tmp_path, without).parent.parent)
    assert labels.months_short == labels.months


def test_two_months_with_one_short_name_are_a_located_problem(tmp_path: Path) -> None:
    path = _catalogue(tmp_path, ENGLISH.replace("Jun, Jul,", "Jui, jui,"))
    with pytest.raises(ProblemsFound) as caught:
        load_labels("xx", tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        (f"{path}:4:46: months_short[6]: month 7 is written 'jui', as month 6 is — each month needs a name of its "
         "own, or the dates of the two months print alike")]


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
