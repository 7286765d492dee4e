"""The vocabulary every output kind shares: settings, targets, context and the interface.

An output kind is a module with four functions:

- ``targets(unit, settings)``: the files it would write for this unit (none if the unit has
  nothing for it, e.g. no events means no timeline);
- ``inputs(unit, target)``: the part of the unit the file is made from, as JSON-able data,
  so that a fingerprint changes exactly when that part changes;
- ``plan(unit, target, context)``: a pure description of the pages (words already worded and
  escaped, geometry decided), the thing tests snapshot;
- ``render(plan, context)``: the PDF bytes and page count, drawn with ReportLab.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # kept light: the build imports this module even when nothing is drawn
    from compiler.model import Unit, UnitInfo
    from compiler.theme import Theme
    from compiler.wording import Wording


@dataclass(frozen=True)
class Settings:
    """The choices that shape outputs, merged from the command line and the unit's `outputs:`."""

    paper: str | None = None  # None: the unit's `outputs.paper`, else A4
    theme: str = "default"
    templates: Path | None = None
    only: tuple[str, ...] = ()
    versions: int | None = None
    poster: str | None = None  # None: the unit's `outputs.timeline.paper`, else A3

    def fingerprint(self) -> dict[str, Any]:
        return {"paper": self.paper, "versions": self.versions, "poster": self.poster}


@dataclass(frozen=True)
class Target:
    """One file an output kind writes: ``handout.pdf``, ``worksheet-quiz-B-key.pdf`` ..."""

    kind: str
    filename: str
    item: str | None = None
    variant: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    origin: tuple[str | int, ...] = field(default=(), compare=False)  # the item's path in the unit, if any


@dataclass(frozen=True)
class Furniture:
    """What is printed around the content of every page (markup, already worded)."""

    header_left: str
    header_right: str
    footer_left: str
    page_pattern: str  # e.g. "Page {page} of {pages}"
    header_on_first_page: bool = False


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str


@dataclass
class Context:
    """What planning and rendering may use besides the unit: paper, theme and wording, and for a
    kind that assembles others (the pack), the finished files of the same unit."""

    settings: Settings
    page_size: tuple[float, float]
    theme: Theme
    wording: Wording
    siblings: tuple[tuple[Target, bytes, int], ...] = ()  # file, bytes, pages


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    pages: int


class OutputKind(Protocol):
    def targets(self, unit: Unit, settings: Settings) -> list[Target]: ...
    def inputs(self, unit: Unit, target: Target) -> Any: ...
    def plan(self, unit: Unit, target: Target, context: Context) -> Any: ...
    def render(self, plan: Any, context: Context) -> Rendered: ...


def page_furniture(wording: Wording, info: UnitInfo, header_left: str, header_right: str, *,
                   header_on_first_page: bool = False) -> Furniture:
    """The running header and the footer (unit title, licence, "Page X of Y") every kind prints."""
    from compiler import markup

    footer = wording.phrase("common.j2", "footer_left", title=markup.inline(info.title),
                            licence=markup.inline(info.licence) if info.licence else None)
    pattern = wording.phrase("common.j2", "page_of", page="{page}", pages="{pages}")
    return Furniture(header_left, header_right, footer, pattern, header_on_first_page)
