"""Ingest and recode with the real pipeline: idempotent, resumable after SIGKILL, re-coding."""

import math
import os
import shutil
import signal
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest

from dotterel import runner
from dotterel.runner import ingest, recode
from dotterel.store import Store

from .conftest import DEMO_CORPUS


def stored_ids(store: Store) -> tuple[set[str], set[str]]:
    docs = {r["doc_id"] for r in store.rows("SELECT doc_id FROM documents")}
    events = {r["id"] for r in store.rows("SELECT id FROM events")}
    return docs, events


def assert_consistent(store: Store) -> None:
    """Every event belongs to a stored document and every entity to a stored event."""
    orphans = store.rows(
        "SELECT count(*) AS n FROM events e WHERE e.doc_id NOT IN (SELECT doc_id FROM documents)")
    assert orphans[0]["n"] == 0
    loose = store.rows("SELECT count(*) AS n FROM event_entities x "
                       "WHERE x.event_id NOT IN (SELECT id FROM events)")
    assert loose[0]["n"] == 0


def test_ingest_twice_stores_nothing_new(settings, small_corpus, tmp_path, monkeypatch):
    with Store(tmp_path / "db.duckdb") as store:
        first = ingest([small_corpus], settings, store)
        assert (first.read, first.new, first.already_stored) == (6, 6, 0)
        assert first.events == store.counts()["events"] > 0
        assert first.batches == 1 and first.coder_version
        before = store.counts()

        def no_pipeline(settings):
            raise AssertionError("a run with nothing new must not load the pipeline")

        monkeypatch.setattr(runner, "_pipeline", no_pipeline)
        second = ingest([small_corpus], settings, store)
        assert (second.read, second.new, second.already_stored, second.events) == (6, 0, 6, 0)
        assert second.nothing_new and "nothing new" in second.summary()
        assert store.counts() == before
        assert_consistent(store)


def test_events_record_the_coder_version(settings, small_corpus, tmp_path):
    with Store(tmp_path / "db.duckdb") as store:
        report = ingest([small_corpus], settings, store)
        versions = store.rows("SELECT DISTINCT coder_version FROM events UNION "
                              "SELECT DISTINCT coder_version FROM documents")
        assert versions == [{"coder_version": report.coder_version}]


