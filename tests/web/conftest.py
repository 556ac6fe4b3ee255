"""The demo store built once per session, a client over it, and a store of hostile text."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dotterel.ontology import load_ontology
from dotterel.records import Document, Entity, Event, TextInfo
from dotterel.store import Coded, Store
from dotterel.web import create_app

# Text that must never reach a page as markup.
HOSTILE_TEXT = ('Japan <script>alert("pwned")</script> criticised Russia & "friends" '
                "over <img src=x onerror=alert(1)> the islands.")
HOSTILE_DOC = "hostiledoc"


@pytest.fixture(scope="session")
def demo_store(demo_db: Path):
    with Store(demo_db, read_only=True) as store:
        yield store


@pytest.fixture(scope="session")
def client(demo_store: Store) -> TestClient:
    return TestClient(create_app(demo_store))


def fingerprint(path: Path) -> dict[str, Any]:
    """The file's bytes, its row counts and a checksum of the rows, for "nothing changed"."""
    with Store(path, read_only=True) as store:
        sums = {table: store.rows(f"SELECT md5(string_agg(CAST(t AS VARCHAR), '|' ORDER BY "
                                  f"CAST(t AS VARCHAR))) AS s FROM {table} t")[0]["s"]
                for table in ("documents", "events", "event_entities")}
        counts = store.counts()
    return {"sha256": hashlib.sha256(path.read_bytes()).hexdigest(), "counts": counts,
            "rows": sums, "wal": path.with_name(path.name + ".wal").exists()}


@pytest.fixture(scope="session")
def demo_fingerprint(demo_db: Path) -> dict[str, Any]:
    return fingerprint(demo_db)


def _hostile_event() -> Event:
    onto = load_ontology()
    cameo = onto.cameo_codes_for("ACCUSE")[0]
    t0 = HOSTILE_TEXT.index("criticised")
    r0 = HOSTILE_TEXT.index("Russia")
    return Event(
        id=f"{HOSTILE_DOC}-0-0", doc_id=HOSTILE_DOC, event="ACCUSE",
        actor=(Entity("JPN", "GOV", "Japan", 0, 5),),
        recipient=(Entity("RUS", "GOV", "Russia", r0, r0 + 6),), mode=(), context=(),
        aux=(), cameo=cameo, quad_class=onto.quad_class("ACCUSE"),
        goldstein=onto.goldstein(cameo), plover_score=onto.score("ACCUSE"),
        event_text="criticised", text=HOSTILE_TEXT,
        text_info=TextInfo(0, 0, len(HOSTILE_TEXT), t0, t0 + len("criticised")),
        confidence=0.8, coder="lexicon:test:1@test", date="2017-03-20", date_precision="day",
        date_basis="explicit", date_text="2017-03-20",
    )


@pytest.fixture(scope="session")
def hostile_client(tmp_path_factory: pytest.TempPathFactory):
    """A client over a store whose one document is full of markup and a javascript: URL."""
    path = tmp_path_factory.mktemp("hostile") / "hostile.duckdb"
    doc = Document(doc_id=HOSTILE_DOC, text=HOSTILE_TEXT, url="javascript:alert(1)",
                   title='<b onmouseover="alert(2)">Bold</b> claims', publisher="<i>Wire</i>",
                   published=date(2017, 3, 21))
    with Store(path) as store:
        store.add_coded([Coded(doc, [_hostile_event()])], "test")
    with Store(path, read_only=True) as store:
        yield TestClient(create_app(store))
