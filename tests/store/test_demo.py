"""`dotterel demo` end to end: a fresh database, the Russia–Japan table, the chart, next steps."""

import re

from typer.testing import CliRunner

from dotterel.cli.main import app
from dotterel.store import Store


def test_demo_exits_cleanly(demo_run):
    assert demo_run.exit_code == 0, demo_run.stdout


def test_demo_database_holds_the_whole_corpus(demo_run):
    with Store(demo_run.db, read_only=True) as store:
        counts = store.counts()
        assert counts["documents"] == 113
        assert counts["events"] > 200
        assert store.count_events(dyad=("RUS", "JPN"), since="2013-01-01") > 40
        published = store.rows("SELECT min(published) AS a, max(published) AS b FROM documents")
        assert (published[0]["a"].year, published[0]["b"].year) == (2013, 2019)


def test_demo_writes_a_png(demo_run):
    png = demo_run.out_dir / "demo_rus_jpn.png"
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n") and png.stat().st_size > 10_000


def test_demo_prints_the_dyad_table_by_year(demo_run):
    out = demo_run.stdout
    assert "Do Russia and Japan prefer status over substance?" in out
    assert "RUS–JPN: events by year and the substance ratio" in out
    years = re.findall(r"^│ (20\d\d) │", out, re.M)
    assert years and years == sorted(years) and set(years) <= {str(y) for y in range(2013, 2020)}
    assert re.search(r"│ all +│ +\d+ │", out)
    assert "substance ratio of" in out


def test_demo_prints_commands_that_work(demo_run):
    commands = re.findall(r"^  (dotterel .+)$", demo_run.stdout, re.M)
    assert len(commands) == 3
    explain = next(c for c in commands if c.startswith("dotterel explain"))
    event = explain.split()[2]
    with Store(demo_run.db, read_only=True) as store:
        assert store.event(event) is not None
    result = CliRunner().invoke(app, ["explain", event, "--db", str(demo_run.db)])
    assert result.exit_code == 0 and "coder" in result.stdout


def test_demo_starts_from_a_fresh_database(demo_run, tmp_path):
    with Store(tmp_path / "demo.duckdb") as store:
        store.rows("CREATE TABLE leftover (x INTEGER)")
    result = CliRunner().invoke(app, ["demo", "--out-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    with Store(tmp_path / "demo.duckdb", read_only=True) as store:
        assert not store.rows("SELECT * FROM information_schema.tables "
                              "WHERE table_name = 'leftover'")
        assert store.counts()["documents"] == 113


def test_readme_store_example_runs(demo_run, monkeypatch):
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    block = next(part.split("```", 1)[0] for part in readme.split("```python")[1:]
                 if "Store(" in part)
    monkeypatch.chdir(demo_run.out_dir)
    namespace: dict = {}
    exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102
    assert namespace["talks"].height > 0
    assert list(namespace["by_year"]["period"])[0] == "2013"
