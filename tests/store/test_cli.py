"""The query, explain, dyad, actors and export commands on the hand-built database."""

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from dotterel.cli.main import app
from dotterel.errors import ConfigError, DotterelError, StoreError
from dotterel.store import Store

from .conftest import DYAD_IDS, HAND_EVENTS, event_id, ids


def run(*args: str, code: int = 0):
    result = CliRunner().invoke(app, [str(a) for a in args], env={"COLUMNS": "200"})
    assert result.exit_code == code, result.output
    return result


def run_error(*args: str, kind: type[DotterelError] = ConfigError) -> str:
    """The message of the error a command raises (``main`` prints it and exits 2)."""
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert isinstance(result.exception, kind), result.output
    return str(result.exception)


@pytest.mark.parametrize("options, expected", [
    ((), set(range(1, 13)) - {7, 8}),
    (("--include-negated",), set(range(1, 13))),
    (("--dyad", "RUS", "JPN"), DYAD_IDS),
    (("--actor", "JPN", "--quad", "3"), {4, 11}),
    (("--recipient", "RUSBUS"), {3}),
    (("--type", "AGREE", "--type", "ACCUSE"), {2, 4, 6, 11}),
    (("--since", "2016-12-01", "--until", "2016-12-31"), {1, 2, 3}),
])
def test_events_jsonl_and_csv(hand_db, options, expected):
    lines = run("events", "--db", hand_db, "--format", "jsonl", *options).stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert {r["id"] for r in records} == ids(*expected)
    assert all(r == HAND_EVENTS[r["id"]].as_dict() for r in records)
    rows = list(csv.DictReader(io.StringIO(run("events", "--db", hand_db, "--format", "csv",
                                               *options).stdout)))
    assert {r["id"] for r in rows} == ids(*expected)


def test_events_table_and_limit(hand_db):
    result = run("events", "--db", hand_db, "--dyad", "RUS", "JPN", "--limit", "2")
    assert event_id(5) not in result.stdout
    assert "showing 2 of 7 events" in result.stderr
    assert len(run("events", "--db", hand_db, "--format", "jsonl", "--limit", "4")
               .stdout.splitlines()) == 4


@pytest.mark.parametrize("args, message", [
    (("--type", "MEETING"), "unknown PLOVER event type"),
    (("--since", "March 2017"), "YYYY-MM-DD"),
    (("--quad", "7"), "quad class"),
])
def test_events_bad_options(hand_db, args, message):
    assert message in run_error("events", "--db", hand_db, *args)


def test_missing_database(tmp_path):
    message = run_error("events", "--db", tmp_path / "none.duckdb", kind=StoreError)
    assert "no such database" in message


def test_errors_become_one_line_and_exit_code_2(hand_db):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", "from dotterel.cli.main import main; main()",
                           "events", "--db", str(hand_db), "--type", "MEETING"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.startswith("dotterel: error: unknown PLOVER event type")


def test_explain(hand_db):
    result = run("explain", event_id(1), "--db", hand_db)
    out = result.stdout
    assert "Putin visited Japan for talks in Nagato." in out
    for expected in ("CONSULT", "lexicon:test:1@test-1", "0.90", "2016-12-15 (day precision, "
                     "explicit from “2016-12-15”)", "Nagato (JPN, city) at 34.370, 131.180",
                     "basis sentence", "Report 1", "https://news.example.invalid/1",
                     "RUS GOV ← “Putin” (test:RUS)"):
        assert expected in out
    data = json.loads(run("explain", event_id(1), "--db", hand_db, "--format", "json").stdout)
    assert data["spans"] == [{"start": 0, "end": 5, "role": "actor"},
                             {"start": 6, "end": 13, "role": "trigger"},
                             {"start": 14, "end": 19, "role": "recipient"}]
    assert "no event" in run("explain", "nope", "--db", hand_db, code=1).stderr


def test_explain_highlights_with_styles(hand_db):
    from rich.console import Console

    from dotterel.analysis import evidence
    from dotterel.cli.explain import STYLES, highlighted

    with Store(hand_db, read_only=True) as store:
        text = highlighted(evidence(store, event_id(4)))  # Japan criticised Russia over ...
    styled = {(span.start, span.end): str(span.style) for span in text.spans}
    assert styled == {(0, 5): STYLES["actor"], (6, 16): STYLES["trigger"],
                      (17, 23): STYLES["recipient"]}
    console = Console(record=True, color_system="truecolor", width=100)
    console.print(text)
    assert "\x1b[" in console.export_text(styles=True)


def test_dyad_json(hand_db):
    data = json.loads(run("dyad", "RUS", "JPN", "--db", hand_db, "--format", "json").stdout)
    periods = {p["period"]: p for p in data["periods"]}
    assert list(periods) == ["2016", "2017", "2018"]
    assert periods["2016"]["substance_ratio"] == pytest.approx(1 / 3)
    assert periods["2016"]["substance_n"] == 3
    assert data["total"]["substance_ratio"] == pytest.approx(0.4)
    assert (data["events"], data["left_out"]) == (7, 1)
    assert data["top"][0]["id"] == event_id(1)


def test_dyad_csv_by_month_and_plots(hand_db, tmp_path):
    result = run("dyad", "JPN", "RUS", "--db", hand_db, "--by", "month", "--format", "csv",
                 "--plot", tmp_path / "m.html")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["period"] for r in rows] == ["2016-12", "2017-01", "2017-02", "2017-03", "2017-04"]
    assert "<svg" in (tmp_path / "m.html").read_text()
    run("dyad", "RUS", "JPN", "--db", hand_db, "--plot", tmp_path / "y.png")
    assert (tmp_path / "y.png").read_bytes()[:4] == b"\x89PNG"


def test_dyad_table(hand_db):
    out = run("dyad", "RUS", "JPN", "--db", hand_db).stdout
    assert "RUS–JPN: events by year and the substance ratio" in out
    assert "0.33 (3)" in out and "0.40 (5)" in out  # 2016 and all years
    assert "1 events left out: no date precise enough" in out
    assert "CONSULT 1" in out and event_id(1) in out


def test_actors(hand_db, tmp_path):
    result = run("actors", "--db", hand_db, "--top", "2", "--graphml", tmp_path / "n.graphml",
                 "--json", tmp_path / "n.json")
    assert "RUS" in result.stdout and "USA" not in result.stdout
    assert "4 actors, 5 links" in result.stderr
    edges = json.loads((tmp_path / "n.json").read_text())["edges"]
    assert {(e["source"], e["target"]) for e in edges} >= {("RUS", "JPN"), ("JPN", "RUS")}
    assert (tmp_path / "n.graphml").read_text().startswith("<?xml")


@pytest.mark.parametrize("name, layout, check", [
    ("out.jsonl", None, lambda text: len(text.splitlines()) == 12),
    ("out.tsv", None, lambda text: all(len(r.split("\t")) == 61 for r in text.splitlines())),
    ("out.txt", "gdelt", lambda text: len(text.splitlines()) == 12),
    ("out.csv", None, lambda text: text.startswith('"id"')),
])
def test_export(hand_db, tmp_path, name, layout, check):
    args = ["export", "--db", hand_db, "--to", tmp_path / name]
    result = run(*args, *(["--layout", layout] if layout else []))
    assert "wrote 12 events" in result.stderr
    assert check((tmp_path / name).read_text(encoding="utf-8"))


def test_export_needs_a_known_layout(hand_db, tmp_path):
    assert "--layout" in run_error("export", "--db", hand_db, "--to", tmp_path / "x.xlsx")
