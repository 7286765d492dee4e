"""No internal error is reachable from unit text: every text field of the model, filled with a
long text under its size limit, either builds or gives a located problem naming that field
(located by :mod:`compiler.locate` from the words that did not fit)."""

from __future__ import annotations

import copy
import re
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from PIL import Image
from pydantic import BaseModel

from compiler import model
from compiler.build import Request, build
from compiler.errors import FieldPath, Unplaceable, format_path
from compiler.locate import located
from compiler.report import BuildReport

# One small unit holding every model and every question type once, as plain data.
SAMPLE: dict[str, Any] = {
    "format": 1,
    "unit": {"id": "long", "title": "Title", "subtitle": "Subtitle", "subject": "History", "level": "Year 9",
             "author": "A. Teacher", "licence": "CC BY 4.0"},
    "themes": [{"id": "politics", "label": "Politics"}, {"id": "society", "label": "Society"}],
    "people": [{"id": "lenin", "name": "Lenin", "role": "Leader", "themes": ["politics"]}],
    "glossary": [{"term": "Autarky", "definition": "Economic self-sufficiency."},
                 {"term": "Comintern", "definition": "The Communist International."},
                 {"term": "Purge", "definition": "Removal of opponents."}],
    "periods": [{"label": "Early years", "start": 1917, "end": 1924}],
    "events": [{"id": "e1", "date": "1917-11-07", "title": "Revolution", "detail": "Power taken.",
                "themes": ["politics"], "people": ["lenin"], "key": True},
               {"id": "e2", "date": 1922, "title": "Rapallo", "themes": ["society"]},
               {"id": "e3", "date": 1924, "title": "Death of Lenin"}],
    "sections": [{"title": "Heading", "theme": "politics", "text": "Some prose.",
                  "points": [{"text": "A point", "points": ["A sub-point"]}],
                  "box": {"title": "Think", "text": "Why then?"}, "events": ["e1", "e2"], "terms": ["Comintern"],
                  "picture": {"file": "pictures/map.png", "alt": "A map", "credit": "Drawn for the test"},
                  "sources": ["speech"]}],
    "sources": [{"id": "speech", "author": "A speaker", "origin": "a speech", "date": 1934, "adapted": True,
                 "text": "Words spoken."}],
    "card_sorts": [
        {"id": "cats", "title": "Sort", "instructions": "Sort them.", "mat": True,
         "categories": [{"id": "yes", "label": "For"}, {"id": "no", "label": "Against"}],
         "cards": [{"text": "Card one", "category": "yes", "note": "A note"}, {"text": "Card two", "category": "no"}]},
        {"id": "rank", "title": "Rank", "mode": "ranking", "cards": [{"text": f"Reason {n}"} for n in range(1, 10)]},
        {"id": "seq", "title": "Order", "mode": "sequence", "events": ["e3", "e1", "e2"]},
    ],
    "worksheets": [{"id": "quiz", "title": "Quiz", "instructions": "Answer all.", "sections": [
        {"title": "Part A", "instructions": "Short ones.", "questions": [
            {"type": "choice", "prompt": "Which?", "options": ["Rapallo", "Berlin"], "answer": "Berlin"},
            {"type": "true_false", "prompt": "It was 1934.", "answer": True},
            {"type": "short", "prompt": "Why?", "answer": "Because."},
            {"type": "gap_fill", "prompt": "Fill in.", "text": "In [[1934]] it joined.", "word_bank": True,
             "distractors": ["1933"]},
        ]},
        {"title": "Part B", "questions": [
            {"type": "match", "prompt": "Match them.", "pairs": [["Chicherin", "1918"], ["Litvinov", "1930"]]},
            {"type": "match", "from": "glossary", "terms": ["Comintern", "Purge"]},
            {"type": "order", "prompt": "Order them.", "items": ["First", "Second", "Third"]},
            {"type": "order", "from": "events", "events": ["e1", "e2", "e3"]},
            {"type": "extended", "prompt": "Discuss.", "space": "10 lines", "mark_scheme": ["Level 1: a point"]},
        ]},
    ]}],
    "flashcards": [{"id": "words", "title": "Words", "cards": [{"front": "Front", "back": "Back"},
                                                              {"front": "Points", "back": ["One", "Two"]}]}],
}


def _text_limit(annotation: Any) -> int | None:
    """The length limit of a free-text type (Text, LongText, ListItem); None for ids, colours, dates…"""
    if typing.get_origin(annotation) is typing.Annotated:
        base, *metadata = typing.get_args(annotation)
        constraints = [m for m in metadata if hasattr(m, "max_length")]
        if base is str and constraints and all(getattr(m, "pattern", None) is None for m in constraints):
            return min(m.max_length for m in constraints if m.max_length)
        return _text_limit(base)
    return None


