"""The pictures a unit names: each file found, checked and read once, when the unit is validated.

A picture is a file in the unit's folder (``pictures/map.svg``), never a web address, an absolute
path, a path through ``..`` or a link that leads out of the folder: a unit shared in a
department's folder must not make printpack print a file its author could not see. PNG and JPEG
are checked with Pillow (the pixel count before anything is decoded, so a decompression bomb is
refused unread, then the whole image decoded so a truncated file is found now, not half-way
through a poster); an SVG is parsed with defusedxml (no entities, nothing external) and may not
link or embed other files. Its size comes from its ``width``/``height`` or ``viewBox``; it is drawn
as vectors only by the kinds' drawing (svglib), so ``check`` never loads ReportLab.

What is read is kept with the picture (:meth:`compiler.fields.Picture.with_data`): every output
draws the bytes that were checked, and their hash is part of each output's fingerprint.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import re
import stat
import warnings
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from defusedxml import ElementTree as SafeTree
from defusedxml.common import DefusedXmlException
from PIL import Image, ImageOps, UnidentifiedImageError
from pydantic import BaseModel

from compiler.errors import FieldPath, Problem, Unplaceable, closest, quoted
from compiler.fields import Picture, PictureData, Renamed
from compiler.source import Source

MAX_PICTURE_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 50_000_000  # a 12-megapixel phone photo is 12 million; a bomb claims billions
MAX_SVG_ELEMENTS = 100_000
MAX_SVG_DEPTH = 100  # svglib draws nested groups by recursion; Inkscape files nest a few levels
_LARGEST_SIDE = 283_465.0  # points: 100 metres, far beyond any poster
_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)")
SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")
_ORIENTATION = 0x0112  # the EXIF tag a camera sets instead of turning the pixels
MIN_DPI = 150  # below this a printed picture looks soft or blocky (the kinds' drawing warns)
_SVG = "{http://www.w3.org/2000/svg}"
_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(px|pt|pc|mm|cm|in)?\s*$")
_POINTS_PER = {None: 0.75, "px": 0.75, "pt": 1.0, "pc": 12.0, "mm": 72 / 25.4, "cm": 720 / 25.4, "in": 72.0}
_SMALLER = "save a smaller copy: 300 dots per inch at its printed size is plenty"
_SAVE_AS = "save it as PNG or JPEG (a photo), or SVG (a drawing), and name that file"


class PictureProblem(Exception):
    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def pictures_in(value: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, Picture]]:
    """Every picture in a validated model, with its path as written in the file."""
    if isinstance(value, Picture):
        yield path, value
    elif isinstance(value, BaseModel):
        for name, field in type(value).model_fields.items():
            key = value.key(name) if isinstance(value, Renamed) else field.alias or name
            yield from pictures_in(getattr(value, name), (*path, key))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from pictures_in(item, (*path, index))


def read_pictures(unit: Any, source: Source) -> list[Problem]:
    """Read and check every picture of ``unit`` (a validated model read from ``source``), keeping
    each file's content with its picture; a problem, located at its ``file:``, for each that
    cannot be used. A file named twice is read once."""
    folder = Path(source.file).parent
    problems: list[Problem] = []
    read: dict[str, PictureData | PictureProblem] = {}
    for path, picture in pictures_in(unit):
        if picture.file not in read:
            try:
                read[picture.file] = picture_data(picture.file, folder)
            except PictureProblem as exc:
                read[picture.file] = exc
        result = read[picture.file]
        if isinstance(result, PictureProblem):
            problems.append(source.problem((*path, "file"), result.message, result.hint))
        else:
            picture.with_data(result)
    return problems


def picture_data(written: str, folder: Path) -> PictureData:
    """The picture file ``written`` (as the unit gives it) in ``folder``, read and checked."""
    relative = _relative_path(written)
    path = folder / relative
    real = _inside(path, folder, written)
    raw = _read(real, path, written)
    if raw[:8] == b"\x89PNG\r\n\x1a\n" or raw[:3] == b"\xff\xd8\xff":
        return _raster(raw, written, file_hash(raw))
    if _looks_like_svg(raw):
        return _svg(raw, written, file_hash(raw))
    raise PictureProblem(f"{quoted(written)} is not a PNG, JPEG or SVG file (its content is something else)",
                         _SAVE_AS)


def _relative_path(written: str) -> PurePosixPath:
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", written) or written.lower().startswith(("data:", "www.")):
        raise PictureProblem("a picture is a file in the unit's folder, not a web address",
                             "save the picture into a folder beside the unit (check that you may use it) "
                             "and give its path, e.g. pictures/map.png")
    if written.startswith(("/", "~", "\\\\")) or re.match(r"^[a-zA-Z]:[\\/]", written):
        raise PictureProblem(f"{quoted(written)} is a full path; a picture's path starts at the unit file's folder",
                             "put the picture in a folder beside the unit and write e.g. pictures/map.png")
    if "\\" in written:
        raise PictureProblem(f"{quoted(written)} separates folders with \\",
                             f"write / between folders: {written.replace(chr(92), '/')}")
    relative = PurePosixPath(written)
    if ".." in relative.parts:
        raise PictureProblem(f"{quoted(written)} leads out of the unit's folder",
                             "a unit may use only pictures in its own folder: copy the picture in")
    if relative.suffix.lower() not in SUFFIXES:
        raise PictureProblem(f"{quoted(written)} is not a picture printpack can print (PNG, JPEG or SVG)", _SAVE_AS)
    return relative


def _inside(path: Path, folder: Path, written: str) -> Path:
    """Where ``path`` really is, which must be inside ``folder`` (links followed) and exist."""
    try:
        real = path.resolve()
        home = folder.resolve()
    except (OSError, RuntimeError):  # a loop of links
        raise PictureProblem(f"{quoted(written)} cannot be found (a link that leads to itself)",
                             "replace the link with the picture itself") from None
    if not real.is_relative_to(home):
        raise PictureProblem(f"{quoted(written)} is a link to a file outside the unit's folder",
                             "a unit may use only pictures in its own folder: copy the picture in")
    if not os.path.lexists(path):
        raise PictureProblem(f"no picture file {quoted(written)} beside the unit", _missing_hint(path, folder))
    return real


def _missing_hint(path: Path, folder: Path) -> str:
    """Which file was meant: one of the same name in another case or spelling, or where to put it."""
    try:
        names = [p.name for p in path.parent.iterdir() if p.suffix.lower() in SUFFIXES] if path.parent.is_dir() else []
    except OSError:
        names = []
    meant = closest(path.name, names)
    if meant is not None:
        return f"did you mean {quoted(str(path.parent.relative_to(folder) / meant) if path.parent != folder else meant)}?"
    return f"put the picture at {path.relative_to(folder).as_posix()}, next to the unit file, or correct the path"


def _read(real: Path, path: Path, written: str) -> bytes:
    """The file's bytes: a regular file of at most MAX_PICTURE_BYTES, opened without waiting (a
    FIFO would block) and checked again once open."""
    try:
        if not stat.S_ISREG(real.stat().st_mode):
            raise PictureProblem(f"{quoted(written)} is not a file", "name the picture file itself")
        descriptor = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as stream:
            status = os.fstat(stream.fileno())
            if not stat.S_ISREG(status.st_mode):
                raise PictureProblem(f"{quoted(written)} is not a file", "name the picture file itself")
            if status.st_size > MAX_PICTURE_BYTES:
                raise PictureProblem(f"{quoted(written)} is {status.st_size / 1024 / 1024:.0f} MB, more than the "
                                     f"{MAX_PICTURE_BYTES // 1024 // 1024} MB a picture may be",
                                     _SMALLER)
            raw = stream.read(MAX_PICTURE_BYTES + 1)
    except OSError as exc:
        raise PictureProblem(f"cannot read {quoted(written)}: {exc.strerror or exc}",
                             "check that the file exists and that you may read it") from None
    if not raw:
        raise PictureProblem(f"{quoted(written)} is empty", "save the picture again")
    return raw


def file_hash(raw: bytes) -> str:
    """The hash of a picture file's bytes as read: what a no-op build compares the file with."""
    return hashlib.sha256(raw).hexdigest()


