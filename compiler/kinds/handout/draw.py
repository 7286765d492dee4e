"""Draws a planned handout with ReportLab platypus."""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    Spacer,
)

from compiler import markup
from compiler.errors import LayoutError
from compiler.kinds.handout.plan import Bullet, Entry, HandoutPlan, KeyDate, SectionPlan, Strand
from compiler.outputs import Context, Rendered
from compiler.pdf import (
    Paragraph,
    colour,
    frame_size,
    kept_with_next,
    marker,
    padding,
    render_story,
    styles,
    table,
    too_tall,
)
from compiler.theme import Theme

Styles = dict[str, ParagraphStyle]


def render(plan: HandoutPlan, context: Context) -> Rendered:
    theme = context.theme
    style = styles(theme)
    width, height = frame_size(theme, context.page_size)
    story: list[Flowable] = [*_title_block(plan, style, theme, width), Spacer(1, 14)]
    for section in plan.sections:
        story.extend(_section(section, plan, style, theme, width, height))
    if plan.people:
        story.extend(_entries(plan.people_heading, plan.people, style, theme, width, people=True))
    if plan.glossary:
        story.extend(_entries(plan.glossary_heading, plan.glossary, style, theme, width, people=False))
    pdf, pages = render_story(story, theme, context.page_size, plan.furniture, plan.metadata)
    return Rendered(pdf, pages)


def _font(style: Styles) -> str:
    return style["body"].fontName


def _title_block(plan: HandoutPlan, style: Styles, theme: Theme, width: float) -> list[Flowable]:
    on_band = {name: ParagraphStyle(f"band-{name}", parent=style[name], textColor=colour(theme.colours.band_text))
               for name in ("title", "subtitle", "muted")}
    cell: list[Flowable] = [Paragraph(plan.title, on_band["title"])]
    if plan.subtitle:
        cell.append(Paragraph(plan.subtitle, on_band["subtitle"]))
    if plan.meta:
        cell.append(Paragraph(plan.meta, on_band["muted"]))
    band = table([[cell]], [width], [
        ("BACKGROUND", (0, 0), (-1, -1), colour(theme.colours.band)),
        ("BOX", (0, 0), (-1, -1), 0.75, colour(theme.colours.band)),
        *padding(16, 16, 16, 14),
    ], _font(style))
    blocks: list[Flowable] = [band]
    if plan.strands:
        blocks += [Spacer(1, 9), Paragraph(plan.themes_heading, style["label"]), Spacer(1, 3),
                   _legend(plan.strands, style, width)]
    return blocks


def _legend(strands: tuple[Strand, ...], style: Styles, width: float) -> Flowable:
    """The strands as a grid of marker + label chips: three to a row, or two if a label is long."""
    small = style["small"]
    widest = max(stringWidth(markup.from_markup(s.label), small.fontName, small.fontSize) for s in strands)
    per_row = 3 if widest + 3 * small.fontSize < width / 3 - 8 else 2
    chips: list[Paragraph | str] = [Paragraph(f"{marker(s.marker, s.colour)}&nbsp;&nbsp;{s.label}", style["small"])
                                    for s in strands]
    rows = [chips[i:i + per_row] for i in range(0, len(chips), per_row)]
    rows[-1] += [""] * (per_row - len(rows[-1]))
    return table(rows, [width / per_row] * per_row, [("VALIGN", (0, 0), (-1, -1), "TOP"), *padding(0, 8, 1, 2)],
                 _font(style))


def _bar_heading(cell: list[Flowable], bar: str, style: Styles, width: float) -> Flowable:
    """A heading with a vertical colour bar on its left."""
    return table([[cell]], [width], [("LINEBEFORE", (0, 0), (0, -1), 3.5, colour(bar)), *padding(9, 0, 1, 2)],
                 _font(style))


def _section(section: SectionPlan, plan: HandoutPlan, style: Styles, theme: Theme,
             width: float, height: float) -> list[Flowable]:
    cell: list[Flowable] = []
    if section.strand:
        cell.append(Paragraph(f"{marker(section.strand.marker, section.strand.colour)}&nbsp;{section.strand.label}",
                              style["strand"]))
    cell.append(Paragraph(section.heading, style["heading"]))
    bar = section.strand.colour if section.strand else theme.colours.accent
    story: list[Flowable] = [CondPageBreak(height * 0.18), *kept_with_next(_bar_heading(cell, bar, style, width),
                                                                           Spacer(1, 7))]
    story += [Paragraph(p, style["body"]) for p in section.paragraphs]
    if section.bullets:
        story.append(_bullets(section.bullets, style))
    if section.box_title:
        story.append(_box(section, style, theme, width, height))
    if section.key_dates:
        story.append(_key_dates(section.key_dates, plan.key_dates_heading, style, theme, width))
    if section.terms:
        story.append(_terms(section.terms, plan.key_terms_heading, style, theme, width))
    story.append(Spacer(1, 16))
    return story


