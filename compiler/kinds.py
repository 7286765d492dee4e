"""The registry of output kinds, in build order (the pack, which merges the others, comes last).

Each value is a module implementing :class:`compiler.outputs.OutputKind`. Adding a kind means
adding its module and one line here; no other kind changes.
"""

from __future__ import annotations

from compiler import cardsort, handout, pack, timeline, worksheet
from compiler.outputs import OutputKind

KINDS: dict[str, OutputKind] = {
    "handout": handout,  # type: ignore[dict-item]
    "timeline": timeline,  # type: ignore[dict-item]
    "cardsort": cardsort,  # type: ignore[dict-item]
    "worksheet": worksheet,  # type: ignore[dict-item]
    "pack": pack,  # type: ignore[dict-item]
}
