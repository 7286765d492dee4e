"""handout.pdf as a teacher checks it: the words, the paper, the fonts, nothing overlapping."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner
from PIL import Image
from pypdf import PdfReader

from compiler.build import Request, build
from compiler.cli import main
from compiler.outputs import Settings
from compiler.theme import PAPER, load_theme
from tests.conftest import SMALL_UNIT, last_lines, overlapping_words
from tests.test_sourcing import sources_unit


def build_handout(unit: Path, out: Path, paper: str = "a4") -> Path:
    report = build(Request(paths=(unit,), out=out, settings=Settings(paper=paper)))
    assert report.ok, report.all_problems()
    (pdf,) = out.glob("*/handout.pdf")
    return pdf


def words_of(pdf: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_small_unit_handout_has_its_words_on_the_right_paper(unit_file, tmp_path: Path, paper: str) -> None:
    pdf = build_handout(unit_file(), tmp_path, paper)
    text = words_of(pdf)
    for expected in ["A small unit", "Written for the tests", "History · Year 9", "Themes in this unit",
                     "1. The revolution", "Bolsheviks", "Third point", "sub two", "Think", "Why then?",
                     "Key dates", "7 Nov 1917", "October Revolution", "16 Apr 1922", "Key terms",
                     "Key people", "Vladimir Lenin", "Glossary", "The Communist International.",
                     "A small unit · CC BY 4.0", "Chronology", "Page 1 of "]:
        assert expected in text, expected
    for page in PdfReader(pdf).pages:
        width, height = PAPER[paper]
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (round(width), round(height))
    assert not overlapping_words(pdf)


@pytest.mark.parametrize("key", ["title", "heading"])  # heading: the old name, still accepted
def test_a_section_is_headed_by_its_title_under_either_name(unit_file, tmp_path: Path, key: str) -> None:
    unit = unit_file(SMALL_UNIT.replace("  - heading: The revolution", f"  - {key}: The revolution"))
    report = build(Request(paths=(unit,), out=tmp_path, settings=Settings(only=("handout",))))
    assert report.ok, report.all_problems()
    with pdfplumber.open(tmp_path / "small" / "handout.pdf") as pdf:
        heading = [line for line in pdf.pages[0].extract_text_lines() if line["text"] == "1. The revolution"]
    assert heading and heading[0]["chars"][0]["size"] > 12  # set as a heading, not as body text


def test_fonts_are_embedded_subsets(unit_file, tmp_path: Path) -> None:
    pdf = build_handout(unit_file(), tmp_path)
    fonts = set()
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts.add(str(font["/BaseFont"]))
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile2", "/FontFile3", "/FontFile")), font["/BaseFont"]
    assert fonts and all("+" in name for name in fonts), fonts  # AAAAAA+DejaVuSerif: a subset


def test_markup_in_unit_text_is_printed_literally(unit_file, tmp_path: Path) -> None:
    hostile = '<img src="/etc/passwd"/> & <a href="javascript:x">link</a> <seq/>'
    unit = unit_file(SMALL_UNIT.replace("text: The *Bolsheviks* took power and founded the Comintern.",
                                        f"text: '{hostile}'"))
    pdf = build_handout(unit, tmp_path)
    assert hostile.replace('="', "=“").replace('"', "”") in words_of(pdf)
    raw = pdf.read_bytes()
    assert b"/JavaScript" not in raw and b"root:" not in raw


def test_cyrillic_and_greek_text_render(unit_file, tmp_path: Path) -> None:
    unit = unit_file(SMALL_UNIT.replace("title: A small unit", "title: Внешняя политика СССР — Ελληνικά"))
    assert "Внешняя политика СССР — Ελληνικά" in words_of(build_handout(unit, tmp_path))


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_shipped_unit_handout(shipped: Callable[[str], Path], paper: str) -> None:
    pdf = shipped(paper) / "handout.pdf"
    reader = PdfReader(pdf)
    text = words_of(pdf)
    assert "Soviet Foreign Policy, 1917–1941" in text
    assert "24 Apr 1926" in text  # the Treaty of Berlin, corrected from the seeds
    assert f"Page {len(reader.pages)} of {len(reader.pages)}" in text
    assert not overlapping_words(pdf)


def test_a_box_taller_than_a_page_is_a_located_error(unit_file, tmp_path: Path) -> None:
    long_box = " ".join(["A very long call-out that never ends."] * 400)
    unit = unit_file(SMALL_UNIT.replace('text: "Why then?"', f'text: "{long_box}"'))
    report = build(Request(paths=(unit,), out=tmp_path))
    (problem,) = report.all_problems()
    assert (problem.line, problem.path, problem.message) == (24, "sections[0].box.text", "the box is taller than a page")
    assert f"it has {len(long_box)} characters: shorten it to at most about" in (problem.hint or "")
    assert not (tmp_path / "small").exists()


def test_source_date_epoch_sets_the_pdf_date_and_bytes_repeat(unit_file, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    unit = unit_file()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = build_handout(unit, tmp_path / "a")
    second = build_handout(unit, tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()
    assert PdfReader(first).metadata["/CreationDate"].startswith("D:20231114")


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_no_heading_ends_a_page(shipped: Callable[[str], Path], paper: str) -> None:
    pdf = shipped(paper) / "handout.pdf"
    headings = re.compile(r"^(\d+\. [A-Z].*|Key people|Glossary|Key dates|Key terms)$")
    for line in last_lines(pdf)[:-1]:
        assert not headings.match(line), line


def test_numbers_in_text_print_as_written(unit_file, tmp_path: Path) -> None:
    """Headings, points, box and glossary text take a number exactly as the file spells it."""
    unit = unit_file("""\
        format: 1
        unit: {id: numbers, title: 3.10, subtitle: 007, author: .5}
        glossary:
          - {term: 1.50, definition: +44}
        sections:
          - heading: 2.0
            points: [3.10, 007, {1.50: [+44, .5, 1e3]}]
            box: {title: 010, text: -0.0}
        """)
    text = words_of(build_handout(unit, tmp_path))
    for written in ("3.10", "007", "• 3.10", "• 007", "1.50", "+44", ".5", "1e3", "010", "-0.0", "1. 2.0"):
        assert written in text, written
def test_a_point_that_starts_with_a_quotation_and_a_colon_prints_its_quotation_marks(unit_file, tmp_path: Path) -> None:
    """YAML reads ``- "Sacred and inviolable": text`` as a one-key mapping; the quotation marks
    the teacher typed around the key still print (as the language's quotes), in points, sub-points
    and a point with sub-points, whichever quotes were typed; quotes YAML needs (a key starting
    with ``*``, a number) do not print."""
    unit = unit_file("""\
        format: 1
        unit: {id: quoted, title: Rights}
        sections:
          - heading: The Declaration
            points:
              - "Sacred and inviolable": the Declaration on property
              - 'Liberty': what harms no one else
              - "Natural rights":
                  - 'Resistance to oppression': the last of them
              - Plain: no quotes here
              - "*Le Moniteur*": the official paper
              - "1789": the year it began
        """)
    text = words_of(build_handout(unit, tmp_path))
    for written in ("• “Sacred and inviolable”: the Declaration on property", "• ‘Liberty’: what harms no one else",
                    "• “Natural rights”", "‘Resistance to oppression’: the last of them", "• Plain: no quotes here",
                    "• Le Moniteur: the official paper", "• 1789: the year it began"):
        assert written in text, text


def test_a_long_title_stays_one_line_in_the_running_header_and_footer(unit_file, tmp_path: Path) -> None:
    """A long title fits the handout's title band, and the header and footer cut it short with
    "…" instead of wrapping it up into the page's text."""
    title = ("The Soviet Union and the World, " * 20).strip(" ,")
    unit = unit_file(SMALL_UNIT.replace("title: A small unit", f"title: {title}").replace(
        "text: The *Bolsheviks*", "text: " + "The *Bolsheviks* took power. " * 60 + "End"))
    assert build(Request(paths=(unit,), out=tmp_path / "out", jobs=1, settings=Settings(only=("handout",)))).ok
    theme = load_theme()
    with pdfplumber.open(tmp_path / "out" / "small" / "handout.pdf") as pdf:
        page = pdf.pages[1]
        words = page.extract_words()
        header = [w for w in words if w["bottom"] < theme.margins.top]
        footer = [w for w in words if w["top"] > page.height - theme.margins.bottom]
    for furniture in (header, footer):
        assert len({round(w["top"]) for w in furniture}) == 1, furniture
        assert any(w["text"].endswith("…") for w in furniture)
    assert any(w["text"] == "Handout" for w in header) and any(w["text"] == "2" for w in footer)


PROSE = ("The delegates met again in the spring of that year, and neither side would give way on the "
         "question of the border, the debts of the old government or the fate of the prisoners. ")


def handout_only(unit: Path, out: Path, paper: str = "a4") -> Path:
    report = build(Request(paths=(unit,), out=out, jobs=1, settings=Settings(paper=paper, only=("handout",))))
    assert report.ok, report.all_problems()
    (pdf,) = out.glob("*/handout.pdf")
    return pdf


def body_lines(pdf: Path, size: float = 10) -> list[tuple[float, float, str]]:
    """The lines of prose set in the body face at ``size``: (left, right, text), page by page."""
    lines = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            words = [w for w in page.extract_words(extra_attrs=["fontname", "size"])
                     if "Serif" in w["fontname"] and "Bold" not in w["fontname"] and abs(w["size"] - size) < 0.1]
            for top in sorted({round(w["top"]) for w in words}):
                row = sorted((w for w in words if round(w["top"]) == top), key=lambda w: w["x0"])
                lines.append((row[0]["x0"], row[-1]["x1"], " ".join(w["text"] for w in row)))
    return lines


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_prose_is_set_at_a_readable_measure(unit_file, tmp_path: Path, paper: str) -> None:
    """The median full line of body text holds 60-75 characters (a book page), not ~95."""
    unit = unit_file(SMALL_UNIT.replace("text: The *Bolsheviks* took power and founded the Comintern.",
                                        "text: " + PROSE * 12))
    lines = body_lines(handout_only(unit, tmp_path, paper))
    right = max(x1 for _, x1, _ in lines)
    full = sorted(len(text) for _, x1, text in lines if x1 > right - 40)
    assert len(full) > 10 and 60 <= full[len(full) // 2] <= 75, full


def test_words_are_hyphenated_in_the_column_but_never_a_name(unit_file, tmp_path: Path) -> None:
    words = " ".join(f"{'we saw ' * (n % 5)}internationalisation demilitarisation {'ok ' * (n % 3)}Chamberlain "
                     f"{'the ' * (n % 4)}Litvinov USSR" for n in range(30))
    unit = unit_file(SMALL_UNIT.replace("text: The *Bolsheviks* took power and founded the Comintern.",
                                        f"text: {words}"))
    ends = [text.split()[-1] for _, _, text in body_lines(handout_only(unit, tmp_path))]
    assert any(end.endswith("-") for end in ends), ends
    assert not any(end.endswith("-") and end[:1].isupper() for end in ends), ends


CHRONOLOGY_UNIT = SMALL_UNIT.replace(
    "  - {id: rapallo, date: 1922-04-16, title: Treaty of Rapallo, themes: [society]}",
    """\
  - {id: rapallo, date: 1922-04-16, title: Treaty of Rapallo, themes: [society], people: [chicherin],
     detail: Germany and Soviet Russia restore relations.}
  - {id: warsaw, date: 1920-08-12, end: 1920-08-25, title: Battle of Warsaw, people: [lenin, chicherin],
     detail: Piłsudski's army halts the Red Army.}
  - {id: genoa, date: 1922-04-10, title: Genoa Conference, detail: The first Soviet delegation to a great conference.}
""").replace(
    "  - {id: lenin, name: Vladimir Lenin, role: Leader of Soviet Russia, themes: [politics]}",
    "  - {id: lenin, name: Vladimir Lenin, role: Leader of Soviet Russia, themes: [politics]}\n"
    "  - {id: chicherin, name: Georgy Chicherin, role: Commissar for Foreign Affairs}")


def test_the_chronology_prints_every_event_in_order_with_detail_and_people(unit_file, tmp_path: Path) -> None:
    text = words_of(handout_only(unit_file(CHRONOLOGY_UNIT), tmp_path))
    chronology = text[text.index("Chronology"):text.index("Key people")]
    order = ["7 Nov 1917 October Revolution", "Vladimir Lenin",
             "12–25 Aug 1920 Battle of Warsaw Piłsudski’s army halts the Red Army.", "Vladimir Lenin, Georgy Chicherin",
             "10 Apr 1922 Genoa Conference The first Soviet delegation to a great conference.",
             "16 Apr 1922 Treaty of Rapallo Germany and Soviet Russia restore relations.", "Georgy Chicherin"]
    at = 0
    for part in order:
        at = chronology.index(part, at)  # each after the one before


def test_the_glossary_is_printed_once_in_alphabetical_order_and_sections_point_to_it(unit_file, tmp_path: Path) -> None:
    unit = unit_file(SMALL_UNIT.replace(
        "  - {term: Comintern, definition: The Communist International.}",
        "  - {term: Comintern, definition: The Communist International.}\n"
        "  - {term: Zollverein, definition: A customs union.}\n"
        "  - {term: Élysée, definition: The French president's palace.}\n"
        "  - {term: Entente, definition: An understanding between powers.}"
    ).replace("terms: [Comintern]", "terms: [Comintern, Zollverein]"))
    text = words_of(handout_only(unit, tmp_path))
    assert text.count("The Communist International.") == 1 and text.count("A customs union.") == 1
    assert "Key terms: Comintern, Zollverein → Glossary" in text
    glossary = text[text.rindex("Glossary"):]
    assert [glossary.index(t) for t in ("Comintern", "Élysée", "Entente", "Zollverein")] == sorted(
        glossary.index(t) for t in ("Comintern", "Élysée", "Entente", "Zollverein"))


def filled(pdf: Path) -> list[float]:
    """How far down its text area each page's content reaches, as a fraction."""
    theme = load_theme()
    with pdfplumber.open(pdf) as document:
        fractions = []
        for page in document.pages:
            top, bottom = theme.margins.top, page.height - theme.margins.bottom
            inside = [c["bottom"] for c in [*page.chars, *page.rects] if top + 2 < c["top"] and c["bottom"] < bottom - 2]
            fractions.append((max(inside, default=top) - top) / (bottom - top))
    return fractions


def large_unit() -> str:
    events = "\n".join(f"  - {{id: e{n}, date: {1900 + n}-0{1 + n % 9}, title: Event number {n}, people: [lenin], "
                       f"detail: '{PROSE.strip()}'}}" for n in range(40))
    sections = "\n".join(
        f"  - heading: Section {n}\n    text: \"{PROSE * (3 + n % 5)}\\n\\n{PROSE * (2 + n % 3)}\"\n"
        f"    points: [{', '.join(['A point to remember'] * (2 + n % 4))}]\n"
        f"    box: {{title: Think, text: \"{PROSE * (1 + n % 3)}\"}}\n"
        f"    events: [e{n}, e{n + 1}, e{n + 2}, e{n + 3}, e{n + 4}]\n    terms: [Comintern]"
        for n in range(10))
    people = "\n".join(f"  - {{id: p{n}, name: Person {n}, role: '{PROSE.strip()}'}}" for n in range(40))
    head = SMALL_UNIT.split("events:")[0].replace("people:\n", "people:\n" + people + "\n")
    return head + "events:\n" + events + "\nsections:\n" + sections + "\n"


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_no_page_is_left_near_empty(unit_file, tmp_path: Path, paper: str) -> None:
    """Every page but the last is at least a quarter full: tables split under a repeated header,
    a section's text splits after its heading instead of taking it to the next page."""
    pdf = handout_only(unit_file(large_unit()), tmp_path, paper)
    fractions = filled(pdf)
    assert len(fractions) > 5 and min(fractions[:-1]) > 0.25, fractions
    with pdfplumber.open(pdf) as document:
        continued = [n for n, page in enumerate(document.pages) if "Chronology" not in page.extract_text()
                     and page.extract_text().count("Event number") and "Date Event" in page.extract_text()]
    assert continued, "the chronology's header row repeats on the page it continues on"
    assert not overlapping_words(pdf)


def test_a_paragraph_longer_than_the_rest_of_the_page_starts_under_its_heading(unit_file, tmp_path: Path) -> None:
    """A short first section, then one whose first paragraph is longer than a page: it starts on
    page 1, under its heading, instead of leaving page 1 three-quarters empty."""
    unit = unit_file(SMALL_UNIT.replace("sections:\n", f"sections:\n  - {{heading: Short, text: One line.}}\n"
                                                        f"  - heading: Long\n    text: {PROSE * 40}\n"))
    pdf = handout_only(unit, tmp_path)
    fractions = filled(pdf)
    assert min(fractions[:-1]) > 0.25, fractions
    assert "2. Long" in PdfReader(pdf).pages[0].extract_text()


@pytest.mark.parametrize(("language", "quoted"), [("en", "“Peace, land and bread”"), ("de", "„Peace, land and bread“"),
                                                   ("ru", "«Peace, land and bread»")])
def test_quotes_are_typographic_in_the_units_language(unit_file, tmp_path: Path, language: str, quoted: str) -> None:
    unit = unit_file(SMALL_UNIT.replace("  subject: History", f"  subject: History\n  language: {language}").replace(
        "text: The *Bolsheviks* took power and founded the Comintern.", "text: 'The \"Peace, land and bread\" -- the *Bolsheviks*'' slogan'"))
    text = words_of(handout_only(unit, tmp_path))
    assert f"The {quoted} – the Bolsheviks’ slogan" in text


def test_a_range_is_worded_alike_on_the_poster_and_the_handout(unit_file, tmp_path: Path) -> None:
    unit = unit_file(CHRONOLOGY_UNIT)
    report = build(Request(paths=(unit,), out=tmp_path, jobs=1, settings=Settings(only=("handout", "timeline"))))
    assert report.ok, report.all_problems()
    for name in ("handout.pdf", "timeline.pdf"):
        text = words_of(tmp_path / "small" / name)
        assert "12–25 Aug 1920" in text and "12 Aug 1920" not in text, name


def script_text(period: int) -> str:
    """Words of one width, a subscript word then ``period - 1`` superscript ones, repeated: as a
    line does not hold a multiple of every period, some subscript lies over a superscript."""
    return " ".join(["ag~2~", *["ag^2^"] * (period - 1)] * 40)


SCRIPTS_UNIT = """\
format: 1
unit: {{id: scripts, title: Scripts, licence: CC0}}
glossary:
  - {{term: Water, definition: '{three}'}}
sections:
  - heading: Ions
    text: |
      {two}

      {three}

      {five}
    points:
      - '{three}'
    box:
      title: Ions
      text: '{two}'
"""


def script_collisions(pdf: Path) -> list[tuple[int, str, str]]:
    """A sub- or superscript glyph (a "2" smaller than the text) whose box overlaps a glyph of
    another line: (page, script, glyph)."""
    found = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            chars = [c for c in page.chars if c["text"].strip()]
            scripts = [c for c in chars if c["text"] == "2" and c["size"] < 9.5]
            for script in scripts:
                for other in chars:
                    if other is script or abs(other["top"] - script["top"]) < 0.5:
                        continue
                    dx = min(script["x1"], other["x1"]) - max(script["x0"], other["x0"])
                    dy = min(script["bottom"], other["bottom"]) - max(script["top"], other["top"])
                    if dx > 0.1 and dy > 0.1:
                        found.append((page.page_number, script["text"], other["text"]))
    return found


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_sub_and_superscripts_touch_no_glyph_of_another_line(unit_file, tmp_path: Path, paper: str) -> None:
    """H₂ over x² on the line below, in paragraphs, points, the box and the glossary: the lines
    are spaced so no script's box reaches a glyph of the next or previous line."""
    unit = unit_file(SCRIPTS_UNIT.format(two=script_text(2), three=script_text(3), five=script_text(5)))
    pdf = handout_only(unit, tmp_path, paper)
    with pdfplumber.open(pdf) as document:
        assert sum(1 for page in document.pages for c in page.chars if c["text"] == "2" and c["size"] < 9.5) > 500
    assert script_collisions(pdf) == []


def closing_unit(start: int) -> str:
    """Sections of a paragraph each, ``start`` to ``start + 11`` sentences long (every third
    with points after it), each closed by key dates and key terms, so that on some pages a
    section's text ends near the foot."""
    sections = "".join(f"  - heading: Section {n}\n    text: '{PROSE * n}'\n"
                       + ("    points: [A point, Another point]\n" if n % 3 == 0 else "")
                       + "    events: [revolution, rapallo]\n    terms: [Comintern]\n" for n in range(start, start + 12))
    return SMALL_UNIT.split("sections:\n")[0] + "sections:\n" + sections


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_key_dates_and_key_terms_stay_with_the_end_of_their_section(unit_file, tmp_path: Path, paper: str) -> None:
    """No page opens with a section's key-dates strip or its key-terms line: they stay on the
    page where the section's text ends (its last lines go over with them)."""
    for start in (2, 5):
        pdf = handout_only(unit_file(closing_unit(start), f"u{start}.yaml"), tmp_path / f"{start}", paper)
        with pdfplumber.open(pdf) as document:
            for page in document.pages[1:]:
                lines = [t["text"] for t in page.extract_text_lines() if t["top"] > 60]
                assert not lines[0].startswith(("Key dates", "Key terms")), (start, page.page_number, lines[0])


def test_a_box_split_over_pages_leaves_no_empty_piece(unit_file, tmp_path: Path) -> None:
    """A call-out box that continues on the next page has text in each piece: no sliver of box
    background on the footer rule."""
    sections = "".join(
        f"  - heading: Section {n}\n    text: |\n      {PROSE * (4 + n)}\n"
        f"    box:\n      title: Big box\n      text: '{PROSE * 12}'\n" for n in range(6))
    pdf = handout_only(unit_file(SMALL_UNIT.split("sections:\n")[0] + "sections:\n" + sections), tmp_path)
    with pdfplumber.open(pdf) as document:
        pieces = [(page.page_number, r["height"]) for page in document.pages for r in page.rects
                  if r["fill"] and r["width"] > 100]
    assert len(pieces) > 6
    assert all(height > 30 for _, height in pieces), pieces


def test_a_range_in_a_german_key_dates_strip_breaks_only_at_its_dash(unit_file, tmp_path: Path) -> None:
    """"1. März 1925 – 1. März 1926" wraps after the dash if it must, never inside a date."""
    events = "".join(f"  - {{id: e{n}, date: 1925-03-0{n}, end: 1926-03-0{n}, title: Ereignis {n}}}\n"
                     for n in range(1, 5))
    unit = (SMALL_UNIT.replace("events:\n", "events:\n" + events).replace("  id: small", "  id: small\n  language: de")
            .replace("events: [revolution, rapallo]", "events: [e1, e2, e3, e4]"))
    pdf = handout_only(unit_file(unit), tmp_path)
    with pdfplumber.open(pdf) as document:
        lines = [t["text"] for page in document.pages for t in page.extract_text_lines()
                 if "März" in t["text"] and "Ereignis" not in t["text"]]  # the strip's lines, not the chronology's
    dates = [date for line in lines for date in re.split(r"(?<=\d{4}) (?=\d)|(?<=–) (?=\d)", line)]
    assert len(dates) >= 4
    for date in dates:
        assert re.fullmatch(r"\d\. März 1925 –( \d\. März 1926)?|\d\. März 1926", date.strip()), lines


def test_the_chronology_details_read_in_lines_of_at_most_75_characters(unit_file, tmp_path: Path) -> None:
    """The details, in small type, are set in a column narrower than the page, not ~110 characters wide."""
    detail = "Germany and Soviet Russia restore relations and renounce claims to war reparations. " * 3
    unit = unit_file(CHRONOLOGY_UNIT.replace("detail: Germany and Soviet Russia restore relations.",
                                             f"detail: {detail.strip()}"))
    pdf = handout_only(unit, tmp_path)
    with pdfplumber.open(pdf) as document:
        # the detail's lines after the row's first (which also holds the date and the title)
        lines = [t["text"] for page in document.pages for t in page.extract_text_lines()
                 if "renounce" in t["text"] and t["x0"] > load_theme().margins.left + 20]
    assert len(lines) >= 2 and max(len(line) for line in lines) <= 75, lines


URL = ("https://www.example.org/resources/history/the-interwar-period/"
       "treaty-of-versailles-primary-sources-collection-2024.pdf")


def test_a_long_url_breaks_inside_the_column(unit_file, tmp_path: Path) -> None:
    """A URL longer than a line of prose stays inside the prose column, in the text, a point
    and a box."""
    unit = SMALL_UNIT.replace("text: The *Bolsheviks* took power and founded the Comintern.",
                              f"text: '{PROSE * 2} See {URL} for more. {PROSE * 2}'").replace(
        "points: [First point,", f"points: ['{URL}',").replace('"Why then?"', f'"Read {URL} again."')
    pdf = handout_only(unit_file(unit), tmp_path)
    prose = [right for _, right, text in body_lines(pdf) if "delegates" in text or "prisoners" in text]
    edge = max(prose)
    url_lines = [(right, text) for _, right, text in body_lines(pdf) if "/" in text or "example" in text]
    assert len(url_lines) >= 4
    # prose lines are ragged, ending a little short of the column's edge
    assert all(right <= edge + 6 for right, _ in url_lines), (edge, url_lines)


def test_an_approximate_year_prints_c_in_the_key_dates_and_the_chronology_in_its_place(
        unit_file, tmp_path: Path) -> None:
    unit = unit_file("""\
        format: 1
        unit: {id: reason, title: The Enlightenment}
        events:
          - {id: salons, date: ca. 1720, end: 1760, title: Salons flourish}
          - {id: laws, date: 1748, title: A treatise on laws}
          - {id: coffee, date: circa 1750, title: Coffee houses spread}
          - {id: volume, date: 1751-06, title: First volume appears}
        sections:
          - heading: New ideas
            text: Thinkers questioned authority.
            events: [volume, coffee, salons]
        """)
    text = words_of(handout_only(unit, tmp_path))
    assert re.search(r"Key dates c\. 1720 – 1760 .*c\. 1750 .*Jun 1751 .*Chronology", text), text
    chronology = text[text.index("Chronology"):]
    assert ("c. 1720 – 1760 Salons flourish 1748 A treatise on laws c. 1750 Coffee houses spread "
            "Jun 1751 First volume appears") in chronology


@pytest.mark.parametrize(("language", "terms"), [
    ("en", ["Assignat", "Émigrés", "Estates-General", "Łódź", "Oath", "Œuvre", "Sans-culottes", "Third Estate"]),
    ("de", ["Arbeit", "Ärger", "Straße", "Strauß", "Zoll"]),
    ("ru", ["Дума", "Ёлка", "Есаул", "Жук", "Эмиграция"]),
])
def test_the_glossary_prints_in_the_alphabetical_order_of_a_dictionary(unit_file, tmp_path: Path, language: str,
                                                                        terms: list[str]) -> None:
    """Accented letters file under their base letter, and letters no accent-stripping reaches (Œ,
    Ł) where a reader looks for them: the Unicode Collation Algorithm, read back from the PDF."""
    written = [*terms[1::2], *terms[::2]]  # out of order
    glossary = "".join(f"  - {{term: {term}, definition: Means {n}.}}\n" for n, term in enumerate(written))
    unit = unit_file(SMALL_UNIT.replace("  subject: History", f"  subject: History\n  language: {language}")
                     .replace("glossary:\n", "glossary:\n" + glossary))
    text = words_of(handout_only(unit, tmp_path))
    assert all(text.count(term) == 1 for term in terms), text
    assert sorted(terms, key=text.index) == terms


# --- sources ------------------------------------------------------------------------------------


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_sources_print_in_their_sections_lettered_in_the_order_they_first_appear(tmp_path: Path, paper: str) -> None:
    pdf = build_handout(sources_unit(tmp_path / "unit"), tmp_path / "out", paper)
    text = words_of(pdf)
    # lettered in the order the boxes print, not the unit's order of sources (lefebvre, cartoon, desmoulins)
    assert box_labels(pdf) == ["Source A", "Interpretation 1", "Source B"]
    assert ("Source A Camille Desmoulins, a letter to his father, July 1789 (adapted) The people were in the streets"
            in text)
    assert "Interpretation 1 Georges Lefebvre, The Coming of the French Revolution, 1939 The revolution of 1789" in text
    assert "Source B a cartoon published in Paris, 1793" in text and "Drawn for the tests, CC BY" in text
    # a source two sections name prints once, in the first: its extract once in the handout
    assert text.count("By evening the fortress had fallen") == 1
    # the box comes after the section's text and points and before its call-out box
    assert text.index("comes later.") < text.index("Source A Camille") < text.index("Think")
    assert not overlapping_words(pdf)


def box_labels(pdf: Path) -> list[str]:
    """The labels of the source boxes, in order: the lines set in bold that name a source."""
    with pdfplumber.open(pdf) as document:
        lines = [line for page in document.pages for line in page.extract_text_lines()]
    return [line["text"] for line in lines if "Bold" in line["chars"][0]["fontname"]
            and re.fullmatch(r"(Source [A-Z]|Interpretation \d)( \(continued\))?", line["text"])]


def test_an_at_id_in_a_section_prints_as_its_label_and_an_escaped_at_as_an_at(tmp_path: Path) -> None:
    text = words_of(build_handout(sources_unit(tmp_path / "unit"), tmp_path / "out"))
    assert "Source A describes the mood and Interpretation 1 explains it. Write to office@school.org." in text
    assert "The cartoon (Source B) comes later." in text  # in a point, before the box that letters it
    assert "Compare Source A with Interpretation 1." in text  # in the section's box
    assert "@desmoulins" not in text and "\\@" not in text


def test_a_picture_source_is_drawn_in_its_box_at_half_the_column(tmp_path: Path) -> None:
    pdf = build_handout(sources_unit(tmp_path / "unit"), tmp_path / "out")
    with pdfplumber.open(pdf) as document:
        (page,) = [p for p in document.pages if p.images]
        (image,) = page.images
        frame = next(r for r in page.rects if r["stroke"] and r["top"] < image["top"] < r["bottom"])
    assert frame["x0"] < image["x0"] and image["x1"] < frame["x1"] and image["bottom"] < frame["bottom"]
    assert abs((image["x1"] - image["x0"]) - (frame["x1"] - frame["x0"] - 16) / 2) < 1.5


def test_a_low_resolution_source_picture_is_a_warning_at_its_field(tmp_path: Path) -> None:
    unit = sources_unit(tmp_path / "unit")
    Image.new("RGB", (60, 40), "grey").save(tmp_path / "unit" / "pictures" / "cartoon.png")
    report = build(Request(paths=(unit,), out=tmp_path / "out", settings=Settings(only=("handout",))))
    assert report.ok, report.all_problems()
    warnings = [str(w) for w in report.all_warnings()]
    assert any("sources[1] (cartoon).picture.file" in w and "dots per inch" in w for w in warnings), warnings


# --- pictures (issue 19) ------------------------------------------------------------------------

CYCLE_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200" width="400" height="200">'
             '<rect x="0" y="0" width="400" height="200" fill="#99ccff"/>'
             '<circle cx="200" cy="100" r="80" fill="#3366cc"/></svg>')


def write_pictures(folder: Path) -> None:
    """The pictures of the tests, made here: a wide PNG, a square JPEG, a tall PNG, a tiny PNG, an SVG."""
    pictures = folder / "pictures"
    pictures.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (1500, 1000), "steelblue").save(pictures / "coast.png")
    Image.new("RGB", (900, 900), "olive").save(pictures / "leaf.jpg", quality=90)
    Image.new("RGB", (500, 2000), "grey").save(pictures / "tower.png")
    Image.new("RGB", (120, 80), "red").save(pictures / "tiny.png")
    (pictures / "cycle.svg").write_text(CYCLE_SVG, encoding="utf-8")


