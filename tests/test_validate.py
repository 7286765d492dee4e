"""Every teacher mistake in tests/cases/bad/ gives exactly the located messages its header lists.

Each case file starts with comment lines ``# expect: LINE:COL PATH: MESSAGE`` (one per expected
problem; the text must appear in the problem as printed, hint included). The number of problems
must equal the number of ``expect`` lines, so a case also proves nothing spurious is reported.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compiler.build.loading import unit_settings
from compiler.errors import Problem, ProblemsFound
from compiler.filenames import file_name_problems
from compiler.outputs import Settings
from compiler.source import Source, load_file, load_text
from compiler.validate import validate_unit
from tests.conftest import SMALL_UNIT
from tests.kinds.test_worksheet import ALL_TYPES

CASES = sorted((Path(__file__).parent / "cases" / "bad").glob("*.yaml"))
EXPECT = re.compile(rb"^# expect: (.+)$", re.MULTILINE)


def problems_for(path: Path) -> list[Problem]:
    """What ``printpack check`` reports for the file: validation, then the names of its outputs."""
    try:
        source = load_file(path, display=path.name)
        unit = validate_unit(source, languages={"en", "ru"})
    except ProblemsFound as exc:
        return exc.problems
    return file_name_problems(unit, source, unit_settings(unit, Settings()))


def shown(problem: Problem) -> str:
    """The problem as the test compares it: ``LINE:COL PATH: MESSAGE — HINT``."""
    text = f"{problem.line}:{problem.column} {problem.path}: {problem.message}"
    return f"{text} — {problem.hint}" if problem.hint else text


def test_every_file_in_the_cases_folder_is_a_case_with_its_expectations() -> None:
    """No case is silently skipped: a file the glob would miss (say ``.yml``) or one without
    ``# expect:`` lines fails here, not by never running."""
    folder = Path(__file__).parent / "cases" / "bad"
    assert CASES and sorted(folder.iterdir()) == CASES
    assert [case.name for case in CASES if not EXPECT.search(case.read_bytes())] == []


LOADERS = [yaml.SafeLoader, *([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])]


@pytest.fixture(params=LOADERS, ids=lambda loader: loader.__name__)
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run each case with PyYAML's pure-Python loader and with libyaml's: their wording differs."""
    monkeypatch.setattr("compiler.source._LOADER", request.param)


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
@pytest.mark.usefixtures("loader")
def test_bad_case_reports_expected_problems(case: Path) -> None:
    expected = [e.decode("utf-8").strip() for e in EXPECT.findall(case.read_bytes())]
    assert expected, f"{case.name} lists no '# expect:' lines"
    actual = [shown(p) for p in problems_for(case)]
    for want in expected:
        assert any(want in got for got in actual), f"missing {want!r} in {actual}"
    assert len(actual) == len(expected), actual
    for problem in problems_for(case):
        assert problem.file == case.name and problem.line >= 1 and problem.column >= 1


def _mutations() -> st.SearchStrategy[list[tuple[int, object]]]:
    junk = st.one_of(st.none(), st.booleans(), st.integers(-3, 3000), st.text(max_size=8),
                     st.just([]), st.just({}), st.just(["x"]), st.just({"a": 1}), st.just("1922-02-30"))
    return st.lists(st.tuples(st.integers(0, 10_000), junk), min_size=1, max_size=6)


def _paths(data: object, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([SMALL_UNIT, ALL_TYPES]), _mutations())
def test_any_mutation_gives_a_unit_or_located_problems(text: str, mutations: list[tuple[int, object]]) -> None:
    """Replace values anywhere in a valid unit: validation never crashes, every problem is located."""
    source = load_text(text, "u.yaml")
    data = copy.deepcopy(source.data)
    for pick, junk in mutations:
        paths = [p for p in _paths(data) if p]
        *parent, last = paths[pick % len(paths)]
        container = data
        for part in parent:
            container = container[part]
        container[last] = copy.deepcopy(junk)
    try:
        validate_unit(Source(source.file, data, source.values, source.keys), languages={"en"})
    except ProblemsFound as exc:
        assert exc.problems
        assert all(p.line >= 1 and p.column >= 1 and p.message for p in exc.problems)


def test_outputs_only_names_registered_kinds_and_is_reported_with_every_other_mistake() -> None:
    """A typo among the kinds is found in the same run as a malformed id beside it."""
    source = load_text("format: 1\nunit: {id: u, title: U}\noutputs:\n  only: [handout, worksheets, Timeline, posters]\n",
                       "u.yaml")
    with pytest.raises(ProblemsFound) as caught:
        validate_unit(source, kinds=("handout", "timeline", "cardsort", "worksheet", "pack"))
    found = [str(p) for p in caught.value.problems]
    assert "u.yaml:4:19: outputs.only[1]: unknown output kind 'worksheets' — did you mean 'worksheet'?" in found
    assert ("u.yaml:4:41: outputs.only[3]: unknown output kind 'posters' — one of: handout, timeline, cardsort, "
            "worksheet, pack") in found
    assert any(p.startswith("u.yaml:4:31: outputs.only[2]:") and "Timeline" in p for p in found)


NAMED = """\
format: 1
unit: {id: revolution, title: The French Revolution}
themes:
  - {id: war, label: War and Terror}
