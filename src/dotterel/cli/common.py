"""What every command shares: settings, logging, the console, error handling."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import typer
from rich.console import Console

from ..query import as_date
from ..settings import Settings, load_settings

__all__ = ["AppState", "console", "err_console", "parse_date_option", "settings_for"]

console = Console()
err_console = Console(stderr=True)


@dataclass
class AppState:
    config: Path | None = None
    quiet: bool = False
    verbose: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def setup_logging(quiet: bool, verbose: bool) -> None:
    level = logging.ERROR if quiet else logging.DEBUG if verbose else logging.WARNING
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("dotterel: %(levelname)s: %(message)s"))
    root = logging.getLogger("dotterel")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False
    for noisy in ("trafilatura", "htmldate", "warcio"):
        logging.getLogger(noisy).setLevel(logging.DEBUG if verbose else logging.ERROR)


def state(ctx: typer.Context) -> AppState:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, AppState) else AppState()


def settings_for(ctx: typer.Context, overrides: Mapping[str, Any] | None = None) -> Settings:
    """Settings for a command: defaults → dotterel.toml/--config → env → options."""
    return load_settings(state(ctx).config, overrides or {})


def parse_date_option(value: str | None, option: str) -> date | None:
    """A command-line date option, checked like every other ISO date (query.as_date)."""
    return as_date(value, option)


@contextmanager
def progress_bar(total: int | None, label: str, quiet: bool) -> Iterator[Any]:
    """A Rich progress bar on stderr (a no-op object when quiet or not a terminal)."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    progress = Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"), TextColumn("{task.fields[info]}"), TimeElapsedColumn(),
        console=err_console, disable=quiet, transient=False,
    )
    with progress:
        task = progress.add_task(label, total=total, rate="", info="")
        yield _Bar(progress, task)


class _Bar:
    def __init__(self, progress: Any, task: Any) -> None:
        self._progress, self._task = progress, task

    def advance(self, n: int = 1, **fields: Any) -> None:
        self._progress.update(self._task, advance=n, **fields)


def fail(message: str, code: int = 1) -> None:
    err_console.print(f"[bold red]dotterel: error:[/] {message}", highlight=False, markup=True)
    sys.exit(code)
