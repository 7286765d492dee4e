"""``cardsort-<id>.pdf``: cards and mats for students; ``cardsort-<id>-key.pdf``: the teacher's key."""

from __future__ import annotations

from compiler.kinds.cardsort.plan import KIND, inputs, plan, targets
from compiler.outputs import Kind, single_sided

CARDSORT = Kind(name=KIND, targets=targets, inputs=inputs, plan=plan, drawing="compiler.kinds.cardsort.draw",
                template="cardsort.j2", pack_rank=2, needs="card_sorts", printing=single_sided)
