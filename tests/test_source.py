"""The loader keeps positions and closes the PyYAML traps of PITFALLS.md §2 and §3.

Input files that are not plain UTF-8 text files are refused by name, before they are read: a
named pipe would block the build for ever, ``/dev/zero`` never ends, a symbolic link may lead
nowhere or to itself, and a 6 GB file must be refused by its size, not read whole first.
"""

from __future__ import annotations

import copy
import os
import pickle
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from compiler import fields
from compiler.cli import main
from compiler.errors import ProblemsFound
from compiler.source import (
    MAX_BYTES,
    MAX_DEPTH,
    Numeral,
    decode_text,
    load_file,
    load_text,
    read_bytes,
)
from tests.conftest import SMALL_UNIT


def problems(text: str) -> list[str]:
    with pytest.raises(ProblemsFound) as caught:
        load_text(text, "u.yaml")
    return [str(p) for p in caught.value.problems]


def test_values_and_keys_keep_their_line_and_column() -> None:
    source = load_text("a:\n  b: [1, two]\n  c:\n    - x: 3\n", "u.yaml")
    assert source.data == {"a": {"b": ["1", "two"], "c": [{"x": "3"}]}}
    assert source.position(("a", "b", 1)) .line == 2
    assert source.position(("a", "b", 1)).column == 10
    assert source.position(("a", "c", 0, "x"), key=True).line == 4
    assert source.position(("a", "c", 0, "x"), key=True).column == 7


def test_only_true_and_false_are_booleans() -> None:
    data = load_text("a: yes\nb: No\nc: on\nd: OFF\ne: true\nf: False\n", "u.yaml").data
    assert data == {"a": "yes", "b": "No", "c": "on", "d": "OFF", "e": True, "f": False}


def test_dates_and_sexagesimals_stay_text() -> None:
    data = load_text("a: 1922-04-16\nb: 1:20\nc: 1922\nd: -44\ne: 0x1F\nf: 010\n", "u.yaml").data
    assert data == {"a": "1922-04-16", "b": "1:20", "c": "1922", "d": "-44", "e": "0x1F", "f": "010"}
    assert isinstance(data["c"], Numeral) and data["c"].number == 1922 and data["d"].number == -44


@pytest.mark.parametrize("written", ["3.10", "007", "1.50", "+44", ".5", "1.10", "-0.0", "1922"])
def test_numbers_keep_their_spelling_as_text_and_their_value_as_numbers(written: str) -> None:
    """PITFALLS.md §9: PyYAML would hand back 3.1, 7, 1.5, 44 and 0.5."""
    value = load_text(f"a: {written}\nb: [{written}]\n", "u.yaml").data
    assert value["a"] == written and value["b"] == [written]
    assert isinstance(value["a"], Numeral)
    assert value["a"].number == (int(written) if "." not in written else float(written))


def test_quoted_scalars_are_always_text() -> None:
    assert load_text("a: 'true'\nb: \"12\"\nc: ''\n", "u.yaml").data == {"a": "true", "b": "12", "c": ""}


def test_duplicate_keys_are_reported_with_both_lines_and_loading_goes_on() -> None:
    source = load_text("a: 1\nb: 2\na: 3\n", "u.yaml")
    (problem,) = source.problems
    assert str(problem).startswith("u.yaml:3:1: a: duplicate key 'a' (first given on line 1)")
    assert source.data == {"a": "1", "b": "2"}


def test_aliases_and_anchors_are_rejected_before_expansion() -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    started = time.process_time()
    found = problems("\n".join(levels) + "\n")
    assert time.process_time() - started < 5  # generous: expansion would take minutes
    assert any("aliases (*a0) are not allowed" in p for p in found)
    assert any("anchors (&a0) are not allowed" in p for p in found)


@pytest.mark.parametrize("tagged", ["!!python/object/apply:os.system ['ls']", "!!str 12", "!custom x"])
def test_tags_are_rejected(tagged: str) -> None:
    (message,) = problems(f"a: {tagged}\n")
    assert message.startswith(f"u.yaml:1:4: tags ({tagged.split()[0]}) are not allowed")


def test_deep_nesting_is_rejected_without_recursion() -> None:
    text = "a: " + "[" * 10_000 + "]" * 10_000 + "\n"
    (message,) = problems(text)
    assert f"deeper than {MAX_DEPTH} levels" in message


def test_more_than_one_document_is_rejected() -> None:
    assert any("more than one YAML document" in p for p in problems("a: 1\n---\nb: 2\n"))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "the file is empty"),
        (b"# only a comment\n\n", "the file is empty"),
        (b"a: 1\nb: \x00\x01\n", "u.yaml:2:1: this is a binary file"),
        (b"a: 1\nb: caf\xe9\n", "u.yaml:2:7: the file is not valid UTF-8"),
        (b"a" * (MAX_BYTES + 1), "a unit may be at most"),
    ],
)
def test_unreadable_files_are_reported(raw: bytes, expected: str) -> None:
    with pytest.raises(ProblemsFound) as caught:
        decode_text(raw, "u.yaml")
    assert expected in str(caught.value.problems[0])


def test_a_byte_order_mark_is_accepted() -> None:
    assert decode_text("\ufeffa: 1\n".encode(), "u.yaml") == "a: 1\n"



