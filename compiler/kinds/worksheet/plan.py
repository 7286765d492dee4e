"""``worksheet-<id>.pdf`` and ``worksheet-<id>-key.pdf``, per version when ``versions > 1``.

The sheet and its key are two targets planned from one deterministic layout of the questions
(:func:`_layout`), so the key always answers the sheet it belongs to. Shuffles are seeded from
the unit id, the worksheet id, the version and the question's place, never from the clock or
the process, so a rebuild gives the same sheets. Generated questions (matching from the
glossary, ordering from events) read the unit at plan time: change a date or a definition and
the sheet and key change with it.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass
from typing import Any

from compiler import markup
from compiler.alike import alike_key
from compiler.dates import display_span
from compiler.errors import FieldPath
from compiler.model import (
    GAP,
    Choice,
    Extended,
    GapFill,
    Match,
    Order,
    Short,
    TrueFalse,
    Unit,
    Worksheet,
)
from compiler.outputs import (
    Context,
    Furniture,
    Metadata,
    Settings,
    Target,
    page_furniture,
)

KIND = "worksheet"
LETTERS = string.ascii_uppercase
_GAP_MARK = "\ue000{}\ue001"  # private-use characters survive escaping, then become blanks
BLANK = "_" * 16


@dataclass(frozen=True)
class Item:
    label: str
    text: str


@dataclass(frozen=True)
class QuestionPlan:
    number: int
    path: FieldPath
    kind: str
    marks: int
    prompt: str
    instruction: str = ""
    items: tuple[Item, ...] = ()  # choice options, true/false words, match right column, order items
    left: tuple[Item, ...] = ()  # match left column
    text: str = ""  # gap fill: the text with numbered blanks (sheet) or answers filled in (key)
    word_bank: tuple[str, ...] = ()
    lines: int = 0
    pages: int = 0
    answer: str = ""  # the key's one-line answer
    details: tuple[str, ...] = ()  # the key's model answer, pairs, order or mark scheme
    details_heading: str = ""


@dataclass(frozen=True)
class PartPlan:
    title: str | None
    instructions: str | None
    marks_label: str | None
    questions: tuple[QuestionPlan, ...]


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
    word_bank_heading: str
    true_false: tuple[str, str]
    parts: tuple[PartPlan, ...]
    total: str
    furniture: Furniture
    metadata: Metadata


# --- targets and inputs -----------------------------------------------------------------------


def _chosen(unit: Unit) -> list[Worksheet]:
    wanted = unit.outputs.worksheets
    return [w for w in unit.worksheets if wanted is None or w.id in wanted]


def versions_of(sheet: Worksheet, settings: Settings) -> int:
    """Versions to print: the command line's or the unit's choice, else the worksheet's own."""
    return settings.versions or sheet.versions


def targets(unit: Unit, settings: Settings) -> list[Target]:
    found = []
    chosen = {id(sheet) for sheet in _chosen(unit)}
    for index, sheet in enumerate(unit.worksheets):
        if id(sheet) not in chosen:
            continue
        count = versions_of(sheet, settings)
        for version in ([None] if count == 1 else list(LETTERS[:count])):
            stem = f"worksheet-{sheet.id}" + (f"-{version}" if version else "")
            for key in (False, True):
                found.append(Target(KIND, f"{stem}{'-key' if key else ''}.pdf", sheet.id,
                                    {"version": version, "versions": count, "key": key}, ("worksheets", index),
                                    "teacher" if key else "student"))
    return found


def inputs(unit: Unit, target: Target) -> Any:
    sheet = next(w for w in unit.worksheets if w.id == target.item)
    return {
        "unit": unit.unit.model_dump(mode="json"),
        "worksheet": sheet.model_dump(mode="json", by_alias=True),
        "glossary": [g.model_dump(mode="json") for g in unit.glossary],
        "events": [e.model_dump(mode="json", include={"id", "date", "end", "title"}) for e in unit.events],
        "variant": target.variant,
    }


# --- planning -----------------------------------------------------------------------------------


def _rng(*parts: object) -> random.Random:
    """A generator seeded from text, so the sequence is the same in every process."""
    return random.Random(":".join(str(p) for p in parts))


def _shuffled(items: list[Any], rng: random.Random, *, avoid_identity: bool) -> list[int]:
    """A seeded permutation of ``range(len(items))``; not the identity when that is avoidable."""
    order = list(range(len(items)))
    for _ in range(20):
        rng.shuffle(order)
        if not avoid_identity or len(order) < 2 or order != sorted(order):
            break
    return order


