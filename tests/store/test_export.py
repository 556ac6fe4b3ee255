"""Every export layout, read back and checked against the hand-built events."""

import csv
import json
from xml.etree import ElementTree as ET

import pandas as pd
import pyarrow.parquet as pq
import pytest

from dotterel.analysis import actor_network
from dotterel.errors import ConfigError
from dotterel.export import export_events, layout_for, write_graphml, write_network_json
from dotterel.gdelt import GDELT_COLUMNS, event_number

from .conftest import HAND_EVENTS, event_id


@pytest.mark.parametrize("name, layout, expected", [
    ("events.jsonl", None, "plover"), ("events.ndjson", None, "plover"),
    ("events.tsv", None, "gdelt"), ("events.CSV", None, "csv"),
    ("events.parquet", None, "parquet"), ("events.txt", "gdelt", "gdelt"),
    ("events.csv", "plover", "plover"),
])
def test_layout_for(name, layout, expected):
    assert layout_for(name, layout) == expected


@pytest.mark.parametrize("name, layout", [("events.txt", None), ("events.csv", "excel")])
def test_layout_errors(name, layout):
    with pytest.raises(ConfigError, match="layout"):
        layout_for(name, layout)


def test_plover_jsonl_is_the_event_record(hand_store, tmp_path):
    done = export_events(hand_store, tmp_path / "events.jsonl")
    lines = (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()
    assert done.events == len(lines) == 12 and done.layout == "plover"
    records = [json.loads(line) for line in lines]
    assert records == [HAND_EVENTS[key].as_dict() for key in sorted(HAND_EVENTS)]


def read_gdelt(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    assert all(len(row) == 61 for row in rows)
    return [dict(zip(GDELT_COLUMNS, row, strict=True)) for row in rows]


def test_gdelt_layout(hand_store, tmp_path):
    path = tmp_path / "events.tsv"
    done = export_events(hand_store, path)
    rows = {r["GLOBALEVENTID"]: r for r in read_gdelt(path)}
    assert done.layout == "gdelt" and len(rows) == 12 and len(GDELT_COLUMNS) == 61
    first = rows[str(event_number(event_id(1)))]  # Putin visited Japan ... in Nagato
    ev = HAND_EVENTS[event_id(1)]
    assert (first["SQLDATE"], first["MonthYear"], first["Year"]) == ("20161215", "201612", "2016")
    assert first["FractionDate"] == f"{2016 + 350 / 365:.4f}"
    assert (first["Actor1Code"], first["Actor1Name"], first["Actor1CountryCode"]) == (
        "RUSGOV", "PUTIN", "RUS")
    assert (first["Actor2Code"], first["Actor2CountryCode"], first["Actor2Type1Code"]) == (
        "JPNGOV", "JPN", "GOV")
    assert first["EventCode"] == ev.cameo and first["EventRootCode"] == ev.cameo[:2]
    assert first["EventBaseCode"] == ev.cameo[:3]
    assert first["QuadClass"] == "1" and float(first["GoldsteinScale"]) == ev.goldstein
    assert (first["NumMentions"], first["NumSources"], first["NumArticles"]) == ("1", "1", "1")
    assert first["IsRootEvent"] == "1" and first["AvgTone"] == ""
    assert (first["ActionGeo_Type"], first["ActionGeo_FullName"]) == ("4", "Nagato")
    assert first["ActionGeo_CountryCode"] == "JA"  # FIPS 10-4 for Japan
    assert (float(first["ActionGeo_Lat"]), float(first["ActionGeo_Long"])) == (34.37, 131.18)
    assert first["SOURCEURL"] == "https://news.example.invalid/1"
    assert len(first["DATEADDED"]) == 14 and first["DATEADDED"].isdigit()
    peers = rows[str(event_number(event_id(2)))]  # Japan and Russia agreed (no recipient)
    assert (peers["Actor1Code"], peers["Actor2Code"]) == ("JPNGOV", "RUSGOV")
    undated = rows[str(event_number(event_id(12)))]
    assert undated["SQLDATE"] == "" and undated["ActionGeo_Type"] == "0"
    notes = done.notes.read_text(encoding="utf-8")
    assert "AvgTone" in notes and "FeatureID" in notes and "Not filled" in notes


def test_gdelt_quad_class_follows_the_cameo_root(hand_store, tmp_path):
    path = tmp_path / "events.tsv"
    export_events(hand_store, path)
    for row in read_gdelt(path):
        root = int(row["EventRootCode"])
        expected = 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
        assert row["QuadClass"] == str(expected)


def test_flat_csv(hand_store, tmp_path):
    path = tmp_path / "events.csv"
    assert export_events(hand_store, path).events == 12
    frame = pd.read_csv(path, keep_default_na=False)
    rows = {r["id"]: r for r in frame.to_dict("records")}
    assert rows[event_id(11)]["actor"] == "RUS GOV; JPN GOV"
    assert rows[event_id(11)]["actor_codes"] == "RUS|JPN"
    assert rows[event_id(7)]["aux"] == "negation"
    assert rows[event_id(1)]["resolved_place"] == "Nagato"
    assert rows[event_id(1)]["title"] == "Report 1"
    assert set(frame["event"]) == {ev.event for ev in HAND_EVENTS.values()}


def test_parquet(hand_store, tmp_path):
    path = tmp_path / "events.parquet"
    assert export_events(hand_store, path).events == 12
    table = pq.read_table(path)
    rows = {r["id"]: r for r in table.to_pylist()}
    for key, ev in HAND_EVENTS.items():
        row = rows[key]
        assert row["actor"] == [e.as_dict() for e in ev.actor]
        assert row["recipient"] == [e.as_dict() for e in ev.recipient]
        assert (row["event"], row["aux"], row["goldstein"]) == (ev.event, list(ev.aux),
                                                                ev.goldstein)
        assert row["date"] == ev.date


def test_network_files(hand_store, tmp_path):
    nodes, edges = actor_network(hand_store)
    write_graphml(nodes, edges, tmp_path / "net.graphml")
    write_network_json(nodes, edges, tmp_path / "net.json")
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(tmp_path / "net.graphml").getroot()
    keys = {k.get("id"): k.get("attr.name") for k in root.findall("g:key", ns)}
    found = {}
    for edge in root.findall("g:graph/g:edge", ns):
        data = {keys[d.get("key")]: d.text for d in edge.findall("g:data", ns)}
        found[(edge.get("source"), edge.get("target"))] = int(data["events"])
    assert found[("RUS", "JPN")] == 5 and found[("JPN", "RUS")] == 3
    assert {n.get("id") for n in root.findall("g:graph/g:node", ns)} == {"RUS", "JPN", "USA",
                                                                         "CHN"}
    data = json.loads((tmp_path / "net.json").read_text())
    assert {(e["source"], e["target"]): e["events"] for e in data["edges"]} == found
    assert next(n for n in data["nodes"] if n["code"] == "CHN")["plover_score_mean"] is None


@pytest.mark.parametrize("name", ["e.jsonl", "e.tsv", "e.csv", "e.parquet"])
def test_an_empty_store_exports_empty_files(store, tmp_path, name):
    done = export_events(store, tmp_path / name)
    assert done.events == 0 and done.path.exists()
