"""The period bands behind a timeline: where each band goes, its label wrapped in balanced lines
(or, when the band is too narrow for it even in three lines, a number, with the full name in
the poster's "Periods" key beside the legend), and their drawing, in design points.

Lines break at spaces and at soft hyphens (which then show as "-"), never elsewhere in a word;
of the wrappings that fit, the fewest lines win, then the fewest hyphens, then the fewest lines
holding one word alone, then the most even line widths. Overlapping periods put their labels
in rows, one under the other, so that no two labels print over each other.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from compiler import markup, tagging
from compiler.kinds.timeline.plan import PeriodPlan
from compiler.pdf import colour
from compiler.tagging import Node

BAND_SIZE = 10.0  # the period labels' type, in design points
BAND_LEADING = 1.2
BAND_PAD = 3.0  # room each side of a label inside its band
MAX_BAND_LINES = 3


@dataclass(frozen=True)
class Band:
    x0: float
    x1: float
    lines: tuple[str, ...]  # printed in the band: the name wrapped, or its number
    fill: str
    name: str = ""  # the full name, plain
    abbreviated: bool = False  # the band shows its number; the name is in the "Periods" key
    drop: float = 0.0  # how far below the first row's baseline its label's first line sits


# Lines break at spaces, never at a no-break space (U+00A0, U+2007, U+202F).
_BREAKING_SPACE = re.compile(r"[^\S\u00a0\u2007\u202f]+")


def period_bands(periods: Sequence[PeriodPlan], to_x: Callable[[float], float], font: str) -> tuple[Band, ...]:
    """A band per period from its start to its end on the axis, its label wrapped to fit the
    band; a band too narrow for it gets its period's number (1, 2, …), or nothing if even that
    does not fit (a sliver of a band), and its name goes to the key."""
    bands: list[Band] = []
    for number, period in enumerate(periods, start=1):
        left, right = to_x(period.start), to_x(period.end)
        room = right - left - 2 * BAND_PAD
        name = period.label.replace(markup.SOFT_HYPHEN, "")
        lines = wrap_balanced(period.label, font, BAND_SIZE, room, MAX_BAND_LINES)
        if lines is None:
            short = str(number)
            bands.append(Band(left, right, (short,) if stringWidth(short, font, BAND_SIZE) <= room else (),
                              period.fill, name, abbreviated=True))
        else:
            bands.append(Band(left, right, tuple(lines), period.fill, name))
    return _in_rows(bands)


def _in_rows(bands: list[Band]) -> tuple[Band, ...]:
    """``bands`` with their labels in rows: each in the first row (from the top) where no band
    already there overlaps it, each row as tall as its tallest label."""
    rows: list[list[Band]] = []
    row_of: dict[int, int] = {}
    for k in sorted(range(len(bands)), key=lambda k: (bands[k].x0, k)):
        row = next((r for r, taken in enumerate(rows) if all(b.x1 <= bands[k].x0 + 0.5 for b in taken)), len(rows))
        if row == len(rows):
            rows.append([])
        rows[row].append(bands[k])
        row_of[k] = row
    drops = list(itertools.accumulate((_row_height(row) for row in rows), initial=0.0))
    return tuple(replace(band, drop=drops[row_of[k]]) for k, band in enumerate(bands))


def _row_height(row: Sequence[Band]) -> float:
    """The height of a row of band labels, and the gap under it."""
    return max(1, *(len(band.lines) for band in row)) * BAND_SIZE * BAND_LEADING + 4


def period_key(bands: Sequence[Band]) -> tuple[tuple[str, str, str], ...]:
    """The key's entries (number, colour, full name) of the bands that show only their number."""
    return tuple((str(number), band.fill, band.name) for number, band in enumerate(bands, start=1)
                 if band.abbreviated)


def bands_height(bands: Sequence[Band]) -> float:
    """The height the band labels take at the top of the plot."""
    if not bands:
        return 0.0
    return max(band.drop + len(band.lines) * BAND_SIZE * BAND_LEADING for band in bands) + 8


