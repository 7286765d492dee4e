"""A source-based exam question: its wording by form from the sources' printed labels, its
writing space (as an essay's), and the key's levelled mark scheme — levels by the marks, bands
that split the marks evenly, descriptors by form from the catalogue unless the teacher wrote
their own — with indicative content and the best-fit note."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from compiler import markup
from compiler.citations import SourceKind
from compiler.errors import FieldPath
from compiler.questions.planning import Level, Planned, QuestionContext, WritingSpace, writing_space

if TYPE_CHECKING:
    from compiler.questions.source import SourceQuestion

Form = Literal["usefulness", "message", "purpose", "interpretations", "convincing"]


@dataclass(frozen=True)
class Needs:
    """The sources a form asks about: how many (``least`` to ``most``) of which kind, and in
    words, for the located problem when they are not."""

    least: int
    most: int
    kind: SourceKind
    words: str  # "one or two sources"
    hint: str


NEEDS: dict[str, Needs] = {
    "usefulness": Needs(1, 2, "source", "one or two sources",
                        "usefulness judges what one or two sources are worth to an enquiry: name one or two sources "
                        "of kind: source"),
    "message": Needs(1, 1, "source", "one source",
                     "message reads what one source says: name one source of kind: source"),
    "purpose": Needs(1, 1, "source", "one source",
                     "purpose asks why one source was made: name one source of kind: source"),
    "interpretations": Needs(2, 2, "interpretation", "two interpretations",
                             "interpretations compares two historians' views: name two sources of kind: "
                             "interpretation"),
    "convincing": Needs(1, 1, "interpretation", "one interpretation",
                        "convincing tests one historian's view: name one source of kind: interpretation"),
}
MARKS: dict[str, int] = {"usefulness": 8, "message": 4, "purpose": 4, "interpretations": 4, "convincing": 8}
"""A form's marks when the teacher gives none, as the exam boards set them."""
FEWEST_LEVELS, MOST_LEVELS = 2, 6
LADDER = {2: ("simple", "developed"), 3: ("simple", "developed", "complex"),
          4: ("basic", "simple", "developed", "complex")}
"""Which of a form's four default descriptors each level of a scheme of 2, 3 or 4 levels takes,
lowest first: a 4-mark question's two levels are simple and developed, as the boards print them."""


def level_count(marks: int, written: int) -> int:
    """Levels of the mark scheme: as many as the teacher wrote, else by the marks (up to 4
    marks 2 levels, up to 7 three, else four)."""
    if written:
        return written
    return 2 if marks <= 4 else 3 if marks <= 7 else 4


def bands(marks: int, count: int) -> list[tuple[int, int]]:
    """The marks of each of ``count`` levels, lowest first, as (first, last): 1 to ``marks``
    split evenly, the remainder a mark more to each of the highest levels."""
    size, rest = divmod(marks, count)
    found = []
    first = 1
    for level in range(count):
        width = size + (1 if level >= count - rest else 0)
        found.append((first, first + width - 1))
        first += width
    return found


@dataclass(frozen=True)
class SourcePlan:
    space: WritingSpace
    heading: str  # the key's parts, empty on the sheet
    columns: tuple[str, str, str]  # the levels' header: level, marks, descriptor
    levels: tuple[Level, ...]  # highest first, then the row for 0 marks
    indicative_heading: str
    indicative: tuple[str, ...]
    best_fit: str


def pair_numbers(names: Sequence[str]) -> tuple[str, ...]:
    """The letters or numbers of two labels of one noun ("Source A", "Source B" → A, B), so the
    question says "Sources A and B"; empty when the labels are not so alike (an id printed
    where a label is missing)."""
    split = [name.rpartition(" ") for name in names]
    if len(split) == 2 and split[0][0] and split[0][0] == split[1][0]:
        return tuple(number for _, _, number in split)
    return ()


def labels_of(question: SourceQuestion, labels: Mapping[str, str]) -> tuple[str, ...]:
    """The printed labels of the question's sources, in its order; a source without a label
    (validation has reported it) by its id."""
    return tuple(labels.get(source_id, source_id) for source_id in question.sources)


def prompt(question: SourceQuestion, context: QuestionContext) -> str:
    """The question as printed: the teacher's own ``prompt``, else the form's wording."""
    if question.prompt is not None:
        return str(markup.inline(question.prompt))
    names = labels_of(question, context.source_labels)
    return context.phrase("source_prompt", form=question.form, kind=NEEDS[question.form].kind, names=list(names),
                          numbers=list(pair_numbers(names)), enquiry=markup.inline(question.enquiry or ""))


def scheme(question: SourceQuestion, context: QuestionContext) -> tuple[Level, ...]:
    """The levels, highest first (as exam boards print them), then the row for no credit."""
    count = level_count(question.marks, len(question.levels))
    descriptors = ([str(markup.inline(text)) for text in question.levels] if question.levels else
                   [context.phrase("source_level", form=question.form, step=step) for step in LADDER[count]])
    rows = [Level(str(n), f"{first}–{last}" if last > first else str(first), descriptor)
            for n, ((first, last), descriptor) in enumerate(zip(bands(question.marks, count), descriptors,
                                                                strict=True), start=1)]
    return (*reversed(rows), Level("", "0", context.phrase("source_no_credit")))


def plan(question: SourceQuestion, path: FieldPath, context: QuestionContext) -> Planned:
    key = context.key
    return Planned(
        prompt=prompt(question, context), instruction=context.phrase("extended_instruction"),
        body=SourcePlan(
            space=writing_space(question.space, question.marks, context),
            heading=context.phrase("mark_scheme") if key else "",
            columns=(context.phrase("mark_scheme_level"), context.phrase("mark_scheme_marks"),
                     context.phrase("mark_scheme_descriptor")),
            levels=scheme(question, context) if key else (),
            indicative_heading=context.phrase("source_indicative") if key and question.indicative else "",
            indicative=tuple(str(markup.inline(point)) for point in question.indicative) if key else (),
            best_fit=context.phrase("source_best_fit") if key else "",
        ),
    )
