"""Hand-built events with known answers, stores holding them, and one demo store per session."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from dotterel.ontology import load_ontology
from dotterel.records import Document, Entity, Event, Location, TextInfo
from dotterel.settings import Settings, load_settings
from dotterel.store import Coded, Store

CODER_VERSION = "test-1"
NAGATO = Location("Nagato", "Nagato", "JPN", 34.37, 131.18, "city", "city", "sentence")


@dataclass(frozen=True)
class Spec:
    """One hand-built event: a one-sentence document and the event coded from it."""

    n: int
    event: str
    sentence: str
    trigger: str
    actors: tuple[tuple[str, str, str], ...]  # (code, sector, text as written)
    recipients: tuple[tuple[str, str, str], ...] = ()
    date: str | None = None
    aux: tuple[str, ...] = ()
    loc: Location | None = None
    confidence: float = 0.8


RUS, JPN = ("RUS", "GOV", "Russia"), ("JPN", "GOV", "Japan")
# The events the query, dyad, export and CLI tests are checked against.
SPECS = (
    Spec(1, "CONSULT", "Putin visited Japan for talks in Nagato.", "visited",
         (("RUS", "GOV", "Putin"),), (("JPN", "GOV", "Japan"),), "2016-12-15", loc=NAGATO,
         confidence=0.9),
    Spec(2, "AGREE", "Japan and Russia agreed to talk about the islands.", "agreed", (JPN, RUS),
         (), "2016-12-16"),
    Spec(3, "COOPERATE", "Japanese firms signed gas deals with Russian firms.", "signed",
         (("JPN", "BUS", "Japanese firms"),), (("RUS", "BUS", "Russian firms"),), "2016-12-16"),
    Spec(4, "ACCUSE", "Japan criticised Russia over missiles on the islands.", "criticised",
         (JPN,), (RUS,), "2017-03-20"),
    Spec(5, "MOBILIZE", "Russian troops deployed missiles on the islands.", "deployed",
         (("RUS", "MIL", "Russian troops"),), (), "2016-11-22"),
    Spec(6, "AGREE", "Russia promised Japan a survey of the islands.", "promised", (RUS,),
         (JPN,), "2017-04"),
    Spec(7, "COOPERATE", "Japan did not deliver aid to Russia.", "deliver", (JPN,), (RUS,),
         "2017-04-27", aux=("negation",)),
    Spec(8, "CONSULT", "Russia might visit Japan next year.", "visit", (RUS,), (JPN,),
         "2018-01-10", aux=("hypothetical",)),
    Spec(9, "SANCTION", "The United States imposed sanctions on Russia.", "imposed sanctions",
         (("USA", "GOV", "The United States"),), (RUS,), "2014-03-17"),
    Spec(10, "COOPERATE", "Russia built a power plant for Japan.", "built", (RUS,), (JPN,),
         "2018"),
    Spec(11, "ACCUSE", "Russia and Japan criticised China.", "criticised", (RUS, JPN),
         (("CHN", "GOV", "China"),), "2017-05-01"),
    Spec(12, "CONSULT", "Russia held talks with Japan.", "held talks", (RUS,), (JPN,), None),
)
# Expected ids of the RUS–JPN dyad (negated and hypothetical excluded).
DYAD_IDS = {1, 2, 3, 4, 6, 10, 12}


def event_id(n: int) -> str:
    return f"doc{n:02d}-0-0"


def ids(*numbers: int) -> set[str]:
    return {event_id(n) for n in numbers}


def _entities(sentence: str, specs: tuple[tuple[str, str, str], ...]) -> tuple[Entity, ...]:
    found = []
    for code, sector, text in specs:
        start = sentence.index(text)
        found.append(Entity(code, sector, text, start, start + len(text), identifier_text=text,
                            rule=f"test:{code}"))
    return tuple(found)


def build_event(spec: Spec) -> Event:
    onto = load_ontology()
    cameo = onto.cameo_codes_for(spec.event)[0]
    t0 = spec.sentence.index(spec.trigger)
    precision = None if spec.date is None else {4: "year", 7: "month", 10: "day"}[len(spec.date)]
    return Event(
        id=event_id(spec.n), doc_id=f"doc{spec.n:02d}", event=spec.event,
        actor=_entities(spec.sentence, spec.actors),
        recipient=_entities(spec.sentence, spec.recipients), mode=(), context=("diplomatic",),
        aux=spec.aux, cameo=cameo, quad_class=onto.quad_class(spec.event),
        goldstein=onto.goldstein(cameo), plover_score=onto.score(spec.event),
        event_text=spec.trigger, text=spec.sentence,
        text_info=TextInfo(0, 0, len(spec.sentence), t0, t0 + len(spec.trigger)),
        confidence=spec.confidence, coder=f"lexicon:test:{spec.n}@{CODER_VERSION}",
        date=spec.date, date_precision=precision,
        date_basis=None if spec.date is None else "explicit",
        date_text=spec.date, event_loc=spec.loc, extra={"how": "direct"},
    )


def build_document(spec: Spec) -> Document:
    return Document(doc_id=f"doc{spec.n:02d}", text=spec.sentence,
                    url=f"https://news.example.invalid/{spec.n}", title=f"Report {spec.n}",
                    publisher="Test Wire", published=date(2019, 1, spec.n),
                    published_basis="metadata", source_path=f"/corpus/{spec.n}.txt")


def hand_batch(specs: tuple[Spec, ...] = SPECS) -> list[Coded]:
    return [Coded(build_document(s), [build_event(s)]) for s in specs]


HAND_EVENTS = {event_id(s.n): build_event(s) for s in SPECS}


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Packaged defaults only: no config file, no environment."""
    return load_settings(environ={}, cwd=tmp_path)


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "empty.duckdb") as opened:
        yield opened


@pytest.fixture(scope="session")
def hand_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database file holding the hand-built events, shared read-only by the session."""
    path = tmp_path_factory.mktemp("hand") / "hand.duckdb"
    with Store(path) as opened:
        opened.add_coded(hand_batch(), CODER_VERSION)
    return path


@pytest.fixture
def hand_store(hand_db: Path):
    with Store(hand_db, read_only=True) as opened:
        yield opened


DEMO_CORPUS = Path(__file__).resolve().parents[2] / "src" / "dotterel" / "data" / "demo" / "corpus"


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    """Six demo reports (three on the Russia–Japan 2+2 of March 2017) in a directory."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in sorted(DEMO_CORPUS.glob("02[0-5]-*.txt")):
        shutil.copy(path, folder / path.name)
    return folder


@dataclass(frozen=True)
class DemoRun:
    out_dir: Path
    db: Path
    stdout: str
    exit_code: int


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    """`dotterel demo` run once per session; its database is shared read-only."""
    from typer.testing import CliRunner

    from dotterel.cli.main import app

    out = tmp_path_factory.mktemp("demo")
    result = CliRunner().invoke(app, ["demo", "--out-dir", str(out)], env={"COLUMNS": "120"})
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return DemoRun(out, out / "demo.duckdb", result.stdout, result.exit_code)
