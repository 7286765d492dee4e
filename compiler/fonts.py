"""Registers the bundled DejaVu families with ReportLab, once per process.

Each family maps regular, bold, italic and bold-italic faces, so ``<b>`` and ``<i>`` in
paragraph markup pick the right face. ReportLab embeds TrueType fonts as subsets.
"""

from __future__ import annotations

from functools import cache

from compiler.assets import fonts_dir
from compiler.errors import Problem, ProblemsFound

FAMILIES: dict[str, tuple[str, str, str, str]] = {
    "DejaVuSans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf"),
    "DejaVuSerif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf", "DejaVuSerif-BoldItalic.ttf"),
}


def face(family: str, *, bold: bool = False, italic: bool = False) -> str:
    """The registered font name of one face of ``family``."""
    suffix = ("Bold" if bold else "") + ("Italic" if italic else "")
    return f"{family}-{suffix}" if suffix else family


@cache
def register(family: str) -> str:
    """Register ``family`` (a key of FAMILIES) and return its regular face name.

    ReportLab is imported here, not at the top, so that a build with nothing to draw never
    loads it.
    """
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    files = FAMILIES[family]
    for (bold, italic), file in zip(((0, 0), (1, 0), (0, 1), (1, 1)), files, strict=True):
        name = face(family, bold=bool(bold), italic=bool(italic))
        path = fonts_dir() / file
        try:
            pdfmetrics.registerFont(TTFont(name, str(path)))
        except Exception as exc:  # noqa: BLE001 - ReportLab raises several unrelated types for a bad font
            raise ProblemsFound([Problem(str(path), 0, 0, "", f"the font file cannot be read: {exc}",
                                         "reinstall printpack; its fonts are part of the package")]) from None
        addMapping(family, bold, italic, name)
    return family
