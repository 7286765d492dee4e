"""Draws a planned handout with ReportLab platypus.

The prose (paragraphs, bullets, the box) is set in a column of about :data:`MEASURE` characters
of the body face, the measure of a readable book page, hyphenated by pyphen in the unit's
language; tables (key dates, the chronology, people, glossary) take the whole width.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pyphen
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

from compiler import markup, tagging
from compiler.errors import LayoutError, Unplaceable
from compiler.figures import InColumn, column_picture, column_warning, credit_style
from compiler.illustrations import Illustration
from compiler.kinds.handout.plan import (
    Bullet,
    Entry,
    HandoutPlan,
    Happening,
    KeyDate,
    SectionPlan,
    Strand,
)
from compiler.outputs import Context, Rendered
from compiler.pdf import (
    Paragraph,
    colour,
    content_styles,
    font_with,
    frame_size,
    kept_with_next,
    marker,
    padding,
    render_story,
    scripted,
    table,
    too_tall,
)
from compiler.sourcebox import box_styles, source_box
from compiler.theme import Theme

Styles = dict[str, ParagraphStyle]

MEASURE = 66
"""Characters a line of prose holds, on average (60–75 reads best)."""
SMALL_MEASURE = 72
"""Characters a line of the chronology's details holds, in their smaller type."""
# Prose of average letter frequencies, to find the width of an average character of a face.
_SAMPLE = "The delegates met again in the spring, and neither side would give way on the border question. "
# A word written in capitals alone (UNESCO, NATO) is never hyphenated; nor is one that starts with
# a capital (a name: Robespierre, Danton) except in German, where every noun does.
_NOUNS_CAPITALISED = {"de"}
# Room a table needs on a page to start there: its heading, header row and first rows. Less, and
# the table starts on the next page; more, and it starts here and splits (kept with its heading,
# a table longer than the rest of the page would take the heading to the next page).
_TABLE_START = 120
_BOX_PADDING = 24  # a box's left and right padding together
# A point's bullet and indents, in ems of its text: at 10 pt a 12 pt bullet, 14 pt in, a sub-point 12 pt more
BULLET_SIZE, BULLET_EMS, POINT_EMS = 1.2, 1.4, 1.2


def render(plan: HandoutPlan, context: Context) -> Rendered:
    theme = context.theme
    style = _column_styles(content_styles(theme), plan.language if theme.hyphenate else None)
    width, height = frame_size(theme, context.page_size)
    column = _column_width(style, width)
    for name in ("body", "bullet"):
        style[name].rightIndent = width - column
    style["credit"] = credit_style(style["small"], theme)
    root = tagging.document()
    story: list[Flowable] = [*_title_block(plan, style, theme, width, root), Spacer(1, 14)]
    warnings: list[Unplaceable] = []
    for section in plan.sections:
        story.extend(_section(section, plan, style, theme, width, height, warnings, root.add("Sect")))
    if plan.chronology:
        story.extend(_chronology(plan, style, theme, width, root.add("Sect")))
    if plan.people:
        story.extend(_entries(plan.people_heading, plan.people, style, theme, width, root.add("Sect"), people=True))
    if plan.glossary:
        story.extend(_entries(plan.glossary_heading, plan.glossary, style, theme, width, root.add("Sect"),
                              people=False))
    pdf, pages = render_story(story, theme, context.page_size, plan.furniture, plan.metadata, root)
    return Rendered(pdf, pages, (*warnings, *_blurred(plan, column, height)))


def _blurred(plan: HandoutPlan, column: float, height: float) -> tuple[Unplaceable, ...]:
    """A warning for each picture that prints below 150 dpi: in its section's column, or in its
    box (the column less the box's padding)."""
    placed = [(s.picture, column) for s in plan.sections] + [(s.box_picture, column - _BOX_PADDING) for s in plan.sections]
    found = (column_warning(picture, width, height) for picture, width in placed if picture)
    return tuple(warning for warning in found if warning)


def _font(style: Styles) -> str:
    return style["body"].fontName


