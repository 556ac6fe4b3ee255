"""The HTML pages: each renders the same dictionaries the JSON API returns.

Jinja2 autoescaping is on for every template; document text reaches a page only
as the ``text`` of highlight segments (see ``highlight``), never as markup.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from ..ontology import QUAD_NAMES, load_ontology
from ..plots import QUAD_COLORS
from ..store import Store
from . import queries
from .access import answer, found
from .params import DocId, DyadPageQuery, DyadQuery, EventId, EventQuery, NetworkQuery

__all__ = ["describe_error", "error_page", "router"]

router = APIRouter(include_in_schema=False)
TEMPLATES = Jinja2Templates(directory=Path(__file__).resolve().parent / "templates")
DYAD_EVENTS_PER_PAGE = 25


def _number(value: Any, digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def _with(request: Request, **changes: Any) -> str:
    """This page's URL with some parameters replaced (``None`` removes one)."""
    kept = [(k, v) for k, v in request.query_params.multi_items() if k not in changes]
    kept += [(k, str(v)) for k, v in changes.items() if v is not None]
    return f"{request.url.path}?{urlencode(kept)}"


def _safe_url(value: str | None) -> str | None:
    """A document URL worth linking to: http(s) only, never ``javascript:`` and the like."""
    return value if value and value.lower().startswith(("http://", "https://")) else None


TEMPLATES.env.filters["num"] = _number
TEMPLATES.env.globals.update(
    QUAD_NAMES=QUAD_NAMES, QUAD_COLORS=QUAD_COLORS, PLOVER_TYPES=list(load_ontology().types),
    with_params=_with, safe_url=_safe_url,
)


def render(request: Request, name: str, context: dict[str, Any],
           status_code: int = 200) -> HTMLResponse:
    db = request.app.state.store.path.name
    return TEMPLATES.TemplateResponse(request, name, {"db_name": db, **context},
                                      status_code=status_code)


def describe_error(error: dict[str, Any]) -> str:
    """One validation error as "field: reason"."""
    where = ".".join(str(part) for part in error.get("loc", ()) if part not in ("query", "path"))
    reason = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
    return f"{where}: {reason}" if where else reason


def error_page(request: Request, status_code: int, title: str, problems: list[str]) -> HTMLResponse:
    return render(request, "error.html", {"status": status_code, "title": title,
                                          "problems": problems}, status_code)


# --- the dyad explorer ----------------------------------------------------------------


def _flags(query: Any) -> dict[str, str]:
    return {name: "true" for name in ("include_negated", "mentions") if getattr(query, name)}


def _dyad_params(query: DyadQuery, *, by: bool = True) -> str:
    params = {"a": query.a, "b": query.b, "by": query.by if by else None, "since": query.since,
              "until": query.until, **_flags(query)}
    return urlencode({k: v for k, v in params.items() if v is not None})


def dyad_view(store: Store, form: DyadPageQuery, default_span: bool) -> dict[str, Any]:
    """The explorer's data; with no dyad asked for, the two busiest actors from the corpus start."""
    pair = (form.a, form.b) if form.a and form.b else queries.default_dyad(store)
    if pair is None:
        return {"form": form, "dyad": None}
    since = queries.default_since(store) if default_span else form.since
    query = DyadQuery(a=pair[0], b=pair[1], by=form.by, since=since, until=form.until,
                      include_negated=form.include_negated, mentions=form.mentions)
    events = EventQuery(a=pair[0], b=pair[1], since=since, until=form.until,
                        include_negated=form.include_negated, mentions=form.mentions,
                        page=form.page, size=DYAD_EVENTS_PER_PAGE)
    return {"form": query, "dyad": queries.dyad_data(store, query),
            "events": queries.event_page(store, events),
            "chart_url": "/api/dyad/chart?" + _dyad_params(query),
            "data_url": "/api/dyad?" + _dyad_params(query),
            "table_url": "/events?" + _dyad_params(query, by=False)}


@router.get("/", response_class=HTMLResponse)
def dyad_page(request: Request, form: Annotated[DyadPageQuery, Query()]) -> HTMLResponse:
    asked_span = {"since", "until"} & set(request.query_params)
    return render(request, "dyad.html", answer(request, dyad_view, form, not asked_span))


# --- events, one event, one document ------------------------------------------------------


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, query: Annotated[EventQuery, Query()]) -> HTMLResponse:
    page = answer(request, queries.event_page, query)
    return render(request, "events.html", {"query": query, "events": page})


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: EventId) -> HTMLResponse:
    detail = found(answer(request, queries.event_detail, event_id), f"event {event_id!r}")
    return render(request, "event.html", detail)


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: DocId) -> HTMLResponse:
    detail = found(answer(request, queries.document_detail, doc_id), f"document {doc_id!r}")
    return render(request, "document.html", detail)


# --- the network --------------------------------------------------------------------------


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, query: Annotated[NetworkQuery, Query()]) -> HTMLResponse:
    data = answer(request, queries.network_data, query.top, query.include_negated,
                  query.mentions)
    chart = "/api/network/chart?" + urlencode({"top": query.top, **_flags(query)})
    return render(request, "network.html", {"query": query, "network": data, "chart_url": chart})
