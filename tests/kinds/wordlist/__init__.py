"""An output kind from outside printpack, for ``tests/kinds/test_kinds.py``: ``wordlist.pdf``, the
glossary's terms on one sheet. It is one entry, registered with ``compiler.kinds.register``
(or ``registered`` for the length of a test), with its template in its own folder."""

from __future__ import annotations

from pathlib import Path

from compiler.outputs import Kind
from tests.kinds.wordlist.plan import KIND, inputs, plan, targets

WORDLIST = Kind(name=KIND, targets=targets, inputs=inputs, plan=plan, drawing="tests.kinds.wordlist.draw",
                template="wordlist.j2", templates=Path(__file__).parent / "templates", pack_rank=4,
                needs="a glossary")
