"""A picture as the handout's and the worksheet's plans carry it: printed in a column of text.

Pure: no fonts, no ReportLab. The teacher's ``size`` becomes a share of the column's width (a
third, a half, the whole column) and the credit is worded by ``common.j2``; the drawing
(``compiler.figures.column_picture``) decides the printed size from the column and the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from compiler import markup
from compiler.errors import FieldPath
from compiler.fields import Picture, PictureData

if TYPE_CHECKING:
    from compiler.wording import Wording

SHARES = {"small": 1 / 3, "medium": 1 / 2, "large": 1.0}
"""The width of a picture of each ``size``, as a share of its column's width."""
DEFAULT_SIZE = "medium"


@dataclass(frozen=True)
class Illustration:
    """A picture to print in a column: its data, its ``picture:`` field's path in the unit (for
    warnings and errors), its width as a share of the column, its alt text and its credit line
    (markup; empty when it has no credit)."""

    path: FieldPath
    data: PictureData
    share: float
    alt: str
    credit: str


def illustration(picture: Picture | None, path: FieldPath, wording: Wording) -> Illustration | None:
    """``picture`` (at ``path``, its field) as a plan carries it; None when there is none."""
    if picture is None:
        return None
    return Illustration(path, picture.data, SHARES[picture.size or DEFAULT_SIZE], markup.plain(picture.alt),
                        picture_credit(picture, wording))


def picture_credit(picture: Picture, wording: Wording) -> str:
    """The line printed under a picture ("Picture: …", markup), or "" when it has no credit."""
    return wording.phrase("common.j2", "picture_credit", credit=markup.inline(picture.credit)) if picture.credit else ""
