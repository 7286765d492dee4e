"""OPML outlines (exported by mind-map and outliner apps): ``<outline text="…">`` nested in
``<body>``, an ``_note`` attribute as a node's note, ``<head><title>`` as the unit's title.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from compiler.importers.draft import Draft, Unreadable
from compiler.importers.outline import Node, outline_draft
from compiler.importers.text import collapsed, html_text
from compiler.importers.xml import parsed, starts_with


def _node(element: Element, number: list[int]) -> Node:
    number[0] += 1
    text = collapsed(element.get("text") or element.get("title") or "")
    node = Node(html_text(text) if "<" in text else text, f"outline {number[0]} ({text[:40]!r})",
                collapsed(element.get("_note") or ""))
    node.children = [_node(child, number) for child in element.findall("outline")]
    return node


def sniff(filename: str, content: bytes) -> bool:
    return starts_with(content, "opml") or (starts_with(content, "?xml") and b"<opml" in content[:2048])


def read(filename: str, content: bytes) -> Draft:
    """An OPML file as sections: a single top outline is the unit's title, its children the
    sections; several top outlines are the sections themselves."""
    root = parsed(content, "opml", "an OPML file")
    body = root.find("body")
    if body is None:
        raise Unreadable("the OPML file has no <body>", "export the outline again")
    number = [0]
    roots = [_node(element, number) for element in body.findall("outline")]
    title = collapsed(root.findtext("head/title") or "") or None
    if len(roots) == 1 and roots[0].children:
        title = roots[0].text or title
        roots = roots[0].children
    return outline_draft(roots, title, "an OPML outline")
