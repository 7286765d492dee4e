"""From located plain data to a typed :class:`~compiler.model.Unit`, or every problem at once.

Two passes. First pydantic checks shape and types; its errors are keyed by their ``type``
code (never by their wording) and placed with the loader's position table. Then the checks
that need the whole unit: unique ids, references, answers among options, gaps, card-sort
modes, dates in order. Each returns problems; nothing raises until the end.
"""

from __future__ import annotations

import copy
import functools
import re
import types
import typing
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any, TypeVar

from pydantic import AliasChoices, BaseModel, ValidationError

from compiler import SLUG_PATTERN
from compiler.alike import alike_key, prints_nothing
from compiler.checks import (
    Known,
    distinct_dates,
    names_in,
    printed_twice,
    refs,
    term_refs,
    unknown_hint,
)
from compiler.citations import CITING, references
from compiler.coverage import unprintable
from compiler.errors import (
    NAMED_LISTS,
    FieldPath,
    Problem,
    ProblemsFound,
    closest,
    did_you_mean,
    format_path,
    named_path,
    quoted,
)
from compiler.fields import Renamed
from compiler.fonts import GENERAL
from compiler.ids import reference_hint, slug
from compiler.model import (
    GENERATED_SETS,
    CardSort,
    FlashcardSet,
    Unit,
    Worksheet,
    WorksheetSection,
    texts,
)
from compiler.pictures import read_pictures
from compiler.questions import QUESTION_TYPES
from compiler.source import Numeral, Position, Source, value_at
from compiler.syntax import surrogate_message

_SLUG_HINT = "ids use lowercase letters, digits and hyphens, e.g. 'storming-of-the-bastille'"


def validate_unit(source: Source, languages: Iterable[str] = ("en",),
                  families: Iterable[str] = GENERAL, kinds: Sequence[str] = ()) -> Unit:
    """The unit in ``source``, or ProblemsFound listing every problem in it.

    When some items fail their shape checks, the whole-unit checks still run on the items that
    passed, so one run reports both kinds of mistake; references to the failed items' ids are
    not reported again as unknown. Text must be printable with the font ``families`` (the
    theme's; by default every bundled one). ``outputs.only`` may name only the output ``kinds``
    (the registry's, which this earlier stage does not import; none given: not checked).
    """
    if not isinstance(source.data, dict):
        raise ProblemsFound([source.problem((), "a unit must be a mapping of keys such as `format:` and `unit:`",
                                            "start from `printpack new NAME`")])
    try:
        unit = Unit.model_validate(source.data)
    except ValidationError as exc:
        problems = _problems_from(exc, Unit, source)
        partial = _partial_unit(source.data, exc)
        if partial is not None:
            unit, origin, dropped = partial
            remapped = _Remapped(source, origin)
            problems += _cross_checks(unit, remapped, set(languages), dropped)
            problems += unprintable(unit, remapped, families)
            problems += _references_in_failed_items(source, unit, origin, dropped)
            problems += read_pictures(unit, remapped)
        problems += [*_repeated_names(source), *_unknown_kinds(source, kinds)]
        raise ProblemsFound(problems) from None
    problems = [*source.problems, *_repeated_names(source), *_unknown_kinds(source, kinds),
                *_cross_checks(unit, source, set(languages), {}), *unprintable(unit, source, families),
                *read_pictures(unit, source)]
    if problems:
        raise ProblemsFound(problems)
    return unit


Origin = dict[FieldPath, list[int]]  # a list's path (in the file) -> the file index of each kept item


class _Remapped(Source):
    """A source addressed with the indices of a partial unit, from which failed items were removed."""

    def __init__(self, source: Source, origin: Origin) -> None:
        super().__init__(source.file, source.data, source.values, source.keys, source.problems)
        object.__setattr__(self, "origin", origin)

    def _original(self, path: FieldPath) -> FieldPath:
        origin: Origin = self.origin  # type: ignore[attr-defined]
        original: list[str | int] = []
        for part in path:
            kept = origin.get(tuple(original))
            original.append(kept[part] if isinstance(part, int) and kept is not None else part)
        return tuple(original)

    def position(self, path: FieldPath, *, key: bool = False) -> Position:
        return super().position(self._original(path), key=key)

    def problem(self, path: FieldPath, message: str, hint: str | None = None, *, key: bool = False) -> Problem:
        original = self._original(path)
        where = Source.position(self, original, key=key)
        return Problem(self.file, where.line, where.column, format_path(original), message, hint,
                       named_path(original, self.data))


def _question_list(loc: tuple[int | str, ...]) -> tuple[FieldPath, int] | None:
    """For an error inside a worksheet's question: the path of its question list, and its index."""
    if len(loc) >= 4 and loc[0] == "worksheets" and isinstance(loc[1], int):
        if loc[2] == "questions" and isinstance(loc[3], int):
            return tuple(loc[:3]), loc[3]
        if loc[2] == "sections" and isinstance(loc[3], int) and len(loc) >= 6 and loc[4] == "questions" \
                and isinstance(loc[5], int):
            return tuple(loc[:5]), loc[5]
    return None


