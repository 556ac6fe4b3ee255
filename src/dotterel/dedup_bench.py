"""The cost of clustering at scale, on synthetic coded events (``dedup.bench_clustering``).

Synthetic documents report a pool of real-world events the way news does: popular
dyads report more, an event is reported by several outlets over a few days with
different triggers, one side or a coarser date now and then, next to background
events.  They are stored batch by batch with ``Store.add_coded`` and clustered
with ``clusters.update_clusters`` after each batch, exactly as ``dotterel ingest``
does; coding itself is not repeated here but taken as documents per second of the
real pipeline (measured on the demo corpus unless given).
"""

from __future__ import annotations

import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from .ontology import load_ontology
from .records import Document, Entity, Event, Location, TextInfo

__all__ = ["coding_speed", "run_bench", "synthetic_corpus"]

_COUNTRIES = ["USA", "CHN", "RUS", "JPN", "UKR", "GBR", "FRA", "DEU", "IND", "PAK", "IRN",
              "ISR", "TUR", "SYR", "KOR", "PRK", "SAU", "EGY", "BRA", "MEX", "CAN", "AUS",
              "IDN", "NGA", "ZAF", "ETH", "VNM", "PHL", "POL", "ITA"]
_TRIGGERS = {
    "CONSULT": ["met", "held talks", "visited", "summit", "discussed"],
    "AGREE": ["agreed", "pledged", "promised", "agreement"],
    "SUPPORT": ["signed an agreement", "praised", "endorsed"],
    "ACCUSE": ["accused", "criticised", "protested", "condemned"],
    "SANCTION": ["imposed sanctions", "expelled", "froze assets", "imposed tariffs"],
    "ASSAULT": ["struck", "shelled", "fired on", "bombed"],
    "COERCE": ["seized", "arrested", "detained"],
    "THREATEN": ["threatened", "warned"],
    "REQUEST": ["urged", "called on", "demanded"],
    "REJECT": ["rejected", "vetoed", "refused"],
}
_CAPITALS = {code: f"{code.title()} City" for code in _COUNTRIES}
_SYMMETRIC = {"CONSULT", "AGREE"}


def _dyad(rng: random.Random) -> tuple[str, str]:
    """Popular dyads come up far more often (a Zipf-like draw)."""
    a = _COUNTRIES[min(int(rng.paretovariate(1.2)) - 1, len(_COUNTRIES) - 1)]
    b = rng.choice([c for c in _COUNTRIES if c != a])
    return a, b


def _pool(rng: random.Random, size: int, start: date, days: int) -> list[dict[str, Any]]:
    events = []
    for _ in range(size):
        a, b = _dyad(rng)
        etype = rng.choice(list(_TRIGGERS))
        events.append({"type": etype, "a": a, "b": b,
                       "day": start + timedelta(days=rng.randrange(days)),
                       "place": _CAPITALS[rng.choice((a, b))],
                       "people": (f"leader of {a}", f"leader of {b}")})
    return events


def _mention(rng: random.Random, real: dict[str, Any], doc_id: str, seq: int,
             published: date) -> Event:
    onto = load_ontology()
    etype = real["type"]
    cameo = onto.cameo_codes_for(etype)[0]
    trigger = rng.choice(_TRIGGERS[etype])
    actors = [Entity(real["a"], "GOV", real["a"], 0, 3, identifier_text=real["people"][0],
                     rule="people.tsv:1")]
    recipients = [Entity(real["b"], "GOV", real["b"], 4, 7, identifier_text=real["people"][1],
                         rule="people.tsv:2")]
    if rng.random() < 0.2:
        recipients = []  # the coder found one side only
    if etype in _SYMMETRIC:
        actors, recipients = actors + recipients, []
    roll = rng.random()
    day = real["day"]
    when = (day.isoformat(), "day") if roll < 0.8 else (
        (f"{day:%Y-%m}", "month") if roll < 0.95 else (str(day.year), "year"))
    text = f"{real['a']} {trigger} {real['b']}."
    return Event(
        id=f"{doc_id}-{seq}-0", doc_id=doc_id, event=etype, actor=tuple(actors),
        recipient=tuple(recipients), mode=(), context=(), aux=(), cameo=cameo,
        quad_class=onto.quad_class(etype), goldstein=onto.goldstein(cameo),
        plover_score=onto.score(etype), event_text=trigger, text=text,
        text_info=TextInfo(seq, 0, len(text), 4, 4 + len(trigger)),
        confidence=round(rng.uniform(0.4, 0.9), 2), coder=f"bench:{etype}@bench",
        date=when[0], date_precision=when[1], date_basis="explicit", date_text=when[0],
        event_loc=Location(real["place"], real["place"], real["a"], None, None, "city", "city",
                           "sentence"),
        extra={"symmetric": etype in _SYMMETRIC})


