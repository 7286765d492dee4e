"""Timeline posters: ``timeline.pdf``, ``timeline-tiled.pdf``, ``timeline-blank.pdf`` and its key,
``timeline-blank-key.pdf`` (for the teacher)."""

from __future__ import annotations

from compiler.kinds.timeline.plan import KIND, inputs, plan, targets
from compiler.outputs import Kind, Pages, Printing, Target, whole_file


def pack_pages(target: Target, pages: int) -> tuple[Pages, ...]:
    """Only the poster on printer sheets: the pack is one print job of sheets, and the whole
    poster and its blank version are not."""
    return whole_file(target, pages) if target.variant.get("variant") == "tiled" else ()


def printing(target: Target) -> Printing:
    """Every poster sheet on one side; the tiled poster's sheets are taped together."""
    return "tiled" if target.variant.get("variant") == "tiled" else "single"


TIMELINE = Kind(name=KIND, targets=targets, inputs=inputs, plan=plan, drawing="compiler.kinds.timeline.draw",
                template="timeline.j2", pack_rank=1, pack_pages=pack_pages, needs="events",
                shaped_by=("paper", "poster"), printing=printing)
