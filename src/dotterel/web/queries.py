"""The dashboard's answers: plain functions from a ``Store`` and checked parameters to JSON.

The API returns these dictionaries as they are, and the pages render the very
same dictionaries, so a page never shows what the API would not.  Filters go
through :class:`dotterel.query.EventFilter`; the little SQL added here (text
search, sorting, paging) is fixed text with ``?`` parameters, and sort keys are
looked up in a whitelist, never copied from the request.

Like the analysis, lists and counts are of events: several reports of one
real-world event (a cluster, see :mod:`dotterel.dedup`) count once, shown by
their best matching report; ``mentions=True`` lists every report.  A document's
own events are always all listed.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import pandas as pd

from ..analysis import PERIODS, QUAD_COLUMNS, actor_network, dyad, dyad_totals, evidence, top_actors
from ..ontology import QUAD_NAMES, load_ontology
from ..query import EventFilter
from ..records import Document, Event
from ..store import Store, counted  # counted: one representative report per cluster
from .highlight import Mark, event_marks, segments
from .params import DyadQuery, EventQuery

__all__ = [
    "actor_list",
    "default_dyad",
    "default_since",
    "document_detail",
    "dyad_data",
    "event_detail",
    "event_page",
    "network_data",
]

_ORDER = {"date": "e.date_start", "type": "e.event", "quad": "e.quad_class",
          "score": "e.plover_score", "confidence": "e.confidence", "id": "e.id"}
_DIRECTION = {"asc": "ASC", "desc": "DESC"}
_ROLE_LABEL = ("(SELECT string_agg(x.code || ' ' || x.sector, '; ' ORDER BY x.position) "
               "FROM event_entities x WHERE x.event_id = e.id AND x.role = '{role}') AS {role}")
_ROW_COLUMNS = ("e.id, e.doc_id, e.date, e.date_precision, e.date_basis, e.event, e.mode, e.aux, "
                "e.cameo, e.quad_class, e.plover_score, e.goldstein, e.confidence, "
                "e.actor_codes, e.recipient_codes, e.event_text, trim(e.text) AS text, "
                + ", ".join(_ROLE_LABEL.format(role=r) for r in ("actor", "recipient"))
                + ", d.title, d.published, coalesce(m.cluster_id, e.id) AS cluster_id, "
                "coalesce(c.num_mentions, 1) AS num_mentions")
_FROM = ("FROM events e LEFT JOIN documents d ON d.doc_id = e.doc_id "
         "LEFT JOIN event_mentions m ON m.event_id = e.id "
         "LEFT JOIN event_clusters c ON c.cluster_id = m.cluster_id")
# Over ``events e`` alone, so that ``counted`` can rank the reports that match it.
_SEARCH = ("(contains(lower(e.text), ?) OR contains(lower(coalesce(e.event_text, '')), ?) "
           "OR EXISTS (SELECT 1 FROM documents t WHERE t.doc_id = e.doc_id "
           "AND contains(lower(coalesce(t.title, '')), ?)))")


def _clean(value: Any) -> Any:
    """A JSON-safe scalar: NaN becomes None, numpy numbers become Python numbers."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{k: _clean(v) for k, v in row.items()} for row in frame.to_dict("records")]


# --- actors ---------------------------------------------------------------------------


def actor_list(store: Store, include_negated: bool = False,
               mentions: bool = False) -> list[dict[str, Any]]:
    """Every actor code in the store, most events first."""
    return _records(top_actors(store, top=10**9, include_negated=include_negated,
                               mentions=mentions))


def default_dyad(store: Store) -> tuple[str, str] | None:
    """The two actors with the most events: the dyad the explorer opens on."""
    codes = [row["code"] for row in actor_list(store)[:2]]
    return (codes[0], codes[1]) if len(codes) == 2 else None


def default_since(store: Store) -> date | None:
    """1 January of the year of the first publication: earlier events are background."""
    first = store.rows("SELECT min(published) AS first FROM documents")[0]["first"]
    return None if first is None else date(first.year, 1, 1)


# --- events ---------------------------------------------------------------------------


def _filter(query: EventQuery) -> EventFilter:
    return EventFilter.of(actor=query.actor, recipient=query.recipient,
                          dyad=(query.a, query.b) if query.a and query.b else None,
                          types=query.type, quad=query.quad, since=query.since,
                          until=query.until, include_negated=query.include_negated)


def _condition(query: EventQuery) -> tuple[str, list[Any]]:
    condition, params = _filter(query).where()
    if query.q:
        condition += " AND " + _SEARCH
        params += [query.q.lower()] * 3
    return counted(condition, query.mentions), params


