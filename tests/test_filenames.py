"""Output names that clash or that a file system refuses are located problems, found from the kinds' own names."""

from __future__ import annotations

from dataclasses import replace

import pytest

from compiler import filenames
from compiler.build.loading import unit_settings
from compiler.kinds import KINDS, registered
from compiler.model import Unit
from compiler.outputs import Settings, Target
from compiler.source import load_text
from compiler.validate import validate_unit

QUIZ = "    questions: [{type: short, prompt: P, answer: A}]\n"


def problems(text: str, settings: Settings | None = None) -> list[str]:
    source = load_text(text, "u.yaml")
    unit = validate_unit(source)
    chosen = unit_settings(unit, settings or Settings())
    return [f"{p.path}: {p.message}" for p in filenames.file_name_problems(unit, source, chosen)]


@pytest.mark.parametrize("name", ["con", "CON", "nul.txt", "Aux.tar.gz", "prn", "com1", "COM9.pdf", "lpt1", "lpt9"])
def test_windows_device_names_are_unusable_with_any_case_or_extension(name: str) -> None:
    assert "device name on Windows" in (filenames.unusable_name(name) or "")


@pytest.mark.parametrize("name", ["console", "com0", "com10", "lpt", "connect.pdf", "worksheet-con.pdf", "a" * 251 + ".pdf"])
def test_ordinary_names_are_usable(name: str) -> None:
    assert filenames.unusable_name(name) is None


def test_a_name_over_255_bytes_says_how_long_it_is() -> None:
    assert filenames.unusable_name("é" * 130) == f"the name '{'é' * 40}…' would be 260 bytes long; the limit is 255"


def test_the_command_line_versions_decide_which_names_clash() -> None:
    text = ("format: 1\nunit: {id: u, title: U}\nworksheets:\n"
            f"  - id: quiz\n    title: Q\n    versions: 2\n{QUIZ}  - id: quiz-b\n    title: Q\n{QUIZ}")
    assert problems(text, Settings(versions=1)) == []
    assert problems(text) == [
        ("worksheets[1].id: the output file 'worksheet-quiz-b.pdf' is also written for worksheets[0] 'quiz' (line 4) "
         "as 'worksheet-quiz-B.pdf', the same file where case does not count (macOS, Windows); "
         "one would overwrite the other")]


def test_a_clash_is_found_whatever_only_builds() -> None:
    text = ("format: 1\nunit: {id: u, title: U}\noutputs: {only: [handout]}\nworksheets:\n"
            f"  - id: quiz\n    title: Q\n{QUIZ}  - id: quiz-key\n    title: Q\n{QUIZ}")
    assert len(problems(text)) == 1


def _extra_targets(unit: Unit, settings: Settings) -> list[Target]:
    return [Target("extra", "Handout.pdf"), Target("extra", "x" * 300 + ".pdf", "e", origin=("events", 0))]


def test_a_new_kind_is_checked_from_its_own_targets() -> None:
    """A kind added to the registry later: its names are checked without a line in filenames.py."""
    with registered(replace(KINDS["handout"], name="extra", targets=_extra_targets)):
        found = problems("format: 1\nunit: {id: u, title: U}\nsections: [{heading: H, text: T}]\n"
                         "events: [{id: e, date: 1922, title: E}]\n")
    assert found == [
        "events[0].id: an output file cannot be created: the name '" + "x" * 40 + "…' would be 304 bytes long; "
        "the limit is 255",
        ("unit.id: the output file 'Handout.pdf' is also written for the unit as 'handout.pdf', "
         "the same file where case does not count (macOS, Windows); one would overwrite the other"),
    ]
