"""A label question: the picture with its numbered pins, the lines to write on (sheet) or the
answers at the pins (key), the word bank.

Pins keep the numbers the teacher wrote them in, in every version: the order is often a path
through the diagram (round the leaf, the water cycle's stages), and one number per part keeps
the keys of all versions marked alike. What versions shuffle is the word bank, whose order
would otherwise list the answers in pin order; it is shuffled in every version, differently.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from compiler import markup
from compiler.errors import FieldPath
from compiler.fields import PictureData
from compiler.illustrations import SHARES, picture_credit
from compiler.questions.planning import Planned, QuestionContext, word_bank

if TYPE_CHECKING:
    from compiler.questions.label import Label


@dataclass(frozen=True)
class PinPlan:
    number: int
    x: float  # fractions of the picture's width and height, from its top-left corner
    y: float
    answer: str  # markup; empty on the sheet


@dataclass(frozen=True)
class LabelPlan:
    path: FieldPath  # the question's, where the drawing locates pins that would overlap
    picture: PictureData
    share: float  # of the column's width
    credit: str  # markup, or empty
    pins: tuple[PinPlan, ...]
    word_bank: tuple[str, ...]
    word_bank_heading: str
    answer: str  # the key's list: "1 chloroplast · 2 cuticle"
    alt: str  # what a screen reader says for the picture: its alt text and its pins
    space: str  # and for the numbered lines: "Answer space: 6 lines"


def plan(question: Label, path: FieldPath, context: QuestionContext) -> Planned:
    answers = [pin.answer for pin in question.pins]
    bank = word_bank([*answers, *question.distractors], context.seed("bank", *path)) if question.word_bank else ()
    picture = question.picture
    return Planned(
        prompt=str(markup.inline(question.prompt)) if question.prompt else context.phrase("label_prompt"),
        instruction=context.phrase("label_instruction", word_bank=question.word_bank,
                                   extra_words=bool(question.distractors)),
        body=LabelPlan(
            path=path,
            picture=picture.data,
            share=SHARES[picture.size or "large"],
            credit=picture_credit(picture, context.wording),
            pins=tuple(PinPlan(k, pin.x, pin.y, str(markup.inline(pin.answer)) if context.key else "")
                       for k, pin in enumerate(question.pins, start=1)),
            word_bank=bank,
            word_bank_heading=context.phrase("word_bank"),
            answer=" · ".join(f"<b>{k}</b>&nbsp;{markup.inline(a)}" for k, a in enumerate(answers, start=1))
            if context.key else "",
            alt=markup.from_markup(context.phrase("label_picture", alt=markup.plain(picture.alt),
                                                  count=len(question.pins))),
            space=context.answer_space(len(question.pins)),
        ),
    )
