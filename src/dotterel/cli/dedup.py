"""``dotterel dedup``: bring the event clusters up to date, or rebuild them."""

from __future__ import annotations

from typing import Annotated

import typer

from ..clusters import update_clusters
from .common import console, settings_for, state
from .stores import DbOption, open_store


def dedup_command(
    ctx: typer.Context,
    db: DbOption = None,
    rebuild: Annotated[
        bool, typer.Option(help="Cluster every stored event again from scratch.")
    ] = False,
) -> None:
    """Cluster the events not clustered yet (ingest and recode do this after every batch).

    Needed after upgrading a database made before deduplication; clusters are rebuilt
    by themselves when the dedup_days or dedup_threshold settings change.
    """
    settings = settings_for(ctx, {"db": str(db) if db else None})
    with open_store(ctx, db, write=True) as store:
        report = update_clusters(store, settings, rebuild=rebuild)
        totals = store.rows("SELECT count(*) AS clusters, coalesce(sum(num_mentions), 0) AS "
                            "mentions, count(*) FILTER (num_mentions > 1) AS repeated "
                            "FROM event_clusters")[0]
    if not state(ctx).quiet:
        console.print(f"{report.summary()}. The database holds {totals['clusters']} events "
                      f"from {totals['mentions']} mentions; {totals['repeated']} events are "
                      "reported more than once.", highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("dedup")(dedup_command)
