"""A poster's structure, as a reader meets it (:mod:`compiler.tagging`): declared here once, in
reading order, and handed to the drawing code, which marks each piece of the poster it draws as
the content of its node.

The title (H1), then the subtitle (on the blank version its instruction, on its key the banner);
then the poster, a Part: a Figure read as the poster's summary ("Timeline of 48 events,
1917–1941"), whose content is the time axis; the legend of themes and the periods, each a list
under its heading (the periods' heading is printed only with the key of periods whose bands show
a number: each period is read once, by the name its band or the key prints); the events in date
order, a list whose items hold the date (Lbl) and the title (LBody) with the detail, the marker
(a Figure read as its theme: the shape and colour that show it are not words) and the picture (a
Figure read as its alt text, then its credit); last, the line saying how many events the poster
leaves out. On the blank version a write-in box is a Figure read as what it is for, in place of
the title or the date it hides; its key prints the answers where the boxes were.

The rest is an artifact: the bands (their names are in the list), the axis's years, ticks and
notes, leaders and marks (an event's date says where it is), span bars, the legend's markers
(beside the theme they stand for) and the footer.
"""

from __future__ import annotations

from dataclasses import dataclass

from compiler.kinds.timeline.layout import Label, Poster
from compiler.kinds.timeline.plan import EventPlan, TimelinePlan
from compiler.kinds.timeline.title import Content
from compiler.tagging import Node


@dataclass(frozen=True)
class EventNodes:
    """What an event's label, marker and picture print, as nodes of its list item."""

    date: Node  # Lbl
    title: Node  # LBody: its title's lines; its other parts below it
    detail: Node
    marker: Node | None  # a Figure read as the event's theme; None for an event with none
    blank: Node | None  # the write-in box of the blank version: a Figure read as what it is for
    picture: Node
    credit: Node


@dataclass(frozen=True)
class PosterNodes:
    block: dict[Content, Node]  # the title block's lines that are content (title.Placed.content)
    axis: Node  # the poster as a whole: the Figure whose content is the time axis
    bands: dict[int, Node]  # a band (by its period's index) whose name it prints
    events: dict[tuple[str, int], EventNodes]  # by the event's path
    further: Node  # the line saying how many events are left out


def poster_nodes(root: Node, plan: TimelinePlan, poster: Poster) -> PosterNodes:
    """The structure of ``plan`` laid out as ``poster``, under ``root``, in reading order."""
    block = {("title", 0): root.add("H1", title=plan.title), ("subtitle", 0): root.add("P")}
    part = root.add("Part")
    axis = part.add("Figure", alt=plan.summary_of(len(poster.labels)))
    themes = part.add("Sect")
    block["themes", 0] = themes.add("H2", title=plan.legend_heading)
    legend = themes.add("L")
    for k in range(len(plan.legend)):
        block["theme", k] = legend.add("LI").add("LBody")
    periods = part.add("Sect")
    block["periods", 0] = periods.add("H2", title=plan.periods_heading)
    names = periods.add("L")
    bands: dict[int, Node] = {}
    for k in sorted(range(len(poster.bands)), key=lambda k: (poster.bands[k].x0, k)):
        block["period", k] = names.add("LI").add("LBody")  # in the key, when the band shows its number
        if not poster.bands[k].abbreviated:
            bands[k] = block["period", k]
    events = part.add("L")
    by_path = {event.path: event for event in plan.events}
    order = {event.path: k for k, event in enumerate(plan.events)}
    labels = sorted(poster.labels, key=lambda label: order[label.path])
    nodes = {label.path: _event_nodes(events.add("LI"), by_path[label.path], label, plan) for label in labels}
    return PosterNodes(block, axis, bands, nodes, part.add("P"))


def _event_nodes(item: Node, event: EventPlan, label: Label, plan: TimelinePlan) -> EventNodes:
    date, title = item.add("Lbl"), item.add("LBody")
    blank = None
    if label.blank and not plan.key:
        blank = (date if plan.blank_mode == "dates" else title).add("Figure", alt=plan.blank_box)
    detail = title.add("P")
    marker = title.add("Figure", alt=event.strand) if event.strand else None
    return EventNodes(date, title, detail, marker, blank, title.add("Figure", alt=event.alt), title.add("P"))
