"""Pictures named by a unit: found inside its folder, checked and read once, or a located problem."""

from __future__ import annotations

import io
import json
import textwrap
from pathlib import Path

import pytest
from PIL import Image

from compiler.errors import ProblemsFound
from compiler.fields import PictureData
from compiler.model import Unit
from compiler.pictures import MIN_DPI, low_resolution, needed_pixels
from compiler.source import load_text
from compiler.validate import validate_unit

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" width="100mm">'
       '<rect x="10" y="10" width="180" height="80" fill="none" stroke="black"/></svg>')


def unit_with(folder: Path, file: str, *, extra: str = "") -> Path:
    """A small unit (the water cycle) whose one section prints the picture ``file``."""
    path = folder / "water.yaml"
    path.write_text(textwrap.dedent(f"""\
        format: 1
        unit: {{id: water, title: The water cycle}}
        sections:
          - title: Evaporation
            text: The sun warms the sea.
            picture:
              file: {json.dumps(file)}
              alt: Arrows from the sea up to a cloud
        """) + extra, encoding="utf-8")
    return path


def validated(path: Path) -> Unit:
    return validate_unit(load_text(path.read_text(encoding="utf-8"), str(path)))


def problems(path: Path) -> list[str]:
    with pytest.raises(ProblemsFound) as caught:
        validated(path)
    return [str(p) for p in caught.value.problems]


def test_a_png_jpeg_and_svg_are_read_with_their_size_and_hash(tmp_path: Path) -> None:
    (tmp_path / "pictures").mkdir()
    Image.new("RGB", (300, 200), "red").save(tmp_path / "pictures" / "sun.png")
    Image.new("RGB", (64, 48), "blue").save(tmp_path / "pictures" / "sea.jpg")
    (tmp_path / "pictures" / "cycle.svg").write_text(SVG, encoding="utf-8")
    for name, size, fmt in (("sun.png", (300, 200), "png"), ("sea.jpg", (64, 48), "jpeg"),
                            ("cycle.svg", (100 * 72 / 25.4, 50 * 72 / 25.4), "svg")):
        picture = validated(unit_with(tmp_path, f"pictures/{name}")).sections[0].picture
        assert picture is not None
        assert picture.data.format == fmt
        assert (picture.data.width, picture.data.height) == pytest.approx(size)
        assert picture.model_dump()["sha256"] == picture.data.sha256


@pytest.mark.parametrize(("file", "said"), [
    ("https://example.org/a.png", "not a web address"),
    ("/etc/passwd.png", "full path"),
    ("C:\\Users\\me\\a.png", "full path"),
    ("pictures\\a.png", "write / between folders: pictures/a.png"),
    ("../secret.png", "leads out of the unit's folder"),
    ("pictures/a.gif", "PNG, JPEG or SVG"),
    ("pictures/none.png", "no picture file"),
])
def test_a_path_that_is_not_a_picture_in_the_units_folder_is_located(tmp_path: Path, file: str, said: str) -> None:
    found = problems(unit_with(tmp_path, file))
    assert len(found) == 1
    assert "water.yaml:7:13:" in found[0] and "sections[0].picture.file" in found[0] and said in found[0]


def test_a_link_out_of_the_folder_is_refused_and_a_misspelt_name_is_suggested(tmp_path: Path) -> None:
    outside = tmp_path / "outside.png"
    Image.new("RGB", (10, 10)).save(outside)
    unit = tmp_path / "unit"
    unit.mkdir()
    (unit / "link.png").symlink_to(outside)
    assert "link to a file outside the unit's folder" in problems(unit_with(unit, "link.png"))[0]
    Image.new("RGB", (10, 10)).save(unit / "Leaf.PNG")
    assert "did you mean 'Leaf.PNG'?" in problems(unit_with(unit, "leaf.png"))[0]


def test_a_decompression_bomb_is_refused_before_it_is_decoded(tmp_path: Path) -> None:
    # 10,000 × 10,000 pixels of one colour: a few kilobytes of PNG, 300 MB once decoded
    Image.new("1", (10_000, 10_000)).save(tmp_path / "bomb.png")
    assert (tmp_path / "bomb.png").stat().st_size < 100_000
    found = problems(unit_with(tmp_path, "bomb.png"))
    assert "has more pixels than the 50 million a picture may have" in found[0]


def test_a_damaged_or_disguised_file_is_located(tmp_path: Path) -> None:
    Image.new("RGB", (200, 200), "green").save(tmp_path / "whole.png")
    (tmp_path / "cut.png").write_bytes((tmp_path / "whole.png").read_bytes()[:120])
    assert "cannot be read as a picture" in problems(unit_with(tmp_path, "cut.png"))[0]
    (tmp_path / "text.png").write_text("not a picture", encoding="utf-8")
    assert "is not a PNG, JPEG or SVG file" in problems(unit_with(tmp_path, "text.png"))[0]
    (tmp_path / "empty.svg").write_text("", encoding="utf-8")
    assert "is empty" in problems(unit_with(tmp_path, "empty.svg"))[0]


