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
    mentions: Annotated[
        bool, typer.Option("--mentions", help="Write every report (mention), not each event once.")
    ] = False,
) -> None:
    """Export every stored event (plover = JSONL as `dotterel code` prints; gdelt = 61 columns).

    An event reported several times is written once; --mentions writes every mention.
    """
    chosen = layout_for(to, layout)
    with open_store(ctx, db) as store:
        done = export_events(store, to, chosen, mentions=mentions)
    if not state(ctx).quiet:
        notes = f"; fields left blank are listed in {done.notes}" if done.notes else ""
        what = "mentions" if done.mentions else "events"
        err_console.print(f"wrote {done.events} {what} to {done.path} ({done.layout}){notes}",
                          highlight=False, soft_wrap=True, markup=False)


def register(app: typer.Typer) -> None:
    app.command("export")(export_command)
