"""Watch mode rebuilds after a save, only what the save changed, and stops cleanly."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from compiler.build import Request
from compiler.outputs import Settings
from compiler.watch import Rebuild, watch
from tests.conftest import SMALL_UNIT


def wait_for(condition: Callable[[], bool], seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_a_save_triggers_a_rebuild_of_what_changed(tmp_path: Path) -> None:
    units = tmp_path / "units"
    units.mkdir()
    unit = units / "small.yaml"
    unit.write_text(SMALL_UNIT, encoding="utf-8")
    other = units / "other.yaml"
    other.write_text(SMALL_UNIT.replace("id: small", "id: other"), encoding="utf-8")
    request = Request(paths=(units,), out=tmp_path / "out", settings=Settings(only=("handout",)))
    rebuilds: list[Rebuild] = []
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(request, rebuilds.append, stop), kwargs={"debounce_ms": 50})
    thread.start()
    try:
        assert wait_for(lambda: len(rebuilds) == 1)
        assert rebuilds[0].report.count("built") == 2
        time.sleep(0.3)  # let the watcher settle before the edit
        unit.write_text(SMALL_UNIT.replace("The revolution", "The October revolution"), encoding="utf-8")
        assert wait_for(lambda: any(r.report.count("built") for r in rebuilds[1:]))
        rebuild = next(r for r in rebuilds[1:] if r.report.count("built"))
        assert [u.unit for u in rebuild.report.units] == ["small"]  # the other unit is not even loaded
        assert rebuild.changed == (unit,)
        unit.write_text("format: 1\nunit: {id: small, titel: x}\n", encoding="utf-8")  # a mistake: reported, watch goes on
        assert wait_for(lambda: any(not r.report.ok for r in rebuilds))
        assert (tmp_path / "out" / "small" / "handout.pdf").is_file()  # the last good PDF stays
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()
