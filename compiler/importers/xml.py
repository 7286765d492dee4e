"""Reading an XML file safely, for the mind-map formats: ``defusedxml`` refuses entity
expansion (the "billion laughs") and external entities, which the standard parser would follow.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from compiler.importers.draft import Unreadable
from compiler.importers.text import decoded


def parsed(content: bytes, root: str, what: str) -> Element:
    """The root element of an XML file, which must be ``<root>``; :class:`Unreadable` for a
    file that is not well-formed (at the parser's line), declares entities, or is another kind
    of XML. ``what`` names the format in messages ("an OPML file")."""
    text = decoded(content)
    try:
        element = fromstring(text.lstrip("\ufeff").encode("utf-8"))
    except DefusedXmlException:
        raise Unreadable("the file declares XML entities or a document type, which printpack does not read",
                         f"export the mind map again as {what}; a file made by a mind-map program has none") from None
    except ParseError as exc:
        line, column = exc.position
        raise Unreadable(f"the XML is broken at column {column + 1}: {str(exc).split(':')[0]}",
                         f"open the file in the program that made it and export {what} again", line) from None
    if element.tag != root:
        raise Unreadable(f"this XML file is not {what} (its root element is <{element.tag}>, not <{root}>)",
                         "give --format for the format it is in, or export it again")
    return element


def starts_with(content: bytes, root: str) -> bool:
    """Whether the first element of an XML file is ``<root``, looked for in its first 2 KB."""
    head = content[:2048].lstrip(b"\xef\xbb\xbf").decode("utf-8", "ignore")
    return f"<{root}" in head and head.lstrip().startswith("<")
