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

from markupsafe import Markup
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer

from compiler import markup
from compiler.dates import display_span
from compiler.errors import FieldPath, LayoutError
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
from compiler.outputs import Context, Rendered, Settings, Target
from compiler.pdf import (
    Furniture,
    Metadata,
    colour,
    frame_size,
    kept_with_next,
    padding,
    render_story,
    styles,
    table,
)
from compiler.theme import Theme

KIND = "worksheet"
LETTERS = string.ascii_uppercase
LINE_SPACING = 8 * mm
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
    for sheet in _chosen(unit):
        count = versions_of(sheet, settings)
        for version in ([None] if count == 1 else list(LETTERS[:count])):
            stem = f"worksheet-{sheet.id}" + (f"-{version}" if version else "")
            for key in (False, True):
                found.append(Target(KIND, f"{stem}{'-key' if key else ''}.pdf", sheet.id,
                                    {"version": version, "versions": count, "key": key}))
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
        common = "common.j2"
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
            furniture=Furniture(
                header_left=title,
                header_right=header_right,
                footer_left=self.wording.phrase(common, "footer_left", title=markup.inline(info.title),
                                                licence=markup.inline(info.licence) if info.licence else None),
                page_pattern=self.wording.phrase(common, "page_of", page="{page}", pages="{pages}"),
                header_on_first_page=self.key or self.version is not None,
            ),
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
            words = list(dict.fromkeys([*answers, *question.distractors]))
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
        return [(str(markup.inline(e.title)), display_span(e.date, e.end, "long", months, bc))
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


# --- drawing ------------------------------------------------------------------------------------

Styles = dict[str, ParagraphStyle]
NUMBER_WIDTH = 22
MARKS_WIDTH = 34


class RuledLines(Flowable):
    """Answer lines; they may continue on the next page (extended answers of a page or more)."""

    def __init__(self, count: int, width: float, line_colour: str, indent: float = 0) -> None:
        super().__init__()
        self.count = count
        self.width = width
        self.line_colour = line_colour
        self.indent = indent

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.indent + self.width, self.count * LINE_SPACING

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        fits = int(available_height // LINE_SPACING)
        if fits < 2 or fits >= self.count:
            return []
        return [RuledLines(fits, self.width, self.line_colour, self.indent),
                RuledLines(self.count - fits, self.width, self.line_colour, self.indent)]

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(colour(self.line_colour))
        canvas.setLineWidth(0.5)
        for n in range(self.count):
            canvas.line(self.indent, n * LINE_SPACING, self.indent + self.width, n * LINE_SPACING)


class WriteInBox(Flowable):
    """An empty square for a student to write a letter or number in."""

    def __init__(self, size: float, line_colour: str) -> None:
        super().__init__()
        self.size = size
        self.line_colour = line_colour

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        self.canv.setStrokeColor(colour(self.line_colour))
        self.canv.setLineWidth(0.8)
        self.canv.rect(0, 0, self.size, self.size)


def render(plan: WorksheetPlan, context: Context) -> Rendered:
    theme = context.theme
    style = _styles(theme)
    width, height = frame_size(theme, context.page_size)
    story: list[Flowable] = [*_title_block(plan, style, theme, width)]
    for part in plan.parts:
        story.extend(_part(part, plan, style, theme, width, height))
    story += [Spacer(1, 10), Paragraph(plan.total, style["total"])]
    pdf, pages = render_story(story, theme, context.page_size, plan.furniture, plan.metadata)
    return Rendered(pdf, pages)


def _styles(theme: Theme) -> Styles:
    style = styles(theme)
    accent = colour(theme.colours.accent)
    style["number"] = ParagraphStyle("number", parent=style["label"], fontSize=style["body"].fontSize,
                                     leading=style["body"].leading)
    style["marks"] = ParagraphStyle("marks", parent=style["number"], alignment=2)
    style["instruction"] = ParagraphStyle("instruction", parent=style["small"], textColor=colour(theme.colours.muted),
                                          fontName=style["subtitle"].fontName, spaceAfter=3)
    style["answer"] = ParagraphStyle("answer", parent=style["number"], textColor=accent, spaceAfter=2)
    style["total"] = ParagraphStyle("total", parent=style["subheading"], alignment=2)
    style["option"] = ParagraphStyle("option", parent=style["body"], spaceAfter=0)
    return style


def _font(style: Styles) -> str:
    return style["body"].fontName


def _title_block(plan: WorksheetPlan, style: Styles, theme: Theme, width: float) -> list[Flowable]:
    heading: list[Flowable] = [Paragraph(plan.title, style["title"]), Paragraph(plan.subtitle, style["muted"])]
    badge_width = 70 if plan.badge else 0
    cells: list[Any] = [heading]
    commands: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP"), *padding(0, 0, 0, 0)]
    if plan.badge:
        badge = ParagraphStyle("badge", parent=style["subheading"], alignment=1, textColor=colour(theme.colours.band_text))
        cells.append(Paragraph(plan.badge, badge))
        commands += [("BACKGROUND", (1, 0), (1, 0), colour(theme.colours.band)), ("VALIGN", (1, 0), (1, 0), "MIDDLE"),
                     ("TOPPADDING", (1, 0), (1, 0), 4), ("BOTTOMPADDING", (1, 0), (1, 0), 6)]
    blocks: list[Flowable] = [table([cells], [width - badge_width, badge_width] if plan.badge else [width],
                                    commands, _font(style)), Spacer(1, 8)]
    if plan.banner:
        banner = ParagraphStyle("banner", parent=style["subheading"], textColor=colour(theme.colours.band_text))
        blocks += [table([[Paragraph(plan.banner, banner)]], [width],
                         [("BACKGROUND", (0, 0), (-1, -1), colour(theme.colours.accent)), *padding(8, 8, 2, 5)],
                         _font(style)), Spacer(1, 8)]
    else:
        name, klass, date = plan.name_labels
        label = style["label"]
        row = [Paragraph(name, label), "", Paragraph(klass, label), "", Paragraph(date, label), ""]
        widths = [36, width * 0.42, 36, width * 0.18, 30]
        widths.append(width - sum(widths))
        line = colour(theme.colours.text)
        blocks += [table([row], widths, [("LINEBELOW", (1, 0), (1, 0), 0.6, line), ("LINEBELOW", (3, 0), (3, 0), 0.6, line),
                                         ("LINEBELOW", (5, 0), (5, 0), 0.6, line), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                         *padding(0, 6, 6, 2)], _font(style)), Spacer(1, 10)]
    if plan.instructions:
        blocks += [Paragraph(f"<i>{plan.instructions}</i>", style["body"]), Spacer(1, 4)]
    return blocks


def _part(part: PartPlan, plan: WorksheetPlan, style: Styles, theme: Theme, width: float,
          height: float) -> list[Flowable]:
    story: list[Flowable] = []
    if part.title or part.marks_label:
        heading = table([[Paragraph(part.title or "", style["subheading"]), Paragraph(part.marks_label or "", style["marks"])]],
                        [width - 90, 90], [("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                           ("LINEBELOW", (0, 0), (-1, -1), 0.8, colour(theme.colours.accent)),
                                           *padding(0, 0, 2, 3)], _font(style))
        story += [CondPageBreak(height * 0.25), Spacer(1, 6), *kept_with_next(heading, Spacer(1, 4))]
        if part.instructions:
            story += kept_with_next(Paragraph(f"<i>{part.instructions}</i>", style["body"]))
    for question in part.questions:
        story.extend(_question(question, plan, style, theme, width, height))
    return story


def _question(question: QuestionPlan, plan: WorksheetPlan, style: Styles, theme: Theme, width: float,
              height: float) -> list[Flowable]:
    inner = width - NUMBER_WIDTH - MARKS_WIDTH
    content: list[Flowable] = []
    if question.prompt:
        content.append(Paragraph(question.prompt, style["body"]))
    if plan.key:
        content += _key_body(question, style, inner)
    else:
        if question.instruction:
            content.append(Paragraph(question.instruction, style["instruction"]))
        content += _sheet_body(question, plan, style, theme, inner)
    marks = Markup("[{}]").format(question.marks)
    row = table([[Paragraph(f"{question.number}.", style["number"]), content, Paragraph(str(marks), style["marks"])]],
                [NUMBER_WIDTH, inner, MARKS_WIDTH], [("VALIGN", (0, 0), (-1, -1), "TOP"), *padding(0, 0, 9, 0)],
                _font(style))
    _, needed = row.wrap(width, height)
    if needed > height:
        raise LayoutError.one(question.path, "the question is taller than a page",
                          "shorten it, or split it into two questions")
    if question.pages and not plan.key:
        lines_per_page = int(height // LINE_SPACING) - 1
        return [*kept_with_next(row, Spacer(1, 4)),
                RuledLines(question.pages * lines_per_page, inner, theme.colours.rule, NUMBER_WIDTH)]
    return [row]  # one table row (spacing in its padding): it moves to the next page whole, never splits


def _sheet_body(question: QuestionPlan, plan: WorksheetPlan, style: Styles, theme: Theme,
                width: float) -> list[Flowable]:
    font = _font(style)
    rule = colour(theme.colours.rule)
    if question.kind == "choice":
        rows = [["○", Paragraph(f"<b>{item.label}</b>", style["option"]), Paragraph(item.text, style["option"])]
                for item in question.items]
        return [table(rows, [14, 16, width - 30], [("VALIGN", (0, 0), (-1, -1), "TOP"), *padding(0, 2, 2, 2),
                                                   ("FONTSIZE", (0, 0), (0, -1), style["body"].fontSize)], font)]
    if question.kind == "true_false":
        cells = [Paragraph(f"○&nbsp;&nbsp;{item.text}", style["option"]) for item in question.items]
        return [table([cells], [width * 0.3, width * 0.3], [*padding(0, 0, 3, 0)], font, hAlign="LEFT")]
    if question.kind == "gap_fill":
        story: list[Flowable] = [Paragraph(question.text, ParagraphStyle("gaps", parent=style["body"],
                                                                       leading=style["body"].fontSize * 2.1))]
        if question.word_bank:
            words = "&nbsp;&nbsp;&nbsp;·&nbsp;&nbsp;&nbsp; ".join(question.word_bank)
            story.append(table([[Paragraph(f"<b>{plan.word_bank_heading}:</b>&nbsp;&nbsp; {words}", style["body"])]],
                               [width], [("BOX", (0, 0), (-1, -1), 0.8, rule), *padding(8, 8, 5, 3)], font))
        return story
    if question.kind == "match":
        box = style["body"].leading + 2
        rows = [[Paragraph(f"<b>{left.label}</b>", style["option"]), Paragraph(left.text, style["option"]),
                 WriteInBox(box, theme.colours.text), "",
                 Paragraph(f"<b>{right.label}</b>", style["option"]), Paragraph(right.text, style["small"])]
                for left, right in zip(question.left, question.items, strict=True)]
        side = (width - 14 - box - 14 - 14) / 2
        return [table(rows, [14, side * 0.8, box + 4, 10, 14, side * 1.2],
                      [("VALIGN", (0, 0), (-1, -1), "TOP"), *padding(0, 4, 4, 4)], font)]
    if question.kind == "order":
        box = style["body"].leading + 2
        rows = [[WriteInBox(box, theme.colours.text), Paragraph(f"<b>{item.label}</b>", style["option"]),
                 Paragraph(item.text, style["option"])] for item in question.items]
        return [table(rows, [box + 8, 18, width - box - 26],
                      [("VALIGN", (0, 0), (-1, -1), "TOP"), *padding(0, 4, 3, 3)], font)]
    if question.lines:
        return [Spacer(1, 4), RuledLines(question.lines, width, theme.colours.rule)]
    return []


def _key_body(question: QuestionPlan, style: Styles, width: float) -> list[Flowable]:
    story: list[Flowable] = []
    if question.kind == "gap_fill":
        story.append(Paragraph(question.text, style["body"]))
    if question.answer:
        story.append(Paragraph(question.answer, style["answer"]))
    if question.details_heading:
        story.append(Paragraph(question.details_heading, style["label"]))
    story += [Paragraph(detail, style["small"]) for detail in question.details]
    return story
