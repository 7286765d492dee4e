"""Draws the pack: the cover and contents pages, and the merge with pypdf."""

from __future__ import annotations

import io
import os
from dataclasses import replace
from functools import lru_cache

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.constants import PageLabelStyle
from pypdf.generic import StreamObject
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Spacer

from compiler import markup
from compiler.kinds.pack.plan import PackPlan, first_page, part_starts
from compiler.outputs import Context, Furniture, Rendered
from compiler.pdf import (
    PAGE_NUMBER,
    Paragraph,
    colour,
    frame_size,
    padding,
    page_numbers,
    render_story,
    styles,
    table,
)
from compiler.theme import Theme


def render(plan: PackPlan, context: Context) -> Rendered:
    # The pack's own pages depend on the words, the theme, the paper and the date ReportLab
    # writes (SOURCE_DATE_EPOCH), never on the parts' bytes.
    own = (replace(plan, files=()), context.theme.model_dump_json(), context.page_size,
           os.environ.get("SOURCE_DATE_EPOCH", ""))
    front, front_pages = _front_pages(*own, 2)
    if front_pages != 2:  # a long contents: the parts start on other pages than it said
        front, front_pages = _front_pages(*own, front_pages)
    writer = PdfWriter()
    writer.append(io.BytesIO(front))
    readers = {name: _reader(pdf) for name, pdf in plan.files}
    for part, start in zip(plan.parts, part_starts(plan.parts, front_pages), strict=True):
        while len(writer.pages) < start:
            writer.append(io.BytesIO(_blank(*own)))
        if part.one_sided:
            for page in range(part.first, part.last):
                writer.append(readers[part.filename], pages=(page, page + 1), import_outline=False)
                writer.append(io.BytesIO(_blank(*own)))
        else:
            writer.append(readers[part.filename], pages=(part.first, part.last), import_outline=False)
        writer.add_outline_item(title=_plain(part.title), page_number=start)
    first = first_page(plan.parts, front_pages)  # a blank page after the contents is still front matter
    _renumber(writer, first, context, plan.furniture)
    writer.set_page_label(0, first - 1, style=PageLabelStyle.LOWERCASE_ROMAN)
    if first < len(writer.pages):
        writer.set_page_label(first, len(writer.pages) - 1, style=PageLabelStyle.DECIMAL, start=1)
    writer.add_metadata({"/Title": plan.metadata.title, "/Author": plan.metadata.author,
                         "/Subject": plan.metadata.subject, "/Producer": "printpack (pypdf)",
                         **_dates(_reader(front))})
    buffer = io.BytesIO()
    writer.write(buffer)
    return Rendered(buffer.getvalue(), len(writer.pages))


def _renumber(writer: PdfWriter, first: int, context: Context, furniture: Furniture) -> None:
    """Number the parts' pages as pages of the pack, as its contents does: each page's own
    "Page X of Y" (a form of its own, see ``pdf.page_numbers``) is emptied and the pack's number
    laid over it. Pages without one (the poster's sheets) are left as they are."""
    numbered = [k for k in range(first, len(writer.pages)) if _number_form(writer.pages[k]) is not None]
    if not numbered:
        return
    total = len(writer.pages) - first
    overlay = PdfReader(io.BytesIO(page_numbers(context.theme, context.page_size, furniture,
                                                [(k - first + 1, total) for k in numbered])))
    for k, number in zip(numbered, overlay.pages, strict=True):
        form = _number_form(writer.pages[k])
        assert form is not None
        form.set_data(b"")
        writer.pages[k].merge_page(number)


def _number_form(page: PageObject) -> StreamObject | None:
    """The form holding the page's own "Page X of Y", if it has one."""
    forms = page.get("/Resources", {}).get("/XObject", {})
    name = next((n for n in forms if n.startswith(f"/FormXob.{PAGE_NUMBER}")), None)
    return forms[name].get_object() if name else None


@lru_cache(maxsize=32)
def _reader(pdf: bytes) -> PdfReader:
    """A finished part, parsed. Kept for the life of the process, so that in ``watch`` the next
    pack does not parse again the parts that did not change (issue 7); pypdf only reads from
    it, so a reader can feed any number of packs."""
    return PdfReader(io.BytesIO(pdf))


