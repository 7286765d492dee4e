"""Exit codes of a run a signal stops (Ctrl-C, SIGTERM, SIGHUP), whenever it comes: 128 + N while
there is work to stop, whatever the code the signal interrupts does with the exception; the
report's code once the report is complete; 0 for Ctrl-C while ``watch`` waits for changes.

Every run is a real process (signal handlers belong to the whole process), with one function
patched to send the signal at the moment under test."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="signals as on Linux")

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
# handler raised and raises its own.
WRAPPED = """
def build(*args, **kwargs):
    try:
        signal.raise_signal(signal.{name})
        time.sleep(30)
    except BaseException as exc:
        raise ValueError("a library wrapped what it caught") from exc
compiler.build.build = compiler.watch.build = build
"""

# The same, while the command line is read.
WRAPPED_WHILE_STARTING = """
def _capped_jobs(*args, **kwargs):
    try:
        signal.raise_signal(signal.{name})
        time.sleep(30)
    except BaseException as exc:
        raise ValueError("a library wrapped what it caught") from exc
compiler.cli._capped_jobs = _capped_jobs
"""

# Code that catches the exception the handler raised and carries on (a fork hook reports and
# drops it; ReportLab's font reader turned it into "corrupt font" and the build went on).
SWALLOWED = """
build_units = compiler.build.build
def build(*args, **kwargs):
    try:
        signal.raise_signal(signal.{name})
        time.sleep(30)
    except BaseException:
        pass
    return build_units(*args, **kwargs)
compiler.build.build = build
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


@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("command", ["build", "watch"])
def test_a_signal_while_the_command_line_is_read_exits_128_plus_n(unit_file, tmp_path: Path, name: str,
                                                                  command: str) -> None:
    done = run(WHILE_STARTING, name, command, str(unit_file()), "--out", str(tmp_path / "out"))
    assert done.returncode == 128 + signal.Signals[name], done.stderr
    assert f"stopped by {name}" in done.stderr
    assert "Aborted!" not in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", ["SIGHUP", "SIGINT"])
@pytest.mark.parametrize("command", ["build", "watch"])
@pytest.mark.parametrize("patch", [WRAPPED, WRAPPED_WHILE_STARTING], ids=["building", "starting"])
def test_a_signal_a_library_wrapped_is_still_a_stop_not_an_internal_error(unit_file, tmp_path: Path, name: str,
                                                                          command: str, patch: str) -> None:
    done = run(patch, name, command, str(unit_file()), "--out", str(tmp_path / "out"), "--json")
    assert done.returncode == 128 + signal.Signals[name], done.stderr
    assert f"stopped by {name}" in done.stderr
    assert "internal error" not in done.stderr + done.stdout and "Traceback" not in done.stderr


@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM"])
def test_a_signal_some_code_swallowed_still_stops_the_run(unit_file, tmp_path: Path, name: str) -> None:
    done = run(SWALLOWED, name, "build", str(unit_file()), "--out", str(tmp_path / "out"), "--only", "handout,cardsort")
    assert done.returncode == 128 + signal.Signals[name], done.stderr
    assert f"stopped by {name}" in done.stderr
    assert "built      " not in done.stderr  # stopped at the first output, not after the last


@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_a_signal_after_the_summary_exits_by_the_report(unit_file, tmp_path: Path, name: str) -> None:
    done = run(AFTER_THE_REPORT, name, "build", str(unit_file()), "--out", str(tmp_path / "out"), "--only", "handout")
    assert done.returncode == 0, done.stderr
    assert "build: 1 unit(s), 1 built" in done.stderr and "stopped" not in done.stderr
    assert (tmp_path / "out" / "small" / "handout.pdf").is_file()


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
