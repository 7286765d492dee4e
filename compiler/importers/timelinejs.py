"""TimelineJS timelines, in its JSON form and as its Google Sheets template exported as CSV:
events (with ``end``), themes from groups, periods from eras, the title slide as the unit's title.

Both forms are read into one list of slides, then into a draft the same way. What becomes what:

- an event slide: ``date`` from its start (an empty month or day leaves the date partial,
  ``1922`` or ``1922-04``; ``-44`` is 44 BC as the format writes it), ``end`` from its end,
  ``title`` from its headline, ``detail`` from its text (a paragraph per HTML line or block),
  ``themes`` from its group, ``id`` its ``unique_id`` if that is a usable id, else the slug of its
  headline (``-2``, ``-3`` when taken);
- each distinct group, in the order it first appears: a theme (id the group's slug, label the
  group as written);
- an era: a period (label its headline, start and end its dates); its text has no place in a
  period, so the comment above it says so;
- the title slide: the unit's title (its headline). Its text is kept as a note in the written
  unit's header, not as a section: it is an introduction a teacher may want as the unit's
  subtitle, a section or nothing, and only they can say which.

What the unit format has no field for is said in the comment above the item: the display date,
media (printpack prints no images yet) and times (the format has dates only: they are dropped).
Background, ``autolink``, ``scale`` and a date's ``format`` change only how TimelineJS shows a
slide and are ignored. A date is never guessed: a slide whose start has no year, or a month or
day that is not a number in range (``April`` in the Month column), is left out and a note names
it and says why; an end that cannot be read (or ends before the start) is left off its event.
HTML is reduced to plain text by :mod:`compiler.importers.text`; a ``*``, ``~`` or ``^`` the
source has as a character is escaped where the unit format would read it as markup.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from compiler import SLUG_MAX_LENGTH, SLUG_PATTERN, markup
from compiler.dates import DateError, PartialDate
from compiler.errors import quoted
from compiler.fields import MAX_TEXT
from compiler.ids import slug
from compiler.importers.draft import Draft, Part, Unreadable
from compiler.importers.text import collapsed, decoded, html_lines, html_text

_JSON_HINT = "export the timeline's JSON from TimelineJS, or name the file's format with --format"
_CSV_HINT = ("make the sheet from the TimelineJS template and download it as CSV (File → Download → "
             "Comma-separated values), or name the file's format with --format")
_NEVER_GUESSED = "printpack never guesses a date"
_TIME_KEYS = ("hour", "minute", "second", "millisecond")
# The Google Sheets template's columns, as TimelineJS reads a header: lower case, no spaces.
_COLUMNS = {"year", "month", "day", "time", "endyear", "endmonth", "endday", "endtime", "displaydate",
            "headline", "text", "media", "mediacredit", "mediacaption", "mediathumbnail", "type", "group",
            "background"}
# The markup characters of the unit format (compiler.markup) stand in the HTML, while it is
# reduced to text, as punctuation marks no timeline holds: they then show which of them the
# source had as characters and which the reduction wrote for <b> and <i>.
_STAND_INS = {"*": "\u2e30", "~": "\u2e31", "^": "\u2e32"}
_PROTECT = str.maketrans(_STAND_INS)
_RESTORE = {stand_in: marker for marker, stand_in in _STAND_INS.items()}
_MOST_TRIED = 8  # literal markers in one text beyond which every one is escaped, untried


class _LeftOut(Exception):
    """Why a slide, or its end, cannot be kept: a date that is missing or cannot be read."""


@dataclass(frozen=True)
class _Slide:
    """One slide of either form, its cells as written (dates as text, headline and text HTML)."""

    origin: str  # "row 4", "event 3"
    line: int | None
    kind: str  # "event", "era" or "title"
    start: Mapping[str, str]  # year, month, day: "" where empty
    end: Mapping[str, str]
    times: tuple[str, ...] = ()
    headline: str = ""
    text: str = ""
    group: str = ""
    display_date: str = ""
    media: str = ""
    unique_id: str = ""


@dataclass
class _Drafting:
    """The draft as it grows, slide by slide."""

    title: str | None = None
    events: list[Part] = field(default_factory=list)
    periods: list[Part] = field(default_factory=list)
    themes: dict[str, str] = field(default_factory=dict)  # group → theme id, in first-use order
    ids: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    first_left_out: tuple[str, int | None] | None = None  # its note and its line


# --- the JSON form ---------------------------------------------------------------------------


def sniff_json(filename: str, content: bytes) -> bool:
    """Whether the file is a JSON object with a list of ``events``: a TimelineJS timeline."""
    try:
        text = decoded(content)
    except Unreadable:
        return False
    if not text.lstrip().startswith("{"):
        return False
    try:
        data = json.loads(text)
    except ValueError:
        return False
    return isinstance(data, dict) and isinstance(data.get("events"), list)


def read_json(filename: str, content: bytes) -> Draft:
    """A TimelineJS JSON timeline as a draft of events, themes and periods."""
    text = decoded(content)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Unreadable(f"the file is not valid JSON: {exc.msg}", _JSON_HINT, exc.lineno) from None
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise Unreadable('the JSON is not a TimelineJS timeline: it has no list of "events"', _JSON_HINT)
    slides: list[_Slide] = []
    if isinstance(data.get("title"), dict):
        slides.append(_json_slide(data["title"], "the title slide", "title"))
    slides += [_json_slide(event, f"event {number}", "event") for number, event in enumerate(data["events"], 1)]
    eras = data.get("eras")
    if isinstance(eras, list):
        slides += [_json_slide(era, f"era {number}", "era") for number, era in enumerate(eras, 1)]
    return _draft(slides, "a TimelineJS timeline (JSON)")


def _json_slide(value: object, origin: str, kind: str) -> _Slide:
    slide = value if isinstance(value, dict) else {}
    text = _mapping(slide.get("text"))
    start, end = _mapping(slide.get("start_date")), _mapping(slide.get("end_date"))
    times = tuple(time for time in (_json_time(start), _json_time(end)) if time)
    media = _mapping(slide.get("media"))
    # A slide's display date stands for both its dates; without one, each date may have its own.
    display = _cell(slide.get("display_date")) or " – ".join(
        shown for shown in (_cell(start.get("display_date")), _cell(end.get("display_date"))) if shown)
    return _Slide(origin, None, kind, _json_date(start), _json_date(end), times,
                  _cell(text.get("headline")), _cell(text.get("text")), _cell(slide.get("group")),
                  display, _cell(media.get("url")), _cell(slide.get("unique_id")))


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def _cell(value: object) -> str:
    """A JSON value as the text a spreadsheet cell would hold ("" for none; 1922.0 is 1922)."""
    if value is None or isinstance(value, bool | dict | list):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _json_date(date: Mapping[str, Any]) -> dict[str, str]:
    return {part: _cell(date.get(part)) for part in ("year", "month", "day")}


def _json_time(date: Mapping[str, Any]) -> str:
    """A date's time of day as written (``14:30``), "" when it has none."""
    parts = [_cell(date.get(key)) for key in _TIME_KEYS]
    while parts and not parts[-1]:
        parts.pop()
    return ":".join(part.zfill(2) if index else part for index, part in enumerate(parts))


