"""``pack.pdf``, the class set, and ``pack-key.pdf``, the teacher's copy: each one print job.

A cover and a contents page, then the pages of every kind in teaching order (the handout, the
timeline on printer sheets, the card sorts, the worksheets: each kind's ``pack_rank``): in
``pack.pdf`` the students' pages, one copy per student; in ``pack-key.pdf`` the teacher's (every
answer key), so that printing the class set never prints an answer. Which pages of a file are whose, and how each part is titled, is the kind's own business
(``Kind.pack_pages`` and the ``pack_part`` macro of its template): the pack names no kind.
It is assembled from the finished PDFs with pikepdf (never drawn twice, their structure kept), with a bookmark per part
and page labels: i, ii for the front pages, then 1, 2, 3 from the first part, as the contents
lists them. Every part
starts on a right-hand page, so that printed double-sided no part shares a sheet with another
(a card sort on the back of a worksheet would be cut up with it): where a part ends on a
right-hand page, a page saying it is blank on purpose follows. A part printed on one side
(cards and mats to cut out, poster sheets to tape together: the kind's ``printing``) has such
a page behind each of its pages. Posters (the whole timeline and
its blank version) are not sheets and stay out of the pack.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from compiler import markup
from compiler.errors import ProblemsFound
from compiler.model import Unit
from compiler.outputs import (
    Context,
    Furniture,
    Metadata,
    Settings,
    Target,
    item_title,
    page_furniture,
)
from compiler.profiles import profiled_filename

KIND = "pack"
ASSEMBLES = True  # made from the unit's other finished files, which the build passes in


@dataclass(frozen=True)
class Part:
    """A run of pages from one finished PDF."""

    title: str
    filename: str
    first: int  # page index in that PDF
    last: int  # exclusive
    one_sided: bool = False  # cut out or taped together: each page gets a blank back


def pack_length(part: Part) -> int:
    """The pages ``part`` takes in the pack: a one-sided part's pages each with a blank back,
    so that the class set prints double-sided without a card sort on the back of its mat or a
    poster sheet on the back of another."""
    return (part.last - part.first) * (2 if part.one_sided else 1)


@dataclass(frozen=True)
class PackPlan:
    title: str
    subtitle: str
    meta: tuple[str, ...]
    contents_heading: str
    blank_page: str  # on a blank left-hand page: "This page is intentionally left blank."
    for_teacher: tuple[str, str]  # the teacher's copy: its heading and note on the cover; else empty
    parts: tuple[Part, ...]
    files: tuple[tuple[str, bytes], ...]
    furniture: Furniture
    metadata: Metadata


def targets(unit: Unit, settings: Settings) -> list[Target]:
    """A pack for each audience when the unit has sheets to put in it (the build leaves out
    the one no other file of the unit is for)."""
    printable = (unit.sections or unit.people or unit.glossary or unit.events or unit.card_sorts or unit.worksheets
                 or unit.flashcards)
    return [Target(KIND, "pack.pdf", audience="student"),
            Target(KIND, "pack-key.pdf", audience="teacher")] if printable else []


def inputs(unit: Unit, target: Target) -> Any:
    """The pack is made of the other files; the build adds their hashes to this."""
    return unit.unit.model_dump(mode="json")


def plan(unit: Unit, target: Target, context: Context) -> PackPlan:
    """The parts in teaching order (each kind's ``pack_rank``, then the order in which the kind
    lists its files: its items' order in the unit, versions A, B; flash-card sets written in the
    unit before those made from it): the pages
    each kind gives the pack's audience, and the words."""
    wording = context.wording
    info = unit.unit

    def phrase(name: str, **values: Any) -> str:
        return wording.phrase("pack.j2", name, **values)

    files = {t.filename: (t, pdf) for t, pdf, _ in context.siblings}
    pages = {t.filename: count for t, _, count in context.siblings}
    parts: list[Part] = []
    listed = {profiled_filename(t.filename, target.profile): k for kind in {t.kind for t, _ in files.values()}
              for k, t in enumerate(context.kinds[kind].targets(unit, context.settings))}
    ordered = sorted((name for name in files if _rank(context, files[name][0]) is not None),
                     key=lambda name: (_rank(context, files[name][0]), listed.get(name, len(listed)), name))
    for filename in ordered:
        sibling = files[filename][0]
        kind = context.kinds[sibling.kind]
        for run in kind.pack_pages(sibling, pages[filename]):
            if run.audience != target.audience:
                continue
            name = _part_title(context, kind.template, sibling, title=markup.inline(item_title(unit, sibling)),
                               version=sibling.variant.get("version"), audience=run.audience)
            parts.append(Part(name, filename, run.first, run.last, kind.printing(sibling) != "duplex"))
    used = {p.filename for p in parts}
    title = str(markup.inline(info.title))
    return PackPlan(
        title=title,
        subtitle=str(markup.inline(info.subtitle)) if info.subtitle else "",
        meta=tuple(str(markup.inline(v)) for v in (info.subject, info.level, info.author, info.licence) if v),
        contents_heading=phrase("contents_heading"),
        blank_page=phrase("blank_page"),
        for_teacher=(phrase("teacher_copies"), phrase("teacher_copies_note")) if target.audience == "teacher" else ("", ""),
        parts=tuple(parts),
        files=tuple((name, files[name][1]) for name in ordered if name in used),
        furniture=page_furniture(wording, info, title, phrase("contents_heading")),
        metadata=Metadata(markup.plain(info.title), markup.plain(info.author or ""), markup.plain(info.subject or ""), info.language),
    )


def _part_title(context: Context, template: str, target: Target, **values: Any) -> str:
    """The ``pack_part`` macro of a file's kind, given the file's ``variant`` (a worksheet's
    sources insert) when it has one and the macro takes it: a template written before variants
    (a school's copy) takes the three values alone."""
    variant = target.variant.get("variant")
    if variant is not None:
        try:
            return context.wording.phrase(template, "pack_part", **values, variant=variant)
        except ProblemsFound:
            pass
    return context.wording.phrase(template, "pack_part", **values)


def part_starts(parts: tuple[Part, ...], front_pages: int) -> list[int]:
    """The page (index in the pack) on which each part starts: a right-hand page, the front of a
    sheet in duplex, after a blank page where the part before ended on one."""
    starts, page = [], front_pages
    for part in parts:
        page += page % 2
        starts.append(page)
        page += pack_length(part)
    return starts


def first_page(parts: tuple[Part, ...], front_pages: int) -> int:
    """The page (index) numbered 1: where the first part starts, after the front matter."""
    return part_starts(parts, front_pages)[0] if parts else front_pages


def _rank(context: Context, target: Target) -> int | None:
    """The place of ``target``'s kind in the pack; None for a kind the pack leaves out."""
    return context.kinds[target.kind].pack_rank
