"""``dotterel dyad``: the A–B relationship over time, with the substance ratio."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from ..analysis import Dyad, dyad, dyad_totals
from ..plots import write_dyad_plot
from .common import console, err_console, parse_date_option
from .stores import DbOption, open_store

FORMATS = ("table", "json", "csv")
QUAD_HEADERS = {"verbal_cooperation": "verbal\ncoop. (1)",
                "material_cooperation": "material\ncoop. (2)",
                "verbal_conflict": "verbal\nconflict (3)",
                "material_conflict": "material\nconflict (4)"}


def dyad_command(
    ctx: typer.Context,
    a: Annotated[str, typer.Argument(help="First actor code (e.g. RUS).")],
    b: Annotated[str, typer.Argument(help="Second actor code (e.g. JPN).")],
    db: DbOption = None,
    by: Annotated[str, typer.Option(help="Period: month, quarter or year.")] = "year",
    since: Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date (YYYY-MM-DD).")] = None,
    include_negated: Annotated[
        bool, typer.Option(help="Include negated and hypothetical events.")
    ] = False,
    fmt: Annotated[str, typer.Option("--format", help="table, json or csv.")] = "table",
    plot: Annotated[Path | None, typer.Option(help="Write a chart (.png or .html).")] = None,
    top: Annotated[int, typer.Option(help="Show this many top events with evidence.")] = 5,
    mentions: Annotated[
        bool, typer.Option("--mentions", help="Count every report (mention), not each event once.")
    ] = False,
) -> None:
    """Events between A and B (both ways) per period: quad classes, scores, substance ratio.

    An event reported several times counts once; --mentions counts every report.
    """
    if fmt not in FORMATS:
        raise typer.BadParameter(f"unknown format {fmt!r}; use {', '.join(FORMATS)}",
                                 param_hint="--format")
    with open_store(ctx, db) as store:
        result = dyad(store, a, b, by=by, since=parse_date_option(since, "--since"),
                      until=parse_date_option(until, "--until"),
                      include_negated=include_negated, top=top, mentions=mentions)
    if fmt == "json":
        typer.echo(json.dumps(dyad_json(result), indent=2, default=str))
    elif fmt == "csv":
        result.periods.to_csv(sys.stdout, index=False)
    else:
        print_dyad(result)
    if plot is not None:
        written = write_dyad_plot(result.periods, plot, title(result), by)
        err_console.print(f"wrote {written}", highlight=False, soft_wrap=True, markup=False)


def title(result: Dyad) -> str:
    return f"{result.a}–{result.b} events by {result.by} and the substance ratio"


def _plain(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    return value.item() if hasattr(value, "item") else value


def dyad_json(result: Dyad) -> dict[str, Any]:
    periods = [{k: _plain(v) for k, v in row.items()}
               for row in result.periods.to_dict("records")]
    return {"a": result.a, "b": result.b, "by": result.by, "events": result.events,
            "mentions": result.mentions,
            "counts": "mentions" if result.counts_mentions else "events",
            "left_out": result.left_out, "periods": periods,
            "total": {k: _plain(v) for k, v in dyad_totals(result.periods).items()},
            "top": [ev.as_dict() for ev in result.top]}


def _num(value: Any, digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:.{digits}f}"


def _ratio(row: dict[str, Any]) -> str:
    n = int(row["substance_n"])
    return f"{_num(row['substance_ratio'])} ({n})" if n else "– (0)"


def _rows(result: Dyad) -> list[dict[str, Any]]:
    """The periods that have events, then the total."""
    rows = [r for r in result.periods.to_dict("records") if r["events"] > 0]
    return [*rows, dyad_totals(result.periods)]


def dyad_table(result: Dyad) -> Table:
    """Events per quad class and the substance ratio, per period with events, and in total."""
    table = Table(title=f"{result.a}–{result.b}: events by {result.by} and the substance ratio")
    table.add_column(result.by)
    for header in ["events", *QUAD_HEADERS.values(), "substance\nratio (n)"]:
        table.add_column(header, justify="right")
    rows = _rows(result)
    for row in rows:
        table.add_row(str(row["period"]), str(int(row["events"])),
                      *(str(int(row[c])) for c in QUAD_HEADERS), _ratio(row),
                      end_section=row is rows[-2] if len(rows) > 1 else False)
    return table


def score_table(result: Dyad) -> Table:
    """Mean and sum of the PLOVER score and the Goldstein value per period."""
    table = Table(title=f"{result.a}–{result.b}: scores by {result.by}")
    table.add_column(result.by)
    for header in ("PLOVER score\nmean", "PLOVER score\nsum", "Goldstein\nmean",
                   "Goldstein\nsum"):
        table.add_column(header, justify="right")
    rows = _rows(result)
    for row in rows:
        table.add_row(str(row["period"]), _num(row["plover_score_mean"]),
                      _num(row["plover_score_sum"], 1), _num(row["goldstein_mean"]),
                      _num(row["goldstein_sum"], 1),
                      end_section=row is rows[-2] if len(rows) > 1 else False)
    return table


def type_table(result: Dyad) -> Table:
    """The PLOVER types of each period's events, most frequent first."""
    table = Table(title=f"{result.a}–{result.b}: events per PLOVER type")
    table.add_column(result.by)
    table.add_column("types (count)", overflow="fold")
    for row in _rows(result):
        counts = sorted(((n, t) for t, n in row.items() if t.isupper() and n), key=lambda x:
                        (-x[0], x[1]))
        table.add_row(str(row["period"]), ", ".join(f"{t} {int(n)}" for n, t in counts))
    return table


def print_dyad(result: Dyad) -> None:
    for table in (dyad_table(result), score_table(result), type_table(result)):
        console.print(table)
    empty = int((result.periods["events"] == 0).sum())
    what = "mentions" if result.counts_mentions else "events"
    reported = "" if result.counts_mentions else f" (from {result.mentions} mentions)"
    notes = [f"{result.events} {what} between {result.a} and {result.b}{reported}"]
    if empty:
        notes.append(f"{empty} {result.by}s without events not shown")
    if result.left_out:
        notes.append(f"{result.left_out} {what} left out: no date precise enough for a "
                     f"{result.by}")
    console.print("; ".join(notes) + ". Substance ratio = material / (verbal + material) "
                  "cooperation.", highlight=False, soft_wrap=True, markup=False)
    if result.top:
        console.print("Top events (most confident, most intense):")
    for ev in result.top:
        actors = ", ".join(e.code for e in ev.actor) or "?"
        recipients = ", ".join(e.code for e in ev.recipient) or "—"
        line = f"{ev.date or 'undated'}  {actors} → {ev.event} → {recipients}: “{_clip(ev.text)}”"
        console.print(f"  {escape(line)}  [dim]{ev.id}[/]", highlight=False)


def _clip(text: str, width: int = 140) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def register(app: typer.Typer) -> None:
    app.command("dyad")(dyad_command)
