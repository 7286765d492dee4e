"""The title block of a poster: the title, the subtitle, the legend of themes (and the key of
periods whose bands show only a number), and the footer line, in design points.

:func:`lay_out_title` measures it for :func:`~compiler.kinds.timeline.layout.lay_out`, which
starts the plot below the height it returns; :func:`draw_title` draws what it placed. The title
takes two lines, then three, before it shrinks, and shrinks (in up to three lines) no further than
:data:`HEADLINE_RATIO` times the labels' type before it is cut with "…". The legend gives its columns the width their longest label needs (a very long label wraps)
and stands beside the title in as many columns as leave the title room, or under it in as many
as fit the sheet: of these arrangements the block takes the one that keeps the whole title and
is shortest, so a short title wastes no height of the plot.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.pdfgen.canvas import Canvas

from compiler import fonts, tagging
from compiler.kinds.timeline.periods import wrap_balanced
from compiler.kinds.timeline.plan import TimelinePlan
from compiler.pdf import MARKER_FONT, colour, fit_width
from compiler.tagging import Node
from compiler.theme import Theme

HEADLINE = 32.0  # the title's type, in design points: over three times the labels'
HEADLINE_RATIO = 3.0  # the least it shrinks to: three times the labels' type
HEADLINE_LINES = 3  # it takes as few lines as it fits in, up to three, before it shrinks
SUBTITLE_SIZE = 14.0
LEGEND_SIZE = 10.0
FOOTER_SIZE = 9.0
LEADING = 1.15
MARKER_ROOM = 1.5 * LEGEND_SIZE  # a legend entry's marker, before its label
LEGEND_LABEL_WIDTH = 210.0  # a longer theme label wraps
LEGEND_LINES = 3
COLUMN_GAP = 14.0
GUTTER = 28.0  # between the title and a legend beside it
TITLE_SHARE = 0.45  # the least share of the width a legend beside the title leaves it
GAP_BELOW = 10.0  # between the block and the plot

Entry = tuple[str, str, str, str]  # marker, its font, its colour, label
# What a line of the block is for a reader: ("title", 0), ("subtitle", 0), a legend's heading
# ("themes", 0) or ("periods", 0), and the label of its entry k, ("theme", k) or ("period", k),
# k the theme's or the period's index (the poster's structure, :mod:`.reading`, names them so).
Content = tuple[str, int]


@dataclass(frozen=True)
class Placed:
    """A line of text at its baseline's left end."""

    x: float
    y: float
    text: str
    font: str
    size: float
    colour: str
    content: Content | None = None  # None: a marker, a period's number, the footer (no words to read)

    def box(self) -> tuple[float, float, float, float]:
        """Its extent: left, bottom, right, top."""
        ascent, descent = getAscentDescent(self.font, self.size)
        return self.x, self.y + descent, self.x + stringWidth(self.text, self.font, self.size), self.y + ascent


@dataclass(frozen=True)
class TitleBlock:
    texts: tuple[Placed, ...]  # the title block's lines and the footer
    height: float  # what it takes below the top margin, with the gap before the plot
    cut: bool = False  # the title did not fit in three lines at its smallest and ends in "…"


