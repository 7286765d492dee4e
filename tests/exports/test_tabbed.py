"""The tab-separated text for Quizlet, read back line by line as Quizlet splits it."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from compiler.exports import exported, unit_cards

UNIT = """\
format: 1
unit: {id: photosynthesis, title: Photosynthesis, language: LANGUAGE}
glossary:
  - {term: Chlorophyll, definition: "The green pigment that *absorbs* light."}
flashcards:
  - id: equation
    title: The equation
    cards:
      - {front: "C~6~H~12~O~6~", back: "glucose, made from CO~2~ and water"}
      - front: What a leaf needs
        back:
          - light
          - "water and **carbon dioxide**"
      - {front: "Tab\\tinside", back: "a line\\nbreak, and   spaces"}
"""


def lines(tmp_path: Path, text: str = UNIT, sets: tuple[str, ...] = (), language: str = "en") -> list[list[str]]:
    unit = tmp_path / "photosynthesis.yaml"
    unit.write_text(text.replace("LANGUAGE", language), encoding="utf-8")
    data = exported("csv", unit_cards(unit), sets, 0)
    assert not data.startswith(b"\xef\xbb\xbf")  # no byte-order mark: Quizlet would keep it in the first term
    return [line.split("\t") for line in data.decode("utf-8").split("\n")]


def test_one_card_a_line_term_tab_definition_every_set_in_order(tmp_path: Path) -> None:
    assert lines(tmp_path) == [
        ["C₆H₁₂O₆", "glucose, made from CO₂ and water"],
        ["What a leaf needs", "light; water and carbon dioxide"],
        ["Tab inside", "a line break, and spaces"],
        ["Chlorophyll", "The green pigment that absorbs light."],
        [""],  # the last line ends like the others
    ]


def test_only_the_sets_named(tmp_path: Path) -> None:
    assert lines(tmp_path, sets=("glossary",)) == [["Chlorophyll", "The green pigment that absorbs light."], [""]]


def test_cyrillic_and_the_language_s_quotes_are_kept(tmp_path: Path) -> None:
    russian = UNIT.replace("Chlorophyll", "Хлорофилл").replace("The green pigment", 'Зелёный \\"пигмент\\"')
    assert ["Хлорофилл", "Зелёный «пигмент» that absorbs light."] in lines(tmp_path, russian, language="ru")


def test_a_front_s_picture_is_its_alt_text_in_brackets(tmp_path: Path) -> None:
    (tmp_path / "pictures").mkdir()
    Image.new("RGB", (40, 30), (40, 140, 60)).save(tmp_path / "pictures" / "leaf.png")
    text = UNIT + "      - {front: Leaf, back: Where it happens, picture: {file: pictures/leaf.png, alt: A green leaf}}\n"
    assert lines(tmp_path, text, ("equation",))[-2] == ["Leaf [A green leaf]", "Where it happens"]
