"""Which flash-card files a unit gets, what each is made from (so an edit rebuilds only its own
file and the pack), the codes on the cards, and the kind in the registry, the pack and the index."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from pypdf import PdfReader

from compiler.build import Request, build
from compiler.kinds import KINDS
from compiler.outputs import Settings

UNIT = """\
format: 1
unit: {id: meiji, title: Meiji Japan, licence: CC0}
people:
  - {id: okubo, name: Ōkubo Toshimichi, role: Leader of the Iwakura Mission's reforms}
  - {id: saigo, name: Saigō Takamori}
glossary:
  - {term: Daimyō, definition: A feudal lord of a domain.}
  - {term: Zaibatsu, definition: A family-owned business conglomerate.}
events:
  - {id: restoration, date: 1868-01-03, title: The Meiji Restoration}
  - {id: satsuma, date: 1877, title: The Satsuma Rebellion}
card_sorts:
  - id: reforms
    title: Reforms
    mode: categories
    categories:
      - {id: army, label: The army}
      - {id: money, label: Money}
    cards:
      - {text: Conscription, category: army}
      - {text: Land tax, category: money}
flashcards:
  - id: reforms-words
    title: Words of the reforms
    cards:
      - {front: Haihan-chiken, back: Domains replaced by prefectures (1871)}
      - front: Iwakura Mission
        back: [to revise the unequal treaties, to study the West]
OUTPUTS"""


def write(tmp_path: Path, outputs: str = "", text: str = UNIT) -> Path:
    source = tmp_path / "meiji.yaml"
    source.write_text(text.replace("OUTPUTS", outputs), encoding="utf-8")
    return source


def built_files(report) -> list[str]:
    return sorted(o.path.split("/")[1] for u in report.units for o in u.outputs if o.state == "built")


def test_one_file_per_set_written_or_made_from_the_unit(tmp_path: Path) -> None:
    report = build(Request(paths=(write(tmp_path),), out=tmp_path / "out", settings=Settings(only=("flashcards",))))
    assert built_files(report) == ["flashcards-events.pdf", "flashcards-glossary.pdf", "flashcards-people.pdf",
                                   "flashcards-reforms-words.pdf"]
    with pdfplumber.open(tmp_path / "out" / "meiji" / "flashcards-people.pdf") as pdf:
        text = pdf.pages[0].extract_text()
    assert "Ōkubo Toshimichi" in " ".join(text.split()) and "Saigō" not in text  # people without a role have no card


def test_the_code_names_the_set_and_the_card_of_the_count_on_both_sides(tmp_path: Path) -> None:
    """Not a card sort's letter and number (B7): the set's id, the card's number and the count."""
    build(Request(paths=(write(tmp_path),), out=tmp_path / "out", settings=Settings(only=("flashcards", "cardsort"))))
    with pdfplumber.open(tmp_path / "out" / "meiji" / "flashcards-reforms-words.pdf") as pdf:
        sides = [" ".join(page.extract_text().split()) for page in pdf.pages]
    assert all("reforms-words · 1/2" in side and "reforms-words · 2/2" in side for side in sides)


def test_editing_a_glossary_term_rebuilds_its_cards_the_handout_and_the_pack_only(tmp_path: Path) -> None:
    source, out = write(tmp_path), tmp_path / "out"
    build(Request(paths=(source,), out=out))
    source.write_text(source.read_text(encoding="utf-8").replace("term: Zaibatsu", "term: Zaibatsu group"),
                      encoding="utf-8")
    report = build(Request(paths=(source,), out=out))
    assert built_files(report) == ["flashcards-glossary.pdf", "handout.pdf", "pack.pdf"]
    with pdfplumber.open(out / "meiji" / "flashcards-glossary.pdf") as pdf:
        assert "Zaibatsu group" in pdf.pages[0].extract_text()


def test_editing_a_written_card_or_the_event_front_rebuilds_only_that_set(tmp_path: Path) -> None:
    source, out = write(tmp_path), tmp_path / "out"
    build(Request(paths=(source,), out=out, settings=Settings(only=("flashcards",))))
    source.write_text(source.read_text(encoding="utf-8").replace("to study the West", "to learn from the West"),
                      encoding="utf-8")
    report = build(Request(paths=(source,), out=out, settings=Settings(only=("flashcards",))))
    assert built_files(report) == ["flashcards-reforms-words.pdf"]
    write(tmp_path, "outputs:\n  flashcards: {event_front: date}\n",
          source.read_text(encoding="utf-8") + "OUTPUTS")
    report = build(Request(paths=(source,), out=out, settings=Settings(only=("flashcards",))))
    assert built_files(report) == ["flashcards-events.pdf"]


def test_outputs_choose_which_sets_are_built(tmp_path: Path) -> None:
    source = write(tmp_path, "outputs:\n  flashcards: {sets: [], generate: [glossary]}\n")
    report = build(Request(paths=(source,), out=tmp_path / "out", settings=Settings(only=("flashcards",))))
    assert built_files(report) == ["flashcards-glossary.pdf"]


def test_the_kind_comes_after_worksheets_and_its_sets_follow_them_in_the_pack_in_the_unit_s_order(tmp_path: Path) -> None:
    assert list(KINDS).index("flashcards") == list(KINDS).index("worksheet") + 1
    assert KINDS["flashcards"].pack_rank > KINDS["worksheet"].pack_rank  # type: ignore[operator]
    out = tmp_path / "out"
    build(Request(paths=(write(tmp_path),), out=out))
    outline = [item.title for item in PdfReader(out / "meiji" / "pack.pdf").outline]
    assert outline[-4:] == ["Flash cards: Words of the reforms", "Flash cards: Glossary", "Flash cards: Key people",
                            "Flash cards: Key dates"]  # as the unit has them: written sets first
    assert outline.index("Card sort: Reforms") < len(outline) - 4
    assert "Flash cards" not in " ".join(item.title for item in PdfReader(out / "meiji" / "pack-key.pdf").outline)


def test_the_pack_keeps_each_front_page_on_the_front_of_a_sheet(tmp_path: Path) -> None:
    """A part starts on a right-hand page, and fronts and backs come in pairs: every fronts page
    is the front of a sheet, so its backs print behind it."""
    out = tmp_path / "out"
    build(Request(paths=(write(tmp_path),), out=out))
    pack = PdfReader(out / "meiji" / "pack.pdf")
    fronts = [k for k, page in enumerate(pack.pages) if "Haihan-chiken" in page.extract_text()]
    assert len(fronts) == 1 and fronts[0] % 2 == 0


def test_fold_over_sets_get_a_blank_back_in_the_pack_and_short_edge_sets_stay_out(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(Request(paths=(write(tmp_path, "outputs:\n  flashcards: {flip: fold, generate: []}\n"),), out=out))
    pack = PdfReader(out / "meiji" / "pack.pdf")
    page = next(k for k, p in enumerate(pack.pages) if "Haihan-chiken" in p.extract_text())
    assert "Haihan-chiken" not in pack.pages[page + 1].extract_text()
    assert "Domains replaced" in pack.pages[page].extract_text()  # the back beside its front
    build(Request(paths=(write(tmp_path, "outputs:\n  flashcards: {flip: short-edge, generate: []}\n"),), out=out))
    titles = [item.title for item in PdfReader(out / "meiji" / "pack.pdf").outline]
    assert not [title for title in titles if title.startswith("Flash cards")]


def test_the_index_page_says_how_to_print_each_set(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(Request(paths=(write(tmp_path),), out=out, settings=Settings(only=("flashcards",))))
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Flash cards: Words of the reforms" in index and "Flash cards: Glossary" in index
    assert index.count("Print on both sides, flip on the long edge") == 4
    build(Request(paths=(write(tmp_path, "outputs:\n  flashcards: {flip: short-edge}\n"),), out=out,
                  settings=Settings(only=("flashcards",))))
    assert (out / "index.html").read_text(encoding="utf-8").count("flip on the short edge") == 4
    build(Request(paths=(write(tmp_path, "outputs:\n  flashcards: {flip: fold}\n"),), out=out,
                  settings=Settings(only=("flashcards",))))
    assert (out / "index.html").read_text(encoding="utf-8").count("fold each card along its fold line") == 4


def test_a_russian_unit_s_cards_are_worded_in_russian(tmp_path: Path) -> None:
    text = UNIT.replace("licence: CC0}", "licence: CC0, language: ru}")
    out = tmp_path / "out"
    build(Request(paths=(write(tmp_path, "outputs:\n  flashcards: {flip: fold}\n", text),), out=out))
    with pdfplumber.open(out / "meiji" / "flashcards-glossary.pdf") as pdf:
        assert "".join(c["text"] for c in pdf.pages[0].chars if not c["upright"]) == "сгиб" * 2
    outline = [item.title for item in PdfReader(out / "meiji" / "pack.pdf").outline]
    assert "Карточки для запоминания: Глоссарий" in outline or any(t.startswith("Карточки для запоминания")
                                                                    for t in outline)


def test_same_unit_same_bytes(tmp_path: Path) -> None:
    source = write(tmp_path)
    for name in ("one", "two"):
        build(Request(paths=(source,), out=tmp_path / name, settings=Settings(only=("flashcards",))))
    for pdf in (tmp_path / "one" / "meiji").glob("flashcards-*.pdf"):
        assert pdf.read_bytes() == (tmp_path / "two" / "meiji" / pdf.name).read_bytes()


def test_a_unit_of_flash_cards_only_gets_a_pack_of_them(tmp_path: Path) -> None:
    text = "format: 1\nunit: {id: meiji, title: Meiji Japan}\n" + UNIT[UNIT.index("flashcards:"):]
    out = tmp_path / "out"
    assert build(Request(paths=(write(tmp_path, "", text),), out=out)).ok
    assert sorted(p.name for p in (out / "meiji").glob("*.pdf")) == ["flashcards-reforms-words.pdf", "pack.pdf"]
