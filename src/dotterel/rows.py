"""Records ↔ database rows: the one place that knows how an Event is flattened.

``event_row``/``entity_rows``/``document_row`` turn records into dicts keyed by
column name (the columns of ``data/schema``); ``event_from_row`` and
``document_from_row`` turn rows back into the same records, so an Event read
from the store compares equal to the one that was written.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from .records import Document, Entity, Event, Location, TextInfo

__all__ = [
    "ROLES",
    "coder_version_of",
    "date_start",
    "document_from_row",
    "document_row",
    "entity_rows",
    "event_from_row",
    "event_row",
    "sentence_rows",
]

ROLES = ("actor", "recipient")

_LOCATION_COLUMNS = {
    "extracted_place": "extracted_place",
    "resolved_place": "resolved_place",
    "country_code": "loc_country",
    "lat": "lat",
    "lon": "lon",
    "feature": "loc_feature",
    "resolution": "loc_resolution",
    "basis": "loc_basis",
}


def date_start(value: str | None) -> date | None:
    """First day of an ISO date, month or year string ("2017" → 2017-01-01)."""
    if not value:
        return None
    parts = value.split("-")
    try:
        numbers = [int(p) for p in parts] + [1] * (3 - len(parts))
        return date(numbers[0], numbers[1], numbers[2])
    except (ValueError, IndexError):
        return None


def coder_version_of(coder: str, default: str | None = None) -> str | None:
    """The version part of a coder id ("lexicon:agree:80@0.1.0+abc" → "0.1.0+abc")."""
    _, at, version = coder.rpartition("@")
    return version if at else default


def document_row(doc: Document, ingested_at: datetime, coder_version: str | None) -> dict:
    row = doc.as_dict()
    row["published"] = doc.published
    row["ingested_at"] = ingested_at
    row["coder_version"] = coder_version
    return row


def event_row(ev: Event, coder_version: str | None = None) -> dict[str, Any]:
    info = ev.text_info
    row: dict[str, Any] = {
        "id": ev.id, "doc_id": ev.doc_id, "date": ev.date, "date_precision": ev.date_precision,
        "date_basis": ev.date_basis, "date_text": ev.date_text, "date_start": date_start(ev.date),
        "event": ev.event, "mode": list(ev.mode), "context": list(ev.context),
        "aux": list(ev.aux), "cameo": ev.cameo, "quad_class": ev.quad_class,
        "goldstein": ev.goldstein, "plover_score": ev.plover_score,
        "event_text": ev.event_text, "text": ev.text, "sentence_seq": info.sequence,
        "sentence_start": info.start, "sentence_end": info.end,
        "trigger_start": info.trigger_start, "trigger_end": info.trigger_end,
        "confidence": ev.confidence, "coder": ev.coder,
        "coder_version": coder_version_of(ev.coder, coder_version),
        "actor_codes": _codes(ev.actor), "recipient_codes": _codes(ev.recipient),
        "extra": json.dumps(ev.extra, default=str, sort_keys=True) if ev.extra else None,
    }
    loc = ev.event_loc
    for attr, column in _LOCATION_COLUMNS.items():
        row[column] = getattr(loc, attr) if loc else None
    return row


def _codes(entities: Iterable[Entity]) -> list[str]:
    return list(dict.fromkeys(e.code for e in entities))


def entity_rows(ev: Event) -> list[dict[str, Any]]:
    rows = []
    for role in ROLES:
        for position, ent in enumerate(getattr(ev, role)):
            rows.append({
                "event_id": ev.id, "role": role, "position": position, "code": ent.code,
                "sector": ent.sector, "other_sectors": list(ent.other_sectors),
                "entity_text": ent.entity_text, "identifier_text": ent.identifier_text,
                "office": ent.office, "start_char": ent.start, "end_char": ent.end,
                "rule": ent.rule,
            })
    return rows


def sentence_rows(doc_id: str, sentences: Iterable[tuple[int, int, str]]) -> list[dict]:
    """Rows of the ``sentences`` table from ``(start, end, text)`` in document order."""
    return [{"doc_id": doc_id, "seq": seq, "start_char": start, "end_char": end, "text": text}
            for seq, (start, end, text) in enumerate(sentences)]


def entity_from_row(row: Mapping[str, Any]) -> Entity:
    return Entity(
        code=row["code"], sector=row["sector"], entity_text=row["entity_text"],
        start=row["start_char"], end=row["end_char"], identifier_text=row["identifier_text"],
        office=row["office"], other_sectors=tuple(row["other_sectors"] or ()),
        rule=row["rule"] or "",
    )


def event_from_row(row: Mapping[str, Any], entities: Iterable[Mapping[str, Any]]) -> Event:
    """The Event of an ``events`` row and its ``event_entities`` rows (any order)."""
    ordered = sorted(entities, key=lambda e: (e["role"], e["position"]))
    sides = {role: tuple(entity_from_row(e) for e in ordered if e["role"] == role)
             for role in ROLES}
    return Event(
        id=row["id"], doc_id=row["doc_id"], event=row["event"], actor=sides["actor"],
        recipient=sides["recipient"], mode=tuple(row["mode"]), context=tuple(row["context"]),
        aux=tuple(row["aux"]), cameo=row["cameo"], quad_class=row["quad_class"],
        goldstein=row["goldstein"], plover_score=row["plover_score"],
        event_text=row["event_text"], text=row["text"],
        text_info=TextInfo(row["sentence_seq"], row["sentence_start"], row["sentence_end"],
                           row["trigger_start"], row["trigger_end"]),
        confidence=row["confidence"], coder=row["coder"], date=row["date"],
        date_precision=row["date_precision"], date_basis=row["date_basis"],
        date_text=row["date_text"], event_loc=_location(row),
        extra=json.loads(row["extra"]) if row["extra"] else {},
    )


def _location(row: Mapping[str, Any]) -> Location | None:
    if row["extracted_place"] is None:
        return None
    return Location(**{attr: row[column] for attr, column in _LOCATION_COLUMNS.items()})


def document_from_row(row: Mapping[str, Any]) -> Document:
    return Document(
        doc_id=row["doc_id"], text=row["text"], url=row["url"], title=row["title"],
        publisher=row["publisher"], published=row["published"],
        published_basis=row["published_basis"], language=row["language"] or "en",
        source_path=row["source_path"], source_line=row["source_line"],
    )
