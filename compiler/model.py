"""The unit format, version 1, as strict frozen pydantic models.

The models check shape and types (required fields, unknown keys, slugs, dates, ranges). Checks
that need the whole unit (references, answers among options, unique ids) live in
``validate.py``, which also turns pydantic's errors into located problems. Every field carries
a description: ``printpack schema`` exports them for editor autocompletion.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from types import GenericAlias
from typing import TYPE_CHECKING, Annotated, Any, Literal, get_args

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
)

from compiler import questions
from compiler.citations import SourceKind
from compiler.dates import CIRCA_SCHEMA, LAST_YEAR, DateError, PartialDate
from compiler.errors import FieldPath, did_you_mean, quoted
from compiler.fields import (
    AS_NUMBER,
    ITEM_SCHEMA,
    MAX_LIST,
    MAX_TEXT,  # noqa: F401 (re-exported: tests read the limit from here)
    ListItem,
    LongText,
    Model,
    Picture,
    Renamed,
    ShortText,
    Slug,
    Text,
    as_typed,
    flatten_one_key_mapping,
    mistake,
    renamed,
)
from compiler.profiles import PROFILES, STANDARD
from compiler.source import as_number

MAX_VERSIONS = 26


def _known_profile(name: str) -> str:
    """A print profile's name, or a mistake naming the profile it is close to."""
    if name not in PROFILES:
        raise mistake(f"unknown print profile {quoted(name)}",
                      did_you_mean(name, PROFILES) or f"one of: {', '.join(PROFILES)}")
    return name


ProfileName = Annotated[str, AfterValidator(_known_profile)]


def _parse_date(value: object) -> PartialDate:
    try:
        return PartialDate.parse(as_number(value))
    except DateError as exc:
        raise mistake(exc.message, exc.hint) from None


Date = Annotated[
    PartialDate,
    BeforeValidator(_parse_date),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "maximum": LAST_YEAR, "description": "a year; negative years are BC"},
                {"type": "string", "pattern": rf"^(?:(?:-\d{{1,5}}|\d{{1,4}})(-\d{{2}}(-\d{{2}})?)?|{CIRCA_SCHEMA})$"},
            ],
            "description": "1922, 1922-04 or 1922-04-16; -44 is 44 BC; c. 1750 is an approximate year",
        }
    ),
]
def _sub_point(value: object) -> object:
    if isinstance(value, dict) and len(value) == 1 and isinstance(next(iter(value.values())), list):
        raise mistake("a sub-point cannot have sub-points of its own", "points nest one level only")
    if value is None:
        raise mistake("the sub-point is empty", "remove the stray '-' or write the sub-point")
    return flatten_one_key_mapping(value)


