"""``handout.pdf``: the unit's notes, ready to hand to a class."""

from __future__ import annotations

from compiler.kinds.handout.plan import KIND, inputs, plan, targets
from compiler.outputs import Kind

HANDOUT = Kind(name=KIND, targets=targets, inputs=inputs, plan=plan, drawing="compiler.kinds.handout.draw",
               template="handout.j2", pack_rank=0, needs="sections, people or a glossary")
