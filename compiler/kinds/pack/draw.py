"""Draws the pack: the cover and contents pages, tagged, and the merge (:mod:`.merge`)."""

from __future__ import annotations

import io
import os
from dataclasses import replace
from functools import lru_cache

import pikepdf
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, PageBreak, Spacer

from compiler import __version__, markup, tagging
from compiler.kinds.pack.merge import Pack, number_form
from compiler.kinds.pack.plan import PackPlan, first_page, part_starts
from compiler.outputs import Context, Furniture, Rendered
from compiler.pdf import (
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
    pack = Pack(front)
    blank = _source(_blank(*own))
    sources = {name: _source(pdf) for name, pdf in plan.files}
    for part, start in zip(plan.parts, part_starts(plan.parts, front_pages), strict=True):
        while len(pack) < start:
            pack.add_page(blank, 0)
        placed = {}
        for page in range(part.first, part.last):
            placed[page] = pack.add_page(sources[part.filename], page)
            if part.one_sided:
                pack.add_page(blank, 0)
        pack.add_part(sources[part.filename], placed, _plain(part.title))
    first = first_page(plan.parts, front_pages)  # a blank page after the contents is still front matter
    _renumber(pack, first, context, plan.furniture)
    pages = len(pack)
    return Rendered(pack.saved(first, f"printpack {__version__} (pikepdf)"), pages)


def _renumber(pack: Pack, first: int, context: Context, furniture: Furniture) -> None:
    """Number the parts' pages as pages of the pack, as its contents does: each page's own
    "Page X of Y" (a form of its own, see ``pdf.page_numbers``) is emptied and the pack's number
    laid over it. Pages without one (the poster's sheets) are left as they are."""
    numbered = [k for k in range(first, len(pack)) if number_form(pack.pdf.pages[k]) is not None]
    if numbered:
        total = len(pack) - first
        pack.renumber(page_numbers(context.theme, context.page_size, furniture,
                                   [(k - first + 1, total) for k in numbered]), numbered)


@lru_cache(maxsize=32)
def _source(pdf: bytes) -> pikepdf.Pdf:
    """A finished part, opened. Kept for the life of the process, so that in ``watch`` the next
    pack does not parse again the parts that did not change (issue 7); the pack only copies
    from it, so one can feed any number of packs."""
    return pikepdf.open(io.BytesIO(pdf))


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
    root = tagging.document()
    story = _cover(plan, theme, style, width, height, root)
    story.append(PageBreak())
    story.append(Paragraph(plan.contents_heading, style["heading"], node=root.add("H2")))
    story.append(Spacer(1, 10))
    story.append(_contents(plan, theme, style, width, front_pages, root.add("TOC")))
    return render_story(story, theme, page_size, _unnumbered(plan), plan.metadata, root)


def _cover(plan: PackPlan, theme: Theme, style: dict[str, ParagraphStyle], width: float, height: float,
           root: tagging.Node) -> list[Flowable]:
    """The cover's flowables: the unit's title (the pack's H1) and subtitle on a band, what the
    unit is, and in the teacher's copy what it holds."""
    band_text = colour(theme.colours.band_text)
    on_band = {k: ParagraphStyle(f"cover-{k}", parent=style[k], textColor=band_text) for k in ("title", "subtitle")}
    cover_cell = [Paragraph(plan.title, on_band["title"], node=root.add("H1"))]
    if plan.subtitle:
        cover_cell.append(Paragraph(plan.subtitle, on_band["subtitle"], node=root.add("P")))
    band = table([[cover_cell]], [width], [
        ("BACKGROUND", (0, 0), (-1, -1), colour(theme.colours.band)), *padding(18, 18, 24, 20)], style["body"].fontName)
    # A quarter of the page above the band, less if a long title needs it: else the band moves on
    # to the next page and the cover is blank.
    above = min(height * 0.25, max(height - band.wrap(width, height)[1] - 1, 0))
    story: list[Flowable] = [Spacer(1, above), band, Spacer(1, 14)]
    story += [Paragraph(line, style["subheading"], node=root.add("P")) for line in plan.meta]
    heading, note = plan.for_teacher
    if heading:
        story += [Spacer(1, 14), Paragraph(heading, style["heading"], node=root.add("H2")),
                  Paragraph(note, style["body"], node=root.add("P"))]
    return story


def _contents(plan: PackPlan, theme: Theme, style: dict[str, ParagraphStyle], width: float, front_pages: int,
              toc: tagging.Node) -> Flowable:
    """The contents: a row per part, its title and the page it starts on, one TOCI of ``toc``."""
    first = first_page(plan.parts, front_pages)
    rows = []
    for part, start in zip(plan.parts, part_starts(plan.parts, front_pages), strict=True):
        item = toc.add("TOCI")
        rows.append([Paragraph(part.title, style["body"], node=item),
                     Paragraph(str(start - first + 1), style["body"], node=item)])
    return table(rows, [width - 50, 50], [("ALIGN", (1, 0), (1, -1), "RIGHT"), *padding(0, 0, 3, 3),
                                          ("LINEBELOW", (0, 0), (-1, -1), 0.3, colour(theme.colours.rule))],
                 style["body"].fontName)


def _unnumbered(plan: PackPlan) -> Furniture:
    """The pack's own pages carry no "Page X of Y": their numbers would not be the pack's."""
    return replace(plan.furniture, page_pattern="")
