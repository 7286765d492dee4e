"""Tagged PDF, the finishing side: the structure tree a kind declared (:mod:`compiler.tagging`),
written with pikepdf into the PDF that ReportLab made, with what PDF/UA-1 asks of a document
besides: ``/MarkInfo``, the language, the title shown in the title bar (``DisplayDocTitle`` and
the XMP ``dc:title``, with the ``pdfuaid`` part), tab order by structure on every page, and a
bookmark per heading that has a place.

Each structure element lists its marked content (an id on its own page, a marked-content
reference on another) and each page's ``/StructParents`` leads through the parent tree back from
an id to its element, both ways as the standard asks. The file is saved with a deterministic
``/ID``: the same input gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, String

from compiler.outputs import Metadata
from compiler.tagging import Node

_HEADINGS = {f"H{level}": level for level in range(1, 7)}


def finished(pdf: bytes, structure: Node, metadata: Metadata) -> bytes:
    """``pdf`` with ``structure`` as its structure tree, its language, title and bookmarks."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        _write_structure(document, structure)
        _write_outline(document, structure)
        _write_catalogue(document, metadata)
        out = io.BytesIO()
        document.save(out, deterministic_id=True)
    return out.getvalue()


def _write_structure(document: pikepdf.Pdf, structure: Node) -> None:
    root = document.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    owners: dict[int, dict[int, pikepdf.Object]] = {}  # page index -> marked-content id -> element
    kids = Array([_element(document, node, root, owners) for node in _shown(structure)])
    root.K = kids[0] if len(kids) == 1 else kids
    nums = Array()
    for index, by_id in sorted(owners.items()):
        document.pages[index].obj.StructParents = index
        nums.append(index)
        nums.append(Array([by_id[mcid] for mcid in sorted(by_id)]))
    root.ParentTree = document.make_indirect(Dictionary(Nums=nums))
    root.ParentTreeNextKey = len(document.pages)
    document.Root.StructTreeRoot = root
    for page in document.pages:
        page.obj.Tabs = Name.S


def _shown(node: Node) -> Iterator[Node]:
    """``node`` if anything was drawn for it: an empty element would be read as nothing."""
    if node.holds_content():
        yield node


def _element(document: pikepdf.Pdf, node: Node, parent: pikepdf.Object,
             owners: dict[int, dict[int, pikepdf.Object]]) -> pikepdf.Object:
    element = document.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + node.role), P=parent))
    kids = Array()
    if node.marks:
        home = node.marks[0][0]
        element.Pg = document.pages[home].obj
        for page, mcid in node.marks:
            owners.setdefault(page, {})[mcid] = element
            kids.append(mcid if page == home else
                        Dictionary(Type=Name.MCR, Pg=document.pages[page].obj, MCID=mcid))
    for child in node.children:
        kids.extend(_element(document, shown, element, owners) for shown in _shown(child))
    element.K = kids
    if node.alt is not None:
        element.Alt = String(node.alt)
    if (replacement := node.replacement()) is not None:
        element.ActualText = String(replacement)
    if node.scope is not None:
        element.A = Dictionary(O=Name.Table, Scope=Name("/" + node.scope))
    return element


def _write_outline(document: pikepdf.Pdf, structure: Node) -> None:
    """A bookmark per heading with a place, nested by level (an H3 under the H2 before it)."""
    headings = [node for node in structure.walk()
                if node.role in _HEADINGS and node.place is not None and node.title and node.holds_content()]
    if not headings:
        return
    with document.open_outline() as outline:
        stack: list[tuple[int, OutlineItem]] = []
        for node in headings:
            assert node.place is not None and node.title is not None
            page, top = node.place
            item = OutlineItem(node.title, page, "XYZ", top=top)
            level = _HEADINGS[node.role]
            while stack and stack[-1][0] >= level:
                stack.pop()
            (stack[-1][1].children if stack else outline.root).append(item)
            stack.append((level, item))


def _write_catalogue(document: pikepdf.Pdf, metadata: Metadata) -> None:
    document.Root.MarkInfo = Dictionary(Marked=True)
    document.Root.Lang = String(metadata.language)
    document.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    with document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        xmp["dc:title"] = metadata.title
        xmp["pdfuaid:part"] = "1"
