"""Answers from the store: dyad timelines, the substance ratio, actors, networks, evidence.

Plain functions over a :class:`~dotterel.store.Store`, returning pandas frames
(``to_frame`` converts to polars).  Negated and hypothetical events are left out
unless ``include_negated`` is set (see :mod:`dotterel.query`).  Every count is of
events — clusters of reports of one real-world event (see :mod:`dotterel.dedup`) —
unless ``mentions=True`` asks for every coded mention.

The **substance ratio** of a period is material cooperation / (verbal +
material cooperation), quad classes 2 / (1 + 2), over ``substance_n`` events: near
0, a relationship of meetings and statements (status); near 1, of deals carried
out (substance).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import pandas as pd

from .errors import ConfigError
from .ontology import QUAD_NAMES, load_ontology
from .records import Document, Entity, Event

if TYPE_CHECKING:
    from .store import Store

__all__ = [
    "PERIODS",
    "QUAD_COLUMNS",
    "Dyad",
    "Evidence",
    "actor_network",
    "dyad",
    "dyad_frame",
    "dyad_totals",
    "evidence",
    "to_frame",
    "top_actors",
]

PERIODS = {"month": "M", "quarter": "Q", "year": "Y"}
QUAD_COLUMNS = {q: name.replace(" ", "_") for q, name in QUAD_NAMES.items()}
# The coarsest date precision that still places an event in one period of each size.
_PRECISE_ENOUGH = {"month": {"day", "month"}, "quarter": {"day", "month"},
                   "year": {"day", "month", "year"}}


def to_frame(frame: pd.DataFrame, as_: str = "pandas") -> Any:
    if as_ == "pandas":
        return frame
    if as_ == "polars":
        import polars as pl

        return pl.from_pandas(frame)
    raise ConfigError(f"as_ must be pandas or polars, got {as_!r}")


def _period_kind(by: str) -> str:
    if by not in PERIODS:
        raise ConfigError(f"unknown period {by!r}; use month, quarter or year")
    return PERIODS[by]


@dataclass(frozen=True)
class Dyad:
    """The A–B dyad over time: ``periods`` has one row per period, gaps filled with zeros."""

    a: str
    b: str
    by: str
    periods: pd.DataFrame
    events: int  # events of the dyad that passed the filters
    left_out: int  # of those, events without a date precise enough for ``by``
    top: tuple[Event, ...]  # the strongest evidence: most confident, most intense
    mentions: int = 0  # the coded mentions (reports) behind ``events``
    counts_mentions: bool = False  # True: ``events`` counts mentions, not clusters


def dyad(store: Store, a: str, b: str, *, by: str = "year", since: date | str | None = None,
         until: date | str | None = None, include_negated: bool = False, top: int = 5,
         mentions: bool = False) -> Dyad:
    """Counts per PLOVER type and quad class, scores and the substance ratio of A–B by period.

    Each event counts once however many reports it has; ``mentions=True`` counts reports.
    """
    kind = _period_kind(by)
    filters: dict[str, Any] = dict(dyad=(a, b), since=since, until=until,
                                   include_negated=include_negated)
    frame = store.events(mentions=mentions, **filters)
    usable = frame["date_start"].notna() & frame["date_precision"].isin(_PRECISE_ENOUGH[by])
    periods = period_table(frame[usable], kind)
    reports = len(frame) if mentions else store.count_events(mentions=True, **filters)
    return Dyad(a.upper(), b.upper(), by, periods, len(frame), int((~usable).sum()),
                _top_events(store, frame, top), reports, mentions)


def dyad_frame(store: Store, a: str, b: str, **options: Any) -> pd.DataFrame:
    return dyad(store, a, b, top=0, **options).periods


def period_table(frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    """Aggregate events (``date_start``, ``event``, ``quad_class``, scores) by period."""
    columns = _columns()
    if frame.empty:
        return pd.DataFrame({name: pd.Series(dtype=object if name == "period" else "float64")
                             for name in columns})
    keys = pd.to_datetime(frame["date_start"]).dt.to_period(kind)
    span = pd.period_range(keys.min(), keys.max(), freq=kind)
    quads = pd.crosstab(keys, frame["quad_class"]).reindex(index=span, columns=list(QUAD_NAMES),
                                                           fill_value=0)
    types = pd.crosstab(keys, frame["event"]).reindex(index=span, columns=_types(),
                                                      fill_value=0)
    scores = frame.groupby(keys).agg(
        plover_score_mean=("plover_score", "mean"), plover_score_sum=("plover_score", "sum"),
        goldstein_mean=("goldstein", "mean"), goldstein_sum=("goldstein", "sum"),
    ).reindex(span)
    table = pd.concat([quads.rename(columns=QUAD_COLUMNS), scores, types], axis=1)
    table["events"] = quads.sum(axis=1)
    for name in ("plover_score_sum", "goldstein_sum"):
        table[name] = table[name].fillna(0.0)
    table["substance_n"] = table["verbal_cooperation"] + table["material_cooperation"]
    table["substance_ratio"] = table["material_cooperation"] / table["substance_n"].where(
        table["substance_n"] > 0)
    table.insert(0, "period", [str(p) for p in span])
    return table[columns].reset_index(drop=True)


def _types() -> list[str]:
    return list(load_ontology().types)


def _columns() -> list[str]:
    return ["period", "events", *QUAD_COLUMNS.values(), "substance_ratio", "substance_n",
            "plover_score_mean", "plover_score_sum", "goldstein_mean", "goldstein_sum",
            *_types()]


def dyad_totals(periods: pd.DataFrame) -> dict[str, Any]:
    """The whole span as one row: sums, event-weighted means, the overall ratio."""
    events = int(periods["events"].sum())
    row: dict[str, Any] = {"period": "all", "events": events}
    for name in [*QUAD_COLUMNS.values(), "substance_n", *_types()]:
        row[name] = int(periods[name].sum())
    for name in ("plover_score_sum", "goldstein_sum"):
        row[name] = float(periods[name].sum())
    n = row["substance_n"]
    row["substance_ratio"] = row["material_cooperation"] / n if n else None
    row["plover_score_mean"] = row["plover_score_sum"] / events if events else None
    row["goldstein_mean"] = row["goldstein_sum"] / events if events else None
    return row


def _top_events(store: Store, frame: pd.DataFrame, n: int) -> tuple[Event, ...]:
    if n <= 0 or frame.empty:
        return ()
    ranked = frame.assign(strength=frame["plover_score"].abs()).sort_values(
        ["confidence", "strength", "date_start", "id"], ascending=[False, False, True, True])
    found = (store.event(event_id) for event_id in ranked["id"].head(n))
    return tuple(ev for ev in found if ev is not None)


# --- actors and the network ----------------------------------------------------------


def _side_frame(store: Store, include_negated: bool, mentions: bool) -> pd.DataFrame:
    """One row per (event, role, code) with the event's scores."""
    frame = store.events(include_negated=include_negated, mentions=mentions)
    sides = []
    for role in ("actor", "recipient"):
        part = frame[["id", f"{role}_codes", "plover_score", "goldstein"]].explode(f"{role}_codes")
        part = part.rename(columns={f"{role}_codes": "code"}).dropna(subset=["code"])
        sides.append(part.assign(role=role))
    return pd.concat(sides, ignore_index=True)


