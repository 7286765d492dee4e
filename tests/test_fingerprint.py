"""Fingerprints change exactly when an output's inputs change."""

from __future__ import annotations

from pathlib import Path

from compiler.fingerprint import digest, inputs_hash, templates_unchanged


def test_the_hash_ignores_key_order_and_sees_every_change() -> None:
    base = inputs_hash({"a": 1, "b": [1, 2]}, {"t": 1}, {"paper": "a4"}, "handout.pdf")
    assert base == inputs_hash({"b": [1, 2], "a": 1}, {"t": 1}, {"paper": "a4"}, "handout.pdf")
    assert base != inputs_hash({"a": 2, "b": [1, 2]}, {"t": 1}, {"paper": "a4"}, "handout.pdf")
    assert base != inputs_hash({"a": 1, "b": [1, 2]}, {"t": 2}, {"paper": "a4"}, "handout.pdf")
    assert base != inputs_hash({"a": 1, "b": [1, 2]}, {"t": 1}, {"paper": "letter"}, "handout.pdf")


def test_recorded_templates_are_compared_by_content(tmp_path: Path) -> None:
    template = tmp_path / "handout.j2"
    template.write_text("one")
    recorded = {str(template): digest(b"one")}
    assert templates_unchanged(recorded)
    template.write_text("two")
    assert not templates_unchanged(recorded)
    template.unlink()
    assert not templates_unchanged(recorded)
