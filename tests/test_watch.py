"""Watch mode rebuilds after a save, only what the save changed, and stops cleanly."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PIL import Image

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


@contextmanager
def watching(request: Request) -> Iterator[list[Rebuild]]:
    """``watch`` running in a thread, once its first build is done; stopped on the way out."""
    rebuilds: list[Rebuild] = []
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(request, rebuilds.append, stop), kwargs={"debounce_ms": 50})
    thread.start()
    try:
        assert wait_for(lambda: len(rebuilds) == 1)
        yield rebuilds
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()


def test_a_save_triggers_a_rebuild_of_what_changed(tmp_path: Path) -> None:
    units = tmp_path / "units"
    units.mkdir()
    unit = units / "small.yaml"
    unit.write_text(SMALL_UNIT, encoding="utf-8")
    other = units / "other.yaml"
    other.write_text(SMALL_UNIT.replace("id: small", "id: other"), encoding="utf-8")
    request = Request(paths=(units,), out=tmp_path / "out", settings=Settings(only=("handout",)))
    with watching(request) as rebuilds:
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


def test_a_unit_file_saved_by_renaming_a_new_copy_is_still_watched(tmp_path: Path) -> None:
    """Many editors save by writing a new file and renaming it over the old one; every such
    save must trigger a rebuild, not only the first."""
    unit = tmp_path / "small.yaml"
    unit.write_text(SMALL_UNIT, encoding="utf-8")
    (tmp_path / "notes.yaml").write_text("not: a unit\n", encoding="utf-8")  # beside it, not watched
    request = Request(paths=(unit,), out=tmp_path / "out", settings=Settings(only=("handout",)))
    with watching(request) as rebuilds:
        for n in range(1, 3):
            time.sleep(0.3)
            fresh = tmp_path / f".small.yaml.{n}"
            fresh.write_text(SMALL_UNIT.replace("The revolution", f"Revolution number {n}"), encoding="utf-8")
            fresh.replace(unit)
            assert wait_for(lambda n=n: sum(r.report.count("built") for r in rebuilds[1:]) >= n), n
        (tmp_path / "notes.yaml").write_text("still: not a unit\n", encoding="utf-8")
        time.sleep(0.5)
        assert all(r.changed in ((unit,), ()) for r in rebuilds)


def test_an_edited_picture_in_a_folder_below_the_unit_rebuilds_it(tmp_path: Path) -> None:
    (tmp_path / "pictures").mkdir()
    Image.new("RGB", (200, 100), "white").save(tmp_path / "pictures" / "map.png")
    unit = tmp_path / "small.yaml"
    unit.write_text(SMALL_UNIT.replace("sections:\n", "sections:\n  - title: The map\n    picture: "
                                       "{file: pictures/map.png, alt: a map}\n", 1), encoding="utf-8")
    request = Request(paths=(unit,), out=tmp_path / "out", settings=Settings(only=("handout",)))
    with watching(request) as rebuilds:
        assert rebuilds[0].report.count("built") == 1
        time.sleep(0.3)
        Image.new("RGB", (200, 100), "black").save(tmp_path / "pictures" / "map.png")
        assert wait_for(lambda: any(r.report.count("built") for r in rebuilds[1:]))
        assert any(r.changed == (tmp_path / "pictures" / "map.png",) for r in rebuilds[1:])
