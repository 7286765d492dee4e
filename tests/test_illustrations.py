"""A picture as a plan carries it: its share of the column by size, its credit worded by the catalogue."""

from __future__ import annotations

import hashlib

import pytest

from compiler.fields import Picture, PictureData
from compiler.illustrations import illustration
from compiler.wording import Wording


def picture(**fields: str) -> Picture:
    result = Picture(file="pictures/leaf.png", alt="A *leaf* cut across", **fields)
    data = b"not read: the plan only carries it"
    result._loaded = PictureData("png", data, hashlib.sha256(data).hexdigest(), 600.0, 400.0)
    return result


@pytest.mark.parametrize(("size", "share"), [(None, 1 / 2), ("small", 1 / 3), ("medium", 1 / 2), ("large", 1.0)])
def test_the_size_is_a_share_of_the_column(size: str | None, share: float) -> None:
    planned = illustration(picture(**({"size": size} if size else {})), ("sections", 0, "picture"), Wording())
    assert planned is not None
    assert planned.share == pytest.approx(share)
    assert planned.path == ("sections", 0, "picture")
    assert planned.alt == "A leaf cut across"
    assert planned.credit == ""


@pytest.mark.parametrize(("language", "line"), [("en", "Picture: Drawn by <i>R&amp;D</i>"),
                                                 ("ru", "Иллюстрация: Drawn by <i>R&amp;D</i>"),
                                                 ("de", "Bild: Drawn by <i>R&amp;D</i>")])
def test_the_credit_is_worded_in_the_units_language_and_escaped(language: str, line: str) -> None:
    planned = illustration(picture(credit="Drawn by *R&D*"), (), Wording(language=language))
    assert planned is not None and planned.credit == line


def test_no_picture_plans_nothing() -> None:
    assert illustration(None, ("worksheets", 0, "questions", 1, "picture"), Wording()) is None
