"""The unit format, version 1, as strict frozen pydantic models.

The models check shape and types (required fields, unknown keys, slugs, dates, ranges). Checks
that need the whole unit (references, answers among options, unique ids) live in
``validate.py``, which also turns pydantic's errors into located problems. Every field carries
a description: ``printpack schema`` exports them for editor autocompletion.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator, Sequence
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StrictBool,
    StrictInt,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from compiler import SLUG_MAX_LENGTH, SLUG_PATTERN
from compiler.dates import DateError, PartialDate
from compiler.errors import FieldPath
from compiler.source import as_number

MAX_TEXT = 5_000
MAX_LIST = 5_000
MAX_VERSIONS = 26

GAP = re.compile(r"\[\[(.*?)\]\]", re.DOTALL)


def _mistake(message: str, hint: str) -> PydanticCustomError:
    """A teacher-facing error; ``validate.py`` splits it back into message and hint."""
    return PydanticCustomError("printpack", "{message} — {hint}", {"message": message, "hint": hint})


def _parse_date(value: object) -> PartialDate:
    try:
        return PartialDate.parse(as_number(value))
    except DateError as exc:
        raise _mistake(exc.message, exc.hint) from None


def _flatten_one_key_mapping(value: object) -> object:
    """``- Level 4 (16–20): text`` reads as a one-key mapping; a teacher meant the text. After
    the colon ``true`` or ``false`` is the word (``- Is it: true``), in lowercase; nothing there
    (or ``~``) is a mistake, not an empty text."""
    if isinstance(value, dict) and len(value) == 1:
        ((key, inner),) = value.items()
        if isinstance(inner, bool):
            inner = "true" if inner else "false"
        if inner is None:
            raise _mistake(f"nothing after '{key}:'", "write the text after the colon, or remove the colon")
        if isinstance(inner, str):
            return f"{key}: {inner}"
    return value


Date = Annotated[
    PartialDate,
    BeforeValidator(_parse_date),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "description": "a year; negative years are BC"},
                {"type": "string", "pattern": r"^-?\d{1,5}(-\d{2}(-\d{2})?)?$"},
            ],
            "description": "1922, 1922-04 or 1922-04-16; -44 is 44 BC",
        }
    ),
]
Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=SLUG_MAX_LENGTH),
    Field(description="an identifier: lowercase letters, digits and hyphens"),
]
# The JSON Schema says what a teacher may write, which is more than the model's own types: a
# number where text is expected (the loader keeps it as written: compiler.source.Numeral), a
# one-key mapping for "- Level 4 (16–20): text", and so on.
_TEXT_SCHEMA = {"anyOf": [{"type": "string", "minLength": 1}, {"type": "number"}]}
_ITEM_SCHEMA = {"anyOf": [*_TEXT_SCHEMA["anyOf"], {"type": "object", "minProperties": 1, "maxProperties": 1,
                                                   "additionalProperties": {"type": ["string", "number"]}}]}
# Text is kept in NFC: an accented letter typed as one character or as a letter and a combining
# accent is the same text, compares equal (an answer and its option, a term and the glossary)
# and prints with the font's precomposed glyph.
_NFC = AfterValidator(lambda text: unicodedata.normalize("NFC", text))
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT), _NFC,
                 WithJsonSchema(_TEXT_SCHEMA)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50_000), _NFC,
                     WithJsonSchema(_TEXT_SCHEMA)]
ListItem = Annotated[Text, BeforeValidator(_flatten_one_key_mapping), WithJsonSchema(_ITEM_SCHEMA)]


def _sub_point(value: object) -> object:
    if isinstance(value, dict) and len(value) == 1 and isinstance(next(iter(value.values())), list):
        raise _mistake("a sub-point cannot have sub-points of its own", "points nest one level only")
    if value is None:
        raise _mistake("the sub-point is empty", "remove the stray '-' or write the sub-point")
    return _flatten_one_key_mapping(value)


SubPoint = Annotated[Text, BeforeValidator(_sub_point)]
Colour = Annotated[
    str,
    StringConstraints(pattern=r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"),
    Field(description='a colour as "#rrggbb"'),
]
# Where a number is meant, a number written in the file counts as one; quoted text does not.
# (The range goes before the conversion, so that the JSON Schema states it as a range.)
_AS_NUMBER = BeforeValidator(as_number)
Marks = Annotated[StrictInt, Field(ge=0, le=1000, description="marks for the question"), _AS_NUMBER]
Lines = Annotated[StrictInt, Field(ge=1, le=40), _AS_NUMBER]
Count = Annotated[StrictInt, Field(ge=2, le=26), _AS_NUMBER]
Versions = Annotated[StrictInt, Field(ge=1, le=MAX_VERSIONS), _AS_NUMBER]


class Model(BaseModel):
    """Strict base: unknown keys are errors, values are frozen. A number written where text is
    expected arrives as the text written (``3.10``, not 3.1): there is no number to convert."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        validate_default=True,
        populate_by_name=True,
        defer_build=True,
    )

    @model_validator(mode="before")
    @classmethod
    def _empty_means_absent(cls, data: Any) -> Any:
        """An optional key left empty (``events:`` with nothing under it) means it is not given."""
        if isinstance(data, dict):
            return {k: v for k, v in data.items()
                    if not (v is None and k in cls.model_fields and not cls.model_fields[k].is_required())}
        return data


