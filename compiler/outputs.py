"""The vocabulary every output kind shares: settings, targets, context, and the kind itself.

An output kind is one :class:`Kind` value, registered in :mod:`compiler.kinds`. It declares:

- ``targets(unit, settings)``: the files it would write for this unit (none if the unit has
  nothing for it, e.g. no events means no timeline), each with its audience;
- ``inputs(unit, target)``: the part of the unit the file is made from, as JSON-able data,
  so that a fingerprint changes exactly when that part changes;
- ``plan(unit, target, context)``: a pure description of the pages (words already worded and
  escaped, order, colours and data; nothing measured), the thing tests snapshot;
- ``drawing``: the module whose ``render(plan, context)`` measures, places and draws with
  ReportLab; :meth:`Kind.render` imports it only when something is drawn;
- its template (phrases, and the titles of its parts in the pack) and its place in the pack.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar

from compiler import markup
from compiler.errors import ProblemsFound, Unplaceable
from compiler.profiles import STANDARD

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
    profiles: tuple[str, ...] = ()  # print profiles (compiler/profiles.py); none: the unit's, else standard

    def fingerprint(self) -> dict[str, Any]:
        return {"paper": self.paper, "versions": self.versions, "poster": self.poster}


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


Item = TypeVar("Item", bound=_Identified)


def chosen(items: Sequence[Item], wanted: Sequence[str] | None) -> list[tuple[int, Item]]:
    """The items a unit's ``outputs:`` list selects by id (all of them when it names none), each
    with its index in the unit, for the target's ``origin``."""
    return [(index, item) for index, item in enumerate(items) if wanted is None or item.id in wanted]


Audience = Literal["student", "teacher"]


@dataclass(frozen=True)
class Target:
    """One file an output kind writes: ``handout.pdf``, ``worksheet-quiz-B-key.pdf`` ..."""

    kind: str
    filename: str
    item: str | None = None
    variant: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    origin: tuple[str | int, ...] = field(default=(), compare=False)  # the item's path in the unit, if any
    audience: Audience = field(default="student", compare=False)  # who the file is printed for
    profile: str = STANDARD  # the print profile it is drawn in (compiler/profiles.py); the filename says it too


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
    language: str = "en"  # the unit's, the PDF's /Lang


@dataclass
class Context:
    """What planning and rendering may use besides the unit: paper, theme and wording, and for a
    kind that assembles others (the pack), the finished files of the same unit and the kinds
    that made them (the registry, handed in: a kind never imports it). ``theme`` is the theme of
    the file's print profile (``profile``): the teacher's theme with the profile's overlay
    merged over it, so a kind reads sizes, fonts, alignment and colours from it alone."""

    settings: Settings
    page_size: tuple[float, float]
    theme: Theme
    wording: Wording
    siblings: tuple[tuple[Target, bytes, int], ...] = ()  # file, bytes, pages
    kinds: Mapping[str, Kind] = field(default_factory=dict)
    profile: str = STANDARD


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    pages: int
    # What the file leaves out or shortens and the teacher should hear of (a poster too full for
    # every event): reported as located warnings, with the file still written.
    warnings: tuple[Unplaceable, ...] = ()


@dataclass(frozen=True)
class Pages:
    """A run of a file's pages, as the pack takes it, and who it is for."""

    first: int  # page index in the file
    last: int  # exclusive
    audience: Audience


# How a file is printed (the index page's print note; the pack gives any but "duplex" a blank back
# per page): both sides flipped on the long edge, both sides flipped on the short edge (flash
# cards whose backs are placed for it), one side, one side taped together, one side folded.
Printing = Literal["duplex", "short-edge", "single", "tiled", "fold"]


def duplex(target: Target) -> Printing:
    """Printed on both sides, flipped on the long edge: sheets read page after page."""
    return "duplex"


