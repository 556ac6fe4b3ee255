"""``dotterel events``: list stored events matching filters, as a table, JSON lines or CSV."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import pandas as pd
import typer
from rich.table import Table

from .common import console, err_console, parse_date_option
from .stores import DbOption, open_store

FORMATS = ("table", "jsonl", "csv")
TABLE_LIMIT = 50
_LIST_COLUMNS = ("mode", "context", "aux", "actor_codes", "recipient_codes")


def events_command(
    ctx: typer.Context,
    db: DbOption = None,
    actor: Annotated[str | None, typer.Option(help="Actor code (RUS) or code+sector (RUSGOV).")]
    = None,
    recipient: Annotated[str | None, typer.Option(help="Recipient code or code+sector.")] = None,
    dyad: Annotated[
        tuple[str, str] | None, typer.Option(help="Two codes: events between them, both ways.")
    ] = None,
    types: Annotated[
        list[str] | None, typer.Option("--type", help="PLOVER event type (repeatable).")
    ] = None,
    quad: Annotated[int | None, typer.Option(help="Quad class 1-4.")] = None,
    since: Annotated[str | None, typer.Option(help="Events dated on or after (YYYY-MM-DD).")]
    = None,
    until: Annotated[str | None, typer.Option(help="Events dated on or before (YYYY-MM-DD).")]
    = None,
    include_negated: Annotated[
        bool, typer.Option(help="Include negated and hypothetical events.")
    ] = False,
    fmt: Annotated[str, typer.Option("--format", help="table, jsonl or csv.")] = "table",
    limit: Annotated[int | None, typer.Option(help="At most this many events.")] = None,
    mentions: Annotated[
        bool, typer.Option("--mentions", help="One row per report (mention), not per event.")
    ] = False,
) -> None:
    """List stored events, each once however many reports it has (n = its mentions).

    Negated and hypothetical events only with --include-negated; every coded mention
    with --mentions.
    """
    if fmt not in FORMATS:
        raise typer.BadParameter(f"unknown format {fmt!r}; use {', '.join(FORMATS)}",
                                 param_hint="--format")
    filters: dict[str, Any] = dict(
        actor=actor, recipient=recipient, dyad=_pair(dyad), types=tuple(types or ()), quad=quad,
        since=parse_date_option(since, "--since"), until=parse_date_option(until, "--until"),
        include_negated=include_negated, mentions=mentions)
    with open_store(ctx, db) as store:
        if fmt == "jsonl":
            for ev in store.event_records(limit=limit, **filters):
                sys.stdout.write(json.dumps(ev.as_dict(), ensure_ascii=False) + "\n")
            return
        shown = TABLE_LIMIT if fmt == "table" and limit is None else limit
        frame = store.events(limit=shown, **filters)
        total = store.count_events(**filters) if shown is not None else len(frame)
    if fmt == "csv":
        flat_csv(frame, sys.stdout)
    else:
        print_events(frame, total, "mentions" if mentions else "events")


def _pair(dyad: tuple[str | None, str | None] | None) -> tuple[str, str] | None:
    if not dyad or None in dyad:
        return None
    return (str(dyad[0]), str(dyad[1]))


def flat_csv(frame: pd.DataFrame, handle: Any) -> None:
    flat = frame.copy()
    for column in _LIST_COLUMNS:
        flat[column] = flat[column].map(lambda values: "|".join(values))
    flat.to_csv(handle, index=False)


def print_events(frame: pd.DataFrame, total: int, what: str = "events") -> None:
    """The events as a table; ``n`` is how many mentions (reports) each event has."""
    table = Table()
    for name in ("id", "date", "actor", "event", "recipient", "aux", "trigger", "conf", "n"):
        table.add_column(name, no_wrap=name in {"id", "date", "conf"},
                         justify="right" if name == "n" else "left")
    for row in frame.itertuples(index=False):
        label = row.event + (f":{row.mode[0]}" if len(row.mode) else "")
        mentioned = getattr(row, "num_mentions", 1)
        table.add_row(row.id, _text(row.date), _text(row.actor), label, _text(row.recipient),
                      ",".join(row.aux), _text(row.event_text), f"{row.confidence:.2f}",
                      str(int(mentioned)))
    console.print(table)
    if total > len(frame):
        err_console.print(f"showing {len(frame)} of {total} {what}; use --limit N for more",
                          highlight=False, soft_wrap=True, markup=False)


def _text(value: Any) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def register(app: typer.Typer) -> None:
    app.command("events")(events_command)


__all__ = ["events_command", "flat_csv", "print_events", "register"]
