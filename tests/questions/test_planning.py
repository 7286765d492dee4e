"""Seeded shuffles: the same sheets in every process, never the written order when avoidable."""

from __future__ import annotations

import subprocess
import sys

from compiler.questions.planning import rng, shuffled


def test_a_shuffle_seeded_from_text_is_the_same_in_another_process() -> None:
    here = shuffled(list(range(8)), rng("unit", "sheet", "A", "options"), avoid_identity=False)
    code = ("from compiler.questions.planning import rng, shuffled;"
            "print(shuffled(list(range(8)), rng('unit', 'sheet', 'A', 'options'), avoid_identity=False))")
    there = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": "123", "PYTHONPATH": ":".join(sys.path)}).stdout
    assert there.strip() == str(here)


def test_a_shuffle_that_must_move_items_never_keeps_the_written_order() -> None:
    for seed in range(200):
        assert shuffled(["a", "b"], rng(seed), avoid_identity=True) == [1, 0]
    assert shuffled(["only"], rng(0), avoid_identity=True) == [0]
