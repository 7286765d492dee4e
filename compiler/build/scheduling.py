"""Rendering jobs, in worker processes or in this one, and getting the results back.

A :class:`Job` is plain data a worker process can render with nothing to look up; a
:class:`Result` is what comes back, problems included (a worker returns, never prints). The
:class:`Renderer` hands jobs to a process pool of ``jobs`` workers (:mod:`compiler.workers`
binds their lives to the build), or renders them here when there is one worker or a single
unit has at most one job to start with: starting a process would cost more than it saves.
Workers warm up as they start (:func:`warm_up`): drawing code imported, fonts registered.
"""

from __future__ import annotations

import dataclasses
import os
import time
import traceback
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor
from concurrent.futures import wait as first_done
from contextlib import suppress
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Generic, Self, TypeVar

from compiler import fonts, markup, workers
from compiler.errors import LayoutError, Problem, ProblemsFound, Unplaceable
from compiler.kinds import KINDS, import_drawing
from compiler.kinds import from_outside as kinds_from_outside
from compiler.kinds import register as register_kind
from compiler.model import Unit
from compiler.outputs import Context, Kind, Metadata, Rendered, Settings, Target, file_title
from compiler.publish import paper_name, thumbnail_png
from compiler.questions import QUESTION_TYPES, QuestionType
from compiler.questions import from_outside as question_types_from_outside
from compiler.questions import register as register_question_type
from compiler.theme import PAPER, Theme
from compiler.wording import Wording

Siblings = tuple[tuple[Target, bytes, int], ...]  # a unit's finished files, for the pack: file, bytes, pages
Owner = TypeVar("Owner")


@dataclass(frozen=True)
class Job:
    """One output to render: everything a worker process needs, nothing it must look up."""

    unit: Unit
    target: Target
    settings: Settings
    theme: Theme
    debug: bool = False  # a bug drawing the file is raised (``--debug``), not reported on its unit


@dataclass(frozen=True)
class Result:
    target: Target
    rendered: Rendered | None
    unplaced: tuple[Unplaceable, ...]
    problems: tuple[Problem, ...]
    templates: dict[str, str]
    seconds: float
    thumbnail: bytes | None = None  # a picture of the first page, for the index
    title: str = ""  # what the index page calls the file (outputs.file_title)
    paper: str = ""  # the paper of its first page (publish.paper_name)


def render_job(job: Job, siblings: Siblings = ()) -> Result:
    """Plan and render one output. Runs in a worker process: it returns, never prints."""
    started = time.perf_counter()
    kind = KINDS[job.target.kind]
    try:
        wording = Wording(job.settings.templates, job.unit.unit.language)
        context = Context(job.settings, PAPER[job.settings.paper or "a4"], job.theme, wording, siblings, KINDS,
                          job.target.profile)
        with markup.typography(job.unit.unit.language, job.theme.emphasis, job.theme.underline):
            plan = titled(kind.plan(job.unit, job.target, context), kind, job, wording)
            rendered = kind.render(plan, context)
    except LayoutError as exc:
        return Result(job.target, None, tuple(exc.items), (), {}, 0.0)
    except ProblemsFound as exc:
        return Result(job.target, None, (), tuple(exc.problems), {}, 0.0)
    except Exception as exc:  # a bug drawing one file must not stop a department's whole build
        if job.debug:
            raise
        return Result(job.target, None, (_bug(job.target, exc),), (), {}, 0.0)
    title = file_title(kind, job.unit, job.target, wording)
    return Result(job.target, rendered, (), (), dict(sorted(wording.files.items())), time.perf_counter() - started,
                  title=title, paper=paper_name(rendered.pdf))


def titled(plan: Any, kind: Kind, job: Job, wording: Wording) -> Any:
    """``plan`` with its file's own title in its ``metadata`` (what a PDF reader's title bar and
    a screen reader announce): "Answer key: The Treaty Quiz (Version B) — The Cold War", so a
    sheet, its key and its versions are told apart. A plan without metadata is left as it is."""
    metadata = getattr(plan, "metadata", None)
    if not isinstance(metadata, Metadata) or "metadata" not in getattr(plan, "__dataclass_fields__", {}):
        return plan
    title = wording.phrase("common.j2", "document_title", file=file_title(kind, job.unit, job.target, wording),
                           unit=markup.plain(job.unit.unit.title))
    return dataclasses.replace(plan, metadata=dataclasses.replace(metadata, title=markup.from_markup(title)))


