"""Clusters in the store: incremental equals batch, recode, upgrades, settings, deferral."""

import random
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from dotterel.clusters import update_clusters
from dotterel.dedup import cluster_mentions, mention_from_json
from dotterel.dedup_bench import synthetic_corpus
from dotterel.migrations import apply_migrations, load_migrations
from dotterel.store import Coded, Store

from .conftest import ABE, PARAMS, PUTIN, RULES, coded, event


def state(store: Store) -> tuple[list[dict], list[dict]]:
    """Every cluster row and every mention's placement."""
    mentions = store.rows("SELECT event_id, cluster_id, tier, region_id, attached_to, "
                          "round(score, 9) AS score FROM event_mentions ORDER BY event_id")
    return mentions, store.rows("SELECT * FROM event_clusters ORDER BY cluster_id")


def batch_state(path: Path, corpus: list[Coded], settings) -> tuple[list[dict], list[dict]]:
    with Store(path) as store:
        store.add_coded(corpus, "test")
        update_clusters(store, settings)
        return state(store)


@pytest.fixture(scope="module")
def corpus() -> list[Coded]:
    return synthetic_corpus(240, seed=3)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_equals_batch(tmp_path, settings, corpus, seed):
    """Two halves, or random batches in any order, give what clustering all at once gives."""
    expected = batch_state(tmp_path / "all.duckdb", corpus, settings)
    rng = random.Random(seed)
    order = rng.sample(corpus, len(corpus))
    with Store(tmp_path / "parts.duckdb") as store:
        start = 0
        while start < len(order):
            size = rng.choice([1, 7, 30, 120])
            store.add_coded(order[start:start + size], "test")
            update_clusters(store, settings)
            start += size
        assert state(store) == expected
    with Store(tmp_path / "halves.duckdb") as store:
        for half in (corpus[:120], corpus[120:]):
            store.add_coded(half, "test")
            update_clusters(store, settings)
        assert state(store) == expected


def test_the_store_agrees_with_the_pure_function(tmp_path, settings, corpus):
    with Store(tmp_path / "db.duckdb") as store:
        store.add_coded(corpus, "test")
        update_clusters(store, settings)
        rows = store.rows("SELECT features, cluster_id FROM event_mentions")
    mentions = [mention_from_json(r["features"]) for r in rows]
    expected = {frozenset(m.id for m in c.members)
                for c in cluster_mentions(mentions, PARAMS, RULES)}
    stored: dict[str, set[str]] = {}
    for row, m in zip(rows, mentions, strict=True):
        stored.setdefault(row["cluster_id"], set()).add(m.id)
    assert {frozenset(v) for v in stored.values()} == expected


def _recoded(corpus: list[Coded], rng: random.Random) -> list[Coded]:
    """Re-coded documents: one event dropped, one moved to month precision, one to another day."""
    changed = []
    for item in rng.sample(corpus, 30):
        events = list(item.events)
        events = events[1:] if len(events) > 1 else events
        if events and events[0].date_precision == "day":
            events[0] = replace(events[0], date=events[0].date[:7], date_precision="month")
        if len(events) > 1 and events[-1].date_precision == "day":
            events[-1] = replace(events[-1], date=events[-1].date[:8] + "28")
        changed.append(Coded(item.document, events))
    return changed


def test_recode_keeps_clusters_consistent(tmp_path, settings, corpus):
    changed = _recoded(corpus, random.Random(5))
    ids = {c.document.doc_id for c in changed}
    recoded = [c for c in corpus if c.document.doc_id not in ids] + changed
    expected = batch_state(tmp_path / "expected.duckdb", recoded, settings)
    with Store(tmp_path / "db.duckdb") as store:
        store.add_coded(corpus, "test")
        update_clusters(store, settings)
        before = state(store)
        store.replace_coded(changed, "test-2")
        update_clusters(store, settings)
        assert state(store) == expected
        store.replace_coded([c for c in corpus if c.document.doc_id in ids], "test")
        update_clusters(store, settings)
        assert state(store) == before


def test_cluster_rows_count_mentions_documents_and_sources(store, settings):
    store.add_coded([
        coded("a", event("a", 0, "CONSULT", (ABE,), (PUTIN,), trigger="held talks",
                         place="Moscow"),
              event("a", 1, "CONSULT", (PUTIN, ABE), trigger="met", place="Moscow"),
              published="2017-03-20", publisher="Wire A"),
        coded("b", event("b", 0, "CONSULT", (ABE, PUTIN), trigger="met", place="Moscow",
                         confidence=0.9), published="2017-03-22", publisher="Wire A"),
        coded("c", event("c", 0, "CONSULT", (ABE, PUTIN), trigger="summit", place="Moscow"),
              published="2017-03-21", publisher="Wire B"),
    ], "test")
    update_clusters(store, settings)
    (row,) = store.rows("SELECT * FROM event_clusters")
    assert (row["num_mentions"], row["num_documents"], row["num_sources"]) == (4, 3, 2)
    assert row["canonical_id"] == "b-0-0"  # the most confident
    assert (str(row["first_seen"]), str(row["last_seen"])) == ("2017-03-20", "2017-03-22")
    assert row["event"] == "CONSULT" and row["date"] == "2017-03-20"