def _dates(pdf: PdfReader) -> dict[str, str]:
    """The creation and modification dates ReportLab wrote (from ``SOURCE_DATE_EPOCH``, or its
    fixed invariant date), so the pack carries the same dates as every other file."""
    metadata = pdf.metadata
    if metadata is None:
        return {}
    return {key: str(metadata[key]) for key in ("/CreationDate", "/ModDate", "/Creator") if key in metadata}


def _plain(markup_text: str) -> str:
    return markup.from_markup(markup_text)


@lru_cache(maxsize=16)
def _blank(plan: PackPlan, theme_json: str, page_size: tuple[float, float], epoch: str) -> bytes:
    """A left-hand page left blank on purpose, saying so (a blank page in a printed pack looks
    like a printing fault). Takes what :func:`_front_pages` takes."""
    theme = Theme.model_validate_json(theme_json)
    style = styles(theme)
    _, height = frame_size(theme, page_size)
    centred = ParagraphStyle("blank", parent=style["muted"], alignment=1)
    story = [Spacer(1, height * 0.45), Paragraph(plan.blank_page, centred)]
    return render_story(story, theme, page_size, _unnumbered(plan), plan.metadata)[0]


@lru_cache(maxsize=16)
def _front_pages(plan: PackPlan, theme_json: str, page_size: tuple[float, float], epoch: str,
                 front_pages: int) -> tuple[bytes, int]:
    """The cover and the contents, with the page each part starts on (1 = first after them),
    counting ``front_pages`` pages for themselves; and how many they take.

    It takes the plan without the parts' bytes, the theme as JSON, the paper and
    ``SOURCE_DATE_EPOCH`` (read by ReportLab for the dates it writes), all compared by value,
    so in ``watch`` it is drawn once for the same words: an edited card changes the card sort,
    not the contents page.
    """
    theme = Theme.model_validate_json(theme_json)
    style = styles(theme)
    width, height = frame_size(theme, page_size)
    band_text = colour(theme.colours.band_text)
    on_band = {k: ParagraphStyle(f"cover-{k}", parent=style[k], textColor=band_text) for k in ("title", "subtitle")}
    cover_cell = [Paragraph(plan.title, on_band["title"])]
    if plan.subtitle:
        cover_cell.append(Paragraph(plan.subtitle, on_band["subtitle"]))
    band = table([[cover_cell]], [width], [
        ("BACKGROUND", (0, 0), (-1, -1), colour(theme.colours.band)), *padding(18, 18, 24, 20)], style["body"].fontName)
    # A quarter of the page above the band, less if a long title needs it: else the band moves on
    # to the next page and the cover is blank.
    above = min(height * 0.25, max(height - band.wrap(width, height)[1] - 1, 0))
    story = [Spacer(1, above), band, Spacer(1, 14)]
    story += [Paragraph(line, style["subheading"]) for line in plan.meta]
    heading, note = plan.for_teacher
    if heading:
        story += [Spacer(1, 14), Paragraph(heading, style["heading"]), Paragraph(note, style["body"])]
    story.append(PageBreak())
    story.append(Paragraph(plan.contents_heading, style["heading"]))
    story.append(Spacer(1, 10))
    first = first_page(plan.parts, front_pages)
    rows = [[Paragraph(part.title, style["body"]), Paragraph(str(start - first + 1), style["body"])]
            for part, start in zip(plan.parts, part_starts(plan.parts, front_pages), strict=True)]
    story.append(table(rows, [width - 50, 50], [("ALIGN", (1, 0), (1, -1), "RIGHT"), *padding(0, 0, 3, 3),
                                                 ("LINEBELOW", (0, 0), (-1, -1), 0.3, colour(theme.colours.rule))],
                       style["body"].fontName))
    return render_story(story, theme, page_size, _unnumbered(plan), plan.metadata)


def _unnumbered(plan: PackPlan) -> Furniture:
    """The pack's own pages carry no "Page X of Y": their numbers would not be the pack's."""
    return replace(plan.furniture, page_pattern="")
