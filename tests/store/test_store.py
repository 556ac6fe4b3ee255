"""The Store: writing in transactions, reading records and frames, read-only use."""

import shutil
import subprocess
import sys
from dataclasses import replace

import pytest

from dotterel.errors import StoreError
from dotterel.store import Coded, Store, compare_events

from .conftest import CODER_VERSION, HAND_EVENTS, SPECS, build_document, build_event, hand_batch


def test_add_coded_stores_documents_events_and_entities(store):
    written = store.add_coded(hand_batch(), CODER_VERSION)
    assert written == (12, 12)
    counts = store.counts()
    assert counts == {"documents": 12, "sentences": 0, "events": 12,
                      "event_entities": sum(len(e.actor) + len(e.recipient)
                                            for e in HAND_EVENTS.values())}
    for event_id, ev in HAND_EVENTS.items():
        assert store.event(event_id) == ev
    assert store.document("doc01") == build_document(SPECS[0])
    assert store.rows("SELECT coder_version FROM documents WHERE doc_id = ?", ["doc01"]) == [
        {"coder_version": CODER_VERSION}]


def test_add_coded_passes_over_stored_and_repeated_documents(store):
    store.add_coded(hand_batch(SPECS[:2]), CODER_VERSION)
    batch = hand_batch(SPECS[1:4]) + hand_batch(SPECS[3:4])  # doc02 stored, doc04 twice
    assert store.add_coded(batch, CODER_VERSION) == (2, 2)
    assert store.counts()["documents"] == 4
    assert store.known_documents(["doc01", "doc04", "doc99"]) == {"doc01", "doc04"}


def test_a_failed_batch_leaves_nothing_behind(store, monkeypatch):
    store.add_coded(hand_batch(SPECS[:1]), CODER_VERSION)
    original = store._insert

    def failing(table, rows):
        if table == "event_entities":
            raise StoreError("disk full (simulated)")
        original(table, rows)

    monkeypatch.setattr(store, "_insert", failing)
    with pytest.raises(StoreError, match="simulated"):
        store.add_coded(hand_batch(SPECS[1:5]), CODER_VERSION)
    monkeypatch.undo()
    assert store.counts()["documents"] == 1 and store.counts()["events"] == 1
    assert store.add_coded(hand_batch(SPECS[1:5]), CODER_VERSION) == (4, 4)


def test_sentences_are_stored_when_given(store):
    doc = build_document(SPECS[0])
    sentences = ((0, 10, "Putin visi"), (10, len(doc.text), doc.text[10:]))
    store.add_coded([Coded(doc, [build_event(SPECS[0])], sentences)], CODER_VERSION)
    rows = store.rows("SELECT seq, start_char, end_char, text FROM sentences ORDER BY seq")
    assert [(r["seq"], r["start_char"], r["text"]) for r in rows] == [
        (0, 0, "Putin visi"), (1, 10, doc.text[10:])]


def test_replace_coded_counts_changes(store):
    store.add_coded(hand_batch(SPECS[:3]), CODER_VERSION)
    first, second, third = (build_event(s) for s in SPECS[:3])
    recoded = [
        Coded(build_document(SPECS[0]), [replace(first, coder=first.coder.replace(
            CODER_VERSION, "test-2"))]),                      # same event, new version: unchanged
        Coded(build_document(SPECS[1]), [replace(second, event="CONSULT"),  # modified
                                         replace(second, id="doc02-0-1")]),  # added
        Coded(build_document(SPECS[2]), []),                  # removed
    ]
    changes = store.replace_coded(recoded, "test-2")
    assert (changes.before, changes.after, changes.added, changes.removed, changes.modified) == (
        3, 3, 1, 1, 1)
    assert changes.changed == 3
    assert store.event("doc02-0-0").event == "CONSULT"
    assert store.event("doc03-0-0") is None
    assert store.counts()["events"] == 3
    assert store.rows("SELECT DISTINCT coder_version FROM documents") == [
        {"coder_version": "test-2"}]


def test_compare_events_ignores_only_the_coder_version():
    ev = build_event(SPECS[0])
    assert compare_events([ev], [replace(ev, coder="lexicon:test:1@other")]).changed == 0
    assert compare_events([ev], [replace(ev, coder="lexicon:test:2@other")]).modified == 1


def test_document_pages_walk_every_document(store):
    store.add_coded(hand_batch(), CODER_VERSION)
    pages = list(store.document_pages(5))
    assert [len(p) for p in pages] == [5, 5, 2]
    assert [d.doc_id for page in pages for d in page] == sorted(f"doc{n:02d}" for n in range(1, 13))


def test_read_only_store_refuses_writes(hand_db):
    with Store(hand_db, read_only=True) as reader:
        with pytest.raises(StoreError, match="read-only"):
            reader.add_coded(hand_batch(SPECS[:1]), CODER_VERSION)
        assert reader.counts()["events"] == 12
        assert "read-only" in repr(reader)


def test_query_frames(hand_store):
    frame = hand_store.query("SELECT event, count(*) AS n FROM events WHERE quad_class = ? "
                             "GROUP BY event ORDER BY event", [1])
    assert frame.to_dict("records") == [{"event": "AGREE", "n": 2}, {"event": "CONSULT", "n": 3}]
    assert hand_store.query("SELECT 1 AS one", as_="arrow").num_rows == 1
    with pytest.raises(StoreError, match="as_"):
        hand_store.query("SELECT 1", as_="excel")
    with pytest.raises(StoreError, match="query failed"):
        hand_store.query("SELECT * FROM no_such_table")


def test_stream_reads_in_batches(hand_store):
    reader = hand_store.stream("SELECT id FROM events ORDER BY id", batch_rows=5)
    assert sum(batch.num_rows for batch in reader) == 12


def test_a_second_writer_gets_a_store_error(hand_db, tmp_path):
    path = tmp_path / "busy.duckdb"
    shutil.copy(hand_db, path)
    with Store(path):
        code = (f"from dotterel.store import Store\nimport sys\ntry:\n    Store({str(path)!r})\n"
                "except Exception as exc:\n    print(type(exc).__name__, exc)\n    sys.exit(3)")
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              timeout=120)
    assert done.returncode == 3, done.stderr
    assert done.stdout.startswith("StoreError") and "in use by another process" in done.stdout


def test_cursors_serve_other_threads(hand_store):
    from concurrent.futures import ThreadPoolExecutor

    def count(filters):
        with hand_store.cursor() as own:
            return own.count_events(**filters)

    jobs = [{"dyad": ("RUS", "JPN")}, {"quad": 4}, {}, {"include_negated": True}] * 5
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(count, jobs))
    assert results == [7, 2, 10, 12] * 5
