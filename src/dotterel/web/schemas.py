"""The shapes of the JSON API's answers, for the OpenAPI page at ``/docs``.

They describe the dictionaries that ``queries`` builds; an event record inside
``EventDetail`` is the PLOVER-style ``Event.as_dict()`` of ``dotterel.records``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel

__all__ = ["Actors", "DocumentDetail", "Dyad", "EventDetail", "EventPage", "Network"]


class EventRow(BaseModel):
    id: str
    doc_id: str
    date: str | None
    date_precision: str | None
    date_basis: str | None
    event: str
    mode: list[str]
    aux: list[str]
    cameo: str | None
    quad_class: int | None
    plover_score: float | None
    goldstein: float | None
    confidence: float | None
    actor_codes: list[str]
    recipient_codes: list[str]
    actor: str | None  # "CODE SECTOR; …"
    recipient: str | None
    event_text: str | None
    text: str | None  # the sentence
    title: str | None
    published: dt.date | None
    cluster_id: str  # the real-world event this report belongs to (its own id if alone)
    num_mentions: int  # reports of that event


class EventPage(BaseModel):
    total: int
    page: int
    size: int
    pages: int
    events: list[EventRow]


class Actor(BaseModel):
    code: str
    events: int
    as_actor: int
    as_recipient: int
    plover_score_mean: float | None
    goldstein_mean: float | None


class Actors(BaseModel):
    actors: list[Actor]


class DyadPeriod(BaseModel):
    period: str
    start: dt.date
    end: dt.date
    events: int
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int
    substance_ratio: float | None  # material / (verbal + material cooperation)
    substance_n: int
    plover_score_mean: float | None
    goldstein_mean: float | None
    types: dict[str, int]  # PLOVER type → events, non-zero only


class Dyad(BaseModel):
    a: str
    b: str
    by: str
    since: dt.date | None
    until: dt.date | None
    include_negated: bool
    mentions: bool  # True: counts are of reports, not events
    reports: int  # the reports behind ``events``
    events: int  # events of the dyad that passed the filters
    left_out: int  # of those, events not dated precisely enough for the period
    periods: list[DyadPeriod]
    totals: dict[str, float | int | None]


class Segment(BaseModel):
    text: str
    start: int
    roles: list[str]  # sentence, actor, recipient, trigger
    events: list[str]
    triggers: list[str]


class EventDetail(BaseModel):
    event: dict[str, Any]
    quad_name: str | None
    sentence: list[Segment]
    elsewhere: list[dict[str, Any]]  # entities resolved outside the sentence
    place: dict[str, Any] | None
    document: dict[str, Any] | None
    cluster: dict[str, Any] | None  # every report of the same event (ClusterDetail.as_dict)
    same_document: list[EventRow]


class DocumentDetail(BaseModel):
    document: dict[str, Any]
    text: str
    segments: list[Segment]
    events: list[EventRow]


class NetworkEdge(BaseModel):
    source: str
    target: str
    events: int
    plover_score_mean: float | None
    goldstein_mean: float | None


class Network(BaseModel):
    nodes: list[Actor]
    edges: list[NetworkEdge]
