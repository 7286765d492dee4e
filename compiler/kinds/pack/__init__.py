"""``pack.pdf``: every sheet of the unit in one print job, made of the other kinds' files."""

from __future__ import annotations

from compiler.kinds.pack.plan import KIND, inputs, plan, targets
from compiler.outputs import Kind

PACK = Kind(name=KIND, targets=targets, inputs=inputs, plan=plan, drawing="compiler.kinds.pack.draw",
            template="pack.j2", assembles=True)
