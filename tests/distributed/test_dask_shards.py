"""Parquet shards hold what ``Store.add_coded`` would store, and load to the same rows."""

from pathlib import Path

import pytest

from dotterel.ingest import read_sources
from dotterel.runner import _code
from dotterel.settings import load_settings
from dotterel.shards import ShardWriter, load_shards, read_coded, remove_shard, table_schemas
from dotterel.store import Store

DEMO = Path(__file__).resolve().parents[2] / "src" / "dotterel" / "data" / "demo" / "corpus"


@pytest.fixture(scope="module")
def coded(pipeline):
    """Eight demo reports coded with their sentences kept."""
    settings = load_settings(environ={}).replace(store_sentences=True)
    documents = list(read_sources(sorted(DEMO.glob("0[23]*.txt"))[:8], settings))
    return list(_code(pipeline, documents, settings))


def table_rows(store: Store) -> dict[str, list[dict]]:
    return {
        "documents": store.rows("SELECT * EXCLUDE (ingested_at) FROM documents ORDER BY doc_id"),
        "events": store.rows("SELECT * FROM events ORDER BY id"),
        "event_entities": store.rows("SELECT * FROM event_entities "
                                     "ORDER BY event_id, role, position"),
        "sentences": store.rows("SELECT * FROM sentences ORDER BY doc_id, seq"),
    }


def write_shard(path: Path, store: Store, batch) -> Path:
    with ShardWriter(path, table_schemas(store), "v-test") as writer:
        for item in batch:
            writer.add(item)
    return path


def test_loaded_shards_equal_add_coded(coded, tmp_path):
    with Store(tmp_path / "direct.duckdb") as direct, Store(tmp_path / "shards.duckdb") as loaded:
        direct.add_coded(coded, "v-test")
        first = write_shard(tmp_path / "s" / "a", loaded, coded[:5])
        second = write_shard(tmp_path / "s" / "b", loaded, coded[3:])  # 3 and 4 again
        assert load_shards(loaded, [first, second]) == (8, sum(len(c.events) for c in coded))
        assert table_rows(loaded) == table_rows(direct)
        assert table_rows(direct)["sentences"] and table_rows(direct)["event_entities"]
        assert load_shards(loaded, [first, second]) == (0, 0)  # a re-run stores nothing twice
        assert table_rows(loaded) == table_rows(direct)


def test_read_coded_gives_back_the_records(coded, tmp_path):
    with Store(tmp_path / "db.duckdb") as store:
        shard = write_shard(tmp_path / "shard", store, coded)
    assert read_coded(shard) == coded


def test_a_failed_write_leaves_no_shard(coded, tmp_path):
    with Store(tmp_path / "db.duckdb") as store, pytest.raises(RuntimeError), \
            ShardWriter(tmp_path / "shard", table_schemas(store), "v") as writer:
        writer.add(coded[0])
        raise RuntimeError("killed")
    assert list(tmp_path.glob("*shard*")) == []


def test_remove_shard_takes_leftovers_too(tmp_path):
    (tmp_path / "part-1").mkdir()
    (tmp_path / ".part-1.tmp-abc").mkdir()
    (tmp_path / "part-10").mkdir()
    remove_shard(tmp_path / "part-1")
    assert [p.name for p in tmp_path.iterdir()] == ["part-10"]
