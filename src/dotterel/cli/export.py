"""``dotterel export``: write the stored events as PLOVER JSONL, GDELT TSV, CSV or Parquet."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..export import LAYOUTS, export_events, layout_for
from .common import err_console, state
from .stores import DbOption, open_store


def export_command(
    ctx: typer.Context,
    to: Annotated[Path, typer.Option("--to", help="File to write.")],
    db: DbOption = None,
    layout: Annotated[
        str | None,
        typer.Option(help=f"{', '.join(LAYOUTS)} (default: from the file extension)."),
    ] = None,
) -> None:
    """Export every stored event (plover = JSONL as `dotterel code` prints; gdelt = 61 columns)."""
    chosen = layout_for(to, layout)
    with open_store(ctx, db) as store:
        done = export_events(store, to, chosen)
    if not state(ctx).quiet:
        notes = f"; fields left blank are listed in {done.notes}" if done.notes else ""
        err_console.print(f"wrote {done.events} events to {done.path} ({done.layout}){notes}",
                          highlight=False, soft_wrap=True, markup=False)


def register(app: typer.Typer) -> None:
    app.command("export")(export_command)
