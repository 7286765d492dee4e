"""What a question type declares: the base of its model and its registry entry.

A leaf module, so that each type's package can build its entry without importing the registry
(``compiler/questions/__init__.py``) that imports it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import Field, StringConstraints

from compiler.errors import FieldPath, Problem
from compiler.fields import Marks, Model, Picture, Slug

if TYPE_CHECKING:
    from compiler.checks import Known
    from compiler.questions.planning import Planned, QuestionContext
    from compiler.source import Source


# What an essay's ``space:`` may say: "20 lines", or pages, whole or with a half: "1 page", "half
# a page", "half page", "0.5 page", "1.5 pages". (No inline flags: editors read the pattern as
# JSON Schema's.) ``planning.writing_space`` reads it.
SPACE_PATTERN = r"^\s*(?:[1-9]\d?\s+lines?|(?:[1-9]\d?(?:\.5)?|0\.5)\s+pages?|[Hh]alf(?:\s+a)?\s+page)\s*$"
Space = Annotated[
    str,
    StringConstraints(pattern=SPACE_PATTERN),
    Field(description='"20 lines", "half a page", "1 page", "1.5 pages" or "2 pages"; default: sized from the marks'),
]


class QuestionBase(Model):
    """What every question has besides its ``type``."""

    marks: Marks = 1
    picture: Picture | None = Field(None, description="a picture printed with the question, above its answer space")
    sources: list[Slug] = Field(default_factory=list, max_length=10,
                                description="ids of the unit's sources the question uses: printed before it, or "
                                            "in the worksheet's insert")


def no_checks(source: Source, path: FieldPath, question: Any, known: Known) -> Iterator[Problem]:
    """For a type whose model checks everything there is to check."""
    return iter(())


@dataclass(frozen=True)
class QuestionType:
    """One question type, everything about it in one place (``compiler.questions.register``).

    - ``name``: the ``type:`` a teacher writes; ``model``'s ``type`` field is ``Literal[name]``;
    - ``model``: its pydantic model (shape and types, located by ``validate.py``);
    - ``plan``: its part of the worksheet plan (words and order; pure: no fonts, no ReportLab),
      as the sheet or as the key (``context.key``), with its wording from ``worksheet.j2``;
    - ``drawing``: the name of the module that draws that plan on the sheet and in the key
      (``compiler.questions.drawing.QuestionDrawing``): imported only by the worksheet's drawing;
    - ``check``: its checks that need the whole unit (references, answers among options);
    - ``draws_picture``: the type draws the question's ``picture`` itself (a label question puts
      its pins on it), so the worksheet does not print it again above the answer space.
    """

    name: str
    model: type[QuestionBase]
    plan: Callable[[Any, FieldPath, QuestionContext], Planned]
    drawing: str
    check: Callable[[Source, FieldPath, Any, Known], Iterator[Problem]] = no_checks
    draws_picture: bool = False