def _bug(target: Target, exc: Exception) -> Unplaceable:
    """A file printpack failed to draw, through no fault of the unit: reported on the unit (which
    is then not written, as with any problem) so that the other units are still built."""
    frame = traceback.extract_tb(exc.__traceback__)[-1]
    return Unplaceable((), f"printpack failed while drawing {target.filename} ({type(exc).__name__}: {exc}, "
                           f"at {Path(frame.filename).name}:{frame.lineno})",
                       "this is a bug in printpack, not a mistake in the unit: please report it with the unit file")


def render_with_picture(job: Job, siblings: Siblings = ()) -> Result:
    """:func:`render_job`, then the index page's picture of what it rendered: drawn where the
    PDF was, so pictures for hundreds of files are drawn in parallel, not one by one in the parent."""
    result = render_job(job, siblings)
    if result.rendered is None:
        return result
    return replace(result, thumbnail=thumbnail_png(result.rendered.pdf))


def warm_up(families: tuple[str, ...], kinds: tuple[Kind, ...] = (),
            question_types: tuple[QuestionType, ...] = ()) -> None:
    """Register the ``kinds`` and ``question_types`` registered from outside printpack in the
    parent (a worker that was spawned, not forked, starts without them), then import the drawing
    code and register the fonts ahead of the first job: in each worker as it starts, while the
    parent is still reading units, and in ``watch`` after the first build. It never fails on a
    font: one that cannot be read is reported, with its file, by the first job that needs it."""
    for kind in kinds:
        if kind.name not in KINDS:
            register_kind(kind)
    for entry in question_types:
        if entry.name not in QUESTION_TYPES:
            register_question_type(entry)
    import_drawing()
    with suppress(ProblemsFound):
        for family in sorted({*families, fonts.MARKER_FACE}):
            fonts.register(family)


class Renderer(Generic[Owner]):
    """Runs jobs in ``count`` processes, or in this one when there is one worker or when a
    single unit has at most one job to start with (the common re-print after an edit: starting
    a process would cost more than it saves). Results come back as they finish, with the owner
    (a unit's build) that asked for them; jobs may be added while results are being read."""

    def __init__(self, count: int, *, single: bool) -> None:
        self.workers = count
        self.single = single
        self.pool: ProcessPoolExecutor | None = None
        self.ready: list[tuple[Result, Owner]] = []  # results of jobs run in this process
        self.pending: dict[Future[Result], tuple[int, Owner]] = {}  # future: (order submitted, owner)
        self.submitted = 0

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        if self.pool is not None:  # interrupted: the workers are killed, not waited for
            workers.stop_workers(self.pool, wait=kind is None)

    def start(self, jobs: list[Job], owner: Owner, theme: Theme) -> None:
        """Render-only jobs of one unit; decides, for the first unit, whether to use processes."""
        if self.pool is None and self.workers > 1 and not (self.single and len(jobs) <= 1):
            count = min(self.workers, len(jobs)) if self.single else self.workers
            self.pool = ProcessPoolExecutor(max_workers=count, initializer=workers.start_worker,
                                            initargs=(os.getpid(), warm_up, (theme.fonts.body, theme.fonts.heading),
                                                      kinds_from_outside(), question_types_from_outside()))
        for job in jobs:
            self.submit(job, (), owner)

    def submit(self, job: Job, siblings: Siblings, owner: Owner) -> None:
        self.submitted += 1
        if self.pool is None:
            self.ready.append((render_with_picture(job, siblings), owner))
        else:
            self.pending[self.pool.submit(render_with_picture, job, siblings)] = (self.submitted, owner)

    def results(self, *, wait: bool) -> Iterator[tuple[Result, Owner]]:
        """The results there are now; with ``wait``, every result, including those of jobs
        submitted while iterating."""
        while True:
            while self.ready:
                yield self.ready.pop(0)
            if not self.pending:
                return
            done, _ = first_done(self.pending, timeout=None if wait else 0, return_when=FIRST_COMPLETED)
            if not done:
                return
            for future in sorted(done, key=lambda f: self.pending[f][0]):
                _, owner = self.pending.pop(future)
                yield future.result(), owner