@given(st.from_regex(r"[-+]?(?:[0-9]{1,6}(?:\.[0-9]{0,4})?|\.[0-9]{1,4})", fullmatch=True))
def test_any_plain_number_comes_back_exactly_as_written(written: str) -> None:
    value = load_text(f"a: {written}\n", "u.yaml").data["a"]
    assert isinstance(value, Numeral) and str(value) == written
def refusal(path: Path) -> str:
    with pytest.raises(ProblemsFound) as caught:
        load_file(path)
    (problem,) = caught.value.problems
    return str(problem)


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "unit.yaml"
    os.mkfifo(pipe)
    assert refusal(pipe) == (f"{pipe}: this is a named pipe (FIFO), not a unit file — "
                             "save the unit as an ordinary file and name that")


def test_a_device_is_refused_without_reading_it() -> None:
    assert refusal(Path("/dev/zero")).startswith("/dev/zero: this is a device, not a unit file")


def test_symbolic_links_that_loop_or_lead_nowhere_are_named(tmp_path: Path) -> None:
    loop, dangling = tmp_path / "loop.yaml", tmp_path / "dangling.yaml"
    loop.symlink_to(loop)
    dangling.symlink_to(tmp_path / "gone.yaml")
    assert refusal(loop) == f"{loop}: the file is a symbolic link that leads back to itself — point the link at a real file"
    assert refusal(dangling).startswith(f"{dangling}: the file is a symbolic link to {tmp_path / 'gone.yaml'}, "
                                        "which does not exist")


def test_the_size_limit_is_checked_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    huge = tmp_path / "unit.yaml"
    with huge.open("wb") as stream:
        stream.truncate(6 * 1024**3)  # sparse: takes no space on disk

    def no_reading(*args: object) -> bytes:
        raise AssertionError("a file over the limit was read")

    monkeypatch.setattr(os, "read", no_reading)
    monkeypatch.setattr(Path, "read_bytes", no_reading)
    assert refusal(huge) == (f"{huge}: the file is 6.0 GiB; a unit may be at most 5.0 MiB — "
                             "split the unit into smaller units")


def test_an_ordinary_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "unit.yaml"
    path.write_text(SMALL_UNIT, encoding="utf-8")
    assert read_bytes(path) == SMALL_UNIT.encode()


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("bom", ["\ufeff", ""], ids=["bom", "no-bom"])
def test_utf16_and_utf32_are_named(encoding: str, bom: str) -> None:
    """Named, not read: the format is UTF-8, and a file saved once as UTF-8 suits every tool."""
    raw = (bom + SMALL_UNIT.replace("A small unit", "Холодная война")).encode(encoding)
    with pytest.raises(ProblemsFound) as caught:
        decode_text(raw, "u.yaml")
    assert str(caught.value.problems[0]) == (
        f"u.yaml:1:1: the file is {encoding[:6].upper()} text; printpack reads UTF-8 — "
        "save it again choosing the UTF-8 encoding (in Notepad: Save as, Encoding: UTF-8)")


def test_a_build_names_every_odd_file_and_still_builds_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "units"
    folder.mkdir()
    (folder / "good.yaml").write_text(SMALL_UNIT, encoding="utf-8")
    os.mkfifo(folder / "pipe.yaml")
    (folder / "loop.yaml").symlink_to(folder / "loop.yaml")
    (folder / "wide.yaml").write_bytes(SMALL_UNIT.encode("utf-16"))
    (folder / "folder.yaml").mkdir()
    (tmp_path / "empty.yaml").mkdir()
    result = CliRunner().invoke(main, ["build", str(folder), str(tmp_path / "empty.yaml"), "--out",
                                       str(tmp_path / "out"), "-j", "1"])
    assert result.exit_code == 1
    assert f"{folder / 'pipe.yaml'}: this is a named pipe (FIFO)" in result.stderr
    assert f"{folder / 'loop.yaml'}: the file is a symbolic link that leads back to itself" in result.stderr
    assert f"{folder / 'wide.yaml'}:1:1: the file is UTF-16 text" in result.stderr
    assert f"{tmp_path / 'empty.yaml'}: this is a folder, not a unit file — name the unit file inside it" \
        in result.stderr
    assert (tmp_path / "out" / "small" / "handout.pdf").is_file()


def test_the_first_key_of_a_list_item_given_again_is_taken_for_a_new_item_without_its_dash() -> None:
    """A forgotten `- ` puts a card's keys into the card above: the fix is the dash, not deleting."""
    source = load_text("cards:\n  - text: One\n    category: a\n    text: Two\n    category: b\n", "u.yaml")
    first, second = source.problems
    assert (first.line, first.column, first.path) == (4, 5, "cards[0].text")
    assert first.hint == ("if a new item starts here, put '- ' before text:; otherwise remove one of the two "
                          "(YAML would silently keep only the last)")
    assert second.hint == "remove one of the two; YAML would silently keep only the last"


def test_a_key_typed_in_quotes_keeps_its_quotes_when_the_data_is_copied_or_sent_to_a_worker() -> None:
    """``- "Sacred and inviolable": the Declaration`` is a bullet whose text starts with a quotation;
    the key remembers its quotes through a deep copy and a pickle (the build's workers)."""
    data = load_text("points:\n  - 'Sacred and inviolable': the Declaration\n", "u.yaml").data
    (key,) = data["points"][0]
    for copied in (copy.deepcopy(data), pickle.loads(pickle.dumps(data))):
        (again,) = copied["points"][0]
        assert fields.as_typed(again) == "'Sacred and inviolable'" == fields.as_typed(key)