def _raster(raw: bytes, written: str, sha256: str) -> PictureData:
    """A PNG or JPEG: its size read before it is decoded (a bomb is refused unread), then decoded
    whole (a truncated or damaged file is found now). A photo turned by its EXIF orientation is
    kept turned, as viewers show it (ReportLab would print it on its side)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            try:
                image = Image.open(io.BytesIO(raw))
            except (Image.DecompressionBombWarning, Image.DecompressionBombError):
                raise PictureProblem(f"{quoted(written)} has more pixels than the {MAX_PIXELS // 1_000_000} million a "
                                     "picture may have", _SMALLER) from None
            if image.format not in ("PNG", "JPEG"):
                raise PictureProblem(f"{quoted(written)} is not a PNG or JPEG file", _SAVE_AS)
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise PictureProblem(
                    f"{quoted(written)} has {width} × {height} pixels, more than the {MAX_PIXELS // 1_000_000} million "
                    "a picture may have", _SMALLER)
            image.load()
            fmt = "png" if image.format == "PNG" else "jpeg"
            printable = _printable(image)
            if printable is not image:
                raw, (width, height) = _encoded(printable, fmt), printable.size
    except PictureProblem:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as exc:
        raise PictureProblem(f"{quoted(written)} cannot be read as a picture ({_reason(exc)})",
                             "open it in an image editor and save it again as PNG or JPEG") from None
    if not width or not height:
        raise PictureProblem(f"{quoted(written)} has no pixels", "save the picture again")
    return PictureData(fmt, raw, sha256, float(width), float(height))  # type: ignore[arg-type]


def _printable(image: Image.Image) -> Image.Image:
    """``image`` as it should print: turned as its EXIF orientation says (a camera's way of saying
    "this photo is on its side", which ReportLab ignores), and with 16-bit or floating-point grey
    scaled to 8 bits (ReportLab would cut it, printing a scan almost white)."""
    if image.mode in ("I;16", "I;16L", "I;16B", "I;16N", "I"):
        image = image.point(lambda value: value / 256).convert("L")
    elif image.mode == "F":
        image = image.point(lambda value: value * 255).convert("L")
    if image.getexif().get(_ORIENTATION, 1) not in (0, 1):
        image = ImageOps.exif_transpose(image)
    return image


def _encoded(image: Image.Image, fmt: str) -> bytes:
    """``image`` saved again in its format: a photo stays a JPEG (as PNG a phone's photo is ten
    times larger), at a quality that loses nothing visible."""
    out = io.BytesIO()
    if fmt == "jpeg":
        image.save(out, format="JPEG", quality=95, subsampling=0)
    else:
        image.save(out, format="PNG")
    return out.getvalue()


def _reason(exc: BaseException) -> str:
    text = str(exc).split("\n")[0].strip()
    return text[:80] if text else type(exc).__name__


def _looks_like_svg(raw: bytes) -> bool:
    head = raw[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype svg")) and b"<svg" in raw[:65536].lower()


def _svg(raw: bytes, written: str, sha256: str) -> PictureData:
    """An SVG: parsed without entities or anything external, with no link to another file, and
    its own size (width and height, or its viewBox) read in points."""
    try:
        root = SafeTree.fromstring(raw, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise PictureProblem(f"{quoted(written)} declares XML entities, which printpack does not read",
                             "save the drawing again as plain SVG (Inkscape: Save As, Plain SVG)") from None
    except (SafeTree.ParseError, ValueError, RecursionError) as exc:
        raise PictureProblem(f"{quoted(written)} is not a well-formed SVG file ({_reason(exc)})",
                             "open it in a drawing program and save it again as SVG") from None
    if root.tag != f"{_SVG}svg":
        raise PictureProblem(f"{quoted(written)} is not an SVG drawing (its first element is not <svg>)",
                             "save the drawing as SVG")
    for count, element in enumerate(root.iter()):
        if count > MAX_SVG_ELEMENTS:
            raise PictureProblem(f"{quoted(written)} has more than {MAX_SVG_ELEMENTS:,} elements",
                                 "simplify the drawing, or save it as a PNG at 300 dots per inch")
        _no_outside_files(element, written)
    if _depth(root) > MAX_SVG_DEPTH:
        raise PictureProblem(f"{quoted(written)} nests groups more than {MAX_SVG_DEPTH} deep",
                             "ungroup the drawing (Inkscape: Object › Ungroup), or save it as a PNG")
    width, height = _svg_size(root, written)
    return PictureData("svg", raw, sha256, width, height)


def _depth(root: Any) -> int:
    """How deep the elements nest, counted level by level (no recursion)."""
    depth, level = 0, [root]
    while level:
        depth += 1
        level = [child for element in level for child in element]
    return depth


def _no_outside_files(element: Any, written: str) -> None:
    tag = str(element.tag).rsplit("}", 1)[-1]
    if tag in ("image", "feImage", "foreignObject", "script"):
        raise PictureProblem(f"{quoted(written)} holds an <{tag}> element, which printpack does not draw",
                             "draw it without embedded pictures or scripts, or save the whole picture as PNG")
    linked = [value for name, value in element.attrib.items() if name.rsplit("}", 1)[-1] == "href"]
    linked += [f"url({m[1]})" for text in (*element.attrib.values(), element.text or "") for m in _URL.finditer(text)]
    if tag == "style" and element.text and "@import" in element.text:
        linked.append("@import")
    for value in linked:
        if not value.startswith(("#", "url(#")):
            raise PictureProblem(f"{quoted(written)} links to another file ({quoted(value)})",
                                 "an SVG may use only what it holds: save it with everything in one file")


def _svg_size(root: Any, written: str) -> tuple[float, float]:
    """The drawing's width and height in points: from ``width``/``height`` (px, pt, mm, cm, in),
    else its ``viewBox`` taken as pixels."""
    try:
        box = [float(n) for n in re.split(r"[\s,]+", root.get("viewBox", "").strip()) if n] if root.get("viewBox") else []
    except ValueError:
        box = []
    view = (box[2], box[3]) if len(box) == 4 and box[2] > 0 and box[3] > 0 else None
    width, height = _length(root.get("width")), _length(root.get("height"))
    if width and height:
        return _sane_size(width, height, written)
    if view is not None:
        scale = (width / view[0]) if width else (height / view[1]) if height else 0.75
        return _sane_size(view[0] * scale, view[1] * scale, written)
    raise PictureProblem(f"{quoted(written)} gives no size (neither width and height nor a viewBox)",
                         'add a viewBox to its <svg> element, e.g. viewBox="0 0 400 300"')


def _length(value: str | None) -> float | None:
    match = _LENGTH.match(value or "")
    if match is None:
        return None
    points = float(match[1]) * _POINTS_PER[match[2]]
    return points if points > 0 else None


def _sane_size(width: float, height: float, written: str) -> tuple[float, float]:
    """A drawing's size, if it is one a page can print: finite, from 1 point to 100 metres."""
    if not all(math.isfinite(side) and 1 <= side <= _LARGEST_SIDE for side in (width, height)):
        raise PictureProblem(f"{quoted(written)} gives a size no page can print ({width:g} × {height:g} points)",
                             'give its <svg> element a viewBox and a width and height in mm, e.g. width="120mm"')
    return width, height


