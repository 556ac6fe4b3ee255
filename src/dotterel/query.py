"""Which events a question is about: ``EventFilter`` and the SQL condition it becomes.

Every value reaches DuckDB as a ``?`` parameter; only fixed SQL text is joined.
An actor code is a PLOVER code (``RUS``) or a code with its sector (``RUSGOV``,
``RUS:GOV``).  A dyad ``(A, B)`` holds an event when one side has A and the
other B, in either direction, or when A and B are both among the actors of a
reciprocal event (one without recipients: a meeting of peers).  Negated and
hypothetical events are left out unless ``include_negated`` is set.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .errors import ConfigError
from .ontology import QUAD_NAMES, load_ontology

__all__ = ["NOT_FACTUAL", "EventFilter", "parse_actor"]

NOT_FACTUAL = ("negation", "hypothetical")


def parse_actor(value: str) -> tuple[str, str | None]:
    """``RUS`` → (RUS, None); ``RUSGOV`` or ``RUS:GOV`` → (RUS, GOV)."""
    text = value.strip().upper()
    if ":" in text:
        code, _, sector = text.partition(":")
        return code, sector or None
    if len(text) == 6 and text.isalpha():
        return text[:3], text[3:]
    if not text:
        raise ConfigError("an actor code is empty; use a PLOVER code such as RUS or RUSGOV")
    return text, None


def as_date(value: date | str | None, name: str) -> date | None:
    """A date, or an ISO date string, checked; ``name`` says which option it was."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"{name}: expected a date as YYYY-MM-DD, got {value!r}") from None


def _side(role: str, actor: str) -> tuple[str, list[Any]]:
    """SQL for "an entity in ``role`` has this code (and sector)"."""
    code, sector = parse_actor(actor)
    if sector is None:
        return f"list_contains(e.{role}_codes, ?)", [code]
    return ("EXISTS (SELECT 1 FROM event_entities x WHERE x.event_id = e.id AND x.role = ? "
            "AND x.code = ? AND (x.sector = ? OR list_contains(x.other_sectors, ?)))",
            [role, code, sector, sector])


def _dyad(a: str, b: str) -> tuple[str, list[Any]]:
    parts = [(_side("actor", a), _side("recipient", b)), (_side("actor", b), _side("recipient", a)),
             (_side("actor", a), _side("actor", b))]
    sql, params = [], []
    for index, (left, right) in enumerate(parts):
        extra = " AND len(e.recipient_codes) = 0" if index == 2 else ""
        sql.append(f"({left[0]} AND {right[0]}{extra})")
        params += left[1] + right[1]
    return "(" + " OR ".join(sql) + ")", params


@dataclass(frozen=True, slots=True)
class EventFilter:
    """The conditions of an events query; empty fields do not filter."""

    actor: str | None = None
    recipient: str | None = None
    dyad: tuple[str, str] | None = None
    types: tuple[str, ...] = ()
    quad: int | None = None
    since: date | None = None
    until: date | None = None
    include_negated: bool = False
    doc_id: str | None = None
    ids: tuple[str, ...] = field(default=())

    @classmethod
    def of(cls, *, types: str | Sequence[str] = (), since: date | str | None = None,
           until: date | str | None = None, dyad: Sequence[str] | None = None,
           ids: Sequence[str] = (), **rest: Any) -> EventFilter:
        """Build and check a filter from loose values (strings, single type names)."""
        unknown = sorted(set(rest) - _LOOSE_FIELDS)
        if unknown:
            raise ConfigError(f"unknown event filter {', '.join(unknown)}; use "
                              + ", ".join(sorted(_LOOSE_FIELDS | {"types", "since", "until",
                                                                  "dyad", "ids"})))
        kinds = (types,) if isinstance(types, str) else tuple(types)
        pair = None if dyad is None else tuple(dyad)
        if pair is not None and len(pair) != 2:
            raise ConfigError(f"a dyad is two actor codes, got {list(pair)!r}")
        made = cls(types=tuple(t.upper() for t in kinds), since=as_date(since, "since"),
                   until=as_date(until, "until"), dyad=pair, ids=tuple(ids), **rest)
        made.check()
        return made

    def check(self) -> None:
        """Raise ConfigError for an unknown event type or quad class."""
        known = load_ontology().types
        for name in self.types:
            if name not in known:
                raise ConfigError(f"unknown PLOVER event type {name!r}; use one of "
                                  + ", ".join(known))
        if self.quad is not None and self.quad not in QUAD_NAMES:
            raise ConfigError(f"quad class must be 1, 2, 3 or 4, got {self.quad!r}")

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition over the ``events`` table aliased ``e``, and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        for sql, values in self._parts():
            clauses.append(sql)
            params += values
        return (" AND ".join(clauses) or "TRUE"), params

    def _parts(self) -> list[tuple[str, list[Any]]]:
        parts: list[tuple[str, list[Any]]] = []
        if self.actor:
            parts.append(_side("actor", self.actor))
        if self.recipient:
            parts.append(_side("recipient", self.recipient))
        if self.dyad:
            parts.append(_dyad(*self.dyad))
        if self.types:
            parts.append(("list_contains(?, e.event)", [list(self.types)]))
        if self.quad is not None:
            parts.append(("e.quad_class = ?", [self.quad]))
        if self.since:
            parts.append(("e.date_start >= ?", [self.since]))
        if self.until:
            parts.append(("e.date_start <= ?", [self.until]))
        if not self.include_negated:
            parts.append(("NOT list_has_any(e.aux, ?)", [list(NOT_FACTUAL)]))
        if self.doc_id:
            parts.append(("e.doc_id = ?", [self.doc_id]))
        if self.ids:
            parts.append(("list_contains(?, e.id)", [list(self.ids)]))
        return parts


_LOOSE_FIELDS = {"actor", "recipient", "quad", "include_negated", "doc_id"}
