"""The command line: commands, exit codes 0/1/2 and 128 + N, --json on stdout, messages on stderr."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from compiler import __version__
from compiler.build import Request
from compiler.cli import main
from compiler.watch import Rebuild
from compiler.watch import watch as real_watch
from tests.conftest import REPO, SMALL_UNIT, linux_only


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_build_exits_0_and_reports_on_stderr(runner: CliRunner, unit_file, tmp_path: Path) -> None:
    result = runner.invoke(main, ["build", str(unit_file()), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "built      small/handout.pdf" in result.stderr
    assert (tmp_path / "out" / "small" / "handout.pdf").is_file()


def test_content_errors_exit_1_with_located_messages(runner: CliRunner, unit_file, tmp_path: Path) -> None:
    bad = unit_file(SMALL_UNIT.replace("themes: [society]", "themes: [socety]").replace("title: A small", "titel: A small"))
    result = runner.invoke(main, ["check", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:4:3: unit.titel: unknown key 'titel' — did you mean 'title'?" in result.stderr
    assert f"{bad}:18:72: events[1] (rapallo).themes[0]: unknown theme 'socety' — did you mean 'society'?" in result.stderr
    assert "Traceback" not in result.output


def test_usage_errors_exit_2(runner: CliRunner) -> None:
    assert runner.invoke(main, ["build", "--paper", "a5"]).exit_code == 2
    assert runner.invoke(main, ["build", "--only", "posters"]).exit_code == 2
    assert runner.invoke(main, ["frobnicate"]).exit_code == 2


def test_json_report_owns_stdout(runner: CliRunner, unit_file, tmp_path: Path) -> None:
    result = runner.invoke(main, ["build", str(unit_file()), "--out", str(tmp_path / "o"), "--json"])
    report = json.loads(result.stdout)
    assert report["ok"] is True
    (output,) = [o for o in report["units"][0]["outputs"] if o["kind"] == "handout"]
    assert output == {"kind": "handout", "path": "small/handout.pdf", "state": "built",
                      "pages": output["pages"], "seconds": output["seconds"]}


def test_json_report_carries_problems(runner: CliRunner, unit_file) -> None:
    bad = unit_file(SMALL_UNIT.replace("key: true", "key: yes"))
    report = json.loads(runner.invoke(main, ["check", str(bad), "--json"]).stdout)
    (problem,) = report["units"][0]["problems"]
    assert problem["path"] == "events[0].key" and problem["line"] == 17
    assert problem["named_path"] == "events[0] (revolution).key"


def test_quiet_prints_nothing_on_success(runner: CliRunner, unit_file, tmp_path: Path) -> None:
    result = runner.invoke(main, ["build", str(unit_file()), "--out", str(tmp_path / "o"), "--quiet"])
    assert result.exit_code == 0 and result.output == ""


def test_internal_errors_are_one_line_unless_debug(runner: CliRunner, unit_file, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("compiler.manifest.write", broken)  # a bug outside any one unit's drawing
    args = ["build", str(unit_file()), "--out", str(tmp_path / "o")]
    result = runner.invoke(main, args)
    assert result.exit_code == 1 and "internal error: RuntimeError: boom" in result.stderr
    assert "Traceback" not in result.stderr
    assert "Traceback" in runner.invoke(main, [*args, "--debug"]).stderr


def test_a_bug_drawing_a_file_is_reported_on_its_unit_and_raised_with_debug(
        runner: CliRunner, unit_file, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("compiler.kinds.handout.draw.render", broken)
    args = ["build", str(unit_file()), "--out", str(tmp_path / "o"), "--only", "handout"]
    result = runner.invoke(main, args)
    assert result.exit_code == 1 and "printpack failed while drawing handout.pdf (RuntimeError: boom" in result.stderr
    debugged = runner.invoke(main, [*args, "--debug"])
    assert debugged.exit_code == 1 and "Traceback" in debugged.stderr and "RuntimeError: boom" in debugged.stderr


def test_new_writes_a_starter_that_builds(runner: CliRunner, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(main, ["new", "The Cold War"]).exit_code == 0
    assert Path("resources/the-cold-war.yaml").read_text().startswith(
        "# yaml-language-server: $schema=printpack.schema.json")
    assert json.loads(Path("resources/printpack.schema.json").read_text())["title"].startswith("printpack unit")
    assert runner.invoke(main, ["new", "The Cold War"]).exit_code == 2
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    assert Path("output/the-cold-war/handout.pdf").is_file()


def test_watch_prints_one_line_per_build_the_first_and_an_unchanged_one_included(
        runner: CliRunner, unit_file, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After every build, the first included, watch says what it built, or that nothing needed
    building, and how long it took: a teacher sees that a save was noticed."""
    unit = unit_file()
    stop = threading.Event()
    rebuilds: list[Rebuild] = []

    def watch_twice(request: Request, on_rebuild: Callable[[Rebuild], None]) -> None:
        def counted(rebuild: Rebuild) -> None:
            on_rebuild(rebuild)
            rebuilds.append(rebuild)
            if len(rebuilds) == 1:  # saved again as it was, once the watcher is watching
                threading.Timer(0.5, unit.write_text, args=(unit.read_text(encoding="utf-8"),)).start()
            else:
                stop.set()

        guard = threading.Timer(60, stop.set)  # a hang guard
        guard.start()
        real_watch(request, counted, stop, debounce_ms=50)
        guard.cancel()

    monkeypatch.setattr("compiler.cli.watch", watch_twice)
    result = runner.invoke(main, ["watch", str(unit), "--out", str(tmp_path / "out"), "--only", "handout"])
    assert result.exit_code == 0 and len(rebuilds) == 2, result.output
    lines = result.stderr.splitlines()
    assert lines[0].startswith("built      small/handout.pdf")
    assert re.fullmatch(r"watch: 1 unit\(s\), 1 built, 0 unchanged in [0-9]+\.[0-9]{2} s", lines[1]), lines
    assert lines[2] == "watching for changes (Ctrl-C to stop)"
    assert re.fullmatch(r"watch: unit\.yaml saved: nothing changed \(1 output up to date\) in [0-9]+\.[0-9]{2} s",
                        lines[3]), lines
    assert lines[4:] == ["stopped"]


