"""Schema versions: every earlier version migrates forward with its data; newer ones refuse."""

from pathlib import Path

import duckdb
import pytest

from dotterel.errors import SchemaVersionError, StoreError
from dotterel.migrations import (
    CURRENT_VERSION,
    apply_migrations,
    load_migrations,
    schema_version,
)
from dotterel.store import Store

# Rows written with plain SQL in the shape of schema version 1, so this test keeps
# checking the upgrade from v1 however the store's own code changes later.
V1_ROWS = [
    "INSERT INTO documents (doc_id, url, title, publisher, published, published_basis, language, "
    "source_path, source_line, text, ingested_at, coder_version) VALUES ('d1', "
    "'https://x.invalid/1', 'Talks', 'Wire', DATE '2017-03-20', 'header', 'en', '/c/1.txt', NULL, "
    "'Russia and Japan held talks.', TIMESTAMP '2017-03-21 10:00:00', 'old-1')",
    "INSERT INTO events (id, doc_id, date, date_precision, date_basis, date_text, date_start, "
    "event, mode, context, aux, cameo, quad_class, goldstein, plover_score, event_text, text, "
    "sentence_seq, sentence_start, sentence_end, trigger_start, trigger_end, confidence, coder, "
    "coder_version, actor_codes, recipient_codes) VALUES ('d1-0-0', 'd1', '2017-03-20', 'day', "
    "'publication', NULL, DATE '2017-03-20', 'CONSULT', [], ['diplomatic'], [], '040', 1, 1.0, "
    "2.5, 'held talks', 'Russia and Japan held talks.', 0, 0, 28, 17, 27, 0.8, "
    "'lexicon:consult:1@old-1', 'old-1', ['RUS', 'JPN'], [])",
    "INSERT INTO event_entities VALUES ('d1-0-0', 'actor', 0, 'RUS', 'GOV', [], 'Russia', "
    "'Russia', NULL, 0, 6, 'countries.tsv:1'), ('d1-0-0', 'actor', 1, 'JPN', 'GOV', [], 'Japan', "
    "'Japan', NULL, 11, 16, 'countries.tsv:2')",
]
# Version 2 adds the event clusters: the v1 event is clustered on its own.
V2_ROWS = [
    "INSERT INTO event_clusters VALUES ('c-d1', 'd1-0-0', 'CONSULT', '2017-03-20', 'day', "
    "DATE '2017-03-20', ['RUS', 'JPN'], [], [], 1, 1, 1, DATE '2017-03-20', DATE '2017-03-20')",
    "INSERT INTO event_mentions VALUES ('d1-0-0', 'c-d1', 'd1', 'fine', 'd1-0-0', NULL, NULL, "
    "'{}')",
    "INSERT INTO mention_blocks VALUES ('d1-0-0', 'CONSULT|asserted|JPN', DATE '2017-03-20', "
    "DATE '2017-03-20'), ('d1-0-0', 'CONSULT|asserted|RUS', DATE '2017-03-20', "
    "DATE '2017-03-20')",
    "DELETE FROM cluster_queue",
]
DATA_AT = {1: V1_ROWS, 2: V1_ROWS + V2_ROWS}  # add each later version's rows here


def build_database(path: Path, version: int) -> None:
    conn = duckdb.connect(str(path))
    try:
        apply_migrations(conn, str(path), target=version)
        for statement in DATA_AT.get(version, []):
            conn.execute(statement)
    finally:
        conn.close()


def test_migrations_are_numbered_from_one():
    assert [m.version for m in load_migrations()] == list(range(1, CURRENT_VERSION + 1))
    assert CURRENT_VERSION >= 1


@pytest.mark.parametrize("version", range(0, CURRENT_VERSION + 1))
def test_every_version_opens_with_the_current_code(tmp_path, version):
    path = tmp_path / f"v{version}.duckdb"
    build_database(path, version)
    with Store(path) as store:
        assert store.version == CURRENT_VERSION
        versions = [r["version"] for r in store.rows("SELECT version FROM schema_version "
                                                     "ORDER BY version")]
        assert versions == list(range(1, CURRENT_VERSION + 1))
        if version >= 1:
            ev = store.event("d1-0-0")
            assert ev is not None and [e.code for e in ev.actor] == ["RUS", "JPN"]
            assert ev.text_info.trigger_end == 27 and ev.coder.endswith("@old-1")
            assert store.document("d1").title == "Talks"
            assert store.count_events(dyad=("RUS", "JPN")) == 1
            assert store.cluster("d1-0-0").mentions[0]["id"] == "d1-0-0"


