"""The index page and its first-page pictures."""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import threading
from collections.abc import Callable
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from compiler import manifest, publish
from compiler.build import Request, build
from compiler.errors import Problem
from compiler.lock import output_lock
from compiler.outputs import Settings
from tests.build import run
from tests.conftest import SMALL_UNIT


def test_the_index_page_lists_every_pdf(unit_file, tmp_path: Path) -> None:
    run([unit_file()], tmp_path / "out", only=("handout", "timeline"))
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    for name in ("handout.pdf", "timeline.pdf", "timeline-tiled.pdf", "timeline-blank.pdf"):
        assert f'href="small/{name}"' in html
    pages = len(PdfReader(tmp_path / "out" / "small" / "handout.pdf").pages)
    size = (tmp_path / "out" / "small" / "handout.pdf").stat().st_size
    assert f"A4 · {pages} page{'s' * (pages != 1)} · {size / 1024:.0f} KB" in html
    assert "<h2>A small unit</h2>" in html  # units by title, not id


def test_the_index_shows_a_current_picture_of_each_pdf(unit_file, tmp_path: Path) -> None:
    unit, out = unit_file(), tmp_path / "out"
    report = build(Request(paths=(unit,), out=out, settings=Settings(only=("handout", "cardsort")), jobs=2))
    assert report.ok, report.all_problems()
    html = (out / "index.html").read_text(encoding="utf-8")
    pdfs = sorted(p.relative_to(out).as_posix() for p in out.glob("small/*.pdf"))
    for pdf in pdfs:
        picture = out / "thumbnails" / f"{pdf.replace('/', '.')}.png"
        assert picture.read_bytes().startswith(b"\x89PNG") and picture.relative_to(out).as_posix() in html
        assert picture.stat().st_mtime >= (out / pdf).stat().st_mtime


def test_outputs_of_two_units_never_share_a_picture(unit_file, tmp_path: Path) -> None:
    """Unit ``a``'s worksheet ``w--worksheet`` has a key named like unit ``a--worksheet-w``'s
    student sheet ``worksheet-key.pdf``: the index must not show the key's picture for it."""
    sheet = "    questions: [{type: short, prompt: Secret question, answer: Secret answer}]\n"
    first = unit_file(SMALL_UNIT.replace("id: small", "id: a") + f"worksheets:\n  - id: w--worksheet\n"
                      f"    title: Keyed\n{sheet}", name="units/a.yaml")
    unit_file(SMALL_UNIT.replace("id: small", "id: a--worksheet-w") + f"worksheets:\n  - id: key\n"
              f"    title: Student\n{sheet}", name="units/b.yaml")
    out = tmp_path / "out"
    assert build(Request(paths=(first.parent,), out=out, settings=Settings(only=("worksheet",)))).ok
    html = (out / "index.html").read_text(encoding="utf-8")
    pictures = re.findall(r'src="(thumbnails/[^"]+)"', html)
    assert len(pictures) == len(set(pictures)) == 4, pictures
    assert all((out / p).is_file() for p in pictures)


def test_a_symlinked_thumbnails_folder_is_refused(unit_file, tmp_path: Path) -> None:
    unit, out, elsewhere = unit_file(), tmp_path / "out", tmp_path / "elsewhere"
    elsewhere.mkdir()
    out.mkdir()
    (out / "thumbnails").symlink_to(elsewhere)
    report = build(Request(paths=(unit,), out=out, settings=Settings(only=("handout",))))
    assert report.ok and (out / "small" / "handout.pdf").is_file()
    assert list(elsewhere.iterdir()) == []
    (warning,) = report.warnings
    assert warning.file == str(out / "thumbnails") and "symbolic link" in warning.message


