"""The registry of worksheet question types: each type is one entry, :class:`QuestionType`.

A type's package, ``compiler/questions/<type>/``, holds everything about it: its model and its
whole-unit checks with the entry (``__init__.py``), its part of the worksheet plan (``plan.py``,
pure) and its drawing on the sheet and in the key (``draw.py``, ReportLab, imported only by the
worksheet's drawing). Everything else asks this registry: the model's question union, the
messages that list the known types, ``validate.py``'s checks, the worksheet's planner and
drawer. A type that is not registered is a located error when the unit is validated, so it
never reaches planning or drawing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Union, get_args

from pydantic import Field

from compiler.assets import add_extension, module_exists, remove_extension, usable_name
from compiler.questions.base import QuestionBase, QuestionType
from compiler.questions.choice import TYPE as CHOICE
from compiler.questions.extended import TYPE as EXTENDED
from compiler.questions.gap_fill import TYPE as GAP_FILL
from compiler.questions.label import TYPE as LABEL
from compiler.questions.match import TYPE as MATCH
from compiler.questions.order import TYPE as ORDER
from compiler.questions.short import TYPE as SHORT
from compiler.questions.source import TYPE as SOURCE
from compiler.questions.true_false import TYPE as TRUE_FALSE

__all__ = [
    "QUESTION_TYPES",
    "QuestionBase",
    "QuestionType",
    "from_outside",
    "question_union",
    "register",
    "unregister",
    "when_changed",
]

QUESTION_TYPES: dict[str, QuestionType] = {
    entry.name: entry for entry in (CHOICE, TRUE_FALSE, SHORT, GAP_FILL, MATCH, ORDER, EXTENDED, SOURCE, LABEL)
}
_BUILT_IN = tuple(QUESTION_TYPES)
_listeners: list[Callable[[], None]] = []


def from_outside() -> tuple[QuestionType, ...]:
    """The question types registered from outside printpack, in the order they were registered."""
    return tuple(entry for name, entry in QUESTION_TYPES.items() if name not in _BUILT_IN)


def question_union() -> Any:
    """The annotation of a worksheet question: the registered models, told apart by ``type``."""
    models = tuple(entry.model for entry in QUESTION_TYPES.values())
    return Annotated[Union[models], Field(discriminator="type")]  # noqa: UP007 (a union built at run time)


def when_changed(listener: Callable[[], None]) -> None:
    """Call ``listener`` after every change of the registry: the model rebuilds its question union."""
    _listeners.append(listener)


def register(entry: QuestionType) -> None:
    """Add a question type: from now on units may use it, and ``printpack schema`` lists it."""
    if entry.name in QUESTION_TYPES:
        raise ValueError(f"the question type {entry.name!r} is already registered")
    if not usable_name(entry.name, "_"):
        raise ValueError(f"a question type is named in lower-case letters, digits and _, not {entry.name!r}")
    tag = entry.model.model_fields.get("type")
    if tag is None or get_args(tag.annotation) != (entry.name,):
        raise ValueError(f"the model of question type {entry.name!r} needs `type: Literal[{entry.name!r}]`")
    if not module_exists(entry.drawing):
        raise ValueError(f"the drawing module {entry.drawing!r} of question type {entry.name!r} does not exist")
    QUESTION_TYPES[entry.name] = entry
    add_extension(f"question type {entry.name}", (entry.model.__module__, entry.plan.__module__, entry.drawing))
    _changed()


def unregister(name: str) -> None:
    """Remove a question type (a test undoes its registration with this)."""
    del QUESTION_TYPES[name]
    remove_extension(f"question type {name}")
    _changed()


def _changed() -> None:
    for listener in _listeners:
        listener()
