"""One build at a time per output folder; a waiting build says for whom; no child keeps the lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from compiler.lock import output_lock
from tests.conftest import needs_fork


def test_the_lock_serialises_two_builds(tmp_path: Path) -> None:
    import threading
    import time

    from compiler.lock import output_lock

    order: list[str] = []

    def second() -> None:
        with output_lock(tmp_path):
            order.append("second")

    with output_lock(tmp_path):
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.2)
        order.append("first")
    thread.join(timeout=5)
    assert order == ["first", "second"]


def test_a_build_that_waits_for_the_lock_says_for_whom(unit_file, tmp_path: Path) -> None:
    unit, out = unit_file(), tmp_path / "out"
    with output_lock(out):
        child = subprocess.Popen([sys.executable, "-m", "compiler", "build", str(unit), "--out", str(out),
                                  "--only", "handout", "--force"], stderr=subprocess.PIPE, text=True)
        first = child.stderr.readline()
        assert first.strip() == f"waiting for another build of {out} (pid {os.getpid()})…"
        assert child.poll() is None  # still waiting while the lock is held
    rest = child.stderr.read()
    child.stderr.close()
    assert child.wait(timeout=60) == 0, rest
    assert "built      small/handout.pdf" in rest


@needs_fork
def test_a_lock_taken_in_the_parent_is_not_held_by_a_forked_child(tmp_path: Path) -> None:
    """A child forked while the lock is held (as a worker is) does not keep it after the parent lets go."""
    with output_lock(tmp_path):
        pid = os.fork()
        if pid == 0:  # the child: outlive the parent's hold on the lock
            time.sleep(30)
            os._exit(0)
    try:
        reader = subprocess.run([sys.executable, "-c", (
            "import fcntl, os, sys\n"
            f"fd = os.open({str(tmp_path / '.printpack.lock')!r}, os.O_RDWR)\n"
            "try:\n    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)\nexcept BlockingIOError:\n    sys.exit(1)\n")],
            timeout=30, check=False)
        assert reader.returncode == 0, "the forked child kept the lock"
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


def test_a_lock_file_planted_as_a_link_is_not_followed(unit_file, tmp_path: Path) -> None:
    from compiler.build import Request, build
    from compiler.outputs import Settings

    precious, out = tmp_path / "precious.txt", tmp_path / "out"
    precious.write_text("keep me", encoding="utf-8")
    out.mkdir()
    (out / ".printpack.lock").symlink_to(precious)
    report = build(Request(paths=(unit_file(),), out=out, settings=Settings(only=("handout",))))
    (problem,) = report.all_problems()
    assert problem.file == str(out / ".printpack.lock") and "symbolic link" in problem.message
    assert precious.read_text(encoding="utf-8") == "keep me"


def test_a_lock_file_planted_as_a_hard_link_is_refused_and_its_other_name_kept(unit_file, tmp_path: Path) -> None:
    """`ln /elsewhere/victim.txt out/.printpack.lock`: the build refuses the lock file, naming
    it, and never truncates or writes the victim."""
    from compiler.build import Request, build
    from compiler.outputs import Settings

    victim, out = tmp_path / "victim.txt", tmp_path / "out"
    victim.write_text("keep me", encoding="utf-8")
    out.mkdir()
    os.link(victim, out / ".printpack.lock")
    report = build(Request(paths=(unit_file(),), out=out, settings=Settings(only=("handout",))))
    (problem,) = report.all_problems()
    assert problem.file == str(out / ".printpack.lock") and "hard link" in problem.message
    assert problem.hint == "delete it; printpack makes a lock file of its own"
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert not (out / "small").exists()


def test_a_build_that_waited_for_a_merge_locks_the_new_folder(tmp_path: Path) -> None:
    """A merge replaces the output folder whole, lock file and all: a build that waited on the
    old lock file must then hold the lock of the one now in the folder, or a third build could
    take that one and write beside it."""
    import threading

    from compiler.lock import LOCK, holder

    out = tmp_path / "site"
    waiting, seen = threading.Event(), []

    def build() -> None:
        with output_lock(out, lambda _: waiting.set()):
            seen.append(((out / LOCK).is_file(), holder(out)))

    with output_lock(out):
        thread = threading.Thread(target=build)
        thread.start()
        assert waiting.wait(timeout=30)
        out.rename(tmp_path / ".site.old")  # as a merge swaps its new site in
        out.mkdir()
    thread.join(timeout=30)
    assert seen == [(True, str(os.getpid()))]
