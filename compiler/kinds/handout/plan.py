"""``handout.pdf``: the unit's notes, ready to hand to a class.

A title band, the unit's themes as labelled colour strands, then each section (heading with
its strand, prose, bullets, a call-out box, a key-dates strip and its key terms), key people
and the glossary. :func:`plan` decides every word; ``draw.py`` only measures and draws.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from compiler import markup
from compiler.dates import display_span
from compiler.errors import FieldPath
from compiler.model import Unit
from compiler.outputs import (
    Context,
    Furniture,
    Metadata,
    Settings,
    Target,
    page_furniture,
)
from compiler.theme import strand_colour, strand_marker

KIND = "handout"


@dataclass(frozen=True)
class Strand:
    label: str
    colour: str
    marker: str


@dataclass(frozen=True)
class KeyDate:
    date: str
    title: str
    key: bool


@dataclass(frozen=True)
class Entry:
    """A term and its definition, or a person and their role."""

    name: str
    text: str
    strands: tuple[Strand, ...] = ()


@dataclass(frozen=True)
class Bullet:
    text: str
    points: tuple[str, ...]


@dataclass(frozen=True)
class SectionPlan:
    path: FieldPath
    heading: str
    strand: Strand | None
    paragraphs: tuple[str, ...]
    bullets: tuple[Bullet, ...]
    box_title: str | None
    box_paragraphs: tuple[str, ...]
    key_dates: tuple[KeyDate, ...]
    terms: tuple[Entry, ...]


@dataclass(frozen=True)
class HandoutPlan:
    title: str
    subtitle: str | None
    meta: str
    furniture: Furniture
    metadata: Metadata
    themes_heading: str
    strands: tuple[Strand, ...]
    key_dates_heading: str
    key_terms_heading: str
    sections: tuple[SectionPlan, ...]
    people_heading: str
    people: tuple[Entry, ...]
    glossary_heading: str
    glossary: tuple[Entry, ...]


def targets(unit: Unit, settings: Settings) -> list[Target]:
    has_content = unit.sections or unit.people or unit.glossary
    return [Target(KIND, "handout.pdf")] if has_content else []


def inputs(unit: Unit, target: Target) -> Any:
    return unit.model_dump(mode="json", include={"unit", "themes", "people", "glossary", "events", "sections"})


def plan(unit: Unit, target: Target, context: Context) -> HandoutPlan:
    wording = context.wording
    labels = wording.labels
    info = unit.unit
    strands = {
        t.id: Strand(str(markup.inline(t.label)), strand_colour(context.theme, i, t.colour), strand_marker(context.theme, i))
        for i, t in enumerate(unit.themes)
    }
    events = {e.id: e for e in unit.events}
    glossary = {g.term.casefold(): g for g in unit.glossary}
    accent = context.theme.colours.accent
    highlight_mark = (f'<font color="{accent}"><b>', "</b></font>")

    def phrase(name: str, **values: Any) -> str:
        return wording.phrase("handout.j2", name, **values)

    def key_date(event_id: str) -> KeyDate:
        event = events[event_id]
        when = str(markup.escape(display_span(event.date, event.end, labels.months_short, labels.bc)))
        return KeyDate(when, str(markup.inline(event.title)), event.key)

    sections = []
    for i, section in enumerate(unit.sections):
        terms = [glossary[t.casefold()] for t in section.terms]
        highlight = [t.term for t in terms]
        sections.append(SectionPlan(
            path=("sections", i),
            heading=phrase("section_heading", number=i + 1, heading=markup.inline(section.heading)),
            strand=strands.get(section.theme) if section.theme else None,
            paragraphs=tuple(str(p) for p in markup.paragraphs(section.text or "", highlight, highlight_mark)),
            bullets=tuple(
                Bullet(str(markup.inline(p.text, highlight, highlight_mark)),
                       tuple(str(markup.inline(s, highlight, highlight_mark)) for s in p.points))
                for p in section.points
            ),
            box_title=str(markup.inline(section.box.title)) if section.box else None,
            box_paragraphs=tuple(str(p) for p in markup.paragraphs(section.box.text)) if section.box else (),
            key_dates=tuple(key_date(e) for e in sorted(section.events, key=lambda e: events[e].date)),
            terms=tuple(Entry(str(markup.inline(t.term)), str(markup.inline(t.definition))) for t in terms),
        ))

    title = str(markup.inline(info.title))
    return HandoutPlan(
        title=title,
        subtitle=str(markup.inline(info.subtitle)) if info.subtitle else None,
        meta=wording.phrase("common.j2", "meta_line", subject=_opt(info.subject), level=_opt(info.level),
                            author=_opt(info.author)),
        furniture=page_furniture(wording, info, title, phrase("header_right")),
        metadata=Metadata(markup.plain(info.title), markup.plain(info.author or ""), markup.plain(info.subject or "")),
        themes_heading=phrase("themes_heading"),
        strands=tuple(strands.values()),
        key_dates_heading=phrase("key_dates_heading"),
        key_terms_heading=phrase("key_terms_heading"),
        sections=tuple(sections),
        people_heading=phrase("people_heading"),
        people=tuple(
            Entry(str(markup.inline(p.name)), str(markup.inline(p.role or "")),
                  tuple(strands[t] for t in p.themes))
            for p in unit.people
        ),
        glossary_heading=phrase("glossary_heading"),
        glossary=tuple(
            Entry(str(markup.inline(g.term)), str(markup.inline(g.definition)))
            for g in sorted(unit.glossary, key=lambda g: g.term.casefold())
        ),
    )


def _opt(text: str | None) -> Markup | None:
    return markup.inline(text) if text else None

