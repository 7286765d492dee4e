"""Draws ``wordlist.pdf``: the heading, then one term a line, at most ``ROOM`` of them: the
terms left out are reported as warnings, each at its place in the glossary."""

from __future__ import annotations

from compiler.errors import Unplaceable
from compiler.outputs import Context, Rendered
from compiler.pdf import Paragraph, render_story, styles
from tests.kinds.wordlist.plan import WordlistPlan

ROOM = 40


def render(plan: WordlistPlan, context: Context) -> Rendered:
    style = styles(context.theme)
    shown, left_out = plan.terms[:ROOM], plan.terms[ROOM:]
    story = [Paragraph(plan.heading, style["heading"]), *(Paragraph(term, style["body"]) for term, _ in shown)]
    pdf, pages = render_story(story, context.theme, context.page_size, plan.furniture, plan.metadata)
    return Rendered(pdf, pages, tuple(Unplaceable(("glossary", k, "term"), f"not on the word list, which holds {ROOM} terms")
                                      for _, k in left_out))
