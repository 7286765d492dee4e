"""Every YAML example in docs/guide.md is checked by printpack as a teacher would use it.

What each ```yaml block of the guide is, read from its keys:

- a whole unit (it has ``format:``): checked as it is;
- only comments: put at the top of the unit below and checked;
- a part of a unit (its keys are a unit's: ``themes:``, ``events:``, ...): the guide builds one
  Cold War unit block by block, so each part is added to that unit so far (which starts as
  ``COLD_WAR`` below, holding what the examples refer to without showing it): its list items
  join the list, replacing any with the same id, its other values replace. The unit is checked
  after each; at the end the whole unit is built;
- a part of a section (``text:``, ``points:``) or of a worksheet (``questions:``): put in a
  section or a worksheet of that unit and checked;
- a theme file (``extends:`` or a theme's keys): loaded as a theme;
- anything else must be marked as no unit by an HTML comment on the line before the block,
  ``<!-- example: not a unit -->`` (a CI workflow), and is only read as YAML.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from PIL import Image
from pydantic import BaseModel

from compiler.build import Request, build, check
from compiler.model import Section, Unit, Worksheet
from compiler.theme import Theme, load_theme

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "guide.md"
NOT_A_UNIT = "<!-- example: not a unit -->"

# The Cold War unit the guide's parts belong to, as far as they refer to it without showing it.
COLD_WAR = {
    "format": "format: 1\n",
    "unit": "unit:\n  id: cold-war\n  title: The Cold War, 1945–1991\n",
    "themes": "themes:\n  - {id: superpowers, label: The superpowers}\n  - {id: europe, label: Divided Europe}\n",
    "people": "people:\n  - {id: truman, name: Harry S. Truman}\n  - {id: stalin, name: Joseph Stalin}\n",
    "glossary": ("glossary:\n"
                 "  - {term: Containment, definition: The US policy of stopping the spread of communism.}\n"
                 "  - {term: Iron Curtain, definition: The border between the communist east and the west.}\n"
                 "  - {term: Satellite state, definition: A country under the control of the USSR.}\n"
                 "  - {term: Marshall Plan, definition: American aid to rebuild Europe.}\n"),
    "events": ("events:\n"
               "  - {id: yalta, date: 1945-02-04, title: Yalta Conference}\n"
               "  - {id: truman-doctrine, date: 1947-03-12, title: Truman Doctrine}\n"
               "  - {id: berlin-blockade, date: 1948-06-24, title: Berlin Blockade}\n"
               "  - {id: nato, date: 1949-04, title: NATO founded}\n"),
}


@dataclass(frozen=True)
class Example:
    line: int  # of the opening fence in docs/guide.md
    text: str
    marked: bool  # as not a unit


def examples() -> list[Example]:
    lines = GUIDE.read_text(encoding="utf-8").splitlines()
    found, start = [], None
    for number, line in enumerate(lines, 1):
        if start is None and line.strip() == "```yaml":
            start = number
        elif start is not None and line.strip() == "```":
            found.append(Example(start, textwrap.dedent("\n".join(lines[start:number - 1]) + "\n"),
                                 start > 1 and lines[start - 2].strip() == NOT_A_UNIT))
            start = None
    return found


def _keys(example: Example) -> set[str]:
    """The example's top-level keys; none if it is only comments (lines for the top of a unit)."""
    return set(_chunks(example.text))


def _chunks(text: str) -> dict[str, str]:
    """A unit's text split at its top-level keys, each with the lines below it."""
    chunks: dict[str, str] = {}
    key = None
    for line in text.splitlines(keepends=True):
        top = re.match(r"([a-z_]+):", line)
        if top:
            key = top[1]
            chunks[key] = ""
        if key is not None:
            chunks[key] += line
    return chunks


def _items(chunk: str) -> list[str]:
    """The items of a list written under a top-level key, each with its lines."""
    return [item for item in re.split(r"(?m)^(?=  - )", chunk.partition("\n")[2]) if item.strip()]


def _name(item: str) -> str:
    found = re.search(r"\b(?:id|term|label): *([^,}\n#]+)", item)
    return found[1].strip() if found else item


