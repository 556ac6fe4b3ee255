"""The Python API: code a text or a stream of documents in one call."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from .ingest import read_text
from .pipeline import get_pipeline
from .query import as_date
from .records import Document, Event
from .settings import Settings

__all__ = ["code_documents", "code_text"]


def code_text(text: str, published: date | str | None = None, *, title: str | None = None,
              url: str | None = None, publisher: str | None = None,
              settings: Settings | None = None) -> list[Event]:
    """Code the events of one text; ``published`` anchors relative dates."""
    document = read_text(text, published=as_date(published, "published"), title=title, url=url,
                         publisher=publisher)
    return get_pipeline(settings).code(document)


def code_documents(documents: Iterable[Document | str],
                   settings: Settings | None = None) -> Iterator[tuple[Document, list[Event]]]:
    """Yield ``(document, events)`` for Documents (or plain strings), parsing in batches."""
    docs = (d if isinstance(d, Document) else read_text(d) for d in documents)
    yield from get_pipeline(settings).pipe(docs)