def event_rows(store: Store, condition: str, params: list[Any], *, order: str = "date",
               direction: str = "asc", limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Event summaries (one row each, actor and recipient as "CODE SECTOR; …")."""
    sql = (f"SELECT {_ROW_COLUMNS} {_FROM} WHERE {condition} "
           f"ORDER BY {_ORDER[order]} {_DIRECTION[direction]} NULLS LAST, e.id LIMIT ? OFFSET ?")
    return store.rows(sql, [*params, limit, offset])


def event_page(store: Store, query: EventQuery) -> dict[str, Any]:
    """One page of the events matching ``query``, with the total and the page count."""
    condition, params = _condition(query)
    total = store.rows(f"SELECT count(*) AS n FROM events e WHERE {condition}", params)[0]["n"]
    rows = event_rows(store, condition, params, order=query.sort, direction=query.order,
                      limit=query.size, offset=(query.page - 1) * query.size)
    return {"total": total, "page": query.page, "size": query.size,
            "pages": max(1, math.ceil(total / query.size)), "events": rows}


def _place(ev: Event) -> dict[str, Any] | None:
    loc = ev.event_loc
    return None if loc is None else {**loc.as_dict(), "basis": loc.basis}


def _document_meta(doc: Document | None) -> dict[str, Any] | None:
    return None if doc is None else {k: v for k, v in doc.as_dict().items() if k != "text"}


def _reports(store: Store, event_id: str) -> dict[str, Any] | None:
    """The event's cluster: every report of the same real-world event."""
    cluster = store.cluster(event_id)
    return None if cluster is None else cluster.as_dict()


def event_detail(store: Store, event_id: str) -> dict[str, Any] | None:
    """An event with its highlighted sentence, place, document, reports and neighbours."""
    found = evidence(store, event_id)
    if found is None:
        return None
    ev = found.event
    marks = [Mark(start, end, role, ev.id) for start, end, role in found.spans]
    others = EventFilter(doc_id=ev.doc_id, include_negated=True).where()
    return {
        "event": ev.as_dict(),
        "quad_name": QUAD_NAMES.get(ev.quad_class),
        "sentence": segments(ev.text, marks),
        "elsewhere": [{"role": role, **ent.as_dict()} for role, ent in found.elsewhere],
        "place": _place(ev),
        "document": _document_meta(found.document),
        "cluster": _reports(store, ev.id),
        "same_document": [row for row in event_rows(store, *others, order="id", limit=500)
                          if row["id"] != ev.id],
    }


def document_detail(store: Store, doc_id: str) -> dict[str, Any] | None:
    """A document's text cut into highlighted segments, and the events coded from it."""
    doc = store.document(doc_id)
    if doc is None:
        return None
    coded = list(store.iter_events(EventFilter(doc_id=doc_id, include_negated=True)))
    marks = [m for ev in coded for m in event_marks(ev, sentence=True)]
    condition, params = EventFilter(doc_id=doc_id, include_negated=True).where()
    return {
        "document": _document_meta(doc),
        "text": doc.text,
        "segments": segments(doc.text, marks),
        "events": event_rows(store, condition, params, order="id", limit=10_000),
    }


# --- the dyad ---------------------------------------------------------------------------


def _period_bounds(label: str, by: str) -> tuple[date, date]:
    period = pd.Period(label, freq=PERIODS[by])
    return period.start_time.date(), period.end_time.date()


def _period_row(row: dict[str, Any], by: str, types: list[str]) -> dict[str, Any]:
    start, end = _period_bounds(row["period"], by)
    keep = ["period", "events", *QUAD_COLUMNS.values(), "substance_ratio", "substance_n",
            "plover_score_mean", "goldstein_mean"]
    out = {name: _clean(row[name]) for name in keep}
    out["types"] = {name: int(row[name]) for name in types if row[name]}
    return {**out, "start": start, "end": end}


def dyad_data(store: Store, query: DyadQuery) -> dict[str, Any]:
    """The A–B dyad by period: quad-class counts, substance ratio, mean PLOVER score."""
    result = dyad(store, query.a, query.b, by=query.by, since=query.since, until=query.until,
                  include_negated=query.include_negated, top=0, mentions=query.mentions)
    types = list(load_ontology().types)
    periods = [_period_row(row, query.by, types) for row in result.periods.to_dict("records")]
    totals = {k: _clean(v) for k, v in dyad_totals(result.periods).items()
              if k in {"events", "substance_ratio", "substance_n", "plover_score_mean",
                       "goldstein_mean", *QUAD_COLUMNS.values()}}
    return {"a": result.a, "b": result.b, "by": query.by, "since": query.since,
            "until": query.until, "include_negated": query.include_negated,
            "mentions": query.mentions, "reports": result.mentions,
            "events": result.events, "left_out": result.left_out,
            "periods": periods, "totals": totals}


# --- the network ----------------------------------------------------------------------


def network_data(store: Store, top: int = 40, include_negated: bool = False,
                 mentions: bool = False) -> dict[str, Any]:
    """The ``top`` busiest directed edges between different actors, and their nodes."""
    nodes, edges = actor_network(store, include_negated=include_negated, mentions=mentions)
    edges = edges[edges["source"] != edges["target"]].head(top)
    used = set(edges["source"]) | set(edges["target"])
    return {"nodes": _records(nodes[nodes["code"].isin(used)]), "edges": _records(edges)}
