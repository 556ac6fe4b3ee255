"""``dotterel code``: read documents, code their events and print them (nothing is stored)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.table import Table

from ..records import Event
from .common import console, parse_date_option, progress_bar, settings_for, state
from .inputs import documents, summarise

CSV_FIELDS = ("id", "doc_id", "date", "date_precision", "date_basis", "actor", "recipient",
              "event", "mode", "context", "aux", "cameo", "quad_class", "goldstein",
              "plover_score", "event_text", "confidence", "coder", "text")


def code_command(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="Files, directories, or - for stdin.")],
    published: Annotated[
        str | None, typer.Option(help="Publication date for every document (YYYY-MM-DD).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl, table or csv.")] = "jsonl",
    out: Annotated[Path | None, typer.Option(help="Write to this file instead of stdout.")] = None,
) -> None:
    """Code events in documents and print them as PLOVER JSON lines, a table or CSV."""
    from ..ingest import ReadReport
    from ..pipeline import get_pipeline

    if fmt not in {"jsonl", "table", "csv"}:
        raise typer.BadParameter(f"unknown format {fmt!r}; use jsonl, table or csv",
                                 param_hint="--format")
    settings = settings_for(ctx)
    quiet = state(ctx).quiet
    report = ReadReport()
    pipeline = get_pipeline(settings)
    docs = documents(paths, settings, parse_date_option(published, "--published"), report)
    events = _coded(pipeline.pipe(docs), quiet)
    handle: TextIO = out.open("w", encoding="utf-8", newline="") if out else sys.stdout
    try:
        write_events(events, fmt, handle)
    finally:
        if out:
            handle.close()
    raise typer.Exit(summarise(report, quiet))


def _coded(pairs: Iterable[tuple[Any, list[Event]]], quiet: bool) -> Iterable[Event]:
    found = 0
    with progress_bar(None, "coding", quiet or not sys.stderr.isatty()) as bar:
        for n, (_, events) in enumerate(pairs, start=1):
            found += len(events)
            bar.advance(1, info=f"{found} events", rate=f"doc {n}")
            yield from events


def write_events(events: Iterable[Event], fmt: str, handle: TextIO) -> None:
    if fmt == "jsonl":
        for ev in events:
            handle.write(json.dumps(ev.as_dict(), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(handle, fieldnames=CSV_FIELDS, extrasaction="ignore")
        writer.writeheader()
        for ev in events:
            writer.writerow(flat_row(ev))
    else:
        table = Table("date", "actor", "event", "recipient", "aux", "trigger", "conf")
        for ev in events:
            label = ev.event + (f":{ev.mode[0]}" if ev.mode else "")
            table.add_row(ev.date or "", _names(ev.actor), label, _names(ev.recipient),
                          ",".join(ev.aux), ev.event_text, f"{ev.confidence:.2f}")
        console.print(table)


def _names(entities: Iterable[Any]) -> str:
    return "; ".join(f"{e.code} {e.sector}".strip() for e in entities)


def flat_row(ev: Event) -> dict[str, Any]:
    row = ev.as_dict()
    row["actor"] = _names(ev.actor)
    row["recipient"] = _names(ev.recipient)
    for key in ("mode", "context", "aux"):
        row[key] = "|".join(row[key])
    return row


def register(app: typer.Typer) -> None:
    app.command("code")(code_command)
