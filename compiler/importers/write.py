"""A :class:`~compiler.importers.draft.Draft` written as a complete unit file.

PyYAML dumps every value, so quoting is always right (a text starting with ``[`` or ``#``, or
reading ``yes``, ``007`` or ``1:20``); the comments saying where each item came from are lines
written around the dumped items. Ids are made with :func:`compiler.ids.slug` and kept unique;
what the unit format would refuse (an empty text, a section with nothing in it, a set without
cards, a term given twice) is left out with a comment saying so. Same draft, same text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import yaml

from compiler.alike import alike_key, prints_nothing
from compiler.ids import slug
from compiler.importers.draft import Draft, Part
from compiler.importers.text import title_from

# The lists of a unit, in the order a unit file gives them, with what an item's id is made of.
_LISTS: tuple[tuple[str, str | None], ...] = (
    ("themes", "label"), ("glossary", None), ("periods", None), ("events", "title"),
    ("sections", None), ("flashcards", "title"))
_FALLBACK_ID = {"themes": "theme", "events": "event", "flashcards": "cards"}
MAX_BACK = 20  # points a card's back may have (the unit format's limit)
# Ids a written flash-card set may not take: those of the sets printpack generates.
_RESERVED = {"flashcards": {"glossary", "people", "events"}}
# Fields whose texts must differ within their list (the unit format refuses them twice).
_DISTINCT = {"themes": ("label",), "glossary": ("term", "definition")}
_TEXTS = {"themes": ("label",), "glossary": ("term", "definition"), "periods": ("label",),
          "events": ("title", "detail"), "sections": ("title", "text"), "flashcards": ("title",)}
_REQUIRED = {"themes": ("label",), "glossary": ("term", "definition"), "periods": ("label", "start", "end"),
             "events": ("date", "title"), "sections": ("title",), "flashcards": ("title",)}


class _Dumper(yaml.SafeDumper):
    """Lists inside mappings indented, as people write them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    """A text of several lines (paragraphs) as a literal block, as a person would write it."""
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)


_Dumper.add_representer(str, _text)


def dumped(value: Any) -> str:
    """``value`` as YAML, one text per line however long, characters as they are."""
    return yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False,
                     width=1 << 30)


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and prints_nothing(value))


