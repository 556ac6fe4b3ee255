"""The gold clustering set, the pairwise scorer, the floors gate and the benchmark."""

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dotterel.cli.main import app
from dotterel.dedup_bench import synthetic_corpus
from dotterel.dedup_eval import DedupGold, pairwise, read_dedup_gold, score_clusters
from dotterel.errors import GoldFormatError
from dotterel.gate import load_floors, sha256

from .conftest import PARAMS, RULES

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "eval" / "dedup" / "clusters.jsonl"
FLOORS = ROOT / "eval" / "dedup" / "floors.toml"


def test_the_gold_set_is_what_its_readme_says():
    golds = read_dedup_gold(GOLD)
    sizes = Counter(g.group for g in golds)
    assert sum(1 for n in sizes.values() if 2 <= n <= 4) >= 30
    assert max(sizes.values()) <= 4
    by_group = {g.group: g for g in golds}
    for group in by_group:  # the label spells the main event: actor-recipient-type-date
        gold = by_group[group]
        assert group.endswith(gold.date.isoformat()) and gold.type.lower() in group
    # near-misses: same dyad and type on other days, two summits in one month, same day
    # and dyad with another type
    kinds = {(frozenset(g.actors + g.recipients), g.type) for g in by_group.values()}
    assert len(kinds) < len(by_group)
    months = Counter((frozenset(g.actors), g.type, g.date.strftime("%Y-%m"))
                     for g in by_group.values())
    assert any(n > 1 for n in months.values())
    days = Counter((frozenset(g.actors + g.recipients), g.date) for g in by_group.values())
    assert any(n > 1 for n in days.values())


def test_the_floors_pin_the_gold_file():
    (entry,) = load_floors(FLOORS)
    assert (FLOORS.parent.parent / entry["path"]).resolve() == GOLD.resolve()
    assert entry["sha256"] == sha256(GOLD)
    assert entry["floors"]["pairwise.precision"] >= 0.9
    assert entry["floors"]["pairwise.recall"] >= 0.85


@pytest.mark.parametrize("line, message", [
    ('{"id": "x"}', "publisher"),
    ("not json", "not a gold report"),
])
def test_bad_gold_lines(tmp_path, line, message):
    path = tmp_path / "gold.jsonl"
    path.write_text(line + "\n")
    with pytest.raises(GoldFormatError, match=message):
        read_dedup_gold(path)


def test_pairwise_by_hand():
    # gold {a1 a2 a3} {b1}; predicted {a1 a2} {a3 b1}
    scores = pairwise(["a", "a", "a", "b"], ["x", "x", "y", "y"])
    assert (scores["true_pairs"], scores["false_pairs"], scores["missed_pairs"]) == (1, 1, 2)
    assert scores["precision"] == 0.5 and scores["recall"] == pytest.approx(1 / 3)
    assert pairwise(["a", "b"], ["x", "y"])["precision"] == 1.0  # nothing merged, nothing wrong


def gold(id_, group, type_="CONSULT", actors=("JPN", "RUS"), recipients=(), day="2019-01-22"):
    return DedupGold(id=id_, publisher="P", published=date(2019, 1, 23), title="t", text="x",
                     group=group, type=type_, actors=list(actors), recipients=list(recipients),
                     date=date.fromisoformat(day))


def row(id_, gold_id, cluster, event="CONSULT", actors=("JPN", "RUS"), recipients=(),
        when="2019-01-22", aux=()):
    return {"id": id_, "doc_id": gold_id, "gold_id": gold_id, "cluster_id": cluster,
            "event": event, "aux": list(aux), "date": when, "date_precision": "day",
            "actor_codes": list(actors), "recipient_codes": list(recipients),
            "event_text": "met", "cameo": "040", "extra": None}


def test_only_main_event_mentions_are_scored():
    golds = [gold("r1", "summit"), gold("r2", "summit"), gold("r3", "talks", day="2019-01-14")]
    rows = [row("m1", "r1", "c1"), row("m2", "r2", "c1"), row("m3", "r3", "c2",
                                                            when="2019-01-14"),
            row("x1", "r1", "c1", event="AGREE"),                 # another type
            row("x2", "r2", "c1", actors=("JPN", "CHN")),         # other countries
            row("x3", "r3", "c2", when="2019-01-22"),             # another date
            row("x4", "r3", "c3", when="2019-01-14", aux=("negation",))]
    report = score_clusters(golds, rows, RULES, PARAMS)
    assert report["mentions"] == 3 and report["covered_reports"] == 3
    assert report["pairwise"]["precision"] == 1.0 and report["pairwise"]["recall"] == 1.0


@pytest.mark.slow
def test_evaluate_dedup_gate():
    """The gold set through the real pipeline, incrementally: the pinned floors hold."""
    result = CliRunner().invoke(app, ["evaluate-dedup", "--gate", str(FLOORS)])
    assert result.exit_code == 0, result.output
    assert "pairwise.precision=" in result.stdout
    report = json.loads(CliRunner().invoke(app, ["evaluate-dedup", str(GOLD), "--format",
                                                 "json"]).stdout)
    assert report["coverage"] > 0.8 and report["reports"] == len(read_dedup_gold(GOLD))


def test_bench_clustering_reports_its_share():
    from dotterel.dedup import bench_clustering

    found = bench_clustering(60, coding_docs_per_s=50.0, batch_size=16)
    assert found["documents"] == 60 and found["batches"] == 4
    assert found["mentions"] == sum(len(c.events) for c in synthetic_corpus(60))
    assert 0 < found["clusters"] <= found["mentions"]
    assert found["coding_seconds"] == pytest.approx(60 / 50.0, rel=0.01)
    assert 0 < found["clustering_share"] < 1
