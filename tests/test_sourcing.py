"""Sources planned as boxes: lettered in the order a file prints them, with their provenance line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from PIL import Image

from compiler import sourcing
from compiler.model import Unit
from compiler.source import load_text
from compiler.validate import validate_unit
from compiler.wording import Wording

# A unit on the French Revolution with three sources (one an interpretation, one a picture)
# printed by a handout and by two worksheets, and a fourth printed only in the insert of the
# second worksheet. The tests of the handout, the
# worksheet, the pack and the build use it too (:func:`sources_unit`).
SOURCES_UNIT = """\
format: 1
unit:
  id: revolution
  title: The French Revolution
  language: LANGUAGE
sections:
  - title: The fall of the Bastille
    text: |
      On 14 July 1789 a crowd stormed the Bastille. @desmoulins describes the mood and
      @lefebvre explains it. Write to office\\@school.org.
    points:
      - The cartoon (@cartoon) comes later.
    sources: [desmoulins, lefebvre]
    box:
      title: Think
      text: Compare @desmoulins with @lefebvre.
  - title: The Terror
    text: The cartoon mocks the Committee of Public Safety.
    sources: [cartoon, desmoulins]
sources:
  - id: lefebvre
    kind: interpretation
    author: Georges Lefebvre
    date: "1939"
    origin: The Coming of the French Revolution
    text: The revolution of 1789 was four revolutions in one, of the aristocracy, the bourgeoisie, the people of the towns and the peasants.
  - id: cartoon
    origin: a cartoon published in Paris
    date: 1793
    picture:
      file: pictures/cartoon.png
      alt: A fortress drawn as a circle in a square
      credit: Drawn for the tests, CC BY
  - id: desmoulins
    author: Camille Desmoulins
    date: 1789-07
    origin: a letter to his father
    adapted: true
    text: |
      The people were in the streets from dawn; every face shone with a hope I had never seen.

      By evening the fortress had fallen, and the city sang.
  - id: sieyes
    author: Emmanuel Sieyès
    date: 1789-01
    origin: a pamphlet
    text: What is the Third Estate? Everything.
worksheets:
  - id: inline
    title: Using sources
    versions: VERSIONS
    questions:
      - type: short
        prompt: What does @desmoulins tell you about the mood in Paris?
        sources: [desmoulins]
        marks: 2
        answer: Hopeful and joyful.
      - type: short
        prompt: How far does @lefebvre agree with @desmoulins?
        sources: [lefebvre, desmoulins]
        marks: 4
        answer: Partly.
      - type: short
        prompt: What is the message of @cartoon? Write to office\\@school.org.
        sources: [cartoon]
        marks: 3
        answer: The Committee is a prison.
  - id: exam
    title: Exam practice
    insert: true
    questions:
      - type: short
        prompt: What does @sieyes say the Third Estate is?
        sources: [sieyes]
        answer: Everything.
      - type: short
        prompt: How useful is @lefebvre?
        sources: [lefebvre]
        marks: 8
        answer: Useful for the causes.
      - type: short
        prompt: What does @cartoon show?
        sources: [cartoon, desmoulins]
        marks: 4
        answer: The Terror.
"""


def sources_unit(folder: Path, *, language: str = "en", versions: int = 1, text: str = SOURCES_UNIT) -> Path:
    """The unit above written in ``folder``, with its picture made here (300 × 200 pixels)."""
    (folder / "pictures").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (300, 200), "grey").save(folder / "pictures" / "cartoon.png")
    path = folder / "unit.yaml"
    path.write_text(text.replace("LANGUAGE", language).replace("VERSIONS", str(versions)), encoding="utf-8")
    return path


def validated(path: Path) -> Unit:
    return validate_unit(load_text(path.read_text(encoding="utf-8"), str(path)), languages=("en", "ru", "de"))


def test_sources_are_lettered_in_the_order_the_file_prints_them_whatever_the_unit_s_order(tmp_path: Path) -> None:
    unit = validated(sources_unit(tmp_path))
    printed = ["desmoulins", "lefebvre", "cartoon", "desmoulins"]
    assert sourcing.labels(unit, printed, Wording(None, "en")) == {
        "desmoulins": "Source A", "lefebvre": "Interpretation 1", "cartoon": "Source B"}
    boxes = sourcing.planned(unit, printed, Wording(None, "en"))
    assert [(b.id, b.label, b.path) for b in boxes] == [
        ("desmoulins", "Source A", ("sources", 2)), ("lefebvre", "Interpretation 1", ("sources", 0)),
        ("cartoon", "Source B", ("sources", 1))]
    assert sourcing.grouped_marks(boxes) == (["A", "B"], ["1"])


@pytest.mark.parametrize(("language", "label", "continued", "provenance", "interpretation"), [
    ("en", "Source A", "Source A (continued)", "Camille Desmoulins, a letter to his father, July 1789 (adapted)",
     "Interpretation 1"),
    ("ru", "Источник A", "Источник A (продолжение)",
     "Camille Desmoulins, a letter to his father, июль 1789 (адаптировано)", "Интерпретация 1"),
    ("de", "Quelle A", "Quelle A (Fortsetzung)", "Camille Desmoulins, a letter to his father, Juli 1789 (bearbeitet)",
     "Darstellung 1"),
])
def test_a_box_has_its_label_and_provenance_in_the_unit_s_language(tmp_path: Path, language: str, label: str,
                                                                    continued: str, provenance: str,
                                                                    interpretation: str) -> None:
    unit = validated(sources_unit(tmp_path, language=language))
    desmoulins, lefebvre = sourcing.planned(unit, ["desmoulins", "lefebvre"], Wording(None, language))
    assert (desmoulins.label, desmoulins.continued, desmoulins.provenance) == (label, continued, provenance)
    assert desmoulins.paragraphs == (("The people were in the streets from dawn; every face shone with a hope I had "
                                     "never seen."), "By evening the fortress had fallen, and the city sang.")
    assert lefebvre.label == interpretation


@pytest.mark.parametrize(("fields", "provenance"), [
    ("{author: Olympe de Gouges}", "Olympe de Gouges"),
    ("{origin: a pamphlet, date: 1791-09-05}", "a pamphlet, 5 September 1791"),
    ("{date: c. 1790, adapted: true}", "c. 1790 (adapted)"),
    ("{adapted: true}", "Adapted"),
    ("{}", ""),
])
def test_the_provenance_line_names_what_the_unit_gives(fields: str, provenance: str) -> None:
    text = f"""\
    format: 1
    unit: {{id: gouges, title: Women and the Revolution}}
    sources:
      - {{id: declaration, text: Woman is born free., {fields.strip("{}")}}}
    """.replace(", }", "}")
    unit = validate_unit(load_text(textwrap.dedent(text), "gouges.yaml"))
    (box,) = sourcing.planned(unit, ["declaration"], Wording(None, "en"))
    assert box.provenance == provenance


def test_a_picture_source_keeps_its_picture_and_credit(tmp_path: Path) -> None:
    unit = validated(sources_unit(tmp_path))
    (box,) = sourcing.planned(unit, ["cartoon"], Wording(None, "en"))
    assert box.picture is not None and (box.picture.width, box.picture.height) == (300, 200)
    assert (box.credit, box.alt, box.paragraphs) == ("Drawn for the tests, CC BY", "A fortress drawn as a circle in a square",
                                                     ())
