"""Writing stored events to files: PLOVER JSONL, GDELT 2.0 layout, flat CSV, Parquet.

``export_events(store, path, layout)`` streams every stored event (negated and
hypothetical ones included: they carry their ``aux``), so memory stays flat on a
large database.  An event reported several times is written once (its canonical
mention; CSV and Parquet add ``cluster_id``, ``num_mentions``, ``num_documents``
and ``num_sources``, the GDELT layout fills NumMentions/NumSources/NumArticles);
``mentions=True`` writes every mention.  ``layout_for`` picks the layout from the
file extension.
The actor network goes out with ``write_graphml`` and ``write_network_json``.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pandas as pd

from .errors import ConfigError
from .gdelt import gdelt_notes, gdelt_row
from .query import EventFilter
from .store import CLUSTER_COLUMNS, CLUSTER_JOINS, CLUSTER_OF, Store, counted

__all__ = ["LAYOUTS", "Exported", "export_events", "layout_for", "write_graphml",
           "write_network_json"]

LAYOUTS = ("plover", "gdelt", "csv", "parquet")
_EXTENSIONS = {".jsonl": "plover", ".ndjson": "plover", ".tsv": "gdelt", ".gdelt": "gdelt",
               ".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}
_ENTITY = ("struct_pack(code := x.code, sector := x.sector, other_sectors := x.other_sectors, "
           "entity_text := x.entity_text, identifier_text := x.identifier_text, "
           "office := x.office, start := x.start_char, \"end\" := x.end_char)")
_ENTITY_LIST = ("coalesce((SELECT list({entity} ORDER BY x.position) FROM event_entities x "
                "WHERE x.event_id = e.id AND x.role = '{role}'), []) AS {name}")
_LABEL = ("(SELECT string_agg(trim(x.code || ' ' || x.sector), '; ' ORDER BY x.position) "
          "FROM event_entities x WHERE x.event_id = e.id AND x.role = '{role}') AS {role}")
_LISTS = ("mode", "context", "aux", "actor_codes", "recipient_codes")
_FLAT_SKIP = {"extra", *_LISTS}
BATCH_ROWS = 10_000


@dataclass(frozen=True, slots=True)
class Exported:
    path: Path
    layout: str
    events: int  # rows written: events (clusters), or mentions with ``mentions``
    notes: Path | None = None  # the README written next to a GDELT-layout file
    mentions: bool = False


def layout_for(path: str | Path, layout: str | None = None) -> str:
    """The layout asked for, or the one the file extension implies."""
    if layout:
        if layout not in LAYOUTS:
            raise ConfigError(f"unknown layout {layout!r}; use {', '.join(LAYOUTS)}")
        return layout
    suffix = Path(path).suffix.lower()
    if suffix not in _EXTENSIONS:
        raise ConfigError(f"cannot tell the layout from {Path(path).name!r}; give --layout "
                          f"({', '.join(LAYOUTS)}) or use {', '.join(sorted(_EXTENSIONS))}")
    return _EXTENSIONS[suffix]


def export_events(store: Store, path: str | Path, layout: str | None = None, *,
                  mentions: bool = False) -> Exported:
    """Write every stored event (every mention with ``mentions``) to ``path`` in ``layout``."""
    path = Path(path)
    chosen = layout_for(path, layout)
    writer = {"plover": _write_plover, "gdelt": _write_gdelt, "csv": _write_csv,
              "parquet": _write_parquet}[chosen]
    count = writer(store, path, mentions)
    notes = None
    if chosen == "gdelt":
        notes = path.with_name(path.name + ".README.txt")
        notes.write_text(gdelt_notes(str(store.path)), encoding="utf-8")
    return Exported(path, chosen, count, notes, mentions)


def _which(mentions: bool) -> str:
    """The rows to export: every event (include_negated), one per cluster unless ``mentions``."""
    condition, _ = EventFilter(include_negated=True).where()
    return counted(condition, mentions)


def _write_plover(store: Store, path: Path, mentions: bool) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for ev in store.iter_events(EventFilter(include_negated=True), mentions=mentions):
            handle.write(json.dumps(ev.as_dict(), ensure_ascii=False) + "\n")
            count += 1
    return count


def _event_columns(store: Store) -> list[str]:
    return [r["column_name"] for r in store.rows(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'events' "
        "ORDER BY ordinal_position")]


def _from(mentions: bool) -> str:
    """The events to export with their document and cluster, in id order."""
    return (f"FROM events e LEFT JOIN documents d ON d.doc_id = e.doc_id {CLUSTER_JOINS} "
            f"WHERE {_which(mentions)} ORDER BY e.id")


def _full_sql(store: Store, mentions: bool) -> str:
    """Every events column, the actor and recipient entity lists, the document's fields and
    the cluster's."""
    columns = ", ".join(f"e.{c}" for c in _event_columns(store))
    entities = ", ".join(_ENTITY_LIST.format(entity=_ENTITY, role=role, name=role)
                         for role in ("actor", "recipient"))
    return (f"SELECT {columns}, {entities}, d.url, d.title, d.publisher, d.published, "
            f"{CLUSTER_COLUMNS} {_from(mentions)}")


