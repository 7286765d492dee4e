"""The sources a file prints, planned as lettered boxes: label, provenance line, words, picture.

Pure (words and data, no fonts, no ReportLab), shared by the handout and the worksheet. Each file
letters its sources in the order they first appear in it (``citations.numbering``: sources A, B,
C…, interpretations 1, 2, 3…), so the same source may be Source A in the handout and Source C on
a worksheet. The words come from ``common.j2``: ``source_label`` ("Source A"), ``source_continued``
("Source A (continued)", over a page break) and ``provenance`` (author, origin, date, "adapted":
each only when the unit gives it). :func:`labels` gives the plain labels that ``@id`` references
are written as (``citations.relabelled``); :func:`planned` the boxes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from compiler import markup
from compiler.citations import SourceKind, numbering
from compiler.errors import FieldPath
from compiler.fields import PictureData, PictureSize
from compiler.model import SourceItem, Unit
from compiler.wording import Wording


@dataclass(frozen=True)
class SourceBox:
    """One source as a file prints it (every text already paragraph markup)."""

    id: str
    path: FieldPath  # ("sources", i): where a problem with its box is located
    kind: SourceKind
    mark: str  # "A", "1"
    label: str  # "Source A"
    continued: str  # "Source A (continued)": the label over a page break
    provenance: str  # "Maxim Litvinov, a speech to the League of Nations, September 1934 (adapted)"; or ""
    paragraphs: tuple[str, ...]
    picture: PictureData | None = None
    picture_size: PictureSize | None = None
    alt: str = ""
    credit: str = ""


def in_order(ids: Iterable[str]) -> list[str]:
    """``ids`` each once, in the order they first appear."""
    return list(dict.fromkeys(ids))


def marks(unit: Unit, ids: Iterable[str]) -> dict[str, tuple[SourceKind, str]]:
    """Each of the sources ``ids`` names (in the order a file prints them) with its kind and mark."""
    kinds = {s.id: s.kind for s in unit.sources}
    return numbering((source_id, kinds[source_id]) for source_id in in_order(ids) if source_id in kinds)


def labels(unit: Unit, ids: Iterable[str], wording: Wording) -> dict[str, str]:
    """Each source a file prints (``ids``, in the order it prints them) with its label as plain
    text ("Source A"): what an ``@id`` in the file's texts becomes before it is worded."""
    return {source_id: markup.from_markup(_label(wording, kind, mark))
            for source_id, (kind, mark) in marks(unit, ids).items()}


def planned(unit: Unit, ids: Sequence[str], wording: Wording) -> tuple[SourceBox, ...]:
    """The boxes of the sources ``ids`` names, in the order they first appear, lettered so."""
    index = {s.id: i for i, s in enumerate(unit.sources)}
    return tuple(_box(unit.sources[index[source_id]], index[source_id], kind, mark, wording)
                 for source_id, (kind, mark) in marks(unit, ids).items())


def grouped_marks(boxes: Iterable[SourceBox]) -> tuple[list[str], list[str]]:
    """The marks of ``boxes``: the sources' letters and the interpretations' numbers."""
    listed = list(boxes)
    return ([b.mark for b in listed if b.kind == "source"], [b.mark for b in listed if b.kind == "interpretation"])


def _label(wording: Wording, kind: SourceKind, mark: str) -> str:
    return wording.phrase("common.j2", "source_label", kind=kind, mark=mark)


def _box(source: SourceItem, index: int, kind: SourceKind, mark: str, wording: Wording) -> SourceBox:
    months = wording.labels
    label = _label(wording, kind, mark)
    date = markup.escape(source.date.display(months.months, months.bc)) if source.date else None
    provenance = wording.phrase("common.j2", "provenance", author=_opt(source.author), origin=_opt(source.origin),
                                date=date, adapted=source.adapted)
    picture = source.picture
    return SourceBox(
        id=source.id,
        path=("sources", index),
        kind=kind,
        mark=mark,
        label=label,
        continued=wording.phrase("common.j2", "source_continued", label=label),
        provenance=provenance,
        paragraphs=tuple(str(p) for p in markup.paragraphs(source.text)) if source.text else (),
        picture=picture.data if picture else None,
        picture_size=picture.size if picture else None,
        alt=picture.alt if picture else "",
        credit=str(markup.inline(picture.credit)) if picture and picture.credit else "",
    )


def _opt(text: str | None) -> Markup | None:
    return markup.inline(text) if text else None