def _without_bad_questions(data: dict[str, Any], bad: dict[FieldPath, set[int]], bad_sheets: set[int],
                           origin: Origin) -> list[Any] | None:
    """The worksheets with only their failed questions removed, so the rest are still checked;
    a worksheet left with an empty question list is added to ``bad_sheets`` instead."""
    sheets = data.get("worksheets")
    if not bad or not isinstance(sheets, list):
        return None
    copies = list(sheets)
    for path, indices in sorted(bad.items()):
        number = path[1]
        if not isinstance(number, int) or number in bad_sheets:
            continue
        sheet = copies[number] = copy.deepcopy(copies[number]) if copies[number] is sheets[number] else copies[number]
        container = sheet
        for part in path[2:-1]:
            container = container[part]
        questions = container[path[-1]]
        kept = [i for i in range(len(questions)) if i not in indices]
        if not kept:
            bad_sheets.add(number)
            continue
        container[path[-1]] = [questions[i] for i in kept]
        origin[path] = kept
    return copies


def _partial_unit(data: dict[str, Any], exc: ValidationError) -> tuple[Unit, Origin, dict[str, set[str]]] | None:
    """The unit without the items that failed, where they came from, and the ids they had.
    A worksheet whose only mistakes are in some questions keeps its other questions."""
    bad_items: dict[str, set[int]] = {}
    bad_keys: set[str] = set()
    bad_questions: dict[FieldPath, set[int]] = {}
    for error in exc.errors(include_url=False, include_input=False):
        loc = error["loc"]
        if not loc:
            return None
        question = _question_list(loc)
        if question is not None:
            bad_questions.setdefault(question[0], set()).add(question[1])
        elif len(loc) >= 2 and isinstance(loc[1], int) and isinstance(data.get(str(loc[0])), list):
            bad_items.setdefault(str(loc[0]), set()).add(loc[1])
        else:
            bad_keys.add(str(loc[0]))
    partial = dict(data)
    origin: Origin = {}
    dropped: dict[str, set[str]] = {}
    sheets = _without_bad_questions(data, bad_questions, bad_items.setdefault("worksheets", set()), origin)
    if sheets is not None:
        partial["worksheets"] = sheets
    for key, indices in bad_items.items():
        if not indices:
            continue
        items = partial[key]
        origin[(key,)] = [i for i in range(len(items)) if i not in indices]
        partial[key] = [items[i] for i in origin[(key,)]]
        dropped[key] = {str(items[i].get("id", items[i].get("term"))).casefold()
                        for i in indices if isinstance(items[i], dict)}
    for key in bad_keys:
        if key == "unit":
            partial["unit"] = {"id": "unit", "title": "unit"}
        elif key == "format":
            partial["format"] = 1
        else:
            partial.pop(key, None)
    try:
        return Unit.model_validate(partial), origin, dropped
    except ValidationError:
        return None


# Fields that name other items, checked even in items that failed their shape checks.
_REFERENCES = {
    "events": {"themes": "themes", "people": "people"},
    "people": {"themes": "themes"},
    "sections": {"theme": "themes", "events": "events"},
}


def _references_in_failed_items(source: Source, unit: Unit, origin: Origin,
                                dropped: dict[str, set[str]]) -> list[Problem]:
    """Unknown ids named by items that failed their shape checks: a typo in a theme id should
    not wait until the item's date is fixed to be reported. A reference that is not even an id
    is left to the model's problem, which gives the same hint."""
    known = {
        "themes": {t.id for t in unit.themes} | dropped.get("themes", set()),
        "people": {p.id for p in unit.people} | dropped.get("people", set()),
        "events": {e.id for e in unit.events} | dropped.get("events", set()),
    }
    nouns = {"themes": "theme", "people": "person", "events": "event"}  # the nouns of checks.TARGETS
    problems: list[Problem] = []
    for list_name, fields in _REFERENCES.items():
        items = source.data.get(list_name)
        if not isinstance(items, list) or (list_name,) not in origin:
            continue
        for index in sorted(set(range(len(items))) - set(origin[(list_name,)])):
            item = items[index]
            if not isinstance(item, dict):
                continue
            for field, target in fields.items():
                value = item.get(field)
                refs = [value] if isinstance(value, str) else value if isinstance(value, list) else []
                for k, ref in enumerate(refs):
                    if isinstance(ref, str) and ref not in known[target] and re.fullmatch(SLUG_PATTERN, ref):
                        path = (list_name, index, field) if isinstance(value, str) else (list_name, index, field, k)
                        problems.append(source.problem(path, f"unknown {nouns[target]} {quoted(ref)}",
                                                       unknown_hint(source.data, ref, nouns[target])))
    return problems


