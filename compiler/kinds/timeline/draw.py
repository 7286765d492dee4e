"""Draws a planned timeline: the poster, its printer sheets and its blank version.

The plan holds the words; :func:`~compiler.kinds.timeline.layout.lay_out` measures them and
places everything, :mod:`.poster` draws the poster, :mod:`.tiles` cuts it into printer sheets.
What the layout leaves out (events beyond the poster's capacity, titles cut short) comes back as
the file's warnings: the build reports them and writes every file."""

from __future__ import annotations

from dataclasses import replace

from compiler.kinds.timeline.layout import lay_out
from compiler.kinds.timeline.plan import TimelinePlan
from compiler.kinds.timeline.poster import draw_poster
from compiler.kinds.timeline.reading import poster_nodes
from compiler.kinds.timeline.tiles import render_tiled
from compiler.outputs import Context, Rendered
from compiler.pdf import document_canvas, saved


def render(plan: TimelinePlan, context: Context) -> Rendered:
    theme = context.theme
    poster = lay_out(plan, theme)
    if plan.variant == "tiled":  # what the poster leaves out is said with each file that draws it
        return replace(render_tiled(plan, poster, theme), warnings=poster.warnings)
    canvas, buffer = document_canvas(poster.paper, theme, plan.metadata)
    canvas.scale(poster.scale, poster.scale)
    draw_poster(canvas, plan, poster, theme, answers=plan.key, nodes=poster_nodes(canvas.structure, plan, poster))
    canvas.showPage()
    return Rendered(saved(canvas, buffer, plan.metadata), 1, poster.warnings)
