"""The pipeline: compose the stages into one per-document function.

``Pipeline.pipe`` parses documents in batches with spaCy and runs the actor,
event, dating and place stages on each parsed Doc.  The batch runner, the
store's ingest and the Dask workers all call it, so a document's events never
depend on how they were produced.  Time spent per stage is kept in ``timings``.
"""

from __future__ import annotations

import gc
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from .actordata import load_actor_data
from .actors import ActorResolver
from .dating import date_events
from .events import EventCoder
from .lexicon import load_lexicon
from .nlp import keep_text, load_nlp
from .ontology import load_ontology
from .places import Placer
from .records import Document, Event
from .settings import Settings, load_settings

__all__ = ["Pipeline", "get_pipeline"]


class Pipeline:
    def __init__(self, settings: Settings | None = None, nlp: Language | None = None) -> None:
        self.settings = settings or load_settings()
        self.nlp = nlp or load_nlp(self.settings.model)
        actor_data = load_actor_data(tuple(self.settings.actors))
        self.resolver = ActorResolver(self.nlp, actor_data)
        self.coder = EventCoder(load_lexicon(tuple(self.settings.lexicon)), load_ontology(),
                                country_modifiers(actor_data))
        self.placer = Placer()
        self.timings: dict[str, float] = defaultdict(float)

    @property
    def version(self) -> str:
        return self.coder.version

    def pipe(self, documents: Iterable[Document]) -> Iterator[tuple[Document, list[Event]]]:
        """Yield ``(document, events)`` for each document, parsing in batches."""
        batch = max(1, int(self.settings.batch_size))
        stream = self.nlp.pipe(((d.text, d) for d in documents), as_tuples=True, batch_size=batch)
        while True:
            t0 = time.perf_counter()
            try:
                doc, document = next(stream)
            except StopIteration:
                return
            self.timings["parse"] += time.perf_counter() - t0
            yield document, self.code_parsed(doc, document)

    def code_parsed(self, doc: Doc, document: Document) -> list[Event]:
        """Run the stages after parsing on one Doc (the parse of ``document.text``)."""
        keep_text(doc, document.text)
        t0 = time.perf_counter()
        self.resolver(doc, document.published, document.publisher)
        t1 = time.perf_counter()
        events = self.coder(doc, document.doc_id, document.published)
        t2 = time.perf_counter()
        events = date_events(doc, events, document.published)
        t3 = time.perf_counter()
        events = self.placer(doc, events, document)
        t4 = time.perf_counter()
        self.timings["actors"] += t1 - t0
        self.timings["events"] += t2 - t1
        self.timings["dating"] += t3 - t2
        self.timings["places"] += t4 - t3
        return events

    def code(self, document: Document) -> list[Event]:
        return next(iter(self.pipe([document])))[1]

    def code_text(self, text: str, published: date | None = None) -> list[Event]:
        from .ingest import read_text

        return self.code(read_text(text, published=published))


def country_modifiers(data: object) -> dict[str, str]:
    """Demonyms, country and capital names that say whose something is: form -> code."""
    out: dict[str, str] = {}
    for form, candidates in getattr(data, "names", {}).items():
        kinds = {c.kind for c in candidates}
        if kinds & {"demonym", "country", "capital"} and len({c.code for c in candidates}) == 1:
            out[form] = candidates[0].code
    return out


_CACHE: dict[tuple, Pipeline] = {}


def get_pipeline(settings: Settings | None = None) -> Pipeline:
    """One Pipeline per process and configuration (the NLP model loads once).

    With ``freeze_heap`` (the default) the objects alive once it is built -- the model,
    the actor data, the gazetteer, some hundred thousand of them, alive for the rest of
    the process -- are moved out of the garbage collector's reach (``gc.freeze``), so
    that its full collections stop walking them over and over while documents are coded
    (they were a fifth of the actor stage's time).  Set it off when embedding dotterel in
    a process that should keep Python's default collector behaviour.
    """
    settings = settings or load_settings()
    key = (settings.model, tuple(settings.actors), tuple(settings.lexicon), settings.batch_size)
    if key not in _CACHE:
        _CACHE[key] = Pipeline(settings)
        if settings.freeze_heap:
            gc.collect()
            gc.freeze()
    return _CACHE[key]
