"""``dotterel ingest``: read, code and store documents; re-runs store only what is new."""

from __future__ import annotations

import time
from typing import Annotated, Any

import typer

from ..runner import IngestReport, ingest
from ..store import Store
from .common import err_console, parse_date_option, progress_bar, settings_for, state
from .stores import DbOption, SchedulerOption, ShardDirOption, WorkersOption, show_progress


def ingest_command(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="Files, directories, or - for stdin.")],
    db: DbOption = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date for every document (YYYY-MM-DD).")
    ] = None,
    batch_size: Annotated[
        int | None, typer.Option(help="Documents per transaction (setting batch_size).")
    ] = None,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    shard_dir: ShardDirOption = None,
) -> None:
    """Code documents and store them with their events; already stored ones are skipped."""
    overrides = {"db": str(db) if db else None, "batch_size": batch_size, "workers": workers,
                 "scheduler": scheduler}
    settings = settings_for(ctx, overrides)
    date = parse_date_option(published, "--published")
    with Store(settings.db) as store, progress_bar(None, "ingesting",
                                                   not show_progress(ctx)) as bar:
        report = ingest(paths, settings, store, published=date, progress=rate_meter(bar),
                        shard_dir=shard_dir)
    failed = bool(getattr(report, "failed", None))
    if not state(ctx).quiet or report.read == 0 or failed:
        err_console.print(report.summary(), highlight=False, soft_wrap=True, markup=False)
    raise typer.Exit(0 if report.read and not failed else 1)


def rate_meter(bar: Any) -> Any:
    """A progress callback showing documents/s and events found on ``bar``."""
    started = time.perf_counter()
    shown = 0

    def update(report: IngestReport) -> None:
        nonlocal shown
        rate = report.coded / max(time.perf_counter() - started, 1e-6)
        bar.advance(report.coded - shown, rate=f"{rate:.1f} docs/s",
                    info=f"{report.found} events found")
        shown = report.coded

    return update


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)