# --- the CSV form (the Google Sheets template) ------------------------------------------------


def sniff_csv(filename: str, content: bytes) -> bool:
    """Whether the file's first row is the TimelineJS template's header (Year, Headline…)."""
    try:
        header = _header(next(_rows(decoded(content))))
    except (Unreadable, StopIteration, csv.Error):
        return False
    return {"year", "headline"} <= set(header) and len(set(header) & _COLUMNS) >= 4


def read_csv(filename: str, content: bytes) -> Draft:
    """The TimelineJS Google Sheets template, exported as CSV, as a draft of events, themes and
    periods. Columns are found by name (any order or case, extra columns ignored); a row's cells
    beyond the header's are ignored, missing ones are empty."""
    rows = _rows(decoded(content))
    slides: list[_Slide] = []
    try:
        header = _header(next(rows, []))
        if not {"year", "headline"} <= set(header):
            raise Unreadable("the first row is not the TimelineJS template's header: it has no Year and Headline "
                             "columns", _CSV_HINT, 1)
        line = rows.line_num + 1
        for number, cells in enumerate(rows, 2):
            if any(cell.strip() for cell in cells):
                slides.append(_csv_slide(dict(zip(header, cells, strict=False)), line, number))
            line = rows.line_num + 1
    except csv.Error as exc:
        raise Unreadable(f"the CSV cannot be read: {exc}", _CSV_HINT, rows.line_num) from None
    return _draft(slides, "a TimelineJS spreadsheet (CSV)")


def _rows(text: str) -> Any:
    """A CSV reader of ``text``: comma-separated, or tab-separated when the first line has tabs
    and no comma (a sheet downloaded as TSV)."""
    first = text.split("\n", 1)[0]
    return csv.reader(io.StringIO(text, newline=""), delimiter="\t" if "\t" in first and "," not in first else ",")


def _header(cells: Sequence[str]) -> list[str]:
    """Column names as TimelineJS reads them: ``End Year`` is ``endyear``."""
    return ["".join(cell.split()).lower() for cell in cells]


