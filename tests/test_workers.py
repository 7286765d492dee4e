"""Workers: never more than the cores, never outliving their build (signals, a killed parent)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import linux_only

# A build whose workers stop in the middle of drawing (they write their pid, then sleep), so the
# test can act while they are busy. Workers are forked: they inherit the patch.
STALLING_BUILD = """
import os, sys, time
from pathlib import Path
import compiler.kinds.handout.draw, compiler.kinds.timeline.draw
marks = Path(sys.argv[1])
def stall(*args, **kwargs):
    (marks / f"worker-{os.getpid()}").write_text("busy")
    time.sleep(120)
compiler.kinds.handout.draw.render = compiler.kinds.timeline.draw.render = stall
from compiler.cli import main
sys.argv = ["printpack", "build", sys.argv[2], "--out", sys.argv[3], "--jobs", "2", "--only", "handout,timeline"]
main()
"""


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (dead, not yet reaped by whoever adopted it) is not alive
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except OSError:
        return True


def wait_for(condition, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.fixture
def stalled(unit_file, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], list[int], Path, Path]]:
    """A ``--jobs 2`` build in a subprocess whose two workers are busy drawing."""
    unit, out, marks = unit_file(), tmp_path / "out", tmp_path / "marks"
    marks.mkdir()
    child = subprocess.Popen([sys.executable, "-c", STALLING_BUILD, str(marks), str(unit), str(out)],
                             stderr=subprocess.PIPE, text=True)
    workers: list[int] = []
    try:
        assert wait_for(lambda: len(list(marks.iterdir())) == 2), "the workers never started drawing"
        workers = [int(p.name.split("-")[1]) for p in marks.iterdir()]
        yield child, workers, unit, out
    finally:
        child.kill()
        child.wait()
        child.stderr.close()
        for pid in workers:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


@linux_only
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_stopped_build_leaves_no_workers_and_the_next_build_runs(stalled, signum: int) -> None:
    child, workers, unit, out = stalled
    child.send_signal(signum)
    child.wait(timeout=20)
    assert child.returncode == 128 + signum
    assert f"stopped by {signal.Signals(signum).name}" in child.stderr.read()
    assert wait_for(lambda: not any(alive(pid) for pid in workers)), "a worker outlived its build"
    assert not list(out.rglob(".printpack-*.tmp"))
    done = subprocess.run([sys.executable, "-m", "compiler", "build", str(unit), "--out", str(out), "--only", "handout"],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert (out / "small" / "handout.pdf").is_file()


@linux_only
def test_workers_die_with_a_killed_parent_and_do_not_keep_the_lock(stalled) -> None:
    child, workers, unit, out = stalled
    child.send_signal(signal.SIGKILL)  # no clean-up at all: the workers must notice on their own
    child.wait(timeout=20)
    assert wait_for(lambda: not any(alive(pid) for pid in workers)), "a worker outlived its parent"
    done = subprocess.run([sys.executable, "-m", "compiler", "build", str(unit), "--out", str(out), "--only", "handout"],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert "waiting" not in done.stderr


def test_usable_cores_follow_the_affinity() -> None:
    from compiler.workers import usable_cores

    expected = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert usable_cores() == expected


# A ``--jobs 2`` build whose first worker to finish drawing stops half-way through sending its result
# back (holding the pipe's lock, as a real send does): the pool's reading thread waits for the
# rest, which a killed worker never sends. Any exit that waits for that thread (as Python's does)
# hangs.
HALF_SENT_BUILD = """
import os, struct, sys, time
from multiprocessing import queues
from multiprocessing.reduction import ForkingPickler
from pathlib import Path
marks, parent = Path(sys.argv[1]), os.getpid()
put = queues.SimpleQueue.put
def half_put(self, obj):
    if os.getpid() == parent:
        return put(self, obj)
    data = bytes(ForkingPickler.dumps(obj))
    with self._wlock:
        self._writer._send(struct.pack("!i", len(data)) + data[: len(data) // 2])
        (marks / f"worker-{os.getpid()}").write_text("half sent")
        time.sleep(120)
queues.SimpleQueue.put = half_put
"""
BUILD = """
from compiler.cli import main
sys.argv = ["printpack", "build", sys.argv[2], "--out", sys.argv[3], "--jobs", "2", "--only", "handout,timeline",
            *sys.argv[4:]]
main()
"""
# The pool alone, stopped as an interrupted build stops it, then an ordinary exit.
STOPPED_POOL = """
from concurrent.futures import ProcessPoolExecutor
from compiler.workers import start_worker, stop_workers
pool = ProcessPoolExecutor(max_workers=1, initializer=start_worker, initargs=(parent, print))
future = pool.submit(sum, [1, 2])
while not any(marks.iterdir()):
    time.sleep(0.05)
stop_workers(pool, wait=False)
sys.exit(0)
"""


@linux_only
@pytest.mark.parametrize(("signum", "options"), [(signal.SIGINT, ()), (signal.SIGTERM, ("--json",))])
def test_a_build_interrupted_while_the_pool_reads_a_result_exits(unit_file, tmp_path: Path, signum: int,
                                                                  options: tuple[str, ...]) -> None:
    unit, out, marks = unit_file(), tmp_path / "out", tmp_path / "marks"
    marks.mkdir()
    child = subprocess.Popen([sys.executable, "-c", HALF_SENT_BUILD + BUILD, str(marks), str(unit), str(out), *options],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(lambda: any(marks.iterdir()), 60), "no worker sent a result"
        workers = subprocess.run(["ps", "-o", "pid=", "--ppid", str(child.pid)], capture_output=True, text=True,
                                 check=False).stdout.split()
        child.send_signal(signum)
        stdout, stderr = child.communicate(timeout=60)  # a hang guard, not a measurement
    finally:
        child.kill()
        child.wait()
    assert child.returncode == 128 + signum, stderr
    assert f"stopped by {signal.Signals(signum).name}" in stderr
    if options:
        assert json.loads(stdout)["ok"] is False
    assert not list(out.rglob(".printpack-*.tmp"))
    assert wait_for(lambda: not any(alive(int(pid)) for pid in workers)), "a worker outlived its build"


@linux_only
def test_a_pool_stopped_while_it_reads_a_result_lets_python_exit(tmp_path: Path) -> None:
    """Not only the command line: ``watch`` and any caller of ``build`` exit normally after it."""
    (tmp_path / "marks").mkdir()
    done = subprocess.run([sys.executable, "-c", HALF_SENT_BUILD + STOPPED_POOL, str(tmp_path / "marks")],
                          capture_output=True, text=True, timeout=60, check=False)  # a hang guard
    assert done.returncode == 0, done.stderr
