"""One unit's build: which outputs to render and which to keep, then all its files or none.

A :class:`UnitBuild` considers each of the unit's targets (reused when unchanged, else a job),
hands its jobs to the renderer, takes the results back as they come, hands over the pack (a
kind that assembles the others) once its parts are back, and then settles: if every output
succeeded, its new files and pictures are written together (:func:`compiler.fsio.replace_together`)
and the files of this unit a kind no longer makes are removed; if anything failed, nothing of
the unit is written and its previous PDFs stay as they were.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from compiler import fingerprint, manifest, publish
from compiler.build.loading import Loaded, unit_settings, unit_targets
from compiler.build.request import Request
from compiler.build.reuse import unchanged
from compiler.build.scheduling import Job, Renderer, Result, Siblings
from compiler.errors import Problem
from compiler.fsio import Refused, UnsafePath, confined, remove_files, replace_together
from compiler.kinds import KINDS
from compiler.locate import located
from compiler.outputs import Kind, Target
from compiler.profiles import STANDARD
from compiler.report import OutputRecord, State, UnitRecord
from compiler.theme import Theme


def assembles(target: Target) -> bool:
    """Whether ``target``'s kind is made of the unit's other files (the pack)."""
    return KINDS[target.kind].assembles


def write_problem(path: Path, exc: OSError) -> Problem:
    return Problem(str(path), 0, 0, "", f"cannot write the file: {exc.strerror or exc}",
                   exc.hint if isinstance(exc, Refused) else
                   "check that the output folder exists, is writable and that the disk has space")


class UnitBuild:
    """One unit's outputs: which to render, which are unchanged, and writing them all or none."""

    def __init__(self, item: Loaded, theme: Theme, request: Request, previous: dict[str, manifest.Entry]) -> None:
        self.item = item
        self.theme = theme
        self.request = request
        self.previous = previous
        self.settings = unit_settings(item.unit, request.settings)
        self.themes = item.themes or {STANDARD: theme}  # by print profile
        # once: every output's fingerprint holds its profile's theme
        self.theme_data = {name: profiled.model_dump(mode="json") for name, profiled in self.themes.items()}
        # The templates folder too: overrides a build without it could not record as absent.
        self.records: list[OutputRecord] = []
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        # rendered (with its new manifest entry) or unchanged on disk (None), and its page count
        self.done: dict[Target, tuple[bytes, manifest.Entry | None, int]] = {}
        self.thumbnails: dict[str, bytes] = {}  # by output path, for the outputs rendered
        self.to_render: list[Job] = []
        self.assembling: list[Target] = []
        self.inputs: dict[Target, str] = {}
        self.unfinished = 0  # jobs handed out and not yet back
        self.assembled = False  # the pack's jobs (if any) have been handed out
        self.entries: dict[str, manifest.Entry] = {}  # the manifest entries of the files written
        self.written = False
        self.finished = False  # its files are written, or will not be
        self.announced = False  # its records went to the progress callback
        for target in unit_targets(item.unit, self.settings):
            self._consider(target)

    @property
    def unit_id(self) -> str:
        return self.item.unit.unit.id

    def _path(self, target: Target) -> Path | None:
        try:
            return confined(self.request.out, self.unit_id, target.filename)
        except UnsafePath as exc:
            self.problems.append(self.item.source.problem(("unit", "id"), str(exc), exc.hint))
            return None

    def _consider(self, target: Target) -> None:
        if assembles(target):
            self.assembling.append(target)
            return
        kind = KINDS[target.kind]
        self.inputs[target] = fingerprint.inputs_hash(kind.inputs(self.item.unit, target),
                                                      self.theme_data[target.profile], self._shaping(kind),
                                                      target.filename)
        if not self._reuse(target):
            self.to_render.append(self._job(target))

    def _job(self, target: Target) -> Job:
        return Job(self.item.unit, target, self.settings, self.themes[target.profile], self.request.debug)

    def _shaping(self, kind: Kind) -> dict[str, Any]:
        """The settings ``kind``'s files depend on (``--versions`` does not change a handout), and
        the templates folder, whose overrides a build without it could not record as absent."""
        chosen = self.settings.fingerprint()
        return {**{name: chosen[name] for name in kind.shaped_by}, "templates": str(self.settings.templates)}

    def _reuse(self, target: Target) -> bool:
        """Keep an unchanged output: same inputs, same templates, same bytes on disk."""
        path = self._path(target)
        old = self.previous.get(f"{self.unit_id}/{target.filename}")
        if path is None or self.request.force or old is None:
            return False
        pdf = unchanged(path, old, self.inputs[target], self.settings.templates)
        if pdf is None:
            return False
        self.done[target] = (pdf, None, old.pages)
        self.warnings += old.problems()  # said again: the file still leaves out what it did
        self.records.append(OutputRecord(self.unit_id, target.kind, old.path, "unchanged", 0.0, old.pages))
        return True

    def start(self, renderer: Renderer[UnitBuild]) -> None:
        """Hand this unit's outputs to the renderer; the pack follows once they are back."""
        self.unfinished = len(self.to_render)
        renderer.start(self.to_render, self, self.theme)
        self._settle(renderer)

    def _settle(self, renderer: Renderer[UnitBuild]) -> None:
        """Once every part is back, hand over the pack; once that is back too, write the unit's
        files at once, while the workers go on with other units."""
        if self.unfinished:
            return
        if not self.assembled:
            self.assembled = True
            jobs = [] if self.problems else self._assembly_jobs()
            self.unfinished = len(jobs)
            for job, siblings in jobs:
                renderer.submit(job, siblings, self)
            if self.unfinished:
                return
        self.entries = self._finish()
        self.finished = True

    def take(self, result: Result, renderer: Renderer[UnitBuild]) -> None:
        """Keep a finished output, and move the unit on when it was the last one out."""
        self._keep(result)
        self.unfinished -= 1
        self._settle(renderer)

    def _record_for(self, result: Result) -> OutputRecord:
        pages = result.rendered.pages if result.rendered else 0
        state: State = "built" if result.rendered else "failed"
        return OutputRecord(self.unit_id, result.target.kind, f"{self.unit_id}/{result.target.filename}", state,
                            result.seconds, pages)

    def _keep(self, result: Result) -> None:
        source = self.item.source
        self.problems += result.problems
        self.problems += [source.problem(*located(self.item.unit, u)) for u in result.unplaced]
        if result.rendered is None:
            return
        relative = f"{self.unit_id}/{result.target.filename}"
        pdf = result.rendered.pdf
        warnings = [source.problem(*located(self.item.unit, u)) for u in result.rendered.warnings]
        self.warnings += warnings
        entry = manifest.Entry(relative, self.unit_id, result.target.kind, result.rendered.pages, len(pdf),
                               fingerprint.digest(pdf), self.inputs[result.target], result.templates,
                               result.target.audience, [warning.to_dict() for warning in warnings],
                               result.title, result.paper, KINDS[result.target.kind].printing(result.target),
                               result.target.profile)
        self.done[result.target] = (pdf, entry, result.rendered.pages)
        if result.thumbnail is not None:
            self.thumbnails[relative] = result.thumbnail
        self.records.append(self._record_for(result))

    def _assembly_jobs(self) -> list[tuple[Job, Siblings]]:
        """Jobs for the kinds made of the others (the pack), with the finished files they need;
        an unchanged pack (same parts, same everything else) is kept instead."""
        jobs = []
        for target in self.assembling:
            # a profile's pack is made of that profile's files only
            siblings = tuple((t, pdf, pages) for t, (pdf, _, pages) in self.done.items() if t.profile == target.profile)
            kind = KINDS[target.kind]
            self.inputs[target] = fingerprint.inputs_hash(
                {"unit": kind.inputs(self.item.unit, target), "parts": _parts_for(target.audience, siblings)},
                self.theme_data[target.profile], self._shaping(kind), target.filename)
            if not self._reuse(target):
                jobs.append((self._job(target), siblings))
        return jobs

    def _finish(self) -> dict[str, manifest.Entry]:
        """Write every new file together, or none if anything failed (fsio.replace_together);
        remove files of this unit that a kind built this time no longer makes (a renamed
        worksheet); the new manifest entries."""
        if self.problems:
            return {}
        files = self._files_to_write()
        try:
            replace_together(files, self.request.out)
        except OSError as exc:
            self.problems.append(write_problem(Path(exc.filename or self.request.out), exc))
            return {}
        try:
            removed = self._remove_stale()
        except OSError as exc:
            self.problems.append(write_problem(Path(exc.filename or self.request.out), exc))
            removed = False
        new = {entry.path: entry for _, entry, _ in self.done.values() if entry is not None}
        self.written = bool(new) | removed
        # The bytes are on disk now; only which files were made is still needed.
        self.done = {target: (b"", entry, pages) for target, (_, entry, pages) in self.done.items()}
        self.thumbnails.clear()
        return new

    def _files_to_write(self) -> dict[Path, bytes]:
        """The new PDFs of this unit, and their pictures for the index, by where they go."""
        files: dict[Path, bytes] = {}
        pictures = publish.thumbnails_folder(self.request.out)
        for target, (pdf, entry, _) in self.done.items():
            path = self._path(target)
            if entry is None or path is None:
                continue
            files[path] = pdf
            if entry.path in self.thumbnails and pictures is not None:
                files[pictures / publish.thumbnail_name(entry.path)] = self.thumbnails[entry.path]
        return files

    def made(self) -> set[str]:
        """The paths of every file this unit's build makes (new or unchanged)."""
        return {f"{self.unit_id}/{t.filename}" for t in [*self.done, *self.assembling]}

    def _remove_stale(self) -> bool:
        """Delete this unit's files that the manifest lists, of a kind and profile built this
        time, that no target makes any more. Files printpack did not write are never touched.
        A profile named on the command line (``--profile large-print``) is built beside the
        others, as ``--only`` builds a kind beside the others: the unit's other profiles' files
        stay; without one, the unit's ``outputs.profiles`` is every profile it has, and the files
        of a profile it no longer lists go."""
        made = self.made()
        kinds = set(self.settings.only) or set(KINDS)
        chosen = set(self.request.settings.profiles)
        stale = [e for e in self.previous.values()
                 if e.unit == self.unit_id and e.kind in kinds and e.path not in made
                 and (not chosen or e.profile in chosen)]
        out = self.request.out  # the manifest was checked when read; this is the last guard before deleting
        remove_files([out / e.path for e in stale if manifest.in_unit_folder(out, self.unit_id, e.path)], out)
        return bool(stale)

    def record(self) -> UnitRecord:
        records = sorted(self.records, key=lambda r: r.path)
        if self.problems:
            records = [replace(r, state="failed") if r.state == "built" else r for r in records]
        # Said once: the poster and its printer sheets leave out the same events.
        return UnitRecord(str(self.item.file), self.unit_id, tuple(records), tuple(sorted(set(self.problems))),
                          tuple(dict.fromkeys(self.warnings)))


def _parts_for(audience: str, siblings: Siblings) -> list[str]:
    """The hashes of the finished files that give pages to a pack for ``audience``: the
    teacher's pack is not rebuilt when only a student's sheet changed."""
    return sorted(fingerprint.digest(pdf) for target, pdf, pages in siblings
                  if KINDS[target.kind].pack_rank is not None
                  and any(run.audience == audience for run in KINDS[target.kind].pack_pages(target, pages)))
