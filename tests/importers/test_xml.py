"""XML is read safely: entity bombs and external entities are refused, broken XML located."""

from __future__ import annotations

import pytest

from compiler.importers.draft import Unreadable
from compiler.importers.xml import parsed, starts_with

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<opml><body><outline text="&lol3;"/></body></opml>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE map [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<map><node TEXT="&secret;"/></map>"""


@pytest.mark.parametrize("content", [BOMB, EXTERNAL])
def test_entity_expansion_and_external_entities_are_refused(content: bytes) -> None:
    with pytest.raises(Unreadable, match="declares XML entities"):
        parsed(content, "opml", "an OPML file")


def test_broken_xml_is_located_at_the_parsers_line() -> None:
    with pytest.raises(Unreadable) as caught:
        parsed(b'<opml>\n<body>\n<outline text="Causes">\n</body></opml>', "opml", "an OPML file")
    assert caught.value.line == 4 and "broken" in caught.value.message


def test_xml_of_another_kind_is_named_by_its_root() -> None:
    with pytest.raises(Unreadable, match="its root element is <svg>"):
        parsed(b"<svg><g/></svg>", "opml", "an OPML file")


def test_a_file_is_recognised_by_its_first_element() -> None:
    assert starts_with(b'\xef\xbb\xbf<?xml version="1.0"?>\n<opml version="2.0">', "opml")
    assert not starts_with(b"# <opml> in a heading", "opml")
