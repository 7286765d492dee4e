"""DejaVu families are registered with bold and italic faces mapped for <b> and <i>."""

from __future__ import annotations

import io

from pypdf import PdfReader
from reportlab.lib.fonts import tt2ps

from compiler import fonts


def test_families_map_their_four_faces() -> None:
    for family in fonts.FAMILIES:
        assert fonts.register(family) == family
        assert tt2ps(family, 1, 0) == f"{family}-Bold"
        assert tt2ps(family, 0, 1) == f"{family}-Italic"
        assert tt2ps(family, 1, 1) == f"{family}-BoldItalic"


def test_a_missing_or_corrupt_font_file_is_a_problem_naming_it(tmp_path, monkeypatch) -> None:
    import pytest

    from compiler.errors import ProblemsFound

    (tmp_path / "DejaVuSerif.ttf").write_bytes(b"not a font")
    monkeypatch.setattr(fonts, "fonts_dir", lambda: tmp_path)
    fonts.register.cache_clear()
    try:
        with pytest.raises(ProblemsFound) as caught:
            fonts.register("DejaVuSerif")
        assert caught.value.problems[0].file == str(tmp_path / "DejaVuSerif.ttf")
        with pytest.raises(ProblemsFound, match="cannot be read"):
            fonts.register("DejaVuSans")  # missing altogether
    finally:
        fonts.register.cache_clear()


def embedded_faces(text: str) -> set[str]:
    """The faces a one-paragraph PDF of ``text`` embeds, without their subset prefix."""
    from compiler.pdf import Furniture, Metadata, Paragraph, render_story, styles
    from compiler.theme import PAPER, load_theme

    theme = load_theme()
    furniture = Furniture("", "", "", "")
    pdf, _ = render_story([Paragraph(text, styles(theme)["body"])], theme, PAPER["a4"], furniture, Metadata("T", "A", "S"))
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    return {str(font.get_object()["/BaseFont"]).split("+")[-1] for font in page["/Resources"]["/Font"].values()}


def test_a_pdf_embeds_the_faces_its_text_uses_and_no_other() -> None:
    """Registering a family (once, for every face) does not put unused faces in the PDF; asking
    for italics, in a second document drawn in the same process, embeds them."""
    upright = embedded_faces("upright <b>bold</b>")
    assert {"DejaVuSerif", "DejaVuSerif-Bold"} <= upright and not any("Italic" in face for face in upright)
    assert {"DejaVuSerif-Italic", "DejaVuSerif-BoldItalic"} <= embedded_faces("now <i>slanted <b>and bold</b></i>")
    assert embedded_faces("upright <b>bold</b>") == upright


def test_family_of_a_face() -> None:
    assert fonts.family_of("DejaVuSans-BoldItalic") == "DejaVuSans"
    assert fonts.family_of("Helvetica") is None


def test_every_way_of_asking_for_italics_finds_the_face() -> None:
    """In a fresh process, so no earlier test has parsed the italic faces already."""
    import subprocess
    import sys

    code = (
        "import io\nfrom reportlab.lib.styles import ParagraphStyle\n"
        "from reportlab.platypus import SimpleDocTemplate\nfrom compiler import fonts, pdf\n"
        "from compiler.theme import load_theme\nbody = pdf.styles(load_theme())['body']\n"
        "slanted = ParagraphStyle('s', parent=body, fontName=fonts.face('DejaVuSerif', italic=True))\n"
        "story = [pdf.Paragraph(t, body) for t in ('a <em>b</em>', 'a <I>b</I>', '<b><i>c</i></b>')]\n"
        "story.append(pdf.Paragraph('d <b>e</b>', slanted))\n"
        "print(story[-1].frags[-1].fontName)\n"
        "SimpleDocTemplate(io.BytesIO()).build(story)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "DejaVuSerif-BoldItalic"  # bold in an italic style stays italic


def test_characters_are_read_from_each_face_s_cmap() -> None:
    assert ord("Ж") in fonts.characters("DejaVuSerif-Italic")
    assert ord("✓") in fonts.characters("DejaVuSans-Bold") and ord("✓") not in fonts.characters("DejaVuSerif-Bold")
    assert ord("中") not in fonts.characters("DejaVuSans")
    assert fonts.faces("DejaVuSans") == ["DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Italic", "DejaVuSans-BoldItalic"]


def test_an_unreadable_font_is_a_problem_naming_it_when_its_characters_are_read(tmp_path, monkeypatch) -> None:
    import pytest

    from compiler.errors import ProblemsFound

    (tmp_path / "DejaVuSerif.ttf").write_bytes(b"not a font")
    monkeypatch.setattr(fonts, "fonts_dir", lambda: tmp_path)
    fonts.characters.cache_clear()
    try:
        with pytest.raises(ProblemsFound, match="cannot be read") as caught:
            fonts.characters("DejaVuSerif")
        assert caught.value.problems[0].file == str(tmp_path / "DejaVuSerif.ttf")
    finally:
        fonts.characters.cache_clear()
