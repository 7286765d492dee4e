"""The Anki package, read back as Anki reads it: a zip whose collection.anki2 (SQLite) holds the
note type, the decks and one note per card."""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from compiler.exports import exported, unit_cards
from compiler.exports.anki import MODEL_ID, deck_id, note_guid

UNIT = """\
format: 1
unit: {id: meiji, title: Meiji Japan, language: LANGUAGE}
glossary:
  - {term: Daimyo, definition: A feudal lord who ruled a domain.}
events:
  - {id: restoration, date: 1868-01-03, title: The Meiji Restoration}
  - {id: charter, date: 1868-04-06, title: The Charter Oath}
flashcards:
  - id: reforms
    title: TITLE
    cards:
      - {front: "*Haihan-chiken*", back: "Domains replaced by prefectures, **1871**"}
      - front: Aims of the reforms
        back:
          - "a rich country, a strong army"
          - "industry: silk <and> cotton"
      - {front: Coal, back: "CO~2~ and x^2^ & more"}
"""


@dataclass(frozen=True)
class Collection:
    """What an .apkg holds, as a teacher's Anki would read it."""

    names: list[str]
    notes: list[tuple[str, int, int, list[str]]]  # guid, note type id, mod, fields
    decks: dict[int, str]  # id: name
    note_decks: dict[str, int]  # guid: the deck its card is in
    models: dict[str, dict[str, Any]]


def export(tmp_path: Path, text: str = UNIT, *, stamp: int = 1_700_000_000, sets: tuple[str, ...] = (),
           language: str = "en", title: str = "Reforms") -> bytes:
    unit = tmp_path / "meiji.yaml"
    unit.write_text(text.replace("LANGUAGE", language).replace("TITLE", title), encoding="utf-8")
    return exported("anki", unit_cards(unit), sets, stamp)


def opened(apkg: bytes, tmp_path: Path) -> Collection:
    with zipfile.ZipFile(io.BytesIO(apkg)) as package:
        names = package.namelist()
        (tmp_path / "collection.anki2").write_bytes(package.read("collection.anki2"))
    db = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        notes = [(guid, mid, mod, flds.split("\x1f"))
                 for guid, mid, mod, flds in db.execute("SELECT guid, mid, mod, flds FROM notes ORDER BY id")]
        note_decks = dict(db.execute("SELECT notes.guid, cards.did FROM cards JOIN notes ON cards.nid = notes.id"))
        decks_json, models_json = db.execute("SELECT decks, models FROM col").fetchone()
    finally:
        db.close()
    decks = {int(key): deck["name"] for key, deck in json.loads(decks_json).items()}
    return Collection(names, notes, decks, note_decks, json.loads(models_json))


def test_one_note_per_card_with_front_and_back(tmp_path: Path) -> None:
    collection = opened(export(tmp_path), tmp_path)
    assert sorted(collection.names) == ["collection.anki2", "media"]  # what Anki's importer opens
    assert [fields for _, _, _, fields in collection.notes] == [
        ["<i>Haihan-chiken</i>", "Domains replaced by prefectures, <b>1871</b>"],
        ["Aims of the reforms", "<ul><li>a rich country, a strong army</li><li>industry: silk &lt;and&gt; cotton</li></ul>"],
        ["Coal", "CO<sub>2</sub> and x<sup>2</sup> &amp; more"],
        ["Daimyo", "A feudal lord who ruled a domain."],
        ["The Meiji Restoration", "3 January 1868"],
        ["The Charter Oath", "6 April 1868"],
    ]
    assert {mid for _, mid, _, _ in collection.notes} == {MODEL_ID}


def test_every_set_is_a_subdeck_of_the_unit_and_holds_its_cards(tmp_path: Path) -> None:
    collection = opened(export(tmp_path), tmp_path)
    reforms, glossary, events = deck_id("meiji", "reforms"), deck_id("meiji", "glossary"), deck_id("meiji", "events")
    assert {reforms: "Meiji Japan::Reforms", glossary: "Meiji Japan::Glossary",
            events: "Meiji Japan::Key dates"}.items() <= collection.decks.items()
    assert collection.note_decks[note_guid("meiji", "reforms", "Coal")] == reforms
    assert collection.note_decks[note_guid("meiji", "glossary", "Daimyo")] == glossary
    assert collection.note_decks[note_guid("meiji", "events", "The Charter Oath")] == events


