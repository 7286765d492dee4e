"""``flashcards-<id>.pdf``: flash cards to cut out, fronts and backs for duplex printing."""

from __future__ import annotations

from compiler.kinds.flashcards.plan import KIND, inputs, plan, targets
from compiler.outputs import Kind, Pages, Printing, Target, whole_file


def printing(target: Target) -> Printing:
    """Fronts and backs pages printed on both sides, flipped as the set's ``flip`` says; a
    fold-over set is printed on one side and folded."""
    flip = target.variant.get("flip", "long-edge")
    return "duplex" if flip == "long-edge" else "short-edge" if flip == "short-edge" else "fold"


def pack_pages(target: Target, pages: int) -> tuple[Pages, ...]:
    """The whole file, but for a set printed flipped on the short edge: a pack is one print job,
    flipped on the long edge, which would put those backs upside down and off their fronts."""
    return () if printing(target) == "short-edge" else whole_file(target, pages)


FLASHCARDS = Kind(name=KIND, targets=targets, inputs=inputs, plan=plan, drawing="compiler.kinds.flashcards.draw",
                  template="flashcards.j2", pack_rank=4, pack_pages=pack_pages,
                  needs="flashcards, a glossary, people with a role or events", printing=printing)
