"""``dotterel evaluate-actors``: score the actor stage on a file of hand-written cases."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from ..actor_eval import ActorReport, evaluate_actors
from .common import console, settings_for

FORMATS = ("table", "json")


def evaluate_actors_command(
    ctx: typer.Context,
    cases: Annotated[Path, typer.Argument(help="Actor cases file (JSON lines).")],
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    failures: Annotated[
        bool, typer.Option("--failures", help="Also print each failing case.")
    ] = False,
) -> None:
    """Score actor resolution: case pass rate, entity recall and precision."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"unknown format {fmt!r}; use table or json",
                                 param_hint="--format")
    report = evaluate_actors(cases, settings_for(ctx))
    if fmt == "json":
        typer.echo(json.dumps(report.as_dict(failures=failures), indent=2))
    else:
        print_report(str(cases), report, failures)


def _fmt(value: Any) -> str:
    return "-" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def print_report(path: str, report: ActorReport, failures: bool) -> None:
    figures = report.figures()
    summary = Table(title=f"{path}: {figures['cases']} cases")
    summary.add_column("measure")
    summary.add_column("value", justify="right")
    rows = [("case pass rate", figures["case_pass_rate"]),
            ("cases passed", figures["cases_passed"]),
            ("entity recall", figures["entity_recall"]),
            ("precision (cases listing all entities)", figures["precision"]),
            ("expected entities", figures["expected_entities"]),
            ("resolved entities", figures["resolved_entities"]),
            ("not-actor violations", figures["not_actor_violations"])]
    for name, value in rows:
        summary.add_row(name, _fmt(value))
    console.print(summary)
    per = Table(title="per tag")
    for col in ("tag", "cases", "passed", "pass rate"):
        per.add_column(col, justify="left" if col == "tag" else "right")
    for tag, row in report.by_tag().items():
        per.add_row(tag or "-", str(row["cases"]), str(row["passed"]), _fmt(row["pass_rate"]))
    console.print(per)
    if failures:
        _print_failures(report)


def _print_failures(report: ActorReport) -> None:
    for result in report.failures:
        row = result.as_dict()
        console.print(f"[bold]{escape(row['id'])}[/] [{escape(row['tag'])}] "
                      f"{escape(row['text'])}", highlight=False)
        for label in row["missing"]:
            console.print(f"  [red]missing[/] {escape(label)}", highlight=False)
        for label in row["not_actor_violations"]:
            console.print(f"  [red]not an actor[/] {escape(label)}", highlight=False)
        console.print(f"  resolved: {escape('; '.join(row['resolved']) or '-')}",
                      highlight=False)
    if not report.failures:
        console.print("no failing cases")


def register(app: typer.Typer) -> None:
    app.command("evaluate-actors")(evaluate_actors_command)
