"""Shared fixtures: small units written for a test, built into a temporary folder."""

from __future__ import annotations

import itertools
import os
import shutil
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest
from hypothesis import settings

from compiler.build import Request, build
from compiler.outputs import Settings

# Property tests run derandomized (a fixed seed, the same examples every run) and short in CI;
# HYPOTHESIS_PROFILE=long runs many more examples on demand.
settings.register_profile("ci", derandomize=True, deadline=None)
settings.register_profile("long", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REPO = Path(__file__).resolve().parent.parent

# Signal delivery, PR_SET_PDEATHSIG and /proc are tested as Linux (CI's system) has them; the
# lock's fork rule needs os.fork. CI runs every such test: its log shows no skip.
linux_only = pytest.mark.skipif(sys.platform != "linux", reason="signals and /proc as on Linux")
needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="os.fork is POSIX only")
SHIPPED_UNIT = REPO / "resources" / "soviet-foreign-policy.yaml"
SHIPPED_ID = "soviet-foreign-policy"
# A unit's text read in a test is named as a file beside the shipped unit: the shipped unit's
# pictures (pictures/…, relative to the unit) are found; a unit without pictures reads the same.
BESIDE_SHIPPED = str(SHIPPED_UNIT.parent / "u.yaml")

SMALL_UNIT = """\
format: 1
unit:
  id: small
  title: A small unit
  subtitle: Written for the tests
  subject: History
  level: Year 9
  licence: CC BY 4.0
themes:
  - {id: politics, label: Politics}
  - {id: society, label: Society}
people:
  - {id: lenin, name: Vladimir Lenin, role: Leader of Soviet Russia, themes: [politics]}
glossary:
  - {term: Comintern, definition: The Communist International.}
events:
  - {id: revolution, date: 1917-11-07, title: October Revolution, themes: [politics], people: [lenin], key: true}
  - {id: rapallo, date: 1922-04-16, title: Treaty of Rapallo, themes: [society]}
sections:
  - heading: The revolution
    theme: politics
    text: The *Bolsheviks* took power and founded the Comintern.
    points: [First point, "Second point:", {Third point: [sub one, sub two]}]
    box: {title: Think, text: "Why then?"}
    events: [revolution, rapallo]
    terms: [Comintern]
"""


@pytest.fixture
def unit_file(tmp_path: Path) -> Callable[..., Path]:
    """Write YAML text (dedented) as a unit file in tmp_path and return its path."""

    def write(text: str = SMALL_UNIT, name: str = "unit.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def shipped_build(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The shipped unit built with every kind, once per paper size per session, with two workers:
    ``shipped_build(paper)`` is a folder with ``units/`` holding a copy of the unit and ``out/``
    its build. "a4" is the unit's own setting (no ``--paper``), which is A4. Read it only: a test
    that edits or rebuilds works on a copy (``tests/build/conftest.py``'s ``shipped_copy``)."""
    folders: dict[str, Path] = {}

    def built(paper: str) -> Path:
        if paper not in folders:
            folder = tmp_path_factory.mktemp(f"shipped-{paper}")
            (folder / "units").mkdir()
            unit = folder / "units" / SHIPPED_UNIT.name
            unit.write_text(SHIPPED_UNIT.read_text(encoding="utf-8"), encoding="utf-8")
            shutil.copytree(SHIPPED_UNIT.parent / "pictures", folder / "units" / "pictures")
            settings = Settings() if paper == "a4" else Settings(paper=paper)
            report = build(Request(paths=(unit,), out=folder / "out", settings=settings, jobs=2))
            assert report.ok, report.all_problems()
            folders[paper] = folder
        return folders[paper]

    return built


@pytest.fixture(scope="session")
def shipped(shipped_build: Callable[[str], Path]) -> Callable[[str], Path]:
    """``shipped(paper)``: the folder of the shipped unit's PDFs on that paper, built once a session."""
    return lambda paper: shipped_build(paper) / "out" / SHIPPED_ID


def last_lines(pdf: Path, margin: float = 40) -> list[str]:
    """The last line of content on each page (above the footer), as pdfplumber reads it."""
    lines = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            words = [w for w in page.extract_words() if w["bottom"] < page.height - margin]
            lowest = max(w["bottom"] for w in words)
            lines.append(" ".join(w["text"] for w in words if abs(w["bottom"] - lowest) < 2))
    return lines


def overlapping_words(pdf: Path, page_numbers: list[int] | None = None) -> list[tuple[str, str, int]]:
    """Pairs of words whose boxes overlap by more than a hair, per page (a sweep along x)."""
    clashes = []
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, start=1):
            if page_numbers and number not in page_numbers:
                continue
            words = sorted(page.extract_words(keep_blank_chars=False, use_text_flow=True), key=lambda w: w["x0"])
            for i, a in enumerate(words):
                right = a["x1"] - 0.5
                for b in itertools.takewhile(lambda w, right=right: w["x0"] < right, words[i + 1:]):
                    dx = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
                    dy = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
                    if dx > 0.5 and dy > 0.5:
                        clashes.append((a["text"], b["text"], number))
    return clashes