def test_a_thumbnails_folder_swapped_for_a_link_while_a_picture_is_drawn_gets_nothing(
        unit_file, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The index draws a missing picture, which takes a while; a thumbnails/ folder replaced by a
    link meanwhile must not be followed when the picture is written."""
    unit, out, elsewhere = unit_file(), tmp_path / "out", tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert build(Request(paths=(unit,), out=out, settings=Settings(only=("handout",)))).ok
    for picture in (out / "thumbnails").iterdir():
        picture.unlink()
    drawn = publish.thumbnail_png

    def drawn_then_swapped(pdf: bytes) -> bytes | None:
        (out / "thumbnails").rename(out / "thumbnails-moved")
        (out / "thumbnails").symlink_to(elsewhere)
        return drawn(pdf)

    monkeypatch.setattr(publish, "thumbnail_png", drawn_then_swapped)
    warnings: list[Problem] = []
    entry = manifest.read(out)["small/handout.pdf"]
    assert publish._thumbnail(out, entry, warnings) is None
    assert list(elsewhere.iterdir()) == []
    (warning,) = warnings
    assert "no picture was written" in warning.message


def test_a_file_of_another_unit_that_cannot_be_drawn_has_no_picture_and_a_warning(unit_file, tmp_path: Path) -> None:
    """The manifest may name any file of a unit's folder, cut short or not a PDF at all: the
    index lists it without a picture and says why, instead of the build crashing."""
    unit, out = unit_file(), tmp_path / "out"
    (out / "other").mkdir(parents=True)
    (out / "other" / "broken.pdf").write_bytes(b"%PDF-1.4 cut short")
    planted = {"path": "other/broken.pdf", "unit": "other", "kind": "handout", "pages": 1, "bytes": 18,
               "sha256": "0" * 64, "inputs": "0" * 64}
    (out / "manifest.json").write_text(json.dumps({"files": [planted]}), encoding="utf-8")
    report = build(Request(paths=(unit,), out=out, settings=Settings(only=("handout",))))
    assert report.ok, report.all_problems()
    (warning,) = report.warnings
    assert warning.file == str(out / "other" / "broken.pdf") and "cannot be drawn" in warning.message
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "other/broken.pdf" in index and "small.handout.pdf.png" in index
    assert not (out / "thumbnails" / "other.broken.pdf.png").exists()


def test_the_index_puts_the_teachers_files_apart_from_the_class_set(shipped_build: Callable[[str], Path]) -> None:
    """A department publishing the page must not put an answer key among the class's files."""
    index = (shipped_build("a4") / "out" / "index.html").read_text(encoding="utf-8")
    students, teacher = index.split("<h3>For the class</h3>")[1].split("<h3>For the teacher: answer keys")
    assert "-key.pdf" not in students and "handout.pdf" in students and "pack.pdf" in students
    links = re.findall(r'<a href="([^"]+)">', teacher)
    assert links and all(name.endswith("-key.pdf") for name in links)


class _Page(HTMLParser):
    """What a reader (or a screen reader) gets of an index page: its language, headings in
    order, pictures with their alt text, links with their text, the list items and the text of
    each, and whether every element that opens is closed in order."""

    VOID = frozenset({"meta", "img", "br", "link", "input", "hr"})

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.headings: list[tuple[int, str]] = []
        self.images: list[dict[str, str | None]] = []
        self.links: list[tuple[str, str]] = []
        self.items: list[str] = []
        self.open: list[str] = []
        self.misnested: list[str] = []
        self.texts: list[str] = []  # text of the heading, link or list item being read
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.lang = found.get("lang") or ""
        if tag == "img":
            self.images.append(found)
            if self.texts:  # a picture names the link it is in by its alt text
                self.texts[-1] += f" {found.get('alt') or ''} "
        if tag == "a":
            self.links.append((found.get("href") or "", ""))
        if tag not in self.VOID:
            self.open.append(tag)
            self.texts.append("")

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.misnested.append(tag)
            return
        self.open.pop()
        text = " ".join(self.texts.pop().split())
        if self.texts:
            self.texts[-1] += f" {text} "
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append((int(tag[1]), text))
        if tag == "a":
            href, _ = self.links[-1] if self.links else ("", "")
            self.links[-1] = (href, text)
        if tag == "li":
            self.items.append(text)

    def handle_data(self, data: str) -> None:
        if self.texts:
            self.texts[-1] += data


HOSTILE_TITLE = "Trade & <script>alert('x')</script> 'quotes' \"too\""


def test_the_index_is_valid_accessible_html_with_each_files_title_paper_pages_and_print_notes(
        unit_file, tmp_path: Path) -> None:
    """A department's page: lang, headings in order (page, unit, class/teacher), a picture with
    alt text for every file, links that lead to files, and each file's title, paper, pages and
    how to print it; a unit title that holds HTML is shown as text, never run."""
    unit = SMALL_UNIT.replace("title: A small unit", f"title: '{HOSTILE_TITLE.replace(chr(39), chr(39) * 2)}'")
    unit += ("card_sorts:\n  - id: causes\n    title: Causes & effects\n    mode: categories\n"
             "    categories: [{id: a, label: Short}, {id: b, label: Long}]\n"
             "    cards:\n      - {text: One, category: a}\n      - {text: Two, category: b}\n"
             "worksheets:\n  - id: quiz\n    title: Quick <quiz>\n"
             "    questions: [{type: short, prompt: Who?, answer: Lenin}]\n")
    out = tmp_path / "out"
    assert build(Request(paths=(unit_file(unit),), out=out)).ok
    html = (out / "index.html").read_text(encoding="utf-8")
    page = _Page(html)
    assert page.lang == "en" and not page.misnested and not page.open
    assert "<script>" not in html and "&lt;script&gt;" in html and "<quiz>" not in html
    levels = [level for level, _ in page.headings]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in pairwise(levels)), page.headings
    straight = str.maketrans("‘’“”", "''\"\"")
    assert page.headings[1][0] == 2 and page.headings[1][1].translate(straight) == HOSTILE_TITLE  # quotes typeset
    assert [text for level, text in page.headings if level == 3] == [
        "For the class", "For the teacher: answer keys, never to hand out"]
    pdfs = sorted(p.relative_to(out).as_posix() for p in out.glob("small/*.pdf"))
    assert len(page.images) == len(pdfs) and all(img["alt"] and (out / str(img["src"])).is_file() for img in page.images)
    assert all(text and href and (out / href).is_file() for href, text in page.links), page.links
    assert sorted({href for href, _ in page.links}) == pdfs
    items = dict(zip([href for href, _ in page.links][1::2], page.items, strict=True))
    assert "Card sort: Causes & effects" in items["small/cardsort-causes.pdf"]
    assert "Print on one side" in items["small/cardsort-causes.pdf"]
    assert "Worksheet: Quick <quiz>" in items["small/worksheet-quiz.pdf"]
    assert "Answer key: Quick <quiz>" in items["small/worksheet-quiz-key.pdf"]
    assert "Print on both sides, flip on the long edge" in items["small/worksheet-quiz.pdf"]
    assert "Timeline poster on printer sheets" in items["small/timeline-tiled.pdf"]
    assert "trim the sheets and tape them together" in items["small/timeline-tiled.pdf"]
    assert "A3 · 1 page" in items["small/timeline.pdf"]
    handout_pages = len(PdfReader(out / "small" / "handout.pdf").pages)
    assert f"A4 · {handout_pages} page" in items["small/handout.pdf"]
    assert all("Print at 100 % (actual size)" in item for item in page.items)