def _bullets(bullets: tuple[Bullet, ...], style: Styles) -> ListFlowable:
    items = []
    for bullet in bullets:
        content: list[Flowable] = [Paragraph(bullet.text, style["bullet"])]
        if bullet.points:
            content.append(ListFlowable(
                # ListItem is not a Flowable in types-reportlab, though ListFlowable takes it (user guide §9.6)
                [ListItem(Paragraph(p, style["bullet"]), leftIndent=12) for p in bullet.points],  # type: ignore[misc]
                bulletType="bullet", start="◦", leftIndent=12, bulletFontName=_font(style),
            ))
        items.append(ListItem(content, leftIndent=14))
    return ListFlowable(items,  # type: ignore[arg-type]  # ListItems, as above
                        bulletType="bullet", start="•", leftIndent=14, bulletFontName=_font(style), spaceAfter=6)


def _box(section: SectionPlan, style: Styles, theme: Theme, width: float, height: float) -> Flowable:
    cell: list[Flowable] = [Paragraph(section.box_title or "", style["subheading"])]
    cell += [Paragraph(p, style["body"]) for p in section.box_paragraphs]
    box = table([[cell]], [width], [
        ("BACKGROUND", (0, 0), (-1, -1), colour(theme.colours.box)),
        ("LINEBEFORE", (0, 0), (0, -1), 2, colour(theme.colours.accent)),
        *padding(12, 12, 4, 6),
    ], _font(style), splitInRow=1)
    _, needed = box.wrap(width, height)
    if needed > height:
        raise LayoutError([too_tall(box, width, height, (*section.path, "box"), "the box is taller than a page",
                                    "shorten the box or move some of it into the section's text")])
    return KeepTogether([Spacer(1, 4), box, Spacer(1, 8)]) if needed < height / 3 else box


def _key_dates(dates: tuple[KeyDate, ...], heading: str, style: Styles, theme: Theme, width: float) -> Flowable:
    """Dates in columns under an accent rule, four to a row, key events in bold."""
    per_row = min(len(dates), 4)
    date_style = ParagraphStyle("kd-date", parent=style["label"], textColor=colour(theme.colours.accent))
    title_style = ParagraphStyle("kd-title", parent=style["small"])
    key_style = ParagraphStyle("kd-key", parent=title_style, fontName=style["label"].fontName)
    cells: list[list[Paragraph] | str] = [[Paragraph(d.date, date_style),
                                         Paragraph(d.title, key_style if d.key else title_style)] for d in dates]
    rows = [cells[i:i + per_row] for i in range(0, len(cells), per_row)]
    commands: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP"), *padding(0, 8, 5, 4)]
    for r, row in enumerate(rows):
        commands.append(("LINEABOVE", (0, r), (len(row) - 1, r), 1.2, colour(theme.colours.accent)))
        row += [""] * (per_row - len(row))
    strip = table(rows, [width / per_row] * per_row, commands, _font(style))
    return KeepTogether([Spacer(1, 4), Paragraph(heading, style["muted"]), Spacer(1, 2), strip, Spacer(1, 4)])


def _terms(terms: tuple[Entry, ...], heading: str, style: Styles, theme: Theme, width: float) -> Flowable:
    rows = [[Paragraph(t.name, style["label"]), Paragraph(t.text, style["small"])] for t in terms]
    listing = table(rows, [width * 0.24, width * 0.76], [
        ("VALIGN", (0, 0), (-1, -1), "TOP"), *padding(0, 6, 2, 2),
        ("LINEBELOW", (0, 0), (-1, -2), 0.3, colour(theme.colours.rule)),
    ], _font(style))
    return KeepTogether([Spacer(1, 6), Paragraph(heading, style["muted"]), Spacer(1, 2), listing])


def _entries(heading: str, entries: tuple[Entry, ...], style: Styles, theme: Theme, width: float, *,
             people: bool) -> list[Flowable]:
    """Key people (name, strand markers, role) or the glossary (term, definition) as ruled rows."""
    name_style, text_style = style["label"], style["small"]
    if people:
        name_style = ParagraphStyle("person", parent=style["label"], fontSize=style["body"].fontSize,
                                    leading=style["body"].leading)
        text_style = style["body"]
    rows = []
    for entry in entries:
        markers = "&nbsp;".join(marker(s.marker, s.colour, style["small"].fontSize) for s in entry.strands)
        name = f"{entry.name}<br/>{markers}" if markers else entry.name
        rows.append([Paragraph(name, name_style), Paragraph(entry.text, text_style)])
    listing = table(rows, [width * 0.3, width * 0.7], [
        ("VALIGN", (0, 0), (-1, -1), "TOP"), *padding(4, 6, 4, 1),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, colour(theme.colours.rule)),
        ("ROWBACKGROUNDS", (0, 0), (-1, -1), [None, colour(theme.colours.box)]),
    ], _font(style))
    title = _bar_heading([Paragraph(heading, style["heading"])], theme.colours.accent, style, width)
    return [CondPageBreak(120), *kept_with_next(title, Spacer(1, 8)), listing, Spacer(1, 16)]
