"""An Anki package (``.apkg``) of a unit's flash-card sets, written with genanki.

One Anki deck per set, named ``Unit title::Set title`` (a subdeck of the unit's deck), one note
per card with the fields Front and Back as HTML (emphasis, sub- and superscripts as tags, a back
of points as a list, every character of the teacher's text escaped).

The ids are what lets a re-export update the cards a student already studies instead of adding
them again: the note type's id is a constant, a deck's id is a hash of the unit's and the set's
ids, and a note's GUID a hash of those and the card's front (its occurrence too, for a front
that comes twice in a set made from the unit), so a card whose back changed keeps its note. Anki
updates such a note only when the package's is newer, so the notes carry the time stamp they
are given (:func:`compiler.exports.time_stamp`). genanki writes the collection with that time and
the ids counted from it; the zip it writes is read again and written with fixed entry dates, so
the same unit and stamp always give the same bytes.

A card's picture goes into the package as a media file named by its content's hash
(``printpack-<hash>.png``: Anki keeps every deck's media in one folder, so a name must not clash
with another unit's ``pictures/map.png``), shown above the front's text with its alt text.
"""

from __future__ import annotations

import hashlib
import io
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Sequence
from html import escape as attribute
from pathlib import Path

import genanki

from compiler.fields import Picture
from compiler.kinds.flashcards.deck import Deck, FlashCard
from compiler.markup import html, plain
from compiler.model import Unit

# Chosen once, at random in the range genanki advises; a new one would make Anki see a new note
# type and add every card again.
MODEL_ID = 1728453241
MODEL_NAME = "printpack flash card"
# Deck ids are folded into the range genanki advises for ids chosen by hand (below Anki's own,
# which are times in milliseconds).
_DECK_IDS = (1 << 30, 1 << 31)
# A zip stores local times from 1980 to 2107 with no zone; the stamp is written as UTC.
_ZIP_YEARS = (1980, 2107)

CREDIT_STYLE = "font-size: 11px; color: #6b6b6b;"  # a front picture's credit, under it

_FRONT = '<div class="front">{{Front}}</div>'
_BACK = '{{FrontSide}}\n<hr id="answer">\n<div class="back">{{Back}}</div>'
_CSS = """\
.card { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; font-size: 22px; line-height: 1.4;
        text-align: center; color: #1a1a1a; background-color: #ffffff; }
.nightMode.card, .night_mode .card { color: #eeeeee; background-color: #2f2f31; }
.front { font-size: 28px; margin: 0.8em auto; }
.front .picture img { max-width: 100%; max-height: 12em; }
.back { display: inline-block; text-align: left; max-width: 32em; }
.back ul { margin: 0; padding-left: 1.2em; }
.back li + li { margin-top: 0.3em; }
hr#answer { border: none; border-top: 1px solid #9a9a9a; margin: 0.8em 0; }
"""


def write_package(unit: Unit, sets: Sequence[Deck], stamp: int) -> bytes:
    """The ``.apkg`` of ``sets``, its notes stamped with ``stamp`` (seconds since 1970)."""
    model = note_type()
    with tempfile.TemporaryDirectory(prefix="printpack-anki-") as folder:
        media = _media_files(sets, Path(folder))
        package = genanki.Package([anki_deck(unit, deck, model) for deck in sets], media_files=media)
        written = Path(folder) / "deck.apkg"
        package.write_to_file(str(written), timestamp=stamp)
        return _with_fixed_dates(written.read_bytes(), stamp)


def note_type() -> genanki.Model:
    """The note type every card is a note of: Front and Back, the front centred, the back under
    a rule."""
    return genanki.Model(MODEL_ID, MODEL_NAME, fields=[{"name": "Front"}, {"name": "Back"}],
                         templates=[{"name": "Card 1", "qfmt": _FRONT, "afmt": _BACK}], css=_CSS)


def anki_deck(unit: Unit, deck: Deck, model: genanki.Model) -> genanki.Deck:
    made = genanki.Deck(deck_id(unit.unit.id, deck.id), deck_name(unit, deck))
    seen: Counter[str] = Counter()
    for card in deck.cards:
        seen[card.front] += 1
        made.add_note(genanki.Note(model=model, fields=[front_html(card), back_html(card)],
                                   sort_field=plain(card.front),
                                   guid=note_guid(unit.unit.id, deck.id, card.front, seen[card.front])))
    return made


def deck_name(unit: Unit, deck: Deck) -> str:
    """``Unit title::Set title``, as plain text; a ``::`` inside a title would nest a deck more."""
    return "::".join(plain(title).replace("::", ":") for title in (unit.unit.title, deck.title))


def deck_id(unit_id: str, set_id: str) -> int:
    low, high = _DECK_IDS
    return low + _hashed(unit_id, set_id) % (high - low)


def note_guid(unit_id: str, set_id: str, front: str, occurrence: int = 1) -> str:
    """The note's GUID: the same for the same card of the same set, whatever its back says."""
    parts = (unit_id, set_id, front) if occurrence == 1 else (unit_id, set_id, front, occurrence)
    guid: str = genanki.guid_for(*parts)
    return guid


def media_name(picture: Picture) -> str:
    """The picture's file name in the package: its content's hash, so that it clashes with no
    other file in a student's Anki media folder, and a changed picture is a new file."""
    suffix = "jpg" if picture.data.format == "jpeg" else picture.data.format
    return f"printpack-{picture.data.sha256[:16]}.{suffix}"


def _media_files(sets: Sequence[Deck], folder: Path) -> list[str]:
    """Every picture of ``sets`` written once into ``folder``, by its media name, in a fixed order."""
    files: dict[str, bytes] = {}
    for deck in sets:
        for card in deck.cards:
            if card.picture is not None:
                files[media_name(card.picture)] = card.picture.data.data
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return [str(folder / name) for name in sorted(files)]


def front_html(card: FlashCard) -> str:
    """The front as HTML: its picture (with its alt text) above its text, if it has one, and the
    picture's credit in small muted type under it. The credit's style is on the element, not in
    the note type's CSS, so that a package made before it needs no change of note type."""
    if card.picture is None:
        return str(html(card.front))
    image = f'<img src="{media_name(card.picture)}" alt="{attribute(plain(card.picture.alt), quote=True)}">'
    if card.picture.credit:
        image += f'<div class="credit" style="{CREDIT_STYLE}">{html(card.picture.credit)}</div>'
    return f'<div class="picture">{image}</div>{html(card.front)}'


def back_html(card: FlashCard) -> str:
    """The back as HTML: one text as it is, points as a list."""
    if len(card.back) == 1:
        return str(html(card.back[0]))
    return "<ul>" + "".join(f"<li>{html(point)}</li>" for point in card.back) + "</ul>"


def _hashed(*parts: str) -> int:
    return int.from_bytes(hashlib.sha256("\x1f".join(parts).encode()).digest()[:8], "big")


def _with_fixed_dates(apkg: bytes, stamp: int) -> bytes:
    """The zip ``apkg`` written again, each entry dated ``stamp`` (zipfile dates an entry written
    from a file with the file's time, a new temporary's)."""
    year = time.gmtime(stamp).tm_year
    when = time.gmtime(stamp)[:6] if _ZIP_YEARS[0] <= year <= _ZIP_YEARS[1] else (_ZIP_YEARS[0], 1, 1, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(apkg)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, on every system, so the bytes are the same everywhere
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry))
    return out.getvalue()
