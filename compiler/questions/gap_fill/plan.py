"""A gap fill: the text with numbered blanks (sheet) or its answers filled in (key), the word bank."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from compiler import markup
from compiler.errors import FieldPath
from compiler.questions.planning import Planned, QuestionContext, word_bank

if TYPE_CHECKING:
    from compiler.questions.gap_fill import GapFill

GAP = re.compile(r"\[\[(.*?)\]\]", re.DOTALL)
_GAP_MARK = "\ue000{}\ue001"  # private-use characters survive escaping, then become blanks
BLANK = "\ue002"  # where the sheet's text has a blank: the drawing sizes it (it measures the answers)


@dataclass(frozen=True)
class GapFillPlan:
    text: str  # with numbered blanks (BLANK, each after its number) on the sheet, with the answers in the key
    longest: tuple[str, ...]  # what a blank must hold: every answer and word of the bank (markup)
    word_bank: tuple[str, ...]
    word_bank_heading: str
    answer: str
    spoken: str = ""  # the sheet's text as a screen reader says it: a word where each blank is


def _word_bank(question: GapFill, answers: list[str], path: FieldPath, context: QuestionContext) -> tuple[str, ...]:
    """Answers and distractors, shuffled (:func:`word_bank`)."""
    if not question.word_bank:
        return ()
    return word_bank([*answers, *question.distractors], context.seed("bank", *path))


def plan(question: GapFill, path: FieldPath, context: QuestionContext) -> Planned:
    answers = [g.strip() for g in GAP.findall(question.text)]
    counter = iter(range(len(answers)))
    marked = GAP.sub(lambda _: _GAP_MARK.format(next(counter)), question.text)
    escaped = str(markup.inline(marked))
    sheet_text, key_text = escaped, escaped
    for k, answer in enumerate(answers):
        token = _GAP_MARK.format(k)
        sheet_text = sheet_text.replace(token, f"<b>({k + 1})</b>&nbsp;{BLANK}")
        key_text = key_text.replace(token, f"<b><u>{markup.inline(answer)}</u></b>")
    bank = _word_bank(question, answers, path, context)
    return Planned(
        prompt=str(markup.inline(question.prompt)) if question.prompt else "",
        instruction=context.phrase("gap_fill_instruction", word_bank=question.word_bank,
                                   extra_words=bool(question.distractors)),
        body=GapFillPlan(
            text=key_text if context.key else sheet_text,
            longest=(*(str(markup.inline(a)) for a in answers), *bank),
            word_bank=bank,
            word_bank_heading=context.phrase("word_bank"),
            answer=" · ".join(f"({k + 1}) {markup.inline(a)}" for k, a in enumerate(answers)),
            spoken="" if context.key else " ".join(markup.from_markup(sheet_text.replace(BLANK, context.phrase("gap_blank"))).split()),
        ),
    )