def top_actors(store: Store, *, top: int = 20, include_negated: bool = False,
               mentions: bool = False) -> pd.DataFrame:
    """Actor codes by the number of events they take part in, as actor or recipient."""
    sides = _side_frame(store, include_negated, mentions)
    if sides.empty:
        return pd.DataFrame(columns=["code", "events", "as_actor", "as_recipient",
                                     "plover_score_mean", "goldstein_mean"])
    grouped = sides.groupby("code")
    table = pd.DataFrame({
        "events": grouped["id"].nunique(),
        "as_actor": sides[sides.role == "actor"].groupby("code")["id"].nunique(),
        "as_recipient": sides[sides.role == "recipient"].groupby("code")["id"].nunique(),
    }).fillna(0).astype(int)
    as_actor = sides[sides.role == "actor"].drop_duplicates(["id", "code"]).groupby("code")
    table["plover_score_mean"] = as_actor["plover_score"].mean()
    table["goldstein_mean"] = as_actor["goldstein"].mean()
    table = table.reset_index().sort_values(["events", "code"], ascending=[False, True])
    return table.head(top).reset_index(drop=True)


def actor_network(store: Store, *, include_negated: bool = False,
                  mentions: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Who acts on whom at country-code level: ``(nodes, edges)``.

    An edge source → target counts the events with source among the actors and
    target among the recipients; a reciprocal event (no recipients) links every
    pair of its actors both ways.  Edges carry the mean PLOVER score and Goldstein.
    """
    frame = store.events(include_negated=include_negated, mentions=mentions)
    pairs = _pairs(frame)
    edge_columns = ["source", "target", "events", "plover_score_mean", "goldstein_mean"]
    if pairs.empty:
        edges = pd.DataFrame(columns=edge_columns)
    else:
        edges = pairs.groupby(["source", "target"]).agg(
            events=("id", "nunique"), plover_score_mean=("plover_score", "mean"),
            goldstein_mean=("goldstein", "mean")).reset_index()
        edges = edges.sort_values(["events", "source", "target"],
                                  ascending=[False, True, True])[edge_columns]
    nodes = top_actors(store, top=10**9, include_negated=include_negated, mentions=mentions)
    return nodes, edges.reset_index(drop=True)


def _pairs(frame: pd.DataFrame) -> pd.DataFrame:
    base = frame[["id", "actor_codes", "recipient_codes", "plover_score", "goldstein"]]
    directed = base.explode("actor_codes").explode("recipient_codes").dropna(
        subset=["actor_codes", "recipient_codes"])
    directed = directed.rename(columns={"actor_codes": "source", "recipient_codes": "target"})
    peers = base[base["recipient_codes"].map(len) == 0]
    peers = peers.assign(target=peers["actor_codes"]).explode("actor_codes").explode("target")
    peers = peers.rename(columns={"actor_codes": "source"})
    peers = peers[peers["source"] != peers["target"]].dropna(subset=["source", "target"])
    keep = ["id", "source", "target", "plover_score", "goldstein"]
    return pd.concat([directed[keep], peers[keep]], ignore_index=True).drop_duplicates(
        ["id", "source", "target"])


# --- evidence -------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """An event with what justifies it: its sentence, spans to highlight, its document."""

    event: Event
    document: Document | None
    spans: tuple[tuple[int, int, str], ...]  # (start, end, role) within event.text
    elsewhere: tuple[tuple[str, Entity], ...]  # (role, entity) resolved outside the sentence

    def as_dict(self) -> dict[str, Any]:
        doc = self.document
        return {
            "event": self.event.as_dict(),
            "spans": [{"start": s, "end": e, "role": r} for s, e, r in self.spans],
            "elsewhere": [{"role": r, **ent.as_dict()} for r, ent in self.elsewhere],
            "document": None if doc is None else {k: v for k, v in doc.as_dict().items()
                                                  if k != "text"},
        }


def evidence(store: Store, event_id: str) -> Evidence | None:
    """The event ``event_id`` with its highlights, or None if the store has no such event."""
    ev = store.event(event_id)
    if ev is None:
        return None
    offset, length = ev.text_info.start, len(ev.text)
    spans: list[tuple[int, int, str]] = []
    elsewhere: list[tuple[str, Entity]] = []
    for role in ("actor", "recipient"):
        for ent in getattr(ev, role):
            start, end = ent.start - offset, ent.end - offset
            if 0 <= start < end <= length:
                spans.append((start, end, role))
            else:
                elsewhere.append((role, ent))
    trig = (ev.text_info.trigger_start - offset, ev.text_info.trigger_end - offset, "trigger")
    if 0 <= trig[0] < trig[1] <= length:
        spans.append(trig)
    return Evidence(ev, store.document(ev.doc_id), tuple(sorted(set(spans))), tuple(elsewhere))
