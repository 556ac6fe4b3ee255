"""The demo corpus's multi-report events count once (issue: one event, many reports)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from dotterel.store import Store

GROUPS = Path(__file__).resolve().parents[1] / "data" / "demo_multi_report.tsv"


def _groups() -> list[dict[str, str]]:
    lines = [line for line in GROUPS.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@pytest.mark.parametrize("group", _groups(), ids=lambda g: g["files"])
def test_main_event_of_each_group_is_one_cluster(demo_db: Path, group: dict[str, str]) -> None:
    urls = [f"https://dotterel.invalid/demo/{n}" for n in group["files"].split("|")]
    wanted = set(group["countries"].split("|"))
    with Store(demo_db, read_only=True) as store:
        rows = store.rows(
            "SELECT m.cluster_id, d.url, e.event_text, list(en.code) AS codes "
            "FROM event_mentions m "
            "JOIN events e ON e.id = m.event_id JOIN documents d ON d.doc_id = e.doc_id "
            "JOIN event_entities en ON en.event_id = e.id "
            f"WHERE d.url IN ({', '.join('?' * len(urls))}) AND e.event = ? "
            "AND e.date LIKE ? AND NOT list_has_any(e.aux, ['negation', 'future', 'hypothetical']) "
            "GROUP BY ALL",
            [*urls, group["event"], group["date"] + "%"])
    words = [] if group["trigger"] == "-" else group["trigger"].split("|")
    mains = [r for r in rows if wanted <= set(r["codes"])
             and (not words or any(w in r["event_text"].lower() for w in words))]
    assert len({r["url"] for r in mains}) >= 2, f"{group['what']}: found in fewer than 2 reports"
    assert len({r["cluster_id"] for r in mains}) == 1, f"{group['what']}: counted more than once"
