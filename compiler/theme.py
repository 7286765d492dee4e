"""Themes (fonts, sizes, colours, palette, margins) as a validated model, and paper sizes.

``templates/themes/default.yaml`` sets every value; another theme sets only what differs and
names its base with ``extends:``. A wrong key or value in a theme is a located problem, like a
mistake in a unit. Paper is chosen apart from the theme (``--paper``), so every theme works on
A4 and Letter.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from compiler.assets import OUTSIDE_HINT, builtin_templates, linked_outside
from compiler.coverage import missing
from compiler.errors import Problem, ProblemsFound
from compiler.fonts import FAMILIES, MARKER_FACE, characters
from compiler.profiles import PROFILES
from compiler.source import Source, as_number, load_file
from compiler.validate import validate_model

MM = 72 / 25.4
PAPER: dict[str, tuple[float, float]] = {
    "a4": (210 * MM, 297 * MM),
    "letter": (612.0, 792.0),
    "a3": (297 * MM, 420 * MM),
    "a2": (420 * MM, 594 * MM),
    "a1": (594 * MM, 841 * MM),
    "a0": (841 * MM, 1189 * MM),
    "tabloid": (792.0, 1224.0),
}
Paper = Literal["a4", "letter"]
SAFE_MARGIN = 10 * MM
_LENGTH = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(mm|cm|in|pt)?\s*")
_UNITS = {"mm": MM, "cm": 10 * MM, "in": 72.0, "pt": 1.0, None: 1.0}


def _points(value: object) -> object:
    """``"12mm"``, ``"1.5cm"``, ``"0.5in"``, ``"10pt"`` or a bare number of points."""
    value = as_number(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    match = _LENGTH.fullmatch(str(value)) if isinstance(value, str) else None
    if not match:
        raise ValueError('write a length such as "12mm", "1.5cm", "0.5in" or "10pt"')
    return float(match.group(1)) * _UNITS[match.group(2)]


def _safe(points: float) -> float:
    if points < SAFE_MARGIN - 0.01:
        raise ValueError(f"office printers need margins of at least 10mm; this is {points / MM:.1f}mm")
    return points


def _drawable_marker(marker: str) -> str:
    lacking = missing(marker, characters(MARKER_FACE))
    if lacking:
        raise ValueError(f"the marker '{marker}' cannot be drawn: the marker font {MARKER_FACE} has no "
                         f"'{lacking[0]}' (U+{ord(lacking[0]):04X}); use a shape such as ● ■ ▲ ◆ ★")
    return marker


def _known_font(name: str) -> str:
    if name not in FAMILIES:
        raise ValueError(f"unknown font family '{name}'; bundled: {', '.join(FAMILIES)}")
    return name


def _between(low_mm: float, high_mm: float, what: str) -> AfterValidator:
    """A length from ``low_mm`` to ``high_mm``, refused with a message in millimetres."""

    def check(points: float) -> float:
        if not low_mm * MM - 0.01 <= points <= high_mm * MM + 0.01:
            raise ValueError(f"{what} must be from {low_mm:g}mm to {high_mm:g}mm; this is {points / MM:.1f}mm")
        return points

    return AfterValidator(check)


def _marker(symbol: str) -> str:
    if any(c.isspace() or not c.isprintable() or c in "<>&" for c in symbol):
        raise ValueError(f"a marker is a symbol such as ● or ■, without spaces or <, >, &; not {symbol!r}")
    return symbol


DEFAULT_RULE = 0.5
"""The default theme's ``rule_width`` in points, which the drawing's line widths are set for."""
# The sheet every theme must work on: the narrower (A4) and the shorter (Letter) of the two.
SMALLEST_SHEET = (min(PAPER["a4"][0], PAPER["letter"][0]), min(PAPER["a4"][1], PAPER["letter"][1]))
# What the margins must leave of it: a worksheet's name line and a card grid need this much.
MIN_FRAME = (110 * MM, 160 * MM)

Length = Annotated[float, BeforeValidator(_points), Field(ge=0, le=2000)]
Margin = Annotated[Length, AfterValidator(_safe), _between(10, 60, "a margin")]
CardLength = Annotated[Length, _between(25, 200, "a card's side")]
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
FontFamily = Annotated[str, AfterValidator(_known_font)]
Marker = Annotated[str, StringConstraints(min_length=1, max_length=2), AfterValidator(_marker),
                   AfterValidator(_drawable_marker)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Fonts(_Strict):
    body: FontFamily
    heading: FontFamily


class Sizes(_Strict):
    """Font sizes in points, each within what still fits a sheet (a 200 pt body text does not)."""

    title: Annotated[float, Field(ge=8, le=60)]
    subtitle: Annotated[float, Field(ge=6, le=36)]
    heading: Annotated[float, Field(ge=6, le=36)]
    subheading: Annotated[float, Field(ge=6, le=28)]
    body: Annotated[float, Field(ge=6, le=20)]
    small: Annotated[float, Field(ge=5, le=16)]


class Colours(_Strict):
    text: Colour
    muted: Colour
    accent: Colour
    rule: Colour
    box: Colour
    band: Colour
    band_text: Colour


class Margins(_Strict):
    top: Margin
    bottom: Margin
    left: Margin
    right: Margin

    @field_validator("bottom")
    @classmethod
    def _leave_height(cls, bottom: float, info: ValidationInfo) -> float:
        return _leaves(bottom, info.data.get("top"), "top and bottom", SMALLEST_SHEET[1], MIN_FRAME[1])

    @field_validator("right")
    @classmethod
    def _leave_width(cls, right: float, info: ValidationInfo) -> float:
        return _leaves(right, info.data.get("left"), "left and right", SMALLEST_SHEET[0], MIN_FRAME[0])


def _leaves(second: float, first: float | None, which: str, sheet: float, needed: float) -> float:
    """``second``, if it and the margin opposite leave ``needed`` of the smallest sheet."""
    if first is not None and sheet - first - second < needed - 0.01:
        raise ValueError(f"the {which} margins leave {(sheet - first - second) / MM:.0f}mm of the page; "
                         f"at least {needed / MM:.0f}mm must be left for the content")
    return second


class CardSize(_Strict):
    width: CardLength
    height: CardLength


FlashLayout = Literal["small", "large", "half", "index-card"]


class FlashLayouts(_Strict):
    """How a flash-card set of each size is printed: ``small`` 2 x 4 cards a page, ``large``
    2 x 2, ``half`` 1 x 2 (the page's halves), ``index-card`` 3 x 5 inch cards. Large print maps
    each size to a larger layout, so that its 18 pt text has room."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    small: FlashLayout
    large: FlashLayout
    index_card: FlashLayout = Field(alias="index-card")

    def of(self, size: str) -> FlashLayout:
        """The layout a set of ``size`` (``small``, ``large``, ``index-card``) is printed in."""
        return self.small if size == "small" else self.large if size == "large" else self.index_card


class Cards(_Strict):
    small: CardSize
    medium: CardSize
    large: CardSize
    default: Literal["small", "medium", "large"]
    max_font: Annotated[float, Field(ge=6, le=40)]
    min_font: Annotated[float, Field(ge=6, le=40)]
    # The smallest size of the words round a card's text (its code, its set's title, a picture's
    # credit, a fold's label, a mat's headings and ranks); 0 keeps each its own small size.
    label_font: Annotated[float, Field(ge=0, le=40)]
    # A sort mat's category headings: in their category's colour, or in the text colour (high
    # contrast: black, the column's coloured frame and the words carrying the category).
    category_text: Literal["category", "text"]
    # A card sort too long for its card size even at min_font takes the next larger size, rather
    # than being an error (large print: the teacher chose the size for standard print).
    grow: bool
    flashcards: FlashLayouts

    def label(self, size: float) -> float:
        """A card's small words at ``size``, or at the theme's ``label_font`` if that is larger."""
        return max(size, self.label_font)

    @field_validator("min_font")
    @classmethod
    def _not_above_max(cls, min_font: float, info: ValidationInfo) -> float:
        max_font = info.data.get("max_font")
        if max_font is not None and min_font > max_font:
            raise ValueError(f"min_font ({min_font:g}) is above max_font ({max_font:g}); make it at most that")
        return min_font


class Theme(_Strict):
    """Everything about the look that is not wording or geometry."""

    name: str
    fonts: Fonts
    sizes: Sizes
    leading: Annotated[float, Field(ge=1.0, le=2.5)]
    colours: Colours
    palette: list[Colour] = Field(min_length=4, max_length=24)
    markers: list[Marker] = Field(min_length=4, max_length=24)
    margins: Margins
    cards: Cards
    # What the print profiles (compiler/profiles.py) change; the defaults print as before.
    align: Literal["left", "justify"]  # prose: flush left and ragged right, or justified
    emphasis: Literal["italic", "bold"]  # how a teacher's *emphasis* prints (the BDA advises bold)
    underline: bool  # whether answers in keys are underlined as well as bold
    rule_width: Annotated[float, BeforeValidator(_points), Field(ge=0.25, le=4)]  # rules and lines, in points
    page_tint: Colour | None  # a tinted page background (cream for dyslexia-friendly print), or none
    answer_scale: Annotated[float, Field(ge=1, le=3)]  # writing space: lines further apart by this factor
    # The least size of an event's title on a timeline poster: the poster is printed on the first
    # sheet from the unit's (A3, A2, A1, A0) where its labels are at least this large.
    poster_label: Annotated[float, BeforeValidator(_points), Field(ge=9, le=25)]
    outline_tints: bool  # tinted areas (a poster's period bands) also outlined, their names in the text colour
    least_text: Annotated[float, Field(ge=0, le=24)]  # points: no content text smaller (0: small print is `small`)
    hyphenate: bool  # whether prose may split a word at a line's end (the BDA advises never)
    strand_colours: bool  # strands coloured as well as marked by shape; false: in black (high contrast)

    def line(self, width: float) -> float:
        """A rule or line ``width`` points wide in the default theme, as drawn in this one: thicker
        by as much as the theme's ``rule_width`` is above the default's, so every rule of a
        high-contrast page is at least a point wide and the default theme draws as it always has."""
        return width + (self.rule_width - DEFAULT_RULE)

    @property
    def boxes_ruled(self) -> bool:
        """Whether a box needs a rule round it to show as a box: its tint is white, as on a
        high-contrast page, where boxes are white with black rules."""
        return self.colours.box.lower() == "#ffffff"


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


_THEME_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def _theme_file(name: str, user_dir: Path | None) -> Path:
    """A theme named by a bare word: in ``user_dir/themes``, then among the built-ins."""
    for folder in (user_dir, builtin_templates()):
        if folder is not None and (folder / "themes" / f"{name}.yaml").is_file():
            return folder / "themes" / f"{name}.yaml"
    return builtin_templates() / "themes" / f"{name}.yaml"


def _is_file_name(name_or_path: str) -> bool:
    return Path(name_or_path).suffix in (".yaml", ".yml")


def _missing_theme_hint() -> str:
    builtins = sorted(p.stem for p in (builtin_templates() / "themes").glob("*.yaml"))
    return f"built-in themes: {', '.join(builtins)}; or give a path to a .yaml file"


_EXTENDS_HINT = ("extends: names a built-in theme (default, print-friendly), a theme of the templates folder by its "
                 "name, or a .yaml file beside this theme, such as 'base.yaml'")


def _extended_file(parent: str, extending: Source, user_dir: Path | None) -> Path:
    """The file a theme's ``extends:`` names, refused (at the ``extends:`` line, before it is read)
    if it is not a theme's name or a file inside the extending theme's own folder: a theme from a
    ``--templates`` folder must not read the user's other files, nor show their keys in messages."""
    folder = Path(extending.file).parent

    def refused(reason: str) -> ProblemsFound:
        return ProblemsFound([extending.problem(("extends",), reason, _EXTENDS_HINT)])

    if not _is_file_name(parent):
        if not _THEME_NAME.fullmatch(parent):
            raise refused(f"'{parent}' is not a theme's name (a name has no '/' or '..')")
        return _theme_file(parent, user_dir)
    candidate = Path(parent)
    if candidate.is_absolute() or candidate.drive:
        raise refused(f"'{parent}' is an absolute path; a theme may extend only a file in its own folder {folder}")
    path = folder / candidate
    if ".." in candidate.parts:
        raise refused(f"'{parent}' leaves this theme's folder {folder}; a theme may extend only a file in it")
    if path.exists() and linked_outside(path, folder) is not None:
        raise refused(f"'{parent}' is a link to a file outside this theme's folder {folder}")
    return path


def _theme_data(name_or_path: str, user_dir: Path | None, seen: tuple[Path, ...] = (),
                extending: Source | None = None) -> tuple[dict[str, Any], Source]:
    """A theme's values merged over those of the theme it extends; ``extending`` is the theme
    whose ``extends:`` named this one (:func:`_extended_file` says what it may name)."""
    if extending is not None:
        path = _extended_file(name_or_path, extending, user_dir)
        if not path.is_file():
            raise ProblemsFound([extending.problem(("extends",), f"no theme '{name_or_path}' ({path} does not "
                                                   "exist)", _EXTENDS_HINT)])
    else:
        path = Path(name_or_path) if _is_file_name(name_or_path) else _theme_file(name_or_path, user_dir)
        if not path.is_file() or not (_is_file_name(name_or_path) or _THEME_NAME.fullmatch(name_or_path)):
            raise ProblemsFound([Problem(f"--theme {name_or_path}", 0, 0, "", f"no theme '{name_or_path}'",
                                         _missing_theme_hint())])
    if user_dir is not None and path.absolute().is_relative_to(user_dir.absolute()):
        real = linked_outside(path, user_dir)
        if real is not None:
            raise ProblemsFound([Problem(str(path), 1, 1, "", f"the theme is a link to {real}, outside the "
                                         f"templates folder {user_dir}", OUTSIDE_HINT)])
    if path.resolve() in seen:
        raise ProblemsFound([Problem(str(path), 1, 1, "extends", "themes extend each other in a loop", None)])
    source = load_file(path)
    if not isinstance(source.data, dict):
        raise ProblemsFound([source.problem((), "a theme must be a mapping of keys", None)])
    data = dict(source.data)
    parent = data.pop("extends", None)
    if parent is None:
        return data, source
    base, _ = _theme_data(str(parent), user_dir, (*seen, path.resolve()), source)
    return _merge(base, data), source


def load_theme(name_or_path: str = "default", user_dir: Path | None = None) -> Theme:
    """The validated theme named (built-in or in ``user_dir/themes``) or at a path."""
    data, source = _theme_data(name_or_path, user_dir)
    data.setdefault("name", Path(source.file).stem)
    return validate_model(Theme, Source(source.file, data, source.values, source.keys))


def profiled(theme: Theme, profile: str, user_dir: Path | None = None) -> Theme:
    """``theme`` as ``profile`` prints it: the profile's overlay (``profiles/<name>.yaml`` of the
    templates folder, else the built-in one) merged over it, as a theme's values are merged over
    those of the theme it ``extends:``; ``theme`` itself for a profile without one."""
    if not PROFILES[profile].overlay:
        return theme
    data = theme.model_dump(mode="json", by_alias=True)
    for path in _profile_files(profile, user_dir):
        overlay = load_file(path)
        if not isinstance(overlay.data, dict):
            raise ProblemsFound([overlay.problem((), "a profile's theme values must be a mapping of keys", None)])
        data = _merge(data, dict(overlay.data))
    return validate_model(Theme, Source(overlay.file, data, overlay.values, overlay.keys))


def _profile_files(profile: str, user_dir: Path | None) -> list[Path]:
    """The overlays of ``profile``, merged in this order: the built-in one, then the templates
    folder's copy if there is one (a school's, setting only what it changes: ``page_tint: null``
    prints the dyslexia profile on white)."""
    builtin = builtin_templates() / "profiles" / f"{profile}.yaml"
    if user_dir is None or not (user_dir / "profiles" / f"{profile}.yaml").is_file():
        return [builtin]
    path = user_dir / "profiles" / f"{profile}.yaml"
    real = linked_outside(path, user_dir)
    if real is not None:
        raise ProblemsFound([Problem(str(path), 1, 1, "", f"the profile is a link to {real}, outside the "
                                     f"templates folder {user_dir}", OUTSIDE_HINT)])
    return [builtin, path]


def set_in(theme: Theme, family: str) -> Theme:
    """``theme`` with every text, body and headings, set in the font ``family``."""
    return theme.model_copy(update={"fonts": Fonts(body=family, heading=family)})


def strand_colour(theme: Theme, index: int, colour: str | None) -> str:
    """A unit theme's colour: its own, or the palette's colour for its position."""
    if colour:
        return colour if len(colour) == 7 else "#" + "".join(c * 2 for c in colour[1:])
    return theme.palette[index % len(theme.palette)]


def strand_marker(theme: Theme, index: int) -> str:
    """A shape per strand, so strands stay apart when printed in grayscale."""
    return theme.markers[index % len(theme.markers)]