PICTURE_UNIT = f"""\
format: 1
unit: {{id: volcano, title: Volcanoes, licence: CC BY 4.0}}
sections:
  - title: The coast
    text: '{PROSE}'
    points: [Cliffs of basalt, Caves in the cliffs]
    picture: {{file: pictures/coast.png, alt: A rocky coast, credit: Photo by the geography department, size: large}}
    box:
      title: Look closely
      text: What made the caves?
      picture: {{file: pictures/leaf.jpg, alt: A fern leaf, credit: Drawn in class, size: small}}
  - title: The water cycle
    picture: {{file: pictures/cycle.svg, alt: The water cycle, credit: Drawn for the unit}}
  - title: A lava tower
    text: A tower of cooled lava.
    picture: {{file: pictures/tower.png, alt: A tower of rock, size: large}}
"""


def frame(paper: str) -> tuple[float, float, float, float]:
    """The page frame's left, top, right and bottom (pdfplumber's top-down coordinates)."""
    width, height = PAPER[paper]
    margins = load_theme().margins
    return margins.left, margins.top, width - margins.right, height - margins.bottom


def inside(box: dict, outer: tuple[float, float, float, float], slack: float = 0.5) -> bool:
    left, top, right, bottom = outer
    return (box["x0"] >= left - slack and box["x1"] <= right + slack and box["top"] >= top - slack
            and box["bottom"] <= bottom + slack)


