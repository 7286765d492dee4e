"""What a build is asked to do (:class:`Request`), and how it tells of progress."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from compiler.outputs import Settings
from compiler.report import OutputRecord

DEFAULT_PATHS = (Path("resources"),)

Progress = Callable[[OutputRecord], None]


@dataclass(frozen=True)
class Request:
    """What to build: the unit files or folders, where to, and how."""

    paths: tuple[Path, ...] = DEFAULT_PATHS
    out: Path = Path("output")
    settings: Settings = field(default_factory=Settings)
    force: bool = False
    jobs: int = 1  # worker processes; the command line caps it at the cores printpack may use
    shard: tuple[int, int] | None = None  # build only shard K of N
    strict: bool = False  # --strict: every warning is an error, and a unit whose text has one is not built
    debug: bool = False  # a bug drawing a file stops the build with its traceback, for whoever fixes it
