"""A label question: the picture with numbered pins on it, then numbered lines to write on (and
the word bank); in the key, each answer in a box beside its pin, joined to it by a thin line.

Pins are white discs with a dark rim and a dark number, legible on dark and light pictures and
in greyscale. A key's label goes to the right of its pin when there is room in the question's
column, else to the left, nudged up or down until it covers no other label and no other pin;
the line from pin to label is dark with a white edge, so it shows on a dark picture too.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import white
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from compiler import tagging
from compiler.errors import LayoutError, Unplaceable
from compiler.figures import draw_picture, fitted
from compiler.pdf import Paragraph, colour, padding, scripted, table, words
from compiler.pictures import low_resolution
from compiler.questions.drawing import (
    LINE_WEIGHT,
    Column,
    Drawn,
    Marked,
    answer_space,
    child,
    key_lines,
    set_width,
    word_bank_box,
)
from compiler.questions.label.plan import LabelPlan
from compiler.tagging import Node

PIN = 5.2 * mm  # a pin's diameter: room for "20" in PIN_TYPE
PIN_TYPE = 7.5  # points
MOST_HEIGHT = 0.5  # of the page's frame: the picture leaves room for its lines
LABEL_GAP = 2.5  # points between a pin's rim and its label
LABEL_PADDING = 2.0
LEADER = 0.7  # points: the line from a pin to its label
LABEL_WIDEST = 0.45  # of the column: a longer answer wraps
NUDGE = 1.5  # points a label moves up or down at a time
TWO_COLUMNS = 5  # more pins than this get two columns of lines, when both are MIN_LINE long
MIN_LINE = 50 * mm
LONGEST_LINE = 90 * mm
NUMBER_WIDTH = 7 * mm
COLUMN_GAP = 8 * mm

Box = tuple[float, float, float, float]  # x, y, width, height (y up, in the picture's flowable)


@dataclass(frozen=True)
class Placed:
    """The picture's printed size and each pin's centre, in a flowable ``width`` wide."""

    width: float
    picture: Box
    centres: tuple[tuple[float, float], ...]


def placed(body: LabelPlan, width: float, height: float) -> Placed:
    """The picture fitted to its share of the column (``width``), never taller than
    :data:`MOST_HEIGHT` of the frame (``height``), centred; a LayoutError naming both pins if two
    pins would overlap on it."""
    w, h = fitted(body.picture, body.share * width, height * MOST_HEIGHT)
    left = (width - w) / 2
    centres = tuple((left + pin.x * w, h - pin.y * h) for pin in body.pins)
    hint = "move one of them" + (", or print the picture larger (`size: large`)" if body.share < 1 else "")
    overlapping = []
    for j in range(len(centres)):  # each pin once, with the first pin it would cover
        i = next((i for i in range(j) if math.dist(centres[i], centres[j]) < PIN), None)
        if i is not None:
            overlapping.append(Unplaceable((*body.path, "pins", j), f"pins {body.pins[i].number} and "
                                           f"{body.pins[j].number} would overlap: {math.dist(centres[i], centres[j]) / mm:.1f}"
                                           f" mm apart on the printed picture, and a pin is {PIN / mm:.1f} mm across", hint))
    if overlapping:
        raise LayoutError(overlapping)
    return Placed(width, (left, 0, w, h), centres)


def warnings(body: LabelPlan, width: float, height: float) -> list[Unplaceable]:
    """The low-resolution warning for the picture, at the size it prints in a column ``width``
    wide on a frame ``height`` high (none if it is sharp, or its pins do not fit)."""
    try:
        _, _, w, h = placed(body, width, height).picture
    except LayoutError:
        return []
    found = low_resolution((*body.path, "picture"), body.picture, w, h)
    return [found] if found else []


class PinnedPicture(Flowable):
    """The picture with its pins, and in the key the answers' labels (``labels``: each a
    paragraph and its box). The picture and its pins are the Figure ``node`` (read as the
    picture's alt text and the pins' numbers); the key's labels are an artifact, since the
    answer line under the picture says them too."""

    def __init__(self, body: LabelPlan, where: Placed, font: str, ink: str,
                 labels: Sequence[tuple[Paragraph, Box]] = (), frame: str = "", node: Node | None = None) -> None:
        super().__init__()
        self.body = body
        self.where = where
        self.font = font
        self.ink = ink
        self.labels = tuple(labels)
        self.frame = frame or ink
        self.node = node

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.where.width, self.where.picture[3]

    def draw(self) -> None:
        canvas: Any = self.canv
        draw_picture(canvas, self.body.picture, *self.where.picture, (*self.body.path, "picture"), self.node)
        for ink, width in ((white, LEADER + 1.6), (colour(self.ink), LEADER)):  # a white edge shows it on dark
            canvas.setStrokeColor(ink)
            canvas.setLineWidth(width)
            for (cx, cy), (_, (x, y, w, h)) in zip(self.where.centres, self.labels, strict=False):
                canvas.line(cx, cy, min(max(cx, x), x + w), min(max(cy, y), y + h))
        for paragraph, (x, y, w, h) in self.labels:
            canvas.setFillColor(white)
            canvas.setStrokeColor(colour(self.frame))
            canvas.setLineWidth(0.6)
            canvas.rect(x, y, w, h, stroke=1, fill=1)
            paragraph.drawOn(canvas, x + LABEL_PADDING, y + LABEL_PADDING)
        with tagging.content(canvas, self.node):
            self._pins(canvas)

    def _pins(self, canvas: Any) -> None:
        for pin, (cx, cy) in zip(self.body.pins, self.where.centres, strict=True):
            canvas.setFillColor(white)
            canvas.setStrokeColor(colour(self.ink))
            canvas.setLineWidth(0.9)
            canvas.circle(cx, cy, PIN / 2, stroke=1, fill=1)
            canvas.setFillColor(colour(self.ink))
            canvas.setFont(self.font, PIN_TYPE)
            canvas.drawCentredString(cx, cy - PIN_TYPE * 0.35, str(pin.number))


def _credit(body: LabelPlan, column: Column) -> list[Flowable]:
    """Half a pin's room under the picture (a pin on its lower edge stands out of it), then the credit."""
    return [Spacer(1, PIN / 2 + 2),
            *([scripted(body.credit, column.style["muted"], child(column.node, "P"))] if body.credit else [])]