def _parts(annotation: Any) -> list[Any]:
    """The types a field may hold: the members of a union, the item type of a list."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated and _text_limit(annotation) is None:
        return _parts(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [p for a in typing.get_args(annotation) for p in _parts(a)]
    if origin is list:
        return _parts(typing.get_args(annotation)[0])
    return [annotation]


def text_fields(cls: type[BaseModel] = model.Unit) -> Iterator[tuple[str, str, int]]:
    """(model, field, limit) for every free-text field of the format, read from the models."""
    seen: set[tuple[str, str]] = set()

    def walk(current: type[BaseModel]) -> Iterator[tuple[str, str, int]]:
        for name, info in current.model_fields.items():
            for part in _parts(info.rebuild_annotation()):
                limit = _text_limit(part)
                if limit and (current.__name__, name) not in seen:
                    seen.add((current.__name__, name))
                    yield current.__name__, name, limit
                elif isinstance(part, type) and issubclass(part, BaseModel) and (part.__name__, "") not in seen:
                    seen.add((part.__name__, ""))
                    yield from walk(part)

    yield from walk(cls)


def _model_for(part: type[BaseModel], data: Any) -> bool:
    """Whether ``data`` is meant for the model ``part`` (questions are told apart by their type)."""
    kind = part.model_fields.get("type")
    return kind is None or (isinstance(data, dict) and typing.get_args(kind.annotation) == (data.get("type"),))


def sample_paths() -> dict[tuple[str, str], FieldPath]:
    """Where each (model, field) first occurs in SAMPLE, as a field path."""
    found: dict[tuple[str, str], FieldPath] = {}

    def walk(cls: type[BaseModel], data: dict[str, Any], path: FieldPath) -> None:
        for name, info in cls.model_fields.items():
            key = info.alias or name
            if key not in data:
                continue
            value, at = data[key], (*path, key)
            for part in _parts(info.rebuild_annotation()):
                if _text_limit(part):
                    while isinstance(value, list):
                        value, at = value[0], (*at, 0)
                    found.setdefault((cls.__name__, name), at)
                elif isinstance(part, type) and issubclass(part, BaseModel):
                    items = enumerate(value) if isinstance(value, list) else [(None, value)]
                    for index, item in items:
                        if _model_for(part, item):
                            walk(part, item, at if index is None else (*at, index))

    walk(model.Unit, SAMPLE, ())
    return found


def long_text(limit: int) -> str:
    """Words (so lines can break) up to just under the limit, at most a normal text's."""
    sentence = "the treaty was signed after long talks between the two foreign ministers. "
    return (sentence * (model.MAX_TEXT // len(sentence) + 1))[:min(limit, model.MAX_TEXT) - 20].strip()


def with_value(data: Any, path: FieldPath, value: str) -> Any:
    data = copy.deepcopy(data)
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return data


FIELDS = sorted(text_fields())


def test_every_text_field_is_in_the_sample() -> None:
    missing = [(m, f) for m, f, _ in FIELDS if (m, f) not in sample_paths()]
    assert not missing, f"add these fields to SAMPLE so the long-text test covers them: {missing}"


@pytest.mark.parametrize(("model_name", "field", "limit"), FIELDS, ids=[f"{m}.{f}" for m, f, _ in FIELDS])
def test_a_long_text_in_any_field_builds_or_is_located(model_name: str, field: str, limit: int,
                                                      tmp_path: Path) -> None:
    """Either the unit builds, or every problem is located and one names the field; when that one
    says how long the text may be, a text of that length no longer fails there."""
    path = sample_paths()[model_name, field]
    report = _build_with(tmp_path, path, long_text(limit))
    problems = report.all_problems()
    if report.ok:
        return
    assert problems and all(p.line > 0 for p in problems), [str(p) for p in problems]
    named = [p for p in problems if p.path == format_path(path)]
    assert named, [str(p) for p in problems]
    keep = [int(m[1]) for p in named if (m := re.search(r"shorten it to at most about (\d+)", p.hint or ""))]
    if keep:
        again = _build_with(tmp_path, path, long_text(limit)[:min(keep)]).all_problems()
        assert not [p for p in again if p.path == format_path(path)], [str(p) for p in again]


def _build_with(folder: Path, path: FieldPath, text: str) -> BuildReport:
    (folder / "pictures").mkdir(exist_ok=True)
    Image.new("RGB", (600, 400), "white").save(folder / "pictures" / "map.png")
    unit = folder / "unit.yaml"
    unit.write_text(yaml.safe_dump(with_value(SAMPLE, path, text), allow_unicode=True), encoding="utf-8")
    return build(Request(paths=(unit,), out=folder / "out", jobs=1))



@pytest.mark.parametrize("key", ["title", "heading"])  # heading: the old name, named as written
def test_the_field_holding_the_words_is_named_with_the_length_that_fits(key: str) -> None:
    heading = "word " * 40  # 199 characters once stripped
    data = with_value(SAMPLE, ("sections", 0, "title"), heading)
    data["sections"][0][key] = data["sections"][0].pop("title")
    unit = model.Unit.model_validate(data)
    drawn = "1. " + " ".join(heading.split())  # as drawn, with the number the template adds
    item = Unplaceable(("sections", 0), "the text is taller than a page", "shorten it", drawn, 0.5)
    assert located(unit, item) == (("sections", 0, key), "the text is taller than a page",
                                   "it has 199 characters: shorten it to at most about 80, or split it")
    glossary = Unplaceable(("worksheets", 0), "the question is taller than a page", "split it",
                           "The Communist International.", None)
    assert located(unit, glossary) == (("glossary", 1, "definition"), "the question is taller than a page",
                                       "split it")  # not below the question, so looked for everywhere
    nobody = Unplaceable((), "the text is taller than a page", None, "Page 1 of 3", 0.2)
    assert located(unit, nobody) == ((), "the text is taller than a page: “Page 1 of 3”", None)