def touching(page: pdfplumber.page.Page, box: tuple[float, float, float, float]) -> list[str]:
    """The characters drawn over ``box`` (left, top, right, bottom)."""
    left, top, right, bottom = box
    return [c["text"] for c in page.chars if c["x1"] > left + 0.5 and c["x0"] < right - 0.5
            and c["bottom"] > top + 0.5 and c["top"] < bottom - 0.5]


def credit_under(page: pdfplumber.page.Page, words: str, box: tuple[float, float, float, float]) -> None:
    """The credit ``words`` is the line right under ``box``, in small type, centred under it."""
    (line,) = [t for t in page.extract_text_lines() if t["text"] == words]
    left, _, right, bottom = box
    assert 0 <= line["top"] - bottom < 8, (words, line["top"], bottom)
    assert (line["x0"] + line["x1"]) / 2 == pytest.approx((left + right) / 2, abs=1.5)
    assert max(c["size"] for c in line["chars"]) < 9


def page_with(document: pdfplumber.PDF, words: str) -> pdfplumber.page.Page:
    return next(page for page in document.pages if words in page.extract_text())


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_pictures_print_at_their_size_in_the_column_with_their_credit(tmp_path: Path, paper: str) -> None:
    """A large picture fills the prose column (the box's width), a small one in a box a third of
    the box's inner width, a medium SVG half the column; a tall one is cut to 40% of the frame's
    height; each centred, its credit under it, nothing printed over it, all inside the frame."""
    write_pictures(tmp_path)
    (tmp_path / "unit.yaml").write_text(PICTURE_UNIT, encoding="utf-8")
    pdf = handout_only(tmp_path / "unit.yaml", tmp_path / "out", paper)
    left, top, right, bottom = frame(paper)
    with pdfplumber.open(pdf) as document:
        first = page_with(document, "The coast")
        (box,) = [r for r in first.rects if r["fill"] and 100 < r["width"] < right - left - 1]  # not the title band
        column = box["x1"] - left
        assert left == pytest.approx(box["x0"]) and column < right - left  # the measure, narrower than the page
        images = {round(i["width"] / i["height"], 2): (page, i) for page in document.pages for i in page.images}
        assert sorted(images) == [0.25, 1.0, 1.5]
        page, coast = images[1.5]
        assert (coast["x0"], coast["x1"]) == pytest.approx((left, left + column), abs=0.5)
        assert coast["height"] == pytest.approx(column / 1.5, abs=0.5)
        bullet = max(t["bottom"] for t in page.extract_text_lines() if "Caves in the cliffs" in t["text"])
        assert bullet < coast["top"] and coast["bottom"] < box["top"]  # after the points, before the box
        credit_under(page, "Picture: Photo by the geography department", (coast["x0"], coast["top"], coast["x1"], coast["bottom"]))
        page, leaf = images[1.0]
        assert leaf["width"] == pytest.approx((column - 24) / 3, abs=0.5)
        assert (leaf["x0"] + leaf["x1"]) / 2 == pytest.approx((box["x0"] + box["x1"]) / 2, abs=0.5)
        assert box["top"] < leaf["top"] and leaf["bottom"] < box["bottom"]
        credit_under(page, "Picture: Drawn in class", (leaf["x0"], leaf["top"], leaf["x1"], leaf["bottom"]))
        page, tower = images[0.25]
        assert tower["height"] == pytest.approx(0.4 * (bottom - top), abs=0.5)
        assert tower["width"] == pytest.approx(tower["height"] / 4, abs=0.5)
        assert (tower["x0"] + tower["x1"]) / 2 == pytest.approx(left + column / 2, abs=0.5)
        for page, image in images.values():
            assert inside(image, (left, top, right, bottom))
            assert not touching(page, (image["x0"], image["top"], image["x1"], image["bottom"]))
        page = page_with(document, "The water cycle")
        (drawing,) = [r for r in page.rects if r["non_stroking_color"] and r["width"] / r["height"] == pytest.approx(2)]
        assert drawing["width"] == pytest.approx(column / 2, abs=0.5)
        assert (drawing["x0"] + drawing["x1"]) / 2 == pytest.approx(left + column / 2, abs=0.5)
        assert [c for c in page.curves if inside(c, (drawing["x0"], drawing["top"], drawing["x1"], drawing["bottom"]))]
        assert all(i["bottom"] < drawing["top"] or i["top"] > drawing["bottom"] for i in page.images)
        heading = next(t for t in page.extract_text_lines() if t["text"] == "2. The water cycle")
        assert heading["bottom"] < drawing["top"] and inside(drawing, (left, top, right, bottom))
        assert not touching(page, (drawing["x0"], drawing["top"], drawing["x1"], drawing["bottom"]))
        credit_under(page, "Picture: Drawn for the unit", (drawing["x0"], drawing["top"], drawing["x1"], drawing["bottom"]))
    assert not overlapping_words(pdf)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_picture_that_opens_its_section_stays_with_its_heading(tmp_path: Path, paper: str) -> None:
    """Whatever the room left at the foot of a page, a section that opens with its picture never
    leaves its heading there alone: the two are on one page."""
    write_pictures(tmp_path)
    for sentences in range(3, 19, 3):
        text = PICTURE_UNIT.split("sections:\n")[0] + (
            f"sections:\n  - title: Before\n    text: '{PROSE * sentences}'\n"
            "  - title: The coast\n    picture: {file: pictures/coast.png, alt: A coast, credit: Photo, size: large}\n"
            "    events: [eruption]\n"
        ).replace("sections:\n", "events: [{id: eruption, date: 1980-05-18, title: Mount St Helens}]\nsections:\n", 1)
        (tmp_path / f"u{sentences}.yaml").write_text(text, encoding="utf-8")
        pdf = handout_only(tmp_path / f"u{sentences}.yaml", tmp_path / f"out{sentences}", paper)
        with pdfplumber.open(pdf) as document:
            page = page_with(document, "2. The coast")
            assert len(page.images) == 1, sentences
            assert "Key dates" in page.extract_text(), sentences  # and the strip stays with the picture


