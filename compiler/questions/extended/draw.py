"""An extended answer: ruled lines in its row (half a page among them), or pages of them that may
continue over the page (the prompt stays with the first); the key gives the mark scheme, its
levels as a table."""

from __future__ import annotations

from itertools import groupby

from reportlab.platypus import Flowable, Spacer

from compiler.pdf import kept_with_next, scripted
from compiler.questions.drawing import Column, Drawn, child, key_lines, levels_table, writing_space
from compiler.questions.extended.plan import ExtendedPlan
from compiler.questions.planning import Level


def sheet(body: ExtendedPlan, column: Column) -> Drawn:
    return writing_space(body.space, column)


def key(body: ExtendedPlan, column: Column) -> list[Flowable]:
    story = key_lines(column.style, heading=body.heading, node=column.node)
    for is_level, lines in groupby(body.mark_scheme, key=lambda line: isinstance(line, Level)):
        if is_level:
            story += [*kept_with_next(Spacer(1, 3)), levels_table([line for line in lines if isinstance(line, Level)], body.columns, column)]
        else:
            story += [scripted(str(line), column.style["small"], child(column.node, "P")) for line in lines]
    return story

