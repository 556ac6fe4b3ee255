"""Scoring coded events against gold data.

Units of scoring:

* **type scopes** — for a PLOVER-format record, the record's text; for a
  project-format gold event, the sentence it names.  Per scope, the gold types
  (with their ``alt`` types) are compared with the types of the coder's events
  in that scope: per-type precision/recall/F1, micro accuracy (share of gold
  events whose type was produced), macro-F1, and a confusion matrix of gold type
  against the type of the highest-confidence event in the scope.
* **matched events** — in a scope whose gold type was produced, the most
  confident event of that type: actor/recipient country accuracy (any overlap of
  codes; recipient only where gold has one; either direction for the symmetric
  types) and sector accuracy.
* **event level** (project format) — a one-to-one matching of coder events to
  gold events of the same document needing type (or alt), actor and recipient
  country and date within the gold's precision; negated and hypothetical coder
  events are left out.  Matches to gold events with ``required: false`` count
  neither way.  Date and location accuracy are measured over the matches made
  without the date condition.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from .gold import GoldEvent, GoldRecord
from .records import Event

__all__ = ["evaluate_records", "score"]

SYMMETRIC = {"CONSULT", "AGREE", "COOPERATE"}
NONE = "NONE"
EXCLUDED_AUX = {"negation", "hypothetical"}


@dataclass
class _Scope:
    record: GoldRecord
    golds: list[GoldEvent]
    predicted: list[Event]


def _codes(entities: Iterable[Any]) -> set[str]:
    return {e.code for e in entities}


def _span(record: GoldRecord, gold: GoldEvent) -> tuple[int, int] | None:
    if record.format == "plover" or not gold.sentence:
        return None
    start = record.text.find(gold.sentence)
    return (start, start + len(gold.sentence)) if start >= 0 else None


def _in_span(event: Event, span: tuple[int, int] | None) -> bool:
    if span is None:
        return True
    return event.text_info.start < span[1] and span[0] < event.text_info.end


def _scopes(record: GoldRecord, events: Sequence[Event]) -> tuple[list[_Scope], list[Event]]:
    """Group gold events by scope; return the scopes and the events outside every scope."""
    by_span: dict[Any, _Scope] = {}
    for gold in record.events:
        if not gold.required:
            continue
        span = _span(record, gold)
        scope = by_span.setdefault(span, _Scope(record, [], []))
        scope.golds.append(gold)
    covered: set[int] = set()
    for span, scope in by_span.items():
        for i, ev in enumerate(events):
            if _in_span(ev, span):
                scope.predicted.append(ev)
                covered.add(i)
    outside = [ev for i, ev in enumerate(events) if i not in covered
               and not _in_optional(record, ev)]
    if record.format == "plover" and not record.events:
        outside = list(events)
    return list(by_span.values()), outside


def _in_optional(record: GoldRecord, event: Event) -> bool:
    return any(_in_span(event, _span(record, g)) for g in record.events if not g.required)


def _countries_ok(gold: GoldEvent, ev: Event) -> tuple[bool | None, bool | None]:
    actors, recips = _codes(ev.actor), _codes(ev.recipient)
    actor_ok = bool(set(gold.actor) & actors) if gold.actor else None
    recip_ok = bool(set(gold.recipient) & recips) if gold.recipient else None
    if gold.event in SYMMETRIC:
        everyone = actors | recips
        actor_ok = bool(set(gold.actor) & everyone) if gold.actor else None
        recip_ok = bool(set(gold.recipient) & everyone) if gold.recipient else None
    return actor_ok, recip_ok


def _sectors_ok(gold: GoldEvent, ev: Event) -> list[bool]:
    out = []
    for want, ents in ((gold.actor_sector, ev.actor), (gold.recipient_sector, ev.recipient)):
        if want and ents:
            out.append(any(e.sector == want for e in ents))
    return out


class _Tally:
    def __init__(self) -> None:
        self.tp: Counter[str] = Counter()
        self.fp: Counter[str] = Counter()
        self.fn: Counter[str] = Counter()
        self.confusion: dict[str, Counter[str]] = defaultdict(Counter)
        self.gold_units = 0
        self.correct_units = 0
        self.first_choice = 0  # golds matched by the coder's most confident events alone
        self.no_event = 0
        self.actor: list[bool] = []
        self.recipient: list[bool] = []
        self.sector: list[bool] = []
        self.spurious = 0

    def add_scope(self, scope: _Scope) -> None:
        produced = {ev.event for ev in scope.predicted}
        matched_types: set[str] = set()
        if not scope.predicted:
            self.no_event += 1
        best = max(scope.predicted, key=lambda e: e.confidence, default=None)
        self.first_choice += _first_choice(scope)
        for gold in scope.golds:
            self.gold_units += 1
            hit = gold.types & produced
            self.confusion[gold.event][best.event if best else NONE] += 1
            if hit:
                self.tp[gold.event] += 1
                self.correct_units += 1
                matched_types |= hit
                self._arguments(gold, scope.predicted, hit)
            else:
                self.fn[gold.event] += 1
        for etype in produced - matched_types - {t for g in scope.golds for t in g.types}:
            self.fp[etype] += 1

    def _arguments(self, gold: GoldEvent, predicted: list[Event], types: set[str]) -> None:
        ev = max((e for e in predicted if e.event in types), key=lambda e: e.confidence)
        actor_ok, recip_ok = _countries_ok(gold, ev)
        if actor_ok is not None:
            self.actor.append(actor_ok)
        if recip_ok is not None:
            self.recipient.append(recip_ok)
        self.sector.extend(_sectors_ok(gold, ev))

    def add_outside(self, events: list[Event]) -> None:
        for ev in {e.event for e in events}:
            self.fp[ev] += 1
        self.spurious += len(events)


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "support": tp + fn}


def _ratio(values: list[bool]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def _first_choice(scope: _Scope) -> int:
    """Golds of the scope whose type one of its n most confident events has (n golds, each
    event used once): the coder's own answer, where ``accuracy`` lets any event count."""
    ranked = sorted(scope.predicted, key=lambda e: -e.confidence)[:len(scope.golds)]
    found = 0
    for gold in scope.golds:
        hit = next((e for e in ranked if e.event in gold.types), None)
        if hit is not None:
            ranked.remove(hit)
            found += 1
    return found


