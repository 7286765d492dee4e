"""Registers the bundled font families with ReportLab, once per process.

DejaVu Sans and Serif draw Latin, Greek and Cyrillic. Atkinson Hyperlegible Next (SIL Open Font
License, ``templates/fonts/LICENSE-AtkinsonHyperlegibleNext.txt``; made from the Fontsource
package by ``tools/atkinson_fonts.py``) is the dyslexia-friendly profile's face: Latin only.

Each family maps regular, bold, italic and bold-italic faces, so ``<b>`` and ``<i>`` in
paragraph markup pick the right face. ReportLab embeds TrueType fonts as subsets.

Parsing a face costs 15-25 ms, so only the upright faces are parsed with the family; the italic
ones wait until a paragraph asks for them (see :class:`compiler.pdf.Paragraph`). A document
without italics, such as a timeline or a worksheet without instructions, never parses them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile

from compiler.assets import fonts_dir
from compiler.errors import Problem, ProblemsFound

FAMILIES: dict[str, tuple[str, str, str, str]] = {
    "DejaVuSans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf"),
    "DejaVuSerif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf", "DejaVuSerif-BoldItalic.ttf"),
    "AtkinsonHyperlegibleNext": ("AtkinsonHyperlegibleNext-Regular.ttf", "AtkinsonHyperlegibleNext-Bold.ttf",
                                 "AtkinsonHyperlegibleNext-Italic.ttf", "AtkinsonHyperlegibleNext-BoldItalic.ttf"),
}
# The families every label and template word must print in, whichever the theme picks: a
# profile's face that lacks a script (Atkinson: Cyrillic) is replaced for a unit it cannot draw.
GENERAL = ("DejaVuSans", "DejaVuSerif")
# Draws what another face lacks: a profile's font that cannot draw a unit, and the signs a
# template adds that such a font has no glyph for.
FALLBACK = "DejaVuSans"
_STYLES = ((False, False), (True, False), (False, True), (True, True))  # the order of FAMILIES' files
_BIT: dict[bool, Literal[0, 1]] = {False: 0, True: 1}  # ReportLab's addMapping takes bold and italic as 0 or 1
MARKER_FACE = "DejaVuSans"  # draws strand markers and symbols: it has shapes (★ ✚ ⬢) DejaVu Serif lacks


def face(family: str, *, bold: bool = False, italic: bool = False) -> str:
    """The registered font name of one face of ``family``."""
    suffix = ("Bold" if bold else "") + ("Italic" if italic else "")
    return f"{family}-{suffix}" if suffix else family


def family_of(face_name: str) -> str | None:
    """The bundled family a face name belongs to, if any."""
    family = face_name.split("-", 1)[0]
    return family if family in FAMILIES else None


@cache
def register(family: str) -> str:
    """Register ``family`` (a key of FAMILIES): map its four faces, parse the upright two.

    ReportLab is imported here, not at the top, so that a build with nothing to draw never
    loads it.
    """
    _parse(family, italic=False)
    return family


@cache
def register_italics(face_name: str) -> None:
    """Parse the italic faces of the family ``face_name`` belongs to (a no-op for other fonts)."""
    family = family_of(face_name)
    if family is not None:
        register(family)
        _parse(family, italic=True)


def faces(family: str) -> list[str]:
    """The registered names of the four faces of ``family`` (regular, bold, italic, bold italic)."""
    return [face(family, bold=bold, italic=italic) for bold, italic in _STYLES]


@cache
def characters(face_name: str) -> frozenset[int]:
    """The code points a bundled face has a glyph for: its cmap, read without registering it."""
    path = _path(face_name)
    try:
        return frozenset(TTFontFile(str(path)).charToGlyph)
    except Exception as exc:  # noqa: BLE001 - ReportLab raises several unrelated types for a bad font
        raise _unreadable(path, exc) from None


def _path(face_name: str) -> Path:
    family = family_of(face_name)
    if family is None:
        raise ValueError(f"not a bundled face: {face_name}")
    return fonts_dir() / FAMILIES[family][faces(family).index(face_name)]


def _unreadable(path: Path, exc: Exception) -> ProblemsFound:
    return ProblemsFound([Problem(str(path), 0, 0, "", f"the font file cannot be read: {exc}",
                                  "reinstall printpack; its fonts are part of the package")])


def _parse(family: str, *, italic: bool) -> None:
    """Parse and register the upright or the italic faces of ``family``, then map all four.

    The mapping comes last because ReportLab, registering a face, maps that face's name to
    itself for every style; mapped again, each face leads back to its family, so ``<b>`` in a
    paragraph set in an italic face gives bold italic.
    """
    for (bold, slanted), file in zip(_STYLES, FAMILIES[family], strict=True):
        if slanted != italic:
            continue
        path = fonts_dir() / file
        try:
            pdfmetrics.registerFont(TTFont(face(family, bold=bold, italic=slanted), str(path)))
        except Exception as exc:  # noqa: BLE001 - ReportLab raises several unrelated types for a bad font
            raise _unreadable(path, exc) from None
    for bold, slanted in _STYLES:
        addMapping(family, _BIT[bold], _BIT[slanted], face(family, bold=bold, italic=slanted))
