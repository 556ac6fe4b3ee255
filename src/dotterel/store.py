"""The event database: one ``Store`` around a DuckDB file, for CLI, API, dashboard and tests.

    store = Store("dotterel.duckdb")                 # created and migrated if needed
    store.events(dyad=("RUS", "JPN"), as_="polars")  # a DataFrame of events
    store.dyad("RUS", "JPN", by="year")              # the dyad timeline (see analysis)
    store.cluster(event_id)                          # every report of the same event
    Store("dotterel.duckdb", read_only=True)         # for readers such as the dashboard

Queries count **events, not reports**: several reports of one real-world event
are one cluster (see :mod:`dotterel.dedup`), shown by its best matching mention
with ``cluster_id`` and ``num_mentions``.  ``mentions=True`` counts every coded
mention instead.  Events not clustered yet count on their own.

Writes go through ``add_coded`` (new documents with their events) and
``replace_coded`` (re-coded documents), each one transaction, so a run killed at
any moment leaves every document either complete or absent; both queue the
documents for clustering (``clusters.update_clusters``).  The tables are
described in ``data/schema``; ``rows`` flattens records into them.  DuckDB lets
one process write a file, or several read it: a second writer gets StoreError.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from .errors import StoreError
from .migrations import CURRENT_VERSION, apply_migrations, check_not_newer, schema_version
from .query import EventFilter
from .records import Document, Event
from .rows import (
    document_from_row,
    document_row,
    entity_rows,
    event_from_row,
    event_row,
    sentence_rows,
)

__all__ = ["Coded", "EventChanges", "Store"]

logger = logging.getLogger("dotterel.store")

FRAME_KINDS = ("pandas", "polars", "arrow")
_TABLES = ("documents", "sentences", "events", "event_entities")
_CLUSTER_TABLES = ("event_mentions", "mention_blocks", "mention_links", "event_clusters")
_BATCH_VIEW = "_dotterel_batch"
_EVENT_COLUMNS = (
    "e.id, e.doc_id, e.date, e.date_precision, e.date_basis, e.date_text, e.date_start, "
    "e.event, e.mode, e.context, e.aux, e.cameo, e.quad_class, e.goldstein, e.plover_score, "
    "e.actor_codes, e.recipient_codes, e.event_text, e.text, e.sentence_seq, "
    "e.trigger_start, e.trigger_end, e.confidence, e.coder, e.coder_version, "
    "e.extracted_place, e.resolved_place, e.loc_country, e.lat, e.lon"
)
_LABELS = (
    "(SELECT string_agg(trim(x.code || ' ' || x.sector), '; ' ORDER BY x.position) "
    "FROM event_entities x WHERE x.event_id = e.id AND x.role = '{role}') AS {role}"
)
# The cluster of an event (itself until clustered) and the order that picks a cluster's
# representative: most confident, finest date, most countries, smallest id (as
# dedup.canonical_key, so with every mention matching it is the canonical mention).
CLUSTER_OF = "coalesce(m.cluster_id, e.id)"
RANK_SQL = (
    f"row_number() OVER (PARTITION BY {CLUSTER_OF} ORDER BY coalesce(e.confidence, 0) DESC, "
    "CASE e.date_precision WHEN 'day' THEN 0 WHEN 'month' THEN 1 WHEN 'year' THEN 2 ELSE 3 END, "
    "len(list_distinct(list_concat(e.actor_codes, e.recipient_codes))) DESC, e.id)"
)
CLUSTER_COLUMNS = (
    f"{CLUSTER_OF} AS cluster_id, coalesce(c.num_mentions, 1) AS num_mentions, "
    "coalesce(c.num_documents, 1) AS num_documents, coalesce(c.num_sources, 1) AS num_sources"
)
CLUSTER_JOINS = ("LEFT JOIN event_mentions m ON m.event_id = e.id "
                 "LEFT JOIN event_clusters c ON c.cluster_id = m.cluster_id")


def representatives(condition: str) -> str:
    """A condition over ``events e``: the best event matching ``condition`` in each cluster."""
    return (f"e.id IN (SELECT id FROM (SELECT e.id, {RANK_SQL} AS r FROM events e "
            f"LEFT JOIN event_mentions m ON m.event_id = e.id WHERE {condition}) WHERE r = 1)")


def counted(condition: str, mentions: bool) -> str:
    """``condition`` as is (every mention) or narrowed to one representative per cluster."""
    return condition if mentions else representatives(condition)


@dataclass(frozen=True, slots=True)
class Coded:
    """A document with its events and, if kept, its sentences as (start, end, text)."""

    document: Document
    events: list[Event]
    sentences: tuple[tuple[int, int, str], ...] = ()


@dataclass(frozen=True, slots=True)
class EventChanges:
    """What re-coding a set of documents did to their events."""

    before: int = 0
    after: int = 0
    added: int = 0
    removed: int = 0
    modified: int = 0

    @property
    def changed(self) -> int:
        return self.added + self.removed + self.modified

    def __add__(self, other: EventChanges) -> EventChanges:
        return EventChanges(*(a + b for a, b in zip(_fields(self), _fields(other), strict=True)))


def _fields(changes: EventChanges) -> tuple[int, ...]:
    return (changes.before, changes.after, changes.added, changes.removed, changes.modified)


def _connect(path: Path, read_only: bool) -> Any:
    if read_only and not path.exists():
        raise StoreError(f"{path}: no such database; create it with `dotterel ingest --db {path}`")
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        raise StoreError(_open_problem(path, exc)) from None


def _open_problem(path: Path, exc: BaseException) -> str:
    text = _first_line(exc)
    if "lock" in text.lower():
        return (f"{path}: the database is in use by another process ({text}); DuckDB lets one "
                "process write or several read: wait for the other dotterel process to finish "
                "or give another --db")
    return f"{path}: cannot open the database ({text}); check that it is a DuckDB file"


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


class Store:
    """A DuckDB event database; opening it read-write applies pending migrations."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        if path is None:
            from .settings import load_settings

            path = load_settings().db
        self.path = Path(path)
        self.read_only = read_only
        self._conn = _connect(self.path, read_only)
        try:
            self._prepare()
        except BaseException:
            self._conn.close()
            raise

    def _prepare(self) -> None:
        try:
            if not self.read_only:
                applied = apply_migrations(self._conn, str(self.path))
                if applied:
                    logger.debug("%s: applied schema migrations %s", self.path, applied)
            version = schema_version(self._conn)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot read or migrate the schema "
                             f"({_first_line(exc)})") from None
        check_not_newer(version, str(self.path))
        if version < CURRENT_VERSION:
            raise StoreError(f"{self.path}: schema version {version} needs migrating to "
                             f"{CURRENT_VERSION}; open it once for writing (Store(path))")
        self.version = version

    @staticmethod
    def needs_migration(path: str | Path) -> bool:
        """Whether the database at ``path`` exists and is older than this dotterel."""
        path = Path(path)
        if not path.exists():
            return False
        conn = _connect(path, read_only=True)
        try:
            return schema_version(conn) < CURRENT_VERSION
        finally:
            conn.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"Store({str(self.path)!r}, {mode}, schema v{self.version})"

    def close(self) -> None:
        self._conn.close()

    def cursor(self) -> Store:
        """A Store on its own cursor of the same database, for use in another thread.

        A DuckDB connection must not be shared between threads (a web server's
        workers, say); each takes ``store.cursor()`` and closes it when done.
        """
        clone = object.__new__(Store)
        clone.path, clone.read_only, clone.version = self.path, self.read_only, self.version
        clone._conn = self._conn.cursor()
        return clone

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- reading -----------------------------------------------------------------------

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """All rows of a parameterised query as dicts."""
        cursor = self._execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def query(self, sql: str, params: Sequence[Any] = (), *, as_: str = "pandas") -> Any:
        """A parameterised query as a pandas or polars DataFrame (or an Arrow table)."""
        if as_ not in FRAME_KINDS:
            raise StoreError(f"as_ must be one of {', '.join(FRAME_KINDS)}, got {as_!r}")
        try:
            relation = self._conn.sql(sql, params=list(params) or None)
            if as_ == "polars":
                return relation.pl()
            return relation.to_arrow_table() if as_ == "arrow" else relation.df()
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: query failed ({_first_line(exc)})") from None

    def stream(self, sql: str, params: Sequence[Any] = (), *, batch_rows: int = 10_000) -> Any:
        """A query as a ``pyarrow.RecordBatchReader``, for exports of any size.

        DuckDB keeps the connection busy until the reader is exhausted: read it to the
        end before running another query on this store.
        """
        try:
            return self._conn.sql(sql, params=list(params) or None).to_arrow_reader(batch_rows)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: query failed ({_first_line(exc)})") from None

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        try:
            return self._conn.execute(sql, list(params))
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: query failed ({_first_line(exc)})") from None

    def counts(self) -> dict[str, int]:
        """Number of rows in each table."""
        return {t: int(self._execute(f"SELECT count(*) FROM {t}").fetchall()[0][0])
                for t in _TABLES}

    def known_documents(self, doc_ids: Sequence[str]) -> set[str]:
        """Which of ``doc_ids`` are stored."""
        if not doc_ids:
            return set()
        rows = self._execute("SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?))",
                             [list(doc_ids)]).fetchall()
        return {r[0] for r in rows}

    def document(self, doc_id: str) -> Document | None:
        found = self.rows("SELECT * FROM documents WHERE doc_id = ?", [doc_id])
        return document_from_row(found[0]) if found else None

    def document_pages(self, size: int) -> Iterator[list[Document]]:
        """All stored documents in ``doc_id`` order, ``size`` at a time (safe to write between)."""
        last = ""
        while True:
            found = self.rows("SELECT * FROM documents WHERE doc_id > ? ORDER BY doc_id LIMIT ?",
                              [last, size])
            if not found:
                return
            yield [document_from_row(r) for r in found]
            last = found[-1]["doc_id"]

    def event(self, event_id: str) -> Event | None:
        found = self._event_records("e.id = ?", [event_id])
        return found[0] if found else None

    def iter_events(self, where: EventFilter | None = None, *, page: int = 1000,
                    limit: int | None = None, mentions: bool = True) -> Iterator[Event]:
        """Events as records, in ``id`` order, read ``page`` at a time.

        Every mention by default; ``mentions=False`` gives one per cluster.
        """
        condition, params = (where or EventFilter(include_negated=True)).where()
        condition = counted(condition, mentions)
        last, left = "", limit
        while left is None or left > 0:
            size = page if left is None else min(page, left)
            found = self._event_records(f"{condition} AND e.id > ?", [*params, last], size)
            yield from found
            if len(found) < size:
                return
            last = found[-1].id
            left = None if left is None else left - len(found)

    def event_records(self, *, limit: int | None = None, page: int = 1000,
                      mentions: bool = False, **filters: Any) -> Iterator[Event]:
        """Events matching ``filters`` as records, in the order of ``events()`` (by date)."""
        condition, params = EventFilter.of(**filters).where()
        sql = (f"SELECT e.id FROM events e WHERE {counted(condition, mentions)} "
               "ORDER BY e.date_start NULLS LAST, e.id")
        if limit is not None:
            sql, params = sql + " LIMIT ?", [*params, int(limit)]
        ordered = [row[0] for row in self._execute(sql, params).fetchall()]
        for start in range(0, len(ordered), page):
            chunk = ordered[start:start + page]
            found = {ev.id: ev for ev in self._event_records("e.id IN (SELECT unnest(?))",
                                                             [chunk])}
            yield from (found[key] for key in chunk)

    def _event_records(self, condition: str, params: list[Any],
                       limit: int | None = None) -> list[Event]:
        sql = f"SELECT e.* FROM events e WHERE {condition} ORDER BY e.id"
        if limit is not None:
            sql, params = sql + " LIMIT ?", [*params, limit]
        rows = self.rows(sql, params)
        if not rows:
            return []
        by_event: dict[str, list[dict[str, Any]]] = {r["id"]: [] for r in rows}
        for ent in self.rows("SELECT x.* FROM event_entities x WHERE x.event_id IN "
                             "(SELECT unnest(?))", [list(by_event)]):
            by_event[ent["event_id"]].append(ent)
        return [event_from_row(r, by_event[r["id"]]) for r in rows]

    def events(self, *, limit: int | None = None, as_: str = "pandas", mentions: bool = False,
               **filters: Any) -> Any:
        """Events matching ``filters`` (see ``EventFilter.of``) as a DataFrame, by date.

        One row per cluster (its best matching mention); ``mentions=True``: one per
        mention.  Columns: the ``events`` table's main columns, ``actor``/``recipient``
        as "CODE SECTOR; …" labels, the document's ``title``, ``url`` and ``published``,
        and ``cluster_id``, ``num_mentions``, ``num_documents``, ``num_sources``.
        """
        condition, params = EventFilter.of(**filters).where()
        labels = ", ".join(_LABELS.format(role=role) for role in ("actor", "recipient"))
        sql = (f"SELECT {_EVENT_COLUMNS}, {labels}, d.title, d.url, d.published, "
               f"{CLUSTER_COLUMNS} FROM events e LEFT JOIN documents d ON d.doc_id = e.doc_id "
               f"{CLUSTER_JOINS} WHERE {counted(condition, mentions)} "
               "ORDER BY e.date_start NULLS LAST, e.id")
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return self.query(sql, params, as_=as_)

    def count_events(self, *, mentions: bool = False, **filters: Any) -> int:
        """How many events (clusters; with ``mentions=True`` mentions) match ``filters``."""
        condition, params = EventFilter.of(**filters).where()
        what = "count(*)" if mentions else f"count(DISTINCT {CLUSTER_OF})"
        found = self._execute(f"SELECT {what} FROM events e LEFT JOIN event_mentions m "
                              f"ON m.event_id = e.id WHERE {condition}", params)
        return int(found.fetchall()[0][0])

    def dyad(self, a: str, b: str, *, by: str = "year", as_: str = "pandas",
             mentions: bool = False, **options: Any) -> Any:
        """Per-period counts and scores of the A–B dyad; see ``analysis.dyad_frame``."""
        from .analysis import dyad_frame, to_frame

        return to_frame(dyad_frame(self, a, b, by=by, mentions=mentions, **options), as_)

    def cluster(self, key: str) -> Any:
        """The event ``key`` names (cluster id or any mention's id) with all its mentions.

        A :class:`~dotterel.clusters.ClusterDetail`, or None when the store has no such id.
        """
        from .clusters import cluster_detail

        return cluster_detail(self, key)

    # --- writing -----------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One DuckDB transaction: committed on success, rolled back on any exception."""
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only; open it without read_only to write")
        self._execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._execute("COMMIT")

    def add_coded(self, batch: Sequence[Coded], coder_version: str | None) -> tuple[int, int]:
        """Store new documents with their events in one transaction; return (documents, events).

        Documents already stored (or repeated in ``batch``) are passed over.
        """
        with self.transaction():
            known = self.known_documents([c.document.doc_id for c in batch])
            fresh = list({c.document.doc_id: c for c in batch
                          if c.document.doc_id not in known}.values())
            now = datetime.now(UTC).replace(tzinfo=None)
            self._insert("documents", [document_row(c.document, now, coder_version)
                                       for c in fresh])
            events = self._insert_coded(fresh, coder_version)
            self._queue_clustering([c.document.doc_id for c in fresh])
        return len(fresh), events

    def replace_coded(self, batch: Sequence[Coded], coder_version: str | None) -> EventChanges:
        """Replace the events (and given sentences) of stored documents in one transaction."""
        ids = [c.document.doc_id for c in batch]
        with self.transaction():
            old = self._events_of(ids)
            self._delete_events(ids)
            if any(c.sentences for c in batch):
                self._execute("DELETE FROM sentences WHERE doc_id IN (SELECT unnest(?))", [ids])
            self._insert_coded(batch, coder_version)
            self._execute("UPDATE documents SET coder_version = ? WHERE doc_id IN "
                          "(SELECT unnest(?))", [coder_version, ids])
            self._queue_clustering(ids)
        return compare_events(old, [ev for c in batch for ev in c.events])

    def _queue_clustering(self, doc_ids: list[str]) -> None:
        """Mark documents whose events changed, for ``clusters.update_clusters``."""
        if doc_ids:
            self._execute("INSERT INTO cluster_queue SELECT DISTINCT unnest(?) "
                          "ON CONFLICT DO NOTHING", [doc_ids])

    def _events_of(self, doc_ids: list[str]) -> list[Event]:
        return self._event_records("e.doc_id IN (SELECT unnest(?))", [doc_ids])

    def _delete_events(self, doc_ids: list[str]) -> None:
        self._execute("DELETE FROM event_entities WHERE event_id IN "
                      "(SELECT id FROM events WHERE doc_id IN (SELECT unnest(?)))", [doc_ids])
        self._execute("DELETE FROM events WHERE doc_id IN (SELECT unnest(?))", [doc_ids])

    def _insert_coded(self, batch: Sequence[Coded], coder_version: str | None) -> int:
        events = [ev for c in batch for ev in c.events]
        self._insert("events", [event_row(ev, coder_version) for ev in events])
        self._insert("event_entities", [row for ev in events for row in entity_rows(ev)])
        self._insert("sentences", [row for c in batch
                                   for row in sentence_rows(c.document.doc_id, c.sentences)])
        return len(events)

    def insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        """Bulk-insert rows into a cluster table (for ``clusters``, inside a transaction)."""
        if table not in _CLUSTER_TABLES:
            raise StoreError(f"insert writes the cluster tables only, not {table!r}")
        self._insert(table, rows)

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        """Bulk-insert ``rows`` into one of the store's tables (never a caller's name)."""
        if table not in _TABLES + _CLUSTER_TABLES:
            raise StoreError(f"unknown table {table!r}")
        if not rows:
            return
        self._conn.register(_BATCH_VIEW, pa.Table.from_pylist(rows))
        try:
            self._execute(f"INSERT INTO {table} BY NAME SELECT * FROM {_BATCH_VIEW}")
        finally:
            self._conn.unregister(_BATCH_VIEW)


def _comparable(ev: Event) -> Event:
    """An event without its coder version, so a new lexicon digest alone is no change."""
    return replace(ev, coder=ev.coder.rpartition("@")[0] or ev.coder)


def compare_events(old: Sequence[Event], new: Sequence[Event]) -> EventChanges:
    """Count events added, removed and modified (by id) between two codings."""
    before = {ev.id: _comparable(ev) for ev in old}
    after = {ev.id: _comparable(ev) for ev in new}
    modified = sum(1 for key in before.keys() & after.keys() if before[key] != after[key])
    return EventChanges(before=len(before), after=len(after), added=len(after.keys() - before),
                        removed=len(before.keys() - after), modified=modified)
