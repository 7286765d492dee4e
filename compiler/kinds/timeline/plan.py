"""Timeline posters: ``timeline.pdf``, ``timeline-tiled.pdf``, ``timeline-blank.pdf`` and its key.

:func:`plan` decides what the poster says, and nothing about where: the events in date order
with their dates worded, their strand's colour and marker and their place on the time axis
(in years), the periods, the legend, which events the blank version leaves for students, and
every phrase. Measuring and placing (the proportional axis, ticks, span lanes, labels in levels
on both sides of the axis, and what is left out when they do not all fit) happen in the drawing
stage, in :mod:`compiler.kinds.timeline.layout`. The three files draw this same plan: whole,
cut into printer sheets, or with some labels left blank for students.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from compiler import l10n, markup
from compiler.dates import PartialDate, display_span
from compiler.fields import PictureData
from compiler.model import Event, Unit
from compiler.outputs import Context, Metadata, Settings, Target
from compiler.theme import strand_colour, strand_marker

KIND = "timeline"
NEUTRAL = "#4d4d4d"

Variant = Literal["poster", "tiled", "blank"]
# The scales, in years per centimetre of the printed sheet, a stretch of the time axis may take
# where its scale changes: the layout picks among them, the plan words each.
READABLE_SCALES = (*(months / 12 for months in (*range(1, 12), 15, 18, 21)), *range(1, 21), *range(25, 101, 5),
                   *range(110, 201, 10), *range(250, 1001, 50), *range(1100, 2001, 100), *range(2500, 10001, 500))


@dataclass(frozen=True)
class EventPlan:
    path: tuple[str, int]  # ("events", index in the unit)
    id: str
    title: str  # plain text, soft hyphens kept: the layout breaks lines
    date: str  # worded: "16 Apr 1922", "1918 – 1920"
    key: bool
    colour: str
    marker: str
    start: float  # on the time axis, in years (PartialDate.axis)
    end: float  # where its span (or its date) ends on the axis
    span: bool  # drawn as a bar: the event has an end date
    blank: bool  # left for students to fill in (the blank version)
    detail: str = ""  # plain text: a key event may show it under its title when there is room
    picture: PictureData | None = None  # drawn small beside its label where there is room
    credit: str = ""  # plain text: the picture's credit, in small type under it
    alt: str = ""  # plain text: what the picture shows, read instead of it
    strand: str = ""  # what its marker says, read instead of it: "Theme: Politics" ("": no theme)


@dataclass(frozen=True)
class PeriodPlan:
    label: str  # plain text, soft hyphens kept
    start: float
    end: float
    fill: str


@dataclass(frozen=True)
class AxisWords:
    """What the poster says about its time axis where it is not simply proportional."""

    scales: tuple[tuple[float, str], ...]  # each readable scale (years per cm) in words: "1 cm = 20 years"
    changes: str  # the line saying that the scale changes
    broken: str  # the line saying what a break in the axis leaves out


@dataclass(frozen=True)
class TimelinePlan:
    paper: str  # of the poster: "a3" ...
    title: str
    subtitle: str
    legend_heading: str
    periods_heading: str  # the key of periods whose bands are too narrow for their names
    legend: tuple[tuple[str, str, str], ...]  # marker, colour, label
    periods: tuple[PeriodPlan, ...]
    events: tuple[EventPlan, ...]  # in date order
    bc: str  # the word after a year before Christ, for the axis
    axis_words: AxisWords
    footer: str
    instruction: str  # on the blank version
    banner: str  # on its key
    blank_mode: str
    variant: Variant
    key: bool  # the blank version's key: its events filled in, for the teacher
    sheet: str  # paper of the tiles
    tile_phrase: str  # "row {row}, column {column} of {rows} × {columns}"
    glue_strip: str  # printed in the strip the next sheet covers
    assembly_gaps: str  # when some sheets are left out, being blank
    assembly_title: str
    assembly_steps: str
    metadata: Metadata
    # "N further events are not shown on this poster" in each plural form the language has,
    # "{count}" standing for the number: the layout knows how many events found no room.
    further_events: tuple[tuple[str, str], ...] = ()
    # "Timeline of N events, 1917–1941", the poster's alternative text, in the same way: the
    # layout knows how many events it shows.
    summary: tuple[tuple[str, str], ...] = ()
    blank_box: str = ""  # what a write-in box of the blank version is, read instead of it
    locale: str = "en"

    def further_note(self, count: int) -> str:
        """The line saying that ``count`` events are not on the poster, in the form ``count`` takes."""
        return self._counted(self.further_events, count)

    def summary_of(self, count: int) -> str:
        """The poster's alternative text when it shows ``count`` events."""
        return self._counted(self.summary, count)

    def _counted(self, phrases: tuple[tuple[str, str], ...], count: int) -> str:
        forms = dict(phrases)
        form = forms.get(l10n.plural_category(count, self.locale), forms.get("other", "{count}"))
        return form.replace("{count}", str(count))


