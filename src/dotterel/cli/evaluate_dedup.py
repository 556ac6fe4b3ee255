"""``dotterel evaluate-dedup``: score event deduplication against a gold clustering."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from ..dedup_eval import evaluate_dedup
from ..gate import check_floors
from .common import console, err_console, settings_for

FORMATS = ("table", "json")


def evaluate_dedup_command(
    ctx: typer.Context,
    gold: Annotated[
        Path | None, typer.Argument(help="Gold clustering (eval/dedup/clusters.jsonl).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    gate: Annotated[
        Path | None, typer.Option(help="Check the floors in this file (eval/dedup/floors.toml).")
    ] = None,
    errors: Annotated[
        int, typer.Option(help="List this many wrongly merged and missed pairs.")
    ] = 0,
) -> None:
    """Pairwise precision and recall of event clusters on a gold set of reports."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"unknown format {fmt!r}; use table or json",
                                 param_hint="--format")
    settings = settings_for(ctx)

    def run(path: Path) -> dict[str, Any]:
        return evaluate_dedup(path, settings)

    if gate is not None:
        raise typer.Exit(_gate(gate, run))
    if gold is None:
        raise typer.BadParameter("give a gold file, or --gate FLOORS", param_hint="GOLD")
    report = run(gold)
    if fmt == "json":
        typer.echo(json.dumps(report, indent=2, default=str))
    else:
        print_report(report, errors)


def _gate(floors: Path, run: Any) -> int:
    failed = False
    for result in check_floors(floors, run):
        figures = ", ".join(f"{k}={v:.3f}" for k, v in result.figures.items())
        for failure in result.failures:
            failed = True
            err_console.print(f"[red]FAIL[/] {result.path}: {failure}", highlight=False,
                              soft_wrap=True)
        if not result.failures:
            console.print(f"[green]ok[/] {result.path}: {figures}", highlight=False,
                          soft_wrap=True)
    return 1 if failed else 0


def print_report(report: dict[str, Any], errors: int = 0) -> None:
    table = Table(title=f"{report['path']}: {report['reports']} reports of "
                        f"{report['groups']} events")
    table.add_column("pairs of")
    for name in ("precision", "recall", "f1", "merged right", "merged wrong", "missed"):
        table.add_column(name, justify="right")
    for label, key in (("mentions", "pairwise"), ("reports", "reports_pairwise")):
        figures = report[key]
        f1 = figures.get("f1")
        table.add_row(label, f"{figures['precision']:.3f}", f"{figures['recall']:.3f}",
                      "-" if f1 is None else f"{f1:.3f}", str(figures["true_pairs"]),
                      str(figures["false_pairs"]), str(figures["missed_pairs"]))
    console.print(table)
    console.print(f"{report['mentions']} main-event mentions scored; the coder found the main "
                  f"event in {report['covered_reports']} of {report['reports']} reports "
                  f"(coverage {report['coverage']:.2f}).", highlight=False, soft_wrap=True)
    for kind in ("merged", "missed"):
        for a, b in report["errors"][kind][:errors]:
            console.print(f"{kind}: {a}\n    ~ {b}", highlight=False, soft_wrap=True,
                          markup=False)


def register(app: typer.Typer) -> None:
    app.command("evaluate-dedup")(evaluate_dedup_command)
