"""Text cut into segments by character offsets, for highlighting without raw HTML.

``segments(text, marks)`` splits ``text`` at every mark boundary and says which
roles (actor, trigger, recipient, sentence) and events cover each piece.  The
templates print each piece as escaped text inside a ``<mark>`` of those roles,
so nothing from a document is ever interpreted as markup, and overlapping marks
(a trigger inside its sentence, an actor inside a trigger) nest cleanly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from ..records import Event

__all__ = ["ROLES", "Mark", "event_marks", "segments"]

ROLES = ("sentence", "actor", "recipient", "trigger")


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    role: str
    event_id: str | None = None


def segments(text: str, marks: Iterable[Mark]) -> list[dict[str, Any]]:
    """The pieces of ``text`` between mark boundaries, each with its roles and events."""
    usable = [m for m in marks if 0 <= m.start < m.end <= len(text) and m.role in ROLES]
    cuts = sorted({0, len(text), *(m.start for m in usable), *(m.end for m in usable)})
    return [_segment(text, start, end, usable) for start, end in pairwise(cuts)]


def _segment(text: str, start: int, end: int, marks: Sequence[Mark]) -> dict[str, Any]:
    covering = [m for m in marks if m.start <= start and end <= m.end]
    return {
        "text": text[start:end],
        "start": start,
        "roles": [role for role in ROLES if any(m.role == role for m in covering)],
        "events": list(dict.fromkeys(m.event_id for m in covering if m.event_id)),
        "triggers": list(dict.fromkeys(m.event_id for m in covering
                                       if m.role == "trigger" and m.event_id)),
    }


def event_marks(ev: Event, *, offset: int = 0, sentence: bool = False) -> list[Mark]:
    """An event's actor, recipient and trigger spans (and its sentence), less ``offset``."""
    info = ev.text_info
    marks = [Mark(info.trigger_start - offset, info.trigger_end - offset, "trigger", ev.id)]
    for role in ("actor", "recipient"):
        marks += [Mark(ent.start - offset, ent.end - offset, role, ev.id)
                  for ent in getattr(ev, role)]
    if sentence:
        marks.append(Mark(info.start - offset, info.end - offset, "sentence", ev.id))
    return marks