def _column_width(style: Styles, width: float) -> float:
    """The width of :data:`MEASURE` average characters of the body face, at most the frame's."""
    return min(width, _characters(style["body"], MEASURE))


def _characters(style: ParagraphStyle, count: int) -> float:
    """The width of ``count`` average characters of ``style``."""
    return count * stringWidth(_SAMPLE, style.fontName, style.fontSize) / len(_SAMPLE)


def _column_styles(style: Styles, language: str | None) -> Styles:
    """The styles with the prose ones (body, bullet) hyphenating in ``language`` (None: a theme
    that never splits a word, as the BDA's style guide asks); copies, as the prose column narrows
    them."""
    hyphenate = _hyphenator(language) if language else ""
    # ReportLab takes a callable as the language (paragraph.py); types-reportlab says str only
    column = {name: ParagraphStyle(f"column-{name}", parent=style[name], hyphenationLang=hyphenate)  # type: ignore[arg-type]
              for name in ("body", "bullet")}
    return {**style, **column}


def _hyphenator(language: str) -> Callable[[str], Iterable[tuple[str, str]]]:
    """ReportLab's hyphenation callback: the ways to split a word (pyphen's, longest head
    first), none for a word in capitals or, outside German, a word that starts with one."""
    dictionary = pyphen.Pyphen(lang=language) if pyphen.language_fallback(language) else None

    def splits(word: str) -> Iterable[tuple[str, str]]:
        capital = word[:1].isupper() and (word.isupper() or language not in _NOUNS_CAPITALISED)
        return () if dictionary is None or capital else dictionary.iterate(word)

    return splits


def _title_block(plan: HandoutPlan, style: Styles, theme: Theme, width: float, root: tagging.Node) -> list[Flowable]:
    on_band = {name: ParagraphStyle(f"band-{name}", parent=style[name], textColor=colour(theme.colours.band_text))
               for name in ("title", "subtitle", "muted")}
    cell: list[Flowable] = [Paragraph(plan.title, on_band["title"], node=root.add("H1"))]
    if plan.subtitle:
        cell.append(Paragraph(plan.subtitle, on_band["subtitle"], node=root.add("P")))
    if plan.meta:
        cell.append(Paragraph(plan.meta, on_band["muted"], node=root.add("P")))
    band = table([[cell]], [width], [
        ("BACKGROUND", (0, 0), (-1, -1), colour(theme.colours.band)),
        ("BOX", (0, 0), (-1, -1), theme.line(0.75), colour(theme.colours.band)),
        *padding(16, 16, 16, 14),
    ], _font(style))
    blocks: list[Flowable] = [band]
    if plan.strands:
        blocks += [Spacer(1, 9), Paragraph(plan.themes_heading, style["label"], node=root.add("P")), Spacer(1, 3),
                   _legend(plan.strands, style, width, root.add("L"))]
    return blocks


def _legend(strands: tuple[Strand, ...], style: Styles, width: float, items: tagging.Node) -> Flowable:
    """The strands as a grid of marker + label chips: three to a row, or two if a label is long.
    Tagged as a list of the chips, each read as its marker and its label: the marker glyph (a
    character, mapped to Unicode: "black circle") is the key to the marks, which a reader hears
    with the strand it stands for."""
    small = style["small"]
    widest = max(stringWidth(markup.from_markup(s.label), small.fontName, small.fontSize) for s in strands)
    per_row = 3 if widest + 3 * small.fontSize < width / 3 - 8 else 2
    # A marker is read as nothing: the words beside it name the strand it stands for.
    chips: list[Paragraph | str] = [Paragraph(f"{marker(s.marker, s.colour)}&nbsp;&nbsp;{s.label}", style["small"],
                                              node=_item(items, _words_of(s.label))) for s in strands]
    rows = [chips[i:i + per_row] for i in range(0, len(chips), per_row)]
    rows[-1] += [""] * (per_row - len(rows[-1]))
    return table(rows, [width / per_row] * per_row, [("VALIGN", (0, 0), (-1, -1), "TOP"), *padding(0, 8, 1, 2)],
                 _font(style))


