"""Hand-built reports and events for the deduplication tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dotterel.dedup import Mention, Params, load_rules, mention_from_row
from dotterel.ontology import load_ontology
from dotterel.records import Document, Entity, Event, Location, TextInfo
from dotterel.rows import entity_rows, event_row
from dotterel.settings import Settings, load_settings
from dotterel.store import Coded, Store

RULES = load_rules()
PARAMS = Params()
PLACES = {"Tokyo": "JPN", "Moscow": "RUS", "Sochi": "RUS", "Japan": "JPN", "Russia": "RUS",
          "Washington": "USA", "Beijing": "CHN", "Kyiv": "UKR", "Osaka": "JPN"}
Side = str | tuple[str, str, str]  # "JPN", or (code, name, office) for a named person


def entity(spec: Side) -> Entity:
    if isinstance(spec, str):
        return Entity(spec, "GOV", spec, 0, 3, identifier_text=spec, rule="countries.tsv:1")
    code, name, office = spec
    return Entity(code, "GOV", name, 0, 3, identifier_text=name, office=office,
                  rule="people.tsv:1")


def event(doc: str, n: int, etype: str, actors: tuple[Side, ...],
          recipients: tuple[Side, ...] = (), *, when: str | None = "2017-03-20",
          trigger: str = "met", place: str | None = "Tokyo", aux: tuple[str, ...] = (),
          confidence: float = 0.8, mode: tuple[str, ...] = (), cameo: str | None = None,
          symmetric: bool | None = None, coder: str | None = None) -> Event:
    """One coded event: the ``n``-th of document ``doc``."""
    onto = load_ontology()
    code = cameo or onto.cameo_codes_for(etype)[0]
    precision = None if when is None else {4: "year", 7: "month", 10: "day"}[len(when)]
    text = f"Sentence {n} of {doc}: {trigger}."
    loc = None if place is None else Location(place, place, PLACES.get(place), None, None,
                                              "country" if place in {"Japan", "Russia"}
                                              else "city", "country" if place in
                                              {"Japan", "Russia"} else "city", "sentence")
    return Event(
        id=f"{doc}-{n}-0", doc_id=doc, event=etype, actor=tuple(entity(a) for a in actors),
        recipient=tuple(entity(r) for r in recipients), mode=mode, context=(), aux=aux,
        cameo=code, quad_class=onto.quad_class(etype), goldstein=onto.goldstein(code),
        plover_score=onto.score(etype), event_text=trigger, text=text,
        text_info=TextInfo(n, 0, len(text), 0, len(trigger)), confidence=confidence,
        coder=coder or f"lexicon:{etype.lower()}:{trigger}@test", date=when,
        date_precision=precision, date_basis=None if when is None else "explicit",
        date_text=when, event_loc=loc,
        extra={} if symmetric is None else {"symmetric": symmetric})


def document(doc: str, published: str = "2017-03-21", publisher: str = "Wire A") -> Document:
    return Document(doc, f"text of {doc}", url=f"https://news.invalid/{doc}", title=f"Report {doc}",
                    publisher=publisher, published=date.fromisoformat(published))


def coded(doc: str, *events: Event, published: str = "2017-03-21",
          publisher: str = "Wire A") -> Coded:
    return Coded(document(doc, published, publisher), list(events))


def mention(ev: Event, publisher: str = "Wire A", published: date | None = None) -> Mention:
    """The Mention clustering derives from a stored event."""
    row: dict[str, Any] = event_row(ev)
    row["entities"] = [{"code": e["code"], "sector": e["sector"],
                        "identifier": e["identifier_text"], "office": e["office"],
                        "rule": e["rule"]} for e in entity_rows(ev)]
    row["publisher"], row["published"] = publisher, published or date(2017, 3, 21)
    return mention_from_row(row, RULES)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(environ={}, cwd=tmp_path)


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "dedup.duckdb") as opened:
        yield opened


ABE = ("JPN", "Shinzo Abe", "Prime Minister")
PUTIN = ("RUS", "Vladimir Putin", "President")
KONO = ("JPN", "Taro Kono", "Minister of Foreign Affairs")
LAVROV = ("RUS", "Sergey Lavrov", "Minister of Foreign Affairs")
