"""The place stage: locate each event (``event_loc``)."""

from __future__ import annotations

from spacy.tokens import Doc

from .records import Document, Event

__all__ = ["Placer"]


class Placer:
    """Resolves event locations; events keep ``event_loc=None`` where none is found."""

    def __call__(self, doc: Doc, events: list[Event], document: Document) -> list[Event]:
        return events
