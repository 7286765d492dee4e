"""What a build is asked to do when nothing is said: the README's `printpack build`."""

from __future__ import annotations

from pathlib import Path

from compiler.build import Request


def test_by_default_a_build_reads_resources_and_writes_output_one_process_no_shard() -> None:
    request = Request()
    assert request.paths == (Path("resources"),) and request.out == Path("output")
    assert (request.jobs, request.shard, request.force) == (1, None, False)
