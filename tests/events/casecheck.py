"""Comparing the coder's events with an expected case (tests/data/coder_cases.jsonl).

A case passes when every expected event has a coded event of the same type whose
actor countries overlap the expected ones, whose recipient countries overlap the
expected ones (when the case names any; either side for the symmetric types),
and whose auxiliary modes match (``historical`` is the dating stage's and is not
compared).  A case that expects no event passes only when nothing is coded.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / "data"
SYMMETRIC = {"CONSULT", "AGREE", "COOPERATE"}
AUX = {"negated": "negation"}


def load_cases(name: str = "coder_cases.jsonl") -> list[dict[str, Any]]:
    with (DATA / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_known(name: str = "coder_known_failures.txt") -> dict[str, str]:
    known = {}
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            case_id, _, reason = line.partition(" ")
            known[case_id] = reason.strip()
    return known


def _shape(ev: Any) -> tuple[str, set[str], set[str], set[str]]:
    return (ev.event, {e.code for e in ev.actor}, {e.code for e in ev.recipient},
            {a for a in ev.aux if a != "historical"})


def _matches(want: dict[str, Any], got: tuple[str, set[str], set[str], set[str]]) -> bool:
    etype, actors, recipients, aux = got
    if want["event"] != etype:
        return False
    everyone = actors | recipients
    if not set(want["actor"]) & (everyone if etype in SYMMETRIC else actors):
        return False
    if want["recipient"] and not set(want["recipient"]) & (
            everyone if etype in SYMMETRIC else recipients):
        return False
    return {AUX.get(a, a) for a in want.get("aux", []) if a != "historical"} == aux


def check(pipeline: Any, case: dict[str, Any]) -> tuple[bool, str]:
    """(passed, explanation) for one case."""
    events = pipeline.code_text(case["text"], date.fromisoformat(case["published"]))
    got = [_shape(ev) for ev in events]
    wanted = case["events"]
    ok = all(any(_matches(w, g) for g in got) for w in wanted) if wanted else not got
    shown = [(g[0], sorted(g[1]), sorted(g[2]), sorted(g[3])) for g in got]
    return ok, f"expected {wanted}\ncoded {shown}"
