"""``dotterel actors``: the most active actors, and the who-acts-on-whom network."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.table import Table

from ..analysis import actor_network, top_actors
from ..export import write_graphml, write_network_json
from .common import console, err_console
from .stores import DbOption, open_store


def actors_command(
    ctx: typer.Context,
    db: DbOption = None,
    top: Annotated[int, typer.Option(help="Show this many actors.")] = 20,
    graphml: Annotated[Path | None, typer.Option(help="Write the network as GraphML.")] = None,
    json_file: Annotated[
        Path | None, typer.Option("--json", help="Write the network as JSON.")
    ] = None,
    include_negated: Annotated[
        bool, typer.Option(help="Include negated and hypothetical events.")
    ] = False,
) -> None:
    """Top actors by events, and the actor network (country-code level) to GraphML/JSON."""
    with open_store(ctx, db) as store:
        table = top_actors(store, top=top, include_negated=include_negated)
        network = actor_network(store, include_negated=include_negated) \
            if graphml or json_file else None
    console.print(actors_table(table))
    if network is not None:
        nodes, edges = network
        if graphml:
            write_graphml(nodes, edges, graphml)
            err_console.print(f"wrote {graphml} ({len(nodes)} actors, {len(edges)} links)",
                              highlight=False, soft_wrap=True, markup=False)
        if json_file:
            write_network_json(nodes, edges, json_file)
            err_console.print(f"wrote {json_file} ({len(nodes)} actors, {len(edges)} links)",
                              highlight=False, soft_wrap=True, markup=False)


def actors_table(frame: pd.DataFrame) -> Table:
    table = Table("actor", "events", "as actor", "as recipient", "mean score as actor",
                  "mean Goldstein as actor", title="actors by events")
    for row in frame.itertuples(index=False):
        table.add_row(row.code, str(row.events), str(row.as_actor), str(row.as_recipient),
                      _num(row.plover_score_mean), _num(row.goldstein_mean))
    return table


def _num(value: float) -> str:
    return "–" if pd.isna(value) else f"{value:.2f}"


def register(app: typer.Typer) -> None:
    app.command("actors")(actors_command)