def synthetic_corpus(n_docs: int, seed: int = 7) -> list[Any]:
    """``n_docs`` Coded documents, about four events each, over five years."""
    from .store import Coded

    rng = random.Random(seed)
    start, days = date(2015, 1, 1), 5 * 365
    pool = _pool(rng, max(10, int(n_docs * 1.5)), start, days)
    by_day = sorted(pool, key=lambda e: e["day"])
    corpus = []
    for number in range(n_docs):
        main = by_day[min(len(by_day) - 1, int(number / n_docs * len(by_day)))]
        published = main["day"] + timedelta(days=rng.randrange(3))
        doc_id = f"bench{number:07d}"
        chosen = [main] + [rng.choice(pool) for _ in range(rng.randrange(1, 6))]
        events = [_mention(rng, real, doc_id, seq, published) for seq, real in enumerate(chosen)]
        document = Document(doc_id, f"synthetic report {number}", title=f"Report {number}",
                            publisher=f"Outlet {rng.randrange(40)}", published=published)
        corpus.append(Coded(document, events))
    return corpus


def coding_speed(settings: Any = None) -> float:
    """Documents per second of the real pipeline on the bundled demo corpus."""
    from .demo import demo_corpus
    from .ingest import ReadReport, read_sources
    from .pipeline import get_pipeline
    from .settings import load_settings

    settings = settings or load_settings()
    docs = list(read_sources([demo_corpus()], settings, report=ReadReport()))
    pipeline = get_pipeline(settings)
    list(pipeline.pipe(docs[:10]))  # warm up
    started = time.perf_counter()
    list(pipeline.pipe(docs))
    return len(docs) / (time.perf_counter() - started)


def run_bench(n_docs: int, *, coding_docs_per_s: float | None = None, batch_size: int = 32,
              seed: int = 7) -> dict[str, Any]:
    from .clusters import update_clusters
    from .settings import load_settings
    from .store import Store

    settings = load_settings(environ={})
    corpus = synthetic_corpus(n_docs, seed)
    speed = coding_docs_per_s or coding_speed(settings)
    storing = clustering = 0.0
    slowest = 0.0
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:
        for first in range(0, len(corpus), batch_size):
            t0 = time.perf_counter()
            store.add_coded(corpus[first:first + batch_size], "bench")
            t1 = time.perf_counter()
            update_clusters(store, settings, final=False)
            t2 = time.perf_counter()
            storing, clustering = storing + t1 - t0, clustering + t2 - t1
            slowest = max(slowest, t2 - t1)
        t0 = time.perf_counter()
        update_clusters(store, settings)
        clustering += time.perf_counter() - t0
        t0 = time.perf_counter()
        update_clusters(store, settings, rebuild=True)
        rebuild = time.perf_counter() - t0
        counts = store.rows("SELECT count(*) AS clusters, sum(num_mentions) AS mentions, "
                            "max(num_mentions) AS largest FROM event_clusters")[0]
    coding = n_docs / speed
    pipeline = coding + storing + clustering
    return {
        "documents": n_docs, "mentions": int(counts["mentions"]),
        "clusters": int(counts["clusters"]), "largest_cluster": int(counts["largest"]),
        "batches": -(-n_docs // batch_size), "coding_docs_per_s": round(speed, 1),
        "coding_seconds": round(coding, 2), "storing_seconds": round(storing, 2),
        "clustering_seconds": round(clustering, 2), "slowest_batch_seconds": round(slowest, 3),
        "rebuild_seconds": round(rebuild, 2),
        "clustering_share": round(clustering / pipeline, 4),
    }
