"""Draws ``wordlist.pdf``: the heading, then one term a line."""

from __future__ import annotations

from compiler.outputs import Context, Rendered
from compiler.pdf import Paragraph, render_story, styles
from tests.kinds.wordlist.plan import WordlistPlan


def render(plan: WordlistPlan, context: Context) -> Rendered:
    style = styles(context.theme)
    story = [Paragraph(plan.heading, style["heading"]), *(Paragraph(term, style["body"]) for term in plan.terms)]
    pdf, pages = render_story(story, context.theme, context.page_size, plan.furniture, plan.metadata)
    return Rendered(pdf, pages)
