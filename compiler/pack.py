"""``pack.pdf``: everything a lesson needs in one print job.

A cover and a contents page, then the handout, the timeline on printer sheets, the card sorts
and the worksheets in teaching order, and after a "Teacher copies" divider every answer key.
It is assembled from the finished PDFs with pypdf (never drawn twice), with a bookmark per part
and page labels: i, ii for the front pages, then 1, 2, 3 as the contents lists them. Posters
(the whole timeline and its blank version) are not sheets and stay out of the pack.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from compiler import markup
from compiler.model import Unit
from compiler.outputs import (
    Context,
    Furniture,
    Metadata,
    Rendered,
    Settings,
    Target,
    page_furniture,
)

KIND = "pack"
ASSEMBLES = True  # made from the unit's other finished files, which the build passes in


@dataclass(frozen=True)
class Part:
    """A run of pages from one finished PDF."""

    title: str
    filename: str
    first: int  # page index in that PDF
    last: int  # exclusive
    teacher: bool


@dataclass(frozen=True)
class PackPlan:
    title: str
    subtitle: str
    meta: tuple[str, ...]
    contents_heading: str
    teacher_heading: str
    teacher_note: str
    parts: tuple[Part, ...]
    files: tuple[tuple[str, bytes], ...]
    furniture: Furniture
    metadata: Metadata


def targets(unit: Unit, settings: Settings) -> list[Target]:
    """A pack when the unit has sheets to put in it."""
    printable = unit.sections or unit.people or unit.glossary or unit.events or unit.card_sorts or unit.worksheets
    return [Target(KIND, "pack.pdf")] if printable else []


def inputs(unit: Unit, target: Target) -> Any:
    """The pack is made of the other files; the build adds their hashes to this."""
    return unit.unit.model_dump(mode="json")


def plan(unit: Unit, target: Target, context: Context) -> PackPlan:
    wording = context.wording
    info = unit.unit

    def phrase(name: str, **values: Any) -> str:
        return wording.phrase("pack.j2", name, **values)

    titles = {s.id: s.title for s in unit.card_sorts} | {w.id: w.title for w in unit.worksheets}
    files = {t.filename: (t, pdf) for t, pdf, _ in context.siblings}
    pages = {t.filename: count for t, _, count in context.siblings}
    students: list[Part] = []
    teachers: list[Part] = []

    def add(filename: str, kind: str, first: int = 0, last: int | None = None, teacher: bool = False) -> None:
        sibling = files[filename][0]
        title = markup.inline(titles.get(sibling.item or "", ""))
        name = phrase("part", kind=kind, title=title, version=sibling.variant.get("version"))
        part = Part(name, filename, first, pages[filename] if last is None else last, teacher)
        (teachers if teacher else students).append(part)

    ordered = sorted(files, key=lambda name: _teaching_order(files[name][0]))
    for filename in ordered:
        sibling = files[filename][0]
        if sibling.kind == "handout":
            add(filename, "handout")
        elif sibling.kind == "timeline" and sibling.variant.get("variant") == "tiled":
            add(filename, "timeline")
        elif sibling.kind == "cardsort":
            count = pages[filename]
            add(filename, "cardsort", 0, count - 1)
            add(filename, "key", count - 1, count, teacher=True)
        elif sibling.kind == "worksheet":
            add(filename, "key" if sibling.variant.get("key") else "worksheet", teacher=bool(sibling.variant.get("key")))
    used = {p.filename for p in (*students, *teachers)}
    title = str(markup.inline(info.title))
    return PackPlan(
        title=title,
        subtitle=str(markup.inline(info.subtitle)) if info.subtitle else "",
        meta=tuple(str(markup.inline(v)) for v in (info.subject, info.level, info.author, info.licence) if v),
        contents_heading=phrase("contents_heading"),
        teacher_heading=phrase("teacher_copies"),
        teacher_note=phrase("teacher_copies_note"),
        parts=(*students, *teachers),
        files=tuple((name, files[name][1]) for name in ordered if name in used),
        furniture=page_furniture(wording, info, title, phrase("contents_heading")),
        metadata=Metadata(markup.plain(info.title), markup.plain(info.author or ""), markup.plain(info.subject or "")),
    )


def _teaching_order(target: Target) -> tuple[int, str]:
    rank = {"handout": 0, "timeline": 1, "cardsort": 2, "worksheet": 3}
    return rank.get(target.kind, 9), target.filename


def render(plan: Any, context: Context) -> Rendered:
    """Assemble the pack. ReportLab and pypdf are imported only now."""
    from compiler.draw.pack import render as draw

    return draw(plan, context)
