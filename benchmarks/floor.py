"""The floor: the benchmark's four documents drawn by hand with ReportLab, no printpack.

A 40-question worksheet, its key, a 24-card sort with dashed cut lines and a 40-event A3
timeline, with the same fonts and roughly the same content as printpack draws from
``four-documents.yaml``. It reads that YAML with plain ``yaml.safe_load`` and does no
validation, wording, planning or fitting: what is left is the cost of ReportLab itself.

Usage: ``python benchmarks/floor.py OUT_DIR``
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

HERE = Path(__file__).resolve().parent
FONTS = HERE.parent / "templates" / "fonts"


def register_fonts() -> None:
    for name, file in (("Serif", "DejaVuSerif.ttf"), ("Sans", "DejaVuSans.ttf"), ("SansBold", "DejaVuSans-Bold.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(FONTS / file)))


def worksheet(unit: dict, path: Path, *, key: bool) -> None:
    body = ParagraphStyle("b", fontName="Serif", fontSize=10, leading=14)
    head = ParagraphStyle("h", fontName="SansBold", fontSize=18, leading=22)
    story = [Paragraph(unit["worksheets"][0]["title"], head), Spacer(1, 12)]
    for n, question in enumerate(unit["worksheets"][0]["questions"], start=1):
        text = question.get("prompt") or question.get("statement") or question.get("text", "")
        cell = [Paragraph(text, body)]
        if key:
            cell.append(Paragraph(f"<b>{question.get('answer', '')}</b>", body))
        elif question["type"] == "choice":
            cell += [Paragraph(f"○ {chr(65 + k)} {option}", body) for k, option in enumerate(question["options"])]
        elif question["type"] == "short":
            cell.append(Spacer(1, 3 * 8 * mm))
        table = Table([[f"{n}.", cell, f"[{question.get('marks', 1)}]"]], colWidths=[22, 400, 34])
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (-1, -1), "Sans")]))
        story += [table, Spacer(1, 8)]
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(story)


def card_sort(unit: dict, path: Path) -> None:
    sort = unit["card_sorts"][0]
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    width, height = A4[0] - 34 * mm, A4[1] - 32 * mm
    columns, rows = 3, 6
    card_w, card_h = width / columns, height / rows
    style = ParagraphStyle("c", fontName="Serif", fontSize=12, leading=15, alignment=1)
    cards = [c["label"] for c in sort["categories"]] + [c["text"] for c in sort["cards"]]
    for index, text in enumerate(cards):
        page_index = index % (columns * rows)
        if index and page_index == 0:
            canvas.showPage()
        row, column = divmod(page_index, columns)
        x, y = 17 * mm + column * card_w, 16 * mm + (rows - row - 1) * card_h
        canvas.setDash(4, 3)
        canvas.rect(x, y, card_w, card_h)
        paragraph = Paragraph(text, style)
        _, h = paragraph.wrap(card_w - 12, card_h)
        paragraph.drawOn(canvas, x + 6, y + (card_h - h) / 2)
        canvas.setFont("Sans", 7)
        canvas.drawRightString(x + card_w - 6, y + 5, f"A{index + 1}")
    canvas.showPage()
    canvas.save()


def timeline(unit: dict, path: Path) -> None:
    size = landscape(A3)
    canvas = Canvas(str(path), pagesize=size, invariant=1)
    events = unit["events"]
    years = [int(str(e["date"])[:4]) for e in events]
    first, last = min(years), max(years) + 1
    left, right, axis = 30 * mm, size[0] - 30 * mm, size[1] / 2
    canvas.line(left, axis, right, axis)
    for n, event in enumerate(events):
        x = left + (years[n] - first) / (last - first) * (right - left)
        level = n % 6
        y = axis + (20 + level * 34) * (1 if n % 2 else -1)
        canvas.line(x, axis, x, y)
        canvas.rect(x - 90, y, 90, 28)
        canvas.setFont("Sans", 7)
        canvas.drawString(x - 87, y + 19, str(event["date"]))
        canvas.setFont("Sans", 8)
        canvas.drawString(x - 87, y + 8, event["title"][:24])
    canvas.setFont("SansBold", 22)
    canvas.drawString(left, size[1] - 40, unit["unit"]["title"])
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
