"""What the store commands share: the ``--db`` option and opening the Store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..store import Store
from .common import settings_for, state

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="DuckDB file (default: the db setting, dotterel.duckdb)."),
]


WorkersOption = Annotated[
    int | None,
    typer.Option(help="Dask worker processes on this machine (setting workers; 0: no Dask)."),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(help="Use the Dask cluster of this scheduler, tcp://HOST:PORT (setting "
                      "scheduler); inputs must be readable by its workers."),
]
ShardDirOption = Annotated[
    Path | None,
    typer.Option(help="Directory for Dask workers' Parquet shards, readable by the workers and "
                      "this process (default: beside the database)."),
]


def db_path(ctx: typer.Context, db: Path | None) -> Path:
    return Path(settings_for(ctx, {"db": str(db) if db else None}).db)


def open_store(ctx: typer.Context, db: Path | None, *, write: bool = False) -> Store:
    """The Store at ``--db``: read-write for writers, read-only for queries.

    A database from an older dotterel is migrated first (a brief read-write open).
    """
    path = db_path(ctx, db)
    if write:
        return Store(path)
    if Store.needs_migration(path):
        Store(path).close()
    return Store(path, read_only=True)


def show_progress(ctx: typer.Context) -> bool:
    return not state(ctx).quiet and sys.stderr.isatty()