def sheet(body: LabelPlan, column: Column) -> Drawn:
    theme = column.theme
    inside: list[Flowable] = [Spacer(1, PIN / 2 + 2), PinnedPicture(body, placed(body, column.width, column.height), column.style["label"].fontName,
                                                          theme.colours.text, node=child(column.node, "Figure", alt=body.alt)),
                              *_credit(body, column)]
    if body.word_bank:
        inside += [Spacer(1, 6), word_bank_box(body.word_bank, body.word_bank_heading, column)]
    return Drawn([*inside, Spacer(1, 6), _lines(body, column)])


def _lines(body: LabelPlan, column: Column) -> Flowable:
    """A numbered line for each pin: down one column, or down two when there are many pins and
    each line is still long enough to write on. In the question's row, which moves to the next
    page whole: at most 20 lines (ten rows in two columns) under a picture of half a page."""
    count = len(body.pins)
    columns = 2 if count > TWO_COLUMNS and (column.width - COLUMN_GAP) / 2 - NUMBER_WIDTH >= MIN_LINE else 1
    rows = math.ceil(count / columns)
    line = min(LONGEST_LINE, (column.width - COLUMN_GAP * (columns - 1)) / columns - NUMBER_WIDTH)
    number = ParagraphStyle("pin-number", parent=column.style["body"], spaceAfter=0)
    cells: list[list[Any]] = []
    for r in range(rows):
        row: list[Any] = []
        for c in range(columns):
            k = c * rows + r
            row += [Paragraph(f"<b>{body.pins[k].number}.</b>", number) if k < count else "", "", ""]
        cells.append(row[:-1])
    widths = ([NUMBER_WIDTH, line, COLUMN_GAP] * columns)[:-1]
    rule = colour(column.theme.colours.text)
    ruled = [("LINEBELOW", (1 + 3 * c, r), (1 + 3 * c, r), column.theme.line(LINE_WEIGHT), rule)
             for c in range(columns) for r in range(rows) if c * rows + r < count]
    return Marked(table(cells, widths, [("VALIGN", (0, 0), (-1, -1), "BOTTOM"), *padding(0, 0, 0, 1), *ruled],
                        column.font, rowHeights=[column.spacing] * rows, hAlign="LEFT"), answer_space(column, body.space))


