"""Typed records that flow through the pipeline: Document, Entity, Location, Event.

Frozen, slotted dataclasses.  ``as_dict()`` gives the JSON shape used by the
exports; an Event maps one-to-one to a row of the ``events`` table.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

__all__ = ["Document", "Entity", "Event", "Location", "TextInfo", "make_doc_id"]


def make_doc_id(text: str) -> str:
    """Stable identifier of a document: a hash of its normalised text."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


@dataclass(frozen=True, slots=True)
class Document:
    doc_id: str
    text: str
    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    published: date | None = None
    published_basis: str | None = None  # "cli", "metadata", "header" or None
    language: str = "en"
    source_path: str | None = None
    source_line: int | None = None  # line (JSONL) or record number (WARC)

    def as_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "url": self.url,
            "title": self.title,
            "publisher": self.publisher,
            "published": self.published.isoformat() if self.published else None,
            "published_basis": self.published_basis,
            "language": self.language,
            "source_path": self.source_path,
            "source_line": self.source_line,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Entity:
    """An actor mention resolved to a PLOVER country/non-state code and a sector."""

    code: str
    sector: str
    entity_text: str
    start: int  # character offsets in the document text
    end: int
    identifier_text: str | None = None
    office: str | None = None
    other_sectors: tuple[str, ...] = ()
    rule: str = ""  # how it was resolved (data file row or resolution rule)

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "sector": self.sector,
            "other_sectors": list(self.other_sectors),
            "entity_text": self.entity_text,
            "identifier_text": self.identifier_text,
            "office": self.office,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Location:
    extracted_place: str
    resolved_place: str | None = None
    country_code: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None  # city, region, country, water
    resolution: str | None = None  # city, region, country
    basis: str | None = None  # clause, sentence, dateline, antecedent, capital

    def as_dict(self) -> dict[str, Any]:
        return {
            "extracted_place": self.extracted_place,
            "resolved_place": self.resolved_place,
            "country_code": self.country_code,
            "lat": self.lat,
            "lon": self.lon,
            "feature": self.feature,
            "resolution": self.resolution,
        }


@dataclass(frozen=True, slots=True)
class TextInfo:
    sequence: int  # sentence index in the document
    start: int  # sentence character offsets in the document text
    end: int
    trigger_start: int  # trigger character offsets in the document text
    trigger_end: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "sequence": self.sequence,
            "start": self.start,
            "end": self.end,
            "trigger_start": self.trigger_start,
            "trigger_end": self.trigger_end,
        }


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    doc_id: str
    event: str  # PLOVER type
    actor: tuple[Entity, ...]
    recipient: tuple[Entity, ...]
    mode: tuple[str, ...]
    context: tuple[str, ...]
    aux: tuple[str, ...]
    cameo: str
    quad_class: int
    goldstein: float
    plover_score: float
    event_text: str  # the trigger as written
    text: str  # the sentence
    text_info: TextInfo
    confidence: float
    coder: str  # lexicon entry / rule id and coder version
    date: str | None = None
    date_precision: str | None = None  # day, month, year
    date_basis: str | None = None  # explicit, relative, publication
    date_text: str | None = None  # the expression the date came from
    event_loc: Location | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def as_dict(self) -> dict[str, Any]:
        """The PLOVER-style JSON record (the ``jsonl`` output of ``dotterel code``)."""
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "date": self.date,
            "date_precision": self.date_precision,
            "date_basis": self.date_basis,
            "actor": [e.as_dict() for e in self.actor],
            "recipient": [e.as_dict() for e in self.recipient],
            "event": self.event,
            "mode": list(self.mode),
            "context": list(self.context),
            "aux": list(self.aux),
            "cameo": self.cameo,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover_score": self.plover_score,
            "event_text": self.event_text,
            "text": self.text,
            "text_info": self.text_info.as_dict(),
            "event_loc": self.event_loc.as_dict() if self.event_loc else None,
            "confidence": self.confidence,
            "coder": self.coder,
        }