def _item(items: tagging.Node, actual: str | None = None) -> tagging.Node:
    """The body of a new item of the list ``items``, read as ``actual`` if given."""
    return items.add("LI").add("LBody", actual=actual)


def _words_of(markup_text: str) -> str:
    """What a reader says for ``markup_text``: its plain words."""
    return " ".join(markup.from_markup(markup_text).split())


def _bar_heading(cell: list[Flowable], bar: str, style: Styles, theme: Theme, width: float) -> Flowable:
    """A heading with a vertical colour bar on its left."""
    return table([[cell]], [width], [("LINEBEFORE", (0, 0), (0, -1), theme.line(3.5), colour(bar)), *padding(9, 0, 1, 2)],
                 _font(style))


def _section(section: SectionPlan, plan: HandoutPlan, style: Styles, theme: Theme,
             width: float, height: float, warnings: list[Unplaceable], node: tagging.Node) -> list[Flowable]:
    cell: list[Flowable] = []
    heading_node = node.add("H2")  # read before the strand printed above it, which names what it is about
    if section.strand:
        cell.append(Paragraph(f"{marker(section.strand.marker, section.strand.colour)}&nbsp;{section.strand.label}",
                              style["strand"], node=node.add("P", actual=_words_of(section.strand.label))))
    cell.append(Paragraph(section.heading, style["heading"], node=heading_node))
    bar = section.strand.colour if section.strand else theme.colours.accent
    heading = [_bar_heading(cell, bar, style, theme, width), Spacer(1, 7)]
    # The page break before a section leaves room for its heading and the first lines of its
    # text, which may then split: kept with the heading (a KeepTogether) a paragraph taller than
    # the rest of the page would take the heading over, leaving the page part empty.
    opens_with_text = bool(section.paragraphs or section.bullets)
    story: list[Flowable] = [CondPageBreak(height * 0.18), *(heading if opens_with_text else kept_with_next(*heading))]
    story += [_prose(p, style["body"], width, node.add("P")) for p in section.paragraphs]
    if section.bullets:
        story.append(_bullets(section.bullets, style, width, node.add("L")))
    if section.picture:
        story.append(_picture(section.picture, style, width - style["body"].rightIndent, height, node))
    story += _sources(section, style, theme, width - style["body"].rightIndent, height, warnings, node)
    box = (_box(section, style, theme, width - style["body"].rightIndent, height, node.add("Sect"))
           if section.box_title else [])
    closing: list[Flowable] = []
    if section.key_dates:
        closing += _key_dates(section.key_dates, plan.key_dates_heading, style, theme, width, node.add("Table"))
    if section.terms:
        closing += [Spacer(1, 6), scripted(section.terms, style["small"], node.add("P"))]
    if len(box) > 1:  # a small box, kept together, and with it what closes the section
        together = [*box, *closing]
        tall = sum(f.wrap(width, height)[1] for f in together) > height / 2  # large print: apart, or a page goes empty
        story += [KeepTogether(box), KeepTogether(closing)] if tall and closing else [KeepTogether(together)]
    else:
        story += box
        short_points = _points_height(section.bullets, style, width) < height / 3
        story += _kept_with_end(story, closing, short_points) if closing else []
    story.append(Spacer(1, 16))
    return story


def _sources(section: SectionPlan, style: Styles, theme: Theme, width: float, height: float,
             warnings: list[Unplaceable], node: tagging.Node) -> list[Flowable]:
    """The section's sources, each a ruled box the prose column wide, with space around it;
    each a section in ``node``'s, headed by its label."""
    story: list[Flowable] = []
    boxed = box_styles(style, theme)
    for box in section.sources:
        flowable, found = source_box(box, boxed, theme, width, height, node)
        warnings += found
        story += [Spacer(1, 4), flowable, Spacer(1, 10)]
    return story