def test_a_low_resolution_picture_is_a_warning_naming_its_line(tmp_path: Path) -> None:
    """A raster picture printed below 150 dpi is a warning at its ``file:`` in the unit; the
    handout is still written. A sharp picture or an SVG gives none."""
    write_pictures(tmp_path)
    unit = tmp_path / "unit.yaml"
    unit.write_text(PICTURE_UNIT.replace("leaf.jpg", "tiny.png"), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(unit), "--out", str(tmp_path / "out"), "--only", "handout"])
    assert result.exit_code == 0, result.output
    line = 1 + PICTURE_UNIT.splitlines().index("      picture: {file: pictures/leaf.jpg, alt: A fern leaf, "
                                               "credit: Drawn in class, size: small}")
    warnings = [w for w in result.stderr.splitlines() if "dots per inch" in w]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"warning: {unit}:{line}:")
    assert "sections[0].box.picture.file: the picture prints at" in warnings[0]
    assert (tmp_path / "out" / "volcano" / "handout.pdf").is_file()


def test_a_handout_with_pictures_repeats_its_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    write_pictures(tmp_path)
    (tmp_path / "unit.yaml").write_text(PICTURE_UNIT, encoding="utf-8")
    first = handout_only(tmp_path / "unit.yaml", tmp_path / "a").read_bytes()
    assert first == handout_only(tmp_path / "unit.yaml", tmp_path / "b").read_bytes()


