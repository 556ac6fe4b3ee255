"""The Python API: code a text or a stream of documents in one call."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from .errors import ConfigError
from .ingest import read_text
from .pipeline import get_pipeline
from .records import Document, Event
from .settings import Settings

__all__ = ["code_documents", "code_text"]


def _as_date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"published: expected a date as YYYY-MM-DD, got {value!r}") from None


def code_text(text: str, published: date | str | None = None, *, title: str | None = None,
              url: str | None = None, publisher: str | None = None,
              settings: Settings | None = None) -> list[Event]:
    """Code the events of one text; ``published`` anchors relative dates."""
    document = read_text(text, published=_as_date(published), title=title, url=url,
                         publisher=publisher)
    return get_pipeline(settings).code(document)


def code_documents(documents: Iterable[Document | str],
                   settings: Settings | None = None) -> Iterator[tuple[Document, list[Event]]]:
    """Yield ``(document, events)`` for Documents (or plain strings), parsing in batches."""
    docs = (d if isinstance(d, Document) else read_text(d) for d in documents)
    yield from get_pipeline(settings).pipe(docs)