def test_sets_named_are_the_only_decks(tmp_path: Path) -> None:
    collection = opened(export(tmp_path, sets=("glossary",)), tmp_path)
    assert [fields[0] for _, _, _, fields in collection.notes] == ["Daimyo"]
    assert "Meiji Japan::Reforms" not in collection.decks.values()


def test_a_title_holding_two_colons_nests_no_further_deck(tmp_path: Path) -> None:
    collection = opened(export(tmp_path, title="Reforms::1871"), tmp_path)
    assert collection.decks[deck_id("meiji", "reforms")] == "Meiji Japan::Reforms:1871"


def test_the_note_type_has_front_and_back_and_the_back_under_a_rule(tmp_path: Path) -> None:
    model = opened(export(tmp_path), tmp_path).models[str(MODEL_ID)]
    assert [field["name"] for field in model["flds"]] == ["Front", "Back"]
    template = model["tmpls"][0]
    assert "{{Front}}" in template["qfmt"] and '<hr id="answer">' in template["afmt"]
    assert "text-align: center" in str(model["css"])


def test_cyrillic_is_kept_and_the_made_sets_take_the_unit_language_titles(tmp_path: Path) -> None:
    russian = UNIT.replace("Meiji Japan", "Япония эпохи Мэйдзи").replace("Daimyo", "Даймё")
    collection = opened(export(tmp_path, russian, language="ru", title="Реформы"), tmp_path)
    assert collection.decks[deck_id("meiji", "reforms")] == "Япония эпохи Мэйдзи::Реформы"
    assert collection.decks[deck_id("meiji", "events")] == "Япония эпохи Мэйдзи::Ключевые даты"
    assert ["Даймё", "A feudal lord who ruled a domain."] in [fields for _, _, _, fields in collection.notes]
    assert ["The Charter Oath", "6 апреля 1868"] in [fields for _, _, _, fields in collection.notes]


