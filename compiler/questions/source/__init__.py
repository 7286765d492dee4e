"""``type: source``: a source-based exam question (usefulness, message, purpose, two
interpretations compared, how convincing an interpretation is), worded from its sources'
labels, with an essay's writing space and a levelled mark scheme in the key."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from pydantic import Field, model_validator

from compiler.checks import Known
from compiler.errors import FieldPath, Problem
from compiler.fields import ListItem, Marks, Text
from compiler.questions.base import QuestionBase, QuestionType, Space
from compiler.questions.source.plan import (
    FEWEST_LEVELS,
    MARKS,
    MOST_LEVELS,
    NEEDS,
    Form,
    level_count,
)
from compiler.questions.source.plan import plan as plan_source
from compiler.source import Source


class SourceQuestion(QuestionBase):
    type: Literal["source"]
    form: Form = Field(description="usefulness (1 or 2 sources), message or purpose (1 source), interpretations "
                                   "(2 interpretations compared), convincing (1 interpretation)")
    enquiry: Text | None = Field(None, description="what the sources are about, worded into the printed question "
                                                   "(How useful is Source A to a historian studying …?)")
    prompt: Text | None = Field(None, description="the question in your own words (@id prints a source's label): "
                                                  "replaces the form's wording")
    marks: Marks = Field(1, description="marks for the question; default by form: usefulness 8, message 4, "
                                        "purpose 4, interpretations 4, convincing 8")
    space: Space | None = None
    levels: list[ListItem] = Field(default_factory=list, max_length=MOST_LEVELS * 2,
                                   description="your own level descriptors, lowest level first (2 to 6); default: "
                                               "the form's, as many levels as the marks warrant")
    indicative: list[ListItem] = Field(default_factory=list, max_length=30,
                                       description="points a good answer may make, printed in the key under the levels")

    @model_validator(mode="before")
    @classmethod
    def _marks_by_form(cls, data: Any) -> Any:
        """A form's own marks when ``marks:`` is not written."""
        if isinstance(data, dict) and "marks" not in data and data.get("form") in MARKS:
            return {**data, "marks": MARKS[data["form"]]}
        return data


def check(source: Source, path: FieldPath, question: SourceQuestion, known: Known) -> Iterator[Problem]:
    """The number and kind of sources the form asks about, an enquiry (or a prompt) to word the
    question with, and levels the marks can be split among."""
    needs = NEEDS[question.form]
    count = len(question.sources)
    if not needs.least <= count <= needs.most:
        yield source.problem((*path, "sources"), f"`form: {question.form}` is about {needs.words}, but "
                             f"`sources:` names {count}", needs.hint)
    for k, source_id in enumerate(question.sources):
        item = known.sources.get(source_id)
        if item is not None and item.kind != needs.kind:
            yield source.problem((*path, "sources", k), f"{source_id} is of kind: {item.kind}, and "
                                 f"`form: {question.form}` is about {needs.words}", needs.hint)
    if question.enquiry is None and question.prompt is None:
        yield source.problem((*path, "enquiry"), "the question has neither `enquiry:` nor `prompt:`",
                             "add `enquiry:`, what the sources are about (e.g. the causes of the French Revolution), "
                             "which the question is worded with; or write the question yourself in `prompt:`")
    if question.levels and not FEWEST_LEVELS <= len(question.levels) <= MOST_LEVELS:
        yield source.problem((*path, "levels"), f"a mark scheme of {len(question.levels)} level"
                             f"{'s' if len(question.levels) > 1 else ''}",
                             f"give {FEWEST_LEVELS} to {MOST_LEVELS} levels, lowest first, or remove `levels:` for "
                             "the form's own")
    elif question.marks < level_count(question.marks, len(question.levels)):
        levels = level_count(question.marks, len(question.levels))
        yield source.problem((*path, "marks"), f"{question.marks} mark{'s' if question.marks != 1 else ''} cannot "
                             f"be split among {levels} levels", f"give at least {levels} marks, or fewer `levels:`")


TYPE = QuestionType("source", SourceQuestion, plan_source, f"{__name__}.draw", check)
