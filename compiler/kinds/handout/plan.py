"""``handout.pdf``: the unit's notes, ready to hand to a class.

A title band, the unit's themes as labelled colour strands, then each section (heading with
its strand, prose, bullets, a call-out box, a key-dates strip and a line naming its key terms),
a chronology of every event (date, title, detail, people), key people and the glossary, printed
once, in the language's alphabetical order. :func:`plan` decides every word; ``draw.py`` only
measures and draws.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from compiler import markup, sourcing
from compiler.citations import relabelled
from compiler.collation import alphabetical
from compiler.dates import display_span
from compiler.errors import FieldPath
from compiler.illustrations import Illustration, illustration
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
class Happening:
    """One line of the chronology: the worded date, the title, the detail and who took part."""

    date: str
    title: str
    detail: str
    people: str
    key: bool


@dataclass(frozen=True)
class Entry:
    """A term and its definition, or a person and their role."""

    name: str
    text: str
    strands: tuple[Strand, ...] = ()
    strands_alt: str = ""  # what the strands' markers say, read instead of them: "Themes: Politics; Society"


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
    picture: Illustration | None  # after the text and points
    box_picture: Illustration | None  # in the box, after its text
    key_dates: tuple[KeyDate, ...]
    terms: str  # "Key terms: Tithe, Estates-General → Glossary", or "" when the section names none
    sources: tuple[sourcing.SourceBox, ...] = ()  # printed after its text and points, before its box


@dataclass(frozen=True)
class HandoutPlan:
    title: str
    subtitle: str | None
    meta: str
    furniture: Furniture
    metadata: Metadata
    themes_heading: str
    strands: tuple[Strand, ...]
    language: str  # the unit's, for hyphenation
    key_dates_heading: str
    sections: tuple[SectionPlan, ...]
    chronology_heading: str
    chronology_columns: tuple[str, str]
    chronology: tuple[Happening, ...]
    people_heading: str
    people: tuple[Entry, ...]
    glossary_heading: str
    glossary: tuple[Entry, ...]


def targets(unit: Unit, settings: Settings) -> list[Target]:
    has_content = unit.sections or unit.people or unit.glossary
    return [Target(KIND, "handout.pdf")] if has_content else []


def inputs(unit: Unit, target: Target) -> Any:
    printed = set(_printed_sources(unit))
    # an event's picture prints on the poster only: editing it does not rebuild the handout
    return {**unit.model_dump(mode="json", include={"unit", "themes", "people", "glossary", "events", "sections"},
                              exclude={"events": {"__all__": {"picture"}}}),
            "sources": [s.model_dump(mode="json") for s in unit.sources if s.id in printed]}


def _printed_sources(unit: Unit) -> list[str]:
    """The sources the sections print, in the order they first appear (each in the first
    section that names it): the order they are lettered in."""
    return sourcing.in_order(source_id for section in unit.sections for source_id in section.sources)


def plan(unit: Unit, target: Target, context: Context) -> HandoutPlan:
    wording = context.wording
    labels = wording.labels
    info = unit.unit
    theme = context.theme
    # black where the theme prints strands by shape alone (high contrast: WCAG 1.4.1 and 1.4.11)
    strands = {
        t.id: Strand(str(markup.inline(t.label)),
                     strand_colour(theme, i, t.colour) if theme.strand_colours else theme.colours.text,
                     strand_marker(theme, i))
        for i, t in enumerate(unit.themes)
    }
    events = {e.id: e for e in unit.events}
    names = {p.id: str(markup.inline(p.name)) for p in unit.people}
    glossary = {g.term.casefold(): g for g in unit.glossary}
    accent = context.theme.colours.accent
    highlight_mark = (f'<font color="{accent}"><b>', "</b></font>")

    def phrase(name: str, **values: Any) -> str:
        return wording.phrase("handout.j2", name, **values)

    def when(event_id: str) -> str:
        event = events[event_id]
        return str(markup.escape(display_span(event.date, event.end, labels.months_short, labels.bc)))

    def key_date(event_id: str) -> KeyDate:
        return KeyDate(when(event_id), str(markup.inline(events[event_id].title)), events[event_id].key)

    printed = _printed_sources(unit)
    boxes = {box.id: box for box in sourcing.planned(unit, printed, wording)}
    sections = []
    for i, section in enumerate(relabelled(unit.sections, sourcing.labels(unit, printed, wording))):
        terms = [glossary[t.casefold()] for t in section.terms]
        highlight = [t.term for t in terms]
        sections.append(SectionPlan(
            path=("sections", i),
            heading=phrase("section_heading", number=i + 1, heading=markup.inline(section.title)),
            strand=strands.get(section.theme) if section.theme else None,
            paragraphs=tuple(str(p) for p in markup.paragraphs(section.text or "", highlight, highlight_mark)),
            bullets=tuple(
                Bullet(str(markup.inline(p.text, highlight, highlight_mark)),
                       tuple(str(markup.inline(s, highlight, highlight_mark)) for s in p.points))
                for p in section.points
            ),
            box_title=str(markup.inline(section.box.title)) if section.box else None,
            box_paragraphs=tuple(str(p) for p in markup.paragraphs(section.box.text)) if section.box and section.box.text else (),
            picture=illustration(section.picture, ("sections", i, "picture"), wording),
            box_picture=illustration(section.box.picture, ("sections", i, "box", "picture"), wording) if section.box else None,
            key_dates=tuple(key_date(e) for e in sorted(section.events, key=lambda e: events[e].date)),
            terms=phrase("key_terms_line", terms=[markup.inline(t.term) for t in terms]) if terms else "",
            sources=tuple(boxes.pop(source_id) for source_id in section.sources if source_id in boxes),
        ))

    title = str(markup.inline(info.title))
    return HandoutPlan(
        title=title,
        subtitle=str(markup.inline(info.subtitle)) if info.subtitle else None,
        meta=wording.phrase("common.j2", "meta_line", subject=_opt(info.subject), level=_opt(info.level),
                            author=_opt(info.author)),
        furniture=page_furniture(wording, info, title, phrase("header_right")),
        metadata=Metadata(markup.plain(info.title), markup.plain(info.author or ""), markup.plain(info.subject or ""), info.language),
        themes_heading=phrase("themes_heading"),
        strands=tuple(strands.values()),
        language=info.language,
        key_dates_heading=phrase("key_dates_heading"),
        sections=tuple(sections),
        chronology_heading=phrase("chronology_heading"),
        chronology_columns=(phrase("chronology_date"), phrase("chronology_event")),
        chronology=tuple(
            Happening(when(e.id), str(markup.inline(e.title)), str(markup.inline(e.detail or "")),
                      ", ".join(names.get(p, str(markup.escape(p))) for p in e.people), e.key)
            for e in sorted(unit.events, key=lambda e: (e.date, e.end or e.date))
        ),
        people_heading=phrase("people_heading"),
        people=tuple(
            Entry(str(markup.inline(p.name)), str(markup.inline(p.role or "")),
                  tuple(strands[t] for t in p.themes),
                  _strands_alt(phrase, [strands[t] for t in p.themes]))
            for p in unit.people
        ),
        glossary_heading=phrase("glossary_heading"),
        glossary=tuple(
            Entry(str(markup.inline(g.term)), str(markup.inline(g.definition)))
            for g in sorted(unit.glossary, key=lambda g: alphabetical(markup.plain(g.term), unit.unit.language))
        ),
    )


def _strands_alt(phrase: Callable[..., str], marked: list[Strand]) -> str:
    """The words a screen reader reads instead of the markers of ``marked`` ("" for none)."""
    return markup.from_markup(phrase("person_themes", themes=[Markup(s.label) for s in marked])) if marked else ""


def _opt(text: str | None) -> Markup | None:
    return markup.inline(text) if text else None