def test_list_names_the_files_a_unit_would_produce(runner: CliRunner, unit_file) -> None:
    result = runner.invoke(main, ["list", str(unit_file()), "--json"])
    assert json.loads(result.stdout) == {"small": [
        "output/small/handout.pdf", "output/small/timeline.pdf", "output/small/timeline-tiled.pdf",
        "output/small/timeline-blank.pdf", "output/small/timeline-blank-key.pdf",
        "output/small/flashcards-glossary.pdf", "output/small/flashcards-people.pdf",
        "output/small/flashcards-events.pdf", "output/small/pack.pdf"]}


def test_list_checks_text_against_the_chosen_theme_s_fonts(runner: CliRunner, unit_file, tmp_path: Path) -> None:
    """A tick is in DejaVu Sans only: listed with the default theme it is a problem, with a sans theme it is not."""
    unit = unit_file(SMALL_UNIT.replace("title: A small unit", "title: Checked ✓"))
    sans = tmp_path / "sans.yaml"
    sans.write_text("extends: default\nfonts: {body: DejaVuSans}\n", encoding="utf-8")
    default = runner.invoke(main, ["list", str(unit)])
    assert default.exit_code == 1 and "unit.title: the character '✓' (U+2713)" in default.stderr
    assert runner.invoke(main, ["list", str(unit), "--theme", str(sans)]).exit_code == 0
    unknown = runner.invoke(main, ["list", str(unit), "--theme", "nope"])
    assert unknown.exit_code == 1 and "no theme 'nope'" in unknown.stderr


