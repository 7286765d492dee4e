"""Every teacher mistake in tests/cases/bad/ gives exactly the located messages its header lists.

Each case file starts with comment lines ``# expect: LINE:COL PATH: MESSAGE`` (one per expected
problem; the text must appear in the problem as printed, hint included). The number of problems
must equal the number of ``expect`` lines, so a case also proves nothing spurious is reported.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from compiler.errors import Problem, ProblemsFound
from compiler.source import load_file
from compiler.validate import validate_unit

CASES = sorted((Path(__file__).parent / "cases" / "bad").glob("*.yaml"))
EXPECT = re.compile(rb"^# expect: (.+)$", re.MULTILINE)


def problems_for(path: Path) -> list[Problem]:
    try:
        validate_unit(load_file(path, display=path.name), languages={"en", "ru"})
    except ProblemsFound as exc:
        return exc.problems
    return []


def shown(problem: Problem) -> str:
    """The problem as the test compares it: ``LINE:COL PATH: MESSAGE — HINT``."""
    text = f"{problem.line}:{problem.column} {problem.path}: {problem.message}"
    return f"{text} — {problem.hint}" if problem.hint else text


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_bad_case_reports_expected_problems(case: Path) -> None:
    expected = [e.decode("utf-8").strip() for e in EXPECT.findall(case.read_bytes())]
    assert expected, f"{case.name} lists no '# expect:' lines"
    actual = [shown(p) for p in problems_for(case)]
    for want in expected:
        assert any(want in got for got in actual), f"missing {want!r} in {actual}"
    assert len(actual) == len(expected), actual
    for problem in problems_for(case):
        assert problem.file == case.name and problem.line >= 1 and problem.column >= 1