def label_area(band: Band, label_y: float) -> tuple[float, float, float, float]:
    """Where ``band``'s label may have ink (left, bottom, right, top): its width, its lines."""
    first = label_y - band.drop
    return (band.x0, first - (len(band.lines) - 1) * BAND_SIZE * BAND_LEADING - 0.3 * BAND_SIZE,
            band.x1, first + BAND_SIZE)


def draw_bands(canvas: Canvas, bands: Sequence[Band], bottom: float, label_y: float, font: str,
               names: Mapping[int, Node] | None = None, outline: tuple[Color, float] | None = None) -> None:
    """Each band shaded from ``bottom`` to the top of the plot, its label centred, its first
    line's baseline at ``label_y``; the label the content of the node ``names`` give for its
    band's index (none: an artifact, as the bands are). With an ``outline`` (ink, line width:
    high-contrast print, where no meaning is carried by tint alone), each band's ends are ruled
    in that ink and its label printed in it."""
    top = label_y + BAND_SIZE + 2
    for index, band in enumerate(bands):
        canvas.setFillColor(colour(band.fill), alpha=0.08)
        canvas.rect(band.x0, bottom, band.x1 - band.x0, top - bottom, stroke=0, fill=1)
        canvas.setFillColor(colour(band.fill), alpha=1)
        if outline is not None:
            canvas.setFillColor(outline[0])
            canvas.setStrokeColor(outline[0])
            canvas.setLineWidth(outline[1])
            canvas.rect(band.x0, bottom, band.x1 - band.x0, top - bottom, stroke=1, fill=0)
        canvas.setFont(font, BAND_SIZE)
        with tagging.content(canvas, names.get(index) if names is not None and band.lines else None):
            for k, line in enumerate(band.lines):
                canvas.drawCentredString((band.x0 + band.x1) / 2,
                                         label_y - band.drop - k * BAND_SIZE * BAND_LEADING, line)


def wrap_balanced(text: str, font: str, size: float, width: float, max_lines: int) -> list[str] | None:
    """``text`` in at most ``max_lines`` lines no wider than ``width``, broken where it reads
    best (see the module's rule), or None when no way of breaking it fits."""
    pieces, joints = _pieces(text)
    if not pieces:
        return [""]
    whole = stringWidth(_lines(pieces, joints, ())[0], font, size)
    space = stringWidth(" ", font, size)
    for count in range(1, min(max_lines, len(pieces)) + 1):
        if whole - (count - 1) * space > count * width:  # too long for this many lines however broken
            continue
        best: tuple[tuple[int, int, float], list[str]] | None = None
        for breaks in itertools.combinations(range(1, len(pieces)), count - 1):
            lines = _lines(pieces, joints, breaks)
            widths = [stringWidth(line, font, size) for line in lines]
            if max(widths) > width:
                continue
            hyphens = sum(joints[b] == "-" for b in breaks)
            alone = sum(len(_BREAKING_SPACE.split(line)) == 1 for line in lines) if count > 1 else 0
            score = (hyphens, alone, max(widths) - min(widths))
            if best is None or score < best[0]:
                best = (score, lines)
        if best is not None:
            return best[1]
    return None


def _pieces(text: str) -> tuple[list[str], list[str]]:
    """The runs of ``text`` between break opportunities, and before each the joint that breaks
    there: " " (a space) or "-" (a soft hyphen, shown as "-" when the line breaks there)."""
    pieces: list[str] = []
    joints: list[str] = []
    for word in _BREAKING_SPACE.split(text.strip()):
        for k, segment in enumerate(word.split(markup.SOFT_HYPHEN)):
            if segment:
                pieces.append(segment)
                joints.append("-" if k else " ")
    return pieces, joints


def _lines(pieces: list[str], joints: list[str], breaks: tuple[int, ...]) -> list[str]:
    lines = []
    for start, end in itertools.pairwise((0, *breaks, len(pieces))):
        line = pieces[start]
        for k in range(start + 1, end):
            line += (" " if joints[k] == " " else "") + pieces[k]
        lines.append(line + ("-" if end < len(pieces) and joints[end] == "-" else ""))
    return lines
