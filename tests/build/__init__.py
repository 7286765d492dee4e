"""Tests of compiler.build, one file per module."""

from __future__ import annotations

from pathlib import Path

from compiler.build import Request, build
from compiler.outputs import Settings
from compiler.report import BuildReport


def run(paths: list[Path], out: Path, **settings: object) -> BuildReport:
    """Build, by default only the handout: these tests are about the pipeline, not the kinds."""
    chosen = {"only": ("handout",), **settings}
    return build(Request(paths=tuple(paths), out=out, settings=Settings(**chosen)))  # type: ignore[arg-type]