def lay_out_title(plan: TimelinePlan, theme: Theme, size: tuple[float, float], margin: float,
                  period_key: Sequence[tuple[str, str, str]], label_size: float) -> TitleBlock:
    """The title block of a poster of ``size`` (design points), with the key of the periods
    shown by a number (number, colour, name), and the footer line; the title never smaller than
    :data:`HEADLINE_RATIO` times ``label_size``, the labels' design type (the layout's: passed,
    as the layout imports this module)."""
    floor = HEADLINE_RATIO * label_size
    width, height = size
    head = fonts.register(theme.fonts.heading)
    bold = fonts.face(head, bold=True)
    body = fonts.register(theme.fonts.body)
    groups = [_Group(heading, tuple(entries), _column(heading, entries, head, bold), name, indices)
              for heading, entries, name, indices in (
        (plan.legend_heading, [(marker, MARKER_FONT, fill, label) for marker, fill, label in plan.legend], "theme",
         tuple(range(len(plan.legend)))),
        (plan.periods_heading, [(number, bold, fill, name) for number, fill, name in period_key], "period",
         tuple(int(number) - 1 for number, _, _ in period_key))) if entries]  # a period's number counts from 1
    room = width - 2 * margin
    top = height - margin
    faces = (bold, head)
    arrangements = [_heading_lines(plan, theme, faces, (margin, top, room), floor)] if not groups else []
    for budget in sorted({group.width(columns) for group in groups for columns in range(1, len(group.entries) + 1)}):
        legend_width = max(group.width(group.columns(budget)) for group in groups)
        beside = room - legend_width - GUTTER
        if legend_width <= budget and beside >= TITLE_SHARE * room:
            legend = _legend(groups, budget, (width - margin - legend_width, top), faces, theme)
            arrangements.append(_heading_lines(plan, theme, faces, (margin, top, beside), floor) + legend)
    if groups:
        title = _heading_lines(plan, theme, faces, (margin, top, room), floor)
        legend = _legend(groups, room, (margin, top - title.height - LEGEND_SIZE), faces, theme)
        arrangements.append(_Part(title.texts + legend.texts, title.height + LEGEND_SIZE + legend.height,
                                  title.cut))
    best = min(arrangements, key=lambda part: (part.cut, round(part.height, 1)))
    footer = Placed(margin, margin, fit_width(plan.footer, body, FOOTER_SIZE, room), body, FOOTER_SIZE,
                    theme.colours.muted)
    return TitleBlock((*best.texts, footer), best.height + GAP_BELOW, best.cut)


def draw_title(canvas: Canvas, block: TitleBlock, nodes: Mapping[Content, Node] | None = None) -> None:
    """The title block and the footer, as :func:`lay_out_title` placed them; each line the
    content of the node ``nodes`` give for it (none: an artifact)."""
    for text in block.texts:
        canvas.setFillColor(colour(text.colour))
        canvas.setFont(text.font, text.size)
        node = nodes.get(text.content) if nodes is not None and text.content is not None else None
        with tagging.content(canvas, node, text.y + text.size):
            canvas.drawString(text.x, text.y, text.text)


@dataclass(frozen=True)
class _Part:
    texts: tuple[Placed, ...]
    height: float  # below the top margin
    cut: bool = False  # the title had to be cut

    def __add__(self, other: _Part) -> _Part:
        """Two parts side by side."""
        return _Part(self.texts + other.texts, max(self.height, other.height), self.cut or other.cut)


def _heading_lines(plan: TimelinePlan, theme: Theme, faces: tuple[str, str], where: tuple[float, float, float],
                   floor: float) -> _Part:
    """The title (two lines, three, then smaller down to ``floor``, then cut) and the subtitle,
    in ``room`` from ``left`` down from ``top`` (``where``)."""
    bold, head = faces
    left, top, room = where
    size, lines, cut = _fit_title(plan.title, bold, room, floor)
    subtitle, tint = plan.subtitle, theme.colours.muted
    if plan.variant == "blank":
        subtitle, tint = (plan.banner if plan.key else plan.instruction), theme.colours.accent
    texts = []
    y = top - getAscentDescent(bold, size)[0]
    for line in lines:
        texts.append(Placed(left, y, line, bold, size, theme.colours.text, ("title", 0)))
        y -= size * LEADING
    bottom = y + size * LEADING + getAscentDescent(bold, size)[1]
    if subtitle:
        y = bottom - 0.35 * SUBTITLE_SIZE - getAscentDescent(head, SUBTITLE_SIZE)[0]
        for line in wrap_balanced(subtitle, head, SUBTITLE_SIZE, room, 2) or _cut(subtitle, head, SUBTITLE_SIZE, room, 2):
            texts.append(Placed(left, y, line, head, SUBTITLE_SIZE, tint, ("subtitle", 0)))
            y -= SUBTITLE_SIZE * LEADING
        bottom = y + SUBTITLE_SIZE * LEADING + getAscentDescent(head, SUBTITLE_SIZE)[1]
    return _Part(tuple(texts), top - bottom, cut)


