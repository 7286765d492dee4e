"""The build report: what happened to every output and unit, for the CLI to print or emit as JSON."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from compiler.errors import Problem

State = Literal["built", "unchanged", "failed"]


@dataclass(frozen=True)
class OutputRecord:
    unit: str
    kind: str
    path: str
    state: State
    seconds: float = 0.0
    pages: int = 0


@dataclass(frozen=True)
class UnitRecord:
    file: str
    unit: str | None
    outputs: tuple[OutputRecord, ...] = ()
    problems: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()  # worth saying, but nothing is wrong (a slip, a unit with nothing to print)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class BuildReport:
    units: list[UnitRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # not tied to one unit (theme, templates)
    warnings: list[Problem] = field(default_factory=list)  # ignored manifest entries; they do not fail a build

    @property
    def ok(self) -> bool:
        return not self.problems and all(u.ok for u in self.units)

    def all_problems(self) -> list[Problem]:
        return [*self.problems, *(p for u in self.units for p in u.problems)]

    def all_warnings(self) -> list[Problem]:
        return [*self.warnings, *(w for u in self.units for w in u.warnings)]

    def strict(self) -> BuildReport:
        """This report with every warning made a problem (``--strict``): the run fails on it."""
        units = [replace(u, problems=tuple(sorted({*u.problems, *u.warnings})), warnings=()) for u in self.units]
        return BuildReport(units, [*self.problems, *self.warnings], [])

    def count(self, state: State) -> int:
        return sum(1 for u in self.units for o in u.outputs if o.state == state)

    def summary(self) -> str:
        failed_units = sum(1 for u in self.units if not u.ok)
        parts = [f"{len(self.units)} unit(s)"]
        if any(u.outputs for u in self.units):
            parts += [f"{self.count('built')} built", f"{self.count('unchanged')} unchanged"]
        if failed_units:
            parts.append(f"{failed_units} with errors")
        problems = len(self.all_problems())
        if problems:
            parts.append(f"{problems} problem(s)")
        return ", ".join(parts)

    def to_json(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "summary": self.summary(),
            "problems": [p.to_dict() for p in self.problems],
            "warnings": [w.to_dict() for w in self.all_warnings()],
            "units": [
                {
                    "file": u.file,
                    "unit": u.unit,
                    "ok": u.ok,
                    "problems": [p.to_dict() for p in u.problems],
                    "outputs": [
                        {"kind": o.kind, "path": o.path, "state": o.state, "pages": o.pages,
                         "seconds": round(o.seconds, 4)}
                        for o in u.outputs
                    ],
                }
                for u in self.units
            ],
        }
