"""Draws a planned timeline: the poster, its printer sheets and its blank version.

The plan holds the words; :func:`~compiler.kinds.timeline.layout.lay_out` measures them and
places everything, :mod:`.poster` draws the poster, :mod:`.tiles` cuts it into printer sheets.
A theme (a print profile's) may ask for larger labels than the unit's poster paper gives
(``poster_label``): the poster then goes on the first larger sheet that gives them
(:func:`poster_paper`), the same design drawn larger. What the layout leaves out (events beyond
the poster's capacity, titles cut short) comes back as the file's warnings: the build reports
them and writes every file."""

from __future__ import annotations

from dataclasses import replace

from compiler.kinds.timeline.layout import (
    TITLE_SIZE,
    TYPE_STEPS,
    Poster,
    design_scale,
    lay_out,
    small_factor,
)
from compiler.kinds.timeline.plan import TimelinePlan
from compiler.kinds.timeline.poster import draw_poster
from compiler.kinds.timeline.reading import poster_nodes
from compiler.kinds.timeline.tiles import render_tiled
from compiler.outputs import Context, Rendered
from compiler.pdf import document_canvas, page_background, saved
from compiler.profiles import STANDARD
from compiler.theme import PAPER, Theme, load_theme

GROWING = ("a3", "a2", "a1", "a0")  # the poster sheets, each twice the one before


def poster_paper(paper: str, theme: Theme) -> str:
    """``paper``, or the first larger sheet of :data:`GROWING` on which the poster's smallest
    labels are at least the theme's ``poster_label`` (A1 for large print's 18 pt: A3's design
    doubled, so every event that fits on A3 fits on it); A0, the largest, if none is."""
    floor = TITLE_SIZE * TYPE_STEPS[-1]
    area = PAPER[paper][0] * PAPER[paper][1]
    larger = [size for size in GROWING if PAPER[size][0] * PAPER[size][1] > area]
    return next((size for size in (paper, *larger) if floor * design_scale(size) >= theme.poster_label - 0.01),
                GROWING[-1])


def laid_out(plan: TimelinePlan, theme: Theme) -> tuple[TimelinePlan, Poster]:
    """``plan`` on its poster's paper (:func:`poster_paper`), and laid out. Where the theme's
    larger dates (:func:`~compiler.kinds.timeline.layout.small_factor`) leave events out, the
    next larger sheet is tried, where the dates need less enlarging: it is taken if it leaves
    fewer out (large print: a unit of a hundred events goes on A0 rather than lose three)."""
    plan = replace(plan, paper=poster_paper(plan.paper, theme))
    poster = lay_out(plan, theme)
    while poster.omitted and small_factor(theme, poster.scale) > 1 and plan.paper != GROWING[-1]:
        larger = replace(plan, paper=GROWING[GROWING.index(plan.paper) + 1])
        bigger = lay_out(larger, theme)
        if bigger.omitted >= poster.omitted:
            break
        plan, poster = larger, bigger
    return plan, poster


def same_blanks(plan: TimelinePlan, context: Context) -> TimelinePlan:
    """A profile's blank poster with the blanks of the standard one: the layout keeps the blanks
    that fit, and a profile's larger sheet or wider font fits others, but a student with the
    large-print copy does the class's exercise (a profile changes print, not content). So the
    standard poster is laid out first and only its blanks are offered."""
    if plan.variant != "blank" or context.profile == STANDARD:
        return plan
    standard = lay_out(plan, load_theme(context.settings.theme, context.settings.templates))
    kept = {label.path for label in standard.labels if label.blank}
    return replace(plan, events=tuple(replace(event, blank=event.path in kept) for event in plan.events))


def render(plan: TimelinePlan, context: Context) -> Rendered:
    theme = context.theme
    plan, poster = laid_out(same_blanks(plan, context), theme)
    if plan.variant == "tiled":  # what the poster leaves out is said with each file that draws it
        return replace(render_tiled(plan, poster, theme), warnings=poster.warnings)
    canvas, buffer = document_canvas(poster.paper, theme, plan.metadata)
    page_background(canvas, theme, poster.paper)
    canvas.scale(poster.scale, poster.scale)
    draw_poster(canvas, plan, poster, theme, answers=plan.key, nodes=poster_nodes(canvas.structure, plan, poster))
    canvas.showPage()
    return Rendered(saved(canvas, buffer, plan.metadata), 1, poster.warnings)