def _type_report(t: _Tally) -> dict[str, Any]:
    types = sorted(set(t.tp) | set(t.fp) | set(t.fn))
    per_type = {k: _prf(t.tp[k], t.fp[k], t.fn[k]) for k in types}
    gold_types = [k for k in types if t.tp[k] + t.fn[k]]
    macro = sum(per_type[k]["f1"] for k in gold_types) / len(gold_types) if gold_types else 0.0
    return {
        "accuracy": round(t.correct_units / t.gold_units, 4) if t.gold_units else 0.0,
        "first_choice_accuracy": round(t.first_choice / t.gold_units, 4) if t.gold_units
        else 0.0,
        "macro_f1": round(macro, 4),
        "per_type": per_type,
        "confusion": {g: dict(c) for g, c in sorted(t.confusion.items())},
    }


# ---------------------------------------------------------------- event level


def _date_ok(gold: str | None, ev: Event) -> bool:
    if not gold:
        return True
    if not ev.date:
        return False
    precision = {1: "year", 2: "month", 3: "day"}[len(gold.split("-"))]
    rank = {"year": 1, "month": 2, "day": 3}
    if rank.get(ev.date_precision or "day", 3) < rank[precision]:
        return False
    return ev.date[: len(gold)] == gold


def _event_match(gold: GoldEvent, ev: Event, with_date: bool) -> bool:
    if ev.event not in gold.types:
        return False
    actor_ok, recip_ok = _countries_ok(gold, ev)
    if actor_ok is False or recip_ok is False:
        return False
    return _date_ok(gold.date, ev) if with_date else True


