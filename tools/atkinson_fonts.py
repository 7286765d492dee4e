"""Make the bundled Atkinson Hyperlegible Next TTFs from the Fontsource npm package.

A development tool, not a runtime dependency (needs fontTools): ReportLab embeds TrueType
fonts only, and Fontsource ships each weight as WOFF files per Unicode subset, so this reads
the latin and latin-ext subsets of each face, merges them into one font and writes it as TTF.

    cd /tmp && npm pack @fontsource/atkinson-hyperlegible-next && tar xzf fontsource-*.tgz
    pip install fonttools
    python tools/atkinson_fonts.py /tmp/package templates/fonts

The font is under the SIL Open Font License 1.1 (``package/LICENSE``, copied beside the fonts
as ``LICENSE-AtkinsonHyperlegibleNext.txt``).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from fontTools.merge import Merger
from fontTools.ttLib import TTFont

FACES = {  # the file written: (weight, style) of the Fontsource files
    "AtkinsonHyperlegibleNext-Regular.ttf": ("400", "normal"),
    "AtkinsonHyperlegibleNext-Bold.ttf": ("700", "normal"),
    "AtkinsonHyperlegibleNext-Italic.ttf": ("400", "italic"),
    "AtkinsonHyperlegibleNext-BoldItalic.ttf": ("700", "italic"),
}
SUBSETS = ("latin", "latin-ext")


def merged(package: Path, weight: str, style: str, scratch: Path) -> TTFont:
    """The latin and latin-ext subsets of one face, as one font."""
    parts = []
    for subset in SUBSETS:
        font = TTFont(package / "files" / f"atkinson-hyperlegible-next-{subset}-{weight}-{style}.woff")
        font.flavor = None
        part = scratch / f"{subset}-{weight}-{style}.ttf"
        font.save(part)
        parts.append(str(part))
    font = Merger().merge(parts)
    font["head"].created = font["head"].modified = 0  # reproducible bytes
    return font


def main(package: Path, out: Path) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        for name, (weight, style) in FACES.items():
            merged(package, weight, style, Path(scratch)).save(out / name)
    shutil.copy(package / "LICENSE", out / "LICENSE-AtkinsonHyperlegibleNext.txt")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
