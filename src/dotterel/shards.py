"""Parquet shards: what one Dask task coded, as rows of the store's tables.

A shard is a directory holding one Parquet file per table it has rows for
(``documents``, ``events``, ``event_entities``, ``sentences``), flattened by
``rows`` exactly as ``Store.add_coded`` flattens records, with the column types
of the store's own tables.  ``ShardWriter`` writes it under a hidden temporary
name and renames it when complete, so a shard that exists is whole; a worker
killed while writing leaves only a temporary directory behind.

The driver either loads shards into the store with DuckDB reading them in place
(``load_shards``: new documents, one transaction for all, queued for clustering
like ``Store.add_coded``'s) or reads one back as records (``read_coded``) to
replace stored events with ``Store.replace_coded``.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .records import Document
from .rows import (
    document_from_row,
    document_row,
    entity_rows,
    event_from_row,
    event_row,
    sentence_rows,
)
from .store import Coded, Store

__all__ = [
    "SHARD_TABLES",
    "ShardWriter",
    "load_shards",
    "read_coded",
    "read_documents",
    "remove_shard",
    "table_schemas",
    "write_documents",
]

SHARD_TABLES = ("documents", "events", "event_entities", "sentences")
_GROUP_DOCUMENTS = 256  # documents per Parquet row group: memory stays flat while writing
_NEW = "dotterel_shard_new"


def table_schemas(store: Store) -> dict[str, pa.Schema]:
    """The Arrow schema of each table a shard holds, as the store declares it."""
    return {table: store.query(f"SELECT * FROM {table} LIMIT 0", as_="arrow").schema
            for table in SHARD_TABLES}


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class ShardWriter:
    """Write coded documents to the shard directory ``path``, a row group at a time.

    Use it as a context manager: the shard appears at ``path`` only when the block
    ends without an exception.
    """

    def __init__(self, path: Path, schemas: dict[str, pa.Schema],
                 coder_version: str | None) -> None:
        self.path = Path(path)
        self.coder_version = coder_version
        self.documents = self.events = 0
        self._schemas = schemas
        self._tmp = self.path.with_name(f".{self.path.name}.tmp-{uuid.uuid4().hex}")
        self._rows: dict[str, list[dict[str, Any]]] = {t: [] for t in SHARD_TABLES}
        self._writers: dict[str, pq.ParquetWriter] = {}
        self._pending = 0

    def __enter__(self) -> ShardWriter:
        self._tmp.mkdir(parents=True)
        return self

    def add(self, coded: Coded) -> None:
        doc_id = coded.document.doc_id
        self._rows["documents"].append(document_row(coded.document, _now(), self.coder_version))
        for event in coded.events:
            self._rows["events"].append(event_row(event, self.coder_version))
            self._rows["event_entities"].extend(entity_rows(event))
        self._rows["sentences"].extend(sentence_rows(doc_id, coded.sentences))
        self.documents += 1
        self.events += len(coded.events)
        self._pending += 1
        if self._pending >= _GROUP_DOCUMENTS:
            self._flush()

    def _flush(self) -> None:
        for table, rows in self._rows.items():
            if rows:
                schema = self._schema(table, rows[0])
                if table not in self._writers:
                    self._writers[table] = pq.ParquetWriter(self._tmp / f"{table}.parquet", schema)
                self._writers[table].write_table(pa.Table.from_pylist(rows, schema=schema))
                rows.clear()
        self._pending = 0

    def _schema(self, table: str, row: dict[str, Any]) -> pa.Schema:
        """The store's columns that ``rows`` fills (others keep their database defaults)."""
        return pa.schema([f for f in self._schemas[table] if f.name in row])

    def __exit__(self, kind: object, *exc: object) -> None:
        try:
            if kind is None:
                self._flush()
        finally:
            for writer in self._writers.values():
                writer.close()
        if kind is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
            return
        try:
            os.rename(self._tmp, self.path)
        except OSError:  # another attempt finished the same shard first: keep that one
            if not self.path.is_dir():
                raise
            shutil.rmtree(self._tmp, ignore_errors=True)


def remove_shard(path: Path) -> None:
    """Remove a shard and any temporary directories an attempt at it left behind."""
    shutil.rmtree(path, ignore_errors=True)
    for leftover in path.parent.glob(f".{path.name}.tmp-*"):
        shutil.rmtree(leftover, ignore_errors=True)