def _added(before: str | None, chunk: str) -> str:
    """A list's items added to those it had, replacing any with the same id (or term); any
    other value replaced."""
    if before is None or not _items(chunk) or not chunk.startswith(before.partition("\n")[0]):
        return chunk
    names = {_name(item) for item in _items(chunk)}
    kept = [item for item in _items(before) if _name(item) not in names]
    return chunk.rstrip("\n") + "\n" + "".join(kept)


def _within(key: str, head: str, text: str) -> str:
    """``text`` (keys of a section or worksheet) as the one item of the list ``key``."""
    return f"{key}:\n  - {head}\n" + textwrap.indent(text, "    ")


def _problems(text: str, folder: Path) -> list[str]:
    _pictures(text, folder)
    unit = folder / "example.yaml"
    unit.write_text(text, encoding="utf-8")
    report = check(Request(paths=(unit,), out=folder / "out"))
    return [str(problem) for problem in report.all_problems()]


def _pictures(text: str, folder: Path) -> None:
    """The picture files an example names (``file: pictures/leaf.png``), made beside it: a plain
    PNG or JPEG of Pillow's, or a small SVG."""
    for name in set(re.findall(r"file: (pictures/[\w.-]+\.(?:png|jpe?g|svg))", text)):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".svg":
            path.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200"/>', encoding="utf-8")
        else:
            Image.new("RGB", (1200, 800), "white").save(path)


def _unit_keys(model: type[BaseModel]) -> set[str]:
    return set(model.model_fields)


def test_the_guide_has_its_examples() -> None:
    found = examples()
    assert len(found) >= 12
    assert sum("format:" in e.text for e in found) >= 1 and sum(e.marked for e in found) >= 1


def test_every_example_in_the_guide_is_right(tmp_path: Path) -> None:
    """Checked in the guide's order: each part is checked in the unit the blocks before it made."""
    unit = dict(COLD_WAR)
    wrong: list[str] = []
    for number, example in enumerate(examples()):
        folder = tmp_path / str(number)
        folder.mkdir()
        if example.marked:
            yaml.safe_load(example.text)
            continue
        keys = _keys(example)
        if "format" in keys:
            problems = _problems(example.text, folder)
        elif not keys:
            problems = _problems(example.text + "".join(unit.values()), folder)
        elif keys <= _unit_keys(Unit):
            unit.update({key: _added(unit.get(key), chunk) for key, chunk in _chunks(example.text).items()})
            problems = _problems("".join(unit.values()), folder)
        elif keys <= _unit_keys(Section):
            problems = _problems("".join({**unit, "sections": _within("sections", "heading: An example", example.text)}
                                         .values()), folder)
        elif keys <= _unit_keys(Worksheet):
            problems = _problems("".join({**unit, "worksheets": _within("worksheets", "id: examples\n    title: Examples",
                                                                         example.text)}.values()), folder)
        elif keys <= _unit_keys(Theme) | {"extends"}:
            (folder / "example.yaml").write_text(example.text, encoding="utf-8")
            try:
                load_theme(str(folder / "example.yaml"))
                problems = []
            except Exception as exc:  # noqa: BLE001 - reported below with the example's line
                problems = [str(exc)]
        else:
            problems = [f"keys {sorted(keys)} are neither a unit's nor a theme's: mark it with {NOT_A_UNIT}"]
        wrong += [f"guide.md:{example.line}: {problem}" for problem in problems]
    assert wrong == [], "\n".join(wrong)
    built = build(Request(paths=(_written(tmp_path, "".join(unit.values())),), out=tmp_path / "out", jobs=1))
    assert built.ok and built.count("built") >= 3, built.all_problems()


def _written(folder: Path, text: str) -> Path:
    path = folder / "cold-war.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("block", ["```yaml\ntext: >\n", "    text: >\n"])
def test_the_guide_teaches_one_block_style_the_one_that_keeps_paragraphs(block: str) -> None:
    assert block not in GUIDE.read_text(encoding="utf-8")


def test_ci_runs_the_readmes_install_and_test_commands_as_written() -> None:
    """CI proves the README's first command works on a machine with only Python: .ci/run holds
    each line of the README's install block, word for word."""
    readme = (GUIDE.parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index("## Install, build, test"):].split("```")[1]
    commands = [line.strip() for line in block.splitlines() if line.strip()]
    assert commands[0].startswith("python3 -m venv .venv && ")  # the system Python may refuse pip install
    ci = (GUIDE.parent.parent / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert [command for command in commands if command not in ci] == []
