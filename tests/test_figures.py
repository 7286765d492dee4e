"""Drawing pictures: fitted in their box, keeping their proportions; SVG as vectors."""

from __future__ import annotations

import hashlib
import io

import pdfplumber
import pypdfium2
import pytest
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from compiler.errors import LayoutError
from compiler.fields import PictureData
from compiler.figures import draw_picture, fitted


def png(width: int, height: int) -> PictureData:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "orange").save(out, format="PNG")
    data = out.getvalue()
    return PictureData("png", data, hashlib.sha256(data).hexdigest(), float(width), float(height))


def svg(text: str, width: float, height: float) -> PictureData:
    data = text.encode()
    return PictureData("svg", data, hashlib.sha256(data).hexdigest(), width, height)


def drawn(*pictures: tuple[PictureData, tuple[float, float, float, float]]) -> pdfplumber.page.Page:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(600, 800))
    for picture, box in pictures:
        draw_picture(canvas, picture, *box)
    canvas.save()
    return pdfplumber.open(io.BytesIO(out.getvalue())).pages[0]


def test_a_raster_picture_is_fitted_and_centred_in_its_box() -> None:
    page = drawn((png(300, 100), (100, 500, 200, 200)))
    (image,) = page.images
    assert (image["x0"], image["x1"]) == pytest.approx((100, 300))
    # 200 wide keeps 3:1, so 66.7 high, centred in the 200-high box (y 500..700 from the bottom)
    assert (800 - image["bottom"], 800 - image["top"]) == pytest.approx((566.67, 633.33), abs=0.01)
    assert fitted(png(300, 100), 200, 200) == pytest.approx((200, 66.67), abs=0.01)


def test_an_svg_is_drawn_as_vectors_at_its_own_proportions() -> None:
    # only a width and a viewBox: 2:1, drawn into a 300 × 300 box
    drawing = svg('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" width="200mm">'
                  '<rect x="0" y="0" width="200" height="100" fill="blue"/></svg>', 566.93, 283.46)
    page = drawn((drawing, (100, 100, 300, 300)))
    assert not page.images
    (rect,) = page.rects
    assert (rect["x0"], rect["x1"]) == pytest.approx((100, 400), abs=0.5)
    assert (rect["bottom"] - rect["top"]) == pytest.approx(150, abs=0.5)
    assert 800 - rect["bottom"] == pytest.approx(175, abs=0.5)


def test_an_svg_svglib_cannot_draw_is_a_located_layout_error() -> None:
    broken = svg('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect', 10, 10)
    with pytest.raises(LayoutError) as caught:
        drawn((broken, (0, 0, 50, 50)))
    assert "cannot be drawn" in str(caught.value)


def test_an_svgs_text_is_set_in_the_bundled_faces_and_embedded() -> None:
    """svglib would set it in the PDF's standard Helvetica, which is not embedded and has no ł."""
    label = svg('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100">'
                '<text x="10" y="40" font-family="Helvetica" font-size="20">Białystok</text>'
                '<text x="10" y="80" font-family="Times" font-weight="bold" font-size="20">Lwów</text></svg>', 150, 75)
    page = drawn((label, (100, 100, 300, 150)))
    assert page.extract_text().split() == ["Białystok", "Lwów"]
    fonts = {char["fontname"].split("+")[-1] for char in page.chars}
    assert fonts == {"DejaVuSans", "DejaVuSerif-Bold"}
    assert all("+" in char["fontname"] for char in page.chars)  # a subset, embedded


def test_what_an_svg_draws_outside_its_viewbox_is_not_shown() -> None:
    """A map cropped by its viewBox: the land beyond it must not print over the page's text."""
    spill = svg('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
                '<rect x="-2000" y="-2000" width="4100" height="4100" fill="black"/></svg>', 75, 75)
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(600, 800))
    draw_picture(canvas, spill, 100, 100, 200, 200)
    canvas.save()
    image = pypdfium2.PdfDocument(out.getvalue())[0].render(scale=1).to_pil().convert("L")
    assert image.getpixel((200, 800 - 200)) < 50  # inside the box: drawn
    assert image.getpixel((50, 800 - 50)) > 200 and image.getpixel((400, 300)) > 200  # outside: untouched


def test_an_svg_font_the_system_may_not_have_is_set_in_a_bundled_face() -> None:
    odd = svg('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><style>.t {font-family: '
              '"Comic Sans MS", cursive}</style><text class="t" x="10" y="40" font-size="20">Hello</text>'
              '<text x="10" y="80" style="font-family: Garamond; font-style: italic" font-size="20">World</text></svg>',
              150, 75)
    page = drawn((odd, (100, 100, 300, 150)))
    assert {char["fontname"].split("+")[-1] for char in page.chars} == {"DejaVuSans", "DejaVuSerif-Italic"}
