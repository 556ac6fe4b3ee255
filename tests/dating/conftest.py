"""Helpers for the dating tests: code a text end to end, or date one chosen word.

``coded`` runs the whole pipeline (real spaCy parse, actors, events) and returns
the event whose trigger contains a given word.  ``dated`` parses the text with
the same pipeline and dates a hand-placed trigger, so that attachment rules are
tested even where the event coder would code the sentence differently.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from dotterel.dating import date_events
from dotterel.records import Event, TextInfo

Coded = Callable[..., Event]


def _pick(events: list[Event], trigger: str, nth: int = 0) -> Event:
    hits = [e for e in events if trigger.lower() in e.event_text.lower()]
    if len(hits) <= nth:
        found = ", ".join(f"{e.event}:{e.event_text!r}" for e in events) or "no events"
        pytest.fail(f"no event with trigger {trigger!r} (found {found}); "
                    "has the event coder stopped coding this sentence?")
    return hits[nth]


@pytest.fixture(scope="session")
def coded(pipeline) -> Coded:
    def code(text: str, published: date | None, trigger: str, nth: int = 0) -> Event:
        return _pick(pipeline.code_text(text, published), trigger, nth)

    return code


def make_event(text: str, trigger: str, aux: tuple[str, ...] = (), nth: int = 0) -> Event:
    """An event whose trigger is the ``nth`` occurrence of ``trigger`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(trigger, start + 1)
    end = start + len(trigger)
    return Event(
        id="t", doc_id="d", event="CONSULT", actor=(), recipient=(), mode=(), context=(),
        aux=aux, cameo="040", quad_class=1, goldstein=1.0, plover_score=0.0,
        event_text=trigger, text=text, text_info=TextInfo(0, 0, len(text), start, end),
        confidence=1.0, coder="test",
    )


@pytest.fixture(scope="session")
def dated(pipeline) -> Coded:
    def date_word(text: str, published: date | None, trigger: str,
                  aux: tuple[str, ...] = (), nth: int = 0) -> Event:
        doc = pipeline.nlp(text)
        return date_events(doc, [make_event(text, trigger, aux, nth)], published)[0]

    return date_word
