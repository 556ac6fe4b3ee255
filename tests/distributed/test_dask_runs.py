"""Ingest and recode on a 2-worker LocalCluster store exactly what one process stores.

One cluster serves the module; its workers load the pipeline once.  The corpus
has 300 text reports, the same reports again as JSONL.gz (duplicates: the first
copy wins), 60 other reports in a plain JSONL file that is read in byte ranges,
a bad JSON line and an empty file.
"""

import json
import os
import shutil
import signal
import sys
from pathlib import Path

import cloudpickle
import pytest
from distributed.diagnostics.plugin import WorkerPlugin

from dotterel import distributed as dist
from dotterel.errors import ConfigError
from dotterel.partitions import Piece
from dotterel.runner import ingest, recode
from dotterel.settings import load_settings
from dotterel.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from corpus import generate_articles, write_corpus  # noqa: E402

cloudpickle.register_pickle_by_value(sys.modules[__name__])  # workers cannot import tests
DEMO = Path(__file__).resolve().parents[2] / "src" / "dotterel" / "data" / "demo" / "corpus"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def settings(tmp_path_factory):
    return load_settings(environ={}, cwd=tmp_path_factory.mktemp("cwd"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    root = tmp_path_factory.mktemp("corpus")
    info = write_corpus(root, 300, seed=11, total_words=300 * 45)
    extra = root / "more" / "extra.jsonl"
    extra.parent.mkdir()
    lines = [json.dumps({"title": a.title, "date": a.published.isoformat(), "url": a.url,
                         "publisher": a.publisher, "text": a.text})
             for a in generate_articles(60, seed=12, total_words=60 * 45)]
    lines.insert(20, "{this line is not JSON")
    extra.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "more" / "empty.txt").write_text("  \n")
    return [info["txt"], info["jsonl.gz"], root / "more"]


@pytest.fixture(scope="module")
def single(corpus, settings, tmp_path_factory):
    """The one-process run everything is compared with: its report and its rows."""
    db = tmp_path_factory.mktemp("single") / "single.duckdb"
    with Store(db) as store:
        report = ingest(corpus, settings, store)
        return db, report, table_rows(store)


@pytest.fixture(scope="module")
def client(settings):
    with dist.dask_client(settings.replace(workers=2)) as opened:
        dist.warm_up(opened, settings)
        yield opened


def table_rows(store: Store) -> dict[str, list[dict]]:
    return {
        "documents": store.rows("SELECT * EXCLUDE (ingested_at) FROM documents ORDER BY doc_id"),
        "events": store.rows("SELECT * FROM events ORDER BY id"),
        "event_entities": store.rows("SELECT * FROM event_entities "
                                     "ORDER BY event_id, role, position"),
        "sentences": store.rows("SELECT * FROM sentences ORDER BY doc_id, seq"),
        "event_mentions": store.rows("SELECT * FROM event_mentions ORDER BY event_id"),
        "event_clusters": store.rows("SELECT * FROM event_clusters ORDER BY cluster_id"),
        "cluster_queue": store.rows("SELECT * FROM cluster_queue"),
    }


def rows_from(expected: dict[str, list[dict]], folder: Path) -> dict[str, list[dict]]:
    """The rows of ``expected`` whose documents were read from files under ``folder``.

    (Clusters are left out: they depend on which other documents are stored.)
    """
    docs = [r for r in expected["documents"] if r["source_path"].startswith(str(folder))]
    ids = {r["doc_id"] for r in docs}
    events = [r for r in expected["events"] if r["doc_id"] in ids]
    event_ids = {r["id"] for r in events}
    return {"documents": docs, "events": events,
            "event_entities": [r for r in expected["event_entities"]
                               if r["event_id"] in event_ids],
            "sentences": [r for r in expected["sentences"] if r["doc_id"] in ids]}


def counts(report) -> tuple:
    return (report.read, report.new, report.already_stored, report.skipped, report.events,
            report.coder_version)


def test_two_workers_store_what_one_process_stores(corpus, settings, single, client, tmp_path):
    _, one, expected = single
    assert one.new >= 300 and one.already_stored >= 300 and one.skipped == {"malformed": 1,
                                                                             "empty": 1}
    with Store(tmp_path / "two.duckdb") as store:
        on_cluster = settings.replace(scheduler=client.scheduler.address)
        two = ingest(corpus, on_cluster, store)  # the runner dispatches to Dask...
        assert isinstance(two, dist.DistributedIngestReport)
        assert two.partitions > 4 and two.workers == 2 and not two.failed
        assert counts(two) == counts(one)
        assert table_rows(store) == expected  # ids and every field of every event
        assert "in one transaction from" in two.summary()
        assert not (tmp_path / "two.duckdb.shards").exists()
        again = dist.ingest_distributed(corpus, settings, store, client=client)
        assert (again.read, again.new, again.already_stored, again.coded) == \
            (one.read, 0, one.read, 0)
        assert again.nothing_new and table_rows(store) == expected


class KillOnce(WorkerPlugin):
    """Kill the worker process the first time it starts coding a partition."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def transition(self, key, start, finish, **kwargs):
        if finish == "executing" and str(key).startswith("dotterel-code-") and \
                not os.path.exists(self.marker):
            Path(self.marker).write_text(str(key))
            os.kill(os.getpid(), signal.SIGKILL)


def test_a_killed_worker_costs_one_retry_and_nothing_else(corpus, settings, single, client,
                                                          tmp_path):
    txt, expected = corpus[0], rows_from(single[2], corpus[0])
    marker = tmp_path / "killed"
    client.register_plugin(KillOnce(str(marker)), name="kill-once")
    try:
        with Store(tmp_path / "killed.duckdb") as store:
            report = dist.ingest_distributed([txt], settings, store, client=client)
            assert marker.exists(), "no worker was killed"
            assert not report.failed and report.partitions > 4
            assert (report.read, report.new, report.already_stored) == (300, 300, 0)
            stored = table_rows(store)
            assert {table: stored[table] for table in expected} == expected
            assert stored["event_mentions"] and not stored["cluster_queue"]  # deduplicated
    finally:
        client.unregister_worker_plugin("kill-once")
    assert not list(tmp_path.glob("killed.duckdb.shards*"))


def test_a_partition_failing_twice_is_reported_and_the_rest_stored(
        corpus, settings, single, client, tmp_path, monkeypatch):
    paths, expected = [corpus[0], corpus[2]], single[2]  # no duplicates to stand in
    missing = tmp_path / "not-on-the-workers.txt"
    real = dist.list_pieces

    def with_a_missing_file(paths, settings, report):
        yield Piece(str(missing), 100)
        yield from real(paths, settings, report)

    monkeypatch.setattr(dist, "list_pieces", with_a_missing_file)
    with Store(tmp_path / "partial.duckdb") as store:
        report = dist.ingest_distributed(paths, settings, store, client=client)
        [failure] = report.failed
        assert failure.partition.startswith("partition 0 (")
        assert failure.inputs[0] == str(missing) and len(failure.inputs) > 1
        assert str(missing) in failure.error and "not found by worker tcp://" in failure.error
        summary = report.summary()
        assert "1 partition failed twice" in summary and str(missing) in summary
        stored = table_rows(store)
        assert 0 < len(stored["documents"]) < len(expected["documents"])
        events = {row["id"] for row in stored["events"]}
        assert len(events) == len(stored["events"])
        assert stored["events"] == [row for row in expected["events"] if row["id"] in events]
        monkeypatch.undo()
        rest = dist.ingest_distributed(paths, settings, store, client=client)
        assert rest.new == len(expected["documents"]) - len(stored["documents"])
        assert not rest.failed and table_rows(store) == expected


def test_recode_on_workers_replaces_events_like_one_process(settings, single, client, tmp_path):
    db, _, expected = single
    copy = tmp_path / "recode.duckdb"
    shutil.copy(db, copy)
    with Store(copy) as store:
        first, second = sorted(row["id"] for row in expected["events"])[:2]
        store.rows("DELETE FROM event_entities WHERE event_id = ?", [first])
        store.rows("DELETE FROM events WHERE id = ?", [first])
        store.rows("UPDATE events SET event = 'THREATEN' WHERE id = ?", [second])
        report = recode(settings.replace(scheduler=client.scheduler.address), store)
        assert isinstance(report, dist.DistributedRecodeReport)
        assert not report.failed and report.partitions > 2
        assert report.documents == len(expected["documents"])
        c = report.changes
        assert (c.added, c.removed, c.modified) == (1, 0, 1)
        assert table_rows(store) == expected
    assert not (tmp_path / "recode.duckdb.shards").exists()


def test_cli_ingest_and_recode_on_a_scheduler(client, tmp_path):
    from typer.testing import CliRunner

    from dotterel.cli.main import app

    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in sorted(DEMO.glob("02[0-5]-*.txt")):
        shutil.copy(path, folder / path.name)
    db, address = str(tmp_path / "cli.duckdb"), client.scheduler.address
    first = CliRunner().invoke(app, ["ingest", str(folder), "--db", db, "--scheduler", address])
    assert first.exit_code == 0, first.output
    assert "6 new" in first.stderr and "on 2 workers" in first.stderr
    again = CliRunner().invoke(app, ["recode", "--db", db, "--scheduler", address])
    assert again.exit_code == 0, again.output
    assert "recoded 6 documents" in again.stderr and "0 changed" in again.stderr


def test_cli_names_a_scheduler_it_cannot_reach(tmp_path, monkeypatch, capsys):
    from dotterel.cli.main import main

    monkeypatch.setattr(dist, "CONNECT_SECONDS", 1)
    monkeypatch.setattr(sys, "argv", ["dotterel", "ingest", str(DEMO), "--db",
                                      str(tmp_path / "x.duckdb"), "--scheduler",
                                      "tcp://127.0.0.1:9"])
    with pytest.raises(SystemExit) as raised:
        main()
    assert raised.value.code == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in capsys.readouterr().err


@pytest.mark.parametrize("paths, workers, shard_dir, message", [
    (["-"], 2, None, "standard input"),
    ([str(DEMO)], -1, None, "1 or more worker processes"),
    ([str(DEMO)], 2, "s3://bucket/shards", "not a URL"),
])
def test_bad_requests_fail_before_a_cluster_starts(paths, workers, shard_dir, message, settings,
                                                   tmp_path):
    with Store(tmp_path / "x.duckdb") as store, pytest.raises(ConfigError, match=message):
        ingest(paths, settings.replace(workers=workers), store, shard_dir=shard_dir)
