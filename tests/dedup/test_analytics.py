"""Counting events once however many reports they have: queries, dyads, exports, the CLI."""

import csv
import json

import pytest
from typer.testing import CliRunner

from dotterel.analysis import dyad, top_actors
from dotterel.cli.main import app
from dotterel.clusters import update_clusters
from dotterel.export import export_events
from dotterel.gdelt import GDELT_COLUMNS, event_number
from dotterel.store import Store

from .conftest import ABE, PUTIN, coded, event

# Three reports of the 20 March talks (two outlets), one report of the 22 March deal,
# and a negated report: 5 mentions, 3 events (the negated one on its own).
BATCH = [
    coded("a", event("a", 0, "CONSULT", (ABE,), (PUTIN,), trigger="held talks", place="Moscow"),
          event("a", 1, "CONSULT", (PUTIN, ABE), trigger="met", place="Moscow",
                confidence=0.9),
          published="2017-03-20", publisher="Wire A"),
    coded("b", event("b", 0, "CONSULT", (ABE, PUTIN), trigger="summit", place="Moscow"),
          published="2017-03-21", publisher="Wire B"),
    coded("c", event("c", 0, "AGREE", (ABE, PUTIN), trigger="agreed", place="Moscow",
                     when="2017-03-22"), published="2017-03-22", publisher="Wire B"),
    coded("d", event("d", 0, "CONSULT", (ABE, PUTIN), trigger="met", place="Moscow",
                     aux=("negation",)), published="2017-03-21", publisher="Wire C"),
]


@pytest.fixture
def db(tmp_path, settings):
    path = tmp_path / "events.duckdb"
    with Store(path) as store:
        store.add_coded(BATCH, "test")
        update_clusters(store, settings)
    return path


@pytest.fixture
def clustered(db):
    with Store(db, read_only=True) as store:
        yield store


def run(*args, code=0):
    result = CliRunner().invoke(app, [str(a) for a in args], env={"COLUMNS": "200"})
    assert result.exit_code == code, result.output
    return result


def test_events_are_counted_once(clustered):
    assert clustered.count_events() == 2
    assert clustered.count_events(mentions=True) == 4
    assert clustered.count_events(include_negated=True) == 3
    frame = clustered.events()
    assert list(frame["id"]) == ["a-1-0", "c-0-0"]  # the most confident report of the talks
    assert list(frame["num_mentions"]) == [3, 1] and list(frame["num_sources"]) == [2, 1]
    assert len(clustered.events(mentions=True)) == 4
    talks = clustered.events(types="CONSULT", mentions=True)
    assert talks["cluster_id"].nunique() == 1 and len(talks) == 3


def test_a_filter_matching_any_mention_finds_the_event(clustered):
    frame = clustered.events(since="2017-03-20", until="2017-03-20", types="CONSULT")
    assert len(frame) == 1 and frame["num_mentions"].iloc[0] == 3


def test_records_follow_the_same_count(clustered):
    assert [ev.id for ev in clustered.event_records()] == ["a-1-0", "c-0-0"]
    assert len(list(clustered.event_records(mentions=True))) == 4
    assert len(list(clustered.iter_events(mentions=False))) == 3  # negated included


def test_dyad_counts_events_not_reports(clustered):
    once = dyad(clustered, "RUS", "JPN", by="year")
    assert (once.events, once.mentions, once.counts_mentions) == (2, 4, False)
    assert int(once.periods["events"].sum()) == 2
    every = dyad(clustered, "RUS", "JPN", by="year", mentions=True)
    assert (every.events, every.counts_mentions) == (4, True)
    assert list(clustered.dyad("RUS", "JPN", mentions=True)["events"]) == [4]
    assert list(clustered.dyad("RUS", "JPN")["events"]) == [2]


def test_actors_count_events(clustered):
    rows = {r["code"]: r for r in top_actors(clustered).to_dict("records")}
    assert rows["JPN"]["events"] == 2
    assert {r["code"]: r["events"] for r in top_actors(clustered, mentions=True)
            .to_dict("records")}["JPN"] == 4