def whole_file(target: Target, pages: int) -> tuple[Pages, ...]:
    """The pack takes the whole file, for the file's own audience."""
    return (Pages(0, pages, target.audience),)


@dataclass(frozen=True)
class Kind:
    """One output kind: everything the build, the command line, the pack and the manifest need
    to know about it, in one value. ``compiler.kinds.KINDS`` holds them in build order."""

    name: str  # what --only and outputs.only call it; the manifest's "kind"
    targets: Callable[[Unit, Settings], list[Target]]
    inputs: Callable[[Unit, Target], Any]
    plan: Callable[[Unit, Target, Context], Any]
    drawing: str  # the module with ``render(plan, context) -> Rendered``, imported when first drawn
    template: str  # its phrases, ``pack_part`` (the title of a part in the pack) among them
    templates: Path | None = None  # the folder holding ``template``, for a kind not built in
    assembles: bool = False  # made of the unit's other finished files (``Context.siblings``)
    pack_rank: int | None = None  # its place in the pack (teaching order); None: not in the pack
    pack_pages: Callable[[Target, int], tuple[Pages, ...]] = whole_file  # what of a file the pack takes
    needs: str = ""  # what a unit must have for this kind to print, for the "nothing to print" hint
    shaped_by: tuple[str, ...] = ("paper",)  # the Settings.fingerprint() entries its files depend on
    printing: Callable[[Target], Printing] = duplex  # how a file is printed, for the index page's print notes

    def render(self, plan: Any, context: Context) -> Rendered:
        """Draw ``plan`` with the kind's drawing module, imported only now (:func:`drawing`)."""
        rendered: Rendered = drawing(self.drawing).render(plan, context)
        return rendered


def drawing(module: str) -> ModuleType:
    """The drawing module named by a registry entry (an output kind's, a question type's),
    imported on first use: the one lazy import of the drawing stage, so that a build whose outputs
    are all up to date, or ``check``, never loads ReportLab. Entries name their drawing instead of
    importing it, which also keeps planning from ever importing drawing."""
    return import_module(module)


def item_title(unit: Unit, target: Target) -> str:
    """The title of the item a file is made from (a card sort, a worksheet), found at the
    target's ``origin`` in the unit; empty for a file made from the whole unit. A file made from
    a whole list of the unit (flash cards from the glossary) has no title there: its item's id,
    which the kind's template words."""
    item: Any = unit
    for step in target.origin:
        item = item[step] if isinstance(step, int) else getattr(item, step)
    if isinstance(item, list):
        return target.item or ""
    return str(getattr(item, "title", "")) if target.origin else ""


def file_title(kind: Kind, unit: Unit, target: Target, wording: Wording) -> str:
    """What a file is called on the index page and in the manifest, as plain text ("Worksheet:
    The Fall of the Bastille (version A)", "Answer key: …"): the ``file_title`` macro of the kind's
    template, given the item's title, version, audience and variant; for a template without
    one, the title of the file's part in the pack (``pack_part``); else the kind's name."""
    values = {"title": markup.inline(item_title(unit, target)), "version": target.variant.get("version"),
              "audience": target.audience}
    for macro, extra in (("file_title", {"variant": target.variant.get("variant")}), ("pack_part", {})):
        try:
            return markup.from_markup(wording.phrase(kind.template, macro, **values, **extra))
        except ProblemsFound:
            continue
    return kind.name


def page_furniture(wording: Wording, info: UnitInfo, header_left: str, header_right: str, *,
                   header_on_first_page: bool = False) -> Furniture:
    """The running header and the footer (unit title, licence, "Page X of Y") every kind prints."""
    footer = wording.phrase("common.j2", "footer_left", title=markup.inline(info.title),
                            licence=markup.inline(info.licence) if info.licence else None)
    pattern = wording.phrase("common.j2", "page_of", page="{page}", pages="{pages}")
    return Furniture(header_left, header_right, footer, pattern, header_on_first_page)