class UnitInfo(Model):
    id: Slug = Field(description="the unit's id; its outputs go to output/<id>/")
    title: Text = Field(description="the unit's title")
    subtitle: Text | None = Field(None, description="a line under the title")
    subject: Text | None = Field(None, description="e.g. History")
    level: Text | None = Field(None, description="e.g. A-level, Year 9")
    author: Text | None = Field(None, description="printed on the cover and in the metadata")
    licence: Text | None = Field(None, description="printed in footers, e.g. CC BY-SA 4.0")
    language: Slug = Field("en", description="language of the labels the compiler adds")


class Theme(Model):
    id: Slug
    label: Text = Field(description="the strand's name, printed beside its colour")
    colour: Colour | None = Field(None, description="optional; otherwise from the theme palette")


class Person(Model):
    id: Slug
    name: Text
    role: Text | None = Field(None, description="one line, e.g. Commissar for Foreign Affairs, 1930–1939")
    themes: list[Slug] = Field(default_factory=list, max_length=50)


class Term(Model):
    term: Text
    definition: Text


class Period(Model):
    label: Text
    start: Date
    end: Date


class Event(Model):
    id: Slug
    date: Date
    end: Date | None = Field(None, description="for spans such as a war")
    title: Text = Field(description="short: it labels the event on the poster")
    detail: Text | None = None
    themes: list[Slug] = Field(default_factory=list, max_length=50)
    people: list[Slug] = Field(default_factory=list, max_length=100)
    key: StrictBool = Field(False, description="emphasised on the poster and in key-dates tables")


def _point(value: object) -> object:
    """A bullet is text, or ``- Main point:`` followed by a list of sub-points."""
    if value is None:
        raise _mistake("the bullet is empty", "remove the stray '-' or write the point")
    if isinstance(value, str):
        return {"text": value}
    if isinstance(value, dict) and len(value) == 1:
        ((key, inner),) = value.items()
        if isinstance(inner, list):
            return {"text": key, "points": inner}
        flattened = _flatten_one_key_mapping(value)
        if isinstance(flattened, str):
            return {"text": flattened}
    return value


class Point(Model):
    text: Text
    points: list[SubPoint] = Field(default_factory=list, max_length=100)


PointItem = Annotated[Point, BeforeValidator(_point), WithJsonSchema({"anyOf": [
    *_ITEM_SCHEMA["anyOf"],
    {"type": "object", "minProperties": 1, "maxProperties": 1,
     "additionalProperties": {"type": "array", "items": _ITEM_SCHEMA}, "description": "a point with sub-points"},
]})]


class Box(Model):
    title: Text
    text: LongText


class Section(Model):
    heading: Text
    theme: Slug | None = Field(None, description="a theme id: the section's colour strand")
    text: LongText | None = Field(None, description="prose; a blank line starts a new paragraph")
    points: list[PointItem] = Field(default_factory=list, max_length=200)
    box: Box | None = Field(None, description="a call-out box")
    events: list[Slug] = Field(default_factory=list, max_length=50, description="key-dates strip")
    terms: list[Text] = Field(default_factory=list, max_length=50, description="glossary terms")


class Category(Model):
    id: Slug
    label: Text


class Card(Model):
    text: Text
    category: Slug | None = Field(None, description="the category id it belongs under")
    note: Text | None = Field(None, description="shown in the answer key")


class CardSort(Model):
    id: Slug
    title: Text
    instructions: Text | None = None
    mode: Literal["categories", "ranking", "sequence"] = "categories"
    card_size: Literal["small", "medium", "large"] | None = Field(None, description="default: the theme's")
    mat: StrictBool = Field(False, description="categories mode: add a sort mat with a column per category")
    categories: list[Category] = Field(default_factory=list, max_length=12)
    cards: list[Card] = Field(default_factory=list, max_length=MAX_LIST)
    events: list[Slug] = Field(default_factory=list, max_length=200, description="for mode: sequence")


class QuestionBase(Model):
    marks: Marks = 1


class Choice(QuestionBase):
    type: Literal["choice"]
    prompt: Text
    options: list[Text] = Field(min_length=2, max_length=12)
    answer: Annotated[
        list[Text],
        BeforeValidator(lambda v: [v] if isinstance(v, str) else v),
        Field(min_length=1, description="one option, or a list of options for 'tick two'"),
        WithJsonSchema({"anyOf": [*_TEXT_SCHEMA["anyOf"], {"type": "array", "items": _TEXT_SCHEMA, "minItems": 1}],
                        "description": "one option, or a list of options for 'tick two'"}),
    ]


class TrueFalse(QuestionBase):
    type: Literal["true_false"]
    statement: Text
    answer: StrictBool


