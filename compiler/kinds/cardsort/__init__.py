"""``cardsort-<id>.pdf``: cards and mats for students, and on its last page the teacher's key."""

from __future__ import annotations

from compiler.kinds.cardsort.plan import KIND, inputs, plan, targets
from compiler.outputs import Kind, Pages, Target


def pack_pages(target: Target, pages: int) -> tuple[Pages, ...]:
    """The cards and mats go with the students' sheets, the key (the last page) with the teacher's."""
    return Pages(0, pages - 1, "student"), Pages(pages - 1, pages, "teacher")


CARDSORT = Kind(name=KIND, targets=targets, inputs=inputs, plan=plan, drawing="compiler.kinds.cardsort.draw",
                template="cardsort.j2", pack_rank=2, pack_pages=pack_pages, needs="card_sorts")