M = TypeVar("M", bound=BaseModel)


def validate_model(model: type[M], source: Source) -> M:
    """Validate ``source.data`` as ``model``, turning pydantic errors into located problems."""
    try:
        result = model.model_validate(source.data)
    except ValidationError as exc:
        raise ProblemsFound(_problems_from(exc, model, source)) from None
    if source.problems:
        raise ProblemsFound(source.problems)
    return result


# --- pydantic errors -> problems -------------------------------------------------------------


def _yaml_path(loc: tuple[int | str, ...], data: Any) -> FieldPath:
    """Drop the tags pydantic adds for discriminated unions, so the path matches the YAML."""
    path: list[int | str] = []
    for part in loc:
        here = value_at(data, tuple(path))
        if isinstance(part, str) and isinstance(here, dict) and part not in here and here.get("type") == part:
            continue
        path.append(part)
    return tuple(path)


def _written_path(path: FieldPath, data: Any) -> FieldPath:
    """Where a value stands in the file: a point written ``- Main point: [sub-points]`` keeps its
    sub-points under its text, where the model has ``points``."""
    written: list[int | str] = []
    for part in path:
        here = value_at(data, tuple(written))
        if part == "points" and isinstance(here, dict) and len(here) == 1 and "points" not in here:
            part = next(iter(here))
        written.append(part)
    return tuple(written)


def _text_at(data: Any, path: FieldPath) -> str:
    """The text the model measured at ``path``, through the shorthands a teacher may write: a
    bullet as plain text, ``- Main point: [sub-points]`` and ``- Level 4 (16–20): text``."""
    value = value_at(data, _written_path(path, data))
    if value is None and path and path[-1] == "text":
        value = value_at(data, path[:-1])
        if isinstance(value, dict) and len(value) == 1 and isinstance(next(iter(value.values())), list):
            value = next(iter(value))
    if isinstance(value, dict) and len(value) == 1:
        ((key, inner),) = value.items()
        value = f"{key}: {inner}"
    return str(value).strip()


def _unwrap(annotation: Any, data: Any) -> type[BaseModel] | None:
    """The model class behind an annotation (through Annotated, Optional, lists, tagged unions)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0], data)
    if origin in (typing.Union, types.UnionType):
        candidates = [a for a in typing.get_args(annotation) if a is not type(None)]
        for candidate in candidates:
            if not (isinstance(candidate, type) and issubclass(candidate, BaseModel)):
                continue
            tag = candidate.model_fields.get("type")
            if tag is not None and isinstance(data, dict) and data.get("type") in typing.get_args(tag.annotation):
                return candidate
        return _unwrap(candidates[0], data) if len(candidates) == 1 else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _model_at(root: type[BaseModel], path: FieldPath, data: Any) -> type[BaseModel] | None:
    model: type[BaseModel] | None = root
    annotation: Any = root
    for i, part in enumerate(path):
        if isinstance(part, int):
            args = typing.get_args(_strip_annotated(annotation))
            annotation = args[0] if args else None
        else:
            if model is None:
                return None
            field = _field_by_key(model, part)
            if field is None:
                return None
            annotation = field.annotation
        model = _unwrap(annotation, value_at(data, path[: i + 1]))
    return model


def _strip_annotated(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        non_null = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(non_null) == 1:
            return _strip_annotated(non_null[0])
    return annotation


def _field_by_key(model: type[BaseModel], key: str) -> Any:
    for name, field in model.model_fields.items():
        if (field.alias or name) == key:
            return field
    return None


def _keys_of(model: type[BaseModel] | None) -> list[str]:
    if model is None:
        return []
    return [field.alias or name for name, field in model.model_fields.items()]


@functools.cache
def _old_names_everywhere() -> dict[str, str]:
    """Every old field name of the format, with the name it has now (``heading`` → ``title``)."""
    found: dict[str, str] = {}
    models: list[type[BaseModel]] = list(Renamed.__subclasses__())
    while models:
        model = models.pop()
        models += model.__subclasses__()
        for name, field in model.model_fields.items():
            if isinstance(field.validation_alias, AliasChoices):
                found.update({str(old): field.alias or name for old in field.validation_alias.choices[1:]})
    return found


def _meant_key(written: str, model: type[BaseModel] | None) -> tuple[str, str] | None:
    """The key a misspelt ``written`` key was meant to be, with the hint saying so: the closest
    of ``model``'s keys and of their old names (``headng`` is ``heading``, now ``title``)."""
    now = {key: key for key in _keys_of(model)}
    for name, field in (model.model_fields.items() if model is not None else ()):
        if isinstance(field.validation_alias, AliasChoices):
            now.update({str(old): field.alias or name for old in field.validation_alias.choices[1:]})
    spelt = closest(written, now)
    renamed_to = _old_names_everywhere().get(written)
    if spelt is None and renamed_to in now:  # an old name of a field elsewhere: `heading:` on a worksheet part
        spelt, meant = written, renamed_to
    elif spelt is None:
        return None
    else:
        meant = now[spelt]
    said = f"did you mean {quoted(meant)}?"
    return meant, said if spelt == meant else f"{said} ({quoted(spelt)} is its old name)"


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, int | float | Numeral):
        return f"the number {value}"
    return quoted(value)


