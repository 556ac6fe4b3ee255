"""Filling the store: ``ingest`` new documents, ``recode`` stored ones.

``ingest`` reads sources, drops documents already stored (by ``doc_id``, the
hash of the text) *before* they are parsed, codes the rest with the pipeline and
writes them ``batch_size`` at a time, each batch one transaction.  A run killed
at any moment leaves whole documents only, and the next run codes the rest: it is
idempotent and resumable.  A run that finds nothing new never loads spaCy.

``recode`` codes the stored texts again with the current coder (no source is
re-read) and replaces their events, one transaction per batch.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, islice
from pathlib import Path
from typing import Any

from .clusters import update_clusters
from .ingest import ReadReport, read_sources
from .records import Document
from .settings import Settings
from .store import Coded, EventChanges, Store

__all__ = ["IngestReport", "RecodeReport", "ingest", "recode"]

logger = logging.getLogger("dotterel.store")


@dataclass
class IngestReport:
    """The tally of one ingest run (``reading`` is the reader's own ReadReport)."""

    reading: ReadReport = field(default_factory=ReadReport)
    already_stored: int = 0
    coded: int = 0  # documents coded so far (``new`` once their batch is committed)
    found: int = 0  # events coded so far
    new: int = 0
    events: int = 0
    batches: int = 0
    coder_version: str | None = None
    seconds: float = 0.0

    @property
    def read(self) -> int:
        return self.reading.read

    @property
    def skipped(self) -> dict[str, int]:
        return dict(self.reading.skipped)

    @property
    def nothing_new(self) -> bool:
        return self.new == 0

    def summary(self) -> str:
        skipped = sum(self.skipped.values())
        reasons = ", ".join(f"{k}: {v}" for k, v in sorted(self.skipped.items()))
        head = (f"read {self.read} documents: {self.new} new, {self.already_stored} already "
                f"stored, {skipped} skipped" + (f" ({reasons})" if reasons else ""))
        if self.nothing_new:
            return head + "; nothing new to store"
        return (head + f"; stored {self.events} events in {self.batches} batches "
                f"with coder {self.coder_version} in {self.seconds:.1f} s")


@dataclass
class RecodeReport:
    documents: int = 0
    changes: EventChanges = field(default_factory=EventChanges)
    batches: int = 0
    coder_version: str | None = None
    seconds: float = 0.0

    def summary(self) -> str:
        c = self.changes
        return (f"recoded {self.documents} documents with coder {self.coder_version}: "
                f"{c.before} events before, {c.after} after; {c.changed} changed "
                f"({c.added} added, {c.removed} removed, {c.modified} modified) "
                f"in {self.seconds:.1f} s")


Progress = Callable[[Any], None]


def ingest(
    paths: Iterable[str | Path],
    settings: Settings,
    store: Store,
    *,
    published: date | None = None,
    progress: Progress | None = None,
    shard_dir: str | Path | None = None,
) -> IngestReport:
    """Read, code and store the documents of ``paths`` that the store does not hold yet.

    With ``workers`` > 0 or a ``scheduler`` the work goes to Dask (``distributed``),
    which writes its Parquet shards to ``shard_dir`` (default: beside the database).
    """
    if settings.workers or settings.scheduler:
        from .distributed import ingest_distributed

        return ingest_distributed(paths, settings, store, published=published,
                                  progress=progress, shard_dir=shard_dir)
    started = time.perf_counter()
    report = IngestReport()
    size = max(1, int(settings.batch_size))
    pending: set[str] = set()
    docs = read_sources(paths, settings, published=published, report=report.reading)
    fresh = _unstored(docs, store, report, pending, size)
    first = next(fresh, None)
    if first is not None:
        pipeline = _pipeline(settings)
        report.coder_version = pipeline.version
        for batch in _batches(_counted(_code(pipeline, chain([first], fresh), settings),
                                       report, progress), size):
            _commit(store, batch, report, pending)
            update_clusters(store, settings, final=False)  # dedup: may wait for more
            _notify(progress, report)
    update_clusters(store, settings)  # deduplication: cluster what this run stored
    report.seconds = time.perf_counter() - started
    return report


def _pipeline(settings: Settings) -> Any:
    from .pipeline import get_pipeline  # loads spaCy: only when there is work

    return get_pipeline(settings)


def _unstored(docs: Iterable[Document], store: Store, report: IngestReport, pending: set[str],
              size: int) -> Iterator[Document]:
    """The documents neither stored nor already on their way to the store in this run."""
    for chunk in _batches(docs, size):
        known = store.known_documents([d.doc_id for d in chunk])
        for doc in chunk:
            if doc.doc_id in known or doc.doc_id in pending:
                report.already_stored += 1
                continue
            pending.add(doc.doc_id)
            yield doc


def _code(pipeline: Any, docs: Iterable[Document], settings: Settings) -> Iterator[Coded]:
    """Code documents with the pipeline; with ``store_sentences`` keep their sentences too."""
    if not settings.store_sentences:
        for document, events in pipeline.pipe(docs):
            yield Coded(document, events)
        return
    # Pipeline.pipe does not hand out the parsed Doc, so parse here with its public parts.
    stream = pipeline.nlp.pipe(((d.text, d) for d in docs), as_tuples=True,
                               batch_size=max(1, int(settings.batch_size)))
    for doc, document in stream:
        sentences = tuple((s.start_char, s.end_char, s.text) for s in doc.sents)
        yield Coded(document, pipeline.code_parsed(doc, document), sentences)


def _counted(coded: Iterable[Coded], report: IngestReport,
             progress: Progress | None) -> Iterator[Coded]:
    for item in coded:
        report.coded += 1
        report.found += len(item.events)
        _notify(progress, report)
        yield item


def _commit(store: Store, batch: list[Coded], report: IngestReport, pending: set[str]) -> None:
    documents, events = store.add_coded(batch, report.coder_version)
    report.already_stored += len(batch) - documents
    report.new += documents
    report.events += events
    report.batches += 1
    pending.difference_update(c.document.doc_id for c in batch)
    logger.info("committed batch %d: %d documents, %d events (%d documents stored this run)",
                report.batches, documents, events, report.new)


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _notify(progress: Progress | None, report: Any) -> None:
    if progress is not None:
        progress(report)


def recode(settings: Settings, store: Store, *, progress: Progress | None = None,
           shard_dir: str | Path | None = None) -> RecodeReport:
    """Code every stored document again with the current coder and replace its events.

    With ``workers`` > 0 or a ``scheduler`` the work goes to Dask, as for ``ingest``.
    """
    if settings.workers or settings.scheduler:
        from .distributed import recode_distributed

        return recode_distributed(settings, store, progress=progress, shard_dir=shard_dir)
    started = time.perf_counter()
    report = RecodeReport()
    size = max(1, int(settings.batch_size))
    pipeline = None
    for page in store.document_pages(size):
        pipeline = pipeline or _pipeline(settings)
        report.coder_version = pipeline.version
        coded = list(_code(pipeline, page, settings))
        report.changes += store.replace_coded(coded, pipeline.version)
        update_clusters(store, settings, final=False)  # dedup: may wait for more
        report.documents += len(coded)
        report.batches += 1
        logger.info("recoded batch %d: %d documents", report.batches, len(coded))
        _notify(progress, report)
    update_clusters(store, settings)  # deduplication: re-cluster what was recoded
    report.seconds = time.perf_counter() - started
    return report