def targets(unit: Unit, settings: Settings) -> list[Target]:
    if not unit.events:
        return []
    return [Target(KIND, "timeline.pdf", None, {"variant": "poster"}),
            Target(KIND, "timeline-tiled.pdf", None, {"variant": "tiled"}),
            Target(KIND, "timeline-blank.pdf", None, {"variant": "blank"}),
            Target(KIND, "timeline-blank-key.pdf", None, {"variant": "blank", "key": True}, audience="teacher")]


def inputs(unit: Unit, target: Target) -> Any:
    """What a poster is made of: of the unit's `outputs:`, only its paper and the poster's own
    choices (its `versions` or `only` shape other files)."""
    return unit.model_dump(mode="json", include={"unit": True, "themes": True, "periods": True, "events": True,
                                                 "outputs": {"paper", "timeline"}})


def _text(markup_text: str) -> str:
    """Plain text for the canvas, from a worded phrase (which arrives as escaped markup)."""
    return markup.from_markup(markup_text)


def plan(unit: Unit, target: Target, context: Context) -> TimelinePlan:
    theme = context.theme
    wording = context.wording
    labels = wording.labels
    variant: Variant = target.variant["variant"]

    def phrase(name: str, **values: Any) -> str:
        return _text(wording.phrase("timeline.j2", name, **values))

    strands = {t.id: (strand_marker(theme, i), strand_colour(theme, i, t.colour), markup.plain(t.label))
               for i, t in enumerate(unit.themes)}
    blanks = _blank_events(unit) if variant == "blank" else set()
    events = []
    for index, event in sorted(enumerate(unit.events), key=lambda item: (item[1].date, item[0])):
        date = display_span(event.date, event.end, labels.months_short, labels.bc)
        marker, fill = _event_style(event, strands)
        events.append(EventPlan(("events", index), event.id, markup.plain(event.title, soft_hyphens=True), date,
                                event.key, fill, marker, event.date.axis(), (event.end or event.date).axis_end(),
                                event.end is not None, index in blanks,
                                markup.plain(event.detail, soft_hyphens=True) if event.detail and event.key else "",
                                event.picture.data if event.picture else None,
                                markup.plain(event.picture.credit) if event.picture and event.picture.credit else "",
                                alt=markup.plain(event.picture.alt) if event.picture else "",
                                strand=_strand_words(phrase, event, strands)))
    periods = tuple(PeriodPlan(markup.plain(period.label, soft_hyphens=True), period.start.axis(),
                               period.end.axis_end(), theme.palette[k % len(theme.palette)])
                    for k, period in enumerate(unit.periods))
    info = unit.unit
    return TimelinePlan(
        paper=context.settings.poster or unit.outputs.timeline.paper,
        title=markup.plain(info.title),
        subtitle=markup.plain(info.subtitle or ""),
        legend_heading=phrase("legend_heading"),
        periods_heading=phrase("periods_heading"),
        legend=tuple(strands.values()),
        periods=periods,
        events=tuple(events),
        bc=labels.bc,
        axis_words=AxisWords(tuple((years, _scale_words(phrase, years)) for years in READABLE_SCALES),
                             phrase("axis_scale_changes"), phrase("axis_broken")),
        footer=phrase("footer", title=markup.inline(info.title),
                      licence=markup.inline(info.licence) if info.licence else None),
        instruction=phrase("blank_instruction", mode=unit.outputs.timeline.blank),
        banner=phrase("key_banner"),
        blank_mode=unit.outputs.timeline.blank,
        variant=variant,
        key=bool(target.variant.get("key")),
        sheet=context.settings.paper or "a4",
        tile_phrase=phrase("tile_position", row="{row}", column="{column}", rows="{rows}", columns="{columns}"),
        glue_strip=phrase("glue_strip"),
        assembly_gaps=phrase("assembly_gaps"),
        assembly_title=phrase("assembly_title"),
        assembly_steps=phrase("assembly_steps"),
        metadata=Metadata(markup.plain(info.title), markup.plain(info.author or ""), labels.timeline, info.language),
        further_events=_counted_forms(phrase, "further_events", labels.locale),
        summary=_counted_forms(phrase, "poster_summary", labels.locale, span=_years(unit, labels.bc)),
        blank_box=phrase("blank_box", mode=unit.outputs.timeline.blank),
        locale=labels.locale,
    )