def _problems_from(exc: ValidationError, root: type[BaseModel], source: Source) -> list[Problem]:
    errors = exc.errors(include_url=False, include_input=False)
    data = source.data
    unknown: dict[FieldPath, str] = {}
    for error in errors:
        if error["type"] == "extra_forbidden":
            path = _yaml_path(error["loc"], data)
            meant = _meant_key(str(path[-1]), _model_at(root, path[:-1], data))
            if meant:
                unknown[path] = meant[0]
    suggested = {(*path[:-1], key) for path, key in unknown.items()}

    problems = list(source.problems)
    reported = {p.path for p in problems}
    for error in errors:
        path = _yaml_path(error["loc"], data)
        if error["type"] == "missing" and path in suggested:
            continue  # reported as the misspelt key that was meant to be this one
        problem = _problem_for(error, path, root, source)
        written = _written_path(path, data)
        if written != path:
            where = source.position(written)
            problem = replace(problem, line=where.line, column=where.column)
        if problem.path not in reported:  # the loader already explained this value
            problems.append(problem)
    return problems


def _problem_for(error: Any, path: FieldPath, root: type[BaseModel], source: Source) -> Problem:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = value_at(source.data, path)
    name = str(path[-1]) if path and isinstance(path[-1], str) else ""
    parent_model = _model_at(root, path[:-1], source.data)

    if kind == "extra_forbidden":
        allowed = _keys_of(parent_model)
        meant = _meant_key(name, parent_model)
        hint = meant[1] if meant else (f"allowed keys here: {', '.join(allowed)}" if allowed else None)
        if name[:1].isspace():  # no-break spaces pasted from a word processor are not indentation to YAML
            hint = (f"the line is indented with spaces YAML does not count ({_describe(name[:1])[1:-1]}, often "
                    "pasted from a word processor); indent it with ordinary spaces")
        return source.problem(path, f"unknown key {_describe(name)}", hint, key=True)
    if kind == "missing":
        return source.problem(path[:-1], f"{quoted(name)} is required here", _field_hint(parent_model, name))
    if kind == "union_tag_not_found":
        return source.problem(path, "a question needs a `type`", f"one of: {', '.join(QUESTION_TYPES)}")
    if kind == "union_tag_invalid":  # the registered types are the only ones: nothing falls back
        tag = str(value_at(source.data, (*path, "type")))
        hint = did_you_mean(tag, QUESTION_TYPES) or f"one of: {', '.join(QUESTION_TYPES)}"
        return source.problem((*path, "type"), f"unknown question type {quoted(tag)}", hint)
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        options = re.findall(r"'([^']*)'", expected) or [expected]
        if isinstance(value, str) and value.strip() in options and not re.search(r"'", expected):
            return source.problem(path, f"expected the number {expected}, not the quoted text {quoted(value)}",
                                  f"remove the quotes: {name}: {expected}")
        hint = did_you_mean(str(value), options) if isinstance(value, str) else None
        return source.problem(path, f"{_describe(value)} is not allowed here; expected {expected}", hint)
    if kind == "string_pattern_mismatch":
        return source.problem(path, f"{_describe(value)} is not a valid {_pattern_noun(name)}",
                              _reference_hint(path, value, source.data) or _pattern_hint(name, value))
    if kind == "printpack":
        return source.problem(path, ctx["message"], ctx["hint"])
    if kind == "string_unicode" and isinstance(value, str):
        return source.problem(path, *surrogate_message(*_surrogates(value)))
    if kind == "bool_type":
        if isinstance(value, str) and value.strip().casefold() in ("true", "false"):
            return source.problem(path, f"expected true or false, not the quoted text {quoted(value)}",
                                  "remove the quotes")
        return source.problem(path, f"expected true or false, not {_describe(value)}",
                              "only true and false are yes/no values; yes, no, on and off stay text")
    if kind in ("int_type", "int_from_float", "int_parsing"):
        if isinstance(value, str) and value.strip().isdecimal() and not value.strip().isascii():
            return source.problem(path, f"expected a whole number, not {_describe(value)}",
                                  f"write it with the digits 0–9: {name}: {int(value)}" if name else
                                  "write it with the digits 0–9")
        was_quoted = isinstance(value, str) and not isinstance(value, Numeral) and value.strip().isdecimal()
        return source.problem(path, f"expected a whole number, not {_describe(value)}",
                              f"remove the quotes: {name}: {value.strip()}" if was_quoted and name else None)
    if value is None and kind.endswith("_type"):
        return source.problem(path, "must not be empty", f"write a value after '{name}:'" if name else None)
    if kind == "string_type":
        if isinstance(value, bool) and "options" in path:
            return source.problem(path, "expected text, not true/false", "for a true/false question use type: true_false")
        if isinstance(value, bool):
            return source.problem(path, "expected text, not true/false", f"to mean the word, quote it: '{str(value).lower()}'")
        return source.problem(path, f"expected text, not {_describe(value)}",
                              "a list or mapping here may be a stray '-' or ':'; quote text that contains ': '")
    if kind == "list_type" and name == "answer":
        return source.problem(path, f"expected one of the options, not {_describe(value)}", None)
    if kind == "list_type":
        return source.problem(path, f"expected a list, not {_describe(value)}",
                              "write each item on its own line starting with '- ', or [a, b] on one line")
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return source.problem(path, f"expected a mapping of keys, not {_describe(value)}", _field_hint(parent_model, name))
    if kind == "string_too_short":
        return source.problem(path, "must not be empty", None)
    if kind == "string_too_long":
        return source.problem(path, f"is {len(_text_at(source.data, path)):,} characters long; "
                              f"the limit is {ctx.get('max_length'):,}",
                              "shorten the id" if name == "id" else "shorten it or split it into several items")
    if kind == "too_short":
        return source.problem(path, f"needs at least {ctx.get('min_length')} item(s)", None)
    if kind == "too_long":
        count = f"{len(value):,} items" if isinstance(value, list) else "too many items"
        return source.problem(path, f"has {count}; the limit is {ctx.get('max_length'):,}", None)
    if kind in ("greater_than_equal", "greater_than"):
        return source.problem(path, f"must be at least {ctx.get('ge', ctx.get('gt'))}, not {_describe(value)}", None)
    if kind in ("less_than_equal", "less_than"):
        return source.problem(path, f"must be at most {ctx.get('le', ctx.get('lt'))}, not {_describe(value)}", None)
    if kind == "value_error":
        return source.problem(path, str(error["msg"]).removeprefix("Value error, "), None)
    return source.problem(path, str(error["msg"]), None)