def read_gdelt(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return [dict(zip(GDELT_COLUMNS, row, strict=True))
                for row in csv.reader(handle, delimiter="\t")]


def test_gdelt_counts_mentions_sources_and_articles(clustered, tmp_path):
    done = export_events(clustered, tmp_path / "events.tsv")
    rows = read_gdelt(tmp_path / "events.tsv")
    assert done.events == len(rows) == 3
    cluster = clustered.rows("SELECT cluster_id FROM event_mentions WHERE event_id = 'a-0-0'")[0]
    talks = next(r for r in rows if r["GLOBALEVENTID"] == str(event_number(
        cluster["cluster_id"])))
    assert (talks["NumMentions"], talks["NumSources"], talks["NumArticles"]) == ("3", "2", "2")
    assert talks["SQLDATE"] == "20170320" and talks["SOURCEURL"].endswith("/a")
    every = export_events(clustered, tmp_path / "mentions.tsv", mentions=True)
    rows = read_gdelt(tmp_path / "mentions.tsv")
    assert every.events == len(rows) == 5 and every.mentions
    assert {(r["NumMentions"], r["NumSources"], r["NumArticles"]) for r in rows} == {
        ("1", "1", "1")}
    assert str(event_number("a-0-0")) in {r["GLOBALEVENTID"] for r in rows}


def test_other_exports_carry_the_cluster(clustered, tmp_path):
    import pandas as pd

    export_events(clustered, tmp_path / "events.csv")
    frame = pd.read_csv(tmp_path / "events.csv")
    assert len(frame) == 3 and sorted(frame["num_mentions"]) == [1, 1, 3]
    export_events(clustered, tmp_path / "mentions.csv", mentions=True)
    assert len(pd.read_csv(tmp_path / "mentions.csv")) == 5
    done = export_events(clustered, tmp_path / "events.jsonl")
    records = [json.loads(line) for line in (tmp_path / "events.jsonl").read_text().splitlines()]
    assert done.events == 3 and {r["id"] for r in records} == {"a-1-0", "c-0-0", "d-0-0"}


def test_cli_events_show_mentions(db):
    out = run("events", "--db", db).stdout
    assert "a-1-0" in out and "a-0-0" not in out and "│ 3 │" in out
    every = run("events", "--db", db, "--mentions", "--format", "jsonl").stdout.splitlines()
    assert len(every) == 4
    rows = list(csv.DictReader(run("events", "--db", db, "--format", "csv").stdout
                               .splitlines()))
    assert [r["num_mentions"] for r in rows] == ["3", "1"]


def test_cli_dyad_and_export_take_mentions(db, tmp_path):
    data = json.loads(run("dyad", "RUS", "JPN", "--db", db, "--format", "json").stdout)
    assert (data["events"], data["mentions"], data["counts"]) == (2, 4, "events")
    data = json.loads(run("dyad", "RUS", "JPN", "--db", db, "--format", "json",
                          "--mentions").stdout)
    assert (data["events"], data["counts"]) == (4, "mentions")
    assert "2 events between RUS and JPN (from 4 mentions)" in run("dyad", "RUS", "JPN",
                                                                   "--db", db).stdout
    result = run("export", "--db", db, "--to", tmp_path / "m.tsv", "--mentions")
    assert "wrote 5 mentions" in result.stderr


@pytest.mark.parametrize("key", ["a-0-0", "b-0-0", "cluster"])
def test_explain_lists_every_report(db, key):
    with Store(db, read_only=True) as store:
        cluster = store.cluster("a-0-0")
    target = cluster.cluster_id if key == "cluster" else key
    out = run("explain", target, "--db", db).stdout
    assert "Reports of this event: 3 mentions in 2 documents, 2 sources" in out
    for mention_id in ("a-0-0", "a-1-0", "b-0-0"):
        assert mention_id in out
    shown = "a-1-0" if key == "cluster" else key  # a cluster shows its canonical mention
    assert f"▶  {shown}" in out
    data = json.loads(run("explain", target, "--db", db, "--format", "json").stdout)
    assert data["event"]["id"] == shown and data["cluster"]["num_mentions"] == 3
    assert [m["id"] for m in data["cluster"]["mentions"]] == ["a-0-0", "a-1-0", "b-0-0"]


def test_explain_an_unknown_id(db):
    assert "no event" in run("explain", "nope", "--db", db, code=1).stderr


def test_dedup_command(db):
    result = run("dedup", "--db", db, "--rebuild")
    assert "rebuilt all clusters" in result.stdout
    assert "3 events from 5 mentions; 1 events are reported more than once" in result.stdout
