"""``pack.pdf``: everything a lesson needs in one print job.

A cover and a contents page, then the handout, the timeline on printer sheets, the card sorts
and the worksheets in teaching order, and after a "Teacher copies" divider every answer key.
It is assembled from the finished PDFs with pypdf (never drawn twice), with a bookmark per part
and page labels: i, ii for the front pages, then 1, 2, 3 as the contents lists them. Posters
(the whole timeline and its blank version) are not sheets and stay out of the pack.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader, PdfWriter
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, Spacer

from compiler import markup
from compiler.model import Unit
from compiler.outputs import Context, Rendered, Settings, Target
from compiler.pdf import (
    Furniture,
    Metadata,
    colour,
    frame_size,
    padding,
    render_story,
    styles,
    table,
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
    return [Target(KIND, "pack.pdf")]


def inputs(unit: Unit, target: Target) -> Any:
    """The pack is made of the other files; the build adds their hashes to this."""
    return unit.unit.model_dump(mode="json")


def _page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def plan(unit: Unit, target: Target, context: Context) -> PackPlan:
    wording = context.wording
    info = unit.unit

    def phrase(name: str, **values: Any) -> str:
        return wording.phrase("pack.j2", name, **values)

    titles = {s.id: s.title for s in unit.card_sorts} | {w.id: w.title for w in unit.worksheets}
    files = {t.filename: (t, pdf) for t, pdf in context.siblings}
    students: list[Part] = []
    teachers: list[Part] = []

    def add(filename: str, kind: str, first: int = 0, last: int | None = None, teacher: bool = False) -> None:
        sibling, pdf = files[filename]
        title = markup.inline(titles.get(sibling.item or "", ""))
        name = phrase("part", kind=kind, title=title, version=sibling.variant.get("version"))
        part = Part(name, filename, first, _page_count(pdf) if last is None else last, teacher)
        (teachers if teacher else students).append(part)

    ordered = sorted(files, key=lambda name: _teaching_order(files[name][0]))
    for filename in ordered:
        sibling, pdf = files[filename]
        if sibling.kind == "handout":
            add(filename, "handout")
        elif sibling.kind == "timeline" and sibling.variant.get("variant") == "tiled":
            add(filename, "timeline")
        elif sibling.kind == "cardsort":
            count = _page_count(pdf)
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
        furniture=Furniture(title, phrase("contents_heading"), wording.phrase(
            "common.j2", "footer_left", title=markup.inline(info.title),
            licence=markup.inline(info.licence) if info.licence else None),
            wording.phrase("common.j2", "page_of", page="{page}", pages="{pages}")),
        metadata=Metadata(markup.plain(info.title), markup.plain(info.author or ""), markup.plain(info.subject or "")),
    )


def _teaching_order(target: Target) -> tuple[int, str]:
    rank = {"handout": 0, "timeline": 1, "cardsort": 2, "worksheet": 3}
    return rank.get(target.kind, 9), target.filename


def render(plan: PackPlan, context: Context) -> Rendered:
    front, front_pages = _front_pages(plan, context)
    writer = PdfWriter()
    writer.append(io.BytesIO(front))
    readers = {name: PdfReader(io.BytesIO(pdf)) for name, pdf in plan.files}
    teacher_mark = None
    for part in plan.parts:
        if part.teacher and teacher_mark is None:
            divider = len(writer.pages)
            writer.append(io.BytesIO(_divider(plan, context)))
            teacher_mark = writer.add_outline_item(title=_plain(plan.teacher_heading), page_number=divider)
        start = len(writer.pages)
        writer.append(readers[part.filename], pages=(part.first, part.last), import_outline=False)
        writer.add_outline_item(title=_plain(part.title), page_number=start, parent=teacher_mark)
    writer.set_page_label(0, front_pages - 1, style="/r")
    writer.set_page_label(front_pages, len(writer.pages) - 1, style="/D", start=1)
    writer.add_metadata({"/Title": plan.metadata.title, "/Author": plan.metadata.author,
                         "/Subject": plan.metadata.subject, "/Producer": "printpack (pypdf)"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return Rendered(buffer.getvalue(), len(writer.pages))


def _plain(markup_text: str) -> str:
    from markupsafe import Markup

    return Markup(markup_text).striptags()


def _divider(plan: PackPlan, context: Context) -> bytes:
    """A page announcing the teacher copies, so they come out of the pile in one piece."""
    style = styles(context.theme)
    _, height = frame_size(context.theme, context.page_size)
    story = [Spacer(1, height * 0.35), Paragraph(plan.teacher_heading, style["title"]),
             Paragraph(plan.teacher_note, style["body"])]
    return render_story(story, context.theme, context.page_size, plan.furniture, plan.metadata)[0]


def _front_pages(plan: PackPlan, context: Context) -> tuple[bytes, int]:
    """The cover and the contents, with the page each part starts on (1 = first after them)."""
    theme = context.theme
    style = styles(theme)
    width, height = frame_size(theme, context.page_size)
    band_text = colour(theme.colours.band_text)
    on_band = {k: ParagraphStyle(f"cover-{k}", parent=style[k], textColor=band_text) for k in ("title", "subtitle")}
    cover_cell = [Paragraph(plan.title, on_band["title"])]
    if plan.subtitle:
        cover_cell.append(Paragraph(plan.subtitle, on_band["subtitle"]))
    story = [Spacer(1, height * 0.25), table([[cover_cell]], [width], [
        ("BACKGROUND", (0, 0), (-1, -1), colour(theme.colours.band)), *padding(18, 18, 24, 20)], style["body"].fontName),
        Spacer(1, 14)]
    story += [Paragraph(line, style["subheading"]) for line in plan.meta]
    story.append(PageBreak())
    story.append(Paragraph(plan.contents_heading, style["heading"]))
    story.append(Spacer(1, 10))
    rows, page = [], 1
    teacher_started = False
    for part in plan.parts:
        if part.teacher and not teacher_started:
            teacher_started = True
            rows.append([Paragraph(f"<b>{plan.teacher_heading}</b>", style["body"]), Paragraph(str(page), style["body"])])
            page += 1  # the divider
        rows.append([Paragraph(part.title, style["body"]), Paragraph(str(page), style["body"])])
        page += part.last - part.first
    story.append(table(rows, [width - 50, 50], [("ALIGN", (1, 0), (1, -1), "RIGHT"), *padding(0, 0, 3, 3),
                                                 ("LINEBELOW", (0, 0), (-1, -1), 0.3, colour(theme.colours.rule))],
                       style["body"].fontName))
    if teacher_started:
        story += [Spacer(1, 10), Paragraph(f"<i>{plan.teacher_note}</i>", style["muted"])]
    return render_story(story, theme, context.page_size, plan.furniture, plan.metadata)
