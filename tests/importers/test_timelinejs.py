"""TimelineJS timelines (JSON, and the Google Sheets template as CSV) read into a draft, and the
unit written from it passing check and building a timeline. The fixtures are in files/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from click.testing import CliRunner

from compiler import markup
from compiler.cli import main
from compiler.importers import detect
from compiler.importers.draft import Draft, Part, Unreadable
from compiler.importers.timelinejs import read_csv, read_json, sniff_csv, sniff_json
from compiler.importers.write import unit_yaml

FILES = Path(__file__).parent / "files"
HEADER = ("Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,"
          "Media Credit,Media Caption,Media Thumbnail,Type,Group,Background")


def _file(name: str) -> bytes:
    return (FILES / name).read_bytes()


def _sheet(*rows: str, header: str = HEADER) -> bytes:
    return "\n".join((header, *rows)).encode()


def _timeline(events: list[dict[str, Any]], **more: Any) -> bytes:
    return json.dumps({"events": events, **more}).encode()


def _event(year: object, headline: str, **more: Any) -> dict[str, Any]:
    return {"start_date": {"year": year}, "text": {"headline": headline}, **more}


def _data(parts: tuple[Part, ...]) -> list[dict[str, Any]]:
    return [part.data for part in parts]


def _by_title(draft: Draft) -> dict[str, Part]:
    return {part.data["title"]: part for part in draft.events}


# --- the JSON form ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def revolution() -> Draft:
    return read_json("revolution.json", _file("timelinejs-revolution.json"))


def test_json_events_keep_the_source_order_with_dates_titles_and_details(revolution: Draft) -> None:
    assert [(e["date"], e["title"]) for e in _data(revolution.events)] == [
        ("1789-05-05", "Estates-General meets"),
        ("1789-07-14", "Storming of the **Bastille**"),
        ("1792-09", "The Republic at war"),
        ("1793", "Storming of the Bastille"),
    ]
    war = _by_title(revolution)["The Republic at war"].data
    assert war["end"] == "1794-07"


def test_json_html_becomes_plain_text_with_emphasis_and_entities_decoded(revolution: Draft) -> None:
    events = _by_title(revolution)
    # <p> blocks are paragraphs, <i> is *…*, &nbsp; a space; &amp; and &#8217; the characters
    assert events["Estates-General meets"].data["detail"] == (
        "The *three orders* meet at Versailles.\n\nThe Third Estate walks out.")
    assert events["Storming of the **Bastille**"].data["detail"] == "Crowds take the fortress & its powder."
    assert revolution.title == "The French Revolution, 1789\u20131799"


def test_json_ids_are_the_unique_id_when_it_is_an_id_else_the_headline_made_unique(revolution: Draft) -> None:
    assert [e["id"] for e in _data(revolution.events)] == [
        "estates-general", "storming-of-the-bastille", "the-republic-at-war", "storming-of-the-bastille-2"]


def test_groups_become_themes_in_the_order_they_first_appear(revolution: Draft) -> None:
    assert _data(revolution.themes) == [{"id": "politics", "label": "Politics"}, {"id": "paris", "label": "Paris"}]
    assert [e.get("themes") for e in _data(revolution.events)] == [["politics"], ["paris"], ["politics"], None]


def test_eras_become_periods_and_their_text_is_said_to_be_dropped(revolution: Draft) -> None:
    assert _data(revolution.periods) == [{"label": "First Republic", "start": "1792-09-21", "end": "1804-05-18"}]
    assert "its text is not kept" in revolution.periods[0].origin


def test_what_the_format_has_no_field_for_is_said_above_the_event(revolution: Draft) -> None:
    origin = _by_title(revolution)["Storming of the **Bastille**"].origin
    assert origin.startswith("event 2")
    assert "display date 'Summer 1789'" in origin
    assert "time 15:30 dropped (the format has dates only)" in origin
    assert "https://example.org/bastille.jpg" in origin and "no images yet" in origin


def test_the_title_slides_text_and_each_slide_left_out_are_noted(revolution: Draft) -> None:
    assert any("title slide's text" in note and "Napoleon\u2019s coup" in note for note in revolution.notes)
    assert any(note.startswith("event 5 ('A rumour of grain') left out") and "no year" in note
               for note in revolution.notes)


def test_a_json_timeline_without_a_title_slide_has_no_title() -> None:
    draft = read_json("t.json", _timeline([_event(1868, "Charter Oath")]))
    assert draft.title is None
    assert _data(draft.events) == [{"id": "charter-oath", "date": "1868", "title": "Charter Oath"}]
    assert "title: T" in unit_yaml(draft, "t")  # the writer's title, from the unit's id


def test_json_years_are_read_as_timelinejs_writes_them() -> None:
    draft = read_json("t.json", _timeline([_event("-44", "Caesar murdered", start_date={"year": "-44", "month": "3",
                                                                                          "day": "15"}),
                                           _event(1922.0, "A float year"), _event("1,905", "A formatted year")]))
    assert [e["date"] for e in _data(draft.events)] == ["-44-03-15", "1922", "1905"]


def test_the_display_dates_of_a_start_and_an_end_are_both_said() -> None:
    event = _event(1792, "Revolutionary Wars", end_date={"year": 1802, "display_date": "Peace of Amiens"})
    event["start_date"]["display_date"] = "April 1792"
    (part,) = read_json("t.json", _timeline([event])).events
    assert "display date 'April 1792 – Peace of Amiens'" in part.origin


def test_a_json_end_before_its_start_is_left_off_and_said() -> None:
    draft = read_json("t.json", _timeline([_event(1870, "Backwards", end_date={"year": 1860})]))
    (event,) = draft.events
    assert "end" not in event.data
    assert "end 1860 left off: it is before the start" in event.origin


def test_json_that_is_not_a_timeline_is_unreadable_with_its_line() -> None:
    with pytest.raises(Unreadable, match="not valid JSON") as broken:
        read_json("t.json", b'{\n "events": [\n  {"start_date": }\n ]\n}')
    assert broken.value.line == 3
    with pytest.raises(Unreadable, match='no list of "events"'):
        read_json("t.json", b'{"timeline": {"date": []}}')


def test_a_timeline_with_nothing_dated_is_unreadable() -> None:
    with pytest.raises(Unreadable, match=r"no event could be read: event 1 .* no year"):
        read_json("t.json", _timeline([{"text": {"headline": "Undated"}}], title={"text": {"text": "Introduction"}}))
    with pytest.raises(Unreadable, match="the timeline has no events"):
        read_json("t.json", _timeline([], title={"text": {"headline": "Empty", "text": "Nothing yet."}}))


# --- the CSV form -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def meiji() -> Draft:
    return read_csv("meiji.csv", _file("timelinejs-meiji.csv"))


def test_csv_with_a_bom_gives_title_events_and_an_era(meiji: Draft) -> None:
    assert meiji.title == "Meiji Japan"
    assert [e["title"] for e in _data(meiji.events)] == [
        "Perry\u2019s black ships", "Meiji Restoration", "Domains abolished", "Satsuma Rebellion", "Legendary founding"]
    assert _data(meiji.periods) == [{"label": "Meiji era", "start": "1868", "end": "1912"}]
    assert meiji.periods[0].origin == "row 4"


def test_empty_month_and_day_cells_leave_the_date_partial_and_bc_is_negative(meiji: Draft) -> None:
    dates = {e["title"]: (e["date"], e.get("end")) for e in _data(meiji.events)}
    assert dates["Domains abolished"] == ("1871-08", None)
    assert dates["Satsuma Rebellion"] == ("1877", "1877-09")
    assert dates["Legendary founding"] == ("-660-02-11", None)


def test_csv_rows_are_named_by_their_spreadsheet_row(meiji: Draft) -> None:
    assert [part.origin.split(";")[0] for part in meiji.events] == ["row 3", "row 5", "row 6", "row 7", "row 11"]
    restoration = _by_title(meiji)["Meiji Restoration"].origin
    assert "display date 'Early 1868'" in restoration and "time 09:00 dropped" in restoration


def test_a_month_name_or_a_missing_year_leaves_the_row_out_with_a_note(meiji: Draft) -> None:
    assert "row 8 ('Constitution promulgated') left out: its start month 'Feb' is not a number from 1 to 12; " \
           "write the number" in meiji.notes
    assert "row 10 ('A row without a year') left out: its start has no year, and printpack never guesses a date" \
           in meiji.notes


def test_csv_html_is_reduced_and_the_title_rows_text_noted(meiji: Draft) -> None:
    perry = _by_title(meiji)["Perry\u2019s black ships"].data
    assert perry["detail"] == "Four US warships anchor at Uraga.\n\nJapan\u2019s isolation ends."
    assert _by_title(meiji)["Meiji Restoration"].data["detail"] == "The emperor\u2019s rule is **restored**."
    assert any("How Japan *remade* itself." in note for note in meiji.notes)


def test_columns_are_found_by_name_in_any_order_and_case_with_extra_columns() -> None:
    content = _sheet("Bastille,14,7,1789,Paris,yes", "Varennes,,6,1791,,",
                     header="HEADLINE,day,month,year,group,Checked by")
    draft = read_csv("t.csv", content)
    assert _data(draft.events) == [
        {"id": "bastille", "date": "1789-07-14", "title": "Bastille", "themes": ["paris"]},
        {"id": "varennes", "date": "1791-06", "title": "Varennes"},
    ]


def test_a_tab_separated_download_is_read_too() -> None:
    content = "Year\tMonth\tDay\tHeadline\tText\n1789\t8\t26\tDeclaration of the Rights of Man\tAdopted.\n"
    assert _data(read_csv("t.tsv", content.encode()).events)[0]["date"] == "1789-08-26"


def test_an_unreadable_end_is_left_off_but_the_event_kept() -> None:
    draft = read_csv("t.csv", _sheet("1799,11,9,,,11,,,,Coup of 18 Brumaire,,,,,,,,",
                                     "1804,12,2,,1804,13,,,,Coronation,,,,,,,,"))
    assert [("end" in part.data, part.origin) for part in draft.events] == [
        (False, "row 2; end left off: its end has a month or day but no year, and printpack never guesses a date"),
        (False, "row 3; end left off: its end month '13' is not a number from 1 to 12; write the number"),
    ]


def test_an_era_without_an_end_is_left_out() -> None:
    draft = read_csv("t.csv", _sheet("1789,,,,,,,,,Revolution,,,,,,era,,", "1789,7,14,,,,,,,Bastille,,,,,,,,"))
    assert draft.periods == ()
    assert draft.notes == (("row 2 ('Revolution') left out: an era needs a start and an end date, and printpack "
                            "never guesses a date"),)


def test_a_second_title_row_is_an_event_as_timelinejs_reads_it() -> None:
    draft = read_csv("t.csv", _sheet(",,,,,,,,,Meiji Japan,,,,,,title,,", "1868,,,,,,,,,Meiji Japan again,,,,,,title,,"))
    assert draft.title == "Meiji Japan"
    assert [e["title"] for e in _data(draft.events)] == ["Meiji Japan again"]
    assert "row 3 is a second title slide" in draft.notes[0]


def test_a_sheet_that_is_not_the_template_is_unreadable_at_line_1() -> None:
    with pytest.raises(Unreadable, match="no Year and Headline columns") as raised:
        read_csv("t.csv", b"term,definition\nsoviet,council\n")
    assert raised.value.line == 1


def test_a_sheet_with_no_dated_row_is_unreadable_at_the_first_row_left_out() -> None:
    with pytest.raises(Unreadable, match=r"no event could be read: row 3 .*'July' is not a number") as raised:
        read_csv("t.csv", _sheet("", "1789,July,14,,,,,,,Bastille,,,,,,,,"))
    assert raised.value.line == 3


# --- literal markup characters -------------------------------------------------------------------


@pytest.mark.parametrize(("html", "printed"), [
    ("Prices rose by 5 * 3 percent", "Prices rose by 5 * 3 percent"),  # cannot be emphasis
    ("see *note* here", "see *note* here"),  # would be emphasis, so escaped
    ("<i>Le Moniteur</i> and *Le Patriote* and 2*3*4", "Le Moniteur and *Le Patriote* and 2*3*4"),
    ("a \\*starred\\* word", "a \\*starred\\* word"),  # backslashes the source has
    ("H~2~O and x^2^", "H~2~O and x^2^"),
])
def test_literal_markup_characters_print_as_the_source_shows(html: str, printed: str) -> None:
    (event,) = read_json("t.json", _timeline([_event(1789, "Headline", text={"headline": "Headline",
                                                                             "text": html})])).events
    detail = event.data["detail"]
    assert markup.plain(detail) == printed
    assert ("<i>" in str(markup.inline(detail))) == ("<i>" in html)
    assert "<sub>" not in str(markup.inline(detail)) and "<super>" not in str(markup.inline(detail))


def test_an_escape_is_written_only_where_it_changes_something() -> None:
    (event,) = read_json("t.json", _timeline([_event(1, "A", text={"headline": "A", "text": "5 * 3 and 2*3*4"})])).events
    assert event.data["detail"] == "5 * 3 and 2*3*4"


# --- sniffing -----------------------------------------------------------------------------------


def test_each_form_is_recognised_by_what_the_file_holds() -> None:
    json_file, csv_file = _file("timelinejs-revolution.json"), _file("timelinejs-meiji.csv")
    assert sniff_json("x.txt", json_file) and not sniff_json("x.json", csv_file)
    assert sniff_csv("x.txt", csv_file) and not sniff_csv("x.csv", json_file)
    assert not sniff_json("x.json", b'{"cards": []}')
    assert not sniff_csv("x.csv", b"term,definition\nsoviet,council\n")
    assert not sniff_csv("x.csv", b"\xff\xfe\x00broken")


# --- the written unit ---------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "read"), [("timelinejs-revolution.json", read_json),
                                            ("timelinejs-meiji.csv", read_csv)])
def test_the_written_unit_passes_check_and_builds_a_timeline(name: str, read: Any, tmp_path: Path) -> None:
    draft = read(name, _file(name))
    unit = tmp_path / "imported.yaml"
    unit.write_text(unit_yaml(draft, "imported", name), encoding="utf-8")
    runner = CliRunner()
    checked = runner.invoke(main, ["check", str(unit)])
    assert checked.exit_code == 0, checked.output
    built = runner.invoke(main, ["build", str(unit), "--out", str(tmp_path / "out"), "--only", "timeline"])
    assert built.exit_code == 0, built.output
    with pdfplumber.open(tmp_path / "out" / "imported" / "timeline.pdf") as pdf:
        text = " ".join((page.extract_text() or "") for page in pdf.pages)
    flat = " ".join(text.split())
    for part in draft.events[:2]:
        assert markup.plain(part.data["title"]).split()[0] in flat
    for period in draft.periods:
        assert period.data["label"] in flat


@pytest.mark.parametrize(("name", "expected"), [("timelinejs-revolution.json", "timelinejs-json"),
                                                ("timelinejs-meiji.csv", "timelinejs-csv")])
def test_printpack_import_finds_each_form_before_the_formats_that_would_also_take_it(name: str, expected: str) -> None:
    # a TimelineJS CSV is also comma-separated text a Quizlet reader would take
    assert detect(f"exported{Path(name).suffix}", _file(name)).name == expected
