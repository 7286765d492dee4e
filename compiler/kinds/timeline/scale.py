"""The time axis: where each date goes across the poster, and the years it marks.

:class:`TimeScale` maps a position on the shared axis (``PartialDate.axis()``, in years, so BC
and the missing year 0 are handled once) to x, in the poster's design points, and gives the
ticks to print under the axis.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from compiler.dates import PartialDate


@dataclass(frozen=True)
class TimeScale:
    """A proportional axis from ``t0`` (at ``x0``) to ``t1`` (at ``x1``)."""

    t0: float
    t1: float
    x0: float
    x1: float

    @property
    def points_per_year(self) -> float:
        return (self.x1 - self.x0) / max(self.t1 - self.t0, 1 / 365)

    def x(self, position: float) -> float:
        """The x of an axis position (in years)."""
        return self.x0 + (position - self.t0) * self.points_per_year

    def ticks(self, bc: str) -> list[tuple[float, str]]:
        """The x and the printed year of each tick: round years about 70 pt apart."""
        step = max(_tick_step(self.t1 - self.t0, self.x1 - self.x0), 1)
        ticks = []
        year = math.ceil(_display_year(self.t0) / step) * step
        while True:
            shown = int(year)
            if shown != 0:
                position = PartialDate(shown).axis()
                if position > self.t1:
                    break
                if position >= self.t0:
                    ticks.append((self.x(position), _tick_label(shown, bc)))
            year += step
        return ticks


def time_scale(starts: Sequence[float], ends: Sequence[float], x0: float, x1: float,
               left_room: float, right_room: float) -> TimeScale:
    """A proportional scale putting the earliest of ``starts`` ``left_room`` after ``x0`` and the
    latest of ``ends`` ``right_room`` before ``x1``."""
    t0, t1 = min(starts), max(ends)
    per_year = (x1 - x0 - left_room - right_room) / max(t1 - t0, 1 / 365)
    return TimeScale(t0 - left_room / per_year, t1 + right_room / per_year, x0, x1)


def _tick_step(span: float, width: float) -> float:
    """A round interval in years giving ticks at least ~70 pt apart."""
    wanted = span / max(width / 70, 1)
    for step in (1 / 12, 1 / 4, 1 / 2, 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000):
        if step >= wanted:
            return step
    return 5000.0


def _tick_label(year: int, bc: str) -> str:
    return f"{-year} {bc}" if year < 0 else str(year)


def _display_year(position: float) -> float:
    """The calendar year (negative for BC) at an axis position."""
    year = math.floor(position)
    return year - 1 if year <= 0 else year
