"""Gold data for evaluation: the PLOVER gold-standard format and the project's own.

PLOVER format: a JSON list of records with ``text``, ``event``, ``source`` and
``target`` lists of ``{actorText, code, sector}``; ``DOCUMENT`` records are
skipped, and PLOVER 0.5 labels and old codes are remapped through
``data/eval/plover05_remap.tsv``.

Project format (JSONL, one document per line; see eval/gold/README.md): ``id``,
``text``, ``published`` and ``events``, each with ``event``, optional ``alt``,
``actor``/``recipient`` code lists, ``date`` (YYYY, YYYY-MM or YYYY-MM-DD),
optional ``place``, ``aux``, ``sentence`` and ``required``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from .datafiles import data_path, read_tsv
from .errors import GoldFormatError

__all__ = ["GoldEvent", "GoldRecord", "read_gold"]

AUX_NAMES = {"negated": "negation"}


@dataclass(frozen=True)
class GoldEvent:
    event: str
    actor: tuple[str, ...]
    recipient: tuple[str, ...] = ()
    alt: tuple[str, ...] = ()
    actor_sector: str | None = None
    recipient_sector: str | None = None
    date: str | None = None
    aux: tuple[str, ...] = ()
    place: dict[str, Any] | None = field(default=None, compare=False)
    sentence: str | None = None
    required: bool = True

    @property
    def types(self) -> set[str]:
        return {self.event, *self.alt}


@dataclass(frozen=True)
class GoldRecord:
    id: str
    text: str
    published: date | None
    events: tuple[GoldEvent, ...]
    format: str  # "plover" or "project"


@lru_cache(maxsize=1)
def _remap() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {"event": {}, "country": {}, "code": {}}
    for _, row in read_tsv(data_path("eval", "plover05_remap.tsv"), ["kind", "old", "new", "note"]):
        table[row["kind"]][row["old"]] = row["new"]
    return table


def _plover_code(raw: str | None) -> str | None:
    if not raw:
        return None
    code = raw.strip().upper()[:3]
    remap = _remap()
    for kind in ("country", "code"):
        if code in remap[kind]:
            return remap[kind][code] or None
    return code


def _plover_sector(raw: str | None) -> str | None:
    if not raw or not raw[:3].isalpha():
        return None
    sector = raw[:3].upper()
    return {"CIV": "CVL"}.get(sector, sector)


def _plover_actors(raw: Any) -> tuple[tuple[str, ...], str | None]:
    if not isinstance(raw, list):
        return (), None
    items = [a for a in raw if isinstance(a, dict)]
    codes = [c for c in (_plover_code(a.get("code")) for a in items) if c]
    sector = _plover_sector(items[0].get("sector")) if items else None
    return tuple(dict.fromkeys(codes)), sector


def _plover_record(path: Path, index: int, rec: Any) -> GoldRecord | None:
    if not isinstance(rec, dict):
        raise GoldFormatError(path, f"record {index} is not a JSON object")
    label = str(rec.get("event", ""))
    if label == "DOCUMENT":
        return None
    if not rec.get("text") or not label:
        raise GoldFormatError(path, f"record {index} ({rec.get('id')}) lacks text or event")
    event = _remap()["event"].get(label, label)
    actor, actor_sector = _plover_actors(rec.get("source"))
    recipient, recipient_sector = _plover_actors(rec.get("target"))
    gold = GoldEvent(event, actor, recipient, actor_sector=actor_sector,
                     recipient_sector=recipient_sector)
    return GoldRecord(str(rec.get("id", index)), rec["text"], None, (gold,), "plover")


def read_plover_gold(path: Path, data: list[Any]) -> list[GoldRecord]:
    records = [_plover_record(path, i, rec) for i, rec in enumerate(data)]
    return [r for r in records if r is not None]


def _project_event(path: Path, line: int, raw: Any) -> GoldEvent:
    if not isinstance(raw, dict) or "event" not in raw or "actor" not in raw:
        raise GoldFormatError(path, "each event needs at least `event` and `actor`", line)
    try:
        when = raw.get("date")
        if when:
            _check_date(str(when))
        return GoldEvent(
            event=str(raw["event"]), actor=tuple(raw["actor"]),
            recipient=tuple(raw.get("recipient") or ()), alt=tuple(raw.get("alt") or ()),
            actor_sector=raw.get("actor_sector") or None,
            recipient_sector=raw.get("recipient_sector") or None,
            date=str(when) if when else None,
            aux=tuple(AUX_NAMES.get(a, a) for a in raw.get("aux") or ()),
            place=raw.get("place"), sentence=raw.get("sentence"),
            required=bool(raw.get("required", True)),
        )
    except (TypeError, ValueError) as exc:
        raise GoldFormatError(path, f"bad event field ({exc})", line) from None


def _check_date(value: str) -> None:
    parts = value.split("-")
    if len(parts) not in (1, 2, 3):
        raise ValueError(f"date {value!r} must be YYYY, YYYY-MM or YYYY-MM-DD")
    padded = parts + ["01"] * (3 - len(parts))
    date(int(padded[0]), int(padded[1]), int(padded[2]))


def read_project_gold(path: Path, lines: list[str]) -> list[GoldRecord]:
    records = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldFormatError(path, f"not valid JSON ({exc.msg})", number) from None
        if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
            raise GoldFormatError(path, "each line needs a `text` string", number)
        try:
            published = date.fromisoformat(raw["published"]) if raw.get("published") else None
        except ValueError:
            raise GoldFormatError(path, "`published` must be YYYY-MM-DD", number) from None
        events = tuple(_project_event(path, number, e) for e in raw.get("events") or ())
        records.append(GoldRecord(str(raw.get("id", number)), raw["text"], published, events,
                                  "project"))
    return records


def read_gold(path: str | Path) -> list[GoldRecord]:
    """Read a gold file in either format (a JSON list is PLOVER, JSON lines the project's)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GoldFormatError(path, f"cannot read gold file ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise GoldFormatError(path, "gold file is not UTF-8 text") from None
    if text.lstrip().startswith("["):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise GoldFormatError(path, f"not valid JSON ({exc.msg})", exc.lineno) from None
        return read_plover_gold(path, data)
    return read_project_gold(path, text.splitlines())
