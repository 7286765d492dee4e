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


def test_strict_makes_every_warning_a_problem() -> None:
    slip = Problem("a.yaml", 5, 3, "events[0].date", "far", "is the year right?")
    manifest_note = Problem("out/manifest.json", 0, 0, "", "ignored 1 entry")
    report = BuildReport(units=[UnitRecord("a.yaml", "a", warnings=(slip,))], warnings=[manifest_note])
    assert report.ok and report.all_warnings() == [manifest_note, slip]
    strict = report.strict()
    assert not strict.ok and strict.all_warnings() == [] and strict.all_problems() == [manifest_note, slip]
    assert strict.summary() == "1 unit(s), 1 with errors, 2 problem(s)"