def _flat_sql(store: Store, mentions: bool) -> str:
    """One scalar per cell: lists joined with '|', entities as 'CODE SECTOR; …' labels."""
    columns = [f"e.{c}" for c in _event_columns(store) if c not in _FLAT_SKIP]
    columns += [f"array_to_string(e.{c}, '|') AS {c}" for c in _LISTS]
    columns += [_LABEL.format(role=role) for role in ("actor", "recipient")]
    return (f"SELECT {', '.join(columns)}, d.url, d.title, d.publisher, d.published, "
            f"{CLUSTER_COLUMNS} {_from(mentions)}")


def _write_parquet(store: Store, path: Path, mentions: bool) -> int:
    import pyarrow.parquet as pq

    reader = store.stream(_full_sql(store, mentions), batch_rows=BATCH_ROWS)
    count = 0
    with pq.ParquetWriter(path, reader.schema) as writer:
        for batch in reader:
            writer.write_batch(batch)
            count += batch.num_rows
    return count


def _write_csv(store: Store, path: Path, mentions: bool) -> int:
    import pyarrow.csv as pcsv

    reader = store.stream(_flat_sql(store, mentions), batch_rows=BATCH_ROWS)
    count = 0
    with pcsv.CSVWriter(path, reader.schema) as writer:
        for batch in reader:
            writer.write_batch(batch)
            count += batch.num_rows
    return count


_GDELT_SQL = (
    "SELECT e.id, e.date_start, e.cameo, e.goldstein, e.sentence_start, e.resolved_place, "
    "e.extracted_place, e.loc_country, e.loc_resolution, e.loc_feature, e.lat, e.lon, "
    "d.url, d.source_path, d.ingested_at, strpos(d.text, chr(10) || chr(10)) AS lead_end, "
    "{actors}, {recipients}, {clusters} {rows}"
)
# One row per cluster: its id and counts. One row per mention: no cluster, counts of 1.
_GDELT_CLUSTER = {
    False: (f"{CLUSTER_OF} AS cluster_id, "
            "coalesce(c.num_mentions, 1) AS num_mentions, "
            "coalesce(c.num_sources, 1) AS num_sources, "
            "coalesce(c.num_documents, 1) AS num_articles"),
    True: "NULL AS cluster_id, 1 AS num_mentions, 1 AS num_sources, 1 AS num_articles",
}


def _write_gdelt(store: Store, path: Path, mentions: bool) -> int:
    sql = _GDELT_SQL.format(
        actors=_ENTITY_LIST.format(entity=_ENTITY, role="actor", name="actors"),
        recipients=_ENTITY_LIST.format(entity=_ENTITY, role="recipient", name="recipients"),
        clusters=_GDELT_CLUSTER[mentions], rows=_from(mentions))
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n",
                            quoting=csv.QUOTE_NONE, escapechar="\\")
        for batch in store.stream(sql, batch_rows=BATCH_ROWS):
            for record in batch.to_pylist():
                writer.writerow(_clean(gdelt_row(record)))
                count += 1
    return count


def _clean(cells: list[str]) -> list[str]:
    """Tabs and newlines would break the row; GDELT files hold none."""
    return [" ".join(cell.split()) if ("\t" in cell or "\n" in cell) else cell for cell in cells]


# --- the actor network ----------------------------------------------------------------


def write_graphml(nodes: pd.DataFrame, edges: pd.DataFrame, path: str | Path) -> None:
    """A directed GraphML graph: nodes are actor codes, edges carry counts and mean scores."""
    root = ET.Element("graphml", xmlns="http://graphml.graphdrawing.org/xmlns")
    node_keys = _graphml_keys(root, "node", nodes.drop(columns=["code"]))
    edge_keys = _graphml_keys(root, "edge", edges.drop(columns=["source", "target"]))
    graph = ET.SubElement(root, "graph", id="actors", edgedefault="directed")
    for row in nodes.to_dict("records"):
        _graphml_data(ET.SubElement(graph, "node", id=str(row["code"])), row, node_keys)
    for number, row in enumerate(edges.to_dict("records")):
        element = ET.SubElement(graph, "edge", id=f"e{number}", source=str(row["source"]),
                                target=str(row["target"]))
        _graphml_data(element, row, edge_keys)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def _graphml_keys(root: ET.Element, kind: str, frame: pd.DataFrame) -> dict[str, str]:
    keys = {}
    for column, dtype in frame.dtypes.items():
        key = f"{kind[0]}_{column}"
        kind_name = "int" if pd.api.types.is_integer_dtype(dtype) else "double"
        ET.SubElement(root, "key", id=key, attrib={"for": kind, "attr.name": str(column),
                                                   "attr.type": kind_name})
        keys[str(column)] = key
    return keys


def _graphml_data(element: ET.Element, row: dict[str, Any], keys: dict[str, str]) -> None:
    for column, key in keys.items():
        value = row[column]
        if value is not None and not pd.isna(value):
            ET.SubElement(element, "data", key=key).text = f"{value:g}" if isinstance(
                value, float) else str(value)


def write_network_json(nodes: pd.DataFrame, edges: pd.DataFrame, path: str | Path) -> None:
    """The network as ``{"nodes": [...], "edges": [...]}`` (NaN written as null)."""
    data = {"nodes": _records(nodes), "edges": _records(edges)}
    Path(path).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return json.loads(frame.to_json(orient="records"))
