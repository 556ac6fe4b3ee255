"""``dotterel demo``: the bundled corpus end to end, answering one question with numbers."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Annotated

import typer

from ..demo import DemoResult, run_demo
from .common import console, progress_bar, settings_for
from .dyad import dyad_table
from .ingest import rate_meter
from .stores import show_progress


def demo_command(
    ctx: typer.Context,
    db: Annotated[
        Path | None, typer.Option("--db", help="Database to create (default OUT_DIR/demo.duckdb; "
                                               "an old one is deleted).")
    ] = None,
    out_dir: Annotated[Path, typer.Option(help="Where to write the database and the chart.")]
    = Path("."),
) -> None:
    """Ingest the demo corpus and ask: do Russia and Japan prefer status over substance?"""
    settings = settings_for(ctx)
    with progress_bar(None, "demo corpus", not show_progress(ctx)) as bar:
        result = run_demo(settings, out_dir, db, progress=rate_meter(bar))
    print_demo(result)


def print_demo(result: DemoResult) -> None:
    console.print(result.report.summary(), highlight=False, soft_wrap=True, markup=False)
    console.rule("Do Russia and Japan prefer status over substance?")
    console.print(dyad_table(result.dyad))
    total = result.dyad.periods
    verbal, material = int(total["verbal_cooperation"].sum()), \
        int(total["material_cooperation"].sum())
    share = material / (verbal + material) if verbal + material else float("nan")
    plural = "s" if material != 1 else ""
    console.print(f"Cooperation between Russia and Japan, 2013–2019: {verbal} verbal events "
                  "(meetings, visits, statements, agreements in principle) and "
                  f"{material} material event{plural} (cooperation carried out): a substance "
                  f"ratio of {share:.2f}, where substance ratio = material / (verbal + "
                  "material) cooperation.", highlight=False)
    console.print(f"Each event counts once however often it is reported: "
                  f"{result.dyad.events} events from {result.dyad.mentions} coded mentions "
                  "(`dotterel dyad RUS JPN --mentions` counts every mention).",
                  highlight=False, soft_wrap=True, markup=False)
    console.print(f"Chart: {result.plot}   Database: {result.db}   "
                  f"({result.seconds:.1f} s)", highlight=False, soft_wrap=True, markup=False)
    console.rule("Try next")
    db = shlex.quote(str(result.db))
    example = result.example_id or "EVENT_ID"
    for line in (f"dotterel events --db {db} --dyad RUS JPN --limit 20",
                 f"dotterel explain {example} --db {db}",
                 f"dotterel dyad RUS JPN --db {db} --by quarter --plot rus_jpn.html"):
        console.print(f"  {line}", highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo_command)
