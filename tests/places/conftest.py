"""Hand-built inputs for the place tests: parse a text, resolve its actors, make an event."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from dotterel.places import Placer
from dotterel.records import Document, Event, TextInfo, make_doc_id


@pytest.fixture(scope="session")
def placer() -> Placer:
    return Placer()


@pytest.fixture(scope="session")
def parse(pipeline) -> Callable[[str], Doc]:  # type: ignore[no-untyped-def]
    """Parse a text and resolve its actors, as the pipeline does before the place stage."""

    def run(text: str) -> Doc:
        doc = pipeline.nlp(text)
        pipeline.resolver(doc)
        return doc

    return run


def make_event(doc: Doc, trigger: str, event_type: str = "CONSULT", occurrence: int = 0,
               actor_codes: tuple[str, ...] | None = None) -> Event:
    """An event whose trigger is the ``occurrence``-th ``trigger`` in the Doc.

    Actors are the Doc's actor entities of the trigger's sentence unless
    ``actor_codes`` picks them by code.
    """
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(trigger, start + 1)
    span = doc.char_span(start, start + len(trigger), alignment_mode="expand")
    assert span is not None, trigger
    sent = span.sent
    actors = tuple(e for e in doc._.actors or () if sent.start_char <= e.start < sent.end_char)
    if actor_codes is not None:
        actors = tuple(e for e in actors if e.code in actor_codes)
    info = TextInfo(0, sent.start_char, sent.end_char, span.start_char, span.end_char)
    return Event(id="e1", doc_id=make_doc_id(doc.text), event=event_type, actor=actors,
                 recipient=(), mode=(), context=(), aux=(), cameo="", quad_class=1,
                 goldstein=0.0, plover_score=0.0, event_text=trigger, text=sent.text,
                 text_info=info, confidence=1.0, coder="test")


@pytest.fixture(scope="session")
def locate(parse, placer) -> Callable[..., Event]:  # type: ignore[no-untyped-def]
    """Run the place stage on one hand-made event; return the located event."""

    def run(text: str, trigger: str, event_type: str = "CONSULT", occurrence: int = 0,
            actor_codes: tuple[str, ...] | None = None) -> Event:
        doc = parse(text)
        event = make_event(doc, trigger, event_type, occurrence, actor_codes)
        document = Document(doc_id=event.doc_id, text=text)
        return placer(doc, [event], document)[0]

    return run
