"""DejaVu families are registered once, with bold and italic faces mapped for <b> and <i>."""

from __future__ import annotations

from reportlab.lib.fonts import tt2ps

from compiler import fonts


def test_families_map_their_four_faces() -> None:
    for family in fonts.FAMILIES:
        assert fonts.register(family) == family
        assert tt2ps(family, 1, 0) == f"{family}-Bold"
        assert tt2ps(family, 0, 1) == f"{family}-Italic"
        assert tt2ps(family, 1, 1) == f"{family}-BoldItalic"


def test_registration_happens_once() -> None:
    fonts.register("DejaVuSans")
    before = fonts.register.cache_info().hits
    fonts.register("DejaVuSans")
    assert fonts.register.cache_info().hits == before + 1
