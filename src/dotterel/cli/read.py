"""``dotterel read``: print the Documents read from files, directories, archives or stdin."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ..records import Document
from .common import console, parse_date_option, settings_for, state
from .inputs import documents, summarise


def read_command(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="Files, directories, or - for stdin.")],
    published: Annotated[
        str | None, typer.Option(help="Publication date for every document (YYYY-MM-DD).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl or table.")] = "jsonl",
    out: Annotated[Path | None, typer.Option(help="Write to this file instead of stdout.")] = None,
    max_bytes: Annotated[int | None, typer.Option(help="Skip inputs larger than this.")] = None,
) -> None:
    """Read documents and print them (one JSON object per line, or a table)."""
    from ..ingest import ReadReport

    if fmt not in {"jsonl", "table"}:
        raise typer.BadParameter(f"unknown format {fmt!r}; use jsonl or table",
                                 param_hint="--format")
    settings = settings_for(ctx, {"max_bytes": max_bytes})
    report = ReadReport()
    docs = documents(paths, settings, parse_date_option(published, "--published"), report)
    if fmt == "table":
        _table(docs)
    else:
        handle = out.open("w", encoding="utf-8") if out else sys.stdout
        try:
            for doc in docs:
                handle.write(json.dumps(doc.as_dict(), ensure_ascii=False) + "\n")
        finally:
            if out:
                handle.close()
    raise typer.Exit(summarise(report, state(ctx).quiet))


def _table(docs: Iterable[Document]) -> None:
    table = Table("doc_id", "published", "basis", "title", "words", "source")
    for doc in docs:
        table.add_row(doc.doc_id, str(doc.published or ""), doc.published_basis or "",
                      (doc.title or "")[:60], str(len(doc.text.split())), doc.source_path or "")
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("read")(read_command)
