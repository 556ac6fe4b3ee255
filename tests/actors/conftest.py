"""Shared helpers for the actor tests: resolve a hand-written sentence with the real
pipeline's spaCy model and actor resolver, and look entities up by the words they cover."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest

from dotterel.records import Entity


@dataclass
class Resolved:
    text: str
    actors: list[Entity]
    places: list[Entity]

    def at(self, words: str, nth: int = 0) -> set[tuple[str, str]]:
        """(code, sector) of the actors overlapping the ``nth`` occurrence of ``words``."""
        return {(e.code, e.sector) for e in self.actors_at(words, nth)}

    def actors_at(self, words: str, nth: int = 0) -> list[Entity]:
        start = -1
        for _ in range(nth + 1):
            start = self.text.index(words, start + 1)
        end = start + len(words)
        return [e for e in self.actors if e.start < end and start < e.end]

    def places_at(self, words: str) -> set[str]:
        start = self.text.index(words)
        end = start + len(words)
        return {e.code for e in self.places if e.start < end and start < e.end}


Resolve = Callable[..., Resolved]


@pytest.fixture(scope="session")
def resolver(pipeline):  # type: ignore[no-untyped-def]
    return pipeline.resolver


@pytest.fixture(scope="session")
def resolve(pipeline) -> Resolve:  # type: ignore[no-untyped-def]
    """``resolve(text, "2016-12-16")``: the text's actors and places."""

    def run(text: str, when: str | None = None, publisher: str | None = None) -> Resolved:
        doc = pipeline.nlp(text)
        pipeline.resolver(doc, date.fromisoformat(when) if when else None, publisher)
        return Resolved(text, list(doc._.actors), list(doc._.places))

    return run