@pytest.mark.parametrize("version", range(0, CURRENT_VERSION))
def test_read_only_open_of_an_old_version_asks_for_a_migration(tmp_path, version):
    path = tmp_path / "old.duckdb"
    build_database(path, version)
    assert Store.needs_migration(path)
    with pytest.raises(StoreError, match="needs migrating"):
        Store(path, read_only=True)


def test_a_newer_database_is_refused(tmp_path):
    path = tmp_path / "future.duckdb"
    Store(path).close()
    conn = duckdb.connect(str(path))
    conn.execute("INSERT INTO schema_version VALUES (?, now()::TIMESTAMP, '99.0')",
                 [CURRENT_VERSION + 1])
    conn.close()
    for read_only in (False, True):
        with pytest.raises(SchemaVersionError, match=f"schema version {CURRENT_VERSION + 1}"):
            Store(path, read_only=read_only)


def test_a_foreign_duckdb_file_is_refused(tmp_path):
    path = tmp_path / "other.duckdb"
    conn = duckdb.connect(str(path))
    conn.execute("CREATE TABLE sales (amount INTEGER)")
    conn.close()
    with pytest.raises(StoreError, match="not written by dotterel"):
        Store(path)


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("just some text\n" * 100)
    with pytest.raises(StoreError, match="cannot open the database"):
        Store(path)


def test_read_only_open_of_a_missing_file_says_how_to_create_it(tmp_path):
    with pytest.raises(StoreError, match="dotterel ingest"):
        Store(tmp_path / "missing.duckdb", read_only=True)
    assert not (tmp_path / "missing.duckdb").exists()


def test_a_fresh_database_is_at_the_current_version(tmp_path):
    path = tmp_path / "new.duckdb"
    with Store(path) as store:
        assert store.version == CURRENT_VERSION
    conn = duckdb.connect(str(path), read_only=True)
    assert schema_version(conn) == CURRENT_VERSION
    conn.close()
    assert not Store.needs_migration(path)


CLUSTERS = """-- test migration: tables a later release might add.
CREATE TABLE event_notes (note_id VARCHAR PRIMARY KEY, first_date DATE);
CREATE TABLE event_noted (event_id VARCHAR PRIMARY KEY, note_id VARCHAR NOT NULL);
INSERT INTO event_notes SELECT id, date_start FROM events;
INSERT INTO event_noted SELECT id, id FROM events;
"""


def migrations_with(tmp_path: Path, extra: str):
    folder = tmp_path / "schema"
    folder.mkdir()
    for migration in load_migrations():
        (folder / f"{migration.name}.sql").write_text(migration.sql)
    (folder / f"{CURRENT_VERSION + 1:03d}_clusters.sql").write_text(extra)
    return load_migrations(str(folder))


def test_a_later_migration_adds_tables_and_keeps_the_data(tmp_path):
    path = tmp_path / "v1.duckdb"
    build_database(path, 1)
    conn = duckdb.connect(str(path))
    applied = apply_migrations(conn, str(path), migrations=migrations_with(tmp_path, CLUSTERS))
    assert applied == list(range(2, CURRENT_VERSION + 2))
    assert conn.execute("SELECT * FROM event_noted").fetchall() == [("d1-0-0", "d1-0-0")]
    assert schema_version(conn) == CURRENT_VERSION + 1
    conn.close()
    with pytest.raises(SchemaVersionError):
        Store(path)


def test_a_failing_migration_leaves_the_previous_version(tmp_path):
    path = tmp_path / "v1.duckdb"
    build_database(path, CURRENT_VERSION)
    broken = "CREATE TABLE event_notes (note_id VARCHAR);\nSELECT * FROM no_such_table;\n"
    conn = duckdb.connect(str(path))
    with pytest.raises(duckdb.Error):
        apply_migrations(conn, str(path), migrations=migrations_with(tmp_path, broken))
    assert schema_version(conn) == CURRENT_VERSION
    tables = {r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables")
              .fetchall()}
    assert "event_notes" not in tables
    conn.close()
    with Store(path) as store:
        assert store.version == CURRENT_VERSION


def test_migration_files_must_not_skip_numbers(tmp_path):
    from dotterel.errors import DataFileError

    (tmp_path / "001_initial.sql").write_text("SELECT 1;")
    (tmp_path / "003_later.sql").write_text("SELECT 1;")
    with pytest.raises(DataFileError, match="expected migration 002"):
        load_migrations(str(tmp_path))