def _field_hint(model: type[BaseModel] | None, name: str) -> str | None:
    if model is None:
        return None
    field = _field_by_key(model, name)
    return field.description if field is not None and field.description else None


def _pattern_noun(name: str) -> str:
    return {"colour": "colour", "space": "space"}.get(name, "id")


# The fields that name an item by its id, and the noun of what they name (see checks.TARGETS):
# a path of the unit, with int standing for any index.
_REFERENCE_FIELDS: dict[tuple[str | type, ...], str] = {
    ("events", int, "themes", int): "theme",
    ("people", int, "themes", int): "theme",
    ("sections", int, "theme"): "theme",
    ("events", int, "people", int): "person",
    ("sections", int, "events", int): "event",
    ("card_sorts", int, "events", int): "event",
    ("worksheets", int, "questions", int, "events", int): "event",
    ("worksheets", int, "sections", int, "questions", int, "events", int): "event",
    ("outputs", "card_sorts", int): "card sort",
    ("outputs", "worksheets", int): "worksheet",
    ("outputs", "flashcards", "sets", int): "flash-card set",
    ("card_sorts", int, "cards", int, "category"): "category",
}


def _reference_noun(path: FieldPath) -> str | None:
    """What the field at ``path`` names by its id, if it is a reference."""
    for pattern, noun in _REFERENCE_FIELDS.items():
        if len(pattern) == len(path) and all((p is int and isinstance(part, int)) or p == part
                                             for p, part in zip(pattern, path, strict=True)):
            return noun
    return None


def _reference_hint(path: FieldPath, value: Any, data: Any) -> str | None:
    """For a reference that is not even an id (``theme: War and Terror``): the item whose label
    or title it is, or the ids there are. None for a field that is not a reference."""
    noun = _reference_noun(path)
    if noun is None or not isinstance(value, str):
        return None
    if noun == "category":
        return reference_hint(value, noun, names_in(value_at(data, (*path[:2], "categories")), "label"), "label")
    return unknown_hint(data, value, noun)


def _pattern_hint(name: str, value: Any) -> str:
    if name == "colour":
        return 'write a colour as "#rrggbb" in quotes, e.g. "#9a3412"'
    if name == "space":
        return 'write "20 lines", "half a page", "1 page", "1.5 pages" or "2 pages"'
    suggested = slug(str(value))
    return f"{_SLUG_HINT}; try '{suggested}'" if suggested else _SLUG_HINT


# --- whole-unit checks --------------------------------------------------------------------------


_NOTHING_HINT = ("write the text, or remove the key if it is optional; emphasis markers, invisible characters "
                 "(a zero-width space, a soft hyphen) and blank-looking ones (U+2800 braille blank) print nothing")


def _printing_nothing(unit: Unit, source: Source) -> Iterator[Problem]:
    """One problem per text of ``unit`` that is written but prints as nothing a reader sees."""
    for path, text in texts(unit):
        if text and prints_nothing(text):
            yield source.problem(path, f"{quoted(text)} prints as nothing", _NOTHING_HINT)