class Short(QuestionBase):
    type: Literal["short"]
    prompt: Text
    answer: Text = Field(description="the model answer, printed in the key")
    lines: Lines = 3


class GapFill(QuestionBase):
    type: Literal["gap_fill"]
    prompt: Text | None = None
    text: Text = Field(description="gaps in double brackets: In [[1934]] the USSR joined ...")
    word_bank: StrictBool = False
    distractors: list[Text] = Field(default_factory=list, max_length=50)


class Match(QuestionBase):
    type: Literal["match"]
    prompt: Text | None = None
    source: Literal["glossary"] | None = Field(None, alias="from")
    terms: list[Text] = Field(default_factory=list, max_length=26)
    count: Count | None = None
    pairs: list[Annotated[list[Text], Field(min_length=2, max_length=2)]] = Field(
        default_factory=list, max_length=26
    )


class Order(QuestionBase):
    type: Literal["order"]
    prompt: Text | None = None
    source: Literal["events"] | None = Field(None, alias="from")
    events: list[Slug] = Field(default_factory=list, max_length=26)
    count: Count | None = None
    items: list[Text] = Field(default_factory=list, max_length=26, description="in the right order")


class Extended(QuestionBase):
    type: Literal["extended"]
    prompt: Text
    space: Annotated[
        str,
        StringConstraints(pattern=r"^\s*\d{1,2}\s+(pages?|lines?)\s*$"),
        Field(description='"1 page", "2 pages" or "20 lines"'),
    ] = "1 page"
    mark_scheme: list[ListItem] = Field(default_factory=list, max_length=50)


Question = Annotated[
    Choice | TrueFalse | Short | GapFill | Match | Order | Extended,
    Field(discriminator="type"),
]
QUESTION_TYPES = ("choice", "true_false", "short", "gap_fill", "match", "order", "extended")


class WorksheetSection(Model):
    title: Text | None = None
    instructions: Text | None = None
    questions: list[Question] = Field(min_length=1, max_length=MAX_LIST)


class Worksheet(Model):
    id: Slug
    title: Text
    instructions: Text | None = None
    versions: Versions = 1
    sections: list[WorksheetSection] = Field(default_factory=list, max_length=50)
    questions: list[Question] = Field(default_factory=list, max_length=MAX_LIST)

    @property
    def parts(self) -> list[WorksheetSection]:
        """The sections, or the bare ``questions`` as one untitled section."""
        if self.sections:
            return list(self.sections)
        return [WorksheetSection(questions=self.questions)] if self.questions else []


class TimelineOutputs(Model):
    paper: Literal["a3", "a2", "a1", "a0", "tabloid"] = Field("a3", description="poster size")
    blank: Literal["titles", "dates"] = Field("titles", description="what the student version leaves out")


class Outputs(Model):
    paper: Literal["a4", "letter"] | None = Field(None, description="page size for sheets")
    only: list[Slug] = Field(default_factory=list, description="build only these kinds")  # checked by filenames.py
    card_sorts: list[Slug] | None = Field(None, description="which card sorts to build")
    worksheets: list[Slug] | None = Field(None, description="which worksheets to build")
    versions: Versions | None = None
    timeline: TimelineOutputs = Field(default_factory=TimelineOutputs)


class Unit(Model):
    """A teaching unit: the single source every output is compiled from."""

    model_config = ConfigDict(title="printpack unit (format 1)")

    format: Annotated[Literal[1], _AS_NUMBER] = Field(description="the format version; always 1")
    unit: UnitInfo
    themes: list[Theme] = Field(default_factory=list, max_length=40)
    people: list[Person] = Field(default_factory=list, max_length=MAX_LIST)
    glossary: list[Term] = Field(default_factory=list, max_length=MAX_LIST)
    periods: list[Period] = Field(default_factory=list, max_length=200)
    events: list[Event] = Field(default_factory=list, max_length=MAX_LIST)
    sections: list[Section] = Field(default_factory=list, max_length=500)
    card_sorts: list[CardSort] = Field(default_factory=list, max_length=100)
    worksheets: list[Worksheet] = Field(default_factory=list, max_length=100)
    outputs: Outputs = Field(default_factory=Outputs)


def json_schema(kinds: Sequence[str] = ()) -> dict[str, Any]:
    """The JSON Schema of the format, as YAML editors use it; ``outputs.only`` lists ``kinds``
    (the registry's names: the model does not import the kinds) when they are given."""
    schema = Unit.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    if kinds:
        schema["$defs"]["Outputs"]["properties"]["only"]["items"] = {"enum": list(kinds), "type": "string"}
    return schema


def json_schema_text(kinds: Sequence[str] = ()) -> str:
    """The JSON Schema as the text ``printpack schema`` prints and ``printpack new`` saves."""
    return json.dumps(json_schema(kinds), indent=2, ensure_ascii=False) + "\n"


def texts(value: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Every text in a validated model with its path as written in the file (aliases, indices)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name, field in type(value).model_fields.items():
            yield from texts(getattr(value, name), (*path, field.alias or name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from texts(item, (*path, index))