def _counted_forms(phrase: Callable[..., str], name: str, locale: str, **values: Any) -> tuple[tuple[str, str], ...]:
    """The phrase ``name`` in each plural form of ``locale``, "{count}" standing for the number."""
    return tuple((category, phrase(name, count=_sample_count(category, locale), shown="{count}", **values))
                 for category in sorted(l10n.plural_categories(locale)))


def _years(unit: Unit, bc: str) -> str:
    """The years the unit's events run over: "1917–1941", "509–27 BC", "1945"."""
    first = min(event.date for event in unit.events).year
    last = max(event.end or event.date for event in unit.events).year
    return display_span(PartialDate(first), PartialDate(last) if last != first else None, bc=bc)


def _sample_count(category: str, locale: str) -> int:
    """A count that takes the plural form ``category`` in ``locale`` (2 for a category no whole count
    below 1,000 takes)."""
    return next((n for n in range(1, 1000) if l10n.plural_category(n, locale) == category), 2)


def _scale_words(phrase: Callable[..., str], years: float) -> str:
    """A scale in words, under a year per cm in months: "1 cm = 6 months", "1 cm = 20 years"."""
    in_months = years < 2 and years != 1
    return phrase("axis_scale", count=round(years * 12) if in_months else round(years), months=in_months)


def _event_style(event: Event, strands: dict[str, tuple[str, str, str]]) -> tuple[str, str]:
    if event.themes and event.themes[0] in strands:
        marker, fill, _ = strands[event.themes[0]]
        return marker, fill
    return "●", NEUTRAL


def _strand_words(phrase: Callable[..., str], event: Event, strands: dict[str, tuple[str, str, str]]) -> str:
    """What the marker of ``event`` says: its theme ("" for an event with none)."""
    if event.themes and event.themes[0] in strands:
        return phrase("theme_marker", theme=strands[event.themes[0]][2])
    return ""


def _blank_events(unit: Unit) -> set[int]:
    """A seeded choice of about a quarter of the events (3 to 15), key events first."""
    rng = random.Random(f"{unit.unit.id}:timeline-blank")
    keys = [i for i, event in enumerate(unit.events) if event.key]
    others = [i for i, event in enumerate(unit.events) if not event.key]
    rng.shuffle(keys)
    rng.shuffle(others)
    return set((keys + others)[: max(3, min(15, len(unit.events) // 4))])