def _surrogates(text: str) -> tuple[int, int | None]:
    """The first UTF-16 surrogate in ``text`` (PyYAML's pure-Python reader keeps ``\\ud83d``
    escapes as lone surrogates) and the one after it, if there is one."""
    at = next(i for i, char in enumerate(text) if 0xD800 <= ord(char) <= 0xDFFF)
    after = text[at + 1:at + 2]
    return ord(text[at]), ord(after) if after and 0xD800 <= ord(after) <= 0xDFFF else None


def _cross_checks(unit: Unit, source: Source, languages: set[str],
                  dropped: dict[str, set[str]]) -> Iterator[Problem]:
    yield from _printing_nothing(unit, source)
    if unit.unit.language not in languages:
        yield source.problem(("unit", "language"), f"no labels for language {quoted(unit.unit.language)}",
                             did_you_mean(unit.unit.language, languages) or f"available: {', '.join(sorted(languages))}")

    themes = {t.id for t in unit.themes} | dropped.get("themes", set())
    people = {p.id for p in unit.people} | dropped.get("people", set())
    events: dict[str, Any] = {e.id: e for e in unit.events} | dict.fromkeys(dropped.get("events", set()))
    terms = {g.term.casefold(): g.term for g in unit.glossary} | {t: t for t in dropped.get("glossary", set())}

    yield from printed_twice(source, ("themes",), [t.label for t in unit.themes], "theme label", key="label")
    yield from printed_twice(source, ("glossary",), [g.definition for g in unit.glossary], "definition",
                              key="definition")
    for i, person in enumerate(unit.people):
        yield from refs(source, ("people", i, "themes"), person.themes, themes, "theme")
    for i, period in enumerate(unit.periods):
        if period.end.ends_before(period.start):
            yield source.problem(("periods", i, "end"), f"the period ends ({period.end}) before it starts ({period.start})",
                                 "swap start and end")
    for i, event in enumerate(unit.events):
        yield from refs(source, ("events", i, "themes"), event.themes, themes, "theme")
        yield from refs(source, ("events", i, "people"), event.people, people, "person")
        if event.end is not None and event.end.ends_before(event.date):
            yield source.problem(("events", i, "end"), f"the event ends ({event.end}) before it starts ({event.date})",
                                 "check the two dates")
    sources: dict[str, Any] = {s.id: s for s in unit.sources} | dict.fromkeys(dropped.get("sources", set()))
    yield from _sources(unit, source, sources)
    for i, section in enumerate(unit.sections):
        yield from refs(source, ("sections", i, "sources"), section.sources, sources, "source")
        yield from _named_once(source, ("sections", i, "sources"), section.sources)
        if section.box is not None and section.box.text is None and section.box.picture is None:
            yield source.problem(("sections", i, "box"), "the box has neither text nor a picture",
                                 "add `text:` or `picture:` under the box's title")
        if section.theme is not None:
            yield from refs(source, ("sections", i, "theme"), [section.theme], themes, "theme", single=True)
        yield from refs(source, ("sections", i, "events"), section.events, events, "event")
        yield from term_refs(source, ("sections", i, "terms"), section.terms, terms)
    for i, sort in enumerate(unit.card_sorts):
        yield from _card_sort(source, ("card_sorts", i), sort, events)
    for i, sheet in enumerate(unit.worksheets):
        yield from _worksheet(source, ("worksheets", i), sheet, Known(events, terms, sources))
    for i, deck in enumerate(unit.flashcards):
        yield from _flashcard_set(source, ("flashcards", i), deck)
    yield from _outputs(source, unit)


def _named_once(source: Source, path: FieldPath, ids: list[str]) -> Iterator[Problem]:
    """A problem for a source named twice in one ``sources:`` list ("Sources A and A")."""
    for k, source_id in enumerate(ids):
        if source_id in ids[:k]:
            yield source.problem((*path, k), f"{source_id} is named twice in `sources:`", "name each source once")


