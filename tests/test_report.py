"""The build report: ok, counts, summary and JSON."""

from __future__ import annotations

import json

from compiler.errors import Problem
from compiler.report import BuildReport, OutputRecord, UnitRecord


def test_summary_and_json() -> None:
    problem = Problem("b.yaml", 3, 1, "unit.id", "bad")
    report = BuildReport(units=[
        UnitRecord("a.yaml", "a", (OutputRecord("a", "handout", "a/handout.pdf", "built", 0.5, 3),
                                   OutputRecord("a", "handout", "a/x.pdf", "unchanged", 0.0, 1))),
        UnitRecord("b.yaml", None, problems=(problem,)),
    ])
    assert not report.ok
    assert report.summary() == "2 unit(s), 1 built, 1 unchanged, 1 with errors, 1 problem(s)"
    data = json.loads(json.dumps(report.to_json()))
    assert data["units"][1]["problems"][0]["line"] == 3
    assert data["units"][0]["outputs"][0]["state"] == "built"