def test_editing_a_section_picture_rebuilds_the_handout_and_an_event_picture_does_not(tmp_path: Path) -> None:
    write_pictures(tmp_path)
    Image.new("RGB", (300, 300), "navy").save(tmp_path / "pictures" / "eruption.png")
    unit = tmp_path / "unit.yaml"
    unit.write_text(PICTURE_UNIT.replace("sections:\n", "events:\n  - {id: eruption, date: 1980-05-18, title: Mount "
                                         "St Helens, picture: {file: pictures/eruption.png, alt: Ash}}\nsections:\n", 1),
                    encoding="utf-8")
    settings = Settings(only=("handout", "timeline"))

    def built() -> list[str]:
        report = build(Request(paths=(unit,), out=tmp_path / "out", settings=settings))
        assert report.ok, report.all_problems()
        return sorted(o.path.split("/")[1] for u in report.units for o in u.outputs if o.state == "built")

    assert "handout.pdf" in built()
    assert built() == []
    Image.new("RGB", (300, 300), "maroon").save(tmp_path / "pictures" / "eruption.png")
    rebuilt = built()
    assert "timeline.pdf" in rebuilt and "handout.pdf" not in rebuilt
    Image.new("RGB", (1500, 1000), "teal").save(tmp_path / "pictures" / "coast.png")
    assert built() == ["handout.pdf"]


def test_a_box_that_runs_over_a_page_keeps_to_the_columns_left_on_both(tmp_path: Path) -> None:
    """A long box with a tall picture splits: each piece of it stands where the whole box would."""
    (tmp_path / "pictures").mkdir()
    Image.new("RGB", (300, 3000), "grey").save(tmp_path / "pictures" / "tall.png")
    words = " ".join(f"Sentence number {n} about the volcano and what it does." for n in range(60))
    unit = tmp_path / "volcano.yaml"
    unit.write_text(f"""\
format: 1
unit: {{id: volcano, title: Volcanoes}}
sections:
  - title: Eruptions
    text: '{words}'
    box: {{title: Look closer, text: '{words[:words.index(" what it does. Sentence number 25")]}', picture: {{file: pictures/tall.png, alt: a tall column of ash,
          size: large, credit: Drawn for the test}}}}
""", encoding="utf-8")
    pdf = build_handout(unit, tmp_path / "out")
    with pdfplumber.open(pdf) as document:
        boxes = [(page.page_number, round(rect["x0"])) for page in document.pages for rect in page.rects
                 if rect["width"] > 200 and rect["height"] > 30]
    assert len({page for page, _ in boxes}) >= 2 and len({x for _, x in boxes}) == 1, boxes
