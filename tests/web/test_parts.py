"""The small parts: highlight segments, and whitelists that must agree with the analysis."""

from __future__ import annotations

from typing import get_args

import pytest

from dotterel.analysis import PERIODS
from dotterel.web import queries
from dotterel.web.highlight import Mark, segments
from dotterel.web.params import SORTS, Period


def pieces(text, marks):
    return [(s["text"], tuple(s["roles"])) for s in segments(text, marks)]


@pytest.mark.parametrize("marks, expected", [
    ([], [("Japan protested.", ())]),
    ([Mark(0, 5, "actor"), Mark(6, 15, "trigger")],
     [("Japan", ("actor",)), (" ", ()), ("protested", ("trigger",)), (".", ())]),
    ([Mark(0, 16, "sentence"), Mark(6, 15, "trigger")],  # nested
     [("Japan ", ("sentence",)), ("protested", ("sentence", "trigger")), (".", ("sentence",))]),
    ([Mark(0, 9, "actor"), Mark(6, 15, "trigger")],  # overlapping
     [("Japan ", ("actor",)), ("pro", ("actor", "trigger")), ("tested", ("trigger",)),
      (".", ())]),
    ([Mark(-3, 5, "actor"), Mark(10, 99, "trigger"), Mark(4, 4, "actor"),
      Mark(0, 5, "<script>")],  # out of range, empty, unknown role: ignored
     [("Japan protested.", ())]),
])
def test_segments(marks, expected):
    assert pieces("Japan protested.", marks) == expected


def test_segments_keep_events_and_triggers_apart():
    marks = [Mark(0, 5, "actor", "e1"), Mark(6, 15, "trigger", "e1"),
             Mark(6, 15, "trigger", "e2"), Mark(0, 16, "sentence", "e2")]
    found = segments("Japan protested.", marks)
    assert found[0]["events"] == ["e1", "e2"] and found[0]["triggers"] == []
    assert found[2]["triggers"] == ["e1", "e2"]
    assert "".join(s["text"] for s in found) == "Japan protested."


def test_whitelists_match():
    assert set(get_args(Period)) == set(PERIODS)
    assert set(SORTS) == set(queries._ORDER)