def needed_pixels(picture: PictureData, width_pt: float, height_pt: float) -> tuple[int, int] | None:
    """For a raster picture printed ``width_pt`` × ``height_pt`` points below MIN_DPI, the pixels it
    would need; None when it is sharp enough (or a vector drawing)."""
    if picture.vector or width_pt <= 0 or height_pt <= 0:
        return None
    dpi = min(picture.width / (width_pt / 72), picture.height / (height_pt / 72))
    if dpi >= MIN_DPI:
        return None
    return round(width_pt / 72 * MIN_DPI), round(height_pt / 72 * MIN_DPI)


def low_resolution(path: FieldPath, picture: PictureData, width_pt: float, height_pt: float) -> Unplaceable | None:
    """The warning for a picture (at ``path``, its ``picture:`` field) that prints at
    ``width_pt`` × ``height_pt`` points with fewer than MIN_DPI dots per inch; None if it is sharp."""
    needed = needed_pixels(picture, width_pt, height_pt)
    if needed is None:
        return None
    dpi = min(picture.width / (width_pt / 72), picture.height / (height_pt / 72))
    return Unplaceable((*path, "file"), f"the picture prints at {dpi:.0f} dots per inch "
                       f"({picture.width:.0f} × {picture.height:.0f} pixels over {width_pt / 72 * 25.4:.0f} × "
                       f"{height_pt / 72 * 25.4:.0f} mm), so it will look blurred",
                       f"use a copy of at least {needed[0]} × {needed[1]} pixels, or print it smaller")
