"""The field types the unit format shares: the strict base model, ids, texts and numbers.

Here rather than in ``model.py`` so that a question type's model (``compiler/questions/``) can use
them while ``model.py`` builds the worksheet's question union from the registry of those types.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    AliasChoices,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictInt,
    StringConstraints,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    computed_field,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from compiler import SLUG_MAX_LENGTH, SLUG_PATTERN
from compiler.source import QuotedKey, as_number

MAX_TEXT = 5_000
MAX_LIST = 5_000


def mistake(message: str, hint: str) -> PydanticCustomError:
    """A teacher-facing error; ``validate.py`` splits it back into message and hint."""
    return PydanticCustomError("printpack", "{message} — {hint}", {"message": message, "hint": hint})


def flatten_one_key_mapping(value: object) -> object:
    """``- Level 4 (16–20): text`` reads as a one-key mapping; a teacher meant the text. After
    the colon ``true`` or ``false`` is the word (``- Is it: true``), in lowercase; nothing there
    (or ``~``) is a mistake, not an empty text. A key typed in quotes keeps them
    (``- "Sacred and inviolable": the Declaration on property``)."""
    if isinstance(value, dict) and len(value) == 1:
        ((key, inner),) = value.items()
        if isinstance(inner, bool):
            inner = "true" if inner else "false"
        if inner is None:
            raise mistake(f"nothing after '{key}:'", "write the text after the colon, or remove the colon")
        if isinstance(inner, str):
            return f"{as_typed(key)}: {inner}"
    return value


def as_typed(key: str) -> str:
    """A mapping's key as the teacher typed it: in quotes if it was written in quotes."""
    return key.typed if isinstance(key, QuotedKey) else key


Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=SLUG_MAX_LENGTH),
    Field(description="an identifier: lowercase letters, digits and hyphens"),
]
# The JSON Schema says what a teacher may write, which is more than the model's own types: a
# number where text is expected (the loader keeps it as written: compiler.source.Numeral), a
# one-key mapping for "- Level 4 (16–20): text", and so on.
TEXT_SCHEMA = {"anyOf": [{"type": "string", "minLength": 1}, {"type": "number"}]}
ITEM_SCHEMA = {"anyOf": [*TEXT_SCHEMA["anyOf"], {"type": "object", "minProperties": 1, "maxProperties": 1,
                                                 "additionalProperties": {"type": ["string", "number"]}}]}
# Text is kept in NFC: an accented letter typed as one character or as a letter and a combining
# accent is the same text, compares equal (an answer and its option, a term and the glossary)
# and prints with the font's precomposed glyph.
_NFC = AfterValidator(lambda text: unicodedata.normalize("NFC", text))
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT), _NFC,
                 WithJsonSchema(TEXT_SCHEMA)]
# A line of a longer whole, such as a source's author or origin in its provenance line.
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300), _NFC,
                      WithJsonSchema(TEXT_SCHEMA)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50_000), _NFC,
                     WithJsonSchema(TEXT_SCHEMA)]
ListItem = Annotated[Text, BeforeValidator(flatten_one_key_mapping), WithJsonSchema(ITEM_SCHEMA)]
# Where a number is meant, a number written in the file counts as one; quoted text does not.
# (The range goes before the conversion, so that the JSON Schema states it as a range.)
AS_NUMBER = BeforeValidator(as_number)
Marks = Annotated[StrictInt, Field(ge=0, le=1000, description="marks for the question"), AS_NUMBER]
Lines = Annotated[StrictInt, Field(ge=1, le=40), AS_NUMBER]
Count = Annotated[StrictInt, Field(ge=2, le=26), AS_NUMBER]


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


def renamed(name: str, *old: str) -> AliasChoices:
    """The keys a field of a :class:`Renamed` model is written with: its name, then its old names."""
    return AliasChoices(name, *old)


def _old_names(model: type[BaseModel]) -> dict[str, tuple[str, ...]]:
    """Each field of ``model`` that has old names, with them."""
    return {name: tuple(str(key) for key in field.validation_alias.choices[1:])
            for name, field in model.model_fields.items() if isinstance(field.validation_alias, AliasChoices)}