SubPoint = Annotated[Text, BeforeValidator(_sub_point)]
Colour = Annotated[
    str,
    StringConstraints(pattern=r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"),
    Field(description='a colour as "#rrggbb"'),
]
Versions = Annotated[StrictInt, Field(ge=1, le=MAX_VERSIONS), AS_NUMBER]


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
    picture: Picture | None = Field(None, description="a small picture beside the event on the poster, where "
                                                      "there is room (key events first)")


def _point(value: object) -> object:
    """A bullet is text, or ``- Main point:`` followed by a list of sub-points."""
    if value is None:
        raise mistake("the bullet is empty", "remove the stray '-' or write the point")
    if isinstance(value, str):
        return {"text": value}
    if isinstance(value, dict) and len(value) == 1:
        ((key, inner),) = value.items()
        if isinstance(inner, list):
            return {"text": as_typed(key), "points": inner}
        flattened = flatten_one_key_mapping(value)
        if isinstance(flattened, str):
            return {"text": flattened}
    return value


class Point(Model):
    text: Text
    points: list[SubPoint] = Field(default_factory=list, max_length=100)


PointItem = Annotated[Point, BeforeValidator(_point), WithJsonSchema({"anyOf": [
    *ITEM_SCHEMA["anyOf"],
    {"type": "object", "minProperties": 1, "maxProperties": 1,
     "additionalProperties": {"type": "array", "items": ITEM_SCHEMA}, "description": "a point with sub-points"},
]})]


class Box(Model):
    title: Text
    text: LongText | None = None
    picture: Picture | None = None


class Section(Renamed):
    title: Text = Field(validation_alias=renamed("title", "heading"), description="the section's heading")
    theme: Slug | None = Field(None, description="a theme id: the section's colour strand")
    text: LongText | None = Field(None, description="prose; a blank line starts a new paragraph")
    points: list[PointItem] = Field(default_factory=list, max_length=200)
    box: Box | None = Field(None, description="a call-out box")
    picture: Picture | None = Field(None, description="a picture printed in the section, after its text")
    sources: list[Slug] = Field(default_factory=list, max_length=50,
                                description="ids of the unit's sources to print in the section, as lettered boxes")
    events: list[Slug] = Field(default_factory=list, max_length=50, description="key-dates strip")
    terms: list[Text] = Field(default_factory=list, max_length=50, description="glossary terms")


class Category(Model):
    id: Slug
    label: Text


class Card(Model):
    text: Text | None = Field(None, description="what the card says (under its picture, if it has one)")
    picture: Picture | None = Field(None, description="a picture card: the picture fills the card")
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


FlashcardSize = Literal["small", "large", "index-card"]
# The ids of the sets printpack makes from the unit itself (outputs.flashcards.generate).
GeneratedSet = Literal["glossary", "people", "events"]
GENERATED_SETS: tuple[GeneratedSet, ...] = get_args(GeneratedSet)


class FlashCard(Model):
    front: Text = Field(description="what the card asks: a word, a name, a date, a question")
    back: ListItem | Annotated[list[ListItem], Field(min_length=1, max_length=20)] = Field(
        description="the answer on the other side: a text, or a list of points")
    picture: Picture | None = Field(None, description="a picture on the front, above its text")

    @property
    def points(self) -> tuple[str, ...]:
        """The back as points: a back that is one text is one point."""
        return (self.back,) if isinstance(self.back, str) else tuple(self.back)


class FlashcardSet(Model):
    id: Slug = Field(description="the set's id; its file is flashcards-<id>.pdf")
    title: Text
    size: FlashcardSize | None = Field(None, description="small: 8 per page (105 × 74 mm on A4); large: 4 per page; "
                                                         "index-card: 3 × 5 inches. Default: outputs.flashcards.size")
    cards: list[FlashCard] = Field(min_length=1, max_length=MAX_LIST)


class SourceItem(Model):
    """A source (an extract, a cartoon, a photograph, a chart) or a historian's interpretation,
    printed in a lettered box with its provenance where a section or question names it."""

    id: Slug = Field(description="the source's id: sections and questions name it; @id in a text prints its "
                                 "label (Source A)")
    kind: SourceKind = Field("source", description="source (lettered A, B, C…) or interpretation (a historian's "
                                                   "view: numbered 1, 2, 3…)")
    author: ShortText | None = Field(None, description="who wrote or made it")
    date: Date | None = Field(None, description="when it was written or made")
    origin: ShortText | None = Field(None, description="what it is: a speech to the League of Nations, a cartoon in "
                                                  "Punch, a history of the USSR")
    adapted: StrictBool = Field(False, description="true when the words were shortened or modernised: printed as "
                                                   "'adapted'")
    text: LongText | None = Field(None, description="the extract's words; a blank line starts a new paragraph")
    picture: Picture | None = Field(None, description="the source itself when it is a picture")


# A worksheet's question: one of the registered types (compiler.questions), told apart by `type`.
if TYPE_CHECKING:
    Question = questions.QuestionBase
else:
    Question = questions.question_union()


class WorksheetSection(Model):
    title: Text | None = None
    instructions: Text | None = None
    answer: Annotated[StrictInt, AS_NUMBER] | None = Field(
        None, ge=1, description="how many of the part's questions students answer (fewer than it has, all worth "
                                "the same marks)")
    questions: list[Question] = Field(min_length=1, max_length=MAX_LIST)


class Worksheet(Model):
    id: Slug
    title: Text
    instructions: Text | None = None
    insert: StrictBool = Field(False, description="print the questions' sources in a separate insert, "
                                                  "worksheet-<id>-sources.pdf, as exam papers do")
    versions: Versions = 1
    shuffle: StrictBool = Field(False, description="shuffle the questions and options of Version A (or of the "
                                                   "only version) too; versions after A are always shuffled")
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


class FlashcardOutputs(Model):
    sets: list[Slug] | None = Field(None, description="which written flash-card sets to build (default: all)")
    generate: list[GeneratedSet] = Field(
        list(GENERATED_SETS), description="the sets made from the unit: glossary (term → definition), people "
                                          "(name → role) and events (title → date: the key events, or every event of a unit that marks none "
                                          "as key); [] for none")
    event_front: Literal["title", "date"] = Field("title", description="what the front of an event card shows; the "
                                                                       "back shows the other")
    size: FlashcardSize = Field("small", description="the size of every set that does not give its own")
    flip: Literal["long-edge", "short-edge", "fold"] = Field(
        "long-edge", description="how the printer turns the sheet: long-edge (the usual duplex), short-edge, or "
                                 "fold (front and back side by side on one side, to fold: for printers without "
                                 "duplex)")


class Outputs(Model):
    paper: Literal["a4", "letter"] | None = Field(None, description="page size for sheets")
    only: list[Slug] = Field(default_factory=list, description="build only these kinds")  # checked by filenames.py
    profiles: list[ProfileName] = Field(
        default_factory=lambda: [STANDARD], min_length=1, max_length=len(PROFILES),
        description="the print profiles to build every file in: " + ", ".join(PROFILES) + " (a profile's files "
                    "are named with it: handout-large-print.pdf, worksheet-quiz-A-dyslexia-key.pdf)")
    card_sorts: list[Slug] | None = Field(None, description="which card sorts to build")
    worksheets: list[Slug] | None = Field(None, description="which worksheets to build")
    versions: Versions | None = None
    timeline: TimelineOutputs = Field(default_factory=TimelineOutputs)
    flashcards: FlashcardOutputs = Field(default_factory=FlashcardOutputs)


class Unit(Model):
    """A teaching unit: the single source every output is compiled from."""

    model_config = ConfigDict(title="printpack unit (format 1)")

    format: Annotated[Literal[1], AS_NUMBER] = Field(description="the format version; always 1")
    unit: UnitInfo
    themes: list[Theme] = Field(default_factory=list, max_length=40)
    people: list[Person] = Field(default_factory=list, max_length=MAX_LIST)
    glossary: list[Term] = Field(default_factory=list, max_length=MAX_LIST)
    periods: list[Period] = Field(default_factory=list, max_length=200)
    events: list[Event] = Field(default_factory=list, max_length=MAX_LIST)
    sections: list[Section] = Field(default_factory=list, max_length=500)
    card_sorts: list[CardSort] = Field(default_factory=list, max_length=100)
    worksheets: list[Worksheet] = Field(default_factory=list, max_length=100)
    flashcards: list[FlashcardSet] = Field(default_factory=list, max_length=100)
    sources: list[SourceItem] = Field(default_factory=list, max_length=500)
    outputs: Outputs = Field(default_factory=Outputs)


def _rebuild_question_models() -> None:
    """After a question type is registered or removed: the models that hold questions, with the
    new union (pydantic builds a model's validator with its fields' types, so they are rebuilt)."""
    annotation: Any = GenericAlias(list, (questions.question_union(),))  # list[Question], built now
    for holder in (WorksheetSection, Worksheet):
        holder.model_fields["questions"].annotation = annotation
    for model in (WorksheetSection, Worksheet, Unit):
        model.model_rebuild(force=True)


questions.when_changed(_rebuild_question_models)


def json_schema(kinds: Sequence[str] = ()) -> dict[str, Any]:
    """The JSON Schema of the format, as YAML editors use it; ``outputs.only`` lists ``kinds``
    (the registry's names: the model does not import the kinds) when they are given."""
    schema = Unit.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    if kinds:
        schema["$defs"]["Outputs"]["properties"]["only"]["items"] = {"enum": list(kinds), "type": "string"}
    schema["$defs"]["Outputs"]["properties"]["profiles"]["items"] = {"enum": list(PROFILES), "type": "string"}
    return schema


def json_schema_text(kinds: Sequence[str] = ()) -> str:
    """The JSON Schema as the text ``printpack schema`` prints and ``printpack new`` saves."""
    return json.dumps(json_schema(kinds), indent=2, ensure_ascii=False) + "\n"


def texts(value: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Every text in a validated model with its path as written in the file (aliases, indices),
    but a model's ``unprinted`` fields (a picture's file name and alt text)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        unprinted = getattr(type(value), "unprinted", ())
        for name, field in type(value).model_fields.items():
            if name in unprinted:
                continue
            key = value.key(name) if isinstance(value, Renamed) else field.alias or name
            yield from texts(getattr(value, name), (*path, key))
        for name, extra in (value.model_extra or {}).items():  # a model that takes keys of any name
            yield from texts(extra, (*path, name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from texts(item, (*path, index))
