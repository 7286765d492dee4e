"""Draws a planned worksheet or answer key with ReportLab platypus."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from compiler.errors import LayoutError
from compiler.kinds.worksheet.plan import PartPlan, QuestionPlan, WorksheetPlan
from compiler.outputs import Context, Rendered
from compiler.pdf import (
    Paragraph,
    Unsplit,
    colour,
    frame_size,
    kept_with_next,
    padding,
    render_story,
    styles,
    table,
    too_tall,
)
from compiler.theme import Theme

LINE_SPACING = 8 * mm


Styles = dict[str, ParagraphStyle]
NUMBER_WIDTH = 22
MARKS_WIDTH = 34


class RuledLines(Flowable):
    """Answer lines; they may continue on the next page (extended answers of a page or more)."""

    def __init__(self, count: int, width: float, line_colour: str, indent: float = 0) -> None:
        super().__init__()
        self.count = count
        self.width = width
        self.line_colour = line_colour
        self.indent = indent

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.indent + self.width, self.count * LINE_SPACING

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        fits = int(available_height // LINE_SPACING)
        if fits < 2 or fits >= self.count:
            return []
        return [RuledLines(fits, self.width, self.line_colour, self.indent),
                RuledLines(self.count - fits, self.width, self.line_colour, self.indent)]

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(colour(self.line_colour))
        canvas.setLineWidth(0.5)
        for n in range(self.count):
            canvas.line(self.indent, n * LINE_SPACING, self.indent + self.width, n * LINE_SPACING)


class WriteInBox(Flowable):
    """An empty square for a student to write a letter or number in."""

    def __init__(self, size: float, line_colour: str) -> None:
        super().__init__()
        self.size = size
        self.line_colour = line_colour

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        self.canv.setStrokeColor(colour(self.line_colour))
        self.canv.setLineWidth(0.8)
        self.canv.rect(0, 0, self.size, self.size)


def render(plan: WorksheetPlan, context: Context) -> Rendered:
    theme = context.theme
    style = _styles(theme)
    width, height = frame_size(theme, context.page_size)
    story: list[Flowable] = [*_title_block(plan, style, theme, width)]
    for part in plan.parts:
        story.extend(_part(part, plan, style, theme, width, height))
    story += [Spacer(1, 10), Paragraph(plan.total, style["total"])]
    pdf, pages = render_story(story, theme, context.page_size, plan.furniture, plan.metadata)
    return Rendered(pdf, pages)


def _styles(theme: Theme) -> Styles:
    style = styles(theme)
    accent = colour(theme.colours.accent)
    style["number"] = ParagraphStyle("number", parent=style["label"], fontSize=style["body"].fontSize,
                                     leading=style["body"].leading)
    style["marks"] = ParagraphStyle("marks", parent=style["number"], alignment=2)
    style["instruction"] = ParagraphStyle("instruction", parent=style["small"], textColor=colour(theme.colours.muted),
                                          fontName=style["subtitle"].fontName, spaceAfter=3)
    style["answer"] = ParagraphStyle("answer", parent=style["number"], textColor=accent, spaceAfter=2)
    style["total"] = ParagraphStyle("total", parent=style["subheading"], alignment=2)
    style["option"] = ParagraphStyle("option", parent=style["body"], spaceAfter=0)
    return style


def _font(style: Styles) -> str:
    return style["body"].fontName


def _title_block(plan: WorksheetPlan, style: Styles, theme: Theme, width: float) -> list[Flowable]:
    heading: list[Flowable] = [Paragraph(plan.title, style["title"]), Paragraph(plan.subtitle, style["muted"])]
    badge_width = 70 if plan.badge else 0
    cells: list[Any] = [heading]
    commands: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP"), *padding(0, 0, 0, 0)]
    if plan.badge:
        badge = ParagraphStyle("badge", parent=style["subheading"], alignment=1, textColor=colour(theme.colours.band_text))
        cells.append(Paragraph(plan.badge, badge))
        commands += [("BACKGROUND", (1, 0), (1, 0), colour(theme.colours.band)), ("VALIGN", (1, 0), (1, 0), "MIDDLE"),
                     ("TOPPADDING", (1, 0), (1, 0), 4), ("BOTTOMPADDING", (1, 0), (1, 0), 6)]
    blocks: list[Flowable] = [table([cells], [width - badge_width, badge_width] if plan.badge else [width],
                                    commands, _font(style)), Spacer(1, 8)]
    if plan.banner:
        banner = ParagraphStyle("banner", parent=style["subheading"], textColor=colour(theme.colours.band_text))
        blocks += [table([[Paragraph(plan.banner, banner)]], [width],
                         [("BACKGROUND", (0, 0), (-1, -1), colour(theme.colours.accent)), *padding(8, 8, 2, 5)],
                         _font(style)), Spacer(1, 8)]
    else:
        name, klass, date = plan.name_labels
        label = style["label"]
        row = [Paragraph(name, label), "", Paragraph(klass, label), "", Paragraph(date, label), ""]
        widths = [36, width * 0.42, 36, width * 0.18, 30]
        widths.append(width - sum(widths))
        line = colour(theme.colours.text)
        blocks += [table([row], widths, [("LINEBELOW", (1, 0), (1, 0), 0.6, line), ("LINEBELOW", (3, 0), (3, 0), 0.6, line),
                                         ("LINEBELOW", (5, 0), (5, 0), 0.6, line), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                         *padding(0, 6, 6, 2)], _font(style)), Spacer(1, 10)]
    if plan.instructions:
        blocks += [Paragraph(f"<i>{plan.instructions}</i>", style["body"]), Spacer(1, 4)]
    return blocks


def _part(part: PartPlan, plan: WorksheetPlan, style: Styles, theme: Theme, width: float,
          height: float) -> list[Flowable]:
    story: list[Flowable] = []
    if part.title or part.marks_label:
        heading = table([[Paragraph(part.title or "", style["subheading"]), Paragraph(part.marks_label or "", style["marks"])]],
                        [width - 90, 90], [("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                           ("LINEBELOW", (0, 0), (-1, -1), 0.8, colour(theme.colours.accent)),
                                           *padding(0, 0, 2, 3)], _font(style))
        story += [CondPageBreak(height * 0.25), Spacer(1, 6), *kept_with_next(heading, Spacer(1, 4))]
        if part.instructions:
            story += kept_with_next(Paragraph(f"<i>{part.instructions}</i>", style["body"]))
    for question in part.questions:
        story.extend(_question(question, plan, style, theme, width, height))
    return story


def _question(question: QuestionPlan, plan: WorksheetPlan, style: Styles, theme: Theme, width: float,
              height: float) -> list[Flowable]:
    inner = width - NUMBER_WIDTH - MARKS_WIDTH
    content: list[Flowable] = []
    if question.prompt:
        content.append(Paragraph(question.prompt, style["body"]))
    if plan.key:
        content += _key_body(question, style, inner)
    else:
        if question.instruction:
            content.append(Paragraph(question.instruction, style["instruction"]))
        content += _sheet_body(question, plan, style, theme, inner)
    marks = Markup("[{}]").format(question.marks)
    row = Unsplit(table([[Paragraph(f"{question.number}.", style["number"]), content, Paragraph(str(marks), style["marks"])]],
                        [NUMBER_WIDTH, inner, MARKS_WIDTH], [("VALIGN", (0, 0), (-1, -1), "TOP"), *padding(0, 0, 9, 0)],
                        _font(style)))
    _, needed = row.wrap(width, height)
    if needed > height:
        raise LayoutError([too_tall(row, width, height, question.path, "the question is taller than a page",
                                    "shorten it, or split it into two questions")])
    if question.pages and not plan.key:
        lines_per_page = int(height // LINE_SPACING) - 1
        return [*kept_with_next(row, Spacer(1, 4)),
                RuledLines(question.pages * lines_per_page, inner, theme.colours.rule, NUMBER_WIDTH)]
    return [row]  # one table row (spacing in its padding): it moves to the next page whole, never splits


def _sheet_body(question: QuestionPlan, plan: WorksheetPlan, style: Styles, theme: Theme,
                width: float) -> list[Flowable]:
    font = _font(style)
    rule = colour(theme.colours.rule)
    if question.kind == "choice":
        rows = [["○", Paragraph(f"<b>{item.label}</b>", style["option"]), Paragraph(item.text, style["option"])]
                for item in question.items]
        return [table(rows, [14, 16, width - 30], [("VALIGN", (0, 0), (-1, -1), "TOP"), *padding(0, 2, 2, 2),
                                                   ("FONTSIZE", (0, 0), (0, -1), style["body"].fontSize)], font)]
    if question.kind == "true_false":
        cells = [Paragraph(f"○&nbsp;&nbsp;{item.text}", style["option"]) for item in question.items]
        return [table([cells], [width * 0.3, width * 0.3], [*padding(0, 0, 3, 0)], font, hAlign="LEFT")]
    if question.kind == "gap_fill":
        story: list[Flowable] = [Paragraph(question.text, ParagraphStyle("gaps", parent=style["body"],
                                                                       leading=style["body"].fontSize * 2.1))]
        if question.word_bank:
            words = "&nbsp;&nbsp;&nbsp;·&nbsp;&nbsp;&nbsp; ".join(question.word_bank)
            story.append(table([[Paragraph(f"<b>{plan.word_bank_heading}:</b>&nbsp;&nbsp; {words}", style["body"])]],
                               [width], [("BOX", (0, 0), (-1, -1), 0.8, rule), *padding(8, 8, 5, 3)], font))
        return story
    if question.kind == "match":
        box = style["body"].leading + 2
        rows = [[Paragraph(f"<b>{left.label}</b>", style["option"]), Paragraph(left.text, style["option"]),
                 WriteInBox(box, theme.colours.text), "",
                 Paragraph(f"<b>{right.label}</b>", style["option"]), Paragraph(right.text, style["small"])]
                for left, right in zip(question.left, question.items, strict=True)]
        side = (width - 14 - box - 14 - 14) / 2
        return [table(rows, [14, side * 0.8, box + 4, 10, 14, side * 1.2],
                      [("VALIGN", (0, 0), (-1, -1), "TOP"), *padding(0, 4, 4, 4)], font)]
    if question.kind == "order":
        box = style["body"].leading + 2
        rows = [[WriteInBox(box, theme.colours.text), Paragraph(f"<b>{item.label}</b>", style["option"]),
                 Paragraph(item.text, style["option"])] for item in question.items]
        return [table(rows, [box + 8, 18, width - box - 26],
                      [("VALIGN", (0, 0), (-1, -1), "TOP"), *padding(0, 4, 3, 3)], font)]
    if question.lines:
        return [Spacer(1, 4), RuledLines(question.lines, width, theme.colours.rule)]
    return []


def _key_body(question: QuestionPlan, style: Styles, width: float) -> list[Flowable]:
    story: list[Flowable] = []
    if question.kind == "gap_fill":
        story.append(Paragraph(question.text, style["body"]))
    if question.answer:
        story.append(Paragraph(question.answer, style["answer"]))
    if question.details_heading:
        story.append(Paragraph(question.details_heading, style["label"]))
    story += [Paragraph(detail, style["small"]) for detail in question.details]
    return story
