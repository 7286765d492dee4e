"""``type: extended`` on the sheet and in the key."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from tests.questions import sheet_and_key


def test_pages_of_lines_continue_over_the_page_and_the_key_gives_the_mark_scheme(tmp_path: Path) -> None:
    sheet, key = sheet_and_key(tmp_path, """\
        - type: extended
          prompt: How consistent was Stalin's foreign policy?
          space: 2 pages
          mark_scheme: ["Level 2 (11–20): a sustained judgement"]
        """)
    pages = sheet.split(" | ")
    prompt = next(n for n, page in enumerate(pages) if "Stalin’s foreign policy?" in page)
    total = next(n for n, page in enumerate(pages) if "Total:" in page)
    assert total - prompt == 1  # 2 pages fitted: the rest of the prompt's page and one more, to its foot
    assert "a sustained judgement" not in sheet
    assert "Mark scheme Level Marks Descriptor 2 11–20 a sustained judgement" in key


def test_a_mark_scheme_of_levels_prints_as_a_table_of_level_marks_and_descriptor(tmp_path: Path) -> None:
    sheet_and_key(tmp_path, """\
        - type: extended
          prompt: How consistent was Stalin's foreign policy?
          space: 10 lines
          marks: 20
          mark_scheme:
            - "Level 3 (15-20 marks): a sustained, well-supported judgement on the relative weight of ideology and
              security across the whole period, showing how the balance shifted from 1917 to 1941"
            - Level 2 (8–14) a clear argument with accurate examples
            - "Level 1: 1–7 marks: a few relevant points"
            - Credit any other valid judgement.
        """)
    with pdfplumber.open(tmp_path / "out" / "one" / "worksheet-w-key.pdf") as pdf:
        page = pdf.pages[0]
        words = page.extract_words()
        heads = {w["text"]: w for w in words if w["text"] in ("Level", "Marks", "Descriptor")}
        assert heads["Level"]["x0"] < heads["Marks"]["x0"] < heads["Descriptor"]["x0"]
        assert heads["Level"]["top"] == heads["Marks"]["top"] == heads["Descriptor"]["top"]  # one header row
        rows = [("3", "15–20", "a sustained"), ("2", "8–14", "a clear"), ("1", "1–7", "a few")]
        tops = []
        for level, marks, descriptor in rows:
            top = page.search(descriptor)[0]["top"]
            for text, head in ((level, "Level"), (marks, "Marks"), (descriptor.split()[0], "Descriptor")):
                assert any(w["text"] == text and abs(w["top"] - top) < 1 and abs(w["x0"] - heads[head]["x0"]) < 1
                           for w in words), (text, head)  # in its column, on its row's first line
            tops.append(top)
        starts = {round(w["top"]) for w in words if abs(w["x0"] - heads["Descriptor"]["x0"]) < 1}
        assert len([t for t in starts if tops[0] < t < tops[1]]) >= 1  # the long descriptor wraps in its column
        other = page.search("Credit any other valid judgement.")[0]
        assert abs(other["x0"] - heads["Level"]["x0"]) < 1  # text that is not a level: a paragraph below


def _ruled_lines(pdf: Path) -> int:
    """The writing lines on a sheet: long thin horizontal rules."""
    with pdfplumber.open(pdf) as document:
        return sum(1 for page in document.pages for line in page.lines
                   if abs(line["top"] - line["bottom"]) < 0.5 and line["x1"] - line["x0"] > 300)


def test_without_a_space_an_essay_gets_room_by_its_marks(tmp_path: Path) -> None:
    """Two lines a mark: a 5-mark answer gets 10 lines under its question (as many rules as
    ``space: 10 lines``); a 20-mark essay gets whole pages, as a teacher gives a long essay."""
    counts = {}
    for name, question in (("given", "{type: extended, prompt: Explain one cause., marks: 5, space: 10 lines}"),
                           ("by-marks", "{type: extended, prompt: Explain one cause., marks: 5}"),
                           ("fewer", "{type: extended, prompt: Explain one cause., marks: 5, space: 4 lines}")):
        (tmp_path / name).mkdir()
        sheet_and_key(tmp_path / name, f"- {question}\n")
        counts[name] = _ruled_lines(tmp_path / name / "out" / "one" / "worksheet-w.pdf")
    assert counts["by-marks"] == counts["given"] == counts["fewer"] + 6
    (tmp_path / "long").mkdir()
    sheet, _ = sheet_and_key(tmp_path / "long", "- {type: extended, prompt: How far do you agree?, marks: 20}\n")
    assert len(sheet.split(" | ")) >= 2 and _ruled_lines(tmp_path / "long" / "out" / "one" / "worksheet-w.pdf") > 40