def _kept_with_end(story: list[Flowable], closing: list[Flowable], short_points: bool) -> list[Flowable]:
    """What closes a section (its key dates, its key terms) kept with the section's last
    flowable, taken off ``story``: never opening a page alone, above the next section's heading.
    Only a paragraph or a short list of points is taken; KeepTogethers do not nest (an inner
    one measures as infinitely tall and the outer one would break the page before it). A
    picture stays in ``story``, kept with what follows it (and so with the heading too when
    it comes right after it: platypus gathers a run of kept flowables into one KeepTogether)."""
    last = story[-1] if len(story) > 2 else None
    if isinstance(last, InColumn):
        last.keepWithNext = True
        return [*kept_with_next(*closing[:-1]), closing[-1]]
    if isinstance(last, Paragraph):
        story.pop()
        return [KeptWithEnd(last, closing)]
    if isinstance(last, ListFlowable) and short_points:
        story.pop()
        return [KeepTogether([last, *closing])]
    return [KeepTogether(closing)]


class KeptWithEnd(KeepTogether):
    """A section's last paragraph with what closes the section (its key dates, its key terms).
    Where they do not all fit on the page, the paragraph's last lines go over with them rather
    than the whole paragraph (which would leave a gap) or none of it (which would leave the
    strip at the top of a page, above the next section's heading)."""

    def __init__(self, paragraph: Paragraph, closing: list[Flowable]) -> None:
        super().__init__([paragraph, *closing])
        self.paragraph = paragraph
        self.closing = closing

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        # platypus asks a KeepTogether to split wherever it is placed, fitting or not
        needed = sum(f.wrapOn(self.canv, available_width, available_height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                     for f in (self.paragraph, *self.closing))
        parts = None if needed <= available_height else _last_lines_over(self.paragraph, available_width,
                                                                          available_height)
        if parts is None:
            return list(super().split(available_width, available_height))
        head, tail = parts
        return [head, KeepTogether([tail, *self.closing])]


def _last_lines_over(paragraph: Paragraph, width: float, height: float) -> tuple[Flowable, Flowable] | None:
    """``paragraph`` split so that as many lines as fit in ``height`` stay, but at least two go
    over (and at least two stay); None if it is too short for that."""
    leading = paragraph.style.leading
    lines = round(paragraph.wrap(width, height)[1] / leading)
    keep = min(int(height // leading), lines - 2)
    if keep < 2:
        return None
    parts = paragraph.split(width, keep * leading + leading / 2)
    return (parts[0], parts[1]) if len(parts) == 2 else None


def _points_height(bullets: tuple[Bullet, ...], style: Styles, width: float) -> float:
    """About how tall the section's points are set (a list cannot be measured before it is
    placed: ReportLab measures its items on the page's canvas)."""
    size = style["bullet"].fontSize
    texts = [(b.text, size * BULLET_EMS) for b in bullets] + [(p, size * BULLET_EMS + size * POINT_EMS)
                                                             for b in bullets for p in b.points]
    return sum(_prose(text, style["bullet"], width - indent).wrap(width - indent, 1e6)[1] + style["bullet"].spaceAfter
               for text, indent in texts)


def _prose(text: str, style: ParagraphStyle, width: float, node: tagging.Node | None = None) -> Paragraph:
    """A paragraph of prose set ``width`` wide (less the style's indents), with room for its
    scripts. A token longer than a line (a URL, an identifier) is broken where it reaches the
    column's edge: ReportLab, hyphenating, splits a URL once at a slash and then lets the rest
    run past the edge, so such a paragraph is set without hyphenation, which breaks it."""
    paragraph = scripted(text, style, node)
    paragraph.wrap(width, 1e6)
    # ReportLab gives a line's width as ``width`` less the room left on it (negative past the
    # edge); 2% slack, as it counts a line's trailing space in its width
    overflow = max(paragraph.getActualLineWidths0(), default=0.0) - width
    if overflow <= 0.02 * (width - style.leftIndent - style.rightIndent):
        return paragraph
    return scripted(text, ParagraphStyle(f"{style.name}-unhyphenated", parent=style, hyphenationLang=""), node)


def _bullets(bullets: tuple[Bullet, ...], style: Styles, width: float, node: tagging.Node) -> ListFlowable:
    """The section's points as a list ``node``, each point's sub-points a list in its body; the
    bullets ListFlowable draws are artifacts (a reader announces the items). Indents and bullets
    in proportion to the type."""
    size = style["bullet"].fontSize
    point, inner = size * BULLET_EMS, size * POINT_EMS
    items = []
    for bullet in bullets:
        body = _item(node)
        content: list[Flowable] = [_prose(bullet.text, style["bullet"], width - point, body)]
        if bullet.points:
            points = body.add("L")
            content.append(ListFlowable(
                # ListItem is not a Flowable in types-reportlab, though ListFlowable takes it (user guide §9.6)
                [ListItem(_prose(p, style["bullet"], width - (point + inner), _item(points)), leftIndent=inner)  # type: ignore[misc]
                 for p in bullet.points],
                bulletType="bullet", start="◦", leftIndent=inner, bulletFontName=font_with("◦", _font(style)),
                bulletFontSize=size * BULLET_SIZE,
            ))
        items.append(ListItem(content, leftIndent=point))
    return ListFlowable(items,  # type: ignore[arg-type]  # ListItems, as above
                        bulletType="bullet", start="•", leftIndent=point, bulletFontName=font_with("•", _font(style)),
                        bulletFontSize=size * BULLET_SIZE, spaceAfter=6)


def _picture(picture: Illustration, style: Styles, column: float, height: float, parent: tagging.Node,
             after: float = 10) -> Flowable:
    """A section's or a box's picture, centred in its ``column``, with its credit and the space
    around it (``after``: less at the foot of a box, which has its padding); a Figure and the
    credit's paragraph in ``parent``."""
    flowable = column_picture(picture, column, height, style["credit"], parent)
    flowable.spaceBefore, flowable.spaceAfter = 8, after
    return flowable


def _box(section: SectionPlan, style: Styles, theme: Theme, width: float, height: float,
         node: tagging.Node) -> list[Flowable]:
    """The call-out box: a section ``node`` headed by its title, one level below the section's."""
    cell: list[Flowable] = [scripted(section.box_title or "", style["subheading"], node.add("H3"))]
    text = ParagraphStyle("box-body", parent=style["body"], rightIndent=0)
    cell += [_prose(p, text, width - _BOX_PADDING, node.add("P")) for p in section.box_paragraphs]
    if section.box_picture:
        cell.append(_picture(section.box_picture, style, width - _BOX_PADDING, height, node, after=2))
    box = table([[cell]], [width], [
        ("BACKGROUND", (0, 0), (-1, -1), colour(theme.colours.box)),
        *_ruled_round(theme),
        ("LINEBEFORE", (0, 0), (0, -1), theme.line(2), colour(theme.colours.accent)),
        *padding(_BOX_PADDING / 2, _BOX_PADDING / 2, 4, 6),
    ], _font(style), splitInRow=1, hAlign="LEFT")
    _, needed = box.wrap(width, height)
    if needed > height:
        raise LayoutError([too_tall(box, width, height, (*section.path, "box"), "the box is taller than a page",
                                    "shorten the box or move some of it into the section's text")])
    if needed < height / 3:  # kept together by the section, with its key dates and terms
        return [Spacer(1, 4), box, Spacer(1, 8)]
    return [WholeLines(box, 4 + 6 + 2 * text.leading)]


def _ruled_round(theme: Theme) -> list[tuple[Any, ...]]:
    """A rule round a box whose tint does not set it apart from the page (high contrast)."""
    return [("BOX", (0, 0), (-1, -1), theme.line(0.5), colour(theme.colours.rule))] if theme.boxes_ruled else []


class WholeLines(Flowable):
    """A box that splits over pages only where each piece holds at least ``least`` points (its
    padding and two lines of text): a table split in its row may otherwise leave an empty
    sliver of box at the foot of a page."""

    def __init__(self, inner: Flowable, least: float) -> None:
        super().__init__()
        self.inner = inner
        self.least = least
        self.hAlign = "LEFT"

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = self.inner.wrap(available_width, available_height)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        if available_height < self.least:
            return []
        parts = self.inner.split(available_width, available_height)
        if len(parts) != 2 or parts[0].wrap(available_width, available_height)[1] < self.least:
            return []
        parts[0].hAlign = "LEFT"  # a piece of the box stays at the column's left, as the whole box does
        return [parts[0], WholeLines(parts[1], self.least)]

    def draw(self) -> None:
        self.inner.drawOn(self.canv, 0, 0)


def _key_dates(dates: tuple[KeyDate, ...], heading: str, style: Styles, theme: Theme,
               width: float, node: tagging.Node) -> list[Flowable]:
    """Dates in columns under an accent rule, four to a row, key events in bold: flowables the
    section keeps together with its end. Tagged as the table ``node`` it is, whatever the grid
    it is laid out in: captioned by its heading, a row per date, the date its header cell."""
    date_style = ParagraphStyle("kd-date", parent=style["label"], textColor=colour(theme.colours.accent))
    title_style = ParagraphStyle("kd-title", parent=style["small"])
    key_style = ParagraphStyle("kd-key", parent=title_style, fontName=style["label"].fontName)
    caption = Paragraph(heading, style["muted"], node=node.add("Caption"))
    pairs = []
    for d in dates:
        pair = node.add("TR")
        pairs.append([Paragraph(_unbroken_sides(d.date), date_style, node=pair.add("TH", scope="Row")),
                      scripted(d.title, key_style if d.key else title_style, pair.add("TD"))])
    cells: list[list[Paragraph] | str] = list(pairs)
    # four to a row, or fewer where a date's side or a word would not fit a quarter (large print)
    widest = max(paragraph.minWidth() for pair in pairs for paragraph in pair) + 8
    per_row = max(1, min(len(dates), 4, int(width // widest)))
    rows = [cells[i:i + per_row] for i in range(0, len(cells), per_row)]
    commands: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP"), *padding(0, 8, 5, 4)]
    for r, row in enumerate(rows):
        commands.append(("LINEABOVE", (0, r), (len(row) - 1, r), theme.line(1.2), colour(theme.colours.accent)))
        row += [""] * (per_row - len(row))
    strip = table(rows, [width / per_row] * per_row, commands, _font(style))
    return [Spacer(1, 4), caption, Spacer(1, 2), strip, Spacer(1, 4)]


def _unbroken_sides(date: str) -> str:
    """A date or range whose line breaks only at a spaced range's dash, never inside a date
    ("1. März 1925 – 1. März 1926" keeps each side on one line)."""
    return " – ".join(side.replace(" ", "\u00a0") for side in date.split(" – "))


def _chronology(plan: HandoutPlan, style: Styles, theme: Theme, width: float, node: tagging.Node) -> list[Flowable]:
    """Every event in date order: its date, then its title, detail and people, as ruled rows
    that split across pages under a repeated header row (an artifact where it is repeated).
    Tagged as a section ``node``: its heading, then the table, the dates its rows' header cells."""
    date_style = ParagraphStyle("chron-date", parent=style["label"], textColor=colour(theme.colours.accent))
    title = _section_heading(plan.chronology_heading, style, theme, width, node)
    grid = node.add("Table")
    header_row = grid.add("TR")
    rows: list[list[Paragraph]] = [[Paragraph(name, style["muted"], node=header_row.add("TH", scope="Column"))
                                    for name in plan.chronology_columns]]
    for e in plan.chronology:
        row = grid.add("TR")
        rows.append([Paragraph(e.date, date_style, node=row.add("TH", scope="Row")),
                     scripted(_happening(e, theme), style["small"], row.add("TD"))])
    date_width = max(stringWidth(markup.from_markup(e.date), date_style.fontName, date_style.fontSize)
                     for e in plan.chronology) + 10
    date_width = min(date_width, width * 0.3)
    # the details at their small size read in lines of SMALL_MEASURE characters, not the full width
    text_width = min(width - date_width, _characters(style["small"], SMALL_MEASURE) + 6)
    listing = table(rows, [date_width, text_width], [
        ("VALIGN", (0, 0), (-1, -1), "TOP"), *padding(0, 6, 3, 3),
        ("LINEBELOW", (0, 0), (-1, -1), theme.line(0.3), colour(theme.colours.rule)),
        ("LINEBELOW", (0, 0), (-1, 0), theme.line(0.8), colour(theme.colours.accent)),
    ], _font(style), repeatRows=1, hAlign="LEFT", splitInRow=1)  # a long detail runs on to the next page
    return [CondPageBreak(_TABLE_START), title, Spacer(1, 8), listing, Spacer(1, 16)]


def _happening(event: Happening, theme: Theme) -> str:
    """An event's title (bold), its detail, and its people in the muted colour on a line below."""
    text = f"<b>{event.title}</b>" + (f" {event.detail}" if event.detail else "")
    if event.people:
        text += f'<br/><font color="{theme.colours.muted}"><i>{event.people}</i></font>'
    return text


def _entries(heading: str, entries: tuple[Entry, ...], style: Styles, theme: Theme, width: float,
             node: tagging.Node, *, people: bool) -> list[Flowable]:
    """Key people (name, strand markers, role) or the glossary (term, definition) as ruled rows.
    Tagged as a section ``node``: its heading, then a list whose items are labelled by the name
    or term; a person's markers, which no label names there, are a Figure read as the strands."""
    name_style, text_style = style["label"], style["small"]
    if people:
        name_style = ParagraphStyle("person", parent=style["label"], fontSize=style["body"].fontSize,
                                    leading=style["body"].leading)
        text_style = ParagraphStyle("person-role", parent=style["body"], rightIndent=0)
    title = _section_heading(heading, style, theme, width, node)
    listing_node = node.add("L")
    rows = []
    for entry in entries:
        item = listing_node.add("LI")
        name = scripted(entry.name, name_style, item.add("Lbl"))
        body = item.add("LBody")
        text = scripted(entry.text, text_style, body)
        if entry.strands:
            markers = "&nbsp;".join(marker(s.marker, s.colour, style["small"].fontSize) for s in entry.strands)
            figure = body.add("Figure", alt=entry.strands_alt)
            rows.append([[name, _line_under(markers, name.style, figure)], text])
        else:
            rows.append([name, text])
    listing = table(rows, [width * 0.3, width * 0.7], [
        ("VALIGN", (0, 0), (-1, -1), "TOP"), *padding(4, 6, 4, 1),
        ("LINEBELOW", (0, 0), (-1, -1), theme.line(0.3), colour(theme.colours.rule)),
        ("ROWBACKGROUNDS", (0, 0), (-1, -1), [None, colour(theme.colours.box)]),
    ], _font(style))
    return [CondPageBreak(_TABLE_START), title, Spacer(1, 8), listing, Spacer(1, 16)]


def _line_under(markup_text: str, style: ParagraphStyle, node: tagging.Node) -> Paragraph:
    """A one-line paragraph of ``style`` set where a line after a line break in a paragraph of
    ``style`` would be: ReportLab sets a paragraph's first baseline one size of its line's largest
    type under its top, so a line of smaller type alone (a marker) would rise by the difference."""
    probe = Paragraph(markup_text, style)
    probe.wrap(1e6, 1e6)
    laid_out: Any = probe.blPara  # type: ignore[attr-defined]  # ReportLab's lines; its stubs leave them out
    first_line = laid_out.lines[0] if laid_out.kind == 1 else laid_out  # of mixed sizes, or one
    rise = style.fontSize - first_line.fontSize
    under = ParagraphStyle(f"{style.name}-line-under", parent=style, spaceBefore=rise, leading=style.leading - rise)
    return Paragraph(markup_text, under, node=node)


def _section_heading(heading: str, style: Styles, theme: Theme, width: float, node: tagging.Node) -> Flowable:
    """The heading of a part after the sections (chronology, people, glossary): ``node``'s H2."""
    return _bar_heading([Paragraph(heading, style["heading"], node=node.add("H2"))], theme.colours.accent, style, theme,
                        width)
