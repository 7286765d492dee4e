"""Reading a tagged PDF back as a screen reader would: the structure tree in order, each element
with the words of its own marked content, and the page text that belongs to neither the tree
nor an artifact (which must be none).

The words come from pdfplumber, which gives every character the marked-content id and tag it
was drawn in; the tree comes from pikepdf. Tests of every kind use these.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
import pikepdf


@dataclass
class Element:
    role: str
    text: str  # the words of its own marked content, in drawing order
    depth: int
    alt: str | None = None
    actual: str | None = None  # its /ActualText: what a reader says instead of its content
    children: list[Element] = field(default_factory=list)

    def walk(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            yield from child.walk()

    def all_text(self) -> str:
        """Its words and its descendants', in reading order, as a reader says them: an element
        with replacement text (/ActualText) is read as that."""
        if self.actual is not None:
            return self.actual
        return " ".join(part for part in [self.text, *(child.all_text() for child in self.children)] if part)


@dataclass
class Tagged:
    root: Element
    untagged: str  # page text in neither a structure element nor an artifact
    artifact: str  # page text marked as artifact, page by page
    lang: str | None
    title: str | None
    display_title: bool
    marked: bool
    outline: list[tuple[int, str]]  # (depth, title) of each bookmark

    def elements(self) -> list[Element]:
        return list(self.root.walk())

    def roles(self) -> list[str]:
        return [e.role for e in self.elements()]

    def reading(self) -> str:
        """Every word the structure holds, in its order."""
        return self.root.all_text()

    def headings(self) -> list[tuple[int, str]]:
        return [(int(e.role[1]), e.text) for e in self.elements() if len(e.role) == 2 and e.role[0] == "H"
                and e.role[1].isdigit()]


def _words(chars: list[dict[str, object]]) -> str:
    """The characters' text as words: a gap wider than a third of the size is a space."""
    out: list[str] = []
    last: dict[str, object] | None = None
    for char in chars:
        if last is not None:
            size = float(last["size"])  # type: ignore[arg-type]
            gap = float(char["x0"]) - float(last["x1"])  # type: ignore[arg-type]
            new_line = abs(float(char["top"]) - float(last["top"])) > size / 2  # type: ignore[arg-type]
            if new_line and out[-1] == "-" and str(char["text"]).islower():
                out.pop()  # a word hyphenated at the line's end
            elif new_line or gap > size / 3:
                out.append(" ")
        out.append(str(char["text"]))
        last = char
    return " ".join("".join(out).split())


def read(path: Path | str) -> Tagged:
    by_mark: dict[tuple[int, int], list[dict[str, object]]] = {}
    untagged: list[dict[str, object]] = []
    artifact: list[dict[str, object]] = []
    with pdfplumber.open(path) as plumbed:
        for index, page in enumerate(plumbed.pages):
            for char in page.chars:
                mcid = char.get("mcid")
                if mcid is not None:
                    by_mark.setdefault((index, int(mcid)), []).append(char)  # type: ignore[call-overload]
                elif char.get("tag") == "Artifact":
                    artifact.append(char)
                else:
                    untagged.append(char)
    with pikepdf.open(path) as pdf:
        pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
        tree = pdf.Root.get("/StructTreeRoot")
        root = Element("StructTreeRoot", "", 0)
        if tree is not None:
            _children(tree, root, None, pages, by_mark, 1)
        info_title = None
        with pdf.open_metadata() as xmp:
            info_title = xmp.get("dc:title")
        outline: list[tuple[int, str]] = []
        with pdf.open_outline() as tree_of_bookmarks:
            _bookmarks(tree_of_bookmarks.root, 0, outline)
        viewer = pdf.Root.get("/ViewerPreferences")
        mark_info = pdf.Root.get("/MarkInfo")
        return Tagged(root, _words(untagged), _words(artifact),
                      str(pdf.Root.Lang) if "/Lang" in pdf.Root else None, info_title,
                      bool(viewer is not None and viewer.get("/DisplayDocTitle")),
                      bool(mark_info is not None and mark_info.get("/Marked")), outline)


def _bookmarks(items: list[pikepdf.OutlineItem], depth: int, out: list[tuple[int, str]]) -> None:
    for item in items:
        out.append((depth, item.title))
        _bookmarks(item.children, depth + 1, out)


def _children(node: pikepdf.Object, parent: Element, page: int | None, pages: dict[tuple[int, int], int],
              by_mark: dict[tuple[int, int], list[dict[str, object]]], depth: int) -> None:
    kids = node.get("/K")
    if kids is None:
        return
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
        if isinstance(kid, int) or (isinstance(kid, pikepdf.Object) and kid._type_code == pikepdf.ObjectType.integer):
            assert page is not None, "a marked-content id with no page"
            parent.text = " ".join(filter(None, [parent.text, _words(by_mark.get((page, int(kid)), []))]))
        elif kid.get("/Type") == "/MCR":
            at = pages[kid.Pg.objgen]
            parent.text = " ".join(filter(None, [parent.text, _words(by_mark.get((at, int(kid.MCID)), []))]))
        else:
            element = Element(str(kid.S)[1:], "", depth, str(kid.Alt) if "/Alt" in kid else None,
                              str(kid.ActualText) if "/ActualText" in kid else None)
            parent.children.append(element)
            own_page = pages[kid.Pg.objgen] if "/Pg" in kid else page
            _children(kid, element, own_page, pages, by_mark, depth + 1)


def in_order(text: str, *phrases: str) -> bool:
    """Whether ``text`` (a reading) holds every phrase, each after the one before."""
    at = 0
    for phrase in phrases:
        found = text.find(phrase, at)
        if found < 0:
            return False
        at = found + len(phrase)
    return True