def test_the_manifest_records_each_files_title_paper_and_printing_on_letter(unit_file, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run([unit_file()], out, only=("handout", "timeline"), paper="letter").ok
    entries = manifest.read(out)
    assert (entries["small/handout.pdf"].title, entries["small/handout.pdf"].paper) == ("Handout", "Letter")
    assert entries["small/handout.pdf"].printing == "duplex"
    assert (entries["small/timeline-blank-key.pdf"].title, entries["small/timeline-blank-key.pdf"].printing) == (
        "Answer key: blank timeline", "single")


def test_a_unit_in_another_language_marks_its_own_words_with_its_language(unit_file, tmp_path: Path) -> None:
    """A screen reader reads a German unit's title and file titles in German on an English page."""
    english, german = unit_file(), unit_file(SMALL_UNIT.replace("id: small", "id: klein").replace(
        "title: A small unit", "title: Eine kleine Einheit\n  language: de"), name="de.yaml")
    assert build(Request(paths=(english, german), out=tmp_path / "out")).ok
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html and '<h2 lang="de">Eine kleine Einheit</h2>' in html
    assert re.search(r'<p class="title" lang="de"><a href="klein/handout.pdf">', html)
    assert re.search(r'<p class="title"><a href="small/handout.pdf">', html)


def test_paper_names() -> None:
    assert publish.named_paper(842, 595) == "A4"
    assert publish.named_paper(612, 792) == "Letter"
    assert publish.named_paper(100 * 72 / 25.4, 150 * 72 / 25.4) == "100 × 150 mm"


def _units(folder: Path) -> list[Path]:
    """Three small units in ``folder``, so that two shards each get some."""
    folder.mkdir()
    files = []
    for name in ("alpha", "beta", "gamma", "delta"):
        files.append(folder / f"{name}.yaml")
        files[-1].write_text(SMALL_UNIT.replace("id: small", f"id: {name}")
                             .replace("title: A small unit", f"title: Unit {name}"), encoding="utf-8")
    return files


def _shards(units: Path, tmp_path: Path) -> list[Path]:
    folders = []
    for k in (1, 2):
        folders.append(tmp_path / f"out-{k}")
        report = build(Request(paths=(units,), out=folders[-1], settings=Settings(only=("handout", "timeline")),
                               shard=(k, 2)))
        assert report.ok, report.all_problems()
    assert all(manifest.read(folder) for folder in folders), "each shard should build some unit"
    return folders


def _without_generator(html: str) -> str:
    return re.sub(r"<p><small>.*</small></p>", "", html)


def test_merged_shards_make_the_site_a_single_build_makes(tmp_path: Path) -> None:
    _units(tmp_path / "units")
    whole = tmp_path / "whole"
    assert build(Request(paths=(tmp_path / "units",), out=whole, settings=Settings(only=("handout", "timeline")))).ok
    shards = _shards(tmp_path / "units", tmp_path)
    site = tmp_path / "site"
    report = publish.merge(shards, site)
    assert report.ok and not report.all_warnings() and len(report.units) == 4
    merged, single = manifest.load(site), manifest.load(whole)
    assert {p: (e.unit, e.kind, e.audience, e.sha256, e.title, e.paper) for p, e in merged.files.items()} == {
        p: (e.unit, e.kind, e.audience, e.sha256, e.title, e.paper) for p, e in single.files.items()}
    assert sorted(u.outputs for u in merged.units.values()) == sorted(u.outputs for u in single.units.values())
    assert {Path(k).name for k in merged.units} == {Path(k).name for k in single.units}
    assert (site / "index.html").read_text(encoding="utf-8") == (whole / "index.html").read_text(encoding="utf-8")
    for path in merged.files:
        assert (site / path).read_bytes() == (whole / path).read_bytes()
        assert (site / "thumbnails" / f"{path.replace('/', '.')}.png").is_file()
    assert not [p for p in tmp_path.iterdir() if ".merging-" in p.name or ".old-" in p.name]
    assert publish.merge(shards, site).ok  # an earlier site is replaced whole


def test_a_unit_two_shards_made_differently_is_a_located_conflict(tmp_path: Path) -> None:
    files = _units(tmp_path / "units")
    first, second = tmp_path / "out-1", tmp_path / "out-2"
    assert run([files[0]], first).ok
    files[0].write_text(files[0].read_text(encoding="utf-8").replace("First point", "Another point"), encoding="utf-8")
    assert run([files[0], files[1]], second).ok
    site = tmp_path / "site"
    (problem,) = publish.merge([first, second], site).problems
    assert problem.file == str(second / "manifest.json")
    assert "unit 'alpha' is also in" in problem.message and "alpha/handout.pdf" in problem.message
    assert not site.exists()
    assert publish.merge([first, first], site).ok  # the same files twice are no conflict


@pytest.mark.parametrize("hostile", ["../../outside.pdf", "/etc/passwd", "alpha/../../x.pdf", "link/handout.pdf"])
def test_a_shard_manifest_naming_a_file_outside_its_folder_is_refused(tmp_path: Path, hostile: str) -> None:
    files = _units(tmp_path / "units")
    shard = tmp_path / "out-1"
    assert run([files[0]], shard).ok
    (tmp_path / "outside.pdf").write_bytes(b"%PDF-1.4 secret")
    (shard / "link").symlink_to(tmp_path)
    document = json.loads((shard / "manifest.json").read_text(encoding="utf-8"))
    unit = hostile.split("/")[0] if hostile.startswith("link") else "alpha"
    document["files"].append({**document["files"][0], "path": hostile, "unit": unit})
    document["units"][0]["outputs"].append(hostile)
    (shard / "manifest.json").write_text(json.dumps(document), encoding="utf-8")
    site = tmp_path / "site"
    problems = publish.merge([shard], site).problems
    assert problems and all(p.file == str(shard / "manifest.json") and "cannot be merged" in p.message
                            for p in problems), problems
    assert not site.exists()


def _edit_manifest(shard: Path, edit: Callable[[dict[str, Any]], None]) -> None:
    document = json.loads((shard / "manifest.json").read_text(encoding="utf-8"))
    edit(document)
    (shard / "manifest.json").write_text(json.dumps(document), encoding="utf-8")


@pytest.mark.parametrize("hostile", ["/etc/passwd", "../../../../etc/passwd", "beta.yaml", "twice"])
def test_a_shard_manifest_with_an_untrustworthy_unit_record_is_refused(tmp_path: Path, hostile: str) -> None:
    """A unit record naming a file that is no unit file, the file of another unit (which would
    replace that unit's record and its title on the index page), or a unit twice."""
    files = _units(tmp_path / "units")
    shard = tmp_path / "out-1"
    assert run(files[:2], shard).ok

    def edit(document: dict[str, Any]) -> None:
        alpha = next(u for u in document["units"] if u["unit"] == "alpha")
        beta = next(u for u in document["units"] if u["unit"] == "beta")
        if hostile == "twice":
            document["units"].append({**alpha, "file": beta["file"].replace("beta", "other")})
        else:
            alpha["file"] = beta["file"] if hostile == "beta.yaml" else hostile

    _edit_manifest(shard, edit)
    site = tmp_path / "site"
    problems = publish.merge([shard], site).problems
    assert problems and all(p.file == str(shard / "manifest.json") and "cannot be merged" in p.message
                            for p in problems), problems
    assert not site.exists()


def test_two_shards_recording_one_unit_file_for_two_units_is_a_located_conflict(tmp_path: Path) -> None:
    files = _units(tmp_path / "units")
    first, second = tmp_path / "out-1", tmp_path / "out-2"
    assert run([files[0]], first).ok and run([files[1]], second).ok
    alpha = json.loads((first / "manifest.json").read_text(encoding="utf-8"))["units"][0]["file"]
    _edit_manifest(second, lambda document: document["units"][0].update(file=alpha))
    site = tmp_path / "site"
    (problem,) = publish.merge([first, second], site).problems
    assert problem.file == str(second / "manifest.json")
    assert "unit 'beta' is recorded as built from" in problem.message and "as unit 'alpha' is" in problem.message
    assert not site.exists()


def test_a_merged_site_has_the_folder_modes_a_build_gives(tmp_path: Path) -> None:
    """A web server running as another user reads the site: no 0700 folder from mkdtemp."""
    files = _units(tmp_path / "units")
    shard, site = tmp_path / "out-1", tmp_path / "site"
    previous = os.umask(0o022)
    try:
        assert run([files[0]], shard).ok
        assert publish.merge([shard], site).ok
    finally:
        os.umask(previous)
    for folder in ("", "alpha", "thumbnails"):
        assert stat.S_IMODE((site / folder).stat().st_mode) == stat.S_IMODE((shard / folder).stat().st_mode) == 0o755


def test_shard_folders_missing_or_without_a_manifest_are_skipped_with_a_warning(tmp_path: Path) -> None:
    """A shard whose every unit failed leaves only the lock file; one with no unit, no folder."""
    files = _units(tmp_path / "units")
    shard, failed, missing, site = tmp_path / "out-1", tmp_path / "out-2", tmp_path / "out-3", tmp_path / "site"
    assert run([files[0]], shard).ok
    broken = tmp_path / "units" / "broken.yaml"
    broken.write_text("unit: [not, a, unit]\n", encoding="utf-8")
    assert not run([broken], failed).ok
    assert [p.name for p in failed.iterdir()] == [".printpack.lock"]
    report = publish.merge([shard, failed, missing], site)
    assert report.ok, report.all_problems()
    assert [(w.file, w.message.split(":")[0]) for w in report.warnings] == [
        (str(failed), "has no manifest.json"), (str(missing), "does not exist")]
    assert [u.unit for u in report.units] == ["alpha"] and (site / "alpha" / "handout.pdf").is_file()
    (problem,) = publish.merge([failed, missing], site).problems  # nothing at all: the site stays
    assert "no folder to merge" in problem.message and (site / "alpha" / "handout.pdf").is_file()


def test_a_merge_waits_for_a_build_of_the_same_site(tmp_path: Path) -> None:
    files = _units(tmp_path / "units")
    shard, site = tmp_path / "out-1", tmp_path / "site"
    assert run([files[0]], shard).ok
    waiting = threading.Event()
    reports = []
    with output_lock(site):
        merging = threading.Thread(target=lambda: reports.append(publish.merge([shard], site, notice=lambda _: waiting.set())))
        merging.start()
        assert waiting.wait(timeout=60)
        assert not (site / "manifest.json").exists()  # nothing replaced while the build holds the lock
    merging.join(timeout=60)
    assert reports and reports[0].ok and (site / "alpha" / "handout.pdf").is_file()


def test_a_failed_swap_leaves_the_old_site_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = _units(tmp_path / "units")
    first, second, site = tmp_path / "out-1", tmp_path / "out-2", tmp_path / "site"
    assert run([files[0]], first).ok and run([files[1]], second).ok
    assert publish.merge([first], site).ok
    before = (site / "manifest.json").read_bytes()
    renamed = Path.rename

    def failing(self: Path, target: Path) -> Path:
        if ".merging-" in self.name and Path(target) == site:
            raise OSError(errno.EIO, "disk error", str(target))
        return renamed(self, target)

    monkeypatch.setattr(Path, "rename", failing)
    with pytest.raises(OSError):
        publish.merge([second], site)
    monkeypatch.undo()
    assert (site / "manifest.json").read_bytes() == before and (site / "alpha" / "handout.pdf").is_file()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == []


def test_a_merge_removes_the_hidden_folders_a_killed_merge_left(tmp_path: Path) -> None:
    files = _units(tmp_path / "units")
    shard, site = tmp_path / "out-1", tmp_path / "site"
    assert run([files[0]], shard).ok
    for name in (".site.merging-0123456789abcdef", ".site.old-fedcba9876543210", ".site.old-notes"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text("left", encoding="utf-8")
    assert publish.merge([shard], site).ok
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == [".site.old-notes"]


def test_a_symlinked_unit_folder_in_a_shard_is_not_copied(tmp_path: Path) -> None:
    files = _units(tmp_path / "units")
    shard, elsewhere = tmp_path / "out-1", tmp_path / "elsewhere"
    assert run([files[0]], shard).ok
    (shard / "alpha").rename(elsewhere)
    (shard / "alpha").symlink_to(elsewhere)
    problems = publish.merge([shard], tmp_path / "site").problems
    assert problems and not (tmp_path / "site").exists()


def test_merge_never_replaces_a_folder_it_did_not_write(tmp_path: Path) -> None:
    files = _units(tmp_path / "units")
    shard, site = tmp_path / "out-1", tmp_path / "site"
    assert run([files[0]], shard).ok
    site.mkdir()
    (site / "notes.txt").write_text("mine", encoding="utf-8")
    (problem,) = publish.merge([shard], site).problems
    assert problem.file == str(site) and (site / "notes.txt").read_text(encoding="utf-8") == "mine"
