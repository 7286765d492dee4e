"""``type: label``: a picture with numbered pins; students write the name of each pinned part."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, StrictBool, WithJsonSchema, model_validator

from compiler.checks import Known, distractors, printed_twice
from compiler.errors import FieldPath, Problem
from compiler.fields import Marks, Model, Picture, Text, mistake
from compiler.questions.base import QuestionBase, QuestionType
from compiler.questions.label.plan import plan as plan_label
from compiler.source import Source, as_number

MOST_PINS = 20
_WHERE = ("x and y are fractions of the picture's width and height, measured from its top-left corner: "
          "0 is the left (top) edge, 0.5 the middle, 1 the right (bottom) edge")


def _fraction(value: object) -> float:
    """A pin's x or y: a number from 0 to 1, written as a number (not quoted, not a percentage)."""
    number = as_number(value)
    if isinstance(number, int | float) and not isinstance(number, bool):
        if not 0 <= number <= 1:
            raise mistake(f"{value} is outside the picture", _WHERE)
        return float(number)
    text = str(value).strip()
    if isinstance(value, str) and _is_number(text.removesuffix("%")):
        if text.endswith("%"):
            raise mistake(f"{text} is a percentage", f"write it as a fraction: {float(text[:-1]) / 100:g}")
        raise mistake(f"expected a number, not the quoted text '{text}'", "remove the quotes")
    raise mistake(f"expected a number from 0 to 1, not {'true/false' if isinstance(value, bool) else repr(value)}",
                  _WHERE)


def _is_number(text: str) -> bool:
    """Whether ``text`` is written as a decimal number (``0.5``, ``.25``, ``35``)."""
    return re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)", text.strip()) is not None


Fraction = Annotated[float, BeforeValidator(_fraction),
                     WithJsonSchema({"type": "number", "minimum": 0, "maximum": 1})]


class Pin(Model):
    """A numbered pin on the picture, and the name a student writes for what it points at."""

    x: Fraction = Field(description="across the picture, from its left edge: 0 to 1 (0.5 is the middle)")
    y: Fraction = Field(description="down the picture, from its top edge: 0 to 1 (0.5 is the middle)")
    answer: Text = Field(description="what the pin points at: printed at the pin in the key")


class Label(QuestionBase):
    type: Literal["label"]
    prompt: Text | None = Field(None, description="default: Label the diagram.")
    picture: Picture = Field(description="the diagram to label, its pins drawn on it; printed large (the "
                                         "column's width) unless `size:` says otherwise")
    pins: list[Pin] = Field(min_length=2, max_length=MOST_PINS,
                            description="2 to 20 pins, numbered in the order written: {x, y, answer}")
    word_bank: StrictBool = Field(False, description="print the answers (and distractors), shuffled, in a box")
    distractors: list[Text] = Field(default_factory=list, max_length=50,
                                    description="extra wrong words for the word bank")
    marks: Marks = Field(1, description="marks for the question; default: one a pin")

    @model_validator(mode="before")
    @classmethod
    def _a_mark_a_pin(cls, data: Any) -> Any:
        """Without ``marks:``, each pin is worth a mark."""
        if isinstance(data, dict) and data.get("marks") is None and isinstance(data.get("pins"), list):
            return {**data, "marks": len(data["pins"])}
        return data


def check(source: Source, path: FieldPath, question: Label, known: Known) -> Iterator[Problem]:
    """Answers students can tell apart; distractors that are wrong and shown in a word bank.
    (Whether two pins overlap depends on the printed size: the drawing finds it.)"""
    answers = [pin.answer for pin in question.pins]
    yield from printed_twice(source, (*path, "pins"), answers, "answer", key="answer")
    yield from distractors(source, (*path, "distractors"), question.distractors, answers, question.word_bank)


TYPE = QuestionType("label", Label, plan_label, f"{__name__}.draw", check, draws_picture=True)
