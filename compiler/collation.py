"""Alphabetical order as a reader expects it, in any language printpack prints.

The Unicode Collation Algorithm with its default table (DUCET, through pyuca) files a letter
with an accent under its base letter (*Émigrés* among the E's, *Ärger* beside *Arbeit*, *ёлка*
beside *елка*), and letters no decomposition reaches where a reader looks for them (*Œuvre*
with the O's, *Łódź* with the L's); case and accents only break ties. This is the order of
English, German and Russian dictionaries; languages that tailor it (Swedish files *Ö* after
*Z*) are not covered.
"""

from __future__ import annotations

import functools

import pyuca


@functools.cache
def _collator() -> pyuca.Collator:
    """Reading the table takes a quarter of a second: once a process, and only if something is sorted."""
    return pyuca.Collator()


def alphabetical(text: str) -> tuple[tuple[int, ...], str]:
    """A sort key putting ``text`` in alphabetical order; the text itself breaks the last ties,
    so that the order never depends on the order written."""
    return tuple(_collator().sort_key(text)), text