def _match(golds: Sequence[GoldEvent], events: Sequence[Event], with_date: bool,
           record: GoldRecord | None = None) -> list[tuple[GoldEvent, Event]]:
    """Greedy one-to-one matching: required gold first; for each, events from the gold's
    own sentence first, then the rest; most confident events first."""
    pairs = []
    free = sorted(events, key=lambda e: -e.confidence)
    for gold in sorted(golds, key=lambda g: not g.required):
        span = _span(record, gold) if record is not None else None
        ordered = sorted(free, key=lambda e: not _in_span(e, span))
        for ev in ordered:
            if _event_match(gold, ev, with_date):
                pairs.append((gold, ev))
                free.remove(ev)
                break
    return pairs


def _distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _place_ok(place: dict[str, Any], ev: Event) -> bool:
    loc = ev.event_loc
    if loc is None:
        return False
    name = str(place.get("name", "")).lower()
    if name and loc.resolved_place and loc.resolved_place.lower() == name:
        return True
    if None in (loc.lat, loc.lon) or "lat" not in place or "lon" not in place:
        return False
    return _distance_km((place["lat"], place["lon"]), (loc.lat, loc.lon)) <= 25.0  # type: ignore[arg-type]


class _EventTally:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0
        self.dates: list[bool] = []
        self.places: list[bool] = []

    def add(self, record: GoldRecord, events: Sequence[Event]) -> None:
        usable = [e for e in events if not (set(e.aux) & EXCLUDED_AUX)]
        pairs = _match(record.events, usable, with_date=True, record=record)
        matched_required = sum(1 for g, _ in pairs if g.required)
        self.tp += matched_required
        self.fn += sum(1 for g in record.events if g.required) - matched_required
        self.fp += len(usable) - len(pairs)
        for gold, ev in _match(record.events, usable, with_date=False, record=record):
            if gold.date:
                self.dates.append(_date_ok(gold.date, ev))
            if gold.place:
                self.places.append(_place_ok(gold.place, ev))

    def report(self) -> dict[str, Any]:
        prf = _prf(self.tp, self.fp, self.fn)
        return {"events": {k: prf[k] for k in ("precision", "recall", "f1")} | {
                    "matched": self.tp, "gold": self.tp + self.fn, "produced_unmatched": self.fp},
                "date_accuracy": _ratio(self.dates), "location_accuracy": _ratio(self.places),
                "dated_pairs": len(self.dates), "placed_pairs": len(self.places)}


# ---------------------------------------------------------------- entry points


def score(records: Sequence[GoldRecord],
          predictions: Mapping[str, Sequence[Event]]) -> dict[str, Any]:
    """Score coder output (``record id → events``) against gold records."""
    tally, events_tally = _Tally(), _EventTally()
    for record in records:
        events = list(predictions.get(record.id, ()))
        scopes, outside = _scopes(record, events)
        for scope in scopes:
            tally.add_scope(scope)
        tally.add_outside(outside)
        if record.format == "project":
            events_tally.add(record, events)
    report: dict[str, Any] = {
        "records": len(records),
        "gold_events": tally.gold_units,
        "event_type": _type_report(tally),
        "actor_country_accuracy": _ratio(tally.actor),
        "recipient_country_accuracy": _ratio(tally.recipient),
        "sector_accuracy": _ratio(tally.sector),
        "records_without_event": tally.no_event,
        "events_without_gold": tally.spurious,
    }
    if any(r.format == "project" for r in records):
        report.update(events_tally.report())
    return report


def evaluate_records(records: Sequence[GoldRecord],
                     code: Callable[[str, date | None], list[Event]]) -> dict[str, Any]:
    """Code every gold text with ``code(text, published)`` and score the result."""
    predictions = {r.id: code(r.text, r.published) for r in records}
    return score(records, predictions)
