"""The words of ``wordlist.pdf``: a heading and the glossary's terms in alphabetical order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from compiler import markup
from compiler.model import Unit
from compiler.outputs import Context, Furniture, Metadata, Settings, Target, page_furniture

KIND = "wordlist"


@dataclass(frozen=True)
class WordlistPlan:
    heading: str
    terms: tuple[tuple[str, int], ...]  # each term with its index in the glossary
    furniture: Furniture
    metadata: Metadata


def targets(unit: Unit, settings: Settings) -> list[Target]:
    return [Target(KIND, "wordlist.pdf")] if unit.glossary else []


def inputs(unit: Unit, target: Target) -> Any:
    return unit.model_dump(mode="json", include={"unit", "glossary"})


def plan(unit: Unit, target: Target, context: Context) -> WordlistPlan:
    heading = context.wording.phrase("wordlist.j2", "heading")
    title = str(markup.inline(unit.unit.title))
    return WordlistPlan(
        heading=heading,
        terms=tuple((str(markup.inline(g.term)), k)
                    for k, g in sorted(enumerate(unit.glossary), key=lambda item: item[1].term.casefold())),
        furniture=page_furniture(context.wording, unit.unit, title, heading),
        metadata=Metadata(markup.plain(unit.unit.title), "", ""),
    )
