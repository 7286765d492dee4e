"""Draws a planned worksheet or answer key with ReportLab platypus."""

from __future__ import annotations

from typing import Any, cast

from markupsafe import Markup
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from compiler.errors import LayoutError
from compiler.kinds.worksheet.plan import PartPlan, QuestionPlan, WorksheetPlan
from compiler.outputs import Context, Rendered, drawing
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
from compiler.questions import QUESTION_TYPES
from compiler.questions.drawing import Column, QuestionDrawing, Styles, scripted
from compiler.theme import Theme

NUMBER_WIDTH = 22
MARKS_WIDTH = 34


def render(plan: WorksheetPlan, context: Context) -> Rendered:
    theme = context.theme
    style = _styles(theme)
    width, height = frame_size(theme, context.page_size)
    story: list[Flowable] = [*_title_block(plan, style, theme, width)]
    marks_width = _marks_width(plan, style)
    for part in plan.parts:
        story.extend(_part(part, plan, style, theme, (width, height), marks_width))
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
        name, klass, date = (Paragraph(text, style["label"]) for text in plan.name_labels)
        row = [name, "", klass, "", date, ""]
        widths = [_fitted(name, 36), width * 0.42, _fitted(klass, 36), width * 0.18, _fitted(date, 30)]
        widths.append(width - sum(widths))
        line = colour(theme.colours.text)
        blocks += [table([row], widths, [("LINEBELOW", (1, 0), (1, 0), 0.6, line), ("LINEBELOW", (3, 0), (3, 0), 0.6, line),
                                         ("LINEBELOW", (5, 0), (5, 0), 0.6, line), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                         *padding(0, 6, 6, 2)], _font(style)), Spacer(1, 10)]
    if plan.instructions:
        blocks += [Paragraph(f"<i>{plan.instructions}</i>", style["body"]), Spacer(1, 4)]
    return blocks


def _fitted(label: Paragraph, least: float) -> float:
    """The width of a column holding ``label``: ``least``, or more for a longer word than English's
    (German "Datum"), which would otherwise break inside the word."""
    return max(least, label.minWidth() + 6)  # the cell's right padding


def _marks(question: QuestionPlan) -> str:
    """The marks a question is worth, as printed beside it: ``[2]``."""
    return str(Markup("[{}]").format(question.marks))


def _marks_width(plan: WorksheetPlan, style: Styles) -> float:
    """The width of the marks column of every question on the sheet: :data:`MARKS_WIDTH`, or
    wide enough for the widest marks on one line (``[1000]``), with a gap before them."""
    return max((_fitted(Paragraph(_marks(question), style["marks"]), MARKS_WIDTH)
                for part in plan.parts for question in part.questions), default=MARKS_WIDTH)


def _part(part: PartPlan, plan: WorksheetPlan, style: Styles, theme: Theme, frame: tuple[float, float],
          marks_width: float) -> list[Flowable]:
    width, height = frame
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
        story.extend(_question(question, plan, style, theme, frame, marks_width))
    return story


def _drawing(question: QuestionPlan) -> QuestionDrawing:
    """The drawing module of the question's type: found in the registry (a type that is not
    registered never gets past validation), imported on first use."""
    return cast(QuestionDrawing, drawing(QUESTION_TYPES[question.type].drawing))


def _question(question: QuestionPlan, plan: WorksheetPlan, style: Styles, theme: Theme, frame: tuple[float, float],
              marks_width: float) -> list[Flowable]:
    width, height = frame
    inner = width - NUMBER_WIDTH - marks_width
    column = Column(style, theme, inner, height, NUMBER_WIDTH)
    type_drawing = _drawing(question)
    content: list[Flowable] = []
    if question.prompt:
        content.append(scripted(question.prompt, style["body"]))
    after: list[Flowable] = []
    if plan.key:
        content += type_drawing.key(question.body, column)
    else:
        if question.instruction:
            content.append(Paragraph(question.instruction, style["instruction"]))
        drawn = type_drawing.sheet(question.body, column)
        content += drawn.inside
        after = drawn.after
    row = Unsplit(table([[Paragraph(f"{question.number}.", style["number"]), content, Paragraph(_marks(question), style["marks"])]],
                        [NUMBER_WIDTH, inner, marks_width], [("VALIGN", (0, 0), (-1, -1), "TOP"), *padding(0, 0, 9, 0)],
                        _font(style)))
    _, needed = row.wrap(width, height)
    if needed > height:
        raise LayoutError([too_tall(row, width, height, question.path, "the question is taller than a page",
                                    "shorten it, or split it into two questions")])
    if after:  # lines that may continue over the page: the row stays with their start
        return [*kept_with_next(row, Spacer(1, 4)), *after]
    return [row]  # one table row (spacing in its padding): it moves to the next page whole, never splits