def key(body: LabelPlan, column: Column) -> list[Flowable]:
    where = placed(body, column.width, column.height)
    style = ParagraphStyle("pin-label", parent=column.style["small"], spaceAfter=0)
    widest = LABEL_WIDEST * column.width
    paragraphs = [scripted(pin.answer, style) for pin in body.pins]
    sizes = []
    for pin, paragraph in zip(body.pins, paragraphs, strict=True):
        text_width = min(widest, set_width(pin.answer, style) + 0.5)
        _, text_height = paragraph.wrap(text_width, 1e6)
        sizes.append((text_width + 2 * LABEL_PADDING, text_height + 2 * LABEL_PADDING))
    room = where.picture[3] - 2 * LABEL_PADDING
    too_long = [Unplaceable((*body.path, "pins", k, "answer"), "the answer is too long to write beside its pin in "
                            "the key", "shorten it", words(pin.answer), 0.9 * room / (h - 2 * LABEL_PADDING))
                for k, (pin, (_, h)) in enumerate(zip(body.pins, sizes, strict=True)) if h > where.picture[3]]
    if too_long:
        raise LayoutError(too_long)
    boxes = label_boxes(where, sizes)
    theme = column.theme
    return [Spacer(1, PIN / 2 + 2), PinnedPicture(body, where, column.style["label"].fontName, theme.colours.text,
                                        list(zip(paragraphs, boxes, strict=True)), theme.colours.accent,
                                        child(column.node, "Figure", alt=body.alt)),
            *_credit(body, column), Spacer(1, 4), *key_lines(column.style, body.answer, node=column.node)]


def label_boxes(where: Placed, sizes: Sequence[tuple[float, float]]) -> list[Box]:
    """Where each pin's label goes, in the order of the pins: beside its pin, right if it fits in
    the column, else left, moved up or down by :data:`NUDGE` until it covers no label already
    placed and no other pin; if no place is clear, the one that covers least."""
    height = where.picture[3]
    pins = [(cx - PIN / 2, cy - PIN / 2, PIN, PIN) for cx, cy in where.centres]
    boxes: list[Box] = []
    for k, ((cx, cy), (w, h)) in enumerate(zip(where.centres, sizes, strict=True)):
        others = [*boxes, *pins[:k], *pins[k + 1:]]
        best: tuple[float, Box] | None = None
        for dy in _nudges(height):
            for x in (cx + PIN / 2 + LABEL_GAP, cx - PIN / 2 - LABEL_GAP - w):
                box = (x, min(max(cy - h / 2 + dy, 0), max(height - h, 0)), w, h)
                if box[0] < 0 or box[0] + w > where.width:
                    continue
                covered = sum(_overlap(box, other) for other in others)
                if best is None or covered < best[0]:
                    best = (covered, box)
            if best is not None and best[0] == 0:
                break
        boxes.append(best[1] if best is not None else (min(max(cx - w / 2, 0), max(where.width - w, 0)),
                                                       min(max(cy - h / 2, 0), max(height - h, 0)), w, h))
    return boxes


def _nudges(height: float) -> list[float]:
    """0, then up and down by :data:`NUDGE` at a time, as far as the picture's height."""
    steps = int(height // NUDGE) + 1
    return [0.0, *(sign * n * NUDGE for n in range(1, steps) for sign in (-1, 1))]


def _overlap(a: Box, b: Box) -> float:
    """The area two boxes share (with a point of space kept round each)."""
    width = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]) + 1
    height = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]) + 1
    return max(width, 0) * max(height, 0)
