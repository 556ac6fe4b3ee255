"""``dotterel recode``: code the stored documents again with the current coder."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from ..runner import RecodeReport, recode
from .common import err_console, progress_bar, settings_for, state
from .stores import (
    DbOption,
    SchedulerOption,
    ShardDirOption,
    WorkersOption,
    open_store,
    show_progress,
)


def recode_command(
    ctx: typer.Context,
    db: DbOption = None,
    batch_size: Annotated[
        int | None, typer.Option(help="Documents per transaction (setting batch_size).")
    ] = None,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    shard_dir: ShardDirOption = None,
) -> None:
    """Re-code stored documents (no source is read again) and replace their events."""
    settings = settings_for(ctx, {"db": str(db) if db else None, "batch_size": batch_size,
                                  "workers": workers, "scheduler": scheduler})
    with open_store(ctx, db, write=True) as store:
        total = store.counts()["documents"]
        with progress_bar(total, "recoding", not show_progress(ctx)) as bar:
            report = recode(settings, store, progress=_advance(bar), shard_dir=shard_dir)
    failed = bool(getattr(report, "failed", None))
    if not state(ctx).quiet or failed:
        err_console.print(report.summary(), highlight=False, soft_wrap=True, markup=False)
    if failed:
        raise typer.Exit(1)


def _advance(bar: Any) -> Any:
    shown = 0

    def update(report: RecodeReport) -> None:
        nonlocal shown
        bar.advance(report.documents - shown, info=f"{report.changes.changed} events changed")
        shown = report.documents

    return update


def register(app: typer.Typer) -> None:
    app.command("recode")(recode_command)
