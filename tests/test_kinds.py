"""Every registered kind implements the same small interface."""

from __future__ import annotations

import inspect

from compiler.kinds import KINDS


def test_every_kind_has_the_four_functions() -> None:
    assert next(iter(KINDS)) == "handout"
    for name, kind in KINDS.items():
        for function in ("targets", "inputs", "plan", "render"):
            assert callable(getattr(kind, function, None)), f"{name}.{function}"
        assert list(inspect.signature(kind.plan).parameters) == ["unit", "target", "context"]
