"""FreeMind mind maps (``.mm``, also written by Freeplane and other mind-map apps): nested
``<node TEXT="…">``, a node's text in a ``richcontent`` of type NODE when it has formatting, its
note in one of type NOTE (both HTML, reduced to plain text). The root node is the unit's title.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, tostring

from compiler.importers.draft import Draft, Unreadable
from compiler.importers.outline import Node, outline_draft
from compiler.importers.text import collapsed, html_text
from compiler.importers.xml import parsed, starts_with


def _rich(element: Element, kind: str) -> str:
    """The plain text of a node's ``richcontent`` of ``kind`` (NODE or NOTE), or nothing."""
    for rich in element.findall("richcontent"):
        if (rich.get("TYPE") or "").upper() == kind:
            return html_text("".join(tostring(child, encoding="unicode") for child in rich))
    return ""


def _node(element: Element) -> Node:
    text = collapsed(element.get("TEXT") or "") or _rich(element, "NODE")
    node = Node(text, f"node {text[:40]!r}", _rich(element, "NOTE"))
    node.children = [_node(child) for child in element.findall("node")]
    return node


def sniff(filename: str, content: bytes) -> bool:
    return starts_with(content, "map") and b"<node" in content[:4096]


def read(filename: str, content: bytes) -> Draft:
    """A FreeMind map as sections: the root node is the unit's title, its children sections."""
    root = parsed(content, "map", "a FreeMind map (.mm)")
    top = root.find("node")
    if top is None:
        raise Unreadable("the mind map has no nodes", "export the map again from the mind-map program")
    centre = _node(top)
    return outline_draft(centre.children, centre.text or None, "a FreeMind mind map")
