"""The demo: the bundled corpus into a fresh database, and the Russia–Japan answer.

``run_demo`` ingests ``data/demo/corpus`` (113 wire reports, 2013–2019) into a
new database, computes the Russia–Japan dyad by year from 2013 (background
events such as the 1956 declaration are dated in their own year and left out),
and draws ``demo_rus_jpn.png``.  The command prints the result and what to try next.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .analysis import Dyad, dyad
from .datafiles import data_path
from .plots import write_dyad_plot
from .runner import IngestReport, Progress, ingest
from .settings import Settings
from .store import Store

__all__ = ["DEMO_DYAD", "DEMO_SINCE", "DemoResult", "demo_corpus", "run_demo"]

DEMO_DYAD = ("RUS", "JPN")
DEMO_SINCE = date(2013, 1, 1)
PLOT_NAME = "demo_rus_jpn.png"


@dataclass(frozen=True)
class DemoResult:
    db: Path
    plot: Path
    report: IngestReport
    dyad: Dyad
    seconds: float

    @property
    def example_id(self) -> str | None:
        return self.dyad.top[0].id if self.dyad.top else None


def demo_corpus() -> Path:
    return data_path("demo", "corpus")


def fresh_database(path: Path) -> None:
    """Delete ``path`` and its write-ahead log, so the demo starts from nothing."""
    for old in (path, path.with_name(path.name + ".wal")):
        old.unlink(missing_ok=True)


def run_demo(settings: Settings, out_dir: str | Path = ".", db: str | Path | None = None,
             *, progress: Progress | None = None) -> DemoResult:
    started = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = Path(db) if db else out / "demo.duckdb"
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh_database(path)
    with Store(path) as store:
        report = ingest([demo_corpus()], settings, store, progress=progress)
        result = dyad(store, *DEMO_DYAD, by="year", since=DEMO_SINCE)
    plot = write_dyad_plot(result.periods, out / PLOT_NAME,
                           "Russia–Japan: events by quad class and the substance ratio", "year")
    return DemoResult(path, plot, report, result, time.perf_counter() - started)
