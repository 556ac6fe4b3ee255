"""``dotterel explain``: one event with the evidence for it, highlighted, and every report of it."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from ..analysis import Evidence, evidence
from ..clusters import ClusterDetail
from ..ontology import QUAD_NAMES
from .common import console, err_console
from .stores import DbOption, open_store

STYLES = {"actor": "bold cyan", "recipient": "bold magenta", "trigger": "bold black on yellow"}


def explain_command(
    ctx: typer.Context,
    event_id: Annotated[
        str, typer.Argument(help="Event id or cluster id (from `dotterel events`).")],
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """Show an event's sentence with actor, trigger and recipient highlighted, its sources,
    and every other report of the same event (its cluster).

    A cluster id shows the cluster's canonical (most confident) mention.
    """
    with open_store(ctx, db) as store:
        cluster = store.cluster(event_id)
        shown = cluster.canonical_id if cluster and cluster.cluster_id == event_id else event_id
        found = evidence(store, shown) if cluster else None
    if found is None or cluster is None:
        err_console.print(f"no event {event_id!r} in the database; list ids with "
                          "`dotterel events`", highlight=False, soft_wrap=True, markup=False)
        raise typer.Exit(1)
    if fmt == "json":
        data = {**found.as_dict(), "cluster": cluster.as_dict()}
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        print_evidence(found)
        print_cluster(cluster, found.event.id)


def highlighted(found: Evidence) -> Text:
    """The sentence with the evidence spans styled."""
    text = Text(found.event.text.strip())
    for start, end, role in found.spans:
        text.stylize(STYLES[role], start, end)
    return text


def _entities(found: Evidence, role: str) -> str:
    parts = []
    for ent in getattr(found.event, role):
        name = f"{ent.code} {ent.sector}".strip()
        parts.append(f"{name} ← “{ent.entity_text}” ({ent.rule or 'no rule recorded'})")
    return "\n".join(parts) or "—"


def print_evidence(found: Evidence) -> None:
    ev, doc = found.event, found.document
    console.print(highlighted(found))
    console.print(Text.assemble(("actor", STYLES["actor"]), "  ", ("trigger", STYLES["trigger"]),
                                "  ", ("recipient", STYLES["recipient"])))
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    mode = f" ({', '.join(ev.mode)})" if ev.mode else ""
    rows = [
        ("event", f"{ev.event}{mode}; CAMEO {ev.cameo}; quad {ev.quad_class} "
                  f"{QUAD_NAMES.get(ev.quad_class, '')}; Goldstein {ev.goldstein:g}; "
                  f"PLOVER score {ev.plover_score:g}"),
        ("aux", ", ".join(ev.aux) or "—"),
        ("context", ", ".join(ev.context) or "—"),
        ("actor", _entities(found, "actor")),
        ("recipient", _entities(found, "recipient")),
        ("trigger", f"“{ev.event_text}”"),
        ("coder", ev.coder),
        ("confidence", f"{ev.confidence:.2f}"),
        ("date", _date(found)),
        ("place", _place(found)),
        ("document", _document(found)),
        ("id", f"{ev.id} (sentence {ev.text_info.sequence} of document {ev.doc_id})"),
    ]
    for name, value in rows:
        table.add_row(name, Text(value))
    console.print(table)
    if doc is None:
        err_console.print(f"document {ev.doc_id} is not in the database", highlight=False,
                          soft_wrap=True, markup=False)


def print_cluster(cluster: ClusterDetail, shown: str) -> None:
    """Every mention of the event: its document, date and sentence (▶ marks the one above)."""
    sources = f"{cluster.num_documents} documents, {cluster.num_sources} sources"
    seen = (f"; first seen {cluster.first_seen}, last seen {cluster.last_seen}"
            if cluster.first_seen else "")
    console.print(Text(f"Reports of this event: {cluster.num_mentions} mentions in {sources}"
                       f"{seen} (cluster {cluster.cluster_id})", style="bold"))
    table = Table(box=None, pad_edge=False)
    for name in ("", "mention", "date", "event", "document", "sentence"):
        table.add_column(name, overflow="fold", no_wrap=name in {"", "mention", "date"})
    for row in cluster.mentions:
        document = " · ".join(str(p) for p in (row["title"] or "(untitled)", row["publisher"],
                                               row["published"]) if p)
        table.add_row("▶" if row["id"] == shown else "", row["id"], row["date"] or "",
                      row["event"], document, Text(_clip(row["text"] or "")))
    console.print(table)


def _clip(text: str, width: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _date(found: Evidence) -> str:
    ev = found.event
    if not ev.date:
        return "no date (no date in the text and no publication date)"
    source = f" from “{ev.date_text}”" if ev.date_text else ""
    published = found.document.published if found.document else None
    tail = f"; published {published}" if published else ""
    return f"{ev.date} ({ev.date_precision} precision, {ev.date_basis}{source}){tail}"


def _place(found: Evidence) -> str:
    loc = found.event.event_loc
    if loc is None:
        return "no place found"
    where = loc.resolved_place or loc.extracted_place
    detail = ", ".join(str(x) for x in (loc.country_code, loc.resolution) if x)
    coords = f" at {loc.lat:.3f}, {loc.lon:.3f}" if loc.lat is not None and loc.lon is not None \
        else ""
    return (f"{where} ({detail}){coords}; written “{loc.extracted_place}”; "
            f"basis {loc.basis or 'not recorded'}")


def _document(found: Evidence) -> str:
    doc = found.document
    if doc is None:
        return "—"
    parts = [doc.title or "(untitled)", doc.publisher, doc.url or doc.source_path]
    return " · ".join(p for p in parts if p)


def register(app: typer.Typer) -> None:
    app.command("explain")(explain_command)