@pytest.mark.parametrize(("svg", "said"), [
    ('<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">&a;</svg>',
     "declares XML entities"),
    (('<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink" viewBox="0 0 1 1">'
      '<image x:href="file:///etc/passwd"/></svg>'), "<image> element"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><use href="other.svg#a"/></svg>',
     "links to another file"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>', "gives no size"),
    ('<svg xmlns="http://www.w3.org/2000/svg" width="1e400" height="10"/>', "gives a size no page can print"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1e400 1e400"/>', "gives a size no page can print"),
    ('<svg xmlns="http://www.w3.org/2000/svg" width="1e-300" height="1e-300"/>', "gives a size no page can print"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">' + "<g>" * 150 + "</g>" * 150 + "</svg>",
     "nests groups more than 100 deep"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect style="fill:url(file:///etc/passwd)"/></svg>',
     "links to another file"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><style>@import url(x.css);</style></svg>',
     "links to another file"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect>', "not a well-formed SVG"),
])
def test_an_svg_that_reads_more_than_itself_is_refused(tmp_path: Path, svg: str, said: str) -> None:
    (tmp_path / "drawing.svg").write_text(svg, encoding="utf-8")
    assert said in problems(unit_with(tmp_path, "drawing.svg"))[0]


def test_a_photo_turned_by_its_exif_orientation_is_kept_turned(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to view
    Image.new("RGB", (40, 30), "white").save(tmp_path / "photo.jpg", exif=exif)
    picture = validated(unit_with(tmp_path, "photo.jpg")).sections[0].picture
    assert picture is not None and (picture.data.width, picture.data.height) == (30, 40)
    assert picture.data.format == "jpeg"  # a photo stays a photo: as PNG it would be ten times larger


def test_a_16_bit_grey_scan_keeps_its_greys(tmp_path: Path) -> None:
    """ReportLab cuts 16-bit grey to 8 bits, printing a scan almost white: it is scaled instead."""
    scan = Image.new("I;16", (256, 4))
    scan.putdata([x * 256 for _ in range(4) for x in range(256)])
    scan.save(tmp_path / "scan.png")
    picture = validated(unit_with(tmp_path, "scan.png")).sections[0].picture
    assert picture is not None
    grey = Image.open(io.BytesIO(picture.data.data))
    assert grey.mode == "L" and [grey.getpixel((x, 0)) for x in (0, 128, 255)] == [0, 128, 255]



def test_a_picture_named_twice_is_read_once_and_every_problem_is_reported(tmp_path: Path) -> None:
    Image.new("RGB", (10, 10)).save(tmp_path / "a.png")
    extra = """\
  - title: Rain
    picture: {file: a.png, alt: rain}
    box: {title: Drops, picture: {file: missing.svg, alt: drops}}
"""
    path = unit_with(tmp_path, "a.png", extra=extra)
    found = problems(path)
    assert len(found) == 1 and "sections[1].box.picture.file" in found[0]
    path.write_text(path.read_text().replace("missing.svg", "a.png"))
    unit = validated(path)
    first, second = unit.sections[0].picture, unit.sections[1].picture
    assert first is not None and second is not None and first.data is second.data


def test_low_resolution_says_the_pixels_a_picture_needs_at_its_printed_size() -> None:
    picture = PictureData("png", b"", "0", 300.0, 150.0)
    # 300 pixels over 2 inches is 150 dpi: sharp enough
    assert needed_pixels(picture, 144, 72) is None
    warning = low_resolution(("sections", 0, "picture"), picture, 288, 144)
    assert warning is not None and warning.path == ("sections", 0, "picture", "file")
    assert "75 dots per inch" in warning.message and f"{4 * MIN_DPI} × {2 * MIN_DPI} pixels" in warning.hint
    assert low_resolution((), PictureData("svg", b"", "0", 10.0, 10.0), 1000, 1000) is None


def test_a_file_name_and_alt_text_in_any_script_are_not_checked_against_the_fonts(tmp_path: Path) -> None:
    Image.new("RGB", (10, 10)).save(tmp_path / "地図.png")
    path = unit_with(tmp_path, "地図.png")
    path.write_text(path.read_text(encoding="utf-8").replace("Arrows from the sea up to a cloud", "خريطة *"),
                    encoding="utf-8")
    picture = validated(path).sections[0].picture
    assert picture is not None and picture.data.width == 10