def test_duplicates_and_bad_inputs_are_counted(settings, small_corpus, tmp_path):
    first = sorted(small_corpus.iterdir())[0]
    shutil.copy(first, small_corpus / "zz-copy-of-first.txt")
    (small_corpus / "empty.txt").write_text("   \n")
    (small_corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with Store(tmp_path / "db.duckdb") as store:
        report = ingest([small_corpus], settings.replace(batch_size=2), store)
        assert (report.read, report.new, report.already_stored) == (7, 6, 1)
        assert report.skipped == {"empty": 1, "binary": 1}
        assert report.batches == math.ceil(6 / 2)
        assert store.counts()["documents"] == 6
        assert "2 skipped (binary: 1, empty: 1)" in report.summary()


def test_published_override(settings, small_corpus, tmp_path):
    with Store(tmp_path / "db.duckdb") as store:
        ingest([small_corpus], settings, store, published=date(2020, 1, 2))
        rows = store.rows("SELECT DISTINCT published, published_basis FROM documents")
        assert rows == [{"published": date(2020, 1, 2), "published_basis": "cli"}]


def test_sentences_are_kept_when_asked(settings, small_corpus, tmp_path):
    with Store(tmp_path / "db.duckdb") as store:
        ingest([small_corpus], settings.replace(store_sentences=True), store)
        sentences = {(r["doc_id"], r["seq"]): r for r in store.rows("SELECT * FROM sentences")}
        assert len({doc for doc, _ in sentences}) == 6
        for ev in store.iter_events():
            row = sentences[(ev.doc_id, ev.text_info.sequence)]
            assert (row["start_char"], row["end_char"]) == (ev.text_info.start, ev.text_info.end)
            assert row["text"] == ev.text


def test_progress_is_reported(settings, small_corpus, tmp_path):
    seen = []
    with Store(tmp_path / "db.duckdb") as store:
        ingest([small_corpus], settings, store, progress=lambda r: seen.append((r.coded, r.new)))
    assert [coded for coded, _ in seen][:6] == [1, 2, 3, 4, 5, 6]
    assert seen[-1] == (6, 6)


def test_recode_restores_tampered_events(settings, small_corpus, tmp_path):
    with Store(tmp_path / "db.duckdb") as store:
        ingest([small_corpus], settings, store)
        original = {ev.id: ev for ev in store.iter_events()}
        gone, changed = sorted(original)[:2]
        store.rows("DELETE FROM event_entities WHERE event_id = ?", [gone])
        store.rows("DELETE FROM events WHERE id = ?", [gone])
        store.rows("UPDATE events SET event = 'THREATEN' WHERE id = ?", [changed])
        store.rows("UPDATE documents SET coder_version = 'old'")
        report = recode(settings, store)
        assert report.documents == 6 and report.batches == 1
        c = report.changes
        assert (c.added, c.removed, c.modified, c.changed) == (1, 0, 1, 2)
        assert c.before == len(original) - 1 and c.after == len(original)
        assert {ev.id: ev for ev in store.iter_events()} == original
        assert store.rows("SELECT DISTINCT coder_version FROM documents") == [
            {"coder_version": report.coder_version}]
        again = recode(settings, store)
        assert again.changes.changed == 0 and "0 changed" in again.summary()


def _dotterel(*args: str) -> list[str]:
    return [sys.executable, "-c", "from dotterel.cli.main import main; main()", *args]


def _environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOTTEREL_")}
    env["COLUMNS"] = "200"
    return env


@pytest.mark.slow
def test_resume_after_sigkill(settings, tmp_path, demo_run):
    """Kill `dotterel ingest` after its first commit; the next run finishes without duplicates."""
    db = tmp_path / "killed.duckdb"
    proc = subprocess.Popen(
        _dotterel("-v", "ingest", str(DEMO_CORPUS), "--db", str(db), "--batch-size", "4"),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
        env=_environment())
    watchdog = threading.Timer(300, proc.kill)
    watchdog.start()
    try:
        for line in proc.stderr:
            if "committed batch 1:" in line:
                proc.send_signal(signal.SIGKILL)
                break
        proc.wait()
    finally:
        watchdog.cancel()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL, "ingest ended before it could be killed"
    with Store(db) as store:
        kept = store.counts()["documents"]
        assert 4 <= kept < 113
        assert_consistent(store)
        report = ingest([DEMO_CORPUS], settings, store)
        assert (report.read, report.already_stored, report.new) == (113, kept, 113 - kept)
        assert_consistent(store)
        resumed = stored_ids(store)
    with Store(demo_run.db, read_only=True) as clean:
        assert resumed == stored_ids(clean)  # the same documents and events as one clean run


@pytest.mark.parametrize("args, code, message", [
    ((), 0, "nothing new"),
    (("--published", "2017-01-01"), 0, "nothing new"),
])
def test_cli_ingest_runs_are_idempotent(small_corpus, tmp_path, args, code, message):
    from typer.testing import CliRunner

    from dotterel.cli.main import app

    db = str(tmp_path / "cli.duckdb")
    first = CliRunner().invoke(app, ["ingest", str(small_corpus), "--db", db])
    assert first.exit_code == 0, first.output
    assert "6 new" in first.stderr and "stored" in first.stderr
    again = CliRunner().invoke(app, ["ingest", str(small_corpus), "--db", db, *args])
    assert again.exit_code == code and message in again.stderr
    assert "6 already stored" in again.stderr


def test_cli_ingest_with_nothing_to_read_fails(tmp_path):
    from typer.testing import CliRunner

    from dotterel.cli.main import app

    empty = tmp_path / "nothing"
    empty.mkdir()
    result = CliRunner().invoke(app, ["ingest", str(empty), "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 1 and "read 0 documents" in result.stderr


def test_cli_recode(small_corpus, tmp_path):
    from typer.testing import CliRunner

    from dotterel.cli.main import app

    db = str(tmp_path / "cli.duckdb")
    CliRunner().invoke(app, ["ingest", str(small_corpus), "--db", db])
    result = CliRunner().invoke(app, ["recode", "--db", db])
    assert result.exit_code == 0, result.output
    assert "recoded 6 documents" in result.stderr and "0 changed" in result.stderr


def test_path_is_a_directory_of_the_demo_corpus():
    assert len(list(Path(DEMO_CORPUS).glob("*.txt"))) == 113
