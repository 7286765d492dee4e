"""Bullet outlines: markdown (``#`` headings, ``-``, ``*``, ``+`` and ``1.`` lists) and the text
outlines mind-map and flash-card tools export (``•``, ``◦``, ``▪``, ``–`` bullets, or indentation
alone), indented by spaces or tabs.

Every outline (OPML and FreeMind maps too) becomes a tree of :class:`Node` values and then
sections, by :func:`outline_draft`: a single heading over everything (a map's root) is the
unit's title; each top-level node is a section, its children points, their children
sub-points, and anything deeper is joined to its sub-point with " — ". Where a section's leaves
read as term and definition ("Term: definition", "Term — definition"), they also become a
flash-card set. An outline never makes events: nothing is guessed into a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from compiler.importers.draft import Draft, Part, Unreadable
from compiler.importers.text import collapsed, decoded

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^(?:[-*+•◦▪‣∙·–—]|\d{1,3}[.)])\s+(.*)$")
_RULE = re.compile(r"^(?:[-*_]\s*){3,}$")  # a markdown horizontal rule
# "Term: definition", "Term — definition", "Term - definition": a short term, then the rest.
_PAIR = re.compile(r"^(?P<term>[^:—–]{1,60}?)\s*(?::\s|\s[—–-]\s)\s*(?P<definition>\S.*)$")
_TERM_WORDS = 6
_JOIN = " — "


@dataclass
class Node:
    """One item of an outline, with the text it shows, the note it carries, where it is and
    what is under it."""

    text: str
    origin: str
    note: str = ""
    heading: bool = False
    children: list[Node] = field(default_factory=list)


@dataclass
class _Line:
    depth: int
    text: str
    number: int
    heading: bool
    marked: bool
    after_blank: bool


def _lines(text: str) -> list[_Line]:
    """The outline's lines with their depth: headings by their level among the levels used,
    items by indentation (a tab, or the smallest indentation the file uses: 2 or 4 spaces)."""
    raw = text.splitlines()
    widths = [len(line) - len(line.lstrip(" ")) for line in raw if line.strip()]
    width = min((w for w in widths if w), default=2)
    levels = sorted({len(m[1]) for line in raw if (m := _HEADING.match(line))})
    found: list[_Line] = []
    blank = False
    for number, line in enumerate(raw, start=1):
        stripped = line.strip()
        if not stripped or _RULE.match(stripped):
            blank = True
            continue
        heading = _HEADING.match(line)
        if heading:
            found.append(_Line(levels.index(len(heading[1])), collapsed(heading[2]), number, True, True, blank))
        else:
            tabs = len(line) - len(line.lstrip("\t"))
            spaces = len(line[tabs:]) - len(line[tabs:].lstrip(" "))
            bullet = _BULLET.match(stripped)
            found.append(_Line(tabs + spaces // width, collapsed(bullet[1] if bullet else stripped), number, False,
                               bool(bullet), blank))
        blank = False
    return [line for line in found if line.text]


def markdown_tree(text: str) -> list[Node]:
    """The top-level nodes of an outline's text. An item sits under the nearest heading above it
    and under the nearest item above it that is less indented. In a file that uses bullets, a
    line without one continues the item right above it (markdown's lazy continuation), and text
    under a heading before any item is the heading's note; after a blank line, such a line is an
    item of its own."""
    lines = _lines(text)
    bullets = any(line.marked and not line.heading for line in lines)
    roots: list[Node] = []
    stack: list[tuple[int, Node]] = []  # (depth, node) of the open headings and items
    heading_depth = -1
    for line in lines:
        if bullets and not line.marked and stack:
            parent = stack[-1][1]
            if parent.heading and not parent.children:
                parent.note = f"{parent.note} {line.text}".strip()
                continue
            if not parent.heading and not line.after_blank:
                parent.text = f"{parent.text} {line.text}"
                continue
        if line.heading:
            depth = heading_depth = line.depth
        else:
            depth = heading_depth + 1 + line.depth
        while stack and stack[-1][0] >= depth:
            stack.pop()
        node = Node(line.text, f"line {line.number}", heading=line.heading)
        (stack[-1][1].children if stack else roots).append(node)
        stack.append((depth, node))
    return roots


def _flattened(node: Node) -> str:
    """A node's text with everything under it joined on, in order, by " — "."""
    return _JOIN.join([node.text, *(_flattened(child) for child in node.children)])


def _deepest(node: Node, depth: int = 0) -> int:
    return max((_deepest(child, depth + 1) for child in node.children), default=depth)


def _point(node: Node) -> tuple[Any, bool]:
    """A point (a text, or a one-key mapping of its sub-points), and whether deeper levels were
    joined into a sub-point."""
    subs = ([node.note] if node.note else []) + [_flattened(child) for child in node.children]
    return ({node.text: subs} if subs else node.text), any(child.children for child in node.children)


def _pairs(node: Node) -> list[tuple[dict[str, str], str]]:
    """The cards a section's leaves make, where they read as "term: definition", with their origin."""
    cards = []
    for leaf in _leaves(node):
        pair = _PAIR.match(leaf.text)
        if pair and len(pair["term"].split()) <= _TERM_WORDS and not pair["term"].strip().endswith((".", ",")):
            cards.append(({"front": pair["term"].strip(), "back": pair["definition"].strip()}, leaf.origin))
    return cards


def _leaves(node: Node) -> list[Node]:
    return [leaf for child in node.children for leaf in ([child] if not child.children else _leaves(child))]


def _section(node: Node) -> Part:
    points, joined = zip(*(_point(child) for child in node.children), strict=True) if node.children else ((), ())
    data: dict[str, Any] = {"title": node.text}
    if node.note:
        data["text"] = node.note
    if points:
        data["points"] = list(points)
    origin = node.origin
    if any(joined):
        origin += f" (levels below sub-points joined to their sub-point with '{_JOIN.strip()}')"
    return Part(data, origin)


def outline_draft(roots: list[Node], title: str | None, described: str) -> Draft:
    """The sections (and flash cards) of an outline's tree. A single root over everything (a
    title heading, a mind map's centre: a heading, or an item two levels deep) is the unit's
    title unless ``title`` is given; top-level nodes with nothing under them are gathered as the
    points of one section named by the title."""
    notes: list[str] = []
    if len(roots) == 1 and roots[0].children and (roots[0].heading or any(child.children for child in roots[0].children)):
        title, roots = title or roots[0].text, roots[0].children
        if roots and not any(root.children for root in roots) and not roots[0].heading:
            roots = [Node(title, "the title", children=roots)]
    sections: list[Part] = []
    loose: list[Node] = []
    for root in roots:
        if root.children or root.note:
            if loose:
                sections.append(_section(Node(title or "Notes", loose[0].origin, children=loose)))
                loose = []
            sections.append(_section(root))
        else:
            loose.append(root)
    if loose:
        sections.append(_section(Node(title or "Notes", loose[0].origin, children=loose)))
    if any(_deepest(root) > 2 for root in roots):
        notes.append("Levels deeper than sub-points are joined to their sub-point with ' — '.")
    cards = [Part({"title": section.text, "cards": [card for card, _ in pairs]},
                  f"{pairs[0][1]}: the {'terms' if len(pairs) > 1 else 'term'} of this section")
             for section in roots if len(pairs := _pairs(section)) >= 2]
    if cards:
        notes.append("Points written 'Term: definition' were also made into flash cards; the points are kept.")
    if not sections:
        raise Unreadable("no points found", "an outline needs headings or items with something under them")
    return Draft(title=title, described=described, sections=tuple(sections), flashcards=tuple(cards),
                 notes=tuple(notes))


def sniff(filename: str, content: bytes) -> bool:
    """Text whose lines are mostly bullets or headings."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    marked = [line for line in lines if _BULLET.match(line) or _HEADING.match(line)]
    return bool(lines) and len(marked) * 2 >= len(lines)


def read(filename: str, content: bytes) -> Draft:
    """A markdown or text outline as sections."""
    text = decoded(content)
    return outline_draft(markdown_tree(text), None, "a bullet outline")
