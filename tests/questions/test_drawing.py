"""Answer lines: they continue on the next page, but never leave a single line behind. Scripts:
room for them between the lines."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from compiler.questions.drawing import LINE_SPACING, RuledLines
from tests.questions import sheet_and_key


def test_ruled_lines_split_where_the_page_ends_and_keep_their_indent() -> None:
    lines = RuledLines(30, 300, "#999999", indent=22)
    first, rest = lines.split(300, 10.5 * LINE_SPACING)
    assert (first.count, rest.count) == (10, 20)
    assert (first.indent, rest.indent) == (22, 22)
    assert lines.wrap(400, 1000) == (322, 30 * LINE_SPACING)


def test_ruled_lines_do_not_split_to_leave_one_line_or_when_they_fit() -> None:
    lines = RuledLines(30, 300, "#999999")
    assert lines.split(300, 1.5 * LINE_SPACING) == []
    assert lines.split(300, 31 * LINE_SPACING) == []


SCRIPTS = "H~2~O, Na^+^, SO~4~^2-^ and x^2^"


def _script_collisions(page: pdfplumber.page.Page, body_size: float) -> list[tuple[str, str]]:
    """Pairs of a sub- or superscript and another character whose boxes overlap (more than a
    hair): a script reaching into the line above or below."""
    chars = [c for c in page.chars if c["text"].strip()]
    scripts = [c for c in chars if c["size"] < body_size - 0.5 and c["fontname"].endswith("DejaVuSerif")]
    return [(a["text"], b["text"]) for a in scripts for b in chars if a is not b
            and min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]) > 0.3
            and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 0.3]


def test_sub_and_superscripts_never_reach_into_the_line_above_or_below(tmp_path: Path) -> None:
    many = " ".join([SCRIPTS] * 6)
    sheet_and_key(tmp_path, f"""\
        - type: short
          prompt: Explain {many}.
          answer: Because {many}.
        - type: choice
          prompt: Which?
          options: ["{many}", Cl^-^]
          answer: Cl^-^
        - type: match
          pairs: [["{many}", "{many}"], [Cl^-^, K^+^]]
        - type: order
          items: ["{many}", Cl^-^]
        - type: gap_fill
          text: "{many} [[H~2~O]] {many}"
        - type: extended
          prompt: Discuss {many}.
          space: 4 lines
          mark_scheme: ["Level 1 (1–5): {many}", "{many}"]
        """)
    for name in ("worksheet-w.pdf", "worksheet-w-key.pdf"):
        with pdfplumber.open(tmp_path / "out" / "one" / name) as pdf:
            for page in pdf.pages:
                sizes = {c["size"] for c in page.chars if c["fontname"].endswith("DejaVuSerif")}
                assert len([s for s in sizes if s < max(sizes) - 0.5]) >= 1  # scripts are there
                assert _script_collisions(page, 10) == [], name
