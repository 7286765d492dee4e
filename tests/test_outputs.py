"""Settings merge the command line over the unit's own `outputs:` block."""

from __future__ import annotations

from compiler.build.loading import unit_settings, unit_targets
from compiler.model import Unit
from compiler.outputs import Settings

UNIT = {"format": 1, "unit": {"id": "u", "title": "U"}, "glossary": [{"term": "t", "definition": "d"}],
        "outputs": {"paper": "letter", "only": ["handout"]}}


def test_the_unit_chooses_when_the_command_line_does_not() -> None:
    unit = Unit.model_validate(UNIT)
    assert unit_settings(unit, Settings()).paper == "letter"
    assert unit_settings(unit, Settings(paper="a4")).paper == "a4"
    assert unit_settings(Unit.model_validate({**UNIT, "outputs": {}}), Settings()).paper == "a4"


def test_only_filters_kinds() -> None:
    unit = Unit.model_validate(UNIT)
    assert [t.filename for t in unit_targets(unit, unit_settings(unit, Settings()))] == ["handout.pdf"]
    assert list(unit_targets(unit, Settings(only=("timeline",)))) == []
    assert Settings(paper="a4").fingerprint() != Settings(paper="letter").fingerprint()
