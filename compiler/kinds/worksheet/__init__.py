"""``worksheet-<id>.pdf`` for students and ``worksheet-<id>-key.pdf`` for the teacher."""

from __future__ import annotations

from compiler.kinds.worksheet.plan import KIND, inputs, pack_pages, plan, targets
from compiler.outputs import Kind

WORKSHEET = Kind(name=KIND, targets=targets, inputs=inputs, plan=plan, drawing="compiler.kinds.worksheet.draw",
                 template="worksheet.j2", pack_rank=3, needs="worksheets",
                 shaped_by=("paper", "versions"), pack_pages=pack_pages)