def _fit_title(title: str, font: str, room: float, floor: float) -> tuple[float, list[str], bool]:
    """The title's size and lines: at the full size in two lines, else three, if they fit; else
    the largest size down to ``floor`` where two or three lines fit; else cut in three lines at
    the floor (True)."""
    size = HEADLINE
    while size >= floor:
        lines = wrap_balanced(title, font, size, room, HEADLINE_LINES)  # the fewest lines that fit
        if lines is not None:
            return size, lines, False
        size -= 1
    return floor, _cut(title, font, floor, room, HEADLINE_LINES), True


def _cut(text: str, font: str, size: float, room: float, count: int) -> list[str]:
    """``text`` filled into ``count`` lines of ``room``, the last ending in "…"."""
    words = text.split()
    lines: list[str] = []
    while words and len(lines) < count - 1:
        line = words.pop(0)
        while words and stringWidth(f"{line} {words[0]}", font, size) <= room:
            line = f"{line} {words.pop(0)}"
        lines.append(fit_width(line, font, size, room))
    return [*lines, fit_width(" ".join(words), font, size, room)] if words else lines


@dataclass(frozen=True)
class _Group:
    """A heading and its entries, in columns of ``column`` wide."""

    heading: str
    entries: tuple[Entry, ...]
    column: float
    name: str  # what an entry is: "theme" or "period"
    indices: tuple[int, ...]  # each entry's theme or period

    def width(self, columns: int) -> float:
        return columns * self.column + (columns - 1) * COLUMN_GAP

    def columns(self, budget: float) -> int:
        """As many columns as fit ``budget`` (one at the least), no more than it has entries."""
        return max(1, min(len(self.entries), int((budget + COLUMN_GAP) // (self.column + COLUMN_GAP))))


def _column(heading: str, entries: Sequence[Entry], head: str, bold: str) -> float:
    """The width of a group's columns: its longest label's (up to a limit: a longer label
    wraps), and no narrower than its heading."""
    label = min(LEGEND_LABEL_WIDTH, max(stringWidth(label, head, LEGEND_SIZE) for *_, label in entries))
    return max(MARKER_ROOM + label, stringWidth(heading, bold, LEGEND_SIZE))


def _legend(groups: Sequence[_Group], budget: float, origin: tuple[float, float], faces: tuple[str, str],
            theme: Theme) -> _Part:
    """Each group's heading, then its entries in rows of as many columns as fit ``budget``,
    from ``origin`` (the top left corner) down."""
    bold, head = faces
    left, top = origin
    lead = LEGEND_SIZE * LEADING
    ascent = getAscentDescent(bold, LEGEND_SIZE)[0]
    texts = []
    y = top - ascent
    for group in groups:
        columns, column = group.columns(budget), group.column
        entries = group.entries
        texts.append(Placed(left, y, group.heading, bold, LEGEND_SIZE, theme.colours.text, (f"{group.name}s", 0)))
        y -= lead
        for row in range(math.ceil(len(entries) / columns)):
            tallest = 1
            first = row * columns
            for k, (marker, marker_font, fill, label) in enumerate(entries[first:first + columns]):
                x = left + k * (column + COLUMN_GAP)
                texts.append(Placed(x, y, marker, marker_font, LEGEND_SIZE, fill))
                lines = (wrap_balanced(label, head, LEGEND_SIZE, column - MARKER_ROOM, LEGEND_LINES)
                         or _cut(label, head, LEGEND_SIZE, column - MARKER_ROOM, LEGEND_LINES))
                texts.extend(Placed(x + MARKER_ROOM, y - n * lead, line, head, LEGEND_SIZE, theme.colours.text,
                                    (group.name, group.indices[first + k])) for n, line in enumerate(lines))
                tallest = max(tallest, len(lines))
            y -= tallest * lead
        y -= 0.4 * lead
    return _Part(tuple(texts), top - (y + 1.4 * lead + getAscentDescent(head, LEGEND_SIZE)[1]))