def test_schema_is_json_schema_for_the_format(runner: CliRunner) -> None:
    schema = json.loads(runner.invoke(main, ["schema"]).stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert {"format", "unit"} <= set(schema["required"])


def test_check_prints_five_located_errors_for_five_mistakes(runner: CliRunner, unit_file) -> None:
    """The issue's promise: five mistakes of different kinds, five located messages, one run."""
    text = (SMALL_UNIT.replace("title: A small unit", "titel: A small unit")         # unknown key
            .replace("date: 1917-11-07", "date: 1917-11-31")                          # impossible date
            .replace("key: true", "key: yes")                                         # yes is text
            .replace("themes: [society]", "themes: [socety]")                         # dangling reference
            .replace("terms: [Comintern]", "terms: [Comintren]"))                     # unknown glossary term
    bad = unit_file(text)
    result = runner.invoke(main, ["check", str(bad)])
    lines = [line for line in result.stderr.splitlines() if line.startswith(str(bad))]
    assert result.exit_code == 1
    assert [line.split(": ", 2)[1] for line in lines] == [
        "unit.titel", "events[0] (revolution).date", "events[0] (revolution).key", "events[1] (rapallo).themes[0]",
        "sections[0].terms[0]"]
    assert all(line[len(str(bad)):].count(":") >= 3 for line in lines)


def test_an_empty_out_is_a_usage_error(runner: CliRunner, unit_file, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["build", str(unit_file()), "--out", ""])
    assert result.exit_code == 2 and "'--out': give a folder name" in result.stderr
    assert not (tmp_path / "small").exists() and not (tmp_path / "manifest.json").exists()


def test_jobs_above_the_cores_are_capped_with_a_note(runner: CliRunner, unit_file, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("compiler.cli.usable_cores", lambda: 2)
    unit = unit_file()
    result = runner.invoke(main, ["build", str(unit), "--out", str(tmp_path / "o"), "--jobs", "64", "--only", "handout"])
    assert result.exit_code == 0 and (tmp_path / "o" / "small" / "handout.pdf").is_file()
    assert "note: --jobs 64 is more than the 2 cores printpack may use here; using 2" in result.stderr
    at_the_cores = runner.invoke(main, ["build", str(unit), "--out", str(tmp_path / "o2"), "--jobs", "2", "--only", "handout"])
    assert at_the_cores.exit_code == 0 and "note:" not in at_the_cores.stderr


def test_no_units_found_exits_1_and_says_what_was_there(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "units").mkdir()
    (tmp_path / "units" / "notes.txt").write_text("x")
    result = runner.invoke(main, ["build", str(tmp_path / "units"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert f"{tmp_path / 'units'}: no unit files found (it holds 1 other file(s): notes.txt)" in result.stderr


def test_warnings_are_printed_and_do_not_fail_the_build(runner: CliRunner, unit_file, tmp_path: Path) -> None:
    bare = unit_file("format: 1\nunit: {id: bare, title: Bare}\n")
    result = runner.invoke(main, ["build", str(bare), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0
    assert f"warning: {bare}:2:7: unit: unit 'bare' has nothing to print yet" in result.stderr
    assert "built " not in result.stderr
def test_a_unit_with_text_taller_than_a_page_fails_alone_and_json_is_complete(runner: CliRunner, unit_file,
                                                                                tmp_path: Path) -> None:
    long_title = " ".join(["The very long title of a unit"] * 150)
    bad = unit_file(SMALL_UNIT.replace("title: A small unit", f"title: {long_title}"), name="bad.yaml")
    good = unit_file(SMALL_UNIT.replace("id: small", "id: good"), name="good.yaml")
    result = runner.invoke(main, ["build", str(bad), str(good), "--out", str(tmp_path / "o"), "--json", "-j", "1"])
    assert result.exit_code == 1 and "internal error" not in result.output
    report = json.loads(result.stdout)
    units = {u["unit"]: u for u in report["units"]}
    assert units["good"]["ok"] and (tmp_path / "o" / "good" / "handout.pdf").is_file()
    (problem, *_) = units["small"]["problems"]
    assert (problem["line"], problem["column"], problem["path"]) == (4, 10, "unit.title")
    assert problem["message"] == "the text is taller than a page"
    assert f"it has {len(long_title)} characters: shorten it to at most about" in problem["hint"]


def test_json_gets_a_report_even_after_an_internal_error(runner: CliRunner, unit_file, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("compiler.manifest.write", broken)
    result = runner.invoke(main, ["build", str(unit_file()), "--out", str(tmp_path / "o"), "--json"])
    report = json.loads(result.stdout)
    assert result.exit_code == 1 and report["ok"] is False
    assert report["problems"][0]["message"] == "internal error: RuntimeError: boom"


def test_new_gives_a_readable_ascii_id_for_a_title_in_any_script(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["new", "Холодная война", "--dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "kholodnaya-voyna.yaml").read_text(encoding="utf-8")
    assert "id: kholodnaya-voyna" in text and 'title: "Холодная война"' in text
    assert runner.invoke(main, ["new", "Ψυχρός Πόλεμος", "--dir", str(tmp_path)]).exit_code == 0
    assert (tmp_path / "psychros-polemos.yaml").is_file()


@pytest.mark.parametrize("where", ["file-as-folder", "too-long"])
def test_new_reports_a_folder_it_cannot_write_without_a_traceback(runner: CliRunner, tmp_path: Path,
                                                                  where: str) -> None:
    (tmp_path / "notes.txt").write_text("x")
    folder = tmp_path / "notes.txt" / "units" if where == "file-as-folder" else tmp_path / ("x" * 300)
    result = runner.invoke(main, ["new", "The Cold War", "--dir", str(folder)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.startswith("Error: cannot write ") and "internal error" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_new_on_a_full_disk_leaves_no_file_behind(runner: CliRunner, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import os

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("compiler.starter.os.fsync", full)
    result = runner.invoke(main, ["new", "The Cold War", "--dir", str(tmp_path)])
    assert result.exit_code == 1 and "No space left on device" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_new_never_replaces_an_existing_file(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "the-cold-war.yaml").write_text("mine", encoding="utf-8")
    result = runner.invoke(main, ["new", "The Cold War", "--dir", str(tmp_path)])
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert (tmp_path / "the-cold-war.yaml").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["the-cold-war.yaml"]


IMPORTED = REPO / "tests" / "importers" / "files"


def test_import_writes_a_unit_that_check_passes_and_says_what_it_wrote(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "units" / "french-revolution.yaml"
    result = runner.invoke(main, ["import", str(IMPORTED / "outline-revolution.md"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr == (f"wrote {out} from a bullet outline (3 sections, 1 flash-card set of 3 cards); "
                             f"read it through, then run: printpack check {out}\n")
    assert "  id: french-revolution\n  title: The French Revolution\n" in out.read_text(encoding="utf-8")
    assert runner.invoke(main, ["check", str(out)]).exit_code == 0


def test_import_takes_the_id_title_and_format_given(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "unit.yaml"
    result = runner.invoke(main, ["import", str(IMPORTED / "quizlet-spanish.txt"), "--out", str(out), "--id", "spanish",
                                  "--title", "Animals and home", "--format", "anki"])
    assert result.exit_code == 0, result.output
    assert "(an Anki text export)" in out.read_text(encoding="utf-8").splitlines()[0]
    assert "  id: spanish\n  title: Animals and home\n" in out.read_text(encoding="utf-8")


def test_import_never_replaces_a_file_without_force(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "unit.yaml"
    out.write_text("mine\n", encoding="utf-8")
    result = runner.invoke(main, ["import", str(IMPORTED / "meiji.opml"), "--out", str(out)])
    assert result.exit_code == 2 and "already exists" in result.stderr and "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "mine\n"
    assert runner.invoke(main, ["import", str(IMPORTED / "meiji.opml"), "--out", str(out), "--force"]).exit_code == 0
    assert "title: Meiji Japan" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("arguments", [["--format", "powerpoint"], ["--id", "Not An Id"], ["--out-extra"]])
def test_import_usage_errors_exit_2(runner: CliRunner, tmp_path: Path, arguments: list[str]) -> None:
    result = runner.invoke(main, ["import", str(IMPORTED / "meiji.opml"), "--out", str(tmp_path / "u.yaml"), *arguments])
    assert result.exit_code == 2
    assert runner.invoke(main, ["import", str(IMPORTED / "meiji.opml"), "--out", str(tmp_path / "u.txt")]).exit_code == 2
    assert not (tmp_path / "u.yaml").exists()


def test_an_unreadable_file_exits_1_with_file_line_message_and_hint(runner: CliRunner, tmp_path: Path) -> None:
    broken = tmp_path / "causes.opml"
    broken.write_text('<opml>\n<body>\n<outline text="Causes">\n</body></opml>\n', encoding="utf-8")
    result = runner.invoke(main, ["import", str(broken), "--out", str(tmp_path / "u.yaml")])
    assert result.exit_code == 1
    assert re.fullmatch(rf"{re.escape(str(broken))}:4: the XML is broken .* — open the file in the program that made "
                        r"it and export an OPML file again\n", result.stderr)
    latin = tmp_path / "words.txt"
    latin.write_bytes("el niño\tthe boy\n".encode("cp1252"))
    result = runner.invoke(main, ["import", str(latin), "--out", str(tmp_path / "u.yaml")])
    assert result.exit_code == 1 and result.stderr.startswith(f"{latin}:1: the file is not UTF-8 text")
    assert not (tmp_path / "u.yaml").exists() and "Traceback" not in result.output


def test_import_keeps_what_check_refuses_and_says_so(runner: CliRunner, tmp_path: Path) -> None:
    words = tmp_path / "kanji.txt"
    words.write_text("猫\tcat\n犬\tdog\n", encoding="utf-8")
    out = tmp_path / "kanji.yaml"
    result = runner.invoke(main, ["import", str(words), "--out", str(out)])
    assert result.exit_code == 1 and out.is_file()
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"wrote {out}, but printpack check finds problems in it")
    assert "the character '猫' (U+732B) cannot be printed" in lines[1]


def test_import_help_lists_the_registered_formats(runner: CliRunner) -> None:
    result = runner.invoke(main, ["import", "--help"])
    assert result.exit_code == 0
    for name in ("anki", "quizlet", "outline", "opml", "freemind"):
        assert re.search(rf"^\s+{name}\s+\S", result.output, re.MULTILINE), name


def test_keys_and_file_names_print_escaped_on_one_line(runner: CliRunner, tmp_path: Path) -> None:
    """A key or a file name holding terminal controls (an OSC 8 link, ESC, BEL, CR, a C1 CSI,
    backspace) or invisible characters prints them as escapes: one visible line per problem."""
    folder = tmp_path / "k\x1b[31mred\n"
    folder.mkdir()
    unit = folder / "u.yaml"
    unit.write_text('format: 1\nunit:\n  id: u\n  title: U\n'
                    '  "\\e]8;;http://evil.example\\aCLICK\\e]8;;\\a": 1\n'
                    '  "\\x9b2J\\rOVER\\b": 2\n  "ti\\u200btle\\u2028\\u202e": x\n', encoding="utf-8")
    result = runner.invoke(main, ["check", str(unit)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len([line for line in lines if "unknown key" in line]) == 3
    assert not any(control in result.stderr for control in "\x1b\x07\x9b\r\b\u200b\u2028\u202e")
    assert all(line.startswith((str(tmp_path), "check:")) for line in lines)
    assert "unit.\\x1b]8;;http://evil.example\\x07CLICK" in result.stderr
    assert "unit.ti\\u200btle\\u2028\\u202e: unknown key" in result.stderr
    assert "k\\x1b[31mred\\n" in result.stderr
@pytest.mark.parametrize("shard", ["²/³", "1/٣", "a/2", "1/2/3", "3/2", "0/2", "/2", "1/"])
def test_a_shard_in_anything_but_ascii_digits_is_a_usage_error(runner: CliRunner, unit_file, shard: str) -> None:
    result = runner.invoke(main, ["check", str(unit_file()), "--shard", shard])
    assert result.exit_code == 2, result.output
    assert "write K/N with 1 <= K <= N" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("value", ["abc", "1e9", "1_600_000_000", "-5", "+5", "1600000000.5", "١٦٠٠٠٠٠٠٠٠",
                                   "253402300800", "99999999999999999999"])
def test_a_bad_source_date_epoch_is_a_usage_error_naming_the_variable(runner: CliRunner, unit_file, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch,
                                                                       value: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    result = runner.invoke(main, ["build", str(unit_file()), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert "SOURCE_DATE_EPOCH" in result.stderr and "whole number of seconds since 1970-01-01 UTC" in result.stderr
    assert "internal error" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_source_date_epoch_in_another_spelling_is_the_same_date_and_no_change(runner: CliRunner, unit_file,
                                                                              tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from pypdf import PdfReader

    unit, out = unit_file(), tmp_path / "out"
    args = ["build", str(unit), "--out", str(out), "--only", "handout"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    assert runner.invoke(main, args).exit_code == 0
    first = (out / "small" / "handout.pdf").read_bytes()
    assert PdfReader(out / "small" / "handout.pdf").metadata["/CreationDate"].startswith("D:20200913")
    for spelling in (" 1600000000", "1600000000\n", "01600000000"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", spelling)
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.output
        assert "0 built, 1 unchanged" in result.stderr, spelling  # the same moment: nothing to rebuild
    assert (out / "small" / "handout.pdf").read_bytes() == first


def test_the_last_pdf_second_is_accepted(runner: CliRunner, unit_file, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from pypdf import PdfReader

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "253402300799")
    result = runner.invoke(main, ["build", str(unit_file()), "--out", str(tmp_path / "out"), "--only", "handout"])
    assert result.exit_code == 0, result.output
    assert PdfReader(tmp_path / "out" / "small" / "handout.pdf").metadata["/CreationDate"].startswith("D:99991231235959")


@pytest.mark.parametrize("where", ["out", "out/sub"])
def test_out_through_a_dangling_symlink_or_a_file_is_a_usage_error(runner: CliRunner, unit_file, tmp_path: Path,
                                                                    where: str) -> None:
    (tmp_path / "out").symlink_to(tmp_path / "gone")
    result = runner.invoke(main, ["build", str(unit_file()), "--out", str(tmp_path / where)])
    assert result.exit_code == 2, result.output
    assert f"{tmp_path / 'out'} is a symbolic link to {tmp_path / 'gone'}, which does not exist" in result.stderr
    (tmp_path / "out").unlink()
    (tmp_path / "out").write_text("a file")
    result = runner.invoke(main, ["build", str(unit_file()), "--out", str(tmp_path / "out" / "sub")])
    assert result.exit_code == 2, result.output
    assert f"{tmp_path / 'out'} is a file, not a folder" in result.stderr


# Exit codes of a run a signal stops (Ctrl-C, SIGTERM, SIGHUP), whenever it comes: 128 + N while
# there is work to stop, whatever the code the signal interrupts does with the exception; the
# report's code once the report is complete; 0 for Ctrl-C while ``watch`` waits for changes.
# Every run is a real process (signal handlers belong to the whole process), with one function
# patched to send the signal at the moment under test.

# argv: the patch (Python), then the printpack command line.
RUN = """
import os, signal, sys, time
import compiler.build, compiler.cli, compiler.watch
exec(sys.argv[1])
sys.argv = ["printpack", *sys.argv[2:]]
compiler.cli.main()
"""

# While the command line is read: before the build installs anything of its own.
WHILE_STARTING = """
capped = compiler.cli._capped_jobs
def _capped_jobs(*args, **kwargs):
    signal.raise_signal(signal.{name})
    return capped(*args, **kwargs)
compiler.cli._capped_jobs = _capped_jobs
"""

# A library (pydantic-core does this while building a schema) catches the exception the signal
# handler raised and raises its own: while building, or while the command line is read.
WRAPPING = """
def {function}(*args, **kwargs):
    try:
        signal.raise_signal(signal.{{name}})
        time.sleep(30)
    except BaseException as exc:
        raise ValueError("a library wrapped what it caught") from exc
{targets} = {function}
"""
WRAPPED = WRAPPING.format(function="build", targets="compiler.cli.run_build = compiler.watch.build")
WRAPPED_WHILE_STARTING = WRAPPING.format(function="_capped_jobs", targets="compiler.cli._capped_jobs")

# Code that catches the exception the handler raised and carries on (a fork hook reports and
# drops it; ReportLab's font reader turned it into "corrupt font" and the build went on).
SWALLOWED = """
build_units = compiler.cli.run_build
def build(*args, **kwargs):
    try:
        signal.raise_signal(signal.{name})
        time.sleep(30)
    except BaseException:
        pass
    return build_units(*args, **kwargs)
compiler.cli.run_build = build
"""

# Just after the summary line is printed.
AFTER_THE_REPORT = """
say = compiler.cli._say
def _say(message):
    say(message)
    if message.startswith("build:"):
        signal.raise_signal(signal.{name})
compiler.cli._say = _say
"""


def run(patch: str, name: str, *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", RUN, patch.replace("{name}", name), *command],
                          capture_output=True, text=True, timeout=120, check=False)  # a hang guard


@linux_only
@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("command", ["build", "watch"])
def test_a_signal_while_the_command_line_is_read_exits_128_plus_n(unit_file, tmp_path: Path, name: str,
                                                                  command: str) -> None:
    done = run(WHILE_STARTING, name, command, str(unit_file()), "--out", str(tmp_path / "out"))
    assert done.returncode == 128 + signal.Signals[name], done.stderr
    assert f"stopped by {name}" in done.stderr
    assert "Aborted!" not in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


@linux_only
@pytest.mark.parametrize("name", ["SIGHUP", "SIGINT"])
@pytest.mark.parametrize("command", ["build", "watch"])
@pytest.mark.parametrize("patch", [WRAPPED, WRAPPED_WHILE_STARTING], ids=["building", "starting"])
def test_a_signal_a_library_wrapped_is_still_a_stop_not_an_internal_error(unit_file, tmp_path: Path, name: str,
                                                                          command: str, patch: str) -> None:
    done = run(patch, name, command, str(unit_file()), "--out", str(tmp_path / "out"), "--json")
    assert done.returncode == 128 + signal.Signals[name], done.stderr
    assert f"stopped by {name}" in done.stderr
    assert "internal error" not in done.stderr + done.stdout and "Traceback" not in done.stderr


@linux_only
@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM"])
def test_a_signal_some_code_swallowed_still_stops_the_run(unit_file, tmp_path: Path, name: str) -> None:
    done = run(SWALLOWED, name, "build", str(unit_file()), "--out", str(tmp_path / "out"), "--only", "handout,cardsort")
    assert done.returncode == 128 + signal.Signals[name], done.stderr
    assert f"stopped by {name}" in done.stderr
    assert "built      " not in done.stderr  # stopped at the first output, not after the last


@linux_only
@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_a_signal_after_the_summary_exits_by_the_report(unit_file, tmp_path: Path, name: str) -> None:
    done = run(AFTER_THE_REPORT, name, "build", str(unit_file()), "--out", str(tmp_path / "out"), "--only", "handout")
    assert done.returncode == 0, done.stderr
    assert "build: 1 unit(s), 1 built" in done.stderr and "stopped" not in done.stderr
    assert (tmp_path / "out" / "small" / "handout.pdf").is_file()


@linux_only
@pytest.mark.parametrize(("name", "code"), [("SIGINT", 0), ("SIGTERM", 143), ("SIGHUP", 129)])
def test_watch_stopped_while_waiting_exits_0_for_ctrl_c_and_128_plus_n_otherwise(unit_file, tmp_path: Path,
                                                                                 name: str, code: int) -> None:
    child = subprocess.Popen([sys.executable, "-m", "compiler", "watch", str(unit_file()), "--out", str(tmp_path / "out"),
                              "--only", "handout"], stderr=subprocess.PIPE, text=True)
    guard = threading.Timer(120, child.kill)  # a hang guard
    guard.start()
    try:
        lines = []
        for line in child.stderr:
            lines.append(line)
            if line.startswith("watching for changes"):
                child.send_signal(signal.Signals[name])
                break
        rest = child.stderr.read()
        child.wait()
    finally:
        guard.cancel()
        child.kill()
        child.wait()
        child.stderr.close()
    assert child.returncode == code, "".join(lines) + rest
    assert "Traceback" not in rest
    assert rest.endswith("stopped\n") if code == 0 else f"stopped by {name}" in rest


def test_merge_makes_one_site_of_the_shards_and_exits_1_on_a_conflict(runner: CliRunner, tmp_path: Path) -> None:
    units = tmp_path / "units"
    units.mkdir()
    for name in ("alpha", "beta", "gamma", "delta"):
        (units / f"{name}.yaml").write_text(SMALL_UNIT.replace("id: small", f"id: {name}"), encoding="utf-8")
    shards = []
    for k in (1, 2):
        shards.append(str(tmp_path / f"out-{k}"))
        result = runner.invoke(main, ["build", str(units), "--only", "handout", "--shard", f"{k}/2", "--out", shards[-1]])
        assert result.exit_code == 0, result.output
    site = tmp_path / "site"
    result = runner.invoke(main, ["merge", *shards, "--out", str(site)])
    assert result.exit_code == 0, result.output
    assert "merge: 4 unit(s), 4 file(s) from 2 folder(s)" in result.stderr
    assert sorted(p.name for p in site.glob("*/handout.pdf") if p.parent.name != "thumbnails") == ["handout.pdf"] * 4
    assert all(f'href="{name}/handout.pdf"' in (site / "index.html").read_text(encoding="utf-8")
               for name in ("alpha", "beta", "gamma", "delta"))
    (units / "alpha.yaml").write_text(SMALL_UNIT.replace("id: small", "id: alpha").replace("First", "Other"),
                                      encoding="utf-8")
    other = str(tmp_path / "other")
    assert runner.invoke(main, ["build", str(units / "alpha.yaml"), "--out", other]).exit_code == 0
    result = runner.invoke(main, ["merge", *shards, other, "--out", str(site)])
    assert result.exit_code == 1
    assert f"{Path(other) / 'manifest.json'}: unit 'alpha' is also in" in result.stderr


def test_merge_skips_a_missing_shard_folder_with_a_warning(runner: CliRunner, tmp_path: Path) -> None:
    """A shard with no unit writes no folder: the documented command still publishes the others."""
    units = tmp_path / "units"
    units.mkdir()
    (units / "alpha.yaml").write_text(SMALL_UNIT.replace("id: small", "id: alpha"), encoding="utf-8")
    shard, missing, site = tmp_path / "out-1", tmp_path / "z1", tmp_path / "site"
    assert runner.invoke(main, ["build", str(units), "--only", "handout", "--out", str(shard)]).exit_code == 0
    result = runner.invoke(main, ["merge", str(shard), str(missing), "--out", str(site)])
    assert result.exit_code == 0, result.output
    assert f"warning: {missing}: does not exist: skipped" in result.stderr
    assert (site / "alpha" / "handout.pdf").is_file()


SLIPPED = SMALL_UNIT.replace("text: The *Bolsheviks* took power", "text: The #1 party took power")


def test_strict_check_reports_each_warning_as_an_error_and_exits_1(runner: CliRunner, unit_file) -> None:
    unit = unit_file(SLIPPED)
    warned = runner.invoke(main, ["check", str(unit)])
    assert warned.exit_code == 0 and f"warning: {unit}:22:15: sections[0].text: the text ends before" in warned.stderr
    strict = runner.invoke(main, ["check", str(unit), "--strict"])
    assert strict.exit_code == 1 and "warning:" not in strict.stderr
    assert f"\n{unit}:22:15: sections[0].text: the text ends before '#1 party" in f"\n{strict.stderr}"
    assert "1 with errors, 1 problem(s)" in strict.stderr


def test_strict_build_keeps_the_previous_files_of_a_unit_with_a_slip(runner: CliRunner, unit_file,
                                                                      tmp_path: Path) -> None:
    unit, out = unit_file(), tmp_path / "o"
    assert runner.invoke(main, ["build", str(unit), "--out", str(out), "--only", "handout"]).exit_code == 0
    before = (out / "small" / "handout.pdf").read_bytes()
    unit_file(SLIPPED)
    result = runner.invoke(main, ["build", str(unit), "--out", str(out), "--only", "handout", "--strict", "--json"])
    assert result.exit_code == 1 and "built " not in result.stderr
    report = json.loads(result.stdout)
    (problem,) = report["units"][0]["problems"]
    assert not report["ok"] and report["warnings"] == [] and (problem["line"], problem["column"]) == (22, 15)
    assert (out / "small" / "handout.pdf").read_bytes() == before
    lenient = runner.invoke(main, ["build", str(unit), "--out", str(out), "--only", "handout", "--json"])
    assert lenient.exit_code == 0 and json.loads(lenient.stdout)["warnings"][0]["path"] == "sections[0].text"
    assert (out / "small" / "handout.pdf").read_bytes() != before


def test_strict_build_fails_on_a_warning_the_no_op_build_says_again(runner: CliRunner, unit_file,
                                                                     tmp_path: Path) -> None:
    unit, out = unit_file(SLIPPED), tmp_path / "o"
    assert runner.invoke(main, ["build", str(unit), "--out", str(out), "--only", "handout"]).exit_code == 0
    result = runner.invoke(main, ["build", str(unit), "--out", str(out), "--only", "handout", "--strict"])
    assert result.exit_code == 1 and f"{unit}:22:15: sections[0].text: the text ends before" in result.stderr
    assert "0 built, 1 unchanged, 1 with errors" in result.stderr