def _csv_slide(row: Mapping[str, str], line: int, number: int) -> _Slide:
    def cell(name: str) -> str:
        return (row.get(name) or "").strip()

    kind = {"title": "title", "era": "era"}.get(cell("type").lower(), "event")
    start = {"year": cell("year"), "month": cell("month"), "day": cell("day")}
    end = {"year": cell("endyear"), "month": cell("endmonth"), "day": cell("endday")}
    times = tuple(time for time in (cell("time"), cell("endtime")) if time)
    return _Slide(f"row {number}", line, kind, start, end, times, cell("headline"), cell("text"),
                  cell("group"), cell("displaydate"), cell("media"))


# --- from slides to a draft -------------------------------------------------------------------


def _draft(slides: Sequence[_Slide], described: str) -> Draft:
    drafting = _Drafting()
    for slide in slides:
        if slide.kind == "title" and drafting.title is None:
            _title(slide, drafting)
            continue
        if slide.kind == "title":
            drafting.notes.append(f"{slide.origin} is a second title slide; it is read as an event, as TimelineJS does")
        try:
            if slide.kind == "era":
                _period(slide, drafting)
            else:
                _event(slide, drafting)
        except _LeftOut as exc:
            drafting.notes.append(f"{_named(slide)} left out: {exc}")
            drafting.first_left_out = drafting.first_left_out or (drafting.notes[-1], slide.line)
    if not drafting.events and not drafting.periods:
        raise _nothing_left(drafting)
    themes = tuple(Part({"id": id_, "label": group}, f"group {quoted(group)}") for group, id_ in drafting.themes.items())
    return Draft(title=drafting.title, described=described, events=tuple(drafting.events), themes=themes,
                 periods=tuple(drafting.periods), notes=tuple(drafting.notes))


def _nothing_left(drafting: _Drafting) -> Unreadable:
    """Why a timeline gave nothing: located at the first slide left out, if one was."""
    if drafting.first_left_out is None:
        return Unreadable("the timeline has no events", "add events to the timeline, then export it again")
    note, line = drafting.first_left_out
    return Unreadable(f"no event could be read: {note}", "give each event a start year, as TimelineJS needs", line)


def _named(slide: _Slide) -> str:
    """The slide as a note names it: where it is and its headline."""
    headline = html_text(slide.headline)
    return f"{slide.origin} ({quoted(headline)})" if headline else slide.origin


def _title(slide: _Slide, drafting: _Drafting) -> None:
    headline = _one_line(slide.headline)
    drafting.title = headline or None
    text = "\n\n".join(_unit_text(line) for line in html_lines(_protected(slide.text)))
    if text:
        drafting.notes.append(f"the title slide's text is not in the unit (use it as unit.subtitle or a section "
                              f"if you want it): {collapsed(text)}")


def _event(slide: _Slide, drafting: _Drafting) -> None:
    date = _date(slide.start, "start")
    if date is None:
        raise _LeftOut(f"its start has no year, and {_NEVER_GUESSED}")
    title = _one_line(slide.headline)
    if not title:
        raise _LeftOut("it has no headline, which an event's title needs")
    said = _comments(slide)
    data: dict[str, Any] = {"id": _event_id(slide, title, drafting.ids), "date": str(date)}
    end = _end(slide, date, said)
    if end is not None:
        data["end"] = str(end)
    data["title"] = title
    detail = "\n\n".join(_unit_text(line) for line in html_lines(_protected(slide.text)))
    if len(detail) > MAX_TEXT:
        said.append(f"its text ({len(detail)} characters) is longer than a detail may be ({MAX_TEXT}) and is "
                    "not kept")
    elif detail:
        data["detail"] = detail
    group = _one_line(slide.group)
    if group:
        data["themes"] = [_theme_id(group, drafting.themes)]
    drafting.events.append(Part(data, "; ".join([slide.origin, *said])))


def _period(slide: _Slide, drafting: _Drafting) -> None:
    start = _date(slide.start, "start")
    end = _date(slide.end, "end")
    if start is None or end is None:
        raise _LeftOut(f"an era needs a start and an end date, and {_NEVER_GUESSED}")
    if end.ends_before(start):
        raise _LeftOut(f"the era ends ({end}) before it starts ({start})")
    label = _one_line(slide.headline)
    if not label:
        raise _LeftOut("it has no headline, which a period's label needs")
    said = [slide.origin]
    if html_text(slide.text):
        said.append("its text is not kept: a period has a label only")
    drafting.periods.append(Part({"label": label, "start": str(start), "end": str(end)}, "; ".join(said)))


def _comments(slide: _Slide) -> list[str]:
    """What the unit format has no field for, said in the comment above the event."""
    said = []
    if slide.display_date:
        said.append(f"display date {quoted(html_text(slide.display_date))} (the format has no field for it)")
    if slide.times:
        said.append(f"time {' – '.join(slide.times)} dropped (the format has dates only)")
    if slide.media:
        said.append(f"media not kept, since printpack prints no images yet: {slide.media}")
    return said


