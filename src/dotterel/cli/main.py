"""Entry point: ``dotterel [--config FILE] [-q|-v] COMMAND …``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from ..about import __version__
from ..errors import DotterelError
from . import (
    actors,
    code,
    dedup,
    demo,
    dyad,
    evaluate,
    evaluate_actors,
    evaluate_dedup,
    events,
    explain,
    export,
    ingest,
    read,
    recode,
    serve,
)
from .common import AppState, err_console, setup_logging

app = typer.Typer(
    name="dotterel",
    help="Political event data (PLOVER and CAMEO) from your own news corpus, offline.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dotterel {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    config: Annotated[
        Path | None, typer.Option("--config", help="Settings file (default ./dotterel.toml).")
    ] = None,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="Only print errors.")] = False,
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help="Print debug detail.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    setup_logging(quiet, verbose)
    ctx.obj = AppState(config=config, quiet=quiet, verbose=verbose)


for module in (read, code, evaluate, evaluate_actors, evaluate_dedup, ingest, recode, dedup, events,
               explain, dyad, actors, export, demo, serve):
    module.register(app)


def main() -> None:
    try:
        app()
    except DotterelError as exc:
        err_console.print(f"[bold red]dotterel: error:[/] {escape(str(exc))}", highlight=False)
        sys.exit(2)
    except KeyboardInterrupt:
        err_console.print("dotterel: interrupted")
        sys.exit(130)