def test_changed_settings_rebuild_everything(tmp_path, settings, corpus):
    with Store(tmp_path / "db.duckdb") as store:
        store.add_coded(corpus[:100], "test")
        first = update_clusters(store, settings)
        assert first.rebuilt and first.documents == 100
        assert not update_clusters(store, settings).documents  # nothing queued
        strict = settings.replace(dedup_threshold=0.95)
        again = update_clusters(store, strict)
        assert again.rebuilt and again.documents == 100
        strict_events = store.count_events(include_negated=True)
        default = batch_state(tmp_path / "x.duckdb", corpus[:100], settings)[1]
        assert strict_events >= len(default)


def test_intermediate_updates_may_wait(store, settings, corpus):
    store.add_coded(corpus[:10], "test")
    waiting = update_clusters(store, settings, final=False)
    # the first update rebuilds (new settings stamp) and so never waits
    assert waiting.rebuilt and waiting.documents == 10
    store.add_coded(corpus[10:20], "test")
    deferred = update_clusters(store, settings, final=False)
    assert (deferred.documents, deferred.deferred) == (0, 10)
    unclustered = store.rows("SELECT count(*) AS n FROM events WHERE id NOT IN "
                             "(SELECT event_id FROM event_mentions)")[0]["n"]
    assert unclustered > 0  # counted on their own until the final update
    assert update_clusters(store, settings).documents == 10
    assert not store.rows("SELECT * FROM events WHERE id NOT IN "
                          "(SELECT event_id FROM event_mentions)")


def test_a_failed_update_leaves_the_queue_for_the_next(store, settings, corpus, monkeypatch):
    from dotterel import clusters

    store.add_coded(corpus[:20], "test")

    def broken(*args, **kwargs):
        raise RuntimeError("disk full (simulated)")

    monkeypatch.setattr(clusters, "_recluster", broken)
    with pytest.raises(RuntimeError, match="simulated"):
        update_clusters(store, settings)
    monkeypatch.undo()
    assert store.rows("SELECT count(*) AS n FROM cluster_queue")[0]["n"] == 20
    assert not store.rows("SELECT * FROM event_mentions")
    assert update_clusters(store, settings).documents == 20


def test_migration_1_to_2_keeps_the_data_and_clusters_it(tmp_path, settings):
    """A version-1 database with events opens at version 2, data intact, queued, clustered."""
    path = tmp_path / "v1.duckdb"
    conn = duckdb.connect(str(path))
    apply_migrations(conn, str(path), target=1, migrations=load_migrations())
    conn.close()
    rows_v1 = [coded("a", event("a", 0, "CONSULT", (ABE,), (PUTIN,), trigger="held talks",
                                place="Moscow")),
               coded("b", event("b", 0, "CONSULT", (PUTIN, ABE), trigger="met",
                                place="Moscow"))]
    _write_v1(path, rows_v1)
    with Store(path) as store:
        assert store.version == 2
        assert store.counts()["events"] == 2 and store.event("a-0-0").actor[0].code == "JPN"
        assert store.rows("SELECT count(*) AS n FROM cluster_queue")[0]["n"] == 2
        assert store.count_events() == 2  # not clustered yet: each counts on its own
        update_clusters(store, settings)
        assert store.count_events() == 1 and store.count_events(mentions=True) == 2


def _write_v1(path: Path, batch: list[Coded]) -> None:
    """Rows as dotterel 1 wrote them (its store code had no cluster queue)."""
    from datetime import datetime

    from dotterel.rows import document_row, entity_rows, event_row

    conn = duckdb.connect(str(path))
    import pyarrow as pa

    for table, rows in (
        ("documents", [document_row(c.document, datetime(2020, 1, 1), "old") for c in batch]),
        ("events", [event_row(ev, "old") for c in batch for ev in c.events]),
        ("event_entities", [r for c in batch for ev in c.events for r in entity_rows(ev)]),
    ):
        conn.register("v1_rows", pa.Table.from_pylist(rows))
        conn.execute(f"INSERT INTO {table} BY NAME SELECT * FROM v1_rows")
        conn.unregister("v1_rows")
    conn.close()


def test_ingest_in_two_halves_equals_ingest_at_once(tmp_path, settings):
    """The real pipeline on the demo reports about Russia and Japan, through ``ingest``."""
    import shutil

    from dotterel.runner import ingest

    corpus = Path(__file__).resolve().parents[2] / "src" / "dotterel" / "data" / "demo" / "corpus"
    files = sorted(corpus.glob("0[0-4]?-*.txt"))
    halves = [tmp_path / "first", tmp_path / "second"]
    for number, path in enumerate(files):
        folder = halves[number % 2]  # alternate, so each half has reports of every event
        folder.mkdir(exist_ok=True)
        shutil.copy(path, folder / path.name)
    small = settings.replace(batch_size=8)
    with Store(tmp_path / "once.duckdb") as store:
        ingest(halves, small, store)
        once = state(store)
    with Store(tmp_path / "halves.duckdb") as store:
        for half in reversed(halves):
            ingest([half], small, store)
        assert state(store) == once
        assert store.count_events() < store.count_events(mentions=True)