def _sources(unit: Unit, source: Source, known: dict[str, Any]) -> Iterator[Problem]:
    """Each source has words or a picture; each ``@id`` in a text names a source printed in the
    same file (the handout's sections, or the worksheet's questions, print it)."""
    for i, item in enumerate(unit.sources):
        if item.text is None and item.picture is None:
            yield source.problem(("sources", i), "the source has neither text nor a picture",
                                 "add `text:` with its words, or `picture:` with its file and alt text")
    printed = {"sections": {ref for section in unit.sections for ref in section.sources}}
    sheets = [{ref for part in sheet.parts for question in part.questions for ref in question.sources}
              for sheet in unit.worksheets]
    for path, text in texts(unit):
        for reference in references(text):
            if reference.id not in known:
                if path[0] in CITING:
                    yield source.problem(path, f"@{reference.id} names no source",
                                         unknown_hint(source.data, reference.id, "source")
                                         + "; to print an @ sign, write \\@")
            elif path[0] not in CITING or (path[0] == "worksheets" and path[2:] == ("title",)):
                yield source.problem(path, f"@{reference.id} refers to a source, which only the handout's "
                                     "sections and worksheets' questions print", "name the source in words here")
            else:
                shown = printed["sections"] if path[0] == "sections" else sheets[int(path[1])]
                if reference.id not in shown:
                    where = ("the handout" if path[0] == "sections" else "this worksheet",
                             "a section's `sources:`" if path[0] == "sections" else "the `sources:` of the question "
                             "that uses it")
                    yield source.problem(path, f"@{reference.id} is not printed in {where[0]}",
                                         f"add {reference.id} to {where[1]}")


def _unknown_kinds(source: Source, kinds: Sequence[str]) -> Iterator[Problem]:
    """Each id in ``outputs.only`` that names no output kind, read from the file itself so that
    it is reported with every other mistake (an item that is not an id at all is the model's)."""
    outputs = source.data.get("outputs") if isinstance(source.data, dict) else None
    only = outputs.get("only") if isinstance(outputs, dict) else None
    if not kinds or not isinstance(only, list):
        return
    for index, name in enumerate(only):
        if isinstance(name, str) and re.fullmatch(SLUG_PATTERN, name) and name not in kinds:
            yield source.problem(("outputs", "only", index), f"unknown output kind {quoted(name)}",
                                 did_you_mean(name, kinds) or f"one of: {', '.join(kinds)}")


def _repeated_names(source: Source) -> Iterator[Problem]:
    """Ids (and glossary terms) used twice, read from the file itself, so that an item with
    other mistakes, left out of the whole-unit checks, still counts."""
    for list_name, key in NAMED_LISTS.items():
        items = source.data.get(list_name) if isinstance(source.data, dict) else None
        if isinstance(items, list):
            names = [item.get(key) if isinstance(item, dict) else None for item in items]
            yield from _unique(source, (list_name,), [n if isinstance(n, str | int) else None for n in names], key)


def _unique(source: Source, items: FieldPath, values: list[str | int | None], key: str, *,
            message: str | None = None, hint: str | None = None) -> Iterator[Problem]:
    """A problem for each value that repeats an earlier one, pointing back at the first
    (None stands for an item without one)."""
    seen: dict[str, int] = {}
    for i, given in enumerate(values):
        if given is None or isinstance(given, bool):
            continue
        value = str(given)
        if alike_key(value) not in seen:
            seen[alike_key(value)] = i
            continue
        first = source.position((*items, seen[alike_key(value)], key)).line
        text = (message or "duplicate {key} {value}").format(key=key, value=quoted(value))
        yield source.problem((*items, i, key), f"{text} (first used on line {first})",
                             hint or f"each {key} in {items[-1]} must be unique")


def _card_sort(source: Source, path: FieldPath, sort: CardSort, events: dict[str, Any]) -> Iterator[Problem]:
    seen = list(dict.fromkeys(category.id for category in sort.categories))
    yield from _unique(source, (*path, "categories"), [c.id for c in sort.categories], "id",
                       message="duplicate category id {value}", hint="each category in a sort needs its own id")
    yield from printed_twice(source, (*path, "categories"), [c.label for c in sort.categories], "category label",
                              key="label")
    for k, card in enumerate(sort.cards):
        if card.text is None and card.picture is None:
            yield source.problem((*path, "cards", k), "the card has neither text nor a picture",
                                 "add `text:`, or `picture:` for a picture card")
    yield from _unique(source, (*path, "cards"), [card.text for card in sort.cards], "text",
                       message="two cards have the same text",
                       hint="students could not tell them apart; reword or remove one")
    if sort.mode == "categories":
        if len(sort.categories) < 2:
            yield source.problem((*path, "categories"), "a categories sort needs at least two categories",
                                 "add `categories:` with an id and label each, or use mode: ranking")
        if not sort.cards:
            yield source.problem(path, "the sort has no cards", "add `cards:`")
        for k, card in enumerate(sort.cards):
            if card.category is None:
                yield source.problem((*path, "cards", k), "the card has no category",
                                     f"add `category:` with one of: {', '.join(seen) or '(no categories yet)'}")
            elif card.category not in seen:
                yield source.problem((*path, "cards", k, "category"), f"unknown category {quoted(card.category)}",
                                     reference_hint(card.category, "category",
                                                    {c.id: c.label for c in sort.categories}, "label"))
    else:
        if sort.categories:
            yield source.problem((*path, "categories"), f"a {sort.mode} sort has no categories", "remove `categories:`")
        for k, card in enumerate(sort.cards):
            if card.category is not None:
                yield source.problem((*path, "cards", k, "category"), f"cards in a {sort.mode} sort have no category",
                                     "remove `category:`")
    if sort.mode == "ranking" and len(sort.cards) != 9:
        yield source.problem((*path, "cards"), f"a diamond-nine ranking needs exactly 9 cards, not {len(sort.cards)}",
                             None)
    if sort.mode == "sequence":
        if sort.cards:
            yield source.problem((*path, "cards"), "a sequence sort is made from `events:`, not cards",
                                 "list event ids under `events:` instead")
        if len(sort.events) < 2:
            yield source.problem((*path, "events"), "a sequence sort needs at least two events", None)
        yield from refs(source, (*path, "events"), sort.events, events, "event")
        yield from distinct_dates(source, (*path, "events"), sort.events, events)
    elif sort.events:
        yield source.problem((*path, "events"), f"`events:` is only for mode: sequence, not {sort.mode}", None)
    if sort.mat and sort.mode != "categories":
        yield source.problem((*path, "mat"), f"`mat:` is for mode: categories; a {sort.mode} sort "
                             + ("always has its diamond-nine mat" if sort.mode == "ranking" else "has no mat"),
                             "remove `mat:`")


