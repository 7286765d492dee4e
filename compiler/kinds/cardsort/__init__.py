"""``cardsort-<id>.pdf``: cards and mats for students; ``cardsort-<id>-key.pdf``: the teacher's key."""

from __future__ import annotations

from compiler.kinds.cardsort.plan import KIND, inputs, plan, targets
from compiler.outputs import Kind, Printing, Target


def printing(target: Target) -> Printing:
    """Cards and mats are cut out, so each sheet is printed on one side; the key is read, not
    cut, and prints double-sided like any other teacher's copy."""
    return "duplex" if target.audience == "teacher" else "single"


CARDSORT = Kind(name=KIND, targets=targets, inputs=inputs, plan=plan, drawing="compiler.kinds.cardsort.draw",
                template="cardsort.j2", pack_rank=2, needs="card_sorts", printing=printing)
