"""``worksheet-<id>.pdf`` and ``worksheet-<id>-key.pdf``, per version when ``versions > 1``.

The sheet and its key are two targets planned from one deterministic layout of the questions
(:func:`_layout`), so the key always answers the sheet it belongs to. Version A keeps the written
order unless the worksheet asks for ``shuffle: true`` (:func:`shuffles`). Shuffles are seeded from
the unit id, the worksheet id, the version and the question's place, never from the clock or
the process, so a rebuild gives the same sheets. Generated questions (matching from the
glossary, ordering from events) read the unit at plan time: change a date or a definition and
the sheet and key change with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from compiler import markup, sourcing
from compiler.citations import relabelled
from compiler.errors import FieldPath
from compiler.illustrations import Illustration, illustration
from compiler.model import Unit, Worksheet
from compiler.outputs import (
    Context,
    Furniture,
    Metadata,
    Pages,
    Settings,
    Target,
    chosen,
    page_furniture,
    whole_file,
)
from compiler.questions import QUESTION_TYPES
from compiler.questions.planning import LETTERS, QuestionContext, shuffled

KIND = "worksheet"


@dataclass(frozen=True)
class QuestionPlan:
    """A numbered question: its type's part of the plan (``prompt``, ``instruction`` and the
    type's own ``body``, which only that type's drawing reads), its marks and its picture
    (printed after the prompt, on the sheet and in the key, whatever the type)."""

    number: int
    path: FieldPath
    type: str
    marks: int
    prompt: str
    instruction: str
    body: Any
    # Printed before the question: the sources it is the first to use (none in the key or when
    # they are in the insert), and a line ("Use Sources A and B in the sources insert."; in the
    # key, the labels of the sources it uses) or "".
    sources: tuple[sourcing.SourceBox, ...] = ()
    before: str = ""
    picture: Illustration | None = None  # printed after the prompt, unless its type draws it
    marks_spoken: str = ""  # its marks as a screen reader says them ("2 marks", not "[2]")


@dataclass(frozen=True)
class PartPlan:
    """A part of the sheet. ``answer`` is how many of its questions a student answers (None:
    all); such a part counts ``marks`` once per answer, says so in ``choice`` ("Answer ONE
    question.") and gives its answers shared space headed ``answered`` after its questions."""

    title: str | None
    instructions: str | None
    marks_label: str | None
    questions: tuple[QuestionPlan, ...]
    marks: int
    answer: int | None = None
    choice: str | None = None
    answered: str = ""
    answer_box: str = ""  # what the box for that number is, for a screen reader: "Answer box"


@dataclass(frozen=True)
class MarksGrid:
    """The marks grid of page one: a row per part (or per question on a sheet of one short
    part), each with what it is out of, then the total."""

    headings: tuple[str, str, str]  # part or question, marks, out of
    rows: tuple[tuple[str, int], ...]
    total_label: str
    total: int


GRID_QUESTIONS = 8
"""The grid has a row per part (or per question on a sheet of one part) up to this many, else the
total only: it stays a small box beside the instructions."""
GRID_TITLE = 24
"""A part's title longer than this many characters is "Part 2" in the grid."""


@dataclass(frozen=True)
class WorksheetPlan:
    key: bool
    title: str
    subtitle: str
    version: str | None
    badge: str | None
    banner: str | None
    instructions: str | None
    name_labels: tuple[str, str, str]
    parts: tuple[PartPlan, ...]
    grid: MarksGrid
    total: str
    total_spoken: str  # the total line as a screen reader says it (the sheet's has a line to write on)
    furniture: Furniture
    metadata: Metadata


@dataclass(frozen=True)
class InsertPlan:
    """``worksheet-<id>-sources.pdf``: the sources of a worksheet with ``insert: true``, lettered
    as on the sheet, the same for every version."""

    title: str
    subtitle: str
    sources: tuple[sourcing.SourceBox, ...]
    furniture: Furniture
    metadata: Metadata


INSERT = "sources"
"""The ``variant`` of a worksheet's sources insert."""


# --- targets and inputs -----------------------------------------------------------------------


def versions_of(sheet: Worksheet, settings: Settings) -> int:
    """Versions to print: the command line's or the unit's choice, else the worksheet's own."""
    return settings.versions or sheet.versions


def shuffles(sheet: Worksheet, version: str | None) -> bool:
    """Whether a version's questions and options are shuffled: Version A (or the only version)
    keeps the order the teacher wrote unless the worksheet says ``shuffle: true``; the versions
    after it are shuffled, so that neighbours' sheets differ."""
    return sheet.shuffle or version not in (None, LETTERS[0])


def targets(unit: Unit, settings: Settings) -> list[Target]:
    found = []
    for index, sheet in chosen(unit.worksheets, unit.outputs.worksheets):
        count = versions_of(sheet, settings)
        for version in ([None] if count == 1 else list(LETTERS[:count])):
            stem = f"worksheet-{sheet.id}" + (f"-{version}" if version else "")
            for key in (False, True):
                found.append(Target(KIND, f"{stem}{'-key' if key else ''}.pdf", sheet.id,
                                    {"version": version, "versions": count, "key": key}, ("worksheets", index),
                                    "teacher" if key else "student"))
                if not key and version in (None, LETTERS[0]) and sheet.insert and used_sources(sheet):
                    # one insert for every version, after the first version's sheet (in the class set too)
                    found.append(Target(KIND, f"worksheet-{sheet.id}-sources.pdf", sheet.id,
                                        {"version": None, "key": False, "variant": INSERT}, ("worksheets", index)))
    return found


def used_sources(sheet: Worksheet) -> list[str]:
    """The sources the worksheet's questions use, each once, in the order of the worksheet as
    written: the order they are lettered in, the same in every version."""
    return sourcing.in_order(source_id for part in sheet.parts for question in part.questions
                             for source_id in question.sources)


def pack_pages(target: Target, pages: int) -> tuple[Pages, ...]:
    """The whole file, except the students' sheets of versions after A: the class set is one
    copy per student, so it holds one version; the teacher prints the others from their own
    files (every version's key is in the teacher's pack)."""
    version = target.variant.get("version")
    if target.audience == "student" and version not in (None, LETTERS[0]):
        return ()
    return whole_file(target, pages)


def inputs(unit: Unit, target: Target) -> Any:
    sheet = next(w for w in unit.worksheets if w.id == target.item)
    return {
        "unit": unit.unit.model_dump(mode="json"),
        "worksheet": sheet.model_dump(mode="json", by_alias=True),
        "glossary": [g.model_dump(mode="json") for g in unit.glossary],
        "events": [e.model_dump(mode="json", include={"id", "date", "end", "title"}) for e in unit.events],
        "sources": [s.model_dump(mode="json") for s in unit.sources if s.id in used_sources(sheet)],
        "variant": target.variant,
    }


# --- planning -----------------------------------------------------------------------------------


class _Planner:
    """Plans one version of one worksheet, as the student sheet or as its key."""

    def __init__(self, unit: Unit, sheet: Worksheet, target: Target, context: Context) -> None:
        self.unit = unit
        self.index = unit.worksheets.index(sheet)
        self.version: str | None = target.variant["version"]
        self.key: bool = target.variant["key"]
        self.wording = context.wording
        used = used_sources(sheet)
        labels = sourcing.labels(unit, used, context.wording)
        self.sources = {box.id: box for box in sourcing.planned(unit, used, context.wording)}
        self.sheet = relabelled(sheet, labels)  # every @id written as its label, so no question type knows of them
        self.context = QuestionContext(unit, sheet.id, self.version, shuffle=shuffles(sheet, self.version),
                                       key=self.key, wording=context.wording, source_labels=labels)
        self.phrase = self.context.phrase

    def insert(self) -> InsertPlan:
        """The sheet's sources insert."""
        info = self.unit.unit
        title = self.phrase("title", unit_title=markup.inline(info.title), sheet_title=markup.inline(self.sheet.title))
        heading = self.phrase("insert_heading")
        return InsertPlan(
            title=title,
            subtitle=heading,
            sources=tuple(self.sources.values()),
            furniture=page_furniture(self.wording, info, title, heading),
            metadata=Metadata(markup.plain(self.sheet.title), markup.plain(info.author or ""), markup.plain(info.title), info.language),
        )

    def plan(self) -> WorksheetPlan:
        info = self.unit.unit
        title = self.phrase("title", unit_title=markup.inline(info.title), sheet_title=markup.inline(self.sheet.title))
        parts = self._parts()
        total = sum(part.marks for part in parts)
        header_right = (self.phrase("key_header_right", version=self.version) if self.key
                        else self.phrase("header_right", version=self.version))
        return WorksheetPlan(
            key=self.key,
            title=title,
            subtitle=self.phrase("subtitle", unit_title=markup.inline(info.title)),
            version=self.version,
            badge=self.phrase("version_badge", version=self.version) if self.version else None,
            banner=self.phrase("key_banner", version=self.version) if self.key else None,
            instructions=str(markup.inline(self.sheet.instructions)) if self.sheet.instructions else None,
            name_labels=(self.phrase("name_label"), self.phrase("class_label"), self.phrase("date_label")),
            parts=parts,
            grid=self._grid(parts, total),
            total=self.phrase("key_total" if self.key else "total", count=total),
            total_spoken="" if self.key else markup.from_markup(self.phrase("total_spoken", count=total)),
            furniture=page_furniture(self.wording, info, title, header_right,
                                     header_on_first_page=self.key or self.version is not None),
            metadata=Metadata(markup.plain(self.sheet.title), markup.plain(info.author or ""), markup.plain(info.title), info.language),
        )

    def _parts(self) -> tuple[PartPlan, ...]:
        parts = []
        number = 0
        base: FieldPath = ("worksheets", self.index)
        unprinted = dict(self.sources)
        for s, part in enumerate(self.sheet.parts):
            where = (*base, "sections", s) if self.sheet.sections else base
            indices = list(range(len(part.questions)))
            if self.context.shuffle:
                indices = [indices[i] for i in shuffled(indices, self.context.seed("order", s), avoid_identity=True)]
            questions = []
            for q in indices:
                number += 1
                questions.append(self._question(part.questions[q], number, (*where, "questions", q), unprinted))
            marks = _part_marks(questions, part.answer)
            titled = part.title is not None or len(self.sheet.parts) > 1
            parts.append(PartPlan(
                title=str(markup.inline(part.title)) if part.title else None,
                instructions=str(markup.inline(part.instructions)) if part.instructions else None,
                marks_label=self.phrase("section_marks", count=marks) if titled else None,
                questions=tuple(questions),
                marks=marks,
                answer=part.answer,
                choice=self.phrase("answer_count", count=part.answer) if part.answer else None,
                answered=self.phrase("answered_question", count=part.answer) if part.answer else "",
                answer_box=self.phrase("answer_box") if part.answer else "",
            ))
        return tuple(parts)

    def _grid(self, parts: tuple[PartPlan, ...], total: int) -> MarksGrid:
        """Per part, or per question on a sheet of one part, when there are at most
        :data:`GRID_QUESTIONS`; a part by its title when short, else by its number."""
        rows: list[tuple[str, int]] = []
        if len(parts) > 1:
            heading = self.phrase("grid_part")
            if len(parts) <= GRID_QUESTIONS:
                rows = [(part.title if part.title and len(markup.plain(written.title or "")) <= GRID_TITLE
                         else self.phrase("grid_part_number", number=n), part.marks)
                        for n, (part, written) in enumerate(zip(parts, self.sheet.parts, strict=True), start=1)]
        else:
            heading = self.phrase("grid_question")
            if parts and parts[0].answer is None and len(parts[0].questions) <= GRID_QUESTIONS:
                rows = [(str(q.number), q.marks) for q in parts[0].questions]
        return MarksGrid((heading, self.phrase("grid_marks"), self.phrase("grid_out_of")), tuple(rows),
                         self.phrase("grid_total"), total)

    def _question(self, question: Any, number: int, path: FieldPath,
                  unprinted: dict[str, sourcing.SourceBox]) -> QuestionPlan:
        """The question as its type plans it (validation admits registered types only), with
        what is printed before it: the sources it is the first to use (taken from ``unprinted``),
        or the line sending students to the insert before the first question that uses it; in the
        key, the labels of the sources it uses."""
        planned = QUESTION_TYPES[question.type].plan(question, path, self.context)
        first = [unprinted.pop(source_id) for source_id in question.sources if source_id in unprinted]
        boxes: tuple[sourcing.SourceBox, ...] = ()
        before = ""
        if self.key:
            named = [self.sources[source_id].label for source_id in question.sources if source_id in self.sources]
            before = self.phrase("key_sources", names=named) if named else ""
        elif self.sheet.insert:
            if first and len(unprinted) + len(first) == len(self.sources):  # the first question to use the insert
                sources, interpretations = sourcing.grouped_marks(self.sources.values())
                before = self.phrase("sources_in_insert", sources=sources, interpretations=interpretations)
        else:
            boxes = tuple(first)
        return QuestionPlan(number, path, question.type, question.marks, planned.prompt, planned.instruction,
                            planned.body, boxes, before,
                            None if QUESTION_TYPES[question.type].draws_picture
                            else illustration(question.picture, (*path, "picture"), self.wording),
                            markup.from_markup(self.phrase("marks_spoken", count=question.marks)))


def _part_marks(questions: list[QuestionPlan], answer: int | None) -> int:
    """The marks a part counts: all its questions', or, when students answer ``answer`` of them
    (all worth the same, as validation makes sure), that many questions' worth."""
    if answer is None:
        return sum(q.marks for q in questions)
    return answer * max(q.marks for q in questions)


def plan(unit: Unit, target: Target, context: Context) -> WorksheetPlan | InsertPlan:
    sheet = next(w for w in unit.worksheets if w.id == target.item)
    planner = _Planner(unit, sheet, target, context)
    return planner.insert() if target.variant.get("variant") == INSERT else planner.plan()

