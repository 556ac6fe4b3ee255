"""``dotterel evaluate``: score the coder against gold files; the accuracy gate."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from ..evaluate import evaluate_records
from ..gate import check_floors, update_floors
from ..gold import read_gold
from ..settings import Settings
from .common import console, err_console, settings_for

FORMATS = ("table", "json")


def evaluate_command(
    ctx: typer.Context,
    gold: Annotated[
        list[Path] | None, typer.Argument(help="Gold files (PLOVER or project format).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    out: Annotated[Path | None, typer.Option(help="Also write the JSON report here.")] = None,
    gate: Annotated[
        Path | None, typer.Option(help="Check the floors in this file (eval/floors.toml).")
    ] = None,
    update: Annotated[
        bool, typer.Option("--update-floors", help="Raise the floors to the current figures.")
    ] = False,
    allow_regression: Annotated[
        bool, typer.Option(help="Let --update-floors lower a floor.")
    ] = False,
) -> None:
    """Score the event coder on gold files, or check/raise the pinned accuracy floors."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"unknown format {fmt!r}; use table or json",
                                 param_hint="--format")
    settings = settings_for(ctx)
    runner = _runner(settings)
    if gate is not None:
        raise typer.Exit(_gate(gate, runner, update, allow_regression))
    if not gold:
        raise typer.BadParameter("give at least one gold file, or --gate FLOORS", param_hint="GOLD")
    reports = {str(path): runner(path) for path in gold}
    if out:
        out.write_text(json.dumps(reports, indent=2), encoding="utf-8")
    if fmt == "json":
        typer.echo(json.dumps(reports if len(reports) > 1 else next(iter(reports.values())),
                              indent=2))
    else:
        for path, report in reports.items():
            print_report(path, report)


def _runner(settings: Settings) -> Callable[[Path], dict[str, Any]]:
    from ..pipeline import get_pipeline

    def run(path: Path) -> dict[str, Any]:
        pipeline = get_pipeline(settings)
        records = read_gold(path)
        return evaluate_records(records, pipeline.code_text)

    return run


def _gate(floors: Path, runner: Callable[[Path], dict[str, Any]], update: bool,
          allow_regression: bool) -> int:
    if update:
        for line in update_floors(floors, runner, allow_regression) or ["floors unchanged"]:
            console.print(line, highlight=False, soft_wrap=True)
        return 0
    failed = False
    for result in check_floors(floors, runner):
        if result.skipped:
            console.print(f"[yellow]skip[/] {result.path}: {result.skipped}")
            continue
        figures = ", ".join(f"{k}={v:.3f}" for k, v in result.figures.items())
        if result.failures:
            failed = True
            for failure in result.failures:
                err_console.print(f"[red]FAIL[/] {result.path}: {failure}", highlight=False,
                                  soft_wrap=True)
        else:
            console.print(f"[green]ok[/] {result.path}: {figures}", highlight=False,
                          soft_wrap=True)
    return 1 if failed else 0


def _fmt(value: Any) -> str:
    return "-" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def print_report(path: str, report: dict[str, Any]) -> None:
    et = report["event_type"]
    title = f"{path}: {report['records']} records, {report['gold_events']} gold events"
    summary = Table(title=title)
    summary.add_column("measure")
    summary.add_column("value", justify="right")
    rows = [("event type accuracy (any event of the sentence)", et["accuracy"]),
            ("event type accuracy (most confident event)", et["first_choice_accuracy"]),
            ("event type macro-F1", et["macro_f1"]),
            ("actor country accuracy", report["actor_country_accuracy"]),
            ("recipient country accuracy", report["recipient_country_accuracy"]),
            ("sector accuracy", report["sector_accuracy"]),
            ("scopes without any event", report["records_without_event"]),
            ("events where gold has none", report["events_without_gold"])]
    if "events" in report:
        rows += [(f"events {k}", report["events"][k]) for k in ("precision", "recall", "f1")]
        rows += [("date accuracy", report["date_accuracy"]),
                 ("location accuracy", report["location_accuracy"])]
    for name, value in rows:
        summary.add_row(name, _fmt(value))
    console.print(summary)
    per = Table(title="per type")
    for col in ("type", "precision", "recall", "f1", "support"):
        per.add_column(col, justify="right" if col != "type" else "left")
    for etype, prf in et["per_type"].items():
        per.add_row(etype, *(_fmt(prf[k]) for k in ("precision", "recall", "f1", "support")))
    console.print(per)
    _confusion(et["confusion"])


def _confusion(confusion: dict[str, dict[str, int]]) -> None:
    cols = sorted({p for row in confusion.values() for p in row})
    table = Table(title="confusion: gold (rows) vs most confident coded type (columns)")
    table.add_column("gold")
    for col in cols:
        table.add_column(col[:5], justify="right")
    for gold, row in confusion.items():
        table.add_row(gold, *(str(row.get(c, "")) for c in cols))
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("evaluate")(evaluate_command)
