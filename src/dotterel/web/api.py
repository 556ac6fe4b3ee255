"""The JSON API under ``/api``: the data behind every page, documented at ``/docs``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from . import charts, queries
from .access import answer, found
from .params import ActorsQuery, DocId, DyadQuery, EventId, EventQuery, NetworkQuery
from .schemas import Actors, DocumentDetail, Dyad, EventDetail, EventPage, Network

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["api"])
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "No such id in the store"}}


@router.get("/actors", response_model=Actors)
def actors(request: Request, query: Annotated[ActorsQuery, Query()]) -> dict[str, Any]:
    """Every actor code in the store with its event counts, most events first."""
    return {"actors": answer(request, queries.actor_list, query.include_negated,
                                  query.mentions)}


@router.get("/dyad", response_model=Dyad)
def dyad(request: Request, query: Annotated[DyadQuery, Query()]) -> dict[str, Any]:
    """The A–B dyad by period: quad-class counts, substance ratio, mean PLOVER score."""
    return answer(request, queries.dyad_data, query)


@router.get("/dyad/chart")
def dyad_chart(request: Request, query: Annotated[DyadQuery, Query()]) -> dict[str, Any]:
    """The dyad timeline as a Vega-Lite specification (data inline)."""
    return charts.dyad_spec(answer(request, queries.dyad_data, query))


@router.get("/events", response_model=EventPage)
def events(request: Request, query: Annotated[EventQuery, Query()]) -> dict[str, Any]:
    """One page of events matching the filters, with the total count."""
    return answer(request, queries.event_page, query)


@router.get("/events/{event_id}", response_model=EventDetail, responses=NOT_FOUND)
def event(request: Request, event_id: EventId) -> dict[str, Any]:
    """One event: its sentence cut into highlighted segments, place, document, neighbours."""
    return found(answer(request, queries.event_detail, event_id), f"event {event_id!r}")


@router.get("/documents/{doc_id}", response_model=DocumentDetail, responses=NOT_FOUND)
def document(request: Request, doc_id: DocId) -> dict[str, Any]:
    """A document's cleaned text with every coded event's spans, and its events."""
    return found(answer(request, queries.document_detail, doc_id), f"document {doc_id!r}")


@router.get("/network", response_model=Network)
def network(request: Request, query: Annotated[NetworkQuery, Query()]) -> dict[str, Any]:
    """Who acts on whom: the busiest directed edges between actors, and their nodes."""
    return answer(request, queries.network_data, query.top, query.include_negated,
                  query.mentions)


@router.get("/network/chart")
def network_chart(request: Request, query: Annotated[NetworkQuery, Query()]) -> dict[str, Any]:
    """The actor network as a Vega-Lite specification (data inline)."""
    data = answer(request, queries.network_data, query.top, query.include_negated,
                  query.mentions)
    return charts.network_spec(data)