glossary:
  - {term: Émigré, definition: ""}
events:
  - {id: estates, date: 1789-05-05, title: Estates-General meets}
  - {id: bastille, date: 1789-07-44, title: Storming of the Bastille}
  - {id: oath, date: 1789-06-20, title: Tennis Court Oath, themes: [terror]}
  - {date: 1789-13-01, title: Great Fear}
  - {id: [varennes], date: 1791-06-21, title: Flight to Varennes}
card_sorts:
  - id: causes
    title: Causes
    categories: [{id: long-term, label: Long-term causes}, {id: short, label: Short-term causes}]
    cards: [{text: Debt, category: short}, {text: Bread, category: short}, {text: Ideas, category: long-trem}]
"""


def test_printed_problems_name_list_items_by_id_and_keep_the_plain_path_for_machines() -> None:
    """An item is named by the id (or glossary term) the teacher wrote at that index, even in an
    item checked after another one failed (their indices differ in the partial unit)."""
    with pytest.raises(ProblemsFound) as caught:
        validate_unit(load_text(NAMED, "u.yaml"))
    printed = {p.path: (p.line, p.column, str(p)) for p in caught.value.problems}
    assert printed["events[1].date"][:2] == (9, 26)
    assert printed["events[1].date"][2].startswith("u.yaml:9:26: events[1] (bastille).date: ")
    assert printed["events[2].themes[0]"] == (
        10, 69, "u.yaml:10:69: events[2] (oath).themes[0]: unknown theme 'terror' — the themes are: war")
    assert printed["card_sorts[0].cards[2].category"] == (
        17, 100, ("u.yaml:17:100: card_sorts[0] (causes).cards[2].category: unknown category 'long-trem' — "
                "did you mean 'long-term'?"))
    assert printed["glossary[0].definition"][2].startswith("u.yaml:6:32: glossary[0] (Émigré).definition: ")


def test_an_item_without_an_id_in_text_is_named_by_its_index_only() -> None:
    with pytest.raises(ProblemsFound) as caught:
        validate_unit(load_text(NAMED, "u.yaml"))
    printed = {p.path: str(p) for p in caught.value.problems}
    assert printed["events[3]"] == ("u.yaml:11:5: events[3]: 'id' is required here — an identifier: lowercase "
                                    "letters, digits and hyphens")
    assert printed["events[3].date"].startswith("u.yaml:11:12: events[3].date: ")
    assert printed["events[4].id"].startswith("u.yaml:12:10: events[4].id: expected text, not a list")