def _end(slide: _Slide, date: PartialDate, said: list[str]) -> PartialDate | None:
    """The event's end, or None; an end that cannot be kept is said in the comment."""
    try:
        end = _date(slide.end, "end")
    except _LeftOut as exc:
        said.append(f"end left off: {exc}")
        return None
    if end is not None and end.ends_before(date):
        said.append(f"end {end} left off: it is before the start")
        return None
    return end


def _date(cells: Mapping[str, str], which: str) -> PartialDate | None:
    """The date in year, month and day cells; None when all are empty. Raises :class:`_LeftOut`
    for a date that cannot be read as written."""
    year, month, day = (cells.get(part, "") for part in ("year", "month", "day"))
    if not year:
        if month or day:
            raise _LeftOut(f"its {which} has a month or day but no year, and {_NEVER_GUESSED}")
        return None
    year = re.sub(r"[\s,]", "", year)  # 1,922 or 1 922: a number formatted by the spreadsheet
    if not re.fullmatch(r"-?\d+", year):
        raise _LeftOut(f"its {which} year {quoted(year)} is not a number (a year BC is negative: -44)")
    for name, value, most in (("month", month, 12), ("day", day, 31)):
        if value and not (value.isdigit() and 1 <= int(value) <= most):
            raise _LeftOut(f"its {which} {name} {quoted(value)} is not a number from 1 to {most}; write the number")
    if day and not month:
        raise _LeftOut(f"its {which} has a day but no month, and {_NEVER_GUESSED}")
    written = year + (f"-{int(month):02d}" if month else "") + (f"-{int(day):02d}" if day else "")
    try:
        return PartialDate.parse(written)
    except DateError as exc:
        raise _LeftOut(f"its {which} date {exc.message}") from None


def _event_id(slide: _Slide, title: str, taken: set[str]) -> str:
    """The slide's ``unique_id`` if it is a usable id not yet taken, else the headline's slug,
    made unique with ``-2``, ``-3``…"""
    own = slide.unique_id
    if own and re.fullmatch(SLUG_PATTERN, own) and len(own) <= SLUG_MAX_LENGTH and own not in taken:
        taken.add(own)
        return own
    return _unique(slug(markup.plain(title)) or "event", taken)


def _theme_id(group: str, themes: dict[str, str]) -> str:
    if group not in themes:
        themes[group] = _unique(slug(group) or "group", set(themes.values()))
    return themes[group]


def _unique(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``… whichever is free first (an id stays within the
    length ids may have); the id returned is then taken."""
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = base[:SLUG_MAX_LENGTH - len(suffix)].rstrip("-") + suffix
    taken.add(candidate)
    return candidate


# --- text -------------------------------------------------------------------------------------


def _one_line(html: str) -> str:
    """An HTML headline as one line of unit text."""
    return _unit_text(html_text(_protected(html)))


def _protected(html: str) -> str:
    """The HTML with the unit format's markup characters as stand-ins (see ``_STAND_INS``)."""
    return html.translate(_PROTECT)


def _unit_text(line: str) -> str:
    """A line of reduced HTML (emphasis as ``*``/``**``, literal markup characters as stand-ins)
    as unit text that prints as the source shows: each literal ``*``, ``~`` or ``^`` escaped where
    the unit format would read it as markup, and only there (elsewhere a backslash would print).

    Which ones matter is found by asking :mod:`compiler.markup` itself: the fewest escapes whose
    markup is the markup of the text with the stand-ins in place."""
    spots = [index for index, char in enumerate(line) if char in _RESTORE]
    if not spots:
        return line
    meant = _restored(str(markup.inline(line)))
    if len(spots) <= _MOST_TRIED:
        for count in range(len(spots) + 1):
            for chosen in combinations(spots, count):
                candidate = _escaped(line, set(chosen))
                if str(markup.inline(candidate)) == meant:
                    return candidate
    return _escaped(line, set(spots))


def _restored(text: str) -> str:
    return "".join(_RESTORE.get(char, char) for char in text)


def _escaped(line: str, chosen: set[int]) -> str:
    """``line`` with its stand-ins restored, a backslash before those at ``chosen`` (and the
    backslashes just before those doubled, since a pair of them then prints one)."""
    out: list[str] = []
    for index, char in enumerate(line):
        if index in chosen:
            run = len(out) - len("".join(out).rstrip("\\")) if out else 0
            out.append("\\" * run + "\\" + _RESTORE[char])
        else:
            out.append(_RESTORE.get(char, char))
    return "".join(out)