def _file(shard: Path, table: str) -> str | None:
    path = Path(shard) / f"{table}.parquet"
    return str(path) if path.exists() else None


# --- the driver ----------------------------------------------------------------------------


def load_shards(store: Store, shards: Sequence[Path]) -> tuple[int, int]:
    """Store the new documents of ``shards`` with their rows, in one transaction.

    Shards load in the order given; a document already stored (or loaded from an
    earlier shard) is passed over with its events.  Returns (documents, events).
    """
    documents = events = 0
    now = _now()
    with store.transaction():
        for shard in shards:
            added = _load_one(store, Path(shard), now)
            documents, events = documents + added[0], events + added[1]
    return documents, events


def _load_one(store: Store, shard: Path, now: datetime) -> tuple[int, int]:
    docs = _file(shard, "documents")
    if docs is None:
        return 0, 0
    store.rows(f"CREATE OR REPLACE TEMP TABLE {_NEW} AS SELECT doc_id FROM read_parquet(?) "
               "WHERE doc_id NOT IN (SELECT doc_id FROM documents)", [docs])
    try:
        added = _insert(store, "documents", docs, "doc_id", now)
        found = _file(shard, "events")
        events = _insert(store, "events", found, "doc_id") if found else 0
        entities = _file(shard, "event_entities")
        if found and entities:
            store.rows(f"INSERT INTO event_entities BY NAME SELECT * FROM read_parquet(?) "
                       f"WHERE event_id IN (SELECT id FROM read_parquet(?) "
                       f"WHERE doc_id IN (SELECT doc_id FROM {_NEW}))", [entities, found])
        sentences = _file(shard, "sentences")
        if sentences:
            _insert(store, "sentences", sentences, "doc_id")
        # queued for deduplication (clusters.update_clusters), as Store.add_coded queues them
        store.rows(f"INSERT INTO cluster_queue SELECT doc_id FROM {_NEW} ON CONFLICT DO NOTHING")
    finally:
        store.rows(f"DROP TABLE IF EXISTS {_NEW}")
    return added, events


def _insert(store: Store, table: str, path: str, key: str, now: datetime | None = None) -> int:
    """Insert the rows of a shard file whose ``key`` is a newly stored document."""
    columns: str = "*"
    params: list[Any] = [path]
    if now is not None:
        columns, params = "* REPLACE (CAST(? AS TIMESTAMP) AS ingested_at)", [now, path]
    found = store.rows(f"INSERT INTO {table} BY NAME SELECT {columns} FROM read_parquet(?) "
                       f"WHERE {key} IN (SELECT doc_id FROM {_NEW})", params)
    return int(found[0]["Count"]) if found else 0


def read_coded(shard: Path) -> list[Coded]:
    """The records of one shard, documents in the order they were written."""
    entities: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in _rows(shard, "event_entities"):
        entities[row["event_id"]].append(row)
    events: dict[str, list[Any]] = defaultdict(list)
    for row in _rows(shard, "events"):
        events[row["doc_id"]].append(event_from_row(row, entities[row["id"]]))
    sentences: dict[str, list[tuple[int, int, int, str]]] = defaultdict(list)
    for row in _rows(shard, "sentences"):
        sentences[row["doc_id"]].append((row["seq"], row["start_char"], row["end_char"],
                                         row["text"]))
    return [Coded(document_from_row(row), events[row["doc_id"]],
                  tuple((s, e, t) for _, s, e, t in sorted(sentences[row["doc_id"]])))
            for row in _rows(shard, "documents")]


def _rows(shard: Path, table: str) -> Iterator[dict[str, Any]]:
    path = _file(shard, table)
    if path is not None:
        for batch in pq.ParquetFile(path).iter_batches(batch_size=1024):
            yield from batch.to_pylist()


# --- documents to re-code ------------------------------------------------------------------


def write_documents(table: pa.Table, path: Path) -> None:
    """Write a page of ``documents`` rows for a worker to re-code."""
    tmp = path.with_name(f".{path.name}.tmp-{uuid.uuid4().hex}")
    pq.write_table(table, tmp)
    os.replace(tmp, path)


def read_documents(path: Path) -> Iterator[Document]:
    """The Documents of a page written by ``write_documents``, streamed."""
    for batch in pq.ParquetFile(path).iter_batches(batch_size=_GROUP_DOCUMENTS):
        for row in batch.to_pylist():
            yield document_from_row(row)
