"""The floor: the benchmark's four documents drawn by hand with ReportLab, without printpack.

``python benchmarks/floor.py OUT_DIR`` reads ``four-documents.yaml`` with plain
``yaml.safe_load`` and draws what printpack makes of it, in the way a programmer who knows
ReportLab would write it directly:

- ``worksheet.pdf``: 40 numbered questions (a table row each, so a question never splits),
  each type drawn its own way (option circles, true/false, ruled answer lines, a word bank,
  matching columns with boxes, ordering boxes), name/class/date line, marks, "Page X of Y";
- ``worksheet-key.pdf``: the same questions with their answers;
- ``cardsort.pdf``: 2 heading cards and 24 cards on a 3 x 6 grid with dashed cut lines, text
  set as large as fits (a search over font sizes), a code on each card, and an answer-key page;
- ``timeline.pdf``: an A3 landscape poster with a proportional axis and year ticks, a legend,
  and a boxed label for each of the 40 events placed on levels above and below the axis so
  that no two labels overlap, with leader lines.

It does no validation, no wording templates, no fingerprints, no escaping beyond XML escaping:
what is left is the cost of ReportLab itself, which is the point of a floor.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import yaml
from reportlab.lib import colors
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

HERE = Path(__file__).resolve().parent
FONTS = HERE.parent / "templates" / "fonts"
PALETTE = [colors.HexColor(c) for c in ("#0072b2", "#d55e00", "#009e73")]
MARKERS = ["●", "■", "▲"]
MARGIN = 17 * mm


def register_fonts() -> None:
    for name, file in (("Serif", "DejaVuSerif.ttf"), ("SerifBold", "DejaVuSerif-Bold.ttf"),
                       ("Sans", "DejaVuSans.ttf"), ("SansBold", "DejaVuSans-Bold.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(FONTS / file)))
    pdfmetrics.registerFontFamily("Serif", normal="Serif", bold="SerifBold", italic="Serif", boldItalic="SerifBold")


def numbered_canvas(footer: str) -> type[Canvas]:
    """A canvas that holds pages back until the count is known, then prints "Page X of Y"."""

    class Numbered(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # ReportLab's name for "end this page"
            self.pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for number, state in enumerate(self.pages, start=1):
                self.__dict__.update(state)
                width = self._pagesize[0]
                self.setFont("Sans", 7)
                self.setFillColor(colors.grey)
                self.drawString(MARGIN, 10 * mm, footer)
                self.drawRightString(width - MARGIN, 10 * mm, f"Page {number} of {len(self.pages)}")
                Canvas.showPage(self)
            Canvas.save(self)

    return Numbered


# --- worksheet ---------------------------------------------------------------------------------

BODY = ParagraphStyle("body", fontName="Serif", fontSize=10, leading=14)
SMALL = ParagraphStyle("small", fontName="Sans", fontSize=7, leading=9, textColor=colors.grey)
HEAD = ParagraphStyle("head", fontName="SansBold", fontSize=22, leading=26)


def question_text(question: dict[str, Any]) -> str:
    text = question.get("prompt") or question.get("statement") or ""
    if question["type"] == "gap_fill":
        gaps = str(question["text"]).split("[[")
        filled = [gaps[0]] + [f"({k}) ____________ {part.split(']]', 1)[1]}" for k, part in enumerate(gaps[1:], 1)]
        text = (text + " " if text else "") + "".join(filled)
    return escape(str(text))


def answer_cells(question: dict[str, Any]) -> list[Any]:
    """What the student writes on, by type."""
    kind = question["type"]
    if kind == "choice":
        return [Paragraph("Circle one letter.", SMALL)] + [
            Paragraph(f"○ <b>{chr(65 + k)}</b> {escape(str(o))}", BODY) for k, o in enumerate(question["options"])]
    if kind == "true_false":
        return [Paragraph("Circle True or False.", SMALL), Paragraph("○ True          ○ False", BODY)]
    if kind == "short":
        lines = Table([[""] for _ in range(question.get("lines", 3))], colWidths=[150 * mm], rowHeights=8 * mm)
        lines.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.lightgrey)]))
        return [lines]
    if kind == "gap_fill":
        words = [w.split("]]")[0] for w in str(question["text"]).split("[[")[1:]] + list(question.get("distractors", []))
        bank = Table([[Paragraph("<b>Word bank:</b> " + " · ".join(escape(str(w)) for w in sorted(words)), BODY)]],
                     colWidths=[150 * mm])
        bank.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.5, colors.grey)]))
        return [Paragraph("Fill each gap with a word from the word bank.", SMALL), bank]
    if kind == "match":
        rows = [[Paragraph(f"<b>{k + 1}</b> {escape(str(left))}", BODY), "",
                 Paragraph(f"<b>{chr(65 + k)}</b> {escape(str(right))}", SMALL)]
                for k, (left, right) in enumerate(question["pairs"])]
        table = Table(rows, colWidths=[50 * mm, 8 * mm, 90 * mm])
        table.setStyle(TableStyle([("BOX", (1, 0), (1, -1), 0.5, colors.black),
                                   ("INNERGRID", (1, 0), (1, -1), 0.5, colors.black)]))
        return [Paragraph("Write the letter of the matching item in each box.", SMALL), table]
    if kind == "order":
        rows = [["", Paragraph(f"<b>{chr(65 + k)}</b> {escape(str(item))}", BODY)]
                for k, item in enumerate(reversed(question["items"]))]
        table = Table(rows, colWidths=[8 * mm, 140 * mm])
        table.setStyle(TableStyle([("BOX", (0, 0), (0, -1), 0.5, colors.black),
                                   ("INNERGRID", (0, 0), (0, -1), 0.5, colors.black)]))
        return [Paragraph("Number the boxes 1 to 4, with 1 for the first.", SMALL), table]
    return []


def answer_text(question: dict[str, Any]) -> str:
    kind = question["type"]
    if kind == "gap_fill":
        return ", ".join(w.split("]]")[0] for w in str(question["text"]).split("[[")[1:])
    if kind == "match":
        return "; ".join(f"{k + 1} {chr(65 + k)}" for k in range(len(question["pairs"])))
    if kind == "order":
        return " ".join(chr(65 + len(question["items"]) - 1 - k) for k in range(len(question["items"])))
    answer = question.get("answer")
    return "True" if answer is True else "False" if answer is False else str(answer)


def worksheet(unit: dict[str, Any], path: Path, *, key: bool) -> None:
    sheet = unit["worksheets"][0]
    story: list[Any] = [Paragraph(escape(sheet["title"]) + (" — answers" if key else ""), HEAD),
                        Paragraph(escape(unit["unit"]["title"]), SMALL), Spacer(1, 10)]
    if not key:
        story.append(Paragraph("<b>Name</b> ______________________  <b>Class</b> ________  <b>Date</b> ________",
                               BODY))
    story.append(Spacer(1, 10))
    for number, question in enumerate(sheet["questions"], start=1):
        cell: list[Any] = [Paragraph(question_text(question), BODY)]
        cell += [Paragraph("<b>Answer:</b> " + escape(answer_text(question)), BODY)] if key else answer_cells(question)
        row = Table([[Paragraph(f"<b>{number}.</b>", BODY), cell, Paragraph(f"<b>[{question.get('marks', 1)}]</b>", BODY)]],
                    colWidths=[10 * mm, 152 * mm, 12 * mm])
        row.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))
        story.append(row)
    document = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                                 topMargin=16 * mm, bottomMargin=16 * mm, invariant=1, title=sheet["title"])
    document.build(story, canvasmaker=numbered_canvas(unit["unit"]["title"]))


# --- card sort ---------------------------------------------------------------------------------


def fitted(text: str, width: float, height: float, *, bold: bool = False) -> Paragraph:
    """The paragraph at the largest half-point size from 15 to 8 at which it fits."""
    low, high = 16, 30  # half points
    best = low
    while low <= high:
        middle = (low + high) // 2
        size = middle / 2
        style = ParagraphStyle("card", fontName="SansBold" if bold else "Serif", fontSize=size,
                               leading=size * 1.25, alignment=1)
        _, used = Paragraph(text, style).wrap(width, height)
        if used <= height:
            best, low = middle, middle + 1
        else:
            high = middle - 1
    size = best / 2
    return Paragraph(text, ParagraphStyle("card", fontName="SansBold" if bold else "Serif", fontSize=size,
                                          leading=size * 1.25, alignment=1))


def card_sort(unit: dict[str, Any], path: Path) -> None:
    sort = unit["card_sorts"][0]
    canvas = numbered_canvas(unit["unit"]["title"])(str(path), pagesize=A4, invariant=1)
    columns, rows = 3, 6
    top = A4[1] - 26 * mm
    card_w, card_h = (A4[0] - 2 * MARGIN) / columns, (top - 16 * mm) / rows
    cards = [(c["label"], True, c["id"]) for c in sort["categories"]]
    cards += [(c["text"], False, c.get("category")) for c in sort["cards"]]
    codes = []
    for index, (text, heading, category) in enumerate(cards):
        slot = index % (columns * rows)
        if slot == 0:
            if index:
                canvas.showPage()
            canvas.setFont("SansBold", 13)
            canvas.drawString(MARGIN, A4[1] - 18 * mm, sort["title"])
            canvas.setFont("Sans", 7)
            canvas.drawString(MARGIN, A4[1] - 22 * mm, "✂ Cut along the dashed lines.")
        row, column = divmod(slot, columns)
        x, y = MARGIN + column * card_w, top - (row + 1) * card_h
        canvas.setDash(3, 2)
        canvas.setStrokeColor(colors.grey)
        canvas.rect(x, y, card_w, card_h)
        canvas.setDash()
        if heading:
            canvas.setStrokeColor(PALETTE[index % len(PALETTE)])
            canvas.setLineWidth(1.5)
            canvas.roundRect(x + 4, y + 4, card_w - 8, card_h - 8, 6)
            canvas.setLineWidth(1)
        paragraph = fitted(escape(str(text)), card_w - 14, card_h - 22, bold=heading)
        _, used = paragraph.wrap(card_w - 14, card_h - 22)
        paragraph.drawOn(canvas, x + 7, y + 12 + (card_h - 22 - used) / 2)
        code = f"A{index + 1}"
        codes.append((code, text, category, heading))
        canvas.setFont("Sans", 5)
        canvas.setFillColor(colors.grey)
        canvas.drawString(x + 5, y + 4, sort["title"])
        canvas.setFillColor(colors.black)
        canvas.setFont("SansBold", 6)
        canvas.drawRightString(x + card_w - 5, y + 4, code)
    canvas.showPage()
    canvas.setFont("SansBold", 13)
    canvas.drawString(MARGIN, A4[1] - 18 * mm, f"{sort['title']} — key")
    key = Table([[code, Paragraph(escape(str(text)), SMALL), str(category)] for code, text, category, heading in codes
                 if not heading], colWidths=[12 * mm, 130 * mm, 30 * mm])
    key.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "Sans", 7), ("GRID", (0, 0), (-1, -1), 0.3, colors.grey)]))
    _, height = key.wrap(A4[0] - 2 * MARGIN, A4[1])
    key.drawOn(canvas, MARGIN, A4[1] - 26 * mm - height)
    canvas.showPage()
    canvas.save()


# --- timeline ----------------------------------------------------------------------------------


def year_of(date: str) -> float:
    parts = [int(p) for p in str(date).split("-")]
    return parts[0] + ((parts[1] - 1) / 12 if len(parts) > 1 else 0) + ((parts[2] - 1) / 365 if len(parts) > 2 else 0)


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and stringWidth(f"{lines[-1]} {word}", font, size) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def place(boxes: list[tuple[float, float]], levels: list[list[tuple[float, float]]]) -> list[int]:
    """Greedy placement: each label (x_from, x_to) goes on the lowest level, alternating above
    and below the axis, where it overlaps no label already there."""
    chosen = []
    for start, end in boxes:
        for level, taken in enumerate(levels):
            if all(end + 3 < a or start > b + 3 for a, b in taken[-4:]):
                taken.append((start, end))
                chosen.append(level)
                break
        else:
            levels.append([(start, end)])
            chosen.append(len(levels) - 1)
    return chosen


def timeline(unit: dict[str, Any], path: Path) -> None:
    size = landscape(A3)
    canvas = numbered_canvas(unit["unit"]["title"])(str(path), pagesize=size, invariant=1)
    events = sorted(unit["events"], key=lambda e: year_of(e["date"]))
    themes = {t["id"]: n for n, t in enumerate(unit.get("themes", []))}
    first, last = int(year_of(events[0]["date"])), int(year_of(events[-1]["date"])) + 1
    left, right, axis = MARGIN, size[0] - MARGIN, size[1] / 2 - 10 * mm
    scale = (right - left) / (last - first)
    canvas.setFont("SansBold", 22)
    canvas.drawString(left, size[1] - 22 * mm, unit["unit"]["title"])
    canvas.setFont("SansBold", 7)
    canvas.drawString(size[0] / 2, size[1] - 16 * mm, "Themes in this unit")
    for theme in unit.get("themes", []):
        n = themes[theme["id"]]
        canvas.setFillColor(PALETTE[n % 3])
        canvas.setFont("Sans", 7)
        canvas.drawString(size[0] / 2 + n * 70 * mm / 2, size[1] - 20 * mm, f"{MARKERS[n % 3]} {theme['label']}")
    canvas.setFillColor(colors.black)
    canvas.setLineWidth(1.2)
    canvas.line(left, axis, right, axis)
    canvas.setFont("Sans", 6)
    for year in range(first - first % 10, last + 1, 10):
        if year >= first:
            x = left + (year - first) * scale
            canvas.line(x, axis - 3, x, axis + 3)
            canvas.drawCentredString(x, axis - 10, str(year))
    canvas.setLineWidth(0.5)
    width, line = 34 * mm, 8
    boxes, texts = [], []
    for event in events:
        x = left + (year_of(event["date"]) - first) * scale
        lines = wrap(str(event["title"]), "SansBold" if event.get("key") else "Sans", 7, width - 6)
        texts.append((x, lines, event))
        boxes.append((max(left, x - width), max(left, x - width) + width))
    above: list[list[tuple[float, float]]] = []
    below: list[list[tuple[float, float]]] = []
    for n, ((x, lines, event), (start, _)) in enumerate(zip(texts, boxes, strict=True)):
        side = above if n % 2 == 0 else below
        level = place([boxes[n]], side)[0]
        height = 12 + line * len(lines)
        step = 12 + line * 3
        y = axis + 14 + level * step if side is above else axis - 14 - level * step - height
        colour = PALETTE[themes.get((event.get("themes") or ["t0"])[0], 0) % 3]
        canvas.setStrokeColor(colour)
        canvas.line(x, axis, x, y if side is above else y + height)
        canvas.setFillColor(colors.white)
        canvas.rect(start, y, width, height, fill=1)
        canvas.setFillColor(colour)
        canvas.setFont("Sans", 5.5)
        canvas.drawString(start + 3, y + height - 8, f"{MARKERS[themes.get(event['themes'][0], 0) % 3]} {event['date']}")
        canvas.setFillColor(colors.black)
        canvas.setFont("SansBold" if event.get("key") else "Sans", 7)
        for k, text in enumerate(lines):
            canvas.drawString(start + 3, y + height - 16 - k * line, text)
    canvas.showPage()
    canvas.save()


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    unit = yaml.safe_load((HERE / "four-documents.yaml").read_text(encoding="utf-8"))
    register_fonts()
    worksheet(unit, out / "worksheet.pdf", key=False)
    worksheet(unit, out / "worksheet-key.pdf", key=True)
    card_sort(unit, out / "cardsort.pdf")
    timeline(unit, out / "timeline.pdf")


if __name__ == "__main__":
    main()