def _accept_old_names(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """The JSON Schema of a :class:`Renamed` model: each old name still accepted (marked deprecated,
    so editors do not flag a unit written with it), not together with the new one."""
    properties = schema.get("properties", {})
    rules: list[dict[str, Any]] = []
    for name, old in _old_names(model).items():
        for key in old:
            properties[key] = {**properties[name], "title": key.capitalize(), "deprecated": True,
                               "description": f"the old name of `{name}`, still accepted"}
        keys = [name, *old]
        if name in schema.get("required", []):
            schema["required"].remove(name)
            rules.append({"oneOf": [{"required": [key]} for key in keys]})
        else:
            rules += [{"not": {"required": [key, other]}} for k, key in enumerate(keys) for other in keys[k + 1:]]
    if rules:
        schema.setdefault("allOf", []).extend(rules)
    if not schema.get("required"):
        schema.pop("required", None)


class Renamed(Model):
    """A model some of whose fields had other names in earlier units: such a field is declared
    with ``validation_alias=renamed(name, *old)``. The old names are still accepted, both at once
    are a mistake, and the key written is remembered (:meth:`key`) so that problems about the
    field point at it."""

    model_config = ConfigDict(json_schema_extra=_accept_old_names)
    _written: dict[str, str] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _old_spellings(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        written: dict[str, str] = {}
        if isinstance(data, dict):
            for name, old in _old_names(cls).items():
                given = [key for key in (name, *old) if key in data]
                if len(given) > 1:  # located at the second key, as pydantic locates a field's error
                    error = mistake(f"`{given[0]}:` and `{given[1]}:` are both given, but they are one field "
                                    f"(`{given[1]}:` is the old name of `{name}:`)", f"keep one of them, as `{name}:`")
                    raise ValidationError.from_exception_data(
                        cls.__name__, [InitErrorDetails(type=error, loc=(given[1],), input=data[given[1]])])
                if given and given[0] != name:
                    written[name] = given[0]
        model = handler(data)
        model._written = written
        return model

    def key(self, name: str) -> str:
        """The key field ``name`` was written with in the file."""
        return self._written.get(name, name)


@dataclass(frozen=True)
class PictureData:
    """A picture's file as read and checked when the unit was validated (``compiler.pictures``):
    its bytes, so that every output draws the same picture even if the file changes mid-build."""

    format: Literal["png", "jpeg", "svg"]
    data: bytes
    sha256: str
    width: float  # pixels for a PNG or JPEG; points for an SVG (its own width)
    height: float

    @property
    def vector(self) -> bool:
        return self.format == "svg"

    @property
    def aspect(self) -> float:
        """Height over width."""
        return self.height / self.width


PictureSize = Literal["small", "medium", "large"]


class Picture(Model):
    """A picture in a unit: a PNG, JPEG or SVG file in the unit's folder, with its alt text."""

    file: Text = Field(description="the picture's file, relative to the unit file and inside its folder: "
                                   "pictures/map.svg (PNG, JPEG or SVG)")
    alt: Text = Field(description="what the picture shows, in words: read aloud to a reader who cannot see it")
    credit: ShortText | None = Field(None, description="who made it and its licence, printed under it "
                                                  "(e.g. Wikimedia Commons, public domain)")
    size: PictureSize | None = Field(None, description="in handouts and worksheets, how wide it prints: small (a "
                                                       "third of the column), medium (a half) or large (the whole "
                                                       "column); default: medium")
    _loaded: PictureData | None = PrivateAttr(None)
    # Not drawn with the theme's fonts (a file name; words for a screen reader), so not among the
    # texts whose characters, slips and references are checked (model.texts).
    unprinted: ClassVar[tuple[str, ...]] = ("file", "alt")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def sha256(self) -> str | None:
        """The hash of the file's content, so an output's fingerprint changes when its picture does."""
        return self._loaded.sha256 if self._loaded is not None else None

    @property
    def data(self) -> PictureData:
        """The file as read when the unit was validated."""
        if self._loaded is None:
            raise ValueError(f"the picture {self.file!r} was not read: validate the unit with its file")
        return self._loaded

    def with_data(self, data: PictureData) -> None:
        """Keep the file as read (``compiler.pictures`` does, once, after validation)."""
        self._loaded = data