def _flashcard_set(source: Source, path: FieldPath, deck: FlashcardSet) -> Iterator[Problem]:
    if deck.id in GENERATED_SETS:
        yield source.problem((*path, "id"), f"the id {quoted(deck.id)} is the set printpack makes from the unit's "
                             f"{deck.id}", f"choose another id, e.g. '{deck.id}-cards'; to leave out the set made "
                             f"from the {deck.id}, remove it from outputs.flashcards.generate")
    yield from printed_twice(source, (*path, "cards"), [card.front for card in deck.cards], "front", key="front")


def _worksheet(source: Source, path: FieldPath, sheet: Worksheet, known: Known) -> Iterator[Problem]:
    if sheet.insert and not any(question.sources for part in sheet.parts for question in part.questions):
        yield source.problem((*path, "insert"), "`insert: true` prints the questions' sources in an insert, but no "
                             "question names a source", "add `sources:` to the questions that use them, or remove "
                             "`insert:`")
    if sheet.sections and sheet.questions:
        yield source.problem((*path, "questions"), "give `sections:` or `questions:`, not both",
                             "move these questions into a section")
    if not sheet.sections and not sheet.questions:
        yield source.problem(path, "the worksheet has no questions", "add `questions:` or `sections:`")
    for s, section in enumerate(sheet.sections):
        yield from _answered(source, (*path, "sections", s), section)
        for q, question in enumerate(section.questions):
            yield from _question(source, (*path, "sections", s, "questions", q), question, known)
    for q, question in enumerate(sheet.questions):
        yield from _question(source, (*path, "questions", q), question, known)


def _answered(source: Source, path: FieldPath, section: WorksheetSection) -> Iterator[Problem]:
    """A part's ``answer:`` (answer N of its questions): fewer than its questions, which are all
    worth the same, so the part counts N times one question's marks whichever a student picks."""
    if section.answer is None:
        return
    count = len(_written(source, (*path, "questions")) or section.questions)
    if section.answer >= count:
        yield source.problem((*path, "answer"), f"`answer: {section.answer}` asks for {section.answer} of the part's "
                             f"{count} question{'s' if count > 1 else ''}",
                             "give a number smaller than the number of questions, or remove `answer:`")
    marks = sorted({question.marks for question in section.questions})
    if len(marks) > 1:
        yield source.problem((*path, "answer"), "students choose among questions worth different marks "
                             f"({', '.join(map(str, marks))})",
                             "give every question of the part the same `marks:`")


def _written(source: Source, path: FieldPath) -> Any:
    """The value at ``path`` as the file has it, with the items that failed their shape checks
    (which a partial unit, and the ``source`` addressing it, leave out)."""
    return value_at(source.data, source._original(path) if isinstance(source, _Remapped) else path)


def _question(source: Source, path: FieldPath, question: Any, known: Known) -> Iterator[Problem]:
    """The sources it names, and the checks of the question's own type (validation admits
    registered types only)."""
    yield from refs(source, (*path, "sources"), question.sources, known.sources, "source")
    yield from _named_once(source, (*path, "sources"), question.sources)
    yield from QUESTION_TYPES[question.type].check(source, path, question, known)


def _outputs(source: Source, unit: Unit) -> Iterator[Problem]:
    chosen = unit.outputs
    if chosen.card_sorts is not None:
        yield from refs(source, ("outputs", "card_sorts"), chosen.card_sorts, [c.id for c in unit.card_sorts], "card sort")
    if chosen.worksheets is not None:
        yield from refs(source, ("outputs", "worksheets"), chosen.worksheets, [w.id for w in unit.worksheets], "worksheet")
    if chosen.flashcards.sets is not None:
        yield from refs(source, ("outputs", "flashcards", "sets"), chosen.flashcards.sets,
                        [deck.id for deck in unit.flashcards], "flash-card set")
