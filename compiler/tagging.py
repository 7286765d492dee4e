"""Tagged PDF, the drawing side: which element of the document's structure each piece of page
content belongs to.

ReportLab has no tagging API, so printpack marks content itself. A kind declares its structure
once, as a tree of :class:`Node` values (a section holding its heading, paragraphs and lists),
in the order a reader reads it; the flowable or drawing call that prints a node's words says
which node it prints (``pdf.Paragraph(..., node=...)``, :func:`content`), and nothing else.

Every page is an artifact unless said otherwise: :class:`TaggedCanvas` wraps each page's content
stream in ``/Artifact BMC … EMC``, and :func:`content` steps out of the artifact for the
content of one node (``/P <</MCID n>> BDC … EMC``), recording the page and marked-content id on
the node. So running headers, page numbers, rules, cut lines, tints and answer lines need no
code to be artifacts, and no piece of a page is ever neither tagged nor an artifact: content
that no node claims is an artifact. A node drawn a second time (a table's header row repeated on
the next page) stays an artifact, so the structure holds it once. :mod:`compiler.pdfua`
turns the recorded tree into the PDF's structure tree once the canvas has written the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfgen import canvas as rl_canvas

# Standard structure types (PDF 1.7, 14.8.4) printpack uses: a heading level is H1 to H6.
ROLES = frozenset({
    "Document", "Part", "Sect", "Div", "Caption", "TOC", "TOCI", "Index", "BlockQuote", "Note",
    "H1", "H2", "H3", "H4", "H5", "H6", "P", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD",
    "THead", "TBody", "Figure", "Form", "Span", "Quote", "Reference", "Link",
})


@dataclass(eq=False)
class Node:
    """One element of a document's structure. Its children are in reading order; ``marks`` are
    the (page index, marked-content id) pairs of the content drawn for it, in drawing order."""

    role: str
    parent: Node | None = field(default=None, repr=False)
    alt: str | None = None  # what a Figure shows, read instead of it
    actual: str | None = None  # the words of its content exactly, where the glyphs say them otherwise
    # The words of the paragraphs drawn as its content, and whether their glyphs say them
    # otherwise (a hyphenated word, a superscript): then they are its replacement text, where
    # they are all its content (replacement text stands for an element's children too).
    said: list[str] = field(default_factory=list, repr=False)
    said_marks: int = field(default=0, repr=False)
    respoken: bool = field(default=False, repr=False)
    title: str | None = None  # a heading's words, for its bookmark
    scope: str | None = None  # a header cell's: "Column" or "Row"
    children: list[Node] = field(default_factory=list, repr=False)
    marks: list[tuple[int, int]] = field(default_factory=list, repr=False)
    place: tuple[int, float] | None = field(default=None, repr=False)  # page index, top: its bookmark's target

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"not a standard structure type: {self.role}")

    def add(self, role: str, **attributes: Any) -> Node:
        """A new child, after the children it has."""
        child = Node(role, self, **attributes)
        self.children.append(child)
        return child

    def holds_content(self) -> bool:
        """Whether anything was drawn for this node or below it."""
        return bool(self.marks) or any(child.holds_content() for child in self.children)

    def spoken(self, words: str, respoken: bool) -> None:
        """Record the words of a paragraph just drawn as this node's content (its last mark)."""
        if words:
            self.said.append(words)
        self.said_marks += 1
        self.respoken |= respoken

    def replacement(self) -> str | None:
        """What a reader says instead of this node's content and children, if anything."""
        if self.actual is not None:
            return self.actual
        only_paragraphs = self.said_marks == len(self.marks) and not any(c.holds_content() for c in self.children)
        return " ".join(self.said) if self.respoken and self.said and only_paragraphs else None

    def walk(self) -> Iterator[Node]:
        """This node and every node below it, in reading order."""
        yield self
        for child in self.children:
            yield from child.walk()


def document() -> Node:
    """The root of a file's structure."""
    return Node("Document")


class TaggedCanvas(rl_canvas.Canvas):
    """A canvas whose pages are artifacts but for what :func:`content` marks.

    It records marked-content ids per page; ``structure`` is the root the kind declared (set by
    whoever makes the canvas), which :mod:`compiler.pdfua` reads after ``save``.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.structure = document()
        self.marking: Node | None = None
        self._next_mcid: dict[int, int] = {}

    def showPage(self) -> None:
        self._code.insert(0, "/Artifact BMC")  # type: ignore[attr-defined]
        self._code.append("EMC")  # type: ignore[attr-defined]
        super().showPage()

    def mark(self, node: Node) -> None:
        """Step out of the page's artifact into content of ``node``."""
        page = self.getPageNumber() - 1
        mcid = self._next_mcid.get(page, 0)
        self._next_mcid[page] = mcid + 1
        self._code.append(f"EMC /{node.role} <</MCID {mcid}>> BDC")  # type: ignore[attr-defined]
        node.marks.append((page, mcid))
        self.marking = node

    def unmark(self) -> None:
        """Back into the page's artifact."""
        self._code.append("EMC /Artifact BMC")  # type: ignore[attr-defined]
        self.marking = None


@contextmanager
def content(canvas: rl_canvas.Canvas, node: Node | None, top: float | None = None) -> Iterator[None]:
    """What is drawn inside is ``node``'s content. Nested content belongs to the outer node, and
    on a canvas that records no structure (one that measures) nothing is marked. ``top`` is the
    content's top in the canvas's current coordinates: a heading's bookmark points there."""
    if node is None or not isinstance(canvas, TaggedCanvas) or canvas.marking is not None:
        yield
        return
    if node.place is None and top is not None:
        node.place = (canvas.getPageNumber() - 1, canvas.absolutePosition(0, top)[1])
    canvas.mark(node)
    try:
        yield
    finally:
        canvas.unmark()
