"""The registry of question types, proved with a type defined in this folder (``short_answer``):
once registered it validates, checks, plans, draws and appears in the schema; a type that is
not registered is a located error listing the registered ones."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from compiler.build import Request, build
from compiler.cli import main
from compiler.outputs import Settings
from compiler.questions import QUESTION_TYPES, register, unregister
from tests.kinds.test_worksheet import pages_text
from tests.questions import short_answer

UNIT = """\
format: 1
unit: {id: extra, title: Extra types}
worksheets:
  - id: quiz
    title: A quiz
    questions:
      - type: choice
        prompt: Which treaty was signed in 1922?
        options: [Rapallo, Locarno]
        answer: Rapallo
      - type: %s
        prompt: Name the Soviet foreign commissar in 1922.
        answer: Georgy Chicherin
        marks: 2
"""
BUILT_IN = "choice, true_false, short, gap_fill, match, order, extended, source, label"


@pytest.fixture
def registered() -> Iterator[None]:
    register(short_answer.TYPE)
    yield
    unregister("short_answer")


def check(path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", str(path)])
    return result.exit_code, result.stderr


@pytest.mark.usefixtures("registered")
def test_a_registered_type_prints_its_prompt_on_the_sheet_and_its_answer_in_the_key(
        unit_file: Callable[..., Path], tmp_path: Path) -> None:
    report = build(Request(paths=(unit_file(UNIT % "short_answer"),), out=tmp_path / "out",
                           settings=Settings(only=("worksheet",))))
    assert report.ok, report.all_problems()
    (sheet,) = pages_text(tmp_path / "out" / "extra" / "worksheet-quiz.pdf")
    (key,) = pages_text(tmp_path / "out" / "extra" / "worksheet-quiz-key.pdf")
    assert "2. Name the Soviet foreign commissar in 1922. [2]" in sheet and "Chicherin" not in sheet
    assert "Name the Soviet foreign commissar in 1922. Georgy Chicherin" in key
    assert "Total: ______ / 3" in sheet


@pytest.mark.usefixtures("registered")
def test_check_accepts_a_registered_type_and_runs_its_own_checks(unit_file: Callable[..., Path]) -> None:
    assert check(unit_file(UNIT % "short_answer")) == (0, "check: 1 unit(s)\n")
    repeated = unit_file((UNIT % "short_answer").replace("answer: Georgy Chicherin",
                                                         "answer: Name the Soviet foreign commissar in 1922."))
    code, messages = check(repeated)
    assert code == 1
    assert f"{repeated}:13:17: worksheets[0] (quiz).questions[1].answer: the answer repeats the prompt" in messages


@pytest.mark.usefixtures("registered")
def test_an_unknown_type_is_a_located_error_listing_the_registered_types(unit_file: Callable[..., Path]) -> None:
    path = unit_file(UNIT % "essay")
    code, messages = check(path)
    assert code == 1
    assert (f"{path}:11:15: worksheets[0] (quiz).questions[1].type: unknown question type 'essay' — "
            f"one of: {BUILT_IN}, short_answer") in messages


@pytest.mark.usefixtures("registered")
def test_the_schema_offers_a_registered_type() -> None:
    schema = json.loads(CliRunner().invoke(main, ["schema"]).stdout)
    answer = schema["$defs"]["ShortAnswer"]
    assert answer["properties"]["type"]["const"] == "short_answer"
    assert answer["properties"]["answer"]["description"] == "printed in the key only"


def test_registering_rebuilds_the_model_and_unregistering_undoes_it(unit_file: Callable[..., Path]) -> None:
    path = unit_file(UNIT % "short_answer")
    code, messages = check(path)
    assert code == 1 and f"unknown question type 'short_answer' — one of: {BUILT_IN}\n" in messages
    register(short_answer.TYPE)
    try:
        assert check(path) == (0, "check: 1 unit(s)\n")
    finally:
        unregister("short_answer")
    assert check(path)[0] == 1 and list(QUESTION_TYPES) == BUILT_IN.split(", ")


def test_a_type_is_registered_once_under_the_name_its_model_declares() -> None:
    with pytest.raises(ValueError, match="already registered"):
        register(QUESTION_TYPES["choice"])
    with pytest.raises(ValueError, match="needs `type: Literal"):
        register(replace(short_answer.TYPE, name="essay"))
    with pytest.raises(ValueError, match=r"drawing module 'tests\.questions\.long_answer\.draw'"):
        register(replace(short_answer.TYPE, drawing="tests.questions.long_answer.draw"))
    assert "essay" not in QUESTION_TYPES and "short_answer" not in QUESTION_TYPES


@pytest.mark.parametrize("name", ["", "short answer", "Short_answer", "true"])
def test_a_type_is_named_as_a_teacher_can_write_it_after_type(name: str) -> None:
    """`type: Choice` or `type: true` could never select a type registered under that name."""
    with pytest.raises(ValueError, match="lower-case letters, digits and _"):
        register(replace(short_answer.TYPE, name=name))
    assert name not in QUESTION_TYPES