class _Planner:
    """Plans one version of one worksheet, as the student sheet or as its key."""

    def __init__(self, unit: Unit, sheet: Worksheet, target: Target, context: Context) -> None:
        self.unit = unit
        self.sheet = sheet
        self.version: str | None = target.variant["version"]
        self.shuffle_questions = target.variant["versions"] > 1
        self.key: bool = target.variant["key"]
        self.wording = context.wording
        self.labels = context.wording.labels
        self.glossary = {g.term.casefold(): g for g in unit.glossary}
        self.events = {e.id: e for e in unit.events}

    def phrase(self, name: str, **values: Any) -> str:
        return self.wording.phrase("worksheet.j2", name, **values)

    def seed(self, *parts: object) -> random.Random:
        return _rng(self.unit.unit.id, self.sheet.id, self.version or "-", *parts)

    def plan(self) -> WorksheetPlan:
        info = self.unit.unit
        title = self.phrase("title", unit_title=markup.inline(info.title), sheet_title=markup.inline(self.sheet.title))
        parts = self._parts()
        total = sum(q.marks for p in parts for q in p.questions)
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
            word_bank_heading=self.phrase("word_bank"),
            true_false=(self.phrase("true_word"), self.phrase("false_word")),
            parts=parts,
            total=self.phrase("key_total" if self.key else "total", count=total),
            furniture=page_furniture(self.wording, info, title, header_right,
                                     header_on_first_page=self.key or self.version is not None),
            metadata=Metadata(markup.plain(self.sheet.title), markup.plain(info.author or ""), markup.plain(info.title)),
        )

    def _parts(self) -> tuple[PartPlan, ...]:
        parts = []
        number = 0
        base: FieldPath = ("worksheets", self.unit.worksheets.index(self.sheet))
        for s, part in enumerate(self.sheet.parts):
            where = (*base, "sections", s) if self.sheet.sections else base
            indices = list(range(len(part.questions)))
            if self.shuffle_questions:
                indices = [indices[i] for i in _shuffled(indices, self.seed("order", s), avoid_identity=True)]
            questions = []
            for q in indices:
                number += 1
                questions.append(self._question(part.questions[q], number, (*where, "questions", q)))
            marks = sum(q.marks for q in questions)
            titled = part.title is not None or len(self.sheet.parts) > 1
            parts.append(PartPlan(
                title=str(markup.inline(part.title)) if part.title else None,
                instructions=str(markup.inline(part.instructions)) if part.instructions else None,
                marks_label=self.phrase("section_marks", count=marks) if titled else None,
                questions=tuple(questions),
            ))
        return tuple(parts)

    def _question(self, question: Any, number: int, path: FieldPath) -> QuestionPlan:
        base = {"number": number, "path": path, "kind": question.type, "marks": question.marks}
        if isinstance(question, Choice):
            return self._choice(question, path, base)
        if isinstance(question, TrueFalse):
            words = (self.phrase("true_word"), self.phrase("false_word"))
            return QuestionPlan(**base, prompt=str(markup.inline(question.statement)),
                                instruction=self.phrase("true_false_instruction"),
                                items=(Item("", words[0]), Item("", words[1])),
                                answer=words[0] if question.answer else words[1])
        if isinstance(question, Short):
            return QuestionPlan(**base, prompt=str(markup.inline(question.prompt)), lines=question.lines,
                                details=tuple(str(p) for p in markup.paragraphs(question.answer)),
                                details_heading=self.phrase("model_answer"))
        if isinstance(question, GapFill):
            return self._gap_fill(question, path, base)
        if isinstance(question, Match):
            return self._match(question, path, base)
        if isinstance(question, Order):
            return self._order(question, path, base)
        return self._extended(question, base)

    def _choice(self, question: Choice, path: FieldPath, base: dict[str, Any]) -> QuestionPlan:
        order = list(range(len(question.options)))
        if self.shuffle_questions:
            order = _shuffled(order, self.seed("options", *path), avoid_identity=False)
        options = [question.options[i] for i in order]
        correct = {a.casefold() for a in question.answer}
        right = [(LETTERS[k], o) for k, o in enumerate(options) if o.casefold() in correct]
        return QuestionPlan(
            **base, prompt=str(markup.inline(question.prompt)),
            instruction=self.phrase("choice_instruction", count=len(right)),
            items=tuple(Item(LETTERS[k], str(markup.inline(o))) for k, o in enumerate(options)),
            answer=", ".join(letter for letter, _ in right) + " — " + "; ".join(str(markup.inline(o)) for _, o in right),
        )

    def _gap_fill(self, question: GapFill, path: FieldPath, base: dict[str, Any]) -> QuestionPlan:
        answers = [g.strip() for g in GAP.findall(question.text)]
        counter = iter(range(len(answers)))
        marked = GAP.sub(lambda _: _GAP_MARK.format(next(counter)), question.text)
        escaped = str(markup.inline(marked))
        sheet_text, key_text = escaped, escaped
        for k, answer in enumerate(answers):
            token = _GAP_MARK.format(k)
            sheet_text = sheet_text.replace(token, f"<b>({k + 1})</b>&nbsp;{BLANK}")
            key_text = key_text.replace(token, f"<b><u>{markup.inline(answer)}</u></b>")
        bank: list[str] = []
        if question.word_bank:
            # Answers that print alike show once, as first written: "Lenin · Lenin" would only
            # tell students that two gaps share an answer (validation refuses a distractor that
            # prints like an answer, and distractors that print alike).
            shown_once: dict[str, str] = {}
            for word in [*answers, *question.distractors]:
                shown_once.setdefault(alike_key(word), word)
            words = list(shown_once.values())
            bank = [str(markup.inline(words[i])) for i in _shuffled(words, self.seed("bank", *path), avoid_identity=True)]
        return QuestionPlan(
            **base, prompt=str(markup.inline(question.prompt)) if question.prompt else "",
            instruction=self.phrase("gap_fill_instruction", word_bank=question.word_bank,
                                    extra_words=bool(question.distractors)),
            text=key_text if self.key else sheet_text, word_bank=tuple(bank),
            answer=" · ".join(f"({k + 1}) {markup.inline(a)}" for k, a in enumerate(answers)),
        )

    def _pairs(self, question: Match, path: FieldPath) -> list[tuple[str, str]]:
        if question.source != "glossary":
            return [(left, right) for left, right in question.pairs]
        if question.terms:
            chosen = [self.glossary[t.casefold()] for t in question.terms]
        else:
            pool = sorted(self.glossary.values(), key=lambda g: g.term.casefold())
            chosen = _rng(self.unit.unit.id, self.sheet.id, "terms", *path).sample(pool, question.count or 2)
        return [(g.term, g.definition) for g in chosen]

    def _match(self, question: Match, path: FieldPath, base: dict[str, Any]) -> QuestionPlan:
        pairs = self._pairs(question, path)
        lefts = list(range(len(pairs)))
        if self.shuffle_questions:
            lefts = _shuffled(lefts, self.seed("left", *path), avoid_identity=False)
        rights = _shuffled(lefts, self.seed("right", *path), avoid_identity=True)
        right_order = [lefts[i] for i in rights]
        letter_of = {pair: LETTERS[k] for k, pair in enumerate(right_order)}
        prompt = question.prompt or (self.phrase("match_prompt") if question.source else "")
        return QuestionPlan(
            **base, prompt=str(markup.inline(prompt)) if question.prompt else prompt,
            instruction=self.phrase("match_instruction"),
            left=tuple(Item(str(n + 1), str(markup.inline(pairs[p][0]))) for n, p in enumerate(lefts)),
            items=tuple(Item(LETTERS[k], str(markup.inline(pairs[p][1]))) for k, p in enumerate(right_order)),
            answer=", ".join(f"{n + 1}–{letter_of[p]}" for n, p in enumerate(lefts)),
            details=tuple(f"{n + 1}–{letter_of[p]}: {markup.inline(pairs[p][0])} — {markup.inline(pairs[p][1])}"
                          for n, p in enumerate(lefts)),
        )

    def _order_items(self, question: Order, path: FieldPath) -> list[tuple[str, str]]:
        """The items in their right order, each with the date the key shows (or nothing)."""
        if question.source != "events":
            return [(str(markup.inline(item)), "") for item in question.items]
        if question.events:
            chosen = [self.events[e] for e in question.events]
        else:
            by_date = {}
            for event in sorted(self.events.values(), key=lambda e: (e.date, e.id)):
                by_date.setdefault(event.date, event)
            pool = list(by_date.values())
            chosen = _rng(self.unit.unit.id, self.sheet.id, "events", *path).sample(pool, question.count or 2)
        months, bc = self.labels.months, self.labels.bc
        return [(str(markup.inline(e.title)), str(markup.escape(display_span(e.date, e.end, months, bc))))
                for e in sorted(chosen, key=lambda e: e.date)]

    def _order(self, question: Order, path: FieldPath, base: dict[str, Any]) -> QuestionPlan:
        ordered = self._order_items(question, path)
        shown = _shuffled(ordered, self.seed("order", *path), avoid_identity=True)
        letter_of = {item: LETTERS[k] for k, item in enumerate(shown)}
        prompt = question.prompt or (self.phrase("order_prompt") if question.source else "")
        return QuestionPlan(
            **base, prompt=str(markup.inline(prompt)) if question.prompt else prompt,
            instruction=self.phrase("order_instruction", count=len(ordered)),
            items=tuple(Item(LETTERS[k], ordered[i][0]) for k, i in enumerate(shown)),
            answer=", ".join(letter_of[i] for i in range(len(ordered))),
            details=tuple(f"{n + 1}. {letter_of[n]} — {text}" + (f" ({when})" if when else "")
                          for n, (text, when) in enumerate(ordered)),
            details_heading=self.phrase("correct_order"),
        )

    def _extended(self, question: Extended, base: dict[str, Any]) -> QuestionPlan:
        amount, unit_word = question.space.split()
        pages = int(amount) if unit_word.startswith("page") else 0
        return QuestionPlan(
            **base, prompt=str(markup.inline(question.prompt)), instruction=self.phrase("extended_instruction"),
            lines=0 if pages else int(amount), pages=pages,
            details=tuple(str(markup.inline(level)) for level in question.mark_scheme),
            details_heading=self.phrase("mark_scheme") if question.mark_scheme else "",
        )


def plan(unit: Unit, target: Target, context: Context) -> WorksheetPlan:
    sheet = next(w for w in unit.worksheets if w.id == target.item)
    return _Planner(unit, sheet, target, context).plan()