def test_two_exports_of_one_unit_are_byte_identical(tmp_path: Path) -> None:
    first = export(tmp_path)
    assert export(tmp_path) == first
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {info.date_time for info in package.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_editing_a_back_keeps_the_note_and_editing_a_front_makes_a_new_one(tmp_path: Path) -> None:
    before = {fields[0]: guid for guid, _, _, fields in opened(export(tmp_path), tmp_path).notes}
    edited = UNIT.replace("Domains replaced by prefectures", "The domains became prefectures").replace(
        "front: Coal", "front: Coal and iron")
    after = opened(export(tmp_path, edited, stamp=1_700_000_100), tmp_path)
    guids = {fields[0]: guid for guid, _, _, fields in after.notes}
    assert guids["<i>Haihan-chiken</i>"] == before["<i>Haihan-chiken</i>"]
    assert ["<i>Haihan-chiken</i>", "The domains became prefectures, <b>1871</b>"] in [n[3] for n in after.notes]
    assert guids["Coal and iron"] not in before.values()
    assert {guid for guid, _, _, _ in after.notes} - {guids["Coal and iron"]} <= set(before.values())


def test_the_notes_carry_the_time_stamp_so_a_later_export_is_newer_for_anki(tmp_path: Path) -> None:
    assert {mod for _, _, mod, _ in opened(export(tmp_path, stamp=1_700_000_000), tmp_path).notes} == {1_700_000_000}
    assert {mod for _, _, mod, _ in opened(export(tmp_path, stamp=1_800_000_000), tmp_path).notes} == {1_800_000_000}


def test_fronts_that_come_twice_in_a_made_set_are_two_notes(tmp_path: Path) -> None:
    same_day = UNIT.replace("1868-04-06", "1868-01-03") + "outputs: {flashcards: {event_front: date}}\n"
    notes = opened(export(tmp_path, same_day, sets=("events",)), tmp_path).notes
    assert [fields for _, _, _, fields in notes] == [["3 January 1868", "The Meiji Restoration"],
                                                    ["3 January 1868", "The Charter Oath"]]
    assert len({guid for guid, _, _, _ in notes}) == 2


def test_ids_depend_on_the_unit_and_the_set_only() -> None:
    assert deck_id("meiji", "reforms") == deck_id("meiji", "reforms")
    assert len({deck_id("meiji", "reforms"), deck_id("meiji", "glossary"), deck_id("edo", "reforms")}) == 3
    assert all(1 << 30 <= deck_id("meiji", name) < 1 << 31 for name in ("reforms", "glossary", "events"))
    assert note_guid("meiji", "reforms", "Coal") != note_guid("edo", "reforms", "Coal")


PICTURED = """\
format: 1
unit: {id: leaves, title: Leaves, language: en}
flashcards:
  - id: parts
    title: Parts of a leaf
    cards:
      - {front: Stoma, back: A pore, picture: {file: pictures/stoma.png, alt: 'A pore "open" & round'}}
      - {front: Vein, back: Carries water, picture: {file: pictures/vein.svg, alt: Lines}}
      - {front: Stoma again, back: The same pore, picture: {file: pictures/stoma.png, alt: The pore}}
      - {front: Cuticle, back: A waxy layer}
"""


def pictured_export(tmp_path: Path) -> bytes:
    (tmp_path / "pictures").mkdir(exist_ok=True)
    Image.new("RGB", (40, 30), (40, 140, 60)).save(tmp_path / "pictures" / "stoma.png")
    (tmp_path / "pictures" / "vein.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><path d="M0 0 L10 10"/></svg>',
        encoding="utf-8")
    unit = tmp_path / "leaves.yaml"
    unit.write_text(PICTURED, encoding="utf-8")
    return exported("anki", unit_cards(unit), (), 1_700_000_000)


def test_a_front_s_picture_is_a_media_file_of_the_package_shown_above_the_front(tmp_path: Path) -> None:
    apkg = pictured_export(tmp_path)
    with zipfile.ZipFile(io.BytesIO(apkg)) as package:
        media = json.loads(package.read("media"))
        files = {name: package.read(number) for number, name in media.items()}
    stoma = (tmp_path / "pictures" / "stoma.png").read_bytes()
    assert sorted(files.values()) == sorted([stoma, (tmp_path / "pictures" / "vein.svg").read_bytes()])
    name = next(name for name, data in files.items() if data == stoma)
    assert name.startswith("printpack-") and name.endswith(".png")
    fronts = [fields[0] for *_, fields in opened(apkg, tmp_path).notes]
    assert fronts[0] == f'<div class="picture"><img src="{name}" alt="A pore “open” &amp; round"></div>Stoma'
    assert f'src="{name}"' in fronts[2] and fronts[3] == "Cuticle"
    assert pictured_export(tmp_path) == apkg


def test_a_front_picture_s_credit_is_in_small_type_under_its_image(tmp_path: Path) -> None:
    (tmp_path / "pictures").mkdir(exist_ok=True)
    Image.new("RGB", (40, 30), (40, 140, 60)).save(tmp_path / "pictures" / "stoma.png")
    unit = tmp_path / "leaves.yaml"
    long = "Drawn by " + "z" * 291  # the field's limit
    unit.write_text(PICTURED.replace("alt: The pore}", f"alt: The pore, credit: '{long}'}}").replace(
        "alt: 'A pore \"open\" & round'}", "alt: A pore, credit: 'Photo: *Ann* Lee & Co, CC BY 4.0'}").replace(
        "      - {front: Vein, back: Carries water, picture: {file: pictures/vein.svg, alt: Lines}}\n", ""),
        encoding="utf-8")
    apkg = exported("anki", unit_cards(unit), (), 1_700_000_000)
    fronts = [fields[0] for *_, fields in opened(apkg, tmp_path).notes]
    first = fronts[0]
    assert first.index("<img ") < first.index('<div class="credit" style="font-size: 11px;') < first.index("</div>Stoma")
    assert "Photo: <i>Ann</i> Lee &amp; Co, CC BY 4.0</div>" in first
    assert f">{long}</div>" in fronts[1]  # in full: a screen has room to scroll