def _unique(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``… the first not in ``taken`` (then taken)."""
    candidate, number = wanted, 2
    while candidate in taken:
        candidate = f"{wanted}-{number}"
        number += 1
    taken.add(candidate)
    return candidate


def _points(points: list[Any], dropped: list[str]) -> list[Any]:
    """Points without the empty ones; a point whose sub-points are all empty becomes text."""
    kept: list[Any] = []
    for point in points:
        if isinstance(point, dict):
            ((text, subs),) = point.items()
            if any(_empty(sub) for sub in subs):
                dropped.append("an empty sub-point")
            subs = [sub for sub in subs if not _empty(sub)]
            if _empty(text):
                dropped.append("a point without text (its sub-points kept as points)")
                kept.extend(subs)
            else:
                kept.append({text: subs} if subs else text)
        elif _empty(point):
            dropped.append("an empty point")
        else:
            kept.append(point)
    return kept


def _cards(cards: list[dict[str, Any]], origins: tuple[str, ...], dropped: list[str]) -> list[dict[str, Any]]:
    """Cards with a front and a back, each front once; a back that is a list keeps its non-empty
    points, at most :data:`MAX_BACK` (the last one then holding the rest, joined by spaces).
    What is left out is said with the card's origin, when ``origins`` gives it."""
    kept, fronts = [], set()
    for number, card in enumerate(cards):
        where = f" ({origins[number]})" if number < len(origins) else ""
        back = card.get("back")
        if isinstance(back, list):
            back = [point for point in back if not _empty(point)]
            if len(back) > MAX_BACK:
                dropped.append(f"the points of a back past the {MAX_BACK}th, joined to it{where}")
                back = [*back[:MAX_BACK - 1], " ".join(back[MAX_BACK - 1:])]
            back = back[0] if len(back) == 1 else back or None
        if _empty(card.get("front")) or back is None or _empty(back):
            dropped.append(f"a card without a {'front' if _empty(card.get('front')) else 'back'}{where}")
            continue
        if alike_key(card["front"]) in fronts:
            dropped.append(f"a second card with the front {card['front']!r}{where}")
            continue
        fronts.add(alike_key(card["front"]))
        kept.append({**card, "back": back})
    return kept


def _cleaned(name: str, part: Part) -> tuple[dict[str, Any] | None, list[str]]:
    """The item without what the format forbids, or None when nothing usable is left; and what
    was left out, in words."""
    dropped: list[str] = []
    data = dict(part.data)
    for key in _TEXTS[name]:
        if key in data and _empty(data[key]):
            del data[key]
            if key not in _REQUIRED[name]:
                dropped.append(f"an empty {key}")
    if "points" in data:
        data["points"] = _points(list(data["points"]), dropped)
        if not data["points"]:
            del data["points"]
    if "cards" in data:
        data["cards"] = _cards(list(data["cards"]), part.inner, dropped)
    missing = [key for key in _REQUIRED[name] if key not in data]
    if name == "sections" and not any(key in data for key in ("text", "points", "box", "events", "terms")):
        missing.append("points")
    if name == "flashcards" and not data.get("cards"):
        missing.append("cards")
    if missing:
        return None, [f"{' and '.join(missing)} missing", *dropped]
    return data, dropped


def _with_ids(name: str, parts: tuple[Part, ...], made: dict[str, str]) -> Iterator[tuple[Part, list[str]]]:
    """Each usable part with its id made (from its own id, else its title or label) and what
    was left out of it; ``made`` records a theme's id as given → as written."""
    called = dict(_LISTS)[name]
    taken = set(_RESERVED.get(name, ()))
    seen: dict[tuple[str, str], str] = {}  # (field, what it prints) → the id of the item that has it
    for part in parts:
        data, dropped = _cleaned(name, part)
        if data is None:
            yield Part({}, part.origin), dropped
            continue
        given = str(data.get("id") or "")
        keys = [(key, alike_key(str(data[key]))) for key in _DISTINCT.get(name, ())]
        twice = [key for key in keys if key in seen]
        if twice:
            made.setdefault(given, seen[twice[0]])  # references to it go to the one kept
            yield Part({}, part.origin), [f"its {twice[0][0]} was given before"]
            continue
        if called is not None:
            wanted = slug(given) or slug(str(data.get(called, ""))) or _FALLBACK_ID[name]
            wanted = f"{wanted}-cards" if wanted in _RESERVED.get(name, ()) else wanted
            made.setdefault(given, wanted := _unique(wanted, taken))
            data = {"id": wanted, **{key: value for key, value in data.items() if key != "id"}}
        seen.update(dict.fromkeys(keys, str(data.get("id", ""))))
        yield Part(data, part.origin), dropped


def _block(name: str, parts: tuple[Part, ...], made: dict[str, str],
           fix: Callable[[dict[str, Any]], dict[str, Any]]) -> list[str]:
    lines: list[str] = []
    for part, dropped in _with_ids(name, parts, made):
        if not part.data:
            lines.append(f"  # {part.origin}: left out ({'; '.join(dropped)})")
            continue
        lines.append(f"  # {part.origin}")
        lines.extend(f"  # left out: {what}" for what in dropped)
        lines.extend(f"  {line}" if line else "" for line in dumped([fix(part.data)]).splitlines())
    return [f"{name}:", *lines] if any(not line.lstrip().startswith("#") for line in lines) else \
        [f"# {name}: nothing usable", *lines]


def unit_yaml(draft: Draft, unit_id: str, source: str = "", title: str | None = None) -> str:
    """A complete unit file of ``draft``: the unit's id ``unit_id``; its title ``title``, else
    the draft's, else made from the file's name ``source`` (else from ``unit_id``); a header
    saying where it came from and what to check; then each list, each item after a comment
    saying where in the file it was."""
    themes: dict[str, str] = {}  # a theme's id as the draft gives it → as written
    named = title or draft.title or title_from(source or unit_id)
    header = [f"# Imported by printpack import from {source or 'a file'} ({draft.described}).",
              "# Check every text against the original, then run: printpack check on this file.",
              *(f"# {note}" for note in draft.notes), ""]
    unit = dumped({"format": 1, "unit": {"id": unit_id, "title": named, "language": "en"}}).splitlines()
    body: list[str] = []
    for name, _ in _LISTS:
        parts: tuple[Part, ...] = getattr(draft, name)
        if parts:
            made: dict[str, str] = themes if name == "themes" else {}
            fix = (lambda data: _event_themes(data, themes)) if name == "events" else (lambda data: data)
            body.extend(["", *_block(name, parts, made, fix)])
    return "\n".join([*header, *unit, *body]) + "\n"


def _event_themes(data: dict[str, Any], themes: dict[str, str]) -> dict[str, Any]:
    """An event's theme references, renamed as the themes' ids were written."""
    if "themes" not in data:
        return data
    return {**data, "themes": [themes.get(ref, slug(str(ref))) for ref in data["themes"]]}
