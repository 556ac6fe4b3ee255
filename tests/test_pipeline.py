"""The per-process pipeline: built once, and the heap it leaves kept off the collector."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

PROBE = ("import gc; from dotterel.pipeline import get_pipeline; "
         "before = gc.get_freeze_count(); get_pipeline(); print(before, gc.get_freeze_count())")


@pytest.mark.parametrize(("value", "frozen"), [("true", True), ("false", False)])
def test_freeze_heap_setting(value: str, frozen: bool) -> None:
    env = {**os.environ, "DOTTEREL_FREEZE_HEAP": value}
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True,
                         text=True, check=True).stdout.split()
    before, after = int(out[0]), int(out[1])
    assert before == 0
    assert (after > 100_000) is frozen  # the model, actor data and gazetteer


def test_one_pipeline_per_configuration(pipeline) -> None:
    from dotterel.pipeline import get_pipeline

    assert get_pipeline() is pipeline
